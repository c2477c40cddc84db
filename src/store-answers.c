/*
 * store-answers.c - the answers of an assessment: loading them, saving one
 * answer, note or confirmation, and putting in or merging many at once (an
 * import, kept answers, a re-check across questionnaire versions).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "i18n.h"
#include "store-int.h"
#include "text.h"

/* ---- whether they may be changed ---------------------------------------- */

enum store_err assessment_state(struct store *st, long long id, int *status,
                                long long *company)
{
	struct drv_stmt *s = q_prep(st, "SELECT status, company_id FROM assessments WHERE id = :id");
	enum drv_rc rc;
	enum store_err err = STORE_OK;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	rc = q_step(st, s);
	if (rc == DRV_ROW) {
		*status = col_int(s, 0);
		if (company)
			*company = col_int(s, 1);
	} else if (rc == DRV_DONE) {
		err = say(st, STORE_NOT_FOUND, _("There is no assessment with the id %lld."), id);
	} else {
		err = q_err(st, rc);
	}
	q_done(st, s);
	return err;
}

enum store_err assessment_editable(struct store *st, long long id)
{
	int status = 0;
	enum store_err err = assessment_state(st, id, &status, NULL);

	if (err == STORE_OK && status != ASSESS_DRAFT)
		err = say(st, STORE_STATE, _("Assessment %lld is finished and cannot be changed; "
		                             "reopen it first."), id);
	return err;
}

/* ---- answers -------------------------------------------------------------- */

static void clear_answer(void *elem)
{
	struct answer *a = elem;

	free(a->item_key);
	free(a->note);
	free(a->who);
}

void store_answers_free(struct answer *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		clear_answer(&list[i]);
	free(list);
}

static enum store_err row_answer(struct store *st, struct drv_stmt *s, void *elem)
{
	struct answer *a = elem;

	a->item_key = col_dup(s, 0);
	a->value = col_int(s, 1);
	a->note = col_dup(s, 2);
	a->changed = col_int(s, 3);
	a->carried = col_int(s, 4) != 0;
	a->who = col_dup(s, 5);
	if (!a->item_key || !a->note || !a->who) {
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
	struct drv_stmt *s = q_prep(st, "UPDATE assessments SET updated = :now WHERE id = :id");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":now", now);
	b_int(s, ":id", id);
	return q_run(st, s);
}

/* Removes the row of an answer that holds neither a value nor a note. */
static enum store_err drop_empty(struct store *st, long long id, const char *key)
{
	struct drv_stmt *s = q_prep(st, "DELETE FROM answers WHERE assessment_id = :id"
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
	enum store_err err = assessment_editable(st, id);
	struct drv_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note, changed, carried,"
	               " who) VALUES (:id, :key, :value, '', :now, 0, :who)"
	               " ON CONFLICT (assessment_id, item_key) DO UPDATE SET"
	               " value = excluded.value, changed = excluded.changed, carried = 0,"
	               " who = excluded.who");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	b_int(s, ":value", value);
	b_int(s, ":now", now);
	b_text(s, ":who", st->who);
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
	enum store_err err = assessment_editable(st, id);
	struct drv_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note, changed, carried,"
	               " who) VALUES (:id, :key, -2, :note, :now, 0, :who)"
	               " ON CONFLICT (assessment_id, item_key) DO UPDATE SET"
	               " note = excluded.note, changed = excluded.changed, who = excluded.who");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	b_text(s, ":note", note);
	b_int(s, ":now", now);
	b_text(s, ":who", st->who);
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
		err = check_note(st, note, N_("The note"));
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, set_note(st, assessment_id, item_key, note));
}

static enum store_err confirm(struct store *st, long long id, const char *key)
{
	enum store_err err = assessment_editable(st, id);
	struct drv_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE answers SET carried = 0, who = :who"
	               " WHERE assessment_id = :id AND item_key = :key");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_text(s, ":key", key);
	b_text(s, ":who", st->who);
	err = q_run(st, s);
	if (err == STORE_OK && db_changes(st) == 0)
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

/* Answers go in by up to 16 rows a statement (bound by position, 6 values
 * a row): an import of 26 answers an assessment runs 3 statements instead
 * of 26, and the per-statement work (a statement journal, halting) was
 * most of what importing cost. */
#define ANSWER_ROW "(?,?,?,?,?,?)"
#define ANSWER_ROWS2 ANSWER_ROW "," ANSWER_ROW
#define ANSWER_ROWS4 ANSWER_ROWS2 "," ANSWER_ROWS2
#define ANSWER_ROWS8 ANSWER_ROWS4 "," ANSWER_ROWS4
#define ANSWER_INSERT "INSERT INTO answers (assessment_id, item_key, value, note, changed," \
	" carried) VALUES "

static const char *const answer_inserts[5] = {
	ANSWER_INSERT ANSWER_ROW, ANSWER_INSERT ANSWER_ROWS2, ANSWER_INSERT ANSWER_ROWS4,
	ANSWER_INSERT ANSWER_ROWS8, ANSWER_INSERT ANSWER_ROWS8 "," ANSWER_ROWS8
};

/* The answer of ans[0..n) that cannot go in beside the others: the same
 * item twice, or one assessment id already has; NULL if none is found. */
static const char *answer_twice(struct store *st, long long id, const struct answer_in *ans,
                                size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct drv_stmt *s;
		long long one;

		for (size_t k = 0; k < i; k++)
			if (strcmp(ans[k].item_key, ans[i].item_key) == 0)
				return ans[i].item_key;
		s = q_prep(st, "SELECT 1 FROM answers WHERE assessment_id = :id AND item_key = :key");
		if (!s)
			return NULL;
		b_int(s, ":id", id);
		b_text(s, ":key", ans[i].item_key);
		if (q_int1(st, s, &one) == STORE_OK)
			return ans[i].item_key;
	}
	return NULL;
}

