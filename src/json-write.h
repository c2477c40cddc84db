/*
 * json-write.h - JSON written as it goes, for output too long to build as
 * a tree first (the portfolio of a consultancy: 20,000 companies).  The
 * text is what jansson's json_dumpf with JSON_INDENT(n) and
 * JSON_PRESERVE_ORDER writes for the same values, byte for byte (pinned by
 * check_text), so a verb may move between the two without its output
 * changing.  Errors are sticky: jw_end tells whether all of it was written.
 */
#ifndef SMREADY_JSON_WRITE_H
#define SMREADY_JSON_WRITE_H

#include <stdbool.h>
#include <stdio.h>

#define JW_DEPTH 8
#define JW_INDENT_MAX 8

struct jw {
	FILE *out;
	int indent;                 /* spaces per level (0 to JW_INDENT_MAX),
	                               0: as JSON_COMPACT */
	int depth;
	bool empty[JW_DEPTH];       /* no member yet at this depth */
	bool object[JW_DEPTH];      /* an object (else an array) */
	bool key;                   /* a key was written, its value is next */
	bool failed;                /* too deep, or a text not UTF-8 */
};

void jw_start(struct jw *w, FILE *out, int indent);
/* Whether everything was written (a write error of out counts). */
bool jw_end(struct jw *w);

void jw_object(struct jw *w);
void jw_array(struct jw *w);
/* Closes the innermost object or array. */
void jw_close(struct jw *w);
/* A member's key: a name of the program's, ASCII with nothing to escape. */
void jw_key(struct jw *w, const char *key);

/* A text; NULL writes "".  A byte that does not start well-formed UTF-8
 * is written as U+FFFD when lossy, else it fails the output. */
void jw_str(struct jw *w, const char *s, bool lossy);
void jw_int(struct jw *w, long long v);
/* v when known, else null. */
void jw_int_if(struct jw *w, bool known, long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);

#endif
