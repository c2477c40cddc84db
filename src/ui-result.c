/*
 * ui-result.c - the result of one assessment: overall score and level,
 * completeness, a bar per dimension, the knock-outs that fired and why,
 * the summary note, and the recommendations in order; scrollable.  The
 * summary of a draft can be written here, a final assessment reopened,
 * the report exported.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess-plan.h"
#include "assess.h"
#include "assess-report.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "timefmt.h"
#include "ui-draw.h"
#include "ui-flow.h"
#include "ui-loop.h"
#include "ui-screen.h"
#include "verdict.h"

/* ==== the result screen ================================================== */

struct result {
	struct ui_screen base;
	long long id;
	struct scored s;
	bool loaded;
	struct company c;
	bool have_company;
	struct ui_export ex;
	struct ui_pending pending; /* of a reopen or summary question */
	struct store *st;         /* for the report's "since last time" */
	struct assessment_event *ev;  /* its history: reopenings with why */
	size_t n_ev;
	struct plan_loop loop;    /* a re-check: how the plan before turned out */
	int n_open, n_overdue;    /* the company's actions open now */
	int in_plan[CAT_MAX_ITEMS];   /* per item of this questionnaire: the number
	                                 of an open action aiming at it, 0: none */
};

/* The loop of a re-check and the plan as it stands; what cannot be read
 * is left out of the screen (the result is what counts). */
static void result_load_plan(struct result *r, struct ui *ui)
{
	struct action *list;
	char today[TIMEFMT_DAY_SIZE];
	size_t n;

	assess_plan_loop_clear(&r->loop);
	if (assess_plan_loop_of(ui->st, &r->s, &r->loop) != STORE_OK)
		assess_plan_loop_clear(&r->loop);
	r->n_open = r->n_overdue = 0;
	memset(r->in_plan, 0, sizeof r->in_plan);
	if (store_action_list(ui->st, r->s.a.company_id, &list, &n) != STORE_OK)
		return;
	assess_today(ui->st, today, sizeof today);
	for (size_t i = 0; i < n; i++) {
		if (plan_status_closed(list[i].status))
			continue;
		r->n_open++;
		r->n_overdue += list[i].due[0] && strcmp(list[i].due, today) < 0;
		/* the questions it aims at, by key in this result's questionnaire */
		for (size_t k = 0; r->s.cat && k < list[i].n_items; k++) {
			int idx = catalogue_item_index(r->s.cat, list[i].items[k].key);

			if (idx >= 0 && !r->in_plan[idx])
				r->in_plan[idx] = list[i].number;
		}
	}
	store_actions_free(list, n);
}

static bool result_load(struct ui_screen *s, struct ui *ui)
{
	struct result *r = (struct result *)s;
	enum store_err err;

	if (r->loaded)
		assess_clear(&r->s);
	r->loaded = false;
	err = assess_load(ui->st, r->id, &r->s);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	r->loaded = true;
	store_events_free(r->ev, r->n_ev);
	r->ev = NULL;
	r->n_ev = 0;
	if (store_assessment_events(ui->st, r->id, &r->ev, &r->n_ev) != STORE_OK) {
		r->ev = NULL;     /* shown without them; the result is what counts */
		r->n_ev = 0;
	}
	if (r->have_company)
		store_company_clear(&r->c);
	r->have_company = store_company_get(ui->st, r->s.a.company_id, &r->c) == STORE_OK;
	result_load_plan(r, ui);
	return true;
}

/* Where the plan stands, and the keys that lead to it. */
static void result_draw_plan(struct result *r, struct ui *ui, struct ui_doc *d)
{
	char buf[600], count[300];

	if (r->n_overdue)
		snprintf(count, sizeof count, P_("%d action open, %d of them overdue",
		                                 "%d actions open, %d of them overdue", r->n_open),
		         r->n_open, r->n_overdue);
	else
		snprintf(count, sizeof count, P_("%d action open", "%d actions open", r->n_open),
		         r->n_open);
	if (!r->n_open && r->s.a.status != ASSESS_FINAL)
		return;
	if (!r->n_open)
		snprintf(buf, sizeof buf, "%s", _("No action plan yet: b builds it from this result."));
	else if (r->s.a.status == ASSESS_FINAL)
		/* TRANSLATORS: "Action plan: 3 actions open (p shows it; b adds
		 * to it from this result)". */
		snprintf(buf, sizeof buf, _("Action plan: %s (p shows it; b adds to it from this "
		                            "result)"), count);
	else
		snprintf(buf, sizeof buf, _("Action plan: %s (p shows it)"), count);
	ui_doc_row(d);
	ui_doc_text(ui, d, 0, r->n_overdue ? ROLE_WARN : ROLE_DIM, buf);
}

