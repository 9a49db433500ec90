/* The clock of a box without an RTC (clockset.c, cmd_clock.c, the import's
 * request): only forward, only to a time the box trusts, asked for by a signed
 * stick's signing time, said in the report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "clockset.h"
#include "config.h"
#include "err.h"
#include "import.h"
#include "sign.h"
#include "testfs.h"
#include "testutil.h"

#define DAY 86400

static void test_plan(void **state)
{
	int64_t to = 0, now = 1764547200; /* 2025-12-01 */

	(void)state;
	assert_int_equal(tk_clock_plan(now, now - DAY, &to), 0); /* never back */
	assert_int_equal(tk_clock_plan(now, now + 30, &to), 0);	 /* not worth a jump */
	assert_int_equal(tk_clock_plan(100, 1000000, &to), 0);	 /* 1970: no real time */
	assert_int_equal(tk_clock_plan(100, now, &to), 1);	 /* a box that never knew */
	assert_int_equal(to, now);
	assert_int_equal(tk_clock_plan(now, now + 400 * DAY, &to), 1);
	assert_int_equal(to, now + 400 * DAY);
}

static void test_formats(void **state)
{
	char buf[128];
	enum tk_clock_source src;
	int64_t a, b;

	(void)state;
	tk_clock_format_time(buf, sizeof buf, 1764547200, TK_CLOCK_SRC_STICK);
	assert_string_equal(buf, "ticker-clock 1 1764547200 stick\n");
	assert_int_equal(tk_clock_parse_time(buf, &a, &src), 0);
	assert_int_equal(a, 1764547200);
	assert_int_equal(src, TK_CLOCK_SRC_STICK);
	assert_int_equal(tk_clock_parse_time("ticker-clock 1 -5 stick", &a, &src), -1);
	assert_int_equal(tk_clock_parse_time("ticker-clock 1 5 moon", &a, &src), -1);
	assert_int_equal(tk_clock_parse_time("clock 5", &a, &src), -1);
	tk_clock_format_set(buf, sizeof buf, 100, 1764547200, TK_CLOCK_SRC_SAVED);
	assert_int_equal(tk_clock_parse_set(buf, &a, &b, &src), 0);
	assert_int_equal(a, 100);
	assert_int_equal(src, TK_CLOCK_SRC_SAVED);
	assert_int_equal(tk_clock_parse_set("ticker-clock-set 1 9 5 saved", &a, &b, &src), -1);
	tk_clock_describe_set(buf, sizeof buf, 1704067200, 1764547200, TK_CLOCK_SRC_STICK);
	assert_string_equal(buf, "set from a signed stick's signing time to 2025-12-01 00:00 UTC, "
				 "was 2024-01-01 00:00 UTC");
}

/* `ticker clock ARGS` with the clock pretending to read now; stdout+stderr. */
static int run_clock(const char *dir, int64_t now, const char *args, char *out, size_t size)
{
	return tu_capture(out, size, "TICKER_CLOCK_NOW=%lld timeout 20 %s clock --cache %s %s 2>&1",
			  (long long)now, tu_ticker(), dir, args);
}

