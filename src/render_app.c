/* Display programs: choose the output (out_*.c), run the frame loop paced by
 * the pure pacer (pacer.c) at the display's refresh, follow the cache through
 * the loader (loader.c), tell systemd (notify.c), and re-open a KMSDRM output
 * when a display comes back (SDL 2.26 has no hotplug). Snapshots and records
 * render with SDL's software renderer on a plain surface: same pixels
 * everywhere. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cache.h"
#include "cmd.h"
#include "err.h"
#include "i18n.h"
#include "loader.h"
#include "log.h"
#include "notify.h"
#include "pacer.h"
#include "playlist.h"
#include "power.h"
#include "render_app.h"
#include "render_app_int.h"

static volatile sig_atomic_t tk_app_stop;
static volatile sig_atomic_t tk_app_nowatchdog;

static void tk_app_on_signal(int sig)
{
	if (sig == SIGUSR2)
		tk_app_nowatchdog = 1;
	else
		tk_app_stop = 1;
}

void tk_display_stop(void)
{
	tk_app_stop = 1;
}

int64_t tk_app_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Text surfaces are large and short-lived. glibc raises its mmap threshold
 * each time such a block is freed, after which they come from the heap and
 * fragment it: RSS crept from 46 to 53 MB over ten minutes. A fixed threshold
 * keeps them mmapped and returned at once (49 MB after ten minutes). */
