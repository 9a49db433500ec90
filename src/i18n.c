/* On-screen words in the configured language through GNU gettext (glibc's
 * libintl): the catalog is chosen by LANGUAGE, which glibc honours in any
 * locale but plain "C", so each translating thread runs in C.UTF-8 (the one
 * locale a minimal image has) through uselocale, never setlocale. */
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "log.h"

#if !defined(TK_BUILD_DIR)
#define TK_BUILD_DIR "build/host"
#endif

/* glibc's catalog generation counter: gettext caches translations per
 * generation, so a change of LANGUAGE alone needs a new one (the GNU gettext
 * manual, "Being a gettext grok"). */
extern int _nl_msg_cat_cntr;

const char *const tk_i18n_codes[] = {"en", "fr", "de", "es", "it", "nl",
				     "pt", "ar", "zh", "ja", NULL};
/* Catalog directory per code (zh is Simplified Chinese as written in China). */
static const char *const tk_i18n_catalogs[] = {"en", "fr", "de", "es",	  "it",
					       "nl", "pt", "ar", "zh_CN", "ja"};
#define TK_I18N_N (sizeof tk_i18n_catalogs / sizeof tk_i18n_catalogs[0])
#define TK_I18N_AR 7

/* gettext's own state is process-wide; so is what was chosen for it. */
static pthread_mutex_t tk_i18n_mu = PTHREAD_MUTEX_INITIALIZER;
static int tk_i18n_lang = -1;
static char tk_i18n_dir[4096];
static pthread_once_t tk_i18n_once = PTHREAD_ONCE_INIT;
static locale_t tk_i18n_loc;
static _Thread_local int tk_i18n_thread_ready;

size_t tk_i18n_count(void)
{
	return TK_I18N_N;
}

const char *tk_i18n_refusal(void)
{
	return "not a supported language: en, fr, de, es, it, nl, pt, ar, zh or ja";
}

const char *tk_i18n_catalog(int lang)
{
	return lang >= 0 && (size_t)lang < TK_I18N_N ? tk_i18n_catalogs[lang] : "en";
}

static void tk_i18n_locale_init(void)
{
	tk_i18n_loc = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	if (!tk_i18n_loc)
		tk_log(TK_LOG_WARN, "language: no C.UTF-8 locale (%s): on-screen words in English",
		       strerror(errno));
}

/* This thread in C.UTF-8, once. */
static void tk_i18n_thread(void)
{
	if (tk_i18n_thread_ready)
		return;
	pthread_once(&tk_i18n_once, tk_i18n_locale_init);
	if (tk_i18n_loc)
		uselocale(tk_i18n_loc);
	tk_i18n_thread_ready = 1;
}

static int tk_i18n_has_catalog(const char *dir, const char *cat)
{
	char p[4200];
	struct stat st;

	snprintf(p, sizeof p, "%s/%s/LC_MESSAGES/" TK_I18N_DOMAIN ".mo", dir, cat);
	return !stat(p, &st) && S_ISREG(st.st_mode);
}

/* <assets>/locale when installed; <assets>/../build/<target>/locale in a
 * source tree (msgfmt writes there). The first one holding French decides. */
static void tk_i18n_find_dir(const char *assets_dir, char *dir, size_t size)
{
	const char *a = assets_dir && *assets_dir ? assets_dir : ".";

	snprintf(dir, size, "%s/locale", a);
	if (tk_i18n_has_catalog(dir, "fr"))
		return;
	snprintf(dir, size, "%s/../" TK_BUILD_DIR "/locale", a);
	if (tk_i18n_has_catalog(dir, "fr"))
		return;
	snprintf(dir, size, "%s/locale", a);
}

