/* Card time that follows the reader: word counts (spaces, Chinese and
 * Japanese), frames clamped between the shortest and longest time, and the
 * card schedule (uniform: exactly frame / card_frames, as before reading
 * times; variable: periods and starts agree everywhere). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "cardtime.h"
#include "err.h"
#include "mem.h"

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(tk_cardtime_words(NULL), 0);
	assert_int_equal(tk_cardtime_words(""), 0);
	assert_int_equal(tk_cardtime_words("  \n\t "), 0);
	assert_int_equal(tk_cardtime_words("Tram line opens"), 3);
	assert_int_equal(tk_cardtime_words(" Tram  line\nopens two-months early. "), 5);
	assert_int_equal(tk_cardtime_words("Ça coûte 4,3 millions €"), 5);
	/* Japanese: 10 characters are 5 words; Chinese with ASCII digits */
	assert_int_equal(tk_cardtime_words("新しい路線が開通した"), 5);
	assert_int_equal(tk_cardtime_words("地铁 15 站"), 1 + 1 + 1);
	assert_int_equal(tk_cardtime_words("东京"), 1);
	assert_int_equal(tk_cardtime_words("Νέα γραμμή μετρό"), 3);
}

static void test_frames(void **state)
{
	(void)state;
	/* off: the shortest time */
	assert_int_equal(tk_cardtime_frames(500, 0, 10, 30, 60), 600);
	/* 30 words at 180 wpm = 10 s */
	assert_int_equal(tk_cardtime_frames(30, 180, 5, 30, 60), 600);
	/* rounded up to a whole frame: 31 words = 10.33 s = 620 frames */
	assert_int_equal(tk_cardtime_frames(31, 180, 5, 30, 60), 620);
	assert_int_equal(tk_cardtime_frames(3, 180, 5, 30, 60), 300);	  /* never under min */
	assert_int_equal(tk_cardtime_frames(3000, 180, 5, 30, 60), 1800); /* never over max */
	assert_int_equal(tk_cardtime_frames(3000, 180, 12, 8, 50), 600);  /* max < min: min */
	assert_int_equal(tk_cardtime_frames(30, 180, 5, 30, 0), 10);	  /* fps 0 counts as 1 */
}

/* Uniform: the period and offset are frame / card_frames and frame % card_frames. */
static void test_uniform(void **state)
{
	struct tk_cardsched cs = {0};
	int64_t one = 600;

	(void)state;
	assert_int_equal(tk_cardsched_set(&cs, &one, 1, 0, 0), TK_OK);
	for (int64_t f = 0; f < 100000; f += 37) {
		int64_t in, len, p = tk_cardsched_period(&cs, f, &in, &len);

		assert_int_equal(p, f / 600);
		assert_int_equal(in, f % 600);
		assert_int_equal(len, 600);
		assert_int_equal(tk_cardsched_start(&cs, p), p * 600);
	}
	tk_cardsched_free(&cs);
	assert_null(cs.start);
}

static void test_variable(void **state)
{
	struct tk_cardsched cs = {0};
	int64_t fr[] = {300, 900, 450}, cum = 2000;

	(void)state;
	assert_int_equal(tk_cardsched_set(&cs, fr, 0, 0, 0), TK_EINVAL);
	fr[1] = 0;
	assert_int_equal(tk_cardsched_set(&cs, fr, 3, 0, 0), TK_EINVAL);
	fr[1] = 900;
	/* from period 7 at frame 2000 on */
	assert_int_equal(tk_cardsched_set(&cs, fr, 3, 7, 2000), TK_OK);
	assert_int_equal(cs.cycle, 1650);
	for (int64_t p = 7; p < 40; p++) {
		int64_t in, len, len0 = fr[(p - 7) % 3];

		assert_int_equal(tk_cardsched_start(&cs, p), cum);
		assert_int_equal(tk_cardsched_period(&cs, cum, &in, &len), p);
		assert_int_equal(in, 0);
		assert_int_equal(len, len0);
		assert_int_equal(tk_cardsched_period(&cs, cum + len0 - 1, &in, &len), p);
		assert_int_equal(in, len0 - 1);
		cum += len0;
	}
	tk_cardsched_free(&cs);
}

static void test_alloc_failure(void **state)
{
	struct tk_cardsched cs = {0};
	int64_t fr[] = {300, 900};

	(void)state;
	assert_int_equal(tk_cardsched_set(&cs, fr, 2, 0, 0), TK_OK);
	tk_mem_fail_at(1);
	assert_int_equal(tk_cardsched_set(&cs, fr, 1, 5, 50), TK_ENOMEM);
	tk_mem_fail_at(0);
	assert_int_equal(cs.n, 2); /* unchanged */
	assert_int_equal(cs.base_p, 0);
	tk_cardsched_free(&cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words),	  cmocka_unit_test(test_frames),
	    cmocka_unit_test(test_uniform),	  cmocka_unit_test(test_variable),
	    cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests_name("cardtime", tests, NULL, NULL);
}
