/*
 * exchange-json.c - the import's JSON tokenizer (see exchange-json.h).
 *
 * It checks the text as strictly as RFC 8259 asks (UTF-8 throughout, the
 * escapes, the number syntax, no NUL in a text) and streams: the file goes
 * through a buffer of XJ_BUF bytes, one text at a time is decoded, and
 * values that the import does not want are skipped with a stack of one bit
 * per level.  Positions are kept as byte offsets; a message turns one into
 * a line and a column (counting characters, as editors do), reading the
 * line's start again when it has left the buffer.
 */
#include "config.h"

#include "exchange-json.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attr.h"
#include "i18n.h"

#define XJ_BUF (256 * 1024)

/* ---- the bytes ---------------------------------------------------------- */

static unsigned long long off_of(const struct xj *x, const unsigned char *q)
{
	return x->base + (unsigned long long)(q - x->buf);
}

static void say(struct xj *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct xj *x, const char *fmt, ...)
{
	va_list ap;

	x->failed = true;
	x->tok = XJ_ERROR;
	if (!x->err || !x->errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(x->err, x->errsz, fmt, ap);
	va_end(ap);
}

/* Reads up to n bytes at offset off of the whole input into dst (for a
 * stream: off at most what was read so far). */
static size_t read_at(struct xj *x, unsigned long long off, unsigned char *dst, size_t n)
{
	size_t got = 0;

	if (x->mem) {
		if (off >= x->mem_len)
			return 0;
		got = x->mem_len - (size_t)off < n ? x->mem_len - (size_t)off : n;
		memcpy(dst, x->mem + off, got);
		return got;
	}
	if (x->seekable) {
		if (off != x->in_at && fseeko(x->in, (off_t)off, SEEK_SET) != 0)
			return 0;
		got = fread(dst, 1, n, x->in);
		x->in_at = off + got;
		return got;
	}
	if (x->spool && off >= x->keep_from && off < x->spool_end) {   /* again: the copy */
		if (fseeko(x->spool, (off_t)(off - x->keep_from), SEEK_SET) != 0)
			return 0;
		if (n > x->spool_end - off)
			n = (size_t)(x->spool_end - off);
		return fread(dst, 1, n, x->spool);
	}
	if (off != x->in_at)
		return 0;                 /* gone: never asked for */
	got = fread(dst, 1, n, x->in);
	if (got > 0 && x->keeping && x->spool_end == off) {
		if (fseeko(x->spool, (off_t)(off - x->keep_from), SEEK_SET) != 0 ||
		    fwrite(dst, 1, got, x->spool) != got)
			return 0;
		x->spool_end += got;
	}
	x->in_at += got;
	return got;
}

/* Characters (UTF-8 lead bytes) in q[0..n). */
static unsigned long long chars_in(const unsigned char *q, size_t n)
{
	unsigned long long c = 0;

	for (size_t i = 0; i < n; i++)
		c += (q[i] & 0xC0) != 0x80;
	return c;
}

/* fill() when the bytes at hand are too few. */
static bool refill(struct xj *x, size_t want)
{
	size_t have = (size_t)(x->end - x->p), got;
	unsigned long long at;

	if (x->mem || x->at_eof || x->failed)
		return have > 0;
	if (x->p - x->buf < (ptrdiff_t)(x->own_cap / 2) && x->buf == x->own &&
	    x->end < x->own + x->own_cap) {
		/* room after the bytes at hand: read more without moving them */
		got = read_at(x, off_of(x, x->end), x->own + (x->end - x->own),
		              (size_t)(x->own + x->own_cap - x->end));
		x->end += got;
		if (got == 0)
			x->at_eof = true;
		if (got == 0 && (ferror(x->in) || (x->spool && ferror(x->spool)))) {
			say(x, "%s", _("the file cannot be read"));
			return false;
		}
		if (off_of(x, x->end) > x->max) {
			say(x, _("the file is larger than %llu MiB, the most smready imports at once"),
			    x->max >> 20);
			return false;
		}
		if ((size_t)(x->end - x->p) >= want || got == 0)
			return x->end > x->p;
	}
	{
		/* keep the token being read (for its position; unless that would
		 * leave too little room) and what follows */
		unsigned long long keep = x->in_token && x->tok_off < off_of(x, x->p) &&
		                          x->tok_off >= x->base &&
		                          (size_t)(x->end - x->buf) - (size_t)(x->tok_off - x->base) <
		                          x->own_cap / 2 ? x->tok_off : off_of(x, x->p);
		const unsigned char *from = x->buf + (keep - x->base);
		unsigned long long line_from = x->line_off > x->base ? x->line_off : x->base;

		if (line_from < keep)
			x->line_chars += chars_in(x->buf + (line_from - x->base),
			                          (size_t)(keep - line_from));
		have = (size_t)(x->end - from);
		memmove(x->own, from, have);
		x->p = x->own + (x->p - from);
		x->buf = x->own;
		x->base = keep;
	}
	at = x->base + have;
	got = read_at(x, at, x->own + have, x->own_cap - have);
	x->end = x->own + have + got;
	if (got == 0) {
		x->at_eof = true;
		if (ferror(x->in) || (x->spool && ferror(x->spool))) {
			say(x, "%s", _("the file cannot be read"));
			return false;
		}
	}
	if (at + got > x->max) {
		say(x, _("the file is larger than %llu MiB, the most smready imports at once"),
		    x->max >> 20);
		return false;
	}
	return x->end > x->p;
}

/* Makes at least want bytes (want <= 8) available at x->p, unless the
 * input ends first; false when none at all are left (or it failed, with
 * the message set).  Called for every character of a number or a word:
 * what is at hand is answered here, without a call. */
static inline bool fill(struct xj *x, size_t want)
{
	return (size_t)(x->end - x->p) >= want || refill(x, want);
}

static size_t avail(const struct xj *x)
{
	return (size_t)(x->end - x->p);
}

static void init(struct xj *x, char *err, size_t errsz)
{
	memset(x, 0, sizeof *x);
	x->err = err;
	x->errsz = errsz;
	x->line = 1;
	x->max = XJ_FILE_MAX;
	x->tok = XJ_END;
	if (err && errsz)
		err[0] = '\0';
}

void xj_open_mem(struct xj *x, const void *data, size_t len, char *err, size_t errsz)
{
	init(x, err, errsz);
	x->mem = data ? data : (const unsigned char *)"";
	x->mem_len = data ? len : 0;
	x->scap = 256;
	x->str = malloc(x->scap);
	if (!x->str)
		say(x, "%s", _("not enough memory to read the file"));
	x->buf = x->p = x->mem;
	x->end = x->mem + x->mem_len;
}

/* A temporary file that is gone once closed. */
static FILE *spool_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "%s/smready-import.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	unlink(path);
	f = fdopen(fd, "w+b");
	if (!f)
		close(fd);
	return f;
}

