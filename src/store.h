/*
 * store.h - companies, assessments and answers, kept in one SQLite file.
 *
 * The only module that talks to SQLite; nothing here names an SQLite type.
 * Every call returns a store_err; on failure store_error() holds a
 * translated, human-readable message that the caller decides how to show.
 * Every write is its own committed transaction unless the caller groups
 * several with store_begin()/store_commit().
 *
 * Strings in returned structs are malloc'd and freed with the matching
 * *_clear() / *_free() function.  Times are Unix seconds (UTC).
 */
#ifndef SMREADY_STORE_H
#define SMREADY_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

struct store;

enum store_err {
	STORE_OK = 0,
	STORE_NOT_FOUND,          /* no such company / assessment / answer */
	STORE_EXISTS,             /* a company of that name exists already */
	STORE_INVALID,            /* bad argument: empty, too long, not UTF-8 */
	STORE_STATE,              /* not allowed now: e.g. editing a final assessment */
	STORE_BUSY,               /* locked by another process beyond the timeout */
	STORE_READONLY,           /* the database was opened read-only */
	STORE_FULL,               /* disk or database size limit reached */
	STORE_CORRUPT,            /* damaged database file */
	STORE_NOT_DB,             /* the file is not an smready database */
	STORE_NEWER,              /* made by a newer smready: refused */
	STORE_IO,                 /* cannot create or open the file */
	STORE_AMBIGUOUS,          /* a reference that could mean several */
	STORE_GONE,               /* the connection to the server was lost */
	STORE_CHANGED,            /* changed by someone else since it was read: not saved */
	STORE_ERROR               /* anything else */
};

enum {
	STORE_OPEN_READONLY = 1 << 0, /* never write; open the file read-only */
	STORE_OPEN_NOCREATE = 1 << 1  /* fail with STORE_IO if the file is missing */
};

#define STORE_SCHEMA_VERSION 5
#define STORE_UUID_LEN 36

enum assess_status { ASSESS_DRAFT = 0, ASSESS_FINAL = 1 };

struct company {
	long long id;
	char uuid[STORE_UUID_LEN + 1];
	char *name;
	char *industry;           /* "" when not set, never NULL after a get */
	char *contact;
	char *notes;
	long long created;
	bool archived;
	bool sample;              /* added by "smready demo" */
};

struct assessment {
	long long id;
	char uuid[STORE_UUID_LEN + 1];
	long long company_id;
	enum assess_status status;
	char *questionnaire;      /* catalogue id, e.g. "core" */
	int qversion;
	long long started;
	long long completed;      /* 0 while a draft */
	long long updated;        /* last change of any answer or field */
	char *assessor;           /* "" when not set */
	char *summary;
	int overall;              /* cached at finalize; -1 for drafts */
	int level;                /* cached LEVEL_* at finalize; -1 for drafts */
	int reopened;             /* how often it was reopened after final */
	long long based_on;       /* assessment it was started from, 0 if none */
	int number;               /* within its company: 1 for the first started */
};

struct answer {
	char *item_key;
	int value;                /* ANSWER_DONT_KNOW, 0..4 or ANSWER_UNANSWERED */
	char *note;               /* "" when none */
	long long changed;
	bool carried;             /* copied from the previous assessment, not yet confirmed */
	char *who;                /* the database user who changed it last; "" when not
	                           * known (a file has no users) */
};

/* What the store is given to write exactly as it is (import, demo): the
 * fields of struct company, struct assessment and struct answer, with
 * strings the caller keeps. */
struct company_in {
	char uuid[STORE_UUID_LEN + 1];
	const char *name, *industry, *contact, *notes;
	long long created;
	bool archived, sample;
};

struct assessment_in {
	char uuid[STORE_UUID_LEN + 1];
	long long company_id;
	enum assess_status status;
	const char *questionnaire;
	int qversion;
	long long started, completed, updated;
	const char *assessor, *summary;
	int overall, level, reopened;
	long long based_on;
};

