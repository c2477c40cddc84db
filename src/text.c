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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <utf8proc.h>

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
		size_t n;

		if (u[pos] < 0x80) {      /* ASCII, most of what is checked */
			pos++;
			continue;
		}
		n = utf8_decode(u + pos, len - pos, &cp);
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

int text_width_n(const char *s, size_t n)
{
	int width = 0;
	size_t pos = 0;
	uint32_t cp;

	if (s == NULL)
		return 0;
	while (pos < n && s[pos] != '\0') {
		if (s[pos] >= 0x20 && s[pos] < 0x7f) {      /* printable ASCII: one column */
			pos++;
			width++;
			continue;
		}
		pos += text_next(s + pos, &cp);
		width += text_char_width(cp);
	}
	return width;
}

int text_width(const char *s)
{
	return text_width_n(s, SIZE_MAX);
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

/* ---- normal forms ---------------------------------------------------------
 * Every text is stored in Unicode's composed form (NFC), so "Müller" typed
 * with a combining diaeresis and with "ü" are the same text; a one-line
 * field also has each run of white space as one space and none at its
 * ends.  Keys for comparing are built from that form by utf8proc. */

/* Unicode white space (the separators, tab, line breaks): what a blank
 * run in a name is made of. */
static bool is_space_cp(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85)
		return true;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

/* A character that puts nothing visible on its own: white space,
 * controls, format characters (U+200B ...), a combining mark without a
 * letter, and what Unicode calls default ignorable. */
static bool is_invisible_cp(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);

	return is_space_cp(cp) || c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF ||
	       c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
	       c == UTF8PROC_CATEGORY_CN || (p && p->ignorable);
}

/* The bidirectional embeddings, overrides and isolates, which reorder the
 * text around them: a name with them can pass for another. */
static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* s in NFC, malloc'd; NULL when out of memory.  A byte that is not UTF-8
 * becomes U+FFFD first, so that a key or a normal form always exists (a
 * text with such bytes is refused by the checks anyway; a lookup with
 * one simply finds nothing). */
static char *nfc(const char *s)
{
	char *valid, *n;
	const char *p = s;

	/* ASCII is its own normal form: no need for utf8proc (an import
	 * checks every note twice, and most are ASCII) */
	while (*p && !(*p & 0x80))
		p++;
	if (!*p)
		return strdup(s);
	if (text_utf8_valid(s, strlen(s)))
		return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
	valid = text_valid_dup(s);
	n = valid ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)valid) : NULL;
	free(valid);
	return n;
}

char *text_normal_note(const char *s)
{
	return nfc(s ? s : "");
}

