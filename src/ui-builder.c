/*
 * ui-builder.c - the plan builder: the suggested plan of a final
 * assessment (stop signs first, then the largest weighted gain, at most
 * five; plan.h), each suggestion accepted as an action, edited first
 * (title, owner, due date), or skipped; and actions of one's own added.
 * Each accepted action is saved at once; the list is made once, when the
 * screen opens, so what was accepted stays listed as accepted.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess-plan.h"
#include "catalogue.h"
#include "i18n.h"
#include "text.h"
#include "timefmt.h"
#include "ui-draw.h"
#include "ui-loop.h"
#include "ui-prompt.h"
#include "ui-screen.h"

#define DETAIL_ROWS 5
#define ROWS_MAX (CAT_MAX_ITEMS + 32)    /* suggestions and own actions */

enum sug_state { SUG_PENDING, SUG_ACCEPTED, SUG_SKIPPED };

static const char *const state_words[] = {
	[SUG_PENDING] = N_("suggested"), [SUG_ACCEPTED] = N_("accepted"),
	[SUG_SKIPPED] = N_("skipped"),
};

struct sug {
	struct plan_suggestion p;     /* p.item -1: an own action aiming at none */
	bool own;                     /* added here, not suggested */
	enum sug_state state;
	char *title, *owner;
	char due[TIMEFMT_DAY_SIZE];
	long long action_id;          /* once accepted */
	int number;
};

enum builder_edit { B_NONE, B_TITLE, B_OWNER, B_DUE, B_ADD_TITLE, B_ADD_ITEM, B_ADD_OWNER,
                    B_ADD_DUE };

struct builder {
	struct ui_screen base;
	long long cid, aid;
	bool readonly;
	struct company c;
	bool have_company;
	struct scored s;
	bool loaded;
	struct sug rows[ROWS_MAX];
	size_t n;
	size_t sel, scroll;
	char today[TIMEFMT_DAY_SIZE];
	size_t edit_row;
	enum builder_edit edit;
};

/* ---- data ------------------------------------------------------------------- */

static void builder_free_rows(struct builder *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->rows[i].title);
		free(b->rows[i].owner);
	}
	b->n = 0;
}

/* The suggestions of the assessment, made once: later loads (after a
 * prompt) keep the list as it is, accepted rows and all. */
static bool builder_suggest(struct builder *b, struct ui *ui)
{
	struct plan_suggestion p[CAT_MAX_ITEMS];
	int n = assess_plan_suggest(ui->st, &b->s, PLAN_DEFAULT_LIMIT, p, CAT_MAX_ITEMS);

	if (n < 0) {
		ui_store_error(ui, STORE_ERROR);
		return false;
	}
	for (int i = 0; i < n && b->n < ROWS_MAX; i++) {
		struct sug *r = &b->rows[b->n];

		memset(r, 0, sizeof *r);
		r->p = p[i];
		r->title = strdup(_(p[i].title));
		r->owner = strdup("");
		if (!r->title || !r->owner) {
			free(r->title);
			free(r->owner);
			ui_error(ui, "%s", _("Out of memory."));
			return false;
		}
		b->n++;
	}
	return true;
}

static bool builder_load(struct ui_screen *s, struct ui *ui)
{
	struct builder *b = (struct builder *)s;
	struct assessment f;
	enum store_err err;

	assess_today(ui->st, b->today, sizeof b->today);
	if (b->loaded)
		return true;
	err = store_company_get(ui->st, b->cid, &b->c);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	b->have_company = true;
	if (!b->aid) {
		err = store_assessment_final(ui->st, b->cid, 0, &f);
		if (err != STORE_OK) {
			ui_store_error(ui, err);
			return false;
		}
		b->aid = f.id;
		store_assessment_clear(&f);
	}
	err = assess_load(ui->st, b->aid, &b->s);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	b->loaded = true;
	if (b->s.a.status != ASSESS_FINAL) {
		ui_error(ui, "%s", _("A plan is built from a final assessment; finish this one first."));
		return false;
	}
	return builder_suggest(b, ui);
}

static struct sug *builder_current(struct builder *b)
{
	return b->sel < b->n ? &b->rows[b->sel] : NULL;
}

/* ---- drawing ------------------------------------------------------------------ */

