/*
 * store-company.c - companies: adding, finding (by key, UUID, number, or as a
 * person means it), changing, archiving, deleting, and the portfolio.
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
#include "timefmt.h"

void store_company_clear(struct company *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->industry);
	free(c->contact);
	free(c->notes);
	memset(c, 0, sizeof *c);
}

static enum store_err row_company(struct store *st, struct drv_stmt *s, int at, struct company *c)
{
	memset(c, 0, sizeof *c);
	c->id = col_int(s, at);
	col_copy(c->uuid, sizeof c->uuid, s, at + 1);
	c->name = col_dup(s, at + 2);
	c->industry = col_dup(s, at + 3);
	c->contact = col_dup(s, at + 4);
	c->notes = col_dup(s, at + 5);
	c->created = col_int(s, at + 6);
	c->archived = col_int(s, at + 7) != 0;
	c->sample = col_int(s, at + 8) != 0;
	if (!c->name || !c->industry || !c->contact || !c->notes) {
		store_company_clear(c);
		return fail_oom(st);
	}
	return STORE_OK;
}

/* Runs a query that yields at most one company. */
static enum store_err get_company(struct store *st, struct drv_stmt *s, struct company *out,
                                  const char *what)
{
	enum drv_rc rc = q_step(st, s);
	enum store_err err;

	if (rc == DRV_ROW)
		err = row_company(st, s, 0, out);
	else if (rc == DRV_DONE)
		err = say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), what);
	else
		err = q_err(st, rc);
	q_done(st, s);
	return err;
}

enum store_err store_company_get(struct store *st, long long id, struct company *out)
{
	struct drv_stmt *s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c WHERE c.id = :id");
	char what[32];

	memset(out, 0, sizeof *out);
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	snprintf(what, sizeof what, "%lld", id);
	return get_company(st, s, out, what);
}

enum store_err store_company_find_uuid(struct store *st, const char *uuid, struct company *out)
{
	struct drv_stmt *s;

	memset(out, 0, sizeof *out);
	if (!uuid_valid(uuid))
		return say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), uuid ? uuid : "");
	s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c WHERE c.uuid = lower(:uuid)");
	if (!s)
		return STORE_ERROR;
	b_text(s, ":uuid", uuid);
	return get_company(st, s, out, uuid);
}

static enum store_err find_by_key(struct store *st, const char *name, struct company *out)
{
	char *key = name_key(name);
	struct drv_stmt *s;
	enum store_err err;

	if (!key)
		return fail_oom(st);
	s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c WHERE c.name_key = :key");
	if (!s) {
		free(key);
		return STORE_ERROR;
	}
	b_text(s, ":key", key);
	err = get_company(st, s, out, name);
	free(key);
	return err;
}

enum store_err store_company_find(struct store *st, const char *ref, struct company *out)
{
	enum store_err err;

	memset(out, 0, sizeof *out);
	if (!ref || !ref[0])
		return say(st, STORE_NOT_FOUND, _("No company was named."));
	err = find_by_key(st, ref, out);
	if (err == STORE_NOT_FOUND && uuid_valid(ref))
		err = store_company_find_uuid(st, ref, out);
	/* A number alone is not a company: "5" is assessment 5 where an
	 * assessment is meant, and company 5 is written "#5". */
	if (err == STORE_NOT_FOUND)
		say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), ref);
	return err;
}

/* The companies whose folded keys equal key, or start with it (prefix):
 * at most max, ordered like the portfolio; *n gets how many there are in
 * all (counted up to max + 1). */
static enum store_err folded_matches(struct store *st, const char *key, bool prefix,
                                     struct company *out, int max, int *n)
{
	char *end = NULL;
	struct drv_stmt *s;
	enum store_err err = STORE_OK;
	enum drv_rc rc;

