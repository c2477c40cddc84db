/*
 * assess-report.h - gathers from the store what a report shows besides
 * the assessment itself: the company, the comparison with the final
 * assessment before, the company's history (for the trend), the events of
 * both assessments (reopenings), the company's open actions and the loop
 * of the plan, into a struct report_input.
 * Glue between the store and the report module, which reads no store;
 * used by the command line and the UI alike.  Prints nothing.
 */
#ifndef SMREADY_ASSESS_REPORT_H
#define SMREADY_ASSESS_REPORT_H

#include <stdbool.h>

#include "assess-plan.h"
#include "assess.h"
#include "report.h"
#include "settings.h"
#include "store.h"

/* What a report_input points to; filled by the functions below and freed
 * with assess_report_clear().  in is ready to pass to report_*(). */
struct assess_report {
	struct report_input in;
	struct company company;
	struct compared cmp;
	bool have_cmp;
	struct assessment *history;
	size_t n_history;
	struct assessment_event *events, *old_events;
	size_t n_events, n_old_events;
	/* the plan: the company's open actions, as the report shows them */
	struct action *actions;
	size_t n_actions;
	struct report_plan plan;
	/* the loop of the assessment reported on */
	struct plan_loop loop;
	struct report_plan prev_plan;
	/* what the two report_plans point to */
	struct report_action *report_actions;
	struct report_aim *report_aims;
};

/* For report_assessment() of s (loaded by the caller, who keeps it):
 * s's company, its comparison with the final assessment before it (for a
 * draft: the latest final one), the history and the events; when s is the
 * company's latest final assessment, its open actions as the plan; and
 * when s is final, the loop of its plan against the final one before.  settings may
 * be NULL (defaults).  What cannot be read beyond the company is left out
 * of the report rather than failing it. */
enum store_err assess_report_gather(struct store *st, const struct scored *s,
                                    const struct settings *settings, struct assess_report *out);

/* For report_comparison() of cmp (loaded by the caller, who keeps it):
 * the company, the history, both sides' events and the loop of the plan
 * at cmp->new against cmp->old. */
enum store_err assess_report_gather_compare(struct store *st, const struct compared *cmp,
                                            const struct settings *settings,
                                            struct assess_report *out);

void assess_report_clear(struct assess_report *r);

#endif
