/* The contact sheet behind `ticker preview`: the first cards (with the crawl
 * band and any urgent notice, as each frame shows them) rendered by the same
 * scene as `ticker snapshot`, four frames at half size in a 2x2 grid, so the
 * sheet has the screen's own geometry. */
#include <SDL.h>
#include <png.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "display_state.h"
#include "err.h"
#include "loader.h"
#include "log.h"
#include "mem.h"
#include "playlist.h"
#include "preview.h"
#include "render.h"
#include "render_app.h"
#include "render_app_int.h"

/* The stick's urgent file when the directory holds no imported notice (a
 * directory prepared for a stick, not a cache). */
static void tk_preview_notices(struct tk_ctx *c, const struct tk_config *cfg, const char *dir,
			       int no_status)
{
	char st[256] = "", ur[1024] = "", path[4096];
	FILE *f;

	tk_loader_notices(dir, st, sizeof st, ur, sizeof ur);
	if (!ur[0] &&
	    snprintf(path, sizeof path, "%s/%s", dir, cfg->urgent_name) < (int)sizeof path &&
	    (f = fopen(path, "rbe")) != NULL) {
		size_t n = fread(ur, 1, sizeof ur - 1, f);

		fclose(f);
		ur[n] = '\0';
		while (n && (ur[n - 1] == '\n' || ur[n - 1] == '\r' || ur[n - 1] == ' '))
			ur[--n] = '\0';
	}
	tk_scene_set_notices(c->scene, no_status ? "" : st, ur);
}

/* Halve src (w x h) into the sheet at tile i of a 2x2 grid (box filter). */
static void tk_preview_tile(uint32_t *sheet, const uint32_t *src, int w, int h, int i)
{
	int ox = (i % 2) * (w / 2), oy = (i / 2) * (h / 2);

	for (int y = 0; y < h / 2; y++) {
		for (int x = 0; x < w / 2; x++) {
			const uint32_t *p = src + (size_t)(2 * y) * (size_t)w + (size_t)(2 * x);
			uint32_t q[4] = {p[0], p[1], p[w], p[w + 1]}, out = 0xff000000u;

			for (int sh = 0; sh < 24; sh += 8) {
				uint32_t sum = 0;
				for (int k = 0; k < 4; k++)
					sum += (q[k] >> sh) & 0xffu;
				out |= ((sum + 2) / 4) << sh;
			}
			sheet[(size_t)(oy + y) * (size_t)w + (size_t)(ox + x)] = out;
		}
	}
}

/* A thin grey divider between the tiles, drawn into the sheet. */
static void tk_preview_divider(uint32_t *sheet, int w, int h)
{
	for (int y = 0; y < h; y++)
		for (int x = w / 2 - 1; x <= w / 2; x++)
			sheet[(size_t)y * (size_t)w + (size_t)x] = 0xff808080u;
	for (int y = h / 2 - 1; y <= h / 2; y++)
		for (int x = 0; x < w; x++)
			sheet[(size_t)y * (size_t)w + (size_t)x] = 0xff808080u;
}

/* The sheet (0xAARRGGBB) as PNG bytes, with libpng's simplified API. The
 * pixels become RGB in place (3 bytes at 3i never overtake 4 bytes at 4i):
 * a 4K sheet then needs no second 25 MB buffer under the importer's
 * memory limit. */
static int tk_preview_encode(uint32_t *sheet, int w, int h, void **png, size_t *len)
{
	png_image img;
	unsigned char *rgb = (unsigned char *)sheet;
	png_alloc_size_t n = 0;
	void *out = NULL;
	int err = TK_EIO;

	for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
		uint32_t p = sheet[i];

		rgb[i * 3] = (unsigned char)(p >> 16);
		rgb[i * 3 + 1] = (unsigned char)(p >> 8);
		rgb[i * 3 + 2] = (unsigned char)p;
	}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGB;
	if (!png_image_write_get_memory_size(img, n, 0, rgb, 0, NULL))
		goto out;
	err = TK_ENOMEM;
	out = tk_malloc(n);
	if (!out)
		goto out;
	err = TK_EIO;
	if (!png_image_write_to_memory(&img, out, &n, 0, rgb, 0, NULL))
		goto out;
	*png = out;
	*len = n;
	out = NULL;
	err = TK_OK;
