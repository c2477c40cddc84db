#!/bin/sh
# e2e-stopsign.sh - in German at 80x24: a core/2 assessment with one stop
# sign shows the stop sign, its reason and the level by score alone on the
# result screen; a re-check that resolves it scores the company free of
# stop signs, and the comparison shows the stop sign resolved; a re-check
# with cautions says why its level is held back, whole, at 80 columns.
E2E_LANG=de_DE.UTF-8
. "$top_srcdir/tests/e2e-lib.sh"
have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"

"$SMREADY" --db "$T/db" company add "Zahnarztpraxis Zähringer" >/dev/null || not_ok "setup"
e2e_start
expect_screen "portfolio" "Zahnarztpraxis Zähringer"
send n
expect_screen "assessor question" "Wer führt diese Bewertung durch?"
send Enter
expect_screen "the form of core/2" "0 von 26 beantwortet"
expect_screen "the first item is marked as a stop sign" "1.1  ! "
expect_screen "and says so" "Stoppschild „Kein Ziel“ bei 0, 1 oder weiß nicht"
send h
expect_screen "h gives the reason" "weiß nicht: Ohne Ziel gibt es keine"
send h
# 1.1 "we can say what we want to achieve": not at all; everything else fully.
send 0 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4
expect_screen "all answered" "26 von 26 beantwortet"
send f
expect_screen "finish question" "Bewertung jetzt abschließen"
send j
expect_screen "result: level" "Nicht bereit"
expect_screen "result: by score alone" "1 Stoppschild; allein nach Punkten: Bereit"
expect_screen "result: the stop sign" "Stoppschilder: 1 hält die Stufe bei „nicht bereit“"
expect_screen "result: its name and answer" "Kein Ziel (1.1 mit „gar nicht“ beantwortet)"
expect_screen "result: its reason" "Ohne Ziel gibt es keine Erwartungen"
screen >"$T/result.txt"
expect_no_match "nothing cut at 80 columns" "$T/result.txt" '…$'

# The re-check: the goal is settled now.
send Escape
expect_screen "back at the portfolio, held back" "Nicht bereit !"
send r
expect_screen "re-check: assessor question" "Wer führt diese Nachprüfung durch?"
send Enter
expect_screen "re-check: the answers are carried" "26 übernommen, zu bestätigen"
send 4
send f
expect_screen "re-check: the finish question names the unconfirmed" "übernommene Antworten sind noch nicht bestätigt"
send j
expect_screen "re-check: no stop sign now" "Keines: Kein Stoppschild greift."
send Escape
expect_screen "portfolio again" "Zahnarztpraxis Zähringer"
send Enter
expect_screen "history" "Verlauf: Zahnarztpraxis Zähringer"
send c
expect_screen "comparison" "Vergleich: Zahnarztpraxis Zähringer"
expect_screen "the stop sign is resolved" "behoben: Kein Ziel"
expect_screen "the level went up" "Nicht bereit → Bereit"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

# A re-check with cautions: the comparison says why the level is held
# back, whole, on a line of its own when the level's line has no room.
cli() { LANG=C.UTF-8 "$SMREADY" --db "$T/db" "$@"; }
keys=$(cli questions | sed -n 's/^  \([a-z][a-z_-]*\.[a-z_-]*\)  *weight.*/\1/p')
cli company add "Aaron Bau" >/dev/null
for v in 3 2; do
	a=$(cli assess "Aaron Bau" 2>/dev/null)
	for k in $keys; do cli answer "$a" "$k" 3 >/dev/null; done
	[ "$v" = 2 ] && for k in resources.staff resources.hours skills.expertise organisation.empowerment; do
		cli answer "$a" "$k" 2 >/dev/null
	done
	cli finish "$a" >/dev/null 2>&1
done
e2e_start
expect_screen "portfolio with the second company" "Aaron Bau"
send Enter
expect_screen "its history" "Verlauf: Aaron Bau"
send c
expect_screen "its comparison" "Vergleich: Aaron Bau"
expect_screen "why the level is held back, whole" "4 Warnhinweise; allein nach Punkten: Fast bereit"
screen >"$T/compare.txt"
expect_no_match "nothing of it cut at 80 columns" "$T/compare.txt" '…'
send q
expect_eq "quits cleanly again" 0 "$(e2e_wait_exit)"
tap_done
