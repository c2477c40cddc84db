/*
 * ui-draw.h - drawing helpers every screen uses: text cut and padded by
 * display width, roles instead of raw colours (so no state is shown by
 * colour alone and NO_COLOR works in one place), symbols with an ASCII
 * fallback, bars, word wrapping and a scrolling "document" cursor.
 */
#ifndef SMREADY_UI_DRAW_H
#define SMREADY_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "attr.h"

struct ui;

enum ui_role {
	ROLE_NORMAL = 0,
	ROLE_TITLE,               /* top bar */
	ROLE_TITLE_ALERT,         /* read-only notice in the top bar */
	ROLE_HEADER,              /* column and section headers */
	ROLE_SELECTED,            /* the cursor row */
	ROLE_DIM,
	ROLE_GOOD,
	ROLE_BAD,
	ROLE_WARN,
	ROLE_KEY,                 /* key names on the key bar */
	ROLE_ERROR,               /* status line error */
	ROLE_BOLD,
	ROLE_COUNT
};

enum ui_sym {
	SYM_UP, SYM_DOWN, SYM_SAME, SYM_CURSOR, SYM_CARRIED, SYM_NOTE,
	SYM_CHECK, SYM_CROSS, SYM_FULL, SYM_EMPTY, SYM_DASH, SYM_ARROW,
	SYM_MARK, SYM_ELLIPSIS, SYM_BULLET, SYM_HLINE,
	SYM_OTHER,                /* changed by someone else since it was shown */
	SYM_COUNT
};

/* Sets up colour pairs (unless NO_COLOR or no colours). */
void ui_draw_init(struct ui *ui);
int ui_role_attr(const struct ui *ui, enum ui_role role);

/* Draws s at (y, x) cut to w columns; pad: fill up to w with spaces.
 * Returns the columns drawn. */
int ui_put(struct ui *ui, int y, int x, int w, enum ui_role role, const char *s, bool pad);
/* printf-style ui_put without padding. */
int ui_putf(struct ui *ui, int y, int x, int w, enum ui_role role, const char *fmt, ...)
	PRINTF_LIKE(6, 7);
void ui_fill(struct ui *ui, int y, int x, int w, enum ui_role role);
const char *ui_sym(const struct ui *ui, enum ui_sym sym);
/* Lines and frames drawn with characters, not the terminal's alternate
 * character set, which some terminal/multiplexer pairs show as letters. */
void ui_hline(struct ui *ui, int y, int x, int w, enum ui_role role);
void ui_frame(struct ui *ui, int y, int x, int h, int w, enum ui_role role);

/* The top bar: title on the left, read-only notice on the right. */
void ui_title(struct ui *ui, const char *title);
/* A horizontal bar of w columns for value 0..100 (SCORE_NONE: empty). */
void ui_meter(struct ui *ui, int y, int x, int w, int value, enum ui_role role);
/* "▲ +12", "▼ -5", "= 0" (ASCII fallback); role gets its colour. */
void ui_delta(const struct ui *ui, int delta, char *buf, size_t bufsz, enum ui_role *role);
/* Role for a readiness level (the level's name is always written too). */
enum ui_role ui_level_role(int level);
/* Translated level name, "-" for none. */
const char *ui_level_name(int level);
/* The local date in the locale's form (timefmt_date), or "-" for 0. */
void ui_date(long long t, char *buf, size_t bufsz);
/* "Reopened on 02.11.2026: why" for a reopening event (n: how many
 * reopenings there were in all, ev the last of them: "Reopened 2 times,
 * last on ..." when more than one); false, buf empty, for another event. */
struct assessment_event;
bool ui_reopen_line(const struct assessment_event *ev, int n, char *buf, size_t bufsz);
/* Display width of a string after the ASCII fallback. */
int ui_width(const struct ui *ui, const char *s);


/* Word wrap: splits s into lines of at most width columns. */
struct ui_span {
	const char *s;
	size_t len;
};
int ui_wrap(const char *s, int width, struct ui_span *out, int max);
/* Draws one wrapped line like ui_put (no padding). */
void ui_put_span(struct ui *ui, int y, int x, int w, enum ui_role role,
                 const struct ui_span *sp);

/*
 * A document taller than the screen: lines are numbered from 0, and only
 * those inside [scroll, scroll + height) are drawn, at screen row top + n -
 * scroll.  After drawing, lines holds the document's length.
 */
struct ui_doc {
	int top, height, scroll;
	int x, width;
	int lines;
};
/* Screen row of the next document line, or -1 when it is out of view. */
int ui_doc_row(struct ui_doc *d);
/* Wrapped text with an indent; returns the lines used. */
int ui_doc_text(struct ui *ui, struct ui_doc *d, int indent, enum ui_role role, const char *s);
/* A hanging paragraph: prefix at indent, text wrapped at column hang. */
int ui_doc_hang(struct ui *ui, struct ui_doc *d, int indent, const char *prefix,
                enum ui_role prefix_role, int hang, enum ui_role role, const char *s);
/* A note as "Note: ..." with every further line of it under its text. */
int ui_doc_note(struct ui *ui, struct ui_doc *d, int indent, enum ui_role role,
                const char *note);
/* After drawing rows scroll.. of n in the height rows from y: an arrow in
 * the last column of the first row when rows are hidden above, and of
 * the last when rows are hidden below. */
void ui_list_more(struct ui *ui, int y, int height, size_t scroll, size_t n);
/* After drawing: a "more below" arrow in the last row when the document
 * goes on past the screen. */
void ui_doc_more(struct ui *ui, const struct ui_doc *d);
/* Clamps a scroll position for a document of n lines in height rows. */
int ui_scroll_clamp(int scroll, int n, int height);

/* Rows of the body: from 1 to LINES - 3 (title, status and key bar). */
int ui_body_top(void);
int ui_body_height(void);

#endif
