#include "config.h"

#include "cli.h"

/*
 * cli.c - the command-line verbs: parses each verb's options, calls the
 * store and the assessment core, and prints aligned plain text or JSON on
 * stdout, messages on stderr.  Owns the verb table (so main can tell a typo
 * from a verb before touching the database, and so each verb's options,
 * help and number of arguments are declared in one place) and the per-verb
 * help texts.
 */

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attr.h"
#include "assess.h"
#include "catalogue.h"
#include "cli-util.h"
#include "i18n.h"
#include "report.h"
#include "scoring.h"
#include "store.h"
#include "text.h"

#define DUE_AFTER_DAYS 91
#define DAY (24LL * 60 * 60)

/* ---- verbs and their options ----------------------------------------------
 * Each verb of this file declares in the verb table (at the end) which
 * options it takes and how many arguments; cli_run() parses the command
 * line into struct args before the verb runs, so a verb only checks values,
 * calls the core and prints. */

/* Every option a verb may take.  The ones below 256 are also short options
 * (-a, -y, -o, -h) for the verbs that take them. */
enum opt {
	OPT_END = 0,
	OPT_ALL = 'a',
	OPT_HELP = 'h',
	OPT_OUTPUT = 'o',
	OPT_YES = 'y',
	OPT_JSON = 256,
	OPT_FRESH,
	OPT_ASSESSOR,
	OPT_NOTE,
	OPT_REASON,
	OPT_INDUSTRY,
	OPT_CONTACT,
	OPT_NOTES,
	OPT_FORMAT,
	OPT_REMOVE
};

#define VERB_MAX_OPTS 5

static const struct option opt_defs[] = {
	{ "all", no_argument, NULL, OPT_ALL },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "fresh", no_argument, NULL, OPT_FRESH },
	{ "assessor", required_argument, NULL, OPT_ASSESSOR },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "industry", required_argument, NULL, OPT_INDUSTRY },
	{ "contact", required_argument, NULL, OPT_CONTACT },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "remove", no_argument, NULL, OPT_REMOVE },
};

/* A parsed command line: the options given and the arguments left. */
struct args {
	bool all, json, fresh, yes, remove;
	const char *assessor, *note, *reason, *industry, *contact, *notes, *output;
	enum report_format fmt;
	char **pos;
	int npos;
};

/* Bit n of verb.nargs: the verb takes n arguments. */
#define NARGS(n) (1u << (n))
#define NARGS_ANY (~0u)

enum {
	V_READS = 1 << 0,         /* never writes the database */
	V_NO_STORE = 1 << 1,      /* needs no database at all */
	V_EXTERNAL = 1 << 2       /* implemented elsewhere; parses its own --help */
};

struct verb {
	const char *name;
	/* A verb parsed by cli_run() ... */
	int (*run)(struct store *st, const struct args *a);
	/* ... or one that reads its own argv (argv[0] is the verb). */
	int (*run_argv)(struct store *st, int argc, char **argv);
	const char *help;                   /* N_() text for --help */
	enum opt opts[VERB_MAX_OPTS + 1];   /* besides --help; ends with OPT_END */
	unsigned nargs;                     /* NARGS() of each allowed count */
	const char *nargs_msg;              /* N_(): wrong count; NULL: names the extra one */
	unsigned flags;
};

static const struct verb *verb_find(const char *name);

/* Reports getopt's '?' or ':' result as a usage error. */
static int opt_error(const char *verb, int c, char **argv)
{
	char shown[CLI_PRINTABLE_SIZE];
	const char *arg = cli_printable(shown, sizeof shown, argv[optind - 1]);

	if (c == ':')
		return cli_usage(verb, _("The option '%s' needs a value."), arg);
	/* A long option given a value it does not take ("--json=1") sets
	 * optopt to its code, which is no letter: name what was typed. */
	if (strncmp(arg, "--", 2) == 0) {
		const char *eq = strchr(arg, '=');
		if (eq && optopt)
			return cli_usage(verb, _("The option '%.*s' takes no value."),
			                 (int)(eq - arg), arg);
		return cli_usage(verb, _("Unknown option '%s'."), arg);
	}
	if (optopt > 0 && optopt < 128)
		return cli_usage(verb, _("Unknown option '-%c'."), optopt);
	return cli_usage(verb, _("Unknown option '%s'."), arg);
}

/* getopt_long's tables for verb v's options and --help. */
static void opts_build(const struct verb *v, struct option *longopts, char *shortopts)
{
	size_t i, n = 0, s = 0;
	const enum opt *o;

	shortopts[s++] = ':';
	for (o = v->opts; *o != OPT_END; o++) {
		for (i = 0; i < sizeof opt_defs / sizeof opt_defs[0]; i++)
			if (opt_defs[i].val == (int)*o)
				break;
		longopts[n++] = opt_defs[i];
		if (*o < 256) {
			shortopts[s++] = (char)*o;
			if (opt_defs[i].has_arg == required_argument)
				shortopts[s++] = ':';
		}
	}
	longopts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[s++] = 'h';
	shortopts[s] = '\0';
}

/* Parses argv (argv[0] the verb or subcommand) by v's table into a.
 * Returns -1 when the verb should run, else the exit status to end with
 * (help shown, or a usage error reported). */
