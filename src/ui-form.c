/*
 * ui-form.c - the questionnaire: items grouped by dimension, the current
 * item's question, optional explanation, answer scale and note, progress
 * always in view.  Every answer, note and confirmation is saved the moment
 * it is given (one store call each), so leaving or a crash loses nothing.
 * The assessor and the summary note are edited from here too (the
 * questions themselves are in ui-flow.c).
 *
 * On a shared server another consultant may answer in the same draft: the
 * form reads the draft again whenever it is shown again, after each save,
 * on Ctrl-L and before finishing, and marks (and names) what someone else
 * changed since it was shown.  Finishing scores only what the form showed:
 * a change that comes in while the question is open is shown and asked
 * about again.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-edit.h"
#include "ui-flow.h"
#include "ui-prompt.h"
#include "ui-screen.h"
#include "ui-unsaved.h"

#define FORM_MAX_ROWS (CAT_MAX_ITEMS + CAT_MAX_DIMS)
#define WRAP_MAX 40

struct form {
	struct ui_screen base;
	long long id;
	struct scored s;
	bool loaded;
	char *company;
	struct company comp;                 /* its record, for answers kept while the server is away */
	bool have_comp;
	char *notes[CAT_MAX_ITEMS];          /* our copies, kept in step with the store */
	int order[CAT_MAX_ITEMS];            /* items in display order */
	int n;
	int rows[FORM_MAX_ROWS];             /* >= 0: position in order; < 0: -(dim + 1) */
	int row_of[CAT_MAX_ITEMS];           /* row of each position */
	int n_rows;
	int pos;                             /* current position in order */
	int scroll;                          /* first list row shown */
	bool show_help;
	bool editing;
	struct ui_edit note;
	struct ui_pending pending;           /* of an assessor or summary question */
	bool placed;                         /* the cursor was put on the first open item */
	char explain[2400];                  /* the explanation shown with h */
	/* What someone else changed since the form showed it, per item (the
	 * ASSESS_CHANGED_* bits; 0: nothing, or seen to since): marked on
	 * the list until the user answers the item. */
	unsigned theirs[CAT_MAX_ITEMS];
	int theirs_was[CAT_MAX_ITEMS];       /* the value the form showed before */
	/* The items the last reading found changed, in display order. */
	int fresh[CAT_MAX_ITEMS];
	int n_fresh;
	char question[2048];                 /* of the finish question */
};

static const struct catalogue *form_cat(const struct form *f)
{
	return f->s.cat;
}

static int form_item(const struct form *f)
{
	return f->order[f->pos];
}

/* ---- loading ------------------------------------------------------------- */

static void form_layout(struct form *f)
{
	const struct catalogue *cat = form_cat(f);
	int d, i;

	f->n = 0;
	f->n_rows = 0;
	for (d = 0; d < cat->n_dims; d++) {
		bool header = false;

		for (i = 0; i < cat->n_items; i++) {
			if (cat->items[i].dimension != d)
				continue;
			if (!header) {
				f->rows[f->n_rows++] = -(d + 1);
				header = true;
			}
			f->row_of[f->n] = f->n_rows;
			f->rows[f->n_rows++] = f->n;
			f->order[f->n++] = i;
		}
	}
}

static void form_free_notes(struct form *f)
{
	int i;

	for (i = 0; i < CAT_MAX_ITEMS; i++) {
		free(f->notes[i]);
		f->notes[i] = NULL;
	}
}

/* Whether an item still needs the assessor: unanswered, or carried over
 * and not yet confirmed. */
static bool form_item_open(const struct form *f, int item)
{
	return f->s.values[item] == ANSWER_UNANSWERED || f->s.carried[item];
}

/* Notes what differs between what the form shows and fresh, the draft as
 * read again: f->fresh lists the items, f->theirs marks them. */
static void form_diff(struct form *f, const struct scored *fresh)
{
	f->n_fresh = 0;
	if (!f->loaded || !f->s.cat || f->s.cat != fresh->cat)
		return;
	for (int p = 0; p < f->n; p++) {
		int item = f->order[p];
		unsigned c = assess_item_changes(&f->s, fresh, item);

		if (!c)
			continue;
		f->theirs[item] = c;
		f->theirs_was[item] = f->s.values[item];
		f->fresh[f->n_fresh++] = item;
	}
}

/* Who changed the item last, as the store recorded it; "" when unknown. */
static const char *form_who(const struct form *f, int item)
{
	return f->s.who[item] ? f->s.who[item] : "";
}

/* What the last reading found changed, on the status line: "Changed
 * meanwhile by bert (◆): 1.2, 2.1". */
