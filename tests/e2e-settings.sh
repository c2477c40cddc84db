#!/bin/sh
# e2e-settings: the settings screen, from the portfolio's "c": a problem in
# the settings file on the status line at start, the consultant's fields
# changed and written back with the file's comments and unknown lines kept,
# the default assessor as the prefill of a company's first assessment, and
# the report exported as PDF from the result screen with the new firm in it.
. "$top_srcdir/tests/e2e-lib.sh"

db="$T/db"
cli() { "$SMREADY" --db "$db" "$@"; }
cfg="$T/config"
cat >"$cfg" <<'CFG'
# my settings, by hand
consultant = Katrin Berater
future_key = for a later smready
CFG
SMREADY_CONFIG="$cfg" cli demo >/dev/null 2>&1 || { not_ok "demo data"; tap_done; }
cli company add "Neu GmbH" >/dev/null 2>&1

e2e_start SMREADY_CONFIG="$cfg"
expect_screen "the portfolio names a problem of the settings file with its line" \
	"config:3: unknown setting"
send c
expect_screen "c opens the settings screen" "What the reports show"
expect_screen "the consultant from the file is shown" "Katrin Berater"
expect_screen "and the file's path" "$cfg"
expect_screen "and where the rest is set, not cut" '"man smready", FILES.'
send Down Enter
expect_screen "Enter asks for the firm" "Your firm"
send_text "Bärwald & Partner"
send Enter
expect_screen "the firm is shown" "Bärwald & Partner"
expect_screen "saved, it says" "Saved in the settings file."
send Down Down Down Enter
expect_screen "Enter asks for the default assessor" "Who assesses a company"
send_text "K. Test"
send Enter
expect_screen "the default assessor is shown" "K. Test"
if grep -qx 'firm = Bärwald & Partner' "$cfg" && grep -qx 'assessor = K. Test' "$cfg"; then
	ok "both are written to the file"
else
	not_ok "both are written to the file"; diag "$(cat "$cfg")"
fi
if grep -qx '# my settings, by hand' "$cfg" && grep -qx 'future_key = for a later smready' "$cfg" &&
   grep -qx 'consultant = Katrin Berater' "$cfg"; then
	ok "the file keeps its comment, its unknown line and the other values"
else
	not_ok "the file keeps its comment, its unknown line and the other values"; diag "$(cat "$cfg")"
fi
send Escape
expect_screen "Esc goes back to the portfolio" "Neu GmbH"

# The company never assessed: its first assessment asks with the default.
send / 
send_text "Neu"
send Enter
send n
expect_screen "a first assessment is prefilled with the default assessor" "K. Test"
send Escape
send Escape

# The report as PDF from the result screen.
send /
send_text "Morgenrot"
send Enter Enter
expect_screen "the history opens" "Overall score over time"
send Enter
expect_screen "the result opens" "Result:"
send e
expect_screen "the export offers PDF" "PDF"
send p
if [ "${SMREADY_PDF:-yes}" = no ]; then
	expect_screen "without cairo and pango the export says what is missing" "cairo and pango"
elif expect_screen "the PDF report is saved" "Report saved:"; [ -n "$(ls "$T"/*.pdf 2>/dev/null)" ] &&
	pdf=$(ls "$T"/*.pdf | head -1) && "$PDFINFO" "$pdf" >/dev/null 2>&1; then
	ok "a PDF file was written"
	"$PDFTOTEXT" -f 1 -l 1 "$pdf" "$T/p1" 2>/dev/null
	expect_match "the PDF's letterhead has the firm just set" "$T/p1" 'Bärwald & Partner'
else
	not_ok "a PDF file was written"; dump_screen
fi
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
