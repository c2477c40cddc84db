/*
 * store-assess.c - assessments and their events: starting, finding,
 * listing, changing, finishing, reopening, deleting, and inserting what an
 * import brings (their answers are store-answers.c's).
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

static enum store_err row_assessment(struct store *st, struct drv_stmt *s, struct assessment *a)
{
	memset(a, 0, sizeof *a);
	a->id = col_int(s, 0);
	col_copy(a->uuid, sizeof a->uuid, s, 1);
	a->company_id = col_int(s, 2);
	a->status = col_int(s, 3) ? ASSESS_FINAL : ASSESS_DRAFT;
	a->questionnaire = col_dup(s, 4);
	a->qversion = col_int(s, 5);
	a->started = col_int(s, 6);
	a->completed = col_int(s, 7);
	a->updated = col_int(s, 8);
	a->assessor = col_dup(s, 9);
	a->summary = col_dup(s, 10);
	a->overall = col_int(s, 11);
	a->level = col_int(s, 12);
	a->reopened = col_int(s, 13);
	a->based_on = col_int(s, 14);
	a->number = col_int(s, 15);
	if (!a->questionnaire || !a->assessor || !a->summary) {
		store_assessment_clear(a);
		return fail_oom(st);
	}
	return STORE_OK;
}

static enum store_err get_assessment(struct store *st, struct drv_stmt *s, struct assessment *out,
                                     const char *what)
{
	enum drv_rc rc = q_step(st, s);
	enum store_err err;

	if (rc == DRV_ROW)
		err = row_assessment(st, s, out);
	else if (rc == DRV_DONE)
		err = say(st, STORE_NOT_FOUND, _("There is no assessment \"%s\"."), what);
	else
		err = q_err(st, rc);
	q_done(st, s);
	return err;
}

enum store_err store_assessment_get(struct store *st, long long id, struct assessment *out)
{
	struct drv_stmt *s = q_prep(st, "SELECT " ASSESS_COLS " FROM assessments a WHERE a.id = :id");
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
	struct drv_stmt *s;

	memset(out, 0, sizeof *out);
	if (!uuid_valid(uuid))
		return say(st, STORE_NOT_FOUND, _("There is no assessment \"%s\"."), uuid ? uuid : "");
	s = q_prep(st, "SELECT " ASSESS_COLS " FROM assessments a WHERE a.uuid = lower(:uuid)");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", uuid);
	return get_assessment(st, s, out, uuid);
}

enum store_err store_assessment_numbered(struct store *st, long long company_id, int number,
                                        struct assessment *out)
{
	struct drv_stmt *s;
	char what[32];

	memset(out, 0, sizeof *out);
	snprintf(what, sizeof what, "%d", number);
	if (number < 1)
		return say(st, STORE_NOT_FOUND, _("There is no assessment \"%s\"."), what);
	s = q_prep(st, "SELECT " ASSESS_COLS " FROM assessments a WHERE a.company_id = :c"
	               " ORDER BY a.started, a.id LIMIT 1 OFFSET :skip");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	b_int(s, ":skip", number - 1);
	return get_assessment(st, s, out, what);
}

enum store_err store_assessment_uuid_id(struct store *st, const char *uuid, long long *id,
                                        long long *company_id)
{
	struct drv_stmt *s = q_prep(st, "SELECT id, company_id FROM assessments WHERE uuid = :uuid");
	enum drv_rc rc;

	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", uuid);
	rc = s->ops->step(s);
	if (rc == DRV_ROW) {
		*id = col_int(s, 0);
		*company_id = col_int(s, 1);
	}
	q_done(st, s);
	return rc == DRV_ROW ? STORE_OK : rc == DRV_DONE ? STORE_NOT_FOUND : fail_drv(st, rc);
}

enum store_err store_assessment_uuid_of(struct store *st, long long id,
                                        char uuid[STORE_UUID_LEN + 1])
{
	struct drv_stmt *s = q_prep(st, "SELECT uuid FROM assessments WHERE id = :id");
	enum drv_rc rc;

	uuid[0] = '\0';
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	rc = s->ops->step(s);
	if (rc == DRV_ROW)
		col_copy(uuid, STORE_UUID_LEN + 1, s, 0);
	q_done(st, s);
	return rc == DRV_ROW ? STORE_OK : rc == DRV_DONE ? STORE_NOT_FOUND : fail_drv(st, rc);
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

static enum store_err row_assessment_elem(struct store *st, struct drv_stmt *s, void *elem)
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
	struct drv_stmt *s = q_prep(st, SQL_EACH_ASSESSMENT);
	enum store_err err = STORE_OK;
	enum drv_rc rc;
	int number = 0;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	while ((rc = q_step(st, s)) == DRV_ROW) {
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
	struct drv_stmt *s = q_prep(st, SQL_FINAL);
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

enum store_err store_assessment_finals(struct store *st, long long company_id, int n,
                                       long long *ids, int *got)
{
	struct drv_stmt *s = q_prep(st, "SELECT a.id FROM assessments a"
	                            " WHERE a.company_id = :c AND a.status = 1"
	                            " ORDER BY a.completed DESC, a.id DESC LIMIT :n");
	enum drv_rc rc = DRV_DONE;

	*got = 0;
	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	b_int(s, ":n", n < 0 ? 0 : n);
	while (*got < n && (rc = q_step(st, s)) == DRV_ROW)
		ids[(*got)++] = col_int(s, 0);
	q_done(st, s);
	return q_err(st, rc);
}

enum store_err store_assessment_draft(struct store *st, long long company_id,
                                      struct assessment *out)
{
	struct drv_stmt *s = q_prep(st, SQL_DRAFT);
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
	struct drv_stmt *s = q_prep(st, "INSERT INTO assessment_events (assessment_id, at, kind,"
	                             " detail, who) VALUES (:id, :at, :kind, :detail, :who)");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_int(s, ":at", at);
	b_text(s, ":kind", kind);
	b_text(s, ":detail", detail);
	b_text(s, ":who", st->who);
	return q_run(st, s);
}

/* The events of an assessment that arrives as it is (an import): created,
 * and finalized when final. */
