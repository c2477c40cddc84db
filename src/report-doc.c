/*
 * report-doc.c - what the format drivers of the document layer share:
 * writing to the document, line breaks in text from the user, the score
 * bar drawn with characters, colours, the band of a score, and the final
 * flush.
 */
#include "config.h"

#include "report-doc.h"

#include <stdarg.h>
#include <string.h>

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
	/* a table pads every cell: by the block, not a call per blank */
	static const char blanks[] = "                                ";

	for (; n > 0; n -= (int)sizeof blanks - 1)
		fwrite(blanks, 1, n < (int)sizeof blanks - 1 ? (size_t)n : sizeof blanks - 1, f);
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

char *doc_ubar(char *buf, size_t bufsz, int score, int n)
{
	/* U+2588 full block, U+258C left half block, U+2591 light shade */
	int halves = score < 0 ? 0 : (score * n * 2 + 50) / 100;
	size_t j = 0;
	int i;

	for (i = 0; i < n; i++) {
		const char *c = halves >= 2 ? "\xe2\x96\x88" : halves == 1 ? "\xe2\x96\x8c"
		                                                              : "\xe2\x96\x91";
		size_t len = strlen(c);

		if (j + len + 1 > bufsz)
			break;
		memcpy(buf + j, c, len);
		j += len;
		halves = halves >= 2 ? halves - 2 : 0;
	}
	if (bufsz)
		buf[j] = '\0';
	return buf;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void doc_rgb(const char *hex, double rgb[3])
{
	int i;

	rgb[0] = rgb[1] = rgb[2] = 0;
	if (!hex || hex[0] != '#' || strlen(hex) != 7)
		return;
	for (i = 0; i < 3; i++) {
		int hi = hex_digit(hex[1 + 2 * i]), lo = hex_digit(hex[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return;
		rgb[i] = (hi * 16 + lo) / 255.0;
	}
}

int doc_band_of(const struct doc_bands *b, int score)
{
	int i, band = 0;

	for (i = 0; i < b->n; i++)
		if (score >= b->floor[i])
			band = i;
	return band;
}

int doc_finish(struct doc *d)
{
	if (fflush(d->f) != 0 || ferror(d->f) || d->failed)
		return -1;
	return 0;
}
