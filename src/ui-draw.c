/*
 * ui-draw.c - drawing helpers for the screens: width-aware text, roles and
 * colours, symbols with an ASCII fallback, bars, dates, word wrap and the
 * scrolling document cursor.  Owns the mapping from roles to curses
 * attributes and nothing else.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui-draw.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "scoring.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"
#include "ui-edit.h"
#include "ui-screen.h"

enum { PAIR_TITLE = 1, PAIR_ALERT, PAIR_HEADER, PAIR_SELECTED, PAIR_GOOD,
       PAIR_BAD, PAIR_WARN, PAIR_KEY, PAIR_ERROR };

void ui_draw_init(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");

	ui->colour = has_colors() && !(nc && *nc);
	if (!ui->colour)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_ALERT, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_HEADER, COLOR_CYAN, -1);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_GOOD, COLOR_GREEN, -1);
	init_pair(PAIR_BAD, COLOR_RED, -1);
	init_pair(PAIR_WARN, COLOR_YELLOW, -1);
	init_pair(PAIR_KEY, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_ERROR, COLOR_WHITE, COLOR_RED);
}

int ui_role_attr(const struct ui *ui, enum ui_role role)
{
	/* Without colour every role still differs by weight or reverse video
	 * where it matters, and the text always names the state. */
	static const int mono[ROLE_COUNT] = {
		[ROLE_NORMAL] = A_NORMAL,
		[ROLE_TITLE] = A_REVERSE,
		[ROLE_TITLE_ALERT] = A_BOLD,
		[ROLE_HEADER] = A_BOLD,
		[ROLE_SELECTED] = A_REVERSE,
		[ROLE_DIM] = A_DIM,
		[ROLE_GOOD] = A_NORMAL,
		[ROLE_BAD] = A_BOLD,
		[ROLE_WARN] = A_BOLD,
		[ROLE_KEY] = A_REVERSE,
		[ROLE_ERROR] = A_BOLD | A_REVERSE,
		[ROLE_BOLD] = A_BOLD,
	};
	static const int pair[ROLE_COUNT] = {
		[ROLE_TITLE] = PAIR_TITLE, [ROLE_TITLE_ALERT] = PAIR_ALERT,
		[ROLE_HEADER] = PAIR_HEADER, [ROLE_SELECTED] = PAIR_SELECTED,
		[ROLE_GOOD] = PAIR_GOOD, [ROLE_BAD] = PAIR_BAD,
		[ROLE_WARN] = PAIR_WARN, [ROLE_KEY] = PAIR_KEY,
		[ROLE_ERROR] = PAIR_ERROR,
	};

	if ((unsigned)role >= ROLE_COUNT)
		return A_NORMAL;
	if (!ui->colour)
		return mono[role];
	switch (role) {
	case ROLE_TITLE: case ROLE_SELECTED: case ROLE_KEY: case ROLE_GOOD:
	case ROLE_HEADER:
		return (int)COLOR_PAIR(pair[role]) | (role == ROLE_HEADER ? A_BOLD : 0);
	case ROLE_TITLE_ALERT: case ROLE_BAD: case ROLE_WARN: case ROLE_ERROR:
		return (int)COLOR_PAIR(pair[role]) | A_BOLD;
	default:
		return mono[role];
	}
}

const char *ui_sym(const struct ui *ui, enum ui_sym sym)
{
	static const char *const utf8[SYM_COUNT] = {
		[SYM_UP] = "▲", [SYM_DOWN] = "▼", [SYM_SAME] = "=",
		[SYM_CURSOR] = "▸", [SYM_CARRIED] = "↻", [SYM_NOTE] = "✎",
		[SYM_CHECK] = "✓", [SYM_CROSS] = "✗", [SYM_FULL] = "█",
		[SYM_EMPTY] = "░", [SYM_DASH] = "–", [SYM_ARROW] = "→",
		[SYM_MARK] = "●", [SYM_ELLIPSIS] = "…", [SYM_BULLET] = "•",
		[SYM_HLINE] = "─", [SYM_OTHER] = "◆",
	};
	static const char *const ascii[SYM_COUNT] = {
		[SYM_UP] = "^", [SYM_DOWN] = "v", [SYM_SAME] = "=",
		[SYM_CURSOR] = ">", [SYM_CARRIED] = "~", [SYM_NOTE] = "*",
		[SYM_CHECK] = "+", [SYM_CROSS] = "x", [SYM_FULL] = "#",
		[SYM_EMPTY] = ".", [SYM_DASH] = "-", [SYM_ARROW] = "->",
		[SYM_MARK] = "*", [SYM_ELLIPSIS] = "...", [SYM_BULLET] = "*",
		[SYM_HLINE] = "-", [SYM_OTHER] = "@",
	};

	if ((unsigned)sym >= SYM_COUNT)
		return "";
	return ui->utf8 ? utf8[sym] : ascii[sym];
}

