/*
 * check_text.c - unit tests of the UTF-8 helpers: validation, character
 * counts, display widths (Latin, CJK, combining, controls), cutting to a
 * column count with an ellipsis and padding, and the field checks; and the
 * reports' handling of what users type: wrapping of long words and wide
 * characters, line breaks, and Markdown syntax in names, notes, summaries.
 *
 * Widths come from wcwidth(), so main() switches LC_CTYPE to C.UTF-8 first.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "compare.h"
#include "report.h"
#include "scoring.h"
#include "tap-main.h"
#include "text.h"

#define ELL "\xe2\x80\xa6"          /* … */
#define NIHONGO "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" /* 日本語, 3 x 2 columns */

static bool valid(const char *s)
{
	return text_utf8_valid(s, strlen(s));
}

START_TEST(test_utf8_valid_good)
{
	ck_assert(valid(""));
	ck_assert(valid("plain ASCII"));
	ck_assert(valid("M\xc3\xbcller & S\xc3\xb6hne GmbH"));
	ck_assert(valid(NIHONGO));
	ck_assert(valid("\xf0\x9f\x98\x80"));            /* U+1F600, 4 bytes */
	ck_assert(valid("\xf4\x8f\xbf\xbf"));            /* U+10FFFF, the last */
	ck_assert(valid("\xed\x9f\xbf"));                /* U+D7FF, below surrogates */
	ck_assert(text_utf8_valid("a\0b", 3));           /* length, not NUL, ends it */
	ck_assert(text_utf8_valid(NULL, 0));
}
END_TEST

START_TEST(test_utf8_overlong)
{
	ck_assert(!valid("\xc0\xaf"));                   /* '/' in two bytes */
	ck_assert(!valid("\xc1\xbf"));
	ck_assert(!valid("\xe0\x80\xaf"));               /* '/' in three bytes */
	ck_assert(!valid("\xe0\x9f\xbf"));               /* U+07FF in three bytes */
	ck_assert(!valid("\xf0\x8f\xbf\xbf"));           /* U+FFFF in four bytes */
}
END_TEST

START_TEST(test_utf8_surrogate_and_range)
{
	ck_assert(!valid("\xed\xa0\x80"));               /* U+D800 */
	ck_assert(!valid("\xed\xbf\xbf"));               /* U+DFFF */
	ck_assert(!valid("\xf4\x90\x80\x80"));           /* U+110000 */
	ck_assert(!valid("\xf8\x88\x80\x80\x80"));       /* 5-byte form */
	ck_assert(!valid("\xff"));
}
END_TEST

START_TEST(test_utf8_truncated)
{
	ck_assert(!valid("\xc3"));
	ck_assert(!valid("ab\xe6\x97"));
	ck_assert(!valid("\xf0\x9f\x98"));
	ck_assert(!valid("\x80"));                       /* lone continuation */
	ck_assert(!valid("\xc3" "A"));                   /* continuation missing */
	/* The length counts: "ü" cut after its first byte. */
	ck_assert(!text_utf8_valid("ab\xc3\xbc", 3));
	ck_assert(text_utf8_valid("ab\xc3\xbc", 4));
}
END_TEST

START_TEST(test_chars)
{
	ck_assert_uint_eq(text_chars(""), 0);
	ck_assert_uint_eq(text_chars("M\xc3\xbcller"), 6);
	ck_assert_uint_eq(text_chars(NIHONGO), 3);
	ck_assert_uint_eq(text_chars("\xf0\x9f\x98\x80!"), 2);
	ck_assert_uint_eq(text_chars(NULL), 0);
}
END_TEST

START_TEST(test_width_latin)
{
	/* 19 characters, each one column, although 21 bytes. */
	const char *name = "M\xc3\xbcller & S\xc3\xb6hne GmbH";

	ck_assert_uint_eq(strlen(name), 21);
	ck_assert_int_eq(text_width(name), 19);
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width(NULL), 0);
}
END_TEST

