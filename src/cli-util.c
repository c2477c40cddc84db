/*
 * cli-util.c - messages, usage errors, help and the store-error-to-exit-
 * status mapping shared by the command-line verbs (see cli-util.h).
 */
#include "config.h"

#include "cli-util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "assess.h"
#include "json-write.h"
#include "cli.h"
#include "report.h"
#include "i18n.h"
#include "settings.h"
#include "text.h"

void cli_vmsg(const char *fmt, va_list ap)
{
	fputs("smready: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmsg(fmt, ap);
	va_end(ap);
}

int cli_usage(const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Try 'smready %s --help'.\n"), verb);
	return EXIT_USAGE;
}

int cli_help(const char *text)
{
	fputs(_(text), stdout);
	return EXIT_OK;
}

int cli_exit_for(enum store_err err)
{
	switch (err) {
	case STORE_OK:
		return EXIT_OK;
	case STORE_BUSY:
		return EXIT_BUSY;
	case STORE_CORRUPT:
	case STORE_NOT_DB:
	case STORE_NEWER:
	case STORE_GONE:
		return EXIT_DB;
	default:
		return EXIT_FAIL;
	}
}

int cli_store_fail(struct store *st, enum store_err err)
{
	const char *msg = store_error(st);
	char buf[4 * CLI_PRINTABLE_SIZE];

	if (err == STORE_READONLY)
		cli_msg(_("The database %s is open read-only; nothing was changed."), store_path(st));
	else if (msg && *msg)
		/* The message may quote what the user typed (a reference that
		 * matched nothing), so it is made printable as a whole. */
		cli_msg("%s", text_printable(buf, sizeof buf, msg));
	else
		cli_msg("%s", _("The database operation failed."));
	/* a server gone away is the database's trouble, whatever the verb
	 * made of it */
	return store_online(st) ? cli_exit_for(err) : EXIT_DB;
}

bool cli_output_is_database(struct store *st, const char *path)
{
	if (!st || !path || strcmp(path, "-") == 0 || !store_owns_file(st, path))
		return false;
	cli_msg(_("%s is the database itself; write the output to another file."), path);
	return true;
}

/* ---- output ---------------------------------------------------------------- */

/* Says that writing to path (NULL or "-": standard output) failed. */
int cli_write_fail(const char *path)
{
	if (path && strcmp(path, "-") != 0)
		cli_msg(_("Cannot write %s: %s"), path, strerror(errno));
	else
		cli_msg(_("Cannot write the output: %s"), strerror(errno));
	return EXIT_FAIL;
}

/* Prints a plain-text table on stdout and frees it. */
int cli_table_print(struct report_table *t)
{
	int rc = report_table_print(t, stdout, 0) == 0 ? EXIT_OK : cli_write_fail(NULL);

	report_table_free(t);
	return rc;
}

/* ---- JSON output --------------------------------------------------------- */

/* The depth of v's nesting: 0 for a scalar. */
static int json_depth(json_t *v)
{
	int deepest = 0;
	const char *key;
	json_t *m;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, key, m) {
			int d = json_depth(m);

			deepest = d > deepest ? d : deepest;
		}
		return deepest + 1;
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, m) {
			int d = json_depth(m);

			deepest = d > deepest ? d : deepest;
		}
		return deepest + 1;
	}
	return 0;
}

/* Writes the tree v through w: the same text as jansson's (json-write.h),
 * but jansson's own writer cost more than building the tree. */
static void jw_tree(struct jw *w, json_t *v)
{
	const char *key;
	json_t *m;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jw_object(w);
		json_object_foreach(v, key, m) {
			jw_key(w, key);
			jw_tree(w, m);
		}
		jw_close(w);
		break;
	case JSON_ARRAY:
		jw_array(w);
		json_array_foreach(v, i, m)
			jw_tree(w, m);
		jw_close(w);
		break;
	case JSON_STRING:
		jw_str(w, json_string_value(v), false);
		break;
	case JSON_INTEGER:
		jw_int(w, json_integer_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jw_bool(w, json_is_true(v));
		break;
	case JSON_NULL:
		jw_null(w);
		break;
	case JSON_REAL:             /* none of the program's: refused */
		w->failed = true;
		break;
	}
}