static void result_draw_head(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct score *sc = &r->s.score;
	char buf[512], date[32];
	enum ui_role role = ui_level_role(sc->level);
	int row, x, lw = ui_width(ui, _("Level"));

	/* The label column fits the longest label in any language. */
	if (ui_width(ui, _("Overall score")) > lw)
		lw = ui_width(ui, _("Overall score"));
	if (ui_width(ui, _("Completeness")) > lw)
		lw = ui_width(ui, _("Completeness"));
	lw += 2;

	ui_date(r->s.a.status == ASSESS_FINAL ? r->s.a.completed : r->s.a.started, date, sizeof date);
	if (r->s.a.status == ASSESS_FINAL)
		/* TRANSLATORS: "Final assessment no. 3 of 10.11.2026": the
		 * number within the company, as the history lists it. */
		snprintf(buf, sizeof buf, _("Final assessment no. %d of %s"), r->s.a.number, date);
	else
		snprintf(buf, sizeof buf, _("Draft no. %d of %s (not finished: the score may still "
		                            "change)"), r->s.a.number, date);
	if (r->s.a.assessor && *r->s.a.assessor) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, _(", by %s"), r->s.a.assessor);
	}
	ui_doc_text(ui, d, 0, ROLE_DIM, buf);
	for (size_t i = 0; i < r->n_ev; i++)
		if (ui_reopen_line(&r->ev[i], 1, buf, sizeof buf))
			ui_doc_text(ui, d, 0, ROLE_WARN, buf);
	ui_doc_row(d);
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, lw, ROLE_BOLD, _("Level"), true);
		ui_put(ui, row, x, d->width - lw, role, ui_level_name(sc->level), false);
	}
	/* What holds it back, and how close the rest is, under it. */
	if (*verdict_why(buf, sizeof buf, sc) && (row = ui_doc_row(d)) >= 0)
		ui_put(ui, row, d->x + lw, d->width - lw, ROLE_NORMAL, buf, false);
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, lw, ROLE_BOLD, _("Overall score"), true);
		if (sc->overall == SCORE_NONE) {
			ui_put(ui, row, x, d->width - lw, ROLE_DIM, _("none (nothing answered)"), false);
		} else {
			int bw = d->width - lw - 10 > 40 ? 40 : d->width - lw - 10;

			ui_meter(ui, row, x, bw, sc->overall, role);
			ui_putf(ui, row, x + bw + 1, 9, ROLE_BOLD, "%3d/100", sc->overall);
		}
	}
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, lw, ROLE_BOLD, _("Completeness"), true);
		snprintf(buf, sizeof buf, _("%d of %d items answered (%d%%)"), sc->answered,
		         sc->total, sc->completeness);
		if (sc->dont_know) {
			size_t len = strlen(buf);

			snprintf(buf + len, sizeof buf - len,
			         P_(", %d of them \"don't know\"", ", %d of them \"don't know\"", sc->dont_know),
			         sc->dont_know);
		}
		ui_put(ui, row, x, d->width - lw, ROLE_NORMAL, buf, false);
	}
}

static void result_draw_summary(struct result *r, struct ui *ui, struct ui_doc *d)
{
	if (!r->s.a.summary || !*r->s.a.summary)
		return;
	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("Summary"));
	ui_doc_text(ui, d, 2, ROLE_NORMAL, r->s.a.summary);
}

