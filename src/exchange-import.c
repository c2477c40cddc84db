/*
 * exchange-import.c - the import: the file checked whole before anything changes,
 * then merged into the database by UUID in one transaction, one company at
 * a time, with conflicts reported and never overwritten.
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
#include "json-out.h"
#include "scoring.h"
#include "text.h"
#include "timefmt.h"

/* ---- import: checking the whole file ------------------------------------ */

static bool check_header(struct exchange_report *rep, json_t *root, json_t **companies)
{
	const char *s;
	json_t *v;
	long long t;
	char buf[80];

	if (!json_is_object(root))
		return xc_bad(rep, "", _("expected %s, found %s"), _("an object"),
		           xc_json_kind(root));
	v = json_object_get(root, "format");
	if (!v || !json_is_string(v) || strcmp(json_string_value(v), EXCHANGE_FORMAT_NAME) != 0)
		return xc_bad(rep, "format", _("this is not an smready export (expected \"format\": "
		                            "\"%s\", found %s)"), EXCHANGE_FORMAT_NAME,
		           !v ? _("nothing") : json_is_string(v)
		           ? xc_quoted(json_string_value(v), buf, sizeof buf) : xc_json_kind(v));
	v = json_object_get(root, "version");
	if (!v || !json_is_integer(v))
		return xc_bad(rep, "version", _("expected the format version as a whole number"));
	if (json_integer_value(v) > EXCHANGE_FORMAT_VERSION)
		return xc_bad(rep, "version", _("the file was made by a newer smready (format "
		                             "version %lld; this one reads version %d): "
		                             "update smready to import it"),
		           (long long)json_integer_value(v), EXCHANGE_FORMAT_VERSION);
	if (json_integer_value(v) < 1)
		return xc_bad(rep, "version", _("format version %lld is not supported"),
		           (long long)json_integer_value(v));
	if (!xc_only_known(rep, root, "", xc_header_keys))
		return false;
	if (json_object_get(root, "generator") && !xc_get_str(rep, root, "", "generator", &s))
		return false;
	if (json_object_get(root, "exported") &&
	    !xc_get_time(rep, root, "", "exported", false, &t))
		return false;
	*companies = json_object_get(root, "companies");
	if (!*companies)
		return xc_bad(rep, "", _("the field \"%s\" is missing"), "companies");
	if (!json_is_array(*companies))
		return xc_kind_bad(rep, "", "companies", _("a list"), *companies);
	return true;
}

/* Remembers a UUID in set, with value (which set takes over); false when
 * it was there already. */
static bool set_add(json_t *set, const char *uuid, json_t *value)
{
	if (json_object_get(set, uuid)) {
		json_decref(value);
		return false;
	}
	json_object_set_new(set, uuid, value);
	return true;
}

/* What the first pass remembers: the UUIDs seen so far. */
struct check_ctx {
	struct store *st;
	struct exchange_report *rep;
	json_t *cset, *aset, *tset;    /* objects used as sets of UUIDs; aset maps
	                                  * each assessment to its company's UUID;
	                                  * tset holds the actions' */
};

/* Whether assessment uuid based (of this database) belongs to the company
 * with UUID company; false with the error set when it does not or is not
 * here at all. */
