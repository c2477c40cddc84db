/*
 * cli.h - the command-line face: parses a verb and its options, calls the
 * core, prints plain text or JSON.  main() hands over everything but the UI.
 */
#ifndef SMREADY_CLI_H
#define SMREADY_CLI_H

#include <stdbool.h>

#include "exit-status.h"

struct store;


/* Runs the verb in argv[0] (argc >= 1) on an open store; prints results on
 * stdout and messages on stderr; returns an exit status. */
int cli_run(struct store *st, int argc, char **argv);

/* Whether verb is one this program knows (so main can tell a typo from a
 * verb before opening the database). */
bool cli_is_verb(const char *verb);

/* Whether a verb only reads (so the database may be opened read-only). */
bool cli_verb_reads_only(const char *verb);

/* Whether argv (argv[0] the verb) can run without a database: "questions",
 * or a verb of cli.c asked for --help (export/import are not included).
 * cli_run() then accepts st == NULL, so help works when the database
 * cannot be opened. */
bool cli_runs_without_store(int argc, char **argv);


#endif
