#!/bin/sh
# e2e-collide.sh - two consultants edit one company at once, in German at
# 80x24: the one at the screen types an industry while the other (the
# command line) saves another; the screen's is not saved over it unseen,
# says what the other wrote and keeps what was typed; Enter again saves it.
. "$top_srcdir/tests/e2e-lib.sh"

have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
E2E_LANG=de_DE.UTF-8
cli() { LANG=C.UTF-8 "$SMREADY" --db "$E2E_DB" "$@"; }
m="Kollision GmbH"
cli company add "$m" --industry Alt >/dev/null || { not_ok "company add"; tap_done; }

e2e_start
expect_screen "portfolio" "$m"
send e
expect_screen "the name first" "Name des Unternehmens"
send Enter
expect_screen "then the industry, as it was" "Branche"
cli company edit "$m" --industry "Bau" >/dev/null 2>&1
send BSpace BSpace BSpace
send_text "Handel"
send Enter
expect_screen "the other's change is not overwritten unseen" "inzwischen in „Bau“ geändert"
expect_screen "what was typed stays" "Handel"
expect_eq "theirs is still saved" "Bau" "$(cli companies --json | sed -n 's/.*"industry": "\(.*\)",*$/\1/p')"
send Enter
expect_screen "Enter again saves it: the next field" "Ansprechpartner"
send Escape
expect_eq "now it is saved over theirs" "Handel" "$(cli companies --json | sed -n 's/.*"industry": "\(.*\)",*$/\1/p')"
send q
e2e_wait_exit >/dev/null
tap_done
