#!/bin/sh
# e2e-discard.sh - an empty draft is never stuck: a re-check asked for over
# a draft nothing was given in offers to start over from the last final
# answers, and a draft can be discarded from the history (asks first) and
# from the command line.
. "$top_srcdir/tests/e2e-lib.sh"

db=$T/db
s() { "$SMREADY" --db "$db" "$@"; }
s company add "Praxis Süd" >/dev/null || not_ok "setup"
id=$(s assess "Praxis Süd" 2>/dev/null)
for k in goals.purpose goals.business resources.long_term; do s answer "$id" $k 3 >/dev/null; done
s finish "$id" >/dev/null 2>&1

e2e_start
expect_screen "portfolio" "Praxis Süd"
# The slip: a new assessment started and left at once.
send n
expect_screen "assessor question" "who makes this assessment"
send Enter
expect_screen "an empty draft" "Answered 0 of 26"
send Escape
expect_screen "back, the company shows its draft" "draft"
send r
expect_screen "the re-check offers to start over" "The open draft has no answers of its own yet"
send y
expect_screen "the re-check starts from the last answers" "3 carried to confirm"
send Escape
expect_screen "portfolio again" "Praxis Süd"
send Enter
expect_screen "history" "History: Praxis Süd"
send D
expect_screen "discard asks first" "Discard the draft of"
send n
expect_screen "no: it stays" "draft"
send D
expect_screen "discard asks again" "Discard the draft of"
send y
expect_screen "discarded, with how many answers" "Draft discarded with 3 answers."
wait_count " final " 1
screen >"$T/h.txt"
expect_no_match "the history holds no draft now" "$T/h.txt" ' draft '
send Down
send D
expect_screen "a final assessment is not discarded" "Only a draft can be discarded"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

r() { "$SMREADY" --db "$db" "$@" >"$T/out" 2>"$T/err" </dev/null; }
s assess "Praxis Süd" >/dev/null 2>&1
expect_status "discard without a terminal and without --yes is refused" 1 r discard "Praxis Süd"
expect_match "it says to add --yes" "$T/err" 'add --yes'
expect_status "discard --yes" 0 r discard "Praxis Süd" --yes
expect_match "it says what went" "$T/out" '^Discarded the draft of "Praxis Süd" with 3 answers\.$'
expect_status "no draft left to discard" 1 r discard "Praxis Süd" --yes
s reopen "Praxis Süd" --reason "Tippfehler" >/dev/null 2>&1
expect_status "a reopened final assessment is not discarded" 1 r discard "Praxis Süd" --yes
expect_match "finish it again instead" "$T/err" 'finish it again'
tap_done
