/*
 * report.c - client-ready reports of one assessment and of a comparison of
 * two: what they hold and in which order, written once over the document
 * layer (report-doc.h), whose drivers draw it as plain text, Markdown, a
 * single self-contained HTML file or PDF and escape every text for their
 * format.
 *
 * The assessment report, in this order: who hands it over, the company
 * and the assessment, the verdict in one line, the dimensions as bars with
 * the level bands (and the trend over three or more assessments), the top
 * next steps (the agreed plan where one exists; otherwise at most five
 * recommendations, stop signs first, with the notes), what changed since
 * the previous assessment, the date of the next re-check, and on a page of
 * its own every answer with its note.
 */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report-int.h"
#include "text.h"
#include "timefmt.h"

#define TOP_STEPS 5               /* next steps on the first page */

static const struct doc_ops *doc_ops_of(enum report_format fmt)
{
	switch (fmt) {
	case REPORT_MARKDOWN: return &doc_markdown_ops;
	case REPORT_HTML: return &doc_html_ops;
	case REPORT_PDF: return doc_pdf_ops() ? doc_pdf_ops() : &doc_text_ops;
	case REPORT_TEXT: break;
	}
	return &doc_text_ops;
}

static const char *note_of(const struct scored *s, int item)
{
	return item >= 0 && s->notes[item] ? s->notes[item] : "";
}

/* ---- report of one assessment -------------------------------------------- */

static void header_facts(struct doc *d, const struct report_input *in)
{
	const struct scored *s = in->s;
	struct fact facts[14];
	char name[128], qbuf[160], ev[4][RW_EVENT_SIZE];
	int n = rw_company_facts(facts, in->company);

	rw_assessment_name(name, sizeof name, &s->a);
	if (s->a.status != ASSESS_FINAL) {
		size_t len = strlen(name);
		snprintf(name + len, sizeof name - len, " (%s)", _("draft, not final"));
	}
	facts[n].label = _("Assessment");
	facts[n++].value = name;
	if (s->a.assessor && *s->a.assessor) {
		facts[n].label = _("Assessed by");
		facts[n++].value = s->a.assessor;
	}
	n += rw_who_facts(facts + n, in->events, in->n_events, s->a.status == ASSESS_FINAL);
	facts[n].label = _("Questionnaire");
	facts[n++].value = rw_questionnaire(qbuf, sizeof qbuf, &s->a, s->cat);
	n += rw_reopen_facts(facts + n, ev, 4, in->events, in->n_events, _("Reopened"));
	doc_facts(d, facts, n);
	if (s->a.status != ASSESS_FINAL)
		doc_notice(d, _("This assessment is a draft: answers may still change before it is "
		                "finished."));
}

static void verdict(struct doc *d, const struct scored *s)
{
	const struct score *sc = &s->score;
	char line[600], answered[200];
	const char *cls;

	doc_section(d, _("Result"));
	rw_verdict(line, sizeof line, sc, &cls);
	doc_verdict(d, line, cls);
	if (sc->dont_know > 0)
		snprintf(answered, sizeof answered,
		         P_("%d of %d question answered, %d of them with \"don't know\".",
		            "%d of %d questions answered, %d of them with \"don't know\".", sc->total),
		         sc->answered, sc->total, sc->dont_know);
	else
		snprintf(answered, sizeof answered,
		         P_("%d of %d question answered.", "%d of %d questions answered.", sc->total),
		         sc->answered, sc->total);
	doc_para(d, answered);
	if (s->a.summary && *s->a.summary) {
		doc_subsection(d, _("Summary"));
		doc_para(d, s->a.summary);
	}
}

static void dimensions(struct doc *d, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	struct doc_bar rows[CAT_MAX_DIMS];
	char notes[CAT_MAX_DIMS][32], legend[300];
	struct doc_bands bands;
	struct doc_bars b;
	int i;

	doc_section(d, _("Scores by dimension"));
	for (i = 0; i < cat->n_dims; i++) {
		snprintf(notes[i], sizeof notes[i], "%d/%d", s->score.dim_answered[i],
		         s->score.dim_total[i]);
		rows[i].label = _(cat->dims[i].name);
		rows[i].score = s->score.dim[i];
		rows[i].before = -1;
		rows[i].note = notes[i];
	}
	rw_bands(&bands);
	b.title = _("Scores by dimension");
	b.label_head = _("Dimension");
	b.score_head = _("Score");
	b.note_head = _("Answered");
	b.rows = rows;
	b.n = cat->n_dims;
	b.bands = &bands;
	b.before_label = NULL;
	b.legend = rw_band_legend(legend, sizeof legend, &bands);
	doc_bars(d, &b);
}

/* One recommendation as a step: a stop sign or caution with its name,
 * reason and first step; any other with its next step; then the
 * question, the answer and the note. */
