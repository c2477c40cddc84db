/*
 * store-upkeep.c - looking after the file: the integrity check and the checks
 * beyond it (orphans, references that do not fit, text that is not UTF-8),
 * the online backup, and the query plans the tests look at.
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

/* ---- upkeep -------------------------------------------------------------- */

void store_set_max_pages(struct store *st, long long pages)
{
	/* A pragma's argument cannot be bound; this is the one place where a
	 * number is formatted into SQL, and it is an integer, never text. */
	char sql[64];

	if (!st->db)
		return;
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

/* Column i of s as shown_bytes() shows it. */
static const char *shown_col(char *out, size_t sz, struct drv_stmt *s, int i)
{
	int len;
	const void *p = s->ops->col_blob(s, i, &len);

	return shown_bytes(out, sz, p, len);
}

/* Runs one of the checks' queries, giving each row to row(); false when
 * the query itself failed (the message is reported). */
static bool check_rows(struct store *st, struct check_out *o, const char *sql,
                       void (*row)(struct check_out *o, struct drv_stmt *s))
{
	struct drv_stmt *s = q_prep(st, sql);
	enum drv_rc rc;

	if (!s) {
		report(o, "%s", st->msg);
		return false;
	}
	while ((rc = s->ops->step(s)) == DRV_ROW)
		row(o, s);
	q_done(st, s);
	if (rc != DRV_DONE) {
		fail_drv(st, rc);
		report(o, "%s", st->msg);
		return false;
	}
	return true;
}

static void orphan_answer(struct check_out *o, struct drv_stmt *s)
{
	char key[128];

	report(o, _("Table answers, assessment %lld, item %s: that assessment does not exist."),
	       col_int(s, 0),
	       shown_col(key, sizeof key, s, 1));
}

static void orphan_event(struct check_out *o, struct drv_stmt *s)
{
	report(o, _("Table assessment_events, row %lld: assessment %lld does not exist."),
	       col_int(s, 0), col_int(s, 1));
}

static void orphan_assessment(struct check_out *o, struct drv_stmt *s)
{
	if (col_int(s, 2))
		report(o, _("Table assessments, row %lld: company %lld does not exist."),
		       col_int(s, 0), col_int(s, 1));
	else
		report(o, _("Table assessments, row %lld: assessment %lld, which it was started "
		            "from, does not exist."), col_int(s, 0),
		       col_int(s, 1));
}

static void orphan_action(struct check_out *o, struct drv_stmt *s)
{
	if (col_int(s, 2))
		report(o, _("Table actions, row %lld: company %lld does not exist."),
		       col_int(s, 0), col_int(s, 1));
	else
		report(o, _("Table actions, row %lld: assessment %lld, whose result suggested it, "
		            "does not exist."), col_int(s, 0), col_int(s, 1));
}

static void orphan_action_item(struct check_out *o, struct drv_stmt *s)
{
	char key[128];

	report(o, _("Table action_items, action %lld, item %s: that action does not exist."),
	       col_int(s, 0),
	       shown_col(key, sizeof key, s, 1));
}

static void orphan_action_event(struct check_out *o, struct drv_stmt *s)
{
	report(o, _("Table action_events, row %lld: action %lld does not exist."),
	       col_int(s, 0), col_int(s, 1));
}

struct fk_tables {
	struct check_out *o;
	bool answers, events, assessments, actions, action_items, action_events;
};

static void fk_violation(struct check_out *o, struct drv_stmt *s)
{
	struct fk_tables *t = o->ctx;
	const char *table = col_text(s, 0);

	if (strcmp(table, "answers") == 0)
		t->answers = true;
	else if (strcmp(table, "assessment_events") == 0)
		t->events = true;
	else if (strcmp(table, "assessments") == 0)
		t->assessments = true;
	else if (strcmp(table, "actions") == 0)
		t->actions = true;
	else if (strcmp(table, "action_items") == 0)
		t->action_items = true;
	else if (strcmp(table, "action_events") == 0)
		t->action_events = true;
	else
		report(t->o, _("Table %s, row %lld: refers to a row of %s that does not exist."),
		       table, col_int(s, 1), col_text(s, 2));
}

/* Rows whose parent row is gone (foreign keys off, or another program):
 * PRAGMA foreign_key_check finds them, and a query per table names them. */
static void check_orphans(struct store *st, struct check_out *o)
{
	struct fk_tables t = { o, false, false, false, false, false, false };
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
	if (t.actions)
		check_rows(st, o, "SELECT id, company_id, 1 FROM actions"
		           " WHERE company_id NOT IN (SELECT id FROM companies)"
		           " UNION ALL SELECT id, origin, 0 FROM actions"
		           " WHERE origin IS NOT NULL AND origin NOT IN (SELECT id FROM assessments)"
		           " ORDER BY 1 LIMIT 100", orphan_action);
	if (t.action_items)
		check_rows(st, o, "SELECT action_id, item_key FROM action_items"
		           " WHERE action_id NOT IN (SELECT id FROM actions)"
		           " ORDER BY action_id, item_key LIMIT 100", orphan_action_item);
	if (t.action_events)
		check_rows(st, o, "SELECT id, action_id FROM action_events"
		           " WHERE action_id NOT IN (SELECT id FROM actions)"
		           " ORDER BY id LIMIT 100", orphan_action_event);
}

static void foreign_origin(struct check_out *o, struct drv_stmt *s)
{
	report(o, _("Table actions, row %lld: assessment %lld, whose result suggested it, "
	            "belongs to company %lld, not to the action's company %lld."),
	       col_int(s, 0), col_int(s, 1),
	       col_int(s, 2), col_int(s, 3));
}

static void unknown_item(struct check_out *o, struct drv_stmt *s)
{
	const char *q = col_text(s, 2);
	const struct catalogue *cat = catalogue_find(q, (int)col_int(s, 3));
	const char *key = col_text(s, 1);
	char shown[128], qshown[128];

	/* A questionnaire this smready does not know (a newer one) cannot be
	 * judged here. */
	if (!cat || catalogue_item_index(cat, key) >= 0)
		return;
	report(o, _("Table action_items, action %lld, item %s: questionnaire %s version %d has "
	            "no such question."), col_int(s, 0),
	       shown_col(shown, sizeof shown, s, 1),
	       shown_col(qshown, sizeof qshown, s, 2), (int)col_int(s, 3));
}

/* What the foreign keys cannot say: an action suggested by another
 * company's assessment, or aiming at a question its questionnaire lacks. */
static void check_references(struct store *st, struct check_out *o)
{
	check_rows(st, o, "SELECT t.id, t.origin, a.company_id, t.company_id FROM actions t"
	           " JOIN assessments a ON a.id = t.origin WHERE a.company_id <> t.company_id"
	           " ORDER BY t.id LIMIT 100", foreign_origin);
	check_rows(st, o, "SELECT i.action_id, i.item_key, t.questionnaire, t.qversion"
	           " FROM action_items i JOIN actions t ON t.id = i.action_id"
	           " ORDER BY i.action_id, i.position", unknown_item);
}

/* Reports each text column of the row (after the first, its id) that is
 * not valid UTF-8; the row is named by its id, or by_item (an answer) by
 * its assessment and item. */
static void bad_text(struct check_out *o, struct drv_stmt *s, const char *table, bool by_item)
{
	for (int i = 1; i < s->ops->ncols(s); i++) {
		int len;
		const char *t = s->ops->col_blob(s, i, &len);

		if (text_utf8_valid(t ? t : "", (size_t)len))
			continue;
		if (!by_item) {
			report(o, _("Table %s, row %lld, column %s: the text is not valid UTF-8."),
			       table, col_int(s, 0), s->ops->col_name(s, i));
		} else {
			char key[128];

			report(o, _("Table %s, assessment %lld, item %s, column %s: the text is not "
			            "valid UTF-8."), table, col_int(s, 0),
			       shown_col(key, sizeof key, s, 1),
			       s->ops->col_name(s, i));
		}
	}
}

static void bad_company_text(struct check_out *o, struct drv_stmt *s)
{
	bad_text(o, s, "companies", false);
}

static void bad_assessment_text(struct check_out *o, struct drv_stmt *s)
{
	bad_text(o, s, "assessments", false);
}

static void bad_answer_text(struct check_out *o, struct drv_stmt *s)
{
	bad_text(o, s, "answers", true);
}

static void bad_event_text(struct check_out *o, struct drv_stmt *s)
{
	bad_text(o, s, "assessment_events", false);
}

static void bad_action_text(struct check_out *o, struct drv_stmt *s)
{
	bad_text(o, s, "actions", false);
}

static void bad_action_item_text(struct check_out *o, struct drv_stmt *s)
{
	char key[128];
	int len;
	const char *t = s->ops->col_blob(s, 1, &len);

	if (!text_utf8_valid(t ? t : "", (size_t)len))
		report(o, _("Table %s, action %lld, item %s: the key is not valid UTF-8."),
		       "action_items", col_int(s, 0),
		       shown_col(key, sizeof key, s, 1));
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
	check_rows(st, o, "SELECT id, uuid, title, owner, due, note, questionnaire FROM actions"
	           " ORDER BY id", bad_action_text);
	check_rows(st, o, "SELECT action_id, item_key FROM action_items"
	           " ORDER BY action_id, position", bad_action_item_text);
}

/* On a server, foreign keys are always enforced and text is always
 * valid UTF-8; what is left is to read every row (a damaged page fails
 * the read) and to check what no constraint says. */
static enum store_err check_pg(struct store *st, struct check_out *o)
{
	static const char *const reads[] = {
		"SELECT count(*) FROM companies", "SELECT count(*) FROM assessments",
		"SELECT count(*) FROM answers", "SELECT count(*) FROM assessment_events",
		"SELECT count(*) FROM actions", "SELECT count(*) FROM action_items",
		"SELECT count(*) FROM action_events",
	};

	for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		struct drv_stmt *s = q_prep(st, reads[i]);
		long long n;

		if (!s || q_int1(st, s, &n) != STORE_OK) {
			report(o, "%s", st->msg);
			return STORE_CORRUPT;
		}
	}
	check_references(st, o);
	if (o->n > 0)
		return say(st, STORE_CORRUPT, _("The database %s holds rows that do not fit "
		                                "together (listed above); it was not changed."),
		           st->path);
	return STORE_OK;
}

