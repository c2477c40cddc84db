/*
 * ui-screens.h - what every screen of the full-screen program shares: the
 * one table of actions (keys, key bar and help are generated from it), the
 * screen interface (a struct of function pointers) and the constructors of
 * the screens.  Private to the ui-*.c files; they include <curses.h> before
 * this header because the key table names curses key codes.
 */
#ifndef SMREADY_UI_SCREENS_H
#define SMREADY_UI_SCREENS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "report.h"
#include "store.h"

/* Function keys (KEY_*) are kept apart from characters by this bit, so a
 * character whose code equals a KEY_* value never triggers it. */
#define UI_FK(k) ((int)(k) | 0x40000000)
#define UI_ESC 27

/*
 * The actions: X(ID, KEY, SECOND_KEY, BAR_LABEL, HELP_TEXT).  KEY is shown
 * on the key bar, both keys in the help screen; 0 means no second key.  A
 * screen lists the actions it understands (struct ui_binding), so one key
 * may mean different actions on different screens, never two on one.
 */
#define UI_ACTIONS(X) \
	X(QUIT,        'q', 0, N_("Quit"), N_("Quit smready (everything is saved already)")) \
	X(HELP,        '?', UI_FK(KEY_F(1)), N_("Help"), N_("Show the keys of this screen")) \
	X(BACK,        UI_ESC, UI_FK(KEY_LEFT), N_("Back"), N_("Go back to the previous screen")) \
	X(UP,          UI_FK(KEY_UP), 'k', N_("Up"), N_("Move up one line")) \
	X(DOWN,        UI_FK(KEY_DOWN), 'j', N_("Down"), N_("Move down one line")) \
	X(PAGE_UP,     UI_FK(KEY_PPAGE), 0, N_("Page up"), N_("Move up one page")) \
	X(PAGE_DOWN,   UI_FK(KEY_NPAGE), 0, N_("Page down"), N_("Move down one page")) \
	X(FIRST,       UI_FK(KEY_HOME), 'g', N_("Top"), N_("Go to the top")) \
	X(LAST,        UI_FK(KEY_END), 'G', N_("End"), N_("Go to the bottom")) \
	X(OPEN_COMPANY, '\n', UI_FK(KEY_ENTER), N_("History"), N_("Open the company's history of assessments")) \
	X(ADD,         'a', 0, N_("Add"), N_("Add a company")) \
	X(EDIT,        'e', 0, N_("Edit"), N_("Edit the company's name, industry, contact and notes")) \
	X(ASSESS,      'n', 0, N_("Assess"), N_("Start a new assessment, or resume the open draft")) \
	X(RECHECK,     'r', 0, N_("Re-check"), N_("Start a re-check from the answers of the last final assessment")) \
	X(ARCHIVE,     'x', 0, N_("Archive"), N_("Archive the company, or bring an archived one back")) \
	X(SHOW_ARCHIVED, 'X', 0, N_("Archived"), N_("Show or hide archived companies")) \
	X(DELETE,      'D', UI_FK(KEY_DC), N_("Delete"), N_("Delete the company with all its assessments (asks first)")) \
	X(SORT,        's', 0, N_("Sort"), N_("Sort by name, score, change or due date (cycles)")) \
	X(SEARCH,      '/', 0, N_("Search"), N_("Filter the list by typing part of a name; Esc clears the filter")) \
	X(CLEAR_FILTER, UI_ESC, 0, N_("Clear filter"), N_("Clear the search filter and show every company")) \
	X(SAMPLE,      'S', 0, N_("Samples"), N_("Add the sample companies with their history")) \
	X(ANSWER_0,    '0', 0, N_("Answer"), N_("Answer 0: not at all")) \
	X(ANSWER_1,    '1', 0, NULL, N_("Answer 1: a little")) \
	X(ANSWER_2,    '2', 0, NULL, N_("Answer 2: partly")) \
	X(ANSWER_3,    '3', 0, NULL, N_("Answer 3: largely")) \
	X(ANSWER_4,    '4', 0, NULL, N_("Answer 4: fully")) \
	X(DONT_KNOW,   'd', 0, N_("Don't know"), N_("Answer \"don't know\" (counts as answered, earns nothing)")) \
	X(CLEAR_ANSWER, 'c', UI_FK(KEY_DC), N_("Clear"), N_("Remove the answer (the item counts as unanswered)")) \
	X(NOTE,        'n', 0, N_("Note"), N_("Write or change the note for this item")) \
	X(TOGGLE_HELP, 'h', 0, N_("Explain"), N_("Show or hide what \"ready\" means for this item")) \
	X(NEXT_OPEN,   '\t', 'u', N_("Next open"), N_("Jump to the next unanswered or unconfirmed item")) \
	X(CONFIRM,     '\n', UI_FK(KEY_ENTER), N_("Confirm"), N_("Confirm a carried-over answer, or go to the next item")) \
	X(FINISH,      'f', 0, N_("Finish"), N_("Finish the assessment: check what is open, then score it")) \
	X(EXPORT,      'e', 0, N_("Export"), N_("Save a report file (Markdown, HTML or plain text)")) \
	X(OPEN_ASSESSMENT, '\n', UI_FK(KEY_ENTER), N_("Open"), N_("Show the result of a final assessment, or continue a draft")) \
	X(MARK,        ' ', 0, N_("Mark"), N_("Mark this assessment for a comparison (again to unmark)")) \
	X(COMPARE,     'c', 0, N_("Compare"), N_("Compare the marked assessment with this one (default: the last two final ones)")) \
	X(REOPEN,      'o', 0, N_("Reopen"), N_("Turn a final assessment back into a draft (asks why)")) \
	X(ASSESSOR,    'a', 0, N_("Assessor"), N_("Change who makes this assessment (drafts only)")) \
	X(SUMMARY,     's', 0, N_("Summary"), N_("Write or change the summary note of the assessment (drafts only)")) \
	X(TOGGLE_UNCHANGED, 'u', 0, N_("Unchanged"), N_("Show or hide the items that did not change")) \
	X(EXPORT_MD,   'm', 0, N_("Markdown"), N_("Save the report as Markdown")) \
	X(EXPORT_HTML, 'w', 0, N_("HTML"), N_("Save the report as one HTML file")) \
	X(EXPORT_TEXT, 't', 0, N_("Text"), N_("Save the report as plain text")) \
	X(YES,         'y', 'j', N_("Yes"), N_("Yes, do it")) \
	X(NO,          'n', UI_ESC, N_("No"), N_("No, leave everything as it is")) \
	X(EDIT_SAVE,   '\n', UI_FK(KEY_ENTER), N_("Save"), N_("Keep what you typed")) \
	X(EDIT_CANCEL, UI_ESC, 0, N_("Cancel"), N_("Throw away what you typed"))

