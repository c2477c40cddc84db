/*
 * cli-assess.c - the verbs that make an assessment from a script: "assess"
 * starts or resumes a draft, "answer" and "note" fill it in, "finish"
 * scores it, "reopen" turns a final one back into a draft.
 */
#include "config.h"

#include "cli-verbs.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess.h"
#include "catalogue.h"
#include "cli-util.h"
#include "cli.h"
#include "i18n.h"
#include "json-out.h"
#include "report.h"
#include "scoring.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"
#include "verdict.h"

/* ---- assess, answer, note, finish, reopen -------------------------------- */

const char cli_help_assess[] = N_(
	"Usage: smready assess COMPANY [--fresh] [--assessor NAME]\n"
	"\n"
	"Starts a new assessment (a draft) of the company and prints its number on\n"
	"standard output.  The answers and notes of the latest final assessment\n"
	"are carried over to be confirmed or changed, unless --fresh is given.\n"
	"When the company has an open draft already, that draft is resumed.\n"
	"\n"
	"  --fresh           start with no answers\n"
	"  --assessor NAME   who makes the assessment (default: the settings file's\n"
	"                    assessor)\n"
	"  --help            show this help\n");

/* Tells on stderr what assess started or resumed: the draft's number
 * within the company and its ID, which stdout gives. */
static void assess_said(struct store *st, const struct company *co, long long id, bool resumed)
{
	struct assessment a, from;
	struct answer *ans = NULL;
	size_t n = 0;

	memset(&from, 0, sizeof from);
	if (store_assessment_get(st, id, &a) != STORE_OK)
		a.number = 0;
	if (resumed) {
		fprintf(stderr, _("Resuming the open draft no. %d of \"%s\" (ID %lld).\n"),
		        a.number, co->name, id);
	} else if (a.based_on && store_assessment_get(st, a.based_on, &from) == STORE_OK) {
		if (store_answers_load(st, id, &ans, &n) != STORE_OK)
			n = 0;
		store_answers_free(ans, n);
		fprintf(stderr, P_("Started draft no. %d of \"%s\" (ID %lld) with %zu answer carried "
		                   "over from no. %d; confirm or change it.\n",
		                   "Started draft no. %d of \"%s\" (ID %lld) with %zu answers carried "
		                   "over from no. %d; confirm or change them.\n", n),
		        a.number, co->name, id, n, from.number);
	} else {
		fprintf(stderr, _("Started draft no. %d of \"%s\" (ID %lld).\n"), a.number, co->name,
		        id);
	}
	store_assessment_clear(&from);
	store_assessment_clear(&a);
}

int cli_verb_assess(struct store *st, const struct args *a)
{
	struct settings set;
	struct company co;
	enum store_err err;
	bool resumed = false;
	long long id = 0;
	int rc;

	if (a->assessor && cli_check_line(_("The assessor"), a->assessor, TEXT_FIELD_MAX, true))
		return EXIT_FAIL;
	if ((rc = cli_find_company(st, a->pos[0], &co)) != EXIT_OK)
		return rc;
	settings_init(&set);
	if (!a->assessor)
		cli_load_settings(&set);
	/* Without --assessor, the settings' default assessor (if any). */
	err = assess_start(st, co.id, !a->fresh, a->assessor ? a->assessor
	                   : *set.assessor ? set.assessor : NULL, &id, &resumed);
	if (err == STORE_OK && resumed && a->assessor)
		err = store_assessment_set_meta(st, id, a->assessor, NULL);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else {
		assess_said(st, &co, id, resumed);
		printf("%lld\n", id);
	}
	store_company_clear(&co);
	return rc;
}

const char cli_help_answer[] = N_(
	"Usage: smready answer ASSESSMENT ITEM-KEY VALUE [--note TEXT]\n"
	"\n"
	"Answers one question of a draft.  ASSESSMENT is the draft's number or\n"
	"UUID, or a company name meaning its open draft.  ITEM-KEY is a question's\n"
	"key as listed by 'smready questions', or its number as the screens show\n"
	"it (2.3).  VALUE is 0 (not at all) to 4 (fully), dk for \"don't know\",\n"
	"or none to clear the answer.\n"
	"\n"
	"  --note TEXT   also set the answer's note\n"
	"  --help        show this help\n");

