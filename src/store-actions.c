/*
 * store-actions.c - the action plan: adding an action with the items it
 * aims at, finding one (by UUID, a start of one, or its number within its
 * company), listing a company's and the portfolio's due ones, changing its
 * status (each change kept with its time) and its fields.  Every write is
 * one transaction; edits change only the fields given, so two programs
 * editing different fields of one action at once both keep theirs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "i18n.h"
#include "store-int.h"
#include "text.h"
#include "timefmt.h"

/* ---- reading ---------------------------------------------------------------- */

void store_action_clear(struct action *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->owner);
	free(a->note);
	free(a->questionnaire);
	for (size_t i = 0; a->items && i < a->n_items; i++)
		free(a->items[i].key);
	free(a->items);
	free(a->changes);
	memset(a, 0, sizeof *a);
}

void store_actions_free(struct action *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		store_action_clear(&list[i]);
	free(list);
}

static enum store_err row_action(struct store *st, struct drv_stmt *s, struct action *a)
{
	int status;

	memset(a, 0, sizeof *a);
	a->id = col_int(s, 0);
	col_copy(a->uuid, sizeof a->uuid, s, 1);
	a->company_id = col_int(s, 2);
	a->number = col_int(s, 3);
	a->title = col_dup(s, 4);
	a->owner = col_dup(s, 5);
	col_copy(a->due, sizeof a->due, s, 6);
	status = col_int(s, 7);
	a->status = status >= PLAN_OPEN && status <= PLAN_DROPPED ? (enum plan_status)status
	                                                          : PLAN_OPEN;
	a->note = col_dup(s, 8);
	a->questionnaire = col_dup(s, 9);
	a->qversion = col_int(s, 10);
	a->origin = col_int(s, 11);
	col_copy(a->origin_uuid, sizeof a->origin_uuid, s, 12);
	a->created = col_int(s, 13);
	a->updated = col_int(s, 14);
	if (!a->title || !a->owner || !a->note || !a->questionnaire) {
		store_action_clear(a);
		return fail_oom(st);
	}
	return STORE_OK;
}

static enum store_err row_item(struct store *st, struct drv_stmt *s, void *elem)
{
	struct action_item *it = elem;

	it->key = col_dup(s, 0);
	it->target = col_int(s, 1);
	return it->key ? STORE_OK : fail_oom(st);
}

static void clear_item(void *elem)
{
	free(((struct action_item *)elem)->key);
}

static enum store_err row_change(struct store *st, struct drv_stmt *s, void *elem)
{
	struct action_change *ch = elem;
	int status = col_int(s, 1);

	(void)st;
	ch->at = col_int(s, 0);
	ch->status = status >= PLAN_OPEN && status <= PLAN_DROPPED ? (enum plan_status)status
	                                                           : PLAN_OPEN;
	return STORE_OK;
}

static void clear_change(void *elem)
{
	(void)elem;
}

/* The items and the status changes of a read action. */
static enum store_err action_details(struct store *st, struct action *a)
{
	void *items = NULL, *changes = NULL;
	enum store_err err = q_collect(st, SQL_ACTION_ITEMS, ":id", a->id, sizeof *a->items,
	                               row_item, clear_item, &items, &a->n_items);

	a->items = items;
	if (err != STORE_OK)
		return err;
	err = q_collect(st, SQL_ACTION_CHANGES, ":id", a->id, sizeof *a->changes, row_change,
	                clear_change, &changes, &a->n_changes);
	a->changes = changes;
	return err;
}

/* Runs a query that yields at most one action; what names it for the
 * message when there is none. */
static enum store_err get_action(struct store *st, struct drv_stmt *s, struct action *out,
                                 const char *what)
{
	enum drv_rc rc = q_step(st, s);
	enum store_err err;

	if (rc == DRV_ROW)
		err = row_action(st, s, out);
	else if (rc == DRV_DONE)
		err = say(st, STORE_NOT_FOUND, _("There is no action \"%s\"."), what);
	else
		err = q_err(st, rc);
	q_done(st, s);
	if (err == STORE_OK && (err = action_details(st, out)) != STORE_OK)
		store_action_clear(out);
	return err;
}

