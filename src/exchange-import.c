/*
 * exchange-import.c - the import: the file read once, as a stream, one
 * record at a time; each record checked and merged into the database by
 * UUID as it comes, all in one transaction that is committed only when the
 * whole file has been read and found valid, and rolled back otherwise (and
 * in a dry run).  Conflicts are reported and never overwrite.  Memory stays
 * flat: a buffer of the file, one company's fields, one assessment, and
 * the UUIDs seen so far in a temporary table of the store (into a
 * database without assessments, only those of the assessments not
 * stored: the stored ones are found in the assessments table).
 */
#include "config.h"

#include "exchange.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange-actions.h"
#include "exchange-int.h"
#include "i18n.h"
#include "scoring.h"
#include "text.h"
#include "timefmt.h"

enum { SEEN_COMPANY = 1, SEEN_ASSESSMENT = 2, SEEN_ACTION = 3 };

/* ---- import: the header -------------------------------------------------- */

/* What must hold before any company is read: the format and its version. */
static bool check_format(struct exchange_report *rep, const struct xrec *h, int *version)
{
	const struct xval *v = &h->v[HK_FORMAT];
	char buf[80];

	if (v->kind != XV_STRING || strcmp(xc_rec_str(h, HK_FORMAT), EXCHANGE_FORMAT_NAME) != 0)
		return xc_bad(rep, "format", _("this is not an smready export (expected \"format\": "
		                               "\"%s\", found %s)"), EXCHANGE_FORMAT_NAME,
		              v->kind == XV_NONE ? _("nothing") : v->kind == XV_STRING
		              ? xc_quoted(xc_rec_str(h, HK_FORMAT), buf, sizeof buf)
		              : xc_kind_name(v->kind));
	v = &h->v[HK_VERSION];
	if (v->kind != XV_INT)
		return xc_bad(rep, "version", _("expected the format version as a whole number"));
	if (v->i > EXCHANGE_FORMAT_VERSION)
		return xc_bad(rep, "version", _("the file was made by a newer smready (format "
		                                "version %lld; this one reads version %d): "
		                                "update smready to import it"),
		              v->i, EXCHANGE_FORMAT_VERSION);
	if (v->i < 1)
		return xc_bad(rep, "version", _("format version %lld is not supported"), v->i);
	*version = (int)v->i;
	return true;
}

/* The rest of the header, once all of it is read. */
static bool check_header(struct exchange_report *rep, const struct xrec *h)
{
	const char *s;
	long long t;
	int version;

	if (!check_format(rep, h, &version) || !xc_only_known(rep, h, ""))
		return false;
	if (h->v[HK_GENERATOR].kind != XV_NONE && !xc_get_str(rep, h, "", HK_GENERATOR, &s))
		return false;
	if (h->v[HK_EXPORTED].kind != XV_NONE &&
	    !xc_get_time(rep, h, "", HK_EXPORTED, false, &t))
		return false;
	if (h->v[HK_COMPANIES].kind == XV_NONE)
		return xc_bad(rep, "", _("the field \"%s\" is missing"), "companies");
	if (h->v[HK_COMPANIES].kind != XV_ARRAY)
		return xc_kind_bad(rep, "", "companies", _("a list"), h->v[HK_COMPANIES].kind);
	return true;
}

/* ---- import: merging ----------------------------------------------------- */

struct import_ctx {
	struct store *st;
	struct exchange_report *rep;
	struct xj *x;                /* the file */
	enum store_err err;          /* a store failure that aborts the import */
	bool refused;                /* the file (or the store) refused a record */
	bool begun;                  /* the transaction is open */
	struct xtext header_text, company_text, assessment_text, action_text;
	struct xassess a;            /* the assessment being read */
	struct xaction t;            /* the action being read */
	int version;                 /* of the file's format */
	long long n_assessments;     /* read so far (store_bulk_progress()) */
	/* Into a database that held no assessment when the import began
	 * (store_bulk_fresh()), the assessments table itself tells which of
	 * the file's assessments were met already, and to which company each
	 * belongs: only those that were not stored (of a skipped company, a
	 * draft kept out) go into the seen set, n_unstored of them. */
	long long n_unstored;
	/* The assessment read last, of the ci-th company, id here (0 when not
	 * known): an assessment is most often based on the one before it,
	 * which is then not looked up again. */
	struct {
		char uuid[STORE_UUID_LEN + 1];
		size_t ci;
		long long id;
	} last;
};

