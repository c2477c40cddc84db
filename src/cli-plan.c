/*
 * cli-plan.c - the action plan from a script: "plan" shows a company's
 * actions, "action" adds one, changes its status or its fields, and "due"
 * lists what is due across the portfolio (re-checks and actions) with an
 * exit status of its own when something is, for cron jobs and prompts.
 */
#include "config.h"

#include "cli-verbs.h"

#include "cli-args.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess-plan.h"
#include "catalogue.h"
#include "cli-util.h"
#include "cli.h"
#include "i18n.h"
#include "json-out.h"
#include "plan.h"
#include "report.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"

#define DUE_WITHIN_MAX 3660       /* days "due --within" looks ahead at most */
#define KEY_TEXT 101              /* a question key as typed, cut to this */

/* ---- what the verbs share ------------------------------------------------- */

/* Whether the action is open or in progress and due before today. */
static bool overdue(const struct action *a, const char *today)
{
	return !plan_status_closed(a->status) && a->due[0] && strcmp(a->due, today) < 0;
}

/* "goals.purpose → 3 – largely; policy.document → 3 – largely". */
static void aims_words(char *buf, size_t n, const struct action *a)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->n_items && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s → %d – %s", i ? "; " : "",
		                        a->items[i].key, a->items[i].target,
		                        _(catalogue_scale_label(a->items[i].target)));
}

/* Finds the action that pos[0] names, its UUID or the start of one
 * (npos 1), or pos[0] pos[1]: a company and the action's number within it
 * (npos 2). */
static int find_action(struct store *st, char **pos, int npos, struct action *a)
{
	char shown[CLI_PRINTABLE_SIZE];
	enum store_err err;

	memset(a, 0, sizeof *a);
	if (npos == 2) {
		const char *num = pos[1];
		struct company c;
		int rc;

		if (!*num || strspn(num, "0123456789") != strlen(num) || strlen(num) > 8)
			return cli_usage("action", _("\"%s\" is not an action's number within its "
			                             "company."), text_printable(shown, sizeof shown, num));
		if ((rc = cli_find_company(st, pos[0], &c)) != EXIT_OK)
			return rc;
		err = store_action_number(st, c.id, atoi(num), a);
		if (err == STORE_NOT_FOUND)
			cli_msg(_("\"%s\" has no action %s; 'smready plan \"%s\" --all' lists them."),
			        c.name, num, c.name);
		store_company_clear(&c);
		if (err == STORE_NOT_FOUND)
			return EXIT_FAIL;
		return err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
	}
	err = store_action_find(st, pos[0], a);
	/* A bare number is taken for an action's number, without its
	 * company; other short texts for too short a start of a UUID. */
	if (err == STORE_NOT_FOUND && *pos[0] && strlen(pos[0]) < 4 &&
	    strspn(pos[0], "0123456789") != strlen(pos[0])) {
		cli_msg("%s", store_error(st));    /* says how long */
		return EXIT_FAIL;
	}
	if (err == STORE_NOT_FOUND) {
		cli_msg(_("There is no action \"%s\": name one by its UUID or the start of it, or as "
		          "COMPANY NUMBER (as 'smready plan COMPANY' numbers them)."),
		        text_printable(shown, sizeof shown, pos[0]));
		return EXIT_FAIL;
	}
	return err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
}

/* The company's name for a message; "" when it cannot be read. */
static char *company_name(struct store *st, long long id)
{
	struct company c;
	char *name;

	if (store_company_get(st, id, &c) != STORE_OK)
		return strdup("");
	name = strdup(c.name);
	store_company_clear(&c);
	return name;
}

/* ---- plan ------------------------------------------------------------------ */

const char cli_help_plan[] = N_(
	"Usage: smready plan COMPANY [--all] [--json]\n"
	"\n"
	"Shows the company's action plan: the actions open or in progress, by due\n"
	"date, each with its number, its status (\"overdue\" when its due date has\n"
	"passed), who does it, the questions it aims at with the answer aimed for,\n"
	"and its note; then how many are done or dropped.  An action is named on\n"
	"the command line by its UUID or the start of it, or as COMPANY NUMBER.\n"
	"\n"
	"  --all    list the done and dropped actions too\n"
	"  --json   machine-readable output, every action with its changes\n"
	"  --help   show this help\n");

