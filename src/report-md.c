/*
 * report-md.c - the Markdown driver of the document layer.  Every text
 * from the user is escaped so that it reads as written: Markdown
 * punctuation, character references, and what would open a block where a
 * line starts; a line break in a note becomes <br>.
 */
#include "config.h"

#include "report-doc.h"

#include <stdlib.h>
#include <string.h>

/* Where the text starts a line (a heading, a paragraph, a list item, a
 * table cell), what would open a block is escaped: a list marker ("- ",
 * "+ ", "1. ", "1) ") or a heading.  Leading blanks are dropped, since four
 * of them would start a code block.  Returns where the text proper starts;
 * *mark gets a punctuation character to escape, or NULL. */
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

/* Writes s escaped; line_start: s begins a line of a paragraph or item. */
static void md_esc_at(struct doc *d, const char *s, bool line_start)
{
	const char *p, *mark = NULL;
	size_t br;

	if (line_start)
		s = md_line_start(d, s, &mark);
	for (p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((br = doc_line_break(p)) > 0) {
			fputs("<br>", d->f);
			p += br - 1;
			continue;
		}
		/* '#' only matters where a line starts; '~' would strike
		 * through. */
		if (strchr("\\`*_[]<>|~", ch) || (ch == '#' && p == s) || p == mark ||
		    (ch == '&' && md_entity(p)))
			fputc('\\', d->f);
		fputc(ch, d->f);
	}
}

static void md_esc(struct doc *d, const char *s)
{
	md_esc_at(d, s, false);
}

static void md_heading(struct doc *d, int level, const char *title)
{
	if (level > 1)
		fputc('\n', d->f);
	doc_printf(d, "%.*s ", level, "###");
	md_esc(d, title);
	doc_put(d, "\n");
}

static void md_begin(struct doc *d, const char *title, const char *name)
{
	md_heading(d, 1, title);
}

static void md_end(struct doc *d)
{
}

static void md_para(struct doc *d, const char *text)
{
	doc_put(d, "\n");
	md_esc_at(d, text, true);
	doc_put(d, "\n");
}

static void md_facts(struct doc *d, const struct fact *facts, int n)
{
	fputc('\n', d->f);
	for (int i = 0; i < n; i++) {
		doc_put(d, "- **");
		md_esc(d, facts[i].label);
		doc_put(d, ":** ");
		md_esc(d, facts[i].value);
		doc_put(d, "\n");
	}
}

static void md_list_begin(struct doc *d, bool ordered)
{
	fputc('\n', d->f);
}

static void md_list_end(struct doc *d)
{
}

static void md_item(struct doc *d, int number, const char *tag, const char *tag_class,
                    const char *text, const char *const *subs, int nsubs)
{
	if (d->ordered)
		doc_printf(d, "%d. ", number);
	else
		doc_put(d, "- ");
	if (tag) {
		doc_put(d, "**");
		md_esc(d, tag);
		doc_put(d, ":** ");
	}
	md_esc_at(d, text, !tag);
	for (int i = 0; i < nsubs; i++) {
		doc_put(d, d->ordered ? "  \n   " : "  \n  ");
		md_esc_at(d, subs[i], true);
	}
	doc_put(d, "\n");
}

static void md_table_begin(struct doc *d, struct doc_table *t, const char *const *headers)
{
	int i;

	doc_put(d, "\n|");
	for (i = 0; i < t->ncols; i++) {
		doc_put(d, " ");
		md_esc(d, headers[i]);
		doc_put(d, " |");
	}
	doc_put(d, "\n|");
	for (i = 0; i < t->ncols; i++)
		doc_put(d, t->kinds[i] == 'r' ? " ---: |" : " --- |");
	doc_put(d, "\n");
}

static void md_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	doc_put(d, "|");
	for (int i = 0; i < t->ncols; i++) {
		doc_put(d, " ");
		if (t->kinds[i] == 'b') {
			char bar[BAR_LEN + 1];

			/* our own bar: no escaping wanted */
			doc_bar(bar, sizeof bar, doc_cell_empty(cells[i]) ? -1 : atoi(cells[i]));
			doc_printf(d, "`%s` %s", bar, cells[i]);
		} else {
			md_esc(d, cells[i]);
		}
		doc_put(d, " |");
	}
	doc_put(d, "\n");
}

static void md_table_end(struct doc *d, struct doc_table *t)
{
}

const struct doc_ops doc_markdown_ops = {
	.begin = md_begin,
	.end = md_end,
	.heading = md_heading,
	.para = md_para,
	.notice = md_para,
	.facts = md_facts,
	.list_begin = md_list_begin,
	.list_end = md_list_end,
	.item = md_item,
	.table_begin = md_table_begin,
	.table_row = md_table_row,
	.table_end = md_table_end,
};
