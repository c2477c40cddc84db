/*
 * check_model.c - unit tests of the readiness model: the built-in
 * questionnaire's integrity, scoring, knock-outs, recommendation order and
 * the comparison of two assessments (also across a questionnaire version).
 *
 * Expected numbers are worked out by hand in the comments.  Item weights of
 * core/1, by index (sum 44, so the most an assessment can earn is 176):
 *    0 goals.purpose 3 (KO no-goal)     12 organisation.before_launch 1
 *    1 goals.business 2                 13 organisation.empowerment 2
 *    2 goals.achievable 1               14 organisation.backing 1
 *    3 channels.audience 2              15 policy.document 2
 *    4 channels.choice 2                16 policy.negative 2
 *    5 channels.analytics 1             17 policy.networks 1
 *    6 resources.long_term 3 (KO)       18 measurement.metrics 2
 *    7 resources.budget 2               19 measurement.tools 1
 *    8 resources.time 3 (KO no-time)    20 measurement.review 1
 *    9 resources.staff 2                21 skills.expertise 2
 *   10 resources.in_house 2             22 skills.learning 1
 *   11 organisation.pipeline 2          23 skills.response 3
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "compare.h"
#include "scoring.h"
#include "tap-main.h"

#define N_CORE 24
#define N_CORE2 26

/* --- helpers --------------------------------------------------------------- */

/* core/1 by name, not catalogue_builtin(): the numbers below are core/1's,
 * whichever questionnaire new assessments use. */
static const struct catalogue *core(void)
{
	return catalogue_find("core", 1);
}

static void fill(int *values, int n, int v)
{
	for (int i = 0; i < n; i++)
		values[i] = v;
}

static int idx(const char *key)
{
	int i = catalogue_item_index(core(), key);

	ck_assert_msg(i >= 0, "item %s missing", key);
	return i;
}

static int ko_idx(const char *key)
{
	const struct catalogue *cat = core();

	for (int k = 0; k < cat->n_knockouts; k++)
		if (strcmp(cat->knockouts[k].key, key) == 0)
			return k;
	ck_abort_msg("knock-out %s missing", key);
	return -1;
}

static bool has_criterion(const struct cat_item *it, const char *id)
{
	for (int c = 0; c < CAT_MAX_CRITERIA && it->criteria[c]; c++)
		if (strcmp(it->criteria[c], id) == 0)
			return true;
	return false;
}

static void score_with(const int *values, struct score *s)
{
	scoring_compute(core(), values, s);
}

/* Answers from a pattern, one character per item: '0'..'4', '?' for
 * "don't know", '.' for unanswered. */
static void from_pattern(int *values, int n, const char *pattern)
{
	ck_assert_int_eq((int)strlen(pattern), n);
	for (int i = 0; i < n; i++)
		values[i] = pattern[i] == '?' ? ANSWER_DONT_KNOW
		          : pattern[i] == '.' ? ANSWER_UNANSWERED : pattern[i] - '0';
}

/* --- catalogue ------------------------------------------------------------- */

START_TEST(test_catalogue_lookup)
{
	const struct catalogue *cat = core();

	ck_assert_ptr_nonnull(cat);
	ck_assert_str_eq(cat->id, "core");
	ck_assert_int_eq(cat->version, 1);
	ck_assert_ptr_ne(catalogue_builtin(), cat);
	ck_assert_ptr_null(catalogue_find("core", 3));
	ck_assert_ptr_null(catalogue_find("core", 0));
	ck_assert_ptr_null(catalogue_find("other", 1));
	ck_assert_ptr_null(catalogue_find(NULL, 1));
	ck_assert_int_eq(catalogue_item_index(cat, "goals.purpose"), 0);
	ck_assert_int_eq(catalogue_item_index(cat, "goals.nonsense"), -1);
	ck_assert_int_eq(catalogue_item_index(cat, NULL), -1);
	ck_assert_int_eq(catalogue_dim_index(cat, "goals"), 0);
	ck_assert_int_eq(catalogue_dim_index(cat, "nonsense"), -1);
	ck_assert_int_eq(catalogue_item_knockout(cat, idx("goals.purpose")), ko_idx("no-goal"));
	ck_assert_int_eq(catalogue_item_knockout(cat, idx("goals.business")), -1);
}
END_TEST

/* An item's number as the screens show it, and back: by number or key. */
START_TEST(test_catalogue_item_label)
{
	const struct catalogue *cat = catalogue_builtin();
	char buf[16];

	for (int i = 0; i < cat->n_items; i++) {
		catalogue_item_label(cat, i, buf, sizeof buf);
		ck_assert_int_eq(catalogue_item_lookup(cat, buf), i);
		ck_assert_int_eq(catalogue_item_lookup(cat, cat->items[i].key), i);
	}
	catalogue_item_label(cat, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "1.2");
	catalogue_item_label(cat, cat->n_items, buf, sizeof buf);
	ck_assert_str_eq(buf, "?");
	ck_assert_int_eq(catalogue_item_lookup(cat, "  1.2 "), 1);
	ck_assert_int_eq(catalogue_item_lookup(cat, "1.2.3"), -1);
	ck_assert_int_eq(catalogue_item_lookup(cat, "9.9"), -1);
	ck_assert_int_eq(catalogue_item_lookup(cat, "1."), -1);
	ck_assert_int_eq(catalogue_item_lookup(cat, ""), -1);
	ck_assert_int_eq(catalogue_item_lookup(cat, "   "), -1);
	ck_assert_int_eq(catalogue_item_lookup(cat, NULL), -1);
	ck_assert_int_eq(catalogue_item_lookup(NULL, "1.1"), -1);
}
END_TEST

/* Every catalogue this program knows, by loop index: catalogue_at(_i). */
#define N_KNOWN 2
static const int known_items[N_KNOWN] = { N_CORE, N_CORE2 };

START_TEST(test_catalogue_items_sound)
{
	const struct catalogue *cat = catalogue_at(_i);

	ck_assert_ptr_nonnull(cat);
	ck_assert_int_eq(cat->n_items, known_items[_i]);
	ck_assert_int_le(cat->n_items, CAT_MAX_ITEMS);
	ck_assert_int_ge(cat->n_dims, 5);
	ck_assert_int_le(cat->n_dims, CAT_MAX_DIMS);
	for (int i = 0; i < cat->n_items; i++) {
		const struct cat_item *it = &cat->items[i];
		const char *dot = strchr(it->key, '.');

		ck_assert_msg(it->dimension >= 0 && it->dimension < cat->n_dims,
		              "%s: bad dimension", it->key);
		/* The key starts with its dimension's key. */
		ck_assert_ptr_nonnull(dot);
		ck_assert_msg(strncmp(it->key, cat->dims[it->dimension].key,
		                      (size_t)(dot - it->key)) == 0 &&
		              strlen(cat->dims[it->dimension].key) == (size_t)(dot - it->key),
		              "%s: not in dimension %s", it->key, cat->dims[it->dimension].key);
		ck_assert_msg(it->question && strlen(it->question) > 20, "%s: question", it->key);
		ck_assert_msg(it->help && strlen(it->help) > 20, "%s: help", it->key);
		ck_assert_msg(it->recommendation && strlen(it->recommendation) > 20,
		              "%s: recommendation", it->key);
		ck_assert_msg(it->weight >= 1 && it->weight <= 3, "%s: weight", it->key);
		ck_assert_msg(it->criteria[0] != NULL, "%s: no criteria", it->key);
		for (int j = 0; j < i; j++)
			ck_assert_msg(strcmp(cat->items[j].key, it->key) != 0,
			              "duplicate key %s", it->key);
	}
	for (int d = 0; d < cat->n_dims; d++) {
		ck_assert(cat->dims[d].name && *cat->dims[d].name);
		ck_assert(cat->dims[d].description && *cat->dims[d].description);
		for (int e = 0; e < d; e++)
			ck_assert_str_ne(cat->dims[e].key, cat->dims[d].key);
	}
}
END_TEST

START_TEST(test_catalogue_criteria_covered)
{
	static const char *const want[] = {
		"C1", "C2", "C3", "C4", "C5", "C6",
		"W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8",
	};
	const char *got[32];
	int n = catalogue_criteria_covered(core(), got, 32);

	/* Exactly the fourteen, sorted, each once: nothing unknown sneaks in. */
	ck_assert_int_eq(n, 14);
	for (int i = 0; i < 14; i++)
		ck_assert_str_eq(got[i], want[i]);
	/* A short output array is never overrun. */
	ck_assert_int_eq(catalogue_criteria_covered(core(), got, 3), 3);
	ck_assert_str_eq(got[0], "C1");
}
END_TEST

START_TEST(test_catalogue_knockouts)
{
	const struct catalogue *cat = core();
	static const struct { const char *ko, *item, *crit1, *crit2; } want[] = {
		{ "no-goal", "goals.purpose", "C1", "W1" },
		{ "no-long-term", "resources.long_term", "W2", "C3" },
		{ "no-time", "resources.time", "W5", "W6" },
	};

	ck_assert_int_eq(cat->n_knockouts, 3);
	for (int i = 0; i < 3; i++) {
		const struct cat_knockout *ko = &cat->knockouts[i];

		ck_assert_str_eq(ko->key, want[i].ko);
		ck_assert_int_eq(ko->item, idx(want[i].item));
		ck_assert_int_eq(ko->max_value, 1);
		ck_assert(ko->name && *ko->name);
		ck_assert(ko->reason && strlen(ko->reason) > 30);
		ck_assert(has_criterion(&cat->items[ko->item], want[i].crit1));
		ck_assert(has_criterion(&cat->items[ko->item], want[i].crit2));
		/* Knock-out items weigh most: they are the heart of readiness. */
		ck_assert_int_eq(cat->items[ko->item].weight, 3);
	}
}
END_TEST

START_TEST(test_catalogue_scale)
{
	ck_assert_str_eq(catalogue_scale_label(0), "not at all");
	ck_assert_str_eq(catalogue_scale_label(1), "a little");
	ck_assert_str_eq(catalogue_scale_label(2), "partly");
	ck_assert_str_eq(catalogue_scale_label(3), "largely");
	ck_assert_str_eq(catalogue_scale_label(4), "fully");
	ck_assert_str_eq(catalogue_scale_label(ANSWER_DONT_KNOW), "don't know");
	ck_assert_str_eq(catalogue_scale_label(ANSWER_UNANSWERED), "unanswered");
	ck_assert_ptr_nonnull(catalogue_scale_label(99));
	ck_assert(catalogue_value_valid(0));
	ck_assert(catalogue_value_valid(4));
	ck_assert(catalogue_value_valid(ANSWER_DONT_KNOW));
	ck_assert(!catalogue_value_valid(ANSWER_UNANSWERED));
	ck_assert(!catalogue_value_valid(5));
	ck_assert(!catalogue_value_valid(-3));
}
END_TEST

/* --- levels ------------------------------------------------------------------ */

