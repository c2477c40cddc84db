/*
 * cli-report.c - the verbs that show the model and the results: "questions",
 * "history", "report" and "compare", as text, reports or JSON.
 */
#include "config.h"

#include "cli-verbs.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess-report.h"
#include "assess.h"
#include "catalogue.h"
#include "cli-util.h"
#include "cli.h"
#include "i18n.h"
#include "json-out.h"
#include "report.h"
#include "safe-out.h"
#include "scoring.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"
#include "verdict.h"

/* ---- questions ----------------------------------------------------------- */

const char cli_help_questions[] = N_(
	"Usage: smready questions [--json]\n"
	"\n"
	"Lists the built-in questionnaire in the current language: the dimensions,\n"
	"each question with its key, weight, help text, next step and the criteria\n"
	"it covers, the knock-outs and the answer scale.\n"
	"\n"
	"  --json   machine-readable output\n"
	"  --help   show this help\n");

/* How the items of the version before live on in this one: per item of
 * this version, the kind and the keys it comes from; then what is no
 * longer asked.  null for a questionnaire without a version before. */
static json_t *mapping_json(const struct catalogue *cat)
{
	const struct catalogue *from;
	struct cat_map m;
	json_t *o, *items, *gone;
	int src[CAT_MAX_SOURCES], n, i, j;

	if (!cat->mapping || !(from = catalogue_find(cat->mapping->from_id,
	                                             cat->mapping->from_version)) ||
	    !catalogue_map_init(&m, from, cat))
		return json_null();
	o = json_object();
	items = json_array();
	gone = json_array();
	json_object_set_new(o, "from_questionnaire", jo_str(from->id));
	json_object_set_new(o, "from_version", json_integer(from->version));
	for (i = 0; i < cat->n_items; i++) {
		json_t *e = json_object(), *keys = json_array();

		n = catalogue_map_sources(&m, i, src, CAT_MAX_SOURCES);
		for (j = 0; j < n; j++)
			json_array_append_new(keys, jo_str(from->items[src[j]].key));
		json_object_set_new(e, "item", jo_str(cat->items[i].key));
		json_object_set_new(e, "kind", jo_str(catalogue_map_kind_key(catalogue_map_kind(&m, i))));
		json_object_set_new(e, "from", keys);
		json_array_append_new(items, e);
	}
	for (i = 0; i < from->n_items; i++) {
		int to[CAT_MAX_ITEMS];

		if (catalogue_map_targets(&m, i, to, CAT_MAX_ITEMS) == 0)
			json_array_append_new(gone, jo_str(from->items[i].key));
	}
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "no_longer_asked", gone);
	return o;
}