START_TEST(test_width_wide_and_zero)
{
	ck_assert_int_eq(text_width(NIHONGO), 6);
	ck_assert_int_eq(text_width("a" NIHONGO "b"), 8);
	/* Hangul syllable and a full-width letter are wide too. */
	ck_assert_int_eq(text_width("\xea\xb0\x80"), 2);     /* 가 */
	ck_assert_int_eq(text_width("\xef\xbc\xa1"), 2);     /* Ａ */
	/* e + combining acute accent: one column. */
	ck_assert_int_eq(text_width("e\xcc\x81"), 1);
	/* Controls take no column. */
	ck_assert_int_eq(text_width("a\tb\x7f"), 2);
	/* The first n bytes only: a word of a longer text, as the report's
	 * wrapping measures it. */
	ck_assert_int_eq(text_width_n("a" NIHONGO "b", 1 + 6), 5);
	ck_assert_int_eq(text_width_n("Gr\xc3\xbc\xc3\x9f" "e aus", 7), 5);
	ck_assert_int_eq(text_width_n("ab", 10), 2);
	ck_assert_int_eq(text_width_n("ab", 0), 0);
	ck_assert_int_eq(text_width_n(NULL, 3), 0);
}
END_TEST

START_TEST(test_fit)
{
	int used = -1;

	ck_assert_uint_eq(text_fit("abc", 10, &used), 3);
	ck_assert_int_eq(used, 3);
	ck_assert_uint_eq(text_fit("abc", 2, &used), 2);
	ck_assert_int_eq(used, 2);
	/* 5 columns hold two of the 2-column characters (6 bytes), not 2.5. */
	ck_assert_uint_eq(text_fit(NIHONGO, 5, &used), 6);
	ck_assert_int_eq(used, 4);
	ck_assert_uint_eq(text_fit(NIHONGO, 1, &used), 0);
	ck_assert_int_eq(used, 0);
	/* Never ends inside "ü". */
	ck_assert_uint_eq(text_fit("M\xc3\xbcller", 2, &used), 3);
	ck_assert_uint_eq(text_fit("abc", 0, NULL), 0);
	ck_assert_uint_eq(text_fit("abc", -4, NULL), 0);
}
END_TEST

START_TEST(test_cell_fits)
{
	char buf[64];

	ck_assert_str_eq(text_cell(buf, sizeof buf, "abc", 5, false), "abc");
	ck_assert_str_eq(text_cell(buf, sizeof buf, "abc", 5, true), "abc  ");
	ck_assert_str_eq(text_cell(buf, sizeof buf, "abc", 3, true), "abc");
	/* Exactly as wide as the cell: no ellipsis. */
	ck_assert_str_eq(text_cell(buf, sizeof buf, NIHONGO, 6, true), NIHONGO);
	ck_assert_str_eq(text_cell(buf, sizeof buf, NULL, 2, true), "  ");
	ck_assert_str_eq(text_cell(buf, sizeof buf, "", 0, true), "");
}
END_TEST

START_TEST(test_cell_cut)
{
	char buf[64];
	const char *name = "M\xc3\xbcller & S\xc3\xb6hne GmbH";

	/* 10 columns: 9 of text ("Müller & ") and the ellipsis. */
	text_cell(buf, sizeof buf, name, 10, false);
	ck_assert_str_eq(buf, "M\xc3\xbcller & " ELL);
	ck_assert_int_eq(text_width(buf), 10);
	text_cell(buf, sizeof buf, name, 10, true);
	ck_assert_str_eq(buf, "M\xc3\xbcller & " ELL);
	/* One column left: only the ellipsis; none: nothing. */
	ck_assert_str_eq(text_cell(buf, sizeof buf, "abc", 1, true), ELL);
	ck_assert_str_eq(text_cell(buf, sizeof buf, "abc", 0, true), "");
	ck_assert_str_eq(text_cell(buf, sizeof buf, "abc", -3, true), "");
}
END_TEST

START_TEST(test_cell_wide_at_cut)
{
	char buf[64];

	/* 4 columns: "日" (2) + "…" (1) = 3; the second 2-column character
	 * does not fit into the one column left, padding fills it. */
	text_cell(buf, sizeof buf, NIHONGO, 4, true);
	ck_assert_str_eq(buf, "\xe6\x97\xa5" ELL " ");
	ck_assert_int_eq(text_width(buf), 4);
	text_cell(buf, sizeof buf, NIHONGO, 4, false);
	ck_assert_str_eq(buf, "\xe6\x97\xa5" ELL);
	ck_assert_int_eq(text_width(buf), 3);
	/* 5 columns: "日本" fits 4 + "…" = 5. */
	text_cell(buf, sizeof buf, NIHONGO, 5, true);
	ck_assert_str_eq(buf, "\xe6\x97\xa5\xe6\x9c\xac" ELL);
	ck_assert(valid(buf));
	/* 2 columns: "日" would leave no room for the ellipsis. */
	ck_assert_str_eq(text_cell(buf, sizeof buf, NIHONGO, 2, true), ELL " ");
}
END_TEST

