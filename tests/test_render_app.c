/* The run loop over a fake output: a display unplugged and plugged back in is
 * re-opened at the first connector poll that sees it, the crawl carries on,
 * and the picture after the re-open is a real frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "config.h"
#include "err.h"
#include "mem.h"
#include "out.h"
#include "render.h"
#include "render_app.h"

static const char *root(void)
{
	const char *r = getenv("TK_ROOT");

	return r ? r : ".";
}

#define FAKE_SCRIPT 12

struct fake {
	int opens, closes, polls;
	int script[FAKE_SCRIPT]; /* what each connector poll answers */
	int reopened_at;	 /* poll count at the second open */
	int fail_opens;		 /* the first N opens find no display */
	size_t lit[4];		 /* per close: pixels that are not the background */
};

static int fake_open(struct tk_output *o, int w, int h)
{
	struct fake *f = o->priv;
	int err;

	f->opens++;
	if (f->opens == 2)
		f->reopened_at = f->polls;
	err = tk_out_png.open(o, 320, 180);
	o->refresh_hz = 60;
	o->vsync = 0;
	return err;
}

/* Count the pixels of the last frame that differ from the top-left one. */
static void fake_close(struct tk_output *o)
{
	struct fake *f = o->priv;
	uint32_t *px = NULL;
	size_t n = 0;

	if (o->r && tk_render_read(o->r, o->w, o->h, &px) == TK_OK) {
		for (int i = 0; i < o->w * o->h; i++)
			n += (px[i] & 0xffffff) != (px[0] & 0xffffff);
		tk_free(px);
	}
	if (f->closes < 4)
		f->lit[f->closes] = n;
	f->closes++;
	tk_out_png.close(o);
}

static int fake_connected(struct tk_output *o)
{
	struct fake *f = o->priv;
	int i = f->polls++;

	if (i >= FAKE_SCRIPT) {
		tk_display_stop();
		return f->script[FAKE_SCRIPT - 1];
	}
	return f->script[i];
}

static const struct tk_output_ops fake_ops = {"fake", fake_open, fake_close, fake_connected};

static void opts_for(struct tk_display_opts *o, struct tk_config *cfg)
{
	static char demo[512];

	tk_config_defaults(cfg);
	snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s/assets", root());
	snprintf(demo, sizeof demo, "%s/assets/demo", root());
	memset(o, 0, sizeof *o);
	o->cfg = cfg;
	o->dir = demo;
	o->window = 1;
	o->poll_ms = 30;
	o->seconds = 20; /* a safety stop; the script ends the run long before */
}

static void test_replug_reopens(void **state)
{
	struct tk_config cfg;
	struct tk_display_opts o;
	struct fake f = {0};
	/* poll 0 is the open's own look; connected, unplugged, back */
	int script[FAKE_SCRIPT] = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1};

	(void)state;
	memcpy(f.script, script, sizeof script);
	opts_for(&o, &cfg);
	assert_int_equal(tk_display_run_on(&o, &fake_ops, &f), TK_EXIT_OK);
	assert_int_equal(f.opens, 2);
	assert_int_equal(f.closes, 2);
	/* re-opened at the very poll that saw the display again (index 6) */
	assert_int_equal(f.reopened_at, 7);
	/* both pictures are real frames: crawl text and cards, not a blank screen */
	assert_true(f.lit[0] > 320 * 180 / 50);
	assert_true(f.lit[1] > 320 * 180 / 50);
}

/* Unplugged and never back: no re-open, the loop keeps presenting. */
static void test_unplug_holds(void **state)
{
	struct tk_config cfg;
	struct tk_display_opts o;
	struct fake f = {0};
	int script[FAKE_SCRIPT] = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

	(void)state;
	memcpy(f.script, script, sizeof script);
	opts_for(&o, &cfg);
	assert_int_equal(tk_display_run_on(&o, &fake_ops, &f), TK_EXIT_OK);
	assert_int_equal(f.opens, 1);
	assert_int_equal(f.closes, 1);
	assert_true(f.lit[0] > 320 * 180 / 50);
}

/* Outside the screen schedule (today is an off date): one black frame, then no
 * frames and no connector polls until the run's stop time. */
static void test_schedule_off_black(void **state)
{
	struct tk_config cfg;
	struct tk_display_opts o;
	struct fake f = {0};
	int script[FAKE_SCRIPT] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	char today[16];
	const char *msg;
	time_t now = time(NULL);
	struct tm tm;

	(void)state;
	memcpy(f.script, script, sizeof script);
	opts_for(&o, &cfg);
	o.seconds = 2;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	assert_int_equal(tk_config_set(&cfg, "screen_off_dates", today, &msg), TK_OK);
	assert_int_equal(tk_display_run_on(&o, &fake_ops, &f), TK_EXIT_OK);
	assert_int_equal(f.opens, 1);
	assert_int_equal(f.closes, 1);
	assert_int_equal(f.lit[0], 0);
	assert_true(f.polls <= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replug_reopens),
	    cmocka_unit_test(test_schedule_off_black),
	    cmocka_unit_test(test_unplug_holds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
