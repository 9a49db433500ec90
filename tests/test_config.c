/* Configuration: defaults, parsing, validation, whole-or-nothing updates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <string.h>

#include "cache.h"
#include "config.h"
#include "err.h"
#include "log.h"
#include "playlist.h"
#include "testutil.h"

struct reports {
	int n;
	int lines[16];
	char keys[16][64];
};

static void collect(void *ctx, int line, const char *key, const char *msg)
{
	struct reports *r = ctx;

	(void)msg;
	if (r->n < 16) {
		r->lines[r->n] = line;
		strncpy(r->keys[r->n], key, 63);
	}
	r->n++;
}

static void test_defaults(void **state)
{
	struct tk_config c;

	(void)state;
	tk_config_defaults(&c);
	assert_string_equal(c.cache_dir, "/var/lib/ticker/cache");
	assert_int_equal(c.max_file_bytes, 4L << 20);
	assert_int_equal(c.speed, 2);
	assert_int_equal(c.require_signature, TK_AUTO);
}

static void test_parse_good(void **state)
{
	const char *text = "# a comment\n\n  speed = 3  \r\nlayout=crawl\ncrawl_bg = \"#102030\"\n"
			   "require_signature = yes\nlabels = off\nurgent_name = 'ALERT.txt'\n";
	struct tk_config c;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_parse(&c, text, strlen(text), collect, &r), TK_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(c.speed, 3);
	assert_int_equal(c.layout, TK_LAYOUT_CRAWL);
	assert_int_equal(c.crawl_bg, 0x102030ff);
	assert_int_equal(c.require_signature, TK_YES);
	assert_int_equal(c.labels, 0);
	assert_string_equal(c.urgent_name, "ALERT.txt");
}

static void test_parse_reports_every_problem(void **state)
{
	const char *text = "speed = fast\nbogus = 1\nrotation = 45\nno equals sign\n"
			   "speed = 99\ncrawl_fg = #12\nlayout = sideways\nspeed = 4\n";
	struct tk_config c;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_parse(&c, text, strlen(text), collect, &r), TK_EINVAL);
	assert_int_equal(r.n, 7);
	assert_int_equal(r.lines[0], 1);
	assert_string_equal(r.keys[1], "bogus");
	assert_int_equal(r.lines[2], 3);
	assert_int_equal(r.lines[3], 4);
	assert_int_equal(r.lines[6], 7);
	assert_int_equal(c.speed, 4); /* good lines still apply: callers parse into a copy */
}

static void test_set_numbers_strictly(void **state)
{
	struct tk_config c;
	const char *msg = NULL;

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "12abc", &msg), TK_EINVAL);
	assert_non_null(msg);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "", &msg), TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "99999999999999999999999", &msg),
			 TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "1024", &msg), TK_OK);
	assert_int_equal(c.max_file_bytes, 1024);
	assert_int_equal(tk_config_set(&c, "speed", "nan", &msg), TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "speed", "inf", &msg), TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "speed", "0x3", &msg), TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "rotation", "270", &msg), TK_OK);
	assert_int_equal(c.rotation, 270);
}

static void test_dump_round_trips(void **state)
{
	struct tk_config a, b;
	char buf[8192];
	size_t n;

	(void)state;
	tk_config_defaults(&a);
	a.speed = 5;
	a.accent = 0x11223344;
	snprintf(a.font, sizeof a.font, "/usr/share/fonts/my #1.ttf"); /* quoted in the dump */
	n = tk_config_dump(&a, buf, sizeof buf);
	assert_true(n < sizeof buf);
	tk_config_defaults(&b);
	assert_int_equal(tk_config_parse(&b, buf, n, NULL, NULL), TK_OK);
	assert_memory_equal(&a, &b, sizeof a);
}

/* Every row of the key table declares the stick column (an added key that
 * forgets it fails here), and the device keys never come from a stick. */
