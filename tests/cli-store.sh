#!/bin/sh
# cli-store.sh - the command-line verbs that change and read the database:
# companies, assessments, reports, demo data, check, backup, read-only use,
# and their exit statuses.
. "$top_srcdir/tests/tap.sh"

export LC_ALL=C.UTF-8 SMREADY_NOW=1767225600   # 2026-01-01
unset LANGUAGE
db=$(test_db db)
s() { "$SMREADY" --db "$db" "$@"; }
# r COMMAND...: stdout to $T/out, stderr to $T/err.
r() { "$@" >"$T/out" 2>"$T/err"; }

# ---- companies -------------------------------------------------------------
expect_status "company add with umlauts" 0 r s company add "Müller & Söhne GmbH" --industry "Metallbau" --contact "Frau Groß"
expect_match "company add confirms" "$T/out" 'Added company "Müller & Söhne GmbH"'
expect_status "a duplicate name is refused" 1 r s company add "MÜLLER & SÖHNE GMBH"
expect_status "a duplicate name in another case is refused" 1 r s company add "müller & söhne gmbh"
expect_match "the duplicate is explained" "$T/err" 'exists already'
long=$(printf 'x%.0s' $(seq 1 121))
expect_status "an over-long name is refused" 1 r s company add "$long"
expect_match "the over-long name is explained" "$T/err" 'at most 120 characters'
bad=$(printf 'Caf\351 Bad')
expect_status "a name that is not UTF-8 is refused" 1 r s company add "$bad"
expect_match "the bad encoding is explained" "$T/err" 'UTF-8'
expect_status "an empty name is refused" 1 r s company add "  "
expect_status "company add Zeta" 0 r s company add "Zeta Bau"
expect_status "rename" 0 r s company rename "zeta bau" "Zeta Bau KG"
expect_status "rename onto an existing name is refused" 1 r s company rename "Zeta Bau KG" "müller & söhne gmbh"
expect_status "edit" 0 r s company edit "Zeta Bau KG" --industry "Hochbau" --notes "Zwei Standorte"
expect_status "edit without a change is a usage error" 2 r s company edit "Zeta Bau KG"
expect_status "companies" 0 r s companies
expect_match "companies lists the renamed company with its number and industry" "$T/out" '^ *#[0-9]+ +Zeta Bau KG +Hochbau +0 '
expect_match "a company never assessed is due" "$T/out" '#[0-9]+ +Zeta Bau KG .* due$'
expect_status "archive" 0 r s company archive "Zeta Bau KG"
r s companies
expect_no_match "archived companies are hidden" "$T/out" 'Zeta'
r s companies --all
expect_match "--all shows archived companies, marked" "$T/out" '#[0-9]+ +Zeta Bau KG \(archived\)'
expect_status "unarchive" 0 r s company unarchive "Zeta Bau KG"
r s companies
expect_match "unarchived companies are listed again" "$T/out" '#[0-9]+ +Zeta Bau KG '
expect_status "companies --json" 0 r s companies --json
if command -v python3 >/dev/null 2>&1; then
	check "companies --json is valid JSON with the companies" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
names = sorted(c["name"] for c in d)
assert names == ["Müller & Söhne GmbH", "Zeta Bau KG"], names
assert all(c["due"] is True and c["overall"] is None for c in d)
' "$T/out"
else
	ok "companies --json is valid JSON # SKIP python3 not installed"
fi
expect_status "an unknown company is exit 1" 1 r s history "Nobody GmbH"
expect_match "an unknown company is named" "$T/err" 'no company "Nobody GmbH"'
# A reference that is not UTF-8 is echoed escaped, never as raw bytes.
expect_status "an unknown company that is not UTF-8 is exit 1" 1 r s company rename "$(printf 'A\377B')" X
check "the bad byte is shown as \\xff" grep -qF 'A\xffB' "$T/err"
check "no raw 0xff byte reaches the terminal" sh -c '! LC_ALL=C grep -q "$(printf "\377")" "$1"' sh "$T/err"
expect_status "an unknown reference with a control character is exit 1" 1 r s report "$(printf 'A\033[2JB')"
check "the escape character is shown as \\x1b" grep -qF 'A\x1b[2JB' "$T/err"
expect_status "delete without a terminal and without --yes is refused" 1 r s company delete "Zeta Bau KG" </dev/null
expect_match "the refusal says to add --yes" "$T/err" '--yes'
r s companies
expect_match "the refused delete kept the company" "$T/out" '#[0-9]+ +Zeta Bau KG'

