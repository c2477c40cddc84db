/*
 * ui-portfolio.c - the start screen: every company with its latest level,
 * score, change since the assessment before, date of the last final
 * assessment, whether one is due, and its open and overdue actions.  Search, sort, add, edit, archive,
 * delete, sample data, and the ways into a company's history or a new
 * assessment.  Only the visible rows are drawn, so long lists stay fast.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-edit.h"
#include "ui-flow.h"
#include "ui-portfolio-rows.h"
#include "ui-prompt.h"
#include "ui-screen.h"
#include "verdict.h"

/* An assessment is due again the settings' re-check interval (a quarter
 * unless set) after the last final one. */
#define DAY_SECONDS (24LL * 3600)
/* Characters in the search field. */
#define SEARCH_MAX 100

enum sort_mode {
	SORT_NAME = PROWS_NAME, SORT_SCORE = PROWS_SCORE, SORT_CHANGE = PROWS_CHANGE,
	SORT_DUE = PROWS_DUE, SORT_ACTIONS = PROWS_ACTIONS, SORT_COUNT = PROWS_SORTS
};

enum company_step { STEP_NAME, STEP_INDUSTRY, STEP_CONTACT, STEP_NOTES, STEP_DONE };

struct portfolio {
	struct ui_screen base;
	/* the rows, their kept orders and the filter's match set: a sort or
	 * a typed character only picks from what is kept (ui-portfolio-rows.h) */
	struct prows rows;
	const uint32_t *view;                /* filtered and sorted: indices into rows */
	size_t n_view;
	/* what the columns need to hold, over the whole view: kept with the
	 * view, so that a frame does not walk every row */
	const struct prows_needs *needs;
	size_t sel;
	size_t scroll;
	enum sort_mode sort;
	bool show_archived;
	bool only_archived;                  /* none active, but archived ones hidden */
	bool unreadable;                     /* the last load failed: the list is not
	                                        the database's, say so */
	char why[256];                       /* and why, in the store's words */
	bool searching;
	struct ui_edit search;
	char *filter;                        /* as typed: prefill and header; NULL: none */
	long long select_id;                 /* select this company after a reload */
	long long edit_id;                   /* company of the add/edit prompts */
	enum company_step step;
	struct company was;                  /* the company as the prompt showed it */
	bool have_was;
	bool adding;
	long long pending_id;                /* company of a delete question */
	struct ui_pending start;             /* company of an assessor question */
};

static const char *const sort_names[SORT_COUNT] = {
	N_("sorted by name"), N_("sorted by score"), N_("sorted by change"),
	N_("sorted by due date"), N_("sorted by actions"),
};

/* ---- data -------------------------------------------------------------- */

static const char *row_name(const struct portfolio *p, const struct prow *r)
{
	return prows_name(&p->rows, r);
}

static int row_change(const struct prow *r, bool *known)
{
	*known = r->last_overall >= 0 && r->prev_overall >= 0;
	return *known ? r->last_overall - r->prev_overall : 0;
}

static bool row_due(const struct prow *r, long long now, const struct ui *ui)
{
	if (r->archived)
		return false;
	return r->draft || r->last_at == 0 ||
	       now - r->last_at > ui->settings.recheck_days * DAY_SECONDS;
}

static const struct prow *portfolio_current(const struct portfolio *p)
{
	return p->sel < p->n_view ? &p->rows.rows[p->view[p->sel]] : NULL;
}

/* An empty view over the rows (before the first view of a load). */
static void portfolio_no_view(struct portfolio *p)
{
	p->view = NULL;
	p->n_view = 0;
	p->needs = &p->rows.all;
}

/* The view: the rows the filter lets through, in the sort's order, taken
 * from what the rows keep; the company under the cursor stays under it. */
static void portfolio_build_view(struct portfolio *p, struct ui *ui)
{
	const struct prow *cur = portfolio_current(p);
	long long keep = p->select_id ? p->select_id : cur ? cur->id : 0;
	size_t i;

	p->select_id = 0;
	if (!prows_view(&p->rows, (enum prows_sort)p->sort, &p->view, &p->n_view, &p->needs)) {
		/* the name order needs no memory: show it rather than a list
		 * that claims an order it is not in */
		ui_error(ui, "%s", _("Out of memory."));
		p->sort = SORT_NAME;
		if (!prows_view(&p->rows, PROWS_NAME, &p->view, &p->n_view, &p->needs))
			portfolio_no_view(p);
	}
	if (keep) {
		for (i = 0; i < p->n_view; i++)
			if (p->rows.rows[p->view[i]].id == keep) {
				p->sel = i;
				break;
			}
	}
	if (p->sel >= p->n_view)
		p->sel = p->n_view ? p->n_view - 1 : 0;
}

