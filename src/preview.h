/* `ticker preview`: a contact sheet of what the screen will show. */
#ifndef TK_PREVIEW_H
#define TK_PREVIEW_H

#include "render_app.h"

#define TK_PREVIEW_TILES 4 /* frames on the sheet, 2x2 at half size */

/* Render o->dir (raw article files or a cache; the stick's urgent file is
 * shown too) at o->width x o->height (0 = 1920x1080) to the PNG o->out.
 * Returns an enum tk_exit code. */
int tk_display_preview(const struct tk_display_opts *o);

#endif
