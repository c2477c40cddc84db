/*
 * ui-help.c - the help screen: the keys of the screen it was opened from,
 * generated from the same action table as the key bar, so the two cannot
 * disagree.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui-draw.h"
#include "ui-screen.h"

struct help_screen {
	struct ui_screen base;
	const struct ui_screen_ops *of;
	const struct ui_binding *keys;
	size_t n_keys;
};

static bool help_init(struct ui_screen *s, struct ui *ui, const struct ui_request *req)
{
	struct help_screen *h = (struct help_screen *)s;
	const struct ui_screen *of = req->of;

	if (!of)
		return false;
	h->of = of->ops;
	/* While the screen beneath takes typed text, its keys are the
	 * editor's. */
	h->keys = ui_screen_keys(of, &h->n_keys);
	return true;
}

/* "q" or "↑, k"; a second key with the same name (Enter) shown once. */
static void help_keys_text(struct ui *ui, const struct ui_action_info *a, char *buf, size_t bufsz)
{
	char k1[32], k2[32];

	ui_key_name(a->key, ui->utf8, k1, sizeof k1);
	ui_key_name(a->key2, ui->utf8, k2, sizeof k2);
	if (a->key2 && strcmp(k1, k2) != 0)
		snprintf(buf, bufsz, "%s, %s", k1, k2);
	else
		snprintf(buf, bufsz, "%s", k1);
}

static void help_draw(struct ui_screen *s, struct ui *ui)
{
	struct help_screen *h = (struct help_screen *)s;
	struct ui_doc d = { .top = ui_body_top() + 1, .height = ui_body_height() - 1,
	                    .scroll = s->page.scroll, .x = 2, .width = COLS - 4 };
	int kcol = 0, row;
	char buf[256];
	size_t i;

	snprintf(buf, sizeof buf, _("Keys: %s"), _(h->of->name));
	ui_title(ui, buf);
	for (i = 0; i < h->n_keys; i++) {
		int w;

		help_keys_text(ui, ui_action_info(h->keys[i].act), buf, sizeof buf);
		w = ui_width(ui, buf);
		if (w > kcol)
			kcol = w;
	}
	if (kcol > 18)
		kcol = 18;
	for (i = 0; i < h->n_keys; i++) {
		const struct ui_action_info *a = ui_action_info(h->keys[i].act);
		int used;

		help_keys_text(ui, a, buf, sizeof buf);
		row = d.lines;
		used = ui_doc_text(ui, &(struct ui_doc){ .top = d.top, .height = d.height,
		                   .scroll = d.scroll, .x = d.x + kcol + 2,
		                   .width = d.width - kcol - 2, .lines = row },
		                   0, ROLE_NORMAL, _(a->help));
		if (row >= d.scroll && row < d.scroll + d.height)
			ui_put(ui, d.top + row - d.scroll, d.x, kcol, ROLE_BOLD, buf, false);
		d.lines += used > 0 ? used : 1;
	}
	ui_doc_row(&d);
	ui_doc_text(ui, &d, 0, ROLE_DIM,
	            _("Every answer, note and change is saved the moment you make it, "
	              "so quitting never loses anything."));
	s->page.lines = d.lines;
	s->page.height = d.height;
}

static enum ui_reaction help_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	return act == UI_ACT_BACK ? UI_POP : UI_NONE;
}

static const struct ui_binding help_keys[] = {
	{ UI_ACT_BACK, true }, UI_BIND_MOVES(true), { UI_ACT_QUIT, true },
};

const struct ui_screen_ops ui_help_ops = {
	.name = N_("Help"),
	.size = sizeof(struct help_screen),
	.paged = true,
	.keys = help_keys,
	.n_keys = UI_NBIND(help_keys),
	.init = help_init,
	.draw = help_draw,
	.key = help_key,
};
