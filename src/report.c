#include "config.h"

/*
 * report.c - client-ready reports of one assessment and of a comparison of
 * two, as plain text, Markdown or a single self-contained HTML file.
 *
 * Owns the small "document" layer that writes headings, fact lists, lists
 * and tables in each of the three formats, so the report contents are
 * written once; and the aligned plain-text table the command line shares.
 * Every dynamic string goes through doc_esc() or doc_esc_at(), which escape
 * for the target format (Markdown punctuation and what would open a block
 * where a line starts, HTML's &<>"'), and plain text wraps by display width.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "report.h"
#include "text.h"

#define WRAP_COLS 78
#define BAR_LEN 10
#define TABLE_MAX_COLS 12

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* ---- small formatting helpers ------------------------------------------ */

char *report_date(char *buf, size_t bufsz, long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (t <= 0 || !gmtime_r(&tt, &tm))
		return buf;
	strftime(buf, bufsz, "%Y-%m-%d", &tm);
	return buf;
}

const char *report_level_label(int level)
{
	if (level < 0 || level >= LEVEL_COUNT)
		return _("not scored");
	return _(scoring_level_name((enum level)level));
}

char *report_score(char *buf, size_t n, int score)
{
	if (score < 0)
		snprintf(buf, n, "%s", "–");
	else
		snprintf(buf, n, "%d", score);
	return buf;
}

static char *delta_str(char *buf, size_t n, int delta)
{
	if (delta == 0)
		snprintf(buf, n, "=");
	else
		snprintf(buf, n, "%+d", delta);
	return buf;
}

static char *bar_str(char *buf, size_t n, int score)
{
	int fill = score < 0 ? 0 : (score + 5) / 10;
	int i;

	if (n < BAR_LEN + 1)
		return buf;
	for (i = 0; i < BAR_LEN; i++)
		buf[i] = i < fill ? '#' : '-';
	buf[BAR_LEN] = '\0';
	return buf;
}

/* "3 – Mostly", "Don't know", "unanswered" in the current language. */
static char *answer_str(char *buf, size_t n, int value)
{
	if (value >= ANSWER_MIN && value <= ANSWER_MAX)
		snprintf(buf, n, "%d – %s", value, _(catalogue_scale_label(value)));
	else
		snprintf(buf, n, "%s", _(catalogue_scale_label(value)));
	return buf;
}

static char *assessment_date(char *buf, size_t n, const struct assessment *a)
{
	return report_date(buf, n, a->status == ASSESS_FINAL && a->completed ? a->completed
	                                                                     : a->started);
}

/* ---- plain-text table ---------------------------------------------------- */

struct report_table {
	int ncols;
	char align[TABLE_MAX_COLS];
	char **cells;             /* rows * ncols */
	size_t rows, cap;
};

struct report_table *report_table_new(int ncols, const char *align)
{
	struct report_table *t;
	int i;

	if (ncols < 1 || ncols > TABLE_MAX_COLS)
		return NULL;
	t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->ncols = ncols;
	for (i = 0; i < ncols; i++)
		t->align[i] = align && align[i] == 'r' ? 'r' : 'l';
	return t;
}

int report_table_add(struct report_table *t, const char *const *cells)
{
	int i;

	if (!t)
		return -1;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **nc = realloc(t->cells, cap * (size_t)t->ncols * sizeof *nc);
		if (!nc)
			return -1;
		t->cells = nc;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++) {
		char *dup = strdup(cells[i] ? cells[i] : "");
		if (!dup) {
			while (i-- > 0)
				free(t->cells[t->rows * (size_t)t->ncols + (size_t)i]);
			return -1;
		}
		t->cells[t->rows * (size_t)t->ncols + (size_t)i] = dup;
	}
	t->rows++;
	return 0;
}