void tk_i18n_select(const char *assets_dir, int lang)
{
	char dir[sizeof tk_i18n_dir];

	if (lang < 0 || (size_t)lang >= TK_I18N_N)
		lang = 0;
	tk_i18n_thread();
	tk_i18n_find_dir(assets_dir, dir, sizeof dir);
	pthread_mutex_lock(&tk_i18n_mu);
	if (lang == tk_i18n_lang && !strcmp(dir, tk_i18n_dir))
		goto out;
	if (lang && !tk_i18n_has_catalog(dir, tk_i18n_catalogs[lang]))
		tk_log(TK_LOG_WARN, "language: no %s catalog in %s: on-screen words in English",
		       tk_i18n_codes[lang], dir);
	bindtextdomain(TK_I18N_DOMAIN, dir);
	bind_textdomain_codeset(TK_I18N_DOMAIN, "UTF-8");
	/* LANGUAGE beats LC_ALL/LANG whatever the environment says; "en" has no
	 * catalog, so the msgids show. */
	if (!getenv("LANGUAGE") || strcmp(getenv("LANGUAGE"), tk_i18n_catalogs[lang]))
		setenv("LANGUAGE", tk_i18n_catalogs[lang], 1);
	++_nl_msg_cat_cntr;
	tk_i18n_lang = lang;
	snprintf(tk_i18n_dir, sizeof tk_i18n_dir, "%s", dir);
	tk_log(TK_LOG_DEBUG, "language: %s (catalogs in %s)", tk_i18n_codes[lang], dir);
out:
	pthread_mutex_unlock(&tk_i18n_mu);
}

int tk_i18n_current(void)
{
	int l;

	pthread_mutex_lock(&tk_i18n_mu);
	l = tk_i18n_lang < 0 ? 0 : tk_i18n_lang;
	pthread_mutex_unlock(&tk_i18n_mu);
	return l;
}

int tk_i18n_rtl(void)
{
	return tk_i18n_current() == TK_I18N_AR;
}

const char *tk_i18n_text(const char *msgid)
{
	tk_i18n_thread();
	return dgettext(TK_I18N_DOMAIN, msgid);
}

const char *tk_i18n_ctext(const char *key, const char *msgid)
{
	const char *t;

	tk_i18n_thread();
	t = dgettext(TK_I18N_DOMAIN, key);
	return t == key ? msgid : t;
}

const char *tk_i18n_ntext(const char *one, const char *many, unsigned long n)
{
	tk_i18n_thread();
	return dngettext(TK_I18N_DOMAIN, one, many, n);
}

/* ---- dates ----------------------------------------------------------------- */

/* Day and month names with their catalog contexts (C_ keys). */
#define TK_CK(ctx, s) ctx "\004" s
static const char *const tk_i18n_wday[] = {
    TK_CK("weekday", "Sunday"),	   TK_CK("weekday", "Monday"),	 TK_CK("weekday", "Tuesday"),
    TK_CK("weekday", "Wednesday"), TK_CK("weekday", "Thursday"), TK_CK("weekday", "Friday"),
    TK_CK("weekday", "Saturday")};
static const char *const tk_i18n_wday_abbr[] = {
    TK_CK("weekday abbreviation", "Sun"), TK_CK("weekday abbreviation", "Mon"),
    TK_CK("weekday abbreviation", "Tue"), TK_CK("weekday abbreviation", "Wed"),
    TK_CK("weekday abbreviation", "Thu"), TK_CK("weekday abbreviation", "Fri"),
    TK_CK("weekday abbreviation", "Sat")};
static const char *const tk_i18n_mon[] = {
    TK_CK("month", "January"), TK_CK("month", "February"), TK_CK("month", "March"),
    TK_CK("month", "April"),   TK_CK("month", "May"),	   TK_CK("month", "June"),
    TK_CK("month", "July"),    TK_CK("month", "August"),   TK_CK("month", "September"),
    TK_CK("month", "October"), TK_CK("month", "November"), TK_CK("month", "December")};
static const char *const tk_i18n_mon_abbr[] = {
    TK_CK("month abbreviation", "Jan"), TK_CK("month abbreviation", "Feb"),
    TK_CK("month abbreviation", "Mar"), TK_CK("month abbreviation", "Apr"),
    TK_CK("month abbreviation", "May"), TK_CK("month abbreviation", "Jun"),
    TK_CK("month abbreviation", "Jul"), TK_CK("month abbreviation", "Aug"),
    TK_CK("month abbreviation", "Sep"), TK_CK("month abbreviation", "Oct"),
    TK_CK("month abbreviation", "Nov"), TK_CK("month abbreviation", "Dec")};