enum store_err store_check(struct store *st, void (*fn)(const char *problem, void *ctx),
                           void *ctx)
{
	struct drv_stmt *s;
	enum store_err err = STORE_OK;
	struct check_out o = { fn, ctx, 0 };
	enum drv_rc rc;

	if (st->pg)
		return check_pg(st, &o);
	s = q_prep(st, "PRAGMA integrity_check");
	if (!s) {
		if (fn)
			fn(st->msg, ctx);
		return STORE_CORRUPT;
	}
	while ((rc = s->ops->step(s)) == DRV_ROW) {
		const char *line = col_text(s, 0);

		if (strcmp(line, "ok") == 0)
			continue;
		err = STORE_CORRUPT;
		if (fn)
			fn(*line ? line : "?", ctx);
	}
	q_done(st, s);
	if (rc != DRV_DONE) {
		fail_drv(st, rc);
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
	check_references(st, &o);
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

enum store_err store_backup(struct store *st, const char *dest)
{
	if (!dest || !dest[0])
		return say(st, STORE_INVALID, _("No file name was given for the copy."));
	/* SQLite cannot copy from a connection in the middle of a write: every
	 * backup step would report "locked" and copy_db() would wait forever. */
	if (st->depth > 0)
		return say(st, STORE_STATE, _("The database cannot be copied while changes are "
		                              "in progress; save or cancel them first."));
	return st->pg ? copy_to_file(st, dest) : copy_db(st, st->db, dest);
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
		{ "actions", "EXPLAIN QUERY PLAN " SQL_ACTIONS },
		{ "action-items", "EXPLAIN QUERY PLAN " SQL_ACTION_ITEMS },
		{ "action-changes", "EXPLAIN QUERY PLAN " SQL_ACTION_CHANGES },
		{ "actions-due", "EXPLAIN QUERY PLAN " SQL_ACTIONS_DUE },
	};

	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		struct drv_stmt *s;
		int rc;

		if (!query || strcmp(query, plans[i].name) != 0)
			continue;
		s = q_prep(st, plans[i].sql);
		if (!s)
			return STORE_ERROR;
		while ((rc = q_step(st, s)) == DRV_ROW) {
			fn(col_text(s, 3), ctx);
		}
		q_done(st, s);
		return q_err(st, rc);
	}
	return say(st, STORE_INVALID, "unknown query \"%s\"", query ? query : "");
}

