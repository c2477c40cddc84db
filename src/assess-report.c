/*
 * assess-report.c - what a report needs from the store, gathered once for
 * the command line and the UI: the company, the comparison with the final
 * assessment before, the company's history and the events.
 */
#include "config.h"

#include "assess-report.h"

#include <string.h>

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
	}
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
	return STORE_OK;
}

void assess_report_clear(struct assess_report *r)
{
	if (r->have_cmp)
		assess_compared_clear(&r->cmp);
	store_assessment_free(r->history, r->n_history);
	store_events_free(r->events, r->n_events);
	store_events_free(r->old_events, r->n_old_events);
	store_company_clear(&r->company);
	memset(r, 0, sizeof *r);
}
