/*
 * report-pdf.c - the PDF driver of the document layer, typeset with pango
 * on cairo: the document is recorded block by block and laid out at its
 * end, twice, so that every page's footer can say "page 2 of 3": once to
 * measure and break the pages, once to draw.  Pango breaks the lines,
 * shapes every script (an Arabic name comes out joined and right to left
 * where a font has it) and cairo embeds the fonts.  Text from the user is
 * handed to pango as plain text, never as markup.
 *
 * Built only with cairo and pango (HAVE_PDF), and not into the program: it
 * is the module smready-pdf.so, which report-pdf-load.c loads when a PDF
 * is made, so that the other verbs do not pay for loading cairo and
 * pango.  It links nothing of smready's own; the helpers it shares come
 * from the program (struct doc_pdf_host).
 */
#include "config.h"

#include "report-doc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#if HAVE_RSVG
#include <librsvg/rsvg.h>
#endif

#include "i18n.h"

/* What the program handed over when it loaded the module: set once,
 * before the driver is first used, and never changed. */
static const struct doc_pdf_host *host;

#define MM (72.0 / 25.4)
#define MARGIN_X (18 * MM)
#define MARGIN_TOP (16 * MM)
#define MARGIN_BOTTOM (20 * MM)
#define FOOTER_Y (10 * MM)         /* from the bottom edge */
#define FONT "DejaVu Sans, Noto Sans, Noto Sans Arabic, Sans"
#define BODY_PT 9.5

enum block_kind {
	B_LETTERHEAD, B_HEADING, B_PARA, B_NOTICE, B_VERDICT, B_FACTS, B_ITEM,
	B_TABLE, B_BARS, B_TREND, B_BREAK
};

/* One recorded piece of the document; every string is its own copy. */
struct block {
	enum block_kind kind;
	int level;                /* heading level; item number */
	bool ordered;             /* item of an ordered list */
	bool first;               /* first item of its list */
	char *text, *tag;
	const char *cls;          /* a static class name, or NULL */
	char **strs;              /* facts: label, value pairs; item: subs;
	                           * table: cells by row; charts: labels */
	int nstrs;
	int ncols;                /* table */
	char kinds[TABLE_MAX_COLS + 1];
	int *nums;                /* charts: score, before (bars) or score (trend) */
	int n;                    /* chart rows or points */
	char *legend, *before_label;
	struct doc_bands bands;
	char **band_names;        /* copies of bands.name */
};

struct pdf {
	struct block *b;
	size_t n, cap;
	bool oom;
	/* layout state */
	cairo_t *cr;
	PangoContext *ctx;
	double pw, ph, w;         /* page size, text width */
	double y;
	int page, pages;
	bool draw;
	bool page_empty;
};

/* ---- recording ------------------------------------------------------------- */

static struct pdf *pdf_of(struct doc *d)
{
	return d->priv;
}

static char *dup_text(struct pdf *p, const char *s)
{
	char *c = host->valid_dup(s ? s : "");

	if (!c)
		p->oom = true;
	return c;
}

static struct block *add_block(struct doc *d, enum block_kind kind)
{
	struct pdf *p = pdf_of(d);
	struct block *b;

