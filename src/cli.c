/*
 * cli.c - the command line's frame: the verb table (so main can tell a
 * typo from a verb before touching the database, and so each verb's
 * options, help and number of arguments are declared in one place), the
 * one option parser, and the dispatch.  The verbs themselves are in
 * cli-company.c, cli-assess.c, cli-report.c, cli-plan.c, cli-upkeep.c
 * and cli-exchange.c; what they share is in cli-util.c.
 */
#include "config.h"

#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-args.h"
#include "cli-verbs.h"
#include "i18n.h"
#include "report.h"
#include "store.h"
#include "text.h"

/* ---- the verb table ------------------------------------------------------ */

static const struct verb verbs[] = {
	{ .name = "questions", .run = cli_verb_questions, .help = cli_help_questions,
	  .opts = { OPT_JSON }, .nargs = NARGS(0), .flags = V_READS | V_NO_STORE },
	{ .name = "companies", .run = cli_verb_companies, .help = cli_help_companies,
	  .opts = { OPT_ALL, OPT_JSON }, .nargs = NARGS(0), .flags = V_READS },
	{ .name = "company", .run_argv = cli_verb_company, .help = cli_help_company,
	  .opts = { OPT_INDUSTRY, OPT_CONTACT, OPT_NOTES, OPT_YES }, .nargs = NARGS_ANY },
	{ .name = "history", .run = cli_verb_history, .help = cli_help_history,
	  .opts = { OPT_JSON }, .nargs = NARGS(1),
	  .nargs_msg = N_("'history' needs one company name."), .flags = V_READS },
	{ .name = "assess", .run = cli_verb_assess, .help = cli_help_assess,
	  .opts = { OPT_FRESH, OPT_ASSESSOR }, .nargs = NARGS(1),
	  .nargs_msg = N_("'assess' needs one company name.") },
	{ .name = "answer", .run = cli_verb_answer, .help = cli_help_answer,
	  .opts = { OPT_NOTE }, .nargs = NARGS(3),
	  .nargs_msg = N_("'answer' needs an assessment, a question key and a value.") },
	{ .name = "note", .run = cli_verb_note, .help = cli_help_note,
	  .nargs = NARGS(3),
	  .nargs_msg = N_("'note' needs an assessment, a question key and the text.") },
	{ .name = "finish", .run = cli_verb_finish, .help = cli_help_finish,
	  .nargs = NARGS(1), .nargs_msg = N_("'finish' needs one assessment.") },
	{ .name = "discard", .run = cli_verb_discard, .help = cli_help_discard,
	  .opts = { OPT_YES }, .nargs = NARGS(1),
	  .nargs_msg = N_("'discard' needs one draft: its number or its company.") },
	{ .name = "reopen", .run = cli_verb_reopen, .help = cli_help_reopen,
	  .opts = { OPT_REASON }, .nargs = NARGS(1),
	  .nargs_msg = N_("'reopen' needs one assessment.") },
	{ .name = "report", .run = cli_verb_report, .help = cli_help_report,
	  .opts = { OPT_FORMAT, OPT_OUTPUT, OPT_JSON }, .nargs = NARGS(1) | NARGS(2),
	  .nargs_msg = N_("'report' needs an assessment, or a company and the number of one "
	                  "of its assessments."),
	  .flags = V_READS },
	{ .name = "compare", .run = cli_verb_compare, .help = cli_help_compare,
	  .opts = { OPT_FORMAT, OPT_OUTPUT, OPT_JSON }, .nargs = NARGS(1) | NARGS(3),
	  .nargs_msg = N_("'compare' needs a company name, optionally followed by two "
	                  "assessments."),
	  .flags = V_READS },
	{ .name = "plan", .run = cli_verb_plan, .help = cli_help_plan,
	  .opts = { OPT_ALL, OPT_JSON }, .nargs = NARGS(1),
	  .nargs_msg = N_("'plan' needs one company name."), .flags = V_READS },
	{ .name = "action", .run_argv = cli_verb_action, .help = cli_help_action,
	  .opts = { OPT_ITEM, OPT_OWNER, OPT_DUE, OPT_NO_DUE, OPT_TITLE, OPT_NOTE },
	  .nargs = NARGS_ANY },
	{ .name = "due", .run = cli_verb_due, .help = cli_help_due,
	  .opts = { OPT_WITHIN, OPT_JSON }, .nargs = NARGS(0), .flags = V_READS },
	{ .name = "demo", .run = cli_verb_demo, .help = cli_help_demo,
	  .opts = { OPT_REMOVE }, .nargs = NARGS(0) },
	{ .name = "check", .run = cli_verb_check, .help = cli_help_check,
	  .nargs = NARGS(0), .flags = V_READS },
	{ .name = "backup", .run = cli_verb_backup, .help = cli_help_backup,
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

bool cli_runs_without_store(int argc, char **argv)
{
	const struct verb *v = argc > 0 ? verb_find(argv[0]) : NULL;

	if (!v || (v->flags & V_EXTERNAL))
		return false;
	if (v->flags & V_NO_STORE)
		return true;
	if (v->run_argv == cli_verb_company || v->run_argv == cli_verb_action) {
		if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
			return true;
		return cli_wants_help(v, argc - 1, argv + 1);
	}
	return cli_wants_help(v, argc, argv);
}

int cli_run(struct store *st, int argc, char **argv)
{
	const struct verb *v = argc > 0 ? verb_find(argv[0]) : NULL;
	struct args a;
	int rc;

	if (!v) {
		char shown[CLI_PRINTABLE_SIZE];
		cli_msg(_("Unknown command '%s'."),
		        text_printable(shown, sizeof shown, argc > 0 ? argv[0] : ""));
		fputs(_("Try 'smready --help'.\n"), stderr);
		return EXIT_USAGE;
	}
	if (!st && !cli_runs_without_store(argc, argv)) {
		cli_msg("%s", _("No database is open."));
		return EXIT_DB;
	}
	if (v->run_argv) {
		rc = v->run_argv(st, v, argc, argv);
	} else if ((rc = cli_args_parse(v, argc, argv, &a)) < 0) {
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
		rc = cli_write_fail(NULL);
	return rc;
}

