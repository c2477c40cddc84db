#!/bin/sh
# e2e-plan.sh - the action plan's loop in German at 80x24: finish an
# assessment, build a plan of three actions with owners and due dates from
# its result, mark actions done (and survive a kill -9 one keystroke after
# it), run the re-check, finish it, and see "hat gewirkt", "erledigt, ohne
# Wirkung" and "noch offen" on the result and the comparison screens and in
# the HTML report.  Two of the three are marked done: "erledigt, ohne
# Wirkung" needs a done action whose question did not move, "hat gewirkt"
# one whose question did.
. "$top_srcdir/tests/e2e-lib.sh"

have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
E2E_LANG=de_DE.UTF-8
cli() { LANG=C.UTF-8 "$SMREADY" --db "$E2E_DB" "$@"; }
bar() { screen | tail -1 | sed 's/ *$//'; }
m="Müller & Söhne GmbH"
cli company add "$m" >/dev/null || { not_ok "company add"; tap_done; }

# ---- the first assessment, finished on screen ----------------------------
# 1.1 (a stop sign) "gar nicht", 5.1 (a stop sign) "ein wenig", 7.3 "teilweise"
# (a caution), all else "voll und ganz": the suggestions are those three.
e2e_start SMREADY_NOW=2026-01-10
expect_screen "portfolio" "$m"
send n
expect_screen "who assesses" "Wer führt diese Bewertung durch"
send Enter
expect_screen "the questionnaire" "0 von 26 beantwortet"
send 0 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 1 4 4 4 4 4 4 4 2
expect_screen "all answered" "26 von 26 beantwortet"
send f
expect_screen "finish question" "Bewertung jetzt abschließen"
send j
expect_screen "the result" "Abgeschlossene Bewertung Nr. 1"
send End
expect_screen "the result points to the plan builder" "Noch kein Maßnahmenplan: b erstellt ihn aus diesem Ergebnis."
send Home

# ---- the plan builder ----------------------------------------------------------
send b
expect_screen "the builder" "Plan erstellen: $m"
expect_screen "its source and rule" "Aus Bewertung Nr. 1 vom 10.01.2026, Stoppschilder zuerst"
wait_count "vorgeschlagen" 3
screen > "$T/builder.txt"
expect_match "stop sign 1.1 first" "$T/builder.txt" '^▸ vorgeschlagen +1\.1 ✗'
expect_match "then stop sign 5.1" "$T/builder.txt" '^  vorgeschlagen +5\.1 ✗'
expect_match "then the caution 7.3" "$T/builder.txt" '^  vorgeschlagen +7\.3 !'
expect_eq "the bar of a suggestion" "Enter Übernehmen w Zuständig t Fällig e Bearbeiten Esc Zurück ? Hilfe q Beenden" "$(bar)"
# who and by when first, then accept; the cursor moves on to the next.
accept() {
	send w
	wait_for "Zuständig: Wer übernimmt sie?"
	send_text "$1"
	send Enter
	wait_gone "Zuständig: Wer übernimmt sie?"
	send t
	wait_for "Fällig bis"
	send C-u
	send_text "$2"
	send Enter
	wait_gone "Fällig bis"
	send Enter
}
accept "Lena, Marketing" "01.02.2026"
expect_screen "the first accepted" "Als Maßnahme 1 übernommen."
accept "Jonas" "15.02.2026"
expect_screen "the second accepted" "Als Maßnahme 2 übernommen."
accept "Frau Groß" "2026-03-01"
expect_screen "the third accepted" "Als Maßnahme 3 übernommen."
expect_screen "three accepted" "• 3 übernommen"
send t
wait_for "Fällig bis"
expect_screen "the due date to edit, in the German form" "│ 01.03.2026 "
send C-u
send_text "morgen"
send Enter
expect_screen "a due date that is no day is refused, the prompt stays" "„morgen“ ist kein gültiges Datum"
send Escape
wait_gone "Fällig bis"

# ---- the plan screen --------------------------------------------------------------
send p
expect_screen "the plan" "Maßnahmenplan: $m"
expect_screen "three open" "3 Maßnahmen offen"
screen > "$T/plan.txt"
expect_match "action 1 with its due date and owner" "$T/plan.txt" '^▸   1 offen +01\.02\.2026 +Lena, Marketing'
expect_match "action 3 by its due date last" "$T/plan.txt" '^    3 offen +01\.03\.2026 +Frau Groß'
expect_match "the detail names the question and the aim" "$T/plan.txt" 'Zielt auf 1\.1 \(Ziel: 3 weitgehend\)'
expect_eq "the plan's bar in German fits, the status keys first" "d Erledigt s In Arbeit x Verwerfen w Zuständig Esc Zurück ? Hilfe q Beenden" "$(bar)"
send d
expect_screen "one key: done" "Maßnahme 1: erledigt."
expect_screen "done folds away" "2 Maßnahmen offen"
send d                  # the cursor stayed on the row: now action 2
expect_screen "two done" "Maßnahme 2: erledigt."
send Down               # the one keystroke after the status change
pid=$(e2e_pid)
if [ -n "$pid" ] && kill -KILL "$pid"; then ok "killed with SIGKILL"; else not_ok "killed with SIGKILL"; fi
expect_eq "exit status says killed" 137 "$(e2e_wait_exit)"
cli plan "$m" --json > "$T/plan.json"
check "both status changes survived the kill" python3 -c '
import json, sys
a = {x["number"]: x for x in json.load(open(sys.argv[1], encoding="utf-8"))["actions"]}
assert a[1]["status"] == "done" and a[2]["status"] == "done" and a[3]["status"] == "open", a
assert a[1]["owner"] == "Lena, Marketing" and a[3]["due"] == "2026-03-01"
assert a[1]["items"] == [{"item": "goals.purpose", "target": 3}]
' "$T/plan.json"

