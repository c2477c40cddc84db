/*
 * ui-compare.c - what changed between two assessments of one company:
 * overall score and level, each dimension (before, now, change), knock-outs
 * resolved and new, and each item that got better or worse with both
 * notes.  Better and worse are told apart by symbol and word as well as by
 * colour; unchanged items are folded away until asked for.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess-plan.h"
#include "assess-report.h"
#include "assess.h"
#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-flow.h"
#include "ui-loop.h"
#include "ui-screen.h"
#include "verdict.h"

struct compare {
	struct ui_screen base;
	long long company, from, to;
	struct compared cmp;
	bool loaded;
	struct company c;
	bool have_company;
	bool show_unchanged;
	struct ui_export ex;
	struct plan_loop loop;    /* how the plan agreed before turned out */
};

static const struct cat_item *cmp_item(const struct compare *k, const struct item_change *ic,
                                        const struct catalogue **cat, int *idx)
{
	if (ic->new_item >= 0 && k->cmp.new.cat) {
		*cat = k->cmp.new.cat;
		*idx = ic->new_item;
	} else if (ic->old_item >= 0 && k->cmp.old.cat) {
		*cat = k->cmp.old.cat;
		*idx = ic->old_item;
	} else {
		return NULL;
	}
	return &(*cat)->items[*idx];
}

static void value_text(int v, char *buf, size_t bufsz)
{
	if (v == ANSWER_UNANSWERED)
		snprintf(buf, bufsz, "%s", _("unanswered"));
	else if (v == ANSWER_DONT_KNOW)
		snprintf(buf, bufsz, "%s", _(catalogue_scale_label(v)));
	else
		snprintf(buf, bufsz, "%d %s", v, _(catalogue_scale_label(v)));
}

static void compare_draw_head(struct compare *k, struct ui *ui, struct ui_doc *d)
{
	const struct comparison *c = &k->cmp.cmp;
	char buf[512], a[32], b[32], delta[32];
	enum ui_role role;
	int row, x;

	ui_date(k->cmp.old.a.status == ASSESS_FINAL ? k->cmp.old.a.completed : k->cmp.old.a.started,
	        a, sizeof a);
	ui_date(k->cmp.new.a.status == ASSESS_FINAL ? k->cmp.new.a.completed : k->cmp.new.a.started,
	        b, sizeof b);
	snprintf(buf, sizeof buf, _("Before: %s   Now: %s"), a, b);
	ui_doc_text(ui, d, 0, ROLE_DIM, buf);
	if (!c->same_version) {
		snprintf(buf, sizeof buf, _("The questionnaire changed in between (version %d to %d): "
		                            "items are matched by the questionnaire's own table, each "
		                            "side scored by its own version; what does not match is "
		                            "listed as newly or no longer asked."),
		         k->cmp.old.a.qversion, k->cmp.new.a.qversion);
		ui_doc_text(ui, d, 0, ROLE_WARN, buf);
	}
	ui_doc_row(d);
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, 14, ROLE_BOLD, _("Overall"), true);
		if (c->overall_comparable) {
			ui_delta(ui, c->overall_delta, delta, sizeof delta, &role);
			snprintf(buf, sizeof buf, "%d %s %d", c->overall_old, ui_sym(ui, SYM_ARROW),
			         c->overall_new);
			x += ui_put(ui, row, x, 14, ROLE_NORMAL, buf, true);
			ui_put(ui, row, x, d->width - x, role, delta, false);
		} else {
			ui_put(ui, row, x, d->width - 14, ROLE_DIM, _("not comparable"), false);
		}
	}
	{
		char lv[200], step[64], why[400];
		enum ui_role step_role = c->level_delta > 0 ? ROLE_GOOD :
		                         c->level_delta < 0 ? ROLE_BAD : ROLE_NORMAL;
		bool inline_why;

		snprintf(lv, sizeof lv, "%s %s %s", ui_level_name(c->level_old),
		         ui_sym(ui, SYM_ARROW), ui_level_name(c->level_new));
		if (c->level_old < 0 || c->level_new < 0)
			step[0] = '\0';
		else if (c->level_delta > 0)
			snprintf(step, sizeof step, _("%s better"), ui_sym(ui, SYM_UP));
		else if (c->level_delta < 0)
			snprintf(step, sizeof step, _("%s worse"), ui_sym(ui, SYM_DOWN));
		else
			snprintf(step, sizeof step, _("%s same level"), ui_sym(ui, SYM_SAME));
		verdict_why(why, sizeof why, &k->cmp.new.score);
		/* Why the level is held back goes on the same line where it fits
		 * whole, else on lines of its own below: never cut. */
		inline_why = 14 + ui_width(ui, lv) + 2 + ui_width(ui, step) + 2 + ui_width(ui, why) <=
		             d->width;
		if ((row = ui_doc_row(d)) >= 0) {
			x = d->x + ui_put(ui, row, d->x, 14, ROLE_BOLD, _("Level"), true);
			x += ui_put(ui, row, x, d->width - x, ui_level_role(c->level_new), lv, false) + 2;
			x += ui_put(ui, row, x, d->width - x, step_role, step, false) + 2;
			if (*why && inline_why)
				ui_put(ui, row, x, d->x + d->width - x, ROLE_DIM, why, false);
		}
		if (*why && !inline_why)
			ui_doc_text(ui, d, 14, ROLE_DIM, why);
	}
	/* The counts first, so the whole change reads before the detail. */
	snprintf(buf, sizeof buf, _("Items: %d better, %d worse, %d unchanged, %d not comparable"),
	         c->improved, c->worse, c->unchanged, c->not_comparable);
	if (c->now_known || c->no_longer_known) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, _(", %d now known, %d no longer known"),
		         c->now_known, c->no_longer_known);
	}
	ui_doc_text(ui, d, 0, ROLE_BOLD, buf);
}