static enum store_err add_arrival_events(struct store *st, const struct assessment_in *a,
                                         long long id)
{
	enum store_err err = behind_event(st, id, a->started, "created");

	if (err == STORE_OK && a->status == ASSESS_FINAL)
		err = behind_event(st, id, a->completed, "finalized");
	return err;
}

static enum store_err company_exists(struct store *st, long long id)
{
	int n = 0;
	enum store_err err;

	if (st->bulk && id == st->bulk_company)
		return STORE_OK;
	err = count_where(st, "SELECT count(*) FROM companies WHERE id = :arg", id, &n);
	if (err == STORE_OK && n == 0)
		err = say(st, STORE_NOT_FOUND, _("There is no company with the id %lld."), id);
	if (err == STORE_OK && st->bulk)
		st->bulk_company = id;
	return err;
}

/* STORE_STATE when company already has a draft (other than except):
 * a company is assessed in one draft at a time, which the schema enforces
 * too (assessments_one_draft); asked first, inside the write transaction,
 * so the caller gets a clear message rather than a constraint error. */
static enum store_err no_other_draft(struct store *st, long long company, long long except)
{
	struct drv_stmt *s = q_prep(st, "SELECT id FROM assessments WHERE company_id = :c"
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

static enum store_err create_assessment(struct store *st, const struct assessment_in *a,
                                        long long *id)
{
	struct drv_stmt *s;
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
	               " nullif(:based_on, 0)) RETURNING id");
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
	err = q_int1(st, s, id);
	if (err == STORE_ERROR && st->last_rc == DRV_UNIQUE)
		err = say(st, STORE_EXISTS, _("An assessment with the UUID %s exists already."), a->uuid);
	return err;
}

static enum store_err carry_answers(struct store *st, long long to, long long from)
{
	/* By key, and only within one version of the questionnaire: across
	 * versions the caller carries by the catalogue's mapping (see
	 * store_answers_insert()). */
	struct drv_stmt *s = q_prep(st, "INSERT INTO answers (assessment_id, item_key, value, note,"
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

static enum store_err start_assessment(struct store *st, const struct assessment_in *a,
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
	struct assessment_in a;
	long long new_id = 0;
	enum store_err err;

	err = check_line(st, questionnaire, STORE_KEY_MAX, false, N_("The questionnaire id"));
	if (err == STORE_OK && assessor)
		err = check_line(st, assessor, TEXT_FIELD_MAX, true, N_("The assessor"));
	if (err != STORE_OK)
		return err;
	memset(&a, 0, sizeof a);
	make_uuid(a.uuid);
	a.company_id = company_id;
	a.status = ASSESS_DRAFT;
	a.questionnaire = questionnaire;
	a.qversion = qversion;
	a.started = a.updated = store_now(st);
	a.assessor = assessor;
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
	enum store_err err = assessment_editable(st, id);
	struct drv_stmt *s;

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
		err = check_line(st, assessor, TEXT_FIELD_MAX, true, N_("The assessor"));
	if (err == STORE_OK && summary)
		err = check_note(st, summary, N_("The summary"));
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, set_meta(st, id, assessor, summary));
}

static enum store_err finalize(struct store *st, long long id, int overall, int level)
{
	enum store_err err = assessment_editable(st, id);
	long long now = store_now(st);
	struct drv_stmt *s;

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
	struct drv_stmt *s;

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
	enum store_err err = check_line(st, why, TEXT_FIELD_MAX, false, N_("The reason for reopening"));
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
	struct drv_stmt *s = q_prep(st, "DELETE FROM assessments WHERE id = :id");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	return change_one(st, s, false, id);
}

enum store_err store_assessment_delete(struct store *st, long long id)
{
	/* the events still waiting go in before what they belong to goes */
	enum store_err err = behind_flush(st);

