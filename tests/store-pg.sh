#!/bin/sh
# store-pg.sh - the database drivers' cases (tests/check_drv) on a
# throwaway PostgreSQL server of the suite's own, beside SQLite: both
# engines must behave alike where the store relies on it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/pg-lib.sh"

if ! grep -q '^#define HAVE_POSTGRESQL 1' "$top_builddir/config.h"; then
	# configure said so loudly (--without-postgresql); nothing to run
	skip_all "built without PostgreSQL (configure --without-postgresql)"
fi
pg_start
# The program does not link libpq (a dozen libraries every run on a file
# would load); the driver is the module smready-pg.so beside it.
if command -v ldd >/dev/null 2>&1; then
	expect_no_match "smready does not link libpq" \
		"$(ldd "$SMREADY" > "$T/ldd" 2>&1; echo "$T/ldd")" 'libpq'
fi
check "the module is built beside it" test -f "$top_builddir/smready-pg.so"
"$SMREADY" --db "$PG_CONNINFO" companies >"$T/c" 2>&1
expect_eq "and a server's database opens through it" 0 $?
SMREADY_TEST_PG="$PG_CONNINFO" "$top_builddir/tests/check_drv" >"$T/out" 2>&1; st=$?
expect_eq "every driver case passes on both engines" 0 "$st"
sed -n 's/^not ok/# not ok/p' "$T/out"
expect_eq "each engine case ran twice, once per engine" 6 \
	"$(grep -c 'test_params_and_rows\|test_transactions\|test_errors' "$T/out")"
# The store's own suite: the tests that reach the database only through
# the store run a second time, on the server (tcase "pg").
SMREADY_TEST_PG="$PG_CONNINFO" "$top_builddir/tests/check_store" >"$T/store" 2>&1; st=$?
expect_eq "the store's suite passes on PostgreSQL as on SQLite" 0 "$st"
sed -n 's/^not ok/# not ok/p' "$T/store"
expect_eq "and its engine-neutral cases ran on the server, and the lost connection" 35 \
	"$(grep -c '^ok .*:pg:' "$T/store")"
# A connection error names the place, never a password.
SMREADY_TEST_PG="host=$PG_DIR dbname=nosuchdb user=smready password=Geheim123" \
	"$top_builddir/tests/check_drv" >"$T/bad" 2>&1
expect_match "a connection to a database that is not there fails, saying why" "$T/bad" 'nosuchdb'
expect_no_match "and never prints the password" "$T/bad" 'Geheim123'

# ---- users without rights: each told what is missing, in a sentence -------
psql_do() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@" >"$T/psql" 2>&1 || cat "$T/psql"; }
psql_do "$PG_CONNINFO" -c "CREATE DATABASE shop" -c "CREATE DATABASE bare" \
	-c "CREATE ROLE reader LOGIN" -c "CREATE ROLE outsider LOGIN"
shop="host=$PG_DIR dbname=shop"
"$SMREADY" --db "$shop user=smready" demo >/dev/null 2>&1
psql_do "$shop user=smready" -c "GRANT USAGE ON SCHEMA public TO reader" \
	-c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader"
psql_do "host=$PG_DIR dbname=bare user=smready" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC"
LC_ALL=C "$SMREADY" --db "$shop user=outsider" companies >"$T/o" 2>&1
expect_eq "a user who may not read the tables: exit 3" 3 $?
expect_match "and told that they may not read, not that they may only read" "$T/o" \
	"does not let this user read smready's data \\(permission denied for table smready_meta\\)"
LC_ALL=C "$SMREADY" --db "host=$PG_DIR dbname=bare user=outsider" companies >"$T/o" 2>&1
expect_eq "an empty database the user may not create tables in: exit 3" 3 $?
expect_match "and told to run smready once as its owner" "$T/o" \
	"has no smready tables yet, and this user may not create them \\(permission denied for schema public\\)\\. Run smready on it once as the database's owner"
expect_no_match "without the server's statement and its caret" "$T/o" 'CREATE TABLE|LINE 1|ERROR:'
LC_ALL=C "$SMREADY" --db "$shop user=reader" companies >"$T/o" 2>&1
expect_eq "a user who may only read reads" 0 $?
expect_match "the portfolio" "$T/o" 'Morgenrot'
LC_ALL=C "$SMREADY" --db "$shop user=reader" company add "Neu GmbH" >"$T/o" 2>&1
expect_eq "and a write is refused before it is tried" 1 $?
expect_match "saying that this user may only read" "$T/o" \
	"lets this user only read, so nothing can be saved"
LC_ALL=C "$SMREADY" --db "$shop user=smready" companies >"$T/o" 2>&1
expect_no_match "and nothing was added" "$T/o" 'Neu GmbH'
tap_done
