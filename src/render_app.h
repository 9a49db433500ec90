/* The display programs behind `ticker run`, `snapshot`, `record` and `bench`:
 * window/KMSDRM/headless set-up, the frame loop, the playlist loader thread,
 * systemd notification. SDL stays behind this header. */
#ifndef TK_RENDER_APP_H
#define TK_RENDER_APP_H

#include "config.h"

struct tk_display_opts {
	const struct tk_config *cfg;
	const char *dir;      /* article directory to show (cache or demo) */
	int width, height;    /* 0 = native mode / default */
	int window;	      /* run: open a window of width x height */
	int headless;	      /* run: render a PNG, never open a display */
	const char *out;      /* snapshot/run headless: PNG path; record: directory */
	double at;	      /* snapshot: seconds on the virtual clock */
	int fps;	      /* record/snapshot: frames per second (default 60) */
	double seconds;	      /* record/bench: duration */
	long articles;	      /* bench: generated articles when dir is NULL */
	const char *renderer; /* bench: "software" or "opengles2" */
};

/* Each returns an enum tk_exit code and logs what went wrong. */
int tk_display_run(const struct tk_display_opts *o);
int tk_display_snapshot(const struct tk_display_opts *o);
int tk_display_record(const struct tk_display_opts *o);
int tk_display_bench(const struct tk_display_opts *o);

#endif
