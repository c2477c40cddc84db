/*
 * store-open.c - opening a database: the default path, creating a new file
 * (complete before it appears under its name), judging an existing one
 * before SQLite may touch it (foreign, cut off, newer, empty), the
 * read-only fallbacks, the schema and its upgrades, and damage found.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "i18n.h"
#include "store-int.h"
#include "text.h"

/* ---- opening -------------------------------------------------------------- */

char *store_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *tail = "/smready/smready.db";
	char *p;
	size_t n;

	/* The XDG spec says relative paths are to be ignored. */
	if (xdg && xdg[0] == '/') {
		n = strlen(xdg) + strlen(tail) + 1;
		p = malloc(n);
		if (p)
			snprintf(p, n, "%s%s", xdg, tail);
		return p;
	}
	if (!home || !home[0])
		return NULL;
	n = strlen(home) + strlen("/.local/share") + strlen(tail) + 1;
	p = malloc(n);
	if (p)
		snprintf(p, n, "%s/.local/share%s", home, tail);
	return p;
}

/* The folder part of path ("." when there is none); malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* mkdir -p: missing folders are made private (0700), existing ones are
 * left alone. */
static enum store_err make_dirs(struct store *st, const char *dir)
{
	struct stat sb;
	char *parent;
	enum store_err err;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return STORE_OK;
		return say(st, STORE_IO, _("Cannot create the folder %s: %s"), dir, strerror(ENOTDIR));
	}
	parent = dir_of(dir);
	if (!parent)
		return fail_oom(st);
	err = strcmp(parent, dir) ? make_dirs(st, parent) : STORE_OK;
	free(parent);
	if (err != STORE_OK)
		return err;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return say(st, STORE_IO, _("Cannot create the folder %s: %s"), dir, strerror(errno));
	if (chmod(dir, 0700) != 0)
		return say(st, STORE_IO, _("Cannot create the folder %s: %s"), dir, strerror(errno));
	return STORE_OK;
}

static enum store_err say_create(struct store *st, int e)
{
	return say(st, STORE_IO, _("Cannot create the database %s: %s"), st->path, strerror(e));
}

/* Creates a file for a new database beside st->path, readable by its owner
 * only whatever the umask says (SQLite gives its -wal and -shm files the
 * same mode); *tmp gets its name (malloc'd). */
static enum store_err make_temp(struct store *st, char **tmp)
{
	char *dir = dir_of(st->path);
	size_t n = strlen(st->path) + 16;
	enum store_err err;
	int fd;

	if (!dir)
		return fail_oom(st);
	err = make_dirs(st, dir);
	free(dir);
	if (err != STORE_OK)
		return err;
	*tmp = malloc(n);
	if (!*tmp)
		return fail_oom(st);
	snprintf(*tmp, n, "%s.new-XXXXXX", st->path);
	fd = mkostemp(*tmp, O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return say_create(st, e);
	}
	close(fd);
	return STORE_OK;
}

/* Puts the finished file tmp at st->path unless something is there already
 * (another smready creating the same database was quicker: its file is
 * used).  A hard link is atomic and never replaces; a file system without
 * hard links gets a rename that never replaces either. */
static enum store_err place_file(struct store *st, const char *tmp)
{
	int rc = link(tmp, st->path), e = errno;

#ifdef RENAME_NOREPLACE
	if (rc != 0 && e != EEXIST) {
		rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, st->path, RENAME_NOREPLACE);
		e = errno;
		if (rc == 0)
			return STORE_OK;
	}
#endif
	unlink(tmp);
	if (rc == 0 || e == EEXIST)
		return STORE_OK;
	return say_create(st, e);
}

static enum store_err set_up(struct store *st, long long version);
static int db_connect(struct store *st, const char *name, int flags);

void remove_db_files(const char *path)
{
	static const char *const parts[] = { "", "-wal", "-shm", "-journal" };
	size_t n = strlen(path) + 16;
	char *name = malloc(n);

	for (size_t i = 0; name && i < sizeof parts / sizeof parts[0]; i++) {
		snprintf(name, n, "%s%s", path, parts[i]);
		unlink(name);
	}
	free(name);
}