enum store_err store_action_get(struct store *st, long long id, struct action *out)
{
	struct drv_stmt *s = q_prep(st, "SELECT " ACTION_COLS " FROM actions t WHERE t.id = :id");
	char what[32];

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	snprintf(what, sizeof what, "%lld", id);
	return get_action(st, s, out, what);
}

enum store_err store_action_number(struct store *st, long long company_id, int number,
                                   struct action *out)
{
	struct drv_stmt *s = q_prep(st, "SELECT " ACTION_COLS " FROM actions t"
	                             " WHERE t.company_id = :c AND t.number = :n");
	char what[32];

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	b_int(s, ":n", number);
	snprintf(what, sizeof what, "%d", number);
	return get_action(st, s, out, what);
}

/* Whether ref can be the start of a UUID: hex digits and dashes. */
static bool uuid_prefix(const char *ref)
{
	size_t n = strlen(ref);

	if (n < 4 || n > STORE_UUID_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF-", ref[i]))
			return false;
	return true;
}

enum store_err store_action_find(struct store *st, const char *ref, struct action *out)
{
	char low[STORE_UUID_LEN + 1], end[STORE_UUID_LEN + 1];
	struct drv_stmt *s;
	size_t n;
	enum drv_rc rc;
	int found = 0;
	long long id = 0;

	memset(out, 0, sizeof *out);
	if (ref && *ref && strlen(ref) < 4 && strspn(ref, "0123456789abcdefABCDEF-") == strlen(ref))
		return say(st, STORE_NOT_FOUND, _("\"%s\" is too short to name an action: give at "
		                                  "least 4 characters of its UUID."), ref);
	if (!ref || !uuid_prefix(ref))
		return say(st, STORE_NOT_FOUND, _("There is no action \"%s\"."), ref ? ref : "");
	n = strlen(ref);
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(ref[i] >= 'A' && ref[i] <= 'F' ? ref[i] - 'A' + 'a' : ref[i]);
	/* low <= uuid < end: the UUIDs that start with it, along their index
	 * (end is low with its last character one higher). */
	memcpy(end, low, n + 1);
	end[n - 1]++;
	s = q_prep(st, "SELECT t.id FROM actions t WHERE t.uuid >= :low AND t.uuid < :end LIMIT 2");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":low", low);
	b_text(s, ":end", end);
	while ((rc = q_step(st, s)) == DRV_ROW) {
		id = col_int(s, 0);
		found++;
	}
	q_done(st, s);
	if (rc != DRV_DONE)
		return q_err(st, rc);
	if (found == 0)
		return say(st, STORE_NOT_FOUND, _("There is no action \"%s\"."), ref);
	if (found > 1)
		return say(st, STORE_AMBIGUOUS, _("Several actions have a UUID that starts with "
		                                  "\"%s\"; give more of it."), ref);
	return store_action_get(st, id, out);
}

/* The actions the prepared statement s finds, each with its items and
 * changes. */
static enum store_err list_actions(struct store *st, struct drv_stmt *s, struct action **out,
                                   size_t *n)
{
	struct action *a = NULL;
	size_t cap = 0;
	enum drv_rc rc;
	enum store_err err = STORE_OK;

	*out = NULL;
	*n = 0;
	while ((rc = q_step(st, s)) == DRV_ROW) {
		if (*n == cap) {
			size_t want = cap ? cap * 2 : 8;
			struct action *more = realloc(a, want * sizeof *more);

			if (!more) {
				err = fail_oom(st);
				break;
			}
			a = more;
			cap = want;
		}
		err = row_action(st, s, &a[*n]);
		if (err != STORE_OK)
			break;
		(*n)++;
	}
	q_done(st, s);
	if (err == STORE_OK)
		err = q_err(st, rc);
	/* Read the details only now: the list's statement is given back. */
	for (size_t i = 0; err == STORE_OK && i < *n; i++)
		err = action_details(st, &a[i]);
	if (err != STORE_OK) {
		store_actions_free(a, *n);
		*n = 0;
		return err;
	}
	*out = a;
	return STORE_OK;
}