static json_t *questions_json(const struct catalogue *cat)
{
	json_t *root = json_object(), *scale = json_array(), *dims = json_array();
	json_t *items = json_array(), *kos = json_array(), *crit = json_array();
	json_t *names = json_object();
	const char *covered[64];
	int i, n, c;

	json_object_set_new(root, "catalogue", jo_str(cat->id));
	json_object_set_new(root, "version", json_integer(cat->version));
	for (i = ANSWER_MIN; i <= ANSWER_MAX; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "value", json_integer(i));
		json_object_set_new(o, "label", jo_str(_(catalogue_scale_label(i))));
		json_array_append_new(scale, o);
	}
	{
		json_t *o = json_object();
		json_object_set_new(o, "value", json_string("dk"));
		json_object_set_new(o, "label", jo_str(_(catalogue_scale_label(ANSWER_DONT_KNOW))));
		json_array_append_new(scale, o);
	}
	json_object_set_new(root, "scale", scale);
	for (i = 0; i < cat->n_dims; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(cat->dims[i].key));
		json_object_set_new(o, "name", jo_str(_(cat->dims[i].name)));
		json_object_set_new(o, "description", jo_str(_(cat->dims[i].description)));
		json_array_append_new(dims, o);
	}
	json_object_set_new(root, "dimensions", dims);
	for (i = 0; i < cat->n_items; i++) {
		const struct cat_item *it = &cat->items[i];
		json_t *o = json_object(), *cr = json_array();
		int k = catalogue_item_knockout(cat, i);

		json_object_set_new(o, "key", jo_str(it->key));
		json_object_set_new(o, "dimension", jo_str(cat->dims[it->dimension].key));
		json_object_set_new(o, "weight", json_integer(it->weight));
		json_object_set_new(o, "question", jo_str(_(it->question)));
		json_object_set_new(o, "help", jo_str(_(it->help)));
		json_object_set_new(o, "recommendation", jo_str(_(it->recommendation)));
		for (c = 0; c < CAT_MAX_CRITERIA && it->criteria[c]; c++)
			json_array_append_new(cr, jo_str(it->criteria[c]));
		json_object_set_new(o, "criteria", cr);
		json_object_set_new(o, "knockout", k >= 0 ? jo_str(cat->knockouts[k].key) : json_null());
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "items", items);
	/* The stop signs (called knock-outs in the JSON since core/1). */
	for (i = 0; i < cat->n_knockouts; i++) {
		const struct cat_knockout *ko = &cat->knockouts[i];
		json_t *o = json_object(), *cr = json_array();

		json_object_set_new(o, "key", jo_str(ko->key));
		json_object_set_new(o, "item", jo_str(cat->items[ko->item].key));
		json_object_set_new(o, "max_value", json_integer(ko->max_value));
		json_object_set_new(o, "caution_max", ko->caution_max == CAT_NO_CAUTION
		                    ? json_null() : json_integer(ko->caution_max));
		json_object_set_new(o, "name", jo_str(_(ko->name)));
		json_object_set_new(o, "reason", jo_str(_(ko->reason)));
		json_object_set_new(o, "first_step", jo_str(_(catalogue_knockout_first_step(cat, i))));
		for (c = 0; c < CAT_MAX_CRITERIA && ko->criteria[c]; c++)
			json_array_append_new(cr, jo_str(ko->criteria[c]));
		json_object_set_new(o, "criteria", cr);
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	n = catalogue_criteria_covered(cat, covered, 64);
	for (i = 0; i < n; i++) {
		const char *name = catalogue_criterion_name(covered[i]);

		json_array_append_new(crit, jo_str(covered[i]));
		json_object_set_new(names, covered[i], name ? jo_str(_(name)) : json_null());
	}
	json_object_set_new(root, "criteria", crit);
	json_object_set_new(root, "criteria_names", names);
	json_object_set_new(root, "mapping", mapping_json(cat));
	return root;
}

/* What the criteria named with each question stand for. */
static void questions_criteria(const struct catalogue *cat)
{
	const char *covered[64];
	int n = catalogue_criteria_covered(cat, covered, 64);

	printf("\n%s\n", _("Criteria of the sources (C: the checklist, W: the cases of \"hands "
	                    "off\"):"));
	for (int i = 0; i < n; i++) {
		const char *name = catalogue_criterion_name(covered[i]);
		char pre[16];

		snprintf(pre, sizeof pre, "  %s  ", covered[i]);
		report_wrap(stdout, pre, 6, name ? _(name) : "");
	}
}

