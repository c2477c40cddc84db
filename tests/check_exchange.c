/*
 * check_exchange.c - the JSON export/import and the CSV export on temporary
 * databases: round trips, merging histories, conflicts, CSV quoting, and
 * every kind of malformed file (refused with its place named, database
 * unchanged).
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "catalogue.h"
#include "cli-util.h"
#include "exchange.h"
#include "json-out.h"
#include "json-write.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"
#include "unsaved.h"
#include "tap-main.h"

#define NOW 1795000000LL   /* 2026-11-18, fixed so exports compare */

static char tmpdir[512];
static int n_db;

static struct store *db_new(void)
{
	char path[600], msg[256];
	struct store *st = NULL;

	/* tests run in forked children: the pid keeps their files apart */
	snprintf(path, sizeof path, "%s/db%d-%d", tmpdir, (int)getpid(), n_db++);
	ck_assert_msg(store_open(path, 0, &st, msg, sizeof msg) == STORE_OK, "%s", msg);
	store_set_now(st, NOW);
	return st;
}

static const char *item_key(int i)
{
	return catalogue_builtin()->items[i].key;
}

static long long add_company(struct store *st, const char *name)
{
	long long id = 0;

	ck_assert_msg(store_company_add(st, name, "Retail", "Ann <ann@example.org>",
	                                "first line\nsecond", &id) == STORE_OK,
	              "%s", store_error(st));
	return id;
}

/* A final assessment with a few kinds of answer; from = based on. */
static long long add_final(struct store *st, long long company, long long from, int base)
{
	const struct catalogue *cat = catalogue_builtin();
	long long id = 0;

	ck_assert_msg(store_assessment_create(st, company, cat->id, cat->version, "Bea",
	                                      from, &id) == STORE_OK, "%s", store_error(st));
	ck_assert_int_eq(store_answer_set(st, id, item_key(0), (base + 3) % 5), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, item_key(1), ANSWER_DONT_KNOW), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, item_key(1), "asked \"Tom\", no reply"),
	                 STORE_OK);
	/* a note without a value: exported with "value": null */
	ck_assert_int_eq(store_answer_set_note(st, id, item_key(2), "later"), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, item_key(3), base % 5), STORE_OK);
	ck_assert_int_eq(store_assessment_set_meta(st, id, NULL, "So far, so good."), STORE_OK);
	ck_assert_msg(store_assessment_finalize(st, id, 40 + base, 1) == STORE_OK, "%s",
	              store_error(st));
	return id;
}

/* The whole JSON export of st as a malloc'd string. */
static char *export_str(struct store *st, enum exchange_format fmt, char sep,
                        bool archived)
{
	struct exchange_export_opts o = { .format = fmt, .separator = sep,
	                                  .include_archived = archived };
	char *buf = NULL, msg[256] = "";
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(exchange_export(st, f, &o, msg, sizeof msg) == STORE_OK, "%s", msg);
	fclose(f);
	return buf;
}

static char *export_json(struct store *st)
{
	return export_str(st, EXCHANGE_JSON, 0, true);
}

static enum exchange_status import_str(struct store *st, const char *s, bool dry,
                                       struct exchange_report *r)
{
	return exchange_import_buffer(st, s, strlen(s), dry, r);
}

/* Asserts two exports are byte-identical, showing where they part (Check's
 * messages are too short for whole exports). */
#define same_text(a, b) same_text_at(__LINE__, (a), (b))
static void same_text_at(int line, const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	ck_assert_msg(a[i] == b[i], "line %d: texts differ at byte %zu: \"%.60s\" vs \"%.60s\"",
	              line, i, a + (i > 20 ? i - 20 : 0), b + (i > 20 ? i - 20 : 0));
}

/* Two actions of company: one suggested by assessment origin, aiming at
 * two items, started and done a day apart; one added by hand, open, with
 * a due date.  Both are numbered 1 and 2 and listed open one first. */
static void add_actions(struct store *st, long long company, long long origin)
{
	struct plan_aim items[] = { { item_key(0), 4 }, { item_key(3), 3 } };
	struct action_fields f = {
		.title = "Redaktionsplan aufsetzen", .owner = "Lena, Marketing",
		.due = "2026-12-01", .note = "mit Vorlage\nzweite Zeile", .questionnaire = "core",
		.qversion = catalogue_builtin()->version, .origin = origin, .items = items,
		.n_items = 2,
	};
	long long id = 0;

	ck_assert_msg(store_action_add(st, company, &f, &id) == STORE_OK, "%s", store_error(st));
	store_set_now(st, NOW + 3600);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_STARTED, NULL), STORE_OK);
	store_set_now(st, NOW + 7200);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_DONE, NULL), STORE_OK);
	f = (struct action_fields){ .title = "Budget klären", .due = "2027-01-15",
	                            .questionnaire = "core",
	                            .qversion = catalogue_builtin()->version };
	ck_assert_msg(store_action_add(st, company, &f, &id) == STORE_OK, "%s", store_error(st));
	store_set_now(st, NOW);
}

/* db1: two companies (one archived), histories with a re-check, and an
 * action plan. */
static struct store *sample_db(void)
{
	struct store *st = db_new();
	long long a = add_company(st, "Bäckerei Krume"), b = add_company(st, "Acme GmbH");
	long long a1, draft = 0;

	a1 = add_final(st, a, 0, 1);
	add_actions(st, a, a1);
	store_set_now(st, NOW + 86400);
	add_final(st, a, a1, 2);
	store_set_now(st, NOW + 2 * 86400);
	ck_assert_int_eq(store_assessment_create(st, b, "core", 1, "", 0, &draft), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, draft, item_key(4), 4), STORE_OK);
	ck_assert_int_eq(store_company_set_archived(st, b, true), STORE_OK);
	store_set_now(st, NOW);
	return st;
}

START_TEST(test_time)
{
	char buf[32];
	long long t = 0;

	ck_assert_str_eq(timefmt_iso(0, buf, sizeof buf), "1970-01-01T00:00:00Z");
	ck_assert_str_eq(timefmt_iso(1795000000, buf, sizeof buf),
	                 "2026-11-18T11:06:40Z");
	ck_assert(timefmt_iso_parse("2026-11-18T11:06:40Z", &t));
	ck_assert_int_eq(t, 1795000000);
	ck_assert(timefmt_iso_parse("2024-02-29T23:59:59Z", &t));
	ck_assert_str_eq(timefmt_iso(t, buf, sizeof buf), "2024-02-29T23:59:59Z");
	ck_assert(!timefmt_iso_parse("2023-02-29T00:00:00Z", &t));
	ck_assert(!timefmt_iso_parse("2026-11-18T09:46:40", &t));
	ck_assert(!timefmt_iso_parse("2026-11-18 11:06:40Z", &t));
	ck_assert(!timefmt_iso_parse("2026-13-01T00:00:00Z", &t));
	ck_assert(!timefmt_iso_parse("2026-11-18T24:00:00Z", &t));
	ck_assert(!timefmt_iso_parse("1969-12-31T23:59:59Z", &t));
	ck_assert(!timefmt_iso_parse("2026-11-18T09:46:40+01:00", &t));
	/* clamped, and cut to a short buffer */
	ck_assert_str_eq(timefmt_iso(-5, buf, sizeof buf), "1970-01-01T00:00:00Z");
	ck_assert_str_eq(timefmt_iso(TIMEFMT_MAX + 1, buf, sizeof buf), "9999-12-31T23:59:59Z");
	ck_assert_str_eq(timefmt_iso(1795000000, buf, 8), "2026-11");
	buf[0] = 'x';
	timefmt_iso(1795000000, buf, 0);
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

/* What json-write.h writes, beside what jansson writes for the same value
 * with the same flags. */
static char *jw_text(void (*write)(struct jw *w, const void *arg), const void *arg,
                     int indent, bool *ok)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct jw w;

	ck_assert_ptr_nonnull(f);
	jw_start(&w, f, indent);
	write(&w, arg);
	*ok = jw_end(&w);
	fclose(f);
	return buf;
}

static void jw_assert_as_jansson(void (*write)(struct jw *w, const void *arg),
                                 const void *arg, json_t *j)
{
	size_t flags[2] = { JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY,
	                    JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY };

	ck_assert_ptr_nonnull(j);
	for (int i = 0; i < 2; i++) {
		char *want = json_dumps(j, flags[i]);
		bool ok;
		char *got = jw_text(write, arg, i == 0 ? 2 : 0, &ok);

		ck_assert(ok);
		ck_assert_str_eq(got, want);
		free(got);
		free(want);
	}
	json_decref(j);
}

static void write_str(struct jw *w, const void *arg)
{
	jw_str(w, arg, false);
}

static void write_lossy(struct jw *w, const void *arg)
{
	jw_str(w, arg, true);
}

static void write_ints(struct jw *w, const void *arg)
{
	const long long *v = arg;

	jw_array(w);
	for (int i = 0; i < 5; i++)
		jw_int(w, v[i]);
	jw_close(w);
}

static void write_nested(struct jw *w, const void *arg)
{
	(void)arg;
	jw_array(w);
	jw_object(w);
	jw_close(w);
	jw_array(w);
	jw_close(w);
	jw_object(w);
	jw_key(w, "a");
	jw_null(w);
	jw_key(w, "b");
	jw_bool(w, true);
	jw_key(w, "c");
	jw_array(w);
	jw_bool(w, false);
	jw_object(w);
	jw_key(w, "d");
	jw_str(w, "x", false);
	jw_close(w);
	jw_close(w);
	jw_close(w);
	jw_close(w);
}