/* Closes the SQLite connection and the driver over it; SQLite's code. */
static int db_disconnect(struct store *st)
{
	int rc;

	q_cache_drop(st);
	if (st->conn)
		st->conn->ops->close(st->conn);
	st->conn = NULL;
	rc = sqlite3_close(st->db);
	if (rc == SQLITE_OK)
		st->db = NULL;
	return rc;
}

/* Makes a new database at st->path.  The schema is written into a file of
 * its own first, which only then appears under the database's name,
 * complete: so an empty file at that path is never one of ours being set
 * up, and open_db() can refuse every empty file it finds. */
static enum store_err create_db(struct store *st)
{
	char *tmp = NULL;
	enum store_err err = make_temp(st, &tmp);

	if (err != STORE_OK)
		return err;
	if (db_connect(st, tmp, SQLITE_OPEN_READWRITE) != SQLITE_OK)
		err = fail_sqlite(st, sqlite3_errcode(st->db));
	else
		err = set_up(st, 0);
	/* Closing the only connection moves the log into the file and
	 * removes the -wal and -shm files. */
	if (db_disconnect(st) != SQLITE_OK) {
		if (err == STORE_OK)
			err = say(st, STORE_IO, _("Cannot create the database %s: %s"), st->path,
			          sqlite3_errmsg(st->db));
		sqlite3_close_v2(st->db);
		st->db = NULL;
	}
	if (err == STORE_OK)
		err = place_file(st, tmp);
	else
		remove_db_files(tmp);   /* nobody else knows this file: all of it can go */
	free(tmp);
	return err;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static enum store_err say_not_db(struct store *st)
{
	return say(st, STORE_NOT_DB, _("%s is not an smready database; it was left untouched."),
	           st->path);
}

static enum store_err say_newer(struct store *st, long long version)
{
	return say(st, STORE_NEWER, _("The database %s was written by a newer smready (data "
	                              "format %lld; this one knows up to %d). Update smready "
	                              "to open it; the file was not changed."),
	           st->path, version, STORE_SCHEMA_VERSION);
}

/* Whether a write-ahead log with content lies next to the database. */
static bool has_wal(const char *path)
{
	size_t n = strlen(path) + 5;
	char *wal = malloc(n);
	struct stat sb;
	bool yes;

	if (!wal)
		return true;
	snprintf(wal, n, "%s-wal", path);
	yes = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return yes;
}

/* Looks at the file's first 100 bytes before SQLite opens it, so that a
 * foreign, newer or cut-off file is refused without anything being written
 * (not even a -wal file). */
static enum store_err check_header(struct store *st, off_t size)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char h[100];
	size_t n = 0;
	uint32_t page, app, version;
	FILE *f;

	/* A new database is never empty (see create_db()), unless an older
	 * smready made it and its first commits are still in the log. */
	if (size == 0 && !has_wal(st->path))
		return say(st, STORE_NOT_DB, _("%s is an empty file, not an smready database; it "
		                               "was left untouched. Remove it, and smready will "
		                               "create a new database there."), st->path);
	if (size == 0)
		return STORE_OK;
	f = fopen(st->path, "rb");
	if (!f)
		return say(st, STORE_IO, _("Cannot open the database %s: %s"), st->path,
		           strerror(errno));
	n = fread(h, 1, sizeof h, f);
	fclose(f);
	if (memcmp(h, magic, n < sizeof magic ? n : sizeof magic) != 0)
		return say_not_db(st);
	if (n < sizeof h)
		return say_corrupt(st);
	page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)) != 0)
		return say_corrupt(st);
	app = be32(h + 68);
	version = be32(h + 60);
	if (app != 0 && app != STORE_APP_ID)
		return say_not_db(st);
	if (app == 0 && version != 0)
		return say_not_db(st);
	if (version > STORE_SCHEMA_VERSION)
		return say_newer(st, version);
	/* The page count in the header is valid when the two counters agree;
	 * a file shorter than that was cut off (unless a log still holds the
	 * rest, which SQLite will replay). */
	if (be32(h + 24) == be32(h + 92) && !has_wal(st->path)) {
		uint64_t pages = be32(h + 28);

		if ((uint64_t)size < pages * page || size % page != 0)
			return say_corrupt(st);
	}
	return STORE_OK;
}

