/*
 * ui-core.c - the services every screen of the full-screen program uses:
 * the action table and key names, the request that opens a screen, the
 * status line, and movement in lists and pages.  Screens call these; the
 * frame (ui.c) calls the screens.  Nothing here calls a screen, so the
 * two never form a circle.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "attr.h"
#include "ui-screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-edit.h"

static const struct ui_action_info ui_actions[UI_ACT_COUNT] = {
#define UI_ACTION_INFO(id, k1, k2, bar, help) [UI_ACT_##id] = { k1, k2, bar, help },
	UI_ACTIONS(UI_ACTION_INFO)
#undef UI_ACTION_INFO
};

const struct ui_binding ui_typing_keys[2] = {
	{ UI_ACT_EDIT_SAVE, true }, { UI_ACT_EDIT_CANCEL, true },
};

const struct ui_binding *ui_screen_keys(const struct ui_screen *s, size_t *n)
{
	if (!(s->ops->typing && s->ops->typing(s))) {
		*n = s->n_keys;
		return s->keys;
	}
	if (s->ops->typing_keys) {
		*n = s->ops->n_typing_keys;
		return s->ops->typing_keys;
	}
	*n = UI_NBIND(ui_typing_keys);
	return ui_typing_keys;
}

const struct ui_action_info *ui_action_info(enum ui_action act)
{
	return &ui_actions[act < UI_ACT_COUNT ? act : UI_ACT_QUIT];
}

enum ui_action ui_binding_lookup(const struct ui_binding *keys, size_t n, int ch)
{
	for (size_t i = 0; i < n; i++) {
		const struct ui_action_info *a = ui_action_info(keys[i].act);

		if (ch == a->key || (a->key2 && ch == a->key2))
			return keys[i].act;
	}
	return UI_ACT_NONE;
}

void ui_key_name(int key, bool utf8, char *buf, size_t bufsz)
{
	const char *name = NULL;

	switch (key) {
	case '\n': case UI_FK(KEY_ENTER): name = _("Enter"); break;
	case UI_ESC: name = _("Esc"); break;
	case ' ': name = _("Space"); break;
	case '\t': name = _("Tab"); break;
	case UI_FK(KEY_UP): name = utf8 ? "↑" : _("Up"); break;
	case UI_FK(KEY_DOWN): name = utf8 ? "↓" : _("Down"); break;
	case UI_FK(KEY_LEFT): name = utf8 ? "←" : _("Left"); break;
	case UI_FK(KEY_RIGHT): name = utf8 ? "→" : _("Right"); break;
	case UI_FK(KEY_PPAGE): name = _("PgUp"); break;
	case UI_FK(KEY_NPAGE): name = _("PgDn"); break;
	case UI_FK(KEY_HOME): name = _("Home"); break;
	case UI_FK(KEY_END): name = _("End"); break;
	case UI_FK(KEY_DC): name = _("Del"); break;
	case UI_FK(KEY_IC): name = _("Ins"); break;
	case UI_FK(KEY_BTAB): name = _("Shift+Tab"); break;
	case UI_FK(KEY_BACKSPACE): case 0x7f: case 0x08: name = _("Backspace"); break;
	default: break;
	}
	if (name) {
		snprintf(buf, bufsz, "%s", name);
	} else if (key >= UI_FK(KEY_F(1)) && key <= UI_FK(KEY_F(63))) {
		snprintf(buf, bufsz, "F%d", (key & ~UI_FK(0)) - KEY_F0);
	} else if (key > 0 && key < 0x20) {
		/* TRANSLATORS: a control key in a message, "Ctrl+A". */
		snprintf(buf, bufsz, _("Ctrl+%c"), '@' + key);
	} else if (key & UI_FK(0)) {
		const char *kn = keyname(key & ~UI_FK(0));

		/* curses' own name ("KEY_IC" becomes "IC"), for messages */
		snprintf(buf, bufsz, "%s", kn ? (strncmp(kn, "KEY_", 4) == 0 ? kn + 4 : kn) : "?");
	} else {
		char u[5] = { 0 };

		text_put_utf8((uint32_t)key, u);
		snprintf(buf, bufsz, "%s", u);
	}
}