START_TEST(test_cell_small_buffer)
{
	char buf[8];

	/* Room for 4 bytes only: "a" + "…" is the longest valid result. */
	text_cell(buf, 5, "abcdefgh", 10, false);
	ck_assert_str_eq(buf, "a" ELL);
	/* 4 bytes for "üüü": no "ü" fits next to the ellipsis. */
	text_cell(buf, 4, "\xc3\xbc\xc3\xbc\xc3\xbc", 3, true);
	ck_assert_str_eq(buf, ELL);
	/* Padding stops at the buffer's end. */
	text_cell(buf, 4, "a", 10, true);
	ck_assert_str_eq(buf, "a  ");
	/* Too small for an ellipsis: a whole-character prefix. */
	text_cell(buf, 3, "\xc3\xbc\xc3\xbc", 5, false);
	ck_assert_str_eq(buf, "\xc3\xbc");
	ck_assert(valid(buf));
}
END_TEST

START_TEST(test_check_line)
{
	char long_name[TEXT_NAME_MAX * 2 + 8];
	size_t n = 0;

	ck_assert_int_eq(text_check_line("M\xc3\xbcller GmbH", TEXT_NAME_MAX, false), TEXT_OK);
	ck_assert_int_eq(text_check_line("", TEXT_NAME_MAX, false), TEXT_EMPTY);
	ck_assert_int_eq(text_check_line("", TEXT_NAME_MAX, true), TEXT_OK);
	ck_assert_int_eq(text_check_line("   ", TEXT_NAME_MAX, false), TEXT_EMPTY);
	ck_assert_int_eq(text_check_line("   ", TEXT_NAME_MAX, true), TEXT_OK);
	ck_assert_int_eq(text_check_line(NULL, TEXT_NAME_MAX, false), TEXT_EMPTY);
	ck_assert_int_eq(text_check_line("a\tb", TEXT_NAME_MAX, false), TEXT_CONTROL);
	ck_assert_int_eq(text_check_line("a\nb", TEXT_NAME_MAX, false), TEXT_CONTROL);
	ck_assert_int_eq(text_check_line("a\x7f", TEXT_NAME_MAX, false), TEXT_CONTROL);
	ck_assert_int_eq(text_check_line("a\xc2\x85", TEXT_NAME_MAX, false), TEXT_CONTROL);
	ck_assert_int_eq(text_check_line("a\xc3", TEXT_NAME_MAX, false), TEXT_NOT_UTF8);
	ck_assert_int_eq(text_check_line("\xed\xa0\x80", TEXT_NAME_MAX, false), TEXT_NOT_UTF8);

	/* 120 "ü" (240 bytes) is the limit in characters, not bytes. */
	for (int i = 0; i < TEXT_NAME_MAX; i++) {
		long_name[n++] = '\xc3';
		long_name[n++] = '\xbc';
	}
	long_name[n] = '\0';
	ck_assert_int_eq(text_check_line(long_name, TEXT_NAME_MAX, false), TEXT_OK);
	long_name[n++] = 'x';
	long_name[n] = '\0';
	ck_assert_int_eq(text_check_line(long_name, TEXT_NAME_MAX, false), TEXT_TOO_LONG);
}
END_TEST

START_TEST(test_check_line_blanks_not_counted)
{
	char s[TEXT_FIELD_MAX + 8];

	/* " " + 5 letters + " ": 5 characters of content, limit 5. */
	ck_assert_int_eq(text_check_line(" abcde ", 5, false), TEXT_OK);
	ck_assert_int_eq(text_check_line(" abcdef ", 5, false), TEXT_TOO_LONG);
	/* Inner blanks do count. */
	ck_assert_int_eq(text_check_line("ab de f", 5, false), TEXT_TOO_LONG);
	memset(s, 'a', TEXT_FIELD_MAX);
	s[0] = ' ';
	s[TEXT_FIELD_MAX] = '\0';
	ck_assert_int_eq(text_check_line(s, TEXT_FIELD_MAX - 1, false), TEXT_OK);
}
END_TEST

