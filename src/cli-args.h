/*
 * cli-args.h - the one option parser of the command line: the options a
 * verb may take, the verb's entry in the table (cli.c), and parsing a
 * verb's argv into struct args.  Internal to the command line.
 */
#ifndef SMREADY_CLI_ARGS_H
#define SMREADY_CLI_ARGS_H

#include <stdbool.h>

#include "cli-util.h"
#include "store.h"

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
	OPT_REMOVE,
	OPT_ITEM,
	OPT_OWNER,
	OPT_DUE,
	OPT_NO_DUE,
	OPT_TITLE,
	OPT_WITHIN
};

#define VERB_MAX_OPTS 6

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
	int (*run_argv)(struct store *st, const struct verb *v, int argc, char **argv);
	const char *help;                   /* N_() text for --help */
	enum opt opts[VERB_MAX_OPTS + 1];   /* besides --help; ends with OPT_END */
	unsigned nargs;                     /* NARGS() of each allowed count */
	const char *nargs_msg;              /* N_(): wrong count; NULL: names the extra one */
	unsigned flags;
};

/* Parses argv (argv[0] the verb or subcommand) by v's table into a.
 * Returns -1 when the verb should run, else the exit status to end with
 * (help shown, or a usage error reported). */
int cli_args_parse(const struct verb *v, int argc, char **argv, struct args *a);
/* Whether argv (argv[0] the verb or subcommand) asks for v's help, without
 * changing argv. */
bool cli_wants_help(const struct verb *v, int argc, char **argv);

#endif