static bool import_store_fail(struct import_ctx *x, enum store_err err, const char *path)
{
	x->err = err;
	if (err == STORE_INVALID || err == STORE_EXISTS || err == STORE_STATE) {
		x->refused = true;
		xc_bad(x->rep, path, _("the database refused it: %s"), store_error(x->st));
	} else {
		snprintf(x->rep->error, sizeof x->rep->error, "%s", store_error(x->st));
	}
	return false;
}

/* The file was refused: its syntax (x->failed, message set) or a record. */
static bool refused(struct import_ctx *x)
{
	x->refused = true;
	return false;
}

/* The file was refused: it has assessment uuid twice, again at path. */
static bool twice(struct import_ctx *x, const char *path, const char *uuid)
{
	xc_bad(x->rep, path, _("assessment %s appears twice in the file"), uuid);
	return refused(x);
}

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int answer_cmp(const void *pa, const void *pb)
{
	const struct answer *a = pa, *b = pb;

	return strcmp(a->item_key, b->item_key);
}

static int answer_in_cmp(const void *pa, const void *pb)
{
	const struct answer_in *a = pa, *b = pb;

	return strcmp(a->item_key, b->item_key);
}

/* The stored answers a and the file's b (both sorted here). */
static bool answers_equal(struct answer *a, size_t na, struct answer_in *b, size_t nb)
{
	if (na != nb)
		return false;
	if (na == 0)
		return true;      /* a may be NULL then, which qsort must not get */
	qsort(a, na, sizeof *a, answer_cmp);
	qsort(b, nb, sizeof *b, answer_in_cmp);
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i].item_key, b[i].item_key) != 0 || a[i].value != b[i].value ||
		    !str_eq(a[i].note, b[i].note) || a[i].changed != b[i].changed ||
		    a[i].carried != b[i].carried)
			return false;
	return true;
}

/* Whether the stored assessment equals the one in the file in every field
 * the format carries. */
static bool assessment_same(struct import_ctx *x, const struct assessment *local,
                            const struct assessment_in *a, const char *based_on,
                            struct answer_in *answers, size_t n)
{
	char bbuf[STORE_UUID_LEN + 1];
	const char *lb = xc_based_on_uuid(x->st, local->based_on, bbuf, sizeof bbuf);
	struct answer *la = NULL;
	size_t ln = 0;
	bool same;

	if (local->status != a->status || !str_eq(local->questionnaire, a->questionnaire) ||
	    local->qversion != a->qversion || local->started != a->started ||
	    local->completed != a->completed || local->updated != a->updated ||
	    !str_eq(local->assessor, a->assessor) || !str_eq(local->summary, a->summary) ||
	    (local->overall < 0 ? -1 : local->overall) != a->overall ||
	    (xc_level_key(local->level) ? local->level : -1) != a->level ||
	    local->reopened != a->reopened || !str_eq(lb, based_on))
		return false;
	if (store_answers_load(x->st, local->id, &la, &ln) != STORE_OK)
		return false;
	same = answers_equal(la, ln, answers, n);
	store_answers_free(la, ln);
	return same;
}

static void conflict_assessment(struct import_ctx *x, const struct company_in *c,
                                const struct assessment *local, const struct assessment_in *a)
{
	if (local->status == ASSESS_DRAFT && a->status == ASSESS_FINAL)
		xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
		          _("assessment %s of \"%s\" is a draft here but final in the file; "
		            "kept the draft (delete it and import again to take the file's "
		            "version)"), a->uuid, c->name);
	else if (local->status == ASSESS_FINAL && a->status == ASSESS_DRAFT)
		xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
		          _("assessment %s of \"%s\" is final here but a draft in the file; "
		            "kept the final one"), a->uuid, c->name);
	else
		xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
		          _("assessment %s of \"%s\" differs from the one in this database; "
		            "kept this database's version"), a->uuid, c->name);
}

