/*
 * ui-plan.c - one company's action plan: the actions open or in progress
 * by due date (overdue ones marked by word and colour), each one key from
 * another status, who does it and by when edited in place; the done and
 * dropped ones folded below until asked for.  The selected action is told
 * in full under the list: what it aims at, its note, where it came from,
 * when its status changed.  From here the suggestions of the latest final
 * assessment (the plan builder) and actions of one's own.
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

#define DETAIL_ROWS 5             /* the selected action in full, under the list */

enum plan_edit { EDIT_NONE, EDIT_OWNER, EDIT_DUE, EDIT_TITLE, EDIT_NOTE,
                 ADD_TITLE, ADD_ITEM, ADD_OWNER, ADD_DUE };

struct plan_screen {
	struct ui_screen base;
	long long cid;
	bool readonly;
	struct company c;
	bool have_company;
	struct action *list;      /* open ones by due date, then the closed */
	size_t n;
	size_t n_open;            /* the first n_open of list */
	bool show_closed;
	bool have_final;          /* suggestions can be made */
	size_t sel, scroll;
	char today[TIMEFMT_DAY_SIZE];
	long long keep_id;        /* select this action after a reload */
	long long edit_id;        /* the action of an open prompt */
	enum plan_edit edit;
};

/* ---- data ------------------------------------------------------------------- */

static size_t plan_rows(const struct plan_screen *p)
{
	return p->show_closed ? p->n : p->n_open;
}

static const struct action *plan_current(const struct plan_screen *p)
{
	return p->sel < plan_rows(p) ? &p->list[p->sel] : NULL;
}

static bool plan_overdue(const struct plan_screen *p, const struct action *a)
{
	return !plan_status_closed(a->status) && a->due[0] && strcmp(a->due, p->today) < 0;
}

static bool plan_load(struct ui_screen *s, struct ui *ui)
{
	struct plan_screen *p = (struct plan_screen *)s;
	const struct action *cur = plan_current(p);
	long long keep = p->keep_id ? p->keep_id : cur ? cur->id : 0;
	struct assessment f;
	enum store_err err;

	p->keep_id = 0;
	if (p->have_company)
		store_company_clear(&p->c);
	p->have_company = false;
	store_actions_free(p->list, p->n);
	p->list = NULL;
	p->n = p->n_open = 0;
	err = store_company_get(ui->st, p->cid, &p->c);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return false;
	}
	p->have_company = true;
	assess_today(ui->st, p->today, sizeof p->today);
	err = store_action_list(ui->st, p->cid, &p->list, &p->n);
	if (err != STORE_OK) {
		p->list = NULL;
		p->n = 0;
		ui_store_error(ui, err);
	}
	while (p->n_open < p->n && !plan_status_closed(p->list[p->n_open].status))
		p->n_open++;
	p->have_final = store_assessment_final(ui->st, p->cid, 0, &f) == STORE_OK;
	if (p->have_final)
		store_assessment_clear(&f);
	/* The same action under the cursor where it is still shown; one just
	 * done or dropped folds away, and the cursor stays where it was. */
	for (size_t i = 0; keep && i < plan_rows(p); i++)
		if (p->list[i].id == keep)
			p->sel = i;
	if (p->sel >= plan_rows(p))
		p->sel = plan_rows(p) ? plan_rows(p) - 1 : 0;
	return true;
}

/* ---- drawing ------------------------------------------------------------------ */

struct pcols {
	int num, status, due, late, owner, title;
};

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* Each column as wide as what the rows shown need; the title gets the
 * rest.  The overdue column is there only when an action is overdue. */
