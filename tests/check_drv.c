/*
 * check_drv.c - the database drivers under the store (store-drv.h) held to
 * one behaviour: the same cases run on SQLite, always, and on PostgreSQL
 * when SMREADY_TEST_PG names a server (tests/store-pg.sh starts a
 * throwaway one and sets it).  Named parameters, the same name twice, text
 * that looks like a parameter inside quotes, binding and reading back
 * integers, text with quotes and umlauts and NULL, the rows changed, a
 * unique constraint, transactions rolled back, and reuse after a reset.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-drv.h"
#include "tap-main.h"

static char tmpdir[512];
static int n_db;

/* A connection to an empty database of engine _i (0 SQLite, 1 PostgreSQL):
 * on PostgreSQL an empty schema of its own. */
static struct drv_conn *conn_new(int engine)
{
	struct drv_conn *c = NULL;
	char msg[512] = "", path[700];

	if (engine == 0) {
		snprintf(path, sizeof path, "%s/drv%d-%d.db", tmpdir, (int)getpid(), n_db++);
		ck_assert_msg(drv_sqlite_open(path, true, &c, msg, sizeof msg) == DRV_OK, "%s", msg);
		return c;
	}
	ck_assert_msg(drv_pg_open(getenv("SMREADY_TEST_PG"), &c, msg, sizeof msg) == DRV_OK,
	              "%s", msg);
	/* Each case in a schema of its own: forked cases run one by one. */
	ck_assert_msg(c->ops->exec(c, "DROP SCHEMA IF EXISTS drv_test CASCADE;"
	                              " CREATE SCHEMA drv_test; SET search_path = drv_test") == DRV_OK,
	              "%s", c->ops->message(c));
	return c;
}

static void run(struct drv_conn *c, const char *sql)
{
	ck_assert_msg(c->ops->exec(c, sql) == DRV_OK, "%s: %s", sql, c->ops->message(c));
}

static struct drv_stmt *prep(struct drv_conn *c, const char *sql)
{
	struct drv_stmt *s = NULL;

	ck_assert_msg(c->ops->prepare(c, sql, &s) == DRV_OK, "%s: %s", sql, c->ops->message(c));
	return s;
}

static int engine_of(int i)
{
	return i;
}

static int n_engines(void)
{
	const char *pg = getenv("SMREADY_TEST_PG");

	return pg && *pg && drv_pg_available() ? 2 : 1;
}

#define TABLE "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE," \
	" n BIGINT CHECK (n IS NULL OR n >= 0), note TEXT)"

