#!/bin/sh
# bench/pg.sh - the same rows as run.sh for a store on PostgreSQL, beside
# psql running the same queries on the same data, and the SQLite file's
# figures beside them (see bench/README).
#
#   bench/pg.sh [BUILDDIR]      BUILDDIR holds smready and bench/gen (default .)
#
# BENCH_DATA      where run.sh keeps its databases (default BUILDDIR/bench/data)
# BENCH_PG_SIZES  sizes as COMPANIESxASSESSMENTS (default "2000x40")
# BENCH_RUNS      paired runs per row (default 5)
# BENCH_PG        a server to use (libpq keywords of a database smready may
#                 create databases from, e.g. "host=/tmp dbname=postgres");
#                 default: a throwaway server of its own in a temporary
#                 directory, as the test suite makes one (initdb, a Unix
#                 socket there, no TCP; fsync stays on), removed afterwards;
#                 without autovacuum: an ANALYZE of the rows a run before
#                 left, while the floor's COPY is under way, counts none of
#                 its rows, and each foreign key check then reads the whole
#                 table (at 2,000 companies it ran 17 minutes).  smready's
#                 import counts its own rows and holds ANALYZE's lock, so
#                 autovacuum cannot do that to it; the reads are measured
#                 after a VACUUM ANALYZE.
#
# The data is the SQLite file's of run.sh (bench/gen), moved to the server
# with smready's own export and import: the import is a row of the table,
# beside psql loading the same rows with COPY.  Timing and memory as in
# run.sh: bench/gen --run, smready and the floor in turn, medians.
set -u
builddir=${1:-.}
here=$(cd "$(dirname "$0")" && pwd)
smready=$(cd "$builddir" && pwd)/smready
gen=$(cd "$builddir" && pwd)/bench/gen
data=${BENCH_DATA:-$builddir/bench/data}
sizes=${BENCH_PG_SIZES:-2000x40}
runs=${BENCH_RUNS:-5}
floor=$here/floor
SMREADY_NOW=1795000000; export SMREADY_NOW
LC_ALL=C.UTF-8; export LC_ALL

for f in "$smready" "$gen"; do
	[ -x "$f" ] || { echo "pg.sh: $f is missing; build first (make && make bench/gen)" >&2; exit 1; }
done
for t in psql sqlite3; do
	command -v "$t" >/dev/null 2>&1 || { echo "pg.sh: $t is not installed" >&2; exit 1; }
done
mkdir -p "$data" || exit 1
W=$(mktemp -d "${TMPDIR:-/tmp}/smready-bench-pg.XXXXXX") || exit 1
chmod 755 "$W"

# ---- the server -------------------------------------------------------------
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
stop_server() {
	[ -n "${pgbin:-}" ] && as_server "$pgbin/pg_ctl" -D "$W/pg/data" -m fast -w stop >/dev/null 2>&1
	rm -rf "$W"
}
trap 'stop_server' EXIT INT TERM
if [ -n "${BENCH_PG:-}" ]; then
	server=$BENCH_PG
	pgbin=
else
	pgbin=
	for d in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
		[ -n "$d" ] && [ -x "$d/initdb" ] && { pgbin=$d; break; }
	done
	[ -n "$pgbin" ] || { echo "pg.sh: initdb is not installed (scripts/install-deps)" >&2; exit 1; }
	mkdir "$W/pg" && chmod 700 "$W/pg"
	[ "$(id -u)" = 0 ] && chown nobody "$W/pg"
	as_server "$pgbin/initdb" -D "$W/pg/data" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
		-U smready >"$W/initdb.log" 2>&1 || { cat "$W/initdb.log" >&2; exit 1; }
	as_server "$pgbin/pg_ctl" -D "$W/pg/data" -l "$W/pg/server.log" -w \
		-o "-k $W/pg -c listen_addresses= -c shared_buffers=256MB -c autovacuum=off" \
		start >/dev/null 2>&1 ||
		{ cat "$W/pg/server.log" >&2; exit 1; }
	server="host=$W/pg dbname=postgres user=smready"
fi

# ---- timing, as in run.sh ----------------------------------------------------
. "$here/lib.sh"

# row NAME SIZE N TARGET PREP -- SMREADY-RUN -- FLOOR-RUN
row() {
	_name=$1 _size=$2 _n=$3 _target=$4 _prep=$5
	shift 6
	pair_args "$@"
	: > "$W/a"; : > "$W/b"; : > "$W/r"
	_i=0
	while [ $_i -lt "$_n" ]; do
		eval "$_prep"; : > "$W/one"; eval "one $_a"; cat "$W/one" >> "$W/a"; _ta=$(cut -d' ' -f1 "$W/one")
		eval "$_prep"; : > "$W/one"; eval "one $_b"; cat "$W/one" >> "$W/b"; _tb=$(cut -d' ' -f1 "$W/one")
		awk -v a="$_ta" -v b="$_tb" 'BEGIN {print (b > 0 ? a / b : 0)}' >> "$W/r"
		_i=$((_i + 1))
	done
	awk -v name="$_name" -v size="$_size" -v ma="$(median "$W/a" 1)" -v mb="$(median "$W/b" 1)" \
	    -v rt="$(median "$W/r" 1)" -v ra="$(maxcol "$W/a" 2)" -v rb="$(maxcol "$W/b" 2)" \
	    -v t="$_target" -v sa="$(maxcol "$W/a" 3)" -v sb="$(maxcol "$W/b" 3)" 'BEGIN {
		printf "%-34s %-8s %10.1f %10.1f %7.2fx %-7s %7.1f %7.1f %s\n", name, size, ma, mb, rt, t,
		       ra / 1024, rb / 1024, (sa != 0 ? "exit " sa " " : "") (sb != 0 ? "floor exit " sb : "")
	}'
}

