/*
 * ui-keys.c - the one place that reads keys (see ui-keys.h): curses in byte
 * mode with its keypad translation, then UTF-8 decoded here and escape
 * sequences curses left alone read whole.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui-keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui-action.h"
#include "ui-screen.h"

/* The wait of the main loop for a key; restored after the short waits
 * for the rest of a sequence. */
#define UI_KEY_WAIT_MS 250
/* How long the rest of a sequence may take after its first byte: a
 * terminal sends a sequence at once, a person cannot type that fast. */
#define UI_KEY_REST_MS 30
#define UI_SEQ_MAX 32

int ui_utf8_need(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	return 0;
}

/* ESC [ params ~ */
static int csi_tilde(int n)
{
	switch (n) {
	case 1: case 7: return KEY_HOME;
	case 2: return KEY_IC;
	case 3: return KEY_DC;
	case 4: case 8: return KEY_END;
	case 5: return KEY_PPAGE;
	case 6: return KEY_NPAGE;
	default: break;
	}
	if (n >= 11 && n <= 15)
		return KEY_F(n - 10);
	if (n >= 17 && n <= 21)
		return KEY_F(n - 11);
	if (n == 23 || n == 24)
		return KEY_F(n - 12);
	return 0;
}

/* ESC [ ... final, or ESC O final: the cursor keys and their kin. */
static int final_key(unsigned char f)
{
	switch (f) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'Z': return KEY_BTAB;
	default: return 0;
	}
}

static enum ui_keyseq csi_parse(const unsigned char *s, size_t n, size_t *used, int *key)
{
	size_t i = 1;
	int first = -1;

	/* Parameter bytes, then intermediate bytes, then one final byte
	 * (ECMA-48); the first number is what tells the keys apart. */
	while (i < n && s[i] >= 0x30 && s[i] <= 0x3F) {
		if (s[i] >= '0' && s[i] <= '9')
			first = (first < 0 ? 0 : first * 10 % 100000) + (s[i] - '0');
		else if (first < 0)
			first = 0;
		if (s[i] == ';')
			break;
		i++;
	}
	while (i < n && s[i] >= 0x30 && s[i] <= 0x3F)
		i++;
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2F)
		i++;
	if (i >= n)
		return UI_SEQ_MORE;
	*used = i + 1;
	if (s[i] < 0x40 || s[i] > 0x7E) {
		*used = i;                /* not a sequence byte: it is not ours */
		return UI_SEQ_UNKNOWN;
	}
	*key = s[i] == '~' ? csi_tilde(first) : final_key(s[i]);
	return *key ? UI_SEQ_KEY : UI_SEQ_UNKNOWN;
}

enum ui_keyseq ui_keyseq_parse(const unsigned char *s, size_t n, size_t *used, int *key)
{
	*key = 0;
	*used = 0;
	if (n == 0)
		return UI_SEQ_MORE;
	if (s[0] == '[')
		return csi_parse(s, n, used, key);
	if (s[0] == 'O') {
		if (n < 2)
			return UI_SEQ_MORE;
		*used = 2;
		*key = s[1] == 'M' ? KEY_ENTER
		     : s[1] >= 'P' && s[1] <= 'S' ? KEY_F(s[1] - 'P' + 1) : final_key(s[1]);
		return *key ? UI_SEQ_KEY : UI_SEQ_UNKNOWN;
	}
	/* ESC and a character: Alt with that key, which no screen uses. */
	if (s[0] >= 0x80) {
		int need = ui_utf8_need(s[0]);

		if (need > 1 && n < (size_t)need)
			return UI_SEQ_MORE;
		*used = need > 1 ? (size_t)need : 1;
		return UI_SEQ_UNKNOWN;
	}
	*used = 1;
	return UI_SEQ_UNKNOWN;
}

/* One more byte of a sequence, or -1 when none comes in time (or a
 * function key came instead: it is pushed back). */
