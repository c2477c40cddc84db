/*
 * store-db.c - the statements, transactions and messages of the store (see
 * store-int.h): SQL text appears only as string literals and every value
 * is bound; hot statements are compiled once and kept; every write verb is
 * one committed transaction (BEGIN IMMEDIATE), or a savepoint inside the
 * caller's store_begin(); SQLite's result codes become store_err with a
 * translated message.  Also the keys of names and the small getters.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "i18n.h"
#include "store-int.h"
#include "text.h"

/* ---- messages -------------------------------------------------------------- */

enum store_err say(struct store *st, enum store_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->msg, sizeof st->msg, fmt, ap);
	va_end(ap);
	return err;
}

enum store_err say_corrupt(struct store *st)
{
	return say(st, STORE_CORRUPT, _("The database %s is damaged. smready has not "
	                                "changed it; restore it from a backup."), st->path);
}

/* Maps a driver's failure to a store_err with a message for humans. */
enum store_err fail_drv(struct store *st, enum drv_rc rc)
{
	const char *p = st->path;
	const char *why = st->conn ? st->conn->ops->message(st->conn) : "";

	st->last_rc = rc;
	switch (rc) {
	case DRV_BUSY:
		return say(st, STORE_BUSY, _("The database %s is locked by another program; "
		                             "try again in a moment."), p);
	case DRV_READONLY:
		if (st->pg)
			return say(st, STORE_READONLY, _("The database %s lets this user only read, so "
			                                 "the change was not saved (%s). Its "
			                                 "administrator can grant the right to "
			                                 "write."), p, why);
		return say(st, STORE_READONLY, _("The database %s can only be read, so the change "
		                                 "was not saved. Check the permissions of the "
		                                 "file and its folder."), p);
	case DRV_FULL:
		return say(st, STORE_FULL, _("The disk is full or the database %s has reached "
		                             "its size limit; the change was not saved. Free some "
		                             "space and try again."), p);
	case DRV_CORRUPT:
		mark_damaged(st, true);
		return say(st, STORE_CORRUPT, _("The database %s is damaged. smready has not "
		                                "changed it; restore it from a backup."), p);
	case DRV_NOTADB:
		return say(st, STORE_NOT_DB, _("%s is not an smready database; it was left "
		                               "untouched."), p);
	case DRV_IO:
		return say(st, STORE_IO, _("The database %s could not be read or written: %s"),
		           p, why);
	case DRV_GONE:
		st->gone = true;
		return say(st, STORE_GONE, _("The connection to the database %s was lost: %s"),
		           p, why);
	case DRV_NOMEM:
		return say(st, STORE_ERROR, _("Out of memory."));
	default:
		return say(st, STORE_ERROR, _("Unexpected database error in %s: %s"), p, why);
	}
}

enum store_err fail_sqlite(struct store *st, int rc)
{
	enum drv_rc r = drv_sqlite_rc(st->db, rc);

