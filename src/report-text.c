/*
 * report-text.c - the plain-text driver of the document layer (for e-mail
 * and the terminal): headings underlined, paragraphs and list items wrapped
 * at 78 columns by display width, tables aligned by display width.  Also
 * the aligned table and the wrapping the command line shares.
 */
#include "config.h"

#include "report-doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- the aligned table ------------------------------------------------- */

/* The table keeps its cells as text, one NUL-terminated string after the
 * other, and each cell's display width, measured once.  A large table (the
 * portfolio of 20,000 companies) moves its text to a temporary file as it
 * grows and reads it back to print, so what it holds in memory is the
 * widths and one buffer, not every cell. */
#define TABLE_BUF (64 * 1024)

struct report_table {
	int ncols;
	char align[TABLE_MAX_COLS];
	int width[TABLE_MAX_COLS];    /* of each column */
	unsigned short *widths;       /* rows * ncols */
	size_t rows, cap;
	char *text;                   /* the cells not yet in spill */
	size_t len, text_cap;
	FILE *spill;                  /* the cells before them, or NULL */
	bool failed;
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

/* Appends s and its NUL to the table's text. */
static bool keep_text(struct report_table *t, const char *s)
{
	size_t n = strlen(s) + 1;

	if (t->len + n > t->text_cap) {
		size_t cap = t->text_cap ? t->text_cap * 2 : 4096;
		char *more;

		while (cap < t->len + n)
			cap *= 2;
		more = realloc(t->text, cap);
		if (!more)
			return false;
		t->text = more;
		t->text_cap = cap;
	}
	memcpy(t->text + t->len, s, n);
	t->len += n;
	return true;
}

/* Moves the text gathered so far to the spill file (made when first
 * needed); a table that cannot spill stays in memory. */
static void spill_text(struct report_table *t)
{
	if (!t->spill && !(t->spill = tmpfile()))
		return;
	if (fwrite(t->text, 1, t->len, t->spill) != t->len)
		t->failed = true;
	t->len = 0;
}

int report_table_add(struct report_table *t, const char *const *cells)
{
	int i;

	if (!t || t->failed)
		return -1;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		unsigned short *nw = realloc(t->widths, cap * (size_t)t->ncols * sizeof *nw);
		if (!nw)
			return -1;
		t->widths = nw;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++) {
		const char *s = cells[i] ? cells[i] : "";
		int w = text_width(s);

		if (!keep_text(t, s))
			return -1;
		t->widths[t->rows * (size_t)t->ncols + (size_t)i] =
			(unsigned short)(w < 0xFFFF ? w : 0xFFFF);
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->rows++;
	if (t->len >= TABLE_BUF)
		spill_text(t);
	return t->failed ? -1 : 0;
}

/* The cells in order: from the spill file, then from memory. */
struct cell_reader {
	const struct report_table *t;
	char buf[TABLE_BUF];
	size_t at, len;
	bool from_file;
};

/* The next cell, NUL-terminated (valid until the next call); NULL when
 * the text ends or cannot be read. */
static const char *next_cell(struct cell_reader *r)
{
	for (;;) {
		const char *p = r->from_file ? r->buf + r->at : r->t->text + r->at;
		size_t left = r->len - r->at;
		const char *nul = left ? memchr(p, '\0', left) : NULL;

		if (nul) {
			r->at += (size_t)(nul - p) + 1;
			return p;
		}
		if (!r->from_file)
			return NULL;
		/* the rest of the file, after the partial cell */
		memmove(r->buf, p, left);
		r->len = left + fread(r->buf + left, 1, sizeof r->buf - left, r->t->spill);
		r->at = 0;
		if (r->len == left) {
			/* the file is done: go on with what is in memory */
			if (left)
				return NULL;
			r->from_file = false;
			r->len = r->t->len;
		}
	}
}

int report_table_print(const struct report_table *t, FILE *out, int indent)
{
	struct cell_reader *rd;
	char *row[TABLE_MAX_COLS];
	size_t r;
	int c, rc = 0;

	if (!t || t->failed)
		return -1;
	rd = calloc(1, sizeof *rd);
	if (!rd)
		return -1;
	rd->t = t;
	rd->from_file = t->spill != NULL;
	rd->len = rd->from_file ? 0 : t->len;
	if (t->spill && (fflush(t->spill) != 0 || fseek(t->spill, 0, SEEK_SET) != 0))
		rc = -1;
	for (r = 0; rc == 0 && r < t->rows; r++) {
		const unsigned short *w = t->widths + r * (size_t)t->ncols;
		int last = t->ncols - 1;
		int pending = indent;   /* spaces owed before the next text */

		/* each cell is copied out: the reader's buffer moves on */
		for (c = 0; c < t->ncols; c++) {
			const char *cell = next_cell(rd);

			row[c] = cell ? strdup(cell) : NULL;
			if (!row[c])
				rc = -1;
		}
		/* Trailing empty cells print nothing, so lines never end in blanks. */
		while (rc == 0 && last > 0 && row[last][0] == '\0')
			last--;
		for (c = 0; rc == 0 && c <= last; c++) {
			int gap = t->width[c] - w[c];
			if (c > 0)
				pending += 2;
			if (t->align[c] == 'r')
				pending += gap;
			if (row[c][0]) {
				doc_spaces(out, pending);
				pending = 0;
				fputs(row[c], out);
			}
			if (t->align[c] != 'r')
				pending += gap;
		}
		for (c = 0; c < t->ncols; c++)
			free(row[c]);
		if (rc == 0)
			fputc('\n', out);
	}
	free(rd);
	return rc == 0 && !ferror(out) ? 0 : -1;
}

void report_table_free(struct report_table *t)
{
	if (!t)
		return;
	if (t->spill)
		fclose(t->spill);
	free(t->widths);
	free(t->text);
	free(t);
}

/* ---- wrapping ---------------------------------------------------------------- */

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
			doc_spaces(f, indent);
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
		doc_spaces(f, indent);
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
			doc_spaces(f, indent);
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
			doc_spaces(f, indent);
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
		int w;

