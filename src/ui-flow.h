/*
 * ui-flow.h - the flows of the full-screen program that span screens:
 * start or resume an assessment, reopen one, change its assessor or
 * summary, export a report.  Called from the screens' key handlers; each
 * returns the reaction that asks its question (or opens the next screen).
 */
#ifndef SMREADY_UI_FLOW_H
#define SMREADY_UI_FLOW_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"
#include "store.h"
#include "ui-screen.h"

/* What an asking screen keeps for a question it opened (the question's
 * answer arrives after the key handler has returned). */
struct ui_pending {
	long long id;             /* company or assessment */
	bool recheck;             /* starting: from the last final answers */
	long long draft;          /* starting over: the draft to discard */
};

/* Starts (or resumes) an assessment of company p->id and opens the form.
 * A new assessment first asks for the assessor (prefilled with the last
 * one named for the company; Esc starts nothing); an open draft is
 * resumed without asking.  p belongs to the calling screen. */
enum ui_reaction ui_start_assessment(struct ui *ui, struct ui_pending *p);
/* Asks why the final assessment p->id is reopened, reopens it and opens
 * the form in place of the question. */
enum ui_reaction ui_reopen_ask(struct ui *ui, struct ui_pending *p);
/* Asks for the assessor (summary false) or the summary note of a, with the
 * current text to edit, and saves it; a final assessment is refused with
 * the advice to reopen it first.  The screen beneath loads again
 * afterwards.  p->id is set to a's id. */
enum ui_reaction ui_meta_ask(struct ui *ui, const struct assessment *a, bool summary,
                             struct ui_pending *p);

/* path with the home directory as "~", as a shell would take it, in buf. */
const char *ui_home_short(const char *path, char *buf, size_t sz);

/* Asks for a format, then writes a report next to the user; the full path
 * goes to the status line.  write() produces the report. */
typedef int (*ui_report_fn)(FILE *out, enum report_format fmt, struct ui *ui, void *ctx);
struct ui_export {
	struct company company;   /* owned by the caller */
	struct assessment assessment;
	bool comparison;
	ui_report_fn write;
	void *ctx;
};
/* Fills ex and asks for the format; ex belongs to the calling screen. */
enum ui_reaction ui_export_ask(struct ui *ui, struct ui_export *ex, const struct company *c,
                               const struct assessment *a, bool comparison,
                               ui_report_fn write, void *ctx);

#endif
