/*
 * report-changes.c - what changed between two assessments, as the body of
 * the comparison report and as the "since the previous assessment" part
 * of the assessment report: overall score and level, the dimensions, stop
 * signs resolved and new, every answer that improved or got worse with
 * its notes, what is now known or no longer, what cannot be compared, and
 * the outcome of the plan agreed last time.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report-int.h"
#include "text.h"
#include "timefmt.h"

/* Which side's catalogue names a thing of the comparison: the new one's
 * when the thing is in it, else the old one's; NULL when neither has it.
 * *idx gets the thing's index in that catalogue. */
static const struct catalogue *side_cat(const struct compared *cmp, int new_idx, int old_idx,
                                        int *idx)
{
	if (new_idx >= 0 && cmp->new.cat) {
		*idx = new_idx;
		return cmp->new.cat;
	}
	*idx = old_idx;
	return old_idx >= 0 ? cmp->old.cat : NULL;
}

static const char *item_question(const struct compared *cmp, const struct item_change *ic)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, ic->new_item, ic->old_item, &i);

	return cat ? _(cat->items[i].question) : ic->key;
}

static const char *dim_name(const struct compared *cmp, const struct dim_change *dc)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, dc->new_dim, dc->old_dim, &i);

	return cat ? _(cat->dims[i].name) : dc->key;
}

static const struct cat_knockout *ko_of(const struct compared *cmp,
                                        const struct knockout_change *kc)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, kc->new_ko, kc->old_ko, &i);

	return cat ? &cat->knockouts[i] : NULL;
}

static void level_change_str(char *buf, size_t n, const struct comparison *c)
{
	char words[128];

	if (c->level_old < 0 || c->level_new < 0)
		snprintf(words, sizeof words, "%s", _("cannot be compared"));
	else if (c->level_delta > 0)
		snprintf(words, sizeof words,
		         P_("up %d level", "up %d levels", c->level_delta), c->level_delta);
	else if (c->level_delta < 0)
		snprintf(words, sizeof words,
		         P_("down %d level", "down %d levels", -c->level_delta), -c->level_delta);
	else
		snprintf(words, sizeof words, "%s", _("unchanged"));
	snprintf(buf, n, "%s → %s (%s)", report_level_label(c->level_old),
	         report_level_label(c->level_new), words);
}

static void overall_change_str(char *buf, size_t n, const struct comparison *c)
{
	char a[16], b[16], dl[16];

	report_score(a, sizeof a, c->overall_old);
	report_score(b, sizeof b, c->overall_new);
	if (c->overall_comparable)
		snprintf(buf, n, "%s → %s (%s)", a, b, rw_delta(dl, sizeof dl, c->overall_delta));
	else
		snprintf(buf, n, "%s → %s (%s)", a, b, _("cannot be compared"));
}

static const char *note_of(const struct scored *s, int item)
{
	if (item < 0 || !s->notes[item])
		return "";
	return s->notes[item];
}

static void item_change_line(char *buf, size_t n, const struct item_change *ic)
{
	char a[96], b[96], dl[16];

	rw_answer(a, sizeof a, ic->old_value);
	rw_answer(b, sizeof b, ic->new_value);
	if (ic->change == CHANGE_IMPROVED || ic->change == CHANGE_WORSE)
		snprintf(buf, n, "%s → %s (%s)", a, b, rw_delta(dl, sizeof dl, ic->delta));
	else
		snprintf(buf, n, "%s → %s", a, b);
}

/* Items of one kind of change as a list, each with its notes; returns
 * how many. */