/* ---- answers on PostgreSQL: by COPY ---------------------------------------
 * A statement is a round trip to the server, and rows by 16, 8, 4 ... took
 * three for most assessments: on PostgreSQL the answers go in by COPY,
 * those of many assessments at once inside an import (store-behind.c). */

static enum store_err insert_answers_pg(struct store *st, long long id,
                                        const struct answer_in *ans, size_t n)
{
	/* A refused statement spoils the transaction on the server, so that
	 * nothing can be asked afterwards: the same item twice is found
	 * before. */
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < k; j++)
			if (strcmp(ans[j].item_key, ans[k].item_key) == 0)
				return say(st, STORE_INVALID, _("The answer to \"%s\" appears twice."),
				           ans[k].item_key);
	return n ? behind_answers(st, id, ans, n) : STORE_OK;
}

enum store_err answers_insert(struct store *st, long long id, const struct answer_in *ans,
                             size_t n)
{
	size_t i = 0;

	for (size_t k = 0; k < n; k++) {
		enum store_err err = check_key(st, ans[k].item_key);

		if (err == STORE_OK && !value_ok(ans[k].value))
			err = say(st, STORE_INVALID, _("%d is not a valid answer."), ans[k].value);
		if (err == STORE_OK && text_check_note(ans[k].note ? ans[k].note : "",
		                                       TEXT_NOTE_MAX) != TEXT_OK)
			err = check_note(st, ans[k].note, N_("The note"));
		if (err != STORE_OK)
			return err;
	}
	if (st->pg)
		return insert_answers_pg(st, id, ans, n);
	while (i < n) {
		int size = 4;        /* 16 rows, then 8, 4, 2, 1 */
		struct drv_stmt *s;
		enum store_err err;
		const char *twice;

		while ((size_t)1 << size > n - i)
			size--;
		s = q_prep(st, answer_inserts[size]);
		if (!s)
			return STORE_ERROR;
		for (int r = 0; r < 1 << size; r++) {
			const struct answer_in *an = &ans[i + (size_t)r];

			s->ops->bind_int(s, 6 * r + 1, id);
			s->ops->bind_text_kept(s, 6 * r + 2, an->item_key);
			s->ops->bind_int(s, 6 * r + 3, an->value);
			s->ops->bind_text_kept(s, 6 * r + 4, an->note ? an->note : "");
			s->ops->bind_int(s, 6 * r + 5, an->changed);
			s->ops->bind_int(s, 6 * r + 6, an->carried);
		}
		err = q_run(st, s);
		if (err == STORE_ERROR &&
		    st->last_rc == DRV_UNIQUE &&
		    (twice = answer_twice(st, id, ans, i + ((size_t)1 << size))) != NULL)
			err = say(st, STORE_INVALID, _("The answer to \"%s\" appears twice."), twice);
		if (err != STORE_OK)
			return err;
		i += (size_t)1 << size;
	}
	return STORE_OK;
}

static enum store_err put_answers(struct store *st, long long id, const struct answer_in *ans,
                                  size_t n)
{
	enum store_err err = assessment_editable(st, id);

	if (err == STORE_OK)
		err = answers_insert(st, id, ans, n);
	if (err == STORE_OK)
		err = touch(st, id, store_now(st));
	return err;
}

enum store_err store_answers_insert(struct store *st, long long assessment_id,
                                    const struct answer_in *answers, size_t n)
{
	enum store_err err = tx_open(st);

	if (err != STORE_OK)
		return err;
	return tx_close(st, put_answers(st, assessment_id, answers, n));
}

static enum store_err merge_answers(struct store *st, long long id, const struct answer_in *ans,
                                    size_t n, int *taken)
{
	enum store_err err = assessment_editable(st, id);

	for (size_t i = 0; err == STORE_OK && i < n; i++) {
		struct drv_stmt *s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value,"
		                            " note, changed, carried, who)"
		                            " VALUES (:id, :key, :value, :note, :changed, :carried, :who)"
		                            " ON CONFLICT (assessment_id, item_key) DO UPDATE SET"
		                            " value = excluded.value, note = excluded.note,"
		                            " changed = excluded.changed, carried = excluded.carried,"
		                            " who = excluded.who"
		                            " WHERE excluded.changed >= answers.changed");

		if (!s)
			return STORE_ERROR;
		b_int(s, ":id", id);
		b_text(s, ":key", ans[i].item_key);
		b_int(s, ":value", ans[i].value);
		b_text(s, ":note", ans[i].note);
		b_int(s, ":changed", ans[i].changed);
		b_int(s, ":carried", ans[i].carried);
		b_text(s, ":who", st->who);
		err = q_run(st, s);
		if (err == STORE_OK && db_changes(st) > 0) {
			++*taken;
			err = drop_empty(st, id, ans[i].item_key);
		}
	}
	if (err == STORE_OK && *taken > 0)
		err = touch(st, id, store_now(st));
	return err;
}

enum store_err store_answers_merge(struct store *st, long long assessment_id,
                                   const struct answer_in *answers, size_t n, int *taken)
{
	enum store_err err = STORE_OK;

	*taken = 0;
	for (size_t i = 0; err == STORE_OK && i < n; i++) {
		err = check_key(st, answers[i].item_key);
		if (err == STORE_OK && !value_ok(answers[i].value))
			err = say(st, STORE_INVALID, _("%d is not a valid answer."), answers[i].value);
		if (err == STORE_OK)
			err = check_note(st, answers[i].note, N_("The note"));
	}
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	err = tx_close(st, merge_answers(st, assessment_id, answers, n, taken));
	if (err != STORE_OK)
		*taken = 0;
	return err;
}
