/* Shared by the display programs (render_app.c) and the benchmark (bench.c):
 * an output plus fonts, the rotation target and the scene. */
#ifndef TK_RENDER_APP_INT_H
#define TK_RENDER_APP_INT_H

#include <SDL.h>
#include <stdint.h>

#include "config.h"
#include "font.h"
#include "out.h"
#include "render.h"

struct tk_ctx {
	struct tk_output out;
	struct tk_config cfg; /* what the scene borrows: speed set for this output's refresh */
	struct tk_fonts *fonts;
	SDL_Texture *rot; /* rotation target, or NULL */
	struct tk_scene *scene;
	int w, h; /* logical size (after rotation) */
	int rot_deg;
	int ttf;
};

/* Open c->out with ops, then fonts (once) and the scene (fps: card timing;
 * sync: no worker). Returns TK_OK or an enum tk_err (logged). */
int tk_ctx_open(struct tk_ctx *c, const struct tk_output_ops *ops, const struct tk_config *cfg,
		int w, int h, int fps, int sync);
/* The scene on the open output (rotation from cfg when rotate). */
int tk_ctx_scene(struct tk_ctx *c, const struct tk_config *cfg, int fps, int sync, int rotate);
/* Show pl: the newest cfg->crawl_articles in the crawl, all in the cards. */
void tk_ctx_show(struct tk_ctx *c, const struct tk_config *cfg, struct tk_playlist *pl);
/* Draw frame into the output (through the rotation target when there is one). */
void tk_ctx_draw(struct tk_ctx *c, int64_t frame);
/* Scene and output only (fonts stay): before re-opening the output. */
void tk_ctx_close_output(struct tk_ctx *c);
/* Everything, SDL included. */
void tk_ctx_close(struct tk_ctx *c);

int64_t tk_app_now_ns(void);
/* A fixed mmap threshold for the large short-lived text surfaces. */
void tk_app_malloc_tune(void);

#endif