static void test_every_key_declares_stick_column(void **state)
{
	static const char *const device[] = {
	    "require_signature", "keys_dir",	"cache_dir", "assets_dir", "font", "video_driver",
	    "urgent_name",	 "expire_days", "log_level", "rotation",   NULL};
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < tk_config_key_count(); i++) {
		const char *name = tk_config_key_name(i);
		int may = tk_config_key_stick(i, buf, sizeof buf);

		if (may < 0)
			fail_msg("config key %s does not declare whether a stick may set it", name);
		if (!strncmp(name, "max_", 4))
			assert_int_equal(may, 0);
	}
	for (i = 0; device[i]; i++) {
		size_t j;

		for (j = 0; j < tk_config_key_count(); j++)
			if (!strcmp(tk_config_key_name(j), device[i]))
				break;
		assert_true(j < tk_config_key_count());
		assert_int_equal(tk_config_key_stick(j, buf, sizeof buf), 0);
		assert_string_equal(buf, "device only");
	}
}

/* The attacks of issue 9 item 1: a control character hid a device key from
 * the old deny-list. Now it refuses the whole stick file. */
static void test_stick_control_characters_refuse_file(void **state)
{
	static const char *const attacks[] = {
	    "speed = 3\nrequire_signature\v= no\n",
	    "speed = 3\nkeys_dir\f= /tmp/evil\n",
	    "cache_dir\v= /etc\nspeed = 3\n",
	    "speed = 3\nlabels = no\0\n",
	    "speed = 3\r\r\n",
	    "speed = 3\x1b[2J\n",
	    "speed = 3\x7f\n",
	};
	struct tk_config c, d;

	(void)state;
	tk_config_defaults(&d);
	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		struct reports r = {0};
		size_t len = strlen(attacks[i]);

		if (strstr(attacks[i], "labels = no"))
			len += 2; /* the NUL and the newline after it */
		c = d;
		assert_int_equal(
		    tk_config_parse_from(&c, TK_CONFIG_STICK, attacks[i], len, collect, &r),
		    TK_EINVAL);
		assert_int_equal(r.n, 1); /* one line: the whole file is refused */
		assert_memory_equal(&c, &d, sizeof c);
	}
	/* On the device the same lines are bad lines (no key is trimmed into another). */
	c = d;
	assert_int_equal(tk_config_parse(&c, attacks[0], strlen(attacks[0]), NULL, NULL),
			 TK_EINVAL);
	assert_int_equal(c.require_signature, TK_AUTO);
	assert_int_equal(c.speed, 3);
}

static void test_stick_allow_list(void **state)
{
	static const char *const refused[] = {
	    "require_signature = no\n",
	    "keys_dir = /tmp\n",
	    "cache_dir = /etc\n",
	    "urgent_name = TICKER-MANIFEST\n",
	    "max_articles = 1\n",
	    "expire_days = 1\n",
	    "font = /dev/zero\n",
	    "video_driver = dummy\n",
	    "speed = 17\n",
	    "crawl_height = 1\n",
	    "font_size = 2\n",
	    "card_seconds = 2\n",
	    "crawl_fg = #ffffff00\n",
	    "crawl_fg = #0b1d3a\n",
	    "card_fg = #101418\n",
	    "quotes_per_article = 11\n",
	    "max_file_bytes = 1\n",
	    "log_level = debug\n",
	};
	const char *ok = "\xef\xbb\xbfspeed = 16\r\ncrawl_height = 214\r\nfont_size = 160\r\n"
			 "crawl_bg = #000000 # black\r\ncrawl_fg = #ffff00\r\nlayout = crawl\r\n"
			 "quotes_per_article = 0\r\n";
	struct tk_config c, d;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&d);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		c = d;
		assert_int_equal(tk_config_parse_from(&c, TK_CONFIG_STICK, refused[i],
						      strlen(refused[i]), NULL, NULL),
				 TK_EINVAL);
		/* the device may set each of them (the colours are merely ugly there) */
		c = d;
		if (strncmp(refused[i], "speed = 17", 10) && strncmp(refused[i], "crawl_fg", 8) &&
		    strncmp(refused[i], "card_fg", 7))
			assert_int_equal(
			    tk_config_parse(&c, refused[i], strlen(refused[i]), NULL, NULL), TK_OK);
	}
	c = d;
	assert_int_equal(tk_config_parse_from(&c, TK_CONFIG_STICK, ok, strlen(ok), collect, &r),
			 TK_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(c.speed, 16);
	assert_int_equal(c.font_size, 160);
	assert_int_equal(c.crawl_bg, 0x000000ff);
	assert_int_equal(c.quotes_per_article, 0);
	/* cross-key rules judge what the stick set, not the device's own choices */
	c = d;
	c.crawl_fg = c.crawl_bg;
	assert_int_equal(tk_config_parse_from(&c, TK_CONFIG_STICK, "speed = 4\n", 10, NULL, NULL),
			 TK_OK);
	assert_int_equal(
	    tk_config_parse_from(&c, TK_CONFIG_STICK, "crawl_bg = #0c1d3a\n", 19, NULL, NULL),
	    TK_EINVAL);
}