static void plan_print_one(const struct action *a, const char *today)
{
	const char *status = _(plan_status_text(a->status));
	char date[TIMEFMT_DATE_SIZE], line[1024], aims[1200];

	timefmt_day_show(a->due, date, sizeof date);
	if (overdue(a, today))
		snprintf(line, sizeof line, _("%3d  %s, due %s (overdue)"), a->number, status, date);
	else if (a->due[0])
		snprintf(line, sizeof line, _("%3d  %s, due %s"), a->number, status, date);
	else
		snprintf(line, sizeof line, _("%3d  %s, no due date"), a->number, status);
	if (a->owner[0]) {
		size_t len = strlen(line);

		snprintf(line + len, sizeof line - len, "  %s %s", _("Owner:"), a->owner);
	}
	printf("%s\n", line);
	report_wrap(stdout, "     ", 5, a->title);
	if (a->n_items) {
		char prefix[64];

		aims_words(aims, sizeof aims, a);
		snprintf(prefix, sizeof prefix, "     %s ", _("Aims at:"));
		report_wrap(stdout, prefix, 7, aims);
	}
	if (a->note[0]) {
		char prefix[64];

		snprintf(prefix, sizeof prefix, "     %s ", _("Note:"));
		report_wrap(stdout, prefix, 7, a->note);
	}
	printf("     %s %s\n", _("UUID:"), a->uuid);
}

static int plan_text(const struct company *c, const struct action *list, size_t n,
                     const char *today, bool all)
{
	int open = 0, late = 0, closed = 0;

	for (size_t i = 0; i < n; i++) {
		if (plan_status_closed(list[i].status))
			closed++;
		else {
			open++;
			late += overdue(&list[i], today);
		}
	}
	if (n == 0) {
		printf(_("\"%s\" has no action plan yet; add an action with 'smready action add'.\n"),
		       c->name);
		return EXIT_OK;
	}
	printf(P_("Action plan of \"%s\": %d action open or in progress",
	          "Action plan of \"%s\": %d actions open or in progress", open), c->name, open);
	if (late)
		printf(P_(", %d of them overdue", ", %d of them overdue", late), late);
	printf(P_("; %d done or dropped.\n", "; %d done or dropped.\n", closed), closed);
	for (size_t i = 0; i < n; i++) {
		if (plan_status_closed(list[i].status) && !all)
			continue;
		putchar('\n');
		plan_print_one(&list[i], today);
	}
	if (closed && !all)
		printf(P_("\n%d done or dropped action is not shown; --all lists it.\n",
		          "\n%d done or dropped actions are not shown; --all lists them.\n", closed),
		       closed);
	return EXIT_OK;
}

static int plan_json(const struct company *c, const struct action *list, size_t n,
                     const char *today)
{
	json_t *root = json_object(), *arr = json_array();
	bool ok = root && arr;

	for (size_t i = 0; ok && i < n; i++) {
		json_t *o = jo_action(&list[i], JO_CLI, today);

		ok = o && json_array_append_new(arr, o) == 0;
	}
	ok = ok && jo_set(root, "company", jo_company(c, JO_CLI));
	ok = ok && jo_set(root, "today", jo_str(today));
	if (ok) {
		ok = jo_set(root, "actions", arr);
		arr = NULL;
	}
	json_decref(arr);
	if (!ok) {
		json_decref(root);
		root = NULL;
	}
	return cli_json_print(root, stdout);
}

int cli_verb_plan(struct store *st, const struct args *a)
{
	struct company c;
	struct action *list;
	char today[TIMEFMT_DAY_SIZE];
	enum store_err err;
	size_t n;
	int rc;

	if ((rc = cli_find_company(st, a->pos[0], &c)) != EXIT_OK)
		return rc;
	assess_today(st, today, sizeof today);
	err = store_action_list(st, c.id, &list, &n);
	if (err != STORE_OK)
		rc = cli_store_fail(st, err);
	else
		rc = a->json ? plan_json(&c, list, n, today) : plan_text(&c, list, n, today, a->all);
	if (err == STORE_OK)
		store_actions_free(list, n);
	store_company_clear(&c);
	return rc;
}

