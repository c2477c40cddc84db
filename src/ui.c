/*
 * ui.c - the full-screen program's frame: curses set-up and tear-down,
 * signals, the screen stack (the UI's only mutable state), the main loop
 * that turns keys into actions and reactions, the status line and key bar,
 * the "terminal too small" guard, and the screens every other screen uses:
 * help, one-line prompt and yes/no or multiple choice questions.  Also
 * bracketed paste: pasted text goes into a text field as text and never
 * acts as keys.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "ui-draw.h"
#include "ui-edit.h"
#include "ui-screens.h"
#include "ui-term.h"
#include "ui.h"

/* Smallest terminal the layouts are made for (German labels included). */
#define UI_MIN_COLS 60
#define UI_MIN_LINES 16
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

/* Set by the handler of SIGINT/SIGTERM/SIGHUP; the loop then ends
 * normally so the terminal is restored.  A signal handler cannot reach
 * ui_run()'s frame, hence file scope. */
static volatile sig_atomic_t ui_caught_signal;
/* Set by the SIGTSTP handler (Ctrl-Z); the loop then suspends itself. */
static volatile sig_atomic_t ui_caught_stop;

static const struct ui_action_info ui_actions[UI_ACT_COUNT] = {
#define UI_ACTION_INFO(id, k1, k2, bar, help) [UI_ACT_##id] = { k1, k2, bar, help },
	UI_ACTIONS(UI_ACTION_INFO)
#undef UI_ACTION_INFO
};

const struct ui_action_info *ui_action_info(enum ui_action act)
{
	return &ui_actions[act < UI_ACT_COUNT ? act : UI_ACT_QUIT];
}

void ui_key_name(int key, bool utf8, char *buf, size_t bufsz)
{
	const char *name = NULL;

	switch (key) {
	case '\n': case UI_FK(KEY_ENTER): name = _("Enter"); break;
	case UI_ESC: name = _("Esc"); break;
	case ' ': name = _("Space"); break;
	case '\t': name = _("Tab"); break;
	case UI_FK(KEY_UP): name = utf8 ? "↑" : _("Up"); break;
	case UI_FK(KEY_DOWN): name = utf8 ? "↓" : _("Down"); break;
	case UI_FK(KEY_LEFT): name = utf8 ? "←" : _("Left"); break;
	case UI_FK(KEY_RIGHT): name = utf8 ? "→" : _("Right"); break;
	case UI_FK(KEY_PPAGE): name = _("PgUp"); break;
	case UI_FK(KEY_NPAGE): name = _("PgDn"); break;
	case UI_FK(KEY_HOME): name = _("Home"); break;
	case UI_FK(KEY_END): name = _("End"); break;
	case UI_FK(KEY_DC): name = _("Del"); break;
	case UI_FK(KEY_F(1)): name = "F1"; break;
	default: break;
	}
	if (name) {
		snprintf(buf, bufsz, "%s", name);
	} else if (key & UI_FK(0)) {
		snprintf(buf, bufsz, "?");
	} else {
		char u[5] = { 0 };

		ui_utf8_put((unsigned)key, u);
		snprintf(buf, bufsz, "%s", u);
	}
}

/* ---- status line ------------------------------------------------------- */

