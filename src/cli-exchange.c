/*
 * cli-exchange.c - the "export" and "import" verbs: option parsing, writing
 * an export atomically to a file (a temporary file in the same directory,
 * renamed into place only when complete), and printing an import's summary.
 * The format itself lives in exchange.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-verbs.h"
#include "cli.h"
#include "exchange.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

static const char help_export[] = N_(
	"Usage: smready export [--format json|csv [--actions]] [--separator C]\n"
	"                      [-o FILE] [--all] [COMPANY...]\n"
	"\n"
	"Writes companies with their whole assessment history and their action\n"
	"plans.  JSON (the default) keeps everything and can be read back with\n"
	"'smready import'; CSV has one row per answer for spreadsheets, or with\n"
	"--actions one row per action.  Without COMPANY every company that is not\n"
	"archived is written; COMPANY is a name, UUID or number.\n"
	"\n"
	"  --format FORMAT   json (default) or csv\n"
	"  --actions         CSV: the action plans, one row per action\n"
	"  --separator C     the CSV field separator: , ; or tab (default: ; in a\n"
	"                    locale with a decimal comma, such as German, else ,)\n"
	"  -o, --output FILE write to FILE (complete or not at all) instead of\n"
	"                    standard output\n"
	"  --all             include archived companies\n"
	"  --help            show this help\n");

static const char help_import[] = N_(
	"Usage: smready import [--dry-run] FILE\n"
	"\n"
	"Reads a JSON export (FILE - reads standard input) and merges it into the\n"
	"database: companies, assessments and actions are matched by their UUID,\n"
	"new ones are added, known ones are never overwritten; differences are\n"
	"reported as conflicts.  An action that was only worked on in the file\n"
	"since (a later version with the same history) takes the file's version.\n"
	"The whole file is checked first; if anything in it is wrong, nothing is\n"
	"imported.\n"
	"\n"
	"  --dry-run   report what the import would do, change nothing\n"
	"  --help      show this help\n");

/* The value of option name at argv[*i], as "--name=V" or "--name V";
 * NULL when argv[*i] is not that option.  *missing is set when the value
 * is absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
                             bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/* errno as the reason the export could not be written. */
static enum store_err errno_fail(char *msg, size_t size)
{
	snprintf(msg, size, "%s", strerror(errno));
	return STORE_IO;
}

/* A pipe or device (a FIFO, /dev/stdout) is written as it is: renaming a
 * file onto it would replace it instead of writing to it. */
static int export_to_special(struct store *st, const char *path,
                             const struct exchange_export_opts *o)
{
	char msg[512] = "";
	enum store_err err;
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, _("smready: Cannot write %s: %s\n"), path, strerror(errno));
		return EXIT_FAIL;
	}
	err = exchange_export(st, f, o, msg, sizeof msg);
	if (fclose(f) != 0 && err == STORE_OK)
		err = errno_fail(msg, sizeof msg);
	if (err != STORE_OK)
		fprintf(stderr, _("smready: Cannot write %s: %s\n"), path, msg);
	return cli_exit_for(err);
}

/* Writes the export to a temporary file beside path and renames it into
 * place, so path is either the old file or the complete new one. */
static int export_to_file(struct store *st, const char *path,
                          const struct exchange_export_opts *o)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + 8);
	char msg[512] = "";
	enum store_err err = STORE_IO;
	FILE *f = NULL;
	int fd = -1;

	if (!tmp) {
		cli_msg("%s", _("out of memory"));
		return EXIT_FAIL;
	}
	memcpy(tmp, path, len);
	memcpy(tmp + len, ".XXXXXX", 8);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		fprintf(stderr, _("smready: Cannot create a file next to %s: %s\n"),
		        path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return EXIT_FAIL;
	}
	err = exchange_export(st, f, o, msg, sizeof msg);
	if (err == STORE_OK && (fflush(f) != 0 || fsync(fd) != 0))
		err = errno_fail(msg, sizeof msg);
	if (fclose(f) != 0 && err == STORE_OK)
		err = errno_fail(msg, sizeof msg);
	if (err == STORE_OK && rename(tmp, path) != 0)
		err = errno_fail(msg, sizeof msg);
	if (err != STORE_OK) {
		unlink(tmp);
		/* the file, or else the database, failed: say which */
		if (err == STORE_IO)
			fprintf(stderr, _("smready: Cannot write %s: %s\n"), path, msg);
		else
			fprintf(stderr, _("smready: The export stopped, %s was not written: %s\n"),
			        path, msg);
	}
	free(tmp);
	return cli_exit_for(err);
}

