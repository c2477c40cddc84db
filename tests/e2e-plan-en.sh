#!/bin/sh
# e2e-plan-en.sh - the plan screen in English: reached from the portfolio
# and the history, an action of one's own added with owner and due date,
# each status one key away (in progress, done, dropped, open again), the
# closed ones folded and shown, title and note edited in place, what a
# refused text leaves unchanged, the portfolio's column and sort order,
# and every key the help lists.
. "$top_srcdir/tests/e2e-lib.sh"

cli() { "$SMREADY" --db "$T/db" "$@"; }
bar() { screen | tail -1 | sed 's/ *$//'; }
m="Müller & Söhne GmbH"
export SMREADY_NOW=2026-01-10
cli company add "$m" >/dev/null || { not_ok "company add"; tap_done; }
cli company add "Zeta Bau" >/dev/null
a=$(cli assess "$m" 2>/dev/null)
cli answer "$a" goals.purpose 1 >/dev/null
cli finish "$a" >/dev/null
cli action add "$m" "Write the goal down" --item goals.purpose --owner Lena --due 2026-01-05 \
	>/dev/null 2>&1

e2e_start SMREADY_NOW=2026-01-10
expect_screen "portfolio" "$m"
screen > "$T/p.txt"
expect_match "the portfolio's column counts the open and overdue actions" "$T/p.txt" \
	"^▸ $m .* 1, 1 overdue"
send s s s s
expect_screen "sorted by actions" "sorted by actions"
screen > "$T/p2.txt"
expect_match "the company with actions first" "$T/p2.txt" "^▸ $m "
send p
expect_screen "p opens the plan" "Action plan: $m"
expect_screen "overdue in words" "overdue"

# an action of one's own: title, question, owner, due date in four prompts
send a
expect_screen "asks what is to be done" "New action: what is to be done?"
send_text "Book a training"
send Enter
expect_screen "then which question" "Aimed at which question?"
expect_screen "the action is saved already, the rest optional" \
	"Action added. What follows is optional: Esc leaves it out."
send_text "9.9"
send Enter
expect_screen "a question that does not exist is refused" '"9.9" is not a question'
expect_screen "and the prompt stays" "Aimed at which question?"
send C-u
send_text "1.2"
send Enter
expect_screen "then who" "Owner: who does it?"
send_text "Jonas"
send Enter
expect_screen "then by when" "Due by"
send_text "+7"
send Enter
expect_screen "added" "Action added."
expect_screen "with its owner and day" "2026-01-17"
screen > "$T/plan.txt"
expect_match "listed after the earlier due date" "$T/plan.txt" '^▸   2 open +2026-01-17 +Jonas +Book a training'
expect_match "the own action aims at question 1.2" "$T/plan.txt" 'Aims at 1\.2 '
expect_match "the detail has the owner and due date in full" "$T/plan.txt" \
	'^   Owner: Jonas  ·  due 2026-01-17$'

send Up
wait_for "▸   1 "
send s
expect_screen "s: in progress" "Action 1: in progress."
expect_screen "listed so" "in progress"
send s
expect_screen "again: says so, changes nothing" "Action 1 is in progress already."
send w
expect_screen "owner prompt with the owner" "│ Lena"
send Escape
wait_gone "Owner: who does it?"
send e
expect_screen "title prompt" "What is to be done?"
send C-u
send Enter
expect_screen "an empty title is refused" "Title:"
send Escape
expect_screen "the title stays" "Write the goal down"
send n
expect_screen "note prompt" "Note on the action"
send_text "with the works council"
send Enter
expect_screen "the note in the detail" "Note: with the works council"
send x
expect_screen "x drops it" "Action 1: dropped."
expect_screen "it folds away" "c shows the done or dropped action"
send c
expect_screen "c shows it" "dropped"
send End
wait_for "▸   1 dropped"
send o
expect_screen "o opens it again" "Action 1: open."
send d
expect_screen "d: done" "Action 1: done."
expect_screen "the change is dated" "done since"
send '?'
expect_screen "help of the plan screen" "Keys: Action plan"
for t in "Mark the action done" "Mark the action in progress" "Drop the action" \
	"Open a done or dropped action again" "Change who does the action" \
	"Change the due date" "Add an action of your own" "Suggest actions" \
	"Show or hide the done and dropped actions" "Change what the action says" \
	"Write or change the action's note"; do
	expect_screen "help: $t" "$t"
