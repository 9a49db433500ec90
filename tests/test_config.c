/* Configuration: defaults, parsing, validation, whole-or-nothing updates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "err.h"

struct reports {
	int n;
	int lines[16];
	char keys[16][64];
};

static void collect(void *ctx, int line, const char *key, const char *msg)
{
	struct reports *r = ctx;

	(void)msg;
	if (r->n < 16) {
		r->lines[r->n] = line;
		strncpy(r->keys[r->n], key, 63);
	}
	r->n++;
}

static void test_defaults(void **state)
{
	struct tk_config c;

	(void)state;
	tk_config_defaults(&c);
	assert_string_equal(c.cache_dir, "/var/lib/ticker/cache");
	assert_int_equal(c.max_file_bytes, 4L << 20);
	assert_int_equal(c.speed, 2);
	assert_int_equal(c.require_signature, TK_AUTO);
}

static void test_parse_good(void **state)
{
	const char *text = "# a comment\n\n  speed = 3  \r\nlayout=crawl\ncrawl_bg = \"#102030\"\n"
			   "require_signature = yes\nlabels = off\nurgent_name = 'ALERT.txt'\n";
	struct tk_config c;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_parse(&c, text, strlen(text), collect, &r), TK_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(c.speed, 3);
	assert_int_equal(c.layout, TK_LAYOUT_CRAWL);
	assert_int_equal(c.crawl_bg, 0x102030ff);
	assert_int_equal(c.require_signature, TK_YES);
	assert_int_equal(c.labels, 0);
	assert_string_equal(c.urgent_name, "ALERT.txt");
}

static void test_parse_reports_every_problem(void **state)
{
	const char *text = "speed = fast\nbogus = 1\nrotation = 45\nno equals sign\n"
			   "speed = 99\ncrawl_fg = #12\nlayout = sideways\nspeed = 4\n";
	struct tk_config c;
	struct reports r = {0};

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_parse(&c, text, strlen(text), collect, &r), TK_EINVAL);
	assert_int_equal(r.n, 7);
	assert_int_equal(r.lines[0], 1);
	assert_string_equal(r.keys[1], "bogus");
	assert_int_equal(r.lines[2], 3);
	assert_int_equal(r.lines[3], 4);
	assert_int_equal(r.lines[6], 7);
	assert_int_equal(c.speed, 4); /* good lines still apply: callers parse into a copy */
}

static void test_set_numbers_strictly(void **state)
{
	struct tk_config c;
	const char *msg = NULL;

	(void)state;
	tk_config_defaults(&c);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "12abc", &msg), TK_EINVAL);
	assert_non_null(msg);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "", &msg), TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "99999999999999999999999", &msg),
			 TK_EINVAL);
	assert_int_equal(tk_config_set(&c, "max_file_bytes", "1024", &msg), TK_OK);
	assert_int_equal(c.max_file_bytes, 1024);
	assert_int_equal(tk_config_set(&c, "rotation", "270", &msg), TK_OK);
	assert_int_equal(c.rotation, 270);
}

static void test_dump_round_trips(void **state)
{
	struct tk_config a, b;
	char buf[8192];
	size_t n;

	(void)state;
	tk_config_defaults(&a);
	a.speed = 5;
	a.accent = 0x11223344;
	snprintf(a.font, sizeof a.font, "/usr/share/fonts/x.ttf");
	n = tk_config_dump(&a, buf, sizeof buf);
	assert_true(n < sizeof buf);
	tk_config_defaults(&b);
	assert_int_equal(tk_config_parse(&b, buf, n, NULL, NULL), TK_OK);
	assert_memory_equal(&a, &b, sizeof a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_parse_reports_every_problem),
	    cmocka_unit_test(test_set_numbers_strictly),
	    cmocka_unit_test(test_dump_round_trips),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
