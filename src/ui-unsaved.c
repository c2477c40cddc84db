/*
 * ui-unsaved.c - answers the server did not take, on the screens (see
 * ui-unsaved.h).
 */
#include "config.h"

#include "ui-unsaved.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "ui-draw.h"
#include "ui-flow.h"
#include "ui-prompt.h"

#define RETRY_MS 2000

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The file as it may be shown: with ~ for the home directory. */
static const char *shown_file(const struct ui *ui, char *buf, size_t sz)
{
	const char *f = ui->unsaved.file ? ui->unsaved.file : "";

	ui_home_short(f, buf, sz);
	return buf;
}

bool ui_unsaved_keep(struct ui *ui, const struct company *c, const struct assessment *a,
                     const char *item_key, int value, const char *note)
{
	size_t n;

	if (store_online(ui->st))
		return false;
	if (!unsaved_keep(&ui->unsaved, c, a, item_key, value, note, store_now(ui->st))) {
		ui_error(ui, "%s", _("Out of memory."));
		return false;
	}
	ui->unsaved_tried = mono_ms();
	n = unsaved_count(&ui->unsaved);
	if (ui->unsaved.why[0])
		ui_error(ui, P_("Not saved: the server cannot be reached, and %zu answer is kept only "
		                "here: %s",
		                "Not saved: the server cannot be reached, and %zu answers are kept only "
		                "here: %s", n), n, ui->unsaved.why);
	else
		ui_error(ui, P_("Not saved: the server cannot be reached. %zu answer is kept (%s) and "
		                "saved as soon as the server is back.",
		                "Not saved: the server cannot be reached. %zu answers are kept (%s) and "
		                "saved as soon as the server is back.", n),
		         n, ui_sym(ui, SYM_CROSS));
	return true;
}

enum store_err ui_unsaved_flush(struct ui *ui)
{
	int saved = 0, older = 0;
	enum store_err err;

	if (unsaved_count(&ui->unsaved) == 0)
		return STORE_OK;
	ui->unsaved_tried = mono_ms();
	ui->unsaved_refused[0] = '\0';
	err = unsaved_flush(&ui->unsaved, ui->st, &saved, &older);
	if (err != STORE_OK && store_online(ui->st)) {
		/* not the connection: retrying would only say it again */
		snprintf(ui->unsaved_refused, sizeof ui->unsaved_refused, "%s", store_error(ui->st));
		return err;
	}
	if (saved || older) {
		if (older)
			ui_msg(ui, P_("The server is back: %d answer saved; %d had been changed there "
			              "since, by someone else, and theirs was kept.",
			              "The server is back: %d answers saved; %d had been changed there "
			              "since, by someone else, and theirs were kept.", older),
			       saved, older);
		else
			ui_msg(ui, P_("The server is back: %d answer that was not saved is saved now.",
			              "The server is back: %d answers that were not saved are saved now.",
			              saved), saved);
	}
	return err;
}

/* Why the database refused the kept answers (quitting names their file). */
static void say_refused(struct ui *ui)
{
	size_t n = unsaved_count(&ui->unsaved);

	ui_error(ui, P_("%zu kept answer not saved: %s It stays kept.",
	                "%zu kept answers not saved: %s They stay kept.", n),
	         n, ui->unsaved_refused);
}

bool ui_unsaved_tick(struct ui *ui)
{
	size_t before = unsaved_count(&ui->unsaved);

	if (before == 0 || ui->unsaved_refused[0] || mono_ms() - ui->unsaved_tried < RETRY_MS)
		return false;
	ui_unsaved_flush(ui);
	if (ui->unsaved_refused[0]) {
		say_refused(ui);
		return true;
	}
	return unsaved_count(&ui->unsaved) != before;
}

static enum ui_reaction quit_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	(void)owner;
	switch (act) {
	case UI_ACT_QUIT_KEEP:
		ui->quit_anyway = true;
		return UI_QUIT;
	case UI_ACT_RETRY:
		if (ui_unsaved_flush(ui) == STORE_OK) {
			ui->quit_anyway = true;
			return UI_QUIT;
		}
		if (ui->unsaved_refused[0])
			say_refused(ui);
		else
			ui_error(ui, "%s", _("The server still cannot be reached; the answers stay kept."));
		return UI_POP;
	default:
		return UI_POP;
	}
}

