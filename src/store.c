/*
 * store.c - the SQLite database behind smready: companies, assessments,
 * answers and the history of each assessment.
 *
 * This is the only file that includes <sqlite3.h>.  It owns the schema and
 * its upgrades, the checks done before SQLite may touch a file, the mapping
 * of SQLite's result codes to store_err and translated messages, and the
 * transaction discipline: every write verb is one committed transaction
 * (BEGIN IMMEDIATE), or a savepoint inside the caller's store_begin().
 *
 * SQL text appears only as string literals; every value is bound.  The
 * statement helpers below (q_*) follow the prepare / bind by name / step /
 * reset pattern, with a small cache so hot statements are compiled once.
 */
#include "config.h"

#include "store.h"

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

#include <sqlite3.h>

#include "attr.h"
#include "catalogue.h"
#include "i18n.h"
#include "text.h"

/* "SMRD": marks a file as ours so a foreign SQLite file is never changed. */
#define STORE_APP_ID 0x534D5244
#define STORE_APP_ID_SQL "1397576260"
#define STORE_DEFAULT_BUSY_MS 5000
#define STORE_KEY_MAX 100       /* bytes in an item key */
#define STORE_CACHE 48

struct cached {
	const char *sql;
	sqlite3_stmt *stmt;
	bool busy;
};

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	bool full;                /* read-only because the disk was full on opening */
	bool damaged;             /* damage found: never written again (read-only) */
	bool asked_readonly;      /* STORE_OPEN_READONLY: write nothing, not even notes */
	bool lost;                /* SQLite ended the caller's transaction on an error */
	int depth;                /* open transaction levels (begin + verbs) */
	int busy_ms;              /* how long to wait for another process's lock */
	long long now;            /* fixed clock for tests; 0 = real time */
	char msg[1024];
	int n_cache;
	struct cached cache[STORE_CACHE];
};

/* ---- messages -------------------------------------------------------------- */

static enum store_err say(struct store *st, enum store_err err, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static enum store_err say(struct store *st, enum store_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->msg, sizeof st->msg, fmt, ap);
	va_end(ap);
	return err;
}

static void mark_damaged(struct store *st, bool remember);

/* Maps an SQLite result code to a store_err with a message for humans. */
static enum store_err fail_sqlite(struct store *st, int rc)
{
	const char *p = st->path;
	int e = st->db ? sqlite3_system_errno(st->db) : 0;

	/* SQLite says "disk I/O error" for many a write that failed for want of
	 * space (growing the -shm file, for one); the cause is what counts. */
	if ((rc & 0xff) == SQLITE_IOERR && (e == ENOSPC || e == EDQUOT))
		rc = SQLITE_FULL;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return say(st, STORE_BUSY, _("The database %s is locked by another program; "
		                             "try again in a moment."), p);
	case SQLITE_READONLY:
		return say(st, STORE_READONLY, _("The database %s can only be read, so the change "
		                                 "was not saved. Check the permissions of the "
		                                 "file and its folder."), p);
	case SQLITE_FULL:
		return say(st, STORE_FULL, _("The disk is full or the database %s has reached "
		                             "its size limit; the change was not saved. Free some "
		                             "space and try again."), p);
	case SQLITE_CORRUPT:
		mark_damaged(st, true);
		return say(st, STORE_CORRUPT, _("The database %s is damaged. smready has not "
		                                "changed it; restore it from a backup."), p);
	case SQLITE_NOTADB:
		return say(st, STORE_NOT_DB, _("%s is not an smready database; it was left "
		                               "untouched."), p);
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_PERM:
		return say(st, STORE_IO, _("The database %s could not be read or written: %s"),
		           p, st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	case SQLITE_NOMEM:
		return say(st, STORE_ERROR, _("Out of memory."));
	default:
		return say(st, STORE_ERROR, _("Unexpected database error in %s: %s"), p,
		           st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	}
}

static enum store_err fail_oom(struct store *st)
{
	return say(st, STORE_ERROR, _("Out of memory."));
}

/* ---- statements -------------------------------------------------------------- */

/* A prepared statement for sql, from the cache when it is free.  NULL on
 * error, with the message set. */
static sqlite3_stmt *q_prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	struct cached *c = NULL;
	int rc;

	for (int i = 0; i < st->n_cache; i++) {
		if (st->cache[i].sql == sql) {
			if (!st->cache[i].busy) {
				st->cache[i].busy = true;
				return st->cache[i].stmt;
			}
			break;
		}
	}
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(s);
		fail_sqlite(st, rc);
		return NULL;
	}
	if (st->n_cache < STORE_CACHE) {
		bool known = false;

		for (int i = 0; i < st->n_cache; i++)
			known = known || st->cache[i].sql == sql;
		if (!known) {
			c = &st->cache[st->n_cache++];
			c->sql = sql;
			c->stmt = s;
			c->busy = true;
		}
	}
	return s;
}

/* Gives a statement back: reset for the cache, or finalized. */
static void q_done(struct store *st, sqlite3_stmt *s)
{
	if (!s)
		return;
	for (int i = 0; i < st->n_cache; i++) {
		if (st->cache[i].stmt == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			st->cache[i].busy = false;
			return;
		}
	}
	sqlite3_finalize(s);
}

static void b_int(sqlite3_stmt *s, const char *name, long long v)
{
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, name), v);
}

/* NULL binds the empty string: text columns are never NULL. */
static void b_text(sqlite3_stmt *s, const char *name, const char *v)
{
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, name), v ? v : "", -1,
	                  SQLITE_TRANSIENT);
}

/* Steps once: SQLITE_ROW or SQLITE_DONE, or an error code (message set). */
static int q_step(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail_sqlite(st, rc);
	return rc;
}

static enum store_err q_err(struct store *st, int rc)
{
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? STORE_OK : fail_sqlite(st, rc);
}

/* Runs a statement to its end and gives it back. */
static enum store_err q_run(struct store *st, sqlite3_stmt *s)
{
	int rc;

	do
		rc = sqlite3_step(s);
	while (rc == SQLITE_ROW);
	q_done(st, s);
	return rc == SQLITE_DONE ? STORE_OK : fail_sqlite(st, rc);
}

/* Reads the first column of the first row as an integer and gives the
 * statement back; STORE_NOT_FOUND when there is no row. */
static enum store_err q_int1(struct store *st, sqlite3_stmt *s, long long *v)
{
	int rc = sqlite3_step(s);
	enum store_err err = STORE_OK;

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_DONE)
		err = STORE_NOT_FOUND;
	else
		err = fail_sqlite(st, rc);
	q_done(st, s);
	return err;
}

/* Runs SQL that takes no values (pragmas, schema, transaction control). */
static enum store_err q_exec(struct store *st, const char *sql)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : fail_sqlite(st, rc);
}

/* Runs sql with the integer v bound to param, making each row one element
 * (size bytes) of a new array with row(), which leaves nothing to free
 * when it fails.  On failure the rows read so far are released with
 * clear() and *list is NULL, *len 0. */
static enum store_err q_collect(struct store *st, const char *sql, const char *param,
                                long long v, size_t size,
                                enum store_err (*row)(struct store *st, sqlite3_stmt *s,
                                                      void *elem),
                                void (*clear)(void *elem), void **list, size_t *len)
{
	sqlite3_stmt *s = q_prep(st, sql);
	unsigned char *a = NULL;
	size_t n = 0, cap = 0;
	enum store_err err = STORE_OK;
	int rc;

	*list = NULL;
	*len = 0;
	if (!s)
		return STORE_ERROR;
	b_int(s, param, v);
	while ((rc = q_step(st, s)) == SQLITE_ROW) {
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

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return strdup(t ? (const char *)t : "");
}

static void col_copy(char *dst, size_t sz, sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, sz, "%s", t ? (const char *)t : "");
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
	return say(st, STORE_READONLY, _("The database %s is open read-only, so nothing can "
	                                 "be saved. Check the permissions of the file and "
	                                 "its folder."), st->path);
}

/* Opens a transaction level: BEGIN IMMEDIATE at the outside (so a write
 * never fails half-way on a lock), a savepoint when joining the caller's. */
static enum store_err tx_open(struct store *st)
{
	enum store_err err;