/* ---- action ------------------------------------------------------------------ */

const char cli_help_action[] = N_(
	"Usage: smready action add COMPANY TITLE [--item KEY[=TARGET]]... [--owner NAME]\n"
	"                          [--due DAY] [--note TEXT]\n"
	"       smready action start|done|drop|reopen ID|COMPANY NUMBER\n"
	"       smready action edit ID|COMPANY NUMBER [--title TEXT] [--owner NAME]\n"
	"                          [--due DAY | --no-due] [--note TEXT]\n"
	"\n"
	"Adds an action to a company's plan, changes its status (start: in\n"
	"progress; done; drop: given up; reopen: open again), or changes its\n"
	"fields.  Every change of status is kept with its date.  'add' prints the\n"
	"new action's UUID on standard output.  ID is the action's UUID or the\n"
	"start of it; COMPANY NUMBER names it by its number within the company.\n"
	"\n"
	"  --item KEY[=TARGET]  a question the action aims at ('smready questions'\n"
	"                    lists the keys) and the answer it aims for, 0 to 4\n"
	"                    (default: 3, or above the stop sign's caution); up to 8\n"
	"  --owner NAME      who does it\n"
	"  --due DAY         by when: YYYY-MM-DD, DD.MM.YYYY, or +N for N days from\n"
	"                    today\n"
	"  --no-due          remove the due date\n"
	"  --title TEXT      what is to be done\n"
	"  --note TEXT       a note\n"
	"  --help            show this help\n");

enum action_sub { SUB_ADD, SUB_START, SUB_DONE, SUB_DROP, SUB_REOPEN, SUB_EDIT };

static const char *const action_subs[] = {
	[SUB_ADD] = "add", [SUB_START] = "start", [SUB_DONE] = "done", [SUB_DROP] = "drop",
	[SUB_REOPEN] = "reopen", [SUB_EDIT] = "edit",
};

static const enum plan_status sub_status[] = {
	[SUB_START] = PLAN_STARTED, [SUB_DONE] = PLAN_DONE, [SUB_DROP] = PLAN_DROPPED,
	[SUB_REOPEN] = PLAN_OPEN,
};

/* Whether the arguments and options fit the subcommand. */
static int action_check_args(enum action_sub sub, const struct args *a)
{
	const char *name = action_subs[sub];
	bool fields = a->owner || a->due || a->no_due || a->note || a->title;

	if (sub == SUB_ADD) {
		if (a->npos != 2)
			return cli_usage("action", "%s", _("'action add' needs a company and the "
			                                   "action's title; quote texts with spaces."));
		if (a->title || a->no_due)
			return cli_usage("action", "%s", _("'action add' takes the title as its "
			                                   "second argument, and no --no-due."));
		if (a->n_items > CLI_MAX_ITEMS)
			return cli_usage("action", _("An action can aim at %d questions at most."),
			                 CLI_MAX_ITEMS);
		return EXIT_OK;
	}
	if (a->npos != 1 && a->npos != 2)
		return cli_usage("action", _("'action %s' needs one action: its UUID, or a company "
		                             "and the action's number within it."), name);
	if (a->n_items)
		return cli_usage("action", _("'action %s' takes no --item: what an action aims at "
		                             "is set when it is added."), name);
	if (sub != SUB_EDIT && fields)
		return cli_usage("action", _("'action %s' takes no --title, --owner, --due, "
		                             "--no-due or --note; see 'action edit'."), name);
	if (sub == SUB_EDIT && !fields)
		return cli_usage("action", "%s", _("Say what to change: --title, --owner, --due, "
		                                   "--no-due or --note."));
	if (a->due && a->no_due)
		return cli_usage("action", "%s", _("Give --due or --no-due, not both."));
	return EXIT_OK;
}

/* The due date as given, in its normal form into out ("" for none). */
static int action_due(struct store *st, const struct args *a, char *out, size_t n)
{
	char today[TIMEFMT_DAY_SIZE], shown[CLI_PRINTABLE_SIZE];

	out[0] = '\0';
	if (!a->due)
		return EXIT_OK;
	assess_today(st, today, sizeof today);
	if (timefmt_day_parse(a->due, today, out, n))
		return EXIT_OK;
	return cli_usage("action", _("\"%s\" is not a day: use YYYY-MM-DD, DD.MM.YYYY, or +N for "
	                             "N days from today."), text_printable(shown, sizeof shown,
	                                                                   a->due));
}

