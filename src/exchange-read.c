/*
 * exchange-read.c - reading an export file's records: the members of one
 * object at a time out of the stream (exchange-json.c), each field checked
 * for its kind and its rules (names, texts, UUIDs, times, answers), every
 * refusal naming the place in the file; and the messages the import
 * collects.
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

#include "exchange-int.h"
#include "i18n.h"
#include "scoring.h"
#include "text.h"
#include "timefmt.h"

/* ---- small helpers ------------------------------------------------------ */

void xc_msg_set(char *msg, size_t msgsz, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !msgsz)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msgsz, fmt, ap);
	va_end(ap);
}

/* A short, printable rendering of text from a file for a message: at most
 * 40 characters, controls shown as '?', cut on a character boundary. */
static const char *shown(const char *s, char *buf, size_t bufsz)
{
	size_t o = 0, chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && o + 5 < bufsz; p++) {
		if ((*p & 0xC0) != 0x80 && ++chars > 40) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		buf[o++] = (*p < 0x20 || *p == 0x7f) ? '?' : (char)*p;
	}
	/* never end inside a multi-byte character */
	while (o > 0 && ((unsigned char)buf[o - 1] & 0x80) &&
	       !text_utf8_valid(buf, o))
		o--;
	buf[o] = '\0';
	return buf;
}

/* path + suffix into dst, cut when too long (paths only go into messages). */
static char *path_join(char *dst, size_t dstsz, const char *path, const char *suffix)
{
	size_t a = strlen(path), b = strlen(suffix);

	if (a > dstsz - 1)
		a = dstsz - 1;
	memmove(dst, path, a);
	if (b > dstsz - 1 - a)
		b = dstsz - 1 - a;
	memcpy(dst + a, suffix, b);
	dst[a + b] = '\0';
	return dst;
}

/* "path.key" */
char *xc_path_key(char *dst, size_t dstsz, const char *path, const char *key)
{
	path_join(dst, dstsz, path, path[0] ? "." : "");
	return path_join(dst, dstsz, dst, key);
}

/* "path" + "name[i]": built for every record, so without printf */
char *xc_path_index(char *dst, size_t dstsz, const char *path, const char *name,
                    size_t i)
{
	char idx[32], *e = idx + sizeof idx;

	*--e = '\0';
	*--e = ']';
	do
		*--e = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	*--e = '[';
	path_join(dst, dstsz, path, name);
	return path_join(dst, dstsz, dst, e);
}

/* shown(), in double quotes */
const char *xc_quoted(const char *s, char *buf, size_t bufsz)
{
	char inner[64];

	snprintf(buf, bufsz, "\"%s\"", shown(s, inner, sizeof inner));
	return buf;
}

const char *xc_level_key(int level)
{
	if (level < 0 || level >= LEVEL_COUNT)
		return NULL;
	return scoring_level_key((enum level)level);
}

/* The UUID of the assessment a was started from, into buf; NULL if none. */
const char *xc_based_on_uuid(struct store *st, long long id, char *buf, size_t bufsz)
{
	char uuid[STORE_UUID_LEN + 1];

	if (id == 0 || store_assessment_uuid_of(st, id, uuid) != STORE_OK)
		return NULL;
	snprintf(buf, bufsz, "%s", uuid);
	return buf;
}

/* ---- import: reporting -------------------------------------------------- */

bool xc_push_line(char ***list, size_t *n, const char *fmt, ...)
{
	char buf[1024];
	char **grown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	grown = realloc(*list, (*n + 1) * sizeof **list);
	if (!grown)
		return false;
	*list = grown;
	grown[*n] = strdup(buf);
	if (!grown[*n])
		return false;
	(*n)++;
	return true;
}

void exchange_report_clear(struct exchange_report *rep)
{
	for (size_t i = 0; i < rep->n_conflicts; i++)
		free(rep->conflicts[i]);
	for (size_t i = 0; i < rep->n_notices; i++)
		free(rep->notices[i]);
	free(rep->conflicts);
	free(rep->notices);
	memset(rep, 0, sizeof *rep);
}

/* Records why the file is refused: "PATH: message".  Returns false so that
 * checks can `return xc_bad(...)`. */
