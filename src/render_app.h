/* The display programs behind `ticker run`, `snapshot`, `record` and `bench`:
 * which output, the frame loop (paced by pacer.c), the playlist loader
 * (loader.c), systemd notification (notify.c). SDL stays behind this header. */
#ifndef TK_RENDER_APP_H
#define TK_RENDER_APP_H

#include "config.h"

struct tk_output_ops;

struct tk_display_opts {
	const struct tk_config *cfg;
	const char *dir;      /* article directory to show (cache or demo) */
	int width, height;    /* 0 = native mode / default */
	int window;	      /* run: open a window of width x height */
	int headless;	      /* run: render a PNG, never open a display */
	const char *out;      /* snapshot/run headless: PNG path; record: directory */
	double at;	      /* snapshot: seconds on the virtual clock */
	int fps;	      /* record/snapshot: frames per second (default 60) */
	double seconds;	      /* record/bench: duration; run: stop after (0 = never) */
	long articles;	      /* bench: generated articles when dir is NULL */
	const char *renderer; /* bench: "software" or "opengles2"; run: force a path */
	int poll_ms;	      /* run: connector poll interval (0 = 1000) */
};

/* Each returns an enum tk_exit code and logs what went wrong. */
int tk_display_run(const struct tk_display_opts *o);
int tk_display_snapshot(const struct tk_display_opts *o);
int tk_display_record(const struct tk_display_opts *o);
int tk_display_bench(const struct tk_display_opts *o);

/* The run loop on a given output (tests pass a fake one; priv goes to its
 * struct tk_output). Returns an enum tk_exit code. */
int tk_display_run_on(const struct tk_display_opts *o, const struct tk_output_ops *ops, void *priv);
/* Ask a running loop to stop (async-signal-safe). */
void tk_display_stop(void);

#endif
