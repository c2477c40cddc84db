/*
 * assess.c - assessment operations shared by the command line and the UI:
 * load and score, resolve a user's reference, start (or resume) a draft,
 * finish it, compare two, and add the sample companies.
 *
 * Glue only: the store keeps the data, the catalogue/scoring/compare
 * modules do the thinking.  Prints nothing; failures are reported through
 * the store's error message so both faces show the same words.
 */
#include "config.h"

#include "assess.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "i18n.h"
#include "text.h"

#define DAY (24LL * 60 * 60)

static enum store_err assess_fail(struct store *st, enum store_err err, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
static enum store_err assess_fail(struct store *st, enum store_err err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	store_set_error(st, err, msg);
	return err;
}

/* ---- loading -------------------------------------------------------------- */

static void scored_init(struct scored *s)
{
	int i;

	memset(s, 0, sizeof *s);
	for (i = 0; i < CAT_MAX_ITEMS; i++)
		s->values[i] = ANSWER_UNANSWERED;
	s->score.overall = SCORE_NONE;
	s->score.level = LEVEL_UNKNOWN;
	s->score.band = LEVEL_UNKNOWN;
}

void assess_clear(struct scored *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < CAT_MAX_ITEMS; i++) {
		free(s->notes[i]);
		free(s->who[i]);
	}
	store_assessment_clear(&s->a);
	scored_init(s);
}

/* Places the stored answers on the catalogue's item indexes. */
static enum store_err scored_fill(struct store *st, struct scored *s)
{
	struct answer *ans = NULL;
	size_t n = 0, i;
	enum store_err err;
	int k;

	err = store_answers_load(st, s->a.id, &ans, &n);
	if (err != STORE_OK)
		return err;
	for (i = 0; i < n; i++) {
		int idx = catalogue_item_index(s->cat, ans[i].item_key);
		if (idx < 0) {
			/* Kept in the store, counted so a caller can say so. */
			s->n_unknown_keys++;
			continue;
		}
		s->values[idx] = ans[i].value;
		s->changed[idx] = ans[i].changed;
		s->carried[idx] = ans[i].carried;
		free(s->notes[idx]);
		free(s->who[idx]);
		s->notes[idx] = strdup(ans[i].note ? ans[i].note : "");
		s->who[idx] = strdup(ans[i].who ? ans[i].who : "");
		if (!s->notes[idx] || !s->who[idx]) {
			store_answers_free(ans, n);
			return assess_fail(st, STORE_ERROR, "%s", _("Out of memory."));
		}
	}
	store_answers_free(ans, n);
	for (k = 0; k < s->cat->n_items; k++)
		if (!s->notes[k] && !(s->notes[k] = strdup("")))
			return assess_fail(st, STORE_ERROR, "%s", _("Out of memory."));
	return STORE_OK;
}

enum store_err assess_load(struct store *st, long long id, struct scored *out)
{
	enum store_err err;

	scored_init(out);
	err = store_assessment_get(st, id, &out->a);
	if (err != STORE_OK)
		return err;
	out->cat = catalogue_find(out->a.questionnaire, out->a.qversion);
	if (!out->cat) {
		err = assess_fail(st, STORE_INVALID,
		                  _("Assessment %lld uses questionnaire \"%s\" version %d, which "
		                    "this version of smready does not know."),
		                  id, out->a.questionnaire ? out->a.questionnaire : "?",
		                  out->a.qversion);
		assess_clear(out);
		return err;
	}
	err = scored_fill(st, out);
	if (err != STORE_OK) {
		assess_clear(out);
		return err;
	}
	scoring_compute(out->cat, out->values, &out->score);
	return STORE_OK;
}

/* ---- references ------------------------------------------------------------ */

enum store_err assess_resolve(struct store *st, const char *ref, long long *id)
{
	struct assessment a;
	struct company c;
	enum store_err err;