/* One draft in the file and here (an earlier export, answers kept while
 * the server was away): the two are one assessment in progress, so its
 * answers merge, each taken from the side that changed it last. */
static bool merge_draft(struct import_ctx *x, const struct assessment *local,
                        const struct assessment_in *a, const struct answer_in *answers,
                        size_t n, const struct company_in *c, const char *path)
{
	int taken = 0;
	enum store_err err = store_answers_merge(x->st, local->id, answers, n, &taken);

	if (err != STORE_OK)
		return import_store_fail(x, err, path);
	x->rep->answers_superseded += (int)n - taken;
	if (taken == 0) {
		x->rep->assessments_unchanged++;
		return true;
	}
	x->rep->answers_merged += taken;
	xc_push_line(&x->rep->notices, &x->rep->n_notices,
	             P_("assessment %s of \"%s\" is in progress here too; took %d answer "
	                "from the file that was changed there later",
	                "assessment %s of \"%s\" is in progress here too; took %d answers "
	                "from the file that were changed there later", taken),
	             a->uuid, c->name, taken);
	return true;
}

/* Adds the file's assessment a (with its answers) to company (local id
 * company_id), or checks that the stored one with that UUID is the same. */
/* based_id: the id of based when known already, else 0; *here: the id of
 * the assessment in this database afterwards (0 when it is not there). */
static bool import_assessment(struct import_ctx *x, struct assessment_in *a, const char *based,
                              long long based_id, struct answer_in *answers, size_t n,
                              const char *path, const struct company_in *c,
                              long long company_id, long long *here)
{
	struct assessment local;
	long long id, company;
	enum store_err err;

	*here = 0;
	store_bulk_progress(x->st, ++x->n_assessments);
	/* most often not there: looked up by UUID alone first; not at all in
	 * a database that held no assessment when the import began, since
	 * then only the file's are here (the insert below finds a UUID the
	 * file has twice) */
	err = store_bulk_fresh(x->st) ? STORE_NOT_FOUND
	                              : store_assessment_uuid_id(x->st, a->uuid, &id, &company);
	if (err == STORE_OK)
		*here = id;
	if (err == STORE_OK)
		err = store_assessment_get(x->st, id, &local);
	if (err == STORE_OK) {
		bool ok = true;

		if (local.company_id != company_id)
			xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
			             _("assessment %s belongs to another company here than \"%s\"; "
			               "left it as it is"), a->uuid, c->name);
		else if (assessment_same(x, &local, a, based, answers, n))
			x->rep->assessments_unchanged++;
		else if (local.status == ASSESS_DRAFT && a->status == ASSESS_DRAFT)
			ok = merge_draft(x, &local, a, answers, n, c, path);
		else
			conflict_assessment(x, c, &local, a);
		store_assessment_clear(&local);
		return ok;
	}
	if (err != STORE_NOT_FOUND)
		return import_store_fail(x, err, path);
	if (a->status == ASSESS_DRAFT) {
		/* A company is assessed in one draft at a time: the draft in
		 * progress here stays, the file's is reported. */
		err = store_assessment_draft(x->st, company_id, &local);
		if (err == STORE_OK) {
			xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
			             _("assessment %s of \"%s\" is a draft, but this database has "
			               "another assessment in progress for the company; kept that one "
			               "(finish or discard it and import again to take the file's)"),
			             a->uuid, c->name);
			store_assessment_clear(&local);
			return true;
		}
		if (err != STORE_NOT_FOUND)
			return import_store_fail(x, err, path);
	}
	a->company_id = company_id;
	/* checked before; it may only be gone with a skipped company */
	if (based_id)
		a->based_on = based_id;
	else if (based[0] && store_assessment_uuid_id(x->st, based, &id, &company) == STORE_OK)
		a->based_on = id;
	err = store_assessment_insert(x->st, a, answers, n, &id);
	if (err == STORE_EXISTS && store_bulk_fresh(x->st))
		return twice(x, path, a->uuid);
	if (err != STORE_OK)
		return import_store_fail(x, err, path);
	*here = id;
	x->rep->assessments_added++;
	return true;
}

