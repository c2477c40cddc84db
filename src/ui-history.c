/*
 * ui-history.c - one company's assessments, newest first, under a small
 * chart of the overall score over time.  From here: open a result, resume
 * a draft, start a new assessment or a re-check, mark two and compare them,
 * reopen a final assessment (with a reason).
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "i18n.h"
#include "ui-draw.h"
#include "timefmt.h"
#include "ui-flow.h"
#include "ui-prompt.h"
#include "ui-screen.h"
#include "verdict.h"

#define CHART_ROWS 5
#define CHART_COL 11

struct history {
	struct ui_screen base;
	long long cid;
	struct company c;
	bool have_company;
	struct assessment *list;             /* newest first */
	size_t n;
	size_t sel, scroll;
	long long newest;                    /* the highest id loaded: a newer one is new */
	long long mark;
	bool users;                          /* a line for who made each one */
	long long ev_of;                     /* whose events ev holds (0: none) */
	struct assessment_event *ev;
	size_t n_ev;
	struct ui_pending pending;           /* of a start or reopen question */
};

static void history_free_list(struct history *h)
{
	store_assessment_free(h->list, h->n);
	h->list = NULL;
	h->n = 0;
}

static bool history_load(struct ui_screen *s, struct ui *ui)
{
	struct history *h = (struct history *)s;
	enum store_err err;
	long long keep = h->sel < h->n ? h->list[h->sel].id : 0;
	size_t i;

	if (h->have_company)
		store_company_clear(&h->c);
	h->have_company = false;
	history_free_list(h);
	err = store_company_get(ui->st, h->cid, &h->c);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	h->have_company = true;
	if (store_company_has_who(ui->st, h->cid, &h->users) != STORE_OK)
		h->users = false;         /* only the line goes: the list says the rest */
	err = store_assessment_list(ui->st, h->cid, &h->list, &h->n);
	if (err != STORE_OK) {
		h->list = NULL;
		h->n = 0;
		ui_store_error(ui, err);
	}
	for (i = 0; i < h->n; i++)
		if (h->list[i].id == keep)
			h->sel = i;
	/* An assessment that was not here before (a re-check or a new one
	 * started from this screen, or by another program) gets the cursor,
	 * so that Enter opens it and not the one it was started from. */
	for (i = h->n; i-- > 0;)
		if (h->newest && h->list[i].id > h->newest)
			h->sel = i;
	for (i = 0; i < h->n; i++)
		if (h->list[i].id > h->newest)
			h->newest = h->list[i].id;
	if (h->sel >= h->n)
		h->sel = h->n ? h->n - 1 : 0;
	h->ev_of = 0;               /* read again when drawn */
	return true;
}

/* The events of the assessment under the cursor, read when it changes. */
static void history_events(struct history *h, struct ui *ui)
{
	long long id = h->sel < h->n ? h->list[h->sel].id : 0;

	if (id == h->ev_of)
		return;
	store_events_free(h->ev, h->n_ev);
	h->ev = NULL;
	h->n_ev = 0;
	h->ev_of = id;
	if (id && store_assessment_events(ui->st, id, &h->ev, &h->n_ev) != STORE_OK) {
		h->ev = NULL;
		h->n_ev = 0;
	}
}

/* ---- drawing --------------------------------------------------------------- */

/* Whether an assessment has a bar in the chart: final and scored. */
static bool history_charted(const struct assessment *a)
{
	return a->status == ASSESS_FINAL && a->overall >= 0;
}

static bool history_has_chart(const struct history *h)
{
	size_t i;

	if (ui_body_height() < 19)
		return false;
	for (i = 0; i < h->n; i++)
		if (history_charted(&h->list[i]))
			return true;
	return false;
}

/* The final assessments with a score, oldest first, into out (n of them);
 * drafts are left out of the chart (the list below shows them). */
static size_t history_finals(const struct history *h, const struct assessment **out)
{
	size_t n = 0;
	long i;

	for (i = (long)h->n - 1; i >= 0; i--)
		if (history_charted(&h->list[i]))
			out[n++] = &h->list[i];
	return n;
}

