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
expect_eq "and its engine-neutral cases ran on the server, and the lost connection" 33 \
	"$(grep -c '^ok .*:pg:' "$T/store")"
# A connection error names the place, never a password.
SMREADY_TEST_PG="host=$PG_DIR dbname=nosuchdb user=smready password=Geheim123" \
	"$top_builddir/tests/check_drv" >"$T/bad" 2>&1
expect_match "a connection to a database that is not there fails, saying why" "$T/bad" 'nosuchdb'
expect_no_match "and never prints the password" "$T/bad" 'Geheim123'
tap_done
