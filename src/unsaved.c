/*
 * unsaved.c - answers kept while the database cannot take them (see
 * unsaved.h).
 */
#include "config.h"

#include "unsaved.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exchange.h"
#include "i18n.h"
#include "store-drv.h"

#define UNSAVED_PREFIX "unsaved-"

struct unsaved_draft {
	struct company company;
	struct assessment assessment;
	struct answer *answers;
	size_t n, cap;
};

void unsaved_init(struct unsaved *u)
{
	memset(u, 0, sizeof *u);
}

void unsaved_for(struct unsaved *u, const struct store *st)
{
	const char *where = store_path(st);
	char *real = where && !drv_is_pg_target(where) ? realpath(where, NULL) : NULL;
	unsigned long long h = 14695981039346656037ULL;    /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)(real ? real : where ? where : "");
	     *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	free(real);
	snprintf(u->tag, sizeof u->tag, "%016llx", h);
}

bool unsaved_is_ours(const struct unsaved *u, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(UNSAVED_PREFIX);

	base = base ? base + 1 : path;
	return u->tag[0] && strncmp(base, UNSAVED_PREFIX, n) == 0 &&
	       strncmp(base + n, u->tag, strlen(u->tag)) == 0 && base[n + strlen(u->tag)] == '-';
}

static void draft_free(struct unsaved_draft *d)
{
	store_company_clear(&d->company);
	store_assessment_clear(&d->assessment);
	for (size_t i = 0; i < d->n; i++) {
		free(d->answers[i].item_key);
		free(d->answers[i].note);
	}
	free(d->answers);
}

void unsaved_free(struct unsaved *u)
{
	for (size_t i = 0; i < u->n; i++)
		draft_free(&u->drafts[i]);
	free(u->drafts);
	free(u->file);
	unsaved_init(u);
}

static char *dup0(const char *s)
{
	return strdup(s ? s : "");
}

static bool copy_draft(struct unsaved_draft *d, const struct company *c,
                       const struct assessment *a)
{
	memset(d, 0, sizeof *d);
	d->company = *c;
	d->company.name = dup0(c->name);
	d->company.industry = dup0(c->industry);
	d->company.contact = dup0(c->contact);
	d->company.notes = dup0(c->notes);
	d->assessment = *a;
	d->assessment.questionnaire = dup0(a->questionnaire);
	d->assessment.assessor = dup0(a->assessor);
	d->assessment.summary = dup0(a->summary);
	/* kept apart from the server's history: a draft, started anew nowhere */
	d->assessment.based_on = 0;
	if (d->company.name && d->company.industry && d->company.contact && d->company.notes &&
	    d->assessment.questionnaire && d->assessment.assessor && d->assessment.summary)
		return true;
	draft_free(d);
	return false;
}

/* ---- the file ------------------------------------------------------------ */

/* The folder of the default database, where the files are kept. */
static char *keep_dir(void)
{
	char *p = store_default_path(), *slash;

	if (p && (slash = strrchr(p, '/')))
		*slash = '\0';
	return p;
}

static bool make_dir(const char *dir)
{
	char *p = strdup(dir);
	bool ok = p != NULL;

	for (char *s = p ? p + 1 : NULL; ok && s && *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		ok = mkdir(p, 0700) == 0 || errno == EEXIST;
		*s = '/';
	}
	ok = ok && (mkdir(p, 0700) == 0 || errno == EEXIST);
	free(p);
	return ok;
}

static bool name_file(struct unsaved *u)
{
	char *dir = keep_dir(), stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t n;

	if (!dir || !make_dir(dir)) {
		snprintf(u->why, sizeof u->why, _("Cannot create the folder %s: %s"),
		         dir ? dir : "$HOME", strerror(errno));
		free(dir);
		return false;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	n = strlen(dir) + sizeof UNSAVED_PREFIX + sizeof u->tag + strlen(stamp) + 32;
	u->file = malloc(n);
	if (u->file)
		snprintf(u->file, n, "%s/" UNSAVED_PREFIX "%s-%s-%ld.json", dir,
		         u->tag[0] ? u->tag : "0000000000000000", stamp, (long)getpid());
	free(dir);
	return u->file != NULL;
}

/* Replaces the file whole: written beside it, synced, renamed over it. */
static void write_file(struct unsaved *u, long long now)
{
	struct exchange_draft *d;
	size_t n;
	char *tmp;
	FILE *f;
	int fd;
	bool ok;

	u->why[0] = '\0';
	if (!u->file && !name_file(u))
		return;
	tmp = malloc(strlen(u->file) + 8);
	d = calloc(u->n ? u->n : 1, sizeof *d);
	if (!tmp || !d) {
		snprintf(u->why, sizeof u->why, "%s", _("Out of memory."));
		free(tmp);
		free(d);
		return;
	}
	n = strlen(u->file) + 8;
	snprintf(tmp, n, "%s.new", u->file);
	for (size_t i = 0; i < u->n; i++)
		d[i] = (struct exchange_draft){ &u->drafts[i].company, &u->drafts[i].assessment,
		                                u->drafts[i].answers, u->drafts[i].n };
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f && fd >= 0)
		close(fd);
	errno = 0;
	ok = f && exchange_write_drafts(f, d, u->n, now) && fflush(f) == 0 &&
	     fsync(fileno(f)) == 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, u->file) != 0)
		ok = false;
	if (!ok) {
		snprintf(u->why, sizeof u->why, _("Cannot write %s: %s"), u->file,
		         errno ? strerror(errno) : _("Out of memory."));
		unlink(tmp);
	}
	free(tmp);
	free(d);
}