enum store_err store_action_list(struct store *st, long long company_id,
                                 struct action **out, size_t *n)
{
	struct drv_stmt *s = q_prep(st, SQL_ACTIONS);

	*out = NULL;
	*n = 0;
	if (!s)
		return STORE_ERROR;
	b_int(s, ":c", company_id);
	return list_actions(st, s, out, n);
}

enum store_err store_actions_due(struct store *st, const char *until,
                                 struct action **out, size_t *n)
{
	struct drv_stmt *s;

	*out = NULL;
	*n = 0;
	if (!timefmt_day_valid(until))
		return say(st, STORE_INVALID, _("\"%s\" is not a day of the form YYYY-MM-DD."),
		           until ? until : "");
	s = q_prep(st, SQL_ACTIONS_DUE);
	if (!s)
		return STORE_ERROR;
	b_text(s, ":until", until);
	return list_actions(st, s, out, n);
}

/* ---- writing ------------------------------------------------------------------ */

/* The text fields of an action as they are stored (text_normal_line(),
 * text_normal_note()); a field not given stays NULL. */
struct normal_action {
	char *title, *owner, *note;
};

static void normal_action_free(struct normal_action *n)
{
	free(n->title);
	free(n->owner);
	free(n->note);
}

static enum store_err normal_action(struct store *st, struct normal_action *n,
                                    const char *title, const char *owner, const char *note)
{
	memset(n, 0, sizeof *n);
	if ((title && !(n->title = text_normal_line(title))) ||
	    (owner && !(n->owner = text_normal_line(owner))) ||
	    (note && !(n->note = text_normal_note(note)))) {
		normal_action_free(n);
		return fail_oom(st);
	}
	return STORE_OK;
}

/* Checks the fields that are given (NULL: not given). */
static enum store_err check_fields(struct store *st, const char *title, const char *owner,
                                   const char *due, const char *note)
{
	enum store_err err = STORE_OK;

	if (title)
		err = check_line(st, title, TEXT_FIELD_MAX, false, N_("The action's title"));
	if (err == STORE_OK && owner)
		err = check_line(st, owner, TEXT_FIELD_MAX, true, N_("The action's owner"));
	if (err == STORE_OK && due && *due && !timefmt_day_valid(due))
		err = say(st, STORE_INVALID, _("The due date \"%s\" is not a day of the form "
		                               "YYYY-MM-DD."), text_utf8_valid(due, strlen(due))
		                                              ? due : "?");
	if (err == STORE_OK && note)
		err = check_note(st, note, N_("The action's note"));
	return err;
}

static enum store_err check_items(struct store *st, const struct action_fields *f)
{
	if (f->n_items > ACTION_MAX_ITEMS)
		return say(st, STORE_INVALID, _("An action can aim at %d questions at most."),
		           ACTION_MAX_ITEMS);
	for (size_t i = 0; i < f->n_items; i++) {
		const char *k = f->items[i].key;

		if (!k || !*k || strlen(k) > STORE_KEY_MAX || strchr(k, ' ') ||
		    !text_utf8_valid(k, strlen(k)))
			return say(st, STORE_INVALID, _("\"%s\" is not a valid question key."),
			           k && text_utf8_valid(k, strlen(k)) ? k : "?");
		if (!catalogue_value_valid(f->items[i].target) || f->items[i].target < ANSWER_MIN)
			return say(st, STORE_INVALID, _("%d is not an answer an action can aim for "
			                                "(0 to 4)."), f->items[i].target);
		for (size_t j = 0; j < i; j++)
			if (strcmp(f->items[j].key, k) == 0)
				return say(st, STORE_INVALID, _("The question \"%s\" is named twice."), k);
	}
	return check_line(st, f->questionnaire, STORE_KEY_MAX, false, N_("The questionnaire id"));
}

/* who: the database user who made the change; "" for one that arrives
 * from a file. */
