#!/bin/sh
# cli-locale.sh - the command line speaks German in a German locale (and
# English otherwise), from the German catalogue the build copies to
# tests/locale.
. "$top_srcdir/tests/tap.sh"

unset LANGUAGE LC_MESSAGES
have_locale de_DE.UTF-8 || skip_all "locale de_DE.UTF-8 not available"
[ -f "${SMREADY_LOCALEDIR:-/nonexistent}/de/LC_MESSAGES/smready.mo" ] ||
	skip_all "German catalogue not built (po/de.gmo missing)"
r() { "$@" >"$T/out" 2>"$T/err"; }
db="$T/db"

expect_status "questions in German" 0 r env LC_ALL= LANG=de_DE.UTF-8 "$SMREADY" questions
expect_match "the listing's own words are German" "$T/out" '^Antwortskala: 0 '
expect_match "the questionnaire is German" "$T/out" 'Wir können in ein, zwei Sätzen sagen'
expect_match "the next step is German" "$T/out" '^    Nächster Schritt: '
expect_status "LC_ALL wins over LANG" 0 r env LC_ALL=C.UTF-8 LANG=de_DE.UTF-8 "$SMREADY" questions
expect_match "LC_ALL=C.UTF-8 gives English" "$T/out" '^Answer scale: 0 '
expect_status "--help in German" 0 r env LC_ALL=de_DE.UTF-8 "$SMREADY" --help
expect_match "--help is German" "$T/out" '^Aufruf: smready'
expect_status "a German usage error" 2 r env LC_ALL=de_DE.UTF-8 "$SMREADY" --db "$db" frobnicate
expect_match "the usage error is German" "$T/err" 'unbekannter Befehl'
env LC_ALL=de_DE.UTF-8 "$SMREADY" --db "$db" company add "Bäckerei Sonne" >/dev/null 2>&1
expect_status "a German list" 0 r env LC_ALL=de_DE.UTF-8 "$SMREADY" --db "$db" companies
expect_match "the column heads are German" "$T/out" '^ *# +Unternehmen +Branche'
expect_match "a new company is due (German)" "$T/out" 'fällig$'
expect_status "questions --json in German" 0 r env LC_ALL=de_DE.UTF-8 "$SMREADY" questions --json
expect_match "the JSON carries German texts" "$T/out" '"name": "Ziele"'
expect_match "the JSON keys stay English" "$T/out" '"key": "goals.purpose"'

tap_done
