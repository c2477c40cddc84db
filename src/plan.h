/*
 * plan.h - the action plan as the readiness model sees it: which actions a
 * result suggests and what answer each aims for, which actions a re-check
 * closes the loop on, and how each of them turned out.  Pure functions over
 * fixed-size structs: no allocation, no I/O.  The store keeps the actions
 * (store.h); this module only judges them.
 *
 * The suggested plan (plan_suggest).  From a scored result, in this order:
 *  1. every item whose stop sign fired, in stop-sign order; these are never
 *     left out, even when there are more of them than the limit, since a
 *     plan without one of them leaves the company "not ready" whatever
 *     else it does;
 *  2. the items whose stop sign holds as a caution, in stop-sign order;
 *  3. the other weak items by their weighted gain, the points the item can
 *     still add: weight x (4 - answer), "don't know" counting as 0; on a
 *     tie the questionnaire's order.
 * Steps 2 and 3 fill the plan up to the limit (PLAN_DEFAULT_LIMIT unless
 * the caller says otherwise); this is the order of the recommendations
 * (scoring.h).  Items an open action aims at already are left out and do
 * not count.  Each suggestion aims for plan_target(): "largely" (3), or
 * the first answer above the stop sign's caution range if that is higher.
 *
 * The loop (plan_in_loop, plan_classify).  When a re-check R is finished
 * and compared with the final assessment P before it, an action is judged
 * when it aims at one item or more (an action without items has nothing
 * that could move, so it is never judged), was created before R was
 * finished (not in the same second, nor suggested by R itself: that is
 * the plan for the next re-check), and was not done or dropped before P
 * was finished (a change in the second P was finished counts as after it;
 * an action
 * is judged at the first re-check after it was settled, and at every
 * re-check while it stays open).  Its status is the one it had when R was
 * finished, read from the dated status changes.
 *
 * Each of its items is read in P and in R through the questionnaires'
 * mapping (catalogue.h), so an action on a core/1 item is judged against a
 * core/2 re-check: an item that lives on in several (a split) reads as the
 * lowest answered of them, as a merged item does in a comparison.  On the
 * scale 0..4, "don't know" counts as 0 (it earns nothing).  An item
 *  - reached its target when its answer in R is at least the target and
 *    not lower than in P (or it was not asked or answered in P);
 *  - approached it when its answer in R is higher than in P;
 *  - did not move otherwise: the same, lower, or unanswered or not asked
 *    in R (then nothing can be told, and nothing counts as moved).
 * The action moved when at least one of its items reached or approached
 * its target; when some did and others did not, it still moved, and the
 * result says how many of its items did (n_moved of n_items).  Then:
 *  - done, and it moved: worked;
 *  - done, and it did not move: done without effect (look again);
 *  - not done (open, in progress or dropped), and it moved: improved
 *    without the action;
 *  - not done, and it did not move: still open; overdue when its due date
 *    is before the day R was finished and it was not dropped.
 * A dropped action counts as not done: it shows whether its items moved
 * all the same, and is never overdue.
 */
#ifndef SMREADY_PLAN_H
#define SMREADY_PLAN_H

#include <stdbool.h>

#include "catalogue.h"
#include "scoring.h"

#define PLAN_DEFAULT_LIMIT 5
#define PLAN_MAX_ITEMS 8          /* items one action may aim at */

enum plan_status {
	PLAN_OPEN = 0,
	PLAN_STARTED,             /* in progress */
	PLAN_DONE,
	PLAN_DROPPED
};
#define PLAN_STATUS_COUNT 4

/* Stable key for the store's users and JSON ("open", "in-progress",
 * "done", "dropped"), and an untranslated msgid to show it. */
const char *plan_status_key(enum plan_status s);
const char *plan_status_text(enum plan_status s);
/* The status with this key; false when there is none. */
bool plan_status_from_key(const char *key, enum plan_status *out);
/* Done or dropped. */
bool plan_status_closed(enum plan_status s);