int cli_json_print(json_t *root, FILE *out)
{
	int rc = EXIT_OK;
	struct jw w;
	bool ok = false;

	if (root && json_depth(root) <= JW_DEPTH) {
		jw_start(&w, out, 2);
		jw_tree(&w, root);
		ok = jw_end(&w);
	} else if (root) {
		ok = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	}
	if (!ok || fputc('\n', out) == EOF) {
		cli_msg("%s", _("Could not write the JSON output."));
		rc = EXIT_FAIL;
	}
	json_decref(root);
	return rc;
}

/* ---- lookups and checks ---------------------------------------------------- */

/* Reports a failed lookup: for STORE_NOT_FOUND the message fmt (which
 * names the user's reference, made printable by the caller), else the
 * store's error.  Returns the exit status. */
int cli_lookup_fail(struct store *st, enum store_err err, const char *fmt, ...)
{
	va_list ap;

	if (err != STORE_NOT_FOUND)
		return cli_store_fail(st, err);
	va_start(ap, fmt);
	cli_vmsg(fmt, ap);
	va_end(ap);
	return EXIT_FAIL;
}

int cli_find_company(struct store *st, const char *ref, struct company *c)
{
	enum store_err err;

	memset(c, 0, sizeof *c);
	err = store_company_lookup(st, ref, c);
	if (err != STORE_OK) {
		char shown[CLI_PRINTABLE_SIZE];

		if (*ref && strspn(ref, "0123456789") == strlen(ref))
			return cli_lookup_fail(st, err, _("There is no company \"%s\"; a company's "
			                                  "number is written with #, as in #%s."),
			                       ref, ref);
		return cli_lookup_fail(st, err, _("There is no company \"%s\"; 'smready companies "
		                              "--all' lists them."),
		                   text_printable(shown, sizeof shown, ref));
	}
	return EXIT_OK;
}

/* The open draft of the company named ref, for cli_find_draft(). */
static int cli_find_company_draft(struct store *st, const char *ref, struct assessment *a)
{
	struct company c;
	enum store_err err;

	memset(&c, 0, sizeof c);
	err = store_company_lookup(st, ref, &c);
	if (err != STORE_OK) {
		char shown[CLI_PRINTABLE_SIZE];
		return cli_lookup_fail(st, err, _("There is no assessment or company \"%s\"."),
		                   text_printable(shown, sizeof shown, ref));
	}
	err = store_assessment_draft(st, c.id, a);
	if (err == STORE_NOT_FOUND)
		cli_msg(_("\"%s\" has no open draft; start one with 'smready assess \"%s\"'."),
		        c.name, c.name);
	store_company_clear(&c);
	if (err == STORE_NOT_FOUND)
		return EXIT_FAIL;
	return err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
}

/* An assessment to change: its number or UUID, or a company name meaning
 * that company's open draft. */
