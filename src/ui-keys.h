/*
 * ui-keys.h - turning the bytes a terminal sends into keys, with nothing
 * left over: UTF-8 is decoded here (a byte that is not UTF-8 becomes
 * U+FFFD and is reported, never dropped with what follows), and an escape
 * sequence curses does not know is read whole and either mapped to the key
 * it stands for (Home and End as tmux sends them under another TERM, say)
 * or dropped whole and reported, so that it can never arrive as Esc
 * followed by letters and digits that change data.
 *
 * The parsing is pure (ui_keyseq_parse, ui_utf8_need), so the tests check
 * it without a terminal; ui_key_read() is the one place that reads keys.
 */
#ifndef SMREADY_UI_KEYS_H
#define SMREADY_UI_KEYS_H

#include <stddef.h>

struct ui;

/* What an escape sequence (the bytes after ESC) stands for. */
enum ui_keyseq {
	UI_SEQ_MORE = 0,          /* incomplete: more bytes are needed */
	UI_SEQ_KEY,               /* a known key: *key is its UI_FK() code */
	UI_SEQ_UNKNOWN            /* complete, but no key we know */
};

/* Parses s[0..n), the bytes after an ESC; *used gets how many belong to
 * the sequence (when it is complete), *key the key it stands for. */
enum ui_keyseq ui_keyseq_parse(const unsigned char *s, size_t n, size_t *used, int *key);

/* How many bytes the UTF-8 sequence that starts with byte b has in all
 * (1 for ASCII), or 0 when b cannot start one. */
int ui_utf8_need(unsigned char b);

/* What ui_key_read() returns besides a character (>= 0) or a function key
 * (UI_FK()). */
enum {
	UI_KEY_NONE = -1,         /* nothing came within the wait */
	UI_KEY_DROPPED = -2       /* input that is no key was read and dropped;
	                           * ui->msg says what */
};

/* The next key within the current curses timeout: a character (a code
 * point, U+FFFD for a byte that is not UTF-8, with a message), a function
 * key as UI_FK(KEY_*) (also KEY_RESIZE and the paste markers), or one of
 * the values above. */
int ui_key_read(struct ui *ui);

#endif
