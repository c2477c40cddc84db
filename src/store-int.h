/*
 * store-int.h - what the files of the store share: the handle, the
 * statement helpers (prepare, bind by name, step, read a column), the
 * transactions, the messages, and the SQL of the read queries that
 * tests/check_store looks at the plans of.  Private to the store-*.c files,
 * the only ones that include <sqlite3.h>.  The store is split by concern:
 *   store-db.c       statements, transactions, messages, keys of names
 *   store-open.c     finding, creating, judging and upgrading the file
 *   store-company.c  companies and the portfolio
 *   store-assess.c   assessments, answers and what is imported
 *   store-actions.c  the action plan: actions, their items and status changes
 *   store-upkeep.c   check, backup, and the query plans for the tests
 *   store-seen.c     the UUIDs an import has met, in a temporary table
 *   store-behind.c   rows that wait inside a bulk transaction
 */
#ifndef SMREADY_STORE_INT_H
#define SMREADY_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "attr.h"
#include "store-drv.h"
#include "store.h"

/* "SMRD": marks a file as ours so a foreign SQLite file is never changed. */
#define STORE_APP_ID 0x534D5244
#define STORE_APP_ID_SQL "1397576260"
#define STORE_DEFAULT_BUSY_MS 5000
#define STORE_KEY_MAX 100       /* bytes in an item key */
#define STORE_CACHE 64

/* A prepared statement kept for the next use of the same SQL: found by
 * the text (its hash, then the text itself), never by where the text
 * lives, so two copies of one query share one entry. */
struct cached {
	char *sql;                /* a copy */
	const char *given;        /* the address it was last asked for by */
	unsigned long hash;
	struct drv_stmt *stmt;
	bool busy;
	unsigned long used;       /* when last handed out: the oldest gives way */
};

/* Rows waiting on PostgreSQL in COPY's text format, one table's
 * (store-behind.c). */
struct copy_rows {
	char *buf;
	size_t len, cap, n;       /* bytes, room, rows */
	bool failed;              /* out of memory: rows are missing */
};

/* What waits to be written (store-behind.c): on SQLite the events, up to
 * 16; on PostgreSQL the answers and the events, as COPY's rows. */
struct behind {
	struct pending_event {
		long long id, at;
		const char *kind;
	} pending[16];
	int n_pending;
	struct copy_rows answers, events;
};

struct store {
	struct drv_conn *conn;    /* every statement goes through the driver */
	sqlite3 *db;              /* the SQLite connection under conn; NULL on PostgreSQL */
	bool pg;                  /* a PostgreSQL server, not a file */
	long long bulk_stats_at;  /* store_bulk_progress(): when to count rows again */
	enum drv_rc last_rc;      /* what the last failed statement said */
	char who[128];            /* store_user() */
	bool gone;                /* the server went away: connect again before the next statement */
	long long gone_tried;     /* when connecting again was last tried (monotonic ms) */
	char *path;               /* the file, or the server shown without its password */
	bool readonly;
	bool full;                /* read-only because the disk was full on opening */
	bool role_reads;          /* read-only because the server's user may not write */
	bool damaged;             /* damage found: never written again (read-only) */
	bool asked_readonly;      /* STORE_OPEN_READONLY: write nothing, not even notes */
	bool lost;                /* SQLite ended the caller's transaction on an error */
	int depth;                /* open transaction levels (begin + verbs) */
	bool bulk;                /* store_begin_bulk(): the verbs open no savepoints */
	bool bulk_fresh;          /* (bulk) no assessment was here when it began */
	long long bulk_cache_was; /* (bulk, SQLite) the page cache's size before */
	/* (bulk) what the transaction found or made just now, not asked for
	 * again (an import makes a company's assessments one after another,
	 * each based on the one before): the company last found to exist, the
	 * assessment last made and its company; 0 when none.  A bulk
	 * transaction deletes nothing. */
	long long bulk_company, bulk_made, bulk_made_company;
	long long changes_at[8];  /* (bulk) the total changes as each level opened */
	struct behind behind;     /* answers and events not yet written */
	/* While rows wait (store-behind.c sets it): before() writes them ahead of
	 * a statement that may see their table (sql), all of them for NULL;
	 * drop() forgets them.  A hook, so that the statements here need not
	 * know the rows above them. */
	const struct behind_hook {
		enum store_err (*before)(struct store *st, const char *sql);
		void (*drop)(struct store *st);
	} *waiting;
	int busy_ms;              /* how long to wait for another process's lock */
	long long now;            /* fixed clock for tests; 0 = real time */
	char msg[1024];
	int n_cache;
	unsigned long uses;       /* hand-outs so far, the cache's clock */
	struct cached cache[STORE_CACHE];
};

