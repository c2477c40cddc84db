#!/bin/sh
# cli-import-stream.sh - "smready import" reads its file as a stream:
# endless input stops quickly with the limit named and little memory, a
# byte-order mark is skipped, standard input works from a pipe (also when
# a company's fields come after its assessments and must be read again),
# and a file whose error comes last changes nothing.
. "$top_srcdir/tests/tap.sh"

SMREADY_NOW=1795000000; export SMREADY_NOW
LC_ALL=C; export LC_ALL
A="$T/a.db"
sa() { "$SMREADY" --db "$A" "$@"; }

command -v timeout >/dev/null 2>&1 || skip_all "timeout (coreutils) is not installed"

# import_limited DB ARGS...: an import that may take 20 s at most; its peak
# memory (KiB) goes to $T/rss where /usr/bin/time can tell it.
import_limited() {
	_db=$1; shift
	echo 0 > "$T/rss"
	if [ -x /usr/bin/time ]; then
		timeout 20 /usr/bin/time -f %M -o "$T/rss.out" "$SMREADY" --db "$_db" import "$@"
		_st=$?
		tail -n 1 "$T/rss.out" > "$T/rss"
		return $_st
	fi
	timeout 20 "$SMREADY" --db "$_db" import "$@"
}
# small_memory DESCRIPTION: the last import_limited stayed under 256 MiB
small_memory() {
	if [ "$(cat "$T/rss")" -lt 262144 ] 2>/dev/null; then ok "$1"
	else not_ok "$1"; diag "peak RSS $(cat "$T/rss") KiB"; fi
}

# ---- endless input -----------------------------------------------------------
import_limited "$T/z.db" /dev/zero > "$T/z.out" 2> "$T/z.err"; st=$?
expect_eq "import /dev/zero ends by itself, refused" 1 "$st"
expect_match "it says where and what" "$T/z.err" \
	'line 1, column 1: this is not valid JSON \(a NUL byte: this is not a text file\)'
expect_match "and that nothing was imported" "$T/z.err" 'Nothing was imported'
small_memory "with little memory"

{ printf '{"format": "'; yes xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | tr -d '\n'; } 2>/dev/null |
	import_limited "$T/t.db" - > "$T/t.out" 2> "$T/t.err"; st=$?
expect_eq "an endless text from a pipe ends, refused" 1 "$st"
expect_match "the message names the limit of a text" "$T/t.err" \
	'line 1, column 12: a text longer than 65536 bytes'
small_memory "with little memory (text)"

{ printf '{"format": '; yes '[[[[[[[[[[[[[[[[' | tr -d '\n'; } 2>/dev/null |
	import_limited "$T/d.db" - > "$T/d.out" 2> "$T/d.err"; st=$?
expect_eq "endless nesting ends, refused" 1 "$st"
expect_match "the message names the limit of nesting" "$T/d.err" 'nested more than 256 levels deep'
small_memory "with little memory (nesting)"

# ---- a history to move ---------------------------------------------------------
setup() {
	sa company add "Bäckerei Krume" --industry Bakery >/dev/null 2>&1 &&
	id=$(sa assess "Bäckerei Krume" 2>/dev/null) &&
	sa answer "$id" goals.purpose 3 >/dev/null 2>&1 &&
	sa note "$id" goals.purpose 'Praxisleitung' >/dev/null 2>&1 &&
	sa finish "$id" >/dev/null 2>&1 &&
	id2=$(SMREADY_NOW=1802000000 sa assess "Bäckerei Krume" 2>/dev/null) &&
	SMREADY_NOW=1802000000 sa answer "$id2" goals.purpose 4 >/dev/null 2>&1 &&
	sa company add "Zweite GmbH" >/dev/null 2>&1
}
check "a database with a history" setup
sa export --all -o "$T/a.json"

sa export --all | "$SMREADY" --db "$T/p.db" import - > "$T/p.out" 2>&1; st=$?
expect_eq "export | import - works through a pipe" 0 "$st"
"$SMREADY" --db "$T/p.db" export --all -o "$T/p.json"
check "and gives the same export back" cmp -s "$T/a.json" "$T/p.json"

printf '\357\273\277' > "$T/bom.json"
cat "$T/a.json" >> "$T/bom.json"
"$SMREADY" --db "$T/bom.db" import "$T/bom.json" > "$T/bom.out" 2> "$T/bom.err"; st=$?
expect_eq "a file that starts with a byte-order mark is imported" 0 "$st"
expect_match "all of it" "$T/bom.out" '^2 companies added$'

# The same history with every list before the fields it belongs with (keys
# sorted), from a pipe: the reader must go past the list and come back.
cat > "$T/sorted.json" <<'EOF'
{"companies": [{"archived": false, "assessments": [{"answers": [{"carried": false,
 "changed": "2026-11-18T08:53:20Z", "item": "goals.purpose", "note": "", "value": 2}],
 "assessor": "", "based_on": null, "completed": "2026-11-18T08:53:20Z",
 "level": "not-ready", "overall": 12, "questionnaire": "core", "questionnaire_version": 2,
 "reopened": 0, "started": "2026-11-18T08:53:20Z", "status": "final", "summary": "",
 "updated": "2026-11-18T08:53:20Z", "uuid": "5b3f1f0e-8c1a-4c6e-9a55-0d5e1f2a3b4c"}],
 "contact": "", "created": "2026-11-18T08:53:20Z", "industry": "", "name": "Sortiert KG",
 "notes": "", "sample": false, "uuid": "6c4e2a1f-9d2b-4d7f-8b66-1e6f2a3b4c5d"}],
 "format": "smready-export", "version": 1}
EOF
cat "$T/sorted.json" | "$SMREADY" --db "$T/s.db" import - > "$T/s.out" 2> "$T/s.err"; st=$?
expect_eq "a file with its lists first imports from a pipe" 0 "$st"
expect_match "with its company" "$T/s.out" '^1 company added$'
"$SMREADY" --db "$T/s.db" history "Sortiert KG" > "$T/s.hist" 2>&1
expect_match "and its assessment" "$T/s.hist" '^ *1 +1 +final +2026-11-18'

# ---- an error at the very end changes nothing ------------------------------------
sed '$ s/}$/]/' "$T/a.json" > "$T/late.json"
"$SMREADY" --db "$T/late.db" company add "Schon Da" > /dev/null 2>&1
"$SMREADY" --db "$T/late.db" export --all -o "$T/late-before.json"
"$SMREADY" --db "$T/late.db" import "$T/late.json" > "$T/late.out" 2> "$T/late.err"; st=$?
expect_eq "a file broken in its last byte is refused" 1 "$st"
expect_match "with the place named" "$T/late.err" 'line [0-9]+, column 1: this is not valid JSON'
"$SMREADY" --db "$T/late.db" export --all -o "$T/late-after.json"
check "and the database is unchanged" cmp -s "$T/late-before.json" "$T/late-after.json"

# ---- too long: the limit is named ------------------------------------------------
long=$(printf '%4001s' '' | tr ' ' n)
id=$(sa assess "Zweite GmbH" 2>/dev/null)
sa note "$id" goals.purpose "$long" > /dev/null 2> "$T/long.err"
expect_match "a note that is too long names the limit" "$T/long.err" \
	'is too long \(at most 4000 characters\)'
sa company add "$(printf '%121s' '' | tr ' ' x)" > /dev/null 2> "$T/name.err"
expect_match "so does a name" "$T/name.err" 'is too long \(at most 120 characters\)'

tap_done
