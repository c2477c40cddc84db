/*
 * gen.c - makes a large, realistic database for the benchmark, and times
 * the store's read queries on it.  See bench/README.
 *
 *   bench/gen DB [COMPANIES [ASSESSMENTS]]   fill a new DB (default 2000 x 40)
 *   bench/gen --time DB                      time the store-level reads on DB
 *   bench/gen --plan DB                      show SQLite's plan for those reads
 *   bench/gen --run IN OUT COMMAND [ARG...]  time one run of COMMAND
 *
 * The answers are random but reproducible (fixed seed): each company starts
 * at its own level and mostly improves from one quarter to the next.  Every
 * assessment but (for some companies) the newest is final, with its score
 * cached as smready would cache it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include "catalogue.h"
#include "scoring.h"
#include "store.h"

#define QUARTER (91LL * 24 * 60 * 60)
#define START 1262304000LL   /* 2010-01-01 */
#define GEN_BATCH 250         /* companies per transaction */

static uint64_t rng_state = 0x5eed5eed12345678ULL;

static uint32_t rng(void)
{
	/* xorshift64*: small, fast, and the same on every machine */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static int die(struct store *st, const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, st ? store_error(st) : "");
	return 1;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Next quarter's answer: mostly the same, often a step better, rarely worse
 * or "don't know". */
static int next_value(int v)
{
	uint32_t r = rng() % 100;

	if (v == ANSWER_DONT_KNOW)
		return r < 60 ? (int)(rng() % 3) : ANSWER_DONT_KNOW;
	if (r < 25 && v < ANSWER_MAX)
		return v + 1;
	if (r < 30 && v > ANSWER_MIN)
		return v - 1;
	if (r < 32)
		return ANSWER_DONT_KNOW;
	return v;
}

static const char *const industries[] = {
	"Bakery", "Carpentry", "Consulting", "Dentist", "Hotel", "Retail", "Software", "Tax advice"
};

static int gen_company(struct store *st, const struct catalogue *cat, int i, int n_assess)
{
	struct company_in c;
	struct answer_in ans[CAT_MAX_ITEMS];
	int values[CAT_MAX_ITEMS];
	char name[64], note[64];
	long long cid, aid, prev = 0;

	memset(&c, 0, sizeof c);
	snprintf(name, sizeof name, "Firma %05d %s", i, i % 3 ? "GmbH" : "KG");
	c.name = name;
	c.industry = industries[rng() % 8];
	c.contact = "";
	c.notes = "";
	c.created = START + (long long)(rng() % 1000) * 60;
	c.archived = rng() % 20 == 0;
	if (store_company_insert(st, &c, &cid) != STORE_OK)
		return die(st, "add company");
	for (int k = 0; k < cat->n_items; k++)
		values[k] = (int)(rng() % 3);
	for (int j = 0; j < n_assess; j++) {
		struct assessment_in a;
		struct score sc;
		bool draft = j == n_assess - 1 && i % 4 == 0;

		for (int k = 0; k < cat->n_items; k++) {
			values[k] = j ? next_value(values[k]) : values[k];
			ans[k].item_key = cat->items[k].key;
			ans[k].value = values[k];
			snprintf(note, sizeof note, "checked in quarter %d", j + 1);
			ans[k].note = rng() % 10 == 0 ? note : "";
			ans[k].changed = c.created + j * QUARTER + k * 60;
			ans[k].carried = false;
		}
		scoring_compute(cat, values, &sc);
		memset(&a, 0, sizeof a);
		a.company_id = cid;
		a.status = draft ? ASSESS_DRAFT : ASSESS_FINAL;
		a.questionnaire = cat->id;
		a.qversion = cat->version;
		a.started = c.created + j * QUARTER;
		a.completed = draft ? 0 : a.started + 3600;
		a.updated = a.started + 3600;
		a.assessor = "Benchmark";
		a.summary = "";
		a.overall = sc.overall;
		a.level = sc.level;
		a.based_on = prev;
		if (store_assessment_insert(st, &a, ans, (size_t)cat->n_items, &aid) != STORE_OK)
			return die(st, "add assessment");
		prev = aid;
	}
	return 0;
}

static int generate(const char *path, int n_comp, int n_assess)
{
	const struct catalogue *cat = catalogue_builtin();
	struct store *st;
	char msg[512];
	double t0 = now_ms();

	if (!cat || cat->n_items <= 0) {
		fprintf(stderr, "gen: the built-in questionnaire is empty\n");
		return 1;
	}
	if (store_open(path, 0, &st, msg, sizeof msg) != STORE_OK) {
		fprintf(stderr, "gen: %s\n", msg);
		return 1;
	}
	for (int i = 0; i < n_comp; i++) {
		/* one transaction per GEN_BATCH companies keeps commits (and
		 * fsyncs) few: 20,000 companies in a few minutes */
		if (i % GEN_BATCH == 0 && store_begin(st) != STORE_OK)
			return die(st, "begin");
		if (gen_company(st, cat, i + 1, n_assess) != 0) {
			store_rollback(st);
			store_close(st);
			return 1;
		}
		if ((i % GEN_BATCH == GEN_BATCH - 1 || i == n_comp - 1) &&
		    store_commit(st) != STORE_OK)
			return die(st, "commit");
	}
	store_close(st);
	printf("generated %d companies x %d assessments x %d answers in %.1f s\n",
	       n_comp, n_assess, cat->n_items, (now_ms() - t0) / 1e3);
	return 0;
}

/* ---- timing ---------------------------------------------------------------- */

static int count_assessment(const struct assessment *a, void *ctx)
{
	(void)a;
	(*(long *)ctx)++;
	return 0;
}

static int each_company(const struct company *c, void *ctx)
{
	(void)c;
	(*(long *)ctx)++;
	return 0;
}

static void report(const char *what, double ms, long n)
{
	printf("%-44s %9.2f ms  (%ld rows)\n", what, ms, n);
}

static int time_reads(const char *path)
{
	struct store *st;
	struct portfolio_row *rows;
	size_t n_rows = 0;
	char msg[512];
	double t;
	long n = 0;
	struct rusage ru;

	t = now_ms();
	if (store_open(path, STORE_OPEN_NOCREATE, &st, msg, sizeof msg) != STORE_OK) {
		fprintf(stderr, "gen: %s\n", msg);
		return 1;
	}
	report("store_open", now_ms() - t, 0);

	t = now_ms();
	if (store_portfolio(st, true, &rows, &n_rows) != STORE_OK)
		return die(st, "portfolio");
	report("store_portfolio (all companies)", now_ms() - t, (long)n_rows);

	/* history and answers of 100 companies spread over the file */
	t = now_ms();
	n = 0;
	for (size_t i = 0; i < n_rows; i += n_rows / 100 + 1) {
		struct assessment *list;
		size_t k;

		if (store_assessment_list(st, rows[i].company.id, &list, &k) != STORE_OK)
			return die(st, "history");
		n += (long)k;
		store_assessment_free(list, k);
	}
	report("store_assessment_list x 100 companies", now_ms() - t, n);

	t = now_ms();
	n = 0;
	for (size_t i = 0; i < n_rows; i += n_rows / 100 + 1) {
		struct answer *ans;
		size_t k;

		if (!rows[i].last_id)
			continue;
		if (store_answers_load(st, rows[i].last_id, &ans, &k) != STORE_OK)
			return die(st, "answers");
		n += (long)k;
		store_answers_free(ans, k);
		if (rows[i].prev_id && store_answers_load(st, rows[i].prev_id, &ans, &k) == STORE_OK) {
			n += (long)k;
			store_answers_free(ans, k);
		}
	}
	report("compare: 2 x store_answers_load x 100", now_ms() - t, n);

	t = now_ms();
	n = 0;
	for (size_t i = 0; i < n_rows; i += n_rows / 100 + 1) {
		struct assessment a;

		if (store_assessment_final(st, rows[i].company.id, 1, &a) == STORE_OK) {
			n++;
			store_assessment_clear(&a);
		}
	}
	report("store_assessment_final(nth=1) x 100", now_ms() - t, n);

	t = now_ms();
	n = 0;
	if (store_each_company(st, true, each_company, &n) != STORE_OK)
		return die(st, "each company");
	report("store_each_company (streamed)", now_ms() - t, n);

	t = now_ms();
	n = 0;
	for (size_t i = 0; i < n_rows; i++)
		if (store_each_assessment(st, rows[i].company.id, count_assessment, &n) != STORE_OK)
			return die(st, "each assessment");
	report("store_each_assessment (every company)", now_ms() - t, n);

	store_portfolio_free(rows, n_rows);
	store_close(st);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %ld KiB\n", ru.ru_maxrss);
	return 0;
}

static void print_step(const char *step, void *ctx)
{
	(void)ctx;
	printf("    %s\n", step);
}

static int show_plans(const char *path)
{
	static const char *const queries[] = {
		"portfolio", "history", "final", "draft", "answers", "events", "each-assessment"
	};
	struct store *st;
	char msg[512];

	if (store_open(path, STORE_OPEN_NOCREATE, &st, msg, sizeof msg) != STORE_OK) {
		fprintf(stderr, "gen: %s\n", msg);
		return 1;
	}
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		printf("%s:\n", queries[i]);
		if (store_query_plan(st, queries[i], print_step, NULL) != STORE_OK)
			return die(st, queries[i]);
	}
	store_close(st);
	return 0;
}