# ---- the portfolio shows the plan ------------------------------------------------
e2e_start SMREADY_NOW=2026-03-20
expect_screen "portfolio" "$m"
expect_screen "one open action, overdue: word and number" "1, 1 überfällig"
send p
expect_screen "the plan again" "Maßnahmenplan: $m"
expect_screen "overdue said in words" "überfällig"
send c
expect_screen "c shows the done ones" "erledigt 01.02.2026"
send Down
wait_for "▸   1 erledigt"
screen_attrs > "$T/plan-attrs.txt"
check "overdue is coloured too (off the cursor)" grep -q "$(printf '\033')\\[[0-9;]*m01.03.2026" "$T/plan-attrs.txt"
send q
expect_eq "quits" 0 "$(e2e_wait_exit)"

# ---- the re-check ------------------------------------------------------------------
# 1.1 goes from "gar nicht" to "weitgehend" (action 1, done: hat gewirkt);
# 5.1 stays "ein wenig" (action 2, done: erledigt, ohne Wirkung); 7.3 stays
# "teilweise" (action 3, open and overdue: noch offen).
e2e_start SMREADY_NOW=2026-04-02
expect_screen "portfolio" "$m"
send r
expect_screen "who re-checks" "Wer führt diese Nachprüfung durch"
send Enter
expect_screen "carried answers" "zu bestätigen"
send 3
i=1
while [ $i -lt 26 ]; do
	send Enter
	i=$((i + 1))
done
expect_screen "nothing left to confirm" "26 von 26 beantwortet"
wait_gone "zu bestätigen"
send f
expect_screen "finish question" "Bewertung jetzt abschließen"
send j
expect_screen "the result of the re-check" "Abgeschlossene Bewertung Nr. 2"
expect_screen "result: the loop's heading" "Der Maßnahmenplan seit der Bewertung davor"
expect_screen "result: hat gewirkt" "✓ hat gewirkt (1)"
expect_screen "result: erledigt, ohne Wirkung" "✗ erledigt, ohne Wirkung (1)"
screen > "$T/result1.txt"
expect_match "result: the counts in words" "$T/result1.txt" '1 hat gewirkt; 1 erledigt, ohne Wirkung; 0 ohne die Maßnahme besser'
expect_match "result: how 1.1 moved" "$T/result1.txt" '1\.1: gar nicht → weitgehend \(Ziel: 3\)'
send PgDn
expect_screen "result: noch offen" "noch offen (1)"
expect_screen "result: the open one is overdue" "Überfällig: Sie war bis 01.03.2026 fällig"
screen > "$T/result2.txt"
expect_no_match "nothing cut at 80 columns" "$T/result2.txt" '…'
send End
expect_screen "a next step the open action aims at says so" "Bereits im Plan: Maßnahme 3"
send Home

# ---- the HTML report ------------------------------------------------------------------
send e
expect_screen "the export asks for the format" "HTML"
send w
expect_screen "saved" "Bericht gespeichert"
html=$(ls "$T"/*.html 2>/dev/null | head -1)
if [ -n "$html" ]; then
	ok "the HTML report was written"
	expect_match "HTML: hat gewirkt" "$html" 'hat gewirkt'
	expect_match "HTML: erledigt, ohne Wirkung" "$html" 'erledigt, ohne Wirkung'
	expect_match "HTML: noch offen" "$html" 'noch offen'
	expect_match "HTML: the counts" "$html" '1 hat gewirkt; 1 erledigt, ohne Wirkung; 0 ohne die Maßnahme besser geworden; 1 noch offen\.'
	expect_match "HTML: overdue said" "$html" 'Überfällig: Sie war bis 01\.03\.2026 fällig\.'
	check "HTML: the loop comes before the stop signs" sh -c \
		'[ "$(grep -n "hat gewirkt" "$1" | head -1 | cut -d: -f1)" -lt "$(grep -n "<h3>Stoppschilder" "$1" | head -1 | cut -d: -f1)" ]' sh "$html"
else
	not_ok "the HTML report was written"; ls "$T" | sed 's/^/# /'
fi

# ---- the comparison -----------------------------------------------------------------------
send Escape
expect_screen "back in the portfolio" "Unternehmen"
send Enter
expect_screen "history" "Verlauf: $m"
send c
expect_screen "the comparison" "Vergleich: $m"
expect_screen "comparison: hat gewirkt" "hat gewirkt (1)"
expect_screen "comparison: erledigt, ohne Wirkung" "erledigt, ohne Wirkung (1)"
screen > "$T/cmp1.txt"
loop_line=$(grep -n "Der Maßnahmenplan seit der Bewertung davor" "$T/cmp1.txt" | cut -d: -f1)
dims_line=$(grep -n "^ Bereich " "$T/cmp1.txt" | cut -d: -f1)
if [ -n "$loop_line" ] && { [ -z "$dims_line" ] || [ "$loop_line" -lt "$dims_line" ]; }; then
	ok "the comparison leads with the loop, before the detail"
else
	not_ok "the comparison leads with the loop, before the detail"; sed 's/^/# /' "$T/cmp1.txt"
fi
send PgDn
expect_screen "comparison: noch offen" "noch offen (1)"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
