/*
 * check_plan.c - unit tests of the action plan's model (plan.h): the
 * suggested plan of a result (its order, stop signs first, the limit, what
 * open actions cover already), the answer an action aims for, and the
 * four-way judgement at the next assessment on hand-made cases, across
 * questionnaire versions too; and the calendar days the plan's due dates
 * are (timefmt.h).
 *
 * Weights of core/2 used below: goals.purpose 3 (stop sign "no goal", the
 * first), goals.business 2, goals.achievable 1, channels.analytics 1,
 * measurement.metrics 2, policy.document 2 (stop sign "no policy", the
 * last), policy.events 1, skills.response 3 (stop sign "too slow").
 */
#include "config.h"

#include <string.h>

#include "catalogue.h"
#include "plan.h"
#include "scoring.h"
#include "timefmt.h"
#include "tap-main.h"

static const struct catalogue *core2(void)
{
	return catalogue_find("core", 2);
}

static const struct catalogue *core1(void)
{
	return catalogue_find("core", 1);
}

static int idx2(const char *key)
{
	int i = catalogue_item_index(core2(), key);

	ck_assert_msg(i >= 0, "core/2 has no %s", key);
	return i;
}

static void fill(const struct catalogue *cat, int *values, int v)
{
	for (int i = 0; i < cat->n_items; i++)
		values[i] = v;
}

static void set(const struct catalogue *cat, int *values, const char *key, int v)
{
	int i = catalogue_item_index(cat, key);

	ck_assert_msg(i >= 0, "no item %s", key);
	values[i] = v;
}

/* ---- days ----------------------------------------------------------------- */

