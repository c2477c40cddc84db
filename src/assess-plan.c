/*
 * assess-plan.c - the action plan between the store and the model (see
 * assess-plan.h): suggestions that leave out what is planned already, a
 * suggestion made an action, and the loop of a re-check.
 */
#include "config.h"

#include "assess-plan.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "timefmt.h"

char *assess_today(struct store *st, char *buf, size_t bufsz)
{
	return timefmt_day(store_now(st), buf, bufsz);
}

void assess_plan_action(const struct action *a, struct plan_aim *aims,
                        struct plan_event *events, struct plan_action *out)
{
	size_t n = a->n_items < PLAN_MAX_ITEMS ? a->n_items : PLAN_MAX_ITEMS;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		aims[i].key = a->items[i].key;
		aims[i].target = a->items[i].target;
	}
	for (size_t i = 0; i < a->n_changes; i++) {
		events[i].at = a->changes[i].at;
		events[i].status = a->changes[i].status;
	}
	out->cat = catalogue_find(a->questionnaire, a->qversion);
	out->items = aims;
	out->n_items = (int)n;
	out->events = events;
	out->n_events = (int)a->n_changes;
	out->created = a->created;
	out->due = a->due;
}

/* Marks in covered (by item of cat) what the open actions aim at. */
static void mark_covered(const struct action *list, size_t n, const struct catalogue *cat,
                         bool *covered)
{
	for (size_t i = 0; i < n; i++) {
		const struct catalogue *from = catalogue_find(list[i].questionnaire, list[i].qversion);
		struct cat_map m;

		if (plan_status_closed(list[i].status) || !from || !catalogue_map_init(&m, from, cat))
			continue;
		for (size_t k = 0; k < list[i].n_items; k++) {
			int idx = catalogue_item_index(from, list[i].items[k].key), to[CAT_MAX_ITEMS];
			int nt = idx >= 0 ? catalogue_map_targets(&m, idx, to, CAT_MAX_ITEMS) : 0;

			for (int t = 0; t < nt && t < CAT_MAX_ITEMS; t++)
				covered[to[t]] = true;
		}
	}
}

int assess_plan_suggest(struct store *st, const struct scored *s, int limit,
                        struct plan_suggestion *out, int max)
{
	bool covered[CAT_MAX_ITEMS] = { false };
	struct action *list;
	size_t n;

	if (!s->cat)
		return 0;
	if (store_action_list(st, s->a.company_id, &list, &n) != STORE_OK)
		return -1;
	mark_covered(list, n, s->cat, covered);
	store_actions_free(list, n);
	return plan_suggest(&s->score, covered, limit, out, max);
}

enum store_err assess_plan_accept(struct store *st, const struct scored *s,
                                  const struct plan_suggestion *p, const char *title,
                                  const char *owner, const char *due, long long *id)
{
	struct plan_aim item;
	struct action_fields f;

	if (!s->cat || p->item < 0 || p->item >= s->cat->n_items)
		return store_set_error(st, STORE_INVALID, _("This suggestion does not fit the "
		                                            "assessment."));
	item.key = s->cat->items[p->item].key;
	item.target = p->target;
	memset(&f, 0, sizeof f);
	f.title = title ? title : _(p->title);
	f.owner = owner;
	f.due = due;
	f.questionnaire = s->cat->id;
	f.qversion = s->cat->version;
	f.origin = s->a.status == ASSESS_FINAL ? s->a.id : 0;
	f.items = &item;
	f.n_items = 1;
	return store_action_add(st, s->a.company_id, &f, id);
}

/* ---- the loop ------------------------------------------------------------------ */

void assess_plan_loop_clear(struct plan_loop *l)
{
	store_actions_free(l->actions, l->n_actions);
	free(l->judged);
	memset(l, 0, sizeof *l);
}

