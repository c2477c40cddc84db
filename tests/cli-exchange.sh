#!/bin/sh
# cli-exchange.sh - "smready export" and "smready import" through the real
# binary: round trip, -o (atomic), CSV, selecting companies, --dry-run,
# stdin, conflicts, refused files and exit statuses.
. "$top_srcdir/tests/tap.sh"

SMREADY_NOW=1795000000; export SMREADY_NOW
LC_ALL=C; export LC_ALL
A="$T/a.db"
# On PostgreSQL (tests/engine-pg.sh) A stays a file, the laptop, and B and C
# are on the server: every exchange below goes between the two engines.
B=$(test_db b)
sa() { "$SMREADY" --db "$A" "$@"; }
sb() { "$SMREADY" --db "$B" "$@"; }

# A small history: a company re-checked once, and an archived one.
setup() {
	sa company add "Bäckerei Krume" --industry Bakery --contact "Ann" >/dev/null 2>&1 &&
	id=$(sa assess "Bäckerei Krume" 2>/dev/null) &&
	sa answer "$id" goals.purpose 3 >/dev/null 2>&1 &&
	sa answer "$id" goals.business dk >/dev/null 2>&1 &&
	sa note "$id" goals.business 'asked "Tom", no reply' >/dev/null 2>&1 &&
	sa finish "$id" >/dev/null 2>&1 &&
	id2=$(SMREADY_NOW=1802000000 sa assess "Bäckerei Krume" 2>/dev/null) &&
	SMREADY_NOW=1802000000 sa answer "$id2" goals.purpose 4 >/dev/null 2>&1 &&
	SMREADY_NOW=1802000000 sa finish "$id2" >/dev/null 2>&1 &&
	sa company add "=Old Client" >/dev/null 2>&1 &&
	sa company archive "=Old Client" >/dev/null 2>&1
}
check "a database with a history to export" setup

# ---- JSON round trip -------------------------------------------------------
expect_status "export --all -o writes a file" 0 sa export --all -o "$T/a.json"
expect_match "the file is an smready export" "$T/a.json" '"format": "smready-export"'
expect_match "archived companies are in with --all" "$T/a.json" '"name": "=Old Client"'
ls "$T" | grep -E '^a\.json\.' > "$T/leftover" || true
check "no temporary file is left beside the export" test ! -s "$T/leftover"
sa export > "$T/active.json"
expect_no_match "archived companies are left out without --all" "$T/active.json" 'Old Client'

sb import "$T/a.json" > "$T/imp1.out" 2> "$T/imp1.err"; st=$?
expect_eq "import into an empty database succeeds" 0 "$st"
expect_match "it reports the companies added" "$T/imp1.out" '^2 companies added$'
expect_match "it reports the assessments added" "$T/imp1.out" '^2 assessments added$'
expect_match "it reports no conflicts" "$T/imp1.out" '^0 conflicts$'
sb export --all -o "$T/b.json"
check "export -> import -> export gives identical JSON" cmp -s "$T/a.json" "$T/b.json"

sb import "$T/a.json" > "$T/imp2.out" 2>&1; st=$?
expect_eq "importing the same file again succeeds" 0 "$st"
expect_match "and adds nothing" "$T/imp2.out" '^0 assessments added$'
expect_match "everything is already there" "$T/imp2.out" '^2 assessments already here, unchanged$'
sb export --all -o "$T/b2.json"
check "the database did not change" cmp -s "$T/b.json" "$T/b2.json"

# ---- notes with what a loader reads as its own -----------------------------------
# On PostgreSQL an import sends the answers as COPY's text, where a
# backslash, a tab and a line break mean something; they arrive as typed.
N="$T/n.db"
"$SMREADY" --db "$N" company add "Zeichen KG" >/dev/null 2>&1
nid=$("$SMREADY" --db "$N" assess "Zeichen KG" 2>/dev/null)
"$SMREADY" --db "$N" answer "$nid" goals.purpose 2 >/dev/null 2>&1
"$SMREADY" --db "$N" note "$nid" goals.purpose \
	"$(printf 'eins\\zwei\tdrei\nvier \\N \\t \\\\ "f\303\274nf"')" >/dev/null 2>&1
