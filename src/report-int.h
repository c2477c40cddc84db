/*
 * report-int.h - what the content files of the reports share: the words
 * and pieces both the assessment report (report.c) and the changes
 * (report-changes.c) are made of, written in report-words.c.  Private to
 * those three files.
 */
#ifndef SMREADY_REPORT_INT_H
#define SMREADY_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "report-doc.h"
#include "report.h"

#define RW_NOTE_SIZE (TEXT_NOTE_MAX * 4 + 64)

/* "3 – largely", "don't know", "unanswered" in the current language. */
char *rw_answer(char *buf, size_t n, int value);
/* "=" or "+3", "-2". */
char *rw_delta(char *buf, size_t n, int delta);
/* When an assessment was made: completed when final, else started. */
long long rw_assessment_time(const struct assessment *a);
/* Its date in the locale's form. */
char *rw_assessment_date(char *buf, size_t n, const struct assessment *a);
/* "No. 2 of 02.04.2026": its number within the company and its date. */
char *rw_assessment_name(char *buf, size_t n, const struct assessment *a);
/* "Social media readiness check, edition 2", or for a questionnaire this
 * smready does not know, its identifier and version. */
char *rw_questionnaire(char *buf, size_t n, const struct assessment *a,
                       const struct catalogue *cat);
/* The verdict in one line: "Not ready (49 of 100): 2 stop signs; by score
 * alone: Early stage".  *cls gets "ko", "caution" or NULL. */
char *rw_verdict(char *buf, size_t n, const struct score *sc, const char **cls);
/* The level bands, and the legend that names them. */
void rw_bands(struct doc_bands *b);
char *rw_band_legend(char *buf, size_t n, const struct doc_bands *b);

/* The settings to use: in's, or the defaults in *tmp. */
const struct settings *rw_settings(const struct report_input *in, struct settings *tmp);
/* Begins the document: meta filled from the settings, then the
 * letterhead. */
void rw_begin(struct doc *d, struct doc_meta *meta, const char *title,
              const struct company *c, const struct settings *set);
/* Facts about the company (name, contact, industry) into facts; returns
 * how many (at most 3). */
int rw_company_facts(struct fact *facts, const struct company *c);
/* One "Reopened" fact per reopening in events, "02.05.2026: why", into
 * facts (values in bufs, each RW_EVENT_SIZE); returns how many (at most
 * max). */
#define RW_EVENT_SIZE 320
/* "Finished by" (or, for a draft, "Started by") with the database user
 * the events name: 1 fact, or 0 when none is known (a file). */
int rw_who_facts(struct fact *facts, const struct assessment_event *ev, size_t n, bool final);
int rw_reopen_facts(struct fact *facts, char (*bufs)[RW_EVENT_SIZE], int max,
                    const struct assessment_event *ev, size_t n, const char *label);
/* The trend of the overall score over the company's final assessments,
 * when there are three or more. */
void rw_trend(struct doc *d, const struct report_input *in);
/* The recommended date of the next re-check after a. */
void rw_recheck(struct doc *d, const struct assessment *a, const struct settings *set);

/* ---- report-changes.c ------------------------------------------------------ */

/* What changed between cmp->old and cmp->new: overall and level, the
 * dimensions, stop signs resolved and new, the answers that improved or
 * got worse (with their notes), what is now known or no longer, what
 * cannot be compared; and the outcome of prev_plan (may be NULL).  full:
 * as the body of the comparison report (sections), else as the
 * subsections of "since the previous assessment". */
void rc_changes(struct doc *d, const struct compared *cmp, bool full,
                const struct report_plan *prev_plan);
/* The dimensions of the new side as bars, with the old scores marked. */
void rc_dim_bars(struct doc *d, const struct compared *cmp);

#endif
