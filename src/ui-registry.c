/*
 * ui-registry.c - every screen of the full-screen program, by the id a
 * request names it with; generated from UI_SCREENS in ui-screen.h.  The
 * frame builds screens from here and from nowhere else.
 */
#include "config.h"

#include "ui-screen.h"

const struct ui_screen_ops *const ui_registry[UI_SCREEN_COUNT] = {
#define UI_REGISTRY_ENTRY(id, name) [UI_SCREEN_##id] = &ui_##name##_ops,
	UI_SCREENS(UI_REGISTRY_ENTRY)
#undef UI_REGISTRY_ENTRY
};