static void questions_text(const struct catalogue *cat)
{
	int d, i, c;

	printf(P_("Questionnaire \"%s\", version %d: %d question",
	          "Questionnaire \"%s\", version %d: %d questions", cat->n_items),
	       cat->id, cat->version, cat->n_items);
	printf(P_(" in %d dimension.\n", " in %d dimensions.\n", cat->n_dims), cat->n_dims);
	printf("\n%s", _("Answer scale:"));
	for (i = ANSWER_MIN; i <= ANSWER_MAX; i++)
		printf(" %d %s,", i, _(catalogue_scale_label(i)));
	printf(" dk %s.\n", _(catalogue_scale_label(ANSWER_DONT_KNOW)));
	questions_criteria(cat);
	if (cat->n_knockouts) {
		fputc('\n', stdout);
		report_wrap(stdout, "", 0, _("Stop signs: a question marked with one holds the level "
		                              "at \"not ready\" when answered 0, 1 or dk, whatever "
		                              "the score says."));
		if (cat->knockouts[0].caution_max != CAT_NO_CAUTION)
			report_wrap(stdout, "", 0, _("Answered 2, it is a caution: the level is at "
			                              "most \"early stage\"."));
	}

	for (d = 0; d < cat->n_dims; d++) {
		printf("\n%s (%s)\n", _(cat->dims[d].name), cat->dims[d].key);
		report_wrap(stdout, "  ", 2, _(cat->dims[d].description));
		for (i = 0; i < cat->n_items; i++) {
			const struct cat_item *it = &cat->items[i];
			char crit[64] = "", line[256], pre[128];
			int k = catalogue_item_knockout(cat, i);

			if (it->dimension != d)
				continue;
			for (c = 0; c < CAT_MAX_CRITERIA && it->criteria[c]; c++) {
				if (c)
					strncat(crit, ", ", sizeof crit - strlen(crit) - 1);
				strncat(crit, it->criteria[c], sizeof crit - strlen(crit) - 1);
			}
			snprintf(line, sizeof line, _("weight %d, criteria %s"), it->weight, crit);
			printf("\n  %s  %s\n", it->key, line);
			report_wrap(stdout, "    ", 4, _(it->question));
			/* The help text says what "ready" looks like itself. */
			report_wrap(stdout, "    ", 4, _(it->help));
			snprintf(pre, sizeof pre, "    %s ", _("Next step:"));
			report_wrap(stdout, pre, 6, _(it->recommendation));
			if (k >= 0) {
				snprintf(pre, sizeof pre, "    %s %s: ", _("Stop sign:"),
				         _(cat->knockouts[k].name));
				report_wrap(stdout, pre, 6, _(cat->knockouts[k].reason));
			}
		}
	}
}

int cli_verb_questions(struct store *st, const struct args *a)
{
	(void)st;
	if (a->json)
		return cli_json_print(questions_json(catalogue_builtin()), stdout);
	questions_text(catalogue_builtin());
	return EXIT_OK;
}

/* ---- history ------------------------------------------------------------- */

const char cli_help_history[] = N_(
	"Usage: smready history COMPANY [--json]\n"
	"\n"
	"Lists a company's assessments, newest first: the number within the\n"
	"company (report and compare take it), the ID (answer, finish and the\n"
	"others take it), status, when it was started and finished, assessor,\n"
	"level, score and how often it was reopened.\n"
	"\n"
	"  --json   machine-readable output\n"
	"  --help   show this help\n");

static int history_text(const struct assessment *list, size_t n)
{
	struct report_table *t = report_table_new(9, "rrlllllrl");
	const char *head[9];
	size_t i;

	/* TRANSLATORS: the assessment's number within its company. */
	head[0] = _("No.");
	/* TRANSLATORS: the assessment's ID in the database, which answer,
	 * finish and report take. */
	head[1] = _("ID");
	head[2] = _("Status");
	head[3] = _("Started");
	head[4] = _("Finished");
	head[5] = _("Assessor");
	head[6] = _("Level");
	head[7] = _("Score");
	head[8] = _("Remarks");
	report_table_add(t, head);
	for (i = 0; i < n; i++) {
		const struct assessment *a = &list[i];
		char no[16], id[32], d1[TIMEFMT_DATE_SIZE], d2[TIMEFMT_DATE_SIZE], score[16], rem[128];
		char level[256], why[200];
		const char *cells[9];
		bool fin = a->status == ASSESS_FINAL;

		snprintf(id, sizeof id, "%lld", a->id);
		rem[0] = '\0';
		if (a->reopened > 0)
			snprintf(rem, sizeof rem, P_("reopened %d time", "reopened %d times", a->reopened),
			         a->reopened);
		snprintf(no, sizeof no, "%d", a->number);
		cells[0] = no;
		cells[1] = id;
		cells[2] = fin ? _("final") : _("draft");
		cells[3] = timefmt_date(a->started, d1, sizeof d1);
		cells[4] = fin ? timefmt_date(a->completed, d2, sizeof d2) : "";
		cells[5] = a->assessor;
		if (*verdict_stored_why(why, sizeof why, a->level, a->overall))
			snprintf(level, sizeof level, "%s (%s)", report_level_label(a->level), why);
		else
			snprintf(level, sizeof level, "%s", report_level_label(a->level));
		cells[6] = fin ? level : "";
		cells[7] = fin ? report_score(score, sizeof score, a->overall) : "";
		cells[8] = rem;
		report_table_add(t, cells);
	}
	return cli_table_print(t);
}

