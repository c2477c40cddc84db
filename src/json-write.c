/*
 * json-write.c - JSON written as it goes (see json-write.h).
 */
#include "config.h"

#include "json-write.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

void jw_start(struct jw *w, FILE *out, int indent)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->indent = indent < 0 ? 0 : indent > JW_INDENT_MAX ? JW_INDENT_MAX : indent;
}

bool jw_end(struct jw *w)
{
	return !w->failed && w->depth == 0 && !ferror(w->out);
}

static void newline(struct jw *w)
{
	/* a line break and the deepest indent there can be */
	static const char line[1 + JW_DEPTH * JW_INDENT_MAX + 1] =
		"\n                                                                ";

	if (w->indent)
		fwrite(line, 1, 1 + (size_t)(w->depth * w->indent), w->out);
}

/* The separator from the member before and the line a member starts. */
static void separate(struct jw *w)
{
	if (w->depth == 0)
		return;
	if (!w->empty[w->depth - 1])
		putc(',', w->out);
	w->empty[w->depth - 1] = false;
	newline(w);
}

/* Before a value: in an object only after its key. */
static void before_value(struct jw *w)
{
	if (w->key) {
		w->key = false;
		return;
	}
	if (w->depth > 0 && w->object[w->depth - 1])
		w->failed = true;
	separate(w);
}

static void begin(struct jw *w, bool object)
{
	before_value(w);
	if (w->depth == JW_DEPTH) {
		w->failed = true;
		return;
	}
	putc(object ? '{' : '[', w->out);
	w->object[w->depth] = object;
	w->empty[w->depth++] = true;
}

void jw_object(struct jw *w)
{
	begin(w, true);
}

void jw_array(struct jw *w)
{
	begin(w, false);
}

void jw_close(struct jw *w)
{
	if (w->depth == 0 || w->key) {
		w->failed = true;
		return;
	}
	w->depth--;
	if (!w->empty[w->depth])
		newline(w);
	putc(w->object[w->depth] ? '}' : ']', w->out);
}

/* A string as jansson writes it: \" \\ and the short escapes, other
 * controls as \u00XX, everything else (DEL, non-ASCII) as it is. */
static void text(struct jw *w, const char *s, bool lossy)
{
	const char *run = s;

	putc('"', w->out);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		char seq[7];

		if (c >= 0x80) {
			uint32_t cp;
			size_t n = text_next(s, &cp);

			if (cp == 0xFFFD && n == 1) {        /* not UTF-8 */
				if (!lossy) {
					w->failed = true;
					return;
				}
				fwrite(run, 1, (size_t)(s - run), w->out);
				fputs("\xEF\xBF\xBD", w->out);
				run = s + n;
			}
			s += n;
			continue;
		}
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20) {
				snprintf(seq, sizeof seq, "\\u%04X", c);
				esc = seq;
			}
		}
		if (esc) {
			fwrite(run, 1, (size_t)(s - run), w->out);
			fputs(esc, w->out);
			run = s + 1;
		}
		s++;
	}
	fwrite(run, 1, (size_t)(s - run), w->out);
	putc('"', w->out);
}


void jw_key(struct jw *w, const char *key)
{
	if (w->depth == 0 || !w->object[w->depth - 1] || w->key) {
		w->failed = true;
		return;
	}
	separate(w);
	putc('"', w->out);
	fputs(key, w->out);
	fputs(w->indent ? "\": " : "\":", w->out);
	w->key = true;
}

void jw_str(struct jw *w, const char *s, bool lossy)
{
	before_value(w);
	text(w, s ? s : "", lossy);
}

void jw_int(struct jw *w, long long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	before_value(w);
	/* by hand: fprintf cost a third of a portfolio row */
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	fwrite(p, 1, (size_t)(buf + sizeof buf - p), w->out);
}

void jw_int_if(struct jw *w, bool known, long long v)
{
	if (known)
		jw_int(w, v);
	else
		jw_null(w);
}

void jw_bool(struct jw *w, bool v)
{
	before_value(w);
	fputs(v ? "true" : "false", w->out);
}

void jw_null(struct jw *w)
{
	before_value(w);
	fputs("null", w->out);
}
