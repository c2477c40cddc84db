/*
 * unsaved.h - answers typed while the database could not take them (a
 * server gone away): kept in memory, shown as not yet saved, and written
 * at once to a file of their own beside the default database, as an
 * export that "smready import" merges; saved by unsaved_flush() when the
 * server is back, which merges them the same way (the newer change of an
 * answer wins), and the file goes.  A kill -9 loses none of them: the
 * file is replaced whole (written, synced, renamed) with every change.
 */
#ifndef SMREADY_UNSAVED_H
#define SMREADY_UNSAVED_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

struct unsaved_draft;

struct unsaved {
	struct unsaved_draft *drafts;
	size_t n;
	char *file;               /* where they are kept; NULL while none are */
	char tag[17];             /* the database's, in the file's name */
	char why[512];            /* what went wrong writing the file, or "" */
};

void unsaved_init(struct unsaved *u);
/* The answers are st's: their file's name says so (a tag made from the
 * database's file or connection string), and only st's files are taken in
 * at the next start, never a copy's that has the same drafts. */
void unsaved_for(struct unsaved *u, const struct store *st);
/* Whether the file (of unsaved_left_over()) holds answers of u's database. */
bool unsaved_is_ours(const struct unsaved *u, const char *path);
void unsaved_free(struct unsaved *u);

/* Keeps one answer of the draft a of company c (copied the first time):
 * its whole state (value, note, carried no more) as typed at time at,
 * replacing what was kept of the item before, and writes the file.  False
 * when out of memory (nothing kept); the file's trouble only sets why. */
bool unsaved_keep(struct unsaved *u, const struct company *c, const struct assessment *a,
                  const char *item_key, int value, const char *note, long long at);
/* How many answers are kept. */
size_t unsaved_count(const struct unsaved *u);
/* Whether an answer of the assessment is kept (not yet saved). */
bool unsaved_has(const struct unsaved *u, long long assessment_id, const char *item_key);
/* Saves what is kept, draft by draft, each in one transaction; a draft
 * saved leaves the file, the file goes when it is empty.  *saved counts
 * the answers gone in, *older those whose stored answer was changed later
 * (by someone else: theirs stays).  STORE_OK when nothing is left; else
 * the store's failure (still kept). */
enum store_err unsaved_flush(struct unsaved *u, struct store *st, int *saved, int *older);
/* The files of earlier sessions that were never saved, beside the
 * default database: a malloc'd list of malloc'd paths (NULL-terminated),
 * or NULL when there are none. */
char **unsaved_left_over(void);
void unsaved_list_free(char **list);
/* Merges such a file into st when it fits there (each of its drafts is
 * one of st's: a dry run would add nothing and meet no conflict), and
 * removes it; *taken counts the answers that went in, *older those whose
 * stored answer was changed later (as unsaved_flush() counts them).
 * False, the file left alone, when it belongs elsewhere or cannot be
 * read. */
bool unsaved_take(struct store *st, const char *path, int *taken, int *older);

#endif
