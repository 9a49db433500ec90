/* `ticker preview`: a contact sheet of the first cards at the screen's size,
 * with the stick's urgent notice shown (and not read as an article). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "preview.h"
#include "testutil.h"

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Render dir at 320x180 and read the sheet back (RGB). */
static unsigned char *sheet_of(const char *dir, const char *out)
{
	struct tk_config cfg;
	struct tk_display_opts o;
	png_image img;
	unsigned char *px;

	tk_config_defaults(&cfg);
	snprintf(cfg.assets_dir, sizeof cfg.assets_dir, "%s/assets", tu_root());
	memset(&o, 0, sizeof o);
	o.cfg = &cfg;
	o.dir = dir;
	o.out = out;
	o.width = 320;
	o.height = 180;
	assert_int_equal(tk_display_preview(&o), TK_EXIT_OK);
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_file(&img, out));
	assert_int_equal(img.width, 320);
	assert_int_equal(img.height, 180);
	img.format = PNG_FORMAT_RGB;
	px = malloc(PNG_IMAGE_SIZE(img));
	assert_non_null(px);
	assert_true(png_image_finish_read(&img, NULL, px, 0, NULL));
	return px;
}

/* Bytes that differ between two quadrants (q = 0..3) of a 320x180 sheet. */
static size_t quad_diff(const unsigned char *a, int qa, const unsigned char *b, int qb)
{
	size_t n = 0;

	for (int y = 0; y < 89; y++)
		for (int x = 0; x < 159 * 3; x++)
			n += a[(size_t)((qa / 2) * 90 + y) * 960 + (qa % 2) * 480 + x] !=
			     b[(size_t)((qb / 2) * 90 + y) * 960 + (qb % 2) * 480 + x];
	return n;
}

static void test_sheet_cards_and_urgent(void **state)
{
	char dir[] = "/tmp/tk-preview-XXXXXX", out[600], out2[600];
	unsigned char *plain, *urgent;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put(dir, "a-harbour.txt", "Harbour ferry returns after repairs\n\nThe ferry runs again.\n");
	put(dir, "b-library.txt",
	    "Library opens on Sundays from May\n\nLonger hours start soon.\n");
	put(dir, "c-garden.txt", "Roof garden grows 200 kg of tomatoes\n\nStaff picked them.\n");
	snprintf(out, sizeof out, "%s.png", dir);
	snprintf(out2, sizeof out2, "%s-u.png", dir);
	plain = sheet_of(dir, out);
	/* each quadrant is a different card */
	assert_true(quad_diff(plain, 0, plain, 1) > 1000);
	assert_true(quad_diff(plain, 1, plain, 2) > 1000);
	put(dir, "URGENT.txt", "Fire drill at 11:00: leave by the main stairs.\n");
	urgent = sheet_of(dir, out2);
	/* the notice shows on every card, and is not a card of its own: the
	 * headline area of the first card is the same as without it */
	for (int q = 0; q < 4; q++)
		assert_true(quad_diff(plain, q, urgent, q) > 500);
	assert_int_equal(memcmp(plain, urgent, 960 * 30), 0);
	free(plain);
	free(urgent);
	unlink(out);
	unlink(out2);
	for (int i = 0; i < 4; i++) {
		static const char *names[] = {"a-harbour.txt", "b-library.txt", "c-garden.txt",
					      "URGENT.txt"};
		char p[600];

		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sheet_cards_and_urgent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