static void compare_draw_dims(struct compare *k, struct ui *ui, struct ui_doc *d)
{
	const struct comparison *c = &k->cmp.cmp;
	int nw = ui_width(ui, _("Dimension")), i, row, x;
	char buf[64];

	for (i = 0; i < c->n_dims; i++) {
		const struct dim_change *dc = &c->dims[i];
		const struct catalogue *cat = dc->new_dim >= 0 ? k->cmp.new.cat : k->cmp.old.cat;
		int di = dc->new_dim >= 0 ? dc->new_dim : dc->old_dim;

		if (cat && di >= 0 && ui_width(ui, _(cat->dims[di].name)) > nw)
			nw = ui_width(ui, _(cat->dims[di].name));
	}
	if (nw > d->width - 30)
		nw = d->width - 30;
	ui_doc_row(d);
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, nw + 2, ROLE_HEADER, _("Dimension"), true);
		snprintf(buf, sizeof buf, "%7s", _("Before"));
		x += ui_put(ui, row, x, 8, ROLE_HEADER, buf, true);
		snprintf(buf, sizeof buf, "%7s", _("Now"));
		x += ui_put(ui, row, x, 8, ROLE_HEADER, buf, true) + 2;
		ui_put(ui, row, x, d->width - x, ROLE_HEADER, _("Change"), false);
	}
	for (i = 0; i < c->n_dims; i++) {
		const struct dim_change *dc = &c->dims[i];
		const struct catalogue *cat = dc->new_dim >= 0 ? k->cmp.new.cat : k->cmp.old.cat;
		int di = dc->new_dim >= 0 ? dc->new_dim : dc->old_dim;
		enum ui_role role = ROLE_DIM;

		if ((row = ui_doc_row(d)) < 0)
			continue;
		x = d->x + ui_put(ui, row, d->x, nw + 2, ROLE_NORMAL,
		                  cat && di >= 0 ? _(cat->dims[di].name) : dc->key, true);
		if (dc->old_score >= 0)
			snprintf(buf, sizeof buf, "%7d", dc->old_score);
		else
			snprintf(buf, sizeof buf, "%7s", "-");
		x += ui_put(ui, row, x, 8, ROLE_NORMAL, buf, true);
		if (dc->new_score >= 0)
			snprintf(buf, sizeof buf, "%7d", dc->new_score);
		else
			snprintf(buf, sizeof buf, "%7s", "-");
		x += ui_put(ui, row, x, 8, ROLE_NORMAL, buf, true) + 2;
		if (dc->comparable)
			ui_delta(ui, dc->delta, buf, sizeof buf, &role);
		else
			snprintf(buf, sizeof buf, "%s", _("not comparable"));
		ui_put(ui, row, x, d->width - x, role, buf, false);
	}
}