	*n = 0;
	if (prefix) {
		size_t len = strlen(key);

		/* key <= k < end: the keys that start with key, along the
		 * indexes (end is key with its last byte one higher). */
		if (!len || (unsigned char)key[len - 1] == 0xFF || !(end = strdup(key)))
			return len ? fail_oom(st) : STORE_OK;
		end[len - 1]++;
		s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c"
		               " WHERE (c.sort_key >= :key AND c.sort_key < :end)"
		               " OR (c.alt_key >= :key AND c.alt_key < :end)"
		               " ORDER BY " COMPANY_ORDER " LIMIT :lim");
	} else {
		s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c"
		               " WHERE c.sort_key = :key OR c.alt_key = :key"
		               " ORDER BY " COMPANY_ORDER " LIMIT :lim");
	}
	if (!s) {
		free(end);
		return STORE_ERROR;
	}
	b_text(s, ":key", key);
	if (end)
		b_text(s, ":end", end);
	b_int(s, ":lim", max + 1);
	while ((rc = q_step(st, s)) == DRV_ROW) {
		if (*n < max && (err = row_company(st, s, 0, &out[*n])) != STORE_OK)
			break;
		(*n)++;
	}
	q_done(st, s);
	free(end);
	if (err == STORE_OK)
		err = q_err(st, rc);
	return err;
}

#define LOOKUP_SHOWN 5

/* Says which companies a reference could mean. */
static enum store_err say_ambiguous(struct store *st, const char *ref, struct company *c,
                                    int n)
{
	char names[600] = "";
	size_t len = 0;

	for (int i = 0; i < n && i < LOOKUP_SHOWN; i++)
		len += (size_t)snprintf(names + len, len < sizeof names ? sizeof names - len : 0,
		                        "%s\"%s\"", i ? ", " : "", c[i].name);
	if (n > LOOKUP_SHOWN && len < sizeof names)
		snprintf(names + len, sizeof names - len, ", …");
	return say(st, STORE_AMBIGUOUS, _("\"%s\" could mean several companies: %s. Name one of "
	                                  "them in full."), ref, names);
}

enum store_err store_company_lookup(struct store *st, const char *ref, struct company *out)
{
	struct company found[LOOKUP_SHOWN];
	enum store_err err = store_company_find(st, ref, out);
	char *key;
	int n = 0;

	if (err != STORE_NOT_FOUND || !ref || !ref[0] || all_digits(ref))
		return err;
	if (ref[0] == '#' && all_digits(ref + 1))
		return store_company_get(st, strtoll(ref + 1, NULL, 10), out);
	if (!(key = text_fold(ref)))
		return fail_oom(st);
	/* Accents and case aside, the whole name; else the start of one. */
	err = key[0] ? folded_matches(st, key, false, found, LOOKUP_SHOWN, &n) : STORE_OK;
	if (err == STORE_OK && n == 0 && key[0])
		err = folded_matches(st, key, true, found, LOOKUP_SHOWN, &n);
	free(key);
	if (err == STORE_OK && n == 1) {
		*out = found[0];
		return STORE_OK;
	}
	if (err == STORE_OK && n > 1)
		err = say_ambiguous(st, ref, found, n);
	else if (err == STORE_OK)
		err = say(st, STORE_NOT_FOUND, _("There is no company \"%s\"."), ref);
	for (int i = 0; i < n && i < LOOKUP_SHOWN; i++)
		store_company_clear(&found[i]);
	return err;
}

/* Validates the company fields that are given (NULL = not given). */
static enum store_err check_company(struct store *st, const char *name, const char *industry,
                                    const char *contact, const char *notes)
{
	enum store_err err = STORE_OK;

	if (name)
		err = check_line(st, name, TEXT_NAME_MAX, false, N_("The company name"));
	if (err == STORE_OK && industry)
		err = check_line(st, industry, TEXT_FIELD_MAX, true, N_("The industry"));
	if (err == STORE_OK && contact)
		err = check_line(st, contact, TEXT_FIELD_MAX, true, N_("The contact"));
	if (err == STORE_OK && notes)
		err = check_note(st, notes, N_("The notes"));
	return err;
}

