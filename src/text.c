/*
 * text.c - UTF-8 helpers: validation, decoding, terminal display width,
 * cutting to a column count with an ellipsis, and the rules that names and
 * notes must follow.
 *
 * Decoding is done here rather than with mbrtowc() so that it does not
 * depend on the current locale's encoding: the database always holds UTF-8.
 * Only the width of a code point is asked from wcwidth(), which needs a
 * UTF-8 LC_CTYPE to give real answers.
 */
#include "config.h"

#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

#define ELLIPSIS "\xe2\x80\xa6"   /* U+2026, one column */
#define ELLIPSIS_LEN 3

/* Decodes one code point from s[0..len).  Returns its length in bytes, or 0
 * when the bytes there are not well-formed UTF-8 (truncated sequence, bad
 * continuation byte, overlong form, surrogate, or beyond U+10FFFF). */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min_for_len[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n;
	uint32_t c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min_for_len[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

size_t text_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t avail = 0, n;

	while (avail < 4 && u[avail] != '\0')
		avail++;
	n = utf8_decode(u, avail, cp);
	if (n == 0) {
		*cp = 0xfffd;
		n = 1;
	}
	return n;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int text_char_width(uint32_t cp)
{
	int w;

	if (is_control(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	/* Printable but unknown to the locale (or a non-UTF-8 locale):
	 * assume the terminal gives it one column. */
	return w < 0 ? 1 : w;
}

bool text_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0;

	if (s == NULL)
		return len == 0;
	while (pos < len) {
		uint32_t cp;
		size_t n = utf8_decode(u + pos, len - pos, &cp);

		if (n == 0)
			return false;
		pos += n;
	}
	return true;
}

char *text_valid_dup(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = malloc(n * 3 + 1);   /* a bad byte (1) becomes 3 bytes */

	if (!out)
		return NULL;
	while (*s) {
		uint32_t cp;
		size_t len = text_next(s, &cp);

		if (cp == 0xfffd && len == 1) {   /* a bad byte, not U+FFFD itself */
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	out[o] = '\0';
	return out;
}

size_t text_chars(const char *s)
{
	size_t count = 0;
	uint32_t cp;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		s += text_next(s, &cp);
		count++;
	}
	return count;
}

int text_width(const char *s)
{
	int width = 0;
	uint32_t cp;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		s += text_next(s, &cp);
		width += text_char_width(cp);
	}
	return width;
}

/* Longest prefix of s within width columns and max_bytes bytes. */
static size_t fit_prefix(const char *s, int width, size_t max_bytes, int *used)
{
	size_t pos = 0;
	int w = 0;

	if (s != NULL) {
		while (s[pos] != '\0') {
			uint32_t cp;
			size_t n = text_next(s + pos, &cp);
			int cw = text_char_width(cp);

			if (w + cw > width || pos + n > max_bytes)
				break;
			w += cw;
			pos += n;
		}
	}
	if (used != NULL)
		*used = w;
	return pos;
}

size_t text_fit(const char *s, int width, int *used)
{
	return fit_prefix(s, width < 0 ? 0 : width, SIZE_MAX, used);
}

char *text_cell(char *buf, size_t bufsz, const char *s, int width, bool pad)
{
	size_t cap, n, pos;
	int used;

	if (buf == NULL || bufsz == 0)
		return buf;
	if (s == NULL)
		s = "";
	if (width < 0)
		width = 0;
	cap = bufsz - 1;
	n = fit_prefix(s, width, cap, &used);
	if (s[n] == '\0') {
		memcpy(buf, s, n);
		pos = n;
	} else if (width >= 1 && cap >= ELLIPSIS_LEN) {
		/* Cut: leave one column and three bytes for the ellipsis. */
		n = fit_prefix(s, width - 1, cap - ELLIPSIS_LEN, &used);
		memcpy(buf, s, n);
		memcpy(buf + n, ELLIPSIS, ELLIPSIS_LEN);
		pos = n + ELLIPSIS_LEN;
		used++;
	} else {
		/* No room for an ellipsis: the plain prefix is all we can do. */
		memcpy(buf, s, n);
		pos = n;
	}
	/* A wide character that did not fit leaves a gap padding fills. */
	while (pad && used < width && pos < cap) {
		buf[pos++] = ' ';
		used++;
	}
	buf[pos] = '\0';
	return buf;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Bounds of s without leading and trailing blanks: [*start, *end). */
static void trim_bounds(const char *s, size_t *start, size_t *end)
{
	size_t a = 0, b = strlen(s);

	while (a < b && is_blank(s[a]))
		a++;
	while (b > a && is_blank(s[b - 1]))
		b--;
	*start = a;
	*end = b;
}

/* Common part of the line and note checks.  multiline lets newlines, tabs
 * and carriage returns through. */
static enum text_check check_text(const char *s, size_t max_chars,
                                  bool allow_empty, bool multiline)
{
	size_t start, end, chars = 0;
	uint32_t cp;

	if (s == NULL || *s == '\0')
		return allow_empty ? TEXT_OK : TEXT_EMPTY;
	if (!text_utf8_valid(s, strlen(s)))
		return TEXT_NOT_UTF8;
	for (const char *p = s; *p != '\0'; ) {
		p += text_next(p, &cp);
		if (multiline && (cp == '\n' || cp == '\t' || cp == '\r'))
			continue;
		if (is_control(cp))
			return TEXT_CONTROL;
	}
	trim_bounds(s, &start, &end);
	if (start == end)
		return allow_empty ? TEXT_OK : TEXT_EMPTY;
	for (size_t pos = start; pos < end; chars++)
		pos += text_next(s + pos, &cp);
	return chars > max_chars ? TEXT_TOO_LONG : TEXT_OK;
}

enum text_check text_check_line(const char *s, size_t max_chars, bool allow_empty)
{
	return check_text(s, max_chars, allow_empty, false);
}

enum text_check text_check_note(const char *s, size_t max_chars)
{
	return check_text(s, max_chars, true, true);
}

const char *text_check_message(enum text_check c)
{
	switch (c) {
	case TEXT_OK: return N_("is fine");
	case TEXT_EMPTY: return N_("must not be empty");
	case TEXT_TOO_LONG: return N_("is too long");
	case TEXT_NOT_UTF8: return N_("is not valid UTF-8");
	case TEXT_CONTROL: return N_("contains control characters");
	}
	return N_("is not acceptable");
}

char *text_trim_dup(const char *s)
{
	size_t start = 0, end = 0;
	char *copy;

	if (s != NULL)
		trim_bounds(s, &start, &end);
	copy = malloc(end - start + 1);
	if (copy == NULL)
		return NULL;
	if (end > start)
		memcpy(copy, s + start, end - start);
	copy[end - start] = '\0';
	return copy;
}