void tk_app_malloc_tune(void)
{
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

/* ---- context: output, fonts, scene ---------------------------------------- */

static int tk_ctx_fonts(struct tk_ctx *c, const struct tk_config *cfg)
{
	int err;

	if (c->fonts)
		return TK_OK;
	if (!c->ttf && TTF_Init()) {
		tk_log(TK_LOG_ERROR, "display: TTF_Init: %s", TTF_GetError());
		return TK_ESDL;
	}
	c->ttf = 1;
	err = tk_fonts_open(cfg->assets_dir, cfg->font, &c->fonts);
	if (err)
		tk_log(TK_LOG_ERROR, "fonts: no usable font in %s/fonts: %s", cfg->assets_dir,
		       tk_strerror(err));
	return err;
}

int tk_ctx_scene(struct tk_ctx *c, const struct tk_config *cfg, int fps, int sync, int rotate)
{
	struct tk_scene_opts so = {0};
	int rot = rotate ? (int)cfg->rotation : 0, err = tk_ctx_fonts(c, cfg);

	if (err)
		return err;
	if (rot != 90 && rot != 180 && rot != 270)
		rot = 0;
	c->rot_deg = rot;
	c->w = rot == 90 || rot == 270 ? c->out.h : c->out.w;
	c->h = rot == 90 || rot == 270 ? c->out.w : c->out.h;
	if (rot) {
		c->rot = SDL_CreateTexture(c->out.r, SDL_PIXELFORMAT_ARGB8888,
					   SDL_TEXTUREACCESS_TARGET, c->w, c->h);
		if (!c->rot) {
			tk_log(TK_LOG_ERROR,
			       "display: rotation %d needs a %dx%d target texture: %s", rot, c->w,
			       c->h, SDL_GetError());
			return TK_ESDL;
		}
	}
	so.width = c->w;
	so.height = c->h;
	so.fps = fps;
	so.sync = sync;
	so.max_texture = c->out.max_texture;
	c->cfg = *cfg;
	if (cfg->speed_px_s > 0)
		c->cfg.speed = tk_pacer_px_per_frame(cfg->speed_px_s, 1000000000LL / fps);
	err = tk_scene_create(c->out.r, &c->cfg, c->fonts, &so, &c->scene);
	if (err)
		tk_log(TK_LOG_ERROR, "display: scene: %s (%s)", tk_strerror(err), SDL_GetError());
	return err;
}

int tk_ctx_open(struct tk_ctx *c, const struct tk_output_ops *ops, const struct tk_config *cfg,
		int w, int h, int fps, int sync)
{
	int err;

	c->out.ops = ops;
	err = ops->open(&c->out, w, h);
	if (!err)
		err = tk_ctx_scene(c, cfg, fps, sync, 0);
	return err;
}

void tk_ctx_show(struct tk_ctx *c, const struct tk_config *cfg, struct tk_playlist *pl)
{
	struct tk_playlist *crawl = NULL;

	if (tk_loader_newest(pl, cfg->crawl_articles > 0 ? (size_t)cfg->crawl_articles : 0,
			     &crawl)) {
		crawl = tk_playlist_ref(pl); /* out of memory: everything in the crawl */
	}
	tk_scene_set_playlists(c->scene, crawl, pl);
	tk_playlist_unref(crawl);
}

void tk_ctx_draw(struct tk_ctx *c, int64_t frame)
{
	SDL_Rect d;

	if (c->rot)
		SDL_SetRenderTarget(c->out.r, c->rot);
	tk_scene_draw(c->scene, frame);
	if (!c->rot)
		return;
	d.x = (c->out.w - c->w) / 2;
	d.y = (c->out.h - c->h) / 2;
	d.w = c->w;
	d.h = c->h;
	SDL_SetRenderTarget(c->out.r, NULL);
	SDL_RenderCopyEx(c->out.r, c->rot, NULL, &d, c->rot_deg, NULL, SDL_FLIP_NONE);
}

void tk_ctx_close_output(struct tk_ctx *c)
{
	tk_scene_destroy(c->scene);
	c->scene = NULL;
	if (c->rot)
		SDL_DestroyTexture(c->rot);
	c->rot = NULL;
	if (c->out.ops)
		c->out.ops->close(&c->out);
}

void tk_ctx_close(struct tk_ctx *c)
{
	tk_ctx_close_output(c);
	tk_fonts_close(c->fonts);
	if (c->ttf)
		TTF_Quit();
	SDL_Quit();
	memset(c, 0, sizeof *c);
}

/* ---- snapshot / record ------------------------------------------------------ */

/* The clock (cfg clock): date and time in the language's pattern (its .po
 * file, not a system locale), handed to the scene when the minute changes;
 * the worker renders it, the frame only copies it. */
static void tk_ctx_clock(struct tk_ctx *c, time_t now)
{
	char text[96];
	struct tm tm;

	if (c->cfg.clock == TK_CLOCK_OFF || !c->scene || !localtime_r(&now, &tm))
		return;
	tk_i18n_clock(text, sizeof text, &tm);
	tk_scene_set_clock(c->scene, text);
}

static void tk_notices_now(struct tk_scene *s, const char *dir)
{
	char st[256], ur[1024];

	if (!dir)
		return;
	tk_loader_notices(dir, st, sizeof st, ur, sizeof ur);
	tk_scene_set_notices(s, st, ur);
}

int tk_display_snapshot(const struct tk_display_opts *o)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	int fps = o->fps > 0 ? o->fps : 60, rc = TK_EXIT_FAIL, gl, e;
	int64_t frame = (int64_t)(o->at * fps + 0.5);

	tk_app_malloc_tune();
	/* opengles2: compares the device's renderer with the reference; not deterministic */
	gl = o->renderer && !strcmp(o->renderer, "opengles2");
	e = tk_ctx_open(&c, gl ? &tk_out_offscreen : &tk_out_png, o->cfg, o->width, o->height, fps,
			1);
	if (e) {
		if (gl)
			tk_log(TK_LOG_ERROR, "snapshot: opengles2 unavailable: %s", SDL_GetError());
		rc = gl && e == TK_ENODISPLAY ? TK_EXIT_NODISPLAY : TK_EXIT_FAIL;
		goto out;
	}
	if (tk_loader_load(o->cfg, o->dir, &pl))
		goto out;
	tk_ctx_show(&c, o->cfg, pl);
	tk_notices_now(c.scene, o->dir);
	tk_ctx_clock(&c, time(NULL));
	tk_scene_draw(c.scene, frame);
	if (tk_render_png(c.out.r, c.w, c.h, o->out)) {
		tk_log(TK_LOG_ERROR, "snapshot: cannot write %s", o->out);
		goto out;
	}
	tk_log(TK_LOG_INFO, "snapshot: frame %lld (%.3f s at %d fps), %dx%d -> %s",
	       (long long)frame, (double)frame / fps, fps, c.w, c.h, o->out);
	rc = TK_EXIT_OK;
out:
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	return rc;
}

