/*
 * check_ui.c - unit tests of the full-screen program's structure, without a
 * terminal: every screen of the registry is complete, and no screen binds
 * one key to two actions (or lists an action twice), so a key always does
 * what the key bar and the help say.
 */
#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui-keys.h"
#include "ui-screen.h"
#include "tap-main.h"

/* The keys of one binding list: none twice, no action twice. */
static void keys_distinct(const char *screen, const struct ui_binding *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct ui_action_info *a = ui_action_info(keys[i].act);
		int ka[2] = { a->key, a->key2 };

		ck_assert_msg(a->key != 0, "%s: action %d has no key", screen, (int)keys[i].act);
		for (size_t j = i + 1; j < n; j++) {
			const struct ui_action_info *b = ui_action_info(keys[j].act);

			ck_assert_msg(keys[i].act != keys[j].act, "%s: action %d listed twice",
			              screen, (int)keys[i].act);
			for (int k = 0; k < 2; k++)
				ck_assert_msg(!ka[k] || (ka[k] != b->key && ka[k] != b->key2),
				              "%s: key %#x means actions %d and %d", screen,
				              (unsigned)ka[k], (int)keys[i].act, (int)keys[j].act);
		}
	}
}

START_TEST(test_registry_complete)
{
	for (int id = 0; id < UI_SCREEN_COUNT; id++) {
		const struct ui_screen_ops *ops = ui_registry[id];

		ck_assert_msg(ops != NULL, "screen %d is not registered", id);
		ck_assert_msg(ops->name && *ops->name, "screen %d has no name", id);
		ck_assert_msg(ops->size >= sizeof(struct ui_screen), "%s: no room for its state",
		              ops->name);
		ck_assert_msg(ops->draw && ops->key, "%s: draw or key missing", ops->name);
		ck_assert_msg(ops->keys || ops->overlay, "%s: no keys", ops->name);
		for (int other = 0; other < id; other++)
			ck_assert_msg(ui_registry[other] != ops, "%s registered twice", ops->name);
	}
}
END_TEST

START_TEST(test_no_key_twice)
{
	for (int id = 0; id < UI_SCREEN_COUNT; id++) {
		const struct ui_screen_ops *ops = ui_registry[id];

		keys_distinct(ops->name, ops->keys, ops->n_keys);
	}
	keys_distinct("typing", ui_typing_keys, UI_NBIND(ui_typing_keys));
}
END_TEST

/* The lookup the frame uses finds each bound action by either of its keys
 * and nothing for a key the screen does not bind. */
START_TEST(test_lookup)
{
	const struct ui_screen_ops *ops = ui_registry[UI_SCREEN_PORTFOLIO];

	ck_assert_int_eq(ui_binding_lookup(ops->keys, ops->n_keys, 'q'), UI_ACT_QUIT);
	ck_assert_int_eq(ui_binding_lookup(ops->keys, ops->n_keys, UI_FK(KEY_F(1))), UI_ACT_HELP);
	ck_assert_int_eq(ui_binding_lookup(ops->keys, ops->n_keys, 'j'), UI_ACT_DOWN);
	ck_assert_int_eq(ui_binding_lookup(ops->keys, ops->n_keys, '~'), UI_ACT_NONE);
	/* a character whose code equals a function key's is not that key */
	ck_assert_int_eq(ui_binding_lookup(ops->keys, ops->n_keys, KEY_DOWN), UI_ACT_NONE);
}
END_TEST

/* Escape sequences: known ones map to their key whatever TERM says, an
 * unknown one is consumed whole, an incomplete one asks for more. */
static enum ui_keyseq seq(const char *s, size_t *used, int *key)
{
	return ui_keyseq_parse((const unsigned char *)s, strlen(s), used, key);
}

START_TEST(test_keyseq)
{
	size_t used;
	int key;

	ck_assert_int_eq(seq("[4~", &used, &key), UI_SEQ_KEY);   /* End, as tmux sends it */
	ck_assert_int_eq(key, KEY_END);
	ck_assert_uint_eq(used, 3);
	ck_assert_int_eq(seq("[1~", &used, &key), UI_SEQ_KEY);
	ck_assert_int_eq(key, KEY_HOME);
	ck_assert_int_eq(seq("OF", &used, &key), UI_SEQ_KEY);
	ck_assert_int_eq(key, KEY_END);
	ck_assert_int_eq(seq("[H", &used, &key), UI_SEQ_KEY);
	ck_assert_int_eq(key, KEY_HOME);
	ck_assert_int_eq(seq("[1;5C", &used, &key), UI_SEQ_KEY);  /* Ctrl+Right */
	ck_assert_int_eq(key, KEY_RIGHT);
	ck_assert_uint_eq(used, 5);
	ck_assert_int_eq(seq("[6~", &used, &key), UI_SEQ_KEY);
	ck_assert_int_eq(key, KEY_NPAGE);
	ck_assert_int_eq(seq("[15~", &used, &key), UI_SEQ_KEY);
	ck_assert_int_eq(key, KEY_F(5));
	ck_assert_int_eq(seq("[3~x", &used, &key), UI_SEQ_KEY);   /* what follows is not its */
	ck_assert_uint_eq(used, 3);
	/* unknown, but complete: consumed whole, never Esc then "[99~" */
	ck_assert_int_eq(seq("[99~", &used, &key), UI_SEQ_UNKNOWN);
	ck_assert_uint_eq(used, 4);
	ck_assert_int_eq(seq("[2;3X", &used, &key), UI_SEQ_UNKNOWN);
	ck_assert_uint_eq(used, 5);
	ck_assert_int_eq(seq("4", &used, &key), UI_SEQ_UNKNOWN);   /* Alt+4 */
	ck_assert_uint_eq(used, 1);
	ck_assert_int_eq(seq("\xc3\xbc", &used, &key), UI_SEQ_UNKNOWN);   /* Alt+ü */
	ck_assert_uint_eq(used, 2);
	/* incomplete */
	ck_assert_int_eq(seq("[", &used, &key), UI_SEQ_MORE);
	ck_assert_int_eq(seq("[12", &used, &key), UI_SEQ_MORE);
	ck_assert_int_eq(seq("O", &used, &key), UI_SEQ_MORE);
	ck_assert_int_eq(seq("\xc3", &used, &key), UI_SEQ_MORE);
	/* a byte that cannot be in a sequence ends it */
	ck_assert_int_eq(seq("[1\x01", &used, &key), UI_SEQ_UNKNOWN);
	ck_assert_uint_eq(used, 2);
}
END_TEST

START_TEST(test_utf8_need)
{
	ck_assert_int_eq(ui_utf8_need('M'), 1);
	ck_assert_int_eq(ui_utf8_need(0xC3), 2);
	ck_assert_int_eq(ui_utf8_need(0xE2), 3);
	ck_assert_int_eq(ui_utf8_need(0xF0), 4);
	ck_assert_int_eq(ui_utf8_need(0xFC), 0);   /* Latin-1 "ü" */
	ck_assert_int_eq(ui_utf8_need(0x80), 0);
	ck_assert_int_eq(ui_utf8_need(0xC0), 0);   /* overlong */
	ck_assert_int_eq(ui_utf8_need(0xF5), 0);   /* beyond U+10FFFF */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ui");
	TCase *tc = tcase_create("ui");

	tcase_add_test(tc, test_registry_complete);
	tcase_add_test(tc, test_no_key_twice);
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_keyseq);
	tcase_add_test(tc, test_utf8_need);
	suite_add_tcase(s, tc);
	return tap_run_suite(s);
}
