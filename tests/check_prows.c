/*
 * check_prows.c - unit tests of the portfolio's kept rows
 * (ui-portfolio-rows.c): every sort order with its ties in name order as
 * the screen sorted them before, the search narrowed when a character is
 * added and widened again by Backspace (always the rows a fresh search
 * finds), Esc giving back the whole list in the sort's order, folded
 * matching of German names (umlauts, ß, case), the keys of ASCII names
 * being text_fold's, and what the columns need over the view.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap-main.h"
#include "text.h"
#include "ui-portfolio-rows.h"

struct spec {
	const char *name, *industry;
	int last, prev, level, open, overdue;
	long long at, draft;
	bool archived;
};

/* In name order, as the store gives them.  Ties on purpose. */
static const struct spec specs[] = {
	{ "Alpha Bau", "Handwerk", 70, 60, 2, 1, 0, 300, 0, false },
	{ "B\xc3\xa4""ckerei Sch\xc3\xb6n", "B\xc3\xa4""cker", 50, 50, 1, 3, 1, 100, 0, false },
	{ "Firma 1 GmbH", "Bakery", 70, 80, 2, 0, 0, 200, 7, false },
	{ "Firma 2 KG", "Hotel", -1, -1, -1, 0, 0, 0, 0, false },
	{ "Gro\xc3\x9f und Klein", "Retail", 50, -1, 1, 3, 1, 100, 0, true },
	{ "M\xc3\xbcller & S\xc3\xb6hne GmbH", "Tischlerei", 90, 70, 3, 2, 2, 100, 9, false },
	{ "Stra\xc3\x9f""enbau Nord", "", 30, 40, 0, 0, 0, 400, 0, false },
};
#define N_SPECS (sizeof specs / sizeof specs[0])

static int width_fn(const char *s, void *ctx)
{
	(void)ctx;
	return text_width(s);
}

static void load(struct prows *p)
{
	prows_init(p);
	for (size_t i = 0; i < N_SPECS; i++) {
		const struct spec *s = &specs[i];
		struct portfolio_row r;

		memset(&r, 0, sizeof r);
		r.company.id = (long long)i + 1;
		r.company.name = (char *)(uintptr_t)s->name;
		r.company.industry = (char *)(uintptr_t)s->industry;
		r.company.archived = s->archived;
		r.last_id = s->last >= 0 ? 100 + (long long)i : 0;
		r.last_overall = s->last;
		r.prev_overall = s->prev;
		r.last_level = s->level;
		r.last_at = s->at;
		r.draft_id = s->draft;
		r.n_open = s->open;
		r.n_overdue = s->overdue;
		r.n_final = s->last >= 0 ? 2 : 0;
		ck_assert(prows_add(p, &r, width_fn, NULL));
	}
}

/* The view's company ids as "3 1 2". */
static char *ids(struct prows *p, enum prows_sort s)
{
	static char buf[128];
	const uint32_t *v;
	const struct prows_needs *nd;
	size_t n, o = 0;

	ck_assert(prows_view(p, s, &v, &n, &nd));
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%lld", i ? " " : "",
		                      p->rows[v[i]].id);
	return buf;
}

