/*
 * check_store.c - unit tests of the SQLite store: schema and file handling,
 * refusal of foreign, damaged and newer files (which must stay byte for byte
 * as they were), read-only fallback, full disk, locks, transactions, and the
 * verbs on companies, assessments and answers.  Every test works in its own
 * temporary folder.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "assess.h"
#include "catalogue.h"
#include "store.h"
#include "store-int.h"
#include "tap-main.h"
#include "timefmt.h"

#define T0 1700000000LL

static char dir[256];
static char dbpath[320];
/* The PostgreSQL tcase's database (SMREADY_TEST_PG); NULL: SQLite's file. */
static const char *pg_target;

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "%s/smready-store.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(dbpath, sizeof dbpath, "%s/test.db", dir);
}

static void teardown(void)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *path_in(const char *name)
{
	static char p[400];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* The "pg" tcase: the same tests on an empty PostgreSQL database (its
 * public schema dropped and made again before each). */
static void setup_pg(void)
{
	struct drv_conn *c = NULL;
	char msg[512];

	setup();
	pg_target = getenv("SMREADY_TEST_PG");
	ck_assert_msg(drv_pg_open(pg_target, &c, msg, sizeof msg) == DRV_OK, "%s", msg);
	ck_assert_msg(c->ops->exec(c, "DROP SCHEMA IF EXISTS public CASCADE;"
	                              " CREATE SCHEMA public") == DRV_OK, "%s", c->ops->message(c));
	c->ops->close(c);
}

static void teardown_pg(void)
{
	pg_target = NULL;
	teardown();
}

/* Opens (creating) dbpath, or the PostgreSQL database of the "pg" tcase,
 * with a fixed clock. */
static struct store *open_db(void)
{
	struct store *st = NULL;
	char msg[512];
	enum store_err err = store_open(pg_target ? pg_target : dbpath, 0, &st, msg, sizeof msg);

	ck_assert_msg(err == STORE_OK, "open failed: %d %s", err, msg);
	store_set_now(st, T0);
	return st;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void put_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static bool exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static bool same_file(const unsigned char *before, size_t len, const char *path)
{
	size_t n;
	unsigned char *now = slurp(path, &n);
	bool same = n == len && memcmp(before, now, len) == 0;

	free(now);
	return same;
}

/* Writes a 32-bit big-endian number into the database header. */
static void patch_header(const char *path, long offset, unsigned value)
{
	unsigned char b[4] = { (unsigned char)(value >> 24), (unsigned char)(value >> 16),
	                       (unsigned char)(value >> 8), (unsigned char)value };
	int fd = open(path, O_WRONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, b, 4, offset), 4);
	close(fd);
}

/* A closed database with a little data in it. */
static void make_db(int companies)
{
	struct store *st = open_db();

	for (int i = 0; i < companies; i++) {
		char name[32];

		snprintf(name, sizeof name, "Company %d", i);
		ck_assert_int_eq(store_company_add(st, name, "Retail", NULL, "some notes", NULL),
		                 STORE_OK);
	}
	store_close(st);
}

/* Where the pages of the data begin in the (closed) database at dbpath:
 * after the pages of the schema, which damage must spare for the file to
 * open at all.  The schema's own pages are allocated among the tables'
 * first pages while it is written, a few at most after the last of them. */
static size_t data_offset(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long root = 0;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT max(rootpage) FROM sqlite_master", -1, &s,
	                                    NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		root = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	ck_assert_int_gt(root, 0);
	return (size_t)(root + 3) * 4096;
}

/* Opening must fail with want, say phrase, leave the file as it was and
 * create no log file next to it. */
static void expect_refused(unsigned flags, enum store_err want, const char *phrase)
{
	size_t len;
	unsigned char *before = slurp(dbpath, &len);
	struct store *st = (struct store *)1;
	char msg[512] = "";
	char wal[400];
	enum store_err err = store_open(dbpath, flags, &st, msg, sizeof msg);

	ck_assert_int_eq(err, want);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(msg, phrase) != NULL, "message \"%s\" lacks \"%s\"", msg, phrase);
	ck_assert_msg(strstr(msg, dbpath) != NULL, "message \"%s\" does not name the file", msg);
	ck_assert_msg(same_file(before, len, dbpath), "the file was changed");
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	ck_assert_msg(!exists(wal), "a -wal file was created");
	snprintf(wal, sizeof wal, "%s-shm", dbpath);
	ck_assert_msg(!exists(wal), "a -shm file was created");
	free(before);
}

/* Names of the files in dir other than the database itself. */
static int others_in_dir(const char *d, const char *db_name, char *names, size_t sz)
{
	char cmd[600];
	FILE *p;
	size_t n = 0;
	int count = 0;

	snprintf(cmd, sizeof cmd, "ls -A '%s'", d);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	names[0] = '\0';
	while (fgets(names + n, (int)(sz - n), p)) {
		size_t len = strlen(names + n);

		if (len && names[n + len - 1] == '\n')
			names[n + len - 1] = ' ';
		if (strncmp(names + n, db_name, strlen(db_name)) == 0 &&
		    names[n + strlen(db_name)] == ' ')
			continue;          /* the database itself */
		count++;
		n += len;
	}
	pclose(p);
	return count;
}

static const char *core2_key(int i)
{
	return catalogue_find("core", 2)->items[i].key;
}

static long long add_company(struct store *st, const char *name)
{
	long long id = 0;

	ck_assert_msg(store_company_add(st, name, NULL, NULL, NULL, &id) == STORE_OK, "%s",
	              store_error(st));
	ck_assert_int_gt(id, 0);
	return id;
}

static long long new_draft(struct store *st, long long company, long long from)
{
	long long id = 0;

	ck_assert_msg(store_assessment_create(st, company, "core", 1, "Tester", from, &id)
	              == STORE_OK, "%s", store_error(st));
	return id;
}

static const struct answer *find_answer(const struct answer *a, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].item_key, key) == 0)
			return &a[i];
	return NULL;
}

/* ---- files and opening -------------------------------------------------- */

START_TEST(test_create_modes)
{
	struct store *st = NULL;
	char msg[256], sub[400];
	struct stat sb;

	umask(0);   /* the modes must not depend on the umask */
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	snprintf(dbpath, sizeof dbpath, "%s/a/b/smready.db", dir);
	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	ck_assert_int_eq(stat(sub, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
	ck_assert_int_eq(stat(path_in("a"), &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert(!store_readonly(st));
	ck_assert_str_eq(store_path(st), dbpath);
	store_close(st);
	/* reopening an existing database works and changes nothing */
	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_NOCREATE, &st, msg, sizeof msg), STORE_OK);
	store_close(st);
}
END_TEST

START_TEST(test_missing_file)
{
	struct store *st = NULL;
	char msg[256];

	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_NOCREATE, &st, msg, sizeof msg), STORE_IO);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(strstr(msg, "does not exist"));
	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_READONLY, &st, msg, sizeof msg), STORE_IO);
	ck_assert(!exists(dbpath));
	ck_assert_int_eq(store_open("", 0, &st, msg, sizeof msg), STORE_INVALID);
	ck_assert_int_eq(store_open(dir, 0, &st, msg, sizeof msg), STORE_IO);
	ck_assert_ptr_nonnull(strstr(msg, "folder"));
}
END_TEST

START_TEST(test_default_path)
{
	char *p;

	setenv("XDG_DATA_HOME", "/data/x", 1);
	setenv("HOME", "/home/u", 1);
	p = store_default_path();
	ck_assert_str_eq(p, "/data/x/smready/smready.db");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1);     /* ignored, as the spec says */
	p = store_default_path();
	ck_assert_str_eq(p, "/home/u/.local/share/smready/smready.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	p = store_default_path();
	ck_assert_str_eq(p, "/home/u/.local/share/smready/smready.db");
	free(p);
	unsetenv("HOME");
	ck_assert_ptr_null(store_default_path());
}
END_TEST

START_TEST(test_not_a_database)
{
	const char text[] = "Kunde;Umsatz\nMüller;12\n";

	put_file(dbpath, text, sizeof text - 1);
	expect_refused(0, STORE_NOT_DB, "is not an smready database");
	expect_refused(STORE_OPEN_READONLY, STORE_NOT_DB, "is not an smready database");
}
END_TEST

/* Only a path that does not exist becomes a new database: an empty file
 * that is there already is somebody's, and is refused unchanged like any
 * other file that is not a database, also when opened read-only. */
START_TEST(test_empty_file)
{
	struct stat sb;

	put_file(dbpath, "", 0);
	expect_refused(0, STORE_NOT_DB, "empty");
	expect_refused(STORE_OPEN_READONLY, STORE_NOT_DB, "empty");
	expect_refused(STORE_OPEN_NOCREATE, STORE_NOT_DB, "empty");
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_eq(sb.st_size, 0);
}
END_TEST

/* A new database appears at its path complete, schema and all, or not at
 * all: nobody (another smready starting at the same moment) can find it
 * empty there, and nothing is left beside it. */
START_TEST(test_new_file_complete)
{
	struct store *st = NULL;
	char msg[256], names[1024];
	struct stat sb;

	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	store_close(st);
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_ge(sb.st_size, 1024);    /* the schema is in the file itself */
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_msg(others_in_dir(dir, "test.db", names, sizeof names) == 0,
	              "left beside the database: %s", names);
}
END_TEST

START_TEST(test_truncated)
{
	size_t len;
	unsigned char *data;

	make_db(300);
	data = slurp(dbpath, &len);
	ck_assert_int_gt(len, 8192);
	put_file(dbpath, data, len / 2);
	expect_refused(0, STORE_CORRUPT, "is damaged");
	put_file(dbpath, data, 60);         /* even the header is cut */
	expect_refused(0, STORE_CORRUPT, "is damaged");
	free(data);
}
END_TEST

START_TEST(test_foreign_application_id)
{
	make_db(1);
	patch_header(dbpath, 68, 0x12345678);
	expect_refused(0, STORE_NOT_DB, "is not an smready database");
}
END_TEST

START_TEST(test_foreign_sqlite_file)
{
	/* An SQLite file with tables but no application id and no version
	 * belongs to some other program; SQLite itself is asked this time. */
	make_db(1);
	patch_header(dbpath, 68, 0);
	patch_header(dbpath, 60, 0);
	expect_refused(0, STORE_NOT_DB, "is not an smready database");
}
END_TEST

START_TEST(test_newer_version)
{
	make_db(1);
	patch_header(dbpath, 60, STORE_SCHEMA_VERSION + 1);
	expect_refused(0, STORE_NEWER, "newer smready");
	expect_refused(STORE_OPEN_READONLY, STORE_NEWER, "newer smready");
}
END_TEST

START_TEST(test_readonly_forced)
{
	struct store *st;
	struct company c;
	size_t len;
	unsigned char *before;
	char msg[256];
	int n = 0;

	make_db(2);
	before = slurp(dbpath, &len);
	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_READONLY, &st, msg, sizeof msg), STORE_OK);
	ck_assert(store_readonly(st));
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_company_find(st, "company 1", &c), STORE_OK);
	ck_assert_int_eq(store_company_add(st, "New", NULL, NULL, NULL, NULL), STORE_READONLY);
	ck_assert_ptr_nonnull(strstr(store_error(st), "read-only"));
	ck_assert_ptr_nonnull(strstr(store_error(st), dbpath));
	ck_assert_int_eq(store_company_update(st, c.id, "Other", NULL, NULL, NULL), STORE_READONLY);
	ck_assert_int_eq(store_begin(st), STORE_READONLY);
	store_company_clear(&c);
	store_close(st);
	ck_assert(same_file(before, len, dbpath));
	free(before);
}
END_TEST

/* The permission case.  root may write any file, so as root the check runs
 * in a child that gives up root first (as "nobody"); otherwise the file and
 * its folder are made read-only for us. */
static int readonly_child(void)
{
	struct store *st = NULL;
	char msg[256];
	int n = 0;

	if (store_open(dbpath, 0, &st, msg, sizeof msg) != STORE_OK)
		return 10;
	if (!store_readonly(st))
		return 11;
	if (store_company_count(st, true, &n) != STORE_OK || n != 3)
		return 12;
	if (store_company_add(st, "New", NULL, NULL, NULL, NULL) != STORE_READONLY)
		return 13;
	if (!strstr(store_error(st), "read-only"))
		return 14;
	store_close(st);
	return 0;
}

START_TEST(test_readonly_permissions)
{
	size_t len;
	unsigned char *before;
	pid_t pid;
	int status = -1;

	make_db(3);
	before = slurp(dbpath, &len);
	if (geteuid() == 0) {
		ck_assert_int_eq(chmod(dir, 0755), 0);
		ck_assert_int_eq(chmod(dbpath, 0644), 0);
	} else {
		ck_assert_int_eq(chmod(dbpath, 0400), 0);
		ck_assert_int_eq(chmod(dir, 0500), 0);
	}
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(2);
		_exit(readonly_child());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	chmod(dir, 0700);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	              "read-only check failed at step %d", WEXITSTATUS(status));
	ck_assert(same_file(before, len, dbpath));
	free(before);
}
END_TEST

START_TEST(test_full_disk)
{
	struct store *st = open_db();
	struct company c;
	char note[3000], name[32];
	enum store_err err = STORE_OK;
	int added = 0, n = 0;

	add_company(st, "Before");
	memset(note, 'x', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	store_set_max_pages(st, 1);   /* SQLite raises it to the current size */
	for (int i = 0; i < 200 && err == STORE_OK; i++) {
		snprintf(name, sizeof name, "Filler %d", i);
		err = store_company_add(st, name, NULL, NULL, note, NULL);
		if (err == STORE_OK)
			added++;
	}
	ck_assert_int_eq(err, STORE_FULL);
	ck_assert_ptr_nonnull(strstr(store_error(st), "not saved"));
	ck_assert_int_eq(store_company_find(st, name, &c), STORE_NOT_FOUND);
	ck_assert_int_eq(store_company_find(st, "Before", &c), STORE_OK);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 1 + added);
	/* a grouped write that runs out of space loses the whole group */
	ck_assert_int_eq(store_begin(st), STORE_OK);
	err = STORE_OK;
	for (int i = 0; i < 200 && err == STORE_OK; i++) {
		snprintf(name, sizeof name, "Grouped %d", i);
		err = store_company_add(st, name, NULL, NULL, note, NULL);
	}
	ck_assert_int_eq(err, STORE_FULL);
	ck_assert_int_ne(store_commit(st), STORE_OK);
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 1 + added);
	ck_assert_int_eq(store_check(st, NULL, NULL), STORE_OK);
	store_set_max_pages(st, 1000000);
	ck_assert_int_eq(store_company_add(st, "After", NULL, NULL, note, NULL), STORE_OK);
	store_close(st);
}
END_TEST