START_TEST(test_json_write_as_jansson)
{
	char s[2] = { 0, 0 };
	static const char *texts[] = {
		"", "plain", "M\xc3\xbcller & S\xc3\xb6hne", "\xe2\x80\xa8 line sep", "\xf0\x9f\x98\x80",
		"tab\there\r\n\"q\" back\\slash /", "\x1b[31mred\x1b[0m", "\x7f del",
		"\xef\xbf\xbd replacement", "\xe2\x80\xae bidi",
	};
	long long ints[5] = { 0, -1, 1234567890123LL, LLONG_MAX, LLONG_MIN };
	json_t *a;

	/* every ASCII character alone */
	for (int c = 1; c < 128; c++) {
		s[0] = (char)c;
		jw_assert_as_jansson(write_str, s, json_string(s));
	}
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		jw_assert_as_jansson(write_str, texts[i], json_string(texts[i]));
	a = json_array();
	for (int i = 0; i < 5; i++)
		json_array_append_new(a, json_integer(ints[i]));
	jw_assert_as_jansson(write_ints, ints, a);
	jw_assert_as_jansson(write_nested, NULL,
	                     json_pack("[{}, [], {s:n, s:b, s:[b, {s:s}]}]", "a", "b", 1, "c", 0,
	                               "d", "x"));
}
END_TEST

/* The command line's --json output of a tree (cli_json_print()) is
 * jansson's text, byte for byte, also for a tree nested deeper than the
 * writer goes (then jansson writes it). */
static char *printed(json_t *j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(cli_json_print(j, f), 0);
	fclose(f);
	return buf;
}

START_TEST(test_json_print_as_jansson)
{
	for (int deep = 0; deep < 2; deep++) {
		json_t *root = json_pack("{s:s, s:i, s:b, s:b, s:n, s:[], s:{}, s:[i, s, {s:[b]}]}",
		                         "text", "Bäckerei \"Krume\"\n\t\\ \x01 \xe2\x80\xa8",
		                         "number", -42, "yes", 1, "no", 0, "none", "empty", "bare",
		                         "list", 7, "x", "deeper", 1);
		json_t *leaf = root;
		char *want, *got;

		ck_assert_ptr_nonnull(root);
		for (int i = 0; deep && i < JW_DEPTH + 2; i++) {
			json_t *o = json_object();

			json_object_set_new(leaf, "next", o);
			leaf = o;
		}
		want = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		ck_assert_ptr_nonnull(want);
		got = printed(json_incref(root));
		ck_assert_uint_eq(strlen(got), strlen(want) + 1);
		ck_assert_int_eq(strncmp(got, want, strlen(want)), 0);
		ck_assert_int_eq(got[strlen(want)], '\n');
		free(got);
		free(want);
		json_decref(root);
	}
}
END_TEST

START_TEST(test_json_write_bad)
{
	static const char *bad[] = { "M\xfcller", "cut \xc3", "\xed\xa0\x80 surrogate",
	                             "\xc0\xaf overlong" };
	bool ok;
	char *got;

	/* not UTF-8: lossy writes U+FFFD per bad byte, as text_valid_dup;
	 * otherwise the output fails */
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *fixed = text_valid_dup(bad[i]);

		jw_assert_as_jansson(write_lossy, bad[i], json_string(fixed));
		free(fixed);
		got = jw_text(write_str, bad[i], 2, &ok);
		ck_assert(!ok);
		free(got);
	}
}
END_TEST

static void write_unkeyed(struct jw *w, const void *arg)
{
	(void)arg;
	jw_object(w);
	jw_int(w, 1);
	jw_close(w);
}

static void write_key_in_array(struct jw *w, const void *arg)
{
	(void)arg;
	jw_array(w);
	jw_key(w, "k");
	jw_close(w);
}

static void write_unclosed(struct jw *w, const void *arg)
{
	(void)arg;
	jw_array(w);
}

static void write_closed_twice(struct jw *w, const void *arg)
{
	(void)arg;
	jw_array(w);
	jw_close(w);
	jw_close(w);
}

static void write_too_deep(struct jw *w, const void *arg)
{
	(void)arg;
	for (int i = 0; i <= JW_DEPTH; i++)
		jw_array(w);
	for (int i = 0; i <= JW_DEPTH; i++)
		jw_close(w);
}

static void write_key_without_value(struct jw *w, const void *arg)
{
	(void)arg;
	jw_object(w);
	jw_key(w, "k");
	jw_close(w);
}

START_TEST(test_json_write_misuse)
{
	void (*wrong[])(struct jw *, const void *) = {
		write_unkeyed, write_key_in_array, write_unclosed, write_closed_twice,
		write_too_deep, write_key_without_value,
	};
	bool ok;

	for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
		char *got = jw_text(wrong[i], NULL, 2, &ok);

		ck_assert_msg(!ok, "misuse %zu was taken: %s", i, got);
		free(got);
	}
}
END_TEST

static void write_company(struct jw *w, const void *arg)
{
	jw_object(w);
	jw_company_members(w, arg, JO_CLI);
	jw_close(w);
}

static void write_company_export(struct jw *w, const void *arg)
{
	jw_object(w);
	jw_company_members(w, arg, JO_EXPORT);
	jw_close(w);
}

START_TEST(test_json_write_company)
{
	char name[] = "B\xc3\xa4" "ckerei \"Zum "
	     "\x1b[2JKorn\"", industry[] = "Handwerk", contact[] = "", notes[] = "zwei\nZeilen",
	     latin1[] = "M\xfcller";
	struct company c = {
		.id = 7, .uuid = "0c8e2a4e-5a43-4f4e-9b53-2b3d8d1c6a11", .name = name, .industry = industry, .contact = contact,
		.notes = notes, .created = 1795000000, .archived = true,
	};

	jw_assert_as_jansson(write_company, &c, jo_company(&c, JO_CLI));
	jw_assert_as_jansson(write_company_export, &c, jo_company(&c, JO_EXPORT));
	c.created = 0;
	c.name = latin1;        /* another program's Latin-1: --json shows U+FFFD */
	jw_assert_as_jansson(write_company, &c, jo_company(&c, JO_CLI));
}
END_TEST

static void write_assessment(struct jw *w, const void *arg)
{
	jw_object(w);
	jw_assessment_members(w, arg, JO_CLI, NULL);
	jw_close(w);
}

static void write_assessment_export(struct jw *w, const void *arg)
{
	jw_object(w);
	jw_assessment_members(w, arg, JO_EXPORT, "1b2c3d4e-5a43-4f4e-9b53-2b3d8d1c6a11");
	jw_close(w);
}

/* An assessment written as it goes is jansson's tree's text, final and
 * draft, in both forms. */
START_TEST(test_json_write_assessment)
{
	char q[] = "core", assessor[] = "M\xfcller", summary[] = "zwei\nZeilen \"gut\"";
	struct assessment a = {
		.id = 12, .uuid = "0c8e2a4e-5a43-4f4e-9b53-2b3d8d1c6a11", .company_id = 3,
		.status = ASSESS_FINAL, .questionnaire = q, .qversion = 2, .started = 1795000000,
		.completed = 1795003600, .updated = 1795003600, .assessor = assessor,
		.summary = summary, .overall = 61, .level = 2, .reopened = 1, .based_on = 9,
		.number = 4,
	};

	jw_assert_as_jansson(write_assessment, &a, jo_assessment(&a, JO_CLI, NULL));
	a.assessor = q;
	jw_assert_as_jansson(write_assessment_export, &a,
	                     jo_assessment(&a, JO_EXPORT, "1b2c3d4e-5a43-4f4e-9b53-2b3d8d1c6a11"));
	a.status = ASSESS_DRAFT;
	a.completed = 0;
	a.overall = a.level = -1;
	a.based_on = 0;
	jw_assert_as_jansson(write_assessment, &a, jo_assessment(&a, JO_CLI, NULL));
}
END_TEST

/* Answers kept while the server was away, in the file of unsaved.c: the
 * next start takes the file only when everything in it goes in; when the
 * draft was finished meanwhile (by someone else), the file stays, so the
 * answers are never thrown away. */
START_TEST(test_unsaved_file_kept_on_conflict)
{
	struct store *st = db_new();
	long long c = add_company(st, "Kept GmbH"), d = 0;
	struct company co;
	struct assessment a;
	struct unsaved u;
	char xdg[600], **left;
	int taken = -1, saved = 0, older = 0;

	snprintf(xdg, sizeof xdg, "%s/xdg%d", tmpdir, (int)getpid());
	setenv("XDG_DATA_HOME", xdg, 1);
	ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "", 0, &d), STORE_OK);
	ck_assert_int_eq(store_company_get(st, c, &co), STORE_OK);
	ck_assert_int_eq(store_assessment_get(st, d, &a), STORE_OK);

	/* kept, then the same draft finished elsewhere */
	unsaved_init(&u);
	unsaved_for(&u, st);
	ck_assert(unsaved_keep(&u, &co, &a, item_key(0), 3, "typed offline", NOW + 60));
	ck_assert_str_eq(u.why, "");
	ck_assert_int_eq(store_assessment_finalize(st, d, 50, 0), STORE_OK);
	ck_assert_int_ne(unsaved_flush(&u, st, &saved, &older), STORE_OK);
	ck_assert_int_eq(saved, 0);
	ck_assert_int_eq(unsaved_count(&u), 1);
	ck_assert_int_eq(access(u.file, R_OK), 0);

	/* the next start: not taken, not removed */
	left = unsaved_left_over();
	ck_assert_ptr_nonnull(left);
	ck_assert_str_eq(left[0], u.file);
	ck_assert(unsaved_is_ours(&u, left[0]));
	ck_assert(!unsaved_take(st, left[0], &taken, &older));
	ck_assert_int_eq(access(u.file, R_OK), 0);
	unsaved_list_free(left);

	/* a copy of the database (the same drafts, by export and import) is
	 * not where the file belongs: the next start there leaves it alone */
	{
		struct store *copy = db_new();
		struct unsaved other;
		char *all = export_json(st);
		struct exchange_report r;

		ck_assert_int_eq(import_str(copy, all, false, &r), EXCHANGE_OK);
		exchange_report_clear(&r);
		unsaved_init(&other);
		unsaved_for(&other, copy);
		ck_assert_str_ne(other.tag, u.tag);
		ck_assert(!unsaved_is_ours(&other, u.file));
		unsaved_free(&other);
		free(all);
		store_close(copy);
	}

	/* while a file whose draft is still open is taken, and goes */
	ck_assert_int_eq(store_assessment_reopen(st, d, "again"), STORE_OK);
	left = unsaved_left_over();
	ck_assert(unsaved_take(st, left[0], &taken, &older));
	ck_assert_int_eq(taken, 1);
	ck_assert_int_eq(older, 0);
	ck_assert_int_ne(access(left[0], F_OK), 0);
	unsaved_list_free(left);
	unsaved_free(&u);
	store_company_clear(&co);
	store_assessment_clear(&a);
	store_close(st);
	unsetenv("XDG_DATA_HOME");
}
END_TEST