	if (!ref || !*ref)
		return assess_fail(st, STORE_INVALID, "%s",
		                   _("Name an assessment: its number, its UUID or a company name."));
	memset(&a, 0, sizeof a);
	err = store_assessment_find(st, ref, &a);
	if (err == STORE_OK) {
		*id = a.id;
		store_assessment_clear(&a);
		return STORE_OK;
	}
	if (err != STORE_NOT_FOUND)
		return err;
	memset(&c, 0, sizeof c);
	err = store_company_lookup(st, ref, &c);
	if (err == STORE_NOT_FOUND)
		return assess_fail(st, STORE_NOT_FOUND,
		                   _("No assessment or company \"%s\" was found."), ref);
	if (err != STORE_OK)
		return err;
	memset(&a, 0, sizeof a);
	err = store_assessment_final(st, c.id, 0, &a);
	if (err == STORE_NOT_FOUND)
		err = store_assessment_draft(st, c.id, &a);
	if (err == STORE_NOT_FOUND)
		err = assess_fail(st, STORE_NOT_FOUND, _("\"%s\" has no assessment yet."), c.name);
	if (err == STORE_OK)
		*id = a.id;
	store_assessment_clear(&a);
	store_company_clear(&c);
	return err;
}

enum store_err assess_resolve_in(struct store *st, const struct company *c, const char *ref,
                                 long long *id)
{
	struct assessment a;
	enum store_err err = STORE_NOT_FOUND;
	size_t n = ref ? strlen(ref) : 0;

	memset(&a, 0, sizeof a);
	if (n > 0 && n < 10 && strspn(ref, "0123456789") == n)
		err = store_assessment_numbered(st, c->id, atoi(ref), &a);
	else if (n > 0)
		err = store_assessment_find_uuid(st, ref, &a);
	if (err == STORE_OK && a.company_id != c->id) {
		store_assessment_clear(&a);
		return assess_fail(st, STORE_NOT_FOUND, _("Assessment \"%s\" belongs to another "
		                                          "company, not to \"%s\"."), ref, c->name);
	}
	if (err == STORE_OK)
		*id = a.id;
	store_assessment_clear(&a);
	if (err == STORE_NOT_FOUND)
		return assess_fail(st, STORE_NOT_FOUND,
		                   _("\"%s\" has no assessment \"%s\"; 'smready history' lists its "
		                     "assessments by number."), c->name, ref ? ref : "");
	return err;
}

/* ---- starting and finishing ---------------------------------------------- */

/* The id of the company's nth newest final assessment. */
static enum store_err final_id(struct store *st, long long company_id, int nth, long long *id)
{
	struct assessment a;
	enum store_err err;

	memset(&a, 0, sizeof a);
	err = store_assessment_final(st, company_id, nth, &a);
	if (err == STORE_OK)
		*id = a.id;
	store_assessment_clear(&a);
	return err;
}

/* The notes of the old items behind a carried answer, joined in the old
 * order and cut to what a note may hold; malloc'd ("" for none). */
static char *carried_note(const struct scored *old, const struct cat_map *m, int to_item)
{
	int src[CAT_MAX_ITEMS], n = catalogue_map_sources(m, to_item, src, CAT_MAX_ITEMS);
	size_t len = 0, max = (size_t)TEXT_NOTE_MAX * 4;
	char *out = calloc(1, max + 1);

	if (!out)
		return NULL;
	for (int k = 0; k < n; k++) {
		const char *note = old->notes[src[k]];
		size_t nl = note ? strlen(note) : 0;

		if (!nl)
			continue;
		if (len + 3 + nl > max)
			break;
		if (len) {
			memcpy(out + len, " / ", 3);
			len += 3;
		}
		memcpy(out + len, note, nl);
		len += nl;
	}
	out[len] = '\0';
	/* Two full notes joined may be longer than one note may be: the
	 * first one stays whole then. */
	if (text_check_note(out, TEXT_NOTE_MAX) == TEXT_TOO_LONG) {
		free(out);
		return strdup(old->notes[src[0]] ? old->notes[src[0]] : "");
	}
	return out;
}

/* A re-check from an assessment of another questionnaire version: the
 * answers of the items the catalogue maps are carried into draft (to be
 * confirmed), each with the notes of the items it comes from.  Within one
 * version the store copied them already. */
