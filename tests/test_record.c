/* Records: every fixture article round-trips through its record with the
 * extractor's ranked items; every cap holds (counts, bytes); damaged records
 * (each truncation, each flipped byte, oversized fields) are refused, never
 * crash; allocation failure at every N is clean. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "err.h"
#include "extract.h"
#include "mem.h"
#include "record.h"
#include "testfs.h"
#include "testutil.h"

static const unsigned char fp1[TK_RECORD_FP_BYTES] = {1, 2,  3,	 4,  5,	 6,  7,	 8,
						      9, 10, 11, 12, 13, 14, 15, 16};

static struct tk_doc *parse(const char *text, size_t len, const char *name)
{
	struct tk_doc *d = NULL;
	const char *why = NULL;
	struct tk_read_opts o = {8u << 20, NULL};

	assert_int_equal(tk_doc_parse(text, len, name, &o, &d, &why), TK_OK);
	return d;
}

static void encode(const struct tk_doc *d, void **bytes, size_t *len)
{
	assert_int_equal(tk_record_encode(d, fp1, bytes, len), TK_OK);
	assert_true(*len <= TK_RECORD_MAX_BYTES);
}

static int str_eq_or_cut(const char *rec, const char *orig)
{
	size_t n;

	if (!orig || !*orig)
		return rec == NULL;
	if (!rec)
		return 0;
	if (!strcmp(rec, orig))
		return 1;
	/* cut: a prefix of the original, then "…" */
	n = strlen(rec);
	return n > 3 && !strcmp(rec + n - 3, "\xe2\x80\xa6") && !strncmp(rec, orig, n - 3);
}

/* Figures recorded with a speaker (quoted), over all fixtures of the round trip. */
static size_t quoted_figures;

/* The record of an article holds the extractor's ranked quotes and figures
 * (a prefix when the byte budget cuts), in the same order. */
static void check_article(const char *file, const struct tk_article *art,
			  const struct tk_record_article *ra)
{
	struct tk_extract_opts xo = {.max_quotes = TK_RECORD_MAX_QUOTES,
				     .max_figures = TK_RECORD_MAX_FIGURES};
	struct tk_extraction *ex = NULL;
	size_t q = 0, f = 0;

	assert_int_equal(tk_extract(art, &xo, &ex), TK_OK);
	if (!str_eq_or_cut(ra->headline, art->headline))
		fail_msg("%s: headline '%s'", file, ra->headline);
	for (size_t i = 0; i < ex->n_items; i++) {
		const struct tk_item *it = &ex->items[i];

		if (it->kind == TK_ITEM_QUOTE && q < ra->n_quotes) {
			assert_true(str_eq_or_cut(ra->quotes[q].text, it->text));
			assert_true(str_eq_or_cut(ra->quotes[q].speaker, it->speaker));
			assert_true(str_eq_or_cut(ra->quotes[q].role, it->role));
			q++;
		} else if (it->kind == TK_ITEM_FIGURE && f < ra->n_figures) {
			assert_true(str_eq_or_cut(ra->figures[f].figure, it->figure));
			assert_true(str_eq_or_cut(ra->figures[f].caption, it->caption));
			assert_true(str_eq_or_cut(ra->figures[f].speaker, it->speaker));
			quoted_figures += ra->figures[f].speaker != NULL;
			f++;
		}
	}
	assert_int_equal(q, ra->n_quotes);
	assert_int_equal(f, ra->n_figures);
	assert_int_equal(ra->date, tk_record_date(art->date));
	tk_extraction_free(ex);
}