static void plan_columns(struct plan_screen *p, struct ui *ui, struct pcols *c)
{
	bool late = false;
	int owner = 0;

	c->num = max_int(3, ui_width(ui, _("No.")));
	c->status = ui_width(ui, _("Status"));
	c->due = max_int(10, ui_width(ui, _("Due")));
	for (size_t i = 0; i < plan_rows(p); i++) {
		const struct action *a = &p->list[i];

		c->status = max_int(c->status, ui_width(ui, _(plan_status_text(a->status))));
		owner = max_int(owner, ui_width(ui, a->owner));
		late |= plan_overdue(p, a);
	}
	c->late = late ? ui_width(ui, _("overdue")) : 0;
	c->owner = owner ? max_int(ui_width(ui, _("Owner")), owner > 18 ? 18 : owner) : 0;
	c->title = COLS - 2 - c->num - c->status - c->due - c->late - c->owner - 6;
	if (c->title < 16 && c->owner) {
		c->title += c->owner + 1;
		c->owner = 0;
	}
}

static void plan_draw_header(struct ui *ui, int y, const struct pcols *c)
{
	char buf[64];
	int x = 2;

	ui_fill(ui, y, 0, COLS, ROLE_HEADER);
	snprintf(buf, sizeof buf, "%*s", c->num + (int)strlen(_("No.")) - ui_width(ui, _("No.")),
	         _("No."));
	x += ui_put(ui, y, x, c->num, ROLE_HEADER, buf, true) + 1;
	x += ui_put(ui, y, x, c->status, ROLE_HEADER, _("Status"), true) + 1;
	x += ui_put(ui, y, x, c->due, ROLE_HEADER, _("Due"), true) + 1;
	if (c->late)
		x += ui_put(ui, y, x, c->late, ROLE_HEADER, "", true) + 1;
	if (c->owner)
		x += ui_put(ui, y, x, c->owner, ROLE_HEADER, _("Owner"), true) + 1;
	ui_put(ui, y, x, COLS - x, ROLE_HEADER, _("Action"), false);
}

static void plan_draw_row(struct plan_screen *p, struct ui *ui, int y, const struct pcols *c,
                          size_t k)
{
	const struct action *a = &p->list[k];
	bool sel = k == p->sel, closed = plan_status_closed(a->status), late = plan_overdue(p, a);
	enum ui_role base = sel ? ROLE_SELECTED : closed ? ROLE_DIM : ROLE_NORMAL;
	char buf[64], date[TIMEFMT_DATE_SIZE];
	int x = 0;

	ui_fill(ui, y, 0, COLS, base);
	x += ui_put(ui, y, x, 2, base, sel ? ui_sym(ui, SYM_CURSOR) : " ", true);
	snprintf(buf, sizeof buf, "%*d", c->num, a->number);
	x += ui_put(ui, y, x, c->num, base, buf, true) + 1;
	x += ui_put(ui, y, x, c->status, sel ? base : a->status == PLAN_DONE ? ROLE_GOOD : base,
	            _(plan_status_text(a->status)), true) + 1;
	timefmt_day_show(a->due, date, sizeof date);
	x += ui_put(ui, y, x, c->due, sel || !late ? base : ROLE_BAD, a->due[0] ? date : "-",
	            true) + 1;
	if (c->late)
		x += ui_put(ui, y, x, c->late, sel ? base : ROLE_BAD, late ? _("overdue") : "",
		            true) + 1;
	if (c->owner)
		x += ui_put(ui, y, x, c->owner, base, a->owner, true) + 1;
	ui_put(ui, y, x, COLS - x - 1, base, a->title, false);
}

/* Where the selected action came from and when its status changed. */
static void plan_history_line(const struct action *a, char *buf, size_t n)
{
	char date[TIMEFMT_DATE_SIZE];
	size_t len;

	ui_date(a->created, date, sizeof date);
	if (a->origin)
		snprintf(buf, n, _("Suggested on %s by the result of an assessment"), date);
	else
		snprintf(buf, n, _("Added by hand on %s"), date);
	if (a->n_changes > 1) {
		const struct action_change *last = &a->changes[a->n_changes - 1];

		len = strlen(buf);
		ui_date(last->at, date, sizeof date);
		/* TRANSLATORS: appended to where an action came from:
		 * "; done since 02.04.2026". */
		snprintf(buf + len, n - len, _("; %s since %s"), _(plan_status_text(last->status)),
		         date);
	}
}

