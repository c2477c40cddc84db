#!/bin/sh
# store-kill.sh - an answer, and a change of an action's status, that was
# reported saved survives kill -9 of the process that saved it, and the
# database stays sound.
. "$top_srcdir/tests/tap.sh"

tool=$top_builddir/tests/store_tool
[ -x "$tool" ] || skip_all "tests/store_tool was not built"
command -v mkfifo >/dev/null 2>&1 || skip_all "mkfifo is not available"

db=$(test_db kill)
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
on_sqlite && check "the killed process left its log behind (no clean close)" test -s "$db-wal"

"$tool" "$db" answers Firma >"$T/answers" 2>"$T/err2"
expect_eq "reading after the kill works" 0 $?
expect_match "answer 1 is in the database" "$T/answers" '^item\.1 1$'
expect_no_match "answer 2 is not" "$T/answers" '^item\.2 '
"$tool" "$db" check >"$T/check" 2>&1
expect_eq "the integrity check passes" 0 $?
expect_match "the integrity check says ok" "$T/check" '^ok$'

# A change of an action's status that was reported saved survives it too.
mkfifo "$T/stdin2"
exec 4<>"$T/stdin2"
"$tool" "$db" action-kill Plan <"$T/stdin2" >"$T/aout" 2>"$T/aerr" &
pid=$!
i=0
while [ $i -lt 200 ] && ! grep -q '^saved done$' "$T/aout" 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
expect_match "the tool marked the action done" "$T/aout" '^saved done$'
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
status=$?
exec 4>&-
expect_eq "the tool was killed by signal 9 after the status change" 137 "$status"
expect_no_match "the next change was never saved" "$T/aout" '^saved dropped$'
"$tool" "$db" actions Plan >"$T/actions" 2>"$T/err3"
expect_eq "reading the actions after the kill works" 0 $?
expect_match "the action is done, with its creation and the change kept" "$T/actions" \
	'^1 done 2 \|\|Bis zum Ende$'
"$tool" "$db" check >"$T/check" 2>&1
expect_eq "the integrity check passes after the second kill" 0 $?

tap_done