int tk_display_record(const struct tk_display_opts *o)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	int fps = o->fps > 0 ? o->fps : 60, rc = TK_EXIT_FAIL;
	int64_t n = (int64_t)(o->seconds * fps + 0.5);
	char path[4096];

	if (mkdir(o->out, 0777) && errno != EEXIST) {
		tk_log(TK_LOG_ERROR, "record: %s: %s", o->out, strerror(errno));
		return TK_EXIT_FAIL;
	}
	if (tk_ctx_open(&c, &tk_out_png, o->cfg, o->width, o->height, fps, 1))
		goto out;
	if (tk_loader_load(o->cfg, o->dir, &pl))
		goto out;
	tk_ctx_show(&c, o->cfg, pl);
	tk_notices_now(c.scene, o->dir);
	tk_ctx_clock(&c, time(NULL));
	for (int64_t f = 0; f < n && !tk_app_stop; f++) {
		tk_scene_draw(c.scene, f);
		snprintf(path, sizeof path, "%s/frame-%05lld.png", o->out, (long long)f);
		if (tk_render_png(c.out.r, c.w, c.h, path)) {
			tk_log(TK_LOG_ERROR, "record: cannot write %s", path);
			goto out;
		}
	}
	tk_log(TK_LOG_INFO, "record: %lld frames at %d fps, %dx%d -> %s", (long long)n, fps, c.w,
	       c.h, o->out);
	rc = TK_EXIT_OK;
out:
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	return rc;
}

/* ---- run -------------------------------------------------------------------- */

/* Everything the frame loop carries. */
struct tk_run {
	const struct tk_display_opts *o;
	const struct tk_config *cfg; /* &live */
	struct tk_config live; /* the settings in force: o->cfg, then <cache>/.config reloads */
	uint64_t conf_id;      /* identity of <cache>/.config last applied */
	int64_t next_conf;
	struct tk_ctx c;
	struct tk_pacer pacer;
	struct tk_watchdog wd;
	struct tk_preload *pre;
	struct tk_loader *ld;
	struct tk_playlist *pl; /* on screen; kept to rebuild the scene after a re-open */
	char status[256], urgent[1024];
	int64_t start, next_poll, missed_log, stop_at;
	int connected, reopens, shown;
	int partial;	       /* window surface: redraw and present only the band when we can */
	int full;	       /* this frame: the whole picture */
	int force_full;	       /* next frame: the whole picture (exposed, re-opened) */
	struct tk_power power; /* screen schedule */
	time_t power_checked, trust_read, clock_min;
	struct tk_scene *clock_scene; /* the scene the clock text was given to */
	int64_t pending_jump;
};

static void tk_sleep_until(int64_t t)
{
	struct timespec ts = {(time_t)(t / 1000000000), (long)(t % 1000000000)};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR && !tk_app_stop)
		;
}

static int tk_run_headless(const struct tk_display_opts *o)
{
	struct tk_display_opts so = *o;
	char path[4096];
	const char *tmp = getenv("TMPDIR");
	int rc;

	if (!so.out) {
		snprintf(path, sizeof path, "%s/ticker-preview.png", tmp && *tmp ? tmp : "/tmp");
		so.out = path;
	}
	if (so.width <= 0) {
		so.width = 1920;
		so.height = 1080;
	}
	so.at = 3.0;
	rc = tk_display_snapshot(&so);
	if (rc == TK_EXIT_OK) {
		tk_log(TK_LOG_INFO,
		       "display: no display here (no DISPLAY, WAYLAND_DISPLAY or DRM output): "
		       "rendered the frame at 3 s to a PNG instead");
		printf("ticker: preview written to %s\n", so.out);
	}
	return rc;
}

static int tk_run_preload(void *arg, struct tk_playlist **out)
{
	struct tk_run *r = arg;

	return tk_loader_load(r->cfg, r->o->dir, out);
}

static void tk_run_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tk_app_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
}

/* Open the output; on a console with no display connected, wait and retry
 * (feeding the watchdog) until one is, or until asked to stop. */
