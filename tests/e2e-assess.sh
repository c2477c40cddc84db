#!/bin/sh
# e2e-assess: add "Müller & Söhne GmbH" in the UI, answer every item (with
# notes, one with umlauts), finish, and see the result screen; then check
# the database through the command line.
. "$top_srcdir/tests/e2e-lib.sh"

e2e_start
expect_screen "empty database says what to do first" "No companies yet."

send a
expect_screen "add asks for the name" "Name of the new company:"
send_text "Müller & Söhne GmbH"
send Enter
expect_screen "then for the industry" "Industry (optional"
send_text "Tischlerei"
send Enter
expect_screen "then for the contact" "Contact person (optional"
send Enter
expect_screen "company added" "Company added."
expect_screen "company listed with its UTF-8 name" "▸ Müller & Söhne GmbH"

send n
expect_screen "a new assessment asks who makes it" "Assessor: who makes this assessment?"
send_text "Anna Becker"
send Enter
expect_screen "form opens with progress" "Answered 0 of "
total=$(screen | sed -n 's/.*Answered 0 of \([0-9][0-9]*\).*/\1/p' | head -1)
if [ -z "$total" ]; then not_ok "read the number of items"; dump_screen; tap_done; fi

# Answer item i with (i * 3 + 1) mod 5; a note with umlauts on the first
# item and a plain one on the third; "don't know" on the last.
i=0
expected=""
while [ $i -lt "$total" ]; do
	if [ $i -eq 0 ]; then
		send n
		wait_for "Enter Save" || diag "note editor did not open"
		send_text "Größere Ziele für Übermorgen"
		send Enter
		wait_for "Note saved." || diag "note not saved"
	fi
	if [ $i -eq 2 ]; then
		send n
		wait_for "Enter Save"
		send_text "ask the owner"
		send Enter
		wait_for "Note saved."
	fi
	if [ $i -eq $((total - 1)) ]; then
		v=d; expected="$expected dk"
	else
		v=$(( (i * 3 + 1) % 5 )); expected="$expected $v"
	fi
	send "$v"
	i=$((i + 1))
	wait_for "Answered $i of $total" || { diag "answer $i not counted"; break; }
done
expect_screen "all items answered" "Answered $total of $total"
send Home
expect_screen "note marked in the list" "✎"

send f
expect_screen "finish asks first" "Finish and score the assessment now?"
send y
expect_screen "result screen" "Final assessment no. 1 of"
expect_screen "result shows the level" "Level"
screen > "$T/result.txt"
expect_match "result shows dimension bars with scores" "$T/result.txt" '^ +Goals +[█▏▎▍▌▋▊▉░]+ +[0-9]+'
expect_match "result shows the overall score" "$T/result.txt" 'Overall score +[█▏▎▍▌▋▊▉░]+ +[0-9]+/100'
level_on_screen=$(sed -n 's/^ Level  *\(.*[^ ]\) *$/\1/p' "$T/result.txt")

