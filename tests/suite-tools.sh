#!/bin/sh
# suite-tools.sh - the tools the test suite drives are there and are what
# configure says they are.  A test whose tool is missing would otherwise
# only skip, and a suite of skips passes: here a missing tool fails, with
# the Debian package that brings it.
. "$top_srcdir/tests/tap.sh"

# tool_is DESCRIPTION PATH PACKAGE PATTERN ARGS...: PATH is an executable
# whose output for ARGS matches PATTERN.
tool_is() {
	_desc=$1 _path=$2 _pkg=$3 _pat=$4
	shift 4
	if [ -z "$_path" ]; then
		not_ok "$_desc"
		diag "configure did not find it: apt-get install $_pkg, then run ./configure again"
	elif [ ! -x "$_path" ]; then
		not_ok "$_desc"
		diag "'$_path' is not an executable: apt-get install $_pkg, then run ./configure again"
	elif "$_path" "$@" </dev/null 2>&1 | grep -Eq -- "$_pat"; then
		ok "$_desc ($_path)"
	else
		not_ok "$_desc"
		diag "'$_path $*' does not print /$_pat/; is it really that tool?"
	fi
}

# The end-to-end tests run the program inside this tmux; configure must not
# take tmux's own $TMUX (its socket, set inside a tmux session) for it.
tool_is "tmux for the end-to-end tests" "${TMUX_BIN:-}" tmux '^tmux ' -V
tool_is "mandoc for the man page lint" "${MANDOC:-}" mandoc 'mandoc|-T' -V
tool_is "groff for the man page rendering" "${GROFF:-}" groff-base 'GNU groff' -v
tool_is "msgfmt for the German catalogue" "${MSGFMT:-}" gettext 'GNU gettext' --version
tool_is "python3 for the JSON and HTML checks" "$(command -v python3)" python3 '^Python 3' --version
tool_is "sqlite3 for the lock and damage tests" "$(command -v sqlite3)" sqlite3 '^3\.' --version
if [ "${SMREADY_PDF:-}" = yes ]; then
	tool_is "pdftotext for the PDF report tests" "${PDFTOTEXT:-}" poppler-utils 'pdftotext version' -v
	tool_is "pdfinfo for the PDF report tests" "${PDFINFO:-}" poppler-utils 'pdfinfo version' -v
	if fc-list 2>/dev/null | grep -q 'DejaVuSans'; then ok "the DejaVu fonts for the PDF reports"
	else not_ok "the DejaVu fonts for the PDF reports"; diag "apt-get install fonts-dejavu-core"; fi
fi
for loc in de_DE.UTF-8 en_US.UTF-8; do
	if have_locale "$loc"; then ok "the $loc locale for the language tests"
	else not_ok "the $loc locale for the language tests"
		diag "not generated: run ./scripts/install-deps (or enable it in /etc/locale.gen and run locale-gen)"
	fi
done
tap_done
