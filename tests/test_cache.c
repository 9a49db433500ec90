/* Cache: atomic staging and commit, content dedup, limits, expiry, REPLACE
 * journal, and the fault loops: fail the N-th write/fsync/rename for every N,
 * crash at the N-th step for every N, disk full, allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "err.h"
#include "mem.h"
#include "testfs.h"

static const int64_t NOW = 1800000000; /* 2027-01-15 */

static const struct tk_cache_limits NOLIMIT = {0, 0, 0, 1800000000};

static void sha(const char *s, unsigned char out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)s, strlen(s));
}

static int put(struct tk_cache *c, const char *name, const char *text)
{
	unsigned char h[32];

	sha(text, h);
	return tk_cache_stage(c, name, text, strlen(text), h);
}

/* Import name=text pairs (NULL-terminated) in one commit. */
static int import(const char *dir, enum tk_cache_mode mode, const char *const *kv)
{
	struct tk_cache *c = NULL;
	int err = tk_cache_open(dir, &c);

	for (; !err && kv[0]; kv += 2) {
		unsigned char h[32];

		sha(kv[1], h);
		if (tk_cache_match(c, kv[0], h, NULL) != TK_CACHE_SAME)
			err = put(c, kv[0], kv[1]);
	}
	if (!err)
		err = tk_cache_commit(c, mode, &NOLIMIT, NULL);
	tk_cache_close(c);
	return err;
}