	if (st->readonly || st->damaged)
		return fail_readonly(st);
	if (st->depth > 0 && st->lost)
		return say(st, STORE_ERROR, _("An earlier error cancelled the changes in progress; "
		                              "nothing of them was saved."));
	err = q_exec(st, st->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT store_sp");
	if (err == STORE_OK)
		st->depth++;
	return err;
}

/* Quietly undoes what is still open at this level; keeps the message. */
static void tx_undo(struct store *st)
{
	if (sqlite3_get_autocommit(st->db)) {
		/* SQLite rolled the whole transaction back itself (e.g. a full
		 * disk); an outer store_begin() must learn of it. */
		if (st->depth > 0)
			st->lost = true;
		return;
	}
	if (st->depth == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	else
		sqlite3_exec(st->db, "ROLLBACK TO store_sp; RELEASE store_sp", NULL, NULL, NULL);
}

/* Closes a transaction level: commits (or releases) when err is STORE_OK,
 * rolls back otherwise.  Returns the final outcome. */
static enum store_err tx_close(struct store *st, enum store_err err)
{
	if (st->depth == 0)
		return err;
	st->depth--;
	if (err == STORE_OK) {
		if (st->lost) {
			if (st->depth == 0)
				st->lost = false;
			return say(st, STORE_ERROR, _("An earlier error cancelled the changes in "
			                              "progress; nothing of them was saved."));
		}
		err = q_exec(st, st->depth == 0 ? "COMMIT" : "RELEASE store_sp");
		if (err == STORE_OK)
			return err;
	}
	tx_undo(st);
	if (st->depth == 0)
		st->lost = false;
	return err;
}

enum store_err store_begin(struct store *st)
{
	return tx_open(st);
}

enum store_err store_commit(struct store *st)
{
	if (st->depth == 0)
		return say(st, STORE_STATE, _("There are no changes in progress to save."));
	return tx_close(st, STORE_OK);
}

void store_rollback(struct store *st)
{
	char keep[sizeof st->msg];

	if (st->depth == 0)
		return;
	memcpy(keep, st->msg, sizeof keep);
	tx_close(st, STORE_ERROR);
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
	sqlite3_busy_timeout(st->db, st->busy_ms);
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

enum store_err store_writable(struct store *st)
{
	return st->readonly || st->damaged ? fail_readonly(st) : STORE_OK;
}

/* A random (version 4) UUID in lower case. */
static void make_uuid(char out[STORE_UUID_LEN + 1])
{
	unsigned char b[16];

	sqlite3_randomness(sizeof b, b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, STORE_UUID_LEN + 1,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
	         b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static bool uuid_valid(const char *s)
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

static bool all_digits(const char *s)
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
static enum store_err check_line(struct store *st, const char *s, size_t max,
                                 bool allow_empty, const char *what)
{
	enum text_check c = text_check_line(s ? s : "", max, allow_empty);

	if (c == TEXT_OK)
		return STORE_OK;
	return say(st, STORE_INVALID, "%s %s.", what, _(text_check_message(c)));
}

static enum store_err check_note(struct store *st, const char *s, const char *what)
{
	enum text_check c = text_check_note(s ? s : "", TEXT_NOTE_MAX);

	if (c == TEXT_OK)
		return STORE_OK;
	return say(st, STORE_INVALID, "%s %s.", what, _(text_check_message(c)));
}

/* ---- keys of names ----------------------------------------------------------
 * A company's name is stored in its normal form (text_normal_line()); it is
 * unique by name_key (text_name_key(): case and invisible characters do
 * not count), sorted by sort_key (text_fold(): nor do accents), and found by
 * sort_key or alt_key (text_fold_alt(): ä as ae, ...). */

static char *name_key(const char *name)
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

/* ---- opening -------------------------------------------------------------- */

char *store_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *tail = "/smready/smready.db";
	char *p;
	size_t n;

	/* The XDG spec says relative paths are to be ignored. */
	if (xdg && xdg[0] == '/') {
		n = strlen(xdg) + strlen(tail) + 1;
		p = malloc(n);
		if (p)
			snprintf(p, n, "%s%s", xdg, tail);
		return p;
	}
	if (!home || !home[0])
		return NULL;
	n = strlen(home) + strlen("/.local/share") + strlen(tail) + 1;
	p = malloc(n);
	if (p)
		snprintf(p, n, "%s/.local/share%s", home, tail);
	return p;
}

/* The folder part of path ("." when there is none); malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* mkdir -p: missing folders are made private (0700), existing ones are
 * left alone. */
static enum store_err make_dirs(struct store *st, const char *dir)
{
	struct stat sb;
	char *parent;
	enum store_err err;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return STORE_OK;
		return say(st, STORE_IO, _("Cannot create the folder %s: %s"), dir, strerror(ENOTDIR));
	}
	parent = dir_of(dir);
	if (!parent)
		return fail_oom(st);
	err = strcmp(parent, dir) ? make_dirs(st, parent) : STORE_OK;
	free(parent);
	if (err != STORE_OK)
		return err;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return say(st, STORE_IO, _("Cannot create the folder %s: %s"), dir, strerror(errno));
	if (chmod(dir, 0700) != 0)
		return say(st, STORE_IO, _("Cannot create the folder %s: %s"), dir, strerror(errno));
	return STORE_OK;
}

static enum store_err say_create(struct store *st, int e)
{
	return say(st, STORE_IO, _("Cannot create the database %s: %s"), st->path, strerror(e));
}

/* Creates a file for a new database beside st->path, readable by its owner
 * only whatever the umask says (SQLite gives its -wal and -shm files the
 * same mode); *tmp gets its name (malloc'd). */
static enum store_err make_temp(struct store *st, char **tmp)
{
	char *dir = dir_of(st->path);
	size_t n = strlen(st->path) + 16;
	enum store_err err;
	int fd;

	if (!dir)
		return fail_oom(st);
	err = make_dirs(st, dir);
	free(dir);
	if (err != STORE_OK)
		return err;
	*tmp = malloc(n);
	if (!*tmp)
		return fail_oom(st);
	snprintf(*tmp, n, "%s.new-XXXXXX", st->path);
	fd = mkostemp(*tmp, O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return say_create(st, e);
	}
	close(fd);
	return STORE_OK;
}

/* Puts the finished file tmp at st->path unless something is there already
 * (another smready creating the same database was quicker: its file is
 * used).  A hard link is atomic and never replaces; a file system without
 * hard links gets a rename that never replaces either. */
static enum store_err place_file(struct store *st, const char *tmp)
{
	int rc = link(tmp, st->path), e = errno;

#ifdef RENAME_NOREPLACE
	if (rc != 0 && e != EEXIST) {
		rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, st->path, RENAME_NOREPLACE);
		e = errno;
		if (rc == 0)
			return STORE_OK;
	}
#endif
	unlink(tmp);
	if (rc == 0 || e == EEXIST)
		return STORE_OK;
	return say_create(st, e);
}

static void drop_cache(struct store *st)
{
	for (int i = 0; i < st->n_cache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	st->n_cache = 0;
}

static enum store_err set_up(struct store *st, long long version);
static int db_connect(struct store *st, const char *name, int flags);

/* Makes a new database at st->path.  The schema is written into a file of
 * its own first, which only then appears under the database's name,
 * complete: so an empty file at that path is never one of ours being set
 * up, and open_db() can refuse every empty file it finds. */
static enum store_err create_db(struct store *st)
{
	char *tmp = NULL;
	enum store_err err = make_temp(st, &tmp);

	if (err != STORE_OK)
		return err;
	if (db_connect(st, tmp, SQLITE_OPEN_READWRITE) != SQLITE_OK)
		err = fail_sqlite(st, sqlite3_errcode(st->db));
	else
		err = set_up(st, 0);
	/* Closing the only connection moves the log into the file and
	 * removes the -wal and -shm files. */
	drop_cache(st);
	if (sqlite3_close(st->db) != SQLITE_OK && err == STORE_OK)
		err = say(st, STORE_IO, _("Cannot create the database %s: %s"), st->path,
		          sqlite3_errmsg(st->db));
	st->db = NULL;
	if (err == STORE_OK) {
		err = place_file(st, tmp);
	} else {
		/* nobody else knows this file: all of it can go */
		static const char *const parts[] = { "", "-wal", "-shm", "-journal" };
		size_t n = strlen(tmp) + 16;
		char *name = malloc(n);

		for (size_t i = 0; name && i < sizeof parts / sizeof parts[0]; i++) {
			snprintf(name, n, "%s%s", tmp, parts[i]);
			unlink(name);
		}
		free(name);
	}
	free(tmp);
	return err;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static enum store_err say_not_db(struct store *st)
{
	return say(st, STORE_NOT_DB, _("%s is not an smready database; it was left untouched."),
	           st->path);
}

static enum store_err say_corrupt(struct store *st)
{
	return say(st, STORE_CORRUPT, _("The database %s is damaged. smready has not "
	                                "changed it; restore it from a backup."), st->path);
}

static enum store_err say_newer(struct store *st, long long version)
{
	return say(st, STORE_NEWER, _("The database %s was written by a newer smready (data "
	                              "format %lld; this one knows up to %d). Update smready "
	                              "to open it; the file was not changed."),
	           st->path, version, STORE_SCHEMA_VERSION);
}

/* Whether a write-ahead log with content lies next to the database. */
static bool has_wal(const char *path)
{
	size_t n = strlen(path) + 5;
	char *wal = malloc(n);
	struct stat sb;
	bool yes;

	if (!wal)
		return true;
	snprintf(wal, n, "%s-wal", path);
	yes = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return yes;
}

/* Looks at the file's first 100 bytes before SQLite opens it, so that a
 * foreign, newer or cut-off file is refused without anything being written
 * (not even a -wal file). */
static enum store_err check_header(struct store *st, off_t size)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char h[100];
	size_t n = 0;
	uint32_t page, app, version;
	FILE *f;

	/* A new database is never empty (see create_db()), unless an older
	 * smready made it and its first commits are still in the log. */
	if (size == 0 && !has_wal(st->path))
		return say(st, STORE_NOT_DB, _("%s is an empty file, not an smready database; it "
		                               "was left untouched. Remove it, and smready will "
		                               "create a new database there."), st->path);
	if (size == 0)
		return STORE_OK;
	f = fopen(st->path, "rb");
	if (!f)
		return say(st, STORE_IO, _("Cannot open the database %s: %s"), st->path,
		           strerror(errno));
	n = fread(h, 1, sizeof h, f);
	fclose(f);
	if (memcmp(h, magic, n < sizeof magic ? n : sizeof magic) != 0)
		return say_not_db(st);
	if (n < sizeof h)
		return say_corrupt(st);
	page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)) != 0)
		return say_corrupt(st);
	app = be32(h + 68);
	version = be32(h + 60);
	if (app != 0 && app != STORE_APP_ID)
		return say_not_db(st);
	if (app == 0 && version != 0)
		return say_not_db(st);
	if (version > STORE_SCHEMA_VERSION)
		return say_newer(st, version);
	/* The page count in the header is valid when the two counters agree;
	 * a file shorter than that was cut off (unless a log still holds the
	 * rest, which SQLite will replay). */
	if (be32(h + 24) == be32(h + 92) && !has_wal(st->path)) {
		uint64_t pages = be32(h + 28);

		if ((uint64_t)size < pages * page || size % page != 0)
			return say_corrupt(st);
	}
	return STORE_OK;
}

/* A "file:" URI for path, for the immutable fallback. */
static char *uri_of(const char *path, const char *query)
{
	size_t n = strlen(path) * 3 + strlen(query) + 16, j;
	char *u = malloc(n);

	if (!u)
		return NULL;
	j = (size_t)snprintf(u, n, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
			j += (size_t)snprintf(u + j, n - j, "%%%02X", *p);
		else
			u[j++] = (char)*p;
	}
	snprintf(u + j, n - j, "?%s", query);
	return u;
}

struct probe {
	long long app, version, objects;
};

/* Reads what decides whether we may use the file; writes nothing.  One
 * statement, so the three values come from one snapshot even while another
 * process is setting up the same new file. */
static int probe_db(struct store *st, struct probe *p)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db,
	                            "SELECT (SELECT application_id FROM pragma_application_id),"
	                            " (SELECT user_version FROM pragma_user_version),"
	                            " (SELECT count(*) FROM sqlite_master)", -1, &s, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			p->app = sqlite3_column_int64(s, 0);
			p->version = sqlite3_column_int64(s, 1);
			p->objects = sqlite3_column_int64(s, 2);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

static int db_connect(struct store *st, const char *name, int flags)
{
	int rc;

	if (st->db) {
		drop_cache(st);
		sqlite3_close(st->db);
		st->db = NULL;
	}
	rc = sqlite3_open_v2(name, &st->db, flags, NULL);
	if (st->db) {
		sqlite3_extended_result_codes(st->db, 1);
		sqlite3_busy_timeout(st->db, st->busy_ms);
	}
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof sql_keys / sizeof sql_keys[0]; i++)
		rc = sqlite3_create_function_v2(st->db, sql_keys[i].name, 1,
		                                SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		                                (void *)(uintptr_t)i, sql_key, NULL, NULL, NULL);
	return rc;
}

/* ---- schema -------------------------------------------------------------- */

/* migrations[v] turns a database of schema v into v + 1; migrate() runs the
 * steps a file needs in one transaction.  Version 0 is the empty file.  Each
 * step sets user_version itself.  A step, once released, is never changed:
 * tests/fixtures/v1.db holds a file that step 0 made. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	"CREATE TABLE companies ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL UNIQUE,"        /* folded in C: see name_key() */
	"  industry TEXT NOT NULL DEFAULT '',"
	"  contact TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created INTEGER NOT NULL,"
	"  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))"
	");"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,"
	"  status INTEGER NOT NULL CHECK (status IN (0, 1)),"
	"  questionnaire TEXT NOT NULL,"
	"  qversion INTEGER NOT NULL,"
	"  started INTEGER NOT NULL,"
	"  completed INTEGER NOT NULL DEFAULT 0,"
	"  updated INTEGER NOT NULL,"
	"  assessor TEXT NOT NULL DEFAULT '',"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  overall INTEGER NOT NULL DEFAULT -1,"
	"  level INTEGER NOT NULL DEFAULT -1,"
	"  reopened INTEGER NOT NULL DEFAULT 0,"
	"  based_on INTEGER REFERENCES assessments (id) ON DELETE SET NULL"
	");"
	/* Latest/previous final and newest draft per company (portfolio). */
	"CREATE INDEX assessments_by_status ON assessments (company_id, status, completed, id);"
	/* A company's history, newest first. */
	"CREATE INDEX assessments_by_start ON assessments (company_id, started, id);"
	/* Lets deleting an assessment find the ones based on it. */
	"CREATE INDEX assessments_by_base ON assessments (based_on) WHERE based_on IS NOT NULL;"
	"CREATE TABLE answers ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,"
	"  item_key TEXT NOT NULL,"
	"  value INTEGER NOT NULL CHECK (value BETWEEN -2 AND 4),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  changed INTEGER NOT NULL,"
	"  carried INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1)),"
	"  PRIMARY KEY (assessment_id, item_key)"
	") WITHOUT ROWID;"
	"CREATE TABLE assessment_events ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('created', 'finalized', 'reopened')),"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX events_by_assessment ON assessment_events (assessment_id, at, id);"
	"PRAGMA application_id = " STORE_APP_ID_SQL ";"
	"PRAGMA user_version = 1;",

	/* 1 -> 2: the portfolio sorts by a key that ignores accents (see
	 * sort_key()); name_key stays what makes a name unique. */
	"ALTER TABLE companies ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
	"UPDATE companies SET sort_key = smready_sort_key(name);"
	"CREATE INDEX companies_by_sort ON companies (sort_key, name_key);"
	"PRAGMA user_version = 2;",

	/* 2 -> 3: at most one draft per company, as a constraint.  A file
	 * written before may hold two drafts of one company (two processes
	 * that started at the same moment): they become one, the newest
	 * change of each answer winning, the way one shared draft would have
	 * kept them.  The copy made before the upgrade keeps them apart. */
	"CREATE TEMP TABLE smready_keep AS"
	"  SELECT company_id, (SELECT x.id FROM assessments x"
	"    WHERE x.company_id = a.company_id AND x.status = 0"
	"    ORDER BY x.updated DESC, x.id DESC LIMIT 1) AS keep"
	"  FROM assessments a WHERE a.status = 0"
	"  GROUP BY a.company_id HAVING count(*) > 1;"
	"INSERT INTO answers (assessment_id, item_key, value, note, changed, carried)"
	"  SELECT k.keep, d.item_key, d.value, d.note, d.changed, d.carried"
	"  FROM answers d JOIN assessments a ON a.id = d.assessment_id"
	"  JOIN smready_keep k ON k.company_id = a.company_id"
	"  WHERE a.status = 0 AND a.id <> k.keep"
	"  ON CONFLICT (assessment_id, item_key) DO UPDATE SET value = excluded.value,"
	"    note = excluded.note, changed = excluded.changed, carried = excluded.carried"
	"    WHERE excluded.changed > answers.changed;"
	"UPDATE assessments SET"
	"  assessor = coalesce(nullif(assessor, ''), (SELECT x.assessor FROM assessments x"
	"    WHERE x.company_id = assessments.company_id AND x.status = 0"
	"    AND x.assessor <> '' ORDER BY x.updated DESC LIMIT 1), ''),"
	"  summary = coalesce(nullif(summary, ''), (SELECT x.summary FROM assessments x"
	"    WHERE x.company_id = assessments.company_id AND x.status = 0"
	"    AND x.summary <> '' ORDER BY x.updated DESC LIMIT 1), '')"
	"  WHERE id IN (SELECT keep FROM smready_keep);"
	"DELETE FROM assessments WHERE status = 0 AND id NOT IN (SELECT keep FROM smready_keep)"
	"  AND company_id IN (SELECT company_id FROM smready_keep);"
	"DROP TABLE temp.smready_keep;"
	"CREATE UNIQUE INDEX assessments_one_draft ON assessments (company_id) WHERE status = 0;"
	/* And the keys of names follow Unicode (text_name_key() and
	 * text_fold()): a name typed with a combining mark, with other
	 * blanks or other compatibility forms is the same name; and alt_key
	 * finds "Söhne" by "Soehne".  Two companies whose names were
	 * different before and are the same name now both stay (rename or
	 * delete one): the newer keeps its key with a suffix that no name
	 * can give, so its name is still unique. */
	"ALTER TABLE companies ADD COLUMN alt_key TEXT NOT NULL DEFAULT '';"
	"UPDATE companies SET name_key = char(1) || id;"
	"UPDATE companies SET name_key = smready_name_key(name)"
	"  WHERE id IN (SELECT min(id) FROM companies GROUP BY smready_name_key(name));"
	"UPDATE companies SET name_key = smready_name_key(name) || char(1) || id"
	"  WHERE name_key = char(1) || id;"
	"UPDATE companies SET sort_key = smready_sort_key(name), alt_key = smready_alt_key(name);"
	"CREATE INDEX companies_by_alt ON companies (alt_key);"
	"PRAGMA user_version = 3;"
};

