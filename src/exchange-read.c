/*
 * exchange-read.c - reading an export file's records: each field checked for
 * its kind and its rules (names, texts, UUIDs, times, answers), and every
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
#include "json-out.h"
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

/* "path" + "name[i]" */
char *xc_path_index(char *dst, size_t dstsz, const char *path, const char *name,
                        size_t i)
{
	char idx[64];

	snprintf(idx, sizeof idx, "[%zu]", i);
	path_join(dst, dstsz, path, name);
	return path_join(dst, dstsz, dst, idx);
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
	struct assessment b;

	if (id == 0 || store_assessment_get(st, id, &b) != STORE_OK)
		return NULL;
	snprintf(buf, bufsz, "%s", b.uuid);
	store_assessment_clear(&b);
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

/* ---- import: reading fields -------------------------------------------- */

const char *xc_json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return _("an object");
	case JSON_ARRAY: return _("a list");
	case JSON_STRING: return _("a text");
	case JSON_INTEGER: return _("a whole number");
	case JSON_REAL: return _("a decimal number");
	case JSON_TRUE:
	case JSON_FALSE: return _("true or false");
	case JSON_NULL: return _("null");
	}
	return "?";
}

bool xc_kind_bad(struct exchange_report *rep, const char *path, const char *key,
                     const char *expected, const json_t *v)
{
	char p[PATH_MAX_LEN];

	xc_path_key(p, sizeof p, path, key);
	return xc_bad(rep, p, _("expected %s, found %s"), expected, xc_json_kind(v));
}

/* The field key of obj, or NULL with the error set when it is missing. */
static json_t *need(struct exchange_report *rep, json_t *obj, const char *path,
                    const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		xc_bad(rep, path, _("the field \"%s\" is missing"), key);
	return v;
}

/* Refuses fields this format version does not have (a typo would otherwise
 * lose data silently). */
bool xc_only_known(struct exchange_report *rep, json_t *obj, const char *path,
                       const char *const *known)
{
	const char *key;
	json_t *v;
	char buf[64], p[PATH_MAX_LEN];

	json_object_foreach(obj, key, v) {
		size_t i;

		for (i = 0; known[i]; i++)
			if (strcmp(known[i], key) == 0)
				break;
		if (!known[i]) {
			xc_path_key(p, sizeof p, path, shown(key, buf, sizeof buf));
			return xc_bad(rep, p, _("unknown field (format version %d has no such field)"),
			           EXCHANGE_FORMAT_VERSION);
		}
	}
	return true;
}

bool xc_get_str(struct exchange_report *rep, json_t *obj, const char *path,
                    const char *key, const char **out)
{
	json_t *v = need(rep, obj, path, key);

	if (!v)
		return false;
	if (!json_is_string(v))
		return xc_kind_bad(rep, path, key, _("a text"), v);
	*out = json_string_value(v);
	return true;
}

/* TEXT_TITLE: a line that must not be empty (an action's title) */
enum text_kind { TEXT_NAME, TEXT_TITLE, TEXT_LINE, TEXT_NOTE };

/* A text field checked by the same rules as typing it in. */
static bool get_text(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, enum text_kind kind, const char **out)
{
	enum text_check c;
	char p[PATH_MAX_LEN];

	if (!xc_get_str(rep, obj, path, key, out))
		return false;
	if (strlen(*out) != json_string_length(json_object_get(obj, key)))
		c = TEXT_CONTROL;   /* an escaped NUL */
	else if (kind == TEXT_NOTE)
		c = text_check_note(*out, TEXT_NOTE_MAX);
	else if (kind == TEXT_NAME)
		c = text_check_line(*out, TEXT_NAME_MAX, false);
	else
		c = text_check_line(*out, TEXT_FIELD_MAX, kind == TEXT_LINE);
	if (c == TEXT_OK)
		return true;
	xc_path_key(p, sizeof p, path, key);
	return xc_bad(rep, p, "%s", _(text_check_message(c)));
}

static bool get_int(struct exchange_report *rep, json_t *obj, const char *path,
                    const char *key, long long min, long long max, bool null_ok,
                    long long *out)
{
	json_t *v = need(rep, obj, path, key);
	char p[PATH_MAX_LEN];

	if (!v)
		return false;
	if (null_ok && json_is_null(v)) {
		*out = -1;
		return true;
	}
	if (!json_is_integer(v))
		return xc_kind_bad(rep, path, key, null_ok ? _("a whole number or null")
		                : _("a whole number"), v);
	*out = json_integer_value(v);
	if (*out >= min && *out <= max)
		return true;
	xc_path_key(p, sizeof p, path, key);
	return xc_bad(rep, p, _("%lld is out of range %lld..%lld"), *out, min, max);
}