static void result_draw_dims(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct catalogue *cat = r->s.cat;
	const struct score *sc = &r->s.score;
	int nw = 0, i, row, bw;

	for (i = 0; i < cat->n_dims; i++)
		if (ui_width(ui, _(cat->dims[i].name)) > nw)
			nw = ui_width(ui, _(cat->dims[i].name));
	if (nw > d->width / 2)
		nw = d->width / 2;
	bw = d->width - 2 - nw - 1 - 5 - 9;
	if (bw > 40)
		bw = 40;
	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("Score per dimension"));
	for (i = 0; i < cat->n_dims; i++) {
		char buf[64];

		if ((row = ui_doc_row(d)) < 0)
			continue;
		ui_put(ui, row, d->x + 2, nw, ROLE_NORMAL, _(cat->dims[i].name), true);
		if (sc->dim[i] == SCORE_NONE) {
			ui_put(ui, row, d->x + 3 + nw, bw + 5, ROLE_DIM, _("not answered"), false);
			continue;
		}
		ui_meter(ui, row, d->x + 3 + nw, bw, sc->dim[i], sc->dim[i] >= 75 ? ROLE_GOOD :
		         sc->dim[i] >= 50 ? ROLE_NORMAL : sc->dim[i] >= 25 ? ROLE_WARN : ROLE_BAD);
		snprintf(buf, sizeof buf, "%3d", sc->dim[i]);
		ui_put(ui, row, d->x + 4 + nw + bw, 4, ROLE_BOLD, buf, false);
		if (sc->dim_answered[i] < sc->dim_total[i]) {
			snprintf(buf, sizeof buf, "(%d/%d)", sc->dim_answered[i], sc->dim_total[i]);
			ui_put(ui, row, d->x + 8 + nw + bw, 9, ROLE_DIM, buf, false);
		}
	}
}

/* One stop sign or caution: its name, the answer that makes it one, the
 * reason in the sources' terms, and the first thing to do about it. */
static void result_draw_stop(struct result *r, struct ui *ui, struct ui_doc *d, int k,
                             bool caution)
{
	const struct catalogue *cat = r->s.cat;
	const struct cat_knockout *ko = &cat->knockouts[k];
	char buf[1200], num[16];

	catalogue_item_label(cat, ko->item, num, sizeof num);
	if (caution)
		/* TRANSLATORS: a caution's title: "! Too slow (caution: 3.3
		 * answered partly)". */
		snprintf(buf, sizeof buf, _("%s %s (caution: %s answered \"%s\")"), "!",
		         _(ko->name), num, _(catalogue_scale_label(r->s.values[ko->item])));
	else
		snprintf(buf, sizeof buf, _("%s %s (%s answered \"%s\")"), ui_sym(ui, SYM_CROSS),
		         _(ko->name), num, _(catalogue_scale_label(r->s.values[ko->item])));
	ui_doc_text(ui, d, 2, caution ? ROLE_WARN : ROLE_BAD, buf);
	ui_doc_text(ui, d, 4, ROLE_NORMAL, _(ko->reason));
	snprintf(buf, sizeof buf, _("First step: %s"), _(catalogue_knockout_first_step(cat, k)));
	ui_doc_text(ui, d, 4, ROLE_DIM, buf);
}

static void result_draw_stops(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct catalogue *cat = r->s.cat;
	const struct score *sc = &r->s.score;
	char buf[600];
	int i;

	ui_doc_row(d);
	if (!sc->n_fired && !sc->n_cautions) {
		ui_doc_text(ui, d, 0, ROLE_HEADER, _("Stop signs"));
		snprintf(buf, sizeof buf, _("%s None: no stop sign applies."), ui_sym(ui, SYM_CHECK));
		ui_doc_text(ui, d, 2, ROLE_GOOD, buf);
		return;
	}
	if (sc->n_fired) {
		snprintf(buf, sizeof buf,
		         P_("Stop signs: %d holds the level at \"not ready\"",
		            "Stop signs: %d hold the level at \"not ready\"", sc->n_fired),
		         sc->n_fired);
		ui_doc_text(ui, d, 0, ROLE_HEADER, buf);
		for (i = 0; i < cat->n_knockouts; i++)
			if (sc->fired[i])
				result_draw_stop(r, ui, d, i, false);
	}
	if (sc->n_cautions) {
		if (sc->n_fired)
			ui_doc_row(d);
		snprintf(buf, sizeof buf,
		         P_("Cautions: %d keeps the level at \"early stage\" at most",
		            "Cautions: %d keep the level at \"early stage\" at most", sc->n_cautions),
		         sc->n_cautions);
		ui_doc_text(ui, d, 0, ROLE_HEADER, buf);
		for (i = 0; i < cat->n_knockouts; i++)
			if (sc->caution[i])
				result_draw_stop(r, ui, d, i, true);
	}
}