static void test_fixtures_round_trip(void **state)
{
	char dir[4096];
	DIR *d;
	struct dirent *e;
	int files = 0;

	(void)state;
	snprintf(dir, sizeof dir, "%s/tests/data/articles", tu_root());
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len;
		char *text;
		struct tk_doc *doc = NULL;
		const char *why = NULL;
		struct tk_read_opts ro = {8u << 20, NULL};
		struct tk_record *rec = NULL;
		void *bytes;
		size_t blen;

		if (e->d_name[0] == '.' || strstr(e->d_name, ".json"))
			continue;
		text = tfs_read(dir, e->d_name, &len);
		assert_non_null(text);
		if (tk_doc_parse(text, len, e->d_name, &ro, &doc, &why)) {
			free(text);
			continue; /* refusal fixtures */
		}
		encode(doc, &bytes, &blen);
		assert_int_equal(tk_record_decode(bytes, blen, &rec), TK_OK);
		assert_memory_equal(rec->fingerprint, fp1, sizeof fp1);
		assert_int_equal(rec->n_articles, tk_doc_count(doc) < TK_RECORD_MAX_ARTICLES
						      ? tk_doc_count(doc)
						      : TK_RECORD_MAX_ARTICLES);
		for (size_t a = 0; a < rec->n_articles; a++)
			check_article(e->d_name, tk_doc_article(doc, a), &rec->articles[a]);
		tk_record_free(rec);
		tk_free(bytes);
		tk_doc_free(doc);
		free(text);
		files++;
	}
	closedir(d);
	assert_true(files >= 20);
	/* "4,000 Americans — Anthony Blinken" reaches the screen through the record */
	assert_true(quoted_figures >= 1);
}

/* Issue 9 item 4: what a record holds is capped whatever the article holds. */
static void test_caps(void **state)
{
	/* A 3,000-word headline, 500 long attributed quotes, 2,000 figures, and a
	 * feed of 300 items: every cap must bite. */
	char *head =
	    tu_repeat("---\ntitle: ", "Harbour ", 100,
		      "\nsource: Coastal Daily Coastal Daily "
		      "Coastal Daily Coastal Daily Coastal Daily Coastal Daily Coastal Daily "
		      "Coastal Daily Coastal Daily Coastal Daily Coastal Daily Coastal Daily\n"
		      "---\n\n",
		      NULL);
	char *quotes = tu_repeat(head,
				 "\"We will build it, and we will build it well, on every street "
				 "of this long town and beyond it,\" said Ana Ruiz, mayor.\n\n",
				 500, "", NULL);
	char *figs = tu_repeat(quotes, "12% ", 2000, "of homes, 4,500 people and $3.5bn.\n", NULL);
	char *feed =
	    tu_repeat("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>",
		      "<item><title>Item</title><description>Prices rose 12% as 4,500 "
		      "people left, said Ana Ruiz.</description></item>",
		      300, "</channel></rss>", NULL);
	const char *inputs[2] = {figs, feed}, *names[2] = {"big.md", "big.rss"};

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct tk_doc *doc = parse(inputs[k], strlen(inputs[k]), names[k]);
		struct tk_record *rec = NULL;
		void *bytes;
		size_t len;

		encode(doc, &bytes, &len);
		assert_int_equal(tk_record_decode(bytes, len, &rec), TK_OK);
		assert_true(rec->n_articles <= TK_RECORD_MAX_ARTICLES);
		if (k == 1)
			assert_int_equal(rec->n_articles, TK_RECORD_MAX_ARTICLES);
		for (size_t a = 0; a < rec->n_articles; a++) {
			const struct tk_record_article *ra = &rec->articles[a];

			assert_true(strlen(ra->headline) <= TK_RECORD_MAX_TEXT);
			assert_true(!ra->source || strlen(ra->source) <= TK_RECORD_MAX_NAME);
			assert_true(ra->n_quotes <= TK_RECORD_MAX_QUOTES);
			assert_true(ra->n_figures <= TK_RECORD_MAX_FIGURES);
			for (size_t i = 0; i < ra->n_quotes; i++)
				assert_true(strlen(ra->quotes[i].text) <= TK_RECORD_MAX_TEXT);
			for (size_t i = 0; i < ra->n_figures; i++) {
				assert_true(strlen(ra->figures[i].text) <= TK_RECORD_MAX_TEXT);
				assert_true(strlen(ra->figures[i].figure) <= TK_RECORD_MAX_FIGURE);
			}
		}
		if (k == 0) {
			/* headline and source were cut, with an ellipsis, at a character boundary
			 */
			assert_int_equal(strlen(rec->articles[0].headline), TK_RECORD_MAX_TEXT);
			assert_string_equal(rec->articles[0].headline + TK_RECORD_MAX_TEXT - 3,
					    "\xe2\x80\xa6");
			assert_int_equal(strlen(rec->articles[0].source), TK_RECORD_MAX_NAME);
			assert_true(rec->articles[0].n_quotes >= 1);
			assert_true(rec->articles[0].n_figures >= 1);
		}
		assert_true(len <= TK_RECORD_MAX_BYTES);
		tk_record_free(rec);
		tk_free(bytes);
		tk_doc_free(doc);
	}
	free(head);
	free(quotes);
	free(figs);
	free(feed);
}

