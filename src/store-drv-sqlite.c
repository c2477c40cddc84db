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

struct lite_conn {
	struct drv_conn base;
	sqlite3 *db;
	char msg[512];
};

struct lite_stmt {
	struct lite_conn *c;
	sqlite3_stmt *s;
};

static enum drv_rc lite_rc(struct lite_conn *c, int rc)
{
	snprintf(c->msg, sizeof c->msg, "%s", sqlite3_errmsg(c->db));
	switch (rc & 0xff) {
	case SQLITE_OK: return DRV_OK;
	case SQLITE_ROW: return DRV_ROW;
	case SQLITE_DONE: return DRV_DONE;
	case SQLITE_BUSY: case SQLITE_LOCKED: return DRV_BUSY;
	case SQLITE_CONSTRAINT: return DRV_CONSTRAINT;
	case SQLITE_FULL: return DRV_FULL;
	case SQLITE_READONLY: return DRV_READONLY;
	case SQLITE_CORRUPT: case SQLITE_NOTADB: return DRV_CORRUPT;
	case SQLITE_NOMEM: return DRV_NOMEM;
	default: return DRV_ERROR;
	}
}

static enum drv_rc lite_prepare(struct drv_conn *dc, const char *sql, struct drv_stmt **out)
{
	struct lite_conn *c = (struct lite_conn *)dc;
	struct lite_stmt *s = calloc(1, sizeof *s);
	int rc;

	*out = NULL;
	if (!s)
		return DRV_NOMEM;
	s->c = c;
	rc = sqlite3_prepare_v2(c->db, sql, -1, &s->s, NULL);
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

static enum drv_rc lite_bind_null(struct drv_stmt *ds, int i)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return lite_rc(s->c, sqlite3_bind_null(s->s, i));
}

static enum drv_rc lite_step(struct drv_stmt *ds)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	return lite_rc(s->c, sqlite3_step(s->s));
}

static int lite_ncols(struct drv_stmt *ds)
{
	return sqlite3_column_count(((struct lite_stmt *)ds)->s);
}

static bool lite_col_null(struct drv_stmt *ds, int i)
{
	return sqlite3_column_type(((struct lite_stmt *)ds)->s, i) == SQLITE_NULL;
}

static long long lite_col_int(struct drv_stmt *ds, int i)
{
	return sqlite3_column_int64(((struct lite_stmt *)ds)->s, i);
}

static const char *lite_col_text(struct drv_stmt *ds, int i)
{
	const unsigned char *t = sqlite3_column_text(((struct lite_stmt *)ds)->s, i);

	return t ? (const char *)t : "";
}

static void lite_reset(struct drv_stmt *ds)
{
	struct lite_stmt *s = (struct lite_stmt *)ds;

	sqlite3_reset(s->s);
	sqlite3_clear_bindings(s->s);
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

static const char *lite_message(struct drv_conn *dc)
{
	return ((struct lite_conn *)dc)->msg;
}

static void lite_close(struct drv_conn *dc)
{
	struct lite_conn *c = (struct lite_conn *)dc;

	if (!c)
		return;
	sqlite3_close(c->db);
	free(c);
}

static const struct drv_ops lite_ops = {
	.engine = "sqlite",
	.prepare = lite_prepare,
	.param = lite_param,
	.bind_int = lite_bind_int,
	.bind_text = lite_bind_text,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.ncols = lite_ncols,
	.col_null = lite_col_null,
	.col_int = lite_col_int,
	.col_text = lite_col_text,
	.reset = lite_reset,
	.finalize = lite_finalize,
	.exec = lite_exec,
	.changes = lite_changes,
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
