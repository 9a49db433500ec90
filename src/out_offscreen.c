/* GLES2 on Mesa under SDL's offscreen driver (an EGL pbuffer, no X server),
 * rendering into a target texture: for comparing the device's renderer with
 * the software reference, and for the benchmark. Presents are not paced. */
#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "out.h"

static int tk_offscreen_open(struct tk_output *o, int w, int h)
{
	SDL_RendererInfo info;

	o->w = w > 0 ? w : 1920;
	o->h = h > 0 ? h : 1080;
	SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO))
		return TK_ENODISPLAY;
	o->video = 1;
	o->win = SDL_CreateWindow("ticker", 0, 0, o->w, o->h, SDL_WINDOW_HIDDEN);
	o->r = o->win ? SDL_CreateRenderer(o->win, -1,
					   SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE)
		      : NULL;
	if (!o->r || SDL_GetRendererInfo(o->r, &info) || strcmp(info.name, "opengles2")) {
		if (o->r)
			SDL_SetError("got renderer %s instead", info.name);
		return TK_ENODISPLAY;
	}
	tk_out_describe(o, "offscreen-gles2");
	o->w = w > 0 ? w : 1920;
	o->h = h > 0 ? h : 1080;
	o->info.w = o->w;
	o->info.h = o->h;
	snprintf(o->info.why, sizeof o->info.why, "EGL pbuffer, for comparisons and bench");
	o->target =
	    SDL_CreateTexture(o->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, o->w, o->h);
	if (!o->target || SDL_SetRenderTarget(o->r, o->target))
		return TK_ESDL;
	return TK_OK;
}

static int tk_offscreen_connected(struct tk_output *o)
{
	return -1;
}

const struct tk_output_ops tk_out_offscreen = {"offscreen", tk_offscreen_open, tk_out_release,
					       tk_offscreen_connected};
