/*
 * ui-flow.c - the flows of the full-screen program that span screens:
 * starting (or resuming) an assessment with the question who makes it,
 * reopening a final one with the reason, editing the assessor or summary,
 * and exporting a report.  Each asks its question over the current screen
 * and, once answered, opens the next screen by request.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui-flow.h"

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
#include "safe-out.h"
#include "text.h"
#include "timefmt.h"
#include "ui-draw.h"
#include "ui-prompt.h"

/* ==== starting, reopening, assessor and summary ============================== */

/* The assessor last named for a company (newest assessment first), so a
 * consultant who assesses each quarter does not type the name again; for
 * a company never assessed, the settings' default assessor.  malloc'd;
 * "" when none. */
static char *start_last_assessor(struct ui *ui, long long company_id)
{
	struct assessment *list = NULL;
	size_t n = 0, i;
	char *who = NULL;

	if (store_assessment_list(ui->st, company_id, &list, &n) == STORE_OK) {
		for (i = 0; i < n && !who; i++)
			if (list[i].assessor && *list[i].assessor)
				who = strdup(list[i].assessor);
		store_assessment_free(list, n);
	}
	return who ? who : strdup(ui->settings.assessor);
}

/* Starts (or resumes) the assessment and opens the form in place of the
 * question (replace) or on top of the asking screen. */
static enum ui_reaction start_now(struct ui *ui, const struct ui_pending *p,
                                  const char *assessor, bool replace)
{
	struct assessment a;
	enum store_err err;
	long long id = 0;
	bool resumed = false;

	ui_saving(ui);
	err = assess_start(ui->st, p->id, p->recheck, assessor, &id, &resumed);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return replace ? UI_POP : UI_REDRAW;
	}
	if (resumed) {
		ui_msg(ui, "%s", _("Continuing the open draft of this company."));
	} else if (p->recheck) {
		bool based = false;

		if (store_assessment_get(ui->st, id, &a) == STORE_OK) {
			based = a.based_on != 0;
			store_assessment_clear(&a);
		}
		if (based) {
			ui_msg(ui, "%s", _("Re-check started: confirm each carried answer (Enter) or change it."));
		} else {
			ui_msg(ui, "%s", _("No final assessment to start from yet: this one starts empty."));
		}
	} else {
		ui_msg(ui, "%s", _("New assessment started. Every answer is saved as you go."));
	}
	return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_FORM, .assessment = id,
	                                         .close = replace ? 1 : 0 });
}

/* A one-line field checked the way the store will check it, so a refused
 * text keeps the question open with what was typed.  malloc'd trimmed
 * text, or NULL (with the reason on the status line). */
static char *meta_checked(struct ui *ui, const char *field, const char *text, bool note)
{
	char *t = text_trim_dup(text);
	enum text_check c;

	if (!t) {
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	c = note ? text_check_note(t, TEXT_NOTE_MAX) : text_check_line(t, TEXT_FIELD_MAX, true);
	if (c != TEXT_OK && c != TEXT_EMPTY) {
		char why[128];

		ui_error(ui, "%s: %s", field, text_check_say(c, note ? TEXT_NOTE_MAX : TEXT_FIELD_MAX,
		                                             why, sizeof why));
		free(t);
		return NULL;
	}
	return t;
}

static enum ui_reaction start_done(struct ui *ui, void *owner, const char *text)
{
	char *who = meta_checked(ui, _("Assessor"), text, false);
	enum ui_reaction r;

	if (!who)
		return UI_REDRAW;
	r = start_now(ui, owner, who, true);
	free(who);
	return r;
}

/* The answer to "start the re-check over?": yes discards the untouched
 * draft and starts the re-check; no resumes the draft. */
static enum ui_reaction restart_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	struct ui_pending *p = owner;
	struct assessment d;
	char *who = NULL;
	enum store_err err;
	enum ui_reaction r;

	if (act != UI_ACT_YES)
		return start_now(ui, p, NULL, true);
	if (store_assessment_get(ui->st, p->draft, &d) == STORE_OK) {
		who = strdup(d.assessor ? d.assessor : "");
		store_assessment_clear(&d);
	}
	ui_saving(ui);
	err = assess_discard(ui->st, p->draft, NULL);
	if (err != STORE_OK) {
		free(who);
		ui_store_error(ui, err);
		return UI_POP;
	}
	r = start_now(ui, p, who, true);
	free(who);
	return r;
}