static enum store_err add_change(struct store *st, long long id, long long at,
                                 enum plan_status status, const char *who)
{
	struct drv_stmt *s = q_prep(st, "INSERT INTO action_events (action_id, at, status, who)"
	                             " VALUES (:id, :at, :status, :who)");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	b_int(s, ":at", at);
	b_int(s, ":status", status);
	b_text(s, ":who", who);
	return q_run(st, s);
}

/* Runs sql, whose one parameter :id is id. */
static enum store_err run_for(struct store *st, const char *sql, long long id)
{
	struct drv_stmt *s = q_prep(st, sql);

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	return q_run(st, s);
}

/* The items of the new action id, in their order. */
static enum store_err write_items(struct store *st, long long id,
                                  const struct plan_aim *items, size_t n)
{
	enum store_err err = STORE_OK;

	for (size_t i = 0; err == STORE_OK && i < n; i++) {
		struct drv_stmt *s = q_prep(st, "INSERT INTO action_items (action_id, item_key, target,"
		                             " position) VALUES (:id, :key, :target, :pos)");

		if (!s)
			return STORE_ERROR;
		b_int(s, ":id", id);
		b_text(s, ":key", items[i].key);
		b_int(s, ":target", items[i].target);
		b_int(s, ":pos", (long long)i);
		err = q_run(st, s);
	}
	return err;
}

/* STORE_OK when the origin is 0 or an assessment of the company. */
static enum store_err check_origin(struct store *st, long long company, long long origin)
{
	struct drv_stmt *s;
	long long owner = 0;
	enum store_err err;

	if (!origin)
		return STORE_OK;
	s = q_prep(st, "SELECT company_id FROM assessments WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", origin);
	err = q_int1(st, s, &owner);
	if (err == STORE_NOT_FOUND)
		return say(st, STORE_NOT_FOUND, _("There is no assessment with the id %lld."), origin);
	if (err == STORE_OK && owner != company)
		return say(st, STORE_INVALID, _("Assessment %lld belongs to another company."), origin);
	return err;
}

static enum store_err insert_action(struct store *st, long long company,
                                    const struct action_fields *f,
                                    const struct normal_action *n, long long *id)
{
	long long now = store_now(st), exists = 0;
	char uuid[STORE_UUID_LEN + 1];
	struct drv_stmt *s = q_prep(st, "SELECT count(*) FROM companies WHERE id = :id");
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", company);
	err = q_int1(st, s, &exists);
	if (err == STORE_OK && !exists)
		err = say(st, STORE_NOT_FOUND, _("There is no company with the id %lld."), company);
	if (err == STORE_OK)
		err = check_origin(st, company, f->origin);
	if (err != STORE_OK)
		return err;
	make_uuid(uuid);
	/* The number is read and taken in one write transaction, so two
	 * programs adding at once get two numbers. */
	s = q_prep(st, "INSERT INTO actions (uuid, company_id, number, title, owner, due, status,"
	               " note, questionnaire, qversion, origin, created, updated)"
	               " VALUES (:uuid, :c, (SELECT coalesce(max(number), 0) + 1 FROM actions"
	               "  WHERE company_id = :c), :title, :owner, :due, 0, :note, :q, :qv,"
	               " nullif(:origin, 0), :now, :now) RETURNING id");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", uuid);
	b_int(s, ":c", company);
	b_text(s, ":title", n->title);
	b_text(s, ":owner", n->owner);
	b_text(s, ":due", f->due);
	b_text(s, ":note", n->note);
	b_text(s, ":q", f->questionnaire);
	b_int(s, ":qv", f->qversion);
	b_int(s, ":origin", f->origin);
	b_int(s, ":now", now);
	err = q_int1(st, s, id);
	if (err != STORE_OK)
		return err;
	err = write_items(st, *id, f->items, f->n_items);
	if (err == STORE_OK)
		err = add_change(st, *id, now, PLAN_OPEN, st->who);
	return err;
}