int cli_verb_history(struct store *st, const struct args *a)
{
	struct assessment *list = NULL;
	struct company co;
	enum store_err err;
	size_t n = 0, i;
	int rc;

	if ((rc = cli_find_company(st, a->pos[0], &co)) != EXIT_OK)
		return rc;
	err = store_assessment_list(st, co.id, &list, &n);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else if (a->json) {
		/* written as it goes: a tree of it cost more than the query */
		struct jw w;

		jw_start(&w, stdout, 2);
		jw_object(&w);
		jw_key(&w, "company");
		jw_object(&w);
		jw_company_members(&w, &co, JO_CLI);
		jw_close(&w);
		jw_key(&w, "assessments");
		jw_array(&w);
		for (i = 0; i < n; i++) {
			jw_object(&w);
			jw_assessment_members(&w, &list[i], JO_CLI, NULL);
			jw_close(&w);
		}
		jw_close(&w);
		jw_close(&w);
		if (!jw_end(&w) || putchar('\n') == EOF) {
			cli_msg("%s", _("Could not write the JSON output."));
			rc = EXIT_FAIL;
		}
	} else if (n == 0) {
		printf(_("\"%s\" has no assessments yet; start one with 'smready assess \"%s\"'.\n"),
		       co.name, co.name);
	} else {
		rc = history_text(list, n);
	}
	store_assessment_free(list, n);
	store_company_clear(&co);
	return rc;
}

/* ---- report and compare -------------------------------------------------- */

const char cli_help_report[] = N_(
	"Usage: smready report REF|COMPANY NUMBER [--format text|markdown|html|pdf]\n"
	"                      [-o FILE] [--json]\n"
	"\n"
	"Writes a client-ready report of one assessment: who hands it over (from\n"
	"the settings file), the verdict with its stop signs, the dimensions as a\n"
	"chart, the top five next steps, what changed since the previous final\n"
	"assessment, the date of the next re-check, and every answer with its note.\n"
	"REF is an assessment's ID or UUID, or a company meaning its latest final\n"
	"assessment (or its draft when it has none); COMPANY NUMBER is the\n"
	"company's assessment with that number, as 'smready history' lists it.\n"
	"\n"
	"  --format FORMAT   text (default), markdown, html or pdf (needs -o FILE)\n"
	"  -o, --output FILE write to FILE instead of standard output\n"
	"  --json            the scored result as JSON instead of a report\n"
	"  --help            show this help\n");

/* The report's view of the plan (outcome: the loop, with each action's
 * group and how its questions moved) as JSON; null when there is none. */
