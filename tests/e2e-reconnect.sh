#!/bin/sh
# e2e-reconnect.sh - the server goes away while the company list is shown
# and comes back, on a throwaway PostgreSQL server, in German at 80x24: the
# list comes back whole by itself (its keys on the bar, its companies read
# again), and Ctrl-L reads a list again at any time, so that a company or
# a draft another consultant added appears; the help names the key.
. "$top_srcdir/tests/e2e-lib.sh"
. "$top_srcdir/tests/pg-lib.sh"

if ! grep -q '^#define HAVE_POSTGRESQL 1' "$top_builddir/config.h"; then
	skip_all "built without PostgreSQL (configure --without-postgresql)"
fi
have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
pg_start
trap 'tm kill-server >/dev/null 2>&1; pg_stop; rm -rf "$T"' EXIT
psql "$PG_CONNINFO" -qAt -c "CREATE DATABASE reconnect" >/dev/null
E2E_DB="$PG_CONNINFO dbname=reconnect"
E2E_LANG=de_DE.UTF-8
cli() { LANG=C.UTF-8 "$SMREADY" --db "$E2E_DB" "$@"; }
bar() { screen | tail -1; }
cli company add "Alpha GmbH" >/dev/null || { not_ok "company add"; tap_done; }

e2e_start
expect_screen "portfolio" "Alpha GmbH"
expect_screen "with its keys on the bar" "Enter Verlauf"

# ---- the server goes away and comes back -----------------------------------
pg_halt
send X
expect_screen "the list cannot be read while the server is away" "abgebrochen"
wait_gone "Enter Verlauf" 5
expect_eq "the bar keeps only help and quit" "? Hilfe  q Beenden" "$(bar)"
pg_resume
cli company add "Beta AG" >/dev/null
expect_screen "back: the list comes back by itself, with its keys" "Enter Verlauf" 15
expect_screen "read again: the company added meanwhile is there" "Beta AG"
expect_screen "and it says so" "wieder erreichbar"

# ---- Ctrl-L reads the list again -------------------------------------------
cli company add "Gamma KG" >/dev/null
send C-l
expect_screen "Ctrl-L: another consultant's new company appears" "Gamma KG"
expect_screen "said on the message line" "Neu gelesen"
expect_not_screen "and not refused" "keine Funktion"
send '?'
expect_screen "the help" "Tasten: Unternehmen"
send End
expect_screen "names the key" "Strg+L"
expect_screen "and what it does" "Die Daten dieser Ansicht neu lesen"
send Escape
expect_screen "back on the list" "Gamma KG"

# ---- on the history too ------------------------------------------------------
send Home Enter
expect_screen "the history of Alpha" "Verlauf"
cli assess "Alpha GmbH" --assessor Bert >/dev/null
send C-l
expect_screen "Ctrl-L: the draft another started appears" "Bert"
send q
e2e_wait_exit >/dev/null
tap_done