struct answer_in {
	const char *item_key;
	int value;
	const char *note;
	long long changed;
	bool carried;
};

/* One row of the portfolio: a company and its latest assessments. */
struct portfolio_row {
	struct company company;
	int n_final;              /* final assessments */
	long long last_id;        /* latest final assessment, 0 if none */
	long long last_at;        /* its completed time */
	int last_overall, last_level;   /* -1 when none */
	long long prev_id;        /* the final one before it, 0 if none */
	int prev_overall, prev_level;   /* -1 when none */
	long long draft_id;       /* newest open draft, 0 if none */
	long long draft_updated;
	int n_open;               /* actions open or in progress */
	int n_overdue;            /* of them, due before today */
};

struct assessment_event {
	long long at;
	char *kind;               /* "created", "finalized", "reopened" */
	char *detail;
	char *who;                /* the database user who did it; "" when not known */
};

/* ---- opening ------------------------------------------------------------ */

/* The default database path: $XDG_DATA_HOME/smready/smready.db, falling back
 * to $HOME/.local/share.  malloc'd; NULL when neither variable is usable. */
char *store_default_path(void);

/* Opens (creating if needed, with its directory 0700 and file 0600) or
 * upgrades the database at path.  On failure *out is NULL and msg holds the
 * reason.  A file that cannot be written is opened read-only (see
 * store_readonly()) instead of failing. */
enum store_err store_open(const char *path, unsigned flags, struct store **out,
                          char *msg, size_t msgsz);
void store_close(struct store *st);

/* A store on a server whose connection was lost (STORE_GONE) connects
 * again by itself before its next statement, at most every two seconds;
 * store_reconnect() tries at once.  STORE_GONE while the server is away. */
enum store_err store_reconnect(struct store *st);
/* Whether target is a PostgreSQL connection that holds a password (in
 * the URI's user part, as "password=", or in the URI's query). */
bool store_names_password(const char *target);
/* The database user the store writes as, recorded with each change (the
 * server's session user); "" for an SQLite file, which has no users. */
const char *store_user(const struct store *st);
/* False from a lost connection until it is back. */
bool store_online(const struct store *st);
const char *store_error(const struct store *st);
/* Sets the message store_error() returns, for modules that report their
 * own failures through a store call chain (e.g. assess.c); returns err. */
enum store_err store_set_error(struct store *st, enum store_err err, const char *msg);
const char *store_path(const struct store *st);
/* Whether path is the database file or one of the files SQLite keeps
 * beside it (log, shared memory, journal), so that writing there would
 * destroy the data: the same file, under any name. */
bool store_owns_file(const struct store *st, const char *path);
bool store_readonly(const struct store *st);
/* Whether it is read-only because the server's user may not write (the
 * message of store_writable() says so). */
bool store_readonly_role(const struct store *st);
/* STORE_OK when changes may be tried; otherwise why not, with the message
 * set: STORE_READONLY (asked for, or the file cannot be written),
 * STORE_FULL (the disk was full on opening). */
enum store_err store_writable(struct store *st);
/* Whether damage was found in the file: on opening, by store_check(), or by
 * any statement, in this process or (remembered beside the file) in an
 * earlier one.  A damaged file is never written: every change is refused
 * with STORE_CORRUPT, until the file is replaced (a restored backup) or
 * store_check() finds it sound. */
bool store_damaged(const struct store *st);
/* Fixes "now" for reproducible output (tests); 0 returns to the clock. */
void store_set_now(struct store *st, long long now);
long long store_now(const struct store *st);
/* Milliseconds to wait for another process's lock (default 5000). */
void store_set_busy_timeout(struct store *st, int ms);

/* Groups the following writes into one transaction (BEGIN IMMEDIATE). */
enum store_err store_begin(struct store *st);
/* Like store_begin(), for a caller that rolls the whole transaction back
 * when any call inside it fails (an import): the calls open no savepoints
 * of their own, which spares copying every page they change.  A call that
 * fails after changing something leaves the transaction able only to roll
 * back (store_commit() refuses).  Not inside another transaction. */