START_TEST(test_level_names)
{
	ck_assert_int_eq(scoring_level_floor(LEVEL_NOT_READY), 0);
	ck_assert_int_eq(scoring_level_floor(LEVEL_EARLY), 40);
	ck_assert_int_eq(scoring_level_floor(LEVEL_NEARLY), 60);
	ck_assert_int_eq(scoring_level_floor(LEVEL_READY), 80);
	ck_assert_str_eq(scoring_level_name(LEVEL_NOT_READY), "Not ready");
	ck_assert_str_eq(scoring_level_name(LEVEL_EARLY), "Early stage");
	ck_assert_str_eq(scoring_level_name(LEVEL_NEARLY), "Nearly ready");
	ck_assert_str_eq(scoring_level_name(LEVEL_READY), "Ready");
	ck_assert_str_eq(scoring_level_name(LEVEL_UNKNOWN), "not assessed");
	ck_assert_str_eq(scoring_level_key(LEVEL_UNKNOWN), "unknown");
	for (int l = LEVEL_NOT_READY; l < LEVEL_COUNT; l++)
		ck_assert_int_eq(scoring_level_from_key(scoring_level_key((enum level)l)), l);
	ck_assert_int_eq(scoring_level_from_key("ready"), LEVEL_READY);
	ck_assert_int_eq(scoring_level_from_key("bogus"), LEVEL_UNKNOWN);
	ck_assert_int_eq(scoring_level_from_key(NULL), LEVEL_UNKNOWN);
}
END_TEST

/* Only skills.response (w3) and skills.expertise (w2) answered: 5 weight
 * units, so the score is 100 * earned / 20 = 5 * earned. */
START_TEST(test_scoring_band_edges)
{
	static const struct { int response, expertise, score; enum level band; } t[] = {
		{ 1, 2, 35, LEVEL_NOT_READY }, /* 3+4 = 7  -> 35 */
		{ 2, 1, 40, LEVEL_EARLY },     /* 6+2 = 8  -> 40 */
		{ 4, 0, 60, LEVEL_NEARLY },    /* 12+0 = 12 -> 60 */
		{ 3, 3, 75, LEVEL_NEARLY },    /* 9+6 = 15 -> 75 */
		{ 4, 2, 80, LEVEL_READY },     /* 12+4 = 16 -> 80 */
	};
	int v[N_CORE];
	struct score s;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		fill(v, N_CORE, ANSWER_UNANSWERED);
		v[idx("skills.response")] = t[i].response;
		v[idx("skills.expertise")] = t[i].expertise;
		score_with(v, &s);
		ck_assert_int_eq(s.overall, t[i].score);
		ck_assert_int_eq(s.band, t[i].band);
		ck_assert_int_eq(s.level, t[i].band);
	}
}
END_TEST

/* --- scoring ----------------------------------------------------------------- */

START_TEST(test_scoring_all_fully)
{
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 4);
	score_with(v, &s);
	ck_assert_ptr_eq(s.cat, core());
	ck_assert_int_eq(s.overall, 100);
	ck_assert_int_eq(s.level, LEVEL_READY);
	ck_assert_int_eq(s.band, LEVEL_READY);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.n_recs, 0);
	ck_assert_int_eq(s.answered, 24);
	ck_assert_int_eq(s.total, 24);
	ck_assert_int_eq(s.completeness, 100);
	ck_assert_int_eq(s.dont_know, 0);
	for (int d = 0; d < core()->n_dims; d++)
		ck_assert_int_eq(s.dim[d], 100);
	for (int d = core()->n_dims; d < CAT_MAX_DIMS; d++)
		ck_assert_int_eq(s.dim[d], SCORE_NONE);
}
END_TEST

START_TEST(test_scoring_all_not_at_all)
{
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 0);
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 0);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.band, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_fired, 3);
	ck_assert(s.fired[0] && s.fired[1] && s.fired[2]);
	ck_assert_int_eq(s.n_recs, 24);   /* every item is weak */
	for (int d = 0; d < core()->n_dims; d++)
		ck_assert_int_eq(s.dim[d], 0);
}
END_TEST

/* Everything "fully" except one knock-out item answered 1 ("a little"):
 * earned 4 * 41 + 3 * 1 = 167 of 176 -> 94.89 -> 95, band Ready, but the
 * knock-out caps the level. */
START_TEST(test_scoring_knockout_alone)
{
	const struct catalogue *cat = core();

	for (int k = 0; k < cat->n_knockouts; k++) {
		int v[N_CORE];
		struct score s;

		fill(v, N_CORE, 4);
		v[cat->knockouts[k].item] = 1;
		score_with(v, &s);
		ck_assert_int_eq(s.overall, 95);
		ck_assert_int_eq(s.band, LEVEL_READY);
		ck_assert_int_eq(s.level, LEVEL_NOT_READY);
		ck_assert_int_eq(s.n_fired, 1);
		for (int j = 0; j < cat->n_knockouts; j++)
			ck_assert(s.fired[j] == (j == k));
		ck_assert_int_eq(s.n_recs, 1);
		ck_assert_int_eq(s.recs[0].item, cat->knockouts[k].item);
		ck_assert(s.recs[0].knockout);
		ck_assert_int_eq(s.recs[0].gap, 3);
	}
}
END_TEST

/* One above max_value does not fire: goals.purpose = 2 earns
 * 4 * 41 + 3 * 2 = 170 of 176 -> 96.59 -> 97, Ready; it is still weak, so it
 * gets a recommendation without the knock-out flag. */
START_TEST(test_scoring_knockout_threshold)
{
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 4);
	v[idx("goals.purpose")] = 2;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 97);
	ck_assert_int_eq(s.level, LEVEL_READY);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.n_recs, 1);
	ck_assert(!s.recs[0].knockout);
	ck_assert_int_eq(s.recs[0].gap, 2);
	/* 0 fires as well as 1: 4 * 41 = 164 of 176 -> 93.18 -> 93. */
	v[idx("goals.purpose")] = 0;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 93);
	ck_assert_int_eq(s.n_fired, 1);
	ck_assert(s.fired[ko_idx("no-goal")]);
}
END_TEST

/* "Don't know" on goals.business (w2): counts as answered and in the
 * denominator, earns 0: 4 * 42 = 168 of 176 -> 95.45 -> 95. */
START_TEST(test_scoring_dont_know)
{
	int v[N_CORE], zero[N_CORE];
	struct score s, z;

	fill(v, N_CORE, 4);
	v[idx("goals.business")] = ANSWER_DONT_KNOW;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 95);
	ck_assert_int_eq(s.answered, 24);
	ck_assert_int_eq(s.completeness, 100);
	ck_assert_int_eq(s.dont_know, 1);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.n_recs, 1);
	ck_assert(s.recs[0].dont_know);
	ck_assert_int_eq(s.recs[0].gap, 4);
	/* goals: w3*4 + w2*0 + w1*4 = 16 of 24 -> 66.67 -> 67. */
	ck_assert_int_eq(s.dim[catalogue_dim_index(core(), "goals")], 67);

	/* "not at all" scores the same but stays a different answer. */
	memcpy(zero, v, sizeof zero);
	zero[idx("goals.business")] = 0;
	score_with(zero, &z);
	ck_assert_int_eq(z.overall, 95);
	ck_assert_int_eq(z.dont_know, 0);
	ck_assert(!z.recs[0].dont_know);
}
END_TEST

/* "Don't know" on a knock-out item fires it: 4 * 41 = 164 of 176 -> 93. */
START_TEST(test_scoring_dont_know_knockout)
{
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 4);
	v[idx("resources.long_term")] = ANSWER_DONT_KNOW;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 93);
	ck_assert_int_eq(s.band, LEVEL_READY);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert(s.fired[ko_idx("no-long-term")]);
	ck_assert_int_eq(s.n_fired, 1);
	ck_assert_int_eq(s.n_recs, 1);
	ck_assert(s.recs[0].knockout && s.recs[0].dont_know);
}
END_TEST

/* Only the goals dimension answered: 0 = 4, 1 = 2, 2 = 0.
 * earned 3*4 + 2*2 + 1*0 = 16 of 6*4 = 24 -> 66.67 -> 67 (Nearly ready);
 * completeness 3 * 100 / 24 = 12.5 -> 12 (rounded down). */
START_TEST(test_scoring_partial)
{
	const struct catalogue *cat = core();
	int v[N_CORE];
	struct score s;
	int goals = catalogue_dim_index(cat, "goals");

	fill(v, N_CORE, ANSWER_UNANSWERED);
	v[0] = 4;
	v[1] = 2;
	v[2] = 0;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 67);
	ck_assert_int_eq(s.band, LEVEL_NEARLY);
	ck_assert_int_eq(s.level, LEVEL_NEARLY);
	ck_assert_int_eq(s.answered, 3);
	ck_assert_int_eq(s.completeness, 12);
	ck_assert_int_eq(s.dim[goals], 67);
	ck_assert_int_eq(s.dim_answered[goals], 3);
	ck_assert_int_eq(s.dim_total[goals], 3);
	for (int d = 0; d < cat->n_dims; d++) {
		if (d == goals)
			continue;
		ck_assert_int_eq(s.dim[d], SCORE_NONE);
		ck_assert_int_eq(s.dim_answered[d], 0);
		ck_assert_int_gt(s.dim_total[d], 0);
	}
	/* Unanswered items get no recommendation; the two weak ones tie at
	 * weight*gap 2*2 = 1*4 = 4 and keep catalogue order. */
	ck_assert_int_eq(s.n_recs, 2);
	ck_assert_int_eq(s.recs[0].item, 1);
	ck_assert_int_eq(s.recs[1].item, 2);
}
END_TEST

/* Rounding: items 1, 3, 4 (w2 each), 2 and 5 (w1 each) answered, weights 8,
 * possible 32.  Item 1 = 2 earns 4: 100 * 4 / 32 = 12.5 -> 13 (half up).
 * Item 5 = 3 alone earns 3: 100 * 3 / 32 = 9.375 -> 9. */
START_TEST(test_scoring_rounding)
{
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, ANSWER_UNANSWERED);
	v[1] = 2;
	v[2] = v[3] = v[4] = v[5] = 0;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 13);
	v[1] = 0;
	v[5] = 3;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 9);
}
END_TEST

START_TEST(test_scoring_nothing_answered)
{
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, ANSWER_UNANSWERED);
	score_with(v, &s);
	ck_assert_int_eq(s.overall, SCORE_NONE);
	ck_assert_int_eq(s.level, LEVEL_UNKNOWN);
	ck_assert_int_eq(s.band, LEVEL_UNKNOWN);
	ck_assert_int_eq(s.answered, 0);
	ck_assert_int_eq(s.completeness, 0);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.n_recs, 0);
	/* Garbage values are read as unanswered, never crash or score. */
	fill(v, N_CORE, 17);
	v[3] = -9;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, SCORE_NONE);
	ck_assert_int_eq(s.answered, 0);
	/* A NULL answer array is all unanswered. */
	scoring_compute(core(), NULL, &s);
	ck_assert_int_eq(s.total, 24);
	ck_assert_int_eq(s.answered, 0);
}
END_TEST

