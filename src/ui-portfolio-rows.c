/*
 * ui-portfolio-rows.c - the portfolio's rows between keystrokes (see
 * ui-portfolio-rows.h).  A load costs one pass over the store's rows; a
 * sort, a typed character and Esc then cost at most one pass over the
 * kept indices, and nothing is folded, measured or sorted again.
 */
#include "config.h"

#include "ui-portfolio-rows.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "verdict.h"

void prows_init(struct prows *p)
{
	memset(p, 0, sizeof *p);
}

static void prows_drop_orders(struct prows *p)
{
	for (int i = 0; i < PROWS_SORTS; i++) {
		free(p->order[i]);
		p->order[i] = NULL;
	}
}

void prows_free(struct prows *p)
{
	prows_drop_orders(p);
	free(p->rows);
	free(p->arena);
	free(p->filter);
	free(p->match);
	free(p->hit);
	free(p->view_buf);
	prows_init(p);
}

/* ---- loading ------------------------------------------------------------- */

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

/* Room for len more bytes in the arena; NULL when out of memory. */
static char *arena_room(struct prows *p, size_t len)
{
	if (p->size - p->used < len) {
		size_t want = p->size ? p->size : 4096;
		char *more;

		while (want - p->used < len)
			want *= 2;
		if (want > UINT32_MAX || !(more = realloc(p->arena, want)))
			return NULL;
		p->arena = more;
		p->size = want;
	}
	return p->arena + p->used;
}

/* Appends s folded as text_fold() folds it, and a line break; for
 * printable ASCII without utf8proc (that is text_fold there: spaces run
 * together and trimmed, A-Z lowered, and text_fold_alt is the same), else
 * the line of text_fold and, when it differs, the one of text_fold_alt. */
