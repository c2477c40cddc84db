#!/bin/sh
# man-lint.sh - the man page is free of roff mistakes, renders without a
# warning and within 80 columns in a UTF-8 and in the C locale (every
# symbol has an ASCII form), and documents every command the program knows.
. "$top_srcdir/tests/tap.sh"

page="$top_builddir/man/smready.1"
[ -f "$page" ] || { not_ok "man/smready.1 is generated (by configure)"; tap_done; }

# Both tools are needed (tests/suite-tools.sh says how to get them); a
# missing one fails here instead of skipping.
if [ -n "${MANDOC:-}" ] && [ -x "$MANDOC" ]; then
	"$MANDOC" -Tlint -W style "$page" >"$T/lint" 2>&1
	expect_eq "mandoc -Tlint -W style finds nothing" "" "$(cat "$T/lint")"
else
	not_ok "mandoc -Tlint -W style finds nothing"; diag "mandoc was not found by configure"
fi
if [ -n "${GROFF:-}" ] && [ -x "$GROFF" ]; then
	for dev in ps utf8 ascii; do
		# -mtty-char: the ASCII forms nroff and man use on a terminal
		"$GROFF" -mtty-char -man -ww -T"$dev" -rLL=78n -rLT=78n -z "$page" >"$T/groff.$dev" 2>&1
		expect_eq "groff -ww -T$dev renders it without a warning" "" "$(cat "$T/groff.$dev")"
	done
	# What "MANWIDTH=80 man" shows: lines of 78 columns and their indents.
	"$GROFF" -mtty-char -man -Tascii -rLL=78n -rLT=78n -P-cbou "$page" 2>/dev/null |
		awk 'length > 80 { print length ": " $0 }' >"$T/wide"
	expect_eq "no rendered line is wider than 80 columns" "" "$(cat "$T/wide")"
else
	for dev in ps utf8 ascii; do not_ok "groff -ww -T$dev renders it without a warning"; done
	not_ok "no rendered line is wider than 80 columns"
	diag "groff was not found by configure"
fi

# Every verb listed by --help has its own subsection.
"$SMREADY" --help >"$T/help" 2>&1
verbs=$(sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' "$T/help" | sort -u)
[ -n "$verbs" ] && ok "--help lists commands" || not_ok "--help lists commands"
for v in $verbs; do
	if grep -Eq "^\.SS \"?$v( |\"|$)" "$page"; then ok "man page documents '$v'"
	else not_ok "man page documents '$v'"; fi
done
# The store keeps levels as numbers; only JSON writes their names.
expect_no_match "the page does not say the store keeps level names" "$page" 'in the store the levels'
for s in "EXIT STATUS" ENVIRONMENT FILES SCORING SCREENS; do
	if grep -q "^\.SH \"\{0,1\}$s" "$page"; then ok "man page has a $s section"
	else not_ok "man page has a $s section"; fi
done
tap_done