static void step_item(struct doc *d, int number, const struct scored *s,
                      const struct recommendation *r)
{
	const struct catalogue *cat = s->cat;
	const struct cat_item *it = &cat->items[r->item];
	int k = catalogue_item_knockout(cat, r->item);
	char line[1200], first[1024], q[1024], ans[160], a2[96], note[RW_NOTE_SIZE];
	const char *subs[4], *tag = NULL, *cls = NULL;
	int nsubs = 0;

	if (k >= 0 && (r->knockout || r->caution)) {
		const struct cat_knockout *ko = &cat->knockouts[k];

		tag = r->knockout ? _("Stop sign") : _("Caution");
		cls = r->knockout ? "ko" : "caution";
		snprintf(line, sizeof line, "%s: %s", _(ko->name), _(ko->reason));
		snprintf(first, sizeof first, _("First step: %s"),
		         _(catalogue_knockout_first_step(cat, k)));
		subs[nsubs++] = first;
	} else {
		snprintf(line, sizeof line, "%s", _(it->recommendation));
	}
	snprintf(q, sizeof q, _("Question: %s"), _(it->question));
	subs[nsubs++] = q;
	snprintf(ans, sizeof ans, _("Answer: %s"), rw_answer(a2, sizeof a2, s->values[r->item]));
	subs[nsubs++] = ans;
	if (*note_of(s, r->item)) {
		snprintf(note, sizeof note, _("Note: %s"), note_of(s, r->item));
		subs[nsubs++] = note;
	}
	doc_item(d, number, tag, cls, line, subs, nsubs);
}

/* "Question: ... (aim: 3 – largely)" for one aim of an action. */
static void aim_text(char *buf, size_t n, const struct report_aim *m)
{
	char target[96];

	rw_answer(target, sizeof target, m->target);
	/* TRANSLATORS: a question an action aims at, and the answer it aims for. */
	snprintf(buf, n, _("Question: %s (aim: %s)"), m->question ? _(m->question) : m->key, target);
}

/* The agreed plan as the next steps: each action with who does it, by
 * when (and whether that is past), the questions it aims at, its note. */
static void plan_steps(struct doc *d, const struct report_plan *plan)
{
	int i;

	doc_list_begin(d, true);
	for (i = 0; i < plan->n_actions; i++) {
		const struct report_action *a = &plan->actions[i];
		char who[300], due[TIMEFMT_DATE_SIZE + 64], date[TIMEFMT_DATE_SIZE];
		char aims[ACTION_MAX_ITEMS][1024], note[RW_NOTE_SIZE], state[128];
		const char *subs[4 + ACTION_MAX_ITEMS];
		int nsubs = 0;

		if (a->owner && *a->owner) {
			snprintf(who, sizeof who, _("Who: %s"), a->owner);
			subs[nsubs++] = who;
		}
		if (a->due && *a->due) {
			timefmt_day_show(a->due, date, sizeof date);
			snprintf(due, sizeof due, a->overdue ? _("By: %s (overdue)") : _("By: %s"), date);
			subs[nsubs++] = due;
		}
		if (a->state == PLAN_STARTED) {
			snprintf(state, sizeof state, "%s", _("Status: in progress"));
			subs[nsubs++] = state;
		}
		for (int k = 0; k < a->n_aims && k < ACTION_MAX_ITEMS; k++) {
			aim_text(aims[k], sizeof aims[k], &a->aims[k]);
			subs[nsubs++] = aims[k];
		}
		if (a->note && *a->note) {
			snprintf(note, sizeof note, _("Note: %s"), a->note);
			subs[nsubs++] = note;
		}
		doc_item(d, i + 1, NULL, NULL, a->text ? a->text : "", subs, nsubs);
	}
	doc_list_end(d);
}

/* Whether an action of the plan aims at the item with this key. */
static bool in_plan(const struct report_plan *plan, const char *key)
{
	for (int i = 0; i < plan->n_actions; i++)
		for (int k = 0; k < plan->actions[i].n_aims; k++)
			if (strcmp(plan->actions[i].aims[k].key, key) == 0)
				return true;
	return false;
}

/* What this assessment recommends beyond the plan: its first steps (stop
 * signs first) on questions no action aims at, so a re-check that found
 * something new says so in the report and not only in the appendix. */