struct load {
	struct prows *rows;
	struct ui *ui;
	bool oom;
};

static int measure_name(const char *s, void *ctx)
{
	return ui_width(ctx, s);
}

static int load_row(const struct portfolio_row *r, void *ctx)
{
	struct load *l = ctx;

	if (prows_add(l->rows, r, measure_name, l->ui))
		return 0;
	l->oom = true;
	return 1;
}

static int found_row(const struct portfolio_row *r, void *ctx)
{
	(void)r;
	*(bool *)ctx = true;
	return 1;
}

static void portfolio_load(struct portfolio *p, struct ui *ui)
{
	struct prows fresh;
	struct load l = { .rows = &fresh, .ui = ui };
	const struct prow *cur = portfolio_current(p);
	enum store_err err;
	const uint32_t *v;
	size_t nv;
	const struct prows_needs *nd;

	if (!p->select_id && cur)
		p->select_id = cur->id;
	prows_init(&fresh);
	err = store_each_portfolio_row(ui->st, p->show_archived, load_row, &l);
	if (err != STORE_OK) {
		prows_free(&fresh);
		ui_store_error(ui, err);
		p->unreadable = true;
		snprintf(p->why, sizeof p->why, "%s", store_error(ui->st));
		return;
	}
	p->unreadable = false;
	portfolio_no_view(p);
	if (p->have_was)
		store_company_clear(&p->was);
	prows_free(&p->rows);
	/* the name order is made now, so that showing it never fails later */
	if (l.oom || !prows_view(&fresh, PROWS_NAME, &v, &nv, &nd)) {
		/* Show an empty list rather than part of it. */
		prows_free(&fresh);
		p->only_archived = false;
		ui_error(ui, "%s", _("Out of memory."));
		return;
	}
	/* all of them now: a load is some hundred times the cost */
	prows_orders(&fresh);
	p->rows = fresh;
	p->needs = &p->rows.all;
	p->only_archived = false;
	if (p->rows.n == 0 && !p->show_archived) {
		/* "No companies yet" would be wrong when all are archived. */
		bool any = false;

		if (store_each_portfolio_row(ui->st, true, found_row, &any) == STORE_OK)
			p->only_archived = any;
	}
	if (!prows_set_filter(&p->rows, p->filter))
		ui_error(ui, "%s", _("Out of memory."));
	portfolio_build_view(p, ui);
}

/* ---- drawing ------------------------------------------------------------ */

struct columns {
	int cursor, name, level, score, change, last, due;
	int plan;                 /* the open actions; 0 when none in view */
	const char *score_title;
};

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* s right-aligned in w columns (by display width, not bytes). */
static void right_align(const struct ui *ui, char *buf, size_t bufsz, const char *s, int w)
{
	int pad = w - ui_width(ui, s);

	if (pad < 0)
		pad = 0;
	if ((size_t)pad >= bufsz)
		pad = (int)bufsz - 1;
	memset(buf, ' ', (size_t)pad);
	snprintf(buf + pad, bufsz - (size_t)pad, "%s", s);
}

/* A column title wider than every value in its column costs the name
 * column room; when a name would be cut for it, the score column takes
 * its short title (German "Punkte" becomes "Pkt."). */
static void portfolio_shorten(struct portfolio *p, struct ui *ui, struct columns *c)
{
	/* TRANSLATORS: a short column title for the score, used when the
	 * full one ("Score") would cut a company's name; at most 4 columns. */
	const char *s = _("Pts");
	int w = max_int(3, ui_width(ui, s));

	if (c->name >= p->needs->name_w || w >= c->score)
		return;
	c->name += c->score - w;
	c->score = w;
	c->score_title = s;
}

/* A company's open actions as the portfolio shows them, "3" or "3, 1
 * overdue"; *split: where the overdue part starts (strlen when none). */
static void plan_cell(struct ui *ui, const struct prow *r, char *buf, size_t n,
                      size_t *split)
{
	(void)ui;
	snprintf(buf, n, "%d", r->n_open);
	*split = strlen(buf);
	if (r->n_overdue)
		/* TRANSLATORS: after the number of a company's open actions:
		 * "3, 1 overdue". */
		snprintf(buf + *split, n - *split, _(", %d overdue"), r->n_overdue);
}

/* The columns right of the name are as wide as what the companies in the
 * list need (a level name that no company has takes no room), so the name
 * gets every column left over.  Measured over the whole filtered list, not
 * only the rows in view, so the columns stay put while scrolling. */
static void portfolio_columns(struct portfolio *p, struct ui *ui, long long now,
                              struct columns *c)
{
	const struct prows_needs *v = p->needs;
	bool due = v->never ||
	           (v->oldest && now - v->oldest > ui->settings.recheck_days * DAY_SECONDS);
	int lv, plan = 0;
	char buf[64];
	enum ui_role role;

