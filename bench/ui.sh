#!/bin/sh
# bench/ui.sh - times the full-screen program on a large database, through
# tmux, as a user would feel it (see bench/README).  Prints figures; asserts
# nothing.
#
#   bench/ui.sh [DB]      DB defaults to /tmp/smready-bench.db
#
# Run from the build directory (BUILDDIR=DIR to name another one): it needs
# BUILDDIR/smready and BUILDDIR/bench/gen, which makes DB when it is missing
# (2000 companies x 40 assessments, 15-30 s).  Every figure is the time from
# sending the keys until the screen shows their result (capture-pane polled
# every 10 ms), so it includes tmux's own delay of a few milliseconds.
set -u
builddir=${BUILDDIR:-.}
smready=$builddir/smready
gen=$builddir/bench/gen
db=${1:-/tmp/smready-bench.db}
sock="smready-bench-$$"

for f in "$smready" "$gen"; do
	[ -x "$f" ] || { echo "ui.sh: $f is missing; build first (make && make bench/gen)" >&2; exit 1; }
done
command -v tmux >/dev/null 2>&1 || { echo "ui.sh: tmux is not installed" >&2; exit 1; }
if [ ! -f "$db" ]; then
	echo "== generating $db"
	"$gen" "$db" || exit 1
fi
echo "== database: $db ($(du -h "$db" | cut -f1)), terminal 120x40"

tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1' EXIT INT TERM
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# until TEXT: poll until TEXT is on screen (60 s at most); prints nothing,
# fails on timeout.
until_screen() {
	_end=$(( $(ms) + 60000 ))
	while [ "$(ms)" -lt "$_end" ]; do
		tm capture-pane -p -t b 2>/dev/null | grep -Fq -- "$1" && return 0
		sleep 0.01
	done
	echo "ui.sh: timed out waiting for \"$1\"" >&2
	return 1
}
# step NAME TEXT KEY...: sends the keys, prints the time until TEXT shows.
step() {
	_name=$1 _text=$2
	shift 2
	_t0=$(ms)
	tm send-keys -t b "$@"
	until_screen "$_text" && printf '%-34s %6d ms\n' "$_name" $(( $(ms) - _t0 ))
}

# The company the portfolio lists last (by name, archived ones hidden).
last=$("$smready" --db "$db" companies 2>/dev/null | tail -1 | sed -E 's/^ *[0-9]+ +//' | cut -c1-16)

t0=$(ms)
tm new-session -d -s b -x 120 -y 40 \
	"env LANG=C.UTF-8 LC_ALL= LANGUAGE= TERM=screen '$smready' --db '$db'" || exit 1
until_screen "sorted by name" && printf '%-34s %6d ms\n' "start to first portfolio screen" $(( $(ms) - t0 ))

# 100 x PgDn: the list ends long before 100 pages, so the time until the
# last company shows, then until a sort key sent after them is handled.
keys=""
i=0
while [ $i -lt 100 ]; do keys="$keys NPage"; i=$((i + 1)); done
t0=$(ms)
# shellcheck disable=SC2086
tm send-keys -t b $keys
until_screen "$last" && printf '%-34s %6d ms\n' "100 x PgDn: last page shown" $(( $(ms) - t0 ))
step "100 x PgDn: all handled (+ sort)" "sorted by score" s
step "sort: by change" "sorted by change" s
step "sort: by due date" "sorted by due date" s
step "sort: by name" "sorted by name" s
step "open a history (40 assessments)" "Overall score over time" Home Enter
step "back to the portfolio" "sorted by name" Escape
step "open the last company's history" "Overall score over time" End Enter
t0=$(ms)
tm send-keys -t b q
while tm has-session -t b 2>/dev/null && [ $(( $(ms) - t0 )) -lt 10000 ]; do sleep 0.01; done
printf '%-34s %6d ms\n' "quit" $(( $(ms) - t0 ))