/* Everything 4 except:
 *   0 goals.purpose  don't know  KO no-goal fires   (w3, gap 4)
 *   8 resources.time 1          KO no-time fires    (w3, gap 3 -> 9)
 *  23 skills.response 0         w3 * 4 = 12
 *  16 policy.negative 0         w2 * 4 = 8
 *   6 resources.long_term 2     w3 * 2 = 6, weak but its KO does not fire
 *   2 goals.achievable 0        w1 * 4 = 4
 *  13 organisation.empowerment 2  w2 * 2 = 4 (ties with 2: catalogue order)
 *  22 skills.learning 2         w1 * 2 = 2
 *   5 channels.analytics 3      not weak
 * Knock-outs first in knock-out order (0 then 8, although 23 outweighs 8),
 * then weight*gap: 23, 16, 6, 2, 13, 22.
 * Score: 176 - (12 + 9 + 12 + 8 + 6 + 4 + 4 + 2 + 1) = 118 of 176 -> 67.05
 * -> 67, band Nearly ready, level Not ready. */
START_TEST(test_scoring_recommendation_order)
{
	static const int want[] = { 0, 8, 23, 16, 6, 2, 13, 22 };
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 4);
	v[0] = ANSWER_DONT_KNOW;
	v[8] = 1;
	v[23] = 0;
	v[16] = 0;
	v[6] = 2;
	v[2] = 0;
	v[13] = 2;
	v[22] = 2;
	v[5] = 3;
	score_with(v, &s);
	ck_assert_int_eq(s.overall, 67);
	ck_assert_int_eq(s.band, LEVEL_NEARLY);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_fired, 2);
	ck_assert_int_eq(s.n_recs, 8);
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(s.recs[i].item, want[i]);
	ck_assert(s.recs[0].knockout && s.recs[1].knockout);
	ck_assert(!s.recs[2].knockout && !s.recs[4].knockout);
	ck_assert_int_eq(s.recs[1].gap, 3);
	ck_assert_int_eq(s.recs[4].gap, 2);
}
END_TEST

/* core/1's knock-outs with a caution range of 2, to test the rule apart
 * from any questionnaire's content. */
static struct cat_knockout caution_kos[CAT_MAX_KNOCKOUTS];

static struct catalogue with_cautions(void)
{
	struct catalogue c = *core();

	for (int k = 0; k < c.n_knockouts; k++) {
		caution_kos[k] = c.knockouts[k];
		caution_kos[k].caution_max = 2;
	}
	c.knockouts = caution_kos;
	return c;
}

/* Everything 4 except resources.long_term (KO 1) = 2, a caution:
 * 176 - 3 * 2 = 170 of 176 -> 97, band Ready, level capped at Early stage.
 * With goals.purpose (KO 0) = 1 as well the knock-out wins: Not ready, one
 * fired, one caution, and the fired one comes first.  Then skills.response
 * (w3) = 0, weight * gap 12, comes after the caution (w3 * 2 = 6) and
 * resources.time (KO 2) = 2 after resources.long_term (knock-out order). */
START_TEST(test_scoring_caution_rule)
{
	struct catalogue c = with_cautions();
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 4);
	v[idx("resources.long_term")] = 2;
	scoring_compute(&c, v, &s);
	ck_assert_int_eq(s.overall, 97);
	ck_assert_int_eq(s.band, LEVEL_READY);
	ck_assert_int_eq(s.level, LEVEL_EARLY);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.n_cautions, 1);
	ck_assert(s.caution[1] && !s.caution[0] && !s.caution[2]);
	ck_assert_int_eq(s.n_recs, 1);
	ck_assert(s.recs[0].caution && !s.recs[0].knockout);

	v[idx("goals.purpose")] = 1;
	v[idx("skills.response")] = 0;
	v[idx("resources.time")] = 2;
	scoring_compute(&c, v, &s);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_fired, 1);
	ck_assert_int_eq(s.n_cautions, 2);
	ck_assert(s.fired[0] && !s.caution[0]);
	ck_assert_int_eq(s.n_recs, 4);
	ck_assert_int_eq(s.recs[0].item, idx("goals.purpose"));
	ck_assert(s.recs[0].knockout && !s.recs[0].caution);
	ck_assert_int_eq(s.recs[1].item, idx("resources.long_term"));
	ck_assert_int_eq(s.recs[2].item, idx("resources.time"));
	ck_assert(s.recs[1].caution && s.recs[2].caution);
	ck_assert_int_eq(s.recs[3].item, idx("skills.response"));
	ck_assert(!s.recs[3].caution && !s.recs[3].knockout);

	/* A caution never lifts a level: a band below Early stays there.  All
	 * 0 but resources.long_term = 2: 6 of 176 -> 3, and KOs 0 and 2 fire. */
	fill(v, N_CORE, 0);
	v[idx("resources.long_term")] = 2;
	scoring_compute(&c, v, &s);
	ck_assert_int_eq(s.band, LEVEL_NOT_READY);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_cautions, 1);
	/* Only the band counts when nothing fired: 2 on every KO item of an
	 * otherwise empty assessment, 18 of 36 -> 50, Early stage either way. */
	fill(v, N_CORE, ANSWER_UNANSWERED);
	for (int k = 0; k < c.n_knockouts; k++)
		v[c.knockouts[k].item] = 2;
	scoring_compute(&c, v, &s);
	ck_assert_int_eq(s.overall, 50);
	ck_assert_int_eq(s.level, LEVEL_EARLY);
	ck_assert_int_eq(s.n_cautions, 3);
}
END_TEST

/* core/1 has no caution range: "partly" on a knock-out item is only weak. */
START_TEST(test_scoring_core1_no_caution)
{
	const struct catalogue *cat = core();
	int v[N_CORE];
	struct score s;

	fill(v, N_CORE, 2);
	score_with(v, &s);
	ck_assert_int_eq(s.n_cautions, 0);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.level, LEVEL_EARLY);
	for (int k = 0; k < cat->n_knockouts; k++) {
		ck_assert_int_eq(cat->knockouts[k].caution_max, CAT_NO_CAUTION);
		ck_assert(!s.caution[k]);
		/* No first step of its own: the item's recommendation. */
		ck_assert_ptr_null(cat->knockouts[k].first_step);
		ck_assert_ptr_eq(catalogue_knockout_first_step(cat, k),
		                 cat->items[cat->knockouts[k].item].recommendation);
		ck_assert_int_eq(catalogue_knockout_index(cat, cat->knockouts[k].key), k);
	}
	ck_assert_ptr_null(catalogue_knockout_first_step(cat, cat->n_knockouts));
	ck_assert_ptr_null(catalogue_knockout_first_step(cat, -1));
	ck_assert_int_eq(catalogue_knockout_index(cat, "nonsense"), -1);
	ck_assert_int_eq(catalogue_knockout_index(cat, NULL), -1);
	for (int r = 0; r < s.n_recs; r++)
		ck_assert(!s.recs[r].caution);
}
END_TEST

/* core/1 results pinned as the code computed them before core/2 and stop
 * signs existed: an old assessment must re-score to exactly these numbers.
 * Recommendations as item, 'K' when its knock-out fired, '?' for "don't
 * know", and the gap.  The first row is the example of issue 9. */
static const struct {
	const char *answers;
	int overall;
	enum level band, level;
	const char *fired;        /* one '0'/'1' per knock-out */
	int dim[7], completeness, dont_know;
	const char *recs;
} core1_pins[] = {
	{ "444444444004404444444000", 73, LEVEL_NEARLY, LEVEL_NEARLY, "000",
	  { 100, 100, 67, 67, 100, 100, 0 }, 100, 0,
	  " 23/4 9/4 10/4 13/4 21/4 22/4" },
	{ "444444444000444044444000", 68, LEVEL_NEARLY, LEVEL_NEARLY, "000",
	  { 100, 100, 67, 67, 60, 100, 0 }, 100, 0,
	  " 23/4 9/4 10/4 11/4 15/4 21/4 22/4" },
	{ "3210?.3210?.3210?.3210?.", 32, LEVEL_NOT_READY, LEVEL_NOT_READY, "001",
	  { 58, 0, 33, 50, 0, 56, 0 }, 83, 4,
	  " 8K/3 3/4 4?/4 9/4 10?/4 15/4 16?/4 21/4 1/2 7/2 13/2 22?/4 2/3 14/3"
	  " 20/3 19/2" },
	{ "012340123401234012340123", 47, LEVEL_EARLY, LEVEL_NOT_READY, "110",
	  { 17, 70, 50, 58, 20, 63, 54 }, 100, 0,
	  " 0K/4 6K/3 10/4 15/4 1/3 11/3 16/3 21/3 5/4 7/2 20/4 2/2 12/2 17/2 22/2" },
	{ "?4?3213.2104?3412.0?4213", 48, LEVEL_EARLY, LEVEL_NOT_READY, "100",
	  { 33, 55, 43, 75, 38, 25, 58 }, 91, 4,
	  " 0K?/4 10/4 18/4 8/2 9/3 15/3 2?/4 4/2 12?/4 16/2 19?/4 21/2 5/3 22/3" },
};

/* The recommendations of s in the notation of core1_pins. */
static void recs_text(const struct score *s, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < s->n_recs && len < size; i++) {
		const struct recommendation *r = &s->recs[i];
		int n = snprintf(buf + len, size - len, " %d%s%s/%d", r->item,
		                 r->knockout ? "K" : "", r->dont_know ? "?" : "", r->gap);
		len += n > 0 ? (size_t)n : 0;
	}
}

START_TEST(test_scoring_core1_pinned)
{
	for (size_t t = 0; t < sizeof core1_pins / sizeof core1_pins[0]; t++) {
		int v[N_CORE];
		char recs[512], fired[CAT_MAX_KNOCKOUTS + 1] = "";
		struct score s;

		from_pattern(v, N_CORE, core1_pins[t].answers);
		score_with(v, &s);
		ck_assert_int_eq(s.overall, core1_pins[t].overall);
		ck_assert_int_eq(s.band, core1_pins[t].band);
		ck_assert_int_eq(s.level, core1_pins[t].level);
		for (int k = 0; k < core()->n_knockouts; k++)
			fired[k] = s.fired[k] ? '1' : '0';
		ck_assert_str_eq(fired, core1_pins[t].fired);
		for (int d = 0; d < 7; d++)
			ck_assert_int_eq(s.dim[d], core1_pins[t].dim[d]);
		ck_assert_int_eq(s.completeness, core1_pins[t].completeness);
		ck_assert_int_eq(s.dont_know, core1_pins[t].dont_know);
		recs_text(&s, recs, sizeof recs);
		ck_assert_str_eq(recs, core1_pins[t].recs);
	}
}
END_TEST

