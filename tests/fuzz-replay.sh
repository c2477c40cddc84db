#!/bin/sh
# fuzz-replay.sh - replays the import fuzz corpus (tests/fuzz-corpus) through
# the fuzz target's entry point (tests/fuzz_replay: it must not crash, also
# under the sanitizers), and through the real "smready import --dry-run" on
# an empty database, where the file name says what must happen:
#   valid-*     imports cleanly (exit 0)
#   conflict-*  is imported with conflicts (exit 1, "conflict:" lines)
#   bad-*       is refused with a message (exit 1, database unchanged)
#   crash-*     once crashed the importer: any orderly exit (0 or 1)
. "$top_srcdir/tests/tap.sh"

REPLAY="$top_builddir/tests/fuzz_replay"
CORPUS="$top_srcdir/tests/fuzz-corpus"
[ -x "$REPLAY" ] || skip_all "tests/fuzz_replay is not built"
set -- "$CORPUS"/*
[ -e "$1" ] || skip_all "the corpus is empty"

for f in "$CORPUS"/*; do
	name=$(basename "$f")
	"$REPLAY" "$f" > "$T/replay.out" 2>&1; st=$?
	if [ "$st" = 0 ]; then ok "$name: replayed through the fuzz target"
	else not_ok "$name: replayed through the fuzz target"; diag "exit status $st"; sed 's/^/#   /' "$T/replay.out" | head -30; fi

	db="$T/db-$name"
	"$SMREADY" --db "$db" import --dry-run "$f" > "$T/out" 2> "$T/err"; st=$?
	case $name in
	valid-*)
		expect_eq "$name: imports cleanly" 0 "$st"
		expect_match "$name: prints the summary" "$T/out" '^[0-9]+ conflicts?$' ;;
	conflict-*)
		expect_eq "$name: exit 1 for conflicts" 1 "$st"
		expect_match "$name: names the conflict" "$T/out" '^conflict: ' ;;
	bad-*)
		expect_eq "$name: refused" 1 "$st"
		expect_match "$name: says nothing was imported" "$T/err" 'Nothing was imported'
		expect_match "$name: says why" "$T/err" 'is not a valid export: .+' ;;
	*)
		case $st in
		0|1) ok "$name: orderly exit ($st)" ;;
		*) not_ok "$name: orderly exit"; diag "exit status $st"; sed 's/^/#   /' "$T/err" | head -20 ;;
		esac ;;
	esac
done

tap_done