static enum store_err copy_db(struct store *st, sqlite3 *from, const char *dest);

static long long read_version(struct store *st)
{
	long long v = -1;
	sqlite3_stmt *s = q_prep(st, "PRAGMA user_version");

	if (s && q_int1(st, s, &v) != STORE_OK)
		v = -1;
	return v;
}

/* Writes <path>.v<version>.bak, the database as it is before the upgrade;
 * *bak gets its name (malloc'd).  The caller holds the write lock, so
 * nobody can change the file meanwhile; the copy is read through a second
 * connection because SQLite cannot back up from one inside a write
 * transaction. */
static enum store_err keep_old_copy(struct store *st, long long version, char **bak)
{
	size_t n = strlen(st->path) + 32;
	sqlite3 *from = NULL;
	enum store_err err;
	int rc;

	*bak = malloc(n);
	if (!*bak)
		return fail_oom(st);
	snprintf(*bak, n, "%s.v%lld.bak", st->path, version);
	rc = sqlite3_open_v2(st->path, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		err = copy_db(st, from, *bak);
	else
		err = fail_sqlite(st, rc);
	sqlite3_close(from);
	if (err == STORE_EXISTS)
		say(st, err, _("The database %s must be upgraded for this version of smready, "
		               "which first keeps a copy of it as %s; but that file exists "
		               "already. Move it elsewhere and start smready again. The database "
		               "was not changed."), st->path, *bak);
	if (err != STORE_OK) {
		free(*bak);
		*bak = NULL;
	}
	return err;
}

/* Brings the schema up to STORE_SCHEMA_VERSION in one transaction, after
 * copying an existing database aside: the file is either upgraded all the
 * way or left as it was.  Safe when several processes open the file at
 * once: the version is read again under the write lock, so only the first
 * one upgrades and the others find nothing left to do. */
static enum store_err migrate(struct store *st)
{
	char *bak = NULL;
	long long v;
	enum store_err err = tx_open(st);

	if (err != STORE_OK)
		return err;
	v = read_version(st);
	if (v < 0)
		err = STORE_ERROR;
	else if (v > STORE_SCHEMA_VERSION)
		err = say_newer(st, v);
	else if (v >= 1 && v < STORE_SCHEMA_VERSION)
		err = keep_old_copy(st, v, &bak);
	for (; err == STORE_OK && v < STORE_SCHEMA_VERSION; v++)
		err = q_exec(st, migrations[v]);
	err = tx_close(st, err);
	/* Nothing was changed, so the copy would only stand in the way of
	 * the next attempt. */
	if (err != STORE_OK && bak)
		unlink(bak);
	free(bak);
	return err;
}

/* Whether a file named path + suffix exists. */
static bool companion_exists(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *name = malloc(n);
	struct stat sb;
	bool yes;

	if (!name)
		return true;
	snprintf(name, n, "%s%s", path, suffix);
	yes = stat(name, &sb) == 0;
	free(name);
	return yes;
}

/* The log files that existed before this process opened the database. */
struct companions {
	bool wal, shm;
};

/* Closes the connection and removes the log files that a failed attempt
 * to open left behind: only those that were not there before it and that
 * nobody has used (an empty log; a shared-memory file too short to have
 * been set up, as on a full disk). */
static void drop_left_companions(struct store *st, const struct companions *before)
{
	size_t n = strlen(st->path) + 8;
	char *wal = malloc(n), *shm = malloc(n);
	struct stat sb;

	drop_cache(st);
	sqlite3_close(st->db);
	st->db = NULL;
	if (wal && shm) {
		snprintf(wal, n, "%s-wal", st->path);
		snprintf(shm, n, "%s-shm", st->path);
		if (!before->shm && stat(shm, &sb) == 0 && sb.st_size < 32768 &&
		    (stat(wal, &sb) != 0 || sb.st_size == 0))
			unlink(shm);
		if (!before->wal && stat(wal, &sb) == 0 && sb.st_size == 0)
			unlink(wal);
	}
	free(wal);
	free(shm);
}

static bool disk_full(struct store *st, int rc)
{
	int e = st->db ? sqlite3_system_errno(st->db) : 0;

	return (rc & 0xff) == SQLITE_FULL || e == ENOSPC || e == EDQUOT;
}

static enum store_err open_readonly(struct store *st, const struct companions *before)
{
	int rc = db_connect(st, st->path, SQLITE_OPEN_READONLY);

	st->readonly = true;
	if (rc == SQLITE_OK) {
		struct probe p;

		rc = probe_db(st, &p);
		if (rc == SQLITE_OK)
			return STORE_OK;
	}
	/* A log-mode database in a folder we may not write cannot get its
	 * shared-memory file, nor can one on a full disk; read the file as it
	 * is instead, which holds everything unless the log has content. */
	if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
	    (disk_full(st, rc) && !has_wal(st->path))) {
		drop_left_companions(st, before);
		char *uri = uri_of(st->path, "immutable=1");

		if (!uri)
			return fail_oom(st);
		rc = db_connect(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
		free(uri);
	}
	return rc == SQLITE_OK ? STORE_OK : fail_sqlite(st, rc);
}

static bool can_write(const char *path)
{
	char *dir = dir_of(path);
	bool ok = dir && access(path, W_OK) == 0 && access(dir, W_OK) == 0;

	free(dir);
	return ok;
}

/* Decides about the connected file: ours, foreign, newer; never writes. */
static enum store_err judge(struct store *st, struct probe *p)
{
	int rc = probe_db(st, p);

	if (rc != SQLITE_OK)
		return fail_sqlite(st, rc);
	if (p->app != 0 && p->app != STORE_APP_ID)
		return say_not_db(st);
	if (p->app == 0 && (p->objects > 0 || p->version != 0))
		return say_not_db(st);
	if (p->version > STORE_SCHEMA_VERSION)
		return say_newer(st, p->version);
	return STORE_OK;
}

/* Switches the file to write-ahead logging (readers never block the writer,
 * and a killed process loses nothing committed).  Changing the mode may
 * report "busy" at once, without waiting, while another process opens the
 * same new file, so wait here the way the busy timeout would. */
static enum store_err use_wal(struct store *st)
{
	int waited = 0;

	for (;;) {
		sqlite3_stmt *s = NULL;
		int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);

		if (rc == SQLITE_OK) {
			rc = sqlite3_step(s);
			if (rc == SQLITE_ROW)
				rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
		if (rc == SQLITE_OK)
			return STORE_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= st->busy_ms)
			return fail_sqlite(st, rc);
		sqlite3_sleep(10);
		waited += 10;
	}
}

/* Readies a writing connection to a file of schema version: its pragmas,
 * the log mode, and the upgrade when the schema is older.
 * synchronous=FULL: WAL with NORMAL already survives a killed process, but
 * may lose the last commits on a power cut; an answer is typed by hand and
 * saved alone, so one more fsync per save costs nothing noticeable and
 * makes every confirmed answer durable. */
static enum store_err set_up(struct store *st, long long version)
{
	enum store_err err = q_exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");

	if (err == STORE_OK)
		err = use_wal(st);
	/* An up-to-date schema needs no write lock: another program may be
	 * holding it, and reading must still work meanwhile. */
	if (err == STORE_OK && version < STORE_SCHEMA_VERSION)
		err = migrate(st);
	return err;
}

/* Opens the file for reading only and decides whether it can be used so. */
static enum store_err open_for_reading(struct store *st, struct probe *p,
                                       const struct companions *before)
{
	enum store_err err = open_readonly(st, before);

	if (err == STORE_OK)
		err = judge(st, p);
	/* The queries need the current schema, so an older file is refused
	 * rather than half shown. */
	if (err == STORE_OK && p->version == 0)
		err = say(st, STORE_READONLY, _("The database %s cannot be set up or "
		                                "upgraded because it is read-only."), st->path);
	else if (err == STORE_OK && p->version < STORE_SCHEMA_VERSION)
		err = say(st, STORE_READONLY, _("The database %s was written by an older "
		                                "smready and must be upgraded, but it is "
		                                "read-only. Make the file and its folder "
		                                "writable, or open a copy of it."), st->path);
	return err;
}

static enum store_err open_for_writing(struct store *st, struct probe *p)
{
	enum store_err err;

	if (db_connect(st, st->path, SQLITE_OPEN_READWRITE) != SQLITE_OK)
		return fail_sqlite(st, sqlite3_errcode(st->db));
	err = judge(st, p);
	if (err != STORE_OK)
		return err;
	/* Only now, with the file known to be ours, may anything be written. */
	return set_up(st, p->version);
}

/* ---- damage -------------------------------------------------------------- */

/* Damage, once found, is remembered beside the file (FILE.damaged), so that
 * the next smready does not write to it either: a full integrity check on
 * every start would take 0.7 s on a 100 MB database (bench/), twenty times
 * what listing the companies takes.  The note names the file by device,
 * inode, size and modification time; a file replaced since (a restored
 * backup) no longer matches it, and the note is dropped. */
struct file_id {
	unsigned long long dev, ino;
	long long size, sec, nsec;
};

static bool file_id_of(const char *path, struct file_id *id)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	id->dev = (unsigned long long)sb.st_dev;
	id->ino = (unsigned long long)sb.st_ino;
	id->size = (long long)sb.st_size;
	id->sec = (long long)sb.st_mtim.tv_sec;
	id->nsec = (long long)sb.st_mtim.tv_nsec;
	return true;
}

static char *damage_note_path(const struct store *st)
{
	size_t n = strlen(st->path) + 9;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s.damaged", st->path);
	return p;
}

static void write_damage_note(struct store *st)
{
	char *note = damage_note_path(st);
	struct file_id id;
	FILE *f;
	int fd;

	if (!note || !file_id_of(st->path, &id)) {
		free(note);
		return;
	}
	fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		/* Not translated: the file is read by smready, not by people in
		 * their language; the first line only explains it. */
		fprintf(f, "smready found damage in this database and will not change it while "
		        "it is the same file.\nid %llu %llu %lld %lld %lld\n",
		        id.dev, id.ino, id.size, id.sec, id.nsec);
		fclose(f);
	} else if (fd >= 0) {
		close(fd);
	}
	free(note);
}