/* "1.1 ✗" for a stop sign, "5.1 !" for a caution, "-" for one's own. */
static void builder_label(struct builder *b, struct ui *ui, const struct sug *r, char *buf,
                          size_t n)
{
	char num[16];

	if (r->p.item < 0) {
		snprintf(buf, n, "-");
		return;
	}
	catalogue_item_label(b->s.cat, r->p.item, num, sizeof num);
	snprintf(buf, n, "%s %s", num, r->own ? " " : r->p.stop_sign ? ui_sym(ui, SYM_CROSS)
	                                : r->p.caution ? "!" : " ");
}

static int builder_state_width(struct ui *ui)
{
	int w = ui_width(ui, _("State"));

	for (size_t i = 0; i < sizeof state_words / sizeof state_words[0]; i++)
		if (ui_width(ui, _(state_words[i])) > w)
			w = ui_width(ui, _(state_words[i]));
	if (ui_width(ui, _("own")) > w)
		w = ui_width(ui, _("own"));
	return w;
}

static void builder_draw_row(struct builder *b, struct ui *ui, int y, int sw, size_t k)
{
	const struct sug *r = &b->rows[k];
	bool sel = k == b->sel;
	enum ui_role base = sel ? ROLE_SELECTED : r->state == SUG_SKIPPED ? ROLE_DIM : ROLE_NORMAL;
	const char *word = r->own ? _("own") : _(state_words[r->state]);
	char label[32];
	int x = 0;

	ui_fill(ui, y, 0, COLS, base);
	x += ui_put(ui, y, x, 2, base, sel ? ui_sym(ui, SYM_CURSOR) : " ", true);
	x += ui_put(ui, y, x, sw, sel ? base : r->state == SUG_ACCEPTED ? ROLE_GOOD : base, word,
	            true) + 1;
	builder_label(b, ui, r, label, sizeof label);
	x += ui_put(ui, y, x, 6, sel ? base : r->p.stop_sign ? ROLE_BAD : r->p.caution ? ROLE_WARN
	            : base, label, true) + 1;
	ui_put(ui, y, x, COLS - x - 1, base, r->title, false);
}

/* The selected row in full into rows y.. (height rows; 0: count only);
 * returns the rows it takes. */
static int builder_draw_detail(struct builder *b, struct ui *ui, int y, int height)
{
	const struct sug *r = builder_current(b);
	struct ui_doc d = { .top = y, .height = height, .x = 1, .width = COLS - 2 };
	char buf[1400], target[64], date[TIMEFMT_DATE_SIZE], num[16];
	size_t len;

	if (!r)
		return 0;
	if (height)
		ui_hline(ui, y - 1, 0, COLS, ROLE_DIM);
	ui_doc_text(ui, &d, 0, ROLE_BOLD, r->title);
	if (r->p.item >= 0) {
		catalogue_item_label(b->s.cat, r->p.item, num, sizeof num);
		snprintf(buf, sizeof buf, _("Question %s: %s"), num,
		         _(b->s.cat->items[r->p.item].question));
		ui_doc_text(ui, &d, 2, ROLE_NORMAL, buf);
		snprintf(target, sizeof target, "%d %s", r->p.target,
		         _(catalogue_scale_label(r->p.target)));
		snprintf(buf, sizeof buf, _("Aim: %s"), target);
	} else {
		snprintf(buf, sizeof buf, "%s", _("An action of your own, aiming at no question"));
	}
	len = strlen(buf);
	if (*r->owner)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "  %s %s", ui_sym(ui, SYM_BULLET),
		                        r->owner);
	if (r->due[0] && len < sizeof buf)
		snprintf(buf + len, sizeof buf - len, _("  %s due %s"), ui_sym(ui, SYM_BULLET),
		         timefmt_day_show(r->due, date, sizeof date));
	ui_doc_text(ui, &d, 2, ROLE_DIM, buf);
	if (r->state == SUG_ACCEPTED)
		snprintf(buf, sizeof buf, _("In the plan as action %d."), r->number);
	else if (r->state == SUG_SKIPPED)
		snprintf(buf, sizeof buf, "%s", _("Skipped: x takes it back."));
	else
		snprintf(buf, sizeof buf, "%s", _("Enter accepts it; w, t and e set who, by when and "
		                                  "the title first; x skips it."));
	ui_doc_text(ui, &d, 2, r->state == SUG_ACCEPTED ? ROLE_GOOD : ROLE_DIM, buf);
	return d.lines;
}