static void form_say_changes(struct form *f, struct ui *ui)
{
	const struct catalogue *cat = form_cat(f);
	const char *who = f->n_fresh ? form_who(f, f->fresh[0]) : "";
	char list[600] = "";
	size_t len = 0;
	int i;

	if (f->n_fresh == 0)
		return;
	for (i = 1; i < f->n_fresh; i++)
		if (strcmp(form_who(f, f->fresh[i]), who) != 0)
			who = "";
	for (i = 0; i < f->n_fresh && len < sizeof list - 40; i++) {
		const char *w = form_who(f, f->fresh[i]);
		char num[16];

		catalogue_item_label(cat, f->fresh[i], num, sizeof num);
		if (*who || !*w)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", num);
		else
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%s)", i ? ", " : "",
			                        num, w);
	}
	if (i < f->n_fresh)
		snprintf(list + len, sizeof list - len, " %s", ui_sym(ui, SYM_ELLIPSIS));
	if (*who)
		ui_msg(ui, _("Changed meanwhile by %s (%s on the form): %s"), who,
		       ui_sym(ui, SYM_OTHER), list);
	else
		ui_msg(ui, _("Changed meanwhile (%s on the form): %s"), ui_sym(ui, SYM_OTHER), list);
}

/* Loads the assessment afresh (every answer is in the store the moment it
 * is given, so the store is what the screen shows), first with the cursor
 * where the work is: the first open item, else the top.  What someone
 * else changed since the form showed it is marked and said. */
static bool form_load(struct ui_screen *s, struct ui *ui)
{
	struct form *f = (struct form *)s;
	struct scored fresh;
	enum store_err err;
	struct company c;
	int i;

	/* answers kept while the server was away go in before it is read */
	ui_unsaved_flush(ui);
	err = assess_load(ui->st, f->id, &fresh);
	if (err != STORE_OK && f->loaded && !store_online(ui->st)) {
		/* back from another screen while the server is away: what was
		 * shown stays, with the answers kept meanwhile, rather than a
		 * form that can no longer be used */
		ui_error(ui, "%s", _("The server cannot be reached: this is the assessment as it was "
		                     "shown, and answers you give are kept until it is back."));
		return true;
	}
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	form_diff(f, &fresh);
	if (f->loaded)
		assess_clear(&f->s);
	form_free_notes(f);
	f->s = fresh;
	f->loaded = true;
	if (!f->s.cat) {
		ui_error(ui, "%s", _("This assessment uses a questionnaire this smready does not know."));
		return false;
	}
	for (i = 0; i < f->s.cat->n_items; i++) {
		f->notes[i] = strdup(f->s.notes[i] ? f->s.notes[i] : "");
		if (!f->notes[i]) {
			ui_error(ui, "%s", _("Out of memory."));
			return false;
		}
	}
	if (!f->have_comp && store_company_get(ui->st, f->s.a.company_id, &c) == STORE_OK) {
		free(f->company);
		f->company = strdup(c.name);
		f->comp = c;
		f->have_comp = true;
	}
	form_layout(f);
	if (f->n == 0) {
		ui_error(ui, "%s", _("This assessment has no questions to show."));
		return false;
	}
	if (f->pos >= f->n)
		f->pos = f->n - 1;
	for (i = 0; i < f->n && !f->placed; i++) {
		if (form_item_open(f, f->order[i])) {
			f->pos = i;
			break;
		}
	}
	f->placed = true;
	form_say_changes(f, ui);
	return true;
}

/* Reads the draft again while the form is shown (after a save, before
 * finishing): false, with the store's reason, when it cannot be read. */
static bool form_reread(struct form *f, struct ui *ui)
{
	return form_load(&f->base, ui);
}

static void form_rescore(struct form *f)
{
	scoring_compute(f->s.cat, f->s.values, &f->s.score);
}

static int form_open_count(const struct form *f, int *unanswered, int *carried)
{
	int i;

	*unanswered = *carried = 0;
	for (i = 0; i < f->s.cat->n_items; i++) {
		if (f->s.values[i] == ANSWER_UNANSWERED)
			(*unanswered)++;
		else if (f->s.carried[i])
			(*carried)++;
	}
	return *unanswered + *carried;
}

/* ---- layout --------------------------------------------------------------- */

static const int scale_values[] = { 0, 1, 2, 3, 4, ANSWER_DONT_KNOW };
#define N_SCALE (int)(sizeof scale_values / sizeof scale_values[0])

static void scale_text(int v, char *buf, size_t bufsz)
{
	if (v == ANSWER_DONT_KNOW)
		snprintf(buf, bufsz, "d %s", _(catalogue_scale_label(v)));
	else
		snprintf(buf, bufsz, "%d %s", v, _(catalogue_scale_label(v)));
}

/* The answer column of the list: "3 Mostly", "d Don't know" or "-". */
static void answer_text(int v, char *buf, size_t bufsz)
{
	if (v == ANSWER_UNANSWERED)
		snprintf(buf, bufsz, "-");
	else
		scale_text(v, buf, bufsz);
}

static int answer_width(struct ui *ui)
{
	char buf[128];
	int i, w = 1;

	for (i = 0; i < N_SCALE; i++) {
		scale_text(scale_values[i], buf, sizeof buf);
		if (ui_width(ui, buf) > w)
			w = ui_width(ui, buf);
	}
	return w;
}

