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
 *   store_tool DB start COMPANY GATE       waits until the file GATE exists, then
 *                                          starts (or resumes) an assessment of
 *                                          COMPANY as the program does; prints its id
 *   store_tool DB drafts COMPANY           prints how many drafts COMPANY has
 *   store_tool DB churn ID GATE N          waits for GATE, then answers the items of
 *                                          draft ID N times over with changing values
 *   store_tool DB finish ID GATE           waits for GATE, then finishes draft ID
 *   store_tool DB verify ID                prints "ok" when the cached score of ID
 *                                          is the score of its stored answers
 *   store_tool DB actions-add COMPANY PREFIX N GATE
 *                                          waits for GATE, then adds actions PREFIX-1
 *                                          .. PREFIX-N to COMPANY (made when missing),
 *                                          each started right after, one write each
 *   store_tool DB actions-owner COMPANY OWNER GATE
 *                                          waits for GATE, then sets the owner of each
 *                                          action of COMPANY to "OWNER N" (its number)
 *   store_tool DB actions-close COMPANY DAY GATE
 *                                          waits for GATE, then gives each action of
 *                                          COMPANY the due date DAY and marks it done
 *   store_tool DB actions COMPANY          prints "N STATUS CHANGES OWNER|DUE|TITLE"
 *                                          per action of COMPANY
 *   store_tool DB action-kill COMPANY      adds an action, marks it done, prints
 *                                          "saved done", waits for a line on stdin,
 *                                          then drops it
 *
 * Exit status: 0 done, 1 the store refused (message on stderr), 2 usage.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "assess.h"
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

/* Waits (at most 10 s) until the file gate exists, so that two processes
 * started one after the other begin their work at the same moment. */
static void wait_gate(const char *gate)
{
	struct timespec t = { 0, 1000000 };

	for (int i = 0; gate && i < 10000; i++) {
		FILE *f = fopen(gate, "r");

		if (f) {
			fclose(f);
			return;
		}
		nanosleep(&t, NULL);
	}
}

static int find_company_id(struct store *st, const char *name, long long *id)
{
	struct company c;

	if (store_company_find(st, name, &c) != STORE_OK)
		return fail(st, name);
	*id = c.id;
	store_company_clear(&c);
	return 0;
}

static int start(struct store *st, const char *company, const char *gate)
{
	long long cid, id;
	bool resumed;

	if (find_company_id(st, company, &cid) != 0)
		return 1;
	wait_gate(gate);
	if (assess_start(st, cid, false, NULL, &id, &resumed) != STORE_OK)
		return fail(st, "start");
	printf("%lld\n", id);
	return 0;
}

static int count_drafts(struct store *st, const char *company)
{
	struct assessment *list;
	size_t n, drafts = 0;
	long long cid;

	if (find_company_id(st, company, &cid) != 0)
		return 1;
	if (store_assessment_list(st, cid, &list, &n) != STORE_OK)
		return fail(st, "list");
	for (size_t i = 0; i < n; i++)
		drafts += list[i].status == ASSESS_DRAFT;
	store_assessment_free(list, n);
	printf("%zu\n", drafts);
	return 0;
}

static int churn(struct store *st, long long id, const char *gate, int rounds)
{
	const struct catalogue *cat = catalogue_builtin();

	wait_gate(gate);
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < cat->n_items; i++) {
			enum store_err err = store_answer_set(st, id, cat->items[i].key,
			                                      (r + i) % (ANSWER_MAX + 1));

			if (err == STORE_STATE)
				return 0;       /* finished meanwhile: the race is over */
			if (err != STORE_OK)
				return fail(st, "answer");
		}
	}
	return 0;
}

static int finish(struct store *st, long long id, const char *gate)
{
	wait_gate(gate);
	if (assess_finish(st, id, NULL) != STORE_OK)
		return fail(st, "finish");
	return 0;
}

static int verify(struct store *st, long long id)
{
	struct scored s;

	if (assess_load(st, id, &s) != STORE_OK)
		return fail(st, "load");
	if (s.a.overall != s.score.overall || s.a.level != (int)s.score.level) {
		printf("cached %d/%d, answers give %d/%d\n", s.a.overall, s.a.level,
		       s.score.overall, (int)s.score.level);
		assess_clear(&s);
		return 1;
	}
	assess_clear(&s);
	printf("ok\n");
	return 0;
}

/* ---- actions ------------------------------------------------------------- */

static int company_of(struct store *st, const char *name, long long *id)
{
	struct company c;
	enum store_err err = store_company_find(st, name, &c);

	if (err == STORE_NOT_FOUND) {
		if (store_company_add(st, name, NULL, NULL, NULL, id) == STORE_OK)
			return 0;
		/* another process added it meanwhile */
		err = store_company_find(st, name, &c);
	}
	if (err != STORE_OK)
		return fail(st, "find company");
	*id = c.id;
	store_company_clear(&c);
	return 0;
}

