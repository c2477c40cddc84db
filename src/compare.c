/*
 * compare.c - the change between two scored assessments of one company:
 * per item, per dimension, per knock-out (stop sign), and overall; and the
 * answers a re-check carries over, also into a newer questionnaire.
 *
 * Items are matched through the catalogues' mapping, so core/1 and core/2
 * assessments can be laid side by side.  Nothing is ever dropped: what
 * cannot be compared is listed with the reason.  The rules are in
 * compare.h and in smready(1).
 */
#include "config.h"

#include "compare.h"

#include <string.h>

#include "i18n.h"

static int cat_items(const struct catalogue *cat)
{
	if (cat == NULL)
		return 0;
	return cat->n_items < CAT_MAX_ITEMS ? cat->n_items : CAT_MAX_ITEMS;
}

static int cat_dims(const struct catalogue *cat)
{
	if (cat == NULL)
		return 0;
	return cat->n_dims < CAT_MAX_DIMS ? cat->n_dims : CAT_MAX_DIMS;
}

static int cat_knockouts(const struct catalogue *cat)
{
	if (cat == NULL)
		return 0;
	return cat->n_knockouts < CAT_MAX_KNOCKOUTS ? cat->n_knockouts : CAT_MAX_KNOCKOUTS;
}

static bool same_questionnaire(const struct catalogue *a, const struct catalogue *b)
{
	return a != NULL && b != NULL && a->version == b->version &&
	       a->id != NULL && b->id != NULL && strcmp(a->id, b->id) == 0;
}

/* The stored value of item i, with anything unusable read as unanswered. */
static int value_at(const int *values, int i)
{
	int v;

	if (values == NULL || i < 0)
		return ANSWER_UNANSWERED;
	v = values[i];
	return catalogue_value_valid(v) ? v : ANSWER_UNANSWERED;
}

/* Decides change and reason for an item with a counterpart on the old
 * side; mapped says whether the two may be compared at all (false: two
 * versions that no mapping table links). */
static void item_judge(struct item_change *ic, bool mapped)
{
	int o = ic->old_value, n = ic->new_value;

	if (!mapped)
		ic->reason = NC_VERSION;
	else if (o == ANSWER_UNANSWERED && n == ANSWER_UNANSWERED)
		ic->reason = NC_UNANSWERED_BOTH;
	else if (o == ANSWER_UNANSWERED)
		ic->reason = NC_UNANSWERED_OLD;
	else if (n == ANSWER_UNANSWERED)
		ic->reason = NC_UNANSWERED_NEW;
	else
		ic->reason = NC_NONE;

	if (ic->reason != NC_NONE) {
		ic->change = CHANGE_NOT_COMPARABLE;
		return;
	}
	/* Finding out is news of its own, not a step on the scale. */
	if (o == ANSWER_DONT_KNOW && n != ANSWER_DONT_KNOW) {
		ic->change = CHANGE_NOW_KNOWN;
		return;
	}
	if (o != ANSWER_DONT_KNOW && n == ANSWER_DONT_KNOW) {
		ic->change = CHANGE_NO_LONGER_KNOWN;
		return;
	}
	/* Both "don't know" falls through here with delta 0: unchanged. */
	ic->delta = (o == ANSWER_DONT_KNOW) ? 0 : n - o;
	ic->change = ic->delta > 0 ? CHANGE_IMPROVED
	           : ic->delta < 0 ? CHANGE_WORSE : CHANGE_UNCHANGED;
}

/* The value an item takes from its sources src[0..n): the lowest answered
 * one, "don't know" lowest of all (it is ANSWER_DONT_KNOW = -1); unanswered
 * sources say nothing.  A merged question asks for all of its parts, so it
 * holds only as far as its weakest part, and a company never looks readier
 * than its old answers said.  *from gets the source the value came from
 * (the first source when none is answered). */
static int mapped_value(const int *values, const int *src, int n, int *from)
{
	int v = ANSWER_UNANSWERED;

	*from = n > 0 ? src[0] : -1;
	for (int s = 0; s < n; s++) {
		int sv = value_at(values, src[s]);
		if (sv != ANSWER_UNANSWERED && (v == ANSWER_UNANSWERED || sv < v)) {
			v = sv;
			*from = src[s];
		}
	}
	return v;
}

/* The old-side items behind new item ni, within the fixed-size arrays:
 * by the mapping when one is known, else by key (to list, not compare). */
static int item_sources(const struct cat_map *m, int ni, int *src)
{
	int n, k = 0;

	if (!m->known) {
		src[0] = catalogue_item_index(m->from, m->to->items[ni].key);
		return src[0] >= 0 && src[0] < cat_items(m->from);
	}
	n = catalogue_map_sources(m, ni, src, CAT_MAX_SOURCES);
	n = n < CAT_MAX_SOURCES ? n : CAT_MAX_SOURCES;
	for (int s = 0; s < n; s++)
		if (src[s] < cat_items(m->from))
			src[k++] = src[s];
	return k;
}