/* --- core/2 ------------------------------------------------------------------
 * Item weights of core/2, by index (sum 49, so at most 196 can be earned);
 * stop signs marked with their key:
 *    0 goals.purpose 3 (no-goal)          13 organisation.pipeline 2
 *    1 goals.business 2                   14 organisation.pipeline_tested 1
 *    2 goals.achievable 1                 15 organisation.empowerment 2
 *    3 goals.wholehearted 2                  (no-room-to-decide)
 *    4 channels.audience 2                16 organisation.backing 1
 *    5 channels.choice 2                  17 policy.document 2 (no-policy)
 *    6 channels.analytics 1               18 policy.negative 2
 *    7 resources.long_term 3              19 policy.events 1
 *      (no-long-term)                     20 policy.networks 1
 *    8 resources.budget 2                 21 measurement.metrics 2
 *    9 resources.owner 2                  22 measurement.tracking 2
 *   10 resources.hours 3 (no-time)        23 skills.expertise 2
 *   11 resources.staff 2 (too-few-staff)     (too-little-expertise)
 *   12 resources.in_house 2 (outsourced)  24 skills.learning 1
 *                                         25 skills.response 3 (too-slow)
 */

static const struct catalogue *core2(void)
{
	const struct catalogue *cat = catalogue_find("core", 2);

	ck_assert_ptr_nonnull(cat);
	return cat;
}

static int idx2(const char *key)
{
	int i = catalogue_item_index(core2(), key);

	ck_assert_msg(i >= 0, "core/2 item %s missing", key);
	return i;
}

static int ko2(const char *key)
{
	int k = catalogue_knockout_index(core2(), key);

	ck_assert_msg(k >= 0, "core/2 stop sign %s missing", key);
	return k;
}

/* The stop signs of core/2 as the domain brief lists them: the eight
 * hands-off cases in their order, then the checklist's missing policy. */
static const struct { const char *key, *item, *crit; } core2_stops[] = {
	{ "no-goal", "goals.purpose", "W1" },
	{ "no-long-term", "resources.long_term", "W2" },
	{ "outsourced", "resources.in_house", "W3" },
	{ "no-room-to-decide", "organisation.empowerment", "W4" },
	{ "no-time", "resources.hours", "W5" },
	{ "too-few-staff", "resources.staff", "W6" },
	{ "too-little-expertise", "skills.expertise", "W7" },
	{ "too-slow", "skills.response", "W8" },
	{ "no-policy", "policy.document", "C5" },
};
#define N_STOPS ((int)(sizeof core2_stops / sizeof core2_stops[0]))

static bool ko_has_criterion(const struct cat_knockout *ko, const char *id)
{
	for (int c = 0; c < CAT_MAX_CRITERIA && ko->criteria[c]; c++)
		if (strcmp(ko->criteria[c], id) == 0)
			return true;
	return false;
}

START_TEST(test_core2_lookup)
{
	const struct catalogue *cat = core2();

	ck_assert_str_eq(cat->id, "core");
	ck_assert_int_eq(cat->version, 2);
	ck_assert_ptr_eq(catalogue_latest(), cat);
	ck_assert_ptr_eq(catalogue_at(0), core());
	ck_assert_ptr_eq(catalogue_at(1), cat);
	ck_assert_ptr_null(catalogue_at(N_KNOWN));
	ck_assert_ptr_null(catalogue_at(-1));
	/* New assessments use core/2. */
	ck_assert_ptr_eq(catalogue_builtin(), cat);
	/* Same dimensions, same keys, same order as core/1. */
	ck_assert_int_eq(cat->n_dims, core()->n_dims);
	for (int d = 0; d < cat->n_dims; d++)
		ck_assert_str_eq(cat->dims[d].key, core()->dims[d].key);
	ck_assert_int_eq(catalogue_item_index(cat, "organisation.before_launch"), -1);
	ck_assert_int_eq(catalogue_item_index(cat, "resources.time"), -1);
}
END_TEST

/* Every criterion of the brief, exactly, and no other id. */
START_TEST(test_core2_criteria_covered)
{
	static const char *const want[] = {
		"C1", "C2", "C3", "C4", "C5", "C6",
		"W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8",
	};
	const char *got[32];
	int n = catalogue_criteria_covered(core2(), got, 32);

	ck_assert_int_eq(n, 14);
	for (int i = 0; i < 14; i++)
		ck_assert_str_eq(got[i], want[i]);
}
END_TEST

START_TEST(test_core2_stop_signs)
{
	const struct catalogue *cat = core2();

	ck_assert_int_eq(cat->n_knockouts, N_STOPS);
	for (int k = 0; k < N_STOPS; k++) {
		const struct cat_knockout *ko = &cat->knockouts[k];

		ck_assert_str_eq(ko->key, core2_stops[k].key);
		ck_assert_int_eq(ko->item, idx2(core2_stops[k].item));
		ck_assert_int_eq(ko->max_value, 1);
		ck_assert_int_eq(ko->caution_max, 2);
		ck_assert_msg(ko_has_criterion(ko, core2_stops[k].crit), "%s: %s", ko->key,
		              core2_stops[k].crit);
		ck_assert(ko->first_step && strlen(ko->first_step) > 30);
		ck_assert_ptr_eq(catalogue_knockout_first_step(cat, k), ko->first_step);
	}
	/* C3's "a few weeks: stop now" is the same stop as W2. */
	ck_assert(ko_has_criterion(&cat->knockouts[ko2("no-long-term")], "C3"));
}
END_TEST

/* For every catalogue: stop-sign keys unique, one per item, each with a
 * name, a reason, a first step, and criteria that its item covers. */
START_TEST(test_catalogue_knockouts_sound)
{
	const struct catalogue *cat = catalogue_at(_i);

	ck_assert_int_le(cat->n_knockouts, CAT_MAX_KNOCKOUTS);
	for (int k = 0; k < cat->n_knockouts; k++) {
		const struct cat_knockout *ko = &cat->knockouts[k];

		ck_assert(ko->item >= 0 && ko->item < cat->n_items);
		ck_assert(ko->name && *ko->name);
		ck_assert_msg(ko->reason && strlen(ko->reason) > 30, "%s: reason", ko->key);
		ck_assert_ptr_nonnull(catalogue_knockout_first_step(cat, k));
		ck_assert_msg(ko->criteria[0] != NULL, "%s: no criteria", ko->key);
		for (int c = 0; c < CAT_MAX_CRITERIA && ko->criteria[c]; c++)
			ck_assert_msg(has_criterion(&cat->items[ko->item], ko->criteria[c]),
			              "%s stands for %s, its item does not", ko->key, ko->criteria[c]);
		ck_assert(ko->caution_max == CAT_NO_CAUTION || ko->caution_max > ko->max_value);
		for (int j = 0; j < k; j++) {
			ck_assert_str_ne(cat->knockouts[j].key, ko->key);
			ck_assert_int_ne(cat->knockouts[j].item, ko->item);
		}
	}
}
END_TEST

/* Each hands-off case of the brief, and the missing policy, is a stop sign. */
START_TEST(test_core2_every_case_stops)
{
	static const char *const cases[] = {
		"W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "C5", "C3",
	};
	const struct catalogue *cat = core2();

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		bool found = false;

		for (int k = 0; k < cat->n_knockouts; k++)
			found = found || ko_has_criterion(&cat->knockouts[k], cases[c]);
		ck_assert_msg(found, "%s is no stop sign", cases[c]);
	}
}
END_TEST

/* core/2 reads as naturally for a company already posting as for one that
 * plans to start: no text assumes that it has not started yet. */
START_TEST(test_core2_texts_fit_active)
{
	static const char *const assume[] = {
		"before we went live", "went live", "before the start",
		"before the first post", "Do not start", "before we do",
	};
	const struct catalogue *cat = core2();

	for (int i = 0; i < cat->n_items; i++) {
		const struct cat_item *it = &cat->items[i];
		const char *texts[] = { it->question, it->help, it->recommendation };

		for (int t = 0; t < 3; t++)
			for (size_t a = 0; a < sizeof assume / sizeof assume[0]; a++)
				ck_assert_msg(strstr(texts[t], assume[a]) == NULL,
				              "%s assumes no start: %s", it->key, assume[a]);
	}
	for (int k = 0; k < cat->n_knockouts; k++)
		for (size_t a = 0; a < sizeof assume / sizeof assume[0]; a++)
			ck_assert(strstr(cat->knockouts[k].first_step, assume[a]) == NULL);
	/* The two points core/1 missed. */
	ck_assert(has_criterion(&cat->items[idx2("policy.events")], "C5"));
	ck_assert(has_criterion(&cat->items[idx2("goals.wholehearted")], "W2"));
}
END_TEST

/* Each stop sign alone: everything 4, its item 1.  A weight-w item at 1
 * loses 3w of 196: w3 -> 187 -> 95.41 -> 95, w2 -> 190 -> 96.94 -> 97.
 * The band stays Ready, the level is Not ready, and the reason and the
 * first step are there to show.  0 and "don't know" fire as well. */
START_TEST(test_core2_stop_sign_alone)
{
	const struct catalogue *cat = core2();
	const struct cat_knockout *ko = &cat->knockouts[_i];
	static const int answers[] = { 1, 0, ANSWER_DONT_KNOW };
	int v[N_CORE2];
	struct score s;

	for (size_t a = 0; a < sizeof answers / sizeof answers[0]; a++) {
		fill(v, N_CORE2, 4);
		v[ko->item] = answers[a];
		scoring_compute(cat, v, &s);
		if (answers[a] == 1)
			ck_assert_int_eq(s.overall, cat->items[ko->item].weight == 3 ? 95 : 97);
		ck_assert_int_eq(s.band, LEVEL_READY);
		ck_assert_int_eq(s.level, LEVEL_NOT_READY);
		ck_assert_int_eq(s.n_fired, 1);
		ck_assert_int_eq(s.n_cautions, 0);
		for (int k = 0; k < cat->n_knockouts; k++)
			ck_assert_msg(s.fired[k] == (k == _i), "%s fired with %s", cat->knockouts[k].key,
			              ko->key);
		ck_assert_int_eq(s.n_recs, 1);
		ck_assert_int_eq(s.recs[0].item, ko->item);
		ck_assert(s.recs[0].knockout && !s.recs[0].caution);
	}
	ck_assert_str_eq(ko->key, core2_stops[_i].key);
	ck_assert(strlen(ko->reason) > 30);
}
END_TEST

/* Each caution alone: everything 4, the stop sign's item 2.  A weight-w
 * item loses 2w: w3 -> 190 -> 97, w2 -> 192 -> 97.96 -> 98.  Band Ready,
 * level capped at Early stage; 3 is no caution. */
