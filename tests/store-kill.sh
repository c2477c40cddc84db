#!/bin/sh
# store-kill.sh - an answer that was reported saved survives kill -9 of the
# process that saved it, and the database stays sound.
. "$top_srcdir/tests/tap.sh"

tool=$top_builddir/tests/store_tool
[ -x "$tool" ] || skip_all "tests/store_tool was not built"
command -v mkfifo >/dev/null 2>&1 || skip_all "mkfifo is not available"

db=$T/kill.db
mkfifo "$T/stdin"
# Hold the fifo open read-write so the tool's read blocks instead of ending.
exec 3<>"$T/stdin"
"$tool" "$db" kill-between Firma <"$T/stdin" >"$T/out" 2>"$T/err" &
pid=$!

i=0
while [ $i -lt 200 ] && ! grep -q '^saved 1$' "$T/out" 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
expect_match "the tool saved the first answer" "$T/out" '^saved 1$'

kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
status=$?
exec 3>&-
expect_eq "the tool was killed by signal 9" 137 "$status"
expect_no_match "the second answer was never saved" "$T/out" '^saved 2$'
check "the killed process left its log behind (no clean close)" test -s "$db-wal"

"$tool" "$db" answers Firma >"$T/answers" 2>"$T/err2"
expect_eq "reading after the kill works" 0 $?
expect_match "answer 1 is in the database" "$T/answers" '^item\.1 1$'
expect_no_match "answer 2 is not" "$T/answers" '^item\.2 '
"$tool" "$db" check >"$T/check" 2>&1
expect_eq "the integrity check passes" 0 $?
expect_match "the integrity check says ok" "$T/check" '^ok$'

tap_done
