/*
 * ui-term.c - the terminfo check behind ui-term.h.  newterm() on an unknown
 * terminal type leaves memory behind inside ncurses; setupterm() with an
 * error pointer does not, and it answers both questions at once.
 */
#include "config.h"

#include "ui-term.h"

#include <curses.h>
#include <term.h>

enum ui_term_check ui_term_check(int fd)
{
	const char *cup;
	enum ui_term_check result;
	int err = 0;

	if (setupterm(NULL, fd, &err) != OK)
		return UI_TERM_UNKNOWN;
	cup = tigetstr("cup");
	result = cup && cup != (const char *)-1 ? UI_TERM_OK : UI_TERM_NO_CURSOR;
	del_curterm(cur_term);
	return result;
}
