/* Entry point: global options, configuration, and dispatch to a subcommand.
 * Everything else lives in modules; main only wires them together. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "cmd.h"
#include "config.h"
#include "err.h"
#include "i18n.h"
#include "log.h"
#include "mem.h"

#if !defined(TK_CONFIG_FILE)
#define TK_CONFIG_FILE "/etc/ticker/ticker.conf"
#endif

struct tk_command {
	const char *name;
	int (*fn)(int argc, char **argv, struct tk_config *cfg);
	const char *summary;
	const char *usage;
};

static const struct tk_command tk_commands[] = {
    {"run", tk_cmd_run, "show the ticker on the display (or a PNG when there is none)",
     "usage: ticker run [--cache DIR] [--assets DIR] [--window WxH] [--headless [-o PNG]]\n"
     "                  [--renderer software|opengles2] [--seconds S]\n"
     "\n"
     "Shows the cached articles full screen: KMSDRM on a bare console, a window on a\n"
     "desktop (SDL's software renderer when GL would be software, e.g. llvmpipe; the\n"
     "log and <cache>/.display say which path). With no display at all it renders one\n"
     "frame to a PNG and says where; a DISPLAY no server answers exits 4. Follows\n"
     "imports while running. Ends cleanly on Ctrl-C, SIGTERM or after --seconds.\n"},
    {"snapshot", tk_cmd_snapshot, "render the frame at a given time to a PNG",
     "usage: ticker snapshot [--at SECONDS] [--size WxH] [--cache DIR] [--assets DIR]\n"
     "                       [--renderer software|opengles2] -o OUT.png\n"
     "\n"
     "Renders exactly the frame shown SECONDS (at most 86400) after start on a virtual\n"
     "clock, with the software renderer: the same inputs always give the same pixels.\n"
     "--renderer opengles2 renders with GL instead (offscreen), for comparison.\n"},
    {"preview", tk_cmd_preview, "contact sheet PNG of what the screen will show for DIR",
     "usage: ticker preview DIR -o SHEET.png [--size WxH]\n"
     "\n"
     "Renders, without importing, the first four cards the screen will show for the\n"
     "articles in DIR (each with the crawl band and any URGENT.txt notice), at half\n"
     "size in a 2x2 grid: a sheet of the screen's geometry (default 1920x1080).\n"},
    {"record", tk_cmd_record, "render a run of frames to PNG files",
     "usage: ticker record [--fps N] [--seconds S] [--size WxH] [--cache DIR] [--assets DIR] DIR\n"
     "\n"
     "Writes frame-00000.png, frame-00001.png, ... into DIR.\n"},
    {"bench", tk_cmd_bench, "measure rendering cost headless and print figures",
     "usage: ticker bench [--seconds S] [--articles N | --cache DIR] [--size WxH]\n"
     "                    [--renderer software|opengles2]\n"
     "\n"
     "Renders unpaced frames headless with the worker thread running, as run does, and\n"
     "prints frame CPU time (median, p99, max), allocations per steady-state frame,\n"
     "textures alive, peak RSS and time to first frame. --articles N generates N\n"
     "articles; figures only, never a pass/fail verdict.\n"},
    {"extract", tk_cmd_extract, "read article files and print headlines, quotes and figures",
     "usage: ticker extract [--json] [--all] [--figures-only] [--max-bytes N] FILE...\n"
     "\n"
     "Reads .txt, .md, .html, RSS and Atom files (format and encoding are sniffed)\n"
     "and prints each article's headline, attributed quotations and key figures.\n"
     "  --json       one JSON object per article per line\n"
     "  --all        every quotation and figure found, not only the ranked best\n"
     "  --figures-only  each line of FILE (- for stdin) is one paragraph: print\n"
     "               every figure found in it as JSON, one line per input line;\n"
     "               --lang LL gives the text's language (en, fr, de, es)\n"
     "  --max-bytes  refuse files larger than this (default 4 MiB)\n"
     "Exit status: 0 all files read, 1 some refused, 3 all refused, 2 usage.\n"},
    {"import", tk_cmd_import, "import article files from a USB stick into the cache",
     "usage: ticker import SRC [--cache DIR] [--report FILE | --no-report] [--no-preview]\n"
     "       ticker import [--expire] [--rebuild] [--cache DIR]\n"
     "       ticker import --not-read REASON [--cache DIR]   (banner: a stick not mounted)\n"
     "\n"
     "Imports the article files of the stick mounted at SRC into the cache\n"
     "(cache_dir). A REPLACE file at the stick's top makes its articles the whole\n"
     "new set, CLEAR empties the ticker first, URGENT.txt (urgent_name) shows an\n"
     "urgent notice for urgent_hours, ticker.conf changes settings (all or none).\n"
     "Writes TICKER-REPORT.txt to SRC (or FILE): every file and what happened to it.\n"
     "Before it, TICKER-PREVIEW.png: the first cards as the screen now shows them, at\n"
     "its last-known size (not with --no-preview or --no-report, or stick_preview = no).\n"
     "With trusted keys in keys_dir only signed sticks are accepted (ticker sign).\n"
     "Exit status: 0 all imported, 1 some files refused or the stick not read to\n"
     "the end, 3 stick refused (nothing changed), 5 cache failure (disk full, I/O).\n"
     "--expire only drops articles older than expire_days (for a daily timer).\n"
     "--rebuild (also implied by --expire) brings the display's records in\n"
     "<cache>/.records up to date: missing ones, and all of them when the binary\n"
     "or an extraction setting changed (run at boot before the display).\n"},
    {"keygen", tk_cmd_keygen, "make a minisign key pair for signed drops",
     "usage: ticker keygen NAME\n"
     "\n"
     "Writes NAME.key (secret, minisign format without a password: keep it off the\n"
     "stick) and NAME.pub (install it on each ticker in keys_dir, /etc/ticker/keys.d/).\n"
     "Refuses if either file exists. A key made by minisign -G works the same.\n"},
    {"clock", tk_cmd_clock, "keep the clock of a box without a real-time clock",
     "usage: ticker clock --save | --restore | --apply [--cache DIR] [--dry-run]\n"
     "\n"
     "The clock only moves forward, to a time the box trusts (run by systemd units):\n"
     "  --save     remember the current time in <cache>/.clock (hourly)\n"
     "  --restore  at boot, set the clock forward to the newest time remembered\n"
     "  --apply    set it forward to the signing time of the last signed stick\n"
     "             (<cache>/.clock-request, written by ticker import)\n"
     "Setting the clock needs CAP_SYS_TIME. --dry-run says what it would do.\n"},
    {"update", tk_cmd_update, "install a signed software update from a stick",
     "usage: ticker update --from DIR [--app DIR]\n"
     "\n"
     "Installs DIR/TICKER-UPDATE (the ticker binary and VERSION, signed with\n"
     "`ticker sign --key UPDATE.key TICKER-UPDATE` by a key in update_keys_dir,\n"
     "not a content key) into the inactive slot of app_dir. Its sequence must be\n"
     "above the one installed. The new version runs from the next start of\n"
     "`ticker supervise` and stays only if it shows a frame within 3 starts.\n"
     "Exit status: 0 installed or no update on the stick, 3 refused, 5 failure.\n"},
    {"supervise", tk_cmd_supervise, "start the installed version (A/B updates), then run",
     "usage: ticker supervise [run options]\n"
     "\n"
     "What ticker.service starts on the appliance image: picks the application slot\n"
     "(a new version on trial for 3 starts in 5 minutes, else back to the previous\n"
     "one), re-checks its signature, and runs it as `ticker run`.\n"},
    {"sign", tk_cmd_sign, "sign a directory of articles for import",
     "usage: ticker sign --key NAME.key [--sequence N] [--recover STATE]\n"
     "                   [--add-key NEW.pub] [--revoke KEYID] DIR\n"
     "\n"
     "Writes DIR/TICKER-MANIFEST (a sequence number, then the SHA-256 of every file)\n"
     "and DIR/TICKER-MANIFEST.minisig (minisign signature). The sequence is one more\n"
     "than the last one in NAME.seq, unless --sequence says; a ticker refuses a stick\n"
     "older than the newest it accepted from the key. --recover STATE (the state id\n"
     "in the ticker's report) makes a recovery stick for that ticker as it is now.\n"
     "--add-key / --revoke change the ticker's trusted keys. Refuses a directory\n"
     "holding a secret key, or one it cannot list whole. Sign again after changes.\n"},
};
#define TK_NCOMMANDS (sizeof tk_commands / sizeof tk_commands[0])

static const struct tk_command *tk_find_command(const char *name)
{
	for (size_t i = 0; i < TK_NCOMMANDS; i++)
		if (!strcmp(tk_commands[i].name, name))
			return &tk_commands[i];
	return NULL;
}

int tk_cmd_usage(const char *name)
{
	const struct tk_command *c = tk_find_command(name);

	if (!c)
		return -1;
	fputs(c->usage, stdout);
	return 0;
}

static void tk_main_help(FILE *f)
{
	fprintf(f, "usage: ticker [--config FILE] [--set KEY=VALUE]... [-v|-q] COMMAND [ARGS]\n\n"
		   "A headline ticker for lobby screens.\n\ncommands:\n");
	for (size_t i = 0; i < TK_NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", tk_commands[i].name, tk_commands[i].summary);
	fprintf(f, "  %-10s %s\n", "config", "print the effective configuration and every key");
	fprintf(f, "  %-10s %s\n", "help", "help COMMAND: usage of one command");
	fprintf(f,
		"\noptions:\n"
		"  --config FILE    configuration file (default " TK_CONFIG_FILE ", if present)\n"
		"  --set KEY=VALUE  override one configuration key (repeatable)\n"
		"  -v, --verbose    debug logging;  -q, --quiet: errors only\n"
		"  --version        print the version\n"
		"\nexit status:\n"
		"  0 success   1 partial (some inputs refused)   2 usage or configuration error\n"
		"  3 refused (nothing done)   4 no display   5 runtime failure (I/O, memory)\n");
}

static void tk_config_report(void *ctx, int line, const char *key, const char *msg)
{
	const char *path = ctx;

	if (line)
		tk_log(TK_LOG_ERROR, "%s:%d: %s%s%s", path, line, key, *key ? ": " : "", msg);
	else
		tk_log(TK_LOG_ERROR, "%s: %s%s%s", path, key, *key ? ": " : "", msg);
}

/* Read a configuration file whole: a regular file only (opened non-blocking,
 * so a FIFO cannot hang start-up), at most TK_CONFIG_FILE_MAX bytes (a bigger
 * one is refused, never cut). A missing default file is fine (*out NULL). */
