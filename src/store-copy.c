/*
 * store-copy.c - "backup FILE" of a store on a PostgreSQL server: a new
 * SQLite file with the same rows (ids included), readable by smready
 * anywhere.  The rows are read in one snapshot (a read-only transaction
 * of repeatable read), through a cursor a thousand at a time so that a
 * large portfolio never sits in memory whole, and written in one
 * transaction of the new file: it appears complete or not at all.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"

/* The tables parents first, with the columns both engines have.  The
 * count of final assessments (companies.n_final) is left to the file's
 * triggers, which count the assessments as they go in. */
static const struct {
	const char *select, *insert;
} copies[] = {
#define COPY(table, cols, marks) \
	{ "DECLARE smready_copy NO SCROLL CURSOR FOR SELECT " cols " FROM " table " ORDER BY 1", \
	  "INSERT INTO " table " (" cols ") VALUES (" marks ")" }
	COPY("companies", "id, uuid, name, name_key, industry, contact, notes, created, archived,"
	     " sample, sort_key, alt_key", "?,?,?,?,?,?,?,?,?,?,?,?"),
	COPY("assessments", "id, uuid, company_id, status, questionnaire, qversion, started,"
	     " completed, updated, assessor, summary, overall, level, reopened, based_on",
	     "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"),
	COPY("answers", "assessment_id, item_key, value, note, changed, carried, who",
	     "?,?,?,?,?,?,?"),
	COPY("assessment_events", "id, assessment_id, at, kind, detail, who", "?,?,?,?,?,?"),
	COPY("actions", "id, uuid, company_id, number, title, owner, due, status, note,"
	     " questionnaire, qversion, origin, created, updated", "?,?,?,?,?,?,?,?,?,?,?,?,?,?"),
	COPY("action_items", "action_id, item_key, target, position", "?,?,?,?"),
	COPY("action_events", "id, action_id, at, status, who", "?,?,?,?,?"),
#undef COPY
};

/* Copies the rows of the open cursor into the file with insert, a batch
 * at a time. */
static enum store_err copy_rows(struct store *st, struct store *to, const char *insert)
{
	for (;;) {
		struct drv_stmt *f = q_prep(st, "FETCH 1000 FROM smready_copy");
		enum drv_rc rc;
		int rows = 0;

		if (!f)
			return STORE_ERROR;
		while ((rc = q_step(st, f)) == DRV_ROW) {
			struct drv_stmt *ins = q_prep(to, insert);
			enum store_err err;

			rows++;
			if (!ins) {
				q_done(st, f);
				return say(st, STORE_IO, "%s", to->msg);
			}
			/* the file's column affinity makes numbers of the digits */
			for (int i = 0; i < f->ops->ncols(f); i++) {
				if (col_null(f, i))
					ins->ops->bind_null(ins, i + 1);
				else
					ins->ops->bind_text(ins, i + 1, col_text(f, i));
			}
			err = q_run(to, ins);
			if (err != STORE_OK) {
				q_done(st, f);
				return say(st, err, "%s", to->msg);
			}
		}
		q_done(st, f);
		if (rc != DRV_DONE)
			return STORE_ERROR;
		if (rows == 0)
			return STORE_OK;
	}
}

enum store_err copy_to_file(struct store *st, const char *dest)
{
	struct store *to = NULL;
	struct stat sb;
	char msg[1024];
	enum store_err err;

	if (stat(dest, &sb) == 0 || errno != ENOENT)
		return say(st, STORE_EXISTS, _("%s exists already; choose another name for the "
		                               "copy."), dest);
	err = store_open(dest, 0, &to, msg, sizeof msg);
	if (err != STORE_OK)
		return say(st, err, _("Cannot write the copy %s: %s"), dest, msg);
	err = q_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	if (err == STORE_OK)
		err = tx_open(to);
	if (err == STORE_OK) {
		/* a based_on may name a later row; checked at the commit */
		err = q_exec(to, "PRAGMA defer_foreign_keys = ON");
		for (size_t i = 0; err == STORE_OK && i < sizeof copies / sizeof copies[0]; i++) {
			err = q_exec(st, copies[i].select);
			if (err == STORE_OK)
				err = copy_rows(st, to, copies[i].insert);
			if (err == STORE_OK)
				err = q_exec(st, "CLOSE smready_copy");
		}
		if (err != STORE_OK && to->msg[0] && !st->msg[0])
			say(st, err, "%s", to->msg);
		err = tx_close(to, err);
		if (err != STORE_OK && !strstr(st->msg, dest))
			say(st, err, _("Cannot write the copy %s: %s"), dest, to->msg);
	}
	st->conn->ops->exec(st->conn, "ROLLBACK");
	store_close(to);
	if (err != STORE_OK)
		remove_db_files(dest);
	return err;
}
