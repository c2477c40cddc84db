#!/bin/sh
# e2e-charset: in a locale that is not UTF-8 the screen cannot show
# umlauts; the program says so on its status line when it starts, instead
# of silently showing "?", and still works.  In a UTF-8 locale it says
# nothing of the kind.
. "$top_srcdir/tests/e2e-lib.sh"

"$SMREADY" --db "$T/db" company add "Müller & Söhne GmbH" >/dev/null 2>&1

e2e_start LANG=C
expect_screen "LANG=C: the status line says the locale is not UTF-8" "Not a UTF-8 locale"
expect_screen "LANG=C: the company list is still shown" "Companies"
send q
expect_eq "LANG=C: quits cleanly" 0 "$(e2e_wait_exit)"

e2e_start
expect_screen "UTF-8: the umlauts are shown" "Müller & Söhne GmbH"
expect_not_screen "UTF-8: no notice about the locale" "UTF-8 locale"
send q
expect_eq "UTF-8: quits cleanly" 0 "$(e2e_wait_exit)"
tap_done