/* Places the scale options over as many lines as needed; returns lines. */
static int scale_lines(struct ui *ui, int width, int *line_of, int *x_of)
{
	char buf[128];
	int i, x = 0, line = 0;

	for (i = 0; i < N_SCALE; i++) {
		int w;

		scale_text(scale_values[i], buf, sizeof buf);
		w = ui_width(ui, buf) + 2;
		if (x > 0 && x + w > width) {
			line++;
			x = 0;
		}
		line_of[i] = line;
		x_of[i] = x;
		x += w + 1;
	}
	return line + 1;
}

struct detail {
	struct ui_span q[WRAP_MAX], help[WRAP_MAX];
	int nq, nhelp, nscale, carried, theirs, stop, height;
	int line_of[N_SCALE], x_of[N_SCALE];
};

/* What h shows: what "ready" looks like, and for the item of a stop sign
 * the stop sign and why the sources say to keep hands off. */
static const char *form_explain(struct form *f, int item)
{
	const struct catalogue *cat = form_cat(f);
	int k = catalogue_item_knockout(cat, item);

	if (k < 0)
		return _(cat->items[item].help);
	snprintf(f->explain, sizeof f->explain, _("%s\nStop sign \"%s\" when answered 0, 1 or "
	                                          "don't know: %s"),
	         _(cat->items[item].help), _(cat->knockouts[k].name), _(cat->knockouts[k].reason));
	return f->explain;
}

static int form_detail_plan(struct form *f, struct ui *ui, struct detail *d)
{
	const struct cat_item *it = &form_cat(f)->items[form_item(f)];
	int width = COLS - 8, max = ui_body_height() - 1 - 1 - 3;

	d->nq = ui_wrap(_(it->question), width, d->q, WRAP_MAX);
	d->nhelp = f->show_help ? ui_wrap(form_explain(f, form_item(f)), COLS - 4, d->help,
	                                  WRAP_MAX) : 0;
	d->nscale = scale_lines(ui, COLS - 4, d->line_of, d->x_of);
	d->carried = f->s.carried[form_item(f)] ? 1 : 0;
	d->theirs = f->theirs[form_item(f)] ? 1 : 0;
	/* A stop-sign item says so, until h explains it in full. */
	d->stop = !f->show_help && catalogue_item_knockout(form_cat(f), form_item(f)) >= 0;
	d->height = d->nq + d->carried + d->theirs + d->stop + d->nscale + 1 + (d->nhelp ? d->nhelp + 1 : 0);
	if (d->height > max) {
		int cut = d->height - max;

		/* The explanation gives way first: it can be read in pieces
		 * on a bigger terminal. */
		if (d->nhelp) {
			int keep = d->nhelp - cut;

			if (keep < 1)
				keep = 1;
			d->height -= d->nhelp - keep;
			d->nhelp = keep;
		}
		if (d->height > max && d->nq > 2) {
			int keep = d->nq - (d->height - max);

			if (keep < 2)
				keep = 2;
			d->height -= d->nq - keep;
			d->nq = keep;
		}
	}
	return d->height;
}

/* ---- drawing -------------------------------------------------------------- */

/* Right of the progress: "draft of DATE  •  Assessor: NAME"; when that
 * does not fit, the assessor alone (cut if need be): who makes it matters
 * more than when it was started. */
static void form_draw_who(struct form *f, struct ui *ui, int y, int from)
{
	char buf[600], date[32], who[400] = "";
	int room = COLS - 1 - from, w;

	ui_date(f->s.a.started, date, sizeof date);
	if (f->s.a.assessor && *f->s.a.assessor)
		snprintf(who, sizeof who, _("Assessor: %s"), f->s.a.assessor);
	snprintf(buf, sizeof buf, _("draft of %s"), date);
	if (*who) {
		size_t len = strlen(buf);

		snprintf(buf + len, sizeof buf - len, "  %s %s", ui_sym(ui, SYM_BULLET), who);
	}
	w = ui_width(ui, buf);
	if (w > room && *who) {
		/* "Assessor: NAME", else the name alone, cut if need be. */
		snprintf(buf, sizeof buf, "%s", ui_width(ui, who) <= room ? who : f->s.a.assessor);
		w = ui_width(ui, buf) < room ? ui_width(ui, buf) : room;
	}
	if (w > room || room < 8)
		return;
	ui_put(ui, y, COLS - 1 - w, w, ROLE_DIM, buf, false);
}

/* The answers of this assessment that the server has not taken yet. */
static int form_unsaved(const struct form *f, const struct ui *ui)
{
	int n = 0;

	for (int i = 0; f->s.cat && i < f->s.cat->n_items; i++)
		n += unsaved_has(&ui->unsaved, f->id, f->s.cat->items[i].key);
	return n;
}

