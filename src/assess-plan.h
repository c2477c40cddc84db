/*
 * assess-plan.h - the action plan between the store and the model: the
 * suggested plan of a loaded result (leaving out what open actions cover),
 * turning a suggestion into an action, and the loop of a re-check, every
 * action it judges with its outcome (plan.h has the rules).  Used by the
 * command line, the screens and the reports alike; prints nothing.
 */
#ifndef SMREADY_ASSESS_PLAN_H
#define SMREADY_ASSESS_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "assess.h"
#include "plan.h"
#include "store.h"

/* The suggested plan of s (a final assessment): what plan_suggest()
 * gives, without the items the company's open actions aim at already.
 * Returns how many were written to out (at most max), -1 on a store
 * error (message in store_error()). */
int assess_plan_suggest(struct store *st, const struct scored *s, int limit,
                        struct plan_suggestion *out, int max);

/* Adds suggestion p of s as an action of s's company with s as its
 * origin: its item and target, and title (NULL: the suggestion's own,
 * translated now; then the user's to change); owner and due
 * ("YYYY-MM-DD" or "") may be NULL. */
enum store_err assess_plan_accept(struct store *st, const struct scored *s,
                                  const struct plan_suggestion *p, const char *title,
                                  const char *owner, const char *due, long long *id);

/* One judged action. */
struct plan_judged {
	const struct action *a;   /* in loop.actions */
	struct plan_result r;
};

/* The loop of a re-check r compared with the final assessment p before
 * it.  Empty (n 0, have false) when r is not final, there is no p, or
 * either questionnaire is unknown. */
struct plan_loop {
	bool have;                /* r is a finished re-check with a p */
	long long before_id, after_id;
	struct action *actions;   /* the company's, owned */
	size_t n_actions;
	struct plan_judged *judged;   /* by outcome, then number */
	size_t n;
	int count[PLAN_OUTCOME_COUNT];
};

/* The loop of r against p (both loaded; p may be NULL: then none). */
enum store_err assess_plan_loop(struct store *st, const struct scored *p,
                                const struct scored *r, struct plan_loop *out);
/* The loop of r against the final assessment finished before it. */
enum store_err assess_plan_loop_of(struct store *st, const struct scored *r,
                                   struct plan_loop *out);
void assess_plan_loop_clear(struct plan_loop *l);

/* The id of the final assessment before a (by completion), 0 if none. */
enum store_err assess_previous_final(struct store *st, const struct assessment *a,
                                     long long *id);

/* The plan's view of a stored action (for plan_in_loop(), plan_classify()):
 * aims and events point into the arrays given, which need room for
 * a->n_items (at most PLAN_MAX_ITEMS) and a->n_changes entries. */
void assess_plan_action(const struct action *a, struct plan_aim *aims,
                        struct plan_event *events, struct plan_action *out);

/* The local day of the store's clock, "YYYY-MM-DD", into buf. */
char *assess_today(struct store *st, char *buf, size_t bufsz);

#endif
