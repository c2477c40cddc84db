#!/bin/sh
# e2e-readonly: a database opened read-only (--read-only, or a file the
# user cannot write) shows a read-only notice; every write is refused with
# a message and the program keeps running; the file is unchanged.
. "$top_srcdir/tests/e2e-lib.sh"

"$SMREADY" --db "$T/db" demo >/dev/null 2>&1 || { not_ok "demo data"; tap_done; }
"$SMREADY" --db "$T/db" companies > "$T/before.txt" 2>&1
sum_before=$(cksum < "$T/db")

# refused DESC KEY: the key's write is refused with a message.  Up first
# clears the previous message, so the check cannot see an old one.
refused() {
	send Up
	wait_gone "nothing can be changed"
	send "$2"
	expect_screen "$1" "read-only: nothing can be changed"
}

e2e_start -- --read-only
expect_screen "read-only notice in the title bar" "READ-ONLY"
expect_screen "read-only explained on the status line" "Opened read-only"
expect_screen "data is shown" "Bäckerei Morgenrot"
screen | tail -1 > "$T/bar"
expect_no_match "the bar offers no key that writes" "$T/bar" '(^| )(n|r|a) '
expect_match "but reading ones" "$T/bar" 'Enter History'

refused "adding a company is refused" a
expect_not_screen "no name prompt" "Name of the new company"
refused "starting an assessment is refused" n
expect_not_screen "no form opened" "Answered 0 of"
refused "archiving is refused" x
refused "deleting is refused" D
refused "sample data refused" S
send Enter
expect_screen "history can still be read" "Overall score over time"
refused "reopening is refused" o
send Enter
expect_screen "results can still be read" "Score per dimension"
send Escape Escape
wait_for "Companies"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

"$SMREADY" --db "$T/db" companies > "$T/after.txt" 2>&1
if cmp -s "$T/before.txt" "$T/after.txt"; then ok "companies unchanged"
else not_ok "companies unchanged"; diff "$T/before.txt" "$T/after.txt" | sed 's/^/# /'; fi
expect_eq "database file unchanged" "$sum_before" "$(cksum < "$T/db")"

# A file without write permission opens read-only by itself (not for root,
# who may write anyway).
if [ "$(id -u)" != 0 ]; then
	chmod a-w "$T/db" "$T"
	e2e_start
	expect_screen "unwritable file: read-only notice" "READ-ONLY"
	send a
	expect_screen "unwritable file: add refused" "read-only: nothing can be changed"
	send q
	expect_eq "unwritable file: quits cleanly" 0 "$(e2e_wait_exit)"
	chmod u+w "$T/db" "$T"
else
	ok "# SKIP unwritable file: running as root"
fi

# A database found damaged opens read-only, and the screen says why.
cp "$T/db" "$T/dmg.db"
root=$(sqlite3 "$T/dmg.db" "SELECT rootpage FROM sqlite_master WHERE name = 'answers'")
psize=$(sqlite3 "$T/dmg.db" "PRAGMA page_size")
head -c "$psize" /dev/zero | tr '\0' 'Z' |
	dd of="$T/dmg.db" bs="$psize" seek=$((root - 1)) count=1 conv=notrunc 2>/dev/null
"$SMREADY" --db "$T/dmg.db" check >/dev/null 2>&1
expect_eq "check finds the damage" 3 $?
sum_dmg=$(cksum < "$T/dmg.db")
e2e_start -- --db "$T/dmg.db"
expect_screen "damaged database: read-only in the title bar" "READ-ONLY"
expect_screen "damaged database: the damage is said on start" "The database is damaged"
send a
expect_not_screen "damaged database: no name prompt" "Name of the new company"
send q
expect_eq "damaged database: quits cleanly" 0 "$(e2e_wait_exit)"
expect_eq "damaged database: file unchanged" "$sum_dmg" "$(cksum < "$T/dmg.db")"

# Damage where the companies are: the list says it cannot be read, never
# "No companies yet" with add and samples on offer.
cp "$T/db" "$T/dmg2.db"
root=$(sqlite3 "$T/dmg2.db" "SELECT rootpage FROM sqlite_master WHERE name = 'companies'")
head -c "$psize" /dev/zero | tr '\0' 'Z' |
	dd of="$T/dmg2.db" bs="$psize" seek=$((root - 1)) count=1 conv=notrunc 2>/dev/null
e2e_start -- --db "$T/dmg2.db"
expect_screen "unreadable companies: said so" "The companies cannot be read."
expect_not_screen "unreadable companies: not taken for none" "No companies yet"
screen | tail -1 > "$T/bar"
expect_no_match "unreadable companies: no add or samples on the bar" "$T/bar" '(^| )(a|S) '
send q
expect_eq "unreadable companies: quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
