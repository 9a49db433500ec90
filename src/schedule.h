/* The screen schedule: when the panel is on (screen_on) and the dates it stays
 * off (screen_off_dates). Pure: parses text, answers for a given time (local
 * time through localtime_r/mktime, so tests set TZ and pass any time_t). */
#ifndef TK_SCHEDULE_H
#define TK_SCHEDULE_H

#include <stddef.h>
#include <time.h>

#define TK_SCHEDULE_MAX_SPANS 32
#define TK_SCHEDULE_MAX_DATES 64
/* How far ahead tk_schedule_next looks for a change, in days. */
#define TK_SCHEDULE_HORIZON_DAYS 400

struct tk_schedule_span {
	unsigned days;	/* bit 0 = Monday ... bit 6 = Sunday */
	int start, end; /* minutes after midnight, start < end <= 1440 */
};

struct tk_schedule {
	int n_spans; /* 0 = no schedule: always on */
	struct tk_schedule_span spans[TK_SCHEDULE_MAX_SPANS];
	int n_dates;
	long dates[TK_SCHEDULE_MAX_DATES]; /* YYYYMMDD, off all day */
};

/* Parse screen_on ("Mon-Fri 07:00-19:30, Sat 09:00-13:00"; empty = always on)
 * and screen_off_dates ("2026-12-25, 2027-01-01"; empty = none); either may
 * be NULL. TK_EINVAL with a one-line reason in err on bad input. */
int tk_schedule_parse(struct tk_schedule *s, const char *on, const char *off_dates, char *err,
		      size_t errsz);

/* 1 when the screen should be on at local time tm (its date and clock). */
int tk_schedule_on_tm(const struct tk_schedule *s, const struct tm *tm);

/* 1 when the screen should be on at t; *next (may be NULL) gets the time the
 * answer next changes, or 0 when it never changes within the horizon. */
int tk_schedule_at(const struct tk_schedule *s, time_t t, time_t *next);

#endif
