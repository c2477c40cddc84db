#!/bin/sh
# store-races.sh - read-then-write operations are atomic across processes:
# two processes starting an assessment of one company at the same moment
# end with one draft, and finishing while another process keeps answering
# leaves a cached score that is the score of the stored answers.
. "$top_srcdir/tests/tap.sh"

tool=$top_builddir/tests/store_tool
[ -x "$tool" ] || skip_all "tests/store_tool was not built"

db=$(test_db race)
rounds=40

# Both processes open the database, wait for the gate, then start at once.
two_drafts=0
i=0
while [ $i -lt $rounds ]; do
	"$SMREADY" --db "$db" company add "Firma $i" >/dev/null || break
	gate=$T/gate-$i
	"$tool" "$db" start "Firma $i" "$gate" >"$T/s1" 2>"$T/e1" & p1=$!
	"$tool" "$db" start "Firma $i" "$gate" >"$T/s2" 2>"$T/e2" & p2=$!
	sleep 0.05
	: >"$gate"
	wait $p1; s1=$?
	wait $p2; s2=$?
	if [ $s1 -ne 0 ] || [ $s2 -ne 0 ]; then
		diag "round $i: $(cat "$T/e1" "$T/e2")"
		break
	fi
	n=$("$tool" "$db" drafts "Firma $i")
	[ "$n" = 1 ] || two_drafts=$((two_drafts + 1))
	[ "$(cat "$T/s1")" = "$(cat "$T/s2")" ] || two_drafts=$((two_drafts + 1))
	i=$((i + 1))
done
expect_eq "all $rounds rounds of two starts at once ran" $rounds $i
expect_eq "every company has exactly one draft, the same for both processes" 0 $two_drafts

# Finishing while another process answers: the cached score always agrees
# with the answers that were stored.
wrong=0
i=0
while [ $i -lt $rounds ]; do
	name="Endspurt $i"
	"$SMREADY" --db "$db" company add "$name" >/dev/null || break
	id=$("$SMREADY" --db "$db" assess "$name" --fresh 2>/dev/null) || break
	"$SMREADY" --db "$db" answer "$id" goals.purpose 2 || break
	gate=$T/fin-$i
	"$tool" "$db" churn "$id" "$gate" 5 2>"$T/e1" & p1=$!
	"$tool" "$db" finish "$id" "$gate" 2>"$T/e2" & p2=$!
	sleep 0.05
	: >"$gate"
	wait $p1; s1=$?
	wait $p2; s2=$?
	if [ $s1 -ne 0 ] || [ $s2 -ne 0 ]; then
		diag "round $i: $(cat "$T/e1" "$T/e2")"
		break
	fi
	"$tool" "$db" verify "$id" >"$T/v" 2>&1 || { wrong=$((wrong + 1)); diag "$(cat "$T/v")"; }
	i=$((i + 1))
done
expect_eq "all $rounds finishes during answering ran" $rounds $i
expect_eq "every cached score is the score of the stored answers" 0 $wrong

"$tool" "$db" check >/dev/null 2>&1
expect_eq "the database is sound afterwards" 0 $?
tap_done
