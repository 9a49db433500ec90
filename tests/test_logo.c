/* Logo validation and storage: every fixture of tests/data/logo decodes or is
 * refused as its name says (ok-*: decoded at its size or scaled to the stored
 * bound; bad-*: damaged or not a PNG; big-*: over a limit, refused before any
 * decoding); the cache file round-trips and refuses every truncation and a
 * lying header; scaling keeps proportions and never darkens transparent
 * edges; allocation failure at every N is clean. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "logo.h"
#include "mem.h"
#include "testfs.h"
#include "testutil.h"

static char fixdir[4096];

static unsigned char *fixture(const char *name, size_t *len)
{
	unsigned char *b = (unsigned char *)tfs_read(fixdir, name, len);

	assert_non_null(b);
	return b;
}

/* WxH from "...-WxH.png", the size the cache keeps for it. */
static void expected_size(const char *name, int *w, int *h)
{
	const char *dash = strrchr(name, '-');

	assert_non_null(dash);
	assert_int_equal(sscanf(dash + 1, "%dx%d.png", w, h), 2);
	if (*w > TK_LOGO_STORE_MAX || *h > TK_LOGO_STORE_MAX) {
		int big = *w > *h ? *w : *h;

		*w = (*w * TK_LOGO_STORE_MAX + big / 2) / big;
		*h = (*h * TK_LOGO_STORE_MAX + big / 2) / big;
	}
}

static void check_fixture(const char *name)
{
	size_t len = 0;
	unsigned char *b = fixture(name, &len);
	struct tk_logo *l = NULL;
	char why[200];
	int err = tk_logo_decode(b, len, &l, why, sizeof why);

	if (!strncmp(name, "ok-", 3)) {
		int w, h;

		if (err)
			fail_msg("%s: %s", name, why);
		expected_size(name, &w, &h);
		assert_int_equal(l->w, w);
		assert_int_equal(l->h, h);
	} else {
		if (!err)
			fail_msg("%s decoded", name);
		assert_null(l);
		assert_int_equal(err, !strncmp(name, "big-", 4) ? TK_ETOOBIG : TK_EPARSE);
		assert_true(why[0] != '\0');
	}
	tk_logo_free(l);
	free(b);
}

static void test_fixtures(void **state)
{
	DIR *d = opendir(fixdir);
	struct dirent *e;
	int n = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t k = strlen(e->d_name);

		if (k < 4 || strcmp(e->d_name + k - 4, ".png"))
			continue;
		check_fixture(e->d_name);
		n++;
	}
	closedir(d);
	assert_true(n >= 10);
}

/* The pixels: the RGBA fixture's first pixel and its alpha ramp survive. */
static void test_pixels(void **state)
{
	size_t len;
	unsigned char *b = fixture("ok-rgba-64x32.png", &len);
	struct tk_logo *l = NULL, *p = NULL;
	char why[200];

	(void)state;
	assert_int_equal(tk_logo_decode(b, len, &l, why, sizeof why), TK_OK);
	/* x = 10, y = 20: (10*255/64, 20*255/32, 128, 30*255/96) */
	assert_memory_equal(l->px + (20 * 64 + 10) * 4, ((unsigned char[]){39, 159, 128, 79}), 4);
	free(b);
	/* a palette with tRNS: index 0 transparent, 1 opaque blue */
	b = fixture("ok-palette-trns-16x16.png", &len);
	assert_int_equal(tk_logo_decode(b, len, &p, why, sizeof why), TK_OK);
	assert_int_equal(p->px[3], 0);
	assert_memory_equal(p->px + 4, ((unsigned char[]){10, 60, 140, 255}), 4);
	tk_logo_free(p);
	tk_logo_free(l);
	free(b);
}

/* Over the file size limit: refused from the length alone. */
static void test_file_too_large(void **state)
{
	size_t len;
	unsigned char *b = fixture("ok-rgba-64x32.png", &len), *big;
	struct tk_logo *l = NULL;
	char why[200];

	(void)state;
	big = calloc(1, TK_LOGO_FILE_MAX + 1);
	assert_non_null(big);
	memcpy(big, b, len);
	assert_int_equal(tk_logo_decode(big, TK_LOGO_FILE_MAX + 1, &l, why, sizeof why),
			 TK_ETOOBIG);
	assert_non_null(strstr(why, "KB"));
	/* the same bytes within the limit decode (the trailing zeros are never read) */
	assert_int_equal(tk_logo_decode(big, TK_LOGO_FILE_MAX, &l, why, sizeof why), TK_OK);
	tk_logo_free(l);
	assert_int_equal(tk_logo_decode(b, 0, &l, why, sizeof why), TK_EPARSE);
	free(big);
	free(b);
}