static void form_draw_progress(struct form *f, struct ui *ui, int y)
{
	const struct score *sc = &f->s.score;
	char done[128], pct[16], carried[128] = "";
	int x = 1, un, car, mw, need;

	form_open_count(f, &un, &car);
	snprintf(done, sizeof done, _("Answered %d of %d"), sc->answered, sc->total);
	snprintf(pct, sizeof pct, "%d%%", sc->completeness);
	if (car)
		snprintf(carried, sizeof carried,
		         P_("  %s %d carried to confirm", "  %s %d carried to confirm", car),
		         ui_sym(ui, SYM_CARRIED), car);
	if (form_unsaved(f, ui) > 0) {
		int n = form_unsaved(f, ui);

		snprintf(carried, sizeof carried, P_("  %s %d not saved yet", "  %s %d not saved yet", n),
		         ui_sym(ui, SYM_CROSS), n);
	}
	/* The bar gives way when the assessor's name would not fit beside
	 * the counts: the numbers say the same. */
	mw = COLS >= 100 ? 20 : 10;
	need = 1 + ui_width(ui, done) + 1 + mw + 1 + ui_width(ui, pct) + ui_width(ui, carried) + 3;
	if (f->s.a.assessor && *f->s.a.assessor &&
	    need + ui_width(ui, f->s.a.assessor) + 1 > COLS)
		mw = 0;
	x += ui_put(ui, y, x, COLS - x, ROLE_BOLD, done, false) + 1;
	if (mw) {
		ui_meter(ui, y, x, mw, sc->total ? sc->answered * 100 / sc->total : 0, ROLE_GOOD);
		x += mw + 1;
	}
	x += ui_put(ui, y, x, COLS - x, ROLE_NORMAL, pct, false);
	x += ui_put(ui, y, x, COLS - x, ROLE_WARN, carried, false);
	form_draw_who(f, ui, y, x + 3);
}

static void form_draw_row(struct form *f, struct ui *ui, int y, int row, int aw)
{
	const struct catalogue *cat = form_cat(f);
	char buf[160], num[16];
	int x, pos, item, v;
	bool sel;
	enum ui_role base;

	if (f->rows[row] < 0) {
		int d = -f->rows[row] - 1, done = f->s.score.dim_answered[d];

		snprintf(buf, sizeof buf, "%d %s", d + 1, _(cat->dims[d].name));
		x = ui_put(ui, y, 1, COLS - 12, ROLE_HEADER, buf, false) + 2;
		snprintf(buf, sizeof buf, "%d/%d", done, f->s.score.dim_total[d]);
		ui_put(ui, y, x, COLS - x, ROLE_DIM, buf, false);
		return;
	}
	pos = f->rows[row];
	item = f->order[pos];
	v = f->s.values[item];
	sel = pos == f->pos;
	base = sel ? ROLE_SELECTED : ROLE_NORMAL;
	ui_fill(ui, y, 0, COLS, base);
	x = ui_put(ui, y, 0, 2, base, sel ? ui_sym(ui, SYM_CURSOR) : " ", true);
	catalogue_item_label(cat, item, num, sizeof num);
	x += ui_put(ui, y, x, 5, base, num, true);
	/* Stop-sign items are marked, by a sign and (in colour) its colour. */
	x += ui_put(ui, y, x, 2, sel ? base : ROLE_BAD,
	            catalogue_item_knockout(cat, item) >= 0 ? "!" : " ", true);
	x += ui_put(ui, y, x, COLS - x - aw - 6, base, _(cat->items[item].question), true) + 1;
	if (unsaved_has(&ui->unsaved, f->id, cat->items[item].key))
		x += ui_put(ui, y, x, 2, sel ? base : ROLE_BAD, ui_sym(ui, SYM_CROSS), true);
	else if (f->theirs[item])
		x += ui_put(ui, y, x, 2, sel ? base : ROLE_WARN, ui_sym(ui, SYM_OTHER), true);
	else
		x += ui_put(ui, y, x, 2, sel ? base : ROLE_WARN,
		            f->s.carried[item] ? ui_sym(ui, SYM_CARRIED) : " ", true);
	answer_text(v, buf, sizeof buf);
	x += ui_put(ui, y, x, aw, sel ? base : (v == ANSWER_UNANSWERED ? ROLE_DIM : ROLE_NORMAL),
	            buf, true) + 1;
	ui_put(ui, y, x, 2, base, f->notes[item][0] ? ui_sym(ui, SYM_NOTE) : " ", true);
}

