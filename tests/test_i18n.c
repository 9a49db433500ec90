/* On-screen words (issue 13.4): every catalog compiles and covers the
 * template, the template matches the sources, each language gives its own
 * words and dates through the real gettext path (only C.UTF-8 installed),
 * a change of language at run time takes effect, and a bad `language`
 * value is refused with a message that says what would do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "err.h"
#include "i18n.h"
#include "testutil.h"

/* What each language's catalog must give (index = config value). */
static const struct {
	const char *code, *latest, *welcome, *clock;
} want[] = {
    {"en", "LATEST", "Welcome", "Wed 2 Dec  14:05"},
    {"fr", "À LA UNE", "Bienvenue", "mer. 2 déc.  14:05"},
    {"de", "AKTUELL", "Willkommen", "Mi., 2. Dez.  14:05"},
    {"es", "LO ÚLTIMO", "Bienvenidos", "mié 2 dic  14:05"},
    {"it", "NOTIZIE", "Benvenuti", "mer 2 dic  14:05"},
    {"nl", "ACTUEEL", "Welkom", "wo 2 dec  14:05"},
    {"pt", "ÚLTIMAS", "Bem-vindos", "qua, 2 dez  14:05"},
    {"ar", "آخر الأخبار", "مرحبًا بكم", "الأربعاء 2 ديسمبر  14:05"},
    {"zh", "最新", "欢迎", "12月2日 周三  14:05"},
    {"ja", "最新", "ようこそ", "12月2日(水)  14:05"},
};
#define NWANT (sizeof want / sizeof want[0])

static char assets[1024];

static int setup(void **state)
{
	(void)state;
	snprintf(assets, sizeof assets, "%s/assets", tu_root());
	return 0;
}

static struct tm wed_2_dec_2026(void)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 126;
	tm.tm_mon = 11;
	tm.tm_mday = 2;
	tm.tm_wday = 3;
	tm.tm_hour = 14;
	tm.tm_min = 5;
	return tm;
}

/* The key's values are the module's table, in the same order as this test's. */
static void test_codes_table(void **state)
{
	(void)state;
	assert_int_equal(tk_i18n_count(), NWANT);
	for (size_t i = 0; i < NWANT; i++) {
		assert_string_equal(tk_i18n_codes[i], want[i].code);
		assert_non_null(strstr(tk_i18n_refusal(), want[i].code));
	}
	assert_null(tk_i18n_codes[NWANT]);
	assert_string_equal(tk_i18n_catalog(8), "zh_CN");
}

/* Every catalog compiles with msgfmt's checks (formats, plural forms,
 * header) and has no untranslated or fuzzy entry left for the template's
 * msgids (msgcmp ignores both unless told otherwise). */
static void test_catalogs_compile_and_cover_template(void **state)
{
	(void)state;
	for (size_t i = 1; i < NWANT; i++) {
		const char *cat = tk_i18n_catalog((int)i);
		char out[4096];
		int rc;

		rc = tu_capture(out, sizeof out,
				"msgfmt --check -o /dev/null %s/assets/po/%s.po 2>&1", tu_root(),
				cat);
		if (rc)
			fail_msg("%s.po does not compile: %s", cat, out);
		rc = tu_capture(out, sizeof out,
				"msgcmp %s/assets/po/%s.po %s/assets/po/ticker.pot 2>&1", tu_root(),
				cat, tu_root());
		if (rc)
			fail_msg("%s.po does not translate every msgid of ticker.pot "
				 "(untranslated, fuzzy or missing):\n%s",
				 cat, out);
		rc = tu_capture(out, sizeof out, "msgattrib --only-fuzzy %s/assets/po/%s.po",
				tu_root(), cat);
		assert_int_equal(rc, 0);
		if (*out)
			fail_msg("%s.po has fuzzy entries:\n%s", cat, out);
	}
}

/* The template is what xgettext finds in the sources now (a forgotten
 * `make pot` leaves new words untranslated on screen). */
static void test_template_matches_sources(void **state)
{
	char out[4096];
	const char *tmp = "/tmp/ticker-test-i18n.pot";
	int rc;

	(void)state;
	tu_sh("cd %s && xgettext $(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s "
	      "--no-print-directory print-xgettext-flags) -o %s "
	      "src/*.c",
	      tu_root(), tmp);
	rc = tu_capture(out, sizeof out,
			"msgcmp --use-untranslated %s %s/assets/po/ticker.pot 2>&1 && "
			"msgcmp --use-untranslated %s/assets/po/ticker.pot %s 2>&1",
			tmp, tu_root(), tu_root(), tmp);
	unlink(tmp);
	if (rc)
		fail_msg("assets/po/ticker.pot is stale: run `make pot`\n%s", out);
}

/* Each language's own words, through bindtextdomain, LANGUAGE and the
 * C.UTF-8 thread locale; then back and forth at run time. */
static void test_each_language_has_its_words(void **state)
{
	struct tm tm = wed_2_dec_2026();
	char clock[96];

	(void)state;
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < NWANT; i++) {
			size_t k = round ? NWANT - 1 - i : i; /* every change, both ways */

			tk_i18n_select(assets, (int)k);
			assert_int_equal(tk_i18n_current(), (int)k);
			assert_string_equal(_("LATEST"), want[k].latest);
			assert_string_equal(_("Welcome"), want[k].welcome);
			tk_i18n_clock(clock, sizeof clock, &tm);
			assert_string_equal(clock, want[k].clock);
			assert_int_equal(tk_i18n_rtl(), !strcmp(want[k].code, "ar"));
		}
	tk_i18n_select(assets, 0);
}