send e
expect_screen "export asks for the format" "Save the report as:"
send m
expect_screen "export names the full path" "Report saved: $T/"
report=$(ls "$T"/*.md 2>/dev/null | head -1)
if [ -n "$report" ] && grep -q "Müller & Söhne GmbH" "$report"; then
	ok "Markdown report written next to the user"
else
	not_ok "Markdown report written next to the user"; ls -la "$T" | sed 's/^/# /'
fi

send q
st=$(e2e_wait_exit)
expect_eq "q quits at once with status 0" 0 "$st"
[ "$st" = 0 ] || dump_screen

# The database, seen through the command line.
"$SMREADY" --db "$T/db" report --json "Müller & Söhne GmbH" > "$T/r.json" 2>"$T/err"
expect_status "report --json works" 0 test -s "$T/r.json"
expect_match "assessment is final" "$T/r.json" '"status": "final"'
expect_match "company name stored exactly" "$T/r.json" '"name": "Müller & Söhne GmbH"'
expect_match "industry stored" "$T/r.json" '"industry": "Tischlerei"'
expect_match "assessor stored" "$T/r.json" '"assessor": "Anna Becker"'
expect_match "umlaut note stored" "$T/r.json" '"note": "Größere Ziele für Übermorgen"'
expect_match "second note stored" "$T/r.json" '"note": "ask the owner"'
expect_match "complete" "$T/r.json" '"completeness": 100'
got=$(sed -n '/"answers"/,$p' "$T/r.json" | sed -n 's/.*"value": "*\([^",]*\)"*,*$/\1/p' | tr '\n' ' ' | sed 's/ $//')
expect_eq "every answer stored as typed" "$(echo $expected)" "$got"
lvl=$(sed -n 's/.*"level_name": "\(.*\)",*$/\1/p' "$T/r.json" | head -1)
expect_eq "level on screen is the stored level" "$lvl" "$level_on_screen"

# ---- the only company: filter, archive and back, delete -------------------
# (with the home directory here: the saved report's path shows it as ~)
e2e_start HOME="$T"
expect_screen "portfolio again" "▸ Müller & Söhne GmbH"
send Enter
expect_screen "its history" "History: Müller & Söhne GmbH"
send Enter
expect_screen "its result" "Score per dimension"
send e
expect_screen "export asks again" "Save the report as:"
send m
expect_screen "a path in the home directory is shown with ~" "Report saved: ~/"
send Escape
expect_screen "back in the history" "History: Müller & Söhne GmbH"
send Escape
expect_screen "and on the company list" "▸ Müller & Söhne GmbH"
send /
send_text "SÖHNE"
expect_screen "filter folds umlauts to lower case" "Search: SÖHNE"
send Enter
expect_screen "upper-case umlaut filter finds the company" "▸ Müller & Söhne GmbH"
expect_screen "the header shows the filter as typed" 'filter "SÖHNE"'
send /
expect_screen "reopened search keeps the text as typed, not folded" "Search: SÖHNE"
send Enter
send /
send_text "xyz"
send Enter
expect_screen "no match says so" "No company matches the filter"
send Escape
expect_screen "Esc clears the filter" "▸ Müller & Söhne GmbH"
send x
expect_screen "archiving says how to see it again" "Press X to show archived companies"
expect_screen "all archived: not mistaken for an empty database" "Every company is archived."
expect_not_screen "all archived: no 'no companies yet'" "No companies yet."
send X
expect_screen "X shows the archived company" "archived shown"
expect_screen "archived company listed as archived" "archived"
send x
expect_screen "x makes it active again" "Company is active again."
send X
expect_screen "active company listed after the round trip" "▸ Müller & Söhne GmbH"
send D
expect_screen "delete asks first, naming the assessments" "1 assessment goes with it"
send n
wait_gone "This cannot be undone"
expect_screen "n keeps the company" "▸ Müller & Söhne GmbH"
send D
wait_for "This cannot be undone"
send y
expect_screen "deleted with its assessment" "Company deleted with 1 assessment."
expect_screen "now the database is empty" "No companies yet."
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
expect_eq "no company left" "" "$("$SMREADY" --db "$T/db" companies 2>/dev/null | grep -F 'Müller')"

# ---- a save while another program holds the write lock -------------------
# The store waits up to its busy timeout (5 s) for the lock; the UI says
# "Saving..." meanwhile, then that the database is locked, and a retry
# after the lock is gone saves.
SQLITE3_BIN=$(command -v sqlite3 2>/dev/null || true)
if [ -z "$SQLITE3_BIN" ]; then
	ok "# SKIP sqlite3 is not installed: no lock test"
	tap_done
fi
"$SMREADY" --db "$T/db" company add "Schloss KG" >/dev/null 2>&1
aid=$("$SMREADY" --db "$T/db" assess "Schloss KG" --fresh --assessor "Lena" 2>/dev/null)
if [ -z "$aid" ]; then not_ok "a draft to answer for the lock test"; tap_done; fi
e2e_start
expect_screen "lock test: company listed" "▸ Schloss KG"
send n
expect_screen "lock test: the draft is resumed" "Answered 0 of "
# Another program holds the write lock until this test lets go (closing
# the pipe ends it and rolls its change back), however slow the machine.
mkfifo "$T/lock.fifo"
"$SQLITE3_BIN" "$T/db" <"$T/lock.fifo" >/dev/null 2>&1 &
lock_pid=$!
exec 9>"$T/lock.fifo"
# The holder waits for the lock probe below instead of failing next to it.
printf '.bail on\n.timeout 20000\nBEGIN IMMEDIATE;\nINSERT INTO companies(uuid,name,name_key,sort_key,created) VALUES("x","x","x","x",0);\n' >&9
# Wait until the lock is held: taking it ourselves fails then (no wait).
i=0
while [ $i -lt 200 ] && printf 'BEGIN IMMEDIATE;\nROLLBACK;\n' | "$SQLITE3_BIN" -bail "$T/db" >/dev/null 2>&1; do
	sleep 0.1; i=$((i + 1))
done
send 2
expect_screen "a waiting save says so" "Saving"
expect_screen "then that the database is locked" "is locked by another program"
expect_screen "the answer is not counted" "Answered 0 of "
exec 9>&-
wait "$lock_pid"
send 2
expect_screen "after the lock is gone a retry saves" "Answered 1 of "
expect_not_screen "no saving message after a save" "Saving"
send q
expect_eq "lock test: quits cleanly" 0 "$(e2e_wait_exit)"
"$SMREADY" --db "$T/db" report "$aid" --json > "$T/lock.json" 2>/dev/null
first=$(sed -n '/"answers"/,$p' "$T/lock.json" | sed -n 's/.*"value": "*\([^",]*\)"*,*$/\1/p' | head -1)
expect_eq "the retried answer is stored" 2 "$first"
expect_eq "the other program's change was rolled back" 0 \
	"$("$SQLITE3_BIN" "$T/db" "SELECT count(*) FROM companies WHERE uuid = 'x'")"

tap_done
