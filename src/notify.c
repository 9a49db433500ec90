/* systemd notification (sd_notify) for the display: readiness after the first
 * frame, a status line, the watchdog fed from the frame loop, stopping. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <systemd/sd-daemon.h>

#include "log.h"
#include "notify.h"

/* Started by `ticker supervise` from an update slot: the first frame is the
 * proof the new version works; say so where the supervisor looks. */
static void tk_notify_app_ready(void)
{
	const char *slot = getenv("TICKER_APP_SLOT"), *path = getenv("TICKER_APP_READY");
	FILE *f;

	if (!slot || !path)
		return;
	f = fopen(path, "we");
	if (!f || fprintf(f, "%s\n", slot) < 0 || fclose(f))
		tk_log(TK_LOG_WARN, "update: cannot confirm slot %s in %s", slot, path);
	else
		tk_log(TK_LOG_INFO, "update: slot %s showed its first frame", slot);
}

void tk_notify_ready(void)
{
	sd_notify(0, "READY=1\nSTATUS=showing the ticker");
	tk_notify_app_ready();
}

void tk_notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

void tk_notify_status(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sd_notifyf(0, "STATUS=%s", buf);
}

void tk_watchdog_feed(struct tk_watchdog *w, int64_t now)
{
	if (w->stopped == 1) {
		tk_log(TK_LOG_WARN, "watchdog: test hook: no longer feeding the watchdog");
		w->stopped = 2;
	}
	if (w->stopped || now - w->last < 1000000000LL)
		return;
	sd_notify(0, "WATCHDOG=1");
	w->last = now;
}

void tk_watchdog_stop(struct tk_watchdog *w)
{
	if (!w->stopped)
		w->stopped = 1;
}
