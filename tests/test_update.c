/* A/B updates (update.c): the supervisor's choice and switch-back, the state
 * file, and installing a signed TICKER-UPDATE folder: only with the update key,
 * only newer, only whole, and re-checked before every start. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "err.h"
#include "sign.h"
#include "testfs.h"
#include "update.h"

static void test_choose_and_switch_back(void **state)
{
	struct tk_app_state st;
	int64_t t = 1764547200;

	(void)state;
	tk_app_state_init(&st);
	assert_int_equal(tk_app_choose(&st, t), TK_SLOT_BUILTIN);
	st.pending = TK_SLOT_A;
	snprintf(st.version[TK_SLOT_A], sizeof st.version[0], "0.2.0");
	/* three starts on trial, none showing a frame, then back */
	for (int i = 0; i < TK_UPDATE_TRIES; i++)
		assert_int_equal(tk_app_choose(&st, t + 10 * i), TK_SLOT_A);
	assert_int_equal(tk_app_choose(&st, t + 40), TK_SLOT_BUILTIN);
	assert_int_equal(st.pending, TK_SLOT_BUILTIN);
	assert_non_null(strstr(st.note, "switched back to the built-in version: version 0.2.0 "
					"did not show a frame in 3 starts"));
	/* a new version that confirms itself stays */
	st.pending = TK_SLOT_B;
	snprintf(st.version[TK_SLOT_B], sizeof st.version[0], "0.3.0");
	assert_int_equal(tk_app_choose(&st, t + 100), TK_SLOT_B);
	assert_int_equal(tk_app_confirm(&st, TK_SLOT_A), 0); /* not the one on trial */
	assert_int_equal(tk_app_confirm(&st, TK_SLOT_B), 1);
	assert_int_equal(st.active, TK_SLOT_B);
	assert_int_equal(tk_app_choose(&st, t + 200), TK_SLOT_B);
	/* slow starts spread over more than the window are not failures */
	st.pending = TK_SLOT_A;
	st.tries = 0;
	for (int i = 0; i < 6; i++)
		assert_int_equal(tk_app_choose(&st, t + 1000 + i * (TK_UPDATE_WINDOW / 2 + 1)),
				 TK_SLOT_A);
}

static void test_state_file(void **state)
{
	struct tk_app_state st, back;
	char buf[1024];

	(void)state;
	tk_app_state_init(&st);
	st.active = TK_SLOT_B;
	st.pending = TK_SLOT_A;
	st.tries = 2;
	st.first_try = 1764547200;
	st.seq = 7;
	snprintf(st.version[TK_SLOT_A], sizeof st.version[0], "0.4.0");
	snprintf(st.version[TK_SLOT_B], sizeof st.version[0], "0.3.0");
	snprintf(st.note, sizeof st.note, "version 0.4.0 installed from a stick, on trial");
	tk_app_state_format(&st, buf, sizeof buf);
	assert_int_equal(tk_app_state_parse(buf, &back), TK_OK);
	assert_int_equal(back.active, TK_SLOT_B);
	assert_int_equal(back.pending, TK_SLOT_A);
	assert_int_equal(back.tries, 2);
	assert_int_equal(back.seq, 7);
	assert_string_equal(back.version[TK_SLOT_A], "0.4.0");
	assert_string_equal(back.note, st.note);
	assert_int_equal(tk_app_state_parse("ticker-app 1\nactive z\n", &back), TK_EPARSE);
	assert_int_equal(back.active, TK_SLOT_BUILTIN); /* damaged: the built-in runs */
}

struct env {
	char *root;
	char stick[4200], upd[4300], app[4200], cache[4200], ukeys[4200], ckeys[4200];
	char ukey[4300], ckey[4300];
};

