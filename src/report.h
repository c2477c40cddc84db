/*
 * report.h - client-ready reports of one assessment, and of a comparison,
 * as plain text, Markdown or one self-contained HTML file, in the current
 * locale's language.  Used by "smready report/compare" and by the UI's
 * export key.  Writes only to the FILE it is given.
 */
#ifndef SMREADY_REPORT_H
#define SMREADY_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "assess.h"
#include "store.h"

enum report_format { REPORT_TEXT = 0, REPORT_MARKDOWN, REPORT_HTML };

/* Parses "text", "markdown" (or "md"), "html".  False when unknown. */
bool report_format_parse(const char *name, enum report_format *out);
/* File name extension without the dot: "txt", "md", "html". */
const char *report_format_ext(enum report_format fmt);

/* Report of one assessment s of company c.  prev, when not NULL, is the
 * comparison of the previous final assessment (prev->old) with s
 * (prev->new) and is shown as a "since last time" section.
 * Returns 0, or -1 when writing failed (errno says why). */
int report_assessment(FILE *out, enum report_format fmt, const struct company *c,
                      const struct scored *s, const struct compared *prev);

/* Report of a comparison of two assessments of company c. */
int report_comparison(FILE *out, enum report_format fmt, const struct company *c,
                      const struct compared *cmp);

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

/* "YYYY-MM-DD" (UTC) of a Unix time into buf (at least 11 bytes); "" for 0. */
char *report_date(char *buf, size_t bufsz, long long t);

/* A readiness level's name in the current language; "not scored" for none. */
const char *report_level_label(int level);

/* A score as digits into buf, or "–" when there is none.  Returns buf. */
char *report_score(char *buf, size_t n, int score);

#endif
