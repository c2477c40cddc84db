#!/bin/sh
# e2e-history: in a company's history, mark two assessments and compare
# them (dates and deltas as "smready compare --json" has them); reopen a
# final assessment with a reason; write its summary note; name the
# assessor when starting a re-check and change it on the form; and read
# the comparison's state without colour (NO_COLOR=1).
. "$top_srcdir/tests/e2e-lib.sh"

export TZ=UTC            # the screen's local dates are the JSON's UTC dates
db="$T/db"
cli() { "$SMREADY" --db "$db" "$@"; }
B="Bäckerei Morgenrot (Beispiel)"
K="Tischlerei Kranich (Beispiel)"

cli demo >/dev/null 2>&1 || { not_ok "demo data"; tap_done; }

# Field values of the company's assessments, newest first.
hist_field() {
	cli history --json "$1" | sed -n "s/^      \"$2\": \"*\([^\",]*\)\"*,*\$/\1/p"
}
ids=$(hist_field "$B" id)
dates=$(hist_field "$B" completed | cut -c1-10)
newest=$(echo "$ids" | sed -n 1p)
nums=$(hist_field "$B" number)
second=$(echo "$nums" | sed -n 2p)    # numbers within the company, for compare
oldest=$(echo "$nums" | tail -1)
d_second=$(echo "$dates" | sed -n 2p)
d_oldest=$(echo "$dates" | tail -1)
expect_eq "the sample company has four final assessments" 4 "$(echo "$ids" | wc -l)"

# "▲ +5", "▼ -5" or "= 0", as the screen writes a change (as a regex).
delta_text() {
	if [ "$1" -gt 0 ]; then echo "▲ \\+$1"
	elif [ "$1" -lt 0 ]; then echo "▼ $1"
	else echo "= 0"; fi
}

e2e_start
expect_screen "portfolio" "$B"
send Enter
expect_screen "history opens" "Overall score over time"

# ---- mark the oldest, compare with the second newest ---------------------
send End Space
expect_screen "marking says what to do next" "Marked. Move to another assessment"
send Home Down c
expect_screen "comparison of the two marked ones opens" "Comparison: $B"
expect_screen "comparison header names both dates" "Before: $d_oldest   Now: $d_second"
screen > "$T/cmp.txt"
cli compare "$B" "$oldest" "$second" --json > "$T/cmp.json"
od=$(sed -n 's/^  "overall_delta": \(-*[0-9]*\),$/\1/p' "$T/cmp.json")
old=$(sed -n '/^  "from"/,/}/s/.*"overall": \([0-9]*\).*/\1/p' "$T/cmp.json")
new=$(sed -n '/^  "to"/,/}/s/.*"overall": \([0-9]*\).*/\1/p' "$T/cmp.json")
if [ -n "$od" ] && [ -n "$old" ] && [ -n "$new" ]; then
	expect_match "overall scores and change as compare --json has them" "$T/cmp.txt" \
		"^ Overall +$old → $new +$(delta_text "$od")\$"
else
	not_ok "overall_delta in compare --json"; sed 's/^/# /' "$T/cmp.json" | head -40
fi
want=$(sed -n '/"dimensions"/,/\]/s/.*"delta": \(-*[0-9]*\).*/\1/p' "$T/cmp.json" | tr '\n' ' ')
got=$(sed -n '/^ Dimension /,/^ *$/p' "$T/cmp.txt" | sed -n 's/.*[▲▼=] +*\(-*[0-9][0-9]*\) *$/\1/p' | tr '\n' ' ')
expect_eq "every dimension's change as compare --json has it" "$want" "$got"
send Escape
wait_for "Overall score over time"

# ---- reopen the newest final one, with a reason ----------------------------
send Home o
expect_screen "reopen asks why" "Why reopen this assessment?"
send Enter
expect_screen "an empty reason is refused" "Please give a reason"
send_text "Zahlen vom Steuerbüro kamen später"
send Enter
expect_screen "reopened into the form" "Reopened as a draft"
expect_screen "the form shows the draft" "Answered "
cli history --json "$B" > "$T/h.json"
expect_eq "history --json: the newest is a draft now" draft "$(hist_field "$B" status | sed -n 1p)"
expect_eq "history --json: it was reopened once" 1 "$(hist_field "$B" reopened | sed -n 1p)"
expect_eq "history --json: still the same assessment" "$newest" "$(hist_field "$B" id | sed -n 1p)"

