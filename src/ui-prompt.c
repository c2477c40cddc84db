/*
 * ui-prompt.c - the two overlays every screen uses to ask: a framed
 * one-line text prompt (the editor of ui-edit.c) and a framed question
 * answered by a key.  They are screens of the registry like any other; the
 * asking screen gets the answer through its callback.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui-prompt.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui-draw.h"
#include "ui-edit.h"

#define CHOICE_MAX 8

enum ui_reaction ui_ask_text(struct ui *ui, int close, const char *label,
                             const char *initial, size_t max_chars,
                             ui_prompt_fn done, void *owner)
{
	return ui_open(ui, &(struct ui_request){
		.screen = UI_SCREEN_PROMPT, .close = close, .text = label,
		.initial = initial, .max_chars = max_chars, .done = done, .owner = owner });
}

enum ui_reaction ui_ask_choice(struct ui *ui, const char *question,
                               const struct ui_binding *answers, size_t n_answers,
                               ui_choice_fn chosen, void *owner)
{
	return ui_open(ui, &(struct ui_request){
		.screen = UI_SCREEN_CHOICE, .text = question, .answers = answers,
		.n_answers = n_answers, .chosen = chosen, .owner = owner });
}

static const struct ui_binding yes_no[] = {
	{ UI_ACT_YES, true }, { UI_ACT_NO, true },
};

enum ui_reaction ui_ask_confirm(struct ui *ui, const char *question,
                                ui_choice_fn chosen, void *owner)
{
	return ui_ask_choice(ui, question, yes_no, UI_NBIND(yes_no), chosen, owner);
}

enum ui_reaction ui_ask_confirm_again(struct ui *ui, const char *question,
                                      ui_choice_fn chosen, void *owner)
{
	return ui_open(ui, &(struct ui_request){
		.screen = UI_SCREEN_CHOICE, .close = 1, .text = question, .answers = yes_no,
		.n_answers = UI_NBIND(yes_no), .chosen = chosen, .owner = owner });
}

/* A framed box of h rows centred on the screen; returns its top row. */
static int ui_box(struct ui *ui, int h, int *x, int *w)
{
	int y, i;

	*w = COLS - 6 < 72 ? COLS - 6 : 72;
	*x = (COLS - *w) / 2;
	y = (LINES - h) / 2;
	if (y < 1)
		y = 1;
	for (i = 0; i < h; i++)
		ui_fill(ui, y + i, *x, *w, ROLE_NORMAL);
	ui_frame(ui, y, *x, h, *w, ROLE_HEADER);
	return y;
}

/* ==== the text prompt ======================================================== */

struct prompt_screen {
	struct ui_screen base;
	char *label;
	struct ui_edit edit;
	ui_prompt_fn done;
	void *owner;
};

static bool prompt_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct prompt_screen *p = (struct prompt_screen *)s;

	p->label = strdup(req->text ? req->text : "");
	if (!p->label) {
		ui_error(ui, "%s", _("Out of memory."));
		return false;
	}
	ui_edit_init(&p->edit, req->initial, req->max_chars);
	p->done = req->done;
	p->owner = req->owner;
	return true;
}

static void prompt_draw(struct ui_screen *s, struct ui *ui)
{
	struct prompt_screen *p = (struct prompt_screen *)s;
	struct ui_span sp[6];
	int x, w, y, n, i;

	n = ui_wrap(p->label, COLS - 12 < 68 ? COLS - 12 : 68, sp, 6);
	y = ui_box(ui, n + 4, &x, &w);
	for (i = 0; i < n; i++)
		ui_put_span(ui, y + 1 + i, x + 2, w - 4, ROLE_BOLD, &sp[i]);
	ui_edit_draw(&p->edit, ui, y + 2 + n, x + 2, w - 4);
}

