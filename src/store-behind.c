/*
 * store-behind.c - rows that wait inside a bulk transaction
 * (store_begin_bulk(), an import) and go in together: an assessment's
 * events on both engines, and on PostgreSQL its answers too.
 *
 * A statement costs SQLite little and a server a round trip: an import
 * that wrote each assessment's answers by one statement spent more time
 * waiting for the server than the server spent on the rows.  So on
 * PostgreSQL the answers and events of many assessments collect in COPY's
 * text format and go in by one COPY a table, the way the server loads
 * rows fastest (psql's \copy does the same).  The rows are data sent
 * beside the statement, never part of it.
 *
 * Whatever waits is written before anything else can see the tables it
 * belongs to: while rows wait, st->waiting holds this file's hook, which
 * q_prep() calls before every statement and which writes them when the
 * statement names one of their tables; the deletes write them first since
 * their cascades reach the tables unnamed.  store_commit() writes them
 * last; store_rollback() forgets them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"

/* When this much waits it goes in: a COPY of some thousand rows costs the
 * server no more a row than one of all of them, and the memory stays
 * bounded however long the file is. */
#define BEHIND_ROWS 4096
#define BEHIND_BYTES (1u << 20)

/* ---- rows in COPY's text format ---------------------------------------------- */

static void put(struct copy_rows *r, const char *s, size_t n)
{
	if (r->failed)
		return;
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 4096;
		char *more;

		while (cap < r->len + n + 1)
			cap *= 2;
		if (!(more = realloc(r->buf, cap))) {
			r->failed = true;
			return;
		}
		r->buf = more;
		r->cap = cap;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

/* A column of text: a backslash, a tab and a line break would end or
 * change the column, so they go as \\, \t, \n and \r. */
static void put_text(struct copy_rows *r, const char *s, char end)
{
	for (const char *p = s; *p; ) {
		size_t run = strcspn(p, "\\\t\n\r");
		char esc[2] = { '\\', 0 };

		put(r, p, run);
		p += run;
		if (!*p)
			break;
		esc[1] = *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' : '\\';
		put(r, esc, 2);
		p++;
	}
	put(r, &end, 1);
}

static void put_int(struct copy_rows *r, long long v, char end)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%lld%c", v, end);

	put(r, num, (size_t)n);
}

static void rows_clear(struct copy_rows *r)
{
	r->len = r->n = 0;
	r->failed = false;
}

/* ---- the rows that wait ------------------------------------------------------ */

/* Whether sql names a table that has rows waiting.  Only those: on SQLite
 * each assessment's answers go in at once, and had their statement written
 * the events waiting too, the events would go one assessment at a time. */
static bool names_waiting(const struct behind *b, const char *sql)
{
	return (b->answers.n && strstr(sql, "answers")) ||
	       ((b->events.n || b->n_pending) && strstr(sql, "assessment_events"));
}

static void behind_drop(struct store *st)
{
	rows_clear(&st->behind.answers);
	rows_clear(&st->behind.events);
	st->behind.n_pending = 0;
	st->waiting = NULL;
}

static enum store_err before(struct store *st, const char *sql)
{
	return sql && !names_waiting(&st->behind, sql) ? STORE_OK : behind_flush(st);
}

static const struct behind_hook hook = { before, behind_drop };

void behind_free(struct store *st)
{
	free(st->behind.answers.buf);
	free(st->behind.events.buf);
	memset(&st->behind, 0, sizeof st->behind);
	st->waiting = NULL;
}

/* Events go in by up to 16 rows a statement on SQLite: the CHECK of their
 * kind builds a table each time a statement runs, which cost an import
 * more than the events themselves. */
#define EVENT_ROW "(?,?,?,'')"
#define EVENT_ROWS2 EVENT_ROW "," EVENT_ROW
#define EVENT_ROWS4 EVENT_ROWS2 "," EVENT_ROWS2
#define EVENT_ROWS8 EVENT_ROWS4 "," EVENT_ROWS4
#define EVENT_INSERT "INSERT INTO assessment_events (assessment_id, at, kind, detail) VALUES "