/* A "file:" URI for path, for the immutable fallback. */
static char *uri_of(const char *path, const char *query)
{
	size_t n = strlen(path) * 3 + strlen(query) + 16, j;
	char *u = malloc(n);

	if (!u)
		return NULL;
	j = (size_t)snprintf(u, n, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
			j += (size_t)snprintf(u + j, n - j, "%%%02X", *p);
		else
			u[j++] = (char)*p;
	}
	snprintf(u + j, n - j, "?%s", query);
	return u;
}

struct probe {
	long long app, version, objects;
};

/* Reads what decides whether we may use the file; writes nothing.  One
 * statement, so the three values come from one snapshot even while another
 * process is setting up the same new file. */
static int probe_db(struct store *st, struct probe *p)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db,
	                            "SELECT (SELECT application_id FROM pragma_application_id),"
	                            " (SELECT user_version FROM pragma_user_version),"
	                            " (SELECT count(*) FROM sqlite_master)", -1, &s, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			p->app = sqlite3_column_int64(s, 0);
			p->version = sqlite3_column_int64(s, 1);
			p->objects = sqlite3_column_int64(s, 2);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

static int db_connect(struct store *st, const char *name, int flags)
{
	static bool configured;
	int rc;

	if (st->db)
		db_disconnect(st);
	/* No count of SQLite's memory (smready never asks for it): the count
	 * takes a global mutex on every allocation, a few per row written.
	 * Only possible before SQLite starts, so the first open does it; when
	 * another part of the program has started it already, this fails and
	 * changes nothing. */
	if (!configured) {
		configured = true;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	/* one thread uses a connection: SQLite's mutexes would only cost */
	rc = sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (st->db) {
		sqlite3_extended_result_codes(st->db, 1);
		sqlite3_busy_timeout(st->db, st->busy_ms);
	}
	if (rc == SQLITE_OK)
		rc = add_key_functions(st->db);
	if (rc == SQLITE_OK && drv_sqlite_wrap(st->db, &st->conn) != DRV_OK)
		rc = SQLITE_NOMEM;
	return rc;
}

/* ---- schema -------------------------------------------------------------- */

/* migrations[v] turns a database of schema v into v + 1; migrate() runs the
 * steps a file needs in one transaction.  Version 0 is the empty file.  Each
 * step sets user_version itself.  A step, once released, is never changed:
 * tests/fixtures/v1.db holds a file that step 0 made. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	"CREATE TABLE companies ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL UNIQUE,"        /* folded in C: see name_key() */
	"  industry TEXT NOT NULL DEFAULT '',"
	"  contact TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created INTEGER NOT NULL,"
	"  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
	"  sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))"
	");"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,"
	"  status INTEGER NOT NULL CHECK (status IN (0, 1)),"
	"  questionnaire TEXT NOT NULL,"
	"  qversion INTEGER NOT NULL,"
	"  started INTEGER NOT NULL,"
	"  completed INTEGER NOT NULL DEFAULT 0,"
	"  updated INTEGER NOT NULL,"
	"  assessor TEXT NOT NULL DEFAULT '',"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  overall INTEGER NOT NULL DEFAULT -1,"
	"  level INTEGER NOT NULL DEFAULT -1,"
	"  reopened INTEGER NOT NULL DEFAULT 0,"
	"  based_on INTEGER REFERENCES assessments (id) ON DELETE SET NULL"
	");"
	/* Latest/previous final and newest draft per company (portfolio). */
	"CREATE INDEX assessments_by_status ON assessments (company_id, status, completed, id);"
	/* A company's history, newest first. */
	"CREATE INDEX assessments_by_start ON assessments (company_id, started, id);"
	/* Lets deleting an assessment find the ones based on it. */
	"CREATE INDEX assessments_by_base ON assessments (based_on) WHERE based_on IS NOT NULL;"
	"CREATE TABLE answers ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,"
	"  item_key TEXT NOT NULL,"
	"  value INTEGER NOT NULL CHECK (value BETWEEN -2 AND 4),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  changed INTEGER NOT NULL,"
	"  carried INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1)),"
	"  PRIMARY KEY (assessment_id, item_key)"
	") WITHOUT ROWID;"
	"CREATE TABLE assessment_events ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('created', 'finalized', 'reopened')),"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX events_by_assessment ON assessment_events (assessment_id, at, id);"
	"PRAGMA application_id = " STORE_APP_ID_SQL ";"
	"PRAGMA user_version = 1;",

	/* 1 -> 2: the portfolio sorts by a key that ignores accents (see
	 * sort_key()); name_key stays what makes a name unique. */
	"ALTER TABLE companies ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
	"UPDATE companies SET sort_key = smready_sort_key(name);"
	"CREATE INDEX companies_by_sort ON companies (sort_key, name_key);"
	"PRAGMA user_version = 2;",

	/* 2 -> 3: at most one draft per company, as a constraint.  A file
	 * written before may hold two drafts of one company (two processes
	 * that started at the same moment): they become one, the newest
	 * change of each answer winning, the way one shared draft would have
	 * kept them.  The copy made before the upgrade keeps them apart. */
	"CREATE TEMP TABLE smready_keep AS"
	"  SELECT company_id, (SELECT x.id FROM assessments x"
	"    WHERE x.company_id = a.company_id AND x.status = 0"
	"    ORDER BY x.updated DESC, x.id DESC LIMIT 1) AS keep"
	"  FROM assessments a WHERE a.status = 0"
	"  GROUP BY a.company_id HAVING count(*) > 1;"
	"INSERT INTO answers (assessment_id, item_key, value, note, changed, carried)"
	"  SELECT k.keep, d.item_key, d.value, d.note, d.changed, d.carried"
	"  FROM answers d JOIN assessments a ON a.id = d.assessment_id"
	"  JOIN smready_keep k ON k.company_id = a.company_id"
	"  WHERE a.status = 0 AND a.id <> k.keep"
	"  ON CONFLICT (assessment_id, item_key) DO UPDATE SET value = excluded.value,"
	"    note = excluded.note, changed = excluded.changed, carried = excluded.carried"
	"    WHERE excluded.changed > answers.changed;"
	"UPDATE assessments SET"
	"  assessor = coalesce(nullif(assessor, ''), (SELECT x.assessor FROM assessments x"
	"    WHERE x.company_id = assessments.company_id AND x.status = 0"
	"    AND x.assessor <> '' ORDER BY x.updated DESC LIMIT 1), ''),"
	"  summary = coalesce(nullif(summary, ''), (SELECT x.summary FROM assessments x"
	"    WHERE x.company_id = assessments.company_id AND x.status = 0"
	"    AND x.summary <> '' ORDER BY x.updated DESC LIMIT 1), '')"
	"  WHERE id IN (SELECT keep FROM smready_keep);"
	"DELETE FROM assessments WHERE status = 0 AND id NOT IN (SELECT keep FROM smready_keep)"
	"  AND company_id IN (SELECT company_id FROM smready_keep);"
	"DROP TABLE temp.smready_keep;"
	"CREATE UNIQUE INDEX assessments_one_draft ON assessments (company_id) WHERE status = 0;"
	/* And the keys of names follow Unicode (text_name_key() and
	 * text_fold()): a name typed with a combining mark, with other
	 * blanks or other compatibility forms is the same name; and alt_key
	 * finds "Söhne" by "Soehne".  Two companies whose names were
	 * different before and are the same name now both stay (rename or
	 * delete one): the newer keeps its key with a suffix that no name
	 * can give, so its name is still unique. */
	"ALTER TABLE companies ADD COLUMN alt_key TEXT NOT NULL DEFAULT '';"
	"UPDATE companies SET name_key = char(1) || id;"
	"UPDATE companies SET name_key = smready_name_key(name)"
	"  WHERE id IN (SELECT min(id) FROM companies GROUP BY smready_name_key(name));"
	"UPDATE companies SET name_key = smready_name_key(name) || char(1) || id"
	"  WHERE name_key = char(1) || id;"
	"UPDATE companies SET sort_key = smready_sort_key(name), alt_key = smready_alt_key(name);"
	"CREATE INDEX companies_by_alt ON companies (alt_key);"
	"PRAGMA user_version = 3;",

	/* 3 -> 4 (this step came after version 3 had been released).
	 * Each company counts its final assessments, so that the
	 * portfolio reads one number instead of counting a company's whole
	 * history (200 companies of 400 assessments cost 3x those of 40).
	 * Triggers keep the count, whichever program writes the file. */
	"ALTER TABLE companies ADD COLUMN n_final INTEGER NOT NULL DEFAULT 0;"
	"UPDATE companies SET n_final = (SELECT count(*) FROM assessments a"
	"  WHERE a.company_id = companies.id AND a.status = 1);"
	"CREATE TRIGGER final_count_insert AFTER INSERT ON assessments"
	"  WHEN new.status = 1 BEGIN"
	"  UPDATE companies SET n_final = n_final + 1 WHERE id = new.company_id; END;"
	"CREATE TRIGGER final_count_delete AFTER DELETE ON assessments"
	"  WHEN old.status = 1 BEGIN"
	"  UPDATE companies SET n_final = n_final - 1 WHERE id = old.company_id; END;"
	"CREATE TRIGGER final_count_update AFTER UPDATE OF status, company_id ON assessments"
	"  WHEN old.status <> new.status OR old.company_id <> new.company_id BEGIN"
	"  UPDATE companies SET n_final = n_final - (old.status = 1) WHERE id = old.company_id;"
	"  UPDATE companies SET n_final = n_final + (new.status = 1) WHERE id = new.company_id;"
	"  END;"
	/* The action plan (issue 10).
	 * A company's actions, numbered within it; what each aims at (zero or
	 * more items of the questionnaire named, each with the answer aimed
	 * for); every change of status with its time.  The assessment whose
	 * result suggested an action is its origin (NULL: added by hand).
	 * Status: 0 open, 1 in progress, 2 done, 3 dropped (plan.h).  Nothing
	 * to carry over: files of version 3 have no actions. */
	"CREATE TABLE actions ("
	"  id INTEGER PRIMARY KEY,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,"
	"  number INTEGER NOT NULL CHECK (number > 0),"
	"  title TEXT NOT NULL,"
	"  owner TEXT NOT NULL DEFAULT '',"
	"  due TEXT NOT NULL DEFAULT '' CHECK (due = '' OR"
	"    due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  questionnaire TEXT NOT NULL,"
	"  qversion INTEGER NOT NULL,"
	"  origin INTEGER REFERENCES assessments (id) ON DELETE SET NULL,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  UNIQUE (company_id, number)"
	");"
	/* A company's open actions by due date (the plan, the portfolio's
	 * counts), and the open ones with a date across the portfolio ("due"). */
	"CREATE INDEX actions_by_status ON actions (company_id, status, due);"
	"CREATE INDEX actions_due ON actions (due) WHERE status < 2 AND due <> '';"
	/* Lets deleting an assessment find the actions it suggested. */
	"CREATE INDEX actions_by_origin ON actions (origin) WHERE origin IS NOT NULL;"
	"CREATE TABLE action_items ("
	"  action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,"
	"  item_key TEXT NOT NULL,"
	"  target INTEGER NOT NULL CHECK (target BETWEEN 0 AND 4),"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (action_id, item_key)"
	") WITHOUT ROWID;"
	"CREATE TABLE action_events ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,"
	"  at INTEGER NOT NULL,"
	"  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3)"
	");"
	"CREATE INDEX action_events_by_action ON action_events (action_id, at, id);"
	"PRAGMA user_version = 4;",

	/* 4 -> 5: who made each change, for a database with users (a
	 * server): the session user, recorded with each event of an
	 * assessment or action and each answer.  "" where it is not known: a
	 * file has no users, and nothing was recorded before. */
	"ALTER TABLE assessment_events ADD COLUMN who TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE action_events ADD COLUMN who TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE answers ADD COLUMN who TEXT NOT NULL DEFAULT '';"
	"PRAGMA user_version = 5;"
};


