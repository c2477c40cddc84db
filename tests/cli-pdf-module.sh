#!/bin/sh
# cli-pdf-module.sh - the PDF driver (cairo and pango) is a module that is
# loaded only when a PDF is made: the program links neither, a verb that
# makes no PDF loads neither, a PDF report loads the module beside the
# program run from its build tree, and a program that finds no module
# says which file it looked for and still writes every other format.
. "$top_srcdir/tests/tap.sh"

[ "${SMREADY_PDF:-yes}" = no ] && skip_all "smready was built without PDF reports (--without-pdf)"
db="$T/db"
r() { "$@" >"$T/out" 2>"$T/err"; }
"$SMREADY" --db "$db" demo >/dev/null 2>&1 || not_ok "setup: demo"

# What the dynamic linker loads (glibc: the variables ldd itself uses).
LD_TRACE_LOADED_OBJECTS=1 "$SMREADY" >"$T/needed" 2>&1
expect_match "the linker lists the program's libraries" "$T/needed" 'libsqlite3'
expect_no_match "the program links no cairo, pango or fontconfig" "$T/needed" 'libcairo|libpango|libfontconfig'

LD_DEBUG=files "$SMREADY" --db "$db" companies >/dev/null 2>"$T/debug"
expect_match "a verb's libraries are traced" "$T/debug" 'file=.*libsqlite3'
expect_no_match "companies loads no cairo or pango" "$T/debug" 'file=.*(libcairo|libpango|smready-pdf)'
LD_DEBUG=files "$SMREADY" --db "$db" report '#1' --format html -o "$T/r.html" >/dev/null 2>"$T/debug"
expect_no_match "nor does an HTML report" "$T/debug" 'file=.*(libcairo|libpango|smready-pdf)'
LD_DEBUG=files "$SMREADY" --db "$db" report '#1' --format pdf -o "$T/r.pdf" >/dev/null 2>"$T/debug"
expect_match "a PDF report loads the module beside the program" "$T/debug" \
	"file=$top_builddir/smready-pdf.so"
expect_match "and with it pango" "$T/debug" 'file=.*libpango'
check "and writes the PDF" grep -q '^%PDF-' "$T/r.pdf"

# A copy of the program elsewhere looks only where "make install" puts the
# module; without one there, PDF is refused by name, the rest works.
mkdir -p "$T/bin"
cp "$SMREADY" "$T/bin/smready"
installed="${SMREADY_PKGLIBDIR:-/nonexistent}/smready-pdf.so"
if [ -f "$installed" ]; then
	expect_status "a copy of the program uses the installed module" 0 \
		r "$T/bin/smready" --db "$db" report '#1' --format pdf -o "$T/c.pdf"
else
	expect_status "a copy of the program without the module refuses PDF" 1 \
		r "$T/bin/smready" --db "$db" report '#1' --format pdf -o "$T/c.pdf"
	expect_match "naming the file it looked for" "$T/err" \
		"the module $installed, which cannot be loaded \(cannot open shared object file"
	check "and writes no file" test ! -e "$T/c.pdf"
fi
expect_status "the copy still writes HTML" 0 \
	r "$T/bin/smready" --db "$db" report '#1' --format html -o "$T/c.html"
tap_done