static bool get_bool(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, bool *out)
{
	json_t *v = need(rep, obj, path, key);

	if (!v)
		return false;
	if (!json_is_boolean(v))
		return xc_kind_bad(rep, path, key, _("true or false"), v);
	*out = json_is_true(v);
	return true;
}

bool xc_get_time(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, bool null_ok, long long *out)
{
	json_t *v = need(rep, obj, path, key);
	char p[PATH_MAX_LEN], buf[64];

	if (!v)
		return false;
	if (null_ok && json_is_null(v)) {
		*out = 0;
		return true;
	}
	if (!json_is_string(v))
		return xc_kind_bad(rep, path, key, null_ok ? _("a time or null") : _("a time"), v);
	if (timefmt_iso_parse(json_string_value(v), out))
		return true;
	xc_path_key(p, sizeof p, path, key);
	return xc_bad(rep, p, _("\"%s\" is not a UTC time like \"2026-11-22T15:04:05Z\""),
	           shown(json_string_value(v), buf, sizeof buf));
}

/* A UUID in its 36-character form; copied lower-case into out. */
static bool get_uuid(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, bool null_ok, char out[STORE_UUID_LEN + 1])
{
	json_t *v = need(rep, obj, path, key);
	const char *s;
	char p[PATH_MAX_LEN], buf[64];
	size_t i;

	if (!v)
		return false;
	if (null_ok && json_is_null(v)) {
		out[0] = '\0';
		return true;
	}
	if (!json_is_string(v))
		return xc_kind_bad(rep, path, key, null_ok ? _("a UUID or null") : _("a UUID"), v);
	s = json_string_value(v);
	for (i = 0; s[i] && i < STORE_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			break;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[i] = '\0';
	if (i == STORE_UUID_LEN && s[i] == '\0')
		return true;
	xc_path_key(p, sizeof p, path, key);
	return xc_bad(rep, p, _("\"%s\" is not a UUID like "
	                     "\"0b7e6a52-3f1c-4d2a-9c51-6f3e2a1b9d40\""),
	           shown(s, buf, sizeof buf));
}

static json_t *get_array(struct exchange_report *rep, json_t *obj, const char *path,
                         const char *key)
{
	json_t *v = need(rep, obj, path, key);

	if (v && !json_is_array(v)) {
		xc_kind_bad(rep, path, key, _("a list"), v);
		return NULL;
	}
	return v;
}

static bool is_object(struct exchange_report *rep, json_t *v, const char *path)
{
	if (json_is_object(v))
		return true;
	return xc_bad(rep, path, _("expected %s, found %s"), _("an object"), xc_json_kind(v));
}

/* ---- import: parsing records ------------------------------------------- */

const char *const xc_company_keys[] = {
	"uuid", "name", "industry", "contact", "notes", "created", "archived",
	"sample", "assessments", "actions", NULL
};
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

/* A company as read from the file; strings point into the JSON tree. */
bool xc_parse_company(struct exchange_report *rep, json_t *obj, const char *path,
                          struct company *c)
{
	const char *s;

	memset(c, 0, sizeof *c);
	if (!is_object(rep, obj, path) || !xc_only_known(rep, obj, path, xc_company_keys) ||
	    !get_uuid(rep, obj, path, "uuid", false, c->uuid))
		return false;
	if (!get_text(rep, obj, path, "name", TEXT_NAME, &s))
		return false;
	c->name = (char *)s;
	if (!get_text(rep, obj, path, "industry", TEXT_LINE, &s))
		return false;
	c->industry = (char *)s;
	if (!get_text(rep, obj, path, "contact", TEXT_LINE, &s))
		return false;
	c->contact = (char *)s;
	if (!get_text(rep, obj, path, "notes", TEXT_NOTE, &s))
		return false;
	c->notes = (char *)s;
	return xc_get_time(rep, obj, path, "created", false, &c->created) &&
	       get_bool(rep, obj, path, "archived", &c->archived) &&
	       get_bool(rep, obj, path, "sample", &c->sample) &&
	       get_array(rep, obj, path, "assessments") != NULL;
}

static bool parse_status(struct exchange_report *rep, json_t *obj, const char *path,
                         enum assess_status *out)
{
	const char *s;
	char p[PATH_MAX_LEN], buf[64];

	if (!xc_get_str(rep, obj, path, "status", &s))
		return false;
	if (strcmp(s, "draft") == 0 || strcmp(s, "final") == 0) {
		*out = s[0] == 'f' ? ASSESS_FINAL : ASSESS_DRAFT;
		return true;
	}
	xc_path_key(p, sizeof p, path, "status");
	return xc_bad(rep, p, _("\"%s\" is not \"draft\" or \"final\""), shown(s, buf, sizeof buf));
}

static bool parse_level(struct exchange_report *rep, json_t *obj, const char *path,
                        int *out)
{
	json_t *v = need(rep, obj, path, "level");
	char p[PATH_MAX_LEN], buf[64];
	enum level l;

	if (!v)
		return false;
	if (json_is_null(v)) {
		*out = -1;
		return true;
	}
	if (!json_is_string(v))
		return xc_kind_bad(rep, path, "level", _("a level name or null"), v);
	l = scoring_level_from_key(json_string_value(v));
	if (l > LEVEL_UNKNOWN && l < LEVEL_COUNT) {
		*out = (int)l;
		return true;
	}
	xc_path_key(p, sizeof p, path, "level");
	return xc_bad(rep, p, _("\"%s\" is not a readiness level"),
	           shown(json_string_value(v), buf, sizeof buf));
}

/* Everything of an assessment but its answers; *cat gets its questionnaire
 * and based_on its UUID ("" when none). */
bool xc_parse_assessment(struct exchange_report *rep, json_t *obj, const char *path,
                             struct assessment *a, const struct catalogue **cat,
                             char based_on[STORE_UUID_LEN + 1])
{
	const char *s;
	long long v;
	char p[PATH_MAX_LEN], buf[64];

	memset(a, 0, sizeof *a);
	if (!is_object(rep, obj, path) || !xc_only_known(rep, obj, path, xc_assessment_keys) ||
	    !get_uuid(rep, obj, path, "uuid", false, a->uuid) ||
	    !parse_status(rep, obj, path, &a->status) ||
	    !xc_get_str(rep, obj, path, "questionnaire", &s) ||
	    !get_int(rep, obj, path, "questionnaire_version", 1, INT_MAX, false, &v))
		return false;
	a->questionnaire = (char *)s;
	a->qversion = (int)v;
	*cat = catalogue_find(s, a->qversion);
	if (!*cat) {
		xc_path_key(p, sizeof p, path, "questionnaire");
		return xc_bad(rep, p, _("unknown questionnaire \"%s\" version %d (made with a "
		                     "different smready?)"), shown(s, buf, sizeof buf), a->qversion);
	}
	if (!xc_get_time(rep, obj, path, "started", false, &a->started) ||
	    !xc_get_time(rep, obj, path, "completed", true, &a->completed) ||
	    !xc_get_time(rep, obj, path, "updated", false, &a->updated) ||
	    !get_text(rep, obj, path, "assessor", TEXT_LINE, &s))
		return false;
	a->assessor = (char *)s;
	if (!get_text(rep, obj, path, "summary", TEXT_NOTE, &s) ||
	    !get_int(rep, obj, path, "overall", 0, 100, true, &v))
		return false;
	a->summary = (char *)s;
	a->overall = (int)v;
	if (!parse_level(rep, obj, path, &a->level) ||
	    !get_int(rep, obj, path, "reopened", 0, REOPENED_MAX, false, &v))
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
	return get_uuid(rep, obj, path, "based_on", true, based_on) &&
	       get_array(rep, obj, path, "answers") != NULL;
}

static bool parse_value(struct exchange_report *rep, json_t *obj, const char *path,
                        int *out)
{
	json_t *v = need(rep, obj, path, "value");
	char p[PATH_MAX_LEN], buf[64];

	if (!v)
		return false;
	xc_path_key(p, sizeof p, path, "value");
	if (json_is_null(v)) {
		*out = ANSWER_UNANSWERED;
		return true;
	}
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i >= ANSWER_MIN && i <= ANSWER_MAX) {
			*out = (int)i;
			return true;
		}
		return xc_bad(rep, p, _("%lld is out of range %d..%d or \"dont-know\""),
		           (long long)i, ANSWER_MIN, ANSWER_MAX);
	}
	if (json_is_string(v)) {
		if (strcmp(json_string_value(v), "dont-know") == 0) {
			*out = ANSWER_DONT_KNOW;
			return true;
		}
		return xc_bad(rep, p, _("\"%s\" is not an answer: use %d..%d, \"dont-know\" or null"),
		           shown(json_string_value(v), buf, sizeof buf), ANSWER_MIN, ANSWER_MAX);
	}
	return xc_bad(rep, p, _("expected %d..%d, \"dont-know\" or null, found %s"),
	           ANSWER_MIN, ANSWER_MAX, xc_json_kind(v));
}

