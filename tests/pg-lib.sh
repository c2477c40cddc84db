# pg-lib.sh - a throwaway PostgreSQL server for the tests, sourced after
# tap.sh: pg_start makes a cluster in a directory of its own (initdb), with
# a Unix socket there and no TCP port, and sets PG_CONNINFO; as root the
# server runs as the unprivileged user nobody, as PostgreSQL wants.  It is
# stopped and removed when the test ends.  pg_require fails the test
# loudly when PostgreSQL is not installed: install-deps installs it.

# The directory of initdb and pg_ctl: configure's, else pg_config's, else
# Debian's.
pg_bindir() {
	for _d in "${PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
		[ -n "$_d" ] && [ -x "$_d/initdb" ] && [ -x "$_d/pg_ctl" ] && { echo "$_d"; return 0; }
	done
	return 1
}

pg_require() {
	PG_BIN=$(pg_bindir) || {
		echo "1..1"
		echo "not ok 1 - PostgreSQL's initdb and pg_ctl are not installed (run ./scripts/install-deps)"
		exit 1
	}
}

# pg_as CMD...: CMD as the server's user.
pg_as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] || return 0
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
	rm -rf "$PG_DIR"
	PG_DIR=
}

# pg_halt: the server goes away (its data stays), as on a restart or an
# outage; pg_resume starts it again on the same data.
pg_halt() {
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
}

pg_resume() {
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
		-o "-k $PG_DIR -c listen_addresses= -c fsync=off" start >/dev/null 2>&1
}

pg_start() {
	pg_require
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/smready-pg.XXXXXX") || exit 1
	trap 'pg_stop; rm -rf "$T"' EXIT
	[ "$(id -u)" = 0 ] && chown nobody "$PG_DIR"
	chmod 700 "$PG_DIR"
	pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
		-U smready >"$PG_DIR/initdb.log" 2>&1 || {
		echo "1..1"; echo "not ok 1 - initdb failed"; sed 's/^/# /' "$PG_DIR/initdb.log"; exit 1
	}
	pg_resume || {
		echo "1..1"; echo "not ok 1 - the server did not start"; sed 's/^/# /' "$PG_DIR/server.log"; exit 1
	}
	PG_CONNINFO="host=$PG_DIR dbname=postgres user=smready"
}