static int item_changes(struct doc *d, const struct compared *cmp, enum change which,
                        const char *tag, const char *tag_class)
{
	const struct comparison *c = &cmp->cmp;
	int i, n = 0;

	for (i = 0; i < c->n_items; i++) {
		const struct item_change *ic = &c->items[i];
		char line[1024], s0[256], s1[RW_NOTE_SIZE], s2[RW_NOTE_SIZE];
		const char *subs[3], *on, *nn;
		int nsubs = 0;

		if (ic->change != which)
			continue;
		if (n++ == 0)
			doc_list_begin(d, false);
		if (which == CHANGE_NOT_COMPARABLE) {
			snprintf(line, sizeof line, "%s (%s)", item_question(cmp, ic),
			         _(compare_reason_text(ic->reason)));
		} else {
			snprintf(line, sizeof line, "%s", item_question(cmp, ic));
			item_change_line(s0, sizeof s0, ic);
			subs[nsubs++] = s0;
		}
		on = note_of(&cmp->old, ic->old_item);
		nn = note_of(&cmp->new, ic->new_item);
		if (*on && strcmp(on, nn) != 0) {
			snprintf(s1, sizeof s1, _("Note before: %s"), on);
			subs[nsubs++] = s1;
		}
		if (*nn) {
			snprintf(s2, sizeof s2, *on && strcmp(on, nn) != 0 ? _("Note now: %s")
			                                                   : _("Note: %s"), nn);
			subs[nsubs++] = s2;
		}
		doc_item(d, n, tag, tag_class, line, subs, nsubs);
	}
	if (n)
		doc_list_end(d);
	return n;
}

static void dim_changes(struct doc *d, const struct compared *cmp)
{
	const struct comparison *c = &cmp->cmp;
	const char *headers[4];
	struct doc_table t;
	int i;

	headers[0] = _("Dimension");
	headers[1] = _("Before");
	headers[2] = _("Now");
	headers[3] = _("Change");
	doc_table_begin(d, &t, 4, "lrrl", headers);
	for (i = 0; i < c->n_dims; i++) {
		const struct dim_change *dc = &c->dims[i];
		char a[16], b[16], dl[64], tmp[16];
		const char *cells[4];

		report_score(a, sizeof a, dc->old_score);
		report_score(b, sizeof b, dc->new_score);
		if (!dc->comparable)
			snprintf(dl, sizeof dl, "%s", _("not comparable"));
		else if (dc->delta > 0)
			snprintf(dl, sizeof dl, "%s %s", rw_delta(tmp, sizeof tmp, dc->delta),
			         _("better"));
		else if (dc->delta < 0)
			snprintf(dl, sizeof dl, "%s %s", rw_delta(tmp, sizeof tmp, dc->delta),
			         _("worse"));
		else
			snprintf(dl, sizeof dl, "= %s", _("same"));
		cells[0] = dim_name(cmp, dc);
		cells[1] = a;
		cells[2] = b;
		cells[3] = dl;
		doc_table_row(d, &t, cells);
	}
	doc_table_end(d, &t);
}

void rc_dim_bars(struct doc *d, const struct compared *cmp)
{
	const struct comparison *c = &cmp->cmp;
	struct doc_bar rows[2 * CAT_MAX_DIMS];
	char legend[300];
	struct doc_bands bands;
	struct doc_bars b;
	int i, n = 0;

	for (i = 0; i < c->n_dims; i++) {
		const struct dim_change *dc = &c->dims[i];

		if (dc->new_dim < 0)
			continue;
		rows[n].label = dim_name(cmp, dc);
		rows[n].score = dc->new_score;
		rows[n].before = dc->old_score;
		rows[n].note = NULL;
		n++;
	}
	rw_bands(&bands);
	b.title = _("Scores by dimension, now and before");
	b.label_head = _("Dimension");
	b.score_head = _("Now");
	b.note_head = NULL;
	b.rows = rows;
	b.n = n;
	b.bands = &bands;
	b.before_label = _("Before");
	b.legend = rw_band_legend(legend, sizeof legend, &bands);
	doc_bars(d, &b);
}

static void ko_changes(struct doc *d, const struct compared *cmp, bool full)
{
	const struct comparison *c = &cmp->cmp;
	int i, n = 0, still = 0;

	for (i = 0; i < c->n_knockouts; i++) {
		const struct knockout_change *kc = &c->knockouts[i];
		const struct cat_knockout *ko = ko_of(cmp, kc);
		char line[1024];
		const char *tag, *cls;

		if (kc->was_fired && !kc->is_fired) {
			tag = kc->is_caution ? _("Resolved, still a caution") : _("Resolved");
			cls = "up";
		} else if (!kc->was_fired && kc->is_fired) {
			tag = _("New stop sign");
			cls = "down";
		} else if (kc->was_fired && kc->is_fired) {
			still++;
			if (!full)
				continue;
			tag = _("Still open");
			cls = "ko";
		} else if (kc->is_caution && !kc->was_caution) {
			/* as the comparison screen lists them (ui-compare.c) */
			tag = _("New caution");
			cls = "down";
		} else if (kc->was_caution && !kc->is_caution && kc->new_ko >= 0) {
			tag = _("Caution resolved");
			cls = "up";
		} else {
			continue;
		}
		if (n++ == 0)
			doc_list_begin(d, false);
		snprintf(line, sizeof line, "%s: %s", ko ? _(ko->name) : kc->key,
		         ko ? _(ko->reason) : "");
		doc_item(d, n, tag, cls, line, NULL, 0);
	}
	if (n)
		doc_list_end(d);
	else if (still == 0)
		doc_para(d, _("No stop sign before or now."));
	else {
		char buf[200];
		snprintf(buf, sizeof buf, P_("No stop sign was resolved or added; %d is still open.",
		                             "No stop sign was resolved or added; %d are still open.",
		                             still), still);
		doc_para(d, buf);
	}
}

