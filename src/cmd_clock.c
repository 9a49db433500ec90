/* `ticker clock`: keep the wall clock of a box without an RTC (clockset.h).
 *   --save     (hourly, as the ticker user) remember the newest time seen;
 *   --restore  (at boot, CAP_SYS_TIME) set the clock forward to it;
 *   --apply    (when an import asked, CAP_SYS_TIME) set it forward to a
 *              signed stick's signing time.
 * Files live in the cache directory; every read refuses links and
 * non-regular files, every write is a new file renamed into place. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "clockset.h"
#include "cmd.h"
#include "err.h"
#include "io.h"
#include "log.h"
#include "trust.h"

/* A small state file of dir (at most size-1 bytes). 0, or -1 when absent,
 * not a regular file, a link, or unreadable. */
static int tk_clock_read(const char *dir, const char *name, char *buf, size_t size)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return tk_buf_read_small(AT_FDCWD, path, buf, size) < 0 ? -1 : 0;
}

static int tk_clock_write(const char *dir, const char *name, const char *text)
{
	return tk_io_replace_at_path(dir, name, text, strlen(text), 0644);
}

/* The newest time the box trusts: its own saved one, or the trust state's. */
static int64_t tk_clock_newest_saved(const char *dir)
{
	char buf[TK_TRUST_TEXT_MAX];
	enum tk_clock_source src;
	int64_t t = 0, s;
	struct tk_trust tr;

	if (!tk_clock_read(dir, TK_CLOCK_SAVED, buf, 256) && !tk_clock_parse_time(buf, &s, &src))
		t = s;
	if (!tk_clock_read(dir, TK_TRUST_FILE, buf, sizeof buf) &&
	    !tk_trust_parse(buf, strlen(buf), &tr) && tr.newest_time > t)
		t = tr.newest_time;
	return t;
}

static int tk_clock_save(const char *dir, int64_t now)
{
	char line[96];

	if (now < TK_CLOCK_PLAUSIBLE || now <= tk_clock_newest_saved(dir))
		return TK_EXIT_OK; /* nothing newer to remember */
	tk_clock_format_time(line, sizeof line, now, TK_CLOCK_SRC_SAVED);
	if (tk_clock_write(dir, TK_CLOCK_SAVED, line)) {
		tk_log(TK_LOG_ERROR, "clock: cannot save the time in %s: %s", dir, strerror(errno));
		return TK_EXIT_FAIL;
	}
	return TK_EXIT_OK;
}

/* Set the clock to target if the rules allow; record it for the report. */
static int tk_clock_set(const char *dir, int64_t now, int64_t target, enum tk_clock_source src,
			int dry)
{
	char line[128], what[160];
	int64_t to;
	struct timespec ts = {0, 0};

	if (!tk_clock_plan(now, target, &to)) {
		tk_log(TK_LOG_INFO, "clock: left as it is (%s time not ahead of it)",
		       src == TK_CLOCK_SRC_STICK ? "the stick's" : "the saved");
		return TK_EXIT_OK;
	}
	tk_clock_describe_set(what, sizeof what, now, to, src);
	if (dry) {
		printf("clock: would be %s\n", what);
		return TK_EXIT_OK;
	}
	ts.tv_sec = (time_t)to;
	if (clock_settime(CLOCK_REALTIME, &ts)) {
		tk_log(TK_LOG_ERROR, "clock: cannot set the clock: %s", strerror(errno));
		return TK_EXIT_FAIL;
	}
	tk_log(TK_LOG_INFO, "clock: %s", what);
	tk_clock_format_set(line, sizeof line, now, to, src);
	(void)tk_clock_write(dir, TK_CLOCK_SET, line);
	tk_clock_format_time(line, sizeof line, to, TK_CLOCK_SRC_SAVED);
	(void)tk_clock_write(dir, TK_CLOCK_SAVED, line);
	return TK_EXIT_OK;
}

static int tk_clock_apply(const char *dir, int64_t now, int dry)
{
	char buf[256], path[4096];
	enum tk_clock_source src;
	int64_t t;
	int rc;

	if (tk_clock_read(dir, TK_CLOCK_REQUEST, buf, sizeof buf))
		return TK_EXIT_OK; /* nothing asked */
	if (tk_clock_parse_time(buf, &t, &src) || src != TK_CLOCK_SRC_STICK) {
		tk_log(TK_LOG_WARN, "clock: ignoring a malformed %s", TK_CLOCK_REQUEST);
		rc = TK_EXIT_OK;
	} else {
		rc = tk_clock_set(dir, now, t, src, dry);
	}
	snprintf(path, sizeof path, "%s/%s", dir, TK_CLOCK_REQUEST);
	if (!dry)
		unlink(path);
	return rc;
}

int tk_cmd_clock(int argc, char **argv, struct tk_config *cfg)
{
	const char *mode = NULL, *dir = cfg->cache_dir;
	int dry = 0;
	int64_t now;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cache") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--dry-run"))
			dry = 1;
		else if (!mode && (!strcmp(argv[i], "--save") || !strcmp(argv[i], "--restore") ||
				   !strcmp(argv[i], "--apply")))
			mode = argv[i];
		else {
			tk_log(TK_LOG_ERROR, "bad arguments (see: ticker help clock)");
			return TK_EXIT_USAGE;
		}
	}
	if (!mode) {
		tk_log(TK_LOG_ERROR, "clock: say --save, --restore or --apply");
		return TK_EXIT_USAGE;
	}
	/* A test may pretend the clock reads otherwise. */
	now = getenv("TICKER_CLOCK_NOW") ? strtoll(getenv("TICKER_CLOCK_NOW"), NULL, 10)
					 : (int64_t)time(NULL);
	if (!strcmp(mode, "--save"))
		return tk_clock_save(dir, now);
	if (!strcmp(mode, "--restore"))
		return tk_clock_set(dir, now, tk_clock_newest_saved(dir), TK_CLOCK_SRC_SAVED, dry);
	return tk_clock_apply(dir, now, dry);
}