enum store_err store_begin_bulk(struct store *st);
/* Inside store_begin_bulk(): n records have been handled so far.  On a
 * server the planner's row counts are brought up to date now and then
 * (at 100, 400, 1,600 ...), so that a long import into an empty or
 * never analyzed database keeps finding rows by their keys; nothing on a
 * file. */
void store_bulk_progress(struct store *st, long long n);
/* Inside store_begin_bulk(): whether the database held no assessment when
 * it began, so that every assessment in it now was made by the caller. */
bool store_bulk_fresh(const struct store *st);
enum store_err store_commit(struct store *st);
void store_rollback(struct store *st);

/* ---- companies ---------------------------------------------------------- */

/* Adds a company; industry, contact and notes may be NULL.  Names are unique
 * regardless of case. */
enum store_err store_company_add(struct store *st, const char *name,
                                 const char *industry, const char *contact,
                                 const char *notes, long long *id);
enum store_err store_company_get(struct store *st, long long id, struct company *out);
/* Finds a company by name (any case), UUID, or decimal id. */
enum store_err store_company_find(struct store *st, const char *ref, struct company *out);
/* Finds the company a person means: as store_company_find(), or by its
 * number as "#5", or by its name with case and accents aside ("muller",
 * "soehne" for "Söhne"), or by the start of its name; STORE_AMBIGUOUS
 * with the candidates named when several fit. */
enum store_err store_company_lookup(struct store *st, const char *ref, struct company *out);
enum store_err store_company_find_uuid(struct store *st, const char *uuid, struct company *out);
/* Changes the fields that are not NULL. */
/* store_company_update() of what was read as was: each field given is
 * saved only if it is still what was holds; else STORE_CHANGED and
 * nothing is saved (someone else changed it meanwhile). */
enum store_err store_company_update_from(struct store *st, long long id,
                                         const struct company *was, const char *name,
                                         const char *industry, const char *contact,
                                         const char *notes);
enum store_err store_company_update(struct store *st, long long id, const char *name,
                                    const char *industry, const char *contact,
                                    const char *notes);
enum store_err store_company_set_archived(struct store *st, long long id, bool archived);
/* Deletes a company and its whole history; *n_assessments (may be NULL)
 * gets how many assessments went with it. */
enum store_err store_company_delete(struct store *st, long long id, int *n_assessments);
enum store_err store_company_count(struct store *st, bool include_archived, int *n);
void store_company_clear(struct company *c);

/* The portfolio, ordered by name the way a German reader looks names up:
 * case and accents are ignored (Ä sorts with A, ß as ss; see store.c),
 * names equal by that rule follow in a fixed order.  Free with
 * store_portfolio_free(). */
enum store_err store_portfolio(struct store *st, bool include_archived,
                               struct portfolio_row **rows, size_t *n);
void store_portfolio_free(struct portfolio_row *rows, size_t n);
/* The same rows one at a time, without holding them all: fn is called for
 * each in order and stops the walk by returning non-zero. */
enum store_err store_each_portfolio_row(struct store *st, bool include_archived,
                                        int (*fn)(const struct portfolio_row *r, void *ctx),
                                        void *ctx);

/* ---- assessments -------------------------------------------------------- */

/* Starts a draft for company.  When from is not 0, it is recorded as the
 * assessment the draft is based on, and when from used the same
 * questionnaire and version, its answers and notes are copied and marked
 * carried. */
enum store_err store_assessment_create(struct store *st, long long company_id,
                                       const char *questionnaire, int qversion,
                                       const char *assessor, long long from,
                                       long long *id);
enum store_err store_assessment_get(struct store *st, long long id, struct assessment *out);
/* Finds an assessment by decimal id or UUID. */
enum store_err store_assessment_find(struct store *st, const char *ref, struct assessment *out);
/* The company's assessment number (1 for the first one started, as
 * struct assessment .number counts); STORE_NOT_FOUND when it has fewer. */
