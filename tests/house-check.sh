#!/bin/sh
# house-check.sh - the shape of the source tree: no circle between source
# files, no file too large, headers that compile on their own, each layer
# talking only to what it may (see tests/house.py).
. "$top_srcdir/tests/tap.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
command -v nm >/dev/null 2>&1 || skip_all "nm (binutils) is not installed"
python3 "$top_srcdir/tests/house.py" "$top_srcdir" "$top_builddir"