bool xj_open_file(struct xj *x, FILE *in, unsigned long long max, char *err, size_t errsz)
{
	struct stat sb;

	init(x, err, errsz);
	x->in = in;
	if (max)
		x->max = max;
	/* a file read from its start can be read again; anything else is
	 * copied where it must be (xj_keep) */
	x->seekable = fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode) && ftello(in) == 0;
	x->own_cap = XJ_BUF;
	x->own = malloc(x->own_cap);
	x->scap = 256;
	x->str = malloc(x->scap);
	if (!x->own || !x->str) {
		say(x, "%s", _("not enough memory to read the file"));
		return false;
	}
	x->buf = x->p = x->end = x->own;
	return true;
}

void xj_close(struct xj *x)
{
	if (x->spool)
		fclose(x->spool);
	free(x->own);
	free(x->str);
	x->spool = NULL;
	x->own = NULL;
	x->str = NULL;
}

/* ---- positions ---------------------------------------------------------- */

void xj_where(struct xj *x, unsigned long long off, int *line, int *col)
{
	unsigned long long c = 1, from = x->line_off;

	*line = x->line > INT_MAX ? INT_MAX : (int)x->line;
	if (from < x->base) {
		c += x->line_chars;
		from = x->base;
	}
	if (off > off_of(x, x->end))
		off = off_of(x, x->end);
	if (from < off)
		c += chars_in(x->buf + (from - x->base), (size_t)(off - from));
	*col = c > INT_MAX ? INT_MAX : (int)c;
}