char *text_normal_line(const char *s)
{
	char *n = nfc(s ? s : ""), *out;
	size_t o = 0;
	bool space = false;

	if (!n)
		return NULL;
	out = malloc(strlen(n) + 1);
	if (!out) {
		free(n);
		return NULL;
	}
	for (const char *p = n; *p;) {
		uint32_t cp;
		size_t len = text_next(p, &cp);

		if (is_space_cp(cp)) {
			space = o > 0;
		} else {
			if (space)
				out[o++] = ' ';
			space = false;
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = '\0';
	free(n);
	return out;
}

/* The letters that sort as two (Æ as ae, ...) or as a plain letter
 * without being one with a mark that decomposition could strip (ø, ł).
 * German umlauts read as ae oe ue in the alternative key only. */
static const char *spelled_out(uint32_t cp, bool umlauts)
{
	switch (cp) {
	case 0xC6: case 0xE6: return "ae";
	case 0x152: case 0x153: return "oe";
	case 0xDE: case 0xFE: return "th";
	case 0xD8: case 0xF8: return "o";
	case 0xD0: case 0xF0: case 0x110: case 0x111: return "d";
	case 0x141: case 0x142: return "l";
	case 0x126: case 0x127: return "h";
	case 0x131: return "i";
	default: break;
	}
	if (!umlauts)
		return NULL;
	switch (cp) {
	case 0xC4: case 0xE4: return "ae";
	case 0xD6: case 0xF6: return "oe";
	case 0xDC: case 0xFC: return "ue";
	default: return NULL;
	}
}

/* A key: the normal line, letters spelled out (see above, on the composed
 * form so that only a real ä becomes ae), then mapped by utf8proc with
 * opts.  malloc'd; NULL when out of memory. */
static char *make_key(const char *s, bool umlauts, utf8proc_option_t opts)
{
	char *line = text_normal_line(s), *spelled, *key = NULL;
	size_t o = 0;
	const char *a;

	if (!line)
		return NULL;
	/* Printable ASCII needs no table: nothing to spell out, decompose,
	 * compose or drop, and case folding is tolower.  The portfolio makes
	 * two keys of every name each time it is read (43% of its first frame
	 * at 2,000 companies went to utf8proc). */
	for (a = line; *a >= 0x20 && *a < 0x7f; a++)
		;
	if (!*a) {
		if (opts & UTF8PROC_CASEFOLD)
			for (char *q = line; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
		return line;
	}
	spelled = malloc(strlen(line) * 2 + 1);   /* one letter becomes two at most */
	if (!spelled) {
		free(line);
		return NULL;
	}
	for (const char *p = line; *p;) {
		uint32_t cp;
		size_t len = text_next(p, &cp);
		const char *two = spelled_out(cp, umlauts);

		if (two) {
			memcpy(spelled + o, two, strlen(two));
			o += strlen(two);
		} else {
			memcpy(spelled + o, p, len);
			o += len;
		}
		p += len;
	}
	spelled[o] = '\0';
	free(line);
	if (utf8proc_map((const utf8proc_uint8_t *)spelled, 0, (utf8proc_uint8_t **)&key,
	                 opts | UTF8PROC_NULLTERM | UTF8PROC_STABLE) < 0)
		key = NULL;
	free(spelled);
	return key;
}

char *text_name_key(const char *s)
{
	/* NFKC with case folded and the invisible characters dropped: "Müller
	 * GmbH", "MÜLLER  GMBH" and "Mu\u0308ller GmbH" are one name; "Muller
	 * GmbH" is another. */
	return make_key(s, false, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                UTF8PROC_IGNORE);
}

char *text_fold(const char *s)
{
	/* As the name key, and the accents stripped: "Ärztehaus" next to
	 * "Arzt", "Müller" found by "muller" (DIN 5007, variant 1). */
	return make_key(s, false, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP);
}

char *text_fold_alt(const char *s)
{
	/* ä ö ü as ae oe ue (DIN 5007, variant 2), so "Soehne" finds
	 * "Söhne" too. */
	return make_key(s, true, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP);
}

size_t text_put_utf8(uint32_t cp, char *out)
{
	utf8proc_ssize_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	n = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);

	return n > 0 ? (size_t)n : 0;
}

/* ---- the rules of fields ------------------------------------------------ */

/* Common part of the line and note checks, on the text as it would be
 * stored.  multiline lets newlines, tabs and carriage returns through. */
/* check_text() of a text of printable ASCII (and, in a note, its line
 * breaks and tabs), found without utf8proc or a copy: such a text is its
 * own composed form, holds no control and is visible unless it is blank;
 * its length is that of its normal form.  -1 for any other text, which
 * takes the general way.  An import checks every note and name, most of
 * them ASCII, and the general way cost 5,000 instructions a note. */
static int check_ascii(const char *s, size_t max_chars, bool allow_empty, bool multiline)
{
	size_t chars = 0;
	bool space = false, any = false;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool blank = *p == ' ' || (multiline && (*p == '\n' || *p == '\t' || *p == '\r'));

		if (!blank && (*p < 0x21 || *p > 0x7e))
			return -1;
		if (multiline) {              /* a note keeps its white space */
			chars++;
			any |= !blank;
		} else if (blank) {           /* a line has a run of it as one space */
			space = any;          /* and none at its ends */
		} else {
			chars += space ? 2 : 1;
			space = false;
			any = true;
		}
	}
	if (!any)
		return allow_empty ? TEXT_OK : TEXT_EMPTY;
	return chars > max_chars ? TEXT_TOO_LONG : TEXT_OK;
}

static enum text_check check_text(const char *s, size_t max_chars,
                                  bool allow_empty, bool multiline)
{
	size_t chars = 0;
	bool visible = false, blank = true;
	enum text_check result = TEXT_OK;
	int ascii;
	char *n;

	if (s == NULL || *s == '\0')
		return allow_empty ? TEXT_OK : TEXT_EMPTY;
	if ((ascii = check_ascii(s, max_chars, allow_empty, multiline)) >= 0)
		return (enum text_check)ascii;
	if (!text_utf8_valid(s, strlen(s)))
		return TEXT_NOT_UTF8;
	for (const char *p = s; *p != '\0'; ) {
		uint32_t cp;

		p += text_next(p, &cp);
		if (is_bidi_control(cp))
			return TEXT_BIDI;
		if (multiline && (cp == '\n' || cp == '\t' || cp == '\r'))
			continue;
		if (is_control(cp))
			return TEXT_CONTROL;
	}
	n = multiline ? text_normal_note(s) : text_normal_line(s);
	if (!n)
		return TEXT_NO_MEMORY;
	for (const char *p = n; *p != '\0'; chars++) {
		uint32_t cp;

		p += text_next(p, &cp);
		visible |= !is_invisible_cp(cp);
		blank &= is_space_cp(cp);
	}
	if (blank)
		result = allow_empty ? TEXT_OK : TEXT_EMPTY;
	else if (!visible)
		result = TEXT_INVISIBLE;
	else if (chars > max_chars)
		result = TEXT_TOO_LONG;
	free(n);
	return result;
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
	case TEXT_INVISIBLE: return N_("has nothing visible in it (only blanks or invisible characters)");
	case TEXT_BIDI: return N_("contains characters that reorder the text around them (bidirectional controls)");
	case TEXT_NO_MEMORY: return N_("could not be checked: out of memory");
	}
	return N_("is not acceptable");
}

