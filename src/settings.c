/*
 * settings.c - the settings file: a reader of "key = value" lines that
 * names the file and line of every problem and keeps the default for it,
 * and a writer that changes values in place and keeps everything else.
 */
#include "config.h"

#include "settings.h"

#include <errno.h>
#include <stdarg.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attr.h"
#include "i18n.h"

enum key_id {
	K_CONSULTANT, K_FIRM, K_CONTACT, K_LOGO, K_ASSESSOR, K_RECHECK, K_PAPER,
	K_ACCENT, K_ALERT, K_GOOD, K_COUNT
};

/* The keys, and the American spelling of the colours as a second name. */
static const struct {
	const char *name, *alias;
} keys[K_COUNT] = {
	[K_CONSULTANT] = { "consultant", NULL },
	[K_FIRM] = { "firm", NULL },
	[K_CONTACT] = { "contact", NULL },
	[K_LOGO] = { "logo", NULL },
	[K_ASSESSOR] = { "assessor", NULL },
	[K_RECHECK] = { "recheck", NULL },
	[K_PAPER] = { "paper", NULL },
	[K_ACCENT] = { "accent_colour", "accent_color" },
	[K_ALERT] = { "alert_colour", "alert_color" },
	[K_GOOD] = { "good_colour", "good_color" },
};

void settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->recheck_days = SETTINGS_RECHECK_DAYS;
	s->paper = SETTINGS_PAPER_AUTO;
	strcpy(s->accent, "#2f6f9f");
	strcpy(s->alert, "#a00000");
	strcpy(s->good, "#146c2e");
}

char *settings_path(void)
{
	const char *env = getenv("SMREADY_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *path;
	size_t n;

	if (env && *env)
		return strdup(env);
	if (xdg && xdg[0] == '/') {
		n = strlen(xdg) + sizeof "/smready/config";
		if ((path = malloc(n)))
			snprintf(path, n, "%s/smready/config", xdg);
		return path;
	}
	if (home && *home) {
		n = strlen(home) + sizeof "/.config/smready/config";
		if ((path = malloc(n)))
			snprintf(path, n, "%s/.config/smready/config", home);
		return path;
	}
	return NULL;
}

/* ---- values ---------------------------------------------------------------- */

static int key_lookup(const char *k, size_t n)
{
	int i;

	for (i = 0; i < K_COUNT; i++) {
		if (strlen(keys[i].name) == n && strncmp(keys[i].name, k, n) == 0)
			return i;
		if (keys[i].alias && strlen(keys[i].alias) == n && strncmp(keys[i].alias, k, n) == 0)
			return i;
	}
	return -1;
}

static bool word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncasecmp(*list, w, n) == 0)
			return true;
	return false;
}

bool settings_parse_interval(const char *text, int *days)
{
	static const char *const day_w[] = { "d", "day", "days", "Tag", "Tage", NULL };
	static const char *const week_w[] = { "w", "week", "weeks", "Woche", "Wochen", NULL };
	static const char *const month_w[] = { "month", "months", "Monat", "Monate", NULL };
	static const char *const quarter_w[] = { "quarter", "quarters", "Quartal", "Quartale",
	                                         NULL };
	static const char *const year_w[] = { "year", "years", "Jahr", "Jahre", NULL };
	static const char *const one_w[] = { "a", "an", "one", "ein", "eine", "einen", NULL };
	const char *p = text, *w;
	long count;
	double d;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p >= '0' && *p <= '9') {
		char *end;

		errno = 0;
		count = strtol(p, &end, 10);
		if (errno || count < 1 || count > SETTINGS_RECHECK_MAX)
			return false;
		p = end;
	} else {
		n = strcspn(p, " \t");
		if (!word_is(p, n, one_w))
			return false;
		count = 1;
		p += n;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	w = p;
	n = strcspn(p, " \t");
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return false;
	if (n == 0 || word_is(w, n, day_w))
		d = (double)count;
	else if (word_is(w, n, week_w))
		d = count * 7.0;
	else if (word_is(w, n, month_w))
		d = count * 365.25 / 12.0;
	else if (word_is(w, n, quarter_w))
		d = count * 365.25 / 4.0;
	else if (word_is(w, n, year_w))
		d = count * 365.25;
	else
		return false;
	d += 0.5;
	if (d < 1 || d > SETTINGS_RECHECK_MAX + 0.5)
		return false;
	*days = (int)d;
	return true;
}

