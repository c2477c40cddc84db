#!/bin/sh
# e2e-sort.sh - the company list in the order asked for, as the filter
# narrows it and after a change reloads it: each order is sorted once a
# load (ui-portfolio.c keeps it), so these pin that what is kept follows
# the rows: the filter keeps the sort's order, and after a delete neither
# the order nor the filter shows the company that is gone.
. "$top_srcdir/tests/e2e-lib.sh"

"$SMREADY" --db "$T/db" demo >/dev/null 2>&1 || not_ok "setup: demo"
# The names on screen, top to bottom, each by its first word.
order() {
	screen | sed -n 's/^[ ▸]*\(Bäckerei\|Fahrradladen\|Physiopraxis\|Tischlerei\) .*/\1/p' |
		tr '\n' ' ' | sed 's/ $//'
}
# expect_order DESC WANT: wait until the list reads WANT
expect_order() {
	_i=0
	while [ $_i -lt $((10 * E2E_SLOW)) ] && [ "$(order)" != "$2" ]; do
		sleep 0.1; _i=$((_i + 1))
	done
	expect_eq "$1" "$2" "$(order)"
}

e2e_start
expect_screen "the samples are listed" "4 companies"
expect_order "by name at first" "Bäckerei Fahrradladen Physiopraxis Tischlerei"
send s
expect_screen "s sorts by score" "sorted by score"
expect_order "highest score first" "Physiopraxis Bäckerei Tischlerei Fahrradladen"
expect_screen "the cursor follows its company" "▸ Bäckerei"
send /
send_text "ra"
expect_screen "a filter" "Search: ra"
expect_order "the filter keeps the order by score" "Physiopraxis Tischlerei Fahrradladen"
send Enter
send Escape
expect_order "Esc: every company again, still by score" \
	"Physiopraxis Bäckerei Tischlerei Fahrradladen"
send s
expect_screen "s again: by change" "sorted by change"
expect_order "largest rise first" "Tischlerei Fahrradladen Bäckerei Physiopraxis"
send s s s s
expect_screen "round to score again (due date, actions and name between)" "sorted by score"
expect_order "by score as before" "Physiopraxis Bäckerei Tischlerei Fahrradladen"
send Home Down
expect_screen "the cursor on the second" "▸ Bäckerei"
send D
wait_for "This cannot be undone"
send y
expect_screen "the company is deleted" "Company deleted with"
expect_order "the reloaded list by score, without it" "Physiopraxis Tischlerei Fahrradladen"
send s s s s s
expect_screen "round the orders once more" "sorted by score"
expect_order "still without it" "Physiopraxis Tischlerei Fahrradladen"
send /
send_text "ch"
expect_order "a filter on the reloaded list, by score" "Tischlerei Fahrradladen"
send Enter
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