static const char *const event_inserts[5] = {
	EVENT_INSERT EVENT_ROW, EVENT_INSERT EVENT_ROWS2, EVENT_INSERT EVENT_ROWS4,
	EVENT_INSERT EVENT_ROWS8, EVENT_INSERT EVENT_ROWS8 "," EVENT_ROWS8
};

static enum store_err flush_events_sqlite(struct store *st)
{
	int i = 0, n = st->behind.n_pending;

	st->behind.n_pending = 0;
	while (i < n) {
		int size = 4;
		struct drv_stmt *s;
		enum store_err err;

		while (1 << size > n - i)
			size--;
		s = q_prep(st, event_inserts[size]);
		if (!s)
			return STORE_ERROR;
		for (int r = 0; r < 1 << size; r++) {
			const struct pending_event *e = &st->behind.pending[i + r];

			s->ops->bind_int(s, 3 * r + 1, e->id);
			s->ops->bind_int(s, 3 * r + 2, e->at);
			s->ops->bind_text_kept(s, 3 * r + 3, e->kind);
		}
		err = q_run(st, s);
		if (err != STORE_OK)
			return err;
		i += 1 << size;
	}
	return STORE_OK;
}

/* Sends the rows r holds by the COPY sql; r is empty afterwards whatever
 * the outcome. */
static enum store_err copy_rows(struct store *st, const char *sql, struct copy_rows *r)
{
	enum store_err err = STORE_OK;
	enum drv_rc rc;

	if (r->failed)
		err = fail_oom(st);
	else if ((rc = st->conn->ops->copy_in(st->conn, sql, r->buf, r->len)) != DRV_OK)
		err = fail_drv(st, rc);
	rows_clear(r);
	return err;
}

enum store_err behind_flush(struct store *st)
{
	struct behind *b = &st->behind;
	enum store_err err = STORE_OK;

	st->waiting = NULL;          /* the statements below see nothing waiting */
	if (b->answers.n) {
		err = copy_rows(st, "COPY answers (assessment_id, item_key, value, note, changed,"
		                    " carried) FROM STDIN", &b->answers);
		if (err == STORE_ERROR && st->last_rc == DRV_UNIQUE)
			err = say(st, STORE_INVALID, "%s",
			          _("One of these questions is answered already."));
	}
	if (b->events.n && err == STORE_OK)
		err = copy_rows(st, "COPY assessment_events (assessment_id, at, kind) FROM STDIN",
		                &b->events);
	if (err == STORE_OK && b->n_pending)
		err = flush_events_sqlite(st);
	if (err != STORE_OK)
		behind_drop(st);
	return err;
}

/* Writes what waits once there is enough of it (on SQLite the 16 events
 * wait until their array is full), at once outside a bulk transaction. */
static enum store_err behind_maybe(struct store *st)
{
	const struct behind *b = &st->behind;

	if (!st->bulk || b->answers.n + b->events.n >= BEHIND_ROWS ||
	    b->answers.len + b->events.len >= BEHIND_BYTES)
		return behind_flush(st);
	return STORE_OK;
}

enum store_err behind_event(struct store *st, long long id, long long at, const char *kind)
{
	struct behind *b = &st->behind;

	if (st->pg) {
		st->waiting = &hook;
		put_int(&b->events, id, '\t');
		put_int(&b->events, at, '\t');
		put_text(&b->events, kind, '\n');
		b->events.n++;
		return behind_maybe(st);
	}
	if (b->n_pending == (int)(sizeof b->pending / sizeof b->pending[0])) {
		enum store_err err = behind_flush(st);

		if (err != STORE_OK)
			return err;
	}
	st->waiting = &hook;
	b->pending[b->n_pending++] = (struct pending_event){ id, at, kind };
	return behind_maybe(st);
}

enum store_err behind_answers(struct store *st, long long id, const struct answer_in *ans,
                              size_t n)
{
	struct copy_rows *r = &st->behind.answers;

	st->waiting = &hook;
	for (size_t k = 0; k < n; k++) {
		put_int(r, id, '\t');
		put_text(r, ans[k].item_key, '\t');
		put_int(r, ans[k].value, '\t');
		put_text(r, ans[k].note ? ans[k].note : "", '\t');
		put_int(r, ans[k].changed, '\t');
		put_int(r, ans[k].carried, '\n');
	}
	r->n += n;
	return behind_maybe(st);
}
