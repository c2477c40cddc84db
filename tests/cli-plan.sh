#!/bin/sh
# cli-plan.sh - the action plan on the command line: "action add" with its
# items, owner, due date and note, what it refuses (changing nothing),
# status changes by number, UUID and the start of one, "action edit",
# "plan" as text and JSON, "due" with its output and exit statuses on fixed
# days, and the loop at the next re-check in "compare --json".
. "$top_srcdir/tests/tap.sh"

export LC_ALL=C.UTF-8 SMREADY_NOW=2026-01-01
unset LANGUAGE
db=$(test_db db)
s() { "$SMREADY" --db "$db" "$@"; }
# r COMMAND...: stdout to $T/out, stderr to $T/err.
r() { "$@" >"$T/out" 2>"$T/err"; }
m="Müller & Söhne GmbH"
count() { s plan "$m" --json | grep -c '"number"'; }

# ---- a first assessment: every answer "partly", no goal -------------------
s company add "$m" >/dev/null
s company add "Zeta Bau" >/dev/null
first=$(s assess "$m" 2>/dev/null)
for k in $(s questions | sed -n 's/^  \([a-z][a-z_-]*\.[a-z_-]*\)  *weight.*/\1/p'); do
	s answer "$first" "$k" 2 >/dev/null
done
s answer "$first" goals.purpose 0 >/dev/null
s finish "$first" >/dev/null
expect_eq "the first assessment is final" final \
	"$(s history --json "$m" | sed -n 's/.*"status": "\(.*\)".*/\1/p' | head -1)"

# ---- action add ----------------------------------------------------------------
expect_status "action add with an item, owner, due date and note" 0 \
	r s action add "$m" "Ziel in zwei Sätzen aufschreiben" --item goals.purpose \
	--owner "Lena, Marketing" --due 2026-02-01 --note "mit der Geschäftsführung"
expect_match "add prints the UUID on stdout" "$T/out" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
uuid1=$(cat "$T/out")
expect_match "add names the action's number on stderr" "$T/err" "^Added action 1 to \"$m\"\\.$"
expect_status "an action on two questions, targets given, a German date" 0 \
	r s action add "müller" "Richtlinie schreiben" --item policy.document=4 \
	--item policy.negative --due 15.03.2026
expect_status "a free action without a question or date" 0 r s action add "$m" "Schulung buchen"

uuid3=$(cat "$T/out")
expect_eq "three actions" 3 "$(count)"
"$SMREADY" --db "$T/db-num" company add "Nummer AG" >/dev/null
expect_status "a question named by its number as the screens show it" 0 \
	r "$SMREADY" --db "$T/db-num" action add "Nummer AG" "Nummer" --item 1.2=4
expect_match "is the question with that number" \
	"$("$SMREADY" --db "$T/db-num" plan "Nummer AG" > "$T/pn"; echo "$T/pn")" 'goals\.business'

expect_status "an unknown question key is a usage error" 2 \
	r s action add "$m" "X" --item goals.nonsense
expect_match "the unknown key is named" "$T/err" 'goals.nonsense'
expect_status "a target above 4 is a usage error" 2 r s action add "$m" "X" --item goals.purpose=5
expect_status "a target that is no number is a usage error" 2 \
	r s action add "$m" "X" --item goals.purpose=viel
expect_status "a day that does not exist is a usage error" 2 r s action add "$m" "X" --due 2026-02-30
expect_match "the bad day is explained" "$T/err" 'is not a day'
expect_status "a due date in words is a usage error" 2 r s action add "$m" "X" --due morgen
expect_status "nine questions are too many" 2 r s action add "$m" "X" \
	--item goals.purpose --item goals.business --item goals.achievable \
	--item goals.wholehearted --item channels.audience --item channels.choice \
	--item channels.analytics --item resources.long_term --item resources.budget
expect_status "a question named twice is a usage error" 2 \
	r s action add "$m" "X" --item goals.purpose --item goals.purpose=4
expect_status "also by its number and its key" 2 r s action add "$m" "X" --item 1.1 --item goals.purpose
expect_match "which is named" "$T/err" 'The question "goals.purpose" is named twice'
expect_status "too short a start of a UUID is refused" 1 r s action done 5dc
expect_match "and says why" "$T/err" '"5dc" is too short to name an action: give at least 4 characters'

expect_status "an empty title is refused" 1 r s action add "$m" "   "
expect_status "a title with a control character is refused" 1 \
	r s action add "$m" "$(printf 'A\033[2JB')"
expect_status "an unknown company is refused" 1 r s action add "Nobody GmbH" "X"
expect_status "add without a title is a usage error" 2 r s action add "$m"
expect_status "add takes no --title" 2 r s action add "$m" "X" --title Y
expect_eq "nothing refused was added" 3 "$(count)"