/* ---- one timed run ------------------------------------------------------------ */

/* Runs argv with standard input from in and output to out ("-": inherit),
 * and prints its wall time in milliseconds and its peak memory in KiB, as
 * the kernel counted them (wait4), on one line.  bench/run.sh pairs such
 * runs of smready and of the sqlite3 shell. */
static int timed_run(const char *in, const char *out, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("gen: fork");
		return 1;
	}
	if (pid == 0) {
		if (strcmp(in, "-") != 0 && !freopen(in, "rb", stdin))
			_exit(126);
		if (strcmp(out, "-") != 0 && !freopen(out, "wb", stdout))
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("gen: wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f %ld %d\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench/gen DB [COMPANIES [ASSESSMENTS]]\n"
	                "       bench/gen --time DB\n"
	                "       bench/gen --plan DB\n"
	                "       bench/gen --run IN OUT COMMAND [ARG...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int n_comp = 2000, n_assess = 40;

	if (argc == 3 && strcmp(argv[1], "--time") == 0)
		return time_reads(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--plan") == 0)
		return show_plans(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "--run") == 0)
		return timed_run(argv[2], argv[3], argv + 4);
	if (argc < 2 || argc > 4 || argv[1][0] == '-')
		return usage();
	if (argc > 2)
		n_comp = atoi(argv[2]);
	if (argc > 3)
		n_assess = atoi(argv[3]);
	if (n_comp < 1 || n_assess < 1)
		return usage();
	return generate(argv[1], n_comp, n_assess);
}
