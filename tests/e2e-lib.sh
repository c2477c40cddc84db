# e2e-lib.sh - drives the real smready binary in a private tmux server and
# reads the screen back.  Source it after setting nothing; it sources
# tap.sh, bails out (an error, not a skip) when tmux is missing, and kills
# its tmux server on exit.
#
#   e2e_start [VAR=VALUE]... [-- SMREADY-ARGS...]
#                            start smready (80x24, --db "$E2E_DB", working
#                            directory $T) in pane "t"
#   send KEY...              tmux key names (Enter, Escape, Down, C-c, ...)
#   send_text TEXT           type TEXT literally
#   screen                   print the screen
#   screen_attrs             print the screen with its attribute and colour
#                            escape sequences
#   wait_for TEXT [SECONDS]  poll until TEXT is on screen (default 10 s)
#   wait_gone TEXT [SECONDS] poll until TEXT is not on screen
#   expect_screen DESC TEXT  one TAP line: TEXT appears (screen dump on failure)
#   e2e_pid                  the program's process id
#   e2e_wait_exit [SECONDS]  wait until the program has ended; prints its
#                            exit status (128+N after signal N)

. "$top_srcdir/tests/tap.sh"

# A missing tmux is an error: skipping would let a suite pass that never
# looked at a screen.
if [ -z "${TMUX_BIN:-}" ] || [ ! -x "$TMUX_BIN" ]; then
	echo "Bail out! tmux was not found when configure ran ('${TMUX_BIN:-}'):" \
		"apt-get install tmux, then run ./configure again"
	exit 1
fi

# Run from inside a tmux session, the private server must not be taken for
# the outer one.
unset TMUX TMUX_PANE
E2E_SOCKET="smready-$$"
E2E_LANG=${E2E_LANG:-C.UTF-8}

# The database: the file $T/db, or a new one on the server when
# tests/engine-pg.sh runs the script on PostgreSQL.
E2E_DB=$(test_db db) || { echo "Bail out! no database for the test"; exit 1; }

tm() { "$TMUX_BIN" -L "$E2E_SOCKET" -f /dev/null "$@"; }

trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# A session that only keeps the server alive, so options can be set before
# the program starts and a finished program's pane stays readable.
if ! tm new-session -d -s keep -x 80 -y 24 "sleep 3600"; then
	echo "Bail out! $TMUX_BIN cannot start a server"
	exit 1
fi
tm set-option -g remain-on-exit on >/dev/null
tm set-option -g status off >/dev/null

e2e_start() {
	_env="LANG=$E2E_LANG LC_ALL= LANGUAGE= TERM=screen"
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_env="$_env $1"
		shift
	done
	[ "${1:-}" = "--" ] && shift
	tm kill-session -t t >/dev/null 2>&1
	rm -f "$T/pid" "$T/status"
	# A small shell runs smready and writes its exit status to a file
	# (more dependable than asking tmux about a dead pane).
	tm new-session -d -s t -x 80 -y 24 -c "$T" \
		"echo \$\$ > '$T/pid'; env $_env '$SMREADY' --db '$E2E_DB' $*; echo \$? > '$T/status'"
	_i=0
	while [ -z "$(e2e_pid)" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
}

# Esc is sent as a person presses it: apart from the next key.  A
# terminal sends an escape sequence (Alt+4, an unknown function key) in one
# go, and the program reads ESC with what follows within a few
# milliseconds as one key; tmux would otherwise deliver Esc and the next
# key that close together.  Under the sanitizers the program is several
# times slower to read a key (and the machine may be busy), so the pause
# is longer there: a key arriving before the Esc was read would join it.
if [ -n "${ASAN_OPTIONS:-}" ]; then E2E_ESC_PAUSE=0.4; else E2E_ESC_PAUSE=0.1; fi
# The waits below give the program so many tenths of a second; three times
# as many under the sanitizers (leak checking at exit alone takes a while).
if [ -n "${ASAN_OPTIONS:-}" ]; then E2E_SLOW=30; else E2E_SLOW=10; fi
send() {
	for _k in "$@"; do
		tm send-keys -t t "$_k"
		case $_k in Escape) sleep "$E2E_ESC_PAUSE" ;; esac
	done
}
send_text() { tm send-keys -t t -l "$1"; }
screen() { tm capture-pane -p -t t; }
screen_attrs() { tm capture-pane -p -e -t t; }
# The program's pid: the child of the wrapper shell.
e2e_pid() {
	[ -s "$T/pid" ] || return 0
	_w=$(cat "$T/pid")
	if command -v ps >/dev/null 2>&1; then
		ps -o pid= --ppid "$_w" 2>/dev/null | tr -d ' ' | head -1
	else
		# A minimal system without procps: ask the kernel directly.
		awk '{ print $1 }' "/proc/$_w/task/$_w/children" 2>/dev/null
	fi
}

wait_for() {
	_limit=$(( ${2:-10} * E2E_SLOW ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if screen | grep -Fq -- "$1"; then return 0; fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

wait_gone() {
	_limit=$(( ${2:-10} * E2E_SLOW ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if ! screen | grep -Fq -- "$1"; then return 0; fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# wait_count TEXT N [SECONDS]: poll until N lines on screen hold TEXT (the
# screen is read while the program may still be drawing it).
wait_count() {
	_limit=$(( ${3:-10} * E2E_SLOW ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if [ "$(screen | grep -cF -- "$1")" -ge "$2" ]; then return 0; fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

dump_screen() {
	diag "screen:"
	screen | sed 's/^/|/' | sed 's/^/# /'
}

expect_screen() {
	if wait_for "$2"; then ok "$1"
	else not_ok "$1"; diag "not on screen: $2"; dump_screen; fi
}

expect_not_screen() {
	if screen | grep -Fq -- "$2"; then not_ok "$1"; diag "unexpected on screen: $2"; dump_screen
	else ok "$1"; fi
}

e2e_wait_exit() {
	_limit=$(( ${1:-10} * E2E_SLOW ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if [ -s "$T/status" ]; then cat "$T/status"; return 0; fi
		sleep 0.1
		_i=$((_i + 1))
	done
	echo timeout
	return 1
}