/* Sets value and, when note is not NULL, the note: both or neither. */
static enum store_err answer_set(struct store *st, long long id, const char *key, int value,
                                 const char *note)
{
	enum store_err err = note ? store_begin(st) : STORE_OK;

	if (err == STORE_OK)
		err = store_answer_set(st, id, key, value);
	if (err == STORE_OK && note)
		err = store_answer_set_note(st, id, key, note);
	if (err == STORE_OK && note)
		err = store_commit(st);
	if (err != STORE_OK && note)
		store_rollback(st);
	return err;
}

int cli_verb_answer(struct store *st, const struct args *a)
{
	const char *ref = a->pos[0], *key = a->pos[1];
	struct assessment d;
	enum store_err err;
	int rc, value;

	if ((rc = cli_check_key("answer", key)) != EXIT_OK)
		return rc;
	if (!cli_parse_value(a->pos[2], &value)) {
		char shown[CLI_PRINTABLE_SIZE];
		return cli_usage("answer", _("Invalid answer \"%s\": use 0 (not at all) to 4 (fully), "
		                             "dk (don't know) or none."),
		                 text_printable(shown, sizeof shown, a->pos[2]));
	}
	if (a->note && cli_check_note(_("The note"), a->note))
		return EXIT_FAIL;
	if ((rc = cli_find_draft_item(st, ref, &key, &d)) != EXIT_OK)
		return rc;
	err = answer_set(st, d.id, key, value, a->note);
	if (err != STORE_OK)
		rc = cli_store_fail(st, err);
	store_assessment_clear(&d);
	return rc;
}

const char cli_help_note[] = N_(
	"Usage: smready note ASSESSMENT ITEM-KEY TEXT\n"
	"\n"
	"Sets the note of one answer of a draft (an empty TEXT removes it); the\n"
	"answer's value stays as it is.  ASSESSMENT is as for 'answer'.\n"
	"\n"
	"  --help   show this help\n");

int cli_verb_note(struct store *st, const struct args *a)
{
	const char *ref = a->pos[0], *key = a->pos[1], *text = a->pos[2];
	struct assessment d;
	enum store_err err;
	int rc;

	if ((rc = cli_check_key("note", key)) != EXIT_OK)
		return rc;
	if (cli_check_note(_("The note"), text))
		return EXIT_FAIL;
	if ((rc = cli_find_draft_item(st, ref, &key, &d)) != EXIT_OK)
		return rc;
	err = store_answer_set_note(st, d.id, key, text);
	if (err != STORE_OK)
		rc = cli_store_fail(st, err);
	store_assessment_clear(&d);
	return rc;
}

const char cli_help_finish[] = N_(
	"Usage: smready finish ASSESSMENT\n"
	"\n"
	"Scores a draft and makes it final.  Questions still unanswered are listed\n"
	"on standard error (they are left out of the score); the readiness level\n"
	"and score are printed on standard output.  ASSESSMENT is as for 'answer'.\n"
	"\n"
	"  --help   show this help\n");

/* Lists unanswered and unconfirmed carried answers on stderr. */
static void finish_warnings(const struct scored *s)
{
	int i, n = 0, carried = 0;

	for (i = 0; i < s->cat->n_items; i++) {
		if (s->values[i] == ANSWER_UNANSWERED)
			n++;
		else if (s->carried[i])
			carried++;
	}
	if (n > 0) {
		fprintf(stderr, P_("%d question is unanswered:", "%d questions are unanswered:", n), n);
		for (i = 0; i < s->cat->n_items; i++)
			if (s->values[i] == ANSWER_UNANSWERED)
				fprintf(stderr, " %s", s->cat->items[i].key);
		fputc('\n', stderr);
	}
	if (carried > 0)
		fprintf(stderr, P_("%d answer was carried over from the previous assessment "
		                   "without being confirmed.\n",
		                   "%d answers were carried over from the previous assessment "
		                   "without being confirmed.\n", carried), carried);
}

static void print_result(const struct scored *s)
{
	char why[512];
	int k;

	if (s->score.overall >= 0)
		printf(_("Assessment %lld (no. %d) is final: %s, score %d of 100.\n"), s->a.id,
		       s->a.number, report_level_label(s->score.level), s->score.overall);
	else
		printf(_("Assessment %lld (no. %d) is final: %s.\n"), s->a.id, s->a.number,
		       report_level_label(s->score.level));
	if (*verdict_why(why, sizeof why, &s->score))
		printf("%s\n", verdict_text(why, sizeof why, &s->score));
	for (k = 0; k < s->cat->n_knockouts; k++) {
		if (s->score.fired[k])
			printf(_("Stop sign: %s\n"), _(s->cat->knockouts[k].name));
		else if (s->score.caution[k])
			printf(_("Caution: %s\n"), _(s->cat->knockouts[k].name));
	}
}

