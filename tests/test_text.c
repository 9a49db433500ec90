/* Text helpers: encoding sniffing, decoding to UTF-8, line ends, NFC and
 * whitespace cleanup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "text.h"

static char *decode(struct tk_arena *a, const char *bytes, size_t len, const char *declared,
		    const char **enc)
{
	static struct tk_enc_guess g;
	char *out = NULL;
	size_t n = 0;

	tk_text_sniff((const unsigned char *)bytes, len, declared, &g);
	*enc = g.name;
	assert_int_equal(tk_text_decode((const unsigned char *)bytes, len, &g, a, &out, &n), TK_OK);
	assert_int_equal(strlen(out), n);
	return out;
}

static void test_encodings(void **state)
{
	struct tk_arena *a;
	const char *enc;

	(void)state;
	assert_int_equal(tk_arena_create(&a), TK_OK);
	assert_string_equal(decode(a, "plain ascii", 11, NULL, &enc), "plain ascii");
	assert_string_equal(enc, "utf-8");
	assert_string_equal(decode(a,
				   "\xEF\xBB\xBF"
				   "caf\xC3\xA9",
				   8, NULL, &enc),
			    "caf\xC3\xA9");
	assert_string_equal(enc, "utf-8");
	assert_string_equal(decode(a, "\xFF\xFEh\0\xE9\0", 6, NULL, &enc), "h\xC3\xA9");
	assert_string_equal(enc, "utf-16le");
	assert_string_equal(decode(a, "\xFE\xFF\0h\0\xE9", 6, NULL, &enc), "h\xC3\xA9");
	assert_string_equal(enc, "utf-16be");
	/* UTF-16 without a BOM: every other byte is NUL */
	assert_string_equal(decode(a, "h\0i\0 \0t\0h\0e\0r\0e\0", 16, NULL, &enc), "hi there");
	assert_string_equal(enc, "utf-16le");
	/* Word's curly quotes and the euro sign in windows-1252 */
	assert_string_equal(decode(a, "\x93Hi\x94 \x80", 6, NULL, &enc),
			    "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x82\xAC");
	assert_string_equal(enc, "windows-1252");
	assert_string_equal(decode(a, "caf\xE9", 4, NULL, &enc), "caf\xC3\xA9");
	assert_string_equal(enc, "iso-8859-1");
	/* a declaration is honoured for non-UTF-8 bytes, ignored for valid UTF-8 */
	assert_string_equal(decode(a, "caf\xE9", 4, "ISO-8859-15", &enc), "caf\xC3\xA9");
	assert_string_equal(enc, "iso-8859-15");
	assert_string_equal(decode(a, "caf\xC3\xA9", 5, "iso-8859-1", &enc), "caf\xC3\xA9");
	assert_string_equal(enc, "utf-8");
	/* line ends: CRLF and CR become LF; NUL and controls vanish */
	assert_string_equal(decode(a, "a\r\nb\rc\nd\x01", 9, NULL, &enc), "a\nb\nc\nd");
	/* invalid UTF-8 inside mostly valid UTF-8: replacement character */
	assert_string_equal(decode(a,
				   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3"
				   "\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
				   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9x\xFFy",
				   45, NULL, &enc) +
				42,
			    "x\xEF\xBF\xBDy");
	tk_arena_destroy(a);
}

static void test_declared_charset(void **state)
{
	char buf[32];
	const char *h1 = "<html><head><meta charset=\"Windows-1252\">";
	const char *h2 =
	    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">";
	const char *x = "<?xml version=\"1.0\" encoding='UTF-8'?><rss>";

	(void)state;
	assert_true(
	    tk_text_declared_charset((const unsigned char *)h1, strlen(h1), buf, sizeof buf));
	assert_string_equal(buf, "windows-1252");
	assert_true(
	    tk_text_declared_charset((const unsigned char *)h2, strlen(h2), buf, sizeof buf));
	assert_string_equal(buf, "iso-8859-1");
	assert_true(tk_text_declared_charset((const unsigned char *)x, strlen(x), buf, sizeof buf));
	assert_string_equal(buf, "utf-8");
	assert_false(
	    tk_text_declared_charset((const unsigned char *)"<p>no</p>", 9, buf, sizeof buf));
}

static void test_clean(void **state)
{
	struct tk_arena *a;
	int err;
	char *s;

	(void)state;
	assert_int_equal(tk_arena_create(&a), TK_OK);
	s = tk_text_clean(a, "  many \t spaces\n\nand\xC2\xA0lines  ", 30, &err);
	assert_string_equal(s, "many spaces and lines");
	/* NFC: e + combining acute becomes é */
	s = tk_text_clean(a, "cafe\xCC\x81", 6, &err);
	assert_string_equal(s, "caf\xC3\xA9");
	/* a no-break space between digits stays a thousands separator */
	s = tk_text_clean(a,
			  "82\xC2\xA0"
			  "000 people",
			  14, &err);
	assert_string_equal(s, "82\xE2\x80\xAF"
			       "000 people");
	/* zero-width and soft hyphen vanish */
	s = tk_text_clean(a,
			  "ab\xE2\x80\x8B"
			  "c\xC2\xAD"
			  "d",
			  9, &err);
	assert_string_equal(s, "abcd");
	{
		/* output longer than input: every no-break space between digits
		 * grows from 2 to 3 bytes (a fuzzer found the overflow) */
		char in[1198], want[1598];
		size_t k;
		for (k = 0; k < 399; k++) {
			memcpy(in + 3 * k, "1\xC2\xA0", 3);
			memcpy(want + 4 * k, "1\xE2\x80\xAF", 4);
		}
		in[1197] = '1';
		want[1596] = '1';
		want[1597] = '\0';
		s = tk_text_clean(a, in, sizeof in, &err);
		assert_non_null(s);
		assert_int_equal(strlen(s), 1597);
		assert_string_equal(s, want);
	}
	s = tk_text_clean(a, " \n\t ", 4, &err);
	assert_null(s);
	assert_int_equal(err, TK_OK);
	tk_arena_destroy(a);
}

static void test_utf8_helpers(void **state)
{
	char buf[4];
	size_t adv;

	(void)state;
	assert_int_equal(tk_utf8_len((const unsigned char *)"\xE2\x80\x9C", 3), 3);
	assert_int_equal(tk_utf8_len((const unsigned char *)"\xE2\x80", 2), 0);
	assert_int_equal(tk_utf8_len((const unsigned char *)"\xC0\x80", 2), 0);	    /* overlong */
	assert_int_equal(tk_utf8_len((const unsigned char *)"\xED\xA0\x80", 3), 0); /* surrogate */
	assert_int_equal(tk_utf8_get((const unsigned char *)"\xE2\x82\xAC", 3, &adv), 0x20AC);
	assert_int_equal(adv, 3);
	assert_int_equal(tk_utf8_put(0x1F600, buf), 4);
	assert_memory_equal(buf, "\xF0\x9F\x98\x80", 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_encodings),
	    cmocka_unit_test(test_declared_charset),
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_utf8_helpers),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
