/* `ticker import`, `ticker keygen`, `ticker sign`: argument handling and
 * messages around the import and sign modules. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "cmd.h"
#include "err.h"
#include "i18n.h"
#include "import.h"
#include "import_trust.h"
#include "log.h"
#include "mem.h"
#include "preview.h"
#include "render.h"
#include "recstore.h"
#include "sign.h"

/* tk_cmd_usage lives in main.c, which tests do not link: point to it instead. */
static int tk_cmd_import_usage(const char *name)
{
	tk_log(TK_LOG_ERROR, "bad arguments (see: ticker help %s)", name);
	return TK_EXIT_USAGE;
}

/* `ticker import --expire` / `--rebuild`: without a stick, drop articles
 * older than expire_days (for a daily timer: a ticker may run for months
 * between sticks) and bring the display's records up to date (at boot,
 * before the display starts: a new binary or new settings rebuild them). */
static int tk_cmd_maintain(struct tk_config *cfg, int expire)
{
	struct tk_cache *c = NULL;
	struct tk_cache_limits lim;
	struct tk_recstore_opts ro = {0, 0};
	struct tk_recstore_stats st;
	size_t n = 0;
	int err;

	tk_cache_config_apply(cfg->cache_dir, cfg, NULL, NULL);
	err = tk_cache_open(cfg->cache_dir, &c);
	if (err) {
		tk_log(TK_LOG_ERROR, "import: cannot open the cache %s: %s", cfg->cache_dir,
		       err == TK_EBUSY ? "another import is running" : tk_strerror(err));
		return TK_EXIT_FAIL;
	}
	lim.max_articles = cfg->max_articles;
	lim.max_bytes = cfg->max_cache_bytes;
	lim.now = (int64_t)time(NULL);
	/* A clock that jumped far ahead expires nothing until an import confirms it. */
	lim.expire_days = tk_import_trust_expire_ok(c, cfg, lim.now) ? cfg->expire_days : 0;
	err = expire ? tk_cache_expire(c, &lim, &n) : TK_OK;
	if (err) {
		tk_log(TK_LOG_ERROR, "import: expiry failed: %s", tk_strerror(err));
		goto out;
	}
	if (expire)
		tk_log(TK_LOG_INFO,
		       "import: expired %zu article file%s (older than %ld days or over the "
		       "limits)",
		       n, n == 1 ? "" : "s", cfg->expire_days);
	ro.max_file_bytes = (size_t)cfg->max_file_bytes;
	err = tk_recstore_sync(c, &ro, &st);
	if (!err && (st.built || st.removed || n))
		err = tk_cache_bump_generation(c);
	if (err)
		tk_log(TK_LOG_ERROR, "import: records: %s", tk_strerror(err));
	else
		tk_log(TK_LOG_INFO,
		       "import: records: %zu listed, %zu built (%zu refused), %zu kept, %zu "
		       "removed%s",
		       st.records, st.built, st.refused, st.kept, st.removed,
		       st.fp_changed ? " (extractor, binary or settings changed)" : "");
out:
	tk_cache_close(c);
	return err ? TK_EXIT_FAIL : TK_EXIT_OK;
}

/* The reasons firmware/libexec/ticker-usb-import gives, word for word, so
 * that the catalogs translate them (another reason shows as given). */
const char *const tk_cmd_not_read_reasons[] = {
    /* TRANSLATORS: why a USB stick was not read (after "USB stick not read: ") */
    N_("this ticker takes FAT or exFAT sticks only (format it as FAT32 or exFAT)"),
    /* TRANSLATORS: why a USB stick was not read (after "USB stick not read: ") */
    N_("the stick could not be opened (damaged? check it on a computer)"),
    NULL,
};

/* `ticker import --not-read REASON`: the USB helper would not mount a stick
 * (a filesystem switched off, a damaged stick): say so on screen, calmly,
 * as "USB stick not read: REASON", for as long as an import's summary. */
