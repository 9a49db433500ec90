/* Figure lexicon: the unit and currency tables stay sorted (binary search
 * depends on it) and lookups find what the finder needs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lexicon_fig.h"

static void test_units_sorted(void **state)
{
	size_t n, i;
	const struct tk_fig_unit *u = tk_lexfig_units(&n);

	(void)state;
	assert_true(n > 100);
	for (i = 1; i < n; i++)
		if (strcmp(u[i - 1].word, u[i].word) >= 0)
			fail_msg("units not sorted at \"%s\" / \"%s\"", u[i - 1].word, u[i].word);
}

static void test_currencies_sorted(void **state)
{
	size_t n, i;
	const struct tk_fig_currency *c = tk_lexfig_currencies(&n);

	(void)state;
	assert_true(n > 20);
	for (i = 1; i < n; i++)
		if (strcmp(c[i - 1].text, c[i].text) >= 0)
			fail_msg("currencies not sorted at \"%s\" / \"%s\"", c[i - 1].text,
				 c[i].text);
}

static void test_numwords_sorted(void **state)
{
	size_t n, i;
	const struct tk_fig_numword *w = tk_lexfig_numwords(&n);

	(void)state;
	assert_true(n > 100);
	for (i = 1; i < n; i++)
		if (strcmp(w[i - 1].word, w[i].word) >= 0)
			fail_msg("number words not sorted at \"%s\" / \"%s\"", w[i - 1].word,
				 w[i].word);
	for (i = 0; i < n; i++)
		if (tk_lexfig_numword(w[i].word, strlen(w[i].word)) != &w[i])
			fail_msg("number word \"%s\" not found by its lookup", w[i].word);
	for (i = 0; i < n; i++)
		if (!tk_lexfig_numword_maybe(w[i].word, strlen(w[i].word)))
			fail_msg("number word \"%s\" fails the prefix test", w[i].word);
	assert_false(tk_lexfig_numword_maybe("xylophone", 9));
}

static void test_currency_words_sorted(void **state)
{
	int adj;

	(void)state;
	for (adj = 0; adj < 2; adj++) {
		size_t n, i;
		const struct tk_fig_currency *c = tk_lexfig_currency_words(&n, adj);
		assert_true(n > 20);
		for (i = 1; i < n; i++)
			if (strcmp(c[i - 1].text, c[i].text) >= 0)
				fail_msg("currency words not sorted at \"%s\" / \"%s\"",
					 c[i - 1].text, c[i].text);
		for (i = 0; !adj && i < n; i++)
			if (tk_lexfig_currency_word(c[i].text, strlen(c[i].text)) != &c[i])
				fail_msg("currency word \"%s\" not found", c[i].text);
	}
}

static void test_lookups(void **state)
{
	const struct tk_fig_unit *u;
	const struct tk_fig_currency *c;

	(void)state;
	u = tk_lexfig_unit("GB", 2);
	assert_non_null(u);
	assert_string_equal(u->unit, "GB");
	u = tk_lexfig_unit("Miles", 5); /* case-folded for long words */
	assert_non_null(u);
	assert_string_equal(u->unit, "mi");
	assert_null(tk_lexfig_unit("MI", 2)); /* short symbols are exact */
	u = tk_lexfig_unit("p", 1);
	assert_non_null(u);
	assert_int_equal(u->kind, TK_FIG_MONEY);
	assert_true(u->factor == 0.01);
	u = tk_lexfig_unit("days", 4);
	assert_non_null(u);
	assert_int_equal(u->kind, TK_FIG_DURATION);
	assert_null(tk_lexfig_unit("cheaper", 7));
	c = tk_lexfig_currency("HK$", 3);
	assert_non_null(c);
	assert_string_equal(c->code, "HKD");
	c = tk_lexfig_currency("\xE2\x82\xB9", 3);
	assert_non_null(c);
	assert_string_equal(c->code, "INR");
	assert_null(tk_lexfig_currency("ABC", 3));
	assert_string_equal(tk_lexfig_currency_word("Dollars", 7)->code, "USD");
	assert_string_equal(tk_lexfig_currency_adjective("Hong Kong", 9)->code, "HKD");
	assert_non_null(tk_lexfig_numword("Zwölf", 6));
	assert_true(tk_lexfig_numword("zw\xC3\xB6lf", 6)->value == 12);
	assert_int_equal(tk_lexfig_numword("thirds", 6)->type, TK_NW_FRAC);
	assert_true(tk_lexfig_numword("once", 4)->langs & TK_NL_AMBIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_units_sorted),    cmocka_unit_test(test_currencies_sorted),
	    cmocka_unit_test(test_numwords_sorted), cmocka_unit_test(test_currency_words_sorted),
	    cmocka_unit_test(test_lookups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