/* One bar of w columns at x for a score, in eighths of a row (ASCII: '#'
 * for a cell at least half full), coloured by the level. */
static void history_draw_bar(struct ui *ui, int y, int x, int w, const struct assessment *a)
{
	static const char *const blocks[9] = {
		" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	int eighths = (a->overall * CHART_ROWS * 8 + 50) / 100, r, k;

	attrset(ui_role_attr(ui, ui_level_role(a->level)));
	for (r = 0; r < CHART_ROWS; r++) {
		int fill = eighths - (CHART_ROWS - 1 - r) * 8;
		const char *cell;

		fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
		cell = ui->utf8 ? blocks[fill] : (fill >= 4 ? "#" : " ");
		for (k = 0; k < w && x + k < COLS; k++)
			mvaddstr(y + r, x + k, cell);
	}
	attrset(A_NORMAL);
}

/* A level as a shade, so the dense chart does not tell levels by colour
 * alone: the better the level, the denser the mark. */
static const char *history_level_mark(const struct ui *ui, int level)
{
	static const char *const utf8[LEVEL_COUNT] = {
		[LEVEL_NOT_READY] = "░", [LEVEL_EARLY] = "▒",
		[LEVEL_NEARLY] = "▓", [LEVEL_READY] = "█",
	};
	static const char *const ascii[LEVEL_COUNT] = {
		[LEVEL_NOT_READY] = ".", [LEVEL_EARLY] = "-",
		[LEVEL_NEARLY] = "+", [LEVEL_READY] = "#",
	};

	if (level < LEVEL_NOT_READY || level >= LEVEL_COUNT)
		return " ";
	return ui->utf8 ? utf8[level] : ascii[level];
}

/* The legend of the level marks, right-aligned on row y after column
 * from, when it fits there. */
static void history_draw_legend(struct ui *ui, int y, int from)
{
	char buf[256];
	size_t len = 0;
	int lv, w;

	buf[0] = '\0';
	for (lv = LEVEL_READY; lv >= LEVEL_NOT_READY && len < sizeof buf; lv--)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s %s",
		                        lv == LEVEL_READY ? "" : "  ",
		                        history_level_mark(ui, lv), ui_level_name(lv));
	w = ui_width(ui, buf);
	if (from + 2 + w <= COLS - 1)
		ui_put(ui, y, COLS - 1 - w, w, ROLE_DIM, buf, false);
}

/* Few assessments: a labelled bar of four columns each, with its score
 * and date, newest right. */
static void history_draw_wide(struct ui *ui, int y, const struct assessment **f, size_t n)
{
	char date[32], buf[16];
	int x = 6;
	size_t i;

	for (i = 0; i < n; i++) {
		history_draw_bar(ui, y + 1, x + 3, 4, f[i]);
		snprintf(buf, sizeof buf, "%4d", f[i]->overall);
		ui_put(ui, y + 1 + CHART_ROWS, x + 3, 4, ROLE_BOLD, buf, false);
		ui_date(f[i]->completed, date, sizeof date);
		ui_put(ui, y + 2 + CHART_ROWS, x, CHART_COL - 1, ROLE_DIM, date, false);
		x += CHART_COL;
	}
}

/*
 * Many assessments: cw columns each (a bar and a gap, or one column when
 * even two do not fit), a row of level marks under the bars, and dates
 * under the first, the last and as many evenly spaced bars as fit with
 * two columns between labels.  The first date starts at its bar, the last
 * ends at its bar, the others are centred on theirs.
 */
