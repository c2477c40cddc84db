#!/bin/sh
# e2e-recheck: a re-check starts from the previous answers (marked as
# carried), some are changed, one is confirmed, the rest changed; the
# comparison screen shows the right deltas, the resolved knock-out and the
# level change.
. "$top_srcdir/tests/e2e-lib.sh"

db="$T/db"
cli() { "$SMREADY" --db "$db" "$@"; }

# The first assessment, made on the command line: every item "partly",
# except "no goal at all", which fires the goal knock-out.
cli company add "Müller & Söhne GmbH" >/dev/null || { not_ok "company add"; tap_done; }
keys=$(cli questions | sed -n 's/^  \([a-z][a-z_-]*\.[a-z_-]*\)  *weight.*/\1/p')
n=$(echo "$keys" | wc -l)
first=$(cli assess "Müller & Söhne GmbH" 2>/dev/null | tr -cd '0-9')
for k in $keys; do
	v=2
	[ "$k" = goals.purpose ] && v=0
	cli answer "$first" "$k" "$v" >/dev/null || not_ok "answer $k"
done
cli note "$first" goals.business "Ziel: mehr Aufträge" >/dev/null
cli finish "$first" >/dev/null
expect_eq "first assessment is final" final \
	"$(cli history --json "Müller & Söhne GmbH" | sed -n 's/.*"status": "\(.*\)".*/\1/p' | head -1)"

e2e_start
expect_screen "company in the portfolio" "Müller & Söhne GmbH"
send r
expect_screen "re-check asks who makes it" "Assessor: who makes this re-check?"
send Enter
expect_screen "re-check says answers are carried" "Re-check started"
expect_screen "all answers carried" "$n carried to confirm"
expect_screen "carried answer explained" "Carried over from last time"

send 4                # 1.1 goals.purpose: 0 -> 4, resolves the knock-out
expect_screen "carried count goes down" "$((n - 1)) carried to confirm"
send 0                # 1.2 goals.business: 2 -> 0, worse
send Enter            # 1.3: confirmed unchanged
expect_screen "confirming counts too" "$((n - 3)) carried to confirm"
i=3
while [ $i -lt "$n" ]; do
	send 3
	i=$((i + 1))
done
expect_screen "nothing left to confirm" "Answered $n of $n"
wait_gone "carried to confirm"
expect_not_screen "no carried marks left" "carried to confirm"

send f
expect_screen "finish asks" "Finish and score the assessment now?"
send y
expect_screen "result of the re-check" "Final assessment no. 2 of"
send Escape
expect_screen "back in the portfolio" "Companies"
send Enter
expect_screen "history lists both" "final"
wait_count " final " 2
screen > "$T/hist.txt"
expect_eq "two final assessments listed" 2 "$(grep -c ' final ' "$T/hist.txt")"
send c
expect_screen "comparison opens" "Comparison: Müller & Söhne GmbH"
screen > "$T/cmp.txt"

# What the command line computes for the same two assessments.
cli compare "Müller & Söhne GmbH" --json > "$T/cmp.json"
old=$(sed -n '/^  "from"/,/}/s/.*"overall": \([0-9]*\).*/\1/p' "$T/cmp.json")
new=$(sed -n '/^  "to"/,/}/s/.*"overall": \([0-9]*\).*/\1/p' "$T/cmp.json")
if [ -n "$old" ] && [ -n "$new" ]; then
	expect_match "overall old -> new with delta" "$T/cmp.txt" "Overall +$old → $new +▲ \\+$((new - old))"
else
	not_ok "overall scores from compare --json"; sed 's/^/# /' "$T/cmp.json" | head -30
fi
expect_match "level moved up from not ready" "$T/cmp.txt" 'Level +Not ready → .*▲ better'
expect_match "goal knock-out resolved" "$T/cmp.txt" '✓ resolved: '
expect_match "item counts" "$T/cmp.txt" "Items: $((n - 2)) better, 1 worse, 1 unchanged, 0 not comparable"
expect_match "goals dimension has a change" "$T/cmp.txt" '^ Goals +[0-9]+ +[0-9]+ +▲ \+[0-9]+'

# Find the worse item and both notes further down.
send End
expect_screen "worse item told by symbol and word" "▼ worse 1.2"
expect_screen "old note shown with the change" "Note before: Ziel: mehr Aufträge"
expect_screen "unchanged folded" "1 unchanged item hidden"
send u
expect_screen "unchanged shown on request" "= same 1.3"

send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
