/* Display programs: choose the output (KMSDRM, a desktop window, or a PNG when
 * there is no display at all), run the frame-counted loop at the measured
 * refresh rate, follow the cache through a loader thread, talk to systemd.
 * Headless commands render with SDL's software renderer on a plain surface:
 * no video driver, same pixels everywhere. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cmd.h"
#include "err.h"
#include "font.h"
#include "log.h"
#include "mem.h"
#include "playlist.h"
#include "render.h"
#include "render_app.h"

static volatile sig_atomic_t tk_app_stop;
static volatile sig_atomic_t tk_app_nowatchdog;

static void tk_app_on_signal(int sig)
{
	if (sig == SIGUSR2)
		tk_app_nowatchdog = 1;
	else
		tk_app_stop = 1;
}

static int64_t tk_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t tk_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Text surfaces are large and short-lived. glibc raises its mmap threshold
 * each time such a block is freed, after which they come from the heap and
 * fragment it: RSS crept from 46 to 53 MB over ten minutes. A fixed threshold
 * keeps them mmapped and returned at once (49 MB after ten minutes). */
static void tk_app_malloc_tune(void)
{
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

/* ---- SDL allocation counting (bench) ------------------------------------- */

static _Thread_local unsigned long tk_sdl_allocs_here;
static atomic_ulong tk_sdl_allocs;

static void *tk_sdl_malloc(size_t n)
{
	tk_sdl_allocs_here++;
	atomic_fetch_add(&tk_sdl_allocs, 1);
	return malloc(n);
}

static void *tk_sdl_calloc(size_t n, size_t m)
{
	tk_sdl_allocs_here++;
	atomic_fetch_add(&tk_sdl_allocs, 1);
	return calloc(n, m);
}

static void *tk_sdl_realloc(void *p, size_t n)
{
	tk_sdl_allocs_here++;
	atomic_fetch_add(&tk_sdl_allocs, 1);
	return realloc(p, n);
}

static void tk_sdl_free(void *p)
{
	free(p);
}

/* ---- playlist ---------------------------------------------------------- */

static void tk_log_playlist(const struct tk_playlist *pl)
{
	tk_log(TK_LOG_INFO, "playlist: generation %llu: %zu articles, %zu items",
	       (unsigned long long)pl->generation, pl->n_articles, pl->n_items);
	for (size_t i = 0; i < pl->n_articles && i < 10; i++)
		tk_log(TK_LOG_INFO, "playlist: headline: %s", pl->articles[i].headline);
}

static int tk_load(const struct tk_config *cfg, const char *dir, struct tk_playlist **out)
{
	struct tk_playlist_opts po = {0};
	int err;

	po.max_file_bytes = (size_t)cfg->max_file_bytes;
	po.max_quotes = (size_t)cfg->quotes_per_article;
	po.max_figures = (size_t)cfg->figures_per_article;
	po.max_articles = cfg->max_articles > 0 ? (size_t)cfg->max_articles : 0;
	/* A REPLACE cut short (power loss) is finished first: never old and new mixed. */
	(void)tk_cache_recover(dir);
	err = tk_playlist_load(dir, &po, tk_playlist_generation(dir), out);
	if (err == TK_ENOENT) {
		tk_log(TK_LOG_WARN, "playlist: %s does not exist: showing the idle screen", dir);
		err = tk_playlist_create(out);
	}
	if (!err)
		tk_log_playlist(*out);
	else
		tk_log(TK_LOG_ERROR, "playlist: %s: %s", dir, tk_strerror(err));
	return err;
}

/* Synthetic articles for the benchmark when no directory is given. */
static int tk_generate(long n, struct tk_playlist **out)
{
	struct tk_playlist *pl = NULL;
	int err = tk_playlist_create(&pl);

	for (long i = 0; !err && i < n; i++) {
		char h[160], q[300], f[200], fig[32];
		struct tk_item it[3];

		snprintf(
		    h, sizeof h,
		    "Council approves plan number %ld for the riverside district after long debate",
		    i);
		snprintf(
		    q, sizeof q,
		    "We have listened to every resident and item %ld reflects what they asked for",
		    i);
		snprintf(fig, sizeof fig, "%ld,500", 10 + i % 90);
		snprintf(f, sizeof f,
			 "About %s households will be connected to the new network by spring", fig);
		memset(it, 0, sizeof it);
		it[0].kind = TK_ITEM_HEADLINE;
		it[0].text = h;
		it[1].kind = TK_ITEM_QUOTE;
		it[1].text = q;
		it[1].speaker = "Maria Lindqvist";
		it[1].role = "council leader";
		it[2].kind = TK_ITEM_FIGURE;
		it[2].text = f;
		it[2].figure = fig;
		it[2].caption = "households to be connected by spring";
		err = tk_playlist_add(pl, h, "City Desk", 1700000000 - i * 3600, it, 3);
	}
	if (!err)
		err = tk_playlist_sort(pl);
	if (err) {
		tk_playlist_unref(pl);
		pl = NULL;
	}
	*out = pl;
	return err;
}

/* The first playlist loads while SDL, the renderer and the fonts start up:
 * 1,000 articles take about as long as opening a GL context. */
struct tk_preload {
	pthread_t thr;
	const struct tk_config *cfg;
	const char *dir;
	long generate; /* > 0: synthetic articles instead of dir */
	struct tk_playlist *pl;
	int err, started;
};

static void *tk_preload_main(void *arg)
{
	struct tk_preload *p = arg;

	p->err =
	    p->generate > 0 ? tk_generate(p->generate, &p->pl) : tk_load(p->cfg, p->dir, &p->pl);
	return NULL;
}

static void tk_preload_start(struct tk_preload *p, const struct tk_config *cfg, const char *dir,
			     long generate)
{
	memset(p, 0, sizeof *p);
	p->cfg = cfg;
	p->dir = dir;
	p->generate = generate;
	if (pthread_create(&p->thr, NULL, tk_preload_main, p) == 0)
		p->started = 1;
	else
		tk_preload_main(p);
}

/* Wait for the playlist; returns its error code, *out owns the playlist. */
static int tk_preload_join(struct tk_preload *p, struct tk_playlist **out)
{
	if (p->started)
		pthread_join(p->thr, NULL);
	p->started = 0;
	*out = p->pl;
	p->pl = NULL;
	return p->err;
}

/* Loader thread: watches .generation (1 s poll) and the notice files, builds
 * new playlists off the frame path and posts them for the frame loop. */
struct tk_loader {
	const struct tk_config *cfg;
	const char *dir;
	pthread_t thr;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int quit, started;
	atomic_int posted;
	struct tk_playlist *next;
	char status[256], urgent[1024];
	uint64_t gen;
};

static void *tk_loader_main(void *arg)
{
	struct tk_loader *l = arg;
	char status[256], urgent[1024], last_status[256] = "";

	pthread_mutex_lock(&l->mu);
	while (!l->quit) {
		struct timespec ts;
		uint64_t g;
		int64_t now = (int64_t)time(NULL);

		pthread_mutex_unlock(&l->mu);
		g = tk_playlist_generation(l->dir);
		if (!tk_playlist_notice(l->dir, ".status", now, status, sizeof status))
			status[0] = '\0';
		if (!tk_playlist_notice(l->dir, ".urgent", now, urgent, sizeof urgent))
			urgent[0] = '\0';
		if (*status && strcmp(status, last_status))
			tk_log(TK_LOG_INFO, "banner: %s", status);
		snprintf(last_status, sizeof last_status, "%s", status);
		if (g != l->gen) {
			struct tk_playlist *pl = NULL;

			if (!tk_load(l->cfg, l->dir, &pl)) {
				pl->generation = g;
				pthread_mutex_lock(&l->mu);
				tk_playlist_unref(l->next);
				l->next = pl;
				pthread_mutex_unlock(&l->mu);
				atomic_store(&l->posted, 1);
			}
			l->gen = g;
		}
		pthread_mutex_lock(&l->mu);
		if (strcmp(status, l->status) || strcmp(urgent, l->urgent)) {
			snprintf(l->status, sizeof l->status, "%s", status);
			snprintf(l->urgent, sizeof l->urgent, "%s", urgent);
			atomic_store(&l->posted, 1);
		}
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		if (!l->quit)
			pthread_cond_timedwait(&l->cv, &l->mu, &ts);
	}
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

/* Hand whatever the loader posted to the scene (a flag check per frame). */
static void tk_loader_apply(struct tk_loader *l, struct tk_scene *s)
{
	struct tk_playlist *pl;

	if (!atomic_exchange(&l->posted, 0))
		return;
	pthread_mutex_lock(&l->mu);
	pl = l->next;
	l->next = NULL;
	tk_scene_set_notices(s, l->status, l->urgent);
	pthread_mutex_unlock(&l->mu);
	if (pl) {
		sd_notifyf(0, "STATUS=showing %zu articles (generation %llu)", pl->n_articles,
			   (unsigned long long)pl->generation);
		tk_scene_set_playlist(s, pl);
		tk_playlist_unref(pl);
	}
}

/* ---- common set-up ------------------------------------------------------ */

struct tk_ctx {
	struct tk_fonts *fonts;
	SDL_Surface *surf; /* headless target */
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_Texture *rot;    /* rotation target */
	SDL_Texture *target; /* offscreen GL: what frames render into */
	struct tk_scene *scene;
	int w, h; /* logical size */
	int ttf, video;
};

static void tk_ctx_close(struct tk_ctx *c)
{
	tk_scene_destroy(c->scene);
	if (c->rot)
		SDL_DestroyTexture(c->rot);
	if (c->target)
		SDL_DestroyTexture(c->target);
	if (c->r)
		SDL_DestroyRenderer(c->r);
	if (c->win)
		SDL_DestroyWindow(c->win);
	SDL_FreeSurface(c->surf);
	tk_fonts_close(c->fonts);
	if (c->ttf)
		TTF_Quit();
	if (c->video)
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
	SDL_Quit();
	memset(c, 0, sizeof *c);
}

static int tk_ctx_fonts(struct tk_ctx *c, const struct tk_config *cfg)
{
	int err;

	if (TTF_Init()) {
		tk_log(TK_LOG_ERROR, "display: TTF_Init: %s", TTF_GetError());
		return TK_ESDL;
	}
	c->ttf = 1;
	err = tk_fonts_open(cfg->assets_dir, cfg->font, &c->fonts);
	if (err)
		tk_log(TK_LOG_ERROR, "fonts: no usable font in %s/fonts: %s", cfg->assets_dir,
		       tk_strerror(err));
	else
		tk_log(TK_LOG_DEBUG, "fonts: %s", tk_fonts_describe(c->fonts));
	return err;
}

/* Software renderer on a surface: deterministic, needs no video driver. */
static int tk_ctx_headless(struct tk_ctx *c, const struct tk_config *cfg, int w, int h, int fps,
			   int sync)
{
	struct tk_scene_opts so = {0};
	int err = tk_ctx_fonts(c, cfg);

	if (err)
		return err;
	c->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
	c->r = c->surf ? SDL_CreateSoftwareRenderer(c->surf) : NULL;
	if (!c->r) {
		tk_log(TK_LOG_ERROR, "display: software renderer: %s", SDL_GetError());
		return TK_ESDL;
	}
	c->w = w;
	c->h = h;
	so.width = w;
	so.height = h;
	so.fps = fps;
	so.sync = sync;
	so.max_texture = 4096;
	err = tk_scene_create(c->r, cfg, c->fonts, &so, &c->scene);
	if (err)
		tk_log(TK_LOG_ERROR, "display: scene: %s (%s)", tk_strerror(err), SDL_GetError());
	return err;
}

/* GLES2 on Mesa under SDL's offscreen driver (EGL pbuffer, no X server),
 * rendering into a target texture. TK_ENODISPLAY when unavailable. */
static int tk_ctx_gl(struct tk_ctx *c, const struct tk_config *cfg, int w, int h, int fps, int sync)
{
	struct tk_scene_opts so = {0};
	SDL_RendererInfo info;
	int err;

	SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO))
		return TK_ENODISPLAY;
	c->video = 1;
	c->win = SDL_CreateWindow("ticker", 0, 0, w, h, SDL_WINDOW_HIDDEN);
	c->r = c->win ? SDL_CreateRenderer(c->win, -1,
					   SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE)
		      : NULL;
	if (!c->r || SDL_GetRendererInfo(c->r, &info) || strcmp(info.name, "opengles2")) {
		if (c->r)
			SDL_SetError("got renderer %s instead", info.name);
		return TK_ENODISPLAY;
	}
	c->target =
	    SDL_CreateTexture(c->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
	if (!c->target || SDL_SetRenderTarget(c->r, c->target))
		return TK_ESDL;
	err = tk_ctx_fonts(c, cfg);
	if (err)
		return err;
	c->w = w;
	c->h = h;
	so.width = w;
	so.height = h;
	so.fps = fps;
	so.sync = sync;
	so.max_texture = info.max_texture_width;
	return tk_scene_create(c->r, cfg, c->fonts, &so, &c->scene);
}

static int tk_parse_size_default(int *w, int *h)
{
	if (*w <= 0 || *h <= 0) {
		*w = 1920;
		*h = 1080;
	}
	return 0;
}

/* ---- snapshot / record -------------------------------------------------- */

static void tk_notices_now(struct tk_scene *s, const char *dir)
{
	char st[256], ur[1024];
	int64_t now = (int64_t)time(NULL);

	if (!dir)
		return;
	if (!tk_playlist_notice(dir, ".status", now, st, sizeof st))
		st[0] = '\0';
	if (!tk_playlist_notice(dir, ".urgent", now, ur, sizeof ur))
		ur[0] = '\0';
	tk_scene_set_notices(s, st, ur);
}

int tk_display_snapshot(const struct tk_display_opts *o)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	int w = o->width, h = o->height, fps = o->fps > 0 ? o->fps : 60, rc = TK_EXIT_FAIL;
	int64_t frame = (int64_t)(o->at * fps + 0.5);

	tk_app_malloc_tune();
	tk_parse_size_default(&w, &h);
	if (o->renderer && !strcmp(o->renderer, "opengles2")) {
		/* for comparing the device's renderer with the reference; not deterministic */
		int e = tk_ctx_gl(&c, o->cfg, w, h, fps, 1);

		if (e) {
			tk_log(TK_LOG_ERROR, "snapshot: opengles2 unavailable: %s", SDL_GetError());
			rc = e == TK_ENODISPLAY ? TK_EXIT_NODISPLAY : TK_EXIT_FAIL;
			goto out;
		}
	} else if (tk_ctx_headless(&c, o->cfg, w, h, fps, 1)) {
		goto out;
	}
	if (tk_load(o->cfg, o->dir, &pl))
		goto out;
	tk_scene_set_playlist(c.scene, pl);
	tk_notices_now(c.scene, o->dir);
	tk_scene_draw(c.scene, frame);
	if (tk_render_png(c.r, w, h, o->out)) {
		tk_log(TK_LOG_ERROR, "snapshot: cannot write %s", o->out);
		goto out;
	}
	tk_log(TK_LOG_INFO, "snapshot: frame %lld (%.3f s at %d fps), %dx%d -> %s",
	       (long long)frame, (double)frame / fps, fps, w, h, o->out);
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
	int w = o->width, h = o->height, fps = o->fps > 0 ? o->fps : 60, rc = TK_EXIT_FAIL;
	int64_t n = (int64_t)(o->seconds * fps + 0.5);
	char path[4096];

	tk_parse_size_default(&w, &h);
	if (mkdir(o->out, 0777) && errno != EEXIST) {
		tk_log(TK_LOG_ERROR, "record: %s: %s", o->out, strerror(errno));
		return TK_EXIT_FAIL;
	}
	if (tk_ctx_headless(&c, o->cfg, w, h, fps, 1))
		goto out;
	if (tk_load(o->cfg, o->dir, &pl))
		goto out;
	tk_scene_set_playlist(c.scene, pl);
	tk_notices_now(c.scene, o->dir);
	for (int64_t f = 0; f < n && !tk_app_stop; f++) {
		tk_scene_draw(c.scene, f);
		snprintf(path, sizeof path, "%s/frame-%05lld.png", o->out, (long long)f);
		if (tk_render_png(c.r, w, h, path)) {
			tk_log(TK_LOG_ERROR, "record: cannot write %s", path);
			goto out;
		}
	}
	tk_log(TK_LOG_INFO, "record: %lld frames at %d fps, %dx%d -> %s", (long long)n, fps, w, h,
	       o->out);
	rc = TK_EXIT_OK;
out:
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	return rc;
}

