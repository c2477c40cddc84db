/*
 * ui.h - the full-screen ncursesw program started by "smready" without a
 * verb.  The only public entry point of the UI; everything else in ui-*.c
 * is private to the UI.
 */
#ifndef SMREADY_UI_H
#define SMREADY_UI_H

struct store;

/* Runs the interactive program on an open store until the user quits.
 * Returns the process exit status (exit-status.h): EXIT_OK on a normal
 * quit, EXIT_USAGE when the terminal cannot be used, EXIT_SIGNAL + the
 * signal that ended it. */
int ui_run(struct store *st);

#endif