static void builder_draw(struct ui_screen *s, struct ui *ui)
{
	struct builder *b = (struct builder *)s;
	int y = ui_body_top(), bottom = ui_body_top() + ui_body_height(), list_h, sw, i, x;
	int detail, room;
	char buf[600], date[TIMEFMT_DATE_SIZE];
	size_t accepted = 0;

	snprintf(buf, sizeof buf, _("Plan builder: %s"), b->have_company ? b->c.name : "");
	ui_title(ui, buf);
	if (!b->loaded || !b->s.cat)
		return;
	for (size_t k = 0; k < b->n; k++)
		accepted += b->rows[k].state == SUG_ACCEPTED;
	ui_date(b->s.a.completed, date, sizeof date);
	snprintf(buf, sizeof buf, _("From assessment no. %d of %s, stop signs first"),
	         b->s.a.number, date);
	x = 1 + ui_put(ui, y, 1, COLS - 2, ROLE_BOLD, buf, false);
	if (accepted) {
		snprintf(buf, sizeof buf, P_("  %s %zu accepted", "  %s %zu accepted", accepted),
		         ui_sym(ui, SYM_BULLET), accepted);
		ui_put(ui, y, x, COLS - x - 1, ROLE_GOOD, buf, false);
	}
	y += 1;
	if (b->n == 0) {
		struct ui_doc d = { .top = y + 1, .height = bottom - y - 1, .x = 3, .width = COLS - 6 };

		ui_doc_text(ui, &d, 0, ROLE_NORMAL, _("Nothing to suggest: no answer is weak, or the "
		                                      "plan aims at every weak one already."));
		ui_doc_row(&d);
		ui_doc_text(ui, &d, 0, ROLE_NORMAL, _("Press a to add an action of your own."));
		return;
	}
	sw = builder_state_width(ui);
	ui_fill(ui, y, 0, COLS, ROLE_HEADER);
	ui_put(ui, y, 2, sw, ROLE_HEADER, _("State"), true);
	ui_put(ui, y, 3 + sw, 6, ROLE_HEADER, _("No."), true);
	ui_put(ui, y, 10 + sw, COLS - 11 - sw, ROLE_HEADER, _("Action"), false);
	y++;
	/* The detail as long as it needs where the list leaves room. */
	detail = builder_draw_detail(b, ui, 0, 0);
	room = bottom - y - (int)b->n - 1;
	if (detail > room)
		detail = room > DETAIL_ROWS ? room : DETAIL_ROWS;
	list_h = bottom - y - (detail + 1);
	if (list_h < 3)
		list_h = bottom - y;
	else
		builder_draw_detail(b, ui, bottom - detail, detail);
	if (b->sel < b->scroll)
		b->scroll = b->sel;
	if (b->sel >= b->scroll + (size_t)list_h)
		b->scroll = b->sel - (size_t)list_h + 1;
	for (i = 0; i < list_h && b->scroll + (size_t)i < b->n; i++)
		builder_draw_row(b, ui, y + i, sw, b->scroll + (size_t)i);
	ui_list_more(ui, y, list_h, b->scroll, b->n);
}

/* ---- changes ------------------------------------------------------------------- */

static enum ui_reaction builder_accept(struct builder *b, struct ui *ui)
{
	struct sug *r = builder_current(b);
	struct action a;
	enum store_err err;

	if (!r || r->state != SUG_PENDING)
		return UI_NONE;
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	ui_saving(ui);
	err = assess_plan_accept(ui->st, &b->s, &r->p, r->title, r->owner, r->due, &r->action_id);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	r->state = SUG_ACCEPTED;
	if (store_action_get(ui->st, r->action_id, &a) == STORE_OK) {
		r->number = a.number;
		store_action_clear(&a);
	}
	ui_msg(ui, _("Accepted as action %d."), r->number);
	/* on to the next suggestion still open */
	for (size_t k = b->sel + 1; k < b->n; k++)
		if (b->rows[k].state == SUG_PENDING) {
			b->sel = k;
			break;
		}
	return UI_REDRAW;
}

static enum ui_reaction builder_prompt(struct builder *b, struct ui *ui, int close);

/* Replaces *field with text (malloc'd copy); false when out of memory. */
static bool builder_set(char **field, const char *text)
{
	char *t = strdup(text);

	if (!t)
		return false;
	free(*field);
	*field = t;
	return true;
}

static enum ui_reaction builder_done(struct ui *ui, void *owner, const char *text)
{
	struct builder *b = owner;
	struct sug *r = b->edit_row < b->n ? &b->rows[b->edit_row] : NULL;
	char day[TIMEFMT_DAY_SIZE] = "", *t = text_trim_dup(text);
	enum builder_edit e = b->edit;
	enum text_check c = TEXT_OK;
	enum store_err err = STORE_OK;
	bool title = e == B_TITLE || e == B_ADD_TITLE, due = e == B_DUE || e == B_ADD_DUE;

