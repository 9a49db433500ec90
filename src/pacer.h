/* The frame pacer: pure (timestamps in, decisions out), no SDL, no clock.
 * Motion is counted in whole frames at the display's refresh period; the
 * clock only tells how many frames a present really took. Two modes:
 * vsync (presents block until a flip) and clock-paced (presents return at
 * once: the pacer names the time of the next present, a fixed period apart). */
#ifndef TK_PACER_H
#define TK_PACER_H

#include <stdint.h>

#define TK_PACER_WINDOW 64 /* period samples kept for the median */

struct tk_pacer {
	int64_t nominal;  /* ns, from the display mode */
	int64_t period;	  /* ns, measured (starts at nominal) */
	int64_t last;	  /* time of the previous present, 0 = none yet */
	int64_t deadline; /* clock-paced: when the next present is due */
	int64_t resid;	  /* ns of motion owed (+) or ahead (-), |resid| <= period/2 */
	int64_t frame;	  /* motion frame to draw next */
	int64_t missed;	  /* vsyncs missed so far (frames advanced beyond 1) */
	int64_t presents; /* presents so far */
	int64_t late;	  /* presents more than 1.5 periods after the previous one */
	int clock_paced;  /* 1: no vsync, pace by deadlines */
	int quick;	  /* vsync claimed, presents returning at once in a row */
	int64_t samples[TK_PACER_WINDOW];
	int n_samples, next_sample;
};

/* Presents returning faster than a quarter period this many times in a row
 * mean there is no vsync after all: switch to clock pacing. */
#define TK_PACER_UNPACED_AFTER 120

/* Start at frame 0. refresh_hz <= 0 means 60. vsync 0 starts clock-paced. */
void tk_pacer_init(struct tk_pacer *p, int refresh_hz, int vsync);

/* Clock-paced: the time (ns) the next present is due; 0 when pacing by
 * vsync or before the first present (present at once). */
int64_t tk_pacer_due(const struct tk_pacer *p);

/* A present returned at now (ns, monotonic). Advances p->frame by the whole
 * frames that present took (>= 1) and returns that count. The period estimate
 * takes only intervals within 10% of the nominal period, so slow presents
 * (a software GL, simulated vsync) never slow the motion down: they advance
 * it by more frames instead. Returns 1 for the first present. */
int64_t tk_pacer_presented(struct tk_pacer *p, int64_t now);

/* Whole pixels per frame closest to px_per_s at the given period (ns): at
 * least 1. 125 px/s at 16 ms gives 2. */
int tk_pacer_px_per_frame(long px_per_s, int64_t period_ns);

/* The crawl step for px_per_s (> 0) at the refresh measured so far: 0 until
 * a full window of periods is measured (keep the step from the nominal
 * refresh), else tk_pacer_px_per_frame at p->period (a display that says 60
 * Hz but flips at 62.5 gives 150 px/s as 2 px, not 3). */
int tk_pacer_measured_px(const struct tk_pacer *p, long px_per_s);

#endif