static enum store_err carry_mapped(struct store *st, long long from, long long draft,
                                   const struct catalogue *to)
{
	struct answer_in ans[CAT_MAX_ITEMS];
	char *notes[CAT_MAX_ITEMS];      /* ans[i].note, to free */
	int vals[CAT_MAX_ITEMS], note_from[CAT_MAX_ITEMS];
	struct scored old;
	struct cat_map m;
	size_t n = 0;
	enum store_err err = assess_load(st, from, &old);

	if (err == STORE_INVALID)
		return STORE_OK;          /* a questionnaire unknown here: start empty */
	if (err != STORE_OK)
		return err;
	if (old.cat == to || !catalogue_map_init(&m, old.cat, to)) {
		assess_clear(&old);
		return STORE_OK;
	}
	compare_carry(old.cat, old.values, to, vals, note_from);
	for (int i = 0; i < to->n_items && err == STORE_OK; i++) {
		char *note = carried_note(&old, &m, i);

		if (!note) {
			err = assess_fail(st, STORE_ERROR, "%s", _("Out of memory."));
			break;
		}
		if (vals[i] == ANSWER_UNANSWERED && !*note) {
			free(note);
			continue;
		}
		ans[n] = (struct answer_in){ .item_key = to->items[i].key, .value = vals[i],
		                             .note = note, .carried = true,
		                             .changed = note_from[i] >= 0 ? old.changed[note_from[i]]
		                                                          : store_now(st) };
		notes[n++] = note;
	}
	if (err == STORE_OK && n)
		err = store_answers_insert(st, draft, ans, n);
	for (size_t i = 0; i < n; i++)
		free(notes[i]);
	assess_clear(&old);
	return err;
}

/* The part of assess_start() that runs inside its write transaction. */
static enum store_err start_locked(struct store *st, long long company_id, bool from_previous,
                                   const char *assessor, long long *id, bool *resumed)
{
	const struct catalogue *cat = catalogue_builtin();
	struct assessment a;
	struct company c;
	enum store_err err;
	long long from = 0;

	memset(&c, 0, sizeof c);
	err = store_company_get(st, company_id, &c);
	if (err != STORE_OK)
		return err;
	if (c.archived) {
		err = assess_fail(st, STORE_STATE,
		                  _("\"%s\" is archived; unarchive it before assessing it again."),
		                  c.name);
		store_company_clear(&c);
		return err;
	}
	store_company_clear(&c);

	memset(&a, 0, sizeof a);
	err = store_assessment_draft(st, company_id, &a);
	if (err == STORE_OK) {
		*id = a.id;
		*resumed = true;
		store_assessment_clear(&a);
		return STORE_OK;
	}
	if (err != STORE_NOT_FOUND)
		return err;
	if (from_previous) {
		err = final_id(st, company_id, 0, &from);
		if (err != STORE_OK && err != STORE_NOT_FOUND)
			return err;
	}
	err = store_assessment_create(st, company_id, cat->id, cat->version, assessor, from, id);
	if (err == STORE_OK && from)
		err = carry_mapped(st, from, *id, cat);
	return err;
}

/* Looking for an open draft and creating one are one write transaction:
 * two programs starting an assessment of one company at the same moment
 * get the same draft, never two. */
enum store_err assess_start(struct store *st, long long company_id, bool from_previous,
                            const char *assessor, long long *id, bool *resumed)
{
	enum store_err err;

	*resumed = false;
	err = store_begin(st);
	if (err != STORE_OK)
		return err;
	err = start_locked(st, company_id, from_previous, assessor, id, resumed);
	if (err == STORE_OK)
		err = store_commit(st);
	else
		store_rollback(st);
	if (err != STORE_OK)
		*resumed = false;
	return err;
}

unsigned assess_item_changes(const struct scored *was, const struct scored *now, int i)
{
	unsigned c = 0;

	if (was->values[i] != now->values[i])
		c |= ASSESS_CHANGED_VALUE;
	if (strcmp(was->notes[i] ? was->notes[i] : "", now->notes[i] ? now->notes[i] : "") != 0)
		c |= ASSESS_CHANGED_NOTE;
	if (was->carried[i] != now->carried[i])
		c |= ASSESS_CHANGED_CARRIED;
	return c;
}

int assess_changes(const struct scored *was, const struct scored *now)
{
	int n = 0;

	if (!was->cat || was->cat != now->cat)
		return now->cat ? now->cat->n_items : 0;
	for (int i = 0; i < now->cat->n_items; i++)
		n += assess_item_changes(was, now, i) != 0;
	return n;
}

static enum store_err finish_locked(struct store *st, long long id, const struct scored *seen)
{
	struct scored s;
	enum store_err err;
	int n;

