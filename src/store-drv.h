/*
 * store-drv.h - the database engines under the store: one small interface
 * (prepare a statement whose parameters are named ":name", bind them by
 * name, step through the rows, read columns as integers or text, run
 * plain SQL, count the rows changed, say what went wrong), with a driver
 * for SQLite (store-drv-sqlite.c) and one for PostgreSQL through libpq
 * (store-drv-pg.c).  The SQL the two engines agree on is written once, in
 * the store; the driver turns ":name" into the engine's own placeholders
 * and its result codes into enum drv_rc.  The model is fossil's db.c
 * wrapper and dovecot's lib-sql drivers.  Private to the store-*.c files.
 *
 * What the shared SQL has to keep to, as tests/check_drv finds it:
 *  - PostgreSQL deduces one type for each parameter from where it is
 *    used: a parameter used in two roles (a BIGINT column and an
 *    expression) is written CAST(:x AS BIGINT) in one of them;
 *  - integers are BIGINT (times are Unix seconds), text is TEXT, truth is
 *    an integer 0/1 (col_int() reads a PostgreSQL boolean as 0/1 too);
 *  - no engine's own functions in the shared text: what differs (DDL,
 *    upserts, the keys of names) is the driver's or the store's C.
 */
#ifndef SMREADY_STORE_DRV_H
#define SMREADY_STORE_DRV_H

#include <stdbool.h>
#include <stddef.h>

enum drv_rc {
	DRV_OK = 0,
	DRV_ROW,                  /* step: a row is there to read */
	DRV_DONE,                 /* step: no (more) rows */
	DRV_BUSY,                 /* locked, or a serialization failure: try again */
	DRV_UNIQUE,               /* a unique constraint or primary key refused it */
	DRV_CONSTRAINT,           /* another constraint (check, foreign key, not null) */
	DRV_FULL,                 /* the disk or the database is full */
	DRV_READONLY,             /* the connection may not write */
	DRV_CORRUPT,              /* the data is damaged */
	DRV_GONE,                 /* the connection was lost (server stopped, network) */
	DRV_NOMEM,
	DRV_NOTADB,               /* (SQLite) the file is no database */
	DRV_IO,                   /* the file or the server's disk could not be read or written */
	DRV_ERROR                 /* anything else; drv_message() says what */
};

struct drv_conn;
struct drv_stmt;
struct sqlite3;

