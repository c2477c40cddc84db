/*
 * report-html.c - the HTML driver of the document layer: one self-contained
 * file (inline print CSS with the paper, the company and page numbers in
 * every page's footer, charts as inline SVG, the logo as a data: URL, no
 * scripts, nothing fetched), with every text from the user escaped
 * (&<>"') and its line breaks kept as <br>.
 */
#include "config.h"

#include "report-doc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"

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
	".caution{color:#8a5a00}\n"
	".sub{display:block;color:#444;font-size:.92em}\n"
	".draft{border:2px dashed #a06000;padding:.4rem .6rem}\n"
	"li{margin:.25rem 0}\n"
	".letterhead{display:flex;align-items:center;gap:1rem;margin-bottom:1rem;"
	"color:#444;font-size:.95em}\n"
	".letterhead img{max-height:3.5rem;max-width:12rem}\n"
	".letterhead .firm{font-weight:bold;color:#1d1d1f}\n"
	".verdict{font-size:1.15rem;font-weight:bold;margin:.6rem 0}\n"
	".chart{display:block;max-width:100%;height:auto;margin:.4rem 0}\n"
	".legend{font-size:.85em;color:#444}\n"
	".page-break{break-before:page}\n"
	"@media print{body{font-size:10pt}main{max-width:none;padding:0}"
	"h2{break-after:avoid}li,tr,svg{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

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

static void html_esc(struct doc *d, const char *s)
{
	size_t br;

	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((br = doc_line_break(p)) > 0) {
			fputs("<br>", d->f);
			p += br - 1;
			continue;
		}
		switch (ch) {
		case '&': fputs("&amp;", d->f); break;
		case '<': fputs("&lt;", d->f); break;
		case '>': fputs("&gt;", d->f); break;
		case '"': fputs("&quot;", d->f); break;
		case '\'': fputs("&#39;", d->f); break;
		default: fputc(ch, d->f);
		}
	}
}

static void html_heading(struct doc *d, int level, const char *title)
{
	doc_printf(d, "<h%d>", level);
	html_esc(d, title);
	doc_printf(d, "</h%d>\n", level);
}

/* s as the inside of a CSS string: quotes, backslashes and anything that
 * could end the style element are written as CSS escapes. */
static void css_str(struct doc *d, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '<' || *p == '>' || *p == '&' || *p < 0x20 ||
		    *p == 0x7f)
			doc_printf(d, "\\%x ", *p);
		else
			fputc(*p, d->f);
	}
}

/* A colour that is certainly "#rrggbb" (the settings checked it). */
static const char *css_colour(const char *c, const char *fallback)
{
	if (!c || c[0] != '#' || strlen(c) != 7)
		return fallback;
	for (const char *p = c + 1; *p; p++)
		if (!strchr("0123456789abcdefABCDEF", *p))
			return fallback;
	return c;
}