static struct item_change *item_new(struct comparison *out, const char *key)
{
	struct item_change *ic = &out->items[out->n_items++];

	memset(ic, 0, sizeof *ic);
	ic->key = key;
	ic->old_item = ic->new_item = -1;
	ic->old_value = ic->new_value = ANSWER_UNANSWERED;
	ic->change = CHANGE_NOT_COMPARABLE;
	return ic;
}

static void item_count(struct comparison *out, const struct item_change *ic)
{
	switch (ic->change) {
	case CHANGE_IMPROVED: out->improved++; break;
	case CHANGE_WORSE: out->worse++; break;
	case CHANGE_UNCHANGED: out->unchanged++; break;
	case CHANGE_NOT_COMPARABLE: out->not_comparable++; break;
	case CHANGE_NOW_KNOWN: out->now_known++; break;
	case CHANGE_NO_LONGER_KNOWN: out->no_longer_known++; break;
	}
}

/* New item ni with whatever maps to it on the old side. */
static void item_add_new(struct comparison *out, const struct cat_map *m, int ni,
                         const int *old_values, const int *new_values)
{
	struct item_change *ic = item_new(out, m->to->items[ni].key);
	int src[CAT_MAX_SOURCES];
	int n = item_sources(m, ni, src);

	ic->new_item = ni;
	ic->new_value = value_at(new_values, ni);
	if (n == 0) {
		ic->reason = NC_ONLY_NEW;
	} else {
		ic->map = m->known ? catalogue_map_kind(m, ni) : CAT_MAP_NONE;
		ic->n_old = n;
		memcpy(ic->old_items, src, (size_t)n * sizeof src[0]);
		ic->old_value = mapped_value(old_values, src, n, &ic->old_item);
		ic->old_key = m->from->items[ic->old_item].key;
		item_judge(ic, m->known);
	}
	item_count(out, ic);
}

/* Whether old item oi lives on in the new questionnaire. */
static bool item_has_target(const struct cat_map *m, int oi)
{
	int ni;

	if (m->known)
		return catalogue_map_targets(m, oi, NULL, 0) > 0;
	ni = catalogue_item_index(m->to, m->from->items[oi].key);
	return ni >= 0 && ni < cat_items(m->to);
}

static void compare_items(const int *old_values, const int *new_values,
                          struct comparison *out)
{
	struct cat_map m;

	catalogue_map_init(&m, out->old_score->cat, out->new_score->cat);
	for (int i = 0; i < cat_items(m.to); i++)
		item_add_new(out, &m, i, old_values, new_values);
	for (int i = 0; i < cat_items(m.from); i++) {
		struct item_change *ic;

		if (item_has_target(&m, i))
			continue;
		ic = item_new(out, m.from->items[i].key);
		ic->old_key = ic->key;
		ic->old_item = ic->old_items[0] = i;
		ic->n_old = 1;
		ic->old_value = value_at(old_values, i);
		ic->reason = NC_ONLY_OLD;
		item_count(out, ic);
	}
}

static void dim_add(struct comparison *out, const char *key, int od, int nd)
{
	struct dim_change *dc = &out->dims[out->n_dims++];

	dc->key = key;
	dc->old_dim = od;
	dc->new_dim = nd;
	dc->old_score = od >= 0 ? out->old_score->dim[od] : SCORE_NONE;
	dc->new_score = nd >= 0 ? out->new_score->dim[nd] : SCORE_NONE;
	/* Dimension scores are percentages, so they compare across versions. */
	dc->comparable = dc->old_score != SCORE_NONE && dc->new_score != SCORE_NONE;
	dc->delta = dc->comparable ? dc->new_score - dc->old_score : 0;
}

static void compare_dims(struct comparison *out)
{
	const struct catalogue *oc = out->old_score->cat, *nc = out->new_score->cat;

	for (int d = 0; d < cat_dims(nc); d++) {
		int od = catalogue_dim_index(oc, nc->dims[d].key);
		dim_add(out, nc->dims[d].key, od < cat_dims(oc) ? od : -1, d);
	}
	for (int d = 0; d < cat_dims(oc); d++) {
		int nd = catalogue_dim_index(nc, oc->dims[d].key);
		if (nd < 0 || nd >= cat_dims(nc))
			dim_add(out, oc->dims[d].key, d, -1);
	}
}

static int knockout_index(const struct catalogue *cat, const char *key)
{
	for (int k = 0; k < cat_knockouts(cat); k++)
		if (strcmp(cat->knockouts[k].key, key) == 0)
			return k;
	return -1;
}

