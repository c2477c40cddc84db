/*
 * safe-out.c - the escaping output stream (see safe-out.h), a glibc
 * cookie stream over the real one.
 */
#include "config.h"

#include "safe-out.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "text.h"

#define SAFE_CHUNK 4096

struct safe_out {
	FILE *under;
	bool own;                 /* closing closes under too */
	char held[4];             /* the start of a character not yet complete */
	size_t n_held;
};

/* Escapes and writes s[0..n); what ends inside a character waits in
 * held for the next write (or for the close, when final). */
static int safe_put(struct safe_out *o, const char *s, size_t n, bool final)
{
	char in[SAFE_CHUNK + 4], out[4 * (SAFE_CHUNK + 4)];

	while (n > 0 || (final && o->n_held)) {
		size_t take = n < SAFE_CHUNK ? n : SAFE_CHUNK, used, k, len;

		memcpy(in, o->held, o->n_held);
		memcpy(in + o->n_held, s, take);
		len = o->n_held + take;
		k = text_escape_span(in, len, true, final && take == n, out, &used);
		if (k && fwrite(out, 1, k, o->under) != k)
			return -1;
		o->n_held = len - used;   /* at most 3: an incomplete character */
		memcpy(o->held, in + used, o->n_held);
		s += take;
		n -= take;
		if (final && n == 0 && o->n_held == 0)
			break;
	}
	return 0;
}

static ssize_t safe_write(void *cookie, const char *buf, size_t size)
{
	struct safe_out *o = cookie;

	/* On to the file at once, so that a full disk is seen by the flush
	 * of this stream, where the caller looks for it. */
	if (safe_put(o, buf, size, false) != 0 || fflush(o->under) != 0)
		return -1;
	return (ssize_t)size;
}

static int safe_close(void *cookie)
{
	struct safe_out *o = cookie;
	int rc = safe_put(o, "", 0, true);

	if (fflush(o->under) != 0)
		rc = -1;
	if (o->own && fclose(o->under) != 0)
		rc = -1;
	free(o);
	return rc;
}

FILE *safe_out_open(FILE *under, bool own)
{
	static const cookie_io_functions_t io = { .write = safe_write, .close = safe_close };
	struct safe_out *o = calloc(1, sizeof *o);
	FILE *f;

	if (!o)
		return NULL;
	o->under = under;
	o->own = own;
	f = fopencookie(o, "w", io);
	if (!f) {
		free(o);
		return NULL;
	}
	/* On a terminal lines go out as they are written; to a file or a
	 * pipe in large pieces. */
	if (isatty(fileno(under)))
		setvbuf(f, NULL, _IOLBF, BUFSIZ);
	else
		setvbuf(f, NULL, _IOFBF, 1 << 16);
	return f;
}
