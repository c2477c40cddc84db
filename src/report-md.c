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

static void md_begin(struct doc *d)
{
}

static void md_letterhead(struct doc *d, const struct doc_letterhead *lh)
{
	bool any = false;

	if (*lh->firm) {
		doc_put(d, "**");
		md_esc(d, lh->firm);
		doc_put(d, "**");
		any = true;
	}
	if (*lh->consultant || *lh->contact) {
		if (any)
			doc_put(d, "  \n");
		md_esc_at(d, *lh->consultant ? lh->consultant : lh->contact, !any);
		if (*lh->consultant && *lh->contact) {
			doc_put(d, " · ");
			md_esc(d, lh->contact);
		}
		any = true;
	}
	if (any)
		doc_put(d, "\n\n");
}

static void md_verdict(struct doc *d, const char *text, const char *cls)
{
	doc_put(d, "\n**");
	md_esc(d, text);
	doc_put(d, "**\n");
}

#define MD_BAR 10                 /* characters of a Unicode bar */

static void md_score_cells(struct doc *d, int score)
{
	char num[16], bar[MD_BAR * 3 + 1];

	doc_printf(d, " %s | %s |", report_score(num, sizeof num, score),
	           doc_ubar(bar, sizeof bar, score, MD_BAR));
}

static void md_bars(struct doc *d, const struct doc_bars *b)
{
	const char *last = b->before_label ? b->before_label : b->note_head;
	int i;

	doc_put(d, "\n| ");
	md_esc(d, b->label_head);
	doc_put(d, " | ");
	md_esc(d, b->score_head);
	doc_put(d, " | |");
	if (last) {
		doc_put(d, " ");
		md_esc(d, last);
		doc_put(d, " |");
	}
	doc_put(d, last ? "\n| --- | ---: | --- | ---: |\n" : "\n| --- | ---: | --- |\n");
	for (i = 0; i < b->n; i++) {
		char num[16];

		doc_put(d, "| ");
		md_esc(d, b->rows[i].label);
		doc_put(d, " |");
		md_score_cells(d, b->rows[i].score);
		if (b->before_label)
			doc_printf(d, " %s |", report_score(num, sizeof num, b->rows[i].before));
		else if (last) {
			doc_put(d, " ");
			md_esc(d, b->rows[i].note ? b->rows[i].note : "");
			doc_put(d, " |");
		}
		doc_put(d, "\n");
	}
	if (b->legend) {
		doc_put(d, "\n");
		md_esc_at(d, b->legend, true);
		doc_put(d, "\n");
	}
}

static void md_trend(struct doc *d, const struct doc_trend *t)
{
	int i;

	doc_put(d, "\n| ");
	md_esc(d, t->date_head);
	doc_put(d, " | ");
	md_esc(d, t->number_head);
	doc_put(d, " | ");
	md_esc(d, t->score_head);
	doc_put(d, " | | ");
	md_esc(d, t->level_head);
	doc_put(d, " |\n| --- | --- | ---: | --- | --- |\n");
	for (i = 0; i < t->n; i++) {
		doc_put(d, "| ");
		md_esc(d, t->pts[i].date);
		doc_put(d, " | ");
		md_esc(d, t->pts[i].number);
		doc_put(d, " |");
		md_score_cells(d, t->pts[i].score);
		doc_put(d, " ");
		md_esc(d, t->pts[i].level);
		doc_put(d, " |\n");
	}
}

static void md_page_break(struct doc *d)
{
	doc_put(d, "\n---\n");
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
			char bar[MD_BAR * 3 + 1];

			/* our own bar: no escaping wanted */
			doc_printf(d, "%s %s", cells[i], doc_ubar(bar, sizeof bar,
			           doc_cell_empty(cells[i]) ? -1 : atoi(cells[i]), MD_BAR));
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
	.letterhead = md_letterhead,
	.verdict = md_verdict,
	.bars = md_bars,
	.trend = md_trend,
	.page_break = md_page_break,
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