static void ui_vmsg(struct ui *ui, bool error, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void ui_vmsg(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	ui->msg_error = error;
}

void ui_msg(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmsg(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmsg(ui, true, fmt, ap);
	va_end(ap);
}

void ui_store_error(struct ui *ui, enum store_err err)
{
	const char *m = store_error(ui->st);

	if (err == STORE_READONLY || (m && *m == '\0'))
		m = NULL;
	if (m)
		ui_error(ui, "%s", m);
	else if (err == STORE_READONLY)
		ui_error(ui, "%s", _("The database is open read-only: nothing can be changed."));
	else
		ui_error(ui, "%s", _("The change could not be saved."));
}

void ui_saving(struct ui *ui)
{
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES)
		return;
	move(LINES - 2, 0);
	clrtoeol();
	ui_putf(ui, LINES - 2, 0, COLS, ROLE_BOLD, "%s%s", _("Saving"), ui_sym(ui, SYM_ELLIPSIS));
	refresh();
}

bool ui_refuse_readonly(struct ui *ui)
{
	if (!ui->readonly)
		return false;
	ui_error(ui, "%s", _("The database is open read-only: nothing can be changed."));
	return true;
}

enum ui_reaction ui_push(struct ui *ui, struct ui_screen *s)
{
	if (!s)
		return UI_REDRAW;
	ui->next = s;
	return UI_PUSH;
}

enum ui_reaction ui_replace(struct ui *ui, struct ui_screen *s)
{
	if (!s)
		return UI_REDRAW;
	ui->next = s;
	return UI_REPLACE;
}

/* ---- moving in lists and pages ----------------------------------------------- */

bool ui_list_move(size_t *sel, size_t n, size_t page, enum ui_action act)
{
	size_t last = n ? n - 1 : 0;

	switch (act) {
	case UI_ACT_UP: if (*sel > 0) (*sel)--; break;
	case UI_ACT_DOWN: if (*sel < last) (*sel)++; break;
	case UI_ACT_PAGE_UP: *sel = *sel > page ? *sel - page : 0; break;
	case UI_ACT_PAGE_DOWN: *sel = *sel + page < last ? *sel + page : last; break;
	case UI_ACT_FIRST: *sel = 0; break;
	case UI_ACT_LAST: *sel = last; break;
	default: return false;
	}
	return true;
}

bool ui_page_move(int *scroll, int lines, int height, enum ui_action act)
{
	switch (act) {
	case UI_ACT_UP: (*scroll)--; break;
	case UI_ACT_DOWN: (*scroll)++; break;
	case UI_ACT_PAGE_UP: *scroll -= height - 1; break;
	case UI_ACT_PAGE_DOWN: *scroll += height - 1; break;
	case UI_ACT_FIRST: *scroll = 0; break;
	case UI_ACT_LAST: *scroll = lines; break;
	default: return false;
	}
	*scroll = ui_scroll_clamp(*scroll, lines, height);
	return true;
}

/* ---- the stack ----------------------------------------------------------- */

static struct ui_screen *ui_top(struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

static void ui_stack_push(struct ui *ui, struct ui_screen *s)
{
	struct ui_screen *top = ui_top(ui);

	if (ui->depth >= UI_STACK_MAX) {
		s->ops->destroy(s);
		ui_error(ui, "%s", _("Too many screens open; go back first."));
		return;
	}
	if (top && top->ops->leave)
		top->ops->leave(top, ui);
	ui->stack[ui->depth++] = s;
	if (s->ops->enter)
		s->ops->enter(s, ui);
}

static void ui_stack_pop(struct ui *ui, bool enter_below)
{
	struct ui_screen *s = ui_top(ui), *below;

	if (!s)
		return;
	ui->depth--;
	if (s->ops->leave)
		s->ops->leave(s, ui);
	s->ops->destroy(s);
	below = ui_top(ui);
	if (enter_below && below && below->ops->enter)
		below->ops->enter(below, ui);
}

/* ---- drawing the frame ----------------------------------------------------- */

static bool ui_typing(const struct ui_screen *s)
{
	return s->ops->typing && s->ops->typing(s);
}

static const struct ui_binding ui_typing_keys[] = {
	{ UI_ACT_EDIT_SAVE, true }, { UI_ACT_EDIT_CANCEL, true },
};

/* The key shown for an action on the bar and in questions: "0-4" for the
 * answers, and for "yes" the letter of the user's language (y and j both
 * work). */
static void ui_bar_key(struct ui *ui, enum ui_action act, char *buf, size_t bufsz)
{
	if (act == UI_ACT_ANSWER_0)
		snprintf(buf, bufsz, "0-4");
	else if (act == UI_ACT_YES)
		/* TRANSLATORS: the key for "yes"; y and j are both accepted. */
		snprintf(buf, bufsz, "%s", _("y"));
	else
		ui_key_name(ui_action_info(act)->key, ui->utf8, buf, bufsz);
}

/* The key bar: the screen's bar keys in order; when they do not all fit,
 * the later ones give way, but Back, Help and Quit always stay. */
static void ui_draw_keybar(struct ui *ui, const struct ui_screen *s)
{
	const struct ui_binding *keys = s->ops->keys;
	size_t n = s->ops->n_keys, i;
	char k[UI_BAR_MAX][32], label[UI_BAR_MAX][128];
	int w[UI_BAR_MAX], used = 0, x = 0, y = LINES - 1;
	bool show[UI_BAR_MAX];
	enum ui_action act[UI_BAR_MAX];
	size_t m = 0;

	if (ui_typing(s)) {
		keys = ui_typing_keys;
		n = UI_NBIND(ui_typing_keys);
	}
	for (i = 0; i < n && m < UI_BAR_MAX; i++) {
		const struct ui_action_info *a = ui_action_info(keys[i].act);

		if (!keys[i].bar || !a->bar)
			continue;
		ui_bar_key(ui, keys[i].act, k[m], sizeof k[m]);
		snprintf(label[m], sizeof label[m], "%s", _(a->bar));
		w[m] = ui_width(ui, k[m]) + 1 + ui_width(ui, label[m]) + 2;
		act[m] = keys[i].act;
		show[m] = act[m] == UI_ACT_BACK || act[m] == UI_ACT_HELP || act[m] == UI_ACT_QUIT;
		if (show[m])
			used += w[m];
		m++;
	}
	for (i = 0; i < m; i++) {
		if (show[i] || used + w[i] > COLS)
			continue;
		show[i] = true;
		used += w[i];
	}
	for (i = 0; i < m && x < COLS; i++) {
		if (!show[i])
			continue;
		x += ui_put(ui, y, x, COLS - x, ROLE_KEY, k[i], false);
		x += ui_put(ui, y, x, COLS - x, ROLE_NORMAL, " ", false);
		x += ui_put(ui, y, x, COLS - x, ROLE_NORMAL, label[i], false) + 2;
	}
}

static void ui_draw_status(struct ui *ui)
{
	if (!ui->msg[0])
		return;
	ui_put(ui, LINES - 2, 0, COLS, ui->msg_error ? ROLE_ERROR : ROLE_BOLD,
	       ui->msg, ui->msg_error);
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
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
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

static enum ui_action ui_lookup(const struct ui_screen *s, int ch)
{
	size_t i;

	for (i = 0; i < s->ops->n_keys; i++) {
		const struct ui_action_info *a = ui_action_info(s->ops->keys[i].act);

		if (ch == a->key || (a->key2 && ch == a->key2))
			return s->ops->keys[i].act;
	}
	return UI_ACT_NONE;
}

static void ui_react(struct ui *ui, enum ui_reaction r, bool *quit)
{
	struct ui_screen *next = ui->next;

	ui->next = NULL;
	switch (r) {
	case UI_PUSH:
		if (next)
			ui_stack_push(ui, next);
		break;
	case UI_REPLACE:
		ui_stack_pop(ui, false);
		if (next)
			ui_stack_push(ui, next);
		else if (ui_top(ui) && ui_top(ui)->ops->enter)
			ui_top(ui)->ops->enter(ui_top(ui), ui);
		break;
	case UI_REPLACE_OWNER:
		ui_stack_pop(ui, false);
		ui_stack_pop(ui, false);
		if (next)
			ui_stack_push(ui, next);
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

static void ui_handle_key(struct ui *ui, int ch, bool *quit)
{
	struct ui_screen *top = ui_top(ui);
	enum ui_action act;

	if (!top)
		return;
	if (ch == '\r')
		ch = '\n';
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		/* Nothing is visible to act on: wait for a resize, but let
		 * the user leave. */
		if (ch == 'q')
			*quit = true;
		return;
	}
	ui->msg[0] = '\0';
	act = ui_lookup(top, ch);
	if (!ui_typing(top)) {
		if (act == UI_ACT_QUIT) {
			*quit = true;
			return;
		}
		if (act == UI_ACT_HELP) {
			ui_react(ui, ui_push(ui, ui_help_new(ui, top)), quit);
			return;
		}
	}
	ui_react(ui, top->ops->key(top, ui, act, ch), quit);
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
	int i;

	for (i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->resize)
			ui->stack[i]->ops->resize(ui->stack[i], ui);
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
		wint_t wc;
		int rc = get_wch(&wc);

		if (rc == ERR) {
			waits++;
			continue;
		}
		waits = 0;
		if (rc == KEY_CODE_YES) {
			if ((int)wc == ui->paste_end)
				break;
			if (wc == KEY_RESIZE)
				ui_resized(ui);
			continue;
		}
		if (buf && *n < UI_PASTE_MAX)
			buf[(*n)++] = (int)wc;
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
	if (!top || COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
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

int ui_run(struct store *st)
{
	struct ui ui;
	const char *cs = nl_langinfo(CODESET);
	bool quit = false, dirty = true;
	struct ui_screen *first;
	SCREEN *scr;

	memset(&ui, 0, sizeof ui);
	ui.st = st;
	ui.readonly = store_readonly(st);
	ui.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	ui_caught_signal = 0;
	ui_caught_stop = 0;

	if (!(scr = ui_open_terminal()))
		return 1;
	ui_signals(true);
	/* A short Escape delay unless the user chose one (ESCDELAY). */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(250);
	ui_paste_keys(&ui);
	ui_paste_mode(&ui, true);
	ui_draw_init(&ui);

	first = ui_portfolio_new(&ui);
	if (first)
		ui_stack_push(&ui, first);
	if (store_damaged(st))
		ui_msg(&ui, "%s", _("The database is damaged: nothing can be changed. Restore a backup."));
	else if (store_writable(st) == STORE_FULL)
		ui_msg(&ui, "%s", _("The disk is full: nothing can be changed. Free some space."));
	else if (ui.readonly)
		ui_msg(&ui, "%s", _("Opened read-only: you can look at everything, but not change it."));
	else if (!ui.utf8)
		ui_msg(&ui, "%s", _("Not a UTF-8 locale: umlauts are shown as ?. Start with LANG=C.UTF-8."));

	while (!quit && ui.depth > 0 && !ui_caught_signal) {
		wint_t wc;
		int rc;

		if (ui_caught_stop) {
			ui_suspend(&ui);
			dirty = true;
		}

		/* The wait for a key times out now and then only to notice a
		 * caught signal; nothing changed then, so nothing is drawn. */
		if (dirty)
			ui_draw(&ui);
		dirty = false;
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		dirty = true;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui_resized(&ui);
			continue;
		}
		if (rc == KEY_CODE_YES && ui.paste_begin && (int)wc == ui.paste_begin) {
			ui_paste(&ui, &quit);
			continue;
		}
		if (rc == KEY_CODE_YES && ui.paste_end && (int)wc == ui.paste_end)
			continue;         /* an end marker without a start */
		ui_handle_key(&ui, rc == KEY_CODE_YES ? UI_FK(wc) : (int)wc, &quit);
	}

	while (ui.depth > 0)
		ui_stack_pop(&ui, false);
	ui_paste_mode(&ui, false);
	endwin();
	delscreen(scr);
	ui_signals(false);
	if (ui_caught_signal)
		return 128 + ui_caught_signal;
	return 0;
}

/* ==== help ===================================================================== */

struct help_screen {
	struct ui_screen base;
	const struct ui_screen_ops *of;
	bool of_typing;
	int scroll, lines;
};

/* "q" or "↑, k"; a second key with the same name (Enter) shown once. */
static void help_keys_text(struct ui *ui, const struct ui_action_info *a, char *buf, size_t bufsz)
{
	char k1[32], k2[32];

	ui_key_name(a->key, ui->utf8, k1, sizeof k1);
	ui_key_name(a->key2, ui->utf8, k2, sizeof k2);
	if (a->key2 && strcmp(k1, k2) != 0)
		snprintf(buf, bufsz, "%s, %s", k1, k2);
	else
		snprintf(buf, bufsz, "%s", k1);
}

static void help_draw(struct ui_screen *s, struct ui *ui)
{
	struct help_screen *h = (struct help_screen *)s;
	struct ui_doc d = { .top = ui_body_top() + 1, .height = ui_body_height() - 1,
	                    .scroll = h->scroll, .x = 2, .width = COLS - 4 };
	const struct ui_binding *keys = h->of->keys;
	size_t n = h->of->n_keys, i;
	int kcol = 0, row;
	char buf[256];

	snprintf(buf, sizeof buf, _("Keys: %s"), _(h->of->name));
	ui_title(ui, buf);
	if (h->of_typing) {
		keys = ui_typing_keys;
		n = UI_NBIND(ui_typing_keys);
	}
	for (i = 0; i < n; i++) {
		const struct ui_action_info *a = ui_action_info(keys[i].act);
		int w;

		help_keys_text(ui, a, buf, sizeof buf);
		w = ui_width(ui, buf);
		if (w > kcol)
			kcol = w;
	}
	if (kcol > 18)
		kcol = 18;
	for (i = 0; i < n; i++) {
		const struct ui_action_info *a = ui_action_info(keys[i].act);
		int used;

		help_keys_text(ui, a, buf, sizeof buf);
		row = d.lines;
		used = ui_doc_text(ui, &(struct ui_doc){ .top = d.top, .height = d.height,
		                   .scroll = d.scroll, .x = d.x + kcol + 2,
		                   .width = d.width - kcol - 2, .lines = row },
		                   0, ROLE_NORMAL, _(a->help));
		if (row >= d.scroll && row < d.scroll + d.height)
			ui_put(ui, d.top + row - d.scroll, d.x, kcol, ROLE_BOLD, buf, false);
		d.lines += used > 0 ? used : 1;
	}
	ui_doc_row(&d);
	ui_doc_text(ui, &d, 0, ROLE_DIM,
	            _("Every answer, note and change is saved the moment you make it, "
	              "so quitting never loses anything."));
	h->lines = d.lines;
}

static enum ui_reaction help_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct help_screen *h = (struct help_screen *)s;

	if (act == UI_ACT_BACK)
		return UI_POP;
	return ui_page_move(&h->scroll, h->lines, ui_body_height() - 1, act) ? UI_REDRAW : UI_NONE;
}

static void help_resize(struct ui_screen *s, struct ui *ui)
{
	struct help_screen *h = (struct help_screen *)s;

	h->scroll = ui_scroll_clamp(h->scroll, h->lines, ui_body_height() - 1);
}

static void ui_free_screen(struct ui_screen *s)
{
	free(s);
}

static const struct ui_binding help_keys[] = {
	{ UI_ACT_BACK, true }, UI_BIND_MOVES(true), { UI_ACT_QUIT, true },
};

static const struct ui_screen_ops help_ops = {
	.name = N_("Help"),
	.keys = help_keys,
	.n_keys = UI_NBIND(help_keys),
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
	.destroy = ui_free_screen,
};

struct ui_screen *ui_help_new(struct ui *ui, const struct ui_screen *of)
{
	struct help_screen *h = calloc(1, sizeof *h);

	if (!h) {
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	h->base.ops = &help_ops;
	h->of = of->ops;
	h->of_typing = ui_typing(of);
	return &h->base;
}

/* ==== overlays: prompt and choice ============================================ */

/* A framed box of h rows centred on the screen; returns its top row. */
static int ui_box(struct ui *ui, int h, int *x, int *w)
{
	int y, i;

	*w = COLS - 6 < 72 ? COLS - 6 : 72;
	*x = (COLS - *w) / 2;
	y = (LINES - h) / 2;
	if (y < 1)
		y = 1;
	for (i = 0; i < h; i++)
		ui_fill(ui, y + i, *x, *w, ROLE_NORMAL);
	ui_frame(ui, y, *x, h, *w, ROLE_HEADER);
	return y;
}

struct prompt_screen {
	struct ui_screen base;
	char *label;
	struct ui_edit edit;
	ui_prompt_fn done;
	void *owner;
};

static void prompt_draw(struct ui_screen *s, struct ui *ui)
{
	struct prompt_screen *p = (struct prompt_screen *)s;
	struct ui_span sp[6];
	int x, w, y, n, i;

	n = ui_wrap(p->label, COLS - 12 < 68 ? COLS - 12 : 68, sp, 6);
	y = ui_box(ui, n + 4, &x, &w);
	for (i = 0; i < n; i++)
		ui_put_span(ui, y + 1 + i, x + 2, w - 4, ROLE_BOLD, &sp[i]);
	ui_edit_draw(&p->edit, ui, y + 2 + n, x + 2, w - 4);
}

static enum ui_reaction prompt_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct prompt_screen *p = (struct prompt_screen *)s;
	enum ui_reaction r;
	char *text;

	switch (ui_edit_key(&p->edit, ch)) {
	case EDIT_DONE:
		text = ui_edit_text(&p->edit);
		if (!text) {
			ui_error(ui, "%s", _("Out of memory."));
			return UI_REDRAW;
		}
		r = p->done(ui, p->owner, text);
		free(text);
		return r;
	case EDIT_CANCEL:
		return UI_POP;
	case EDIT_FULL:
		ui_error(ui, "%s", _("That is as long as this field can be."));
		return UI_REDRAW;
	case EDIT_UNHANDLED:
		return UI_NONE;
	default:
		return UI_REDRAW;
	}
}

static bool prompt_typing(const struct ui_screen *s)
{
	return true;
}

static void prompt_destroy(struct ui_screen *s)
{
	struct prompt_screen *p = (struct prompt_screen *)s;

	ui_edit_free(&p->edit);
	free(p->label);
	free(p);
}

static const struct ui_screen_ops prompt_ops = {
	.name = N_("Text field"),
	.overlay = true,
	.keys = ui_typing_keys,
	.n_keys = UI_NBIND(ui_typing_keys),
	.draw = prompt_draw,
	.key = prompt_key,
	.typing = prompt_typing,
	.destroy = prompt_destroy,
};

struct ui_screen *ui_prompt_new(struct ui *ui, const char *label, const char *initial,
                                size_t max_chars, ui_prompt_fn done, void *owner)
{
	struct prompt_screen *p = calloc(1, sizeof *p);

	if (!p || !(p->label = strdup(label))) {
		free(p);
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	p->base.ops = &prompt_ops;
	ui_edit_init(&p->edit, initial, max_chars);
	p->done = done;
	p->owner = owner;
	return &p->base;
}

#define CHOICE_MAX 8

struct choice_screen {
	struct ui_screen base;
	struct ui_screen_ops ops;    /* per instance: the answers differ */
	struct ui_binding keys[CHOICE_MAX];
	char *message;
	ui_choice_fn chosen;
	void *owner;
};

static void choice_draw(struct ui_screen *s, struct ui *ui)
{
	struct choice_screen *c = (struct choice_screen *)s;
	struct ui_span sp[16];
	int x, w, y, n, i, cx;
	size_t k;

	n = ui_wrap(c->message, COLS - 12 < 68 ? COLS - 12 : 68, sp, 16);
	y = ui_box(ui, n + 4, &x, &w);
	for (i = 0; i < n; i++)
		ui_put_span(ui, y + 1 + i, x + 2, w - 4, ROLE_NORMAL, &sp[i]);
	cx = x + 2;
	for (k = 0; k < c->ops.n_keys; k++) {
		const struct ui_action_info *a = ui_action_info(c->keys[k].act);
		char kn[32];

		ui_bar_key(ui, c->keys[k].act, kn, sizeof kn);
		cx += ui_put(ui, y + 2 + n, cx, x + w - 2 - cx, ROLE_KEY, kn, false);
		cx += ui_put(ui, y + 2 + n, cx, x + w - 2 - cx, ROLE_BOLD, " ", false);
		cx += ui_put(ui, y + 2 + n, cx, x + w - 2 - cx, ROLE_BOLD, _(a->bar), false);
		cx += 3;
	}
}

static enum ui_reaction choice_key(struct ui_screen *s, struct ui *ui, enum ui_action act, int ch)
{
	struct choice_screen *c = (struct choice_screen *)s;

	if (act == UI_ACT_NONE)
		return UI_NONE;
	return c->chosen(ui, c->owner, act);
}

static void choice_destroy(struct ui_screen *s)
{
	struct choice_screen *c = (struct choice_screen *)s;

	free(c->message);
	free(c);
}

struct ui_screen *ui_choice_new(struct ui *ui, const char *message,
                                const struct ui_binding *keys, size_t n_keys,
                                ui_choice_fn chosen, void *owner)
{
	struct choice_screen *c = calloc(1, sizeof *c);

	if (!c || !(c->message = strdup(message))) {
		free(c);
		ui_error(ui, "%s", _("Out of memory."));
		return NULL;
	}
	if (n_keys > CHOICE_MAX)
		n_keys = CHOICE_MAX;
	memcpy(c->keys, keys, n_keys * sizeof *keys);
	c->ops = (struct ui_screen_ops){
		.name = N_("Question"),
		.overlay = true,
		.keys = c->keys,
		.n_keys = n_keys,
		.draw = choice_draw,
		.key = choice_key,
		.destroy = choice_destroy,
	};
	c->base.ops = &c->ops;
	c->chosen = chosen;
	c->owner = owner;
	return &c->base;
}

struct ui_screen *ui_confirm_new(struct ui *ui, const char *message,
                                 ui_choice_fn chosen, void *owner)
{
	static const struct ui_binding yes_no[] = {
		{ UI_ACT_YES, true }, { UI_ACT_NO, true },
	};

	return ui_choice_new(ui, message, yes_no, UI_NBIND(yes_no), chosen, owner);
}
