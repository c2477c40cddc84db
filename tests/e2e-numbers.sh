#!/bin/sh
# e2e-numbers.sh - in German: the history numbers a company's assessments
# (Nr. 1 for the first) as the reports and "report COMPANY N" do; after a
# re-check started there, the cursor is on the new draft, so Enter opens
# it and not the one it came from; a reopening shows when and why, on the
# line under the history and on the result screen.
. "$top_srcdir/tests/e2e-lib.sh"

have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
E2E_LANG=de_DE.UTF-8

db=$T/db
s() { LANG=C.UTF-8 "$SMREADY" --db "$db" "$@"; }
s company add "Praxis Süd" >/dev/null || not_ok "setup"
for q in 1 2; do
	id=$(s assess "Praxis Süd" 2>/dev/null)
	for k in goals.purpose goals.business resources.long_term; do
		s answer "$id" $k $((q + 1)) >/dev/null
	done
	s finish "$id" >/dev/null 2>&1
done
s reopen "Praxis Süd" --reason "Zahlen kamen später" >/dev/null 2>&1
s finish "Praxis Süd" >/dev/null 2>&1

e2e_start
expect_screen "portfolio" "Praxis Süd"
send Enter
expect_screen "history" "Verlauf: Praxis Süd"
expect_screen "the list has a number column" "Nr. Datum"
expect_screen "the newest is number 2" "▸    2 "
expect_screen "the line under the list tells the reopening" \
	"Nr. 2: begonnen am"
expect_screen "with its reason, on a line of its own" "wieder geöffnet: Zahlen kamen später"
send Down
expect_screen "number 1 was never reopened" "Nr. 1: begonnen am"
expect_not_screen "so no reason is shown for it" "Zahlen kamen später"
send Up Enter
expect_screen "the result names the number" "Abgeschlossene Bewertung Nr. 2 vom"
expect_screen "and the reopening with its reason" "wieder geöffnet: Zahlen kamen später"
send Escape
expect_screen "back in the history" "Verlauf: Praxis Süd"
# A re-check from the first assessment's row: afterwards the cursor is on
# the new draft.
send Down r
expect_screen "the re-check asks for the assessor" "Wer führt diese Nachprüfung durch"
send Enter
expect_screen "the re-check's form" "zu bestätigen"
send Escape
expect_screen "back in the history after the re-check" "Verlauf: Praxis Süd"
expect_screen "the new draft is number 3 and has the cursor" "▸    3 "
send Enter
expect_screen "Enter opens the new draft, not the old result" "zu bestätigen"
send Escape
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