static json_t *report_plan_json(const struct report_plan *p, bool outcome)
{
	json_t *arr;

	if (!p)
		return json_null();
	arr = json_array();
	for (int i = 0; arr && i < p->n_actions; i++) {
		const struct report_action *a = &p->actions[i];
		json_t *o = json_object(), *aims = json_array();

		json_object_set_new(o, "number", json_integer(a->number));
		json_object_set_new(o, "title", jo_str(a->text));
		json_object_set_new(o, "owner", jo_str(a->owner));
		json_object_set_new(o, "due", a->due && *a->due ? jo_str(a->due) : json_null());
		json_object_set_new(o, "status", json_string(plan_status_key(a->state)));
		json_object_set_new(o, "overdue", json_boolean(a->overdue));
		if (outcome) {
			json_object_set_new(o, "outcome", json_string(plan_outcome_key(a->outcome)));
			json_object_set_new(o, "moved", json_integer(a->n_moved));
		}
		for (int k = 0; k < a->n_aims; k++) {
			json_t *m = json_object();

			json_object_set_new(m, "item", jo_str(a->aims[k].key));
			json_object_set_new(m, "target", json_integer(a->aims[k].target));
			if (outcome) {
				json_object_set_new(m, "before", jo_value(a->aims[k].before, JO_CLI));
				json_object_set_new(m, "after", jo_value(a->aims[k].after, JO_CLI));
				json_object_set_new(m, "progress",
				                    json_string(plan_progress_key(a->aims[k].progress)));
			}
			json_array_append_new(aims, m);
		}
		json_object_set_new(o, "items", aims);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *scored_json(const struct company *co, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	json_t *root = json_object(), *dims = json_array(), *kos = json_array();
	json_t *answers = json_array(), *recs = json_array();
	int i;

	json_object_set_new(root, "company", jo_company(co, JO_CLI));
	json_object_set_new(root, "assessment", jo_assessment(&s->a, JO_CLI, NULL));
	json_object_set_new(root, "overall", jo_score(s->score.overall));
	json_object_set_new(root, "level", jo_level(s->score.level));
	json_object_set_new(root, "level_name", jo_str(report_level_label(s->score.level)));
	json_object_set_new(root, "band", jo_level(s->score.band));
	json_object_set_new(root, "stop_signs", json_integer(s->score.n_fired));
	json_object_set_new(root, "cautions", json_integer(s->score.n_cautions));
	json_object_set_new(root, "held_back", json_boolean(s->score.level < s->score.band));
	{
		char v[512];

		json_object_set_new(root, "verdict", jo_str(verdict_text(v, sizeof v, &s->score)));
	}
	json_object_set_new(root, "answered", json_integer(s->score.answered));
	json_object_set_new(root, "dont_know", json_integer(s->score.dont_know));
	json_object_set_new(root, "total", json_integer(s->score.total));
	json_object_set_new(root, "completeness", json_integer(s->score.completeness));
	json_object_set_new(root, "unknown_answers", json_integer(s->n_unknown_keys));
	for (i = 0; i < cat->n_dims; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(cat->dims[i].key));
		json_object_set_new(o, "name", jo_str(_(cat->dims[i].name)));
		json_object_set_new(o, "score", jo_score(s->score.dim[i]));
		json_object_set_new(o, "answered", json_integer(s->score.dim_answered[i]));
		json_object_set_new(o, "total", json_integer(s->score.dim_total[i]));
		json_array_append_new(dims, o);
	}
	json_object_set_new(root, "dimensions", dims);
	for (i = 0; i < cat->n_knockouts; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(cat->knockouts[i].key));
		json_object_set_new(o, "name", jo_str(_(cat->knockouts[i].name)));
		json_object_set_new(o, "fired", json_boolean(s->score.fired[i]));
		json_object_set_new(o, "caution", json_boolean(s->score.caution[i]));
		json_object_set_new(o, "reason", jo_str(_(cat->knockouts[i].reason)));
		json_object_set_new(o, "first_step",
		                    jo_str(_(catalogue_knockout_first_step(cat, i))));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	for (i = 0; i < cat->n_items; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(cat->items[i].key));
		json_object_set_new(o, "dimension", jo_str(cat->dims[cat->items[i].dimension].key));
		json_object_set_new(o, "value", jo_value(s->values[i], JO_CLI));
		json_object_set_new(o, "label", jo_str(_(catalogue_scale_label(s->values[i]))));
		json_object_set_new(o, "note", jo_str(s->notes[i]));
		json_object_set_new(o, "carried", json_boolean(s->carried[i]));
		json_array_append_new(answers, o);
	}
	json_object_set_new(root, "answers", answers);
	for (i = 0; i < s->score.n_recs; i++) {
		const struct recommendation *r = &s->score.recs[i];
		json_t *o = json_object();
		json_object_set_new(o, "item", jo_str(cat->items[r->item].key));
		json_object_set_new(o, "knockout", json_boolean(r->knockout));
		json_object_set_new(o, "caution", json_boolean(r->caution));
		json_object_set_new(o, "dont_know", json_boolean(r->dont_know));
		json_object_set_new(o, "gap", json_integer(r->gap));
		json_object_set_new(o, "text", jo_str(_(cat->items[r->item].recommendation)));
		json_array_append_new(recs, o);
	}
	json_object_set_new(root, "recommendations", recs);
	return root;
}