const char *text_check_say(enum text_check c, size_t max_chars, char *buf, size_t bufsz)
{
	if (c == TEXT_TOO_LONG)
		/* TRANSLATORS: completes e.g. "companies[0].name:" or "Note:" */
		snprintf(buf, bufsz, P_("is too long (at most %zu character)",
		                        "is too long (at most %zu characters)", max_chars), max_chars);
	else
		snprintf(buf, bufsz, "%s", _(text_check_message(c)));
	return buf;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *text_trim_dup(const char *s)
{
	size_t a = 0, b = s ? strlen(s) : 0;
	char *copy;

	while (a < b && is_blank(s[a]))
		a++;
	while (b > a && is_blank(s[b - 1]))
		b--;
	copy = malloc(b - a + 1);
	if (copy == NULL)
		return NULL;
	if (b > a)
		memcpy(copy, s + a, b - a);
	copy[b - a] = '\0';
	return copy;
}

/* ---- text that goes to a terminal -------------------------------------------
 * One rule for every byte smready prints: well-formed UTF-8 that is not a
 * control character is shown as it is; a byte that is not UTF-8 and a
 * control character (C0, DEL, C1) are written as the text \xNN, so that
 * nothing from data or from a file name can move the cursor, change colours
 * or retitle the terminal.  Line breaks and tabs are layout where the
 * caller says so; a carriage return only as part of CR LF. */

/* Writes byte b as the four characters \xNN; returns 4. */
static size_t put_hex(char *out, unsigned char b)
{
	static const char hex[] = "0123456789abcdef";

	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[b >> 4];
	out[3] = hex[b & 15];
	return 4;
}

/* How many bytes of s[0..n) form one printable character (0: it is to be
 * escaped; n + 1: more bytes are needed to tell). */
static size_t printable_len(const unsigned char *s, size_t n, bool layout)
{
	size_t len;

	if (s[0] < 0x80) {
		if (layout && (s[0] == '\n' || s[0] == '\t'))
			return 1;
		if (layout && s[0] == '\r')
			return n < 2 ? n + 1 : s[1] == '\n' ? 1 : 0;
		return s[0] < 0x20 || s[0] == 0x7f ? 0 : 1;
	}
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	if (len == 1)
		return 0;
	if (len > n) {
		/* Incomplete so far: more may come, unless it cannot be valid. */
		for (size_t i = 1; i < n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return 0;
		return n + 1;
	}
	if (!text_utf8_valid((const char *)s, len))
		return 0;
	/* U+0080..U+009F: the C1 controls, which some terminals obey. */
	if (s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	return len;
}

size_t text_escape_span(const char *s, size_t n, bool layout, bool final, char *out,
                        size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;

	while (i < n) {
		size_t len, run = i;

		/* printable ASCII (and line breaks and tabs, with layout) goes
		 * through as it is, a run at a time */
		while (run < n && ((p[run] >= 0x20 && p[run] < 0x7f) ||
		                   (layout && (p[run] == '\n' || p[run] == '\t'))))
			run++;
		if (run > i) {
			memcpy(out + o, p + i, run - i);
			o += run - i;
			i = run;
			continue;
		}
		len = printable_len(p + i, n - i, layout);
		if (len > n - i) {
			if (!final)
				break;            /* wait for the rest */
			len = 0;
		}
		if (len) {
			memcpy(out + o, p + i, len);
			o += len;
			i += len;
		} else {
			o += put_hex(out + o, p[i]);
			i++;
		}
	}
	*used = i;
	return o;
}

char *text_printable_dup(const char *s, bool layout)
{
	size_t n = s ? strlen(s) : 0, used;
	char *out = malloc(n * 4 + 1);

	if (!out)
		return NULL;
	out[text_escape_span(s ? s : "", n, layout, true, out, &used)] = '\0';
	return out;
}

const char *text_printable(char *buf, size_t bufsz, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), out = 0;

	if (bufsz < 8) {
		if (bufsz)
			buf[0] = '\0';
		return buf;
	}
	while (*p) {
		size_t len = printable_len(p, n, false);
		size_t need;

		if (len > n)
			len = 0;                  /* cut off at the end: escaped */
		need = len ? len : 4;
		/* Keeps room for "..." and the terminating NUL. */
		if (out + need + 4 > bufsz) {
			memcpy(buf + out, "...", 3);
			out += 3;
			break;
		}
		if (len)
			memcpy(buf + out, p, len);
		else
			put_hex(buf + out, *p);
		out += need;
		p += len ? len : 1;
		n -= len ? len : 1;
	}
	buf[out] = '\0';
	return buf;
}
