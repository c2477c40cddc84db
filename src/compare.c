/*
 * compare.c - the change between two scored assessments of one company:
 * per item, per dimension, per knock-out, and overall.
 *
 * Matching is by key so that two questionnaire versions can still be laid
 * side by side.  Nothing is ever dropped: what cannot be compared is listed
 * with the reason.  The rules are in compare.h and in smready(1).
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

/* Decides change and reason for an item present in both questionnaires. */
static void item_judge(struct item_change *ic, bool same_version)
{
	int o = ic->old_value, n = ic->new_value;

	if (!same_version)
		ic->reason = NC_VERSION;
	else if (o == ANSWER_UNANSWERED && n == ANSWER_UNANSWERED)
		ic->reason = NC_UNANSWERED_BOTH;
	else if (o == ANSWER_UNANSWERED)
		ic->reason = NC_UNANSWERED_OLD;
	else if (n == ANSWER_UNANSWERED)
		ic->reason = NC_UNANSWERED_NEW;
	else if (o == ANSWER_DONT_KNOW && n == ANSWER_DONT_KNOW)
		ic->reason = NC_NONE;
	else if (o == ANSWER_DONT_KNOW || n == ANSWER_DONT_KNOW)
		ic->reason = NC_DONT_KNOW;
	else
		ic->reason = NC_NONE;

	if (ic->reason != NC_NONE) {
		ic->change = CHANGE_NOT_COMPARABLE;
		return;
	}
	/* Both "don't know" falls through here with delta 0: unchanged. */
	ic->delta = (o == ANSWER_DONT_KNOW) ? 0 : n - o;
	ic->change = ic->delta > 0 ? CHANGE_IMPROVED
	           : ic->delta < 0 ? CHANGE_WORSE : CHANGE_UNCHANGED;
}

static void item_add(struct comparison *out, const char *key, int oi, int ni,
                     const int *old_values, const int *new_values)
{
	struct item_change *ic = &out->items[out->n_items++];

	memset(ic, 0, sizeof *ic);
	ic->key = key;
	ic->old_item = oi;
	ic->new_item = ni;
	ic->old_value = value_at(old_values, oi);
	ic->new_value = value_at(new_values, ni);
	if (oi < 0) {
		ic->change = CHANGE_NOT_COMPARABLE;
		ic->reason = NC_ONLY_NEW;
	} else if (ni < 0) {
		ic->change = CHANGE_NOT_COMPARABLE;
		ic->reason = NC_ONLY_OLD;
	} else {
		item_judge(ic, out->same_version);
	}
	switch (ic->change) {
	case CHANGE_IMPROVED: out->improved++; break;
	case CHANGE_WORSE: out->worse++; break;
	case CHANGE_UNCHANGED: out->unchanged++; break;
	case CHANGE_NOT_COMPARABLE: out->not_comparable++; break;
	}
}

static void compare_items(const struct score *old, const int *old_values,
                          const struct score *new, const int *new_values,
                          struct comparison *out)
{
	const struct catalogue *oc = old->cat, *nc = new->cat;

	for (int i = 0; i < cat_items(nc); i++) {
		int oi = catalogue_item_index(oc, nc->items[i].key);
		if (oi >= cat_items(oc))
			oi = -1;
		item_add(out, nc->items[i].key, oi, i, old_values, new_values);
	}
	for (int i = 0; i < cat_items(oc); i++) {
		int ni = catalogue_item_index(nc, oc->items[i].key);
		if (ni < 0 || ni >= cat_items(nc))
			item_add(out, oc->items[i].key, i, -1, old_values, new_values);
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
	compare_items(old, old_values, new, new_values, out);
	compare_dims(out);
	compare_knockouts(out);
	compare_overall(out);
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
