/* Article reader: sniffing, refusals, structure of each format, and inputs
 * that must finish with bounded output (100,000 nested tags, a 100,000-item
 * feed). Per-article expectations live in tests/data/articles (test_extract). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "article_int.h"
#include "err.h"
#include "testutil.h"

static struct tk_doc *parse_ok(const char *text, const char *name)
{
	struct tk_doc *d = NULL;
	const char *why = NULL;
	struct tk_read_opts o = {16u << 20, NULL};
	int err = tk_doc_parse(text, strlen(text), name, &o, &d, &why);
	if (err)
		fprintf(stderr, "refused: %s\n", why);
	assert_int_equal(err, TK_OK);
	return d;
}

static void test_sniff_not_extension(void **state)
{
	struct tk_doc *d;

	(void)state;
	d = parse_ok("<html><body><h1>Title</h1><p>Body text here.</p></body></html>", "wrong.txt");
	assert_int_equal(tk_doc_format(d), TK_FMT_HTML);
	tk_doc_free(d);
	d = parse_ok("Title line\n\nJust text <b>with</b> a tag.", "page.html");
	assert_int_equal(tk_doc_format(d), TK_FMT_TXT);
	tk_doc_free(d);
	d = parse_ok("# Title\n\nText", NULL);
	assert_int_equal(tk_doc_format(d), TK_FMT_MD);
	assert_string_equal(tk_doc_article(d, 0)->headline, "Title");
	tk_doc_free(d);
	d = parse_ok("<?xml version=\"1.0\"?><feed "
		     "xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>A</title></entry></feed>",
		     "x.xml");
	assert_int_equal(tk_doc_format(d), TK_FMT_ATOM);
	tk_doc_free(d);
	assert_string_equal(tk_format_name(TK_FMT_RSS), "rss");
}

static void test_txt_paragraphs(void **state)
{
	struct tk_doc *d;
	const struct tk_article *a;

	(void)state;
	/* hard-wrapped paragraphs join; single-newline paragraphs split */
	d = parse_ok(
	    "Headline here\n\nThis first paragraph is wrapped at a fixed width so that it runs\n"
	    "over two lines of text in the file.\n\nSecond paragraph.\n",
	    "a.txt");
	a = tk_doc_article(d, 0);
	assert_int_equal(a->n_paras, 2);
	assert_string_equal(a->paras[1], "Second paragraph.");
	tk_doc_free(d);
	d = parse_ok("Headline\nFirst paragraph on one line.\nSecond paragraph on one line.\n",
		     "a.txt");
	a = tk_doc_article(d, 0);
	assert_int_equal(a->n_paras, 2);
	tk_doc_free(d);
}

static void test_md_markup_stripped(void **state)
{
	struct tk_doc *d;
	const struct tk_article *a;

	(void)state;
	d = parse_ok(
	    "---\ntitle: 'Front matter title'\ndate: 2026-03-10\n---\n\nSome **bold**, _em_ and "
	    "[a link](http://x) with `code` and snake_case_name.\n\n```\ncode block\n```\n",
	    "a.md");
	a = tk_doc_article(d, 0);
	assert_string_equal(a->headline, "Front matter title");
	assert_string_equal(a->date, "2026-03-10");
	assert_int_equal(a->n_paras, 1);
	assert_string_equal(a->paras[0], "Some bold, em and a link with code and snake_case_name.");
	tk_doc_free(d);
}

static void test_html_headline_and_entities(void **state)
{
	struct tk_doc *d;
	const struct tk_article *a;

	(void)state;
	d = parse_ok(
	    "<html><head><title>Bridge reopens &amp; traffic flows - BBC News</title></head>"
	    "<body><p>Caf&eacute; owners &#8220;relieved&#8221;.</p></body></html>",
	    "a.html");
	a = tk_doc_article(d, 0);
	assert_string_equal(a->headline, "Bridge reopens & traffic flows");
	assert_string_equal(a->paras[0], "Caf\xC3\xA9 owners \xE2\x80\x9Crelieved\xE2\x80\x9D.");
	tk_doc_free(d);
}

