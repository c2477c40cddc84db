/*
 * exchange-actions.c - the action plan in the import: merging an action of
 * the file (read and checked by exchange-read.c) by its UUID.  An action
 * the database lacks is added as it was (its number where that is free);
 * one it has is left alone when equal, takes the file's version when that
 * continues its history of changes and is newer (the action was worked on
 * elsewhere since), is kept with a notice when it is the newer one, and is
 * otherwise kept and reported as a conflict: changed on both sides.
 */
#include "config.h"

#include "exchange-actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- merging ------------------------------------------------------------------ */

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Whether the changes a[0..na) are the first of b[0..nb) (or all). */
static bool history_starts(const struct action_change *a, size_t na,
                           const struct action_change *b, size_t nb)
{
	if (na > nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (a[i].at != b[i].at || a[i].status != b[i].status)
			return false;
	return true;
}

/* Whether the version with changes a[0..na), changed at a_at, is a later
 * one than b's: its history of changes continues b's, and it has more
 * changes or was changed later.  (Of two versions edited on both sides
 * without a change of status, the later one counts as ahead: the export
 * keeps no common ancestor to tell them apart.) */
static bool ahead(const struct action_change *a, size_t na, long long a_at,
                  const struct action_change *b, size_t nb, long long b_at)
{
	return history_starts(b, nb, a, na) && (na > nb || a_at > b_at);
}

static bool action_same(const struct action *local, const struct xc_action *x)
{
	const struct action_in *a = &x->a;

	if (!str_eq(local->title, a->title) || !str_eq(local->owner, a->owner) ||
	    strcmp(local->due, a->due) != 0 || local->status != a->status ||
	    !str_eq(local->note, a->note) || !str_eq(local->questionnaire, a->questionnaire) ||
	    local->qversion != a->qversion || strcmp(local->origin_uuid, x->origin) != 0 ||
	    local->created != a->created || local->updated != a->updated ||
	    local->n_items != a->n_items || local->n_changes != a->n_changes)
		return false;
	for (size_t i = 0; i < a->n_items; i++)
		if (strcmp(local->items[i].key, a->items[i].key) != 0 ||
		    local->items[i].target != a->items[i].target)
			return false;
	return history_starts(local->changes, local->n_changes, a->changes, a->n_changes);
}

/* The local id of the assessment that suggested the action, or 0 when it
 * was added by hand or that assessment is not here. */
static long long local_origin(struct store *st, const char *uuid)
{
	struct assessment o;
	long long id = 0;

	if (uuid[0] && store_assessment_find_uuid(st, uuid, &o) == STORE_OK) {
		id = o.id;
		store_assessment_clear(&o);
	}
	return id;
}

/* The file's newer version replaced fields that differed here: a note
 * names them, since this database may have changed them too (the export
 * cannot tell an edit on both sides from one on one side). */
static void fields_replaced(struct exchange_report *rep, const struct action *local,
                            const struct xc_action *x, const struct company_in *c)
{
	char fields[96] = "";

	if (!str_eq(local->title, x->a.title))
		strcat(fields, "title, ");
	if (!str_eq(local->owner, x->a.owner))
		strcat(fields, "owner, ");
	if (strcmp(local->due, x->a.due) != 0)
		strcat(fields, "due, ");
	if (!str_eq(local->note, x->a.note))
		strcat(fields, "note, ");
	if (!fields[0])
		return;
	fields[strlen(fields) - 2] = '\0';
	xc_push_line(&rep->notices, &rep->n_notices,
	          _("action %d of \"%s\" (\"%s\"): took the file's later version, with other "
	            "%s than this database had"), local->number, c->name, x->a.title, fields);
}

/* One action of the file for the company (local id company_id). */
static enum store_err merge_action(struct store *st, struct exchange_report *rep,
                                   struct xc_action *x, const struct company_in *c,
                                   long long company_id)
{
	struct action local;
	enum store_err err = store_action_find(st, x->a.uuid, &local);
	int number = 0;

	x->a.origin = local_origin(st, x->origin);
	if (err == STORE_NOT_FOUND) {
		err = store_action_insert(st, company_id, &x->a, NULL, &number);
		if (err != STORE_OK)
			return err;
		rep->actions_added++;
		if (number != x->a.number)
			xc_push_line(&rep->notices, &rep->n_notices,
			          _("action %s of \"%s\" (\"%s\") is number %d here: number %d was "
			            "taken"), x->a.uuid, c->name, x->a.title, number, x->a.number);
		return STORE_OK;
	}
	if (err != STORE_OK)
		return err;
	if (local.company_id != company_id)
		xc_push_line(&rep->conflicts, &rep->n_conflicts,
		          _("action %s belongs to another company here than \"%s\"; left it as "
		            "it is"), x->a.uuid, c->name);
	else if (action_same(&local, x))
		rep->actions_unchanged++;
	else if (ahead(x->a.changes, x->a.n_changes, x->a.updated, local.changes,
	               local.n_changes, local.updated)) {
		err = store_action_replace(st, local.id, &x->a);
		if (err == STORE_OK)
			rep->actions_updated++;
		if (err == STORE_OK)
			fields_replaced(rep, &local, x, c);
	} else if (ahead(local.changes, local.n_changes, local.updated, x->a.changes,
	                 x->a.n_changes, x->a.updated))
		xc_push_line(&rep->notices, &rep->n_notices,
		          _("action %d of \"%s\" (\"%s\") is newer here than in the file; kept "
		            "this database's version"), local.number, c->name, local.title);
	else
		xc_push_line(&rep->conflicts, &rep->n_conflicts,
		          _("action %d of \"%s\" (\"%s\") was changed both here and in the file; "
		            "kept this database's version"), local.number, c->name, local.title);
	store_action_clear(&local);
	return err;
}

enum store_err xc_import_action(struct store *st, struct exchange_report *rep,
                                struct xc_action *x, const struct company_in *c,
                                long long company_id)
{
	return merge_action(st, rep, x, c, company_id);
}
