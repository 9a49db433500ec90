/* The display's loader: content fingerprints, and a new generation with the
 * same content posts no playlist (the crawl carries on) while a changed one
 * does; the display state file round-trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "display_state.h"
#include "err.h"
#include "loader.h"
#include "playlist.h"
#include "logo.h"
#include "testfs.h"
#include "testutil.h"

static struct tk_playlist *one(const char *headline, uint64_t gen)
{
	struct tk_playlist *pl = NULL;
	struct tk_item it = {0};

	it.kind = TK_ITEM_HEADLINE;
	it.text = headline;
	assert_int_equal(tk_playlist_create(&pl), TK_OK);
	assert_int_equal(tk_playlist_add(pl, headline, "Desk", 1000, &it, 1), TK_OK);
	assert_int_equal(tk_playlist_sort(pl), TK_OK);
	pl->generation = gen;
	return pl;
}

static void test_fingerprint(void **state)
{
	struct tk_playlist *a = one("Tram line opens", 1), *b = one("Tram line opens", 7),
			   *c = one("Tram line closes", 1);

	(void)state;
	assert_true(tk_loader_fingerprint(a) == tk_loader_fingerprint(b));
	assert_true(tk_loader_fingerprint(a) != tk_loader_fingerprint(c));
	tk_playlist_unref(a);
	tk_playlist_unref(b);
	tk_playlist_unref(c);
}

/* crawl_articles: the crawl gets the newest n, in the same order. */
static void test_newest(void **state)
{
	struct tk_playlist *pl = NULL, *sub = NULL;
	struct tk_item it[2] = {{0}, {0}};
	char h[64];

	(void)state;
	assert_int_equal(tk_playlist_create(&pl), TK_OK);
	for (int i = 0; i < 30; i++) {
		snprintf(h, sizeof h, "Headline %d", i);
		it[0].kind = TK_ITEM_HEADLINE;
		it[0].text = h;
		it[1].kind = TK_ITEM_QUOTE;
		it[1].text = "A quote";
		it[1].speaker = "Ana Ruiz";
		assert_int_equal(tk_playlist_add(pl, h, "Desk", 1000 + i * 60, it, 2), TK_OK);
	}
	assert_int_equal(tk_playlist_sort(pl), TK_OK);
	pl->generation = 5;
	assert_int_equal(tk_loader_newest(pl, 20, &sub), TK_OK);
	assert_int_equal(sub->n_articles, 20);
	assert_int_equal(sub->n_items, 40);
	assert_int_equal(sub->generation, 5);
	assert_string_equal(sub->articles[0].headline, "Headline 29");
	assert_string_equal(sub->articles[19].headline, "Headline 10");
	assert_string_equal(sub->items[sub->articles[19].first + 1].speaker, "Ana Ruiz");
	tk_playlist_unref(sub);
	assert_int_equal(tk_loader_newest(pl, 0, &sub), TK_OK);
	assert_ptr_equal(sub, pl);
	tk_playlist_unref(sub);
	assert_int_equal(tk_loader_newest(pl, 30, &sub), TK_OK);
	assert_ptr_equal(sub, pl);
	tk_playlist_unref(sub);
	tk_playlist_unref(pl);
}

/* Written as the cache writes: a new file renamed into place, so the loader
 * thread never reads a half-written .generation (a truncated file read as
 * generation 0 made this test fail now and then). */