	if (v->max_open) {
		struct prow widest = { .n_open = v->max_open, .n_overdue = v->max_overdue };
		size_t split;

		plan_cell(ui, &widest, buf, sizeof buf, &split);
		plan = ui_width(ui, buf);
	}

	c->cursor = 2;
	c->level = ui_width(ui, _("Level"));
	for (lv = LEVEL_NOT_READY; lv < LEVEL_COUNT; lv++)
		if (v->level[lv])
			c->level = max_int(c->level, ui_width(ui, ui_level_name(lv)) + (v->held ? 2 : 0));
	c->score = max_int(3, ui_width(ui, _("Score")));
	c->change = ui_width(ui, _("Trend"));
	ui_delta(ui, v->lo, buf, sizeof buf, &role);
	c->change = max_int(c->change, ui_width(ui, buf));
	ui_delta(ui, v->hi, buf, sizeof buf, &role);
	c->change = max_int(c->change, ui_width(ui, buf));
	c->last = max_int(10, ui_width(ui, _("Last final")));
	c->due = ui_width(ui, _("Due"));
	if (due)
		c->due = max_int(c->due, ui_width(ui, _("due")));
	if (v->draft)
		c->due = max_int(c->due, ui_width(ui, _("draft")));
	if (v->archived)
		c->due = max_int(c->due, ui_width(ui, _("archived")));
	/* The plan's column only where some company has open actions. */
	c->plan = plan ? max_int(ui_width(ui, _("Actions")), plan) : 0;
	c->score_title = _("Score");
	c->name = COLS - c->cursor - c->level - c->score - c->change - c->last - c->due - 5 -
	          (c->plan ? c->plan + 1 : 0);
	/* The due column only where something in view is due, a draft or
	 * archived: it would stand empty. */
	if (!due && !v->draft && !v->archived) {
		c->name += c->due + 1;
		c->due = 0;
	}
	portfolio_shorten(p, ui, c);
	/* The plan's column costs a name its end: the date of the last
	 * assessment (in the history too) gives way first. */
	if (c->plan && c->last && c->name < p->needs->name_w) {
		c->name += c->last + 1;
		c->last = 0;
	}

	if (c->name < 12) {
		/* Narrow terminal: drop the date column first. */
		c->name += c->last + 1;
		c->last = 0;
	}
}

static void portfolio_draw_row(struct portfolio *p, struct ui *ui, int y,
                               const struct columns *c, const struct prow *r,
                               bool selected, long long now)
{
	enum ui_role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
	char buf[128], num[32];
	int x = 0;
	bool known;
	int change = row_change(r, &known);
	enum ui_role role;

	ui_fill(ui, y, 0, COLS, base);
	x += ui_put(ui, y, x, c->cursor, base, selected ? ui_sym(ui, SYM_CURSOR) : " ", true);
	x += ui_put(ui, y, x, c->name, r->archived ? ROLE_DIM : base, row_name(p, r), true) + 1;
	role = selected ? base : ui_level_role(r->last_level);
	ui_put(ui, y, x, c->level, role, r->last_level >= 0 ? ui_level_name(r->last_level) : "-",
	       true);
	/* Held below its score's level by stop signs or cautions: marked. */
	if (r->held)
		ui_put(ui, y, x + ui_width(ui, ui_level_name(r->last_level)) + 1, 1,
		       selected ? base : ROLE_BAD, "!", false);
	x += c->level + 1;
	if (r->last_overall >= 0)
		snprintf(num, sizeof num, "%d", r->last_overall);
	else
		snprintf(num, sizeof num, "-");
	right_align(ui, buf, sizeof buf, num, c->score);
	x += ui_put(ui, y, x, c->score, base, buf, true) + 1;
	if (known) {
		ui_delta(ui, change, num, sizeof num, &role);
		right_align(ui, buf, sizeof buf, num, c->change);
	} else {
		buf[0] = '\0';
		role = base;
	}
	x += ui_put(ui, y, x, c->change, selected ? base : role, buf, true) + 1;
	if (c->last) {
		ui_date(r->last_at, buf, sizeof buf);
		x += ui_put(ui, y, x, c->last, base, buf, true) + 1;
	}
	if (!c->due)
		;                 /* left out: nothing in view is due */
	else if (r->archived)
		ui_put(ui, y, x, c->due, selected ? base : ROLE_DIM, _("archived"), true);
	else if (r->draft)
		ui_put(ui, y, x, c->due, selected ? base : ROLE_WARN, _("draft"), true);
	else if (row_due(r, now, ui))
		ui_put(ui, y, x, c->due, selected ? base : ROLE_BAD, _("due"), true);
	if (c->due)
		x += c->due + 1;
	if (c->plan && r->n_open) {
		size_t split;

		/* The overdue ones by word and colour: "3, 1 overdue". */
		plan_cell(ui, r, buf, sizeof buf, &split);
		ui_put(ui, y, x, c->plan, selected ? base : ROLE_BAD, buf, false);
		buf[split] = '\0';
		ui_put(ui, y, x, c->plan, base, buf, false);
	}
}