static void history_draw_dense(struct ui *ui, int y, const struct assessment **f, size_t n,
                               int x0, int cw)
{
	int bw = cw > 1 ? (cw - 1 > 4 ? 4 : cw - 1) : 1;
	int last_x = x0 + ((int)n - 1) * cw + bw - 10, labels, j, prev_end = -100;
	char date[32];
	size_t i;

	for (i = 0; i < n; i++) {
		int x = x0 + (int)i * cw;

		history_draw_bar(ui, y + 1, x, bw, f[i]);
		attrset(ui_role_attr(ui, ui_level_role(f[i]->level)));
		for (j = 0; j < bw; j++)
			mvaddstr(y + 1 + CHART_ROWS, x + j, history_level_mark(ui, f[i]->level));
		attrset(A_NORMAL);
	}
	/* Labels of ten columns about four apart; each middle one goes to
	 * the bar nearest its even share of the row. */
	labels = (last_x - x0 + 12) / 14;
	if (labels < 2)
		labels = 2;
	for (j = 0; j < labels; j++) {
		int want = x0 + j * (last_x - x0) / (labels - 1) + 5, x;
		long k = (want - x0 - bw / 2 + cw / 2) / cw;

		k = k < 0 ? 0 : k > (long)n - 1 ? (long)n - 1 : k;
		x = x0 + (int)k * cw + bw / 2 - 5;
		if (j == 0) {
			k = 0;
			x = x0;
		} else if (j == labels - 1) {
			k = (long)n - 1;
			x = last_x;
		} else if (x + 12 > last_x) {
			continue;
		}
		if (x < prev_end + 2 || x < 0 || x + 10 > COLS)
			continue;
		ui_date(f[k]->completed, date, sizeof date);
		ui_put(ui, y + 2 + CHART_ROWS, x, 10, ROLE_DIM, date, false);
		prev_end = x + 10;
	}
}

/* The chart adapts to the number of final assessments and the width:
 * labelled bars while they fit, else a dense chart of all of them, else
 * the newest that fit (and a note saying so).  Returns its rows. */
static int history_draw_chart(struct history *h, struct ui *ui, int y)
{
	const struct assessment **f = malloc((h->n ? h->n : 1) * sizeof *f);
	size_t n, shown;
	int avail = COLS - 7, x;
	char buf[128];

	if (!f)
		return CHART_ROWS + 3;
	n = history_finals(h, f);
	x = 1 + ui_put(ui, y, 1, COLS - 2, ROLE_HEADER, _("Overall score over time"), false);
	ui_put(ui, y + 1, 1, 4, ROLE_DIM, " 100", false);
	ui_put(ui, y + 1 + CHART_ROWS / 2, 1, 4, ROLE_DIM, "  50", false);
	ui_put(ui, y + CHART_ROWS, 1, 4, ROLE_DIM, "   0", false);
	if ((int)n <= (COLS - 8) / CHART_COL) {
		history_draw_wide(ui, y, f, n);
	} else {
		shown = n > (size_t)avail ? (size_t)avail : n;
		if (shown < n) {
			snprintf(buf, sizeof buf, _("showing the last %d of %d"), (int)shown, (int)n);
			x += ui_putf(ui, y, x, COLS - x - 1, ROLE_WARN, "  %s %s",
			             ui_sym(ui, SYM_BULLET), buf);
		}
		history_draw_legend(ui, y, x);
		history_draw_dense(ui, y, f + (n - shown), shown, 6, avail / (int)shown);
	}
	free(f);
	return CHART_ROWS + 3;
}

struct hcols {
	int mark, no, date, status, score, level, assessor;
};

static void history_columns(struct history *h, struct ui *ui, struct hcols *c)
{
	char buf[16];
	int lv;

	c->mark = 3;
	/* TRANSLATORS: the column of an assessment's number within its
	 * company, abbreviated: 1 for the first one. */
	c->no = ui_width(ui, _("No."));
	snprintf(buf, sizeof buf, "%zu", h->n);
	if ((int)strlen(buf) > c->no)
		c->no = (int)strlen(buf);
	c->date = 10;
	c->status = ui_width(ui, _("Status"));
	if (ui_width(ui, _("final")) > c->status)
		c->status = ui_width(ui, _("final"));
	if (ui_width(ui, _("draft")) > c->status)
		c->status = ui_width(ui, _("draft"));
	c->score = ui_width(ui, _("Score")) > 5 ? ui_width(ui, _("Score")) : 5;
	c->level = ui_width(ui, _("Level"));
	/* Room for the mark of a level held back by stop signs. */
	for (lv = LEVEL_NOT_READY; lv < LEVEL_COUNT; lv++)
		if (ui_width(ui, ui_level_name(lv)) + 2 > c->level)
			c->level = ui_width(ui, ui_level_name(lv)) + 2;
	c->assessor = COLS - c->mark - c->no - c->date - c->status - c->score - c->level - 7;
}