/* The selected action in full into rows y.. (height rows; 0: count only). */
static int plan_draw_detail(struct plan_screen *p, struct ui *ui, int y, int height)
{
	const struct action *a = plan_current(p);
	const struct catalogue *cat;
	struct ui_doc d = { .top = y, .height = height, .x = 1, .width = COLS - 2 };
	char buf[1200], num[16];

	if (!a)
		return 0;
	if (height)
		ui_hline(ui, y - 1, 0, COLS, ROLE_DIM);
	cat = catalogue_find(a->questionnaire, a->qversion);
	snprintf(buf, sizeof buf, "%d. %s", a->number, a->title);
	ui_doc_text(ui, &d, 0, ROLE_BOLD, buf);
	/* In full here, since the list cuts a long owner. */
	if (a->owner[0] || a->due[0]) {
		char day[TIMEFMT_DATE_SIZE];
		size_t len = 0;

		buf[0] = '\0';
		if (a->owner[0])
			len = (size_t)snprintf(buf, sizeof buf, _("Owner: %s"), a->owner);
		if (a->due[0] && len < sizeof buf) {
			timefmt_day_show(a->due, day, sizeof day);
			/* TRANSLATORS: after the owner in the plan's detail:
			 * "Owner: Lena  ·  due 31.12.2026". */
			snprintf(buf + len, sizeof buf - len, len ? _("  \xc2\xb7  due %s") : _("Due %s"),
			         day);
		}
		ui_doc_text(ui, &d, 2, ROLE_NORMAL, buf);
	}
	for (size_t i = 0; i < a->n_items; i++) {
		int idx = cat ? catalogue_item_index(cat, a->items[i].key) : -1;

		if (idx >= 0)
			catalogue_item_label(cat, idx, num, sizeof num);
		else
			snprintf(num, sizeof num, "%s", a->items[i].key);
		/* TRANSLATORS: a question an action aims at, and the answer
		 * aimed for: "Aims at 1.1 (aim: 3 largely): We can say ...". */
		snprintf(buf, sizeof buf, _("Aims at %s (aim: %d %s): %s"), num, a->items[i].target,
		         _(catalogue_scale_label(a->items[i].target)),
		         idx >= 0 ? _(cat->items[idx].question) : "");
		ui_doc_text(ui, &d, 2, ROLE_NORMAL, buf);
	}
	if (a->n_items == 0)
		ui_doc_text(ui, &d, 2, ROLE_DIM, _("A free action: it aims at no question, so the next "
		                                   "re-check does not judge it."));
	if (a->note[0]) {
		ui_doc_note(ui, &d, 2, ROLE_DIM, a->note);
	}
	plan_history_line(a, buf, sizeof buf);
	ui_doc_text(ui, &d, 2, ROLE_DIM, buf);
	return d.lines;
}

static int plan_detail_rows(struct plan_screen *p, struct ui *ui)
{
	return plan_draw_detail(p, ui, 0, 0);
}

static void plan_draw_summary(struct plan_screen *p, struct ui *ui, int y)
{
	char buf[400];
	size_t late = 0, closed = p->n - p->n_open;
	int x = 1;

	for (size_t i = 0; i < p->n_open; i++)
		late += plan_overdue(p, &p->list[i]);
	if (p->n_open == 0)
		snprintf(buf, sizeof buf, "%s", _("No action open or in progress"));
	else
		snprintf(buf, sizeof buf, P_("%zu action open or in progress",
		                             "%zu actions open or in progress", p->n_open), p->n_open);
	x += ui_put(ui, y, x, COLS - x - 1, ROLE_BOLD, buf, false);
	if (late) {
		snprintf(buf, sizeof buf, P_(", %zu of them overdue", ", %zu of them overdue", late),
		         late);
		x += ui_put(ui, y, x, COLS - x - 1, ROLE_BAD, buf, false);
	}
	if (closed) {
		snprintf(buf, sizeof buf, P_("  %s %zu done or dropped", "  %s %zu done or dropped",
		                             closed), ui_sym(ui, SYM_BULLET), closed);
		ui_put(ui, y, x, COLS - x - 1, ROLE_NORMAL, buf, false);
	}
}