	if (!p || p->oom)
		return NULL;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct block *nb = realloc(p->b, cap * sizeof *nb);
		if (!nb) {
			p->oom = true;
			return NULL;
		}
		p->b = nb;
		p->cap = cap;
	}
	b = &p->b[p->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static char **dup_strs(struct pdf *p, const char *const *s, int n)
{
	char **out = calloc((size_t)(n > 0 ? n : 1), sizeof *out);
	int i;

	if (!out) {
		p->oom = true;
		return NULL;
	}
	for (i = 0; i < n; i++)
		out[i] = dup_text(p, s[i]);
	return out;
}

static void free_block(struct block *b)
{
	int i;

	free(b->text);
	free(b->tag);
	for (i = 0; b->strs && i < b->nstrs; i++)
		free(b->strs[i]);
	free(b->strs);
	free(b->nums);
	free(b->legend);
	free(b->before_label);
	for (i = 0; b->band_names && i < b->bands.n; i++)
		free(b->band_names[i]);
	free(b->band_names);
}

static void pdf_begin(struct doc *d)
{
	d->priv = calloc(1, sizeof(struct pdf));
	if (!d->priv)
		d->failed = true;
}

static void pdf_letterhead(struct doc *d, const struct doc_letterhead *lh)
{
	const char *s[4] = { lh->firm, lh->consultant, lh->contact, lh->logo };
	struct block *b;

	if (!*lh->firm && !*lh->consultant && !*lh->contact && !*lh->logo)
		return;
	if (!(b = add_block(d, B_LETTERHEAD)))
		return;
	b->strs = dup_strs(pdf_of(d), s, 4);
	b->nstrs = 4;
}

static void pdf_heading(struct doc *d, int level, const char *title)
{
	struct block *b = add_block(d, B_HEADING);

	if (!b)
		return;
	b->level = level;
	b->text = dup_text(pdf_of(d), title);
}

static void pdf_text_block(struct doc *d, enum block_kind kind, const char *text,
                           const char *cls)
{
	struct block *b = add_block(d, kind);

	if (!b)
		return;
	b->text = dup_text(pdf_of(d), text);
	b->cls = cls;
}

static void pdf_para(struct doc *d, const char *text)
{
	pdf_text_block(d, B_PARA, text, NULL);
}

static void pdf_notice(struct doc *d, const char *text)
{
	pdf_text_block(d, B_NOTICE, text, NULL);
}

static void pdf_verdict(struct doc *d, const char *text, const char *cls)
{
	pdf_text_block(d, B_VERDICT, text, cls && strcmp(cls, "ko") == 0 ? "ko"
	                                   : cls ? "caution" : NULL);
}

static void pdf_facts(struct doc *d, const struct fact *facts, int n)
{
	struct block *b = add_block(d, B_FACTS);
	struct pdf *p = pdf_of(d);
	int i;

	if (!b)
		return;
	b->strs = calloc((size_t)(2 * n + 1), sizeof *b->strs);
	if (!b->strs) {
		p->oom = true;
		return;
	}
	b->nstrs = 2 * n;
	for (i = 0; i < n; i++) {
		b->strs[2 * i] = dup_text(p, facts[i].label);
		b->strs[2 * i + 1] = dup_text(p, facts[i].value);
	}
}

static void pdf_list_begin(struct doc *d, bool ordered)
{
}

static void pdf_list_end(struct doc *d)
{
}

static void pdf_item(struct doc *d, int number, const char *tag, const char *tag_class,
                     const char *text, const char *const *subs, int nsubs)
{
	struct pdf *p = pdf_of(d);
	struct block *b = add_block(d, B_ITEM);

	if (!b)
		return;
	b->level = number;
	b->ordered = d->ordered;
	b->first = p->n < 2 || p->b[p->n - 2].kind != B_ITEM;
	b->tag = tag ? dup_text(p, tag) : NULL;
	b->cls = tag_class && strcmp(tag_class, "ko") == 0 ? "ko"
	         : tag_class && strcmp(tag_class, "down") == 0 ? "ko"
	         : tag_class && strcmp(tag_class, "up") == 0 ? "up"
	         : tag_class && strcmp(tag_class, "caution") == 0 ? "caution" : NULL;
	b->text = dup_text(p, text);
	b->strs = dup_strs(p, subs, nsubs);
	b->nstrs = nsubs;
}

static void pdf_table_begin(struct doc *d, struct doc_table *t, const char *const *headers)
{
	struct block *b = add_block(d, B_TABLE);

	if (!b)
		return;
	b->ncols = t->ncols;
	snprintf(b->kinds, sizeof b->kinds, "%s", t->kinds);
	b->strs = dup_strs(pdf_of(d), headers, t->ncols);
	b->nstrs = t->ncols;
}

static void pdf_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	struct pdf *p = pdf_of(d);
	struct block *b = p && p->n ? &p->b[p->n - 1] : NULL;
	char **ns;
	int i;

	if (!b || b->kind != B_TABLE || p->oom)
		return;
	ns = realloc(b->strs, (size_t)(b->nstrs + b->ncols) * sizeof *ns);
	if (!ns) {
		p->oom = true;
		return;
	}
	b->strs = ns;
	for (i = 0; i < b->ncols; i++)
		b->strs[b->nstrs + i] = dup_text(p, cells[i]);
	b->nstrs += b->ncols;
}

