/*
 * scoring.c - the readiness model: scores, levels, knock-outs (stop signs),
 * cautions and the order of recommendations for one set of answers.
 *
 * Integer arithmetic only, so a result is the same on every machine and can
 * be recomputed from stored answers at any time.  The rules are spelt out
 * in scoring.h and, for users, in the SCORING section of smready(1).
 */
#include "config.h"

#include "scoring.h"

#include <string.h>

#include "i18n.h"

static const struct {
	int floor;
	const char *name;
	const char *key;
} levels[LEVEL_COUNT] = {
	[LEVEL_NOT_READY] = { 0, N_("Not ready"), "not-ready" },
	[LEVEL_EARLY] = { 40, N_("Early stage"), "early" },
	[LEVEL_NEARLY] = { 60, N_("Nearly ready"), "nearly" },
	[LEVEL_READY] = { 80, N_("Ready"), "ready" },
};

static bool level_valid(enum level level)
{
	return level >= LEVEL_NOT_READY && level < LEVEL_COUNT;
}

int scoring_level_floor(enum level level)
{
	return level_valid(level) ? levels[level].floor : SCORE_NONE;
}

const char *scoring_level_name(enum level level)
{
	return level_valid(level) ? levels[level].name : N_("not assessed");
}

const char *scoring_level_key(enum level level)
{
	return level_valid(level) ? levels[level].key : "unknown";
}

enum level scoring_level_from_key(const char *key)
{
	if (key == NULL)
		return LEVEL_UNKNOWN;
	for (int l = LEVEL_NOT_READY; l < LEVEL_COUNT; l++)
		if (strcmp(levels[l].key, key) == 0)
			return (enum level)l;
	return LEVEL_UNKNOWN;
}

/* 100 * earned / possible, rounded half up, where an item answered v earns
 * weight * v and could earn weight * ANSWER_MAX.  floor(x + 1/2) in
 * integers: (2*100*earned + possible) / (2*possible). */
static int score_percent(long earned, long weight_sum)
{
	long possible = weight_sum * ANSWER_MAX;

	if (weight_sum <= 0)
		return SCORE_NONE;
	return (int)((200 * earned + possible) / (2 * possible));
}

enum level scoring_band(int score)
{
	if (score == SCORE_NONE)
		return LEVEL_UNKNOWN;
	for (int l = LEVEL_COUNT - 1; l > LEVEL_NOT_READY; l--)
		if (score >= levels[l].floor)
			return (enum level)l;
	return LEVEL_NOT_READY;
}

static bool value_weak(int v)
{
	return v == ANSWER_DONT_KNOW || (v >= ANSWER_MIN && v <= SCORING_WEAK_MAX);
}

/* The answer knock-out k looks at, or ANSWER_UNANSWERED when its item is
 * outside the catalogue. */
static int knockout_value(const struct catalogue *cat, int k, const int *values)
{
	int item = cat->knockouts[k].item;

	return item >= 0 && item < cat->n_items ? values[item] : ANSWER_UNANSWERED;
}

/* Whether knock-out k fires for these answers. */
static bool knockout_fires(const struct catalogue *cat, int k, const int *values)
{
	int v = knockout_value(cat, k, values);

	return v == ANSWER_DONT_KNOW || (v >= ANSWER_MIN && v <= cat->knockouts[k].max_value);
}

/* Whether knock-out k holds as a caution: answered above the stop, but not
 * above its caution range (none when caution_max is CAT_NO_CAUTION). */
static bool knockout_caution(const struct catalogue *cat, int k, const int *values)
{
	int v = knockout_value(cat, k, values);

	return v > cat->knockouts[k].max_value && v >= ANSWER_MIN &&
	       v <= cat->knockouts[k].caution_max;
}

/* 0 for a fired knock-out, 1 for a caution, 2 for everything else. */
static int rec_rank(const struct recommendation *r)
{
	return r->knockout ? 0 : r->caution ? 1 : 2;
}

/* Sort key of a recommendation: fired knock-outs first, then cautions,
 * each in knock-out order, then the larger weight * gap, then catalogue
 * order.  Negative: a before b. */
