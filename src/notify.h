/* systemd notification for the display service (Type=notify, WatchdogSec):
 * one place for READY, WATCHDOG, STATUS and STOPPING. Harmless when not run
 * by systemd (sd_notify does nothing without NOTIFY_SOCKET). */
#ifndef TK_NOTIFY_H
#define TK_NOTIFY_H

#include <stdint.h>

void tk_notify_ready(void);
void tk_notify_stopping(void);
/* STATUS= line, printf-style. */
void tk_notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Watchdog feeding from the frame loop: sends WATCHDOG=1 at most once a
 * second of now (ns). A test hook (SIGUSR2, see tk_notify_stop_watchdog)
 * stops the feeding so the e2e test can watch systemd restart the service. */
struct tk_watchdog {
	int64_t last;
	int stopped; /* 1: requested, 2: logged */
};
void tk_watchdog_feed(struct tk_watchdog *w, int64_t now);
void tk_watchdog_stop(struct tk_watchdog *w);

#endif
