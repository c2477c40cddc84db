/*
 * plan.c - the suggested plan of a result and the four-way judgement of
 * an action at the next assessment (the rules are in plan.h).  Pure: no
 * allocation, no I/O.
 */
#include "config.h"

#include "plan.h"

#include <string.h>

#include "i18n.h"

/* ---- statuses ------------------------------------------------------------- */

static const char *const status_keys[PLAN_STATUS_COUNT] = {
	"open", "in-progress", "done", "dropped"
};
static const char *const status_texts[PLAN_STATUS_COUNT] = {
	N_("open"), N_("in progress"), N_("done"), N_("dropped")
};

const char *plan_status_key(enum plan_status s)
{
	return s >= 0 && s < PLAN_STATUS_COUNT ? status_keys[s] : "open";
}

const char *plan_status_text(enum plan_status s)
{
	return s >= 0 && s < PLAN_STATUS_COUNT ? status_texts[s] : status_texts[0];
}

bool plan_status_from_key(const char *key, enum plan_status *out)
{
	for (int i = 0; key && i < PLAN_STATUS_COUNT; i++) {
		if (strcmp(key, status_keys[i]) == 0) {
			*out = (enum plan_status)i;
			return true;
		}
	}
	return false;
}

bool plan_status_closed(enum plan_status s)
{
	return s == PLAN_DONE || s == PLAN_DROPPED;
}

/* ---- the suggested plan ---------------------------------------------------- */

int plan_target(const struct catalogue *cat, int item)
{
	int target = SCORING_WEAK_MAX + 1, k;

	if (!cat || item < 0 || item >= cat->n_items)
		return target;
	k = catalogue_item_knockout(cat, item);
	if (k >= 0) {
		const struct cat_knockout *ko = &cat->knockouts[k];
		int above = (ko->caution_max != CAT_NO_CAUTION ? ko->caution_max : ko->max_value) + 1;

		if (above > target)
			target = above;
	}
	return target > ANSWER_MAX ? ANSWER_MAX : target;
}

int plan_suggest(const struct score *sc, const bool *covered, int limit,
                 struct plan_suggestion *out, int max)
{
	const struct catalogue *cat = sc->cat;
	int n = 0;

	if (!cat)
		return 0;
	if (limit < 0)
		limit = PLAN_DEFAULT_LIMIT;
	/* The recommendations come in the plan's order already: fired stop
	 * signs, cautions, then weight x gap (scoring.h). */
	for (int i = 0; i < sc->n_recs && n < max; i++) {
		const struct recommendation *r = &sc->recs[i];
		struct plan_suggestion *p;
		int k;

		if (covered && covered[r->item])
			continue;
		if (!r->knockout && n >= limit)
			continue;
		k = catalogue_item_knockout(cat, r->item);
		p = &out[n++];
		p->item = r->item;
		p->target = plan_target(cat, r->item);
		p->stop_sign = r->knockout;
		p->caution = r->caution;
		p->gain = cat->items[r->item].weight * r->gap;
		p->title = (r->knockout || r->caution) && k >= 0
		           ? catalogue_knockout_first_step(cat, k)
		           : cat->items[r->item].recommendation;
	}
	return n;
}

/* ---- the loop ---------------------------------------------------------------- */

static const char *const outcome_keys[PLAN_OUTCOME_COUNT] = {
	"worked", "done-without-effect", "improved-without-action", "still-open"
};
static const char *const outcome_texts[PLAN_OUTCOME_COUNT] = {
	N_("worked"), N_("done without effect"), N_("improved without the action"),
	N_("still open")
};
static const char *const progress_keys[] = {
	"reached", "approached", "same", "worse", "unknown"
};

const char *plan_outcome_key(enum plan_outcome o)
{
	return o >= 0 && o < PLAN_OUTCOME_COUNT ? outcome_keys[o] : outcome_keys[PLAN_STILL_OPEN];
}

const char *plan_outcome_text(enum plan_outcome o)
{
	return o >= 0 && o < PLAN_OUTCOME_COUNT ? outcome_texts[o] : outcome_texts[PLAN_STILL_OPEN];
}

const char *plan_progress_key(enum plan_progress p)
{
	return p >= PLAN_REACHED && p <= PLAN_UNKNOWN ? progress_keys[p] : "unknown";
}

enum plan_status plan_status_at(const struct plan_event *ev, int n, long long t)
{
	enum plan_status s = PLAN_OPEN;

