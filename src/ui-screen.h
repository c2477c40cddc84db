/*
 * ui-screen.h - what every screen of the full-screen program shares: the
 * screen interface (a struct of function pointers), the registry of
 * screens, the request by which one screen asks for another, and the
 * frame's services (status line, movement in lists and pages).
 *
 * No screen builds another: a key handler returns ui_open() with a request
 * naming the screen and its arguments, and the frame (ui.c) builds it from
 * the registry, loads it and shows it.  Adding a screen is one file that
 * defines its ops and one line in UI_SCREENS.  Private to the ui-*.c files;
 * include <curses.h> first.
 */
#ifndef SMREADY_UI_SCREEN_H
#define SMREADY_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "attr.h"

#include "settings.h"
#include "store.h"
#include "ui-action.h"
#include "unsaved.h"

/* Every screen: X(ID, name), where ui_<name>_ops is its struct ui_screen_ops
 * (defined in ui-<name>.c, or ui-prompt.c for the two overlays). */
#define UI_SCREENS(X) \
	X(PORTFOLIO, portfolio) \
	X(HISTORY, history) \
	X(FORM, form) \
	X(RESULT, result) \
	X(COMPARE, compare) \
	X(PLAN, plan) \
	X(BUILDER, builder) \
	X(HELP, help) \
	X(SETTINGS, settings) \
	X(PROMPT, prompt) \
	X(CHOICE, choice)

enum ui_screen_id {
#define UI_SCREEN_ENUM(id, name) UI_SCREEN_##id,
	UI_SCREENS(UI_SCREEN_ENUM)
#undef UI_SCREEN_ENUM
	UI_SCREEN_COUNT
};

/* What the main loop does after a key was handled. */
enum ui_reaction {
	UI_NONE = 0,              /* nothing changed */
	UI_REDRAW,                /* draw again */
	UI_OPEN,                  /* carry out ui->req (see ui_open) */
	UI_POP,                   /* close this screen */
	UI_QUIT
};

struct ui;
struct ui_screen;

/* What an overlay calls back with: the typed text (valid during the call),
 * or the action chosen.  Return UI_POP to close the overlay, UI_REDRAW to
 * keep it open (e.g. after an error on the status line), or ui_open() with
 * .close = 1 to put another screen in its place. */
typedef enum ui_reaction (*ui_prompt_fn)(struct ui *ui, void *owner, const char *text);
typedef enum ui_reaction (*ui_choice_fn)(struct ui *ui, void *owner, enum ui_action act);

/* A request for a screen.  Only the fields the screen reads are set. */
struct ui_request {
	enum ui_screen_id screen;
	int close;                /* screens to close before it opens (0: on top) */
	long long company;        /* HISTORY, COMPARE, PLAN, BUILDER */
	long long assessment;     /* FORM, RESULT; BUILDER: whose suggestions
	                           * (0: the latest final one) */
	long long from, to;       /* COMPARE: 0, 0 = the last two final ones */
	const struct ui_screen *of;   /* HELP: the screen whose keys are shown */
	const char *text;         /* PROMPT: the label; CHOICE: the question */
	const char *initial;      /* PROMPT: the text to start from */
	size_t max_chars;         /* PROMPT */
	ui_prompt_fn done;        /* PROMPT */
	const struct ui_binding *answers;  /* CHOICE: its keys */
	size_t n_answers;
	ui_choice_fn chosen;      /* CHOICE */
	void *owner;              /* PROMPT, CHOICE: passed to the callback */
};

/* Scroll state of a screen that is one document taller than the terminal;
 * the frame moves and clamps it for screens whose ops say .paged. */
struct ui_page {
	int scroll, lines;
	int height;               /* rows it is shown in (0: the whole body) */
};

struct ui_screen_ops {
	const char *name;         /* msgid: the screen's name in the help */
	size_t size;              /* bytes of the screen's state, base first */
	bool overlay;             /* drawn over the screen beneath it */
	bool paged;               /* one scrolling document (struct ui_page) */
	const struct ui_binding *keys;
	size_t n_keys;
	/* Takes the request's arguments (the state is zeroed); no data is
	 * read here.  False (with a message) when it cannot be shown. */
	bool (*init)(struct ui_screen *s, struct ui *ui, const struct ui_request *req);
	/* The one loading step: before the screen is first shown, and each
	 * time it is uncovered again.  False (with a message on the status
	 * line) when its data cannot be read; the first time, the screen is
	 * then not opened. */
	bool (*load)(struct ui_screen *s, struct ui *ui);
	/* Draws the body (rows 0..LINES-3); the frame adds status and key bar. */
	void (*draw)(struct ui_screen *s, struct ui *ui);
	/* act is the action bound to the key on this screen, or UI_ACT_NONE;
	 * ch is the key itself (UI_FK() for function keys). */
	enum ui_reaction (*key)(struct ui_screen *s, struct ui *ui,
	                        enum ui_action act, int ch);
	/* The terminal changed size: clamp positions (paged screens are
	 * clamped by the frame). */
	void (*resize)(struct ui_screen *s, struct ui *ui);
	/* Whether typed characters go to a text field now (q, ? are text). */
	bool (*typing)(const struct ui_screen *s);
	/* The keys on the bar and in the help while typing, when Enter and
	 * Esc do something else than keep and throw away the text (NULL:
	 * ui_typing_keys). */
	const struct ui_binding *typing_keys;
	size_t n_typing_keys;
	/* Whether act can do something now (NULL: every key can): the key
	 * bar leaves out the keys that would only be refused in this state,
	 * such as the summary of a final assessment; the help lists them all. */
	bool (*can)(const struct ui_screen *s, enum ui_action act);
	/* Frees what the state points to (the frame frees the state). */
	void (*destroy)(struct ui_screen *s);
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	const struct ui_binding *keys;   /* ops->keys, or the request's answers */
	size_t n_keys;
	struct ui_page page;
};

