/*
 * ui.h - the full-screen ncursesw program started by "smready" without a
 * verb.  The only public entry point of the UI; everything else in ui-*.c
 * is private to the UI.
 */
#ifndef SMREADY_UI_H
#define SMREADY_UI_H

struct store;

/* Runs the interactive program on an open store until the user quits.
 * Returns the process exit status (0 on a normal quit). */
int ui_run(struct store *st);

#endif
