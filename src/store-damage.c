/*
 * store-damage.c - damage, once found, is remembered beside the file so
 * that no later smready writes to it either (see store-int.h).
 */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-int.h"

/* Damage, once found, is remembered beside the file (FILE.damaged), so that
 * the next smready does not write to it either: a full integrity check on
 * every start would take 0.7 s on a 100 MB database (bench/), twenty times
 * what listing the companies takes.  The note names the file by device,
 * inode, size and modification time; a file replaced since (a restored
 * backup) no longer matches it, and the note is dropped. */
struct file_id {
	unsigned long long dev, ino;
	long long size, sec, nsec;
};

static bool file_id_of(const char *path, struct file_id *id)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	id->dev = (unsigned long long)sb.st_dev;
	id->ino = (unsigned long long)sb.st_ino;
	id->size = (long long)sb.st_size;
	id->sec = (long long)sb.st_mtim.tv_sec;
	id->nsec = (long long)sb.st_mtim.tv_nsec;
	return true;
}

static char *damage_note_path(const struct store *st)
{
	size_t n = strlen(st->path) + 9;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s.damaged", st->path);
	return p;
}

static void write_damage_note(struct store *st)
{
	char *note = damage_note_path(st);
	struct file_id id;
	FILE *f;
	int fd;

	if (!note || !file_id_of(st->path, &id)) {
		free(note);
		return;
	}
	fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		/* Not translated: the file is read by smready, not by people in
		 * their language; the first line only explains it. */
		fprintf(f, "smready found damage in this database and will not change it while "
		        "it is the same file.\nid %llu %llu %lld %lld %lld\n",
		        id.dev, id.ino, id.size, id.sec, id.nsec);
		fclose(f);
	} else if (fd >= 0) {
		close(fd);
	}
	free(note);
}

/* Whether an earlier smready found this very file damaged.  A note about
 * another file (replaced since) is removed when we may write. */
bool damage_noted(struct store *st, bool may_remove)
{
	char *note = damage_note_path(st), line[256];
	struct file_id id, was;
	bool same = false, found = false;
	FILE *f;

	if (!note)
		return false;
	f = fopen(note, "r");
	if (f) {
		found = true;
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "id %llu %llu %lld %lld %lld", &was.dev, &was.ino, &was.size,
			           &was.sec, &was.nsec) == 5)
				same = file_id_of(st->path, &id) && id.dev == was.dev &&
				       id.ino == was.ino && id.size == was.size &&
				       id.sec == was.sec && id.nsec == was.nsec;
		fclose(f);
	}
	if (found && !same && may_remove)
		unlink(note);
	free(note);
	return same;
}

void forget_damage(struct store *st)
{
	char *note = damage_note_path(st);

	if (note)
		unlink(note);
	free(note);
}

/* From now on nothing is written to the file: every change is refused
 * (tx_open), SQLite itself is told to change nothing (query_only), and
 * closing does not copy the log into the file.  remember: note it beside
 * the file for the next smready (not when opened read-only on request). */
void mark_damaged(struct store *st, bool remember)
{
	bool was = st->damaged;

	/* A server's damage is for its administrator; the session reads on. */
	if (st->pg)
		return;
	st->damaged = true;
	if (st->db) {
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		sqlite3_exec(st->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
	}
	if (remember && !was && !st->asked_readonly)
		write_damage_note(st);
}