/* ---- run ----------------------------------------------------------------- */

/* Any DRM card with connectors: this is a device with a display port (maybe
 * nothing plugged in yet). *connected says whether one reports "connected". */
static int tk_drm_outputs(int *connected)
{
	glob_t g;
	int any = 0;

	*connected = 0;
	if (glob("/sys/class/drm/card[0-9]*-*/status", 0, NULL, &g))
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");
		char buf[32] = "";

		any = 1;
		if (f) {
			if (fgets(buf, sizeof buf, f) && !strncmp(buf, "connected", 9))
				*connected = 1;
			fclose(f);
		}
	}
	globfree(&g);
	return any;
}

static void tk_sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR && !tk_app_stop)
		;
}

static void tk_sleep_ns(int64_t ns)
{
	struct timespec ts;

	if (ns <= 0)
		return;
	ts.tv_sec = (time_t)(ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	while (nanosleep(&ts, &ts) && errno == EINTR && !tk_app_stop)
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

int tk_display_run(const struct tk_display_opts *o)
{
	const struct tk_config *cfg = o->cfg;
	struct tk_ctx c = {0};
	struct tk_loader ld = {0};
	struct tk_preload pre = {0};
	struct tk_scene_opts so = {0};
	struct sigaction sa;
	SDL_RendererInfo info;
	SDL_DisplayMode mode;
	const char *driver = cfg->video_driver[0] ? cfg->video_driver : NULL;
	int desktop = getenv("DISPLAY") || getenv("WAYLAND_DISPLAY");
	int kms = 0, connected = 0, rc = TK_EXIT_FAIL, rot = (int)cfg->rotation, sw, sh;
	int64_t start = tk_now_ns(), period, last, frame = 0, last_wd = 0, skipped = 0;
	int64_t missed_log = 0, nominal;
	int unpaced = 0;

	tk_app_malloc_tune();
	if (o->headless)
		return tk_run_headless(o);
	if (!driver && !desktop) {
		if (!tk_drm_outputs(&connected))
			return tk_run_headless(o);
		kms = 1;
		driver = "kmsdrm";
	}
	ld.gen = tk_playlist_generation(o->dir);
	tk_preload_start(&pre, cfg, o->dir, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tk_app_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (driver)
		SDL_SetHint(SDL_HINT_VIDEODRIVER, driver);
	/* GLES2 everywhere we can: the desktop 'opengl' renderer showed only the
	 * clear colour on KMSDRM (PLATFORM-NOTES). */
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	sd_notify(0, "STATUS=opening the display");
	for (;;) {
		if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
			c.video = 1;
			if (!kms || SDL_GetNumVideoDisplays() > 0)
				break;
			SDL_QuitSubSystem(SDL_INIT_VIDEO);
			c.video = 0;
		}
		if (!kms) {
			tk_log(TK_LOG_ERROR, "display: cannot open video driver %s: %s",
			       driver ? driver : "(auto)", SDL_GetError());
			rc = TK_EXIT_NODISPLAY;
			goto out;
		}
		tk_log(TK_LOG_WARN, "display: no display connected, retrying in 5 s (%s)",
		       SDL_GetError());
		sd_notify(0, "STATUS=waiting for a display");
		for (int i = 0; i < 50 && !tk_app_stop; i++) {
			tk_sleep_ms(100);
			if (i % 10 == 9)
				sd_notify(0, "WATCHDOG=1");
		}
		if (tk_app_stop) {
			rc = TK_EXIT_OK;
			goto out;
		}
	}
	if (SDL_GetDesktopDisplayMode(0, &mode))
		memset(&mode, 0, sizeof mode);
	if (kms || (!o->window && !desktop)) {
		c.win = SDL_CreateWindow("ticker", 0, 0, mode.w, mode.h,
					 SDL_WINDOW_FULLSCREEN | SDL_WINDOW_SHOWN);
	} else {
		int ww = o->window && o->width > 0 ? o->width : 1280,
		    wh = o->window && o->height > 0 ? o->height : 720;

		c.win = SDL_CreateWindow("ticker", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
					 ww, wh, SDL_WINDOW_SHOWN);
	}
	if (!c.win) {
		tk_log(TK_LOG_ERROR, "display: cannot create a window: %s", SDL_GetError());
		rc = TK_EXIT_NODISPLAY;
		goto out;
	}
	SDL_ShowCursor(SDL_DISABLE);
	/* Vsync always: with swap interval 0 SDL 2.26 asks KMS for async flips,
	 * which show garbage on Pi 4/5 (SDL#8579). */
	c.r = SDL_CreateRenderer(c.win, -1,
				 SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
				     SDL_RENDERER_TARGETTEXTURE);
	if (!c.r && !kms) {
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "");
		c.r = SDL_CreateRenderer(c.win, -1, SDL_RENDERER_PRESENTVSYNC);
	}
	if (!c.r) {
		tk_log(TK_LOG_ERROR, "display: cannot create a renderer: %s", SDL_GetError());
		rc = TK_EXIT_NODISPLAY;
		goto out;
	}
	SDL_GetRendererInfo(c.r, &info);
	SDL_GetRendererOutputSize(c.r, &sw, &sh);
	if (mode.refresh_rate <= 0)
		mode.refresh_rate = 60;
	tk_log(TK_LOG_INFO,
	       "display: driver=%s renderer=%s mode=%dx%d@%dHz vsync=%s max_texture=%d",
	       SDL_GetCurrentVideoDriver(), info.name, sw, sh, mode.refresh_rate,
	       (info.flags & SDL_RENDERER_PRESENTVSYNC) ? "on" : "off", info.max_texture_width);
	if (rot != 90 && rot != 180 && rot != 270)
		rot = 0;
	c.w = rot == 90 || rot == 270 ? sh : sw;
	c.h = rot == 90 || rot == 270 ? sw : sh;
	if (rot) {
		c.rot = SDL_CreateTexture(c.r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
					  c.w, c.h);
		if (!c.rot) {
			tk_log(TK_LOG_ERROR,
			       "display: rotation %d needs a %dx%d target texture: %s", rot, c.w,
			       c.h, SDL_GetError());
			goto out;
		}
	}
	if (tk_ctx_fonts(&c, cfg))
		goto out;
	tk_log(TK_LOG_INFO, "fonts: %s", tk_fonts_describe(c.fonts));
	so.width = c.w;
	so.height = c.h;
	so.fps = mode.refresh_rate;
	so.max_texture = info.max_texture_width;
	if (tk_scene_create(c.r, cfg, c.fonts, &so, &c.scene)) {
		tk_log(TK_LOG_ERROR, "display: scene: %s", SDL_GetError());
		goto out;
	}
	/* First playlist before the first frame, then the loader follows the cache. */
	ld.cfg = cfg;
	ld.dir = o->dir;
	pthread_mutex_init(&ld.mu, NULL);
	pthread_cond_init(&ld.cv, NULL);
	{
		struct tk_playlist *pl = NULL;

		if (!tk_preload_join(&pre, &pl)) {
			tk_scene_set_playlist(c.scene, pl);
			tk_playlist_unref(pl);
		}
		tk_notices_now(c.scene, o->dir);
	}
	if (pthread_create(&ld.thr, NULL, tk_loader_main, &ld) == 0)
		ld.started = 1;
	period = nominal = 1000000000LL / mode.refresh_rate;
	last = 0;
	while (!tk_app_stop) {
		SDL_Event ev;
		int64_t now;

		while (SDL_PollEvent(&ev))
			if (ev.type == SDL_QUIT ||
			    (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_ESCAPE && !kms))
				tk_app_stop = 1;
		tk_loader_apply(&ld, c.scene);
		if (c.rot)
			SDL_SetRenderTarget(c.r, c.rot);
		tk_scene_draw(c.scene, frame);
		if (c.rot) {
			SDL_Rect d = {(sw - c.w) / 2, (sh - c.h) / 2, c.w, c.h};

			SDL_SetRenderTarget(c.r, NULL);
			SDL_RenderCopyEx(c.r, c.rot, NULL, &d, rot, NULL, SDL_FLIP_NONE);
		}
		SDL_RenderPresent(c.r);
		now = tk_now_ns();
		if (frame == 0) {
			tk_log(TK_LOG_INFO, "frame: first frame after %lld ms",
			       (long long)((now - start) / 1000000));
			sd_notify(0, "READY=1\nSTATUS=showing the ticker");
		}
		/* Whole frames only: the clock just detects missed vsyncs. */
		if (last && now - last >= period * 3 / 2) {
			int64_t n = (now - last + period / 2) / period;

			frame += n;
			skipped += n - 1;
			if (now - missed_log > 10000000000LL) {
				tk_log(TK_LOG_DEBUG, "frame: missed %lld vsyncs (gap %lld us)",
				       (long long)(n - 1), (long long)((now - last) / 1000));
				missed_log = now;
			}
		} else if (unpaced >= 120) {
			/* Present has returned at once for two seconds' worth of frames: no
			 * vsync here (some desktop drivers). Pace by the clock instead of
			 * racing through frames. (One quick present after a late frame is
			 * normal with queued flips and must not trigger this.) */
			tk_sleep_ns(nominal - (now - last));
			now = tk_now_ns();
			frame++;
			if (unpaced == 120) {
				tk_log(TK_LOG_WARN, "display: present does not wait for vsync "
						    "here; pacing by the clock");
				unpaced++;
			}
		} else {
			unpaced = last && now - last < nominal / 4 ? unpaced + 1 : 0;
			frame++;
			if (last && now > last)
				period += (now - last - period) / 32; /* measured refresh period */
		}
		last = now;
		if (now - last_wd >= 1000000000LL && !tk_app_nowatchdog) {
			sd_notify(0, "WATCHDOG=1");
			last_wd = now;
		}
		if (tk_app_nowatchdog == 1) {
			tk_log(TK_LOG_WARN, "watchdog: test hook: no longer feeding the watchdog");
			tk_app_nowatchdog = 2;
		}
	}
	sd_notify(0, "STOPPING=1");
	tk_log(TK_LOG_INFO, "display: stopping after %lld frames (%lld skipped), period %.3f ms",
	       (long long)frame, (long long)skipped, (double)period / 1e6);
	rc = TK_EXIT_OK;
out:
	if (pre.started) {
		struct tk_playlist *pl = NULL;

		tk_preload_join(&pre, &pl);
		tk_playlist_unref(pl);
	}
	if (ld.started) {
		pthread_mutex_lock(&ld.mu);
		ld.quit = 1;
		pthread_cond_signal(&ld.cv);
		pthread_mutex_unlock(&ld.mu);
		pthread_join(ld.thr, NULL);
	}
	if (ld.cfg) {
		tk_playlist_unref(ld.next);
		pthread_mutex_destroy(&ld.mu);
		pthread_cond_destroy(&ld.cv);
	}
	tk_ctx_close(&c);
	return rc;
}

/* ---- bench ---------------------------------------------------------------- */

static int tk_cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int tk_bench_one(const struct tk_display_opts *o, const char *renderer, int64_t t0)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	struct tk_scene_stats st;
	struct rusage ru;
	struct tk_preload pre;
	int w = o->width, h = o->height, rc = TK_EXIT_FAIL, gl = !strcmp(renderer, "opengles2");
	int64_t n = (int64_t)((o->seconds > 0 ? o->seconds : 10) * 60), worst = 0, worst_frame = 0;
	int64_t *cpu = NULL, first_ms = -1, steady = 0, first_cpu_ms = -1, cpu0_ms;
	struct timespec ts0;
	unsigned long *allocs = NULL, alloc_total = 0, alloc_max = 0;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts0);
	cpu0_ms = (int64_t)ts0.tv_sec * 1000 + ts0.tv_nsec / 1000000;
	tk_parse_size_default(&w, &h);
	tk_preload_start(&pre, o->cfg, o->dir, o->dir ? 0 : (o->articles > 0 ? o->articles : 1000));
	cpu = tk_calloc((size_t)n, sizeof *cpu);
	allocs = tk_calloc((size_t)n, sizeof *allocs);
	if (!cpu || !allocs)
		goto out;
	if (gl) {
		int e = tk_ctx_gl(&c, o->cfg, w, h, 60, 0);

		if (e == TK_ENODISPLAY) {
			printf("renderer opengles2: unavailable (%s)\n", SDL_GetError());
			rc = TK_EXIT_OK;
			goto out;
		}
		if (e)
			goto out;
	} else if (tk_ctx_headless(&c, o->cfg, w, h, 60, 0)) {
		goto out;
	}
	if (tk_preload_join(&pre, &pl))
		goto out;
	tk_scene_set_playlist(c.scene, pl);
	for (int64_t f = 0; f < n; f++) {
		int64_t c0 = tk_cpu_ns(), c1;
		unsigned long a0 = tk_sdl_allocs_here, a1;

		tk_scene_draw(c.scene, f);
		SDL_RenderPresent(c.r);
		a1 = tk_sdl_allocs_here;
		if (gl) {
			/* The offscreen driver does not pace: a 1-pixel readback waits for
			 * the GPU so memory does not pile up (PLATFORM-NOTES). */
			uint32_t px;
			SDL_Rect one = {0, 0, 1, 1};

			SDL_RenderReadPixels(c.r, &one, SDL_PIXELFORMAT_ARGB8888, &px, 4);
		}
		c1 = tk_cpu_ns();
		cpu[f] = c1 - c0;
		allocs[f] = a1 - a0;
		if (f == 0) {
			struct timespec ts;

			first_ms = (tk_now_ns() - t0) / 1000000;
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
			first_cpu_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 - cpu0_ms;
		}
		if (f >= 60) {
			steady++;
			alloc_total += allocs[f];
			if (allocs[f] > alloc_max)
				alloc_max = allocs[f];
		}
		if (cpu[f] > worst) {
			worst = cpu[f];
			worst_frame = f;
		}
	}
	tk_scene_stats(c.scene, &st);
	qsort(cpu, (size_t)n, sizeof *cpu, tk_cmp64);
	getrusage(RUSAGE_SELF, &ru);
	printf(
	    "renderer %s, %dx%d, %zu articles, %zu items, %lld frames (%.0f s at 60 Hz, unpaced)\n",
	    renderer, w, h, pl->n_articles, pl->n_items, (long long)n, (double)n / 60);
	printf("  frame CPU (main thread): median %.3f ms, p99 %.3f ms, max %.3f ms (worst frame "
	       "#%lld)\n",
	       (double)cpu[n / 2] / 1e6, (double)cpu[n * 99 / 100] / 1e6, (double)cpu[n - 1] / 1e6,
	       (long long)worst_frame);
	printf("  heap allocations by the frame loop (SDL, main thread) after the first second: "
	       "%lu in %lld frames "
	       "(%.3f per frame, max %lu in one frame)\n",
	       alloc_total, (long long)steady, steady ? (double)alloc_total / (double)steady : 0.0,
	       alloc_max);
	printf("  textures alive: %zu, %.1f MB; uploads %zu; crawl chunks made %zu; worker "
	       "underruns %zu\n",
	       st.textures, (double)st.texture_bytes / 1048576.0, st.uploads, st.chunks,
	       st.underruns);
	printf("  first frame after %lld ms wall, %lld ms CPU (all threads; includes the playlist "
	       "load)\n",
	       (long long)first_ms, (long long)first_cpu_ms);
	printf("  peak RSS so far: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
	rc = TK_EXIT_OK;
out:
	if (pre.started) {
		struct tk_playlist *p2 = NULL;

		tk_preload_join(&pre, &p2);
		tk_playlist_unref(p2);
	}
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	tk_free(cpu);
	tk_free(allocs);
	return rc;
}

int tk_display_bench(const struct tk_display_opts *o)
{
	static int64_t t0;
	int rc;

	t0 = tk_now_ns();
	tk_app_malloc_tune();
	/* Count SDL's allocations (per thread): must precede any SDL allocation. */
	SDL_SetMemoryFunctions(tk_sdl_malloc, tk_sdl_calloc, tk_sdl_realloc, tk_sdl_free);
	if (o->renderer && *o->renderer)
		return tk_bench_one(o, o->renderer, t0);
	rc = tk_bench_one(o, "software", t0);
	if (rc == TK_EXIT_OK)
		rc = tk_bench_one(o, "opengles2", tk_now_ns());
	return rc;
}
