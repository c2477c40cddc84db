#!/bin/sh
# csv-spreadsheet.sh - the CSV export opened by a real spreadsheet: LibreOffice
# converts it the way a double click opens it (no "quoted field as text"),
# with the separator the export used and with another one.  Notes must stay
# text (0042, 1,5, 2026-01-02 are not numbers), no cell may become a
# formula (also a line after a line break inside a note), and umlauts must
# survive (UTF-8 with a byte-order mark).
. "$top_srcdir/tests/tap.sh"

soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || skip_all "LibreOffice is not installed (apt-get install libreoffice-calc-nogui; CI installs it with scripts/install-deps --with-ci-tools)"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

export LC_ALL=de_DE.UTF-8 SMREADY_NOW=1767225600
have_locale de_DE.UTF-8 || export LC_ALL=C.UTF-8
s() { "$SMREADY" --db "$T/db" "$@"; }
s company add "Müller & Söhne GmbH" >/dev/null 2>&1
id=$(s assess "Müller & Söhne GmbH" 2>/dev/null)
i=0
for note in "0042" "1,5" "2026-01-02" "siehe
=SUM(1,2)" "=1+1" "12:30" "WAHR"; do
	key=$(s questions --json | sed -n 's/^ *"key": "\([a-z_]*\.[a-z_.]*\)",*$/\1/p' | sed -n "$((i + 1))p")
	s note "$id" "$key" "$note" >/dev/null 2>&1
	i=$((i + 1))
done
s answer "$id" goals.purpose 3 >/dev/null 2>&1
s export --format csv -o "$T/x.csv"
sep=$(head -n 1 "$T/x.csv" | tail -c +4 | cut -c 10)

# convert SEPARATOR-CODE OUT: LibreOffice's CSV filter with that separator,
# UTF-8, German, and its default options otherwise.
convert() {
	rm -rf "$T/conv" && mkdir -p "$T/conv"
	"$soffice" -env:UserInstallation="file://$T/lo-profile" --headless \
		--infilter="CSV:$1,34,76,1,,1031" --convert-to fods --outdir "$T/conv" "$T/x.csv" \
		>"$T/conv.log" 2>&1
	mv "$T/conv/x.fods" "$2" 2>/dev/null
}
# cells FODS: one line per cell: TYPE<TAB>TEXT (line breaks as \n), and
# FORMULA for a cell that holds one.
cells() {
	python3 - "$1" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<table:table-cell([^>]*?)(/>|>(.*?)</table:table-cell>)', s, re.S):
    attrs, body = m.group(1), m.group(3) or ''
    text = re.sub(r'</text:p>\s*<text:p>', r'\\n', body)
    text = re.sub(r'<text:line-break/>', r'\\n', text)
    text = re.sub(r'<[^>]+>', '', text).strip()
    text = text.replace('&apos;', "'").replace('&quot;', '"').replace('&amp;', '&')
    kind = re.search(r'office:value-type="(\w+)"', attrs)
    if 'table:formula' in attrs:
        print('FORMULA\t' + text)
    elif kind:
        print(kind.group(1) + '\t' + text)
PY
}

expect_eq "the export used the locale's separator" "$([ "$LC_ALL" = C.UTF-8 ] && echo , || echo ';')" "$sep"
code=$(printf '%d' "'$sep")
convert "$code" "$T/same.fods"
check "LibreOffice converts the CSV" test -s "$T/same.fods"
cells "$T/same.fods" >"$T/same.cells"
expect_no_match "no cell is a formula" "$T/same.cells" '^FORMULA'
for text in "'0042" "'1,5" "'2026-01-02" "'12:30" "'WAHR" "'=1+1"; do
	re=$(printf '%s' "$text" | sed 's/[+.()]/\\&/g')
	expect_match "the note $text stays text" "$T/same.cells" "^string	$re\$"
done
expect_match "the note with a formula on its second line stays one text cell" "$T/same.cells" \
	"^string	siehe\\\\n'=SUM\\(1,2\\)\$"
expect_match "umlauts survive" "$T/same.cells" '^string	Müller & Söhne GmbH$'
expect_match "the answer's value is a number" "$T/same.cells" '^float	3$'
expect_match "the date is a date" "$T/same.cells" '^date	'

# Opened with the other separator, the quoted cells fall apart; still no
# piece may be a formula.
if [ "$sep" = ";" ]; then other=44; else other=59; fi
convert "$other" "$T/other.fods"
check "LibreOffice converts the CSV with the other separator" test -s "$T/other.fods"
cells "$T/other.fods" >"$T/other.cells"
expect_no_match "with the other separator, no cell is a formula" "$T/other.cells" '^FORMULA'
tap_done
