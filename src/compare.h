/*
 * compare.h - what changed between two assessments of one company.
 * Pure functions over fixed-size structs: no allocation, no I/O.
 *
 * Items are matched by key, dimensions by key.  An item is compared only
 * when both assessments used the same questionnaire id and version and both
 * sides hold a value; everything else is listed as not comparable with the
 * reason, never dropped.  "Don't know" to "don't know" is unchanged.
 * "Don't know" to a value is a change of its own, CHANGE_NOW_KNOWN ("now
 * known: 2"): the company found out, which is news, but the scale cannot
 * say whether 2 is better than not knowing.  The other way round, a value
 * to "don't know", is CHANGE_NO_LONGER_KNOWN for the same reason.  Both
 * have delta 0 and a count of their own.
 */
#ifndef SMREADY_COMPARE_H
#define SMREADY_COMPARE_H

#include "catalogue.h"
#include "scoring.h"

enum change {
	CHANGE_UNCHANGED = 0,
	CHANGE_IMPROVED,
	CHANGE_WORSE,
	CHANGE_NOT_COMPARABLE,
	CHANGE_NOW_KNOWN,         /* "don't know" before, a value now */
	CHANGE_NO_LONGER_KNOWN    /* a value before, "don't know" now */
};
#define CHANGE_COUNT (CHANGE_NO_LONGER_KNOWN + 1)

enum not_comparable_reason {
	NC_NONE = 0,
	NC_VERSION,               /* questionnaire version differs */
	NC_ONLY_OLD,              /* item exists only in the old questionnaire */
	NC_ONLY_NEW,              /* item exists only in the new questionnaire */
	NC_UNANSWERED_OLD,
	NC_UNANSWERED_NEW,
	NC_UNANSWERED_BOTH,
	NC_DONT_KNOW              /* no longer set: "don't know" on one side
	                           * is CHANGE_NOW_KNOWN or _NO_LONGER_KNOWN;
	                           * kept so existing callers compile */
};

struct item_change {
	const char *key;          /* item key */
	int old_item, new_item;   /* indexes in each catalogue, -1 if absent */
	int old_value, new_value; /* ANSWER_* or 0..4 */
	int delta;                /* new - old when comparable, else 0 */
	enum change change;
	enum not_comparable_reason reason;
};

struct dim_change {
	const char *key;
	int old_dim, new_dim;     /* indexes, -1 if absent */
	int old_score, new_score; /* SCORE_NONE possible */
	int delta;                /* new - old, 0 if either is SCORE_NONE */
	bool comparable;
};

struct knockout_change {
	const char *key;
	int old_ko, new_ko;       /* indexes in each catalogue, -1 if absent */
	bool was_fired, is_fired;
};

struct comparison {
	const struct score *old_score, *new_score;
	bool same_version;
	int overall_old, overall_new, overall_delta;
	bool overall_comparable;
	enum level level_old, level_new;
	int level_delta;          /* level_new - level_old; 0 if either unknown */
	int n_items;
	struct item_change items[2 * CAT_MAX_ITEMS];
	int n_dims;
	struct dim_change dims[2 * CAT_MAX_DIMS];
	int n_knockouts;
	struct knockout_change knockouts[2 * CAT_MAX_KNOCKOUTS];
	int improved, worse, unchanged, not_comparable;
	int now_known, no_longer_known;
	int ko_resolved, ko_new;
};

/* Compares two scored assessments; old_values and new_values follow the
 * order of old->cat and new->cat.  Items follow the new catalogue's order,
 * then items only in the old one. */
void compare_scores(const struct score *old, const int *old_values,
                    const struct score *new, const int *new_values,
                    struct comparison *out);

/* Untranslated msgid describing a reason, e.g. "questionnaire changed". */
const char *compare_reason_text(enum not_comparable_reason reason);

/* Stable key of a change for JSON ("improved", "now-known", ...) and an
 * untranslated msgid naming it ("improved", "now known", ...). */
const char *compare_change_key(enum change change);
const char *compare_change_text(enum change change);

#endif