	if (r == DRV_IO || r == DRV_ERROR) {
		/* the connection's words, or SQLite's for a connection that
		 * never opened */
		st->last_rc = r;
		return say(st, r == DRV_IO ? STORE_IO : STORE_ERROR,
		           r == DRV_IO ? _("The database %s could not be read or written: %s")
		                       : _("Unexpected database error in %s: %s"),
		           st->path, st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	}
	return fail_drv(st, r);
}

enum store_err fail_oom(struct store *st)
{
	return say(st, STORE_ERROR, _("Out of memory."));
}

/* ---- statements -------------------------------------------------------------- */

static unsigned long sql_hash(const char *sql)
{
	unsigned long h = 2166136261u;     /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* The cache entry for a new statement: a free slot, else the least
 * recently used one not in use (its statement finalized); NULL when all
 * are in use. */
static struct cached *cache_slot(struct store *st)
{
	struct cached *old = NULL;

	if (st->n_cache < STORE_CACHE)
		return &st->cache[st->n_cache++];
	for (int i = 0; i < st->n_cache; i++)
		if (!st->cache[i].busy && (!old || st->cache[i].used < old->used))
			old = &st->cache[i];
	if (old) {
		old->stmt->ops->finalize(old->stmt);
		free(old->sql);
		memset(old, 0, sizeof *old);
	}
	return old;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum store_err store_reconnect(struct store *st)
{
	if (!st->gone)
		return STORE_OK;
	if (st->depth > 0)
		return say(st, STORE_GONE, _("The connection to the database %s was lost in the "
		                             "middle of a change; nothing of it was saved."),
		           st->path);
	st->gone_tried = now_ms();
	q_cache_drop(st);
	if (!st->conn->ops->reconnect || !st->conn->ops->reconnect(st->conn))
		return say(st, STORE_GONE, _("The database %s cannot be reached: %s"), st->path,
		           st->conn->ops->message(st->conn));
	st->gone = false;
	st->conn->ops->set_busy(st->conn, st->busy_ms);
	if (st->readonly && q_exec(st, "SET default_transaction_read_only = on") != STORE_OK)
		return STORE_GONE;
	return STORE_OK;
}

bool store_names_password(const char *target)
{
	return drv_is_pg_target(target) && drv_pg_has_password(target);
}

const char *store_user(const struct store *st)
{
	return st->who;
}

bool store_online(const struct store *st)
{
	return !st->gone;
}

/* Before a statement on a lost connection: connect again, but not more
 * often than every two seconds (an unreachable host may take a while to
 * say so), and never inside a transaction, whose statements are gone. */
static bool reconnected(struct store *st)
{
	if (st->depth > 0 || now_ms() - st->gone_tried < 2000) {
		say(st, STORE_GONE, _("The database %s cannot be reached at the moment; "
		                      "nothing was saved."), st->path);
		return false;
	}
	return store_reconnect(st) == STORE_OK;
}

/* A prepared statement for sql, from the cache when it is free.  NULL on
 * error, with the message set. */
struct drv_stmt *q_prep(struct store *st, const char *sql)
{
	unsigned long h;
	struct drv_stmt *s = NULL;
	struct cached *c;
	bool known = false;
	enum drv_rc rc;

	if (st->gone && !reconnected(st))
		return NULL;
	/* rows that wait go in before a statement that may see their table */
	if (st->waiting && st->waiting->before(st, sql) != STORE_OK)
		return NULL;
	for (int i = 0; i < st->n_cache; i++) {
		c = &st->cache[i];
		if (c->given == sql && !c->busy) {
			c->busy = true;
			c->used = ++st->uses;
			return c->stmt;
		}
	}
	h = sql_hash(sql);
	for (int i = 0; i < st->n_cache; i++) {
		c = &st->cache[i];
		if (c->hash != h || strcmp(c->sql, sql) != 0)
			continue;
		if (!c->busy) {
			c->busy = true;
			c->given = sql;
			c->used = ++st->uses;
			return c->stmt;
		}
		known = true;     /* in use (a nested query): a private one */
		break;
	}
	rc = st->conn->ops->prepare(st->conn, sql, &s);
	if (rc != DRV_OK) {
		fail_drv(st, rc);
		return NULL;
	}
	if (known || !(c = cache_slot(st)))
		return s;         /* used once, finalized by q_done() */
	c->sql = strdup(sql);
	if (!c->sql) {
		/* no memory for the copy: give the slot back, keep the last
		 * entry's place filled */
		*c = st->cache[--st->n_cache];
		memset(&st->cache[st->n_cache], 0, sizeof *c);
		return s;
	}
	c->hash = h;
	c->given = sql;
	c->stmt = s;
	c->busy = true;
	c->used = ++st->uses;
	return s;
}

void q_cache_drop(struct store *st)
{
	for (int i = 0; i < st->n_cache; i++) {
		st->cache[i].stmt->ops->finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	memset(st->cache, 0, sizeof st->cache);
	st->n_cache = 0;
}

/* Gives a statement back: reset for the cache, or finalized. */
void q_done(struct store *st, struct drv_stmt *s)
{
	if (!s)
		return;
	for (int i = 0; i < st->n_cache; i++) {
		if (st->cache[i].stmt == s) {
			s->ops->reset(s);
			st->cache[i].busy = false;
			return;
		}
	}
	s->ops->finalize(s);
}

/* The position of the parameter name in s.  A name the statement does not
 * have is a mistake in the program, not in the data: binding it silently
 * would store NULL (or match nothing) where a value was meant, so the
 * program stops at once, naming the parameter and the statement. */
static int param_index(struct drv_stmt *s, const char *name)
{
	int i = s->ops->param(s, name);

	if (i == 0) {
		fprintf(stderr, "smready: internal error: no parameter %s in the statement\n", name);
		abort();
	}
	return i;
}

void b_int(struct drv_stmt *s, const char *name, long long v)
{
	s->ops->bind_int(s, param_index(s, name), v);
}

/* NULL binds the empty string: text columns are never NULL. */
void b_text(struct drv_stmt *s, const char *name, const char *v)
{
	s->ops->bind_text(s, param_index(s, name), v ? v : "");
}

enum drv_rc q_step(struct store *st, struct drv_stmt *s)
{
	enum drv_rc rc = s->ops->step(s);

	if (rc != DRV_ROW && rc != DRV_DONE)
		fail_drv(st, rc);
	return rc;
}

enum store_err q_err(struct store *st, enum drv_rc rc)
{
	return (rc == DRV_ROW || rc == DRV_DONE) ? STORE_OK : fail_drv(st, rc);
}

/* Runs a statement to its end and gives it back. */
enum store_err q_run(struct store *st, struct drv_stmt *s)
{
	enum drv_rc rc;

	do
		rc = s->ops->step(s);
	while (rc == DRV_ROW);
	q_done(st, s);
	return rc == DRV_DONE ? STORE_OK : fail_drv(st, rc);
}

/* Reads the first column of the first row as an integer and gives the
 * statement back; STORE_NOT_FOUND when there is no row. */
enum store_err q_int1(struct store *st, struct drv_stmt *s, long long *v)
{
	enum drv_rc rc = s->ops->step(s);
	enum store_err err = STORE_OK;

	if (rc == DRV_ROW)
		*v = col_int(s, 0);
	else if (rc == DRV_DONE)
		err = STORE_NOT_FOUND;
	else
		err = fail_drv(st, rc);
	q_done(st, s);
	return err;
}

/* Runs SQL that takes no values (pragmas, schema, transaction control). */
enum store_err q_exec(struct store *st, const char *sql)
{
	enum drv_rc rc = st->conn->ops->exec(st->conn, sql);

	return rc == DRV_OK ? STORE_OK : fail_drv(st, rc);
}

/* Runs one statement that takes no values, prepared once (transaction
 * control: every write verb runs two). */
static enum store_err q_simple(struct store *st, const char *sql)
{
	struct drv_stmt *s = q_prep(st, sql);

	return s ? q_run(st, s) : STORE_ERROR;
}

/* Runs sql with the integer v bound to param, making each row one element
 * (size bytes) of a new array with row(), which leaves nothing to free
 * when it fails.  On failure the rows read so far are released with
 * clear() and *list is NULL, *len 0. */
enum store_err q_collect(struct store *st, const char *sql, const char *param,
                                long long v, size_t size,
                                enum store_err (*row)(struct store *st, struct drv_stmt *s,
                                                      void *elem),
                                void (*clear)(void *elem), void **list, size_t *len)
{
	struct drv_stmt *s = q_prep(st, sql);
	unsigned char *a = NULL;
	size_t n = 0, cap = 0;
	enum store_err err = STORE_OK;
	enum drv_rc rc;

	*list = NULL;
	*len = 0;
	if (!s)
		return STORE_ERROR;
	b_int(s, param, v);
	while ((rc = q_step(st, s)) == DRV_ROW) {
		if (n == cap) {
			size_t want = cap ? cap * 2 : 16;
			unsigned char *more = realloc(a, want * size);

			if (!more) {
				err = fail_oom(st);
				break;
			}
			a = more;
			cap = want;
		}
		err = row(st, s, a + n * size);
		if (err != STORE_OK)
			break;
		n++;
	}
	q_done(st, s);
	if (err == STORE_OK)
		err = q_err(st, rc);
	if (err != STORE_OK) {
		for (size_t i = 0; i < n; i++)
			clear(a + i * size);
		free(a);
		return err;
	}
	*list = a;
	*len = n;
	return STORE_OK;
}

char *col_dup(struct drv_stmt *s, int i)
{
	return strdup(col_text(s, i));
}

void col_copy(char *dst, size_t sz, struct drv_stmt *s, int i)
{
	snprintf(dst, sz, "%s", col_text(s, i));
}

/* ---- transactions -------------------------------------------------------------- */

static enum store_err fail_readonly(struct store *st)
{
	if (st->damaged)
		return say(st, STORE_CORRUPT, _("The database %s is damaged, so smready changes "
		                                "nothing in it any more. Restore it from a backup, "
		                                "or copy what can still be read with 'smready "
		                                "export'."), st->path);
	if (st->full)
		return say(st, STORE_FULL, _("The disk was full when the database %s was "
		                             "opened, so it could only be opened for reading; "
		                             "the change was not saved. Free some space and "
		                             "try again."), st->path);
	if (st->role_reads)
		return say(st, STORE_READONLY, _("The database %s lets this user only read, so "
		                                 "nothing can be saved. Its administrator can "
		                                 "grant the right to write."), st->path);
	return say(st, STORE_READONLY, _("The database %s is open read-only, so nothing can "
	                                 "be saved. Check the permissions of the file and "
	                                 "its folder."), st->path);
}

/* Runs transaction control whose failure has nothing to add: the message
 * of what went wrong before stays. */
static void tx_quiet(struct store *st, const char *sql)
{
	st->conn->ops->exec(st->conn, sql);
}

/* Whether transaction level depth (0 the outermost) is a verb's inside a
 * store_begin_bulk(): no savepoint of its own. */
static bool bulk_level(const struct store *st, int depth)
{
	return st->bulk && depth > 0 && depth < (int)(sizeof st->changes_at /
	                                              sizeof st->changes_at[0]);
}

/* Opens a transaction level: BEGIN IMMEDIATE at the outside (so a write
 * never fails half-way on a lock), a savepoint when joining the caller's. */
enum store_err tx_open(struct store *st)
{
	enum store_err err;

	if (st->readonly || st->damaged)
		return fail_readonly(st);
	if (st->depth > 0 && st->lost)
		return say(st, STORE_ERROR, _("An earlier error cancelled the changes in progress; "
		                              "nothing of them was saved."));
	if (bulk_level(st, st->depth)) {
		st->changes_at[st->depth++] = st->conn->ops->total_changes(st->conn);
		return STORE_OK;
	}
	if (st->depth > 0) {
		err = q_simple(st, "SAVEPOINT store_sp");
	} else {
		const char *const *b = st->conn->ops->begin_write;

		err = STORE_OK;
		for (int i = 0; err == STORE_OK && b[i]; i++)
			err = q_simple(st, b[i]);
		if (err != STORE_OK)
			tx_quiet(st, "ROLLBACK");
	}
	if (err == STORE_OK)
		st->depth++;
	return err;
}

/* Quietly undoes what is still open at this level; keeps the message. */
static void tx_undo(struct store *st)
{
	bool failed;

	if (!st->conn->ops->in_tx(st->conn, &failed)) {
		/* The engine rolled the whole transaction back itself (SQLite
		 * on a full disk; a lost connection); an outer store_begin()
		 * must learn of it. */
		if (st->depth > 0)
			st->lost = true;
		return;
	}
	if (st->depth == 0)
		tx_quiet(st, "ROLLBACK");
	else
		tx_quiet(st, "ROLLBACK TO store_sp; RELEASE store_sp");
}

/* Closes a transaction level: commits (or releases) when err is STORE_OK,
 * rolls back otherwise.  Returns the final outcome. */
enum store_err tx_close(struct store *st, enum store_err err)
{
	if (st->depth == 0)
		return err;
	st->depth--;
	if (bulk_level(st, st->depth)) {
		/* nothing to undo by itself: a failure after a change leaves only
		 * the whole transaction to roll back */
		bool failed = false;

		if (err != STORE_OK && (st->conn->ops->total_changes(st->conn) !=
		                        st->changes_at[st->depth] ||
		                        !st->conn->ops->in_tx(st->conn, &failed) || failed))
			st->lost = true;
		return err;
	}
	if (st->depth == 0) {
		st->bulk = false;
		st->bulk_company = st->bulk_made = st->bulk_made_company = 0;
	}
	if (err == STORE_OK) {
		if (st->lost) {
			/* what is left of the group goes too */
			tx_undo(st);
			if (st->depth == 0)
				st->lost = false;
			return say(st, STORE_ERROR, _("An earlier error cancelled the changes in "
			                              "progress; nothing of them was saved."));
		}
		err = q_simple(st, st->depth == 0 ? "COMMIT" : "RELEASE store_sp");
		if (err == STORE_OK)
			return err;
	}
	tx_undo(st);
	/* Out of space, or the server gone: whatever the engine kept, the
	 * caller's group cannot be finished as it was meant, so all of it
	 * goes (the promise of store_begin()). */
	if (st->depth > 0 && (err == STORE_FULL || err == STORE_GONE))
		st->lost = true;
	if (st->depth == 0)
		st->lost = false;
	return err;
}

enum store_err store_begin(struct store *st)
{
	return tx_open(st);
}

/* PostgreSQL plans a statement by the row counts it keeps of each table.
 * An import's rows are its own transaction's until it ends: an autovacuum
 * ANALYZE meanwhile counts 0 rows on many pages, and the planner then
 * finds an assessment by its id through an index that has the id third
 * (assessments_by_start), reading the whole index each time, foreign key
 * checks included; the import grows quadratic: 2,000 companies took over
 * 20 minutes instead of under three.  ANALYZE inside the transaction counts its own
 * new rows and has the plans made again, and its lock, held to the end,
 * keeps autovacuum from counting them anew meanwhile.  In a savepoint: a role that may
 * not analyze gets a warning (kept off the terminal), and whatever else
 * goes wrong leaves the import as it was. */
static void refresh_stats(struct store *st)
{
	if (!st->pg)
		return;
	if (q_simple(st, "SAVEPOINT store_stats") != STORE_OK)
		return;
	if (q_simple(st, "ANALYZE companies, assessments, answers, assessment_events, actions,"
	                 " action_items, action_events") != STORE_OK)
		q_simple(st, "ROLLBACK TO store_stats");
	q_simple(st, "RELEASE store_stats");
}

/* SQLite's page cache during a bulk transaction, in KiB.  An import
 * writes to some ten tables and indexes at once, each at its own end, and
 * the index of the assessments' UUIDs all over: in the default 2 MiB the
 * pages of one table pushed out those of the next, which went to the
 * write-ahead log half written and were read back a moment later (an
 * import of 2,000 companies x 40 assessments took a third longer, and
 * 10% longer at 20,000).  The cache is memory taken only as pages are
 * read, and given back when the transaction ends. */
#define BULK_CACHE_KIB 8192

static void bulk_cache(struct store *st, bool on)
{
	char sql[48];

	if (st->pg)
		return;
	if (on) {
		struct drv_stmt *s = q_prep(st, "PRAGMA cache_size");

		st->bulk_cache_was = 0;
		if (!s || q_int1(st, s, &st->bulk_cache_was) != STORE_OK)
			return;
		snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", BULK_CACHE_KIB);
	} else if (st->bulk_cache_was) {
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", st->bulk_cache_was);
	} else {
		return;
	}
	/* a setting of this connection only; it fails only without memory,
	 * and then the cache stays as it was */
	st->conn->ops->exec(st->conn, sql);
}

enum store_err store_begin_bulk(struct store *st)
{
	enum store_err err;

	if (st->depth > 0)
		return say(st, STORE_STATE, _("There are changes in progress already."));
	err = tx_open(st);
	if (err == STORE_OK) {
		struct drv_stmt *s = q_prep(st, "SELECT count(*) FROM"
		                             " (SELECT 1 FROM assessments LIMIT 1) AS a");
		long long any = 1;

		err = s ? q_int1(st, s, &any) : STORE_ERROR;
		if (err != STORE_OK)
			return tx_close(st, err);
		st->bulk = true;
		st->bulk_fresh = any == 0;
		st->bulk_company = st->bulk_made = st->bulk_made_company = 0;
		st->bulk_stats_at = 100;
		refresh_stats(st);
		bulk_cache(st, true);
	}
	return err;
}

bool store_bulk_fresh(const struct store *st)
{
	return st->bulk && st->bulk_fresh;
}

void store_bulk_progress(struct store *st, long long n)
{
	if (!st->bulk || n < st->bulk_stats_at)
		return;
	st->bulk_stats_at = n * 4;
	refresh_stats(st);
}

/* tx_close() of a level that store_begin() or store_begin_bulk() opened;
 * the page cache goes back to its size when a bulk transaction ends. */
static enum store_err close_level(struct store *st, enum store_err err)
{
	bool bulk = st->bulk && st->depth == 1;

	err = tx_close(st, err);
	if (bulk)
		bulk_cache(st, false);
	return err;
}

enum store_err store_commit(struct store *st)
{
	enum store_err err;

	if (st->depth == 0)
		return say(st, STORE_STATE, _("There are no changes in progress to save."));
	err = st->waiting && st->depth == 1 ? st->waiting->before(st, NULL) : STORE_OK;
	return close_level(st, err);
}

void store_rollback(struct store *st)
{
	char keep[sizeof st->msg];

	if (st->depth == 0)
		return;
	if (st->depth == 1 && st->waiting)
		st->waiting->drop(st);
	memcpy(keep, st->msg, sizeof keep);
	close_level(st, STORE_ERROR);
	memcpy(st->msg, keep, sizeof keep);
}

/* ---- small helpers -------------------------------------------------------------- */

long long store_now(const struct store *st)
{
	return st->now ? st->now : (long long)time(NULL);
}

void store_set_now(struct store *st, long long now)
{
	st->now = now;
}

void store_set_busy_timeout(struct store *st, int ms)
{
	st->busy_ms = ms < 0 ? 0 : ms;
	st->conn->ops->set_busy(st->conn, st->busy_ms);
}

const char *store_error(const struct store *st)
{
	return st->msg;
}

enum store_err store_set_error(struct store *st, enum store_err err, const char *msg)
{
	snprintf(st->msg, sizeof st->msg, "%s", msg ? msg : "");
	return err;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

bool store_readonly(const struct store *st)
{
	return st->readonly || st->damaged;
}

bool store_damaged(const struct store *st)
{
	return st->damaged;
}

bool store_readonly_role(const struct store *st)
{
	return st->role_reads;
}

enum store_err store_writable(struct store *st)
{
	return st->readonly || st->damaged ? fail_readonly(st) : STORE_OK;
}

/* n random bytes from the kernel; should it fail (no /dev/urandom in a
 * chroot, say), from the clock and a counter: a UUID must only be new. */
static void random_bytes(unsigned char *b, size_t n)
{
	static unsigned long long extra;
	size_t got = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		while (got < n) {
			ssize_t r = read(fd, b + got, n - got);

			if (r <= 0)
				break;
			got += (size_t)r;
		}
		close(fd);
	}
	if (got < n) {
		struct timespec ts;
		unsigned long long x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (unsigned long long)ts.tv_sec * 1000000007ull ^ (unsigned long long)ts.tv_nsec ^
		    ((unsigned long long)getpid() << 32) ^ ++extra;
		for (size_t i = got; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			b[i] = (unsigned char)x;
		}
	}
}

/* A random (version 4) UUID in lower case. */
void make_uuid(char out[STORE_UUID_LEN + 1])
{
	unsigned char b[16];

	random_bytes(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, STORE_UUID_LEN + 1,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
	         b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

bool uuid_valid(const char *s)
{
	if (!s || strlen(s) != STORE_UUID_LEN)
		return false;
	for (int i = 0; i < STORE_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	}
	return true;
}

bool all_digits(const char *s)
{
	if (!*s || strlen(s) > 18)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Checks a field with the text rules; what is a translated subject like
 * "The company name", completed by the text module's predicate. */
enum store_err check_line(struct store *st, const char *s, size_t max,
                                 bool allow_empty, const char *what)
{
	enum text_check c = text_check_line(s ? s : "", max, allow_empty);
	char why[128];

	if (c == TEXT_OK)
		return STORE_OK;
	return say(st, STORE_INVALID, "%s %s.", _(what), text_check_say(c, max, why, sizeof why));
}

enum store_err check_note(struct store *st, const char *s, const char *what)
{
	enum text_check c = text_check_note(s ? s : "", TEXT_NOTE_MAX);
	char why[128];

	if (c == TEXT_OK)
		return STORE_OK;
	return say(st, STORE_INVALID, "%s %s.", _(what),
	           text_check_say(c, TEXT_NOTE_MAX, why, sizeof why));
}

/* ---- keys of names ----------------------------------------------------------
 * A company's name is stored in its normal form (text_normal_line()); it is
 * unique by name_key (text_name_key(): case and invisible characters do
 * not count), sorted by sort_key (text_fold(): nor do accents), and found by
 * sort_key or alt_key (text_fold_alt(): ä as ae, ...). */

char *name_key(const char *name)
{
	return text_name_key(name);
}

/* key(name) for SQL: the schema upgrades fill the key columns with it and
 * the writes use it, so that there is one definition.  Only statements use
 * it, never the schema, so the file stays readable by any SQLite tool. */
static const struct {
	const char *name;
	char *(*fn)(const char *);
} sql_keys[] = {
	{ "smready_name_key", text_name_key },
	{ "smready_sort_key", text_fold },
	{ "smready_alt_key", text_fold_alt },
};

static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	/* The user data is the index into sql_keys. */
	size_t which = (size_t)(uintptr_t)sqlite3_user_data(ctx);
	const unsigned char *name;
	char *key;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	name = sqlite3_value_text(argv[0]);
	key = name && which < sizeof sql_keys / sizeof sql_keys[0]
	      ? sql_keys[which].fn((const char *)name) : NULL;
	if (!key) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, key, -1, free);
}

int add_key_functions(sqlite3 *db)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; rc == SQLITE_OK && i < sizeof sql_keys / sizeof sql_keys[0]; i++)
		rc = sqlite3_create_function_v2(db, sql_keys[i].name, 1,
		                                SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		                                (void *)(uintptr_t)i, sql_key, NULL, NULL, NULL);
	return rc;
}

/* ---- copies ---------------------------------------------------------------- */

/* Copies the database open in from to dest with SQLite's online backup:
 * a consistent snapshot even while other processes keep writing. */
enum store_err copy_db(struct store *st, sqlite3 *from, const char *dest)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	int fd, rc;

	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return say(st, STORE_EXISTS, _("%s exists already; choose another name for the "
		                               "copy."), dest);
	if (fd < 0)
		return say(st, STORE_IO, _("Cannot create %s: %s"), dest, strerror(errno));
	fchmod(fd, 0600);
	close(fd);
	rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(to, "main", from, "main");
		if (!b) {
			rc = sqlite3_errcode(to);
		} else {
			do {
				rc = sqlite3_backup_step(b, 256);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(20);
			} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			if (sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
				rc = sqlite3_errcode(to);
		}
	}
	if (rc != SQLITE_DONE) {
		const char *why = to ? sqlite3_errmsg(to) : sqlite3_errstr(rc);

		say(st, (rc & 0xff) == SQLITE_FULL ? STORE_FULL : STORE_IO,
		    _("Cannot write the copy %s: %s"), dest, why);
		sqlite3_close(to);
		unlink(dest);
		return (rc & 0xff) == SQLITE_FULL ? STORE_FULL : STORE_IO;
	}
	rc = sqlite3_close(to);
	return rc == SQLITE_OK ? STORE_OK : say(st, STORE_IO, _("Cannot write the copy %s: %s"),
	                                        dest, sqlite3_errstr(rc));
}
