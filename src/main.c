#include "config.h"

/*
 * main.c - program entry: locale and message catalogue, the global options
 * (--db, --read-only, --help, --version), opening the database, and the
 * hand-over to a command-line verb or, without one, to the full-screen UI.
 */

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "cli.h"
#include "i18n.h"
#include "paths.h"
#include "safe-out.h"
#include "store.h"
#include "timefmt.h"
#include "ui.h"

struct global_opts {
	const char *db;
	bool read_only;
	int verb;                 /* index of the verb in argv, 0 when none */
};

static void usage_hint(void)
{
	fputs(_("Try 'smready --help'.\n"), stderr);
}

static int print_help(void)
{
	fputs(_("Usage: smready [OPTION]... [COMMAND [ARG]...]\n"
	        "Is a small business ready for social media?  Without a command, smready\n"
	        "starts the full-screen program; with one, it works from the command line.\n"
	        "\n"
	        "Options:\n"
	        "  --db FILE       use the database FILE, or a PostgreSQL database:\n"
	        "                  postgresql://HOST/DB or 'host=HOST dbname=DB'\n"
	        "                  (default: $SMREADY_DB, else\n"
	        "                  $XDG_DATA_HOME/smready/smready.db)\n"
	        "  --read-only     open the database read-only; commands that would\n"
	        "                  change it are refused\n"
	        "  -h, --help      show this help and exit\n"
	        "  -V, --version   show the version and exit\n"
	        "\n"
	        "Commands:\n"
	        "  questions                 list the questionnaire\n"
	        "  companies                 list the companies and their latest results\n"
	        "  company add|edit|rename|archive|unarchive|delete ...\n"
	        "                            manage companies\n"
	        "  history COMPANY           list a company's assessments\n"
	        "  assess COMPANY            start or resume an assessment; prints its ID\n"
	        "  answer ASSESSMENT KEY VALUE   answer one question (0-4, dk, none)\n"
	        "  note ASSESSMENT KEY TEXT  set an answer's note\n"
	        "  finish ASSESSMENT         score an assessment and make it final\n"
	        "  reopen ASSESSMENT --reason TEXT   make a final assessment a draft again\n"
	        "  report REF|COMPANY NUMBER write a report of an assessment\n"
	        "  compare COMPANY [FROM TO] show what changed between two assessments\n"
	        "  plan COMPANY              show a company's action plan\n"
	        "  action add|start|done|drop|reopen|edit ...\n"
	        "                            add an action to a plan, or change one\n"
	        "  due [--within DAYS]       list the re-checks and actions that are due\n"
	        "  export / import           move data in and out (see their --help)\n"
	        "  demo [--remove]           add (or remove) sample companies\n"
	        "  check                     check the database for damage\n"
	        "  backup FILE               write a copy of the database\n"
	        "\n"
	        "'smready COMMAND --help' describes each command.\n"
	        "Exit status: 0 done, 1 failed, 2 bad command line, 3 database unusable\n"
	        "or server unreachable, 4 database busy, 5 something is due ('due').\n"), stdout);
	return EXIT_OK;
}

static int print_version(void)
{
	const struct catalogue *cat = catalogue_builtin();

	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	printf(_("Questionnaire \"%s\" version %d, database schema %d.\n"), cat->id, cat->version,
	       STORE_SCHEMA_VERSION);
	return EXIT_OK;
}

/* Parses the options before the verb.  Returns -1 to go on, otherwise the
 * exit status (after --help, --version or a usage error). */
static int parse_global(int argc, char **argv, struct global_opts *g)
{
	int i;

	g->db = NULL;
	g->read_only = false;
	g->verb = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return print_help();
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0)
			return print_version();
		if (strcmp(a, "--read-only") == 0) {
			g->read_only = true;
		} else if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0') {
				fprintf(stderr, "smready: %s\n", _("The option '--db' needs a file name."));
				usage_hint();
				return EXIT_USAGE;
			}
			g->db = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			if (a[5] == '\0') {
				fprintf(stderr, "smready: %s\n", _("The option '--db' needs a file name."));
				usage_hint();
				return EXIT_USAGE;
			}
			g->db = a + 5;
		} else {
			fprintf(stderr, _("smready: unknown option '%s'\n"), a);
			usage_hint();
			return EXIT_USAGE;
		}
	}
	/* What is on the command line, every user of the machine can read
	 * (ps): a password belongs in ~/.pgpass or a service file. */
	if (g->db && store_names_password(g->db)) {
		fprintf(stderr, "smready: %s\n",
		        _("A password does not belong on the command line, where other users of "
		          "the machine can read it. Put it in ~/.pgpass (mode 0600) or a service "
		          "file, and leave it out of --db."));
		return EXIT_USAGE;
	}
	if (i < argc)
		g->verb = i;
	return -1;
}

/* The last second of year 9999 UTC: times must fit the export format. */
#define NOW_MAX 253402300799LL

/* SMREADY_NOW fixes "now" for reproducible test output: a time in Unix
 * seconds, or a day "YYYY-MM-DD" meaning local noon of that day (so that
 * "today" is that day in every time zone).  The one place it is read: the
 * store's clock (store_set_now) is what every verb and screen asks. */