/* Under the list: how to show the folded ones, or to fold them again. */
static void plan_draw_fold(struct plan_screen *p, struct ui *ui, int y)
{
	size_t closed = p->n - p->n_open;
	char buf[300];

	if (!closed)
		return;
	snprintf(buf, sizeof buf, p->show_closed
	         ? P_("c folds the done or dropped action away", "c folds the %zu done or dropped "
	              "actions away", closed)
	         : P_("c shows the done or dropped action", "c shows the %zu done or dropped "
	              "actions", closed), closed);
	ui_put(ui, y, 2, COLS - 3, ROLE_DIM, buf, false);
}

/* The rows the selected action takes in full (a first pass that only
 * counts). */
static int plan_detail_rows(struct plan_screen *p, struct ui *ui);

static void plan_draw(struct ui_screen *s, struct ui *ui)
{
	struct plan_screen *p = (struct plan_screen *)s;
	int y = ui_body_top(), bottom = ui_body_top() + ui_body_height(), list_h, i, detail, room;
	struct pcols c;
	char buf[600];

	snprintf(buf, sizeof buf, _("Action plan: %s"), p->have_company ? p->c.name : "");
	ui_title(ui, buf);
	if (!p->have_company)
		return;
	plan_draw_summary(p, ui, y);
	y += 1;
	if (plan_rows(p) == 0) {
		struct ui_doc d = { .top = y + 1, .height = bottom - y - 1, .x = 3, .width = COLS - 6 };

		ui_doc_text(ui, &d, 0, ROLE_NORMAL, p->n ? _("Every action is done or dropped. Press c "
		                                             "to show them.")
		                                         : _("No actions yet."));
		ui_doc_row(&d);
		ui_doc_text(ui, &d, 0, ROLE_NORMAL, p->have_final
		            ? _("Press b for the suggestions of the latest final assessment, or a to "
		                "add an action of your own.")
		            : _("Press a to add an action. Once an assessment is finished, b suggests "
		                "actions from its result."));
		return;
	}
	plan_columns(p, ui, &c);
	plan_draw_header(ui, y, &c);
	y++;
	/* The detail takes what it needs where the list leaves room, and
	 * DETAIL_ROWS at least; the list keeps three rows and the fold line. */
	detail = plan_detail_rows(p, ui);
	room = bottom - y - (int)plan_rows(p) - 2 - (p->n > p->n_open ? 1 : 0);
	if (detail > room)
		detail = room > DETAIL_ROWS ? room : DETAIL_ROWS;
	list_h = bottom - y - (detail + 1) - (p->n > p->n_open ? 1 : 0);
	if (list_h < 3) {
		list_h = bottom - y - (p->n > p->n_open ? 1 : 0);
	} else {
		plan_draw_detail(p, ui, bottom - detail, detail);
	}
	plan_draw_fold(p, ui, y + (list_h < (int)plan_rows(p) ? list_h : (int)plan_rows(p)));
	if (p->sel < p->scroll)
		p->scroll = p->sel;
	if (p->sel >= p->scroll + (size_t)list_h)
		p->scroll = p->sel - (size_t)list_h + 1;
	for (i = 0; i < list_h && p->scroll + (size_t)i < plan_rows(p); i++)
		plan_draw_row(p, ui, y + i, &c, p->scroll + (size_t)i);
	ui_list_more(ui, y, list_h, p->scroll, plan_rows(p));
}

/* ---- changes ------------------------------------------------------------------- */

static enum ui_reaction plan_set_status(struct plan_screen *p, struct ui *ui,
                                        enum plan_status to)
{
	const struct action *a = plan_current(p);
	enum store_err err;
	bool changed = false;