static int tk_run_open(struct tk_run *r)
{
	const struct tk_output_ops *ops = r->c.out.ops;

	tk_notify_status("opening the display");
	for (;;) {
		int err = ops->open(&r->c.out, r->o->window ? r->o->width : 0,
				    r->o->window ? r->o->height : 0);

		if (!err)
			return TK_EXIT_OK;
		ops->close(&r->c.out);
		if (err != TK_ENODISPLAY || ops != &tk_out_kmsdrm) {
			tk_log(TK_LOG_ERROR, "display: cannot open the %s output: %s", ops->name,
			       SDL_GetError());
			return TK_EXIT_NODISPLAY;
		}
		tk_log(TK_LOG_WARN, "display: no display connected, retrying in 5 s (%s)",
		       SDL_GetError());
		tk_notify_status("waiting for a display");
		for (int i = 0; i < 50 && !tk_app_stop; i++) {
			tk_sleep_until(tk_app_now_ns() + 100000000);
			tk_watchdog_feed(&r->wd, tk_app_now_ns());
		}
		if (tk_app_stop)
			return TK_EXIT_OK;
	}
}

/* Log the chosen path, leave it where the stick report can read it. */
static void tk_run_describe(struct tk_run *r)
{
	const struct tk_display_info *in = &r->c.out.info;
	char line[512];

	/* this line's shape is what field logs and the e2e test read */
	tk_log(TK_LOG_INFO,
	       "display: driver=%s renderer=%s mode=%dx%d@%dHz vsync=%s max_texture=%d", in->driver,
	       in->renderer, in->w, in->h, in->refresh_hz, in->vsync ? "on" : "off",
	       r->c.out.max_texture);
	tk_display_info_format(in, line, sizeof line);
	tk_log(TK_LOG_INFO, "display: %s", line);
	if (r->o->dir && !strcmp(r->o->dir, r->cfg->cache_dir) &&
	    tk_display_state_write(r->o->dir, &r->c.out.info))
		tk_log(TK_LOG_DEBUG, "display: cannot write %s/%s", r->o->dir,
		       TK_DISPLAY_STATE_FILE);
}

/* Scene on the open output, with what was on screen before (or the preload),
 * and a pacer that carries on from the same motion frame. */
static int tk_run_show(struct tk_run *r)
{
	int64_t frame = r->pacer.frame;

	tk_run_describe(r);
	/* the worker's first fallback lookup must not hold up the first frames */
	if (!r->shown && !tk_ctx_fonts(&r->c, r->cfg)) {
		int64_t t = tk_app_now_ns();

		tk_fonts_prepare(r->c.fonts);
		tk_log(TK_LOG_INFO, "fonts: fallback configuration loaded in %lld ms",
		       (long long)((tk_app_now_ns() - t) / 1000000));
	}
	if (tk_ctx_scene(&r->c, r->cfg, r->c.out.refresh_hz > 0 ? r->c.out.refresh_hz : 60, 0, 1))
		return TK_EXIT_FAIL;
	if (!r->shown++)
		tk_log(TK_LOG_INFO, "fonts: %s", tk_fonts_describe(r->c.fonts));
	if (r->pre) {
		struct tk_playlist *pl = NULL;

		tk_preload_join(r->pre, &pl);
		r->pre = NULL;
		r->pl = pl;
		tk_loader_notices(r->o->dir, r->status, sizeof r->status, r->urgent,
				  sizeof r->urgent);
	}
	if (r->pl)
		tk_ctx_show(&r->c, r->cfg, r->pl);
	tk_scene_set_notices(r->c.scene, r->status, r->urgent);
	r->partial = !strcmp(r->c.out.info.path, "software-window") && !r->c.rot;
	r->force_full = 1;
	tk_pacer_init(&r->pacer, r->c.out.refresh_hz, r->c.out.vsync);
	r->pacer.frame = frame;
	r->connected = r->c.out.ops->connected(&r->c.out);
	return TK_EXIT_OK;
}

/* A display came back: SDL 2.26's KMSDRM keeps the old connector state, so
 * close the output and open it again; the crawl carries on where it was. */
static int tk_run_reopen(struct tk_run *r)
{
	int rc;

	tk_log(TK_LOG_INFO, "display: a display was connected: re-opening the output");
	tk_ctx_close_output(&r->c);
	rc = tk_run_open(r);
	if (rc == TK_EXIT_OK && !tk_app_stop)
		rc = tk_run_show(r);
	r->reopens++;
	return rc;
}

static int tk_run_hotplug(struct tk_run *r, int64_t now)
{
	int connected;

	if (now < r->next_poll)
		return TK_EXIT_OK;
	r->next_poll = now + (r->o->poll_ms > 0 ? r->o->poll_ms : 1000) * 1000000LL;
	connected = r->c.out.ops->connected(&r->c.out);
	if (connected < 0 || connected == r->connected)
		return TK_EXIT_OK;
	tk_log(TK_LOG_INFO, "display: connector %s",
	       connected ? "connected" : "disconnected: holding until it returns");
	r->connected = connected;
	return connected ? tk_run_reopen(r) : TK_EXIT_OK;
}