static void put_spaces(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

int report_table_print(const struct report_table *t, FILE *out, int indent)
{
	int width[TABLE_MAX_COLS] = {0};
	size_t r;
	int c;

	if (!t)
		return -1;
	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->ncols; c++) {
			int w = text_width(t->cells[r * (size_t)t->ncols + (size_t)c]);
			if (w > width[c])
				width[c] = w;
		}
	for (r = 0; r < t->rows; r++) {
		char *const *row = t->cells + r * (size_t)t->ncols;
		int last = t->ncols - 1;
		int pending = indent;   /* spaces owed before the next text */

		/* Trailing empty cells print nothing, so lines never end in blanks. */
		while (last > 0 && row[last][0] == '\0')
			last--;
		for (c = 0; c <= last; c++) {
			int gap = width[c] - text_width(row[c]);
			if (c > 0)
				pending += 2;
			if (t->align[c] == 'r')
				pending += gap;
			if (row[c][0]) {
				put_spaces(out, pending);
				pending = 0;
				fputs(row[c], out);
			}
			if (t->align[c] != 'r')
				pending += gap;
		}
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

void report_table_free(struct report_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->rows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

/* ---- the document layer -------------------------------------------------- */

struct doc {
	FILE *f;
	enum report_format fmt;
	bool in_list;
	bool ordered;
};

static void doc_put(struct doc *d, const char *s)
{
	fputs(s, d->f);
}

static void doc_printf(struct doc *d, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void doc_printf(struct doc *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(d->f, fmt, ap);
	va_end(ap);
}

/* The length of the line break at p ("\n", "\r\n" or a lone "\r", which
 * Markdown and terminals also read as one), or 0. */
static size_t line_break(const char *p)
{
	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return p[1] == '\n' ? 2 : 1;
	return 0;
}

/* Markdown: where the text starts a line (a heading, a paragraph, a list
 * item, a table cell), what would open a block is escaped: a list marker
 * ("- ", "+ ", "1. ", "1) ") or a heading.  Leading blanks are dropped,
 * since four of them would start a code block.  Returns where the text
 * proper starts; *mark gets a punctuation character to escape, or NULL. */
static const char *md_line_start(struct doc *d, const char *s, const char **mark)
{
	size_t digits;

	*mark = NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+') {
		fputc('\\', d->f);
	} else {
		digits = strspn(s, "0123456789");
		if (digits >= 1 && digits <= 9 && (s[digits] == '.' || s[digits] == ')'))
			*mark = s + digits;
	}
	return s;
}

/* Whether the '&' at p would start a character reference ("&amp;",
 * "&#39;") that Markdown would turn into another character. */
static bool md_entity(const char *p)
{
	char c = p[1];

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '#';
}

/* Writes s escaped for the format; line breaks become <br>.  line_start:
 * in Markdown, s begins a line of a paragraph or list item. */
static void doc_esc_at(struct doc *d, const char *s, bool line_start)
{
	const char *p, *mark = NULL;
	size_t br;

	if (d->fmt == REPORT_TEXT) {
		fputs(s, d->f);
		return;
	}
	if (d->fmt == REPORT_MARKDOWN && line_start)
		s = md_line_start(d, s, &mark);
	for (p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((br = line_break(p)) > 0) {
			fputs("<br>", d->f);
			p += br - 1;
			continue;
		}
		if (d->fmt == REPORT_HTML) {
			switch (ch) {
			case '&': fputs("&amp;", d->f); break;
			case '<': fputs("&lt;", d->f); break;
			case '>': fputs("&gt;", d->f); break;
			case '"': fputs("&quot;", d->f); break;
			case '\'': fputs("&#39;", d->f); break;
			default: fputc(ch, d->f);
			}
		} else {
			/* '#' only matters where a line starts; '~' would strike
			 * through. */
			if (strchr("\\`*_[]<>|~", ch) || (ch == '#' && p == s) || p == mark ||
			    (ch == '&' && md_entity(p)))
				fputc('\\', d->f);
			fputc(ch, d->f);
		}
	}
}

/* Inline text: a heading's, a label's, a table cell's. */
static void doc_esc(struct doc *d, const char *s)
{
	doc_esc_at(d, s, false);
}

/* Writes the n bytes at p, a word of width w, wrapped as report_wrap()
 * does: a word wider than a whole line is cut between characters, filling
 * each line, so that no line is longer than WRAP_COLS (a long URL, or
 * Chinese or Japanese text, which has no spaces). */
static void wrap_word(FILE *f, const char *p, size_t n, int w, int indent, int *col,
                      bool *empty)
{
	int room = WRAP_COLS - indent;

	if (w <= room || room < 2) {
		if (!*empty && *col + 1 + w > WRAP_COLS) {
			fputc('\n', f);
			put_spaces(f, indent);
			*col = indent;
			*empty = true;
		}
		if (!*empty) {
			fputc(' ', f);
			(*col)++;
		}
		fwrite(p, 1, n, f);
		*col += w;
		*empty = false;
		return;
	}
	if (!*empty && *col + 2 < WRAP_COLS) {
		fputc(' ', f);
		(*col)++;
	} else if (!*empty) {
		fputc('\n', f);
		put_spaces(f, indent);
		*col = indent;
	}
	while (n > 0) {
		char *rest = strndup(p, n);
		int used = 0;
		size_t k = rest ? text_fit(rest, WRAP_COLS - *col, &used) : n;

		free(rest);
		if (k == 0 && *col > indent) {
			/* A wide character does not fit in the last column. */
			fputc('\n', f);
			put_spaces(f, indent);
			*col = indent;
			continue;
		}
		if (k == 0 || k > n)
			k = n;            /* cannot happen: a line has room >= 2 */
		fwrite(p, 1, k, f);
		*col += used;
		p += k;
		n -= k;
		if (n > 0) {
			fputc('\n', f);
			put_spaces(f, indent);
			*col = indent;
		}
	}
	*empty = false;
}

/* Plain text: s after prefix, wrapped at WRAP_COLS with a hanging indent;
 * line breaks in s start a new indented line. */
void report_wrap(FILE *f, const char *prefix, int indent, const char *s)
{
	int col = text_width(prefix);
	bool empty = true;
	const char *p = s;

	fputs(prefix, f);
	while (*p) {
		size_t n, br;
		char *word;
		int w;

		if ((br = line_break(p)) > 0) {
			fputc('\n', f);
			put_spaces(f, indent);
			col = indent;
			empty = true;
			p += br;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		n = strcspn(p, " \t\r\n");
		word = strndup(p, n);
		w = word ? text_width(word) : (int)n;
		free(word);
		wrap_word(f, p, n, w, indent, &col, &empty);
		p += n;
	}
	fputc('\n', f);
}

static const char html_style[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
	"color:#1d1d1f;background:#fff;margin:0;line-height:1.45;overflow-wrap:anywhere}\n"
	"main{max-width:52rem;margin:0 auto;padding:1.5rem}\n"
	"h1{font-size:1.6rem;margin:0 0 1rem}\n"
	"h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}\n"
	"h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\n"
	"table{border-collapse:collapse;margin:.4rem 0}\n"
	"th,td{text-align:left;padding:.2rem .7rem .2rem 0;vertical-align:top}\n"
	"table.grid th,table.grid td{border-bottom:1px solid #e3e3e3}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	".bar{display:inline-block;width:10rem;height:.8rem;background:#e6e6e6;"
	"border:1px solid #999;vertical-align:middle}\n"
	".bar span{display:block;height:100%;background:#2f6f9f}\n"
	".tag{font-weight:bold;font-size:.85em;padding:0 .3em;border:1px solid currentColor;"
	"border-radius:.2em;margin-right:.3em}\n"
	".ko{color:#a00000}.up{color:#146c2e}.down{color:#a00000}\n"
	".sub{display:block;color:#444;font-size:.92em}\n"
	".draft{border:2px dashed #a06000;padding:.4rem .6rem}\n"
	"li{margin:.25rem 0}\n"
	"@media print{body{font-size:10.5pt}main{max-width:none;padding:0}"
	"h2{break-after:avoid}li,tr{break-inside:avoid}"
	".bar,.bar span{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* The language of the text actually shown: what the translation says, so
 * an untranslated English report is never labelled German. */
static const char *html_lang(void)
{
	/* TRANSLATORS: the language code of this translation (BCP 47), used in
	   the HTML reports' lang attribute; German: "de". */
	const char *lang = _("en");
	const char *p;

	for (p = lang; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
			return "en";
	return *lang ? lang : "en";
}

/* A heading of level 1 (the title), 2 (a section) or 3 (a subsection).
 * Plain text underlines levels 1 and 2 with '=' and '-'; below the title,
 * Markdown and plain text put a blank line before a heading. */
static void doc_heading(struct doc *d, int level, const char *title)
{
	int w;

	if (d->fmt == REPORT_HTML) {
		doc_printf(d, "<h%d>", level);
		doc_esc(d, title);
		doc_printf(d, "</h%d>\n", level);
		return;
	}
	if (level > 1)
		fputc('\n', d->f);
	if (d->fmt == REPORT_MARKDOWN) {
		doc_printf(d, "%.*s ", level, "###");
		doc_esc(d, title);
		doc_put(d, "\n");
		return;
	}
	doc_printf(d, "%s\n", title);
	if (level > 2)
		return;
	for (w = text_width(title); w > 0; w--)
		fputc(level == 1 ? '=' : '-', d->f);
	fputc('\n', d->f);
}

static void doc_begin(struct doc *d, const char *title, const char *name)
{
	if (d->fmt == REPORT_HTML) {
		doc_printf(d, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		           "<meta charset=\"utf-8\">\n"
		           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		           "<title>", html_lang());
		doc_esc(d, title);
		doc_put(d, ": ");
		doc_esc(d, name);
		doc_printf(d, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", html_style);
	}
	doc_heading(d, 1, title);
}

static void doc_end(struct doc *d)
{
	if (d->fmt == REPORT_HTML)
		doc_put(d, "</main>\n</body>\n</html>\n");
}

static void doc_section(struct doc *d, const char *title)
{
	doc_heading(d, 2, title);
}

static void doc_subsection(struct doc *d, const char *title)
{
	doc_heading(d, 3, title);
}

static void doc_para(struct doc *d, const char *text)
{
	if (d->fmt == REPORT_HTML) {
		doc_put(d, "<p>");
		doc_esc(d, text);
		doc_put(d, "</p>\n");
	} else if (d->fmt == REPORT_MARKDOWN) {
		doc_put(d, "\n");
		doc_esc_at(d, text, true);
		doc_put(d, "\n");
	} else {
		fputc('\n', d->f);
		report_wrap(d->f, "", 0, text);
	}
}

/* Label/value pairs. */
struct fact {
	const char *label;
	const char *value;
};

static void doc_facts(struct doc *d, const struct fact *facts, int n)
{
	int i, w = 0;

	if (d->fmt == REPORT_HTML) {
		doc_put(d, "<table class=\"facts\">\n");
		for (i = 0; i < n; i++) {
			doc_put(d, "<tr><th scope=\"row\">");
			doc_esc(d, facts[i].label);
			doc_put(d, "</th><td>");
			doc_esc(d, facts[i].value);
			doc_put(d, "</td></tr>\n");
		}
		doc_put(d, "</table>\n");
		return;
	}
	fputc('\n', d->f);
	if (d->fmt == REPORT_MARKDOWN) {
		for (i = 0; i < n; i++) {
			doc_put(d, "- **");
			doc_esc(d, facts[i].label);
			doc_put(d, ":** ");
			doc_esc(d, facts[i].value);
			doc_put(d, "\n");
		}
		return;
	}
	for (i = 0; i < n; i++) {
		int lw = text_width(facts[i].label) + 1;
		if (lw > w)
			w = lw;
	}
	for (i = 0; i < n; i++) {
		char prefix[256];
		int pad = w - text_width(facts[i].label) - 1 + 2;
		snprintf(prefix, sizeof prefix, "%s:%*s", facts[i].label, pad, "");
		report_wrap(d->f, prefix, w + 2, facts[i].value);
	}
}

static void doc_list_begin(struct doc *d, bool ordered)
{
	d->in_list = true;
	d->ordered = ordered;
	if (d->fmt == REPORT_HTML)
		doc_put(d, ordered ? "<ol>\n" : "<ul>\n");
	else
		fputc('\n', d->f);
}

static void doc_list_end(struct doc *d)
{
	if (d->fmt == REPORT_HTML)
		doc_put(d, d->ordered ? "</ol>\n" : "</ul>\n");
	d->in_list = false;
}

/* One list item: number (for ordered lists), an optional tag word shown
 * in front ("Knock-out", "Better"), the main text, and up to a few
 * sub-lines ("Note: ..."). tag_class picks the HTML colour; the word itself
 * carries the meaning. */
static void doc_item(struct doc *d, int number, const char *tag, const char *tag_class,
                     const char *text, const char *const *subs, int nsubs)
{
	int i;

	if (d->fmt == REPORT_HTML) {
		doc_put(d, "<li>");
		if (tag) {
			doc_printf(d, "<span class=\"tag %s\">", tag_class ? tag_class : "");
			doc_esc(d, tag);
			doc_put(d, "</span>");
		}
		doc_esc(d, text);
		for (i = 0; i < nsubs; i++) {
			doc_put(d, "<span class=\"sub\">");
			doc_esc(d, subs[i]);
			doc_put(d, "</span>");
		}
		doc_put(d, "</li>\n");
	} else if (d->fmt == REPORT_MARKDOWN) {
		if (d->ordered)
			doc_printf(d, "%d. ", number);
		else
			doc_put(d, "- ");
		if (tag) {
			doc_put(d, "**");
			doc_esc(d, tag);
			doc_put(d, ":** ");
		}
		doc_esc_at(d, text, !tag);
		for (i = 0; i < nsubs; i++) {
			doc_put(d, d->ordered ? "  \n   " : "  \n  ");
			doc_esc_at(d, subs[i], true);
		}
		doc_put(d, "\n");
	} else {
		char prefix[128], line[1200];
		int indent;
		if (d->ordered)
			snprintf(prefix, sizeof prefix, "%3d. ", number);
		else
			snprintf(prefix, sizeof prefix, "  - ");
		indent = (int)strlen(prefix);
		if (tag)
			snprintf(line, sizeof line, "[%s] %s", tag, text);
		else
			snprintf(line, sizeof line, "%s", text);
		/* A long note must not be cut: wrap it in pieces. */
		if (strlen(text) + 64 > sizeof line) {
			char tagbuf[128];
			snprintf(tagbuf, sizeof tagbuf, "%s%s%s%s", prefix, tag ? "[" : "",
			         tag ? tag : "", tag ? "] " : "");
			report_wrap(d->f, tagbuf, indent, text);
		} else {
			report_wrap(d->f, prefix, indent, line);
		}
		for (i = 0; i < nsubs; i++) {
			char pad[32];
			snprintf(pad, sizeof pad, "%*s", indent, "");
			report_wrap(d->f, pad, indent + 2, subs[i]);
		}
	}
}

/* A table in any format.  kinds: one letter per column: 'l' text,
 * 'r' number, 'b' a score drawn as a bar (the cell holds the number). */
struct doc_table {
	int ncols;
	const char *kinds;
	struct report_table *text;
};

static void doc_table_begin(struct doc *d, struct doc_table *t, int ncols,
                            const char *kinds, const char *const *headers)
{
	char align[TABLE_MAX_COLS + 1];
	int i;

	t->ncols = ncols;
	t->kinds = kinds;
	t->text = NULL;
	if (d->fmt == REPORT_HTML) {
		doc_put(d, "<table class=\"grid\">\n<thead><tr>");
		for (i = 0; i < ncols; i++) {
			doc_put(d, "<th scope=\"col\">");
			doc_esc(d, headers[i]);
			doc_put(d, "</th>");
		}
		doc_put(d, "</tr></thead>\n<tbody>\n");
	} else if (d->fmt == REPORT_MARKDOWN) {
		doc_put(d, "\n|");
		for (i = 0; i < ncols; i++) {
			doc_put(d, " ");
			doc_esc(d, headers[i]);
			doc_put(d, " |");
		}
		doc_put(d, "\n|");
		for (i = 0; i < ncols; i++)
			doc_put(d, kinds[i] == 'r' ? " ---: |" : " --- |");
		doc_put(d, "\n");
	} else {
		for (i = 0; i < ncols && i < TABLE_MAX_COLS; i++)
			align[i] = kinds[i] == 'r' ? 'r' : 'l';
		align[i] = '\0';
		t->text = report_table_new(ncols, align);
		if (t->text)
			report_table_add(t->text, headers);
	}
}

static void doc_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	char bars[TABLE_MAX_COLS][BAR_LEN + 16];
	const char *row[TABLE_MAX_COLS];
	int i;

	if (d->fmt == REPORT_HTML) {
		doc_put(d, "<tr>");
		for (i = 0; i < t->ncols; i++) {
			if (t->kinds[i] == 'b') {
				int v = atoi(cells[i]);
				bool none = cells[i][0] < '0' || cells[i][0] > '9';
				doc_printf(d, "<td><span class=\"bar\" role=\"img\" aria-label=\"%s\">"
				           "<span style=\"width:%d%%\"></span></span> ",
				           none ? "-" : cells[i], none ? 0 : v);
				doc_esc(d, cells[i]);
				doc_put(d, "</td>");
			} else {
				doc_put(d, t->kinds[i] == 'r' ? "<td class=\"num\">" : "<td>");
				doc_esc(d, cells[i]);
				doc_put(d, "</td>");
			}
		}
		doc_put(d, "</tr>\n");
		return;
	}
	for (i = 0; i < t->ncols; i++) {
		row[i] = cells[i];
		if (t->kinds[i] == 'b') {
			bool none = cells[i][0] < '0' || cells[i][0] > '9';
			char bar[BAR_LEN + 1];
			bar_str(bar, sizeof bar, none ? -1 : atoi(cells[i]));
			if (d->fmt == REPORT_MARKDOWN)
				snprintf(bars[i], sizeof bars[i], "`%s` %s", bar, cells[i]);
			else
				snprintf(bars[i], sizeof bars[i], "%s %3s", bar, cells[i]);
			row[i] = bars[i];
		}
	}
	if (d->fmt == REPORT_MARKDOWN) {
		doc_put(d, "|");
		for (i = 0; i < t->ncols; i++) {
			doc_put(d, " ");
			if (t->kinds[i] == 'b')
				doc_put(d, row[i]);   /* our own bar: no escaping wanted */
			else
				doc_esc(d, row[i]);
			doc_put(d, " |");
		}
		doc_put(d, "\n");
	} else if (t->text) {
		report_table_add(t->text, row);
	}
}

static void doc_table_end(struct doc *d, struct doc_table *t)
{
	if (d->fmt == REPORT_HTML) {
		doc_put(d, "</tbody>\n</table>\n");
	} else if (d->fmt == REPORT_TEXT && t->text) {
		fputc('\n', d->f);
		report_table_print(t->text, d->f, 2);
		report_table_free(t->text);
		t->text = NULL;
	}
}

static int doc_finish(struct doc *d)
{
	if (fflush(d->f) != 0 || ferror(d->f))
		return -1;
	return 0;
}

/* ---- pieces of both reports --------------------------------------------- */

/* Which side's catalogue names a thing of the comparison: the new one's
 * when the thing is in it, else the old one's; NULL when neither has it.
 * *idx gets the thing's index in that catalogue. */
static const struct catalogue *side_cat(const struct compared *cmp, int new_idx, int old_idx,
                                        int *idx)
{
	if (new_idx >= 0 && cmp->new.cat) {
		*idx = new_idx;
		return cmp->new.cat;
	}
	*idx = old_idx;
	return old_idx >= 0 ? cmp->old.cat : NULL;
}

static const char *item_question(const struct compared *cmp, const struct item_change *ic)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, ic->new_item, ic->old_item, &i);

	return cat ? _(cat->items[i].question) : ic->key;
}

static const char *dim_name(const struct compared *cmp, const struct dim_change *dc)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, dc->new_dim, dc->old_dim, &i);

	return cat ? _(cat->dims[i].name) : dc->key;
}

static const char *ko_name(const struct compared *cmp, const struct knockout_change *kc)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, kc->new_ko, kc->old_ko, &i);

	return cat ? _(cat->knockouts[i].name) : kc->key;
}

static const char *ko_reason(const struct compared *cmp, const struct knockout_change *kc)
{
	int i;
	const struct catalogue *cat = side_cat(cmp, kc->new_ko, kc->old_ko, &i);

	return cat ? _(cat->knockouts[i].reason) : "";
}

static void level_change_str(char *buf, size_t n, const struct comparison *c)
{
	char words[128];

	if (c->level_old < 0 || c->level_new < 0)
		snprintf(words, sizeof words, "%s", _("cannot be compared"));
	else if (c->level_delta > 0)
		snprintf(words, sizeof words,
		         P_("up %d level", "up %d levels", c->level_delta), c->level_delta);
	else if (c->level_delta < 0)
		snprintf(words, sizeof words,
		         P_("down %d level", "down %d levels", -c->level_delta), -c->level_delta);
	else
		snprintf(words, sizeof words, "%s", _("unchanged"));
	snprintf(buf, n, "%s → %s (%s)", report_level_label(c->level_old),
	         report_level_label(c->level_new), words);
}

static void overall_change_str(char *buf, size_t n, const struct comparison *c)
{
	char a[16], b[16], dl[16];

	report_score(a, sizeof a, c->overall_old);
	report_score(b, sizeof b, c->overall_new);
	if (c->overall_comparable)
		snprintf(buf, n, "%s → %s (%s)", a, b, delta_str(dl, sizeof dl, c->overall_delta));
	else
		snprintf(buf, n, "%s → %s (%s)", a, b, _("cannot be compared"));
}

static const char *note_of(const struct scored *s, int item)
{
	if (item < 0 || !s->notes[item])
		return "";
	return s->notes[item];
}

static void item_change_line(char *buf, size_t n, const struct item_change *ic)
{
	char a[96], b[96], dl[16];

	answer_str(a, sizeof a, ic->old_value);
	answer_str(b, sizeof b, ic->new_value);
	if (ic->change == CHANGE_IMPROVED || ic->change == CHANGE_WORSE)
		snprintf(buf, n, "%s → %s (%s)", a, b, delta_str(dl, sizeof dl, ic->delta));
	else
		snprintf(buf, n, "%s → %s", a, b);
}

/* Items of one kind of change as a list; returns how many. */
static int doc_item_changes(struct doc *d, const struct compared *cmp, enum change which,
                            const char *tag, const char *tag_class, bool notes)
{
	const struct comparison *c = &cmp->cmp;
	int i, n = 0;

	for (i = 0; i < c->n_items; i++) {
		const struct item_change *ic = &c->items[i];
		char line[1024], s0[256], s1[TEXT_NOTE_MAX * 4 + 64], s2[TEXT_NOTE_MAX * 4 + 64];
		const char *subs[3];
		int nsubs = 0;

		if (ic->change != which)
			continue;
		if (n++ == 0)
			doc_list_begin(d, false);
		if (which == CHANGE_NOT_COMPARABLE) {
			snprintf(line, sizeof line, "%s (%s)", item_question(cmp, ic),
			         _(compare_reason_text(ic->reason)));
		} else {
			snprintf(line, sizeof line, "%s", item_question(cmp, ic));
			item_change_line(s0, sizeof s0, ic);
			subs[nsubs++] = s0;
		}
		if (notes) {
			const char *on = note_of(&cmp->old, ic->old_item);
			const char *nn = note_of(&cmp->new, ic->new_item);
			if (*on) {
				snprintf(s1, sizeof s1, _("Note before: %s"), on);
				subs[nsubs++] = s1;
			}
			if (*nn) {
				snprintf(s2, sizeof s2, _("Note now: %s"), nn);
				subs[nsubs++] = s2;
			}
		}
		doc_item(d, n, tag, tag_class, line, subs, nsubs);
	}
	if (n)
		doc_list_end(d);
	return n;
}

static void doc_dim_changes(struct doc *d, const struct compared *cmp)
{
	const struct comparison *c = &cmp->cmp;
	const char *headers[4];
	struct doc_table t;
	int i;

	headers[0] = _("Dimension");
	headers[1] = _("Before");
	headers[2] = _("Now");
	headers[3] = _("Change");
	doc_table_begin(d, &t, 4, "lrrl", headers);
	for (i = 0; i < c->n_dims; i++) {
		const struct dim_change *dc = &c->dims[i];
		char a[16], b[16], dl[64], tmp[16];
		const char *cells[4];

		report_score(a, sizeof a, dc->old_score);
		report_score(b, sizeof b, dc->new_score);
		if (!dc->comparable)
			snprintf(dl, sizeof dl, "%s", _("not comparable"));
		else if (dc->delta > 0)
			snprintf(dl, sizeof dl, "%s %s", delta_str(tmp, sizeof tmp, dc->delta),
			         _("better"));
		else if (dc->delta < 0)
			snprintf(dl, sizeof dl, "%s %s", delta_str(tmp, sizeof tmp, dc->delta),
			         _("worse"));
		else
			snprintf(dl, sizeof dl, "= %s", _("same"));
		cells[0] = dim_name(cmp, dc);
		cells[1] = a;
		cells[2] = b;
		cells[3] = dl;
		doc_table_row(d, &t, cells);
	}
	doc_table_end(d, &t);
}

static void doc_ko_changes(struct doc *d, const struct compared *cmp, bool full)
{
	const struct comparison *c = &cmp->cmp;
	int i, n = 0, still = 0;

	for (i = 0; i < c->n_knockouts; i++) {
		const struct knockout_change *kc = &c->knockouts[i];
		char line[1024];
		const char *tag, *cls;

		if (kc->was_fired && !kc->is_fired) {
			tag = _("Resolved");
			cls = "up";
		} else if (!kc->was_fired && kc->is_fired) {
			tag = _("New knock-out");
			cls = "down";
		} else if (kc->was_fired && kc->is_fired) {
			still++;
			if (!full)
				continue;
			tag = _("Still open");
			cls = "ko";
		} else {
			continue;
		}
		if (n++ == 0)
			doc_list_begin(d, false);
		snprintf(line, sizeof line, "%s: %s", ko_name(cmp, kc), ko_reason(cmp, kc));
		doc_item(d, n, tag, cls, line, NULL, 0);
	}
	if (n)
		doc_list_end(d);
	else if (still == 0)
		doc_para(d, _("No knock-out before or now."));
	else
		doc_para(d, _("No knock-out was resolved or added."));
}

/* The body shared by the comparison report and the assessment report's
 * "since the previous assessment" section. */
static void doc_changes(struct doc *d, const struct compared *cmp, bool full)
{
	const struct comparison *c = &cmp->cmp;
	char overall[128], level[256], buf[256];
	struct fact facts[2];

	overall_change_str(overall, sizeof overall, c);
	level_change_str(level, sizeof level, c);
	facts[0].label = _("Overall score");
	facts[0].value = overall;
	facts[1].label = _("Readiness level");
	facts[1].value = level;
	doc_facts(d, facts, 2);
	if (!c->same_version)
		doc_para(d, _("The two assessments used different versions of the questionnaire; "
		              "questions that changed are listed as not comparable."));

	if (full)
		doc_section(d, _("Dimensions"));
	doc_dim_changes(d, cmp);

	doc_heading(d, full ? 2 : 3, _("Knock-outs"));
	doc_ko_changes(d, cmp, full);

	snprintf(buf, sizeof buf, P_("Improved (%d answer)", "Improved (%d answers)", c->improved),
	         c->improved);
	doc_heading(d, full ? 2 : 3, buf);
	if (!doc_item_changes(d, cmp, CHANGE_IMPROVED, _("Better"), "up", full))
		doc_para(d, _("No answer improved."));

	snprintf(buf, sizeof buf, P_("Worse (%d answer)", "Worse (%d answers)", c->worse),
	         c->worse);
	doc_heading(d, full ? 2 : 3, buf);
	if (!doc_item_changes(d, cmp, CHANGE_WORSE, _("Worse"), "down", full))
		doc_para(d, _("No answer got worse."));

	/* "Don't know" on one side is news of its own, not a step on the
	 * scale: listed apart, and only when there is one. */
	if (c->now_known) {
		snprintf(buf, sizeof buf, P_("Now known (%d answer)", "Now known (%d answers)",
		                             c->now_known), c->now_known);
		doc_heading(d, full ? 2 : 3, buf);
		doc_item_changes(d, cmp, CHANGE_NOW_KNOWN, _("Now known"), NULL, full);
	}
	if (c->no_longer_known) {
		snprintf(buf, sizeof buf, P_("No longer known (%d answer)",
		                             "No longer known (%d answers)", c->no_longer_known),
		         c->no_longer_known);
		doc_heading(d, full ? 2 : 3, buf);
		doc_item_changes(d, cmp, CHANGE_NO_LONGER_KNOWN, _("No longer known"), NULL, full);
	}

	if (full) {
		doc_section(d, _("Unchanged"));
		snprintf(buf, sizeof buf,
		         P_("%d answer stayed the same.", "%d answers stayed the same.", c->unchanged),
		         c->unchanged);
		doc_para(d, buf);
	}

	if (c->not_comparable || full) {
		snprintf(buf, sizeof buf,
		         P_("Not comparable (%d question)", "Not comparable (%d questions)",
		            c->not_comparable), c->not_comparable);
		doc_heading(d, full ? 2 : 3, buf);
		if (!doc_item_changes(d, cmp, CHANGE_NOT_COMPARABLE, NULL, NULL, false))
			doc_para(d, _("Every question could be compared."));
	}
}

/* ---- report of one assessment -------------------------------------------- */

static void doc_header_facts(struct doc *d, const struct company *c, const struct scored *s)
{
	struct fact facts[7];
	char idbuf[96], date[16], qbuf[96];
	int n = 0;

	facts[n].label = _("Company");
	facts[n++].value = c->name;
	if (c->industry && *c->industry) {
		facts[n].label = _("Industry");
		facts[n++].value = c->industry;
	}
	if (s->a.status == ASSESS_FINAL)
		snprintf(idbuf, sizeof idbuf, _("#%lld (final)"), s->a.id);
	else
		snprintf(idbuf, sizeof idbuf, _("#%lld (draft, not final)"), s->a.id);
	facts[n].label = _("Assessment");
	facts[n++].value = idbuf;
	facts[n].label = _("Date");
	facts[n++].value = assessment_date(date, sizeof date, &s->a);
	if (s->a.assessor && *s->a.assessor) {
		facts[n].label = _("Assessor");
		facts[n++].value = s->a.assessor;
	}
	snprintf(qbuf, sizeof qbuf, _("%s, version %d"), s->a.questionnaire ? s->a.questionnaire : "?",
	         s->a.qversion);
	facts[n].label = _("Questionnaire");
	facts[n++].value = qbuf;
	doc_facts(d, facts, n);
	if (s->a.status != ASSESS_FINAL) {
		if (d->fmt == REPORT_HTML)
			doc_put(d, "<div class=\"draft\">");
		doc_para(d, _("This assessment is a draft: answers may still change before it is "
		              "finished."));
		if (d->fmt == REPORT_HTML)
			doc_put(d, "</div>\n");
	}
	if (s->a.summary && *s->a.summary) {
		doc_section(d, _("Summary"));
		doc_para(d, s->a.summary);
	}
}

static void doc_result(struct doc *d, const struct scored *s)
{
	const struct score *sc = &s->score;
	struct fact facts[4];
	char overall[64], answered[128], dk[64];
	int n = 0;

	doc_section(d, _("Result"));
	facts[n].label = _("Readiness level");
	facts[n++].value = report_level_label(sc->level);
	if (sc->overall >= 0)
		snprintf(overall, sizeof overall, _("%d of 100"), sc->overall);
	else
		snprintf(overall, sizeof overall, "%s", _("not scored (nothing answered)"));
	facts[n].label = _("Overall score");
	facts[n++].value = overall;
	snprintf(answered, sizeof answered,
	         P_("%d of %d question (%d%%)", "%d of %d questions (%d%%)", sc->total),
	         sc->answered, sc->total, sc->completeness);
	facts[n].label = _("Answered");
	facts[n++].value = answered;
	if (sc->dont_know > 0) {
		snprintf(dk, sizeof dk, "%d", sc->dont_know);
		facts[n].label = _("Answered \"don't know\"");
		facts[n++].value = dk;
	}
	doc_facts(d, facts, n);
	if (sc->level == LEVEL_NOT_READY && sc->band > LEVEL_NOT_READY)
		doc_para(d, _("The score alone would mean a higher level, but a knock-out "
		              "holds the company at \"not ready\" until it is resolved."));
}

static void doc_dimensions(struct doc *d, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	const char *headers[3];
	struct doc_table t;
	int i;

	doc_section(d, _("Scores by dimension"));
	headers[0] = _("Dimension");
	headers[1] = _("Score");
	headers[2] = _("Answered");
	doc_table_begin(d, &t, 3, "lbr", headers);
	for (i = 0; i < cat->n_dims; i++) {
		char sc[16], ans[32];
		const char *cells[3];

		report_score(sc, sizeof sc, s->score.dim[i]);
		snprintf(ans, sizeof ans, "%d/%d", s->score.dim_answered[i], s->score.dim_total[i]);
		cells[0] = _(cat->dims[i].name);
		cells[1] = sc;
		cells[2] = ans;
		doc_table_row(d, &t, cells);
	}
	doc_table_end(d, &t);
}

static void doc_knockouts(struct doc *d, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	int k, n = 0;

	doc_section(d, _("Knock-outs"));
	for (k = 0; k < cat->n_knockouts; k++) {
		const struct cat_knockout *ko = &cat->knockouts[k];
		char line[1024], sub[1024], sub2[128], ans[96];
		const char *subs[2];

		if (!s->score.fired[k])
			continue;
		if (n++ == 0)
			doc_list_begin(d, false);
		snprintf(line, sizeof line, "%s: %s", _(ko->name), _(ko->reason));
		snprintf(sub, sizeof sub, _("Question: %s"), _(cat->items[ko->item].question));
		snprintf(sub2, sizeof sub2, _("Answer: %s"),
		         answer_str(ans, sizeof ans, s->values[ko->item]));
		subs[0] = sub;
		subs[1] = sub2;
		doc_item(d, n, _("Knock-out"), "ko", line, subs, 2);
	}
	if (n)
		doc_list_end(d);
	else
		doc_para(d, _("No knock-out applies."));
}

static void doc_todo(struct doc *d, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	int i;

	doc_section(d, _("What to do next"));
	if (s->score.n_recs == 0) {
		doc_para(d, _("Nothing to do: every answer shows the company is ready."));
		return;
	}
	doc_list_begin(d, true);
	for (i = 0; i < s->score.n_recs; i++) {
		const struct recommendation *r = &s->score.recs[i];
		const struct cat_item *it = &cat->items[r->item];
		char sub[1024], sub2[128], ans[96];
		const char *subs[2];

		snprintf(sub, sizeof sub, _("Question: %s"), _(it->question));
		snprintf(sub2, sizeof sub2, _("Answer: %s"),
		         answer_str(ans, sizeof ans, s->values[r->item]));
		subs[0] = sub;
		subs[1] = sub2;
		doc_item(d, i + 1, r->knockout ? _("Knock-out") : NULL, "ko",
		         _(it->recommendation), subs, 2);
	}
	doc_list_end(d);
}

static void doc_answers(struct doc *d, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	int dim, i;

	doc_section(d, _("All answers"));
	for (dim = 0; dim < cat->n_dims; dim++) {
		int n = 0;

		doc_subsection(d, _(cat->dims[dim].name));
		doc_list_begin(d, false);
		for (i = 0; i < cat->n_items; i++) {
			char ans[128], note[TEXT_NOTE_MAX * 4 + 64];
			const char *subs[2];
			int nsubs = 0;

			if (cat->items[i].dimension != dim)
				continue;
			snprintf(ans, sizeof ans, _("Answer: %s"),
			         answer_str(note, sizeof note, s->values[i]));
			subs[nsubs++] = ans;
			if (s->notes[i] && *s->notes[i]) {
				snprintf(note, sizeof note, _("Note: %s"), s->notes[i]);
				subs[nsubs++] = note;
			}
			doc_item(d, ++n, NULL, NULL, _(cat->items[i].question), subs, nsubs);
		}
		doc_list_end(d);
	}
	if (s->n_unknown_keys > 0) {
		char buf[256];
		snprintf(buf, sizeof buf,
		         P_("%d stored answer belongs to a question this questionnaire does not "
		            "have; it is kept but not shown.",
		            "%d stored answers belong to questions this questionnaire does not "
		            "have; they are kept but not shown.", s->n_unknown_keys),
		         s->n_unknown_keys);
		doc_para(d, buf);
	}
}

int report_assessment(FILE *out, enum report_format fmt, const struct company *c,
                      const struct scored *s, const struct compared *prev)
{
	struct doc d = { out, fmt, false, false };

	doc_begin(&d, _("Social media readiness report"), c->name);
	doc_header_facts(&d, c, s);
	if (!s->cat) {
		char buf[512];
		snprintf(buf, sizeof buf,
		         _("This assessment uses questionnaire \"%s\" version %d, which this "
		           "version of smready does not know; it cannot be scored."),
		         s->a.questionnaire ? s->a.questionnaire : "?", s->a.qversion);
		doc_para(&d, buf);
		doc_end(&d);
		return doc_finish(&d);
	}
	doc_result(&d, s);
	doc_dimensions(&d, s);
	doc_knockouts(&d, s);
	if (prev && prev->old.cat && prev->new.cat) {
		char title[256], date[16];
		snprintf(title, sizeof title, _("Since the previous assessment (%s)"),
		         assessment_date(date, sizeof date, &prev->old.a));
		doc_section(&d, title);
		doc_changes(&d, prev, false);
	}
	doc_todo(&d, s);
	doc_answers(&d, s);
	doc_end(&d);
	return doc_finish(&d);
}

/* ---- report of a comparison ---------------------------------------------- */

int report_comparison(FILE *out, enum report_format fmt, const struct company *c,
                      const struct compared *cmp)
{
	struct doc d = { out, fmt, false, false };
	struct fact facts[3];
	char before[128], now[128], d1[16], d2[16];

	doc_begin(&d, _("Social media readiness: comparison"), c->name);
	snprintf(before, sizeof before, _("#%lld from %s"), cmp->old.a.id,
	         assessment_date(d1, sizeof d1, &cmp->old.a));
	snprintf(now, sizeof now, _("#%lld from %s"), cmp->new.a.id,
	         assessment_date(d2, sizeof d2, &cmp->new.a));
	facts[0].label = _("Company");
	facts[0].value = c->name;
	facts[1].label = _("Before");
	facts[1].value = before;
	facts[2].label = _("Now");
	facts[2].value = now;
	doc_facts(&d, facts, 3);
	if (!cmp->old.cat || !cmp->new.cat) {
		doc_para(&d, _("One of the assessments uses a questionnaire this version of "
		               "smready does not know; they cannot be compared."));
		doc_end(&d);
		return doc_finish(&d);
	}
	doc_section(&d, _("Overall"));
	doc_changes(&d, cmp, true);
	doc_end(&d);
	return doc_finish(&d);
}

/* ---- formats and file names ------------------------------------------------ */

bool report_format_parse(const char *name, enum report_format *out)
{
	if (!name)
		return false;
	if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
		*out = REPORT_TEXT;
	else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
		*out = REPORT_MARKDOWN;
	else if (strcmp(name, "html") == 0)
		*out = REPORT_HTML;
	else
		return false;
	return true;
}

const char *report_format_ext(enum report_format fmt)
{
	switch (fmt) {
	case REPORT_MARKDOWN: return "md";
	case REPORT_HTML: return "html";
	case REPORT_TEXT: break;
	}
	return "txt";
}

/* German letters become their usual ASCII spelling; other non-ASCII
 * characters are dropped. */
static const char *translit(const unsigned char *p, size_t *len)
{
	static const struct { const char *utf8, *ascii; } map[] = {
		{ "ä", "ae" }, { "ö", "oe" }, { "ü", "ue" }, { "Ä", "Ae" }, { "Ö", "Oe" },
		{ "Ü", "Ue" }, { "ß", "ss" }, { "é", "e" }, { "è", "e" }, { "á", "a" },
		{ "à", "a" }, { "ó", "o" }, { "ç", "c" }, { "ñ", "n" },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		size_t n = strlen(map[i].utf8);
		if (strncmp((const char *)p, map[i].utf8, n) == 0) {
			*len = n;
			return map[i].ascii;
		}
	}
	*len = 1;
	if (*p >= 0x80) {
		while ((p[*len] & 0xC0) == 0x80)
			(*len)++;
	}
	return NULL;
}

void report_file_name(char *buf, size_t bufsz, const struct company *c,
                      const struct assessment *a, bool comparison,
                      enum report_format fmt)
{
	char name[64], date[16];
	const unsigned char *p = (const unsigned char *)(c && c->name ? c->name : "");
	size_t n = 0;
	bool dash = false;

	while (*p && n < sizeof name - 3) {
		size_t len;
		const char *asc = translit(p, &len);
		if (asc) {
			if (dash && n)
				name[n++] = '-';
			dash = false;
			while (*asc && n < sizeof name - 1)
				name[n++] = *asc++;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		           (*p >= '0' && *p <= '9')) {
			if (dash && n)
				name[n++] = '-';
			dash = false;
			name[n++] = (char)*p;
		} else {
			dash = true;
		}
		p += len;
	}
	name[n] = '\0';
	if (n == 0)
		snprintf(name, sizeof name, "company");
	if (a)
		assessment_date(date, sizeof date, a);
	else
		date[0] = '\0';
	snprintf(buf, bufsz, "%s%s%s%s.%s", name, *date ? "-" : "", date,
	         comparison ? "-compare" : "", report_format_ext(fmt));
}