static void form_draw_detail(struct form *f, struct ui *ui, int y, const struct detail *d)
{
	const struct catalogue *cat = form_cat(f);
	int item = form_item(f), v = f->s.values[item], i;
	char num[16], buf[256];

	ui_hline(ui, y - 1, 0, COLS, ROLE_DIM);
	catalogue_item_label(cat, item, num, sizeof num);
	ui_put(ui, y, 1, 6, ROLE_BOLD, num, false);
	for (i = 0; i < d->nq; i++)
		ui_put_span(ui, y++, 7, COLS - 8, ROLE_BOLD, &d->q[i]);
	if (d->carried) {
		snprintf(buf, sizeof buf, _("%s Carried over from last time: Enter confirms it, or choose another answer."),
		         ui_sym(ui, SYM_CARRIED));
		ui_put(ui, y++, 2, COLS - 3, ROLE_WARN, buf, false);
	}
	if (d->theirs) {
		const char *who = form_who(f, item);
		char was[128];

		answer_text(f->theirs_was[item], was, sizeof was);
		if (*who && (f->theirs[item] & ASSESS_CHANGED_VALUE))
			snprintf(buf, sizeof buf, _("%s Changed meanwhile by %s (before: %s)."),
			         ui_sym(ui, SYM_OTHER), who, was);
		else if (*who)
			snprintf(buf, sizeof buf, _("%s Changed meanwhile by %s."), ui_sym(ui, SYM_OTHER),
			         who);
		else if (f->theirs[item] & ASSESS_CHANGED_VALUE)
			snprintf(buf, sizeof buf, _("%s Changed meanwhile (before: %s)."),
			         ui_sym(ui, SYM_OTHER), was);
		else
			snprintf(buf, sizeof buf, _("%s Changed meanwhile."), ui_sym(ui, SYM_OTHER));
		ui_put(ui, y++, 2, COLS - 3, ROLE_WARN, buf, false);
	}
	if (d->stop) {
		int k = catalogue_item_knockout(cat, item);

		snprintf(buf, sizeof buf, _("! Stop sign \"%s\" when answered 0, 1 or don't know (h says why)"),
		         _(cat->knockouts[k].name));
		ui_put(ui, y++, 2, COLS - 3, ROLE_BAD, buf, false);
	}
	if (d->nhelp) {
		for (i = 0; i < d->nhelp; i++)
			ui_put_span(ui, y++, 2, COLS - 3, ROLE_DIM, &d->help[i]);
		y++;
	}
	for (i = 0; i < N_SCALE; i++) {
		bool chosen = scale_values[i] == v;

		scale_text(scale_values[i], num, sizeof num);
		snprintf(buf, sizeof buf, chosen ? "[%s]" : " %s ", num);
		ui_put(ui, y + d->line_of[i], 2 + d->x_of[i], COLS - 3 - d->x_of[i],
		       chosen ? ROLE_SELECTED : ROLE_NORMAL, buf, false);
	}
	y += d->nscale;
	i = ui_put(ui, y, 2, COLS - 3, ROLE_BOLD, _("Note:"), false) + 3;
	if (f->editing)
		ui_edit_draw(&f->note, ui, y, i, COLS - i - 1);
	else if (f->notes[item][0])
		ui_put(ui, y, i, COLS - i - 1, ROLE_NORMAL, f->notes[item], false);
	else
		ui_put(ui, y, i, COLS - i - 1, ROLE_DIM, _("(none; press n to write one)"), false);
}

static void form_scroll(struct form *f, int h)
{
	int row = f->row_of[f->pos];

	/* Keep the dimension header above the first item in view. */
	if (row - 1 >= 0 && f->rows[row - 1] < 0)
		row--;
	if (row < f->scroll)
		f->scroll = row;
	if (f->row_of[f->pos] >= f->scroll + h)
		f->scroll = f->row_of[f->pos] - h + 1;
	f->scroll = ui_scroll_clamp(f->scroll, f->n_rows, h);
}

static void form_draw(struct ui_screen *s, struct ui *ui)
{
	struct form *f = (struct form *)s;
	char title[300];
	struct detail d;
	int top = ui_body_top(), h, i, aw;

	snprintf(title, sizeof title, _("Assessment: %s"), f->company ? f->company : "");
	ui_title(ui, title);
	if (!f->loaded || !f->s.cat || f->n == 0) {
		ui_put(ui, top + 1, 2, COLS - 4, ROLE_NORMAL,
		       _("This assessment cannot be shown. Press Esc to go back."), false);
		return;
	}
	form_draw_progress(f, ui, top);
	form_detail_plan(f, ui, &d);
	h = ui_body_height() - 1 - 1 - d.height;
	aw = answer_width(ui);
	form_scroll(f, h);
	for (i = 0; i < h && f->scroll + i < f->n_rows; i++)
		form_draw_row(f, ui, top + 1 + i, f->scroll + i, aw);
	form_draw_detail(f, ui, top + 2 + h, &d);
}

/* ---- saving ------------------------------------------------------------ */

static void form_next(struct form *f)
{
	if (f->pos + 1 < f->n)
		f->pos++;
}

enum form_write { WRITE_VALUE, WRITE_NOTE, WRITE_CONFIRM };

/* Saves one change of the item (its new value and note given whole), or,
 * when the server has gone away, keeps it to be saved when it is back
 * (ui-unsaved.c): true either way; *stored says which.  While answers are
 * kept, a new one joins them, so that they go in in the order they were
 * typed. */
