/*
 * ui-term.h - asks the terminfo database whether the terminal named by TERM
 * can run the full-screen program, before curses is started.  Kept apart
 * because <term.h> defines macros (lines, columns, ...) that clash with
 * ordinary names elsewhere in the UI.
 */
#ifndef SMREADY_UI_TERM_H
#define SMREADY_UI_TERM_H

enum ui_term_check {
	UI_TERM_OK = 0,
	UI_TERM_UNKNOWN,      /* no terminfo entry for TERM */
	UI_TERM_NO_CURSOR     /* the terminal cannot move the cursor (dumb) */
};

/* Checks the terminal on file descriptor fd; leaves nothing allocated. */
enum ui_term_check ui_term_check(int fd);

#endif
