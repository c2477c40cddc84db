/*
 * cli-util.h - what the verbs of cli.c and cli-exchange.c share: messages
 * on stderr, usage errors with the pointer to --help, printing a verb's
 * help, and turning a store error into a message and an exit status.
 * Internal to the command line; main.c does not use it.
 */
#ifndef SMREADY_CLI_UTIL_H
#define SMREADY_CLI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "attr.h"
#include "store.h"

/* "smready: " and the formatted message and a newline, on stderr. */
void cli_msg(const char *fmt, ...) PRINTF_LIKE(1, 2);
void cli_vmsg(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

/* A bad command line: says what is wrong and where verb's help is;
 * returns EXIT_USAGE. */
int cli_usage(const char *verb, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Prints a verb's help text (an N_() string) translated; returns EXIT_OK. */
int cli_help(const char *text);

/* The exit status that stands for a store error (EXIT_OK for STORE_OK). */
int cli_exit_for(enum store_err err);

/* Reports a failed store call with the store's message and returns its
 * exit status. */
int cli_store_fail(struct store *st, enum store_err err);

/* Whether path (a file named with -o) is the open database or one of
 * SQLite's companion files next to it; says so when it is.  Writing there
 * would destroy the data, so the caller refuses with EXIT_FAIL. */
bool cli_output_is_database(struct store *st, const char *path);

/* Room for a user's reference made printable by cli_printable(). */
#define CLI_PRINTABLE_SIZE 512

/* Writes s into buf (size bufsz) so that echoing it cannot upset the
 * terminal: bytes that are not valid UTF-8 and control characters become
 * \xNN, everything else is kept as it is; a string too long for buf is
 * cut at a character and ends in "...".  Returns buf. */
const char *cli_printable(char *buf, size_t bufsz, const char *s);

#endif