static int args_parse(const struct verb *v, int argc, char **argv, struct args *a)
{
	struct option longopts[VERB_MAX_OPTS + 2];
	char shortopts[2 * VERB_MAX_OPTS + 3];
	int c;

	opts_build(v, longopts, shortopts);
	memset(a, 0, sizeof *a);
	a->fmt = REPORT_TEXT;
	/* 0 makes glibc's getopt start over, as each verb parses anew. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_HELP: return cli_help(v->help);
		case OPT_ALL: a->all = true; break;
		case OPT_YES: a->yes = true; break;
		case OPT_JSON: a->json = true; break;
		case OPT_FRESH: a->fresh = true; break;
		case OPT_REMOVE: a->remove = true; break;
		case OPT_OUTPUT: a->output = optarg; break;
		case OPT_ASSESSOR: a->assessor = optarg; break;
		case OPT_NOTE: a->note = optarg; break;
		case OPT_REASON: a->reason = optarg; break;
		case OPT_INDUSTRY: a->industry = optarg; break;
		case OPT_CONTACT: a->contact = optarg; break;
		case OPT_NOTES: a->notes = optarg; break;
		case OPT_FORMAT:
			if (!report_format_parse(optarg, &a->fmt)) {
				char shown[CLI_PRINTABLE_SIZE];
				return cli_usage(v->name, _("Unknown format '%s': use text, markdown or "
				                            "html."), cli_printable(shown, sizeof shown, optarg));
			}
			break;
		default: return opt_error(v->name, c, argv);
		}
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
	if (a->npos < 32 && (v->nargs & NARGS(a->npos)))
		return -1;
	if (!v->nargs_msg) {
		char shown[CLI_PRINTABLE_SIZE];
		return cli_usage(v->name, _("Unexpected argument '%s'."),
		                 cli_printable(shown, sizeof shown, a->pos[0]));
	}
	return cli_usage(v->name, "%s", _(v->nargs_msg));
}

/* ---- output ---------------------------------------------------------------- */

/* Says that writing to path (NULL or "-": standard output) failed. */
static int write_fail(const char *path)
{
	if (path && strcmp(path, "-") != 0)
		cli_msg(_("Cannot write %s: %s"), path, strerror(errno));
	else
		cli_msg(_("Cannot write the output: %s"), strerror(errno));
	return EXIT_FAIL;
}

/* Prints a plain-text table on stdout and frees it. */
static int table_print(struct report_table *t)
{
	int rc = report_table_print(t, stdout, 0) == 0 ? EXIT_OK : write_fail(NULL);

	report_table_free(t);
	return rc;
}

/* ---- JSON output --------------------------------------------------------- */

static int json_print(json_t *root, FILE *out)
{
	int rc = EXIT_OK;

	if (!root || json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
		cli_msg("%s", _("Could not write the JSON output."));
		rc = EXIT_FAIL;
	} else {
		fputc('\n', out);
	}
	json_decref(root);
	return rc;
}

static json_t *jstr(const char *s)
{
	json_t *j = json_string(s ? s : "");
	return j ? j : json_null();
}

static json_t *jscore(int score)
{
	return score < 0 ? json_null() : json_integer(score);
}

static json_t *jlevel(int level)
{
	return level < 0 || level >= LEVEL_COUNT ? json_null()
	                                         : json_string(scoring_level_key((enum level)level));
}

static json_t *janswer(int value)
{
	if (value == ANSWER_DONT_KNOW)
		return json_string("dk");
	if (value >= ANSWER_MIN && value <= ANSWER_MAX)
		return json_integer(value);
	return json_null();
}

/* ISO 8601 UTC time, or null for 0. */
static json_t *jtime(long long t)
{
	char buf[32];
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0 || !gmtime_r(&tt, &tm))
		return json_null();
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

/* ---- lookups and checks ---------------------------------------------------- */

/* Reports a failed lookup: for STORE_NOT_FOUND the message fmt (which
 * names the user's reference, made printable by the caller), else the
 * store's error.  Returns the exit status. */
static int lookup_fail(struct store *st, enum store_err err, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
static int lookup_fail(struct store *st, enum store_err err, const char *fmt, ...)
{
	va_list ap;

	if (err != STORE_NOT_FOUND)
		return cli_store_fail(st, err);
	va_start(ap, fmt);
	cli_vmsg(fmt, ap);
	va_end(ap);
	return EXIT_FAIL;
}

static int find_company(struct store *st, const char *ref, struct company *c)
{
	enum store_err err;

	memset(c, 0, sizeof *c);
	err = store_company_find(st, ref, c);
	if (err != STORE_OK) {
		char shown[CLI_PRINTABLE_SIZE];
		return lookup_fail(st, err, _("There is no company \"%s\"; 'smready companies "
		                              "--all' lists them."),
		                   cli_printable(shown, sizeof shown, ref));
	}
	return EXIT_OK;
}

/* The open draft of the company named ref, for find_draft(). */
static int find_company_draft(struct store *st, const char *ref, struct assessment *a)
{
	struct company c;
	enum store_err err;

	memset(&c, 0, sizeof c);
	err = store_company_find(st, ref, &c);
	if (err != STORE_OK) {
		char shown[CLI_PRINTABLE_SIZE];
		return lookup_fail(st, err, _("There is no assessment or company \"%s\"."),
		                   cli_printable(shown, sizeof shown, ref));
	}
	err = store_assessment_draft(st, c.id, a);
	if (err == STORE_NOT_FOUND)
		cli_msg(_("\"%s\" has no open draft; start one with 'smready assess \"%s\"'."),
		        c.name, c.name);
	store_company_clear(&c);
	if (err == STORE_NOT_FOUND)
		return EXIT_FAIL;
	return err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
}

/* An assessment to change: its number or UUID, or a company name meaning
 * that company's open draft. */
static int find_draft(struct store *st, const char *ref, struct assessment *a)
{
	enum store_err err;
	int rc;

	memset(a, 0, sizeof *a);
	err = store_assessment_find(st, ref, a);
	if (err == STORE_NOT_FOUND) {
		if ((rc = find_company_draft(st, ref, a)) != EXIT_OK)
			return rc;
	} else if (err != STORE_OK) {
		return cli_store_fail(st, err);
	}
	if (a->status == ASSESS_FINAL) {
		cli_msg(_("Assessment #%lld is final; to change it, reopen it first with "
		          "'smready reopen %lld --reason TEXT'."), a->id, a->id);
		store_assessment_clear(a);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Checks an item key against the built-in questionnaire (the one drafts use). */
static int check_key(const char *verb, const char *key)
{
	char shown[CLI_PRINTABLE_SIZE];

	if (catalogue_item_index(catalogue_builtin(), key) < 0)
		return cli_usage(verb, _("Unknown question key \"%s\"; 'smready questions' lists "
		                         "the keys."), cli_printable(shown, sizeof shown, key));
	return EXIT_OK;
}

/* The draft ref whose questionnaire has the question key (answer, note). */
static int find_draft_item(struct store *st, const char *ref, const char *key,
                           struct assessment *a)
{
	const struct catalogue *cat;
	int rc;

	if ((rc = find_draft(st, ref, a)) != EXIT_OK)
		return rc;
	cat = catalogue_find(a->questionnaire, a->qversion);
	if (cat && catalogue_item_index(cat, key) < 0) {
		char shown[CLI_PRINTABLE_SIZE];
		cli_msg(_("Assessment #%lld's questionnaire has no question \"%s\"."), a->id,
		        cli_printable(shown, sizeof shown, key));
		store_assessment_clear(a);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* The assessment a user's reference means (see assess_resolve()). */
static int resolve(struct store *st, const char *ref, long long *id)
{
	enum store_err err = assess_resolve(st, ref, id);

	return err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
}

/* Parses an answer: 0..4, "dk"/"dont-know"/"don't-know", "none". */
static bool parse_value(const char *s, int *v)
{
	if (s[0] >= '0' && s[0] <= '4' && s[1] == '\0') {
		*v = s[0] - '0';
		return true;
	}
	if (strcmp(s, "dk") == 0 || strcmp(s, "dont-know") == 0 || strcmp(s, "don't-know") == 0 ||
	    strcmp(s, "?") == 0) {
		*v = ANSWER_DONT_KNOW;
		return true;
	}
	if (strcmp(s, "none") == 0) {
		*v = ANSWER_UNANSWERED;
		return true;
	}
	return false;
}

/* A one-line text field; what names it ("The company name"). */
static int check_line(const char *what, const char *s, size_t max, bool allow_empty)
{
	enum text_check c = text_check_line(s, max, allow_empty);

	if (c == TEXT_OK)
		return EXIT_OK;
	if (c == TEXT_TOO_LONG)
		/* TRANSLATORS: e.g. "The company name is too long (at most 120 characters)." */
		cli_msg(P_("%s %s (at most %zu character).", "%s %s (at most %zu characters).", max),
		        what, _(text_check_message(c)), max);
	else
		/* TRANSLATORS: e.g. "The company name is not valid UTF-8." */
		cli_msg(_("%s %s."), what, _(text_check_message(c)));
	return EXIT_FAIL;
}

/* A note: several lines, may be empty. */
static int check_note(const char *what, const char *s)
{
	enum text_check c = text_check_note(s, TEXT_NOTE_MAX);

	if (c == TEXT_OK)
		return EXIT_OK;
	cli_msg(_("%s %s."), what, _(text_check_message(c)));
	return EXIT_FAIL;
}

/* ---- questions ----------------------------------------------------------- */

static const char help_questions[] = N_(
	"Usage: smready questions [--json]\n"
	"\n"
	"Lists the built-in questionnaire in the current language: the dimensions,\n"
	"each question with its key, weight, help text, next step and the criteria\n"
	"it covers, the knock-outs and the answer scale.\n"
	"\n"
	"  --json   machine-readable output\n"
	"  --help   show this help\n");

static json_t *questions_json(const struct catalogue *cat)
{
	json_t *root = json_object(), *scale = json_array(), *dims = json_array();
	json_t *items = json_array(), *kos = json_array(), *crit = json_array();
	const char *covered[64];
	int i, n, c;

	json_object_set_new(root, "catalogue", jstr(cat->id));
	json_object_set_new(root, "version", json_integer(cat->version));
	for (i = ANSWER_MIN; i <= ANSWER_MAX; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "value", json_integer(i));
		json_object_set_new(o, "label", jstr(_(catalogue_scale_label(i))));
		json_array_append_new(scale, o);
	}
	{
		json_t *o = json_object();
		json_object_set_new(o, "value", json_string("dk"));
		json_object_set_new(o, "label", jstr(_(catalogue_scale_label(ANSWER_DONT_KNOW))));
		json_array_append_new(scale, o);
	}
	json_object_set_new(root, "scale", scale);
	for (i = 0; i < cat->n_dims; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(cat->dims[i].key));
		json_object_set_new(o, "name", jstr(_(cat->dims[i].name)));
		json_object_set_new(o, "description", jstr(_(cat->dims[i].description)));
		json_array_append_new(dims, o);
	}
	json_object_set_new(root, "dimensions", dims);
	for (i = 0; i < cat->n_items; i++) {
		const struct cat_item *it = &cat->items[i];
		json_t *o = json_object(), *cr = json_array();
		int k = catalogue_item_knockout(cat, i);

		json_object_set_new(o, "key", jstr(it->key));
		json_object_set_new(o, "dimension", jstr(cat->dims[it->dimension].key));
		json_object_set_new(o, "weight", json_integer(it->weight));
		json_object_set_new(o, "question", jstr(_(it->question)));
		json_object_set_new(o, "help", jstr(_(it->help)));
		json_object_set_new(o, "recommendation", jstr(_(it->recommendation)));
		for (c = 0; c < CAT_MAX_CRITERIA && it->criteria[c]; c++)
			json_array_append_new(cr, jstr(it->criteria[c]));
		json_object_set_new(o, "criteria", cr);
		json_object_set_new(o, "knockout", k >= 0 ? jstr(cat->knockouts[k].key) : json_null());
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "items", items);
	for (i = 0; i < cat->n_knockouts; i++) {
		const struct cat_knockout *ko = &cat->knockouts[i];
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(ko->key));
		json_object_set_new(o, "item", jstr(cat->items[ko->item].key));
		json_object_set_new(o, "max_value", json_integer(ko->max_value));
		json_object_set_new(o, "name", jstr(_(ko->name)));
		json_object_set_new(o, "reason", jstr(_(ko->reason)));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	n = catalogue_criteria_covered(cat, covered, 64);
	for (i = 0; i < n; i++)
		json_array_append_new(crit, jstr(covered[i]));
	json_object_set_new(root, "criteria", crit);
	return root;
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
			snprintf(pre, sizeof pre, "    %s ", _("Ready when:"));
			report_wrap(stdout, pre, 6, _(it->help));
			snprintf(pre, sizeof pre, "    %s ", _("Next step:"));
			report_wrap(stdout, pre, 6, _(it->recommendation));
			if (k >= 0) {
				snprintf(pre, sizeof pre, "    %s %s: ", _("Knock-out:"),
				         _(cat->knockouts[k].name));
				report_wrap(stdout, pre, 6, _(cat->knockouts[k].reason));
			}
		}
	}
}

static int verb_questions(struct store *st, const struct args *a)
{
	(void)st;
	if (a->json)
		return json_print(questions_json(catalogue_builtin()), stdout);
	questions_text(catalogue_builtin());
	return EXIT_OK;
}

/* ---- companies ----------------------------------------------------------- */

static const char help_companies[] = N_(
	"Usage: smready companies [--all] [--json]\n"
	"\n"
	"Lists the companies with their number of final assessments, the date,\n"
	"score and level of the latest one, the change since the one before, and\n"
	"\"due\" when the latest is older than 91 days, there is none yet, or a\n"
	"draft is open.\n"
	"\n"
	"  --all    include archived companies\n"
	"  --json   machine-readable output\n"
	"  --help   show this help\n");

static bool row_due(const struct portfolio_row *r, long long now)
{
	return r->draft_id != 0 || r->last_id == 0 || now - r->last_at > DUE_AFTER_DAYS * DAY;
}

static void change_cell(char *buf, size_t n, const struct portfolio_row *r)
{
	if (r->last_overall < 0 || r->prev_overall < 0)
		buf[0] = '\0';
	else if (r->last_overall == r->prev_overall)
		snprintf(buf, n, "=");
	else
		snprintf(buf, n, "%+d", r->last_overall - r->prev_overall);
}

static json_t *company_json(const struct company *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "uuid", jstr(c->uuid));
	json_object_set_new(o, "name", jstr(c->name));
	json_object_set_new(o, "industry", jstr(c->industry));
	json_object_set_new(o, "contact", jstr(c->contact));
	json_object_set_new(o, "notes", jstr(c->notes));
	json_object_set_new(o, "created", jtime(c->created));
	json_object_set_new(o, "archived", json_boolean(c->archived));
	json_object_set_new(o, "sample", json_boolean(c->sample));
	return o;
}

static int companies_json(const struct portfolio_row *rows, size_t n, long long now)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		const struct portfolio_row *r = &rows[i];
		json_t *o = company_json(&r->company);
		json_object_set_new(o, "final_assessments", json_integer(r->n_final));
		json_object_set_new(o, "latest_final", r->last_id ? json_integer(r->last_id) : json_null());
		json_object_set_new(o, "latest_date", jtime(r->last_at));
		json_object_set_new(o, "overall", jscore(r->last_overall));
		json_object_set_new(o, "level", jlevel(r->last_level));
		json_object_set_new(o, "change", r->last_overall >= 0 && r->prev_overall >= 0
		                    ? json_integer(r->last_overall - r->prev_overall) : json_null());
		json_object_set_new(o, "draft", r->draft_id ? json_integer(r->draft_id) : json_null());
		json_object_set_new(o, "due", json_boolean(row_due(r, now)));
		json_array_append_new(arr, o);
	}
	return json_print(arr, stdout);
}