/* The next start takes a file of kept answers in as a reconnect does: an
 * answer changed in the database after it was kept (by a colleague) stays,
 * and is counted, so that the start can say so. */
START_TEST(test_unsaved_take_counts_newer)
{
	struct store *st = db_new();
	long long c = add_company(st, "Later GmbH"), d = 0;
	struct company co;
	struct assessment a;
	struct unsaved u;
	char xdg[600], **left;
	int taken = -1, older = -1;

	snprintf(xdg, sizeof xdg, "%s/xdg-newer%d", tmpdir, (int)getpid());
	setenv("XDG_DATA_HOME", xdg, 1);
	ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "", 0, &d), STORE_OK);
	ck_assert_int_eq(store_company_get(st, c, &co), STORE_OK);
	ck_assert_int_eq(store_assessment_get(st, d, &a), STORE_OK);
	unsaved_init(&u);
	unsaved_for(&u, st);
	ck_assert(unsaved_keep(&u, &co, &a, item_key(0), 3, "", NOW + 60));
	ck_assert(unsaved_keep(&u, &co, &a, item_key(1), 2, "", NOW + 60));
	/* the colleague's answer to the first, later */
	store_set_now(st, NOW + 120);
	ck_assert_int_eq(store_answer_set(st, d, item_key(0), 1), STORE_OK);
	left = unsaved_left_over();
	ck_assert_ptr_nonnull(left);
	ck_assert(unsaved_take(st, left[0], &taken, &older));
	ck_assert_int_eq(taken, 1);
	ck_assert_int_eq(older, 1);
	unsaved_list_free(left);
	unsaved_free(&u);
	store_company_clear(&co);
	store_assessment_clear(&a);
	store_close(st);
	unsetenv("XDG_DATA_HOME");
}
END_TEST

START_TEST(test_round_trip)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *two;

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.companies_added, 2);
	ck_assert_int_eq(r.assessments_added, 3);
	ck_assert_int_eq(r.n_conflicts, 0);
	ck_assert_int_eq(r.actions_added, 2);
	exchange_report_clear(&r);
	two = export_json(b);
	same_text(one, two);
	/* a few things the format promises */
	ck_assert_ptr_nonnull(strstr(one, "\"format\": \"smready-export\""));
	ck_assert_ptr_nonnull(strstr(one, "\"exported\": \"2026-11-18T11:06:40Z\""));
	ck_assert_ptr_nonnull(strstr(one, "\"value\": null, \"note\": \"later\""));
	ck_assert_ptr_nonnull(strstr(one, "\"value\": \"dont-know\""));
	ck_assert_ptr_nonnull(strstr(one, "\"completed\": null"));
	ck_assert_ptr_nonnull(strstr(one, "\"archived\": true"));
	ck_assert_ptr_nonnull(strstr(one, "\"version\": 2"));
	ck_assert_ptr_nonnull(strstr(one, "\"status\": \"done\""));
	ck_assert_ptr_nonnull(strstr(one, "\"due\": \"2027-01-15\""));
	ck_assert_ptr_nonnull(strstr(one, "{\"at\": \"2026-11-18T12:06:40Z\", \"status\": \"in-progress\"}"));
	free(one);
	free(two);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(test_archived_left_out)
{
	struct store *a = sample_db();
	char *all = export_json(a), *active = export_str(a, EXCHANGE_JSON, 0, false);

	ck_assert_ptr_nonnull(strstr(all, "Acme GmbH"));
	ck_assert_ptr_null(strstr(active, "Acme GmbH"));
	ck_assert_ptr_nonnull(strstr(active, "Bäckerei Krume"));
	free(all);
	free(active);
	store_close(a);
}
END_TEST

START_TEST(test_import_twice)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *before, *after;

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	before = export_json(b);
	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.companies_added, 0);
	ck_assert_int_eq(r.companies_known, 2);
	ck_assert_int_eq(r.assessments_added, 0);
	ck_assert_int_eq(r.assessments_unchanged, 3);
	ck_assert_int_eq(r.actions_added, 0);
	ck_assert_int_eq(r.actions_unchanged, 2);
	ck_assert_int_eq(r.n_conflicts, 0);
	ck_assert_int_eq(r.n_notices, 0);
	exchange_report_clear(&r);
	after = export_json(b);
	same_text(before, after);
	free(one);
	free(before);
	free(after);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(test_dry_run)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *before = export_json(b), *after;

	ck_assert_int_eq(import_str(b, one, true, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.companies_added, 2);
	ck_assert_int_eq(r.assessments_added, 3);
	exchange_report_clear(&r);
	after = export_json(b);
	same_text(before, after);
	free(one);
	free(before);
	free(after);
	store_close(a);
	store_close(b);
}
END_TEST

/* ---- the action plan -------------------------------------------------------- */

static long long action_id(struct store *st, const char *company, int number)
{
	struct company c;
	struct action a;
	long long id;

	ck_assert_msg(store_company_find(st, company, &c) == STORE_OK, "%s", store_error(st));
	ck_assert_msg(store_action_number(st, c.id, number, &a) == STORE_OK, "%s",
	              store_error(st));
	id = a.id;
	store_action_clear(&a);
	store_company_clear(&c);
	return id;
}

static enum plan_status action_status(struct store *st, long long id)
{
	struct action a;
	enum plan_status s;

	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	s = a.status;
	store_action_clear(&a);
	return s;
}

/* An action worked on in one database only since is brought up to date in
 * the other; the older version never overwrites the newer one. */
START_TEST(test_actions_follow_the_newer)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *orig = export_json(a), *one, *two;

	ck_assert_int_eq(import_str(b, orig, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	store_set_now(b, NOW + 5 * 86400);
	ck_assert_int_eq(store_action_set_status(b, action_id(b, "Bäckerei Krume", 2),
	                                         PLAN_STARTED, NULL), STORE_OK);
	ck_assert_int_eq(store_action_update(b, action_id(b, "Bäckerei Krume", 2), NULL, "Tom",
	                                     NULL, NULL), STORE_OK);
	two = export_json(b);
	ck_assert_int_eq(import_str(a, two, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.actions_updated, 1);
	ck_assert_int_eq(r.actions_unchanged, 1);
	/* the owner it had here is named: it may have been changed here too */
	ck_assert_int_eq(r.n_notices, 1);
	ck_assert_msg(strstr(r.notices[0], "took the file's later version, with other owner "
	                     "than this database had") != NULL, "%s", r.notices[0]);
	exchange_report_clear(&r);
	ck_assert_int_eq(action_status(a, action_id(a, "Bäckerei Krume", 2)), PLAN_STARTED);
	free(two);
	store_set_now(a, NOW + 5 * 86400);
	two = export_json(a);
	one = export_json(b);
	same_text(one, two);
	/* and the first file, now older, changes nothing */
	ck_assert_int_eq(import_str(a, orig, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.actions_updated, 0);
	ck_assert_int_eq(r.n_notices, 1);
	ck_assert_msg(strstr(r.notices[0], "is newer here than in the file") != NULL, "%s",
	              r.notices[0]);
	exchange_report_clear(&r);
	ck_assert_int_eq(action_status(a, action_id(a, "Bäckerei Krume", 2)), PLAN_STARTED);
	free(orig);
	free(one);
	free(two);
	store_close(a);
	store_close(b);
}
END_TEST

/* Changed on both sides: kept as it is here, reported as a conflict. */
START_TEST(test_actions_conflict)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *two, *before, *after;

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	store_set_now(a, NOW + 5 * 86400);
	store_set_now(b, NOW + 6 * 86400);
	ck_assert_int_eq(store_action_set_status(a, action_id(a, "Bäckerei Krume", 2),
	                                         PLAN_DROPPED, NULL), STORE_OK);
	ck_assert_int_eq(store_action_set_status(b, action_id(b, "Bäckerei Krume", 2),
	                                         PLAN_DONE, NULL), STORE_OK);
	two = export_json(b);
	before = export_json(a);
	ck_assert_int_eq(import_str(a, two, false, &r), EXCHANGE_CONFLICTS);
	ck_assert_int_eq(r.n_conflicts, 1);
	ck_assert_msg(strstr(r.conflicts[0], "was changed both here and in the file") != NULL,
	              "%s", r.conflicts[0]);
	exchange_report_clear(&r);
	after = export_json(a);
	same_text(before, after);
	free(one);
	free(two);
	free(before);
	free(after);
	store_close(a);
	store_close(b);
}
END_TEST

/* Actions added on both sides take the same number: the file's gets the
 * next one here, and the notice says so. */
START_TEST(test_actions_number_taken)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	struct action_fields f = { .title = "Fotos machen", .questionnaire = "core",
	                           .qversion = catalogue_builtin()->version };
	struct company c;
	char *one = export_json(a);

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	free(one);
	ck_assert_int_eq(store_company_find(a, "Bäckerei Krume", &c), STORE_OK);
	ck_assert_int_eq(store_action_add(a, c.id, &f, NULL), STORE_OK);
	store_company_clear(&c);
	f.title = "Texte schreiben";
	ck_assert_int_eq(store_company_find(b, "Bäckerei Krume", &c), STORE_OK);
	ck_assert_int_eq(store_action_add(b, c.id, &f, NULL), STORE_OK);
	store_company_clear(&c);
	one = export_json(a);
	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.actions_added, 1);
	ck_assert_int_eq(r.n_notices, 1);
	ck_assert_msg(strstr(r.notices[0], "(\"Fotos machen\") is number 4 here: number 3 was "
	                     "taken") != NULL, "%s", r.notices[0]);
	exchange_report_clear(&r);
	ck_assert_int_eq(action_status(b, action_id(b, "Bäckerei Krume", 4)), PLAN_OPEN);
	free(one);
	store_close(a);
	store_close(b);
}
END_TEST

