/*
 * cli-util.h - what the verbs of the cli-*.c files share: messages
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
#include <stdio.h>

#include <jansson.h>

#include "report.h"
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

/* Room for a user's reference made printable by text_printable(). */
#define CLI_PRINTABLE_SIZE 512

/* ---- what the verbs are given -------------------------------------------- */

/* A company is due for a re-check this many days after its last final
 * assessment, unless the settings file says otherwise (recheck). */
#define DUE_AFTER_DAYS 91
#define DAY (24LL * 60 * 60)

struct settings;
/* Reads the settings file into s; each bad line is named on stderr with
 * file and line, and the rest of the program goes on with the defaults. */
void cli_load_settings(struct settings *s);

/* A parsed command line: the options given and the arguments left (see
 * the verb table in cli.c). */
#define CLI_MAX_ITEMS ACTION_MAX_ITEMS   /* --item options kept */

struct args {
	bool all, json, fresh, yes, remove, no_due;
	const char *assessor, *note, *reason, *industry, *contact, *notes, *output;
	const char *owner, *due, *title, *within;
	const char *items[CLI_MAX_ITEMS];   /* --item KEY[=TARGET], in order */
	int n_items;                        /* how many were given (may exceed
	                                     * CLI_MAX_ITEMS: the rest not kept) */
	enum report_format fmt;
	char **pos;
	int npos;
};

/* ---- output ---------------------------------------------------------------- */

/* Says that writing to path (NULL or "-": standard output) failed;
 * returns EXIT_FAIL. */
int cli_write_fail(const char *path);
/* Prints a plain-text table on stdout and frees it. */
int cli_table_print(struct report_table *t);
/* Prints root (taken) as indented JSON with a newline. */
int cli_json_print(json_t *root, FILE *out);

/* ---- lookups and checks ------------------------------------------------------
 * Each prints what went wrong and returns the exit status (EXIT_OK when
 * found). */

/* Reports a failed lookup: for STORE_NOT_FOUND the message fmt (which
 * names the user's reference, made printable by the caller), else the
 * store's error. */
int cli_lookup_fail(struct store *st, enum store_err err, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
/* A company by name, UUID or number. */
int cli_find_company(struct store *st, const char *ref, struct company *c);
/* An assessment to change: its number or UUID, or a company name meaning
 * that company's open draft. */
int cli_find_draft(struct store *st, const char *ref, struct assessment *a);
/* A question of the built-in questionnaire: its key or its number ("2.3"). */
int cli_check_key(const char *verb, const char *key);
/* The draft named by ref and the question *key names in it (its key or its
 * number there); *key becomes the question's key. */
int cli_find_draft_item(struct store *st, const char *ref, const char **key,
                        struct assessment *a);
/* Any assessment: number, UUID, or a company's latest. */
int cli_resolve(struct store *st, const char *ref, long long *id);
/* An answer value as typed: 0..4, dk (also dont-know, ?), or none. */
bool cli_parse_value(const char *s, int *v);
/* Asks question (with "[y/N]" in it) on the terminal; true for yes in the
 * user's language or in English. */
bool cli_confirm(const char *question);
/* A one-line field or a note checked with the store's rules. */
int cli_check_line(const char *what, const char *s, size_t max, bool allow_empty);
int cli_check_note(const char *what, const char *s);

#endif