static int tk_cmd_not_read(struct tk_config *cfg, const char *reason)
{
	struct tk_cache *c = NULL;
	char text[256];
	int err;

	tk_i18n_select(cfg->assets_dir, cfg->language);
	/* TRANSLATORS: note in a corner of the screen; %s is the reason (below) */
	snprintf(text, sizeof text, _("USB stick not read: %s"), _(reason));
	err = tk_cache_open(cfg->cache_dir, &c);
	if (!err)
		err = tk_cache_set_banner(c, (int64_t)time(NULL) + TK_IMPORT_BANNER_SECONDS, text);
	tk_cache_close(c);
	if (err) {
		tk_log(TK_LOG_ERROR, "import: cannot show \"%s\": %s", text, tk_strerror(err));
		return TK_EXIT_FAIL;
	}
	tk_log(TK_LOG_INFO, "import: %s", text);
	return TK_EXIT_OK;
}

/* The importer's preview hook: the sheet `ticker preview` draws, from the
 * cache's records as they are after the import, at the screen's last-known
 * size; the status banner is left out (it still says "Importing"). */
static int tk_cmd_import_preview(const struct tk_config *cfg, void **png, size_t *len)
{
	struct tk_preview_req rq = {cfg, cfg->cache_dir, 0, 0, 1};

	tk_preview_screen_size(cfg, &rq.width, &rq.height);
	return tk_preview_png(&rq, png, len);
}

/* The importer's urgent-notice check: laid out as the screen would. */
static int tk_cmd_import_urgent_fit(const struct tk_config *cfg, const char *text, int *lines,
				    int *size_pct, int *cut)
{
	struct tk_urgent_fit f;
	int err = tk_preview_urgent_fit(cfg, text, &f);

	if (err)
		return err;
	*lines = f.lines;
	*size_pct = f.pct;
	*cut = f.cut;
	return TK_OK;
}

static void tk_cmd_import_on_signal(int sig)
{
	(void)sig;
	tk_import_request_stop();
}

int tk_cmd_import(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_import_opts o = {NULL, 0, tk_cmd_import_preview, tk_cmd_import_urgent_fit};
	struct tk_import_summary sum;
	const char *src = NULL, *not_read = NULL;
	int err, expire = 0, rebuild = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cache") && i + 1 < argc) {
			if (strlen(argv[++i]) >= sizeof cfg->cache_dir) {
				tk_log(TK_LOG_ERROR, "--cache: path too long");
				return TK_EXIT_USAGE;
			}
			snprintf(cfg->cache_dir, sizeof cfg->cache_dir, "%s", argv[i]);
		} else if (!strcmp(argv[i], "--report") && i + 1 < argc) {
			o.report_path = argv[++i];
		} else if (!strcmp(argv[i], "--no-report")) {
			o.report_path = "";
		} else if (!strcmp(argv[i], "--no-preview")) {
			o.preview = NULL;
		} else if (!strcmp(argv[i], "--expire")) {
			expire = 1;
		} else if (!strcmp(argv[i], "--not-read") && i + 1 < argc) {
			not_read = argv[++i];
		} else if (!strcmp(argv[i], "--rebuild")) {
			rebuild = 1;
		} else if (argv[i][0] == '-' || src) {
			return tk_cmd_import_usage(argv[0]);
		} else {
			src = argv[i];
		}
	}
	if (not_read && !src && !expire && !rebuild)
		return tk_cmd_not_read(cfg, not_read);
	if (expire && !src && !not_read && (cfg->service & TK_SERVICE_DEVICE_CONF)) {
		tk_log(TK_LOG_ERROR, "import: --expire: not with a bad settings file (see above)");
		return TK_EXIT_USAGE;
	}
	if ((expire || rebuild) && !src && !not_read)
		return tk_cmd_maintain(cfg, expire);
	if (!src || expire || rebuild || not_read)
		return tk_cmd_import_usage(argv[0]);
	{
		/* No SA_RESTART: a read blocked on a vanishing stick returns at once. */
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = tk_cmd_import_on_signal;
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
	}
	err = tk_import_run(src, cfg, &o, &sum);
	if (err == TK_ENOENT || err == TK_EINVAL)
		return TK_EXIT_USAGE;
	if (err && sum.report_written)
		printf("nothing imported: see the report %s%s%s\n",
		       o.report_path ? o.report_path : src, o.report_path ? "" : "/",
		       o.report_path ? "" : TK_IMPORT_REPORT);
	if (!err) {
		char *see = strstr(sum.banner, " — see ");

		if (see && !sum.report_written)
			*see = '\0'; /* no report was written: do not point to one */
		printf("%s\n", sum.banner);
		if (sum.report_written)
			printf("report: %s%s%s\n", o.report_path ? o.report_path : src,
			       o.report_path ? "" : "/", o.report_path ? "" : TK_IMPORT_REPORT);
	}
	return sum.exit_code;
}