"$SMREADY" --db "$N" finish "$nid" >/dev/null 2>&1
"$SMREADY" --db "$N" export --all -o "$T/n.json"
expect_match "the note is in the file, escaped as JSON" "$T/n.json" \
	'"note": "eins\\\\zwei\\tdrei\\nvier \\\\N \\\\t \\\\\\\\ \\"f'
D=$(test_db d)
expect_status "a file with such a note imports" 0 "$SMREADY" --db "$D" import "$T/n.json"
"$SMREADY" --db "$D" export --all -o "$T/d.json"
check "and exports as it came" cmp -s "$T/n.json" "$T/d.json"

# ---- stdin and --dry-run ---------------------------------------------------
C=$(test_db c)
"$SMREADY" --db "$C" import --dry-run - < "$T/a.json" > "$T/dry.out" 2>&1; st=$?
expect_eq "a dry run from standard input exits 0" 0 "$st"
expect_match "it says nothing was changed" "$T/dry.out" 'Dry run: nothing was changed'
expect_match "it counts what would be added" "$T/dry.out" '^2 companies added$'
"$SMREADY" --db "$C" export --all > "$T/c.json"
expect_no_match "the dry run added nothing" "$T/c.json" 'Krume'
"$SMREADY" --db "$C" import - < "$T/a.json" > /dev/null 2>&1; st=$?
expect_eq "importing from standard input exits 0" 0 "$st"
"$SMREADY" --db "$C" export --all > "$T/c.json"
check "and brings everything" cmp -s "$T/a.json" "$T/c.json"

# ---- selecting companies ---------------------------------------------------
sa export "bäckerei krume" > "$T/one.json"
expect_match "a named company is exported" "$T/one.json" 'Bäckerei Krume'
expect_no_match "only that one" "$T/one.json" 'Old Client'
expect_status "options may follow the company" 0 sa export "bäckerei krume" -o "$T/one-o.json"
check "and give the same file" cmp -s "$T/one.json" "$T/one-o.json"
sa export "=Old Client" > "$T/arch.json"
expect_match "a named archived company is exported without --all" "$T/arch.json" 'Old Client'
sa export "No Such GmbH" > "$T/none.out" 2> "$T/none.err"; st=$?
expect_eq "an unknown company exits 1" 1 "$st"
expect_match "and says which" "$T/none.err" 'There is no company "No Such GmbH"'
check "and writes nothing to standard output" test ! -s "$T/none.out"
printf 'old content\n' > "$T/keep.json"
sa export -o "$T/keep.json" "No Such GmbH" 2>/dev/null
expect_eq "a failed export leaves an existing -o file alone" "old content" "$(cat "$T/keep.json")"
sa export -o "$T/no/such/dir/x.json" 2> "$T/nodir.err"; st=$?
expect_eq "an unwritable -o path exits 1" 1 "$st"
expect_match "with a message" "$T/nodir.err" 'Cannot create a file next to'
# A named pipe given to -o is written to, not replaced by a file.
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$T/pipe"; then
	cat "$T/pipe" > "$T/piped" &
	reader=$!
	sa export -o "$T/pipe" 2> "$T/pipe.err"; st=$?
	expect_eq "an export into a named pipe exits 0" 0 "$st"
	check "the named pipe is still a pipe" test -p "$T/pipe"
	n=0
	while kill -0 "$reader" 2>/dev/null && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	if kill -0 "$reader" 2>/dev/null; then
		kill "$reader"
		not_ok "the reader of the pipe got the export"
	else
		expect_match "the reader of the pipe got the export" "$T/piped" 'Bäckerei Krume'
	fi
else
	for i in 1 2 3; do ok "export into a named pipe # SKIP no mkfifo"; done
fi

# ---- CSV -------------------------------------------------------------------
sa export --all --format csv -o "$T/a.csv"
check "the CSV starts with a UTF-8 byte-order mark" sh -c "head -c 3 '$T/a.csv' | od -An -tx1 | grep -q 'ef bb bf'"
expect_eq "the CSV header, comma-separated in the C locale" \
	'"company","company_uuid","assessment_uuid","status","date","assessor","dimension","item","question","value","answer","note"' \
	"$(head -n 1 "$T/a.csv" | tail -c +4 | tr -d '\r')"
check "CSV lines end in CRLF" sh -c "head -n 1 '$T/a.csv' | od -c | grep -q '\\\\r  *\\\\n'"
expect_match "quotes in a note are doubled and the cell quoted" "$T/a.csv" \
	',"asked ""Tom"", no reply"'