static void portfolio_draw_header(struct portfolio *p, struct ui *ui, const struct columns *c)
{
	char buf[256];
	int x = 0, y = ui_body_top() + 1;

	ui_fill(ui, y, 0, COLS, ROLE_HEADER);
	x += ui_put(ui, y, x, c->cursor, ROLE_HEADER, "", true);
	x += ui_put(ui, y, x, c->name, ROLE_HEADER, _("Company"), true) + 1;
	x += ui_put(ui, y, x, c->level, ROLE_HEADER, _("Level"), true) + 1;
	right_align(ui, buf, sizeof buf, c->score_title, c->score);
	x += ui_put(ui, y, x, c->score, ROLE_HEADER, buf, true) + 1;
	right_align(ui, buf, sizeof buf, _("Trend"), c->change);
	x += ui_put(ui, y, x, c->change, ROLE_HEADER, buf, true) + 1;
	if (c->last)
		x += ui_put(ui, y, x, c->last, ROLE_HEADER, _("Last final"), true) + 1;
	if (c->due)
		x += ui_put(ui, y, x, c->due, ROLE_HEADER, _("Due"), true) + 1;
	if (c->plan)
		ui_put(ui, y, x, c->plan, ROLE_HEADER, _("Actions"), true);
}

static void portfolio_draw_summary(struct portfolio *p, struct ui *ui)
{
	char buf[512];
	int y = ui_body_top(), x = 1;

	if (p->searching) {
		const char *label = _("Search:");

		x += ui_put(ui, y, x, COLS - x, ROLE_BOLD, label, false) + 1;
		ui_edit_draw(&p->search, ui, y, x, COLS - x - 1 < 40 ? COLS - x - 1 : 40);
		return;
	}
	snprintf(buf, sizeof buf, P_("%zu company", "%zu companies", p->n_view), p->n_view);
	if (p->n_view != p->rows.n) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, _(" (of %zu)"), p->rows.n);
	}
	x += ui_put(ui, y, x, COLS - x, ROLE_BOLD, buf, false);
	snprintf(buf, sizeof buf, "  %s %s", ui_sym(ui, SYM_BULLET),
	         _(sort_names[p->sort]));
	x += ui_put(ui, y, x, COLS - x, ROLE_NORMAL, buf, false);
	/* The key that changes it, here where it shows, for when the key
	 * bar has no room for it. */
	/* TRANSLATORS: after "sorted by name": s is the key that sorts. */
	x += ui_putf(ui, y, x, COLS - x, ROLE_DIM, " (%s)", _("s changes it"));
	if (p->filter && *p->filter) {
		snprintf(buf, sizeof buf, _("  %s filter \"%s\""), ui_sym(ui, SYM_BULLET), p->filter);
		x += ui_put(ui, y, x, COLS - x, ROLE_WARN, buf, false);
	}
	if (p->show_archived) {
		snprintf(buf, sizeof buf, _("  %s archived shown"), ui_sym(ui, SYM_BULLET));
		ui_put(ui, y, x, COLS - x, ROLE_NORMAL, buf, false);
	}
}

static void portfolio_draw_empty(struct portfolio *p, struct ui *ui, int top)
{
	struct ui_doc d = { .top = top + 1, .height = ui_body_height() - 3, .x = 3,
	                    .width = COLS - 6 };

	if (p->unreadable) {
		/* never "No companies yet" over a database that could not be
		 * read: the companies may all be there */
		ui_doc_text(ui, &d, 0, ROLE_BOLD, _("The companies cannot be read."));
		ui_doc_text(ui, &d, 0, ROLE_ERROR, p->why);
		ui_doc_row(&d);
		ui_doc_text(ui, &d, 0, ROLE_NORMAL,
		            _("Nothing was changed. \"smready check\" tells more, and \"smready "
		              "export COMPANY\" rescues the companies that can still be read, one "
		              "by one."));
	} else if (p->rows.n == 0 && p->only_archived) {
		ui_doc_text(ui, &d, 0, ROLE_BOLD, _("Every company is archived."));
		ui_doc_row(&d);
		ui_doc_text(ui, &d, 0, ROLE_NORMAL,
		            _("Press X to show the archived companies (x on one makes it active "
		              "again), or a to add a company."));
	} else if (p->rows.n == 0 && !p->show_archived) {
		ui_doc_text(ui, &d, 0, ROLE_BOLD, _("No companies yet."));
		ui_doc_row(&d);
		ui_doc_text(ui, &d, 0, ROLE_NORMAL,
		            _("Press a to add the first company you want to assess."));
		ui_doc_text(ui, &d, 0, ROLE_NORMAL,
		            _("Or press S to load sample companies with a few quarters of "
		              "history, to see what smready shows."));
		ui_doc_row(&d);
		ui_doc_text(ui, &d, 0, ROLE_DIM, _("Press ? for all keys, q to quit."));
	} else if (p->rows.n == 0) {
		ui_doc_text(ui, &d, 0, ROLE_NORMAL, _("No companies, archived or not."));
	} else {
		ui_doc_text(ui, &d, 0, ROLE_NORMAL,
		            _("No company matches the filter. Press Esc to clear it, or / to change it."));
	}
}