START_TEST(test_orders)
{
	struct prows p;

	load(&p);
	ck_assert_str_eq(ids(&p, PROWS_NAME), "1 2 3 4 5 6 7");
	/* the best first, ties by name, none last */
	ck_assert_str_eq(ids(&p, PROWS_SCORE), "6 1 3 2 5 7 4");
	/* known changes first, the largest rise first, ties by name */
	ck_assert_str_eq(ids(&p, PROWS_CHANGE), "6 1 2 3 7 4 5");
	/* drafts first, then the oldest last final (never: 0 first) */
	ck_assert_str_eq(ids(&p, PROWS_DUE), "6 3 4 2 5 1 7");
	/* the most overdue, then the most open */
	ck_assert_str_eq(ids(&p, PROWS_ACTIONS), "6 2 5 1 3 4 7");
	/* kept: asked again, the same */
	ck_assert_str_eq(ids(&p, PROWS_SCORE), "6 1 3 2 5 7 4");
	prows_free(&p);
	/* made all at once, the same */
	load(&p);
	prows_orders(&p);
	ck_assert_str_eq(ids(&p, PROWS_CHANGE), "6 1 2 3 7 4 5");
	ck_assert_str_eq(ids(&p, PROWS_DUE), "6 3 4 2 5 1 7");
	ck_assert_str_eq(ids(&p, PROWS_ACTIONS), "6 2 5 1 3 4 7");
	ck_assert_str_eq(ids(&p, PROWS_SCORE), "6 1 3 2 5 7 4");
	ck_assert_str_eq(ids(&p, PROWS_NAME), "1 2 3 4 5 6 7");
	prows_free(&p);
}
END_TEST

/* What a fresh set of rows finds for the typed text. */
static char *fresh(const char *typed, enum prows_sort s)
{
	static char buf[128];
	struct prows q;

	load(&q);
	ck_assert(prows_set_filter(&q, typed));
	snprintf(buf, sizeof buf, "%s", ids(&q, s));
	prows_free(&q);
	return buf;
}

START_TEST(test_narrow_widen)
{
	static const char *const steps[] = { "f", "fi", "fir", "firma", "firma 1", "firma 12",
	                                     "firma 1", "firma", "f", "", "g", "gmbh" };
	struct prows p;

	load(&p);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char want[128];

		snprintf(want, sizeof want, "%s", fresh(steps[i], PROWS_SCORE));
		ck_assert(prows_set_filter(&p, steps[i]));
		ck_assert_msg(strcmp(ids(&p, PROWS_SCORE), want) == 0, "\"%s\": %s, not %s",
		              steps[i], ids(&p, PROWS_SCORE), want);
		snprintf(want, sizeof want, "%s", fresh(steps[i], PROWS_NAME));
		ck_assert_str_eq(ids(&p, PROWS_NAME), want);
	}
	ck_assert(prows_set_filter(&p, "firma 1"));
	ck_assert_str_eq(ids(&p, PROWS_NAME), "3");
	ck_assert(prows_set_filter(&p, "firma 12"));
	ck_assert_str_eq(ids(&p, PROWS_NAME), "");
	ck_assert(prows_set_filter(&p, "firma 1"));      /* Backspace */
	ck_assert_str_eq(ids(&p, PROWS_NAME), "3");
	prows_free(&p);
}
END_TEST

START_TEST(test_esc_restores)
{
	struct prows p;
	char all[128];

	load(&p);
	snprintf(all, sizeof all, "%s", ids(&p, PROWS_DUE));
	ck_assert(prows_set_filter(&p, "gmbh"));
	ck_assert(prows_filtered(&p));
	ck_assert_str_eq(ids(&p, PROWS_DUE), "6 3");
	ck_assert(prows_set_filter(&p, NULL));
	ck_assert(!prows_filtered(&p));
	ck_assert_str_eq(ids(&p, PROWS_DUE), all);
	ck_assert(prows_set_filter(&p, "   "));         /* only spaces: no filter */
	ck_assert_str_eq(ids(&p, PROWS_DUE), all);
	prows_free(&p);
}
END_TEST

