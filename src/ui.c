/*
 * ui.c - the full-screen program's frame: curses set-up and tear-down,
 * signals, the screen stack (the UI's only mutable state), building the
 * screens that requests name (from the registry; no screen builds
 * another), the main loop that turns keys into actions and reactions, the
 * status line and key bar, the "terminal too small" guard, and bracketed
 * paste: pasted text goes into a text field as text and never acts as keys.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include "ui.h"

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exit-status.h"
#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-edit.h"
#include "ui-keys.h"
#include "ui-screen.h"
#include "ui-term.h"
#include "ui-unsaved.h"

#define UI_BAR_MAX 24

/* Bracketed paste (xterm's mode 2004, also known to tmux, screen, VTE and
 * most other emulators): the terminal wraps pasted text in the two markers,
 * so a pasted newline is not taken for Enter nor a pasted letter for a
 * command.  Terminals without the mode ignore the request and paste as
 * they always did. */
#define UI_PASTE_ON "\033[?2004h"
#define UI_PASTE_OFF "\033[?2004l"
#define UI_PASTE_BEGIN "\033[200~"
#define UI_PASTE_END "\033[201~"
/* Characters of one paste that are kept (no field is longer); the rest of
 * a longer paste is read to its end marker and dropped. */
#define UI_PASTE_MAX 8192
/* Key waits (250 ms each) without input after which a paste whose end
 * marker never came is taken as ended. */
#define UI_PASTE_WAITS 8
/* How often a lost connection to the server is tried again while the
 * program waits for a key. */
#define UI_RECONNECT_MS 2000

/* Set by the handler of SIGINT/SIGTERM/SIGHUP; the loop then ends
 * normally so the terminal is restored.  A signal handler cannot reach
 * ui_run()'s frame, hence file scope. */
static volatile sig_atomic_t ui_caught_signal;
/* Set by the SIGTSTP handler (Ctrl-Z); the loop then suspends itself. */
static volatile sig_atomic_t ui_caught_stop;

/* ---- the stack ----------------------------------------------------------- */