/* A file of format version 1 has no action plans and still imports. */
START_TEST(test_version1_imports)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	json_t *root;
	json_error_t e;
	char *one = export_json(a), *v1;
	size_t i;
	json_t *c;

	root = json_loads(one, 0, &e);
	ck_assert_ptr_nonnull(root);
	json_object_set_new(root, "version", json_integer(1));
	json_array_foreach(json_object_get(root, "companies"), i, c)
		json_object_del(c, "actions");
	v1 = json_dumps(root, JSON_PRESERVE_ORDER);
	json_decref(root);
	ck_assert_int_eq(import_str(b, v1, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.assessments_added, 3);
	ck_assert_int_eq(r.actions_added, 0);
	exchange_report_clear(&r);
	free(one);
	free(v1);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(test_merge_histories)
{
	struct store *a = db_new(), *b = db_new();
	struct exchange_report r;
	struct company ca, cb;
	struct assessment *list;
	size_t n;
	char *s;
	long long ida = add_company(a, "Nordlicht KG"), first, idb;

	first = add_final(a, ida, 0, 0);
	s = export_json(a);
	ck_assert_int_eq(import_str(b, s, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	free(s);
	/* each side re-checks the company on its own */
	ck_assert_int_eq(store_company_get(a, ida, &ca), STORE_OK);
	ck_assert_int_eq(store_company_find_uuid(b, ca.uuid, &cb), STORE_OK);
	idb = cb.id;
	store_set_now(a, NOW + 90 * 86400);
	add_final(a, ida, first, 3);
	store_set_now(b, NOW + 91 * 86400);
	add_final(b, idb, 0, 4);
	/* b's history into a, then the merged one back into b */
	s = export_json(b);
	ck_assert_int_eq(import_str(a, s, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.companies_known, 1);
	ck_assert_int_eq(r.assessments_added, 1);
	ck_assert_int_eq(r.assessments_unchanged, 1);
	exchange_report_clear(&r);
	free(s);
	ck_assert_int_eq(store_assessment_list(a, ida, &list, &n), STORE_OK);
	ck_assert_int_eq(n, 3);
	store_assessment_free(list, n);
	s = export_json(a);
	ck_assert_int_eq(import_str(b, s, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.assessments_added, 1);
	ck_assert_int_eq(r.assessments_unchanged, 2);
	exchange_report_clear(&r);
	free(s);
	store_set_now(a, NOW);
	store_set_now(b, NOW);
	s = export_json(a);
	{
		char *t = export_json(b);

		same_text(s, t);
		free(t);
	}
	free(s);
	store_company_clear(&ca);
	store_company_clear(&cb);
	store_close(a);
	store_close(b);
}
END_TEST

/* The export of st with one change made through jansson. */
static char *export_edited(struct store *st, void (*edit)(json_t *root))
{
	char *s = export_json(st), *out;
	json_error_t e;
	json_t *root = json_loads(s, 0, &e);

	ck_assert_ptr_nonnull(root);
	edit(root);
	out = json_dumps(root, JSON_PRESERVE_ORDER);
	json_decref(root);
	free(s);
	return out;
}

static json_t *first_assessment(json_t *root)
{
	json_t *c = json_array_get(json_object_get(root, "companies"), 0);

	return json_array_get(json_object_get(c, "assessments"), 0);
}

static json_t *first_answer(json_t *root)
{
	return json_array_get(json_object_get(first_assessment(root), "answers"), 0);
}

static void edit_value_changed(json_t *root)
{
	/* the first final assessment of "Bäckerei Krume" */
	json_t *c = json_array_get(json_object_get(root, "companies"), 1);
	json_t *as = json_array_get(json_object_get(c, "assessments"), 0);
	json_t *an = json_array_get(json_object_get(as, "answers"), 0);

	json_object_set_new(an, "value", json_integer(json_integer_value(
	                        json_object_get(an, "value")) == 0 ? 1 : 0));
}

START_TEST(test_conflict_final)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *changed = export_edited(a, edit_value_changed);
	char *before;

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	before = export_json(b);
	ck_assert_int_eq(import_str(b, changed, false, &r), EXCHANGE_CONFLICTS);
	ck_assert_int_eq(r.n_conflicts, 1);
	ck_assert_int_eq(r.assessments_unchanged, 2);
	ck_assert_ptr_nonnull(strstr(r.conflicts[0], "differs from the one in this database"));
	ck_assert_ptr_nonnull(strstr(r.conflicts[0], "of \"Bäckerei Krume\""));
	exchange_report_clear(&r);
	{
		char *after = export_json(b);

		same_text(before, after);   /* never overwritten */
		free(after);
	}
	free(one);
	free(changed);
	free(before);
	store_close(a);
	store_close(b);
}
END_TEST

static void edit_draft_finished(json_t *root)
{
	/* companies are in name order: [0] is "Acme GmbH" with its draft */
	json_t *as = first_assessment(root);

	json_object_set_new(as, "status", json_string("final"));
	json_object_set_new(as, "completed", json_string("2026-11-21T10:00:00Z"));
}

START_TEST(test_conflict_draft_vs_final)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *fin = export_edited(a, edit_draft_finished);

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	ck_assert_int_eq(import_str(b, fin, false, &r), EXCHANGE_CONFLICTS);
	ck_assert_int_eq(r.n_conflicts, 1);
	ck_assert_ptr_nonnull(strstr(r.conflicts[0], "is a draft here but final in the file"));
	exchange_report_clear(&r);
	free(one);
	free(fin);
	store_close(a);
	store_close(b);
}
END_TEST

static void edit_other_draft(json_t *root)
{
	/* Acme's draft under another UUID: a second draft of the company */
	json_object_set_new(first_assessment(root), "uuid",
	                    json_string("0badcafe-0000-4000-8000-000000000001"));
}

START_TEST(test_conflict_second_draft)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *other = export_edited(a, edit_other_draft), *before;

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	before = export_json(b);
	ck_assert_int_eq(import_str(b, other, false, &r), EXCHANGE_CONFLICTS);
	ck_assert_int_eq(r.n_conflicts, 1);
	ck_assert_msg(strstr(r.conflicts[0], "another assessment in progress") &&
	              strstr(r.conflicts[0], "Acme GmbH"), "%s", r.conflicts[0]);
	exchange_report_clear(&r);
	{
		char *after = export_json(b);

		same_text(before, after);   /* the local draft stays the only one */
		free(after);
	}
	free(one);
	free(other);
	free(before);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(test_conflict_same_name)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *before;

	add_company(b, "BÄCKEREI KRUME");
	before = export_json(b);
	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_CONFLICTS);
	ck_assert_int_eq(r.n_conflicts, 1);
	ck_assert_int_eq(r.companies_added, 1);    /* Acme came in */
	ck_assert_int_eq(r.assessments_added, 1);
	ck_assert_ptr_nonnull(strstr(r.conflicts[0], "has the same name as a different company"));
	ck_assert_ptr_nonnull(strstr(r.conflicts[0], "2 assessments"));
	exchange_report_clear(&r);
	free(one);
	free(before);
	store_close(a);
	store_close(b);
}
END_TEST

static void edit_contact(json_t *root)
{
	json_t *c = json_array_get(json_object_get(root, "companies"), 0);

	json_object_set_new(c, "contact", json_string("someone else"));
}

START_TEST(test_company_details_kept)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *one = export_json(a), *other = export_edited(a, edit_contact), *after;

	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	ck_assert_int_eq(import_str(b, other, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.n_notices, 1);
	ck_assert_ptr_nonnull(strstr(r.notices[0], "other details (contact)"));
	exchange_report_clear(&r);
	after = export_json(b);
	same_text(one, after);
	free(one);
	free(other);
	free(after);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(test_csv)
{
	struct store *st = db_new();
	long long c = add_company(st, "=HYPERLINK(\"x\")"), id;
	char *csv, *semi, *line_end;

	id = add_final(st, c, 0, 1);
	(void)id;
	csv = export_str(st, EXCHANGE_CSV, ',', true);
	/* UTF-8 with a byte-order mark, so that spreadsheets read it as UTF-8 */
	{
		static const char header[] = "\xef\xbb\xbf\"company\",\"company_uuid\","
			"\"assessment_uuid\",\"status\",\"date\",\"assessor\",\"dimension\","
			"\"item\",\"question\",\"value\",\"answer\",\"note\"\r\n";

		ck_assert_msg(strncmp(csv, header, sizeof header - 1) == 0, "header: %.150s", csv);
	}
	/* formula neutralised, quoted, its quotes doubled */
	ck_assert_ptr_nonnull(strstr(csv, "\r\n\"'=HYPERLINK(\"\"x\"\")\","));
	/* a note with a comma and quotes */
	ck_assert_ptr_nonnull(strstr(csv, ",\"asked \"\"Tom\"\", no reply\"\r\n"));
	ck_assert_ptr_nonnull(strstr(csv, ",\"dont-know\","));
	/* every line ends in CRLF: no bare LF */
	for (line_end = strchr(csv, '\n'); line_end; line_end = strchr(line_end + 1, '\n'))
		ck_assert_int_eq(line_end[-1], '\r');
	semi = export_str(st, EXCHANGE_CSV, ';', true);
	ck_assert(strncmp(semi, "\xef\xbb\xbf\"company\";\"company_uuid\";", 28) == 0);
	ck_assert_ptr_nonnull(strstr(semi, "\r\n\"'=HYPERLINK(\"\"x\"\")\";"));
	ck_assert_ptr_nonnull(strstr(semi, ";\"asked \"\"Tom\"\", no reply\"\r\n"));
	free(csv);
	free(semi);
	store_close(st);
}
END_TEST

START_TEST(test_csv_formula_cells)
{
	struct store *st = db_new();
	long long c = add_company(st, "+49 30 1234"), id = 0;
	char *csv;

	ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "@boss", 0, &id), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, item_key(0), "-1 for that\tidea"), STORE_OK);
	csv = export_str(st, EXCHANGE_CSV, ',', true);
	ck_assert_ptr_nonnull(strstr(csv, "\r\n\"'+49 30 1234\","));
	ck_assert_ptr_nonnull(strstr(csv, ",\"'@boss\","));
	ck_assert_ptr_nonnull(strstr(csv, ",\"'-1 for that\tidea\"\r\n"));
	free(csv);
	store_close(st);
}
END_TEST

