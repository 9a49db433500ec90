/* A bare console: SDL's KMSDRM driver, fullscreen at the native mode, GLES2
 * with vsync always (with swap interval 0 SDL 2.26 asks KMS for async flips,
 * which show garbage on Pi 4/5: SDL#8579). SDL 2.26 builds its display list
 * once and has no hotplug handling: the frame loop watches the connector
 * status in sysfs and re-opens the output when a display comes back.
 * On a software GL (a VM) this path stays on GLES2: SDL 2.26 has no non-GL
 * window framebuffer on KMSDRM (see README, "Display paths"). */
#include <SDL.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "log.h"
#include "out.h"

static int tk_kms_open(struct tk_output *o, int w, int h)
{
	SDL_DisplayMode mode;

	/* the desktop 'opengl' renderer showed only the clear colour on KMSDRM */
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO))
		return TK_ENODISPLAY;
	o->video = 1;
	if (SDL_GetNumVideoDisplays() <= 0)
		return TK_ENODISPLAY;
	if (SDL_GetDesktopDisplayMode(0, &mode))
		memset(&mode, 0, sizeof mode);
	o->refresh_hz = mode.refresh_rate;
	o->win = SDL_CreateWindow("ticker", 0, 0, mode.w, mode.h,
				  SDL_WINDOW_FULLSCREEN | SDL_WINDOW_SHOWN);
	if (!o->win) {
		tk_log(TK_LOG_ERROR, "display: cannot create a window: %s", SDL_GetError());
		return TK_ENODISPLAY;
	}
	SDL_ShowCursor(SDL_DISABLE);
	o->r = SDL_CreateRenderer(o->win, -1,
				  SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
				      SDL_RENDERER_TARGETTEXTURE);
	if (!o->r) {
		tk_log(TK_LOG_ERROR, "display: cannot create a renderer: %s", SDL_GetError());
		return TK_ENODISPLAY;
	}
	tk_out_describe(o, "gles2");
	snprintf(o->info.why, sizeof o->info.why, "%s",
		 o->info.software_gl ? "software GL: KMSDRM has no non-GL path in SDL 2.26"
				     : "GPU");
	return TK_OK;
}

static int tk_kms_connected(struct tk_output *o)
{
	int connected;

	return tk_out_drm_outputs(&connected) ? connected : -1;
}

const struct tk_output_ops tk_out_kmsdrm = {"kmsdrm", tk_kms_open, tk_out_release,
					    tk_kms_connected};
