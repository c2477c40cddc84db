/*
 * store-seen.c - the sets of UUIDs an import has met in its file
 * (companies and assessments, told apart by kind), kept in a temporary
 * table so that a long file costs SQLite's page cache, not the heap.
 */
#include "config.h"

#include "store-int.h"

#include <string.h>

/* The UUIDs an import has met in its file, in a temporary table: the memory
 * they take stays within SQLite's page cache however long the file is.
 * The table lives as long as the connection and is emptied for each
 * import; its statements stay prepared. */
#define SEEN_TABLE "CREATE TEMP TABLE IF NOT EXISTS smready_seen (" \
	" kind INTEGER NOT NULL, hi BIGINT NOT NULL, lo BIGINT NOT NULL," \
	" tag BIGINT NOT NULL, PRIMARY KEY (kind, hi, lo))"

enum store_err store_seen_open(struct store *st)
{
	enum store_err err = q_exec(st, st->pg ? SEEN_TABLE : SEEN_TABLE " WITHOUT ROWID");
	struct drv_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "DELETE FROM smready_seen");
	return s ? q_run(st, s) : STORE_ERROR;
}

/* The 16 bytes of a UUID in its 36-character form (checked by the caller). */
static void uuid_bytes(const char *uuid, unsigned char out[16])
{
	size_t o = 0;

	for (size_t i = 0; uuid[i] && uuid[i + 1] && o < 16; i++) {
		int hi, lo;

		if (uuid[i] == '-')
			continue;
		hi = uuid[i] <= '9' ? uuid[i] - '0' : (uuid[i] | 0x20) - 'a' + 10;
		lo = uuid[i + 1] <= '9' ? uuid[i + 1] - '0' : (uuid[i + 1] | 0x20) - 'a' + 10;
		out[o++] = (unsigned char)(hi << 4 | lo);
		i++;
	}
	while (o < 16)
		out[o++] = 0;
}

/* Binds the UUID as its two halves, :hi and :lo, 64-bit integers each:
 * as small as 16 bytes and the same on both engines. */
static void b_uuid(struct drv_stmt *s, const char *uuid)
{
	unsigned char b[16];
	unsigned long long hi = 0, lo = 0;
	long long h, l;

	uuid_bytes(uuid, b);
	for (int i = 0; i < 8; i++) {
		hi = hi << 8 | b[i];
		lo = lo << 8 | b[8 + i];
	}
	/* the bits as a signed BIGINT: only equality counts */
	memcpy(&h, &hi, sizeof h);
	memcpy(&l, &lo, sizeof l);
	b_int(s, ":hi", h);
	b_int(s, ":lo", l);
}

enum store_err store_seen_find(struct store *st, int kind, const char *uuid, long long *tag)
{
	struct drv_stmt *s = q_prep(st, "SELECT tag FROM smready_seen"
	                             " WHERE kind = :k AND hi = :hi AND lo = :lo");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":k", kind);
	b_uuid(s, uuid);
	return q_int1(st, s, tag);
}

enum store_err store_seen_add(struct store *st, int kind, const char *uuid, long long tag,
                              long long *had)
{
	struct drv_stmt *s = q_prep(st, "INSERT INTO smready_seen (kind, hi, lo, tag)"
	                             " VALUES (:k, :hi, :lo, :t) ON CONFLICT DO NOTHING");
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":k", kind);
	b_uuid(s, uuid);
	b_int(s, ":t", tag);
	err = q_run(st, s);
	if (err == STORE_OK && db_changes(st) == 0) {
		err = store_seen_find(st, kind, uuid, had);
		if (err == STORE_OK)
			err = STORE_EXISTS;
	}
	return err;
}