static bool arena_fold(struct prows *p, const char *s)
{
	size_t len = strlen(s), o;
	char *out;

	if (printable_ascii(s)) {
		bool space = false;

		if (!(out = arena_room(p, len + 1)))
			return false;
		o = 0;
		for (; *s; s++) {
			if (*s == ' ') {
				space = o > 0;
				continue;
			}
			if (space)
				out[o++] = ' ';
			space = false;
			out[o++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		}
		out[o++] = '\n';
		p->used += o;
		return true;
	}
	{
		char *a = text_fold(s), *b = a ? text_fold_alt(s) : NULL;
		size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
		bool same = b && strcmp(a, b) == 0, ok = false;

		if (b && (out = arena_room(p, la + 1 + (same ? 0 : lb + 1)))) {
			memcpy(out, a, la);
			out[la] = '\n';
			if (!same) {
				memcpy(out + la + 1, b, lb);
				out[la + 1 + lb] = '\n';
			}
			p->used += la + 1 + (same ? 0 : lb + 1);
			ok = true;
		}
		free(a);
		free(b);
		return ok;
	}
}

/* What r adds to what the columns must hold (as the screen counted it per
 * row): worked out once a load, so that adding is a few comparisons. */
static void row_needs(struct prow *r)
{
	bool known = r->last_overall >= 0 && r->prev_overall >= 0;

	r->needs = 0;
	if (r->last_level >= LEVEL_NOT_READY && r->last_level < LEVEL_COUNT)
		r->needs |= (unsigned char)(1u << r->last_level);
	if (r->held)
		r->needs |= PROWS_N_HELD;
	if (r->archived)
		r->needs |= PROWS_N_ARCHIVED;
	if (!r->archived && r->draft)
		r->needs |= PROWS_N_DRAFT;
	/* 0 leaves the smallest and largest change (both from 0) as they are */
	r->change = known ? r->last_overall - r->prev_overall : 0;
	r->due_at = 0;
	if (!r->draft && !r->archived) {
		if (r->last_at == 0)
			r->needs |= PROWS_N_NEVER;
		else
			r->due_at = r->last_at;
	}
}

/* Adds r to the needs v of a set of rows, whose flags so far are *flags. */
static void needs_add(struct prows_needs *v, unsigned *flags, const struct prow *r)
{
	*flags |= r->needs;
	if (r->change < v->lo)
		v->lo = r->change;
	if (r->change > v->hi)
		v->hi = r->change;
	if (r->n_open > v->max_open)
		v->max_open = r->n_open;
	if (r->n_overdue > v->max_overdue)
		v->max_overdue = r->n_overdue;
	if (r->due_at && (!v->oldest || r->due_at < v->oldest))
		v->oldest = r->due_at;
	if (r->name_w > v->name_w)
		v->name_w = r->name_w;
}

/* The flags added up, as the screen reads them. */
static void needs_done(struct prows_needs *v, unsigned flags)
{
	for (int lv = LEVEL_NOT_READY; lv < LEVEL_COUNT; lv++)
		v->level[lv] = (flags >> lv) & 1;
	v->held = flags & PROWS_N_HELD;
	v->archived = flags & PROWS_N_ARCHIVED;
	v->draft = flags & PROWS_N_DRAFT;
	v->never = flags & PROWS_N_NEVER;
}

bool prows_add(struct prows *p, const struct portfolio_row *in, prows_width_fn width, void *ctx)
{
	const char *name = in->company.name ? in->company.name : "";
	const char *ind = in->company.industry ? in->company.industry : "";
	size_t len = strlen(name), mark = p->used;
	struct prow *r;
	char *at;

	if (p->n == p->cap) {
		size_t want = p->cap ? p->cap * 2 : 64;
		struct prow *more = realloc(p->rows, want * sizeof *more);

		if (!more)
			return false;
		p->rows = more;
		p->cap = want;
	}
	r = &p->rows[p->n];
	memset(r, 0, sizeof *r);
	if (!(at = arena_room(p, len + 1)))
		return false;
	memcpy(at, name, len + 1);
	r->name = (uint32_t)p->used;
	p->used += len + 1;
	r->key = (uint32_t)p->used;
	/* the key: the name's lines, then the industry's, one string */
	if (!arena_fold(p, name) || !arena_fold(p, ind) || !(at = arena_room(p, 1))) {
		p->used = mark;
		return false;
	}
	*at = '\0';
	p->used++;
	r->id = in->company.id;
	r->last_at = in->last_at;
	r->n_final = in->n_final;
	r->n_open = in->n_open;
	r->n_overdue = in->n_overdue;
	r->last_overall = in->last_overall;
	r->prev_overall = in->prev_overall;
	r->last_level = (signed char)(in->last_level >= -1 && in->last_level < LEVEL_COUNT
	                              ? in->last_level : -1);
	r->archived = in->company.archived;
	r->draft = in->draft_id != 0;
	r->held = verdict_held_back(in->last_level, in->last_overall);
	r->name_w = printable_ascii(name) ? (int)len : width(name, ctx);
	row_needs(r);
	needs_add(&p->all, &p->all_flags, r);
	p->n++;
	return true;
}

/* ---- orders -------------------------------------------------------------- */

/* v descending as an ascending unsigned key. */
static uint64_t desc(int v)
{
	return (uint64_t)((long long)INT_MAX - v);
}

/* A row's sort keys, major and minor; ties go by the row's place (name). */
static void sort_keys(const struct prow *r, enum prows_sort s, uint64_t *k1, uint64_t *k2)
{
	bool known = r->last_overall >= 0 && r->prev_overall >= 0;

	/* r->change is 0 when not known (row_needs()) */
	switch (s) {
	case PROWS_SCORE:             /* the best first, none (-1) last */
		*k1 = desc(r->last_overall);
		*k2 = 0;
		break;
	case PROWS_CHANGE:            /* known first, the largest rise first */
		*k1 = known ? 0 : 1;
		*k2 = desc(r->change);
		break;
	case PROWS_DUE:               /* open drafts, then the oldest last final */
		*k1 = r->draft ? 0 : 1;
		*k2 = (uint64_t)r->last_at ^ (UINT64_C(1) << 63);
		break;
	case PROWS_ACTIONS:           /* the most overdue, then the most open */
		*k1 = desc(r->n_overdue);
		*k2 = desc(r->n_open);
		break;
	default:
		*k1 = *k2 = 0;
		break;
	}
}

/* One stable pass of a least-significant-digit radix sort of idx by key,
 * a byte at a time over the keys less their smallest (a score spans one
 * byte, a time four), so bytes every key shares cost nothing. */
static void radix_pass(uint32_t *idx, uint32_t *tmp, uint64_t *key, size_t n)
{
	uint64_t lo = key[0], hi = key[0];
	uint32_t count[256];

	for (size_t i = 1; i < n; i++) {
		if (key[i] < lo)
			lo = key[i];
		if (key[i] > hi)
			hi = key[i];
	}
	if (lo == hi)
		return;
	for (size_t i = 0; i < n; i++)
		key[i] -= lo;
	hi -= lo;
	for (int b = 0; b < 8 && (hi >> (8 * b)) != 0; b++) {
		uint32_t pos = 0;

		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(key[i] >> (8 * b)) & 0xff]++;
		for (int d = 0; d < 256; d++) {
			uint32_t k = count[d];

			count[d] = pos;
			pos += k;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(key[idx[i]] >> (8 * b)) & 0xff]++] = idx[i];
		memcpy(idx, tmp, n * sizeof *idx);
	}
}