out:
	png_image_free(&img);
	tk_free(out);
	return err;
}

/* Four frames, each in the middle of a card's time (its reading time with
 * reading_wpm): cards 1..4. */
static int tk_preview_frames(struct tk_ctx *c, uint32_t *sheet)
{
	for (int i = 0; i < TK_PREVIEW_TILES; i++) {
		int64_t frame = tk_scene_card_frame(c->scene, i);
		uint32_t *px = NULL;
		int err;

		tk_scene_draw(c->scene, frame);
		err = tk_render_read(c->out.r, c->w, c->h, &px);
		if (err)
			return err;
		tk_preview_tile(sheet, px, c->w, c->h, i);
		tk_free(px);
	}
	return TK_OK;
}

int tk_preview_png(const struct tk_preview_req *rq, void **png, size_t *len)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	uint32_t *sheet = NULL;
	int fps = 60, err, w, h;

	*png = NULL;
	*len = 0;
	err = tk_ctx_open(&c, &tk_out_png, rq->cfg, rq->width, rq->height, fps, 1);
	if (!err)
		err = tk_loader_load(rq->cfg, rq->dir, &pl);
	if (err)
		goto out;
	if (!pl || !pl->n_articles)
		tk_log(TK_LOG_WARN,
		       "preview: no readable articles in %s: the sheet shows an empty "
		       "screen",
		       rq->dir);
	tk_ctx_show(&c, rq->cfg, pl);
	tk_preview_notices(&c, rq->cfg, rq->dir, rq->no_status);
	sheet = tk_calloc((size_t)c.w * (size_t)c.h, sizeof *sheet);
	err = sheet ? tk_preview_frames(&c, sheet) : TK_ENOMEM;
	if (err)
		goto out;
	tk_preview_divider(sheet, c.w, c.h);
	w = c.w;
	h = c.h;
	tk_ctx_close(&c); /* the renderer's surface is not needed to encode */
	err = tk_preview_encode(sheet, w, h, png, len);
	if (!err)
		tk_log(TK_LOG_INFO, "preview: %zu articles, cards 1-%d at %dx%d, %zu bytes",
		       pl ? pl->n_articles : 0, TK_PREVIEW_TILES, w, h, *len);
out:
	tk_free(sheet);
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	return err;
}

int tk_preview_urgent_fit(const struct tk_config *cfg, const char *text, struct tk_urgent_fit *out)
{
	struct tk_ctx c = {0};
	int w, h, err;

	tk_preview_screen_size(cfg, &w, &h);
	err = tk_ctx_open(&c, &tk_out_png, cfg, w, h, 60, 1);
	if (!err)
		err = tk_scene_urgent_fit(c.scene, text, out);
	tk_ctx_close(&c);
	return err;
}

void tk_preview_screen_size(const struct tk_config *cfg, int *w, int *h)
{
	char line[512];
	const char *m;
	int a = 0, b = 0;

	*w = 1920;
	*h = 1080;
	if (tk_display_state_read(cfg->cache_dir, line, sizeof line) ||
	    !(m = strstr(line, " mode=")) || sscanf(m, " mode=%dx%d", &a, &b) != 2 || a < 64 ||
	    b < 64 || a > 7680 || b > 7680)
		return;
	/* The mode is the panel's; a rotated screen shows its sides swapped. */
	*w = cfg->rotation == 90 || cfg->rotation == 270 ? b : a;
	*h = cfg->rotation == 90 || cfg->rotation == 270 ? a : b;
}

int tk_display_preview(const struct tk_display_opts *o)
{
	struct tk_preview_req rq = {o->cfg, o->dir, o->width, o->height, 0};
	void *png = NULL;
	size_t len = 0;
	FILE *f = NULL;
	int rc = TK_EXIT_FAIL;

	if (tk_preview_png(&rq, &png, &len))
		goto fail;
	f = fopen(o->out, "wbe");
	if (!f || fwrite(png, 1, len, f) != len)
		goto fail;
	if (fclose(f)) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	tk_log(TK_LOG_INFO, "preview: wrote %s", o->out);
	rc = TK_EXIT_OK;
	goto out;
fail:
	tk_log(TK_LOG_ERROR, "preview: cannot render or write %s", o->out);
out:
	if (f)
		fclose(f);
	tk_free(png);
	return rc;
}
