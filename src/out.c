/* Steps shared by the SDL outputs: release, describe what was opened (the
 * renderer, GL_RENDERER, whether that GL is a software rasteriser), and the
 * DRM connector scan. */
#include <SDL.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "out.h"

void tk_out_release(struct tk_output *o)
{
	if (o->target)
		SDL_DestroyTexture(o->target);
	if (o->r)
		SDL_DestroyRenderer(o->r);
	if (o->win)
		SDL_DestroyWindow(o->win);
	SDL_FreeSurface(o->surf);
	if (o->video)
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
	o->target = NULL;
	o->r = NULL;
	o->win = NULL;
	o->surf = NULL;
	o->video = 0;
}

int tk_out_is_software_gl(const char *gl)
{
	static const char *const soft[] = {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"};

	for (size_t i = 0; i < sizeof soft / sizeof *soft; i++)
		if (strstr(gl, soft[i]))
			return 1;
	return 0;
}

#define TK_GL_RENDERER 0x1F01

void tk_out_gl_renderer(char *buf, size_t size)
{
	typedef const unsigned char *(*get_string_fn)(unsigned int);
	get_string_fn get = NULL;
	const unsigned char *s = NULL;

	buf[0] = '\0';
	if (!SDL_GL_GetCurrentContext())
		return;
	get = (get_string_fn)SDL_GL_GetProcAddress("glGetString");
	if (get)
		s = get(TK_GL_RENDERER);
	if (s)
		snprintf(buf, size, "%s", (const char *)s);
}

void tk_out_describe(struct tk_output *o, const char *path)
{
	SDL_RendererInfo ri;
	struct tk_display_info *in = &o->info;
	const char *drv = SDL_GetCurrentVideoDriver();

	memset(&ri, 0, sizeof ri);
	if (o->r)
		SDL_GetRendererInfo(o->r, &ri);
	snprintf(in->path, sizeof in->path, "%s", path);
	snprintf(in->driver, sizeof in->driver, "%s", drv ? drv : "none");
	snprintf(in->renderer, sizeof in->renderer, "%s", ri.name ? ri.name : "none");
	in->gl_renderer[0] = '\0';
	if (ri.name && strstr(ri.name, "opengl"))
		tk_out_gl_renderer(in->gl_renderer, sizeof in->gl_renderer);
	in->software_gl = tk_out_is_software_gl(in->gl_renderer);
	o->vsync = (ri.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
	o->max_texture = ri.max_texture_width > 0 ? ri.max_texture_width : 4096;
	if (o->r)
		SDL_GetRendererOutputSize(o->r, &o->w, &o->h);
	in->w = o->w;
	in->h = o->h;
	in->refresh_hz = o->refresh_hz;
	in->vsync = o->vsync;
}

int tk_out_drm_outputs(int *connected)
{
	glob_t g;
	int any = 0;

	*connected = 0;
	if (glob("/sys/class/drm/card[0-9]*-*/status", 0, NULL, &g))
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "re");
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
