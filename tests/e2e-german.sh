#!/bin/sh
# e2e-german: with LANG=de_DE.UTF-8 the portfolio, the questionnaire and
# the result speak German, and the German labels fit 80x24; with the
# sample data the longest sample name is not cut at 80 columns.
. "$top_srcdir/tests/e2e-lib.sh"

have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
E2E_LANG=de_DE.UTF-8

# Without the UI's translations in the catalogue every check below would
# wait for its timeout; say once what is missing instead.
mo="${SMREADY_LOCALEDIR:-}/de/LC_MESSAGES/smready.mo"
if ! grep -aq "Noch keine Unternehmen" "$mo" 2>/dev/null; then
	not_ok "the German catalogue ($mo) holds the UI's translations (po/parts/ui.po merged into po/de.po)"
	tap_done
fi

e2e_start
expect_screen "portfolio: empty database in German" "Noch keine Unternehmen."
expect_screen "portfolio: title" "smready • Unternehmen"
expect_screen "key bar in German, quit still on it" "q Beenden"
send a
expect_screen "prompt in German" "Name des neuen Unternehmens:"
send_text "Müller & Söhne GmbH"
send Enter Enter Enter
expect_screen "added, in German" "Unternehmen angelegt."
expect_screen "column titles" "Unternehmen"
send n
expect_screen "assessor question in German" "Wer führt diese Bewertung durch?"
send Enter
expect_screen "form: progress" "0 von 26 beantwortet"
expect_screen "form: note line" "Notiz: (keine; n schreibt eine)"
expect_screen "form: key bar" "Abschließen"
send '?'
expect_screen "help: generated from the action table, in German" "Tasten: Fragebogen"
expect_screen "help: an action's text" "Zur nächsten unbeantworteten oder unbestätigten Frage springen"
send Escape
send 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4
expect_screen "all answered" "26 von 26 beantwortet"
send f
expect_screen "finish question" "Bewertung jetzt abschließen"
expect_screen "yes key is j in German" "j Ja"
send j
expect_screen "result: heading" "Abgeschlossene Bewertung Nr. 1 vom"
expect_screen "result: dimension bars" "Punkte je Bereich"
expect_screen "result: completeness" "Vollständigkeit"
expect_screen "result: no stop sign" "Keines: Kein Stoppschild greift."
screen > "$T/result.txt"
expect_no_match "result fits 80 columns (nothing cut at the labels)" "$T/result.txt" 'Gesamtpunktzah[^l]'
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

# ---- the portfolio of the sample data at 80 columns --------------------------
"$SMREADY" --db "$T/db" demo >/dev/null 2>&1 || not_ok "sample data"
e2e_start
expect_screen "portfolio with the sample data" "Bäckerei Morgenrot (Beispiel)"
expect_screen "80 columns: the longest sample name is not cut" \
	"Fahrradladen Speiche & Co. (Beispiel) "
# The character column where each sample company's level starts.
level_columns() {
	screen | grep -a '(Beispiel) ' | sed -E 's/^(.*\(Beispiel\) +).*/\1/' |
		while IFS= read -r l; do printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m; done | sort -u
}
expect_eq "80 columns: the level column lines up" 1 "$(level_columns | wc -l)"
# The score title ends where the scores end (both right-aligned).
hdr=$(screen | grep -a '^  Unternehmen ' | sed -E 's/^(.* (Punkte|Pkt\.|Pts)).*/\1/')
row=$(screen | grep -a 'Fahrradladen Speiche' | sed -E 's/^(.*\) +[^0-9]+ +[0-9]+).*/\1/')
expect_eq "80 columns: the score title is right-aligned over the scores" \
	"$(printf '%s' "$hdr" | LC_ALL=C.UTF-8 wc -m)" "$(printf '%s' "$row" | LC_ALL=C.UTF-8 wc -m)"
send q
expect_eq "quits cleanly (sample data)" 0 "$(e2e_wait_exit)"
tap_done
