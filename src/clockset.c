/* Clock rules and file formats for a box without a real-time clock
 * (clockset.h). Pure: no I/O, no globals. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clockset.h"

static const char *const tk_clock_src_names[] = {"saved", "stick"};

int tk_clock_plan(int64_t now, int64_t target, int64_t *set_to)
{
	if (target < TK_CLOCK_PLAUSIBLE || target - now < TK_CLOCK_MIN_STEP)
		return 0;
	*set_to = target;
	return 1;
}

static int tk_clock_src_parse(const char *name, enum tk_clock_source *src)
{
	for (size_t i = 0; i < sizeof tk_clock_src_names / sizeof tk_clock_src_names[0]; i++)
		if (!strcmp(name, tk_clock_src_names[i])) {
			*src = (enum tk_clock_source)i;
			return 0;
		}
	return -1;
}

int tk_clock_parse_time(const char *text, int64_t *t, enum tk_clock_source *src)
{
	char name[16] = "saved";
	long long v;
	int n = sscanf(text, "ticker-clock 1 %lld %15s", &v, name);

	if (n < 1 || v < 0)
		return -1;
	*t = (int64_t)v;
	return tk_clock_src_parse(name, src);
}

size_t tk_clock_format_time(char *buf, size_t size, int64_t t, enum tk_clock_source src)
{
	int n = snprintf(buf, size, "ticker-clock 1 %" PRId64 " %s\n", t, tk_clock_src_names[src]);

	return n < 0 ? 0 : (size_t)n;
}

int tk_clock_parse_set(const char *text, int64_t *old, int64_t *now, enum tk_clock_source *src)
{
	char name[16];
	long long a, b;

	if (sscanf(text, "ticker-clock-set 1 %lld %lld %15s", &a, &b, name) != 3 || b < a)
		return -1;
	*old = (int64_t)a;
	*now = (int64_t)b;
	return tk_clock_src_parse(name, src);
}

size_t tk_clock_format_set(char *buf, size_t size, int64_t old, int64_t now,
			   enum tk_clock_source src)
{
	int n = snprintf(buf, size, "ticker-clock-set 1 %" PRId64 " %" PRId64 " %s\n", old, now,
			 tk_clock_src_names[src]);

	return n < 0 ? 0 : (size_t)n;
}

static void tk_clock_day(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm))
		snprintf(buf, size, "%" PRId64, t);
}

void tk_clock_describe_set(char *buf, size_t size, int64_t old, int64_t now,
			   enum tk_clock_source src)
{
	char a[40], b[40];

	tk_clock_day(old, a, sizeof a);
	tk_clock_day(now, b, sizeof b);
	snprintf(buf, size, "set %s to %s, was %s",
		 src == TK_CLOCK_SRC_STICK ? "from a signed stick's signing time"
					   : "forward to the newest time saved before a restart",
		 b, a);
}
