/*
 * json-out.h - the one place that turns smready's records into JSON
 * (jansson values): companies, assessments, stored answers, times, scores
 * and levels.  The command line's --json output and the export format
 * share it; where their documented spellings differ (the export leaves out
 * database ids and writes "don't know" as "dont-know", --json writes "dk"),
 * the form says which.  Every function returns NULL when out of memory or
 * when a text is not valid UTF-8, and frees what it built.
 */
#ifndef SMREADY_JSON_OUT_H
#define SMREADY_JSON_OUT_H

#include <stdbool.h>

#include <jansson.h>

#include "json-write.h"
#include "store.h"

enum jo_form {
	JO_CLI,                   /* smready ... --json (documented in smready(1)) */
	JO_EXPORT                 /* the export format (EXPORT FORMAT in smready(1)) */
};

/* A text (NULL as ""). */
json_t *jo_str(const char *s);
/* ISO 8601 UTC; null when t is 0 and zero_is_null. */
json_t *jo_time(long long t, bool zero_is_null);
/* 0..100, else null. */
json_t *jo_score(int score);
/* The level's key ("not-ready" ...), else null. */
json_t *jo_level(int level);
/* 0..4, "dk"/"dont-know" (by form), else (unanswered) null. */
json_t *jo_value(int value, enum jo_form form);

/* Sets o[key] = v and reports whether both worked (v is taken either way),
 * so that a record is built as ok = ok && jo_set(...). */
bool jo_set(json_t *o, const char *key, json_t *v);

json_t *jo_company(const struct company *c, enum jo_form form);
/* The same as members of the object being written (json-write.h), for
 * output that is written as it goes; and jo_time, jo_score, jo_level so. */
void jw_company_members(struct jw *w, const struct company *c, enum jo_form form);
void jw_time(struct jw *w, long long t, bool zero_is_null);
void jw_score(struct jw *w, int score);
void jw_level(struct jw *w, int level);
/* based_on: JO_CLI writes a->based_on (the id); JO_EXPORT writes this UUID
 * (NULL: none). */
json_t *jo_assessment(const struct assessment *a, enum jo_form form, const char *based_on);
void jw_assessment_members(struct jw *w, const struct assessment *a, enum jo_form form,
                           const char *based_on);
json_t *jo_answer(const struct answer *an, enum jo_form form);
/* An action with its items and dated status changes; JO_CLI adds its id
 * and, when today ("YYYY-MM-DD") is given, whether it is overdue. */
json_t *jo_action(const struct action *a, enum jo_form form, const char *today);

#endif
