/*
 * report-words.c - the words and small pieces the reports are made of:
 * answers, dates in the locale's form, an assessment named by its number
 * within the company and its date, the questionnaire by its title, the
 * verdict line with "by score alone", the level bands, the letterhead,
 * reopenings, the trend and the date of the next re-check.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "report-int.h"
#include "text.h"
#include "timefmt.h"
#include "verdict.h"

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

char *rw_answer(char *buf, size_t n, int value)
{
	if (value >= ANSWER_MIN && value <= ANSWER_MAX)
		snprintf(buf, n, "%d – %s", value, _(catalogue_scale_label(value)));
	else
		snprintf(buf, n, "%s", _(catalogue_scale_label(value)));
	return buf;
}

char *rw_delta(char *buf, size_t n, int delta)
{
	if (delta == 0)
		snprintf(buf, n, "=");
	else
		snprintf(buf, n, "%+d", delta);
	return buf;
}

long long rw_assessment_time(const struct assessment *a)
{
	return a->status == ASSESS_FINAL && a->completed ? a->completed : a->started;
}

char *rw_assessment_date(char *buf, size_t n, const struct assessment *a)
{
	char date[TIMEFMT_DATE_SIZE];

	snprintf(buf, n, "%s", timefmt_date(rw_assessment_time(a), date, sizeof date));
	return buf;
}

char *rw_assessment_name(char *buf, size_t n, const struct assessment *a)
{
	char date[TIMEFMT_DATE_SIZE];

	rw_assessment_date(date, sizeof date, a);
	if (a->number > 0)
		/* TRANSLATORS: an assessment: its number within the company and
		   its date, "No. 2 of 02.04.2026". */
		snprintf(buf, n, _("No. %d of %s"), a->number, date);
	else
		snprintf(buf, n, "%s", date);
	return buf;
}

char *rw_questionnaire(char *buf, size_t n, const struct assessment *a,
                       const struct catalogue *cat)
{
	if (cat && cat->title)
		/* TRANSLATORS: the questionnaire's title and its version. */
		snprintf(buf, n, _("%s, edition %d"), _(cat->title), cat->version);
	else
		snprintf(buf, n, _("questionnaire \"%s\", version %d (unknown to this smready)"),
		         a->questionnaire ? a->questionnaire : "?", a->qversion);
	return buf;
}

char *rw_verdict(char *buf, size_t n, const struct score *sc, const char **cls)
{
	char level[160], why[256];

	*cls = sc->n_fired > 0 ? "ko" : sc->n_cautions > 0 ? "caution" : NULL;
	if (sc->overall < 0) {
		snprintf(buf, n, "%s", _("Not scored: nothing was answered."));
		return buf;
	}
	/* TRANSLATORS: the level and the overall score, as in
	   "Not ready (49 of 100)"; read as a level. */
	snprintf(level, sizeof level, _("%s (%d of 100)"),
	         report_level_label(sc->level), sc->overall);
	/* The same words as every screen: "2 stop signs; by score alone:
	 * Early stage". */
	verdict_why(why, sizeof why, sc);
	if (*why)
		snprintf(buf, n, _("%s: %s"), level, why);
	else
		snprintf(buf, n, "%s", level);
	return buf;
}

void rw_bands(struct doc_bands *b)
{
	int i;

	b->n = LEVEL_COUNT;
	for (i = 0; i < LEVEL_COUNT; i++) {
		b->floor[i] = scoring_level_floor((enum level)i);
		b->name[i] = report_level_label(i);
	}
}

char *rw_band_legend(char *buf, size_t n, const struct doc_bands *b)
{
	size_t len;
	int i;

	snprintf(buf, n, "%s ", _("Levels by score:"));
	for (i = 0; i < b->n; i++) {
		int hi = i + 1 < b->n ? b->floor[i + 1] - 1 : 100;

		len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s %d–%d", i ? ", " : "", b->name[i], b->floor[i], hi);
	}
	len = strlen(buf);
	snprintf(buf + len, n - len, ".");
	return buf;
}

const struct settings *rw_settings(const struct report_input *in, struct settings *tmp)
{
	if (in->settings)
		return in->settings;
	settings_init(tmp);
	return tmp;
}

void rw_begin(struct doc *d, struct doc_meta *meta, const char *title,
              const struct company *c, const struct settings *set)
{
	struct doc_letterhead lh;

	meta->title = title;
	meta->company = c && c->name ? c->name : "";
	meta->paper = settings_paper(set);
	meta->accent = set->accent;
	meta->alert = set->alert;
	meta->good = set->good;
	d->meta = meta;
	doc_begin(d);
	lh.consultant = set->consultant;
	lh.firm = set->firm;
	lh.contact = set->contact;
	lh.logo = set->logo;
	doc_letterhead(d, &lh);
	doc_heading(d, 1, title);
}

