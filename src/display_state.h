/* Which display path the running ticker took, in a small state file in the
 * cache directory, so other processes (the stick report, `ticker bench`) can
 * print it. SDL-free. */
#ifndef TK_DISPLAY_STATE_H
#define TK_DISPLAY_STATE_H

#include <stddef.h>

#define TK_DISPLAY_STATE_FILE ".display"

struct tk_display_info {
	char path[32];	      /* "gles2", "software-window", "png", "offscreen-gles2" */
	char driver[32];      /* SDL video driver */
	char renderer[32];    /* SDL renderer */
	char gl_renderer[96]; /* GL_RENDERER, or "" without GL */
	int software_gl;      /* GL_RENDERER names a software rasteriser */
	int w, h, refresh_hz, vsync;
	char why[128]; /* why this path */
};

/* One line: "path=... driver=... renderer=... gl=\"...\" mode=WxH@Hz vsync=on|off (why)". */
void tk_display_info_format(const struct tk_display_info *in, char *buf, size_t size);

/* Write the line to <dir>/.display atomically. Returns TK_OK or TK_EIO. */
int tk_display_state_write(const char *dir, const struct tk_display_info *in);

/* Read <dir>/.display into buf (one line, NUL-terminated, "" when absent).
 * Returns TK_OK, TK_ENOENT or TK_EIO. */
int tk_display_state_read(const char *dir, char *buf, size_t size);

#endif