static int companies_text(const struct portfolio_row *rows, size_t n, long long now)
{
	const char *head[8];
	struct report_table *t = report_table_new(8, "llrlrlrl");
	size_t i;

	head[0] = _("Company");
	head[1] = _("Industry");
	head[2] = _("Final");
	head[3] = _("Latest");
	head[4] = _("Score");
	head[5] = _("Level");
	head[6] = _("Change");
	head[7] = _("Due");
	report_table_add(t, head);
	for (i = 0; i < n; i++) {
		const struct portfolio_row *r = &rows[i];
		char name[1024], nf[16], date[16], score[16], change[16];
		const char *cells[8];

		if (r->company.archived)
			snprintf(name, sizeof name, _("%s (archived)"), r->company.name);
		else
			snprintf(name, sizeof name, "%s", r->company.name);
		snprintf(nf, sizeof nf, "%d", r->n_final);
		change_cell(change, sizeof change, r);
		cells[0] = name;
		cells[1] = r->company.industry;
		cells[2] = nf;
		cells[3] = report_date(date, sizeof date, r->last_at);
		cells[4] = r->last_id ? report_score(score, sizeof score, r->last_overall) : "";
		cells[5] = r->last_id ? report_level_label(r->last_level) : "";
		cells[6] = change;
		cells[7] = !row_due(r, now) ? "" : r->draft_id ? _("due (draft open)") : _("due");
		report_table_add(t, cells);
	}
	return table_print(t);
}

static int verb_companies(struct store *st, const struct args *a)
{
	struct portfolio_row *rows = NULL;
	enum store_err err;
	size_t n = 0;
	int rc = EXIT_OK;

	err = store_portfolio(st, a->all, &rows, &n);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	if (a->json)
		rc = companies_json(rows, n, store_now(st));
	else if (n == 0)
		puts(a->all ? _("No companies yet. Add one with 'smready company add NAME', or try "
		                "'smready demo' for sample data.")
		            : _("No active companies. Add one with 'smready company add NAME'; "
		                "'--all' shows archived ones too."));
	else
		rc = companies_text(rows, n, store_now(st));
	store_portfolio_free(rows, n);
	return rc;
}

/* ---- company ------------------------------------------------------------- */

static const char help_company[] = N_(
	"Usage: smready company add NAME [--industry TEXT] [--contact TEXT] [--notes TEXT]\n"
	"       smready company edit NAME [--industry TEXT] [--contact TEXT] [--notes TEXT]\n"
	"       smready company rename NAME NEW-NAME\n"
	"       smready company archive NAME\n"
	"       smready company unarchive NAME\n"
	"       smready company delete NAME [--yes]\n"
	"\n"
	"Adds, changes, archives or deletes a company.  NAME may also be the\n"
	"company's number or UUID.  Names are unique regardless of case.\n"
	"Archived companies keep their history but are hidden from 'companies'\n"
	"unless --all is given.  Deleting removes the company with all its\n"
	"assessments; on a terminal it asks first, elsewhere it needs --yes.\n"
	"\n"
	"  --industry TEXT   the company's industry\n"
	"  --contact TEXT    a contact person or address\n"
	"  --notes TEXT      free notes\n"
	"  --yes             delete without asking\n"
	"  --help            show this help\n");

