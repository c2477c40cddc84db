/*
 * store-drv-pg.c - the PostgreSQL driver (store-drv.h) over libpq: named
 * parameters become $1, $2, ..; every statement is prepared on the server
 * once and run with its parameters as text (never pasted into the SQL);
 * the rows come back whole per run and are stepped through here; the
 * SQLSTATE of an error says which drv_rc it is.  Built only with libpq
 * (configure --with-postgresql, the default when it is found).
 */
#include "config.h"

#include "store-drv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if HAVE_POSTGRESQL

#include <libpq-fe.h>

#define PG_MAX_PARAMS 128
#define PG_NAME_MAX 48            /* a parameter's name, without the ':' */

struct pg_conn {
	struct drv_conn base;
	PGconn *pg;
	unsigned long next_stmt;      /* for the server-side statement names */
	long long changes, total_changes;
	char msg[512];
};

struct pg_stmt {
	struct drv_stmt base;
	struct pg_conn *c;
	char name[32];                /* the prepared statement on the server */
	int nparams;
	char pnames[PG_MAX_PARAMS][PG_NAME_MAX + 1];
	char *values[PG_MAX_PARAMS];  /* NULL: SQL NULL */
	PGresult *res;                /* the last run's rows */
	int row, nrows;               /* the current row; -1 before the first */
	bool ran;
};

static const struct drv_ops pg_ops;

/* The message of libpq without its trailing newline. */
static void pg_say(struct pg_conn *c, const char *what)
{
	size_t n;

	snprintf(c->msg, sizeof c->msg, "%s", what && *what ? what : "PostgreSQL error");
	n = strlen(c->msg);
	while (n > 0 && (c->msg[n - 1] == '\n' || c->msg[n - 1] == ' '))
		c->msg[--n] = '\0';
}

/* What a failed result means (SQLSTATE classes, see the PostgreSQL
 * manual's appendix "PostgreSQL Error Codes"). */
static enum drv_rc pg_rc(struct pg_conn *c, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	/* the server's sentence alone: its "ERROR:" and the statement with a
	 * caret under it are nothing for a user's message */
	pg_say(c, primary && *primary ? primary : r && *PQresultErrorMessage(r)
	       ? PQresultErrorMessage(r) : PQerrorMessage(c->pg));
	if (PQstatus(c->pg) == CONNECTION_BAD || (state && strncmp(state, "08", 2) == 0) ||
	    (state && strcmp(state, "57P01") == 0))
		return DRV_GONE;
	if (!state)
		return DRV_ERROR;
	if (strcmp(state, "23505") == 0)
		return DRV_UNIQUE;
	if (strncmp(state, "23", 2) == 0)
		return DRV_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return DRV_BUSY;
	if (strcmp(state, "53100") == 0)
		return DRV_FULL;
	if (strcmp(state, "53200") == 0)
		return DRV_NOMEM;
	/* a read-only transaction, or a role without the right to write */
	if (strcmp(state, "25006") == 0 || strcmp(state, "42501") == 0)
		return DRV_READONLY;
	if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0)
		return DRV_CORRUPT;
	if (strncmp(state, "58", 2) == 0)
		return DRV_IO;
	return DRV_ERROR;
}

static bool name_char(char ch, bool first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
	       (!first && ch >= '0' && ch <= '9');
}

/* sql with ":name" (and "?") turned into "$n" (malloc'd), the names into s; quoted
 * text, quoted names, comments and "::" casts left as they are.  NULL
 * when there are too many parameters or no memory (msg says which). */