/* Issue 9 item 10: a stick that names the manifest as its urgent file would
 * make every later signed stick refused. */
static void test_stick_urgent_name_cannot_lock_box(void **state)
{
	const char *text = "urgent_name = TICKER-MANIFEST\n";
	struct tk_config c;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_parse_from(&c, TK_CONFIG_STICK, text, strlen(text), collect, &r),
			 TK_EINVAL);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.keys[0], "urgent_name");
	assert_string_equal(c.urgent_name, "URGENT.txt");
}

static void test_trailing_comments_by_type(void **state)
{
	const char *text = "accent = #f2b705 # yellow\nspeed = 3 # px\nlabels = no#x\n"
			   "font = \"/a b/#c.ttf\" # quoted\ncard_bg = 101418#nospace\n"
			   "video_driver = # none\nurgent_name = 'X.txt' trailing\n";
	struct tk_config c;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&c);
	snprintf(c.video_driver, sizeof c.video_driver, "x11");
	assert_int_equal(tk_config_parse(&c, text, strlen(text), collect, &r), TK_EINVAL);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.lines[0], 3); /* "no#x": a comment needs a blank before it */
	assert_int_equal(r.lines[1], 5);
	assert_int_equal(r.lines[2], 7);
	assert_int_equal(c.accent, 0xf2b705ff);
	assert_int_equal(c.speed, 3);
	assert_string_equal(c.font, "/a b/#c.ttf");
	assert_string_equal(c.video_driver, "");
}

/* ---- the command line: the device file as `ticker` loads it ------------- */

static char tmpdir[64];

/* Run `ticker ARGS` under a 20 s timeout; return its exit status and stderr. */
static int run_ticker(const char *args, char *out, size_t size)
{
	return tu_capture(out, size, "cd %s && timeout 20 %s %s 2>&1 >/dev/null", tmpdir,
			  tu_ticker(), args);
}

static void put(const char *name, const char *text, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static int cli_setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/tk-config-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int cli_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	return system(cmd) ? -1 : 0;
}

/* Issue 9 item 13: a trailing comment is fine; a bad line never blanks the
 * screen (run/snapshot start with defaults for it and a service mark), while
 * `ticker config` and --set still say so and exit 2. */
static void test_cli_bad_device_file(void **state)
{
	const char *conf = "speed = 3 # px per frame\naccent = #f2b705 # yellow\nrotation = 45\n";
	char out[8192], args[512];

	(void)state;
	put("good.conf", conf, (size_t)(strstr(conf, "rotation") - conf));
	assert_int_equal(run_ticker("--config good.conf config", out, sizeof out), 0);
	put("bad.conf", conf, strlen(conf));
	assert_int_equal(run_ticker("--config bad.conf config", out, sizeof out), 2);
	assert_non_null(strstr(out, "bad.conf:3: rotation: must be 0, 90, 180 or 270"));
	assert_int_equal(run_ticker("--set speed=99 config", out, sizeof out), 2);
	assert_non_null(strstr(out, "--set speed=99: out of range"));
	snprintf(args, sizeof args,
		 "--config bad.conf snapshot --at 1 --size 320x180 --cache %s/none "
		 "--assets %s/assets -o shot.png",
		 tmpdir, tu_root());
	assert_int_equal(run_ticker(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "bad.conf:3: rotation"));
	assert_non_null(strstr(out, "service mark on screen"));
	assert_non_null(strstr(out, "ticker " TK_VERSION));
	/* a tampered <cache>/.config (of the final cache_dir) is ignored, never fatal */
	assert_int_equal(mkdir(strcat(strcpy(args, tmpdir), "/cache"), 0700), 0);
	put("cache/.config", "speed = 3\ncache_dir\v= /etc\n", 26);
	snprintf(args, sizeof args,
		 "--set cache_dir=%s/cache snapshot --at 1 --size 320x180 --assets %s/assets "
		 "-o shot.png",
		 tmpdir, tu_root());
	assert_int_equal(run_ticker(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "<cache>/.config:2: control character 0x0b"));
	assert_non_null(strstr(out, "no longer pass the stick rules: ignored"));
}