/* STORE_EXISTS when another company (not id) has this name in any case. */
static enum store_err name_free(struct store *st, const char *key, const char *name,
                                long long id)
{
	struct drv_stmt *s = q_prep(st, "SELECT id FROM companies WHERE name_key = :key AND id <> :id");
	long long other;
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_text(s, ":key", key);
	b_int(s, ":id", id);
	err = q_int1(st, s, &other);
	if (err == STORE_OK)
		return say(st, STORE_EXISTS, _("A company named \"%s\" exists already."), name);
	return err == STORE_NOT_FOUND ? STORE_OK : err;
}

/* Inserts one company row inside an open transaction. */
/* The fields of a company as they are stored (see text_normal_line());
 * a field not given stays NULL.  False when out of memory. */
struct normal_company {
	char *name, *industry, *contact, *notes;
};

/* Binds :sort and :alt, the keys the portfolio sorts and finds a name by
 * (text_fold(), text_fold_alt()); computed here, so that both engines
 * store the same keys. */
static enum store_err b_keys(struct store *st, struct drv_stmt *s, const char *name)
{
	char *sort = text_fold(name), *alt = text_fold_alt(name);
	enum store_err err = STORE_OK;

	if (sort && alt) {
		b_text(s, ":sort", sort);
		b_text(s, ":alt", alt);
	} else {
		err = fail_oom(st);
	}
	free(sort);
	free(alt);
	return err;
}

static void normal_company_free(struct normal_company *n)
{
	free(n->name);
	free(n->industry);
	free(n->contact);
	free(n->notes);
}

static bool normal_company(struct normal_company *n, const char *name, const char *industry,
                           const char *contact, const char *notes)
{
	memset(n, 0, sizeof *n);
	if ((name && !(n->name = text_normal_line(name))) ||
	    (industry && !(n->industry = text_normal_line(industry))) ||
	    (contact && !(n->contact = text_normal_line(contact))) ||
	    (notes && !(n->notes = text_normal_note(notes)))) {
		normal_company_free(n);
		return false;
	}
	return true;
}

/* Inserts one company row inside an open transaction. */
static enum store_err insert_company(struct store *st, const struct company_in *c,
                                     long long *id)
{
	struct normal_company n;
	char *key = NULL;
	struct drv_stmt *s = NULL;
	long long new_id;
	enum store_err err;

	if (!normal_company(&n, c->name ? c->name : "", c->industry ? c->industry : "",
	                    c->contact ? c->contact : "", c->notes ? c->notes : ""))
		return fail_oom(st);
	if (!(key = name_key(n.name))) {
		err = fail_oom(st);
		goto out;
	}
	err = name_free(st, key, n.name, 0);
	if (err != STORE_OK)
		goto out;
	s = q_prep(st, "INSERT INTO companies (uuid, name, name_key, sort_key, alt_key, industry,"
	               " contact, notes, created, archived, sample)"
	               " VALUES (lower(:uuid), :name, :key, :sort, :alt, :industry, :contact,"
	               " :notes, :created, :archived, :sample) RETURNING id");
	if (!s) {
		err = STORE_ERROR;
		goto out;
	}
	b_text(s, ":uuid", c->uuid);
	b_text(s, ":name", n.name);
	b_text(s, ":key", key);
	err = b_keys(st, s, n.name);
	if (err != STORE_OK) {
		q_done(st, s);
		goto out;
	}
	b_text(s, ":industry", n.industry);
	b_text(s, ":contact", n.contact);
	b_text(s, ":notes", n.notes);
	b_int(s, ":created", c->created);
	b_int(s, ":archived", c->archived);
	b_int(s, ":sample", c->sample);
	err = q_int1(st, s, id ? id : &new_id);
	if (err == STORE_ERROR && st->last_rc == DRV_UNIQUE)
		err = say(st, STORE_EXISTS, _("A company with the UUID %s exists already."), c->uuid);
out:
	normal_company_free(&n);
	free(key);
	return err;
}