/* Opens -o FILE (or stdout). */
static FILE *output_open(const char *path, bool binary)
{
	FILE *f, *safe;
	int fd;

	if (!path || strcmp(path, "-") == 0) {
		if (!binary)
			return stdout;    /* main() made it safe for a terminal */
		/* A PDF is bytes: past the escaping, to the real standard
		 * output (a pipe: format_ok() refused a terminal). */
		fflush(stdout);
		fd = dup(STDOUT_FILENO);
		f = fd >= 0 ? fdopen(fd, "wb") : NULL;
		if (!f) {
			if (fd >= 0)
				close(fd);
			cli_msg(_("Cannot write the output: %s"), strerror(errno));
		}
		return f;
	}
	f = fopen(path, binary ? "wb" : "w");
	if (!f) {
		cli_msg(_("Cannot write %s: %s"), path, strerror(errno));
		return NULL;
	}
	if (binary)
		return f;
	/* A report file gets what the terminal gets: nothing from the data
	 * can act as an escape sequence when the file is shown (safe-out.h). */
	if (!(safe = safe_out_open(f, true))) {
		fclose(f);
		cli_msg("%s", _("Out of memory."));
	}
	return safe;
}

/* Closes what output_open() opened.  rc is how writing went (a failure
 * already reported); "Written to" is said only for a complete file. */
static int output_close(FILE *f, const char *path, int rc)
{
	if (f == stdout) {
		if (fflush(stdout) != 0 && rc == EXIT_OK)
			rc = cli_write_fail(NULL);
		return rc;
	}
	if (fclose(f) != 0 && rc == EXIT_OK)
		rc = cli_write_fail(path);
	if (rc == EXIT_OK && path && strcmp(path, "-") != 0)
		fprintf(stderr, _("Written to %s.\n"), path);
	return rc;
}

const char cli_help_compare[] = N_(
	"Usage: smready compare COMPANY [FROM TO]\n"
	"                       [--format text|markdown|html|pdf] [-o FILE] [--json]\n"
	"\n"
	"Shows what changed between two assessments of a company: overall score\n"
	"and level, each dimension, stop signs resolved or new, every answer that\n"
	"improved or got worse (with both notes), and what cannot be compared and\n"
	"why.  Without FROM and TO the latest final assessment is compared with\n"
	"the one before; FROM and TO are the company's assessment numbers, as\n"
	"'smready history' lists them, or UUIDs.\n"
	"\n"
	"  --format FORMAT   text (default), markdown, html or pdf (needs -o FILE)\n"
	"  -o, --output FILE write to FILE instead of standard output\n"
	"  --json            machine-readable output\n"
	"  --help            show this help\n");

static const char *change_key(enum change c)
{
	switch (c) {
	case CHANGE_IMPROVED: return "improved";
	case CHANGE_WORSE: return "worse";
	case CHANGE_NOT_COMPARABLE: return "not-comparable";
	case CHANGE_NOW_KNOWN: return "now-known";
	case CHANGE_NO_LONGER_KNOWN: return "no-longer-known";
	case CHANGE_UNCHANGED: break;
	}
	return "unchanged";
}

static const char *reason_key(enum not_comparable_reason r)
{
	switch (r) {
	case NC_VERSION: return "version";
	case NC_ONLY_OLD: return "only-old";
	case NC_ONLY_NEW: return "only-new";
	case NC_UNANSWERED_OLD: return "unanswered-old";
	case NC_UNANSWERED_NEW: return "unanswered-new";
	case NC_UNANSWERED_BOTH: return "unanswered-both";
	case NC_DONT_KNOW: return "dont-know";
	case NC_NONE: break;
	}
	return NULL;
}

