#!/bin/sh
# install-deps.sh - scripts/install-deps needs no root when nothing is
# missing, and says exactly what to run when something is missing and it
# cannot become root.
. "$top_srcdir/tests/tap.sh"

command -v dpkg-query >/dev/null 2>&1 || skip_all "not a Debian system (no dpkg-query): install-deps only lists what to install there"
chmod 755 "$T"
# A copy the unprivileged user can read wherever the checkout is (a clone
# in /root is not readable by nobody).
cp "$top_srcdir/scripts/install-deps" "$T/install-deps"
chmod 755 "$T/install-deps"
script=$T/install-deps
# as_user CMD...: runs CMD without root: as nobody when the test is root.
as_user() {
	if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else "$@"; fi
}
# A sudo that must not be called.
mkdir -p "$T/nosudo"
printf '#!/bin/sh\necho "sudo was called: $*" >&2\nexit 97\n' >"$T/nosudo/sudo"
chmod 755 "$T/nosudo/sudo"

as_user env PATH="$T/nosudo:$PATH" sh "$script" >"$T/out" 2>"$T/err"; st=$?
expect_eq "with everything installed it succeeds without root" 0 "$st"
expect_match "saying so" "$T/out" 'all build and test dependencies are installed'
expect_no_match "without calling sudo" "$T/err" 'sudo was called'

# tmux missing, no root and no sudo: the exact commands are printed.
mkdir -p "$T/bin"
for tool in sh sed grep tr id cat locale; do
	p=$(command -v "$tool") && ln -s "$p" "$T/bin/$tool"
done
cat >"$T/bin/dpkg-query" <<'STUB'
#!/bin/sh
for a; do p=$a; done
[ "$p" = tmux ] && { echo "dpkg-query: no packages found matching tmux" >&2; exit 1; }
printf 'install ok installed'
STUB
printf '#!/bin/sh\necho "apt-get $*" >>"%s/apt.log"\n' "$T" >"$T/bin/apt-get"
chmod 755 "$T/bin/dpkg-query" "$T/bin/apt-get"
as_user env PATH="$T/bin" sh "$script" >"$T/out" 2>"$T/err"; st=$?
expect_eq "with tmux missing and no way to root it fails" 1 "$st"
expect_match "naming what is missing" "$T/err" 'packages: tmux$'
expect_match "with the command to run as root" "$T/err" 'apt-get install -y --no-install-recommends tmux$'
check "and installs nothing" test ! -e "$T/apt.log"
if [ "$(id -u)" = 0 ]; then
	env PATH="$T/bin" sh "$script" >"$T/out" 2>"$T/err"; st=$?
	expect_eq "as root it installs what is missing" 0 "$st"
	expect_match "only that" "$T/apt.log" 'install -y -qq --no-install-recommends tmux$'
else
	ok "as root it installs what is missing # SKIP not root"
	ok "only that # SKIP not root"
fi
tap_done
