/* `ticker bench`: render unpaced frames with the worker running, like `run`,
 * on the software renderer and on GLES2 (Mesa, offscreen driver), and print
 * frame CPU, SDL allocations per frame, textures, first-frame time, RSS, and
 * which display path `ticker run` would take on this machine. */
#include <SDL.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cmd.h"
#include "err.h"
#include "loader.h"
#include "log.h"
#include "mem.h"
#include "playlist.h"
#include "render_app.h"
#include "render_app_int.h"

static int64_t tk_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t tk_proc_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- SDL allocation counting ------------------------------------------- */

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

static int tk_cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* What one benchmark run measured. */
struct tk_bench {
	const struct tk_display_opts *o;
	const char *renderer;
	int gl;
	int64_t n, steady, worst_frame, first_ms, first_cpu_ms;
	int64_t *cpu;
	unsigned long *allocs, alloc_total, alloc_max;
};

static int tk_bench_preload(void *arg, struct tk_playlist **out)
{
	const struct tk_display_opts *o = arg;

	if (o->dir)
		return tk_loader_load(o->cfg, o->dir, out);
	return tk_generate(o->articles > 0 ? o->articles : 1000, out);
}

static void tk_bench_frame(struct tk_bench *b, struct tk_ctx *c, int64_t f, int64_t t0,
			   int64_t cpu0_ms)
{
	int64_t c0 = tk_cpu_ns();
	unsigned long a0 = tk_sdl_allocs_here, a1;

	tk_scene_draw(c->scene, f);
	SDL_RenderPresent(c->out.r);
	a1 = tk_sdl_allocs_here;
	if (b->gl) {
		/* The offscreen driver does not pace: a 1-pixel readback waits for
		 * the GPU so memory does not pile up (PLATFORM-NOTES). */
		uint32_t px;
		SDL_Rect one = {0, 0, 1, 1};

		SDL_RenderReadPixels(c->out.r, &one, SDL_PIXELFORMAT_ARGB8888, &px, 4);
	}
	b->cpu[f] = tk_cpu_ns() - c0;
	b->allocs[f] = a1 - a0;
	if (f == 0) {
		b->first_ms = (tk_app_now_ns() - t0) / 1000000;
		b->first_cpu_ms = tk_proc_cpu_ms() - cpu0_ms;
	}
	if (f >= 60) {
		b->steady++;
		b->alloc_total += b->allocs[f];
		if (b->allocs[f] > b->alloc_max)
			b->alloc_max = b->allocs[f];
	}
	if (b->cpu[f] > b->cpu[b->worst_frame])
		b->worst_frame = f;
}

static void tk_bench_print(struct tk_bench *b, struct tk_ctx *c, const struct tk_playlist *pl)
{
	struct tk_scene_stats st;
	struct rusage ru;
	int64_t n = b->n, *cpu = b->cpu;
	char line[512];

	tk_scene_stats(c->scene, &st);
	qsort(cpu, (size_t)n, sizeof *cpu, tk_cmp64);
	getrusage(RUSAGE_SELF, &ru);
	tk_display_info_format(&c->out.info, line, sizeof line);
	printf(
	    "renderer %s, %dx%d, %zu articles, %zu items, %lld frames (%.0f s at 60 Hz, unpaced)\n",
	    b->renderer, c->w, c->h, pl->n_articles, pl->n_items, (long long)n, (double)n / 60);
	printf("  output: %s\n", line);
	printf("  frame CPU (main thread): median %.3f ms, p99 %.3f ms, max %.3f ms (worst frame "
	       "#%lld)\n",
	       (double)cpu[n / 2] / 1e6, (double)cpu[n * 99 / 100] / 1e6, (double)cpu[n - 1] / 1e6,
	       (long long)b->worst_frame);
	printf("  heap allocations by the frame loop (SDL, main thread) after the first second: "
	       "%lu in %lld frames (%.3f per frame, max %lu in one frame)\n",
	       b->alloc_total, (long long)b->steady,
	       b->steady ? (double)b->alloc_total / (double)b->steady : 0.0, b->alloc_max);
	printf("  textures alive: %zu, %.1f MB; uploads %zu; crawl chunks made %zu; worker "
	       "underruns %zu\n",
	       st.textures, (double)st.texture_bytes / 1048576.0, st.uploads, st.chunks,
	       st.underruns);
	printf("  first frame after %lld ms wall, %lld ms CPU (all threads; includes the playlist "
	       "load)\n",
	       (long long)b->first_ms, (long long)b->first_cpu_ms);
	printf("  peak RSS so far: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
}

static int tk_bench_one(const struct tk_display_opts *o, const char *renderer, int64_t t0)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	struct tk_preload *pre = NULL;
	struct tk_bench b = {0};
	int rc = TK_EXIT_FAIL, e;
	int64_t cpu0_ms = tk_proc_cpu_ms();

	b.o = o;
	b.renderer = renderer;
	b.gl = !strcmp(renderer, "opengles2");
	b.n = (int64_t)((o->seconds > 0 ? o->seconds : 10) * 60);
	if (tk_preload_start(tk_bench_preload, (void *)o, &pre))
		goto out;
	b.cpu = tk_calloc((size_t)b.n, sizeof *b.cpu);
	b.allocs = tk_calloc((size_t)b.n, sizeof *b.allocs);
	if (!b.cpu || !b.allocs)
		goto out;
	e = tk_ctx_open(&c, b.gl ? &tk_out_offscreen : &tk_out_png, o->cfg, o->width, o->height, 60,
			0);
	if (e == TK_ENODISPLAY && b.gl) {
		printf("renderer opengles2: unavailable (%s)\n", SDL_GetError());
		rc = TK_EXIT_OK;
		goto out;
	}
	if (e)
		goto out;
	e = tk_preload_join(pre, &pl);
	pre = NULL;
	if (e)
		goto out;
	tk_ctx_show(&c, o->cfg, pl);
	for (int64_t f = 0; f < b.n; f++)
		tk_bench_frame(&b, &c, f, t0, cpu0_ms);
	tk_bench_print(&b, &c, pl);
	rc = TK_EXIT_OK;
out:
	if (pre) {
		struct tk_playlist *p2 = NULL;

		tk_preload_join(pre, &p2);
		tk_playlist_unref(p2);
	}
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	tk_free(b.cpu);
	tk_free(b.allocs);
	return rc;
}

/* The path `ticker run` took last on this box (its state file), if any. */
static void tk_bench_path(const struct tk_display_opts *o)
{
	char line[512];

	if (o->cfg && !tk_display_state_read(o->cfg->cache_dir, line, sizeof line))
		printf("display path of the last `ticker run` here: %s\n", line);
	else
		printf("display path: no `ticker run` state in %s yet\n",
		       o->cfg ? o->cfg->cache_dir : "(none)");
}

int tk_display_bench(const struct tk_display_opts *o)
{
	int64_t t0 = tk_app_now_ns();
	int rc;

	tk_app_malloc_tune();
	/* Count SDL's allocations (per thread): must precede any SDL allocation. */
	SDL_SetMemoryFunctions(tk_sdl_malloc, tk_sdl_calloc, tk_sdl_realloc, tk_sdl_free);
	tk_bench_path(o);
	if (o->renderer && *o->renderer)
		return tk_bench_one(o, o->renderer, t0);
	rc = tk_bench_one(o, "software", t0);
	if (rc == TK_EXIT_OK)
		rc = tk_bench_one(o, "opengles2", tk_app_now_ns());
	return rc;
}