enum store_err store_company_add(struct store *st, const char *name, const char *industry,
                                 const char *contact, const char *notes, long long *id)
{
	struct company_in c = { .name = name, .industry = industry, .contact = contact,
	                        .notes = notes, .created = store_now(st) };
	enum store_err err = check_company(st, name ? name : "", industry, contact, notes);

	if (err != STORE_OK)
		return err;
	make_uuid(c.uuid);
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, insert_company(st, &c, id));
}

enum store_err store_company_insert(struct store *st, const struct company_in *c, long long *id)
{
	struct company_in copy = *c;
	enum store_err err = check_company(st, c->name ? c->name : "", c->industry ? c->industry : "",
	                                   c->contact ? c->contact : "", c->notes ? c->notes : "");

	if (err != STORE_OK)
		return err;
	if (!c->uuid[0])
		make_uuid(copy.uuid);
	else if (!uuid_valid(c->uuid))
		return say(st, STORE_INVALID, _("\"%s\" is not a valid UUID."), c->uuid);
	err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, insert_company(st, &copy, id));
}

/* Runs a one-row UPDATE/DELETE keyed by :id; STORE_NOT_FOUND when no row. */
enum store_err change_one(struct store *st, struct drv_stmt *s, bool company, long long id)
{
	enum store_err err = q_run(st, s);

	if (err == STORE_OK && db_changes(st) == 0) {
		if (company)
			err = say(st, STORE_NOT_FOUND, _("There is no company with the id %lld."), id);
		else
			err = say(st, STORE_NOT_FOUND, _("There is no assessment with the id %lld."), id);
	}
	return err;
}

static enum store_err update_company(struct store *st, long long id, const char *name,
                                     const char *industry, const char *contact,
                                     const char *notes)
{
	struct normal_company n;
	char *key = NULL;
	struct drv_stmt *s;
	enum store_err err;

	if (!normal_company(&n, name, industry, contact, notes))
		return fail_oom(st);
	if (n.name) {
		if (!(key = name_key(n.name))) {
			err = fail_oom(st);
			goto out;
		}
		err = name_free(st, key, n.name, id);
		if (err != STORE_OK)
			goto out;
	}
	s = q_prep(st, "UPDATE companies SET"
	               " name = coalesce(:name, name), name_key = coalesce(:key, name_key),"
	               " sort_key = coalesce(:sort, sort_key), alt_key = coalesce(:alt, alt_key),"
	               " industry = coalesce(:industry, industry),"
	               " contact = coalesce(:contact, contact), notes = coalesce(:notes, notes)"
	               " WHERE id = :id");
	err = STORE_ERROR;
	if (!s)
		goto out;
	/* Unbound parameters are NULL: coalesce keeps the old value. */
	if (n.name) {
		b_text(s, ":name", n.name);
		b_text(s, ":key", key);
		err = b_keys(st, s, n.name);
		if (err != STORE_OK) {
			q_done(st, s);
			goto out;
		}
	}
	if (n.industry)
		b_text(s, ":industry", n.industry);
	if (n.contact)
		b_text(s, ":contact", n.contact);
	if (n.notes)
		b_text(s, ":notes", n.notes);
	b_int(s, ":id", id);
	err = change_one(st, s, true, id);
out:
	normal_company_free(&n);
	free(key);
	return err;
}

enum store_err store_company_update(struct store *st, long long id, const char *name,
                                    const char *industry, const char *contact,
                                    const char *notes)
{
	enum store_err err = check_company(st, name, industry, contact, notes);

	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	return tx_close(st, update_company(st, id, name, industry, contact, notes));
}

/* given, or NULL when it is what was read (was). */
static const char *field_changed(const char *given, const char *was)
{
	return given && strcmp(given, was ? was : "") == 0 ? NULL : given;
}

/* Whether a field given (non-NULL) was changed since was was read. */
static bool field_moved(const char *given, const char *was, const char *now)
{
	return given && strcmp(was ? was : "", now ? now : "") != 0;
}

