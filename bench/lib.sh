# bench/lib.sh - what run.sh and pg.sh share: the median and the largest
# of a column, and one timed run through bench/gen --run (its "ms KiB
# status" appended to $W/one).  Sourced after $gen and $W are set.

# median FILE COLUMN: the median of a column of numbers
median() { sort -g -k"$2,$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print NR ? v[int((NR+1)/2)] : 0}'; }
# maxcol FILE COLUMN: its largest number
maxcol() { awk -v c="$2" 'BEGIN {m=0} $c>m {m=$c} END {print m}' "$1"; }
# one IN OUT CMD...: one timed run
one() { "$gen" --run "$@" >> "$W/one"; }

# pair_args WORD...: the two runs of a row, "A -- B", each quoted for
# eval into $_a and $_b.
pair_args() {
	_a="" _b="" _side=a
	for _w in "$@"; do
		if [ "$_w" = "--" ]; then _side=b; continue; fi
		_q=$(printf "'%s' " "$(printf '%s' "$_w" | sed "s/'/'\\\\''/g")")
		if [ $_side = a ]; then _a="$_a$_q"; else _b="$_b$_q"; fi
	done
}
