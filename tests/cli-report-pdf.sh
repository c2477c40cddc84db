#!/bin/sh
# cli-report-pdf.sh - the report a consultant hands over: the settings file
# (consultant, firm, contact, logo, default assessor, re-check interval,
# paper), a bad line named with file and line, a missing file no error;
# the PDF report and comparison read back with pdftotext and pdfinfo (the
# letterhead, the verdict, the chart, the steps and page numbers on page
# one, umlauts, the appendix on a page of its own, A4 under de_DE and
# Letter under en_US); the HTML report self-contained with inline SVG.
. "$top_srcdir/tests/tap.sh"

unset LANGUAGE LC_PAPER
db="$T/db"
s() { "$SMREADY" --db "$db" "$@"; }
r() { "$@" >"$T/out" 2>"$T/err"; }
q() { "$SMREADY" --db "$db" "$@" >/dev/null 2>&1 || echo "setup failed: $*" >&2; }
de_ok=
if have_locale de_DE.UTF-8 && [ -f "${SMREADY_LOCALEDIR:-/nonexistent}/de/LC_MESSAGES/smready.mo" ]; then
	de_ok=1
fi

# ---- the settings file -------------------------------------------------------
cfg="$T/config"
python3 - "$T/logo.png" <<'PY'
import struct, sys, zlib
w, h = 40, 20
raw = b"".join(b"\0" + bytes([47, 111, 159]) * w for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
cat >"$cfg" <<'CFG'
# Settings for the tests
consultant = Katrin Bärwald
firm = Bärwald & Partner Beratung
contact = +49 30 1234567 · kb@baerwald.example
logo = logo.png
assessor = K. Bärwald
recheck = 13 weeks
CFG
export SMREADY_CONFIG="$cfg"

# ---- a history of three final assessments, the last one reopened ----------
export LC_ALL=C.UTF-8
export SMREADY_NOW=1767258000   # 2026-01-01
q company add "Müller & Söhne GmbH" --industry Metallbau --contact "Frau Groß"
id1=$(s assess "Müller & Söhne GmbH" 2>/dev/null)
# Most answers "largely", so that the score alone would mean more than the
# stop signs allow.
for k in $(s questions --json | python3 -c 'import json,sys; print(" ".join(i["key"] for i in json.load(sys.stdin)["items"]))'); do
	q answer "$id1" "$k" 3
done
for kv in goals.purpose=1 goals.business=2 resources.staff=1 policy.document=0 \
	skills.response=3 organisation.empowerment=2; do
	q answer "$id1" "${kv%%=*}" "${kv#*=}"
done
q note "$id1" resources.staff "Nur die Inhaberin kümmert sich"
q finish "$id1"
export SMREADY_NOW=1775116800   # 2026-04-02
id2=$(s assess "Müller & Söhne GmbH" 2>/dev/null)
q answer "$id2" goals.purpose 3
q answer "$id2" policy.document 1 --note "Entwurf liegt bei der Geschäftsführung"
q finish "$id2"
export SMREADY_NOW=1782979200   # 2026-07-02
id3=$(s assess "Müller & Söhne GmbH" 2>/dev/null)
q answer "$id3" goals.business 3
q finish "$id3"
export SMREADY_NOW=1783065600
q reopen "$id3" --reason "Zahlen nachgereicht"
q answer "$id3" skills.response 4
q finish "$id3"

s report "$id1" --json >"$T/j" 2>"$T/err"
expect_match "assess without --assessor takes the settings' default assessor" "$T/j" \
	'"assessor": "K. Bärwald"'

# ---- PDF in German ---------------------------------------------------------
if [ "${SMREADY_PDF:-yes}" = no ]; then
	expect_status "without cairo and pango, PDF is refused" 1 r s report "$id3" \
		--format pdf -o "$T/r.pdf"
	expect_match "and the message names what is missing" "$T/err" 'cairo and pango'
	tap_done
fi
# A page's text without the bidi marks poppler puts around right-to-left runs.
page() { "$PDFTOTEXT" -f "$2" -l "$2" "$1" - 2>/dev/null | LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g'; }
pages() { "$PDFINFO" "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

if [ -z "$de_ok" ]; then
	ok "German PDF # SKIP locale de_DE.UTF-8 or the German catalogue not available"
else
	if LC_ALL=de_DE.UTF-8 s report "Müller & Söhne GmbH" --format pdf -o "$T/r.pdf" \
		>"$T/out" 2>"$T/err"; then
		ok "report --format pdf -o FILE works under de_DE"
	else
		not_ok "report --format pdf -o FILE works under de_DE"; diag "$(cat "$T/err")"
	fi
	"$PDFINFO" "$T/r.pdf" >"$T/info" 2>&1
	expect_match "the PDF is A4 under de_DE" "$T/info" '^Page size:.*\(A4\)'
	n=$(pages "$T/r.pdf")
	page "$T/r.pdf" 1 >"$T/p1"
	expect_match "page 1: the consultant from the settings file" "$T/p1" 'Katrin Bärwald'
	expect_match "page 1: the firm" "$T/p1" 'Bärwald & Partner Beratung'
	expect_match "page 1: the contact line" "$T/p1" 'kb@baerwald.example'
	expect_match "page 1: the company with its umlauts" "$T/p1" 'Müller & Söhne GmbH'
	expect_match "page 1: the company's contact" "$T/p1" 'Frau Groß'
	expect_match "page 1: the assessment by number and German date" "$T/p1" 'Nr\. 3 vom 0[23]\.07\.2026'
	expect_match "page 1: who assessed" "$T/p1" 'K\. Bärwald'
	expect_match "page 1: the questionnaire by its title" "$T/p1" 'Social-Media-Bereitschaftscheck, Ausgabe 2'
	expect_match "page 1: the reopening with its reason" "$T/p1" 'Zahlen nachgereicht'
	expect_match "page 1: the verdict with its stop signs and the band" "$T/p1" \
		'Stufe „Nicht bereit“ \([0-9]+ von 100\): [0-9]+ Stoppschild'
	tr '\n' ' ' <"$T/p1" >"$T/p1j"   # a line of text may break anywhere
	expect_match "page 1: the verdict says what the score alone means" "$T/p1j" \
		'Stoppschilder; allein nach Punkten: Fast bereit'
	expect_match "page 1: the chart of the dimensions with its bands" "$T/p1" 'Einstieg'
	expect_match "page 1: the trend over three assessments" "$T/p1" 'Gesamtpunktzahl im Zeitverlauf'
	expect_match "page 1: the next steps, a stop sign first" "$T/p1" 'Stoppschild +Zu wenig Personal'
	expect_match "page 1: a stop sign's first step" "$T/p1" 'Erster Schritt:'
	expect_match "page 1: the note under its step" "$T/p1" 'Nur die Inhaberin kümmert sich'
	expect_match "page 1: its footer names the company" "$T/p1" 'Müller & Söhne GmbH$'
	expect_match "page 1: its page number of all" "$T/p1" "Seite 1 von $n"
	"$PDFTOTEXT" "$T/r.pdf" "$T/all" 2>/dev/null
	expect_match "the re-check after 13 weeks from the settings" "$T/all" 'bis zum 0[12]\.10\.2026, 91 Tage'
	expect_match "since the previous assessment, by number and date" "$T/all" 'Seit der vorigen Bewertung \(Nr\. 2 vom 02\.04\.2026\)'
	expect_no_match "the appendix is not on the first page" "$T/p1" 'Anhang: alle Antworten'
	page "$T/r.pdf" "$n" >"$T/plast"
	found=
	i=2
	while [ "$i" -le "$n" ]; do
		if page "$T/r.pdf" "$i" | sed -n '1,4p' | grep -q 'Anhang: alle Antworten'; then found=$i; fi
		i=$((i + 1))
	done
	if [ -n "$found" ]; then ok "the appendix starts a page of its own (page $found)"
	else not_ok "the appendix starts a page of its own"; fi
	expect_match "the last page is numbered too" "$T/plast" "Seite $n von $n"
	"$PDFFONTS" "$T/r.pdf" >"$T/fonts" 2>&1 || true
	if [ -n "${PDFFONTS:-}" ]; then
		expect_no_match "every font is embedded" "$T/fonts" ' no +(yes|no) +(yes|no) +[0-9]+ +0$'
	fi

	if LC_ALL=de_DE.UTF-8 s compare "Müller & Söhne GmbH" --format pdf -o "$T/c.pdf" 2>"$T/err"; then
		ok "compare --format pdf -o FILE works under de_DE"
	else
		not_ok "compare --format pdf -o FILE works under de_DE"; diag "$(cat "$T/err")"
	fi
	"$PDFINFO" "$T/c.pdf" >"$T/info" 2>&1
	expect_match "the comparison is A4 under de_DE" "$T/info" '^Page size:.*\(A4\)'
	page "$T/c.pdf" 1 >"$T/c1"
	expect_match "comparison page 1: the consultant" "$T/c1" 'Katrin Bärwald'
	expect_match "comparison page 1: the title" "$T/c1" 'Vergleich'
	expect_match "comparison page 1: before and now by number and date" "$T/c1" 'Nr\. 2 vom 02\.04\.2026'
	expect_match "comparison page 1: the verdict now" "$T/c1" 'Stufe „Nicht bereit“'
	expect_match "comparison page 1: the page number" "$T/c1" "Seite 1 von $(pages "$T/c.pdf")"
fi

# ---- PDF in American English, and the paper forced -------------------------
if have_locale en_US.UTF-8; then
	LC_ALL=en_US.UTF-8 s report "Müller & Söhne GmbH" --format pdf -o "$T/us.pdf" 2>"$T/err"
	"$PDFINFO" "$T/us.pdf" >"$T/info" 2>&1
	expect_match "the PDF is Letter under en_US" "$T/info" '^Page size:.*\(letter\)'
	page "$T/us.pdf" 1 >"$T/u1"
	expect_match "English page 1: the verdict" "$T/u1" 'Not ready \([0-9]+ of 100\): [0-9]+ stop sign'
	expect_match "English page 1: by score alone" "$T/u1" 'by score alone'
	expect_match "English page 1: the page number" "$T/u1" 'Page 1 of [0-9]'
	expect_match "English page 1: the date in the American form" "$T/u1" 'No\. 3 of 07/0[23]/2026'
	printf 'paper = a4\n' >"$T/a4.cfg"
	SMREADY_CONFIG="$T/a4.cfg" LC_ALL=en_US.UTF-8 s report "$id3" --format pdf -o "$T/a4.pdf" 2>/dev/null
	"$PDFINFO" "$T/a4.pdf" >"$T/info" 2>&1
	expect_match "paper = a4 forces A4 under en_US" "$T/info" '^Page size:.*\(A4\)'
else
	ok "Letter under en_US # SKIP locale en_US.UTF-8 not available"
fi

# ---- an Arabic company name --------------------------------------------------
q company add "شركة النور"
ida=$(s assess "شركة النور" 2>/dev/null)
q answer "$ida" goals.purpose 2
q finish "$ida"
s report "شركة النور" --format pdf -o "$T/ar.pdf" 2>/dev/null
# poppler puts a space after each letter that does not join the next one.
page "$T/ar.pdf" 1 | tr -d ' ' >"$T/a1"
expect_match "an Arabic name reads back in its logical order" "$T/a1" 'شركةالنور'

# ---- PDF into a pipe, and not into a terminal --------------------------------
s report "$id3" --format pdf 2>/dev/null | head -c 5 >"$T/head"
expect_match "PDF into a pipe is written" "$T/head" '^%PDF-'
if command -v script >/dev/null 2>&1; then
	script -qec "$SMREADY --db $db report $id3 --format pdf" /dev/null >"$T/tty" 2>&1
	expect_match "PDF to a terminal is refused with a message" "$T/tty" 'not for the terminal'
	expect_no_match "and nothing binary reaches the terminal" "$T/tty" '%PDF'
else
	ok "PDF to a terminal # SKIP script (util-linux) not installed"
fi

# ---- HTML: self-contained, charts inline, printable ---------------------------
s report "Müller & Söhne GmbH" --format html -o "$T/r.html" 2>/dev/null
s compare "Müller & Söhne GmbH" --format html -o "$T/c.html" 2>/dev/null
for f in r.html c.html; do
	expect_no_match "$f: no script" "$T/$f" '<script|javascript:|[[:space:]]on[a-z]+='
	expect_no_match "$f: nothing fetched (only data: URLs)" "$T/$f" \
		'(src|href)="[^d#]|(src|href)="d[^a]|url\(|@import|https?:'
	expect_match "$f: the chart is inline SVG" "$T/$f" '<svg class="chart" role="img"'
	expect_match "$f: prints with page numbers" "$T/$f" 'counter\(page\)'
done
expect_match "the HTML names the paper" "$T/r.html" '@page\{size:A4'
expect_match "the HTML has the logo inline" "$T/r.html" '<img alt="" src="data:image/png;base64,'
expect_match "the HTML has the consultant" "$T/r.html" 'Katrin Bärwald'
expect_match "the HTML has the trend" "$T/r.html" '<polyline'
if python3 - "$T/r.html" "$T/c.html" >"$T/py.out" 2>&1 <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
SVG = {"svg", "title", "rect", "text", "polyline", "circle"}
class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and tag not in SVG:
            raise SystemExit("<%s/> is not an empty element" % tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise SystemExit("unexpected </%s> with open %s" % (tag, self.stack))
        self.stack.pop()
    def handle_entityref(self, name):
        if name not in ("amp", "lt", "gt", "quot"):
            raise SystemExit("unknown entity &%s;" % name)
for f in sys.argv[1:]:
    p = Strict()
    p.feed(open(f, "rb").read().decode("utf-8"))
    p.close()
    if p.stack:
        raise SystemExit("%s: unclosed: %s" % (f, p.stack))
PY
then ok "the HTML reports with charts are well-formed"
else not_ok "the HTML reports with charts are well-formed"; diag "$(cat "$T/py.out")"; fi

# ---- the settings file: bad lines named, a missing file no error ------------
printf 'consultant = Katrin\nfirm = X\ncolour = red\nrecheck = soon\n' >"$T/bad.cfg"
SMREADY_CONFIG="$T/bad.cfg" s report "$id3" >"$T/out" 2>"$T/err"
expect_eq "a bad settings file does not stop the report" 0 "$?"
expect_match "an unknown key is named with file and line" "$T/err" "bad\.cfg:3: .*colour"
expect_match "a bad value is named with file and line" "$T/err" "bad\.cfg:4: .*recheck"
expect_match "the good lines still count" "$T/out" '^Katrin$'
expect_match "the bad interval keeps the default" "$T/out" '91 days after'
SMREADY_CONFIG="$T/none/config" s report "$id3" >"$T/out" 2>"$T/err"
expect_eq "a missing settings file is no error" 0 "$?"
expect_eq "and says nothing" "" "$(cat "$T/err")"
if [ -n "$de_ok" ]; then
	SMREADY_CONFIG="$T/bad.cfg" LC_ALL=de_DE.UTF-8 s report "$id3" >/dev/null 2>"$T/err"
	expect_match "the message is German under de_DE" "$T/err" 'unbekannte Einstellung „colour“'
fi

SMREADY_CONFIG="$top_srcdir/doc/config.example" s report "$id3" >"$T/out" 2>"$T/err"
expect_eq "the documented example settings file reads without a complaint" "" "$(cat "$T/err")"
expect_match "and its consultant heads the report" "$T/out" '^Katrin Berater · '

# ---- the re-check interval is the due rule ------------------------------------
export SMREADY_NOW=1786000000   # 2026-08-06: 35 days after the last one
printf 'recheck = 4 weeks\n' >"$T/due.cfg"
SMREADY_CONFIG="$T/due.cfg" s companies --json >"$T/j" 2>/dev/null
expect_match "recheck = 4 weeks: due after 35 days" "$T/j" '"due": true'
printf 'recheck = 3 months\n' >"$T/due.cfg"
SMREADY_CONFIG="$T/due.cfg" s companies --json >"$T/j" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [c["due"] for c in d if c["name"].startswith("M")]==[False] else 1)' "$T/j"
expect_eq "recheck = 3 months: not due after 35 days" 0 "$?"

tap_done
