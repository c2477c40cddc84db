/*
 * ui-result.c - the result of one assessment: overall score and level,
 * completeness, a bar per dimension, the knock-outs that fired and why,
 * the summary note, and the recommendations in order; scrollable.  The
 * summary of a draft can be written here, a final assessment reopened.
 * Also owns report export
 * for the result and comparison screens (ui_export_ask).
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-screens.h"

/* ==== export ============================================================= */

/* Reports go to the current directory, as with the command line's
 * "report -o"; when it cannot be written to, to $HOME.  An existing file is
 * never overwritten: a number is added instead. */
static FILE *export_open(const char *name, char *path, size_t pathsz)
{
	char dir[4096];
	const char *home = getenv("HOME");
	const char *dirs[2];
	int d;

	dirs[0] = getcwd(dir, sizeof dir) ? dir : NULL;
	dirs[1] = home && *home ? home : NULL;
	for (d = 0; d < 2; d++) {
		const char *dot = strrchr(name, '.');
		int base = dot ? (int)(dot - name) : (int)strlen(name), i;

		if (!dirs[d] || access(dirs[d], W_OK) != 0)
			continue;
		for (i = 1; i < 100; i++) {
			FILE *f;

			if (i == 1)
				snprintf(path, pathsz, "%s/%s", dirs[d], name);
			else
				snprintf(path, pathsz, "%s/%.*s-%d%s", dirs[d], base, name, i,
				         dot ? dot : "");
			f = fopen(path, "wx");
			if (f)
				return f;
			if (errno != EEXIST)
				break;
		}
	}
	return NULL;
}

static enum ui_reaction export_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	struct ui_export *ex = owner;
	enum report_format fmt;
	char name[512], path[4700];
	FILE *f;
	int rc;

	switch (act) {
	case UI_ACT_EXPORT_MD: fmt = REPORT_MARKDOWN; break;
	case UI_ACT_EXPORT_HTML: fmt = REPORT_HTML; break;
	case UI_ACT_EXPORT_TEXT: fmt = REPORT_TEXT; break;
	default: return UI_POP;
	}
	report_file_name(name, sizeof name, &ex->company, &ex->assessment, ex->comparison, fmt);
	f = export_open(name, path, sizeof path);
	if (!f) {
		ui_error(ui, _("Cannot create the report %s here or in your home directory: %s"),
		         name, strerror(errno));
		return UI_POP;
	}
	rc = ex->write(f, fmt, ex->ctx);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0) {
		ui_error(ui, _("Writing %s failed: %s"), path, strerror(errno));
		unlink(path);
		return UI_POP;
	}
	ui_msg(ui, _("Report saved: %s"), path);
	return UI_POP;
}

enum ui_reaction ui_export_ask(struct ui *ui, struct ui_export *ex, const struct company *c,
                               const struct assessment *a, bool comparison,
                               ui_report_fn write, void *ctx)
{
	static const struct ui_binding formats[] = {
		{ UI_ACT_EXPORT_MD, true }, { UI_ACT_EXPORT_HTML, true },
		{ UI_ACT_EXPORT_TEXT, true }, { UI_ACT_EDIT_CANCEL, true },
	};

	ex->company = *c;
	ex->assessment = *a;
	ex->comparison = comparison;
	ex->write = write;
	ex->ctx = ctx;
	return ui_push(ui, ui_choice_new(ui, _("Save the report as:"), formats,
	                                 UI_NBIND(formats), export_chosen, ex));
}

/* ==== the result screen ================================================== */

struct result {
	struct ui_screen base;
	long long id;
	struct scored s;
	bool loaded;
	struct company c;
	bool have_company;
	struct ui_export ex;
	struct ui_pending pending; /* of a reopen or summary question */
	struct store *st;         /* for the report's "since last time" */
	int scroll, lines;
};

static bool result_load(struct result *r, struct ui *ui)
{
	enum store_err err;

	if (r->loaded)
		assess_clear(&r->s);
	r->loaded = false;
	err = assess_load(ui->st, r->id, &r->s);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	r->loaded = true;
	if (r->have_company)
		store_company_clear(&r->c);
	r->have_company = store_company_get(ui->st, r->s.a.company_id, &r->c) == STORE_OK;
	return true;
}

