#!/bin/sh
# e2e-chart: the history's chart of a long history (60 quarters and an open
# draft) at 80x24, 120x40, 60x24 and the 60x16 minimum, in a UTF-8 and an
# ASCII locale and in German: the first and the last final assessment's
# dates are on the chart's date row, the chart says when it shows only the
# newest ones, and no line is wider than the terminal.
. "$top_srcdir/tests/e2e-lib.sh"

export TZ=UTC
db="$T/db"
cli() { "$SMREADY" --db "$db" "$@"; }
C="Zehn Jahre GmbH"
N=60

cli company add "$C" >/dev/null 2>&1 || { not_ok "company added"; tap_done; }
# One final assessment a quarter from 2010 on, three answers each (enough
# for a score that moves), then an open draft.
q=1
while [ $q -le $N ]; do
	now=$((1262304000 + q * 7862400))
	a=$(SMREADY_NOW=$now cli assess "$C" 2>/dev/null)
	SMREADY_NOW=$now cli answer "$a" goals.purpose $((q % 5)) >/dev/null 2>&1
	SMREADY_NOW=$now cli answer "$a" channels.audience $(((q / 3) % 5)) >/dev/null 2>&1
	SMREADY_NOW=$now cli answer "$a" skills.learning $(((q / 7) % 5)) >/dev/null 2>&1
	SMREADY_NOW=$now cli finish "$a" >/dev/null 2>&1
	q=$((q + 1))
done
SMREADY_NOW=$((1262304000 + (N + 1) * 7862400)) cli assess "$C" >/dev/null 2>&1
finished=$(cli history "$C" | awk '$3 == "final" { print $5 }')
first=$(echo "$finished" | tail -1)
last=$(echo "$finished" | head -1)
eighth=$(echo "$finished" | sed -n 53p)     # the oldest of the newest 53
expect_eq "$N final assessments made through the command line" "$N" "$(echo "$finished" | grep -c .)"

# chart_dates FROM TO: one TAP line: a line of the screen holds both dates
# (the chart's date row; the list below has one date a line).
chart_dates() {
	_i=0
	while [ $_i -lt 50 ]; do
		screen | grep -F -- "$1" | grep -Fq -- "$2" && break
		sleep 0.1
		_i=$((_i + 1))
	done
	if screen | grep -F -- "$1" | grep -Fq -- "$2"; then ok "$3: dates $1 and $2 on the chart"
	else not_ok "$3: dates $1 and $2 on the chart"; dump_screen; fi
}
# fits COLUMNS DESC: no captured line is wider than the terminal.
fits() {
	_w=$(screen | while IFS= read -r _l; do printf '%s\n' "$_l" | LC_ALL=C.UTF-8 wc -L; done |
		sort -n | tail -1)
	if [ "${_w:-999}" -le "$1" ]; then ok "$2: no line wider than $1 columns"
	else not_ok "$2: no line wider than $1 columns (widest: $_w)"; dump_screen; fi
}
resize() {
	tm resize-window -t t -x "$1" -y "$2"
	sleep 0.3
}

e2e_start
expect_screen "portfolio" "$C"
send Enter
expect_screen "history with the chart" "Overall score over time"
chart_dates "$first" "$last" "80x24"
expect_not_screen "80x24: all $N fit, no note" "showing the last"
expect_screen "80x24: the levels are written as a legend" "Nearly ready"
screen > "$T/hist80.txt"
expect_match "80x24: rows hidden below the list are shown by an arrow" "$T/hist80.txt" ' ▼$'
fits 80 "80x24"
resize 120 40
chart_dates "$first" "$last" "120x40"
fits 120 "120x40"
resize 60 24
expect_screen "60x24: says that only the newest are shown" "showing the last 53 of $N"
chart_dates "$eighth" "$last" "60x24 (the newest 53)"
fits 60 "60x24"
resize 60 16
expect_screen "60x16: the list is still there" "Assessor"
fits 60 "60x16"
resize 80 24
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

# ---- without UTF-8: the ASCII fallback ------------------------------------
E2E_LANG=C
e2e_start
wait_for "$C"
send Enter
expect_screen "ASCII: history with the chart" "Overall score over time"
chart_dates "$first" "$last" "ASCII 80x24"
expect_screen "ASCII: level marks in the legend" "# Ready  + Nearly ready"
fits 80 "ASCII 80x24"
send q
expect_eq "ASCII: quits cleanly" 0 "$(e2e_wait_exit)"

# ---- German ------------------------------------------------------------------
if have_locale de_DE.UTF-8 &&
	grep -aq "Gesamtpunktzahl im Zeitverlauf" "${SMREADY_LOCALEDIR:-}/de/LC_MESSAGES/smready.mo" 2>/dev/null; then
	E2E_LANG=de_DE.UTF-8
	e2e_start
	wait_for "$C"
	send Enter
	expect_screen "German: history with the chart" "Gesamtpunktzahl im Zeitverlauf"
	# dates in the German form: 13.12.2024
	de() { echo "$1" | sed -E 's/^([0-9]{4})-([0-9]{2})-([0-9]{2})$/\3.\2.\1/'; }
	chart_dates "$(de "$first")" "$(de "$last")" "German 80x24"
	fits 80 "German 80x24"
	resize 60 24
	chart_dates "$(de "$eighth")" "$(de "$last")" "German 60x24"
	fits 60 "German 60x24"
	send q
	expect_eq "German: quits cleanly" 0 "$(e2e_wait_exit)"
else
	ok "# SKIP German: no de_DE.UTF-8 locale or catalogue"
fi
tap_done