static int portfolio_list_height(void)
{
	return ui_body_height() - 2;
}

static void portfolio_scroll(struct portfolio *p)
{
	size_t h = (size_t)max_int(portfolio_list_height(), 1);

	if (p->sel < p->scroll)
		p->scroll = p->sel;
	if (p->sel >= p->scroll + h)
		p->scroll = p->sel - h + 1;
	if (p->n_view <= h)
		p->scroll = 0;
	else if (p->scroll > p->n_view - h)
		p->scroll = p->n_view - h;
}

static void portfolio_draw(struct ui_screen *s, struct ui *ui)
{
	struct portfolio *p = (struct portfolio *)s;
	struct columns c;
	int top = ui_body_top() + 2, h = portfolio_list_height(), i;
	long long now = store_now(ui->st);

	ui_title(ui, _("Companies"));
	portfolio_columns(p, ui, now, &c);
	portfolio_draw_header(p, ui, &c);
	portfolio_draw_summary(p, ui);
	if (p->n_view == 0) {
		portfolio_draw_empty(p, ui, top);
		return;
	}
	portfolio_scroll(p);
	for (i = 0; i < h && p->scroll + (size_t)i < p->n_view; i++) {
		size_t k = p->scroll + (size_t)i;

		portfolio_draw_row(p, ui, top + i, &c, &p->rows.rows[p->view[k]], k == p->sel, now);
	}
	ui_list_more(ui, top, h, p->scroll, p->n_view);
}

/* ---- company prompts ------------------------------------------------------- */

static enum ui_reaction company_prompt(struct portfolio *p, struct ui *ui);

static bool company_check(struct ui *ui, const char *field, const char *text,
                          size_t max, bool allow_empty)
{
	enum text_check c = text_check_line(text, max, allow_empty);
	char why[128];

	if (c == TEXT_OK)
		return true;
	ui_error(ui, "%s: %s", field, text_check_say(c, max, why, sizeof why));
	return false;
}

/* Saves the field of the prompt, but only over what the prompt showed:
 * another consultant's change since is never overwritten unseen. */
static enum store_err company_save(struct portfolio *p, struct ui *ui, const char *name,
                                   const char *industry, const char *contact,
                                   const char *notes)
{
	if (!p->have_was)
		return store_company_update(ui->st, p->edit_id, name, industry, contact, notes);
	return store_company_update_from(ui->st, p->edit_id, &p->was, name, industry, contact,
	                                 notes);
}

/* The field was changed by someone else while the prompt was open: says
 * to what, and keeps the prompt with what was typed; Enter again saves it
 * over theirs (the prompt now stands on their version). */
static enum ui_reaction company_changed(struct portfolio *p, struct ui *ui)
{
	const char *now = "";

	if (p->have_was)
		store_company_clear(&p->was);
	p->have_was = store_company_get(ui->st, p->edit_id, &p->was) == STORE_OK;
	if (p->have_was)
		now = p->step == STEP_NAME ? p->was.name : p->step == STEP_INDUSTRY ? p->was.industry
		      : p->step == STEP_CONTACT ? p->was.contact : p->was.notes;
	if (strchr(now, '\n'))
		ui_error(ui, "%s", _("Someone else changed this meanwhile; yours is not saved yet. "
		                     "Enter saves yours over theirs, Esc keeps theirs."));
	else
		ui_error(ui, _("Someone else changed this meanwhile, to \"%s\"; yours is not saved "
		               "yet. Enter saves yours over it, Esc keeps theirs."), now);
	return UI_REDRAW;
}

