/*
 * ui-settings.c - the settings screen, opened from the portfolio: who
 * hands the reports over (consultant, firm, contact line, logo) and the
 * default assessor, each changed with a prompt and written back to the
 * settings file at once, every other line of the file kept as it was;
 * the re-check interval, the paper and the file itself shown.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-prompt.h"
#include "ui-screen.h"

/* The fields the screen changes: their key in the file, their label, and
 * where the current value lives. */
enum field { F_CONSULTANT, F_FIRM, F_CONTACT, F_LOGO, F_ASSESSOR, F_COUNT };

static const struct {
	const char *key;
	const char *label;        /* N_() */
	const char *prompt;       /* N_() */
} fields[F_COUNT] = {
	[F_CONSULTANT] = { "consultant", N_("Consultant"),
	                   N_("Your name, as the reports name who hands them over:") },
	[F_FIRM] = { "firm", N_("Firm"), N_("Your firm (empty: none):") },
	[F_CONTACT] = { "contact", N_("Contact line"),
	                N_("Your contact line, e.g. phone and e-mail (empty: none):") },
	[F_LOGO] = { "logo", N_("Logo"),
	             N_("A logo for the reports: the path of a .png or .svg file (empty: none):") },
	[F_ASSESSOR] = { "assessor", N_("Default assessor"),
	                 N_("Who assesses a company assessed for the first time (empty: nobody):") },
};

struct settings_screen {
	struct ui_screen base;
	size_t sel;
	char *path;               /* the settings file; NULL: none can be named */
};

static const char *field_value(const struct settings *s, enum field f)
{
	switch (f) {
	case F_CONSULTANT: return s->consultant;
	case F_FIRM: return s->firm;
	case F_CONTACT: return s->contact;
	case F_LOGO: return s->logo;
	case F_ASSESSOR: return s->assessor;
	case F_COUNT: break;
	}
	return "";
}

static bool settings_init_screen(struct ui_screen *s, struct ui *ui,
                                 const struct ui_request *req)
{
	struct settings_screen *st = (struct settings_screen *)s;

	st->path = settings_path();
	return true;
}

static void settings_destroy(struct ui_screen *s)
{
	free(((struct settings_screen *)s)->path);
}

static void settings_draw(struct ui_screen *s, struct ui *ui)
{
	struct settings_screen *st = (struct settings_screen *)s;
	int y = ui_body_top() + 1, lw = 0, i;
	char buf[256];

	ui_title(ui, _("Settings"));
	for (i = 0; i < F_COUNT; i++)
		if (ui_width(ui, _(fields[i].label)) > lw)
			lw = ui_width(ui, _(fields[i].label));
	ui_put(ui, y++, 2, COLS - 4, ROLE_HEADER, _("What the reports show"), false);
	y++;
	for (i = 0; i < F_COUNT; i++, y++) {
		bool sel = (size_t)i == st->sel;
		const char *v = field_value(&ui->settings, (enum field)i);

		ui_fill(ui, y, 1, COLS - 2, sel ? ROLE_SELECTED : ROLE_NORMAL);
		ui_put(ui, y, 2, lw, sel ? ROLE_SELECTED : ROLE_BOLD, _(fields[i].label), true);
		ui_put(ui, y, 4 + lw, COLS - 6 - lw, sel ? ROLE_SELECTED : *v ? ROLE_NORMAL : ROLE_DIM,
		       *v ? v : _("(not set)"), false);
	}
	y++;
	snprintf(buf, sizeof buf, P_("Re-check: due %d day after the last final assessment",
	                             "Re-check: due %d days after the last final assessment",
	                             ui->settings.recheck_days), ui->settings.recheck_days);
	ui_put(ui, y++, 2, COLS - 4, ROLE_NORMAL, buf, false);
	snprintf(buf, sizeof buf, _("Paper of PDF reports: %s"),
	         settings_paper(&ui->settings) == SETTINGS_PAPER_LETTER ? "Letter" : "A4");
	ui_put(ui, y++, 2, COLS - 4, ROLE_NORMAL, buf, false);
	y++;
	ui_put(ui, y++, 2, COLS - 4, ROLE_DIM,
	       st->path ? _("Saved in this file, with every other line kept as it is:")
	                : _("No settings file can be named: HOME is not set."), false);
	if (st->path)
		ui_put(ui, y++, 4, COLS - 6, ROLE_DIM, st->path, false);
	{
		/* wrapped: a German line does not fit 80 columns */
		struct ui_span sp[4];
		int n = ui_wrap(_("The interval, the paper and the colours are set in the file "
		                  "itself; see \"man smready\", FILES."), COLS - 4, sp, 4);

		for (int k = 0; k < n && y + k < LINES - 2; k++)
			ui_put_span(ui, y + k, 2, COLS - 4, ROLE_DIM, &sp[k]);
	}
}

