/*
 * i18n.h - gettext glue shared by every module that has user-visible text.
 *
 * _() translates now, N_() marks a string in a static table for later
 * translation, P_() picks the singular or plural form of a count.
 * Without NLS all three fall back to the English msgid.
 */
#ifndef SMREADY_I18N_H
#define SMREADY_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(s, p, n) ngettext((s), (p), (n))
#else
#define _(s) ((char *)(s))
#define P_(s, p, n) ((n) == 1 ? (char *)(s) : (char *)(p))
#define textdomain(d) ((void)(d))
#define bindtextdomain(d, dir) ((void)(d), (void)(dir))
#define bind_textdomain_codeset(d, c) ((void)(d), (void)(c))
#endif
#define N_(s) (s)

#endif