static void ko_add(struct comparison *out, const char *key, int ok, int nk)
{
	struct knockout_change *kc = &out->knockouts[out->n_knockouts++];

	kc->key = key;
	kc->old_ko = ok;
	kc->new_ko = nk;
	kc->was_fired = ok >= 0 && out->old_score->fired[ok];
	kc->is_fired = nk >= 0 && out->new_score->fired[nk];
	kc->was_caution = ok >= 0 && out->old_score->caution[ok];
	kc->is_caution = nk >= 0 && out->new_score->caution[nk];
	/* Resolved means the company fixed it, so the knock-out must still be
	 * asked; new is whatever holds the company back now that did not. */
	if (kc->was_fired && !kc->is_fired && nk >= 0)
		out->ko_resolved++;
	if (kc->is_fired && !kc->was_fired)
		out->ko_new++;
}

static void compare_knockouts(struct comparison *out)
{
	const struct catalogue *oc = out->old_score->cat, *nc = out->new_score->cat;

	for (int k = 0; k < cat_knockouts(nc); k++)
		ko_add(out, nc->knockouts[k].key, oc ? knockout_index(oc, nc->knockouts[k].key) : -1, k);
	for (int k = 0; k < cat_knockouts(oc); k++)
		if (nc == NULL || knockout_index(nc, oc->knockouts[k].key) < 0)
			ko_add(out, oc->knockouts[k].key, k, -1);
}

static void compare_overall(struct comparison *out)
{
	const struct score *o = out->old_score, *n = out->new_score;

	out->overall_old = o->overall;
	out->overall_new = n->overall;
	out->overall_comparable = o->overall != SCORE_NONE && n->overall != SCORE_NONE;
	out->overall_delta = out->overall_comparable ? n->overall - o->overall : 0;
	out->level_old = o->level;
	out->level_new = n->level;
	out->level_delta = (o->level != LEVEL_UNKNOWN && n->level != LEVEL_UNKNOWN)
	                 ? (int)n->level - (int)o->level : 0;
}

void compare_scores(const struct score *old, const int *old_values,
                    const struct score *new, const int *new_values,
                    struct comparison *out)
{
	memset(out, 0, sizeof *out);
	out->level_old = out->level_new = LEVEL_UNKNOWN;
	out->overall_old = out->overall_new = SCORE_NONE;
	if (old == NULL || new == NULL)
		return;
	out->old_score = old;
	out->new_score = new;
	out->same_version = same_questionnaire(old->cat, new->cat);
	if (old->cat != NULL && new->cat != NULL)
		compare_items(old_values, new_values, out);
	compare_dims(out);
	compare_knockouts(out);
	compare_overall(out);
}

/* ---- re-check carry-over -------------------------------------------------- */

int compare_carry(const struct catalogue *from, const int *from_values,
                  const struct catalogue *to, int *to_values, int *note_from)
{
	struct cat_map m;
	int carried = 0;

	if (to == NULL || to_values == NULL)
		return 0;
	catalogue_map_init(&m, from, to);
	for (int i = 0; i < cat_items(to); i++) {
		int src[CAT_MAX_SOURCES], n = 0, origin = -1;

		/* An unlinked version carries nothing: same key, other meaning. */
		if (m.known)
			n = item_sources(&m, i, src);
		to_values[i] = n > 0 ? mapped_value(from_values, src, n, &origin)
		                     : ANSWER_UNANSWERED;
		if (note_from != NULL)
			note_from[i] = origin;
		carried += to_values[i] != ANSWER_UNANSWERED;
	}
	return carried;
}

const char *compare_reason_text(enum not_comparable_reason reason)
{
	switch (reason) {
	case NC_NONE: return N_("comparable");
	case NC_VERSION: return N_("questionnaire changed");
	case NC_ONLY_OLD: return N_("no longer asked");
	case NC_ONLY_NEW: return N_("newly asked");
	case NC_UNANSWERED_OLD: return N_("not answered before");
	case NC_UNANSWERED_NEW: return N_("not answered this time");
	case NC_UNANSWERED_BOTH: return N_("not answered either time");
	case NC_DONT_KNOW: return N_("\"don't know\" on one side");
	}
	return N_("not comparable");
}

const char *compare_change_key(enum change change)
{
	switch (change) {
	case CHANGE_UNCHANGED: return "unchanged";
	case CHANGE_IMPROVED: return "improved";
	case CHANGE_WORSE: return "worse";
	case CHANGE_NOT_COMPARABLE: return "not-comparable";
	case CHANGE_NOW_KNOWN: return "now-known";
	case CHANGE_NO_LONGER_KNOWN: return "no-longer-known";
	}
	return "not-comparable";
}

const char *compare_change_text(enum change change)
{
	switch (change) {
	case CHANGE_UNCHANGED: return N_("unchanged");
	case CHANGE_IMPROVED: return N_("improved");
	case CHANGE_WORSE: return N_("worse");
	case CHANGE_NOT_COMPARABLE: return N_("not comparable");
	/* TRANSLATORS: "don't know" before, an answer now: "now known: 2" */
	case CHANGE_NOW_KNOWN: return N_("now known");
	/* TRANSLATORS: an answer before, "don't know" now. */
	case CHANGE_NO_LONGER_KNOWN: return N_("no longer known");
	}
	return N_("not comparable");
}