/* Issue 9 item 17: no hang on a FIFO, no silent cut at 64 KiB, no NaN. */
static void test_cli_fifo_size_nan(void **state)
{
	char out[8192], path[128], args[512], *big;

	(void)state;
	snprintf(path, sizeof path, "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(run_ticker("--config fifo config", out, sizeof out), 2);
	assert_non_null(strstr(out, "fifo: not a regular file"));
	assert_int_equal(run_ticker("extract fifo", out, sizeof out), 3);
	assert_non_null(strstr(out, "not a regular file"));
	snprintf(args, sizeof args,
		 "--set font=%s/fifo snapshot --at 1 --size 320x180 --cache %s/none "
		 "--assets %s/assets -o shot.png",
		 tmpdir, tmpdir, tu_root());
	assert_int_equal(run_ticker(args, out, sizeof out), 0);
	assert_non_null(strstr(out, "not a regular file or corrupt"));
	big = malloc(TK_CONFIG_FILE_MAX + 2);
	assert_non_null(big);
	memset(big, '#', TK_CONFIG_FILE_MAX + 1);
	big[TK_CONFIG_FILE_MAX] = '\n';
	big[TK_CONFIG_FILE_MAX + 1] = '\n';
	put("big.conf", big, TK_CONFIG_FILE_MAX + 2);
	free(big);
	assert_int_equal(run_ticker("--config big.conf config", out, sizeof out), 2);
	assert_non_null(strstr(out, "larger than 64 KiB: refused"));
	assert_int_equal(run_ticker("snapshot --at nan -o x.png", out, sizeof out), 2);
	assert_int_equal(run_ticker("snapshot --at inf -o x.png", out, sizeof out), 2);
	assert_int_equal(run_ticker("record --seconds nan x", out, sizeof out), 2);
	assert_int_equal(run_ticker("snapshot --at 1e7 -o x.png", out, sizeof out), 2);
	assert_int_equal(run_ticker("extract --max-bytes nan x.txt", out, sizeof out), 2);
}

/* Issue 9 item 1: <cache>/.config is on a writable disk; whatever is in it is
 * checked by the stick rules on every load, and a failing file is ignored
 * whole with a service flag, never fatal. */
static void test_stored_stick_settings_rechecked(void **state)
{
	static const char *const tampered[] = {
	    "speed = 3\ncache_dir = /etc\n",	   "speed = 3\nrequire_signature\v= no\n",
	    "keys_dir\f= /tmp\nspeed = 3\n",	   "speed = 3\nurgent_name = TICKER-MANIFEST\n",
	    "speed = 3\nmax_cache_bytes = 1024\n", "speed = 3\ncrawl_height = 1\n",
	};
	struct tk_config c, d;
	struct reports r;

	(void)state;
	tk_config_defaults(&d);
	snprintf(d.cache_dir, sizeof d.cache_dir, "%s", tmpdir);
	for (size_t i = 0; i < sizeof tampered / sizeof tampered[0]; i++) {
		put(".config", tampered[i], strlen(tampered[i]));
		c = d;
		memset(&r, 0, sizeof r);
		assert_int_equal(tk_cache_config_apply(tmpdir, &c, collect, &r), TK_EINVAL);
		assert_true(r.n >= 1);
		assert_int_equal(c.service, TK_SERVICE_STICK_CONF);
		c.service = 0;
		assert_memory_equal(&c, &d, sizeof c); /* nothing of it applied */
	}
	put(".config", "\xef\xbb\xbfspeed = 3\r\n", 14);
	c = d;
	assert_int_equal(tk_cache_config_apply(tmpdir, &c, NULL, NULL), TK_OK);
	assert_int_equal(c.speed, 3);
	assert_int_equal(c.service, 0);
	/* too big to be a settings file: ignored too */
	{
		char *big = calloc(1, TK_CONFIG_FILE_MAX + 2);

		assert_non_null(big);
		memset(big, '\n', TK_CONFIG_FILE_MAX + 1);
		put(".config", big, TK_CONFIG_FILE_MAX + 1);
		free(big);
	}
	c = d;
	assert_int_not_equal(tk_cache_config_apply(tmpdir, &c, NULL, NULL), TK_OK);
	assert_int_equal(c.service, TK_SERVICE_STICK_CONF);
	assert_int_equal(c.speed, d.speed);
	put(".config", "", 0);
}

/* Issue 14: quotes_per_article = 0 (and figures_per_article = 0) means none,
 * on the display as in `ticker extract`, through the one helper per consumer. */
static size_t count_kind(const struct tk_playlist *pl, enum tk_item_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < pl->n_items; i++)
		n += pl->items[i].kind == kind;
	return n;
}