static int tk_read_config_file(const char *path, int must_exist, char **out, size_t *len)
{
	const char *why;
	int os_err, err;

	*out = NULL;
	*len = 0;
	if (!strcmp(path, "/dev/null")) /* the usual "no configuration file" */
		return TK_OK;
	err = tk_buf_read_file(path, TK_CONFIG_FILE_MAX, out, len, &why, &os_err);
	if (err == TK_ENOENT && !must_exist)
		return TK_OK;
	if (err == TK_EINVAL) {
		tk_log(TK_LOG_ERROR, "%s: not a regular file: not read", path);
	} else if (err == TK_EIO && !strcmp(why, "read error")) {
		tk_log(TK_LOG_ERROR, "%s: read error: %s", path, strerror(os_err));
	} else if (err == TK_ENOENT || err == TK_EIO) {
		tk_log(TK_LOG_ERROR, "%s: %s", path, strerror(os_err));
	} else if (!err && *len > TK_CONFIG_FILE_MAX) {
		tk_log(TK_LOG_ERROR,
		       "%s: larger than %u KiB: refused (a configuration file is never cut)", path,
		       TK_CONFIG_FILE_MAX / 1024);
		err = TK_ETOOBIG;
	}
	if (err) {
		tk_free(*out);
		*out = NULL;
		*len = 0;
	}
	return err;
}