static void result_draw_recs(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct catalogue *cat = r->s.cat;
	const struct score *sc = &r->s.score;
	char buf[600], num[16];
	int i;

	ui_doc_row(d);
	if (!sc->n_recs) {
		ui_doc_text(ui, d, 0, ROLE_HEADER, _("Next steps"));
		ui_doc_text(ui, d, 2, ROLE_NORMAL, _("No weak answers: keep doing what you do."));
		return;
	}
	snprintf(buf, sizeof buf, P_("Next steps (%d), most important first",
	                             "Next steps (%d), most important first", sc->n_recs), sc->n_recs);
	ui_doc_text(ui, d, 0, ROLE_HEADER, buf);
	for (i = 0; i < sc->n_recs; i++) {
		const struct recommendation *rec = &sc->recs[i];
		const struct cat_item *it = &cat->items[rec->item];
		int v = r->s.values[rec->item];

		catalogue_item_label(cat, rec->item, num, sizeof num);
		snprintf(buf, sizeof buf, "%2d. (%s)", i + 1, num);
		ui_doc_hang(ui, d, 0, buf, ROLE_DIM, 11, rec->knockout ? ROLE_BAD
		            : rec->caution ? ROLE_WARN : ROLE_BOLD, _(it->question));
		if (rec->knockout)
			snprintf(buf, sizeof buf, _("Answer: %s %s stop sign"),
			         _(catalogue_scale_label(v)), ui_sym(ui, SYM_CROSS));
		else if (rec->caution)
			snprintf(buf, sizeof buf, _("Answer: %s ! caution"), _(catalogue_scale_label(v)));
		else
			snprintf(buf, sizeof buf, _("Answer: %s"), _(catalogue_scale_label(v)));
		ui_doc_text(ui, d, 11, ROLE_DIM, buf);
		ui_doc_text(ui, d, 11, ROLE_NORMAL, rec->knockout || rec->caution
		            ? _(catalogue_knockout_first_step(cat, catalogue_item_knockout(cat, rec->item)))
		            : _(it->recommendation));
		if (r->s.notes[rec->item] && r->s.notes[rec->item][0]) {
			ui_doc_note(ui, d, 11, ROLE_DIM, r->s.notes[rec->item]);
		}
		if (r->in_plan[rec->item]) {
			/* as the report sets such steps apart from the new ones */
			snprintf(buf, sizeof buf, _("In the plan already: action %d"),
			         r->in_plan[rec->item]);
			ui_doc_text(ui, d, 11, ROLE_GOOD, buf);
		}
	}
}

static void result_draw(struct ui_screen *s, struct ui *ui)
{
	struct result *r = (struct result *)s;
	struct ui_doc d = { .top = ui_body_top(), .height = ui_body_height(),
	                    .scroll = s->page.scroll, .x = 1, .width = COLS - 4 };
	char title[300];

	snprintf(title, sizeof title, _("Result: %s"), r->have_company ? r->c.name : "");
	ui_title(ui, title);
	if (!r->loaded || !r->s.cat) {
		ui_put(ui, d.top + 1, 2, COLS - 4, ROLE_NORMAL,
		       _("This assessment cannot be shown. Press Esc to go back."), false);
		return;
	}
	result_draw_head(r, ui, &d);
	result_draw_summary(r, ui, &d);
	ui_loop_draw(ui, &d, &r->loop);
	result_draw_dims(r, ui, &d);
	result_draw_stops(r, ui, &d);
	result_draw_plan(r, ui, &d);
	result_draw_recs(r, ui, &d);
	s->page.lines = d.lines;
	ui_doc_more(ui, &d);
}