static void set_age(const char *dir, const char *name, int64_t t)
{
	char path[4096];
	struct timespec ts[2] = {{(time_t)t, 0}, {(time_t)t, 0}};

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static void test_stage_commit_visible(void **state)
{
	char *dir = tfs_mkdtemp(), *s;
	struct tk_cache *c = NULL;
	struct tk_cache_changes ch;

	(void)state;
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(put(c, "a.txt", "Alpha\n\nBody a."), TK_OK);
	assert_int_equal(put(c, "b.md", "# Beta\n\nBody b."), TK_OK);
	/* Staged files are invisible until commit. */
	assert_int_equal(tfs_exists(dir, "a.txt"), 0);
	assert_int_equal(tfs_count(dir, ".tmp-"), 2);
	assert_int_equal(tk_cache_touched_count(c), 2);
	assert_int_equal(tk_cache_commit(c, TK_CACHE_MERGE, &NOLIMIT, &ch), TK_OK);
	assert_int_equal(ch.added, 2);
	assert_int_equal(tk_cache_count(c), 2);
	assert_int_equal(tfs_count(dir, ".tmp-"), 0);
	s = tfs_read(dir, "a.txt", NULL);
	assert_string_equal(s, "Alpha\n\nBody a.");
	free(s);
	s = tfs_read(dir, ".generation", NULL);
	assert_string_equal(s, "1\n");
	free(s);
	tk_cache_close(c);

	/* Reopen: the index gives the same hashes; a second commit bumps the generation. */
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(tk_cache_count(c), 2);
	assert_int_equal(tk_cache_generation(c), 1);
	{
		unsigned char h[32];
		const char *holder = NULL;

		sha("# Beta\n\nBody b.", h);
		assert_int_equal(tk_cache_match(c, "other.md", h, &holder), TK_CACHE_SAME);
		assert_string_equal(holder, "b.md");
		sha("Alpha changed", h);
		assert_int_equal(tk_cache_match(c, "a.txt", h, NULL), TK_CACHE_CHANGED);
		assert_int_equal(tk_cache_match(c, "new.txt", h, NULL), TK_CACHE_NEW);
	}
	assert_int_equal(tk_cache_commit(c, TK_CACHE_MERGE, &NOLIMIT, NULL), TK_OK);
	assert_int_equal(tk_cache_generation(c), 2);
	tk_cache_close(c);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_leftovers_and_lock(void **state)
{
	char *dir = tfs_mkdtemp(), sub[4200];
	struct tk_cache *c = NULL, *c2 = NULL;

	(void)state;
	assert_int_equal(tfs_write_str(dir, ".tmp-123-1", "half an artic"), 0);
	assert_int_equal(tfs_write_str(dir, "whole.txt", "A whole article"), 0);
	snprintf(sub, sizeof sub, "%s/subdir", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(tfs_count(dir, ".tmp-"), 0);
	assert_int_equal(tk_cache_count(c), 1); /* the directory is not an article */
	/* One importer at a time. */
	assert_int_equal(tk_cache_open(dir, &c2), TK_EBUSY);
	assert_null(c2);
	tk_cache_close(c);
	assert_int_equal(tk_cache_open(dir, &c2), TK_OK);
	tk_cache_close(c2);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_limits_evict_oldest(void **state)
{
	char *dir = tfs_mkdtemp(), *s;
	struct tk_cache *c = NULL;
	struct tk_cache_changes ch;
	struct tk_cache_limits lim = {3, 0, 0, NOW};
	const char *const first[] = {"old1.txt", "one",	  "old2.txt", "two",
				     "old3.txt", "three", NULL};

	(void)state;
	assert_int_equal(import(dir, TK_CACHE_MERGE, first), TK_OK);
	set_age(dir, "old1.txt", NOW - 300);
	set_age(dir, "old2.txt", NOW - 100);
	set_age(dir, "old3.txt", NOW - 200);
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(put(c, "new1.txt", "four"), TK_OK);
	assert_int_equal(put(c, "new2.txt", "five"), TK_OK);
	assert_int_equal(tk_cache_commit(c, TK_CACHE_MERGE, &lim, &ch), TK_OK);
	assert_int_equal(ch.evicted, 2);
	tk_cache_close(c);
	s = tfs_list(dir);
	assert_string_equal(s, "new1.txt\nnew2.txt\nold2.txt");
	free(s);

	/* Bytes limit: 10 bytes keeps only what fits, newest first. */
	lim.max_articles = 0;
	lim.max_bytes = 9;
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(tk_cache_commit(c, TK_CACHE_MERGE, &lim, &ch), TK_OK);
	assert_true(tk_cache_bytes(c) <= 9);
	tk_cache_close(c);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_expiry(void **state)
{
	char *dir = tfs_mkdtemp(), *s;
	struct tk_cache *c = NULL;
	struct tk_cache_limits lim = {0, 0, 30, NOW};
	const char *const kv[] = {"stale.txt", "stale", "fresh.txt", "fresh",
				  "again.txt", "again", NULL};
	size_t n = 0;
	unsigned char h[32];

	(void)state;
	assert_int_equal(import(dir, TK_CACHE_MERGE, kv), TK_OK);
	set_age(dir, "stale.txt", NOW - 31 * 86400);
	set_age(dir, "fresh.txt", NOW - 29 * 86400);
	set_age(dir, "again.txt", NOW - 40 * 86400);
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	/* Supplied again unchanged: renewed, not expired. */
	sha("again", h);
	assert_int_equal(tk_cache_match(c, "again.txt", h, NULL), TK_CACHE_SAME);
	assert_int_equal(tk_cache_commit(c, TK_CACHE_MERGE, &lim, NULL), TK_OK);
	tk_cache_close(c);
	s = tfs_list(dir);
	assert_string_equal(s, "again.txt\nfresh.txt");
	free(s);
	/* Standalone expiry for a running display. */
	set_age(dir, "fresh.txt", NOW - 31 * 86400);
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(tk_cache_expire(c, &lim, &n), TK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(tk_cache_count(c), 1);
	tk_cache_close(c);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_replace_and_journal(void **state)
{
	char *dir = tfs_mkdtemp(), *s;
	struct tk_cache *c = NULL;
	const char *const old[] = {"a.txt", "A", "b.txt", "B", "c.txt", "C", NULL};
	const char *const neu[] = {"b.txt", "B", "d.txt", "D", "e.txt", "C", NULL};

	(void)state;
	assert_int_equal(import(dir, TK_CACHE_MERGE, old), TK_OK);
	assert_int_equal(import(dir, TK_CACHE_REPLACE, neu), TK_OK);
	/* e.txt has c.txt's content: kept under the cached name, not duplicated. */
	s = tfs_list(dir);
	assert_string_equal(s, "b.txt\nc.txt\nd.txt");
	free(s);
	assert_int_equal(tfs_exists(dir, ".pending"), 0);

	/* An interrupted REPLACE whose journal was written is finished at open. */
	assert_int_equal(tfs_write_str(dir, ".pending", "ticker-pending 1\nd.txt\nend\n"), 0);
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	s = tfs_list(dir);
	assert_string_equal(s, "d.txt");
	free(s);
	assert_int_equal(tk_cache_count(c), 1);
	tk_cache_close(c);
	s = tfs_list(dir);
	assert_string_equal(s, "d.txt");
	free(s);
	assert_int_equal(tfs_exists(dir, ".pending"), 0);
	/* A torn journal is ignored, never trusted. */
	assert_int_equal(tfs_write_str(dir, ".pending", "ticker-pending 1\nnothing"), 0);
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(tk_cache_count(c), 1);
	tk_cache_close(c);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_state_files(void **state)
{
	char *dir = tfs_mkdtemp(), *s, buf[64];
	struct tk_cache *c = NULL;
	char longtext[400];

	(void)state;
	memset(longtext, 'x', sizeof longtext - 1);
	longtext[sizeof longtext - 1] = '\0';
	memcpy(longtext + 199, "\xc3\xa9", 2); /* a 2-byte character across byte 200 */
	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	assert_int_equal(tk_cache_set_banner(c, 1234, longtext), TK_OK);
	s = tfs_read(dir, ".status", NULL);
	assert_int_equal(strlen(s), 5 + 199 + 1);
	free(s);
	assert_int_equal(tk_cache_write_state(c, ".urgent", "99\nFire drill\n", 14), TK_OK);
	assert_int_equal(tk_cache_read_state(c, ".urgent", buf, sizeof buf), TK_OK);
	assert_string_equal(buf, "99\nFire drill\n");
	assert_int_equal(tk_cache_remove_state(c, ".urgent"), TK_OK);
	assert_int_equal(tk_cache_remove_state(c, ".urgent"), TK_OK);
	assert_int_equal(tk_cache_read_state(c, ".urgent", buf, sizeof buf), TK_ENOENT);
	assert_int_equal(tk_cache_write_state(c, "visible", "x", 1), TK_EINVAL);
	tk_cache_close(c);
	tfs_rm_rf(dir);
	free(dir);
}

/* ---- fault loops ---- */

static const char *const OLD[] = {"keep.txt", "Kept article",  "upd.txt", "Old version",
				  "gone.txt", "Replaced away", NULL};
static const char *const NEW[] = {"upd.txt", "New version", "n1.txt",	    "New one", "n2.txt",
				  "New two", "keep.txt",    "Kept article", NULL};

static const char *lookup(const char *const *kv, const char *name)
{
	for (; kv[0]; kv += 2)
		if (!strcmp(kv[0], name))
			return kv[1];
	return NULL;
}

/* After any failure or crash, reopening must show only whole articles, each
 * the old or the new version; no temporary file survives the reopen; merge
 * keeps every old name; REPLACE either keeps every old name or is complete. */
static void verify(const char *dir, enum tk_cache_mode mode)
{
	struct tk_cache *c = NULL;
	char *list, *p, *save = NULL;
	int old_missing = 0, n = 0;

	assert_int_equal(tk_cache_open(dir, &c), TK_OK);
	tk_cache_close(c);
	assert_int_equal(tfs_count(dir, ".tmp-"), 0);
	assert_int_equal(tfs_exists(dir, ".pending"), 0);
	list = tfs_list(dir);
	for (p = strtok_r(list, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char *body = tfs_read(dir, p, NULL);
		const char *o = lookup(OLD, p), *nw = lookup(NEW, p);

		assert_non_null(body);
		if (!((o && !strcmp(body, o)) || (nw && !strcmp(body, nw)))) {
			fprintf(stderr, "%s holds '%s'\n", p, body);
			fail();
		}
		free(body);
		n++;
	}
	free(list);
	for (const char *const *kv = OLD; kv[0]; kv += 2)
		old_missing += !tfs_exists(dir, kv[0]);
	if (mode == TK_CACHE_MERGE || old_missing) {
		assert_true(mode == TK_CACHE_REPLACE || old_missing == 0);
		if (old_missing) { /* complete: exactly the new set */
			assert_int_equal(n, 4);
			for (const char *const *kv = NEW; kv[0]; kv += 2) {
				char *body = tfs_read(dir, kv[0], NULL);

				assert_non_null(body);
				assert_string_equal(body, kv[1]);
				free(body);
			}
		}
	}
}

static char *fresh_old_cache(void)
{
	char *dir = tfs_mkdtemp();

	assert_int_equal(import(dir, TK_CACHE_MERGE, OLD), TK_OK);
	return dir;
}

static void fail_every_step(unsigned mask, int errnum, enum tk_cache_mode mode)
{
	int n, err;

	for (n = 1; n < 200; n++) {
		char *dir = fresh_old_cache();

		tk_io_fail_at(mask, n, errnum);
		err = import(dir, mode, NEW);
		tk_io_fail_at(0, 0, 0);
		if (err)
			assert_true(err == (errnum == ENOSPC ? TK_ENOSPC : TK_EIO) ||
				    err == TK_EIO);
		verify(dir, mode);
		tfs_rm_rf(dir);
		free(dir);
		if (!err)
			break;
	}
	assert_true(n > 1 && n < 200); /* some step failed, and eventually none did */
}

static void test_fail_nth_write_fsync_rename(void **state)
{
	(void)state;
	for (int m = 0; m < 2; m++) {
		enum tk_cache_mode mode = m ? TK_CACHE_REPLACE : TK_CACHE_MERGE;

		fail_every_step(TK_IO_MASK(TK_IO_WRITE), EIO, mode);
		fail_every_step(TK_IO_MASK(TK_IO_FSYNC), EIO, mode);
		fail_every_step(TK_IO_MASK(TK_IO_RENAME), EIO, mode);
		if (mode == TK_CACHE_REPLACE) /* merge unlinks nothing */
			fail_every_step(TK_IO_MASK(TK_IO_UNLINK), EIO, mode);
		fail_every_step(TK_IO_MUTATING, EIO, mode);
	}
}

static void test_disk_full(void **state)
{
	char *dir = fresh_old_cache(), *s;

	(void)state;
	tk_io_fail_at(TK_IO_MASK(TK_IO_WRITE), 2, ENOSPC);
	assert_int_equal(import(dir, TK_CACHE_REPLACE, NEW), TK_ENOSPC);
	tk_io_fail_at(0, 0, 0);
	verify(dir, TK_CACHE_REPLACE);
	s = tfs_list(dir);
	assert_string_equal(s, "gone.txt\nkeep.txt\nupd.txt"); /* nothing committed */
	free(s);
	tfs_rm_rf(dir);
	free(dir);
	fail_every_step(TK_IO_MASK(TK_IO_WRITE) | TK_IO_MASK(TK_IO_FSYNC), ENOSPC, TK_CACHE_MERGE);
}

/* Power cut at the N-th mutating step, for every N, in a child process. */
static void test_crash_every_step(void **state)
{
	(void)state;
	for (int m = 0; m < 2; m++) {
		enum tk_cache_mode mode = m ? TK_CACHE_REPLACE : TK_CACHE_MERGE;
		int n, crashed = 0;

		for (n = 1; n < 300; n++) {
			char *dir = fresh_old_cache();
			int status = 0;
			pid_t pid = fork();

			assert_true(pid >= 0);
			if (pid == 0) {
				tk_io_crash_at(n);
				_exit(import(dir, mode, NEW) ? 1 : 0);
			}
			assert_int_equal(waitpid(pid, &status, 0), pid);
			assert_true(WIFEXITED(status));
			verify(dir, mode);
			tfs_rm_rf(dir);
			free(dir);
			if (WEXITSTATUS(status) == 0)
				break;
			assert_int_equal(WEXITSTATUS(status), TK_IO_CRASH_STATUS);
			crashed++;
		}
		assert_true(crashed > 5 && n < 300);
	}
}

/* Issue 9.17: an article named exactly "end" survives a REPLACE that is cut
 * by a power loss at any step and completed at the next open. */
static void test_article_named_end(void **state)
{
	static const char *const old[] = {"old.txt", "Old", "end", "Ending story", NULL};
	static const char *const neu[] = {"end", "Ending story", "new.txt", "New", NULL};
	int n, crashed = 0;

	(void)state;
	for (n = 1; n < 300; n++) {
		char *dir = tfs_mkdtemp(), *list;
		struct tk_cache *c = NULL;
		int status = 0;
		pid_t pid;

		assert_int_equal(import(dir, TK_CACHE_MERGE, old), TK_OK);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			tk_io_crash_at(n);
			_exit(import(dir, TK_CACHE_REPLACE, neu) ? 1 : 0);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(tk_cache_open(dir, &c), TK_OK);
		tk_cache_close(c);
		list = tfs_list(dir);
		/* Whatever the step: "end" is there, and the old set goes only whole. */
		assert_non_null(strstr(list, "end"));
		if (!tfs_exists(dir, "old.txt"))
			assert_string_equal(list, "end\nnew.txt");
		free(list);
		tfs_rm_rf(dir);
		free(dir);
		if (WEXITSTATUS(status) == 0)
			break;
		crashed++;
	}
	assert_true(crashed > 3 && n < 300);
}

/* Issue 9.17: the display finishes an interrupted REPLACE before it reads the
 * cache (never old and new mixed), unless an import holds the cache. */
static void test_display_recovers_journal(void **state)
{
	static const char *const old[] = {"a.txt", "A", "b.txt", "B", "end", "E", NULL};
	char *dir = tfs_mkdtemp(), *list, *gen;

	(void)state;
	assert_int_equal(import(dir, TK_CACHE_MERGE, old), TK_OK);
	gen = tfs_read(dir, ".generation", NULL);
	/* Nothing interrupted: nothing written. */
	assert_int_equal(tk_cache_recover(dir), TK_OK);
	list = tfs_read(dir, ".generation", NULL);
	assert_string_equal(list, gen);
	free(list);
	assert_int_equal(tfs_write_str(dir, ".pending", "ticker-pending 1\nb.txt\nend\nend\n"), 0);
	/* An importer holds the cache: left to it. */
	{
		char lock[4200];
		int fd;

		snprintf(lock, sizeof lock, "%s/.lock", dir);
		fd = open(lock, O_RDWR | O_CREAT, 0644);
		assert_true(fd >= 0 && !flock(fd, LOCK_EX));
		assert_int_equal(tk_cache_recover(dir), TK_EBUSY);
		close(fd);
	}
	list = tfs_list(dir);
	assert_string_equal(list, "a.txt\nb.txt\nend");
	free(list);
	/* Free: finished, and the generation moves so every reader reloads. */
	assert_int_equal(tfs_write_str(dir, ".pending", "ticker-pending 1\nb.txt\nend\nend\n"), 0);
	assert_int_equal(tk_cache_recover(dir), TK_OK);
	list = tfs_list(dir);
	assert_string_equal(list, "b.txt\nend");
	free(list);
	assert_int_equal(tfs_exists(dir, ".pending"), 0);
	list = tfs_read(dir, ".generation", NULL);
	assert_int_equal(strtoull(list, NULL, 10), strtoull(gen, NULL, 10) + 1);
	free(list);
	free(gen);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_alloc_failures(void **state)
{
	int n, err;

	(void)state;
	for (n = 1; n < 500; n++) {
		char *dir = fresh_old_cache();

		tk_mem_fail_at(n);
		err = import(dir, TK_CACHE_REPLACE, NEW);
		tk_mem_fail_at(0);
		if (err)
			assert_true(err == TK_ENOMEM);
		verify(dir, TK_CACHE_REPLACE);
		tfs_rm_rf(dir);
		free(dir);
		if (!err)
			break;
	}
	assert_true(n > 1 && n < 500);
}

static void test_config_apply(void **state)
{
	char *dir = tfs_mkdtemp();
	struct tk_config cfg;

	(void)state;
	tk_config_defaults(&cfg);
	assert_int_equal(tk_cache_config_apply(dir, &cfg, NULL, NULL), TK_OK);
	assert_int_equal(tfs_write_str(dir, ".config", "speed = 5\nlayout = crawl\n"), 0);
	assert_int_equal(tk_cache_config_apply(dir, &cfg, NULL, NULL), TK_OK);
	assert_int_equal(cfg.speed, 5);
	assert_int_equal(tfs_write_str(dir, ".config", "speed = 7\nbogus = 1\n"), 0);
	assert_int_equal(tk_cache_config_apply(dir, &cfg, NULL, NULL), TK_EINVAL);
	assert_int_equal(cfg.speed, 5); /* whole or nothing */
	tfs_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stage_commit_visible),
	    cmocka_unit_test(test_leftovers_and_lock),
	    cmocka_unit_test(test_limits_evict_oldest),
	    cmocka_unit_test(test_expiry),
	    cmocka_unit_test(test_replace_and_journal),
	    cmocka_unit_test(test_state_files),
	    cmocka_unit_test(test_fail_nth_write_fsync_rename),
	    cmocka_unit_test(test_disk_full),
	    cmocka_unit_test(test_crash_every_step),
	    cmocka_unit_test(test_article_named_end),
	    cmocka_unit_test(test_display_recovers_journal),
	    cmocka_unit_test(test_alloc_failures),
	    cmocka_unit_test(test_config_apply),
	};
	if (getenv("TK_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TK_TEST_FILTER"));
	return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
