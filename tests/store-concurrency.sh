#!/bin/sh
# store-concurrency.sh - four processes write to one (new) database at the
# same time; every write of each succeeds and is there afterwards.
. "$top_srcdir/tests/tap.sh"

tool=$top_builddir/tests/store_tool
[ -x "$tool" ] || skip_all "tests/store_tool was not built"

db=$T/shared.db
"$tool" "$db" add-companies A 200 >"$T/a.out" 2>"$T/a.err" & pa=$!
"$tool" "$db" add-companies B 200 >"$T/b.out" 2>"$T/b.err" & pb=$!
"$tool" "$db" write-answers X 200 >"$T/x.out" 2>"$T/x.err" & px=$!
"$tool" "$db" write-answers Y 200 >"$T/y.out" 2>"$T/y.err" & py=$!
wait $pa; sa=$?
wait $pb; sb=$?
wait $px; sx=$?
wait $py; sy=$?
for w in a b x y; do
	[ -s "$T/$w.err" ] && diag "$w: $(cat "$T/$w.err")"
done
expect_eq "writer A succeeded" 0 $sa
expect_eq "writer B succeeded" 0 $sb
expect_eq "answer writer X succeeded" 0 $sx
expect_eq "answer writer Y succeeded" 0 $sy

expect_eq "all 402 companies are there" 402 "$("$tool" "$db" count)"
"$tool" "$db" answers X >"$T/x.ans"
expect_eq "all 200 answers of X are there" 200 "$(wc -l <"$T/x.ans" | tr -d ' ')"
"$tool" "$db" answers Y >"$T/y.ans"
expect_eq "all 200 answers of Y are there" 200 "$(wc -l <"$T/y.ans" | tr -d ' ')"
expect_match "answer values are as written" "$T/y.ans" '^item\.199 4$'
"$tool" "$db" check >"$T/check" 2>&1
expect_eq "the integrity check passes" 0 $?

# A backup taken while another process writes is a sound, complete snapshot.
"$tool" "$db" add-companies C 300 >/dev/null 2>"$T/c.err" & pc=$!
"$tool" "$db" backup "$T/copy.db" 2>"$T/bak.err"
expect_eq "a backup during writes succeeds" 0 $?
wait $pc
expect_eq "the writer during the backup succeeded" 0 $?
"$tool" "$T/copy.db" check >"$T/check2" 2>&1
expect_eq "the backup passes the integrity check" 0 $?
n=$("$tool" "$T/copy.db" count)
if [ "$n" -ge 402 ] && [ "$n" -le 702 ]; then ok "the backup holds a consistent count ($n)"
else not_ok "the backup holds a consistent count ($n)"; fi

tap_done
