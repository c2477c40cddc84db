/*
 * assess.h - the operations both faces (command line and UI) perform on an
 * assessment: load it with its questionnaire and score it, start one (empty
 * or as a re-check of the previous final one), finish it, compare two, and
 * add the sample data.  Glue between the store and the readiness model; it
 * prints nothing.
 */
#ifndef SMREADY_ASSESS_H
#define SMREADY_ASSESS_H

#include "catalogue.h"
#include "compare.h"
#include "scoring.h"
#include "store.h"

/* An assessment loaded with its answers, in its catalogue's item order. */
struct scored {
	struct assessment a;
	const struct catalogue *cat;   /* NULL when this smready does not know it */
	int values[CAT_MAX_ITEMS];
	char *notes[CAT_MAX_ITEMS];    /* "" when none */
	long long changed[CAT_MAX_ITEMS];
	bool carried[CAT_MAX_ITEMS];
	char *who[CAT_MAX_ITEMS];      /* who changed it last; NULL or "" when not known */
	int n_unknown_keys;            /* stored answers whose key the catalogue lacks */
	struct score score;
};

/* Loads and scores assessment id.  STORE_INVALID (with a message in
 * store_error()) when its questionnaire is unknown to this program. */
enum store_err assess_load(struct store *st, long long id, struct scored *out);
void assess_clear(struct scored *s);

/* Resolves a user's reference to an assessment: a decimal id, a UUID, or a
 * company name/UUID meaning that company's latest final assessment (or its
 * draft when it has no final one). */
enum store_err assess_resolve(struct store *st, const char *ref, long long *id);

/* Resolves a reference to one of company c's assessments: its number
 * within the company ("3", as the history lists it) or its UUID.
 * STORE_NOT_FOUND, with a message naming the company, otherwise. */
enum store_err assess_resolve_in(struct store *st, const struct company *c, const char *ref,
                                 long long *id);

/* Starts a draft for company with the built-in questionnaire.  When
 * from_previous is true and the company has a final assessment, its answers
 * are carried over to be confirmed or changed.  Returns the open draft
 * instead when one exists already (*resumed set true). */
enum store_err assess_start(struct store *st, long long company_id, bool from_previous,
                            const char *assessor, long long *id, bool *resumed);

/* Discards a draft with its answers (a draft that was final once is
 * refused: finish it again); *answers (may be NULL) gets how many it held. */
enum store_err assess_discard(struct store *st, long long id, int *answers);
/* Whether assessment id is a draft in which nothing was given yet (no
 * answer or note typed or confirmed, no summary). */
enum store_err assess_untouched(struct store *st, long long id, bool *untouched);

/* Scores a draft and marks it final.  With seen (the draft as the user
 * was shown it, assess_load()ed), only when the stored answers are still
 * those: else STORE_CHANGED, with a message, and nothing is changed.  The
 * check and the finish are one write transaction, so no answer can come
 * in between. */
enum store_err assess_finish(struct store *st, long long id, const struct scored *seen);

/* What differs in one item between two loads of an assessment (or'ed):
 * its value, its note, a carried answer confirmed or carried again. */
enum {
	ASSESS_CHANGED_VALUE = 1 << 0,
	ASSESS_CHANGED_NOTE = 1 << 1,
	ASSESS_CHANGED_CARRIED = 1 << 2
};
/* The changes of item i from was to now (both of one questionnaire);
 * 0 when it is the same. */
unsigned assess_item_changes(const struct scored *was, const struct scored *now, int i);
/* How many items differ between was and now; every one when they are of
 * different questionnaires. */
int assess_changes(const struct scored *was, const struct scored *now);

/* Two assessments of one company, loaded, scored and compared. */
struct compared {
	struct scored old, new;
	struct comparison cmp;
};
/* Compares from_id with to_id, in either order: out->old is always the
 * older of the two (by completion time, a draft by its start time, then
 * id).  When both are 0, the latest final assessment with the one before.  STORE_NOT_FOUND with a message when the company has
 * fewer than two final assessments; STORE_INVALID when the two belong to
 * different companies. */
enum store_err assess_compare(struct store *st, long long company_id,
                              long long from_id, long long to_id, struct compared *out);
void assess_compared_clear(struct compared *c);

/* Adds the sample companies with their quarterly histories, once;
 * *added gets how many companies were added (0 when they exist already). */
enum store_err assess_demo(struct store *st, int *added);

#endif