/* The answers of an assessment into out[CAT_MAX_ITEMS]: every item known to
 * cat, none twice. */
bool xc_parse_answers(struct exchange_report *rep, json_t *list, const char *path,
                          const struct catalogue *cat, struct answer *out, size_t *n)
{
	bool seen[CAT_MAX_ITEMS] = { false };
	char p[PATH_MAX_LEN], ip[PATH_MAX_LEN], buf[64];
	size_t i;
	json_t *obj;

	*n = 0;
	json_array_foreach(list, i, obj) {
		struct answer *an = &out[*n];
		const char *s;
		int idx;

		xc_path_index(p, sizeof p, path, ".answers", i);
		memset(an, 0, sizeof *an);
		if (!is_object(rep, obj, p) || !xc_only_known(rep, obj, p, xc_answer_keys) ||
		    !xc_get_str(rep, obj, p, "item", &s))
			return false;
		idx = catalogue_item_index(cat, s);
		xc_path_key(ip, sizeof ip, p, "item");
		if (idx < 0 || idx >= CAT_MAX_ITEMS)
			return xc_bad(rep, ip, _("\"%s\" is not an item of questionnaire \"%s\" "
			                      "version %d"), shown(s, buf, sizeof buf),
			           cat->id, cat->version);
		if (seen[idx])
			return xc_bad(rep, ip, _("\"%s\" is answered twice"), s);
		seen[idx] = true;
		an->item_key = (char *)s;
		if (!parse_value(rep, obj, p, &an->value) ||
		    !get_text(rep, obj, p, "note", TEXT_NOTE, &s))
			return false;
		an->note = (char *)s;
		if (!xc_get_time(rep, obj, p, "changed", false, &an->changed) ||
		    !get_bool(rep, obj, p, "carried", &an->carried))
			return false;
		(*n)++;
	}
	return true;
}


