/*
 * ui-action.h - the one table of actions of the full-screen program: the
 * keys, the key bar labels and the help texts are all generated from it, so
 * they cannot drift apart.  A screen lists the actions it understands
 * (struct ui_binding); one key may mean different actions on different
 * screens, never two on one (tests/check_ui.c walks every screen).
 * Include <curses.h> before this header: the table names curses key codes.
 */
#ifndef SMREADY_UI_ACTION_H
#define SMREADY_UI_ACTION_H

#include <stdbool.h>
#include <stddef.h>

/* Function keys (KEY_*) are kept apart from characters by this bit, so a
 * character whose code equals a KEY_* value never triggers it. */
#define UI_FK(k) ((int)(k) | 0x40000000)
#define UI_ESC 27
/* A control character as the terminal sends it: UI_CTRL('L') is Ctrl-L. */
#define UI_CTRL(c) ((c) & 0x1f)

/*
 * X(ID, KEY, SECOND_KEY, BAR_LABEL, HELP_TEXT).  KEY is shown on the key
 * bar, both keys in the help screen; 0 means no second key.
 */
#define UI_ACTIONS(X) \
	X(QUIT,        'q', 0, N_("Quit"), N_("Quit smready (everything is saved already)")) \
	X(HELP,        '?', UI_FK(KEY_F(1)), N_("Help"), N_("Show the keys of this screen")) \
	X(BACK,        UI_ESC, UI_FK(KEY_LEFT), N_("Back"), N_("Go back to the previous screen")) \
	X(REFRESH,     UI_CTRL('L'), 0, N_("Refresh"), \
	  N_("Read the data of this screen again and draw it anew: what others changed appears")) \
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
	X(SORT,        's', 0, N_("Sort"), N_("Sort by name, score, change, due date or actions (cycles)")) \
	X(SEARCH,      '/', 0, N_("Search"), N_("Filter the list by typing part of a name or industry; Esc clears the filter")) \
	X(CLEAR_FILTER, UI_ESC, 0, N_("Clear filter"), N_("Clear the search filter and show every company")) \
	X(SAMPLE,      'S', 0, N_("Samples"), N_("Add the sample companies with their history")) \
	X(SETTINGS,    'c', 0, N_("Settings"), N_("Your name, firm, contact line and logo for the reports, and the default assessor")) \
	X(CHANGE,      '\n', UI_FK(KEY_ENTER), N_("Edit"), N_("Change the highlighted setting")) \
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
	X(EXPORT,      'e', 0, N_("Export"), N_("Save a report file (PDF, Markdown, HTML or plain text)")) \
	X(OPEN_ASSESSMENT, '\n', UI_FK(KEY_ENTER), N_("Open"), N_("Show the result of a final assessment, or continue a draft")) \
	X(MARK,        ' ', 0, N_("Mark"), N_("Mark this assessment for a comparison (again to unmark)")) \
	X(COMPARE,     'c', 0, N_("Compare"), N_("Compare the marked assessment with this one (default: the last two final ones)")) \
	X(REOPEN,      'o', 0, N_("Reopen"), N_("Turn a final assessment back into a draft (asks why)")) \
	X(DISCARD,     'D', UI_FK(KEY_DC), N_("Discard"), N_("Discard this draft with its answers (asks first)")) \
	X(ASSESSOR,    'a', 0, N_("Assessor"), N_("Change who makes this assessment (drafts only)")) \
	X(SUMMARY,     's', 0, N_("Summary"), N_("Write or change the summary note of the assessment (drafts only)")) \
	X(TOGGLE_UNCHANGED, 'u', 0, N_("Unchanged"), N_("Show or hide the items that did not change")) \
	X(EXPORT_PDF,  'p', 0, N_("PDF"), N_("Save the report as PDF, ready to hand over")) \
	X(EXPORT_MD,   'm', 0, N_("Markdown"), N_("Save the report as Markdown")) \
	X(EXPORT_HTML, 'w', 0, N_("HTML"), N_("Save the report as one HTML file")) \
	X(EXPORT_TEXT, 't', 0, N_("Text"), N_("Save the report as plain text")) \
	X(YES,         'y', 'j', N_("Yes"), N_("Yes, do it")) \
	X(NO,          'n', UI_ESC, N_("No"), N_("No, leave everything as it is")) \
	X(EDIT_SAVE,   '\n', UI_FK(KEY_ENTER), N_("Save"), N_("Keep what you typed")) \
	X(EDIT_CANCEL, UI_ESC, 0, N_("Cancel"), N_("Throw away what you typed")) \
	X(FILTER_KEEP, '\n', UI_FK(KEY_ENTER), N_("Keep filter"), \
	  N_("Stop typing; the list stays filtered (Esc on the list clears it)")) \
	X(FILTER_DROP, UI_ESC, 0, N_("Clear"), N_("Stop typing and show every company again")) \
	X(PLAN,        'p', 0, N_("Plan"), N_("Open the company's action plan")) \
	X(BUILD_PLAN,  'b', 0, N_("Plan it"), N_("Build the action plan from this result: accept, edit or skip each suggestion, add your own")) \
	X(SUGGEST,     'b', 0, N_("Suggestions"), N_("Suggest actions from the latest final assessment, to accept, edit or skip")) \
	X(ACTION_DONE, 'd', 0, N_("Done"), N_("Mark the action done (the date is kept)")) \
	X(ACTION_START, 's', 0, N_("In progress"), N_("Mark the action in progress (the date is kept)")) \
	X(ACTION_DROP, 'x', 0, N_("Drop"), N_("Drop the action: it will not be done (the date is kept)")) \
	X(ACTION_REOPEN, 'o', 0, N_("Reopen"), N_("Open a done or dropped action again")) \
	X(ACTION_OWNER, 'w', 0, N_("Owner"), N_("Change who does the action")) \
	X(ACTION_DUE,  't', 0, N_("Due"), N_("Change the due date: DD.MM.YYYY, YYYY-MM-DD or +days; empty removes it")) \
	X(ACTION_TITLE, 'e', 0, N_("Title"), N_("Change what the action says is to be done")) \
	X(ACTION_NOTE, 'n', 0, N_("Note"), N_("Write or change the action's note")) \
	X(ACTION_ADD,  'a', 0, N_("Add"), N_("Add an action of your own")) \
	X(SHOW_CLOSED, 'c', 0, N_("Closed"), N_("Show or hide the done and dropped actions")) \
	X(ACCEPT,      '\n', UI_FK(KEY_ENTER), N_("Accept"), N_("Accept the suggestion: it becomes an action of the plan")) \
	X(SKIP,        'x', 0, N_("Skip"), N_("Skip the suggestion (again to take it back)")) \
	X(QUIT_KEEP,   'q', 0, N_("Quit"), N_("Quit; the answers not saved stay in their file, for 'smready import'")) \
	X(RETRY,       'r', 0, N_("Try again"), N_("Try again to save the answers the server did not take")) \
	X(STAY,        UI_ESC, 0, N_("Stay"), N_("Go back to smready without quitting")) \
	X(SUGGEST_TITLE, 'e', 0, N_("Edit"), N_("Change the title of the suggestion, or of the action it became"))

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
/* The key shown for an action on the key bar and in questions: "0-4" for
 * the answers, and for "yes" the letter of the user's language. */
void ui_bar_key(enum ui_action act, bool utf8, char *buf, size_t bufsz);

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

/* The keys of a text being typed (a prompt, a note), unless the screen
 * names its own (ui_screen_ops.typing_keys). */
extern const struct ui_binding ui_typing_keys[2];

/* The action bound to key ch among keys[0..n), or UI_ACT_NONE. */
enum ui_action ui_binding_lookup(const struct ui_binding *keys, size_t n, int ch);

#endif
