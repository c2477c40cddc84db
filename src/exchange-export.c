/*
 * exchange-export.c - the export: the lossless JSON format written while the
 * database is read, one assessment at a time, so memory stays flat; and
 * the CSV with one row per answer for spreadsheets.
 */
#include "config.h"

#include "exchange.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exchange-int.h"
#include "i18n.h"
#include "json-out.h"
#include "scoring.h"
#include "text.h"
#include "timefmt.h"

#define DUMP_FLAGS (JSON_PRESERVE_ORDER)

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
	xc_msg_set(x->msg, x->msgsz, "%s", what);
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
	o = jo_assessment(a, JO_EXPORT, xc_based_on_uuid(x->st, a->based_on, bbuf, sizeof bbuf));
	write_item_start(x->out, x->n_assessments++, "      ");
	ok = o && write_open(x->out, o, DUMP_FLAGS, "answers");
	json_decref(o);
	for (size_t i = 0; ok && i < n; i++) {
		json_t *ao = jo_answer(&ans[i], JO_EXPORT);

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

/* Ends the company's record with its action plan: `, "actions": [...]`. */
static int export_actions_json(struct export_ctx *x, const struct company *c)
{
	struct action *acts = NULL;
	size_t n = 0;
	enum store_err err = store_action_list(x->st, c->id, &acts, &n);
	bool ok = true;

	if (err != STORE_OK)
		return export_store_fail(x, err);
	fputs(", \"actions\": [", x->out);
	for (size_t i = 0; ok && i < n; i++) {
		json_t *o = jo_action(&acts[i], JO_EXPORT, NULL);

		write_item_start(x->out, i, "      ");
		ok = o && json_dumpf(o, x->out, DUMP_FLAGS) == 0;
		json_decref(o);
	}
	store_actions_free(acts, n);
	if (!ok)
		return export_write_fail(x, _("an action holds text that is not valid UTF-8"));
	write_array_end(x->out, n, "    ");
	return 0;
}

static int export_company_json(const struct company *c, void *vx)
{
	struct export_ctx *x = vx;
	json_t *o;
	enum store_err err;
	bool ok;

	if (!company_wanted(x, c->id))
		return 0;
	o = jo_company(c, JO_EXPORT);
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
	if (export_actions_json(x, c) != 0)
		return 1;
	fputc('}', x->out);
	return 0;
}

static bool export_header(struct export_ctx *x)
{
	json_t *h = json_object();
	bool ok = h != NULL;

	ok = ok && jo_set(h, "format", jo_str(EXCHANGE_FORMAT_NAME));
	ok = ok && jo_set(h, "version", json_integer(EXCHANGE_FORMAT_VERSION));
	ok = ok && jo_set(h, "generator", jo_str(PACKAGE_NAME " " PACKAGE_VERSION));
	ok = ok && jo_set(h, "exported", jo_time(store_now(x->st), false));
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

/* ---- drafts not yet saved ------------------------------------------------ */

bool exchange_write_drafts(FILE *out, const struct exchange_draft *d, size_t n, long long now)
{
	json_t *h = json_object(), *companies = json_array();
	bool ok = h && companies;

	ok = ok && jo_set(h, "format", jo_str(EXCHANGE_FORMAT_NAME));
	ok = ok && jo_set(h, "version", json_integer(EXCHANGE_FORMAT_VERSION));
	ok = ok && jo_set(h, "generator", jo_str(PACKAGE_NAME " " PACKAGE_VERSION));
	ok = ok && jo_set(h, "exported", jo_time(now, false));
	for (size_t i = 0; ok && i < n; i++) {
		/* built with references of their own (json_object_set), all
		 * given back at the end whatever failed */
		json_t *c = jo_company(d[i].company, JO_EXPORT);
		json_t *a = jo_assessment(d[i].assessment, JO_EXPORT, NULL);
		json_t *as = json_array(), *ans = json_array(), *acts = json_array();

		ok = c && a && as && ans && acts;
		for (size_t k = 0; ok && k < d[i].n; k++)
			ok = json_array_append_new(ans, jo_answer(&d[i].answers[k], JO_EXPORT)) == 0;
		ok = ok && json_object_set(a, "answers", ans) == 0 && json_array_append(as, a) == 0 &&
		     json_object_set(c, "assessments", as) == 0 &&
		     json_object_set(c, "actions", acts) == 0 && json_array_append(companies, c) == 0;
		json_decref(c);
		json_decref(a);
		json_decref(as);
		json_decref(ans);
		json_decref(acts);
	}
	ok = ok && json_object_set(h, "companies", companies) == 0;
	json_decref(companies);
	ok = ok && json_dumpf(h, out, DUMP_FLAGS | JSON_INDENT(2)) == 0 && fputc('\n', out) != EOF;
	json_decref(h);
	return ok;
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
static void csv_text(FILE *out, const char *raw)
{
	/* What another program wrote into the database may hold escape
	 * sequences: they are written as \xNN, like everything smready
	 * prints (text_printable_dup), and can do nothing when the file is
	 * shown on a terminal. */
	char *clean = text_printable_dup(raw, true);
	const char *s = clean ? clean : "";
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
	free(clean);
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

/* One answer's row; i is its item's position in cat (-1: not there). */
static void csv_answer(struct export_ctx *x, const struct assessment *a,
                       const struct catalogue *cat, const struct answer *an, int i,
                       const char *date)
{
	char value[16];
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

/* An assessment has at most one answer per item of its questionnaire. */
#define CSV_MAX_ANSWERS (4 * CAT_MAX_ITEMS)

static int sort_pos(int at)
{
	return at < 0 ? CAT_MAX_ITEMS : at;
}

static int export_assessment_csv(const struct assessment *a, void *vx)
{
	struct export_ctx *x = vx;
	const struct catalogue *cat = catalogue_find(a->questionnaire, a->qversion);
	struct answer *ans = NULL;
	size_t n = 0;
	char date[32];
	int pos_here[CSV_MAX_ANSWERS], *pos = pos_here;
	size_t order_here[CSV_MAX_ANSWERS], *order = order_here;
	enum store_err err;

	err = store_answers_load(x->st, a->id, &ans, &n);
	if (err != STORE_OK)
		return export_store_fail(x, err);
	/* the day it was completed, or for a draft the day it last changed */
	timefmt_iso(a->status == ASSESS_FINAL && a->completed ? a->completed
	                     : a->updated, date, sizeof date);
	date[10] = '\0';
	/* catalogue order reads better than key order (unknown keys last, in
	 * key order); each item is looked up once, and n (<= 64) sorted by
	 * insertion, which keeps equal positions in their order */
	if (n > CSV_MAX_ANSWERS) {          /* only from a file written elsewhere */
		pos = malloc(n * sizeof *pos);
		order = malloc(n * sizeof *order);
		if (!pos || !order) {
			free(pos == pos_here ? NULL : pos);
			free(order == order_here ? NULL : order);
			store_answers_free(ans, n);
			return export_fail(x, STORE_ERROR, _("Out of memory."));
		}
	}
	for (size_t i = 0; i < n; i++) {
		int at = cat ? catalogue_item_index(cat, ans[i].item_key) : -1;
		size_t k = i;

		pos[i] = at;
		for (; k > 0 && sort_pos(pos[order[k - 1]]) > sort_pos(at); k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (size_t k = 0; k < n; k++)
		csv_answer(x, a, cat, &ans[order[k]], pos[order[k]], date);
	if (pos != pos_here) {
		free(pos);
		free(order);
	}
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

enum { CSV_ACTION_COLUMNS = 14 };

static const char *const csv_action_header[CSV_ACTION_COLUMNS] = {
	"company", "company_uuid", "action_uuid", "number", "title", "owner", "due",
	"status", "status_text", "status_since", "items", "origin_assessment_uuid",
	"created", "note"
};

/* The items an action aims at as "key=target, key=target". */
static char *csv_items(const struct action *a)
{
	size_t cap = 1, used = 0;
	char *s;

	for (size_t i = 0; i < a->n_items; i++)
		cap += strlen(a->items[i].key) + 8;
	s = malloc(cap);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < a->n_items; i++)
		used += (size_t)snprintf(s + used, cap - used, "%s%s=%d", i ? ", " : "",
		                         a->items[i].key, a->items[i].target);
	return s;
}

static int export_company_actions_csv(const struct company *c, void *vx)
{
	struct export_ctx *x = vx;
	struct action *acts = NULL;
	size_t n = 0;
	enum store_err err;

	if (!company_wanted(x, c->id))
		return 0;
	err = store_action_list(x->st, c->id, &acts, &n);
	if (err != STORE_OK)
		return export_store_fail(x, err);
	for (size_t i = 0; i < n; i++) {
		const struct action *a = &acts[i];
		char number[16], since[32], created[32], *items = csv_items(a);
		const char *cells[CSV_ACTION_COLUMNS];

		if (!items) {
			store_actions_free(acts, n);
			return export_fail(x, STORE_ERROR, _("out of memory"));
		}
		snprintf(number, sizeof number, "%d", a->number);
		timefmt_iso(a->n_changes ? a->changes[a->n_changes - 1].at : a->created,
		            since, sizeof since);
		since[10] = '\0';
		timefmt_iso(a->created, created, sizeof created);
		created[10] = '\0';
		cells[0] = c->name;
		cells[1] = c->uuid;
		cells[2] = a->uuid;
		cells[3] = number;
		cells[4] = a->title;
		cells[5] = a->owner;
		cells[6] = a->due;
		cells[7] = plan_status_key(a->status);
		cells[8] = _(plan_status_text(a->status));
		cells[9] = since;
		cells[10] = items;
		cells[11] = a->origin_uuid;
		cells[12] = created;
		cells[13] = a->note;
		/* the number and the three dates as such */
		csv_row(x->out, x->sep, cells, CSV_ACTION_COLUMNS, 1u << 3 | 1u << 6 | 1u << 9 | 1u << 12);
		free(items);
	}
	store_actions_free(acts, n);
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
	if (x->o->actions) {
		csv_row(x->out, x->sep, csv_action_header, CSV_ACTION_COLUMNS, 0);
		err = store_each_company(x->st, all, export_company_actions_csv, x);
	} else {
		csv_row(x->out, x->sep, csv_header, CSV_COLUMNS, 0);
		err = store_each_company(x->st, all, export_company_csv, x);
	}
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
		xc_msg_set(msg, msgsz, "%s", _("the CSV separator must be one punctuation "
		                            "character other than '\"', or a tab"));
		return STORE_INVALID;
	}
	err = opts->format == EXCHANGE_CSV ? export_csv(&x) : export_json(&x);
	if (err == STORE_OK && (fflush(out) != 0 || ferror(out))) {
		xc_msg_set(msg, msgsz, "%s", _("cannot write the export (disk full?)"));
		err = STORE_IO;
	}
	return err;
}