/* A cell that ends a row of a CSV written with ';': the note. */
static void expect_note_cell(const char *csv, const char *cell)
{
	char want[256];

	char shown[512];
	size_t j = 0;

	snprintf(want, sizeof want, ";%s\r\n", cell);
	/* TAP wants the message on one line */
	for (const char *p = cell; *p && j < sizeof shown - 3; p++) {
		if (*p == '\n' || *p == '\r') {
			shown[j++] = '\\';
			shown[j++] = *p == '\n' ? 'n' : 'r';
		} else {
			shown[j++] = *p;
		}
	}
	shown[j] = '\0';
	ck_assert_msg(strstr(csv, want) != NULL, "no cell %s", shown);
}

/* A formula after a line break inside a cell is neutralised too: opened
 * with another separator, each line of the cell can become a row of its
 * own, its first cell a live formula. */
START_TEST(test_csv_formula_every_line)
{
	struct store *st = db_new();
	long long c = add_company(st, "Zeilen GmbH"), id = 0;
	char *csv;

	ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "", 0, &id), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, item_key(0), "siehe\n=SUM(1,2)"), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, item_key(1), "a\r\n+1\n@x\n-y\nok"),
	                 STORE_OK);
	csv = export_str(st, EXCHANGE_CSV, ';', true);
	ck_assert_ptr_null(strstr(csv, "\n=SUM"));
	expect_note_cell(csv, "\"siehe\n'=SUM(1,2)\"");
	expect_note_cell(csv, "\"a\r\n'+1\n'@x\n'-y\nok\"");
	free(csv);
	store_close(st);
}
END_TEST

/* Text that a spreadsheet would turn into a number, a date, a time, a
 * percentage or a truth value is marked as text; real text is quoted; the
 * numbers and dates the export means as such are left bare. */
START_TEST(test_csv_text_stays_text)
{
	static const char *const notes[] = {
		"0042", "1,5", "2026-01-02", "12:30", "5 %", "-3", "TRUE", "falsch", "(12)",
		"1.234,50 \xe2\x82\xac", "Tel. 0711 12345", "2 Jahre"
	};
	static const char *const cells[] = {
		"\"'0042\"", "\"'1,5\"", "\"'2026-01-02\"", "\"'12:30\"", "\"'5 %\"", "\"'-3\"",
		"\"'TRUE\"", "\"'falsch\"", "\"'(12)\"", "\"'1.234,50 \xe2\x82\xac\"",
		"\"Tel. 0711 12345\"", "\"2 Jahre\""
	};
	struct store *st = db_new();
	long long c = add_company(st, "Zahlen GmbH"), id = 0;
	char *csv;

	ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "", 0, &id), STORE_OK);
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		ck_assert_int_eq(store_answer_set_note(st, id, item_key((int)i), notes[i]), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, item_key(0), 3), STORE_OK);
	csv = export_str(st, EXCHANGE_CSV, ';', true);
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		expect_note_cell(csv, cells[i]);
	/* the answer's value and the date are numbers and dates on purpose */
	ck_assert_msg(strstr(csv, ";3;\"") != NULL, "%s", csv);
	ck_assert_msg(strstr(csv, "\"draft\";20") != NULL, "%s", csv);
	free(csv);
	store_close(st);
}
END_TEST

/* Without --separator, the separator is what spreadsheets expect in the
 * locale: ';' where the decimal separator is a comma (German), else ','. */
START_TEST(test_csv_default_separator)
{
	struct store *st = db_new();
	char *csv;

	add_company(st, "Trenner AG");
	csv = export_str(st, EXCHANGE_CSV, 0, true);
	ck_assert_msg(strncmp(csv, "\xef\xbb\xbf\"company\",", 13) == 0, "%.40s", csv);
	free(csv);
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
		csv = export_str(st, EXCHANGE_CSV, 0, true);
		ck_assert_msg(strncmp(csv, "\xef\xbb\xbf\"company\";", 13) == 0, "%.40s", csv);
		free(csv);
		setlocale(LC_NUMERIC, "C");
	}
	store_close(st);
}
END_TEST

/* ---- malformed files ------------------------------------------------------ */

static void edit_format(json_t *root) { json_object_set_new(root, "format", json_string("other")); }
static void edit_version(json_t *root) { json_object_set_new(root, "version", json_integer(3)); }
static void edit_version0(json_t *root) { json_object_set_new(root, "version", json_integer(0)); }
static void edit_questionnaire(json_t *root)
{
	json_object_set_new(first_assessment(root), "questionnaire", json_string("deluxe"));
}
static void edit_item(json_t *root)
{
	json_object_set_new(first_answer(root), "item", json_string("nope.nothing"));
}
static void edit_value7(json_t *root)
{
	json_object_set_new(first_answer(root), "value", json_integer(7));
}
static void edit_value_str(json_t *root)
{
	json_object_set_new(first_answer(root), "value", json_string("maybe"));
}
static void edit_empty_name(json_t *root)
{
	json_object_set_new(json_array_get(json_object_get(root, "companies"), 1), "name",
	                    json_string("   "));
}
static void edit_long_name(json_t *root)
{
	char name[TEXT_NAME_MAX + 2];

	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	json_object_set_new(json_array_get(json_object_get(root, "companies"), 0), "name",
	                    json_string(name));
}
static void edit_uuid(json_t *root)
{
	json_object_set_new(json_array_get(json_object_get(root, "companies"), 0), "uuid",
	                    json_string("not-a-uuid"));
}
static void edit_missing(json_t *root)
{
	json_object_del(first_assessment(root), "status");
}
static void edit_time(json_t *root)
{
	json_object_set_new(first_assessment(root), "started", json_string("2026-11-31T00:00:00Z"));
}
static void edit_type(json_t *root)
{
	json_object_set_new(first_assessment(root), "reopened", json_string("no"));
}
static void edit_unknown_field(json_t *root)
{
	json_object_set_new(first_answer(root), "colour", json_string("red"));
}
static void edit_dup_assessment(json_t *root)
{
	json_t *list = json_object_get(json_array_get(json_object_get(root, "companies"), 1),
	                               "assessments");

	json_array_append(list, json_array_get(list, 0));
}
static void edit_dup_answer(json_t *root)
{
	json_t *list = json_object_get(first_assessment(root), "answers");

	json_array_append_new(list, json_deep_copy(json_array_get(list, 0)));
}
static void edit_based_on(json_t *root)
{
	json_object_set_new(first_assessment(root), "based_on",
	                    json_string("01234567-89ab-4cde-8f01-23456789abcd"));
}
static void edit_level(json_t *root)
{
	json_object_set_new(first_assessment(root), "level", json_string("superb"));
}
static void edit_not_object(json_t *root)
{
	json_array_set_new(json_object_get(root, "companies"), 0, json_integer(3));
}

static json_t *assessment_at(json_t *root, size_t company, size_t i)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(root, "companies"),
	                                                     company), "assessments"), i);
}
/* the store keeps no completion time or score for a draft */
static void edit_draft_completed(json_t *root)
{
	json_object_set_new(first_assessment(root), "completed",
	                    json_string("2026-11-20T00:00:00Z"));
}
static void edit_draft_overall(json_t *root)
{
	json_object_set_new(first_assessment(root), "overall", json_integer(50));
}
static void edit_final_not_completed(json_t *root)
{
	json_object_set_new(assessment_at(root, 1, 0), "completed", json_null());
}
/* the other company's draft comes earlier in the file */
static void edit_based_on_other_company(json_t *root)
{
	json_object_set(assessment_at(root, 1, 0), "based_on",
	                json_object_get(first_assessment(root), "uuid"));
}

static json_t *action_at(json_t *root, size_t i)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(root, "companies"),
	                                                     1), "actions"), i);
}
static void edit_action_status(json_t *root)
{
	json_object_set_new(action_at(root, 0), "status", json_string("finished"));
}
static void edit_action_item(json_t *root)
{
	json_object_set_new(json_array_get(json_object_get(action_at(root, 1), "items"), 0),
	                    "item", json_string("nope.nothing"));
}
static void edit_action_target(json_t *root)
{
	json_object_set_new(json_array_get(json_object_get(action_at(root, 1), "items"), 0),
	                    "target", json_integer(5));
}
static void edit_action_dup(json_t *root)
{
	json_array_append_new(json_object_get(json_array_get(json_object_get(root, "companies"),
	                                                     1), "actions"),
	                      json_deep_copy(action_at(root, 0)));
}
static void edit_action_order(json_t *root)
{
	json_object_set_new(json_array_get(json_object_get(action_at(root, 1), "changes"), 2),
	                    "at", json_string("2026-01-01T00:00:00Z"));
}
static void edit_action_last(json_t *root)
{
	json_object_set_new(action_at(root, 1), "status", json_string("dropped"));
}
static void edit_action_origin(json_t *root)
{
	json_object_set(action_at(root, 1), "origin",
	                json_object_get(first_assessment(root), "uuid"));
}
static void edit_action_due(json_t *root)
{
	json_object_set_new(action_at(root, 0), "due", json_string("15.01.2027"));
}
static void edit_action_no_title(json_t *root)
{
	json_object_set_new(action_at(root, 0), "title", json_string(" "));
}
static void edit_version1_with_actions(json_t *root)
{
	json_object_set_new(root, "version", json_integer(1));
}
static void edit_action_no_changes(json_t *root)
{
	json_object_set_new(action_at(root, 0), "changes", json_array());
}