int cli_find_draft(struct store *st, const char *ref, struct assessment *a)
{
	enum store_err err;
	int rc;

	memset(a, 0, sizeof *a);
	err = store_assessment_find(st, ref, a);
	if (err == STORE_NOT_FOUND) {
		if ((rc = cli_find_company_draft(st, ref, a)) != EXIT_OK)
			return rc;
	} else if (err != STORE_OK) {
		return cli_store_fail(st, err);
	}
	if (a->status == ASSESS_FINAL) {
		cli_msg(_("Assessment %lld is final; to change it, reopen it first with "
		          "'smready reopen %lld --reason TEXT'."), a->id, a->id);
		store_assessment_clear(a);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Checks an item key against the built-in questionnaire (the one drafts use). */
int cli_check_key(const char *verb, const char *key)
{
	char shown[CLI_PRINTABLE_SIZE];

	if (catalogue_item_lookup(catalogue_builtin(), key) < 0)
		return cli_usage(verb, _("Unknown question key \"%s\"; 'smready questions' lists "
		                         "the keys."), text_printable(shown, sizeof shown, key));
	return EXIT_OK;
}

/* The draft ref whose questionnaire has the question key (answer, note). */
int cli_find_draft_item(struct store *st, const char *ref, const char **key,
                        struct assessment *a)
{
	const struct catalogue *cat;
	int rc, idx;

	if ((rc = cli_find_draft(st, ref, a)) != EXIT_OK)
		return rc;
	cat = catalogue_find(a->questionnaire, a->qversion);
	if (!cat)
		return EXIT_OK;       /* the store says what it cannot take */
	idx = catalogue_item_lookup(cat, *key);
	if (idx < 0) {
		char shown[CLI_PRINTABLE_SIZE];
		cli_msg(_("The questionnaire of assessment %lld has no question \"%s\"."), a->id,
		        text_printable(shown, sizeof shown, *key));
		store_assessment_clear(a);
		return EXIT_USAGE;
	}
	*key = cat->items[idx].key;
	return EXIT_OK;
}

/* The assessment a user's reference means (see assess_resolve()). */
int cli_resolve(struct store *st, const char *ref, long long *id)
{
	enum store_err err = assess_resolve(st, ref, id);

	return err == STORE_OK ? EXIT_OK : cli_store_fail(st, err);
}

/* Parses an answer: 0..4, "dk"/"dont-know"/"don't-know", "none". */
bool cli_parse_value(const char *s, int *v)
{
	if (s[0] >= '0' && s[0] <= '4' && s[1] == '\0') {
		*v = s[0] - '0';
		return true;
	}
	if (strcmp(s, "dk") == 0 || strcmp(s, "dont-know") == 0 || strcmp(s, "don't-know") == 0 ||
	    strcmp(s, "?") == 0) {
		*v = ANSWER_DONT_KNOW;
		return true;
	}
	if (strcmp(s, "none") == 0) {
		*v = ANSWER_UNANSWERED;
		return true;
	}
	return false;
}

/* A one-line text field; what names it ("The company name"). */
int cli_check_line(const char *what, const char *s, size_t max, bool allow_empty)
{
	enum text_check c = text_check_line(s, max, allow_empty);

	if (c == TEXT_OK)
		return EXIT_OK;
	if (c == TEXT_TOO_LONG)
		/* TRANSLATORS: e.g. "The company name is too long (at most 120 characters)." */
		cli_msg(P_("%s %s (at most %zu character).", "%s %s (at most %zu characters).", max),
		        what, _(text_check_message(c)), max);
	else
		/* TRANSLATORS: e.g. "The company name is not valid UTF-8." */
		cli_msg(_("%s %s."), what, _(text_check_message(c)));
	return EXIT_FAIL;
}

/* A note: several lines, may be empty. */
int cli_check_note(const char *what, const char *s)
{
	enum text_check c = text_check_note(s, TEXT_NOTE_MAX);
	char why[128];

	if (c == TEXT_OK)
		return EXIT_OK;
	cli_msg(_("%s %s."), what, text_check_say(c, TEXT_NOTE_MAX, why, sizeof why));
	return EXIT_FAIL;
}

bool cli_confirm(const char *question)
{
	char line[64];
	/* TRANSLATORS: the letter that answers "yes" to a y/N question. */
	const char *yes = _("y");

	fprintf(stderr, "%s ", question);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y' || (yes[0] && line[0] == yes[0]) ||
	       (yes[0] >= 'a' && yes[0] <= 'z' && line[0] == yes[0] - 'a' + 'A');
}


static void settings_warn(void *ctx, const char *file, int line, const char *msg)
{
	char shown[CLI_PRINTABLE_SIZE], what[CLI_PRINTABLE_SIZE];

	(void)ctx;
	text_printable(shown, sizeof shown, file);
	text_printable(what, sizeof what, msg);
	if (line > 0)
		cli_msg("%s:%d: %s", shown, line, what);
	else
		cli_msg("%s: %s", shown, what);
}

void cli_load_settings(struct settings *s)
{
	settings_load(s, NULL, settings_warn, NULL);
}