static void html_begin(struct doc *d)
{
	const struct doc_meta *m = d->meta;
	const char *accent = css_colour(m->accent, "#2f6f9f");
	const char *alert = css_colour(m->alert, "#a00000");
	const char *good = css_colour(m->good, "#146c2e");

	doc_printf(d, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	           "<meta charset=\"utf-8\">\n"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	           "<title>", html_lang());
	html_esc(d, m->title);
	doc_put(d, ": ");
	html_esc(d, m->company);
	doc_printf(d, "</title>\n<style>\n%s", html_style);
	doc_printf(d, ".ko,.down{color:%s}.up{color:%s}h2{color:%s}\n", alert, good, accent);
	doc_printf(d, ".bar span{background:%s}\n", accent);
	/* Printed: the paper of the settings, the company and the page
	 * numbers in the footer of every page. */
	doc_printf(d, "@page{size:%s;margin:18mm 16mm 20mm;"
	           "@bottom-left{content:\"", m->paper == SETTINGS_PAPER_LETTER ? "letter" : "A4");
	css_str(d, m->company);
	doc_put(d, "\";font-size:8pt;color:#555}@bottom-right{content:\"");
	/* TRANSLATORS: before the page number in a printed report's footer. */
	css_str(d, _("Page"));
	doc_put(d, " \" counter(page) \" / \" counter(pages);font-size:8pt;color:#555}}\n");
	doc_put(d, "</style>\n</head>\n<body>\n<main>\n");
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

#define LOGO_MAX (2 * 1024 * 1024)

/* The logo as a data: URL, so the file stays self-contained; nothing when
 * it cannot be read. */
static void html_logo(struct doc *d, const char *path)
{
	size_t len = strlen(path), n, i;
	bool svg = len > 4 && strcasecmp(path + len - 4, ".svg") == 0;
	unsigned char *buf;
	FILE *f = fopen(path, "rb");

	if (!f)
		return;
	buf = malloc(LOGO_MAX + 1);
	n = buf ? fread(buf, 1, LOGO_MAX + 1, f) : 0;
	fclose(f);
	if (!buf || n == 0 || n > LOGO_MAX) {
		free(buf);
		return;
	}
	doc_printf(d, "<img alt=\"\" src=\"data:%s;base64,", svg ? "image/svg+xml" : "image/png");
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)buf[i] << 16 | (i + 1 < n ? (unsigned)buf[i + 1] << 8 : 0) |
		             (i + 2 < n ? buf[i + 2] : 0);
		fputc(b64[v >> 18 & 63], d->f);
		fputc(b64[v >> 12 & 63], d->f);
		fputc(i + 1 < n ? b64[v >> 6 & 63] : '=', d->f);
		fputc(i + 2 < n ? b64[v & 63] : '=', d->f);
	}
	doc_put(d, "\">");
	free(buf);
}

static void html_letterhead(struct doc *d, const struct doc_letterhead *lh)
{
	if (!*lh->firm && !*lh->consultant && !*lh->contact && !*lh->logo)
		return;
	doc_put(d, "<header class=\"letterhead\">");
	if (*lh->logo)
		html_logo(d, lh->logo);
	doc_put(d, "<div>");
	if (*lh->firm) {
		doc_put(d, "<div class=\"firm\">");
		html_esc(d, lh->firm);
		doc_put(d, "</div>");
	}
	if (*lh->consultant) {
		doc_put(d, "<div>");
		html_esc(d, lh->consultant);
		doc_put(d, "</div>");
	}
	if (*lh->contact) {
		doc_put(d, "<div>");
		html_esc(d, lh->contact);
		doc_put(d, "</div>");
	}
	doc_put(d, "</div></header>\n");
}

static void html_verdict(struct doc *d, const char *text, const char *cls)
{
	doc_printf(d, "<p class=\"verdict%s%s\">", cls ? " " : "", cls ? cls : "");
	html_esc(d, text);
	doc_put(d, "</p>\n");
}

/* Tints behind the bands, lowest level first. */
static const char *const band_tint[] = { "#f7e1e1", "#fbeedb", "#eef4dc", "#dcefe2" };

#define CH_W 640
#define CH_LABEL 210
#define CH_PLOT (CH_W - CH_LABEL - 40)
#define CH_ROW 22

static void svg_text(struct doc *d, double x, double y, const char *anchor, const char *cls,
                     const char *text)
{
	doc_printf(d, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\">", x, y,
	           anchor, cls);
	html_esc(d, text);
	doc_put(d, "</text>\n");
}

static void svg_bands_x(struct doc *d, const struct doc_bands *b, double x0, double w, double y,
                        double h)
{
	int i;

	for (i = 0; i < b->n; i++) {
		int lo = b->floor[i], hi = i + 1 < b->n ? b->floor[i + 1] : 100;

		doc_printf(d, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		           "fill=\"%s\"/>\n", x0 + w * lo / 100.0, y, w * (hi - lo) / 100.0, h,
		           band_tint[i % 4]);
		svg_text(d, x0 + w * (lo + hi) / 200.0, y + 11, "middle", "10", b->name[i]);
	}
}

