# tap.sh - TAP output for the shell tests; source it, then call ok/not_ok/
# check and finally tap_done.  Each test gets a private temporary directory
# in $T that is removed on exit.

tap_n=0
tap_failed=0

T=$(mktemp -d "${TMPDIR:-/tmp}/smready-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/home/.local/share"
mkdir -p "$HOME"
unset SMREADY_DB
: "${SMREADY:=$top_builddir/smready}"

# test_db [NAME]: a new, empty database for the test: the file $T/NAME,
# or, when tests/engine-pg.sh runs the script on PostgreSQL
# (SMREADY_TEST_PG holds the server's connection), a new database there.
test_db() {
	if [ -n "${SMREADY_TEST_PG:-}" ]; then
		_tdb=$(printf 't%s_%s' "$$" "${1:-db}" | tr -c 'a-zA-Z0-9_\n' _)
		psql "$SMREADY_TEST_PG" -qAt -c "CREATE DATABASE $_tdb" >/dev/null || return 1
		echo "$SMREADY_TEST_PG dbname=$_tdb"
	else
		echo "$T/${1:-db}"
	fi
}

# on_sqlite: whether the script runs on the SQLite file (the tests of
# the file itself: its permissions, its damage, its companions).
on_sqlite() { [ -z "${SMREADY_TEST_PG:-}" ]; }

ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); echo "not ok $tap_n - $*"; tap_failed=1; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# check DESCRIPTION COMMAND...: one test line from a command's exit status.
check() {
	_desc=$1; shift
	if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1"; diag "expected: $2" "actual:   $3"; fi
}

# expect_match DESCRIPTION FILE EXTENDED-REGEX: the file has a matching line.
expect_match() {
	if grep -Eq -- "$3" "$2"; then ok "$1"
	else not_ok "$1"; diag "no line matching: $3" "in:"; sed 's/^/#   /' "$2" | head -40; fi
}

# expect_no_match DESCRIPTION FILE EXTENDED-REGEX
expect_no_match() {
	if grep -Eq -- "$3" "$2"; then not_ok "$1"; diag "unexpected line matching: $3"; grep -E -- "$3" "$2" | sed 's/^/#   /' | head -10
	else ok "$1"; fi
}

# expect_status DESCRIPTION EXPECTED-STATUS COMMAND...
expect_status() {
	_desc=$1; _want=$2; shift 2
	"$@"; _got=$?
	if [ "$_got" = "$_want" ]; then ok "$_desc"
	else not_ok "$_desc"; diag "exit status $_got, expected $_want"; fi
}

# skip_all REASON: the whole file is skipped (a missing optional tool).
skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# have_locale NAME: whether the C library knows the locale.
have_locale() { locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/' | grep -qx "$(echo "$1" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')"; }

# The plan comes last; failures are reported by the "not ok" lines, so the
# exit status stays 0 for the TAP driver.
tap_done() { echo "1..$tap_n"; exit 0; }
