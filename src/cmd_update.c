/* `ticker update --from DIR`: install a signed TICKER-UPDATE folder into the
 * inactive application slot (update.h). `ticker supervise [ARGS]`: what
 * ticker.service starts on the appliance image: choose the slot (a new one on
 * trial, or switch back after it failed), then become it (`run ARGS`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "err.h"
#include "log.h"
#include "sign.h"
#include "update.h"

int tk_cmd_update(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_keyring *ring = NULL;
	struct tk_update_result res = {0};
	const char *from = NULL;
	size_t bad = 0;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--from") && i + 1 < argc)
			from = argv[++i];
		else if (!strcmp(argv[i], "--app") && i + 1 < argc)
			snprintf(cfg->app_dir, sizeof cfg->app_dir, "%s", argv[++i]);
		else {
			tk_log(TK_LOG_ERROR, "bad arguments (see: ticker help update)");
			return TK_EXIT_USAGE;
		}
	}
	if (!from) {
		tk_log(TK_LOG_ERROR, "update: say --from DIR (the stick)");
		return TK_EXIT_USAGE;
	}
	err = tk_sign_keyring_load(cfg->update_keys_dir, &ring, &bad);
	if (!err)
		err = tk_update_install(from, cfg->app_dir, cfg->cache_dir, ring, &res);
	tk_sign_keyring_free(ring);
	if (err == TK_ENOMEM) {
		tk_log(TK_LOG_ERROR, "update: out of memory");
		return TK_EXIT_FAIL;
	}
	if (!res.found)
		return TK_EXIT_OK;
	tk_log(res.installed ? TK_LOG_INFO : TK_LOG_WARN, "update: %s", res.message);
	printf("%s\n", res.message);
	if (res.installed)
		return TK_EXIT_OK;
	return err == TK_EIO ? TK_EXIT_FAIL : TK_EXIT_REFUSED;
}

/* The slot must still be exactly what the update key signed. */
static int tk_supervise_check(const struct tk_config *cfg, struct tk_app_state *st,
			      enum tk_slot slot)
{
	struct tk_keyring *ring = NULL;
	struct tk_update_result res = {0};
	size_t bad = 0;
	int err = tk_sign_keyring_load(cfg->update_keys_dir, &ring, &bad);

	if (!err)
		err = tk_update_check_slot(cfg->app_dir, slot, ring, &res);
	tk_sign_keyring_free(ring);
	if (err) {
		snprintf(st->note, sizeof st->note,
			 "slot %s refused at start (%.80s): the built-in version runs",
			 tk_slot_name(slot), res.message[0] ? res.message : tk_strerror(err));
		tk_log(TK_LOG_ERROR, "supervise: %s", st->note);
	}
	return err;
}

int tk_cmd_supervise(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_app_state st;
	enum tk_slot slot, was;
	char path[4096], ready[4096];
	int loaded = tk_app_state_load(cfg->cache_dir, &st);

	/* The slot that ran last confirmed itself (first frame shown) in the cache. */
	snprintf(ready, sizeof ready, "%s/" TK_APP_READY_FILE, cfg->cache_dir);
	if (tk_app_ready_apply(cfg->cache_dir, &st))
		tk_log(TK_LOG_INFO, "supervise: %s", st.note);
	unlink(ready);
	was = st.pending;
	slot = tk_app_choose(&st, (int64_t)time(NULL));
	if (was != TK_SLOT_BUILTIN && st.pending == TK_SLOT_BUILTIN && slot != was)
		tk_log(TK_LOG_WARN, "supervise: %s", st.note); /* switched back */
	if (slot != TK_SLOT_BUILTIN && tk_supervise_check(cfg, &st, slot))
		slot = st.active = st.pending = TK_SLOT_BUILTIN;
	if (loaded != TK_ENOENT && tk_app_state_save(cfg->cache_dir, &st))
		tk_log(TK_LOG_WARN, "supervise: cannot save %s/%s", cfg->cache_dir,
		       TK_APP_STATE_FILE);
	if (slot != TK_SLOT_BUILTIN) {
		char **args = calloc((size_t)argc + 2, sizeof *args);

		snprintf(path, sizeof path, "%s/slot-%s/ticker", cfg->app_dir, tk_slot_name(slot));
		tk_log(TK_LOG_INFO, "supervise: starting version %s (slot %s%s)", st.version[slot],
		       tk_slot_name(slot), slot == st.pending ? ", on trial" : "");
		setenv(TK_UPDATE_ENV, tk_slot_name(slot), 1);
		setenv("TICKER_APP_READY", ready, 1);
		if (args) {
			args[0] = path;
			args[1] = (char *)"run";
			for (int i = 1; i < argc; i++)
				args[i + 1] = argv[i];
			execv(path, args);
		}
		tk_log(TK_LOG_ERROR, "supervise: cannot start %s: the built-in version runs", path);
		free(args);
		unsetenv(TK_UPDATE_ENV);
		unsetenv("TICKER_APP_READY");
	} else {
		tk_log(TK_LOG_INFO, "supervise: starting the built-in version %s%s%s%s", TK_VERSION,
		       st.note[0] ? " (" : "", st.note, st.note[0] ? ")" : "");
	}
	return tk_cmd_run(argc, argv, cfg);
}
