/*
 * store-seen.c - the sets of UUIDs an import has met in its file
 * (companies and assessments, told apart by kind), kept in a temporary
 * table so that a long file costs SQLite's page cache, not the heap.
 */
#include "config.h"

#include "store-int.h"

/* The UUIDs an import has met in its file, in a temporary table: the memory
 * they take stays within SQLite's page cache however long the file is.
 * The table lives as long as the connection and is emptied for each
 * import; its statements stay prepared. */
enum store_err store_seen_open(struct store *st)
{
	enum store_err err = q_exec(st, "CREATE TEMP TABLE IF NOT EXISTS smready_seen ("
	                            " kind INTEGER NOT NULL, uuid BLOB NOT NULL,"
	                            " tag INTEGER NOT NULL, PRIMARY KEY (kind, uuid))"
	                            " WITHOUT ROWID");
	sqlite3_stmt *s;

	if (err != STORE_OK)
		return err;
	s = q_prep(st, "DELETE FROM temp.smready_seen");
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

static void b_uuid(sqlite3_stmt *s, const char *name, const char *uuid)
{
	unsigned char b[16];

	uuid_bytes(uuid, b);
	sqlite3_bind_blob(s, sqlite3_bind_parameter_index(s, name), b, sizeof b, SQLITE_TRANSIENT);
}

enum store_err store_seen_find(struct store *st, int kind, const char *uuid, long long *tag)
{
	sqlite3_stmt *s = q_prep(st, "SELECT tag FROM temp.smready_seen"
	                             " WHERE kind = :k AND uuid = :u");

	if (!s)
		return STORE_ERROR;
	b_int(s, ":k", kind);
	b_uuid(s, ":u", uuid);
	return q_int1(st, s, tag);
}

enum store_err store_seen_add(struct store *st, int kind, const char *uuid, long long tag,
                              long long *had)
{
	sqlite3_stmt *s = q_prep(st, "INSERT INTO temp.smready_seen (kind, uuid, tag)"
	                             " VALUES (:k, :u, :t) ON CONFLICT DO NOTHING");
	enum store_err err;

	if (!s)
		return STORE_ERROR;
	b_int(s, ":k", kind);
	b_uuid(s, ":u", uuid);
	b_int(s, ":t", tag);
	err = q_run(st, s);
	if (err == STORE_OK && sqlite3_changes(st->db) == 0) {
		err = store_seen_find(st, kind, uuid, had);
		if (err == STORE_OK)
			err = STORE_EXISTS;
	}
	return err;
}

