#!/bin/sh
# bench/run.sh - smready beside its floor, the sqlite3 shell running the same
# queries on the same file (bench/floor/*.sql), at several sizes; prints one
# table with the targets of issue 12 beside the figures (see bench/README).
#
#   bench/run.sh [BUILDDIR]      BUILDDIR holds smready and bench/gen (default .)
#
# BENCH_DATA    where the databases and exports go (default BUILDDIR/bench/data;
#               20,000 companies take about 1 GB, their JSON export 2.8 GB)
# BENCH_SIZES   sizes as COMPANIESxASSESSMENTS (default "200x40 2000x40 20000x40")
# BENCH_RUNS    paired runs per row (default 5); BENCH_BIG_RUNS for the export
#               and import rows at 20,000 companies (default 1)
# BENCH_UI=1    also the UI keystrokes (bench/ui-cost.sh) at the largest size
#
# Each row runs smready and the floor in turn, A B A B ..., and prints the
# median wall time of each, the median of the ratios pair by pair, and the
# largest peak memory (RSS) of each, as the kernel counted them.  Targets
# are printed, not asserted: the machine may be shared.
set -u
builddir=${1:-.}
here=$(cd "$(dirname "$0")" && pwd)
smready=$(cd "$builddir" && pwd)/smready
gen=$(cd "$builddir" && pwd)/bench/gen
data=${BENCH_DATA:-$builddir/bench/data}
sizes=${BENCH_SIZES:-200x40 2000x40 20000x40}
runs=${BENCH_RUNS:-5}
big_runs=${BENCH_BIG_RUNS:-1}
floor=$here/floor
SMREADY_NOW=1795000000; export SMREADY_NOW
LC_ALL=C.UTF-8; export LC_ALL

for f in "$smready" "$gen"; do
	[ -x "$f" ] || { echo "run.sh: $f is missing; build first (make && make bench/gen)" >&2; exit 1; }
done
command -v sqlite3 >/dev/null 2>&1 || { echo "run.sh: the sqlite3 shell is not installed" >&2; exit 1; }
mkdir -p "$data" || exit 1
W=$(mktemp -d "${TMPDIR:-/tmp}/smready-bench.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT INT TERM

. "$here/lib.sh"

# row NAME SIZE N TARGET MEMTARGET PREP -- SMREADY-RUN -- FLOOR-RUN
# Each run is "IN OUT CMD ARG..." as for bench/gen --run; PREP (a shell
# command, may be :) runs before each of them, untimed.
row() {
	_name=$1 _size=$2 _n=$3 _target=$4 _mtarget=$5 _prep=$6
	shift 7
	pair_args "$@"
	: > "$W/a"; : > "$W/b"; : > "$W/r"
	_i=0
	while [ $_i -lt "$_n" ]; do
		eval "$_prep"; : > "$W/one"; eval "one $_a"; cat "$W/one" >> "$W/a"; _ta=$(cut -d' ' -f1 "$W/one")
		if [ -n "$_b" ]; then
			eval "$_prep"; : > "$W/one"; eval "one $_b"; cat "$W/one" >> "$W/b"
			_tb=$(cut -d' ' -f1 "$W/one")
			awk -v a="$_ta" -v b="$_tb" 'BEGIN {print (b > 0 ? a / b : 0)}' >> "$W/r"
		fi
		_i=$((_i + 1))
	done
	_ma=$(median "$W/a" 1) _ra=$(maxcol "$W/a" 2) _sa=$(maxcol "$W/a" 3)
	if [ -n "$_b" ]; then
		_mb=$(median "$W/b" 1) _rb=$(maxcol "$W/b" 2) _rt=$(median "$W/r" 1)
	else
		_mb="" _rb="" _rt=""
	fi
	awk -v name="$_name" -v size="$_size" -v ma="$_ma" -v mb="$_mb" -v rt="$_rt" \
	    -v ra="$_ra" -v rb="$_rb" -v t="$_target" -v mt="$_mtarget" -v st="$_sa" -v n="$_n" 'BEGIN {
		printf "%-30s %-9s %10.1f %10s %7s %-8s %7.1f %7s %-9s %s\n", name, size, ma,
		       mb == "" ? "" : sprintf("%.1f", mb), rt == "" ? "" : sprintf("%.2fx", rt), t,
		       ra / 1024, rb == "" ? "" : sprintf("%.1f", rb / 1024), mt,
		       (st != 0 ? "exit " st : "") (n > 1 ? "" : " (1 run)")
	}'
}

# note NAME SIZE TEXT: a row of figures that are not a pair
note() { printf '%-30s %-9s %s\n' "$1" "$2" "$3"; }

printf '%-30s %-9s %10s %10s %7s %-8s %7s %7s %-9s\n' operation size "smready ms" "floor ms" \
	ratio target "MiB" "floor" "target"
printf '%-30s %-9s %10s %10s %7s %-8s %7s %7s %-9s\n' "" "" "(median)" "(median)" "" "" \
	"smready" "MiB" "memory"