enum ui_reaction ui_unsaved_quit(struct ui *ui)
{
	static const struct ui_binding answers[] = {
		{ UI_ACT_QUIT_KEEP, true }, { UI_ACT_RETRY, true }, { UI_ACT_STAY, true },
	};
	char question[UI_MSG_MAX], file[512];
	const char *where;
	size_t n;

	if (ui->quit_anyway || unsaved_count(&ui->unsaved) == 0)
		return UI_QUIT;
	if (ui_unsaved_flush(ui) == STORE_OK)
		return UI_QUIT;
	n = unsaved_count(&ui->unsaved);
	where = ui->unsaved.file ? shown_file(ui, file, sizeof file) : ui->unsaved.why;
	if (ui->unsaved_refused[0])
		snprintf(question, sizeof question,
		         P_("%zu answer is not saved: the database refused it. It is kept in %s; "
		            "'smready import' says why.",
		            "%zu answers are not saved: the database refused them. They are kept in "
		            "%s; 'smready import' says why.", n),
		         n, where);
	else
		snprintf(question, sizeof question,
		         P_("%zu answer is not saved: the server cannot be reached. It is kept in %s; "
		            "'smready import' takes that file when the server is back.",
		            "%zu answers are not saved: the server cannot be reached. They are kept "
		            "in %s; 'smready import' takes that file when the server is back.", n),
		         n, where);
	return ui_ask_choice(ui, question, answers, UI_NBIND(answers), quit_chosen, ui);
}

void ui_unsaved_startup(struct ui *ui)
{
	char **left = unsaved_left_over(), shown[512];
	const char *last = NULL;
	size_t n = 0;
	int taken = 0, older = 0, all = 0, all_older = 0, files = 0;

	/* a file of this database's drafts goes in now; one of another
	 * database's is named */
	for (size_t i = 0; left && left[i]; i++) {
		if (!ui->readonly && unsaved_is_ours(&ui->unsaved, left[i]) &&
		    unsaved_take(ui->st, left[i], &taken, &older)) {
			all += taken;
			all_older += older;
			files++;
		} else {
			last = left[i];
			n++;
		}
	}
	if (n == 1)
		ui_error(ui, _("Answers of an earlier session were not saved; 'smready import' takes "
		               "them from %s."),
		         ui_home_short(last, shown, sizeof shown));
	else if (n > 1)
		/* the file name last: it must not push words off the two lines */
		ui_error(ui, P_("%zu file holds answers of earlier sessions that were not saved; "
		                "'smready import' takes each, the last %s.",
		                "%zu files hold answers of earlier sessions that were not saved; "
		                "'smready import' takes each, the last %s.", n),
		         n, ui_home_short(last, shown, sizeof shown));
	else if (files > 0 && all_older > 0)
		/* as when the server comes back during a session */
		ui_msg(ui, P_("Answers kept while the server was away: %d saved; %d had been changed "
		              "there since, by someone else, and theirs was kept.",
		              "Answers kept while the server was away: %d saved; %d had been changed "
		              "there since, by someone else, and theirs were kept.", all_older),
		       all, all_older);
	else if (files > 0)
		ui_msg(ui, P_("%d answer kept while the server was away is saved now.",
		              "%d answers kept while the server was away are saved now.", all), all);
	unsaved_list_free(left);
}

void ui_unsaved_farewell(struct ui *ui)
{
	size_t n = unsaved_count(&ui->unsaved);

	if (n && ui->unsaved.file)
		fprintf(stderr, P_("smready: %zu answer was not saved; it is kept in %s. Import it "
		                   "when the server is back: smready import %s\n",
		                   "smready: %zu answers were not saved; they are kept in %s. Import "
		                   "them when the server is back: smready import %s\n", n),
		        n, ui->unsaved.file, ui->unsaved.file);
	else if (n)
		fprintf(stderr, P_("smready: %zu answer was not saved, and could not be kept: %s\n",
		                   "smready: %zu answers were not saved, and could not be kept: %s\n",
		                   n), n, ui->unsaved.why);
	unsaved_free(&ui->unsaved);
}
