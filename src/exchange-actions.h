/*
 * exchange-actions.h - a company's action plan in the export file: checked
 * with the rest of the file before anything changes, then merged by UUID.
 * Private to exchange-*.c.
 */
#ifndef SMREADY_EXCHANGE_ACTIONS_H
#define SMREADY_EXCHANGE_ACTIONS_H

#include <stdbool.h>

#include <jansson.h>

#include "exchange-int.h"
#include "store.h"

/* What checking the actions asks of the import's first pass. */
struct xc_action_check {
	/* false (and remembers it) the second time uuid is given */
	bool (*first_time)(void *ctx, const char *uuid);
	/* whether the assessment origin, earlier in the file or in the
	 * database, belongs to the company; false with the error set */
	bool (*origin_ok)(void *ctx, const char *origin, const char *company_uuid,
	                  const char *path);
	void *ctx;
};

/* Checks the "actions" of the company object cobj (at cpath in the file;
 * none is fine: files of version 1 have none). */
bool xc_check_actions(struct exchange_report *rep, json_t *cobj, const char *cpath,
                      const char *company_uuid, const struct xc_action_check *chk);

/* Merges the checked actions of cobj into the company c (local id
 * company_id), counting and reporting in rep.  On a refusal *refused is
 * set and the reason is in rep; on a database failure rep->error says it. */
enum store_err xc_import_actions(struct store *st, struct exchange_report *rep, json_t *cobj,
                                 const char *cpath, const struct company *c,
                                 long long company_id, bool *refused);

#endif