/* Whether an earlier smready found this very file damaged.  A note about
 * another file (replaced since) is removed when we may write. */
static bool damage_noted(struct store *st, bool may_remove)
{
	char *note = damage_note_path(st), line[256];
	struct file_id id, was;
	bool same = false, found = false;
	FILE *f;

	if (!note)
		return false;
	f = fopen(note, "r");
	if (f) {
		found = true;
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "id %llu %llu %lld %lld %lld", &was.dev, &was.ino, &was.size,
			           &was.sec, &was.nsec) == 5)
				same = file_id_of(st->path, &id) && id.dev == was.dev &&
				       id.ino == was.ino && id.size == was.size &&
				       id.sec == was.sec && id.nsec == was.nsec;
		fclose(f);
	}
	if (found && !same && may_remove)
		unlink(note);
	free(note);
	return same;
}

static void forget_damage(struct store *st)
{
	char *note = damage_note_path(st);

	if (note)
		unlink(note);
	free(note);
}

/* From now on nothing is written to the file: every change is refused
 * (tx_open), SQLite itself is told to change nothing (query_only), and
 * closing does not copy the log into the file.  remember: note it beside
 * the file for the next smready (not when opened read-only on request). */
static void mark_damaged(struct store *st, bool remember)
{
	bool was = st->damaged;

	st->damaged = true;
	if (st->db) {
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		sqlite3_exec(st->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
	}
	if (remember && !was && !st->asked_readonly)
		write_damage_note(st);
}

static enum store_err open_db(struct store *st, unsigned flags)
{
	struct stat sb;
	struct probe p = { 0, 0, 0 };
	struct companions before;
	enum store_err err;
	bool ro = flags & STORE_OPEN_READONLY;

	if (stat(st->path, &sb) != 0) {
		if (errno != ENOENT)
			return say(st, STORE_IO, _("Cannot open the database %s: %s"), st->path,
			           strerror(errno));
		if (ro || (flags & STORE_OPEN_NOCREATE))
			return say(st, STORE_IO, _("The database %s does not exist."), st->path);
		err = create_db(st);
		if (err != STORE_OK)
			return err;
		if (stat(st->path, &sb) != 0)
			return say(st, STORE_IO, _("Cannot open the database %s: %s"), st->path,
			           strerror(errno));
	}
	if (S_ISDIR(sb.st_mode))
		return say(st, STORE_IO, _("%s is a folder, not a database file."), st->path);
	if (!S_ISREG(sb.st_mode))
		return say_not_db(st);
	err = check_header(st, sb.st_size);
	if (err != STORE_OK)
		return err;

	before.wal = companion_exists(st->path, "-wal");
	before.shm = companion_exists(st->path, "-shm");
	if (ro || !can_write(st->path))
		return open_for_reading(st, &p, &before);
	err = open_for_writing(st, &p);
	/* A full disk must not keep what is saved from being read: the
	 * writing connection could not even get its shared memory. */
	if (err == STORE_FULL && st->depth == 0) {
		char full_msg[sizeof st->msg];

		memcpy(full_msg, st->msg, sizeof full_msg);
		drop_left_companions(st, &before);
		err = open_for_reading(st, &p, &before);
		if (err == STORE_OK)
			st->full = true;
		else
			memcpy(st->msg, full_msg, sizeof full_msg);
		if (err != STORE_OK)
			err = STORE_FULL;
	}
	return err;
}

enum store_err store_open(const char *path, unsigned flags, struct store **out,
                          char *msg, size_t msgsz)
{
	struct store *st;
	enum store_err err;

	*out = NULL;
	if (msgsz)
		msg[0] = '\0';
	if (!path || !path[0]) {
		if (msgsz)
			snprintf(msg, msgsz, "%s", _("No database file was given."));
		return STORE_INVALID;
	}
	st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path))) {
		if (msgsz)
			snprintf(msg, msgsz, "%s", _("Out of memory."));
		free(st);
		return STORE_ERROR;
	}
	st->busy_ms = STORE_DEFAULT_BUSY_MS;
	st->asked_readonly = flags & STORE_OPEN_READONLY;
	err = open_db(st, flags);
	if (err == STORE_OK && damage_noted(st, !st->readonly))
		mark_damaged(st, false);
	if (err != STORE_OK) {
		if (msgsz)
			snprintf(msg, msgsz, "%s", st->msg);
		store_close(st);
		return err;
	}
	*out = st;
	return STORE_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	while (st->depth > 0)
		store_rollback(st);
	drop_cache(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ---- upkeep -------------------------------------------------------------- */

int store_schema_version(struct store *st)
{
	return (int)read_version(st);
}

void store_set_max_pages(struct store *st, long long pages)
{
	/* A pragma's argument cannot be bound; this is the one place where a
	 * number is formatted into SQL, and it is an integer, never text. */
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Where the checks beyond SQLite's own report to. */
struct check_out {
	void (*fn)(const char *problem, void *ctx);
	void *ctx;
	int n;
};

static void report(struct check_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct check_out *o, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	o->n++;
	if (o->fn)
		o->fn(line, o->ctx);
}

/* Text from the file shown safely: printable ASCII as it is, any other byte
 * as \xNN, so that a bad key cannot upset the terminal. */
static const char *shown_bytes(char *out, size_t sz, const unsigned char *s, int len)
{
	size_t j = 0;

	for (int i = 0; s && i < len && j + 5 < sz; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f)
			out[j++] = (char)s[i];
		else
			j += (size_t)snprintf(out + j, sz - j, "\\x%02x", s[i]);
	}
	out[j] = '\0';
	return out;
}

/* Runs one of the checks' queries, giving each row to row(); false when
 * the query itself failed (the message is reported). */
static bool check_rows(struct store *st, struct check_out *o, const char *sql,
                       void (*row)(struct check_out *o, sqlite3_stmt *s))
{
	sqlite3_stmt *s = q_prep(st, sql);
	int rc;

	if (!s) {
		report(o, "%s", st->msg);
		return false;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		row(o, s);
	q_done(st, s);
	if (rc != SQLITE_DONE) {
		fail_sqlite(st, rc);
		report(o, "%s", st->msg);
		return false;
	}
	return true;
}

static void orphan_answer(struct check_out *o, sqlite3_stmt *s)
{
	char key[128];

	report(o, _("Table answers, assessment %lld, item %s: that assessment does not exist."),
	       sqlite3_column_int64(s, 0),
	       shown_bytes(key, sizeof key, sqlite3_column_blob(s, 1), sqlite3_column_bytes(s, 1)));
}

static void orphan_event(struct check_out *o, sqlite3_stmt *s)
{
	report(o, _("Table assessment_events, row %lld: assessment %lld does not exist."),
	       sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
}

static void orphan_assessment(struct check_out *o, sqlite3_stmt *s)
{
	if (sqlite3_column_int(s, 2))
		report(o, _("Table assessments, row %lld: company %lld does not exist."),
		       sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
	else
		report(o, _("Table assessments, row %lld: assessment %lld, which it was started "
		            "from, does not exist."), sqlite3_column_int64(s, 0),
		       sqlite3_column_int64(s, 1));
}

struct fk_tables {
	struct check_out *o;
	bool answers, events, assessments;
};

static void fk_violation(struct check_out *o, sqlite3_stmt *s)
{
	struct fk_tables *t = o->ctx;
	const char *table = (const char *)sqlite3_column_text(s, 0);

	if (!table)
		return;
	if (strcmp(table, "answers") == 0)
		t->answers = true;
	else if (strcmp(table, "assessment_events") == 0)
		t->events = true;
	else if (strcmp(table, "assessments") == 0)
		t->assessments = true;
	else
		report(t->o, _("Table %s, row %lld: refers to a row of %s that does not exist."),
		       table, sqlite3_column_int64(s, 1), (const char *)sqlite3_column_text(s, 2));
}

/* Rows whose parent row is gone (foreign keys off, or another program):
 * PRAGMA foreign_key_check finds them, and a query per table names them. */
static void check_orphans(struct store *st, struct check_out *o)
{
	struct fk_tables t = { o, false, false, false };
	struct check_out collect = { NULL, &t, 0 };   /* fk_violation() reports to o */

	if (!check_rows(st, &collect, "PRAGMA foreign_key_check", fk_violation)) {
		report(o, "%s", st->msg);
		return;
	}
	if (t.answers)
		check_rows(st, o, "SELECT assessment_id, item_key FROM answers"
		           " WHERE assessment_id NOT IN (SELECT id FROM assessments)"
		           " ORDER BY assessment_id, item_key LIMIT 100", orphan_answer);
	if (t.events)
		check_rows(st, o, "SELECT id, assessment_id FROM assessment_events"
		           " WHERE assessment_id NOT IN (SELECT id FROM assessments)"
		           " ORDER BY id LIMIT 100", orphan_event);
	if (t.assessments)
		check_rows(st, o, "SELECT id, company_id, 1 FROM assessments"
		           " WHERE company_id NOT IN (SELECT id FROM companies)"
		           " UNION ALL SELECT id, based_on, 0 FROM assessments"
		           " WHERE based_on IS NOT NULL AND based_on NOT IN (SELECT id FROM assessments)"
		           " ORDER BY 1 LIMIT 100", orphan_assessment);
}

/* Reports each text column of the row (after the first, its id) that is
 * not valid UTF-8; the row is named by its id, or by_item (an answer) by
 * its assessment and item. */
static void bad_text(struct check_out *o, sqlite3_stmt *s, const char *table, bool by_item)
{
	for (int i = 1; i < sqlite3_column_count(s); i++) {
		const char *t;
		int len;

		if (sqlite3_column_type(s, i) != SQLITE_TEXT)
			continue;
		t = sqlite3_column_blob(s, i);
		len = sqlite3_column_bytes(s, i);
		if (text_utf8_valid(t ? t : "", (size_t)len))
			continue;
		if (!by_item) {
			report(o, _("Table %s, row %lld, column %s: the text is not valid UTF-8."),
			       table, sqlite3_column_int64(s, 0), sqlite3_column_name(s, i));
		} else {
			char key[128];

			report(o, _("Table %s, assessment %lld, item %s, column %s: the text is not "
			            "valid UTF-8."), table, sqlite3_column_int64(s, 0),
			       shown_bytes(key, sizeof key, sqlite3_column_blob(s, 1),
			                   sqlite3_column_bytes(s, 1)),
			       sqlite3_column_name(s, i));
		}
	}
}

static void bad_company_text(struct check_out *o, sqlite3_stmt *s)
{
	bad_text(o, s, "companies", false);
}

static void bad_assessment_text(struct check_out *o, sqlite3_stmt *s)
{
	bad_text(o, s, "assessments", false);
}

static void bad_answer_text(struct check_out *o, sqlite3_stmt *s)
{
	bad_text(o, s, "answers", true);
}

static void bad_event_text(struct check_out *o, sqlite3_stmt *s)
{
	bad_text(o, s, "assessment_events", false);
}

/* Every text the program reads back must be UTF-8 (the store refuses any
 * other on the way in, but another program may have written some). */
static void check_text(struct store *st, struct check_out *o)
{
	check_rows(st, o, "SELECT id, uuid, name, name_key, sort_key, industry, contact, notes"
	           " FROM companies ORDER BY id", bad_company_text);
	check_rows(st, o, "SELECT id, uuid, questionnaire, assessor, summary FROM assessments"
	           " ORDER BY id", bad_assessment_text);
	check_rows(st, o, "SELECT assessment_id, item_key, note FROM answers"
	           " ORDER BY assessment_id, item_key", bad_answer_text);
	check_rows(st, o, "SELECT id, kind, detail FROM assessment_events ORDER BY id",
	           bad_event_text);
}

enum store_err store_check(struct store *st, void (*fn)(const char *problem, void *ctx),
                           void *ctx)
{
	sqlite3_stmt *s = q_prep(st, "PRAGMA integrity_check");
	enum store_err err = STORE_OK;
	struct check_out o = { fn, ctx, 0 };
	int rc;

	if (!s) {
		if (fn)
			fn(st->msg, ctx);
		return STORE_CORRUPT;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);

		if (line && strcmp(line, "ok") == 0)
			continue;
		err = STORE_CORRUPT;
		if (fn)
			fn(line ? line : "?", ctx);
	}
	q_done(st, s);
	if (rc != SQLITE_DONE) {
		fail_sqlite(st, rc);
		mark_damaged(st, true);
		if (fn)
			fn(st->msg, ctx);
		return STORE_CORRUPT;
	}
	if (err != STORE_OK) {
		mark_damaged(st, true);
		say_corrupt(st);
		return err;
	}
	/* The file is sound; what it holds must be consistent, too.  Such
	 * problems do not make the file damaged: it can still be mended. */
	check_orphans(st, &o);
	check_text(st, &o);
	if (o.n > 0)
		return say(st, STORE_CORRUPT, _("The database %s holds rows that do not fit "
		                                "together or text that is not UTF-8 (listed "
		                                "above); it was not changed. Restore a backup "
		                                "from before, or correct those rows with another "
		                                "SQLite tool."), st->path);
	if (st->damaged) {
		/* found sound after all: the next smready may write again */
		if (!st->asked_readonly && !st->readonly)
			forget_damage(st);
		st->damaged = false;
		sqlite3_exec(st->db, "PRAGMA query_only = 0", NULL, NULL, NULL);
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	}
	return err;
}

/* Copies the database open in from to dest with SQLite's online backup:
 * a consistent snapshot even while other processes keep writing. */
static enum store_err copy_db(struct store *st, sqlite3 *from, const char *dest)
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

enum store_err store_backup(struct store *st, const char *dest)
{
	if (!dest || !dest[0])
		return say(st, STORE_INVALID, _("No file name was given for the copy."));
	/* SQLite cannot copy from a connection in the middle of a write: every
	 * backup step would report "locked" and copy_db() would wait forever. */
	if (st->depth > 0)
		return say(st, STORE_STATE, _("The database cannot be copied while changes are "
		                              "in progress; save or cancel them first."));
	return copy_db(st, st->db, dest);
}

/* ---- companies -------------------------------------------------------------- */

#define COMPANY_COLS "c.id, c.uuid, c.name, c.industry, c.contact, c.notes, c.created, " \
	"c.archived, c.sample"
#define COMPANY_NCOLS 9
/* Total and stable: name_key is unique, id only spells that out.  The
 * index companies_by_sort delivers the rows in this order. */
#define COMPANY_ORDER "c.sort_key, c.name_key, c.id"

void store_company_clear(struct company *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->industry);
	free(c->contact);
	free(c->notes);
	memset(c, 0, sizeof *c);
}

static enum store_err row_company(struct store *st, sqlite3_stmt *s, int at, struct company *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, at);
	col_copy(c->uuid, sizeof c->uuid, s, at + 1);
	c->name = col_dup(s, at + 2);
	c->industry = col_dup(s, at + 3);
	c->contact = col_dup(s, at + 4);
	c->notes = col_dup(s, at + 5);
	c->created = sqlite3_column_int64(s, at + 6);
	c->archived = sqlite3_column_int(s, at + 7) != 0;
	c->sample = sqlite3_column_int(s, at + 8) != 0;
	if (!c->name || !c->industry || !c->contact || !c->notes) {
		store_company_clear(c);
		return fail_oom(st);
	}
	return STORE_OK;
}

/* Runs a query that yields at most one company. */
static enum store_err get_company(struct store *st, sqlite3_stmt *s, struct company *out,
                                  const char *what)
{
	int rc = q_step(st, s);
	enum store_err err;

	if (rc == SQLITE_ROW)
		err = row_company(st, s, 0, out);
	else if (rc == SQLITE_DONE)
		err = say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), what);
	else
		err = q_err(st, rc);
	q_done(st, s);
	return err;
}