static bool parse_colour(const char *v, char out[8])
{
	size_t n = strlen(v), i;

	if (v[0] != '#' || (n != 4 && n != 7))
		return false;
	for (i = 1; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", v[i]))
			return false;
	if (n == 4)
		snprintf(out, 8, "#%c%c%c%c%c%c", v[1], v[1], v[2], v[2], v[3], v[3]);
	else
		memcpy(out, v, 8);
	for (i = 1; i < 7; i++)
		if (out[i] >= 'A' && out[i] <= 'F')
			out[i] = (char)(out[i] - 'A' + 'a');
	return true;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcasecmp(s + a - b, tail) == 0;
}

/* The logo's path: "~/" is the home directory, a relative path is taken
 * from the settings file's directory. */
static bool logo_path(const char *v, const char *file, char *out, size_t outsz)
{
	const char *home = getenv("HOME");
	const char *slash = file ? strrchr(file, '/') : NULL;
	int n;

	if (!ends_with(v, ".png") && !ends_with(v, ".svg"))
		return false;
	if (v[0] == '~' && v[1] == '/' && home && *home)
		n = snprintf(out, outsz, "%s/%s", home, v + 2);
	else if (v[0] == '/' || !slash)
		n = snprintf(out, outsz, "%s", v);
	else
		n = snprintf(out, outsz, "%.*s/%s", (int)(slash - file), file, v);
	return n > 0 && (size_t)n < outsz;
}

static bool set_text(char *dst, size_t dstsz, const char *v)
{
	enum text_check c = text_check_line(v, TEXT_FIELD_MAX, true);

	if (c != TEXT_OK && c != TEXT_EMPTY)
		return false;
	snprintf(dst, dstsz, "%s", v);
	return true;
}

/* Sets key k from v; NULL, or the untranslated reason why v is refused. */
static const char *set_value(struct settings *s, int k, const char *v, const char *file)
{
	switch ((enum key_id)k) {
	case K_CONSULTANT: return set_text(s->consultant, sizeof s->consultant, v) ? NULL
	                   : N_("the text is too long or holds control characters");
	case K_FIRM: return set_text(s->firm, sizeof s->firm, v) ? NULL
	             : N_("the text is too long or holds control characters");
	case K_CONTACT: return set_text(s->contact, sizeof s->contact, v) ? NULL
	                : N_("the text is too long or holds control characters");
	case K_ASSESSOR: return set_text(s->assessor, sizeof s->assessor, v) ? NULL
	                 : N_("the text is too long or holds control characters");
	case K_LOGO:
		if (!*v) {
			s->logo[0] = '\0';
			return NULL;
		}
		return logo_path(v, file, s->logo, sizeof s->logo) ? NULL
		       : N_("a logo is the path of a .png or .svg file");
	case K_RECHECK:
		return settings_parse_interval(v, &s->recheck_days) ? NULL
		       : N_("write the interval as \"91 days\", \"13 weeks\" or \"3 months\"");
	case K_PAPER:
		if (strcasecmp(v, "a4") == 0)
			s->paper = SETTINGS_PAPER_A4;
		else if (strcasecmp(v, "letter") == 0)
			s->paper = SETTINGS_PAPER_LETTER;
		else if (strcasecmp(v, "auto") == 0)
			s->paper = SETTINGS_PAPER_AUTO;
		else
			return N_("the paper is a4, letter or auto");
		return NULL;
	case K_ACCENT: return parse_colour(v, s->accent) ? NULL
	               : N_("a colour is written as #rrggbb, e.g. #2f6f9f");
	case K_ALERT: return parse_colour(v, s->alert) ? NULL
	              : N_("a colour is written as #rrggbb, e.g. #2f6f9f");
	case K_GOOD: return parse_colour(v, s->good) ? NULL
	             : N_("a colour is written as #rrggbb, e.g. #2f6f9f");
	case K_COUNT: break;
	}
	return N_("unknown setting");
}

/* ---- lines ----------------------------------------------------------------- */

/* One line split into key and value, both trimmed; a value in double
 * quotes loses them.  False when the line is blank or a comment. */
struct line {
	const char *start, *end;      /* the line without its line break */
	const char *key;              /* NULL: no '=' */
	size_t key_len;
	const char *val;              /* after '=' (trimmed) */
	size_t val_len;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool line_split(const char *p, const char *end, struct line *l)
{
	const char *eq, *k, *ke;

	l->start = p;
	l->end = end;
	l->key = NULL;
	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p == '#')
		return false;
	eq = memchr(p, '=', (size_t)(end - p));
	if (!eq)
		return true;
	k = p;
	ke = eq;
	while (ke > k && is_blank(ke[-1]))
		ke--;
	l->key = k;
	l->key_len = (size_t)(ke - k);
	p = eq + 1;
	while (p < end && is_blank(*p))
		p++;
	while (end > p && (is_blank(end[-1]) || end[-1] == '\r'))
		end--;
	if (end - p >= 2 && *p == '"' && end[-1] == '"') {
		p++;
		end--;
	}
	l->val = p;
	l->val_len = (size_t)(end - p);
	return true;
}

static void warn_at(settings_warn_fn warn, void *ctx, const char *file, int line,
                    const char *fmt, ...) PRINTF_LIKE(5, 6);
static void warn_at(settings_warn_fn warn, void *ctx, const char *file, int line,
                    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn(ctx, file, line, msg);
}

int settings_parse(struct settings *s, const char *text, size_t len, const char *file,
                   settings_warn_fn warn, void *ctx)
{
	const char *p = text, *end = text + len;
	int lineno = 0, problems = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		struct line l;
		char key[64], *val;
		const char *why;
		int k;

		lineno++;
		if (!line_split(p, le, &l))
			goto next;
		if (!text_utf8_valid(l.start, (size_t)(l.end - l.start))) {
			warn_at(warn, ctx, file, lineno, "%s", _("the line is not valid UTF-8; it is ignored"));
			problems++;
			goto next;
		}
		if (!l.key) {
			warn_at(warn, ctx, file, lineno, "%s",
			        _("expected \"key = value\"; the line is ignored"));
			problems++;
			goto next;
		}
		snprintf(key, sizeof key, "%.*s", (int)(l.key_len < 60 ? l.key_len : 60), l.key);
		k = key_lookup(l.key, l.key_len);
		if (k < 0) {
			warn_at(warn, ctx, file, lineno,
			        _("unknown setting \"%s\"; it is ignored"), key);
			problems++;
			goto next;
		}
		val = strndup(l.val, l.val_len);
		if (!val) {
			problems++;
			goto next;
		}
		why = set_value(s, k, val, file);
		free(val);
		if (why) {
			char msg[400];

			snprintf(msg, sizeof msg, _("bad value for \"%s\": %s; the default is kept"),
			         keys[k].name, _(why));
			if (warn)
				warn(ctx, file, lineno, msg);
			problems++;
		}
next:
		p = nl ? nl + 1 : end;
	}
	return problems;
}