expect_match "don't know is written as dont-know" "$T/a.csv" ',"dont-know",'
LC_ALL=de_DE.UTF-8 sa export --all --format csv > "$T/de.csv"
expect_match "in a German locale the separator is a semicolon" "$T/de.csv" '^.?.?.?"company";"company_uuid";'
LC_ALL=de_DE.UTF-8 sa export --all --format csv --separator , > "$T/de-comma.csv"
expect_match "--separator still wins" "$T/de-comma.csv" '^.?.?.?"company","company_uuid",'
sa export --format csv --separator ';' > "$T/semi.csv"
expect_match "--separator ';' separates with semicolons" "$T/semi.csv" \
	'"company";"company_uuid";"assessment_uuid";"status";"date";'
expect_match "a comma needs no quotes with ';'" "$T/semi.csv" ';"asked ""Tom"", no reply"'
sb company add "+49 Shop" >/dev/null 2>&1
idp=$(sb assess "+49 Shop" 2>/dev/null)
sb answer "$idp" goals.purpose 1 >/dev/null 2>&1
sb export --format csv "+49 Shop" > "$T/formula.csv"
expect_match "a cell that looks like a formula gets an apostrophe" "$T/formula.csv" \
	"^\"'\\+49 Shop\","
expect_status "an unknown format is a usage error" 2 sa export --format xml
expect_status "a bad separator is a usage error" 2 sa export --format csv --separator ab
expect_status "an unknown option is a usage error" 2 sa export --colour
sa export --help > "$T/help.out"; st=$?
expect_eq "export --help exits 0" 0 "$st"
expect_match "and shows the usage" "$T/help.out" '^Usage: smready export'

# ---- merging two histories -------------------------------------------------
idb=$(SMREADY_NOW=1810000000 sb assess "Bäckerei Krume" 2>/dev/null)
SMREADY_NOW=1810000000 sb answer "$idb" goals.purpose 2 >/dev/null 2>&1
SMREADY_NOW=1810000000 sb finish "$idb" >/dev/null 2>&1
sb export "Bäckerei Krume" > "$T/b-krume.json"
sa import "$T/b-krume.json" > "$T/merge.out" 2>&1; st=$?
expect_eq "importing the other database's history exits 0" 0 "$st"
expect_match "it adds the one new assessment" "$T/merge.out" '^1 assessment added$'
expect_match "and keeps the two known ones" "$T/merge.out" '^2 assessments already here, unchanged$'
expect_eq "the company now has three assessments" 3 \
	"$(sa history "Bäckerei Krume" --json | grep -o '"status"' | wc -l | tr -d ' ')"

# ---- conflicts -------------------------------------------------------------
sed 's/"value": 4,/"value": 1,/' "$T/a.json" > "$T/changed.json"
check "a changed copy of a final assessment" sh -c "! cmp -s '$T/a.json' '$T/changed.json'"
sb export --all > "$T/b-before.json"
sb import "$T/changed.json" > "$T/conf.out" 2>&1; st=$?
expect_eq "a conflicting final assessment exits 1" 1 "$st"
expect_match "the conflict is named" "$T/conf.out" '^conflict: assessment .* of "Bäckerei Krume" differs'
expect_match "and counted" "$T/conf.out" '^1 conflict$'
sb export --all > "$T/b-after.json"
check "the local assessment was not overwritten" cmp -s "$T/b-before.json" "$T/b-after.json"

# A company named like one here (another UUID) is a conflict, and the rest
# of the file goes in all the same: on PostgreSQL too, where a verb that
# only looked before refusing once cancelled the whole import.
D="$T/d.db"
"$SMREADY" --db "$D" company add "Gleicher Name GmbH" >/dev/null 2>&1
"$SMREADY" --db "$D" company add "Nur Dort AG" >/dev/null 2>&1
sb company add "Gleicher Name GmbH" >/dev/null 2>&1
"$SMREADY" --db "$D" export --all > "$T/d.json"
sb import "$T/d.json" > "$T/same.out" 2>&1; st=$?
expect_eq "a company named like one here: exit 1" 1 "$st"
expect_match "... the conflict is named" "$T/same.out" '^conflict: company "Gleicher Name GmbH"'
expect_match "... and the other company is added" "$T/same.out" '^1 company added$'
expect_eq "... which is here now" 1 "$(sb companies | grep -c 'Nur Dort AG')"