enum store_err store_company_get(struct store *st, long long id, struct company *out)
{
	sqlite3_stmt *s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c WHERE c.id = :id");
	char what[32];

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	snprintf(what, sizeof what, "%lld", id);
	return get_company(st, s, out, what);
}

enum store_err store_company_find_uuid(struct store *st, const char *uuid, struct company *out)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if (!uuid_valid(uuid))
		return say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), uuid ? uuid : "");
	s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c WHERE c.uuid = lower(:uuid)");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", uuid);
	return get_company(st, s, out, uuid);
}

static enum store_err find_by_key(struct store *st, const char *name, struct company *out)
{
	char *key = name_key(name);
	sqlite3_stmt *s;
	enum store_err err;

	if (!key)
		return fail_oom(st);
	s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c WHERE c.name_key = :key");
	if (!s) {
		free(key);
		return STORE_ERROR;
	}
	b_text(s, ":key", key);
	err = get_company(st, s, out, name);
	free(key);
	return err;
}

enum store_err store_company_find(struct store *st, const char *ref, struct company *out)
{
	enum store_err err;

	memset(out, 0, sizeof *out);
	if (!ref || !ref[0])
		return say(st, STORE_NOT_FOUND, _("No company was named."));
	err = find_by_key(st, ref, out);
	if (err == STORE_NOT_FOUND && uuid_valid(ref))
		err = store_company_find_uuid(st, ref, out);
	if (err == STORE_NOT_FOUND && all_digits(ref))
		err = store_company_get(st, strtoll(ref, NULL, 10), out);
	if (err == STORE_NOT_FOUND)
		say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), ref);
	return err;
}

/* The companies whose folded keys equal key, or start with it (prefix):
 * at most max, ordered like the portfolio; *n gets how many there are in
 * all (counted up to max + 1). */
static enum store_err folded_matches(struct store *st, const char *key, bool prefix,
                                     struct company *out, int max, int *n)
{
	char *end = NULL;
	sqlite3_stmt *s;
	enum store_err err = STORE_OK;
	int rc;

	*n = 0;
	if (prefix) {
		size_t len = strlen(key);

		/* key <= k < end: the keys that start with key, along the
		 * indexes (end is key with its last byte one higher). */
		if (!len || (unsigned char)key[len - 1] == 0xFF || !(end = strdup(key)))
			return len ? fail_oom(st) : STORE_OK;
		end[len - 1]++;
		s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c"
		               " WHERE (c.sort_key >= :key AND c.sort_key < :end)"
		               " OR (c.alt_key >= :key AND c.alt_key < :end)"
		               " ORDER BY " COMPANY_ORDER " LIMIT :lim");
	} else {
		s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c"
		               " WHERE c.sort_key = :key OR c.alt_key = :key"
		               " ORDER BY " COMPANY_ORDER " LIMIT :lim");
	}
	if (!s) {
		free(end);
		return STORE_ERROR;
	}
	b_text(s, ":key", key);
	if (end)
		b_text(s, ":end", end);
	b_int(s, ":lim", max + 1);
	while ((rc = q_step(st, s)) == SQLITE_ROW) {
		if (*n < max && (err = row_company(st, s, 0, &out[*n])) != STORE_OK)
			break;
		(*n)++;
	}
	q_done(st, s);
	free(end);
	if (err == STORE_OK)
		err = q_err(st, rc);
	return err;
}

#define LOOKUP_SHOWN 5

/* Says which companies a reference could mean. */
static enum store_err say_ambiguous(struct store *st, const char *ref, struct company *c,
                                    int n)
{
	char names[600] = "";
	size_t len = 0;

	for (int i = 0; i < n && i < LOOKUP_SHOWN; i++)
		len += (size_t)snprintf(names + len, len < sizeof names ? sizeof names - len : 0,
		                        "%s\"%s\"", i ? ", " : "", c[i].name);
	if (n > LOOKUP_SHOWN && len < sizeof names)
		snprintf(names + len, sizeof names - len, ", …");
	return say(st, STORE_AMBIGUOUS, _("\"%s\" could mean several companies: %s. Name one of "
	                                  "them in full."), ref, names);
}

enum store_err store_company_lookup(struct store *st, const char *ref, struct company *out)
{
	struct company found[LOOKUP_SHOWN];
	enum store_err err = store_company_find(st, ref, out);
	char *key;
	int n = 0;

	if (err != STORE_NOT_FOUND || !ref || !ref[0])
		return err;
	if (ref[0] == '#' && all_digits(ref + 1))
		return store_company_get(st, strtoll(ref + 1, NULL, 10), out);
	if (!(key = text_fold(ref)))
		return fail_oom(st);
	/* Accents and case aside, the whole name; else the start of one. */
	err = key[0] ? folded_matches(st, key, false, found, LOOKUP_SHOWN, &n) : STORE_OK;
	if (err == STORE_OK && n == 0 && key[0])
		err = folded_matches(st, key, true, found, LOOKUP_SHOWN, &n);
	free(key);
	if (err == STORE_OK && n == 1) {
		*out = found[0];
		return STORE_OK;
	}
	if (err == STORE_OK && n > 1)
		err = say_ambiguous(st, ref, found, n);
	else if (err == STORE_OK)
		err = say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), ref);
	for (int i = 0; i < n && i < LOOKUP_SHOWN; i++)
		store_company_clear(&found[i]);
	return err;
}

/* Validates the company fields that are given (NULL = not given). */
static enum store_err check_company(struct store *st, const char *name, const char *industry,
                                    const char *contact, const char *notes)
{
	enum store_err err = STORE_OK;

	if (name)
		err = check_line(st, name, TEXT_NAME_MAX, false, _("The company name"));
	if (err == STORE_OK && industry)
		err = check_line(st, industry, TEXT_FIELD_MAX, true, _("The industry"));
	if (err == STORE_OK && contact)
		err = check_line(st, contact, TEXT_FIELD_MAX, true, _("The contact"));
	if (err == STORE_OK && notes)
		err = check_note(st, notes, _("The notes"));
	return err;
}

/* STORE_EXISTS when another company (not id) has this name in any case. */
static enum store_err name_free(struct store *st, const char *key, const char *name,
                                long long id)
{
	sqlite3_stmt *s = q_prep(st, "SELECT id FROM companies WHERE name_key = :key AND id <> :id");
	long long other;
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_text(s, ":key", key);
	b_int(s, ":id", id);
	err = q_int1(st, s, &other);
	if (err == STORE_OK)
		return say(st, STORE_EXISTS, _("A company named \"%s\" exists already."), name);
	return err == STORE_NOT_FOUND ? STORE_OK : err;
}

/* Inserts one company row inside an open transaction. */
/* The fields of a company as they are stored (see text_normal_line());
 * a field not given stays NULL.  False when out of memory. */
struct normal_company {
	char *name, *industry, *contact, *notes;
};

static void normal_company_free(struct normal_company *n)
{
	free(n->name);
	free(n->industry);
	free(n->contact);
	free(n->notes);
}

static bool normal_company(struct normal_company *n, const char *name, const char *industry,
                           const char *contact, const char *notes)
{
	memset(n, 0, sizeof *n);
	if ((name && !(n->name = text_normal_line(name))) ||
	    (industry && !(n->industry = text_normal_line(industry))) ||
	    (contact && !(n->contact = text_normal_line(contact))) ||
	    (notes && !(n->notes = text_normal_note(notes)))) {
		normal_company_free(n);
		return false;
	}
	return true;
}

/* Inserts one company row inside an open transaction. */
static enum store_err insert_company(struct store *st, const struct company *c,
                                     long long *id)
{
	struct normal_company n;
	char *key = NULL;
	sqlite3_stmt *s = NULL;
	enum store_err err;

	if (!normal_company(&n, c->name ? c->name : "", c->industry ? c->industry : "",
	                    c->contact ? c->contact : "", c->notes ? c->notes : ""))
		return fail_oom(st);
	if (!(key = name_key(n.name))) {
		err = fail_oom(st);
		goto out;
	}
	err = name_free(st, key, n.name, 0);
	if (err != STORE_OK)
		goto out;
	s = q_prep(st, "INSERT INTO companies (uuid, name, name_key, sort_key, alt_key, industry,"
	               " contact, notes, created, archived, sample)"
	               " VALUES (lower(:uuid), :name, :key, smready_sort_key(:name),"
	               " smready_alt_key(:name), :industry, :contact, :notes, :created, :archived,"
	               " :sample)");
	if (!s) {
		err = STORE_ERROR;
		goto out;
	}
	b_text(s, ":uuid", c->uuid);
	b_text(s, ":name", n.name);
	b_text(s, ":key", key);
	b_text(s, ":industry", n.industry);
	b_text(s, ":contact", n.contact);
	b_text(s, ":notes", n.notes);
	b_int(s, ":created", c->created);
	b_int(s, ":archived", c->archived);
	b_int(s, ":sample", c->sample);
	err = q_run(st, s);
	if (err == STORE_ERROR && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		err = say(st, STORE_EXISTS, _("A company with the UUID %s exists already."), c->uuid);
	if (err == STORE_OK && id)
		*id = sqlite3_last_insert_rowid(st->db);
out:
	normal_company_free(&n);
	free(key);
	return err;
}

enum store_err store_company_add(struct store *st, const char *name, const char *industry,
                                 const char *contact, const char *notes, long long *id)
{
	struct company c;
	enum store_err err = check_company(st, name ? name : "", industry, contact, notes);

	if (err != STORE_OK)
		return err;
	memset(&c, 0, sizeof c);
	make_uuid(c.uuid);
	c.name = (char *)name;
	c.industry = (char *)industry;
	c.contact = (char *)contact;
	c.notes = (char *)notes;
	c.created = store_now(st);
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, insert_company(st, &c, id));
}

