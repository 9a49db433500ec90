/* `ticker preview`: a contact sheet of what the screen will show. */
#ifndef TK_PREVIEW_H
#define TK_PREVIEW_H

#include "render_app.h"

#define TK_PREVIEW_TILES 4 /* frames on the sheet, 2x2 at half size */

/* Render o->dir (raw article files or a cache; the stick's urgent file is
 * shown too) at o->width x o->height (0 = 1920x1080) to the PNG o->out.
 * Returns an enum tk_exit code. */
int tk_display_preview(const struct tk_display_opts *o);

struct tk_preview_req {
	const struct tk_config *cfg;
	const char *dir;   /* raw article files or a cache */
	int width, height; /* 0 = 1920x1080 */
	int no_status;	   /* leave out the status banner ("Importing from USB...") */
};

/* The same sheet as PNG bytes in memory (tk_malloc'd: the caller frees them
 * with tk_free), for a writer with its own safe-write rules (the importer
 * puts it on the stick). Returns TK_OK, TK_ENOMEM, TK_ESDL or TK_EIO. */
int tk_preview_png(const struct tk_preview_req *rq, void **png, size_t *len);

struct tk_urgent_fit;
/* Lay out urgent text as the screen would at cfg's last-known screen size
 * (tk_preview_screen_size). Returns TK_OK, TK_ESDL or TK_ENOMEM. */
int tk_preview_urgent_fit(const struct tk_config *cfg, const char *text, struct tk_urgent_fit *out);

/* The screen's size as the running display last reported it (the mode in
 * <cache_dir>/.display, sides swapped for rotation 90/270), else 1920x1080. */
void tk_preview_screen_size(const struct tk_config *cfg, int *w, int *h);

#endif
