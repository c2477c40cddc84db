/*
 * report.h - client-ready reports of one assessment, and of a comparison,
 * as plain text, Markdown, one self-contained HTML file or PDF, in the
 * current locale's language.  Used by "smready report/compare" and by the
 * UI's export key.  Writes only to the FILE it is given; everything it
 * shows comes in struct report_input (assess-report.h gathers it).
 */
#ifndef SMREADY_REPORT_H
#define SMREADY_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "assess.h"
#include "plan.h"
#include "settings.h"
#include "store.h"

enum report_format { REPORT_TEXT = 0, REPORT_MARKDOWN, REPORT_HTML, REPORT_PDF };

/* Parses "text", "markdown" (or "md"), "html", "pdf".  False when unknown. */
bool report_format_parse(const char *name, enum report_format *out);
/* File name extension without the dot: "txt", "md", "html", "pdf". */
const char *report_format_ext(enum report_format fmt);
/* Whether this smready can write fmt: PDF needs cairo and pango at build
 * time.  When not, report_format_missing() says what is missing
 * (translated); NULL when the format is there. */
bool report_format_available(enum report_format fmt);
const char *report_format_missing(enum report_format fmt);
/* Whether fmt is not text (PDF): not for a terminal. */
bool report_format_binary(enum report_format fmt);

/* ---- the action plan ------------------------------------------------------
 * After an assessment the consultant agrees a short plan with the client.
 * Where one exists, the report shows its open actions as the next steps
 * (in place of the recommendations), and the report of the next
 * assessment shows the loop: per action whether it was done and whether
 * the questions it aimed at moved, in the four groups of plan.h.
 * assess-report.c fills these views from the store. */
struct report_aim {
	const char *key;              /* item key (the action's questionnaire) */
	const char *question;         /* untranslated msgid of the question;
	                               * NULL when this smready does not know it */
	int target;                   /* the answer aimed for */
	/* prev_plan only: the answers in the two assessments (ANSWER_*) and
	 * how the question moved towards the target */
	int before, after;
	enum plan_progress progress;
};

struct report_action {
	int number;                   /* within the company */
	const char *text;             /* what is to be done */
	const char *owner;            /* who does it; "" or NULL: not named */
	const char *due;              /* "YYYY-MM-DD"; "" or NULL: no date */
	enum plan_status state;       /* plan: now; prev_plan: at the re-check */
	const char *note;             /* NULL or "" when none */
	const struct report_aim *aims;
	int n_aims;
	bool overdue;                 /* plan: due before today; prev_plan:
	                               * before the re-check was finished */
	enum plan_outcome outcome;    /* prev_plan only */
	int n_moved;                  /* prev_plan only: aims that moved */
};

struct report_plan {
	long long agreed;             /* when it was agreed (Unix time); 0: unknown */
	const struct report_action *actions;
	int n_actions;
};

/* ---- what a report is given -------------------------------------------------
 * Everything a report shows is passed in: the report module reads no
 * store and no file but the logo the settings name. */
struct report_input {
	const struct company *company;
	/* report_assessment: the assessment reported on (report_comparison:
	 * unused, NULL). */
	const struct scored *s;
	/* report_assessment: s compared with the final assessment before it,
	 * shown as "since the previous assessment"; NULL when there is none.
	 * report_comparison: the comparison itself (required). */
	const struct compared *cmp;
	/* The company's assessments in any order (as store_assessment_list
	 * gives them); the final ones draw the trend when there are three or
	 * more.  May be NULL with n_history 0. */
	const struct assessment *history;
	size_t n_history;
	/* The events of s (report_comparison: of cmp->new) and of the
	 * assessment before (cmp->old), as store_assessment_events gives
	 * them: reopenings are shown with when and why. */
	const struct assessment_event *events;
	size_t n_events;
	const struct assessment_event *old_events;
	size_t n_old_events;
	/* Consultant, logo, re-check interval, paper, colours; NULL: defaults. */
	const struct settings *settings;
	/* The plan: the company's open actions (report_assessment of its
	 * latest final assessment; NULL otherwise), and the actions the
	 * assessment reported on (report_comparison: cmp->new) judged at it
	 * against the one before, whose outcome the changes show first.
	 * NULL: none. */
	const struct report_plan *plan;
	const struct report_plan *prev_plan;
};

/* Report of one assessment: in->company, in->s, optionally in->cmp and the
 * rest.  Returns 0, or -1 when writing failed (errno says why). */
int report_assessment(FILE *out, enum report_format fmt, const struct report_input *in);

/* Report of a comparison of two assessments of one company (in->cmp). */
int report_comparison(FILE *out, enum report_format fmt, const struct report_input *in);

/* A file name for a report: the company name made safe for file systems,
 * the assessment's date and the extension, e.g.
 * "Mueller-Soehne-GmbH-2026-11-22.html"; comparison adds "-compare". */
void report_file_name(char *buf, size_t bufsz, const struct company *c,
                      const struct assessment *a, bool comparison,
                      enum report_format fmt);

/* ---- plain-text tables (shared with the command line) -------------------
 * Columns are aligned by display width, not bytes, so umlauts and wide
 * characters line up.  align holds one letter per column: 'l' or 'r'. */
struct report_table;
struct report_table *report_table_new(int ncols, const char *align);
/* Adds a row of ncols cells (NULL counts as ""); the strings are copied.
 * Returns -1 when out of memory. */
int report_table_add(struct report_table *t, const char *const *cells);
/* Prints the rows, each prefixed by indent spaces, columns two spaces
 * apart, no trailing blanks.  Returns 0 or -1 when writing failed. */
int report_table_print(const struct report_table *t, FILE *out, int indent);
void report_table_free(struct report_table *t);

/* Writes prefix and then text wrapped at 78 columns (display width), later
 * lines indented by indent spaces; newlines in text start a new line. */
void report_wrap(FILE *out, const char *prefix, int indent, const char *text);

/* "YYYY-MM-DD" (UTC) of a Unix time into buf (at least 11 bytes); "" for 0.
 * Reports themselves write dates in the locale's form (timefmt_date). */
char *report_date(char *buf, size_t bufsz, long long t);

/* A readiness level's name in the current language; "not scored" for none. */
const char *report_level_label(int level);

/* A score as digits into buf, or "–" when there is none.  Returns buf. */
char *report_score(char *buf, size_t n, int score);

#endif
