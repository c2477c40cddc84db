/*
 * assess-report.c - what a report needs from the store, gathered once for
 * the command line and the UI: the company, the comparison with the final
 * assessment before, the company's history and the events.
 */
#include "config.h"

#include "assess-report.h"

#include <stdlib.h>
#include <string.h>

#include "timefmt.h"

static void report_init(struct assess_report *r, const struct settings *settings)
{
	memset(r, 0, sizeof *r);
	r->in.settings = settings;
	r->in.company = &r->company;
}

/* The history and the events of both sides; what cannot be read is left
 * out of the report. */
static void gather_history(struct store *st, struct assess_report *r, long long company_id,
                           long long id, long long old_id)
{
	if (store_assessment_list(st, company_id, &r->history, &r->n_history) != STORE_OK) {
		r->history = NULL;
		r->n_history = 0;
	}
	if (store_assessment_events(st, id, &r->events, &r->n_events) != STORE_OK) {
		r->events = NULL;
		r->n_events = 0;
	}
	if (old_id && store_assessment_events(st, old_id, &r->old_events, &r->n_old_events)
	              != STORE_OK) {
		r->old_events = NULL;
		r->n_old_events = 0;
	}
	r->in.history = r->history;
	r->in.n_history = r->n_history;
	r->in.events = r->events;
	r->in.n_events = r->n_events;
	r->in.old_events = r->old_events;
	r->in.n_old_events = r->n_old_events;
}

/* The final assessment before a in the company's history (newest first
 * by start): for a draft the latest final one; 0 when there is none. */
static long long previous_final(const struct assess_report *r, const struct assessment *a)
{
	bool seen = a->status != ASSESS_FINAL;
	size_t i;

	for (i = 0; i < r->n_history; i++) {
		const struct assessment *h = &r->history[i];

		if (h->id == a->id)
			seen = true;
		else if (seen && h->status == ASSESS_FINAL)
			return h->id;
	}
	return 0;
}

/* The question an aim names, as a msgid; NULL when unknown here. */
static const char *aim_question(const struct action *a, const char *key)
{
	const struct catalogue *cat = catalogue_find(a->questionnaire, a->qversion);
	int i = cat ? catalogue_item_index(cat, key) : -1;

	return i >= 0 ? cat->items[i].question : NULL;
}

static void fill_action(struct report_action *ra, struct report_aim *aims,
                        const struct action *a)
{
	memset(ra, 0, sizeof *ra);
	ra->number = a->number;
	ra->text = a->title;
	ra->owner = a->owner;
	ra->due = a->due;
	ra->state = a->status;
	ra->note = a->note;
	ra->aims = aims;
	ra->n_aims = (int)(a->n_items < ACTION_MAX_ITEMS ? a->n_items : ACTION_MAX_ITEMS);
	for (int k = 0; k < ra->n_aims; k++) {
		memset(&aims[k], 0, sizeof aims[k]);
		aims[k].key = a->items[k].key;
		aims[k].question = aim_question(a, a->items[k].key);
		aims[k].target = a->items[k].target;
		aims[k].before = aims[k].after = ANSWER_UNANSWERED;
		aims[k].progress = PLAN_UNKNOWN;
	}
}

/* The report's views of the open actions and of the loop; what cannot be
 * read is left out of the report. */
static void gather_plan(struct store *st, struct assess_report *r, long long company_id,
                        bool with_plan)
{
	size_t n_open = 0, n = 0, n_aims;
	char today[TIMEFMT_DAY_SIZE];
	struct report_action *ra;
	struct report_aim *aims;

	if (with_plan && store_action_list(st, company_id, &r->actions, &r->n_actions) != STORE_OK) {
		r->actions = NULL;
		r->n_actions = 0;
	}
	for (size_t i = 0; i < r->n_actions; i++)
		n_open += !plan_status_closed(r->actions[i].status);
	if (!n_open && !r->loop.n)
		return;
	ra = calloc(n_open + r->loop.n + 1, sizeof *ra);
	aims = calloc((n_open + r->loop.n + 1) * ACTION_MAX_ITEMS, sizeof *aims);
	if (!ra || !aims) {
		free(ra);
		free(aims);
		return;
	}
	r->report_actions = ra;
	r->report_aims = aims;
	n_aims = 0;
	assess_today(st, today, sizeof today);
	for (size_t i = 0; i < r->n_actions; i++) {
		const struct action *a = &r->actions[i];

		if (plan_status_closed(a->status))
			continue;
		fill_action(&ra[n], &aims[n_aims], a);
		ra[n].overdue = *a->due && strcmp(a->due, today) < 0;
		n_aims += (size_t)ra[n].n_aims;
		n++;
	}
	if (n) {
		r->plan.actions = ra;
		r->plan.n_actions = (int)n;
		r->in.plan = &r->plan;
	}
	if (!r->loop.n)
		return;
	r->prev_plan.actions = ra + n;
	for (size_t j = 0; j < r->loop.n; j++) {
		const struct plan_judged *pj = &r->loop.judged[j];
		struct report_action *x = &ra[n + j];

		fill_action(x, &aims[n_aims], pj->a);
		x->state = pj->r.status;
		x->outcome = pj->r.outcome;
		x->overdue = pj->r.overdue;
		x->n_moved = pj->r.n_moved;
		for (int k = 0; k < x->n_aims && k < pj->r.n_items; k++) {
			aims[n_aims + (size_t)k].before = pj->r.items[k].before;
			aims[n_aims + (size_t)k].after = pj->r.items[k].after;
			aims[n_aims + (size_t)k].progress = pj->r.items[k].progress;
		}
		n_aims += (size_t)x->n_aims;
	}
	r->prev_plan.n_actions = (int)r->loop.n;
	r->in.prev_plan = &r->prev_plan;
}

