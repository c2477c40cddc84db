#!/bin/sh
# po-check.sh - the German catalogue is complete and valid: msgfmt -c
# accepts it, nothing is fuzzy or untranslated, every message in the sources
# is in it, and POTFILES.in lists every source file with messages.
. "$top_srcdir/tests/tap.sh"

po="$top_srcdir/po/de.po"
command -v msgfmt >/dev/null 2>&1 || skip_all "msgfmt (gettext) not installed"
command -v xgettext >/dev/null 2>&1 || skip_all "xgettext (gettext) not installed"

check "msgfmt -c accepts po/de.po" msgfmt -c -o /dev/null "$po"

stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
case $stats in
*fuzzy*|*untranslated*) not_ok "no fuzzy or untranslated messages"; diag "$stats" ;;
*) ok "no fuzzy or untranslated messages ($stats)" ;;
esac

# Every source file that marks messages is listed in POTFILES.in.
missing=
for f in "$top_srcdir"/src/*.c; do
	rel=src/${f##*/}
	if grep -q -E '(^|[^A-Za-z0-9_])(_|N_|P_)\(' "$f" && ! grep -qx "$rel" "$top_srcdir/po/POTFILES.in"; then
		missing="$missing $rel"
	fi
done
expect_eq "POTFILES.in lists every source file with messages" "" "$missing"

# Every message in the sources has a translation.
if ! (cd "$top_srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
	--keyword=P_:1,2 -o "$T/smready.pot" -f po/POTFILES.in) 2>"$T/xgettext.err"; then
	not_ok "xgettext extracts the messages"; diag "$(cat "$T/xgettext.err")"
elif [ ! -f "$T/smready.pot" ]; then
	ok "no messages in the sources yet"
else
	if msgcmp "$po" "$T/smready.pot" 2>"$T/msgcmp.err"; then
		ok "every message in the sources is translated in po/de.po"
	else
		not_ok "every message in the sources is translated in po/de.po"
		diag "$(grep -c 'this message' "$T/msgcmp.err") messages missing; first ones:"
		grep -A1 'this message' "$T/msgcmp.err" | head -20 | sed 's/^/  /' | while read -r l; do diag "$l"; done
	fi
fi
tap_done
