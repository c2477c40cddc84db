/*
 * exchange-json.h - the import's reader of JSON text: a tokenizer that
 * streams the file through a small buffer and holds at most one text of it
 * at a time, with limits that keep endless or hostile input bounded (see
 * "import" in smready(1)).  Private to exchange-*.c.
 *
 * Every refusal is written, translated and with its line and column, into
 * the error buffer given at the start; the positions are those a reader of
 * the file counts (lines from 1, columns in characters from 1).
 */
#ifndef SMREADY_EXCHANGE_JSON_H
#define SMREADY_EXCHANGE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>


/* The limits, named in the messages that refuse input beyond them. */
#define XJ_TEXT_MAX 65536                    /* bytes in one text (a note holds
                                                at most 4,000 characters) */
#define XJ_NUMBER_MAX 64                     /* characters in one number */
#define XJ_DEPTH_MAX 256                     /* levels of nesting */
#define XJ_FILE_MAX (16ULL << 30)            /* bytes in the whole file: 16 GiB */

enum xj_tok {
	XJ_ERROR = 0,             /* refused; the message is set */
	XJ_END,                   /* the end of the file */
	XJ_OBJ,                   /* { */
	XJ_OBJ_END,               /* } */
	XJ_ARR,                   /* [ */
	XJ_ARR_END,               /* ] */
	XJ_COLON,
	XJ_COMMA,
	XJ_STRING,                /* text in str[0..slen), NUL-terminated */
	XJ_INT,                   /* whole number in num */
	XJ_REAL,
	XJ_TRUE,
	XJ_FALSE,
	XJ_NULL
};

/* Where the reader is, to come back to (xj_seek). */
struct xj_mark {
	unsigned long long off, line_off, chars;   /* chars: on the line before off */
	long line;
};

struct xj {
	/* the bytes: a buffer given whole, or a stream read in pieces */
	const unsigned char *mem;
	size_t mem_len;
	FILE *in;
	bool seekable;            /* in can be read again at any offset */
	FILE *spool;              /* for input that cannot: a copy of the bytes
	                             [keep_from, spool_end) (see xj_keep) */
	unsigned long long keep_from, spool_end;
	int keeping;              /* xj_keep() calls that asked for the copy */
	unsigned long long in_at; /* bytes read from in */
	unsigned long long max;   /* the size limit (XJ_FILE_MAX by default) */
	unsigned char *own;       /* the stream's buffer */
	size_t own_cap;
	const unsigned char *buf, *p, *end;   /* the bytes at hand [buf, end), next p */
	unsigned long long base;  /* file offset of buf[0] */
	bool at_eof;
	/* the current line, for the positions in messages: where it starts, and
	 * how many characters of it came before the buffer */
	long line;
	unsigned long long line_off, line_chars;
	/* the token just read */
	enum xj_tok tok;
	unsigned long long tok_off;
	bool in_token;            /* reading a text, number or word: keep its start */
	char *str;
	size_t slen, scap;
	long long num;
	/* the message when refused */
	char *err;
	size_t errsz;
	bool failed;
};

/* Reads data[0..len). */
void xj_open_mem(struct xj *x, const void *data, size_t len, char *err, size_t errsz);
/* Reads the stream in from where it stands, at most max bytes (0:
 * XJ_FILE_MAX).  False with the message set when out of memory. */
bool xj_open_file(struct xj *x, FILE *in, unsigned long long max, char *err, size_t errsz);
void xj_close(struct xj *x);

/* Skips an initial UTF-8 byte-order mark, then reads the next token into
 * x->tok (and returns it). */
enum xj_tok xj_next(struct xj *x);
/* After a key: the colon and the value's first token. */
bool xj_colon_value(struct xj *x);
/* After the top-level value: true when only white space follows. */
bool xj_at_end(struct xj *x);
/* Skips the value whose first token x->tok is, checking its syntax. */
bool xj_skip(struct xj *x);
/* Whether the token just read can start a value; refuses it if not. */
bool xj_value_start(struct xj *x);

/* Object members and array elements, one by one.  *first is true before
 * the first.  Both return false with *done set at the closing bracket (and
 * without it when refused).  xj_member: true with the key in x->str (read
 * the value with xj_colon_value); xj_element: true with the element's first
 * token read. */
bool xj_member(struct xj *x, bool *first, bool *done);
bool xj_element(struct xj *x, bool *first, bool *done);

/* Where the token just read starts, and going back there.  Input that
 * cannot seek (a pipe) is read again from a temporary copy, which is kept
 * from the mark on between xj_keep(x, &m, true) and xj_keep(x, &m, false);
 * nested calls share the outermost copy. */
struct xj_mark xj_mark_token(const struct xj *x);
bool xj_keep(struct xj *x, const struct xj_mark *m, bool on);
bool xj_seek(struct xj *x, struct xj_mark m);

/* Line and column (from 1, columns in characters) of byte offset off, on
 * the current line at or after the start of the token just read. */
void xj_where(struct xj *x, unsigned long long off, int *line, int *col);
/* Refuses the file at byte offset off with "line L, column C: this is not
 * valid JSON (why)"; returns false. */
bool xj_bad(struct xj *x, unsigned long long off, const char *why);

#endif
