/*
 * ui-portfolio-rows.h - the rows of the portfolio screen as it keeps them
 * between keystrokes: one compact record a company, its name and search
 * key in one arena, each sort order an index permutation made at load
 * (prows_orders(); on first use when memory ran short then) and kept until
 * the next load, and the search filter as the set of
 * rows it lets through, narrowed from the previous set when the search
 * text only grew.  No curses here, so the logic is unit tested
 * (tests/check_prows.c); the screen itself is ui-portfolio.c.
 */
#ifndef SMREADY_UI_PORTFOLIO_ROWS_H
#define SMREADY_UI_PORTFOLIO_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scoring.h"
#include "store.h"

enum prows_sort { PROWS_NAME, PROWS_SCORE, PROWS_CHANGE, PROWS_DUE, PROWS_ACTIONS, PROWS_SORTS };

/* One company of the portfolio: what the screen shows and sorts by. */
struct prow {
	long long id;
	long long last_at;        /* completed time of the latest final; 0: none */
	uint32_t name;            /* arena offset of the name */
	uint32_t key;             /* arena offset of the search key */
	int n_final, n_open, n_overdue;
	int last_overall, prev_overall;   /* -1 when none */
	int name_w;               /* display width of the name */
	int change;               /* last_overall - prev_overall; 0 when not known */
	long long due_at;         /* last_at where it counts for needs.oldest; else 0 */
	unsigned char needs;      /* its PROWS_N_* flags */
	signed char last_level;   /* -1 when none */
	bool archived;
	bool draft;               /* an open draft */
	bool held;                /* held below its score's level (verdict) */
};

/* What a row adds to the needs' flags: its level (bit 0-3), and: */
enum {
	PROWS_N_HELD = 1 << LEVEL_COUNT, PROWS_N_ARCHIVED = PROWS_N_HELD << 1,
	PROWS_N_DRAFT = PROWS_N_HELD << 2, PROWS_N_NEVER = PROWS_N_HELD << 3
};

/* What the columns need to hold over a set of rows, so that a frame does
 * not walk every row. */
struct prows_needs {
	bool level[LEVEL_COUNT], held, archived, draft;
	bool never;               /* an active company never assessed, no draft */
	long long oldest;         /* oldest last final of the other active ones; 0: none */
	int lo, hi;               /* smallest and largest known change (0 in) */
	int max_open, max_overdue;
	int name_w;               /* the widest name */
};

struct prows {
	struct prow *rows;        /* in the store's (name) order */
	size_t n, cap;
	char *arena;
	size_t used, size;
	uint32_t *order[PROWS_SORTS];  /* made at load; NULL: not yet */
	struct prows_needs all;   /* over every row */
	unsigned all_flags;       /* its flags (PROWS_N_*) so far */
	char *filter;             /* the folded filter; NULL: none */
	uint32_t *match;          /* the rows it lets through, in name order */
	size_t n_match;
	unsigned char *hit;       /* per row: 1 when in match */
	struct prows_needs match_needs;
	uint32_t *view_buf;       /* a filtered view in another order than by name */
};

/* Measures a name that is not printable ASCII (as the screen shows it). */
typedef int (*prows_width_fn)(const char *s, void *ctx);

void prows_init(struct prows *p);
void prows_free(struct prows *p);
/* Appends r (rows come in name order); false when out of memory. */
bool prows_add(struct prows *p, const struct portfolio_row *r, prows_width_fn width, void *ctx);
/* Makes every sort order now (after the last prows_add), so that a sort
 * key costs nothing; one not made for want of memory is made when first
 * asked for. */
void prows_orders(struct prows *p);

static inline const char *prows_name(const struct prows *p, const struct prow *r)
{
	return p->arena + r->name;
}

/* Sets the filter from the typed text (NULL or "": none).  False when out
 * of memory; the filter is then none. */
bool prows_set_filter(struct prows *p, const char *typed);
bool prows_filtered(const struct prows *p);

/* The rows the filter lets through in the order of sort, as indices into
 * rows; *needs: what the columns need over them.  False when out of
 * memory. */
bool prows_view(struct prows *p, enum prows_sort sort, const uint32_t **view, size_t *n,
                const struct prows_needs **needs);

#endif