static void put(const char *dir, const char *name, const char *text)
{
	char path[512], tmp[520];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s/.tmp-put", dir);
	f = fopen(tmp, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(rename(tmp, path), 0);
}

/* Wait up to 4 s (the loader polls every second) for something posted. */
static int take(struct tk_loader *l, struct tk_playlist **pl)
{
	char st[256], ur[1024];

	for (int i = 0; i < 40; i++) {
		if (tk_loader_take(l, pl, st, sizeof st, ur, sizeof ur))
			return 1;
		usleep(100000);
	}
	return 0;
}

static void test_same_content_not_posted(void **state)
{
	char dir[] = "/tmp/test-loader-XXXXXX";
	struct tk_config cfg;
	struct tk_playlist *pl = NULL, *got = NULL;
	struct tk_loader *l = NULL;

	(void)state;
	tk_config_defaults(&cfg);
	assert_non_null(mkdtemp(dir));
	put(dir, "a.txt",
	    "Tram line opens two months early\n\nThe new line runs every five minutes.\n");
	put(dir, ".generation", "1\n");
	assert_int_equal(tk_loader_load(&cfg, dir, &pl), TK_OK);
	assert_int_equal(tk_loader_start(&cfg, dir, 1, tk_loader_fingerprint(pl), &l), TK_OK);
	put(dir, ".generation", "2\n"); /* the same stick imported again */
	assert_false(take(l, &got) && got);
	tk_playlist_unref(got);
	got = NULL;
	put(dir, "b.txt", "Harbour bridge reopens\n\nWork finished a week early.\n");
	put(dir, ".generation", "3\n");
	assert_true(take(l, &got));
	assert_non_null(got);
	assert_int_equal(got->n_articles, 2);
	assert_int_equal(got->generation, 3);
	tk_loader_stop(l);
	tk_playlist_unref(got);
	tk_playlist_unref(pl);
	tfs_rm_rf(dir);
}

/* A new logo alone is new content: posted; the same logo again is not. */
static void test_logo_change_posted(void **state)
{
	char dir[] = "/tmp/test-loader-XXXXXX", cmd[600];
	struct tk_config cfg;
	struct tk_playlist *pl = NULL, *got = NULL;
	struct tk_loader *l = NULL;

	(void)state;
	tk_config_defaults(&cfg);
	assert_non_null(mkdtemp(dir));
	put(dir, "a.txt",
	    "Tram line opens two months early\n\nThe new line runs every five minutes.\n");
	put(dir, ".generation", "1\n");
	assert_int_equal(tk_loader_load(&cfg, dir, &pl), TK_OK);
	assert_null(pl->logo);
	assert_int_equal(tk_loader_start(&cfg, dir, 1, tk_loader_fingerprint(pl), &l), TK_OK);
	snprintf(cmd, sizeof cmd, "cp '%s/tests/data/logo/ok-emblem-240x96.png' '%s/logo.png'",
		 tu_root(), dir);
	assert_int_equal(system(cmd), 0);
	put(dir, ".generation", "2\n");
	assert_true(take(l, &got));
	assert_non_null(got);
	assert_non_null(got->logo);
	assert_int_equal(got->logo->w, 240);
	assert_int_equal(got->n_articles, 1); /* logo.png is not an article */
	tk_playlist_unref(got);
	got = NULL;
	put(dir, ".generation", "3\n");
	assert_false(take(l, &got) && got);
	tk_loader_stop(l);
	tk_playlist_unref(got);
	tk_playlist_unref(pl);
	tfs_rm_rf(dir);
}

static void test_state_file(void **state)
{
	char dir[] = "/tmp/test-dstate-XXXXXX", line[512];
	struct tk_display_info in = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(tk_display_state_read(dir, line, sizeof line), TK_ENOENT);
	snprintf(in.path, sizeof in.path, "software-window");
	snprintf(in.driver, sizeof in.driver, "x11");
	snprintf(in.renderer, sizeof in.renderer, "software");
	snprintf(in.gl_renderer, sizeof in.gl_renderer, "llvmpipe (LLVM 15)");
	in.software_gl = 1;
	in.w = 1920;
	in.h = 1080;
	in.refresh_hz = 60;
	snprintf(in.why, sizeof in.why, "GL is software");
	assert_int_equal(tk_display_state_write(dir, &in), TK_OK);
	assert_int_equal(tk_display_state_read(dir, line, sizeof line), TK_OK);
	assert_string_equal(line, "path=software-window driver=x11 renderer=software "
				  "gl=\"llvmpipe (LLVM 15)\" software-gl mode=1920x1080@60Hz "
				  "vsync=off (GL is software)");
	tfs_rm_rf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fingerprint),
	    cmocka_unit_test(test_newest),
	    cmocka_unit_test(test_same_content_not_posted),
	    cmocka_unit_test(test_logo_change_posted),
	    cmocka_unit_test(test_state_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
