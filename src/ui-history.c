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
#include "ui-screens.h"

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
	long long mark;
	struct ui_pending pending;           /* of a start or reopen question */
};

static void history_free_list(struct history *h)
{
	store_assessment_free(h->list, h->n);
	h->list = NULL;
	h->n = 0;
}

static void history_load(struct history *h, struct ui *ui)
{
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
		return;
	}
	h->have_company = true;
	err = store_assessment_list(ui->st, h->cid, &h->list, &h->n);
	if (err != STORE_OK) {
		h->list = NULL;
		h->n = 0;
		ui_store_error(ui, err);
	}
	for (i = 0; i < h->n; i++)
		if (h->list[i].id == keep)
			h->sel = i;
	if (h->sel >= h->n)
		h->sel = h->n ? h->n - 1 : 0;
}

/* ---- drawing --------------------------------------------------------------- */

static bool history_has_chart(const struct history *h)
{
	size_t i;
	int finals = 0;

	for (i = 0; i < h->n; i++)
		if (h->list[i].status == ASSESS_FINAL && h->list[i].overall >= 0)
			finals++;
	return finals > 0 && ui_body_height() >= 19;
}

/* One column per final assessment, oldest left; bars in eighths of a row. */
static int history_draw_chart(struct history *h, struct ui *ui, int y)
{
	static const char *const blocks[9] = {
		" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	int cols = (COLS - 8) / CHART_COL, shown = 0, x, r;
	long i;

	ui_put(ui, y, 1, COLS - 2, ROLE_HEADER, _("Overall score over time"), false);
	for (i = (long)h->n - 1; i >= 0; i--)
		if (h->list[i].status == ASSESS_FINAL && h->list[i].overall >= 0)
			shown++;
	/* Only the newest ones when they do not all fit. */
	x = 6;
	for (i = (long)h->n - 1; i >= 0; i--) {
		const struct assessment *a = &h->list[i];
		int eighths, k;
		char date[32], buf[16];
		enum ui_role role = ui_level_role(a->level);

		if (a->status != ASSESS_FINAL || a->overall < 0)
			continue;
		if (shown-- > cols)
			continue;
		eighths = (a->overall * CHART_ROWS * 8 + 50) / 100;
		for (r = 0; r < CHART_ROWS; r++) {
			int fill = eighths - (CHART_ROWS - 1 - r) * 8;
			const char *cell;

			if (fill < 0)
				fill = 0;
			if (fill > 8)
				fill = 8;
			cell = ui->utf8 ? blocks[fill] : (fill >= 4 ? "#" : " ");
			attrset(ui_role_attr(ui, role));
			for (k = 0; k < 4; k++)
				mvaddstr(y + 1 + r, x + 3 + k, cell);
			attrset(A_NORMAL);
		}
		snprintf(buf, sizeof buf, "%4d", a->overall);
		ui_put(ui, y + 1 + CHART_ROWS, x + 3, 4, ROLE_BOLD, buf, false);
		ui_date(a->completed, date, sizeof date);
		ui_put(ui, y + 2 + CHART_ROWS, x, CHART_COL - 1, ROLE_DIM, date, false);
		x += CHART_COL;
	}
	ui_put(ui, y + 1, 1, 4, ROLE_DIM, " 100", false);
	ui_put(ui, y + 1 + CHART_ROWS / 2, 1, 4, ROLE_DIM, "  50", false);
	ui_put(ui, y + CHART_ROWS, 1, 4, ROLE_DIM, "   0", false);
	return CHART_ROWS + 3;
}

struct hcols {
	int mark, date, status, score, level, assessor;
};

static void history_columns(struct ui *ui, struct hcols *c)
{
	int lv;

	c->mark = 3;
	c->date = 10;
	c->status = ui_width(ui, _("Status"));
	if (ui_width(ui, _("final")) > c->status)
		c->status = ui_width(ui, _("final"));
	if (ui_width(ui, _("draft")) > c->status)
		c->status = ui_width(ui, _("draft"));
	c->score = ui_width(ui, _("Score")) > 5 ? ui_width(ui, _("Score")) : 5;
	c->level = ui_width(ui, _("Level"));
	for (lv = LEVEL_NOT_READY; lv < LEVEL_COUNT; lv++)
		if (ui_width(ui, ui_level_name(lv)) > c->level)
			c->level = ui_width(ui, ui_level_name(lv));
	c->assessor = COLS - c->mark - c->date - c->status - c->score - c->level - 6;
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
	ui_date(fin ? a->completed : a->started, buf, sizeof buf);
	x += ui_put(ui, y, x, c->date, base, buf, true) + 1;
	x += ui_put(ui, y, x, c->status, sel ? base : (fin ? ROLE_NORMAL : ROLE_WARN),
	            fin ? _("final") : _("draft"), true) + 1;
	if (fin && a->overall >= 0)
		snprintf(buf, sizeof buf, "%*d", c->score & 31, a->overall);
	else
		snprintf(buf, sizeof buf, "%*s", c->score & 31, "-");
	x += ui_put(ui, y, x, c->score, base, buf, true) + 1;
	x += ui_put(ui, y, x, c->level, sel ? base : ui_level_role(fin ? a->level : -1),
	            fin ? ui_level_name(a->level) : "-", true) + 1;
	if (a->reopened && !fin) {
		snprintf(buf, sizeof buf, "%s", _("(reopened)"));
		x += ui_put(ui, y, x, c->assessor, sel ? base : ROLE_DIM, buf, false) + 1;
		ui_put(ui, y, x, COLS - x, base, a->assessor, false);
	} else {
		ui_put(ui, y, x, c->assessor, base, a->assessor, false);
	}
}

static void history_draw(struct ui_screen *s, struct ui *ui)
{
	struct history *h = (struct history *)s;
	char buf[600];
	struct hcols c;
	int y = ui_body_top(), x = 0, list_h, i, bottom = ui_body_top() + ui_body_height();

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
	history_columns(ui, &c);
	ui_fill(ui, y, 0, COLS, ROLE_HEADER);
	x = ui_put(ui, y, 0, c.mark, ROLE_HEADER, "", true);
	x += ui_put(ui, y, x, c.date, ROLE_HEADER, _("Date"), true) + 1;
	x += ui_put(ui, y, x, c.status, ROLE_HEADER, _("Status"), true) + 1;
	snprintf(buf, sizeof buf, "%*s", c.score + (int)strlen(_("Score")) - ui_width(ui, _("Score")),
	         _("Score"));
	x += ui_put(ui, y, x, c.score, ROLE_HEADER, buf, true) + 1;
	x += ui_put(ui, y, x, c.level, ROLE_HEADER, _("Level"), true) + 1;
	ui_put(ui, y, x, c.assessor, ROLE_HEADER, _("Assessor"), true);
	y++;
	list_h = bottom - y;
	if (list_h < 1)
		return;
	if (h->sel < h->scroll)
		h->scroll = h->sel;
	if (h->sel >= h->scroll + (size_t)list_h)
		h->scroll = h->sel - (size_t)list_h + 1;
	for (i = 0; i < list_h && h->scroll + (size_t)i < h->n; i++)
		history_draw_row(h, ui, y + i, &c, h->scroll + (size_t)i);
}

/* ---- actions --------------------------------------------------------------------- */

static enum ui_reaction history_open(struct history *h, struct ui *ui)
{
	const struct assessment *a = &h->list[h->sel];

	if (a->status == ASSESS_FINAL)
		return ui_push(ui, ui_result_new(ui, a->id));
	return ui_push(ui, ui_form_new(ui, a->id));
}

static enum ui_reaction history_compare(struct history *h, struct ui *ui)
{
	const struct assessment *a = &h->list[h->sel], *m = NULL;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->list[i].id == h->mark)
			m = &h->list[i];
	if (!m)
		return ui_push(ui, ui_compare_new(ui, h->cid, 0, 0));
	if (m == a) {
		ui_error(ui, "%s", _("Mark one assessment with Space, move to another, then press c."));
		return UI_REDRAW;
	}
	/* The list is newest first: the one further down is the older. */
	if (m > a)
		return ui_push(ui, ui_compare_new(ui, h->cid, m->id, a->id));
	return ui_push(ui, ui_compare_new(ui, h->cid, a->id, m->id));
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

static void history_enter(struct ui_screen *s, struct ui *ui)
{
	history_load((struct history *)s, ui);
}

static void history_destroy(struct ui_screen *s)
{
	struct history *h = (struct history *)s;

	history_free_list(h);
	if (h->have_company)
		store_company_clear(&h->c);
	free(h);
}

static const struct ui_binding history_keys[] = {
	{ UI_ACT_OPEN_ASSESSMENT, true },
	{ UI_ACT_ASSESS, true },
	{ UI_ACT_RECHECK, true },
	{ UI_ACT_MARK, true },
	{ UI_ACT_COMPARE, true },
	{ UI_ACT_REOPEN, true },
	UI_BIND_MOVES(false),
	{ UI_ACT_BACK, true },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, false },
};

static const struct ui_screen_ops history_ops = {
	.name = N_("History"),
	.keys = history_keys,
	.n_keys = UI_NBIND(history_keys),
	.draw = history_draw,
	.key = history_key,
	.enter = history_enter,
	.destroy = history_destroy,
};

struct ui_screen *ui_history_new(struct ui *ui, long long company_id)
{
	struct history *h = calloc(1, sizeof *h);

	if (!h) {
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	h->base.ops = &history_ops;
	h->cid = company_id;
	return &h->base;
}