/* The file's assessments met so far but not stored: all of them, unless
 * the import is fresh (see struct import_ctx). */
static enum store_err seen_find(struct import_ctx *x, const char *uuid, long long *owner)
{
	if (store_bulk_fresh(x->st) && x->n_unstored == 0)
		return STORE_NOT_FOUND;
	return store_seen_find(x->st, SEEN_ASSESSMENT, uuid, owner);
}

/* Notes which details of a known company differ; the local ones are kept. */
static void company_differs(struct import_ctx *x, const struct company *local,
                            const struct company_in *c)
{
	char fields[96] = "";

	if (!str_eq(local->name, c->name))
		strcat(fields, "name, ");
	if (!str_eq(local->industry, c->industry))
		strcat(fields, "industry, ");
	if (!str_eq(local->contact, c->contact))
		strcat(fields, "contact, ");
	if (!str_eq(local->notes, c->notes))
		strcat(fields, "notes, ");
	if (local->archived != c->archived)
		strcat(fields, "archived, ");
	if (!fields[0])
		return;
	fields[strlen(fields) - 2] = '\0';
	xc_push_line(&x->rep->notices, &x->rep->n_notices,
	          _("company \"%s\" (%s): the file has other details (%s); kept the ones "
	            "in this database"), local->name, local->uuid, fields);
}

/* The local id for the file's company c: the one with its UUID, or a new
 * one.  0 when it is skipped as a conflict (*skipped; the conflict is told
 * once its assessments are counted). */
static long long import_company_row(struct import_ctx *x, const struct company_in *c,
                                    const char *path, bool *skipped)
{
	struct company local;
	long long id = 0;
	enum store_err err = store_company_find_uuid(x->st, c->uuid, &local);

	*skipped = false;
	if (err == STORE_OK) {
		company_differs(x, &local, c);
		id = local.id;
		store_company_clear(&local);
		x->rep->companies_known++;
		return id;
	}
	if (err != STORE_NOT_FOUND)
		return import_store_fail(x, err, path), 0;
	/* The store compares names by its own case folding and undoes just
	 * this insert (a savepoint) when the name is taken. */
	err = store_company_insert(x->st, c, &id);
	if (err == STORE_EXISTS) {
		*skipped = true;
		return 0;
	}
	if (err != STORE_OK)
		return import_store_fail(x, err, path), 0;
	x->rep->companies_added++;
	return id;
}

static void conflict_company(struct import_ctx *x, const struct company_in *c,
                             size_t n_assessments)
{
	xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
	             P_("company \"%s\" (%s) has the same name as a different company here; "
	                "skipped it and its %zu assessment (rename one of them and import "
	                "again)",
	                "company \"%s\" (%s) has the same name as a different company here; "
	                "skipped it and its %zu assessments (rename one of them and import "
	                "again)", n_assessments), c->name, c->uuid, n_assessments);
}

/* ---- import: reading the file, one record at a time ----------------------- */

/* Whether assessment uuid based (of this database) belongs to the company
 * with UUID company; false with the error set when it does not or is not
 * here at all. */
static bool base_in_db(struct import_ctx *x, const char *based, const char *company,
                       const char *path)
{
	struct assessment b;
	struct company bc;
	bool same;

	if (store_assessment_find_uuid(x->st, based, &b) != STORE_OK)
		return xc_bad(x->rep, path, _("no assessment %s earlier in the file or in "
		                              "the database"), based);
	same = store_company_get(x->st, b.company_id, &bc) == STORE_OK &&
	       strcmp(bc.uuid, company) == 0;
	store_assessment_clear(&b);
	store_company_clear(&bc);
	if (!same)
		return xc_bad(x->rep, path, _("assessment %s belongs to another company"), based);
	return true;
}

/* Reads, checks and (unless the company is skipped: company_id 0) merges
 * the assessment whose first token was just read, the ai-th of company c,
 * the ci-th of the file.  based_on must name an assessment earlier in the
 * file or one already in the database. */