/* ---- shared by the files of the store ---------------------------------- */

bool all_digits(const char *s);
void b_int(struct drv_stmt *s, const char *name, long long v);
void b_text(struct drv_stmt *s, const char *name, const char *v);
/* The checks of a one-line field and of a note, what (its name) given as
 * N_("..."): it is translated only for a refusal, since gettext cost an
 * import more than the checks. */
enum store_err check_line(struct store *st, const char *s, size_t max, bool allow_empty, const char *what);
enum store_err check_note(struct store *st, const char *s, const char *what);
void col_copy(char *dst, size_t sz, struct drv_stmt *s, int i);
char *col_dup(struct drv_stmt *s, int i);
static inline long long col_int(struct drv_stmt *s, int i)
{
	return s->ops->col_int(s, i);
}
/* "" for NULL */
static inline const char *col_text(struct drv_stmt *s, int i)
{
	return s->ops->col_text(s, i);
}
static inline bool col_null(struct drv_stmt *s, int i)
{
	return s->ops->col_null(s, i);
}
/* Rows the last INSERT, UPDATE or DELETE changed. */
static inline long long db_changes(struct store *st)
{
	return st->conn->ops->changes(st->conn);
}
enum store_err fail_oom(struct store *st);
/* Turns a driver's failure into a store_err with a message for humans
 * (st->last_rc keeps rc). */
enum store_err fail_drv(struct store *st, enum drv_rc rc);
/* The same for an SQLite result code of a call on st->db itself. */
enum store_err fail_sqlite(struct store *st, int rc);
void make_uuid(char out[STORE_UUID_LEN + 1]);
char *name_key(const char *name);
enum store_err q_collect(struct store *st, const char *sql, const char *param, long long v, size_t size, enum store_err (*row)(struct store *st, struct drv_stmt *s, void *elem), void (*clear)(void *elem), void **list, size_t *len);
void q_done(struct store *st, struct drv_stmt *s);
/* Finalizes every cached statement (before the connection closes). */
void q_cache_drop(struct store *st);
enum store_err q_err(struct store *st, enum drv_rc rc);
enum store_err q_exec(struct store *st, const char *sql);
enum store_err q_int1(struct store *st, struct drv_stmt *s, long long *v);
/* The statement of sql, from the cache when it is there.  sql is a string
 * constant, never a buffer written over with other text: the cache knows
 * a statement by the address it was asked for by first, and by its text
 * only when that is new (hashing a long text for each of an import's
 * statements cost more than binding it). */