void ui_hline(struct ui *ui, int y, int x, int w, enum ui_role role)
{
	int i;

	if (y < 0 || y >= LINES)
		return;
	attrset(ui_role_attr(ui, role));
	move(y, x);
	for (i = 0; i < w && x + i < COLS; i++)
		addstr(ui_sym(ui, SYM_HLINE));
	attrset(A_NORMAL);
}

void ui_frame(struct ui *ui, int y, int x, int h, int w, enum ui_role role)
{
	const char *v = ui->utf8 ? "│" : "|";
	int i;

	if (h < 2 || w < 2)
		return;
	ui_hline(ui, y, x, w, role);
	ui_hline(ui, y + h - 1, x, w, role);
	attrset(ui_role_attr(ui, role));
	for (i = 1; i < h - 1; i++) {
		mvaddstr(y + i, x, v);
		mvaddstr(y + i, x + w - 1, v);
	}
	mvaddstr(y, x, ui->utf8 ? "┌" : "+");
	mvaddstr(y, x + w - 1, ui->utf8 ? "┐" : "+");
	mvaddstr(y + h - 1, x, ui->utf8 ? "└" : "+");
	mvaddstr(y + h - 1, x + w - 1, ui->utf8 ? "┘" : "+");
	attrset(A_NORMAL);
}

/* A display copy: controls become spaces, and without a UTF-8 locale every
 * non-ASCII character becomes one '?', so widths stay right. */
static char *draw_clean(const struct ui *ui, const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1), *p = out;

	if (!out)
		return NULL;
	while (*s) {
		uint32_t cp;
		size_t len = text_next(s, &cp);

		if (cp < 0x20 || cp == 0x7F) {
			*p++ = ' ';
		} else if (!ui->utf8 && cp >= 0x80) {
			*p++ = '?';
		} else if (cp == 0xFFFD && !(len == 3 && (unsigned char)s[0] == 0xEF)) {
			*p++ = '?';
		} else {
			memcpy(p, s, len);
			p += len;
		}
		s += len;
	}
	*p = '\0';
	return out;
}

int ui_width(const struct ui *ui, const char *s)
{
	char *c = draw_clean(ui, s);
	int w = c ? text_width(c) : 0;

	free(c);
	return w;
}

/* Cells of a ui_put() that takes no measuring: more go the general way. */
#define PUT_FAST_MAX 256

/* ui_put() of printable ASCII that fits: every byte one cell as it is, so
 * the cells go to the window as they are, without cleaning, measuring,
 * cutting or curses' own character processing (most of a frame's cost).
 * The cells, attributes and cursor are those of the general way; -1 when
 * the text is not such or would reach the last column (where addstr
 * wraps the cursor). */
static int put_fast(struct ui *ui, int y, int x, int w, enum ui_role role, const char *s,
                    bool pad)
{
	chtype cells[PUT_FAST_MAX];
	chtype attr;
	int n = 0, end;

	while (s[n] >= 0x20 && s[n] < 0x7f && n <= w)
		n++;
	if (s[n] != '\0' || n > w)
		return -1;
	end = pad ? w : n;
	if (end > PUT_FAST_MAX || x + end >= COLS)
		return -1;
	attr = (chtype)ui_role_attr(ui, role);
	for (int i = 0; i < n; i++)
		cells[i] = (chtype)(unsigned char)s[i] | attr;
	for (int i = n; i < end; i++)
		cells[i] = (chtype)' ' | attr;
	if (end > 0)
		mvaddchnstr(y, x, cells, end);
	move(y, x + end);
	return end;
}

int ui_put(struct ui *ui, int y, int x, int w, enum ui_role role, const char *s, bool pad)
{
	char *clean, *buf;
	size_t bsz;
	int used;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	if ((used = put_fast(ui, y, x, w, role, s ? s : "", pad)) >= 0)
		return used;
	clean = draw_clean(ui, s ? s : "");
	if (!clean)
		return 0;
	bsz = strlen(clean) + (size_t)w + 8;
	buf = malloc(bsz);
	if (!buf) {
		free(clean);
		return 0;
	}
	text_cell(buf, bsz, clean, w, pad);
	if (!ui->utf8) {
		/* text_cell ends a cut text with U+2026; show a '.' instead. */
		char *e = strstr(buf, "\xe2\x80\xa6");

		if (e) {
			*e = '.';
			memmove(e + 1, e + 3, strlen(e + 3) + 1);
		}
	}
	used = text_width(buf);
	attrset(ui_role_attr(ui, role));
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
	free(buf);
	free(clean);
	return used;
}