	err = assess_load(st, id, &s);
	if (err != STORE_OK)
		return err;
	if (seen && s.a.status == ASSESS_DRAFT && (n = assess_changes(seen, &s)) > 0) {
		err = assess_fail(st, STORE_CHANGED,
		                  P_("%d answer of assessment %lld was changed since it was shown; "
		                     "it was not finished.",
		                     "%d answers of assessment %lld were changed since they were "
		                     "shown; it was not finished.", n), n, id);
	} else if (s.a.status == ASSESS_FINAL) {
		err = assess_fail(st, STORE_STATE, _("Assessment %lld is final already."), id);
	} else if (s.score.answered == 0) {
		err = assess_fail(st, STORE_STATE,
		                  _("Assessment %lld has no answers yet; answer at least one "
		                    "question before finishing it."), id);
	} else {
		err = store_assessment_finalize(st, id, s.score.overall, (int)s.score.level);
	}
	assess_clear(&s);
	return err;
}

/* Scored and marked final in one write transaction, so no answer written
 * by another program in between can make the cached score disagree with
 * the answers it is kept for. */
enum store_err assess_finish(struct store *st, long long id, const struct scored *seen)
{
	enum store_err err = store_begin(st);

	if (err != STORE_OK)
		return err;
	err = finish_locked(st, id, seen);
	if (err == STORE_OK)
		err = store_commit(st);
	else
		store_rollback(st);
	return err;
}

/* ---- discarding -------------------------------------------------------------- */

/* Whether anything in the draft was given by someone: an answer or note
 * typed or confirmed, the summary.  Carried answers not yet confirmed are
 * the last assessment's, not this one's. */
static enum store_err draft_touched(struct store *st, const struct assessment *a,
                                    bool *touched)
{
	struct answer *ans = NULL;
	size_t n = 0;
	enum store_err err = store_answers_load(st, a->id, &ans, &n);

	*touched = a->summary && *a->summary;
	for (size_t i = 0; err == STORE_OK && i < n && !*touched; i++)
		*touched = !ans[i].carried;
	store_answers_free(ans, n);
	return err;
}

enum store_err assess_untouched(struct store *st, long long id, bool *untouched)
{
	struct assessment a;
	bool touched = true;
	enum store_err err = store_assessment_get(st, id, &a);

	*untouched = false;
	if (err != STORE_OK)
		return err;
	if (a.status == ASSESS_DRAFT && a.reopened == 0)
		err = draft_touched(st, &a, &touched);
	*untouched = err == STORE_OK && a.status == ASSESS_DRAFT && a.reopened == 0 && !touched;
	store_assessment_clear(&a);
	return err;
}

static enum store_err discard_locked(struct store *st, long long id, int *answers)
{
	struct assessment a;
	struct answer *ans = NULL;
	size_t n = 0;
	enum store_err err = store_assessment_get(st, id, &a);

	if (err != STORE_OK)
		return err;
	if (a.status != ASSESS_DRAFT)
		err = assess_fail(st, STORE_STATE, _("Assessment %lld is final; only a draft can be "
		                                     "discarded."), id);
	else if (a.reopened > 0)
		/* It holds a finished assessment's history: deleting it would
		 * lose that, not undo the reopening. */
		err = assess_fail(st, STORE_STATE, _("Assessment %lld was final before it was "
		                                     "reopened; finish it again instead of "
		                                     "discarding it."), id);
	if (err == STORE_OK)
		err = store_answers_load(st, id, &ans, &n);
	if (err == STORE_OK)
		err = store_assessment_delete(st, id);
	if (answers)
		*answers = (int)n;
	store_answers_free(ans, n);
	store_assessment_clear(&a);
	return err;
}

enum store_err assess_discard(struct store *st, long long id, int *answers)
{
	enum store_err err = store_begin(st);

	if (answers)
		*answers = 0;
	if (err != STORE_OK)
		return err;
	err = discard_locked(st, id, answers);
	if (err == STORE_OK)
		err = store_commit(st);
	else
		store_rollback(st);
	return err;
}

/* ---- comparing -------------------------------------------------------------- */

void assess_compared_clear(struct compared *c)
{
	if (!c)
		return;
	assess_clear(&c->old);
	assess_clear(&c->new);
	memset(&c->cmp, 0, sizeof c->cmp);
}

