/*
 * timefmt.c - times as people and files read them: the ISO 8601 UTC form
 * of the export format and the JSON output ("2026-11-18T11:06:40Z"),
 * computed with the civil calendar rather than gmtime() so that it is the
 * same on every system and every year 1970..9999 round-trips.
 */
#include "config.h"

#include "timefmt.h"

#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TIME_LEN 20              /* "YYYY-MM-DDTHH:MM:SSZ" */

static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153LL * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

char *timefmt_iso(long long t, char *buf, size_t bufsz)
{
	int y, mo, d;
	long long days, secs;

	/* Clamped so that every export can be imported again. */
	if (t < 0)
		t = 0;
	if (t > TIMEFMT_MAX)
		t = TIMEFMT_MAX;
	days = t / 86400;
	secs = t % 86400;
	civil_from_days(days, &y, &mo, &d);
	snprintf(buf, bufsz, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
	         (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool timefmt_iso_parse(const char *s, long long *t)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, se, dim;

	if (strlen(s) != TIME_LEN || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || se < 0 || se > 59)
		return false;
	dim = mdays[mo - 1];
	if (mo == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		dim = 29;
	if (d > dim)
		return false;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

char *timefmt_date(long long t, char *buf, size_t bufsz)
{
	const char *fmt = nl_langinfo(D_FMT);
	time_t tt = (time_t)t;
	struct tm tm;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (t <= 0 || !localtime_r(&tt, &tm))
		return buf;
	/* The C locale's "%m/%d/%y" is nobody's way to write a date, and its
	 * two-digit year is ambiguous: ISO instead.  A locale's own form with
	 * a two-digit year gets four digits. */
	if (!fmt || !*fmt || strcmp(fmt, "%m/%d/%y") == 0) {
		strftime(buf, bufsz, "%Y-%m-%d", &tm);
		return buf;
	}
	{
		char four[64];
		size_t j = 0;

		for (const char *p = fmt; *p && j + 3 < sizeof four; p++) {
			four[j++] = *p;
			if (p[0] == '%' && p[1] == 'y') {
				four[j++] = 'Y';
				p++;
			}
		}
		four[j] = '\0';
		/* The format is the C library's own for the locale, never text
		 * from data. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		if (strftime(buf, bufsz, four, &tm) == 0)
			buf[0] = '\0';
#pragma GCC diagnostic pop
	}
	return buf;
}