	if (!a || ui_refuse_readonly(ui))
		return UI_REDRAW;
	ui_saving(ui);
	/* From the status on the screen: a change made elsewhere meanwhile
	 * is shown, never undone unseen. */
	err = store_action_move_status(ui->st, a->id, a->status, to, &changed);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		p->keep_id = a->id;
		if (err == STORE_STATE)
			plan_load(&p->base, ui);
		return UI_REDRAW;
	}
	/* TRANSLATORS: "Action 2: done." */
	ui_msg(ui, changed ? _("Action %d: %s.") : _("Action %d is %s already."), a->number,
	       _(plan_status_text(to)));
	p->keep_id = a->id;
	plan_load(&p->base, ui);
	return UI_REDRAW;
}

/* A one-line field checked the way the store will check it: the trimmed
 * text (malloc'd), or NULL with the reason on the status line. */
static char *plan_checked(struct ui *ui, const char *field, const char *text, bool allow_empty,
                          bool note)
{
	char *t = note ? strdup(text) : text_trim_dup(text);
	enum text_check c;

	if (!t) {
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	c = note ? text_check_note(t, TEXT_NOTE_MAX) : text_check_line(t, TEXT_FIELD_MAX, allow_empty);
	if (c != TEXT_OK) {
		ui_error(ui, "%s: %s", field, _(text_check_message(c)));
		free(t);
		return NULL;
	}
	return t;
}

static enum ui_reaction plan_prompt(struct plan_screen *p, struct ui *ui, int close);

/* The answer to one of the prompts: saved at once; a refused text keeps
 * the prompt open with what was typed. */
static enum ui_reaction plan_edit_done(struct ui *ui, void *owner, const char *text)
{
	struct plan_screen *p = owner;
	struct action_fields f;
	struct plan_aim aim;
	bool aimed = false;
	enum store_err err = STORE_OK;
	char day[TIMEFMT_DAY_SIZE], *t = NULL;

	switch (p->edit) {
	case EDIT_TITLE:
	case ADD_TITLE:
		if (!(t = plan_checked(ui, _("Title"), text, false, false)))
			return UI_REDRAW;
		break;
	case EDIT_OWNER:
	case ADD_OWNER:
		if (!(t = plan_checked(ui, _("Owner"), text, true, false)))
			return UI_REDRAW;
		break;
	case EDIT_NOTE:
		if (!(t = plan_checked(ui, _("Note"), text, true, true)))
			return UI_REDRAW;
		break;
	case ADD_ITEM:
		if (!ui_action_aim(ui, text, catalogue_builtin(), &aim, &aimed))
			return UI_REDRAW;
		break;
	case EDIT_DUE:
	case ADD_DUE:
		day[0] = '\0';
		if (!(t = text_trim_dup(text))) {
			ui_error(ui, "%s", _("Out of memory."));
			return UI_REDRAW;
		}
		if (*t && !timefmt_day_parse(t, p->today, day, sizeof day)) {
			ui_error(ui, _("\"%s\" is not a day: use DD.MM.YYYY, YYYY-MM-DD or +days."), t);
			free(t);
			return UI_REDRAW;
		}
		break;
	case EDIT_NONE:
		return UI_POP;
	}
	ui_saving(ui);
	switch (p->edit) {
	case ADD_TITLE:
		memset(&f, 0, sizeof f);
		f.title = t;
		f.questionnaire = catalogue_builtin()->id;
		f.qversion = catalogue_builtin()->version;
		err = store_action_add(ui->st, p->cid, &f, &p->edit_id);
		break;
	case EDIT_TITLE: err = store_action_update(ui->st, p->edit_id, t, NULL, NULL, NULL); break;
	case EDIT_OWNER:
	case ADD_OWNER: err = store_action_update(ui->st, p->edit_id, NULL, t, NULL, NULL); break;
	case ADD_ITEM:
		if (aimed)
			err = store_action_set_items(ui->st, p->edit_id, &aim, 1);
		break;
	case EDIT_NOTE: err = store_action_update(ui->st, p->edit_id, NULL, NULL, NULL, t); break;
	default: err = store_action_update(ui->st, p->edit_id, NULL, NULL, day, NULL); break;
	}
	free(t);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	p->keep_id = p->edit_id;
	if (p->edit == ADD_TITLE)
		/* Saved already: Esc from here on keeps it as it is. */
		ui_msg(ui, "%s", _("Action added. What follows is optional: Esc leaves it out."));
	if (p->edit == ADD_TITLE || p->edit == ADD_ITEM || p->edit == ADD_OWNER) {
		p->edit = p->edit == ADD_TITLE ? ADD_ITEM : p->edit == ADD_ITEM ? ADD_OWNER : ADD_DUE;
		return plan_prompt(p, ui, 1);
	}
	ui_msg(ui, "%s", p->edit == ADD_DUE ? _("Action added.") : _("Saved."));
	p->edit = EDIT_NONE;
	return UI_POP;
}

/* Opens the prompt for p->edit about action p->edit_id, with what it
 * holds now; close: the prompt it replaces (adding asks three times). */
static enum ui_reaction plan_prompt(struct plan_screen *p, struct ui *ui, int close)
{
	struct action a;
	const char *label = "", *initial = "";
	char date[TIMEFMT_DATE_SIZE] = "";
	size_t max = TEXT_FIELD_MAX;
	bool have = p->edit != ADD_TITLE && store_action_get(ui->st, p->edit_id, &a) == STORE_OK;
	enum ui_reaction r;

	switch (p->edit) {
	case ADD_TITLE:
		label = _("New action: what is to be done?");
		break;
	case EDIT_TITLE:
		label = _("What is to be done?");
		initial = have ? a.title : "";
		break;
	case ADD_ITEM:
		label = _(UI_AIM_PROMPT);
		break;
	case EDIT_OWNER:
	case ADD_OWNER:
		label = _("Owner: who does it? (optional; Enter to skip)");
		initial = have ? a.owner : "";
		break;
	case EDIT_DUE:
	case ADD_DUE:
		label = _("Due by (DD.MM.YYYY, YYYY-MM-DD or +days; empty: no date):");
		if (have && a.due[0]) {
			char back[TIMEFMT_DAY_SIZE];

			/* The locale's form when it reads back (D.M.Y, ISO), else ISO. */
			timefmt_day_show(a.due, date, sizeof date);
			initial = timefmt_day_parse(date, p->today, back, sizeof back) &&
			          strcmp(back, a.due) == 0 ? date : a.due;
		}
		break;
	case EDIT_NOTE:
		label = _("Note on the action (optional; empty removes it):");
		initial = have ? a.note : "";
		max = TEXT_NOTE_MAX;
		break;
	case EDIT_NONE:
		break;
	}
	r = ui_ask_text(ui, close, label, initial, max, plan_edit_done, p);
	if (have)
		store_action_clear(&a);
	return r;
}

static enum ui_reaction plan_edit_start(struct plan_screen *p, struct ui *ui,
                                        enum plan_edit what)
{
	const struct action *a = plan_current(p);

	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	if (what != ADD_TITLE && !a)
		return UI_NONE;
	p->edit = what;
	p->edit_id = a && what != ADD_TITLE ? a->id : 0;
	return plan_prompt(p, ui, 0);
}

static enum ui_reaction plan_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct plan_screen *p = (struct plan_screen *)s;

	switch (act) {
	case UI_ACT_BACK: return UI_POP;
	case UI_ACT_ACTION_ADD: return plan_edit_start(p, ui, ADD_TITLE);
	case UI_ACT_SUGGEST:
		if (!p->have_final) {
			ui_error(ui, "%s", _("Suggestions come from a final assessment; this company has "
			                     "none yet."));
			return UI_REDRAW;
		}
		if (ui_refuse_readonly(ui))
			return UI_REDRAW;
		return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_BUILDER,
		                                         .company = p->cid });
	case UI_ACT_SHOW_CLOSED:
		if (p->n == p->n_open)
			return UI_NONE;
		p->show_closed = !p->show_closed;
		if (p->sel >= plan_rows(p))
			p->sel = plan_rows(p) ? plan_rows(p) - 1 : 0;
		return UI_REDRAW;
	default:
		break;
	}
	if (!plan_current(p))
		return UI_NONE;
	if (ui_list_move(&p->sel, plan_rows(p), 5, act))
		return UI_REDRAW;
	switch (act) {
	case UI_ACT_ACTION_DONE: return plan_set_status(p, ui, PLAN_DONE);
	case UI_ACT_ACTION_START: return plan_set_status(p, ui, PLAN_STARTED);
	case UI_ACT_ACTION_DROP: return plan_set_status(p, ui, PLAN_DROPPED);
	case UI_ACT_ACTION_REOPEN: return plan_set_status(p, ui, PLAN_OPEN);
	case UI_ACT_ACTION_OWNER: return plan_edit_start(p, ui, EDIT_OWNER);
	case UI_ACT_ACTION_DUE: return plan_edit_start(p, ui, EDIT_DUE);
	case UI_ACT_ACTION_TITLE: return plan_edit_start(p, ui, EDIT_TITLE);
	case UI_ACT_ACTION_NOTE: return plan_edit_start(p, ui, EDIT_NOTE);
	default: return UI_NONE;
	}
}