/* The server ends the connection (a restart, a cut network): the write
 * that meets it fails as STORE_GONE, saving nothing, and the next one
 * connects again by itself and goes through. */
START_TEST(test_connection_lost)
{
	struct store *st = open_db();
	struct drv_conn *admin = NULL;
	struct drv_stmt *s;
	char msg[512], sql[96];
	long long pid = 0, id = 0;
	enum store_err err;
	int n = 0;

	add_company(st, "Vorher GmbH");
	s = q_prep(st, "SELECT pg_backend_pid()");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(q_int1(st, s, &pid), STORE_OK);
	ck_assert_msg(drv_pg_open(pg_target, &admin, msg, sizeof msg) == DRV_OK, "%s", msg);
	/* an integer, never text, goes into this SQL */
	snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(%lld)", pid);
	ck_assert_int_eq(admin->ops->exec(admin, sql), DRV_OK);
	admin->ops->close(admin);
	err = store_company_add(st, "Verloren GmbH", NULL, NULL, NULL, &id);
	ck_assert_int_ne(err, STORE_OK);
	ck_assert(!store_online(st));
	ck_assert_msg(strstr(store_error(st), "lost") || strstr(store_error(st), "reached"),
	              "%s", store_error(st));
	ck_assert_int_eq(store_company_add(st, "Danach GmbH", NULL, NULL, NULL, &id), STORE_OK);
	ck_assert(store_online(st));
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	store_close(st);
}
END_TEST

START_TEST(test_busy)
{
	struct store *a = open_db(), *b = open_db();
	int n = 0;

	ck_assert_int_eq(store_begin(b), STORE_OK);
	ck_assert_int_eq(store_company_add(b, "Held", NULL, NULL, NULL, NULL), STORE_OK);
	store_set_busy_timeout(a, 100);
	ck_assert_int_eq(store_company_add(a, "Waiting", NULL, NULL, NULL, NULL), STORE_BUSY);
	ck_assert_ptr_nonnull(strstr(store_error(a), "locked by another program"));
	/* reading is not blocked by the writer, and sees only committed data */
	ck_assert_int_eq(store_company_count(a, true, &n), STORE_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(store_commit(b), STORE_OK);
	ck_assert_int_eq(store_company_add(a, "Waiting", NULL, NULL, NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_company_count(b, true, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	store_close(a);
	store_close(b);
}
END_TEST

/* A second program can open the database and read while another one holds
 * the write lock; only its writes wait. */
START_TEST(test_open_while_locked)
{
	struct store *a = open_db(), *b;
	char msg[256];
	int n = -1;

	add_company(a, "Before");
	ck_assert_int_eq(store_begin(a), STORE_OK);
	add_company(a, "Uncommitted");
	ck_assert_int_eq(store_open(dbpath, 0, &b, msg, sizeof msg), STORE_OK);
	store_set_busy_timeout(b, 100);
	ck_assert_int_eq(store_company_count(b, true, &n), STORE_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(store_company_add(b, "Later", NULL, NULL, NULL, NULL), STORE_BUSY);
	ck_assert_int_eq(store_commit(a), STORE_OK);
	ck_assert_int_eq(store_company_add(b, "Later", NULL, NULL, NULL, NULL), STORE_OK);
	store_close(b);
	store_close(a);
}
END_TEST

static void count_problem(const char *problem, void *ctx)
{
	(void)problem;
	(*(int *)ctx)++;
}

START_TEST(test_check_and_backup)
{
	struct store *st = open_db(), *copy;
	char msg[256], *bak = path_in("copy.db");
	struct stat sb;
	int problems = 0, n = 0;

	add_company(st, "Alpha");
	add_company(st, "Beta");
	ck_assert_int_eq(store_check(st, count_problem, &problems), STORE_OK);
	ck_assert_int_eq(problems, 0);
	ck_assert_int_eq(store_backup(st, bak), STORE_OK);
	ck_assert_int_eq(stat(bak, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(store_backup(st, bak), STORE_EXISTS);
	ck_assert_ptr_nonnull(strstr(store_error(st), "exists already"));
	store_close(st);
	ck_assert_int_eq(store_open(bak, STORE_OPEN_NOCREATE, &copy, msg, sizeof msg), STORE_OK);
	ck_assert_int_eq(store_company_count(copy, true, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	store_close(copy);
}
END_TEST

START_TEST(test_check_corrupt)
{
	struct store *st;
	size_t len, start;
	unsigned char *data;
	char msg[256];
	int problems = 0;

	make_db(400);
	start = data_offset();
	data = slurp(dbpath, &len);
	ck_assert_uint_lt(start + 4096, len);
	/* scribble over the data pages, keeping the header, schema and size */
	for (size_t i = start; i < len - 4096; i++)
		data[i] = (unsigned char)(i * 7);
	put_file(dbpath, data, len);
	free(data);
	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	ck_assert_int_eq(store_check(st, count_problem, &problems), STORE_CORRUPT);
	ck_assert_int_gt(problems, 0);
	ck_assert_ptr_nonnull(strstr(store_error(st), "damaged"));
	store_close(st);
}
END_TEST

/* Collects the problems a check reports, one per line. */
static void collect_problem(const char *problem, void *ctx)
{
	char *buf = ctx;

	strncat(buf, problem, 4000 - strlen(buf) - 2);
	strcat(buf, "\n");
}

/* The check finds what SQLite's integrity check does not: rows whose
 * parent is gone (written by another program, or with foreign keys off)
 * and text that is not valid UTF-8, each named by table, row and column. */
START_TEST(test_check_finds_orphans_and_bad_text)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma"), id = new_draft(st, c, 0);
	char found[4096] = "";
	sqlite3 *db;

	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_check(st, collect_problem, found), STORE_OK);
	ck_assert_str_eq(found, "");
	store_close(st);
	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db,
		"PRAGMA foreign_keys = OFF;"
		"INSERT INTO answers (assessment_id, item_key, value, changed) "
		"  VALUES (999, 'goals.business', 2, 0);"
		"INSERT INTO assessment_events (assessment_id, at, kind) VALUES (998, 0, 'created');"
		"UPDATE companies SET notes = CAST(X'4DFC6C6C6572' AS TEXT);"
		"UPDATE answers SET note = CAST(X'6F6BC328' AS TEXT) WHERE assessment_id = 1;",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = open_db();
	ck_assert_int_eq(store_check(st, collect_problem, found), STORE_CORRUPT);
	ck_assert_msg(strstr(found, "answers") && strstr(found, "999") &&
	              strstr(found, "goals.business"), "orphaned answer not named: %s", found);
	ck_assert_msg(strstr(found, "assessment_events") && strstr(found, "998"),
	              "orphaned event not named: %s", found);
	ck_assert_msg(strstr(found, "companies") && strstr(found, "notes") &&
	              strstr(found, "UTF-8"), "bad company text not named: %s", found);
	ck_assert_msg(strstr(found, "answers") && strstr(found, "note") &&
	              strstr(found, "goals.purpose"), "bad note not named: %s", found);
	/* such a file is inconsistent, not broken: it can still be mended */
	ck_assert(!store_damaged(st));
	store_close(st);
}
END_TEST

/* Once damage is found, by the check or by any statement, the file is not
 * written any more: not through this handle, and not through the next one
 * opened on the same file, until the file is replaced. */
START_TEST(test_damage_stops_writes)
{
	struct store *st;
	size_t len, start;
	unsigned char *data, *good;
	char msg[256];
	int problems = 0;

	make_db(400);
	start = data_offset();
	good = slurp(dbpath, &len);
	data = slurp(dbpath, &len);
	ck_assert_uint_lt(start + 4096, len);
	for (size_t i = start; i < len - 4096; i++)
		data[i] = (unsigned char)(i * 7);
	put_file(dbpath, data, len);
	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	ck_assert(!store_damaged(st));
	ck_assert_int_eq(store_check(st, count_problem, &problems), STORE_CORRUPT);
	ck_assert(store_damaged(st));
	ck_assert(store_readonly(st));
	ck_assert_int_eq(store_writable(st), STORE_CORRUPT);
	ck_assert_int_eq(store_company_add(st, "After damage", NULL, NULL, NULL, NULL),
	                 STORE_CORRUPT);
	ck_assert_ptr_nonnull(strstr(store_error(st), "is damaged"));
	ck_assert_int_eq(store_begin(st), STORE_CORRUPT);
	store_close(st);
	ck_assert_msg(same_file(data, len, dbpath), "the damaged file was changed");

	/* another program, later: still refused */
	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	ck_assert(store_damaged(st));
	ck_assert_int_eq(store_company_add(st, "Later", NULL, NULL, NULL, NULL), STORE_CORRUPT);
	ck_assert_ptr_nonnull(strstr(store_error(st), "is damaged"));
	store_close(st);
	ck_assert_msg(same_file(data, len, dbpath), "the damaged file was changed");

	/* a restored backup is another file: it can be written */
	put_file(dbpath, good, len);
	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	ck_assert(!store_damaged(st));
	ck_assert_int_eq(store_company_add(st, "Restored", NULL, NULL, NULL, NULL), STORE_OK);
	store_close(st);
	free(data);
	free(good);
}
END_TEST

/* Damage met by an ordinary statement counts as found, too. */
START_TEST(test_damage_found_by_a_statement)
{
	struct store *st;
	struct portfolio_row *rows = NULL;
	size_t len, n = 0, start;
	unsigned char *data;
	char msg[256];
	enum store_err err;

	make_db(400);
	start = data_offset();
	data = slurp(dbpath, &len);
	ck_assert_uint_lt(start, len);
	for (size_t i = start; i < len; i++)
		data[i] = (unsigned char)(i * 13);
	put_file(dbpath, data, len);
	ck_assert_int_eq(store_open(dbpath, 0, &st, msg, sizeof msg), STORE_OK);
	err = store_portfolio(st, true, &rows, &n);
	ck_assert_int_eq(err, STORE_CORRUPT);
	ck_assert(store_damaged(st));
	ck_assert_int_eq(store_company_add(st, "After damage", NULL, NULL, NULL, NULL),
	                 STORE_CORRUPT);
	store_close(st);
	ck_assert_msg(same_file(data, len, dbpath), "the damaged file was changed");
	free(data);
}
END_TEST

/* ---- companies -------------------------------------------------------- */

START_TEST(test_company_verbs)
{
	struct store *st = open_db();
	struct company c, d;
	long long id = add_company(st, "  Bäckerei Schmidt  ");
	int n = 0;

	ck_assert_int_eq(store_company_get(st, id, &c), STORE_OK);
	ck_assert_str_eq(c.name, "Bäckerei Schmidt");
	ck_assert_str_eq(c.industry, "");
	ck_assert_int_eq(c.created, T0);
	ck_assert(!c.archived && !c.sample);
	ck_assert_int_eq(strlen(c.uuid), STORE_UUID_LEN);
	ck_assert_int_eq(c.uuid[14], '4');
	ck_assert_ptr_nonnull(strchr("89ab", c.uuid[19]));
	ck_assert_int_eq(store_company_find(st, "BÄCKEREI SCHMIDT", &d), STORE_OK);
	ck_assert_int_eq(d.id, id);
	store_company_clear(&d);
	ck_assert_int_eq(store_company_find(st, c.uuid, &d), STORE_OK);
	ck_assert_int_eq(d.id, id);
	store_company_clear(&d);
	ck_assert_int_eq(store_company_find_uuid(st, c.uuid, &d), STORE_OK);
	store_company_clear(&d);
	/* A number alone is not a company ("#1" is, through the lookup). */
	ck_assert_int_eq(store_company_find(st, "1", &d), STORE_NOT_FOUND);
	store_company_clear(&d);
	ck_assert_int_eq(store_company_lookup(st, "1", &d), STORE_NOT_FOUND);
	store_company_clear(&d);
	ck_assert_int_eq(store_company_lookup(st, "#1", &d), STORE_OK);
	ck_assert_int_eq(d.id, id);
	store_company_clear(&d);
	ck_assert_int_eq(store_company_find(st, "Nobody", &d), STORE_NOT_FOUND);
	ck_assert_ptr_nonnull(strstr(store_error(st), "Nobody"));

	ck_assert_int_eq(store_company_update(st, id, NULL, "Bakery", "Anna", "note"), STORE_OK);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_get(st, id, &c), STORE_OK);
	ck_assert_str_eq(c.name, "Bäckerei Schmidt");
	ck_assert_str_eq(c.industry, "Bakery");
	ck_assert_str_eq(c.contact, "Anna");
	ck_assert_str_eq(c.notes, "note");
	ck_assert_int_eq(store_company_update(st, id, "Schmidt & Söhne", NULL, NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_company_find(st, "schmidt & SÖHNE", &d), STORE_OK);
	ck_assert_str_eq(d.industry, "Bakery");
	store_company_clear(&d);
	ck_assert_int_eq(store_company_update(st, 999, "X", NULL, NULL, NULL), STORE_NOT_FOUND);

	ck_assert_int_eq(store_company_set_archived(st, id, true), STORE_OK);
	ck_assert_int_eq(store_company_count(st, false, &n), STORE_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 1);
	store_company_clear(&c);
	store_close(st);
}
END_TEST

START_TEST(test_unique_names)
{
	struct store *st = open_db();
	long long id;

	add_company(st, "Müller GmbH");
	ck_assert_int_eq(store_company_add(st, "MÜLLER GMBH", NULL, NULL, NULL, NULL), STORE_EXISTS);
	ck_assert_ptr_nonnull(strstr(store_error(st), "exists already"));
	ck_assert_int_eq(store_company_add(st, "müller gmbh ", NULL, NULL, NULL, NULL), STORE_EXISTS);
	add_company(st, "Straße AG");
	ck_assert_int_eq(store_company_add(st, "STRASSE AG", NULL, NULL, NULL, NULL), STORE_EXISTS);
	add_company(st, "Ελληνικά");
	ck_assert_int_eq(store_company_add(st, "ΕΛΛΗΝΙΚΆ", NULL, NULL, NULL, NULL), STORE_EXISTS);
	add_company(st, "Москва");
	ck_assert_int_eq(store_company_add(st, "МОСКВА", NULL, NULL, NULL, NULL), STORE_EXISTS);
	id = add_company(st, "Mueller GmbH");   /* a different name */
	ck_assert_int_eq(store_company_update(st, id, "müller gmbh", NULL, NULL, NULL), STORE_EXISTS);
	/* renaming a company to another case of its own name is fine */
	ck_assert_int_eq(store_company_update(st, id, "MUELLER GMBH", NULL, NULL, NULL), STORE_OK);
	store_close(st);
}
END_TEST

START_TEST(test_invalid_input)
{
	struct store *st = open_db();
	long long id = add_company(st, "Valid");
	char longname[200];

	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ck_assert_int_eq(store_company_add(st, "", NULL, NULL, NULL, NULL), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_error(st), "company name"));
	ck_assert_int_eq(store_company_add(st, "   ", NULL, NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_company_add(st, "a\x01z", NULL, NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_company_add(st, "bad \xff utf8", NULL, NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_company_add(st, longname, NULL, NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_company_add(st, "Two\nlines", NULL, NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_company_add(st, "Ok", "bad\x02", NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_company_update(st, id, "", NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_assessment_create(st, id, "", 1, NULL, 0, NULL), STORE_INVALID);
	ck_assert_int_eq(store_assessment_create(st, 999, "core", 1, NULL, 0, NULL), STORE_NOT_FOUND);
	store_close(st);
}
END_TEST

START_TEST(test_delete_counts)
{
	struct store *st = open_db();
	long long a = add_company(st, "A"), b = add_company(st, "B"), d1, d2;
	struct assessment as;
	struct answer *ans;
	struct company c;
	size_t n;
	int count = -1;

	d1 = new_draft(st, a, 0);
	ck_assert_int_eq(store_answer_set(st, d1, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, d1, 60, 2), STORE_OK);
	d2 = new_draft(st, a, d1);
	new_draft(st, b, 0);
	ck_assert_int_eq(store_company_delete(st, a, &count), STORE_OK);
	ck_assert_int_eq(count, 2);
	ck_assert_int_eq(store_assessment_get(st, d2, &as), STORE_NOT_FOUND);
	ck_assert_int_eq(store_answers_load(st, d1, &ans, &n), STORE_OK);
	ck_assert_int_eq(n, 0);
	store_answers_free(ans, n);
	ck_assert_int_eq(store_company_delete(st, a, &count), STORE_NOT_FOUND);
	ck_assert_int_eq(store_company_get(st, b, &c), STORE_OK);
	store_company_clear(&c);
	ck_assert_int_eq(store_assessment_delete(st, d2), STORE_NOT_FOUND);

	/* samples */
	{
		struct company_in s;

		memset(&s, 0, sizeof s);
		s.name = "Sample One";
		s.sample = true;
		s.created = 5;
		ck_assert_int_eq(store_company_insert(st, &s, NULL), STORE_OK);
		s.name = "Sample Two";
		ck_assert_int_eq(store_company_insert(st, &s, NULL), STORE_OK);
	}
	ck_assert_int_eq(store_delete_samples(st, &count), STORE_OK);
	ck_assert_int_eq(count, 2);
	ck_assert_int_eq(store_company_count(st, true, &count), STORE_OK);
	ck_assert_int_eq(count, 1);
	store_close(st);
}
END_TEST

/* ---- assessments and answers ---------------------------------------------- */

START_TEST(test_answers)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma"), id = new_draft(st, c, 0);
	struct answer *ans;
	struct assessment a;
	const struct answer *x;
	size_t n;

	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 4), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, "goals.metrics", ANSWER_DONT_KNOW), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, "team.time", 0), STORE_OK);
	store_set_now(st, T0 + 60);
	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 2), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, "team.time", "Nur freitags"), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, "policy.doc", "ask Anna"), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, "team.time", ANSWER_UNANSWERED), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, "goals.metrics", ANSWER_UNANSWERED), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 5), STORE_INVALID);
	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", -3), STORE_INVALID);
	ck_assert_int_eq(store_answer_set(st, id, "", 1), STORE_INVALID);
	ck_assert_int_eq(store_answer_set(st, 999, "goals.purpose", 1), STORE_NOT_FOUND);

	ck_assert_int_eq(store_answers_load(st, id, &ans, &n), STORE_OK);
	ck_assert_int_eq(n, 3);       /* goals.metrics went: no value, no note */
	ck_assert_str_eq(ans[0].item_key, "goals.purpose");   /* ordered by key */
	x = find_answer(ans, n, "goals.purpose");
	ck_assert_int_eq(x->value, 2);
	ck_assert_int_eq(x->changed, T0 + 60);
	ck_assert_str_eq(x->note, "");
	x = find_answer(ans, n, "team.time");
	ck_assert_int_eq(x->value, ANSWER_UNANSWERED);        /* cleared, note kept */
	ck_assert_str_eq(x->note, "Nur freitags");
	x = find_answer(ans, n, "policy.doc");
	ck_assert_int_eq(x->value, ANSWER_UNANSWERED);
	ck_assert_str_eq(x->note, "ask Anna");
	ck_assert_ptr_null(find_answer(ans, n, "goals.metrics"));
	store_answers_free(ans, n);
	ck_assert_int_eq(store_answer_set_note(st, id, "policy.doc", ""), STORE_OK);
	ck_assert_int_eq(store_answers_load(st, id, &ans, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	store_answers_free(ans, n);

	ck_assert_int_eq(store_assessment_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.updated, T0 + 60);
	ck_assert_int_eq(a.started, T0);
	ck_assert_int_eq(a.status, ASSESS_DRAFT);
	ck_assert_int_eq(a.overall, -1);
	ck_assert_str_eq(a.questionnaire, "core");
	ck_assert_str_eq(a.assessor, "Tester");
	store_assessment_clear(&a);

	/* a final assessment is never edited */
	ck_assert_int_eq(store_assessment_finalize(st, id, 55, 1), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 3), STORE_STATE);
	ck_assert_ptr_nonnull(strstr(store_error(st), "reopen"));
	ck_assert_int_eq(store_answer_set_note(st, id, "goals.purpose", "x"), STORE_STATE);
	ck_assert_int_eq(store_assessment_set_meta(st, id, "B", NULL), STORE_STATE);
	ck_assert_int_eq(store_assessment_finalize(st, id, 1, 1), STORE_STATE);
	ck_assert_int_eq(store_answers_load(st, id, &ans, &n), STORE_OK);
	ck_assert_int_eq(find_answer(ans, n, "goals.purpose")->value, 2);
	store_answers_free(ans, n);
	ck_assert_int_eq(store_assessment_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, ASSESS_FINAL);
	ck_assert_int_eq(a.overall, 55);
	ck_assert_int_eq(a.level, 1);
	ck_assert_int_eq(a.completed, T0 + 60);
	store_assessment_clear(&a);
	store_close(st);
}
END_TEST

START_TEST(test_carried_answers)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma"), other = add_company(st, "Other");
	long long first = new_draft(st, c, 0), second;
	struct answer *ans;
	struct assessment a;
	size_t n;

	ck_assert_int_eq(store_answer_set(st, first, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, first, "team.time", 1), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, first, "team.time", "zu wenig Leute"), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, first, 50, 1), STORE_OK);
	store_set_now(st, T0 + 1000);
	second = new_draft(st, c, first);
	ck_assert_int_eq(store_assessment_get(st, second, &a), STORE_OK);
	ck_assert_int_eq(a.based_on, first);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_answers_load(st, second, &ans, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert(ans[0].carried && ans[1].carried);
	ck_assert_int_eq(find_answer(ans, n, "team.time")->value, 1);
	ck_assert_str_eq(find_answer(ans, n, "team.time")->note, "zu wenig Leute");
	store_answers_free(ans, n);
	ck_assert_int_eq(store_answer_set(st, second, "team.time", 2), STORE_OK);
	ck_assert_int_eq(store_answer_confirm(st, second, "goals.purpose"), STORE_OK);
	ck_assert_int_eq(store_answer_confirm(st, second, "policy.doc"), STORE_NOT_FOUND);
	ck_assert_int_eq(store_answers_load(st, second, &ans, &n), STORE_OK);
	ck_assert(!ans[0].carried && !ans[1].carried);
	ck_assert_int_eq(find_answer(ans, n, "team.time")->value, 2);
	ck_assert_str_eq(find_answer(ans, n, "team.time")->note, "zu wenig Leute");
	store_answers_free(ans, n);
	/* the old assessment kept its answers */
	ck_assert_int_eq(store_answers_load(st, first, &ans, &n), STORE_OK);
	ck_assert_int_eq(find_answer(ans, n, "team.time")->value, 1);
	ck_assert(!ans[0].carried);
	store_answers_free(ans, n);
	/* carrying from another company's assessment is refused */
	ck_assert_int_eq(store_assessment_create(st, other, "core", 1, NULL, first, NULL),
	                 STORE_INVALID);
	store_close(st);
}
END_TEST

