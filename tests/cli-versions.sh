#!/bin/sh
# cli-versions.sh - a re-check of a company whose last assessment used the
# older questionnaire core/1 starts a core/2 draft with the answers of the
# items the catalogue maps carried over (renamed, split, merged) to be
# confirmed, the new items left open, and the notes travelling along.
. "$top_srcdir/tests/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

db=$T/db
s() { "$SMREADY" --db "$db" "$@"; }
export SMREADY_NOW=1767258000
s demo >/dev/null || not_ok "sample data"
name="Bäckerei Morgenrot (Beispiel)"
s history "$name" --json >"$T/h.json"
expect_eq "the sample history is core/1" "core 1" \
	"$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["assessments"][0]; print(a["questionnaire"], a["questionnaire_version"])' "$T/h.json")"
id=$(s assess "$name" 2>"$T/err")
expect_eq "the re-check starts a draft" 0 $?
s report "$id" --json >"$T/r.json"
python3 - "$T/r.json" >"$T/check" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = {x["key"]: x for x in r["answers"]}
print("version", r["assessment"]["questionnaire"], r["assessment"]["questionnaire_version"])
for k in ("goals.purpose", "resources.owner", "resources.hours", "organisation.pipeline_tested",
          "measurement.tracking", "goals.wholehearted", "policy.events"):
    print(k, a[k]["value"], "carried" if a[k]["carried"] else "confirmed")
print("note", a["measurement.metrics"]["note"])
PY
expect_match "the draft uses core/2" "$T/check" '^version core 2$'
expect_match "a same-key item is carried" "$T/check" '^goals\.purpose 4 carried$'
expect_match "a split item carries into both parts (owner)" "$T/check" '^resources\.owner 3 carried$'
expect_match "a split item carries into both parts (hours)" "$T/check" '^resources\.hours 3 carried$'
expect_match "a renamed item is carried" "$T/check" '^organisation\.pipeline_tested 3 carried$'
expect_match "a merged item carries the lowest of its sources" "$T/check" '^measurement\.tracking 2 carried$'
expect_match "a new item is left open" "$T/check" '^goals\.wholehearted None confirmed$'
expect_match "the other new item is left open" "$T/check" '^policy\.events None confirmed$'
expect_match "the note travels with its answer" "$T/check" '^note Zählt Vorbestellungen'
tap_done
