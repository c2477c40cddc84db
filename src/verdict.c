/*
 * verdict.c - the verdict of an assessment in words (see verdict.h).
 */
#include "config.h"

#include "verdict.h"

#include <stdio.h>

#include "i18n.h"

static const char *level_name(int level)
{
	return _(scoring_level_name((enum level)level));
}

bool verdict_held_back(int level, int overall)
{
	enum level band = scoring_band(overall);

	return level >= LEVEL_NOT_READY && band != LEVEL_UNKNOWN && level < (int)band;
}

char *verdict_why(char *buf, size_t n, const struct score *sc)
{
	char what[128] = "";

	if (n)
		buf[0] = '\0';
	if (sc->level == LEVEL_UNKNOWN || sc->band == LEVEL_UNKNOWN)
		return buf;
	if (sc->n_fired)
		snprintf(what, sizeof what, P_("%d stop sign", "%d stop signs", sc->n_fired),
		         sc->n_fired);
	else if (sc->n_cautions)
		snprintf(what, sizeof what, P_("%d caution", "%d cautions", sc->n_cautions),
		         sc->n_cautions);
	if (sc->level < sc->band)
		/* TRANSLATORS: "2 stop signs; by score alone: Ready". */
		snprintf(buf, n, _("%s; by score alone: %s"), what, level_name(sc->band));
	else if (*what)
		snprintf(buf, n, "%s", what);
	return buf;
}

char *verdict_text(char *buf, size_t n, const struct score *sc)
{
	char why[256];

	verdict_why(why, sizeof why, sc);
	if (sc->level == LEVEL_UNKNOWN)
		snprintf(buf, n, "%s", _("not assessed"));
	else if (*why)
		/* TRANSLATORS: a level and what holds it back: "Not ready: 2
		 * stop signs; by score alone: Ready". */
		snprintf(buf, n, _("%s: %s"), level_name(sc->level), why);
	else
		snprintf(buf, n, "%s", level_name(sc->level));
	return buf;
}

char *verdict_stored_why(char *buf, size_t n, int level, int overall)
{
	if (n)
		buf[0] = '\0';
	if (verdict_held_back(level, overall))
		snprintf(buf, n, _("by score alone: %s"), level_name(scoring_band(overall)));
	return buf;
}