static uint32_t *make_order(const struct prows *p, enum prows_sort s)
{
	uint32_t *o = malloc((p->n ? p->n : 1) * sizeof *o), *tmp = NULL;
	uint64_t *k1 = NULL, *k2 = NULL;

	if (!o)
		return NULL;
	for (size_t i = 0; i < p->n; i++)
		o[i] = (uint32_t)i;
	if (s == PROWS_NAME || p->n < 2)
		return o;
	k1 = malloc(p->n * sizeof *k1);
	k2 = malloc(p->n * sizeof *k2);
	tmp = malloc(p->n * sizeof *tmp);
	if (!k1 || !k2 || !tmp) {
		free(o);
		o = NULL;
	} else {
		for (size_t i = 0; i < p->n; i++)
			sort_keys(&p->rows[i], s, &k1[i], &k2[i]);
		/* minor key first: the pass by the major one keeps its order */
		radix_pass(o, tmp, k2, p->n);
		radix_pass(o, tmp, k1, p->n);
	}
	free(k1);
	free(k2);
	free(tmp);
	return o;
}

void prows_orders(struct prows *p)
{
	for (int s = 0; s < PROWS_SORTS; s++)
		if (!p->order[s])
			p->order[s] = make_order(p, (enum prows_sort)s);
}

/* ---- filter -------------------------------------------------------------- */

bool prows_filtered(const struct prows *p)
{
	return p->filter != NULL;
}

static bool row_matches(const struct prows *p, uint32_t i, const char *key)
{
	return strstr(p->arena + p->rows[i].key, key) != NULL;
}

/* No filter (key, not taken, is freed); ok: what to return. */
static bool no_filter(struct prows *p, char *key, bool ok)
{
	free(key);
	free(p->filter);
	p->filter = NULL;
	return ok;
}

bool prows_set_filter(struct prows *p, const char *typed)
{
	char *key = typed && *typed ? text_fold(typed) : NULL;
	bool narrow;
	size_t m = 0;
	unsigned flags;

	if (!key || !*key)
		/* text_fold failing on a typed text is running out of memory */
		return no_filter(p, key, !(typed && *typed && !key));
	if (!p->match && !(p->match = malloc((p->n ? p->n : 1) * sizeof *p->match)))
		return no_filter(p, key, false);
	if (!p->hit && !(p->hit = calloc(p->n ? p->n : 1, 1)))
		return no_filter(p, key, false);
	/* Every row that holds the new key holds the old one too when the
	 * old is part of the new (a character appended): look only there. */
	narrow = p->filter && strstr(key, p->filter);
	memset(&p->match_needs, 0, sizeof p->match_needs);
	flags = 0;
	if (narrow) {
		for (size_t j = 0; j < p->n_match; j++) {
			uint32_t i = p->match[j];

			if (row_matches(p, i, key)) {
				p->match[m++] = i;
				needs_add(&p->match_needs, &flags, &p->rows[i]);
			} else {
				p->hit[i] = 0;
			}
		}
	} else {
		for (uint32_t i = 0; i < p->n; i++) {
			p->hit[i] = row_matches(p, i, key);
			if (p->hit[i]) {
				p->match[m++] = i;
				needs_add(&p->match_needs, &flags, &p->rows[i]);
			}
		}
	}
	needs_done(&p->match_needs, flags);
	p->n_match = m;
	free(p->filter);
	p->filter = key;
	return true;
}

/* ---- views --------------------------------------------------------------- */

bool prows_view(struct prows *p, enum prows_sort sort, const uint32_t **view, size_t *n,
                const struct prows_needs **needs)
{
	const uint32_t *o;
	size_t m = 0;

	*view = NULL;
	*n = 0;
	needs_done(&p->all, p->all_flags);
	*needs = p->filter ? &p->match_needs : &p->all;
	if (sort >= PROWS_SORTS)
		sort = PROWS_NAME;
	if (p->filter && sort == PROWS_NAME) {
		*view = p->match;
		*n = p->n_match;
		return true;
	}
	if (!p->order[sort] && !(p->order[sort] = make_order(p, sort)))
		return false;
	o = p->order[sort];
	if (!p->filter || p->n_match == p->n) {
		*view = o;
		*n = p->n;
		return true;
	}
	if (!p->view_buf && !(p->view_buf = malloc((p->n ? p->n : 1) * sizeof *p->view_buf)))
		return false;
	for (size_t i = 0; i < p->n; i++)
		if (p->hit[o[i]])
			p->view_buf[m++] = o[i];
	*view = p->view_buf;
	*n = m;
	return true;
}