static bool import_one_assessment(struct import_ctx *x, const struct company_in *c, size_t ci,
                                  long long company_id, const char *cp, size_t ai)
{
	struct answer_in answers[CAT_MAX_ITEMS];
	struct assessment_in a;
	const struct catalogue *cat;
	char ap[PATH_MAX_LEN], bp[PATH_MAX_LEN], based[STORE_UUID_LEN + 1];
	long long owner, based_id = 0, here = 0;
	bool on_last;
	size_t n;
	enum store_err err;

	xc_path_index(ap, sizeof ap, cp, ".assessments", ai);
	if (!xc_read_assessment(x->x, &x->a, &x->assessment_text) ||
	    !xc_parse_assessment(x->rep, &x->a.rec, ap, &a, &cat, based) ||
	    !xc_parse_answers(x->rep, &x->a, ap, cat, answers, &n))
		return refused(x);
	/* The store keeps a draft's origin only within one company; any
	 * other would be dropped on the way in. */
	xc_path_key(bp, sizeof bp, ap, "based_on");
	on_last = based[0] && x->last.uuid[0] && strcmp(based, x->last.uuid) == 0;
	if (on_last) {
		based_id = x->last.id;
		owner = (long long)x->last.ci;
		if (owner != (long long)ci) {
			xc_bad(x->rep, bp, _("assessment %s belongs to another company"), based);
			return refused(x);
		}
	} else if (based[0]) {
		err = seen_find(x, based, &owner);
		if (err == STORE_OK && owner != (long long)ci) {
			xc_bad(x->rep, bp, _("assessment %s belongs to another company"), based);
			return refused(x);
		}
		if (err == STORE_NOT_FOUND && !base_in_db(x, based, c->uuid, bp))
			return refused(x);
		if (err != STORE_OK && err != STORE_NOT_FOUND)
			return import_store_fail(x, err, ap);
	}
	if (store_bulk_fresh(x->st)) {
		err = seen_find(x, a.uuid, &owner);
		err = err == STORE_OK ? STORE_EXISTS : err == STORE_NOT_FOUND ? STORE_OK : err;
	} else {
		err = store_seen_add(x->st, SEEN_ASSESSMENT, a.uuid, (long long)ci, &owner);
	}
	if (err == STORE_EXISTS)
		return twice(x, ap, a.uuid);
	if (err != STORE_OK)
		return import_store_fail(x, err, ap);
	if (company_id != 0 &&
	    !import_assessment(x, &a, based, based_id, answers, n, ap, c, company_id, &here))
		return false;
	if (store_bulk_fresh(x->st) && here == 0) {
		/* not stored: the file may still have it stored before */
		long long id, company;

		err = store_assessment_uuid_id(x->st, a.uuid, &id, &company);
		if (err == STORE_OK)
			return twice(x, ap, a.uuid);
		if (err == STORE_NOT_FOUND)
			err = store_seen_add(x->st, SEEN_ASSESSMENT, a.uuid, (long long)ci, &owner);
		if (err != STORE_OK)
			return import_store_fail(x, err, ap);
		x->n_unstored++;
	}
	snprintf(x->last.uuid, sizeof x->last.uuid, "%s", a.uuid);
	x->last.ci = ci;
	x->last.id = here;
	return true;
}

/* Reads, checks and (unless the company is skipped) merges the action
 * whose first token was just read, the ti-th of company c.  Its origin
 * must be an assessment of the company, earlier in the file or in the
 * database. */
