/*
 * verdict.h - the verdict of an assessment in words, the same on every
 * screen, in every report and on the command line: the level, what holds
 * it back (stop signs, cautions) and the level the score alone would give.
 * "Not ready: 2 stop signs; by score alone: Ready".
 */
#ifndef SMREADY_VERDICT_H
#define SMREADY_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "scoring.h"

/* Whether stop signs or cautions hold a stored result (its cached level
 * and overall score) below the level its score alone would give. */
bool verdict_held_back(int level, int overall);

/* The level's name, then, when it is held back, why and the level by score
 * alone: "Not ready: 2 stop signs; by score alone: Ready".  Translated. */
char *verdict_text(char *buf, size_t n, const struct score *sc);

/* What holds it back, without the level's name: "2 stop signs; by score
 * alone: Ready"; "" when nothing does.  Translated. */
char *verdict_why(char *buf, size_t n, const struct score *sc);

/* The same for a stored result, which keeps no counts: "by score alone:
 * Ready", or "" when not held back. */
char *verdict_stored_why(char *buf, size_t n, int level, int overall);

#endif
