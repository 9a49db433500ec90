/* `ticker preview`: a contact sheet of the first cards at the screen's size,
 * with the stick's urgent notice shown (and not read as an article). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "err.h"
#include "io.h"
#include "preview.h"
#include "render.h"
#include "testfs.h"
#include "testlog.h"
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

/* Whether rows [12, 12 + rows) of the sheet's first quadrant in b are rows
 * of a moved up by 0..max_up rows (the quadrant's left half, 160 px). */
static int shifted_same(const unsigned char *a, const unsigned char *b, int rows, int max_up)
{
	for (int up = 0; up <= max_up; up++) {
		int same = 1;

		for (int r = 12; r < 12 + rows && same; r++)
			same = !memcmp(b + (size_t)r * 960, a + (size_t)(r + up) * 960, 160 * 3);
		if (same)
			return 1;
	}
	return 0;
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
	 * headline area of the first card is the same as without it, moved up
	 * at most a few rows to keep clear of the notice */
	for (int q = 0; q < 4; q++)
		assert_true(quad_diff(plain, q, urgent, q) > 500);
	assert_true(shifted_same(plain, urgent, 30, 12));
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

/* ---- TICKER-PREVIEW.png on the stick after `ticker import` ---- */

struct stick {
	char *dir, stick[200], cache[200];
	struct tk_config cfg;
};

/* A stick with three articles, a cache whose display last ran at 640x360. */
static struct stick *stick_new(void)
{
	struct stick *k = calloc(1, sizeof *k);

	assert_non_null(k);
	k->dir = tfs_mkdtemp();
	snprintf(k->stick, sizeof k->stick, "%s/stick", k->dir);
	snprintf(k->cache, sizeof k->cache, "%s/cache", k->dir);
	assert_int_equal(mkdir(k->stick, 0755), 0);
	assert_int_equal(mkdir(k->cache, 0755), 0);
	put(k->stick, "a-harbour.txt",
	    "Harbour ferry returns after repairs\n\nThe ferry runs again.\n");
	put(k->stick, "b-library.txt",
	    "Library opens on Sundays from May\n\nLonger hours start soon.\n");
	put(k->stick, "c-garden.txt",
	    "Roof garden grows 200 kg of tomatoes\n\nStaff picked them.\n");
	put(k->cache, ".display",
	    "path=gles2 driver=kmsdrm renderer=opengles2 gl=\"V3D 4.2\" mode=640x360@60Hz "
	    "vsync=on (test)\n");
	tk_config_defaults(&k->cfg);
	snprintf(k->cfg.assets_dir, sizeof k->cfg.assets_dir, "%s/assets", tu_root());
	snprintf(k->cfg.cache_dir, sizeof k->cfg.cache_dir, "%s", k->cache);
	k->cfg.require_signature = TK_NO;
	return k;
}

static void stick_free(struct stick *k)
{
	tfs_rm_rf(k->dir);
	free(k->dir);
	free(k);
}

/* `ticker import STICK` (the command, with its preview hook), plus extra args. */
static int import_cmd(struct stick *k, const char *extra)
{
	char cmd[] = "import", *argv[] = {cmd, k->stick, (char *)extra, NULL};

	return tk_cmd_import(extra ? 3 : 2, argv, &k->cfg);
}

/* The size of the PNG at dir/name; fails the test when it is no PNG. */
static void png_size(const char *dir, const char *name, unsigned *w, unsigned *h)
{
	char path[700];
	png_image img;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_file(&img, path));
	*w = img.width;
	*h = img.height;
	png_image_free(&img);
}

/* The importer's check of an urgent notice, at the screen's size (no display
 * state: 1920x1080): a short one fits on one line, a long one takes lines
 * in smaller letters, 1000 bytes seen from 15 m are cut (and said). */
static void test_urgent_fit(void **state)
{
	struct tk_config cfg;
	struct tk_urgent_fit f;
	char big[1100];
	size_t n = 0;

	(void)state;
	tk_config_defaults(&cfg);
	snprintf(cfg.assets_dir, sizeof cfg.assets_dir, "%s/assets", tu_root());
	snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "/nonexistent");
	assert_int_equal(tk_preview_urgent_fit(&cfg, "Lift closed today", &f), TK_OK);
	assert_int_equal(f.lines, 1);
	assert_int_equal(f.pct, 100);
	while (n < 600)
		n += (size_t)snprintf(big + n, sizeof big - n, "Use the east stairs. ");
	assert_int_equal(tk_preview_urgent_fit(&cfg, big, &f), TK_OK);
	assert_true(f.lines > 2);
	assert_false(f.cut);
	while (n < 1000)
		n += (size_t)snprintf(big + n, sizeof big - n, "Use the east stairs. ");
	cfg.viewing_distance = 1500;
	assert_int_equal(tk_preview_urgent_fit(&cfg, big, &f), TK_OK);
	assert_true(f.cut);
	assert_int_equal(f.size, f.floor); /* never below the legible size */
}