static int next_byte(void)
{
	int c;

	wtimeout(stdscr, UI_KEY_REST_MS);
	c = wgetch(stdscr);
	wtimeout(stdscr, UI_KEY_WAIT_MS);
	if (c == ERR)
		return -1;
	if (c > 0xFF) {
		ungetch(c);
		return -1;
	}
	return c;
}

/* Puts back the bytes of buf[from..n) that the sequence did not use. */
static void unread(const unsigned char *buf, size_t from, size_t n)
{
	while (n > from)
		ungetch(buf[--n]);
}

/* Says what was dropped: the bytes as they came, printable. */
static void dropped(struct ui *ui, const unsigned char *buf, size_t n)
{
	char shown[4 * UI_SEQ_MAX + 8];
	size_t o = 0;

	/* Esc and one character: what a terminal sends for Alt and it */
	if (n == 1 && buf[0] > 0x20 && buf[0] < 0x7F) {
		/* TRANSLATORS: a key pressed with Alt, "Alt+x". */
		snprintf(shown, sizeof shown, _("Alt+%c"), buf[0]);
		n = 0;
	} else {
		o += (size_t)snprintf(shown, sizeof shown, "Esc");
	}
	for (size_t i = 0; i < n && o + 5 < sizeof shown; i++) {
		if (buf[i] > 0x20 && buf[i] < 0x7F)
			o += (size_t)snprintf(shown + o, sizeof shown - o, " %c", buf[i]);
		else
			o += (size_t)snprintf(shown + o, sizeof shown - o, " \\x%02X", buf[i]);
	}
	snprintf(ui->key_note, sizeof ui->key_note,
	         _("A key this program does not know (%s) was ignored; nothing was changed."), shown);
}

static int read_escape(struct ui *ui)
{
	unsigned char buf[UI_SEQ_MAX];
	size_t n = 0, used = 0;
	int key = 0, c;
	enum ui_keyseq r = UI_SEQ_MORE;

	while (r == UI_SEQ_MORE && n < sizeof buf && (c = next_byte()) >= 0) {
		buf[n++] = (unsigned char)c;
		r = ui_keyseq_parse(buf, n, &used, &key);
	}
	if (n == 0)
		return UI_ESC;            /* Esc alone */
	if (r == UI_SEQ_MORE) {
		used = n;                 /* cut off or too long: all of it goes */
		r = UI_SEQ_UNKNOWN;
	}
	unread(buf, used, n);
	if (r == UI_SEQ_KEY)
		return UI_FK(key);
	dropped(ui, buf, used);
	return UI_KEY_DROPPED;
}

static int read_utf8(struct ui *ui, int first)
{
	unsigned char buf[4] = { (unsigned char)first };
	int need = ui_utf8_need(buf[0]), n = 1;
	uint32_t cp;

	while (n < need) {
		int c = next_byte();

		if (c < 0 || (c & 0xC0) != 0x80) {
			if (c >= 0)
				ungetch(c);
			break;
		}
		buf[n++] = (unsigned char)c;
	}
	if (need > 1 && n == need && text_utf8_valid((const char *)buf, (size_t)n)) {
		char z[5] = { 0 };

		memcpy(z, buf, (size_t)n);
		text_next(z, &cp);
		return (int)cp;
	}
	/* Not UTF-8 (a Latin-1 "ü" from an old terminal, say): kept as a
	 * visible U+FFFD, the bytes named, so nothing goes missing unseen. */
	unread(buf, 1, (size_t)n);
	ui->bad_byte = buf[0];
	snprintf(ui->key_note, sizeof ui->key_note,
	         _("The byte 0x%02X is not UTF-8 (is the terminal set to UTF-8?); it shows as "
	           "\xef\xbf\xbd: correct it before saving."), buf[0]);
	return 0xFFFD;
}

int ui_key_read(struct ui *ui)
{
	int c = wgetch(stdscr);

	if (c == ERR)
		return UI_KEY_NONE;
	if (c >= KEY_MIN)
		return UI_FK(c);
	if (c == UI_ESC)
		return read_escape(ui);
	if (c < 0x80)
		return c;
	return read_utf8(ui, c);
}