START_TEST(test_params_and_rows)
{
	struct drv_conn *c = conn_new(engine_of(_i));
	const struct drv_ops *o = c->ops;
	struct drv_stmt *ins, *sel;
	int rc;

	run(c, TABLE);
	/* PostgreSQL deduces one type per parameter: one used twice in
	 * different roles is cast (store-drv.h). */
	ins = prep(c, "INSERT INTO t (id, name, n, note)"
	              " VALUES (:id, :name, CAST(:id AS BIGINT) * 10, :note)");
	ck_assert_int_eq(o->param(ins, ":id"), o->param(ins, "id"));
	ck_assert_int_ne(o->param(ins, ":id"), 0);
	ck_assert_int_eq(o->param(ins, ":nope"), 0);
	ck_assert_int_eq(o->bind_int(ins, o->param(ins, ":id"), 1), DRV_OK);
	ck_assert_int_eq(o->bind_text(ins, o->param(ins, ":name"), "Müller's \"GmbH\""), DRV_OK);
	ck_assert_int_eq(o->bind_null(ins, o->param(ins, ":note")), DRV_OK);
	ck_assert_int_eq(o->step(ins), DRV_DONE);
	ck_assert_int_eq(o->changes(c), 1);
	o->reset(ins);
	ck_assert_int_eq(o->bind_int(ins, o->param(ins, ":id"), 2), DRV_OK);
	ck_assert_int_eq(o->bind_text(ins, o->param(ins, ":name"), "Zeta"), DRV_OK);
	ck_assert_int_eq(o->bind_text(ins, o->param(ins, ":note"), "a\nb"), DRV_OK);
	ck_assert_int_eq(o->step(ins), DRV_DONE);
	/* the same name again: a unique constraint */
	o->reset(ins);
	o->bind_int(ins, o->param(ins, ":id"), 3);
	o->bind_text(ins, o->param(ins, ":name"), "Zeta");
	rc = o->step(ins);
	ck_assert_msg(rc == DRV_UNIQUE, "%d: %s", rc, o->message(c));
	/* a check constraint is another kind of refusal */
	o->reset(ins);
	o->bind_int(ins, o->param(ins, ":id"), -1);
	o->bind_text(ins, o->param(ins, ":name"), "Negative");
	rc = o->step(ins);
	ck_assert_msg(rc == DRV_CONSTRAINT, "%d: %s", rc, o->message(c));
	o->finalize(ins);

	sel = prep(c, "SELECT id, name, n, note, ':id' FROM t WHERE n >= :min ORDER BY id");
	ck_assert_int_eq(o->param(sel, ":id"), 0);    /* in quotes: no parameter */
	o->bind_int(sel, o->param(sel, ":min"), 0);
	ck_assert_int_eq(o->step(sel), DRV_ROW);
	ck_assert_int_eq(o->ncols(sel), 5);
	ck_assert_int_eq(o->col_int(sel, 0), 1);
	ck_assert_str_eq(o->col_text(sel, 1), "Müller's \"GmbH\"");
	ck_assert_int_eq(o->col_int(sel, 2), 10);
	ck_assert(o->col_null(sel, 3));
	ck_assert_str_eq(o->col_text(sel, 3), "");
	ck_assert_str_eq(o->col_text(sel, 4), ":id");
	ck_assert_int_eq(o->step(sel), DRV_ROW);
	ck_assert_int_eq(o->col_int(sel, 0), 2);
	ck_assert(!o->col_null(sel, 3));
	ck_assert_str_eq(o->col_text(sel, 3), "a\nb");
	ck_assert_int_eq(o->step(sel), DRV_DONE);
	/* again, with another value */
	o->reset(sel);
	o->bind_int(sel, o->param(sel, ":min"), 15);
	ck_assert_int_eq(o->step(sel), DRV_ROW);
	ck_assert_int_eq(o->col_int(sel, 0), 2);
	ck_assert_int_eq(o->step(sel), DRV_DONE);
	o->finalize(sel);
	o->close(c);
}
END_TEST

/* New ids come back with "RETURNING id" on both engines (SQLite's driver
 * runs an insert of one row without it and reads the rowid): one row with
 * the id, none when nothing was inserted, the refusal when refused, and
 * the row's own id when a trigger inserts elsewhere meanwhile. */
