#!/bin/sh
# cli-report.sh - golden tests of the reports: a fixed, scripted history of
# one company, reported as text and Markdown and compared as text, in
# English and German, against tests/golden/; and the HTML report is
# well-formed and escapes what the user typed.
# SMREADY_GOLDEN_UPDATE=1 rewrites the golden files from the current output
# (check them by eye before committing).
. "$top_srcdir/tests/tap.sh"

unset LANGUAGE
db=$(test_db db)
golden="$top_srcdir/tests/golden"
s() { "$SMREADY" --db "$db" "$@"; }
q() { "$SMREADY" --db "$db" "$@" >/dev/null 2>&1 || echo "setup failed: $*" >&2; }

# ---- the scripted history (in English, times fixed) ------------------------
export LC_ALL=C.UTF-8
export SMREADY_NOW=1767258000   # 2026-01-01 09:00 UTC
q company add "Müller & Söhne GmbH" --industry "Metallbau" --contact "Frau Groß"
id1=$(s assess "Müller & Söhne GmbH" --assessor "K. Berater" 2>/dev/null)
for kv in goals.purpose=1 goals.business=2 goals.achievable=3 goals.wholehearted=3 \
	channels.audience=2 channels.choice=1 channels.analytics=dk resources.long_term=3 \
	resources.budget=1 resources.owner=3 resources.hours=2 resources.staff=1 \
	resources.in_house=4 organisation.pipeline=0 organisation.pipeline_tested=0 \
	organisation.empowerment=2 organisation.backing=3 policy.document=0 \
	policy.negative=1 policy.events=0 policy.networks=0 measurement.metrics=1 \
	skills.expertise=2 skills.learning=1 skills.response=3; do
	q answer "$id1" "${kv%%=*}" "${kv#*=}"
done
q note "$id1" goals.purpose "Der Chef will \"mehr Reichweite\" – mehr nicht."
q note "$id1" resources.hours "Azubi postet, wenn Zeit ist"
q finish "$id1"

# The plan agreed after it: the goal (done, and it moved: worked), the
# choice of networks (done, and it did not move: done without effect),
# the response time (open, and it got worse: still open, overdue).
c="Müller & Söhne GmbH"
q action add "$c" "Ziel in zwei Sätzen festhalten" --item goals.purpose --owner "Frau Groß" \
	--due 2026-02-01 --note "mit der Geschäftsführung"
q action add "$c" "Netzwerke nach der Zielgruppe auswählen" --item channels.choice \
	--owner "K. Berater" --due 2026-03-01
q action add "$c" "Antwortzeit von einem Arbeitstag festlegen" --item skills.response \
	--due 2026-03-15
export SMREADY_NOW=1769904000   # 2026-02-01
q action done "$c" 1
q action done "$c" 2

export SMREADY_NOW=1775116800   # 2026-04-02 08:00 UTC
id2=$(s assess "Müller & Söhne GmbH" --assessor "K. Berater" 2>/dev/null)
q answer "$id2" goals.purpose 3 --note "Ziel: zwei Fachkräfte pro Jahr über Social Media gewinnen"
q answer "$id2" channels.analytics 2
q answer "$id2" resources.budget 2
q answer "$id2" organisation.pipeline 2
q answer "$id2" policy.document 1
q answer "$id2" skills.response 2 --note "Urlaubszeit: Antworten dauern länger"
q answer "$id2" measurement.tracking 2
q finish "$id2"
# and the next plan, open: the reports of id2 list it as the next steps
q action add "$c" "Kennzahlen für das Ziel festlegen" --item measurement.metrics \
	--owner "Frau Groß" --due 2026-05-15

# ---- golden comparison ------------------------------------------------------
# golden NAME LOCALE COMMAND...: output of the command in that locale against
# tests/golden/NAME.
golden() {
	_name=$1 _loc=$2; shift 2
	if ! LC_ALL=$_loc "$@" >"$T/$_name" 2>"$T/err"; then
		not_ok "$_name: the command succeeds"; diag "$(cat "$T/err")"; return
	fi
	if [ -n "$SMREADY_GOLDEN_UPDATE" ]; then
		cp "$T/$_name" "$golden/$_name"; ok "$_name: golden file rewritten"; return
	fi
	if [ ! -f "$golden/$_name" ]; then
		not_ok "$_name: golden file exists"; return
	fi
	if on_sqlite; then
		cp "$golden/$_name" "$T/$_name.want"
	else
		# A server records who finished an assessment (the database
		# user) and the report names it; a file records no one, so the
		# report of the same history says the same but for that line
		# (and the alignment of the facts beside it).
		case $_name in
		report-*) expect_match "$_name names the database user" "$T/$_name" \
			'(Finished by|Started by|Abgeschlossen von|Begonnen von):?\** +[a-z]' ;;
		esac
		grep -Ev '(Finished by|Started by|Abgeschlossen von|Begonnen von):' \
			"$golden/$_name" | tr -s ' ' >"$T/$_name.want"
		grep -Ev '(Finished by|Started by|Abgeschlossen von|Begonnen von):' \
			"$T/$_name" | tr -s ' ' >"$T/$_name.got"
		mv "$T/$_name.got" "$T/$_name"
	fi
	if diff -u "$T/$_name.want" "$T/$_name" >"$T/diff"; then
		ok "$_name matches the golden file"
	else
		not_ok "$_name matches the golden file"; diag "$(head -60 "$T/diff")"
	fi
}