enum ui_action {
#define UI_ACTION_ENUM(id, k1, k2, bar, help) UI_ACT_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	UI_ACT_COUNT
};
#define UI_ACT_NONE UI_ACT_COUNT

struct ui_action_info {
	int key, key2;
	const char *bar;          /* msgid, NULL: not on the key bar by itself */
	const char *help;         /* msgid */
};
const struct ui_action_info *ui_action_info(enum ui_action act);
/* Writes the name of one key, e.g. "Enter", "PgUp", "q". */
void ui_key_name(int key, bool utf8, char *buf, size_t bufsz);

/* One key a screen understands; bar: shown on the bottom key bar. */
struct ui_binding {
	enum ui_action act;
	bool bar;
};
#define UI_NBIND(a) (sizeof(a) / sizeof((a)[0]))
/* The movement keys of every list and page; pages: PgUp/PgDn on the bar. */
#define UI_BIND_MOVES(pages) \
	{ UI_ACT_UP, false }, { UI_ACT_DOWN, false }, \
	{ UI_ACT_PAGE_UP, (pages) }, { UI_ACT_PAGE_DOWN, (pages) }, \
	{ UI_ACT_FIRST, false }, { UI_ACT_LAST, false }
/* Moves a list cursor *sel among n rows for a movement action; page is
 * the step of PgUp/PgDn.  False when act is not a movement (nothing
 * changes); true otherwise, also when the list is empty. */
bool ui_list_move(size_t *sel, size_t n, size_t page, enum ui_action act);
/* Scrolls a page of lines lines shown in height rows for a movement
 * action, clamped; false when act is not a movement. */
bool ui_page_move(int *scroll, int lines, int height, enum ui_action act);

/* What the main loop does after a key was handled. */
enum ui_reaction {
	UI_NONE = 0,              /* nothing changed */
	UI_REDRAW,                /* draw again */
	UI_PUSH,                  /* push ui->next on top */
	UI_REPLACE,               /* pop this screen, push ui->next */
	UI_POP,                   /* close this screen */
	UI_REPLACE_OWNER,         /* close this overlay and the screen beneath
	                           * it, push ui->next */
	UI_QUIT
};

struct ui;
struct ui_screen;

struct ui_screen_ops {
	const char *name;         /* msgid: the screen's name in the help */
	bool overlay;             /* drawn over the screen beneath it */
	const struct ui_binding *keys;
	size_t n_keys;
	/* Draws the body (rows 0..LINES-3); the loop adds status and key bar. */
	void (*draw)(struct ui_screen *s, struct ui *ui);
	/* act is the action bound to the key on this screen, or UI_ACT_NONE;
	 * ch is the key itself (UI_FK() for function keys). */
	enum ui_reaction (*key)(struct ui_screen *s, struct ui *ui,
	                        enum ui_action act, int ch);
	/* The screen becomes the top one (pushed, or uncovered): reload. */
	void (*enter)(struct ui_screen *s, struct ui *ui);
	/* Another screen covers it. */
	void (*leave)(struct ui_screen *s, struct ui *ui);
	/* The terminal changed size: clamp scroll positions. */
	void (*resize)(struct ui_screen *s, struct ui *ui);
	/* Whether typed characters go to a text field now (q, ? are text). */
	bool (*typing)(const struct ui_screen *s);
	void (*destroy)(struct ui_screen *s);
};

