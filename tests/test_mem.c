/* Allocator hook and arenas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "err.h"
#include "mem.h"

static void test_fail_nth(void **state)
{
	void *a, *b, *c;

	(void)state;
	tk_mem_fail_at(3);
	a = tk_malloc(10);
	b = tk_malloc(10);
	c = tk_malloc(10);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(c);
	assert_true(tk_mem_failed());
	assert_null(tk_strdup("x")); /* stays failing until reset */
	tk_mem_fail_at(0);
	c = tk_malloc(10);
	assert_non_null(c);
	assert_false(tk_mem_failed());
	tk_free(a);
	tk_free(b);
	tk_free(c);
}

static void test_arena(void **state)
{
	struct tk_arena *a = NULL;
	char *s, *big;

	(void)state;
	assert_int_equal(tk_arena_create(&a), TK_OK);
	s = tk_arena_strndup(a, "hello world", 5);
	assert_string_equal(s, "hello");
	big = tk_arena_alloc(a, 100000);
	assert_non_null(big);
	memset(big, 'x', 100000);
	for (int i = 0; i < 10000; i++) {
		char *p = tk_arena_alloc(a, 7);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 'y', 7);
	}
	assert_string_equal(s, "hello");
	assert_true(tk_arena_used(a) >= 100000 + 70000);
	tk_arena_destroy(a);
	tk_arena_destroy(NULL);
}

static void test_arena_alloc_failure(void **state)
{
	struct tk_arena *a = NULL;

	(void)state;
	tk_mem_fail_at(1);
	assert_int_equal(tk_arena_create(&a), TK_ENOMEM);
	assert_null(a);
	tk_mem_fail_at(2);
	assert_int_equal(tk_arena_create(&a), TK_OK);
	assert_null(tk_arena_alloc(a, 10));
	tk_mem_fail_at(0);
	tk_arena_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fail_nth),
	    cmocka_unit_test(test_arena),
	    cmocka_unit_test(test_arena_alloc_failure),
	};
	return cmocka_run_group_tests_name("mem", tests, NULL, NULL);
}
