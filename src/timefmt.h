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

#endif
