/*
 * fuzz_import.c - libFuzzer target for the import: every input is imported
 * as a dry run (checked in full, applied in a transaction, rolled back)
 * into one database per process that holds a seed company, so inputs that
 * reuse its UUIDs reach the merge and conflict paths too.
 *
 * Built as tests/fuzz_import with --enable-fuzzing (clang); the same entry
 * point is linked into tests/fuzz_replay, which make check runs on the
 * committed corpus.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "exchange.h"
#include "store.h"

#define SEED_COMPANY "11111111-1111-4111-8111-111111111111"
#define SEED_FINAL "22222222-2222-4222-8222-222222222222"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fuzzer calls us once per input: the database lives for the process. */
static struct store *fuzz_st;
static char fuzz_dir[256];

static void fuzz_cleanup(void)
{
	static const char *const files[] = { "db", "db-wal", "db-shm", "db-journal" };
	char path[300];

	if (fuzz_st)
		store_close(fuzz_st);
	fuzz_st = NULL;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, files[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

static void fuzz_seed(struct store *st)
{
	const struct catalogue *cat = catalogue_builtin();
	struct exchange_report r;
	char doc[2048];

	snprintf(doc, sizeof doc,
	         "{\"format\": \"smready-export\", \"version\": 1, \"companies\": ["
	         "{\"uuid\": \"" SEED_COMPANY "\", \"name\": \"Seed GmbH\", \"industry\": \"\","
	         " \"contact\": \"\", \"notes\": \"\", \"created\": \"2026-01-01T00:00:00Z\","
	         " \"archived\": false, \"sample\": false, \"assessments\": ["
	         "{\"uuid\": \"" SEED_FINAL "\", \"status\": \"final\", \"questionnaire\": \"%s\","
	         " \"questionnaire_version\": %d, \"started\": \"2026-01-01T00:00:00Z\","
	         " \"completed\": \"2026-01-02T00:00:00Z\", \"updated\": \"2026-01-02T00:00:00Z\","
	         " \"assessor\": \"\", \"summary\": \"\", \"overall\": 50, \"level\": null,"
	         " \"reopened\": 0, \"based_on\": null, \"answers\": ["
	         "{\"item\": \"%s\", \"value\": 2, \"note\": \"n\", \"changed\": "
	         "\"2026-01-01T10:00:00Z\", \"carried\": false}]}]}]}",
	         cat->id, cat->version, cat->items[0].key);
	if (exchange_import_buffer(st, doc, strlen(doc), false, &r) != EXCHANGE_OK) {
		fprintf(stderr, "fuzz_import: cannot seed the database: %s\n", r.error);
		abort();
	}
	exchange_report_clear(&r);
}

static struct store *fuzz_store(void)
{
	char path[300], msg[256];
	const char *tmp = getenv("TMPDIR");

	if (fuzz_st)
		return fuzz_st;
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/fuzz_import.XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir)) {
		perror("fuzz_import: mkdtemp");
		abort();
	}
	snprintf(path, sizeof path, "%s/db", fuzz_dir);
	if (store_open(path, 0, &fuzz_st, msg, sizeof msg) != STORE_OK) {
		fprintf(stderr, "fuzz_import: %s\n", msg);
		abort();
	}
	atexit(fuzz_cleanup);
	store_set_now(fuzz_st, 1795000000LL);
	fuzz_seed(fuzz_st);
	return fuzz_st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	struct exchange_report r;
	enum exchange_status s;

	s = exchange_import_buffer(st, (const char *)data, size, true, &r);
	/* every refusal must say why */
	if (s == EXCHANGE_INVALID && r.error[0] == '\0')
		abort();
	exchange_report_clear(&r);
	return 0;
}