/* Every truncation of a good file is refused cleanly, never decoded. */
static void test_truncations(void **state)
{
	size_t len;
	unsigned char *b = fixture("ok-interlaced-33x17.png", &len);
	char why[200];

	(void)state;
	for (size_t n = 0; n < len - 12; n++) { /* the last 12 bytes are IEND */
		struct tk_logo *l = NULL;
		int err = tk_logo_decode(b, n, &l, why, sizeof why);

		if (err != TK_EPARSE)
			fail_msg("cut at %zu of %zu: %d", n, len, err);
		assert_null(l);
	}
	free(b);
}

/* The cache file: round trip, every truncation and a lying header refused. */
static void test_store(void **state)
{
	size_t len, n;
	unsigned char *b = fixture("ok-rgba-64x32.png", &len), *enc = NULL;
	struct tk_logo *l = NULL, *r = NULL;
	char why[200];

	(void)state;
	assert_int_equal(tk_logo_decode(b, len, &l, why, sizeof why), TK_OK);
	assert_int_equal(tk_logo_encode(l, &enc, &n), TK_OK);
	assert_int_equal(n, TK_LOGO_HEADER + 64 * 32 * 4);
	assert_int_equal(tk_logo_parse(enc, n, &r), TK_OK);
	assert_int_equal(r->w, 64);
	assert_int_equal(r->h, 32);
	assert_memory_equal(r->px, l->px, 64 * 32 * 4);
	assert_true(tk_logo_hash(r) == tk_logo_hash(l));
	tk_logo_free(r);
	for (size_t k = 0; k < n; k += k < 64 ? 1 : 997) {
		assert_int_equal(tk_logo_parse(enc, k, &r), TK_EPARSE);
		assert_null(r);
	}
	enc[8] = 0xff; /* width 32767: more pixels than the file holds */
	enc[9] = 0x7f;
	assert_int_equal(tk_logo_parse(enc, n, &r), TK_EPARSE);
	enc[8] = 0;
	enc[9] = 0;
	enc[10] = 1; /* width 65536 */
	assert_int_equal(tk_logo_parse(enc, n, &r), TK_EPARSE);
	enc[10] = 0; /* width 0 */
	assert_int_equal(tk_logo_parse(enc, n, &r), TK_EPARSE);
	enc[0] = 'X';
	enc[8] = 64;
	assert_int_equal(tk_logo_parse(enc, n, &r), TK_EPARSE);
	tk_logo_free(l);
	tk_free(enc);
	free(b);
}

/* Scaling fits the box, keeps proportions, and a transparent neighbour does
 * not darken an opaque colour. */
static void test_scale(void **state)
{
	struct tk_logo *l = NULL, *s = NULL;

	(void)state;
	assert_int_equal(tk_logo_create(400, 100, &l), TK_OK);
	for (int i = 0; i < 400 * 100; i++) {
		unsigned char *p = l->px + (size_t)i * 4;

		if (i % 2) { /* every other pixel transparent black */
			p[0] = 250;
			p[1] = 200;
			p[2] = 100;
			p[3] = 255;
		}
	}
	assert_int_equal(tk_logo_scale(l, 100, 100, &s), TK_OK);
	assert_int_equal(s->w, 100);
	assert_int_equal(s->h, 25);
	assert_memory_equal(s->px, ((unsigned char[]){250, 200, 100, 128}), 4);
	tk_logo_free(s);
	assert_int_equal(tk_logo_scale(l, 1000, 20, &s), TK_OK); /* the height binds */
	assert_int_equal(s->w, 80);
	assert_int_equal(s->h, 20);
	tk_logo_free(s);
	assert_int_equal(tk_logo_scale(l, 1000, 1000, &s), TK_OK); /* never up */
	assert_int_equal(s->w, 400);
	tk_logo_free(s);
	assert_int_equal(tk_logo_scale(l, 0, 10, &s), TK_EINVAL);
	tk_logo_free(l);
}

static void test_alloc_failures(void **state)
{
	size_t len;
	unsigned char *b = fixture("ok-large-1024x800.png", &len);
	int done = 0;

	(void)state;
	for (long n = 1; n < 200 && !done; n++) {
		struct tk_logo *l = NULL;
		char why[200];
		int err;

		tk_mem_fail_at(n);
		err = tk_logo_decode(b, len, &l, why, sizeof why);
		tk_mem_fail_at(0);
		if (err) {
			assert_int_equal(err, TK_ENOMEM);
			assert_null(l);
		} else {
			done = !tk_mem_failed();
		}
		tk_logo_free(l);
	}
	assert_true(done);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixtures),	   cmocka_unit_test(test_pixels),
	    cmocka_unit_test(test_file_too_large), cmocka_unit_test(test_truncations),
	    cmocka_unit_test(test_store),	   cmocka_unit_test(test_scale),
	    cmocka_unit_test(test_alloc_failures),
	};

	tu_init();
	snprintf(fixdir, sizeof fixdir, "%s/tests/data/logo", tu_root());
	return cmocka_run_group_tests_name("logo", tests, NULL, NULL);
}