static int company_fields_check(const struct args *a)
{
	if (a->industry && check_line(_("The industry"), a->industry, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if (a->contact && check_line(_("The contact"), a->contact, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if (a->notes && check_note(_("The notes"), a->notes))
		return EXIT_FAIL;
	return EXIT_OK;
}

/* Says that newname is taken, or reports another store failure. */
static int company_name_fail(struct store *st, enum store_err err, const char *newname)
{
	char shown[CLI_PRINTABLE_SIZE];

	if (err != STORE_EXISTS)
		return cli_store_fail(st, err);
	cli_msg(_("A company named \"%s\" exists already (names are compared "
	          "regardless of case)."), cli_printable(shown, sizeof shown, newname));
	return EXIT_FAIL;
}

static int company_add(struct store *st, const char *name, const struct args *a)
{
	enum store_err err;
	long long id;

	if (check_line(_("The company name"), name, TEXT_NAME_MAX, false) ||
	    company_fields_check(a))
		return EXIT_FAIL;
	err = store_company_add(st, name, a->industry, a->contact, a->notes, &id);
	if (err != STORE_OK)
		return company_name_fail(st, err, name);
	printf(_("Added company \"%s\" (#%lld).\n"), name, id);
	return EXIT_OK;
}

static int company_rename(struct store *st, struct company *c, const char *newname)
{
	enum store_err err = store_company_update(st, c->id, newname, NULL, NULL, NULL);

	if (err != STORE_OK)
		return company_name_fail(st, err, newname);
	printf(_("Renamed \"%s\" to \"%s\".\n"), c->name, newname);
	return EXIT_OK;
}

static int company_edit(struct store *st, struct company *c, const struct args *a)
{
	enum store_err err = store_company_update(st, c->id, NULL, a->industry, a->contact,
	                                          a->notes);

	if (err != STORE_OK)
		return cli_store_fail(st, err);
	printf(_("Updated \"%s\".\n"), c->name);
	return EXIT_OK;
}

static int company_archive(struct store *st, struct company *c, bool archived)
{
	enum store_err err = store_company_set_archived(st, c->id, archived);

	if (err != STORE_OK)
		return cli_store_fail(st, err);
	if (archived)
		printf(_("Archived \"%s\".\n"), c->name);
	else
		printf(_("\"%s\" is active again.\n"), c->name);
	return EXIT_OK;
}

/* Asks on the terminal; true only for an explicit yes. */
static bool confirm(const char *question)
{
	char line[64];
	/* TRANSLATORS: the letter that answers "yes" to a y/N question. */
	const char *yes = _("y");

	fprintf(stderr, "%s ", question);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y' || (yes[0] && line[0] == yes[0]) ||
	       (yes[0] >= 'a' && yes[0] <= 'z' && line[0] == yes[0] - 'a' + 'A');
}

/* Without --yes: asks on a terminal, refuses elsewhere. */
static bool company_delete_confirmed(struct store *st, const struct company *c)
{
	struct assessment *list = NULL;
	size_t n = 0;
	char q[1024];

	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
		cli_msg(_("Not deleting \"%s\" without confirmation; add --yes to delete it "
		          "with its whole history."), c->name);
		return false;
	}
	if (store_assessment_list(st, c->id, &list, &n) == STORE_OK)
		store_assessment_free(list, n);
	snprintf(q, sizeof q,
	         P_("Delete \"%s\" and its %zu assessment for good? [y/N]",
	            "Delete \"%s\" and its %zu assessments for good? [y/N]", n),
	         c->name, n);
	if (confirm(q))
		return true;
	fprintf(stderr, "%s\n", _("Nothing was deleted."));
	return false;
}

static int company_delete(struct store *st, struct company *c, const struct args *a)
{
	enum store_err err;
	int deleted = 0;

	if (!a->yes && !company_delete_confirmed(st, c))
		return EXIT_FAIL;
	err = store_company_delete(st, c->id, &deleted);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	printf(P_("Deleted \"%s\" and %d assessment.\n",
	          "Deleted \"%s\" and %d assessments.\n", deleted), c->name, deleted);
	return EXIT_OK;
}

/* The subcommands of "company"; all but add act on a company found first. */
enum company_sub { SUB_ADD, SUB_EDIT, SUB_RENAME, SUB_ARCHIVE, SUB_UNARCHIVE, SUB_DELETE };

static const char *const company_subs[] = {
	[SUB_ADD] = "add", [SUB_EDIT] = "edit", [SUB_RENAME] = "rename",
	[SUB_ARCHIVE] = "archive", [SUB_UNARCHIVE] = "unarchive", [SUB_DELETE] = "delete",
};

/* Whether the arguments and options fit the subcommand; a usage error if not. */
static int company_check_args(enum company_sub sub, const struct args *a)
{
	const char *name = company_subs[sub];

	if (sub == SUB_RENAME) {
		if (a->npos != 2)
			return cli_usage("company", "%s",
			                 _("'company rename' needs the old and the new name."));
		return EXIT_OK;
	}
	if (a->npos != 1)
		return cli_usage("company", a->npos == 0 ? _("'company %s' needs a company name.")
		                                         : _("'company %s' takes one company name; "
		                                             "quote names with spaces."), name);
	if (sub != SUB_ADD && sub != SUB_EDIT && (a->industry || a->contact || a->notes))
		return cli_usage("company", _("'company %s' takes no --industry, --contact or --notes."),
		                 name);
	if (a->yes && sub != SUB_DELETE)
		return cli_usage("company", _("'company %s' takes no --yes."), name);
	if (sub == SUB_EDIT && !a->industry && !a->contact && !a->notes)
		return cli_usage("company", "%s",
		                 _("Say what to change: --industry, --contact or --notes."));
	return EXIT_OK;
}

/* What is checked before the company is looked up. */
static int company_check_values(enum company_sub sub, const struct args *a)
{
	if (sub == SUB_RENAME)
		return check_line(_("The new company name"), a->pos[1], TEXT_NAME_MAX, false);
	if (sub == SUB_EDIT)
		return company_fields_check(a);
	return EXIT_OK;
}

static int verb_company(struct store *st, int argc, char **argv)
{
	const struct verb *v = verb_find("company");
	struct company c;
	struct args a;
	size_t sub;
	int rc;

	if (argc < 2)
		return cli_usage("company", "%s",
		                 _("Say what to do: add, edit, rename, archive, unarchive or delete."));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_help(v->help);
	for (sub = 0; sub < sizeof company_subs / sizeof company_subs[0]; sub++)
		if (strcmp(argv[1], company_subs[sub]) == 0)
			break;
	if (sub == sizeof company_subs / sizeof company_subs[0]) {
		char shown[CLI_PRINTABLE_SIZE];
		return cli_usage("company", _("Unknown company command '%s'."),
		                 cli_printable(shown, sizeof shown, argv[1]));
	}
	if ((rc = args_parse(v, argc - 1, argv + 1, &a)) >= 0 ||
	    (rc = company_check_args(sub, &a)) != EXIT_OK)
		return rc;
	if (sub == SUB_ADD)
		return company_add(st, a.pos[0], &a);
	if ((rc = company_check_values(sub, &a)) != EXIT_OK ||
	    (rc = find_company(st, a.pos[0], &c)) != EXIT_OK)
		return rc;
	switch ((enum company_sub)sub) {
	case SUB_EDIT: rc = company_edit(st, &c, &a); break;
	case SUB_RENAME: rc = company_rename(st, &c, a.pos[1]); break;
	case SUB_ARCHIVE: rc = company_archive(st, &c, true); break;
	case SUB_UNARCHIVE: rc = company_archive(st, &c, false); break;
	case SUB_DELETE: rc = company_delete(st, &c, &a); break;
	case SUB_ADD: break;
	}
	store_company_clear(&c);
	return rc;
}

/* ---- history ------------------------------------------------------------- */

static const char help_history[] = N_(
	"Usage: smready history COMPANY [--json]\n"
	"\n"
	"Lists a company's assessments, newest first: number, status, when it was\n"
	"started and finished, assessor, score, level and how often it was\n"
	"reopened.\n"
	"\n"
	"  --json   machine-readable output\n"
	"  --help   show this help\n");

static json_t *assessment_json(const struct assessment *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "uuid", jstr(a->uuid));
	json_object_set_new(o, "status", json_string(a->status == ASSESS_FINAL ? "final" : "draft"));
	json_object_set_new(o, "questionnaire", jstr(a->questionnaire));
	json_object_set_new(o, "questionnaire_version", json_integer(a->qversion));
	json_object_set_new(o, "started", jtime(a->started));
	json_object_set_new(o, "completed", jtime(a->completed));
	json_object_set_new(o, "updated", jtime(a->updated));
	json_object_set_new(o, "assessor", jstr(a->assessor));
	json_object_set_new(o, "summary", jstr(a->summary));
	json_object_set_new(o, "overall", a->status == ASSESS_FINAL ? jscore(a->overall) : json_null());
	json_object_set_new(o, "level", a->status == ASSESS_FINAL ? jlevel(a->level) : json_null());
	json_object_set_new(o, "reopened", json_integer(a->reopened));
	json_object_set_new(o, "based_on", a->based_on ? json_integer(a->based_on) : json_null());
	return o;
}

static int history_text(const struct assessment *list, size_t n)
{
	struct report_table *t = report_table_new(8, "rlllllrl");
	const char *head[8];
	size_t i;

	head[0] = "#";
	head[1] = _("Status");
	head[2] = _("Started");
	head[3] = _("Finished");
	head[4] = _("Assessor");
	head[5] = _("Level");
	head[6] = _("Score");
	head[7] = _("Remarks");
	report_table_add(t, head);
	for (i = 0; i < n; i++) {
		const struct assessment *a = &list[i];
		char id[32], d1[16], d2[16], score[16], rem[128];
		const char *cells[8];
		bool fin = a->status == ASSESS_FINAL;

		snprintf(id, sizeof id, "%lld", a->id);
		rem[0] = '\0';
		if (a->reopened > 0)
			snprintf(rem, sizeof rem, P_("reopened %d time", "reopened %d times", a->reopened),
			         a->reopened);
		cells[0] = id;
		cells[1] = fin ? _("final") : _("draft");
		cells[2] = report_date(d1, sizeof d1, a->started);
		cells[3] = fin ? report_date(d2, sizeof d2, a->completed) : "";
		cells[4] = a->assessor;
		cells[5] = fin ? report_level_label(a->level) : "";
		cells[6] = fin ? report_score(score, sizeof score, a->overall) : "";
		cells[7] = rem;
		report_table_add(t, cells);
	}
	return table_print(t);
}

static int verb_history(struct store *st, const struct args *a)
{
	struct assessment *list = NULL;
	struct company co;
	enum store_err err;
	size_t n = 0, i;
	int rc;

	if ((rc = find_company(st, a->pos[0], &co)) != EXIT_OK)
		return rc;
	err = store_assessment_list(st, co.id, &list, &n);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else if (a->json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "company", company_json(&co));
		for (i = 0; i < n; i++)
			json_array_append_new(arr, assessment_json(&list[i]));
		json_object_set_new(root, "assessments", arr);
		rc = json_print(root, stdout);
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

/* ---- assess, answer, note, finish, reopen -------------------------------- */

static const char help_assess[] = N_(
	"Usage: smready assess COMPANY [--fresh] [--assessor NAME]\n"
	"\n"
	"Starts a new assessment (a draft) of the company and prints its number on\n"
	"standard output.  The answers and notes of the latest final assessment\n"
	"are carried over to be confirmed or changed, unless --fresh is given.\n"
	"When the company has an open draft already, that draft is resumed.\n"
	"\n"
	"  --fresh           start with no answers\n"
	"  --assessor NAME   who makes the assessment\n"
	"  --help            show this help\n");

/* Tells on stderr what assess started or resumed. */
static void assess_said(struct store *st, const struct company *co, long long id, bool resumed)
{
	struct assessment a;
	struct answer *ans = NULL;
	size_t n = 0;

	memset(&a, 0, sizeof a);
	if (resumed) {
		fprintf(stderr, _("Resuming the open draft #%lld of \"%s\".\n"), id, co->name);
	} else if (store_assessment_get(st, id, &a) == STORE_OK && a.based_on) {
		if (store_answers_load(st, id, &ans, &n) != STORE_OK)
			n = 0;
		store_answers_free(ans, n);
		fprintf(stderr, P_("Started draft #%lld of \"%s\" with %zu answer carried over from "
		                   "#%lld; confirm or change it.\n",
		                   "Started draft #%lld of \"%s\" with %zu answers carried over from "
		                   "#%lld; confirm or change them.\n", n),
		        id, co->name, n, a.based_on);
	} else {
		fprintf(stderr, _("Started draft #%lld of \"%s\".\n"), id, co->name);
	}
	store_assessment_clear(&a);
}

static int verb_assess(struct store *st, const struct args *a)
{
	struct company co;
	enum store_err err;
	bool resumed = false;
	long long id = 0;
	int rc;

	if (a->assessor && check_line(_("The assessor"), a->assessor, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if ((rc = find_company(st, a->pos[0], &co)) != EXIT_OK)
		return rc;
	err = assess_start(st, co.id, !a->fresh, a->assessor, &id, &resumed);
	if (err == STORE_OK && resumed && a->assessor)
		err = store_assessment_set_meta(st, id, a->assessor, NULL);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else {
		assess_said(st, &co, id, resumed);
		printf("%lld\n", id);
	}
	store_company_clear(&co);
	return rc;
}

static const char help_answer[] = N_(
	"Usage: smready answer ASSESSMENT ITEM-KEY VALUE [--note TEXT]\n"
	"\n"
	"Answers one question of a draft.  ASSESSMENT is the draft's number or\n"
	"UUID, or a company name meaning its open draft.  ITEM-KEY is a question's\n"
	"key as listed by 'smready questions'.  VALUE is 0 (not at all) to 4\n"
	"(fully), dk for \"don't know\", or none to clear the answer.\n"
	"\n"
	"  --note TEXT   also set the answer's note\n"
	"  --help        show this help\n");

/* Sets value and, when note is not NULL, the note: both or neither. */
static enum store_err answer_set(struct store *st, long long id, const char *key, int value,
                                 const char *note)
{
	enum store_err err = note ? store_begin(st) : STORE_OK;

	if (err == STORE_OK)
		err = store_answer_set(st, id, key, value);
	if (err == STORE_OK && note)
		err = store_answer_set_note(st, id, key, note);
	if (err == STORE_OK && note)
		err = store_commit(st);
	if (err != STORE_OK && note)
		store_rollback(st);
	return err;
}

static int verb_answer(struct store *st, const struct args *a)
{
	const char *ref = a->pos[0], *key = a->pos[1];
	struct assessment d;
	enum store_err err;
	int rc, value;

	if ((rc = check_key("answer", key)) != EXIT_OK)
		return rc;
	if (!parse_value(a->pos[2], &value)) {
		char shown[CLI_PRINTABLE_SIZE];
		return cli_usage("answer", _("Invalid answer \"%s\": use 0 (not at all) to 4 (fully), "
		                             "dk (don't know) or none."),
		                 cli_printable(shown, sizeof shown, a->pos[2]));
	}
	if (a->note && check_note(_("The note"), a->note))
		return EXIT_FAIL;
	if ((rc = find_draft_item(st, ref, key, &d)) != EXIT_OK)
		return rc;
	err = answer_set(st, d.id, key, value, a->note);
	if (err != STORE_OK)
		rc = cli_store_fail(st, err);
	store_assessment_clear(&d);
	return rc;
}

static const char help_note[] = N_(
	"Usage: smready note ASSESSMENT ITEM-KEY TEXT\n"
	"\n"
	"Sets the note of one answer of a draft (an empty TEXT removes it); the\n"
	"answer's value stays as it is.  ASSESSMENT is as for 'answer'.\n"
	"\n"
	"  --help   show this help\n");

static int verb_note(struct store *st, const struct args *a)
{
	const char *ref = a->pos[0], *key = a->pos[1], *text = a->pos[2];
	struct assessment d;
	enum store_err err;
	int rc;

	if ((rc = check_key("note", key)) != EXIT_OK)
		return rc;
	if (check_note(_("The note"), text))
		return EXIT_FAIL;
	if ((rc = find_draft_item(st, ref, key, &d)) != EXIT_OK)
		return rc;
	err = store_answer_set_note(st, d.id, key, text);
	if (err != STORE_OK)
		rc = cli_store_fail(st, err);
	store_assessment_clear(&d);
	return rc;
}

static const char help_finish[] = N_(
	"Usage: smready finish ASSESSMENT\n"
	"\n"
	"Scores a draft and makes it final.  Questions still unanswered are listed\n"
	"on standard error (they are left out of the score); the readiness level\n"
	"and score are printed on standard output.  ASSESSMENT is as for 'answer'.\n"
	"\n"
	"  --help   show this help\n");

/* Lists unanswered and unconfirmed carried answers on stderr. */
static void finish_warnings(const struct scored *s)
{
	int i, n = 0, carried = 0;

	for (i = 0; i < s->cat->n_items; i++) {
		if (s->values[i] == ANSWER_UNANSWERED)
			n++;
		else if (s->carried[i])
			carried++;
	}
	if (n > 0) {
		fprintf(stderr, P_("%d question is unanswered:", "%d questions are unanswered:", n), n);
		for (i = 0; i < s->cat->n_items; i++)
			if (s->values[i] == ANSWER_UNANSWERED)
				fprintf(stderr, " %s", s->cat->items[i].key);
		fputc('\n', stderr);
	}
	if (carried > 0)
		fprintf(stderr, P_("%d answer was carried over from the previous assessment "
		                   "without being confirmed.\n",
		                   "%d answers were carried over from the previous assessment "
		                   "without being confirmed.\n", carried), carried);
}

static void print_result(const struct scored *s)
{
	int k;

	if (s->score.overall >= 0)
		printf(_("Assessment #%lld is final: %s, score %d of 100.\n"), s->a.id,
		       report_level_label(s->score.level), s->score.overall);
	else
		printf(_("Assessment #%lld is final: %s.\n"), s->a.id, report_level_label(s->score.level));
	for (k = 0; k < s->cat->n_knockouts; k++)
		if (s->score.fired[k])
			printf(_("Knock-out: %s\n"), _(s->cat->knockouts[k].name));
}

static int verb_finish(struct store *st, const struct args *a)
{
	struct assessment d;
	struct scored s;
	enum store_err err;
	int rc;

	if ((rc = find_draft(st, a->pos[0], &d)) != EXIT_OK)
		return rc;
	err = assess_load(st, d.id, &s);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else if (s.score.answered == 0) {
		cli_msg(_("Assessment #%lld has no answers yet; answer at least one question "
		          "before finishing it."), d.id);
		rc = EXIT_FAIL;
	} else {
		finish_warnings(&s);
		/* Finishing changes only the status: s still holds the score. */
		err = assess_finish(st, d.id);
		if (err != STORE_OK)
			rc = cli_store_fail(st, err);
		else
			print_result(&s);
	}
	assess_clear(&s);
	store_assessment_clear(&d);
	return rc;
}

static const char help_reopen[] = N_(
	"Usage: smready reopen ASSESSMENT --reason TEXT\n"
	"\n"
	"Turns a final assessment back into a draft so that it can be corrected;\n"
	"the reason is kept in its history.  ASSESSMENT is a number, a UUID, or a\n"
	"company name meaning its latest final assessment.\n"
	"\n"
	"  --reason TEXT   why it is reopened (required)\n"
	"  --help          show this help\n");

static int verb_reopen(struct store *st, const struct args *a)
{
	struct assessment f;
	enum store_err err;
	long long id;
	int rc;

	if (!a->reason)
		return cli_usage("reopen", "%s", _("Say why with --reason TEXT."));
	if (check_line(_("The reason"), a->reason, TEXT_FIELD_MAX, false))
		return EXIT_FAIL;
	if ((rc = resolve(st, a->pos[0], &id)) != EXIT_OK)
		return rc;
	memset(&f, 0, sizeof f);
	err = store_assessment_get(st, id, &f);
	if (err == STORE_OK && f.status != ASSESS_FINAL) {
		cli_msg(_("Assessment #%lld is a draft already."), id);
		store_assessment_clear(&f);
		return EXIT_FAIL;
	}
	store_assessment_clear(&f);
	if (err == STORE_OK)
		err = store_assessment_reopen(st, id, a->reason);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	printf(_("Assessment #%lld is a draft again; finish it when the corrections are made.\n"),
	       id);
	return EXIT_OK;
}

/* ---- report and compare -------------------------------------------------- */

static const char help_report[] = N_(
	"Usage: smready report REF [--format text|markdown|html] [-o FILE] [--json]\n"
	"\n"
	"Writes a client-ready report of one assessment: level, score, dimension\n"
	"scores, knock-outs, the to-do list, every answer with its note, and what\n"
	"changed since the previous final assessment.  REF is an assessment's\n"
	"number or UUID, or a company name meaning its latest final assessment\n"
	"(or its draft when it has none).\n"
	"\n"
	"  --format FORMAT   text (default), markdown or html\n"
	"  -o, --output FILE write to FILE instead of standard output\n"
	"  --json            the scored result as JSON instead of a report\n"
	"  --help            show this help\n");

static json_t *scored_json(const struct company *co, const struct scored *s)
{
	const struct catalogue *cat = s->cat;
	json_t *root = json_object(), *dims = json_array(), *kos = json_array();
	json_t *answers = json_array(), *recs = json_array();
	int i;

	json_object_set_new(root, "company", company_json(co));
	json_object_set_new(root, "assessment", assessment_json(&s->a));
	json_object_set_new(root, "overall", jscore(s->score.overall));
	json_object_set_new(root, "level", jlevel(s->score.level));
	json_object_set_new(root, "level_name", jstr(report_level_label(s->score.level)));
	json_object_set_new(root, "band", jlevel(s->score.band));
	json_object_set_new(root, "answered", json_integer(s->score.answered));
	json_object_set_new(root, "dont_know", json_integer(s->score.dont_know));
	json_object_set_new(root, "total", json_integer(s->score.total));
	json_object_set_new(root, "completeness", json_integer(s->score.completeness));
	json_object_set_new(root, "unknown_answers", json_integer(s->n_unknown_keys));
	for (i = 0; i < cat->n_dims; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(cat->dims[i].key));
		json_object_set_new(o, "name", jstr(_(cat->dims[i].name)));
		json_object_set_new(o, "score", jscore(s->score.dim[i]));
		json_object_set_new(o, "answered", json_integer(s->score.dim_answered[i]));
		json_object_set_new(o, "total", json_integer(s->score.dim_total[i]));
		json_array_append_new(dims, o);
	}
	json_object_set_new(root, "dimensions", dims);
	for (i = 0; i < cat->n_knockouts; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(cat->knockouts[i].key));
		json_object_set_new(o, "name", jstr(_(cat->knockouts[i].name)));
		json_object_set_new(o, "fired", json_boolean(s->score.fired[i]));
		json_object_set_new(o, "reason", jstr(_(cat->knockouts[i].reason)));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	for (i = 0; i < cat->n_items; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(cat->items[i].key));
		json_object_set_new(o, "dimension", jstr(cat->dims[cat->items[i].dimension].key));
		json_object_set_new(o, "value", janswer(s->values[i]));
		json_object_set_new(o, "label", jstr(_(catalogue_scale_label(s->values[i]))));
		json_object_set_new(o, "note", jstr(s->notes[i]));
		json_object_set_new(o, "carried", json_boolean(s->carried[i]));
		json_array_append_new(answers, o);
	}
	json_object_set_new(root, "answers", answers);
	for (i = 0; i < s->score.n_recs; i++) {
		const struct recommendation *r = &s->score.recs[i];
		json_t *o = json_object();
		json_object_set_new(o, "item", jstr(cat->items[r->item].key));
		json_object_set_new(o, "knockout", json_boolean(r->knockout));
		json_object_set_new(o, "dont_know", json_boolean(r->dont_know));
		json_object_set_new(o, "gap", json_integer(r->gap));
		json_object_set_new(o, "text", jstr(_(cat->items[r->item].recommendation)));
		json_array_append_new(recs, o);
	}
	json_object_set_new(root, "recommendations", recs);
	return root;
}

/* The final assessment before a (for a draft: the latest final), or 0. */
static long long previous_final(struct store *st, const struct assessment *a)
{
	struct assessment f;
	long long prev = 0;
	int nth;

	for (nth = 0;; nth++) {
		memset(&f, 0, sizeof f);
		if (store_assessment_final(st, a->company_id, nth, &f) != STORE_OK)
			break;
		if (a->status != ASSESS_FINAL) {
			prev = f.id;
		} else if (f.id == a->id) {
			store_assessment_clear(&f);
			memset(&f, 0, sizeof f);
			if (store_assessment_final(st, a->company_id, nth + 1, &f) == STORE_OK)
				prev = f.id;
		} else {
			store_assessment_clear(&f);
			continue;
		}
		store_assessment_clear(&f);
		break;
	}
	return prev;
}

/* Opens -o FILE (or stdout). */
static FILE *output_open(const char *path)
{
	FILE *f;

	if (!path || strcmp(path, "-") == 0)
		return stdout;
	f = fopen(path, "w");
	if (!f)
		cli_msg(_("Cannot write %s: %s"), path, strerror(errno));
	return f;
}

/* Closes what output_open() opened.  rc is how writing went (a failure
 * already reported); "Written to" is said only for a complete file. */
static int output_close(FILE *f, const char *path, int rc)
{
	if (f == stdout) {
		if (fflush(stdout) != 0 && rc == EXIT_OK)
			rc = write_fail(NULL);
		return rc;
	}
	if (fclose(f) != 0 && rc == EXIT_OK)
		rc = write_fail(path);
	if (rc == EXIT_OK)
		fprintf(stderr, _("Written to %s.\n"), path);
	return rc;
}

static const char help_compare[] = N_(
	"Usage: smready compare COMPANY [FROM TO] [--format text|markdown|html]\n"
	"                       [-o FILE] [--json]\n"
	"\n"
	"Shows what changed between two assessments of a company: overall score\n"
	"and level, each dimension, knock-outs resolved or new, every answer that\n"
	"improved or got worse (with both notes), and what cannot be compared and\n"
	"why.  Without FROM and TO the latest final assessment is compared with\n"
	"the one before; FROM and TO are assessment numbers or UUIDs.\n"
	"\n"
	"  --format FORMAT   text (default), markdown or html\n"
	"  -o, --output FILE write to FILE instead of standard output\n"
	"  --json            machine-readable output\n"
	"  --help            show this help\n");

static const char *change_key(enum change c)
{
	switch (c) {
	case CHANGE_IMPROVED: return "improved";
	case CHANGE_WORSE: return "worse";
	case CHANGE_NOT_COMPARABLE: return "not-comparable";
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
	json_object_set_new(o, "uuid", jstr(s->a.uuid));
	json_object_set_new(o, "status", json_string(s->a.status == ASSESS_FINAL ? "final" : "draft"));
	json_object_set_new(o, "completed", jtime(s->a.completed));
	json_object_set_new(o, "overall", jscore(s->score.overall));
	json_object_set_new(o, "level", jlevel(s->score.level));
	return o;
}

static json_t *compare_json(const struct company *co, const struct compared *cp)
{
	const struct comparison *c = &cp->cmp;
	json_t *root = json_object(), *dims = json_array(), *kos = json_array();
	json_t *items = json_array(), *counts = json_object();
	int i;

	json_object_set_new(root, "company", company_json(co));
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
		json_object_set_new(o, "key", jstr(d->key));
		json_object_set_new(o, "old", jscore(d->old_score));
		json_object_set_new(o, "new", jscore(d->new_score));
		json_object_set_new(o, "delta", d->comparable ? json_integer(d->delta) : json_null());
		json_array_append_new(dims, o);
	}
	json_object_set_new(root, "dimensions", dims);
	for (i = 0; i < c->n_knockouts; i++) {
		const struct knockout_change *k = &c->knockouts[i];
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(k->key));
		json_object_set_new(o, "was_fired", json_boolean(k->was_fired));
		json_object_set_new(o, "is_fired", json_boolean(k->is_fired));
		json_array_append_new(kos, o);
	}
	json_object_set_new(root, "knockouts", kos);
	for (i = 0; i < c->n_items; i++) {
		const struct item_change *it = &c->items[i];
		const char *rk = reason_key(it->reason);
		json_t *o = json_object();
		json_object_set_new(o, "key", jstr(it->key));
		json_object_set_new(o, "old", janswer(it->old_value));
		json_object_set_new(o, "new", janswer(it->new_value));
		json_object_set_new(o, "delta", json_integer(it->delta));
		json_object_set_new(o, "change", json_string(change_key(it->change)));
		json_object_set_new(o, "reason", rk ? json_string(rk) : json_null());
		json_object_set_new(o, "old_note",
		                    jstr(it->old_item >= 0 ? cp->old.notes[it->old_item] : ""));
		json_object_set_new(o, "new_note",
		                    jstr(it->new_item >= 0 ? cp->new.notes[it->new_item] : ""));
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "items", items);
	json_object_set_new(counts, "improved", json_integer(c->improved));
	json_object_set_new(counts, "worse", json_integer(c->worse));
	json_object_set_new(counts, "unchanged", json_integer(c->unchanged));
	json_object_set_new(counts, "not_comparable", json_integer(c->not_comparable));
	json_object_set_new(counts, "knockouts_resolved", json_integer(c->ko_resolved));
	json_object_set_new(counts, "knockouts_new", json_integer(c->ko_new));
	json_object_set_new(root, "counts", counts);
	return root;
}

static int find_assessment_id(struct store *st, const char *ref, long long *id)
{
	struct assessment a;
	enum store_err err;

	memset(&a, 0, sizeof a);
	err = store_assessment_find(st, ref, &a);
	if (err != STORE_OK) {
		char shown[CLI_PRINTABLE_SIZE];
		return lookup_fail(st, err, _("There is no assessment \"%s\"."),
		                   cli_printable(shown, sizeof shown, ref));
	}
	*id = a.id;
	store_assessment_clear(&a);
	return EXIT_OK;
}

/* Writes the report of s, with prev as its "since last time" part, or
 * when s is NULL the comparison prev: as JSON or in a->fmt, to -o FILE or
 * standard output. */
static int write_report(struct store *st, const struct args *a, const struct company *co,
                        const struct scored *s, const struct compared *prev)
{
	FILE *f;
	int rc = EXIT_OK;

	if (cli_output_is_database(st, a->output))
		return EXIT_FAIL;
	f = output_open(a->output);
	if (!f)
		return EXIT_FAIL;
	if (a->json)
		rc = json_print(s ? scored_json(co, s) : compare_json(co, prev), f);
	else if ((s ? report_assessment(f, a->fmt, co, s, prev)
	            : report_comparison(f, a->fmt, co, prev)) != 0)
		rc = write_fail(a->output);
	return output_close(f, a->output, rc);
}

static int verb_report(struct store *st, const struct args *a)
{
	struct compared prev;
	struct scored s;
	struct company co;
	enum store_err err;
	long long id, prev_id;
	bool have_prev = false;
	int rc;

	if ((rc = resolve(st, a->pos[0], &id)) != EXIT_OK)
		return rc;
	err = assess_load(st, id, &s);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	memset(&co, 0, sizeof co);
	err = store_company_get(st, s.a.company_id, &co);
	if (err != STORE_OK) {
		assess_clear(&s);
		return cli_store_fail(st, err);
	}
	prev_id = a->json ? 0 : previous_final(st, &s.a);
	if (prev_id && assess_compare(st, s.a.company_id, prev_id, id, &prev) == STORE_OK)
		have_prev = true;
	rc = write_report(st, a, &co, &s, have_prev ? &prev : NULL);
	if (have_prev)
		assess_compared_clear(&prev);
	assess_clear(&s);
	store_company_clear(&co);
	return rc;
}

/* Without FROM and TO, a comparison needs two final assessments. */
static int compare_check_two(struct store *st, const struct company *co)
{
	struct assessment f;
	enum store_err err;

	memset(&f, 0, sizeof f);
	err = store_assessment_final(st, co->id, 1, &f);
	store_assessment_clear(&f);
	if (err != STORE_NOT_FOUND)
		return EXIT_OK;
	cli_msg(_("\"%s\" has fewer than two final assessments, so there is nothing to "
	          "compare yet."), co->name);
	return EXIT_FAIL;
}

static int verb_compare(struct store *st, const struct args *a)
{
	struct compared cp;
	struct company co;
	enum store_err err;
	long long from = 0, to = 0;
	int rc;

	if ((rc = find_company(st, a->pos[0], &co)) != EXIT_OK)
		return rc;
	if (a->npos == 3) {
		if ((rc = find_assessment_id(st, a->pos[1], &from)) == EXIT_OK)
			rc = find_assessment_id(st, a->pos[2], &to);
	} else {
		rc = compare_check_two(st, &co);
	}
	if (rc == EXIT_OK) {
		err = assess_compare(st, co.id, from, to, &cp);
		if (err != STORE_OK) {
			rc = cli_store_fail(st, err);
		} else {
			rc = write_report(st, a, &co, NULL, &cp);
			assess_compared_clear(&cp);
		}
	}
	store_company_clear(&co);
	return rc;
}

/* ---- demo, check, backup ------------------------------------------------- */

static const char help_demo[] = N_(
	"Usage: smready demo [--remove]\n"
	"\n"
	"Adds a few sample companies, marked \"(Beispiel)\", each with a year or\n"
	"more of quarterly assessments, to try the program with.  Running it again\n"
	"adds nothing.\n"
	"\n"
	"  --remove   delete the sample companies again\n"
	"  --help     show this help\n");

static int verb_demo(struct store *st, const struct args *a)
{
	enum store_err err;
	int n = 0;

	if (a->remove) {
		err = store_delete_samples(st, &n);
		if (err != STORE_OK)
			return cli_store_fail(st, err);
		printf(P_("Removed %d sample company.\n", "Removed %d sample companies.\n", n), n);
		return EXIT_OK;
	}
	err = assess_demo(st, &n);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	if (n == 0)
		puts(_("The sample companies are there already."));
	else
		printf(P_("Added %d sample company.\n", "Added %d sample companies.\n", n), n);
	return EXIT_OK;
}

static const char help_check[] = N_(
	"Usage: smready check\n"
	"\n"
	"Checks the database file for damage, for rows whose parent row is gone\n"
	"and for text that is not UTF-8.  Prints \"ok\" and exits with 0 when all\n"
	"is well; otherwise prints each problem found and exits with 3.\n"
	"\n"
	"  --help   show this help\n");

static void check_problem(const char *problem, void *ctx)
{
	int *n = ctx;

	(*n)++;
	printf("%s\n", problem);
}

static int verb_check(struct store *st, const struct args *a)
{
	enum store_err err;
	int n = 0;

	(void)a;
	err = store_check(st, check_problem, &n);
	if (err == STORE_OK) {
		puts("ok");
		return EXIT_OK;
	}
	if (n == 0 || err != STORE_CORRUPT || !store_damaged(st))
		return cli_store_fail(st, err);
	cli_msg(_("The database %s is damaged; restore a backup or copy what can still be "
	          "read with 'smready export'."), store_path(st));
	return EXIT_DB;
}

static const char help_backup[] = N_(
	"Usage: smready backup FILE\n"
	"\n"
	"Writes a consistent copy of the database to FILE, which must not exist\n"
	"yet.  Safe while another smready is using the database.\n"
	"\n"
	"  --help   show this help\n");

static int verb_backup(struct store *st, const struct args *a)
{
	const char *file = a->pos[0];
	enum store_err err;

	if (access(file, F_OK) == 0) {
		cli_msg(_("%s exists already; choose a new file name for the backup."), file);
		return EXIT_FAIL;
	}
	err = store_backup(st, file);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	printf(_("Backup written to %s.\n"), file);
	return EXIT_OK;
}

/* ---- the verb table ------------------------------------------------------ */

static const struct verb verbs[] = {
	{ .name = "questions", .run = verb_questions, .help = help_questions,
	  .opts = { OPT_JSON }, .nargs = NARGS(0), .flags = V_READS | V_NO_STORE },
	{ .name = "companies", .run = verb_companies, .help = help_companies,
	  .opts = { OPT_ALL, OPT_JSON }, .nargs = NARGS(0), .flags = V_READS },
	{ .name = "company", .run_argv = verb_company, .help = help_company,
	  .opts = { OPT_INDUSTRY, OPT_CONTACT, OPT_NOTES, OPT_YES }, .nargs = NARGS_ANY },
	{ .name = "history", .run = verb_history, .help = help_history,
	  .opts = { OPT_JSON }, .nargs = NARGS(1),
	  .nargs_msg = N_("'history' needs one company name."), .flags = V_READS },
	{ .name = "assess", .run = verb_assess, .help = help_assess,
	  .opts = { OPT_FRESH, OPT_ASSESSOR }, .nargs = NARGS(1),
	  .nargs_msg = N_("'assess' needs one company name.") },
	{ .name = "answer", .run = verb_answer, .help = help_answer,
	  .opts = { OPT_NOTE }, .nargs = NARGS(3),
	  .nargs_msg = N_("'answer' needs an assessment, a question key and a value.") },
	{ .name = "note", .run = verb_note, .help = help_note,
	  .nargs = NARGS(3),
	  .nargs_msg = N_("'note' needs an assessment, a question key and the text.") },
	{ .name = "finish", .run = verb_finish, .help = help_finish,
	  .nargs = NARGS(1), .nargs_msg = N_("'finish' needs one assessment.") },
	{ .name = "reopen", .run = verb_reopen, .help = help_reopen,
	  .opts = { OPT_REASON }, .nargs = NARGS(1),
	  .nargs_msg = N_("'reopen' needs one assessment.") },
	{ .name = "report", .run = verb_report, .help = help_report,
	  .opts = { OPT_FORMAT, OPT_OUTPUT, OPT_JSON }, .nargs = NARGS(1),
	  .nargs_msg = N_("'report' needs one assessment number or company name."),
	  .flags = V_READS },
	{ .name = "compare", .run = verb_compare, .help = help_compare,
	  .opts = { OPT_FORMAT, OPT_OUTPUT, OPT_JSON }, .nargs = NARGS(1) | NARGS(3),
	  .nargs_msg = N_("'compare' needs a company name, optionally followed by two "
	                  "assessments."),
	  .flags = V_READS },
	{ .name = "demo", .run = verb_demo, .help = help_demo,
	  .opts = { OPT_REMOVE }, .nargs = NARGS(0) },
	{ .name = "check", .run = verb_check, .help = help_check,
	  .nargs = NARGS(0), .flags = V_READS },
	{ .name = "backup", .run = verb_backup, .help = help_backup,
	  .nargs = NARGS(1), .nargs_msg = N_("'backup' needs the name of the file to write."),
	  .flags = V_READS },
	{ .name = "export", .run_argv = cli_export, .flags = V_READS | V_EXTERNAL },
	{ .name = "import", .run_argv = cli_import, .flags = V_EXTERNAL },
};

static const struct verb *verb_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(verbs[i].name, name) == 0)
			return &verbs[i];
	return NULL;
}