enum store_err store_company_insert(struct store *st, const struct company *c, long long *id)
{
	struct company copy = *c;
	enum store_err err = check_company(st, c->name ? c->name : "", c->industry ? c->industry : "",
	                                   c->contact ? c->contact : "", c->notes ? c->notes : "");

	if (err != STORE_OK)
		return err;
	if (!c->uuid[0])
		make_uuid(copy.uuid);
	else if (!uuid_valid(c->uuid))
		return say(st, STORE_INVALID, _("\"%s\" is not a valid UUID."), c->uuid);
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, insert_company(st, &copy, id));
}

/* Runs a one-row UPDATE/DELETE keyed by :id; STORE_NOT_FOUND when no row. */
static enum store_err change_one(struct store *st, sqlite3_stmt *s, bool company, long long id)
{
	enum store_err err = q_run(st, s);

	if (err == STORE_OK && sqlite3_changes(st->db) == 0) {
		if (company)
			err = say(st, STORE_NOT_FOUND, _("There is no company with the id %lld."), id);
		else
			err = say(st, STORE_NOT_FOUND, _("There is no assessment with the id %lld."), id);
	}
	return err;
}

static enum store_err update_company(struct store *st, long long id, const char *name,
                                     const char *industry, const char *contact,
                                     const char *notes)
{
	struct normal_company n;
	char *key = NULL;
	sqlite3_stmt *s;
	enum store_err err;

	if (!normal_company(&n, name, industry, contact, notes))
		return fail_oom(st);
	if (n.name) {
		if (!(key = name_key(n.name))) {
			err = fail_oom(st);
			goto out;
		}
		err = name_free(st, key, n.name, id);
		if (err != STORE_OK)
			goto out;
	}
	s = q_prep(st, "UPDATE companies SET"
	               " name = coalesce(:name, name), name_key = coalesce(:key, name_key),"
	               " sort_key = coalesce(smready_sort_key(:name), sort_key),"
	               " alt_key = coalesce(smready_alt_key(:name), alt_key),"
	               " industry = coalesce(:industry, industry),"
	               " contact = coalesce(:contact, contact), notes = coalesce(:notes, notes)"
	               " WHERE id = :id");
	err = STORE_ERROR;
	if (!s)
		goto out;
	/* Unbound parameters are NULL: coalesce keeps the old value. */
	if (n.name) {
		b_text(s, ":name", n.name);
		b_text(s, ":key", key);
	}
	if (n.industry)
		b_text(s, ":industry", n.industry);
	if (n.contact)
		b_text(s, ":contact", n.contact);
	if (n.notes)
		b_text(s, ":notes", n.notes);
	b_int(s, ":id", id);
	err = change_one(st, s, true, id);
out:
	normal_company_free(&n);
	free(key);
	return err;
}

enum store_err store_company_update(struct store *st, long long id, const char *name,
                                    const char *industry, const char *contact,
                                    const char *notes)
{
	enum store_err err = check_company(st, name, industry, contact, notes);

	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, update_company(st, id, name, industry, contact, notes));
}

enum store_err store_company_set_archived(struct store *st, long long id, bool archived)
{
	enum store_err err = tx_open(st);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE companies SET archived = :a WHERE id = :id");
	if (!s)
		return tx_close(st, STORE_ERROR);
	b_int(s, ":a", archived);
	b_int(s, ":id", id);
	return tx_close(st, change_one(st, s, true, id));
}

static enum store_err count_where(struct store *st, const char *sql, long long arg, int *n)
{
	sqlite3_stmt *s = q_prep(st, sql);
	long long v = 0;
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":arg", arg);
	err = q_int1(st, s, &v);
	if (n)
		*n = (int)v;
	return err;
}

static enum store_err delete_company(struct store *st, long long id, int *n)
{
	enum store_err err = count_where(st, "SELECT count(*) FROM assessments WHERE company_id = :arg",
	                                 id, n);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "DELETE FROM companies WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	return change_one(st, s, true, id);
}

enum store_err store_company_delete(struct store *st, long long id, int *n_assessments)
{
	enum store_err err = tx_open(st);

	if (n_assessments)
		*n_assessments = 0;
	if (err != STORE_OK)
		return err;
	return tx_close(st, delete_company(st, id, n_assessments));
}

enum store_err store_company_count(struct store *st, bool include_archived, int *n)
{
	*n = 0;
	return count_where(st, "SELECT count(*) FROM companies WHERE :arg OR archived = 0",
	                   include_archived, n);
}

enum store_err store_delete_samples(struct store *st, int *n)
{
	enum store_err err = tx_open(st);
	sqlite3_stmt *s;

	if (n)
		*n = 0;
	if (err != STORE_OK)
		return err;
	err = count_where(st, "SELECT count(*) FROM companies WHERE sample = :arg", 1, n);
	if (err == STORE_OK && (s = q_prep(st, "DELETE FROM companies WHERE sample = 1")) != NULL)
		err = q_run(st, s);
	else if (err == STORE_OK)
		err = STORE_ERROR;
	return tx_close(st, err);
}

enum store_err store_each_company(struct store *st, bool include_archived,
                                  int (*fn)(const struct company *c, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c"
	                             " WHERE :all OR c.archived = 0 ORDER BY " COMPANY_ORDER);
	enum store_err err = STORE_OK;
	int rc;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":all", include_archived);
	while ((rc = q_step(st, s)) == SQLITE_ROW) {
		struct company c;
		int stop;

		err = row_company(st, s, 0, &c);
		if (err != STORE_OK)
			break;
		stop = fn(&c, ctx);
		store_company_clear(&c);
		if (stop)
			break;
	}
	q_done(st, s);
	return err != STORE_OK ? err : q_err(st, rc);
}

/* ---- portfolio -------------------------------------------------------------- */

static void clear_portfolio(void *elem)
{
	store_company_clear(&((struct portfolio_row *)elem)->company);
}

void store_portfolio_free(struct portfolio_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		clear_portfolio(&rows[i]);
	free(rows);
}

static enum store_err row_portfolio(struct store *st, sqlite3_stmt *s, void *elem)
{
	struct portfolio_row *r = elem;
	int k = COMPANY_NCOLS;
	enum store_err err;

	memset(r, 0, sizeof *r);
	err = row_company(st, s, 0, &r->company);
	if (err != STORE_OK)
		return err;
	r->n_final = sqlite3_column_int(s, k);
	r->last_id = sqlite3_column_int64(s, k + 1);
	r->last_at = sqlite3_column_int64(s, k + 2);
	r->last_overall = r->last_id ? sqlite3_column_int(s, k + 3) : -1;
	r->last_level = r->last_id ? sqlite3_column_int(s, k + 4) : -1;
	r->prev_id = sqlite3_column_int64(s, k + 5);
	r->prev_overall = r->prev_id ? sqlite3_column_int(s, k + 6) : -1;
	r->prev_level = r->prev_id ? sqlite3_column_int(s, k + 7) : -1;
	r->draft_id = sqlite3_column_int64(s, k + 8);
	r->draft_updated = sqlite3_column_int64(s, k + 9);
	return STORE_OK;
}

/* One pass over the companies; per company the correlated subqueries walk
 * only the tail of assessments_by_status, so the cost does not grow with
 * the length of a company's history. */
#define SQL_PORTFOLIO \
	"SELECT " COMPANY_COLS "," \
	" (SELECT count(*) FROM assessments n WHERE n.company_id = c.id AND n.status = 1)," \
	" l.id, l.completed, l.overall, l.level, p.id, p.overall, p.level, d.id, d.updated" \
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

enum store_err store_portfolio(struct store *st, bool include_archived,
                               struct portfolio_row **rows, size_t *n)
{
	void *list;
	enum store_err err = q_collect(st, SQL_PORTFOLIO, ":all", include_archived, sizeof **rows,
	                               row_portfolio, clear_portfolio, &list, n);

	*rows = list;
	return err;
}

/* ---- assessments -------------------------------------------------------------- */

/* The columns of struct assessment; for one row the last is its number
 * within its company (1 for the first one started), counted along the
 * index assessments_by_start.  The lists, which hold all of a company's
 * assessments in start order, number them as they read them. */
#define ASSESS_COLS_BASE "a.id, a.uuid, a.company_id, a.status, a.questionnaire, a.qversion," \
	" a.started, a.completed, a.updated, a.assessor, a.summary, a.overall, a.level," \
	" a.reopened, a.based_on"
#define ASSESS_COLS ASSESS_COLS_BASE ", (SELECT count(*) FROM assessments o" \
	" WHERE o.company_id = a.company_id AND (o.started < a.started" \
	"  OR (o.started = a.started AND o.id <= a.id)))"
#define ASSESS_LIST_COLS ASSESS_COLS_BASE ", 0"

#define SQL_HISTORY \
	"SELECT " ASSESS_LIST_COLS " FROM assessments a" \
	" WHERE a.company_id = :c ORDER BY a.started DESC, a.id DESC"

#define SQL_EACH_ASSESSMENT \
	"SELECT " ASSESS_LIST_COLS " FROM assessments a" \
	" WHERE a.company_id = :c ORDER BY a.started, a.id"

#define SQL_FINAL \
	"SELECT " ASSESS_COLS " FROM assessments a" \
	" WHERE a.company_id = :c AND a.status = 1" \
	" ORDER BY a.completed DESC, a.id DESC LIMIT 1 OFFSET :nth"

#define SQL_DRAFT \
	"SELECT " ASSESS_COLS " FROM assessments a" \
	" WHERE a.company_id = :c AND a.status = 0" \
	" ORDER BY a.completed DESC, a.id DESC LIMIT 1"

#define SQL_EVENTS \
	"SELECT at, kind, detail FROM assessment_events" \
	" WHERE assessment_id = :id ORDER BY at, id"

#define SQL_ANSWERS \
	"SELECT item_key, value, note, changed, carried FROM answers" \
	" WHERE assessment_id = :id ORDER BY item_key"

void store_assessment_clear(struct assessment *a)
{
	if (!a)
		return;
	free(a->questionnaire);
	free(a->assessor);
	free(a->summary);
	memset(a, 0, sizeof *a);
}

void store_assessment_free(struct assessment *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		store_assessment_clear(&list[i]);
	free(list);
}

static enum store_err row_assessment(struct store *st, sqlite3_stmt *s, struct assessment *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	col_copy(a->uuid, sizeof a->uuid, s, 1);
	a->company_id = sqlite3_column_int64(s, 2);
	a->status = sqlite3_column_int(s, 3) ? ASSESS_FINAL : ASSESS_DRAFT;
	a->questionnaire = col_dup(s, 4);
	a->qversion = sqlite3_column_int(s, 5);
	a->started = sqlite3_column_int64(s, 6);
	a->completed = sqlite3_column_int64(s, 7);
	a->updated = sqlite3_column_int64(s, 8);
	a->assessor = col_dup(s, 9);
	a->summary = col_dup(s, 10);
	a->overall = sqlite3_column_int(s, 11);
	a->level = sqlite3_column_int(s, 12);
	a->reopened = sqlite3_column_int(s, 13);
	a->based_on = sqlite3_column_int64(s, 14);
	a->number = sqlite3_column_int(s, 15);
	if (!a->questionnaire || !a->assessor || !a->summary) {
		store_assessment_clear(a);
		return fail_oom(st);
	}
	return STORE_OK;
}

static enum store_err get_assessment(struct store *st, sqlite3_stmt *s, struct assessment *out,
                                     const char *what)
{
	int rc = q_step(st, s);
	enum store_err err;

	if (rc == SQLITE_ROW)
		err = row_assessment(st, s, out);
	else if (rc == SQLITE_DONE)
		err = say(st, STORE_NOT_FOUND, _("There is no assessment \"%s\"."), what);
	else
		err = q_err(st, rc);
	q_done(st, s);
	return err;
}