# ---- plan ------------------------------------------------------------------------
expect_status "plan" 0 r s plan "$m"
expect_match "plan counts" "$T/out" "^Action plan of \"$m\": 3 actions open or in progress; 0 done or dropped\\.$"
expect_match "plan: number, status, due date and owner" "$T/out" '^  1  open, due 2026-02-01  Owner: Lena, Marketing$'
expect_match "plan: the questions aimed at, with the targets" "$T/out" 'Aims at: policy\.document → 4 – fully; policy\.negative → 3 – largely'
expect_match "plan: the German date in its normal form" "$T/out" '^  2  open, due 2026-03-15$'
expect_match "plan: a free action" "$T/out" '^  3  open, no due date$'
expect_match "plan: the note" "$T/out" 'Note: mit der Geschäftsführung'
expect_status "plan --json" 0 r s plan "$m" --json
check "plan --json is valid JSON with the actions" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = d["actions"]
assert d["today"] == "2026-01-01", d["today"]
assert [x["number"] for x in a] == [1, 2, 3], a
assert a[0]["items"] == [{"item": "goals.purpose", "target": 3}], a[0]
assert a[0]["owner"] == "Lena, Marketing" and a[0]["due"] == "2026-02-01"
assert a[1]["items"][0] == {"item": "policy.document", "target": 4}
assert a[2]["due"] is None and a[2]["items"] == []
assert all(x["status"] == "open" and x["overdue"] is False for x in a)
assert a[0]["changes"][0]["status"] == "open"
' "$T/out"
expect_status "plan of a company without actions" 0 r s plan "Zeta Bau"
expect_match "it says there is none yet" "$T/out" 'has no action plan yet'

# ---- status changes ------------------------------------------------------------
export SMREADY_NOW=2026-01-20
expect_status "start by company and number" 0 r s action start "$m" 2
expect_match "start is confirmed" "$T/out" "^Action 2 of \"$m\" is in progress now: Richtlinie schreiben$"
expect_status "done by UUID" 0 r s action done "$uuid1"
expect_status "done again is no error" 0 r s action done "$uuid1"
expect_match "but says so" "$T/out" 'was done already'
expect_status "drop by the start of the UUID" 0 r s action drop "$(echo "$uuid3" | cut -c1-8)"
expect_status "reopen by a company's number and the action's number" 0 \
	r s action reopen "#$(s companies --json | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin) if c["name"].startswith("M")][0])')" 3
expect_status "and drop it again" 0 r s action drop "$m" 3
expect_status "an action number without its company is refused" 1 r s action done 1
expect_match "with the forms an ID takes" "$T/err" 'COMPANY NUMBER'
expect_status "a number the company has not is refused" 1 r s action done "$m" 9
expect_status "a number that is none is a usage error" 2 r s action done "$m" zwei
expect_status "a status command takes no --owner" 2 r s action done "$m" 1 --owner X
expect_status "three arguments are a usage error" 2 r s action done "$m" 1 2
expect_status "an unknown action command is a usage error" 2 r s action finish "$m" 1
s plan "$m" --json >"$T/p.json"
check "the changes are kept with their dates" python3 -c '
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))["actions"]
by = {x["number"]: x for x in a}
assert by[1]["status"] == "done" and [c["status"] for c in by[1]["changes"]] == ["open", "done"]
assert by[1]["changes"][1]["at"].startswith("2026-01-20")
assert by[2]["status"] == "in-progress"
assert [c["status"] for c in by[3]["changes"]] == ["open", "dropped", "open", "dropped"]
' "$T/p.json"
expect_status "plan hides the done and dropped ones" 0 r s plan "$m"
expect_match "and says how many" "$T/out" '2 done or dropped actions are not shown; --all lists them'
expect_no_match "the done one is not listed" "$T/out" 'Ziel in zwei'
r s plan "$m" --all
expect_match "--all lists them" "$T/out" '^  1  done, due 2026-02-01'

# ---- edit -------------------------------------------------------------------------
expect_status "edit owner and due date (+N days)" 0 r s action edit "$m" 2 --owner "Jonas" --due +30
s plan "$m" >"$T/plan"
expect_match "the new owner and day" "$T/plan" '^  2  in progress, due 2026-02-19  Owner: Jonas$'
expect_status "--no-due removes the date" 0 r s action edit "$m" 2 --no-due
r s plan "$m"
expect_match "no date now" "$T/out" '^  2  in progress, no due date  Owner: Jonas$'
expect_status "--due and --no-due together are a usage error" 2 \
	r s action edit "$m" 2 --due 2026-03-01 --no-due
