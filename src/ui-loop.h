/*
 * ui-loop.h - the loop of the action plan as the result and the comparison
 * screens show it: the four groups (worked, done without effect, improved
 * without the action, still open) with their counts, and per action how
 * the questions it aimed at moved.  Every group is told by word and
 * symbol, colour only adds to it.  Private to the ui-*.c files.
 */
#ifndef SMREADY_UI_LOOP_H
#define SMREADY_UI_LOOP_H

#include "assess-plan.h"
#include "ui-draw.h"

/* Draws the loop l into the document d; nothing when no action was
 * judged.  Returns whether it drew anything. */
bool ui_loop_draw(struct ui *ui, struct ui_doc *d, const struct plan_loop *l);

/* The question an own action is to aim at, typed as its number ("2.3")
 * or key: *aim with the answer a suggestion would aim for, *given false
 * for an empty text.  False, with the reason on the status line, for a
 * text that names no question of cat.  UI_AIM_PROMPT asks for it. */
bool ui_action_aim(struct ui *ui, const char *text, const struct catalogue *cat,
                   struct plan_aim *aim, bool *given);
#define UI_AIM_PROMPT N_("Aimed at which question? Its number, such as 2.3 (optional; Enter " \
                         "to skip: then the re-check does not judge it)")

/* "1 worked; 1 done without effect; 0 improved ...; 1 still open" into
 * buf, translated. */
char *ui_loop_counts(char *buf, size_t n, const struct plan_loop *l);

#endif