static void test_refusals(void **state)
{
	struct tk_doc *d = NULL;
	const char *why = NULL;
	struct tk_read_opts small = {10, NULL};

	(void)state;
	assert_int_equal(tk_doc_parse("", 0, "a.txt", NULL, &d, &why), TK_ENOTEXT);
	assert_string_equal(why, "empty file");
	assert_null(d);
	assert_int_equal(tk_doc_parse("%PDF-1.7 rest", 13, "a.txt", NULL, &d, &why), TK_ENOTEXT);
	assert_string_equal(why, "binary file (PDF document)");
	assert_int_equal(tk_doc_parse("hello world, too long", 21, "a.txt", &small, &d, &why),
			 TK_ETOOBIG);
	assert_string_equal(why, "file larger than the size limit");
	assert_int_equal(tk_doc_parse("a\0b\0c\0d\0e\0f\0g", 13, "a.txt", NULL, &d, &why),
			 TK_ENOTEXT);
	assert_string_equal(why, "binary file");
	assert_int_equal(tk_doc_parse("{\\rtf1 hello}", 13, "a.txt", NULL, &d, &why), TK_EUNSUPP);
	assert_null(d);
}

static void test_nested_tags(void **state)
{
	char *b = tu_repeat("<html><body><h1>Deep</h1>", "<div>", 100000,
			    "<p>Bottom text.</p></body></html>", NULL);
	struct tk_doc *d = NULL;
	const char *why = NULL;
	struct tk_read_opts o = {16u << 20, NULL};
	int err;

	(void)state;
	/* libxml2 may stop at its depth limit; either way: no crash, bounded output */
	err = tk_doc_parse(b, strlen(b), "deep.html", &o, &d, &why);
	assert_true(err == TK_OK || why != NULL);
	if (d) {
		assert_true(tk_doc_count(d) == 1);
		assert_true(tk_doc_article(d, 0)->n_paras <= 2);
	}
	tk_doc_free(d);
	free(b);
	b = tu_repeat("Headline\n\n", "<b>", 100000, "text\n", NULL);
	d = parse_ok(b, "tags.txt");
	tk_doc_free(d);
	free(b);
}

static void test_big_feed(void **state)
{
	char *b = tu_repeat(
	    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>",
	    "<item><title>Item</title><description>One line of text.</description></item>", 100000,
	    "</channel></rss>", NULL);
	struct tk_doc *d = parse_ok(b, "big.rss");

	(void)state;
	assert_int_equal(tk_doc_count(d), 100000);
	assert_string_equal(tk_doc_article(d, 99999)->headline, "Item");
	assert_string_equal(tk_doc_article(d, 99999)->source, "Big");
	tk_doc_free(d);
	free(b);
}

/* Bytes tk_md_inline examines for a line of unit repeated to n bytes. */
static size_t md_work(const char *unit, size_t n)
{
	size_t u = strlen(unit), work = 0;
	char *line = malloc(n + 1), *out = malloc(n + 1);

	assert_non_null(line);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		line[i] = unit[i % u];
	line[n] = '\0';
	assert_true(tk_md_inline(line, n, out, &work) <= n);
	free(line);
	free(out);
	return work;
}

/* Issue 9 item 9: a 4 MB line of '<' or "![" took minutes. Linear work means
 * a bounded count per byte, and twice the bytes cost about twice the work. */
static void test_md_inline_linear(void **state)
{
	FILE *f = fopen("tests/data/md-linear/units.txt", "r");
	char unit[64];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(unit, sizeof unit, f)) {
		size_t n = 1u << 16, w1, w2;

		unit[strcspn(unit, "\n")] = '\0';
		if (!unit[0] || unit[0] == '#')
			continue;
		w1 = md_work(unit, n);
		w2 = md_work(unit, 2 * n);
		if (w1 > 4 * n || w2 > 2 * w1 + 64)
			fail_msg("unit \"%s\": work %zu for %zu bytes, %zu for %zu", unit, w1, n,
				 w2, 2 * n);
		cases++;
	}
	fclose(f);
	assert_true(cases >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sniff_not_extension),
	    cmocka_unit_test(test_txt_paragraphs),
	    cmocka_unit_test(test_md_markup_stripped),
	    cmocka_unit_test(test_html_headline_and_entities),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_nested_tags),
	    cmocka_unit_test(test_big_feed),
	    cmocka_unit_test(test_md_inline_linear),
	};
	return cmocka_run_group_tests_name("article", tests, NULL, NULL);
}