# ---- refused files ---------------------------------------------------------
refused() {  # DESCRIPTION FILE MESSAGE-REGEX
	sb export --all > "$T/r-before.json"
	sb import "$2" > "$T/r.out" 2> "$T/r.err"; _st=$?
	expect_eq "$1: exit 1" 1 "$_st"
	expect_match "$1: says where" "$T/r.err" "$3"
	expect_match "$1: says nothing was imported" "$T/r.err" 'Nothing was imported'
	sb export --all > "$T/r-after.json"
	check "$1: the database is unchanged" cmp -s "$T/r-before.json" "$T/r-after.json"
}
printf '{"format": "smready-export", "version": 1,' > "$T/trunc.json"
refused "truncated JSON" "$T/trunc.json" 'line 1, column [0-9]+: this is not valid JSON'
sed "s/\"version\": 2/\"version\": 9/" "$T/a.json" > "$T/newer.json"
refused "a newer format" "$T/newer.json" 'made by a newer smready'
awk '!done && sub(/"value": 3/, "\"value\": 7") { done = 1 } { print }' "$T/a.json" > "$T/range.json"
refused "a value out of range" "$T/range.json" \
	'companies\[[0-9]\]\.assessments\[0\]\.answers\[[0-9]+\]\.value: 7 is out of range 0\.\.4'
printf '{"format": "smready-export", "version": 1, "companies": [{"name": "\377"}]}' > "$T/latin1.json"
refused "a file that is not UTF-8" "$T/latin1.json" 'not valid UTF-8'
sed 's/"name": "=Old Client"/"name": ""/' "$T/a.json" > "$T/empty.json"
refused "an empty name" "$T/empty.json" 'companies\[0\]\.name: must not be empty'
refused "another kind of file" "$top_srcdir/tests/fuzz-corpus/bad-format.json" 'not an smready export'
# An assessment twice (the second given the first's UUID): refused in a
# database with assessments and in an empty one, where the import tells a
# repeat by the rows it has written rather than by a list of UUIDs.
uuids=$(sed -n 's/^ *{"uuid": "\([0-9a-f-]*\)", "status".*/\1/p' "$T/a.json")
u1=$(echo "$uuids" | sed -n 1p); u2=$(echo "$uuids" | sed -n 2p)
sed "s/$u2/$u1/" "$T/a.json" > "$T/twice.json"
twice_re="companies\[[0-9]\]\.assessments\[1\]: assessment $u1 appears twice in the file"
refused "an assessment twice" "$T/twice.json" "$twice_re"
E=$(test_db e)
"$SMREADY" --db "$E" import "$T/twice.json" > "$T/r.out" 2> "$T/r.err"
expect_eq "an assessment twice, into an empty database: exit 1" 1 "$?"
expect_match "... says where, in the same words" "$T/r.err" "$twice_re"
expect_eq "... and the database stays empty" "[]" "$("$SMREADY" --db "$E" companies --all --json)"
sb import "$T/does-not-exist.json" 2> "$T/nofile.err"; st=$?
expect_eq "a missing file exits 1" 1 "$st"
expect_match "with a message" "$T/nofile.err" 'Cannot open'
expect_status "import without a file is a usage error" 2 sb import
expect_status "import with two files is a usage error" 2 sb import "$T/a.json" "$T/b.json"
expect_status "an unknown import option is a usage error" 2 sb import --force "$T/a.json"

# ---- a damaged database: the export says the database failed, not the file --
cp "$A" "$T/dmg.db"
root=$(sqlite3 "$T/dmg.db" "SELECT rootpage FROM sqlite_master WHERE name = 'answers'")
psize=$(sqlite3 "$T/dmg.db" "PRAGMA page_size")
head -c "$psize" /dev/zero | tr '\0' 'Z' |
	dd of="$T/dmg.db" bs="$psize" seek=$((root - 1)) count=1 conv=notrunc 2>/dev/null
"$SMREADY" --db "$T/dmg.db" export --all -o "$T/dmg.json" >"$T/o" 2>"$T/e"
expect_eq "an export of a damaged database fails" 3 "$?"
expect_match "and says the export stopped, naming the database's failure" "$T/e" \
	'The export stopped, .*dmg\.json was not written: .*damaged'
check "and writes no file" test ! -e "$T/dmg.json"

tap_done