START_TEST(test_returning_id)
{
	struct drv_conn *c = conn_new(engine_of(_i));
	const struct drv_ops *o = c->ops;
	struct drv_stmt *ins, *skip;
	int rc;

	if (_i == 0) {
		run(c, "CREATE TABLE r (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
		run(c, "CREATE TABLE r_log (id INTEGER PRIMARY KEY, what TEXT)");
		run(c, "INSERT INTO r_log (what) VALUES ('a'), ('b'), ('c'), ('d'), ('e')");
		run(c, "CREATE TRIGGER r_logged AFTER INSERT ON r BEGIN"
		       " INSERT INTO r_log (what) VALUES (new.name); END");
	} else {
		run(c, "CREATE TABLE r (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
		       " name TEXT NOT NULL UNIQUE)");
	}
	ins = prep(c, "INSERT INTO r (name) VALUES (:name) RETURNING id");
	for (int k = 1; k <= 3; k++) {
		char name[16];

		snprintf(name, sizeof name, "n%d", k);
		o->bind_text(ins, o->param(ins, ":name"), name);
		ck_assert_int_eq(o->step(ins), DRV_ROW);
		ck_assert_int_eq(o->ncols(ins), 1);
		ck_assert_str_eq(o->col_name(ins, 0), "id");
		ck_assert(!o->col_null(ins, 0));
		ck_assert_int_eq(o->col_int(ins, 0), k);
		ck_assert_str_eq(o->col_text(ins, 0), k == 1 ? "1" : k == 2 ? "2" : "3");
		ck_assert_int_eq(o->changes(c), 1);
		ck_assert_int_eq(o->step(ins), DRV_DONE);
		o->reset(ins);
	}
	o->bind_text(ins, o->param(ins, ":name"), "n2");
	rc = o->step(ins);
	ck_assert_msg(rc == DRV_UNIQUE, "%d: %s", rc, o->message(c));
	o->reset(ins);
	o->finalize(ins);
	skip = prep(c, "INSERT INTO r (name) VALUES (:name) ON CONFLICT (name) DO NOTHING"
	               " RETURNING id");
	o->bind_text(skip, o->param(skip, ":name"), "n1");
	ck_assert_int_eq(o->step(skip), DRV_DONE);
	o->reset(skip);
	o->bind_text(skip, o->param(skip, ":name"), "n4");
	ck_assert_int_eq(o->step(skip), DRV_ROW);
	/* PostgreSQL's sequence gave numbers to the refused ones too */
	if (_i == 0)
		ck_assert_int_eq(o->col_int(skip, 0), 4);
	else
		ck_assert_int_gt(o->col_int(skip, 0), 3);
	o->reset(skip);
	o->finalize(skip);
	o->close(c);
}
END_TEST

START_TEST(test_transactions)
{
	struct drv_conn *c = conn_new(engine_of(_i));
	const struct drv_ops *o = c->ops;
	struct drv_stmt *s;
	long long before;

	run(c, TABLE);
	run(c, "BEGIN");
	run(c, "INSERT INTO t (id, name) VALUES (1, 'a')");
	run(c, "SAVEPOINT sp");
	run(c, "INSERT INTO t (id, name) VALUES (2, 'b')");
	run(c, "ROLLBACK TO sp");
	run(c, "RELEASE sp");
	run(c, "COMMIT");
	run(c, "BEGIN");
	run(c, "INSERT INTO t (id, name) VALUES (3, 'c')");
	run(c, "ROLLBACK");
	before = o->total_changes(c);
	s = prep(c, "SELECT count(*), max(id) FROM t");
	ck_assert_int_eq(o->step(s), DRV_ROW);
	ck_assert_int_eq(o->col_int(s, 0), 1);
	ck_assert_int_eq(o->col_int(s, 1), 1);
	o->finalize(s);
	/* rows read are no changes: the store tells by total_changes whether
	 * a failed verb of an import had changed anything (store-db.c) */
	ck_assert_int_eq(o->total_changes(c), before);
	/* an UPDATE of none counts none */
	s = prep(c, "UPDATE t SET n = 5 WHERE id = :id");
	o->bind_int(s, o->param(s, ":id"), 99);
	ck_assert_int_eq(o->step(s), DRV_DONE);
	ck_assert_int_eq(o->changes(c), 0);
	o->finalize(s);
	o->close(c);
}
END_TEST

/* What the store tells apart: a statement the engine refuses is an error
 * with the engine's message, and the connection goes on. */
START_TEST(test_errors)
{
	struct drv_conn *c = conn_new(engine_of(_i));
	const struct drv_ops *o = c->ops;
	struct drv_stmt *s = NULL;

	ck_assert_int_eq(o->prepare(c, "SELECT * FROM no_such_table", &s), DRV_ERROR);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(o->message(c), "no_such_table"));
	run(c, TABLE);
	s = prep(c, "SELECT 1");
	ck_assert_int_eq(o->step(s), DRV_ROW);
	o->finalize(s);
	o->close(c);
}
END_TEST

START_TEST(test_targets)
{
	ck_assert(drv_is_pg_target("postgresql://db.example.org/smready"));
	ck_assert(drv_is_pg_target("postgres://localhost"));
	ck_assert(drv_is_pg_target("service=smready"));
	ck_assert(drv_is_pg_target("host=/tmp dbname=x"));
	ck_assert(!drv_is_pg_target("smready.db"));
	ck_assert(!drv_is_pg_target("/home/x/postgresql/smready.db"));
	ck_assert(!drv_is_pg_target("./host=x.db") );
	ck_assert(!drv_is_pg_target(NULL));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("drv");
	TCase *tc = tcase_create("drv");
	const char *t = getenv("TMPDIR");
	int n = n_engines();

	snprintf(tmpdir, sizeof tmpdir, "%s/smready-check-drv-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_params_and_rows, 0, n);
	tcase_add_loop_test(tc, test_returning_id, 0, n);
	tcase_add_loop_test(tc, test_transactions, 0, n);
	tcase_add_loop_test(tc, test_errors, 0, n);
	tcase_add_test(tc, test_targets);
	suite_add_tcase(s, tc);
	return tap_run_suite(s);
}
