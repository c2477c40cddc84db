#!/bin/sh
# cli-basic.sh - global options, help and version, usage errors, and the
# questionnaire listing of the command line.
. "$top_srcdir/tests/tap.sh"

db="$T/db"
export LC_ALL=C.UTF-8
unset LANGUAGE

# r COMMAND...: runs it with stdout in $T/out and stderr in $T/err (the
# redirection must not catch the TAP line that expect_status prints).
r() { "$@" >"$T/out" 2>"$T/err"; }

expect_status "--help exits 0" 0 r "$SMREADY" --help
expect_match "--help prints the usage on stdout" "$T/out" '^Usage: smready'
expect_eq "--help prints nothing on stderr" "" "$(cat "$T/err")"
expect_status "-h exits 0" 0 r "$SMREADY" -h
expect_status "--version exits 0" 0 r "$SMREADY" --version
expect_match "--version names program and version" "$T/out" '^smready [0-9]+\.[0-9]+'
expect_match "--version names questionnaire and schema" "$T/out" '"core" version [0-9]+, database schema [0-9]+'
expect_eq "--version prints nothing on stderr" "" "$(cat "$T/err")"
expect_status "-V exits 0" 0 r "$SMREADY" -V

expect_status "unknown command exits 2" 2 r "$SMREADY" --db "$db" frobnicate
expect_match "unknown command is named" "$T/err" "unknown command 'frobnicate'"
expect_match "unknown command points to --help" "$T/err" "Try 'smready --help'"
expect_eq "unknown command prints nothing on stdout" "" "$(cat "$T/out")"
check "unknown command does not create the database" test ! -e "$db"
expect_status "unknown option exits 2" 2 r "$SMREADY" --bogus companies
expect_match "unknown option points to --help" "$T/err" "Try 'smready --help'"
expect_status "--db without a file exits 2" 2 r "$SMREADY" --db
expect_status "a bad SMREADY_NOW exits 2" 2 r env SMREADY_NOW=soon "$SMREADY" --db "$db" companies
expect_match "a bad SMREADY_NOW is explained" "$T/err" 'SMREADY_NOW'

expect_status "no command without a terminal exits 2" 2 r "$SMREADY" --db "$db" </dev/null
expect_match "no command without a terminal says why" "$T/err" 'needs a terminal'
rm -f "$db"

for verb in questions companies company history assess answer note finish reopen \
	report compare demo check backup; do
	if "$SMREADY" --db "$db" "$verb" --help >"$T/out" 2>"$T/err"; then
		if grep -q "^Usage: smready $verb" "$T/out"; then ok "$verb --help prints its usage"
		else not_ok "$verb --help prints its usage"; diag "$(head -3 "$T/out")"; fi
	else
		not_ok "$verb --help exits 0"
	fi
done
check "--help of the commands does not create the database" test ! -e "$db"

expect_status "an unknown option of a command exits 2" 2 r "$SMREADY" --db "$db" companies --frob
expect_match "an unknown option of a command points to its help" "$T/err" "Try 'smready companies --help'"
expect_status "answer without arguments exits 2" 2 r "$SMREADY" --db "$db" answer
expect_status "report with an unknown format exits 2" 2 r "$SMREADY" --db "$db" report x --format pdf
expect_match "an unknown format is named" "$T/err" "pdf"
expect_status "company without a subcommand exits 2" 2 r "$SMREADY" --db "$db" company
expect_status "reopen without --reason exits 2" 2 r "$SMREADY" --db "$db" reopen 1

# The questionnaire, as text and as JSON.
expect_status "questions exits 0" 0 r "$SMREADY" questions
cp "$T/out" "$T/q.txt"
expect_match "questions lists a key" "$T/q.txt" '^  goals\.purpose  '
expect_match "questions shows the scale" "$T/q.txt" '^Answer scale: 0 '
expect_status "questions --json exits 0" 0 r "$SMREADY" questions --json
cp "$T/out" "$T/q.json"
if command -v python3 >/dev/null 2>&1; then
	if python3 - "$T/q.json" >"$T/crit" 2>"$T/py.err" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
crit = set(d["criteria"])
for it in d["items"]:
    crit.update(it["criteria"])
    assert it["key"] and it["question"] and it["help"] and it["recommendation"]
    assert 1 <= it["weight"] <= 3
print(" ".join(sorted(crit)))
print(len(d["items"]))
for it in d["items"]:
    print(it["key"])
PY
	then
		ok "questions --json is valid JSON with every field"
		expect_eq "questions --json covers all 14 criteria" \
			"C1 C2 C3 C4 C5 C6 W1 W2 W3 W4 W5 W6 W7 W8" "$(head -1 "$T/crit")"
		missing=
		for key in $(tail -n +3 "$T/crit"); do
			grep -q "^  $key  " "$T/q.txt" || missing="$missing $key"
		done
		expect_eq "the text listing shows every key of the JSON" "" "$missing"
	else
		not_ok "questions --json is valid JSON with every field"; diag "$(cat "$T/py.err")"
	fi
else
	ok "questions --json is valid JSON # SKIP python3 not installed"
	for c in C1 C2 C3 C4 C5 C6 W1 W2 W3 W4 W5 W6 W7 W8; do
		grep -q "\"$c\"" "$T/q.json" || missing="$missing $c"
	done
	expect_eq "questions --json names all 14 criteria" "" "$missing"
fi
expect_status "questions takes no arguments" 2 r "$SMREADY" questions extra

tap_done