static long long read_version(struct store *st)
{
	long long v = -1;
	struct drv_stmt *s = q_prep(st, st->pg ? "SELECT schema_version FROM smready_meta"
	                                       : "PRAGMA user_version");

	if (s && q_int1(st, s, &v) != STORE_OK)
		v = -1;
	return v;
}

/* Writes <path>.v<version>.bak, the database as it is before the upgrade;
 * *bak gets its name (malloc'd).  The caller holds the write lock, so
 * nobody can change the file meanwhile; the copy is read through a second
 * connection because SQLite cannot back up from one inside a write
 * transaction. */
static enum store_err keep_old_copy(struct store *st, long long version, char **bak)
{
	size_t n = strlen(st->path) + 32;
	sqlite3 *from = NULL;
	enum store_err err;
	int rc;

	*bak = malloc(n);
	if (!*bak)
		return fail_oom(st);
	snprintf(*bak, n, "%s.v%lld.bak", st->path, version);
	rc = sqlite3_open_v2(st->path, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		err = copy_db(st, from, *bak);
	else
		err = fail_sqlite(st, rc);
	sqlite3_close(from);
	if (err == STORE_EXISTS)
		say(st, err, _("The database %s must be upgraded for this version of smready, "
		               "which first keeps a copy of it as %s; but that file exists "
		               "already. Move it elsewhere and start smready again. The database "
		               "was not changed."), st->path, *bak);
	if (err != STORE_OK) {
		free(*bak);
		*bak = NULL;
	}
	return err;
}

/* Brings the schema up to STORE_SCHEMA_VERSION in one transaction, after
 * copying an existing database aside: the file is either upgraded all the
 * way or left as it was.  Safe when several processes open the file at
 * once: the version is read again under the write lock, so only the first
 * one upgrades and the others find nothing left to do. */
static enum store_err migrate(struct store *st)
{
	char *bak = NULL;
	long long v;
	enum store_err err = tx_open(st);