static void result_draw_head(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct score *sc = &r->s.score;
	char buf[512], date[32];
	enum ui_role role = ui_level_role(sc->level);
	int row, x, lw = ui_width(ui, _("Level"));

	/* The label column fits the longest label in any language. */
	if (ui_width(ui, _("Overall score")) > lw)
		lw = ui_width(ui, _("Overall score"));
	if (ui_width(ui, _("Completeness")) > lw)
		lw = ui_width(ui, _("Completeness"));
	lw += 2;

	ui_date(r->s.a.status == ASSESS_FINAL ? r->s.a.completed : r->s.a.started, date, sizeof date);
	if (r->s.a.status == ASSESS_FINAL)
		snprintf(buf, sizeof buf, _("Final assessment of %s"), date);
	else
		snprintf(buf, sizeof buf, _("Draft of %s (not finished: the score may still change)"), date);
	if (r->s.a.assessor && *r->s.a.assessor) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, _(", by %s"), r->s.a.assessor);
	}
	ui_doc_text(ui, d, 0, ROLE_DIM, buf);
	ui_doc_row(d);
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, lw, ROLE_BOLD, _("Level"), true);
		snprintf(buf, sizeof buf, "%s", ui_level_name(sc->level));
		ui_put(ui, row, x, d->width - lw, role, buf, false);
	}
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, lw, ROLE_BOLD, _("Overall score"), true);
		if (sc->overall == SCORE_NONE) {
			ui_put(ui, row, x, d->width - lw, ROLE_DIM, _("none (nothing answered)"), false);
		} else {
			int bw = d->width - lw - 10 > 40 ? 40 : d->width - lw - 10;

			ui_meter(ui, row, x, bw, sc->overall, role);
			ui_putf(ui, row, x + bw + 1, 9, ROLE_BOLD, "%3d/100", sc->overall);
		}
	}
	if ((row = ui_doc_row(d)) >= 0) {
		x = d->x + ui_put(ui, row, d->x, lw, ROLE_BOLD, _("Completeness"), true);
		snprintf(buf, sizeof buf, _("%d of %d items answered (%d%%)"), sc->answered,
		         sc->total, sc->completeness);
		if (sc->dont_know) {
			size_t len = strlen(buf);

			snprintf(buf + len, sizeof buf - len,
			         P_(", %d of them \"don't know\"", ", %d of them \"don't know\"", sc->dont_know),
			         sc->dont_know);
		}
		ui_put(ui, row, x, d->width - lw, ROLE_NORMAL, buf, false);
	}
}

static void result_draw_summary(struct result *r, struct ui *ui, struct ui_doc *d)
{
	if (!r->s.a.summary || !*r->s.a.summary)
		return;
	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("Summary"));
	ui_doc_text(ui, d, 2, ROLE_NORMAL, r->s.a.summary);
}

static void result_draw_dims(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct catalogue *cat = r->s.cat;
	const struct score *sc = &r->s.score;
	int nw = 0, i, row, bw;

	for (i = 0; i < cat->n_dims; i++)
		if (ui_width(ui, _(cat->dims[i].name)) > nw)
			nw = ui_width(ui, _(cat->dims[i].name));
	if (nw > d->width / 2)
		nw = d->width / 2;
	bw = d->width - 2 - nw - 1 - 5 - 9;
	if (bw > 40)
		bw = 40;
	ui_doc_row(d);
	ui_doc_text(ui, d, 0, ROLE_HEADER, _("Score per dimension"));
	for (i = 0; i < cat->n_dims; i++) {
		char buf[64];

		if ((row = ui_doc_row(d)) < 0)
			continue;
		ui_put(ui, row, d->x + 2, nw, ROLE_NORMAL, _(cat->dims[i].name), true);
		if (sc->dim[i] == SCORE_NONE) {
			ui_put(ui, row, d->x + 3 + nw, bw + 5, ROLE_DIM, _("not answered"), false);
			continue;
		}
		ui_meter(ui, row, d->x + 3 + nw, bw, sc->dim[i], sc->dim[i] >= 75 ? ROLE_GOOD :
		         sc->dim[i] >= 50 ? ROLE_NORMAL : sc->dim[i] >= 25 ? ROLE_WARN : ROLE_BAD);
		snprintf(buf, sizeof buf, "%3d", sc->dim[i]);
		ui_put(ui, row, d->x + 4 + nw + bw, 4, ROLE_BOLD, buf, false);
		if (sc->dim_answered[i] < sc->dim_total[i]) {
			snprintf(buf, sizeof buf, "(%d/%d)", sc->dim_answered[i], sc->dim_total[i]);
			ui_put(ui, row, d->x + 8 + nw + bw, 9, ROLE_DIM, buf, false);
		}
	}
}