	if (err == STORE_OK)
		err = tx_open(st);

	if (err != STORE_OK)
		return err;
	return tx_close(st, delete_assessment(st, id));
}

static void clear_event(void *elem)
{
	struct assessment_event *e = elem;

	free(e->kind);
	free(e->detail);
	free(e->who);
}

void store_events_free(struct assessment_event *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		clear_event(&list[i]);
	free(list);
}

static enum store_err row_event(struct store *st, struct drv_stmt *s, void *elem)
{
	struct assessment_event *e = elem;

	e->at = col_int(s, 0);
	e->kind = col_dup(s, 1);
	e->detail = col_dup(s, 2);
	e->who = col_dup(s, 3);
	if (!e->kind || !e->detail || !e->who) {
		clear_event(e);
		return fail_oom(st);
	}
	return STORE_OK;
}

enum store_err store_assessment_events(struct store *st, long long id,
                                       struct assessment_event **out, size_t *n)
{
	void *list = NULL;
	enum store_err err;

	*n = 0;
	err = q_collect(st, SQL_EVENTS, ":id", id, sizeof **out, row_event, clear_event,
	                &list, n);
	*out = list;
	return err;
}

enum store_err store_company_has_who(struct store *st, long long company, bool *yes)
{
	int n = 0;
	enum store_err err;

	*yes = false;
	err = count_where(st, "SELECT count(*) FROM (SELECT 1 FROM assessments a"
	                  " JOIN assessment_events e ON e.assessment_id = a.id"
	                  " WHERE a.company_id = :arg AND e.who <> '' LIMIT 1) AS w",
	                  company, &n);
	*yes = err == STORE_OK && n > 0;
	return err;
}

static enum store_err insert_assessment(struct store *st, struct assessment_in *a,
                                        const struct answer_in *answers, size_t n, long long *id)
{
	enum store_err err = STORE_OK;

	/* based_on names an assessment of this database; one that is not here
	 * (or belongs elsewhere) is dropped rather than failing the import. */
	if (a->based_on) {
		int status;
		long long company = 0;

		if (st->bulk && a->based_on == st->bulk_made)
			company = st->bulk_made_company;
		else
			err = assessment_state(st, a->based_on, &status, &company);
		if (err == STORE_NOT_FOUND || (err == STORE_OK && company != a->company_id))
			a->based_on = 0;
		else if (err != STORE_OK)
			return err;
	}
	err = create_assessment(st, a, id);
	if (err == STORE_OK && st->bulk) {
		st->bulk_made = *id;
		st->bulk_made_company = a->company_id;
	}
	if (err == STORE_OK)
		err = answers_insert(st, *id, answers, n);
	if (err == STORE_OK)
		err = add_arrival_events(st, a, *id);
	return err;
}

enum store_err store_assessment_insert(struct store *st, const struct assessment_in *a,
                                       const struct answer_in *answers, size_t n,
                                       long long *id)
{
	struct assessment_in copy = *a;
	long long new_id = 0;
	enum store_err err;

	err = check_line(st, a->questionnaire, STORE_KEY_MAX, false, N_("The questionnaire id"));
	if (err == STORE_OK)
		err = check_line(st, a->assessor, TEXT_FIELD_MAX, true, N_("The assessor"));
	if (err == STORE_OK)
		err = check_note(st, a->summary, N_("The summary"));
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