static void html_bars(struct doc *d, const struct doc_bars *b)
{
	const char *accent = css_colour(d->meta->accent, "#2f6f9f");
	int h = 18 + b->n * CH_ROW + 6, i;

	doc_printf(d, "<svg class=\"chart\" role=\"img\" "
	           "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	           "font-family=\"sans-serif\">\n<title>", CH_W, h, CH_W, h);
	html_esc(d, b->title);
	doc_put(d, "</title>\n");
	svg_bands_x(d, b->bands, CH_LABEL, CH_PLOT, 0, h);
	for (i = 0; i < b->n; i++) {
		const struct doc_bar *r = &b->rows[i];
		double y = 18 + i * CH_ROW;
		char num[16];

		svg_text(d, CH_LABEL - 8, y + 14, "end", "12", r->label);
		if (r->score >= 0)
			doc_printf(d, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
			           "fill=\"%s\"/>\n", CH_LABEL, y + 4, CH_PLOT * r->score / 100.0, accent);
		if (r->before >= 0)
			doc_printf(d, "<rect x=\"%.1f\" y=\"%.1f\" width=\"2\" height=\"18\" "
			           "fill=\"#1d1d1f\"/>\n", CH_LABEL + CH_PLOT * r->before / 100.0 - 1,
			           y + 1);
		snprintf(num, sizeof num, "%s", r->score >= 0 ? "" : "–");
		if (r->score >= 0)
			snprintf(num, sizeof num, "%d", r->score);
		svg_text(d, CH_LABEL + CH_PLOT + 6, y + 14, "start", "12", num);
	}
	doc_put(d, "</svg>\n");
	if (b->legend || b->before_label) {
		doc_put(d, "<p class=\"legend\">");
		if (b->before_label) {
			doc_put(d, "&#9646; ");
			html_esc(d, b->before_label);
			doc_put(d, ". ");
		}
		if (b->legend)
			html_esc(d, b->legend);
		doc_put(d, "</p>\n");
	}
}

#define TR_H 200
#define TR_LEFT 40
#define TR_TOP 10
#define TR_PLOT_H 150

