/* Screen schedule: parse the weekly spans and off dates, answer on/off. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "schedule.h"

static const char *const tk_sched_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

struct tk_sched_in {
	const char *p;
	char *err;
	size_t errsz;
};

static void tk_sched_skip(struct tk_sched_in *in)
{
	while (*in->p == ' ' || *in->p == '\t')
		in->p++;
}

static int tk_sched_fail(struct tk_sched_in *in, const char *what)
{
	char near[16];
	size_t n = strcspn(in->p, ",");

	if (n >= sizeof near)
		n = sizeof near - 1;
	memcpy(near, in->p, n);
	near[n] = '\0';
	snprintf(in->err, in->errsz, "%s at \"%s\"", what, *in->p ? near : "end");
	return TK_EINVAL;
}

/* One day name (three letters or the full English name), as 0..6. */
static int tk_sched_day(struct tk_sched_in *in, int *day)
{
	size_t n = 0;

	while (isalpha((unsigned char)in->p[n]))
		n++;
	for (int d = 0; d < 7 && n >= 3; d++) {
		if (!strncasecmp(in->p, tk_sched_days[d], 3)) {
			*day = d;
			in->p += n;
			return TK_OK;
		}
	}
	return tk_sched_fail(in, "expected a day (Mon..Sun)");
}

/* "Mon", "Mon-Fri" (wrapping "Fri-Mon" allowed), "daily" or "Mon,Wed" is not:
 * commas separate spans. Sets the day bits. */
static int tk_sched_days_of(struct tk_sched_in *in, unsigned *days)
{
	int a, b;

	if (!strncasecmp(in->p, "daily", 5)) {
		in->p += 5;
		*days = 0x7f;
		return TK_OK;
	}
	if (tk_sched_day(in, &a))
		return TK_EINVAL;
	b = a;
	if (*in->p == '-') {
		in->p++;
		if (tk_sched_day(in, &b))
			return TK_EINVAL;
	}
	*days = 0;
	for (int d = a;; d = (d + 1) % 7) {
		*days |= 1u << d;
		if (d == b)
			break;
	}
	return TK_OK;
}

/* "HH:MM" as minutes; 24:00 allowed as an end. */
static int tk_sched_clock(struct tk_sched_in *in, int *min)
{
	const char *p = in->p;

	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
	    !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]))
		return tk_sched_fail(in, "expected a time HH:MM");
	int h = (p[0] - '0') * 10 + p[1] - '0', m = (p[3] - '0') * 10 + p[4] - '0';
	if (m > 59 || h > 24 || (h == 24 && m))
		return tk_sched_fail(in, "no such time");
	*min = h * 60 + m;
	in->p += 5;
	return TK_OK;
}

static int tk_sched_span(struct tk_sched_in *in, struct tk_schedule_span *sp)
{
	if (tk_sched_days_of(in, &sp->days))
		return TK_EINVAL;
	if (*in->p != ' ' && *in->p != '\t')
		return tk_sched_fail(in, "expected a space then HH:MM-HH:MM");
	tk_sched_skip(in);
	if (tk_sched_clock(in, &sp->start))
		return TK_EINVAL;
	if (*in->p != '-')
		return tk_sched_fail(in, "expected '-' between the times");
	in->p++;
	if (tk_sched_clock(in, &sp->end))
		return TK_EINVAL;
	if (sp->end <= sp->start)
		return tk_sched_fail(in,
				     "the span must end after it starts (split spans at midnight)");
	return TK_OK;
}

/* "YYYY-MM-DD" (a real calendar date) as YYYYMMDD. */
static int tk_sched_date(struct tk_sched_in *in, long *out)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = in->p;
	int v[8], k = 0;

	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (p[i] != '-')
				return tk_sched_fail(in, "expected a date YYYY-MM-DD");
		} else if (!isdigit((unsigned char)p[i])) {
			return tk_sched_fail(in, "expected a date YYYY-MM-DD");
		} else {
			v[k++] = p[i] - '0';
		}
	}
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5],
	    d = v[6] * 10 + v[7];
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return tk_sched_fail(in, "no such date");
	*out = (long)y * 10000 + m * 100 + d;
	in->p += 10;
	return TK_OK;
}

/* Run one item parser over a comma-separated list. */
static int tk_sched_list(struct tk_sched_in *in, struct tk_schedule *s, int dates)
{
	for (;;) {
		tk_sched_skip(in);
		if (!*in->p)
			return TK_OK;
		int rc;
		if (dates)
			rc = s->n_dates >= TK_SCHEDULE_MAX_DATES
				 ? tk_sched_fail(in, "too many dates")
				 : tk_sched_date(in, &s->dates[s->n_dates++]);
		else
			rc = s->n_spans >= TK_SCHEDULE_MAX_SPANS
				 ? tk_sched_fail(in, "too many spans")
				 : tk_sched_span(in, &s->spans[s->n_spans++]);
		if (rc)
			return rc;
		tk_sched_skip(in);
		if (*in->p && *in->p != ',')
			return tk_sched_fail(in, "expected ',' between items");
		if (*in->p)
			in->p++;
	}
}

int tk_schedule_parse(struct tk_schedule *s, const char *on, const char *off_dates, char *err,
		      size_t errsz)
{
	struct tk_sched_in in = {on ? on : "", err, errsz};
	int rc;

	memset(s, 0, sizeof *s);
	if (errsz)
		err[0] = '\0';
	rc = tk_sched_list(&in, s, 0);
	if (rc == TK_OK) {
		in.p = off_dates ? off_dates : "";
		rc = tk_sched_list(&in, s, 1);
	}
	return rc;
}

int tk_schedule_on_tm(const struct tk_schedule *s, const struct tm *tm)
{
	long ymd = (long)(tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 + tm->tm_mday;
	int day = (tm->tm_wday + 6) % 7, min = tm->tm_hour * 60 + tm->tm_min;

	for (int i = 0; i < s->n_dates; i++)
		if (s->dates[i] == ymd)
			return 0;
	if (!s->n_spans)
		return 1;
	for (int i = 0; i < s->n_spans; i++) {
		const struct tk_schedule_span *sp = &s->spans[i];
		if ((sp->days >> day & 1u) && min >= sp->start && min < sp->end)
			return 1;
	}
	return 0;
}

static int tk_sched_on_at(const struct tk_schedule *s, time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return 1;
	return tk_schedule_on_tm(s, &tm);
}

/* The time of minute `min` on the day `days` after tm's date (DST-aware). */
static time_t tk_sched_when(const struct tm *base, int days, int min)
{
	struct tm tm = *base;

	tm.tm_mday += days;
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The answer can only change at midnight or a span's start or end: try those
 * in order, day by day, for the first one after t with a different answer. */
static time_t tk_sched_next(const struct tk_schedule *s, time_t t, int now_on)
{
	struct tm base;

	if (!localtime_r(&t, &base))
		return 0;
	for (int d = 0; d <= TK_SCHEDULE_HORIZON_DAYS; d++) {
		time_t best = 0;
		for (int i = -1; i < 2 * s->n_spans; i++) {
			int min = i < 0 ? 0 : i % 2 ? s->spans[i / 2].end : s->spans[i / 2].start;
			time_t c = tk_sched_when(&base, d, min);
			if (c > t && (!best || c < best) && tk_sched_on_at(s, c) != now_on)
				best = c;
		}
		if (best)
			return best;
	}
	return 0;
}

int tk_schedule_at(const struct tk_schedule *s, time_t t, time_t *next)
{
	int on = tk_sched_on_at(s, t);

	if (next)
		*next = tk_sched_next(s, t, on);
	return on;
}
