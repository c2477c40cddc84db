/*
 * report-doc.h - the document layer under the reports: a letterhead,
 * headings, paragraphs, the verdict, label/value facts, lists, tables,
 * two charts (bars by dimension with the level bands, the trend of the
 * overall score) and page breaks, written once by report.c and drawn by
 * one driver per format (dovecot's lib-sql pattern): report-text.c,
 * report-md.c, report-html.c and report-pdf.c each fill a const struct
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
#include "scoring.h"
#include "settings.h"

#define WRAP_COLS 78              /* plain text and wrapped lines */
#define BAR_LEN 10                /* a score drawn with characters */
#define TABLE_MAX_COLS 12

struct doc_ops;

/* What the whole document is: its title, the company the footer names,
 * the paper (A4 or Letter, resolved) and the colours ("#rrggbb"). */
struct doc_meta {
	const char *title;
	const char *company;
	enum settings_paper paper;
	const char *accent, *alert, *good;
};

struct doc {
	FILE *f;
	const struct doc_ops *ops;
	bool in_list;
	bool ordered;
	const struct doc_meta *meta;
	void *priv;               /* a driver's own state, from begin to end */
	bool failed;              /* a driver could not write (errno says why) */
};

/* Who hands the report over; "" for what is not set. */
struct doc_letterhead {
	const char *consultant, *firm, *contact;
	const char *logo;         /* path of a .png or .svg file, or "" */
};

/* The level bands of the overall score, lowest first, names translated. */
struct doc_bands {
	int n;
	int floor[LEVEL_COUNT];
	const char *name[LEVEL_COUNT];
};

/* One bar: a score 0..100 or -1 for none, and where it was before. */
struct doc_bar {
	const char *label;
	int score;
	int before;               /* -1: no mark */
	const char *note;         /* a short text after the number ("4/4"), or NULL */
};

/* Bars with the level bands shaded behind them.  The heads name the
 * columns where a format draws the chart as a table. */
struct doc_bars {
	const char *title;        /* what the chart shows, for its accessible name */
	const char *label_head, *score_head, *note_head;
	const struct doc_bar *rows;
	int n;
	const struct doc_bands *bands;
	const char *before_label; /* legend of the before mark; NULL: none shown */
	const char *legend;       /* the bands in words ("Not ready below 40, ...") */
};

/* One point of the trend: an assessment's date, its number, its score. */
struct doc_point {
	const char *date;
	const char *number;       /* "No. 3" */
	int score;                /* -1: none */
	const char *level;        /* its level's name */
};

struct doc_trend {
	const char *title;
	const char *date_head, *number_head, *score_head, *level_head;
	const struct doc_point *pts;
	int n;
	const struct doc_bands *bands;
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
	/* The document's start (d->meta is set) and end.  A driver that
	 * lays out pages (PDF) writes everything at the end. */
	void (*begin)(struct doc *d);
	void (*end)(struct doc *d);
	/* Who hands the report over, above the title; nothing when all of
	 * it is empty. */
	void (*letterhead)(struct doc *d, const struct doc_letterhead *lh);
	/* The verdict in one line, set apart; cls: "ko", "caution" or NULL. */
	void (*verdict)(struct doc *d, const char *text, const char *cls);
	void (*bars)(struct doc *d, const struct doc_bars *b);
	void (*trend)(struct doc *d, const struct doc_trend *t);
	/* What follows starts a new page where there are pages. */
	void (*page_break)(struct doc *d);
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
/* The PDF driver, loaded on first use from the module smready-pdf.so
 * (report-pdf-load.c), so that no other verb pays for loading cairo,
 * pango and the libraries below them.  NULL when smready was built
 * without them or the module cannot be loaded; doc_pdf_missing() then
 * says why, in a translated sentence. */
const struct doc_ops *doc_pdf_ops(void);
const char *doc_pdf_missing(void);

/* What the program hands the module: it links nothing of smready's own,
 * so the few helpers it shares come in here.  version must be the
 * module's own PACKAGE_VERSION, or the module refuses to start. */
struct doc_pdf_host {
	const char *version;
	char *(*valid_dup)(const char *s);               /* text_valid_dup() */
	void (*rgb)(const char *hex, double rgb[3]);     /* doc_rgb() */
};
#define DOC_PDF_ENTRY "smready_pdf_module"
/* The module's entry point (report-pdf.c): its driver, or NULL. */
const struct doc_ops *smready_pdf_module(const struct doc_pdf_host *host);

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
/* A score 0..100 (or -1) as n characters of a Unicode bar: full blocks,
 * one partial block, light shade for the rest. */
char *doc_ubar(char *buf, size_t bufsz, int score, int n);
/* A colour "#rrggbb" as three values 0..1 (black when malformed). */
void doc_rgb(const char *hex, double rgb[3]);
/* The band a score lies in: an index into bands (0 when below all). */
int doc_band_of(const struct doc_bands *b, int score);
/* Flushes the output: 0, or -1 when writing failed (errno says why). */
int doc_finish(struct doc *d);

/* ---- what report.c calls ----------------------------------------------------- */

static inline void doc_begin(struct doc *d)
{
	d->ops->begin(d);
}

static inline void doc_letterhead(struct doc *d, const struct doc_letterhead *lh)
{
	d->ops->letterhead(d, lh);
}

static inline void doc_verdict(struct doc *d, const char *text, const char *cls)
{
	d->ops->verdict(d, text, cls);
}

static inline void doc_bars(struct doc *d, const struct doc_bars *b)
{
	d->ops->bars(d, b);
}

static inline void doc_trend(struct doc *d, const struct doc_trend *t)
{
	d->ops->trend(d, t);
}

static inline void doc_page_break(struct doc *d)
{
	d->ops->page_break(d);
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
