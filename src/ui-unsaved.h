/*
 * ui-unsaved.h - the screens' side of answers the server did not take
 * (unsaved.h): keeping one when a save meets a lost connection, trying
 * again while the program waits for a key, asking before quitting with
 * some left, and naming the files of earlier sessions.
 */
#ifndef SMREADY_UI_UNSAVED_H
#define SMREADY_UI_UNSAVED_H

#include "ui-screen.h"

/* After a failed save of an answer: when the server is away, keeps the
 * item's whole state (value, note) for the draft a of company c and says
 * so; true then.  False (nothing kept) for any other failure. */
bool ui_unsaved_keep(struct ui *ui, const struct company *c, const struct assessment *a,
                     const char *item_key, int value, const char *note);
/* Saves what is kept, before anything else is written: STORE_OK when
 * nothing is left (the message says what went in). */
enum store_err ui_unsaved_flush(struct ui *ui);
/* While waiting for a key: tries again every few seconds; true when
 * something changed on screen. */
bool ui_unsaved_tick(struct ui *ui);
/* Quitting: UI_QUIT when it may go ahead (nothing is left unsaved, or
 * the user chose so); else the question to ask (UI_OPEN). */
enum ui_reaction ui_unsaved_quit(struct ui *ui);
/* The start: names a file an earlier session left. */
void ui_unsaved_startup(struct ui *ui);
/* After the terminal is given back: says on stderr where what was not
 * saved is kept. */
void ui_unsaved_farewell(struct ui *ui);

#endif