static bool base_in_db(struct check_ctx *x, const char *based, const char *company,
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

static bool action_first_time(void *vx, const char *uuid)
{
	struct check_ctx *x = vx;

	return set_add(x->tset, uuid, json_true());
}

/* An action's origin: an assessment of its company, earlier in the file
 * or in the database. */
static bool origin_ok(void *vx, const char *origin, const char *company, const char *path)
{
	struct check_ctx *x = vx;
	json_t *owner = json_object_get(x->aset, origin);

	if (owner && strcmp(json_string_value(owner), company) != 0)
		return xc_bad(x->rep, path, _("assessment %s belongs to another company"), origin);
	return owner || base_in_db(x, origin, company, path);
}

/* Checks one company of the file and its assessments before anything is
 * written.  based_on must name an assessment earlier in the file or one
 * already in the database. */
static bool check_company(size_t ci, json_t *cobj, void *vx)
{
	struct check_ctx *x = vx;
	struct exchange_report *rep = x->rep;
	struct answer answers[CAT_MAX_ITEMS];
	struct company c;
	char cp[PATH_MAX_LEN];
	size_t ai, n;
	json_t *aobj;

	xc_path_index(cp, sizeof cp, "", "companies", ci);
	if (!xc_parse_company(rep, cobj, cp, &c))
		return false;
	if (!set_add(x->cset, c.uuid, json_true()))
		return xc_bad(rep, cp, _("company %s appears twice in the file"), c.uuid);
	json_array_foreach(json_object_get(cobj, "assessments"), ai, aobj) {
		struct assessment a;
		const struct catalogue *cat;
		char ap[PATH_MAX_LEN], bp[PATH_MAX_LEN], based[STORE_UUID_LEN + 1];
		json_t *owner;

		xc_path_index(ap, sizeof ap, cp, ".assessments", ai);
		if (!xc_parse_assessment(rep, aobj, ap, &a, &cat, based) ||
		    !xc_parse_answers(rep, json_object_get(aobj, "answers"), ap, cat, answers, &n))
			return false;
		/* The store keeps a draft's origin only within one company; any
		 * other would be dropped on the way in. */
		xc_path_key(bp, sizeof bp, ap, "based_on");
		owner = based[0] ? json_object_get(x->aset, based) : NULL;
		if (owner && strcmp(json_string_value(owner), c.uuid) != 0)
			return xc_bad(rep, bp, _("assessment %s belongs to another company"), based);
		if (based[0] && !owner && !base_in_db(x, based, c.uuid, bp))
			return false;
		if (!set_add(x->aset, a.uuid, json_string(c.uuid)))
			return xc_bad(rep, ap, _("assessment %s appears twice in the file"), a.uuid);
	}
	return xc_check_actions(rep, cobj, cp, c.uuid, &(struct xc_action_check){
		.first_time = action_first_time, .origin_ok = origin_ok, .ctx = x });
}

/* ---- import: merging ----------------------------------------------------- */

struct import_ctx {
	struct store *st;
	struct exchange_report *rep;
	enum store_err err;          /* a store failure that aborts the import */
	bool refused;                /* the store refused a record: file invalid */
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

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int answer_cmp(const void *pa, const void *pb)
{
	const struct answer *a = pa, *b = pb;

	return strcmp(a->item_key, b->item_key);
}

static bool answers_equal(struct answer *a, size_t na, struct answer *b, size_t nb)
{
	if (na != nb)
		return false;
	if (na == 0)
		return true;      /* a may be NULL then, which qsort must not get */
	qsort(a, na, sizeof *a, answer_cmp);
	qsort(b, nb, sizeof *b, answer_cmp);
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
                            const struct assessment *a, const char *based_on,
                            struct answer *answers, size_t n)
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

static void conflict_assessment(struct import_ctx *x, const struct company *c,
                                const struct assessment *local, const struct assessment *a)
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

/* Adds one assessment of the file to company (local id company_id), or
 * checks that the stored one with that UUID is the same. */
static bool import_assessment(struct import_ctx *x, json_t *obj, const char *path,
                              const struct company *c, long long company_id)
{
	struct answer answers[CAT_MAX_ITEMS];
	struct assessment a, local;
	const struct catalogue *cat;
	char based[STORE_UUID_LEN + 1];
	size_t n;
	long long id;
	enum store_err err;

	if (!xc_parse_assessment(x->rep, obj, path, &a, &cat, based) ||
	    !xc_parse_answers(x->rep, json_object_get(obj, "answers"), path, cat, answers, &n)) {
		x->refused = true;
		return false;
	}
	err = store_assessment_find_uuid(x->st, a.uuid, &local);
	if (err == STORE_OK) {
		if (local.company_id != company_id)
			xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
			          _("assessment %s belongs to another company here than \"%s\"; "
			            "left it as it is"), a.uuid, c->name);
		else if (assessment_same(x, &local, &a, based, answers, n))
			x->rep->assessments_unchanged++;
		else
			conflict_assessment(x, c, &local, &a);
		store_assessment_clear(&local);
		return true;
	}
	if (err != STORE_NOT_FOUND)
		return import_store_fail(x, err, path);
	if (a.status == ASSESS_DRAFT) {
		/* A company is assessed in one draft at a time: the draft in
		 * progress here stays, the file's is reported. */
		err = store_assessment_draft(x->st, company_id, &local);
		if (err == STORE_OK) {
			xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
			          _("assessment %s of \"%s\" is a draft, but this database has "
			            "another assessment in progress for the company; kept that one "
			            "(finish or discard it and import again to take the file's)"),
			          a.uuid, c->name);
			store_assessment_clear(&local);
			return true;
		}
		if (err != STORE_NOT_FOUND)
			return import_store_fail(x, err, path);
	}
	a.company_id = company_id;
	if (based[0]) {
		struct assessment b;

		/* checked before; it may only be gone with a skipped company */
		if (store_assessment_find_uuid(x->st, based, &b) == STORE_OK) {
			a.based_on = b.id;
			store_assessment_clear(&b);
		}
	}
	err = store_assessment_insert(x->st, &a, answers, n, &id);
	if (err != STORE_OK)
		return import_store_fail(x, err, path);
	x->rep->assessments_added++;
	return true;
}