static const char *tk_i18n_name(const char *const *table, int n, int i)
{
	const char *key;

	if (i < 0 || i >= n)
		return "?";
	key = table[i];
	return tk_i18n_ctext(key, strchr(key, '\004') + 1);
}

/* Append s whole or not at all (never half a character); 0 when it did not fit. */
static int tk_i18n_put(char *buf, size_t size, size_t *n, const char *s, size_t len)
{
	if (*n + len + 1 > size)
		return 0;
	memcpy(buf + *n, s, len);
	*n += len;
	buf[*n] = '\0';
	return 1;
}

/* One conversion c (with '-': no padding) of tm into out; 0 when unknown. */
static size_t tk_i18n_conv(char c, int nopad, const struct tm *tm, char *out, size_t size)
{
	const char *s = NULL;
	int v = -1, w = 2;

	switch (c) {
	case 'a':
		s = tk_i18n_name(tk_i18n_wday_abbr, 7, tm->tm_wday);
		break;
	case 'A':
		s = tk_i18n_name(tk_i18n_wday, 7, tm->tm_wday);
		break;
	case 'b':
		s = tk_i18n_name(tk_i18n_mon_abbr, 12, tm->tm_mon);
		break;
	case 'B':
		s = tk_i18n_name(tk_i18n_mon, 12, tm->tm_mon);
		break;
	case 'd':
		v = tm->tm_mday;
		break;
	case 'e':
		v = tm->tm_mday;
		break;
	case 'm':
		v = tm->tm_mon + 1;
		break;
	case 'H':
		v = tm->tm_hour;
		break;
	case 'M':
		v = tm->tm_min;
		break;
	case 'S':
		v = tm->tm_sec;
		break;
	case 'Y':
		v = tm->tm_year + 1900;
		w = 4;
		break;
	case 'y':
		v = (tm->tm_year + 1900) % 100;
		break;
	case '%':
		s = "%";
		break;
	default: /* not ours: kept as written, for the translator to see */
		return (size_t)snprintf(out, size, "%%%s%c", nopad ? "-" : "", c);
	}
	if (s)
		return (size_t)snprintf(out, size, "%s", s);
	if (nopad)
		return (size_t)snprintf(out, size, "%d", v);
	return (size_t)snprintf(out, size, c == 'e' ? "%*d" : "%0*d", w, v);
}

size_t tk_i18n_strftime(char *buf, size_t size, const char *pattern, const struct tm *tm)
{
	size_t n = 0;
	char piece[128];

	if (!size)
		return 0;
	buf[0] = '\0';
	for (const char *p = pattern; *p;) {
		const char *q = strchr(p, '%');
		size_t len;
		int nopad = 0;

		if (q != p) {
			len = q ? (size_t)(q - p) : strlen(p);
			if (!tk_i18n_put(buf, size, &n, p, len))
				break;
			p += len;
			continue;
		}
		p++;
		if (*p == '-') {
			nopad = 1;
			p++;
		}
		if (!*p)
			break;
		len = tk_i18n_conv(*p, nopad, tm, piece, sizeof piece);
		if (len >= sizeof piece || !tk_i18n_put(buf, size, &n, piece, len))
			break; /* what follows a cut would read wrong */
		p++;
	}
	return n;
}

size_t tk_i18n_clock(char *buf, size_t size, const struct tm *tm)
{
	/* TRANSLATORS: the on-screen clock: date and time of day. %a %A %b %B are
	 * the day and month names translated below, %-d the day of the month, %-m
	 * the month number, %H:%M the 24-hour time (%-H: no leading zero). */
	return tk_i18n_strftime(buf, size, C_("clock pattern", "%a %-d %b  %H:%M"), tm);
}
