/* Logging: one line per message on stderr. When stderr is the journal, the
 * "<N>" prefix from sd-daemon(3) gives the priority without linking libsystemd. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

/* The only mutable globals besides the allocator's test hook: a log threshold
 * and destination are process-wide by nature. */
static enum tk_log_level tk_log_level_cur = TK_LOG_INFO;
static tk_log_sink_fn *tk_log_sink_cur;
static void *tk_log_sink_ctx;

void tk_log_set_sink(tk_log_sink_fn *fn, void *ctx)
{
	tk_log_sink_cur = fn;
	tk_log_sink_ctx = ctx;
}

void tk_log_set_level(enum tk_log_level level)
{
	tk_log_level_cur = level;
}

enum tk_log_level tk_log_get_level(void)
{
	return tk_log_level_cur;
}

void tk_log(enum tk_log_level level, const char *fmt, ...)
{
	static const char *const names[] = {"error", "warning", "info", "debug"};
	static const int prio[] = {3, 4, 6, 7};
	char buf[1024];
	va_list ap;

	if (level > tk_log_level_cur)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (tk_log_sink_cur) {
		tk_log_sink_cur(tk_log_sink_ctx, level, buf);
		return;
	}
	/* One write per line so concurrent threads never interleave inside a line. */
	if (getenv("JOURNAL_STREAM"))
		fprintf(stderr, "<%d>%s\n", prio[level], buf);
	else
		fprintf(stderr, "ticker: %s: %s\n", names[level], buf);
}