struct drv_stmt *q_prep(struct store *st, const char *sql);
enum store_err q_run(struct store *st, struct drv_stmt *s);
/* Steps once: DRV_ROW or DRV_DONE, or a failure (message set). */
enum drv_rc q_step(struct store *st, struct drv_stmt *s);
enum store_err say(struct store *st, enum store_err err, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* Lets SQL call smready_name_key(), smready_sort_key() and
 * smready_alt_key() (text.h's keys); SQLite's result code. */
int add_key_functions(sqlite3 *db);
enum store_err tx_close(struct store *st, enum store_err err);
/* ---- rows that wait (store-behind.c) ---- */
/* Writes what waits (nothing, cheaply, when nothing does); forgets it on
 * a failure (the transaction is lost). */
enum store_err behind_flush(struct store *st);
/* Frees the memory of the rows that wait (the store closes). */
void behind_free(struct store *st);
/* An event of assessment id, and its answers (PostgreSQL only; checked
 * already): they wait in a bulk transaction, else go in at once. */
enum store_err behind_event(struct store *st, long long id, long long at, const char *kind);
enum store_err behind_answers(struct store *st, long long id, const struct answer_in *ans,
                              size_t n);
enum store_err tx_open(struct store *st);
bool uuid_valid(const char *s);
void forget_damage(struct store *st);
bool damage_noted(struct store *st, bool may_remove);
void mark_damaged(struct store *st, bool remember);
enum store_err say_corrupt(struct store *st);
enum store_err copy_db(struct store *st, sqlite3 *from, const char *dest);
/* Removes an SQLite file that nobody else knows yet, with its companions
 * (-wal, -shm, -journal). */
void remove_db_files(const char *path);
/* The rows of a store on a server as a new SQLite file (store-copy.c). */
enum store_err copy_to_file(struct store *st, const char *dest);
enum store_err change_one(struct store *st, struct drv_stmt *s, bool company, long long id);
/* Connects st to the PostgreSQL database conninfo, creating the schema
 * on first use (store-open-pg.c). */
enum store_err store_open_pg(struct store *st, const char *conninfo, unsigned flags);
enum store_err count_where(struct store *st, const char *sql, long long arg, int *n);

/* ---- the read queries ---------------------------------------------------- */

#define ASSESS_LIST_COLS ASSESS_COLS_BASE ", 0"

/* ---- assessments -------------------------------------------------------------- */

#define ASSESS_COLS ASSESS_COLS_BASE ", (SELECT count(*) FROM assessments o" \
	" WHERE o.company_id = a.company_id AND (o.started < a.started" \
	"  OR (o.started = a.started AND o.id <= a.id)))"

/* The columns of struct assessment; for one row the last is its number
 * within its company (1 for the first one started), counted along the
 * index assessments_by_start.  The lists, which hold all of a company's
 * assessments in start order, number them as they read them. */
#define ASSESS_COLS_BASE "a.id, a.uuid, a.company_id, a.status, a.questionnaire, a.qversion," \
	" a.started, a.completed, a.updated, a.assessor, a.summary, a.overall, a.level," \
	" a.reopened, a.based_on"

/* Total and stable: name_key is unique, id only spells that out.  The
 * index companies_by_sort delivers the rows in this order. */
#define COMPANY_ORDER "c.sort_key, c.name_key, c.id"

#define COMPANY_NCOLS 9

/* Status of assessment id (and its company, which may be NULL), or
 * STORE_NOT_FOUND, said (store-answers.c, as the answers ask it most). */
enum store_err assessment_state(struct store *st, long long id, int *status,
                                long long *company);
/* STORE_OK when assessment id exists and is a draft that may be edited;
 * else why not, said (store-answers.c). */
enum store_err assessment_editable(struct store *st, long long id);
/* Inserts the answers of a new assessment id as given (store-answers.c). */
enum store_err answers_insert(struct store *st, long long id, const struct answer_in *ans,
                              size_t n);

/* ---- companies -------------------------------------------------------------- */

#define COMPANY_COLS "c.id, c.uuid, c.name, c.industry, c.contact, c.notes, c.created, " \
	"c.archived, c.sample"

/* One pass over the companies; per company the correlated subqueries walk
 * only the tail of assessments_by_status and the count of final ones is
 * kept in the company's row (n_final), so the cost does not grow with
 * the length of a company's history; the open actions along
 * actions_by_status (:today is the local day, "YYYY-MM-DD"). */
#define SQL_PORTFOLIO \
	"SELECT " COMPANY_COLS ", c.n_final," \
	" l.id, l.completed, l.overall, l.level, p.id, p.overall, p.level, d.id, d.updated," \
	" (SELECT count(*) FROM actions t WHERE t.company_id = c.id AND t.status < 2)," \
	" (SELECT count(*) FROM actions t WHERE t.company_id = c.id AND t.status < 2" \
	"   AND t.due > '' AND t.due < :today)" \
	" FROM companies c" \
	" LEFT JOIN assessments l ON l.id = (SELECT x.id FROM assessments x" \
	"   WHERE x.company_id = c.id AND x.status = 1" \
	"   ORDER BY x.completed DESC, x.id DESC LIMIT 1)" \
	" LEFT JOIN assessments p ON p.id = (SELECT x.id FROM assessments x" \
	"   WHERE x.company_id = c.id AND x.status = 1" \
	"   ORDER BY x.completed DESC, x.id DESC LIMIT 1 OFFSET 1)" \
	" LEFT JOIN assessments d ON d.id = (SELECT x.id FROM assessments x" \
	"   WHERE x.company_id = c.id AND x.status = 0" \
	"   ORDER BY x.completed DESC, x.id DESC LIMIT 1)" \
	" WHERE :all OR c.archived = 0" \
	" ORDER BY " COMPANY_ORDER

#define SQL_ANSWERS \
	"SELECT item_key, value, note, changed, carried, who FROM answers" \
	" WHERE assessment_id = :id ORDER BY item_key"

#define SQL_DRAFT \
	"SELECT " ASSESS_COLS " FROM assessments a" \
	" WHERE a.company_id = :c AND a.status = 0" \
	" ORDER BY a.completed DESC, a.id DESC LIMIT 1"

#define SQL_EACH_ASSESSMENT \
	"SELECT " ASSESS_LIST_COLS " FROM assessments a" \
	" WHERE a.company_id = :c ORDER BY a.started, a.id"

#define SQL_EVENTS \
	"SELECT at, kind, detail, who FROM assessment_events" \
	" WHERE assessment_id = :id ORDER BY at, id"

#define SQL_FINAL \
	"SELECT " ASSESS_COLS " FROM assessments a" \
	" WHERE a.company_id = :c AND a.status = 1" \
	" ORDER BY a.completed DESC, a.id DESC LIMIT 1 OFFSET :nth"

/* ---- actions --------------------------------------------------------------- */

/* The columns of struct action (without items and changes). */
#define ACTION_COLS "t.id, t.uuid, t.company_id, t.number, t.title, t.owner, t.due, t.status," \
	" t.note, t.questionnaire, t.qversion, coalesce(t.origin, 0)," \
	" coalesce((SELECT o.uuid FROM assessments o WHERE o.id = t.origin), '')," \
	" t.created, t.updated"

/* Open and in progress first, by due date with the undated last. */
#define SQL_ACTIONS \
	"SELECT " ACTION_COLS " FROM actions t WHERE t.company_id = :c" \
	" ORDER BY t.status >= 2, t.due = '', t.due, t.number"

#define SQL_ACTION_ITEMS \
	"SELECT item_key, target FROM action_items WHERE action_id = :id ORDER BY position"

#define SQL_ACTION_CHANGES \
	"SELECT at, status FROM action_events WHERE action_id = :id ORDER BY at, id"

/* Along the partial index actions_due, whose condition it repeats. */
#define SQL_ACTIONS_DUE \
	"SELECT " ACTION_COLS " FROM actions t JOIN companies c ON c.id = t.company_id" \
	" WHERE t.status < 2 AND t.due <> '' AND t.due <= :until AND c.archived = 0" \
	" ORDER BY t.due, " COMPANY_ORDER ", t.number"

#define SQL_HISTORY \
	"SELECT " ASSESS_LIST_COLS " FROM assessments a" \
	" WHERE a.company_id = :c ORDER BY a.started DESC, a.id DESC"

#endif