/* The extractor's own output is capped before ranking (a million "12% "). */
static void test_extract_found_cap(void **state)
{
	char *t = tu_repeat("Prices\n\n", "12% \"a b\" ", 200000, "\n", NULL);
	struct tk_doc *doc = parse(t, strlen(t), "pct.txt");
	struct tk_extract_opts xo = {.max_quotes = 3, .max_figures = 2, .all = 1};
	struct tk_extraction *ex = NULL;

	(void)state;
	assert_int_equal(tk_extract(tk_doc_article(doc, 0), &xo, &ex), TK_OK);
	assert_int_equal(ex->n_figures, TK_EXTRACT_MAX_FOUND);
	assert_true(ex->n_quotes <= TK_EXTRACT_MAX_FOUND);
	tk_extraction_free(ex);
	tk_doc_free(doc);
	free(t);
}

static void sample(void **bytes, size_t *len)
{
	const char *t = "Harbour plan approved\n\n\"This is the best day for the harbour in "
			"twenty years of work,\" said Ana Ruiz, the harbour master.\n\n"
			"The plan costs $3.5bn and creates 4,500 jobs.\n";
	struct tk_doc *doc = parse(t, strlen(t), "s.txt");

	encode(doc, bytes, len);
	tk_doc_free(doc);
}

/* Every truncation and every single-byte change is either refused or
 * decodes into something within the caps; never a crash or overread. */
static void test_damaged(void **state)
{
	unsigned char *b, *copy;
	size_t len;
	struct tk_record *rec = NULL;
	unsigned char fp[TK_RECORD_FP_BYTES];

	(void)state;
	sample((void **)&b, &len);
	for (size_t cut = 0; cut < len; cut++) {
		copy = malloc(cut ? cut : 1);
		memcpy(copy, b, cut);
		assert_int_equal(tk_record_decode(copy, cut, &rec), TK_EPARSE);
		assert_null(rec);
		free(copy);
	}
	copy = malloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		static const unsigned char vals[] = {0x00, 0x0a, 0x7f, 0xff, 0xc0};

		for (size_t v = 0; v < sizeof vals; v++) {
			int err;

			memcpy(copy, b, len);
			if (copy[i] == vals[v])
				continue;
			copy[i] = vals[v];
			err = tk_record_decode(copy, len, &rec);
			assert_true(err == TK_OK || err == TK_EPARSE);
			if (!err) {
				for (size_t a = 0; a < rec->n_articles; a++)
					assert_true(strlen(rec->articles[a].headline) > 0);
				tk_record_free(rec);
			}
		}
	}
	/* trailing bytes, wrong version */
	memcpy(copy, b, len);
	copy[len] = 0;
	assert_int_equal(tk_record_decode(copy, len + 1, &rec), TK_EPARSE);
	copy[4] = TK_RECORD_VERSION + 1;
	assert_int_equal(tk_record_decode(copy, len, &rec), TK_EPARSE);
	assert_int_equal(tk_record_peek(copy, len, fp), TK_EPARSE);
	assert_int_equal(tk_record_peek(b, len, fp), TK_OK);
	assert_memory_equal(fp, fp1, sizeof fp);
	free(copy);
	tk_free(b);
}

