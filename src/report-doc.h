/*
 * report-doc.h - the document layer under the reports: headings,
 * paragraphs, label/value facts, lists and tables, written once by
 * report.c and drawn by one driver per format (dovecot's lib-sql pattern):
 * report-text.c, report-md.c and report-html.c each fill a const struct
 * doc_ops, so another format is one more table, not one more branch in
 * every function.  Private to the report-*.c files.
 */
#ifndef SMREADY_REPORT_DOC_H
#define SMREADY_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "attr.h"
#include "report.h"

#define WRAP_COLS 78              /* plain text and wrapped lines */
#define BAR_LEN 10                /* a score drawn with characters */
#define TABLE_MAX_COLS 12

struct doc_ops;

struct doc {
	FILE *f;
	const struct doc_ops *ops;
	bool in_list;
	bool ordered;
};

/* Label/value pairs. */
struct fact {
	const char *label;
	const char *value;
};

/* A table in any format.  kinds: one letter per column: 'l' text,
 * 'r' number, 'b' a score drawn as a bar (the cell holds the number). */
struct doc_table {
	int ncols;
	const char *kinds;
	struct report_table *text;    /* plain text collects the rows */
};

struct doc_ops {
	/* The document's start (title and the company's name) and end. */
	void (*begin)(struct doc *d, const char *title, const char *name);
	void (*end)(struct doc *d);
	/* Level 1 (the title), 2 (a section) or 3 (a subsection). */
	void (*heading)(struct doc *d, int level, const char *title);
	void (*para)(struct doc *d, const char *text);
	/* A paragraph set apart as a warning (a draft, not final). */
	void (*notice)(struct doc *d, const char *text);
	void (*facts)(struct doc *d, const struct fact *facts, int n);
	void (*list_begin)(struct doc *d, bool ordered);
	void (*list_end)(struct doc *d);
	/* One list item: number (ordered lists), an optional tag word in front
	 * ("Knock-out", "Better"), the text, and a few sub-lines.  tag_class
	 * picks a colour where there are colours; the word carries the
	 * meaning. */
	void (*item)(struct doc *d, int number, const char *tag, const char *tag_class,
	             const char *text, const char *const *subs, int nsubs);
	void (*table_begin)(struct doc *d, struct doc_table *t, const char *const *headers);
	void (*table_row)(struct doc *d, struct doc_table *t, const char *const *cells);
	void (*table_end)(struct doc *d, struct doc_table *t);
};

extern const struct doc_ops doc_text_ops, doc_markdown_ops, doc_html_ops;

/* ---- what the drivers share (report-doc.c) --------------------------------- */

void doc_put(struct doc *d, const char *s);
void doc_printf(struct doc *d, const char *fmt, ...) PRINTF_LIKE(2, 3);
void doc_spaces(FILE *f, int n);
/* The length of the line break at p ("\n", "\r\n" or a lone "\r", which
 * Markdown and terminals also read as one), or 0. */
size_t doc_line_break(const char *p);
/* A score 0..100 (or -1: none) as BAR_LEN characters '#' and '-'. */
char *doc_bar(char *buf, size_t n, int score);
/* Whether a table cell holds no number (a score shown as "–"). */
bool doc_cell_empty(const char *cell);
/* Flushes the output: 0, or -1 when writing failed (errno says why). */
int doc_finish(struct doc *d);

/* ---- what report.c calls ----------------------------------------------------- */

static inline void doc_begin(struct doc *d, const char *title, const char *name)
{
	d->ops->begin(d, title, name);
}

static inline void doc_end(struct doc *d)
{
	d->ops->end(d);
}

static inline void doc_heading(struct doc *d, int level, const char *title)
{
	d->ops->heading(d, level, title);
}

static inline void doc_section(struct doc *d, const char *title)
{
	d->ops->heading(d, 2, title);
}

static inline void doc_subsection(struct doc *d, const char *title)
{
	d->ops->heading(d, 3, title);
}

static inline void doc_para(struct doc *d, const char *text)
{
	d->ops->para(d, text);
}

static inline void doc_notice(struct doc *d, const char *text)
{
	d->ops->notice(d, text);
}

static inline void doc_facts(struct doc *d, const struct fact *facts, int n)
{
	d->ops->facts(d, facts, n);
}

static inline void doc_list_begin(struct doc *d, bool ordered)
{
	d->in_list = true;
	d->ordered = ordered;
	d->ops->list_begin(d, ordered);
}

static inline void doc_list_end(struct doc *d)
{
	d->ops->list_end(d);
	d->in_list = false;
}

static inline void doc_item(struct doc *d, int number, const char *tag, const char *tag_class,
                            const char *text, const char *const *subs, int nsubs)
{
	d->ops->item(d, number, tag, tag_class, text, subs, nsubs);
}

static inline void doc_table_begin(struct doc *d, struct doc_table *t, int ncols,
                                   const char *kinds, const char *const *headers)
{
	t->ncols = ncols;
	t->kinds = kinds;
	t->text = NULL;
	d->ops->table_begin(d, t, headers);
}

static inline void doc_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	d->ops->table_row(d, t, cells);
}

static inline void doc_table_end(struct doc *d, struct doc_table *t)
{
	d->ops->table_end(d, t);
}

#endif