START_TEST(test_check_note)
{
	ck_assert_int_eq(text_check_note("first line\nsecond\tline", TEXT_NOTE_MAX), TEXT_OK);
	ck_assert_int_eq(text_check_note("windows\r\nline", TEXT_NOTE_MAX), TEXT_OK);
	ck_assert_int_eq(text_check_note("", TEXT_NOTE_MAX), TEXT_OK);
	ck_assert_int_eq(text_check_note(NULL, TEXT_NOTE_MAX), TEXT_OK);
	ck_assert_int_eq(text_check_note("bell\a", TEXT_NOTE_MAX), TEXT_CONTROL);
	ck_assert_int_eq(text_check_note("esc\x1b[31m", TEXT_NOTE_MAX), TEXT_CONTROL);
	ck_assert_int_eq(text_check_note("\xc3\x28", TEXT_NOTE_MAX), TEXT_NOT_UTF8);
	ck_assert_int_eq(text_check_note("abcdef", 5), TEXT_TOO_LONG);
}
END_TEST

START_TEST(test_check_messages)
{
	const char *seen[5];

	for (int c = TEXT_OK; c <= TEXT_CONTROL; c++) {
		seen[c] = text_check_message((enum text_check)c);
		ck_assert_ptr_nonnull(seen[c]);
		for (int d = 0; d < c; d++)
			ck_assert_str_ne(seen[d], seen[c]);
	}
	ck_assert_str_eq(text_check_message(TEXT_NOT_UTF8), "is not valid UTF-8");
}
END_TEST

/* Every message about a text that is too long names its limit. */
START_TEST(test_check_say_limit)
{
	char buf[128];

	ck_assert_str_eq(text_check_say(TEXT_TOO_LONG, 120, buf, sizeof buf),
	                 "is too long (at most 120 characters)");
	ck_assert_str_eq(text_check_say(TEXT_TOO_LONG, 1, buf, sizeof buf),
	                 "is too long (at most 1 character)");
	ck_assert_str_eq(text_check_say(TEXT_CONTROL, 120, buf, sizeof buf),
	                 "contains control characters");
}
END_TEST

START_TEST(test_trim_dup)
{
	char *s;

	s = text_trim_dup("  M\xc3\xbcller  GmbH \t\n");
	ck_assert_str_eq(s, "M\xc3\xbcller  GmbH");
	free(s);
	s = text_trim_dup("   ");
	ck_assert_str_eq(s, "");
	free(s);
	s = text_trim_dup(NULL);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST


/* ---- reports: what users type ------------------------------------------ */

/* Output of report_wrap(prefix, indent, text) as a malloc'd string. */
static char *wrapped(const char *prefix, int indent, const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	report_wrap(f, prefix, indent, text);
	fclose(f);
	return buf;
}

/* Every line of s is at most max columns wide; returns the line count. */
static int lines_within(const char *s, int max)
{
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len);
		ck_assert_msg(text_width(line) <= max, "line %d is %d columns: %s", n + 1,
		              text_width(line), line);
		free(line);
		n++;
		s += len + (s[len] == '\n');
	}
	return n;
}

START_TEST(test_wrap_long_word)
{
	char url[400], *out;

	strcpy(url, "https://example.com/");
	memset(url + strlen(url), 'a', 300);
	url[320] = '\0';
	out = wrapped("    Note: ", 6, url);
	/* Cut to fill each line; nothing lost, no line over 78 columns. */
	ck_assert_int_eq(lines_within(out, 78), 5);
	ck_assert(strncmp(out, "    Note: https://example.com/aaa", 33) == 0);
	ck_assert_int_eq((int)strlen(out), 10 + 320 + 4 * (1 + 6) + 1);
	free(out);
	/* A word that fits a line still moves to the next line whole. */
	out = wrapped("", 0, "short words then abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr");
	ck_assert_str_eq(out, "short words then\nabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr\n");
	free(out);
}
END_TEST

START_TEST(test_wrap_wide_characters)
{
	char text[3 * 9 * 20 + 1] = "", *out;
	int i;

	for (i = 0; i < 20; i++)
		strcat(text, NIHONGO NIHONGO NIHONGO);   /* 360 columns, no space */
	out = wrapped("  - ", 4, text);
	ck_assert_int_eq(lines_within(out, 78), 5);
	/* 74 columns after the prefix: 37 characters on the first line. */
	ck_assert(strncmp(out + 4 + 37 * 3, "\n    ", 5) == 0);
	free(out);
}
END_TEST