enum store_err store_company_update_from(struct store *st, long long id,
                                         const struct company *was, const char *name,
                                         const char *industry, const char *contact,
                                         const char *notes)
{
	struct company now;
	enum store_err err = check_company(st, name, industry, contact, notes);

	/* a field given as it was read is none of the user's changes: what
	 * another made of it meanwhile stays, and is no collision */
	name = field_changed(name, was->name);
	industry = field_changed(industry, was->industry);
	contact = field_changed(contact, was->contact);
	notes = field_changed(notes, was->notes);
	if (err == STORE_OK)
		err = tx_open(st);
	if (err != STORE_OK)
		return err;
	/* read and written under the writers' lock: nobody comes between */
	err = store_company_get(st, id, &now);
	if (err == STORE_OK) {
		if (field_moved(name, was->name, now.name) ||
		    field_moved(industry, was->industry, now.industry) ||
		    field_moved(contact, was->contact, now.contact) ||
		    field_moved(notes, was->notes, now.notes))
			err = say(st, STORE_CHANGED, _("The company \"%s\" was changed by someone else "
			                               "meanwhile; the change was not saved."), now.name);
		store_company_clear(&now);
	}
	if (err == STORE_OK)
		err = update_company(st, id, name, industry, contact, notes);
	return tx_close(st, err);
}

enum store_err store_company_set_archived(struct store *st, long long id, bool archived)
{
	enum store_err err = tx_open(st);
	struct drv_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "UPDATE companies SET archived = :a WHERE id = :id");
	if (!s)
		return tx_close(st, STORE_ERROR);
	b_int(s, ":a", archived);
	b_int(s, ":id", id);
	return tx_close(st, change_one(st, s, true, id));
}

enum store_err count_where(struct store *st, const char *sql, long long arg, int *n)
{
	struct drv_stmt *s = q_prep(st, sql);
	long long v = 0;
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":arg", arg);
	err = q_int1(st, s, &v);
	if (n)
		*n = (int)v;
	return err;
}

static enum store_err delete_company(struct store *st, long long id, int *n)
{
	enum store_err err = count_where(st, "SELECT count(*) FROM assessments WHERE company_id = :arg",
	                                 id, n);
	struct drv_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "DELETE FROM companies WHERE id = :id");
	if (!s)
		return STORE_ERROR;
	b_int(s, ":id", id);
	return change_one(st, s, true, id);
}

enum store_err store_company_delete(struct store *st, long long id, int *n_assessments)
{
	/* the events still waiting go in before what they belong to goes */
	enum store_err err = behind_flush(st);

	if (err == STORE_OK)
		err = tx_open(st);

	if (n_assessments)
		*n_assessments = 0;
	if (err != STORE_OK)
		return err;
	return tx_close(st, delete_company(st, id, n_assessments));
}

enum store_err store_company_count(struct store *st, bool include_archived, int *n)
{
	*n = 0;
	return count_where(st, "SELECT count(*) FROM companies WHERE :arg OR archived = 0",
	                   include_archived, n);
}

enum store_err store_delete_samples(struct store *st, int *n)
{
	/* the events still waiting go in before what they belong to goes */
	enum store_err err = behind_flush(st);

	if (err == STORE_OK)
		err = tx_open(st);
	struct drv_stmt *s;

	if (n)
		*n = 0;
	if (err != STORE_OK)
		return err;
	err = count_where(st, "SELECT count(*) FROM companies WHERE sample = :arg", 1, n);
	if (err == STORE_OK && (s = q_prep(st, "DELETE FROM companies WHERE sample = 1")) != NULL)
		err = q_run(st, s);
	else if (err == STORE_OK)
		err = STORE_ERROR;
	return tx_close(st, err);
}

enum store_err store_each_company(struct store *st, bool include_archived,
                                  int (*fn)(const struct company *c, void *ctx), void *ctx)
{
	struct drv_stmt *s = q_prep(st, "SELECT " COMPANY_COLS " FROM companies c"
	                             " WHERE :all OR c.archived = 0 ORDER BY " COMPANY_ORDER);
	enum store_err err = STORE_OK;
	enum drv_rc rc;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":all", include_archived);
	while ((rc = q_step(st, s)) == DRV_ROW) {
		struct company c;
		int stop;

		err = row_company(st, s, 0, &c);
		if (err != STORE_OK)
			break;
		stop = fn(&c, ctx);
		store_company_clear(&c);
		if (stop)
			break;
	}
	q_done(st, s);
	return err != STORE_OK ? err : q_err(st, rc);
}