/* Whether a was made before b: by completion time, a draft by its start,
 * and the id to settle a tie. */
static bool assess_earlier(const struct assessment *a, const struct assessment *b)
{
	long long ta = a->completed ? a->completed : a->started;
	long long tb = b->completed ? b->completed : b->started;

	if (ta != tb)
		return ta < tb;
	return a->id < b->id;
}

enum store_err assess_compare(struct store *st, long long company_id,
                              long long from_id, long long to_id, struct compared *out)
{
	enum store_err err;

	scored_init(&out->old);
	scored_init(&out->new);
	memset(&out->cmp, 0, sizeof out->cmp);
	if (from_id == 0 && to_id == 0) {
		long long two[2];
		int n = 0;

		err = store_assessment_finals(st, company_id, 2, two, &n);
		if (err != STORE_OK)
			return err;
		if (n < 2)
			return assess_fail(st, STORE_NOT_FOUND, "%s",
			                   _("A comparison needs two final assessments; this company "
			                     "has fewer."));
		to_id = two[0];
		from_id = two[1];
	} else if (from_id == 0 || to_id == 0) {
		return assess_fail(st, STORE_INVALID, "%s",
		                   _("Name both assessments to compare, or neither."));
	} else if (from_id == to_id) {
		/* Nothing could have changed: a typo, not a question. */
		return assess_fail(st, STORE_INVALID,
		                   _("Assessment %lld cannot be compared with itself; name two "
		                     "different assessments."), from_id);
	}
	err = assess_load(st, from_id, &out->old);
	if (err == STORE_OK)
		err = assess_load(st, to_id, &out->new);
	if (err != STORE_OK) {
		assess_compared_clear(out);
		return err;
	}
	if (out->old.a.company_id != out->new.a.company_id ||
	    (company_id && out->new.a.company_id != company_id)) {
		assess_compared_clear(out);
		return assess_fail(st, STORE_INVALID, "%s",
		                   _("Both assessments must belong to the same company."));
	}
	if (assess_earlier(&out->new.a, &out->old.a)) {
		/* Named the other way round: "before" is always the older one,
		 * so the changes read forward in time. */
		struct scored tmp = out->old;
		out->old = out->new;
		out->new = tmp;
	}
	compare_scores(&out->old.score, out->old.values, &out->new.score, out->new.values,
	               &out->cmp);
	return STORE_OK;
}

/* ---- sample data ------------------------------------------------------------ */

/* Item order of the answer strings below: one character per item, '0'..'4',
 * '?' for "don't know", '.' for unanswered.  Looked up by key, so a
 * reordered catalogue still gets the right answers. */
static const char *const demo_keys[] = {
	"goals.purpose", "goals.business", "goals.achievable",
	"channels.audience", "channels.choice", "channels.analytics",
	"resources.long_term", "resources.budget", "resources.time", "resources.staff",
	"resources.in_house",
	"organisation.pipeline", "organisation.before_launch", "organisation.empowerment",
	"organisation.backing",
	"policy.document", "policy.negative", "policy.networks",
	"measurement.metrics", "measurement.tools", "measurement.review",
	"skills.expertise", "skills.learning", "skills.response",
};
#define DEMO_KEYS (int)(sizeof demo_keys / sizeof demo_keys[0])
#define DEMO_MAX_Q 5
#define DEMO_MAX_NOTES 4

struct demo_note {
	int quarter;
	const char *key;
	const char *text;
};

/* Sample data is the user's kind of data (German companies with German
 * notes), not program text, so it is not translated. */
struct demo_company {
	const char *uuid;
	const char *name;
	const char *industry;
	const char *contact;
	const char *notes;
	int n_quarters;
	const char *answers[DEMO_MAX_Q];
	struct demo_note notes_by_q[DEMO_MAX_NOTES];
};

