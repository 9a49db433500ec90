/* A bare console: SDL's KMSDRM driver, fullscreen at the native mode, GLES2
 * with vsync always (with swap interval 0 SDL 2.26 asks KMS for async flips,
 * which show garbage on Pi 4/5: SDL#8579). SDL 2.26 builds its display list
 * once and has no hotplug handling: the frame loop watches the connector
 * status in sysfs and re-opens the output when a display comes back.
 * On a software GL (a VM) this path stays on GLES2: SDL 2.26 has no non-GL
 * window framebuffer on KMSDRM (see README, "Display paths"). */
#include <SDL.h>
#include <SDL_syswm.h>
#include <stdio.h>
#include <string.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include "err.h"
#include "log.h"
#include "out.h"
#include "power.h"

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

/* Screen power without CEC: the DPMS property of the connectors that drive a
 * CRTC, set through the DRM file SDL opened (it holds DRM master). The file is
 * looked up at each call, so a re-opened output is followed. */
static int tk_kms_fd(const struct tk_output *o)
{
	SDL_SysWMinfo info;

	SDL_VERSION(&info.version);
	if (!o->win || !SDL_GetWindowWMInfo(o->win, &info) || info.subsystem != SDL_SYSWM_KMSDRM)
		return -1;
	return info.info.kmsdrm.drm_fd;
}

static uint32_t tk_kms_prop(int fd, uint32_t connector, const char *name)
{
	drmModeObjectProperties *props =
	    drmModeObjectGetProperties(fd, connector, DRM_MODE_OBJECT_CONNECTOR);
	uint32_t id = 0;

	for (uint32_t i = 0; props && i < props->count_props && !id; i++) {
		drmModePropertyRes *p = drmModeGetProperty(fd, props->props[i]);

		if (p && !strcmp(p->name, name))
			id = p->prop_id;
		drmModeFreeProperty(p);
	}
	drmModeFreeObjectProperties(props);
	return id;
}

/* Sets DPMS on every connected, driving connector; the number set, or -1. */
static int tk_kms_dpms_all(int fd, int on)
{
	drmModeRes *res = drmModeGetResources(fd);
	int done = 0;

	if (!res)
		return -1;
	for (int i = 0; i < res->count_connectors; i++) {
		drmModeConnector *c = drmModeGetConnector(fd, res->connectors[i]);
		uint32_t prop = c && c->connection == DRM_MODE_CONNECTED && c->encoder_id
				    ? tk_kms_prop(fd, c->connector_id, "DPMS")
				    : 0;

		if (prop && !drmModeConnectorSetProperty(fd, c->connector_id, prop,
							 on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF))
			done++;
		drmModeFreeConnector(c);
	}
	drmModeFreeResources(res);
	return done;
}

static int tk_kms_dpms_set(void *priv, int on)
{
	int fd = tk_kms_fd(priv), n = fd < 0 ? -1 : tk_kms_dpms_all(fd, on);

	if (n <= 0)
		return TK_EIO;
	tk_log(TK_LOG_INFO, "power: DRM DPMS %s on %d connector%s", on ? "on" : "off", n,
	       n == 1 ? "" : "s");
	return TK_OK;
}

static void tk_kms_dpms_close(void *priv)
{
	(void)priv;
}

const struct tk_power_ops tk_out_kmsdrm_dpms = {"DRM DPMS", tk_kms_dpms_set, tk_kms_dpms_close};

int tk_out_kmsdrm_has_dpms(const struct tk_output *o)
{
	return tk_kms_fd(o) >= 0;
}
