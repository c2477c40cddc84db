/*
 * ui-edit.c - the one-line text editor used by every text field of the
 * full-screen program (see ui-edit.h for why it is not formw), and the
 * UTF-8 encoding the drawing code shares with it.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui-edit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-screen.h"

static bool edit_grow(struct ui_edit *e, size_t need)
{
	wchar_t *nb;
	size_t cap;

	if (need <= e->cap)
		return true;
	cap = e->cap ? e->cap * 2 : 64;
	while (cap < need)
		cap *= 2;
	nb = realloc(e->buf, cap * sizeof *nb);
	if (!nb)
		return false;
	e->buf = nb;
	e->cap = cap;
	return true;
}

void ui_edit_init(struct ui_edit *e, const char *initial, size_t max_chars)
{
	memset(e, 0, sizeof *e);
	e->max = max_chars;
	if (!initial)
		return;
	while (*initial && e->len < max_chars) {
		uint32_t cp;
		size_t n = text_next(initial, &cp);

		initial += n;
		/* A note may hold line breaks and tabs from the command line:
		 * the one-line editor keeps them, shown as a sign of their own
		 * (edit_sign), so saving an unchanged note changes nothing.
		 * Other control characters the store never holds. */
		if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F)
			cp = ' ';
		if (!edit_grow(e, e->len + 1))
			break;
		e->buf[e->len++] = (wchar_t)cp;
	}
	e->cur = e->len;
}

void ui_edit_free(struct ui_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

char *ui_edit_text(const struct ui_edit *e)
{
	char *out = malloc(e->len * 4 + 1), *p = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < e->len; i++)
		p += text_put_utf8((uint32_t)e->buf[i], p);
	*p = '\0';
	return out;
}

static enum ui_edit_result edit_insert(struct ui_edit *e, wchar_t c)
{
	if (e->len >= e->max)
		return EDIT_FULL;
	if (!edit_grow(e, e->len + 1))
		return EDIT_FULL;
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->len++;
	return EDIT_CHANGED;
}

static void edit_remove(struct ui_edit *e, size_t at)
{
	memmove(e->buf + at, e->buf + at + 1, (e->len - at - 1) * sizeof *e->buf);
	e->len--;
}

/* Ctrl-W and Ctrl-U as in a shell: delete a word or the text before. */
static enum ui_edit_result edit_kill_back(struct ui_edit *e, bool word)
{
	size_t from = e->cur;

	if (word) {
		while (from > 0 && iswspace((wint_t)e->buf[from - 1]))
			from--;
		while (from > 0 && !iswspace((wint_t)e->buf[from - 1]))
			from--;
	} else {
		from = 0;
	}
	if (from == e->cur)
		return EDIT_MOVED;
	memmove(e->buf + from, e->buf + e->cur, (e->len - e->cur) * sizeof *e->buf);
	e->len -= e->cur - from;
	e->cur = from;
	return EDIT_CHANGED;
}

enum ui_edit_result ui_edit_key(struct ui_edit *e, int ch)
{
	switch (ch) {
	case '\n': case '\r': case UI_FK(KEY_ENTER):
		/* Never saved: a stand-in for input that was not understood. */
		for (size_t i = 0; i < e->len; i++)
			if (e->buf[i] == 0xFFFD)
				return EDIT_BAD;
		return EDIT_DONE;
	case UI_ESC:
		return EDIT_CANCEL;
	case UI_FK(KEY_LEFT): case 2: /* Ctrl-B */
		if (e->cur > 0) e->cur--;
		return EDIT_MOVED;
	case UI_FK(KEY_RIGHT): case 6: /* Ctrl-F */
		if (e->cur < e->len) e->cur++;
		return EDIT_MOVED;
	case UI_FK(KEY_HOME): case 1: /* Ctrl-A */
		e->cur = 0;
		return EDIT_MOVED;
	case UI_FK(KEY_END): case 5: /* Ctrl-E */
		e->cur = e->len;
		return EDIT_MOVED;
	case UI_FK(KEY_BACKSPACE): case 127: case 8:
		if (e->cur == 0)
			return EDIT_MOVED;
		edit_remove(e, --e->cur);
		return EDIT_CHANGED;
	case UI_FK(KEY_DC): case 4: /* Ctrl-D */
		if (e->cur >= e->len)
			return EDIT_MOVED;
		edit_remove(e, e->cur);
		return EDIT_CHANGED;
	case 23: /* Ctrl-W */
		return edit_kill_back(e, true);
	case 21: /* Ctrl-U */
		return edit_kill_back(e, false);
	case 11: /* Ctrl-K: delete to the end */
		if (e->cur == e->len)
			return EDIT_MOVED;
		e->len = e->cur;
		return EDIT_CHANGED;
	default:
		break;
	}
	if (ch & UI_FK(0))
		return EDIT_UNHANDLED;
	if (ch == '\t')
		ch = ' ';
	if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0) || ch > 0x10FFFF)
		return EDIT_UNHANDLED;
	return edit_insert(e, (wchar_t)ch);
}

static int edit_char_width(uint32_t cp)
{
	return cp == '\n' || cp == '\t' ? 1 : text_char_width(cp);
}

static int edit_cols(const struct ui_edit *e, size_t from, size_t to)
{
	int w = 0;

	for (; from < to; from++)
		w += edit_char_width((uint32_t)e->buf[from]);
	return w;
}

/* How a line break or a tab in the text is shown: one column each. */
static const char *edit_sign(uint32_t cp, bool utf8)
{
	if (cp == '\n')
		return utf8 ? "\xe2\x86\xb5" : "|";    /* ↵ */
	if (cp == '\t')
		return utf8 ? "\xe2\x86\x92" : ">";    /* → */
	return NULL;
}

void ui_edit_draw(struct ui_edit *e, struct ui *ui, int y, int x, int w)
{
	size_t i;
	int col = 0;

	if (w < 2)
		return;
	/* Keep the cursor in view with one free column after it. */
	if (e->cur < e->scroll)
		e->scroll = e->cur;
	while (e->scroll < e->cur && edit_cols(e, e->scroll, e->cur) > w - 1)
		e->scroll++;
	/* Show as much as fits before the cursor after deleting at the end. */
	while (e->scroll > 0 && edit_cols(e, e->scroll - 1, e->len) <= w - 1)
		e->scroll--;

	attrset(ui_role_attr(ui, ROLE_SELECTED));
	mvhline(y, x, ' ', w);
	move(y, x);
	for (i = e->scroll; i < e->len; i++) {
		int cw = edit_char_width((uint32_t)e->buf[i]);
		const char *sign = edit_sign((uint32_t)e->buf[i], ui->utf8);

		if (col + cw > w)
			break;
		if (sign) {
			attrset(ui_role_attr(ui, ROLE_DIM) | A_REVERSE);
			addstr(sign);
			attrset(ui_role_attr(ui, ROLE_SELECTED));
		} else if (ui->utf8 || e->buf[i] < 0x80) {
			wchar_t one[2] = { e->buf[i], 0 };

			addnwstr(one, 1);
		} else {
			addch('?');
		}
		col += cw;
	}
	if (e->scroll > 0)
		mvaddstr(y, x, "<");
	attrset(A_NORMAL);
	ui->cur_y = y;
	ui->cur_x = x + edit_cols(e, e->scroll, e->cur);
}