bool xj_bad(struct xj *x, unsigned long long off, const char *why)
{
	int line, col;

	xj_where(x, off, &line, &col);
	say(x, _("line %d, column %d: this is not valid JSON (%s)"), line, col, why);
	return false;
}

/* A byte that does not start well-formed UTF-8 at off: like jansson, which
 * smready used before, the column is that of the last good character. */
static bool bad_utf8(struct xj *x, unsigned long long off)
{
	int line, col;

	xj_where(x, off, &line, &col);
	say(x, _("line %d, column %d: the file is not valid UTF-8 text; save it as UTF-8 and "
	         "import it again"), line, col > 1 ? col - 1 : col);
	return false;
}

/* ---- tokens ------------------------------------------------------------- */

/* The length of the well-formed UTF-8 sequence at q (n bytes there), its
 * code point in *cp; 0 when it is not one.  Needs all of it at hand. */
static size_t utf8_at(const unsigned char *q, size_t n, uint32_t *cp)
{
	unsigned char c = q[0];
	size_t len;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((q[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (q[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static bool str_add(struct xj *x, const void *s, size_t n)
{
	if (x->slen + n > XJ_TEXT_MAX) {
		int line, col;

		xj_where(x, x->tok_off, &line, &col);
		say(x, _("line %d, column %d: a text longer than %d bytes, the most smready "
		         "reads in one text"), line, col, XJ_TEXT_MAX);
		return false;
	}
	if (x->slen + n + 1 > x->scap) {
		size_t cap = x->scap * 2;
		char *more;

		while (cap < x->slen + n + 1)
			cap *= 2;
		more = realloc(x->str, cap);
		if (!more) {
			say(x, "%s", _("not enough memory to read the file"));
			return false;
		}
		x->str = more;
		x->scap = cap;
	}
	memcpy(x->str + x->slen, s, n);
	x->slen += n;
	return true;
}

static int hex4(const unsigned char *q)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = q[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* An escape after the backslash at x->p; appends what it stands for. */
static bool escape(struct xj *x, bool *nul)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	unsigned long long at = off_of(x, x->p);
	const char *e;
	char out[4];
	int v, lo;
	size_t n;

	if (!fill(x, 2) || avail(x) < 2)
		return !x->failed && xj_bad(x, off_of(x, x->end), _("the file ends too early"));
	e = x->p[1] ? strchr(from, x->p[1]) : NULL;
	if (e) {
		x->p += 2;
		return str_add(x, &to[e - from], 1);
	}
	if (x->p[1] != 'u')
		return xj_bad(x, at, _("a backslash that starts no escape in a text"));
	if (!fill(x, 6) || avail(x) < 6 || (v = hex4(x->p + 2)) < 0)
		return !x->failed && xj_bad(x, at, _("\\u needs four hexadecimal digits"));
	x->p += 6;
	if (v >= 0xDC00 && v <= 0xDFFF)
		return xj_bad(x, at, _("a \\u escape of half a character (a lone surrogate)"));
	if (v >= 0xD800 && v <= 0xDBFF) {
		if (!fill(x, 6) || avail(x) < 6 || x->p[0] != '\\' || x->p[1] != 'u' ||
		    (lo = hex4(x->p + 2)) < 0xDC00 || lo > 0xDFFF)
			return !x->failed && xj_bad(x, at, _("a \\u escape of half a character (a "
			                                     "lone surrogate)"));
		x->p += 6;
		v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (v == 0)
		*nul = true;
	if (v < 0x80) {
		out[0] = (char)v;
		n = 1;
	} else if (v < 0x800) {
		out[0] = (char)(0xC0 | v >> 6);
		out[1] = (char)(0x80 | (v & 0x3F));
		n = 2;
	} else if (v < 0x10000) {
		out[0] = (char)(0xE0 | v >> 12);
		out[1] = (char)(0x80 | (v >> 6 & 0x3F));
		out[2] = (char)(0x80 | (v & 0x3F));
		n = 3;
	} else {
		out[0] = (char)(0xF0 | v >> 18);
		out[1] = (char)(0x80 | (v >> 12 & 0x3F));
		out[2] = (char)(0x80 | (v >> 6 & 0x3F));
		out[3] = (char)(0x80 | (v & 0x3F));
		n = 4;
	}
	return str_add(x, out, n);
}

/* The bytes a text holds as they are: printable ASCII but '"' and '\\'. */
static const unsigned char plain[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,      /* no '"' */
	[0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x40] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,      /* no '\\' */
	[0x60] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* A text; x->p is just past its opening quote. */
NOINLINE static enum xj_tok string(struct xj *x)
{
	bool nul = false;

	x->slen = 0;
	for (;;) {
		const unsigned char *q = x->p;
		uint32_t cp;
		size_t n;

		while (q < x->end && plain[*q])
			q++;
		if (q > x->p) {
			size_t run = (size_t)(q - x->p);

			if (x->slen + run + 1 <= x->scap && x->slen + run <= XJ_TEXT_MAX) {
				memcpy(x->str + x->slen, x->p, run);
				x->slen += run;
			} else if (!str_add(x, x->p, run)) {
				return XJ_ERROR;
			}
		}
		x->p = q;
		if (!fill(x, 1)) {
			if (!x->failed)
				xj_bad(x, off_of(x, x->end), _("the file ends too early"));
			return XJ_ERROR;
		}
		if (*x->p == '"') {
			x->p++;
			break;
		}
		if (*x->p == '\\') {
			if (!escape(x, &nul))
				return XJ_ERROR;
			continue;
		}
		if (*x->p < 0x20) {
			int line, col;

			xj_where(x, off_of(x, x->p), &line, &col);
			say(x, _("line %d, column %d: this is not valid JSON (%s)"), line, col,
			    _("a control character in a text: write a line break as \\n, a tab "
			      "as \\t"));
			return XJ_ERROR;
		}
		fill(x, 4);
		if (x->failed)
			return XJ_ERROR;
		n = utf8_at(x->p, avail(x), &cp);
		if (n == 0) {
			bad_utf8(x, off_of(x, x->p));
			return XJ_ERROR;
		}
		if (!str_add(x, x->p, n))
			return XJ_ERROR;
		x->p += n;
	}
	x->str[x->slen] = '\0';
	if (nul) {
		int line, col;

		/* at the closing quote, where jansson said it */
		xj_where(x, off_of(x, x->p) - 1, &line, &col);
		say(x, _("line %d, column %d: a text holds a NUL character (\\u0000), which smready "
		         "does not accept"), line, col);
		return XJ_ERROR;
	}
	return XJ_STRING;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A number; x->p at its first character ('-' or a digit). */
NOINLINE static enum xj_tok number(struct xj *x)
{
	char buf[XJ_NUMBER_MAX + 2];
	size_t n = 0;
	bool real = false;
	int state = 0;    /* 0 sign, 1 int, 2 frac start, 3 frac, 4 exp sign, 5 exp start, 6 exp */
	long long v = 0;
	bool neg = false, overflow = false;

	for (;;) {
		int c;

		if (!fill(x, 1)) {
			if (x->failed)
				return XJ_ERROR;
			break;
		}
		c = *x->p;
		if (state == 0 && c == '-' && n == 0) {
			neg = true;
		} else if ((state == 0 || state == 1) && is_digit(c)) {
			if (state == 1 && n == (size_t)neg + 1 && buf[neg] == '0')
				break;                         /* "01": the 1 is another token */
			state = 1;
			if (overflow || v > (LLONG_MAX - (c - '0')) / 10)
				overflow = true;
			else
				v = v * 10 + (c - '0');
		} else if (state == 1 && c == '.') {
			state = 2;
			real = true;
		} else if ((state == 2 || state == 3) && is_digit(c)) {
			state = 3;
		} else if ((state == 1 || state == 3) && (c == 'e' || c == 'E')) {
			state = 4;
			real = true;
		} else if (state == 4 && (c == '+' || c == '-')) {
			state = 5;
		} else if ((state == 4 || state == 5 || state == 6) && is_digit(c)) {
			state = 6;
		} else {
			break;
		}
		if (n == XJ_NUMBER_MAX) {
			int line, col;

			xj_where(x, x->tok_off, &line, &col);
			say(x, _("line %d, column %d: a number longer than %d characters"), line, col,
			    XJ_NUMBER_MAX);
			return XJ_ERROR;
		}
		buf[n++] = (char)c;
		x->p++;
	}
	buf[n] = '\0';
	if (state == 0 || state == 2 || state == 4 || state == 5) {
		xj_bad(x, off_of(x, x->p) - (n > 0), _("a number without its digits"));
		return XJ_ERROR;
	}
	if (!real && overflow) {
		char msg[128];

		snprintf(msg, sizeof msg, _("the number %s is too large"), buf);
		xj_bad(x, x->tok_off, msg);
		return XJ_ERROR;
	}
	x->num = neg ? -v : v;
	return real ? XJ_REAL : XJ_INT;
}

/* true, false, null, or a word that is none of them. */
NOINLINE static enum xj_tok word(struct xj *x)
{
	char w[8];
	size_t n = 0;

	while (fill(x, 1) && ((*x->p >= 'a' && *x->p <= 'z') || (*x->p >= 'A' && *x->p <= 'Z') ||
	                      is_digit(*x->p) || *x->p == '_')) {
		if (n < sizeof w - 1)
			w[n] = (char)*x->p;
		n++;
		x->p++;
	}
	if (x->failed)
		return XJ_ERROR;
	w[n < sizeof w ? n : sizeof w - 1] = '\0';
	if (n == 4 && strcmp(w, "true") == 0)
		return XJ_TRUE;
	if (n == 5 && strcmp(w, "false") == 0)
		return XJ_FALSE;
	if (n == 4 && strcmp(w, "null") == 0)
		return XJ_NULL;
	{
		char msg[96];

		snprintf(msg, sizeof msg, _("\"%s%s\" is not a value: a text needs double quotes"),
		         w, n >= sizeof w ? "..." : "");
		/* at its last character, where jansson said it */
		xj_bad(x, off_of(x, x->p) - 1, msg);
	}
	return XJ_ERROR;
}

/* A character that starts no token, at x->p. */
NOINLINE static enum xj_tok stray(struct xj *x)
{
	unsigned long long at = off_of(x, x->p);
	char msg[96];
	uint32_t cp;
	size_t n;

	fill(x, 4);
	if (x->failed)
		return XJ_ERROR;
	if (*x->p == 0)
		snprintf(msg, sizeof msg, "%s", _("a NUL byte: this is not a text file"));
	else if (*x->p < 0x20 || *x->p == 0x7f)
		/* written as the terminal-safe output writes it */
		snprintf(msg, sizeof msg, _("the control character \\x%02x"), *x->p);
	else if (*x->p < 0x80)
		snprintf(msg, sizeof msg, _("unexpected '%c'"), *x->p);
	else if ((n = utf8_at(x->p, avail(x), &cp)) == 0)
		return bad_utf8(x, at), XJ_ERROR;
	else if (cp == 0xFEFF)
		snprintf(msg, sizeof msg, "%s", _("a byte-order mark (U+FEFF) inside the file"));
	else
		snprintf(msg, sizeof msg, _("unexpected character U+%04X"), (unsigned)cp);
	xj_bad(x, at, msg);
	return XJ_ERROR;
}

/* The white space within a line, and all of it. */
static const unsigned char blank[256] = { [' '] = 1, ['\t'] = 1, ['\r'] = 1 };
static const unsigned char white[256] = { [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1 };

/* peek() past more than one space, a line break, the buffer's end or the
 * start of the file. */
static int peek_far(struct xj *x)
{
	/* a byte-order mark at the very start is not part of the text */
	if (x->p == x->buf && x->base == 0 && fill(x, 3) && avail(x) >= 3 &&
	    memcmp(x->p, "\xef\xbb\xbf", 3) == 0) {
		x->p += 3;
		x->line_off = 3;
	}
	for (;;) {
		const unsigned char *q = x->p, *end = x->end;

		while (q < end && blank[*q])
			q++;
		x->p = q;
		if (q == end) {
			if (!fill(x, 1)) {
				x->tok_off = off_of(x, x->p);
				return -1;
			}
			continue;
		}
		if (*q != '\n')
			break;
		x->p = q + 1;
		x->line++;
		x->line_off = off_of(x, x->p);
		x->line_chars = 0;
	}
	x->tok_off = off_of(x, x->p);
	return *x->p;
}

/* Skips white space (counting lines); the next byte, or -1 at the end of
 * the input (or on failure), with x->tok_off where it is.  Most tokens
 * follow none or one space: those are found here, without a call. */
static inline int peek(struct xj *x)
{
	const unsigned char *q = x->p;

	if (q < x->end && *q == ' ')
		q++;
	if (q < x->end && !white[*q] && (q != x->buf || x->base != 0)) {
		x->p = q;
		x->tok_off = off_of(x, q);
		return *q;
	}
	return peek_far(x);
}

enum xj_tok xj_next(struct xj *x)
{
	int c;

	if (x->failed)
		return x->tok = XJ_ERROR;
	c = peek(x);
	if (x->failed)
		return x->tok = XJ_ERROR;
	switch (c) {
	case -1: return x->tok = XJ_END;
	case '{': x->p++; return x->tok = XJ_OBJ;
	case '}': x->p++; return x->tok = XJ_OBJ_END;
	case '[': x->p++; return x->tok = XJ_ARR;
	case ']': x->p++; return x->tok = XJ_ARR_END;
	case ':': x->p++; return x->tok = XJ_COLON;
	case ',': x->p++; return x->tok = XJ_COMMA;
	default: break;
	}
	x->in_token = true;
	if (c == '"') {
		x->p++;
		x->tok = string(x);
	} else if (c == '-' || is_digit(c)) {
		x->tok = number(x);
	} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		x->tok = word(x);
	} else {
		x->tok = stray(x);
	}
	x->in_token = false;
	return x->tok;
}

bool xj_at_end(struct xj *x)
{
	int c = peek(x);

	if (x->failed)
		return false;
	if (c == -1)
		return true;
	return xj_bad(x, x->tok_off, _("something follows the end of the export"));
}

/* ---- structure ---------------------------------------------------------- */

bool xj_value_start(struct xj *x)
{
	switch (x->tok) {
	case XJ_OBJ: case XJ_ARR: case XJ_STRING: case XJ_INT: case XJ_REAL:
	case XJ_TRUE: case XJ_FALSE: case XJ_NULL:
		return true;
	case XJ_ERROR:
		return false;
	case XJ_END:
		return xj_bad(x, x->tok_off, _("the file ends too early"));
	default:
		return xj_bad(x, x->tok_off, _("a value is missing or the file ends too early"));
	}
}

bool xj_member(struct xj *x, bool *first, bool *done)
{
	int c;

	*done = false;
	if (!*first) {
		if (xj_next(x) == XJ_ERROR)
			return false;
		if (x->tok == XJ_OBJ_END) {
			*done = true;
			return false;
		}
		if (x->tok == XJ_END)
			return xj_bad(x, x->tok_off, _("the file ends too early"));
		if (x->tok != XJ_COMMA)
			return xj_bad(x, x->tok_off, _("expected ',' or '}'"));
	}
	c = peek(x);
	if (x->failed)
		return false;
	if (c == '}' && *first) {
		x->p++;
		*done = true;
		return false;
	}
	*first = false;
	if (c == -1)
		return xj_bad(x, x->tok_off, _("the file ends too early"));
	if (c < 0x20 || c >= 0x7f)          /* say which character */
		return stray(x), false;
	if (c != '"')
		return xj_bad(x, x->tok_off, _("expected a field name in double quotes"));
	return xj_next(x) == XJ_STRING;
}

bool xj_element(struct xj *x, bool *first, bool *done)
{
	*done = false;
	if (xj_next(x) == XJ_ERROR)
		return false;
	if (x->tok == XJ_ARR_END && *first) {
		*done = true;
		return false;
	}
	if (!*first) {
		if (x->tok == XJ_ARR_END) {
			*done = true;
			return false;
		}
		if (x->tok == XJ_END)
			return xj_bad(x, x->tok_off, _("the file ends too early"));
		if (x->tok != XJ_COMMA)
			return xj_bad(x, x->tok_off, _("expected ',' or ']'"));
		if (xj_next(x) == XJ_ERROR)
			return false;
	}
	*first = false;
	return xj_value_start(x);
}

bool xj_colon_value(struct xj *x)
{
	if (xj_next(x) != XJ_COLON)
		return !x->failed && (x->tok == XJ_END
		       ? xj_bad(x, x->tok_off, _("the file ends too early"))
		       : xj_bad(x, x->tok_off, _("expected ':'")));
	return xj_next(x) != XJ_ERROR && xj_value_start(x);
}

bool xj_skip(struct xj *x)
{
	unsigned char kinds[XJ_DEPTH_MAX / 8];   /* one bit a level: 1 object */
	int depth = 0;
	bool first = true, done, open = true;

	if (x->tok != XJ_OBJ && x->tok != XJ_ARR)
		return !x->failed;
	for (;;) {
		if (open) {       /* x->tok opens a container: enter it */
			if (depth == XJ_DEPTH_MAX) {
				char msg[96];

				snprintf(msg, sizeof msg, _("nested more than %d levels deep"),
				         XJ_DEPTH_MAX);
				return xj_bad(x, x->tok_off, msg);
			}
			if (x->tok == XJ_OBJ)
				kinds[depth / 8] |= (unsigned char)(1u << depth % 8);
			else
				kinds[depth / 8] &= (unsigned char)~(1u << depth % 8);
			depth++;
			first = true;
		}
		/* the next member or element of the innermost container */
		if (kinds[(depth - 1) / 8] & (1u << (depth - 1) % 8)) {
			if (xj_member(x, &first, &done)) {
				if (!xj_colon_value(x))
					return false;
			} else if (!done) {
				return false;
			}
		} else if (!xj_element(x, &first, &done) && !done) {
			return false;
		}
		if (done) {
			if (--depth == 0)
				return true;
			first = false;
			open = false;
		} else {
			open = x->tok == XJ_OBJ || x->tok == XJ_ARR;
		}
	}
}

struct xj_mark xj_mark_token(const struct xj *x)
{
	struct xj_mark m = { x->tok_off, x->line_off, 0, x->line };
	unsigned long long from = x->line_off;

	m.chars = 0;
	if (from < x->base) {
		m.chars = x->line_chars;
		from = x->base;
	}
	if (from < x->tok_off)
		m.chars += chars_in(x->buf + (from - x->base), (size_t)(x->tok_off - from));
	return m;
}

bool xj_keep(struct xj *x, const struct xj_mark *m, bool on)
{
	size_t n;

	if (x->mem || x->seekable)
		return true;
	if (!on) {
		if (x->keeping > 0)
			x->keeping--;
		return true;
	}
	if (x->keeping++ > 0)
		return true;      /* the outer copy holds it already */
	if (x->spool && x->keep_from <= m->off && x->spool_end == x->in_at)
		return true;      /* the copy still holds everything from before the mark */
	if (!x->spool && !(x->spool = spool_file())) {
		say(x, _("cannot make a temporary file to read the input: %s"), strerror(errno));
		return false;
	}
	/* what is in the buffer from the mark on is read from the pipe already */
	n = (size_t)(x->in_at - m->off);
	if (m->off < x->base || off_of(x, x->end) != x->in_at || fflush(x->spool) != 0 ||
	    ftruncate(fileno(x->spool), 0) != 0 || fseeko(x->spool, 0, SEEK_SET) != 0 ||
	    fwrite(x->buf + (m->off - x->base), 1, n, x->spool) != n) {
		say(x, "%s", _("the file cannot be read"));
		return false;
	}
	x->keep_from = m->off;
	x->spool_end = x->in_at;
	return true;
}

bool xj_seek(struct xj *x, struct xj_mark m)
{
	if (x->mem) {
		x->p = x->mem + m.off;
	} else if (m.off >= x->base && m.off <= off_of(x, x->end)) {
		x->p = x->buf + (m.off - x->base);
	} else {
		x->base = m.off;
		x->buf = x->p = x->end = x->own;
		x->at_eof = false;
	}
	x->line = m.line;
	x->line_off = m.line_off;
	x->tok_off = m.off;
	x->line_chars = 0;
	if (m.line_off < x->base) {
		unsigned long long from = m.line_off > x->base ? m.line_off : x->base;

		x->line_chars = m.chars - (m.off > from ? chars_in(x->buf + (from - x->base),
		                                                    (size_t)(m.off - from)) : 0);
	}
	return true;
}
