#!/bin/sh
# e2e-keybar.sh - in German at 80x24: the key bar offers what works in
# this state, most important first (a final result offers reopening, not
# the summary it would refuse; PgUp and PgDn share one entry; entries two
# spaces apart, one apart when that lets more of them fit); a message
# too long for its line takes a second one instead of being cut; the
# sort key shows where the sort order does; the search field's keys say
# what Enter and Esc do there.
. "$top_srcdir/tests/e2e-lib.sh"

have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
E2E_LANG=de_DE.UTF-8
cli() { LANG=C.UTF-8 "$SMREADY" --db "$T/db" "$@"; }
bar() { screen | tail -1; }

# An empty list offers what can be done with nothing: add a company, or
# the samples; not the keys that need a company under the cursor.
e2e_start
expect_screen "an empty portfolio" "Noch keine Unternehmen"
expect_eq "its bar: add or samples" "a Neu  S Beispiele  ? Hilfe  q Beenden" \
	"$(bar | sed 's/ *$//')"
send q
expect_eq "quits" 0 "$(e2e_wait_exit)"

cli demo >/dev/null 2>&1 || not_ok "demo data"
e2e_start
expect_screen "portfolio" "Bäckerei Morgenrot"
expect_eq "with companies, no samples on the bar, the list's keys first" \
	"Enter Verlauf n Bewerten r Nachprüfen a Neu / Suchen p Plan ? Hilfe q Beenden" \
	"$(bar | sed 's/ *$//')"
expect_screen "the sort order names its key" "sortiert nach Name (s ändert)"
send s
expect_screen "s sorts" "sortiert nach Punkten (s ändert)"
send s s s
expect_screen "four presses: by the actions" "sortiert nach Maßnahmen (s ändert)"
send s
expect_screen "five presses: by name again" "sortiert nach Name (s ändert)"
send /
expect_screen "the search field" "Suche:"
expect_eq "its keys say what Enter and Esc do" "Enter Filter behalten  Esc Leeren" \
	"$(bar | sed 's/ *$//')"
send_text "morgen"
send Enter
expect_screen "Enter keeps the filter" "Filter „morgen“"
send Escape
expect_not_screen "Esc on the list clears it" "Filter „morgen“"

send Home Enter
expect_screen "history" "Verlauf: Bäckerei Morgenrot"
send Enter
expect_screen "result of a final assessment" "Abgeschlossene Bewertung Nr. 4"
expect_eq "the bar of a final result: reopen, not the summary; one entry to scroll" \
	"e Export o Wieder öffnen Bild↑↓ Blättern b Planen Esc Zurück ? Hilfe q Beenden" \
	"$(bar | sed 's/ *$//')"
send s
# The refusal is longer than a line: it takes two, and ends as written.
expect_screen "a long message is not cut: its end is on screen" "Zusammenfassung zu ändern."
send PgDn
wait_gone "Zusammenfassung zu ändern."
expect_not_screen "the message goes with the next key" "Öffnen Sie sie zuerst wieder"
send PgUp
send Escape
expect_screen "back in the history" "Verlauf: Bäckerei Morgenrot"
send n
expect_screen "the assessor question" "Wer führt diese Bewertung durch"
send Enter
expect_screen "a draft in the questionnaire" "0 von 26 beantwortet"
send Escape
expect_screen "back in the history, on the draft" "▸    5 "
send Enter
expect_screen "the draft again" "0 von 26 beantwortet"
send Escape
# Each Escape is waited for: a key right behind an Esc that the program
# has not read yet would arrive with it as one Alt sequence.
expect_screen "back in the history once more" "Verlauf: Bäckerei Morgenrot"
send Escape
expect_screen "back on the company list" "sortiert nach Name"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

# The actions column costs the names nothing while no column has to give
# way for it: with nothing due, no draft and none archived, the empty due
# column is left out and the names stay whole.
cli demo --remove >/dev/null 2>&1
cli demo >/dev/null 2>&1 || not_ok "demo data again"
for c in "#1" "#2" "#3" "#4"; do cli action add "$c" "Fotos machen" --due 2020-01-01 >/dev/null 2>&1; done
e2e_start
expect_screen "the portfolio with actions" "Maßnahmen"
screen > "$T/plan-cols.txt"
expect_match "a long name stays whole beside the actions" "$T/plan-cols.txt" \
	'Fahrradladen Speiche & Co\. \(Beispiel\) '
expect_no_match "the empty due column is left out" "$T/plan-cols.txt" 'Fällig'
send q
expect_eq "quits cleanly again" 0 "$(e2e_wait_exit)"
tap_done