static int export_to_stdout(struct store *st, const struct exchange_export_opts *o)
{
	char msg[512] = "";
	enum store_err err = exchange_export(st, stdout, o, msg, sizeof msg);

	if (err != STORE_OK)
		cli_msg("%s", msg);
	return cli_exit_for(err);
}

/* Resolves COMPANY arguments (name, UUID or number) to ids. */
static int export_select(struct store *st, char **refs, int n, long long *ids)
{
	for (int i = 0; i < n; i++) {
		struct company c;
		enum store_err err = store_company_lookup(st, refs[i], &c);
		char shown[CLI_PRINTABLE_SIZE];

		if (err == STORE_NOT_FOUND) {
			fprintf(stderr, _("smready: There is no company \"%s\"; give a name, "
			                  "UUID or number ('smready companies --all' lists them).\n"),
			        text_printable(shown, sizeof shown, refs[i]));
			return EXIT_FAIL;
		}
		if (err != STORE_OK)
			return cli_store_fail(st, err);
		ids[i] = c.id;
		store_company_clear(&c);
	}
	return EXIT_OK;
}

int cli_export(struct store *st, const struct verb *verb, int argc, char **argv)
{
	struct exchange_export_opts o = { .format = EXCHANGE_JSON, .separator = 0 };
	const char *output = NULL, *v;
	long long *ids = NULL;
	char **names;
	struct stat sb;
	int i, status, n_names = 0;
	bool opts_done = false;

	/* Options and companies in any order, as the other verbs take them;
	 * after "--" everything is a company. */
	names = calloc((size_t)argc, sizeof *names);
	if (!names) {
		cli_msg("%s", _("out of memory"));
		return EXIT_FAIL;
	}
	for (i = 1; i < argc; i++) {
		bool missing = false;

		if (opts_done || argv[i][0] != '-' || argv[i][1] == '\0') {
			names[n_names++] = argv[i];
		} else if (strcmp(argv[i], "--") == 0) {
			opts_done = true;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			return free(names), cli_help(help_export);
		} else if (strcmp(argv[i], "--all") == 0) {
			o.include_archived = true;
		} else if (strcmp(argv[i], "--actions") == 0) {
			o.actions = true;
		} else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
			if (strcmp(v, "json") == 0)
				o.format = EXCHANGE_JSON;
			else if (strcmp(v, "csv") == 0)
				o.format = EXCHANGE_CSV;
			else {
				char shown[CLI_PRINTABLE_SIZE];
				return free(names), cli_usage(argv[0], _("Unknown format \"%s\": use json or csv."),
				                 text_printable(shown, sizeof shown, v));
			}
		} else if ((v = opt_value(argc, argv, &i, "--separator", &missing))) {
			if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0)
				v = "\t";
			if (strlen(v) != 1 || !exchange_separator_valid((unsigned char)v[0])) {
				return free(names), cli_usage(argv[0], "%s", _("The separator must be one punctuation "
				                              "character such as ; or , (or tab)."));
			}
			o.separator = v[0];
		} else if ((v = opt_value(argc, argv, &i, "-o", &missing)) ||
		           (v = opt_value(argc, argv, &i, "--output", &missing))) {
			output = v;
		} else {
			if (missing)
				return free(names), cli_usage(argv[0], _("The option '%s' needs a value."), argv[i]);
			return free(names), cli_usage(argv[0], _("Unknown option '%s'."), argv[i]);
		}
	}
	if (output && output[0] == '\0')
		return free(names), cli_usage(argv[0], _("The option '%s' needs a value."), "--output");
	if (o.actions && o.format != EXCHANGE_CSV)
		return free(names), cli_usage(argv[0], "%s", _("--actions goes with --format csv: the "
		                                                "JSON export holds the action plans "
		                                                "already."));
	if (n_names > 0) {
		ids = calloc((size_t)n_names, sizeof *ids);
		if (!ids) {
			free(names);
			cli_msg("%s", _("out of memory"));
			return EXIT_FAIL;
		}
		status = export_select(st, names, n_names, ids);
		if (status != EXIT_OK) {
			free(ids);
			free(names);
			return status;
		}
		o.ids = ids;
		o.n_ids = (size_t)n_names;
	}
	free(names);
	if (cli_output_is_database(st, output))
		status = EXIT_FAIL;
	else if (!output || strcmp(output, "-") == 0)
		status = export_to_stdout(st, &o);
	else if (stat(output, &sb) == 0 && !S_ISREG(sb.st_mode))
		status = export_to_special(st, output, &o);
	else
		status = export_to_file(st, output, &o);
	free(ids);
	return status;
}