enum store_err assess_previous_final(struct store *st, const struct assessment *a,
                                     long long *id)
{
	struct assessment *list;
	const struct assessment *best = NULL;
	size_t n;
	enum store_err err = store_assessment_list(st, a->company_id, &list, &n);

	*id = 0;
	if (err != STORE_OK)
		return err;
	for (size_t i = 0; i < n; i++) {
		const struct assessment *h = &list[i];

		if (h->id == a->id || h->status != ASSESS_FINAL)
			continue;
		/* before a in the order in which they were finished */
		if (a->status == ASSESS_FINAL && (h->completed > a->completed ||
		    (h->completed == a->completed && h->id > a->id)))
			continue;
		if (!best || h->completed > best->completed ||
		    (h->completed == best->completed && h->id > best->id))
			best = h;
	}
	if (best)
		*id = best->id;
	store_assessment_free(list, n);
	return STORE_OK;
}

/* Judges one action into j; false when the re-check does not judge it. */
static bool judge(const struct action *a, const struct scored *p, const struct scored *r,
                  const char *day, struct plan_judged *j)
{
	struct plan_aim aims[PLAN_MAX_ITEMS];
	struct plan_event *events = malloc((a->n_changes ? a->n_changes : 1) * sizeof *events);
	struct plan_action pa;
	bool in;

	if (!events)
		return false;
	if (a->origin == r->a.id) {
		free(events);             /* the plan built from r, for the next one */
		return false;
	}
	assess_plan_action(a, aims, events, &pa);
	in = plan_in_loop(&pa, p->a.completed, r->a.completed);
	if (in) {
		j->a = a;
		plan_classify(&pa, p->cat, p->values, r->cat, r->values, r->a.completed, day, &j->r);
	}
	free(events);
	return in;
}

static int by_outcome(const void *x, const void *y)
{
	const struct plan_judged *a = x, *b = y;

	if (a->r.outcome != b->r.outcome)
		return a->r.outcome < b->r.outcome ? -1 : 1;
	return a->a->number < b->a->number ? -1 : a->a->number > b->a->number;
}

enum store_err assess_plan_loop(struct store *st, const struct scored *p,
                                const struct scored *r, struct plan_loop *out)
{
	char day[TIMEFMT_DAY_SIZE];
	enum store_err err;

	memset(out, 0, sizeof *out);
	if (!p || !r->cat || !p->cat || r->a.status != ASSESS_FINAL ||
	    p->a.status != ASSESS_FINAL || p->a.company_id != r->a.company_id)
		return STORE_OK;
	err = store_action_list(st, r->a.company_id, &out->actions, &out->n_actions);
	if (err != STORE_OK)
		return err;
	out->judged = calloc(out->n_actions ? out->n_actions : 1, sizeof *out->judged);
	if (!out->judged) {
		assess_plan_loop_clear(out);
		return store_set_error(st, STORE_ERROR, _("Out of memory."));
	}
	out->have = true;
	out->before_id = p->a.id;
	out->after_id = r->a.id;
	timefmt_day(r->a.completed, day, sizeof day);
	for (size_t i = 0; i < out->n_actions; i++)
		if (judge(&out->actions[i], p, r, day, &out->judged[out->n]))
			out->count[out->judged[out->n++].r.outcome]++;
	qsort(out->judged, out->n, sizeof *out->judged, by_outcome);
	return STORE_OK;
}

enum store_err assess_plan_loop_of(struct store *st, const struct scored *r,
                                   struct plan_loop *out)
{
	struct scored p;
	long long prev = 0;
	enum store_err err;

	memset(out, 0, sizeof *out);
	if (r->a.status != ASSESS_FINAL)
		return STORE_OK;
	err = assess_previous_final(st, &r->a, &prev);
	if (err != STORE_OK || !prev)
		return err;
	err = assess_load(st, prev, &p);
	if (err == STORE_INVALID)
		return STORE_OK;          /* a questionnaire unknown here: no loop */
	if (err != STORE_OK)
		return err;
	err = assess_plan_loop(st, &p, r, out);
	assess_clear(&p);
	return err;
}