START_TEST(test_german_fold)
{
	ck_assert_str_eq(fresh("m\xc3\xbcller", PROWS_NAME), "6");
	ck_assert_str_eq(fresh("MULLER", PROWS_NAME), "6");
	ck_assert_str_eq(fresh("mueller", PROWS_NAME), "6");
	ck_assert_str_eq(fresh("S\xc3\x96HNE", PROWS_NAME), "6");
	ck_assert_str_eq(fresh("soehne", PROWS_NAME), "6");
	ck_assert_str_eq(fresh("gross", PROWS_NAME), "5");
	ck_assert_str_eq(fresh("GRO\xc3\x9f", PROWS_NAME), "5");
	ck_assert_str_eq(fresh("strasse", PROWS_NAME), "7");
	ck_assert_str_eq(fresh("b\xc3\xa4""cker", PROWS_NAME), "2");
	ck_assert_str_eq(fresh("backer", PROWS_NAME), "2");
	ck_assert_str_eq(fresh("baecker", PROWS_NAME), "2");
	ck_assert_str_eq(fresh("bakery", PROWS_NAME), "3");    /* the industry */
	ck_assert_str_eq(fresh("hotel", PROWS_NAME), "4");
	ck_assert_str_eq(fresh("schoen", PROWS_NAME), "2");
	ck_assert_str_eq(fresh("bau", PROWS_NAME), "1 7");
	ck_assert_str_eq(fresh("nord\nbau", PROWS_NAME), "");   /* no match across lines */
	ck_assert_str_eq(fresh("xyz", PROWS_NAME), "");
}
END_TEST

/* The ASCII way of folding is text_fold's: spaces run together and
 * trimmed, case folded. */
START_TEST(test_ascii_key)
{
	static const char *const names[] = { "  Firma   00042  GmbH ", "ABC-Gruppe (Nord) & Co.",
	                                     "x", "" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct prows p;
		struct portfolio_row r;
		char *a = text_fold(names[i]), *b = text_fold("  Tax  Advice "), want[256];

		memset(&r, 0, sizeof r);
		r.company.name = (char *)(uintptr_t)names[i];
		r.company.industry = (char *)(uintptr_t)"  Tax  Advice ";
		r.last_overall = r.prev_overall = r.last_level = -1;
		prows_init(&p);
		ck_assert(prows_add(&p, &r, width_fn, NULL));
		snprintf(want, sizeof want, "%s\n%s\n", a, b);
		ck_assert_str_eq(p.arena + p.rows[0].key, want);
		ck_assert_str_eq(prows_name(&p, &p.rows[0]), names[i]);
		ck_assert_int_eq(p.rows[0].name_w, (int)strlen(names[i]));
		free(a);
		free(b);
		prows_free(&p);
	}
}
END_TEST

START_TEST(test_needs)
{
	struct prows p;
	const uint32_t *v;
	const struct prows_needs *nd;
	size_t n;

	load(&p);
	ck_assert(prows_view(&p, PROWS_NAME, &v, &n, &nd));
	ck_assert(nd->archived && nd->draft && nd->never && nd->level[LEVEL_READY]);
	ck_assert_int_eq(nd->lo, -10);
	ck_assert_int_eq(nd->hi, 20);
	ck_assert_int_eq(nd->max_open, 3);
	ck_assert_int_eq(nd->max_overdue, 2);
	ck_assert_int_eq(nd->name_w, (int)text_width(specs[5].name));
	ck_assert_int_eq(nd->oldest, 100);
	ck_assert(prows_set_filter(&p, "firma"));
	ck_assert(prows_view(&p, PROWS_SCORE, &v, &n, &nd));
	ck_assert_uint_eq(n, 2);
	ck_assert(!nd->archived && nd->draft && nd->never && !nd->level[LEVEL_READY]);
	ck_assert_int_eq(nd->lo, -10);
	ck_assert_int_eq(nd->hi, 0);
	ck_assert_int_eq(nd->name_w, 12);
	ck_assert_int_eq(nd->oldest, 0);
	prows_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("prows");
	TCase *tc = tcase_create("prows");

	setlocale(LC_CTYPE, "C.UTF-8");
	tcase_add_test(tc, test_orders);
	tcase_add_test(tc, test_narrow_widen);
	tcase_add_test(tc, test_esc_restores);
	tcase_add_test(tc, test_german_fold);
	tcase_add_test(tc, test_ascii_key);
	tcase_add_test(tc, test_needs);
	suite_add_tcase(s, tc);
	return tap_run_suite(s);
}