enum store_err store_action_add(struct store *st, long long company_id,
                                const struct action_fields *f, long long *id)
{
	struct normal_action n;
	long long new_id = 0;
	enum store_err err = check_fields(st, f->title ? f->title : "", f->owner, f->due, f->note);

	if (err == STORE_OK)
		err = check_items(st, f);
	if (err == STORE_OK)
		err = normal_action(st, &n, f->title, f->owner ? f->owner : "",
		                    f->note ? f->note : "");
	if (err != STORE_OK)
		return err;
	err = tx_open(st);
	if (err == STORE_OK)
		err = tx_close(st, insert_action(st, company_id, f, &n, &new_id));
	normal_action_free(&n);
	if (err == STORE_OK && id)
		*id = new_id;
	return err;
}

static enum store_err say_no_action(struct store *st, long long id)
{
	return say(st, STORE_NOT_FOUND, _("There is no action with the id %lld."), id);
}

/* expect: the status the caller saw, or -1 for any. */
static enum store_err set_status(struct store *st, long long id, int expect,
                                 enum plan_status status, bool *changed)
{
	long long now = store_now(st), old = 0;
	struct drv_stmt *s = q_prep(st, "SELECT status FROM actions WHERE id = :id");
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	err = q_int1(st, s, &old);
	if (err == STORE_NOT_FOUND)
		return say_no_action(st, id);
	if (err == STORE_OK && expect >= 0 && old != expect)
		return say(st, STORE_STATE, _("The action was changed elsewhere meanwhile (it is %s "
		                              "now); nothing was changed."),
		           _(plan_status_text(old >= PLAN_OPEN && old <= PLAN_DROPPED
		                              ? (enum plan_status)old : PLAN_OPEN)));
	if (err != STORE_OK || old == (long long)status)
		return err;
	s = q_prep(st, "UPDATE actions SET status = :status, updated = :now WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":status", status);
	b_int(s, ":now", now);
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err == STORE_OK)
		err = add_change(st, id, now, status, st->who);
	if (err == STORE_OK)
		*changed = true;
	return err;
}

static enum store_err change_status(struct store *st, long long id, int expect,
                                    enum plan_status status, bool *changed)
{
	bool did = false;
	enum store_err err;

	if (changed)
		*changed = false;
	if (status < PLAN_OPEN || status > PLAN_DROPPED)
		return say(st, STORE_INVALID, _("%d is not a status of an action."), (int)status);
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	err = tx_close(st, set_status(st, id, expect, status, &did));
	if (err == STORE_OK && changed)
		*changed = did;
	return err;
}

enum store_err store_action_set_status(struct store *st, long long id,
                                       enum plan_status status, bool *changed)
{
	return change_status(st, id, -1, status, changed);
}

enum store_err store_action_move_status(struct store *st, long long id, enum plan_status from,
                                        enum plan_status to, bool *changed)
{
	return change_status(st, id, (int)from, to, changed);
}

static enum store_err update_action(struct store *st, long long id,
                                    const struct normal_action *n, const char *due)
{
	struct drv_stmt *s = q_prep(st, "UPDATE actions SET title = coalesce(:title, title),"
	                             " owner = coalesce(:owner, owner), due = coalesce(:due, due),"
	                             " note = coalesce(:note, note), updated = :now WHERE id = :id");
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	/* Unbound parameters are NULL: coalesce keeps what another program
	 * may have changed meanwhile. */
	if (n->title)
		b_text(s, ":title", n->title);
	if (n->owner)
		b_text(s, ":owner", n->owner);
	if (due)
		b_text(s, ":due", due);
	if (n->note)
		b_text(s, ":note", n->note);
	b_int(s, ":now", store_now(st));
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err == STORE_OK && db_changes(st) == 0)
		err = say_no_action(st, id);
	return err;
}

enum store_err store_action_update(struct store *st, long long id, const char *title,
                                   const char *owner, const char *due, const char *note)
{
	struct normal_action n;
	enum store_err err = check_fields(st, title, owner, due, note);

	if (err == STORE_OK)
		err = normal_action(st, &n, title, owner, note);
	if (err != STORE_OK)
		return err;
	err = tx_open(st);
	if (err == STORE_OK)
		err = tx_close(st, update_action(st, id, &n, due));
	normal_action_free(&n);
	return err;
}