	if (err != STORE_OK)
		return err;
	v = read_version(st);
	if (v < 0)
		err = STORE_ERROR;
	else if (v > STORE_SCHEMA_VERSION)
		err = say_newer(st, v);
	else if (v >= 1 && v < STORE_SCHEMA_VERSION)
		err = keep_old_copy(st, v, &bak);
	for (; err == STORE_OK && v < STORE_SCHEMA_VERSION; v++)
		err = q_exec(st, migrations[v]);
	err = tx_close(st, err);
	/* Nothing was changed, so the copy would only stand in the way of
	 * the next attempt. */
	if (err != STORE_OK && bak)
		unlink(bak);
	free(bak);
	return err;
}

/* Whether a file named path + suffix exists. */
static bool companion_exists(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *name = malloc(n);
	struct stat sb;
	bool yes;

	if (!name)
		return true;
	snprintf(name, n, "%s%s", path, suffix);
	yes = stat(name, &sb) == 0;
	free(name);
	return yes;
}

/* The log files that existed before this process opened the database. */
bool store_owns_file(const struct store *st, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	struct stat out, sb;

	if (!st || st->pg || !st->path || !path || stat(path, &out) != 0)
		return false;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(st->path) + strlen(suffixes[i]) + 1;
		char *name = malloc(n);
		bool same;

		if (!name)
			return false;
		snprintf(name, n, "%s%s", st->path, suffixes[i]);
		same = stat(name, &sb) == 0 && sb.st_dev == out.st_dev && sb.st_ino == out.st_ino;
		free(name);
		if (same)
			return true;
	}
	return false;
}