int rw_company_facts(struct fact *facts, const struct company *c)
{
	int n = 0;

	facts[n].label = _("Company");
	facts[n++].value = c->name;
	if (c->contact && *c->contact) {
		facts[n].label = _("Contact");
		facts[n++].value = c->contact;
	}
	if (c->industry && *c->industry) {
		facts[n].label = _("Industry");
		facts[n++].value = c->industry;
	}
	return n;
}

int rw_who_facts(struct fact *facts, const struct assessment_event *ev, size_t n, bool final)
{
	const char *who = "";

	for (size_t i = 0; i < n; i++)
		if (ev[i].kind && strcmp(ev[i].kind, final ? "finalized" : "created") == 0 &&
		    ev[i].who)
			who = ev[i].who;
	if (!*who)
		return 0;
	/* TRANSLATORS: the database user who finished (or, for a draft,
	 * started) the assessment in smready. */
	facts[0].label = final ? _("Finished by") : _("Started by");
	facts[0].value = who;
	return 1;
}

int rw_reopen_facts(struct fact *facts, char (*bufs)[RW_EVENT_SIZE], int max,
                    const struct assessment_event *ev, size_t n, const char *label)
{
	int k = 0;
	size_t i;

	for (i = 0; i < n && k < max; i++) {
		char date[TIMEFMT_DATE_SIZE];

		if (!ev[i].kind || strcmp(ev[i].kind, "reopened") != 0)
			continue;
		timefmt_date(ev[i].at, date, sizeof date);
		if (ev[i].detail && *ev[i].detail)
			/* TRANSLATORS: when an assessment was reopened, and why. */
			snprintf(bufs[k], RW_EVENT_SIZE, _("%s: %s"), date, ev[i].detail);
		else
			snprintf(bufs[k], RW_EVENT_SIZE, "%s", date);
		facts[k].label = label;
		facts[k].value = bufs[k];
		k++;
	}
	return k;
}

/* Final assessments oldest first, by the time they were finished. */
static int by_completed(const void *pa, const void *pb)
{
	const struct assessment *a = *(const struct assessment *const *)pa;
	const struct assessment *b = *(const struct assessment *const *)pb;

	if (a->completed != b->completed)
		return a->completed < b->completed ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

#define TREND_MAX 12              /* points drawn at most: the latest ones */

void rw_trend(struct doc *d, const struct report_input *in)
{
	const struct assessment *fin[64];
	struct doc_point pts[TREND_MAX];
	char dates[TREND_MAX][TIMEFMT_DATE_SIZE], nums[TREND_MAX][32];
	struct doc_bands bands;
	struct doc_trend t;
	size_t i, nf = 0, first;

	for (i = 0; i < in->n_history && nf < sizeof fin / sizeof fin[0]; i++)
		if (in->history[i].status == ASSESS_FINAL && in->history[i].overall >= 0)
			fin[nf++] = &in->history[i];
	if (nf < 3)
		return;
	qsort(fin, nf, sizeof fin[0], by_completed);
	first = nf > TREND_MAX ? nf - TREND_MAX : 0;
	rw_bands(&bands);
	for (i = first; i < nf; i++) {
		struct doc_point *p = &pts[i - first];

		p->date = timefmt_date(fin[i]->completed, dates[i - first], sizeof dates[0]);
		snprintf(nums[i - first], sizeof nums[0], _("No. %d"), fin[i]->number);
		p->number = nums[i - first];
		p->score = fin[i]->overall;
		p->level = report_level_label(fin[i]->level);
	}
	t.title = _("Overall score over time");
	t.date_head = _("Date");
	t.number_head = _("Assessment");
	t.score_head = _("Score");
	t.level_head = _("Level");
	t.pts = pts;
	t.n = (int)(nf - first);
	t.bands = &bands;
	doc_subsection(d, t.title);
	doc_trend(d, &t);
}

void rw_recheck(struct doc *d, const struct assessment *a, const struct settings *set)
{
	char date[TIMEFMT_DATE_SIZE], buf[400];
	long long at = rw_assessment_time(a);

	if (at <= 0)
		return;
	doc_section(d, _("Next re-check"));
	timefmt_date(at + (long long)set->recheck_days * 86400, date, sizeof date);
	snprintf(buf, sizeof buf,
	         P_("We recommend the next re-check by %s, %d day after this assessment: "
	            "it shows what the steps above have changed.",
	            "We recommend the next re-check by %s, %d days after this assessment: "
	            "it shows what the steps above have changed.", set->recheck_days),
	         date, set->recheck_days);
	doc_para(d, buf);
}
