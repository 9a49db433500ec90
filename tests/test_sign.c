/* Signed drops: keygen, sign, verify; and the importer with trusted keys:
 * unsigned, wrongly signed, tampered, incomplete and extended sticks. A
 * refused stick leaves the cache byte-for-byte as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "err.h"
#include "import.h"
#include "log.h"
#include "mem.h"
#include "sign.h"
#include "testfs.h"

struct env {
	char *root, stick[4200], cache[4200], keys[4200], home[4200], key[4300], other[4300];
	struct tk_config cfg;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	char pub[4400];

	e->root = tfs_mkdtemp();
	snprintf(e->stick, sizeof e->stick, "%s/stick", e->root);
	snprintf(e->cache, sizeof e->cache, "%s/cache", e->root);
	snprintf(e->keys, sizeof e->keys, "%s/keys.d", e->root);
	snprintf(e->home, sizeof e->home, "%s/home", e->root);
	mkdir(e->stick, 0755);
	mkdir(e->keys, 0755);
	mkdir(e->home, 0700);
	snprintf(e->key, sizeof e->key, "%s/comms", e->home);
	snprintf(e->other, sizeof e->other, "%s/stranger", e->home);
	assert_int_equal(tk_sign_keygen(e->key), TK_OK);
	assert_int_equal(tk_sign_keygen(e->other), TK_OK);
	/* Install only the comms key on the "ticker". */
	snprintf(pub, sizeof pub, "%s.pub", e->key);
	{
		char *text = tfs_read("", pub, NULL);

		assert_non_null(text);
		assert_int_equal(tfs_write_str(e->keys, "comms.pub", text), 0);
		free(text);
	}
	tk_config_defaults(&e->cfg);
	snprintf(e->cfg.cache_dir, sizeof e->cfg.cache_dir, "%.250s", e->cache);
	snprintf(e->cfg.keys_dir, sizeof e->cfg.keys_dir, "%.250s", e->keys);
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

static void art(struct env *e, const char *rel, const char *headline)
{
	char text[512];

	snprintf(text, sizeof text,
		 "%s\n\nThe board met on Monday about %s.\n"
		 "\"It went well,\" said spokesperson Jon Aas.\n",
		 headline, headline);
	assert_int_equal(tfs_write_str(e->stick, rel, text), 0);
}

static int sign_with(struct env *e, const char *base)
{
	char key[4400];
	size_t n = 0;
	const char *what = NULL;

	snprintf(key, sizeof key, "%s.key", base);
	return tk_sign_dir(e->stick, key, &n, &what);
}

static void run(struct env *e, struct tk_import_summary *s)
{
	struct tk_import_opts o = {NULL, 1800000000};

	assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, s), TK_OK);
}

/* A cache with two articles, and a snapshot of its article files. */
static char *prime(struct env *e)
{
	struct tk_import_summary s;
	char *snap;

	art(e, "first.txt", "First signed story");
	art(e, "second.txt", "Second signed story");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 2);
	snap = tfs_list(e->cache);
	assert_string_equal(snap, "first.txt\nsecond.txt");
	return snap;
}

static void assert_refused_unchanged(struct env *e, const char *snap, const char *why)
{
	struct tk_import_summary s;
	char *now, *r, *first;

	run(e, &s);
	assert_true(s.refused_whole);
	assert_int_equal(s.exit_code, TK_EXIT_REFUSED);
	now = tfs_list(e->cache);
	assert_string_equal(now, snap);
	free(now);
	first = tfs_read(e->cache, "first.txt", NULL);
	assert_non_null(strstr(first, "First signed story"));
	free(first);
	assert_int_equal(tfs_count(e->cache, ".tmp-"), 0);
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(r);
	assert_non_null(strstr(r, "STICK REFUSED. Nothing on the ticker was changed."));
	if (!strstr(r, why)) {
		fprintf(stderr, "expected '%s' in:\n%s", why, r);
		fail();
	}
	free(r);
	r = tfs_read(e->cache, ".status", NULL);
	assert_non_null(strstr(r, "USB stick refused"));
	free(r);
}