struct companions {
	bool wal, shm;
};

/* Closes the connection and removes the log files that a failed attempt
 * to open left behind: only those that were not there before it and that
 * nobody has used (an empty log; a shared-memory file too short to have
 * been set up, as on a full disk). */
static void drop_left_companions(struct store *st, const struct companions *before)
{
	size_t n = strlen(st->path) + 8;
	char *wal = malloc(n), *shm = malloc(n);
	struct stat sb;

	db_disconnect(st);
	if (wal && shm) {
		snprintf(wal, n, "%s-wal", st->path);
		snprintf(shm, n, "%s-shm", st->path);
		if (!before->shm && stat(shm, &sb) == 0 && sb.st_size < 32768 &&
		    (stat(wal, &sb) != 0 || sb.st_size == 0))
			unlink(shm);
		if (!before->wal && stat(wal, &sb) == 0 && sb.st_size == 0)
			unlink(wal);
	}
	free(wal);
	free(shm);
}

static bool disk_full(struct store *st, int rc)
{
	int e = st->db ? sqlite3_system_errno(st->db) : 0;

	return (rc & 0xff) == SQLITE_FULL || e == ENOSPC || e == EDQUOT;
}

static enum store_err open_readonly(struct store *st, const struct companions *before)
{
	int rc = db_connect(st, st->path, SQLITE_OPEN_READONLY);