START_TEST(test_wrap_carriage_return)
{
	char *out = wrapped("Note: ", 2, "first\r\nsecond\rthird");

	ck_assert_str_eq(out, "Note: first\n  second\n  third\n");
	free(out);
}
END_TEST

/* A one-item report of the built-in questionnaire in fmt. */
static char *report_with(enum report_format fmt, const char *name, const char *summary,
                         const char *note)
{
	static char empty[] = "", core[] = "core";
	/* the structs the store fills: their texts are its own copies */
	char *name_copy = strdup(name), *summary_copy = strdup(summary), *note_copy = strdup(note);
	struct company c;
	struct scored s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	ck_assert(name_copy && summary_copy && note_copy);
	memset(&c, 0, sizeof c);
	memset(&s, 0, sizeof s);
	c.name = name_copy;
	c.industry = c.contact = c.notes = empty;
	s.a.id = 7;
	s.a.status = ASSESS_FINAL;
	s.a.questionnaire = core;
	s.a.qversion = 1;
	s.a.started = s.a.completed = 1767258000;
	s.a.assessor = empty;
	s.a.summary = summary_copy;
	s.cat = catalogue_builtin();
	for (i = 0; i < CAT_MAX_ITEMS; i++) {
		s.values[i] = ANSWER_UNANSWERED;
		s.notes[i] = empty;
	}
	s.values[0] = 1;
	s.notes[0] = note_copy;
	scoring_compute(s.cat, s.values, &s.score);
	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	{
		struct report_input in = { .company = &c, .s = &s };
		ck_assert_int_eq(report_assessment(f, fmt, &in), 0);
	}
	fclose(f);
	free(name_copy);
	free(summary_copy);
	free(note_copy);
	return buf;
}

START_TEST(test_markdown_block_syntax)
{
	char *md = report_with(REPORT_MARKDOWN, "A &amp; B & C ~~GmbH~~",
	                       "- not a list\n1. not a list either",
	                       "   2026. kein Listenpunkt\r- nor this\r\n+ nor this");

	/* The summary paragraph does not open a list. */
	ck_assert_ptr_nonnull(strstr(md, "\n\\- not a list<br>1. not a list either\n"));
	/* A note: no raw carriage return, nothing that starts a line. */
	ck_assert_ptr_null(strchr(md, '\r'));
	ck_assert_ptr_nonnull(strstr(md, "Note:    2026. kein Listenpunkt<br>- nor this<br>+ nor this"));
	/* Entities and strike-through are shown as typed. */
	ck_assert_ptr_nonnull(strstr(md, "A \\&amp; B & C \\~\\~GmbH\\~\\~"));
	free(md);
	md = report_with(REPORT_MARKDOWN, "Firma", "1) Punkt", "");
	ck_assert_ptr_nonnull(strstr(md, "\n1\\) Punkt\n"));
	free(md);
	md = report_with(REPORT_MARKDOWN, "Firma", "    indented is no code block", "");
	ck_assert_ptr_nonnull(strstr(md, "\nindented is no code block\n"));
	free(md);
}
END_TEST

START_TEST(test_html_line_breaks)
{
	char *html = report_with(REPORT_HTML, "Firma", "eins\r\nzwei", "a\rb");

	ck_assert_ptr_null(strchr(html, '\r'));
	ck_assert_ptr_nonnull(strstr(html, "eins<br>zwei"));
	ck_assert_ptr_nonnull(strstr(html, "Note: a<br>b"));
	free(html);
}
END_TEST

START_TEST(test_text_report_width)
{
	char note[600] = "", *txt;
	int i;

	for (i = 0; i < 60; i++)
		strcat(note, NIHONGO);
	txt = report_with(REPORT_TEXT, "Firma", "", note);
	lines_within(txt, 78);
	ck_assert_ptr_null(strchr(txt, '\r'));
	free(txt);
}
END_TEST

/* An assessment of the built-in questionnaire with every answer v, and
 * answer first for the first item; notes empty. */