int tk_cmd_keygen(int argc, char **argv, struct tk_config *cfg)
{
	int err;

	(void)cfg;
	if (argc != 2 || argv[1][0] == '-')
		return tk_cmd_import_usage(argv[0]);
	err = tk_sign_keygen(argv[1]);
	if (err == TK_EINVAL) {
		tk_log(TK_LOG_ERROR,
		       "keygen: %s.key or %s.pub already exists (a key is never overwritten: "
		       "remove both or choose another name), or the name is empty",
		       argv[1], argv[1]);
		return TK_EXIT_USAGE;
	}
	if (err) {
		tk_log(TK_LOG_ERROR, "keygen: cannot write %s.key / %s.pub: %s", argv[1], argv[1],
		       tk_strerror(err));
		return TK_EXIT_FAIL;
	}
	printf("wrote %s.key: the SECRET key (minisign format, no password). Keep it on your "
	       "computer, never on the stick.\n"
	       "wrote %s.pub: the public key. Install it on each ticker as "
	       "/etc/ticker/keys.d/%s.pub\n",
	       argv[1], argv[1], strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1]);
	return TK_EXIT_OK;
}

int tk_cmd_sign(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_sign_opts o = {0, NULL, NULL, NULL};
	struct tk_sign_result *res = NULL;
	const char *key = NULL, *dir = NULL;
	int err, rc = TK_EXIT_OK;

	(void)cfg;
	for (int i = 1; i < argc; i++) {
		char *end = NULL;

		if (!strcmp(argv[i], "--key") && i + 1 < argc)
			key = argv[++i];
		else if (!strcmp(argv[i], "--sequence") && i + 1 < argc) {
			o.sequence = strtoull(argv[++i], &end, 10);
			if (*end || !o.sequence || argv[i][0] < '1' || argv[i][0] > '9')
				return tk_cmd_import_usage(argv[0]);
		} else if (!strcmp(argv[i], "--recover") && i + 1 < argc)
			o.recover = argv[++i];
		else if (!strcmp(argv[i], "--add-key") && i + 1 < argc)
			o.add_key = argv[++i];
		else if (!strcmp(argv[i], "--revoke") && i + 1 < argc)
			o.revoke_key = argv[++i];
		else if (argv[i][0] == '-' || dir)
			return tk_cmd_import_usage(argv[0]);
		else
			dir = argv[i];
	}
	if (!key || !dir)
		return tk_cmd_import_usage(argv[0]);
	res = tk_malloc(sizeof *res);
	if (!res)
		return TK_EXIT_FAIL;
	err = tk_sign_dir_opts(dir, key, &o, res);
	if (res->warning[0])
		tk_log(TK_LOG_WARN, "sign: warning: %s", res->warning);
	if (err) {
		tk_log(TK_LOG_ERROR, "sign: nothing was written: %s",
		       res->what[0] ? res->what : tk_strerror(err));
		rc = err == TK_EPARSE || err == TK_EUNSUPP || err == TK_EINVAL ? TK_EXIT_USAGE
									       : TK_EXIT_FAIL;
		goto out;
	}
	printf("signed %zu file%s in %s with sequence %llu: wrote %s and %s\n"
	       "Any change to the files after this makes the ticker refuse the stick: sign again "
	       "after editing.\n",
	       res->nfiles, res->nfiles == 1 ? "" : "s", dir, (unsigned long long)res->sequence,
	       TK_SIGN_MANIFEST, TK_SIGN_SIGNATURE);
out:
	tk_free(res);
	return rc;
}
