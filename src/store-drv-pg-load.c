/*
 * store-drv-pg-load.c - the PostgreSQL driver's door (store-drv.h): tells a
 * connection from a file name, shows it without its password, and loads
 * the driver itself, the module smready-pg.so, when a server is first
 * opened.  libpq and what it brings (TLS, Kerberos, LDAP: a dozen
 * libraries) cost every run of the program about 6 ms and 5 MiB when
 * linked into it, also every run on a file; so, like the PDF driver
 * (report-pdf-load.c), it is loaded only when needed: beside a program
 * run from its build tree (paths.h), otherwise from where "make install"
 * put it.  A program that links store-drv-pg.c itself (the tests) uses
 * that.
 */
#include "config.h"

#include "store-drv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if HAVE_POSTGRESQL

#include <dlfcn.h>

#include "i18n.h"
#include "paths.h"

#define MODULE "smready-pg.so"

/* Defined when store-drv-pg.c is linked in (the tests); else NULL. */
extern enum drv_rc drv_pg_connect(const char *conninfo, struct drv_conn **out, char *msg,
                                  size_t msgsz) __attribute__((weak));

typedef enum drv_rc (*pg_connect_fn)(const char *, struct drv_conn **, char *, size_t);

static pg_connect_fn load(char *msg, size_t msgsz)
{
	static pg_connect_fn entry;
	static char why[1024];
	char path[4096];
	void *h;
	const char *err;

	if (drv_pg_connect)
		return drv_pg_connect;
	if (entry || why[0]) {
		snprintf(msg, msgsz, "%s", why);
		return entry;
	}
	if (paths_build_tree(path, sizeof path - sizeof "/" MODULE))
		strcat(path, "/" MODULE);
	else
		snprintf(path, sizeof path, "%s", PKGLIBDIR "/" MODULE);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h)
		*(void **)&entry = dlsym(h, "drv_pg_connect");
	if (!entry) {
		err = dlerror();
		snprintf(why, sizeof why, _("the PostgreSQL module %s cannot be loaded (%s); "
		                            "reinstall smready"), path, err ? err : "?");
		if (h)
			dlclose(h);
		snprintf(msg, msgsz, "%s", why);
	}
	return entry;
}

bool drv_pg_available(void)
{
	return true;
}

enum drv_rc drv_pg_open(const char *conninfo, struct drv_conn **out, char *msg, size_t msgsz)
{
	pg_connect_fn connect = load(msg, msgsz);

	*out = NULL;
	return connect ? connect(conninfo, out, msg, msgsz) : DRV_ERROR;
}

#else /* !HAVE_POSTGRESQL */

bool drv_pg_available(void)
{
	return false;
}

enum drv_rc drv_pg_open(const char *conninfo, struct drv_conn **out, char *msg, size_t msgsz)
{
	(void)conninfo;
	*out = NULL;
	snprintf(msg, msgsz, "this smready was built without PostgreSQL (libpq)");
	return DRV_ERROR;
}

#endif

bool drv_is_pg_target(const char *text)
{
	static const char *const keys[] = { "host=", "hostaddr=", "service=", "dbname=",
	                                    "port=", "user=" };

	if (!text)
		return false;
	if (strncmp(text, "postgresql://", 13) == 0 || strncmp(text, "postgres://", 11) == 0)
		return true;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strncmp(text, keys[i], strlen(keys[i])) == 0)
			return true;
	return false;
}

static int hex_digit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Whether key[0..len) names the password: in any case (libpq takes only
 * "password", but a "PASSWORD=..." is meant as one, and its error message
 * would show it), and in a URI also percent-encoded ("pass%77ord"), which
 * libpq decodes. */
static bool names_password(const char *key, size_t len, bool uri)
{
	static const char word[] = "password";
	size_t w = 0;

	for (size_t i = 0; i < len; i++, w++) {
		int c = (unsigned char)key[i];

		if (uri && c == '%' && i + 2 < len && hex_digit(key[i + 1]) >= 0 &&
		    hex_digit(key[i + 2]) >= 0) {
			c = hex_digit(key[i + 1]) << 4 | hex_digit(key[i + 2]);
			i += 2;
		}
		if (w >= sizeof word - 1 || (c | 0x20) != word[w])
			return false;
	}
	return w == sizeof word - 1;
}

/* The connection as shown to people: a URI without the password of its
 * user part or of its query ("?password="), keywords without
 * "password=..."; otherwise as given. */
void drv_pg_display(const char *conninfo, char *out, size_t sz)
{
	const char *p = conninfo;
	size_t o = 0;

	if (!sz)
		return;
	if (strncmp(p, "postgresql://", 13) == 0 || strncmp(p, "postgres://", 11) == 0) {
		const char *start = strstr(p, "://") + 3;
		const char *end = start + strcspn(start, "/?");
		const char *at = memchr(start, '@', (size_t)(end - start));
		const char *colon = at ? memchr(start, ':', (size_t)(at - start)) : NULL;

		for (const char *q = p; *q && o + 1 < sz; q++) {
			if (colon && q == colon)
				q = at;         /* skips ":password" */
			if (*q == '?' || *q == '&') {
				const char *v = q + 1;
				size_t klen = strcspn(v, "=&");

				if (v[klen] == '=' && names_password(v, klen, true)) {
					v += strcspn(v, "&");
					/* keep the separator for what follows */
					if (*q == '?' && *v == '&') {
						out[o++] = '?';
						q = v;
						continue;
					}
					q = v - 1;
					continue;
				}
			}
			out[o++] = *q;
		}
		out[o] = '\0';
		return;
	}
	/* keyword = value, the value bare or in quotes with \ escapes */
	while (*p) {
		const char *key, *val, *end;
		size_t klen;
		bool secret;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		key = p;
		while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		klen = (size_t)(p - key);
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '=')
			p++;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		val = p;
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				if (*p == '\\' && p[1])
					p++;
			if (*p)
				p++;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
		}
		end = p;
		secret = names_password(key, klen, false);
		if (secret)
			continue;
		if (o && o + 1 < sz)
			out[o++] = ' ';
		for (const char *q = key; q < key + klen && o + 1 < sz; q++)
			out[o++] = *q;
		if (o + 1 < sz)
			out[o++] = '=';
		for (const char *q = val; q < end && o + 1 < sz; q++)
			out[o++] = *q;
	}
	out[o] = '\0';
}

bool drv_pg_has_password(const char *conninfo)
{
	char shown[2048];

	/* what the display leaves out is the password */
	drv_pg_display(conninfo, shown, sizeof shown);
	return strlen(shown) != strlen(conninfo);
}