bool cli_is_verb(const char *verb)
{
	return verb_find(verb) != NULL;
}

bool cli_verb_reads_only(const char *verb)
{
	const struct verb *v = verb_find(verb);

	return v && (v->flags & V_READS);
}

/* Whether argv (argv[0] the verb or subcommand) asks for v's help.  Parsed
 * with the same tables as args_parse(), on a copy because getopt_long
 * reorders, so that "--note --help" is a note and not a request for help. */
static bool wants_help(const struct verb *v, int argc, char **argv)
{
	struct option longopts[VERB_MAX_OPTS + 2];
	char shortopts[2 * VERB_MAX_OPTS + 3];
	char **copy = malloc(((size_t)argc + 1) * sizeof *copy);
	bool help = false;
	int c;

	if (!copy)
		return false;         /* the verb's own parse still shows the help */
	memcpy(copy, argv, (size_t)argc * sizeof *copy);
	copy[argc] = NULL;
	opts_build(v, longopts, shortopts);
	optind = 0;
	opterr = 0;
	while (!help && (c = getopt_long(argc, copy, shortopts, longopts, NULL)) != -1)
		help = c == OPT_HELP;
	optind = 0;
	free(copy);
	return help;
}

bool cli_runs_without_store(int argc, char **argv)
{
	const struct verb *v = argc > 0 ? verb_find(argv[0]) : NULL;

	if (!v || (v->flags & V_EXTERNAL))
		return false;
	if (v->flags & V_NO_STORE)
		return true;
	if (v->run_argv == verb_company) {
		if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
			return true;
		return wants_help(v, argc - 1, argv + 1);
	}
	return wants_help(v, argc, argv);
}

int cli_run(struct store *st, int argc, char **argv)
{
	const struct verb *v = argc > 0 ? verb_find(argv[0]) : NULL;
	struct args a;
	int rc;

	if (!v) {
		char shown[CLI_PRINTABLE_SIZE];
		cli_msg(_("Unknown command '%s'."),
		        cli_printable(shown, sizeof shown, argc > 0 ? argv[0] : ""));
		fputs(_("Try 'smready --help'.\n"), stderr);
		return EXIT_USAGE;
	}
	if (!st && !cli_runs_without_store(argc, argv)) {
		cli_msg("%s", _("No database is open."));
		return EXIT_DB;
	}
	if (v->run_argv) {
		rc = v->run_argv(st, argc, argv);
	} else if ((rc = args_parse(v, argc, argv, &a)) < 0) {
		/* Only help and usage errors may come without a database. */
		if (!st && !(v->flags & V_NO_STORE)) {
			cli_msg("%s", _("No database is open."));
			return EXIT_DB;
		}
		rc = v->run(st, &a);
	}
	/* Output that could not be written is a failure, said once; main
	 * checks again only for what it prints itself. */
	if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout)))
		rc = write_fail(NULL);
	return rc;
}