struct ui_screen {
	const struct ui_screen_ops *ops;
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
	struct ui_screen *next;   /* for UI_PUSH / UI_REPLACE */
	int cur_y, cur_x;         /* text cursor after drawing; -1: hidden */
	struct ui_screen *stack[UI_STACK_MAX];
	int depth;
	/* The key codes curses returns for the start and end markers of
	 * bracketed paste (0: not recognised). */
	int paste_begin, paste_end;
};

/* Status line messages. */
void ui_msg(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows the store's message for a failed call. */
void ui_store_error(struct ui *ui, enum store_err err);
/* Puts "Saving..." on the status line of the terminal at once, before a
 * store write that may wait for another program's lock (up to the busy
 * timeout).  ui->msg is left alone: the next full draw shows the screen's
 * own status, or the error the failed write left there. */
void ui_saving(struct ui *ui);
/* Refuses a write on a read-only database: true (and a message) when so. */
bool ui_refuse_readonly(struct ui *ui);
/* Sets ui->next and returns how to get there (UI_REDRAW when s is NULL:
 * the constructor has put the reason on the status line). */
enum ui_reaction ui_push(struct ui *ui, struct ui_screen *s);
enum ui_reaction ui_replace(struct ui *ui, struct ui_screen *s);

/* ---- screens ------------------------------------------------------------ */
struct ui_screen *ui_portfolio_new(struct ui *ui);
struct ui_screen *ui_history_new(struct ui *ui, long long company_id);
struct ui_screen *ui_form_new(struct ui *ui, long long assessment_id);
struct ui_screen *ui_result_new(struct ui *ui, long long assessment_id);
/* from = to = 0: the latest final assessment against the one before. */
struct ui_screen *ui_compare_new(struct ui *ui, long long company_id,
                                 long long from, long long to);
struct ui_screen *ui_help_new(struct ui *ui, const struct ui_screen *of);

/* A one-line text prompt drawn over the current screen.  done() gets the
 * text (malloc'd by the caller's view: valid during the call) and returns
 * UI_POP to close the prompt, UI_REDRAW to keep it open (e.g. after an
 * error on the status line) or UI_REPLACE to close it and open ui->next. */
typedef enum ui_reaction (*ui_prompt_fn)(struct ui *ui, void *owner, const char *text);
struct ui_screen *ui_prompt_new(struct ui *ui, const char *label, const char *initial,
                                size_t max_chars, ui_prompt_fn done, void *owner);

/* A question with the answers in keys (actions), drawn over the screen;
 * chosen() returns like a prompt's done(). */
typedef enum ui_reaction (*ui_choice_fn)(struct ui *ui, void *owner, enum ui_action act);
struct ui_screen *ui_choice_new(struct ui *ui, const char *message,
                                const struct ui_binding *keys, size_t n_keys,
                                ui_choice_fn chosen, void *owner);
/* A yes/no question. */
struct ui_screen *ui_confirm_new(struct ui *ui, const char *message,
                                 ui_choice_fn chosen, void *owner);

/* ---- shared operations ---------------------------------------------------- */
/* What an asking screen keeps for a question it opened (the question's
 * answer arrives after the key handler has returned). */
struct ui_pending {
	long long id;             /* company or assessment */
	bool recheck;             /* starting: from the last final answers */
};
/* Starts (or resumes) an assessment of company p->id and opens the form.
 * A new assessment first asks for the assessor (prefilled with the last
 * one named for the company; Esc starts nothing); an open draft is
 * resumed without asking.  p belongs to the calling screen. */
enum ui_reaction ui_start_assessment(struct ui *ui, struct ui_pending *p);
/* Asks why the final assessment p->id is reopened, reopens it and opens
 * the form in place of the question. */
enum ui_reaction ui_reopen_ask(struct ui *ui, struct ui_pending *p);
/* Asks for the assessor (summary false) or the summary note of a, with the
 * current text to edit, and saves it; a final assessment is refused with
 * the advice to reopen it first.  The screen beneath is entered again
 * afterwards, so it reloads.  p->id is set to a's id. */
enum ui_reaction ui_meta_ask(struct ui *ui, const struct assessment *a, bool summary,
                             struct ui_pending *p);
/* Asks for a format, then writes a report next to the user; the full path
 * goes to the status line.  write() produces the report. */
typedef int (*ui_report_fn)(FILE *out, enum report_format fmt, void *ctx);
struct ui_export {
	struct company company;   /* owned by the caller */
	struct assessment assessment;
	bool comparison;
	ui_report_fn write;
	void *ctx;
};
/* Fills ex and asks for the format; ex belongs to the calling screen. */
enum ui_reaction ui_export_ask(struct ui *ui, struct ui_export *ex, const struct company *c,
                               const struct assessment *a, bool comparison,
                               ui_report_fn write, void *ctx);

#endif