expect_status "edit without a change is a usage error" 2 r s action edit "$m" 2
expect_status "edit takes no --item" 2 r s action edit "$m" 2 --item goals.purpose
expect_status "edit refuses an empty title" 1 r s action edit "$m" 2 --title ""
expect_status "edit back to a date" 0 r s action edit "$m" 2 --due 2026-03-15 --title "Richtlinie mit dem Team schreiben"
r s plan "$m"
expect_match "the title changed, the owner stayed" "$T/out" 'Richtlinie mit dem Team schreiben'
expect_match "the owner stayed" "$T/out" 'Owner: Jonas'

# ---- due ---------------------------------------------------------------------------
s company add "Archiv GmbH" >/dev/null
s action add "Archiv GmbH" "Vergessen" --due 2026-01-02 >/dev/null 2>&1
s company archive "Archiv GmbH" >/dev/null
zeta_first=$(s assess "Zeta Bau" 2>/dev/null)
s answer "$zeta_first" goals.purpose 3 >/dev/null
s finish "$zeta_first" >/dev/null
# Zeta Bau's re-check is due 91 days after 2026-01-20: 2026-04-21.
export SMREADY_NOW=2026-02-10
expect_status "due: nothing is due today" 0 r s due
expect_match "and it says so" "$T/out" '^Nothing is due today\.$'
expect_status "due --within 0 is today" 0 r s due --within 0
expect_status "due --within 40 finds the action due then" 5 r s due --within 40
expect_match "the action by company and number, with its day and owner" "$T/out" "^$m +2 +2026-03-15 +Jonas +Richtlinie mit dem Team schreiben\$"
expect_match "under a header that names the owner's column" "$T/out" "^Company +Action +Due +Owner +What\$"
expect_no_match "a done action is not due" "$T/out" 'Ziel in zwei'
expect_no_match "nor a dropped one" "$T/out" 'Schulung'
expect_no_match "nor an archived company's" "$T/out" 'Vergessen|Archiv'
export SMREADY_NOW=2026-03-20
expect_status "due: an overdue action" 5 r s due
expect_match "marked overdue" "$T/out" "^$m +2 +2026-03-15, overdue "
expect_no_match "no re-check is due yet" "$T/out" 're-check'
r s plan "$m"
expect_match "plan marks it overdue too" "$T/out" '^  2  in progress, due 2026-03-15 \(overdue\)  Owner: Jonas$'
expect_match "and counts it" "$T/out" ', 1 of them overdue; '
export SMREADY_NOW=2026-04-03
expect_status "due: the re-check of the first company too" 5 r s due
expect_match "the re-check, overdue since the day after 91 days" "$T/out" "^$m +2026-04-02, overdue +re-check: the last final assessment is of 2026-01-01"
expect_no_match "the other one is not due before its day" "$T/out" '^Zeta Bau'
expect_status "due --within 18 reaches it" 5 r s due --within 18
expect_match "due on its day" "$T/out" '^Zeta Bau +2026-04-21 +re-check'
s company add "Neu KG" >/dev/null
expect_status "a company never assessed is due" 5 r s due
expect_match "and says why" "$T/out" '^Neu KG +re-check: no assessment yet'
expect_status "due --json" 5 r s due --json
check "due --json is valid JSON with both kinds" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["today"] == "2026-04-03" and d["until"] == "2026-04-03"
r = {x["company"]["name"]: x for x in d["rechecks"]}
assert r["Müller & Söhne GmbH"]["due"] == "2026-04-02" and r["Müller & Söhne GmbH"]["overdue"]
assert r["Neu KG"]["reason"] == "never-assessed" and r["Neu KG"]["due"] is None
assert [a["number"] for a in d["actions"]] == [2] and d["actions"][0]["overdue"]
assert d["actions"][0]["company"] == "Müller & Söhne GmbH"
' "$T/out"
expect_status "--within must be a number" 2 r s due --within soon
expect_status "--within cannot be negative" 2 r s due --within -1
expect_status "--within has an upper bound" 2 r s due --within 4000
s company archive "Neu KG" >/dev/null