	if (!t) {
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	if (e == B_ADD_ITEM) {
		struct plan_aim aim;
		bool aimed;

		free(t);
		if (!ui_action_aim(ui, text, b->s.cat, &aim, &aimed))
			return UI_REDRAW;
		if (aimed && r) {
			ui_saving(ui);
			err = store_action_set_items(ui->st, r->action_id, &aim, 1);
			if (err != STORE_OK) {
				ui_store_error(ui, err);
				return UI_REDRAW;
			}
			r->p.item = catalogue_item_index(b->s.cat, aim.key);
			r->p.target = aim.target;
		}
		b->edit = B_ADD_OWNER;
		return builder_prompt(b, ui, 1);
	}
	if (due && *t && !timefmt_day_parse(t, b->today, day, sizeof day)) {
		ui_error(ui, _("\"%s\" is not a day: use DD.MM.YYYY, YYYY-MM-DD or +days."), t);
		free(t);
		return UI_REDRAW;
	}
	if (!due)
		c = text_check_line(t, TEXT_FIELD_MAX, !title);
	if (c != TEXT_OK) {
		ui_error(ui, "%s: %s", title ? _("Title") : _("Owner"), _(text_check_message(c)));
		free(t);
		return UI_REDRAW;
	}
	if (e == B_ADD_TITLE) {
		struct action_fields f;
		struct action a;

		if (b->n >= ROWS_MAX) {
			free(t);
			ui_error(ui, "%s", _("The list is full; add further actions on the plan screen."));
			return UI_POP;
		}
		memset(&f, 0, sizeof f);
		f.title = t;
		f.questionnaire = b->s.cat->id;
		f.qversion = b->s.cat->version;
		r = &b->rows[b->n];
		memset(r, 0, sizeof *r);
		r->p.item = -1;
		r->own = true;
		ui_saving(ui);
		err = store_action_add(ui->st, b->cid, &f, &r->action_id);
		if (err == STORE_OK && !(r->owner = strdup(""))) {
			free(t);
			ui_error(ui, "%s", _("Out of memory."));
			return UI_POP;
		}
		if (err == STORE_OK) {
			r->title = t;
			t = NULL;
			r->state = SUG_ACCEPTED;
			if (store_action_get(ui->st, r->action_id, &a) == STORE_OK) {
				r->number = a.number;
				store_action_clear(&a);
			}
			b->edit_row = b->sel = b->n++;
		}
	} else if (r && r->state == SUG_ACCEPTED) {
		ui_saving(ui);
		err = store_action_update(ui->st, r->action_id, title ? t : NULL,
		                          e == B_OWNER || e == B_ADD_OWNER ? t : NULL,
		                          due ? day : NULL, NULL);
	}
	if (err == STORE_OK && r && e != B_ADD_TITLE) {
		if (due)
			snprintf(r->due, sizeof r->due, "%s", day);
		else if (!builder_set(title ? &r->title : &r->owner, t))
			err = store_set_error(ui->st, STORE_ERROR, _("Out of memory."));
	}
	free(t);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	if (e == B_ADD_TITLE)
		/* Saved already: Esc from here on keeps it as it is. */
		ui_msg(ui, "%s", _("Action added. What follows is optional: Esc leaves it out."));
	if (e == B_ADD_TITLE || e == B_ADD_OWNER) {
		b->edit = e == B_ADD_TITLE ? B_ADD_ITEM : B_ADD_DUE;
		return builder_prompt(b, ui, 1);
	}
	b->edit = B_NONE;
	return UI_POP;
}

static enum ui_reaction builder_prompt(struct builder *b, struct ui *ui, int close)
{
	const struct sug *r = b->edit_row < b->n ? &b->rows[b->edit_row] : NULL;
	char date[TIMEFMT_DATE_SIZE] = "", back[TIMEFMT_DAY_SIZE];
	const char *label = "", *initial = "";