static void drop_file(struct unsaved *u)
{
	if (u->file)
		unlink(u->file);
	free(u->file);
	u->file = NULL;
}

/* ---- keeping -------------------------------------------------------------- */

static struct unsaved_draft *find_draft(const struct unsaved *u, long long id)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->drafts[i].assessment.id == id)
			return &u->drafts[i];
	return NULL;
}

bool unsaved_keep(struct unsaved *u, const struct company *c, const struct assessment *a,
                  const char *item_key, int value, const char *note, long long at)
{
	struct unsaved_draft *d = find_draft(u, a->id);
	struct answer *an = NULL;
	char *key, *text;

	if (!d) {
		struct unsaved_draft *more = realloc(u->drafts, (u->n + 1) * sizeof *more);

		if (!more)
			return false;
		u->drafts = more;
		if (!copy_draft(&u->drafts[u->n], c, a))
			return false;
		d = &u->drafts[u->n++];
	}
	for (size_t i = 0; i < d->n && !an; i++)
		if (strcmp(d->answers[i].item_key, item_key) == 0)
			an = &d->answers[i];
	key = strdup(item_key);
	text = dup0(note);
	if (!key || !text) {
		free(key);
		free(text);
		return false;
	}
	if (!an) {
		if (d->n == d->cap) {
			size_t cap = d->cap ? d->cap * 2 : 8;
			struct answer *more = realloc(d->answers, cap * sizeof *more);

			if (!more) {
				free(key);
				free(text);
				return false;
			}
			d->answers = more;
			d->cap = cap;
		}
		an = &d->answers[d->n++];
	} else {
		free(an->item_key);
		free(an->note);
	}
	*an = (struct answer){ key, value, text, at, false, NULL };
	d->assessment.updated = at;
	write_file(u, at);
	return true;
}

size_t unsaved_count(const struct unsaved *u)
{
	size_t n = 0;

	for (size_t i = 0; i < u->n; i++)
		n += u->drafts[i].n;
	return n;
}

bool unsaved_has(const struct unsaved *u, long long assessment_id, const char *item_key)
{
	const struct unsaved_draft *d = find_draft(u, assessment_id);

	for (size_t i = 0; d && i < d->n; i++)
		if (strcmp(d->answers[i].item_key, item_key) == 0)
			return true;
	return false;
}

enum store_err unsaved_flush(struct unsaved *u, struct store *st, int *saved, int *older)
{
	enum store_err err = STORE_OK;

	*saved = *older = 0;
	while (u->n > 0) {
		struct unsaved_draft *d = &u->drafts[0];
		struct answer_in *in = calloc(d->n ? d->n : 1, sizeof *in);
		int taken = 0;

		if (!in)
			return STORE_ERROR;
		for (size_t i = 0; i < d->n; i++)
			in[i] = (struct answer_in){ d->answers[i].item_key, d->answers[i].value,
			                            d->answers[i].note, d->answers[i].changed, false };
		err = store_answers_merge(st, d->assessment.id, in, d->n, &taken);
		free(in);
		if (err != STORE_OK)
			break;
		*saved += taken;
		*older += (int)d->n - taken;
		draft_free(d);
		memmove(u->drafts, u->drafts + 1, (u->n - 1) * sizeof *u->drafts);
		u->n--;
	}
	if (u->n == 0)
		drop_file(u);
	else if (*saved || *older)
		write_file(u, store_now(st));
	return err;
}

/* ---- files of earlier sessions -------------------------------------------- */

char **unsaved_left_over(void)
{
	char *dir = keep_dir();
	DIR *dp = dir ? opendir(dir) : NULL;
	char **list = NULL;
	size_t n = 0;
	struct dirent *e;

	while (dp && (e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		char **more;
		char *path;

		if (strncmp(e->d_name, UNSAVED_PREFIX, strlen(UNSAVED_PREFIX)) != 0 || len < 5 ||
		    strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		more = realloc(list, (n + 2) * sizeof *list);
		if (!more)
			break;
		list = more;
		list[n] = NULL;
		path = malloc(strlen(dir) + len + 2);
		if (!path)
			break;
		sprintf(path, "%s/%s", dir, e->d_name);
		list[n++] = path;
		list[n] = NULL;
	}
	if (dp)
		closedir(dp);
	free(dir);
	return list;
}

bool unsaved_take(struct store *st, const char *path, int *taken, int *older)
{
	struct exchange_import_opts o = { .dry_run = true };
	struct exchange_report rep;
	enum exchange_status status;
	FILE *f = fopen(path, "r");
	bool ours;

	*taken = *older = 0;
	if (!f)
		return false;
	memset(&rep, 0, sizeof rep);
	status = exchange_import_stream(st, f, &o, &rep);
	ours = status == EXCHANGE_OK && rep.companies_added == 0 && rep.assessments_added == 0 &&
	       rep.actions_added == 0;
	exchange_report_clear(&rep);
	if (ours && fseek(f, 0, SEEK_SET) == 0) {
		o.dry_run = false;
		memset(&rep, 0, sizeof rep);
		status = exchange_import_stream(st, f, &o, &rep);
		ours = status == EXCHANGE_OK;
		*taken = rep.answers_merged;
		*older = rep.answers_superseded;
		exchange_report_clear(&rep);
	}
	fclose(f);
	if (ours)
		unlink(path);
	return ours;
}

void unsaved_list_free(char **list)
{
	for (size_t i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}