/* A status key is on the bar when it changes the status. */
static bool plan_can(const struct ui_screen *s, enum ui_action act)
{
	const struct plan_screen *p = (const struct plan_screen *)s;
	const struct action *a = plan_current(p);
	bool w = !p->readonly;

	switch (act) {
	case UI_ACT_ACTION_DONE: return w && a && a->status != PLAN_DONE;
	case UI_ACT_ACTION_START: return w && a && a->status != PLAN_STARTED;
	case UI_ACT_ACTION_DROP: return w && a && a->status != PLAN_DROPPED;
	case UI_ACT_ACTION_REOPEN: return w && a && a->status != PLAN_OPEN;
	case UI_ACT_ACTION_OWNER:
	case UI_ACT_ACTION_DUE:
	case UI_ACT_ACTION_TITLE:
	case UI_ACT_ACTION_NOTE: return w && a;
	case UI_ACT_ACTION_ADD: return w;
	case UI_ACT_SUGGEST: return w && p->have_final;
	case UI_ACT_SHOW_CLOSED: return p->n > p->n_open;
	default: return true;
	}
}

static bool plan_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct plan_screen *p = (struct plan_screen *)s;

	p->cid = req->company;
	p->readonly = ui->readonly;
	return true;
}

static void plan_destroy(struct ui_screen *s)
{
	struct plan_screen *p = (struct plan_screen *)s;

	store_actions_free(p->list, p->n);
	if (p->have_company)
		store_company_clear(&p->c);
}

