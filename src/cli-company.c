/*
 * cli-company.c - the verbs about companies: "companies" lists the portfolio,
 * "company" adds, edits, renames, archives and deletes one.
 */
#include "config.h"

#include "cli-verbs.h"

#include "cli-args.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess.h"
#include "catalogue.h"
#include "cli-util.h"
#include "cli.h"
#include "i18n.h"
#include "json-out.h"
#include "report.h"
#include "settings.h"
#include "scoring.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"
#include "verdict.h"

/* ---- companies ----------------------------------------------------------- */

const char cli_help_companies[] = N_(
	"Usage: smready companies [--all] [--json]\n"
	"\n"
	"Lists the companies with their number of final assessments, the date,\n"
	"score and level of the latest one, the change since the one before, and\n"
	"\"due\" when the latest is older than the re-check interval of the\n"
	"settings file (91 days unless set), there is none yet, or a draft is open.\n"
	"\n"
	"  --all    include archived companies\n"
	"  --json   machine-readable output\n"
	"  --help   show this help\n");

/* due_days: the settings' re-check interval (DUE_AFTER_DAYS unless set). */
static bool row_due(const struct portfolio_row *r, long long now, int due_days)
{
	return r->draft_id != 0 || r->last_id == 0 || now - r->last_at > due_days * DAY;
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

/* The rows are written as they are read: the JSON as it goes (laid out as
 * json_dumpf with an indent of 2 would lay out the whole list), and the text through the aligned table, which keeps its cells out
 * of memory when they are many; so memory stays flat however many
 * companies there are. */
struct companies_out {
	long long now;
	int due_days;
	size_t n;
	bool failed;
	struct report_table *table;      /* text: the rows, to align them */
	struct jw jw;                    /* --json */
	/* words every row may need, translated once */
	const char *due, *due_draft, *level[LEVEL_COUNT + 1];
	/* "by score alone: Ready" per level by score, made when first needed
	 * (a translation costs more than the rest of a row) */
	char why[LEVEL_COUNT][200];
};

/* Why a stored result is held back ("by score alone: Ready"), or "": the
 * words depend only on the level by score, so each is made once a verb. */
static const char *held_why(struct companies_out *o, int level, int overall)
{
	int band;

	if (!verdict_held_back(level, overall))
		return "";
	band = (int)scoring_band(overall);
	if (band < 0 || band >= LEVEL_COUNT)
		return "";
	if (!o->why[band][0])
		verdict_stored_why(o->why[band], sizeof o->why[band], level, overall);
	return o->why[band];
}

static int company_json_out(const struct portfolio_row *r, void *ctx)
{
	struct companies_out *o = ctx;
	struct jw *w = &o->jw;
	bool rated = r->last_overall >= 0 && r->prev_overall >= 0;

	jw_object(w);
	jw_company_members(w, &r->company, JO_CLI);
	jw_key(w, "final_assessments");
	jw_int(w, r->n_final);
	jw_key(w, "latest_final");
	jw_int_if(w, r->last_id != 0, r->last_id);
	jw_key(w, "latest_date");
	jw_time(w, r->last_at, true);
	jw_key(w, "overall");
	jw_score(w, r->last_overall);
	jw_key(w, "level");
	jw_level(w, r->last_level);
	jw_key(w, "band");
	jw_level(w, r->last_id ? (int)scoring_band(r->last_overall) : -1);
	jw_key(w, "held_back");
	jw_bool(w, verdict_held_back(r->last_level, r->last_overall));
	jw_key(w, "change");
	jw_int_if(w, rated, r->last_overall - r->prev_overall);
	jw_key(w, "draft");
	jw_int_if(w, r->draft_id != 0, r->draft_id);
	jw_key(w, "due");
	jw_bool(w, row_due(r, o->now, o->due_days));
	jw_close(w);
	o->n++;
	return w->failed;
}

static void companies_head(struct report_table *t)
{
	const char *head[9];

	/* The number is what "#5" names on the command line. */
	head[0] = "#";
	head[1] = _("Company");
	head[2] = _("Industry");
	head[3] = _("Final");
	head[4] = _("Latest");
	head[5] = _("Score");
	head[6] = _("Level");
	head[7] = _("Change");
	head[8] = _("Due");
	report_table_add(t, head);
}

static int company_text_row(const struct portfolio_row *r, void *ctx)
{
	struct companies_out *o = ctx;
	char num[32], name[1024], nf[16], date[TIMEFMT_DATE_SIZE], score[16], change[16], level[256];
	const char *why = held_why(o, r->last_level, r->last_overall);
	const char *cells[9];

	int lv = r->last_level >= 0 && r->last_level < LEVEL_COUNT ? r->last_level : LEVEL_COUNT;

	if (r->company.archived)
		snprintf(name, sizeof name, _("%s (archived)"), r->company.name);
	snprintf(nf, sizeof nf, "%d", r->n_final);
	change_cell(change, sizeof change, r);
	snprintf(num, sizeof num, "#%lld", r->company.id);
	cells[0] = num;
	cells[1] = r->company.archived ? name : r->company.name;
	cells[2] = r->company.industry;
	cells[3] = nf;
	cells[4] = timefmt_date(r->last_at, date, sizeof date);
	cells[5] = r->last_id ? report_score(score, sizeof score, r->last_overall) : "";
	/* Held back by stop signs: the level by score alone beside it. */
	if (*why)
		snprintf(level, sizeof level, "%s (%s)", o->level[lv], why);
	else
		snprintf(level, sizeof level, "%s", o->level[lv]);
	cells[6] = r->last_id ? level : "";
	cells[7] = change;
	cells[8] = !row_due(r, o->now, o->due_days) ? "" : r->draft_id ? o->due_draft : o->due;
	if (report_table_add(o->table, cells) != 0) {
		o->failed = true;
		return 1;
	}
	o->n++;
	return 0;
}

int cli_verb_companies(struct store *st, const struct args *a)
{
	struct companies_out o = { .now = store_now(st) };
	struct settings set;
	enum store_err err;

	cli_load_settings(&set);
	o.due_days = set.recheck_days;
	if (a->json) {
		jw_start(&o.jw, stdout, 2);
		jw_array(&o.jw);
		err = store_each_portfolio_row(st, a->all, company_json_out, &o);
		if (err != STORE_OK)
			return cli_store_fail(st, err);
		jw_close(&o.jw);
		if (!jw_end(&o.jw)) {
			cli_msg("%s", _("Could not write the JSON output."));
			return EXIT_FAIL;
		}
		putchar('\n');
		return EXIT_OK;
	}
	o.due = _("due");
	o.due_draft = _("due (draft open)");
	for (int l = 0; l <= LEVEL_COUNT; l++)
		o.level[l] = report_level_label(l < LEVEL_COUNT ? l : -1);
	o.table = report_table_new(9, "rllrlrlrl");
	companies_head(o.table);
	err = store_each_portfolio_row(st, a->all, company_text_row, &o);
	if (err != STORE_OK || o.failed || o.n == 0) {
		report_table_free(o.table);
		if (err != STORE_OK)
			return cli_store_fail(st, err);
		if (o.failed)
			return cli_write_fail(NULL);
		puts(a->all ? _("No companies yet. Add one with 'smready company add NAME', or try "
		                "'smready demo' for sample data.")
		            : _("No active companies. Add one with 'smready company add NAME'; "
		                "'--all' shows archived ones too."));
		return EXIT_OK;
	}
	return cli_table_print(o.table);
}

/* ---- company ------------------------------------------------------------- */

const char cli_help_company[] = N_(
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
	if (a->industry && cli_check_line(_("The industry"), a->industry, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if (a->contact && cli_check_line(_("The contact"), a->contact, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if (a->notes && cli_check_note(_("The notes"), a->notes))
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
	          "regardless of case)."), text_printable(shown, sizeof shown, newname));
	return EXIT_FAIL;
}

static int company_add(struct store *st, const char *name, const struct args *a)
{
	enum store_err err;
	long long id;

	if (cli_check_line(_("The company name"), name, TEXT_NAME_MAX, false) ||
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
	if (cli_confirm(q))
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
		return cli_check_line(_("The new company name"), a->pos[1], TEXT_NAME_MAX, false);
	if (sub == SUB_EDIT)
		return company_fields_check(a);
	return EXIT_OK;
}

int cli_verb_company(struct store *st, const struct verb *v, int argc, char **argv)
{
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
		                 text_printable(shown, sizeof shown, argv[1]));
	}
	if ((rc = cli_args_parse(v, argc - 1, argv + 1, &a)) >= 0 ||
	    (rc = company_check_args(sub, &a)) != EXIT_OK)
		return rc;
	if (sub == SUB_ADD)
		return company_add(st, a.pos[0], &a);
	if ((rc = company_check_values(sub, &a)) != EXIT_OK ||
	    (rc = cli_find_company(st, a.pos[0], &c)) != EXIT_OK)
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

