/*
 * check_settings.c - unit tests of the settings file: every key read,
 * defaults kept and the file and line named for each bad line, intervals
 * in days, weeks, months and quarters, the paper of a locale, a missing
 * file, and writing values back while keeping comments and unknown lines.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"
#include "tap-main.h"

struct warnings {
	int n;
	int line[16];
	char file[16][256];
	char msg[16][512];
};

static void collect(void *ctx, const char *file, int line, const char *msg)
{
	struct warnings *w = ctx;

	if (w->n < 16) {
		w->line[w->n] = line;
		snprintf(w->file[w->n], sizeof w->file[0], "%s", file);
		snprintf(w->msg[w->n], sizeof w->msg[0], "%s", msg);
	}
	w->n++;
}

static int parse(struct settings *s, const char *text, struct warnings *w)
{
	settings_init(s);
	memset(w, 0, sizeof *w);
	return settings_parse(s, text, strlen(text), "/home/kb/.config/smready/config", collect, w);
}

START_TEST(test_defaults)
{
	struct settings s;

	settings_init(&s);
	ck_assert_int_eq(s.recheck_days, 91);
	ck_assert_int_eq(s.paper, SETTINGS_PAPER_AUTO);
	ck_assert_str_eq(s.consultant, "");
	ck_assert_str_eq(s.assessor, "");
	ck_assert_str_eq(s.accent, "#2f6f9f");
}
END_TEST

START_TEST(test_every_key)
{
	struct settings s;
	struct warnings w;
	int n = parse(&s,
		"\xef\xbb\xbf" "# comment after a byte-order mark\n"
		"  \n"
		"consultant = Katrin Berater\n"
		"firm=Berater & Partner GmbH   \n"
		"contact = \"  +49 30 1234567 · kb@example.org\"\n"
		"logo = logo.svg\r\n"
		"assessor = K. Berater\n"
		"recheck = 13 weeks\n"
		"paper = Letter\n"
		"accent_colour = #ABC\n"
		"alert_color = #112233\n"
		"good_colour = #00ff00\n", &w);

	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(w.n, 0);
	ck_assert_str_eq(s.consultant, "Katrin Berater");
	ck_assert_str_eq(s.firm, "Berater & Partner GmbH");
	ck_assert_str_eq(s.contact, "  +49 30 1234567 · kb@example.org");
	ck_assert_str_eq(s.logo, "/home/kb/.config/smready/logo.svg");
	ck_assert_str_eq(s.assessor, "K. Berater");
	ck_assert_int_eq(s.recheck_days, 91);
	ck_assert_int_eq(s.paper, SETTINGS_PAPER_LETTER);
	ck_assert_str_eq(s.accent, "#aabbcc");
	ck_assert_str_eq(s.alert, "#112233");
	ck_assert_str_eq(s.good, "#00ff00");
}
END_TEST

START_TEST(test_bad_lines_named)
{
	struct settings s;
	struct warnings w;
	int n = parse(&s,
		"consultant = Katrin\n"
		"colour = red\n"            /* 2: unknown key */
		"recheck = soon\n"          /* 3: bad value */
		"just words\n"              /* 4: no '=' */
		"paper = A5\n"              /* 5 */
		"logo = logo.gif\n"         /* 6 */
		"accent_colour = blue\n"    /* 7 */
		"firm = M\xfcller\n"        /* 8: Latin-1, not UTF-8 */
		"assessor = Tab\there\n",   /* 9: a control character */
		&w);

	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(w.n, 8);
	ck_assert_int_eq(w.line[0], 2);
	ck_assert_ptr_nonnull(strstr(w.msg[0], "colour"));
	ck_assert_str_eq(w.file[0], "/home/kb/.config/smready/config");
	ck_assert_int_eq(w.line[1], 3);
	ck_assert_ptr_nonnull(strstr(w.msg[1], "recheck"));
	ck_assert_int_eq(w.line[2], 4);
	ck_assert_int_eq(w.line[3], 5);
	ck_assert_int_eq(w.line[4], 6);
	ck_assert_int_eq(w.line[5], 7);
	ck_assert_int_eq(w.line[6], 8);
	ck_assert_int_eq(w.line[7], 9);
	/* the good line counts, the bad ones keep the defaults */
	ck_assert_str_eq(s.consultant, "Katrin");
	ck_assert_int_eq(s.recheck_days, 91);
	ck_assert_int_eq(s.paper, SETTINGS_PAPER_AUTO);
	ck_assert_str_eq(s.logo, "");
	ck_assert_str_eq(s.accent, "#2f6f9f");
	ck_assert_str_eq(s.firm, "");
	ck_assert_str_eq(s.assessor, "");
}
END_TEST

