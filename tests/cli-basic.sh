#!/bin/sh
# cli-basic.sh - global options, help and version, usage errors, and the
# questionnaire listing of the command line.
. "$top_srcdir/tests/tap.sh"

db=$(test_db db)
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
expect_status "SMREADY_NOW may be a day" 0 r env SMREADY_NOW=2026-05-01 "$SMREADY" --db "$db" companies
expect_status "SMREADY_NOW may not be a day that does not exist" 2 \
	r env SMREADY_NOW=2026-02-30 "$SMREADY" --db "$db" companies

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
expect_status "report with an unknown format exits 2" 2 r "$SMREADY" --db "$db" report x --format docx
expect_match "an unknown format is named" "$T/err" "docx"
expect_status "company without a subcommand exits 2" 2 r "$SMREADY" --db "$db" company
expect_status "reopen without --reason exits 2" 2 r "$SMREADY" --db "$db" reopen 1

# An option's value that looks like --help is a value, not a request for
# help: the command runs against the database (and must not run without it).
q() { "$SMREADY" --db "$db" "$@" >/dev/null 2>&1 || echo "setup failed: $*" >&2; }
q company add "Helpful Ltd"
q assess "Helpful Ltd"
expect_status "answer --note --help keeps '--help' as the note" 0 \
	r "$SMREADY" --db "$db" answer "Helpful Ltd" goals.purpose 3 --note --help
"$SMREADY" --db "$db" report "Helpful Ltd" >"$T/h.txt" 2>&1
expect_match "the note '--help' is stored" "$T/h.txt" 'Note: --help'

# A question by its number, as the screens show it: the same question as
# its key; a number that is no question changes nothing.
expect_status "answer takes a question's number" 0 	r "$SMREADY" --db "$db" answer "Helpful Ltd" 1.2 4 --note "by number"
expect_status "note takes a question's number" 0 	r "$SMREADY" --db "$db" note "Helpful Ltd" " 1.3 " "third"
"$SMREADY" --db "$db" export "Helpful Ltd" >"$T/n.json" 2>&1
expect_match "1.2 is goals.business" "$T/n.json" \
	'"item": "goals.business", "value": 4, "note": "by number"'
expect_match "1.3 is goals.achievable" "$T/n.json" '"item": "goals.achievable", "value": null, "note": "third"'
expect_status "a number that is no question exits 2" 2 \
	r "$SMREADY" --db "$db" answer "Helpful Ltd" 9.9 4
expect_match "... and is named" "$T/err" '"9.9"'
"$SMREADY" --db "$db" export "Helpful Ltd" >"$T/n2.json" 2>&1
expect_eq "... and changes nothing" "$(grep -v '"exported"' "$T/n.json")" \
	"$(grep -v '"exported"' "$T/n2.json")"
expect_status "company add --notes -h adds the company" 0 \
	r "$SMREADY" --db "$db" company add "Dash Notes" --notes -h
expect_match "company add --notes -h says it added it" "$T/out" 'Added company "Dash Notes"'
expect_status "reopen --reason --help is a reason" 1 \
	r "$SMREADY" --db "$db" reopen "Helpful Ltd" --reason --help
expect_no_match "reopen --reason --help does not print the help" "$T/out" '^Usage:'
expect_status "note ... -- --help sets the note" 0 \
	r "$SMREADY" --db "$db" note "Helpful Ltd" goals.purpose -- --help
expect_status "company edit X --help still shows the help" 0 \
	r "$SMREADY" --db "$T/none.db" company edit X --help
check "... without creating a database" test ! -e "$T/none.db"

# A long option that takes no value, given one, is named as typed.
expect_status "--json=1 exits 2" 2 r "$SMREADY" --db "$db" companies --json=1
expect_match "--json=1 is named" "$T/err" "option '--json' takes no value"
expect_status "--all=yes exits 2" 2 r "$SMREADY" --db "$db" companies --all=yes
expect_match "--all=yes is named, not as -a" "$T/err" "option '--all' takes no value"
expect_status "an unknown short option exits 2" 2 r "$SMREADY" --db "$db" companies -z
expect_match "an unknown short option is named" "$T/err" "Unknown option '-z'"

# SMREADY_NOW must fit the years the export format can write.
expect_status "SMREADY_NOW after year 9999 exits 2" 2 \
	r env SMREADY_NOW=253402300800 "$SMREADY" --db "$db" companies
expect_status "SMREADY_NOW at the end of year 9999 is fine" 0 \
	r env SMREADY_NOW=253402300799 "$SMREADY" --db "$db" companies
# A password on the command line is for everyone on the machine to read.
for target in "postgresql://anna:Geheim123@db.example.com/smready" \
	"host=db.example.com dbname=smready password=Geheim123" \
	"postgres://db.example.com/smready?sslmode=require&password=Geheim123" \
	"postgresql:///smready?host=/tmp&user=anna&pass%77ord=Geheim123" \
	"postgresql:///smready?%70assword=Geheim123" \
	"host=/tmp dbname=smready PASSWORD=Geheim123" \
	"host=/tmp dbname=smready Password = Geheim123"; do
	expect_status "a password in --db is a usage error ($target)" 2 r "$SMREADY" --db "$target" companies
	expect_match "saying where it belongs" "$T/err" 'pgpass'
	expect_no_match "without showing it" "$T/err" 'Geheim123'
done
# SMREADY_DB may hold one (the environment is the user's own), but it is
# never shown, in whatever spelling libpq would take it.
for target in "postgresql:///smready?host=/nonexistent&pass%77ord=Geheim123&connect_timeout=1" \
	"host=/nonexistent PASSWORD=Geheim123 connect_timeout=1"; do
	expect_status "SMREADY_DB with a password is used ($target)" 3 \
		r env SMREADY_DB="$target" "$SMREADY" companies
	expect_no_match "and the password is not shown" "$T/err" 'Geheim123'
done
expect_status "a database whose name holds the word is no password" 3 \
	r "$SMREADY" --db "host=/nonexistent dbname=passwords connect_timeout=1" companies
expect_no_match "and is not refused as one" "$T/err" 'pgpass'
expect_status "--db naming a folder exits 3" 3 r "$SMREADY" --db "$T" companies
expect_match "--db naming a folder says so" "$T/err" 'folder'
rm -f "$db"

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
