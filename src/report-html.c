/*
 * report-html.c - the HTML driver of the document layer: one self-contained
 * file (inline print CSS, no scripts, nothing fetched), with every text
 * from the user escaped (&<>"') and its line breaks kept as <br>.
 */
#include "config.h"

#include "report-doc.h"

#include <stdlib.h>

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

static void html_begin(struct doc *d, const char *title, const char *name)
{
	doc_printf(d, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	           "<meta charset=\"utf-8\">\n"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	           "<title>", html_lang());
	html_esc(d, title);
	doc_put(d, ": ");
	html_esc(d, name);
	doc_printf(d, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", html_style);
	html_heading(d, 1, title);
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