static void test_stick_preview_written(void **state)
{
	struct stick *k = stick_new();
	unsigned w = 0, h = 0;
	size_t n = 0;
	char *rep, *png;

	(void)state;
	tlog_hold();
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	tlog_release();
	png = tfs_read(k->stick, "TICKER-PREVIEW.png", &n);
	assert_non_null(png);
	assert_true(n > 1000);
	assert_int_equal(memcmp(png, "\x89PNG\r\n\x1a\n", 8), 0);
	free(png);
	/* at the screen's last-known geometry */
	png_size(k->stick, "TICKER-PREVIEW.png", &w, &h);
	assert_int_equal(w, 640);
	assert_int_equal(h, 360);
	rep = tfs_read(k->stick, "TICKER-REPORT.txt", NULL);
	assert_non_null(rep);
	assert_non_null(
	    strstr(rep, "Preview:  TICKER-PREVIEW.png shows what the screen shows now"));
	assert_non_null(strstr(rep, "640x360"));
	/* no temporary file left behind, and the preview is no article */
	assert_int_equal(tfs_count(k->stick, ".TICKER-PREVIEW"), 0);
	free(rep);
	/* plugged in again: replaced, never listed as a file of the stick */
	tlog_hold();
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	tlog_release();
	rep = tfs_read(k->stick, "TICKER-REPORT.txt", NULL);
	assert_null(strstr(rep, "  ignored    TICKER-PREVIEW.png"));
	assert_null(strstr(rep, "an image"));
	free(rep);
	/* rotated a quarter turn: the sheet is portrait */
	k->cfg.rotation = 90;
	tlog_hold();
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	tlog_release();
	png_size(k->stick, "TICKER-PREVIEW.png", &w, &h);
	assert_int_equal(w, 360);
	assert_int_equal(h, 640);
	stick_free(k);
}

static void test_stick_preview_off(void **state)
{
	struct stick *k = stick_new();

	(void)state;
	tlog_hold();
	assert_int_equal(import_cmd(k, "--no-preview"), TK_EXIT_OK);
	assert_int_equal(tfs_exists(k->stick, "TICKER-PREVIEW.png"), 0);
	k->cfg.stick_preview = 0;
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	assert_int_equal(tfs_exists(k->stick, "TICKER-PREVIEW.png"), 0);
	tlog_release();
	stick_free(k);
}

/* A symlink planted under the preview's name is replaced, never followed. */
static void test_stick_preview_symlink(void **state)
{
	struct stick *k = stick_new();
	char link[700], target[700];
	struct stat st;
	char *t;

	(void)state;
	put(k->dir, "precious.txt", "not to be overwritten\n");
	snprintf(target, sizeof target, "%s/precious.txt", k->dir);
	snprintf(link, sizeof link, "%s/TICKER-PREVIEW.png", k->stick);
	assert_int_equal(symlink(target, link), 0);
	tlog_hold();
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	tlog_release();
	t = tfs_read(k->dir, "precious.txt", NULL);
	assert_string_equal(t, "not to be overwritten\n");
	free(t);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	stick_free(k);
}

/* A folder in the way: a report line, the import itself succeeds. */
static void test_stick_preview_folder(void **state)
{
	struct stick *k = stick_new();
	char d[700], *rep;

	(void)state;
	snprintf(d, sizeof d, "%s/TICKER-PREVIEW.png", k->stick);
	assert_int_equal(mkdir(d, 0755), 0);
	tlog_hold();
	tlog_expect_errors();
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	tlog_release();
	rep = tfs_read(k->stick, "TICKER-REPORT.txt", NULL);
	assert_non_null(rep);
	assert_non_null(strstr(rep, "Preview:  TICKER-PREVIEW.png was not written: the stick has "
				    "a folder with the preview's name"));
	assert_non_null(strstr(rep, "3 added"));
	free(rep);
	stick_free(k);
}

/* A write-protected stick: no preview and no report, the import succeeds. */
static void test_stick_preview_read_only(void **state)
{
	struct stick *k = stick_new();
	char *real;

	(void)state;
	real = realpath(k->stick, NULL);
	assert_non_null(real);
	tlog_hold();
	tlog_expect_errors();
	tk_io_fail_under(real);
	tk_io_fail_at(TK_IO_MUTATING, 1, EROFS);
	assert_int_equal(import_cmd(k, NULL), TK_EXIT_OK);
	tk_io_fail_at(0, 0, 0);
	tk_io_fail_under(NULL);
	assert_true(tlog_errors() >= 2); /* the preview and the report, each said */
	tlog_release();
	free(real);
	assert_int_equal(tfs_exists(k->stick, "TICKER-PREVIEW.png"), 0);
	assert_int_equal(tfs_exists(k->stick, "TICKER-REPORT.txt"), 0);
	assert_int_equal(tfs_count(k->stick, ".TICKER"), 0);
	assert_int_equal(tfs_exists(k->cache, "b-library.txt"), 1);
	stick_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sheet_cards_and_urgent),
	    cmocka_unit_test(test_urgent_fit),
	    cmocka_unit_test(test_stick_preview_written),
	    cmocka_unit_test(test_stick_preview_off),
	    cmocka_unit_test(test_stick_preview_symlink),
	    cmocka_unit_test(test_stick_preview_folder),
	    cmocka_unit_test(test_stick_preview_read_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