/* Collects the first problem the settings reader names. */
static void first_problem(void *ctx, const char *file, int line, const char *msg)
{
	char *out = ctx;

	if (!*out)
		snprintf(out, UI_MSG_MAX, "%s", msg);
}

static enum ui_reaction field_done(struct ui *ui, void *owner, const char *text)
{
	struct settings_screen *st = owner;
	enum field f = (enum field)st->sel;
	char *v = text_trim_dup(text), problem[UI_MSG_MAX] = "", err[256];
	const char *keys[1], *values[1];
	struct settings check, fresh;
	char *line;
	size_t n;

	if (!v) {
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	/* The reader's own rules decide, so what is saved reads back. */
	n = strlen(fields[f].key) + strlen(v) + 8;
	line = malloc(n);
	if (!line) {
		free(v);
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	snprintf(line, n, "%s = \"%s\"\n", fields[f].key, v);
	settings_init(&check);
	settings_parse(&check, line, strlen(line), st->path, first_problem, problem);
	free(line);
	if (*problem) {
		free(v);
		ui_error(ui, "%s", problem);
		return UI_REDRAW;          /* the prompt stays open with the text */
	}
	keys[0] = fields[f].key;
	values[0] = v;
	if (settings_save(st->path, keys, values, 1, err, sizeof err) != 0) {
		free(v);
		ui_error(ui, _("Cannot write %s: %s"), st->path, err);
		return UI_REDRAW;
	}
	problem[0] = '\0';
	settings_load(&fresh, st->path, first_problem, problem);
	ui->settings = fresh;
	/* Saved, but not taken (a logo that cannot be read): say why.  The
	 * file's other problems were shown when the program started. */
	if (*v && !*field_value(&fresh, f) && *problem)
		ui_error(ui, "%s", problem);
	else
		ui_msg(ui, "%s", _("Saved in the settings file."));
	free(v);
	return UI_POP;
}

static enum ui_reaction settings_key(struct ui_screen *s, struct ui *ui, enum ui_action act,
                                     int ch)
{
	struct settings_screen *st = (struct settings_screen *)s;

	switch (act) {
	case UI_ACT_BACK:
		return UI_POP;
	case UI_ACT_CHANGE:
		if (!st->path) {
			ui_error(ui, "%s", _("No settings file can be named: HOME is not set."));
			return UI_REDRAW;
		}
		return ui_ask_text(ui, 0, _(fields[st->sel].prompt),
		                   field_value(&ui->settings, (enum field)st->sel),
		                   st->sel == F_LOGO ? SETTINGS_PATH_SIZE / 4 : TEXT_FIELD_MAX,
		                   field_done, st);
	default:
		return ui_list_move(&st->sel, F_COUNT, F_COUNT, act) ? UI_REDRAW : UI_NONE;
	}
}

static const struct ui_binding settings_keys[] = {
	{ UI_ACT_CHANGE, true }, { UI_ACT_BACK, true }, UI_BIND_MOVES(false),
	{ UI_ACT_HELP, true }, { UI_ACT_QUIT, true },
};

const struct ui_screen_ops ui_settings_ops = {
	.name = N_("Settings"),
	.size = sizeof(struct settings_screen),
	.keys = settings_keys,
	.n_keys = UI_NBIND(settings_keys),
	.init = settings_init_screen,
	.draw = settings_draw,
	.key = settings_key,
	.destroy = settings_destroy,
};