printf '%-34s %-8s %10s %10s %8s %-7s %7s %7s\n' operation size "smready ms" "floor ms" ratio \
	target "MiB" "floor"
printf '%-34s %-8s %10s %10s %8s %-7s %7s %7s\n' "" "" "(median)" "(median)" "" "" "smready" "MiB"

name="Firma 00101 GmbH"        # a company of bench/gen at every size
sq() { printf "%s" "'$1'"; }
for size in $sizes; do
	nc=${size%x*} na=${size#*x}
	file=$data/db-$size.db
	[ -f "$file" ] || "$gen" "$file" "$nc" "$na" > "$W/gen.out" 2>&1 ||
		{ cat "$W/gen.out" >&2; exit 1; }
	"$smready" --db "$file" export --all -o "$W/x.json" || exit 1
	answers=$(sqlite3 "$file" "SELECT count(*) FROM answers")
	dbname=bench_$(echo "$size" | tr -c 'a-z0-9\n' _)
	pg="$server dbname=$dbname"
	psql "$server" -qAt -c "DROP DATABASE IF EXISTS $dbname" -c "CREATE DATABASE $dbname" || exit 1
	"$smready" --db "$pg" check >/dev/null || exit 1
	# an empty database each time: its tables truncated before each run
	empty="psql '$pg' -qAt -c 'TRUNCATE companies, assessments, answers, assessment_events,
		actions, action_items, action_events RESTART IDENTITY' >/dev/null"
	# the floor loads the same rows from the file with COPY
	for t in companies assessments answers assessment_events; do
		sqlite3 -csv "$file" "SELECT * FROM $t" > "$W/$t.csv"
	done
	chmod 644 "$W"/*.csv
	row "import (empty database), pg" "$size" "$runs" "<=2x" "$empty" -- \
		- /dev/null "$smready" --db "$pg" import "$W/x.json" -- \
		- /dev/null psql -X -q -v ON_ERROR_STOP=1 -v dir="$W" -f "$floor/import-pg.sql" "$pg"
	psql "$pg" -qAt -c 'TRUNCATE companies, assessments, answers, assessment_events,
		actions, action_items, action_events RESTART IDENTITY' >/dev/null
	"$smready" --db "$pg" import "$W/x.json" > /dev/null || exit 1
	psql "$pg" -qAt -c 'VACUUM ANALYZE' >/dev/null
	id=$(psql "$pg" -qAt -c "SELECT id FROM companies WHERE name = $(sq "$name")")
	newest=$(psql "$pg" -qAt -c "SELECT a.uuid FROM assessments a WHERE a.company_id = $id
		AND a.status = 1 ORDER BY a.completed DESC, a.id DESC LIMIT 1")
	P="-X -q -A -t -v ON_ERROR_STOP=1"
	row "companies, pg" "$size" "$runs" "<=1.2x" : -- - /dev/null "$smready" --db "$pg" companies -- \
		- /dev/null psql $P -v all=false -v today="'2026-11-19'" -f "$floor/portfolio-pg.sql" "$pg"
	row "history, pg" "$size" "$runs" "<=1.2x" : -- - /dev/null "$smready" --db "$pg" history "$name" -- \
		- /dev/null psql $P -v id="$id" -f "$floor/history.sql" "$pg"
	row "compare, pg" "$size" "$runs" "<=1.2x" : -- - /dev/null "$smready" --db "$pg" compare "$name" -- \
		- /dev/null psql $P -v id="$id" -f "$floor/compare.sql" "$pg"
	row "report (newest), pg" "$size" "$runs" "<=1.2x" : -- - /dev/null "$smready" --db "$pg" report "$newest" -- \
		- /dev/null psql $P -v uuid="'$newest'" -f "$floor/report.sql" "$pg"
	# the file's, for the comparison of the engines
	row "companies, pg / file" "$size" "$runs" "" : -- - /dev/null "$smready" --db "$pg" companies -- \
		- /dev/null "$smready" --db "$file" companies
	row "history, pg / file" "$size" "$runs" "" : -- - /dev/null "$smready" --db "$pg" history "$name" -- \
		- /dev/null "$smready" --db "$file" history "$name"
	row "compare, pg / file" "$size" "$runs" "" : -- - /dev/null "$smready" --db "$pg" compare "$name" -- \
		- /dev/null "$smready" --db "$file" compare "$name"
	rm -f "$W/new.db"*
	row "import, pg / file" "$size" 1 "" "$empty; rm -f '$W/new.db'*" -- \
		- /dev/null "$smready" --db "$pg" import "$W/x.json" -- \
		- /dev/null "$smready" --db "$W/new.db" import "$W/x.json"
	awk -v n="$answers" -v ms="$(median "$W/a" 1)" -v size="$size" 'BEGIN {
		printf "%-34s %-8s %.0f answers/s (target >= 200000)\n", "  import rate, pg", size,
		       n / (ms / 1e3) }'
	rm -f "$W/x.json" "$W"/*.csv "$W/new.db"*
	psql "$server" -qAt -c "DROP DATABASE IF EXISTS $dbname" >/dev/null
done