static bool import_one_action(struct import_ctx *x, const struct company_in *c, size_t ci,
                              long long company_id, const char *cp, size_t ti)
{
	struct xc_action a;
	char tp[PATH_MAX_LEN], op[PATH_MAX_LEN];
	long long owner;
	enum store_err err;

	memset(&a, 0, sizeof a);         /* cleared below even when unread */
	xc_path_index(tp, sizeof tp, cp, ".actions", ti);
	x->rep->actions_in_file++;
	if (!xc_read_action(x->x, &x->t, &x->action_text) ||
	    !xc_parse_action(x->rep, &x->t, tp, &a)) {
		xc_parsed_clear(&a);
		return refused(x);
	}
	xc_path_key(op, sizeof op, tp, "origin");
	err = STORE_OK;
	if (a.origin[0]) {
		err = seen_find(x, a.origin, &owner);
		if (err == STORE_OK && owner != (long long)ci) {
			xc_bad(x->rep, op, _("assessment %s belongs to another company"), a.origin);
			xc_parsed_clear(&a);
			return refused(x);
		}
		if (err == STORE_NOT_FOUND && !base_in_db(x, a.origin, c->uuid, op)) {
			xc_parsed_clear(&a);
			return refused(x);
		}
		if (err == STORE_NOT_FOUND)
			err = STORE_OK;
	}
	if (err == STORE_OK)
		err = store_seen_add(x->st, SEEN_ACTION, a.a.uuid, (long long)ci, &owner);
	if (err == STORE_EXISTS) {
		xc_bad(x->rep, tp, _("action %s appears twice in the file"), a.a.uuid);
		xc_parsed_clear(&a);
		return refused(x);
	}
	if (err == STORE_OK && company_id != 0)
		err = xc_import_action(x->st, x->rep, &a, c, company_id);
	xc_parsed_clear(&a);
	if (err != STORE_OK)
		return import_store_fail(x, err, tp);
	return true;
}

static bool read_tail(struct import_ctx *x, struct xrec *r, struct xtext *text, int list_key,
                      bool odd, const char *path);

/* After a company's assessments: its other fields up to its actions and
 * these, when it has them; then the rest of its fields. */
static bool read_actions(struct import_ctx *x, struct xrec *r, const struct company_in *c,
                         size_t ci, long long company_id, const char *cp)
{
	bool at_list, first = true, done;
	size_t ti = 0;

	if (!xc_read_members(x->x, r, &x->company_text, CK_ACTIONS, true, &at_list))
		return refused(x);
	if (!at_list)             /* the company's '}' is read: nothing follows */
		return xc_only_known(x->rep, r, cp) || refused(x);
	if (x->version < 2) {
		xc_bad(x->rep, cp, _("format version %d has no field \"%s\""), x->version, "actions");
		return refused(x);
	}
	while (xj_element(x->x, &first, &done))
		if (!import_one_action(x, c, ci, company_id, cp, ti++))
			return false;
	if (!done)
		return refused(x);
	return read_tail(x, r, &x->company_text, CK_ACTIONS, false, cp);
}

/* The actions of a company whose list came before its assessments: back
 * to it, then on from the end of the assessments again. */
static bool read_deferred_actions(struct import_ctx *x, struct xrec *r, const struct company_in *c,
                                  size_t ci, long long company_id, const char *cp)
{
	struct xj_mark back = xj_mark_token(x->x);   /* the assessments' ']' */
	bool first = true, done;
	size_t ti = 0;

	if (x->version < 2) {
		xc_bad(x->rep, cp, _("format version %d has no field \"%s\""), x->version, "actions");
		return refused(x);
	}
	if (!xj_seek(x->x, r->defer) || xj_next(x->x) != XJ_ARR)
		return refused(x);
	while (xj_element(x->x, &first, &done))
		if (!import_one_action(x, c, ci, company_id, cp, ti++))
			return false;
	if (!done || !xj_seek(x->x, back) || xj_next(x->x) != XJ_ARR_END)
		return refused(x);
	xj_keep(x->x, NULL, false);
	return true;
}

/* Whether a company record has every field but its assessments. */
static bool company_complete(const struct xrec *r)
{
	for (int k = 0; k < CK_ASSESSMENTS; k++)
		if (r->v[k].kind == XV_NONE)
			return false;
	return true;
}

/* Reads the fields of a record up to its list (list_key).  A record whose
 * fields come after its list (complete() false there) is read on past the
 * list first, which is then read again: *odd, and the reader stands just
 * after the list's '[' either way. */
static bool read_head(struct import_ctx *x, struct xrec *r, struct xtext *text, int list_key,
                      bool (*complete)(const struct xrec *r), bool *at_list, bool *odd)
{
	struct xj_mark mark;
	bool again;

	*odd = false;
	if (!xc_read_members(x->x, r, text, list_key, false, at_list))
		return refused(x);
	if (!*at_list || complete(r))
		return true;
	*odd = true;
	mark = xj_mark_token(x->x);
	if (!xj_keep(x->x, &mark, true) || !xj_skip(x->x) ||
	    !xc_read_members(x->x, r, text, list_key, true, &again) || !xj_seek(x->x, mark) ||
	    xj_next(x->x) != XJ_ARR)
		return refused(x);
	return true;
}