/* The fields of a new or changed action, checked with the store's rules. */
static int action_fields_check(const struct args *a, const char *title)
{
	if (title && cli_check_line(_("The action's title"), title, TEXT_FIELD_MAX, false))
		return EXIT_FAIL;
	if (a->owner && cli_check_line(_("The action's owner"), a->owner, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if (a->note && cli_check_note(_("The action's note"), a->note))
		return EXIT_FAIL;
	return EXIT_OK;
}

/* --item KEY[=TARGET] into items; KEY may also be the question's number
 * as the screens show it ("2.3"). */
static int action_items(const struct args *a, struct plan_aim *items,
                        char keys[][KEY_TEXT])
{
	const struct catalogue *cat = catalogue_builtin();
	char shown[CLI_PRINTABLE_SIZE];

	for (int i = 0; i < a->n_items; i++) {
		const char *eq = strchr(a->items[i], '=');
		size_t len = eq ? (size_t)(eq - a->items[i]) : strlen(a->items[i]);
		int idx;

		if (len >= KEY_TEXT)
			len = KEY_TEXT - 1;
		memcpy(keys[i], a->items[i], len);
		keys[i][len] = '\0';
		idx = catalogue_item_lookup(cat, keys[i]);
		if (idx < 0)
			return cli_check_key("action", keys[i]);   /* says it is unknown */
		items[i].key = cat->items[idx].key;
		for (int j = 0; j < i; j++)
			if (strcmp(items[j].key, items[i].key) == 0)
				return cli_usage("action", _("The question \"%s\" is named twice."),
				                 items[i].key);
		items[i].target = plan_target(cat, idx);
		if (eq) {
			if (eq[1] < '0' || eq[1] > '4' || eq[2] != '\0')
				return cli_usage("action", _("\"%s\": the answer to aim for is a number "
				                             "from 0 to 4."),
				                 text_printable(shown, sizeof shown, a->items[i]));
			items[i].target = eq[1] - '0';
		}
	}
	return EXIT_OK;
}

static int action_add(struct store *st, const struct args *a)
{
	const struct catalogue *cat = catalogue_builtin();
	struct plan_aim items[CLI_MAX_ITEMS];
	char keys[CLI_MAX_ITEMS][KEY_TEXT], due[TIMEFMT_DAY_SIZE];
	struct action_fields f;
	struct action made;
	struct company c;
	enum store_err err;
	long long id = 0;
	int rc;

	if ((rc = action_fields_check(a, a->pos[1])) != EXIT_OK ||
	    (rc = action_items(a, items, keys)) != EXIT_OK ||
	    (rc = action_due(st, a, due, sizeof due)) != EXIT_OK ||
	    (rc = cli_find_company(st, a->pos[0], &c)) != EXIT_OK)
		return rc;
	memset(&f, 0, sizeof f);
	f.title = a->pos[1];
	f.owner = a->owner;
	f.due = due;
	f.note = a->note;
	f.questionnaire = cat->id;
	f.qversion = cat->version;
	f.items = items;
	f.n_items = (size_t)a->n_items;
	err = store_action_add(st, c.id, &f, &id);
	if (err == STORE_OK)
		err = store_action_get(st, id, &made);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else {
		fprintf(stderr, _("Added action %d to \"%s\".\n"), made.number, c.name);
		printf("%s\n", made.uuid);
		store_action_clear(&made);
	}
	store_company_clear(&c);
	return rc;
}

static int action_status(struct store *st, enum action_sub sub, const struct action *a)
{
	enum plan_status to = sub_status[sub];
	char *name = company_name(st, a->company_id);
	enum store_err err;
	bool changed = false;

	err = store_action_set_status(st, a->id, to, &changed);
	if (err != STORE_OK) {
		free(name);
		return cli_store_fail(st, err);
	}
	if (changed)
		/* TRANSLATORS: "Action 3 of "Müller GmbH" is done now: Write the policy." */
		printf(_("Action %d of \"%s\" is %s now: %s\n"), a->number, name ? name : "",
		       _(plan_status_text(to)), a->title);
	else
		printf(_("Action %d of \"%s\" was %s already: %s\n"), a->number, name ? name : "",
		       _(plan_status_text(to)), a->title);
	free(name);
	return EXIT_OK;
}

static int action_edit(struct store *st, const struct args *a, const struct action *act)
{
	char due[TIMEFMT_DAY_SIZE], *name;
	enum store_err err;
	int rc;

	if ((rc = action_fields_check(a, a->title)) != EXIT_OK ||
	    (rc = action_due(st, a, due, sizeof due)) != EXIT_OK)
		return rc;
	err = store_action_update(st, act->id, a->title, a->owner,
	                          a->due ? due : a->no_due ? "" : NULL, a->note);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	name = company_name(st, act->company_id);
	printf(_("Updated action %d of \"%s\".\n"), act->number, name ? name : "");
	free(name);
	return EXIT_OK;
}

int cli_verb_action(struct store *st, const struct verb *v, int argc, char **argv)
{
	struct action act;
	struct args a;
	size_t sub;
	int rc;

	if (argc < 2)
		return cli_usage("action", "%s", _("Say what to do: add, start, done, drop, reopen "
		                                   "or edit."));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_help(v->help);
	for (sub = 0; sub < sizeof action_subs / sizeof action_subs[0]; sub++)
		if (strcmp(argv[1], action_subs[sub]) == 0)
			break;
	if (sub == sizeof action_subs / sizeof action_subs[0]) {
		char shown[CLI_PRINTABLE_SIZE];
		return cli_usage("action", _("Unknown action command '%s'."),
		                 text_printable(shown, sizeof shown, argv[1]));
	}
	if ((rc = cli_args_parse(v, argc - 1, argv + 1, &a)) >= 0 ||
	    (rc = action_check_args(sub, &a)) != EXIT_OK)
		return rc;
	if (sub == SUB_ADD)
		return action_add(st, &a);
	if ((rc = find_action(st, a.pos, a.npos, &act)) != EXIT_OK)
		return rc;
	rc = sub == SUB_EDIT ? action_edit(st, &a, &act) : action_status(st, sub, &act);
	store_action_clear(&act);
	return rc;
}

/* ---- due ----------------------------------------------------------------------- */

const char cli_help_due[] = N_(
	"Usage: smready due [--within DAYS] [--json]\n"
	"\n"
	"Lists what is due across the portfolio (archived companies aside): the\n"
	"re-checks (a company never assessed, one with an assessment in progress,\n"
	"or one whose last final assessment is older than the re-check interval of\n"
	"the settings file) and the actions open or in progress whose due date has\n"
	"come, each with its number, marked \"overdue\" when its day has passed.\n"
	"With --within, also what falls due in the next DAYS days.  Exit status 0\n"
	"when nothing is due, 5 when something is: for a cron job or a shell\n"
	"prompt.\n"
	"\n"
	"  --within DAYS   look DAYS days ahead (0 to 3660; default 0: today)\n"
	"  --json          machine-readable output\n"
	"  --help          show this help\n");

enum recheck_why { RECHECK_NEVER, RECHECK_DRAFT, RECHECK_INTERVAL };

struct recheck {
	const struct portfolio_row *row;
	enum recheck_why why;
	char day[TIMEFMT_DAY_SIZE];   /* when it is due; "" when no assessment yet */
};

static const char *const recheck_keys[] = {
	[RECHECK_NEVER] = "never-assessed", [RECHECK_DRAFT] = "in-progress",
	[RECHECK_INTERVAL] = "interval",
};

/* Whether row's re-check is due by until, and why. */
static bool recheck_due(const struct portfolio_row *r, int days, const char *until,
                        struct recheck *out)
{
	char last[TIMEFMT_DAY_SIZE];

	memset(out, 0, sizeof *out);
	out->row = r;
	if (r->draft_id) {
		out->why = RECHECK_DRAFT;
		return true;
	}
	if (!r->last_id) {
		out->why = RECHECK_NEVER;
		return true;
	}
	out->why = RECHECK_INTERVAL;
	timefmt_day(r->last_at, last, sizeof last);
	if (!timefmt_day_add(last, days, out->day, sizeof out->day))
		return false;
	return strcmp(out->day, until) <= 0;
}

static void due_text_recheck(struct report_table *t, const struct recheck *rc,
                             const char *today)
{
	char when[TIMEFMT_DATE_SIZE + 64], date[TIMEFMT_DATE_SIZE], what[300];
	const char *cells[5];

	when[0] = '\0';
	switch (rc->why) {
	case RECHECK_NEVER:
		snprintf(what, sizeof what, "%s", _("re-check: no assessment yet"));
		break;
	case RECHECK_DRAFT:
		snprintf(what, sizeof what, "%s", _("re-check: an assessment is in progress"));
		break;
	case RECHECK_INTERVAL:
		timefmt_day_show(rc->day, date, sizeof date);
		snprintf(when, sizeof when, strcmp(rc->day, today) < 0 ? _("%s, overdue") : "%s",
		         date);
		timefmt_date(rc->row->last_at, date, sizeof date);
		snprintf(what, sizeof what, _("re-check: the last final assessment is of %s"), date);
		break;
	}
	cells[0] = rc->row->company.name;
	cells[1] = "";
	cells[2] = when;
	cells[3] = "";
	cells[4] = what;
	report_table_add(t, cells);
}

static void due_text_action(struct report_table *t, const struct action *a,
                            const char *company, const char *today)
{
	char num[16], when[TIMEFMT_DATE_SIZE + 64], date[TIMEFMT_DATE_SIZE];
	const char *cells[5];

	snprintf(num, sizeof num, "%d", a->number);
	timefmt_day_show(a->due, date, sizeof date);
	snprintf(when, sizeof when, strcmp(a->due, today) < 0 ? _("%s, overdue") : "%s", date);
	/* The title last: a long one then pushes nothing to the right. */
	cells[0] = company;
	cells[1] = num;
	cells[2] = when;
	cells[3] = a->owner;
	cells[4] = a->title;
	report_table_add(t, cells);
}

struct due_list {
	struct recheck *rechecks;
	size_t n_rechecks;
	struct action *actions;
	size_t n_actions;
	char **companies;             /* per action: its company's name */
};

static void due_list_free(struct due_list *d)
{
	for (size_t i = 0; d->companies && i < d->n_actions; i++)
		free(d->companies[i]);
	free(d->companies);
	store_actions_free(d->actions, d->n_actions);
	free(d->rechecks);
}

static int due_print_text(const struct due_list *d, const char *today, const char *until)
{
	char shown[TIMEFMT_DATE_SIZE];
	struct report_table *t;
	const char *head[5];

	if (d->n_rechecks == 0 && d->n_actions == 0) {
		if (strcmp(today, until) == 0)
			printf("%s\n", _("Nothing is due today."));
		else
			printf(_("Nothing is due by %s.\n"), timefmt_day_show(until, shown, sizeof shown));
		return EXIT_OK;
	}
	t = report_table_new(5, "lrlll");
	if (!t) {
		cli_msg("%s", _("Out of memory."));
		return EXIT_FAIL;
	}
	head[0] = _("Company");
	/* TRANSLATORS: the column of an action's number within its company. */
	head[1] = _("Action");
	head[2] = _("Due");
	head[3] = _("Owner");
	head[4] = _("What");
	report_table_add(t, head);
	for (size_t i = 0; i < d->n_rechecks; i++)
		due_text_recheck(t, &d->rechecks[i], today);
	for (size_t i = 0; i < d->n_actions; i++)
		due_text_action(t, &d->actions[i], d->companies[i], today);
	return cli_table_print(t) == EXIT_OK ? EXIT_DUE : EXIT_FAIL;
}

static int due_print_json(const struct due_list *d, const char *today, const char *until)
{
	json_t *root = json_object(), *rechecks = json_array(), *actions = json_array();
	bool ok = root && rechecks && actions;
	int rc;

	for (size_t i = 0; ok && i < d->n_rechecks; i++) {
		const struct recheck *r = &d->rechecks[i];
		json_t *o = json_object();

		ok = o && jo_set(o, "company", jo_company(&r->row->company, JO_CLI)) &&
		     jo_set(o, "reason", json_string(recheck_keys[r->why])) &&
		     jo_set(o, "due", r->day[0] ? json_string(r->day) : json_null()) &&
		     jo_set(o, "overdue", json_boolean(r->day[0] && strcmp(r->day, today) < 0)) &&
		     jo_set(o, "latest_date", jo_time(r->row->last_at, true)) &&
		     json_array_append_new(rechecks, o) == 0;
	}
	for (size_t i = 0; ok && i < d->n_actions; i++) {
		json_t *o = jo_action(&d->actions[i], JO_CLI, today);

		ok = o && jo_set(o, "company", jo_str(d->companies[i])) &&
		     jo_set(o, "company_id", json_integer(d->actions[i].company_id)) &&
		     json_array_append_new(actions, o) == 0;
	}
	ok = ok && jo_set(root, "today", jo_str(today)) && jo_set(root, "until", jo_str(until));
	if (ok) {
		ok = jo_set(root, "rechecks", rechecks);
		rechecks = NULL;
	}
	if (ok) {
		ok = jo_set(root, "actions", actions);
		actions = NULL;
	}
	json_decref(rechecks);
	json_decref(actions);
	if (!ok) {
		json_decref(root);
		root = NULL;
	}
	rc = cli_json_print(root, stdout);
	if (rc != EXIT_OK)
		return rc;
	return d->n_rechecks || d->n_actions ? EXIT_DUE : EXIT_OK;
}

/* --within DAYS: 0..DUE_WITHIN_MAX. */
static int due_within(const struct args *a, int *days)
{
	char shown[CLI_PRINTABLE_SIZE];
	char *end;
	long v;

	*days = 0;
	if (!a->within)
		return EXIT_OK;
	v = strtol(a->within, &end, 10);
	if (!*a->within || *end || a->within[0] == '-' || a->within[0] == '+' || v < 0 ||
	    v > DUE_WITHIN_MAX)
		return cli_usage("due", _("--within takes a number of days from 0 to %d, not "
		                          "\"%s\"."), DUE_WITHIN_MAX,
		                 text_printable(shown, sizeof shown, a->within));
	*days = (int)v;
	return EXIT_OK;
}

int cli_verb_due(struct store *st, const struct args *a)
{
	struct portfolio_row *rows = NULL;
	struct due_list d;
	struct settings set;
	char today[TIMEFMT_DAY_SIZE], until[TIMEFMT_DAY_SIZE];
	enum store_err err;
	size_t n = 0;
	int rc, within;

	if ((rc = due_within(a, &within)) != EXIT_OK)
		return rc;
	memset(&d, 0, sizeof d);
	cli_load_settings(&set);
	assess_today(st, today, sizeof today);
	if (!timefmt_day_add(today, within, until, sizeof until)) {
		cli_msg("%s", _("That is beyond the last day smready can write."));
		return EXIT_FAIL;
	}
	err = store_portfolio(st, false, &rows, &n);
	if (err == STORE_OK)
		err = store_actions_due(st, until, &d.actions, &d.n_actions);
	if (err != STORE_OK) {
		store_portfolio_free(rows, n);
		return cli_store_fail(st, err);
	}
	d.rechecks = calloc(n ? n : 1, sizeof *d.rechecks);
	d.companies = calloc(d.n_actions ? d.n_actions : 1, sizeof *d.companies);
	rc = d.rechecks && d.companies ? EXIT_OK : EXIT_FAIL;
	for (size_t i = 0; rc == EXIT_OK && i < n; i++)
		if (recheck_due(&rows[i], set.recheck_days, until, &d.rechecks[d.n_rechecks]))
			d.n_rechecks++;
	for (size_t i = 0; rc == EXIT_OK && i < d.n_actions; i++)
		if (!(d.companies[i] = company_name(st, d.actions[i].company_id)))
			rc = EXIT_FAIL;
	if (rc != EXIT_OK)
		cli_msg("%s", _("Out of memory."));
	else
		rc = a->json ? due_print_json(&d, today, until) : due_print_text(&d, today, until);
	due_list_free(&d);
	store_portfolio_free(rows, n);
	return rc;
}