static char *pg_translate(struct pg_conn *c, const char *sql, struct pg_stmt *s)
{
	size_t n = strlen(sql), o = 0;
	char *out = malloc(n * 4 + 16);
	char quote = 0;

	if (!out) {
		pg_say(c, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char ch = sql[i];

		if (quote) {
			out[o++] = ch;
			if (ch == quote)
				quote = 0;
			continue;
		}
		if (ch == '\'' || ch == '"') {
			quote = ch;
			out[o++] = ch;
			continue;
		}
		if (ch == '-' && sql[i + 1] == '-') {
			while (i < n && sql[i] != '\n')
				out[o++] = sql[i++];
			if (i < n)
				out[o++] = sql[i];
			continue;
		}
		if (ch == ':' && sql[i + 1] == ':') {
			out[o++] = ':';
			out[o++] = ':';
			i++;
			continue;
		}
		if (ch == ':' && name_char(sql[i + 1], true)) {
			char name[PG_NAME_MAX + 1];
			size_t len = 0;
			int k;

			while (name_char(sql[i + 1 + len], false) && len < PG_NAME_MAX) {
				name[len] = sql[i + 1 + len];
				len++;
			}
			name[len] = '\0';
			i += len;
			for (k = 0; k < s->nparams && strcmp(s->pnames[k], name) != 0; k++)
				;
			if (k == s->nparams) {
				if (s->nparams == PG_MAX_PARAMS) {
					free(out);
					pg_say(c, "too many parameters in one statement");
					return NULL;
				}
				memcpy(s->pnames[s->nparams++], name, len + 1);
			}
			o += (size_t)sprintf(out + o, "$%d", k + 1);
			continue;
		}
		if (ch == '?') {
			/* SQLite's positional parameter: the next number, no name */
			if (s->nparams == PG_MAX_PARAMS) {
				free(out);
				pg_say(c, "too many parameters in one statement");
				return NULL;
			}
			s->pnames[s->nparams++][0] = '\0';
			o += (size_t)sprintf(out + o, "$%d", s->nparams);
			continue;
		}
		out[o++] = ch;
	}
	out[o] = '\0';
	return out;
}

static enum drv_rc pg_prepare(struct drv_conn *dc, const char *sql, struct drv_stmt **out)
{
	struct pg_conn *c = (struct pg_conn *)dc;
	struct pg_stmt *s = calloc(1, sizeof *s);
	char *text;
	PGresult *r;
	enum drv_rc rc = DRV_OK;

	*out = NULL;
	if (!s) {
		pg_say(c, "out of memory");
		return DRV_NOMEM;
	}
	s->base.ops = &pg_ops;
	s->c = c;
	s->row = -1;
	text = pg_translate(c, sql, s);
	if (!text) {
		free(s);
		return DRV_ERROR;
	}
	snprintf(s->name, sizeof s->name, "smready_%lu", ++c->next_stmt);
	r = PQprepare(c->pg, s->name, text, s->nparams, NULL);
	free(text);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = pg_rc(c, r);
		PQclear(r);
		free(s);
		return rc;
	}
	PQclear(r);
	*out = (struct drv_stmt *)s;
	return DRV_OK;
}

static int pg_param(struct drv_stmt *ds, const char *name)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	if (name[0] == ':')
		name++;
	for (int k = 0; k < s->nparams; k++)
		if (strcmp(s->pnames[k], name) == 0)
			return k + 1;
	return 0;
}

static enum drv_rc pg_bind(struct pg_stmt *s, int i, const char *v)
{
	char *copy = NULL;

	if (i < 1 || i > s->nparams) {
		pg_say(s->c, "no such parameter");
		return DRV_ERROR;
	}
	if (v && !(copy = strdup(v))) {
		pg_say(s->c, "out of memory");
		return DRV_NOMEM;
	}
	free(s->values[i - 1]);
	s->values[i - 1] = copy;
	return DRV_OK;
}

static enum drv_rc pg_bind_int(struct drv_stmt *ds, int i, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	return pg_bind((struct pg_stmt *)ds, i, buf);
}

static enum drv_rc pg_bind_text(struct drv_stmt *ds, int i, const char *v)
{
	return pg_bind((struct pg_stmt *)ds, i, v ? v : "");
}

static enum drv_rc pg_bind_null(struct drv_stmt *ds, int i)
{
	return pg_bind((struct pg_stmt *)ds, i, NULL);
}

/* Whether r is of a statement that changes rows.  PQcmdTuples() gives a
 * count for SELECT and FETCH too: rows read, which are no changes (the
 * store tells by the total whether a failed verb had changed anything,
 * and would give up an import for one that had only looked). */
static bool pg_changed_rows(PGresult *r)
{
	static const char *const verbs[] = { "INSERT ", "UPDATE ", "DELETE ", "MERGE " };
	const char *tag = PQcmdStatus(r);

	for (size_t i = 0; tag && i < sizeof verbs / sizeof *verbs; i++)
		if (strncmp(tag, verbs[i], strlen(verbs[i])) == 0)
			return true;
	return false;
}

static enum drv_rc pg_step(struct drv_stmt *ds)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	if (!s->ran) {
		PGresult *r = PQexecPrepared(s->c->pg, s->name, s->nparams,
		                             (const char *const *)s->values, NULL, NULL, 0);
		ExecStatusType st = PQresultStatus(r);

		s->ran = true;
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			enum drv_rc rc = pg_rc(s->c, r);

