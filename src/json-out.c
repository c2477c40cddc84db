/*
 * json-out.c - records as JSON, written once for the command line's
 * --json output and the export format (see json-out.h).
 */
#include "config.h"

#include "json-out.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "scoring.h"
#include "text.h"
#include "timefmt.h"

json_t *jo_str(const char *s)
{
	return json_string(s ? s : "");
}

/* A text of a record.  The export is lossless or nothing: a text that is
 * not UTF-8 fails it.  The --json output shows such a text (written by
 * another program) with U+FFFD for each bad byte rather than losing the
 * whole record. */
static json_t *jo_text(const char *s, enum jo_form form)
{
	json_t *j = jo_str(s);
	char *fixed;

	if (j || form == JO_EXPORT || !s)
		return j;
	fixed = text_valid_dup(s);
	j = fixed ? json_string(fixed) : NULL;
	free(fixed);
	return j;
}

json_t *jo_time(long long t, bool zero_is_null)
{
	char buf[TIMEFMT_ISO_SIZE];

	if (zero_is_null && t == 0)
		return json_null();
	return json_string(timefmt_iso(t, buf, sizeof buf));
}

json_t *jo_score(int score)
{
	return score >= 0 && score <= 100 ? json_integer(score) : json_null();
}

json_t *jo_level(int level)
{
	if (level < 0 || level >= LEVEL_COUNT)
		return json_null();
	return json_string(scoring_level_key((enum level)level));
}

json_t *jo_value(int value, enum jo_form form)
{
	if (value >= ANSWER_MIN && value <= ANSWER_MAX)
		return json_integer(value);
	if (value == ANSWER_DONT_KNOW)
		return json_string(form == JO_EXPORT ? "dont-know" : "dk");
	return json_null();       /* unanswered: the row only keeps a note */
}

bool jo_set(json_t *o, const char *key, json_t *v)
{
	if (!v)
		return false;
	return json_object_set_new(o, key, v) == 0;
}

/* o, or NULL (o freed) when building it failed. */
static json_t *jo_done(json_t *o, bool ok)
{
	if (ok)
		return o;
	json_decref(o);
	return NULL;
}

json_t *jo_company(const struct company *c, enum jo_form form)
{
	json_t *o = json_object();
	bool ok = o != NULL;

	if (form == JO_CLI)
		ok = ok && jo_set(o, "id", json_integer(c->id));
	ok = ok && jo_set(o, "uuid", jo_text(c->uuid, form));
	ok = ok && jo_set(o, "name", jo_text(c->name, form));
	ok = ok && jo_set(o, "industry", jo_text(c->industry, form));
	ok = ok && jo_set(o, "contact", jo_text(c->contact, form));
	ok = ok && jo_set(o, "notes", jo_text(c->notes, form));
	ok = ok && jo_set(o, "created", jo_time(c->created, form == JO_CLI));
	ok = ok && jo_set(o, "archived", json_boolean(c->archived));
	ok = ok && jo_set(o, "sample", json_boolean(c->sample));
	return jo_done(o, ok);
}

/* jo_company's members, written as they go: the same keys in the same
 * order (check_text compares the two). */
void jw_company_members(struct jw *w, const struct company *c, enum jo_form form)
{
	bool lossy = form == JO_CLI;

	if (form == JO_CLI) {
		jw_key(w, "id");
		jw_int(w, c->id);
	}
	jw_key(w, "uuid");
	jw_str(w, c->uuid, lossy);
	jw_key(w, "name");
	jw_str(w, c->name, lossy);
	jw_key(w, "industry");
	jw_str(w, c->industry, lossy);
	jw_key(w, "contact");
	jw_str(w, c->contact, lossy);
	jw_key(w, "notes");
	jw_str(w, c->notes, lossy);
	jw_key(w, "created");
	jw_time(w, c->created, form == JO_CLI);
	jw_key(w, "archived");
	jw_bool(w, c->archived);
	jw_key(w, "sample");
	jw_bool(w, c->sample);
}

void jw_time(struct jw *w, long long t, bool zero_is_null)
{
	char buf[TIMEFMT_ISO_SIZE];

	if (zero_is_null && t == 0)
		jw_null(w);
	else
		jw_str(w, timefmt_iso(t, buf, sizeof buf), false);
}

void jw_score(struct jw *w, int score)
{
	if (score >= 0 && score <= 100)
		jw_int(w, score);
	else
		jw_null(w);
}

void jw_level(struct jw *w, int level)
{
	if (level < 0 || level >= LEVEL_COUNT)
		jw_null(w);
	else
		jw_str(w, scoring_level_key((enum level)level), false);
}

json_t *jo_assessment(const struct assessment *a, enum jo_form form, const char *based_on)
{
	json_t *o = json_object();
	bool ok = o != NULL, cli = form == JO_CLI;

	if (cli) {
		ok = ok && jo_set(o, "id", json_integer(a->id));
		ok = ok && jo_set(o, "number", json_integer(a->number));
	}
	ok = ok && jo_set(o, "uuid", jo_text(a->uuid, form));
	ok = ok && jo_set(o, "status", json_string(a->status == ASSESS_FINAL ? "final" : "draft"));
	ok = ok && jo_set(o, "questionnaire", jo_text(a->questionnaire, form));
	ok = ok && jo_set(o, "questionnaire_version", json_integer(a->qversion));
	ok = ok && jo_set(o, "started", jo_time(a->started, cli));
	ok = ok && jo_set(o, "completed", jo_time(a->completed, true));
	ok = ok && jo_set(o, "updated", jo_time(a->updated, cli));
	ok = ok && jo_set(o, "assessor", jo_text(a->assessor, form));
	ok = ok && jo_set(o, "summary", jo_text(a->summary, form));
	/* A draft has no score: the store keeps -1 for it. */
	ok = ok && jo_set(o, "overall", a->status == ASSESS_FINAL ? jo_score(a->overall)
	                                                          : json_null());
	ok = ok && jo_set(o, "level", a->status == ASSESS_FINAL ? jo_level(a->level)
	                                                        : json_null());
	/* The level the score alone gives, beside the one stop signs allow. */
	if (cli)
		ok = ok && jo_set(o, "band", a->status == ASSESS_FINAL
		                  ? jo_level(scoring_band(a->overall)) : json_null());
	ok = ok && jo_set(o, "reopened", json_integer(a->reopened));
	if (cli)
		ok = ok && jo_set(o, "based_on", a->based_on ? json_integer(a->based_on)
		                                             : json_null());
	else
		ok = ok && jo_set(o, "based_on", based_on ? json_string(based_on) : json_null());
	return jo_done(o, ok);
}

