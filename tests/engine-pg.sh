#!/bin/sh
# engine-pg.sh - the tests of processes writing at once (concurrency,
# races of two consultants in one draft, kill -9 between two answers),
# the command-line tests and one end-to-end test (the action plan's loop
# in German, kill -9 included) a second time, on a throwaway PostgreSQL
# server: each script's databases are new databases
# there (test_db in tap.sh), and cli-exchange moves data between a file
# and the server.  The results are numbered anew, each named "[pg]".
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/pg-lib.sh"

if ! grep -q '^#define HAVE_POSTGRESQL 1' "$top_builddir/config.h"; then
	# configure said so loudly (--without-postgresql); nothing to run
	skip_all "built without PostgreSQL (configure --without-postgresql)"
fi
pg_start

for script in store-concurrency store-races store-kill cli-basic cli-store cli-plan cli-report \
		cli-exchange e2e-plan; do
	SMREADY_TEST_PG="$PG_CONNINFO" sh "$top_srcdir/tests/$script.sh" >"$T/$script.tap" 2>"$T/$script.err"
	st=$?
	before=$tap_n
	# "ok N - what" becomes one line of this file's own
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "[pg] $script: ${line#ok * - }" ;;
		"not ok "*) not_ok "[pg] $script: ${line#not ok * - }" ;;
		"Bail out!"*) not_ok "[pg] $script: ${line#Bail out! }" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$T/$script.tap"
	if [ "$st" != 0 ] || [ "$tap_n" = "$before" ]; then
		not_ok "[pg] $script ran to its end (exit status $st)"
		sed 's/^/# /' "$T/$script.err" | tail -20
	fi
done
tap_done
