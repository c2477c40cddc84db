/*
 * report.c - client-ready reports of one assessment and of a comparison of
 * two: what they hold and in which order, written once over the document
 * layer (report-doc.h), whose drivers draw it as plain text, Markdown or a
 * single self-contained HTML file and escape every text for their format.
 */
#include "config.h"

#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "report-doc.h"
#include "text.h"


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

/* ---- pieces of both reports --------------------------------------------- */

static const struct doc_ops *doc_ops_of(enum report_format fmt)
{
	switch (fmt) {
	case REPORT_MARKDOWN: return &doc_markdown_ops;
	case REPORT_HTML: return &doc_html_ops;
	case REPORT_TEXT: break;
	}
	return &doc_text_ops;
}

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
	if (s->a.status != ASSESS_FINAL)
		doc_notice(d, _("This assessment is a draft: answers may still change before it is "
		                "finished."));
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
	struct doc d = { out, doc_ops_of(fmt), false, false };

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
	struct doc d = { out, doc_ops_of(fmt), false, false };
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