static void test_keygen_files(void **state)
{
	struct env *e = *state;
	char path[4400];
	struct stat st;
	char *text;

	snprintf(path, sizeof path, "%s.key", e->key);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	text = tfs_read("", path, NULL);
	assert_true(!strncmp(text, "untrusted comment: minisign secret key ", 39));
	free(text);
	/* Never overwrites an existing key. */
	assert_int_equal(tk_sign_keygen(e->key), TK_EINVAL);
	assert_int_equal(tk_sign_keygen(""), TK_EINVAL);
	/* Issue 9.6: only the .pub exists (the .key was moved away): still refused,
	 * and no lone secret key is written next to an unrelated public key. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(tk_sign_keygen(e->key), TK_EINVAL);
	assert_int_equal(stat(path, &st), -1);
}

static void test_manifest_lists_every_file(void **state)
{
	struct env *e = *state;
	char *m, *sig;

	art(e, "a.txt", "Alpha");
	art(e, "dir/odd name\n%.md", "Odd name");
	assert_int_equal(tfs_write_str(e->stick, "Thumbs.db", "junk"), 0);
	assert_int_equal(tfs_write_str(e->stick, "REPLACE", ""), 0);
	assert_int_equal(sign_with(e, e->key), TK_OK);
	m = tfs_read(e->stick, TK_SIGN_MANIFEST, NULL);
	sig = tfs_read(e->stick, TK_SIGN_SIGNATURE, NULL);
	assert_true(!strncmp(m, "ticker-manifest 2\nsequence 1\n", 29));
	assert_non_null(strstr(m, "  REPLACE\n"));
	/* sha256sum's escape for a name with a newline: a leading backslash. */
	assert_non_null(strstr(m, "\n\\"));
	assert_non_null(strstr(m, "  dir/odd name\\n%.md\n"));
	assert_null(strstr(m, "Thumbs"));
	assert_true(!strncmp(sig, "untrusted comment: ", 19));
	{
		struct tk_keyring *ring = NULL;
		struct tk_manifest *man = NULL;
		const char *signer = NULL, *reason = NULL;
		unsigned char zero[32] = {0};

		assert_int_equal(tk_sign_keyring_load(e->keys, &ring, NULL), TK_OK);
		assert_int_equal(tk_sign_keyring_count(ring), 1);
		assert_int_equal(tk_manifest_verify(m, strlen(m), sig, strlen(sig), ring, &man,
						    &signer, &reason),
				 TK_OK);
		assert_string_equal(signer, "comms");
		assert_int_equal(tk_manifest_count(man), 3);
		assert_int_equal(tk_manifest_check(man, "nope.txt", zero, 0), TK_ENOENT);
		assert_int_equal(tk_manifest_check(man, "a.txt", zero, 0), TK_ESIG);
		tk_manifest_free(man);
		/* One flipped byte in the manifest: no longer verifies. */
		m[40] ^= 1;
		assert_int_equal(tk_manifest_verify(m, strlen(m), sig, strlen(sig), ring, &man,
						    &signer, &reason),
				 TK_ESIG);
		assert_null(man);
		tk_sign_keyring_free(ring);
	}
	free(m);
	free(sig);
}

static void test_signed_import(void **state)
{
	struct env *e = *state;
	char *snap = prime(e), *r;

	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "Signed:   yes, by the trusted key \"comms\""));
	free(r);
	free(snap);
}

static void test_unsigned_refused(void **state)
{
	struct env *e = *state;
	char *snap = prime(e), path[4400];

	snprintf(path, sizeof path, "%s/%s", e->stick, TK_SIGN_MANIFEST);
	unlink(path);
	snprintf(path, sizeof path, "%s/%s", e->stick, TK_SIGN_SIGNATURE);
	unlink(path);
	art(e, "third.txt", "Unsigned story");
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	assert_refused_unchanged(e, snap, "this ticker only accepts signed sticks");
	free(snap);
}

static void test_wrong_key_refused(void **state)
{
	struct env *e = *state;
	char *snap = prime(e);

	art(e, "third.txt", "Stranger's story");
	assert_int_equal(sign_with(e, e->other), TK_OK);
	assert_refused_unchanged(e, snap, "a key this ticker does not trust");
	free(snap);
}