/* Notes which details of a known company differ; the local ones are kept. */
static void company_differs(struct import_ctx *x, const struct company *local,
                            const struct company *c)
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
 * one.  0 when it is skipped as a conflict. */
static long long import_company_row(struct import_ctx *x, const struct company *c,
                                    size_t n_assessments, const char *path)
{
	struct company local;
	long long id = 0;
	enum store_err err = store_company_find_uuid(x->st, c->uuid, &local);

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
		xc_push_line(&x->rep->conflicts, &x->rep->n_conflicts,
		          P_("company \"%s\" (%s) has the same name as a different company here; "
		             "skipped it and its %zu assessment (rename one of them and import "
		             "again)",
		             "company \"%s\" (%s) has the same name as a different company here; "
		             "skipped it and its %zu assessments (rename one of them and import "
		             "again)", n_assessments), c->name, c->uuid, n_assessments);
		return 0;
	}
	if (err != STORE_OK)
		return import_store_fail(x, err, path), 0;
	x->rep->companies_added++;
	return id;
}

/* Merges one company of the file and its assessments. */
static bool import_company(size_t ci, json_t *cobj, void *vx)
{
	struct import_ctx *x = vx;
	struct company c;
	char cp[PATH_MAX_LEN], ap[PATH_MAX_LEN];
	json_t *list = json_object_get(cobj, "assessments"), *aobj;
	long long id;
	size_t ai;

	xc_path_index(cp, sizeof cp, "", "companies", ci);
	if (!xc_parse_company(x->rep, cobj, cp, &c)) {
		x->refused = true;
		return false;
	}
	id = import_company_row(x, &c, json_array_size(list), cp);
	if (x->err != STORE_OK)
		return false;
	if (id == 0)
		return true;
	json_array_foreach(list, ai, aobj) {
		xc_path_index(ap, sizeof ap, cp, ".assessments", ai);
		if (!import_assessment(x, aobj, ap, &c, id))
			return false;
	}
	x->err = xc_import_actions(x->st, x->rep, cobj, cp, &c, id, &x->refused);
	return x->err == STORE_OK;
}

/* ---- import: reading the file one company at a time --------------------- */

/* The file stays as text; only the envelope is scanned here, and each
 * company is parsed by jansson on its own when its turn comes, so memory
 * holds the text and one company's tree, never the whole file's tree. */