			PQclear(r);
			return rc;
		}
		if (pg_changed_rows(r)) {
			/* the rows an INSERT, UPDATE or DELETE changed, also with
			 * RETURNING */
			long long n = atoll(PQcmdTuples(r));

			s->c->changes = n;
			s->c->total_changes += n;
		}
		if (st == PGRES_COMMAND_OK) {
			PQclear(r);
			return DRV_DONE;
		}
		s->res = r;
		s->nrows = PQntuples(r);
		s->row = -1;
	}
	if (!s->res || s->row + 1 >= s->nrows)
		return DRV_DONE;
	s->row++;
	return DRV_ROW;
}

static int pg_ncols(struct drv_stmt *ds)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	return s->res ? PQnfields(s->res) : 0;
}

static bool pg_col_null(struct drv_stmt *ds, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	return !s->res || s->row < 0 || i >= PQnfields(s->res) ||
	       PQgetisnull(s->res, s->row, i);
}

static const char *pg_col_text(struct drv_stmt *ds, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	return pg_col_null(ds, i) ? "" : PQgetvalue(s->res, s->row, i);
}

static long long pg_col_int(struct drv_stmt *ds, int i)
{
	const char *t = pg_col_text(ds, i);

	/* booleans read as SQLite's integers */
	if (strcmp(t, "t") == 0)
		return 1;
	return strtoll(t, NULL, 10);
}

static const void *pg_col_blob(struct drv_stmt *ds, int i, int *len)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	*len = 0;
	if (pg_col_null(ds, i))
		return NULL;
	*len = PQgetlength(s->res, s->row, i);
	return PQgetvalue(s->res, s->row, i);
}

static const char *pg_col_name(struct drv_stmt *ds, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;
	const char *n = s->res ? PQfname(s->res, i) : NULL;

	return n ? n : "";
}

static void pg_reset(struct drv_stmt *ds)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;

	PQclear(s->res);
	s->res = NULL;
	s->ran = false;
	s->row = -1;
	s->nrows = 0;
	for (int k = 0; k < s->nparams; k++) {
		free(s->values[k]);
		s->values[k] = NULL;
	}
}

static void pg_finalize(struct drv_stmt *ds)
{
	struct pg_stmt *s = (struct pg_stmt *)ds;
	char sql[64];

	if (!s)
		return;
	pg_reset(ds);
	/* The name is ours ("smready_N"), never text from data. */
	snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
	PQclear(PQexec(s->c->pg, sql));
	free(s);
}

static enum drv_rc pg_exec(struct drv_conn *dc, const char *sql)
{
	struct pg_conn *c = (struct pg_conn *)dc;
	PGresult *r = PQexec(c->pg, sql);
	ExecStatusType st = PQresultStatus(r);
	enum drv_rc rc = DRV_OK;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = pg_rc(c, r);
	PQclear(r);
	return rc;
}

/* Rows go to the server as COPY's data, in pieces of this many bytes. */
#define PG_COPY_PIECE (256 * 1024)