static void compare_draw_knockouts(struct compare *k, struct ui *ui, struct ui_doc *d)
{
	const struct comparison *c = &k->cmp.cmp;
	char buf[600];
	int i, shown = 0;

	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("Stop signs"));
	for (i = 0; i < c->n_knockouts; i++) {
		const struct knockout_change *kc = &c->knockouts[i];
		const struct catalogue *cat = kc->new_ko >= 0 ? k->cmp.new.cat : k->cmp.old.cat;
		int ki = kc->new_ko >= 0 ? kc->new_ko : kc->old_ko;
		const char *name = cat && ki >= 0 ? _(cat->knockouts[ki].name) : kc->key;
		enum ui_role role;

		if (kc->was_fired && !kc->is_fired && kc->new_ko >= 0) {
			snprintf(buf, sizeof buf, kc->is_caution ? _("%s resolved, a caution now: %s")
			                                         : _("%s resolved: %s"),
			         ui_sym(ui, SYM_CHECK), name);
			role = ROLE_GOOD;
		} else if (!kc->was_fired && kc->is_fired) {
			snprintf(buf, sizeof buf, _("%s new: %s"), ui_sym(ui, SYM_CROSS), name);
			role = ROLE_BAD;
		} else if (kc->is_fired) {
			snprintf(buf, sizeof buf, _("%s still there: %s"), ui_sym(ui, SYM_CROSS), name);
			role = ROLE_WARN;
		} else if (kc->is_caution && !kc->was_caution) {
			snprintf(buf, sizeof buf, _("! new caution: %s"), name);
			role = ROLE_WARN;
		} else if (kc->was_caution && !kc->is_caution && kc->new_ko >= 0) {
			snprintf(buf, sizeof buf, _("%s caution resolved: %s"), ui_sym(ui, SYM_CHECK), name);
			role = ROLE_GOOD;
		} else {
			continue;
		}
		ui_doc_text(ui, d, 2, role, buf);
		if (role != ROLE_GOOD && cat && ki >= 0)
			ui_doc_text(ui, d, 4, ROLE_NORMAL, _(cat->knockouts[ki].reason));
		shown++;
	}
	if (!shown)
		ui_doc_text(ui, d, 2, ROLE_NORMAL, _("None, before or now."));
}

/* "▲ better", "▼ worse", "= same", "? not comparable": word and symbol,
 * so the change reads without colour. */
static enum ui_role change_tag(struct ui *ui, enum change ch, char *buf, size_t bufsz)
{
	switch (ch) {
	case CHANGE_IMPROVED:
		snprintf(buf, bufsz, _("%s better"), ui_sym(ui, SYM_UP));
		return ROLE_GOOD;
	case CHANGE_WORSE:
		snprintf(buf, bufsz, _("%s worse"), ui_sym(ui, SYM_DOWN));
		return ROLE_BAD;
	case CHANGE_UNCHANGED:
		snprintf(buf, bufsz, _("%s same"), ui_sym(ui, SYM_SAME));
		return ROLE_NORMAL;
	case CHANGE_NOW_KNOWN:
	case CHANGE_NO_LONGER_KNOWN:
		snprintf(buf, bufsz, "%s", _(compare_change_text(ch)));
		return ROLE_NORMAL;
	default:
		snprintf(buf, bufsz, "%s", _("? not comparable"));
		return ROLE_DIM;
	}
}

/* Width of the widest tag among the kinds of change listed, so the
 * questions line up without wasting room on tags that are not there. */
