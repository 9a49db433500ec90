/* The display commands: run, snapshot, record, bench. Parses their flags,
 * picks the article directory (the cache, else the bundled demo articles)
 * and hands over to render_app. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "health.h"
#include "log.h"
#include "render_app.h"

static int tk_parse_wh(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10), b;

	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || a < 64 || b < 64 || a > 8192 || b > 8192)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

/* A snapshot plays every frame before the one asked for (about 26 us per
 * virtual second here): one virtual day, a few seconds of work, is the limit. */
#define TK_SNAPSHOT_AT_MAX 86400.0

static int tk_parse_num(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !isfinite(v) || v < 0 || v > 1e7) /* NaN compares false */
		return -1;
	*out = v;
	return 0;
}

static int tk_is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* Common flags; returns 0, or -1 after logging a usage error. */
static int tk_display_args(int argc, char **argv, struct tk_config *cfg, struct tk_display_opts *o,
			   const char **positional)
{
	int cache_given = 0;
	static char demo[TK_CONFIG_PATH_MAX + 8];

	memset(o, 0, sizeof *o);
	o->cfg = cfg;
	o->fps = 60;
	o->seconds = 10;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		double d;

		if (!strcmp(a, "--cache") && v) {
			snprintf(cfg->cache_dir, sizeof cfg->cache_dir, "%s", v);
			cache_given = 1;
			i++;
		} else if (!strcmp(a, "--assets") && v) {
			snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s", v);
			i++;
		} else if ((!strcmp(a, "--size") || !strcmp(a, "--window")) && v) {
			if (tk_parse_wh(v, &o->width, &o->height))
				goto bad;
			if (!strcmp(a, "--window"))
				o->window = 1;
			i++;
		} else if (!strcmp(a, "--headless")) {
			o->headless = 1;
		} else if (!strcmp(a, "-o") && v) {
			o->out = v;
			i++;
		} else if (!strcmp(a, "--at") && v) {
			if (tk_parse_num(v, &o->at) || o->at > TK_SNAPSHOT_AT_MAX)
				goto bad;
			i++;
		} else if (!strcmp(a, "--seconds") && v) {
			if (tk_parse_num(v, &o->seconds) || o->seconds <= 0)
				goto bad;
			i++;
		} else if (!strcmp(a, "--fps") && v) {
			if (tk_parse_num(v, &d) || d < 1 || d > 240)
				goto bad;
			o->fps = (int)d;
			i++;
		} else if (!strcmp(a, "--articles") && v) {
			if (tk_parse_num(v, &d) || d < 1)
				goto bad;
			o->articles = (long)d;
			i++;
		} else if (!strcmp(a, "--renderer") && v) {
			o->renderer = v;
			i++;
		} else if (a[0] != '-' && positional && !*positional) {
			*positional = a;
		} else {
			tk_log(TK_LOG_ERROR, "%s: unexpected argument '%s' (see ticker help %s)",
			       argv[0], a, argv[0]);
			return -1;
		}
		continue;
	bad:
		tk_log(TK_LOG_ERROR, "%s: bad value for %s: '%s'", argv[0], a, v ? v : "");
		return -1;
	}
	/* No cache yet (a dev machine, a fresh checkout): show the demo articles. */
	if (!cache_given && !tk_is_dir(cfg->cache_dir)) {
		snprintf(demo, sizeof demo, "%s/demo", cfg->assets_dir);
		o->dir = demo;
		tk_log(TK_LOG_INFO, "playlist: %s missing: showing the demo articles in %s",
		       cfg->cache_dir, demo);
	} else {
		o->dir = cfg->cache_dir;
	}
	return 0;
}

/* The display's starts and clean stops, counted in the cache for the stick
 * report's "This screen" section (health.h). A cache that cannot be written
 * (a read-only test directory) just goes uncounted. */
static int tk_cmd_run_counted(const struct tk_config *cfg, const struct tk_display_opts *o)
{
	struct tk_health_env env = {"", cfg->cache_dir};
	int counted = o->dir && !strcmp(o->dir, cfg->cache_dir) && !tk_health_note_start(&env);
	int rc = tk_display_run(o);

	if (counted && rc == TK_EXIT_OK)
		(void)tk_health_note_stop(&env);
	return rc;
}

int tk_cmd_run(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_display_opts o;
	int seconds_flag = 0;

	for (int i = 1; i < argc; i++)
		seconds_flag |= !strcmp(argv[i], "--seconds");
	if (tk_display_args(argc, argv, cfg, &o, NULL))
		return TK_EXIT_USAGE;
	/* run goes on until stopped, unless --seconds says otherwise (bench, soak) */
	if (!seconds_flag)
		o.seconds = 0;
	return tk_cmd_run_counted(cfg, &o);
}

int tk_cmd_snapshot(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_display_opts o;

	if (tk_display_args(argc, argv, cfg, &o, NULL))
		return TK_EXIT_USAGE;
	if (!o.out) {
		tk_log(TK_LOG_ERROR, "snapshot: -o OUT.png is required");
		return TK_EXIT_USAGE;
	}
	return tk_display_snapshot(&o);
}

int tk_cmd_record(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_display_opts o;
	const char *dir = NULL;

	if (tk_display_args(argc, argv, cfg, &o, &dir))
		return TK_EXIT_USAGE;
	if (!dir && !o.out) {
		tk_log(TK_LOG_ERROR, "record: an output DIR is required");
		return TK_EXIT_USAGE;
	}
	o.out = dir ? dir : o.out;
	return tk_display_record(&o);
}

int tk_cmd_bench(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_display_opts o;
	int cache_flag = 0;

	for (int i = 1; i < argc; i++)
		cache_flag |= !strcmp(argv[i], "--cache");
	if (tk_display_args(argc, argv, cfg, &o, NULL))
		return TK_EXIT_USAGE;
	/* Without --cache the benchmark generates its articles in memory. */
	if (!cache_flag)
		o.dir = NULL;
	return tk_display_bench(&o);
}