START_TEST(test_days)
{
	char buf[TIMEFMT_DAY_SIZE];

	ck_assert(timefmt_day_valid("2026-05-01"));
	ck_assert(timefmt_day_valid("2024-02-29"));
	ck_assert(!timefmt_day_valid("2023-02-29"));
	ck_assert(!timefmt_day_valid("2026-13-01"));
	ck_assert(!timefmt_day_valid("2026-5-1"));
	ck_assert(!timefmt_day_valid("1969-12-31"));
	ck_assert(!timefmt_day_valid(""));
	ck_assert(timefmt_day_add("2026-04-25", 7, buf, sizeof buf));
	ck_assert_str_eq(buf, "2026-05-02");
	ck_assert(timefmt_day_add("2024-03-01", -1, buf, sizeof buf));
	ck_assert_str_eq(buf, "2024-02-29");
	ck_assert(!timefmt_day_add("1970-01-01", -1, buf, sizeof buf));
	ck_assert(!timefmt_day_add("9999-12-31", 1, buf, sizeof buf));
	ck_assert_int_eq(timefmt_day_diff("2026-04-30", "2026-05-02"), 2);
	ck_assert_int_eq(timefmt_day_diff("2026-05-02", "2026-04-30"), -2);

	ck_assert(timefmt_day_parse(" 2026-05-01 ", "2026-01-01", buf, sizeof buf));
	ck_assert_str_eq(buf, "2026-05-01");
	ck_assert(timefmt_day_parse("1.5.2026", "2026-01-01", buf, sizeof buf));
	ck_assert_str_eq(buf, "2026-05-01");
	ck_assert(timefmt_day_parse("31.12.2026", "2026-01-01", buf, sizeof buf));
	ck_assert_str_eq(buf, "2026-12-31");
	ck_assert(timefmt_day_parse("+14", "2026-12-25", buf, sizeof buf));
	ck_assert_str_eq(buf, "2027-01-08");
	ck_assert(timefmt_day_parse("+0", "2026-12-25", buf, sizeof buf));
	ck_assert_str_eq(buf, "2026-12-25");
	ck_assert(!timefmt_day_parse("", "2026-01-01", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("31.2.2026", "2026-01-01", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("1.5.26", "2026-01-01", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("+", "2026-01-01", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("+3 days", "2026-01-01", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("+3", "", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("tomorrow", "2026-01-01", buf, sizeof buf));
	ck_assert(!timefmt_day_parse("2026-05-01x", "2026-01-01", buf, sizeof buf));

	/* Local noon is on the same local day, and back. */
	ck_assert_int_gt(timefmt_day_noon("2026-05-01"), 0);
	ck_assert_str_eq(timefmt_day(timefmt_day_noon("2026-05-01"), buf, sizeof buf),
	                 "2026-05-01");
	ck_assert_int_eq(timefmt_day_noon("2026-02-30"), 0);
	ck_assert_str_eq(timefmt_day(0, buf, sizeof buf), "");
}
END_TEST

/* ---- the suggested plan -------------------------------------------------------- */

START_TEST(test_targets)
{
	/* Above "partly" (weak, and a caution for core/2's stop signs). */
	ck_assert_int_eq(plan_target(core2(), idx2("goals.purpose")), 3);
	ck_assert_int_eq(plan_target(core2(), idx2("goals.business")), 3);
	ck_assert_int_eq(plan_target(core1(), catalogue_item_index(core1(), "resources.time")), 3);
	ck_assert_int_eq(plan_target(NULL, 0), 3);
}
END_TEST

/* Everything "fully" but: two stop signs (the last one listed first in
 * the catalogue is "no goal"), one caution, and weak answers of several
 * weighted gains. */
static void suggest_case(int *v)
{
	fill(core2(), v, 4);
	set(core2(), v, "policy.document", 0);      /* stop sign, the last */
	set(core2(), v, "goals.purpose", 1);        /* stop sign, the first */
	set(core2(), v, "skills.response", 2);      /* caution */
	set(core2(), v, "goals.business", 0);       /* gain 2 x 4 = 8 */
	set(core2(), v, "channels.analytics", 0);   /* gain 1 x 4 = 4 */
	set(core2(), v, "goals.achievable", ANSWER_DONT_KNOW); /* 1 x 4 = 4 */
	set(core2(), v, "measurement.metrics", 2);  /* gain 2 x 2 = 4 */
	set(core2(), v, "policy.events", 2);        /* gain 1 x 2 = 2 */
}

START_TEST(test_suggest_order_and_limit)
{
	int v[CAT_MAX_ITEMS];
	struct score sc;
	struct plan_suggestion p[CAT_MAX_ITEMS];
	int n;

	suggest_case(v);
	scoring_compute(core2(), v, &sc);
	n = plan_suggest(&sc, NULL, PLAN_DEFAULT_LIMIT, p, CAT_MAX_ITEMS);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(p[0].item, idx2("goals.purpose"));
	ck_assert(p[0].stop_sign);
	ck_assert_int_eq(p[1].item, idx2("policy.document"));
	ck_assert(p[1].stop_sign);
	ck_assert_int_eq(p[2].item, idx2("skills.response"));
	ck_assert(!p[2].stop_sign && p[2].caution);
	ck_assert_int_eq(p[3].item, idx2("goals.business"));
	ck_assert_int_eq(p[3].gain, 8);
	/* three of gain 4: the questionnaire's order decides */
	ck_assert_int_eq(p[4].item, idx2("goals.achievable"));
	ck_assert_int_eq(p[4].gain, 4);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(p[i].target, 3);

	n = plan_suggest(&sc, NULL, 7, p, CAT_MAX_ITEMS);
	ck_assert_int_eq(n, 7);
	ck_assert_int_eq(p[5].item, idx2("channels.analytics"));
	ck_assert_int_eq(p[6].item, idx2("measurement.metrics"));
	/* a negative limit is the default one */
	ck_assert_int_eq(plan_suggest(&sc, NULL, -1, p, CAT_MAX_ITEMS), PLAN_DEFAULT_LIMIT);
	/* max bounds what is written */
	ck_assert_int_eq(plan_suggest(&sc, NULL, 7, p, 2), 2);
}
END_TEST

/* Stop signs are never cut by the limit; nothing else comes with them
 * once they fill it. */
START_TEST(test_suggest_stop_signs_beyond_limit)
{
	int v[CAT_MAX_ITEMS];
	struct score sc;
	struct plan_suggestion p[CAT_MAX_ITEMS];
	int n;

	fill(core2(), v, 0);
	scoring_compute(core2(), v, &sc);
	ck_assert_int_eq(sc.n_fired, core2()->n_knockouts);
	n = plan_suggest(&sc, NULL, PLAN_DEFAULT_LIMIT, p, CAT_MAX_ITEMS);
	ck_assert_int_eq(n, core2()->n_knockouts);
	for (int i = 0; i < n; i++) {
		ck_assert(p[i].stop_sign);
		ck_assert_int_eq(p[i].item, core2()->knockouts[i].item);
		ck_assert_str_eq(p[i].title, catalogue_knockout_first_step(core2(), i));
	}
	ck_assert_int_eq(plan_suggest(&sc, NULL, 0, p, CAT_MAX_ITEMS), core2()->n_knockouts);
}
END_TEST

/* What open actions aim at already is not suggested again, and does not
 * count towards the limit. */
START_TEST(test_suggest_covered)
{
	int v[CAT_MAX_ITEMS];
	bool covered[CAT_MAX_ITEMS] = { false };
	struct score sc;
	struct plan_suggestion p[CAT_MAX_ITEMS];
	int n;

	suggest_case(v);
	scoring_compute(core2(), v, &sc);
	covered[idx2("goals.purpose")] = true;
	covered[idx2("goals.business")] = true;
	n = plan_suggest(&sc, covered, PLAN_DEFAULT_LIMIT, p, CAT_MAX_ITEMS);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(p[0].item, idx2("policy.document"));
	ck_assert_int_eq(p[1].item, idx2("skills.response"));
	ck_assert_int_eq(p[2].item, idx2("goals.achievable"));
	ck_assert_int_eq(p[3].item, idx2("channels.analytics"));
	ck_assert_int_eq(p[4].item, idx2("measurement.metrics"));
	/* the titles: a stop sign's or caution's first step, else the
	 * item's recommendation */
	ck_assert_str_eq(p[0].title, catalogue_knockout_first_step(core2(),
	                 catalogue_item_knockout(core2(), idx2("policy.document"))));
	ck_assert_str_eq(p[1].title, catalogue_knockout_first_step(core2(),
	                 catalogue_item_knockout(core2(), idx2("skills.response"))));
	ck_assert_str_eq(p[2].title, core2()->items[idx2("goals.achievable")].recommendation);
}
END_TEST

/* A result with nothing weak suggests nothing. */
START_TEST(test_suggest_nothing)
{
	int v[CAT_MAX_ITEMS];
	struct score sc;
	struct plan_suggestion p[CAT_MAX_ITEMS];

	fill(core2(), v, 4);
	scoring_compute(core2(), v, &sc);
	ck_assert_int_eq(plan_suggest(&sc, NULL, PLAN_DEFAULT_LIMIT, p, CAT_MAX_ITEMS), 0);
}
END_TEST

/* ---- the loop ------------------------------------------------------------------- */

#define T_P 1000      /* the assessment before finished */
#define T_R 2000      /* the re-check finished */

START_TEST(test_status_at)
{
	struct plan_event ev[] = {
		{ 100, PLAN_OPEN }, { 500, PLAN_STARTED }, { 1500, PLAN_DONE }, { 2500, PLAN_OPEN },
	};

	ck_assert_int_eq(plan_status_at(ev, 4, 50), PLAN_OPEN);
	ck_assert_int_eq(plan_status_at(ev, 4, 500), PLAN_STARTED);
	ck_assert_int_eq(plan_status_at(ev, 4, 1999), PLAN_DONE);
	ck_assert_int_eq(plan_status_at(ev, 4, 3000), PLAN_OPEN);
	ck_assert_int_eq(plan_status_at(NULL, 0, 3000), PLAN_OPEN);
}
END_TEST

START_TEST(test_in_loop)
{
	struct plan_aim aim = { "goals.purpose", 3 };
	struct plan_event done_between[] = { { 900, PLAN_OPEN }, { 1500, PLAN_DONE } };
	struct plan_event done_before[] = { { 100, PLAN_OPEN }, { 900, PLAN_DONE } };
	struct plan_event done_at_p[] = { { 100, PLAN_OPEN }, { T_P, PLAN_DONE } };
	struct plan_event dropped_before[] = { { 100, PLAN_OPEN }, { 900, PLAN_DROPPED } };
	struct plan_event reopened[] = { { 100, PLAN_OPEN }, { 900, PLAN_DONE },
	                                 { 1200, PLAN_OPEN } };
	struct plan_event done_after[] = { { 900, PLAN_OPEN }, { 2500, PLAN_DONE } };
	struct plan_action a = { .cat = core2(), .items = &aim, .n_items = 1 };

	/* created before P, done between P and R: judged */
	a.events = done_between; a.n_events = 2; a.created = 900;
	ck_assert(plan_in_loop(&a, T_P, T_R));
	/* done before P: judged at the re-check before, not again */
	a.events = done_before;
	ck_assert(!plan_in_loop(&a, T_P, T_R));
	/* done in the second P was finished: counts as after it */
	a.events = done_at_p;
	ck_assert(plan_in_loop(&a, T_P, T_R));
	a.events = dropped_before;
	ck_assert(!plan_in_loop(&a, T_P, T_R));
	/* done before P but opened again: open, judged */
	a.events = reopened; a.n_events = 3;
	ck_assert(plan_in_loop(&a, T_P, T_R));
	/* done only after R: open when R was finished, judged */
	a.events = done_after; a.n_events = 2;
	ck_assert(plan_in_loop(&a, T_P, T_R));
	/* created after R, or in the second it was finished: the next
	 * plan's, not this loop's */
	a.created = T_R + 1;
	ck_assert(!plan_in_loop(&a, T_P, T_R));
	a.created = T_R;
	ck_assert(!plan_in_loop(&a, T_P, T_R));
	a.created = T_R - 1;
	ck_assert(plan_in_loop(&a, T_P, T_R));
	/* no items: never judged */
	a.created = 900;
	a.n_items = 0;
	ck_assert(!plan_in_loop(&a, T_P, T_R));
}
END_TEST

/* One action on one core/2 item, with its status at R. */
static void judge(const char *key, int target, int before_v, int after_v,
                  enum plan_status status, const char *due, struct plan_result *out)
{
	static int before[CAT_MAX_ITEMS], after[CAT_MAX_ITEMS];
	struct plan_aim aim = { key, target };
	struct plan_event ev[2] = { { 900, PLAN_OPEN }, { 1500, status } };
	struct plan_action a = { .cat = core2(), .items = &aim, .n_items = 1, .events = ev,
	                         .n_events = 2, .created = 900, .due = due };

	fill(core2(), before, 2);
	fill(core2(), after, 2);
	set(core2(), before, key, before_v);
	set(core2(), after, key, after_v);
	plan_classify(&a, core2(), before, core2(), after, T_R, "2026-04-02", out);
}

START_TEST(test_four_ways)
{
	struct plan_result r;

	/* done, and reached its target: worked */
	judge("goals.purpose", 3, 0, 3, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_WORKED);
	ck_assert_int_eq(r.items[0].progress, PLAN_REACHED);
	ck_assert_int_eq(r.items[0].before, 0);
	ck_assert_int_eq(r.items[0].after, 3);
	ck_assert_int_eq(r.status, PLAN_DONE);
	/* done, and approached it (1 -> 2 of 3): worked too */
	judge("goals.purpose", 3, 1, 2, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_WORKED);
	ck_assert_int_eq(r.items[0].progress, PLAN_APPROACHED);
	/* done, and the item did not move: done without effect */
	judge("goals.purpose", 3, 1, 1, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_NO_EFFECT);
	ck_assert_int_eq(r.items[0].progress, PLAN_SAME);
	/* done, and it got worse: without effect as well */
	judge("goals.purpose", 3, 2, 1, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_NO_EFFECT);
	ck_assert_int_eq(r.items[0].progress, PLAN_WORSE);
	/* not done, and improved anyway: open and in progress alike */
	judge("goals.purpose", 3, 1, 3, PLAN_OPEN, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_IMPROVED_ANYWAY);
	judge("goals.purpose", 3, 1, 2, PLAN_STARTED, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_IMPROVED_ANYWAY);
	/* not done and not improved: still open */
	judge("goals.purpose", 3, 1, 1, PLAN_STARTED, "", &r);
	ck_assert_int_eq(r.outcome, PLAN_STILL_OPEN);
	ck_assert(!r.overdue);
}
END_TEST

START_TEST(test_overdue)
{
	struct plan_result r;

	/* due before the day of the re-check: overdue */
	judge("goals.purpose", 3, 1, 1, PLAN_OPEN, "2026-04-01", &r);
	ck_assert_int_eq(r.outcome, PLAN_STILL_OPEN);
	ck_assert(r.overdue);
	/* due on that day: not yet */
	judge("goals.purpose", 3, 1, 1, PLAN_OPEN, "2026-04-02", &r);
	ck_assert(!r.overdue);
	judge("goals.purpose", 3, 1, 1, PLAN_OPEN, "2026-05-01", &r);
	ck_assert(!r.overdue);
	/* only what is still open can be overdue */
	judge("goals.purpose", 3, 1, 3, PLAN_OPEN, "2026-01-01", &r);
	ck_assert_int_eq(r.outcome, PLAN_IMPROVED_ANYWAY);
	ck_assert(!r.overdue);
}
END_TEST

/* A dropped action counts as not done and is never overdue. */
START_TEST(test_dropped)
{
	struct plan_result r;

	judge("goals.purpose", 3, 1, 3, PLAN_DROPPED, "2026-01-01", &r);
	ck_assert_int_eq(r.outcome, PLAN_IMPROVED_ANYWAY);
	ck_assert_int_eq(r.status, PLAN_DROPPED);
	judge("goals.purpose", 3, 1, 1, PLAN_DROPPED, "2026-01-01", &r);
	ck_assert_int_eq(r.outcome, PLAN_STILL_OPEN);
	ck_assert(!r.overdue);
}
END_TEST

/* An action on two items, one of which moved and one did not: it moved,
 * and says one of two. */
START_TEST(test_two_items)
{
	int before[CAT_MAX_ITEMS], after[CAT_MAX_ITEMS];
	struct plan_aim aims[2] = { { "policy.document", 3 }, { "policy.negative", 3 } };
	struct plan_event done[2] = { { 900, PLAN_OPEN }, { 1500, PLAN_DONE } };
	struct plan_event open[1] = { { 900, PLAN_OPEN } };
	struct plan_action a = { .cat = core2(), .items = aims, .n_items = 2, .events = done,
	                         .n_events = 2, .created = 900 };
	struct plan_result r;

	fill(core2(), before, 2);
	fill(core2(), after, 2);
	set(core2(), before, "policy.document", 0);
	set(core2(), after, "policy.document", 3);    /* reached */
	set(core2(), before, "policy.negative", 1);
	set(core2(), after, "policy.negative", 1);    /* did not move */
	plan_classify(&a, core2(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.outcome, PLAN_WORKED);
	ck_assert_int_eq(r.n_items, 2);
	ck_assert_int_eq(r.n_moved, 1);
	ck_assert_int_eq(r.items[0].progress, PLAN_REACHED);
	ck_assert_int_eq(r.items[1].progress, PLAN_SAME);
	ck_assert_str_eq(r.items[1].key, "policy.negative");

	/* not done: improved without the action, for the one that moved */
	a.events = open;
	a.n_events = 1;
	plan_classify(&a, core2(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.outcome, PLAN_IMPROVED_ANYWAY);
	ck_assert_int_eq(r.n_moved, 1);

	/* neither moved: done without effect */
	a.events = done;
	a.n_events = 2;
	set(core2(), after, "policy.document", 0);
	plan_classify(&a, core2(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.outcome, PLAN_NO_EFFECT);
	ck_assert_int_eq(r.n_moved, 0);
}
END_TEST

/* What cannot be told does not count as moved. */
START_TEST(test_unknown_and_dont_know)
{
	struct plan_result r;

	/* unanswered in the re-check: unknown, not moved */
	judge("goals.purpose", 3, 1, ANSWER_UNANSWERED, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.items[0].progress, PLAN_UNKNOWN);
	ck_assert_int_eq(r.outcome, PLAN_NO_EFFECT);
	/* "don't know" earns nothing: from it to 3 reached the target */
	judge("goals.purpose", 3, ANSWER_DONT_KNOW, 3, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.items[0].progress, PLAN_REACHED);
	/* ... and from 0 to "don't know" is not a move */
	judge("goals.purpose", 3, 0, ANSWER_DONT_KNOW, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.items[0].progress, PLAN_SAME);
	/* unanswered before, at the target now: reached */
	judge("goals.purpose", 3, ANSWER_UNANSWERED, 4, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.items[0].progress, PLAN_REACHED);
	judge("goals.purpose", 3, ANSWER_UNANSWERED, 2, PLAN_DONE, "", &r);
	ck_assert_int_eq(r.items[0].progress, PLAN_UNKNOWN);
}
END_TEST

/* An action made after a core/1 assessment, judged at a core/2 re-check:
 * the split item reads as the lower of its two successors, the renamed
 * one under its new key, the merged one as the item it went into. */
START_TEST(test_core1_action_core2_recheck)
{
	int before[CAT_MAX_ITEMS], after[CAT_MAX_ITEMS];
	struct plan_aim split = { "resources.time", 3 }, renamed = { "organisation.before_launch", 3 };
	struct plan_aim merged = { "measurement.review", 3 };
	struct plan_event done[2] = { { 900, PLAN_OPEN }, { 1500, PLAN_DONE } };
	struct plan_action a = { .cat = core1(), .items = &split, .n_items = 1, .events = done,
	                         .n_events = 2, .created = 900 };
	struct plan_result r;

	fill(core1(), before, 2);
	fill(core2(), after, 2);
	set(core1(), before, "resources.time", 1);
	set(core2(), after, "resources.owner", 4);
	set(core2(), after, "resources.hours", 2);    /* the lower: 2 */
	plan_classify(&a, core1(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.items[0].before, 1);
	ck_assert_int_eq(r.items[0].after, 2);
	ck_assert_int_eq(r.items[0].progress, PLAN_APPROACHED);
	ck_assert_int_eq(r.outcome, PLAN_WORKED);
	/* the weaker half did not move: not moved */
	set(core2(), after, "resources.hours", 1);
	plan_classify(&a, core1(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.items[0].after, 1);
	ck_assert_int_eq(r.outcome, PLAN_NO_EFFECT);

	a.items = &renamed;
	set(core1(), before, "organisation.before_launch", 0);
	set(core2(), after, "organisation.pipeline_tested", 3);
	plan_classify(&a, core1(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.items[0].after, 3);
	ck_assert_int_eq(r.outcome, PLAN_WORKED);

	a.items = &merged;
	set(core1(), before, "measurement.review", 1);
	set(core2(), after, "measurement.tracking", 1);
	plan_classify(&a, core1(), before, core2(), after, T_R, "2026-04-02", &r);
	ck_assert_int_eq(r.items[0].after, 1);
	ck_assert_int_eq(r.outcome, PLAN_NO_EFFECT);

	/* an item no longer asked, or a questionnaire unknown: nothing moved */
	ck_assert_int_eq(plan_value(core1(), "no.such.item", core2(), after), ANSWER_UNANSWERED);
	ck_assert_int_eq(plan_value(NULL, "goals.purpose", core2(), after), ANSWER_UNANSWERED);
}
END_TEST

START_TEST(test_keys)
{
	enum plan_status s;

	ck_assert_str_eq(plan_status_key(PLAN_STARTED), "in-progress");
	ck_assert(plan_status_from_key("dropped", &s) && s == PLAN_DROPPED);
	ck_assert(!plan_status_from_key("finished", &s));
	ck_assert(plan_status_closed(PLAN_DONE) && plan_status_closed(PLAN_DROPPED));
	ck_assert(!plan_status_closed(PLAN_STARTED));
	ck_assert_str_eq(plan_outcome_key(PLAN_NO_EFFECT), "done-without-effect");
	ck_assert_str_eq(plan_outcome_text(PLAN_IMPROVED_ANYWAY), "improved without the action");
	ck_assert_str_eq(plan_progress_key(PLAN_APPROACHED), "approached");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, test_days);
	tcase_add_test(tc, test_targets);
	tcase_add_test(tc, test_suggest_order_and_limit);
	tcase_add_test(tc, test_suggest_stop_signs_beyond_limit);
	tcase_add_test(tc, test_suggest_covered);
	tcase_add_test(tc, test_suggest_nothing);
	tcase_add_test(tc, test_status_at);
	tcase_add_test(tc, test_in_loop);
	tcase_add_test(tc, test_four_ways);
	tcase_add_test(tc, test_overdue);
	tcase_add_test(tc, test_dropped);
	tcase_add_test(tc, test_two_items);
	tcase_add_test(tc, test_unknown_and_dont_know);
	tcase_add_test(tc, test_core1_action_core2_recheck);
	tcase_add_test(tc, test_keys);
	suite_add_tcase(s, tc);
	return tap_run_suite(s);
}
