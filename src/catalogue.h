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
#include <stddef.h>

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

/* How the items of an older version live on in a newer one.  Each pair
 * links one old item to one new item by key: a split is one old key in
 * several pairs, a merge one new key in several pairs, a rename a pair of
 * two different keys.  An item named in no pair maps to the item with the
 * same key on the other side, if there is one; an item named in a pair maps
 * only through its pairs.  Whatever maps to nothing is no longer asked
 * (old side) or newly asked (new side). */
struct cat_map_pair {
	const char *old_key;
	const char *new_key;
};

struct cat_mapping {
	const char *from_id;      /* the older catalogue: "core" */
	int from_version;         /* 1 */
	const struct cat_map_pair *pairs;
	int n_pairs;
};

struct catalogue {
	const char *id;           /* "core" */
	int version;              /* 1, 2 */
	const char *title;        /* N_() what users call it: "Social media
	                           * readiness check"; reports add the
	                           * version as "edition 2" */
	const struct cat_dimension *dims;
	int n_dims;
	const struct cat_item *items;
	int n_items;
	const struct cat_knockout *knockouts;
	int n_knockouts;
	const struct cat_mapping *mapping; /* from the version before; NULL if none */
};

/* The questionnaire new assessments use: the latest, core/2. */
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
/* An item's number as the screens show it, "2.3": its dimension's place
 * and its place within the dimension, both from 1; "?" for no item. */
void catalogue_item_label(const struct catalogue *cat, int item, char *buf, size_t bufsz);
/* The item a typed reference names: its number ("2.3") or its key
 * ("goals.purpose"), blanks around it ignored; -1 when none. */
int catalogue_item_lookup(const struct catalogue *cat, const char *ref);

/* Index of the knock-out tied to item, or -1. */
int catalogue_item_knockout(const struct catalogue *cat, int item);

/* Index of the knock-out with this key, or -1. */
int catalogue_knockout_index(const struct catalogue *cat, const char *key);

/* Untranslated msgid of knock-out k's first next step: its own first_step,
 * else its item's recommendation; NULL when k is out of range. */
const char *catalogue_knockout_first_step(const struct catalogue *cat, int k);

/* ---- mapping between two catalogues ---------------------------------------
 * Oriented from one catalogue to another, in either direction of a table:
 * from core/1 to core/2 reads the table forwards, from core/2 to core/1
 * backwards (where a split reads as a merge and the other way round). */
enum cat_map_kind {
	CAT_MAP_NONE = 0,         /* nothing on the other side */
	CAT_MAP_SAME,             /* one to one, same key */
	CAT_MAP_RENAMED,          /* one to one, another key */
	CAT_MAP_SPLIT,            /* one item became several; this is one of them */
	CAT_MAP_MERGED            /* several items became this one */
};
#define CAT_MAX_SOURCES 4        /* most items one item can be merged from */

struct cat_map {
	const struct catalogue *from, *to;
	const struct cat_mapping *table; /* NULL: none, or the same catalogue */
	bool reversed;            /* table->pairs read new_key -> old_key */
	bool known;               /* same catalogue, or a table links the two */
};

/* Sets up the mapping from from's items to to's; returns m->known.  When no
 * table links two different catalogues nothing maps (known is false): the
 * same key in an unrelated version is not taken to mean the same. */
bool catalogue_map_init(struct cat_map *m, const struct catalogue *from,
                        const struct catalogue *to);

/* The items of m->from behind item to_item of m->to, in from's order;
 * writes at most max indexes to out and returns how many there are. */
int catalogue_map_sources(const struct cat_map *m, int to_item, int *out, int max);

/* The items of m->to that item from_item of m->from lives on in. */
int catalogue_map_targets(const struct cat_map *m, int from_item, int *out, int max);

/* How to_item of m->to relates to its sources. */
enum cat_map_kind catalogue_map_kind(const struct cat_map *m, int to_item);

/* Stable key of a kind for JSON ("same", "renamed", "split", "merged",
 * "none") and an untranslated msgid to show it. */
const char *catalogue_map_kind_key(enum cat_map_kind kind);
const char *catalogue_map_kind_text(enum cat_map_kind kind);

/* Scale labels (untranslated msgids): value 0..4 or ANSWER_DONT_KNOW;
 * ANSWER_UNANSWERED gives "unanswered". */
const char *catalogue_scale_label(int value);

/* Whether value is something that may be stored as an answer:
 * ANSWER_DONT_KNOW or ANSWER_MIN..ANSWER_MAX. */
bool catalogue_value_valid(int value);

/* Untranslated msgid describing a criterion of the sources ("C1" is "a
 * clear reason to be on social media"), or NULL for an unknown id. */
const char *catalogue_criterion_name(const char *id);

/* Sorted, de-duplicated list of all criteria ids this catalogue covers;
 * returns the count written (at most max). */
int catalogue_criteria_covered(const struct catalogue *cat,
                               const char **out, int max);

#endif
