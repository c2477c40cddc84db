/*
 * exchange-int.h - what the parts of the export and import share: the
 * messages about a file's content (with the place in the file named), and
 * the reading of records out of the file (with exchange-json.h's reader).
 * Private to exchange-*.c.
 */
#ifndef SMREADY_EXCHANGE_INT_H
#define SMREADY_EXCHANGE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "attr.h"
#include "catalogue.h"
#include "exchange-json.h"
#include "exchange.h"
#include "store.h"

#define PATH_MAX_LEN 160         /* a place in the file: "companies[3].name" */
#define REOPENED_MAX 1000000

/* ---- records as read from a file --------------------------------------- */

/* The kind of a value in the file; XV_NONE: the field is missing. */
enum xv_kind { XV_NONE = 0, XV_NULL, XV_BOOL, XV_INT, XV_REAL, XV_STRING, XV_ARRAY, XV_OBJECT };

struct xval {
	unsigned char kind;
	bool b;                      /* XV_BOOL */
	long long i;                 /* XV_INT */
	size_t off, len;             /* XV_STRING: in the record's texts */
};

/* Where the texts of one record (and of the records it holds) are kept:
 * one buffer, reused from record to record. */
struct xtext {
	char *buf;
	size_t len, cap;
};

#define XREC_KEYS 16

/* One object of the file without the list it holds (a company without its
 * assessments): its fields by the index of their key in keys. */
struct xrec {
	const char *const *keys;
	unsigned char kind;          /* XV_OBJECT, or what was found instead */
	struct xval v[XREC_KEYS];
	char unknown[64];            /* the first key the format does not have
	                                (shown), "" when none */
	const struct xtext *text;
	/* A list to come back to (a company's actions, read after its
	 * assessments): when defer_key's list is met, its place is kept in
	 * defer (xj_keep on) and it is passed over; deferred says so. */
	int defer_key;               /* -1: none */
	bool deferred;
	struct xj_mark defer;
	/* A second list that stops the reading like list_key does (an
	 * action's items and changes, in either order); list_hit: which one
	 * did. */
	int alt_list_key;            /* -1: none */
	int list_hit;
};

/* The keys of each kind of record, in the order of the enums below; a
 * field not listed refuses the file. */
extern const char *const xc_company_keys[], *const xc_assessment_keys[],
       *const xc_answer_keys[], *const xc_header_keys[], *const xc_action_keys[],
       *const xc_action_item_keys[], *const xc_action_change_keys[];
enum { HK_FORMAT, HK_VERSION, HK_GENERATOR, HK_EXPORTED, HK_COMPANIES };
enum { CK_UUID, CK_NAME, CK_INDUSTRY, CK_CONTACT, CK_NOTES, CK_CREATED, CK_ARCHIVED,
       CK_SAMPLE, CK_ASSESSMENTS, CK_ACTIONS };
enum { TK_UUID, TK_NUMBER, TK_TITLE, TK_OWNER, TK_DUE, TK_STATUS, TK_NOTE, TK_QUESTIONNAIRE,
       TK_QVERSION, TK_ORIGIN, TK_CREATED, TK_UPDATED, TK_ITEMS, TK_CHANGES };
enum { IK_ITEM, IK_TARGET };
enum { GK_AT, GK_STATUS };
enum { AK_UUID, AK_STATUS, AK_QUESTIONNAIRE, AK_QVERSION, AK_STARTED, AK_COMPLETED,
       AK_UPDATED, AK_ASSESSOR, AK_SUMMARY, AK_OVERALL, AK_LEVEL, AK_REOPENED, AK_BASED_ON,
       AK_ANSWERS };

/* At most this many answers of an assessment are kept to be checked: one
 * more than any questionnaire has items, so the first surplus one is
 * refused as answered twice or unknown. */
#define XC_ANSWERS_KEPT (CAT_MAX_ITEMS + 1)

/* An assessment with its answers, as read. */
struct xassess {
	struct xrec rec;
	struct xrec answers[XC_ANSWERS_KEPT];
	size_t n_answers;
};

/* An action (format version 2) as read: its fields, its items (one more
 * kept than an action may have, so the surplus is refused) and its
 * changes (up to XC_ACTION_CHANGES_MAX, then one more to refuse). */
