#!/bin/sh
# store-concurrency.sh - four processes write to one (new) database at the
# same time; every write of each succeeds and is there afterwards; two
# processes add and edit actions of one company at once and lose nothing.
. "$top_srcdir/tests/tap.sh"

tool=$top_builddir/tests/store_tool
[ -x "$tool" ] || skip_all "tests/store_tool was not built"

db=$(test_db shared)
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

# Two processes add actions to one company at once, each starting every
# action right after adding it: all 200 are there, numbered 1..200 without
# a gap or a number twice, each in progress with both changes kept.
adb=$(test_db actions)
gate=$T/actions-gate
"$tool" "$adb" actions-add "Plan GmbH" P 100 "$gate" >/dev/null 2>"$T/pa.err" & pa=$!
"$tool" "$adb" actions-add "Plan GmbH" Q 100 "$gate" >/dev/null 2>"$T/qa.err" & qa=$!
sleep 0.05
: >"$gate"
wait $pa; sa=$?
wait $qa; sq=$?
[ -s "$T/pa.err" ] && diag "P: $(cat "$T/pa.err")"
[ -s "$T/qa.err" ] && diag "Q: $(cat "$T/qa.err")"
expect_eq "the first adder of actions succeeded" 0 $sa
expect_eq "the second adder of actions succeeded" 0 $sq
"$tool" "$adb" actions "Plan GmbH" >"$T/actions1"
expect_eq "all 200 actions are there" 200 "$(wc -l <"$T/actions1" | tr -d ' ')"
expect_eq "numbered 1 to 200, each once" "$(seq 1 200 | tr '\n' ' ')" \
	"$(cut -d' ' -f1 "$T/actions1" | sort -n | tr '\n' ' ')"
expect_eq "each in progress, with its creation and its start" 200 \
	"$(grep -c '^[0-9]* in-progress 2 ' "$T/actions1")"
expect_eq "both adders' titles are there" "100 100" \
	"$(grep -c '|P-[0-9]*$' "$T/actions1") $(grep -c '|Q-[0-9]*$' "$T/actions1")"

# Then one process names who does each action while another gives each a
# date and marks it done, at the same time: every action keeps both.
gate=$T/edit-gate
"$tool" "$adb" actions-owner "Plan GmbH" Lena "$gate" 2>"$T/po.err" & po=$!
"$tool" "$adb" actions-close "Plan GmbH" 2026-05-01 "$gate" 2>"$T/pc.err" & pc=$!
sleep 0.05
: >"$gate"
wait $po; so=$?
wait $pc; sc=$?
[ -s "$T/po.err" ] && diag "owner: $(cat "$T/po.err")"
[ -s "$T/pc.err" ] && diag "close: $(cat "$T/pc.err")"
expect_eq "naming the owners succeeded" 0 $so
expect_eq "closing the actions at the same time succeeded" 0 $sc
"$tool" "$adb" actions "Plan GmbH" >"$T/actions2"
expect_eq "every action has its owner, its date and its status" 200 \
	"$(grep -cE '^([0-9]+) done 3 Lena \1\|2026-05-01\|[PQ]-[0-9]+$' "$T/actions2")"
"$tool" "$adb" check >"$T/check3" 2>&1
expect_eq "the integrity check passes after the edits" 0 $?

# Two smready processes at once: one adds companies, the other answers a
# whole questionnaire; every write of both is there afterwards.
sdb=$(test_db two)
"$SMREADY" --db "$sdb" company add "Zahnarztpraxis Zähringer" >/dev/null
aid=$("$SMREADY" --db "$sdb" assess "Zahnarztpraxis Zähringer" --fresh)
keys=$("$SMREADY" --db "$sdb" questions --json |
	sed -n 's/^ *"key": "\([a-z_]*\.[a-z_.]*\)",*$/\1/p')
nkeys=$(echo "$keys" | wc -l | tr -d ' ')
(
	i=0
	while [ $i -lt 40 ]; do
		"$SMREADY" --db "$sdb" company add "Firma $i" >/dev/null || exit 1
		i=$((i + 1))
	done
) 2>"$T/p1.err" & p1=$!
(
	v=0
	for k in $keys; do
		"$SMREADY" --db "$sdb" answer "$aid" "$k" $((v % 5)) --note "Notiz $k" || exit 1
		v=$((v + 1))
	done
) 2>"$T/p2.err" & p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
[ -s "$T/p1.err" ] && diag "$(cat "$T/p1.err")"
[ -s "$T/p2.err" ] && diag "$(cat "$T/p2.err")"
expect_eq "smready adding companies succeeded" 0 $s1
expect_eq "smready answering at the same time succeeded" 0 $s2
n=$("$SMREADY" --db "$sdb" companies --json | grep -c '"uuid"')
expect_eq "all 41 companies are there" 41 "$n"
"$SMREADY" --db "$sdb" report "$aid" --json >"$T/two.json"
n=$(grep -c '"note": "Notiz ' "$T/two.json")
expect_eq "all $nkeys answers with their notes are there" "$nkeys" "$n"

tap_done