START_TEST(test_core2_caution_alone)
{
	const struct catalogue *cat = core2();
	const struct cat_knockout *ko = &cat->knockouts[_i];
	int v[N_CORE2];
	struct score s;

	fill(v, N_CORE2, 4);
	v[ko->item] = 2;
	scoring_compute(cat, v, &s);
	ck_assert_int_eq(s.overall, cat->items[ko->item].weight == 3 ? 97 : 98);
	ck_assert_int_eq(s.band, LEVEL_READY);
	ck_assert_int_eq(s.level, LEVEL_EARLY);
	ck_assert_int_eq(s.n_fired, 0);
	ck_assert_int_eq(s.n_cautions, 1);
	for (int k = 0; k < cat->n_knockouts; k++)
		ck_assert(s.caution[k] == (k == _i) && !s.fired[k]);
	ck_assert_int_eq(s.n_recs, 1);
	ck_assert(s.recs[0].caution && !s.recs[0].knockout);

	v[ko->item] = 3;
	scoring_compute(cat, v, &s);
	ck_assert_int_eq(s.n_cautions, 0);
	ck_assert_int_eq(s.level, LEVEL_READY);
}
END_TEST

/* Issue 9: every core/2 counterpart of a core/1 item "fully" except
 * in_house, empowerment, staff, expertise, learning and response, all "not
 * at all"; the two newly asked items unanswered.  Answered weight 49 - 3 =
 * 46, possible 184; lost 4 * (2 + 2 + 2 + 2 + 1 + 3) = 48: 136 of 184 =
 * 73.9 -> 74, band Nearly ready.  Five stop signs hold the company at Not
 * ready, in stop-sign order; learning is weak but no stop sign. */
START_TEST(test_core2_issue_example)
{
	static const char *const zero[] = {
		"resources.in_house", "organisation.empowerment", "resources.staff",
		"skills.expertise", "skills.learning", "skills.response",
	};
	static const char *const fired[] = {
		"outsourced", "no-room-to-decide", "too-few-staff",
		"too-little-expertise", "too-slow",
	};
	const struct catalogue *cat = core2();
	int v[N_CORE2];
	struct score s;

	fill(v, N_CORE2, 4);
	v[idx2("goals.wholehearted")] = ANSWER_UNANSWERED;
	v[idx2("policy.events")] = ANSWER_UNANSWERED;
	for (size_t z = 0; z < sizeof zero / sizeof zero[0]; z++)
		v[idx2(zero[z])] = 0;
	scoring_compute(cat, v, &s);
	ck_assert_int_eq(s.overall, 74);
	ck_assert_int_eq(s.band, LEVEL_NEARLY);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_fired, 5);
	ck_assert_int_eq(s.n_cautions, 0);
	for (int f = 0; f < 5; f++) {
		int k = ko2(fired[f]);

		ck_assert(s.fired[k]);
		/* The to-do list starts with them, in stop-sign order. */
		ck_assert_int_eq(s.recs[f].item, cat->knockouts[k].item);
		ck_assert(s.recs[f].knockout);
	}
	ck_assert_int_eq(s.n_recs, 6);
	ck_assert_int_eq(s.recs[5].item, idx2("skills.learning"));
	ck_assert(!s.recs[5].knockout);
}
END_TEST

/* Stop signs, then cautions, then weight * gap.  Everything 4 except
 *   channels.audience 0    no stop sign, w2 x 4 = 8 (the largest gain)
 *   policy.document 2      caution of stop sign 8, w2 x 2 = 4
 *   goals.purpose 2        caution of stop sign 0, w3 x 2 = 6
 *   resources.staff 1      stop sign 5, w2 x 3 = 6
 *   skills.response 1      stop sign 7, w3 x 3 = 9
 * Order: staff, response (fired, in stop-sign order although response
 * gains more), purpose, document (cautions, in stop-sign order),
 * audience. */
START_TEST(test_core2_recommendation_order)
{
	static const char *const want[] = {
		"resources.staff", "skills.response", "goals.purpose",
		"policy.document", "channels.audience",
	};
	const struct catalogue *cat = core2();
	int v[N_CORE2];
	struct score s;

	fill(v, N_CORE2, 4);
	v[idx2("channels.audience")] = 0;
	v[idx2("policy.document")] = 2;
	v[idx2("goals.purpose")] = 2;
	v[idx2("resources.staff")] = 1;
	v[idx2("skills.response")] = 1;
	scoring_compute(cat, v, &s);
	ck_assert_int_eq(s.n_fired, 2);
	ck_assert_int_eq(s.n_cautions, 2);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_recs, 5);
	for (int r = 0; r < 5; r++)
		ck_assert_msg(s.recs[r].item == idx2(want[r]), "rec %d is %s, not %s", r,
		              cat->items[s.recs[r].item].key, want[r]);
	ck_assert(s.recs[0].knockout && s.recs[1].knockout);
	ck_assert(s.recs[2].caution && s.recs[3].caution);
	ck_assert(!s.recs[4].knockout && !s.recs[4].caution);
}
END_TEST

/* --- comparison -------------------------------------------------------------- */

static const struct item_change *find_item(const struct comparison *c, const char *key)
{
	for (int i = 0; i < c->n_items; i++)
		if (strcmp(c->items[i].key, key) == 0)
			return &c->items[i];
	ck_abort_msg("item %s not in comparison", key);
	return NULL;
}

static const struct dim_change *find_dim(const struct comparison *c, const char *key)
{
	for (int i = 0; i < c->n_dims; i++)
		if (strcmp(c->dims[i].key, key) == 0)
			return &c->dims[i];
	ck_abort_msg("dimension %s not in comparison", key);
	return NULL;
}

/* Old: everything 2 -> 88 of 176 = 50 (Early stage), every dimension 50.
 * New: channels.audience 4 (+2), channels.choice 3 (+1),
 * organisation.pipeline 0 (-2): 88 + 4 + 2 - 4 = 90 of 176 -> 51.14 -> 51.
 * channels: 2*4 + 2*3 + 1*2 = 16 of 20 -> 80 (+30);
 * organisation: 2*0 + 1*2 + 2*2 + 1*2 = 8 of 24 -> 33.33 -> 33 (-17). */
START_TEST(test_compare_counts)
{
	int ov[N_CORE], nv[N_CORE];
	struct score os, ns;
	struct comparison c;
	const struct item_change *ic;

	fill(ov, N_CORE, 2);
	fill(nv, N_CORE, 2);
	nv[idx("channels.audience")] = 4;
	nv[idx("channels.choice")] = 3;
	nv[idx("organisation.pipeline")] = 0;
	score_with(ov, &os);
	score_with(nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);

	ck_assert(c.same_version);
	ck_assert_int_eq(c.n_items, 24);
	ck_assert_int_eq(c.improved, 2);
	ck_assert_int_eq(c.worse, 1);
	ck_assert_int_eq(c.unchanged, 21);
	ck_assert_int_eq(c.not_comparable, 0);
	/* Items follow the new catalogue's order. */
	ck_assert_str_eq(c.items[0].key, "goals.purpose");
	ic = find_item(&c, "channels.audience");
	ck_assert_int_eq(ic->change, CHANGE_IMPROVED);
	ck_assert_int_eq(ic->delta, 2);
	ck_assert_int_eq(ic->old_value, 2);
	ck_assert_int_eq(ic->new_value, 4);
	ck_assert_int_eq(ic->reason, NC_NONE);
	ic = find_item(&c, "organisation.pipeline");
	ck_assert_int_eq(ic->change, CHANGE_WORSE);
	ck_assert_int_eq(ic->delta, -2);
	ic = find_item(&c, "goals.purpose");
	ck_assert_int_eq(ic->change, CHANGE_UNCHANGED);
	ck_assert_int_eq(ic->delta, 0);

	ck_assert_int_eq(c.n_dims, 7);
	ck_assert_int_eq(find_dim(&c, "channels")->old_score, 50);
	ck_assert_int_eq(find_dim(&c, "channels")->new_score, 80);
	ck_assert_int_eq(find_dim(&c, "channels")->delta, 30);
	ck_assert_int_eq(find_dim(&c, "organisation")->new_score, 33);
	ck_assert_int_eq(find_dim(&c, "organisation")->delta, -17);
	ck_assert_int_eq(find_dim(&c, "goals")->delta, 0);
	ck_assert(find_dim(&c, "goals")->comparable);

	ck_assert(c.overall_comparable);
	ck_assert_int_eq(c.overall_old, 50);
	ck_assert_int_eq(c.overall_new, 51);
	ck_assert_int_eq(c.overall_delta, 1);
	ck_assert_int_eq(c.level_old, LEVEL_EARLY);
	ck_assert_int_eq(c.level_new, LEVEL_EARLY);
	ck_assert_int_eq(c.level_delta, 0);
	ck_assert_int_eq(c.ko_resolved, 0);
	ck_assert_int_eq(c.ko_new, 0);
}
END_TEST

/* Old: all 4 but goals.purpose 0: 164 of 176 -> 93, no-goal fired, Not ready.
 * New: all 4: 100, Ready.  Level moves Not ready (0) -> Ready (3): +3. */
START_TEST(test_compare_knockout_resolved)
{
	int ov[N_CORE], nv[N_CORE];
	struct score os, ns;
	struct comparison c;
	int k = ko_idx("no-goal");

	fill(ov, N_CORE, 4);
	ov[idx("goals.purpose")] = 0;
	fill(nv, N_CORE, 4);
	score_with(ov, &os);
	score_with(nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);
	ck_assert_int_eq(c.level_old, LEVEL_NOT_READY);
	ck_assert_int_eq(c.level_new, LEVEL_READY);
	ck_assert_int_eq(c.level_delta, 3);
	ck_assert_int_eq(c.overall_delta, 7);   /* 100 - 93 */
	ck_assert_int_eq(c.ko_resolved, 1);
	ck_assert_int_eq(c.ko_new, 0);
	ck_assert_int_eq(c.n_knockouts, 3);
	ck_assert_str_eq(c.knockouts[k].key, "no-goal");
	ck_assert(c.knockouts[k].was_fired);
	ck_assert(!c.knockouts[k].is_fired);
	ck_assert_int_eq(c.knockouts[k].old_ko, k);
	ck_assert_int_eq(c.knockouts[k].new_ko, k);

	/* The other way round it is a new knock-out and the level drops. */
	compare_scores(&ns, nv, &os, ov, &c);
	ck_assert_int_eq(c.level_delta, -3);
	ck_assert_int_eq(c.ko_resolved, 0);
	ck_assert_int_eq(c.ko_new, 1);
	ck_assert(!c.knockouts[k].was_fired && c.knockouts[k].is_fired);
}
END_TEST

