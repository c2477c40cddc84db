/*
 * text.h - UTF-8 text helpers shared by the command line, the reports and
 * the UI: validation, display width (columns, not bytes), truncation with an
 * ellipsis, and the rules for names and notes.  Pure; no I/O.
 */
#ifndef SMREADY_TEXT_H
#define SMREADY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_NAME_MAX 120   /* characters in a company name */
#define TEXT_FIELD_MAX 200  /* industry, contact, assessor */
#define TEXT_NOTE_MAX 4000  /* characters in a note */

/* Whether s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t len);

/* Decodes the character at s (a NUL-terminated string) into *cp and returns
 * its length in bytes; a byte that does not start well-formed UTF-8 reads
 * as U+FFFD of length 1, so callers always make progress. */
size_t text_next(const char *s, uint32_t *cp);

/* Columns one code point takes: 0 for control characters, 1 when
 * wcwidth() does not know it (or the locale is not UTF-8). */
int text_char_width(uint32_t cp);

/* A malloc'd copy of s in which every byte that does not start well-formed
 * UTF-8 is U+FFFD (NULL only when out of memory). */
char *text_valid_dup(const char *s);

/* Number of characters (code points) in a valid UTF-8 string. */
size_t text_chars(const char *s);

/* Display width in terminal columns of a valid UTF-8 string; characters
 * that wcwidth() does not know count as one column, controls as zero. */
int text_width(const char *s);
/* The same for the first n bytes of s (or up to its end). */
int text_width_n(const char *s, size_t n);

/* Length in bytes of the longest prefix of s that fits in width columns
 * without splitting a character; *used (may be NULL) gets its width. */
size_t text_fit(const char *s, int width, int *used);

/* Writes s into buf (size bufsz) cut to at most width columns, ending in
 * "…" when it was cut, and padded with spaces to exactly width columns when
 * pad is true.  Returns buf. */
char *text_cell(char *buf, size_t bufsz, const char *s, int width, bool pad);

enum text_check {
	TEXT_OK = 0,
	TEXT_EMPTY,               /* nothing but white space */
	TEXT_TOO_LONG,
	TEXT_NOT_UTF8,
	TEXT_CONTROL,             /* contains control characters */
	TEXT_INVISIBLE,           /* only blanks and invisible characters */
	TEXT_BIDI,                /* bidirectional controls (U+202A..E, U+2066..9) */
	TEXT_NO_MEMORY
};

/* Checks a one-line field (name, industry, contact, assessor) as it will
 * be stored (text_normal_line()): at most max_chars characters, something
 * visible in it unless allow_empty and empty, no control characters and no
 * bidirectional controls. */
enum text_check text_check_line(const char *s, size_t max_chars, bool allow_empty);
/* Checks a note: like a line but newlines and tabs are allowed. */
enum text_check text_check_note(const char *s, size_t max_chars);
/* Untranslated msgid explaining a check result, e.g. "is not valid UTF-8". */
const char *text_check_message(enum text_check c);
/* The same, translated, into buf; a text that is too long is told its
 * limit of max_chars characters ("is too long (at most 120 characters)").
 * Returns buf. */
const char *text_check_say(enum text_check c, size_t max_chars, char *buf, size_t bufsz);

/* A one-line field as it is stored: NFC, each run of white space (any
 * Unicode white space) one space, none at the ends.  malloc'd; NULL when
 * out of memory. */
char *text_normal_line(const char *s);
/* A malloc'd copy of s without leading and trailing ASCII white space. */
char *text_trim_dup(const char *s);
/* A note as it is stored: NFC, line breaks kept. */
char *text_normal_note(const char *s);

/* The keys texts are compared by, from their normal form (malloc'd; NULL
 * when out of memory):
 *  - text_name_key: what makes two names the same: case, compatibility
 *    forms and invisible characters do not count ("Müller GmbH" =
 *    "MÜLLER  GMBH"), accents do ("Muller" is another name);
 *  - text_fold: what sorting, searching and looking up go by: accents do
 *    not count either, ß is ss, Æ is ae (DIN 5007, variant 1);
 *  - text_fold_alt: the same with ä ö ü as ae oe ue (variant 2), so a
 *    search for "Soehne" finds "Söhne" as well. */
char *text_name_key(const char *s);
char *text_fold(const char *s);
char *text_fold_alt(const char *s);

/* ---- text that goes to a terminal (see text.c) ----------------------------
 * Bytes that are not UTF-8 and control characters become the text \xNN;
 * layout: line breaks (and CR LF) and tabs stay. */

/* Escapes s[0..n) into out (room for 4 * n bytes), returning the bytes
 * written; *used gets how many of s were done, which is fewer than n only
 * when !final and s ends inside a character (keep the rest for later). */
size_t text_escape_span(const char *s, size_t n, bool layout, bool final, char *out,
                        size_t *used);
/* A malloc'd escaped copy of s (NULL only when out of memory). */
char *text_printable_dup(const char *s, bool layout);
/* s escaped into buf (size bufsz), cut at a character and ending in "..."
 * when too long: for echoing what a user typed in a message.  Returns buf. */
const char *text_printable(char *buf, size_t bufsz, const char *s);

/* Encodes cp as UTF-8 into out (at least 4 bytes); returns the bytes. */
size_t text_put_utf8(uint32_t cp, char *out);

#endif