int cli_verb_finish(struct store *st, const struct args *a)
{
	struct assessment d;
	struct scored s;
	enum store_err err;
	int rc;

	if ((rc = cli_find_draft(st, a->pos[0], &d)) != EXIT_OK)
		return rc;
	err = assess_load(st, d.id, &s);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
	} else if (s.score.answered == 0) {
		cli_msg(_("Assessment %lld has no answers yet; answer at least one question "
		          "before finishing it."), d.id);
		rc = EXIT_FAIL;
	} else {
		finish_warnings(&s);
		/* Finishing changes only the status: s still holds the score. */
		err = assess_finish(st, d.id, NULL);
		if (err != STORE_OK)
			rc = cli_store_fail(st, err);
		else
			print_result(&s);
	}
	assess_clear(&s);
	store_assessment_clear(&d);
	return rc;
}

const char cli_help_discard[] = N_(
	"Usage: smready discard DRAFT [--yes]\n"
	"\n"
	"Discards a draft with its answers and notes, after asking on the\n"
	"terminal (or with --yes).  DRAFT is a draft's number or UUID, or a company\n"
	"name meaning its open draft.  A draft that was final before it was reopened\n"
	"is not discarded: finish it again.\n"
	"\n"
	"  -y, --yes   discard without asking\n"
	"  --help      show this help\n");

int cli_verb_discard(struct store *st, const struct args *a)
{
	struct assessment d;
	struct company co;
	enum store_err err;
	int rc, n = 0;

	if ((rc = cli_find_draft(st, a->pos[0], &d)) != EXIT_OK)
		return rc;
	memset(&co, 0, sizeof co);
	store_company_get(st, d.company_id, &co);
	if (!a->yes) {
		char q[600], date[TIMEFMT_DATE_SIZE];

		if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
			cli_msg(_("Not discarding the draft of \"%s\" without confirmation; add --yes "
			          "to discard it."), co.name ? co.name : "");
			rc = EXIT_FAIL;
			goto out;
		}
		timefmt_date(d.started, date, sizeof date);
		snprintf(q, sizeof q, _("Discard the draft of \"%s\" of %s with all its answers? "
		                        "[y/N]"), co.name ? co.name : "", date);
		if (!cli_confirm(q)) {
			fprintf(stderr, "%s\n", _("Nothing was discarded."));
			rc = EXIT_FAIL;
			goto out;
		}
	}
	err = assess_discard(st, d.id, &n);
	if (err != STORE_OK) {
		rc = cli_store_fail(st, err);
		goto out;
	}
	printf(P_("Discarded the draft of \"%s\" with %d answer.\n",
	          "Discarded the draft of \"%s\" with %d answers.\n", n), co.name ? co.name : "", n);
out:
	store_company_clear(&co);
	store_assessment_clear(&d);
	return rc;
}

const char cli_help_reopen[] = N_(
	"Usage: smready reopen ASSESSMENT --reason TEXT\n"
	"\n"
	"Turns a final assessment back into a draft so that it can be corrected;\n"
	"the reason is kept in its history.  ASSESSMENT is a number, a UUID, or a\n"
	"company name meaning its latest final assessment.\n"
	"\n"
	"  --reason TEXT   why it is reopened (required)\n"
	"  --help          show this help\n");

int cli_verb_reopen(struct store *st, const struct args *a)
{
	struct assessment f;
	enum store_err err;
	long long id;
	int rc;

	if (!a->reason)
		return cli_usage("reopen", "%s", _("Say why with --reason TEXT."));
	if (cli_check_line(_("The reason"), a->reason, TEXT_FIELD_MAX, false))
		return EXIT_FAIL;
	if ((rc = cli_resolve(st, a->pos[0], &id)) != EXIT_OK)
		return rc;
	memset(&f, 0, sizeof f);
	err = store_assessment_get(st, id, &f);
	if (err == STORE_OK && f.status != ASSESS_FINAL) {
		cli_msg(_("Assessment %lld is a draft already."), id);
		store_assessment_clear(&f);
		return EXIT_FAIL;
	}
	store_assessment_clear(&f);
	if (err == STORE_OK)
		err = store_assessment_reopen(st, id, a->reason);
	if (err != STORE_OK)
		return cli_store_fail(st, err);
	printf(_("Assessment %lld is a draft again; finish it when the corrections are made.\n"),
	       id);
	return EXIT_OK;
}

