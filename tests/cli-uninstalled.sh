#!/bin/sh
# cli-uninstalled.sh - the program run from the build tree, as the README's
# Quick start runs it, speaks the user's language without "make install":
# it finds the catalogues the build lays out beside it (locale/).
# SMREADY_LOCALEDIR, which the other tests set, is left out here, and still
# wins when it is set.
. "$top_srcdir/tests/tap.sh"

unset SMREADY_LOCALEDIR LANGUAGE LC_MESSAGES LC_ALL
have_locale de_DE.UTF-8 || { not_ok "the de_DE.UTF-8 locale is installed (run scripts/install-deps)"; tap_done; }
r() { "$@" >"$T/out" 2>"$T/err"; }

check "the build laid out the German catalogue beside the program" \
	test -f "$top_builddir/locale/de/LC_MESSAGES/smready.mo"
expect_status "--help under LANG=de_DE.UTF-8" 0 r env LANG=de_DE.UTF-8 "$SMREADY" --help
expect_match "is German" "$T/out" '^Aufruf: smready'
expect_status "a command under LANG=de_DE.UTF-8" 0 r env LANG=de_DE.UTF-8 "$SMREADY" --db "$T/db" companies
cat "$T/out" "$T/err" >"$T/both"
expect_match "speaks German" "$T/both" 'Unternehmen'
expect_status "--help under LANG=C.UTF-8" 0 r env LANG=C.UTF-8 "$SMREADY" --help
expect_match "is English" "$T/out" '^Usage: smready'
# The variable still wins: an empty folder of catalogues gives English.
mkdir -p "$T/empty"
r env LANG=de_DE.UTF-8 SMREADY_LOCALEDIR="$T/empty" "$SMREADY" --help
expect_match "SMREADY_LOCALEDIR still wins" "$T/out" '^Usage: smready'
# Only the build tree's layout counts: a copy of the program elsewhere, with
# no catalogues beside it, looks where "make install" puts them.
mkdir -p "$T/bin"
cp "$SMREADY" "$T/bin/smready"
expect_status "a copy without catalogues beside it still runs" 0 r env LANG=de_DE.UTF-8 "$T/bin/smready" --help
if [ -f "$T/bin/locale/de/LC_MESSAGES/smready.mo" ]; then not_ok "nothing was written beside the copy"
else ok "nothing was written beside the copy"; fi
tap_done