static void scored_fill(struct scored *s, int v, int first, long long at, int number)
{
	static char empty[] = "", core[] = "core";
	int i;

	memset(s, 0, sizeof *s);
	s->a.id = number;
	s->a.number = number;
	s->a.status = ASSESS_FINAL;
	s->a.questionnaire = core;
	s->a.qversion = catalogue_builtin()->version;
	s->a.started = s->a.completed = at;
	s->a.assessor = empty;
	s->a.summary = empty;
	s->cat = catalogue_builtin();
	for (i = 0; i < CAT_MAX_ITEMS; i++) {
		s->values[i] = i < s->cat->n_items ? v : ANSWER_UNANSWERED;
		s->notes[i] = empty;
	}
	s->values[0] = first;
	scoring_compute(s->cat, s->values, &s->score);
}

static char *report_to_text(const struct report_input *in, bool comparison)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(comparison ? report_comparison(f, REPORT_TEXT, in)
	                            : report_assessment(f, REPORT_TEXT, in), 0);
	fclose(f);
	return buf;
}

/* The action plan in the report: its open actions are the next steps,
 * with who, by when (overdue said in words) and the questions they aim
 * at; and the loop of the plan agreed last time comes first among the
 * changes, in the four groups with their counts. */
START_TEST(test_report_plan)
{
	static char empty[] = "", name[] = "Plan GmbH";
	struct company c = { .name = name, .industry = empty, .contact = empty,
	                     .notes = empty };
	const struct cat_item *it = &catalogue_builtin()->items[0];
	struct report_aim aim = { .key = it->key, .question = it->question, .target = 3,
	                          .before = 1, .after = 3, .progress = PLAN_REACHED };
	struct report_aim same = { .key = it->key, .question = it->question, .target = 3,
	                           .before = 1, .after = 1, .progress = PLAN_SAME };
	struct report_action acts[2] = {
		{ .number = 1, .text = "Write the one-page policy", .owner = "Frau Groß",
		  .due = "2026-04-01", .overdue = true, .aims = &aim, .n_aims = 1,
		  .state = PLAN_STARTED, .note = "with the works council" },
		{ .number = 2, .text = "Book a training", .state = PLAN_OPEN },
	};
	struct report_action loop[3] = {
		{ .number = 1, .text = "Write the goal down", .aims = &aim, .n_aims = 1,
		  .state = PLAN_DONE, .outcome = PLAN_WORKED, .n_moved = 1 },
		{ .number = 2, .text = "Name a deputy", .aims = &same, .n_aims = 1,
		  .state = PLAN_DONE, .outcome = PLAN_NO_EFFECT },
		{ .number = 3, .text = "Answer every day", .aims = &same, .n_aims = 1,
		  .due = "2026-03-01", .overdue = true, .owner = "Jonas",
		  .state = PLAN_OPEN, .outcome = PLAN_STILL_OPEN },
	};
	struct report_plan plan = { .agreed = 1767258000, .actions = acts, .n_actions = 2 };
	struct report_plan prev = { .actions = loop, .n_actions = 3 };
	static struct compared cmp;
	struct report_input in;
	char *out, *first, *stops;

	scored_fill(&cmp.old, 3, 1, 1767258000, 1);
	scored_fill(&cmp.new, 3, 4, 1775116800, 2);
	compare_scores(&cmp.old.score, cmp.old.values, &cmp.new.score, cmp.new.values, &cmp.cmp);

	memset(&in, 0, sizeof in);
	in.company = &c;
	in.s = &cmp.new;
	in.plan = &plan;
	out = report_to_text(&in, false);
	ck_assert_ptr_nonnull(strstr(out, "Next steps: the agreed plan"));
	ck_assert_ptr_nonnull(strstr(out, "1. Write the one-page policy"));
	ck_assert_ptr_nonnull(strstr(out, "Who: Frau Groß"));
	ck_assert_ptr_nonnull(strstr(out, "By: 2026-04-01 (overdue)"));
	ck_assert_ptr_nonnull(strstr(out, "Status: in progress"));
	ck_assert_ptr_nonnull(strstr(out, "(aim: 3"));
	ck_assert_ptr_nonnull(strstr(out, "Note: with the works council"));
	ck_assert_ptr_nonnull(strstr(out, "2. Book a training"));
	free(out);

	memset(&in, 0, sizeof in);
	in.company = &c;
	in.cmp = &cmp;
	in.prev_plan = &prev;
	out = report_to_text(&in, true);
	first = strstr(out, "The plan agreed last time");
	stops = strstr(out, "Stop signs");
	ck_assert_ptr_nonnull(first);
	ck_assert_msg(stops && first < stops, "the loop does not lead the changes");
	ck_assert_ptr_nonnull(strstr(out, "1 worked; 1 done without effect; 0 improved without "
	                                  "the action; 1 still open."));
	ck_assert_ptr_nonnull(strstr(out, "[worked] Write the goal down"));
	ck_assert_ptr_nonnull(strstr(out, "[done without effect] Name a deputy"));
	ck_assert_ptr_nonnull(strstr(out, "[still open] Answer every day"));
	ck_assert_ptr_nonnull(strstr(out, "1 – a little → 3 – largely (aim: 3 – largely)"));
	ck_assert_ptr_nonnull(strstr(out, "Overdue: it was due by 2026-03-01."));
	free(out);
}
END_TEST

