/*
 * exchange.c - the JSON export and import and the CSV export.
 *
 * Owns the export format (documented in "EXPORT FORMAT" of smready(1)):
 * how each stored field is written, how a file is checked before anything
 * is changed, and the merge rules (same UUID = same thing; a known
 * assessment is never overwritten; differences become conflicts).
 *
 * The exports stream: the envelope is written by hand and each company,
 * assessment and answer is dumped by jansson as it comes from the store,
 * so memory does not grow with the size of the database.
 */
#include "config.h"

#include "exchange.h"

#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "attr.h"
#include "catalogue.h"
#include "i18n.h"
#include "scoring.h"
#include "text.h"

#define DUMP_FLAGS (JSON_PRESERVE_ORDER)
#define TIME_LEN 20              /* "YYYY-MM-DDTHH:MM:SSZ" */
#define TIME_MAX 253402300799LL  /* 9999-12-31T23:59:59Z */
#define PATH_MAX_LEN 160
#define REOPENED_MAX 1000000

/* ---- time --------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (no time_t, no TZ). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153LL * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

char *exchange_time_format(long long t, char *buf, size_t bufsz)
{
	int y, mo, d;
	long long days, secs;

	/* Clamped so that every export can be imported again. */
	if (t < 0)
		t = 0;
	if (t > TIME_MAX)
		t = TIME_MAX;
	days = t / 86400;
	secs = t % 86400;
	civil_from_days(days, &y, &mo, &d);
	snprintf(buf, bufsz, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
	         (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool exchange_time_parse(const char *s, long long *t)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, se, dim;

	if (strlen(s) != TIME_LEN || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || se < 0 || se > 59)
		return false;
	dim = mdays[mo - 1];
	if (mo == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		dim = 29;
	if (d > dim)
		return false;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

/* ---- small helpers ------------------------------------------------------ */

static void msg_set(char *msg, size_t msgsz, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void msg_set(char *msg, size_t msgsz, const char *fmt, ...)
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
static char *path_key(char *dst, size_t dstsz, const char *path, const char *key)
{
	path_join(dst, dstsz, path, path[0] ? "." : "");
	return path_join(dst, dstsz, dst, key);
}

/* "path" + "name[i]" */
static char *path_index(char *dst, size_t dstsz, const char *path, const char *name,
                        size_t i)
{
	char idx[64];

	snprintf(idx, sizeof idx, "[%zu]", i);
	path_join(dst, dstsz, path, name);
	return path_join(dst, dstsz, dst, idx);
}

/* shown(), in double quotes */
static const char *quoted(const char *s, char *buf, size_t bufsz)
{
	char inner[64];

	snprintf(buf, bufsz, "\"%s\"", shown(s, inner, sizeof inner));
	return buf;
}

static const char *level_key(int level)
{
	if (level < 0 || level >= LEVEL_COUNT)
		return NULL;
	return scoring_level_key((enum level)level);
}

/* ---- export: JSON ------------------------------------------------------- */

struct export_ctx {
	struct store *st;
	FILE *out;
	const struct exchange_export_opts *o;
	char *msg;
	size_t msgsz;
	enum store_err err;
	size_t n_companies, n_assessments;
	const struct company *company;   /* the one being written (CSV) */
	char sep;
};

/* Adds key = s; false when s cannot be a JSON string (not UTF-8). */
static bool put_str(json_t *o, const char *key, const char *s)
{
	return json_object_set_new(o, key, json_string(s ? s : "")) == 0;
}

static bool put_time(json_t *o, const char *key, long long t, bool zero_is_null)
{
	char buf[32];

	if (zero_is_null && t == 0)
		return json_object_set_new(o, key, json_null()) == 0;
	return json_object_set_new(o, key,
	                           json_string(exchange_time_format(t, buf, sizeof buf))) == 0;
}

static json_t *company_json(const struct company *c)
{
	json_t *o = json_object();
	bool ok = o != NULL;

	ok = ok && put_str(o, "uuid", c->uuid);
	ok = ok && put_str(o, "name", c->name);
	ok = ok && put_str(o, "industry", c->industry);
	ok = ok && put_str(o, "contact", c->contact);
	ok = ok && put_str(o, "notes", c->notes);
	ok = ok && put_time(o, "created", c->created, false);
	ok = ok && json_object_set_new(o, "archived", json_boolean(c->archived)) == 0;
	ok = ok && json_object_set_new(o, "sample", json_boolean(c->sample)) == 0;
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *assessment_json(const struct assessment *a, const char *based_on)
{
	json_t *o = json_object();
	const char *lk = level_key(a->level);
	bool ok = o != NULL;

	ok = ok && put_str(o, "uuid", a->uuid);
	ok = ok && put_str(o, "status", a->status == ASSESS_FINAL ? "final" : "draft");
	ok = ok && put_str(o, "questionnaire", a->questionnaire);
	ok = ok && json_object_set_new(o, "questionnaire_version", json_integer(a->qversion)) == 0;
	ok = ok && put_time(o, "started", a->started, false);
	ok = ok && put_time(o, "completed", a->completed, true);
	ok = ok && put_time(o, "updated", a->updated, false);
	ok = ok && put_str(o, "assessor", a->assessor);
	ok = ok && put_str(o, "summary", a->summary);
	ok = ok && json_object_set_new(o, "overall", a->overall >= 0 && a->overall <= 100
	                               ? json_integer(a->overall) : json_null()) == 0;
	ok = ok && json_object_set_new(o, "level", lk ? json_string(lk) : json_null()) == 0;
	ok = ok && json_object_set_new(o, "reopened", json_integer(a->reopened)) == 0;
	ok = ok && json_object_set_new(o, "based_on",
	                               based_on ? json_string(based_on) : json_null()) == 0;
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *answer_value_json(int v)
{
	if (v >= ANSWER_MIN && v <= ANSWER_MAX)
		return json_integer(v);
	if (v == ANSWER_DONT_KNOW)
		return json_string("dont-know");
	return json_null();   /* unanswered: the row only keeps a note */
}

static json_t *answer_json(const struct answer *an)
{
	json_t *o = json_object();
	bool ok = o != NULL;

	ok = ok && put_str(o, "item", an->item_key);
	ok = ok && json_object_set_new(o, "value", answer_value_json(an->value)) == 0;
	ok = ok && put_str(o, "note", an->note);
	ok = ok && put_time(o, "changed", an->changed, false);
	ok = ok && json_object_set_new(o, "carried", json_boolean(an->carried)) == 0;
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Writes obj without its closing brace, then `, "key": [` so that the
 * array's elements can follow one by one. */
static bool write_open(FILE *out, json_t *obj, size_t flags, const char *key)
{
	char *s = json_dumps(obj, flags);
	size_t n;
	bool ok;

	if (!s)
		return false;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == '}' || s[n - 1] == '\n'))
		n--;
	ok = fwrite(s, 1, n, out) == n;
	free(s);
	return ok && fprintf(out, ",%s\"%s\": [", flags & JSON_INDENT(0x1f) ? "\n  " : " ", key) > 0;
}

static void write_item_start(FILE *out, size_t index, const char *indent)
{
	fputs(index == 0 ? "\n" : ",\n", out);
	fputs(indent, out);
}

static void write_array_end(FILE *out, size_t n, const char *indent)
{
	if (n > 0) {
		fputc('\n', out);
		fputs(indent, out);
	}
	fputc(']', out);
}

static int export_fail(struct export_ctx *x, enum store_err err, const char *what)
{
	x->err = err;
	msg_set(x->msg, x->msgsz, "%s", what);
	return 1;
}

static int export_store_fail(struct export_ctx *x, enum store_err err)
{
	return export_fail(x, err, store_error(x->st));
}

/* A record could not be written: the output failed (a full disk, say), or
 * else the record's text could not be turned into JSON (what). */
static int export_write_fail(struct export_ctx *x, const char *what)
{
	if (ferror(x->out))
		return export_fail(x, STORE_IO, _("cannot write the export (disk full?)"));
	return export_fail(x, STORE_INVALID, what);
}

/* The UUID of the assessment a was started from, into buf; NULL if none. */
static const char *based_on_uuid(struct store *st, long long id, char *buf, size_t bufsz)
{
	struct assessment b;

	if (id == 0 || store_assessment_get(st, id, &b) != STORE_OK)
		return NULL;
	snprintf(buf, bufsz, "%s", b.uuid);
	store_assessment_clear(&b);
	return buf;
}

static int export_assessment_json(const struct assessment *a, void *vx)
{
	struct export_ctx *x = vx;
	struct answer *ans = NULL;
	size_t n = 0;
	char bbuf[STORE_UUID_LEN + 1];
	json_t *o;
	enum store_err err;
	bool ok;

	err = store_answers_load(x->st, a->id, &ans, &n);
	if (err != STORE_OK)
		return export_store_fail(x, err);
	o = assessment_json(a, based_on_uuid(x->st, a->based_on, bbuf, sizeof bbuf));
	write_item_start(x->out, x->n_assessments++, "      ");
	ok = o && write_open(x->out, o, DUMP_FLAGS, "answers");
	json_decref(o);
	for (size_t i = 0; ok && i < n; i++) {
		json_t *ao = answer_json(&ans[i]);

		write_item_start(x->out, i, "        ");
		ok = ao && json_dumpf(ao, x->out, DUMP_FLAGS) == 0;
		json_decref(ao);
	}
	store_answers_free(ans, n);
	if (!ok)
		return export_write_fail(x, _("an assessment holds text that is not valid UTF-8"));
	write_array_end(x->out, n, "      ");
	fputc('}', x->out);
	return 0;
}

static bool company_wanted(const struct export_ctx *x, long long id)
{
	if (!x->o->ids)
		return true;
	for (size_t i = 0; i < x->o->n_ids; i++)
		if (x->o->ids[i] == id)
			return true;
	return false;
}

static int export_company_json(const struct company *c, void *vx)
{
	struct export_ctx *x = vx;
	json_t *o;
	enum store_err err;
	bool ok;

	if (!company_wanted(x, c->id))
		return 0;
	o = company_json(c);
	write_item_start(x->out, x->n_companies++, "    ");
	ok = o && write_open(x->out, o, DUMP_FLAGS, "assessments");
	json_decref(o);
	if (!ok)
		return export_write_fail(x, _("a company holds text that is not valid UTF-8"));
	x->n_assessments = 0;
	err = store_each_assessment(x->st, c->id, export_assessment_json, x);
	if (x->err != STORE_OK)
		return 1;
	if (err != STORE_OK)
		return export_store_fail(x, err);
	write_array_end(x->out, x->n_assessments, "    ");
	fputc('}', x->out);
	return 0;
}

static bool export_header(struct export_ctx *x)
{
	char tbuf[32];
	json_t *h = json_object();
	bool ok = h != NULL;

	ok = ok && put_str(h, "format", EXCHANGE_FORMAT_NAME);
	ok = ok && json_object_set_new(h, "version", json_integer(EXCHANGE_FORMAT_VERSION)) == 0;
	ok = ok && put_str(h, "generator", PACKAGE_NAME " " PACKAGE_VERSION);
	ok = ok && put_str(h, "exported", exchange_time_format(store_now(x->st), tbuf, sizeof tbuf));
	ok = ok && write_open(x->out, h, DUMP_FLAGS | JSON_INDENT(2), "companies");
	json_decref(h);
	return ok;
}

static enum store_err export_json(struct export_ctx *x)
{
	enum store_err err;
	bool all = x->o->ids ? true : x->o->include_archived;

	if (!export_header(x)) {
		export_fail(x, STORE_IO, _("cannot write the export"));
		return x->err;
	}
	err = store_each_company(x->st, all, export_company_json, x);
	if (x->err != STORE_OK)
		return x->err;
	if (err != STORE_OK) {
		export_store_fail(x, err);
		return err;
	}
	write_array_end(x->out, x->n_companies, "  ");
	fputs("\n}\n", x->out);
	return STORE_OK;
}

/* ---- export: CSV -------------------------------------------------------- */

/*
 * The CSV is written for spreadsheets opened with a double click, which
 * guess each cell's type and run formulas:
 *  - text is always in double quotes (RFC 4180), the standard mark of
 *    text: LibreOffice keeps quoted cells as text when "Format quoted field
 *    as text" is set, and CSV readers of programming languages do;
 *  - but neither LibreOffice by default nor Excel at all honour the quotes,
 *    so text that they would turn into a number, a date, a time or a truth
 *    value (0042, 1,5, 2026-01-02, 12:30, TRUE) gets an apostrophe in front,
 *    and so does every line of a cell that starts like a formula (= + - @,
 *    tab, CR): a line break does not end a cell for a reader that takes
 *    another separator, and the next line would be a row of its own;
 *  - the answer's value and the date are numbers and dates on purpose and
 *    are written bare.
 */

/* Whether a spreadsheet would read the text as a number, a date, a time, a
 * percentage, an amount or a truth value instead of as text. */
static bool csv_looks_like_value(const char *s)
{
	static const char *const truth[] = { "TRUE", "FALSE", "WAHR", "FALSCH" };
	bool digit = false;

	for (size_t i = 0; i < sizeof truth / sizeof truth[0]; i++)
		if (strcasecmp(s, truth[i]) == 0)
			return true;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (strncmp(p, "\xe2\x82\xac", 3) == 0)    /* the euro sign */
			p += 2;
		else if (!strchr(" +-.,:/%()$eE", *p))
			return false;
	}
	return digit;
}

/* A text cell: quoted, with its quotes doubled, and with an apostrophe
 * before a value-like text and before each line that starts a formula. */
static void csv_text(FILE *out, const char *s)
{
	bool line_start = true;

	fputc('"', out);
	if (csv_looks_like_value(s)) {
		fputc('\'', out);
		line_start = false;
	}
	for (const char *p = s; *p; p++) {
		if (line_start && strchr("=+-@\t\r", *p))
			fputc('\'', out);
		line_start = *p == '\n' || *p == '\r';
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

/* A number or a date meant as such; quoted only where the separator (one
 * could choose '-') would split it. */
static void csv_value(FILE *out, const char *s, char sep)
{
	if (strchr(s, sep))
		fprintf(out, "\"%s\"", s);
	else
		fputs(s, out);
}

/* raw: the cells written as values (csv_value), not as text */
static void csv_row(FILE *out, char sep, const char *const *cells, size_t n, unsigned raw)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc(sep, out);
		if (raw & (1u << i))
			csv_value(out, cells[i], sep);
		else
			csv_text(out, cells[i]);
	}
	fputs("\r\n", out);
}

/* The separator spreadsheets expect when the user gives none: where the
 * decimal separator is a comma (German, among others), Excel and
 * LibreOffice split a double-clicked CSV at semicolons, elsewhere at
 * commas. */
static char csv_default_separator(void)
{
	const struct lconv *lc = localeconv();

	return lc && lc->decimal_point && strcmp(lc->decimal_point, ",") == 0 ? ';' : ',';
}

enum { CSV_COLUMNS = 12 };

static const char *const csv_header[CSV_COLUMNS] = {
	"company", "company_uuid", "assessment_uuid", "status", "date", "assessor",
	"dimension", "item", "question", "value", "answer", "note"
};

/* Catalogue position of an answer's item; unknown keys sort last. */
static int csv_item_order(const struct catalogue *cat, const char *key)
{
	int i = cat ? catalogue_item_index(cat, key) : -1;

	return i < 0 ? CAT_MAX_ITEMS : i;
}

static void csv_answer(struct export_ctx *x, const struct assessment *a,
                       const struct catalogue *cat, const struct answer *an,
                       const char *date)
{
	char value[16];
	int i = cat ? catalogue_item_index(cat, an->item_key) : -1;
	const char *dim = "", *question = "";
	const char *cells[CSV_COLUMNS];

	if (i >= 0) {
		dim = _(cat->dims[cat->items[i].dimension].name);
		question = _(cat->items[i].question);
	}
	if (an->value >= ANSWER_MIN && an->value <= ANSWER_MAX)
		snprintf(value, sizeof value, "%d", an->value);
	else
		snprintf(value, sizeof value, "%s",
		         an->value == ANSWER_DONT_KNOW ? "dont-know" : "");
	cells[0] = x->company->name;
	cells[1] = x->company->uuid;
	cells[2] = a->uuid;
	cells[3] = a->status == ASSESS_FINAL ? "final" : "draft";
	cells[4] = date;
	cells[5] = a->assessor ? a->assessor : "";
	cells[6] = dim;
	cells[7] = an->item_key;
	cells[8] = question;
	cells[9] = value;
	cells[10] = catalogue_value_valid(an->value) || an->value == ANSWER_UNANSWERED
	            ? _(catalogue_scale_label(an->value)) : "";
	cells[11] = an->note ? an->note : "";
	/* the date always, the value when it is a number or empty */
	csv_row(x->out, x->sep, cells, CSV_COLUMNS,
	        1u << 4 | (an->value == ANSWER_DONT_KNOW ? 0 : 1u << 9));
}

static int export_assessment_csv(const struct assessment *a, void *vx)
{
	struct export_ctx *x = vx;
	const struct catalogue *cat = catalogue_find(a->questionnaire, a->qversion);
	struct answer *ans = NULL;
	size_t n = 0;
	char date[32];
	enum store_err err;

	err = store_answers_load(x->st, a->id, &ans, &n);
	if (err != STORE_OK)
		return export_store_fail(x, err);
	/* the day it was completed, or for a draft the day it last changed */
	exchange_time_format(a->status == ASSESS_FINAL && a->completed ? a->completed
	                     : a->updated, date, sizeof date);
	date[10] = '\0';
	/* catalogue order reads better than key order; n is small (<= 64) */
	for (int pos = 0; pos <= CAT_MAX_ITEMS; pos++)
		for (size_t i = 0; i < n; i++)
			if (csv_item_order(cat, ans[i].item_key) == pos)
				csv_answer(x, a, cat, &ans[i], date);
	store_answers_free(ans, n);
	return 0;
}

static int export_company_csv(const struct company *c, void *vx)
{
	struct export_ctx *x = vx;
	enum store_err err;

	if (!company_wanted(x, c->id))
		return 0;
	x->company = c;
	err = store_each_assessment(x->st, c->id, export_assessment_csv, x);
	x->company = NULL;
	if (x->err != STORE_OK)
		return 1;
	if (err != STORE_OK)
		return export_store_fail(x, err);
	/* no use reading the rest of the database into a failed output */
	if (ferror(x->out))
		return export_fail(x, STORE_IO, _("cannot write the export (disk full?)"));
	return 0;
}

static enum store_err export_csv(struct export_ctx *x)
{
	enum store_err err;
	bool all = x->o->ids ? true : x->o->include_archived;

	/* UTF-8 with a byte-order mark: Excel reads a CSV without one in the
	 * system's old code page, and umlauts come out wrong. */
	fputs("\xef\xbb\xbf", x->out);
	csv_row(x->out, x->sep, csv_header, CSV_COLUMNS, 0);
	err = store_each_company(x->st, all, export_company_csv, x);
	if (x->err != STORE_OK)
		return x->err;
	if (err != STORE_OK)
		export_store_fail(x, err);
	return err;
}

bool exchange_separator_valid(int c)
{
	return c == '\t' || (c > 0 && c < 0x7f && ispunct(c) && c != '"');
}

enum store_err exchange_export(struct store *st, FILE *out,
                               const struct exchange_export_opts *opts,
                               char *msg, size_t msgsz)
{
	struct export_ctx x = {
		.st = st, .out = out, .o = opts, .msg = msg, .msgsz = msgsz,
		.err = STORE_OK, .sep = opts->separator ? opts->separator : csv_default_separator(),
	};
	enum store_err err;

	if (!exchange_separator_valid(x.sep)) {
		msg_set(msg, msgsz, "%s", _("the CSV separator must be one punctuation "
		                            "character other than '\"', or a tab"));
		return STORE_INVALID;
	}
	err = opts->format == EXCHANGE_CSV ? export_csv(&x) : export_json(&x);
	if (err == STORE_OK && (fflush(out) != 0 || ferror(out))) {
		msg_set(msg, msgsz, "%s", _("cannot write the export (disk full?)"));
		err = STORE_IO;
	}
	return err;
}

/* ---- import: reporting -------------------------------------------------- */

static bool push_line(char ***list, size_t *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
static bool push_line(char ***list, size_t *n, const char *fmt, ...)
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
 * checks can `return bad(...)`. */
static bool bad(struct exchange_report *rep, const char *path, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
static bool bad(struct exchange_report *rep, const char *path, const char *fmt, ...)
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

static const char *json_kind(const json_t *v)
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

static bool kind_bad(struct exchange_report *rep, const char *path, const char *key,
                     const char *expected, const json_t *v)
{
	char p[PATH_MAX_LEN];

	path_key(p, sizeof p, path, key);
	return bad(rep, p, _("expected %s, found %s"), expected, json_kind(v));
}

/* The field key of obj, or NULL with the error set when it is missing. */
static json_t *need(struct exchange_report *rep, json_t *obj, const char *path,
                    const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		bad(rep, path, _("the field \"%s\" is missing"), key);
	return v;
}

/* Refuses fields this format version does not have (a typo would otherwise
 * lose data silently). */
static bool only_known(struct exchange_report *rep, json_t *obj, const char *path,
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
			path_key(p, sizeof p, path, shown(key, buf, sizeof buf));
			return bad(rep, p, _("unknown field (format version %d has no such field)"),
			           EXCHANGE_FORMAT_VERSION);
		}
	}
	return true;
}

static bool get_str(struct exchange_report *rep, json_t *obj, const char *path,
                    const char *key, const char **out)
{
	json_t *v = need(rep, obj, path, key);

	if (!v)
		return false;
	if (!json_is_string(v))
		return kind_bad(rep, path, key, _("a text"), v);
	*out = json_string_value(v);
	return true;
}

enum text_kind { TEXT_NAME, TEXT_LINE, TEXT_NOTE };

/* A text field checked by the same rules as typing it in. */
static bool get_text(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, enum text_kind kind, const char **out)
{
	enum text_check c;
	char p[PATH_MAX_LEN];

	if (!get_str(rep, obj, path, key, out))
		return false;
	if (strlen(*out) != json_string_length(json_object_get(obj, key)))
		c = TEXT_CONTROL;   /* an escaped NUL */
	else if (kind == TEXT_NOTE)
		c = text_check_note(*out, TEXT_NOTE_MAX);
	else if (kind == TEXT_NAME)
		c = text_check_line(*out, TEXT_NAME_MAX, false);
	else
		c = text_check_line(*out, TEXT_FIELD_MAX, true);
	if (c == TEXT_OK)
		return true;
	path_key(p, sizeof p, path, key);
	return bad(rep, p, "%s", _(text_check_message(c)));
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
		return kind_bad(rep, path, key, null_ok ? _("a whole number or null")
		                : _("a whole number"), v);
	*out = json_integer_value(v);
	if (*out >= min && *out <= max)
		return true;
	path_key(p, sizeof p, path, key);
	return bad(rep, p, _("%lld is out of range %lld..%lld"), *out, min, max);
}

static bool get_bool(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, bool *out)
{
	json_t *v = need(rep, obj, path, key);

	if (!v)
		return false;
	if (!json_is_boolean(v))
		return kind_bad(rep, path, key, _("true or false"), v);
	*out = json_is_true(v);
	return true;
}

static bool get_time(struct exchange_report *rep, json_t *obj, const char *path,
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
		return kind_bad(rep, path, key, null_ok ? _("a time or null") : _("a time"), v);
	if (exchange_time_parse(json_string_value(v), out))
		return true;
	path_key(p, sizeof p, path, key);
	return bad(rep, p, _("\"%s\" is not a UTC time like \"2026-11-22T15:04:05Z\""),
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
		return kind_bad(rep, path, key, null_ok ? _("a UUID or null") : _("a UUID"), v);
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
	path_key(p, sizeof p, path, key);
	return bad(rep, p, _("\"%s\" is not a UUID like "
	                     "\"0b7e6a52-3f1c-4d2a-9c51-6f3e2a1b9d40\""),
	           shown(s, buf, sizeof buf));
}

static json_t *get_array(struct exchange_report *rep, json_t *obj, const char *path,
                         const char *key)
{
	json_t *v = need(rep, obj, path, key);

	if (v && !json_is_array(v)) {
		kind_bad(rep, path, key, _("a list"), v);
		return NULL;
	}
	return v;
}

static bool is_object(struct exchange_report *rep, json_t *v, const char *path)
{
	if (json_is_object(v))
		return true;
	return bad(rep, path, _("expected %s, found %s"), _("an object"), json_kind(v));
}

/* ---- import: parsing records ------------------------------------------- */

static const char *const company_keys[] = {
	"uuid", "name", "industry", "contact", "notes", "created", "archived",
	"sample", "assessments", NULL
};
static const char *const assessment_keys[] = {
	"uuid", "status", "questionnaire", "questionnaire_version", "started",
	"completed", "updated", "assessor", "summary", "overall", "level",
	"reopened", "based_on", "answers", NULL
};
static const char *const answer_keys[] = {
	"item", "value", "note", "changed", "carried", NULL
};
static const char *const header_keys[] = {
	"format", "version", "generator", "exported", "companies", NULL
};

/* A company as read from the file; strings point into the JSON tree. */
static bool parse_company(struct exchange_report *rep, json_t *obj, const char *path,
                          struct company *c)
{
	const char *s;

	memset(c, 0, sizeof *c);
	if (!is_object(rep, obj, path) || !only_known(rep, obj, path, company_keys) ||
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
	return get_time(rep, obj, path, "created", false, &c->created) &&
	       get_bool(rep, obj, path, "archived", &c->archived) &&
	       get_bool(rep, obj, path, "sample", &c->sample) &&
	       get_array(rep, obj, path, "assessments") != NULL;
}

static bool parse_status(struct exchange_report *rep, json_t *obj, const char *path,
                         enum assess_status *out)
{
	const char *s;
	char p[PATH_MAX_LEN], buf[64];

	if (!get_str(rep, obj, path, "status", &s))
		return false;
	if (strcmp(s, "draft") == 0 || strcmp(s, "final") == 0) {
		*out = s[0] == 'f' ? ASSESS_FINAL : ASSESS_DRAFT;
		return true;
	}
	path_key(p, sizeof p, path, "status");
	return bad(rep, p, _("\"%s\" is not \"draft\" or \"final\""), shown(s, buf, sizeof buf));
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
		return kind_bad(rep, path, "level", _("a level name or null"), v);
	l = scoring_level_from_key(json_string_value(v));
	if (l > LEVEL_UNKNOWN && l < LEVEL_COUNT) {
		*out = (int)l;
		return true;
	}
	path_key(p, sizeof p, path, "level");
	return bad(rep, p, _("\"%s\" is not a readiness level"),
	           shown(json_string_value(v), buf, sizeof buf));
}

/* Everything of an assessment but its answers; *cat gets its questionnaire
 * and based_on its UUID ("" when none). */
static bool parse_assessment(struct exchange_report *rep, json_t *obj, const char *path,
                             struct assessment *a, const struct catalogue **cat,
                             char based_on[STORE_UUID_LEN + 1])
{
	const char *s;
	long long v;
	char p[PATH_MAX_LEN], buf[64];

	memset(a, 0, sizeof *a);
	if (!is_object(rep, obj, path) || !only_known(rep, obj, path, assessment_keys) ||
	    !get_uuid(rep, obj, path, "uuid", false, a->uuid) ||
	    !parse_status(rep, obj, path, &a->status) ||
	    !get_str(rep, obj, path, "questionnaire", &s) ||
	    !get_int(rep, obj, path, "questionnaire_version", 1, INT_MAX, false, &v))
		return false;
	a->questionnaire = (char *)s;
	a->qversion = (int)v;
	*cat = catalogue_find(s, a->qversion);
	if (!*cat) {
		path_key(p, sizeof p, path, "questionnaire");
		return bad(rep, p, _("unknown questionnaire \"%s\" version %d (made with a "
		                     "different smready?)"), shown(s, buf, sizeof buf), a->qversion);
	}
	if (!get_time(rep, obj, path, "started", false, &a->started) ||
	    !get_time(rep, obj, path, "completed", true, &a->completed) ||
	    !get_time(rep, obj, path, "updated", false, &a->updated) ||
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
		return bad(rep, path, _("a draft has no completion time and no score yet: "
		                        "\"completed\", \"overall\" and \"level\" must be null"));
	if (a->status == ASSESS_FINAL && !a->completed) {
		path_key(p, sizeof p, path, "completed");
		return bad(rep, p, _("a final assessment needs the time it was completed"));
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
	path_key(p, sizeof p, path, "value");
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
		return bad(rep, p, _("%lld is out of range %d..%d or \"dont-know\""),
		           (long long)i, ANSWER_MIN, ANSWER_MAX);
	}
	if (json_is_string(v)) {
		if (strcmp(json_string_value(v), "dont-know") == 0) {
			*out = ANSWER_DONT_KNOW;
			return true;
		}
		return bad(rep, p, _("\"%s\" is not an answer: use %d..%d, \"dont-know\" or null"),
		           shown(json_string_value(v), buf, sizeof buf), ANSWER_MIN, ANSWER_MAX);
	}
	return bad(rep, p, _("expected %d..%d, \"dont-know\" or null, found %s"),
	           ANSWER_MIN, ANSWER_MAX, json_kind(v));
}

/* The answers of an assessment into out[CAT_MAX_ITEMS]: every item known to
 * cat, none twice. */
static bool parse_answers(struct exchange_report *rep, json_t *list, const char *path,
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

		path_index(p, sizeof p, path, ".answers", i);
		memset(an, 0, sizeof *an);
		if (!is_object(rep, obj, p) || !only_known(rep, obj, p, answer_keys) ||
		    !get_str(rep, obj, p, "item", &s))
			return false;
		idx = catalogue_item_index(cat, s);
		path_key(ip, sizeof ip, p, "item");
		if (idx < 0 || idx >= CAT_MAX_ITEMS)
			return bad(rep, ip, _("\"%s\" is not an item of questionnaire \"%s\" "
			                      "version %d"), shown(s, buf, sizeof buf),
			           cat->id, cat->version);
		if (seen[idx])
			return bad(rep, ip, _("\"%s\" is answered twice"), s);
		seen[idx] = true;
		an->item_key = (char *)s;
		if (!parse_value(rep, obj, p, &an->value) ||
		    !get_text(rep, obj, p, "note", TEXT_NOTE, &s))
			return false;
		an->note = (char *)s;
		if (!get_time(rep, obj, p, "changed", false, &an->changed) ||
		    !get_bool(rep, obj, p, "carried", &an->carried))
			return false;
		(*n)++;
	}
	return true;
}

/* ---- import: checking the whole file ------------------------------------ */

static bool check_header(struct exchange_report *rep, json_t *root, json_t **companies)
{
	const char *s;
	json_t *v;
	long long t;
	char buf[80];

	if (!json_is_object(root))
		return bad(rep, "", _("expected %s, found %s"), _("an object"),
		           json_kind(root));
	v = json_object_get(root, "format");
	if (!v || !json_is_string(v) || strcmp(json_string_value(v), EXCHANGE_FORMAT_NAME) != 0)
		return bad(rep, "format", _("this is not an smready export (expected \"format\": "
		                            "\"%s\", found %s)"), EXCHANGE_FORMAT_NAME,
		           !v ? _("nothing") : json_is_string(v)
		           ? quoted(json_string_value(v), buf, sizeof buf) : json_kind(v));
	v = json_object_get(root, "version");
	if (!v || !json_is_integer(v))
		return bad(rep, "version", _("expected the format version as a whole number"));
	if (json_integer_value(v) > EXCHANGE_FORMAT_VERSION)
		return bad(rep, "version", _("the file was made by a newer smready (format "
		                             "version %lld; this one reads version %d): "
		                             "update smready to import it"),
		           (long long)json_integer_value(v), EXCHANGE_FORMAT_VERSION);
	if (json_integer_value(v) != EXCHANGE_FORMAT_VERSION)
		return bad(rep, "version", _("format version %lld is not supported"),
		           (long long)json_integer_value(v));
	if (!only_known(rep, root, "", header_keys))
		return false;
	if (json_object_get(root, "generator") && !get_str(rep, root, "", "generator", &s))
		return false;
	if (json_object_get(root, "exported") &&
	    !get_time(rep, root, "", "exported", false, &t))
		return false;
	*companies = json_object_get(root, "companies");
	if (!*companies)
		return bad(rep, "", _("the field \"%s\" is missing"), "companies");
	if (!json_is_array(*companies))
		return kind_bad(rep, "", "companies", _("a list"), *companies);
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
	json_t *cset, *aset;           /* objects used as sets of UUIDs; aset maps
	                                  * each assessment to its company's UUID */
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
		return bad(x->rep, path, _("no assessment %s earlier in the file or in "
		                           "the database"), based);
	same = store_company_get(x->st, b.company_id, &bc) == STORE_OK &&
	       strcmp(bc.uuid, company) == 0;
	store_assessment_clear(&b);
	store_company_clear(&bc);
	if (!same)
		return bad(x->rep, path, _("assessment %s belongs to another company"), based);
	return true;
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

	path_index(cp, sizeof cp, "", "companies", ci);
	if (!parse_company(rep, cobj, cp, &c))
		return false;
	if (!set_add(x->cset, c.uuid, json_true()))
		return bad(rep, cp, _("company %s appears twice in the file"), c.uuid);
	json_array_foreach(json_object_get(cobj, "assessments"), ai, aobj) {
		struct assessment a;
		const struct catalogue *cat;
		char ap[PATH_MAX_LEN], bp[PATH_MAX_LEN], based[STORE_UUID_LEN + 1];
		json_t *owner;

		path_index(ap, sizeof ap, cp, ".assessments", ai);
		if (!parse_assessment(rep, aobj, ap, &a, &cat, based) ||
		    !parse_answers(rep, json_object_get(aobj, "answers"), ap, cat, answers, &n))
			return false;
		/* The store keeps a draft's origin only within one company; any
		 * other would be dropped on the way in. */
		path_key(bp, sizeof bp, ap, "based_on");
		owner = based[0] ? json_object_get(x->aset, based) : NULL;
		if (owner && strcmp(json_string_value(owner), c.uuid) != 0)
			return bad(rep, bp, _("assessment %s belongs to another company"), based);
		if (based[0] && !owner && !base_in_db(x, based, c.uuid, bp))
			return false;
		if (!set_add(x->aset, a.uuid, json_string(c.uuid)))
			return bad(rep, ap, _("assessment %s appears twice in the file"), a.uuid);
	}
	return true;
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
		bad(x->rep, path, _("the database refused it: %s"), store_error(x->st));
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
	const char *lb = based_on_uuid(x->st, local->based_on, bbuf, sizeof bbuf);
	struct answer *la = NULL;
	size_t ln = 0;
	bool same;

	if (local->status != a->status || !str_eq(local->questionnaire, a->questionnaire) ||
	    local->qversion != a->qversion || local->started != a->started ||
	    local->completed != a->completed || local->updated != a->updated ||
	    !str_eq(local->assessor, a->assessor) || !str_eq(local->summary, a->summary) ||
	    (local->overall < 0 ? -1 : local->overall) != a->overall ||
	    (level_key(local->level) ? local->level : -1) != a->level ||
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
		push_line(&x->rep->conflicts, &x->rep->n_conflicts,
		          _("assessment %s of \"%s\" is a draft here but final in the file; "
		            "kept the draft (delete it and import again to take the file's "
		            "version)"), a->uuid, c->name);
	else if (local->status == ASSESS_FINAL && a->status == ASSESS_DRAFT)
		push_line(&x->rep->conflicts, &x->rep->n_conflicts,
		          _("assessment %s of \"%s\" is final here but a draft in the file; "
		            "kept the final one"), a->uuid, c->name);
	else
		push_line(&x->rep->conflicts, &x->rep->n_conflicts,
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

	if (!parse_assessment(x->rep, obj, path, &a, &cat, based) ||
	    !parse_answers(x->rep, json_object_get(obj, "answers"), path, cat, answers, &n)) {
		x->refused = true;
		return false;
	}
	err = store_assessment_find_uuid(x->st, a.uuid, &local);
	if (err == STORE_OK) {
		if (local.company_id != company_id)
			push_line(&x->rep->conflicts, &x->rep->n_conflicts,
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
			push_line(&x->rep->conflicts, &x->rep->n_conflicts,
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
	push_line(&x->rep->notices, &x->rep->n_notices,
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
		push_line(&x->rep->conflicts, &x->rep->n_conflicts,
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

	path_index(cp, sizeof cp, "", "companies", ci);
	if (!parse_company(x->rep, cobj, cp, &c)) {
		x->refused = true;
		return false;
	}
	id = import_company_row(x, &c, json_array_size(list), cp);
	if (x->err != STORE_OK)
		return false;
	if (id == 0)
		return true;
	json_array_foreach(list, ai, aobj) {
		path_index(ap, sizeof ap, cp, ".assessments", ai);
		if (!import_assessment(x, aobj, ap, &c, id))
			return false;
	}
	return true;
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
	ok = cx.cset && cx.aset && source_each_company(src, rep, check_company, &cx);
	json_decref(cx.cset);
	json_decref(cx.aset);
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
