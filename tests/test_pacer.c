/* The frame pacer, driven by synthetic present timestamps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pacer.h"

#define MS 1000000LL
#define SEC 1000000000LL

/* A month of uptime: the pacer must not care how large the clock is. */
#define T0 (30LL * 86400 * SEC)

static void test_steady_vsync(void **state)
{
	struct tk_pacer p;
	int64_t t = T0, period = SEC / 60;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	for (int i = 0; i < 600; i++, t += period)
		assert_int_equal(tk_pacer_presented(&p, t), 1);
	assert_int_equal(p.frame, 600);
	assert_int_equal(p.missed, 0);
	assert_int_equal(p.period, period);
}

/* 59.94 Hz reads as 60: the measured period follows the real one. */
static void test_measures_real_refresh(void **state)
{
	struct tk_pacer p;
	int64_t period = 16683350, t = T0;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	for (int i = 0; i < 6000; i++, t += period + (i % 3 - 1) * 200000)
		assert_int_equal(tk_pacer_presented(&p, t), 1);
	assert_true(p.period > period - 250000 && p.period < period + 250000);
	assert_int_equal(p.frame, 6000);
}

/* Presents that take 22-28 ms (GLES2 on llvmpipe with simulated vsync): the
 * estimate stays at the refresh period and the motion keeps its speed. */
static void test_slow_presents_keep_speed(void **state)
{
	struct tk_pacer p;
	int64_t t = T0, start;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	tk_pacer_presented(&p, t);
	start = p.frame;
	for (int i = 0; i < 1000; i++) {
		t += 22 * MS + (i * 7919 % 6) * MS; /* 22..27 ms, irregular */
		assert_true(tk_pacer_presented(&p, t) >= 1);
	}
	assert_int_equal(p.period, SEC / 60);
	/* frames advanced == elapsed time in periods, within one frame */
	{
		int64_t want = (t - T0) / (SEC / 60), got = p.frame - start;

		assert_true(got >= want - 1 && got <= want + 1);
	}
}

static void test_missed_vsync(void **state)
{
	struct tk_pacer p;
	int64_t t = T0, period = SEC / 60;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	for (int i = 0; i < 100; i++, t += period)
		tk_pacer_presented(&p, t);
	t += period; /* one vsync missed */
	assert_int_equal(tk_pacer_presented(&p, t), 2);
	t += 3 * period; /* two more */
	assert_int_equal(tk_pacer_presented(&p, t), 3);
	assert_int_equal(p.missed, 3);
	t += period;
	assert_int_equal(tk_pacer_presented(&p, t), 1);
}

/* A late present followed by a quick one (queued flips): no extra skip, no
 * repeated frame, and the steady rhythm after it is one frame per present. */
static void test_late_then_quick(void **state)
{
	struct tk_pacer p;
	int64_t t = T0, period = SEC / 60;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	for (int i = 0; i < 100; i++, t += period)
		tk_pacer_presented(&p, t);
	t -= period; /* t is the last present again */
	t += period * 13 / 10;
	assert_int_equal(tk_pacer_presented(&p, t), 1);
	t += period * 7 / 10;
	assert_int_equal(tk_pacer_presented(&p, t), 1);
	for (int i = 0; i < 100; i++) {
		t += period + (i % 2 ? 1 : -1) * 1500000; /* 1.5 ms jitter */
		assert_int_equal(tk_pacer_presented(&p, t), 1);
	}
	assert_int_equal(p.missed, 0);
}

/* No vsync: presents are due one nominal period apart, whatever the loop
 * achieves, and each advances the motion by exactly one frame. */
static void test_clock_paced_constant_steps(void **state)
{
	struct tk_pacer p;
	int64_t t = T0, due, prev = 0;

	(void)state;
	tk_pacer_init(&p, 60, 0);
	assert_int_equal(tk_pacer_due(&p), 0);
	assert_int_equal(tk_pacer_presented(&p, t), 1);
	for (int i = 0; i < 600; i++) {
		due = tk_pacer_due(&p);
		assert_true(due > t);
		if (prev)
			assert_int_equal(due - prev, SEC / 60);
		prev = due;
		t = due + (i % 5) * 100000; /* wakes up a little late */
		assert_int_equal(tk_pacer_presented(&p, t), 1);
	}
	assert_int_equal(p.frame, 601);
	/* 10 s of frames at 2 px/frame: 120 px/s */
	assert_true((t - T0) / (SEC / 60) >= 599 && (t - T0) / (SEC / 60) <= 601);
	/* a frame that overran by 2.5 periods skips the two deadlines it missed */
	due = tk_pacer_due(&p);
	t = due + SEC / 60 * 5 / 2;
	assert_int_equal(tk_pacer_presented(&p, t), 3);
	assert_true(tk_pacer_due(&p) > t);
	assert_true(tk_pacer_due(&p) - t <= SEC / 60);
}

/* Vsync claimed but presents come back at once: switch to the clock. */
static void test_unpaced_detected(void **state)
{
	struct tk_pacer p;
	int64_t t = T0;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	for (int i = 0; i <= TK_PACER_UNPACED_AFTER; i++, t += MS / 2)
		tk_pacer_presented(&p, t);
	assert_true(p.clock_paced);
	assert_true(tk_pacer_due(&p) > t - MS / 2);
	assert_int_equal(p.period, SEC / 60);
}

static void test_px_per_frame(void **state)
{
	(void)state;
	assert_int_equal(tk_pacer_px_per_frame(120, SEC / 60), 2);
	assert_int_equal(tk_pacer_px_per_frame(125, 16 * MS), 2);
	assert_int_equal(tk_pacer_px_per_frame(120, 16 * MS), 2);
	assert_int_equal(tk_pacer_px_per_frame(180, SEC / 60), 3);
	assert_int_equal(tk_pacer_px_per_frame(10, SEC / 60), 1);
	assert_int_equal(tk_pacer_px_per_frame(0, SEC / 60), 1);
	assert_int_equal(tk_pacer_px_per_frame(300, SEC / 75), 4);
}

/* speed_px_s at the measured refresh: a display that says 60 Hz but flips
 * every 16 ms (62.5 Hz, as Xvfb's simulated vsync) gets 156 px/s as 2 px a
 * frame (2.496), not the nominal 3 (2.6); nothing before a full window. */
static void test_measured_px(void **state)
{
	struct tk_pacer p;
	int64_t t = T0;

	(void)state;
	tk_pacer_init(&p, 60, 1);
	assert_int_equal(tk_pacer_px_per_frame(156, p.nominal), 3);
	for (int i = 0; i < TK_PACER_WINDOW; i++, t += 16 * MS) {
		assert_int_equal(tk_pacer_measured_px(&p, 156), 0);
		tk_pacer_presented(&p, t);
	}
	tk_pacer_presented(&p, t);
	assert_int_equal(p.period, 16 * MS);
	assert_int_equal(tk_pacer_measured_px(&p, 156), 2);
	assert_int_equal(tk_pacer_measured_px(&p, 120), 2);
	assert_int_equal(tk_pacer_measured_px(&p, 200), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_steady_vsync),
	    cmocka_unit_test(test_measures_real_refresh),
	    cmocka_unit_test(test_slow_presents_keep_speed),
	    cmocka_unit_test(test_missed_vsync),
	    cmocka_unit_test(test_late_then_quick),
	    cmocka_unit_test(test_clock_paced_constant_steps),
	    cmocka_unit_test(test_unpaced_detected),
	    cmocka_unit_test(test_px_per_frame),
	    cmocka_unit_test(test_measured_px),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
