#!/bin/sh
# bench/ui-cost.sh - the instructions each keystroke of the full-screen
# program costs, counted by valgrind's callgrind (repeatable on a busy
# machine, unlike times), driven through tmux at 120x40 (see bench/README).
#
#   bench/ui-cost.sh [BUILDDIR] DB
#
# Prints one line a step with its instruction count and the target of
# issue 12: the first frame and the return to the portfolio beside the
# sqlite3 shell's portfolio query (bench/floor/portfolio.sql, also under
# callgrind), every other keystroke against 3 M instructions; and the peak
# memory of the program at the end.  Needs tmux and valgrind; asserts
# nothing.
set -u
builddir=${1:-.}
db=${2:?usage: bench/ui-cost.sh [BUILDDIR] DB}
here=$(cd "$(dirname "$0")" && pwd)
smready=$(cd "$builddir" && pwd)/smready
for t in tmux valgrind callgrind_control sqlite3; do
	command -v $t >/dev/null 2>&1 || { echo "ui-cost.sh: $t is not installed" >&2; exit 1; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/smready-ui.XXXXXX") || exit 1
sock="smready-ui-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; [ -n "${UI_KEEP:-}" ] || rm -rf "$W"' EXIT INT TERM

# The floor: the portfolio query in the sqlite3 shell, under callgrind too.
valgrind --tool=callgrind --callgrind-out-file="$W/floor.cg" \
	sqlite3 -readonly "$db" < "$here/floor/portfolio.sql" > /dev/null 2> "$W/floor.err"
floor=$(sed -n 's/^summary: //p; s/^totals: //p' "$W/floor.cg" | head -1)

shot() { tm capture-pane -p -t u; }
# until TEXT: wait (10 min at most, callgrind is slow) until TEXT shows
until_screen() {
	_i=0
	while [ $_i -lt 6000 ]; do
		shot | grep -Fq -- "$1" && return 0
		sleep 0.1; _i=$((_i + 1))
	done
	echo "ui-cost.sh: timed out waiting for \"$1\"" >&2
	return 1
}
# until_changed BEFORE-FILE: wait until the screen differs from it (and a
# little longer, for the rest of the frame)
until_changed() {
	_i=0
	while [ $_i -lt 3000 ]; do
		shot > "$W/now"
		cmp -s "$1" "$W/now" || { sleep 1; return 0; }
		sleep 0.1; _i=$((_i + 1))
	done
	return 1
}

# The steps, a key (tmux name) each, and their targets.  Run k starts the
# program under callgrind, waits for the first frame, presses the first k
# keys (each until the screen has changed) and ends the program with
# SIGTERM; a step costs the difference between its run and the one before.
names="first frame|move down one line|start a search (/)|one search character|back (Esc: leave the search)|sort (by score)|open (a history)|return to the portfolio"
targets="<=1.1x floor|<=3 M|<=3 M|<=3 M|<=3 M|<=3 M|<=3 M (re-reads)|<=1.1x floor"
keys="Down / F Escape s Enter Escape"
# total K: the instructions of run K
total() {
	tm kill-session -t u > /dev/null 2>&1
	rm -f "$W/pid" "$W/ui.cg"
	tm new-session -d -s u -x 120 -y 40 "echo \$\$ > '$W/pid'; exec env LANG=C.UTF-8 LC_ALL= \
LANGUAGE= TERM=screen valgrind --tool=callgrind --callgrind-out-file='$W/ui.cg' \
'$smready' --db '$db' 2> '$W/valgrind.err'" || return 1
	until_screen "sorted by name" || return 1
	_k=0
	for _key in $keys; do
		[ $_k -lt "$1" ] || break
		shot > "$W/before"
		tm send-keys -t u "$_key"
		until_changed "$W/before" || echo "ui-cost.sh: key $_key changed nothing on screen" >&2
		_k=$((_k + 1))
	done
	_pid=$(cat "$W/pid")
	kill -TERM "$_pid" 2>/dev/null
	_i=0
	while kill -0 "$_pid" 2>/dev/null && [ $_i -lt 600 ]; do sleep 0.1; _i=$((_i + 1)); done
	sed -n 's/^summary: //p; s/^totals: //p' "$W/ui.cg" | head -1
}

printf '%-34s %16s  %s\n' "UI step ($(sqlite3 "$db" 'SELECT count(*) FROM companies') companies)" \
	instructions target
printf '%-34s %14.1f M\n' "floor: the portfolio query" "$(awk -v f="$floor" 'BEGIN {print f / 1e6}')"
prev=0
k=0
for step in 1 2 3 4 5 6 7 8; do
	t=$(total $k)
	name=$(echo "$names" | cut -d'|' -f$step)
	target=$(echo "$targets" | cut -d'|' -f$step)
	awk -v name="$name" -v ir="${t:-0}" -v prev="$prev" -v t="$target" -v fl="$floor" 'BEGIN {
		d = ir - prev
		printf "%-34s %14.1f M  %-18s %s\n", name, d / 1e6, t,
		       (t ~ /floor/ && fl > 0 ? sprintf("%.2fx the floor", d / fl) : "")
	}'
	prev=${t:-0}
	k=$((k + 1))
done

# Peak memory, without valgrind: the same steps, then quit.
if [ -x /usr/bin/time ]; then
	tm kill-session -t u > /dev/null 2>&1
	tm new-session -d -s u -x 120 -y 40 "exec env LANG=C.UTF-8 LC_ALL= LANGUAGE= TERM=screen \
/usr/bin/time -f %M -o '$W/rss' '$smready' --db '$db'" || exit 1
	until_screen "sorted by name"
	for k in Down / F Escape s Enter Escape; do
		shot > "$W/before"; tm send-keys -t u "$k"; until_changed "$W/before"
	done
	tm send-keys -t u q
	_i=0
	while [ ! -s "$W/rss" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
	printf '%-34s %14.1f MiB  %s\n' "peak memory (RSS)" \
		"$(awk '{print $1 / 1024}' "$W/rss" 2>/dev/null)" "<16 MiB"
fi