/* ---- import: an action --------------------------------------------------- */

const char *const xc_action_keys[] = {
	"uuid", "number", "title", "owner", "due", "status", "note", "questionnaire",
	"questionnaire_version", "origin", "created", "updated", "items", "changes", NULL
};
static const char *const action_item_keys[] = { "item", "target", NULL };
static const char *const action_change_keys[] = { "at", "status", NULL };

void xc_action_clear(struct xc_action *x)
{
	free(x->a.changes);
	memset(x, 0, sizeof *x);
}

static bool parse_plan_status(struct exchange_report *rep, json_t *obj, const char *path,
                              enum plan_status *out)
{
	const char *s;
	char p[PATH_MAX_LEN], buf[64];

	if (!xc_get_str(rep, obj, path, "status", &s))
		return false;
	if (plan_status_from_key(s, out))
		return true;
	xc_path_key(p, sizeof p, path, "status");
	return xc_bad(rep, p, _("\"%s\" is not \"open\", \"in-progress\", \"done\" or "
	                        "\"dropped\""), shown(s, buf, sizeof buf));
}

static bool parse_action_items(struct exchange_report *rep, json_t *list, const char *path,
                               const struct catalogue *cat, struct xc_action *x)
{
	char ip[PATH_MAX_LEN], p[PATH_MAX_LEN], buf[64];
	size_t i;
	json_t *it;

	if (json_array_size(list) > ACTION_MAX_ITEMS) {
		xc_path_key(p, sizeof p, path, "items");
		return xc_bad(rep, p, _("an action aims at %d questions at most"), ACTION_MAX_ITEMS);
	}
	json_array_foreach(list, i, it) {
		const char *key;
		long long target;

		xc_path_index(ip, sizeof ip, path, ".items", i);
		if (!is_object(rep, it, ip) || !xc_only_known(rep, it, ip, action_item_keys) ||
		    !xc_get_str(rep, it, ip, "item", &key) ||
		    !get_int(rep, it, ip, "target", ANSWER_MIN, ANSWER_MAX, false, &target))
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
		x->items[i].key = (char *)key;
		x->items[i].target = (int)target;
	}
	x->a.items = x->items;
	x->a.n_items = json_array_size(list);
	return true;
}

