/* A desktop window (X11/Wayland), or fullscreen on a desktop. With a real GPU:
 * GLES2 with vsync. With a software GL (llvmpipe, softpipe, swrast: a VM, a
 * desktop preview) GL costs ~1.5 cores at 1080p and drops frames, so the
 * window uses SDL's software renderer on the window surface, presented through
 * X shared memory with framebuffer acceleration off (else SDL presents that
 * surface through GL again). Those presents have no vsync: the pacer paces
 * them by the clock at the display mode's refresh. */
#include <SDL.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "log.h"
#include "out.h"

/* Is any GL here a software one, known without making a context (which maps
 * Mesa's ~100 MB of drivers)? No DRI node means Mesa can only rasterise in
 * software. Else the GL_RENDERER check after creating the renderer decides. */
static int tk_window_no_gpu(char *why, size_t size)
{
	const char *env = getenv("LIBGL_ALWAYS_SOFTWARE");
	glob_t g;
	int none;

	if (env && *env && strcmp(env, "0")) {
		snprintf(why, size, "LIBGL_ALWAYS_SOFTWARE is set");
		return 1;
	}
	none =
	    glob("/dev/dri/renderD*", 0, NULL, &g) != 0 && glob("/dev/dri/card*", 0, NULL, &g) != 0;
	if (!none)
		globfree(&g);
	if (none)
		snprintf(why, size, "no GPU: /dev/dri has no device, GL would be software");
	return none;
}

static SDL_Window *tk_window_create(struct tk_output *o, int w, int h)
{
	SDL_DisplayMode mode;
	SDL_Window *win;

	if (SDL_GetDesktopDisplayMode(0, &mode))
		memset(&mode, 0, sizeof mode);
	/* Xvfb reports 0 Hz: pace at 60 there */
	o->refresh_hz = mode.refresh_rate > 0 ? mode.refresh_rate : 60;
	if (o->fullscreen)
		win = SDL_CreateWindow("ticker", 0, 0, mode.w, mode.h,
				       SDL_WINDOW_FULLSCREEN | SDL_WINDOW_SHOWN);
	else
		win = SDL_CreateWindow("ticker", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
				       w > 0 ? w : 1280, h > 0 ? h : 720, SDL_WINDOW_SHOWN);
	if (!win)
		tk_log(TK_LOG_ERROR, "display: cannot create a window: %s", SDL_GetError());
	else
		SDL_ShowCursor(SDL_DISABLE);
	return win;
}

/* GLES2 with vsync; 1 when it runs on a real GPU (or GL is forced). */
static int tk_window_gl(struct tk_output *o, int w, int h)
{
	o->win = tk_window_create(o, w, h);
	if (!o->win)
		return 0;
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	o->r = SDL_CreateRenderer(o->win, -1,
				  SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
				      SDL_RENDERER_TARGETTEXTURE);
	if (!o->r) {
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "");
		o->r = SDL_CreateRenderer(o->win, -1, SDL_RENDERER_PRESENTVSYNC);
	}
	if (!o->r)
		return 0;
	tk_out_describe(o, "gles2");
	if (!o->info.software_gl || o->force_gl) {
		snprintf(o->info.why, sizeof o->info.why, "%s",
			 o->info.software_gl ? "GL forced (--renderer opengles2)" : "GPU");
		return 1;
	}
	snprintf(o->info.why, sizeof o->info.why, "GL_RENDERER \"%s\" is software",
		 o->info.gl_renderer);
	SDL_DestroyRenderer(o->r);
	SDL_DestroyWindow(o->win);
	o->r = NULL;
	o->win = NULL;
	return 0;
}

static int tk_window_software(struct tk_output *o, int w, int h)
{
	char why[sizeof o->info.why];

	snprintf(why, sizeof why, "%s", o->info.why);
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	/* SDL would "simulate" vsync from the mode's refresh (0 Hz on Xvfb: no
	 * wait at all); the pacer's clock does it right */
	SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");
	o->win = tk_window_create(o, w, h);
	o->r = o->win ? SDL_CreateRenderer(o->win, -1, SDL_RENDERER_SOFTWARE) : NULL;
	if (!o->r) {
		tk_log(TK_LOG_ERROR, "display: software renderer on the window: %s",
		       SDL_GetError());
		return TK_ENODISPLAY;
	}
	tk_out_describe(o, "software-window");
	o->vsync = o->info.vsync = 0; /* whatever SDL claims: shared-memory puts do not wait */
	snprintf(o->info.why, sizeof o->info.why, "%s", why);
	return TK_OK;
}

static int tk_window_open(struct tk_output *o, int w, int h)
{
	const char *drv, *asked;

	SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO)) {
		tk_log(TK_LOG_ERROR, "display: cannot open the video driver: %s", SDL_GetError());
		return TK_ENODISPLAY;
	}
	o->video = 1;
	drv = SDL_GetCurrentVideoDriver();
	asked = SDL_GetHint(SDL_HINT_VIDEODRIVER);
	if (drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy")) &&
	    !(asked && strstr(asked, drv))) {
		/* SDL's automatic choice falls back to these and "runs" invisibly */
		tk_log(TK_LOG_ERROR, "display: SDL chose the invisible '%s' driver", drv);
		return TK_ENODISPLAY;
	}
	o->info.why[0] = '\0';
	if (o->force_software)
		snprintf(o->info.why, sizeof o->info.why, "--renderer software");
	else if (!o->force_gl && tk_window_no_gpu(o->info.why, sizeof o->info.why))
		;
	else if (tk_window_gl(o, w, h))
		return TK_OK;
	return tk_window_software(o, w, h);
}

static int tk_window_connected(struct tk_output *o)
{
	return -1;
}

const struct tk_output_ops tk_out_window = {"window", tk_window_open, tk_out_release,
					    tk_window_connected};
