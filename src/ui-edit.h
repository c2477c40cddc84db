/*
 * ui-edit.h - a one-line text editor for names, notes and the search field,
 * written by hand rather than with formw: formw counts bytes in places and
 * gets combining and wide characters wrong, while this one works on code
 * points and display widths.  It keeps the text as code points, scrolls long
 * text horizontally and converts to and from UTF-8 itself (independent of
 * the locale), so what is saved is always valid UTF-8.
 */
#ifndef SMREADY_UI_EDIT_H
#define SMREADY_UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct ui;

struct ui_edit {
	wchar_t *buf;             /* code points, not NUL-terminated */
	size_t len, cap;
	size_t max;               /* most characters allowed */
	size_t cur;               /* cursor position 0..len */
	size_t scroll;            /* first character shown */
};

enum ui_edit_result {
	EDIT_UNHANDLED = 0,       /* not an editing key: the caller may use it */
	EDIT_MOVED,               /* cursor moved, text unchanged */
	EDIT_CHANGED,             /* text changed */
	EDIT_DONE,                /* Enter */
	EDIT_CANCEL,              /* Esc */
	EDIT_FULL,                /* a character was refused: too long */
	EDIT_BAD                  /* Enter refused: the text holds U+FFFD, where
	                             input was not UTF-8 (UI_EDIT_BAD says so) */
};

/* What to show for EDIT_BAD (a msgid). */
#define UI_EDIT_BAD N_("The text still holds \xef\xbf\xbd where a byte was not UTF-8: " \
                       "correct it, then press Enter.")

/* Starts editing initial (UTF-8, may be NULL) with the cursor at the end. */
void ui_edit_init(struct ui_edit *e, const char *initial, size_t max_chars);
void ui_edit_free(struct ui_edit *e);
/* Handles one key from get_wch (UI_FK() for function keys). */
enum ui_edit_result ui_edit_key(struct ui_edit *e, int ch);
/* The text as a malloc'd UTF-8 string (NULL only when out of memory). */
char *ui_edit_text(const struct ui_edit *e);
/* Draws the field in w columns at (y, x) and puts the cursor in ui. */
void ui_edit_draw(struct ui_edit *e, struct ui *ui, int y, int x, int w);

#endif
