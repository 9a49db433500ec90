/* Screen power: when the schedule says the screen is off, the display shows a
 * black frame, stops rendering and asks the panel to sleep through an output
 * power backend (HDMI-CEC standby / image-view-on; a fake one for tests).
 * The controller is pure: the caller passes the wall-clock time. */
#ifndef TK_POWER_H
#define TK_POWER_H

#include <stdint.h>
#include <time.h>

#include "config.h"
#include "schedule.h"

/* A wall clock before this (2024-01-01 UTC) is not believed: a box without a
 * real-time clock that has not synchronised yet keeps the screen on. */
#define TK_POWER_CLOCK_FLOOR 1704067200

/* An output power backend: set(priv, 1) wakes the panel, set(priv, 0) puts
 * it to standby. Best effort: TK_OK or an error the caller logs once. */
struct tk_power_ops {
	const char *name;
	int (*set)(void *priv, int on);
	void (*close)(void *priv);
};

enum tk_power_step {
	TK_POWER_STAY,	/* no change: keep doing what you do */
	TK_POWER_SLEEP, /* was on, now off: present a black frame, stop rendering */
	TK_POWER_WAKE,	/* was off, now on: re-initialise the output, render again */
};

struct tk_power {
	struct tk_schedule sched;
	int scheduled;	/* a schedule is configured */
	int on;		/* the screen is on */
	int trusted;	/* the clock is believed (else: stays on) */
	time_t next;	/* next scheduled change (0 = none known) */
	time_t checked; /* when the schedule was last evaluated (0 = never) */
	int64_t sleeps, wakes;
	const struct tk_power_ops *ops;
	void *priv;
};

/* From cfg's screen_on / screen_off_dates (already validated); ops may be
 * NULL (black frame only). Starts on. */
void tk_power_init(struct tk_power *p, const struct tk_config *cfg, const struct tk_power_ops *ops,
		   void *priv);

/* Whether the clock reading now can be believed: not before the floor, and
 * no clock jump left unconfirmed by the import (pending != 0). */
int tk_power_clock_trusted(time_t now, int64_t pending_jump);

/* Decide at wall-clock time now (trusted: tk_power_clock_trusted). On a
 * change, calls the backend and returns SLEEP or WAKE. */
enum tk_power_step tk_power_check(struct tk_power *p, time_t now, int trusted);

/* Seconds (>= 1, <= max) until the next scheduled change from now. */
long tk_power_wait(const struct tk_power *p, time_t now, long max);

/* The unconfirmed clock jump the importer recorded in dir/.trust (0 = none,
 * or no readable state). */
int64_t tk_power_pending_jump(const char *dir);

/* The fake backend (tests): records calls. */
struct tk_power_fake {
	int calls, state, fail;
};
extern const struct tk_power_ops tk_power_fake_ops;

/* HDMI-CEC through the kernel CEC API: priv from tk_power_cec_open (NULL when
 * there is no usable /dev/cec* device: logged). */
extern const struct tk_power_ops tk_power_cec_ops;
void *tk_power_cec_open(const char *path);

#endif