static enum store_err set_items(struct store *st, long long id,
                                const struct plan_aim *items, size_t n)
{
	struct drv_stmt *s = q_prep(st, "UPDATE actions SET updated = :now WHERE id = :id");
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":now", store_now(st));
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err == STORE_OK && db_changes(st) == 0)
		return say_no_action(st, id);
	if (err != STORE_OK)
		return err;
	err = run_for(st, "DELETE FROM action_items WHERE action_id = :id", id);
	return err == STORE_OK ? write_items(st, id, items, n) : err;
}

enum store_err store_action_set_items(struct store *st, long long id,
                                      const struct plan_aim *items, size_t n)
{
	struct action a;
	struct action_fields f;
	enum store_err err = store_action_get(st, id, &a);

	if (err != STORE_OK)
		return err;
	f = (struct action_fields){ .questionnaire = a.questionnaire, .items = items,
	                            .n_items = n };
	err = check_items(st, &f);
	store_action_clear(&a);
	if (err != STORE_OK)
		return err;
	err = tx_open(st);
	if (err == STORE_OK)
		err = tx_close(st, set_items(st, id, items, n));
	return err;
}

/* ---- exchange: an action exactly as another database had it ------------------- */

/* Checks what store_action_insert() and store_action_replace() take: the
 * fields as store_action_add() checks them, a UUID, a status, the times
 * in order and a history of changes that starts the action and ends in
 * its status. */
static enum store_err check_exact(struct store *st, const struct action_in *a)
{
	struct action_fields f = { .questionnaire = a->questionnaire, .items = a->items,
	                           .n_items = a->n_items };
	enum store_err err;

	err = check_fields(st, a->title ? a->title : "", a->owner ? a->owner : "", a->due,
	                   a->note ? a->note : "");
	if (err == STORE_OK)
		err = check_items(st, &f);
	if (err != STORE_OK)
		return err;
	if (strlen(a->uuid) != STORE_UUID_LEN)
		return say(st, STORE_INVALID, _("\"%s\" is not a UUID."), a->uuid);
	if (a->status < PLAN_OPEN || a->status > PLAN_DROPPED)
		return say(st, STORE_INVALID, _("%d is not a status of an action."), (int)a->status);
	if (a->n_changes == 0 || a->changes[a->n_changes - 1].status != a->status)
		return say(st, STORE_INVALID, _("The changes of action %s do not end in its status."),
		           a->uuid);
	for (size_t i = 0; i < a->n_changes; i++)
		if (a->changes[i].status < PLAN_OPEN || a->changes[i].status > PLAN_DROPPED ||
		    (i > 0 && a->changes[i].at < a->changes[i - 1].at))
			return say(st, STORE_INVALID, _("The changes of action %s are not in the order "
			                                "of their times."), a->uuid);
	if (a->updated < a->created)
		return say(st, STORE_INVALID, _("Action %s was changed before it was created."),
		           a->uuid);
	return STORE_OK;
}

/* Checks a and gives its texts in the form they are stored in. */
static enum store_err prepare_exact(struct store *st, const struct action_in *a,
                                    struct normal_action *n)
{
	enum store_err err = check_exact(st, a);

	if (err == STORE_OK)
		err = normal_action(st, n, a->title, a->owner ? a->owner : "",
		                    a->note ? a->note : "");
	return err;
}

/* Writes a's items and changes for the stored action id (which has none). */
static enum store_err write_details(struct store *st, long long id, const struct action_in *a)
{
	enum store_err err = write_items(st, id, a->items, a->n_items);

	for (size_t i = 0; err == STORE_OK && i < a->n_changes; i++)
		err = add_change(st, id, a->changes[i].at, a->changes[i].status, "");
	return err;
}

/* Binds the fields both statements below set from an exact action. */
static void bind_exact(struct drv_stmt *s, const struct action_in *a, const struct normal_action *n)
{
	b_text(s, ":title", n->title);
	b_text(s, ":owner", n->owner);
	b_text(s, ":due", a->due);
	b_int(s, ":status", a->status);
	b_text(s, ":note", n->note);
	b_text(s, ":q", a->questionnaire);
	b_int(s, ":qv", a->qversion);
	b_int(s, ":origin", a->origin);
	b_int(s, ":created", a->created);
	b_int(s, ":updated", a->updated);
}