/* Whatever the loader posted: a changed playlist, notices. Never waits. */
static void tk_run_follow(struct tk_run *r)
{
	struct tk_playlist *pl = NULL;

	if (!tk_loader_take(r->ld, &pl, r->status, sizeof r->status, r->urgent, sizeof r->urgent))
		return;
	tk_scene_set_notices(r->c.scene, r->status, r->urgent);
	if (!pl)
		return;
	tk_notify_status("showing %zu articles (generation %llu)", pl->n_articles,
			 (unsigned long long)pl->generation);
	tk_ctx_show(&r->c, r->cfg, pl);
	tk_playlist_unref(r->pl);
	r->pl = pl;
}

/* ---- live settings (issue 15): <cache>/.config changed by an import ---------- */

/* How often <cache>/.config is looked at (one stat). */
#if !defined(TK_RUN_CONFIG_POLL_MS)
#define TK_RUN_CONFIG_POLL_MS 250
#endif

/* Identity of <dir>/.config (inode, size, modification time); 0 when absent. */
static uint64_t tk_run_config_id(const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, TK_CACHE_CONFIG);
	if (stat(path, &st))
		return 0;
	return ((uint64_t)st.st_ino * 1000003u ^ (uint64_t)st.st_size * 7919u) +
	       (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec;
}

/* The settings with the stick keys back at the device's values and the
 * current .config applied over them (by the stick rules; a file that fails is
 * ignored with the service mark). --set values a stick key also sets are the
 * stick's after a reload. */
static void tk_run_restick(struct tk_run *r, struct tk_config *out)
{
	*out = r->live;
	tk_config_copy_stick_keys(out, r->live.device);
	out->service &= ~TK_SERVICE_STICK_CONF;
	if (tk_cache_config_apply(r->o->dir, out, NULL, NULL))
		tk_log(TK_LOG_WARN,
		       "settings: %s/%s does not pass the stick rules: ignored "
		       "(service mark on screen)",
		       r->o->dir, TK_CACHE_CONFIG);
}

/* A new scene on the same output (colours, sizes, rotation): the pacer keeps
 * its motion frame; the scene starts from the playlist on screen. */
static int tk_run_rescene(struct tk_run *r)
{
	tk_scene_destroy(r->c.scene);
	r->c.scene = NULL;
	if (r->c.rot)
		SDL_DestroyTexture(r->c.rot);
	r->c.rot = NULL;
	r->reopens++;
	return tk_run_show(r);
}

/* Apply next: the loader borrows the settings, so it stops while they change
 * and starts again (reloading the playlist when its content depends on them). */
static int tk_run_apply(struct tk_run *r, const struct tk_config *next, unsigned ch)
{
	int rc = TK_EXIT_OK;

	tk_loader_stop(r->ld);
	r->ld = NULL;
	r->live = *next;
	if (ch & (TK_CHANGE_COLOURS | TK_CHANGE_LAYOUT))
		rc = tk_run_rescene(r);
	else if (r->pl)
		tk_ctx_show(&r->c, r->cfg, r->pl);
	if ((ch & TK_CHANGE_CONTENT) &&
	    tk_loader_start(r->cfg, r->o->dir, 0, r->pl ? tk_loader_fingerprint(r->pl) : 0, &r->ld))
		r->ld = NULL;
	else if (!(ch & TK_CHANGE_CONTENT) &&
		 tk_loader_start_from(r->cfg, r->o->dir, r->pl, &r->ld))
		r->ld = NULL;
	if (!r->ld)
		tk_log(TK_LOG_WARN, "playlist: no loader thread: the cache is not followed");
	return rc;
}

/* The cache's .config (the last stick's settings) changed: apply it live.
 * Only for the cache the settings belong to. */