static json_t *side_json(const struct scored *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(s->a.id));
	json_object_set_new(o, "uuid", jo_str(s->a.uuid));
	json_object_set_new(o, "status", json_string(s->a.status == ASSESS_FINAL ? "final" : "draft"));
	json_object_set_new(o, "completed", jo_time(s->a.completed, true));
	json_object_set_new(o, "overall", jo_score(s->score.overall));
	json_object_set_new(o, "level", jo_level(s->score.level));
	return o;
}

static json_t *compare_json(const struct company *co, const struct compared *cp)
{
	const struct comparison *c = &cp->cmp;
	json_t *root = json_object(), *dims = json_array(), *kos = json_array();
	json_t *items = json_array(), *counts = json_object();
	int i;

	json_object_set_new(root, "company", jo_company(co, JO_CLI));
	json_object_set_new(root, "from", side_json(&cp->old));
	json_object_set_new(root, "to", side_json(&cp->new));
	json_object_set_new(root, "same_version", json_boolean(c->same_version));
	json_object_set_new(root, "overall_delta",
	                    c->overall_comparable ? json_integer(c->overall_delta) : json_null());
	json_object_set_new(root, "level_delta",
	                    c->level_old >= 0 && c->level_new >= 0 ? json_integer(c->level_delta)
	                                                           : json_null());
	for (i = 0; i < c->n_dims; i++) {
		const struct dim_change *d = &c->dims[i];
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(d->key));
		json_object_set_new(o, "old", jo_score(d->old_score));
		json_object_set_new(o, "new", jo_score(d->new_score));
		json_object_set_new(o, "delta", d->comparable ? json_integer(d->delta) : json_null());
		json_array_append_new(dims, o);
	}
	json_object_set_new(root, "dimensions", dims);
	for (i = 0; i < c->n_knockouts; i++) {
		const struct knockout_change *k = &c->knockouts[i];
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(k->key));
		json_object_set_new(o, "was_fired", json_boolean(k->was_fired));
		json_object_set_new(o, "is_fired", json_boolean(k->is_fired));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	for (i = 0; i < c->n_items; i++) {
		const struct item_change *it = &c->items[i];
		const char *rk = reason_key(it->reason);
		json_t *o = json_object();
		json_object_set_new(o, "key", jo_str(it->key));
		json_object_set_new(o, "old", jo_value(it->old_value, JO_CLI));
		json_object_set_new(o, "new", jo_value(it->new_value, JO_CLI));
		json_object_set_new(o, "delta", json_integer(it->delta));
		json_object_set_new(o, "change", json_string(change_key(it->change)));
		json_object_set_new(o, "reason", rk ? json_string(rk) : json_null());
		json_object_set_new(o, "old_note",
		                    jo_str(it->old_item >= 0 ? cp->old.notes[it->old_item] : ""));
		json_object_set_new(o, "new_note",
		                    jo_str(it->new_item >= 0 ? cp->new.notes[it->new_item] : ""));
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "items", items);
	json_object_set_new(counts, "improved", json_integer(c->improved));
	json_object_set_new(counts, "worse", json_integer(c->worse));
	json_object_set_new(counts, "unchanged", json_integer(c->unchanged));
	json_object_set_new(counts, "not_comparable", json_integer(c->not_comparable));
	json_object_set_new(counts, "now_known", json_integer(c->now_known));
	json_object_set_new(counts, "no_longer_known", json_integer(c->no_longer_known));
	json_object_set_new(counts, "knockouts_resolved", json_integer(c->ko_resolved));
	json_object_set_new(counts, "knockouts_new", json_integer(c->ko_new));
	json_object_set_new(root, "counts", counts);
	return root;
}

/* Whether the report can be written as asked: a format this smready
 * has, and PDF not to a terminal.  Says why not. */
