#!/bin/sh
# cli-escapes.sh - no terminal escape reaches the terminal: file names in
# messages, the JSON parser's view of a file, and text another program
# wrote into the database (companies, history, reports, CSV) all pass one
# escaping function and show the ESC byte as the text \x1b.
. "$top_srcdir/tests/tap.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP the sqlite3 shell is not installed"; exit 0; }

db=$T/db
s() { "$SMREADY" --db "$db" "$@"; }
esc=$(printf '\033')
# no_esc DESCRIPTION FILE: the file holds no ESC byte and shows \x1b instead
no_esc() {
	if grep -q "$esc" "$2"; then not_ok "$1: no raw ESC"; diag "$(od -c "$2" | head -5)"
	else ok "$1: no raw ESC"; fi
	expect_match "$1: shown as \\x1b" "$2" '\\x1b'
}

s company add "Anna" >/dev/null || not_ok "setup"
s import "$(printf 'evil\033[31m.json')" >"$T/o" 2>"$T/e"
no_esc "a file name in a message" "$T/e"
printf '\033[2J' >"$T/e.json"
s import "$T/e.json" >"$T/o" 2>"$T/e"
no_esc "the JSON parser's error token" "$T/e"
s export -o "$(printf '%s/out\033]0;x\007' "$T")" >"$T/o" 2>"$T/e"
s export -o "$(printf '/nonexistent/\033]0;x\007')" >"$T/o" 2>"$T/e2"
no_esc "an export file name that cannot be written" "$T/e2"
id=$(s assess Anna 2>/dev/null)
s answer "$id" goals.purpose 3 >/dev/null
s finish "$id" >/dev/null
s report Anna -o "$(printf '/nonexistent/r\033[5m.txt')" >"$T/o" 2>"$T/e"
no_esc "a report file name in a message" "$T/e"

# Another program writes escape sequences into the database.
sqlite3 "$db" "UPDATE companies SET name = 'Evil' || char(27) || '[31mRed', industry = char(27) || ']0;owned' || char(7) WHERE name = 'Anna'; UPDATE answers SET note = 'see' || char(27) || '[2J' WHERE item_key = 'goals.purpose';"
s companies >"$T/c" 2>&1
no_esc "the company list" "$T/c"
s history "#1" --json >"$T/h" 2>&1
if grep -q "$esc" "$T/h"; then not_ok "history --json has no raw ESC"; else ok "history --json has no raw ESC"; fi
s report "#1" >"$T/r" 2>&1
no_esc "the text report on standard output" "$T/r"
s report "#1" -o "$T/r.md" --format markdown >/dev/null 2>&1
no_esc "a Markdown report file" "$T/r.md"
s export --format csv -o "$T/x.csv" >/dev/null 2>&1
no_esc "a CSV export" "$T/x.csv"
s export -o "$T/x.json" >/dev/null 2>&1
if grep -q "$esc" "$T/x.json"; then not_ok "the JSON export escapes it as JSON does"
else ok "the JSON export escapes it as JSON does"; fi
expect_match "and keeps it, as \\u001b" "$T/x.json" 'Evil\\u001[bB]\[31mRed'
tap_done