static enum drv_rc pg_copy_in(struct drv_conn *dc, const char *sql, const char *data,
                              size_t len)
{
	struct pg_conn *c = (struct pg_conn *)dc;
	PGresult *r = PQexec(c->pg, sql);
	enum drv_rc rc = DRV_OK;

	if (PQresultStatus(r) != PGRES_COPY_IN) {
		rc = pg_rc(c, r);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	while (len > 0 && rc == DRV_OK) {
		size_t n = len < PG_COPY_PIECE ? len : PG_COPY_PIECE;

		if (PQputCopyData(c->pg, data, (int)n) != 1) {
			pg_say(c, PQerrorMessage(c->pg));
			rc = PQstatus(c->pg) == CONNECTION_BAD ? DRV_GONE : DRV_ERROR;
		}
		data += n;
		len -= n;
	}
	/* ended either way: a failure in the middle ends it with an error,
	 * so that the server keeps none of its rows */
	if (PQputCopyEnd(c->pg, rc == DRV_OK ? NULL : "smready stopped sending rows") != 1 &&
	    rc == DRV_OK) {
		pg_say(c, PQerrorMessage(c->pg));
		rc = PQstatus(c->pg) == CONNECTION_BAD ? DRV_GONE : DRV_ERROR;
	}
	while ((r = PQgetResult(c->pg)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			if (rc == DRV_OK)
				rc = pg_rc(c, r);
		} else if (rc == DRV_OK) {
			long long n = atoll(PQcmdTuples(r));

			c->changes = n;
			c->total_changes += n;
		}
		PQclear(r);
	}
	return rc;
}

static long long pg_changes(struct drv_conn *dc)
{
	return ((struct pg_conn *)dc)->changes;
}

static long long pg_total_changes(struct drv_conn *dc)
{
	return ((struct pg_conn *)dc)->total_changes;
}

static bool pg_in_tx(struct drv_conn *dc, bool *failed)
{
	PGTransactionStatusType t = PQtransactionStatus(((struct pg_conn *)dc)->pg);

	*failed = t == PQTRANS_INERROR;
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* A lock held by another connection is waited for this long, then the
 * statement fails with 55P03 (DRV_BUSY), as SQLite's busy timeout. */
static void pg_set_busy(struct drv_conn *dc, int ms)
{
	struct pg_conn *c = (struct pg_conn *)dc;
	char sql[64];

	snprintf(sql, sizeof sql, "SET lock_timeout = %d", ms < 0 ? 0 : ms);
	PQclear(PQexec(c->pg, sql));
}

static const char *pg_message(struct drv_conn *dc)
{
	return ((struct pg_conn *)dc)->msg;
}

static void pg_close(struct drv_conn *dc)
{
	struct pg_conn *c = (struct pg_conn *)dc;

	if (!c)
		return;
	PQfinish(c->pg);
	free(c);
}

/* One writer at a time, as SQLite's BEGIN IMMEDIATE: every write takes
 * the database's advisory lock (the key is smready's application id,
 * "SMRD"), held to the end of the transaction, so that read-then-write
 * steps (the next number of an action, the one draft of a company) never
 * race; readers are not held up. */
static const char *const pg_begin[] = {
	"BEGIN", "SELECT pg_advisory_xact_lock(1397576260)", NULL
};

static bool pg_reconnect(struct drv_conn *dc);

static const struct drv_ops pg_ops = {
	.engine = "postgresql",
	.begin_write = pg_begin,
	.prepare = pg_prepare,
	.param = pg_param,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_text_kept = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.ncols = pg_ncols,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_name = pg_col_name,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.exec = pg_exec,
	.copy_in = pg_copy_in,
	.changes = pg_changes,
	.total_changes = pg_total_changes,
	.in_tx = pg_in_tx,
	.set_busy = pg_set_busy,
	.reconnect = pg_reconnect,
	.message = pg_message,
	.close = pg_close,
};

static void pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}


/* Connects with defaults that keep a lost server from holding the
 * program up for long: give up connecting after 10 s, and on TCP notice a
 * cut network within about half a minute (keepalives, and data left
 * unacknowledged for 20 s).  conninfo (expanded as the dbname) says
 * otherwise where it names them. */
static PGconn *pg_connect(const char *conninfo)
{
	static const char *const keys[] = {
		"connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
		"keepalives_count", "tcp_user_timeout", "dbname", NULL
	};
	const char *values[] = { "10", "1", "10", "5", "3", "20000", conninfo, NULL };

	return PQconnectdbParams(keys, values, 1);
}

/* What every new connection is told: one time zone and text encoding
 * whatever the server's defaults; the server's notices ("drop cascades to
 * ...") are not for the user's terminal, where libpq would print them. */
static enum drv_rc pg_session(struct pg_conn *c)
{
	PQsetNoticeProcessor(c->pg, pg_notice, NULL);
	return pg_exec(&c->base, "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'");
}

/* After DRV_GONE: a new connection with the same parameters.  The
 * statements prepared on the old one are gone with it (the caller has
 * finalized them). */
static bool pg_reconnect(struct drv_conn *dc)
{
	struct pg_conn *c = (struct pg_conn *)dc;

	if (PQstatus(c->pg) == CONNECTION_OK)
		return true;
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		pg_say(c, PQerrorMessage(c->pg));
		return false;
	}
	return pg_session(c) == DRV_OK;
}

enum drv_rc drv_pg_connect(const char *conninfo, struct drv_conn **out, char *msg, size_t msgsz)
{
	struct pg_conn *c = calloc(1, sizeof *c);

	*out = NULL;
	if (!c) {
		snprintf(msg, msgsz, "out of memory");
		return DRV_NOMEM;
	}
	c->base.ops = &pg_ops;
	c->pg = pg_connect(conninfo);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		/* libpq's message names host, port and user, never the
		 * password. */
		pg_say(c, c->pg ? PQerrorMessage(c->pg) : "out of memory");
		snprintf(msg, msgsz, "%s", c->msg);
		PQfinish(c->pg);
		free(c);
		return DRV_GONE;
	}
	if (pg_session(c) != DRV_OK) {
		snprintf(msg, msgsz, "%s", c->msg);
		pg_close(&c->base);
		return DRV_ERROR;
	}
	*out = &c->base;
	return DRV_OK;
}

#endif