name="Firma 00101 GmbH"        # a company of bench/gen at every size: no draft
sq() { printf "%s" "'$1'"; }   # an SQL string literal for .parameter set
for size in $sizes; do
	nc=${size%x*} na=${size#*x}
	db=$data/db-$size.db
	if [ ! -f "$db" ]; then
		"$gen" "$db" "$nc" "$na" > "$W/gen.out" 2>&1 || { cat "$W/gen.out" >&2; exit 1; }
		note "generate (bench/gen)" "$size" "$(cat "$W/gen.out")"
	fi
	n=$runs; nb=$runs
	[ "$nc" -ge 20000 ] && nb=$big_runs
	newest=$(sqlite3 "$db" "SELECT a.uuid FROM assessments a JOIN companies c ON c.id = a.company_id
		WHERE c.name = $(sq "$name") AND a.status = 1 ORDER BY a.completed DESC, a.id DESC LIMIT 1")
	oldest=$(sqlite3 "$db" "SELECT a.uuid FROM assessments a JOIN companies c ON c.id = a.company_id
		WHERE c.name = $(sq "$name") AND a.status = 1 ORDER BY a.completed, a.id LIMIT 1")
	P_NAME=".parameter set :id $(sqlite3 "$db" "SELECT id FROM companies WHERE name = $(sq "$name")")"
	row "companies" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" companies -- \
		"$floor/portfolio.sql" /dev/null sqlite3 -readonly "$db"
	row "companies --json" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" companies --json -- \
		"$floor/portfolio.sql" /dev/null sqlite3 -readonly -cmd ".mode json" "$db"
	row "history" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" history "$name" -- \
		"$floor/history.sql" /dev/null sqlite3 -readonly -cmd "$P_NAME" "$db"
	row "history --json" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" history --json "$name" -- \
		"$floor/history.sql" /dev/null sqlite3 -readonly -cmd ".mode json" -cmd "$P_NAME" "$db"
	row "compare" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" compare "$name" -- \
		"$floor/compare.sql" /dev/null sqlite3 -readonly -cmd "$P_NAME" "$db"
	row "compare --json" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" compare --json "$name" -- \
		"$floor/compare.sql" /dev/null sqlite3 -readonly -cmd ".mode json" -cmd "$P_NAME" "$db"
	row "report (newest)" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" report "$newest" -- \
		"$floor/report.sql" /dev/null sqlite3 -readonly -cmd ".parameter set :uuid \"$(sq "$newest")\"" "$db"
	row "report (oldest)" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" report "$oldest" -- \
		"$floor/report.sql" /dev/null sqlite3 -readonly -cmd ".parameter set :uuid \"$(sq "$oldest")\"" "$db"
	row "report --json (newest)" "$size" "$n" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db" report --json "$newest" -- \
		"$floor/report.sql" /dev/null sqlite3 -readonly -cmd ".mode json" -cmd ".parameter set :uuid \"$(sq "$newest")\"" "$db"
	row "report (oldest / newest)" "$size" "$n" "=1x" "" : -- - /dev/null "$smready" --db "$db" report "$oldest" -- \
		- /dev/null "$smready" --db "$db" report "$newest"
	row "export --format json" "$size" "$nb" "<=1.5x" "flat" : -- - "$W/x.json" "$smready" --db "$db" export --all -- \
		"$floor/export.sql" "$W/floor.out" sqlite3 -readonly -cmd ".mode json" "$db"
	row "export --format csv" "$size" "$nb" "<=1.5x" "flat" : -- - "$W/x.csv" "$smready" --db "$db" export --all --format csv -- \
		"$floor/export.sql" "$W/floor.out" sqlite3 -readonly -cmd ".mode csv" "$db"
	rm -f "$W/floor.out" "$W/x.csv"
	answers=$(sqlite3 "$db" "SELECT count(*) FROM answers")
	note "  export size" "$size" "JSON $(du -m "$W/x.json" | cut -f1) MB, $answers answers"
	# an empty database with the schema, copied fresh before each import
	rm -f "$W/empty.db"; "$smready" --db "$W/empty.db" check > /dev/null 2>&1
	prep="rm -f '$W/new.db' '$W/new.db-wal' '$W/new.db-shm'; cp '$W/empty.db' '$W/new.db'"
	row "import (empty database)" "$size" "$nb" "<=2x" "<32" "$prep" -- - /dev/null "$smready" --db "$W/new.db" import "$W/x.json" -- \
		"$floor/import.sql" /dev/null sqlite3 -cmd ".parameter set :src \"$(sq "$db")\"" "$W/new.db"
	note "  import rate" "$size" "$(awk -v n="$answers" -v ms="$(median "$W/a" 1)" 'BEGIN {
		printf "%.0f answers/s (target >= 200000)", n / (ms / 1e3) }')"
	row "import --dry-run / import" "$size" "$nb" "<=1x" "" "$prep" -- - /dev/null "$smready" --db "$W/new.db" import --dry-run "$W/x.json" -- \
		- /dev/null "$smready" --db "$W/new.db" import "$W/x.json"
	rm -f "$W/x.json" "$W/new.db"*
done

# companies flat in the length of each company's history
if echo " $sizes " | grep -q " 200x40 "; then
	db400=$data/db-200x400.db
	if [ ! -f "$db400" ]; then
		"$gen" "$db400" 200 400 > "$W/gen.out" 2>&1 || { cat "$W/gen.out" >&2; exit 1; }
		note "generate (bench/gen)" "200x400" "$(cat "$W/gen.out")"
	fi
	row "companies 200x400 / 200x40" "200x400" "$runs" "=1x" "" : -- - /dev/null "$smready" --db "$db400" companies -- \
		- /dev/null "$smready" --db "$data/db-200x40.db" companies
	row "companies (400 assessments)" "200x400" "$runs" "<=1.2x" "<=+2" : -- - /dev/null "$smready" --db "$db400" companies -- \
		"$floor/portfolio.sql" /dev/null sqlite3 -readonly "$db400"
fi
row "start-up (--version)" "-" "$runs" "" "" : -- - /dev/null "$smready" --version -- \
	- /dev/null sqlite3 :memory: "SELECT 1"

if [ "${BENCH_UI:-0}" = 1 ]; then
	last=$(echo "$sizes" | awk '{print $NF}')
	sh "$here/ui-cost.sh" "$builddir" "$data/db-$last.db"
fi