static bool form_write(struct form *f, struct ui *ui, int item, enum form_write op, int value,
                       const char *note, bool *stored)
{
	const char *key = form_cat(f)->items[item].key;
	enum store_err err = ui_unsaved_flush(ui);

	*stored = false;
	if (err == STORE_OK) {
		ui_saving(ui);
		err = op == WRITE_VALUE ? store_answer_set(ui->st, f->id, key, value)
		      : op == WRITE_NOTE ? store_answer_set_note(ui->st, f->id, key, note)
		      : store_answer_confirm(ui->st, f->id, key);
		if (err == STORE_OK) {
			*stored = true;
			return true;
		}
	}
	if (f->have_comp && ui_unsaved_keep(ui, &f->comp, &f->s.a, key, value, note))
		return true;
	ui_store_error(ui, err);
	return false;
}

/* After the user's own change of item: its mark of someone else's change
 * goes (the user has seen to it), and a change that went into the store
 * brings in what others changed meanwhile (a draft has a few dozen
 * answers: reading them again is cheap). */
static void form_saved(struct form *f, struct ui *ui, int item, bool stored)
{
	f->theirs[item] = 0;
	if (stored)
		form_reread(f, ui);
}

static enum ui_reaction form_answer(struct form *f, struct ui *ui, int value)
{
	int item = form_item(f);

	bool stored;

	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	if (!form_write(f, ui, item, WRITE_VALUE, value, f->notes[item], &stored))
		return UI_REDRAW;
	f->s.values[item] = value;
	f->s.carried[item] = false;
	form_rescore(f);
	if (value != ANSWER_UNANSWERED)
		form_next(f);
	form_saved(f, ui, item, stored);
	return UI_REDRAW;
}

static enum ui_reaction form_confirm(struct form *f, struct ui *ui)
{
	int item = form_item(f);
	bool stored;

	if (!f->s.carried[item]) {
		form_next(f);
		return UI_REDRAW;
	}
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	if (!form_write(f, ui, item, WRITE_CONFIRM, f->s.values[item], f->notes[item], &stored))
		return UI_REDRAW;
	f->s.carried[item] = false;
	form_next(f);
	form_saved(f, ui, item, stored);
	return UI_REDRAW;
}

static enum ui_reaction form_save_note(struct form *f, struct ui *ui)
{
	int item = form_item(f);
	char *text = ui_edit_text(&f->note), *t, *shown;
	enum text_check c;
	bool stored;

