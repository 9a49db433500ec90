/* The box's health for the stick report (health.h): counters the display keeps
 * in <cache>/.health, the kernel's own view (uptime, CPU temperature, the Pi's
 * under-voltage alarm through hwmon, free space) and the ticker's last error
 * lines from the journal (sd-journal; the import user reads it through the
 * systemd-journal group). Every source may be missing: the line says so. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <systemd/sd-journal.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "clockset.h"
#include "display_state.h"
#include "err.h"
#include "health.h"
#include "io.h"

#if !defined(TK_HEALTH_ERROR_LINES)
#define TK_HEALTH_ERROR_LINES 5
#endif

/* Read a small text file below sysroot into buf; 0 on success. */
static int tk_health_slurp(const char *sysroot, const char *path, char *buf, size_t size)
{
	char full[4096];

	snprintf(full, sizeof full, "%s%s", sysroot, path);
	if (tk_buf_read_small(AT_FDCWD, full, buf, size) < 0)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static void tk_health_boot_id(const char *sysroot, char *out, size_t size)
{
	if (tk_health_slurp(sysroot, "/proc/sys/kernel/random/boot_id", out, size))
		snprintf(out, size, "unknown");
}

int tk_health_read(const char *dir, const char *name, struct tk_health_counts *out)
{
	char path[4096], line[256];
	FILE *f;
	int n, clean = 0;

	memset(out, 0, sizeof *out);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	n = fgets(line, sizeof line, f)
		? sscanf(line, "ticker-health 1 %39s %lu %lu %lu %d", out->boot_id, &out->starts,
			 &out->boots, &out->unclean, &clean)
		: 0;
	fclose(f);
	if (n != 5) {
		memset(out, 0, sizeof *out);
		return TK_EPARSE;
	}
	out->clean = clean != 0;
	return TK_OK;
}

static int tk_health_write(const char *dir, const char *name, const struct tk_health_counts *c)
{
	char line[256];
	int n = snprintf(line, sizeof line, "ticker-health 1 %s %lu %lu %lu %d\n", c->boot_id,
			 c->starts, c->boots, c->unclean, c->clean);

	if (n < 0 || n >= (int)sizeof line)
		return TK_EIO;
	return tk_io_replace_at_path(dir, name, line, (size_t)n, 0640);
}

int tk_health_note_start(const struct tk_health_env *env)
{
	struct tk_health_counts c;
	char id[40];

	(void)tk_health_read(env->cache_dir, TK_HEALTH_FILE, &c);
	tk_health_boot_id(env->sysroot, id, sizeof id);
	if (strcmp(id, c.boot_id)) {
		/* A new boot: unclean unless the run before it stopped cleanly. The
		 * very first start (no file) is no unclean boot. */
		if (c.starts && !c.clean)
			c.unclean++;
		c.boots++;
		snprintf(c.boot_id, sizeof c.boot_id, "%s", id);
	}
	c.starts++;
	c.clean = 0;
	return tk_health_write(env->cache_dir, TK_HEALTH_FILE, &c);
}

int tk_health_note_stop(const struct tk_health_env *env)
{
	struct tk_health_counts c;

	if (tk_health_read(env->cache_dir, TK_HEALTH_FILE, &c))
		return TK_ENOENT;
	c.clean = 1;
	return tk_health_write(env->cache_dir, TK_HEALTH_FILE, &c);
}

/* Appends to buf at *pos, never past size. */
static void tk_health_put(char *buf, size_t size, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void tk_health_put(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, size - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos = *pos + (size_t)n < size ? *pos + (size_t)n : size - 1;
}

static void tk_health_uptime(const struct tk_health_env *env, char *out, size_t size)
{
	char t[64];
	double s;

	if (tk_health_slurp(env->sysroot, "/proc/uptime", t, sizeof t) ||
	    sscanf(t, "%lf", &s) != 1) {
		snprintf(out, size, "unknown");
		return;
	}
	snprintf(out, size, "%ld days %02ld:%02ld", (long)(s / 86400), (long)fmod(s / 3600, 24),
		 (long)fmod(s / 60, 60));
}

/* The CPU's thermal zone (type "cpu-thermal" on a Pi), else the first one. */
static double tk_health_temp(const struct tk_health_env *env)
{
	double first = NAN;

	for (int i = 0; i < 16; i++) {
		char p[96], t[64];
		long milli;

		snprintf(p, sizeof p, "/sys/class/thermal/thermal_zone%d/temp", i);
		if (tk_health_slurp(env->sysroot, p, t, sizeof t) || sscanf(t, "%ld", &milli) != 1)
			continue;
		snprintf(p, sizeof p, "/sys/class/thermal/thermal_zone%d/type", i);
		if (!tk_health_slurp(env->sysroot, p, t, sizeof t) && strstr(t, "cpu"))
			return milli / 1000.0;
		if (isnan(first))
			first = milli / 1000.0;
	}
	return first;
}

/* The Raspberry Pi firmware's under-voltage alarm: mainline kernels expose it
 * as hwmon "rpi_volt", in0_lcrit_alarm (1 = seen since boot). -1 = no sensor. */
static int tk_health_undervolt(const struct tk_health_env *env)
{
	for (int i = 0; i < 16; i++) {
		char p[96], t[64];

		snprintf(p, sizeof p, "/sys/class/hwmon/hwmon%d/name", i);
		if (tk_health_slurp(env->sysroot, p, t, sizeof t) || strcmp(t, "rpi_volt"))
			continue;
		snprintf(p, sizeof p, "/sys/class/hwmon/hwmon%d/in0_lcrit_alarm", i);
		if (tk_health_slurp(env->sysroot, p, t, sizeof t))
			return -1;
		return atoi(t) != 0;
	}
	return -1;
}

/* The ticker's last error lines (priority err or worse), newest last. */
static void tk_health_errors(char *buf, size_t size, size_t *pos)
{
	sd_journal *j = NULL;
	char lines[TK_HEALTH_ERROR_LINES][200];
	int n = 0;

	if (sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY | SD_JOURNAL_SYSTEM) < 0) {
		tk_health_put(buf, size, pos, "          (the log cannot be read here)\n");
		return;
	}
	sd_journal_add_match(j, "SYSLOG_IDENTIFIER=ticker", 0);
	for (int p = 0; p <= 3; p++) {
		char m[16];

		snprintf(m, sizeof m, "PRIORITY=%d", p);
		sd_journal_add_match(j, m, 0);
	}
	sd_journal_seek_tail(j);
	while (n < TK_HEALTH_ERROR_LINES && sd_journal_previous(j) > 0) {
		const void *d;
		size_t len;
		uint64_t usec = 0;
		time_t t;
		struct tm tm;
		char when[32];

		if (sd_journal_get_data(j, "MESSAGE", &d, &len) < 0 || len < 8)
			continue;
		sd_journal_get_realtime_usec(j, &usec);
		t = (time_t)(usec / 1000000);
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		snprintf(lines[n++], sizeof lines[0], "%s  %.*s", when, (int)(len - 8),
			 (const char *)d + 8);
	}
	sd_journal_close(j);
	if (!n)
		tk_health_put(buf, size, pos, "          none\n");
	while (n-- > 0)
		tk_health_put(buf, size, pos, "          %s\n", lines[n]);
}

static void tk_health_counts_line(const struct tk_health_env *env, char *buf, size_t size,
				  size_t *pos)
{
	struct tk_health_counts now, seen;
	int have = !tk_health_read(env->cache_dir, TK_HEALTH_FILE, &now);

	(void)tk_health_read(env->cache_dir, TK_HEALTH_SEEN_FILE, &seen);
	if (!have) {
		tk_health_put(buf, size, pos, "Restarts: unknown (the display has not run yet)\n");
		return;
	}
	if (seen.starts > now.starts || seen.boots > now.boots || seen.unclean > now.unclean)
		memset(&seen, 0, sizeof seen); /* the cache was emptied by hand */
	/* Each boot starts the display once: restarts are the other starts. */
	tk_health_put(buf, size, pos,
		      "Restarts: since the last stick, the display restarted %lu time%s; "
		      "the box started %lu time%s, %lu after a power cut or crash\n",
		      (now.starts - seen.starts) - (now.boots - seen.boots),
		      (now.starts - seen.starts) - (now.boots - seen.boots) == 1 ? "" : "s",
		      now.boots - seen.boots, now.boots - seen.boots == 1 ? "" : "s",
		      now.unclean - seen.unclean);
	(void)tk_health_write(env->cache_dir, TK_HEALTH_SEEN_FILE, &now);
}

/* Where the time came from (clockset.h): set by the ticker, or as it was. */
static void tk_health_clock_line(const struct tk_health_env *env, char *buf, size_t size,
				 size_t *pos)
{
	char path[4096], line[128], what[200];
	enum tk_clock_source src;
	int64_t old, now;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", env->cache_dir, TK_CLOCK_SET);
	f = fopen(path, "re");
	if (f && fgets(line, sizeof line, f) && !tk_clock_parse_set(line, &old, &now, &src)) {
		tk_clock_describe_set(what, sizeof what, old, now, src);
		tk_health_put(buf, size, pos, "Clock:    %s\n", what);
	} else {
		tk_health_put(
		    buf, size, pos,
		    "Clock:    never set by the ticker (no signed stick was ahead of it)\n");
	}
	if (f)
		fclose(f);
}

void tk_health_report(const struct tk_health_env *env, size_t articles, char *buf, size_t size)
{
	struct statvfs vs;
	char up[64], disp[512];
	double temp = tk_health_temp(env);
	int uv = tk_health_undervolt(env);
	size_t pos = 0;

	buf[0] = '\0';
	tk_health_uptime(env, up, sizeof up);
	tk_health_put(buf, size, &pos, "THIS SCREEN\n-----------\n");
	tk_health_put(buf, size, &pos, "Software: ticker %s (%s)\n", TK_VERSION, TK_GITREV);
	tk_health_put(buf, size, &pos, "Up:       %s since the box started\n", up);
	tk_health_counts_line(env, buf, size, &pos);
	tk_health_clock_line(env, buf, size, &pos);
	if (isnan(temp))
		tk_health_put(buf, size, &pos, "CPU:      temperature unknown\n");
	else
		tk_health_put(buf, size, &pos, "CPU:      %.0f °C%s\n", temp,
			      temp >= 80 ? " (hot: the Pi slows down; give it air)" : "");
	tk_health_put(buf, size, &pos, "Power:    %s\n",
		      uv < 0 ? "no under-voltage sensor"
		      : uv ? "UNDER-VOLTAGE seen since the last start: use a stronger power supply"
			   : "good (no under-voltage since the last start)");
	if (!statvfs(env->cache_dir, &vs))
		tk_health_put(buf, size, &pos, "Storage:  %" PRIu64 " MB free of %" PRIu64 " MB\n",
			      (uint64_t)vs.f_bavail * vs.f_frsize >> 20,
			      (uint64_t)vs.f_blocks * vs.f_frsize >> 20);
	tk_health_put(buf, size, &pos, "Articles: %zu on the ticker\n", articles);
	if (tk_display_state_read(env->cache_dir, disp, sizeof disp) || !disp[0])
		snprintf(disp, sizeof disp, "unknown (the display has not started yet)");
	tk_health_put(buf, size, &pos, "Display:  %s\n", disp);
	tk_health_put(buf, size, &pos, "Last errors in the log:\n");
	if (env->sysroot[0])
		tk_health_put(buf, size, &pos, "          (not read: test system)\n");
	else
		tk_health_errors(buf, size, &pos);
}
