/* Frame pacer: refresh-period measurement from present times, missed-vsync
 * detection, and the clock-paced fallback for outputs without vsync. Pure:
 * every time comes in as an argument, so tests drive it with synthetic
 * timestamps. Times are 64-bit nanoseconds (a float clock turns jerky after a
 * day of uptime). */
#include <stdlib.h>
#include <string.h>

#include "pacer.h"

void tk_pacer_init(struct tk_pacer *p, int refresh_hz, int vsync)
{
	memset(p, 0, sizeof *p);
	if (refresh_hz <= 0)
		refresh_hz = 60;
	p->nominal = p->period = 1000000000LL / refresh_hz;
	p->clock_paced = !vsync;
}

int64_t tk_pacer_due(const struct tk_pacer *p)
{
	return p->clock_paced ? p->deadline : 0;
}

static int tk_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* An interval near the nominal period is a sample of the real one (59.94 Hz
 * reads as 60, Xvfb's simulated vsync runs at 62.5): the median of the last
 * TK_PACER_WINDOW samples is the period. Anything further off is a slow or
 * missed frame and tells nothing about the display. */
static void tk_pacer_sample(struct tk_pacer *p, int64_t dt)
{
	int64_t sorted[TK_PACER_WINDOW];

	if (dt < p->nominal * 9 / 10 || dt > p->nominal * 11 / 10)
		return;
	p->samples[p->next_sample] = dt;
	p->next_sample = (p->next_sample + 1) % TK_PACER_WINDOW;
	if (p->n_samples < TK_PACER_WINDOW)
		p->n_samples++;
	if (p->n_samples < 8)
		return;
	memcpy(sorted, p->samples, (size_t)p->n_samples * sizeof *sorted);
	qsort(sorted, (size_t)p->n_samples, sizeof *sorted, tk_cmp_i64);
	p->period = sorted[p->n_samples / 2];
}

/* Whole frames that an interval of dt took, carrying the remainder so that
 * irregular slow presents still average out to the right speed. A present
 * never shows fewer than one new frame (each present is its own vsync); the
 * carried remainder stays within half a period either way so one late
 * timestamp cannot make the next frames stutter. */
static int64_t tk_pacer_frames(struct tk_pacer *p, int64_t dt)
{
	int64_t t = dt + p->resid, k = (t + p->period / 2) / p->period;

	if (k < 1)
		k = 1;
	p->resid = t - k * p->period;
	if (p->resid < -p->period / 2)
		p->resid = -p->period / 2;
	if (p->resid > p->period / 2)
		p->resid = p->period / 2;
	return k;
}

/* Clock-paced: a fixed schedule of deadlines one nominal period apart (the
 * display mode's refresh, never the achieved rate). A present that ran late
 * skips the deadlines it missed: the motion advances by whole frames, so the
 * speed stays right and every step is a multiple of the same size. */
static int64_t tk_pacer_clock(struct tk_pacer *p, int64_t now)
{
	int64_t k = 1;

	if (!p->deadline) {
		p->deadline = now + p->period;
		return 1;
	}
	if (now >= p->deadline + p->period)
		k += (now - p->deadline) / p->period;
	p->deadline += k * p->period;
	return k;
}

int64_t tk_pacer_presented(struct tk_pacer *p, int64_t now)
{
	int64_t k = 1, dt = p->last ? now - p->last : 0;

	if (p->clock_paced) {
		k = tk_pacer_clock(p, now);
	} else if (p->last) {
		p->quick = dt < p->nominal / 4 ? p->quick + 1 : 0;
		if (p->quick >= TK_PACER_UNPACED_AFTER) {
			/* (one quick present after a late one is normal with queued flips) */
			p->clock_paced = 1;
			p->period = p->nominal;
			p->deadline = now + p->period;
		} else {
			tk_pacer_sample(p, dt);
			k = tk_pacer_frames(p, dt);
		}
	}
	if (p->last && dt > p->period * 3 / 2)
		p->late++;
	p->last = now;
	p->presents++;
	p->missed += k - 1;
	p->frame += k;
	return k;
}

int tk_pacer_measured_px(const struct tk_pacer *p, long px_per_s)
{
	if (p->clock_paced || p->n_samples < TK_PACER_WINDOW)
		return 0;
	return tk_pacer_px_per_frame(px_per_s, p->period);
}

int tk_pacer_px_per_frame(long px_per_s, int64_t period_ns)
{
	int64_t n;

	if (px_per_s <= 0 || period_ns <= 0)
		return 1;
	n = ((int64_t)px_per_s * period_ns + 500000000LL) / 1000000000LL;
	return n < 1 ? 1 : n > 1000 ? 1000 : (int)n;
}