/* Three final assessments draw the trend, oldest first; two do not. */
START_TEST(test_report_trend)
{
	static char empty[] = "", name[] = "Trend GmbH";
	struct company c = { .name = name, .industry = empty, .contact = empty,
	                     .notes = empty };
	struct assessment hist[3];
	struct report_input in;
	static struct scored s;
	char *out;
	int i;

	scored_fill(&s, 2, 2, 1790000000, 3);
	memset(hist, 0, sizeof hist);
	for (i = 0; i < 3; i++) {
		hist[i].id = hist[i].number = 3 - i;
		hist[i].status = ASSESS_FINAL;
		hist[i].completed = 1790000000 - i * 8000000LL;
		hist[i].overall = 50 - 10 * i;
		hist[i].level = LEVEL_EARLY;
	}
	memset(&in, 0, sizeof in);
	in.company = &c;
	in.s = &s;
	in.history = hist;
	in.n_history = 3;
	out = report_to_text(&in, false);
	ck_assert_ptr_nonnull(strstr(out, "Overall score over time"));
	ck_assert_ptr_nonnull(strstr(out, "No. 1 "));
	ck_assert(strstr(out, "No. 1  ") && strstr(out, "No. 1  ") < strstr(out, "No. 3  "));
	free(out);
	in.n_history = 2;
	out = report_to_text(&in, false);
	ck_assert_ptr_null(strstr(out, "Overall score over time"));
	free(out);
}
END_TEST

/* The normal forms and keys of names (names that look alike or look
 * empty are one name, or refused). */
START_TEST(test_normal_and_keys)
{
	char *k1, *k2;

	k1 = text_normal_line("  Mu\xcc\x88ller \t\xe2\x80\x83 GmbH \xe3\x80\x80");
	ck_assert_str_eq(k1, "Müller GmbH");
	free(k1);
	k1 = text_normal_note("Zeile 1\nMu\xcc\x88ller  bleibt");
	ck_assert_str_eq(k1, "Zeile 1\nMüller  bleibt");
	free(k1);
	k1 = text_name_key("Mu\xcc\x88ller  GmbH");
	k2 = text_name_key("MÜLLER GMBH");
	ck_assert_str_eq(k1, k2);
	free(k2);
	k2 = text_name_key("Muller GmbH");
	ck_assert_str_ne(k1, k2);
	free(k1);
	free(k2);
	k1 = text_fold("Ärztehaus Straße");
	ck_assert_str_eq(k1, "arztehaus strasse");
	free(k1);
	k1 = text_fold_alt("Ärztehaus Söhne");
	ck_assert_str_eq(k1, "aerztehaus soehne");
	free(k1);
	k1 = text_fold("Ærø \xef\xac\x81sk \xe2\x80\x8bŁódź");   /* the fi ligature, a ZWSP */
	ck_assert_str_eq(k1, "aero fisk lodz");
	free(k1);
}
END_TEST

/* ASCII text is checked without utf8proc; a no-break space (U+00A0, white
 * space outside ASCII) in front sends the same text the general way, which
 * must come to the same verdict, for every short text of these bytes. */