enum store_err store_assessment_numbered(struct store *st, long long company_id, int number,
                                        struct assessment *out);
/* The company's assessments, newest first (by started time, then id). */
enum store_err store_assessment_list(struct store *st, long long company_id,
                                     struct assessment **out, size_t *n);
/* The nth newest final assessment (0 = latest) of a company. */
enum store_err store_assessment_final(struct store *st, long long company_id,
                                      int nth, struct assessment *out);
/* The ids of the company's n newest final assessments, newest first (the
 * order of store_assessment_final), in one query; *got says how many there
 * are, at most n. */
enum store_err store_assessment_finals(struct store *st, long long company_id, int n,
                                       long long *ids, int *got);
/* The newest draft of a company. */
enum store_err store_assessment_draft(struct store *st, long long company_id,
                                      struct assessment *out);
/* Changes assessor and/or summary (NULL = keep); allowed on drafts only. */
enum store_err store_assessment_set_meta(struct store *st, long long id,
                                         const char *assessor, const char *summary);
/* Marks a draft final, caching its overall score and level; its carried
 * answers count as confirmed from then on (carried mark cleared). */
enum store_err store_assessment_finalize(struct store *st, long long id,
                                         int overall, int level);
/* Turns a final assessment back into a draft and records why. */
enum store_err store_assessment_reopen(struct store *st, long long id, const char *why);
enum store_err store_assessment_delete(struct store *st, long long id);
enum store_err store_assessment_events(struct store *st, long long id,
                                       struct assessment_event **out, size_t *n);
/* Whether an assessment of the company has an event with its user (who):
 * made on a server, or a copy of one (a backup opened as a file). */
enum store_err store_company_has_who(struct store *st, long long company, bool *yes);
void store_assessment_clear(struct assessment *a);
void store_assessment_free(struct assessment *list, size_t n);
void store_events_free(struct assessment_event *list, size_t n);

/* ---- answers ------------------------------------------------------------ */

/* All stored answers of an assessment, ordered by item key. */
enum store_err store_answers_load(struct store *st, long long assessment_id,
                                  struct answer **out, size_t *n);
void store_answers_free(struct answer *list, size_t n);
/* Saves one answer's value (ANSWER_DONT_KNOW, 0..4, or ANSWER_UNANSWERED to
 * clear it) in its own transaction and clears the carried mark.  Refused
 * with STORE_STATE on a final assessment. */
enum store_err store_answer_set(struct store *st, long long assessment_id,
                                const char *item_key, int value);
/* Saves one answer's note; the value is left as it is. */
enum store_err store_answer_set_note(struct store *st, long long assessment_id,
                                     const char *item_key, const char *note);
/* Adds answers exactly as given (value, note, changed, carried) to a draft
 * that has none of them yet; for a re-check that carries answers across
 * questionnaire versions. */
enum store_err store_answers_insert(struct store *st, long long assessment_id,
                                    const struct answer_in *answers, size_t n);
/* Merges answers into a draft: each one that the draft lacks, or holds
 * from an earlier change than answers[i].changed (or one of the same
 * second), is taken as given; *taken counts them.  The newer change wins,
 * whichever side it is on. */
enum store_err store_answers_merge(struct store *st, long long assessment_id,
                                   const struct answer_in *answers, size_t n, int *taken);
/* Confirms a carried answer unchanged. */
enum store_err store_answer_confirm(struct store *st, long long assessment_id,
                                    const char *item_key);

/* ---- moving data (import, export, demo, benchmark) ---------------------- */

/* Inserts a company exactly as given (uuid, created, archived, sample). */
enum store_err store_company_insert(struct store *st, const struct company_in *c, long long *id);
/* Inserts an assessment exactly as given (uuid, status, times, cached score)
 * with its answers, for company a->company_id. */
enum store_err store_assessment_insert(struct store *st, const struct assessment_in *a,
                                       const struct answer_in *answers, size_t n,
                                       long long *id);
