#!/bin/sh
# e2e-offline.sh - the server goes away in the middle of an assessment, in
# German at 80x24, on a throwaway PostgreSQL server: the answers typed
# meanwhile are shown as not saved and kept in a file at once; when the
# server is back they are saved by themselves; quitting with some left
# asks first and keeps the file; a kill -9 loses none of them, and the
# next start takes the files into the database (and only that database,
# never a copy of it).
. "$top_srcdir/tests/e2e-lib.sh"
. "$top_srcdir/tests/pg-lib.sh"

if ! grep -q '^#define HAVE_POSTGRESQL 1' "$top_builddir/config.h"; then
	# configure said so loudly (--without-postgresql); nothing to run
	skip_all "built without PostgreSQL (configure --without-postgresql)"
fi
have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
pg_start
trap 'tm kill-server >/dev/null 2>&1; pg_stop; rm -rf "$T"' EXIT
psql "$PG_CONNINFO" -qAt -c "CREATE DATABASE offline" >/dev/null
E2E_DB="$PG_CONNINFO dbname=offline"
E2E_LANG=de_DE.UTF-8
cli() { LANG=C.UTF-8 "$SMREADY" --db "$E2E_DB" "$@"; }
kept() { ls "$XDG_DATA_HOME"/smready/unsaved-*.json 2>/dev/null; }
m="Müller & Söhne GmbH"
cli company add "$m" >/dev/null || { not_ok "company add"; tap_done; }

# ---- the server goes away, and comes back --------------------------------
e2e_start
expect_screen "portfolio" "$m"
send n
expect_screen "who assesses" "Wer führt diese Bewertung durch"
send Enter
expect_screen "the questionnaire" "0 von 26 beantwortet"
send 4 3
expect_screen "two answers" "2 von 26 beantwortet"
pg_halt
send 2
expect_screen "an answer the server did not take is kept, and said so" "Nicht gespeichert"
send 1
expect_screen "the form counts what is not saved" "2 noch nicht gespeichert"
expect_screen "and goes on counting the answers" "4 von 26 beantwortet"
check "they are in a file at once" test -n "$(kept)"
check "which names both answers" grep -q '"goals.achievable"' $(kept)
send f
expect_screen "finishing waits for the server" "erst, wenn der Server wieder"
send '?'
expect_screen "the help opens while the server is away" "Esc"
send Escape
expect_screen "and back, the form is still there" "4 von 26 beantwortet"
expect_screen "saying it shows what it showed" "wie sie zuletzt"
pg_resume
expect_screen "back: the kept answers are saved by themselves" "Der Server ist wieder da" 15
wait_gone "noch nicht gespeichert" 5
check "and the file is gone" test -z "$(kept)"
cli report "$m" --json >"$T/r.json" 2>/dev/null
check "the database has every answer" grep -q '"answered": 4' "$T/r.json"

# ---- quitting with answers left -------------------------------------------
pg_halt
send 0
expect_screen "another answer kept" "1 noch nicht gespeichert"
send Escape
expect_screen "back on the portfolio" "$m"
send q
expect_screen "quitting asks first" "nicht gespeichert: Der Server ist nicht erreichbar"
expect_screen "and names the file" "unsaved-"
send Escape
expect_screen "Esc stays" "Unternehmen"
send q
expect_screen "asked again" "Erneut versuchen"
send q
status=$(e2e_wait_exit)
expect_eq "q quits, keeping the file" 0 "$status"
check "the file is there" test -n "$(kept)"

# ---- a copy with the same drafts is not where the file belongs ------------
pg_resume
cli export --all >"$T/all.json" 2>/dev/null
LANG=C.UTF-8 "$SMREADY" --db "$T/copy.db" import "$T/all.json" >/dev/null 2>&1
server=$E2E_DB
E2E_DB="$T/copy.db"
e2e_start
expect_screen "a copy of the server names the file" "früheren Sitzung"
send q
expect_eq "and quits" 0 "$(e2e_wait_exit)"
check "leaving the file for the server" test -n "$(kept)"
LANG=C.UTF-8 "$SMREADY" --db "$T/copy.db" report "$m" --json >"$T/copy.json" 2>&1
check "whose answer the copy did not take" grep -q '"answered": 4' "$T/copy.json"
E2E_DB=$server

# ---- the next start; a kill -9 one keystroke after an answer -------------
e2e_start
expect_screen "the next start takes the kept file in" "solange der Server nicht erreichbar" 15
check "and no file is left" test -z "$(kept)"
cli report "$m" --json >"$T/r2.json" 2>/dev/null
check "the database has the fifth answer" grep -q '"answered": 5' "$T/r2.json"
send n
expect_screen "the draft again" "5 von 26 beantwortet"
pg_halt
send 4
expect_screen "an answer while the server is away" "Nicht gespeichert"
send Down               # the one keystroke after it
kill -KILL "$(e2e_pid)"
expect_eq "killed" 137 "$(e2e_wait_exit)"
check "the kept answer outlives kill -9" test -n "$(kept)"
pg_resume
e2e_start
expect_screen "and the next start saves it" "solange der Server nicht erreichbar" 15
check "leaving no file" test -z "$(kept)"
cli report "$m" --json >"$T/r3.json" 2>/dev/null
check "the database has all six answers" grep -q '"answered": 6' "$T/r3.json"
send q
expect_eq "quits at once, nothing is left unsaved" 0 "$(e2e_wait_exit)"

# ---- the next start, when a colleague answered the same question later ----
e2e_start
send n
expect_screen "the draft once more" "6 von 26 beantwortet"
pg_halt
send 3
expect_screen "one more answer kept" "1 noch nicht gespeichert"
send q
expect_screen "quitting asks" "Erneut versuchen"
send q
expect_eq "q quits, keeping the file" 0 "$(e2e_wait_exit)"
item=$(sed -n 's/.*"item": "\([a-z_.]*\)".*/\1/p' $(kept) | head -1)
check "the file names the kept answer" test -n "$item"
pg_resume
sleep 1                 # the colleague's answer is the later one
cli answer "$m" "$item" 1 >/dev/null
e2e_start
expect_screen "the next start says the colleague's later answer was kept" \
	"inzwischen jemand anderes geändert" 15
expect_screen "and that none of the file's went in" "gespeichert: 0"
check "no file is left" test -z "$(kept)"
cli report "$m" --json >"$T/r4.json" 2>/dev/null
expect_eq "the colleague's answer stands" '"value": 1,' \
	"$(grep -A2 "\"key\": \"$item\"" "$T/r4.json" | sed -n 's/^ *\("value"\)/\1/p')"
send q
expect_eq "and quits" 0 "$(e2e_wait_exit)"
tap_done
