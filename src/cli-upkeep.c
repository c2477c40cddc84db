/*
 * cli-upkeep.c - the verbs that look after the data: "demo" adds or removes the
 * sample companies, "check" checks the database, "backup" copies it.
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

#include "assess.h"
#include "catalogue.h"
#include "cli-util.h"
#include "cli.h"
#include "i18n.h"
#include "json-out.h"
#include "report.h"
#include "scoring.h"
#include "store.h"
#include "text.h"

/* ---- demo, check, backup ------------------------------------------------- */

const char cli_help_demo[] = N_(
	"Usage: smready demo [--remove]\n"
	"\n"
	"Adds a few sample companies, marked \"(Beispiel)\", each with a year or\n"
	"more of quarterly assessments, to try the program with.  Running it again\n"
	"adds nothing.\n"
	"\n"
	"  --remove   delete the sample companies again\n"
	"  --help     show this help\n");

int cli_verb_demo(struct store *st, const struct args *a)
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

const char cli_help_check[] = N_(
	"Usage: smready check\n"
	"\n"
	"Checks the database (a file, or the tables on a server) for damage, for\n"
	"rows whose parent row is gone and for text that is not UTF-8.  Prints\n"
	"\"ok\" and exits with 0 when all is well; otherwise prints each problem\n"
	"found and exits with 3.\n"
	"\n"
	"  --help   show this help\n");

static void check_problem(const char *problem, void *ctx)
{
	int *n = ctx;

	(*n)++;
	printf("%s\n", problem);
}

int cli_verb_check(struct store *st, const struct args *a)
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

const char cli_help_backup[] = N_(
	"Usage: smready backup FILE\n"
	"\n"
	"Writes a consistent copy of the database to FILE, which must not exist\n"
	"yet.  Safe while another smready is using the database.\n"
	"\n"
	"  --help   show this help\n");

int cli_verb_backup(struct store *st, const struct args *a)
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

