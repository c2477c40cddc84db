/*
 * report-doc.c - what the format drivers of the document layer share:
 * writing to the document, line breaks in text from the user, the score
 * bar drawn with characters, and the final flush.
 */
#include "config.h"

#include "report-doc.h"

#include <stdarg.h>

void doc_put(struct doc *d, const char *s)
{
	fputs(s, d->f);
}

void doc_printf(struct doc *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(d->f, fmt, ap);
	va_end(ap);
}

void doc_spaces(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

size_t doc_line_break(const char *p)
{
	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return p[1] == '\n' ? 2 : 1;
	return 0;
}

char *doc_bar(char *buf, size_t n, int score)
{
	int fill = score < 0 ? 0 : (score + 5) / 10;
	int i;

	if (n < BAR_LEN + 1)
		return buf;
	for (i = 0; i < BAR_LEN; i++)
		buf[i] = i < fill ? '#' : '-';
	buf[BAR_LEN] = '\0';
	return buf;
}

bool doc_cell_empty(const char *cell)
{
	return cell[0] < '0' || cell[0] > '9';
}

int doc_finish(struct doc *d)
{
	if (fflush(d->f) != 0 || ferror(d->f))
		return -1;
	return 0;
}