static int tk_run_settings(struct tk_run *r, int64_t now)
{
	struct tk_config next;
	uint64_t id;
	unsigned ch;

	if (now < r->next_conf || !r->live.device || !r->o->dir ||
	    strcmp(r->o->dir, r->live.cache_dir))
		return TK_EXIT_OK;
	r->next_conf = now + TK_RUN_CONFIG_POLL_MS * 1000000LL;
	id = tk_run_config_id(r->o->dir);
	if (id == r->conf_id)
		return TK_EXIT_OK;
	r->conf_id = id;
	tk_run_restick(r, &next);
	ch = tk_config_changes(&r->live, &next);
	tk_log(TK_LOG_INFO, "settings: %s/%s changed: %s%s%s%s", r->o->dir, TK_CACHE_CONFIG,
	       ch ? "applying" : "nothing on screen changes",
	       ch & TK_CHANGE_COLOURS ? " colours" : "", ch & TK_CHANGE_LAYOUT ? " layout" : "",
	       ch & TK_CHANGE_CONTENT ? " content" : "");
	return ch ? tk_run_apply(r, &next, ch) : TK_EXIT_OK;
}

static void tk_run_events(struct tk_run *r)
{
	SDL_Event ev;
	int kms = r->c.out.ops == &tk_out_kmsdrm;

	while (SDL_PollEvent(&ev))
		if (ev.type == SDL_QUIT ||
		    (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_ESCAPE && !kms))
			tk_app_stop = 1;
		else if (ev.type == SDL_WINDOWEVENT)
			r->force_full = 1;
	if (tk_app_nowatchdog)
		tk_watchdog_stop(&r->wd);
}

/* speed_px_s: once the pacer has measured the real refresh (a window of
 * periods, looked at again every window), whole pixels per frame at it; the
 * step from the nominal refresh until then. */
static void tk_run_measured_speed(struct tk_run *r)
{
	int px;

	if (r->c.cfg.speed_px_s <= 0 || r->pacer.presents % TK_PACER_WINDOW)
		return;
	px = tk_pacer_measured_px(&r->pacer, r->c.cfg.speed_px_s);
	if (!px || px == r->c.cfg.speed)
		return;
	tk_log(TK_LOG_INFO,
	       "display: speed_px_s %ld at the measured %.3f Hz: %d px a frame (was %ld)",
	       r->c.cfg.speed_px_s, 1e9 / (double)r->pacer.period, px, r->c.cfg.speed);
	tk_scene_set_speed(r->c.scene, r->pacer.frame, px);
	r->c.cfg.speed = px;
}

/* After a present: count frames, log the first and missed vsyncs, feed the
 * watchdog. */
static void tk_run_presented(struct tk_run *r, int64_t now)
{
	int64_t k;

	if (r->pacer.presents == 0 && r->reopens == 0) {
		tk_log(TK_LOG_INFO, "frame: first frame after %lld ms",
		       (long long)((now - r->start) / 1000000));
		tk_notify_ready();
	}
	k = tk_pacer_presented(&r->pacer, now);
	if (r->pacer.clock_paced && r->pacer.presents == TK_PACER_UNPACED_AFTER + 1 &&
	    r->c.out.vsync)
		tk_log(TK_LOG_WARN,
		       "display: present does not wait for vsync here; pacing by the clock");
	if (k > 1 && now - r->missed_log > 10000000000LL) {
		tk_log(TK_LOG_DEBUG, "frame: missed %lld vsyncs", (long long)(k - 1));
		r->missed_log = now;
	}
	tk_run_measured_speed(r);
	tk_watchdog_feed(&r->wd, now);
	if (r->stop_at && now >= r->stop_at)
		tk_app_stop = 1;
}

/* On the window surface only the crawl band moves between most frames: draw
 * it clipped, and the whole picture only when the scene says the cards or
 * notices changed (a fade step, a new card) or the window was exposed. */
static void tk_run_draw(struct tk_run *r)
{
	SDL_Rect band;

	r->full = 1;
	if (!r->partial) {
		tk_ctx_draw(&r->c, r->pacer.frame);
		return;
	}
	band = tk_scene_band(r->c.scene);
	SDL_RenderSetClipRect(r->c.out.r, &band);
	tk_scene_draw(r->c.scene, r->pacer.frame);
	SDL_RenderSetClipRect(r->c.out.r, NULL);
	r->full = r->force_full || tk_scene_outside_changed(r->c.scene);
	r->force_full = 0;
	if (r->full)
		tk_scene_draw(r->c.scene, r->pacer.frame);
}

