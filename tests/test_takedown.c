/* Take-down (issue 13.8): REMOVE.txt on a stick takes named articles off the
 * ticker at once (by cache name, stick path or headline), the rest stays;
 * refused on an unsigned stick unless unsigned_sticks = all; a line naming
 * nothing on the ticker is reported, and the display's index follows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "config.h"
#include "err.h"
#include "import.h"
#include "io.h"
#include "playlist.h"
#include "sign.h"
#include "testfs.h"
#include "testlog.h"
#include "testutil.h"

static const int64_t NOW = 1800000000;

struct env {
	char *root, *stick, *cache, *keys;
	struct tk_config cfg;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	size_t n;

	e->root = tfs_mkdtemp();
	n = strlen(e->root) + 16;
	e->stick = malloc(n);
	e->cache = malloc(n);
	e->keys = malloc(n);
	snprintf(e->stick, n, "%s/stick", e->root);
	snprintf(e->cache, n, "%s/cache", e->root);
	snprintf(e->keys, n, "%s/keys", e->root);
	mkdir(e->stick, 0755);
	tk_config_defaults(&e->cfg);
	snprintf(e->cfg.cache_dir, sizeof e->cfg.cache_dir, "%s", e->cache);
	snprintf(e->cfg.keys_dir, sizeof e->cfg.keys_dir, "%s", e->keys);
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
	free(e->stick);
	free(e->cache);
	free(e->keys);
	free(e);
	return 0;
}

static void run(struct env *e, struct tk_import_summary *s)
{
	struct tk_import_opts o = {NULL, NOW, NULL, NULL};

	assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, s), TK_OK);
}

static void art(struct env *e, const char *rel, const char *headline)
{
	char text[512];

	snprintf(text, sizeof text,
		 "%s\n\nThe council met on Tuesday to discuss %s in detail.\n"
		 "\"We expect progress by spring,\" said the chair, Maria Lind.\n",
		 headline, headline);
	assert_int_equal(tfs_write_str(e->stick, rel, text), 0);
}

static void fresh_stick(struct env *e)
{
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
}

static void sign_stick(struct env *e)
{
	char key[4200];

	snprintf(key, sizeof key, "%s/comms", e->root);
	tu_sign_stick(e->stick, e->keys, key);
}

/* Three articles on the ticker, from a signed stick. */
static void three(struct env *e)
{
	struct tk_import_summary s;
	char *list;

	art(e, "news/budget.txt", "Budget approved");
	art(e, "news/library.txt", "Library opens late");
	art(e, "sport.txt", "Home team wins");
	sign_stick(e);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	list = tfs_list(e->cache);
	assert_string_equal(list, "news - budget.txt\nnews - library.txt\nsport.txt");
	free(list);
}

static int in_index(struct env *e, const char *name)
{
	char *idx = tfs_read(e->cache, ".records/index", NULL);
	int hit;

	assert_non_null(idx);
	hit = strstr(idx, name) != NULL;
	free(idx);
	return hit;
}

static void test_signed_by_file_name(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *list, *r;

	three(e);
	assert_true(in_index(e, "news - budget.txt"));
	fresh_stick(e);
	assert_int_equal(tfs_write_str(e->stick, "REMOVE.txt",
				       "# wrong quote, take it down\r\n\r\nnews\\budget.txt\r\n"
				       "SPORT.TXT\r\n"),
			 0);
	sign_stick(e);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	list = tfs_list(e->cache);
	assert_string_equal(list, "news - library.txt");
	free(list);
	assert_false(in_index(e, "news - budget.txt"));
	assert_true(in_index(e, "news - library.txt"));
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "removed    news - budget.txt  --  taken off the screen "
				  "(REMOVE.txt line 3)"));
	assert_non_null(strstr(r, "removed    sport.txt  --  taken off the screen (REMOVE.txt "
				  "line 4)"));
	free(r);
	r = tfs_read(e->cache, ".status", NULL);
	assert_non_null(strstr(r, "2 articles removed"));
	free(r);
}

static void test_signed_by_headline_and_unknown(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *list, *r;

	three(e);
	fresh_stick(e);
	art(e, "new.txt", "Bridge closed for repairs");
	assert_int_equal(
	    tfs_write_str(e->stick, "remove", "library opens LATE\nNo such story\nnews/gone.txt\n"),
	    0);
	sign_stick(e);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	list = tfs_list(e->cache);
	assert_string_equal(list, "new.txt\nnews - budget.txt\nsport.txt");
	free(list);
	assert_false(in_index(e, "news - library.txt"));
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "removed    news - library.txt  --  taken off the screen "
				  "(remove line 1)"));
	assert_non_null(strstr(r, "not found  No such story  --  not on the ticker"));
	assert_non_null(strstr(r, "not found  news/gone.txt  --  not on the ticker"));
	assert_non_null(strstr(r, "added      new.txt"));
	free(r);
}

