/*
 * timefmt.h - formatting and parsing of times (Unix seconds, UTC).
 */
#ifndef SMREADY_TIMEFMT_H
#define SMREADY_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>

#define TIMEFMT_ISO_SIZE 21      /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */
#define TIMEFMT_MAX 253402300799LL  /* 9999-12-31T23:59:59Z */

/* t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least TIMEFMT_ISO_SIZE bytes),
 * clamped to 1970..9999 so that every time written can be read back. */
char *timefmt_iso(long long t, char *buf, size_t bufsz);
/* Parses exactly that form (UTC, "Z" required); false when malformed or
 * outside the years 1970..9999. */
bool timefmt_iso_parse(const char *s, long long *t);

/* The local calendar date of t in the form of the user's locale (LC_TIME):
 * "03.03.2027" in German, "03/03/2027" in American English; the ISO form
 * "2027-03-03" in the C locale.  "" for 0. */
#define TIMEFMT_DATE_SIZE 64
char *timefmt_date(long long t, char *buf, size_t bufsz);

/* ---- calendar days --------------------------------------------------------
 * A day without a time of day (a due date) is the text "YYYY-MM-DD", which
 * sorts as the days do; "" is no day.  Days are the user's own, local ones:
 * "today" is the local date of a time. */
#define TIMEFMT_DAY_SIZE 11      /* "YYYY-MM-DD" and its NUL */

/* The local calendar day of t into buf (TIMEFMT_DAY_SIZE bytes); "" for
 * t <= 0. */
char *timefmt_day(long long t, char *buf, size_t bufsz);
/* Whether s is a calendar day "YYYY-MM-DD" of the years 1970..9999. */
bool timefmt_day_valid(const char *s);
/* day plus n days (n may be negative) into out; false when day is not
 * valid or the result leaves the years 1970..9999. */
bool timefmt_day_add(const char *day, long long n, char *out, size_t outsz);
/* Days from a to b (b - a); both must be valid. */
long long timefmt_day_diff(const char *a, const char *b);
/* A day as a person types it: "2026-05-01", "1.5.2026" or "01.05.2026",
 * or "+14" (that many days after today, itself a valid day); leading and
 * trailing blanks do not count.  The normal form goes into out; false for
 * anything else, an empty text included. */
bool timefmt_day_parse(const char *s, const char *today, char *out, size_t outsz);
/* The day in the locale's form, as timefmt_date() writes it; "" for "". */
char *timefmt_day_show(const char *day, char *buf, size_t bufsz);
/* Local noon of a valid day in Unix seconds (noon, so that the local day
 * of the time is that day in every time zone); 0 when not valid. */
long long timefmt_day_noon(const char *day);

#endif
