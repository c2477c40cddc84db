#!/bin/sh
# store-pg-writers.sh - ten processes write to one PostgreSQL database at
# the same time, 1,000 writes each (five add companies, five answer in
# drafts of their own), on a throwaway server: every write is there
# afterwards, none lost, none twice.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/pg-lib.sh"

if ! grep -q '^#define HAVE_POSTGRESQL 1' "$top_builddir/config.h"; then
	# configure said so loudly (--without-postgresql); nothing to run
	skip_all "built without PostgreSQL (configure --without-postgresql)"
fi
tool=$top_builddir/tests/store_tool
[ -x "$tool" ] || skip_all "tests/store_tool was not built"
pg_start
db="$PG_CONNINFO"
N=1000

pids=
for w in 1 2 3 4 5; do
	"$tool" "$db" add-companies "C$w" $N >/dev/null 2>"$T/c$w.err" & pids="$pids $!"
	"$tool" "$db" write-answers "W$w" $N >/dev/null 2>"$T/w$w.err" & pids="$pids $!"
done
failed=0
for p in $pids; do
	wait "$p" || failed=$((failed + 1))
done
for f in "$T"/*.err; do
	[ -s "$f" ] && diag "$(basename "$f"): $(head -3 "$f")"
done
expect_eq "all ten writers succeeded" 0 "$failed"
# five companies of each answering writer's draft, besides the added ones
expect_eq "all 5,000 companies added are there, and the five answered" 5005 \
	"$("$tool" "$db" count)"
total=0
for w in 1 2 3 4 5; do
	"$tool" "$db" answers "W$w" | sed "s/^/W$w /" >"$T/w$w.ans"
	n=$(wc -l <"$T/w$w.ans" | tr -d ' ')
	total=$((total + n))
	[ "$n" = $N ] || diag "W$w: $n answers"
done
expect_eq "all 5,000 answers are there" 5000 "$total"
expect_eq "each once, with the value written" 5000 \
	"$(cat "$T"/w*.ans | sort -u | grep -c '^W[1-5] item\.[0-9]* [0-4]$')"
"$tool" "$db" check >"$T/check" 2>&1
expect_eq "the server's checks pass" 0 $?
tap_done
