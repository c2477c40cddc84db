/*
 * catalogue.h - the built-in questionnaires: dimensions, items, answer scale
 * and knock-outs (stop signs).  Pure data and lookups; no I/O.
 *
 * Item and dimension keys are stable identifiers: they are what the store
 * keeps, so rewording or translating a question never orphans old answers.
 * All texts are English msgids marked N_(); callers translate with _().
 */
#ifndef SMREADY_CATALOGUE_H
#define SMREADY_CATALOGUE_H

#include <stdbool.h>

/* Answer values.  0..4 is the scale from "not at all" to "fully". */
enum {
	ANSWER_UNANSWERED = -2,
	ANSWER_DONT_KNOW = -1,
	ANSWER_MIN = 0,
	ANSWER_MAX = 4
};
#define SCALE_LEVELS 5      /* ANSWER_MIN..ANSWER_MAX */
#define CAT_MAX_ITEMS 64    /* upper bound for any catalogue version */
#define CAT_MAX_DIMS 12
#define CAT_MAX_KNOCKOUTS 16
#define CAT_MAX_CRITERIA 4
#define CAT_NO_CAUTION (-1)  /* cat_knockout.caution_max: no caution range */

struct cat_dimension {
	const char *key;          /* stable, e.g. "goals" */
	const char *name;         /* N_() */
	const char *description;  /* N_() one line */
};

struct cat_item {
	const char *key;          /* stable, e.g. "goals.purpose" */
	int dimension;            /* index into catalogue.dims */
	const char *question;     /* N_() higher answer = more ready */
	const char *help;         /* N_() what "ready" looks like */
	const char *recommendation; /* N_() next step when the answer is weak */
	int weight;               /* 1..3 */
	const char *criteria[CAT_MAX_CRITERIA]; /* "C1", "W1", ...; NULL-terminated */
};

/* A knock-out is what the screens, reports and the man page call a stop
 * sign: one of the cases in which the sources say "hands off social media
 * for now".  It fires when its item is answered at or below max_value, or
 * answered "don't know", and then caps the readiness level at "not ready"
 * whatever the score.  An answer just above that, up to caution_max, is a
 * caution: the case is half present, and the level is at most "early
 * stage".  The caution range is data, not a rule of a version, so core/1
 * (which has none) scores exactly as it always did. */
struct cat_knockout {
	const char *key;          /* stable, e.g. "no-goal"; matched across versions */
	int item;                 /* index into catalogue.items */
	int max_value;            /* fires when 0 <= value <= max_value */
	const char *name;         /* N_() short title */
	const char *reason;       /* N_() why this stops a company, in the sources' terms */
	int caution_max;          /* caution when max_value < value <= caution_max;
	                           * CAT_NO_CAUTION for none */
	const char *criteria[CAT_MAX_CRITERIA]; /* what it stands for: "W1", "C5";
	                           * NULL-terminated */
	const char *first_step;   /* N_() the first thing to do about it; NULL:
	                           * the item's recommendation */
};

struct catalogue {
	const char *id;           /* "core" */
	int version;              /* 1, 2 */
	const struct cat_dimension *dims;
	int n_dims;
	const struct cat_item *items;
	int n_items;
	const struct cat_knockout *knockouts;
	int n_knockouts;
};

/* The questionnaire new assessments use.  Still core/1: the switch to
 * core/2 comes together with the screens, reports and golden tests. */
const struct catalogue *catalogue_builtin(void);

/* The newest questionnaire this program knows (core/2). */
const struct catalogue *catalogue_latest(void);

/* The i-th questionnaire this program knows, oldest first; NULL past the
 * last, so "for (i = 0; (c = catalogue_at(i)); i++)" lists them all. */
const struct catalogue *catalogue_at(int i);

/* The catalogue with this id and version, or NULL when this program does not
 * know it (an assessment made with an older or newer smready). */
const struct catalogue *catalogue_find(const char *id, int version);

/* Index of the item or dimension with this key, or -1. */
int catalogue_item_index(const struct catalogue *cat, const char *key);
int catalogue_dim_index(const struct catalogue *cat, const char *key);

/* Index of the knock-out tied to item, or -1. */
int catalogue_item_knockout(const struct catalogue *cat, int item);

/* Index of the knock-out with this key, or -1. */
int catalogue_knockout_index(const struct catalogue *cat, const char *key);

/* Untranslated msgid of knock-out k's first next step: its own first_step,
 * else its item's recommendation; NULL when k is out of range. */
const char *catalogue_knockout_first_step(const struct catalogue *cat, int k);

/* Scale labels (untranslated msgids): value 0..4 or ANSWER_DONT_KNOW;
 * ANSWER_UNANSWERED gives "unanswered". */
const char *catalogue_scale_label(int value);

/* Whether value is something that may be stored as an answer:
 * ANSWER_DONT_KNOW or ANSWER_MIN..ANSWER_MAX. */
bool catalogue_value_valid(int value);

/* Sorted, de-duplicated list of all criteria ids this catalogue covers;
 * returns the count written (at most max). */
int catalogue_criteria_covered(const struct catalogue *cat,
                               const char **out, int max);

#endif
