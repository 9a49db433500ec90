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
#include <SDL_ttf.h>

#include "err.h"
#include "font.h"
#include "loader.h"
#include "mem.h"
#include "out.h"
#include "render.h"
#include "render_app.h"
#include "render_app_int.h"
#include "testutil.h"

#define FAKE_SCRIPT 12

struct fake {
	int opens, closes, polls;
	int script[FAKE_SCRIPT]; /* what each connector poll answers */
	int reopened_at;	 /* poll count at the second open */
	int fail_opens;		 /* the first N opens find no display */
	size_t lit[4];		 /* per close: pixels that are not the background */
	uint32_t probe;		 /* RGB counted in probed[] */
	size_t probed[4];	 /* per close: pixels of colour probe */
	const char *conf;	 /* written to conf_path at poll conf_at */
	char conf_path[600];
	int conf_at;
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
		for (int i = 0; f->closes < 4 && i < o->w * o->h; i++)
			f->probed[f->closes] += (px[i] & 0xffffff) == f->probe;
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

	if (f->conf && i == f->conf_at) {
		FILE *c = fopen(f->conf_path, "w");

		assert_non_null(c);
		fputs(f->conf, c);
		fclose(c);
	}
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
	snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s/assets", tu_root());
	snprintf(demo, sizeof demo, "%s/assets/demo", tu_root());
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

/* A frame far ahead of what the worker has made does not wait for it: the
 * crawl holds the picture it showed and the frame returns at once. */
static void test_late_worker_holds_crawl(void **state)
{
	struct tk_config cfg;
	struct tk_fonts *fonts = NULL;
	struct tk_scene *scene = NULL;
	struct tk_scene_opts so = {0};
	struct tk_scene_stats st;
	struct tk_playlist *pl = NULL;
	SDL_Surface *surf;
	SDL_Renderer *r;
	SDL_Rect band;
	uint32_t *a = NULL, *b = NULL;
	char demo[512];

	(void)state;
	tk_config_defaults(&cfg);
	snprintf(cfg.assets_dir, sizeof cfg.assets_dir, "%s/assets", tu_root());
	snprintf(demo, sizeof demo, "%s/assets/demo", tu_root());
	assert_int_equal(TTF_Init(), 0);
	assert_int_equal(tk_fonts_open(cfg.assets_dir, "", &fonts), TK_OK);
	surf = SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_RGB888);
	r = SDL_CreateSoftwareRenderer(surf);
	assert_non_null(r);
	so.width = 640;
	so.height = 360;
	so.fps = 60;
	so.max_texture = 4096;
	assert_int_equal(tk_scene_create(r, &cfg, fonts, &so, &scene), TK_OK);
	assert_int_equal(tk_loader_load(&cfg, demo, &pl), TK_OK);
	tk_scene_set_playlist(scene, pl);
	tk_scene_draw(scene, 0); /* the first frame waits for its content */
	assert_int_equal(tk_render_read(r, 640, 360, &a), TK_OK);
	tk_scene_draw(scene, 50000000); /* 100,000,000 px further on */
	assert_int_equal(tk_render_read(r, 640, 360, &b), TK_OK);
	band = tk_scene_band(scene);
	/* the band shows what it showed (not blank, not waiting) */
	assert_memory_equal(a + band.y * 640, b + band.y * 640, (size_t)band.h * 640 * 4);
	tk_scene_stats(scene, &st);
	assert_true(st.underruns >= 1);
	tk_free(a);
	tk_free(b);
	tk_scene_destroy(scene);
	tk_playlist_unref(pl);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(surf);
	tk_fonts_close(fonts);
	TTF_Quit();
}

/* speed_px_s becomes whole pixels per frame at the output's refresh. */
static void test_speed_px_s(void **state)
{
	struct tk_config cfg;
	struct tk_ctx c;

	(void)state;
	tk_config_defaults(&cfg);
	snprintf(cfg.assets_dir, sizeof cfg.assets_dir, "%s/assets", tu_root());
	cfg.speed_px_s = 300;
	memset(&c, 0, sizeof c);
	assert_int_equal(tk_ctx_open(&c, &tk_out_png, &cfg, 320, 180, 75, 1), TK_OK);
	assert_int_equal(c.cfg.speed, 4);
	assert_int_equal(tk_scene_crawl_offset(c.scene, 10), 40);
	/* the measured refresh asks for 3 px from frame 10: no jump */
	tk_scene_set_speed(c.scene, 10, 3);
	assert_int_equal(tk_scene_crawl_offset(c.scene, 10), 40);
	assert_int_equal(tk_scene_crawl_offset(c.scene, 20), 70);
	tk_ctx_close(&c);
	cfg.speed_px_s = 0;
	cfg.speed = 3;
	assert_int_equal(tk_ctx_open(&c, &tk_out_png, &cfg, 320, 180, 60, 1), TK_OK);
	assert_int_equal(tk_scene_crawl_offset(c.scene, 10), 30);
	tk_ctx_close(&c);
}

