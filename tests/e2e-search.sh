#!/bin/sh
# e2e-search.sh - the portfolio's search folds case and accents the way
# sorting does, and reads ä ö ü as ae oe ue too: "/Sohne" and "/soehne"
# find "Söhne", "/aerzte" finds "Ärzte"; on the command line, the start of
# a name is enough, and several fitting are named, not guessed.  The
# search finds a company by its industry too, as its help says.
. "$top_srcdir/tests/e2e-lib.sh"

for n in "Müller & Söhne GmbH" "Ärztehaus am Markt" "Mühle Kranz" "Bäckerei Brot"; do
	"$SMREADY" --db "$T/db" company add "$n" >/dev/null || not_ok "setup $n"
done
"$SMREADY" --db "$T/db" company edit "Mühle Kranz" --industry "Getreidemühle" >/dev/null ||
	not_ok "setup industry"
e2e_start
expect_screen "portfolio" "4 companies"
send /
send_text "Sohne"
expect_screen "Sohne finds Söhne" "Müller & Söhne GmbH"
expect_not_screen "and only it" "Mühle Kranz"
send C-u
send_text "soehne"
expect_screen "soehne finds Söhne" "Müller & Söhne GmbH"
expect_not_screen "and only it (soehne)" "Bäckerei Brot"
send C-u
send_text "aerzte"
expect_screen "aerzte finds Ärzte" "Ärztehaus am Markt"
expect_not_screen "and only it (aerzte)" "Müller & Söhne GmbH"
send C-u
send_text "getreide"
expect_screen "the industry finds its company" "Mühle Kranz"
expect_not_screen "and only it (industry)" "Bäckerei Brot"
send C-u
send_text "MÜ"
send Enter
expect_screen "MÜ finds both Mü names" "2 companies (of 4)"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

r() { "$SMREADY" --db "$T/db" "$@" >"$T/out" 2>"$T/err"; }
expect_status "the start of a name is enough" 0 r history "ärzteh"
expect_match "it names the company" "$T/out" 'no assessments yet|Ärztehaus'
expect_status "an ambiguous start is refused" 1 r history "mü"
expect_match "the candidates are named" "$T/err" 'could mean several companies: "Mühle Kranz", "Müller & Söhne GmbH"'
expect_status "ae spelling finds the umlaut" 0 r history "Mueller & Soehne GmbH"
tap_done