enum ui_reaction ui_start_assessment(struct ui *ui, struct ui_pending *p)
{
	struct assessment a;
	struct company c;
	enum ui_reaction r;
	bool ask;
	char *last;

	if (store_assessment_draft(ui->st, p->id, &a) == STORE_OK) {
		long long id = a.id;
		bool untouched = false;

		store_assessment_clear(&a);
		if (ui->readonly) {
			/* Read-only: an open draft can still be looked at. */
			ui_msg(ui, "%s", _("Read-only: showing the open draft; answers cannot be changed."));
			return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_FORM,
			                                         .assessment = id });
		}
		/* A re-check asked for over a draft nothing was given in yet
		 * (left at once after starting it, say): start over from the
		 * last final answers, if the user wants. */
		if (p->recheck && assess_untouched(ui->st, id, &untouched) == STORE_OK && untouched &&
		    store_assessment_final(ui->st, p->id, 0, &a) == STORE_OK) {
			char msg[400], date[TIMEFMT_DATE_SIZE];

			timefmt_date(a.completed, date, sizeof date);
			store_assessment_clear(&a);
			snprintf(msg, sizeof msg, _("The open draft has no answers of its own yet. Start "
			                            "the re-check over from the answers of the last "
			                            "final assessment (%s)?"), date);
			p->draft = id;
			return ui_ask_confirm(ui, msg, restart_chosen, p);
		}
		return start_now(ui, p, NULL, false);
	}
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	/* An archived company is refused by the start itself, with the
	 * reason: no point asking who assesses it first. */
	ask = store_company_get(ui->st, p->id, &c) == STORE_OK && !c.archived;
	if (ask)
		store_company_clear(&c);
	else
		return start_now(ui, p, NULL, false);
	last = start_last_assessor(ui, p->id);
	if (!last) {
		ui_error(ui, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	r = ui_ask_text(ui, 0, p->recheck
	                ? _("Assessor: who makes this re-check? (optional; Esc cancels)")
	                : _("Assessor: who makes this assessment? (optional; Esc cancels)"),
	                last, TEXT_FIELD_MAX, start_done, p);
	free(last);
	return r;
}

static enum ui_reaction reopen_done(struct ui *ui, void *owner, const char *text)
{
	const struct ui_pending *p = owner;
	char *why = text_trim_dup(text);
	enum store_err err;

	if (!why || !*why) {
		free(why);
		ui_error(ui, "%s", _("Please give a reason: it is kept with the assessment."));
		return UI_REDRAW;
	}
	ui_saving(ui);
	err = store_assessment_reopen(ui->st, p->id, why);
	free(why);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	ui_msg(ui, "%s", _("Reopened as a draft: change what needs changing, then finish it again."));
	return ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_FORM, .assessment = p->id,
	                                         .close = 1 });
}

enum ui_reaction ui_reopen_ask(struct ui *ui, struct ui_pending *p)
{
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	return ui_ask_text(ui, 0, _("Why reopen this assessment? The reason is kept with it."),
	                   "", TEXT_FIELD_MAX, reopen_done, p);
}

static enum ui_reaction meta_save(struct ui *ui, const struct ui_pending *p, const char *text,
                                  bool summary)
{
	char *t = meta_checked(ui, summary ? _("Summary") : _("Assessor"), text, summary);
	enum store_err err;

	if (!t)
		return UI_REDRAW;
	ui_saving(ui);
	err = store_assessment_set_meta(ui->st, p->id, summary ? NULL : t, summary ? t : NULL);
	free(t);
	if (err != STORE_OK) {
		ui_store_error(ui, err);
		return UI_REDRAW;
	}
	ui_msg(ui, "%s", summary ? _("Summary saved.") : _("Assessor saved."));
	return UI_POP;
}

static enum ui_reaction assessor_done(struct ui *ui, void *owner, const char *text)
{
	return meta_save(ui, owner, text, false);
}