static void pdf_table_end(struct doc *d, struct doc_table *t)
{
}

static void copy_bands(struct pdf *p, struct block *b, const struct doc_bands *bands)
{
	b->bands = *bands;
	b->band_names = dup_strs(p, bands->name, bands->n);
	if (b->band_names)
		for (int i = 0; i < bands->n; i++)
			b->bands.name[i] = b->band_names[i];
}

static void pdf_bars(struct doc *d, const struct doc_bars *bars)
{
	struct pdf *p = pdf_of(d);
	struct block *b = add_block(d, B_BARS);
	int i;

	if (!b)
		return;
	b->n = bars->n;
	b->text = dup_text(p, bars->title);
	b->strs = calloc((size_t)bars->n + 1, sizeof *b->strs);
	b->nums = calloc((size_t)bars->n * 2 + 1, sizeof *b->nums);
	if (!b->strs || !b->nums) {
		p->oom = true;
		return;
	}
	b->nstrs = bars->n;
	for (i = 0; i < bars->n; i++) {
		b->strs[i] = dup_text(p, bars->rows[i].label);
		b->nums[2 * i] = bars->rows[i].score;
		b->nums[2 * i + 1] = bars->rows[i].before;
	}
	b->legend = bars->legend ? dup_text(p, bars->legend) : NULL;
	b->before_label = bars->before_label ? dup_text(p, bars->before_label) : NULL;
	copy_bands(p, b, bars->bands);
}

static void pdf_trend(struct doc *d, const struct doc_trend *t)
{
	struct pdf *p = pdf_of(d);
	struct block *b = add_block(d, B_TREND);
	int i;

	if (!b)
		return;
	b->n = t->n;
	b->text = dup_text(p, t->title);
	b->strs = calloc((size_t)t->n * 2 + 1, sizeof *b->strs);
	b->nums = calloc((size_t)t->n + 1, sizeof *b->nums);
	if (!b->strs || !b->nums) {
		p->oom = true;
		return;
	}
	b->nstrs = 2 * t->n;
	for (i = 0; i < t->n; i++) {
		b->strs[2 * i] = dup_text(p, t->pts[i].date);
		b->strs[2 * i + 1] = dup_text(p, t->pts[i].number);
		b->nums[i] = t->pts[i].score;
	}
	copy_bands(p, b, t->bands);
}

static void pdf_page_break(struct doc *d)
{
	add_block(d, B_BREAK);
}

/* ---- typesetting ----------------------------------------------------------- */

static void set_colour(struct pdf *p, const char *hex)
{
	double rgb[3];

	host->rgb(hex, rgb);
	cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
}

static PangoLayout *layout_new(struct pdf *p, const char *text, double pt, bool bold,
                               double width)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

static double layout_h(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double layout_w(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void show(struct pdf *p, PangoLayout *l, double x, double y, const char *colour)
{
	if (!p->draw)
		return;
	set_colour(p, colour);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void footer(struct pdf *p, const struct doc_meta *m)
{
	char num[128];
	PangoLayout *l;
	double y = p->ph - FOOTER_Y;

	/* TRANSLATORS: the footer of every page of a PDF report. */
	snprintf(num, sizeof num, _("Page %d of %d"), p->page, p->pages);
	l = layout_new(p, num, 7.5, false, 0);
	show(p, l, p->pw - MARGIN_X - layout_w(l), y, "#555555");
	g_object_unref(l);
	l = layout_new(p, m->company, 7.5, false, p->w * 0.6);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	show(p, l, MARGIN_X, y, "#555555");
	g_object_unref(l);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0.8, 0.8, 0.8);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, MARGIN_X, y - 3);
		cairo_line_to(p->cr, p->pw - MARGIN_X, y - 3);
		cairo_stroke(p->cr);
	}
}