static const struct demo_company demo_companies[] = {
	{ "5a3f0d1e-7c2b-4e8a-9b1d-0000000000a1", "Bäckerei Morgenrot (Beispiel)",
	  "Bäckerei und Café", "info@morgenrot.example",
	  "Beispieldaten: Familienbetrieb mit zwei Filialen.",
	  4,
	  { "322" "210" "31114" "1023" "000" "100" "112",
	    "332" "321" "32114" "2123" "110" "110" "212",
	    "433" "331" "32324" "2233" "211" "211" "223",
	    "433" "432" "43324" "3334" "322" "322" "323" },
	  { { 0, "resources.time", "Die Chefin postet abends nach Ladenschluss, wenn überhaupt Zeit bleibt." },
	    { 0, "goals.purpose", "Ziel: mehr Vorbestellungen für Torten über Instagram." },
	    { 2, "resources.time", "Verkäuferin Jana hat jetzt vier Stunden pro Woche fest für Instagram." },
	    { 3, "measurement.metrics", "Zählt Vorbestellungen mit dem Vermerk „auf Instagram gesehen“." } } },
	{ "5a3f0d1e-7c2b-4e8a-9b1d-0000000000a2", "Tischlerei Kranich (Beispiel)",
	  "Tischlerei", "", "Beispieldaten: sucht Auszubildende.",
	  3,
	  { "112" "21?" "31212" "1122" "000" "000" "111",
	    "322" "221" "32212" "1123" "101" "100" "211",
	    "333" "332" "32323" "2233" "211" "211" "222" },
	  { { 0, "goals.purpose", "Der Juniorchef will „irgendwas mit Facebook“ – ein Ziel gibt es noch nicht." },
	    { 0, "channels.analytics", "Niemand weiß, wie man die Statistik der Website liest." },
	    { 1, "goals.purpose", "Ziel vereinbart: zwei Auszubildende pro Jahr über Instagram gewinnen." } } },
	{ "5a3f0d1e-7c2b-4e8a-9b1d-0000000000a3", "Physiopraxis am Lindenhof (Beispiel)",
	  "Physiotherapie", "praxis@lindenhof.example", "Beispieldaten.",
	  5,
	  { "333" "322" "32324" "2233" "221" "211" "223",
	    "433" "332" "43324" "3233" "322" "222" "323",
	    "433" "433" "43334" "3334" "332" "332" "334",
	    "443" "433" "43214" "3334" "332" "333" "333",
	    "443" "443" "43334" "4344" "433" "333" "434" },
	  { { 1, "skills.response", "Anfragen werden zwischen den Terminen beantwortet, meist am selben Tag." },
	    { 3, "resources.staff", "Die Kollegin, die die Seite betreut hat, ist in Elternzeit." },
	    { 4, "resources.staff", "Zwei Therapeuten teilen sich die Betreuung jetzt." } } },
	{ "5a3f0d1e-7c2b-4e8a-9b1d-0000000000a4", "Fahrradladen Speiche & Co. (Beispiel)",
	  "Fahrradhandel und Werkstatt", "", "",
	  3,
	  { "221" "11?" "2?210" "1112" "000" "1?0" "101",
	    "222" "221" "21211" "1122" "100" "110" "112",
	    "322" "222" "32223" "2223" "111" "211" "222" },
	  { { 0, "resources.in_house", "Eine Agentur postet fertige Beiträge, das Team ist nicht beteiligt." },
	    { 2, "resources.in_house", "Die Agentur macht nur noch Fotos; die Beiträge schreibt das Team selbst." } } },
};

static int demo_value(char ch)
{
	if (ch >= '0' && ch <= '4')
		return ch - '0';
	if (ch == '?')
		return ANSWER_DONT_KNOW;
	return ANSWER_UNANSWERED;
}

/* Inserts one final assessment of a sample company, quarter q.  The
 * sample histories were made with core/1 and stay so: a re-check of a
 * sample company shows how answers carry over into core/2. */