/* The window surface redraws only the band unless the scene says the
 * cards or notices changed: every fade step and notice must say so. */
static void test_outside_band_changes(void **state)
{
	struct tk_config cfg;
	struct tk_ctx c;
	struct tk_playlist *pl = NULL;
	char demo[512];
	int changed = 0;

	(void)state;
	tk_config_defaults(&cfg);
	snprintf(cfg.assets_dir, sizeof cfg.assets_dir, "%s/assets", tu_root());
	snprintf(demo, sizeof demo, "%s/assets/demo", tu_root());
	cfg.card_seconds = 2;
	memset(&c, 0, sizeof c);
	assert_int_equal(tk_ctx_open(&c, &tk_out_png, &cfg, 640, 360, 60, 1), TK_OK);
	assert_int_equal(tk_loader_load(&cfg, demo, &pl), TK_OK);
	tk_ctx_show(&c, &cfg, pl);
	tk_scene_draw(c.scene, 0);
	assert_true(tk_scene_outside_changed(c.scene));
	for (int64_t f = 1; f < 120; f++) {
		tk_scene_draw(c.scene, f);
		changed += tk_scene_outside_changed(c.scene);
	}
	assert_int_equal(changed, 0); /* one card, still: the band alone moves */
	changed = 0;
	for (int64_t f = 120; f < 240; f++) {
		tk_scene_draw(c.scene, f);
		changed += tk_scene_outside_changed(c.scene);
	}
	/* the fade (0.6 s = 36 frames) changes the cards nearly every frame */
	assert_true(changed >= 30 && changed <= 40);
	tk_scene_draw(c.scene, 300); /* mid-card, no fade */
	tk_scene_draw(c.scene, 301);
	assert_false(tk_scene_outside_changed(c.scene));
	tk_scene_set_notices(c.scene, "Service visit on Monday", NULL);
	tk_scene_draw(c.scene, 302);
	assert_true(tk_scene_outside_changed(c.scene));
	tk_scene_draw(c.scene, 303);
	assert_false(tk_scene_outside_changed(c.scene));
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
}

static void test_software_gl_names(void **state)
{
	(void)state;
	assert_true(tk_out_is_software_gl("llvmpipe (LLVM 15.0.6, 256 bits)"));
	assert_true(tk_out_is_software_gl("softpipe"));
	assert_true(tk_out_is_software_gl("Mesa OffScreen swrast"));
	assert_false(tk_out_is_software_gl("V3D 4.2"));
	assert_false(tk_out_is_software_gl("VC4 V3D 2.1"));
	assert_false(tk_out_is_software_gl("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
	assert_false(tk_out_is_software_gl(""));
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

/* A stick's settings reach a running display (issue 15): the cache's .config
 * changes while the loop runs, and the crawl band takes the new background
 * without a restart (one open, one close). */
static void test_config_live(void **state)
{
	struct tk_config cfg, dev;
	struct tk_display_opts o;
	struct fake f = {0};
	char dir[] = "/tmp/ticker-live-XXXXXX";

	(void)state;
	for (int i = 0; i < FAKE_SCRIPT; i++)
		f.script[i] = 1;
	opts_for(&o, &cfg);
	assert_non_null(mkdtemp(dir));
	snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%s", dir);
	o.dir = cfg.cache_dir;
	o.poll_ms = 100;
	dev = cfg;
	cfg.device = &dev;
	f.probe = 0x000080;
	f.conf = "crawl_bg = #000080\n";
	f.conf_at = 2;
	snprintf(f.conf_path, sizeof f.conf_path, "%s/.config", dir);
	assert_int_equal(tk_display_run_on(&o, &fake_ops, &f), TK_EXIT_OK);
	assert_int_equal(f.opens, 1);
	assert_int_equal(f.closes, 1);
	assert_true(f.probed[0] > 320 * 10);
	tu_sh("rm -rf %s", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replug_reopens),
	    cmocka_unit_test(test_schedule_off_black),
	    cmocka_unit_test(test_unplug_holds),
	    cmocka_unit_test(test_late_worker_holds_crawl),
	    cmocka_unit_test(test_speed_px_s),
	    cmocka_unit_test(test_software_gl_names),
	    cmocka_unit_test(test_outside_band_changes),
	    cmocka_unit_test(test_config_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
