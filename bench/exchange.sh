#!/bin/sh
# bench/exchange.sh - times "smready export" (JSON and CSV) and "smready
# import" on the benchmark database made by bench/gen, and prints each
# run's peak memory (RSS), once for a small and once for the large
# database: the exports stream, so their peak RSS should barely grow.
#
# Usage: bench/exchange.sh [BUILDDIR] [COMPANIES] [ASSESSMENTS]
#        (defaults: the current directory, 2000 companies, 40 assessments)
# Prints figures only; it asserts nothing about time.
set -eu
BUILD=${1:-.}
NC=${2:-2000}
NA=${3:-40}
SMREADY=$BUILD/smready
GEN=$BUILD/bench/gen
for p in "$SMREADY" "$GEN"; do
	[ -x "$p" ] || { echo "bench/exchange.sh: $p is not built (run make first)" >&2; exit 1; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/smready-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
SMREADY_NOW=1795000000; export SMREADY_NOW

have_time=no
if [ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null; then have_time=yes; fi

# run LABEL COMMAND...: one line with wall time and peak RSS.
run() {
	label=$1; shift
	if [ $have_time = yes ]; then
		/usr/bin/time -v "$@" > "$W/out" 2> "$W/time" || { cat "$W/time" >&2; exit 1; }
		wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$W/time")
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$W/time")
		printf '%-34s %12s %10s MB\n' "$label" "$wall" "$((rss / 1024))"
	else
		t0=$(date +%s.%N)
		"$@" > "$W/out" || exit 1
		t1=$(date +%s.%N)
		printf '%-34s %12s %13s\n' "$label" "$(echo "$t1 - $t0" | bc)s" "(no RSS)"
	fi
}

bench() {  # COMPANIES ASSESSMENTS
	db="$W/db-$1-$2"
	"$GEN" "$db" "$1" "$2" > /dev/null
	echo "== $1 companies x $2 assessments ($(du -k "$db" | cut -f1) KB database)"
	run "export json" "$SMREADY" --db "$db" export --all -o "$W/x.json"
	run "export csv" "$SMREADY" --db "$db" export --all --format csv -o "$W/x.csv"
	echo "   JSON $(du -k "$W/x.json" | cut -f1) KB, CSV $(du -k "$W/x.csv" | cut -f1) KB"
	run "import --dry-run (empty database)" "$SMREADY" --db "$W/dry-$1" import --dry-run "$W/x.json"
	run "import (empty database)" "$SMREADY" --db "$W/new-$1" import "$W/x.json"
	run "import again (all unchanged)" "$SMREADY" --db "$W/new-$1" import "$W/x.json"
	"$SMREADY" --db "$W/new-$1" export --all -o "$W/y.json"
	if cmp -s "$W/x.json" "$W/y.json"; then echo "   round trip: identical JSON"
	else echo "   round trip: JSON DIFFERS"; fi
}

printf '%-34s %12s %13s\n' "run" "wall" "peak RSS"
bench 20 4
bench "$NC" "$NA"