/* After a record's list: the rest of its fields (read before when odd). */
static bool read_tail(struct import_ctx *x, struct xrec *r, struct xtext *text, int list_key,
                      bool odd, const char *path)
{
	bool again;

	if (odd) {
		if (!xc_skip_members(x->x))
			return refused(x);
		xj_keep(x->x, NULL, false);
		return true;
	}
	/* every other field was there before the list: anything now is
	 * refused (twice, or unknown), and no text is added */
	if (!xc_read_members(x->x, r, text, list_key, true, &again) ||
	    !xc_only_known(x->rep, r, path))
		return refused(x);
	return true;
}

/* Reads, checks and merges the ci-th company, its first token just read. */
static bool import_one_company(struct import_ctx *x, size_t ci)
{
	struct xrec r;
	struct company_in c;
	char cp[PATH_MAX_LEN];
	bool at_list = false, odd = false, skipped = false, first = true, done;
	long long id = 0, had;
	size_t ai = 0;
	enum store_err err;

	xc_path_index(cp, sizeof cp, "", "companies", ci);
	x->company_text.len = 0;
	xc_rec_init(&r, xc_company_keys, &x->company_text);
	r.defer_key = CK_ACTIONS;
	if (x->x->tok != XJ_OBJ) {
		r.kind = (unsigned char)xc_tok_kind(x->x->tok);
		if (xj_skip(x->x))
			xc_parse_company(x->rep, &r, cp, &c);
		return refused(x);
	}
	if (!read_head(x, &r, &x->company_text, CK_ASSESSMENTS, company_complete, &at_list, &odd))
		return false;
	/* c's texts stay where they are: read_tail() adds none */
	if (!xc_parse_company(x->rep, &r, cp, &c))
		return refused(x);
	err = store_seen_add(x->st, SEEN_COMPANY, c.uuid, (long long)ci, &had);
	if (err == STORE_EXISTS) {
		xc_bad(x->rep, cp, _("company %s appears twice in the file"), c.uuid);
		return refused(x);
	}
	if (err != STORE_OK)
		return import_store_fail(x, err, cp);
	id = import_company_row(x, &c, cp, &skipped);
	if (x->err != STORE_OK)
		return false;
	while (xj_element(x->x, &first, &done))
		if (!import_one_assessment(x, &c, ci, id, cp, ai++))
			return false;
	if (!done)
		return refused(x);
	/* Actions met before the assessments were passed over and are read
	 * now, once the assessments they came from are in. */
	if (r.deferred && !read_deferred_actions(x, &r, &c, ci, id, cp))
		return false;
	if (odd ? !read_tail(x, &r, &x->company_text, CK_ASSESSMENTS, true, cp)
	        : !read_actions(x, &r, &c, ci, id, cp))
		return false;
	if (skipped)
		conflict_company(x, &c, ai);
	return true;
}

static bool header_complete(const struct xrec *r)
{
	return r->v[HK_FORMAT].kind != XV_NONE && r->v[HK_VERSION].kind != XV_NONE;
}

/* Opens the transaction that the whole import happens in. */
static bool begin(struct import_ctx *x)
{
	enum store_err err = store_begin_bulk(x->st);

	if (err == STORE_OK) {
		x->begun = true;
		err = store_seen_open(x->st);
	}
	if (err != STORE_OK) {
		x->err = err;
		snprintf(x->rep->error, sizeof x->rep->error, "%s", store_error(x->st));
		return false;
	}
	return true;
}