/* Finishing accepts unconfirmed carried answers: a reopen does not ask
 * about them again, and only the finished assessment is touched. */
START_TEST(test_finalize_clears_carried)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma");
	long long first = new_draft(st, c, 0), second, third, other;
	struct answer *ans;
	size_t n, i;

	ck_assert_int_eq(store_answer_set(st, first, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_answer_set(st, first, "team.time", 1), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, first, 50, 1), STORE_OK);
	store_set_now(st, T0 + 1000);
	second = new_draft(st, c, first);
	ck_assert_int_eq(store_answer_set(st, second, "team.time", 2), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, second, 60, 2), STORE_OK);
	ck_assert_int_eq(store_assessment_reopen(st, second, "Tippfehler"), STORE_OK);
	ck_assert_int_eq(store_answers_load(st, second, &ans, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	for (i = 0; i < n; i++)
		ck_assert_msg(!ans[i].carried, "%s still carried", ans[i].item_key);
	store_answers_free(ans, n);
	/* another draft's carried answers are left alone */
	ck_assert_int_eq(store_assessment_finalize(st, second, 60, 2), STORE_OK);
	third = new_draft(st, c, second);
	other = new_draft(st, add_company(st, "Other"), 0);
	ck_assert_int_eq(store_answer_set(st, other, "goals.purpose", 1), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, other, 20, 0), STORE_OK);
	ck_assert_int_eq(store_answers_load(st, third, &ans, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert(ans[0].carried && ans[1].carried);
	store_answers_free(ans, n);
	store_close(st);
}
END_TEST

START_TEST(test_reopen_events)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma"), id = new_draft(st, c, 0);
	struct assessment_event *ev;
	struct assessment a;
	size_t n;

	ck_assert_int_eq(store_assessment_reopen(st, id, "why"), STORE_STATE);
	store_set_now(st, T0 + 10);
	ck_assert_int_eq(store_assessment_finalize(st, id, 70, 2), STORE_OK);
	ck_assert_int_eq(store_assessment_reopen(st, id, "  "), STORE_INVALID);
	store_set_now(st, T0 + 20);
	ck_assert_int_eq(store_assessment_reopen(st, id, "Tippfehler bei Frage 3"), STORE_OK);
	ck_assert_int_eq(store_assessment_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, ASSESS_DRAFT);
	ck_assert_int_eq(a.reopened, 1);
	ck_assert_int_eq(a.overall, -1);
	ck_assert_int_eq(a.completed, 0);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 4), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, id, 80, 3), STORE_OK);
	ck_assert_int_eq(store_assessment_events(st, id, &ev, &n), STORE_OK);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(ev[0].kind, "created");
	ck_assert_int_eq(ev[0].at, T0);
	ck_assert_str_eq(ev[1].kind, "finalized");
	ck_assert_int_eq(ev[1].at, T0 + 10);
	ck_assert_str_eq(ev[2].kind, "reopened");
	ck_assert_str_eq(ev[2].detail, "Tippfehler bei Frage 3");
	ck_assert_int_eq(ev[2].at, T0 + 20);
	ck_assert_str_eq(ev[3].kind, "finalized");
	store_events_free(ev, n);
	store_close(st);
}
END_TEST

static int count_company(const struct company *c, void *ctx)
{
	int *n = ctx;

	(void)c;
	return ++*n == 2;    /* stop after two */
}

static int list_assessment(const struct assessment *a, void *ctx)
{
	long long *last = ctx;

	ck_assert_int_gt(a->id, *last);      /* oldest first */
	*last = a->id;
	return 0;
}

START_TEST(test_lists)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma"), ids[3], last = 0;
	struct assessment *list, a;
	size_t n;
	int seen = 0;

	add_company(st, "Zeta");
	add_company(st, "alpha");
	for (int i = 0; i < 3; i++) {
		store_set_now(st, T0 + 100 * i);
		ids[i] = new_draft(st, c, 0);
		ck_assert_int_eq(store_assessment_finalize(st, ids[i], 10 * i, 0), STORE_OK);
	}
	new_draft(st, c, ids[2]);
	ck_assert_int_eq(store_assessment_list(st, c, &list, &n), STORE_OK);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(list[1].id, ids[2]);     /* newest first */
	ck_assert_int_eq(list[3].id, ids[0]);
	store_assessment_free(list, n);
	ck_assert_int_eq(store_assessment_final(st, c, 0, &a), STORE_OK);
	ck_assert_int_eq(a.id, ids[2]);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_final(st, c, 1, &a), STORE_OK);
	ck_assert_int_eq(a.id, ids[1]);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_final(st, c, 3, &a), STORE_NOT_FOUND);
	ck_assert_int_eq(store_assessment_draft(st, c, &a), STORE_OK);
	ck_assert_int_eq(a.based_on, ids[2]);
	{
		char uuid[STORE_UUID_LEN + 1];
		long long draft = a.id;

		strcpy(uuid, a.uuid);
		store_assessment_clear(&a);
		ck_assert_int_eq(store_assessment_find(st, uuid, &a), STORE_OK);
		ck_assert_int_eq(a.id, draft);
	}
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_find(st, "2", &a), STORE_OK);
	ck_assert_int_eq(a.id, 2);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_find(st, "nonsense", &a), STORE_NOT_FOUND);
	ck_assert_int_eq(store_each_company(st, true, count_company, &seen), STORE_OK);
	ck_assert_int_eq(seen, 2);
	ck_assert_int_eq(store_each_assessment(st, c, list_assessment, &last), STORE_OK);
	ck_assert_int_gt(last, ids[2]);
	store_close(st);
}
END_TEST