static void test_unsigned_refused_by_default(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *list, *r;

	art(e, "a.txt", "First story");
	art(e, "b.txt", "Second story");
	run(e, &s);
	fresh_stick(e);
	art(e, "c.txt", "Third story");
	assert_int_equal(tfs_write_str(e->stick, "REMOVE.txt", "a.txt\n"), 0);
	run(e, &s);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	list = tfs_list(e->cache);
	assert_string_equal(list, "a.txt\nb.txt\nc.txt");
	free(list);
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(r, "REFUSED    REMOVE.txt"));
	free(r);

	/* The operator's explicit choice lets an unsigned stick take down. */
	e->cfg.unsigned_sticks = TK_UNSIGNED_ALL;
	run(e, &s);
	list = tfs_list(e->cache);
	assert_string_equal(list, "b.txt\nc.txt");
	free(list);
}

/* A full cache disk: the take-down still runs (an unlink needs no room), and
 * the room it frees lets the display's index be rewritten without it. */
static void test_full_disk(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *list, *real;

	tlog_expect_errors(); /* the full disk is logged */
	three(e);
	fresh_stick(e);
	assert_int_equal(tfs_write_str(e->stick, "REMOVE.txt", "Budget approved\n"), 0);
	sign_stick(e);
	real = realpath(e->cache, NULL);
	assert_non_null(real);
	tk_io_disk_full(real);
	run(e, &s);
	tk_io_disk_full(NULL);
	free(real);
	list = tfs_list(e->cache);
	assert_string_equal(list, "news - library.txt\nsport.txt");
	free(list);
	assert_false(in_index(e, "news - budget.txt"));
	assert_true(in_index(e, "sport.txt"));
	list = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(strstr(list, "removed    news - budget.txt"));
	free(list);
}

/* Shown articles of the cache at time now, as the display loads them. */
static size_t shown_at(struct env *e, int64_t now)
{
	struct tk_playlist_opts po;
	struct tk_playlist *pl = NULL;
	size_t n;

	tk_playlist_opts_from_config(&e->cfg, &po);
	po.records_only = 1;
	po.now = now;
	assert_int_equal(tk_playlist_load(e->cache, &po, 1, &pl), TK_OK);
	n = pl->n_articles;
	tk_playlist_unref(pl);
	return n;
}

/* SCHEDULE.txt: a window in the future hides an article until it opens, one
 * in the past hides it for good, the index carries the windows and the
 * display filters by them; a bad date or an unknown name is reported. NOW is
 * 2027-01-15. */
static void test_show_dates(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r, *idx;

	three(e);
	assert_int_equal(shown_at(e, NOW), 3);
	fresh_stick(e);
	assert_int_equal(tfs_write_str(e->stick, "schedule.txt",
				       "news/budget.txt   from 2027-02-01  until 2027-02-28\r\n"
				       "sport.txt  until 2027-01-01\n"
				       "Library opens late  from 2027-01-01\n"
				       "nowhere.txt  from 2027-01-01\n"
				       "sport.txt  from 2027-13-01\n"
				       "sport.txt  from 2027-02-30\n"),
			 0);
	sign_stick(e);
	run(e, &s);
	r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);
	assert_non_null(
	    strstr(r, "dates      news - budget.txt  --  show dates set (schedule.txt line 1)"));
	assert_non_null(strstr(r, "dates      news - library.txt  --  show dates set"));
	assert_non_null(strstr(r, "no dates   nowhere.txt  --  not on the ticker"));
	assert_non_null(strstr(r, "no dates   sport.txt  from 2027-13-01  --  not a date"));
	assert_non_null(strstr(r, "no dates   sport.txt  from 2027-02-30  --  not a date"));
	assert_non_null(strstr(r, "news - budget.txt  (since "));
	assert_non_null(strstr(r, "; shown from 2027-02-01 until 2027-02-28: NOT SHOWN NOW)"));
	assert_non_null(strstr(r, "; shown from 2027-01-01)"));
	free(r);
	idx = tfs_read(e->cache, ".records/index", NULL);
	assert_non_null(strstr(idx, "/-/")); /* sport: until only */
	free(idx);
	assert_int_equal(shown_at(e, NOW), 1);		    /* only the library */
	assert_int_equal(shown_at(e, NOW + 30 * 86400), 2); /* budget opens (2027-02-14) */
	assert_int_equal(shown_at(e, NOW + 60 * 86400), 1); /* budget over */
	assert_int_equal(shown_at(e, NOW - 60 * 86400), 1); /* before: sport only */

	/* A later stick's import keeps the windows. */
	fresh_stick(e);
	art(e, "extra.txt", "Extra story");
	sign_stick(e);
	run(e, &s);
	assert_int_equal(shown_at(e, NOW), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_signed_by_file_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_signed_by_headline_and_unknown, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unsigned_refused_by_default, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_show_dates, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