void jw_assessment_members(struct jw *w, const struct assessment *a, enum jo_form form,
                           const char *based_on)
{
	bool cli = form == JO_CLI, final = a->status == ASSESS_FINAL;

	if (cli) {
		jw_key(w, "id");
		jw_int(w, a->id);
		jw_key(w, "number");
		jw_int(w, a->number);
	}
	jw_key(w, "uuid");
	jw_str(w, a->uuid, cli);
	jw_key(w, "status");
	jw_str(w, final ? "final" : "draft", false);
	jw_key(w, "questionnaire");
	jw_str(w, a->questionnaire, cli);
	jw_key(w, "questionnaire_version");
	jw_int(w, a->qversion);
	jw_key(w, "started");
	jw_time(w, a->started, cli);
	jw_key(w, "completed");
	jw_time(w, a->completed, true);
	jw_key(w, "updated");
	jw_time(w, a->updated, cli);
	jw_key(w, "assessor");
	jw_str(w, a->assessor, cli);
	jw_key(w, "summary");
	jw_str(w, a->summary, cli);
	jw_key(w, "overall");
	if (final)
		jw_score(w, a->overall);
	else
		jw_null(w);
	jw_key(w, "level");
	if (final)
		jw_level(w, a->level);
	else
		jw_null(w);
	if (cli) {
		jw_key(w, "band");
		if (final)
			jw_level(w, scoring_band(a->overall));
		else
			jw_null(w);
	}
	jw_key(w, "reopened");
	jw_int(w, a->reopened);
	jw_key(w, "based_on");
	if (cli)
		jw_int_if(w, a->based_on != 0, a->based_on);
	else if (based_on)
		jw_str(w, based_on, false);
	else
		jw_null(w);
}

json_t *jo_answer(const struct answer *an, enum jo_form form)
{
	json_t *o = json_object();
	bool ok = o != NULL;

	ok = ok && jo_set(o, "item", jo_text(an->item_key, form));
	ok = ok && jo_set(o, "value", jo_value(an->value, form));
	ok = ok && jo_set(o, "note", jo_text(an->note, form));
	ok = ok && jo_set(o, "changed", jo_time(an->changed, form == JO_CLI));
	ok = ok && jo_set(o, "carried", json_boolean(an->carried));
	return jo_done(o, ok);
}

json_t *jo_action(const struct action *a, enum jo_form form, const char *today)
{
	json_t *o = json_object(), *items = json_array(), *changes = json_array();
	bool ok = o && items && changes, cli = form == JO_CLI;

	for (size_t i = 0; ok && i < a->n_items; i++) {
		json_t *it = json_object();

		ok = it && jo_set(it, "item", jo_text(a->items[i].key, form)) &&
		     jo_set(it, "target", json_integer(a->items[i].target)) &&
		     json_array_append_new(items, it) == 0;
	}
	for (size_t i = 0; ok && i < a->n_changes; i++) {
		json_t *ch = json_object();

		ok = ch && jo_set(ch, "at", jo_time(a->changes[i].at, false)) &&
		     jo_set(ch, "status", json_string(plan_status_key(a->changes[i].status))) &&
		     json_array_append_new(changes, ch) == 0;
	}
	if (cli)
		ok = ok && jo_set(o, "id", json_integer(a->id));
	ok = ok && jo_set(o, "uuid", jo_text(a->uuid, form));
	ok = ok && jo_set(o, "number", json_integer(a->number));
	ok = ok && jo_set(o, "title", jo_text(a->title, form));
	ok = ok && jo_set(o, "owner", jo_text(a->owner, form));
	ok = ok && jo_set(o, "due", a->due[0] ? jo_text(a->due, form) : json_null());
	ok = ok && jo_set(o, "status", json_string(plan_status_key(a->status)));
	if (cli && today)
		ok = ok && jo_set(o, "overdue", json_boolean(!plan_status_closed(a->status) &&
		                                             a->due[0] && strcmp(a->due, today) < 0));
	ok = ok && jo_set(o, "note", jo_text(a->note, form));
	ok = ok && jo_set(o, "questionnaire", jo_text(a->questionnaire, form));
	ok = ok && jo_set(o, "questionnaire_version", json_integer(a->qversion));
	ok = ok && jo_set(o, "origin", a->origin_uuid[0] ? jo_text(a->origin_uuid, form)
	                                               : json_null());
	ok = ok && jo_set(o, "created", jo_time(a->created, false));
	ok = ok && jo_set(o, "updated", jo_time(a->updated, false));
	/* jo_set() takes the arrays either way; unless it was not called. */
	if (ok) {
		ok = jo_set(o, "items", items);
		items = NULL;
	}
	if (ok) {
		ok = jo_set(o, "changes", changes);
		changes = NULL;
	}
	json_decref(items);
	json_decref(changes);
	return jo_done(o, ok);
}