static const struct bad_case {
	void (*edit)(json_t *root);
	const char *raw;            /* used instead of an edited export */
	const char *expect;
} bad_cases[] = {
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1,", "line 1, column 43: this is not valid JSON (the file ends too early)" },
	{ NULL, "", "the file is empty" },
	{ NULL, "[1, 2]", "the file: expected an object, found a list" },
	{ NULL, "{\"format\": \"smready-export\", \"format\": \"x\"}", "a field appears twice" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1, \"companies\": [{\"name\": \"\xff\"}]}",
	  "line 1, column 67: the file is not valid UTF-8 text" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1, \"companies\": []} x",
	  "line 1, column 61: this is not valid JSON (something follows the end" },
	{ NULL, "{\"format\" \"smready-export\"}", "line 1, column 11: this is not valid JSON (expected ':')" },
	{ NULL, "{format: 1}", "line 1, column 2: this is not valid JSON (expected a field name" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1, \"companies\": 5}",
	  "companies: expected a list, found a whole number" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1, \"companies\": [], \"companies\": []}",
	  "a field appears twice in the same object" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1, \"companies\": [,]}",
	  "line 1, column 58: this is not valid JSON (a value is missing" },
	{ NULL, "{\"format\": \"smready-export\",\n \"version\": 1,\n \"companies\": [\n  {\"uuid\": tru}\n]}",
	  "line 4, column 14: this is not valid JSON" },
	{ NULL, "{\"format\": \"smready-export\",\n \"version\": 1,\n \"companies\": [\n  {\"name\": \"Caf\xe9\"}]}",
	  "line 4, column 15: the file is not valid UTF-8 text" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1}",
	  "the file: the field \"companies\" is missing" },
	{ edit_format, NULL, "format: this is not an smready export" },
	{ edit_version, NULL, "version: the file was made by a newer smready (format version 3" },
	{ edit_version0, NULL, "version: format version 0 is not supported" },
	{ edit_questionnaire, NULL,
	  "companies[0].assessments[0].questionnaire: unknown questionnaire \"deluxe\" version 1" },
	{ edit_item, NULL,
	  "companies[0].assessments[0].answers[0].item: \"nope.nothing\" is not an item of "
	  "questionnaire \"core\" version 1" },
	{ edit_value7, NULL,
	  "companies[0].assessments[0].answers[0].value: 7 is out of range 0..4 or \"dont-know\"" },
	{ edit_value_str, NULL,
	  "companies[0].assessments[0].answers[0].value: \"maybe\" is not an answer" },
	{ edit_empty_name, NULL, "companies[1].name: must not be empty" },
	{ edit_long_name, NULL, "companies[0].name: is too long" },
	{ edit_uuid, NULL, "companies[0].uuid: \"not-a-uuid\" is not a UUID" },
	{ edit_missing, NULL, "companies[0].assessments[0]: the field \"status\" is missing" },
	{ edit_time, NULL,
	  "companies[0].assessments[0].started: \"2026-11-31T00:00:00Z\" is not a UTC time" },
	{ edit_type, NULL,
	  "companies[0].assessments[0].reopened: expected a whole number, found a text" },
	{ edit_unknown_field, NULL, "companies[0].assessments[0].answers[0].colour: unknown field" },
	{ edit_dup_assessment, NULL, "companies[1].assessments[2]: assessment " },
	{ edit_dup_answer, NULL, "is answered twice" },
	{ edit_based_on, NULL,
	  "companies[0].assessments[0].based_on: no assessment 01234567-89ab-4cde-8f01-23456789abcd" },
	{ edit_level, NULL, "companies[0].assessments[0].level: \"superb\" is not a readiness level" },
	{ edit_not_object, NULL, "companies[0]: expected an object, found a whole number" },
	{ NULL, "{\"format\": \"smready-export\", \"version\": 1, \"companies\": [{\"name\": \"a\\u0000b\"}]}",
	  "line 1, column 76: a text holds a NUL character (\\u0000), which smready does not accept" },
	{ edit_draft_completed, NULL, "companies[0].assessments[0]: a draft has no completion time" },
	{ edit_draft_overall, NULL, "companies[0].assessments[0]: a draft has no completion time" },
	{ edit_final_not_completed, NULL,
	  "companies[1].assessments[0].completed: a final assessment needs the time" },
	{ edit_based_on_other_company, NULL,
	  "companies[1].assessments[0].based_on: assessment " },
	{ edit_action_status, NULL, "companies[1].actions[0].status: \"finished\" is not \"open\"" },
	{ edit_action_item, NULL,
	  "companies[1].actions[1].items[0].item: questionnaire \"core\" version 2 has no "
	  "question \"nope.nothing\"" },
	{ edit_action_target, NULL,
	  "companies[1].actions[1].items[0].target: 5 is out of range 0..4" },
	{ edit_action_dup, NULL, "companies[1].actions[2]: action " },
	{ edit_action_order, NULL,
	  "companies[1].actions[1].changes[2].at: the changes are not in the order" },
	{ edit_action_last, NULL,
	  "companies[1].actions[1].changes: the last change does not give the action's status" },
	{ edit_action_origin, NULL, "companies[1].actions[1].origin: assessment " },
	{ edit_action_due, NULL,
	  "companies[1].actions[0].due: \"15.01.2027\" is not a day like \"2026-12-31\"" },
	{ edit_action_no_title, NULL, "companies[1].actions[0].title: must not be empty" },
	{ edit_version1_with_actions, NULL, "companies[0]: format version 1 has no field \"actions\"" },
	{ edit_action_no_changes, NULL,
	  "companies[1].actions[0].changes: an action has at least one change" },
};

START_TEST(test_invalid)
{
	const struct bad_case *bc = &bad_cases[_i];
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *file, *before, *after;

	add_company(b, "Already Here");
	file = bc->raw ? strdup(bc->raw) : export_edited(a, bc->edit);
	before = export_json(b);
	ck_assert_int_eq(import_str(b, file, false, &r), EXCHANGE_INVALID);
	ck_assert_msg(strstr(r.error, bc->expect) != NULL, "message \"%s\" lacks \"%s\"",
	              r.error, bc->expect);
	ck_assert_int_eq(r.companies_added + r.assessments_added, 0);
	exchange_report_clear(&r);
	/* also in a dry run */
	ck_assert_int_eq(import_str(b, file, true, &r), EXCHANGE_INVALID);
	exchange_report_clear(&r);
	after = export_json(b);
	same_text(before, after);
	free(file);
	free(before);
	free(after);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(test_separator_rule)
{
	ck_assert(exchange_separator_valid(','));
	ck_assert(exchange_separator_valid(';'));
	ck_assert(exchange_separator_valid('\t'));
	ck_assert(exchange_separator_valid('|'));
	ck_assert(!exchange_separator_valid('"'));
	ck_assert(!exchange_separator_valid('a'));
	ck_assert(!exchange_separator_valid('\n'));
	ck_assert(!exchange_separator_valid(' '));
}
END_TEST

/* An assessment without answers compares equal to itself on a second
 * import (the sanitizer build once stopped here: qsort got NULL). */
START_TEST(test_import_twice_no_answers)
{
	struct store *a = db_new(), *b = db_new();
	struct exchange_report r;
	long long c = add_company(a, "Empty Draft"), id = 0;
	char *one;

	ck_assert_int_eq(store_assessment_create(a, c, "core", 1, "", 0, &id), STORE_OK);
	one = export_json(a);
	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.assessments_added, 1);
	exchange_report_clear(&r);
	ck_assert_int_eq(import_str(b, one, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.assessments_unchanged, 1);
	ck_assert_int_eq(r.n_conflicts, 0);
	exchange_report_clear(&r);
	free(one);
	store_close(a);
	store_close(b);
}
END_TEST

/* A cell neutralised with an apostrophe is quoted when the apostrophe is
 * also the separator; otherwise it would split into two cells, the second
 * one a live formula. */
START_TEST(test_csv_apostrophe_separator)
{
	struct store *st = db_new();
	long long c = add_company(st, "Quote Ltd"), id = 0;
	char *csv;

	ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "", 0, &id), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, item_key(0), "=1+1"), STORE_OK);
	csv = export_str(st, EXCHANGE_CSV, '\'', true);
	ck_assert_msg(strstr(csv, "'\"'=1+1\"\r\n") != NULL, "%s", csv);
	ck_assert_ptr_null(strstr(csv, "''=1+1"));
	free(csv);
	store_close(st);
}
END_TEST

/* An export that cannot be written (a full disk) fails as an output error
 * with a message that says so, in both formats, and stops early. */
START_TEST(test_export_write_error)
{
	struct store *st = db_new();
	char note[TEXT_NOTE_MAX + 1], name[32], msg[256];
	const enum exchange_format fmts[2] = { EXCHANGE_JSON, EXCHANGE_CSV };

	memset(note, 'n', 3000);
	note[3000] = '\0';
	for (int i = 0; i < 20; i++) {
		long long c, id = 0;

		snprintf(name, sizeof name, "Company %d", i);
		c = add_company(st, name);
		ck_assert_int_eq(store_company_update(st, c, NULL, NULL, NULL, note), STORE_OK);
		ck_assert_int_eq(store_assessment_create(st, c, "core", 1, "", 0, &id), STORE_OK);
		ck_assert_int_eq(store_answer_set_note(st, id, item_key(0), note), STORE_OK);
	}
	for (int k = 0; k < 2; k++) {
		struct exchange_export_opts o = { .format = fmts[k], .include_archived = true };
		FILE *f = fopen("/dev/full", "w");

		ck_assert_ptr_nonnull(f);
		msg[0] = '\0';
		ck_assert_int_eq(exchange_export(st, f, &o, msg, sizeof msg), STORE_IO);
		ck_assert_msg(strstr(msg, "disk full") != NULL, "format %d: %s", k, msg);
		ck_assert_ptr_null(strstr(msg, "UTF-8"));
		fclose(f);
	}
	store_close(st);
}
END_TEST

/* ---- reading as a stream ---------------------------------------------------- */

/* A database of n companies with a few final assessments each. */
static struct store *many_db(int n)
{
	struct store *st = db_new();
	char name[32];

	for (int i = 0; i < n; i++) {
		long long c, f;

		snprintf(name, sizeof name, "Firma %03d", i);
		c = add_company(st, name);
		f = add_final(st, c, 0, i);
		add_final(st, c, f, i + 1);
	}
	return st;
}