enum store_err store_assessment_get(struct store *st, long long id, struct assessment *out)
{
	sqlite3_stmt *s = q_prep(st, "SELECT " ASSESS_COLS " FROM assessments a WHERE a.id = :id");
	char what[32];

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	snprintf(what, sizeof what, "%lld", id);
	return get_assessment(st, s, out, what);
}

enum store_err store_assessment_find_uuid(struct store *st, const char *uuid,
                                          struct assessment *out)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if (!uuid_valid(uuid))
		return say(st, STORE_NOT_FOUND, _("There is no assessment \"%s\"."), uuid ? uuid : "");
	s = q_prep(st, "SELECT " ASSESS_COLS " FROM assessments a WHERE a.uuid = lower(:uuid)");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", uuid);
	return get_assessment(st, s, out, uuid);
}

enum store_err store_assessment_find(struct store *st, const char *ref, struct assessment *out)
{
	memset(out, 0, sizeof *out);
	if (ref && all_digits(ref))
		return store_assessment_get(st, strtoll(ref, NULL, 10), out);
	if (ref && uuid_valid(ref))
		return store_assessment_find_uuid(st, ref, out);
	return say(st, STORE_NOT_FOUND, _("There is no assessment \"%s\"."), ref ? ref : "");
}

static enum store_err row_assessment_elem(struct store *st, sqlite3_stmt *s, void *elem)
{
	return row_assessment(st, s, elem);
}

static void clear_assessment_elem(void *elem)
{
	store_assessment_clear(elem);
}

enum store_err store_assessment_list(struct store *st, long long company_id,
                                     struct assessment **out, size_t *n)
{
	void *list;
	enum store_err err = q_collect(st, SQL_HISTORY, ":c", company_id, sizeof **out,
	                               row_assessment_elem, clear_assessment_elem, &list, n);

	*out = list;
	/* Newest first: the last one read is number 1. */
	for (size_t i = 0; err == STORE_OK && i < *n; i++)
		(*out)[i].number = (int)(*n - i);
	return err;
}

enum store_err store_each_assessment(struct store *st, long long company_id,
                                     int (*fn)(const struct assessment *a, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q_prep(st, SQL_EACH_ASSESSMENT);
	enum store_err err = STORE_OK;
	int rc, number = 0;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	while ((rc = q_step(st, s)) == SQLITE_ROW) {
		struct assessment a;
		int stop;

		err = row_assessment(st, s, &a);
		if (err != STORE_OK)
			break;
		a.number = ++number;
		stop = fn(&a, ctx);
		store_assessment_clear(&a);
		if (stop)
			break;
	}
	q_done(st, s);
	return err != STORE_OK ? err : q_err(st, rc);
}

enum store_err store_assessment_final(struct store *st, long long company_id, int nth,
                                      struct assessment *out)
{
	sqlite3_stmt *s = q_prep(st, SQL_FINAL);
	enum store_err err;

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	b_int(s, ":nth", nth < 0 ? 0 : nth);
	err = get_assessment(st, s, out, "");
	if (err == STORE_NOT_FOUND)
		say(st, err, _("The company has no finished assessment yet."));
	return err;
}

enum store_err store_assessment_draft(struct store *st, long long company_id,
                                      struct assessment *out)
{
	sqlite3_stmt *s = q_prep(st, SQL_DRAFT);
	enum store_err err;

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	err = get_assessment(st, s, out, "");
	if (err == STORE_NOT_FOUND)
		say(st, err, _("The company has no assessment in progress."));
	return err;
}

static enum store_err add_event(struct store *st, long long id, long long at,
                                const char *kind, const char *detail)
{
	sqlite3_stmt *s = q_prep(st, "INSERT INTO assessment_events (assessment_id, at, kind, detail)"
	                             " VALUES (:id, :at, :kind, :detail)");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_int(s, ":at", at);
	b_text(s, ":kind", kind);
	b_text(s, ":detail", detail);
	return q_run(st, s);
}

/* Status of assessment id (and its company), or STORE_NOT_FOUND. */
static enum store_err assessment_state(struct store *st, long long id, int *status,
                                       long long *company)
{
	sqlite3_stmt *s = q_prep(st, "SELECT status, company_id FROM assessments WHERE id = :id");
	int rc;
	enum store_err err = STORE_OK;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	rc = q_step(st, s);
	if (rc == SQLITE_ROW) {
		*status = sqlite3_column_int(s, 0);
		if (company)
			*company = sqlite3_column_int64(s, 1);
	} else if (rc == SQLITE_DONE) {
		err = say(st, STORE_NOT_FOUND, _("There is no assessment with the id %lld."), id);
	} else {
		err = q_err(st, rc);
	}
	q_done(st, s);
	return err;
}

/* STORE_OK when assessment id exists and is a draft that may be edited. */
static enum store_err editable(struct store *st, long long id)
{
	int status = 0;
	enum store_err err = assessment_state(st, id, &status, NULL);

	if (err == STORE_OK && status != ASSESS_DRAFT)
		err = say(st, STORE_STATE, _("Assessment %lld is finished and cannot be changed; "
		                             "reopen it first."), id);
	return err;
}

static enum store_err company_exists(struct store *st, long long id)
{
	int n = 0;
	enum store_err err = count_where(st, "SELECT count(*) FROM companies WHERE id = :arg", id, &n);

	if (err == STORE_OK && n == 0)
		err = say(st, STORE_NOT_FOUND, _("There is no company with the id %lld."), id);
	return err;
}

/* STORE_STATE when company already has a draft (other than except):
 * a company is assessed in one draft at a time, which the schema enforces
 * too (assessments_one_draft); asked first, inside the write transaction,
 * so the caller gets a clear message rather than a constraint error. */
static enum store_err no_other_draft(struct store *st, long long company, long long except)
{
	sqlite3_stmt *s = q_prep(st, "SELECT id FROM assessments WHERE company_id = :c"
	                             " AND status = 0 AND id <> :except");
	long long other = 0;
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company);
	b_int(s, ":except", except);
	err = q_int1(st, s, &other);
	if (err == STORE_NOT_FOUND)
		return STORE_OK;
	if (err != STORE_OK)
		return err;
	return say(st, STORE_STATE, _("The company already has an assessment in progress "
	                              "(no. %lld); finish or discard it first."), other);
}

static enum store_err create_assessment(struct store *st, const struct assessment *a,
                                        long long *id)
{
	sqlite3_stmt *s;
	enum store_err err = company_exists(st, a->company_id);

	if (err == STORE_OK && a->status == ASSESS_DRAFT)
		err = no_other_draft(st, a->company_id, 0);
	if (err != STORE_OK)
		return err;
	s = q_prep(st, "INSERT INTO assessments (uuid, company_id, status, questionnaire,"
	               " qversion, started, completed, updated, assessor, summary, overall,"
	               " level, reopened, based_on)"
	               " VALUES (lower(:uuid), :company, :status, :q, :qv, :started, :completed,"
	               " :updated, :assessor, :summary, :overall, :level, :reopened,"
	               " nullif(:based_on, 0))");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", a->uuid);
	b_int(s, ":company", a->company_id);
	b_int(s, ":status", a->status == ASSESS_FINAL);
	b_text(s, ":q", a->questionnaire);
	b_int(s, ":qv", a->qversion);
	b_int(s, ":started", a->started);
	b_int(s, ":completed", a->status == ASSESS_FINAL ? a->completed : 0);
	b_int(s, ":updated", a->updated);
	b_text(s, ":assessor", a->assessor);
	b_text(s, ":summary", a->summary);
	b_int(s, ":overall", a->status == ASSESS_FINAL ? a->overall : -1);
	b_int(s, ":level", a->status == ASSESS_FINAL ? a->level : -1);
	b_int(s, ":reopened", a->reopened);
	b_int(s, ":based_on", a->based_on);
	err = q_run(st, s);
	if (err == STORE_ERROR && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		err = say(st, STORE_EXISTS, _("An assessment with the UUID %s exists already."), a->uuid);
	if (err == STORE_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return err;
}

static enum store_err carry_answers(struct store *st, long long to, long long from)
{
	/* By key, and only within one version of the questionnaire: across
	 * versions the caller carries by the catalogue's mapping (see
	 * store_answers_insert()). */
	sqlite3_stmt *s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note,"
	                             " changed, carried)"
	                             " SELECT :to, item_key, value, note, changed, 1"
	                             " FROM answers WHERE assessment_id = :from AND EXISTS"
	                             " (SELECT 1 FROM assessments f, assessments t"
	                             "  WHERE f.id = :from AND t.id = :to"
	                             "  AND f.questionnaire = t.questionnaire"
	                             "  AND f.qversion = t.qversion)");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":to", to);
	b_int(s, ":from", from);
	return q_run(st, s);
}

static enum store_err start_assessment(struct store *st, const struct assessment *a,
                                       long long *id)
{
	enum store_err err = STORE_OK;

	if (a->based_on) {
		int status;
		long long company = 0;

		err = assessment_state(st, a->based_on, &status, &company);
		if (err == STORE_OK && company != a->company_id)
			err = say(st, STORE_INVALID, _("Assessment %lld belongs to another company."),
			          a->based_on);
	}
	if (err == STORE_OK)
		err = create_assessment(st, a, id);
	if (err == STORE_OK && a->based_on)
		err = carry_answers(st, *id, a->based_on);
	if (err == STORE_OK)
		err = add_event(st, *id, a->started, "created", "");
	return err;
}

enum store_err store_assessment_create(struct store *st, long long company_id,
                                       const char *questionnaire, int qversion,
                                       const char *assessor, long long from, long long *id)
{
	struct assessment a;
	long long new_id = 0;
	enum store_err err;

	err = check_line(st, questionnaire, STORE_KEY_MAX, false, _("The questionnaire id"));
	if (err == STORE_OK && assessor)
		err = check_line(st, assessor, TEXT_FIELD_MAX, true, _("The assessor"));
	if (err != STORE_OK)
		return err;
	memset(&a, 0, sizeof a);
	make_uuid(a.uuid);
	a.company_id = company_id;
	a.status = ASSESS_DRAFT;
	a.questionnaire = (char *)questionnaire;
	a.qversion = qversion;
	a.started = a.updated = store_now(st);
	a.assessor = (char *)assessor;
	a.based_on = from;
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	err = tx_close(st, start_assessment(st, &a, &new_id));
	if (err == STORE_OK && id)
		*id = new_id;
	return err;
}

static enum store_err set_meta(struct store *st, long long id, const char *assessor,
                               const char *summary)
{
	enum store_err err = editable(st, id);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE assessments SET assessor = coalesce(:assessor, assessor),"
	               " summary = coalesce(:summary, summary), updated = :now WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	if (assessor)
		b_text(s, ":assessor", assessor);
	if (summary)
		b_text(s, ":summary", summary);
	b_int(s, ":now", store_now(st));
	b_int(s, ":id", id);
	return q_run(st, s);
}

enum store_err store_assessment_set_meta(struct store *st, long long id,
                                         const char *assessor, const char *summary)
{
	enum store_err err = STORE_OK;

	if (assessor)
		err = check_line(st, assessor, TEXT_FIELD_MAX, true, _("The assessor"));
	if (err == STORE_OK && summary)
		err = check_note(st, summary, _("The summary"));
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, set_meta(st, id, assessor, summary));
}

static enum store_err finalize(struct store *st, long long id, int overall, int level)
{
	enum store_err err = editable(st, id);
	long long now = store_now(st);
	sqlite3_stmt *s;

	if (err == STORE_STATE)
		return say(st, STORE_STATE, _("Assessment %lld is finished already."), id);
	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE assessments SET status = 1, completed = :now, updated = :now,"
	               " overall = :overall, level = :level WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":now", now);
	b_int(s, ":overall", overall);
	b_int(s, ":level", level);
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err != STORE_OK)
		return err;
	/* Finishing accepts the carried answers left unconfirmed (the finish
	 * step lists them), so a later reopen must not ask about them again. */
	s = q_prep(st, "UPDATE answers SET carried = 0 WHERE assessment_id = :id AND carried = 1");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err == STORE_OK)
		err = add_event(st, id, now, "finalized", "");
	return err;
}

enum store_err store_assessment_finalize(struct store *st, long long id, int overall, int level)
{
	enum store_err err = tx_open(st);

	if (err != STORE_OK)
		return err;
	return tx_close(st, finalize(st, id, overall, level));
}