	for (int i = 0; i < n; i++)
		if (ev[i].at <= t)
			s = ev[i].status;
	return s;
}

/* When the action got the status it had at t (0: it always had it). */
static long long status_since(const struct plan_event *ev, int n, long long t)
{
	long long since = 0;

	for (int i = 0; i < n; i++)
		if (ev[i].at <= t)
			since = ev[i].at;
	return since;
}

bool plan_in_loop(const struct plan_action *a, long long since, long long at)
{
	enum plan_status s;

	/* Added in the very second the re-check was finished counts as after
	 * it: the plan built from its result, not the one it judges. */
	if (a->n_items <= 0 || a->created >= at)
		return false;
	s = plan_status_at(a->events, a->n_events, at);
	/* Settled before the assessment the re-check is compared with: the
	 * re-check before this one judged it already.  Changes in the very
	 * second that assessment was finished count as after it. */
	if (plan_status_closed(s) && status_since(a->events, a->n_events, at) < since)
		return false;
	return true;
}

/* The lower of two answers, "don't know" lowest, an unanswered one not
 * counting. */
static int lowest(int a, int b)
{
	if (a == ANSWER_UNANSWERED)
		return b;
	if (b == ANSWER_UNANSWERED)
		return a;
	if (a == ANSWER_DONT_KNOW || b == ANSWER_DONT_KNOW)
		return ANSWER_DONT_KNOW;
	return a < b ? a : b;
}

int plan_value(const struct catalogue *cat, const char *key, const struct catalogue *other,
               const int *values)
{
	struct cat_map m;
	int idx, targets[CAT_MAX_ITEMS], n, v = ANSWER_UNANSWERED;

	if (!cat || !other || !values || !key)
		return ANSWER_UNANSWERED;
	idx = catalogue_item_index(cat, key);
	if (idx < 0 || !catalogue_map_init(&m, cat, other))
		return ANSWER_UNANSWERED;
	n = catalogue_map_targets(&m, idx, targets, CAT_MAX_ITEMS);
	for (int i = 0; i < n && i < CAT_MAX_ITEMS; i++)
		if (targets[i] >= 0 && targets[i] < other->n_items)
			v = lowest(v, catalogue_value_valid(values[targets[i]]) ? values[targets[i]]
			                                                         : ANSWER_UNANSWERED);
	return v;
}

/* The place of an answer on the scale: "don't know" earns nothing. */
static int scale(int v)
{
	return v == ANSWER_DONT_KNOW ? 0 : v;
}

static enum plan_progress progress(int before, int after, int target)
{
	if (after == ANSWER_UNANSWERED)
		return PLAN_UNKNOWN;
	if (before == ANSWER_UNANSWERED)
		return scale(after) >= target ? PLAN_REACHED : PLAN_UNKNOWN;
	if (scale(after) >= target && scale(after) >= scale(before))
		return PLAN_REACHED;
	if (scale(after) > scale(before))
		return PLAN_APPROACHED;
	return scale(after) == scale(before) ? PLAN_SAME : PLAN_WORSE;
}

void plan_classify(const struct plan_action *a, const struct catalogue *before_cat,
                   const int *before, const struct catalogue *after_cat, const int *after,
                   long long at, const char *day, struct plan_result *out)
{
	bool done;

	memset(out, 0, sizeof *out);
	out->status = plan_status_at(a->events, a->n_events, at);
	for (int i = 0; i < a->n_items && i < PLAN_MAX_ITEMS; i++) {
		struct plan_item_result *r = &out->items[out->n_items++];

		r->key = a->items[i].key;
		r->target = a->items[i].target;
		r->before = plan_value(a->cat, r->key, before_cat, before);
		r->after = plan_value(a->cat, r->key, after_cat, after);
		r->progress = progress(r->before, r->after, r->target);
		if (r->progress == PLAN_REACHED || r->progress == PLAN_APPROACHED)
			out->n_moved++;
	}
	done = out->status == PLAN_DONE;
	if (done)
		out->outcome = out->n_moved > 0 ? PLAN_WORKED : PLAN_NO_EFFECT;
	else
		out->outcome = out->n_moved > 0 ? PLAN_IMPROVED_ANYWAY : PLAN_STILL_OPEN;
	out->overdue = out->outcome == PLAN_STILL_OPEN && out->status != PLAN_DROPPED &&
	               a->due && a->due[0] && day && day[0] && strcmp(a->due, day) < 0;
}