static enum ui_reaction summary_done(struct ui *ui, void *owner, const char *text)
{
	return meta_save(ui, owner, text, true);
}

enum ui_reaction ui_meta_ask(struct ui *ui, const struct assessment *a, bool summary,
                             struct ui_pending *p)
{
	if (ui_refuse_readonly(ui))
		return UI_REDRAW;
	if (a->status == ASSESS_FINAL) {
		ui_error(ui, "%s", summary
		         ? _("This assessment is final: reopen it first (o) to change its summary.")
		         : _("This assessment is final: reopen it first (o) to change its assessor."));
		return UI_REDRAW;
	}
	p->id = a->id;
	if (summary)
		return ui_ask_text(ui, 0, _("Summary of the assessment (optional; empty removes it):"),
		                   a->summary, TEXT_NOTE_MAX, summary_done, p);
	return ui_ask_text(ui, 0, _("Assessor: who makes this assessment?"),
	                   a->assessor, TEXT_FIELD_MAX, assessor_done, p);
}

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

/* path with the home directory as "~", as a shell would take it: the
 * status line has two lines for the whole message. */
const char *ui_home_short(const char *path, char *buf, size_t sz)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;

	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		snprintf(buf, sz, "~%s", path + n);
	else
		snprintf(buf, sz, "%s", path);
	return buf;
}

static enum ui_reaction export_chosen(struct ui *ui, void *owner, enum ui_action act)
{
	struct ui_export *ex = owner;
	enum report_format fmt;
	char name[512], path[4700];
	FILE *f, *safe;
	int rc;

	switch (act) {
	case UI_ACT_EXPORT_PDF: fmt = REPORT_PDF; break;
	case UI_ACT_EXPORT_MD: fmt = REPORT_MARKDOWN; break;
	case UI_ACT_EXPORT_HTML: fmt = REPORT_HTML; break;
	case UI_ACT_EXPORT_TEXT: fmt = REPORT_TEXT; break;
	default: return UI_POP;
	}
	if (report_format_missing(fmt)) {
		ui_error(ui, "%s", report_format_missing(fmt));
		return UI_POP;
	}
	report_file_name(name, sizeof name, &ex->company, &ex->assessment, ex->comparison, fmt);
	f = export_open(name, path, sizeof path);
	if (!f) {
		ui_error(ui, _("Cannot create the report %s here or in your home directory: %s"),
		         name, strerror(errno));
		return UI_POP;
	}
	/* What the data holds can act as no escape sequence when the file
	 * is shown on a terminal (safe-out.h); a PDF is bytes, written as
	 * they are. */
	safe = report_format_binary(fmt) ? f : safe_out_open(f, true);
	if (!safe) {
		fclose(f);
		unlink(path);
		ui_error(ui, "%s", _("Out of memory."));
		return UI_POP;
	}
	rc = ex->write(safe, fmt, ui, ex->ctx);
	if (fclose(safe) != 0)
		rc = -1;
	if (rc != 0) {
		ui_error(ui, _("Writing %s failed: %s"), path, strerror(errno));
		unlink(path);
		return UI_POP;
	}
	{
		char shown[4096];

		ui_msg(ui, _("Report saved: %s"), ui_home_short(path, shown, sizeof shown));
	}
	return UI_POP;
}

enum ui_reaction ui_export_ask(struct ui *ui, struct ui_export *ex, const struct company *c,
                               const struct assessment *a, bool comparison,
                               ui_report_fn write, void *ctx)
{
	static const struct ui_binding formats[] = {
		{ UI_ACT_EXPORT_PDF, true },
		{ UI_ACT_EXPORT_MD, true }, { UI_ACT_EXPORT_HTML, true },
		{ UI_ACT_EXPORT_TEXT, true }, { UI_ACT_EDIT_CANCEL, true },
	};

	ex->company = *c;
	ex->assessment = *a;
	ex->comparison = comparison;
	ex->write = write;
	ex->ctx = ctx;
	return ui_ask_choice(ui, _("Save the report as:"), formats, UI_NBIND(formats),
	                     export_chosen, ex);
}

