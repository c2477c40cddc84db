/*
 * settings.h - the user's settings file: who hands the reports over (the
 * consultant, the firm, a contact line and a logo), the default assessor,
 * how long after an assessment the next re-check is due, the paper size
 * and the report colours.
 *
 * The file is ${XDG_CONFIG_HOME:-~/.config}/smready/config, or the file
 * SMREADY_CONFIG names: UTF-8 lines "key = value", '#' at the start of a
 * line for a comment.  Reading it is the only I/O of the parser; every
 * problem (an unknown key, a bad value) is handed to a callback with the
 * file and line, and the setting keeps its default.  A missing file is no
 * error.  Writing it back (settings_save) replaces the values of the keys
 * it is given and keeps every other line, comments and unknown keys too.
 */
#ifndef SMREADY_SETTINGS_H
#define SMREADY_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

#define SETTINGS_RECHECK_DAYS 91      /* a quarter */
#define SETTINGS_RECHECK_MAX 3660     /* ten years */
#define SETTINGS_TEXT_SIZE (TEXT_FIELD_MAX * 4 + 1)
#define SETTINGS_PATH_SIZE 4096
#define SETTINGS_FILE_MAX (64 * 1024) /* bytes read at most */

enum settings_paper {
	SETTINGS_PAPER_AUTO = 0,      /* from the locale: Letter in the US, else A4 */
	SETTINGS_PAPER_A4,
	SETTINGS_PAPER_LETTER
};

/* Every text is "" when not set. */
struct settings {
	char consultant[SETTINGS_TEXT_SIZE];
	char firm[SETTINGS_TEXT_SIZE];
	char contact[SETTINGS_TEXT_SIZE];
	char logo[SETTINGS_PATH_SIZE];     /* absolute path of a .png or .svg */
	char assessor[SETTINGS_TEXT_SIZE]; /* default assessor of a new assessment */
	int recheck_days;
	enum settings_paper paper;
	char accent[8];                    /* "#rrggbb": headings, bars */
	char alert[8];                     /* stop signs, what got worse */
	char good[8];                      /* what improved */
};

/* Receives one problem: the file, its line (0: the file as a whole) and
 * a translated message without either. */
typedef void (*settings_warn_fn)(void *ctx, const char *file, int line, const char *msg);

/* The defaults: nothing named, a quarter, the paper of the locale. */
void settings_init(struct settings *s);

/* The settings file's path: $SMREADY_CONFIG, else
 * $XDG_CONFIG_HOME/smready/config, else $HOME/.config/smready/config.
 * malloc'd; NULL when none of them is set. */
char *settings_path(void);

/* Reads the settings in text[0..len) into s (which holds the defaults or
 * earlier values); file names the text in messages.  Returns how many
 * problems were handed to warn (may be NULL). */
int settings_parse(struct settings *s, const char *text, size_t len, const char *file,
                   settings_warn_fn warn, void *ctx);

/* settings_init() and then the file at path (NULL: settings_path()).  A
 * missing file leaves the defaults and is no error.  Returns the number of
 * problems (an unreadable file is one). */
int settings_load(struct settings *s, const char *path, settings_warn_fn warn, void *ctx);

/* Parses a re-check interval: "91", "91 days", "13 weeks", "3 months",
 * "a quarter", "1 year" (also in German: "3 Monate", "1 Quartal").
 * A month is 365.25 / 12 days, rounded.  False when it is none of these or
 * outside 1..SETTINGS_RECHECK_MAX days. */
bool settings_parse_interval(const char *text, int *days);

/* The paper a locale name means: Letter for the US, Canada, Mexico, the
 * Philippines, Chile and Colombia, else A4; the C locale is A4. */
enum settings_paper settings_paper_for_locale(const char *locale);
/* s->paper, with AUTO resolved from the current LC_PAPER locale. */
enum settings_paper settings_paper(const struct settings *s);

/* The settings file text with the given keys set to the given values
 * (an empty value unsets it): the last line that sets a key is changed in
 * place, a key no line sets is added at the end, and every other line is
 * kept as it was.  malloc'd; NULL when out of memory. */
char *settings_rewrite(const char *text, const char *const *keys, const char *const *values,
                       int n);

/* settings_rewrite() applied to the file at path (created with its
 * directory when missing), written through a temporary file and renamed
 * into place.  0, or -1 with the reason in err. */
int settings_save(const char *path, const char *const *keys, const char *const *values, int n,
                  char *err, size_t errsz);

#endif
