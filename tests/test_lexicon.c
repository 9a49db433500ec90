/* Word lists (lexicon.c) and lookups (lex.c): every list stays sorted
 * bytewise, without duplicates or ASCII capitals, so that the binary search
 * finds each of its words; the tokenizer keeps words, numbers and marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"
#include "lexicon.h"

static void test_lists_sorted(void **state)
{
	size_t i, k;

	(void)state;
	assert_true(tk_lexicon_nlists > 0);
	for (i = 0; i < tk_lexicon_nlists; i++) {
		const struct tk_wordlist *l = tk_lexicon_lists[i];
		assert_non_null(l->name);
		assert_true(l->n > 0);
		for (k = 0; k < l->n; k++) {
			const char *w = l->words[k], *c;
			for (c = w; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					fail_msg("%s: \"%s\" has a capital", l->name, w);
			if (k > 0 && strcmp(l->words[k - 1], w) >= 0)
				fail_msg("%s: \"%s\" before \"%s\"", l->name, l->words[k - 1], w);
			if (!tk_span_in_list(w, 0, strlen(w), l->words, l->n))
				fail_msg("%s: \"%s\" not found", l->name, w);
		}
	}
}

static void test_lookup_case(void **state)
{
	const char *p = "Said SAYS told Sprecherin banana";
	struct tk_tok t[8];
	size_t n = tk_tokenize(p, 0, strlen(p), t, 8);

	(void)state;
	assert_int_equal(n, 5);
	assert_true(tk_word_in(p, &t[0], &tk_lx_verbs));
	assert_true(tk_word_in(p, &t[1], &tk_lx_verbs));
	assert_true(tk_word_in(p, &t[2], &tk_lx_verbs));
	assert_true(tk_word_in(p, &t[3], &tk_lx_roles));
	assert_false(tk_word_in(p, &t[4], &tk_lx_verbs));
}

static void test_tokenize(void **state)
{
	const char *p = "“We’re at 82,000,” said Jean-Luc O’Neill.";
	struct tk_tok t[16];
	size_t n = tk_tokenize(p, 0, strlen(p), t, 16);

	(void)state;
	assert_int_equal(n, 10);
	assert_int_equal(t[0].kind, TK_T_QMARK);
	assert_int_equal(t[1].e - t[1].s, strlen("We’re"));
	assert_int_equal(t[3].kind, TK_T_NUM);
	assert_int_equal(t[3].e - t[3].s, 6);
	assert_int_equal(t[4].punct, ',');
	assert_int_equal(t[5].kind, TK_T_QMARK);
	assert_true(t[7].cap);
	assert_int_equal(t[7].e - t[7].s, strlen("Jean-Luc"));
	assert_true(tk_is_sentence_end(p, strlen(p), strlen(p) - 1));
}

static void test_sentence_end(void **state)
{
	const char *p = "Dr. Lee met Janet Q. Rivers. Then she left.";

	(void)state;
	assert_false(tk_is_sentence_end(p, strlen(p), 2));
	assert_false(tk_is_sentence_end(p, strlen(p), 18));
	assert_true(tk_is_sentence_end(p, strlen(p), 27));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lists_sorted),
	    cmocka_unit_test(test_lookup_case),
	    cmocka_unit_test(test_tokenize),
	    cmocka_unit_test(test_sentence_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