/* The schedule keys must parse; a refused value keeps the old one; device only. */
static void test_schedule_keys(void **state)
{
	struct tk_config c;
	const char *msg;

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(
	    tk_config_set(&c, "screen_on", "Mon-Fri 07:00-19:30, Sat 09:00-13:00", &msg), TK_OK);
	assert_int_equal(tk_config_set(&c, "screen_on", "Mon-Fri 19:30-07:00", &msg), TK_EINVAL);
	assert_non_null(strstr(msg, "not a schedule"));
	assert_string_equal(c.screen_on, "Mon-Fri 07:00-19:30, Sat 09:00-13:00");
	assert_int_equal(tk_config_set(&c, "screen_off_dates", "2026-12-25, 2026-02-30", &msg),
			 TK_EINVAL);
	assert_non_null(strstr(msg, "dates"));
	assert_string_equal(c.screen_off_dates, "");
	assert_int_equal(tk_config_set(&c, "screen_off_dates", "2026-12-25, 2027-01-01", &msg),
			 TK_OK);
	assert_int_equal(
	    tk_config_set_from(&c, TK_CONFIG_STICK, "screen_on", "daily 00:00-01:00", &msg),
	    TK_EINVAL);
	assert_string_equal(c.screen_on, "Mon-Fri 07:00-19:30, Sat 09:00-13:00");
}