enum store_err store_assessment_find_uuid(struct store *st, const char *uuid,
                                          struct assessment *out);
/* The id and company of the assessment with this UUID (in lower case, as
 * stored); STORE_NOT_FOUND, with no message, when there is none. */
enum store_err store_assessment_uuid_id(struct store *st, const char *uuid, long long *id,
                                        long long *company_id);
/* The UUID of assessment id; STORE_NOT_FOUND, with no message, when there
 * is none. */
enum store_err store_assessment_uuid_of(struct store *st, long long id,
                                        char uuid[STORE_UUID_LEN + 1]);
/* Calls fn for every company (in portfolio order; archived ones too when asked)
 * without loading them all at once; stops early when fn returns non-zero. */
enum store_err store_each_company(struct store *st, bool include_archived,
                                  int (*fn)(const struct company *c, void *ctx), void *ctx);
/* Calls fn for every assessment of a company, oldest first. */
enum store_err store_each_assessment(struct store *st, long long company_id,
                                     int (*fn)(const struct assessment *a, void *ctx), void *ctx);
/* The sets of UUIDs an import has met so far (companies and assessments,
 * told apart by kind), each with a number of the caller's (tag): kept out
 * of memory, in a temporary table that store_seen_open() empties. */
enum store_err store_seen_open(struct store *st);
/* Adds uuid (valid, 36 characters) with tag; STORE_EXISTS, with the tag
 * it had in *had, when it was there already. */
enum store_err store_seen_add(struct store *st, int kind, const char *uuid, long long tag,
                              long long *had);
/* The tag of uuid; STORE_NOT_FOUND when it has not been added. */
enum store_err store_seen_find(struct store *st, int kind, const char *uuid, long long *tag);
/* Deletes every company added as a sample; *n gets how many. */
enum store_err store_delete_samples(struct store *st, int *n);

/* ---- actions ------------------------------------------------------------
 * The action plan of a company: what is to be done, by whom, by when, and
 * which questions it aims at with the answer it aims for on each (none for
 * a free action).  Every change of status is kept with its time, so that a
 * re-check can tell what an action's status was when it was finished
 * (plan.h judges it).  Deleting a company deletes its actions. */

#define ACTION_MAX_ITEMS PLAN_MAX_ITEMS
#define ACTION_DUE_SIZE 11        /* "YYYY-MM-DD" and its NUL */

struct action_item {
	char *key;                /* item key in the action's questionnaire */
	int target;               /* the answer it aims for, 0..4 */
};

struct action_change {
	long long at;
	enum plan_status status;  /* the status from then on */
};

struct action {
	long long id;
	char uuid[STORE_UUID_LEN + 1];
	long long company_id;
	int number;               /* within its company: 1 for the first added */
	char *title;
	char *owner;              /* who does it; "" when not named */
	char due[ACTION_DUE_SIZE]; /* "YYYY-MM-DD"; "" when no date */
	enum plan_status status;
	char *note;               /* "" when none */
	char *questionnaire;      /* what the item keys mean: "core" */
	int qversion;
	long long origin;         /* assessment whose result suggested it; 0: by hand */
	char origin_uuid[STORE_UUID_LEN + 1]; /* its UUID; "" by hand */
	long long created, updated;
	struct action_item *items;
	size_t n_items;
	struct action_change *changes;  /* oldest first; the first is its creation */
	size_t n_changes;
};

/* What a new action is made of; owner, due and note may be NULL. */
struct action_fields {
	const char *title;
	const char *owner;
	const char *due;          /* "YYYY-MM-DD" or "" */
	const char *note;
	const char *questionnaire;
	int qversion;
	long long origin;         /* 0: by hand; else an assessment of the company */
	const struct plan_aim *items;
	size_t n_items;           /* at most ACTION_MAX_ITEMS, no key twice */
};

/* Adds an action to a company, open, numbered after its others. */
enum store_err store_action_add(struct store *st, long long company_id,
                                const struct action_fields *f, long long *id);