static void tk_run_present(struct tk_run *r)
{
	SDL_Rect band;

	if (r->full) {
		SDL_RenderPresent(r->c.out.r);
		return;
	}
	band = tk_scene_band(r->c.scene);
	SDL_RenderFlush(r->c.out.r);
	SDL_UpdateWindowSurfaceRects(r->c.out.win, &band, 1);
}

/* The panel's power switch: HDMI-CEC when the TV answers, else DRM DPMS,
 * else none (a black frame only). */
static void tk_run_power_backend(struct tk_run *r)
{
	r->power.priv = tk_power_cec_open("/dev/cec0");
	r->power.ops = r->power.priv ? &tk_power_cec_ops : NULL;
	if (!r->power.ops && tk_out_kmsdrm_has_dpms(&r->c.out)) {
		r->power.priv = &r->c.out;
		r->power.ops = &tk_out_kmsdrm_dpms;
		tk_log(TK_LOG_INFO, "power: DRM DPMS through the display's DRM device");
	}
}

/* Screen schedule (power.c): once a second, ask whether the screen should be
 * off; if so present one black frame, ask the panel to sleep, then render no
 * frames (watchdog fed) until it should be on again, and re-open the output
 * (many TVs drop hotplug in standby). */
static int tk_run_power(struct tk_run *r)
{
	time_t now = time(NULL);

	if (!r->power.scheduled || now == r->power_checked)
		return TK_EXIT_OK;
	r->power_checked = now;
	if (now - r->trust_read >= 60) {
		r->pending_jump = tk_power_pending_jump(r->o->dir);
		r->trust_read = now;
	}
	if (tk_power_check(&r->power, now, tk_power_clock_trusted(now, r->pending_jump)) !=
	    TK_POWER_SLEEP)
		return TK_EXIT_OK;
	SDL_SetRenderDrawColor(r->c.out.r, 0, 0, 0, 255);
	SDL_RenderClear(r->c.out.r);
	SDL_RenderPresent(r->c.out.r);
	if (r->pacer.presents == 0 && r->reopens == 0)
		tk_notify_ready(); /* started outside the schedule: still ready */
	tk_notify_status("screen off by the schedule");
	while (!tk_app_stop) {
		for (long i = 2 * tk_power_wait(&r->power, time(NULL), 5); i > 0 && !tk_app_stop;
		     i--) {
			tk_sleep_until(tk_app_now_ns() + 500000000);
			tk_watchdog_feed(&r->wd, tk_app_now_ns());
			tk_run_events(r);
			if (r->stop_at && tk_app_now_ns() >= r->stop_at)
				tk_app_stop = 1;
		}
		now = time(NULL);
		if (tk_power_check(&r->power, now, tk_power_clock_trusted(now, r->pending_jump)) ==
		    TK_POWER_WAKE)
			return tk_run_reopen(r);
	}
	return TK_EXIT_OK;
}

static void tk_run_clock(struct tk_run *r)
{
	time_t now = time(NULL);

	if (now / 60 == r->clock_min && r->c.scene == r->clock_scene)
		return;
	r->clock_min = now / 60;
	r->clock_scene = r->c.scene;
	tk_ctx_clock(&r->c, now);
}

static int tk_run_loop(struct tk_run *r)
{
	int rc = TK_EXIT_OK;

	while (!tk_app_stop && rc == TK_EXIT_OK) {
		int64_t due;

		tk_run_events(r);
		tk_run_follow(r);
		if ((rc = tk_run_power(r)) != TK_EXIT_OK || tk_app_stop)
			break;
		tk_run_clock(r);
		tk_run_draw(r);
		due = tk_pacer_due(&r->pacer);
		if (due)
			tk_sleep_until(due);
		tk_run_present(r);
		tk_run_presented(r, tk_app_now_ns());
		rc = tk_run_hotplug(r, tk_app_now_ns());
		if (rc == TK_EXIT_OK)
			rc = tk_run_settings(r, tk_app_now_ns());
	}
	tk_notify_stopping();
	tk_log(TK_LOG_INFO,
	       "display: stopping after %lld frames, %lld presents (%lld frames skipped, %lld "
	       "intervals over 1.5 periods), period %.3f ms%s",
	       (long long)r->pacer.frame, (long long)r->pacer.presents, (long long)r->pacer.missed,
	       (long long)r->pacer.late, (double)r->pacer.period / 1e6,
	       r->pacer.clock_paced ? ", clock-paced" : "");
	return rc;
}