START_TEST(test_check_ascii_as_general)
{
	static const char alphabet[] = " a~!\t\n\r\x01\x7f";
	const size_t na = sizeof alphabet - 1;
	char s[8], general[12];
	size_t total = 1;

	for (int len = 0; len <= 5; len++, total *= na) {
		for (size_t code = 0; code < total; code++) {
			size_t c = code;

			for (int i = 0; i < len; i++, c /= na)
				s[i] = alphabet[c % na];
			s[len] = '\0';
			snprintf(general, sizeof general, "\xc2\xa0%s", s);
			for (size_t max = 0; max <= 6; max++) {
				ck_assert_msg(text_check_line(s, max, false) ==
				              text_check_line(general, max, false),
				              "line \"%s\", max %zu", s, max);
				ck_assert_msg(text_check_line(s, max, true) ==
				              text_check_line(general, max, true),
				              "line \"%s\", max %zu, may be empty", s, max);
				ck_assert_msg(text_check_note(s, max) == text_check_note(general, max + 1),
				              "note \"%s\", max %zu", s, max);
			}
		}
	}
}
END_TEST

START_TEST(test_invisible_and_bidi)
{
	ck_assert_int_eq(text_check_line("\xc2\xa0", 120, false), TEXT_EMPTY);
	ck_assert_int_eq(text_check_line("\xe3\x80\x80", 120, false), TEXT_EMPTY);
	ck_assert_int_eq(text_check_line("\xe2\x80\x8b", 120, false), TEXT_INVISIBLE);
	ck_assert_int_eq(text_check_line("\xcc\x88", 120, false), TEXT_INVISIBLE);
	ck_assert_int_eq(text_check_line("\xe2\x80\x8b", 120, true), TEXT_INVISIBLE);
	ck_assert_int_eq(text_check_line("a\xe2\x80\xae" "b", 120, false), TEXT_BIDI);
	ck_assert_int_eq(text_check_line("a\xe2\x81\xa6" "b", 120, false), TEXT_BIDI);
	ck_assert_int_eq(text_check_note("x\xe2\x80\xaey", 4000), TEXT_BIDI);
	/* right-to-left text itself, with its marks, is fine */
	ck_assert_int_eq(text_check_line("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xe2\x80\x8f", 120,
	                                 false), TEXT_OK);
	/* a run of blanks counts as one */
	ck_assert_int_eq(text_check_line("ab  cd", 5, false), TEXT_OK);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("text");
	TCase *utf = tcase_create("utf8");
	TCase *width = tcase_create("width");
	TCase *check = tcase_create("check");
	TCase *report = tcase_create("report");

	/* wcwidth() answers for the LC_CTYPE locale only. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		printf("# no UTF-8 locale: wide-character widths will be wrong\n");

	tcase_add_test(utf, test_utf8_valid_good);
	tcase_add_test(utf, test_utf8_overlong);
	tcase_add_test(utf, test_utf8_surrogate_and_range);
	tcase_add_test(utf, test_utf8_truncated);
	tcase_add_test(utf, test_chars);
	tcase_add_test(width, test_width_latin);
	tcase_add_test(width, test_width_wide_and_zero);
	tcase_add_test(width, test_fit);
	tcase_add_test(width, test_cell_fits);
	tcase_add_test(width, test_cell_cut);
	tcase_add_test(width, test_cell_wide_at_cut);
	tcase_add_test(width, test_cell_small_buffer);
	tcase_add_test(check, test_check_line);
	tcase_add_test(check, test_check_line_blanks_not_counted);
	tcase_add_test(check, test_check_note);
	tcase_add_test(check, test_check_messages);
	tcase_add_test(check, test_check_say_limit);
	tcase_add_test(check, test_trim_dup);
	tcase_add_test(check, test_normal_and_keys);
	tcase_add_test(check, test_invisible_and_bidi);
	tcase_add_test(check, test_check_ascii_as_general);
	/* 66,000 texts through both checks: seconds under the sanitizers */
	tcase_set_timeout(check, 120);
	suite_add_tcase(s, utf);
	suite_add_tcase(s, width);
	tcase_add_test(report, test_wrap_long_word);
	tcase_add_test(report, test_wrap_wide_characters);
	tcase_add_test(report, test_wrap_carriage_return);
	tcase_add_test(report, test_markdown_block_syntax);
	tcase_add_test(report, test_html_line_breaks);
	tcase_add_test(report, test_text_report_width);
	tcase_add_test(report, test_report_plan);
	tcase_add_test(report, test_report_trend);
	suite_add_tcase(s, check);
	suite_add_tcase(s, report);
	return tap_run_suite(s);
}
