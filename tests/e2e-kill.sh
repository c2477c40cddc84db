#!/bin/sh
# e2e-kill: SIGKILL in the middle of an assessment, one keystroke after the
# last answer; after a restart the draft is resumed and every answer and
# note that was on screen is there again.
. "$top_srcdir/tests/e2e-lib.sh"

"$SMREADY" --db "$T/db" company add "Müller & Söhne GmbH" >/dev/null 2>&1 ||
	{ not_ok "company add"; tap_done; }

# The item rows of the form without the cursor column.
item_rows() { screen | grep -aE '^(▸| ) [1-9]\.[0-9]+ ' | sed 's/^\(▸\| \) //'; }

e2e_start
expect_screen "portfolio" "Müller & Söhne GmbH"
send n
expect_screen "asks who assesses" "Assessor: who makes this assessment?"
send Enter
expect_screen "form" "Answered 0 of "
send 3 1
send n
wait_for "Enter Save"
send_text "Kunden fragen nach Öffnungszeiten"
send Enter
expect_screen "note saved" "Note saved."
send d 4 0 2
expect_screen "six answers given" "Answered 6 of "
send Down               # the one keystroke after the last answer
# The last answer moved the cursor on to 2.3; Down takes it to 3.1, whose
# stop-sign line makes the panel below the list one line taller, so the
# list shows one row less.  Read the rows once the key has been handled:
# read a moment earlier, they would be one more than any later screen with
# a stop-sign item under the cursor shows.
wait_for "▸ 3.1"
item_rows > "$T/before.txt"
pid=$(e2e_pid)
if [ -n "$pid" ] && kill -KILL "$pid"; then ok "killed with SIGKILL"; else not_ok "killed with SIGKILL"; fi
expect_eq "exit status says killed" 137 "$(e2e_wait_exit)"
expect_eq "answers were on screen before the kill" 6 \
	"$(grep -caE '(not at all|a little|partly|largely|fully|know) *(✎)? *$' "$T/before.txt")"

e2e_start
expect_screen "restart shows the portfolio" "Müller & Söhne GmbH"
expect_screen "open draft marked" "draft"
send n
expect_screen "draft resumed, not a new one" "Continuing the open draft"
expect_screen "progress kept" "Answered 6 of "
send Home
wait_for "▸ 1.1"
# The rows both screens show must be the same; 1.1 has a stop sign too,
# so as many rows fit as before the kill.
n_before=$(wc -l < "$T/before.txt")
# A message from the restart may still cover the last row for a moment
# (a long one takes two lines until the next key is read): read the rows
# until they are all there, for a few seconds at the most.
_i=0
while [ $_i -lt 50 ]; do
	item_rows > "$T/after.txt"
	head -n "$n_before" "$T/after.txt" | cmp -s - "$T/before.txt" && break
	sleep 0.1
	_i=$((_i + 1))
done
if head -n "$n_before" "$T/after.txt" | cmp -s - "$T/before.txt"; then
	ok "every answer on screen before the kill is on screen again"
else
	not_ok "every answer on screen before the kill is on screen again"
	diff "$T/before.txt" "$T/after.txt" | sed 's/^/# /'
fi
send Down Down
expect_screen "note kept" "Note: Kunden fragen nach Öffnungszeiten"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

# SIGTERM (and SIGINT, SIGHUP) end the program through its normal exit:
# the terminal is restored (the full-screen page disappears), which a
# plain kill would not do.
e2e_start
expect_screen "started again" "smready • Companies"
pid=$(e2e_pid)
kill -TERM "$pid"
expect_eq "SIGTERM ends the program" 143 "$(e2e_wait_exit)"
if wait_gone "smready • Companies"; then ok "terminal restored after SIGTERM"
else not_ok "terminal restored after SIGTERM"; dump_screen; fi

"$SMREADY" --db "$T/db" report --json "Müller & Söhne GmbH" > "$T/r.json" 2>/dev/null
got=$(sed -n '/"answers"/,$p' "$T/r.json" | sed -n 's/.*"value": "*\([^",]*\)"*,*$/\1/p' | head -6 | tr '\n' ' ')
expect_eq "stored answers" "3 1 dk 4 0 2 " "$got"
expect_match "note stored" "$T/r.json" '"note": "Kunden fragen nach Öffnungszeiten"'
expect_eq "still one draft only" 1 "$(grep -c '"status": "draft"' "$T/r.json")"
tap_done
