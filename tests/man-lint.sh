#!/bin/sh
# man-lint.sh - the man page is free of roff mistakes and documents every
# command the program knows.
. "$top_srcdir/tests/tap.sh"

page="$top_builddir/man/smready.1"
[ -f "$page" ] || skip_all "man/smready.1 not generated"

if [ -n "${MANDOC:-}" ] && [ -x "$MANDOC" ]; then
	"$MANDOC" -Tlint -W warning "$page" >"$T/lint" 2>&1
	expect_eq "mandoc -Tlint finds nothing" "" "$(cat "$T/lint")"
elif [ -n "${GROFF:-}" ] && [ -x "$GROFF" ]; then
	"$GROFF" -man -ww -z "$page" >"$T/lint" 2>&1
	expect_eq "groff -ww finds nothing" "" "$(cat "$T/lint")"
else
	skip_all "neither mandoc nor groff installed"
fi

# Every verb listed by --help has its own subsection.
"$SMREADY" --help >"$T/help" 2>&1
verbs=$(sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' "$T/help" | sort -u)
[ -n "$verbs" ] && ok "--help lists commands" || not_ok "--help lists commands"
for v in $verbs; do
	if grep -Eq "^\.SS \"?$v( |\"|$)" "$page"; then ok "man page documents '$v'"
	else not_ok "man page documents '$v'"; fi
done
for s in "EXIT STATUS" ENVIRONMENT FILES SCORING SCREENS; do
	if grep -q "^\.SH \"\{0,1\}$s" "$page"; then ok "man page has a $s section"
	else not_ok "man page has a $s section"; fi
done
tap_done
