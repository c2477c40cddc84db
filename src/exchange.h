/*
 * exchange.h - moving companies and their assessment histories in and out
 * of the database: a lossless JSON export that another smready can import
 * (merging by UUID), and a CSV export with one row per answer for
 * spreadsheets.  The format is documented in "EXPORT FORMAT" in smready(1).
 *
 * Both exports stream: they write while reading the database, one
 * assessment at a time, so memory stays flat however large the history is.
 * So does the import: it reads the file once, one record at a time, checks
 * each and merges it in one transaction that is committed only when the
 * whole file has been read and found valid, so an invalid file changes
 * nothing.  Nothing here prints; the caller shows the messages.
 */
#ifndef SMREADY_EXCHANGE_H
#define SMREADY_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store.h"

#define EXCHANGE_FORMAT_NAME "smready-export"
#define EXCHANGE_FORMAT_VERSION 2     /* 2 added the action plan; 1 still reads */

enum exchange_format { EXCHANGE_JSON = 0, EXCHANGE_CSV };

struct exchange_export_opts {
	enum exchange_format format;
	char separator;              /* CSV field separator; 0: ';' where the locale's
	                                decimal separator is a comma, else ',' */
	bool include_archived;       /* when exporting every company */
	bool actions;                /* CSV: one row per action instead of per answer */
	const long long *ids;        /* companies to export (any archived state); */
	size_t n_ids;                /* NULL/0 = every company */
};

/* Whether c may separate CSV fields: printable ASCII punctuation other than
 * the quote, or a tab. */
bool exchange_separator_valid(int c);

/* Writes the export to out.  On failure msg holds the reason (translated)
 * and out may hold a partial export: write to a temporary file. */
enum store_err exchange_export(struct store *st, FILE *out,
                               const struct exchange_export_opts *opts,
                               char *msg, size_t msgsz);

/* A draft whose answers are kept outside the database (the server could
 * not be reached): its company, the assessment and the answers to keep. */
struct exchange_draft {
	const struct company *company;
	const struct assessment *assessment;
	const struct answer *answers;
	size_t n;
};

/* Writes the drafts as an export that import merges into the drafts of a
 * database (the newer change of each answer wins); false when out of
 * memory, a text is not UTF-8, or out cannot be written. */
bool exchange_write_drafts(FILE *out, const struct exchange_draft *d, size_t n, long long now);

enum exchange_status {
	EXCHANGE_OK = 0,         /* everything was merged (or would be: dry run) */
	EXCHANGE_CONFLICTS,      /* merged what could be; conflicts listed */
	EXCHANGE_INVALID,        /* the file was refused; nothing changed */
	EXCHANGE_FAILED          /* the database failed; nothing changed */
};

/* What an import did (or would do, in a dry run). */
struct exchange_report {
	int companies_added;
	int companies_known;         /* matched an existing company by UUID */
	int assessments_added;
	int assessments_unchanged;   /* present already, identical */
	int answers_merged;          /* taken into a draft present already (newer there) */
	int answers_superseded;      /* not taken: the draft here holds a later change */
	int actions_added;
	int actions_updated;         /* took the file's newer version */
	int actions_unchanged;       /* present already, identical */
	int actions_in_file;         /* every action read, whatever became of it */
	char **conflicts;            /* one translated line each */
	size_t n_conflicts;
	char **notices;              /* differences kept local, not conflicts */
	size_t n_notices;
	char error[640];             /* why it was refused (INVALID, FAILED) */
	enum store_err store_status; /* the store's code when FAILED */
};

/* Imports the JSON export in data[0..len).  dry_run: do everything in a
 * transaction and roll it back, so the report is exact and nothing
 * changes.  Clear the report with exchange_report_clear() afterwards. */
enum exchange_status exchange_import_buffer(struct store *st, const char *data,
                                            size_t len, bool dry_run,
                                            struct exchange_report *rep);
/* The same, reading from a stream (e.g. stdin). */
enum exchange_status exchange_import_file(struct store *st, FILE *in, bool dry_run,
                                          struct exchange_report *rep);

struct exchange_import_opts {
	bool dry_run;
	unsigned long long max_bytes;    /* refuse a longer file; 0: 16 GiB */
};
/* exchange_import_file() with options. */
enum exchange_status exchange_import_stream(struct store *st, FILE *in,
                                            const struct exchange_import_opts *o,
                                            struct exchange_report *rep);
void exchange_report_clear(struct exchange_report *rep);

#endif