static enum store_err demo_assessment(struct store *st, const struct demo_company *dc,
                                      long long company_id, int q, long long completed,
                                      long long *prev_id)
{
	const struct catalogue *cat = catalogue_find("core", 1);
	struct answer_in answers[DEMO_KEYS];
	int values[CAT_MAX_ITEMS];
	struct assessment_in a;
	struct score sc;
	size_t n = 0;
	int i, k;

	for (i = 0; i < CAT_MAX_ITEMS; i++)
		values[i] = ANSWER_UNANSWERED;
	for (k = 0; k < DEMO_KEYS && dc->answers[q][k]; k++) {
		int idx = catalogue_item_index(cat, demo_keys[k]);
		int v = demo_value(dc->answers[q][k]);
		if (idx < 0 || v == ANSWER_UNANSWERED)
			continue;
		values[idx] = v;
		memset(&answers[n], 0, sizeof answers[n]);
		answers[n].item_key = demo_keys[k];
		answers[n].value = v;
		answers[n].note = "";
		answers[n].changed = completed - 2 * DAY;
		for (i = 0; i < DEMO_MAX_NOTES; i++)
			if (dc->notes_by_q[i].key && dc->notes_by_q[i].quarter == q &&
			    strcmp(dc->notes_by_q[i].key, demo_keys[k]) == 0)
				answers[n].note = dc->notes_by_q[i].text;
		n++;
	}
	scoring_compute(cat, values, &sc);

	memset(&a, 0, sizeof a);
	/* Derived from the company's UUID and the quarter: stable, so the
	 * samples are the same in every database. */
	memcpy(a.uuid, dc->uuid, 24);
	snprintf(a.uuid + 24, sizeof a.uuid - 24, "00000b%.2s000%c", dc->uuid + 34, '0' + q);
	a.company_id = company_id;
	a.status = ASSESS_FINAL;
	a.questionnaire = cat->id;
	a.qversion = cat->version;
	a.started = completed - 3 * DAY;
	a.completed = completed;
	a.updated = completed;
	a.assessor = "Beispiel-Beratung";
	a.summary = "";
	a.overall = sc.overall;
	a.level = (int)sc.level;
	a.reopened = 0;
	a.based_on = *prev_id;
	return store_assessment_insert(st, &a, answers, n, prev_id);
}

/* Whether a sample company is there already, by its UUID or (the user's
 * own company of that name) by its name. */
static enum store_err demo_known(struct store *st, const struct demo_company *dc, bool *known)
{
	struct company found;
	enum store_err err;

	*known = false;
	memset(&found, 0, sizeof found);
	err = store_company_find_uuid(st, dc->uuid, &found);
	store_company_clear(&found);
	if (err == STORE_NOT_FOUND) {
		memset(&found, 0, sizeof found);
		err = store_company_find(st, dc->name, &found);
		store_company_clear(&found);
	}
	if (err == STORE_OK)
		*known = true;
	return err == STORE_NOT_FOUND ? STORE_OK : err;
}

static enum store_err demo_insert(struct store *st, const struct demo_company *dc,
                                  long long now, bool *added)
{
	struct company_in c;
	enum store_err err;
	long long id, prev = 0;
	bool known;
	int q;

	err = demo_known(st, dc, &known);
	if (err != STORE_OK || known)
		return err;
	memset(&c, 0, sizeof c);
	snprintf(c.uuid, sizeof c.uuid, "%s", dc->uuid);
	c.name = dc->name;
	c.industry = dc->industry;
	c.contact = dc->contact;
	c.notes = dc->notes;
	/* Quarterly: the latest assessment three weeks ago, 91 days apart. */
	c.created = now - 21 * DAY - (long long)dc->n_quarters * 91 * DAY;
	c.archived = false;
	c.sample = true;
	err = store_company_insert(st, &c, &id);
	for (q = 0; err == STORE_OK && q < dc->n_quarters; q++) {
		long long completed = now - 21 * DAY - (long long)(dc->n_quarters - 1 - q) * 91 * DAY;
		err = demo_assessment(st, dc, id, q, completed, &prev);
	}
	*added = err == STORE_OK;
	return err;
}

/* The look whether the company is there and the insert are one write
 * transaction, so two programs adding the samples at once add them once. */
static enum store_err demo_company_add(struct store *st, const struct demo_company *dc,
                                       long long now, bool *added)
{
	enum store_err err = store_begin(st);

	*added = false;
	if (err != STORE_OK)
		return err;
	err = demo_insert(st, dc, now, added);
	if (err == STORE_OK)
		err = store_commit(st);
	else
		store_rollback(st);
	if (err != STORE_OK)
		*added = false;
	return err;
}

enum store_err assess_demo(struct store *st, int *added)
{
	long long now = store_now(st);
	size_t i;

	*added = 0;
	for (i = 0; i < sizeof demo_companies / sizeof demo_companies[0]; i++) {
		bool one;
		enum store_err err = demo_company_add(st, &demo_companies[i], now, &one);
		if (err != STORE_OK)
			return err;
		if (one)
			(*added)++;
	}
	return STORE_OK;
}
