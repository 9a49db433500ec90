/* Output to a plain surface with SDL's software renderer: snapshots, records
 * and the headless preview. Needs no video driver; the same pixels everywhere. */
#include <SDL.h>

#include "err.h"
#include "log.h"
#include "out.h"

static int tk_png_open(struct tk_output *o, int w, int h)
{
	o->w = w > 0 ? w : 1920;
	o->h = h > 0 ? h : 1080;
	o->surf = SDL_CreateRGBSurfaceWithFormat(0, o->w, o->h, 32, SDL_PIXELFORMAT_RGB888);
	o->r = o->surf ? SDL_CreateSoftwareRenderer(o->surf) : NULL;
	if (!o->r) {
		tk_log(TK_LOG_ERROR, "display: software renderer: %s", SDL_GetError());
		return TK_ESDL;
	}
	tk_out_describe(o, "png");
	o->max_texture = 4096;
	o->vsync = o->info.vsync = 0;
	snprintf(o->info.why, sizeof o->info.why, "no display: a surface in memory");
	return TK_OK;
}

static int tk_png_connected(struct tk_output *o)
{
	return -1;
}

const struct tk_output_ops tk_out_png = {"png", tk_png_open, tk_out_release, tk_png_connected};