static bool format_ok(const struct args *a)
{
	const char *missing = report_format_missing(a->fmt);

	if (a->json)
		return true;
	if (missing) {
		cli_msg("%s", missing);
		return false;
	}
	if (report_format_binary(a->fmt) && (!a->output || strcmp(a->output, "-") == 0) &&
	    isatty(STDOUT_FILENO)) {
		cli_msg("%s", _("A PDF report is not for the terminal: name a file with -o FILE "
		                "(or send it into a pipe)."));
		return false;
	}
	return true;
}

/* Writes the report of in->s, or when it is NULL the comparison in->cmp:
 * as JSON or in a->fmt, to -o FILE or standard output. */
static int write_report(struct store *st, const struct args *a, const struct report_input *in)
{
	FILE *f;
	int rc = EXIT_OK;

	if (cli_output_is_database(st, a->output))
		return EXIT_FAIL;
	f = output_open(a->output, !a->json && report_format_binary(a->fmt));
	if (!f)
		return EXIT_FAIL;
	if (a->json) {
		json_t *root = in->s ? scored_json(in->company, in->s)
		                     : compare_json(in->company, in->cmp);

		if (root && in->s)
			json_object_set_new(root, "plan", report_plan_json(in->plan, false));
		if (root)
			json_object_set_new(root, "plan_outcome", report_plan_json(in->prev_plan, true));
		rc = cli_json_print(root, f);
	}
	else if ((in->s ? report_assessment(f, a->fmt, in) : report_comparison(f, a->fmt, in)) != 0)
		rc = cli_write_fail(a->output);
	return output_close(f, a->output, rc);
}

int cli_verb_report(struct store *st, const struct args *a)
{
	struct assess_report r;
	struct settings set;
	struct scored s;
	enum store_err err;
	long long id;
	int rc;

	if (!format_ok(a))
		return EXIT_FAIL;
	if (a->npos == 2) {
		struct company co;

		if ((rc = cli_find_company(st, a->pos[0], &co)) != EXIT_OK)
			return rc;
		err = assess_resolve_in(st, &co, a->pos[1], &id);
		store_company_clear(&co);
		if (err != STORE_OK)
			return cli_store_fail(st, err);
	} else if ((rc = cli_resolve(st, a->pos[0], &id)) != EXIT_OK) {
		return rc;
	}
	err = assess_load(st, id, &s);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	cli_load_settings(&set);
	err = assess_report_gather(st, &s, &set, &r);
	if (err != STORE_OK)
		rc = cli_store_fail(st, err);
	else
		rc = write_report(st, a, &r.in);
	assess_report_clear(&r);
	assess_clear(&s);
	return rc;
}

/* Without FROM and TO, a comparison needs two final assessments. */
int cli_verb_compare(struct store *st, const struct args *a)
{
	struct compared cp;
	struct company co;
	enum store_err err;
	long long from = 0, to = 0;
	int rc;

	if ((rc = cli_find_company(st, a->pos[0], &co)) != EXIT_OK)
		return rc;
	if (a->npos == 3) {
		err = assess_resolve_in(st, &co, a->pos[1], &from);
		if (err == STORE_OK)
			err = assess_resolve_in(st, &co, a->pos[2], &to);
		rc = err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
	}
	if (rc == EXIT_OK && !format_ok(a))
		rc = EXIT_FAIL;
	if (rc == EXIT_OK) {
		err = assess_compare(st, co.id, from, to, &cp);
		if (err == STORE_NOT_FOUND && a->npos != 3) {
			cli_msg(_("\"%s\" has fewer than two final assessments, so there is "
			          "nothing to compare yet."), co.name);
			rc = EXIT_FAIL;
		} else if (err != STORE_OK) {
			rc = cli_store_fail(st, err);
		} else {
			struct assess_report r;
			struct settings set;

			cli_load_settings(&set);
			err = assess_report_gather_compare(st, &cp, &set, &r);
			rc = err != STORE_OK ? cli_store_fail(st, err) : write_report(st, a, &r.in);
			assess_report_clear(&r);
			assess_compared_clear(&cp);
		}
	}
	store_company_clear(&co);
	return rc;
}

