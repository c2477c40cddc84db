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

#endif