static void new_page(struct pdf *p, const struct doc_meta *m)
{
	footer(p, m);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN_TOP;
	p->page_empty = true;
}

/* Makes room for h points: a new page when they do not fit on this one
 * (unless the page is still empty). */
static void need(struct pdf *p, const struct doc_meta *m, double h)
{
	if (p->y + h > p->ph - MARGIN_BOTTOM && !p->page_empty)
		new_page(p, m);
	p->page_empty = false;
}

static const char *cls_colour(const struct doc_meta *m, const char *cls)
{
	if (!cls)
		return "#1d1d1f";
	if (strcmp(cls, "ko") == 0)
		return m->alert;
	if (strcmp(cls, "up") == 0)
		return m->good;
	if (strcmp(cls, "caution") == 0)
		return "#8a5a00";
	return "#1d1d1f";
}

#if HAVE_RSVG
static bool draw_svg(struct pdf *p, const char *path, double x, double y, double maxw,
                     double maxh, double *w_out)
{
	RsvgHandle *h = rsvg_handle_new_from_file(path, NULL);
	gdouble w = 0, hh = 0;
	double scale;
	bool ok = false;

	if (!h)
		return false;
	if (rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh) && w > 0 && hh > 0) {
		scale = maxw / w < maxh / hh ? maxw / w : maxh / hh;
		*w_out = w * scale;
		ok = true;
		if (p->draw) {
			RsvgRectangle vp = { x, y, w * scale, hh * scale };
			ok = rsvg_handle_render_document(h, p->cr, &vp, NULL);
		}
	}
	g_object_unref(h);
	return ok;
}
#endif

/* The logo, at most maxh high; its width drawn, 0 when there is none. */
static double draw_logo(struct pdf *p, const char *path, double x, double y, double maxh)
{
	size_t len = strlen(path);
	double w = 0;

	if (!len)
		return 0;
	if (len > 4 && strcasecmp(path + len - 4, ".png") == 0) {
		cairo_surface_t *img = cairo_image_surface_create_from_png(path);

		if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
			double iw = cairo_image_surface_get_width(img);
			double ih = cairo_image_surface_get_height(img);
			double scale = ih > 0 ? maxh / ih : 0;

			if (iw * scale > 160)
				scale = 160 / iw;
			w = iw * scale;
			if (p->draw && scale > 0) {
				cairo_save(p->cr);
				cairo_translate(p->cr, x, y);
				cairo_scale(p->cr, scale, scale);
				cairo_set_source_surface(p->cr, img, 0, 0);
				cairo_paint(p->cr);
				cairo_restore(p->cr);
			}
		}
		cairo_surface_destroy(img);
	}
#if HAVE_RSVG
	else if (len > 4 && strcasecmp(path + len - 4, ".svg") == 0 &&
	         !draw_svg(p, path, x, y, 160, maxh, &w))
		w = 0;
#endif
	return w;
}

static void do_letterhead(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	const double logo_h = 38;
	double x = MARGIN_X, lw, ty = p->y, h = 0;
	int i;

	need(p, m, logo_h + 10);
	lw = draw_logo(p, b->strs[3], MARGIN_X, p->y, logo_h);
	if (lw > 0)
		x += lw + 12;
	for (i = 0; i < 3; i++) {
		PangoLayout *l;

		if (!*b->strs[i])
			continue;
		l = layout_new(p, b->strs[i], i == 0 ? 11 : 8.5, i == 0, p->pw - MARGIN_X - x);
		show(p, l, x, ty, i == 0 ? "#1d1d1f" : "#444444");
		ty += layout_h(l) + 1;
		g_object_unref(l);
	}
	h = ty - p->y;
	if (lw > 0 && logo_h > h)
		h = logo_h;
	p->y += h + 6;
	if (p->draw) {
		set_colour(p, m->accent);
		cairo_set_line_width(p->cr, 1);
		cairo_move_to(p->cr, MARGIN_X, p->y);
		cairo_line_to(p->cr, p->pw - MARGIN_X, p->y);
		cairo_stroke(p->cr);
	}
	p->y += 12;
}

