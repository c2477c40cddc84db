/*
 * cli-verbs.h - the verbs of the command line, one function and one help
 * text each, defined in the cli-*.c file of their concern and listed in
 * the verb table of cli.c.  Internal to the command line.
 */
#ifndef SMREADY_CLI_VERBS_H
#define SMREADY_CLI_VERBS_H

#include "cli-util.h"

struct verb;
#include "store.h"

/* cli-company.c */
extern const char cli_help_companies[];
int cli_verb_companies(struct store *st, const struct args *a);
extern const char cli_help_company[];
int cli_verb_company(struct store *st, const struct verb *v, int argc, char **argv);
/* cli-assess.c */
extern const char cli_help_assess[];
int cli_verb_assess(struct store *st, const struct args *a);
extern const char cli_help_answer[];
int cli_verb_answer(struct store *st, const struct args *a);
extern const char cli_help_note[];
int cli_verb_note(struct store *st, const struct args *a);
extern const char cli_help_finish[];
int cli_verb_finish(struct store *st, const struct args *a);
extern const char cli_help_discard[];
int cli_verb_discard(struct store *st, const struct args *a);
extern const char cli_help_reopen[];
int cli_verb_reopen(struct store *st, const struct args *a);
/* cli-report.c */
extern const char cli_help_questions[];
int cli_verb_questions(struct store *st, const struct args *a);
extern const char cli_help_history[];
int cli_verb_history(struct store *st, const struct args *a);
extern const char cli_help_report[];
int cli_verb_report(struct store *st, const struct args *a);
extern const char cli_help_compare[];
int cli_verb_compare(struct store *st, const struct args *a);
/* cli-plan.c */
extern const char cli_help_plan[];
int cli_verb_plan(struct store *st, const struct args *a);
extern const char cli_help_action[];
int cli_verb_action(struct store *st, const struct verb *v, int argc, char **argv);
extern const char cli_help_due[];
int cli_verb_due(struct store *st, const struct args *a);
/* cli-upkeep.c */
extern const char cli_help_demo[];
int cli_verb_demo(struct store *st, const struct args *a);
extern const char cli_help_check[];
int cli_verb_check(struct store *st, const struct args *a);
extern const char cli_help_backup[];
int cli_verb_backup(struct store *st, const struct args *a);
/* cli-exchange.c: they read their own argv (argv[0] is the verb) */
int cli_export(struct store *st, const struct verb *v, int argc, char **argv);
int cli_import(struct store *st, const struct verb *v, int argc, char **argv);

#endif