static void install_pub(const char *base, const char *dir)
{
	char p[4400];
	char *text;

	snprintf(p, sizeof p, "%s.pub", base);
	text = tfs_read("", p, NULL);
	assert_non_null(text);
	assert_int_equal(tfs_write_str(dir, "key.pub", text), 0);
	free(text);
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);

	e->root = tfs_mkdtemp();
	snprintf(e->stick, sizeof e->stick, "%s/stick", e->root);
	snprintf(e->upd, sizeof e->upd, "%s/" TK_UPDATE_DIR, e->stick);
	snprintf(e->app, sizeof e->app, "%s/app", e->root);
	snprintf(e->cache, sizeof e->cache, "%s/cache", e->root);
	snprintf(e->ukeys, sizeof e->ukeys, "%s/update-keys", e->root);
	snprintf(e->ckeys, sizeof e->ckeys, "%s/content-keys", e->root);
	snprintf(e->ukey, sizeof e->ukey, "%s/update", e->root);
	snprintf(e->ckey, sizeof e->ckey, "%s/comms", e->root);
	mkdir(e->stick, 0755);
	mkdir(e->upd, 0755);
	mkdir(e->app, 0755);
	mkdir(e->cache, 0755);
	mkdir(e->ukeys, 0755);
	mkdir(e->ckeys, 0755);
	assert_int_equal(tk_sign_keygen(e->ukey), TK_OK);
	assert_int_equal(tk_sign_keygen(e->ckey), TK_OK);
	install_pub(e->ukey, e->ukeys);
	install_pub(e->ckey, e->ckeys);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	tfs_rm_rf(e->root);
	free(e->root);
	free(e);
	return 0;
}

static void payload(struct env *e, const char *version, const char *base, unsigned long long seq)
{
	struct tk_sign_opts o = {seq, NULL, NULL, NULL};
	struct tk_sign_result r;
	char key[4400];

	assert_int_equal(tfs_write_str(e->upd, "ticker", "#!/bin/sh\necho new ticker\n"), 0);
	assert_int_equal(tfs_write_str(e->upd, "VERSION", version), 0);
	snprintf(key, sizeof key, "%s.key", base);
	assert_int_equal(tk_sign_dir_opts(e->upd, key, &o, &r), TK_OK);
}

static int install(struct env *e, const char *keys, struct tk_update_result *res)
{
	struct tk_keyring *ring = NULL;
	size_t bad = 0;
	int err;

	assert_int_equal(tk_sign_keyring_load(keys, &ring, &bad), TK_OK);
	err = tk_update_install(e->stick, e->app, e->cache, ring, res);
	tk_sign_keyring_free(ring);
	return err;
}

static int check_slot(struct env *e, enum tk_slot slot, struct tk_update_result *res)
{
	struct tk_keyring *ring = NULL;
	size_t bad = 0;
	int err;

	assert_int_equal(tk_sign_keyring_load(e->ukeys, &ring, &bad), TK_OK);
	err = tk_update_check_slot(e->app, slot, ring, res);
	tk_sign_keyring_free(ring);
	return err;
}