START_TEST(test_compare_unanswered)
{
	int ov[N_CORE], nv[N_CORE];
	struct score os, ns;
	struct comparison c;
	const struct item_change *ic;

	fill(ov, N_CORE, 2);
	fill(nv, N_CORE, 2);
	ov[idx("channels.analytics")] = ANSWER_UNANSWERED;
	nv[idx("channels.analytics")] = 3;
	nv[idx("resources.budget")] = ANSWER_UNANSWERED;
	ov[idx("resources.staff")] = ANSWER_UNANSWERED;
	nv[idx("resources.staff")] = ANSWER_UNANSWERED;
	score_with(ov, &os);
	score_with(nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);

	ck_assert_int_eq(c.n_items, 24);      /* never dropped */
	ck_assert_int_eq(c.not_comparable, 3);
	ck_assert_int_eq(c.unchanged, 21);
	ck_assert_int_eq(c.improved + c.worse, 0);
	ic = find_item(&c, "channels.analytics");
	ck_assert_int_eq(ic->change, CHANGE_NOT_COMPARABLE);
	ck_assert_int_eq(ic->reason, NC_UNANSWERED_OLD);
	ck_assert_int_eq(ic->delta, 0);
	ck_assert_int_eq(ic->new_value, 3);
	ck_assert_int_eq(find_item(&c, "resources.budget")->reason, NC_UNANSWERED_NEW);
	ck_assert_int_eq(find_item(&c, "resources.staff")->reason, NC_UNANSWERED_BOTH);
	ck_assert_str_eq(compare_reason_text(NC_UNANSWERED_OLD), "not answered before");
}
END_TEST

START_TEST(test_compare_dont_know)
{
	int ov[N_CORE], nv[N_CORE];
	struct score os, ns;
	struct comparison c;
	const struct item_change *ic;

	fill(ov, N_CORE, 2);
	fill(nv, N_CORE, 2);
	ov[idx("goals.business")] = ANSWER_DONT_KNOW;
	nv[idx("goals.business")] = 3;
	ov[idx("goals.achievable")] = ANSWER_DONT_KNOW;
	nv[idx("goals.achievable")] = ANSWER_DONT_KNOW;
	ov[idx("channels.choice")] = 3;
	nv[idx("channels.choice")] = ANSWER_DONT_KNOW;
	score_with(ov, &os);
	score_with(nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);

	/* Finding out is a change of its own ("now known: 3"), and so is the
	 * way back; neither is a step on the scale, so delta stays 0. */
	ic = find_item(&c, "goals.business");
	ck_assert_int_eq(ic->change, CHANGE_NOW_KNOWN);
	ck_assert_int_eq(ic->reason, NC_NONE);
	ck_assert_int_eq(ic->old_value, ANSWER_DONT_KNOW);
	ck_assert_int_eq(ic->new_value, 3);
	ck_assert_int_eq(ic->delta, 0);
	ic = find_item(&c, "channels.choice");
	ck_assert_int_eq(ic->change, CHANGE_NO_LONGER_KNOWN);
	ck_assert_int_eq(ic->reason, NC_NONE);
	ck_assert_int_eq(ic->old_value, 3);
	ck_assert_int_eq(ic->delta, 0);
	ic = find_item(&c, "goals.achievable");
	ck_assert_int_eq(ic->change, CHANGE_UNCHANGED);
	ck_assert_int_eq(ic->reason, NC_NONE);
	ck_assert_int_eq(c.now_known, 1);
	ck_assert_int_eq(c.no_longer_known, 1);
	ck_assert_int_eq(c.not_comparable, 0);
	ck_assert_int_eq(c.improved + c.worse, 0);
	ck_assert_int_eq(c.unchanged, 22);
	ck_assert_int_eq(c.improved + c.worse + c.unchanged + c.not_comparable +
	                 c.now_known + c.no_longer_known, c.n_items);
	ck_assert_str_eq(compare_change_key(CHANGE_NOW_KNOWN), "now-known");
	ck_assert_str_eq(compare_change_text(CHANGE_NOW_KNOWN), "now known");
	ck_assert_str_eq(compare_change_key(CHANGE_NO_LONGER_KNOWN), "no-longer-known");
	ck_assert_str_eq(compare_change_text(CHANGE_NO_LONGER_KNOWN), "no longer known");
	for (int k = CHANGE_UNCHANGED; k < CHANGE_COUNT; k++) {
		ck_assert_ptr_nonnull(compare_change_text((enum change)k));
		for (int j = CHANGE_UNCHANGED; j < k; j++)
			ck_assert_str_ne(compare_change_key((enum change)j),
			                 compare_change_key((enum change)k));
	}
}
END_TEST

/* core/2, built from core/1 for this test: channels.analytics removed,
 * skills.community added at the end, everything else kept (the knock-out
 * items move down one place). */
static struct cat_item v2_items[CAT_MAX_ITEMS];
static struct cat_knockout v2_knockouts[CAT_MAX_KNOCKOUTS];

static struct catalogue make_core2(void)
{
	const struct catalogue *c1 = core();
	struct catalogue c2 = *c1;
	int removed = idx("channels.analytics"), n = 0;

	for (int i = 0; i < c1->n_items; i++)
		if (i != removed)
			v2_items[n++] = c1->items[i];
	v2_items[n] = (struct cat_item){
		"skills.community", catalogue_dim_index(c1, "skills"),
		"We take part in conversations beyond our own channels.",
		"Ready means ...", "Join in ...", 2, { "W7", NULL, NULL, NULL } };
	n++;
	for (int k = 0; k < c1->n_knockouts; k++) {
		v2_knockouts[k] = c1->knockouts[k];
		if (v2_knockouts[k].item > removed)
			v2_knockouts[k].item--;
	}
	c2.version = 2;
	c2.items = v2_items;
	c2.n_items = n;
	c2.knockouts = v2_knockouts;
	return c2;
}

/* Old (core/1): all 2 -> 50, Early stage.  New (core/2): all 3 -> 75,
 * Nearly ready.  No item is comparable; every dimension is 50 -> 75 (+25);
 * overall +25; level Early (1) -> Nearly (2): +1. */
START_TEST(test_compare_version_change)
{
	struct catalogue c2 = make_core2();
	int ov[N_CORE], nv[N_CORE];
	struct score os, ns;
	struct comparison c;
	const struct item_change *ic;

	ck_assert_int_eq(c2.n_items, 24);
	ck_assert_int_eq(c2.items[c2.knockouts[2].item].weight, 3);
	fill(ov, N_CORE, 2);
	fill(nv, N_CORE, 3);
	score_with(ov, &os);
	scoring_compute(&c2, nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);

	ck_assert(!c.same_version);
	ck_assert_int_eq(c.n_items, 25);          /* 24 in core/2 + 1 only in core/1 */
	ck_assert_int_eq(c.not_comparable, 25);
	ck_assert_int_eq(c.improved + c.worse + c.unchanged, 0);
	ic = find_item(&c, "goals.purpose");
	ck_assert_int_eq(ic->reason, NC_VERSION);
	ck_assert_int_eq(ic->change, CHANGE_NOT_COMPARABLE);
	ck_assert_int_eq(ic->old_value, 2);
	ck_assert_int_eq(ic->new_value, 3);
	ck_assert_int_eq(ic->delta, 0);
	ic = find_item(&c, "skills.community");
	ck_assert_int_eq(ic->reason, NC_ONLY_NEW);
	ck_assert_int_eq(ic->old_item, -1);
	ck_assert_int_eq(ic->new_value, 3);
	/* The removed item comes last, after the new catalogue's items. */
	ic = &c.items[24];
	ck_assert_str_eq(ic->key, "channels.analytics");
	ck_assert_int_eq(ic->reason, NC_ONLY_OLD);
	ck_assert_int_eq(ic->new_item, -1);
	ck_assert_int_eq(ic->old_value, 2);

	ck_assert_int_eq(c.n_dims, 7);
	for (int d = 0; d < c.n_dims; d++) {
		ck_assert(c.dims[d].comparable);
		ck_assert_int_eq(c.dims[d].delta, 25);
	}
	ck_assert(c.overall_comparable);
	ck_assert_int_eq(c.overall_delta, 25);
	ck_assert_int_eq(c.level_old, LEVEL_EARLY);
	ck_assert_int_eq(c.level_new, LEVEL_NEARLY);
	ck_assert_int_eq(c.level_delta, 1);
	ck_assert_int_eq(c.n_knockouts, 3);
	ck_assert_int_eq(c.knockouts[2].old_ko, 2);
	ck_assert_str_eq(compare_reason_text(NC_VERSION), "questionnaire changed");
}
END_TEST

/* --- core/1 -> core/2 --------------------------------------------------------- */

START_TEST(test_map_table_sound)
{
	const struct catalogue *c2 = core2();
	const struct cat_mapping *t = c2->mapping;

	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->from_id, "core");
	ck_assert_int_eq(t->from_version, 1);
	ck_assert_ptr_null(core()->mapping);
	for (int p = 0; p < t->n_pairs; p++) {
		ck_assert_msg(catalogue_item_index(core(), t->pairs[p].old_key) >= 0,
		              "%s is no core/1 item", t->pairs[p].old_key);
		ck_assert_msg(catalogue_item_index(c2, t->pairs[p].new_key) >= 0,
		              "%s is no core/2 item", t->pairs[p].new_key);
		for (int q = 0; q < p; q++)
			ck_assert(strcmp(t->pairs[q].old_key, t->pairs[p].old_key) != 0 ||
			          strcmp(t->pairs[q].new_key, t->pairs[p].new_key) != 0);
	}
}
END_TEST