static enum ui_reaction company_done(struct ui *ui, void *owner, const char *text)
{
	struct portfolio *p = owner;
	char *t = text_trim_dup(text);
	enum store_err err = STORE_OK;
	enum text_check note;
	bool refused = false;       /* the text was not fit to save */

	if (!t) {
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	switch (p->step) {
	case STEP_NAME:
		if (!company_check(ui, _("Name"), t, TEXT_NAME_MAX, false)) {
			refused = true;
			break;
		}
		ui_saving(ui);
		if (p->adding)
			err = store_company_add(ui->st, t, NULL, NULL, NULL, &p->edit_id);
		else
			err = company_save(p, ui, t, NULL, NULL, NULL);
		break;
	case STEP_INDUSTRY:
		refused = !company_check(ui, _("Industry"), t, TEXT_FIELD_MAX, true);
		if (!refused) {
			ui_saving(ui);
			err = company_save(p, ui, NULL, t, NULL, NULL);
		}
		break;
	case STEP_CONTACT:
		refused = !company_check(ui, _("Contact"), t, TEXT_FIELD_MAX, true);
		if (!refused) {
			ui_saving(ui);
			err = company_save(p, ui, NULL, NULL, t, NULL);
		}
		break;
	default:
		note = text_check_note(text, TEXT_NOTE_MAX);
		if (note == TEXT_OK) {
			ui_saving(ui);
			err = company_save(p, ui, NULL, NULL, NULL, text);
		} else {
			char why[128];

			ui_error(ui, "%s: %s", _("Notes"),
			         text_check_say(note, TEXT_NOTE_MAX, why, sizeof why));
			refused = true;
		}
		break;
	}
	free(t);
	if (refused)
		return UI_REDRAW;     /* keep the prompt and what was typed */
	if (err == STORE_CHANGED)
		return company_changed(p, ui);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	p->select_id = p->edit_id;
	p->step++;
	if (p->step == STEP_NOTES && p->adding)
		p->step = STEP_DONE;
	if (p->step == STEP_DONE) {
		ui_msg(ui, "%s", p->adding ? _("Company added. Press n to assess it.")
		                           : _("Company saved."));
		return UI_POP;
	}
	return company_prompt(p, ui);
}

/* Opens the prompt for the current step (replacing the previous one). */
static enum ui_reaction company_prompt(struct portfolio *p, struct ui *ui)
{
	struct company c;
	const char *label, *initial = "";
	size_t max = TEXT_FIELD_MAX;
	enum ui_reaction r;
	bool have = false;

	memset(&c, 0, sizeof c);
	if (p->have_was)
		store_company_clear(&p->was);
	p->have_was = false;
	if (p->edit_id && store_company_get(ui->st, p->edit_id, &c) == STORE_OK)
		have = true;
	switch (p->step) {
	case STEP_NAME:
		label = p->adding ? _("Name of the new company:") : _("Company name:");
		max = TEXT_NAME_MAX;
		if (have && !p->adding)
			initial = c.name;
		break;
	case STEP_INDUSTRY:
		label = _("Industry (optional; Enter to skip):");
		if (have)
			initial = c.industry;
		break;
	case STEP_CONTACT:
		label = _("Contact person (optional; Enter to skip):");
		if (have)
			initial = c.contact;
		break;
	default:
		label = _("Notes about the company (optional):");
		max = TEXT_NOTE_MAX;
		if (have)
			initial = c.notes;
		break;
	}
	/* The first prompt goes on top of the list; the next ones replace it. */
	r = ui_ask_text(ui, p->step == STEP_NAME ? 0 : 1, label, initial, max, company_done, p);
	/* kept: what the prompt shows is what a save may replace */
	if (have) {
		p->was = c;
		p->have_was = true;
	}
	return r;
}

/* ---- archive, delete, samples -------------------------------------------- */

static enum ui_reaction delete_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	struct portfolio *p = owner;
	enum store_err err;
	int n = 0;

	if (act != UI_ACT_YES)
		return UI_POP;
	ui_saving(ui);
	err = store_company_delete(ui->st, p->pending_id, &n);
	if (err != STORE_OK)
		ui_store_error(ui, err);
	else
		ui_msg(ui, P_("Company deleted with %d assessment.",
		              "Company deleted with %d assessments.", n), n);
	return UI_POP;
}

static enum ui_reaction portfolio_delete(struct portfolio *p, struct ui *ui,
                                         const struct prow *r)
{
	struct assessment *list = NULL;
	size_t n = 0;
	char msg[600], count[128];

	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	if (store_assessment_list(ui->st, r->id, &list, &n) == STORE_OK)
		store_assessment_free(list, n);
	else
		n = (size_t)r->n_final + (r->draft ? 1 : 0);
	snprintf(count, sizeof count,
	         P_("%d assessment goes with it.", "%d assessments go with it.", (int)n), (int)n);
	snprintf(msg, sizeof msg, _("Delete \"%s\"? %s This cannot be undone."),
	         row_name(p, r), count);
	p->pending_id = r->id;
	return ui_ask_confirm(ui, msg, delete_chosen, p);
}