static enum store_err reopen(struct store *st, long long id, const char *why)
{
	int status = 0;
	long long now = store_now(st), company = 0;
	enum store_err err = assessment_state(st, id, &status, &company);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	if (status != ASSESS_FINAL)
		return say(st, STORE_STATE, _("Assessment %lld is not finished, so there is nothing "
		                              "to reopen."), id);
	err = no_other_draft(st, company, id);
	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE assessments SET status = 0, completed = 0, overall = -1,"
	               " level = -1, reopened = reopened + 1, updated = :now WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":now", now);
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err == STORE_OK)
		err = add_event(st, id, now, "reopened", why);
	return err;
}

enum store_err store_assessment_reopen(struct store *st, long long id, const char *why)
{
	/* A finished assessment is never changed silently: the reason is
	 * required and kept in its history. */
	enum store_err err = check_line(st, why, TEXT_FIELD_MAX, false, _("The reason for reopening"));
	char *trimmed;

	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	trimmed = text_trim_dup(why);
	if (!trimmed)
		return tx_close(st, fail_oom(st));
	err = tx_close(st, reopen(st, id, trimmed));
	free(trimmed);
	return err;
}

static enum store_err delete_assessment(struct store *st, long long id)
{
	sqlite3_stmt *s = q_prep(st, "DELETE FROM assessments WHERE id = :id");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	return change_one(st, s, false, id);
}

enum store_err store_assessment_delete(struct store *st, long long id)
{
	enum store_err err = tx_open(st);

	if (err != STORE_OK)
		return err;
	return tx_close(st, delete_assessment(st, id));
}

static void clear_event(void *elem)
{
	struct assessment_event *e = elem;

	free(e->kind);
	free(e->detail);
}

void store_events_free(struct assessment_event *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		clear_event(&list[i]);
	free(list);
}

static enum store_err row_event(struct store *st, sqlite3_stmt *s, void *elem)
{
	struct assessment_event *e = elem;

	e->at = sqlite3_column_int64(s, 0);
	e->kind = col_dup(s, 1);
	e->detail = col_dup(s, 2);
	if (!e->kind || !e->detail) {
		clear_event(e);
		return fail_oom(st);
	}
	return STORE_OK;
}

enum store_err store_assessment_events(struct store *st, long long id,
                                       struct assessment_event **out, size_t *n)
{
	void *list;
	enum store_err err = q_collect(st, SQL_EVENTS, ":id", id, sizeof **out,
	                               row_event, clear_event, &list, n);

	*out = list;
	return err;
}

/* ---- answers -------------------------------------------------------------- */

static void clear_answer(void *elem)
{
	struct answer *a = elem;

	free(a->item_key);
	free(a->note);
}

void store_answers_free(struct answer *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		clear_answer(&list[i]);
	free(list);
}

static enum store_err row_answer(struct store *st, sqlite3_stmt *s, void *elem)
{
	struct answer *a = elem;

	a->item_key = col_dup(s, 0);
	a->value = sqlite3_column_int(s, 1);
	a->note = col_dup(s, 2);
	a->changed = sqlite3_column_int64(s, 3);
	a->carried = sqlite3_column_int(s, 4) != 0;
	if (!a->item_key || !a->note) {
		clear_answer(a);
		return fail_oom(st);
	}
	return STORE_OK;
}

enum store_err store_answers_load(struct store *st, long long assessment_id,
                                  struct answer **out, size_t *n)
{
	void *list;
	enum store_err err = q_collect(st, SQL_ANSWERS, ":id", assessment_id, sizeof **out,
	                               row_answer, clear_answer, &list, n);

	*out = list;
	return err;
}

/* A value the answers table may hold: a real answer, or none. */
static bool value_ok(int value)
{
	return value == ANSWER_UNANSWERED || catalogue_value_valid(value);
}

static enum store_err check_key(struct store *st, const char *key)
{
	if (!key || !key[0] || strlen(key) > STORE_KEY_MAX || strchr(key, ' ') ||
	    !text_utf8_valid(key, strlen(key)))
		return say(st, STORE_INVALID, _("\"%s\" is not a valid question key."),
		           key && text_utf8_valid(key, strlen(key)) ? key : "?");
	return STORE_OK;
}

static enum store_err touch(struct store *st, long long id, long long now)
{
	sqlite3_stmt *s = q_prep(st, "UPDATE assessments SET updated = :now WHERE id = :id");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":now", now);
	b_int(s, ":id", id);
	return q_run(st, s);
}

/* Removes the row of an answer that holds neither a value nor a note. */
static enum store_err drop_empty(struct store *st, long long id, const char *key)
{
	sqlite3_stmt *s = q_prep(st, "DELETE FROM answers WHERE assessment_id = :id"
	                             " AND item_key = :key AND value = -2 AND note = ''");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	return q_run(st, s);
}

static enum store_err set_value(struct store *st, long long id, const char *key, int value)
{
	long long now = store_now(st);
	enum store_err err = editable(st, id);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note, changed, carried)"
	               " VALUES (:id, :key, :value, '', :now, 0)"
	               " ON CONFLICT (assessment_id, item_key) DO UPDATE SET"
	               " value = excluded.value, changed = excluded.changed, carried = 0");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	b_int(s, ":value", value);
	b_int(s, ":now", now);
	err = q_run(st, s);
	/* A cleared value keeps its row only while a note needs it. */
	if (err == STORE_OK && value == ANSWER_UNANSWERED)
		err = drop_empty(st, id, key);
	if (err == STORE_OK)
		err = touch(st, id, now);
	return err;
}

enum store_err store_answer_set(struct store *st, long long assessment_id,
                                const char *item_key, int value)
{
	enum store_err err = check_key(st, item_key);

	if (err == STORE_OK && !value_ok(value))
		err = say(st, STORE_INVALID, _("%d is not a valid answer."), value);
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, set_value(st, assessment_id, item_key, value));
}

static enum store_err set_note(struct store *st, long long id, const char *key,
                               const char *note)
{
	long long now = store_now(st);
	enum store_err err = editable(st, id);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note, changed, carried)"
	               " VALUES (:id, :key, -2, :note, :now, 0)"
	               " ON CONFLICT (assessment_id, item_key) DO UPDATE SET"
	               " note = excluded.note, changed = excluded.changed");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	b_text(s, ":note", note);
	b_int(s, ":now", now);
	err = q_run(st, s);
	if (err == STORE_OK)
		err = drop_empty(st, id, key);
	if (err == STORE_OK)
		err = touch(st, id, now);
	return err;
}

enum store_err store_answer_set_note(struct store *st, long long assessment_id,
                                     const char *item_key, const char *note)
{
	enum store_err err = check_key(st, item_key);

	if (err == STORE_OK)
		err = check_note(st, note, _("The note"));
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, set_note(st, assessment_id, item_key, note));
}

static enum store_err confirm(struct store *st, long long id, const char *key)
{
	enum store_err err = editable(st, id);
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE answers SET carried = 0 WHERE assessment_id = :id AND item_key = :key");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	err = q_run(st, s);
	if (err == STORE_OK && sqlite3_changes(st->db) == 0)
		err = say(st, STORE_NOT_FOUND, _("Assessment %lld has no answer for \"%s\"."), id, key);
	if (err == STORE_OK)
		err = touch(st, id, store_now(st));
	return err;
}

enum store_err store_answer_confirm(struct store *st, long long assessment_id,
                                    const char *item_key)
{
	enum store_err err = check_key(st, item_key);

	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, confirm(st, assessment_id, item_key));
}

/* ---- import -------------------------------------------------------------- */

static enum store_err insert_answers(struct store *st, long long id, const struct answer *ans,
                                     size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s;
		enum store_err err = check_key(st, ans[i].item_key);

		if (err == STORE_OK && !value_ok(ans[i].value))
			err = say(st, STORE_INVALID, _("%d is not a valid answer."), ans[i].value);
		if (err == STORE_OK)
			err = check_note(st, ans[i].note, _("The note"));
		if (err != STORE_OK)
			return err;
		s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note, changed,"
		               " carried) VALUES (:id, :key, :value, :note, :changed, :carried)");
		if (!s)
			return STORE_ERROR;
		b_int(s, ":id", id);
		b_text(s, ":key", ans[i].item_key);
		b_int(s, ":value", ans[i].value);
		b_text(s, ":note", ans[i].note);
		b_int(s, ":changed", ans[i].changed);
		b_int(s, ":carried", ans[i].carried);
		err = q_run(st, s);
		if (err == STORE_ERROR &&
		    sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
			err = say(st, STORE_INVALID, _("The answer to \"%s\" appears twice."),
			          ans[i].item_key);
		if (err != STORE_OK)
			return err;
	}
	return STORE_OK;
}

static enum store_err put_answers(struct store *st, long long id, const struct answer *ans,
                                  size_t n)
{
	enum store_err err = editable(st, id);

	if (err == STORE_OK)
		err = insert_answers(st, id, ans, n);
	if (err == STORE_OK)
		err = touch(st, id, store_now(st));
	return err;
}

enum store_err store_answers_insert(struct store *st, long long assessment_id,
                                    const struct answer *answers, size_t n)
{
	enum store_err err = tx_open(st);

	if (err != STORE_OK)
		return err;
	return tx_close(st, put_answers(st, assessment_id, answers, n));
}

static enum store_err insert_assessment(struct store *st, struct assessment *a,
                                        const struct answer *answers, size_t n, long long *id)
{
	enum store_err err = STORE_OK;

	/* based_on names an assessment of this database; one that is not here
	 * (or belongs elsewhere) is dropped rather than failing the import. */
	if (a->based_on) {
		int status;
		long long company = 0;

		err = assessment_state(st, a->based_on, &status, &company);
		if (err == STORE_NOT_FOUND || (err == STORE_OK && company != a->company_id))
			a->based_on = 0;
		else if (err != STORE_OK)
			return err;
	}
	err = create_assessment(st, a, id);
	if (err == STORE_OK)
		err = insert_answers(st, *id, answers, n);
	if (err == STORE_OK)
		err = add_event(st, *id, a->started, "created", "");
	if (err == STORE_OK && a->status == ASSESS_FINAL)
		err = add_event(st, *id, a->completed, "finalized", "");
	return err;
}

enum store_err store_assessment_insert(struct store *st, const struct assessment *a,
                                       const struct answer *answers, size_t n,
                                       long long *id)
{
	struct assessment copy = *a;
	long long new_id = 0;
	enum store_err err;

	err = check_line(st, a->questionnaire, STORE_KEY_MAX, false, _("The questionnaire id"));
	if (err == STORE_OK)
		err = check_line(st, a->assessor, TEXT_FIELD_MAX, true, _("The assessor"));
	if (err == STORE_OK)
		err = check_note(st, a->summary, _("The summary"));
	if (err != STORE_OK)
		return err;
	if (!a->uuid[0])
		make_uuid(copy.uuid);
	else if (!uuid_valid(a->uuid))
		return say(st, STORE_INVALID, _("\"%s\" is not a valid UUID."), a->uuid);
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	err = tx_close(st, insert_assessment(st, &copy, answers, n, &new_id));
	if (err == STORE_OK && id)
		*id = new_id;
	return err;
}

/* ---- query plans (for the tests) ---------------------------------------- */

enum store_err store_query_plan(struct store *st, const char *query,
                                void (*fn)(const char *step, void *ctx), void *ctx)
{
	static const struct {
		const char *name, *sql;
	} plans[] = {
		{ "portfolio", "EXPLAIN QUERY PLAN " SQL_PORTFOLIO },
		{ "history", "EXPLAIN QUERY PLAN " SQL_HISTORY },
		{ "final", "EXPLAIN QUERY PLAN " SQL_FINAL },
		{ "draft", "EXPLAIN QUERY PLAN " SQL_DRAFT },
		{ "answers", "EXPLAIN QUERY PLAN " SQL_ANSWERS },
		{ "events", "EXPLAIN QUERY PLAN " SQL_EVENTS },
		{ "each-assessment", "EXPLAIN QUERY PLAN " SQL_EACH_ASSESSMENT },
	};

	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		sqlite3_stmt *s;
		int rc;

		if (!query || strcmp(query, plans[i].name) != 0)
			continue;
		s = q_prep(st, plans[i].sql);
		if (!s)
			return STORE_ERROR;
		while ((rc = q_step(st, s)) == SQLITE_ROW) {
			const unsigned char *step = sqlite3_column_text(s, 3);

			fn(step ? (const char *)step : "", ctx);
		}
		q_done(st, s);
		return q_err(st, rc);
	}
	return say(st, STORE_INVALID, "unknown query \"%s\"", query ? query : "");
}
