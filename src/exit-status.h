/*
 * exit-status.h - the exit statuses of smready, documented in smready(1):
 * the same for the command line and the screens.
 */
#ifndef SMREADY_EXIT_STATUS_H
#define SMREADY_EXIT_STATUS_H

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,        /* the operation failed (not found, refused, ...) */
	EXIT_USAGE = 2,       /* bad command line */
	EXIT_DB = 3,          /* the database cannot be opened or is damaged */
	EXIT_BUSY = 4,        /* the database stayed locked by another process */
	EXIT_DUE = 5,         /* "due": a re-check or an action is due or overdue */
	EXIT_SIGNAL = 128     /* + the number of the signal that ended the program */
};

#endif