static void test_save_restore(void **state)
{
	char *dir = tfs_mkdtemp(), out[4096];
	int64_t t = 1764547200;

	(void)state;
	assert_int_equal(run_clock(dir, t, "--save", out, sizeof out), 0);
	assert_true(tfs_exists(dir, TK_CLOCK_SAVED));
	/* A power cut later the box wakes up in 2024: forward to what it saved. */
	assert_int_equal(run_clock(dir, t - 700 * DAY, "--restore --dry-run", out, sizeof out), 0);
	assert_non_null(strstr(out, "would be set forward to the newest time saved before a "
				    "restart to 2025-12-01 00:00 UTC"));
	/* Never back: a clock ahead of what was saved is left alone. */
	assert_int_equal(run_clock(dir, t + DAY, "--restore --dry-run", out, sizeof out), 0);
	assert_null(strstr(out, "would be"));
	/* An older time never overwrites a newer saved one. */
	assert_int_equal(run_clock(dir, t - DAY, "--save", out, sizeof out), 0);
	{
		char *saved = tfs_read(dir, TK_CLOCK_SAVED, NULL);

		assert_non_null(strstr(saved, "1764547200"));
		free(saved);
	}
	assert_int_equal(run_clock(dir, t, "--bogus", out, sizeof out), 2);
	assert_int_equal(run_clock(dir, t, "", out, sizeof out), 2);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_apply_refuses_links_and_junk(void **state)
{
	char *dir = tfs_mkdtemp(), out[4096], path[4200];
	int64_t t = 1764547200;

	(void)state;
	/* A request that is a link (to anything) is not read. */
	assert_int_equal(tfs_write_str(dir, "target", "ticker-clock 1 1864547200 stick\n"), 0);
	snprintf(path, sizeof path, "%s/%s", dir, TK_CLOCK_REQUEST);
	assert_int_equal(symlink("target", path), 0);
	assert_int_equal(run_clock(dir, t, "--apply --dry-run", out, sizeof out), 0);
	assert_null(strstr(out, "would be"));
	unlink(path);
	assert_int_equal(tfs_write_str(dir, TK_CLOCK_REQUEST, "ticker-clock 1 18645 moon\n"), 0);
	assert_int_equal(run_clock(dir, t, "--apply --dry-run", out, sizeof out), 0);
	assert_non_null(strstr(out, "malformed"));
	assert_int_equal(tfs_write_str(dir, TK_CLOCK_REQUEST, "ticker-clock 1 1864547200 stick\n"),
			 0);
	assert_int_equal(run_clock(dir, t, "--apply --dry-run", out, sizeof out), 0);
	assert_non_null(strstr(out, "would be set from a signed stick's signing time"));
	tfs_rm_rf(dir);
	free(dir);
}

/* A signed stick made today, plugged into a box whose clock reads 40 days
 * behind: the import asks the clock forward and the report says so. */
static void test_signed_stick_asks_forward(void **state)
{
	char *root = tfs_mkdtemp(), stick[4200], keys[4200], key[4300], cache[4200], out[4096];
	struct tk_config cfg;
	struct tk_import_opts o = {"", 0, NULL, NULL};
	struct tk_import_summary sum;
	const char *what = NULL;
	char *pub, *req, *report;
	size_t n = 0;
	int64_t then = (int64_t)time(NULL) - 40 * DAY, asked;
	enum tk_clock_source src;

	(void)state;
	snprintf(stick, sizeof stick, "%s/stick", root);
	snprintf(keys, sizeof keys, "%s/keys", root);
	snprintf(key, sizeof key, "%s/comms", root);
	snprintf(cache, sizeof cache, "%s/cache", root);
	mkdir(stick, 0755);
	mkdir(keys, 0755);
	assert_int_equal(tk_sign_keygen(key), TK_OK);
	snprintf(key, sizeof key, "%s/comms.pub", root);
	pub = tfs_read("", key, NULL);
	assert_non_null(pub);
	assert_int_equal(tfs_write_str(keys, "comms.pub", pub), 0);
	free(pub);
	assert_int_equal(tfs_write_str(stick, "news.txt",
				       "Harbour ferry returns\n\nThe ferry is back on Monday.\n"),
			 0);
	snprintf(key, sizeof key, "%s/comms.key", root);
	assert_int_equal(tk_sign_dir(stick, key, &n, &what), TK_OK);
	tk_config_defaults(&cfg);
	snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%.250s", cache);
	snprintf(cfg.keys_dir, sizeof cfg.keys_dir, "%.250s", keys);
	o.report_path = NULL;
	o.now = then;
	assert_int_equal(tk_import_run(stick, &cfg, &o, &sum), TK_OK);
	assert_int_equal(sum.n[0], 1);
	req = tfs_read(cache, TK_CLOCK_REQUEST, NULL);
	assert_non_null(req);
	assert_int_equal(tk_clock_parse_time(req, &asked, &src), 0);
	assert_int_equal(src, TK_CLOCK_SRC_STICK);
	assert_true(asked > then + 39 * DAY && asked <= (int64_t)time(NULL));
	free(req);
	report = tfs_read(stick, "TICKER-REPORT.txt", NULL);
	assert_non_null(report);
	assert_non_null(strstr(report, "the clock is set forward to that time"));
	assert_non_null(strstr(report, "Clock:    never set by the ticker"));
	free(report);
	assert_int_equal(run_clock(cache, then, "--apply --dry-run", out, sizeof out), 0);
	assert_non_null(strstr(out, "would be set from a signed stick's signing time"));
	/* An unsigned stick asks nothing, whatever the clock says. */
	tfs_rm_rf(cache);
	tfs_rm_rf(keys);
	mkdir(keys, 0755);
	assert_int_equal(tk_import_run(stick, &cfg, &o, &sum), TK_OK);
	assert_false(tfs_exists(cache, TK_CLOCK_REQUEST));
	tfs_rm_rf(root);
	free(root);
}

/* The timezone setting takes tz names only, and only known ones. */
static void test_timezone_setting(void **state)
{
	char out[2048];
	const char *bad[] = {"../../etc/shadow", "/etc/localtime", "Mars/Base", "Europe/Paris;rm"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tu_capture(
		    out, sizeof out,
		    "timeout 20 %s --set 'timezone=%s' clock --save --cache /nonexistent 2>&1",
		    tu_ticker(), bad[i]);
		assert_non_null(strstr(out, "using the system's"));
	}
	tu_capture(out, sizeof out,
		   "timeout 20 %s --set timezone=UTC clock --save --cache /nonexistent 2>&1",
		   tu_ticker());
	assert_null(strstr(out, "timezone"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan),
	    cmocka_unit_test(test_formats),
	    cmocka_unit_test(test_save_restore),
	    cmocka_unit_test(test_apply_refuses_links_and_junk),
	    cmocka_unit_test(test_signed_stick_asks_forward),
	    cmocka_unit_test(test_timezone_setting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
