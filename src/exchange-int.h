/*
 * exchange-int.h - what the parts of the export and import share: the
 * messages about a file's content (with the place in the file named), and
 * the reading of records out of the file.  Private to exchange-*.c.
 */
#ifndef SMREADY_EXCHANGE_INT_H
#define SMREADY_EXCHANGE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "attr.h"
#include "catalogue.h"
#include "exchange.h"
#include "store.h"

#define PATH_MAX_LEN 160         /* a place in the file: "companies[3].name" */
#define REOPENED_MAX 1000000

/* Keys a record of each kind may have (anything else refuses the file). */
extern const char *const xc_company_keys[], *const xc_assessment_keys[],
       *const xc_answer_keys[], *const xc_header_keys[], *const xc_action_keys[];

#define XC_ACTION_CHANGES_MAX 10000

/* An action as read from the file: its strings point into the JSON tree,
 * its items into items[]; origin is the UUID of the assessment that
 * suggested it ("" by hand).  a.origin stays 0: only the importer knows
 * the local id. */
struct xc_action {
	struct action a;
	struct action_item items[ACTION_MAX_ITEMS];
	char origin[STORE_UUID_LEN + 1];
};
bool xc_parse_action(struct exchange_report *rep, json_t *obj, const char *path,
                     struct xc_action *x);
/* Frees what xc_parse_action() allocated (the changes), success or not. */
void xc_action_clear(struct xc_action *x);

bool xc_bad(struct exchange_report *rep, const char *path, const char *fmt, ...) PRINTF_LIKE(3, 4);
bool xc_get_str(struct exchange_report *rep, json_t *obj, const char *path,
                    const char *key, const char **out);
bool xc_get_time(struct exchange_report *rep, json_t *obj, const char *path,
                     const char *key, bool null_ok, long long *out);
const char *xc_json_kind(const json_t *v);
bool xc_kind_bad(struct exchange_report *rep, const char *path, const char *key,
                     const char *expected, const json_t *v);
const char *xc_level_key(int level);
void xc_msg_set(char *msg, size_t msgsz, const char *fmt, ...) PRINTF_LIKE(3, 4);
bool xc_only_known(struct exchange_report *rep, json_t *obj, const char *path,
                       const char *const *known);
bool xc_parse_answers(struct exchange_report *rep, json_t *list, const char *path,
                          const struct catalogue *cat, struct answer *out, size_t *n);
bool xc_parse_assessment(struct exchange_report *rep, json_t *obj, const char *path,
                             struct assessment *a, const struct catalogue **cat,
                             char based_on[STORE_UUID_LEN + 1]);
bool xc_parse_company(struct exchange_report *rep, json_t *obj, const char *path,
                          struct company *c);
char *xc_path_index(char *dst, size_t dstsz, const char *path, const char *name,
                        size_t i);
char *xc_path_key(char *dst, size_t dstsz, const char *path, const char *key);
bool xc_push_line(char ***list, size_t *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
const char *xc_quoted(const char *s, char *buf, size_t bufsz);
const char *xc_based_on_uuid(struct store *st, long long id, char *buf, size_t bufsz);

#endif