# ---- an assessment from start to finish -----------------------------------
m="Müller & Söhne GmbH"
expect_status "assess starts a draft" 0 r s assess "$m" --assessor "K. Berater"
id=$(cat "$T/out")
expect_match "assess prints only the draft number" "$T/out" '^[0-9]+$'
expect_status "assess again resumes the same draft" 0 r s assess "$m"
expect_eq "the resumed draft has the same number" "$id" "$(cat "$T/out")"
expect_match "resuming is said on stderr" "$T/err" 'Resuming'
expect_status "answer a question" 0 r s answer "$id" goals.purpose 1 --note "Noch kein Ziel"
expect_status "answer with don't know" 0 r s answer "$id" resources.hours dk
expect_status "answer by company name (its draft)" 0 r s answer "$m" goals.business 3
expect_status "an unknown key is a usage error" 2 r s answer "$id" goals.nonsense 3
expect_match "the unknown key is named" "$T/err" 'goals.nonsense'
expect_status "a value out of range is a usage error" 2 r s answer "$id" goals.purpose 5
expect_status "a word value is a usage error" 2 r s answer "$id" goals.purpose lots
expect_status "answer none clears an answer" 0 r s answer "$id" goals.business none
expect_status "note" 0 r s note "$id" resources.hours "Inhaber ist unsicher"
expect_status "an unknown assessment is exit 1" 1 r s answer 9999 goals.purpose 3
expect_status "finish" 0 r s finish "$id"
expect_match "finish names the unanswered questions on stderr" "$T/err" '^24 questions are unanswered: goals\.business '
expect_match "finish prints the level" "$T/out" "^Assessment $id \\(no\\. 1\\) is final: Not ready, score [0-9]+ of 100"
expect_match "finish names the stop sign" "$T/out" "^Stop sign: No goal"
expect_status "a final assessment cannot be answered" 1 r s answer "$id" goals.purpose 4
expect_match "the refusal says how to reopen" "$T/err" 'reopen'
expect_status "finishing a final assessment is refused" 1 r s finish "$id"
r s history "$m"
expect_match "history lists the final assessment" "$T/out" "^ +1 +$id +final +2026-01-01 +2026-01-01 +K\. Berater +Not ready"

expect_status "compare with only one final assessment fails" 1 r s compare "$m"
expect_match "the reason is given" "$T/err" 'fewer than two final assessments'

# A quarter later: re-check, carried answers.
export SMREADY_NOW=1775088000   # 2026-04-02
expect_status "a re-check carries the answers over" 0 r s assess "$m"
id2=$(cat "$T/out")
expect_match "carried answers are counted" "$T/err" 'with 2 answers carried over'
r s answer "$id2" goals.purpose 4 --note "Ziel: Fachkräfte gewinnen"
r s answer "$id2" resources.hours 3
r s answer "$id2" resources.long_term 3
expect_status "finish the re-check" 0 r s finish "$id2"
expect_match "the knock-out is gone" "$T/out" 'is final: Early stage|is final: Nearly ready|is final: Ready'
expect_status "compare the two" 0 r s compare "$m"
expect_match "compare shows the resolved knock-out" "$T/out" '\[Resolved\] No goal'
expect_match "compare shows both notes" "$T/out" 'Note before: Noch kein Ziel'
expect_match "compare shows the new note" "$T/out" 'Note now: Ziel: Fachkräfte gewinnen'
expect_match "compare lists the answer that is now known" "$T/out" "don't know → 3"
expect_status "compare with explicit assessments" 0 r s compare "$m" 1 2 --json
if command -v python3 >/dev/null 2>&1; then
	check "compare --json names the changes" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ch = {i["key"]: i["change"] for i in d["items"]}
assert ch["goals.purpose"] == "improved", ch["goals.purpose"]
assert ch["resources.hours"] == "now-known", ch["resources.hours"]
assert d["counts"]["now_known"] == 1, d["counts"]
assert d["counts"]["knockouts_resolved"] == 2, d["counts"]
' "$T/out"
else
	ok "compare --json # SKIP python3 not installed"