static enum ui_reaction portfolio_archive(struct portfolio *p, struct ui *ui,
                                          const struct prow *r)
{
	bool to = !r->archived;
	enum store_err err;

	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	ui_saving(ui);
	err = store_company_set_archived(ui->st, r->id, to);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	if (to && !p->show_archived)
		ui_msg(ui, "%s", _("Company archived. Press X to show archived companies."));
	else
		ui_msg(ui, "%s", to ? _("Company archived.") : _("Company is active again."));
	p->select_id = r->id;
	portfolio_load(p, ui);
	return UI_REDRAW;
}

static enum ui_reaction portfolio_samples(struct portfolio *p, struct ui *ui)
{
	enum store_err err;
	int added = 0;

	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	ui_saving(ui);
	err = assess_demo(ui->st, &added);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	if (added)
		ui_msg(ui, P_("Added %d sample company.", "Added %d sample companies.", added), added);
	else
		ui_msg(ui, "%s", _("The sample companies are there already."));
	portfolio_load(p, ui);
	return UI_REDRAW;
}

/* ---- keys ------------------------------------------------------------------ */

static void portfolio_set_filter(struct portfolio *p, struct ui *ui)
{
	char *t = ui_edit_text(&p->search);
	const struct prow *cur = portfolio_current(p);

	/* taken now: the view may be the match set the filter changes */
	if (!p->select_id && cur)
		p->select_id = cur->id;
	free(p->filter);
	p->filter = t;
	if (!prows_set_filter(&p->rows, t)) {
		/* every row shown: say so, and do not claim a filter */
		ui_error(ui, "%s", _("Out of memory."));
		free(p->filter);
		p->filter = NULL;
	}
	portfolio_build_view(p, ui);
}

static void portfolio_clear_filter(struct portfolio *p, struct ui *ui)
{
	ui_edit_free(&p->search);
	ui_edit_init(&p->search, NULL, SEARCH_MAX);
	portfolio_set_filter(p, ui);
}

static enum ui_reaction portfolio_move(struct portfolio *p, enum ui_action act)
{
	size_t page = (size_t)max_int(portfolio_list_height() - 1, 1);

	if (p->n_view == 0)
		return UI_NONE;
	return ui_list_move(&p->sel, p->n_view, page, act) ? UI_REDRAW : UI_NONE;
}

static enum ui_reaction portfolio_search_key(struct portfolio *p, struct ui *ui,
                                             enum ui_action act, int ch)
{
	switch (ui_edit_key(&p->search, ch)) {
	case EDIT_CHANGED:
		p->sel = 0;
		portfolio_set_filter(p, ui);
		return UI_REDRAW;
	case EDIT_DONE:
	case EDIT_BAD:            /* a search is not saved: the filter stays */
		p->searching = false;
		return UI_REDRAW;
	case EDIT_CANCEL:
		p->searching = false;
		portfolio_clear_filter(p, ui);
		return UI_REDRAW;
	case EDIT_UNHANDLED:
		return portfolio_move(p, act);
	default:
		return UI_REDRAW;
	}
}

static enum ui_reaction portfolio_key(struct ui_screen *s, struct ui *ui,
                                      enum ui_action act, int ch)
{
	struct portfolio *p = (struct portfolio *)s;
	const struct prow *r = portfolio_current(p);

	if (p->searching)
		return portfolio_search_key(p, ui, act, ch);
	switch (act) {
	case UI_ACT_ADD:
		if (ui_refuse_readonly(ui))
			return UI_REDRAW;
		p->adding = true;
		p->edit_id = 0;
		p->step = STEP_NAME;
		return company_prompt(p, ui);
	case UI_ACT_SEARCH:
		p->searching = true;
		ui_edit_free(&p->search);
		ui_edit_init(&p->search, p->filter, SEARCH_MAX);
		return UI_REDRAW;
	case UI_ACT_SORT:
		p->sort = (p->sort + 1) % SORT_COUNT;
		portfolio_build_view(p, ui);
		return UI_REDRAW;
	case UI_ACT_SHOW_ARCHIVED:
		p->show_archived = !p->show_archived;
		portfolio_load(p, ui);
		return UI_REDRAW;
	case UI_ACT_SAMPLE:
		return portfolio_samples(p, ui);
	case UI_ACT_SETTINGS:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_SETTINGS });
	case UI_ACT_CLEAR_FILTER:
		if (p->filter && *p->filter) {
			portfolio_clear_filter(p, ui);
			return UI_REDRAW;
		}
		return UI_NONE;
	default:
		break;
	}
	if (!r)
		return portfolio_move(p, act);
	switch (act) {
	case UI_ACT_OPEN_COMPANY:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_HISTORY,
		                                         .company = r->id });
	case UI_ACT_PLAN:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_PLAN,
		                                         .company = r->id });
	case UI_ACT_EDIT:
		if (ui_refuse_readonly(ui))
			return UI_REDRAW;
		p->adding = false;
		p->edit_id = r->id;
		p->step = STEP_NAME;
		return company_prompt(p, ui);
	case UI_ACT_ASSESS:
	case UI_ACT_RECHECK:
		p->start = (struct ui_pending){ .id = r->id, .recheck = act == UI_ACT_RECHECK };
		return ui_start_assessment(ui, &p->start);
	case UI_ACT_ARCHIVE:
		return portfolio_archive(p, ui, r);
	case UI_ACT_DELETE:
		return portfolio_delete(p, ui, r);
	default:
		return portfolio_move(p, act);
	}
}