static const struct ui_binding plan_keys[] = {
	/* The status keys first: the bar shows those that change something
	 * for the action under the cursor. */
	{ UI_ACT_ACTION_DONE, true },
	{ UI_ACT_ACTION_START, true },
	{ UI_ACT_ACTION_REOPEN, true },
	{ UI_ACT_ACTION_DROP, true },
	{ UI_ACT_ACTION_OWNER, true },
	{ UI_ACT_ACTION_DUE, true },
	{ UI_ACT_ACTION_ADD, true },
	{ UI_ACT_SUGGEST, true },
	{ UI_ACT_SHOW_CLOSED, true },
	{ UI_ACT_ACTION_TITLE, false },
	{ UI_ACT_ACTION_NOTE, false },
	UI_BIND_MOVES(false),
	{ UI_ACT_BACK, true },
	{ UI_ACT_REFRESH, false },
	{ UI_ACT_HELP, true },
	{ UI_ACT_QUIT, true },
};

const struct ui_screen_ops ui_plan_ops = {
	.name = N_("Action plan"),
	.size = sizeof(struct plan_screen),
	.keys = plan_keys,
	.n_keys = UI_NBIND(plan_keys),
	.init = plan_init,
	.load = plan_load,
	.draw = plan_draw,
	.key = plan_key,
	.can = plan_can,
	.destroy = plan_destroy,
};