fi
cp "$T/out" "$T/forward.json"
expect_status "compare with the newer assessment named first" 0 r s compare "$m" 2 1 --json
check "compare NEW OLD --json equals compare OLD NEW --json" cmp -s "$T/forward.json" "$T/out"
r s compare "$m" 2 1
expect_match "reversed, the knock-out is still resolved (before is the older)" "$T/out" '\[Resolved\] No goal'
expect_status "an assessment compared with itself is refused" 1 r s compare "$m" 2 2
expect_match "comparing with itself is explained" "$T/err" 'cannot be compared with itself'
expect_eq "comparing with itself prints no report" "" "$(cat "$T/out")"
r s company archive "Zeta Bau KG"
expect_status "an archived company is not assessed" 1 r s assess "Zeta Bau KG"
expect_match "assessing an archived company says unarchive" "$T/err" 'unarchive'
r s company unarchive "Zeta Bau KG"
zid=$(s assess "Zeta Bau KG" 2>/dev/null)
r s answer "$zid" goals.purpose 2
r s finish "$zid"
zuuid=$(s history "Zeta Bau KG" --json | sed -n 's/.*"uuid": "\([0-9a-f-]*\)".*/\1/p' | sed -n 2p)
expect_status "assessments of another company are refused" 1 r s compare "$m" 1 "$zuuid"
expect_match "another company's assessment is explained" "$T/err" 'belongs to another company, not to'

expect_status "a number the company does not have is refused" 1 r s compare "$m" 1 3
expect_match "the missing number is explained" "$T/err" 'has no assessment "3"'
expect_status "compare takes the numbers within the company (1 with itself)" 1 r s compare "Zeta Bau KG" 1 1
expect_match "one assessment with itself is refused, by number" "$T/err" 'cannot be compared with itself'
expect_status "report COMPANY NUMBER" 0 r s report "$m" 2 --json
expect_match "report COMPANY 2 is the company's second assessment" "$T/out" '"number": 2,'
check "report COMPANY 2 is the re-check, by its ID" grep -q "\"id\": $id2," "$T/out"
expect_status "a bare number is not a company" 1 r s history 1
expect_match "the refusal says how to write a company number" "$T/err" 'written with #, as in #1'
expect_status "history takes #N" 0 r s history "#1"
expect_status "report of the latest" 0 r s report "$m"
expect_match "the report has the since-last-time section" "$T/out" '^Since the previous assessment \(No\. [0-9]+ of 2026-01-01\)'
expect_status "report --json" 0 r s report "$id2" --json
expect_match "report --json has the level key" "$T/out" '"level": "(early|nearly|ready)"'
expect_status "report to a file" 0 r s report "$id" --format markdown -o "$T/r.md"
expect_match "the markdown report was written" "$T/r.md" '^# Social media readiness report'
expect_status "report of an unknown reference is exit 1" 1 r s report "Nobody"

# Reopen and correct.
expect_status "reopen needs a reason" 2 r s reopen "$id2"
expect_status "reopen" 0 r s reopen "$id2" --reason "Tippfehler bei W5"
expect_status "a reopened assessment takes answers" 0 r s answer "$id2" resources.hours 4
expect_status "reopening a draft is refused" 1 r s reopen "$id2" --reason "nochmal"
r s finish "$id2"
r s history "$m"
expect_match "history marks the reopened assessment" "$T/out" "^ +2 +$id2 .*reopened 1 time"
expect_status "history --json" 0 r s history "$m" --json
expect_match "history --json counts reopenings" "$T/out" '"reopened": 1'

# ---- output that cannot be written ------------------------------------------
# A failed write is exit 1 with a message, never a silent failure or 0.
rf() { "$@" >/dev/full 2>"$T/err"; }
if [ -c /dev/full ] && [ -w /dev/full ]; then
	expect_status "a report to a full standard output is exit 1" 1 rf s report "$m"
	expect_match "the failed report is explained" "$T/err" '^smready: Cannot write the output: '
	expect_status "a report to a full file is exit 1" 1 r s report "$m" -o /dev/full
	expect_match "the failed file is named" "$T/err" '^smready: Cannot write /dev/full: '
	expect_status "a comparison to a full standard output is exit 1" 1 rf s compare "$m"
	expect_match "the failed comparison is explained" "$T/err" '^smready: Cannot write the output: '
	expect_status "the questionnaire to a full standard output is exit 1" 1 rf "$SMREADY" questions
	expect_match "the failed questionnaire is explained" "$T/err" '^smready: Cannot write the output: '
