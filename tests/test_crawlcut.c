/* Crawl cuts (issue 15): chunk positions after cuts, the word end a cut
 * falls on, and where the crawl resumes in a new playlist. Pure, no SDL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "crawlcut.h"
#include "err.h"
#include "playlist.h"

static void test_map_without_cut(void **state)
{
	struct tk_crawlcut c;

	(void)state;
	tk_crawlcut_init(&c, 1024);
	assert_int_equal(tk_crawlcut_x(&c, 3), 3072);
	assert_int_equal(tk_crawlcut_end(&c, 3), 4096);
	assert_int_equal(tk_crawlcut_chunk(&c, 0), 0);
	assert_int_equal(tk_crawlcut_chunk(&c, 1023), 0);
	assert_int_equal(tk_crawlcut_chunk(&c, 1024), 1);
}

/* A cut inside chunk 2 (at 2500): chunk 2 is shown up to 2500, chunk 3 starts
 * there; positions map to the chunk that shows them. */
static void test_splice_inside_chunk(void **state)
{
	struct tk_crawlcut c;

	(void)state;
	tk_crawlcut_init(&c, 1024);
	assert_int_equal(tk_crawlcut_splice(&c, 2500, 0), 3);
	assert_int_equal(tk_crawlcut_end(&c, 2), 2500);
	assert_int_equal(tk_crawlcut_x(&c, 3), 2500);
	assert_int_equal(tk_crawlcut_x(&c, 4), 3524);
	assert_int_equal(tk_crawlcut_chunk(&c, 2499), 2);
	assert_int_equal(tk_crawlcut_chunk(&c, 2500), 3);
	assert_int_equal(tk_crawlcut_chunk(&c, 3524), 4);
	assert_int_equal(tk_crawlcut_limit(&c, 100), 2500);
	/* a cut on a chunk's first column replaces that chunk */
	assert_int_equal(tk_crawlcut_splice(&c, 3524, 0), 4);
	assert_int_equal(tk_crawlcut_end(&c, 3), 3524);
}

/* At most TK_CUT_SPLICES segments: a further cut waits until the oldest has
 * left the screen (left), and a cut never goes backwards. */
static void test_splice_limits(void **state)
{
	struct tk_crawlcut c;

	(void)state;
	tk_crawlcut_init(&c, 1000);
	assert_true(tk_crawlcut_splice(&c, 1500, 0) > 0);
	assert_true(tk_crawlcut_splice(&c, 2500, 0) > 0);
	assert_int_equal(tk_crawlcut_splice(&c, 3500, 1499), -1);
	assert_int_equal(tk_crawlcut_splice(&c, 2000, 1500), -1);
	assert_true(tk_crawlcut_splice(&c, 3500, 1500) > 0);
	assert_int_equal(tk_crawlcut_chunk(&c, 1600), 2); /* 1500 was inside chunk 1 */
}

/* Word ends: the first in the window; marks beyond a cut are forgotten. */
static void test_marks(void **state)
{
	struct tk_crawlcut c;
	int64_t x = 0;

	(void)state;
	tk_crawlcut_init(&c, 1024);
	tk_crawlcut_mark(&c, 100);
	tk_crawlcut_mark(&c, 300);
	tk_crawlcut_mark(&c, 250); /* not after the last: ignored */
	tk_crawlcut_mark(&c, 900);
	assert_int_equal(tk_crawlcut_find(&c, 120, 1000, &x), 1);
	assert_int_equal(x, 300);
	assert_int_equal(tk_crawlcut_find(&c, 301, 900, &x), 0);
	assert_int_equal(tk_crawlcut_splice(&c, 500, 0), 1);
	assert_int_equal(tk_crawlcut_find(&c, 301, 2000, &x), 0);
	for (int i = 0; i < TK_CUT_MARKS + 10; i++)
		tk_crawlcut_mark(&c, 1000 + i);
	assert_int_equal(tk_crawlcut_find(&c, 0, 100000, &x), 1);
	assert_int_equal(x, 1010); /* the oldest were overwritten */
}

static struct tk_playlist *pl_of(const char *const *heads, size_t n)
{
	struct tk_playlist *pl = NULL;

	assert_int_equal(tk_playlist_create(&pl), TK_OK);
	for (size_t i = 0; i < n; i++) {
		struct tk_item it[2] = {{TK_ITEM_HEADLINE, heads[i], NULL, NULL, NULL, NULL},
					{TK_ITEM_QUOTE, "A quote", "Ana", NULL, NULL, NULL}};

		assert_int_equal(tk_playlist_add(pl, heads[i], "Desk", 1000 - heads[i][0], it, 2),
				 TK_OK);
	}
	assert_int_equal(tk_playlist_sort(pl), TK_OK);
	return pl;
}

/* New articles first; with none, after the last item shown; else 0. */
static void test_resume(void **state)
{
	const char *a[] = {"A", "B", "C"}, *b[] = {"A", "B", "N", "C"}, *c[] = {"A", "C"};
	struct tk_playlist *old = pl_of(a, 3), *add = pl_of(b, 4), *rm = pl_of(c, 2);

	(void)state;
	/* N is new in add: items are A A' B B' C C' N N' (sorted by date) */
	assert_string_equal(add->items[tk_crawlcut_resume(old, add, NULL)].text, "N");
	/* only removals: go on after the last item shown (A's headline) */
	assert_string_equal(rm->items[tk_crawlcut_resume(old, rm, &old->items[0])].text, "A quote");
	/* last shown was B, which is gone: back to the start */
	assert_int_equal(tk_crawlcut_resume(old, rm, &old->items[2]), 0);
	assert_int_equal(tk_crawlcut_resume(NULL, rm, NULL), 0);
	tk_playlist_unref(old);
	tk_playlist_unref(add);
	tk_playlist_unref(rm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_map_without_cut), cmocka_unit_test(test_splice_inside_chunk),
	    cmocka_unit_test(test_splice_limits),   cmocka_unit_test(test_marks),
	    cmocka_unit_test(test_resume),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