/* Hand-made records with a field one byte over its cap are refused. */
static void test_over_cap_refused(void **state)
{
	unsigned char *b = calloc(1, TK_RECORD_MAX_BYTES + 16), *p = b;
	struct tk_record *rec = NULL;
	size_t n = TK_RECORD_MAX_TEXT + 1;

	(void)state;
	memcpy(p, "TKRC", 4);
	p[4] = TK_RECORD_VERSION;
	p[6] = 1; /* one article */
	p += 8 + TK_RECORD_FP_BYTES + 8;
	p[0] = (unsigned char)(n & 0xff);
	p[1] = (unsigned char)(n >> 8);
	memset(p + 2, 'a', n);
	p += 2 + n;
	p += 2 + 2; /* empty source, 0 quotes (u8), 0 figures (u8) */
	assert_int_equal(tk_record_decode(b, (size_t)(p - b), &rec), TK_EPARSE);
	/* the same with a headline at the cap is fine */
	p = b + 8 + TK_RECORD_FP_BYTES + 8;
	n = TK_RECORD_MAX_TEXT;
	p[0] = (unsigned char)(n & 0xff);
	p[1] = (unsigned char)(n >> 8);
	p += 2 + n;
	memset(p, 0, 4);
	p += 4;
	assert_int_equal(tk_record_decode(b, (size_t)(p - b), &rec), TK_OK);
	assert_int_equal(strlen(rec->articles[0].headline), TK_RECORD_MAX_TEXT);
	tk_record_free(rec);
	/* too many quotes */
	p[-2] = TK_RECORD_MAX_QUOTES + 1;
	assert_int_equal(tk_record_decode(b, (size_t)(p - b), &rec), TK_EPARSE);
	/* longer than any valid record: refused unread */
	assert_int_equal(tk_record_decode(b, TK_RECORD_MAX_BYTES + 1, &rec), TK_ETOOBIG);
	free(b);
}

static void test_alloc_failures(void **state)
{
	const char *t = "Harbour plan approved\n\n\"This is the best day for the harbour,\" "
			"said Ana Ruiz.\n\nThe plan costs $3.5bn and creates 4,500 jobs.\n";
	struct tk_doc *doc = parse(t, strlen(t), "s.txt");
	int done = 0;

	(void)state;
	for (long n = 1; !done && n < 10000; n++) {
		void *bytes = NULL;
		size_t len = 0;
		struct tk_record *rec = NULL;
		int err;

		tk_mem_fail_at(n);
		err = tk_record_encode(doc, fp1, &bytes, &len);
		if (!err)
			err = tk_record_decode(bytes, len, &rec);
		tk_mem_fail_at(0);
		if (err) {
			assert_int_equal(err, TK_ENOMEM);
			assert_null(rec);
		} else {
			done = !tk_mem_failed();
		}
		tk_record_free(rec);
		tk_free(bytes);
	}
	assert_true(done);
	tk_doc_free(doc);
}

static void test_dates(void **state)
{
	(void)state;
	assert_int_equal(tk_record_date("1970-01-01"), 0);
	assert_int_equal(tk_record_date("2026-03-10"), 1773100800);
	assert_true(tk_record_date("2026-13-10") == TK_RECORD_NO_DATE);
	assert_true(tk_record_date("2026-3-10") == TK_RECORD_NO_DATE);
	assert_true(tk_record_date(NULL) == TK_RECORD_NO_DATE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixtures_round_trip),
	    cmocka_unit_test(test_caps),
	    cmocka_unit_test(test_damaged),
	    cmocka_unit_test(test_over_cap_refused),
	    cmocka_unit_test(test_alloc_failures),
	    cmocka_unit_test(test_extract_found_cap),
	    cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