# ---- the loop at the re-check -------------------------------------------------------
# Action 1 (goal) was done and its question reached the target; action 2
# (policy) is in progress and its questions did not move: still open,
# overdue; action 3 was dropped before the re-check (no question: not judged).
second=$(s assess "$m" 2>/dev/null)
s answer "$second" goals.purpose 3 >/dev/null
s finish "$second" >/dev/null
expect_status "compare --json" 0 r s compare "$m" --json
check "the loop: worked, and still open and overdue" python3 -c '
import json, sys
o = json.load(open(sys.argv[1], encoding="utf-8"))["plan_outcome"]
by = {x["number"]: x for x in o}
assert sorted(by) == [1, 2], o
assert by[1]["outcome"] == "worked" and by[1]["items"][0]["progress"] == "reached"
assert by[1]["items"][0]["before"] == 0 and by[1]["items"][0]["after"] == 3
assert by[2]["outcome"] == "still-open" and by[2]["overdue"] and by[2]["status"] == "in-progress"
assert [i["progress"] for i in by[2]["items"]] == ["same", "same"]
' "$T/out"
expect_status "the comparison report" 0 r s compare "$m"
expect_match "leads with the plan's outcome" "$T/out" '^1 worked; 0 done without effect; 0 improved without the action; 1 still open\.$'
expect_match "the worked action is tagged" "$T/out" '\[worked\] Ziel in zwei Sätzen aufschreiben'
expect_match "the open one, and that it is overdue" "$T/out" 'Overdue: it was due by 2026-03-15\.'
expect_status "report --json of the re-check" 0 r s report "$m" --json
check "the report's JSON has the plan and its outcome" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert [a["number"] for a in d["plan"]] == [2], d["plan"]
assert d["plan"][0]["overdue"] is True
assert [a["outcome"] for a in d["plan_outcome"]] == ["worked", "still-open"]
' "$T/out"
expect_status "the report of the first assessment has no loop" 0 r s report "$first" --json
check "nor the plan of today" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["plan"] is None and d["plan_outcome"] is None, d
' "$T/out"

# ---- the plan in the export ------------------------------------------------------
s plan "$m" --all --json > "$T/plan-a.json"
expect_status "export with the plan" 0 r s export -o "$T/x1.json"
check "the export is of format version 2 and has the actions" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["version"] == 2, d["version"]
acts = [a for c in d["companies"] for a in c["actions"]]
assert len(acts) >= 3 and all(a["changes"] for a in acts), acts
' "$T/x1.json"
db2="$T/db2"
expect_status "import of the plan into an empty database" 0 \
	r "$SMREADY" --db "$db2" import "$T/x1.json"
expect_match "the import counts the actions" "$T/out" '^[1-9][0-9]* actions added$'
"$SMREADY" --db "$db2" export -o "$T/x2.json"
check "export, import, export: the same file" sh -c \
	'grep -v "\"exported\"" "$1" > "$1.a"; grep -v "\"exported\"" "$2" > "$2.a"; cmp -s "$1.a" "$2.a"' \
	sh "$T/x1.json" "$T/x2.json"
"$SMREADY" --db "$db2" plan "$m" --all --json > "$T/plan-b.json"
check "the plan reads the same in both databases" python3 -c '
import json, sys
strip = lambda p: [{k: v for k, v in a.items() if k != "id"} for a in p["actions"]]
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
assert strip(a) == strip(b), (a, b)
' "$T/plan-a.json" "$T/plan-b.json"
"$SMREADY" --db "$db2" action done "$m" 2 2>/dev/null
"$SMREADY" --db "$db2" export -o "$T/x3.json"
expect_status "importing it back" 0 r s import "$T/x3.json"
expect_match "brings the action worked on elsewhere up to date" "$T/out" '^1 action brought up to date$'
expect_match "the status came along" "$(s plan "$m" --all > "$T/p"; echo "$T/p")" '^  2  done'
expect_status "a CSV of the actions" 0 r s export --format csv --actions
expect_match "has a header row" "$T/out" '"company","company_uuid","action_uuid","number","title","owner","due","status"'
expect_match "one row per action, the owner in it" "$T/out" '"Lena, Marketing"'
expect_status "--actions with JSON is refused" 2 r s export --actions
expect_match "and says why" "$T/err" 'goes with --format csv'

# ---- what reaches the terminal ----------------------------------------------------
if on_sqlite; then
	sqlite3 "$db" "UPDATE actions SET owner = 'X' || char(27) || '[2JY' WHERE number = 2 AND company_id = 1"
else
	psql "$db" -qc "UPDATE actions SET owner = 'X' || chr(27) || '[2JY' WHERE number = 2 AND company_id = 1"
fi
r s plan "$m" --all
check "an escape in an owner written by another program is shown as \\x1b" \
	grep -qF 'X\x1b[2JY' "$T/out"
check "no raw escape character reaches the terminal" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$T/out"

expect_status "help of plan" 0 r s plan --help
expect_status "help of action without a database" 0 r "$SMREADY" --db /nonexistent/x.db action --help
expect_match "action help names the forms of an ID" "$T/out" 'COMPANY NUMBER'
expect_status "help of due" 0 r s due --help
expect_match "due help documents the exit status" "$T/out" '5 when something is'
"$SMREADY" --help >"$T/help"
expect_match "--help names exit status 5" "$T/help" "5 something is due"
tap_done