int settings_load(struct settings *s, const char *path, settings_warn_fn warn, void *ctx)
{
	char *own = NULL, *buf;
	size_t n;
	int problems;
	FILE *f;

	settings_init(s);
	if (!path)
		path = own = settings_path();
	if (!path)
		return 0;
	f = fopen(path, "r");
	if (!f) {
		problems = errno == ENOENT ? 0 : 1;
		if (problems)
			warn_at(warn, ctx, path, 0, _("cannot be read: %s"), strerror(errno));
		free(own);
		return problems;
	}
	buf = malloc(SETTINGS_FILE_MAX + 1);
	n = buf ? fread(buf, 1, SETTINGS_FILE_MAX + 1, f) : 0;
	fclose(f);
	if (!buf || n > SETTINGS_FILE_MAX) {
		char lim[32];

		snprintf(lim, sizeof lim, "%d", SETTINGS_FILE_MAX / 1024);
		warn_at(warn, ctx, path, 0, _("is larger than %s KiB; it is not read"), lim);
		free(buf);
		free(own);
		return 1;
	}
	problems = settings_parse(s, buf, n, path, warn, ctx);
	if (s->logo[0] && access(s->logo, R_OK) != 0) {
		char msg[SETTINGS_PATH_SIZE + 128];

		snprintf(msg, sizeof msg, _("the logo %s cannot be read: %s"), s->logo,
		         strerror(errno));
		if (warn)
			warn(ctx, path, 0, msg);
		s->logo[0] = '\0';
		problems++;
	}
	free(buf);
	free(own);
	return problems;
}

/* ---- paper ----------------------------------------------------------------- */

enum settings_paper settings_paper_for_locale(const char *locale)
{
	static const char *const letter[] = { "_US", "_CA", "_MX", "_PH", "_CL", "_CO" };
	size_t i;

	if (!locale)
		return SETTINGS_PAPER_A4;
	for (i = 0; i < sizeof letter / sizeof letter[0]; i++) {
		const char *p = strstr(locale, letter[i]);
		if (p && (p[3] == '\0' || p[3] == '.' || p[3] == '@'))
			return SETTINGS_PAPER_LETTER;
	}
	return SETTINGS_PAPER_A4;
}