START_TEST(test_interval)
{
	int d = 0;

	ck_assert(settings_parse_interval("91", &d));
	ck_assert_int_eq(d, 91);
	ck_assert(settings_parse_interval("91 days", &d));
	ck_assert_int_eq(d, 91);
	ck_assert(settings_parse_interval("13 weeks", &d));
	ck_assert_int_eq(d, 91);
	ck_assert(settings_parse_interval("3 months", &d));
	ck_assert_int_eq(d, 91);
	ck_assert(settings_parse_interval("a quarter", &d));
	ck_assert_int_eq(d, 91);
	ck_assert(settings_parse_interval("6 Monate", &d));
	ck_assert_int_eq(d, 183);
	ck_assert(settings_parse_interval("1 Jahr", &d));
	ck_assert_int_eq(d, 365);
	ck_assert(settings_parse_interval("1 Quartal", &d));
	ck_assert_int_eq(d, 91);
	ck_assert(settings_parse_interval("1 day", &d));
	ck_assert_int_eq(d, 1);
	ck_assert(!settings_parse_interval("0 days", &d));
	ck_assert(!settings_parse_interval("-3 weeks", &d));
	ck_assert(!settings_parse_interval("3 fortnights", &d));
	ck_assert(!settings_parse_interval("11 years", &d));
	ck_assert(!settings_parse_interval("", &d));
	ck_assert(!settings_parse_interval("3 months later", &d));
	ck_assert(!settings_parse_interval("99999999999999999999", &d));
}
END_TEST

START_TEST(test_paper_of_locale)
{
	ck_assert_int_eq(settings_paper_for_locale("de_DE.UTF-8"), SETTINGS_PAPER_A4);
	ck_assert_int_eq(settings_paper_for_locale("en_US.UTF-8"), SETTINGS_PAPER_LETTER);
	ck_assert_int_eq(settings_paper_for_locale("en_US"), SETTINGS_PAPER_LETTER);
	ck_assert_int_eq(settings_paper_for_locale("en_GB.UTF-8"), SETTINGS_PAPER_A4);
	ck_assert_int_eq(settings_paper_for_locale("fr_CA.UTF-8"), SETTINGS_PAPER_LETTER);
	ck_assert_int_eq(settings_paper_for_locale("C.UTF-8"), SETTINGS_PAPER_A4);
	ck_assert_int_eq(settings_paper_for_locale("C"), SETTINGS_PAPER_A4);
	ck_assert_int_eq(settings_paper_for_locale(NULL), SETTINGS_PAPER_A4);
}
END_TEST

START_TEST(test_missing_file)
{
	struct settings s;
	struct warnings w;
	char dir[] = "/tmp/smready-settings-XXXXXX", path[256];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/none/config", dir);
	memset(&w, 0, sizeof w);
	ck_assert_int_eq(settings_load(&s, path, collect, &w), 0);
	ck_assert_int_eq(w.n, 0);
	ck_assert_int_eq(s.recheck_days, 91);
	rmdir(dir);
}
END_TEST

START_TEST(test_rewrite_keeps_lines)
{
	const char *text =
		"# my settings\n"
		"consultant = Old Name\n"
		"future_key = kept\n"
		"\n"
		"consultant = Later Name   # counts\n"
		"paper = a4\n";
	const char *k[] = { "consultant", "firm", "contact" };
	const char *v[] = { "Katrin Berater", "Berater & Partner", "" };
	char *out = settings_rewrite(text, k, v, 3);
	struct settings s;
	struct warnings w;

	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out,
		"# my settings\n"
		"consultant = Old Name\n"
		"future_key = kept\n"
		"\n"
		"consultant = Katrin Berater\n"
		"paper = a4\n"
		"firm = Berater & Partner\n"
		"contact = \n");
	/* and it reads back as written */
	parse(&s, out, &w);
	ck_assert_str_eq(s.consultant, "Katrin Berater");
	ck_assert_str_eq(s.firm, "Berater & Partner");
	ck_assert_int_eq(s.paper, SETTINGS_PAPER_A4);
	ck_assert_int_eq(w.n, 1);               /* future_key: unknown, named */
	ck_assert_int_eq(w.line[0], 3);
	free(out);
}
END_TEST

START_TEST(test_save_and_load)
{
	char dir[] = "/tmp/smready-settings-XXXXXX", path[320], sub[256];
	const char *k[] = { "consultant", "assessor" };
	const char *v[] = { "Katrin \"KB\" Berater", "\"quoted\"" };
	char err[256];
	struct settings s;
	struct warnings w;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/smready", dir);
	snprintf(path, sizeof path, "%s/config", sub);
	ck_assert_int_eq(settings_save(path, k, v, 2, err, sizeof err), 0);
	memset(&w, 0, sizeof w);
	ck_assert_int_eq(settings_load(&s, path, collect, &w), 0);
	ck_assert_str_eq(s.consultant, "Katrin \"KB\" Berater");
	ck_assert_str_eq(s.assessor, "\"quoted\"");
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}
END_TEST

static Suite *settings_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_every_key);
	tcase_add_test(tc, test_bad_lines_named);
	tcase_add_test(tc, test_interval);
	tcase_add_test(tc, test_paper_of_locale);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_rewrite_keeps_lines);
	tcase_add_test(tc, test_save_and_load);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tap_run_suite(settings_suite());
}