		if ((br = doc_line_break(p)) > 0) {
			fputc('\n', f);
			doc_spaces(f, indent);
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
		w = text_width_n(p, n);
		wrap_word(f, p, n, w, indent, &col, &empty);
		p += n;
	}
	fputc('\n', f);
}

/* ---- the driver ---------------------------------------------------------------- */

static void text_begin(struct doc *d)
{
}

static void text_letterhead(struct doc *d, const struct doc_letterhead *lh)
{
	const char *parts[2] = { lh->consultant, lh->contact };
	char line[2 * SETTINGS_TEXT_SIZE + 8] = "";
	int i;

	for (i = 0; i < 2; i++) {
		if (!*parts[i])
			continue;
		if (*line)
			strcat(line, " · ");
		strcat(line, parts[i]);
	}
	if (*lh->firm)
		report_wrap(d->f, "", 0, lh->firm);
	if (*line)
		report_wrap(d->f, "", 0, line);
	if (*lh->firm || *line)
		fputc('\n', d->f);
}

static void text_verdict(struct doc *d, const char *text, const char *cls)
{
	fputc('\n', d->f);
	report_wrap(d->f, "", 0, text);
}

/* A bar of BAR_LEN characters and the number, "#######---  69". */
static void text_bar_cell(char *buf, size_t n, int score)
{
	char bar[BAR_LEN + 1], num[16];

	doc_bar(bar, sizeof bar, score);
	snprintf(buf, n, "%s %3s", bar, report_score(num, sizeof num, score));
}

static void text_bars(struct doc *d, const struct doc_bars *b)
{
	struct report_table *t = report_table_new(3, b->before_label ? "llr" : "llr");
	const char *head[3];
	int i;

	if (!t)
		return;
	head[0] = b->label_head;
	head[1] = b->score_head;
	head[2] = b->before_label ? b->before_label : b->note_head ? b->note_head : "";
	report_table_add(t, head);
	for (i = 0; i < b->n; i++) {
		char bar[BAR_LEN + 24], before[16];
		const char *row[3];

		text_bar_cell(bar, sizeof bar, b->rows[i].score);
		row[0] = b->rows[i].label;
		row[1] = bar;
		if (b->before_label)
			row[2] = report_score(before, sizeof before, b->rows[i].before);
		else
			row[2] = b->rows[i].note ? b->rows[i].note : "";
		report_table_add(t, row);
	}
	fputc('\n', d->f);
	report_table_print(t, d->f, 2);
	report_table_free(t);
	if (b->legend) {
		fputc('\n', d->f);
		report_wrap(d->f, "", 0, b->legend);
	}
}