int tk_display_run_on(const struct tk_display_opts *o, const struct tk_output_ops *ops, void *priv)
{
	struct tk_run r;
	int rc;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.live = *o->cfg;
	r.cfg = &r.live;
	if (o->dir)
		r.conf_id = tk_run_config_id(o->dir);
	r.start = tk_app_now_ns();
	r.stop_at = o->seconds > 0 ? r.start + (int64_t)(o->seconds * 1e9) : 0;
	r.c.out.ops = ops;
	r.c.out.priv = priv;
	r.c.out.force_software = o->renderer && !strcmp(o->renderer, "software");
	r.c.out.force_gl = o->renderer && !strcmp(o->renderer, "opengles2");
	r.c.out.fullscreen = !o->window && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY");
	tk_app_stop = 0;
	if (tk_preload_start(tk_run_preload, &r, &r.pre)) {
		rc = TK_EXIT_FAIL;
		goto out;
	}
	tk_run_signals();
	rc = tk_run_open(&r);
	if (rc != TK_EXIT_OK || tk_app_stop)
		goto out;
	rc = tk_run_show(&r);
	if (rc != TK_EXIT_OK)
		goto out;
	if (tk_loader_start_from(r.cfg, o->dir, r.pl, &r.ld))
		tk_log(TK_LOG_WARN, "playlist: no loader thread: the cache is not followed");
	tk_power_init(&r.power, r.cfg, NULL, NULL);
	if (r.power.scheduled && ops == &tk_out_kmsdrm)
		tk_run_power_backend(&r);
	rc = tk_run_loop(&r);
out:
	if (r.power.ops)
		r.power.ops->close(r.power.priv);
	tk_loader_stop(r.ld);
	if (r.pre) {
		struct tk_playlist *pl = NULL;

		tk_preload_join(r.pre, &pl);
		tk_playlist_unref(pl);
	}
	tk_ctx_close(&r.c);
	tk_playlist_unref(r.pl);
	return rc;
}

/* Which output, and which SDL video driver: a console with a DRM connector
 * gets KMSDRM; a desktop gets a window on the driver its variables name, and
 * only that one (SDL's automatic choice falls back to invisible drivers when
 * a stale DISPLAY names no server, and then renders nothing at ~1,400 fps). */
static const struct tk_output_ops *tk_run_choose(const struct tk_config *cfg, const char **driver)
{
	int connected, wayland = getenv("WAYLAND_DISPLAY") != NULL, x11 = getenv("DISPLAY") != NULL;

	*driver = cfg->video_driver[0] ? cfg->video_driver : NULL;
	if (*driver)
		return strcmp(*driver, "kmsdrm") ? &tk_out_window : &tk_out_kmsdrm;
	if (wayland || x11) {
		*driver = wayland ? (x11 ? "wayland,x11" : "wayland") : "x11";
		return &tk_out_window;
	}
	if (!tk_out_drm_outputs(&connected))
		return NULL;
	*driver = "kmsdrm";
	return &tk_out_kmsdrm;
}

int tk_display_run(const struct tk_display_opts *o)
{
	const struct tk_output_ops *ops;
	const char *driver, *env_driver = getenv("SDL_VIDEODRIVER");
	int rc;

	tk_app_malloc_tune();
	if (o->headless)
		return tk_run_headless(o);
	ops = tk_run_choose(o->cfg, &driver);
	if (!ops)
		return tk_run_headless(o);
	SDL_SetHint(SDL_HINT_VIDEODRIVER, driver);
	rc = tk_display_run_on(o, ops, NULL);
	if (rc == TK_EXIT_NODISPLAY && ops == &tk_out_window && !o->cfg->video_driver[0])
		tk_log(TK_LOG_ERROR,
		       "display: no display server answers at %s%s%s (a stale DISPLAY or "
		       "WAYLAND_DISPLAY?): unset it to use the console (KMSDRM), or start the "
		       "server%s%s",
		       getenv("DISPLAY") ? "DISPLAY=" : "WAYLAND_DISPLAY=",
		       getenv("DISPLAY") ? getenv("DISPLAY") : getenv("WAYLAND_DISPLAY"), "",
		       env_driver ? "; SDL_VIDEODRIVER is set to " : "",
		       env_driver ? env_driver : "");
	return rc;
}