/* Load a configuration file into cfg: good lines apply, bad ones are reported
 * (and keep their defaults). Returns TK_OK, or the first problem. */
static int tk_load_config_file(struct tk_config *cfg, const char *path, int must_exist)
{
	char *buf = NULL;
	size_t n;
	int err = tk_read_config_file(path, must_exist, &buf, &n);

	if (!err && buf)
		err = tk_config_parse(cfg, buf, n, tk_config_report, (void *)path);
	tk_free(buf);
	return err;
}

/* Commands that show the ticker: a bad ticker.conf must never blank the
 * screen, so they start with the defaults for what was bad, and a service mark. */
static int tk_is_display_command(const char *name)
{
	return !strcmp(name, "run") || !strcmp(name, "snapshot") || !strcmp(name, "preview") ||
	       !strcmp(name, "record");
}

/* Commands that go on after a bad ticker.conf (with TK_SERVICE_DEVICE_CONF set):
 * the display, and import, which then refuses the stick with a report saying why. */
static int tk_goes_on_after_bad_file(const char *name)
{
	return tk_is_display_command(name) || !strcmp(name, "import");
}

/* The device file. Its errors are fatal except for the commands that go on
 * (then TK_SERVICE_DEVICE_CONF is set). Returns TK_OK or the error. */
