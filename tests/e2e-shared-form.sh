#!/bin/sh
# e2e-shared-form.sh - two consultants in one draft, on a throwaway
# PostgreSQL server, in German at 80x24: anna has the form open while bert
# (the command line, as another role) answers questions of the same draft.
# Finishing reads the draft again first: what bert changed is put on
# anna's form, named with his name, and asked about again; an answer given
# while the question is open stops the finish, so nothing is scored that
# anna did not see.  Saving an answer brings his answers in too, and so
# does Ctrl-L.
. "$top_srcdir/tests/e2e-lib.sh"
. "$top_srcdir/tests/pg-lib.sh"

if ! grep -q '^#define HAVE_POSTGRESQL 1' "$top_builddir/config.h"; then
	skip_all "built without PostgreSQL (configure --without-postgresql)"
fi
have_locale de_DE.UTF-8 || skip_all "the de_DE.UTF-8 locale is not installed"
pg_start
trap 'tm kill-server >/dev/null 2>&1; pg_stop; rm -rf "$T"' EXIT
psql "$PG_CONNINFO" -qAt -c "CREATE ROLE anna LOGIN SUPERUSER" \
	-c "CREATE ROLE bert LOGIN SUPERUSER" -c "CREATE DATABASE shared" >/dev/null
E2E_DB="$PG_CONNINFO dbname=shared user=anna"
E2E_LANG=de_DE.UTF-8
bert() { LANG=C.UTF-8 "$SMREADY" --db "$PG_CONNINFO dbname=shared user=bert" "$@"; }
status() { bert history "$m" --json | sed -n 's/.*"status": "\([a-z]*\)".*/\1/p' | head -1; }
answered() { bert report "$m" 1 --json 2>/dev/null | sed -n 's/.*"answered": \([0-9]*\).*/\1/p' | head -1; }
m="Teilhaber GmbH"
bert company add "$m" >/dev/null || { not_ok "company add"; tap_done; }
bert assess "$m" --fresh --assessor "Anna und Bert" >/dev/null || { not_ok "assess"; tap_done; }

e2e_start
expect_screen "portfolio" "$m"
send n
expect_screen "anna resumes the draft" "0 von 26 beantwortet"
send 4
expect_screen "her first answer" "1 von 26 beantwortet"

# ---- finishing reads the draft again and says what changed -----------------
bert answer "$m" 1.2 3 >/dev/null
send f
expect_screen "finishing says what changed" "Inzwischen geändert (jetzt im Formular)"
expect_screen "naming what bert answered meanwhile, by his name" "1.2 von bert: - → 3 weitgehend"
expect_screen "the form behind shows his answer" "2 von 26 beantwortet"
expect_screen "and the question counts it" "24 Fragen sind noch unbeantwortet"
expect_eq "nothing is finished yet" "draft" "$(status)"

# ---- an answer given while the question is open stops the finish ---------
bert answer "$m" 1.3 4 >/dev/null
send j
expect_screen "yes does not finish what she did not see" "Nicht abgeschlossen"
expect_screen "and asks again, naming the new answer" "1.3 von bert: - → 4 voll und ganz"
expect_screen "the form shows the third answer" "3 von 26 beantwortet"
expect_eq "still a draft" "draft" "$(status)"
send n
expect_screen "no: back on the form" "Ziele"
expect_not_screen "the question is gone" "Trotzdem abschließen"
expect_screen "bert's answers are marked on the form" "◆"

# ---- saving an answer brings in what bert answered meanwhile -------------
bert answer "$m" 2.1 2 >/dev/null
send Tab
expect_screen "the next open question is her own" "▸ 1.4"
send 1
expect_screen "after her save his answer is on the form" "5 von 26 beantwortet"
expect_screen "and said so, with his name" "von bert"

# ---- Ctrl-L reads the draft again ------------------------------------------
bert answer "$m" 2.2 3 >/dev/null
send C-l
expect_screen "Ctrl-L brings in his next answer" "6 von 26 beantwortet"
expect_screen "named on the message line" "von bert geändert (◆ im Formular): 2.2"

# ---- finishing with nothing changed asks once, and scores what she saw ---
send f
expect_screen "the question" "Trotzdem abschließen"
expect_not_screen "with no change named" "Inzwischen geändert (jetzt"
send j
expect_screen "finished" "abgeschlossen und ausgewertet"
expect_eq "final" "final" "$(status)"
expect_eq "with the six answers she saw" "6" "$(answered)"
send q
e2e_wait_exit >/dev/null
tap_done