/* The last occurrence of needle in hay (for an error near the end). */
static char *last_of(char *hay, const char *needle)
{
	char *at = NULL;

	for (char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		at = p;
	return at;
}

/* An import is one transaction: a file whose error comes last, after
 * everything else was merged, still changes nothing, also in a dry run. */
/* An assessment's origin must be one of its own company: one of another
 * company is refused, whether it is the assessment read just before or
 * one further back in the file, and nothing is imported. */
START_TEST(test_based_on_other_company)
{
	struct store *a = db_new();
	long long alpha = add_company(a, "Alpha"), beta = add_company(a, "Beta");
	long long first = add_final(a, alpha, 0, 1), second = add_final(a, alpha, first, 2);
	long long bases[2] = { first, second };
	char *file;

	add_final(a, beta, 0, 3);
	file = export_json(a);
	for (int k = 0; k < 2; k++) {
		struct store *b = db_new();
		struct exchange_report r;
		struct assessment base;
		char *at, *edited;
		size_t len = strlen(file) + 64;
		int n = -1;

		ck_assert_int_eq(store_assessment_get(a, bases[k], &base), STORE_OK);
		at = strstr(file, "\"name\": \"Beta\"");
		ck_assert_ptr_nonnull(at);
		at = strstr(at, "\"based_on\": null");
		ck_assert_ptr_nonnull(at);
		edited = malloc(len);
		ck_assert_ptr_nonnull(edited);
		snprintf(edited, len, "%.*s\"based_on\": \"%s\"%s", (int)(at - file), file,
		         base.uuid, at + strlen("\"based_on\": null"));
		ck_assert_int_eq(import_str(b, edited, false, &r), EXCHANGE_INVALID);
		ck_assert_msg(strstr(r.error, "belongs to another company") &&
		              strstr(r.error, base.uuid), "%s", r.error);
		ck_assert_int_eq(store_company_count(b, true, &n), STORE_OK);
		ck_assert_int_eq(n, 0);
		exchange_report_clear(&r);
		store_assessment_clear(&base);
		free(edited);
		store_close(b);
	}
	free(file);
	store_close(a);
}
END_TEST

/* A copy of the file's company ci under a new UUID: the same name, so the
 * import skips it; its assessments are only the given one (a copy). */
static json_t *skipped_copy(json_t *root, size_t ci, json_t *assessment)
{
	json_t *c = json_deep_copy(json_array_get(json_object_get(root, "companies"), ci));
	json_t *list = json_array();

	json_object_set_new(c, "uuid", json_string("0f0f0f0f-1111-4222-8333-444455556666"));
	json_object_del(c, "actions");
	json_array_append_new(list, json_deep_copy(assessment));
	json_object_set_new(c, "assessments", list);
	return c;
}

/* met under a skipped company first, then under one that is stored */
static void edit_twice_skipped_first(json_t *root)
{
	json_t *list = json_object_get(root, "companies");

	json_array_insert_new(list, 1, skipped_copy(root, 0, assessment_at(root, 1, 0)));
}

/* stored first, then met under a skipped company */
static void edit_twice_skipped_last(json_t *root)
{
	json_t *list = json_object_get(root, "companies");

	json_array_append_new(list, skipped_copy(root, 1, assessment_at(root, 1, 0)));
}

/* An assessment UUID that the file has twice refuses the file, with the
 * place of the second and the same words, however the first was met:
 * stored, or not stored because its company was skipped; into a database
 * that held no assessment (where the assessments table tells what the
 * file had) and into one that did (where a set of the file's UUIDs does). */
START_TEST(test_assessment_twice_in_file)
{
	static const struct {
		void (*edit)(json_t *root);
		size_t company, at;
	} cases[] = {
		{ edit_dup_assessment, 1, 2 },
		{ edit_twice_skipped_first, 2, 0 },
		{ edit_twice_skipped_last, 2, 0 },
	};
	struct store *a = sample_db();

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *file = export_edited(a, cases[k].edit);
		json_error_t e;
		json_t *root = json_loads(file, 0, &e);
		char expect[200];

		ck_assert_ptr_nonnull(root);
		snprintf(expect, sizeof expect,
		         "companies[%zu].assessments[%zu]: assessment %s appears twice in the file",
		         cases[k].company, cases[k].at,
		         json_string_value(json_object_get(assessment_at(root, cases[k].company,
		                                                         cases[k].at), "uuid")));
		json_decref(root);
		for (int fresh = 1; fresh >= 0; fresh--) {
			struct store *b = db_new();
			struct exchange_report r;
			char *before, *after;

			if (!fresh)
				add_final(b, add_company(b, "Already Here"), 0, 1);
			before = export_json(b);
			ck_assert_int_eq(import_str(b, file, false, &r), EXCHANGE_INVALID);
			ck_assert_msg(strstr(r.error, expect) != NULL,
			              "case %zu, fresh %d: \"%s\" lacks \"%s\"", k, fresh, r.error,
			              expect);
			exchange_report_clear(&r);
			ck_assert_int_eq(import_str(b, file, true, &r), EXCHANGE_INVALID);
			ck_assert_msg(strstr(r.error, expect) != NULL, "dry run: %s", r.error);
			exchange_report_clear(&r);
			after = export_json(b);
			same_text(before, after);
			free(before);
			free(after);
			store_close(b);
		}
		free(file);
	}
	store_close(a);
}
END_TEST

/* A company's second draft is kept out (a company is assessed in one draft
 * at a time); an assessment later in the file may still be based on it, or
 * on the first draft, which is stored.  The base that is not stored is
 * dropped; the import goes through the same way into an empty database
 * and into one with assessments. */
static void edit_based_on_kept_out(json_t *root)
{
	json_t *list = json_object_get(json_array_get(json_object_get(root, "companies"), 0),
	                               "assessments");
	json_t *first = json_array_get(list, 0), *second = json_deep_copy(first);
	json_t *on_first = json_deep_copy(assessment_at(root, 1, 0));
	json_t *on_second = json_deep_copy(assessment_at(root, 1, 0));

	json_object_set_new(second, "uuid", json_string("0f0f0f0f-2222-4222-8333-444455556666"));
	json_object_set_new(on_first, "uuid", json_string("0f0f0f0f-3333-4222-8333-444455556666"));
	json_object_set_new(on_second, "uuid", json_string("0f0f0f0f-4444-4222-8333-444455556666"));
	json_object_set(on_first, "based_on", json_object_get(first, "uuid"));
	json_object_set(on_second, "based_on", json_object_get(second, "uuid"));
	json_array_append_new(list, second);
	json_array_append_new(list, on_first);
	json_array_append_new(list, on_second);
}

START_TEST(test_based_on_kept_out_draft)
{
	struct store *a = sample_db();
	char *file = export_edited(a, edit_based_on_kept_out);

	for (int fresh = 1; fresh >= 0; fresh--) {
		struct store *b = db_new();
		struct exchange_report r;
		struct assessment got;
		long long id = 0, company = 0;

		if (!fresh)
			add_final(b, add_company(b, "Already Here"), 0, 1);
		ck_assert_msg(import_str(b, file, false, &r) == EXCHANGE_CONFLICTS, "%s", r.error);
		ck_assert_int_eq(r.assessments_added, 5);
		ck_assert_int_eq(r.n_conflicts, 1);
		ck_assert_msg(strstr(r.conflicts[0], "0f0f0f0f-2222-4222-8333-444455556666") &&
		              strstr(r.conflicts[0], "is a draft"), "%s", r.conflicts[0]);
		exchange_report_clear(&r);
		ck_assert_int_eq(store_assessment_uuid_id(b, "0f0f0f0f-2222-4222-8333-444455556666",
		                                          &id, &company), STORE_NOT_FOUND);
		ck_assert_int_eq(store_assessment_uuid_id(b, "0f0f0f0f-3333-4222-8333-444455556666",
		                                          &id, &company), STORE_OK);
		ck_assert_int_eq(store_assessment_get(b, id, &got), STORE_OK);
		ck_assert_int_ne(got.based_on, 0);
		store_assessment_clear(&got);
		ck_assert_int_eq(store_assessment_uuid_id(b, "0f0f0f0f-4444-4222-8333-444455556666",
		                                          &id, &company), STORE_OK);
		ck_assert_int_eq(store_assessment_get(b, id, &got), STORE_OK);
		ck_assert_int_eq(got.based_on, 0);
		store_assessment_clear(&got);
		store_close(b);
	}
	free(file);
	store_close(a);
}
END_TEST

START_TEST(test_error_near_end)
{
	struct store *a = many_db(40), *b = db_new();
	struct exchange_report r;
	char *file = export_json(a), *before, *after, *at;
	int n = 0;

	add_company(b, "Already Here");
	before = export_json(b);
	/* the last answer's value: out of range */
	at = last_of(file, "\"value\": ");
	ck_assert_ptr_nonnull(at);
	at[9] = '7';
	for (int dry = 0; dry < 2; dry++) {
		ck_assert_int_eq(import_str(b, file, dry, &r), EXCHANGE_INVALID);
		ck_assert_msg(strstr(r.error, "companies[39].assessments[1].answers[") &&
		              strstr(r.error, "].value: 7 is out of range"), "%s", r.error);
		ck_assert_int_eq(r.companies_added + r.assessments_added, 0);
		exchange_report_clear(&r);
	}
	/* the very last byte: the file ends too early */
	at[9] = '1';
	file[strlen(file) - 2] = '\0';
	ck_assert_int_eq(import_str(b, file, false, &r), EXCHANGE_INVALID);
	ck_assert_msg(strstr(r.error, "the file ends too early"), "%s", r.error);
	exchange_report_clear(&r);
	after = export_json(b);
	same_text(before, after);
	ck_assert_int_eq(store_company_count(b, true, &n), STORE_OK);
	ck_assert_int_eq(n, 1);
	free(file);
	free(before);
	free(after);
	store_close(a);
	store_close(b);
}
END_TEST

/* Imports s through a stream that cannot seek (like a pipe). */
static enum exchange_status import_stream_str(struct store *st, const char *s,
                                              unsigned long long max,
                                              struct exchange_report *r)
{
	struct exchange_import_opts o = { .dry_run = false, .max_bytes = max };
	char *copy = strdup(s);         /* fmemopen() takes no const buffer */
	FILE *f = copy ? fmemopen(copy, strlen(copy), "r") : NULL;
	enum exchange_status status;