static void result_draw_knockouts(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct catalogue *cat = r->s.cat;
	const struct score *sc = &r->s.score;
	char buf[600];
	int i;

	ui_doc_row(d);
	if (!sc->n_fired) {
		ui_doc_text(ui, d, 0, ROLE_HEADER, _("Knock-outs"));
		snprintf(buf, sizeof buf, _("%s None: no hard stop applies."), ui_sym(ui, SYM_CHECK));
		ui_doc_text(ui, d, 2, ROLE_GOOD, buf);
		return;
	}
	snprintf(buf, sizeof buf,
	         P_("Knock-outs: %d hard stop caps the level at \"not ready\"",
	            "Knock-outs: %d hard stops cap the level at \"not ready\"", sc->n_fired),
	         sc->n_fired);
	ui_doc_text(ui, d, 0, ROLE_HEADER, buf);
	for (i = 0; i < cat->n_knockouts; i++) {
		if (!sc->fired[i])
			continue;
		snprintf(buf, sizeof buf, "%s %s", ui_sym(ui, SYM_CROSS), _(cat->knockouts[i].name));
		ui_doc_text(ui, d, 2, ROLE_BAD, buf);
		ui_doc_text(ui, d, 4, ROLE_NORMAL, _(cat->knockouts[i].reason));
	}
}

static void result_draw_recs(struct result *r, struct ui *ui, struct ui_doc *d)
{
	const struct catalogue *cat = r->s.cat;
	const struct score *sc = &r->s.score;
	char buf[600], num[16];
	int i;

	ui_doc_row(d);
	if (!sc->n_recs) {
		ui_doc_text(ui, d, 0, ROLE_HEADER, _("Next steps"));
		ui_doc_text(ui, d, 2, ROLE_NORMAL, _("No weak answers: keep doing what you do."));
		return;
	}
	snprintf(buf, sizeof buf, P_("Next steps (%d), most important first",
	                             "Next steps (%d), most important first", sc->n_recs), sc->n_recs);
	ui_doc_text(ui, d, 0, ROLE_HEADER, buf);
	for (i = 0; i < sc->n_recs; i++) {
		const struct recommendation *rec = &sc->recs[i];
		const struct cat_item *it = &cat->items[rec->item];
		int v = r->s.values[rec->item];

		ui_item_label(cat, rec->item, num, sizeof num);
		snprintf(buf, sizeof buf, "%2d. (%s)", i + 1, num);
		ui_doc_hang(ui, d, 0, buf, ROLE_DIM, 11, rec->knockout ? ROLE_BAD : ROLE_BOLD,
		            _(it->question));
		if (rec->knockout)
			snprintf(buf, sizeof buf, _("Answer: %s %s knock-out"), _(catalogue_scale_label(v)),
			         ui_sym(ui, SYM_CROSS));
		else
			snprintf(buf, sizeof buf, _("Answer: %s"), _(catalogue_scale_label(v)));
		ui_doc_text(ui, d, 11, ROLE_DIM, buf);
		ui_doc_text(ui, d, 11, ROLE_NORMAL, _(it->recommendation));
		if (r->s.notes[rec->item] && r->s.notes[rec->item][0]) {
			snprintf(buf, sizeof buf, _("Note: %s"), r->s.notes[rec->item]);
			ui_doc_text(ui, d, 11, ROLE_DIM, buf);
		}
	}
}

static void result_draw(struct ui_screen *s, struct ui *ui)
{
	struct result *r = (struct result *)s;
	struct ui_doc d = { .top = ui_body_top(), .height = ui_body_height(),
	                    .scroll = r->scroll, .x = 1, .width = COLS - 4 };
	char title[300];

	snprintf(title, sizeof title, _("Result: %s"), r->have_company ? r->c.name : "");
	ui_title(ui, title);
	if (!r->loaded || !r->s.cat) {
		ui_put(ui, d.top + 1, 2, COLS - 4, ROLE_NORMAL,
		       _("This assessment cannot be shown. Press Esc to go back."), false);
		return;
	}
	result_draw_head(r, ui, &d);
	result_draw_summary(r, ui, &d);
	result_draw_dims(r, ui, &d);
	result_draw_knockouts(r, ui, &d);
	result_draw_recs(r, ui, &d);
	r->lines = d.lines;
	ui_doc_more(ui, &d);
}