static int tag_width(struct ui *ui, const struct compare *k)
{
	const struct comparison *c = &k->cmp.cmp;
	bool present[CHANGE_COUNT] = {
		[CHANGE_UNCHANGED] = k->show_unchanged && c->unchanged > 0,
		[CHANGE_IMPROVED] = c->improved > 0,
		[CHANGE_WORSE] = c->worse > 0,
		[CHANGE_NOT_COMPARABLE] = c->not_comparable > 0,
		[CHANGE_NOW_KNOWN] = c->now_known > 0,
		[CHANGE_NO_LONGER_KNOWN] = c->no_longer_known > 0,
	};
	char buf[128];
	int ch, w = 0;

	for (ch = CHANGE_UNCHANGED; ch < CHANGE_COUNT; ch++) {
		if (!present[ch])
			continue;
		change_tag(ui, (enum change)ch, buf, sizeof buf);
		if (ui_width(ui, buf) > w)
			w = ui_width(ui, buf);
	}
	return w;
}

/* tw: the width of the tag column (tag_width), the same for every item. */
static void compare_draw_item(struct compare *k, struct ui *ui, struct ui_doc *d,
                              const struct item_change *ic, int tw)
{
	const struct catalogue *cat = NULL;
	int idx = -1;
	const struct cat_item *it = cmp_item(k, ic, &cat, &idx);
	char buf[700], num[16], a[96], b[96], tag[128];
	enum ui_role role;

	role = change_tag(ui, ic->change, tag, sizeof tag);
	catalogue_item_label(cat, idx, num, sizeof num);
	{
		char prefix[160];

		snprintf(prefix, sizeof prefix, "%s %s", tag, num);
		ui_doc_hang(ui, d, 2, prefix, role, 8 + tw, ROLE_BOLD,
		            it ? _(it->question) : ic->key);
	}
	value_text(ic->old_value, a, sizeof a);
	value_text(ic->new_value, b, sizeof b);
	if (ic->change == CHANGE_NOT_COMPARABLE)
		snprintf(buf, sizeof buf, "%s %s %s (%s)", a, ui_sym(ui, SYM_ARROW), b,
		         _(compare_reason_text(ic->reason)));
	else if (ic->change == CHANGE_UNCHANGED)
		snprintf(buf, sizeof buf, "%s", b);
	else if (ic->change == CHANGE_NOW_KNOWN || ic->change == CHANGE_NO_LONGER_KNOWN)
		snprintf(buf, sizeof buf, "%s %s %s", a, ui_sym(ui, SYM_ARROW), b);
	else
		snprintf(buf, sizeof buf, "%s %s %s  (%+d)", a, ui_sym(ui, SYM_ARROW), b, ic->delta);
	ui_doc_text(ui, d, 8 + tw, role, buf);
	if (ic->change != CHANGE_UNCHANGED) {
		const char *on = ic->old_item >= 0 ? k->cmp.old.notes[ic->old_item] : NULL;
		const char *nn = ic->new_item >= 0 ? k->cmp.new.notes[ic->new_item] : NULL;

		if (on && *on) {
			snprintf(buf, sizeof buf, _("Note before: %s"), on);
			ui_doc_text(ui, d, 8 + tw, ROLE_DIM, buf);
		}
		if (nn && *nn) {
			snprintf(buf, sizeof buf, _("Note now: %s"), nn);
			ui_doc_text(ui, d, 8 + tw, ROLE_DIM, buf);
		}
	}
}

static void compare_draw_items(struct compare *k, struct ui *ui, struct ui_doc *d)
{
	const struct comparison *c = &k->cmp.cmp;
	static const enum change groups[] = {
		CHANGE_IMPROVED, CHANGE_WORSE, CHANGE_NOW_KNOWN, CHANGE_NO_LONGER_KNOWN,
		CHANGE_NOT_COMPARABLE, CHANGE_UNCHANGED
	};
	char buf[300];
	size_t g;
	int i, tw = tag_width(ui, k);

	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("Items by change"));
	for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		if (groups[g] == CHANGE_UNCHANGED && !k->show_unchanged) {
			if (c->unchanged) {
				snprintf(buf, sizeof buf,
				         P_("(%d unchanged item hidden: press u to show it)",
				            "(%d unchanged items hidden: press u to show them)", c->unchanged),
				         c->unchanged);
				ui_doc_text(ui, d, 2, ROLE_DIM, buf);
			}
			continue;
		}
		for (i = 0; i < c->n_items; i++)
			if (c->items[i].change == groups[g])
				compare_draw_item(k, ui, d, &c->items[i], tw);
	}
}

