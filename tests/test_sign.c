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
#include "testlog.h"
#include "trust.h"
#include "walk.h"
#include "cache.h"
#include "import_trust.h"
#include "loader.h"
#include "minisign.h"
#include "testutil.h"
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <sys/wait.h>

/* dir/rel in a static buffer (valid until the next call). */
static const char *tfs_path(const char *dir, const char *rel)
{
	static char buf[4400];

	snprintf(buf, sizeof buf, "%s/%s", dir, rel);
	return buf;
}

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
	tlog_hold();
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	tlog_release();
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
	struct tk_import_opts o = {NULL, 1800000000, NULL, NULL};

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
	if (!strncmp(snap, "first.txt", 9)) {
		first = tfs_read(e->cache, "first.txt", NULL);
		assert_non_null(strstr(first, "First signed story"));
		free(first);
	}
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

		struct tk_trust t;
		static const char trust[] = "ticker-trust 1\nstate 0123456789abcdef\ntime 5\n";

		tk_mem_fail_at(n);
		err = tk_trust_parse(trust, strlen(trust), &t);
		if (!err)
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

/* ---- issue 9 item 2: replay and rollback ---- */

static int sign_seq(struct env *e, const char *base, uint64_t seq, const char *recover,
		    const char *add, const char *revoke)
{
	struct tk_sign_opts o = {seq, recover, add, revoke};
	struct tk_sign_result res;
	char key[4400];
	int err;

	snprintf(key, sizeof key, "%.4300s.key", base);
	err = tk_sign_dir_opts(e->stick, key, &o, &res);
	if (err)
		fprintf(stderr, "sign: %s\n", res.what);
	return err;
}

static void run_at(struct env *e, struct tk_import_summary *s, int64_t now)
{
	struct tk_import_opts o = {NULL, now, NULL, NULL};

	assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, s), TK_OK);
}

static void report_has(struct env *e, const char *want)
{
	char *r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);

	assert_non_null(r);
	if (!strstr(r, want)) {
		fprintf(stderr, "expected '%s' in:\n%s", want, r);
		fail();
	}
	free(r);
}

/* The state id the last report showed. */
static void report_state(struct env *e, char out[17])
{
	char *r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL), *p;

	assert_non_null(r);
	p = strstr(r, "State:    ");
	assert_non_null(p);
	snprintf(out, 17, "%s", p + 10);
	free(r);
}

struct saved {
	char *man, *sig;
};

static struct saved save_sig(struct env *e)
{
	struct saved v = {tfs_read(e->stick, TK_SIGN_MANIFEST, NULL),
			  tfs_read(e->stick, TK_SIGN_SIGNATURE, NULL)};

	assert_non_null(v.man);
	assert_non_null(v.sig);
	return v;
}

static void restore_sig(struct env *e, struct saved *v)
{
	assert_int_equal(tfs_write_str(e->stick, TK_SIGN_MANIFEST, v->man), 0);
	assert_int_equal(tfs_write_str(e->stick, TK_SIGN_SIGNATURE, v->sig), 0);
}

static void free_saved(struct saved *v)
{
	free(v->man);
	free(v->sig);
}

/* The attack: an old signed CLEAR stick, kept from last month, plugged in
 * after newer drops. It must not empty the screen. */
