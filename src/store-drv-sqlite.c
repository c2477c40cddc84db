/*
 * store-drv-sqlite.c - the SQLite driver (store-drv.h): SQLite takes
 * ":name" parameters itself, so this is a thin table over its API, with
 * its result codes turned into drv_rc.
 */
#include "config.h"

#include "store-drv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include <errno.h>

struct lite_conn {
	struct drv_conn base;
	sqlite3 *db;
	bool owned;               /* closed with the driver's connection */
	char msg[512];
};

struct lite_stmt {
	struct drv_stmt base;
	struct lite_conn *c;
	sqlite3_stmt *s;
	/* An insert of one row "... RETURNING id", run without its RETURNING
	 * (see rowid_insert): the row it gives is the new rowid. */
	bool rowid_row, given;
	long long rowid;
	char text[24];            /* the rowid as text, for col_text */
};

static const struct drv_ops lite_ops;

enum drv_rc drv_sqlite_rc(struct sqlite3 *db, int rc)
{
	int e;

	if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_OK ? DRV_OK : rc == SQLITE_ROW ? DRV_ROW : DRV_DONE;
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return DRV_UNIQUE;
	/* SQLite says "disk I/O error" for many a write that failed for want
	 * of space (growing the -shm file, for one); the cause is what counts. */
	e = db ? sqlite3_system_errno(db) : 0;
	if ((rc & 0xff) == SQLITE_IOERR && (e == ENOSPC || e == EDQUOT))
		return DRV_FULL;
	switch (rc & 0xff) {
	case SQLITE_OK: return DRV_OK;
	case SQLITE_ROW: return DRV_ROW;
	case SQLITE_DONE: return DRV_DONE;
	case SQLITE_BUSY: case SQLITE_LOCKED: return DRV_BUSY;
	case SQLITE_CONSTRAINT: return DRV_CONSTRAINT;
	case SQLITE_FULL: return DRV_FULL;
	case SQLITE_READONLY: return DRV_READONLY;
	case SQLITE_CORRUPT: return DRV_CORRUPT;
	case SQLITE_NOTADB: return DRV_NOTADB;
	case SQLITE_CANTOPEN: case SQLITE_IOERR: case SQLITE_PERM: return DRV_IO;
	case SQLITE_NOMEM: return DRV_NOMEM;
	default: return DRV_ERROR;
	}
}

static enum drv_rc lite_rc(struct lite_conn *c, int rc)
{
	if (rc == SQLITE_OK)          /* every bind: no call */
		return DRV_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		snprintf(c->msg, sizeof c->msg, "%s", sqlite3_errmsg(c->db));
	return drv_sqlite_rc(c->db, rc);
}

/* The length of sql without its " RETURNING id" when it is an insert of
 * one row that SQLite can run without it, reading the id back with
 * sqlite3_last_insert_rowid(); 0 when not.  SQLite writes the rows a
 * RETURNING gives into a table of their own first, which cost 40,000
 * instructions an insert, five times the insert itself (an import makes
 * one per assessment).  The rowid is the id: every table inserted into
 * so has "id INTEGER PRIMARY KEY".  An upsert (its update sets no new
 * rowid) and a list of rows keep their RETURNING. */
static size_t rowid_insert(const char *sql)
{
	static const char tail[] = ") RETURNING id";
	size_t n = strlen(sql), t = sizeof tail - 1;

	if (strncmp(sql, "INSERT INTO ", 12) != 0 || n < t || strcmp(sql + n - t, tail) != 0 ||
	    !strstr(sql, " VALUES (") || strstr(sql, "ON CONFLICT") || strstr(sql, "), (") ||
	    strstr(sql, "),("))
		return 0;
	return n - t + 1;
}

static enum drv_rc lite_prepare(struct drv_conn *dc, const char *sql, struct drv_stmt **out)
{
	struct lite_conn *c = (struct lite_conn *)dc;
	struct lite_stmt *s = calloc(1, sizeof *s);
	size_t plain = rowid_insert(sql);
	int rc;

	*out = NULL;
	if (!s)
		return DRV_NOMEM;
	s->base.ops = &lite_ops;
	s->c = c;
	s->rowid_row = plain > 0;
	rc = sqlite3_prepare_v2(c->db, sql, plain ? (int)plain : -1, &s->s, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(s->s);
		free(s);
		return lite_rc(c, rc);
	}
	*out = (struct drv_stmt *)s;
	return DRV_OK;
}

static int lite_param(struct drv_stmt *ds, const char *name)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;
	char buf[64];

	if (name[0] != ':') {
		snprintf(buf, sizeof buf, ":%s", name);
		name = buf;
	}
	return sqlite3_bind_parameter_index(s->s, name);
}

static enum drv_rc lite_bind_int(struct drv_stmt *ds, int i, long long v)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return lite_rc(s->c, sqlite3_bind_int64(s->s, i, v));
}

static enum drv_rc lite_bind_text(struct drv_stmt *ds, int i, const char *v)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return lite_rc(s->c, sqlite3_bind_text(s->s, i, v ? v : "", -1, SQLITE_TRANSIENT));
}

static enum drv_rc lite_bind_text_kept(struct drv_stmt *ds, int i, const char *v)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return lite_rc(s->c, sqlite3_bind_text(s->s, i, v ? v : "", -1, SQLITE_STATIC));
}

static enum drv_rc lite_bind_null(struct drv_stmt *ds, int i)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return lite_rc(s->c, sqlite3_bind_null(s->s, i));
}