/* How each core/2 item relates to core/1, read forwards and backwards. */
START_TEST(test_map_kinds)
{
	static const struct { const char *key; enum cat_map_kind kind; const char *src[3]; } want[] = {
		{ "goals.purpose", CAT_MAP_SAME, { "goals.purpose" } },
		{ "goals.wholehearted", CAT_MAP_NONE, { NULL } },
		{ "policy.events", CAT_MAP_NONE, { NULL } },
		{ "organisation.pipeline_tested", CAT_MAP_RENAMED, { "organisation.before_launch" } },
		{ "resources.owner", CAT_MAP_SPLIT, { "resources.time" } },
		{ "resources.hours", CAT_MAP_SPLIT, { "resources.time" } },
		{ "measurement.tracking", CAT_MAP_MERGED,
		  { "measurement.tools", "measurement.review" } },
		{ "skills.response", CAT_MAP_SAME, { "skills.response" } },
	};
	struct cat_map fw, bw;
	int src[CAT_MAX_SOURCES], n_same = 0;

	ck_assert(catalogue_map_init(&fw, core(), core2()));
	ck_assert(!fw.reversed);
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		int i = idx2(want[w].key), n = catalogue_map_sources(&fw, i, src, CAT_MAX_SOURCES);

		ck_assert_msg(catalogue_map_kind(&fw, i) == want[w].kind, "%s", want[w].key);
		for (int s = 0; s < 3 && want[w].src[s]; s++)
			ck_assert_int_eq(src[s], idx(want[w].src[s]));
		ck_assert_int_eq(n, want[w].src[0] == NULL ? 0 : want[w].src[1] == NULL ? 1 : 2);
	}
	/* Nothing of core/1 is dropped; 20 items keep key and meaning. */
	for (int i = 0; i < N_CORE; i++)
		ck_assert_msg(catalogue_map_targets(&fw, i, NULL, 0) > 0, "%s dropped",
		              core()->items[i].key);
	for (int i = 0; i < N_CORE2; i++) {
		ck_assert_int_le(catalogue_map_sources(&fw, i, NULL, 0), CAT_MAX_SOURCES);
		n_same += catalogue_map_kind(&fw, i) == CAT_MAP_SAME;
	}
	ck_assert_int_eq(n_same, 20);
	ck_assert_int_eq(catalogue_map_targets(&fw, idx("resources.time"), src, 1), 2);
	ck_assert_int_eq(src[0], idx2("resources.owner"));   /* max respected */

	/* Backwards a split reads as a merge and a merge as a split. */
	ck_assert(catalogue_map_init(&bw, core2(), core()));
	ck_assert(bw.reversed);
	ck_assert_int_eq(catalogue_map_kind(&bw, idx("resources.time")), CAT_MAP_MERGED);
	ck_assert_int_eq(catalogue_map_kind(&bw, idx("measurement.tools")), CAT_MAP_SPLIT);
	ck_assert_int_eq(catalogue_map_kind(&bw, idx("organisation.before_launch")),
	                 CAT_MAP_RENAMED);
	ck_assert_int_eq(catalogue_map_kind(&bw, idx("goals.purpose")), CAT_MAP_SAME);
	ck_assert_int_eq(catalogue_map_targets(&bw, idx2("goals.wholehearted"), NULL, 0), 0);

	/* One version maps onto itself; unlinked or missing ones do not map. */
	ck_assert(catalogue_map_init(&fw, core2(), core2()));
	ck_assert_int_eq(catalogue_map_kind(&fw, idx2("resources.hours")), CAT_MAP_SAME);
	ck_assert(!catalogue_map_init(&fw, NULL, core2()));
	ck_assert_int_eq(catalogue_map_sources(&fw, 0, src, CAT_MAX_SOURCES), 0);
	ck_assert_str_eq(catalogue_map_kind_key(CAT_MAP_MERGED), "merged");
	ck_assert_str_eq(catalogue_map_kind_key(CAT_MAP_NONE), "none");
	ck_assert_str_eq(catalogue_map_kind_text(CAT_MAP_SPLIT), "split from one question");
}
END_TEST

/* core/1 (old): all 2, but organisation.before_launch 1, resources.time 3,
 * measurement.tools 4, measurement.review 1, goals.business "don't know".
 * core/2 (new): all 3, but resources.hours 1, measurement.tracking 1,
 * organisation.pipeline_tested 1, goals.business 2, goals.wholehearted 4,
 * policy.events unanswered.  Expected, in core/2's order:
 *   goals.business         same key    don't know -> 2: now known
 *   goals.wholehearted     newly asked, not comparable
 *   pipeline_tested        renamed     1 -> 1 unchanged
 *   resources.owner        split       3 -> 3 unchanged
 *   resources.hours        split       3 -> 1 worse (-2)
 *   policy.events          newly asked, not comparable
 *   measurement.tracking   merged      lowest of 4 and 1 = 1 -> 1 unchanged
 *   19 others              same key    2 -> 3 improved
 * Stop signs by key: no-time did not fire in core/1 (resources.time 3) and
 * fires in core/2 (resources.hours 1): new.  Each side is scored by its own
 * version: core/1 earns 88 (all 2) - 1 (before_launch w1) - 4 (business w2,
 * "don't know") + 3 (time w3) + 2 (tools w1) - 1 (review w1) = 87 of 176
 * = 49.43 -> 49. */
static void core1_to_core2(int *ov, int *nv)
{
	fill(ov, N_CORE, 2);
	ov[idx("organisation.before_launch")] = 1;
	ov[idx("resources.time")] = 3;
	ov[idx("measurement.tools")] = 4;
	ov[idx("measurement.review")] = 1;
	ov[idx("goals.business")] = ANSWER_DONT_KNOW;
	fill(nv, N_CORE2, 3);
	nv[idx2("resources.hours")] = 1;
	nv[idx2("measurement.tracking")] = 1;
	nv[idx2("organisation.pipeline_tested")] = 1;
	nv[idx2("goals.business")] = 2;
	nv[idx2("goals.wholehearted")] = 4;
	nv[idx2("policy.events")] = ANSWER_UNANSWERED;
}

START_TEST(test_compare_core1_core2)
{
	int ov[N_CORE], nv[N_CORE2];
	struct score os, ns;
	struct comparison c;
	const struct item_change *ic;
	const struct knockout_change *kc;

	core1_to_core2(ov, nv);
	score_with(ov, &os);
	scoring_compute(core2(), nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);

	ck_assert(!c.same_version);
	ck_assert_int_eq(os.overall, 49);
	ck_assert_int_eq(c.overall_old, 49);
	ck_assert_int_eq(c.overall_new, ns.overall);
	ck_assert_int_eq(c.n_items, N_CORE2);     /* nothing only in core/1 */
	ck_assert_int_eq(c.improved, 19);
	ck_assert_int_eq(c.worse, 1);
	ck_assert_int_eq(c.unchanged, 3);
	ck_assert_int_eq(c.now_known, 1);
	ck_assert_int_eq(c.no_longer_known, 0);
	ck_assert_int_eq(c.not_comparable, 2);
	for (int i = 0; i < N_CORE2; i++)
		ck_assert_str_eq(c.items[i].key, core2()->items[i].key);

	ic = find_item(&c, "goals.purpose");
	ck_assert_int_eq(ic->map, CAT_MAP_SAME);
	ck_assert_int_eq(ic->change, CHANGE_IMPROVED);
	ck_assert_int_eq(ic->old_item, idx("goals.purpose"));
	ck_assert_str_eq(ic->old_key, "goals.purpose");
	ck_assert_int_eq(find_item(&c, "goals.business")->change, CHANGE_NOW_KNOWN);

	ic = find_item(&c, "goals.wholehearted");
	ck_assert_int_eq(ic->change, CHANGE_NOT_COMPARABLE);
	ck_assert_int_eq(ic->reason, NC_ONLY_NEW);
	ck_assert_int_eq(ic->map, CAT_MAP_NONE);
	ck_assert_int_eq(ic->old_item, -1);
	ck_assert_ptr_null(ic->old_key);
	ck_assert_int_eq(ic->new_value, 4);
	ck_assert_int_eq(find_item(&c, "policy.events")->reason, NC_ONLY_NEW);

	ic = find_item(&c, "organisation.pipeline_tested");
	ck_assert_int_eq(ic->map, CAT_MAP_RENAMED);
	ck_assert_str_eq(ic->old_key, "organisation.before_launch");
	ck_assert_int_eq(ic->change, CHANGE_UNCHANGED);

	ic = find_item(&c, "resources.owner");
	ck_assert_int_eq(ic->map, CAT_MAP_SPLIT);
	ck_assert_int_eq(ic->old_item, idx("resources.time"));
	ck_assert_int_eq(ic->change, CHANGE_UNCHANGED);
	ic = find_item(&c, "resources.hours");
	ck_assert_int_eq(ic->map, CAT_MAP_SPLIT);
	ck_assert_str_eq(ic->old_key, "resources.time");
	ck_assert_int_eq(ic->old_value, 3);
	ck_assert_int_eq(ic->change, CHANGE_WORSE);
	ck_assert_int_eq(ic->delta, -2);

	ic = find_item(&c, "measurement.tracking");
	ck_assert_int_eq(ic->map, CAT_MAP_MERGED);
	ck_assert_int_eq(ic->n_old, 2);
	ck_assert_int_eq(ic->old_items[0], idx("measurement.tools"));
	ck_assert_int_eq(ic->old_items[1], idx("measurement.review"));
	ck_assert_int_eq(ic->old_value, 1);
	ck_assert_int_eq(ic->old_item, idx("measurement.review"));
	ck_assert_str_eq(ic->old_key, "measurement.review");
	ck_assert_int_eq(ic->change, CHANGE_UNCHANGED);

	/* Stop signs: core/2's nine by key; no-time is the one that is new. */
	ck_assert_int_eq(c.n_knockouts, 9);
	ck_assert_int_eq(c.ko_new, 1);
	ck_assert_int_eq(c.ko_resolved, 0);
	kc = &c.knockouts[ko2("no-time")];
	ck_assert_str_eq(kc->key, "no-time");
	ck_assert_int_eq(kc->old_ko, ko_idx("no-time"));
	ck_assert(!kc->was_fired && kc->is_fired);
	kc = &c.knockouts[ko2("outsourced")];
	ck_assert_int_eq(kc->old_ko, -1);
	ck_assert_int_eq(c.level_old, LEVEL_EARLY);
	ck_assert_int_eq(c.level_new, LEVEL_NOT_READY);
}
END_TEST

/* The same two assessments the other way round (a core/2 assessment older
 * than a core/1 one): split and merge swap, the newly asked items become
 * no longer asked and come last.  resources.time compares with the lowest
 * of resources.owner 3 and resources.hours 1: 1 -> 3 improved (+2). */
START_TEST(test_compare_core2_core1)
{
	int ov[N_CORE], nv[N_CORE2];
	struct score os, ns;
	struct comparison c;
	const struct item_change *ic;

	core1_to_core2(ov, nv);
	score_with(ov, &os);
	scoring_compute(core2(), nv, &ns);
	compare_scores(&ns, nv, &os, ov, &c);

	ck_assert_int_eq(c.n_items, N_CORE + 2);
	ic = find_item(&c, "resources.time");
	ck_assert_int_eq(ic->map, CAT_MAP_MERGED);
	ck_assert_int_eq(ic->n_old, 2);
	ck_assert_int_eq(ic->old_value, 1);
	ck_assert_int_eq(ic->old_item, idx2("resources.hours"));
	ck_assert_int_eq(ic->change, CHANGE_IMPROVED);
	ck_assert_int_eq(ic->delta, 2);
	ic = find_item(&c, "measurement.tools");
	ck_assert_int_eq(ic->map, CAT_MAP_SPLIT);
	ck_assert_int_eq(ic->delta, 3);
	ck_assert_int_eq(find_item(&c, "measurement.review")->change, CHANGE_UNCHANGED);
	ck_assert_int_eq(find_item(&c, "goals.business")->change, CHANGE_NO_LONGER_KNOWN);
	ck_assert_int_eq(c.no_longer_known, 1);
	ck_assert_str_eq(c.items[N_CORE].key, "goals.wholehearted");
	ck_assert_int_eq(c.items[N_CORE].reason, NC_ONLY_OLD);
	ck_assert_int_eq(c.items[N_CORE].old_value, 4);
	ck_assert_int_eq(c.items[N_CORE].new_item, -1);
	ck_assert_str_eq(c.items[N_CORE + 1].key, "policy.events");
	ck_assert_int_eq(c.not_comparable, 2);
	ck_assert_int_eq(c.ko_resolved, 1);       /* no-time, by key */
	ck_assert(c.knockouts[ko_idx("no-time")].was_fired);
}
END_TEST