static int tk_load_device_settings(struct tk_config *cfg, const char *path, int must_exist,
				   const char *cmd)
{
	int err = tk_load_config_file(cfg, path, must_exist);

	if (err && !(cmd && tk_goes_on_after_bad_file(cmd)))
		return err;
	if (err) {
		cfg->service |= TK_SERVICE_DEVICE_CONF;
		tk_log(TK_LOG_ERROR, "%s: %s; `ticker config` checks the file", path,
		       tk_is_display_command(cmd) ? "starting with the defaults for what was bad "
						    "above (service mark on screen)"
						  : "nothing will be imported until it is fixed");
	}
	return TK_OK;
}

/* For the display commands, the settings the last USB stick brought (kept by
 * `ticker import` in <cache_dir>/.config, checked by the stick rules on every
 * load), from the final cache_dir; then the start-up log line. Import applies
 * them on its own terms. */
static void tk_load_stick_settings(struct tk_config *cfg, const char *path, const char *cmd)
{
	int display = cmd && tk_is_display_command(cmd), stick = TK_OK;

	if (display)
		stick = tk_cache_config_apply(cfg->cache_dir, cfg, tk_config_report,
					      (void *)"<cache>/.config");
	if (stick)
		tk_log(TK_LOG_WARN, "settings from the last USB stick no longer pass the stick "
				    "rules: ignored (service mark on screen)");
	/* The field log's first line: what ran, and where its settings came from. */
	tk_log(cmd && tk_goes_on_after_bad_file(cmd) ? TK_LOG_INFO : TK_LOG_DEBUG,
	       "ticker %s (%s) %s: settings: defaults, %s (%s)%s", TK_VERSION, TK_GITREV,
	       cmd ? cmd : "", path,
	       cfg->service & TK_SERVICE_DEVICE_CONF ? "bad lines left at their defaults"
	       : access(path, F_OK)		     ? "absent"
						     : "read",
	       !display ? ""
	       : stick	? ", <cache>/.config (ignored), --set"
			: ", <cache>/.config if a stick left one, --set");
}

static int tk_cmd_config(const struct tk_config *cfg)
{
	char buf[8192];

	tk_config_dump(cfg, buf, sizeof buf);
	fputs(buf, stdout);
	printf("\n# keys:\n");
	for (size_t i = 0; i < tk_config_key_count(); i++) {
		char stick[80];

		tk_config_key_stick(i, stick, sizeof stick);
		printf("#   %-20s %s [%s]\n", tk_config_key_name(i), tk_config_key_help(i), stick);
	}
	return TK_EXIT_OK;
}

/* --set KEY=VALUE: one key, as the device may set it. Returns 0 or -1 (logged). */
static int tk_main_set(struct tk_config *cfg, const char *arg)
{
	char key[64];
	const char *eq = strchr(arg, '='), *msg;
	size_t kl = eq ? (size_t)(eq - arg) : 0;

	if (!eq || kl >= sizeof key) {
		tk_log(TK_LOG_ERROR, "--set %s: expected KEY=VALUE", arg);
		return -1;
	}
	memcpy(key, arg, kl);
	key[kl] = '\0';
	if (tk_config_set(cfg, key, eq + 1, &msg)) {
		tk_log(TK_LOG_ERROR, "--set %s: %s", arg, msg);
		return -1;
	}
	return 0;
}

/* `ticker help [COMMAND]`. */
static int tk_main_help_command(const char *name)
{
	if (!name) {
		tk_main_help(stdout);
		return TK_EXIT_OK;
	}
	if (!strcmp(name, "config")) {
		printf("usage: ticker config\n\nPrints every configuration key, its value, its "
		       "meaning and what a USB stick may set.\n");
		return TK_EXIT_OK;
	}
	if (tk_cmd_usage(name)) {
		fprintf(stderr, "ticker: no command '%s' (see ticker --help)\n", name);
		return TK_EXIT_USAGE;
	}
	return TK_EXIT_OK;
}