else
	for i in 1 2 3 4 5 6 7 8; do ok "write failures # SKIP no writable /dev/full"; done
fi

# ---- delete -----------------------------------------------------------------
expect_status "delete with --yes" 0 r s company delete "$m" --yes
expect_match "delete says how many assessments went" "$T/out" 'Deleted "Müller & Söhne GmbH" and 2 assessments'
expect_status "the deleted company is gone" 1 r s history "$m"

# ---- demo -------------------------------------------------------------------
expect_status "demo" 0 r s demo
expect_match "demo adds the samples" "$T/out" '^Added [3-9] sample companies'
expect_status "demo again" 0 r s demo
expect_match "demo adds them only once" "$T/out" 'there already'
r s company delete "Tischlerei Kranich (Beispiel)" --yes
expect_status "demo after one sample was deleted" 0 r s demo
expect_match "demo adds back only the deleted sample" "$T/out" '^Added 1 sample company\.'
r s companies
expect_match "the samples are marked" "$T/out" '\(Beispiel\)'
expect_eq "four samples are listed" 4 "$(grep -c 'Beispiel' "$T/out")"
bakery=$(grep -o 'Bäckerei[^(]*(Beispiel)' "$T/out")
expect_status "a sample has a comparison" 0 r s compare "$bakery"
expect_status "demo --remove" 0 r s demo --remove
expect_match "demo --remove says how many" "$T/out" '^Removed 4 sample companies'
r s companies
expect_no_match "the samples are gone" "$T/out" 'Beispiel'
expect_match "the other companies stay" "$T/out" '#[0-9]+ +Zeta Bau KG'

# ---- check and backup -------------------------------------------------------
expect_status "check on a good database" 0 r s check
expect_eq "check prints ok" "ok" "$(cat "$T/out")"
expect_status "backup" 0 r s backup "$T/copy.db"
expect_match "backup says where" "$T/out" "copy\.db"
expect_status "backup onto an existing file is refused" 1 r s backup "$T/copy.db"
expect_status "the backup is a working database" 0 r "$SMREADY" --db "$T/copy.db" companies
expect_match "the backup holds the companies" "$T/out" '#[0-9]+ +Zeta Bau KG'

