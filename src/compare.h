/*
 * compare.h - what changed between two assessments of one company, and
 * which answers a re-check carries over from the last assessment.
 * Pure functions over fixed-size structs: no allocation, no I/O.
 *
 * Items are matched through the catalogues' mapping (catalogue.h): within
 * one questionnaire version by key; between core/1 and core/2 by the
 * table in core/2, read in either direction.  A new item compares with the
 * old item it maps from; an item split into several compares each new one
 * with the old one; an item merged from several compares with the lowest
 * answered value of its sources ("don't know" lowest of all), because the
 * merged question holds only as far as its weakest part.  What maps to
 * nothing is listed as newly asked or no longer asked.  Two versions that
 * no table links are listed side by side by key but not compared
 * (NC_VERSION).  Nothing is ever dropped: what cannot be compared is listed
 * with the reason.  Scores and levels on each side are their own version's;
 * dimensions match by key, knock-outs (stop signs) by key.
 *
 * "Don't know" to "don't know" is unchanged.
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
	NC_VERSION,               /* versions differ and no table maps them */
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
	const char *key;          /* item key: the new side's, else the old side's */
	const char *old_key;      /* key of old_item; NULL when nothing maps */
	int old_item, new_item;   /* indexes in each catalogue, -1 if absent; for a
	                           * merged item, the source old_value came from */
	int old_value, new_value; /* ANSWER_* or 0..4; old_value of a merged item
	                           * is the lowest answered value of its sources */
	int delta;                /* new - old when comparable, else 0 */
	enum change change;
	enum not_comparable_reason reason;
	enum cat_map_kind map;    /* how the old side maps onto this item;
	                           * CAT_MAP_NONE also for NC_VERSION, where the
	                           * key only lines the two up */
	int n_old;                /* old items behind it: 1, more when merged */
	int old_items[CAT_MAX_SOURCES]; /* their indexes, in the old order */
};

struct dim_change {
	const char *key;
	int old_dim, new_dim;     /* indexes, -1 if absent */
	int old_score, new_score; /* SCORE_NONE possible */
	int delta;                /* new - old, 0 if either is SCORE_NONE */
	bool comparable;
};

/* A knock-out is what the screens call a stop sign. */
struct knockout_change {
	const char *key;
	int old_ko, new_ko;       /* indexes in each catalogue, -1 if absent */
	bool was_fired, is_fired;
	bool was_caution, is_caution; /* held as a caution on that side */
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

/* The answers a re-check made with catalogue to starts with, carried from
 * an assessment made with catalogue from (values in from's order, with
 * ANSWER_UNANSWERED for what was not answered).  to_values[i] gets the
 * value of the item new item i maps from, the lowest answered one for a
 * merged item, and ANSWER_UNANSWERED when nothing maps or nothing that maps
 * was answered; every carried value is meant to be confirmed.  Within one
 * version this copies the answers.  Two versions no table links carry
 * nothing.  note_from (may be NULL) gets, per new item, the index in from
 * of the item whose note travels with the answer: the source the value came
 * from, the first source when none was answered, -1 when nothing maps.  A
 * merged item's sources may each hold a note; join all of them, in source
 * order (catalogue_map_sources), since each explains part of the answer.
 * Both arrays need room for to->n_items entries.  Returns how many items
 * got a value. */
int compare_carry(const struct catalogue *from, const int *from_values,
                  const struct catalogue *to, int *to_values, int *note_from);

/* Untranslated msgid describing a reason, e.g. "questionnaire changed". */
const char *compare_reason_text(enum not_comparable_reason reason);

/* Stable key of a change for JSON ("improved", "now-known", ...) and an
 * untranslated msgid naming it ("improved", "now known", ...). */
const char *compare_change_key(enum change change);
const char *compare_change_text(enum change change);

#endif