/* Whether s is the company's latest final assessment (the order of
 * store_assessment_final: completed, then id).  Read off the history when
 * that was read, which holds every assessment of the company, s too. */
static bool latest_final(struct store *st, const struct assess_report *r,
                         const struct scored *s)
{
	struct assessment a;
	bool yes;

	if (s->a.status != ASSESS_FINAL)
		return false;
	if (r->n_history > 0) {
		for (size_t i = 0; i < r->n_history; i++) {
			const struct assessment *h = &r->history[i];

			if (h->status == ASSESS_FINAL && h->id != s->a.id &&
			    (h->completed > s->a.completed ||
			     (h->completed == s->a.completed && h->id > s->a.id)))
				return false;
		}
		return true;
	}
	if (store_assessment_final(st, s->a.company_id, 0, &a) != STORE_OK)
		return false;
	yes = a.id == s->a.id;
	store_assessment_clear(&a);
	return yes;
}

enum store_err assess_report_gather(struct store *st, const struct scored *s,
                                    const struct settings *settings, struct assess_report *out)
{
	enum store_err err;
	long long prev;

	report_init(out, settings);
	out->in.s = s;
	err = store_company_get(st, s->a.company_id, &out->company);
	if (err != STORE_OK) {
		memset(&out->company, 0, sizeof out->company);
		return err;
	}
	gather_history(st, out, s->a.company_id, s->a.id, 0);
	prev = previous_final(out, &s->a);
	if (prev && assess_compare(st, s->a.company_id, prev, s->a.id, &out->cmp) == STORE_OK) {
		out->have_cmp = true;
		out->in.cmp = &out->cmp;
		if (store_assessment_events(st, prev, &out->old_events, &out->n_old_events)
		    == STORE_OK) {
			out->in.old_events = out->old_events;
			out->in.n_old_events = out->n_old_events;
		}
		if (s->a.status == ASSESS_FINAL &&
		    assess_plan_loop(st, &out->cmp.old, s, &out->loop) != STORE_OK)
			assess_plan_loop_clear(&out->loop);
	}
	gather_plan(st, out, s->a.company_id, latest_final(st, out, s));
	return STORE_OK;
}

enum store_err assess_report_gather_compare(struct store *st, const struct compared *cmp,
                                            const struct settings *settings,
                                            struct assess_report *out)
{
	enum store_err err;

	report_init(out, settings);
	out->in.cmp = cmp;
	err = store_company_get(st, cmp->new.a.company_id, &out->company);
	if (err != STORE_OK) {
		memset(&out->company, 0, sizeof out->company);
		return err;
	}
	gather_history(st, out, cmp->new.a.company_id, cmp->new.a.id, cmp->old.a.id);
	if (assess_plan_loop(st, &cmp->old, &cmp->new, &out->loop) != STORE_OK)
		assess_plan_loop_clear(&out->loop);
	gather_plan(st, out, cmp->new.a.company_id, false);
	return STORE_OK;
}

void assess_report_clear(struct assess_report *r)
{
	if (r->have_cmp)
		assess_compared_clear(&r->cmp);
	store_assessment_free(r->history, r->n_history);
	store_events_free(r->events, r->n_events);
	store_events_free(r->old_events, r->n_old_events);
	store_actions_free(r->actions, r->n_actions);
	assess_plan_loop_clear(&r->loop);
	free(r->report_actions);
	free(r->report_aims);
	store_company_clear(&r->company);
	memset(r, 0, sizeof *r);
}