static void import_summary(const struct exchange_report *r, bool dry_run)
{
	int nc = (int)r->n_conflicts;

	if (dry_run)
		printf("%s\n", _("Dry run: nothing was changed. Importing would give:"));
	for (size_t i = 0; i < r->n_notices; i++)
		printf(_("note: %s\n"), r->notices[i]);
	for (size_t i = 0; i < r->n_conflicts; i++)
		printf(_("conflict: %s\n"), r->conflicts[i]);
	printf(P_("%d company added\n", "%d companies added\n", r->companies_added),
	       r->companies_added);
	printf(P_("%d company already here\n", "%d companies already here\n",
	          r->companies_known), r->companies_known);
	printf(P_("%d assessment added\n", "%d assessments added\n", r->assessments_added),
	       r->assessments_added);
	printf(P_("%d assessment already here, unchanged\n",
	          "%d assessments already here, unchanged\n", r->assessments_unchanged),
	       r->assessments_unchanged);
	/* Only a draft here and in the file can take answers. */
	if (r->answers_merged > 0)
		printf(P_("%d answer taken into a draft in progress\n",
		          "%d answers taken into drafts in progress\n", r->answers_merged),
		       r->answers_merged);
	/* Files without a plan (all of format version 1) say nothing of one. */
	if (r->actions_in_file > 0) {
		printf(P_("%d action added\n", "%d actions added\n", r->actions_added),
		       r->actions_added);
		printf(P_("%d action brought up to date\n", "%d actions brought up to date\n",
		          r->actions_updated), r->actions_updated);
		printf(P_("%d action already here, unchanged\n",
		          "%d actions already here, unchanged\n", r->actions_unchanged),
		       r->actions_unchanged);
	}
	printf(P_("%d conflict\n", "%d conflicts\n", nc), nc);
}

int cli_import(struct store *st, const struct verb *verb, int argc, char **argv)
{
	struct exchange_report rep;
	enum exchange_status s;
	const char *file = NULL;
	bool dry_run = false, opts_done = false;
	FILE *in;
	int status;

	for (int i = 1; i < argc; i++) {
		if (!opts_done && strcmp(argv[i], "--") == 0)
			opts_done = true;
		else if (!opts_done && strcmp(argv[i], "--dry-run") == 0)
			dry_run = true;
		else if (!opts_done && (strcmp(argv[i], "-h") == 0 ||
		                        strcmp(argv[i], "--help") == 0))
			return cli_help(help_import);
		else if (!opts_done && argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage(argv[0], _("Unknown option '%s'."), argv[i]);
		} else if (file) {
			return cli_usage(argv[0], "%s", _("'import' reads one file."));
		} else
			file = argv[i];
	}
	if (!file) {
		return cli_usage(argv[0], "%s", _("'import' needs a file name, or - for standard "
		                              "input."));
	}
	in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!in) {
		fprintf(stderr, _("smready: Cannot open %s: %s\n"), file, strerror(errno));
		return EXIT_FAIL;
	}
	s = exchange_import_file(st, in, dry_run, &rep);
	if (in != stdin)
		fclose(in);
	switch (s) {
	case EXCHANGE_OK:
	case EXCHANGE_CONFLICTS:
		import_summary(&rep, dry_run);
		status = s == EXCHANGE_OK ? EXIT_OK : EXIT_FAIL;
		break;
	case EXCHANGE_INVALID:
		fprintf(stderr, _("smready: %s is not a valid export: %s\n"),
		        strcmp(file, "-") == 0 ? _("The input") : file, rep.error);
		fprintf(stderr, "%s\n", _("Nothing was imported; the database is unchanged."));
		status = EXIT_FAIL;
		break;
	default:
		cli_msg("%s", rep.error);
		fprintf(stderr, "%s\n", _("Nothing was imported; the database is unchanged."));
		status = cli_exit_for(rep.store_status == STORE_OK ? STORE_ERROR : rep.store_status);
		break;
	}
	exchange_report_clear(&rep);
	return status;
}
