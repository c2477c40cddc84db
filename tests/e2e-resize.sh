#!/bin/sh
# e2e-resize: shrink the terminal to 20x5 and back on every screen: no
# crash, the "too small" message while small, and the same screen as
# before afterwards (nothing lost, not even half-typed text).
. "$top_srcdir/tests/e2e-lib.sh"

"$SMREADY" --db "$T/db" demo >/dev/null 2>&1 || { not_ok "demo data"; tap_done; }

# shrink_and_back NAME: the screen survives 20x5 and comes back unchanged.
shrink_and_back() {
	# Let the keys sent before settle: the same screen twice in a row.
	screen > "$T/before.txt"
	_i=0
	while [ $_i -lt 50 ]; do
		sleep 0.2
		screen > "$T/again.txt"
		cmp -s "$T/before.txt" "$T/again.txt" && break
		mv "$T/again.txt" "$T/before.txt"
		_i=$((_i + 1))
	done
	tm resize-window -t t -x 20 -y 5
	if wait_for "Terminal too"; then ok "$1: too-small message at 20x5"
	else not_ok "$1: too-small message at 20x5"; dump_screen; fi
	send x                # a key while too small is ignored
	tm resize-window -t t -x 80 -y 24
	_i=0
	while [ $_i -lt 100 ]; do
		screen > "$T/after.txt"
		cmp -s "$T/before.txt" "$T/after.txt" && break
		sleep 0.1
		_i=$((_i + 1))
	done
	if cmp -s "$T/before.txt" "$T/after.txt"; then ok "$1: intact after growing back"
	else not_ok "$1: intact after growing back"; diff "$T/before.txt" "$T/after.txt" | sed 's/^/# /'; fi
}

e2e_start
expect_screen "portfolio" "Bäckerei Morgenrot"
shrink_and_back portfolio

# level_columns: the character column where each company's level starts
# (after the name column), one line per company, de-duplicated.
level_columns() {
	screen | grep -a '(Beispiel) ' | sed -E 's/^(.*\(Beispiel\) +).*/\1/' |
		while IFS= read -r l; do printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m; done | sort -u
}
tm resize-window -t t -x 120 -y 40
expect_screen "a big terminal is used: wider name column" "Fahrradladen Speiche & Co. (Beispiel)   "
expect_eq "120 columns: the level column lines up (by display width)" 1 "$(level_columns | wc -l)"
tm resize-window -t t -x 80 -y 24
expect_screen "80 columns: the name column takes the free width" "Fahrradladen Speiche & Co. (Beispiel) "
expect_eq "80 columns: the level column lines up (by display width)" 1 "$(level_columns | wc -l)"

send Enter
expect_screen "history" "Overall score over time"
shrink_and_back history

send Enter
expect_screen "result" "Score per dimension"
send PgDn
shrink_and_back "result (scrolled)"

send Escape
wait_for "Overall score over time"
send c
expect_screen "comparison" "Comparison:"
shrink_and_back comparison

send Escape
wait_for "Overall score over time"
send n
expect_screen "assessor prompt" "Assessor: who makes this assessment?"
shrink_and_back "assessor prompt"
send Enter
expect_screen "form" "Answered 0 of"
send 3 2
wait_for "Answered 2 of"
send h
wait_for "Ready means"
shrink_and_back "form with explanation"

send n
wait_for "Enter Save"
send_text "halb getippt"
wait_for "halb getippt"
shrink_and_back "form while typing a note"
send Enter
expect_screen "typed text survived the resize and was saved" "Note saved."

send '?'
expect_screen "help" "Keys: Questionnaire"
shrink_and_back help
send Escape

send Escape
wait_for "Overall score over time"
send Down                      # from the new draft to the latest final one
send o
expect_screen "reopen prompt" "Why reopen this assessment?"
send_text "Tippfehler"
shrink_and_back "text prompt"
send Escape

send q
expect_eq "no crash: quits cleanly" 0 "$(e2e_wait_exit)"

# A long history scrolled to its oldest row, then a taller terminal: the
# list fills the new room with the rows above, not with empty lines.
L="Langer Verlauf"
"$SMREADY" --db "$T/db" company add "$L" >/dev/null 2>&1
key=goals.purpose
i=0
while [ $i -lt 24 ]; do
	a=$("$SMREADY" --db "$T/db" assess "$L" 2>/dev/null | tail -1)
	"$SMREADY" --db "$T/db" answer "$a" "$key" $((i % 5)) >/dev/null 2>&1
	"$SMREADY" --db "$T/db" finish "$a" >/dev/null 2>&1
	i=$((i + 1))
done
e2e_start
expect_screen "portfolio with the long history" "$L"
send /
send_text "Langer"
send Enter Enter
expect_screen "long history opens" "History: $L"
send End
wait_for "final"
tm resize-window -t t -x 80 -y 60
i=0
while [ $i -lt 50 ]; do
	rows=$(screen | grep -c ' final ')
	[ "$rows" = 24 ] && break
	sleep 0.1
	i=$((i + 1))
done
expect_eq "taller terminal: all 24 assessments in view" 24 "$rows"
send q
expect_eq "quits cleanly after the long history" 0 "$(e2e_wait_exit)"

# Terminals the full-screen program cannot use: a clear message and exit
# status 1 at once, not a blank or garbled screen waiting for keys.
e2e_start TERM=dumb -- "2>'$T/err'"
expect_eq "TERM=dumb: ends at once with status 2, as without a terminal" 2 "$(e2e_wait_exit)"
expect_match "TERM=dumb: says why" "$T/err" 'The terminal "dumb" cannot move the cursor'
e2e_start TERM=no-such-terminal -- "2>'$T/err'"
expect_eq "unknown TERM: ends with status 2, as without a terminal" 2 "$(e2e_wait_exit)"
expect_match "unknown TERM: says which and what to do" "$T/err" \
	'The terminal type "no-such-terminal" is not known here.  Set TERM'
tap_done