	switch (b->edit) {
	case B_ADD_TITLE:
		label = _("New action: what is to be done?");
		break;
	case B_TITLE:
		label = _("What is to be done?");
		initial = r ? r->title : "";
		break;
	case B_ADD_ITEM:
		label = _(UI_AIM_PROMPT);
		break;
	case B_OWNER:
	case B_ADD_OWNER:
		label = _("Owner: who does it? (optional; Enter to skip)");
		initial = r ? r->owner : "";
		break;
	case B_DUE:
	case B_ADD_DUE:
		label = _("Due by (DD.MM.YYYY, YYYY-MM-DD or +days; empty: no date):");
		if (r && r->due[0]) {
			timefmt_day_show(r->due, date, sizeof date);
			initial = timefmt_day_parse(date, b->today, back, sizeof back) &&
			          strcmp(back, r->due) == 0 ? date : r->due;
		}
		break;
	case B_NONE:
		break;
	}
	return ui_ask_text(ui, close, label, initial, TEXT_FIELD_MAX, builder_done, b);
}

static enum ui_reaction builder_edit_start(struct builder *b, struct ui *ui,
                                           enum builder_edit what)
{
	const struct sug *r = builder_current(b);

	if (what != B_ADD_TITLE && (!r || r->state == SUG_SKIPPED))
		return UI_NONE;
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	b->edit = what;
	b->edit_row = what == B_ADD_TITLE ? b->n : b->sel;
	return builder_prompt(b, ui, 0);
}

static enum ui_reaction builder_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct builder *b = (struct builder *)s;
	struct sug *r = builder_current(b);

	switch (act) {
	case UI_ACT_BACK: return UI_POP;
	case UI_ACT_ACTION_ADD: return builder_edit_start(b, ui, B_ADD_TITLE);
	case UI_ACT_PLAN:
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_PLAN, .company = b->cid,
		                                         .close = 1 });
	default:
		break;
	}
	if (!r)
		return UI_NONE;
	if (ui_list_move(&b->sel, b->n, 5, act))
		return UI_REDRAW;
	switch (act) {
	case UI_ACT_ACCEPT: return builder_accept(b, ui);
	case UI_ACT_SKIP:
		if (r->state == SUG_ACCEPTED)
			return UI_NONE;
		r->state = r->state == SUG_SKIPPED ? SUG_PENDING : SUG_SKIPPED;
		return UI_REDRAW;
	case UI_ACT_SUGGEST_TITLE: return builder_edit_start(b, ui, B_TITLE);
	case UI_ACT_ACTION_OWNER: return builder_edit_start(b, ui, B_OWNER);
	case UI_ACT_ACTION_DUE: return builder_edit_start(b, ui, B_DUE);
	default: return UI_NONE;
	}
}

static bool builder_can(const struct ui_screen *s, enum ui_action act)
{
	const struct builder *b = (const struct builder *)s;
	const struct sug *r = b->sel < b->n ? &b->rows[b->sel] : NULL;

	switch (act) {
	case UI_ACT_ACCEPT: return !b->readonly && r && r->state == SUG_PENDING;
	case UI_ACT_SKIP: return r && r->state != SUG_ACCEPTED;
	case UI_ACT_SUGGEST_TITLE:
	case UI_ACT_ACTION_OWNER:
	case UI_ACT_ACTION_DUE: return !b->readonly && r && r->state != SUG_SKIPPED;
	case UI_ACT_ACTION_ADD: return !b->readonly && b->loaded;
	default: return true;
	}
}

static bool builder_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct builder *b = (struct builder *)s;

	b->cid = req->company;
	b->aid = req->assessment;
	b->readonly = ui->readonly;
	return true;
}

static void builder_destroy(struct ui_screen *s)
{
	struct builder *b = (struct builder *)s;

	builder_free_rows(b);
	if (b->loaded)
		assess_clear(&b->s);
	if (b->have_company)
		store_company_clear(&b->c);
}

static const struct ui_binding builder_keys[] = {
	{ UI_ACT_ACCEPT, true },
	{ UI_ACT_ACTION_OWNER, true },
	{ UI_ACT_ACTION_DUE, true },
	{ UI_ACT_SKIP, true },
	{ UI_ACT_SUGGEST_TITLE, true },
	{ UI_ACT_ACTION_ADD, true },
	{ UI_ACT_PLAN, true },
	UI_BIND_MOVES(false),
	{ UI_ACT_BACK, true },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, true },
};

const struct ui_screen_ops ui_builder_ops = {
	.name = N_("Plan builder"),
	.size = sizeof(struct builder),
	.keys = builder_keys,
	.n_keys = UI_NBIND(builder_keys),
	.init = builder_init,
	.load = builder_load,
	.draw = builder_draw,
	.key = builder_key,
	.can = builder_can,
	.destroy = builder_destroy,
};