static int rec_cmp(const struct catalogue *cat, const struct recommendation *a,
                   const struct recommendation *b)
{
	int wa, wb;

	if (rec_rank(a) != rec_rank(b))
		return rec_rank(a) < rec_rank(b) ? -1 : 1;
	if (rec_rank(a) < 2) {
		int ka = catalogue_item_knockout(cat, a->item);
		int kb = catalogue_item_knockout(cat, b->item);
		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
	wa = cat->items[a->item].weight * a->gap;
	wb = cat->items[b->item].weight * b->gap;
	if (wa != wb)
		return wa > wb ? -1 : 1;
	return a->item < b->item ? -1 : (a->item > b->item);
}

/* Insertion sort: at most CAT_MAX_ITEMS entries, and it keeps the code free
 * of a comparator that needs the catalogue through a global. */
static void recs_sort(const struct catalogue *cat, struct recommendation *r, int n)
{
	for (int i = 1; i < n; i++) {
		struct recommendation cur = r[i];
		int j = i;

		while (j > 0 && rec_cmp(cat, &cur, &r[j - 1]) < 0) {
			r[j] = r[j - 1];
			j--;
		}
		r[j] = cur;
	}
}

static void score_knockouts(const struct catalogue *cat, const int *values,
                            int n_ko, struct score *out)
{
	for (int k = 0; k < n_ko; k++) {
		out->fired[k] = knockout_fires(cat, k, values);
		out->caution[k] = !out->fired[k] && knockout_caution(cat, k, values);
		out->n_fired += out->fired[k];
		out->n_cautions += out->caution[k];
	}
}

/* The band, capped by fired knock-outs and then by cautions. */
static enum level score_level(const struct score *s)
{
	if (s->n_fired > 0)
		return LEVEL_NOT_READY;
	if (s->n_cautions > 0 && s->band > LEVEL_EARLY)
		return LEVEL_EARLY;
	return s->band;
}

static void score_recommendations(const struct catalogue *cat, const int *values,
                                  int n_items, struct score *out)
{
	for (int i = 0; i < n_items; i++) {
		struct recommendation *r;
		int k = catalogue_item_knockout(cat, i);
		bool ko = k >= 0 && k < CAT_MAX_KNOCKOUTS && out->fired[k];
		bool caution = k >= 0 && k < CAT_MAX_KNOCKOUTS && out->caution[k];

		/* A caution always brings its next step, even if a catalogue
		 * set its range above what counts as weak. */
		if (!value_weak(values[i]) && !caution)
			continue;
		r = &out->recs[out->n_recs++];
		r->item = i;
		r->dont_know = values[i] == ANSWER_DONT_KNOW;
		r->gap = r->dont_know ? ANSWER_MAX : ANSWER_MAX - values[i];
		r->knockout = ko;
		r->caution = caution;
	}
	recs_sort(cat, out->recs, out->n_recs);
}

void scoring_compute(const struct catalogue *cat, const int *values,
                     struct score *out)
{
	long dim_earned[CAT_MAX_DIMS] = { 0 }, dim_weight[CAT_MAX_DIMS] = { 0 };
	long earned = 0, weight = 0;
	int vals[CAT_MAX_ITEMS];
	int n_items, n_dims, n_ko;

	memset(out, 0, sizeof *out);
	out->cat = cat;
	out->overall = SCORE_NONE;
	out->level = out->band = LEVEL_UNKNOWN;
	for (int d = 0; d < CAT_MAX_DIMS; d++)
		out->dim[d] = SCORE_NONE;
	if (cat == NULL)
		return;
	/* Stay inside the fixed-size arrays whatever the catalogue claims. */
	n_items = cat->n_items < CAT_MAX_ITEMS ? cat->n_items : CAT_MAX_ITEMS;
	n_dims = cat->n_dims < CAT_MAX_DIMS ? cat->n_dims : CAT_MAX_DIMS;
	n_ko = cat->n_knockouts < CAT_MAX_KNOCKOUTS ? cat->n_knockouts : CAT_MAX_KNOCKOUTS;
	/* Anything that is not a storable answer counts as unanswered. */
	for (int i = 0; i < n_items; i++) {
		int v = values ? values[i] : ANSWER_UNANSWERED;
		vals[i] = catalogue_value_valid(v) ? v : ANSWER_UNANSWERED;
	}
	out->total = n_items;

	for (int i = 0; i < n_items; i++) {
		const struct cat_item *it = &cat->items[i];
		int d = it->dimension;
		bool in_dim = d >= 0 && d < n_dims;
		int v = vals[i];

		if (in_dim)
			out->dim_total[d]++;
		if (v == ANSWER_UNANSWERED)
			continue;
		out->answered++;
		if (v == ANSWER_DONT_KNOW)
			out->dont_know++;
		/* "don't know" weighs in the denominator but earns nothing. */
		v = v == ANSWER_DONT_KNOW ? 0 : v;
		weight += it->weight;
		earned += (long)it->weight * v;
		if (in_dim) {
			out->dim_answered[d]++;
			dim_weight[d] += it->weight;
			dim_earned[d] += (long)it->weight * v;
		}
	}

	for (int d = 0; d < n_dims; d++)
		out->dim[d] = score_percent(dim_earned[d], dim_weight[d]);
	out->overall = score_percent(earned, weight);
	out->band = scoring_band(out->overall);
	out->completeness = n_items > 0 ? out->answered * 100 / n_items : 0;

	score_knockouts(cat, vals, n_ko, out);
	out->level = score_level(out);
	score_recommendations(cat, vals, n_items, out);
}