static void test_replay_old_clear_refused(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	struct saved old;
	char *snap;

	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	art(e, "first.txt", "First signed story");
	assert_int_equal(sign_seq(e, e->key, 0, NULL, NULL, NULL), TK_OK);
	old = save_sig(e);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_int_equal(s.mode, TK_IMPORT_CLEAR);
	/* A newer drop (sequence 2, from the key's counter) without CLEAR. */
	assert_int_equal(unlink(tfs_path(e->stick, "CLEAR")), 0);
	art(e, "second.txt", "Second signed story");
	assert_int_equal(sign_seq(e, e->key, 0, NULL, NULL, NULL), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	report_has(e, "Sequence: 2 from key");
	snap = tfs_list(e->cache);
	assert_string_equal(snap, "first.txt\nsecond.txt");
	/* Replay the old CLEAR stick byte for byte. */
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	assert_int_equal(unlink(tfs_path(e->stick, "second.txt")), 0);
	restore_sig(e, &old);
	assert_refused_unchanged(e, snap,
				 "its sequence number is 1, and the ticker accepted "
				 "number 2 from the same key");
	report_has(e, "write sequence 3 or higher");
	free_saved(&old);
	free(snap);
}

/* The attack: an old signed URGENT notice re-shown by replaying its stick. */
static void test_replay_old_urgent_refused(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	struct saved old;
	char *snap;

	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Lift out of order\n\nSorry.\n"), 0);
	art(e, "first.txt", "First signed story");
	assert_int_equal(sign_seq(e, e->key, 5, NULL, NULL, NULL), TK_OK);
	old = save_sig(e);
	run(e, &s);
	assert_true(tfs_exists(e->cache, ".urgent"));
	/* The notice is withdrawn by a newer drop (empty URGENT.txt). */
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", ""), 0);
	assert_int_equal(sign_seq(e, e->key, 6, NULL, NULL, NULL), TK_OK);
	run(e, &s);
	assert_false(tfs_exists(e->cache, ".urgent"));
	snap = tfs_list(e->cache);
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Lift out of order\n\nSorry.\n"), 0);
	restore_sig(e, &old);
	assert_refused_unchanged(e, snap, "its sequence number is 5");
	assert_false(tfs_exists(e->cache, ".urgent"));
	free_saved(&old);
	free(snap);
}

/* Re-plugging the same signed stick (e.g. after an interrupted import) is
 * "unchanged": its articles are taken, its control files are not redone. */
static void test_same_sequence_unchanged(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;

	art(e, "first.txt", "First signed story");
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Fire drill at noon\n"), 0);
	assert_int_equal(sign_seq(e, e->key, 0, NULL, NULL, NULL), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_int_equal(unlink(tfs_path(e->cache, ".urgent")), 0); /* expired meanwhile */
	run(e, &s);
	assert_false(s.refused_whole);
	assert_int_equal(s.n[TK_IMPORT_UNCHANGED], 1);
	assert_false(tfs_exists(e->cache, ".urgent"));
	report_has(e, "Sequence: 1 from key");
	report_has(e, "unchanged (this stick was already imported");
	report_has(e, "unchanged  URGENT.txt  --  already carried out when");
	assert_int_equal(s.exit_code, TK_EXIT_OK);
}

/* An import interrupted before its end records no sequence: plugging the
 * stick again does the whole job, control files included. */
static void test_interrupted_import_redone(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;

	tlog_expect_errors(); /* the failures this test provokes are logged */
	art(e, "first.txt", "First signed story");
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Fire drill at noon\n"), 0);
	assert_int_equal(sign_seq(e, e->key, 0, NULL, NULL, NULL), TK_OK);
	tk_io_fail_at(TK_IO_MASK(TK_IO_RENAME), 1, EIO); /* the cache cannot commit */
	run(e, &s);
	tk_io_fail_at(0, 0, 0);
	assert_true(s.cache_failed);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_true(tfs_exists(e->cache, ".urgent"));
	report_has(e, "Sequence: 1 from key");
}

/* One laptop signed with a sequence far ahead (say a clock reading of 2031 as
 * the number): every later normal stick is "older". A recovery stick bound to
 * the state id in the report resets the key, and cannot be replayed. */
static void test_recovery_after_runaway_sequence(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	struct saved rec;
	char st[17], *snap;

	art(e, "first.txt", "First signed story");
	assert_int_equal(sign_seq(e, e->key, 1948924800ull, NULL, NULL, NULL), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	/* Another laptop with the normal counter: refused, and the report says why. */
	art(e, "second.txt", "Second signed story");
	assert_int_equal(sign_seq(e, e->key, 2, NULL, NULL, NULL), TK_OK);
	snap = tfs_list(e->cache);
	assert_refused_unchanged(e, snap, "accepted number 1948924800");
	report_state(e, st);
	/* A recovery for another state is refused. */
	assert_int_equal(sign_seq(e, e->key, 3, "0123456789abcdef", NULL, NULL), TK_OK);
	assert_refused_unchanged(e, snap, "made for another state of this ticker");
	/* The right one: accepted, the key starts again from 3. */
	assert_int_equal(sign_seq(e, e->key, 3, st, NULL, NULL), TK_OK);
	rec = save_sig(e);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	report_has(e, "RECOVERY carried out");
	assert_true(tfs_exists(e->cache, "second.txt"));
	/* Normal numbering goes on. */
	art(e, "third.txt", "Third signed story");
	assert_int_equal(sign_seq(e, e->key, 4, NULL, NULL, NULL), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	free(snap);
	snap = tfs_list(e->cache);
	/* The recovery stick replayed: its state is spent. */
	assert_int_equal(unlink(tfs_path(e->stick, "third.txt")), 0);
	restore_sig(e, &rec);
	assert_refused_unchanged(e, snap, "or was already used");
	free_saved(&rec);
	free(snap);
}

/* ticker sign counts (KEY.seq); it never takes the wall clock as the number. */
static void test_sign_sequence_is_a_counter(void **state)
{
	struct env *e = *state;
	char *m, *seq, path[4400];

	art(e, "a.txt", "Alpha");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	assert_int_equal(sign_with(e, e->key), TK_OK);
	m = tfs_read(e->stick, TK_SIGN_MANIFEST, NULL);
	assert_true(!strncmp(m, "ticker-manifest 2\nsequence 2\n", 29));
	snprintf(path, sizeof path, "%s.seq", e->key);
	seq = tfs_read("", path, NULL);
	assert_string_equal(seq, "2\n");
	free(seq);
	free(m);
}

/* A damaged .trust never silently forgets the sequences: the box accepts only
 * a recovery stick for the new state id its report shows. */
static void test_damaged_trust_needs_recovery(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char st[17], *snap = prime(e);

	tlog_expect_errors(); /* the failures this test provokes are logged */
	assert_int_equal(tfs_write_str(e->cache, ".trust", "ticker-trust 1\nseq zz 1\n"), 0);
	art(e, "third.txt", "Third signed story");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	assert_refused_unchanged(e, snap, "record of signed sticks was damaged");
	report_state(e, st);
	assert_int_equal(sign_seq(e, e->key, 0, st, NULL, NULL), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_true(tfs_exists(e->cache, "third.txt"));
	free(snap);
}

/* ---- issue 13 item 7: minisign interop, both directions ---- */

/* A drop prepared without ticker: a manifest made by the documented shell
 * snippet, signed by Debian's minisign (prehashed, then legacy -l). */
static void test_minisign_signed_drop_accepted(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	static const char *const modes[] = {"", "-l"};

	tu_sh("cd %s && minisign -G -W -p ms.pub -s ms.key >/dev/null", e->home);
	tu_sh("cp %s/ms.pub %s/minisign.PUB", e->home, e->keys);
	art(e, "news/first.txt", "Minisigned story");
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Signed notice\n"), 0);
	for (int i = 0; i < 2; i++) {
		tu_sh("cd %s && sh %s/tests/data/sign/manifest.sh %d > %s/TICKER-MANIFEST",
		      e->stick, tu_root(), i + 1, e->stick);
		tu_sh("minisign -S %s -s %s/ms.key -m %s/TICKER-MANIFEST -t 'drop %d' >/dev/null",
		      modes[i], e->home, e->stick, i);
		run(e, &s);
		assert_int_equal(s.exit_code, TK_EXIT_OK);
		report_has(e, "Signed:   yes, by the trusted key \"minisign\"");
		assert_true(tfs_exists(e->cache, ".urgent"));
	}
	assert_true(tfs_exists(e->cache, "news - first.txt"));
	/* Tampering after minisign signed: refused like any other. */
	art(e, "news/first.txt", "Changed story");
	{
		char *snap = tfs_list(e->cache);

		assert_refused_unchanged(e, snap, "was changed after the stick was signed");
		free(snap);
	}
}

/* ticker's key and signature are minisign's: minisign -V checks a drop that
 * ticker sign made, and minisign -S signs with a key from ticker keygen. */
static void test_ticker_signed_verified_by_minisign(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;

	art(e, "a.txt", "Alpha");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	tu_sh("minisign -Vq -p %s.pub -m %s/TICKER-MANIFEST", e->key, e->stick);
	/* A changed manifest: minisign refuses it too. */
	tu_sh("printf 'x' >> %s/TICKER-MANIFEST; ! minisign -Vq -p %s.pub -m %s/TICKER-MANIFEST "
	      "2>/dev/null",
	      e->stick, e->key, e->stick);
	assert_int_equal(sign_with(e, e->key), TK_OK);
	tu_sh("minisign -S -s %s.key -m %s/TICKER-MANIFEST -t 'by minisign' >/dev/null", e->key,
	      e->stick);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
}

/* A drop signed by ticker 0.1 (TICKER-MANIFEST.sig, no sequence): refused
 * with a reason that says what to do. */
static void test_old_format_refused(void **state)
{
	struct env *e = *state;
	char *snap = prime(e);

	assert_int_equal(unlink(tfs_path(e->stick, TK_SIGN_SIGNATURE)), 0);
	assert_int_equal(tfs_write_str(e->stick, TK_SIGN_MANIFEST, "ticker-manifest 1\nend\n"), 0);
	assert_int_equal(
	    tfs_write_str(e->stick, TK_SIGN_OLD_SIGNATURE, "ticker-signature-ed25519 AAAA comms\n"),
	    0);
	assert_refused_unchanged(e, snap, "signed by ticker 0.1");
	free(snap);
}

/* ---- issue 9 item 6: what ticker sign refuses ---- */

static void sign_refuses(struct env *e, const char *file, const char *text, const char *why)
{
	struct tk_sign_opts o = {0, NULL, NULL, NULL};
	struct tk_sign_result res;
	char key[4400];

	snprintf(key, sizeof key, "%s.key", e->key);
	assert_int_equal(tfs_write_str(e->stick, file, text), 0);
	assert_int_equal(tk_sign_dir_opts(e->stick, key, &o, &res), TK_EINVAL);
	if (!strstr(res.what, why)) {
		fprintf(stderr, "expected '%s' in '%s'\n", why, res.what);
		fail();
	}
	assert_false(tfs_exists(e->stick, TK_SIGN_MANIFEST));
	assert_false(tfs_exists(e->stick, TK_SIGN_SIGNATURE));
	assert_int_equal(unlink(tfs_path(e->stick, file)), 0);
}

static void test_sign_refuses_secret_keys(void **state)
{
	struct env *e = *state;
	char path[4400], *sec;

	art(e, "a.txt", "Alpha");
	snprintf(path, sizeof path, "%s.key", e->key);
	sec = tfs_read("", path, NULL);
	/* The very key, renamed to look like an article. */
	sign_refuses(e, "notes.txt", sec, "notes.txt looks like a minisign secret key");
	/* Its base64 line alone. */
	sign_refuses(e, "deep/x.txt", strchr(sec, '\n') + 1, "a minisign secret key");
	sign_refuses(e, "id_rsa",
		     "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
		     "-----END OPENSSH PRIVATE KEY-----\n",
		     "a private key");
	sign_refuses(e, "server.pem", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n",
		     "a private key");
	sign_refuses(e, "old.key", "ticker-ed25519-secret AAAA comms\n", "a ticker secret key");
	sign_refuses(e, "putty.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\n", "PuTTY");
	free(sec);
	/* A public key is fine to carry (a key rotation drop does). */
	snprintf(path, sizeof path, "%s.pub", e->key);
	sec = tfs_read("", path, NULL);
	assert_int_equal(tfs_write_str(e->stick, "comms.pub", sec), 0);
	assert_int_equal(sign_with(e, e->key), TK_OK);
	free(sec);
}

static void test_sign_warns_world_readable_key(void **state)
{
	struct env *e = *state;
	struct tk_sign_opts o = {0, NULL, NULL, NULL};
	struct tk_sign_result res;
	char key[4400];

	art(e, "a.txt", "Alpha");
	snprintf(key, sizeof key, "%s.key", e->key);
	assert_int_equal(tk_sign_dir_opts(e->stick, key, &o, &res), TK_OK);
	assert_string_equal(res.warning, "");
	assert_int_equal(chmod(key, 0644), 0);
	assert_int_equal(tk_sign_dir_opts(e->stick, key, &o, &res), TK_OK);
	assert_non_null(strstr(res.warning, "can be read by every user"));
}

/* Today's bug: success after 10,001 of 100,000 files. More entries than the
 * walk's cap: non-zero, nothing written. */
static void test_sign_refuses_partial_listing(void **state)
{
	struct env *e = *state;
	struct tk_sign_opts o = {0, NULL, NULL, NULL};
	struct tk_sign_result res;
	char key[4400], name[64];

	for (int i = 0; i <= TK_WALK_MAX_ENTRIES; i++) {
		snprintf(name, sizeof name, "f%05d.txt", i);
		assert_int_equal(tfs_write_str(e->stick, name, "x"), 0);
	}
	snprintf(key, sizeof key, "%s.key", e->key);
	assert_int_equal(tk_sign_dir_opts(e->stick, key, &o, &res), TK_ETOOBIG);
	assert_non_null(strstr(res.what, "cannot be signed"));
	assert_false(tfs_exists(e->stick, TK_SIGN_MANIFEST));
	assert_false(tfs_exists(e->stick, TK_SIGN_SIGNATURE));
}

/* A minisign key with a password (fixture made by minisign -G, password
 * "pw"): ticker sign cannot ask for it, says so, writes nothing. */
static void test_sign_refuses_password_key(void **state)
{
	struct env *e = *state;
	struct tk_sign_opts o = {0, NULL, NULL, NULL};
	struct tk_sign_result res;
	char key[4400];

	art(e, "a.txt", "Alpha");
	snprintf(key, sizeof key, "%s/tests/data/sign/encrypted-test.key", tu_root());
	assert_int_equal(tk_sign_dir_opts(e->stick, key, &o, &res), TK_EUNSUPP);
	assert_non_null(strstr(res.what, "has a password"));
	assert_false(tfs_exists(e->stick, TK_SIGN_MANIFEST));
}

/* The CLI: exit code and nothing written when a secret key is in the drop. */
static void test_sign_cli_refuses(void **state)
{
	struct env *e = *state;
	char key[4400], a0[] = "sign", a1[] = "--key";
	char *argv[] = {a0, a1, key, e->stick, NULL};
	struct tk_config cfg;

	tlog_expect_errors(); /* the failures this test provokes are logged */
	tk_config_defaults(&cfg);
	snprintf(key, sizeof key, "%s.key", e->key);
	art(e, "a.txt", "Alpha");
	tu_sh("cp %s %s/comms.key", key, e->stick);
	assert_int_not_equal(tk_cmd_sign(4, argv, &cfg), TK_EXIT_OK);
	assert_false(tfs_exists(e->stick, TK_SIGN_MANIFEST));
}

/* ---- issue 9 item 7: keys_dir as Windows and macOS leave it, and fail closed ---- */

static void test_keys_dir_tolerates_os_files(void **state)
{
	struct env *e = *state;
	char *pub = tfs_read(e->keys, "comms.pub", NULL), crlf[1024], *w = crlf;
	struct tk_import_summary s;

	assert_int_equal(unlink(tfs_path(e->keys, "comms.pub")), 0);
	/* Notepad: BOM and CRLF; Explorer: upper-case extension. */
	w += sprintf(w, "\xef\xbb\xbf");
	for (const char *p = pub; *p; p++) {
		if (*p == '\n')
			*w++ = '\r';
		*w++ = *p;
	}
	*w = '\0';
	assert_int_equal(tfs_write_str(e->keys, "COMMS.PUB", crlf), 0);
	/* macOS litter next to it. */
	assert_int_equal(tfs_write_str(e->keys, "._COMMS.PUB", "\x00\x05\x16\x07"), 0);
	assert_int_equal(tfs_write_str(e->keys, ".Trashes/501/x", "x"), 0);
	assert_int_equal(tfs_write_str(e->keys, ".fseventsd/fseventsd-uuid", "x"), 0);
	assert_int_equal(tfs_write_str(e->keys, ".DS_Store", "x"), 0);
	art(e, "a.txt", "Alpha");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	report_has(e, "Signed:   yes, by the trusted key \"COMMS\"");
	free(pub);
}

/* The attack (fail open): the only key is unusable, so unsigned sticks went
 * in. Now every stick is refused, the report says why, the screen gets a
 * service flag. */
static void test_keys_dir_unusable_fails_closed(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *svc;

	art(e, "a.txt", "Alpha");
	assert_int_equal(unlink(tfs_path(e->keys, "comms.pub")), 0);
	assert_int_equal(tfs_write_str(e->keys, "comms.pub", "RWQ garbage\n"), 0);
	run(e, &s);
	assert_true(s.refused_whole);
	report_has(e, "refuses every stick until its trusted keys are fixed: \"comms.pub\"");
	svc = tfs_read(e->cache, ".service", NULL);
	assert_non_null(svc);
	free(svc);
	/* The display shows it as a calm banner while no other banner is up. */
	{
		char status[256], urgent[1024];

		assert_int_equal(unlink(tfs_path(e->cache, ".status")), 0);
		tk_loader_notices(e->cache, status, sizeof status, urgent, sizeof urgent);
		assert_string_equal(status, "This screen needs a check by its operator (see the "
					    "last USB stick report)");
	}
	assert_int_equal(tfs_count(e->cache, "a.txt"), 0);
	/* A signed stick too, even by a good key next to the bad entry. */
	assert_int_equal(tfs_write_str(e->keys, "notes.txt", "remember to add the key"), 0);
	assert_int_equal(unlink(tfs_path(e->keys, "comms.pub")), 0);
	tu_sh("cp %s.pub %s/comms.pub", e->key, e->keys);
	assert_int_equal(sign_with(e, e->key), TK_OK);
	run(e, &s);
	assert_true(s.refused_whole);
	report_has(e, "\"notes.txt\" in the trusted keys folder: it is not a minisign public key");
	/* Not a file (a folder or a FIFO named like a key). */
	assert_int_equal(unlink(tfs_path(e->keys, "notes.txt")), 0);
	assert_int_equal(mkfifo(tfs_path(e->keys, "pipe.pub"), 0644), 0);
	run(e, &s);
	assert_true(s.refused_whole);
	report_has(e, "\"pipe.pub\" in the trusted keys folder: it cannot be read as a file");
	assert_int_equal(unlink(tfs_path(e->keys, "pipe.pub")), 0);
	assert_int_equal(mkdir(tfs_path(e->keys, "old.pub"), 0755), 0);
	run(e, &s);
	assert_true(s.refused_whole);
	/* A key of ticker 0.1 says what to do. */
	assert_int_equal(rmdir(tfs_path(e->keys, "old.pub")), 0);
	assert_int_equal(tfs_write_str(e->keys, "old.pub", "ticker-ed25519-public AAAA old\n"), 0);
	run(e, &s);
	report_has(e, "a key of ticker 0.1; make a new key with \"ticker keygen\"");
	/* Fixed: the service flag goes. */
	assert_int_equal(unlink(tfs_path(e->keys, "old.pub")), 0);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_false(tfs_exists(e->cache, ".service"));
}

/* A .pub the service user may not read (the case that failed open): the
 * keyring reports it, so the importer refuses every stick. Run as an
 * unprivileged user (nobody) in a child when the tests run as root. */
static void test_keys_dir_unreadable_key_fails_closed(void **state)
{
	struct env *e = *state;
	char *pub = tfs_read(e->keys, "comms.pub", NULL);
	int status = -1;
	pid_t pid;

	assert_int_equal(tfs_write_str(e->keys, "second.pub", pub), 0);
	free(pub);
	assert_int_equal(chmod(tfs_path(e->keys, "second.pub"), 0), 0);
	assert_int_equal(chmod(e->root, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct tk_keyring *ring = NULL;
		size_t bad = 0;
		const char *why;

		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(3);
		if (tk_sign_keyring_load(e->keys, &ring, &bad) || bad != 1)
			_exit(4);
		why = tk_sign_keyring_problem(ring);
		_exit(why && strstr(why, "\"second.pub\" in the trusted keys folder: the ticker is "
					 "not allowed to read it")
			  ? 0
			  : 5);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- issue 9 item 19: unsigned_sticks ---- */

static void unsigned_controls(struct env *e)
{
	art(e, "a.txt", "Passer-by story");
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Evacuate now\n"), 0);
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	assert_int_equal(tfs_write_str(e->stick, "ticker.conf", "speed = 9\n"), 0);
}

static void test_unsigned_stick_articles_only(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;

	/* First boot: no key installed. A cached article is there. */
	assert_int_equal(unlink(tfs_path(e->keys, "comms.pub")), 0);
	art(e, "old.txt", "Old story");
	run(e, &s);
	assert_int_equal(unlink(tfs_path(e->stick, "old.txt")), 0);
	/* A passer-by's stick: URGENT, CLEAR and ticker.conf are refused. */
	unsigned_controls(e);
	run(e, &s);
	assert_false(s.refused_whole);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	assert_true(tfs_exists(e->cache, "old.txt"));
	assert_true(tfs_exists(e->cache, "a.txt"));
	assert_false(tfs_exists(e->cache, ".urgent"));
	assert_false(tfs_exists(e->cache, ".config"));
	report_has(e, "REFUSED    URGENT.txt  --  not used: only a signed stick may do this");
	report_has(e, "REFUSED    CLEAR  --  not used");
	report_has(e, "REFUSED    ticker.conf  --  not used");
	/* REPLACE too. */
	assert_int_equal(unlink(tfs_path(e->stick, "CLEAR")), 0);
	assert_int_equal(tfs_write_str(e->stick, "REPLACE", ""), 0);
	run(e, &s);
	assert_true(tfs_exists(e->cache, "old.txt"));
	report_has(e, "REFUSED    REPLACE  --  not used");
	/* The operator chose all: obeyed. */
	e->cfg.unsigned_sticks = TK_UNSIGNED_ALL;
	run(e, &s);
	assert_true(tfs_exists(e->cache, ".urgent"));
	assert_false(tfs_exists(e->cache, "old.txt"));
	/* none: nothing unsigned at all. */
	e->cfg.unsigned_sticks = TK_UNSIGNED_NONE;
	art(e, "b.txt", "Another");
	run(e, &s);
	assert_true(s.refused_whole);
	assert_false(tfs_exists(e->cache, "b.txt"));
	report_has(e, "unsigned_sticks = none");
}

/* Even a signed stick cannot loosen the trust settings: unsigned_sticks and
 * clock_jump_days are device keys (/etc/ticker/ticker.conf only). */
static void test_stick_cannot_set_trust_keys(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;

	art(e, "a.txt", "Alpha");
	assert_int_equal(tfs_write_str(e->stick, "ticker.conf",
				       "unsigned_sticks = all\nclock_jump_days = 3650\n"),
			 0);
	assert_int_equal(sign_with(e, e->key), TK_OK);
	run(e, &s);
	assert_false(tfs_exists(e->cache, ".config"));
	report_has(e, "SETTINGS: ticker.conf was NOT applied");
	report_has(e, "unsigned_sticks");
	report_has(e, "clock_jump_days");
}

/* ---- issue 9 item 20: rotate and revoke by a signed drop ---- */

static void test_rotate_and_revoke_keys(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char newkey[4300], newpub[4400], oldid[17], *snap;
	struct tk_mkey k;

	snprintf(newkey, sizeof newkey, "%s/next", e->home);
	snprintf(newpub, sizeof newpub, "%s.pub", newkey);
	assert_int_equal(tk_sign_keygen(newkey), TK_OK);
	{
		char *t = tfs_read(e->keys, "comms.pub", NULL);

		assert_int_equal(tk_minisign_parse_pub(t, strlen(t), &k, NULL), TK_OK);
		tk_minisign_id_hex(k.id, oldid);
		free(t);
	}
	/* Revoking the only key (nothing added) would lock the box: refused. */
	art(e, "a.txt", "Alpha");
	assert_int_equal(sign_seq(e, e->key, 0, NULL, NULL, oldid), TK_OK);
	snap = tfs_list(e->cache);
	assert_refused_unchanged(e, snap, "would revoke every trusted key");
	free(snap);
	/* Rotation: the old key adds the new one and revokes itself. */
	assert_int_equal(sign_seq(e, e->key, 0, NULL, newpub, oldid), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	report_has(e, "is now trusted");
	report_has(e, "is revoked");
	/* The old key, even with a higher sequence, no longer gets in. */
	art(e, "b.txt", "Beta");
	assert_int_equal(sign_seq(e, e->key, 50, NULL, NULL, NULL), TK_OK);
	snap = tfs_list(e->cache);
	assert_refused_unchanged(e, snap, "does not trust (or one that was revoked)");
	free(snap);
	/* The new one does. */
	assert_int_equal(sign_seq(e, newkey, 0, NULL, NULL, NULL), TK_OK);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_true(tfs_exists(e->cache, "b.txt"));
}

/* ---- issue 9 item 18: the clock ---- */

#define DAY 86400

/* A 40-day jump forward (no RTC, a bad NTP answer) used to expire most
 * articles. Now nothing expires until a later import confirms the time. */
static void test_clock_jump_expires_nothing(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	const int64_t t0 = 1800000000;

	assert_int_equal(unlink(tfs_path(e->keys, "comms.pub")), 0);
	art(e, "old.txt", "Old story");
	run_at(e, &s, t0);
	/* Files keep the import time; make the article old enough to expire. */
	{
		struct timespec ts[2] = {{t0, 0}, {t0, 0}};

		assert_int_equal(utimensat(AT_FDCWD, tfs_path(e->cache, "old.txt"), ts, 0), 0);
	}
	assert_int_equal(unlink(tfs_path(e->stick, "old.txt")), 0);
	art(e, "new.txt", "New story");
	run_at(e, &s, t0 + 40 * DAY);
	assert_true(tfs_exists(e->cache, "old.txt"));
	report_has(e, "Clock:    the ticker's clock jumped more than 7 days");
	/* The daily expiry timer alone does not confirm the jump. */
	{
		struct tk_cache *c = NULL;

		assert_int_equal(tk_cache_open(e->cache, &c), TK_OK);
		assert_false(tk_import_trust_expire_ok(c, &e->cfg, t0 + 40 * DAY + 3600));
		tk_cache_close(c);
	}
	/* A later import at a consistent time confirms it: expiry runs. */
	run_at(e, &s, t0 + 40 * DAY + 7200);
	assert_false(tfs_exists(e->cache, "old.txt"));
	report_has(e, "this import confirms the clock's jump");
	assert_true(tfs_exists(e->cache, "new.txt"));
}

/* A first import with the clock at 2031, then the clock is corrected: the
 * 2031 reading must not stay "the newest time" for good. The first import
 * after the correction reports it, the next one confirms it. */
static void test_clock_2031_corrected(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	const int64_t y2031 = 1953000000, now = 1800000000;
	struct tk_trust t;
	char *txt;

	assert_int_equal(unlink(tfs_path(e->keys, "comms.pub")), 0);
	art(e, "a.txt", "Alpha");
	run_at(e, &s, y2031);
	run_at(e, &s, now);
	report_has(e, "days behind the newest time it had seen");
	run_at(e, &s, now + 3600);
	txt = tfs_read(e->cache, ".trust", NULL);
	assert_int_equal(tk_trust_parse(txt, strlen(txt), &t), TK_OK);
	assert_int_equal(t.newest_time, now + 3600);
	assert_int_equal(t.pending_time, 0);
	free(txt);
	/* Pure rules: within the bound, a jump, its confirmation. */
	assert_int_equal(tk_trust_clock_judge(&t, now + 2 * DAY, 7 * DAY), TK_CLOCK_OK);
	assert_int_equal(tk_trust_clock_judge(&t, now + 40 * DAY, 7 * DAY), TK_CLOCK_JUMP);
	tk_trust_clock_note(&t, now + 40 * DAY, TK_CLOCK_JUMP);
	assert_int_equal(t.newest_time, now + 3600);
	assert_int_equal(tk_trust_clock_judge(&t, now + 40 * DAY + 60, 7 * DAY), TK_CLOCK_CONFIRM);
	/* A reading before the pending one confirms nothing. */
	assert_int_equal(tk_trust_clock_judge(&t, now + 30 * DAY, 7 * DAY), TK_CLOCK_JUMP);
}

/* A wrong clock at import (2031) wrote an expiry date years ahead: the
 * display bounds the notice by the time it has actually been shown. */
static void test_urgent_bounded_by_shown_time(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	struct tk_trust_shown sh0;
	int64_t ms = 1000, bound;
	char text[] = "Fire drill";
	int shown = 1;

	memset(&sh0, 0, sizeof sh0);
	e->cfg.urgent_hours = 2;
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Fire drill\n"), 0);
	art(e, "a.txt", "Alpha");
	assert_int_equal(sign_with(e, e->key), TK_OK);
	run_at(e, &s, 1953000000); /* 2031 */
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	bound = tk_trust_urgent_seconds(e->cache);
	assert_int_equal(bound, 7200);
	/* The display checks once a second; after two hours shown it stops,
	 * whatever the date says. */
	for (int i = 0; i < 7300 && shown; i++, ms += 1000)
		shown = tk_trust_shown_tick(&sh0, text, bound, ms);
	assert_false(shown);
	assert_true(ms >= 7200 * 1000 && ms <= 7203 * 1000);
	/* A new notice starts its own count; a long suspend counts 5 s at most. */
	assert_true(tk_trust_shown_tick(&sh0, "Other", bound, ms));
	assert_true(tk_trust_shown_tick(&sh0, "Other", bound, ms + 9000000));
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
	    cmocka_unit_test_setup_teardown(test_replay_old_clear_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_replay_old_urgent_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_sequence_unchanged, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_interrupted_import_redone, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_recovery_after_runaway_sequence, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sign_sequence_is_a_counter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_trust_needs_recovery, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_minisign_signed_drop_accepted, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ticker_signed_verified_by_minisign, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_old_format_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sign_refuses_secret_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sign_warns_world_readable_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sign_refuses_partial_listing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sign_refuses_password_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sign_cli_refuses, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_dir_tolerates_os_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_dir_unusable_fails_closed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_dir_unreadable_key_fails_closed, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_unsigned_stick_articles_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stick_cannot_set_trust_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rotate_and_revoke_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_clock_jump_expires_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_clock_2031_corrected, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_urgent_bounded_by_shown_time, setup, teardown),
	};

	tu_init();
	return cmocka_run_group_tests_name("sign", tests, NULL, NULL);
}