/* "0 – not at all → 3 – largely (aim: 3 – largely)": how a question an
 * action aimed at moved. */
static void aim_moved(char *buf, size_t n, const struct report_aim *m)
{
	char a[96], b[96], t[96];

	rw_answer(a, sizeof a, m->before);
	rw_answer(b, sizeof b, m->after);
	rw_answer(t, sizeof t, m->target);
	/* TRANSLATORS: the answer before and now, and the answer aimed for. */
	snprintf(buf, n, _("%s → %s (aim: %s)"), a, b, t);
}

/* The tag of an action's group, and the class that colours it. */
static const char *outcome_tag(const struct report_action *a, const char **cls)
{
	switch (a->outcome) {
	case PLAN_WORKED: *cls = "up"; break;
	case PLAN_NO_EFFECT: *cls = "down"; break;
	case PLAN_IMPROVED_ANYWAY: *cls = NULL; break;
	case PLAN_STILL_OPEN: default: *cls = a->overdue ? "down" : NULL; break;
	}
	return _(plan_outcome_text(a->outcome));
}

/* The loop: per action of the plan whether it was done and whether the
 * questions it aimed at moved, which is the answer to "did the advice
 * work?", in the four groups of plan.h and their order. */
static void plan_outcome(struct doc *d, const struct report_plan *plan, bool full)
{
	int count[PLAN_OUTCOME_COUNT] = { 0 }, i;
	char buf[600];

	doc_heading(d, full ? 2 : 3, _("The plan agreed last time"));
	if (plan->n_actions == 0) {
		doc_para(d, _("No action of the plan aimed at a question this assessment could "
		              "judge."));
		return;
	}
	for (i = 0; i < plan->n_actions; i++)
		count[plan->actions[i].outcome]++;
	/* TRANSLATORS: the four groups of the plan's outcome, with their counts;
	 * the words are those of the groups ("worked", "done without effect",
	 * "improved without the action", "still open"). */
	snprintf(buf, sizeof buf, _("%d worked; %d done without effect; %d improved without the "
	                            "action; %d still open."), count[PLAN_WORKED],
	         count[PLAN_NO_EFFECT], count[PLAN_IMPROVED_ANYWAY], count[PLAN_STILL_OPEN]);
	doc_para(d, buf);
	doc_list_begin(d, false);
	for (i = 0; i < plan->n_actions; i++) {
		const struct report_action *a = &plan->actions[i];
		char qs[ACTION_MAX_ITEMS][1024], aims[ACTION_MAX_ITEMS][320], who[300];
		char state[TIMEFMT_DATE_SIZE + 128], moved[128], note[RW_NOTE_SIZE];
		char date[TIMEFMT_DATE_SIZE];
		const char *subs[5 + 2 * ACTION_MAX_ITEMS], *tag, *cls;
		int nsubs = 0;

		tag = outcome_tag(a, &cls);
		for (int k = 0; k < a->n_aims && k < ACTION_MAX_ITEMS; k++) {
			const struct report_aim *m = &a->aims[k];

			snprintf(qs[k], sizeof qs[k], _("Question: %s"),
			         m->question ? _(m->question) : m->key);
			subs[nsubs++] = qs[k];
			aim_moved(aims[k], sizeof aims[k], m);
			subs[nsubs++] = aims[k];
		}
		if (a->n_aims > 1 && a->n_moved > 0 && a->n_moved < a->n_aims) {
			snprintf(moved, sizeof moved, P_("%d of %d question moved towards its aim.",
			                                 "%d of %d questions moved towards their aims.",
			                                 a->n_aims), a->n_moved, a->n_aims);
			subs[nsubs++] = moved;
		}
		if (a->owner && *a->owner) {
			snprintf(who, sizeof who, _("Who: %s"), a->owner);
			subs[nsubs++] = who;
		}
		state[0] = '\0';
		if (a->state == PLAN_DROPPED)
			snprintf(state, sizeof state, "%s", _("The action was dropped."));
		else if (a->overdue)
			snprintf(state, sizeof state, _("Overdue: it was due by %s."),
			         timefmt_day_show(a->due, date, sizeof date));
		else if (a->outcome != PLAN_WORKED && a->outcome != PLAN_NO_EFFECT &&
		         a->state == PLAN_STARTED)
			snprintf(state, sizeof state, "%s", _("Status: in progress"));
		if (*state)
			subs[nsubs++] = state;
		if (a->note && *a->note) {
			snprintf(note, sizeof note, _("Note: %s"), a->note);
			subs[nsubs++] = note;
		}
		doc_item(d, i + 1, tag, cls, a->text ? a->text : "", subs, nsubs);
	}
	doc_list_end(d);
}