static void history_draw_row(struct history *h, struct ui *ui, int y, const struct hcols *c,
                             size_t k)
{
	const struct assessment *a = &h->list[k];
	bool sel = k == h->sel, fin = a->status == ASSESS_FINAL;
	enum ui_role base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	char buf[64], mark[16];
	int x = 0;

	ui_fill(ui, y, 0, COLS, base);
	snprintf(mark, sizeof mark, "%s%s", sel ? ui_sym(ui, SYM_CURSOR) : " ",
	         a->id == h->mark ? ui_sym(ui, SYM_MARK) : " ");
	x += ui_put(ui, y, x, c->mark, base, mark, true);
	snprintf(buf, sizeof buf, "%*d", c->no & 15, a->number);
	x += ui_put(ui, y, x, c->no, base, buf, true) + 1;
	ui_date(fin ? a->completed : a->started, buf, sizeof buf);
	x += ui_put(ui, y, x, c->date, base, buf, true) + 1;
	x += ui_put(ui, y, x, c->status, sel ? base : (fin ? ROLE_NORMAL : ROLE_WARN),
	            fin ? _("final") : _("draft"), true) + 1;
	if (fin && a->overall >= 0)
		snprintf(buf, sizeof buf, "%*d", c->score & 31, a->overall);
	else
		snprintf(buf, sizeof buf, "%*s", c->score & 31, "-");
	x += ui_put(ui, y, x, c->score, base, buf, true) + 1;
	ui_put(ui, y, x, c->level, sel ? base : ui_level_role(fin ? a->level : -1),
	       fin ? ui_level_name(a->level) : "-", true);
	if (fin && verdict_held_back(a->level, a->overall))
		ui_put(ui, y, x + ui_width(ui, ui_level_name(a->level)) + 1, 1, sel ? base : ROLE_BAD,
		       "!", false);
	x += c->level + 1;
	if (a->reopened && !fin) {
		snprintf(buf, sizeof buf, "%s", _("(reopened)"));
		x += ui_put(ui, y, x, c->assessor, sel ? base : ROLE_DIM, buf, false) + 1;
		ui_put(ui, y, x, COLS - x, base, a->assessor, false);
	} else {
		ui_put(ui, y, x, c->assessor, base, a->assessor, false);
	}
}

/* Whether any of the assessments was ever reopened: then the detail
 * below the list takes two lines for every row, so the list does not
 * jump as the cursor moves. */
static bool history_any_reopened(const struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->list[i].reopened > 0)
			return true;
	return false;
}

/* Who started and who finished the assessment: the database users its
 * events name; false when none is known (a file, or changes made before
 * smready recorded them). */
static bool history_who(const struct history *h, char *out, size_t sz)
{
	const char *started = "", *finished = "";

	for (size_t i = 0; i < h->n_ev; i++) {
		const char *w = h->ev[i].who ? h->ev[i].who : "";

		if (h->ev[i].kind && strcmp(h->ev[i].kind, "created") == 0)
			started = w;
		else if (h->ev[i].kind && strcmp(h->ev[i].kind, "finalized") == 0)
			finished = w;
	}
	/* TRANSLATORS: the database users who made the assessment. */
	if (*started && *finished && strcmp(started, finished) == 0)
		snprintf(out, sz, _("Started and finished by %s"), started);
	else if (*started && *finished)
		snprintf(out, sz, _("Started by %s, finished by %s"), started, finished);
	else if (*started)
		snprintf(out, sz, _("Started by %s"), started);
	else if (*finished)
		snprintf(out, sz, _("Finished by %s"), finished);
	else
		return false;
	return true;
}

/* Whether the detail has a line for who made the assessment: on a database
 * with users (a server), or one that came from a server (a backup opened
 * as a file), for every row, so the list does not jump. */