static void text_trend(struct doc *d, const struct doc_trend *tr)
{
	struct report_table *t = report_table_new(4, "llll");
	const char *head[4];
	int i;

	if (!t)
		return;
	head[0] = tr->date_head;
	head[1] = tr->number_head;
	head[2] = tr->score_head;
	head[3] = tr->level_head;
	report_table_add(t, head);
	for (i = 0; i < tr->n; i++) {
		char bar[BAR_LEN + 24];
		const char *row[4];

		text_bar_cell(bar, sizeof bar, tr->pts[i].score);
		row[0] = tr->pts[i].date;
		row[1] = tr->pts[i].number;
		row[2] = bar;
		row[3] = tr->pts[i].level;
		report_table_add(t, row);
	}
	fputc('\n', d->f);
	report_table_print(t, d->f, 2);
	report_table_free(t);
}

static void text_page_break(struct doc *d)
{
}

static void text_end(struct doc *d)
{
}

/* Levels 1 and 2 are underlined with '=' and '-'; below the title a blank
 * line comes before a heading. */
static void text_heading(struct doc *d, int level, const char *title)
{
	if (level > 1)
		fputc('\n', d->f);
	doc_printf(d, "%s\n", title);
	if (level > 2)
		return;
	for (int w = text_width(title); w > 0; w--)
		fputc(level == 1 ? '=' : '-', d->f);
	fputc('\n', d->f);
}

static void text_para(struct doc *d, const char *text)
{
	fputc('\n', d->f);
	report_wrap(d->f, "", 0, text);
}

static void text_facts(struct doc *d, const struct fact *facts, int n)
{
	int i, w = 0;

	fputc('\n', d->f);
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

static void text_list_begin(struct doc *d, bool ordered)
{
	fputc('\n', d->f);
}

static void text_list_end(struct doc *d)
{
}

static void text_item(struct doc *d, int number, const char *tag, const char *tag_class,
                      const char *text, const char *const *subs, int nsubs)
{
	char prefix[128], line[1200];
	int indent, i;

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

static void text_table_begin(struct doc *d, struct doc_table *t, const char *const *headers)
{
	char align[TABLE_MAX_COLS + 1];
	int i;

	for (i = 0; i < t->ncols && i < TABLE_MAX_COLS; i++)
		align[i] = t->kinds[i] == 'r' ? 'r' : 'l';
	align[i] = '\0';
	t->text = report_table_new(t->ncols, align);
	if (t->text)
		report_table_add(t->text, headers);
}

static void text_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	char bars[TABLE_MAX_COLS][BAR_LEN + 16];
	const char *row[TABLE_MAX_COLS];
	int i;

	for (i = 0; i < t->ncols; i++) {
		row[i] = cells[i];
		if (t->kinds[i] == 'b') {
			char bar[BAR_LEN + 1];

			doc_bar(bar, sizeof bar, doc_cell_empty(cells[i]) ? -1 : atoi(cells[i]));
			snprintf(bars[i], sizeof bars[i], "%s %3s", bar, cells[i]);
			row[i] = bars[i];
		}
	}
	if (t->text)
		report_table_add(t->text, row);
}

static void text_table_end(struct doc *d, struct doc_table *t)
{
	if (!t->text)
		return;
	fputc('\n', d->f);
	report_table_print(t->text, d->f, 2);
	report_table_free(t->text);
	t->text = NULL;
}

const struct doc_ops doc_text_ops = {
	.begin = text_begin,
	.end = text_end,
	.letterhead = text_letterhead,
	.verdict = text_verdict,
	.bars = text_bars,
	.trend = text_trend,
	.page_break = text_page_break,
	.heading = text_heading,
	.para = text_para,
	.notice = text_para,
	.facts = text_facts,
	.list_begin = text_list_begin,
	.list_end = text_list_end,
	.item = text_item,
	.table_begin = text_table_begin,
	.table_row = text_table_row,
	.table_end = text_table_end,
};