void rc_changes(struct doc *d, const struct compared *cmp, bool full,
                const struct report_plan *prev_plan)
{
	const struct comparison *c = &cmp->cmp;
	char overall[128], level[256], buf[256];
	struct fact facts[2];
	int h = full ? 2 : 3;

	overall_change_str(overall, sizeof overall, c);
	level_change_str(level, sizeof level, c);
	facts[0].label = _("Overall score");
	facts[0].value = overall;
	facts[1].label = _("Readiness level");
	facts[1].value = level;
	doc_facts(d, facts, 2);
	if (!c->same_version)
		doc_para(d, _("The two assessments used different editions of the questionnaire; "
		              "questions that changed are listed as not comparable."));
	/* Did the advice work?  First, before the detail. */
	if (prev_plan)
		plan_outcome(d, prev_plan, full);
	if (!full)
		dim_changes(d, cmp);

	doc_heading(d, h, _("Stop signs"));
	ko_changes(d, cmp, full);

	snprintf(buf, sizeof buf, P_("Improved (%d answer)", "Improved (%d answers)", c->improved),
	         c->improved);
	doc_heading(d, h, buf);
	if (!item_changes(d, cmp, CHANGE_IMPROVED, _("Better"), "up"))
		doc_para(d, _("No answer improved."));

	snprintf(buf, sizeof buf, P_("Worse (%d answer)", "Worse (%d answers)", c->worse),
	         c->worse);
	doc_heading(d, h, buf);
	if (!item_changes(d, cmp, CHANGE_WORSE, _("Worse"), "down"))
		doc_para(d, _("No answer got worse."));

	/* "Don't know" on one side is news of its own, not a step on the
	 * scale: listed apart, and only when there is one. */
	if (c->now_known) {
		snprintf(buf, sizeof buf, P_("Now known (%d answer)", "Now known (%d answers)",
		                             c->now_known), c->now_known);
		doc_heading(d, h, buf);
		item_changes(d, cmp, CHANGE_NOW_KNOWN, _("Now known"), NULL);
	}
	if (c->no_longer_known) {
		snprintf(buf, sizeof buf, P_("No longer known (%d answer)",
		                             "No longer known (%d answers)", c->no_longer_known),
		         c->no_longer_known);
		doc_heading(d, h, buf);
		item_changes(d, cmp, CHANGE_NO_LONGER_KNOWN, _("No longer known"), NULL);
	}

	if (full) {
		doc_section(d, _("Unchanged"));
		snprintf(buf, sizeof buf,
		         P_("%d answer stayed the same.", "%d answers stayed the same.", c->unchanged),
		         c->unchanged);
		doc_para(d, buf);
	}

	if (c->not_comparable || full) {
		snprintf(buf, sizeof buf,
		         P_("Not comparable (%d question)", "Not comparable (%d questions)",
		            c->not_comparable), c->not_comparable);
		doc_heading(d, h, buf);
		if (!item_changes(d, cmp, CHANGE_NOT_COMPARABLE, NULL, NULL))
			doc_para(d, _("Every question could be compared."));
	}
}
