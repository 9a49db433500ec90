/* The words the screen itself writes (labels, idle screen, banners, clock) in
 * the configured language: GNU gettext catalogs (assets/po/LANG.po, compiled by
 * msgfmt at build time) chosen by the `language` key, not by system locales. */
#ifndef TK_I18N_H
#define TK_I18N_H

#include <stddef.h>
#include <time.h>

/* The text domain: <localedir>/<lang>/LC_MESSAGES/ticker.mo */
#define TK_I18N_DOMAIN "ticker"

/* Mark a string for translation (xgettext: --keyword=_ --keyword=N_
 * --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=Q_:1,2). */
#define _(s) tk_i18n_text(s)
#define N_(s) (s)
#define C_(ctx, s) tk_i18n_ctext(ctx "\004" s, s)
#define NC_(ctx, s) (s)
#define Q_(one, many, n) tk_i18n_ntext(one, many, n)

/* The `language` key's values, in key-table order (index = config value),
 * NULL-terminated: en fr de es it nl pt ar zh ja. */
extern const char *const tk_i18n_codes[];
/* Number of languages (entries of tk_i18n_codes before the NULL). */
size_t tk_i18n_count(void);
/* The config parser's message for a value that is not one of tk_i18n_codes
 * (static string naming them all). */
const char *tk_i18n_refusal(void);
/* Catalog name of language lang (its directory under the locale dir: "fr",
 * "zh_CN"); "en" has none and shows the msgids. */
const char *tk_i18n_catalog(int lang);

/* Use language lang (an index of tk_i18n_codes) from now on, with catalogs
 * from <assets_dir>/locale or, in a source tree, <assets_dir>/../build/<target>/locale.
 * Process-wide: call from the main thread before worker threads translate
 * (the scene and the importer call it at their start). Changing language at
 * run time makes gettext read the catalogs again. Logs once when catalogs or
 * the C.UTF-8 locale are missing (the screen then shows English). */
void tk_i18n_select(const char *assets_dir, int lang);
/* The language in use (index), and whether it is written right to left. */
int tk_i18n_current(void);
int tk_i18n_rtl(void);

/* Translation of msgid (borrowed: valid for the process's lifetime); msgid
 * itself when there is none. Sets this thread's locale to C.UTF-8 on first
 * use (glibc ignores the language choice in the plain C locale). */
const char *tk_i18n_text(const char *msgid) __attribute__((format_arg(1)));
/* The same with a context: key is "context\004msgid" (C_()). */
const char *tk_i18n_ctext(const char *key, const char *msgid) __attribute__((format_arg(2)));
/* Singular or plural form for n (Q_()). */
const char *tk_i18n_ntext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* strftime for on-screen dates: pattern is a translator's pattern (from the
 * catalog); %a %A %b %B are the catalog's day and month names, %-d %-m %-H
 * drop the leading zero, %e %d %m %H %M %Y %y %% as strftime's C locale.
 * Other conversions are copied literally. Returns the length written (the
 * output is always terminated and never cut inside a UTF-8 character). */
size_t tk_i18n_strftime(char *buf, size_t size, const char *pattern, const struct tm *tm);
/* The clock's text for tm in the current language ("Wed 2 Dec 14:05"). */
size_t tk_i18n_clock(char *buf, size_t size, const struct tm *tm);

#endif