static bool portfolio_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct portfolio *p = (struct portfolio *)s;

	prows_init(&p->rows);
	portfolio_no_view(p);
	ui_edit_init(&p->search, NULL, SEARCH_MAX);
	return true;
}

static bool portfolio_reload(struct ui_screen *s, struct ui *ui)
{
	portfolio_load((struct portfolio *)s, ui);
	/* The start screen always opens: with the reason on the status
	 * line when the list cannot be read. */
	return true;
}

static bool portfolio_typing(const struct ui_screen *s)
{
	return ((const struct portfolio *)s)->searching;
}

static void portfolio_destroy(struct ui_screen *s)
{
	struct portfolio *p = (struct portfolio *)s;

	prows_free(&p->rows);
	free(p->filter);
	ui_edit_free(&p->search);
}

static const struct ui_binding portfolio_keys[] = {
	{ UI_ACT_OPEN_COMPANY, true },
	{ UI_ACT_ASSESS, true },
	{ UI_ACT_RECHECK, true },
	{ UI_ACT_ADD, true },
	{ UI_ACT_EDIT, false },
	{ UI_ACT_SEARCH, true },
	{ UI_ACT_PLAN, true },
	{ UI_ACT_SORT, true },
	{ UI_ACT_ARCHIVE, false },
	{ UI_ACT_SHOW_ARCHIVED, false },
	{ UI_ACT_DELETE, false },
	{ UI_ACT_SAMPLE, true },
	{ UI_ACT_SETTINGS, false },
	UI_BIND_MOVES(false),
	{ UI_ACT_CLEAR_FILTER, false },
	{ UI_ACT_REFRESH, false },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, true },
};

/* What needs a company under the cursor is left off the bar of an empty
 * list; a re-check needs a final assessment to start from. */
static bool portfolio_can(const struct ui_screen *s, enum ui_action act)
{
	const struct portfolio *p = (const struct portfolio *)s;
	const struct prow *r = portfolio_current(p);

	/* over a list that could not be read only leaving and help make sense */
	if (p->unreadable && act != UI_ACT_HELP && act != UI_ACT_QUIT && act != UI_ACT_SETTINGS)
		return false;
	switch (act) {
	case UI_ACT_OPEN_COMPANY:
	case UI_ACT_PLAN:
	case UI_ACT_ASSESS:
	case UI_ACT_EDIT:
	case UI_ACT_ARCHIVE:
	case UI_ACT_DELETE:
		return r != NULL;
	case UI_ACT_RECHECK:
		return r && r->n_final > 0;
	case UI_ACT_SORT:
	case UI_ACT_SEARCH:
		return p->rows.n > 0;
	case UI_ACT_SAMPLE:
		return p->rows.n == 0;      /* on the bar only while there is nothing */
	default:
		return true;
	}
}

/* In the search field Enter keeps the filter and Esc drops it. */
static const struct ui_binding portfolio_search_keys[] = {
	{ UI_ACT_FILTER_KEEP, true },
	{ UI_ACT_FILTER_DROP, true },
};

const struct ui_screen_ops ui_portfolio_ops = {
	.name = N_("Companies"),
	.size = sizeof(struct portfolio),
	.keys = portfolio_keys,
	.n_keys = UI_NBIND(portfolio_keys),
	.init = portfolio_init,
	.load = portfolio_reload,
	.draw = portfolio_draw,
	.key = portfolio_key,
	.typing = portfolio_typing,
	.can = portfolio_can,
	.typing_keys = portfolio_search_keys,
	.n_typing_keys = UI_NBIND(portfolio_search_keys),
	.destroy = portfolio_destroy,
};