/* Plural forms come from each catalog's own rule (Arabic has six). */
static void test_plurals(void **state)
{
	(void)state;
	tk_i18n_select(assets, 1); /* French: 0 and 1 are singular */
	assert_string_equal(Q_("%zu article added", "%zu articles added", 0), "%zu article ajouté");
	assert_string_equal(Q_("%zu article added", "%zu articles added", 2),
			    "%zu articles ajoutés");
	tk_i18n_select(assets, 0);
	assert_string_equal(Q_("%zu article added", "%zu articles added", 0), "%zu articles added");
	assert_string_equal(Q_("%zu article added", "%zu articles added", 1), "%zu article added");
}

/* The pattern language: names from the catalog, padding rules, unknown
 * conversions copied, and a short buffer never cut inside a character. */
static void test_strftime_patterns(void **state)
{
	struct tm tm = wed_2_dec_2026();
	char buf[64];

	(void)state;
	tk_i18n_select(assets, 0);
	tk_i18n_strftime(buf, sizeof buf, "%A %d/%m/%Y %y %e|%-H %%%q", &tm);
	assert_string_equal(buf, "Wednesday 02/12/2026 26  2|14 %%q");
	tk_i18n_select(assets, 9);
	for (size_t n = 1; n < 20; n++) {
		char small[20];

		memset(small, 'x', sizeof small);
		tk_i18n_strftime(small, n, "%A %B", &tm); /* 水曜日 12月 */
		assert_true(strlen(small) < n);
		/* whole characters only: every piece is 3-byte kana/kanji, a space or digits */
		assert_true(!strlen(small) || !strcmp(small, "水曜日") ||
			    !strcmp(small, "水曜日 ") || !strcmp(small, "水曜日 12月"));
	}
	tk_i18n_select(assets, 0);
}

/* `language = xx` is refused, naming the languages there are; a stick may
 * set the key. */
static void test_unknown_language_refused(void **state)
{
	struct tk_config cfg;
	const char *msg = NULL;

	(void)state;
	tk_config_defaults(&cfg);
	assert_int_equal(cfg.language, 0);
	assert_int_equal(tk_config_set(&cfg, "language", "klingon", &msg), TK_EINVAL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "not a supported language"));
	assert_non_null(strstr(msg, "fr, de"));
	assert_int_equal(cfg.language, 0);
	assert_int_equal(tk_config_set(&cfg, "language", "zh_CN", &msg), TK_EINVAL);
	assert_int_equal(tk_config_set_from(&cfg, TK_CONFIG_STICK, "language", "ar", &msg), TK_OK);
	assert_int_equal(cfg.language, 7);
}

/* A separate process whose environment points elsewhere (LANGUAGE=de, a
 * locale that is not installed) follows the key: the note the importer
 * leaves for the screen is French. */
static void test_key_beats_environment(void **state)
{
	char out[4096], dir[] = "/tmp/ticker-test-i18n-XXXXXX";
	int rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	rc =
	    tu_capture(out, sizeof out,
		       "LANGUAGE=de LC_ALL=fr_FR.UTF-8 LANG=de_DE.UTF-8 %s --config /dev/null -q "
		       "--set language=fr --set assets_dir=%s --set cache_dir=%s import --not-read "
		       "damaged >/dev/null 2>&1; cat %s/.status; "
		       "%s --config /dev/null --set language=xx config 2>&1",
		       tu_ticker(), assets, dir, dir, tu_ticker());
	tu_sh("rm -rf %s", dir);
	assert_int_not_equal(rc, 0);
	if (!strstr(out, "Clé USB non lue\u00a0: damaged"))
		fail_msg("the importer's note is not in French: %s", out);
	assert_non_null(strstr(out, "language=xx: not a supported language"));
}

/* The USB helper's reasons are the catalog's, word for word (else the
 * screen shows them in English). */
static void test_usb_helper_reasons_translated(void **state)
{
	char path[1024], *text;
	FILE *f;
	long n;

	(void)state;
	snprintf(path, sizeof path, "%s/firmware/libexec/ticker-usb-import", tu_root());
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	tk_i18n_select(assets, 1);
	for (size_t i = 0; tk_cmd_not_read_reasons[i]; i++) {
		const char *r = tk_cmd_not_read_reasons[i];

		if (!strstr(text, r))
			fail_msg("ticker-usb-import no longer says \"%s\"", r);
		assert_string_not_equal(_(r), r);
	}
	tk_i18n_select(assets, 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_codes_table),
	    cmocka_unit_test(test_catalogs_compile_and_cover_template),
	    cmocka_unit_test(test_template_matches_sources),
	    cmocka_unit_test(test_each_language_has_its_words),
	    cmocka_unit_test(test_plurals),
	    cmocka_unit_test(test_strftime_patterns),
	    cmocka_unit_test(test_unknown_language_refused),
	    cmocka_unit_test(test_key_beats_environment),
	    cmocka_unit_test(test_usb_helper_reasons_translated),
	};

	tu_init();
	return cmocka_run_group_tests_name("i18n", tests, setup, NULL);
}