enum store_err store_action_get(struct store *st, long long id, struct action *out);
/* Finds an action by its UUID or a start of one that only it has (at least
 * 4 characters); STORE_AMBIGUOUS when several start so. */
enum store_err store_action_find(struct store *st, const char *ref, struct action *out);
/* The action with this number within company. */
enum store_err store_action_number(struct store *st, long long company_id, int number,
                                   struct action *out);
/* A company's actions: those open or in progress first, by due date (those
 * without one after them), then the done and dropped ones; each group by
 * number. */
enum store_err store_action_list(struct store *st, long long company_id,
                                 struct action **out, size_t *n);
/* The actions open or in progress of active companies that are due on or
 * before the day until ("YYYY-MM-DD"), by due date, then company. */
enum store_err store_actions_due(struct store *st, const char *until,
                                 struct action **out, size_t *n);
/* Changes the status and records when; *changed (may be NULL) says
 * whether it was another status before (nothing is written otherwise). */
enum store_err store_action_set_status(struct store *st, long long id,
                                       enum plan_status status, bool *changed);
/* The same, only if the status is still from (what the caller shows):
 * STORE_STATE, changing nothing, when another program changed it since. */
enum store_err store_action_move_status(struct store *st, long long id, enum plan_status from,
                                        enum plan_status to, bool *changed);
/* Changes the fields that are not NULL; due "" removes the date. */
enum store_err store_action_update(struct store *st, long long id, const char *title,
                                   const char *owner, const char *due, const char *note);
/* Gives the action the items it aims at (n 0: none, a free action),
 * instead of the ones it had. */
enum store_err store_action_set_items(struct store *st, long long id,
                                      const struct plan_aim *items, size_t n);
/* An action exactly as another database had it (the import): the fields
 * of struct action, with strings, items and changes the caller keeps. */
struct action_in {
	char uuid[STORE_UUID_LEN + 1];
	int number;
	const char *title, *owner;
	char due[ACTION_DUE_SIZE];
	enum plan_status status;
	const char *note, *questionnaire;
	int qversion;
	long long origin;         /* an assessment of the company, or 0 */
	long long created, updated;
	const struct plan_aim *items;
	size_t n_items;
	const struct action_change *changes;
	size_t n_changes;
};

/* For the import: adds the action a to the company exactly as another
 * database had it (its UUID, status, fields, times, items and changes;
 * a->origin an assessment of the company or 0), with its number where that
 * is free in the company and the next one otherwise (*number says which).
 * STORE_EXISTS when an action has its UUID already. */
enum store_err store_action_insert(struct store *st, long long company_id,
                                   const struct action_in *a, long long *id, int *number);
/* For the import: gives the stored action id a's fields, status, times,
 * items and changes (its UUID, company and number stay). */
enum store_err store_action_replace(struct store *st, long long id, const struct action_in *a);
void store_action_clear(struct action *a);
void store_actions_free(struct action *list, size_t n);

/* ---- upkeep ------------------------------------------------------------- */

/* Runs SQLite's integrity check; calls fn with each problem found.
 * STORE_OK when the file is sound, STORE_CORRUPT otherwise. */
enum store_err store_check(struct store *st, void (*fn)(const char *problem, void *ctx),
                           void *ctx);
/* Writes a consistent copy to dest (SQLite online backup); dest must not
 * exist. */
enum store_err store_backup(struct store *st, const char *dest);
int store_schema_version(struct store *st);
/* Caps the database size in pages (to test a full disk). */
void store_set_max_pages(struct store *st, long long pages);
/* Reports SQLite's query plan of one of the store's read queries, one line
 * per step, to fn (tests check that no step scans a whole table).  query is
 * "portfolio", "history", "final", "draft", "answers", "events",
 * "each-assessment", "actions", "action-items", "action-changes",
 * or "actions-due"; STORE_INVALID for any other name. */
enum store_err store_query_plan(struct store *st, const char *query,
                                void (*fn)(const char *step, void *ctx), void *ctx);

#endif
