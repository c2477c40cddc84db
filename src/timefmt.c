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

/* v (0 <= v < 10^n) as n decimal digits with leading zeros. */
static void put_digits(char *s, int v, int n)
{
	while (n-- > 0) {
		s[n] = (char)('0' + v % 10);
		v /= 10;
	}
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
	/* by hand: the export writes three times per assessment, and
	 * snprintf cost more than the rest of a company's JSON */
	if (bufsz < TIMEFMT_ISO_SIZE) {
		char whole[TIMEFMT_ISO_SIZE];

		if (bufsz > 0) {
			timefmt_iso(t, whole, sizeof whole);
			memcpy(buf, whole, bufsz - 1);
			buf[bufsz - 1] = '\0';
		}
		return buf;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, mo, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = 'T';
	put_digits(buf + 11, (int)(secs / 3600), 2);
	buf[13] = ':';
	put_digits(buf + 14, (int)(secs / 60 % 60), 2);
	buf[16] = ':';
	put_digits(buf + 17, (int)(secs % 60), 2);
	buf[19] = 'Z';
	buf[20] = '\0';
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

/* ---- calendar days ---------------------------------------------------------- */

#define DAY_LEN 10               /* "YYYY-MM-DD" */

static bool day_fields(int y, int mo, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int dim;

	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1)
		return false;
	dim = mdays[mo - 1];
	if (mo == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		dim = 29;
	return d <= dim;
}

/* The day s as days since 1970-01-01, or -1 when it is not a valid day. */
static long long day_number(const char *s)
{
	int y, mo, d;

	if (!s || strlen(s) != DAY_LEN || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (!day_fields(y, mo, d))
		return -1;
	return days_from_civil(y, mo, d);
}

static bool day_write(long long n, char *out, size_t outsz)
{
	int y, mo, d;

	if (n < 0 || n > days_from_civil(9999, 12, 31) || outsz < TIMEFMT_DAY_SIZE)
		return false;
	civil_from_days(n, &y, &mo, &d);
	snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
	return true;
}

char *timefmt_day(long long t, char *buf, size_t bufsz)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (t <= 0 || !localtime_r(&tt, &tm))
		return buf;
	if (!day_fields(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
		return buf;
	snprintf(buf, bufsz, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return buf;
}

bool timefmt_day_valid(const char *s)
{
	return day_number(s) >= 0;
}

bool timefmt_day_add(const char *day, long long n, char *out, size_t outsz)
{
	long long d = day_number(day);

	if (d < 0 || n > 4000000 || n < -4000000)
		return false;
	return day_write(d + n, out, outsz);
}

long long timefmt_day_diff(const char *a, const char *b)
{
	return day_number(b) - day_number(a);
}

/* Reads 1 to max digits at *p; -1 when there is none. */
static int read_number(const char **p, int max)
{
	int v = 0, n = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

bool timefmt_day_parse(const char *s, const char *today, char *out, size_t outsz)
{
	char buf[32];
	size_t len;
	const char *p;
	int y, mo, d;

	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (buf[0] == '+') {
		p = buf + 1;
		d = read_number(&p, 4);
		return d >= 0 && *p == '\0' && timefmt_day_add(today, d, out, outsz);
	}
	if (len == DAY_LEN && buf[4] == '-')
		return day_number(buf) >= 0 && day_write(day_number(buf), out, outsz);
	/* The German way: day.month.year */
	p = buf;
	d = read_number(&p, 2);
	if (d < 0 || *p++ != '.')
		return false;
	mo = read_number(&p, 2);
	if (mo < 0 || *p++ != '.')
		return false;
	y = read_number(&p, 4);
	if (y < 1000 || *p != '\0' || !day_fields(y, mo, d))
		return false;
	return day_write(days_from_civil(y, mo, d), out, outsz);
}

long long timefmt_day_noon(const char *day)
{
	struct tm tm;
	time_t t;

	if (day_number(day) < 0)
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = digits(day, 4) - 1900;
	tm.tm_mon = digits(day + 5, 2) - 1;
	tm.tm_mday = digits(day + 8, 2);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return t == (time_t)-1 ? 0 : (long long)t;
}

char *timefmt_day_show(const char *day, char *buf, size_t bufsz)
{
	long long t = timefmt_day_noon(day);

	if (bufsz)
		buf[0] = '\0';
	if (t <= 0) {
		if (day && *day && bufsz)
			snprintf(buf, bufsz, "%s", day);
		return buf;
	}
	return timefmt_date(t, buf, bufsz);
}