static void html_trend(struct doc *d, const struct doc_trend *t)
{
	const char *accent = css_colour(d->meta->accent, "#2f6f9f");
	double step = t->n > 1 ? (CH_W - TR_LEFT - 40.0) / (t->n - 1) : 0;
	int i;

	doc_printf(d, "<svg class=\"chart\" role=\"img\" "
	           "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	           "font-family=\"sans-serif\">\n<title>", CH_W, TR_H, CH_W, TR_H);
	html_esc(d, t->title);
	doc_put(d, "</title>\n");
	for (i = 0; i < t->bands->n; i++) {
		int lo = t->bands->floor[i], hi = i + 1 < t->bands->n ? t->bands->floor[i + 1] : 100;
		double y0 = TR_TOP + TR_PLOT_H * (100 - hi) / 100.0;

		doc_printf(d, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>\n",
		           TR_LEFT, y0, CH_W - TR_LEFT - 10, TR_PLOT_H * (hi - lo) / 100.0,
		           band_tint[i % 4]);
		svg_text(d, CH_W - 14, y0 + 11, "end", "10", t->bands->name[i]);
	}
	doc_put(d, "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"");
	doc_put(d, accent);
	doc_put(d, "\" points=\"");
	for (i = 0; i < t->n; i++)
		if (t->pts[i].score >= 0)
			doc_printf(d, "%s%.1f,%.1f", i ? " " : "", TR_LEFT + 20 + step * i,
			           TR_TOP + TR_PLOT_H * (100 - t->pts[i].score) / 100.0);
	doc_put(d, "\"/>\n");
	for (i = 0; i < t->n; i++) {
		double x = TR_LEFT + 20 + step * i;
		double y = TR_TOP + TR_PLOT_H * (100 - (t->pts[i].score < 0 ? 0 : t->pts[i].score)) / 100.0;
		char num[16];

		snprintf(num, sizeof num, "%d", t->pts[i].score);
		doc_printf(d, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", x, y, accent);
		svg_text(d, x, y - 7, "middle", "11", num);
		svg_text(d, x, TR_TOP + TR_PLOT_H + 16, "middle", "10", t->pts[i].date);
		svg_text(d, x, TR_TOP + TR_PLOT_H + 30, "middle", "10", t->pts[i].number);
	}
	doc_put(d, "</svg>\n");
}

static void html_page_break(struct doc *d)
{
	doc_put(d, "<div class=\"page-break\"></div>\n");
}

static void html_end(struct doc *d)
{
	doc_put(d, "</main>\n</body>\n</html>\n");
}

static void html_para(struct doc *d, const char *text)
{
	doc_put(d, "<p>");
	html_esc(d, text);
	doc_put(d, "</p>\n");
}

static void html_notice(struct doc *d, const char *text)
{
	doc_put(d, "<div class=\"draft\">");
	html_para(d, text);
	doc_put(d, "</div>\n");
}

static void html_facts(struct doc *d, const struct fact *facts, int n)
{
	doc_put(d, "<table class=\"facts\">\n");
	for (int i = 0; i < n; i++) {
		doc_put(d, "<tr><th scope=\"row\">");
		html_esc(d, facts[i].label);
		doc_put(d, "</th><td>");
		html_esc(d, facts[i].value);
		doc_put(d, "</td></tr>\n");
	}
	doc_put(d, "</table>\n");
}

static void html_list_begin(struct doc *d, bool ordered)
{
	doc_put(d, ordered ? "<ol>\n" : "<ul>\n");
}

static void html_list_end(struct doc *d)
{
	doc_put(d, d->ordered ? "</ol>\n" : "</ul>\n");
}

static void html_item(struct doc *d, int number, const char *tag, const char *tag_class,
                      const char *text, const char *const *subs, int nsubs)
{
	doc_put(d, "<li>");
	if (tag) {
		doc_printf(d, "<span class=\"tag %s\">", tag_class ? tag_class : "");
		html_esc(d, tag);
		doc_put(d, "</span>");
	}
	html_esc(d, text);
	for (int i = 0; i < nsubs; i++) {
		doc_put(d, "<span class=\"sub\">");
		html_esc(d, subs[i]);
		doc_put(d, "</span>");
	}
	doc_put(d, "</li>\n");
}

static void html_table_begin(struct doc *d, struct doc_table *t, const char *const *headers)
{
	doc_put(d, "<table class=\"grid\">\n<thead><tr>");
	for (int i = 0; i < t->ncols; i++) {
		doc_put(d, "<th scope=\"col\">");
		html_esc(d, headers[i]);
		doc_put(d, "</th>");
	}
	doc_put(d, "</tr></thead>\n<tbody>\n");
}

static void html_table_row(struct doc *d, struct doc_table *t, const char *const *cells)
{
	doc_put(d, "<tr>");
	for (int i = 0; i < t->ncols; i++) {
		if (t->kinds[i] == 'b') {
			bool none = doc_cell_empty(cells[i]);

			doc_printf(d, "<td><span class=\"bar\" role=\"img\" aria-label=\"%s\">"
			           "<span style=\"width:%d%%\"></span></span> ",
			           none ? "-" : cells[i], none ? 0 : atoi(cells[i]));
			html_esc(d, cells[i]);
			doc_put(d, "</td>");
		} else {
			doc_put(d, t->kinds[i] == 'r' ? "<td class=\"num\">" : "<td>");
			html_esc(d, cells[i]);
			doc_put(d, "</td>");
		}
	}
	doc_put(d, "</tr>\n");
}

static void html_table_end(struct doc *d, struct doc_table *t)
{
	doc_put(d, "</tbody>\n</table>\n");
}

const struct doc_ops doc_html_ops = {
	.begin = html_begin,
	.end = html_end,
	.letterhead = html_letterhead,
	.verdict = html_verdict,
	.bars = html_bars,
	.trend = html_trend,
	.page_break = html_page_break,
	.heading = html_heading,
	.para = html_para,
	.notice = html_notice,
	.facts = html_facts,
	.list_begin = html_list_begin,
	.list_end = html_list_end,
	.item = html_item,
	.table_begin = html_table_begin,
	.table_row = html_table_row,
	.table_end = html_table_end,
};