	st->readonly = true;
	if (rc == SQLITE_OK) {
		struct probe p;

		rc = probe_db(st, &p);
		if (rc == SQLITE_OK)
			return STORE_OK;
	}
	/* A log-mode database in a folder we may not write cannot get its
	 * shared-memory file, nor can one on a full disk; read the file as it
	 * is instead, which holds everything unless the log has content. */
	if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
	    (disk_full(st, rc) && !has_wal(st->path))) {
		drop_left_companions(st, before);
		char *uri = uri_of(st->path, "immutable=1");

		if (!uri)
			return fail_oom(st);
		rc = db_connect(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
		free(uri);
	}
	return rc == SQLITE_OK ? STORE_OK : fail_sqlite(st, rc);
}

static bool can_write(const char *path)
{
	char *dir = dir_of(path);
	bool ok = dir && access(path, W_OK) == 0 && access(dir, W_OK) == 0;

	free(dir);
	return ok;
}

/* Decides about the connected file: ours, foreign, newer; never writes. */
static enum store_err judge(struct store *st, struct probe *p)
{
	int rc = probe_db(st, p);

	if (rc != SQLITE_OK)
		return fail_sqlite(st, rc);
	if (p->app != 0 && p->app != STORE_APP_ID)
		return say_not_db(st);
	if (p->app == 0 && (p->objects > 0 || p->version != 0))
		return say_not_db(st);
	if (p->version > STORE_SCHEMA_VERSION)
		return say_newer(st, p->version);
	return STORE_OK;
}

/* Switches the file to write-ahead logging (readers never block the writer,
 * and a killed process loses nothing committed).  Changing the mode may
 * report "busy" at once, without waiting, while another process opens the
 * same new file, so wait here the way the busy timeout would. */
static enum store_err use_wal(struct store *st)
{
	int waited = 0;

	for (;;) {
		sqlite3_stmt *s = NULL;
		int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);

		if (rc == SQLITE_OK) {
			rc = sqlite3_step(s);
			if (rc == SQLITE_ROW)
				rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
		if (rc == SQLITE_OK)
			return STORE_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= st->busy_ms)
			return fail_sqlite(st, rc);
		sqlite3_sleep(10);
		waited += 10;
	}
}

/* Readies a writing connection to a file of schema version: its pragmas,
 * the log mode, and the upgrade when the schema is older.
 * synchronous=FULL: WAL with NORMAL already survives a killed process, but
 * may lose the last commits on a power cut; an answer is typed by hand and
 * saved alone, so one more fsync per save costs nothing noticeable and
 * makes every confirmed answer durable. */
static enum store_err set_up(struct store *st, long long version)
{
	enum store_err err = q_exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");

	if (err == STORE_OK)
		err = use_wal(st);
	/* An up-to-date schema needs no write lock: another program may be
	 * holding it, and reading must still work meanwhile. */
	if (err == STORE_OK && version < STORE_SCHEMA_VERSION)
		err = migrate(st);
	return err;
}

/* Opens the file for reading only and decides whether it can be used so. */
static enum store_err open_for_reading(struct store *st, struct probe *p,
                                       const struct companions *before)
{
	enum store_err err = open_readonly(st, before);

	if (err == STORE_OK)
		err = judge(st, p);
	/* The queries need the current schema, so an older file is refused
	 * rather than half shown. */
	if (err == STORE_OK && p->version == 0)
		err = say(st, STORE_READONLY, _("The database %s cannot be set up or "
		                                "upgraded because it is read-only."), st->path);
	else if (err == STORE_OK && p->version < STORE_SCHEMA_VERSION)
		err = say(st, STORE_READONLY, _("The database %s was written by an older "
		                                "smready and must be upgraded, but it is "
		                                "read-only. Make the file and its folder "
		                                "writable, or open a copy of it."), st->path);
	return err;
}

static enum store_err open_for_writing(struct store *st, struct probe *p)
{
	enum store_err err;