static void test_tampered_refused(void **state)
{
	struct env *e = *state;
	char *snap = prime(e);

	art(e, "third.txt", "Signed story three");
	art(e, "zzz.txt", "Signed story four");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	/* Changed after signing: the whole stick goes, even the files before it. */
	art(e, "zzz.txt", "Tampered story four");
	assert_refused_unchanged(e, snap,
				 "the file \"zzz.txt\" was changed after the stick was signed");
	/* A signed file removed. */
	art(e, "zzz.txt", "Signed story four");
	{
		char path[4400];

		snprintf(path, sizeof path, "%s/third.txt", e->stick);
		unlink(path);
	}
	assert_refused_unchanged(e, snap,
				 "\"third.txt\" is in the signed list but not on the stick");
	/* Damaged signature file. */
	art(e, "third.txt", "Signed story three");
	assert_int_equal(
	    tfs_write_str(e->stick, TK_SIGN_SIGNATURE, "untrusted comment: x\nRUQAAAA\n"), 0);
	assert_refused_unchanged(e, snap, "not a minisign signature");
	free(snap);
}

static void test_unlisted_file_refused(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *snap = prime(e), *r;

	art(e, "added-later.txt", "Slipped onto the stick");
	assert_int_equal(tfs_write_str(e->stick, "REPLACE", ""), 0);
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Evacuate now\n\nFake notice.\n"),
			 0);
	run(e, &s);
	assert_false(s.refused_whole);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	assert_int_equal(s.n[TK_IMPORT_REFUSED], 3);
	assert_int_equal(s.mode, TK_IMPORT_MERGE); /* the unlisted REPLACE is not obeyed */
	assert_int_equal(tfs_exists(e->cache, "added-later.txt"), 0);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 0);
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "REFUSED    added-later.txt  --  not in the signed list"));
	assert_non_null(strstr(r, "REFUSED    URGENT.txt  --  not in the signed list"));
	free(r);
	free(snap);
}

static void test_require_without_keys(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char path[4400], *r;

	art(e, "a.txt", "Any story");
	/* No key installed and auto: unsigned sticks are fine. */
	snprintf(path, sizeof path, "%s/comms.pub", e->keys);
	unlink(path);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	/* Signed but nothing to check against: imported, and the report says so. */
	assert_int_equal(sign_with(e, e->key), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "signature was not checked"));
	free(r);
	/* require_signature = yes without keys: everything refused. */
	e->cfg.require_signature = TK_YES;
	run(e, &s);
	assert_true(s.refused_whole);
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "no trusted key installed"));
	free(r);
}

/* Allocation failure at every step of keyring loading and manifest checking. */
static void test_alloc_failures(void **state)
{
	struct env *e = *state;
	char *m, *sig;
	long n;

	art(e, "a.txt", "Alpha");
	art(e, "b/c.md", "Beta");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	m = tfs_read(e->stick, TK_SIGN_MANIFEST, NULL);
	sig = tfs_read(e->stick, TK_SIGN_SIGNATURE, NULL);
	for (n = 1; n < 200; n++) {
		struct tk_keyring *ring = NULL;
		struct tk_manifest *man = NULL;
		const char *signer, *reason;
		int err, failed;

		tk_mem_fail_at(n);
		err = tk_sign_keyring_load(e->keys, &ring, NULL);
		if (!err)
			err = tk_manifest_verify(m, strlen(m), sig, strlen(sig), ring, &man,
						 &signer, &reason);
		failed = tk_mem_failed();
		tk_mem_fail_at(0);
		tk_manifest_free(man);
		tk_sign_keyring_free(ring);
		if (!failed) {
			assert_int_equal(err, TK_OK);
			break;
		}
		assert_int_equal(err, TK_ENOMEM);
	}
	assert_true(n > 2 && n < 200);
	free(m);
	free(sig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_keygen_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_manifest_lists_every_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_signed_import, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unsigned_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wrong_key_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tampered_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unlisted_file_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_require_without_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
	};

	tk_mem_init();
	tk_log_set_level(TK_LOG_ERROR);
	if (getenv("TK_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TK_TEST_FILTER"));
	return cmocka_run_group_tests_name("sign", tests, NULL, NULL);
}