static void steps_beside_plan(struct doc *d, const struct scored *s,
                              const struct report_plan *plan)
{
	const struct score *sc = &s->score;
	int shown = 0, left = 0;

	if (!s->cat)
		return;
	for (int i = 0; i < sc->n_recs; i++) {
		if (in_plan(plan, s->cat->items[sc->recs[i].item].key))
			continue;
		if (shown == TOP_STEPS) {
			left++;
			continue;
		}
		if (shown == 0) {
			doc_para(d, _("Not in the plan yet: what this assessment recommends beyond it."));
			doc_list_begin(d, true);
		}
		step_item(d, ++shown, s, &sc->recs[i]);
	}
	if (shown > 0)
		doc_list_end(d);
	if (left > 0) {
		char buf[300];

		snprintf(buf, sizeof buf,
		         P_("%d more answer has a next step of its own: see the appendix.",
		            "%d more answers have a next step of their own: see the appendix.",
		            left), left);
		doc_para(d, buf);
	}
}

static void next_steps(struct doc *d, const struct report_input *in)
{
	const struct scored *s = in->s;
	const struct score *sc = &s->score;
	int i, shown, more_ko = 0;

	if (in->plan && in->plan->n_actions > 0) {
		doc_section(d, _("Next steps: the agreed plan"));
		plan_steps(d, in->plan);
		steps_beside_plan(d, s, in->plan);
		return;
	}
	doc_section(d, _("Next steps"));
	if (sc->n_recs == 0) {
		doc_para(d, _("Nothing to do: every answer shows the company is ready."));
		return;
	}
	shown = sc->n_recs < TOP_STEPS ? sc->n_recs : TOP_STEPS;
	doc_list_begin(d, true);
	for (i = 0; i < shown; i++)
		step_item(d, i + 1, s, &sc->recs[i]);
	doc_list_end(d);
	for (i = shown; i < sc->n_recs; i++)
		if (sc->recs[i].knockout)
			more_ko++;
	if (more_ko > 0) {
		char buf[300];
		snprintf(buf, sizeof buf,
		         P_("%d more stop sign holds the company back; the answers in the appendix "
		            "name it with its next step.",
		            "%d more stop signs hold the company back; the answers in the appendix "
		            "name them with their next steps.", more_ko), more_ko);
		doc_notice(d, buf);
	} else if (sc->n_recs > shown) {
		char buf[300];
		snprintf(buf, sizeof buf,
		         P_("%d more answer has a next step of its own: see the appendix.",
		            "%d more answers have a next step of their own: see the appendix.",
		            sc->n_recs - shown), sc->n_recs - shown);
		doc_para(d, buf);
	}
}

static void since_previous(struct doc *d, const struct report_input *in)
{
	const struct compared *prev = in->cmp;
	char title[256], name[128];

	if (!prev || !prev->old.cat || !prev->new.cat)
		return;
	snprintf(title, sizeof title, _("Since the previous assessment (%s)"),
	         rw_assessment_name(name, sizeof name, &prev->old.a));
	doc_section(d, title);
	rc_changes(d, prev, false, in->prev_plan);
}

/* Whether recommendation rank of item i is beyond the top steps: the
 * appendix then names the item's next step. */
static bool beyond_top(const struct score *sc, int item)
{
	int i;

	for (i = 0; i < sc->n_recs; i++)
		if (sc->recs[i].item == item)
			return i >= TOP_STEPS;
	return false;
}