#define UI_STACK_MAX 16
#define UI_MSG_MAX 512

/* The state of the running program; lives in ui_run()'s frame. */
struct ui {
	struct store *st;
	bool utf8;                /* the locale's charset is UTF-8 */
	bool colour;
	bool readonly;
	char msg[UI_MSG_MAX];     /* status line */
	bool msg_error;
	char key_note[UI_MSG_MAX]; /* what reading the last key found (ui-keys.c) */
	int bad_byte;             /* the note is of this byte, not UTF-8; 0: not */
	bool msg_sticky;          /* msg stays over the next keys (a key note) */
	struct ui_request req;    /* for UI_OPEN */
	char *req_text, *req_initial; /* req's texts, copied by ui_open() */
	int cur_y, cur_x;         /* text cursor after drawing; -1: hidden */
	struct ui_screen *stack[UI_STACK_MAX];
	int depth;
	/* The key codes curses returns for the start and end markers of
	 * bracketed paste (0: not recognised). */
	int paste_begin, paste_end;
	/* The settings file, read when the program starts and changed by the
	 * settings screen: the default assessor, the re-check interval, and
	 * what the reports show. */
	struct settings settings;
	/* Answers the server did not take (it went away), kept until it is
	 * back (ui-unsaved.c); when that was last tried (monotonic ms). */
	struct unsaved unsaved;
	long long unsaved_tried;
	/* The server is there but refused the kept answers (their draft was
	 * finished meanwhile, say): why, and no more retrying by itself. */
	char unsaved_refused[256];
	bool quit_anyway;         /* quitting with answers left unsaved was chosen */
	/* The connection to the server was seen lost (ui.c): tried again
	 * every few seconds (monotonic ms of the last try), and when it is
	 * back the screen shown reads its data again. */
	bool server_away;
	long long reconnect_tried;
};

/* The registry, generated from UI_SCREENS (ui-registry.c). */
#define UI_SCREEN_OPS_DECL(id, name) extern const struct ui_screen_ops ui_##name##_ops;
UI_SCREENS(UI_SCREEN_OPS_DECL)
#undef UI_SCREEN_OPS_DECL
extern const struct ui_screen_ops *const ui_registry[UI_SCREEN_COUNT];

/* Asks for a screen: keeps a copy of req (its texts too, so they may live
 * on the caller's stack) in ui and returns UI_OPEN; UI_REDRAW (with a
 * message) when out of memory. */
enum ui_reaction ui_open(struct ui *ui, const struct ui_request *req);
/* Releases the request kept by ui_open() once the frame has carried it out. */
void ui_request_clear(struct ui *ui);

/* Status line messages. */
void ui_msg(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);
void ui_error(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Shows the store's message for a failed call. */
void ui_store_error(struct ui *ui, enum store_err err);
/* Puts "Saving..." on the status line of the terminal at once, before a
 * store write that may wait for another program's lock (up to the busy
 * timeout).  ui->msg is left alone: the next full draw shows the screen's
 * own status, or the error the failed write left there. */
void ui_saving(struct ui *ui);
/* Refuses a write on a read-only database: true (and a message) when so. */
bool ui_refuse_readonly(struct ui *ui);

/* Moves a list cursor *sel among n rows for a movement action; page is
 * the step of PgUp/PgDn.  False when act is not a movement (nothing
 * changes); true otherwise, also when the list is empty. */
bool ui_list_move(size_t *sel, size_t n, size_t page, enum ui_action act);
/* Scrolls a page of lines lines shown in height rows for a movement
 * action, clamped; false when act is not a movement. */
bool ui_page_move(int *scroll, int lines, int height, enum ui_action act);

/* Smallest terminal the layouts are made for (German labels included). */
#define UI_MIN_COLS 60
#define UI_MIN_LINES 16
bool ui_too_small(void);

/* The keys of s now: its own, or while it takes typed text the typing
 * keys (its own typing_keys, else ui_typing_keys). */
const struct ui_binding *ui_screen_keys(const struct ui_screen *s, size_t *n);

#endif