void ui_bar_key(enum ui_action act, bool utf8, char *buf, size_t bufsz)
{
	if (act == UI_ACT_ANSWER_0)
		snprintf(buf, bufsz, "0-4");
	else if (act == UI_ACT_YES)
		/* TRANSLATORS: the key for "yes"; y and j are both accepted. */
		snprintf(buf, bufsz, "%s", _("y"));
	else
		ui_key_name(ui_action_info(act)->key, utf8, buf, bufsz);
}

void ui_request_clear(struct ui *ui)
{
	free(ui->req_text);
	free(ui->req_initial);
	ui->req_text = ui->req_initial = NULL;
	memset(&ui->req, 0, sizeof ui->req);
}

enum ui_reaction ui_open(struct ui *ui, const struct ui_request *req)
{
	ui_request_clear(ui);
	ui->req = *req;
	if (req->text && !(ui->req_text = strdup(req->text)))
		goto oom;
	if (req->initial && !(ui->req_initial = strdup(req->initial)))
		goto oom;
	ui->req.text = ui->req_text;
	ui->req.initial = ui->req_initial;
	return UI_OPEN;
oom:
	ui_request_clear(ui);
	ui_error(ui, "%s", _("Out of memory."));
	return UI_REDRAW;
}

/* ---- status line ------------------------------------------------------- */

static void ui_vmsg(struct ui *ui, bool error, const char *fmt, va_list ap)
	PRINTF_LIKE(3, 0);

static void ui_vmsg(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	ui->msg_error = error;
	ui->msg_sticky = false;
}

void ui_msg(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmsg(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmsg(ui, true, fmt, ap);
	va_end(ap);
}

void ui_store_error(struct ui *ui, enum store_err err)
{
	const char *m = store_error(ui->st);

	if (err == STORE_READONLY || (m && *m == '\0'))
		m = NULL;
	if (m)
		ui_error(ui, "%s", m);
	else if (err == STORE_READONLY)
		ui_error(ui, "%s", _("The database is open read-only: nothing can be changed."));
	else
		ui_error(ui, "%s", _("The change could not be saved."));
}

bool ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

void ui_saving(struct ui *ui)
{
	if (ui_too_small())
		return;
	move(LINES - 2, 0);
	clrtoeol();
	ui_putf(ui, LINES - 2, 0, COLS, ROLE_BOLD, "%s%s", _("Saving"), ui_sym(ui, SYM_ELLIPSIS));
	refresh();
}

bool ui_refuse_readonly(struct ui *ui)
{
	if (!ui->readonly)
		return false;
	ui_error(ui, "%s", _("The database is open read-only: nothing can be changed."));
	return true;
}

/* ---- moving in lists and pages ----------------------------------------------- */

bool ui_list_move(size_t *sel, size_t n, size_t page, enum ui_action act)
{
	size_t last = n ? n - 1 : 0;

	switch (act) {
	case UI_ACT_UP: if (*sel > 0) (*sel)--; break;
	case UI_ACT_DOWN: if (*sel < last) (*sel)++; break;
	case UI_ACT_PAGE_UP: *sel = *sel > page ? *sel - page : 0; break;
	case UI_ACT_PAGE_DOWN: *sel = *sel + page < last ? *sel + page : last; break;
	case UI_ACT_FIRST: *sel = 0; break;
	case UI_ACT_LAST: *sel = last; break;
	default: return false;
	}
	return true;
}

bool ui_page_move(int *scroll, int lines, int height, enum ui_action act)
{
	switch (act) {
	case UI_ACT_UP: (*scroll)--; break;
	case UI_ACT_DOWN: (*scroll)++; break;
	case UI_ACT_PAGE_UP: *scroll -= height - 1; break;
	case UI_ACT_PAGE_DOWN: *scroll += height - 1; break;
	case UI_ACT_FIRST: *scroll = 0; break;
	case UI_ACT_LAST: *scroll = lines; break;
	default: return false;
	}
	*scroll = ui_scroll_clamp(*scroll, lines, height);
	return true;
}
