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

#endif