static bool history_has_users(const struct history *h, struct ui *ui)
{
	return store_user(ui->st)[0] != '\0' || h->users;
}

/* The assessment under the cursor in full, from row y: its number, when
 * it was started and finished, on a server who did so, and (when it was
 * reopened) its last reopening with the reason, so a reopened result does
 * not look as if it had been final all along. */
static void history_draw_detail(struct history *h, struct ui *ui, int y)
{
	const struct assessment *a = &h->list[h->sel];
	const struct assessment_event *last = NULL;
	char buf[1200], d1[32], d2[32];
	int reopened = 0;

	ui_date(a->started, d1, sizeof d1);
	if (a->status == ASSESS_FINAL) {
		ui_date(a->completed, d2, sizeof d2);
		/* TRANSLATORS: the line under the history list about the
		 * assessment under the cursor. */
		snprintf(buf, sizeof buf, _("No. %d: started %s, finished %s"), a->number, d1, d2);
	} else {
		snprintf(buf, sizeof buf, _("No. %d: started %s, not finished yet"), a->number, d1);
	}
	ui_put(ui, y, 1, COLS - 2, ROLE_DIM, buf, false);
	if (history_has_users(h, ui) && history_who(h, buf, sizeof buf))
		ui_put(ui, y + 1, 1, COLS - 2, ROLE_DIM, buf, false);
	if (history_has_users(h, ui))
		y++;
	for (size_t i = 0; i < h->n_ev; i++)
		if (h->ev[i].kind && strcmp(h->ev[i].kind, "reopened") == 0) {
			reopened++;
			last = &h->ev[i];
		}
	if (last && ui_reopen_line(last, reopened, buf, sizeof buf))
		ui_put(ui, y + 1, 1, COLS - 2, ROLE_WARN, buf, false);
}

static void history_draw(struct ui_screen *s, struct ui *ui)
{
	struct history *h = (struct history *)s;
	char buf[600];
	struct hcols c;
	int y = ui_body_top(), x = 0, list_h, detail_h, i, bottom = ui_body_top() + ui_body_height();

	snprintf(buf, sizeof buf, _("History: %s"), h->have_company ? h->c.name : "");
	ui_title(ui, buf);
	if (!h->have_company) {
		ui_put(ui, y + 1, 2, COLS - 4, ROLE_NORMAL,
		       _("This company cannot be shown. Press Esc to go back."), false);
		return;
	}
	x = 1 + ui_put(ui, y, 1, COLS - 2, ROLE_BOLD, h->c.name, false);
	if (h->c.industry && *h->c.industry) {
		snprintf(buf, sizeof buf, "  %s %s", ui_sym(ui, SYM_BULLET), h->c.industry);
		x += ui_put(ui, y, x, COLS - x - 1, ROLE_NORMAL, buf, false);
	}
	if (h->c.contact && *h->c.contact) {
		snprintf(buf, sizeof buf, "  %s %s", ui_sym(ui, SYM_BULLET), h->c.contact);
		ui_put(ui, y, x, COLS - x - 1, ROLE_NORMAL, buf, false);
	}
	y += 2;
	if (history_has_chart(h))
		y += history_draw_chart(h, ui, y) + 1;
	if (h->n == 0) {
		ui_put(ui, y, 2, COLS - 4, ROLE_NORMAL,
		       _("No assessments yet. Press n to start the first one."), false);
		return;
	}
	history_columns(h, ui, &c);
	ui_fill(ui, y, 0, COLS, ROLE_HEADER);
	x = ui_put(ui, y, 0, c.mark, ROLE_HEADER, "", true);
	snprintf(buf, sizeof buf, "%*s", c.no + (int)strlen(_("No.")) - ui_width(ui, _("No.")),
	         _("No."));
	x += ui_put(ui, y, x, c.no, ROLE_HEADER, buf, true) + 1;
	x += ui_put(ui, y, x, c.date, ROLE_HEADER, _("Date"), true) + 1;
	x += ui_put(ui, y, x, c.status, ROLE_HEADER, _("Status"), true) + 1;
	snprintf(buf, sizeof buf, "%*s", c.score + (int)strlen(_("Score")) - ui_width(ui, _("Score")),
	         _("Score"));
	x += ui_put(ui, y, x, c.score, ROLE_HEADER, buf, true) + 1;
	x += ui_put(ui, y, x, c.level, ROLE_HEADER, _("Level"), true) + 1;
	ui_put(ui, y, x, c.assessor, ROLE_HEADER, _("Assessor"), true);
	y++;
	/* A blank row, then the selected one told in full. */
	detail_h = 1 + history_any_reopened(h) + history_has_users(h, ui);
	list_h = bottom - y - 1 - detail_h;
	if (list_h < 1) {
		list_h = bottom - y;
	} else {
		history_events(h, ui);
		history_draw_detail(h, ui, bottom - detail_h);
	}
	if (list_h < 1)
		return;
	if (h->sel < h->scroll)
		h->scroll = h->sel;
	if (h->sel >= h->scroll + (size_t)list_h)
		h->scroll = h->sel - (size_t)list_h + 1;
	/* A taller terminal (or a shorter list) shows the rows above
	 * instead of leaving the room below empty. */
	if (h->scroll + (size_t)list_h > h->n)
		h->scroll = h->n > (size_t)list_h ? h->n - (size_t)list_h : 0;
	for (i = 0; i < list_h && h->scroll + (size_t)i < h->n; i++)
		history_draw_row(h, ui, y + i, &c, h->scroll + (size_t)i);
	ui_list_more(ui, y, list_h, h->scroll, h->n);
}