static void test_zero_means_zero_everywhere(void **state)
{
	const char *art = "Council opens the new harbour tram line\n\n"
			  "The line will carry 48,000 passengers a day, the operator said.\n"
			  "\"This changes how the east side gets to work,\" said Mayor Ana Ruiz.\n"
			  "Work cost 120 million euros and took three years.\n";
	struct tk_config c;
	struct tk_playlist_opts po;
	struct tk_playlist *pl = NULL;
	char dir[128], out[8192], args[256];

	(void)state;
	snprintf(dir, sizeof dir, "%s/articles", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	put("articles/tram.txt", art, strlen(art));
	tk_config_defaults(&c);
	tk_playlist_opts_from_config(&c, &po);
	assert_int_equal(tk_playlist_load(dir, &po, 1, &pl), TK_OK);
	assert_int_equal(count_kind(pl, TK_ITEM_QUOTE), 1); /* the fixture has what we remove */
	assert_true(count_kind(pl, TK_ITEM_FIGURE) >= 1);
	tk_playlist_unref(pl);
	c.quotes_per_article = 0;
	c.figures_per_article = 0;
	tk_playlist_opts_from_config(&c, &po);
	assert_int_equal(tk_playlist_load(dir, &po, 1, &pl), TK_OK);
	assert_int_equal(pl->n_articles, 1);
	assert_int_equal(count_kind(pl, TK_ITEM_QUOTE), 0);
	assert_int_equal(count_kind(pl, TK_ITEM_FIGURE), 0);
	tk_playlist_unref(pl);
	/* and ticker extract agrees */
	snprintf(args, sizeof args,
		 "--set quotes_per_article=0 --set figures_per_article=0 "
		 "extract --json articles/tram.txt");
	assert_int_equal(
	    tu_capture(out, sizeof out, "cd %s && %s %s 2>/dev/null", tmpdir, tu_ticker(), args),
	    0);
	assert_non_null(strstr(out, "harbour tram"));
	assert_non_null(strstr(out, "\"quotes\":[]"));
	assert_non_null(strstr(out, "\"figures\":[]"));
}

/* The field log's first line names the version and where the settings came
 * from (STYLE.md: log version and configuration source at start-up). */
static void test_startup_log_names_version_and_source(void **state)
{
	char out[4096];

	(void)state;
	put("start.conf", "quotes_per_article = 2\n", 23);
	assert_int_equal(run_ticker("-v --config start.conf config", out, sizeof out), 0);
	assert_non_null(strstr(out, "ticker " TK_VERSION " ("));
	assert_non_null(strstr(out, "config: settings: defaults, start.conf (read)"));
}

/* Live reload (issue 15): which changes recompose, rebuild or reload. */
static void test_changes_classified(void **state)
{
	struct tk_config a, b;

	(void)state;
	tk_config_defaults(&a);
	b = a;
	assert_int_equal(tk_config_changes(&a, &b), 0);
	b.log_level = TK_LOG_DEBUG; /* not on screen */
	assert_int_equal(tk_config_changes(&a, &b), 0);
	b.accent = 0x112233ff;
	assert_int_equal(tk_config_changes(&a, &b), TK_CHANGE_COLOURS);
	b.font_size = 40;
	assert_int_equal(tk_config_changes(&a, &b), TK_CHANGE_COLOURS | TK_CHANGE_LAYOUT);
	b = a;
	b.rotation = 90;
	assert_int_equal(tk_config_changes(&a, &b), TK_CHANGE_LAYOUT);
	b = a;
	b.quotes_per_article = 0;
	assert_int_equal(tk_config_changes(&a, &b), TK_CHANGE_CONTENT);
	b = a;
	b.service |= TK_SERVICE_STICK_CONF;
	assert_int_equal(tk_config_changes(&a, &b), TK_CHANGE_COLOURS);
}

/* Reloading .config starts from the device's values of the stick keys only. */
static void test_copy_stick_keys(void **state)
{
	struct tk_config dev, cur;

	(void)state;
	tk_config_defaults(&dev);
	cur = dev;
	cur.accent = 0x112233ff; /* from a stick */
	cur.speed = 7;		 /* from a stick */
	cur.rotation = 90;	 /* device only: kept */
	snprintf(cur.cache_dir, sizeof cur.cache_dir, "/x");
	tk_config_copy_stick_keys(&cur, &dev);
	assert_int_equal(cur.accent, dev.accent);
	assert_int_equal(cur.speed, dev.speed);
	assert_int_equal(cur.rotation, 90);
	assert_string_equal(cur.cache_dir, "/x");
}

/* firmware/ticker.conf documents every key, its default and its stick column;
 * it is generated from the key table and must not drift from it. */
static void test_shipped_conf_is_current(void **state)
{
	const char *root = tu_root();
	char cmd[1024];

	(void)state;
	snprintf(cmd, sizeof cmd,
		 "%s --config /dev/null config | sh %s/firmware/gen-conf.sh | "
		 "cmp -s - %s/firmware/ticker.conf",
		 tu_ticker(), root, root);
	if (system(cmd))
		fail_msg(
		    "firmware/ticker.conf is stale: regenerate it with\n  %s --config /dev/null "
		    "config | sh firmware/gen-conf.sh > firmware/ticker.conf",
		    tu_ticker());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_parse_reports_every_problem),
	    cmocka_unit_test(test_set_numbers_strictly),
	    cmocka_unit_test(test_dump_round_trips),
	    cmocka_unit_test(test_every_key_declares_stick_column),
	    cmocka_unit_test(test_stick_control_characters_refuse_file),
	    cmocka_unit_test(test_stick_allow_list),
	    cmocka_unit_test(test_stick_urgent_name_cannot_lock_box),
	    cmocka_unit_test(test_trailing_comments_by_type),
	    cmocka_unit_test(test_stored_stick_settings_rechecked),
	    cmocka_unit_test(test_zero_means_zero_everywhere),
	    cmocka_unit_test(test_schedule_keys),
	    cmocka_unit_test(test_cli_bad_device_file),
	    cmocka_unit_test(test_cli_fifo_size_nan),
	    cmocka_unit_test(test_startup_log_names_version_and_source),
	    cmocka_unit_test(test_shipped_conf_is_current),
	    cmocka_unit_test(test_changes_classified),
	    cmocka_unit_test(test_copy_stick_keys),
	};
	return cmocka_run_group_tests_name("config", tests, cli_setup, cli_teardown);
}