	ck_assert_ptr_nonnull(f);
	status = exchange_import_stream(st, f, &o, r);
	fclose(f);
	free(copy);
	return status;
}

/* A UTF-8 byte-order mark at the start is skipped; anywhere else it is
 * refused by name. */
START_TEST(test_byte_order_mark)
{
	struct store *a = sample_db(), *b = db_new(), *c = db_new();
	struct exchange_report r;
	char *file = export_json(a), *with = malloc(strlen(file) + 4);
	const char *mid;

	snprintf(with, strlen(file) + 4, "\xef\xbb\xbf%s", file);
	ck_assert_int_eq(import_str(b, with, false, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.companies_added, 2);
	exchange_report_clear(&r);
	ck_assert_int_eq(import_stream_str(c, with, 0, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	mid = "{\"format\": \"smready-export\",\xef\xbb\xbf \"version\": 1, \"companies\": []}";
	ck_assert_int_eq(import_str(c, mid, false, &r), EXCHANGE_INVALID);
	ck_assert_msg(strstr(r.error, "line 1, column 29: this is not valid JSON (a byte-order "
	                     "mark (U+FEFF) inside the file)"), "%s", r.error);
	exchange_report_clear(&r);
	free(file);
	free(with);
	store_close(a);
	store_close(b);
	store_close(c);
}
END_TEST

/* Input beyond the reader's limits is refused with the limit named. */
START_TEST(test_limits)
{
	static const struct { const char *start, *fill, *end, *expect; size_t n; } cases[] = {
		{ "{\"format\": \"", "x", "\"}", "line 1, column 12: a text longer than 65536 bytes",
		  70000 },
		{ "{\"version\": ", "1", "}", "line 1, column 13: a number longer than 64 characters",
		  100 },
		{ "{\"format\": ", "[", "", "nested more than 256 levels deep", 300 },
	};
	struct exchange_report r;
	struct store *st = db_new();
	char *big;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t a = strlen(cases[i].start), n = cases[i].n;
		char *s = malloc(a + n + strlen(cases[i].end) + 1);

		memcpy(s, cases[i].start, a);
		for (size_t k = 0; k < n; k++)
			s[a + k] = cases[i].fill[0];
		strcpy(s + a + n, cases[i].end);
		ck_assert_int_eq(import_str(st, s, false, &r), EXCHANGE_INVALID);
		ck_assert_msg(strstr(r.error, cases[i].expect), "%zu: %s", i, r.error);
		exchange_report_clear(&r);
		ck_assert_int_eq(import_stream_str(st, s, 0, &r), EXCHANGE_INVALID);
		ck_assert_msg(strstr(r.error, cases[i].expect), "%zu (stream): %s", i, r.error);
		exchange_report_clear(&r);
		free(s);
	}
	/* the size of the whole file: endless white space stops there */
	big = malloc(3 << 20);
	memset(big, ' ', 3 << 20);
	big[0] = '{';
	big[(3 << 20) - 1] = '\0';
	ck_assert_int_eq(import_stream_str(st, big, 1 << 20, &r), EXCHANGE_INVALID);
	ck_assert_msg(strstr(r.error, "the file is larger than 1 MiB"), "%s", r.error);
	exchange_report_clear(&r);
	free(big);
	store_close(st);
}
END_TEST

/* Messages about a text that is too long name the limit. */
START_TEST(test_too_long_named)
{
	struct store *a = sample_db(), *b = db_new();
	struct exchange_report r;
	char *file = export_edited(a, edit_long_name);

	ck_assert_int_eq(import_str(b, file, false, &r), EXCHANGE_INVALID);
	ck_assert_msg(strstr(r.error, "companies[0].name: is too long (at most 120 characters)"),
	              "%s", r.error);
	exchange_report_clear(&r);
	free(file);
	store_close(a);
	store_close(b);
}
END_TEST

/* Keys in any order: with sorted keys every list (a company's assessments,
 * the companies, an assessment's answers) comes before the fields it
 * belongs with, so the reader goes on past the list and back, also from a
 * stream that cannot seek.  The result is the same as from the export. */
/* The action plan in any key order too: a company's actions before its
 * assessments (read after them all the same: their origins come first),
 * an action's changes before its items; from a file and from a pipe. */
START_TEST(test_actions_any_key_order)
{
	struct store *a = sample_db(), *b = db_new(), *c = db_new(), *d = db_new();
	struct exchange_import_opts o = { .dry_run = false };
	struct exchange_report r;
	char *file = export_json(a), *sorted, *eb, *ec, *ed, path[600], cmd[700];
	json_error_t e;
	json_t *root = json_loads(file, 0, &e);
	FILE *f;

	ck_assert_ptr_nonnull(root);
	sorted = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(1));
	json_decref(root);
	ck_assert(strstr(sorted, "\"actions\"") < strstr(sorted, "\"assessments\""));
	ck_assert(strstr(sorted, "\"changes\"") < strstr(sorted, "\"items\""));
	ck_assert_int_eq(import_str(b, file, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	ck_assert_int_eq(import_stream_str(c, sorted, 0, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.actions_added, 2);
	exchange_report_clear(&r);
	snprintf(path, sizeof path, "%s/sorted-%d.json", tmpdir, (int)getpid());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(sorted, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cat '%s'", path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(exchange_import_stream(d, f, &o, &r), EXCHANGE_OK);
	pclose(f);
	ck_assert_int_eq(r.actions_added, 2);
	exchange_report_clear(&r);
	store_set_now(b, NOW);
	eb = export_json(b);
	ec = export_json(c);
	ed = export_json(d);
	same_text(eb, ec);
	same_text(eb, ed);
	free(file);
	free(sorted);
	free(eb);
	free(ec);
	free(ed);
	store_close(a);
	store_close(b);
	store_close(c);
	store_close(d);
}
END_TEST

START_TEST(test_any_key_order)
{
	struct store *a = many_db(3), *b = db_new(), *c = db_new();
	struct exchange_report r;
	char *file = export_json(a), *sorted, *eb, *ec;
	json_error_t e;
	json_t *root = json_loads(file, 0, &e);

	ck_assert_ptr_nonnull(root);
	sorted = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(1));
	json_decref(root);
	/* the lists first: companies before format, assessments before name */
	ck_assert(strstr(sorted, "\"companies\"") < strstr(sorted, "\"format\""));
	ck_assert(strstr(sorted, "\"assessments\"") < strstr(sorted, "\"name\""));
	ck_assert(strstr(sorted, "\"answers\"") < strstr(sorted, "\"uuid\""));
	ck_assert_int_eq(import_str(b, file, false, &r), EXCHANGE_OK);
	exchange_report_clear(&r);
	ck_assert_int_eq(import_stream_str(c, sorted, 0, &r), EXCHANGE_OK);
	ck_assert_int_eq(r.companies_added, 3);
	ck_assert_int_eq(r.assessments_added, 6);
	exchange_report_clear(&r);
	eb = export_json(b);
	ec = export_json(c);
	same_text(eb, ec);
	/* and an error after the list is still found, with its place */
	*strstr(sorted, "\"name\": \"Firma 001\"") = '!';
	ck_assert_int_eq(import_stream_str(a, sorted, 0, &r), EXCHANGE_INVALID);
	ck_assert_msg(strstr(r.error, "this is not valid JSON (expected a field name"), "%s",
	              r.error);
	exchange_report_clear(&r);
	free(file);
	free(sorted);
	free(eb);
	free(ec);
	store_close(a);
	store_close(b);
	store_close(c);
}
END_TEST

static void cleanup(void)
{
	char cmd[600];

	if (tmpdir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

int main(void)
{
	Suite *s = suite_create("exchange");
	TCase *tc = tcase_create("exchange");
	int rc;

	snprintf(tmpdir, sizeof tmpdir, "%s/check_exchange.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_json_write_as_jansson);
	tcase_add_test(tc, test_json_write_bad);
	tcase_add_test(tc, test_json_print_as_jansson);
	tcase_add_test(tc, test_json_write_misuse);
	tcase_add_test(tc, test_json_write_company);
	tcase_add_test(tc, test_json_write_assessment);
	tcase_add_test(tc, test_unsaved_file_kept_on_conflict);
	tcase_add_test(tc, test_unsaved_take_counts_newer);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_archived_left_out);
	tcase_add_test(tc, test_import_twice);
	tcase_add_test(tc, test_dry_run);
	tcase_add_test(tc, test_merge_histories);
	tcase_add_test(tc, test_actions_follow_the_newer);
	tcase_add_test(tc, test_actions_conflict);
	tcase_add_test(tc, test_actions_number_taken);
	tcase_add_test(tc, test_version1_imports);
	tcase_add_test(tc, test_conflict_final);
	tcase_add_test(tc, test_conflict_draft_vs_final);
	tcase_add_test(tc, test_conflict_second_draft);
	tcase_add_test(tc, test_conflict_same_name);
	tcase_add_test(tc, test_company_details_kept);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_csv_formula_cells);
	tcase_add_test(tc, test_csv_formula_every_line);
	tcase_add_test(tc, test_csv_text_stays_text);
	tcase_add_test(tc, test_csv_default_separator);
	tcase_add_loop_test(tc, test_invalid, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
	tcase_add_test(tc, test_separator_rule);
	tcase_add_test(tc, test_import_twice_no_answers);
	tcase_add_test(tc, test_csv_apostrophe_separator);
	tcase_add_test(tc, test_export_write_error);
	tcase_add_test(tc, test_error_near_end);
	tcase_add_test(tc, test_based_on_other_company);
	tcase_add_test(tc, test_assessment_twice_in_file);
	tcase_add_test(tc, test_based_on_kept_out_draft);
	tcase_add_test(tc, test_byte_order_mark);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_too_long_named);
	tcase_add_test(tc, test_any_key_order);
	tcase_add_test(tc, test_actions_any_key_order);
	suite_add_tcase(s, tc);
	rc = tap_run_suite(s);
	cleanup();
	return rc;
}