/* The whole file: the header, then each company as it comes. */
static bool import_all(struct import_ctx *x)
{
	struct xrec h;
	bool at_list, odd, first = true, done;
	size_t ci = 0;
	int kind;

	switch (xj_next(x->x)) {
	case XJ_ERROR:
		return refused(x);
	case XJ_END:
		snprintf(x->rep->error, sizeof x->rep->error, "%s", _("the file is empty"));
		return refused(x);
	case XJ_OBJ:
		break;
	default:
		kind = xc_tok_kind(x->x->tok);
		if (xj_skip(x->x))
			xc_bad(x->rep, "", _("expected %s, found %s"), _("an object"),
			       xc_kind_name(kind));
		return refused(x);
	}
	xc_rec_init(&h, xc_header_keys, &x->header_text);
	if (!read_head(x, &h, &x->header_text, HK_COMPANIES, header_complete, &at_list, &odd))
		return false;
	if (at_list) {
		if (!check_format(x->rep, &h, &x->version))
			return refused(x);
		if (!begin(x))
			return false;
		while (xj_element(x->x, &first, &done))
			if (!import_one_company(x, ci++))
				return false;
		if (!done || !read_tail(x, &h, &x->header_text, HK_COMPANIES, odd, ""))
			return refused(x);
	}
	if (!check_header(x->rep, &h) || !xj_at_end(x->x))
		return refused(x);
	return true;
}

static enum exchange_status import_stream(struct store *st, struct xj *xj, bool dry_run,
                                          struct exchange_report *rep)
{
	struct import_ctx *x = calloc(1, sizeof *x);
	enum store_err err;
	enum exchange_status status;
	bool ok;

	if (!x) {
		snprintf(rep->error, sizeof rep->error, "%s", _("not enough memory to read the file"));
		return EXCHANGE_INVALID;
	}
	x->st = st;
	x->rep = rep;
	x->x = xj;
	x->err = STORE_OK;
	ok = !xj->failed && import_all(x);
	if (ok && !x->begun)
		ok = begin(x);         /* an export without companies: nothing to merge */
	if (x->begun) {
		if (!ok || dry_run) {
			store_rollback(st);
		} else if ((err = store_commit(st)) != STORE_OK) {
			store_rollback(st);
			x->err = err;
			snprintf(rep->error, sizeof rep->error, "%s", store_error(st));
			ok = false;
		}
	}
	if (!ok) {
		/* the counts describe work that was rolled back */
		rep->companies_added = rep->companies_known = 0;
		rep->assessments_added = rep->assessments_unchanged = 0;
		rep->actions_added = rep->actions_updated = rep->actions_unchanged = 0;
		rep->store_status = x->err;
		status = x->refused || x->err == STORE_OK ? EXCHANGE_INVALID : EXCHANGE_FAILED;
	} else {
		status = rep->n_conflicts ? EXCHANGE_CONFLICTS : EXCHANGE_OK;
	}
	xc_text_free(&x->header_text);
	xc_text_free(&x->company_text);
	xc_text_free(&x->assessment_text);
	xc_text_free(&x->action_text);
	xc_action_free(&x->t);
	free(x);
	return status;
}

/* ---- import: entry points ------------------------------------------------ */

enum exchange_status exchange_import_buffer(struct store *st, const char *data,
                                            size_t len, bool dry_run,
                                            struct exchange_report *rep)
{
	struct xj xj;
	enum exchange_status s;

	memset(rep, 0, sizeof *rep);
	xj_open_mem(&xj, data, len, rep->error, sizeof rep->error);
	s = import_stream(st, &xj, dry_run, rep);
	xj_close(&xj);
	return s;
}

enum exchange_status exchange_import_stream(struct store *st, FILE *in,
                                            const struct exchange_import_opts *o,
                                            struct exchange_report *rep)
{
	struct xj xj;
	enum exchange_status s = EXCHANGE_INVALID;

	memset(rep, 0, sizeof *rep);
	if (xj_open_file(&xj, in, o ? o->max_bytes : 0, rep->error, sizeof rep->error))
		s = import_stream(st, &xj, o && o->dry_run, rep);
	xj_close(&xj);
	return s;
}

enum exchange_status exchange_import_file(struct store *st, FILE *in, bool dry_run,
                                          struct exchange_report *rep)
{
	struct exchange_import_opts o = { .dry_run = dry_run, .max_bytes = 0 };

	return exchange_import_stream(st, in, &o, rep);
}