struct source {
	const char *buf;
	size_t len;
	size_t list_start, list_end;   /* the "companies" value; end 0 if absent */
};

/* Line and column (in characters, both from 1) of byte offset off. */
static void source_where(const struct source *src, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < src->len; i++) {
		unsigned char ch = (unsigned char)src->buf[i];

		if (ch == '\n') {
			(*line)++;
			*col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

static bool syntax_bad(struct exchange_report *rep, const struct source *src, size_t off,
                       const char *what)
{
	int line, col;

	source_where(src, off, &line, &col);
	snprintf(rep->error, sizeof rep->error,
	         _("line %d, column %d: this is not valid JSON (%s)"), line, col, what);
	return false;
}

static void load_error(struct exchange_report *rep, const json_error_t *e, int line, int col);

/* Parses src->buf[start..end) as one JSON value; on failure the error is
 * reported at its place in the whole file. */
static json_t *source_parse(const struct source *src, size_t start, size_t end,
                            struct exchange_report *rep)
{
	json_error_t e;
	json_t *v = json_loadb(src->buf + start, end - start,
	                       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	int line, col;

	if (v)
		return v;
	source_where(src, start, &line, &col);
	/* jansson counts from the start of the slice */
	if (e.line <= 1)
		col += e.column > 0 ? e.column - 1 : 0;
	else
		col = e.column;
	line += e.line > 1 ? e.line - 1 : 0;
	load_error(rep, &e, line, col);
	return NULL;
}

static bool is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static size_t skip_ws(const struct source *src, size_t i)
{
	while (i < src->len && is_ws(src->buf[i]))
		i++;
	return i;
}

/* The end of the JSON value starting at i (just past it), or 0 when the
 * file ends first.  Only finds the extent: jansson checks the value. */
static size_t value_end(const struct source *src, size_t i)
{
	size_t depth = 0;

	while (i < src->len) {
		char ch = src->buf[i];

		if (ch == '"') {
			for (i++; i < src->len && src->buf[i] != '"'; i++)
				if (src->buf[i] == '\\')
					i++;
			if (i >= src->len)
				return 0;
			i++;
		} else if (ch == '[' || ch == '{') {
			depth++;
			i++;
		} else if (ch == ']' || ch == '}') {
			if (depth == 0)
				return i;          /* a scalar ended by its container */
			i++;
			depth--;
		} else if (depth == 0 && (ch == ',' || is_ws(ch))) {
			return i;
		} else {
			i++;
		}
		if (depth == 0 && (ch == '"' || ch == ']' || ch == '}'))
			return i;
	}
	return depth == 0 ? i : 0;
}

/* Reads the top-level object: every field but "companies" into *header
 * (parsed), the companies list only located. */
static bool source_envelope(struct source *src, json_t *header, struct exchange_report *rep)
{
	size_t i = skip_ws(src, 0), start, end;
	bool first = true;

	if (i >= src->len || src->buf[i] != '{')
		return syntax_bad(rep, src, i, _("the file must start with '{'"));
	i = skip_ws(src, i + 1);
	while (i < src->len && !(first && src->buf[i] == '}')) {
		json_t *key, *v;

		if (src->buf[i] != '"')
			return syntax_bad(rep, src, i, _("expected a field name in double quotes"));
		end = value_end(src, i);
		if (!end)
			return syntax_bad(rep, src, src->len, _("the file ends too early"));
		if (!(key = source_parse(src, i, end, rep)))
			return false;
		i = skip_ws(src, end);
		if (json_object_get(header, json_string_value(key)) ||
		    (strcmp(json_string_value(key), "companies") == 0 && src->list_end)) {
			json_decref(key);
			return syntax_bad(rep, src, i, _("a field appears twice in the same object"));
		}
		if (i >= src->len || src->buf[i] != ':') {
			json_decref(key);
			return syntax_bad(rep, src, i, _("expected ':'"));
		}
		start = skip_ws(src, i + 1);
		end = start < src->len ? value_end(src, start) : 0;
		if (!end || end == start) {
			json_decref(key);
			return syntax_bad(rep, src, end ? end : src->len, _("a value is missing or "
			                                                 "the file ends too early"));
		}
		if (strcmp(json_string_value(key), "companies") == 0 && src->buf[start] == '[') {
			src->list_start = start;
			src->list_end = end;
		} else if ((v = source_parse(src, start, end, rep)) != NULL) {
			json_object_set_new(header, json_string_value(key), v);
		} else {
			json_decref(key);
			return false;
		}
		json_decref(key);
		first = false;
		i = skip_ws(src, end);
		if (i < src->len && src->buf[i] == ',') {
			i = skip_ws(src, i + 1);
			continue;
		}
		if (i >= src->len || src->buf[i] != '}')
			return syntax_bad(rep, src, i, _("expected ',' or '}'"));
		break;
	}
	if (i >= src->len)
		return syntax_bad(rep, src, i, _("the file ends too early"));
	i = skip_ws(src, i + 1);
	if (i < src->len)
		return syntax_bad(rep, src, i, _("something follows the end of the export"));
	return true;
}

/* Calls fn with each company of the list, parsed on its own; stops at the
 * first false (fn's own or a syntax error, reported in rep). */
static bool source_each_company(const struct source *src, struct exchange_report *rep,
                                bool (*fn)(size_t i, json_t *obj, void *ctx), void *ctx)
{
	size_t i = skip_ws(src, src->list_start + 1), n = 0, end;

	if (i < src->list_end && src->buf[i] == ']')
		return true;
	while (i < src->list_end) {
		json_t *obj;
		bool ok;

		end = value_end(src, i);
		if (!end || end == i || end > src->list_end)
			return syntax_bad(rep, src, end && end != i ? end : i,
			                  _("a value is missing or the file ends too early"));
		if (!(obj = source_parse(src, i, end, rep)))
			return false;
		ok = fn(n++, obj, ctx);
		json_decref(obj);
		if (!ok)
			return false;
		i = skip_ws(src, end);
		if (i < src->list_end && src->buf[i] == ',') {
			i = skip_ws(src, i + 1);
			continue;
		}
		if (i < src->list_end && src->buf[i] == ']' && i + 1 == src->list_end)
			return true;
		return syntax_bad(rep, src, i, _("expected ',' or ']'"));
	}
	return syntax_bad(rep, src, i, _("the file ends too early"));
}

/* ---- import: entry points ------------------------------------------------ */

/* A jansson error at line/col of the whole file (e NULL: nothing to say). */
static void load_error(struct exchange_report *rep, const json_error_t *e, int line, int col)
{
	if (!e)
		return;
	switch (json_error_code(e)) {
	case json_error_invalid_utf8:
		snprintf(rep->error, sizeof rep->error,
		         _("line %d, column %d: the file is not valid UTF-8 text; save it "
		           "as UTF-8 and import it again"), line, col);
		break;
	case json_error_null_character:
		snprintf(rep->error, sizeof rep->error,
		         _("line %d, column %d: a text holds a NUL character (\\u0000), "
		           "which smready does not accept"), line, col);
		break;
	case json_error_duplicate_key:
		snprintf(rep->error, sizeof rep->error,
		         _("line %d, column %d: a field appears twice in the same object"),
		         line, col);
		break;
	case json_error_out_of_memory:
		snprintf(rep->error, sizeof rep->error, "%s",
		         _("not enough memory to read the file"));
		break;
	default:
		/* jansson's own description is English; the position is what helps */
		snprintf(rep->error, sizeof rep->error,
		         _("line %d, column %d: this is not valid JSON (%s)"), line, col, e->text);
		break;
	}
}

/* A file whose top level is not an object: parsed whole (it holds no
 * companies) so that the message can say what it is. */
static void refuse_top(const struct source *src, struct exchange_report *rep)
{
	json_t *v;
	json_t *companies;

	memset(rep->error, 0, sizeof rep->error);
	v = source_parse(src, 0, src->len, rep);
	if (v)
		check_header(rep, v, &companies);
	json_decref(v);
}

static enum exchange_status import_source(struct store *st, struct source *src,
                                          bool dry_run, struct exchange_report *rep)
{
	struct import_ctx x = { .st = st, .rep = rep, .err = STORE_OK };
	struct check_ctx cx = { .st = st, .rep = rep };
	json_t *header = json_object(), *companies = NULL;
	enum store_err err;
	bool ok;

	if (src->len == 0 || skip_ws(src, 0) == src->len) {
		json_decref(header);
		snprintf(rep->error, sizeof rep->error, "%s", _("the file is empty"));
		return EXCHANGE_INVALID;
	}
	if (src->buf[skip_ws(src, 0)] != '{') {
		json_decref(header);
		refuse_top(src, rep);
		return EXCHANGE_INVALID;
	}
	ok = header && source_envelope(src, header, rep);
	if (ok && src->list_end)
		json_object_set_new(header, "companies", json_array());
	ok = ok && check_header(rep, header, &companies);
	json_decref(header);
	if (!ok)
		return EXCHANGE_INVALID;
	cx.cset = json_object();
	cx.aset = json_object();
	cx.tset = json_object();
	ok = cx.cset && cx.aset && cx.tset && source_each_company(src, rep, check_company, &cx);
	json_decref(cx.cset);
	json_decref(cx.aset);
	json_decref(cx.tset);
	if (!ok)
		return EXCHANGE_INVALID;
	err = store_begin(st);
	if (err != STORE_OK) {
		rep->store_status = err;
		snprintf(rep->error, sizeof rep->error, "%s", store_error(st));
		return EXCHANGE_FAILED;
	}
	ok = source_each_company(src, rep, import_company, &x);
	if (!ok || dry_run) {
		store_rollback(st);
	} else if ((err = store_commit(st)) != STORE_OK) {
		store_rollback(st);
		x.err = err;
		snprintf(rep->error, sizeof rep->error, "%s", store_error(st));
		ok = false;
	}
	if (!ok) {
		/* the counts describe work that was rolled back */
		rep->companies_added = rep->companies_known = 0;
		rep->assessments_added = rep->assessments_unchanged = 0;
		rep->actions_added = rep->actions_updated = rep->actions_unchanged = 0;
		rep->store_status = x.err;
		return x.refused || x.err == STORE_OK ? EXCHANGE_INVALID : EXCHANGE_FAILED;
	}
	return rep->n_conflicts ? EXCHANGE_CONFLICTS : EXCHANGE_OK;
}

enum exchange_status exchange_import_buffer(struct store *st, const char *data,
                                            size_t len, bool dry_run,
                                            struct exchange_report *rep)
{
	struct source src = { .buf = data, .len = len };

	memset(rep, 0, sizeof *rep);
	return import_source(st, &src, dry_run, rep);
}

enum exchange_status exchange_import_file(struct store *st, FILE *in, bool dry_run,
                                          struct exchange_report *rep)
{
	char *buf = NULL, *grown;
	size_t len = 0, cap = 0, got;
	enum exchange_status s;

	memset(rep, 0, sizeof *rep);
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			grown = realloc(buf, cap);
			if (!grown) {
				free(buf);
				snprintf(rep->error, sizeof rep->error, "%s",
				         _("not enough memory to read the file"));
				return EXCHANGE_INVALID;
			}
			buf = grown;
		}
		got = fread(buf + len, 1, cap - len, in);
		len += got;
	} while (got > 0);
	if (ferror(in)) {
		free(buf);
		snprintf(rep->error, sizeof rep->error, "%s", _("the file cannot be read"));
		return EXCHANGE_INVALID;
	}
	s = exchange_import_buffer(st, buf, len, dry_run, rep);
	free(buf);
	return s;
}

