/*
 * exchange-actions.h - a company's action plan in the import: each action
 * of the file, once read and checked, merged by UUID.  Private to
 * exchange-*.c.
 */
#ifndef SMREADY_EXCHANGE_ACTIONS_H
#define SMREADY_EXCHANGE_ACTIONS_H

#include "exchange-int.h"
#include "store.h"

/* Merges the action x into the company c (local id company_id), counting
 * and reporting in rep.  x->a.origin is set from x->origin here. */
enum store_err xc_import_action(struct store *st, struct exchange_report *rep,
                                struct xc_action *x, const struct company_in *c,
                                long long company_id);

#endif