struct drv_ops {
	const char *engine;       /* "sqlite" or "postgresql" */
	/* The statements that open a transaction that will write, so that
	 * one writer at a time goes ahead and none fails half-way on a lock:
	 * SQLite's BEGIN IMMEDIATE; on PostgreSQL BEGIN and a transaction's
	 * advisory lock.  NULL-terminated. */
	const char *const *begin_write;
	/* sql may hold ":name" parameters (letters, digits, '_'); the same
	 * name twice is one parameter.  PostgreSQL's "::type" casts are no
	 * parameters. */
	enum drv_rc (*prepare)(struct drv_conn *c, const char *sql, struct drv_stmt **out);
	/* The parameter's index from 1; 0 when the statement has none of
	 * that name. */
	int (*param)(struct drv_stmt *s, const char *name);
	enum drv_rc (*bind_int)(struct drv_stmt *s, int i, long long v);
	enum drv_rc (*bind_text)(struct drv_stmt *s, int i, const char *v);
	/* bind_text() of a text that stays as it is until the statement is
	 * reset: the driver may keep v itself instead of a copy (SQLite's
	 * copy of every text cost a tenth of an import). */
	enum drv_rc (*bind_text_kept)(struct drv_stmt *s, int i, const char *v);
	enum drv_rc (*bind_null)(struct drv_stmt *s, int i);
	enum drv_rc (*step)(struct drv_stmt *s);
	int (*ncols)(struct drv_stmt *s);
	bool (*col_null)(struct drv_stmt *s, int i);
	long long (*col_int)(struct drv_stmt *s, int i);
	/* "" for NULL; valid until the next step, reset or finalize */
	const char *(*col_text)(struct drv_stmt *s, int i);
	/* The column's bytes as stored, *len of them (text that may not be
	 * valid UTF-8, for the checks); NULL for NULL. */
	const void *(*col_blob)(struct drv_stmt *s, int i, int *len);
	/* The column's name in the result ("" when there is none). */
	const char *(*col_name)(struct drv_stmt *s, int i);
	/* Back to before the first step, parameters unbound (NULL). */
	void (*reset)(struct drv_stmt *s);
	void (*finalize)(struct drv_stmt *s);
	/* SQL without parameters, one statement or several. */
	enum drv_rc (*exec)(struct drv_conn *c, const char *sql);
	/* (PostgreSQL; NULL on SQLite) Runs sql, a COPY ... FROM STDIN, with
	 * the len bytes of rows in data, in COPY's text format; the rows
	 * count as changes. */
	enum drv_rc (*copy_in)(struct drv_conn *c, const char *sql, const char *data, size_t len);
	/* Rows the last INSERT, UPDATE or DELETE changed. */
	long long (*changes)(struct drv_conn *c);
	/* Rows changed by this connection since it opened. */
	long long (*total_changes)(struct drv_conn *c);
	/* Whether a transaction is open (false also after the engine ended
	 * it on an error by itself); *failed when it is open but an error
	 * spoilt it, so that only a rollback (to a savepoint) is left. */
	bool (*in_tx)(struct drv_conn *c, bool *failed);
	/* How long to wait for another connection's lock, in milliseconds. */
	void (*set_busy)(struct drv_conn *c, int ms);
	/* After DRV_GONE: connects again with the same parameters (NULL: the
	 * connection cannot be lost); false when the server is still away.
	 * Prepared statements do not survive it: finalize them first. */
	bool (*reconnect)(struct drv_conn *c);
	/* What went wrong last, in the engine's words (never a password). */
	const char *(*message)(struct drv_conn *c);
	void (*close)(struct drv_conn *c);
};

/* Every connection and every statement starts with its driver's table. */
struct drv_conn {
	const struct drv_ops *ops;
};

struct drv_stmt {
	const struct drv_ops *ops;
};

/* Opens an SQLite file (created when create is set). */
enum drv_rc drv_sqlite_open(const char *path, bool create, struct drv_conn **out,
                            char *msg, size_t msgsz);
/* Puts the driver over an SQLite connection opened by the caller (with
 * its own flags and checks); closing the driver's connection leaves db
 * open. */
enum drv_rc drv_sqlite_wrap(struct sqlite3 *db, struct drv_conn **out);
/* What an SQLite result code (of a call the caller made on db itself)
 * means as a drv_rc. */
enum drv_rc drv_sqlite_rc(struct sqlite3 *db, int rc);
/* Whether this smready was built with PostgreSQL (libpq). */
bool drv_pg_available(void);
/* The driver's own door, in the module smready-pg.so (store-drv-pg.c). */
enum drv_rc drv_pg_connect(const char *conninfo, struct drv_conn **out, char *msg,
                           size_t msgsz);
/* Connects to PostgreSQL: conninfo is a URI ("postgresql://host/db") or
 * keywords ("service=smready"); libpq's environment (PGHOST, PGSERVICE,
 * ~/.pgpass, sslmode) fills in the rest.  On failure msg says why, without
 * the password. */
enum drv_rc drv_pg_open(const char *conninfo, struct drv_conn **out, char *msg, size_t msgsz);
/* Whether conninfo gives a password. */
bool drv_pg_has_password(const char *conninfo);
/* conninfo as it may be shown (messages, the title): never with its
 * password. */
void drv_pg_display(const char *conninfo, char *out, size_t sz);
/* Whether text names a PostgreSQL database rather than a file: a
 * "postgresql://" or "postgres://" URI, or libpq keywords ("host=..",
 * "service=..", "dbname=.."). */
bool drv_is_pg_target(const char *text);

#endif