/* A re-check from core/1 into core/2 carries what maps: same keys, the
 * renamed item, both halves of the split item, the lowest of the merged
 * ones; the newly asked items stay unanswered.  Each note comes from the
 * item the value came from. */
START_TEST(test_carry_core1_core2)
{
	int ov[N_CORE], cv[N_CORE2], note[N_CORE2];
	int n;

	core1_to_core2(ov, cv);
	fill(cv, N_CORE2, 99);
	n = compare_carry(core(), ov, core2(), cv, note);
	ck_assert_int_eq(n, N_CORE2 - 2);
	ck_assert_int_eq(cv[idx2("goals.purpose")], 2);
	ck_assert_int_eq(note[idx2("goals.purpose")], idx("goals.purpose"));
	ck_assert_int_eq(cv[idx2("goals.business")], ANSWER_DONT_KNOW);
	ck_assert_int_eq(cv[idx2("organisation.pipeline_tested")], 1);
	ck_assert_int_eq(note[idx2("organisation.pipeline_tested")],
	                 idx("organisation.before_launch"));
	ck_assert_int_eq(cv[idx2("resources.owner")], 3);
	ck_assert_int_eq(cv[idx2("resources.hours")], 3);
	ck_assert_int_eq(note[idx2("resources.hours")], idx("resources.time"));
	ck_assert_int_eq(cv[idx2("measurement.tracking")], 1);
	ck_assert_int_eq(note[idx2("measurement.tracking")], idx("measurement.review"));
	ck_assert_int_eq(cv[idx2("goals.wholehearted")], ANSWER_UNANSWERED);
	ck_assert_int_eq(note[idx2("goals.wholehearted")], -1);
	ck_assert_int_eq(cv[idx2("policy.events")], ANSWER_UNANSWERED);

	/* Merged: unanswered parts say nothing, "don't know" is lowest, and
	 * with nothing answered the note still comes from the first part. */
	ov[idx("measurement.tools")] = ANSWER_UNANSWERED;
	ov[idx("measurement.review")] = 3;
	compare_carry(core(), ov, core2(), cv, note);
	ck_assert_int_eq(cv[idx2("measurement.tracking")], 3);
	ov[idx("measurement.tools")] = ANSWER_DONT_KNOW;
	compare_carry(core(), ov, core2(), cv, NULL);
	ck_assert_int_eq(cv[idx2("measurement.tracking")], ANSWER_DONT_KNOW);
	ov[idx("measurement.tools")] = ov[idx("measurement.review")] = ANSWER_UNANSWERED;
	compare_carry(core(), ov, core2(), cv, note);
	ck_assert_int_eq(cv[idx2("measurement.tracking")], ANSWER_UNANSWERED);
	ck_assert_int_eq(note[idx2("measurement.tracking")], idx("measurement.tools"));
}
END_TEST

/* Issue 9's core/1 answers carried into core/2 and confirmed as they are:
 * the five hands-off cases are now five stop signs (the 73 that said
 * "Nearly ready" in core/1 is 74 by score alone in core/2). */
START_TEST(test_carry_issue_example)
{
	int ov[N_CORE], cv[N_CORE2];
	struct score s;

	from_pattern(ov, N_CORE, core1_pins[0].answers);
	ck_assert_int_eq(compare_carry(core(), ov, core2(), cv, NULL), N_CORE2 - 2);
	scoring_compute(core2(), cv, &s);
	ck_assert_int_eq(s.overall, 74);
	ck_assert_int_eq(s.band, LEVEL_NEARLY);
	ck_assert_int_eq(s.level, LEVEL_NOT_READY);
	ck_assert_int_eq(s.n_fired, 5);
}
END_TEST

/* Within one version the answers are copied (garbage read as unanswered);
 * between versions no table links nothing is carried; backwards from
 * core/2 a merged core/1 item takes the lowest of its parts. */
START_TEST(test_carry_other_cases)
{
	struct catalogue c2 = make_core2();
	int ov[N_CORE], cv[N_CORE2], note[N_CORE2], bv[N_CORE];

	fill(ov, N_CORE, 3);
	ov[5] = 17;
	ck_assert_int_eq(compare_carry(core(), ov, core(), bv, note), N_CORE - 1);
	ck_assert_int_eq(bv[0], 3);
	ck_assert_int_eq(bv[5], ANSWER_UNANSWERED);
	ck_assert_int_eq(note[5], 5);
	ck_assert_int_eq(compare_carry(core(), ov, &c2, cv, note), 0);
	ck_assert_int_eq(cv[0], ANSWER_UNANSWERED);
	ck_assert_int_eq(note[0], -1);
	ck_assert_int_eq(compare_carry(NULL, ov, core2(), cv, NULL), 0);

	fill(cv, N_CORE2, 4);
	cv[idx2("resources.owner")] = 2;
	ck_assert_int_eq(compare_carry(core2(), cv, core(), bv, note), N_CORE);
	ck_assert_int_eq(bv[idx("resources.time")], 2);
	ck_assert_int_eq(note[idx("resources.time")], idx2("resources.owner"));
	ck_assert_int_eq(bv[idx("measurement.tools")], 4);
}
END_TEST

/* A caution that goes away is shown per stop sign, but it is no resolved
 * stop sign: old core/2 all 4 but policy.document 2 (caution, Early
 * stage), new all 4 (Ready); then 2 -> 1 turns the caution into a fired
 * stop sign, which counts as new. */
START_TEST(test_compare_caution)
{
	int ov[N_CORE2], nv[N_CORE2];
	struct score os, ns;
	struct comparison c;
	int k = ko2("no-policy");

	fill(ov, N_CORE2, 4);
	ov[idx2("policy.document")] = 2;
	fill(nv, N_CORE2, 4);
	scoring_compute(core2(), ov, &os);
	scoring_compute(core2(), nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);
	ck_assert(c.same_version);
	ck_assert(c.knockouts[k].was_caution && !c.knockouts[k].is_caution);
	ck_assert(!c.knockouts[k].was_fired && !c.knockouts[k].is_fired);
	ck_assert_int_eq(c.ko_resolved, 0);
	ck_assert_int_eq(c.level_old, LEVEL_EARLY);
	ck_assert_int_eq(c.level_new, LEVEL_READY);
	ck_assert_int_eq(c.level_delta, 2);

	nv[idx2("policy.document")] = 1;
	scoring_compute(core2(), nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);
	ck_assert(c.knockouts[k].was_caution && c.knockouts[k].is_fired);
	ck_assert(!c.knockouts[k].is_caution);
	ck_assert_int_eq(c.ko_new, 1);
	ck_assert_int_eq(find_item(&c, "policy.document")->change, CHANGE_WORSE);
}
END_TEST

/* A dimension answered on one side only is listed but not compared. */
START_TEST(test_compare_dimension_unanswered)
{
	int ov[N_CORE], nv[N_CORE];
	struct score os, ns;
	struct comparison c;
	const struct dim_change *dc;

	fill(ov, N_CORE, 2);
	fill(nv, N_CORE, 2);
	for (int i = 0; i < N_CORE; i++)
		if (strncmp(core()->items[i].key, "policy.", 7) == 0)
			ov[i] = ANSWER_UNANSWERED;
	score_with(ov, &os);
	score_with(nv, &ns);
	compare_scores(&os, ov, &ns, nv, &c);
	dc = find_dim(&c, "policy");
	ck_assert(!dc->comparable);
	ck_assert_int_eq(dc->old_score, SCORE_NONE);
	ck_assert_int_eq(dc->new_score, 50);
	ck_assert_int_eq(dc->delta, 0);
	ck_assert_int_eq(c.not_comparable, 3);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("model");
	TCase *cat = tcase_create("catalogue");
	TCase *sc = tcase_create("scoring");
	TCase *cmp = tcase_create("compare");
	TCase *c2 = tcase_create("core2");

	tcase_add_test(cat, test_catalogue_lookup);
	tcase_add_test(cat, test_catalogue_item_label);
	tcase_add_loop_test(cat, test_catalogue_items_sound, 0, N_KNOWN);
	tcase_add_test(cat, test_catalogue_criteria_covered);
	tcase_add_test(cat, test_catalogue_knockouts);
	tcase_add_test(cat, test_catalogue_scale);
	tcase_add_test(sc, test_level_names);
	tcase_add_test(sc, test_scoring_band_edges);
	tcase_add_test(sc, test_scoring_all_fully);
	tcase_add_test(sc, test_scoring_all_not_at_all);
	tcase_add_test(sc, test_scoring_knockout_alone);
	tcase_add_test(sc, test_scoring_knockout_threshold);
	tcase_add_test(sc, test_scoring_dont_know);
	tcase_add_test(sc, test_scoring_dont_know_knockout);
	tcase_add_test(sc, test_scoring_partial);
	tcase_add_test(sc, test_scoring_rounding);
	tcase_add_test(sc, test_scoring_nothing_answered);
	tcase_add_test(sc, test_scoring_recommendation_order);
	tcase_add_test(sc, test_scoring_core1_pinned);
	tcase_add_test(sc, test_scoring_caution_rule);
	tcase_add_test(sc, test_scoring_core1_no_caution);
	tcase_add_test(cmp, test_compare_counts);
	tcase_add_test(cmp, test_compare_knockout_resolved);
	tcase_add_test(cmp, test_compare_unanswered);
	tcase_add_test(cmp, test_compare_dont_know);
	tcase_add_test(cmp, test_compare_version_change);
	tcase_add_test(cmp, test_compare_dimension_unanswered);
	tcase_add_test(cmp, test_map_table_sound);
	tcase_add_test(cmp, test_map_kinds);
	tcase_add_test(cmp, test_compare_core1_core2);
	tcase_add_test(cmp, test_compare_core2_core1);
	tcase_add_test(cmp, test_carry_core1_core2);
	tcase_add_test(cmp, test_carry_issue_example);
	tcase_add_test(cmp, test_carry_other_cases);
	tcase_add_test(cmp, test_compare_caution);
	tcase_add_test(c2, test_core2_lookup);
	tcase_add_test(c2, test_core2_criteria_covered);
	tcase_add_test(c2, test_core2_stop_signs);
	tcase_add_loop_test(c2, test_catalogue_knockouts_sound, 0, N_KNOWN);
	tcase_add_test(c2, test_core2_every_case_stops);
	tcase_add_test(c2, test_core2_texts_fit_active);
	tcase_add_loop_test(c2, test_core2_stop_sign_alone, 0, N_STOPS);
	tcase_add_loop_test(c2, test_core2_caution_alone, 0, N_STOPS);
	tcase_add_test(c2, test_core2_issue_example);
	tcase_add_test(c2, test_core2_recommendation_order);
	suite_add_tcase(s, cat);
	suite_add_tcase(s, sc);
	suite_add_tcase(s, c2);
	suite_add_tcase(s, cmp);
	return tap_run_suite(s);
}
