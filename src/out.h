/* Outputs: where frames go. One file per strategy, chosen once at start-up
 * and logged (as kmscube does): out_kmsdrm.c (a bare console, GLES2 with
 * vsync), out_window.c (a desktop window: GLES2 on a real GPU, else SDL's
 * software renderer on the window surface), out_png.c (a plain surface for
 * snapshots, records and headless previews), out_offscreen.c (GLES2 on an EGL
 * pbuffer, for comparisons and the benchmark). Each fills a struct tk_output. */
#ifndef TK_OUT_H
#define TK_OUT_H

#include <SDL.h>

#include "display_state.h"

struct tk_output;

struct tk_output_ops {
	const char *name;
	/* Open the output for a w x h request (0 = native / default). Returns
	 * TK_OK, TK_ENODISPLAY (nothing to show on) or TK_ESDL (logged). */
	int (*open)(struct tk_output *o, int w, int h);
	/* Release everything open made (also after a failed open). */
	void (*close)(struct tk_output *o);
	/* 1 when a display is connected, 0 when it is not, -1 when unknown. */
	int (*connected)(struct tk_output *o);
};

struct tk_output {
	const struct tk_output_ops *ops;
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_Surface *surf;	     /* out_png: the target */
	SDL_Texture *target;	     /* out_offscreen: what frames render into */
	int w, h;		     /* output pixels */
	int refresh_hz;		     /* from the display mode; 0 unknown */
	int vsync;		     /* presents wait for the display */
	int max_texture;	     /* widest texture the renderer takes */
	int video;		     /* holds SDL's video subsystem */
	int force_software;	     /* window: skip GL (--renderer software) */
	int force_gl;		     /* window: GLES2 even on a software GL */
	int fullscreen;		     /* window: native mode, fullscreen */
	void *priv;		     /* the fake output's state in tests */
	struct tk_display_info info; /* what was chosen, for logs, bench and the report */
};

extern const struct tk_output_ops tk_out_kmsdrm;
extern const struct tk_output_ops tk_out_window;
extern const struct tk_output_ops tk_out_png;
extern const struct tk_output_ops tk_out_offscreen;

/* Screen power through DRM DPMS on the KMSDRM output (priv: the struct
 * tk_output); usable when tk_out_kmsdrm_has_dpms says SDL gave a DRM file. */
struct tk_power_ops;
extern const struct tk_power_ops tk_out_kmsdrm_dpms;
int tk_out_kmsdrm_has_dpms(const struct tk_output *o);

/* Common steps of the SDL outputs (out.c). */
/* Close whatever o holds, leave o->ops and the force flags. */
void tk_out_release(struct tk_output *o);
/* Fill o->info (driver, renderer, GL_RENDERER, software GL or not), o->vsync,
 * o->max_texture from the renderer. */
void tk_out_describe(struct tk_output *o, const char *path);
/* GL_RENDERER of the current context, or "" (any GL renderer of SDL's). */
void tk_out_gl_renderer(char *buf, size_t size);
/* 1 when a GL_RENDERER string names a software rasteriser. */
int tk_out_is_software_gl(const char *gl_renderer);
/* Any DRM connector on this machine (a device with a display port);
 * *connected says whether one reports "connected". */
int tk_out_drm_outputs(int *connected);

#endif