static int actions_add(struct store *st, const char *company, const char *prefix, int n,
                       const char *gate)
{
	struct plan_aim item = { "goals.purpose", 3 };
	long long cid, id;

	wait_gate(gate);
	if (company_of(st, company, &cid) != 0)
		return 1;
	for (int i = 1; i <= n; i++) {
		char title[64];
		struct action_fields f = { .title = title, .questionnaire = "core", .qversion = 2,
		                           .items = &item, .n_items = 1 };

		snprintf(title, sizeof title, "%s-%d", prefix, i);
		if (store_action_add(st, cid, &f, &id) != STORE_OK)
			return fail(st, title);
		if (store_action_set_status(st, id, PLAN_STARTED, NULL) != STORE_OK)
			return fail(st, "start");
	}
	printf("added %d\n", n);
	return 0;
}

/* Calls fn for each action of company (owner and due as given). */
static int each_action(struct store *st, const char *company, const char *gate,
                       int (*fn)(struct store *st, const struct action *a, const char *arg),
                       const char *arg)
{
	struct action *list;
	size_t n;
	long long cid;
	int rc = 0;

	wait_gate(gate);
	if (find_company_id(st, company, &cid) != 0)
		return 1;
	if (store_action_list(st, cid, &list, &n) != STORE_OK)
		return fail(st, "list");
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = fn(st, &list[i], arg);
	store_actions_free(list, n);
	return rc;
}

static int set_owner(struct store *st, const struct action *a, const char *owner)
{
	char who[128];

	snprintf(who, sizeof who, "%s %d", owner, a->number);
	return store_action_update(st, a->id, NULL, who, NULL, NULL) == STORE_OK ? 0
	       : fail(st, "owner");
}

static int close_action(struct store *st, const struct action *a, const char *day)
{
	if (store_action_update(st, a->id, NULL, NULL, day, NULL) != STORE_OK)
		return fail(st, "due");
	return store_action_set_status(st, a->id, PLAN_DONE, NULL) == STORE_OK ? 0
	       : fail(st, "done");
}

static int show_action(struct store *st, const struct action *a, const char *arg)
{
	(void)st;
	(void)arg;
	printf("%d %s %zu %s|%s|%s\n", a->number, plan_status_key(a->status), a->n_changes,
	       a->owner, a->due, a->title);
	return 0;
}

static int action_kill(struct store *st, const char *company)
{
	struct action_fields f = { .title = "Bis zum Ende", .questionnaire = "core", .qversion = 2 };
	long long cid, id;
	char line[16];

	if (company_of(st, company, &cid) != 0)
		return 1;
	if (store_action_add(st, cid, &f, &id) != STORE_OK)
		return fail(st, "add");
	if (store_action_set_status(st, id, PLAN_DONE, NULL) != STORE_OK)
		return fail(st, "done");
	printf("saved done\n");
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	if (store_action_set_status(st, id, PLAN_DROPPED, NULL) != STORE_OK)
		return fail(st, "drop");
	printf("saved dropped\n");
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
	        " kill-between COMPANY | answers COMPANY | count | check | backup DEST |"
	        " start COMPANY GATE | drafts COMPANY | churn ID GATE N | finish ID GATE |"
	        " verify ID | actions-add COMPANY PREFIX N GATE | actions-owner COMPANY OWNER GATE |"
	        " actions-close COMPANY DAY GATE | actions COMPANY | action-kill COMPANY\n");
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
	if (strcmp(verb, "start") == 0 && argc == 5)
		return start(st, argv[3], argv[4]);
	if (strcmp(verb, "drafts") == 0 && argc == 4)
		return count_drafts(st, argv[3]);
	if (strcmp(verb, "churn") == 0 && argc == 6)
		return churn(st, atoll(argv[3]), argv[4], atoi(argv[5]));
	if (strcmp(verb, "finish") == 0 && argc == 5)
		return finish(st, atoll(argv[3]), argv[4]);
	if (strcmp(verb, "verify") == 0 && argc == 4)
		return verify(st, atoll(argv[3]));
	if (strcmp(verb, "actions-add") == 0 && argc == 7)
		return actions_add(st, argv[3], argv[4], atoi(argv[5]), argv[6]);
	if (strcmp(verb, "actions-owner") == 0 && argc == 6)
		return each_action(st, argv[3], argv[5], set_owner, argv[4]);
	if (strcmp(verb, "actions-close") == 0 && argc == 6)
		return each_action(st, argv[3], argv[5], close_action, argv[4]);
	if (strcmp(verb, "actions") == 0 && argc == 4)
		return each_action(st, argv[3], NULL, show_action, NULL);
	if (strcmp(verb, "action-kill") == 0 && argc == 4)
		return action_kill(st, argv[3]);
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