#define XC_ACTION_CHANGES_MAX 10000
struct xaction {
	struct xrec rec;
	struct xrec items[ACTION_MAX_ITEMS + 1];
	size_t n_items;
	struct xrec *changes;        /* malloc'd, kept between actions */
	size_t n_changes, cap_changes;
};
/* Reads the whole action object whose '{' was just read (or the value
 * found instead) into a, its texts into text (emptied first). */
bool xc_read_action(struct xj *x, struct xaction *a, struct xtext *text);
void xc_action_free(struct xaction *a);

/* An action as parsed: its strings point into the record's texts, its
 * items into items[]; origin is the UUID of the assessment that suggested
 * it ("" by hand).  a.origin stays 0: only the importer knows the local
 * id.  xc_parsed_clear() frees the changes. */
struct xc_action {
	struct action_in a;
	struct plan_aim items[ACTION_MAX_ITEMS];
	struct action_change *changes;   /* a.changes, malloc'd */
	char origin[STORE_UUID_LEN + 1];
};
bool xc_parse_action(struct exchange_report *rep, const struct xaction *xa, const char *path,
                     struct xc_action *out);
void xc_parsed_clear(struct xc_action *x);

/* The kind of value a token starts. */
int xc_tok_kind(enum xj_tok t);
/* Starts rec as an empty record of the kind whose keys these are. */
void xc_rec_init(struct xrec *rec, const char *const *keys, const struct xtext *text);
/* A text field's value (NUL-terminated). */
const char *xc_rec_str(const struct xrec *rec, int k);
/* Reads the members of the object whose '{' was just read into rec, with
 * its texts in text, up to its '}' or up to the member list_key (-1:
 * none) when that holds a list: then *at_list is true and the reader
 * stands after the '['.  resume: go on after that list.  Values of the
 * wrong kind are kept as their kind (and skipped); the first unknown key
 * is kept by name. */
bool xc_read_members(struct xj *x, struct xrec *rec, struct xtext *text, int list_key,
                     bool resume, bool *at_list);
/* The same, for a record that is already read: the members after its
 * list up to its '}', checked for their syntax only. */
bool xc_skip_members(struct xj *x);
/* Reads the whole assessment object whose '{' was just read (or the value
 * found instead of it) into a, its texts into text (emptied first). */
bool xc_read_assessment(struct xj *x, struct xassess *a, struct xtext *text);
void xc_text_free(struct xtext *text);

/* ---- checking records ---------------------------------------------------- */

bool xc_bad(struct exchange_report *rep, const char *path, const char *fmt, ...) PRINTF_LIKE(3, 4);
bool xc_get_str(struct exchange_report *rep, const struct xrec *obj, const char *path,
                int key, const char **out);
bool xc_get_time(struct exchange_report *rep, const struct xrec *obj, const char *path,
                 int key, bool null_ok, long long *out);
const char *xc_kind_name(int kind);
bool xc_kind_bad(struct exchange_report *rep, const char *path, const char *key,
                 const char *expected, int kind);
const char *xc_level_key(int level);
void xc_msg_set(char *msg, size_t msgsz, const char *fmt, ...) PRINTF_LIKE(3, 4);
bool xc_only_known(struct exchange_report *rep, const struct xrec *obj, const char *path);
bool xc_parse_answers(struct exchange_report *rep, const struct xassess *xa, const char *path,
                      const struct catalogue *cat, struct answer_in *out, size_t *n);
bool xc_parse_assessment(struct exchange_report *rep, const struct xrec *obj, const char *path,
                         struct assessment_in *a, const struct catalogue **cat,
                         char based_on[STORE_UUID_LEN + 1]);
bool xc_parse_company(struct exchange_report *rep, const struct xrec *obj, const char *path,
                      struct company_in *c);
char *xc_path_index(char *dst, size_t dstsz, const char *path, const char *name,
                    size_t i);
char *xc_path_key(char *dst, size_t dstsz, const char *path, const char *key);
bool xc_push_line(char ***list, size_t *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
const char *xc_quoted(const char *s, char *buf, size_t bufsz);
const char *xc_based_on_uuid(struct store *st, long long id, char *buf, size_t bufsz);

#endif
