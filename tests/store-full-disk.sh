#!/bin/sh
# store-full-disk.sh - smready on a disk that is really full: a small
# tmpfs mounted in a private mount namespace (as root, or as a user through
# a user namespace), filled to the last block.  Reading must still work,
# writing must say the disk is full, and nothing may be left beside the
# database.
if [ "${1:-}" != inner ]; then
	# The mount lives in a namespace of its own, so it is gone with the test
	# however the test ends.
	if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
		exec unshare -m sh "$0" inner
	elif unshare -r -m true 2>/dev/null; then
		exec unshare -r -m sh "$0" inner
	fi
	. "$top_srcdir/tests/tap.sh"
	skip_all "cannot mount a small file system here: not root, and no user namespaces (unshare -r -m)"
fi
. "$top_srcdir/tests/tap.sh"

export LC_ALL=C.UTF-8 SMREADY_NOW=1767225600
unset LANGUAGE
d=$T/disk
mkdir -p "$d"
if ! mount -t tmpfs -o size=1m,mode=0700 smready-full "$d" 2>"$T/mount.err"; then
	skip_all "cannot mount a tmpfs: $(cat "$T/mount.err")"
fi
trap 'umount "$d" 2>/dev/null; rm -rf "$T"' EXIT
db=$d/smready.db
s() { "$SMREADY" --db "$db" "$@"; }
r() { "$@" >"$T/out" 2>"$T/err"; }

s company add "Voll GmbH" --notes "vor dem vollen Datenträger" >/dev/null
id=$(s assess "Voll GmbH" 2>/dev/null)
s answer "$id" goals.purpose 3 >/dev/null
# Fill the disk to the last block.
dd if=/dev/zero of="$d/filler" bs=4096 2>/dev/null
dd if=/dev/zero of="$d/filler2" bs=1 2>/dev/null
check "the disk is full" sh -c '! echo x >"$1/probe" 2>/dev/null || ! test -s "$1/probe"' sh "$d"
rm -f "$d/probe"

expect_status "companies still works on a full disk" 0 r s companies
expect_match "and lists the company" "$T/out" '#[0-9]+ +Voll GmbH '
expect_no_match "without an I/O error" "$T/err" 'I/O'
expect_status "a report still works" 0 r s report "$id"
expect_match "with the answer" "$T/out" 'Voll GmbH'
expect_status "check still works" 0 r s check
expect_eq "and finds the file sound" "ok" "$(cat "$T/out")"
expect_status "an export still works" 0 r s export
expect_match "with the company" "$T/out" '"name": "Voll GmbH"'
expect_status "adding a company is refused" 1 r s company add "Neu GmbH"
expect_match "saying the disk is full" "$T/err" 'disk (is|was) full'
expect_no_match "not an I/O error" "$T/err" 'I/O'
expect_status "answering is refused" 1 r s answer "$id" goals.business 2
expect_match "saying the disk is full" "$T/err" 'disk (is|was) full'
ls -A "$d" >"$T/ls"
expect_no_match "no -wal or -shm file is left beside the database" "$T/ls" 'smready\.db-'

# Space for the connection, but not for a long note: the write itself fails.
rm -f "$d/filler2"
dd if=/dev/zero of="$d/filler" bs=4096 count=1 conv=notrunc 2>/dev/null
truncate -s -98304 "$d/filler"   # 96 KiB free again
note=$(head -c 3900 /dev/zero | tr '\0' 'x')
st=0
for i in $(seq 1 60); do
	r s company add "Firma $i" --notes "$note"; st=$?
	[ $st -ne 0 ] && break
done
expect_eq "a write that does not fit fails with exit 1" 1 "$st"
diag "after $i companies: $(cat "$T/err")"
expect_match "saying the disk is full" "$T/err" 'disk (is|was) full'
expect_no_match "not an I/O error" "$T/err" 'I/O'
rm -f "$d/filler"
expect_status "with space again, writing works" 0 r s company add "Danach GmbH"
expect_status "and the file is sound" 0 r s check
ls -A "$d" >"$T/ls"
expect_no_match "nothing is left beside the database" "$T/ls" 'smready\.db-'
tap_done
