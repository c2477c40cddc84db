/*
 * store_tool.c - a small program over the store API for the shell tests
 * (store-kill.sh, store-concurrency.sh).  Not installed.
 *
 *   store_tool DB add-companies PREFIX N   adds PREFIX-1 .. PREFIX-N, one write each
 *   store_tool DB write-answers COMPANY N  answers item.1 .. item.N in COMPANY's draft
 *   store_tool DB kill-between COMPANY     saves item.1, prints "saved 1", waits for
 *                                          a line on stdin, then saves item.2
 *   store_tool DB answers COMPANY          prints "KEY VALUE" for the draft's answers
 *   store_tool DB count                    prints the number of companies
 *   store_tool DB check                    prints "ok" or the problems found
 *   store_tool DB backup DEST              copies the database to DEST
 *
 * Exit status: 0 done, 1 the store refused (message on stderr), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static int fail(struct store *st, const char *what)
{
	fprintf(stderr, "store_tool: %s: %s\n", what, st ? store_error(st) : "");
	return 1;
}

/* The company's open draft, creating company and draft when missing. */
static int draft_of(struct store *st, const char *name, long long *draft)
{
	struct company c;
	struct assessment a;
	enum store_err err = store_company_find(st, name, &c);
	long long cid;

	if (err == STORE_NOT_FOUND) {
		if (store_company_add(st, name, NULL, NULL, NULL, &cid) != STORE_OK)
			return fail(st, "add company");
	} else if (err != STORE_OK) {
		return fail(st, "find company");
	} else {
		cid = c.id;
		store_company_clear(&c);
	}
	err = store_assessment_draft(st, cid, &a);
	if (err == STORE_OK) {
		*draft = a.id;
		store_assessment_clear(&a);
		return 0;
	}
	if (err != STORE_NOT_FOUND)
		return fail(st, "find draft");
	if (store_assessment_create(st, cid, "core", 1, NULL, 0, draft) != STORE_OK)
		return fail(st, "create draft");
	return 0;
}

static int set_answer(struct store *st, long long draft, int i)
{
	char key[32];

	snprintf(key, sizeof key, "item.%d", i);
	if (store_answer_set(st, draft, key, i % 5) != STORE_OK)
		return fail(st, key);
	return 0;
}

static int add_companies(struct store *st, const char *prefix, int n)
{
	for (int i = 1; i <= n; i++) {
		char name[128];

		snprintf(name, sizeof name, "%s-%d", prefix, i);
		if (store_company_add(st, name, NULL, NULL, NULL, NULL) != STORE_OK)
			return fail(st, name);
	}
	printf("added %d\n", n);
	return 0;
}

static int write_answers(struct store *st, const char *company, int n)
{
	long long draft;
	int rc = draft_of(st, company, &draft);

	for (int i = 1; rc == 0 && i <= n; i++)
		rc = set_answer(st, draft, i);
	if (rc == 0)
		printf("wrote %d\n", n);
	return rc;
}

static int kill_between(struct store *st, const char *company)
{
	long long draft;
	char line[16];
	int rc = draft_of(st, company, &draft);

	if (rc == 0)
		rc = set_answer(st, draft, 1);
	if (rc != 0)
		return rc;
	printf("saved 1\n");
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	rc = set_answer(st, draft, 2);
	if (rc == 0)
		printf("saved 2\n");
	return rc;
}

static int show_answers(struct store *st, const char *company)
{
	struct company c;
	struct assessment a;
	struct answer *ans;
	size_t n;

	if (store_company_find(st, company, &c) != STORE_OK)
		return fail(st, company);
	if (store_assessment_draft(st, c.id, &a) != STORE_OK) {
		store_company_clear(&c);
		return fail(st, "draft");
	}
	store_company_clear(&c);
	if (store_answers_load(st, a.id, &ans, &n) != STORE_OK) {
		store_assessment_clear(&a);
		return fail(st, "answers");
	}
	for (size_t i = 0; i < n; i++)
		printf("%s %d\n", ans[i].item_key, ans[i].value);
	store_answers_free(ans, n);
	store_assessment_clear(&a);
	return 0;
}

static void print_problem(const char *problem, void *ctx)
{
	(void)ctx;
	printf("%s\n", problem);
}

static int usage(void)
{
	fprintf(stderr, "usage: store_tool DB add-companies PREFIX N | write-answers COMPANY N |"
	        " kill-between COMPANY | answers COMPANY | count | check | backup DEST\n");
	return 2;
}

static int run(struct store *st, int argc, char **argv)
{
	const char *verb = argv[2];
	int n = 0;

	if (strcmp(verb, "add-companies") == 0 && argc == 5)
		return add_companies(st, argv[3], atoi(argv[4]));
	if (strcmp(verb, "write-answers") == 0 && argc == 5)
		return write_answers(st, argv[3], atoi(argv[4]));
	if (strcmp(verb, "kill-between") == 0 && argc == 4)
		return kill_between(st, argv[3]);
	if (strcmp(verb, "answers") == 0 && argc == 4)
		return show_answers(st, argv[3]);
	if (strcmp(verb, "count") == 0 && argc == 3) {
		if (store_company_count(st, true, &n) != STORE_OK)
			return fail(st, "count");
		printf("%d\n", n);
		return 0;
	}
	if (strcmp(verb, "check") == 0 && argc == 3) {
		if (store_check(st, print_problem, NULL) != STORE_OK)
			return 1;
		printf("ok\n");
		return 0;
	}
	if (strcmp(verb, "backup") == 0 && argc == 4)
		return store_backup(st, argv[3]) == STORE_OK ? 0 : fail(st, "backup");
	return usage();
}

int main(int argc, char **argv)
{
	struct store *st;
	char msg[512];
	int rc;

	if (argc < 3)
		return usage();
	if (store_open(argv[1], 0, &st, msg, sizeof msg) != STORE_OK) {
		fprintf(stderr, "store_tool: %s\n", msg);
		return 1;
	}
	rc = run(st, argc, argv);
	store_close(st);
	return rc;
}
