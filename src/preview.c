/* The contact sheet behind `ticker preview`: the first cards (with the crawl
 * band and any urgent notice, as each frame shows them) rendered by the same
 * scene as `ticker snapshot`, four frames at half size in a 2x2 grid, so the
 * sheet has the screen's own geometry. */
#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
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
static void tk_preview_notices(struct tk_ctx *c, const struct tk_config *cfg, const char *dir)
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
	tk_scene_set_notices(c->scene, st, ur);
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

/* Put the sheet on the render target with a thin divider, and write the PNG. */
static int tk_preview_write(struct tk_ctx *c, const uint32_t *sheet, const char *out)
{
	SDL_Texture *t = SDL_CreateTexture(c->out.r, SDL_PIXELFORMAT_ARGB8888,
					   SDL_TEXTUREACCESS_STATIC, c->w, c->h);
	SDL_Rect v = {c->w / 2 - 1, 0, 2, c->h}, hz = {0, c->h / 2 - 1, c->w, 2};
	int err = TK_ESDL;

	if (!t || SDL_UpdateTexture(t, NULL, sheet, c->w * 4))
		goto out;
	SDL_RenderSetClipRect(c->out.r, NULL);
	SDL_RenderCopy(c->out.r, t, NULL, NULL);
	SDL_SetRenderDrawColor(c->out.r, 0x80, 0x80, 0x80, 0xff);
	SDL_RenderFillRect(c->out.r, &v);
	SDL_RenderFillRect(c->out.r, &hz);
	err = tk_render_png(c->out.r, c->w, c->h, out);
out:
	if (t)
		SDL_DestroyTexture(t);
	return err;
}

/* Four frames, each in the middle of a card's time: cards 1..4. */
static int tk_preview_frames(struct tk_ctx *c, const struct tk_config *cfg, int fps,
			     uint32_t *sheet)
{
	for (int i = 0; i < TK_PREVIEW_TILES; i++) {
		int64_t frame = (int64_t)((i + 0.5) * (double)cfg->card_seconds * fps);
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

int tk_display_preview(const struct tk_display_opts *o)
{
	struct tk_ctx c = {0};
	struct tk_playlist *pl = NULL;
	uint32_t *sheet = NULL;
	int fps = 60, rc = TK_EXIT_FAIL;

	if (tk_ctx_open(&c, &tk_out_png, o->cfg, o->width, o->height, fps, 1))
		goto out;
	if (tk_loader_load(o->cfg, o->dir, &pl))
		goto out;
	if (!pl || !pl->n_articles)
		tk_log(TK_LOG_WARN,
		       "preview: no readable articles in %s: the sheet shows an empty "
		       "screen",
		       o->dir);
	tk_ctx_show(&c, o->cfg, pl);
	tk_preview_notices(&c, o->cfg, o->dir);
	sheet = tk_calloc((size_t)c.w * (size_t)c.h, sizeof *sheet);
	if (!sheet || tk_preview_frames(&c, o->cfg, fps, sheet) ||
	    tk_preview_write(&c, sheet, o->out)) {
		tk_log(TK_LOG_ERROR, "preview: cannot render or write %s", o->out);
		goto out;
	}
	tk_log(TK_LOG_INFO, "preview: %zu articles, cards 1-%d at %dx%d -> %s",
	       pl ? pl->n_articles : 0, TK_PREVIEW_TILES, c.w, c.h, o->out);
	rc = TK_EXIT_OK;
out:
	tk_free(sheet);
	tk_playlist_unref(pl);
	tk_ctx_close(&c);
	return rc;
}
