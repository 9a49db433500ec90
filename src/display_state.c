/* The display's state file: which path (GLES2, software window, ...) the
 * running ticker took and why, for the stick report and field logs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "display_state.h"
#include "err.h"
#include "io.h"

void tk_display_info_format(const struct tk_display_info *in, char *buf, size_t size)
{
	snprintf(buf, size,
		 "path=%s driver=%s renderer=%s gl=\"%s\"%s mode=%dx%d@%dHz vsync=%s (%s)",
		 in->path, in->driver, in->renderer, in->gl_renderer,
		 in->software_gl ? " software-gl" : "", in->w, in->h, in->refresh_hz,
		 in->vsync ? "on" : "off", in->why);
}

int tk_display_state_write(const char *dir, const struct tk_display_info *in)
{
	char line[512];
	size_t n;

	tk_display_info_format(in, line, sizeof line);
	n = strlen(line);
	line[n++] = '\n';
	return tk_io_replace_at_path(dir, TK_DISPLAY_STATE_FILE, line, n, 0644);
}

int tk_display_state_read(const char *dir, char *buf, size_t size)
{
	char path[4096];
	FILE *f;
	int err = TK_OK;

	buf[0] = '\0';
	snprintf(path, sizeof path, "%s/%s", dir, TK_DISPLAY_STATE_FILE);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	if (!fgets(buf, (int)size, f))
		err = TK_EIO;
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
	return err;
}