/* The report with everything the store knows about the assessment: the
 * comparison with the final one before, the history, the reopenings. */
static int result_write(FILE *out, enum report_format fmt, struct ui *ui, void *ctx)
{
	struct result *r = ctx;
	struct assess_report rep;
	int rc = -1;

	if (assess_report_gather(ui->st, &r->s, &ui->settings, &rep) == STORE_OK)
		rc = report_assessment(out, fmt, &rep.in);
	assess_report_clear(&rep);
	return rc;
}

static enum ui_reaction result_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct result *r = (struct result *)s;
	bool shown = r->loaded && r->s.cat;

	if (act == UI_ACT_BACK)
		return UI_POP;
	if (!shown)
		return UI_NONE;
	switch (act) {
	case UI_ACT_EXPORT:
		if (!r->have_company)
			return UI_NONE;
		return ui_export_ask(ui, &r->ex, &r->c, &r->s.a, false, result_write, r);
	case UI_ACT_SUMMARY:
		return ui_meta_ask(ui, &r->s.a, true, &r->pending);
	case UI_ACT_REOPEN:
		if (r->s.a.status != ASSESS_FINAL) {
			ui_error(ui, "%s", _("Only a final assessment can be reopened; this one is a draft."));
			return UI_REDRAW;
		}
		r->pending.id = r->id;
		return ui_reopen_ask(ui, &r->pending);
	case UI_ACT_PLAN:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_PLAN,
		                                         .company = r->s.a.company_id });
	case UI_ACT_BUILD_PLAN:
		if (r->s.a.status != ASSESS_FINAL) {
			ui_error(ui, "%s", _("A plan is built from a final assessment; finish this one "
			                     "first."));
			return UI_REDRAW;
		}
		if (ui_refuse_readonly(ui))
			return UI_REDRAW;
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_BUILDER,
		                                         .company = r->s.a.company_id,
		                                         .assessment = r->id });
	default:
		return UI_NONE;
	}
}

/* The summary is written on a draft; a final assessment is reopened. */
static bool result_can(const struct ui_screen *s, enum ui_action act)
{
	const struct result *r = (const struct result *)s;
	bool shown = r->loaded && r->s.cat;

	switch (act) {
	case UI_ACT_EXPORT:
		return shown && r->have_company;
	case UI_ACT_SUMMARY:
		return shown && r->s.a.status != ASSESS_FINAL;
	case UI_ACT_REOPEN:
		return shown && r->s.a.status == ASSESS_FINAL;
	case UI_ACT_BUILD_PLAN:
		return shown && r->s.a.status == ASSESS_FINAL && !store_readonly(r->st);
	case UI_ACT_PLAN:
		return shown;
	default:
		return true;
	}
}

static bool result_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct result *r = (struct result *)s;

	r->id = req->assessment;
	r->st = ui->st;
	return true;
}

static void result_destroy(struct ui_screen *s)
{
	struct result *r = (struct result *)s;

	if (r->loaded)
		assess_clear(&r->s);
	if (r->have_company)
		store_company_clear(&r->c);
	store_events_free(r->ev, r->n_ev);
	assess_plan_loop_clear(&r->loop);
}

static const struct ui_binding result_keys[] = {
	{ UI_ACT_EXPORT, true },
	{ UI_ACT_SUMMARY, true },
	{ UI_ACT_REOPEN, true },
	UI_BIND_MOVES(true),
	{ UI_ACT_BUILD_PLAN, true },
	{ UI_ACT_PLAN, true },
	{ UI_ACT_BACK, true },
	{ UI_ACT_REFRESH, false },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, true },
};

const struct ui_screen_ops ui_result_ops = {
	.name = N_("Result"),
	.size = sizeof(struct result),
	.paged = true,
	.keys = result_keys,
	.n_keys = UI_NBIND(result_keys),
	.init = result_init,
	.load = result_load,
	.can = result_can,
	.draw = result_draw,
	.key = result_key,
	.destroy = result_destroy,
};