static enum store_err insert_exact(struct store *st, long long company,
                                   const struct action_in *a, const struct normal_action *n,
                                   long long *id, int *number)
{
	struct drv_stmt *s;
	long long taken = 0, num = a->number;
	enum store_err err = check_origin(st, company, a->origin);

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "SELECT count(*) FROM actions WHERE uuid = :uuid");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", a->uuid);
	err = q_int1(st, s, &taken);
	if (err == STORE_OK && taken)
		err = say(st, STORE_EXISTS, _("There is an action %s already."), a->uuid);
	if (err != STORE_OK)
		return err;
	/* Its number where that is free in the company, else the next one. */
	s = q_prep(st, "SELECT CASE WHEN :n > 0 AND NOT EXISTS (SELECT 1 FROM actions"
	               "  WHERE company_id = :c AND number = :n) THEN :n"
	               " ELSE (SELECT coalesce(max(number), 0) + 1 FROM actions"
	               "  WHERE company_id = :c) END");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":n", num);
	b_int(s, ":c", company);
	err = q_int1(st, s, &num);
	if (err != STORE_OK)
		return err;
	s = q_prep(st, "INSERT INTO actions (uuid, company_id, number, title, owner, due, status,"
	               " note, questionnaire, qversion, origin, created, updated)"
	               " VALUES (:uuid, :c, :n, :title, :owner, :due, :status, :note, :q, :qv,"
	               " nullif(:origin, 0), :created, :updated) RETURNING id");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", a->uuid);
	b_int(s, ":c", company);
	b_int(s, ":n", num);
	bind_exact(s, a, n);
	err = q_int1(st, s, id);
	if (err != STORE_OK)
		return err;
	*number = (int)num;
	return write_details(st, *id, a);
}

enum store_err store_action_insert(struct store *st, long long company_id,
                                   const struct action_in *a, long long *id, int *number)
{
	struct normal_action n;
	long long new_id = 0;
	int new_number = 0;
	enum store_err err = prepare_exact(st, a, &n);

	if (err != STORE_OK)
		return err;
	err = tx_open(st);
	if (err == STORE_OK)
		err = tx_close(st, insert_exact(st, company_id, a, &n, &new_id, &new_number));
	normal_action_free(&n);
	if (err == STORE_OK) {
		if (id)
			*id = new_id;
		if (number)
			*number = new_number;
	}
	return err;
}

static enum store_err replace_exact(struct store *st, long long id, const struct action_in *a,
                                    const struct normal_action *n)
{
	struct drv_stmt *s = q_prep(st, "SELECT company_id FROM actions WHERE id = :id");
	long long company = 0;
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	err = q_int1(st, s, &company);
	if (err == STORE_NOT_FOUND)
		return say_no_action(st, id);
	if (err == STORE_OK)
		err = check_origin(st, company, a->origin);
	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE actions SET title = :title, owner = :owner, due = :due,"
	               " status = :status, note = :note, questionnaire = :q, qversion = :qv,"
	               " origin = nullif(:origin, 0), created = :created, updated = :updated"
	               " WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	bind_exact(s, a, n);
	b_int(s, ":id", id);
	err = q_run(st, s);
	if (err != STORE_OK)
		return err;
	err = run_for(st, "DELETE FROM action_items WHERE action_id = :id", id);
	if (err == STORE_OK)
		err = run_for(st, "DELETE FROM action_events WHERE action_id = :id", id);
	return err == STORE_OK ? write_details(st, id, a) : err;
}

enum store_err store_action_replace(struct store *st, long long id, const struct action_in *a)
{
	struct normal_action n;
	enum store_err err = prepare_exact(st, a, &n);

	if (err != STORE_OK)
		return err;
	err = tx_open(st);
	if (err == STORE_OK)
		err = tx_close(st, replace_exact(st, id, a, &n));
	normal_action_free(&n);
	return err;
}