START_TEST(test_portfolio)
{
	struct store *st = open_db();
	long long none = add_company(st, "Beta"), two = add_company(st, "alpha");
	long long arch = add_company(st, "Gamma"), f1, f2, f3, d, g;
	struct portfolio_row *rows;
	size_t n;

	f1 = new_draft(st, two, 0);
	ck_assert_int_eq(store_assessment_finalize(st, f1, 30, 0), STORE_OK);
	store_set_now(st, T0 + 50);
	f2 = new_draft(st, two, f1);
	ck_assert_int_eq(store_assessment_finalize(st, f2, 60, 2), STORE_OK);
	store_set_now(st, T0 + 90);
	f3 = new_draft(st, two, f2);
	ck_assert_int_eq(store_assessment_finalize(st, f3, 75, 3), STORE_OK);
	store_set_now(st, T0 + 99);
	d = new_draft(st, two, f3);
	g = new_draft(st, arch, 0);
	ck_assert_int_eq(store_assessment_finalize(st, g, 10, 0), STORE_OK);
	ck_assert_int_eq(store_company_set_archived(st, arch, true), STORE_OK);

	ck_assert_int_eq(store_portfolio(st, false, &rows, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].company.name, "alpha");     /* case-insensitive order */
	ck_assert_int_eq(rows[0].n_final, 3);
	ck_assert_int_eq(rows[0].last_id, f3);
	ck_assert_int_eq(rows[0].last_at, T0 + 90);
	ck_assert_int_eq(rows[0].last_overall, 75);
	ck_assert_int_eq(rows[0].last_level, 3);
	ck_assert_int_eq(rows[0].prev_id, f2);
	ck_assert_int_eq(rows[0].prev_overall, 60);
	ck_assert_int_eq(rows[0].prev_level, 2);
	ck_assert_int_eq(rows[0].draft_id, d);
	ck_assert_int_eq(rows[0].draft_updated, T0 + 99);
	ck_assert_int_eq(rows[1].company.id, none);
	ck_assert_int_eq(rows[1].n_final, 0);
	ck_assert_int_eq(rows[1].last_id, 0);
	ck_assert_int_eq(rows[1].last_overall, -1);
	ck_assert_int_eq(rows[1].prev_id, 0);
	ck_assert_int_eq(rows[1].prev_level, -1);
	ck_assert_int_eq(rows[1].draft_id, 0);
	store_portfolio_free(rows, n);
	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(rows[2].company.id, arch);
	ck_assert(rows[2].company.archived);
	ck_assert_int_eq(rows[2].last_id, g);
	ck_assert_int_eq(rows[2].prev_id, 0);
	store_portfolio_free(rows, n);
	store_close(st);
}
END_TEST

/* ---- schema upgrade and sort order -------------------------------------- */

/* Copies tests/fixtures/v1.db, a file written by the smready that had data
 * format 1 (see tests/fixtures/README), to dbpath. */
static void put_fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char src[1024];
	size_t len;
	unsigned char *data;

	snprintf(src, sizeof src, "%s/tests/fixtures/%s", top ? top : ".", name);
	data = slurp(src, &len);
	put_file(dbpath, data, len);
	free(data);
}

static void put_v1_fixture(void)
{
	put_fixture("v1.db");
}

/* A 32-bit big-endian number from a database header. */
static unsigned header_at(const char *path, long offset)
{
	size_t len;
	unsigned char *h = slurp(path, &len);
	unsigned v;

	ck_assert_uint_ge(len, 100);
	v = (unsigned)h[offset] << 24 | (unsigned)h[offset + 1] << 16 |
	    (unsigned)h[offset + 2] << 8 | h[offset + 3];
	free(h);
	return v;
}

/* The portfolio's names (archived ones too), joined by "|". */
static char *portfolio_names(struct store *st, bool all)
{
	static char out[1024];
	struct portfolio_row *rows;
	size_t n, j = 0;

	ck_assert_int_eq(store_portfolio(st, all, &rows, &n), STORE_OK);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		j += (size_t)snprintf(out + j, sizeof out - j, "%s%s", i ? "|" : "",
		                      rows[i].company.name);
	store_portfolio_free(rows, n);
	return out;
}

static int add_name(const struct company *c, void *ctx)
{
	char *out = ctx;
	size_t j = strlen(out);

	snprintf(out + j, 1024 - j, "%s%s", j ? "|" : "", c->name);
	return 0;
}

/* The order the tests expect from the v1 fixture: accents and case
 * ignored, so apfel < arztehaus < otto < ozdemir < zimmerei. */
#define V1_ORDER "apfel|Ärztehaus|Otto|Özdemir|Zimmerei"

START_TEST(test_upgrade_v1)
{
	struct store *st;
	struct portfolio_row *rows;
	struct answer *ans;
	struct company c;
	const struct answer *a;
	char *bak, each[1024] = "", eclair[] = "Éclair";
	size_t n, len;
	unsigned char *kept;

	put_v1_fixture();
	ck_assert_uint_eq(header_at(dbpath, 60), 1);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);

	/* The copy of the old file: a v1 database of smready. */
	bak = strdup(path_in("test.db.v1.bak"));
	ck_assert_msg(exists(bak), "no %s", bak);
	ck_assert_uint_eq(header_at(bak, 60), 1);
	ck_assert_uint_eq(header_at(bak, 68), 0x534D5244);

	/* Everything came along, in the new order. */
	ck_assert_str_eq(portfolio_names(st, true), V1_ORDER);
	ck_assert_str_eq(portfolio_names(st, false), "Ärztehaus|Otto|Özdemir|Zimmerei");
	ck_assert_int_eq(store_each_company(st, true, add_name, each), STORE_OK);
	ck_assert_str_eq(each, V1_ORDER);
	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	ck_assert(rows[0].company.archived);
	ck_assert_int_eq(rows[1].n_final, 1);
	ck_assert_int_eq(rows[1].last_overall, 55);
	ck_assert_int_ne(rows[2].draft_id, 0);
	ck_assert_str_eq(rows[4].company.industry, "Handwerk");
	ck_assert_str_eq(rows[4].company.contact, "Frau Weiß");
	ck_assert_int_eq(store_answers_load(st, rows[1].last_id, &ans, &len), STORE_OK);
	ck_assert_uint_eq(len, 24);
	a = find_answer(ans, len, "goals.purpose");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->note, "Schön übersichtlich");
	store_answers_free(ans, len);
	store_portfolio_free(rows, n);

	/* Names stay unique as before: "ärztehaus" is the same company. */
	ck_assert_int_eq(store_company_add(st, "ärztehaus", NULL, NULL, NULL, NULL), STORE_EXISTS);
	/* Renamed and new companies take their place. */
	ck_assert_int_eq(store_company_find(st, "Zimmerei", &c), STORE_OK);
	ck_assert_int_eq(store_company_update(st, c.id, "Ähre", NULL, NULL, NULL), STORE_OK);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_insert(st, &(struct company_in){ .name = eclair, .created = T0 },
	                                      NULL), STORE_OK);
	ck_assert_str_eq(portfolio_names(st, true), "Ähre|apfel|Ärztehaus|Éclair|Otto|Özdemir");
	store_close(st);

	/* Opening again upgrades nothing and leaves the copy alone. */
	kept = slurp(bak, &len);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	ck_assert(same_file(kept, len, bak));
	free(kept);
	free(bak);
}
END_TEST

START_TEST(test_upgrade_copy_is_v1)
{
	struct store *st;
	size_t len;
	unsigned char *data;
	char bak[400];

	put_v1_fixture();
	st = open_db();
	store_close(st);
	/* The copy, opened in its own right, is upgraded in turn and holds
	 * the companies as they were before the first upgrade. */
	snprintf(bak, sizeof bak, "%s.v1.bak", dbpath);
	data = slurp(bak, &len);
	snprintf(dbpath, sizeof dbpath, "%s/copy.db", dir);
	put_file(dbpath, data, len);
	free(data);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert_str_eq(portfolio_names(st, true), V1_ORDER);
	store_close(st);
	ck_assert(exists(path_in("copy.db.v1.bak")));
}
END_TEST

START_TEST(test_upgrade_refused)
{
	char *bak = strdup(path_in("test.db.v1.bak")), msg[512];
	size_t len;
	unsigned char *data;
	struct store *st;

	/* A copy from before is never overwritten: the upgrade waits. */
	put_v1_fixture();
	put_file(bak, "keep me", 7);
	expect_refused(0, STORE_EXISTS, "exists already");
	data = slurp(bak, &len);
	ck_assert_uint_eq(len, 7);
	ck_assert(memcmp(data, "keep me", 7) == 0);
	free(data);

	/* Read-only, the old file can be neither upgraded nor shown.  (SQLite
	 * leaves its -wal and -shm files after any read-only use of a log-mode
	 * file, so expect_refused() does not apply.) */
	unlink(bak);
	data = slurp(dbpath, &len);
	st = (struct store *)1;
	ck_assert_int_eq(store_open(dbpath, STORE_OPEN_READONLY, &st, msg, sizeof msg),
	                 STORE_READONLY);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(msg, "older smready") && strstr(msg, dbpath), "%s", msg);
	ck_assert(same_file(data, len, dbpath));
	ck_assert(!exists(bak));
	free(data);

	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	ck_assert(exists(bak));
	free(bak);
}
END_TEST

/* Two drafts of one company (left by a race before data format 3) become
 * one on the upgrade: each answer's newest change wins, an empty assessor
 * or summary is taken from the other draft, the other company's draft is
 * untouched, and a second draft can no longer be made. */
START_TEST(test_upgrade_two_drafts)
{
	struct store *st;
	struct assessment *list, a;
	struct answer *ans;
	const struct answer *an;
	size_t n, drafts = 0;
	long long id = 0;

	put_fixture("v2-two-drafts.db");
	ck_assert_uint_eq(header_at(dbpath, 60), 2);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert(exists(path_in("test.db.v2.bak")));
	ck_assert_int_eq(store_assessment_list(st, 1, &list, &n), STORE_OK);
	for (size_t i = 0; i < n; i++)
		drafts += list[i].status == ASSESS_DRAFT;
	store_assessment_free(list, n);
	ck_assert_uint_eq(drafts, 1);
	ck_assert_int_eq(store_assessment_draft(st, 1, &a), STORE_OK);
	ck_assert_int_eq(a.id, 3);
	ck_assert_str_eq(a.assessor, "Anna");
	ck_assert_str_eq(a.summary, "zweiter Entwurf");
	ck_assert_int_eq(store_answers_load(st, a.id, &ans, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	an = find_answer(ans, n, "goals.purpose");
	ck_assert(an && an->value == 1);
	an = find_answer(ans, n, "goals.business");
	ck_assert(an && an->value == 4 && strcmp(an->note, "neu") == 0);
	an = find_answer(ans, n, "channels.audience");
	ck_assert(an && an->value == 2);
	store_answers_free(ans, n);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_draft(st, 2, &a), STORE_OK);
	ck_assert_int_eq(a.id, 2);
	store_assessment_clear(&a);

	ck_assert_int_eq(store_assessment_create(st, 1, "core", 1, NULL, 0, &id), STORE_STATE);
	ck_assert_msg(strstr(store_error(st), "in progress"), "%s", store_error(st));
	store_close(st);
}
END_TEST

/* A final assessment cannot be reopened while the company has a draft:
 * that would make two. */
START_TEST(test_reopen_with_draft)
{
	struct store *st = open_db();
	long long c = add_company(st, "Einmalig"), first = new_draft(st, c, 0), second;

	ck_assert_int_eq(store_answer_set(st, first, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, first, 75, 2), STORE_OK);
	second = new_draft(st, c, first);
	ck_assert_int_eq(store_assessment_reopen(st, first, "Tippfehler"), STORE_STATE);
	ck_assert_msg(strstr(store_error(st), "in progress"), "%s", store_error(st));
	ck_assert_int_eq(store_assessment_delete(st, second), STORE_OK);
	ck_assert_int_eq(store_assessment_reopen(st, first, "Tippfehler"), STORE_OK);
	store_close(st);
}
END_TEST

static int count_number(const struct assessment *a, void *ctx)
{
	int *seen = ctx;

	ck_assert_int_eq(a->number, ++*seen);
	return 0;
}

/* Assessments are numbered within their company by start, the same by
 * every way of reading them; another company's count apart. */
START_TEST(test_assessment_numbers)
{
	struct store *st = open_db();
	long long c = add_company(st, "Nummer eins"), d = add_company(st, "Andere"), ids[3];
	struct assessment a, *list;
	size_t n;
	int seen = 0;

	for (int i = 0; i < 3; i++) {
		store_set_now(st, T0 + i * 1000);
		ids[i] = new_draft(st, c, 0);
		ck_assert_int_eq(store_answer_set(st, ids[i], "goals.purpose", 3), STORE_OK);
		if (i < 2)
			ck_assert_int_eq(store_assessment_finalize(st, ids[i], 75, 2), STORE_OK);
		if (i == 0)
			new_draft(st, d, 0);     /* the other company's, in between */
	}
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(store_assessment_get(st, ids[i], &a), STORE_OK);
		ck_assert_int_eq(a.number, i + 1);
		store_assessment_clear(&a);
	}
	ck_assert_int_eq(store_assessment_list(st, c, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(list[0].number, 3);
	ck_assert_int_eq(list[2].number, 1);
	store_assessment_free(list, n);
	ck_assert_int_eq(store_each_assessment(st, c, count_number, &seen), STORE_OK);
	ck_assert_int_eq(seen, 3);
	ck_assert_int_eq(store_assessment_final(st, c, 0, &a), STORE_OK);
	ck_assert_int_eq(a.number, 2);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_draft(st, c, &a), STORE_OK);
	ck_assert_int_eq(a.number, 3);
	store_assessment_clear(&a);
	ck_assert_int_eq(store_assessment_draft(st, d, &a), STORE_OK);
	ck_assert_int_eq(a.number, 1);
	store_assessment_clear(&a);
	store_close(st);
}
END_TEST

/* Names that looked different to format 2 but are one name to format 3
 * (composed and decomposed, two spaces and one) all come through the
 * upgrade; the first of each keeps the name, so a new one of that name is
 * refused, and each is still found. */
START_TEST(test_upgrade_lookalikes)
{
	struct store *st;
	struct company c;

	put_fixture("v2-lookalike.db");
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert_str_eq(portfolio_names(st, true),
	                 "Müller GmbH|Mu\xcc\x88ller GmbH|Test  GmbH|Test GmbH");
	ck_assert_int_eq(store_company_add(st, "MÜLLER GMBH", NULL, NULL, NULL, NULL), STORE_EXISTS);
	ck_assert_int_eq(store_company_add(st, "test gmbh", NULL, NULL, NULL, NULL), STORE_EXISTS);
	ck_assert_int_eq(store_company_find(st, "Mu\xcc\x88ller GmbH", &c), STORE_OK);
	ck_assert_int_eq(c.id, 1);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_get(st, 2, &c), STORE_OK);
	store_company_clear(&c);
	store_close(st);
}
END_TEST