static int fixed_now(long long *now)
{
	const char *s = getenv("SMREADY_NOW");
	char *end;
	long long v;

	*now = 0;
	if (!s || !*s)
		return EXIT_OK;
	if (timefmt_day_valid(s) && (v = timefmt_day_noon(s)) > 0) {
		*now = v;
		return EXIT_OK;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0 || v > NOW_MAX) {
		fprintf(stderr, _("smready: SMREADY_NOW must be a day (YYYY-MM-DD) or a time in "
		                  "Unix seconds, not '%s'.\n"), s);
		return EXIT_USAGE;
	}
	*now = v;
	return EXIT_OK;
}

static int open_store(const struct global_opts *g, struct store **st)
{
	const char *path = g->db;
	char *def = NULL;
	char msg[512] = "";
	enum store_err err;

	if (!path) {
		path = getenv("SMREADY_DB");
		if (!path || !*path)
			path = def = store_default_path();
	}
	if (!path) {
		fprintf(stderr, "smready: %s\n",
		        _("Cannot tell where to keep the database: neither XDG_DATA_HOME nor HOME is "
		          "set.  Name a file with --db FILE."));
		return EXIT_DB;
	}
	err = store_open(path, g->read_only ? STORE_OPEN_READONLY : 0, st, msg, sizeof msg);
	if (err != STORE_OK) {
		fprintf(stderr, "smready: %s\n", *msg ? msg : _("Cannot open the database."));
		free(def);
		return err == STORE_BUSY ? EXIT_BUSY : EXIT_DB;
	}
	free(def);
	return EXIT_OK;
}

/* The folder of the message catalogues.  SMREADY_LOCALEDIR wins; a program
 * run from its build tree (not the installed binary, and with the marker
 * the build writes into locale/ beside it) uses the catalogues the build
 * laid out there, so the README's Quick start is in the user's language
 * without "make install"; otherwise where "make install" puts them. */
static const char *locale_dir(char *buf, size_t sz)
{
	const char *env = getenv("SMREADY_LOCALEDIR");

	if (env && *env)
		return env;
	if (!paths_build_tree(buf, sz - sizeof "/locale"))
		return LOCALEDIR;
	strcat(buf, "/locale");
	return buf;
}

static int run_ui(struct store *st)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "smready: %s\n",
		        _("The full-screen program needs a terminal.  Give a command to use smready "
		          "from scripts (see 'smready --help')."));
		return EXIT_USAGE;
	}
	return ui_run(st);
}

/* The command line writes through safe_out (safe-out.h): nothing it prints
 * can upset the terminal.  Returns rc after closing them (a write that
 * failed at the end counts). */
static int outputs_close(FILE *real_out, FILE *real_err, int rc)
{
	if (stdout != real_out) {
		if (fclose(stdout) != 0 && rc == EXIT_OK)
			rc = EXIT_FAIL;
		stdout = real_out;
	}
	if (stderr != real_err) {
		fclose(stderr);
		stderr = real_err;
	}
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		fprintf(stderr, _("smready: cannot write the output: %s\n"), strerror(errno));
		rc = EXIT_FAIL;
	}
	return rc;
}

static int run(int argc, char **argv, FILE *real_out)
{
	struct global_opts g;
	struct store *st = NULL;
	enum store_err err;
	long long now;
	int rc;

	rc = parse_global(argc, argv, &g);
	if (rc >= 0)
		return rc;
	if (g.verb && !cli_is_verb(argv[g.verb])) {
		fprintf(stderr, _("smready: unknown command '%s'\n"), argv[g.verb]);
		usage_hint();
		return EXIT_USAGE;
	}
	if ((rc = fixed_now(&now)) != EXIT_OK)
		return rc;
	if (g.verb && cli_runs_without_store(argc - g.verb, argv + g.verb))
		return cli_run(NULL, argc - g.verb, argv + g.verb);

	if ((rc = open_store(&g, &st)) != EXIT_OK)
		return rc;
	if (now)
		store_set_now(st, now);
	if (!g.verb) {
		/* curses writes the screen itself, to the real terminal */
		if (stdout != real_out) {
			fclose(stdout);
			stdout = real_out;
		}
		rc = run_ui(st);
	} else if (!cli_verb_reads_only(argv[g.verb]) && (err = store_writable(st)) != STORE_OK) {
		if (err == STORE_READONLY && !store_readonly_role(st))
			fprintf(stderr, _("smready: '%s' would change the database, but %s is open "
			                  "read-only.\n"), argv[g.verb], store_path(st));
		else
			fprintf(stderr, "smready: %s\n", store_error(st));
		rc = err == STORE_CORRUPT ? EXIT_DB : EXIT_FAIL;
	} else {
		rc = cli_run(st, argc - g.verb, argv + g.verb);
	}
	store_close(st);
	return rc;
}

int main(int argc, char **argv)
{
	FILE *real_out = stdout, *real_err = stderr, *f;
	char exe_dir[4096];

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, locale_dir(exe_dir, sizeof exe_dir));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	/* glibc's stdout and stderr are variables: every printf of every
	 * module now passes the one escaping function. */
	if ((f = safe_out_open(real_out, false)))
		stdout = f;
	if ((f = safe_out_open(real_err, false)))
		stderr = f;
	return outputs_close(real_out, real_err, run(argc, argv, real_out));
}
