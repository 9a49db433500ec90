/* The "This screen" report section (health.c) on a fake /proc and /sys tree:
 * restarts and unclean boots counted by the display, shown since the last
 * stick, temperature, the Pi's under-voltage alarm, missing sensors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "err.h"
#include "health.h"
#include "testfs.h"

struct env {
	char *root; /* the fake system */
	char cache[4096];
	struct tk_health_env he;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);

	e->root = tfs_mkdtemp();
	snprintf(e->cache, sizeof e->cache, "%s/cache", e->root);
	assert_int_equal(tfs_write_str(e->root, "cache/.keep", ""), 0);
	assert_int_equal(tfs_write_str(e->root, "proc/uptime", "90061.5 12.0\n"), 0);
	e->he.sysroot = e->root;
	e->he.cache_dir = e->cache;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	tfs_rm_rf(e->root);
	free(e->root);
	free(e);
	return 0;
}

static void boot(struct env *e, const char *id)
{
	assert_int_equal(tfs_write_str(e->root, "proc/sys/kernel/random/boot_id", id), 0);
}

static void report(struct env *e, char *buf, size_t size)
{
	tk_health_report(&e->he, 7, buf, size);
}

static void test_counts_restarts_and_unclean_boots(void **state)
{
	struct env *e = *state;
	struct tk_health_counts c;
	char buf[TK_HEALTH_REPORT_MAX];

	boot(e, "boot-a\n");
	assert_int_equal(tk_health_note_start(&e->he), TK_OK); /* first boot */
	assert_int_equal(tk_health_note_start(&e->he), TK_OK); /* watchdog restart */
	assert_int_equal(tk_health_note_start(&e->he), TK_OK); /* and another */
	boot(e, "boot-b\n");				       /* power cut: no stop */
	assert_int_equal(tk_health_note_start(&e->he), TK_OK);
	assert_int_equal(tk_health_note_stop(&e->he), TK_OK); /* clean shutdown */
	boot(e, "boot-c\n");
	assert_int_equal(tk_health_note_start(&e->he), TK_OK);
	assert_int_equal(tk_health_read(e->cache, TK_HEALTH_FILE, &c), TK_OK);
	assert_int_equal(c.starts, 5);
	assert_int_equal(c.boots, 3);
	assert_int_equal(c.unclean, 1);
	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "THIS SCREEN"));
	assert_non_null(strstr(buf, "the display restarted 2 times; the box started 3 times, "
				    "1 after a power cut or crash"));
	assert_non_null(strstr(buf, "1 days 01:01 since the box started"));
	assert_non_null(strstr(buf, "Articles: 7 on the ticker"));
	/* The next stick counts from this one. */
	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "the display restarted 0 times; the box started 0 times, "
				    "0 after a power cut or crash"));
	assert_int_equal(tk_health_note_start(&e->he), TK_OK);
	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "the display restarted 1 time; "));
}

static void test_sensors(void **state)
{
	struct env *e = *state;
	char buf[TK_HEALTH_REPORT_MAX];

	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "temperature unknown"));
	assert_non_null(strstr(buf, "no under-voltage sensor"));
	assert_non_null(strstr(buf, "the display has not run yet"));
	assert_non_null(strstr(buf, "Display:  unknown"));
	/* A Pi: the CPU zone is not the first one; the firmware saw under-voltage. */
	assert_int_equal(tfs_write_str(e->root, "sys/class/thermal/thermal_zone0/type", "gpu\n"),
			 0);
	assert_int_equal(tfs_write_str(e->root, "sys/class/thermal/thermal_zone0/temp", "41000\n"),
			 0);
	assert_int_equal(
	    tfs_write_str(e->root, "sys/class/thermal/thermal_zone1/type", "cpu-thermal\n"), 0);
	assert_int_equal(tfs_write_str(e->root, "sys/class/thermal/thermal_zone1/temp", "83500\n"),
			 0);
	assert_int_equal(tfs_write_str(e->root, "sys/class/hwmon/hwmon0/name", "cpu_thermal\n"), 0);
	assert_int_equal(tfs_write_str(e->root, "sys/class/hwmon/hwmon1/name", "rpi_volt\n"), 0);
	assert_int_equal(tfs_write_str(e->root, "sys/class/hwmon/hwmon1/in0_lcrit_alarm", "1\n"),
			 0);
	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "CPU:      84 °C (hot"));
	assert_non_null(strstr(buf, "UNDER-VOLTAGE seen since the last start"));
	assert_int_equal(tfs_write_str(e->root, "sys/class/hwmon/hwmon1/in0_lcrit_alarm", "0\n"),
			 0);
	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "Power:    good"));
	assert_non_null(strstr(buf, "MB free of"));
}

static void test_damaged_counter_file(void **state)
{
	struct env *e = *state;
	struct tk_health_counts c;
	char buf[TK_HEALTH_REPORT_MAX];

	assert_int_equal(tfs_write_str(e->cache, TK_HEALTH_FILE, "ticker-health 1 x 1\n"), 0);
	assert_int_equal(tk_health_read(e->cache, TK_HEALTH_FILE, &c), TK_EPARSE);
	report(e, buf, sizeof buf);
	assert_non_null(strstr(buf, "the display has not run yet"));
	/* A damaged file is started afresh, not trusted. */
	boot(e, "boot-z\n");
	assert_int_equal(tk_health_note_start(&e->he), TK_OK);
	assert_int_equal(tk_health_read(e->cache, TK_HEALTH_FILE, &c), TK_OK);
	assert_int_equal(c.starts, 1);
	assert_int_equal(c.unclean, 0);
	/* A tiny buffer is cut, never overrun. */
	tk_health_report(&e->he, 0, buf, 16);
	assert_int_equal(strlen(buf), 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_counts_restarts_and_unclean_boots, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_sensors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_counter_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