/* One name however it is typed: composed or decomposed, with runs of
 * blanks of any kind; a name of nothing visible, or with characters that
 * reorder the text, is refused; what is stored is the normal form. */
START_TEST(test_names_normal)
{
	struct store *st = open_db();
	struct company c;
	long long id = add_company(st, "M\xc3\xbcller  \xe2\x80\x83 GmbH ");
	static const char *const invisible[] = {
		"\xc2\xa0", "\xe2\x80\x83", "\xe2\x80\x8b", "\xe3\x80\x80", "\xcc\x88",
		" \xe2\x80\x8b \xc2\xa0 ",
	};

	ck_assert_int_eq(store_company_get(st, id, &c), STORE_OK);
	ck_assert_str_eq(c.name, "Müller GmbH");
	store_company_clear(&c);
	ck_assert_int_eq(store_company_add(st, "Mu\xcc\x88ller GmbH", NULL, NULL, NULL, NULL),
	                 STORE_EXISTS);
	ck_assert_int_eq(store_company_add(st, "müller gmbh", NULL, NULL, NULL, NULL), STORE_EXISTS);
	ck_assert_int_eq(store_company_find(st, "Mu\xcc\x88ller\tGmbH", &c), STORE_OK);
	ck_assert_int_eq(c.id, id);
	store_company_clear(&c);
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++)
		ck_assert_msg(store_company_add(st, invisible[i], NULL, NULL, NULL, NULL)
		              == STORE_INVALID, "invisible name %zu accepted", i);
	ck_assert_int_eq(store_company_add(st, "Bank \xe2\x80\xaeHGmbG", NULL, NULL, NULL, NULL),
	                 STORE_INVALID);
	ck_assert_msg(strstr(store_error(st), "reorder"), "%s", store_error(st));
	/* "Muller" is another name: accents count for names */
	add_company(st, "Muller GmbH");
	store_close(st);
}
END_TEST

/* A person's reference: case and accents aside, ä read as ae too, or the
 * start of a name; several fitting are named, not guessed. */
START_TEST(test_company_lookup)
{
	struct store *st = open_db();
	struct company c;
	long long soehne = add_company(st, "Müller & Söhne GmbH");
	long long aerzte = add_company(st, "Ärztehaus am Markt");

	add_company(st, "Mühle Kranz");
	ck_assert_int_eq(store_company_lookup(st, "MÜLLER & SÖHNE GMBH", &c), STORE_OK);
	ck_assert_int_eq(c.id, soehne);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_lookup(st, "muller & sohne gmbh", &c), STORE_OK);
	ck_assert_int_eq(c.id, soehne);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_lookup(st, "Mueller & Soehne GmbH", &c), STORE_OK);
	ck_assert_int_eq(c.id, soehne);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_lookup(st, "aerzte", &c), STORE_OK);
	ck_assert_int_eq(c.id, aerzte);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_lookup(st, "Arzteh", &c), STORE_OK);
	ck_assert_int_eq(c.id, aerzte);
	store_company_clear(&c);
	ck_assert_int_eq(store_company_lookup(st, "mü", &c), STORE_AMBIGUOUS);
	ck_assert_msg(strstr(store_error(st), "Müller & Söhne GmbH") &&
	              strstr(store_error(st), "Mühle Kranz"), "%s", store_error(st));
	ck_assert_int_eq(store_company_lookup(st, "Zahn", &c), STORE_NOT_FOUND);
	ck_assert_int_eq(store_company_lookup(st, "#2", &c), STORE_OK);
	ck_assert_int_eq(c.id, 2);
	store_company_clear(&c);
	/* an exact, accent-true name wins over others it is the start of */
	add_company(st, "Mühle");
	ck_assert_int_eq(store_company_lookup(st, "Mühle", &c), STORE_OK);
	ck_assert_str_eq(c.name, "Mühle");
	store_company_clear(&c);
	store_close(st);
}
END_TEST

START_TEST(test_sort_order)
{
	static const char *const names[] = {
		"Zimmerei", "Ωμέγα", "Straße", "O\xcc\x88zil", "Müller", "Ärztehaus", "apfel",
		"Strasbourg", "Özdemir", "Łódź", "Äpfel", "Otto", "Muller", "Ærø Fisk",
	};
	struct store *st = open_db();
	char each[1024] = "";
	/* The decomposed "O\u0308zil" is stored composed (NFC), as "Özil". */
	const char *want = "Ærø Fisk|apfel|Äpfel|Ärztehaus|Łódź|Muller|Müller|Otto|Özdemir|"
	                   "\xc3\x96zil|Strasbourg|Straße|Zimmerei|Ωμέγα";

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		add_company(st, names[i]);
	ck_assert_str_eq(portfolio_names(st, true), want);
	ck_assert_int_eq(store_each_company(st, true, add_name, each), STORE_OK);
	ck_assert_str_eq(each, want);
	store_close(st);
}
END_TEST

static void no_table_scan(const char *step, void *ctx)
{
	const char *query = ctx;

	/* "SCAN c" over the companies is the portfolio itself; a SCAN of
	 * assessments or answers would grow with the whole history. */
	ck_assert_msg(strncmp(step, "SCAN", 4) != 0 || strncmp(step, "SCAN c", 6) == 0,
	              "%s: %s", query, step);
	ck_assert_msg(strstr(step, "SCAN a") == NULL && strstr(step, "SCAN answers") == NULL &&
	              strstr(step, "SCAN assessment") == NULL, "%s: %s", query, step);
	/* The portfolio comes in index order, never sorted afterwards. */
	if (strcmp(query, "portfolio") == 0) {
		ck_assert_msg(strstr(step, "TEMP B-TREE") == NULL, "%s: %s", query, step);
		ck_assert_msg(strncmp(step, "SCAN c", 6) != 0 ||
		              strstr(step, "companies_by_sort") != NULL, "%s: %s", query, step);
	}
}

START_TEST(test_query_plans)
{
	static const char *const queries[] = {
		"portfolio", "history", "final", "draft", "answers", "events", "each-assessment",
		"actions", "action-items", "action-changes", "actions-due"
	};
	struct store *st = open_db();

	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char name[32];            /* the callback's context: its own copy */

		snprintf(name, sizeof name, "%s", queries[i]);
		ck_assert_int_eq(store_query_plan(st, queries[i], no_table_scan, name), STORE_OK);
	}
	ck_assert_int_eq(store_query_plan(st, "bogus", no_table_scan, NULL), STORE_INVALID);
	store_close(st);
}
END_TEST

/* A parameter name the statement does not have stops the program (it
 * would bind nothing, and NULL would be stored or matched). */
START_TEST(test_bind_unknown_name)
{
	struct store *st = open_db();
	struct drv_stmt *s = q_prep(st, "SELECT :known");

	ck_assert_ptr_nonnull(s);
	b_int(s, ":known", 1);          /* fine */
	b_text(s, ":unknown", "x");     /* aborts */
	q_done(st, s);
	store_close(st);
}
END_TEST

/* A file of format 3 as it was released: upgraded to 4 with a copy kept,
 * nothing lost, the counts of final assessments right, actions usable. */
START_TEST(test_upgrade_from_3)
{
	struct store *st;
	struct portfolio_row *rows;
	size_t n;
	int finals = 0;
	long long id;

	put_fixture("v3.db");
	ck_assert_uint_eq(header_at(dbpath, 60), 3);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert(exists(path_in("test.db.v3.bak")));
	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		finals += rows[i].n_final;
		ck_assert_int_eq(rows[i].n_open, 0);
		if (strcmp(rows[i].company.name, "Handwerk Nord") == 0)
			ck_assert_int_eq(rows[i].n_final, 0);
	}
	ck_assert_int_eq(finals, 15);
	ck_assert_int_eq(store_action_add(st, rows[0].company.id, &(struct action_fields){
		.title = "Nach dem Upgrade", .due = "2026-05-01", .questionnaire = "core",
		.qversion = 2 }, &id), STORE_OK);
	ck_assert_int_gt(id, 0);
	store_portfolio_free(rows, n);
	ck_assert_int_eq(store_check(st, NULL, NULL), STORE_OK);
	store_close(st);
}
END_TEST

/* A file of version 4 as released (tests/fixtures/README) becomes version
 * 5: every row stays, nothing old has an author, and new changes are
 * recorded with the store's user ("" for a file). */
START_TEST(test_upgrade_from_4)
{
	struct store *st;
	struct portfolio_row *rows;
	struct assessment_event *ev;
	struct action *acts;
	size_t n, nev, nacts;
	int finals = 0;
	long long handwerk = 0;

	put_fixture("v4.db");
	ck_assert_uint_eq(header_at(dbpath, 60), 4);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), 5);
	ck_assert(exists(path_in("test.db.v4.bak")));
	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		finals += rows[i].n_final;
		if (strcmp(rows[i].company.name, "Handwerk Nord") == 0) {
			handwerk = rows[i].company.id;
			ck_assert_int_eq(rows[i].n_open, 1);
			ck_assert_int_ne(rows[i].draft_id, 0);
		}
	}
	ck_assert_int_eq(finals, 15);
	ck_assert_int_gt(handwerk, 0);
	store_portfolio_free(rows, n);
	ck_assert_int_eq(store_action_list(st, handwerk, &acts, &nacts), STORE_OK);
	ck_assert_uint_eq(nacts, 1);
	ck_assert_str_eq(acts[0].owner, "Lena");
	store_actions_free(acts, nacts);
	ck_assert_int_eq(store_assessment_events(st, 5, &ev, &nev), STORE_OK);
	ck_assert_uint_ge(nev, 3);
	for (size_t i = 0; i < nev; i++)
		ck_assert_str_eq(ev[i].who, "");
	store_events_free(ev, nev);
	ck_assert_int_eq(store_check(st, NULL, NULL), STORE_OK);
	store_close(st);
}
END_TEST

/* Two consultants edit one company: a field changed by the other since
 * it was read is not overwritten (STORE_CHANGED, nothing saved); read
 * again, the edit goes through; a field the other did not touch is saved
 * beside their change. */