/* ---- actions --------------------------------------------------------------------- */

static enum ui_reaction history_open(struct history *h, struct ui *ui)
{
	const struct assessment *a = &h->list[h->sel];

	return ui_open(ui, &(struct ui_request){
		.screen = a->status == ASSESS_FINAL ? UI_SCREEN_RESULT : UI_SCREEN_FORM,
		.assessment = a->id });
}

static enum ui_reaction history_open_compare(struct ui *ui, long long company,
                                             long long from, long long to)
{
	return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_COMPARE,
	                                         .company = company, .from = from, .to = to });
}

static enum ui_reaction history_compare(struct history *h, struct ui *ui)
{
	const struct assessment *a = &h->list[h->sel], *m = NULL;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->list[i].id == h->mark)
			m = &h->list[i];
	if (!m)
		return history_open_compare(ui, h->cid, 0, 0);
	if (m == a) {
		ui_error(ui, "%s", _("Mark one assessment with Space, move to another, then press c."));
		return UI_REDRAW;
	}
	/* The list is newest first: the one further down is the older. */
	if (m > a)
		return history_open_compare(ui, h->cid, m->id, a->id);
	return history_open_compare(ui, h->cid, a->id, m->id);
}

static enum ui_reaction discard_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	struct history *h = owner;
	enum store_err err;
	int n = 0;

	if (act != UI_ACT_YES)
		return UI_POP;
	ui_saving(ui);
	err = assess_discard(ui->st, h->pending.id, &n);
	if (err != STORE_OK)
		ui_store_error(ui, err);
	else
		ui_msg(ui, P_("Draft discarded with %d answer.", "Draft discarded with %d answers.", n), n);
	return UI_POP;
}

/* Asks before the draft under the cursor goes, with its answers. */
static enum ui_reaction history_discard(struct history *h, struct ui *ui)
{
	const struct assessment *a = &h->list[h->sel];
	char msg[300], date[TIMEFMT_DATE_SIZE];

	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	if (a->status != ASSESS_DRAFT) {
		ui_error(ui, "%s", _("Only a draft can be discarded; this assessment is final."));
		return UI_REDRAW;
	}
	if (a->reopened > 0) {
		ui_error(ui, "%s", _("This draft was final before it was reopened: finish it again "
		                     "(f in the questionnaire) instead of discarding it."));
		return UI_REDRAW;
	}
	timefmt_date(a->started, date, sizeof date);
	snprintf(msg, sizeof msg, _("Discard the draft of %s with all its answers and notes? This "
	                            "cannot be undone."), date);
	h->pending.id = a->id;
	return ui_ask_confirm(ui, msg, discard_chosen, h);
}

