#!/bin/sh
# e2e-keys.sh - input the program does not understand never changes data:
# with TERM=xterm-256color inside tmux (whose End key then arrives as a
# sequence the terminal description does not name), End in the note editor
# moves the cursor instead of cancelling the note and answering "4"; an
# unknown sequence is dropped whole, with a word; a Latin-1 byte typed
# into the name of a company is kept visible, not the end of the name.
. "$top_srcdir/tests/e2e-lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

"$SMREADY" --db "$T/db" company add "Praxis Nord" >/dev/null || not_ok "setup"
e2e_start TERM=xterm-256color
expect_screen "portfolio" "Praxis Nord"
send n
expect_screen "assessor question" "who makes this assessment"
send Enter
expect_screen "questionnaire" "Answered 0 of 26"
send n
send_text "Praxisleitung"
send Home
send_text "Die "
send End
send_text " entscheidet"
expect_screen "Home and End move in the note, nothing is cancelled" "Die Praxisleitung entscheidet"
send Enter
expect_screen "the note is saved" "Note saved."
expect_screen "no answer was recorded" "Answered 0 of 26"
# An unknown sequence (ESC [ 9 9 ~) and Alt+4: dropped whole, said so.
tm send-keys -t t -H 1b 5b 39 39 7e
expect_screen "an unknown sequence is reported" "A key this program does not know (Esc [ 9 9 ~) was ignored"
tm send-keys -t t -H 1b 34
expect_screen "Alt+4 is reported, named so" "(Alt+4) was ignored"
send z
expect_screen "the next key replaces the message" "z does nothing here"
expect_screen "and answers nothing" "Answered 0 of 26"
send Escape
expect_screen "back at the portfolio" "Praxis Nord"
# A Latin-1 byte where no text field is open: said, and nothing to save.
tm send-keys -t t -H fc
expect_screen "a bad byte on a list is ignored, saying so" "it was ignored."
# A Latin-1 "ü" in a new company's name: the rest of the name stays, and
# the stand-in for the bad byte is never saved.
send a
expect_screen "name prompt" "Name of the new company:"
send F5
expect_screen "a key a text field has no use for is named, not dropped" "F5 does nothing in a text field"
send BTab
expect_screen "and named as on the keyboard" "Shift+Tab does nothing in a text field"
tm send-keys -t t -H 4d fc 6c 6c 65 72 20 47 6d 62 48
expect_screen "the bad byte is named" "The byte 0xFC is not UTF-8"
expect_screen "the rest of the name is there" "M�ller GmbH"
send Enter
expect_screen "it is not saved while the stand-in is there" "correct it, then press Enter"
expect_screen "and the prompt stays" "Name of the new company:"
send Home Right DC
send_text "ü"
send Enter Enter Enter
expect_screen "added once corrected" "Company added"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
"$SMREADY" --db "$T/db" companies --json >"$T/c.json"
expect_match "the whole name is stored, as corrected" "$T/c.json" '"name": "Müller GmbH"'
id=$("$SMREADY" --db "$T/db" history "Praxis Nord" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["assessments"][0]["id"])')
"$SMREADY" --db "$T/db" report "$id" --json >"$T/r.json"
python3 - "$T/r.json" >"$T/a" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(sum(1 for a in r["answers"] if a["value"] is not None), [a["note"] for a in r["answers"] if a["note"]])
PY
expect_eq "no answer stored, the note whole" "0 ['Die Praxisleitung entscheidet']" "$(cat "$T/a")"
tap_done
