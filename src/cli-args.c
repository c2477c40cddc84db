/*
 * cli-args.c - the one option parser of the command line (see cli-args.h):
 * getopt_long's tables built from a verb's entry, and the messages for
 * what it refuses.
 */
#include "config.h"

#include "cli-args.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

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
	{ "item", required_argument, NULL, OPT_ITEM },
	{ "owner", required_argument, NULL, OPT_OWNER },
	{ "due", required_argument, NULL, OPT_DUE },
	{ "no-due", no_argument, NULL, OPT_NO_DUE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "within", required_argument, NULL, OPT_WITHIN },
};

/* Reports getopt's '?' or ':' result as a usage error. */
static int opt_error(const char *verb, int c, char **argv)
{
	char shown[CLI_PRINTABLE_SIZE];
	const char *arg = text_printable(shown, sizeof shown, argv[optind - 1]);

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

int cli_args_parse(const struct verb *v, int argc, char **argv, struct args *a)
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
		case OPT_ITEM:
			if (a->n_items < CLI_MAX_ITEMS)
				a->items[a->n_items] = optarg;
			a->n_items++;
			break;
		case OPT_OWNER: a->owner = optarg; break;
		case OPT_DUE: a->due = optarg; break;
		case OPT_NO_DUE: a->no_due = true; break;
		case OPT_TITLE: a->title = optarg; break;
		case OPT_WITHIN: a->within = optarg; break;
		case OPT_FORMAT:
			if (!report_format_parse(optarg, &a->fmt)) {
				char shown[CLI_PRINTABLE_SIZE];
				return cli_usage(v->name, _("Unknown format \"%s\": use text, markdown, "
				                            "html or pdf."), text_printable(shown, sizeof shown, optarg));
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
		                 text_printable(shown, sizeof shown, a->pos[0]));
	}
	return cli_usage(v->name, "%s", _(v->nargs_msg));
}

/* Whether argv (argv[0] the verb or subcommand) asks for v's help.  Parsed
 * with the same tables as args_parse(), on a copy because getopt_long
 * reorders, so that "--note --help" is a note and not a request for help. */
bool cli_wants_help(const struct verb *v, int argc, char **argv)
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