int ui_putf(struct ui *ui, int y, int x, int w, enum ui_role role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(ui, y, x, w, role, buf, false);
}

void ui_fill(struct ui *ui, int y, int x, int w, enum ui_role role)
{
	if (y < 0 || y >= LINES || x >= COLS || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(ui_role_attr(ui, role));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void ui_title(struct ui *ui, const char *title)
{
	char buf[600];
	int right = 0;

	ui_fill(ui, 0, 0, COLS, ROLE_TITLE);
	if (ui->readonly) {
		const char *ro = _("READ-ONLY");
		int w = ui_width(ui, ro) + 2;

		snprintf(buf, sizeof buf, " %s ", ro);
		if (w < COLS / 2) {
			ui_put(ui, 0, COLS - w, w, ROLE_TITLE_ALERT, buf, true);
			right = w + 1;
		}
	}
	snprintf(buf, sizeof buf, " smready %s %s", ui_sym(ui, SYM_BULLET), title);
	ui_put(ui, 0, 0, COLS - right, ROLE_TITLE, buf, false);
}

void ui_meter(struct ui *ui, int y, int x, int w, int value, enum ui_role role)
{
	static const char *const eighths[8] = {
		"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"
	};
	int units, full, i;

	if (w <= 0 || y < 0 || y >= LINES)
		return;
	if (value < 0)
		value = 0;
	if (value > 100)
		value = 100;
	units = ui->utf8 ? (value * w * 8 + 50) / 100 : (value * w + 50) / 100;
	full = ui->utf8 ? units / 8 : units;
	attrset(ui_role_attr(ui, role));
	move(y, x);
	for (i = 0; i < full && x + i < COLS; i++)
		addstr(ui_sym(ui, SYM_FULL));
	if (ui->utf8 && i < w && units % 8) {
		addstr(eighths[units % 8]);
		i++;
	}
	attrset(ui_role_attr(ui, ROLE_DIM));
	for (; i < w && x + i < COLS; i++)
		addstr(ui_sym(ui, SYM_EMPTY));
	attrset(A_NORMAL);
}

void ui_delta(const struct ui *ui, int delta, char *buf, size_t bufsz, enum ui_role *role)
{
	if (delta > 0) {
		snprintf(buf, bufsz, "%s +%d", ui_sym(ui, SYM_UP), delta);
		*role = ROLE_GOOD;
	} else if (delta < 0) {
		snprintf(buf, bufsz, "%s %d", ui_sym(ui, SYM_DOWN), delta);
		*role = ROLE_BAD;
	} else {
		snprintf(buf, bufsz, "%s 0", ui_sym(ui, SYM_SAME));
		*role = ROLE_NORMAL;
	}
}

enum ui_role ui_level_role(int level)
{
	switch (level) {
	case LEVEL_READY: return ROLE_GOOD;
	case LEVEL_NEARLY: return ROLE_NORMAL;
	case LEVEL_EARLY: return ROLE_WARN;
	case LEVEL_NOT_READY: return ROLE_BAD;
	default: return ROLE_DIM;
	}
}

const char *ui_level_name(int level)
{
	if (level < LEVEL_NOT_READY || level >= LEVEL_COUNT)
		return "-";
	return _(scoring_level_name((enum level)level));
}

void ui_date(long long t, char *buf, size_t bufsz)
{
	/* in the locale's form: 03.03.2027 in German */
	if (!*timefmt_date(t, buf, bufsz))
		snprintf(buf, bufsz, "-");
}

bool ui_reopen_line(const struct assessment_event *ev, int n, char *buf, size_t bufsz)
{
	const char *why = ev->detail ? ev->detail : "";
	char date[32];

	buf[0] = '\0';
	if (!ev->kind || strcmp(ev->kind, "reopened") != 0)
		return false;
	ui_date(ev->at, date, sizeof date);
	if (n <= 1 && *why)
		/* TRANSLATORS: when a final assessment was made a draft
		 * again, and the reason given. */
		snprintf(buf, bufsz, _("Reopened on %s: %s"), date, why);
	else if (n <= 1)
		snprintf(buf, bufsz, _("Reopened on %s"), date);
	else if (*why)
		snprintf(buf, bufsz, P_("Reopened %d time, last on %s: %s",
		                        "Reopened %d times, last on %s: %s", n), n, date, why);
	else
		snprintf(buf, bufsz, P_("Reopened %d time, last on %s", "Reopened %d times, last on %s",
		                        n), n, date);
	return true;
}

int ui_wrap(const char *s, int width, struct ui_span *out, int max)
{
	int n = 0;

	if (!s || width < 1)
		return 0;
	while (*s && n < max) {
		const char *start, *q, *brk = NULL;
		int w = 0;

		if (n > 0)
			while (*s == ' ')
				s++;
		start = q = s;
		while (*q && *q != '\n') {
			uint32_t cp;
			size_t len = text_next(q, &cp);
			int cw = text_char_width(cp);

			if (w + cw > width)
				break;
			if (cp == ' ')
				brk = q;
			w += cw;
			q += len;
		}
		if (!*q || *q == '\n') {
			out[n].s = start;
			out[n++].len = (size_t)(q - start);
			s = *q ? q + 1 : q;
			continue;
		}
		if (brk && brk > start) {
			out[n].s = start;
			out[n++].len = (size_t)(brk - start);
			s = brk + 1;
		} else {
			uint32_t cp;

			if (q == start)       /* a character wider than the line */
				q += text_next(q, &cp);
			out[n].s = start;
			out[n++].len = (size_t)(q - start);
			s = q;
		}
	}
	return n;
}

void ui_put_span(struct ui *ui, int y, int x, int w, enum ui_role role,
                 const struct ui_span *sp)
{
	char *line = strndup(sp->s, sp->len);

	if (line)
		ui_put(ui, y, x, w, role, line, false);
	free(line);
}

int ui_doc_row(struct ui_doc *d)
{
	int line = d->lines++;

	if (line < d->scroll || line >= d->scroll + d->height)
		return -1;
	return d->top + line - d->scroll;
}

int ui_doc_text(struct ui *ui, struct ui_doc *d, int indent, enum ui_role role, const char *s)
{
	struct ui_span sp[64];
	int n = ui_wrap(s, d->width - indent, sp, 64), i;

	for (i = 0; i < n; i++) {
		int row = ui_doc_row(d);

		if (row >= 0)
			ui_put_span(ui, row, d->x + indent, d->width - indent, role, &sp[i]);
	}
	return n;
}

int ui_doc_hang(struct ui *ui, struct ui_doc *d, int indent, const char *prefix,
                enum ui_role prefix_role, int hang, enum ui_role role, const char *s)
{
	int first = d->lines, n = ui_doc_text(ui, d, hang, role, s);

	if (first >= d->scroll && first < d->scroll + d->height)
		ui_put(ui, d->top + first - d->scroll, d->x + indent, hang - indent,
		       prefix_role, prefix, false);
	return n;
}

int ui_doc_note(struct ui *ui, struct ui_doc *d, int indent, enum ui_role role,
                const char *note)
{
	/* TRANSLATORS: before a note, which follows on the same line. */
	const char *label = _("Note:");

	return ui_doc_hang(ui, d, indent, label, role, indent + ui_width(ui, label) + 1, role,
	                   note);
}

/* Whether the cell at (y, x) holds a blank: an arrow never covers text. */
static bool cell_blank(int y, int x)
{
	return (mvinch(y, x) & A_CHARTEXT) == ' ';
}

void ui_list_more(struct ui *ui, int y, int height, size_t scroll, size_t n)
{
	if (height <= 0)
		return;
	if (scroll > 0 && cell_blank(y, COLS - 2))
		ui_put(ui, y, COLS - 2, 1, ROLE_BOLD, ui_sym(ui, SYM_UP), false);
	if (scroll + (size_t)height < n && cell_blank(y + height - 1, COLS - 2))
		ui_put(ui, y + height - 1, COLS - 2, 1, ROLE_BOLD, ui_sym(ui, SYM_DOWN), false);
}

void ui_doc_more(struct ui *ui, const struct ui_doc *d)
{
	if (d->height > 0 && d->scroll + d->height < d->lines)
		ui_put(ui, d->top + d->height - 1, COLS - 3, 2, ROLE_BOLD, ui_sym(ui, SYM_DOWN), false);
}

int ui_scroll_clamp(int scroll, int n, int height)
{
	if (scroll > n - height)
		scroll = n - height;
	return scroll < 0 ? 0 : scroll;
}

int ui_body_top(void)
{
	return 1;
}

int ui_body_height(void)
{
	return LINES - 3 > 0 ? LINES - 3 : 0;
}