static enum ui_reaction history_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct history *h = (struct history *)s;

	switch (act) {
	case UI_ACT_BACK: return UI_POP;
	case UI_ACT_ASSESS:
	case UI_ACT_RECHECK:
		h->pending = (struct ui_pending){ .id = h->cid, .recheck = act == UI_ACT_RECHECK };
		return ui_start_assessment(ui, &h->pending);
	case UI_ACT_COMPARE:
		if (h->n == 0)
			return UI_NONE;
		return history_compare(h, ui);
	case UI_ACT_PLAN:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_PLAN, .company = h->cid });
	default: break;
	}
	if (h->n == 0)
		return UI_NONE;
	if (ui_list_move(&h->sel, h->n, 5, act))
		return UI_REDRAW;
	switch (act) {
	case UI_ACT_OPEN_ASSESSMENT: return history_open(h, ui);
	case UI_ACT_MARK:
		h->mark = h->mark == h->list[h->sel].id ? 0 : h->list[h->sel].id;
		if (h->mark)
			ui_msg(ui, "%s", _("Marked. Move to another assessment and press c to compare."));
		return UI_REDRAW;
	case UI_ACT_DISCARD:
		return history_discard(h, ui);
	case UI_ACT_REOPEN:
		if (h->list[h->sel].status != ASSESS_FINAL) {
			ui_error(ui, "%s", _("Only a final assessment can be reopened; this one is a draft."));
			return UI_REDRAW;
		}
		h->pending.id = h->list[h->sel].id;
		return ui_reopen_ask(ui, &h->pending);
	default:
		return UI_NONE;
	}
}

static bool history_can(const struct ui_screen *s, enum ui_action act)
{
	const struct history *h = (const struct history *)s;
	const struct assessment *a = h->sel < h->n ? &h->list[h->sel] : NULL;
	size_t finals = 0;

	for (size_t i = 0; i < h->n; i++)
		finals += h->list[i].status == ASSESS_FINAL;
	/* an archived company is not assessed (the flow says why) */
	bool active = !h->have_company || !h->c.archived;

	switch (act) {
	case UI_ACT_OPEN_ASSESSMENT:
	case UI_ACT_MARK:
		return a != NULL;
	case UI_ACT_ASSESS:
		return active;
	case UI_ACT_RECHECK:
		return active && finals > 0;
	case UI_ACT_COMPARE:
		return finals >= 2 || (h->mark && a && a->id != h->mark);
	case UI_ACT_REOPEN:
		return a && a->status == ASSESS_FINAL;
	case UI_ACT_DISCARD:
		return a && a->status == ASSESS_DRAFT && a->reopened == 0;
	default:
		return true;
	}
}

static bool history_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	((struct history *)s)->cid = req->company;
	return true;
}

static void history_destroy(struct ui_screen *s)
{
	struct history *h = (struct history *)s;

	store_events_free(h->ev, h->n_ev);
	history_free_list(h);
	if (h->have_company)
		store_company_clear(&h->c);
}

static const struct ui_binding history_keys[] = {
	{ UI_ACT_OPEN_ASSESSMENT, true },
	{ UI_ACT_ASSESS, true },
	{ UI_ACT_RECHECK, true },
	{ UI_ACT_MARK, true },
	{ UI_ACT_COMPARE, true },
	{ UI_ACT_REOPEN, true },
	{ UI_ACT_DISCARD, true },
	{ UI_ACT_PLAN, true },
	UI_BIND_MOVES(false),
	{ UI_ACT_BACK, true },
	{ UI_ACT_REFRESH, false },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, false },
};

const struct ui_screen_ops ui_history_ops = {
	.name = N_("History"),
	.size = sizeof(struct history),
	.keys = history_keys,
	.n_keys = UI_NBIND(history_keys),
	.init = history_init,
	.load = history_load,
	.can = history_can,
	.draw = history_draw,
	.key = history_key,
	.destroy = history_destroy,
};