enum settings_paper settings_paper(const struct settings *s)
{
	if (s && s->paper != SETTINGS_PAPER_AUTO)
		return s->paper;
#ifdef LC_PAPER
	return settings_paper_for_locale(setlocale(LC_PAPER, NULL));
#else
	return settings_paper_for_locale(setlocale(LC_MESSAGES, NULL));
#endif
}

/* ---- writing back ---------------------------------------------------------- */

struct strbuf {
	char *s;
	size_t n, cap;
	bool failed;
};

static void sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *ns = realloc(b->s, cap);
		if (!ns) {
			b->failed = true;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_str(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* A value as written: quoted when the reader would take its quotes off. */
static void sb_value(struct strbuf *b, const char *v)
{
	size_t n = strlen(v);
	bool quote = n >= 2 && v[0] == '"' && v[n - 1] == '"';

	if (quote)
		sb_str(b, "\"");
	sb_str(b, v);
	if (quote)
		sb_str(b, "\"");
}

char *settings_rewrite(const char *text, const char *const *keyv, const char *const *values,
                       int n)
{
	const char *p, *end = text + strlen(text);
	const char **last = calloc((size_t)(n > 0 ? n : 1), sizeof *last);
	struct strbuf b = { NULL, 0, 0, false };
	int i;

	if (!last)
		return NULL;
	/* Where each key is set last: that line counts, so it is changed. */
	for (p = text; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		struct line l;

		if (line_split(p, le, &l) && l.key)
			for (i = 0; i < n; i++) {
				int k = key_lookup(keyv[i], strlen(keyv[i]));
				int lk = key_lookup(l.key, l.key_len);
				if (k >= 0 ? k == lk : (l.key_len == strlen(keyv[i]) &&
				                        strncmp(l.key, keyv[i], l.key_len) == 0))
					last[i] = p;
			}
		p = nl ? nl + 1 : end;
	}
	sb_str(&b, "");
	for (p = text; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		bool done = false;

		for (i = 0; i < n && !done; i++) {
			if (last[i] != p)
				continue;
			{
				struct line l;
				line_split(p, le, &l);
				sb_add(&b, p, (size_t)(l.key + l.key_len - p));
				sb_str(&b, " = ");
				sb_value(&b, values[i]);
				if (le > p && le[-1] == '\r')
					sb_str(&b, "\r");
			}
			done = true;
		}
		if (!done)
			sb_add(&b, p, (size_t)(le - p));
		if (nl)
			sb_str(&b, "\n");
		p = nl ? nl + 1 : end;
	}
	for (i = 0; i < n; i++) {
		if (last[i])
			continue;
		if (b.n > 0 && b.s[b.n - 1] != '\n')
			sb_str(&b, "\n");
		sb_str(&b, keyv[i]);
		sb_str(&b, " = ");
		sb_value(&b, values[i]);
		sb_str(&b, "\n");
	}
	free(last);
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Creates the directories above path, as mkdir -p would (0700). */
static int make_parents(const char *path)
{
	char *dir = strdup(path), *p;

	if (!dir)
		return -1;
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

static const char new_file_head[] =
	"# smready settings: see \"man smready\", section FILES.\n"
	"# Lines are \"key = value\"; a line starting with # is a comment.\n";

int settings_save(const char *path, const char *const *keyv, const char *const *values, int n,
                  char *err, size_t errsz)
{
	char *old = NULL, *text, *tmp;
	size_t len = 0;
	FILE *f;
	int rc = -1;

	f = fopen(path, "r");
	if (f) {
		old = malloc(SETTINGS_FILE_MAX + 1);
		len = old ? fread(old, 1, SETTINGS_FILE_MAX, f) : 0;
		fclose(f);
		if (!old) {
			snprintf(err, errsz, "%s", strerror(ENOMEM));
			return -1;
		}
		old[len] = '\0';
	} else if (errno != ENOENT) {
		snprintf(err, errsz, "%s", strerror(errno));
		return -1;
	}
	text = settings_rewrite(old ? old : new_file_head, keyv, values, n);
	free(old);
	tmp = malloc(strlen(path) + 8);
	if (!text || !tmp) {
		snprintf(err, errsz, "%s", strerror(ENOMEM));
		goto out;
	}
	sprintf(tmp, "%s.new", path);
	if (make_parents(path) != 0 || !(f = fopen(tmp, "w"))) {
		snprintf(err, errsz, "%s", strerror(errno));
		goto out;
	}
	if (fputs(text, f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		snprintf(err, errsz, "%s", strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errsz, "%s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(text);
	free(tmp);
	return rc;
}