	if (db_connect(st, st->path, SQLITE_OPEN_READWRITE) != SQLITE_OK)
		return fail_sqlite(st, sqlite3_errcode(st->db));
	err = judge(st, p);
	if (err != STORE_OK)
		return err;
	/* Only now, with the file known to be ours, may anything be written. */
	return set_up(st, p->version);
}

static enum store_err open_db(struct store *st, unsigned flags)
{
	struct stat sb;
	struct probe p = { 0, 0, 0 };
	struct companions before;
	enum store_err err;
	bool ro = flags & STORE_OPEN_READONLY;

	if (stat(st->path, &sb) != 0) {
		if (errno != ENOENT)
			return say(st, STORE_IO, _("Cannot open the database %s: %s"), st->path,
			           strerror(errno));
		if (ro || (flags & STORE_OPEN_NOCREATE))
			return say(st, STORE_IO, _("The database %s does not exist."), st->path);
		err = create_db(st);
		if (err != STORE_OK)
			return err;
		if (stat(st->path, &sb) != 0)
			return say(st, STORE_IO, _("Cannot open the database %s: %s"), st->path,
			           strerror(errno));
	}
	if (S_ISDIR(sb.st_mode))
		return say(st, STORE_IO, _("%s is a folder, not a database file."), st->path);
	if (!S_ISREG(sb.st_mode))
		return say_not_db(st);
	err = check_header(st, sb.st_size);
	if (err != STORE_OK)
		return err;

	before.wal = companion_exists(st->path, "-wal");
	before.shm = companion_exists(st->path, "-shm");
	if (ro || !can_write(st->path))
		return open_for_reading(st, &p, &before);
	err = open_for_writing(st, &p);
	/* A full disk must not keep what is saved from being read: the
	 * writing connection could not even get its shared memory. */
	if (err == STORE_FULL && st->depth == 0) {
		char full_msg[sizeof st->msg];

		memcpy(full_msg, st->msg, sizeof full_msg);
		drop_left_companions(st, &before);
		err = open_for_reading(st, &p, &before);
		if (err == STORE_OK)
			st->full = true;
		else
			memcpy(st->msg, full_msg, sizeof full_msg);
		if (err != STORE_OK)
			err = STORE_FULL;
	}
	return err;
}

enum store_err store_open(const char *path, unsigned flags, struct store **out,
                          char *msg, size_t msgsz)
{
	struct store *st;
	enum store_err err;

	*out = NULL;
	if (msgsz)
		msg[0] = '\0';
	/* A statement journal of up to 4 MiB stays in memory instead of going
	 * to a temporary file at 64 KiB: once one statement of a connection
	 * has spilled, every later one in a transaction (an import's, say)
	 * was written there, a system call per page.  Only possible before
	 * SQLite's first use; later calls are refused harmlessly. */
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 << 20);
	if (!path || !path[0]) {
		if (msgsz)
			snprintf(msg, msgsz, "%s", _("No database file was given."));
		return STORE_INVALID;
	}
	st = calloc(1, sizeof *st);
	if (st && drv_is_pg_target(path)) {
		char shown[512];

		drv_pg_display(path, shown, sizeof shown);
		st->path = strdup(shown);
	} else if (st) {
		st->path = strdup(path);
	}
	if (!st || !st->path) {
		if (msgsz)
			snprintf(msg, msgsz, "%s", _("Out of memory."));
		free(st);
		return STORE_ERROR;
	}
	st->busy_ms = STORE_DEFAULT_BUSY_MS;
	st->asked_readonly = flags & STORE_OPEN_READONLY;
	if (drv_is_pg_target(path))
		err = store_open_pg(st, path, flags);
	else
		err = open_db(st, flags);
	if (err == STORE_OK && !st->pg && damage_noted(st, !st->readonly))
		mark_damaged(st, false);
	if (err != STORE_OK) {
		if (msgsz)
			snprintf(msg, msgsz, "%s", st->msg);
		store_close(st);
		return err;
	}
	*out = st;
	return STORE_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	while (st->depth > 0)
		store_rollback(st);
	if (st->db) {
		db_disconnect(st);
	} else {
		q_cache_drop(st);
		if (st->conn)
			st->conn->ops->close(st->conn);
	}
	behind_free(st);
	free(st->path);
	free(st);
}

int store_schema_version(struct store *st)
{
	return (int)read_version(st);
}