static enum drv_rc lite_step(struct drv_stmt *ds)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;
	int rc;

	if (!s->rowid_row)
		return lite_rc(s->c, sqlite3_step(s->s));
	if (s->given)
		return DRV_DONE;
	rc = sqlite3_step(s->s);
	if (rc != SQLITE_DONE)
		return lite_rc(s->c, rc);
	if (sqlite3_changes(s->c->db) == 0)
		return DRV_DONE;
	s->rowid = sqlite3_last_insert_rowid(s->c->db);
	s->given = true;
	return DRV_ROW;
}

static int lite_ncols(struct drv_stmt *ds)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return s->rowid_row ? 1 : sqlite3_column_count(s->s);
}

static bool lite_col_null(struct drv_stmt *ds, int i)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	if (s->rowid_row)
		return i != 0 || !s->given;
	return sqlite3_column_type(s->s, i) == SQLITE_NULL;
}

static long long lite_col_int(struct drv_stmt *ds, int i)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	if (s->rowid_row)
		return i == 0 && s->given ? s->rowid : 0;
	return sqlite3_column_int64(s->s, i);
}

static const char *lite_col_text(struct drv_stmt *ds, int i)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;
	const unsigned char *t;

	if (s->rowid_row) {
		if (i != 0 || !s->given)
			return "";
		snprintf(s->text, sizeof s->text, "%lld", s->rowid);
		return s->text;
	}
	t = sqlite3_column_text(s->s, i);
	return t ? (const char *)t : "";
}

static const void *lite_col_blob(struct drv_stmt *ds, int i, int *len)
{
	sqlite3_stmt *s = ((struct lite_stmt *)ds)->s;
	const void *p;

	if (((struct lite_stmt *)ds)->rowid_row) {
		*len = 0;
		return NULL;
	}
	p = sqlite3_column_blob(s, i);

	*len = sqlite3_column_bytes(s, i);
	return p;
}

static const char *lite_col_name(struct drv_stmt *ds, int i)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;
	const char *n = s->rowid_row ? (i == 0 ? "id" : NULL) : sqlite3_column_name(s->s, i);

	return n ? n : "";
}

static void lite_reset(struct drv_stmt *ds)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	sqlite3_reset(s->s);
	sqlite3_clear_bindings(s->s);
	s->given = false;
}

static void lite_finalize(struct drv_stmt *ds)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	if (!s)
		return;
	sqlite3_finalize(s->s);
	free(s);
}

static enum drv_rc lite_exec(struct drv_conn *dc, const char *sql)
{
	struct lite_conn *c = (struct lite_conn *)dc;

	return lite_rc(c, sqlite3_exec(c->db, sql, NULL, NULL, NULL));
}

static long long lite_changes(struct drv_conn *dc)
{
	return sqlite3_changes(((struct lite_conn *)dc)->db);
}

static long long lite_total_changes(struct drv_conn *dc)
{
	return sqlite3_total_changes64(((struct lite_conn *)dc)->db);
}

static bool lite_in_tx(struct drv_conn *dc, bool *failed)
{
	/* SQLite either keeps the transaction usable after an error or
	 * rolls all of it back itself */
	*failed = false;
	return !sqlite3_get_autocommit(((struct lite_conn *)dc)->db);
}

static void lite_set_busy(struct drv_conn *dc, int ms)
{
	sqlite3_busy_timeout(((struct lite_conn *)dc)->db, ms);
}

static const char *lite_message(struct drv_conn *dc)
{
	return ((struct lite_conn *)dc)->msg;
}

static void lite_close(struct drv_conn *dc)
{
	struct lite_conn *c = (struct lite_conn *)dc;

	if (!c)
		return;
	if (c->owned)
		sqlite3_close(c->db);
	free(c);
}

static const char *const lite_begin[] = { "BEGIN IMMEDIATE", NULL };

static const struct drv_ops lite_ops = {
	.engine = "sqlite",
	.begin_write = lite_begin,
	.prepare = lite_prepare,
	.param = lite_param,
	.bind_int = lite_bind_int,
	.bind_text = lite_bind_text,
	.bind_text_kept = lite_bind_text_kept,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.ncols = lite_ncols,
	.col_null = lite_col_null,
	.col_int = lite_col_int,
	.col_text = lite_col_text,
	.col_blob = lite_col_blob,
	.col_name = lite_col_name,
	.reset = lite_reset,
	.finalize = lite_finalize,
	.exec = lite_exec,
	.changes = lite_changes,
	.total_changes = lite_total_changes,
	.in_tx = lite_in_tx,
	.set_busy = lite_set_busy,
	.message = lite_message,
	.close = lite_close,
};

enum drv_rc drv_sqlite_open(const char *path, bool create, struct drv_conn **out,
                            char *msg, size_t msgsz)
{
	struct lite_conn *c = calloc(1, sizeof *c);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int rc;

	*out = NULL;
	if (!c) {
		snprintf(msg, msgsz, "out of memory");
		return DRV_NOMEM;
	}
	c->base.ops = &lite_ops;
	c->owned = true;
	rc = sqlite3_open_v2(path, &c->db, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, msgsz, "%s", c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sqlite3_close(c->db);
		free(c);
		return DRV_ERROR;
	}
	sqlite3_extended_result_codes(c->db, 1);
	*out = &c->base;
	return DRV_OK;
}

enum drv_rc drv_sqlite_wrap(struct sqlite3 *db, struct drv_conn **out)
{
	struct lite_conn *c = calloc(1, sizeof *c);

	*out = NULL;
	if (!c)
		return DRV_NOMEM;
	c->base.ops = &lite_ops;
	c->db = db;
	*out = &c->base;
	return DRV_OK;
}