done
send Escape
send Escape
expect_screen "back in the portfolio" "Companies"
send Down
send Enter
expect_screen "history of another company" "History: Zeta Bau"
send p
expect_screen "p opens its plan" "Action plan: Zeta Bau"
expect_screen "with nothing in it" "No actions yet."
expect_screen "and says how to add one" "Press a to add an action"
expect_eq "its bar offers what works" "a Add  Esc Back  ? Help  q Quit" "$(bar)"
send d
expect_screen "a key with nothing to act on says so" "d cannot be used here just now"
send b
expect_screen "b without a final assessment says why" "this company has none yet"
send q
expect_eq "quits cleanly" 0 "$(e2e_wait_exit)"

cli plan "$m" --json >"$T/p.json"
check "every change is in the database" python3 -c '
import json, sys
a = {x["number"]: x for x in json.load(open(sys.argv[1], encoding="utf-8"))["actions"]}
assert [c["status"] for c in a[1]["changes"]] == ["open", "in-progress", "dropped", "open", "done"], a[1]
assert a[1]["note"] == "with the works council" and a[1]["owner"] == "Lena"
assert a[1]["title"] == "Write the goal down"
assert a[2]["title"] == "Book a training" and a[2]["owner"] == "Jonas" and a[2]["due"] == "2026-01-17"
assert a[2]["items"] == [{"item": "goals.business", "target": 3}], a[2]
' "$T/p.json"

# A note of two lines, written on the command line, survives being opened
# and kept unchanged in the one-line field (its line break shown as such).
cli action edit "$m" 1 --note "$(printf 'one\ntwo')" >/dev/null 2>&1
e2e_start SMREADY_NOW=2026-01-10
expect_screen "portfolio again" "$m"
send p
expect_screen "the plan again" "Action plan: $m"
send c End
wait_for "▸   1 done"
send n
expect_screen "the note's line break is shown" "one↵two"
send Enter
expect_screen "kept" "Saved."
screen > "$T/note.txt"
expect_match "the note's second line stands under its first" "$T/note.txt" '^   Note: one$'
expect_match "not under the label" "$T/note.txt" '^         two$'
# Changed elsewhere while the screen shows it done: reopening it from
# here says so and undoes nothing.
cli action drop "$m" 1 >/dev/null 2>&1
send o
expect_screen "a status changed elsewhere is shown, not undone" \
	"The action was changed elsewhere meanwhile (it is dropped now)"
expect_screen "and the plan shows it as it is now" "▸   1 dropped"
send q
expect_eq "quits cleanly again" 0 "$(e2e_wait_exit)"
# In the plan builder an action of one's own asks for its question too.
e2e_start SMREADY_NOW=2026-01-10
expect_screen "portfolio a third time" "$m"
send p
expect_screen "the plan a third time" "Action plan: $m"
send b
expect_screen "the builder" "Plan builder: $m"
send a
expect_screen "the builder asks what is to be done" "New action: what is to be done?"
send_text "Write the FAQ"
send Enter
expect_screen "then the question, as on the plan screen" "Aimed at which question?"
send_text "1.3"
send Enter
expect_screen "then who" "Owner: who does it?"
send Enter
expect_screen "then by when" "Due by"
send Enter
expect_screen "listed as one's own, with its question" "own       1.3    Write the FAQ"
send q
expect_eq "quits cleanly a third time" 0 "$(e2e_wait_exit)"
cli plan "$m" --all --json >"$T/p2.json"
check "the note still has its two lines" python3 -c '
import json, sys
a = {x["number"]: x for x in json.load(open(sys.argv[1], encoding="utf-8"))["actions"]}
assert a[1]["note"] == "one\ntwo", a[1]["note"]
assert a[1]["status"] == "dropped", a[1]["status"]
faq = [x for x in a.values() if x["title"] == "Write the FAQ"]
assert faq and faq[0]["items"] == [{"item": "goals.achievable", "target": 3}], faq
' "$T/p2.json"
tap_done