/* ---- the suggested plan ------------------------------------------------------ */

struct plan_suggestion {
	int item;                 /* index into the score's catalogue */
	int target;               /* the answer it aims for */
	bool stop_sign;           /* the item's stop sign fired */
	bool caution;             /* it holds as a caution */
	int gain;                 /* weight x gap: points the item can still add */
	const char *title;        /* untranslated msgid: the stop sign's first
	                           * step, else the item's recommendation */
};

/* The answer an action on item of cat aims for by default. */
int plan_target(const struct catalogue *cat, int item);

/* The suggested plan of a result into out (at most max); covered (may be
 * NULL) marks by item index what open actions aim at already.  Returns
 * how many were written. */
int plan_suggest(const struct score *sc, const bool *covered, int limit,
                 struct plan_suggestion *out, int max);

/* ---- the loop ---------------------------------------------------------------- */

enum plan_outcome {
	PLAN_WORKED = 0,
	PLAN_NO_EFFECT,           /* done without effect */
	PLAN_IMPROVED_ANYWAY,     /* improved without the action */
	PLAN_STILL_OPEN
};
#define PLAN_OUTCOME_COUNT 4

/* "worked", "done-without-effect", "improved-without-action",
 * "still-open"; and an untranslated msgid naming the group. */
const char *plan_outcome_key(enum plan_outcome o);
const char *plan_outcome_text(enum plan_outcome o);

enum plan_progress {
	PLAN_REACHED = 0,
	PLAN_APPROACHED,
	PLAN_SAME,
	PLAN_WORSE,
	PLAN_UNKNOWN              /* unanswered or not asked in the re-check */
};
/* "reached", "approached", "same", "worse", "unknown". */
const char *plan_progress_key(enum plan_progress p);

struct plan_aim {
	const char *key;          /* item key in the action's questionnaire */
	int target;               /* 0..4 */
};

struct plan_event {
	long long at;             /* when the status changed (Unix seconds) */
	enum plan_status status;  /* to what */
};

struct plan_action {
	const struct catalogue *cat;  /* what its keys mean; NULL: unknown */
	const struct plan_aim *items;
	int n_items;
	const struct plan_event *events; /* oldest first */
	int n_events;
	long long created;
	const char *due;          /* "YYYY-MM-DD", "" or NULL: none */
};

/* The status an action had at time t: that of its last change at or
 * before t, open when there is none. */
enum plan_status plan_status_at(const struct plan_event *ev, int n, long long t);

/* Whether a re-check finished at time at, compared with the final
 * assessment finished at since, judges action a (see above). */
bool plan_in_loop(const struct plan_action *a, long long since, long long at);

struct plan_item_result {
	const char *key;          /* the action's key */
	int before, after;        /* ANSWER_* or 0..4 as read in P and R */
	int target;
	enum plan_progress progress;
};

struct plan_result {
	enum plan_outcome outcome;
	enum plan_status status;  /* when the re-check was finished */
	bool overdue;
	int n_items, n_moved;
	struct plan_item_result items[PLAN_MAX_ITEMS];
};

/* Judges a at the re-check with answers after (in after_cat's order),
 * finished at time at on the local day day ("YYYY-MM-DD"), compared with
 * the assessment with answers before (before_cat; may be NULL with before
 * NULL when there is none). */
void plan_classify(const struct plan_action *a, const struct catalogue *before_cat,
                   const int *before, const struct catalogue *after_cat, const int *after,
                   long long at, const char *day, struct plan_result *out);

/* The answer to item key of cat as the assessment with values (in
 * other's order) gives it, through the mapping from cat to other: the
 * lowest answered of the items it lives on in ("don't know" lowest),
 * ANSWER_UNANSWERED when none is answered or nothing maps. */
int plan_value(const struct catalogue *cat, const char *key, const struct catalogue *other,
               const int *values);

#endif