# The file itself: what is not one, damage, and its companions.
if on_sqlite; then
	printf 'this is not a database, just text that is long enough to look like a header......\n' >"$T/junk.db"
	expect_status "a file that is not a database is exit 3" 3 r "$SMREADY" --db "$T/junk.db" check
	test -s "$T/err" && ok "the reason is on stderr" || not_ok "the reason is on stderr"
	# An empty file is not a new database: it is refused and stays empty, for
	# reading and for writing verbs alike.
	: >"$T/empty.db"
	expect_status "an existing empty file is exit 3 for check" 3 r "$SMREADY" --db "$T/empty.db" check
	expect_match "saying it is empty" "$T/err" 'is an empty file'
	expect_status "and for companies" 3 r "$SMREADY" --db "$T/empty.db" companies
	expect_status "and for company add" 3 r "$SMREADY" --db "$T/empty.db" company add "Neu GmbH"
	expect_eq "the empty file stays empty" 0 "$(wc -c <"$T/empty.db" | tr -d ' ')"
	check "no companion files appear beside it" sh -c '! ls "$1"-* >/dev/null 2>&1' sh "$T/empty.db"
	cp "$T/copy.db" "$T/broken.db"
	size=$(wc -c <"$T/broken.db")
	if [ "$size" -gt 12288 ]; then
		dd if=/dev/zero of="$T/broken.db" bs=1024 seek=6 count=4 conv=notrunc 2>/dev/null
		printf 'garbage garbage garbage garbage garbage' | dd of="$T/broken.db" bs=1 seek=4200 conv=notrunc 2>/dev/null
		expect_status "check on a damaged database is exit 3" 3 r "$SMREADY" --db "$T/broken.db" check
	else
		ok "check on a damaged database # SKIP database too small to damage"
	fi

	# Rows whose parent is gone and text that is not UTF-8 are problems too.
	cp "$T/copy.db" "$T/odd.db"
	sqlite3 "$T/odd.db" "PRAGMA foreign_keys = OFF;
	INSERT INTO answers (assessment_id, item_key, value, changed) VALUES (4242, 'goals.purpose', 3, 0);
	UPDATE companies SET contact = CAST(X'4DFC6C6C6572' AS TEXT) WHERE name = 'Zeta Bau KG';"
	expect_status "check finds an orphaned answer and bad text: exit 3" 3 r "$SMREADY" --db "$T/odd.db" check
	expect_match "the orphaned answer is named" "$T/out" 'answers.*4242.*goals\.purpose'
	expect_match "the bad text is named" "$T/out" 'companies.*contact.*UTF-8'
	expect_no_match "no raw bytes reach the terminal" "$T/out" "$(printf '\374')"

	# Damage where adding a company does not look (the answers): once check has
	# found it, no later command writes to the file.
	cp "$T/copy.db" "$T/dmg.db"
	root=$(sqlite3 "$T/dmg.db" "SELECT rootpage FROM sqlite_master WHERE name = 'answers'")
	psize=$(sqlite3 "$T/dmg.db" "PRAGMA page_size")
	head -c "$psize" /dev/zero | tr '\0' 'Z' |
		dd of="$T/dmg.db" bs="$psize" seek=$((root - 1)) count=1 conv=notrunc 2>/dev/null
	expect_status "check finds damage in the answers" 3 r "$SMREADY" --db "$T/dmg.db" check
	cp "$T/dmg.db" "$T/dmg.before"
	expect_status "after check found damage, company add is exit 3" 3 r "$SMREADY" --db "$T/dmg.db" company add "Neu nach Schaden GmbH"
	expect_match "saying the database is damaged" "$T/err" 'is damaged'
	expect_status "and demo is refused too" 3 r "$SMREADY" --db "$T/dmg.db" demo
	check "the damaged file was not changed" cmp -s "$T/dmg.before" "$T/dmg.db"
	expect_status "what is not damaged can still be read" 0 r "$SMREADY" --db "$T/dmg.db" companies
	expect_match "the companies are listed" "$T/out" '#[0-9]+ +Zeta Bau KG'
	# A restored backup is another file: it can be written again.
	cp "$T/copy.db" "$T/dmg.db"
	expect_status "after restoring a backup over it, writing works again" 0 r "$SMREADY" --db "$T/dmg.db" company add "Nach Wiederherstellung GmbH"
fi

# ---- read-only --------------------------------------------------------------
expect_status "--read-only after --db works" 0 r s --read-only companies
expect_status "--read-only before the command works" 0 r "$SMREADY" --read-only --db "$db" companies
expect_match "--read-only lists the companies" "$T/out" '#[0-9]+ +Zeta Bau KG'
expect_status "writing with --read-only is refused" 1 r "$SMREADY" --read-only --db "$db" company add "Neu GmbH"
expect_match "the refusal says read-only" "$T/err" 'read-only'
r s companies
expect_no_match "nothing was written" "$T/out" 'Neu GmbH'
on_sqlite && expect_status "--read-only on a missing file is exit 3" 3 r "$SMREADY" --read-only --db "$T/missing.db" companies

# -o naming the database itself (or a companion file) is refused and the
# database stays intact.
s company add "Sicher GmbH" >/dev/null 2>&1
for v in 1 3; do
	sid=$(s assess "Sicher GmbH" 2>/dev/null)
	s answer "$sid" goals.purpose $v >/dev/null 2>&1
	s finish "$sid" >/dev/null 2>&1
done
if on_sqlite; then
	expect_status "report -o onto the database is refused" 1 r s report "Sicher GmbH" -o "$db"
	expect_match "saying why" "$T/err" 'is the database itself'
	expect_status "compare -o onto the WAL file is refused" 1 r s compare "Sicher GmbH" -o "$db-wal"
	expect_match "saying why" "$T/err" 'is the database itself'
	expect_status "export -o onto the database is refused" 1 r s export -o "$db"
	expect_match "saying why" "$T/err" 'is the database itself'
fi
expect_status "the database still opens" 0 r s companies
expect_match "with its companies" "$T/out" 'Sicher GmbH'
expect_status "and passes its check" 0 r s check

tap_done