bool xc_bad(struct exchange_report *rep, const char *path, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(rep->error, sizeof rep->error, "%s: ", path[0] ? path : _("the file"));

	if (n < 0 || (size_t)n >= sizeof rep->error)
		return false;
	va_start(ap, fmt);
	vsnprintf(rep->error + n, sizeof rep->error - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/* ---- import: reading records out of the stream -------------------------- */

const char *const xc_company_keys[] = {
	"uuid", "name", "industry", "contact", "notes", "created", "archived",
	"sample", "assessments", "actions", NULL
};
const char *const xc_action_keys[] = {
	"uuid", "number", "title", "owner", "due", "status", "note", "questionnaire",
	"questionnaire_version", "origin", "created", "updated", "items", "changes", NULL
};
const char *const xc_action_item_keys[] = { "item", "target", NULL };
const char *const xc_action_change_keys[] = { "at", "status", NULL };
const char *const xc_assessment_keys[] = {
	"uuid", "status", "questionnaire", "questionnaire_version", "started",
	"completed", "updated", "assessor", "summary", "overall", "level",
	"reopened", "based_on", "answers", NULL
};
const char *const xc_answer_keys[] = {
	"item", "value", "note", "changed", "carried", NULL
};
const char *const xc_header_keys[] = {
	"format", "version", "generator", "exported", "companies", NULL
};
enum { NK_ITEM, NK_VALUE, NK_NOTE, NK_CHANGED, NK_CARRIED };

void xc_rec_init(struct xrec *rec, const char *const *keys, const struct xtext *text)
{
	rec->keys = keys;
	rec->kind = XV_OBJECT;
	memset(rec->v, 0, sizeof rec->v);
	rec->unknown[0] = '\0';
	rec->text = text;
	rec->defer_key = -1;
	rec->deferred = false;
	rec->alt_list_key = -1;
	rec->list_hit = -1;
}

const char *xc_rec_str(const struct xrec *rec, int k)
{
	return rec->text->buf + rec->v[k].off;
}

void xc_text_free(struct xtext *text)
{
	free(text->buf);
	memset(text, 0, sizeof *text);
}

/* Keeps s[0..n) and a NUL in text; its offset into *off. */
static bool text_keep(struct xj *x, struct xtext *text, const char *s, size_t n, size_t *off)
{
	if (text->len + n + 1 > text->cap) {
		size_t cap = text->cap ? text->cap * 2 : 4096;
		char *more;

		while (cap < text->len + n + 1)
			cap *= 2;
		more = realloc(text->buf, cap);
		if (!more) {
			snprintf(x->err, x->errsz, "%s", _("not enough memory to read the file"));
			x->failed = true;
			return false;
		}
		text->buf = more;
		text->cap = cap;
	}
	memcpy(text->buf + text->len, s, n);
	text->buf[text->len + n] = '\0';
	*off = text->len;
	text->len += n + 1;
	return true;
}

int xc_tok_kind(enum xj_tok t)
{
	switch (t) {
	case XJ_NULL: return XV_NULL;
	case XJ_TRUE: case XJ_FALSE: return XV_BOOL;
	case XJ_INT: return XV_INT;
	case XJ_REAL: return XV_REAL;
	case XJ_STRING: return XV_STRING;
	case XJ_ARR: return XV_ARRAY;
	case XJ_OBJ: return XV_OBJECT;
	default: return XV_NONE;
	}
}

/* The value whose first token was just read, into v (containers skipped). */
static bool read_value(struct xj *x, struct xtext *text, struct xval *v)
{
	memset(v, 0, sizeof *v);
	v->kind = (unsigned char)xc_tok_kind(x->tok);
	v->b = x->tok == XJ_TRUE;
	v->i = x->num;
	if (x->tok == XJ_STRING) {
		v->len = x->slen;
		return text_keep(x, text, x->str, x->slen, &v->off);
	}
	return xj_skip(x);
}

/* The index of key in keys; hint is where to look first (files written by
 * smready have their keys in the order of the lists). */
static int key_index(const char *const *keys, const char *key, int hint)
{
	if (keys[hint] && strcmp(keys[hint], key) == 0)
		return hint;
	for (int k = 0; keys[k]; k++)
		if (strcmp(keys[k], key) == 0)
			return k;
	return -1;
}

bool xc_read_members(struct xj *x, struct xrec *rec, struct xtext *text, int list_key,
                     bool resume, bool *at_list)
{
	bool first = !resume, done;
	int k = -1;

	*at_list = false;
	while (xj_member(x, &first, &done)) {
		k = key_index(rec->keys, x->str, k + 1);

		if (k >= 0 && rec->v[k].kind != XV_NONE) {
			int line, col;

			xj_where(x, x->tok_off, &line, &col);
			snprintf(x->err, x->errsz, _("line %d, column %d: a field appears twice in "
			                             "the same object"), line, col);
			x->failed = true;
			return false;
		}
		if (k < 0 && !rec->unknown[0])
			shown(x->str, rec->unknown, sizeof rec->unknown);
		if (!xj_colon_value(x))
			return false;
		if (k < 0) {             /* refused later; its value is not kept */
			if (!xj_skip(x))
				return false;
			continue;
		}
		if ((k == list_key || k == rec->alt_list_key) && x->tok == XJ_ARR) {
			rec->v[k].kind = XV_ARRAY;
			rec->list_hit = k;
			*at_list = true;
			return true;
		}
		if (k == rec->defer_key && x->tok == XJ_ARR) {
			rec->v[k].kind = XV_ARRAY;
			rec->defer = xj_mark_token(x);
			rec->deferred = true;
			if (!xj_keep(x, &rec->defer, true) || !xj_skip(x))
				return false;
			continue;
		}
		if (!read_value(x, text, &rec->v[k]))
			return false;
	}
	return done;
}

bool xc_skip_members(struct xj *x)
{
	bool first = false, done;

	while (xj_member(x, &first, &done))
		if (!xj_colon_value(x) || !xj_skip(x))
			return false;
	return done;
}

/* The elements of a list of objects into recs (keys), up to keep of them;
 * the rest only read for their syntax, counted in *n all the same. */
static bool read_objects(struct xj *x, struct xrec *recs, size_t keep, size_t *n,
                         const char *const *keys, struct xtext *text)
{
	bool first = true, done, inner;

	*n = 0;
	while (xj_element(x, &first, &done)) {
		struct xrec *r = *n < keep ? &recs[*n] : NULL;

		(*n)++;
		if (!r) {
			if (!xj_skip(x))
				return false;
			continue;
		}
		xc_rec_init(r, keys, text);
		if (x->tok != XJ_OBJ) {
			r->kind = (unsigned char)xc_tok_kind(x->tok);
			if (!xj_skip(x))
				return false;
		} else if (!xc_read_members(x, r, text, -1, false, &inner)) {
			return false;
		}
	}
	return done;
}

bool xc_read_assessment(struct xj *x, struct xassess *a, struct xtext *text)
{
	bool at_list;
	size_t n;

	text->len = 0;
	a->n_answers = 0;
	xc_rec_init(&a->rec, xc_assessment_keys, text);
	if (x->tok != XJ_OBJ) {
		a->rec.kind = (unsigned char)xc_tok_kind(x->tok);
		return xj_skip(x);
	}
	if (!xc_read_members(x, &a->rec, text, AK_ANSWERS, false, &at_list))
		return false;
	if (!at_list)
		return true;
	/* up to XC_ANSWERS_KEPT kept: the first surplus one is refused */
	if (!read_objects(x, a->answers, XC_ANSWERS_KEPT, &n, xc_answer_keys, text))
		return false;
	a->n_answers = n < XC_ANSWERS_KEPT ? n : XC_ANSWERS_KEPT;
	return xc_read_members(x, &a->rec, text, AK_ANSWERS, true, &at_list);
}


/* The members of the action whose '{' was just read; its two lists, items
 * and changes, are read where they stand, in either order. */
static bool read_action_members(struct xj *x, struct xaction *a, struct xtext *text)
{
	bool at_list, resume = false;
	size_t n;

	a->rec.alt_list_key = TK_CHANGES;
	for (;;) {
		int list = a->rec.v[TK_ITEMS].kind == XV_NONE ? TK_ITEMS : TK_CHANGES;

		if (a->rec.v[TK_ITEMS].kind != XV_NONE && a->rec.v[TK_CHANGES].kind != XV_NONE)
			list = -1;                  /* both read: the rest are plain fields */
		if (list != TK_ITEMS)
			a->rec.alt_list_key = -1;
		if (!xc_read_members(x, &a->rec, text, list, resume, &at_list))
			return false;
		if (!at_list)
			return true;
		resume = true;
		if (a->rec.list_hit == TK_ITEMS) {
			if (!read_objects(x, a->items, ACTION_MAX_ITEMS + 1, &n, xc_action_item_keys, text))
				return false;
			a->n_items = n;
			a->rec.alt_list_key = -1;
			continue;
		}
		if (a->cap_changes < XC_ACTION_CHANGES_MAX + 1) {
			struct xrec *more = realloc(a->changes, (XC_ACTION_CHANGES_MAX + 1) * sizeof *more);

			if (!more) {
				snprintf(x->err, x->errsz, "%s", _("out of memory"));
				x->failed = true;
				return false;
			}
			a->changes = more;
			a->cap_changes = XC_ACTION_CHANGES_MAX + 1;
		}
		if (!read_objects(x, a->changes, a->cap_changes, &n, xc_action_change_keys, text))
			return false;
		a->n_changes = n;
		/* the items may follow */
		if (a->rec.v[TK_ITEMS].kind == XV_NONE)
			a->rec.alt_list_key = -1;
	}
}

bool xc_read_action(struct xj *x, struct xaction *a, struct xtext *text)
{
	text->len = 0;
	a->n_items = a->n_changes = 0;
	xc_rec_init(&a->rec, xc_action_keys, text);
	if (x->tok != XJ_OBJ) {
		a->rec.kind = (unsigned char)xc_tok_kind(x->tok);
		return xj_skip(x);
	}
	return read_action_members(x, a, text);
}

void xc_action_free(struct xaction *a)
{
	free(a->changes);
	a->changes = NULL;
	a->cap_changes = a->n_changes = 0;
}

/* ---- import: reading fields -------------------------------------------- */

const char *xc_kind_name(int kind)
{
	switch (kind) {
	case XV_OBJECT: return _("an object");
	case XV_ARRAY: return _("a list");
	case XV_STRING: return _("a text");
	case XV_INT: return _("a whole number");
	case XV_REAL: return _("a decimal number");
	case XV_BOOL: return _("true or false");
	case XV_NULL: return _("null");
	default: break;
	}
	return "?";
}

bool xc_kind_bad(struct exchange_report *rep, const char *path, const char *key,
                 const char *expected, int kind)
{
	char p[PATH_MAX_LEN];

	xc_path_key(p, sizeof p, path, key);
	return xc_bad(rep, p, _("expected %s, found %s"), expected, xc_kind_name(kind));
}

/* Field k of obj, or NULL with the error set when it is missing. */
static const struct xval *need(struct exchange_report *rep, const struct xrec *obj,
                               const char *path, int k)
{
	if (obj->v[k].kind != XV_NONE)
		return &obj->v[k];
	xc_bad(rep, path, _("the field \"%s\" is missing"), obj->keys[k]);
	return NULL;
}

/* Refuses fields this format version does not have (a typo would otherwise
 * lose data silently). */
bool xc_only_known(struct exchange_report *rep, const struct xrec *obj, const char *path)
{
	char p[PATH_MAX_LEN];

	if (!obj->unknown[0])
		return true;
	xc_path_key(p, sizeof p, path, obj->unknown);
	return xc_bad(rep, p, _("unknown field (format version %d has no such field)"),
	              EXCHANGE_FORMAT_VERSION);
}

bool xc_get_str(struct exchange_report *rep, const struct xrec *obj, const char *path,
                int k, const char **out)
{
	const struct xval *v = need(rep, obj, path, k);

	if (!v)
		return false;
	if (v->kind != XV_STRING)
		return xc_kind_bad(rep, path, obj->keys[k], _("a text"), v->kind);
	*out = xc_rec_str(obj, k);
	return true;
}

/* TEXT_TITLE: a line that must not be empty (an action's title) */
enum text_kind { TEXT_NAME, TEXT_TITLE, TEXT_LINE, TEXT_NOTE };

/* A text field checked by the same rules as typing it in. */
static bool get_text(struct exchange_report *rep, const struct xrec *obj, const char *path,
                     int k, enum text_kind kind, const char **out)
{
	enum text_check c;
	char p[PATH_MAX_LEN], say[128];
	size_t max = kind == TEXT_NOTE ? TEXT_NOTE_MAX : kind == TEXT_NAME ? TEXT_NAME_MAX
	                                                                  : TEXT_FIELD_MAX;

	if (!xc_get_str(rep, obj, path, k, out))
		return false;
	if (kind == TEXT_NOTE)
		c = text_check_note(*out, max);
	else
		c = text_check_line(*out, max, kind == TEXT_LINE);
	if (c == TEXT_OK)
		return true;
	xc_path_key(p, sizeof p, path, obj->keys[k]);
	return xc_bad(rep, p, "%s", text_check_say(c, max, say, sizeof say));
}

static bool get_int(struct exchange_report *rep, const struct xrec *obj, const char *path,
                    int k, long long min, long long max, bool null_ok, long long *out)
{
	const struct xval *v = need(rep, obj, path, k);
	char p[PATH_MAX_LEN];

	if (!v)
		return false;
	if (null_ok && v->kind == XV_NULL) {
		*out = -1;
		return true;
	}
	if (v->kind != XV_INT)
		return xc_kind_bad(rep, path, obj->keys[k], null_ok ? _("a whole number or null")
		                   : _("a whole number"), v->kind);
	*out = v->i;
	if (*out >= min && *out <= max)
		return true;
	xc_path_key(p, sizeof p, path, obj->keys[k]);
	return xc_bad(rep, p, _("%lld is out of range %lld..%lld"), *out, min, max);
}

static bool get_bool(struct exchange_report *rep, const struct xrec *obj, const char *path,
                     int k, bool *out)
{
	const struct xval *v = need(rep, obj, path, k);

	if (!v)
		return false;
	if (v->kind != XV_BOOL)
		return xc_kind_bad(rep, path, obj->keys[k], _("true or false"), v->kind);
	*out = v->b;
	return true;
}

bool xc_get_time(struct exchange_report *rep, const struct xrec *obj, const char *path,
                 int k, bool null_ok, long long *out)
{
	const struct xval *v = need(rep, obj, path, k);
	char p[PATH_MAX_LEN], buf[64];

	if (!v)
		return false;
	if (null_ok && v->kind == XV_NULL) {
		*out = 0;
		return true;
	}
	if (v->kind != XV_STRING)
		return xc_kind_bad(rep, path, obj->keys[k], null_ok ? _("a time or null")
		                   : _("a time"), v->kind);
	if (timefmt_iso_parse(xc_rec_str(obj, k), out))
		return true;
	xc_path_key(p, sizeof p, path, obj->keys[k]);
	return xc_bad(rep, p, _("\"%s\" is not a UTC time like \"2026-11-22T15:04:05Z\""),
	              shown(xc_rec_str(obj, k), buf, sizeof buf));
}

/* A UUID in its 36-character form; copied lower-case into out. */
static bool get_uuid(struct exchange_report *rep, const struct xrec *obj, const char *path,
                     int k, bool null_ok, char out[STORE_UUID_LEN + 1])
{
	const struct xval *v = need(rep, obj, path, k);
	const char *s;
	char p[PATH_MAX_LEN], buf[64];
	size_t i;

	if (!v)
		return false;
	if (null_ok && v->kind == XV_NULL) {
		out[0] = '\0';
		return true;
	}
	if (v->kind != XV_STRING)
		return xc_kind_bad(rep, path, obj->keys[k], null_ok ? _("a UUID or null")
		                   : _("a UUID"), v->kind);
	s = xc_rec_str(obj, k);
	for (i = 0; s[i] && i < STORE_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			break;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
	if (i == STORE_UUID_LEN && s[i] == '\0')
		return true;
	xc_path_key(p, sizeof p, path, obj->keys[k]);
	return xc_bad(rep, p, _("\"%s\" is not a UUID like "
	                        "\"0b7e6a52-3f1c-4d2a-9c51-6f3e2a1b9d40\""),
	              shown(s, buf, sizeof buf));
}

static bool get_array(struct exchange_report *rep, const struct xrec *obj, const char *path,
                      int k)
{
	const struct xval *v = need(rep, obj, path, k);

	if (v && v->kind != XV_ARRAY)
		return xc_kind_bad(rep, path, obj->keys[k], _("a list"), v->kind);
	return v != NULL;
}

static bool is_object(struct exchange_report *rep, const struct xrec *obj, const char *path)
{
	if (obj->kind == XV_OBJECT)
		return true;
	return xc_bad(rep, path, _("expected %s, found %s"), _("an object"),
	              xc_kind_name(obj->kind));
}

/* ---- import: parsing records ------------------------------------------- */

/* A company as read from the file; strings point into the record's texts. */
bool xc_parse_company(struct exchange_report *rep, const struct xrec *obj, const char *path,
                      struct company_in *c)
{
	const char *s;

	memset(c, 0, sizeof *c);
	if (!is_object(rep, obj, path) || !xc_only_known(rep, obj, path) ||
	    !get_uuid(rep, obj, path, CK_UUID, false, c->uuid))
		return false;
	if (!get_text(rep, obj, path, CK_NAME, TEXT_NAME, &s))
		return false;
	c->name = s;
	if (!get_text(rep, obj, path, CK_INDUSTRY, TEXT_LINE, &s))
		return false;
	c->industry = s;
	if (!get_text(rep, obj, path, CK_CONTACT, TEXT_LINE, &s))
		return false;
	c->contact = s;
	if (!get_text(rep, obj, path, CK_NOTES, TEXT_NOTE, &s))
		return false;
	c->notes = s;
	return xc_get_time(rep, obj, path, CK_CREATED, false, &c->created) &&
	       get_bool(rep, obj, path, CK_ARCHIVED, &c->archived) &&
	       get_bool(rep, obj, path, CK_SAMPLE, &c->sample) &&
	       get_array(rep, obj, path, CK_ASSESSMENTS);
}

static bool parse_status(struct exchange_report *rep, const struct xrec *obj, const char *path,
                         enum assess_status *out)
{
	const char *s;
	char p[PATH_MAX_LEN], buf[64];

	if (!xc_get_str(rep, obj, path, AK_STATUS, &s))
		return false;
	if (strcmp(s, "draft") == 0 || strcmp(s, "final") == 0) {
		*out = s[0] == 'f' ? ASSESS_FINAL : ASSESS_DRAFT;
		return true;
	}
	xc_path_key(p, sizeof p, path, "status");
	return xc_bad(rep, p, _("\"%s\" is not \"draft\" or \"final\""), shown(s, buf, sizeof buf));
}

static bool parse_level(struct exchange_report *rep, const struct xrec *obj, const char *path,
                        int *out)
{
	const struct xval *v = need(rep, obj, path, AK_LEVEL);
	char p[PATH_MAX_LEN], buf[64];
	enum level l;

	if (!v)
		return false;
	if (v->kind == XV_NULL) {
		*out = -1;
		return true;
	}
	if (v->kind != XV_STRING)
		return xc_kind_bad(rep, path, "level", _("a level name or null"), v->kind);
	l = scoring_level_from_key(xc_rec_str(obj, AK_LEVEL));
	if (l > LEVEL_UNKNOWN && l < LEVEL_COUNT) {
		*out = (int)l;
		return true;
	}
	xc_path_key(p, sizeof p, path, "level");
	return xc_bad(rep, p, _("\"%s\" is not a readiness level"),
	              shown(xc_rec_str(obj, AK_LEVEL), buf, sizeof buf));
}

/* Everything of an assessment but its answers; *cat gets its questionnaire
 * and based_on its UUID ("" when none). */
bool xc_parse_assessment(struct exchange_report *rep, const struct xrec *obj, const char *path,
                         struct assessment_in *a, const struct catalogue **cat,
                         char based_on[STORE_UUID_LEN + 1])
{
	const char *s;
	long long v;
	char p[PATH_MAX_LEN], buf[64];

	memset(a, 0, sizeof *a);
	if (!is_object(rep, obj, path) || !xc_only_known(rep, obj, path) ||
	    !get_uuid(rep, obj, path, AK_UUID, false, a->uuid) ||
	    !parse_status(rep, obj, path, &a->status) ||
	    !xc_get_str(rep, obj, path, AK_QUESTIONNAIRE, &s) ||
	    !get_int(rep, obj, path, AK_QVERSION, 1, INT_MAX, false, &v))
		return false;
	a->questionnaire = s;
	a->qversion = (int)v;
	*cat = catalogue_find(s, a->qversion);
	if (!*cat) {
		xc_path_key(p, sizeof p, path, "questionnaire");
		return xc_bad(rep, p, _("unknown questionnaire \"%s\" version %d (made with a "
		                        "different smready?)"), shown(s, buf, sizeof buf), a->qversion);
	}
	if (!xc_get_time(rep, obj, path, AK_STARTED, false, &a->started) ||
	    !xc_get_time(rep, obj, path, AK_COMPLETED, true, &a->completed) ||
	    !xc_get_time(rep, obj, path, AK_UPDATED, false, &a->updated) ||
	    !get_text(rep, obj, path, AK_ASSESSOR, TEXT_LINE, &s))
		return false;
	a->assessor = s;
	if (!get_text(rep, obj, path, AK_SUMMARY, TEXT_NOTE, &s) ||
	    !get_int(rep, obj, path, AK_OVERALL, 0, 100, true, &v))
		return false;
	a->summary = s;
	a->overall = (int)v;
	if (!parse_level(rep, obj, path, &a->level) ||
	    !get_int(rep, obj, path, AK_REOPENED, 0, REOPENED_MAX, false, &v))
		return false;
	a->reopened = (int)v;
	/* The store keeps no score or completion time for a draft and needs
	 * the time a final one was completed; a file that says otherwise
	 * would be changed on the way in and then differ from itself. */
	if (a->status == ASSESS_DRAFT && (a->completed || a->overall >= 0 || a->level >= 0))
		return xc_bad(rep, path, _("a draft has no completion time and no score yet: "
		                           "\"completed\", \"overall\" and \"level\" must be null"));
	if (a->status == ASSESS_FINAL && !a->completed) {
		xc_path_key(p, sizeof p, path, "completed");
		return xc_bad(rep, p, _("a final assessment needs the time it was completed"));
	}
	return get_uuid(rep, obj, path, AK_BASED_ON, true, based_on) &&
	       get_array(rep, obj, path, AK_ANSWERS);
}

static bool parse_value(struct exchange_report *rep, const struct xrec *obj, const char *path,
                        int *out)
{
	const struct xval *v = need(rep, obj, path, NK_VALUE);
	char p[PATH_MAX_LEN], buf[64];

	if (!v)
		return false;
	if (v->kind == XV_NULL) {
		*out = ANSWER_UNANSWERED;
		return true;
	}
	if (v->kind == XV_INT && v->i >= ANSWER_MIN && v->i <= ANSWER_MAX) {
		*out = (int)v->i;
		return true;
	}
	xc_path_key(p, sizeof p, path, "value");
	if (v->kind == XV_INT) {
		return xc_bad(rep, p, _("%lld is out of range %d..%d or \"dont-know\""),
		              v->i, ANSWER_MIN, ANSWER_MAX);
	}
	if (v->kind == XV_STRING) {
		if (strcmp(xc_rec_str(obj, NK_VALUE), "dont-know") == 0) {
			*out = ANSWER_DONT_KNOW;
			return true;
		}
		return xc_bad(rep, p, _("\"%s\" is not an answer: use %d..%d, \"dont-know\" or null"),
		              shown(xc_rec_str(obj, NK_VALUE), buf, sizeof buf), ANSWER_MIN,
		              ANSWER_MAX);
	}
	return xc_bad(rep, p, _("expected %d..%d, \"dont-know\" or null, found %s"),
	              ANSWER_MIN, ANSWER_MAX, xc_kind_name(v->kind));
}

/* The answers of an assessment into out[CAT_MAX_ITEMS]: every item known to
 * cat, none twice.  Item keys point into cat, notes into the record. */
bool xc_parse_answers(struct exchange_report *rep, const struct xassess *xa, const char *path,
                      const struct catalogue *cat, struct answer_in *out, size_t *n)
{
	bool seen[CAT_MAX_ITEMS] = { false };
	char p[PATH_MAX_LEN], ip[PATH_MAX_LEN], buf[64];

	*n = 0;
	for (size_t i = 0; i < xa->n_answers; i++) {
		const struct xrec *obj = &xa->answers[i];
		struct answer_in *an = &out[*n];
		const char *s;
		int idx;

		xc_path_index(p, sizeof p, path, ".answers", i);
		memset(an, 0, sizeof *an);
		if (!is_object(rep, obj, p) || !xc_only_known(rep, obj, p) ||
		    !xc_get_str(rep, obj, p, NK_ITEM, &s))
			return false;
		idx = catalogue_item_index(cat, s);
		if (idx < 0 || idx >= CAT_MAX_ITEMS)
			return xc_bad(rep, xc_path_key(ip, sizeof ip, p, "item"),
			              _("\"%s\" is not an item of questionnaire \"%s\" version %d"),
			              shown(s, buf, sizeof buf), cat->id, cat->version);
		if (seen[idx])
			return xc_bad(rep, xc_path_key(ip, sizeof ip, p, "item"),
			              _("\"%s\" is answered twice"), s);
		seen[idx] = true;
		an->item_key = cat->items[idx].key;
		if (!parse_value(rep, obj, p, &an->value) ||
		    !get_text(rep, obj, p, NK_NOTE, TEXT_NOTE, &s))
			return false;
		an->note = s;
		if (!xc_get_time(rep, obj, p, NK_CHANGED, false, &an->changed) ||
		    !get_bool(rep, obj, p, NK_CARRIED, &an->carried))
			return false;
		(*n)++;
	}
	return true;
}

/* ---- import: an action (format version 2) ------------------------------------ */

void xc_parsed_clear(struct xc_action *x)
{
	free(x->changes);
	x->changes = NULL;
	x->a.changes = NULL;
	x->a.n_changes = 0;
}

static bool parse_plan_status(struct exchange_report *rep, const struct xrec *obj,
                              const char *path, int k, enum plan_status *out)
{
	const char *s;
	char p[PATH_MAX_LEN], buf[64];

	if (!xc_get_str(rep, obj, path, k, &s))
		return false;
	if (plan_status_from_key(s, out))
		return true;
	xc_path_key(p, sizeof p, path, obj->keys[k]);
	return xc_bad(rep, p, _("\"%s\" is not \"open\", \"in-progress\", \"done\" or "
	                        "\"dropped\""), shown(s, buf, sizeof buf));
}

static bool parse_action_items(struct exchange_report *rep, const struct xaction *xa,
                               const char *path, const struct catalogue *cat,
                               struct xc_action *x)
{
	char ip[PATH_MAX_LEN], p[PATH_MAX_LEN], buf[64];

	if (xa->n_items > ACTION_MAX_ITEMS) {
		xc_path_key(p, sizeof p, path, "items");
		return xc_bad(rep, p, _("an action aims at %d questions at most"), ACTION_MAX_ITEMS);
	}
	for (size_t i = 0; i < xa->n_items; i++) {
		const struct xrec *it = &xa->items[i];
		const char *key;
		long long target;

		xc_path_index(ip, sizeof ip, path, ".items", i);
		if (!is_object(rep, it, ip) || !xc_only_known(rep, it, ip) ||
		    !xc_get_str(rep, it, ip, IK_ITEM, &key) ||
		    !get_int(rep, it, ip, IK_TARGET, ANSWER_MIN, ANSWER_MAX, false, &target))
			return false;
		if (catalogue_item_index(cat, key) < 0) {
			xc_path_key(p, sizeof p, ip, "item");
			return xc_bad(rep, p, _("questionnaire \"%s\" version %d has no question \"%s\""),
			              cat->id, cat->version, shown(key, buf, sizeof buf));
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(x->items[j].key, key) == 0) {
				xc_path_key(p, sizeof p, ip, "item");
				return xc_bad(rep, p, _("the question \"%s\" is named twice"), key);
			}
		x->items[i].key = key;
		x->items[i].target = (int)target;
	}
	x->a.items = x->items;
	x->a.n_items = xa->n_items;
	return true;
}

static bool parse_action_changes(struct exchange_report *rep, const struct xaction *xa,
                                 const char *path, struct xc_action *x)
{
	char cp[PATH_MAX_LEN], p[PATH_MAX_LEN];
	size_t n = xa->n_changes;

	xc_path_key(p, sizeof p, path, "changes");
	if (n == 0)
		return xc_bad(rep, p, _("an action has at least one change: the one that made it"));
	if (n > XC_ACTION_CHANGES_MAX)
		return xc_bad(rep, p, _("an action has %d changes at most"), XC_ACTION_CHANGES_MAX);
	x->a.changes = x->changes = calloc(n, sizeof *x->changes);
	if (!x->changes)
		return xc_bad(rep, p, "%s", _("out of memory"));
	for (size_t i = 0; i < n; i++) {
		const struct xrec *ch = &xa->changes[i];

		xc_path_index(cp, sizeof cp, path, ".changes", i);
		if (!is_object(rep, ch, cp) || !xc_only_known(rep, ch, cp) ||
		    !xc_get_time(rep, ch, cp, GK_AT, false, &x->changes[i].at) ||
		    !parse_plan_status(rep, ch, cp, GK_STATUS, &x->changes[i].status))
			return false;
		if (i > 0 && x->changes[i].at < x->changes[i - 1].at) {
			xc_path_key(p, sizeof p, cp, "at");
			return xc_bad(rep, p, _("the changes are not in the order of their times"));
		}
		x->a.n_changes = i + 1;
	}
	if (x->changes[n - 1].status != x->a.status)
		return xc_bad(rep, p, _("the last change does not give the action's status"));
	return true;
}

bool xc_parse_action(struct exchange_report *rep, const struct xaction *xa, const char *path,
                     struct xc_action *x)
{
	const struct xrec *obj = &xa->rec;
	struct action_in *a = &x->a;
	const struct catalogue *cat;
	const char *s;
	long long v;
	char p[PATH_MAX_LEN], buf[64];

	memset(x, 0, sizeof *x);
	if (!is_object(rep, obj, path) || !xc_only_known(rep, obj, path) ||
	    !get_uuid(rep, obj, path, TK_UUID, false, a->uuid) ||
	    !get_int(rep, obj, path, TK_NUMBER, 1, INT_MAX, false, &v))
		return false;
	a->number = (int)v;
	if (!get_text(rep, obj, path, TK_TITLE, TEXT_TITLE, &s))
		return false;
	a->title = s;
	if (!get_text(rep, obj, path, TK_OWNER, TEXT_LINE, &s))
		return false;
	a->owner = s;
	if (obj->v[TK_DUE].kind != XV_NULL) {
		if (!xc_get_str(rep, obj, path, TK_DUE, &s))
			return false;
		if (!timefmt_day_valid(s)) {
			xc_path_key(p, sizeof p, path, "due");
			return xc_bad(rep, p, _("\"%s\" is not a day like \"2026-12-31\""),
			              shown(s, buf, sizeof buf));
		}
		snprintf(a->due, sizeof a->due, "%s", s);
	}
	if (!parse_plan_status(rep, obj, path, TK_STATUS, &a->status) ||
	    !get_text(rep, obj, path, TK_NOTE, TEXT_NOTE, &s))
		return false;
	a->note = s;
	if (!xc_get_str(rep, obj, path, TK_QUESTIONNAIRE, &s) ||
	    !get_int(rep, obj, path, TK_QVERSION, 1, INT_MAX, false, &v))
		return false;
	a->questionnaire = s;
	a->qversion = (int)v;
	cat = catalogue_find(s, a->qversion);
	if (!cat) {
		xc_path_key(p, sizeof p, path, "questionnaire");
		return xc_bad(rep, p, _("unknown questionnaire \"%s\" version %d (made with a "
		                        "different smready?)"), shown(s, buf, sizeof buf), a->qversion);
	}
	if (!get_uuid(rep, obj, path, TK_ORIGIN, true, x->origin) ||
	    !xc_get_time(rep, obj, path, TK_CREATED, false, &a->created) ||
	    !xc_get_time(rep, obj, path, TK_UPDATED, false, &a->updated))
		return false;
	if (a->updated < a->created) {
		xc_path_key(p, sizeof p, path, "updated");
		return xc_bad(rep, p, _("an action cannot change before it was made"));
	}
	return get_array(rep, obj, path, TK_ITEMS) && get_array(rep, obj, path, TK_CHANGES) &&
	       parse_action_items(rep, xa, path, cat, x) && parse_action_changes(rep, xa, path, x);
}