static void compare_draw(struct ui_screen *s, struct ui *ui)
{
	struct compare *k = (struct compare *)s;
	struct ui_doc d = { .top = ui_body_top(), .height = ui_body_height(),
	                    .scroll = s->page.scroll, .x = 1, .width = COLS - 4 };
	char title[300];

	snprintf(title, sizeof title, _("Comparison: %s"), k->have_company ? k->c.name : "");
	ui_title(ui, title);
	compare_draw_head(k, ui, &d);
	/* Did the advice work?  First, before the detail. */
	ui_loop_draw(ui, &d, &k->loop);
	compare_draw_dims(k, ui, &d);
	compare_draw_knockouts(k, ui, &d);
	compare_draw_items(k, ui, &d);
	s->page.lines = d.lines;
	ui_doc_more(ui, &d);
}

static int compare_write(FILE *out, enum report_format fmt, struct ui *ui, void *ctx)
{
	struct compare *k = ctx;
	struct assess_report rep;
	int rc = -1;

	if (assess_report_gather_compare(ui->st, &k->cmp, &ui->settings, &rep) == STORE_OK)
		rc = report_comparison(out, fmt, &rep.in);
	assess_report_clear(&rep);
	return rc;
}

static enum ui_reaction compare_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct compare *k = (struct compare *)s;

	switch (act) {
	case UI_ACT_BACK: return UI_POP;
	case UI_ACT_TOGGLE_UNCHANGED:
		k->show_unchanged = !k->show_unchanged;
		return UI_REDRAW;
	case UI_ACT_EXPORT:
		if (!k->have_company)
			return UI_NONE;
		return ui_export_ask(ui, &k->ex, &k->c, &k->cmp.new.a, true, compare_write, k);
	case UI_ACT_PLAN:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_PLAN,
		                                         .company = k->company });
	default:
		return UI_NONE;
	}
}

static bool compare_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct compare *k = (struct compare *)s;

	k->company = req->company;
	k->from = req->from;
	k->to = req->to;
	return true;
}

static bool compare_load(struct ui_screen *s, struct ui *ui)
{
	struct compare *k = (struct compare *)s;
	struct compared cmp;
	enum store_err err = assess_compare(ui->st, k->company, k->from, k->to, &cmp);

	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	if (k->loaded)
		assess_compared_clear(&k->cmp);
	k->cmp = cmp;
	k->loaded = true;
	assess_plan_loop_clear(&k->loop);
	if (assess_plan_loop(ui->st, &k->cmp.old, &k->cmp.new, &k->loop) != STORE_OK)
		assess_plan_loop_clear(&k->loop);   /* shown without it */
	if (k->have_company)
		store_company_clear(&k->c);
	k->have_company = store_company_get(ui->st, k->company, &k->c) == STORE_OK;
	return true;
}

static void compare_destroy(struct ui_screen *s)
{
	struct compare *k = (struct compare *)s;

	if (k->loaded)
		assess_compared_clear(&k->cmp);
	if (k->have_company)
		store_company_clear(&k->c);
	assess_plan_loop_clear(&k->loop);
}

static const struct ui_binding compare_keys[] = {
	{ UI_ACT_TOGGLE_UNCHANGED, true },
	{ UI_ACT_EXPORT, true },
	UI_BIND_MOVES(true),
	{ UI_ACT_PLAN, true },
	{ UI_ACT_BACK, true },
	{ UI_ACT_REFRESH, false },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, true },
};

const struct ui_screen_ops ui_compare_ops = {
	.name = N_("Comparison"),
	.size = sizeof(struct compare),
	.paged = true,
	.keys = compare_keys,
	.n_keys = UI_NBIND(compare_keys),
	.init = compare_init,
	.load = compare_load,
	.draw = compare_draw,
	.key = compare_key,
	.destroy = compare_destroy,
};