	if (!text) {
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	t = text_trim_dup(text);
	free(text);
	if (!t) {
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	c = text_check_note(t, TEXT_NOTE_MAX);
	if (c != TEXT_OK && c != TEXT_EMPTY) {
		char why[128];

		ui_error(ui, "%s: %s", _("Note"), text_check_say(c, TEXT_NOTE_MAX, why, sizeof why));
		free(t);
		return UI_REDRAW;     /* stay in the editor: nothing is lost */
	}
	shown = strdup(t);
	if (!shown) {
		free(t);
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	if (!form_write(f, ui, item, WRITE_NOTE, f->s.values[item], t, &stored)) {
		free(shown);
		free(t);
		return UI_REDRAW;
	}
	free(f->notes[item]);
	f->notes[item] = t;
	/* what the form shows, to tell another's change from this one */
	free(f->s.notes[item]);
	f->s.notes[item] = shown;
	/* a note leaves a carried answer to be confirmed in the store; a
	 * kept one is taken whole, carried no more */
	if (!stored)
		f->s.carried[item] = false;
	f->editing = false;
	ui_edit_free(&f->note);
	if (store_online(ui->st))
		ui_msg(ui, "%s", _("Note saved."));
	form_saved(f, ui, item, stored);
	return UI_REDRAW;
}

static enum ui_reaction form_note_key(struct form *f, struct ui *ui, int ch)
{
	switch (ui_edit_key(&f->note, ch)) {
	case EDIT_DONE:
		return form_save_note(f, ui);
	case EDIT_CANCEL:
		f->editing = false;
		ui_edit_free(&f->note);
		ui_msg(ui, "%s", _("Note left as it was."));
		return UI_REDRAW;
	case EDIT_FULL:
		ui_error(ui, "%s", _("That is as long as a note can be."));
		return UI_REDRAW;
	case EDIT_BAD:
		ui_error(ui, "%s", _(UI_EDIT_BAD));
		return UI_REDRAW;
	case EDIT_UNHANDLED:
		return UI_NONE;
	default:
		return UI_REDRAW;
	}
}

/* ---- finishing ------------------------------------------------------------ */

/* What changed in item, as one line of the finish question: "1.2 by bert:
 * - → 3 largely, note changed". */
static void form_change_line(struct form *f, struct ui *ui, int item, char *buf, size_t sz)
{
	unsigned c = f->theirs[item];
	const char *who = form_who(f, item);
	char num[16], what[400] = "", was[128], now[128];
	size_t len = 0;

	catalogue_item_label(form_cat(f), item, num, sizeof num);
	if (c & ASSESS_CHANGED_VALUE) {
		answer_text(f->theirs_was[item], was, sizeof was);
		answer_text(f->s.values[item], now, sizeof now);
		len += (size_t)snprintf(what, sizeof what, "%s %s %s", was, ui_sym(ui, SYM_ARROW), now);
	}
	if ((c & ASSESS_CHANGED_NOTE) && len < sizeof what)
		len += (size_t)snprintf(what + len, sizeof what - len, "%s%s", len ? ", " : "",
		                        _("note changed"));
	if ((c & ASSESS_CHANGED_CARRIED) && !f->s.carried[item] && len < sizeof what)
		len += (size_t)snprintf(what + len, sizeof what - len, "%s%s", len ? ", " : "",
		                        _("carried answer confirmed"));
	if (!*what)
		snprintf(what, sizeof what, "%s", _("changed"));
	if (*who)
		/* TRANSLATORS: a question's number, who changed its answer,
		 * and what changed ("1.2 by bert: - → 3 largely"). */
		snprintf(buf, sz, _("%s by %s: %s"), num, who, what);
	else
		snprintf(buf, sz, "%s: %s", num, what);
}

/* The lines of what the last reading found changed, after head. */
static size_t form_change_lines(struct form *f, struct ui *ui, const char *head, char *buf,
                                size_t sz)
{
	size_t len = (size_t)snprintf(buf, sz, "%s", head);
	int i;

	for (i = 0; i < f->n_fresh && i < 6 && len < sz; i++) {
		char line[600];

		form_change_line(f, ui, f->fresh[i], line, sizeof line);
		len += (size_t)snprintf(buf + len, sz - len, "\n%s", line);
	}
	if (i < f->n_fresh && len < sz)
		len += (size_t)snprintf(buf + len, sz - len,
		                        P_("\n%s and %d more", "\n%s and %d more", f->n_fresh - i),
		                        ui_sym(ui, SYM_ELLIPSIS), f->n_fresh - i);
	if (len < sz)
		len += (size_t)snprintf(buf + len, sz - len, "\n");
	return len < sz ? len : sz - 1;
}

/* The finish question in f->question: what changed since the form was
 * shown (after head, when the last reading found anything), what is still
 * open, and whether to finish. */
static void form_finish_question(struct form *f, struct ui *ui, const char *head)
{
	const struct catalogue *cat = form_cat(f);
	char list[256] = "", *msg = f->question;
	int un, car, i, shown = 0;
	size_t len = 0, at = 0, sz = sizeof f->question;

	if (f->n_fresh)
		at = form_change_lines(f, ui, head, msg, sz);
	msg += at;
	sz -= at;
	form_open_count(f, &un, &car);
	for (i = 0; i < f->n && un; i++) {
		int item = f->order[i];
		char num[16];

		if (f->s.values[item] != ANSWER_UNANSWERED)
			continue;
		if (shown == 8) {
			snprintf(list + len, sizeof list - len, " %s", ui_sym(ui, SYM_ELLIPSIS));
			break;
		}
		catalogue_item_label(cat, item, num, sizeof num);
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", shown ? ", " : "", num);
		if (len >= sizeof list)
			break;
		shown++;
	}
	if (un == 0 && car == 0) {
		snprintf(msg, sz, P_("All %d item is answered. Finish and score the assessment now?",
		                     "All %d items are answered. Finish and score the assessment now?",
		                     f->n), f->n);
	} else {
		char a[400] = "", b[200] = "";

		if (un)
			snprintf(a, sizeof a, P_("%d item is still unanswered (%s); it is left out of the score.",
			                         "%d items are still unanswered (%s); they are left out of the score.",
			                         un), un, list);
		if (car)
			snprintf(b, sizeof b, P_("%d carried-over answer is not confirmed yet; it counts as given.",
			                         "%d carried-over answers are not confirmed yet; they count as given.",
			                         car), car);
		snprintf(msg, sz, _("%s%s%s Finish anyway?"), a, *a && *b ? " " : "", b);
	}
}

static enum ui_reaction finish_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	struct form *f = owner;
	enum store_err err;

	if (act != UI_ACT_YES)
		return UI_POP;
	ui_saving(ui);
	/* only what the form shows is scored: an answer given meanwhile
	 * refuses the finish, and is shown and asked about */
	err = assess_finish(ui->st, f->id, &f->s);
	if (err == STORE_CHANGED && form_reread(f, ui)) {
		form_finish_question(f, ui, _("Not finished: while you were asked, these answers "
		                              "were changed (they are on the form now):"));
		return ui_ask_confirm_again(ui, f->question, finish_chosen, f);
	}
	if (err != STORE_OK) {
		if (err != STORE_CHANGED)
			ui_store_error(ui, err);
		return UI_POP;
	}
	ui_msg(ui, "%s", _("Assessment finished and scored."));
	/* The result takes the place of the question and of this form. */
	return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_RESULT, .assessment = f->id,
	                                         .close = 2 });
}