START_TEST(test_company_changed_meanwhile)
{
	struct store *a = open_db(), *b = open_db();
	long long id = add_company(a, "Zwei Berater GmbH");
	struct company was, now;

	ck_assert_int_eq(store_company_get(a, id, &was), STORE_OK);
	ck_assert_int_eq(store_company_update(b, id, NULL, "Bau", NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_company_update_from(a, id, &was, NULL, "Handel", NULL, NULL),
	                 STORE_CHANGED);
	ck_assert_ptr_nonnull(strstr(store_error(a), "someone else"));
	ck_assert_int_eq(store_company_update_from(a, id, &was, NULL, NULL, "Frau A", NULL),
	                 STORE_OK);
	ck_assert_int_eq(store_company_get(a, id, &now), STORE_OK);
	ck_assert_str_eq(now.industry, "Bau");
	ck_assert_str_eq(now.contact, "Frau A");
	ck_assert_int_eq(store_company_update_from(a, id, &now, NULL, "Handel", NULL, NULL),
	                 STORE_OK);
	store_company_clear(&now);
	ck_assert_int_eq(store_company_get(b, id, &now), STORE_OK);
	ck_assert_str_eq(now.industry, "Handel");
	store_company_clear(&now);
	store_company_clear(&was);

	/* A field given as it was read is no change of the user's: the edit
	 * screen gives every field; the other's rename stays, and the field
	 * the user did change is saved. */
	ck_assert_int_eq(store_company_get(a, id, &was), STORE_OK);
	ck_assert_int_eq(store_company_update(b, id, "Drei Berater GmbH", NULL, NULL, NULL),
	                 STORE_OK);
	ck_assert_int_eq(store_company_update_from(a, id, &was, was.name, was.industry, "Herr B",
	                                           was.notes), STORE_OK);
	ck_assert_int_eq(store_company_get(a, id, &now), STORE_OK);
	ck_assert_str_eq(now.name, "Drei Berater GmbH");
	ck_assert_str_eq(now.contact, "Herr B");
	store_company_clear(&now);
	/* ... while a field the user changed too is still a collision */
	ck_assert_int_eq(store_company_update_from(a, id, &was, "Vier Berater GmbH", NULL, NULL,
	                                           NULL), STORE_CHANGED);
	ck_assert_int_eq(store_company_get(a, id, &now), STORE_OK);
	ck_assert_str_eq(now.name, "Drei Berater GmbH");
	store_company_clear(&now);
	store_company_clear(&was);
	store_close(a);
	store_close(b);
}
END_TEST

/* Each change records the database user it was made as: the session user
 * on a server, nothing for a file (store_user()). */
START_TEST(test_who_made_it)
{
	struct store *st = open_db();
	long long c = add_company(st, "Wer GmbH"), id = new_draft(st, c, 0);
	struct assessment_event *ev;
	struct drv_stmt *s;
	size_t n;

	ck_assert_str_eq(store_user(st), pg_target ? "smready" : "");
	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, "goals.business", "ja"), STORE_OK);
	ck_assert_int_eq(store_assessment_finalize(st, id, 55, 1), STORE_OK);
	ck_assert_int_eq(store_assessment_events(st, id, &ev, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(ev[0].kind, "created");
	ck_assert_str_eq(ev[0].who, store_user(st));
	ck_assert_str_eq(ev[1].kind, "finalized");
	ck_assert_str_eq(ev[1].who, store_user(st));
	store_events_free(ev, n);
	s = q_prep(st, "SELECT count(*) FROM answers WHERE assessment_id = :id AND who = :who");
	ck_assert_ptr_nonnull(s);
	b_int(s, ":id", id);
	b_text(s, ":who", store_user(st));
	{
		long long k = 0;

		ck_assert_int_eq(q_int1(st, s, &k), STORE_OK);
		ck_assert_int_eq(k, 2);
	}
	store_close(st);
}
END_TEST

/* Finishing what the user was shown: an answer given by someone else since
 * it was read stops the finish (nothing is changed), and each answer says
 * who gave it. */
START_TEST(test_finish_what_was_seen)
{
	struct store *st = open_db();
	long long c = add_company(st, "Gesehen GmbH"), id = new_draft(st, c, 0);
	struct scored seen, now;
	struct assessment a;
	struct answer *an;
	size_t n;
	int purpose, business;

	ck_assert_int_eq(store_answer_set(st, id, "goals.purpose", 3), STORE_OK);
	ck_assert_int_eq(store_answers_load(st, id, &an, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(an[0].who, store_user(st));
	store_answers_free(an, n);
	ck_assert_int_eq(assess_load(st, id, &seen), STORE_OK);
	purpose = catalogue_item_index(seen.cat, "goals.purpose");
	business = catalogue_item_index(seen.cat, "goals.business");
	ck_assert_int_ge(purpose, 0);
	ck_assert_int_ge(business, 0);
	ck_assert_str_eq(seen.who[purpose], store_user(st));
	/* another's answer and another's note, after it was shown */
	ck_assert_int_eq(store_answer_set(st, id, "goals.business", 2), STORE_OK);
	ck_assert_int_eq(store_answer_set_note(st, id, "goals.purpose", "laut Chef"), STORE_OK);
	ck_assert_int_eq(assess_finish(st, id, &seen), STORE_CHANGED);
	ck_assert_ptr_nonnull(strstr(store_error(st), "2"));
	ck_assert_int_eq(store_assessment_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, ASSESS_DRAFT);
	store_assessment_clear(&a);
	ck_assert_int_eq(assess_load(st, id, &now), STORE_OK);
	ck_assert_int_eq(assess_changes(&seen, &now), 2);
	ck_assert_uint_eq(assess_item_changes(&seen, &now, business), ASSESS_CHANGED_VALUE);
	ck_assert_uint_eq(assess_item_changes(&seen, &now, purpose), ASSESS_CHANGED_NOTE);
	ck_assert_int_eq(assess_changes(&now, &now), 0);
	/* what is shown now is what is finished */
	ck_assert_msg(assess_finish(st, id, &now) == STORE_OK, "%s", store_error(st));
	ck_assert_int_eq(store_assessment_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, ASSESS_FINAL);
	store_assessment_clear(&a);
	assess_clear(&seen);
	assess_clear(&now);
	store_close(st);
}
END_TEST

/* A long import keeps the server's planner counting its rows: inside the
 * one transaction, where autovacuum cannot see them (store_bulk_progress()).
 * On a file there is nothing to count. */
START_TEST(test_bulk_counts_rows)
{
	struct store *st = open_db();
	struct drv_stmt *s;
	double rows = -2;

	ck_assert_int_eq(store_begin_bulk(st), STORE_OK);
	for (int i = 0; i < 30; i++) {
		char name[32];
		struct company_in c;

		memset(&c, 0, sizeof c);
		snprintf(name, sizeof name, "Zähl GmbH %d", i);
		c.name = name;
		c.created = 5;
		ck_assert_int_eq(store_company_insert(st, &c, NULL), STORE_OK);
	}
	store_bulk_progress(st, 99);           /* not yet */
	store_bulk_progress(st, 100);
	if (pg_target) {
		s = q_prep(st, "SELECT reltuples FROM pg_class WHERE relname = 'companies'");
		ck_assert_ptr_nonnull(s);
		ck_assert_int_eq(q_step(st, s), DRV_ROW);
		rows = (double)col_int(s, 0);
		q_done(st, s);
		ck_assert_msg(rows == 30, "the planner counts %g companies", rows);
	}
	ck_assert_int_eq(store_commit(st), STORE_OK);
	store_close(st);
}
END_TEST

/* Inside a bulk transaction an assessment's answers and events wait to go
 * in with others' (on a server by COPY): whatever reads them finds them
 * all the same, with every character a loader gives a meaning (tab, line
 * breaks, backslashes); a rollback leaves none; a commit keeps them.  The
 * transaction knows whether it began on a database without assessments. */
START_TEST(test_bulk_rows_wait)
{
	struct store *st = open_db();
	struct company_in c;
	struct assessment_in a;
	struct answer_in ans[3];
	struct answer *loaded;
	struct assessment_event *ev;
	struct assessment ga;
	long long cid, aid;
	size_t n;
	const char *note = "eins\tzwei\\t drei\r\nvier \\N \\\\ \"f\u00fcnf\"\t";

	memset(&c, 0, sizeof c);
	c.name = "Wartend GmbH";
	c.created = 5;
	ck_assert_int_eq(store_company_insert(st, &c, &cid), STORE_OK);
	memset(&a, 0, sizeof a);
	a.company_id = cid;
	a.status = ASSESS_FINAL;
	a.questionnaire = "core";
	a.qversion = 1;
	a.started = 100;
	a.completed = a.updated = 200;
	a.overall = 40;
	a.level = 1;
	ans[0] = (struct answer_in){ .item_key = "goals.purpose", .value = 3, .note = note,
	                             .changed = 150 };
	ans[1] = (struct answer_in){ .item_key = "team.time", .value = ANSWER_DONT_KNOW,
	                             .changed = 160, .carried = true };
	ans[2] = (struct answer_in){ .item_key = "goals.business", .value = 0, .note = "",
	                             .changed = 170 };
	for (int round = 0; round < 2; round++) {
		strcpy(a.uuid, round ? "0c1c2a3b-1111-4222-8333-444455556666"
		                     : "0d1c2a3b-1111-4222-8333-444455556666");
		ck_assert(!store_bulk_fresh(st));
		ck_assert_int_eq(store_begin_bulk(st), STORE_OK);
		/* no assessment here yet: the rolled back one did not stay */
		ck_assert(store_bulk_fresh(st));
		ck_assert_msg(store_assessment_insert(st, &a, ans, 3, &aid) == STORE_OK, "%s",
		              store_error(st));
		ck_assert_int_eq(store_answers_load(st, aid, &loaded, &n), STORE_OK);
		ck_assert_uint_eq(n, 3);
		for (size_t i = 0; i < n; i++)
			if (strcmp(loaded[i].item_key, "goals.purpose") == 0)
				ck_assert_str_eq(loaded[i].note, note);
		store_answers_free(loaded, n);
		ck_assert_int_eq(store_assessment_events(st, aid, &ev, &n), STORE_OK);
		ck_assert_uint_eq(n, 2);
		store_events_free(ev, n);
		if (round == 0) {
			store_rollback(st);
			ck_assert_int_eq(store_assessment_find_uuid(st, a.uuid, &ga), STORE_NOT_FOUND);
			continue;
		}
		/* one more, written by the commit (no read comes first) */
		strcpy(a.uuid, "0e1c2a3b-1111-4222-8333-444455556666");
		a.started = 300;
		ck_assert_int_eq(store_assessment_insert(st, &a, ans, 3, &aid), STORE_OK);
		ck_assert_int_eq(store_commit(st), STORE_OK);
	}
	ck_assert_int_eq(store_answers_load(st, aid, &loaded, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	store_answers_free(loaded, n);
	ck_assert_int_eq(store_begin_bulk(st), STORE_OK);
	ck_assert(!store_bulk_fresh(st));
	store_rollback(st);
	store_close(st);
}
END_TEST

/* The upgrade to schema 4 counts the final assessments already there. */
START_TEST(test_upgrade_counts_finals)
{
	struct store *st;
	struct portfolio_row *rows;
	size_t n;
	int total = 0;

	put_v1_fixture();
	st = open_db();
	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(rows[i].n_final,
		                 strcmp(rows[i].company.name, "Ärztehaus") == 0 ? 1 : 0);
		total += rows[i].n_final;
	}
	ck_assert_int_eq(total, 1);
	store_portfolio_free(rows, n);
	store_close(st);
}
END_TEST

/* The count of final assessments the portfolio shows follows every change
 * (schema 4 keeps it in the company's row). */
static int n_final_of(struct store *st, long long company)
{
	struct portfolio_row *rows;
	size_t n;
	int found = -1;

	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	for (size_t i = 0; i < n; i++)
		if (rows[i].company.id == company)
			found = rows[i].n_final;
	store_portfolio_free(rows, n);
	return found;
}

START_TEST(test_final_count)
{
	struct store *st = open_db();
	long long c = add_company(st, "Firma"), other = add_company(st, "Other");
	long long f[4], d, o;

	for (int i = 0; i < 4; i++) {
		store_set_now(st, T0 + 100 * i);
		f[i] = new_draft(st, c, i ? f[i - 1] : 0);
		ck_assert_int_eq(n_final_of(st, c), i);
		ck_assert_int_eq(store_assessment_finalize(st, f[i], 10 * i, 1), STORE_OK);
	}
	o = new_draft(st, other, 0);
	ck_assert_int_eq(store_assessment_finalize(st, o, 50, 1), STORE_OK);
	ck_assert_int_eq(n_final_of(st, c), 4);
	ck_assert_int_eq(n_final_of(st, other), 1);
	store_set_now(st, T0 + 300);
	d = new_draft(st, c, f[3]);
	ck_assert_int_eq(store_assessment_finalize(st, d, 70, 2), STORE_OK);
	ck_assert_int_eq(n_final_of(st, c), 5);
	/* reopening takes one away, finishing again adds it back */
	store_set_now(st, T0 + 400);
	ck_assert_int_eq(store_assessment_reopen(st, f[1], "Tippfehler"), STORE_OK);
	ck_assert_int_eq(n_final_of(st, c), 4);
	ck_assert_int_eq(store_assessment_finalize(st, f[1], 20, 1), STORE_OK);
	ck_assert_int_eq(n_final_of(st, c), 5);
	ck_assert_int_eq(store_assessment_delete(st, f[3]), STORE_OK);
	ck_assert_int_eq(n_final_of(st, c), 4);
	ck_assert_int_eq(n_final_of(st, other), 1);
	store_close(st);
}
END_TEST

START_TEST(test_transactions)
{
	struct store *st = open_db();
	struct company c;
	int n = 0;

	ck_assert_int_eq(store_commit(st), STORE_STATE);
	ck_assert_int_eq(store_begin(st), STORE_OK);
	add_company(st, "One");
	add_company(st, "Two");
	store_rollback(st);
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 0);

	ck_assert_int_eq(store_begin(st), STORE_OK);
	add_company(st, "One");
	/* a failing verb undoes only itself */
	ck_assert_int_eq(store_company_add(st, "ONE", NULL, NULL, NULL, NULL), STORE_EXISTS);
	ck_assert_int_eq(store_begin(st), STORE_OK);            /* nested */
	add_company(st, "Inner");
	store_rollback(st);
	add_company(st, "Two");
	ck_assert_int_eq(store_commit(st), STORE_OK);
	ck_assert_int_eq(store_company_count(st, true, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_company_find(st, "inner", &c), STORE_NOT_FOUND);
	store_close(st);

	/* closing with an open transaction keeps nothing of it */
	st = open_db();
	ck_assert_int_eq(store_begin(st), STORE_OK);
	add_company(st, "Lost");
	store_close(st);
	st = open_db();
	ck_assert_int_eq(store_company_find(st, "lost", &c), STORE_NOT_FOUND);
	store_close(st);
}
END_TEST

/* The statement cache finds a query by its text, wherever the text is
 * kept; when it is full, the statement used longest ago gives way, and one
 * in use is never handed out twice. */
START_TEST(test_statement_cache)
{
	struct store *st = open_db();
	char one[] = "SELECT 1 + :x", two[] = "SELECT 1 + :x", sql[STORE_CACHE + 8][32];
	struct drv_stmt *a = q_prep(st, one), *b, *first;

	ck_assert_ptr_nonnull(a);
	b = q_prep(st, two);             /* the same query while a is in use */
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	q_done(st, b);
	q_done(st, a);
	b = q_prep(st, two);             /* free now: the cached one */
	ck_assert_ptr_eq(a, b);
	q_done(st, b);
	for (int i = 0; i < STORE_CACHE + 8; i++) {
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
		q_done(st, q_prep(st, sql[i]));
		/* the first query stays in use all along: never the oldest */
		first = q_prep(st, one);
		ck_assert_ptr_eq(first, a);
		q_done(st, first);
	}
	ck_assert_int_eq(st->n_cache, STORE_CACHE);
	for (int i = 0; i < st->n_cache; i++)
		ck_assert_msg(strcmp(st->cache[i].sql, sql[0]) != 0 &&
		              strcmp(st->cache[i].sql, sql[8]) != 0,
		              "the oldest queries were left in the cache");
	store_close(st);
}
END_TEST

/* A backup asked for while changes are in progress is refused at once:
 * SQLite cannot copy from a connection in the middle of a write, and the
 * copy used to wait for it forever. */
START_TEST(test_backup_in_transaction)
{
	struct store *st = open_db();
	char *bak = path_in("copy.db");
	struct stat sb;

	add_company(st, "Saved");
	ck_assert_int_eq(store_begin(st), STORE_OK);
	add_company(st, "Pending");
	alarm(20);
	ck_assert_int_eq(store_backup(st, bak), STORE_STATE);
	alarm(0);
	ck_assert_ptr_nonnull(strstr(store_error(st), "in progress"));
	ck_assert_int_ne(stat(bak, &sb), 0);
	/* the caller's changes are still there to be saved */
	ck_assert_int_eq(store_commit(st), STORE_OK);
	ck_assert_int_eq(store_backup(st, bak), STORE_OK);
	store_close(st);
}
END_TEST

START_TEST(test_import_and_now)
{
	struct store *st = open_db();
	struct company_in c;
	struct company got;
	struct assessment_in a;
	struct assessment ga;
	struct answer_in ans[2];
	struct answer *loaded;
	long long cid, aid;
	size_t n;

	memset(&c, 0, sizeof c);
	strcpy(c.uuid, "6F1C2A3B-1111-4222-8333-444455556666");
	c.name = "Imported";
	c.created = 1234;
	c.archived = true;
	ck_assert_int_eq(store_company_insert(st, &c, &cid), STORE_OK);
	ck_assert_int_eq(store_company_find(st, "6f1c2a3b-1111-4222-8333-444455556666", &got),
	                 STORE_OK);
	ck_assert_int_eq(got.created, 1234);
	ck_assert(got.archived);
	store_company_clear(&got);
	c.name = "Other name";
	ck_assert_int_eq(store_company_insert(st, &c, NULL), STORE_EXISTS);
	strcpy(c.uuid, "not-a-uuid");
	ck_assert_int_eq(store_company_insert(st, &c, NULL), STORE_INVALID);

	memset(&a, 0, sizeof a);
	strcpy(a.uuid, "0a1c2a3b-1111-4222-8333-444455556666");
	a.company_id = cid;
	a.status = ASSESS_FINAL;
	a.questionnaire = "core";
	a.qversion = 1;
	a.started = 100;
	a.completed = 200;
	a.updated = 200;
	a.overall = 42;
	a.level = 1;
	a.based_on = 777;        /* not in this database: dropped */
	/* a note with what an array of text on the server must escape */
	ans[0] = (struct answer_in){ .item_key = "goals.purpose", .value = 3,
	                             .note = "Sie sagte \"ja\", {nein} \\ NULL\nzweite Zeile: \xc3\xbc",
	                             .changed = 150, .carried = false };
	ans[1] = (struct answer_in){ .item_key = "team.time", .value = ANSWER_DONT_KNOW,
	                             .note = NULL, .changed = 160, .carried = true };
	ck_assert_int_eq(store_assessment_insert(st, &a, ans, 2, &aid), STORE_OK);
	ck_assert_int_eq(store_assessment_find_uuid(st, a.uuid, &ga), STORE_OK);
	ck_assert_int_eq(ga.id, aid);
	ck_assert_int_eq(ga.overall, 42);
	ck_assert_int_eq(ga.completed, 200);
	ck_assert_int_eq(ga.based_on, 0);
	store_assessment_clear(&ga);
	ck_assert_int_eq(store_answers_load(st, aid, &loaded, &n), STORE_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(loaded[1].value, ANSWER_DONT_KNOW);
	ck_assert(loaded[1].carried);
	ck_assert_int_eq(loaded[0].changed, 150);
	ck_assert_str_eq(loaded[0].note, ans[0].note);
	ck_assert_str_eq(loaded[1].note, "");
	store_answers_free(loaded, n);
	/* a broken answer rolls the whole assessment back */
	strcpy(a.uuid, "0b1c2a3b-1111-4222-8333-444455556666");
	ans[1].value = 9;
	ck_assert_int_eq(store_assessment_insert(st, &a, ans, 2, NULL), STORE_INVALID);
	ck_assert_int_eq(store_assessment_find_uuid(st, a.uuid, &ga), STORE_NOT_FOUND);
	/* and so does the same item twice, named */
	ans[1] = ans[0];
	ck_assert_int_eq(store_assessment_insert(st, &a, ans, 2, NULL), STORE_INVALID);
	ck_assert_msg(strstr(store_error(st), "goals.purpose") &&
	              strstr(store_error(st), "twice"), "%s", store_error(st));
	ck_assert_int_eq(store_assessment_find_uuid(st, a.uuid, &ga), STORE_NOT_FOUND);

	store_set_now(st, 0);
	ck_assert_int_ge(store_now(st), T0);
	store_set_now(st, 42);
	ck_assert_int_eq(store_now(st), 42);
	store_close(st);
}
END_TEST

/* ---- actions --------------------------------------------------------------- */

static long long add_action(struct store *st, long long company, const char *title,
                            const char *due, const struct plan_aim *items, size_t n)
{
	struct action_fields f = { .title = title, .owner = "Lena, Marketing", .due = due,
	                           .questionnaire = "core", .qversion = 2, .items = items,
	                           .n_items = n };
	long long id = 0;

	ck_assert_msg(store_action_add(st, company, &f, &id) == STORE_OK, "%s", store_error(st));
	ck_assert_int_gt(id, 0);
	return id;
}

/* Rows of a table, read past the store. */
/* The rows of a table, read through a connection of its own (either
 * engine's driver). */
static long long rows_in(const char *table)
{
	struct drv_conn *c = NULL;
	struct drv_stmt *s = NULL;
	char sql[128], msg[256];
	long long n = -1;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (pg_target)
		ck_assert_msg(drv_pg_open(pg_target, &c, msg, sizeof msg) == DRV_OK, "%s", msg);
	else
		ck_assert_msg(drv_sqlite_open(dbpath, false, &c, msg, sizeof msg) == DRV_OK,
		              "%s", msg);
	ck_assert_int_eq(c->ops->prepare(c, sql, &s), DRV_OK);
	if (s->ops->step(s) == DRV_ROW)
		n = s->ops->col_int(s, 0);
	s->ops->finalize(s);
	c->ops->close(c);
	return n;
}

START_TEST(test_actions_add_and_list)
{
	struct store *st = open_db();
	long long c = add_company(st, "Plan GmbH"), other = add_company(st, "Andere KG");
	long long f = new_draft(st, c, 0), a1, a2, a3, a4;
	struct plan_aim two[2] = { { "policy.document", 3 },
	                              { "policy.negative", 4 } };
	struct plan_aim one[1] = { { "goals.purpose", 3 } };
	struct action_fields fields = { .title = "  Richtlinie   schreiben ", .owner = "Frau  Groß",
	                                .due = "2026-05-01", .note = "mit dem Betriebsrat",
	                                .questionnaire = "core", .qversion = 2, .origin = 0,
	                                .items = two, .n_items = 2 };
	struct action *list, a;
	size_t n;
	char prefix[9];

	ck_assert_int_eq(store_assessment_finalize(st, f, 40, 0), STORE_OK);
	fields.origin = f;
	ck_assert_int_eq(store_action_add(st, c, &fields, &a1), STORE_OK);
	a2 = add_action(st, c, "Ziel aufschreiben", "2026-04-15", one, 1);
	a3 = add_action(st, c, "Schulung buchen", "", NULL, 0);
	a4 = add_action(st, other, "Anderswo", "2026-01-01", NULL, 0);

	ck_assert_int_eq(store_action_get(st, a1, &a), STORE_OK);
	ck_assert_str_eq(a.title, "Richtlinie schreiben");      /* stored in its normal form */
	ck_assert_str_eq(a.owner, "Frau Groß");
	ck_assert_str_eq(a.due, "2026-05-01");
	ck_assert_str_eq(a.note, "mit dem Betriebsrat");
	ck_assert_int_eq(a.number, 1);
	ck_assert_int_eq(a.status, PLAN_OPEN);
	ck_assert_int_eq(a.origin, f);
	ck_assert_int_eq(strlen(a.origin_uuid), STORE_UUID_LEN);
	ck_assert_str_eq(a.questionnaire, "core");
	ck_assert_int_eq(a.qversion, 2);
	ck_assert_uint_eq(a.n_items, 2);
	ck_assert_str_eq(a.items[0].key, "policy.document");
	ck_assert_int_eq(a.items[0].target, 3);
	ck_assert_str_eq(a.items[1].key, "policy.negative");
	ck_assert_int_eq(a.items[1].target, 4);
	ck_assert_uint_eq(a.n_changes, 1);                      /* its creation */
	ck_assert_int_eq(a.changes[0].at, T0);
	ck_assert_int_eq(a.changes[0].status, PLAN_OPEN);
	ck_assert_int_eq(a.created, T0);
	memcpy(prefix, a.uuid, 8);
	prefix[8] = '\0';
	store_action_clear(&a);

	/* by a start of its UUID, in either case, and by its number */
	for (int i = 0; prefix[i]; i++)
		if (prefix[i] >= 'a' && prefix[i] <= 'f')
			prefix[i] = (char)(prefix[i] - 'a' + 'A');
	ck_assert_int_eq(store_action_find(st, prefix, &a), STORE_OK);
	ck_assert_int_eq(a.id, a1);
	store_action_clear(&a);
	ck_assert_int_eq(store_action_find(st, "abc", &a), STORE_NOT_FOUND);   /* too short */
	ck_assert_int_eq(store_action_find(st, "Richtlinie", &a), STORE_NOT_FOUND);
	ck_assert_int_eq(store_action_number(st, c, 3, &a), STORE_OK);
	ck_assert_int_eq(a.id, a3);
	store_action_clear(&a);
	ck_assert_int_eq(store_action_number(st, other, 1, &a), STORE_OK);
	ck_assert_int_eq(a.id, a4);
	store_action_clear(&a);
	ck_assert_int_eq(store_action_number(st, c, 9, &a), STORE_NOT_FOUND);

	/* the open ones by due date, the undated after them */
	ck_assert_int_eq(store_action_list(st, c, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(list[0].id, a2);
	ck_assert_int_eq(list[1].id, a1);
	ck_assert_int_eq(list[2].id, a3);
	ck_assert_uint_eq(list[1].n_items, 2);
	store_actions_free(list, n);
	/* the done and dropped ones last */
	ck_assert_int_eq(store_action_set_status(st, a2, PLAN_DONE, NULL), STORE_OK);
	ck_assert_int_eq(store_action_list(st, c, &list, &n), STORE_OK);
	ck_assert_int_eq(list[0].id, a1);
	ck_assert_int_eq(list[1].id, a3);
	ck_assert_int_eq(list[2].id, a2);
	store_actions_free(list, n);
	store_close(st);
}
END_TEST

/* Every change of status is kept with its time; setting the status an
 * action has changes nothing. */
START_TEST(test_action_status)
{
	struct store *st = open_db();
	long long c = add_company(st, "Status GmbH"), id = add_action(st, c, "Tun", "", NULL, 0);
	struct action a;
	bool changed = true;

	store_set_now(st, T0 + 100);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_STARTED, &changed), STORE_OK);
	ck_assert(changed);
	store_set_now(st, T0 + 200);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_DONE, &changed), STORE_OK);
	ck_assert(changed);
	store_set_now(st, T0 + 300);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_DONE, &changed), STORE_OK);
	ck_assert(!changed);
	ck_assert_int_eq(store_action_set_status(st, id, (enum plan_status)7, &changed),
	                 STORE_INVALID);
	ck_assert_int_eq(store_action_set_status(st, id + 99, PLAN_DONE, &changed), STORE_NOT_FOUND);
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, PLAN_DONE);
	ck_assert_uint_eq(a.n_changes, 3);
	ck_assert_int_eq(a.changes[1].at, T0 + 100);
	ck_assert_int_eq(a.changes[1].status, PLAN_STARTED);
	ck_assert_int_eq(a.changes[2].at, T0 + 200);
	ck_assert_int_eq(a.changes[2].status, PLAN_DONE);
	ck_assert_int_eq(a.updated, T0 + 200);
	store_action_clear(&a);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_OPEN, &changed), STORE_OK);
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, PLAN_OPEN);
	ck_assert_uint_eq(a.n_changes, 4);
	store_action_clear(&a);
	store_close(st);
}
END_TEST

