/*
 * ui-loop.c - the loop of the action plan on the result and comparison
 * screens (see ui-loop.h).
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui-loop.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "i18n.h"
#include "text.h"
#include "timefmt.h"
#include "ui-screen.h"

char *ui_loop_counts(char *buf, size_t n, const struct plan_loop *l)
{
	/* TRANSLATORS: the four groups of the plan's outcome with their
	 * counts, as in the reports. */
	snprintf(buf, n, _("%d worked; %d done without effect; %d improved without the action; "
	                   "%d still open."), l->count[PLAN_WORKED], l->count[PLAN_NO_EFFECT],
	         l->count[PLAN_IMPROVED_ANYWAY], l->count[PLAN_STILL_OPEN]);
	return buf;
}

/* A group's symbol and role: the word beside it carries the meaning. */
static enum ui_role group_role(struct ui *ui, enum plan_outcome o, const char **sym)
{
	switch (o) {
	case PLAN_WORKED: *sym = ui_sym(ui, SYM_CHECK); return ROLE_GOOD;
	case PLAN_NO_EFFECT: *sym = ui_sym(ui, SYM_CROSS); return ROLE_BAD;
	case PLAN_IMPROVED_ANYWAY: *sym = ui_sym(ui, SYM_UP); return ROLE_NORMAL;
	case PLAN_STILL_OPEN: default: *sym = ui_sym(ui, SYM_BULLET); return ROLE_WARN;
	}
}

/* "1.1: 0 not at all → 3 largely (aim 3)" for each question, its state
 * where no group says it, who, and its note: what the reports say. */
static void draw_details(struct ui *ui, struct ui_doc *d, const struct plan_judged *j)
{
	const struct action *a = j->a;
	const struct catalogue *cat = catalogue_find(a->questionnaire, a->qversion);
	char buf[600], num[16], b[64], n[64], date[TIMEFMT_DATE_SIZE];

	for (int k = 0; k < j->r.n_items; k++) {
		const struct plan_item_result *it = &j->r.items[k];
		int idx = cat ? catalogue_item_index(cat, it->key) : -1;

		if (idx >= 0)
			catalogue_item_label(cat, idx, num, sizeof num);
		else
			snprintf(num, sizeof num, "%s", it->key);
		snprintf(b, sizeof b, "%s", _(catalogue_scale_label(it->before)));
		snprintf(n, sizeof n, "%s", _(catalogue_scale_label(it->after)));
		/* TRANSLATORS: a question an action aimed at: its number, the
		 * answer before and now, and the answer aimed for. */
		snprintf(buf, sizeof buf, _("%s: %s %s %s (aim: %d)"), num, b, ui_sym(ui, SYM_ARROW),
		         n, it->target);
		ui_doc_text(ui, d, 7, it->progress == PLAN_REACHED || it->progress == PLAN_APPROACHED
		            ? ROLE_NORMAL : ROLE_DIM, buf);
	}
	if (j->r.n_items > 1 && j->r.n_moved > 0 && j->r.n_moved < j->r.n_items) {
		snprintf(buf, sizeof buf, P_("%d of %d question moved towards its aim.",
		                             "%d of %d questions moved towards their aims.",
		                             j->r.n_items), j->r.n_moved, j->r.n_items);
		ui_doc_text(ui, d, 7, ROLE_DIM, buf);
	}
	if (j->r.overdue) {
		timefmt_day_show(a->due, date, sizeof date);
		/* TRANSLATORS: word and colour mark an overdue action. */
		snprintf(buf, sizeof buf, _("overdue: it was due by %s"), date);
		ui_doc_text(ui, d, 7, ROLE_BAD, buf);
	} else if (j->r.status == PLAN_DROPPED) {
		ui_doc_text(ui, d, 7, ROLE_DIM, _("dropped"));
	} else if (j->r.outcome != PLAN_WORKED && j->r.outcome != PLAN_NO_EFFECT &&
	           j->r.status == PLAN_STARTED) {
		/* as the reports say it (report-changes.c) */
		ui_doc_text(ui, d, 7, ROLE_DIM, _("Status: in progress"));
	}
	if (a->owner && *a->owner) {
		snprintf(buf, sizeof buf, _("Owner: %s"), a->owner);
		ui_doc_text(ui, d, 7, ROLE_DIM, buf);
	}
	if (a->note && *a->note) {
		ui_doc_note(ui, d, 7, ROLE_DIM, a->note);
	}
}

bool ui_loop_draw(struct ui *ui, struct ui_doc *d, const struct plan_loop *l)
{
	char buf[600];

	if (!l->have || l->n == 0)
		return false;
	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("The plan since the assessment before"));
	ui_doc_text(ui, d, 2, ROLE_BOLD, ui_loop_counts(buf, sizeof buf, l));
	for (int g = 0; g < PLAN_OUTCOME_COUNT; g++) {
		const char *sym;
		enum ui_role role = group_role(ui, (enum plan_outcome)g, &sym);

		if (l->count[g] == 0)
			continue;
		snprintf(buf, sizeof buf, "%s %s (%d)", sym, _(plan_outcome_text((enum plan_outcome)g)),
		         l->count[g]);
		ui_doc_text(ui, d, 2, role, buf);
		for (size_t i = 0; i < l->n; i++) {
			const struct plan_judged *j = &l->judged[i];
			char num[16];

			if ((int)j->r.outcome != g)
				continue;
			snprintf(num, sizeof num, "%d.", j->a->number);
			ui_doc_hang(ui, d, 4, num, ROLE_DIM, 7, ROLE_BOLD, j->a->title);
			draw_details(ui, d, j);
		}
	}
	return true;
}

bool ui_action_aim(struct ui *ui, const char *text, const struct catalogue *cat,
                   struct plan_aim *aim, bool *given)
{
	char *t = text_trim_dup(text);
	int i;

	*given = false;
	if (!t) {
		ui_error(ui, "%s", _("Out of memory."));
		return false;
	}
	if (!*t) {
		free(t);
		return true;
	}
	i = catalogue_item_lookup(cat, t);
	if (i < 0) {
		ui_error(ui, _("\"%s\" is not a question of the questionnaire: give its number as "
		               "the questionnaire shows it, such as 2.3, or leave it empty."), t);
		free(t);
		return false;
	}
	free(t);
	aim->key = cat->items[i].key;
	aim->target = plan_target(cat, i);
	*given = true;
	return true;
}