static void answers(struct doc *d, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	int dim, i;

	doc_page_break(d);
	doc_section(d, _("Appendix: all answers"));
	for (dim = 0; dim < cat->n_dims; dim++) {
		int n = 0;

		doc_subsection(d, _(cat->dims[dim].name));
		doc_list_begin(d, false);
		for (i = 0; i < cat->n_items; i++) {
			char ans[128], a2[96], note[RW_NOTE_SIZE], step[1200], ko[300];
			const char *subs[4];
			int nsubs = 0, k = catalogue_item_knockout(cat, i);

			if (cat->items[i].dimension != dim)
				continue;
			snprintf(ans, sizeof ans, _("Answer: %s"), rw_answer(a2, sizeof a2, s->values[i]));
			subs[nsubs++] = ans;
			if (*note_of(s, i)) {
				snprintf(note, sizeof note, _("Note: %s"), s->notes[i]);
				subs[nsubs++] = note;
			}
			if (k >= 0 && (s->score.fired[k] || s->score.caution[k])) {
				snprintf(ko, sizeof ko, s->score.fired[k] ? _("Stop sign: %s")
				                                          : _("Caution: %s"),
				         _(cat->knockouts[k].name));
				subs[nsubs++] = ko;
			}
			if (beyond_top(&s->score, i)) {
				snprintf(step, sizeof step, _("Next step: %s"),
				         _(cat->items[i].recommendation));
				subs[nsubs++] = step;
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

int report_assessment(FILE *out, enum report_format fmt, const struct report_input *in)
{
	struct doc d = { out, doc_ops_of(fmt), false, false, NULL, NULL, false };
	const struct scored *s = in->s;
	struct settings defaults;
	const struct settings *set = rw_settings(in, &defaults);
	struct doc_meta meta;

	rw_begin(&d, &meta, _("Social media readiness report"), in->company, set);
	header_facts(&d, in);
	if (!s->cat) {
		doc_para(&d, _("This assessment uses a questionnaire this version of smready does "
		               "not know; it cannot be scored."));
		doc_end(&d);
		return doc_finish(&d);
	}
	verdict(&d, s);
	dimensions(&d, s);
	rw_trend(&d, in);
	next_steps(&d, in);
	since_previous(&d, in);
	rw_recheck(&d, &s->a, set);
	answers(&d, s);
	doc_end(&d);
	return doc_finish(&d);
}

/* ---- report of a comparison ---------------------------------------------- */

int report_comparison(FILE *out, enum report_format fmt, const struct report_input *in)
{
	struct doc d = { out, doc_ops_of(fmt), false, false, NULL, NULL, false };
	const struct compared *cmp = in->cmp;
	struct settings defaults;
	const struct settings *set = rw_settings(in, &defaults);
	struct doc_meta meta;
	struct fact facts[16];
	char before[128], now[128], q1[160], q2[160], line[600];
	char ev[6][RW_EVENT_SIZE];
	const char *cls;
	int n;

	rw_begin(&d, &meta, _("Social media readiness: comparison"), in->company, set);
	n = rw_company_facts(facts, in->company);
	facts[n].label = _("Before");
	facts[n++].value = rw_assessment_name(before, sizeof before, &cmp->old.a);
	facts[n].label = _("Now");
	facts[n++].value = rw_assessment_name(now, sizeof now, &cmp->new.a);
	if (cmp->new.a.assessor && *cmp->new.a.assessor) {
		facts[n].label = _("Assessed by");
		facts[n++].value = cmp->new.a.assessor;
	}
	rw_questionnaire(q1, sizeof q1, &cmp->old.a, cmp->old.cat);
	rw_questionnaire(q2, sizeof q2, &cmp->new.a, cmp->new.cat);
	if (strcmp(q1, q2) == 0) {
		facts[n].label = _("Questionnaire");
		facts[n++].value = q2;
	} else {
		facts[n].label = _("Questionnaire before");
		facts[n++].value = q1;
		facts[n].label = _("Questionnaire now");
		facts[n++].value = q2;
	}
	n += rw_reopen_facts(facts + n, ev, 3, in->old_events, in->n_old_events,
	                     _("Before, reopened"));
	n += rw_reopen_facts(facts + n, ev + 3, 3, in->events, in->n_events, _("Now, reopened"));
	doc_facts(&d, facts, n);
	if (!cmp->old.cat || !cmp->new.cat) {
		doc_para(&d, _("One of the assessments uses a questionnaire this version of "
		               "smready does not know; they cannot be compared."));
		doc_end(&d);
		return doc_finish(&d);
	}
	doc_section(&d, _("Result now"));
	rw_verdict(line, sizeof line, &cmp->new.score, &cls);
	doc_verdict(&d, line, cls);
	doc_section(&d, _("Scores by dimension"));
	rc_dim_bars(&d, cmp);
	rw_trend(&d, in);
	doc_section(&d, _("What changed"));
	rc_changes(&d, cmp, true, in->prev_plan);
	rw_recheck(&d, &cmp->new.a, set);
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
	else if (strcmp(name, "pdf") == 0)
		*out = REPORT_PDF;
	else
		return false;
	return true;
}

const char *report_format_ext(enum report_format fmt)
{
	switch (fmt) {
	case REPORT_MARKDOWN: return "md";
	case REPORT_HTML: return "html";
	case REPORT_PDF: return "pdf";
	case REPORT_TEXT: break;
	}
	return "txt";
}

bool report_format_available(enum report_format fmt)
{
	return fmt != REPORT_PDF || doc_pdf_ops() != NULL;
}

const char *report_format_missing(enum report_format fmt)
{
	return fmt == REPORT_PDF ? doc_pdf_missing() : NULL;
}

bool report_format_binary(enum report_format fmt)
{
	return fmt == REPORT_PDF;
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
		/* TRANSLATORS: a file name for a company whose name has no
		 * letters or digits: ASCII letters only. */
		snprintf(name, sizeof name, "%s", _("company"));
	if (a)
		report_date(date, sizeof date, rw_assessment_time(a));
	else
		date[0] = '\0';
	snprintf(buf, bufsz, "%s%s%s%s%s.%s", name, *date ? "-" : "", date,
	         comparison ? "-" : "",
	         /* TRANSLATORS: the end of a comparison report's file name,
	          * "Mueller-Soehne-GmbH-2026-11-22-compare.html": ASCII
	          * letters only. */
	         comparison ? _("compare") : "", report_format_ext(fmt));
}