golden report-en.txt C.UTF-8 s report "Müller & Söhne GmbH"
golden report-en.md C.UTF-8 s report "$id2" --format markdown
golden compare-en.txt C.UTF-8 s compare "Müller & Söhne GmbH"
golden report-first-en.txt C.UTF-8 s report "$id1"

# German: needs the locale and the built German catalogue.
if ! have_locale de_DE.UTF-8; then
	for f in report-de.txt report-de.md compare-de.txt; do
		ok "$f # SKIP locale de_DE.UTF-8 not available"
	done
elif [ ! -f "${SMREADY_LOCALEDIR:-/nonexistent}/de/LC_MESSAGES/smready.mo" ]; then
	for f in report-de.txt report-de.md compare-de.txt; do
		ok "$f # SKIP German catalogue not built"
	done
else
	golden report-de.txt de_DE.UTF-8 s report "Müller & Söhne GmbH"
	golden report-de.md de_DE.UTF-8 s report "$id2" --format markdown
	golden compare-de.txt de_DE.UTF-8 s compare "Müller & Söhne GmbH"
fi

# ---- HTML -------------------------------------------------------------------
evil='<script>alert(1)</script> & Co'
q company add "$evil" --industry "\"Quotes\" & 'apostrophes'"
id3=$(s assess "$evil" 2>/dev/null)
q answer "$id3" goals.purpose 2 --note "<img src=x onerror=alert(2)> & more"
q finish "$id3"
if s report "$evil" --format html -o "$T/r.html" 2>"$T/err"; then
	ok "the HTML report is written"
else
	not_ok "the HTML report is written"; diag "$(cat "$T/err")"
fi
s compare "Müller & Söhne GmbH" --format html >"$T/c.html" 2>"$T/err"
expect_no_match "no raw <script> from the company name" "$T/r.html" '<script'
expect_no_match "no raw tag from a note" "$T/r.html" '<img'
expect_match "the company name is escaped" "$T/r.html" '&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; Co'
expect_match "quotes are escaped" "$T/r.html" '&quot;Quotes&quot; &amp; &#39;apostrophes&#39;'
expect_match "the report starts with a doctype" "$T/r.html" '^<!DOCTYPE html>'
expect_match "the report has a lang attribute" "$T/r.html" '<html lang="en">'
expect_match "the report has print styles" "$T/r.html" '@media print'
expect_no_match "the report loads nothing from outside" "$T/r.html" '<[a-z]+ [^>]*(src|href)='
if command -v python3 >/dev/null 2>&1; then
	for f in r.html c.html; do
		if python3 - "$T/$f" >"$T/py.out" 2>&1 <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise SystemExit("unexpected </%s> with open %s" % (tag, self.stack))
        self.stack.pop()
    def handle_entityref(self, name):
        if name not in ("amp", "lt", "gt", "quot"):
            raise SystemExit("unknown entity &%s;" % name)
data = open(sys.argv[1], "rb").read().decode("utf-8")   # must be valid UTF-8
p = Strict()
p.feed(data)
p.close()
if p.stack:
    raise SystemExit("unclosed: %s" % p.stack)
PY
		then ok "$f is well-formed UTF-8 HTML"
		else not_ok "$f is well-formed UTF-8 HTML"; diag "$(cat "$T/py.out")"; fi
	done
elif command -v xmllint >/dev/null 2>&1; then
	check "r.html parses" xmllint --html --noout "$T/r.html"
	check "c.html parses" xmllint --html --noout "$T/c.html"
else
	ok "HTML well-formedness # SKIP neither python3 nor xmllint installed"
fi
if have_locale de_DE.UTF-8 && [ -f "${SMREADY_LOCALEDIR:-/nonexistent}/de/LC_MESSAGES/smready.mo" ]; then
	LC_ALL=de_DE.UTF-8 s report "$evil" --format html >"$T/de.html" 2>/dev/null
	expect_match "the German HTML report says lang=de" "$T/de.html" '<html lang="de">'
else
	ok "German HTML lang # SKIP German catalogue or locale not available"
fi

tap_done