static bool parse_action_changes(struct exchange_report *rep, json_t *list, const char *path,
                                 struct xc_action *x)
{
	char cp[PATH_MAX_LEN], p[PATH_MAX_LEN];
	size_t i, n = json_array_size(list);
	json_t *ch;

	xc_path_key(p, sizeof p, path, "changes");
	if (n == 0)
		return xc_bad(rep, p, _("an action has at least one change: the one that made it"));
	if (n > XC_ACTION_CHANGES_MAX)
		return xc_bad(rep, p, _("an action has %d changes at most"), XC_ACTION_CHANGES_MAX);
	x->a.changes = calloc(n, sizeof *x->a.changes);
	if (!x->a.changes)
		return xc_bad(rep, p, "%s", _("out of memory"));
	json_array_foreach(list, i, ch) {
		xc_path_index(cp, sizeof cp, path, ".changes", i);
		if (!is_object(rep, ch, cp) || !xc_only_known(rep, ch, cp, action_change_keys) ||
		    !xc_get_time(rep, ch, cp, "at", false, &x->a.changes[i].at) ||
		    !parse_plan_status(rep, ch, cp, &x->a.changes[i].status))
			return false;
		if (i > 0 && x->a.changes[i].at < x->a.changes[i - 1].at) {
			xc_path_key(p, sizeof p, cp, "at");
			return xc_bad(rep, p, _("the changes are not in the order of their times"));
		}
		x->a.n_changes = i + 1;
	}
	if (x->a.changes[n - 1].status != x->a.status)
		return xc_bad(rep, p, _("the last change does not give the action's status"));
	return true;
}

bool xc_parse_action(struct exchange_report *rep, json_t *obj, const char *path,
                     struct xc_action *x)
{
	struct action *a = &x->a;
	const struct catalogue *cat;
	const char *s;
	long long v;
	char p[PATH_MAX_LEN], buf[64];

	memset(x, 0, sizeof *x);
	if (!is_object(rep, obj, path) || !xc_only_known(rep, obj, path, xc_action_keys) ||
	    !get_uuid(rep, obj, path, "uuid", false, a->uuid) ||
	    !get_int(rep, obj, path, "number", 1, INT_MAX, false, &v))
		return false;
	a->number = (int)v;
	if (!get_text(rep, obj, path, "title", TEXT_TITLE, &s))
		return false;
	a->title = (char *)s;
	if (!get_text(rep, obj, path, "owner", TEXT_LINE, &s))
		return false;
	a->owner = (char *)s;
	if (!json_is_null(json_object_get(obj, "due"))) {
		if (!xc_get_str(rep, obj, path, "due", &s))
			return false;
		if (!timefmt_day_valid(s)) {
			xc_path_key(p, sizeof p, path, "due");
			return xc_bad(rep, p, _("\"%s\" is not a day like \"2026-12-31\""),
			              shown(s, buf, sizeof buf));
		}
		snprintf(a->due, sizeof a->due, "%s", s);
	} else if (!json_object_get(obj, "due")) {
		return xc_bad(rep, path, _("the field \"%s\" is missing"), "due");
	}
	if (!parse_plan_status(rep, obj, path, &a->status) ||
	    !get_text(rep, obj, path, "note", TEXT_NOTE, &s))
		return false;
	a->note = (char *)s;
	if (!xc_get_str(rep, obj, path, "questionnaire", &s) ||
	    !get_int(rep, obj, path, "questionnaire_version", 1, INT_MAX, false, &v))
		return false;
	a->questionnaire = (char *)s;
	a->qversion = (int)v;
	cat = catalogue_find(s, a->qversion);
	if (!cat) {
		xc_path_key(p, sizeof p, path, "questionnaire");
		return xc_bad(rep, p, _("unknown questionnaire \"%s\" version %d (made with a "
		                     "different smready?)"), shown(s, buf, sizeof buf), a->qversion);
	}
	if (!get_uuid(rep, obj, path, "origin", true, x->origin) ||
	    !xc_get_time(rep, obj, path, "created", false, &a->created) ||
	    !xc_get_time(rep, obj, path, "updated", false, &a->updated))
		return false;
	if (a->updated < a->created) {
		xc_path_key(p, sizeof p, path, "updated");
		return xc_bad(rep, p, _("an action cannot change before it was made"));
	}
	{
		json_t *items = get_array(rep, obj, path, "items");
		json_t *changes = items ? get_array(rep, obj, path, "changes") : NULL;

		return changes && parse_action_items(rep, items, path, cat, x) &&
		       parse_action_changes(rep, changes, path, x);
	}
}
