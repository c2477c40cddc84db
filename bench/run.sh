#!/bin/sh
# bench/run.sh - times smready on a large database (see bench/README).
#
#   bench/run.sh [BUILDDIR]      BUILDDIR holds smready and bench/gen (default .)
#
# BENCH_DB names the database (default BUILDDIR/bench/bench.db; generated with
# bench/gen when missing, 2000 companies x 40 assessments, which takes a
# while).  BENCH_RUNS sets how often each command runs (default 10).
set -u
builddir=${1:-.}
smready=$builddir/smready
gen=$builddir/bench/gen
db=${BENCH_DB:-$builddir/bench/bench.db}
runs=${BENCH_RUNS:-10}
company="Firma 01001 GmbH"      # a company of bench/gen with a final assessment

for f in "$smready" "$gen"; do
	[ -x "$f" ] || { echo "run.sh: $f is missing; build first (make && make bench/gen)" >&2; exit 1; }
done
if [ ! -f "$db" ]; then
	echo "== generating $db"
	"$gen" "$db" || exit 1
fi
echo "== database: $db ($(du -h "$db" | cut -f1))"

echo "== store-level reads (bench/gen --time)"
"$gen" --time "$db"

# name|arguments after "smready --db DB"
cmds="companies|companies
history|history '$company'
compare|compare '$company'
report|report '$company'"

echo "== smready commands ($runs runs each)"
echo "$cmds" | while IFS='|' read -r name args; do
	line="'$smready' --db '$db' $args"
	if ! eval "$line" >/dev/null 2>"${TMPDIR:-/tmp}/bench-err.$$"; then
		echo "$name: fails: $(head -n 1 "${TMPDIR:-/tmp}/bench-err.$$")"
		continue
	fi
	if command -v hyperfine >/dev/null 2>&1; then
		echo "$name:"
		hyperfine --style basic --warmup 2 --runs "$runs" --export-markdown /dev/null \
			-n "$name" "$line >/dev/null" 2>&1 | grep -E 'Time|Range'
	else
		start=$(date +%s%N)
		i=0
		while [ $i -lt "$runs" ]; do
			eval "$line" >/dev/null 2>&1
			i=$((i + 1))
		done
		end=$(date +%s%N)
		echo "$name: mean $(( (end - start) / runs / 1000000 )) ms over $runs runs"
	fi
	if [ -x /usr/bin/time ]; then
		rss=$(eval "/usr/bin/time -v $line" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
		echo "$name: peak RSS ${rss:-?} KiB"
	fi
done
rm -f "${TMPDIR:-/tmp}/bench-err.$$"
