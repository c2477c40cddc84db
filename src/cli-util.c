#include "config.h"

#include "cli-util.h"

/*
 * cli-util.c - messages, usage errors, help and the store-error-to-exit-
 * status mapping shared by the command-line verbs (see cli-util.h).
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "i18n.h"
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
		cli_msg("%s", cli_printable(buf, sizeof buf, msg));
	else
		cli_msg("%s", _("The database operation failed."));
	return cli_exit_for(err);
}

bool cli_output_is_database(struct store *st, const char *path)
{
	static const char *const companions[] = { "", "-wal", "-shm", "-journal" };
	const char *db = st ? store_path(st) : NULL;
	struct stat out, sb;

	if (!db || !path || strcmp(path, "-") == 0 || stat(path, &out) != 0)
		return false;
	for (size_t i = 0; i < sizeof companions / sizeof companions[0]; i++) {
		size_t n = strlen(db) + strlen(companions[i]) + 1;
		char *name = malloc(n);
		bool same;

		if (!name)
			return false;
		snprintf(name, n, "%s%s", db, companions[i]);
		same = stat(name, &sb) == 0 && sb.st_dev == out.st_dev && sb.st_ino == out.st_ino;
		free(name);
		if (same) {
			cli_msg(_("%s is the database itself; write the output to another file."), path);
			return true;
		}
	}
	return false;
}

/* Length of the UTF-8 character at s (n bytes left) when it is valid and
 * printable, else 0. */
static size_t printable_char(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] < 0x20 || s[0] == 0x7f)
		return 0;
	if (s[0] < 0x80)
		return 1;
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	if (len > n || !text_utf8_valid((const char *)s, len))
		return 0;
	/* U+0080..U+009F: the C1 controls, which some terminals obey. */
	if (s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	return len;
}

const char *cli_printable(char *buf, size_t bufsz, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), out = 0;

	if (bufsz < 8) {
		if (bufsz)
			buf[0] = '\0';
		return buf;
	}
	while (*p) {
		size_t len = printable_char(p, n);
		size_t need = len ? len : 4;

		/* Keeps room for "..." and the terminating NUL. */
		if (out + need + 4 > bufsz) {
			memcpy(buf + out, "...", 3);
			out += 3;
			break;
		}
		if (len)
			memcpy(buf + out, p, len);
		else
			snprintf(buf + out, 5, "\\x%02x", *p);
		out += need;
		p += len ? len : 1;
		n -= len ? len : 1;
	}
	buf[out] = '\0';
	return buf;
}
