/*
 * ui-prompt.h - the questions a screen asks over itself: a one-line text
 * prompt, a choice among a few keys, and yes/no.  Each returns the request
 * that opens the overlay (registered as PROMPT and CHOICE); the answer
 * arrives later through the callback, with owner, which must live as long
 * as the question is open (the asking screen's state does).
 */
#ifndef SMREADY_UI_PROMPT_H
#define SMREADY_UI_PROMPT_H

#include "ui-screen.h"

/* A text prompt with label, starting from initial (may be NULL), at most
 * max_chars characters.  close: screens it replaces (0: on top). */
enum ui_reaction ui_ask_text(struct ui *ui, int close, const char *label,
                             const char *initial, size_t max_chars,
                             ui_prompt_fn done, void *owner);
/* A question answered by one of the actions in answers. */
enum ui_reaction ui_ask_choice(struct ui *ui, const char *question,
                               const struct ui_binding *answers, size_t n_answers,
                               ui_choice_fn chosen, void *owner);
/* A yes/no question. */
enum ui_reaction ui_ask_confirm(struct ui *ui, const char *question,
                                ui_choice_fn chosen, void *owner);
/* The same, from a callback of a question: in its place. */
enum ui_reaction ui_ask_confirm_again(struct ui *ui, const char *question,
                                      ui_choice_fn chosen, void *owner);

#endif