static enum ui_reaction prompt_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct prompt_screen *p = (struct prompt_screen *)s;
	enum ui_reaction r;
	char *text;

	switch (ui_edit_key(&p->edit, ch)) {
	case EDIT_DONE:
		text = ui_edit_text(&p->edit);
		if (!text) {
			ui_error(ui, "%s", _("Out of memory."));
			return UI_REDRAW;
		}
		r = p->done(ui, p->owner, text);
		free(text);
		return r;
	case EDIT_CANCEL:
		return UI_POP;
	case EDIT_FULL:
		ui_error(ui, "%s", _("That is as long as this field can be."));
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

static bool prompt_typing(const struct ui_screen *s)
{
	return true;
}

static void prompt_destroy(struct ui_screen *s)
{
	struct prompt_screen *p = (struct prompt_screen *)s;

	ui_edit_free(&p->edit);
	free(p->label);
}

const struct ui_screen_ops ui_prompt_ops = {
	.name = N_("Text field"),
	.size = sizeof(struct prompt_screen),
	.overlay = true,
	.keys = ui_typing_keys,
	.n_keys = UI_NBIND(ui_typing_keys),
	.init = prompt_init,
	.draw = prompt_draw,
	.key = prompt_key,
	.typing = prompt_typing,
	.destroy = prompt_destroy,
};

/* ==== the question answered by a key ========================================== */

struct choice_screen {
	struct ui_screen base;
	struct ui_binding keys[CHOICE_MAX];
	char *message;
	ui_choice_fn chosen;
	void *owner;
};

static bool choice_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct choice_screen *c = (struct choice_screen *)s;
	size_t n = req->n_answers < CHOICE_MAX ? req->n_answers : CHOICE_MAX;

	c->message = strdup(req->text ? req->text : "");
	if (!c->message) {
		ui_error(ui, "%s", _("Out of memory."));
		return false;
	}
	if (n)
		memcpy(c->keys, req->answers, n * sizeof *c->keys);
	/* The answers differ per question: they are this instance's keys. */
	s->keys = c->keys;
	s->n_keys = n;
	c->chosen = req->chosen;
	c->owner = req->owner;
	return true;
}

static void choice_draw(struct ui_screen *s, struct ui *ui)
{
	struct choice_screen *c = (struct choice_screen *)s;
	struct ui_span sp[16];
	int x, w, y, n, i, cx;
	size_t k;

	n = ui_wrap(c->message, COLS - 12 < 68 ? COLS - 12 : 68, sp, 16);
	y = ui_box(ui, n + 4, &x, &w);
	for (i = 0; i < n; i++)
		ui_put_span(ui, y + 1 + i, x + 2, w - 4, ROLE_NORMAL, &sp[i]);
	cx = x + 2;
	for (k = 0; k < s->n_keys; k++) {
		const struct ui_action_info *a = ui_action_info(c->keys[k].act);
		char kn[32];

		ui_bar_key(c->keys[k].act, ui->utf8, kn, sizeof kn);
		cx += ui_put(ui, y + 2 + n, cx, x + w - 2 - cx, ROLE_KEY, kn, false);
		cx += ui_put(ui, y + 2 + n, cx, x + w - 2 - cx, ROLE_BOLD, " ", false);
		cx += ui_put(ui, y + 2 + n, cx, x + w - 2 - cx, ROLE_BOLD, _(a->bar), false);
		cx += 3;
	}
}

static enum ui_reaction choice_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct choice_screen *c = (struct choice_screen *)s;

	if (act == UI_ACT_NONE)
		return UI_NONE;
	return c->chosen(ui, c->owner, act);
}

static void choice_destroy(struct ui_screen *s)
{
	free(((struct choice_screen *)s)->message);
}

const struct ui_screen_ops ui_choice_ops = {
	.name = N_("Question"),
	.size = sizeof(struct choice_screen),
	.overlay = true,
	.init = choice_init,
	.draw = choice_draw,
	.key = choice_key,
	.destroy = choice_destroy,
};
