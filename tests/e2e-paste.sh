#!/bin/sh
# e2e-paste: pasted text is text, never keys.  tmux pastes with bracketed
# paste (paste-buffer -p) when the program asked for it; a paste into the
# note editor goes into the note (line breaks become spaces, the editor
# stays open), a paste on the form itself is ignored with a message, and
# the paste mode is switched off again on exit and while suspended.
. "$top_srcdir/tests/e2e-lib.sh"

"$SMREADY" --db "$T/db" company add "Bäckerei Klebstoff" >/dev/null 2>&1 ||
	{ not_ok "company add"; tap_done; }

# Everything the program writes to the terminal, to see the mode switches.
out_log() { cat "$T/out.log" 2>/dev/null; }
count_seq() { out_log | grep -aoF "$1" | wc -l | tr -d ' '; }
wait_count() {   # SEQ N: poll until SEQ was written at least N times
	_i=0
	while [ $_i -lt 100 ]; do
		[ "$(count_seq "$1")" -ge "$2" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
ON=$(printf '\033[?2004h')
OFF=$(printf '\033[?2004l')
# paste_text TEXT [-r]: tmux turns LF into CR unless -r is given.
paste_text() { tm set-buffer -b p -- "$1" && tm paste-buffer -p ${2:-} -b p -t t; }
report() { "$SMREADY" --db "$T/db" report --json "Bäckerei Klebstoff" 2>/dev/null; }
n_answers() { report | grep -cE '"value": "?([0-4]|dk)"?,?$'; }

e2e_start
tm pipe-pane -o -t t "cat >> '$T/out.log'"
expect_screen "portfolio" "Bäckerei Klebstoff"
send n
expect_screen "asks who assesses" "Assessor: who makes this assessment?"
send Enter
expect_screen "form" "Answered 0 of "

send n
expect_screen "note editor open" "Enter Save"
paste_text "$(printf 'erste Zeile\n2nf zweite Zeile')"
expect_screen "whole paste in the field, newline as a space" "erste Zeile 2nf zweite Zeile"
expect_screen "editor still open after the paste" "Enter Save"
expect_not_screen "nothing saved by the paste" "Note saved."
expect_not_screen "no finish question" "Finish"
paste_text "$(printf '\tmit Tab\r\nund CRLF')" -r
expect_screen "tab and CR LF become one space each" "zweite Zeile mit Tab und CRLF"
send Enter
expect_screen "a real Enter saves" "Note saved."
report > "$T/r.json"
expect_match "note stored whole" "$T/r.json" '"note": "erste Zeile 2nf zweite Zeile mit Tab und CRLF"'
expect_eq "no answer set by the paste" 0 "$(n_answers)"
expect_screen "progress unchanged" "Answered 0 of "

paste_text "$(printf '4\nf')"
expect_screen "paste on the form is refused with a message" \
	"Pasted text is only taken in text fields"
expect_not_screen "no finish question after the refused paste" "Finish anyway"
expect_eq "no answer set by the refused paste" 0 "$(n_answers)"
send 3
expect_screen "typed keys still work after it" "Answered 1 of "

# The field's length limit applies to pasted text too.
send Up n C-u
long=$(awk 'BEGIN { for (i = 0; i < 4100; i++) printf "x" }')
paste_text "$long"
expect_screen "too long a paste is cut at the limit" "That is as long as a note can be."
send Enter
expect_screen "cut note saved" "Note saved."
expect_eq "note holds the limit of 4000 characters" 4000 \
	"$(report | sed -n 's/.*"note": "\(x*\)".*/\1/p' | head -1 | tr -d '\n' | wc -c | tr -d ' ')"

# Ctrl-Z: the mode is off while stopped and on again after fg.
pid=$(e2e_pid)
offs=$(count_seq "$OFF")
ons=$(count_seq "$ON")
kill -TSTP "$pid"
if wait_count "$OFF" $((offs + 1)); then ok "paste mode off while suspended"
else not_ok "paste mode off while suspended"; fi
# SIGCONT must come after the program has stopped, or it would be lost.
# (Under tmux without a job-control shell the process group is orphaned
# and the kernel drops the stop; the program then goes on at once.)
pstate() { sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1; }
_i=0
while [ $_i -lt 100 ] && [ "$(pstate)" != T ] && [ "$(count_seq "$ON")" -le "$ons" ]; do
	sleep 0.1
	_i=$((_i + 1))
done
kill -CONT "$pid"
if wait_count "$ON" $((ons + 1)); then ok "paste mode on again after resuming"
else not_ok "paste mode on again after resuming"; fi
expect_screen "screen drawn again after resuming" "Answered 1 of "
send n C-u
expect_screen "note editor open after resuming" "Enter Save"
paste_text "$(printf 'nach\nfg')"
expect_screen "paste after resuming goes into the field" "nach fg"
send Escape
expect_screen "editor left" "Note left as it was."

offs=$(count_seq "$OFF")
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
if wait_count "$OFF" $((offs + 1)); then ok "paste mode switched off on exit"
else not_ok "paste mode switched off on exit"; fi
tap_done