static void test_install(void **state)
{
	struct env *e = *state;
	struct tk_update_result res;
	struct tk_app_state st;

	/* No folder: nothing to do. */
	tfs_rm_rf(e->upd);
	assert_int_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.found, 0);
	mkdir(e->upd, 0755);
	/* Signed with the content key: refused, nothing written. */
	payload(e, "0.2.0\n", e->ckey, 5);
	assert_int_not_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.installed, 0);
	assert_non_null(strstr(res.message, "update key"));
	assert_int_equal(tk_app_state_load(e->cache, &st), TK_ENOENT);
	/* Signed with the update key: slot a, on trial. */
	payload(e, "0.2.0\n", e->ukey, 5);
	assert_int_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.installed, 1);
	assert_string_equal(res.version, "0.2.0");
	assert_int_equal(tk_app_state_load(e->cache, &st), TK_OK);
	assert_int_equal(st.pending, TK_SLOT_A);
	assert_int_equal(st.seq, 5);
	assert_true(tfs_exists(e->app, "slot-a/ticker"));
	assert_int_equal(check_slot(e, TK_SLOT_A, &res), TK_OK);
	/* The same stick again, or an older one: not installed. */
	assert_int_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.installed, 0);
	assert_non_null(strstr(res.message, "not above"));
	/* A file changed after signing: refused. */
	payload(e, "0.3.0\n", e->ukey, 6);
	assert_int_equal(tfs_write_str(e->upd, "ticker", "#!/bin/sh\necho evil\n"), 0);
	assert_int_equal(install(e, e->ukeys, &res), TK_ESIG);
	assert_non_null(strstr(res.message, "not what was signed"));
	/* A file added after signing: refused too. */
	payload(e, "0.3.0\n", e->ukey, 7);
	assert_int_equal(tfs_write_str(e->upd, "extra.so", "x"), 0);
	assert_int_not_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.installed, 0);
	remove(e->upd); /* keep going with a clean folder */
	tfs_rm_rf(e->upd);
	mkdir(e->upd, 0755);
	/* No VERSION: incomplete. */
	assert_int_equal(tfs_write_str(e->upd, "ticker", "x"), 0);
	{
		struct tk_sign_opts o = {8, NULL, NULL, NULL};
		struct tk_sign_result r;
		char key[4400];

		snprintf(key, sizeof key, "%s.key", e->ukey);
		assert_int_equal(tk_sign_dir_opts(e->upd, key, &o, &r), TK_OK);
	}
	assert_int_not_equal(install(e, e->ukeys, &res), TK_OK);
	assert_non_null(strstr(res.message, "incomplete"));
	/* The slot installed earlier, changed on the box afterwards: refused at start. */
	assert_int_equal(tfs_write_str(e->app, "slot-a/ticker", "#!/bin/sh\necho planted\n"), 0);
	assert_int_not_equal(check_slot(e, TK_SLOT_A, &res), TK_OK);
	assert_non_null(strstr(res.message, "not what was signed"));
}

/* A second update while the first runs (its first frame shown, no restart
 * since): the first stays active, the second goes into the other slot, and a
 * switch back returns to the first, not to the built-in version. */
static void test_update_while_trial_runs(void **state)
{
	struct env *e = *state;
	struct tk_update_result res;
	struct tk_app_state st;

	payload(e, "0.2.0\n", e->ukey, 1);
	assert_int_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.installed, 1);
	assert_int_equal(tfs_write_str(e->cache, TK_APP_READY_FILE, "a\n"), 0);
	payload(e, "0.3.0\n", e->ukey, 2);
	assert_int_equal(install(e, e->ukeys, &res), TK_OK);
	assert_int_equal(res.installed, 1);
	assert_int_equal(tk_app_state_load(e->cache, &st), TK_OK);
	assert_int_equal(st.active, TK_SLOT_A);
	assert_int_equal(st.pending, TK_SLOT_B);
	assert_string_equal(st.version[TK_SLOT_A], "0.2.0");
	assert_string_equal(st.version[TK_SLOT_B], "0.3.0");
	assert_int_equal(check_slot(e, TK_SLOT_A, &res), TK_OK);
	/* 0.3.0 never shows a frame: after 3 starts, 0.2.0 runs again. */
	for (int i = 0; i < TK_UPDATE_TRIES; i++)
		assert_int_equal(tk_app_choose(&st, 1000 + i), TK_SLOT_B);
	assert_int_equal(tk_app_choose(&st, 1010), TK_SLOT_A);
	assert_non_null(strstr(st.note, "switched back to 0.2.0"));
	/* A stale confirmation of a slot not on trial changes nothing. */
	assert_int_equal(tk_app_ready_apply(e->cache, &st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_choose_and_switch_back),
	    cmocka_unit_test(test_state_file),
	    cmocka_unit_test_setup_teardown(test_install, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_update_while_trial_runs, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