/* Report with "since last time" when this is a final assessment with a
 * final one before it. */
static int result_write(FILE *out, enum report_format fmt, void *ctx)
{
	struct result *r = ctx;
	struct assessment *list = NULL;
	struct compared cmp;
	size_t n = 0, i;
	long long prev = 0;
	bool have_cmp = false, seen = false;
	int rc;

	if (r->s.a.status == ASSESS_FINAL &&
	    store_assessment_list(r->st, r->s.a.company_id, &list, &n) == STORE_OK) {
		/* Newest first: the first final one after this one is the one
		 * before it. */
		for (i = 0; i < n && !prev; i++) {
			if (list[i].id == r->id)
				seen = true;
			else if (seen && list[i].status == ASSESS_FINAL)
				prev = list[i].id;
		}
		store_assessment_free(list, n);
	}
	if (prev && assess_compare(r->st, r->s.a.company_id, prev, r->id, &cmp) == STORE_OK)
		have_cmp = true;
	rc = report_assessment(out, fmt, &r->c, &r->s, have_cmp ? &cmp : NULL);
	if (have_cmp)
		assess_compared_clear(&cmp);
	return rc;
}

static enum ui_reaction result_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct result *r = (struct result *)s;
	bool shown = r->loaded && r->s.cat;

	if (act == UI_ACT_BACK)
		return UI_POP;
	if (ui_page_move(&r->scroll, r->lines, ui_body_height(), act))
		return UI_REDRAW;
	if (!shown)
		return UI_NONE;
	switch (act) {
	case UI_ACT_EXPORT:
		if (!r->have_company)
			return UI_NONE;
		return ui_export_ask(ui, &r->ex, &r->c, &r->s.a, false, result_write, r);
	case UI_ACT_SUMMARY:
		return ui_meta_ask(ui, &r->s.a, true, &r->pending);
	case UI_ACT_REOPEN:
		if (r->s.a.status != ASSESS_FINAL) {
			ui_error(ui, "%s", _("Only a final assessment can be reopened; this one is a draft."));
			return UI_REDRAW;
		}
		r->pending.id = r->id;
		return ui_reopen_ask(ui, &r->pending);
	default:
		return UI_NONE;
	}
}

static void result_enter(struct ui_screen *s, struct ui *ui)
{
	struct result *r = (struct result *)s;

	result_load(r, ui);
}

static void result_resize(struct ui_screen *s, struct ui *ui)
{
	struct result *r = (struct result *)s;

	/* Lines are counted again by the next draw; keep the position sane. */
	r->scroll = ui_scroll_clamp(r->scroll, r->lines, ui_body_height());
}

static void result_destroy(struct ui_screen *s)
{
	struct result *r = (struct result *)s;

	if (r->loaded)
		assess_clear(&r->s);
	if (r->have_company)
		store_company_clear(&r->c);
	free(r);
}

static const struct ui_binding result_keys[] = {
	{ UI_ACT_EXPORT, true },
	{ UI_ACT_SUMMARY, true },
	{ UI_ACT_REOPEN, false },
	UI_BIND_MOVES(true),
	{ UI_ACT_BACK, true },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, true },
};

static const struct ui_screen_ops result_ops = {
	.name = N_("Result"),
	.keys = result_keys,
	.n_keys = UI_NBIND(result_keys),
	.draw = result_draw,
	.key = result_key,
	.enter = result_enter,
	.resize = result_resize,
	.destroy = result_destroy,
};

struct ui_screen *ui_result_new(struct ui *ui, long long assessment_id)
{
	struct result *r = calloc(1, sizeof *r);

	if (!r) {
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	r->base.ops = &result_ops;
	r->id = assessment_id;
	r->st = ui->st;
	if (!result_load(r, ui)) {
		result_destroy(&r->base);
		return NULL;
	}
	return &r->base;
}