static void do_heading(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	double pt = b->level == 1 ? 17 : b->level == 2 ? 12.5 : 10.5;
	double before = b->level == 1 ? 0 : b->level == 2 ? 10 : 6;
	PangoLayout *l = layout_new(p, b->text, pt, true, p->w);
	double h = layout_h(l);

	if (!p->page_empty)
		p->y += before;
	/* A heading keeps some of what follows on its page. */
	need(p, m, h + 40);
	show(p, l, MARGIN_X, p->y, b->level == 3 ? "#1d1d1f" : m->accent);
	p->y += h + (b->level == 1 ? 8 : 4);
	g_object_unref(l);
}

static void do_text(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	bool verdict = b->kind == B_VERDICT, notice = b->kind == B_NOTICE;
	double pad = verdict || notice ? 6 : 0;
	PangoLayout *l = layout_new(p, b->text, verdict ? 12.5 : BODY_PT, verdict,
	                            p->w - 2 * pad - (notice ? 4 : 0));
	double h = layout_h(l) + 2 * pad;

	need(p, m, h);
	if (p->draw && (verdict || notice)) {
		double rgb[3];

		host->rgb(verdict ? cls_colour(m, b->cls) : "#a06000", rgb);
		cairo_set_source_rgba(p->cr, rgb[0], rgb[1], rgb[2], 0.10);
		cairo_rectangle(p->cr, MARGIN_X, p->y, p->w, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(p->cr, MARGIN_X, p->y, 3, h);
		cairo_fill(p->cr);
	}
	show(p, l, MARGIN_X + pad + (pad ? 4 : 0), p->y + pad,
	     verdict ? cls_colour(m, b->cls) : "#1d1d1f");
	p->y += h + 5;
	g_object_unref(l);
}

static void do_facts(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	double lw = 0;
	int i;

	for (i = 0; i < b->nstrs; i += 2) {
		PangoLayout *l = layout_new(p, b->strs[i], BODY_PT, true, 0);
		if (layout_w(l) > lw)
			lw = layout_w(l);
		g_object_unref(l);
	}
	if (lw > p->w * 0.4)
		lw = p->w * 0.4;
	for (i = 0; i < b->nstrs; i += 2) {
		PangoLayout *k = layout_new(p, b->strs[i], BODY_PT, true, lw);
		PangoLayout *v = layout_new(p, b->strs[i + 1], BODY_PT, false, p->w - lw - 10);
		double h = layout_h(k) > layout_h(v) ? layout_h(k) : layout_h(v);

		need(p, m, h);
		show(p, k, MARGIN_X, p->y, "#444444");
		show(p, v, MARGIN_X + lw + 10, p->y, "#1d1d1f");
		p->y += h + 1.5;
		g_object_unref(k);
		g_object_unref(v);
	}
	p->y += 5;
}

static void do_item(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	const double indent = 16;
	char mark[32], *text;
	PangoLayout *ml, *tl, **sl;
	double h, tag_h = 0;
	int i;

	if (b->first)
		p->y += 1;
	if (b->ordered)
		snprintf(mark, sizeof mark, "%d.", b->level);
	else
		snprintf(mark, sizeof mark, "•");
	if (b->tag) {
		size_t n = strlen(b->tag) + strlen(b->text) + 4;
		text = malloc(n);
		if (text)
			snprintf(text, n, "%s  %s", b->tag, b->text);
	} else {
		text = strdup(b->text);
	}
	if (!text)
		return;
	ml = layout_new(p, mark, BODY_PT, b->ordered, 0);
	tl = layout_new(p, text, BODY_PT, false, p->w - indent);
	if (b->tag) {
		PangoAttrList *al = pango_attr_list_new();
		PangoAttribute *a;
		double rgb[3];

		host->rgb(cls_colour(m, b->cls), rgb);
		a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = 0;
		a->end_index = (guint)strlen(b->tag);
		pango_attr_list_insert(al, a);
		a = pango_attr_foreground_new((guint16)(rgb[0] * 65535), (guint16)(rgb[1] * 65535),
		                              (guint16)(rgb[2] * 65535));
		a->start_index = 0;
		a->end_index = (guint)strlen(b->tag);
		pango_attr_list_insert(al, a);
		pango_layout_set_attributes(tl, al);
		pango_attr_list_unref(al);
	}
	h = layout_h(tl);
	sl = calloc((size_t)b->nstrs + 1, sizeof *sl);
	for (i = 0; sl && i < b->nstrs; i++) {
		sl[i] = layout_new(p, b->strs[i], 8.5, false, p->w - indent - 6);
		tag_h += layout_h(sl[i]) + 0.5;
	}
	/* An item stays on one page when it fits on one. */
	need(p, m, h + tag_h);
	show(p, ml, MARGIN_X, p->y, "#1d1d1f");
	show(p, tl, MARGIN_X + indent, p->y, "#1d1d1f");
	p->y += h + 1;
	for (i = 0; sl && i < b->nstrs; i++) {
		show(p, sl[i], MARGIN_X + indent + 6, p->y, "#444444");
		p->y += layout_h(sl[i]) + 0.5;
		g_object_unref(sl[i]);
	}
	p->y += 4;
	free(sl);
	g_object_unref(ml);
	g_object_unref(tl);
	free(text);
}

static void do_table(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	double cw[TABLE_MAX_COLS] = { 0 }, total = 0, x;
	int rows = b->ncols ? b->nstrs / b->ncols : 0, r, c;

	for (r = 0; r < rows; r++)
		for (c = 0; c < b->ncols; c++) {
			PangoLayout *l = layout_new(p, b->strs[r * b->ncols + c], BODY_PT, r == 0, 0);
			if (layout_w(l) + 12 > cw[c])
				cw[c] = layout_w(l) + 12;
			g_object_unref(l);
		}
	for (c = 0; c < b->ncols; c++)
		total += cw[c];
	if (total > p->w)                  /* the first column gives way */
		cw[0] -= total - p->w;
	for (r = 0; r < rows; r++) {
		PangoLayout *ls[TABLE_MAX_COLS];
		double h = 0;

		for (c = 0; c < b->ncols; c++) {
			ls[c] = layout_new(p, b->strs[r * b->ncols + c], BODY_PT, r == 0,
			                   c == 0 ? cw[0] - 12 : 0);
			if (layout_h(ls[c]) > h)
				h = layout_h(ls[c]);
		}
		need(p, m, h + (r == 0 ? 40 : 3));
		x = MARGIN_X;
		for (c = 0; c < b->ncols; c++) {
			double cx = b->kinds[c] == 'r' ? x + cw[c] - 12 - layout_w(ls[c]) : x;
			show(p, ls[c], cx, p->y, r == 0 ? "#444444" : "#1d1d1f");
			x += cw[c];
			g_object_unref(ls[c]);
		}
		p->y += h + 2;
		if (p->draw) {
			cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
			cairo_set_line_width(p->cr, r == 0 ? 0.8 : 0.4);
			cairo_move_to(p->cr, MARGIN_X, p->y);
			cairo_line_to(p->cr, MARGIN_X + (total < p->w ? total : p->w), p->y);
			cairo_stroke(p->cr);
		}
		p->y += 2;
	}
	p->y += 5;
}

/* Tints behind the bands, lowest level first. */
static const char *const band_tint[] = { "#f7e1e1", "#fbeedb", "#eef4dc", "#dcefe2" };

static void tint(struct pdf *p, int band)
{
	set_colour(p, band_tint[band % 4]);
}

static void small_text(struct pdf *p, const char *s, double pt, double x, double y,
                       double anchor, const char *colour)
{
	PangoLayout *l = layout_new(p, s, pt, false, 0);

	show(p, l, x - layout_w(l) * anchor, y, colour);
	g_object_unref(l);
}

static void do_bars(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	const double row = 13.5, label_w = 150, head = 11;
	double plot = p->w - label_w - 30, x0 = MARGIN_X + label_w, h = head + b->n * row + 4;
	int i;

	need(p, m, h + 30);
	if (p->draw)
		for (i = 0; i < b->bands.n; i++) {
			int lo = b->bands.floor[i], hi = i + 1 < b->bands.n ? b->bands.floor[i + 1] : 100;

			tint(p, i);
			cairo_rectangle(p->cr, x0 + plot * lo / 100.0, p->y, plot * (hi - lo) / 100.0, h);
			cairo_fill(p->cr);
			small_text(p, b->bands.name[i], 7, x0 + plot * (lo + hi) / 200.0, p->y + 1.5,
			           0.5, "#555555");
		}
	for (i = 0; i < b->n; i++) {
		double y = p->y + head + i * row;
		int score = b->nums[2 * i], before = b->nums[2 * i + 1];
		char num[16];
		PangoLayout *l = layout_new(p, b->strs[i], 8.5, false, label_w - 8);

		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		show(p, l, MARGIN_X, y + 1, "#1d1d1f");
		g_object_unref(l);
		if (p->draw && score >= 0) {
			set_colour(p, m->accent);
			cairo_rectangle(p->cr, x0, y + 3, plot * score / 100.0, row - 6);
			cairo_fill(p->cr);
		}
		if (p->draw && before >= 0) {
			cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
			cairo_rectangle(p->cr, x0 + plot * before / 100.0 - 0.8, y + 1, 1.6, row - 2);
			cairo_fill(p->cr);
		}
		snprintf(num, sizeof num, "%s", "–");
		if (score >= 0)
			snprintf(num, sizeof num, "%d", score);
		small_text(p, num, 8.5, x0 + plot + 4, y + 1, 0, "#1d1d1f");
	}
	p->y += h + 3;
	if (b->legend || b->before_label) {
		char buf[600];
		PangoLayout *l;

		snprintf(buf, sizeof buf, "%s%s%s%s", b->before_label ? "▮ " : "",
		         b->before_label ? b->before_label : "", b->before_label ? ". " : "",
		         b->legend ? b->legend : "");
		l = layout_new(p, buf, 7.5, false, p->w);
		need(p, m, layout_h(l));
		show(p, l, MARGIN_X, p->y, "#555555");
		p->y += layout_h(l) + 6;
		g_object_unref(l);
	}
}

static void do_trend(struct pdf *p, const struct doc_meta *m, const struct block *b)
{
	const double ph = 78, left = 24, right = 60;
	double plot_w = p->w - left - right, x0 = MARGIN_X + left, y0, step;
	int i;

	need(p, m, ph + 34);
	y0 = p->y + 6;
	step = b->n > 1 ? (plot_w - 40) / (b->n - 1) : 0;
	if (p->draw) {
		for (i = 0; i < b->bands.n; i++) {
			int lo = b->bands.floor[i], hi = i + 1 < b->bands.n ? b->bands.floor[i + 1] : 100;
			double top = y0 + ph * (100 - hi) / 100.0;

			tint(p, i);
			cairo_rectangle(p->cr, x0, top, plot_w, ph * (hi - lo) / 100.0);
			cairo_fill(p->cr);
			small_text(p, b->bands.name[i], 7, x0 + plot_w + 4, top + 1, 0, "#555555");
		}
		set_colour(p, m->accent);
		cairo_set_line_width(p->cr, 1.6);
		for (i = 0; i < b->n; i++) {
			double x = x0 + 20 + step * i, y = y0 + ph * (100 - b->nums[i]) / 100.0;
			if (i == 0)
				cairo_move_to(p->cr, x, y);
			else
				cairo_line_to(p->cr, x, y);
		}
		cairo_stroke(p->cr);
	}
	for (i = 0; i < b->n; i++) {
		double x = x0 + 20 + step * i, y = y0 + ph * (100 - b->nums[i]) / 100.0;
		char num[16];

		if (p->draw) {
			set_colour(p, m->accent);
			cairo_new_path(p->cr);
			cairo_arc(p->cr, x, y, 2.6, 0, 6.2832);
			cairo_fill(p->cr);
		}
		snprintf(num, sizeof num, "%d", b->nums[i]);
		small_text(p, num, 8, x, y - 12, 0.5, "#1d1d1f");
		small_text(p, b->strs[2 * i], 7, x, y0 + ph + 3, 0.5, "#444444");
		small_text(p, b->strs[2 * i + 1], 7, x, y0 + ph + 12, 0.5, "#444444");
	}
	p->y = y0 + ph + 28;
}

/* One pass over the recorded document: measuring (draw false, counting
 * pages) or drawing. */
static void flow(struct pdf *p, const struct doc_meta *m)
{
	size_t i;

	p->page = 1;
	p->y = MARGIN_TOP;
	p->page_empty = true;
	for (i = 0; i < p->n; i++) {
		const struct block *b = &p->b[i];

		switch (b->kind) {
		case B_LETTERHEAD: do_letterhead(p, m, b); break;
		case B_HEADING: do_heading(p, m, b); break;
		case B_PARA: case B_NOTICE: case B_VERDICT: do_text(p, m, b); break;
		case B_FACTS: do_facts(p, m, b); break;
		case B_ITEM: do_item(p, m, b); break;
		case B_TABLE: do_table(p, m, b); break;
		case B_BARS: do_bars(p, m, b); break;
		case B_TREND: do_trend(p, m, b); break;
		case B_BREAK:
			if (!p->page_empty)
				new_page(p, m);
			break;
		}
	}
	footer(p, m);
	if (p->draw)
		cairo_show_page(p->cr);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	FILE *f = closure;

	return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void typeset(struct doc *d, struct pdf *p)
{
	const struct doc_meta *m = d->meta;
	bool letter = m->paper == SETTINGS_PAPER_LETTER;
	cairo_surface_t *surf;
	PangoFontMap *fm;
	cairo_font_options_t *fo;
	char title[512];

	p->pw = letter ? 612 : 595.276;
	p->ph = letter ? 792 : 841.89;
	p->w = p->pw - 2 * MARGIN_X;
	surf = cairo_pdf_surface_create_for_stream(write_out, d->f, p->pw, p->ph);
	snprintf(title, sizeof title, "%s: %s", m->title, m->company);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
	p->cr = cairo_create(surf);
	/* A font map of this document's own, so that its fonts are freed
	 * with it. */
	fm = pango_cairo_font_map_new();
	p->ctx = pango_font_map_create_context(fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_update_context(p->cr, p->ctx);

	p->draw = false;
	flow(p, m);
	p->pages = p->page;
	p->draw = true;
	flow(p, m);

	g_object_unref(p->ctx);
	cairo_destroy(p->cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		d->failed = true;
	cairo_surface_destroy(surf);
	g_object_unref(fm);
}

static void pdf_end(struct doc *d)
{
	struct pdf *p = pdf_of(d);
	size_t i;

	if (!p)
		return;
	if (p->oom)
		d->failed = true;
	else
		typeset(d, p);
	for (i = 0; i < p->n; i++)
		free_block(&p->b[i]);
	free(p->b);
	free(p);
	d->priv = NULL;
}

static const struct doc_ops pdf_ops = {
	.begin = pdf_begin,
	.end = pdf_end,
	.letterhead = pdf_letterhead,
	.verdict = pdf_verdict,
	.bars = pdf_bars,
	.trend = pdf_trend,
	.page_break = pdf_page_break,
	.heading = pdf_heading,
	.para = pdf_para,
	.notice = pdf_notice,
	.facts = pdf_facts,
	.list_begin = pdf_list_begin,
	.list_end = pdf_list_end,
	.item = pdf_item,
	.table_begin = pdf_table_begin,
	.table_row = pdf_table_row,
	.table_end = pdf_table_end,
};

const struct doc_ops *smready_pdf_module(const struct doc_pdf_host *h)
{
	if (!h || !h->version || strcmp(h->version, PACKAGE_VERSION) != 0)
		return NULL;
	host = h;
	return &pdf_ops;
}