/* The timezone setting: a tz database name that exists on this system
 * (no paths: "../" or "/etc/x" are refused). Process-wide, before any command. */
static void tk_main_timezone(const struct tk_config *cfg)
{
	const char *tz = cfg->timezone;
	char path[128];
	struct stat st;

	if (!tz[0])
		return;
	if (tz[0] == '/' || strstr(tz, "..") ||
	    strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/") !=
		strlen(tz)) {
		tk_log(TK_LOG_WARN, "timezone \"%s\" is not a time zone name: using the system's",
		       tz);
		return;
	}
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	if (stat(path, &st) || !S_ISREG(st.st_mode)) {
		tk_log(TK_LOG_WARN, "timezone \"%s\" is not known here (no %s): using the system's",
		       tz, path);
		return;
	}
	setenv("TZ", tz, 1);
	tzset();
}

int main(int argc, char **argv)
{
	struct tk_config cfg, device;
	const char *config_path = NULL;
	const struct tk_command *cmd;
	int i, quiet = 0, must_exist;

	tk_mem_init();
	tk_config_defaults(&cfg);
	if (getenv("TICKER_CONFIG"))
		config_path = getenv("TICKER_CONFIG");

	/* First pass: find --config and the log level, so the file loads before --set. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			config_path = argv[++i];
		else if (!strcmp(argv[i], "--set"))
			i++;
		else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			quiet = 1;
	}
	if (quiet)
		tk_log_set_level(TK_LOG_ERROR);
	must_exist = config_path != NULL;
	if (!config_path)
		config_path = TK_CONFIG_FILE;
	if (tk_load_device_settings(&cfg, config_path, must_exist, i < argc ? argv[i] : NULL))
		return TK_EXIT_USAGE;
	tk_log_set_level((enum tk_log_level)cfg.log_level);

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			tk_main_help(stdout);
			return TK_EXIT_OK;
		} else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			printf("ticker %s (%s)\n", TK_VERSION, TK_GITREV);
			return TK_EXIT_OK;
		} else if (!strcmp(a, "--config") && i + 1 < argc) {
			i++;
		} else if (!strcmp(a, "--set") && i + 1 < argc) {
			if (tk_main_set(&cfg, argv[++i]))
				return TK_EXIT_USAGE;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			cfg.log_level = TK_LOG_DEBUG;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			cfg.log_level = TK_LOG_ERROR;
		} else {
			fprintf(stderr, "ticker: unknown option '%s' (see ticker --help)\n", a);
			return TK_EXIT_USAGE;
		}
	}
	tk_log_set_level((enum tk_log_level)cfg.log_level);
	/* Stick settings from the final cache_dir; --set again after them: the
	 * operator's word is last. */
	device = cfg; /* a display reloading <cache>/.config applies it over these */
	cfg.device = &device;
	tk_load_stick_settings(&cfg, config_path, i < argc ? argv[i] : NULL);
	for (int j = 1; j < i; j++)
		if (!strcmp(argv[j], "--set") && j + 1 < i)
			tk_main_set(&cfg, argv[++j]);
		else if (!strcmp(argv[j], "--config"))
			j++;
	if (i >= argc) {
		tk_main_help(stderr);
		return TK_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help"))
		return tk_main_help_command(i + 1 < argc ? argv[i + 1] : NULL);
	if (!strcmp(argv[i], "config"))
		return tk_cmd_config(&cfg);
	cmd = tk_find_command(argv[i]);
	if (!cmd) {
		fprintf(stderr, "ticker: no command '%s' (see ticker --help)\n", argv[i]);
		return TK_EXIT_USAGE;
	}
	for (int j = i + 1; j < argc; j++)
		if (!strcmp(argv[j], "--help") || !strcmp(argv[j], "-h")) {
			fputs(cmd->usage, stdout);
			return TK_EXIT_OK;
		}
	tk_main_timezone(&cfg);
	/* The catalog's environment is set here, before any thread exists;
	 * later selections change it only if a command's own --assets moves it. */
	tk_i18n_select(cfg.assets_dir, cfg.language);
	return cmd->fn(argc - i, argv + i, &cfg);
}