/* Only the fields given change; what is refused changes nothing. */
/* A status change from what a screen shows: refused, changing nothing,
 * when another program changed the status since. */
START_TEST(test_action_move_status)
{
	struct store *st = open_db();
	long long c = add_company(st, "Zwei GmbH"), id = add_action(st, c, "Eins", "", NULL, 0);
	struct action a;
	bool changed = true;

	/* the screen shows it open; elsewhere it is dropped */
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_DROPPED, NULL), STORE_OK);
	ck_assert_int_eq(store_action_move_status(st, id, PLAN_OPEN, PLAN_STARTED, &changed),
	                 STORE_STATE);
	ck_assert(!changed);
	ck_assert_ptr_nonnull(strstr(store_error(st), "changed elsewhere"));
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_int_eq(a.status, PLAN_DROPPED);
	ck_assert_uint_eq(a.n_changes, 2);
	store_action_clear(&a);
	ck_assert_int_eq(store_action_move_status(st, id, PLAN_DROPPED, PLAN_OPEN, &changed),
	                 STORE_OK);
	ck_assert(changed);
	store_close(st);
}
END_TEST

START_TEST(test_action_update)
{
	struct store *st = open_db();
	long long c = add_company(st, "Edit GmbH"), id = add_action(st, c, "Alt", "2026-05-01",
	                                                              NULL, 0);
	struct action a;

	ck_assert_int_eq(store_action_update(st, id, NULL, " Jonas ", NULL, NULL), STORE_OK);
	ck_assert_int_eq(store_action_update(st, id, NULL, NULL, NULL, "Zeile 1\nZeile 2"), STORE_OK);
	ck_assert_int_eq(store_action_update(st, id, "", NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_action_update(st, id, NULL, NULL, "2026-02-30", NULL), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_error(st), "2026-02-30"));
	ck_assert_int_eq(store_action_update(st, id, NULL, NULL, "morgen", NULL), STORE_INVALID);
	ck_assert_int_eq(store_action_update(st, id, "A\001B", NULL, NULL, NULL), STORE_INVALID);
	ck_assert_int_eq(store_action_update(st, id + 5, "Neu", NULL, NULL, NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_str_eq(a.title, "Alt");
	ck_assert_str_eq(a.owner, "Jonas");
	ck_assert_str_eq(a.due, "2026-05-01");
	ck_assert_str_eq(a.note, "Zeile 1\nZeile 2");
	store_action_clear(&a);
	ck_assert_int_eq(store_action_update(st, id, "Neu", NULL, "", NULL), STORE_OK);
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_str_eq(a.title, "Neu");
	ck_assert_str_eq(a.owner, "Jonas");
	ck_assert_str_eq(a.due, "");
	store_action_clear(&a);
	store_close(st);
}
END_TEST

/* The questions an action aims at can be given after it was made; what
 * the store refuses changes nothing. */
START_TEST(test_action_set_items)
{
	struct store *st = open_db();
	long long c = add_company(st, "Ziel GmbH"), id = add_action(st, c, "Frei", "", NULL, 0);
	struct plan_aim two[2] = { { "goals.purpose", 4 }, { "policy.document", 3 } },
	                twice[2] = { { "goals.purpose", 4 }, { "goals.purpose", 3 } };
	struct action a;

	store_set_now(st, T0 + 60);
	ck_assert_int_eq(store_action_set_items(st, id, two, 2), STORE_OK);
	ck_assert_int_eq(store_action_set_items(st, id, twice, 2), STORE_INVALID);
	ck_assert_int_eq(store_action_set_items(st, id + 9, two, 1), STORE_NOT_FOUND);
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_uint_eq(a.n_items, 2);
	ck_assert_str_eq(a.items[0].key, "goals.purpose");
	ck_assert_int_eq(a.items[0].target, 4);
	ck_assert_str_eq(a.items[1].key, "policy.document");
	ck_assert_int_eq(a.updated, T0 + 60);
	store_action_clear(&a);
	ck_assert_int_eq(store_action_set_items(st, id, NULL, 0), STORE_OK);
	ck_assert_int_eq(store_action_get(st, id, &a), STORE_OK);
	ck_assert_uint_eq(a.n_items, 0);
	store_action_clear(&a);
	store_close(st);
}
END_TEST

/* What an action cannot be made of is refused, and nothing is added. */
START_TEST(test_action_refused)
{
	struct store *st = open_db();
	long long c = add_company(st, "Nein GmbH"), other = add_company(st, "Fremd KG");
	long long foreign = new_draft(st, other, 0), id = 0;
	struct plan_aim many[ACTION_MAX_ITEMS + 1], twice[2] = {
		{ "goals.purpose", 3 }, { "goals.purpose", 4 } };
	struct plan_aim bad_target[1] = { { "goals.purpose", 5 } };
	struct plan_aim bad_key[1] = { { "goals purpose", 3 } };
	struct action_fields f = { .title = "Etwas", .questionnaire = "core", .qversion = 2 };

	for (int i = 0; i <= ACTION_MAX_ITEMS; i++) {
		many[i].key = core2_key(i);
		many[i].target = 3;
	}
	f.items = many;
	f.n_items = ACTION_MAX_ITEMS + 1;
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	f.items = twice;
	f.n_items = 2;
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_error(st), "twice"));
	f.items = bad_target;
	f.n_items = 1;
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	f.items = bad_key;
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	f.items = NULL;
	f.n_items = 0;
	f.origin = foreign;
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	ck_assert_ptr_nonnull(strstr(store_error(st), "another company"));
	f.origin = 0;
	f.due = "01.05.2026";              /* the store takes the normal form only */
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	f.due = NULL;
	f.title = "   ";
	ck_assert_int_eq(store_action_add(st, c, &f, &id), STORE_INVALID);
	f.title = "Etwas";
	ck_assert_int_eq(store_action_add(st, c + 99, &f, &id), STORE_NOT_FOUND);
	store_close(st);
	ck_assert_int_eq(rows_in("actions"), 0);
	ck_assert_int_eq(rows_in("action_items"), 0);
	ck_assert_int_eq(rows_in("action_events"), 0);
}
END_TEST