static struct ui_screen *ui_top(struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

static void ui_destroy(struct ui_screen *s)
{
	if (s->ops->destroy)
		s->ops->destroy(s);
	free(s);
}

/* The one loading step of a screen (see struct ui_screen_ops). */
static bool ui_load(struct ui_screen *s, struct ui *ui)
{
	return !s->ops->load || s->ops->load(s, ui);
}

/* Closes the top screen; the one uncovered loads again when enter_below. */
static void ui_stack_pop(struct ui *ui, bool enter_below)
{
	struct ui_screen *s = ui_top(ui), *below;

	if (!s)
		return;
	ui->depth--;
	ui_destroy(s);
	below = ui_top(ui);
	if (enter_below && below)
		ui_load(below, ui);
}

/* Builds the screen a request names: its state from the registry, its
 * arguments, its data.  NULL (with the reason on the status line) when it
 * cannot be shown. */
static struct ui_screen *ui_build(struct ui *ui, const struct ui_request *req)
{
	const struct ui_screen_ops *ops;
	struct ui_screen *s;

	if (req->screen >= UI_SCREEN_COUNT || !(ops = ui_registry[req->screen]))
		return NULL;
	s = calloc(1, ops->size > sizeof *s ? ops->size : sizeof *s);
	if (!s) {
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	s->ops = ops;
	s->keys = ops->keys;
	s->n_keys = ops->n_keys;
	if ((ops->init && !ops->init(s, ui, req)) || !ui_load(s, ui)) {
		ui_destroy(s);
		return NULL;
	}
	return s;
}

/* Carries out a request: the new screen is built and loaded first, and
 * only then are the screens it replaces closed, so a screen that cannot be
 * shown leaves everything as it was (but the questions it was to replace:
 * an answered question closes either way). */
static void ui_open_request(struct ui *ui)
{
	struct ui_request req = ui->req;   /* its texts stay in ui until the end */
	struct ui_screen *s;
	/* The first screen is never closed by a request. */
	int close = req.close < ui->depth ? req.close : ui->depth - 1;

	if (close < 0)
		close = 0;

	if (ui->depth - close >= UI_STACK_MAX) {
		ui_request_clear(ui);
		ui_error(ui, "%s", _("Too many screens open; go back first."));
		return;
	}
	s = ui_build(ui, &req);
	ui_request_clear(ui);
	if (!s) {
		bool popped = false;

		while (close-- > 0 && ui_top(ui)->ops->overlay) {
			ui_stack_pop(ui, false);
			popped = true;
		}
		if (popped && ui_top(ui))
			ui_load(ui_top(ui), ui);
		return;
	}
	while (close-- > 0)
		ui_stack_pop(ui, false);
	ui->stack[ui->depth++] = s;
}

/* ---- drawing the frame ----------------------------------------------------- */

static bool ui_typing(const struct ui_screen *s)
{
	return s->ops->typing && s->ops->typing(s);
}

/* Whether the action writes to the database: left off the bar of a
 * database open read-only (the key says why when pressed). */
static bool act_writes(enum ui_action a)
{
	switch (a) {
	case UI_ACT_ADD: case UI_ACT_EDIT: case UI_ACT_ASSESS: case UI_ACT_RECHECK:
	case UI_ACT_ARCHIVE: case UI_ACT_DELETE: case UI_ACT_SAMPLE: case UI_ACT_REOPEN:
	case UI_ACT_DISCARD: case UI_ACT_BUILD_PLAN: case UI_ACT_SUGGEST: case UI_ACT_ACCEPT:
	case UI_ACT_ACTION_DONE: case UI_ACT_ACTION_START: case UI_ACT_ACTION_DROP:
	case UI_ACT_ACTION_REOPEN: case UI_ACT_ACTION_OWNER: case UI_ACT_ACTION_DUE:
	case UI_ACT_ACTION_TITLE: case UI_ACT_ACTION_NOTE: case UI_ACT_ACTION_ADD:
		return true;
	default:
		return false;
	}
}

/* Which of the m bar entries of widths w (without their gap) fit in cols
 * with gap spaces after each: Back, Help and Quit always, then the others
 * in order of importance while they fit.  Returns how many were left out. */
static size_t keybar_fit(const enum ui_action *act, const int *w, size_t m, int gap,
                         int cols, bool *show)
{
	int used = 0;
	size_t left = 0;

	for (size_t i = 0; i < m; i++) {
		show[i] = act[i] == UI_ACT_BACK || act[i] == UI_ACT_HELP || act[i] == UI_ACT_QUIT;
		if (show[i])
			used += w[i] + gap;
	}
	for (size_t i = 0; i < m; i++) {
		if (show[i])
			continue;
		if (used + w[i] + 1 > cols) {     /* the last column stays free */
			left++;
			continue;
		}
		show[i] = true;
		used += w[i] + gap;
	}
	return left;
}

/* The key bar: the screen's bar keys in order of importance (the order of
 * its bindings), leaving out what cannot work now (ops->can).  When they
 * do not all fit two spaces apart, they move to one space apart (German
 * labels are long); when even then they do not, the later ones give way,
 * but Back, Help and Quit always stay.  PgUp and PgDn share one entry. */
static void ui_draw_keybar(struct ui *ui, const struct ui_screen *s)
{
	size_t n, i;
	const struct ui_binding *keys = ui_screen_keys(s, &n);
	char k[UI_BAR_MAX][32], label[UI_BAR_MAX][128];
	int w[UI_BAR_MAX], x = 0, y = LINES - 1, gap = 2;
	bool show[UI_BAR_MAX], typing = ui_typing(s);
	enum ui_action act[UI_BAR_MAX];
	size_t m = 0;

	for (i = 0; i < n && m < UI_BAR_MAX; i++) {
		const struct ui_action_info *a = ui_action_info(keys[i].act);

		if (!keys[i].bar || !a->bar)
			continue;
		if (!typing && s->ops->can && !s->ops->can(s, keys[i].act))
			continue;
		if (ui->readonly && act_writes(keys[i].act))
			continue;
		if (keys[i].act == UI_ACT_PAGE_DOWN && m > 0 && act[m - 1] == UI_ACT_PAGE_UP)
			continue;         /* one entry for both, made below */
		act[m] = keys[i].act;
		if (act[m] == UI_ACT_PAGE_UP && i + 1 < n && keys[i + 1].act == UI_ACT_PAGE_DOWN &&
		    keys[i + 1].bar) {
			/* TRANSLATORS: the key bar's entry for PgUp and PgDn
			 * together: the keys, short, then what they do. */
			snprintf(k[m], sizeof k[m], "%s", ui->utf8 ? _("PgUp/PgDn") : "PgUp/PgDn");
			snprintf(label[m], sizeof label[m], "%s", _("Scroll"));
		} else {
			ui_bar_key(keys[i].act, ui->utf8, k[m], sizeof k[m]);
			snprintf(label[m], sizeof label[m], "%s", _(a->bar));
		}
		w[m] = ui_width(ui, k[m]) + 1 + ui_width(ui, label[m]);
		m++;
	}
	if (keybar_fit(act, w, m, gap, COLS, show) > 0) {
		gap = 1;
		keybar_fit(act, w, m, gap, COLS, show);
	}
	for (i = 0; i < m && x < COLS; i++) {
		if (!show[i])
			continue;
		x += ui_put(ui, y, x, COLS - x, ROLE_KEY, k[i], false);
		x += ui_put(ui, y, x, COLS - x, ROLE_NORMAL, " ", false);
		x += ui_put(ui, y, x, COLS - x, ROLE_NORMAL, label[i], false) + gap;
	}
}

/* The message above the key bar; one too long for the line takes the
 * body's last line too (until the next key), so nothing of it is cut. */
static void ui_draw_status(struct ui *ui)
{
	enum ui_role role = ui->msg_error ? ROLE_ERROR : ROLE_BOLD;
	struct ui_span sp[2];
	int n;

	if (!ui->msg[0])
		return;
	n = ui_wrap(ui->msg, COLS, sp, 2);
	if (n < 2) {
		ui_put(ui, LINES - 2, 0, COLS, role, ui->msg, ui->msg_error);
		return;
	}
	ui_fill(ui, LINES - 3, 0, COLS, ROLE_NORMAL);
	ui_put_span(ui, LINES - 3, 0, COLS, role, &sp[0]);
	/* The rest on the status line, cut only when even two lines do not
	 * hold it. */
	ui_put(ui, LINES - 2, 0, COLS, role, sp[1].s, ui->msg_error);
}

static void ui_draw_too_small(struct ui *ui)
{
	char buf[200];
	struct ui_span sp[10];
	int n, i;

	snprintf(buf, sizeof buf, _("Terminal too small (need %dx%d)"),
	         UI_MIN_COLS, UI_MIN_LINES);
	n = ui_wrap(buf, COLS, sp, LINES < 10 ? LINES : 10);
	for (i = 0; i < n; i++)
		ui_put_span(ui, i, 0, COLS, ROLE_BOLD, &sp[i]);
}

static void ui_draw(struct ui *ui)
{
	struct ui_screen *top = ui_top(ui);
	int base = ui->depth - 1, i;

	erase();
	ui->cur_y = ui->cur_x = -1;
	if (ui_too_small()) {
		ui_draw_too_small(ui);
	} else if (top) {
		while (base > 0 && ui->stack[base]->ops->overlay)
			base--;
		for (i = base; i < ui->depth; i++) {
			ui->cur_y = ui->cur_x = -1;
			ui->stack[i]->ops->draw(ui->stack[i], ui);
		}
		ui_draw_status(ui);
		ui_draw_keybar(ui, top);
	}
	if (ui->cur_y >= 0) {
		curs_set(1);
		move(ui->cur_y, ui->cur_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- keys ------------------------------------------------------------------ */

static void ui_react(struct ui *ui, enum ui_reaction r, bool *quit)
{
	if (r == UI_OPEN || r == UI_POP)
		ui->msg_sticky = false;
	switch (r) {
	case UI_OPEN:
		ui_open_request(ui);
		break;
	case UI_POP:
		if (ui->depth > 1)
			ui_stack_pop(ui, true);
		else
			*quit = true;
		break;
	case UI_QUIT:
		*quit = true;
		break;
	default:
		break;
	}
}

static int ui_page_height(const struct ui_screen *s)
{
	return s->page.height > 0 ? s->page.height : ui_body_height();
}

/* What the input layer had to say about the key just read (a byte that
 * is not UTF-8, a sequence dropped) goes to the status line after the key
 * is handled, so the screen's own message does not wipe it. */
static void ui_key_note(struct ui *ui)
{
	struct ui_screen *top = ui_top(ui);

	if (!ui->key_note[0])
		return;
	if (ui->bad_byte && top && !ui_typing(top))
		/* no text field open: nothing is there to correct or save */
		ui_error(ui, _("The byte 0x%02X is not UTF-8 (is the terminal set to UTF-8?); it "
		               "was ignored."), (unsigned)ui->bad_byte);
	else
		ui_error(ui, "%s", ui->key_note);
	ui->key_note[0] = '\0';
	ui->bad_byte = 0;
	/* It stays while the user goes on typing, until another message or
	 * another screen takes its place. */
	ui->msg_sticky = true;
}

/* A key's name for a message. */
static const char *ui_key_label(struct ui *ui, int ch)
{
	static char name[32];

	ui_key_name(ch, ui->utf8, name, sizeof name);
	return name;
}

/* A key that did nothing is said so, never ignored unseen: one the screen
 * does not know, one it knows but cannot use just now (nothing under the
 * cursor, say), or one a text field has no use for.  Moving past the end
 * of a list says nothing: that is plain to see. */
static void ui_say_unused(struct ui *ui, const struct ui_screen *top, enum ui_action act, int ch)
{
	switch (act) {
	case UI_ACT_UP: case UI_ACT_DOWN: case UI_ACT_PAGE_UP: case UI_ACT_PAGE_DOWN:
	case UI_ACT_FIRST: case UI_ACT_LAST:
		return;
	default:
		break;
	}
	if (ui_typing(top))
		ui_msg(ui, _("%s does nothing in a text field: type the text, Enter keeps it, Esc "
		             "leaves."), ui_key_label(ui, ch));
	else if (act == UI_ACT_NONE)
		ui_msg(ui, _("%s does nothing here; ? shows the keys of this screen."),
		       ui_key_label(ui, ch));
	else
		ui_msg(ui, _("%s cannot be used here just now (? shows what each key does)."),
		       ui_key_label(ui, ch));
}

/* Ctrl-L, as in other terminal programs: the terminal is drawn anew, and
 * the screen reads its data again, so that what others changed appears;
 * a text being typed stays as it is. */
static void ui_refresh(struct ui *ui, struct ui_screen *top)
{
	clearok(curscr, TRUE);
	if (ui_typing(top))
		return;
	if (ui_load(top, ui) && !ui->msg[0])
		ui_msg(ui, "%s", _("Read again: this is what the database holds now."));
}

static void ui_handle_key(struct ui *ui, int ch, bool *quit)
{
	struct ui_screen *top = ui_top(ui);
	enum ui_action act;
	enum ui_reaction r;

	if (!top)
		return;
	if (ch == '\r')
		ch = '\n';
	if (ui_too_small()) {
		/* Nothing is visible to act on: wait for a resize, but let
		 * the user leave. */
		if (ch == 'q')
			*quit = true;
		return;
	}
	/* A message stays only while the user types in the field it is
	 * about (a byte that was not UTF-8); any other key replaces it. */
	if (!ui->msg_sticky || !ui_typing(top)) {
		ui->msg[0] = '\0';
		ui->msg_sticky = false;
	}
	act = ui_binding_lookup(top->keys, top->n_keys, ch);
	if (act == UI_ACT_REFRESH) {
		ui_refresh(ui, top);
		return;
	}
	if (!ui_typing(top)) {
		if (act == UI_ACT_QUIT) {
			*quit = true;
			return;
		}
		if (act == UI_ACT_HELP) {
			ui_react(ui, ui_open(ui, &(struct ui_request){ .screen = UI_SCREEN_HELP,
			                                               .of = top }), quit);
			return;
		}
		if (top->ops->paged && ui_page_move(&top->page.scroll, top->page.lines,
		                                    ui_page_height(top), act))
			return;
	}
	r = top->ops->key(top, ui, act, ch);
	if (r == UI_NONE && !ui->msg[0])
		ui_say_unused(ui, top, act, ch);
	ui_react(ui, r, quit);
	ui_key_note(ui);
}

/* ---- the server ------------------------------------------------------------------ */

static long long ui_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A lost connection to the server is tried again every few seconds, and
 * when it is back the screen shown reads its data again, whole (a list
 * that could not be read gets its keys back); a screen under a question
 * does so when the question closes.  True when the screen changed. */
static bool ui_server_watch(struct ui *ui)
{
	struct ui_screen *top = ui_top(ui);

	if (!store_online(ui->st)) {
		long long now = ui_mono_ms();

		ui->server_away = true;
		if (now - ui->reconnect_tried < UI_RECONNECT_MS)
			return false;
		ui->reconnect_tried = now;
		if (store_reconnect(ui->st) != STORE_OK)
			return false;
	}
	if (!ui->server_away)
		return false;
	ui->server_away = false;
	/* the message of the loss goes; one of kept answers saved stays */
	if (ui->msg_error || !ui->msg[0])
		ui_msg(ui, "%s", _("The server can be reached again; the screen was read again."));
	if (top && !top->ops->overlay)
		ui_load(top, ui);
	return true;
}

/* ---- signals ------------------------------------------------------------------ */

static void ui_on_signal(int sig)
{
	ui_caught_signal = sig;
}

static void ui_on_stop(int sig)
{
	(void)sig;
	ui_caught_stop = 1;
}

static void ui_on_crash(int sig)
{
	/* Best effort: endwin is not async-signal-safe, but a terminal left
	 * in raw mode after a crash is worse.  The paste mode is switched
	 * off with write(), which is safe here. */
	if (write(STDOUT_FILENO, UI_PASTE_OFF, sizeof UI_PASTE_OFF - 1) < 0) {
		/* nothing more can be done */
	}
	endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void ui_signal_stop(bool install);

static void ui_signals(bool install)
{
	static const int soft[] = { SIGINT, SIGTERM, SIGHUP };
	static const int hard[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = install ? ui_on_signal : SIG_DFL;
	for (i = 0; i < sizeof soft / sizeof soft[0]; i++)
		sigaction(soft[i], &sa, NULL);
	sa.sa_handler = install ? ui_on_crash : SIG_DFL;
	sa.sa_flags = install ? (int)SA_RESETHAND : 0;
	for (i = 0; i < sizeof hard / sizeof hard[0]; i++)
		sigaction(hard[i], &sa, NULL);
	ui_signal_stop(install);
}

/* Ctrl-Z is taken over from curses (whose own handler would leave the
 * paste mode on in the shell), unless the program was started with it
 * ignored. */
static void ui_signal_stop(bool install)
{
	struct sigaction sa, old;

	if (sigaction(SIGTSTP, NULL, &old) != 0 || old.sa_handler == SIG_IGN)
		return;
	if (!install && old.sa_handler != ui_on_stop)
		return;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = install ? ui_on_stop : SIG_DFL;
	sigaction(SIGTSTP, &sa, NULL);
}

/* ---- the program ------------------------------------------------------------- */

static void ui_resized(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++) {
		struct ui_screen *s = ui->stack[i];

		/* Lines are counted again by the next draw; keep the
		 * position sane meanwhile. */
		if (s->ops->paged)
			s->page.scroll = ui_scroll_clamp(s->page.scroll, s->page.lines,
			                                 ui_page_height(s));
		if (s->ops->resize)
			s->ops->resize(s, ui);
	}
}

/* ---- bracketed paste ------------------------------------------------------ */

/* A key code for seq: the one curses already has for it, else the first
 * code above the standard ones that names no key yet; 0 when none. */
static int ui_paste_keycode(const char *seq, int taken)
{
	int code = key_defined(seq);

	if (code > 0)
		return code;
	if (code < 0)
		return 0;            /* it clashes with another key's sequence */
	for (code = KEY_MAX + 1; code < KEY_MAX + 4096; code++) {
		char *bound;

		if (code == taken)
			continue;
		bound = keybound(code, 0);
		if (bound) {
			free(bound);
			continue;
		}
		return define_key(seq, code) == OK ? code : 0;
	}
	return 0;
}

/* Teaches curses the two markers; the mode is asked for only when both
 * are known, since unknown markers would arrive as Esc and letters. */
static void ui_paste_keys(struct ui *ui)
{
	ui->paste_begin = ui_paste_keycode(UI_PASTE_BEGIN, 0);
	ui->paste_end = ui->paste_begin ? ui_paste_keycode(UI_PASTE_END, ui->paste_begin) : 0;
	if (!ui->paste_end)
		ui->paste_begin = 0;
}

/* putp() writes through stdio (putchar), which curses does not flush. */
static void ui_paste_mode(const struct ui *ui, bool on)
{
	if (!ui->paste_begin)
		return;
	putp(on ? UI_PASTE_ON : UI_PASTE_OFF);
	fflush(stdout);
}

/* Reads a paste up to its end marker: a malloc'd array of characters
 * (NULL when out of memory, the paste read all the same).  Function keys
 * inside a paste are dropped. */
static int *ui_paste_read(struct ui *ui, size_t *n)
{
	int *buf = malloc(UI_PASTE_MAX * sizeof *buf);
	int waits = 0;

	*n = 0;
	while (!ui_caught_signal && waits < UI_PASTE_WAITS) {
		int key = ui_key_read(ui);

		if (key == UI_KEY_NONE) {
			waits++;
			continue;
		}
		waits = 0;
		if (key == UI_KEY_DROPPED)
			continue;
		if (key & UI_FK(0)) {
			if (key == UI_FK(ui->paste_end))
				break;
			if (key == UI_FK(KEY_RESIZE))
				ui_resized(ui);
			continue;
		}
		if (buf && *n < UI_PASTE_MAX)
			buf[(*n)++] = key;
	}
	return buf;
}

/* What one pasted character becomes in a one-line field: a line break
 * (CR LF counted once) or tab one space, any other control character
 * nothing (0). */
static int ui_paste_char(int ch, bool *after_cr)
{
	bool cr = *after_cr;

	*after_cr = ch == '\r';
	if (ch == '\n' && cr)
		return 0;
	if (ch == '\n' || ch == '\r' || ch == '\t')
		return ' ';
	if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
		return 0;
	return ch;
}

/* A paste has started: into the text field being edited it goes as typed
 * characters (never Enter, Esc or an editing key); anywhere else it is
 * dropped whole, with a word why. */
static void ui_paste(struct ui *ui, bool *quit)
{
	struct ui_screen *top;
	size_t n, i;
	int *text = ui_paste_read(ui, &n);
	bool cr = false;

	top = ui_top(ui);
	if (!top || ui_too_small()) {
		free(text);
		return;
	}
	ui->msg[0] = '\0';
	if (!ui_typing(top)) {
		ui_msg(ui, "%s", _("Pasted text is only taken in text fields; the paste was ignored."));
		free(text);
		return;
	}
	if (!text) {
		ui_error(ui, "%s", _("Out of memory."));
		return;
	}
	for (i = 0; i < n; i++) {
		int ch = ui_paste_char(text[i], &cr);
		enum ui_reaction r;

		if (!ch)
			continue;
		r = top->ops->key(top, ui, UI_ACT_NONE, ch);
		if (r != UI_NONE && r != UI_REDRAW) {
			/* Not expected for plain characters; stop feeding
			 * a screen that may be gone. */
			ui_react(ui, r, quit);
			break;
		}
	}
	free(text);
}

/* Ctrl-Z: hand the terminal back as it was found (paste mode off), stop,
 * and after fg take it again and draw everything anew. */
static void ui_suspend(struct ui *ui)
{
	struct sigaction sa, old;

	ui_caught_stop = 0;
	ui_paste_mode(ui, false);
	endwin();
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	ui_paste_mode(ui, true);
	clearok(curscr, TRUE);
	refresh();
}

/* Starts curses on the terminal named by TERM, or says on stderr why it
 * cannot: initscr() would exit with a bare message for an unknown TERM, and
 * on a terminal that cannot move the cursor (TERM=dumb) it would draw
 * nonsense.  NULL when the program cannot run here. */
static SCREEN *ui_open_terminal(void)
{
	const char *term = getenv("TERM");
	enum ui_term_check check;
	SCREEN *scr;

	if (!term || !*term) {
		fprintf(stderr, "smready: %s\n",
		        _("TERM is not set, so the full-screen program cannot tell what the terminal "
		          "can do.  Set TERM (e.g. TERM=xterm-256color), or give a command "
		          "(see 'smready --help')."));
		return NULL;
	}
	/* Ask the terminfo database first (see ui-term.c). */
	check = ui_term_check(fileno(stdout));
	if (check == UI_TERM_UNKNOWN) {
		fprintf(stderr, "smready: ");
		fprintf(stderr, _("The terminal type \"%s\" is not known here.  Set TERM to your "
		                  "terminal's type (e.g. TERM=xterm-256color), or give a command "
		                  "(see 'smready --help')."), term);
		fputc('\n', stderr);
		return NULL;
	}
	if (check == UI_TERM_NO_CURSOR) {
		fprintf(stderr, "smready: ");
		fprintf(stderr, _("The terminal \"%s\" cannot move the cursor, which the "
		                  "full-screen program needs.  Use a terminal emulator (e.g. "
		                  "TERM=xterm-256color), or give a command (see 'smready --help')."),
		        term);
		fputc('\n', stderr);
		return NULL;
	}
	scr = newterm(NULL, stdout, stdin);
	if (!scr)
		fprintf(stderr, "smready: %s\n", _("The terminal could not be set up."));
	return scr;
}

/* Keeps the first problem of the settings file, with file and line, for
 * the status line. */
static void settings_warned(void *ctx, const char *file, int line, const char *msg)
{
	char *first = ctx;
	const char *base = strrchr(file, '/');

	if (*first)
		return;
	if (line > 0)
		snprintf(first, UI_MSG_MAX, "%s:%d: %s", base ? base + 1 : file, line, msg);
	else
		snprintf(first, UI_MSG_MAX, "%s: %s", base ? base + 1 : file, msg);
}

int ui_run(struct store *st)
{
	char settings_problem[UI_MSG_MAX] = "";
	struct ui ui;
	const char *cs = nl_langinfo(CODESET);
	bool quit = false, dirty = true;
	SCREEN *scr;

	memset(&ui, 0, sizeof ui);
	unsaved_init(&ui.unsaved);
	unsaved_for(&ui.unsaved, st);
	ui.st = st;
	ui.readonly = store_readonly(st);
	ui.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	settings_load(&ui.settings, NULL, settings_warned, settings_problem);
	ui_caught_signal = 0;
	ui_caught_stop = 0;

	if (!(scr = ui_open_terminal()))
		return EXIT_USAGE;   /* like no terminal at all (main.c) */
	ui_signals(true);
	/* A short Escape delay unless the user chose one (ESCDELAY). */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);        /* bytes, decoded by ui-keys.c */
	timeout(250);
	ui_paste_keys(&ui);
	ui_paste_mode(&ui, true);
	ui_draw_init(&ui);

	ui.req = (struct ui_request){ .screen = UI_SCREEN_PORTFOLIO };
	ui_open_request(&ui);
	if (store_damaged(st))
		ui_msg(&ui, "%s", _("The database is damaged: nothing can be changed. Restore a backup."));
	else if (store_writable(st) == STORE_FULL)
		ui_msg(&ui, "%s", _("The disk is full: nothing can be changed. Free some space."));
	else if (ui.readonly)
		ui_msg(&ui, "%s", _("Opened read-only: you can look at everything, but not change it."));
	else if (!ui.utf8)
		ui_msg(&ui, "%s", _("Not a UTF-8 locale: umlauts are shown as ?. Start with LANG=C.UTF-8."));
	else if (*settings_problem)
		ui_error(&ui, "%s", settings_problem);
	ui_unsaved_startup(&ui);

	while (ui.depth > 0 && !ui_caught_signal) {
		int key;

		if (quit) {
			/* answers the server did not take are not left unseen */
			enum ui_reaction r = ui_unsaved_quit(&ui);

			if (r == UI_QUIT)
				break;
			quit = false;
			ui_react(&ui, r, &quit);
			dirty = true;
			continue;
		}

		if (ui_caught_stop) {
			ui_suspend(&ui);
			dirty = true;
		}

		/* The wait for a key times out now and then only to notice a
		 * caught signal; nothing changed then, so nothing is drawn. */
		if (dirty)
			ui_draw(&ui);
		dirty = false;
		key = ui_key_read(&ui);
		if (key == UI_KEY_NONE) {
			dirty = ui_unsaved_tick(&ui);
			dirty = ui_server_watch(&ui) || dirty;
			continue;
		}
		dirty = true;
		if (key == UI_KEY_DROPPED) {
			ui_key_note(&ui);
			continue;
		}
		if (key == UI_FK(KEY_RESIZE)) {
			ui_resized(&ui);
			continue;
		}
		if (ui.paste_begin && key == UI_FK(ui.paste_begin)) {
			ui_paste(&ui, &quit);
			continue;
		}
		if (ui.paste_end && key == UI_FK(ui.paste_end))
			continue;         /* an end marker without a start */
		ui_handle_key(&ui, key, &quit);
		/* a key's statement may have found the server gone, or back */
		ui_server_watch(&ui);
	}

	while (ui.depth > 0)
		ui_stack_pop(&ui, false);
	ui_request_clear(&ui);
	ui_paste_mode(&ui, false);
	endwin();
	delscreen(scr);
	ui_signals(false);
	ui_unsaved_farewell(&ui);
	if (ui_caught_signal)
		return EXIT_SIGNAL + ui_caught_signal;
	return EXIT_OK;
}