static enum ui_reaction form_finish(struct form *f, struct ui *ui)
{
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	/* the result is scored from what the database holds */
	ui_unsaved_flush(ui);
	if (form_unsaved(f, ui) > 0) {
		int n = form_unsaved(f, ui);

		ui_error(ui, P_("%d answer is not saved yet: the assessment can be finished once the "
		                "server is back and has it.",
		                "%d answers are not saved yet: the assessment can be finished once the "
		                "server is back and has them.", n), n);
		return UI_REDRAW;
	}
	/* ... and the form shows it: what another changed meanwhile is put
	 * on the form and named in the question */
	if (!form_reread(f, ui))
		return UI_REDRAW;
	form_finish_question(f, ui, _("Changed meanwhile (now on the form):"));
	return ui_ask_confirm(ui, f->question, finish_chosen, f);
}

/* ---- keys -------------------------------------------------------------------- */

static enum ui_reaction form_next_open(struct form *f, struct ui *ui)
{
	int i;

	for (i = 1; i <= f->n; i++) {
		int p = (f->pos + i) % f->n;

		if (form_item_open(f, f->order[p])) {
			f->pos = p;
			return UI_REDRAW;
		}
	}
	ui_msg(ui, "%s", _("Every item is answered and confirmed: press f to finish."));
	return UI_REDRAW;
}

static enum ui_reaction form_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct form *f = (struct form *)s;
	size_t pos;

	if (f->editing)
		return form_note_key(f, ui, ch);
	if (act == UI_ACT_BACK)
		return UI_POP;
	if (!f->loaded || !f->s.cat || f->n == 0)
		return UI_NONE;
	pos = (size_t)f->pos;
	if (ui_list_move(&pos, (size_t)f->n, (size_t)(ui_body_height() / 2), act)) {
		f->pos = (int)pos;
		return UI_REDRAW;
	}
	switch (act) {
	case UI_ACT_ANSWER_0: return form_answer(f, ui, 0);
	case UI_ACT_ANSWER_1: return form_answer(f, ui, 1);
	case UI_ACT_ANSWER_2: return form_answer(f, ui, 2);
	case UI_ACT_ANSWER_3: return form_answer(f, ui, 3);
	case UI_ACT_ANSWER_4: return form_answer(f, ui, 4);
	case UI_ACT_DONT_KNOW: return form_answer(f, ui, ANSWER_DONT_KNOW);
	case UI_ACT_CLEAR_ANSWER: return form_answer(f, ui, ANSWER_UNANSWERED);
	case UI_ACT_CONFIRM: return form_confirm(f, ui);
	case UI_ACT_NEXT_OPEN: return form_next_open(f, ui);
	case UI_ACT_TOGGLE_HELP: f->show_help = !f->show_help; return UI_REDRAW;
	case UI_ACT_FINISH: return form_finish(f, ui);
	case UI_ACT_ASSESSOR: return ui_meta_ask(ui, &f->s.a, false, &f->pending);
	case UI_ACT_SUMMARY: return ui_meta_ask(ui, &f->s.a, true, &f->pending);
	case UI_ACT_NOTE:
		if (ui_refuse_readonly(ui))
			return UI_REDRAW;
		f->editing = true;
		ui_edit_init(&f->note, f->notes[form_item(f)], TEXT_NOTE_MAX);
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

static bool form_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	((struct form *)s)->id = req->assessment;
	return true;
}

static bool form_typing(const struct ui_screen *s)
{
	return ((const struct form *)s)->editing;
}

static void form_destroy(struct ui_screen *s)
{
	struct form *f = (struct form *)s;

	if (f->loaded)
		assess_clear(&f->s);
	form_free_notes(f);
	ui_edit_free(&f->note);
	free(f->company);
	if (f->have_comp)
		store_company_clear(&f->comp);
}

static const struct ui_binding form_keys[] = {
	{ UI_ACT_ANSWER_0, true },
	{ UI_ACT_ANSWER_1, false },
	{ UI_ACT_ANSWER_2, false },
	{ UI_ACT_ANSWER_3, false },
	{ UI_ACT_ANSWER_4, false },
	{ UI_ACT_DONT_KNOW, true },
	{ UI_ACT_NOTE, true },
	{ UI_ACT_FINISH, true },
	{ UI_ACT_CONFIRM, false },
	{ UI_ACT_NEXT_OPEN, true },
	{ UI_ACT_TOGGLE_HELP, true },
	{ UI_ACT_ASSESSOR, true },
	{ UI_ACT_SUMMARY, true },
	{ UI_ACT_CLEAR_ANSWER, false },
	UI_BIND_MOVES(false),
	{ UI_ACT_BACK, true },
	{ UI_ACT_REFRESH, false },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, false },
};

const struct ui_screen_ops ui_form_ops = {
	.name = N_("Questionnaire"),
	.size = sizeof(struct form),
	.keys = form_keys,
	.n_keys = UI_NBIND(form_keys),
	.init = form_init,
	.load = form_load,
	.draw = form_draw,
	.key = form_key,
	.typing = form_typing,
	.destroy = form_destroy,
};