/* Deleting a company deletes its actions with their items and changes. */
START_TEST(test_actions_go_with_company)
{
	struct store *st = open_db();
	long long c = add_company(st, "Weg GmbH"), stay = add_company(st, "Bleibt KG");
	struct plan_aim one[1] = { { "goals.purpose", 3 } };
	long long id = add_action(st, c, "Eins", "", one, 1);

	add_action(st, stay, "Zwei", "", one, 1);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_DONE, NULL), STORE_OK);
	ck_assert_int_eq(store_company_delete(st, c, NULL), STORE_OK);
	store_close(st);
	ck_assert_int_eq(rows_in("actions"), 1);
	ck_assert_int_eq(rows_in("action_items"), 1);
	ck_assert_int_eq(rows_in("action_events"), 1);
	st = open_db();
	ck_assert_int_eq(store_check(st, NULL, NULL), STORE_OK);
	store_close(st);
}
END_TEST

/* The portfolio counts the open actions and those overdue; "due" lists
 * what is due by a day across the active companies. */
START_TEST(test_actions_due_and_counted)
{
	struct store *st = open_db();
	long long a = add_company(st, "Alpha"), b = add_company(st, "Beta");
	long long arch = add_company(st, "Gamma"), late, today_one, later, undated, done;
	char today[TIMEFMT_DAY_SIZE], yesterday[TIMEFMT_DAY_SIZE], week[TIMEFMT_DAY_SIZE];
	struct portfolio_row *rows;
	struct action *list;
	size_t n;

	timefmt_day(T0, today, sizeof today);
	ck_assert(timefmt_day_add(today, -1, yesterday, sizeof yesterday));
	ck_assert(timefmt_day_add(today, 7, week, sizeof week));
	late = add_action(st, b, "Spät", yesterday, NULL, 0);
	today_one = add_action(st, a, "Heute", today, NULL, 0);
	later = add_action(st, a, "Nächste Woche", week, NULL, 0);
	undated = add_action(st, a, "Irgendwann", "", NULL, 0);
	done = add_action(st, b, "Erledigt", yesterday, NULL, 0);
	ck_assert_int_eq(store_action_set_status(st, done, PLAN_DONE, NULL), STORE_OK);
	ck_assert_int_eq(store_action_set_status(st, later, PLAN_STARTED, NULL), STORE_OK);
	add_action(st, arch, "Archiviert", yesterday, NULL, 0);
	ck_assert_int_eq(store_company_set_archived(st, arch, true), STORE_OK);

	ck_assert_int_eq(store_portfolio(st, true, &rows, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(rows[0].company.id, a);
	ck_assert_int_eq(rows[0].n_open, 3);
	ck_assert_int_eq(rows[0].n_overdue, 0);       /* due today is not overdue */
	ck_assert_int_eq(rows[1].company.id, b);
	ck_assert_int_eq(rows[1].n_open, 1);
	ck_assert_int_eq(rows[1].n_overdue, 1);
	store_portfolio_free(rows, n);
	/* a week later, the one due today is overdue too */
	store_set_now(st, T0 + 7 * 86400);
	ck_assert_int_eq(store_portfolio(st, false, &rows, &n), STORE_OK);
	ck_assert_int_eq(rows[0].n_overdue, 1);
	store_portfolio_free(rows, n);

	ck_assert_int_eq(store_actions_due(st, today, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].id, late);
	ck_assert_int_eq(list[1].id, today_one);
	store_actions_free(list, n);
	ck_assert_int_eq(store_actions_due(st, week, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(list[2].id, later);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_ne(list[i].id, undated);
	store_actions_free(list, n);
	ck_assert_int_eq(store_actions_due(st, "next week", &list, &n), STORE_INVALID);
	store_close(st);
}
END_TEST

/* A file of data format 2 gets the tables of the plan in the upgrade,
 * after a copy of it was kept. */
START_TEST(test_upgrade_v2_actions)
{
	struct store *st;
	struct action *list;
	size_t n;
	long long id;

	put_fixture("v2-lookalike.db");
	ck_assert_uint_eq(header_at(dbpath, 60), 2);
	st = open_db();
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert(exists(path_in("test.db.v2.bak")));
	ck_assert_uint_eq(header_at(path_in("test.db.v2.bak"), 60), 2);
	ck_assert_int_eq(store_action_list(st, 1, &list, &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	id = add_action(st, 1, "Nach dem Upgrade", "2026-05-01", NULL, 0);
	ck_assert_int_eq(store_action_set_status(st, id, PLAN_DONE, NULL), STORE_OK);
	ck_assert_int_eq(store_check(st, NULL, NULL), STORE_OK);
	store_close(st);
	ck_assert_int_eq(rows_in("action_events"), 2);
}
END_TEST

/* The check finds actions that do not fit together: orphans, an origin
 * of another company, a question the questionnaire lacks, bad text. */
START_TEST(test_check_actions)
{
	struct store *st = open_db();
	long long c = add_company(st, "Prüf GmbH"), other = add_company(st, "Fremd KG");
	long long f = new_draft(st, other, 0);
	struct plan_aim one[1] = { { "goals.purpose", 3 } };
	char found[4096] = "";
	sqlite3 *db;

	(void)f;
	add_action(st, c, "Gut", "", one, 1);
	ck_assert_int_eq(store_check(st, collect_problem, found), STORE_OK);
	ck_assert_str_eq(found, "");
	store_close(st);
	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db,
		"PRAGMA foreign_keys = OFF;"
		"INSERT INTO actions (uuid, company_id, number, title, questionnaire, qversion,"
		"  created, updated) VALUES ('00000000-0000-4000-8000-000000000077', 77, 1, 'x',"
		"  'core', 2, 0, 0);"
		"INSERT INTO action_items (action_id, item_key, target, position)"
		"  VALUES (66, 'goals.business', 3, 0);"
		"INSERT INTO action_events (action_id, at, status) VALUES (55, 0, 0);"
		"UPDATE actions SET origin = 1 WHERE id = 1;"
		"INSERT INTO action_items (action_id, item_key, target, position)"
		"  VALUES (1, 'goals.nonsense', 3, 1);"
		"UPDATE actions SET owner = CAST(X'4DFC6C6C6572' AS TEXT) WHERE id = 1;",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = open_db();
	ck_assert_int_eq(store_check(st, collect_problem, found), STORE_CORRUPT);
	ck_assert_msg(strstr(found, "Table actions, row 2: company 77"), "%s", found);
	ck_assert_msg(strstr(found, "action_items, action 66, item goals.business"), "%s", found);
	ck_assert_msg(strstr(found, "action_events") && strstr(found, "action 55"), "%s", found);
	ck_assert_msg(strstr(found, "belongs to company"), "%s", found);
	ck_assert_msg(strstr(found, "goals.nonsense") && strstr(found, "no such question"),
	              "%s", found);
	ck_assert_msg(strstr(found, "actions") && strstr(found, "owner") && strstr(found, "UTF-8"),
	              "%s", found);
	store_close(st);
}
END_TEST

/* The tests that hold for both engines: they reach the database only
 * through the store. */
static void add_both(TCase *tc)
{
	tcase_add_test(tc, test_busy);
	tcase_add_test(tc, test_company_verbs);
	tcase_add_test(tc, test_unique_names);
	tcase_add_test(tc, test_invalid_input);
	tcase_add_test(tc, test_delete_counts);
	tcase_add_test(tc, test_answers);
	tcase_add_test(tc, test_carried_answers);
	tcase_add_test(tc, test_finalize_clears_carried);
	tcase_add_test(tc, test_reopen_events);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_portfolio);
	tcase_add_test(tc, test_reopen_with_draft);
	tcase_add_test(tc, test_assessment_numbers);
	tcase_add_test(tc, test_names_normal);
	tcase_add_test(tc, test_company_lookup);
	tcase_add_test(tc, test_sort_order);
	tcase_add_test(tc, test_final_count);
	tcase_add_test(tc, test_transactions);
	tcase_add_test_raise_signal(tc, test_bind_unknown_name, SIGABRT);
	tcase_add_test(tc, test_statement_cache);
	tcase_add_test(tc, test_import_and_now);
	tcase_add_test(tc, test_actions_add_and_list);
	tcase_add_test(tc, test_action_status);
	tcase_add_test(tc, test_action_update);
	tcase_add_test(tc, test_action_move_status);
	tcase_add_test(tc, test_action_set_items);
	tcase_add_test(tc, test_action_refused);
	tcase_add_test(tc, test_actions_go_with_company);
	tcase_add_test(tc, test_actions_due_and_counted);
	tcase_add_test(tc, test_who_made_it);
	tcase_add_test(tc, test_finish_what_was_seen);
	tcase_add_test(tc, test_bulk_counts_rows);
	tcase_add_test(tc, test_bulk_rows_wait);
	tcase_add_test(tc, test_company_changed_meanwhile);
}

int main(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");
	const char *pg = getenv("SMREADY_TEST_PG");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	/* the SQLite file's own: opening, judging, upgrading, damage, limits */
	tcase_add_test(tc, test_create_modes);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_default_path);
	tcase_add_test(tc, test_not_a_database);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_new_file_complete);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_foreign_application_id);
	tcase_add_test(tc, test_foreign_sqlite_file);
	tcase_add_test(tc, test_newer_version);
	tcase_add_test(tc, test_readonly_forced);
	tcase_add_test(tc, test_readonly_permissions);
	tcase_add_test(tc, test_full_disk);
	tcase_add_test(tc, test_open_while_locked);
	tcase_add_test(tc, test_check_and_backup);
	tcase_add_test(tc, test_check_corrupt);
	tcase_add_test(tc, test_damage_stops_writes);
	tcase_add_test(tc, test_check_finds_orphans_and_bad_text);
	tcase_add_test(tc, test_damage_found_by_a_statement);
	tcase_add_test(tc, test_upgrade_v1);
	tcase_add_test(tc, test_upgrade_copy_is_v1);
	tcase_add_test(tc, test_upgrade_refused);
	tcase_add_test(tc, test_upgrade_two_drafts);
	tcase_add_test(tc, test_upgrade_lookalikes);
	tcase_add_test(tc, test_query_plans);
	tcase_add_test(tc, test_upgrade_counts_finals);
	tcase_add_test(tc, test_upgrade_from_3);
	tcase_add_test(tc, test_upgrade_from_4);
	tcase_add_test(tc, test_backup_in_transaction);
	tcase_add_test(tc, test_upgrade_v2_actions);
	tcase_add_test(tc, test_check_actions);
	add_both(tc);
	suite_add_tcase(s, tc);
	if (pg && *pg) {
		TCase *tp = tcase_create("pg");

		tcase_add_checked_fixture(tp, setup_pg, teardown_pg);
		tcase_set_timeout(tp, 60);
		add_both(tp);
		tcase_add_test(tp, test_connection_lost);
		suite_add_tcase(s, tp);
	}
	return tap_run_suite(s);
}