/* ---- portfolio -------------------------------------------------------------- */

static void clear_portfolio(void *elem)
{
	store_company_clear(&((struct portfolio_row *)elem)->company);
}

void store_portfolio_free(struct portfolio_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		clear_portfolio(&rows[i]);
	free(rows);
}

static enum store_err row_portfolio(struct store *st, struct drv_stmt *s, void *elem)
{
	struct portfolio_row *r = elem;
	int k = COMPANY_NCOLS;
	enum store_err err;

	memset(r, 0, sizeof *r);
	err = row_company(st, s, 0, &r->company);
	if (err != STORE_OK)
		return err;
	r->n_final = col_int(s, k);
	r->last_id = col_int(s, k + 1);
	r->last_at = col_int(s, k + 2);
	r->last_overall = r->last_id ? col_int(s, k + 3) : -1;
	r->last_level = r->last_id ? col_int(s, k + 4) : -1;
	r->prev_id = col_int(s, k + 5);
	r->prev_overall = r->prev_id ? col_int(s, k + 6) : -1;
	r->prev_level = r->prev_id ? col_int(s, k + 7) : -1;
	r->draft_id = col_int(s, k + 8);
	r->draft_updated = col_int(s, k + 9);
	r->n_open = col_int(s, k + 10);
	r->n_overdue = col_int(s, k + 11);
	return STORE_OK;
}

/* The portfolio query's parameters.  Overdue: due before today, the
 * local day of the store's clock. */
static void bind_portfolio(struct store *st, struct drv_stmt *s, bool include_archived)
{
	char today[TIMEFMT_DAY_SIZE];

	b_int(s, ":all", include_archived);
	b_text(s, ":today", timefmt_day(store_now(st), today, sizeof today));
}

enum store_err store_each_portfolio_row(struct store *st, bool include_archived,
                                        int (*fn)(const struct portfolio_row *r, void *ctx),
                                        void *ctx)
{
	struct drv_stmt *s = q_prep(st, SQL_PORTFOLIO);
	enum store_err err = STORE_OK;
	enum drv_rc rc;

	if (!s)
		return STORE_ERROR;
	bind_portfolio(st, s, include_archived);
	while ((rc = q_step(st, s)) == DRV_ROW) {
		struct portfolio_row r;
		int stop;

		err = row_portfolio(st, s, &r);
		if (err != STORE_OK)
			break;
		stop = fn(&r, ctx);
		clear_portfolio(&r);
		if (stop)
			break;
	}
	q_done(st, s);
	return err != STORE_OK ? err : q_err(st, rc);
}

enum store_err store_portfolio(struct store *st, bool include_archived,
                               struct portfolio_row **rows, size_t *n)
{
	struct drv_stmt *s = q_prep(st, SQL_PORTFOLIO);
	struct portfolio_row *list = NULL;
	size_t cap = 0;
	enum store_err err = STORE_OK;
	enum drv_rc rc;

	*rows = NULL;
	*n = 0;
	if (!s)
		return STORE_ERROR;
	bind_portfolio(st, s, include_archived);
	while ((rc = q_step(st, s)) == DRV_ROW) {
		if (*n == cap) {
			size_t want = cap ? cap * 2 : 16;
			struct portfolio_row *more = realloc(list, want * sizeof *more);

			if (!more) {
				err = fail_oom(st);
				break;
			}
			list = more;
			cap = want;
		}
		err = row_portfolio(st, s, &list[*n]);
		if (err != STORE_OK)
			break;
		(*n)++;
	}
	q_done(st, s);
	if (err == STORE_OK)
		err = q_err(st, rc);
	if (err != STORE_OK) {
		store_portfolio_free(list, *n);
		*n = 0;
		return err;
	}
	*rows = list;
	return STORE_OK;
}

