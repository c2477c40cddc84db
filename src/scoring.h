/*
 * scoring.h - turns one assessment's answers into dimension scores, an
 * overall score, a readiness level, knock-outs (stop signs), cautions and
 * ordered recommendations.
 * Pure functions over fixed-size structs: no allocation, no I/O.
 *
 * Rules (documented for users in the SCORING section of smready(1)):
 *  - an answer v in 0..4 earns v/4 of its item's weight;
 *  - "don't know" earns nothing (not knowing is not being ready) but counts
 *    as answered; it is kept apart from "not at all" in the data;
 *  - unanswered items are left out of every score; completeness says how
 *    much was answered;
 *  - scores are whole numbers 0..100, rounded half up; SCORE_NONE when
 *    nothing in that part was answered;
 *  - the band is the level of the overall score alone; the level starts
 *    from the band, any fired knock-out (stop sign) caps it at
 *    LEVEL_NOT_READY, and any caution caps it at LEVEL_EARLY;
 *  - a screen says "Not ready: 2 stop signs; by score alone: Ready" from
 *    level, n_fired and band: the band is always there to show how close
 *    the rest of the answers are.
 */
#ifndef SMREADY_SCORING_H
#define SMREADY_SCORING_H

#include <stdbool.h>
#include "catalogue.h"

#define SCORE_NONE (-1)

enum level {
	LEVEL_UNKNOWN = -1,       /* nothing answered */
	LEVEL_NOT_READY = 0,
	LEVEL_EARLY,
	LEVEL_NEARLY,
	LEVEL_READY,
	LEVEL_COUNT
};

/* Lowest overall score of each level's band (LEVEL_NOT_READY starts at 0). */
int scoring_level_floor(enum level level);
/* The level an overall score gives by itself (LEVEL_UNKNOWN for
 * SCORE_NONE): what "by score alone" shows. */
enum level scoring_band(int score);
/* Untranslated msgid of a level's name, e.g. "Not ready". */
const char *scoring_level_name(enum level level);
/* Stable key of a level for JSON and the store, e.g. "not-ready". */
const char *scoring_level_key(enum level level);
/* Level for a key, LEVEL_UNKNOWN when not known. */
enum level scoring_level_from_key(const char *key);

/* An answer is weak (and earns a recommendation) when it is "don't know" or
 * at most this value. */
#define SCORING_WEAK_MAX 2

/* Recommendations come in this order: items whose knock-out fired, in
 * knock-out order; then items whose knock-out holds as a caution, in
 * knock-out order; then the larger weight * gap; then catalogue order. */
struct recommendation {
	int item;                 /* index into catalogue.items */
	int gap;                  /* ANSWER_MAX - value; ANSWER_MAX for don't know */
	bool knockout;            /* the item's knock-out fired */
	bool dont_know;           /* the answer was "don't know" */
	bool caution;             /* the item's knock-out holds as a caution */
};

struct score {
	const struct catalogue *cat;
	int overall;              /* 0..100 or SCORE_NONE */
	int dim[CAT_MAX_DIMS];    /* 0..100 or SCORE_NONE, by dimension index */
	int dim_answered[CAT_MAX_DIMS];
	int dim_total[CAT_MAX_DIMS];
	enum level level;         /* after knock-outs and cautions */
	enum level band;          /* from the overall score alone ("by score alone") */
	int answered;             /* items with a value or "don't know" */
	int dont_know;
	int total;                /* items in the catalogue */
	int completeness;         /* answered * 100 / total, rounded down */
	bool fired[CAT_MAX_KNOCKOUTS]; /* by knock-out index */
	int n_fired;
	bool caution[CAT_MAX_KNOCKOUTS]; /* by knock-out index; never with fired */
	int n_cautions;
	int n_recs;
	struct recommendation recs[CAT_MAX_ITEMS]; /* most important first */
};

/* Scores values[0..cat->n_items-1] (ANSWER_* or 0..4) into *out. */
void scoring_compute(const struct catalogue *cat, const int *values,
                     struct score *out);

#endif