# ---- the summary note ------------------------------------------------------
send s
expect_screen "summary asks" "Summary of the assessment"
send_text "Gute Basis; die Richtlinie fehlt noch."
send Enter
expect_screen "summary saved" "Summary saved."
cli report --json "$newest" > "$T/r.json"
expect_match "report --json has the summary" "$T/r.json" \
	'^    "summary": "Gute Basis; die Richtlinie fehlt noch\.",$'
send f
expect_screen "finish asks" "Finish"
send y
expect_screen "result of the finished assessment" "Final assessment no. 4 of"
expect_screen "result shows the summary heading" " Summary"
expect_screen "result shows the summary" "Gute Basis; die Richtlinie fehlt noch."
send s
expect_screen "a final summary is not edited silently" "reopen it first (o)"
expect_not_screen "no summary prompt on a final one" "Summary of the assessment"

# ---- the assessor: asked when starting, changed on the form ----------------
send Escape
wait_for "Overall score over time"
send Escape
wait_for "$K"
send End
n_before=$(hist_field "$K" id | wc -l)
send n
expect_screen "a new assessment asks who makes it" "Assessor: who makes this assessment?"
expect_screen "prefilled with the last assessor" "│ Beispiel-Beratung "
send Escape
wait_gone "who makes this"
expect_eq "Esc starts nothing" "$n_before" "$(hist_field "$K" id | wc -l)"
send r
expect_screen "a re-check asks too" "Assessor: who makes this re-check?"
send C-u
send_text "Anna Becker"
send Enter
expect_screen "re-check started" "Re-check started"
expect_screen "the form's header names the assessor" "Anna Becker"
draft=$(hist_field "$K" id | sed -n 1p)
expect_eq "one assessment more" "$((n_before + 1))" "$(hist_field "$K" id | wc -l)"
cli report --json "$draft" > "$T/k.json"
expect_match "report --json has the assessor" "$T/k.json" '^    "assessor": "Anna Becker",$'
send a
expect_screen "the form's key changes the assessor" "Assessor: who makes this assessment?"
send C-u
send_text "Jörg Weiß"
send Enter
expect_screen "assessor saved" "Assessor saved."
expect_screen "header shows the new assessor" "Jörg Weiß"
cli report --json "$draft" > "$T/k.json"
expect_match "report --json has the changed assessor" "$T/k.json" '^    "assessor": "Jörg Weiß",$'
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

# ---- NO_COLOR: no colour at all, the state still in words and arrows -------
# colour_codes: the screen's SGR sequences that set a colour.
colour_codes() {
	screen_attrs | grep -Ec "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48|9[0-7])(;[0-9;]*)?m"
}
open_comparison() {
	e2e_start "$@"
	wait_for "$B"
	send Enter
	wait_for "Overall score over time"
	send End Space Home Down c
	wait_for "Comparison: $B"
}
open_comparison
if [ "$(colour_codes)" -gt 0 ]; then ok "with colours: the screen has colours (the check below can see them)"
else not_ok "with colours: the screen has colours (the check below can see them)"; fi
send q
e2e_wait_exit >/dev/null
open_comparison NO_COLOR=1
expect_eq "NO_COLOR=1: no colour on the screen" 0 "$(colour_codes)"
expect_screen "NO_COLOR=1: change written as arrow and word" "▲ better"
expect_screen "NO_COLOR=1: level change in words" "Level "
expect_screen "NO_COLOR=1: scores with arrows" "→"
send q
expect_eq "NO_COLOR=1: quits cleanly" 0 "$(e2e_wait_exit)"

# ---- a server's backup opened as a file: who made each assessment --------
# (a backup keeps the database users of the events; here they are set by hand)
cp "$db" "$T/backup.db"
sqlite3 "$T/backup.db" "UPDATE assessment_events SET who = 'lena' WHERE assessment_id IN
	(SELECT a.id FROM assessments a JOIN companies c ON c.id = a.company_id
	 WHERE c.name = '$K')" || not_ok "who set in the copy"
E2E_DB_WAS=$E2E_DB
E2E_DB="$T/backup.db"
e2e_start
wait_for "$K"
send End Enter                  # the last in name order
wait_for "History: $K"
expect_screen "the copy's history names who started the draft" "Started by lena"
send Down
expect_screen "and who started and finished a final one" "Started and finished by lena"
send Esc
wait_for "$B"
send Home Enter
wait_for "History: $B"
expect_not_screen "and a company without users has no such line" "finished by"
send q
expect_eq "the copy quits cleanly" 0 "$(e2e_wait_exit)"
E2E_DB=$E2E_DB_WAS
tap_done
