/* The screen power controller with a fake clock and a fake panel backend. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "config.h"
#include "err.h"
#include "power.h"
#include "testutil.h"

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static void lobby(struct tk_config *cfg)
{
	const char *msg;

	tk_config_defaults(cfg);
	assert_int_equal(tk_config_set(cfg, "screen_on", "Mon-Fri 07:00-19:30", &msg), TK_OK);
	assert_int_equal(tk_config_set(cfg, "screen_off_dates", "2026-12-25", &msg), TK_OK);
}

/* A day in the life: off in the evening, on in the morning, one call each. */
static void test_sleep_and_wake(void **state)
{
	struct tk_config cfg;
	struct tk_power p;
	struct tk_power_fake f = {0, 1, 0};
	time_t t;

	(void)state;
	lobby(&cfg);
	tk_power_init(&p, &cfg, &tk_power_fake_ops, &f);
	t = tu_local_time(2026, 12, 1, 12, 0);
	assert_int_equal(tk_power_check(&p, t, 1), TK_POWER_STAY);
	assert_int_equal(f.calls, 0);
	/* before the known next change nothing is evaluated again */
	assert_int_equal(tk_power_check(&p, t + 3600, 1), TK_POWER_STAY);
	assert_true(p.checked == t);
	assert_int_equal(tk_power_wait(&p, t, 60), 60);
	t = tu_local_time(2026, 12, 1, 19, 30);
	assert_int_equal(tk_power_check(&p, t, 1), TK_POWER_SLEEP);
	assert_int_equal(f.state, 0);
	assert_int_equal(tk_power_check(&p, t + 1, 1), TK_POWER_STAY);
	assert_int_equal(f.calls, 1);
	/* asleep: wait until the morning, in bounded steps */
	assert_int_equal(tk_power_wait(&p, t + 1, 30), 30);
	assert_int_equal(tk_power_wait(&p, tu_local_time(2026, 12, 2, 6, 59), 3600), 60);
	assert_int_equal(tk_power_check(&p, tu_local_time(2026, 12, 2, 7, 0), 1), TK_POWER_WAKE);
	assert_int_equal(f.state, 1);
	assert_int_equal(f.calls, 2);
	assert_int_equal(p.sleeps, 1);
	assert_int_equal(p.wakes, 1);
	/* a holiday: asleep all day */
	assert_int_equal(tk_power_check(&p, tu_local_time(2026, 12, 25, 10, 0), 1), TK_POWER_SLEEP);
	/* the clock set back to a working day: evaluated again, awake */
	assert_int_equal(tk_power_check(&p, tu_local_time(2026, 12, 24, 12, 0), 1), TK_POWER_WAKE);
}

/* An untrusted clock keeps (or brings) the screen on. */
static void test_untrusted_clock_stays_on(void **state)
{
	struct tk_config cfg;
	struct tk_power p;
	struct tk_power_fake f = {0, 1, 0};
	time_t night = tu_local_time(2026, 12, 1, 23, 0);

	(void)state;
	lobby(&cfg);
	tk_power_init(&p, &cfg, &tk_power_fake_ops, &f);
	assert_false(tk_power_clock_trusted(3600, 0));
	assert_false(tk_power_clock_trusted(night, night));
	assert_true(tk_power_clock_trusted(night, 0));
	assert_int_equal(tk_power_check(&p, night, 0), TK_POWER_STAY);
	assert_int_equal(tk_power_check(&p, night, 1), TK_POWER_SLEEP);
	assert_int_equal(tk_power_check(&p, night + 60, 0), TK_POWER_WAKE);
	assert_int_equal(f.state, 1);
}

/* No schedule: never sleeps; a failing backend still changes state. */
static void test_no_schedule_and_failing_backend(void **state)
{
	struct tk_config cfg;
	struct tk_power p;
	struct tk_power_fake f = {0, 1, 1};

	(void)state;
	tk_config_defaults(&cfg);
	tk_power_init(&p, &cfg, &tk_power_fake_ops, &f);
	assert_int_equal(tk_power_check(&p, tu_local_time(2026, 12, 6, 3, 0), 1), TK_POWER_STAY);
	lobby(&cfg);
	tk_power_init(&p, &cfg, &tk_power_fake_ops, &f);
	assert_int_equal(tk_power_check(&p, tu_local_time(2026, 12, 6, 3, 0), 1), TK_POWER_SLEEP);
	assert_int_equal(f.calls, 1);
	assert_int_equal(p.on, 0);
	tk_power_init(&p, &cfg, NULL, NULL);
	assert_int_equal(tk_power_check(&p, tu_local_time(2026, 12, 6, 3, 0), 1), TK_POWER_SLEEP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sleep_and_wake),
	    cmocka_unit_test(test_untrusted_clock_stays_on),
	    cmocka_unit_test(test_no_schedule_and_failing_backend),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
