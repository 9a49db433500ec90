/* Import: outcomes per file, modes, urgent notice, settings, the report, and
 * hostile sticks (100,000 files, a sparse 4 GiB file, deep trees, symlink
 * loops, odd names, a FIFO, a file changing while read) plus faults (stick
 * pulled, disk full, crash at every step, allocation failures). Fixture
 * sticks in tests/data/sticks/NAME/ are checked against NAME.expect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "cmd.h"
#include "config.h"
#include "err.h"
#include "import.h"
#include "log.h"
#include "logo.h"
#include "mem.h"
#include "sign.h"
#include "testfs.h"
#include "walk.h"
#include "testlog.h"
#include "testutil.h"

static const int64_t NOW = 1800000000;

struct env {
	char *stick, *cache, *keys;
	struct tk_config cfg;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	char *root = tfs_mkdtemp();
	size_t n = strlen(root) + 16;

	e->stick = malloc(n);
	e->cache = malloc(n);
	e->keys = malloc(n);
	snprintf(e->stick, n, "%s/stick", root);
	snprintf(e->cache, n, "%s/cache", root);
	snprintf(e->keys, n, "%s/keys", root);
	mkdir(e->stick, 0755);
	free(root);
	tk_config_defaults(&e->cfg);
	snprintf(e->cfg.cache_dir, sizeof e->cfg.cache_dir, "%s", e->cache);
	snprintf(e->cfg.keys_dir, sizeof e->cfg.keys_dir, "%s", e->keys);
	/* These tests drive unsigned REPLACE/CLEAR/URGENT/ticker.conf: an operator's
	 * explicit choice (the default refuses them; see test_sign.c). */
	e->cfg.unsigned_sticks = TK_UNSIGNED_ALL;
	*state = e;
	tlog_hold();
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	char *root = strdup(e->stick);

	tlog_release();
	*strrchr(root, '/') = '\0';
	tfs_rm_rf(root);
	free(root);
	free(e->stick);
	free(e->cache);
	free(e->keys);
	free(e);
	return 0;
}

static int run(struct env *e, struct tk_import_summary *s)
{
	struct tk_import_opts o = {NULL, NOW, NULL, NULL};

	return tk_import_run(e->stick, &e->cfg, &o, s);
}

static char *report(struct env *e)
{
	char *r = tfs_read(e->stick, TK_IMPORT_REPORT, NULL);

	assert_non_null(r);
	return r;
}

static void art(struct env *e, const char *rel, const char *headline)
{
	char text[512];

	snprintf(text, sizeof text,
		 "%s\n\nThe council met on Tuesday to discuss %s in detail.\n"
		 "\"We expect progress by spring,\" said the chair, Maria Lind.\n",
		 headline, headline);
	assert_int_equal(tfs_write_str(e->stick, rel, text), 0);
}

static void rm_stick(struct env *e, const char *rel)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/%s", e->stick, rel);
	tfs_rm_rf(path);
}

static void test_outcomes_and_report(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r, *list;

	art(e, "news/budget.txt", "Budget approved for 2027");
	art(e, "bridge.md", "Bridge works begin in May");
	assert_int_equal(
	    tfs_write_str(
		e->stick, "page.html",
		"<html><head><title>Library hours</title></head><body><h1>Library open late</h1>"
		"<p>The central library now stays open until nine on Thursdays.</p></body></html>"),
	    0);
	assert_int_equal(tfs_write_str(e->stick, "empty.txt", ""), 0);
	assert_int_equal(tfs_write(e->stick, "photo.jpg", "\xff\xd8\xff\xe0", 4), 0);
	assert_int_equal(tfs_write_str(e->stick, "Thumbs.db", "junk"), 0);
	assert_int_equal(tfs_write_str(e->stick, "._bridge.md", "junk"), 0);
	assert_int_equal(tfs_write_str(e->stick, ".Trashes/501/x.txt", "Deleted\n\nOld text."), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 3);
	assert_int_equal(s.n[TK_IMPORT_IGNORED], 1);
	assert_int_equal(s.n[TK_IMPORT_REFUSED], 1);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	assert_true(s.report_written);
	list = tfs_list(e->cache);
	assert_string_equal(list, "bridge.md\nnews - budget.txt\npage.html");
	free(list);
	r = report(e);
	assert_non_null(
	    strstr(r, "RESULT:   3 added, 0 updated, 0 unchanged, 1 ignored, 1 refused."));
	assert_non_null(strstr(r, "  REFUSED    empty.txt  --  "));
	assert_non_null(
	    strstr(r, "  added      news/budget.txt  --  \"Budget approved for 2027\""));
	assert_non_null(strstr(r, "  ignored    photo.jpg  --  a photo"));
	assert_non_null(strstr(r, "(3 files left by the computer's operating system"));
	assert_non_null(strstr(r, "NOW ON THE TICKER: 3 article files"));
	assert_null(strstr(r, "Thumbs.db  --"));
	free(r);
	r = tfs_read(e->cache, ".status", NULL);
	assert_non_null(strstr(r, "3 articles added, 1 refused"));
	free(r);

	/* Again: nothing new; the same content under another name is no duplicate. */
	r = tfs_read(e->stick, "bridge.md", NULL);
	assert_int_equal(tfs_write_str(e->stick, "copy.txt", r), 0);
	free(r);
	art(e, "news/budget.txt", "Budget approved for 2027, amended");
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 0);
	assert_int_equal(s.n[TK_IMPORT_UPDATED], 1);
	assert_int_equal(s.n[TK_IMPORT_UNCHANGED], 3);
	list = tfs_list(e->cache);
	assert_string_equal(list, "bridge.md\nnews - budget.txt\npage.html");
	free(list);
	r = report(e);
	assert_non_null(strstr(r, "already on the ticker (same text as \"bridge.md\")"));
	free(r);
}

/* Issue 9.14: a stick with only Word, PDF and photo files says plainly that
 * nothing usable was found, what the ticker reads and how to save as it. */
static void test_nothing_usable(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r;

	assert_int_equal(tfs_write_str(e->stick, "Minutes.docx", "PK\3\4 word"), 0);
	assert_int_equal(tfs_write_str(e->stick, "news/Flyer.pdf", "%PDF-1.7"), 0);
	assert_int_equal(tfs_write(e->stick, "photo.jpg", "\xff\xd8\xff\xe0", 4), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	assert_int_equal(s.n[TK_IMPORT_IGNORED], 3);
	r = report(e);
	assert_null(strstr(r, "Everything went well"));
	assert_non_null(strstr(r, "NOTHING USABLE WAS FOUND"));
	assert_non_null(strstr(r, "plain text (.txt, .text), Markdown (.md, .markdown), web pages "
				  "(.htm, .html, .xhtml), news feeds (.rss, .atom, .xml)."));
	assert_non_null(strstr(r, "\"Plain Text (.txt)\""));
	assert_non_null(strstr(r, "Exit code 1 (partial)"));
	free(r);
	r = tfs_read(e->cache, ".status", NULL);
	assert_non_null(strstr(r, "Nothing usable on the USB stick"));
	free(r);
	/* An urgent notice alone is of use: no such message. */
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Lift out of order\n"), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	r = report(e);
	assert_null(strstr(r, "NOTHING USABLE"));
	free(r);
}

/* Issue 9.21: a stick the USB helper will not mount (ext4 switched off, a
 * damaged one) still gets a calm line on screen: `ticker import --not-read`.
 * And an ext4 stick's lost+found is file-system litter, not a refusal. */
static void test_not_read_banner_and_litter(void **state)
{
	struct env *e = *state;
	char reason[] = "this ticker takes FAT or exFAT sticks only", *r;
	char a0[] = "import", a1[] = "--not-read", a3[] = "--cache";
	char *argv[] = {a0, a1, reason, a3, e->cache, NULL};

	assert_int_equal(tk_cmd_import(5, argv, &e->cfg), TK_EXIT_OK);
	r = tfs_read(e->cache, ".status", NULL);
	assert_non_null(r);
	assert_non_null(
	    strstr(r, "\nUSB stick not read: this ticker takes FAT or exFAT sticks only\n"));
	free(r);
	assert_true(tk_walk_is_junk("lost+found"));
	assert_false(tk_walk_is_junk("lost-and-found.txt"));
}

static void test_replace_clear(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *list, *r;

	art(e, "a.txt", "First story");
	art(e, "b.txt", "Second story");
	assert_int_equal(run(e, &s), TK_OK);
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
	art(e, "c.txt", "Third story");
	art(e, "b.txt", "Second story");
	assert_int_equal(tfs_write_str(e->stick, "replace.txt", ""), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.mode, TK_IMPORT_REPLACE);
	list = tfs_list(e->cache);
	assert_string_equal(list, "b.txt\nc.txt");
	free(list);

	/* REPLACE with nothing importable removes nothing. */
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
	assert_int_equal(tfs_write_str(e->stick, "REPLACE", ""), 0);
	assert_int_equal(tfs_write_str(e->stick, "empty.txt", ""), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	list = tfs_list(e->cache);
	assert_string_equal(list, "b.txt\nc.txt");
	free(list);
	r = report(e);
	assert_non_null(strstr(r, "NOT carried out"));
	free(r);

	/* CLEAR empties the ticker, urgent notice included. */
	assert_int_equal(
	    tfs_write_str(e->stick, "URGENT.txt", "Lift out of order\n\nUse the stairs.\n"), 0);
	rm_stick(e, "REPLACE");
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 1);
	rm_stick(e, "URGENT.txt");
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.mode, TK_IMPORT_CLEAR);
	list = tfs_list(e->cache);
	assert_string_equal(list, "");
	free(list);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 0);
	r = tfs_read(e->cache, ".status", NULL);
	assert_non_null(strstr(r, "Ticker cleared: 0 articles on the ticker now"));
	free(r);
}

/* A stand-in for the screen's layout (the real one is in test_preview). */
static int fake_fit(const struct tk_config *cfg, const char *text, int *lines, int *pct, int *cut)
{
	(void)cfg;
	*lines = strstr(text, "cut") ? 11 : strstr(text, "shrink") ? 5 : 2;
	*pct = strstr(text, "cut") ? 55 : strstr(text, "shrink") ? 70 : 100;
	*cut = strstr(text, "cut") != NULL;
	return TK_OK;
}

static void test_urgent(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *u, expect[64];

	e->cfg.urgent_hours = 2;
	assert_int_equal(
	    tfs_write_str(e->stick, "urgent.TXT",
			  "Fire alarm test at 14:00\n\nNo need to leave the building.\n"),
	    0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	u = tfs_read(e->cache, ".urgent", NULL);
	snprintf(expect, sizeof expect, "%lld 7200\nFire alarm test at 14:00\n",
		 (long long)NOW + 7200);
	assert_memory_equal(u, expect, strlen(expect));
	assert_non_null(strstr(u, "No need to leave the building."));
	free(u);
	assert_int_equal(tfs_count(e->cache, "urgent"), 0); /* not imported as an article */
	/* Too long: cut, and the report says where (never cut silently). */
	{
		char big[1600], *r;
		size_t n = (size_t)snprintf(big, sizeof big, "Lift closed\n\n");

		while (n < 1400)
			n += (size_t)snprintf(big + n, sizeof big - n, "Use the east stairs. ");
		assert_int_equal(tfs_write_str(e->stick, "urgent.TXT", big), 0);
		assert_int_equal(run(e, &s), TK_OK);
		r = report(e);
		assert_non_null(strstr(r,
				       "WARNING: the notice is longer than 1000 bytes: it was CUT "
				       "after \"..."));
		free(r);
	}
	/* Laid out on screen smaller, or cut: the report says which. */
	{
		struct tk_import_opts o = {NULL, NOW, NULL, fake_fit};
		char *r;

		assert_int_equal(tfs_write_str(e->stick, "urgent.TXT",
					       "Lift closed\n\nUse the east "
					       "stairs.\n"),
				 0);
		assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, &s), TK_OK);
		r = report(e);
		assert_null(strstr(r, "smaller letters"));
		assert_null(strstr(r, "does not fit"));
		free(r);
		assert_int_equal(tfs_write_str(e->stick, "urgent.TXT", "Lift closed\n\nshrink\n"),
				 0);
		assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, &s), TK_OK);
		r = report(e);
		assert_non_null(strstr(r,
				       "Note: the notice takes 5 lines on screen, in smaller "
				       "letters (70 % of the usual size) so that it shows whole"));
		free(r);
		assert_int_equal(tfs_write_str(e->stick, "urgent.TXT", "Lift closed\n\ncut\n"), 0);
		assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, &s), TK_OK);
		r = report(e);
		assert_non_null(strstr(r,
				       "WARNING: the notice does not fit on the screen even in "
				       "the smallest readable letters: the screen shows its first "
				       "11 lines"));
		free(r);
	}
	/* An empty one removes the notice. */
	assert_int_equal(tfs_write_str(e->stick, "urgent.TXT", "\r\n"), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 0);
}

static void copy_logo(struct env *e, const char *fixture, const char *as, size_t cut)
{
	char dir[4096];
	size_t n = 0;
	char *b;

	snprintf(dir, sizeof dir, "%s/tests/data/logo", tu_root());
	b = tfs_read(dir, fixture, &n);
	assert_non_null(b);
	assert_int_equal(tfs_write(e->stick, as, b, cut && cut < n ? cut : n), 0);
	free(b);
}

/* logo.png: validated, stored as bounded pixels; a bad one is refused with
 * its reason and the old logo stays; empty or CLEAR removes it; an unsigned
 * stick may not set it where control files need a signature. */
static void test_logo(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	size_t n = 0;
	char *r, *logo, *again;

	art(e, "a.txt", "Library opens on Sundays");
	copy_logo(e, "ok-large-1024x800.png", "Logo.PNG", 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	logo = tfs_read(e->cache, TK_CACHE_LOGO, &n);
	assert_non_null(logo);
	assert_int_equal(n, TK_LOGO_HEADER + 512 * 400 * 4);
	assert_memory_equal(logo, TK_LOGO_MAGIC, 8);
	r = report(e);
	assert_non_null(strstr(r, "Logo:     Logo.PNG is shown on the cards"));
	assert_non_null(strstr(r, "  logo       Logo.PNG  --  logo checked (512x400 pixels kept)"));
	free(r);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 1); /* not an article */
	/* Damaged, too large, not a PNG: refused with a reason, the old logo stays. */
	{
		static const struct {
			const char *fixture, *why;
			size_t cut;
		} bad[] = {
		    {"ok-rgba-64x32.png", "damaged or cut short", 2000},
		    {"big-bomb-60000x60000.png", "60000x60000 pixels; a logo may have at most", 0},
		    {"bad-not-png.png", "not a PNG image", 0},
		};

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			copy_logo(e, bad[i].fixture, "Logo.PNG", bad[i].cut);
			assert_int_equal(run(e, &s), TK_OK);
			assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
			r = report(e);
			assert_non_null(strstr(r, "  REFUSED    Logo.PNG  --  logo not used: "));
			assert_non_null(strstr(r, bad[i].why));
			assert_non_null(strstr(r, "LOGO:     Logo.PNG was NOT used"));
			assert_non_null(strstr(r, "The previous logo (if any) stays"));
			free(r);
			again = tfs_read(e->cache, TK_CACHE_LOGO, NULL);
			assert_non_null(again);
			assert_memory_equal(again, logo, n);
			free(again);
		}
	}
	/* Over the file size limit: refused before it is read. */
	{
		char *big = calloc(1, TK_LOGO_FILE_MAX + 1);

		assert_int_equal(tfs_write(e->stick, "Logo.PNG", big, TK_LOGO_FILE_MAX + 1), 0);
		free(big);
		assert_int_equal(run(e, &s), TK_OK);
		r = report(e);
		assert_non_null(strstr(r, "larger than the 1024 KB a logo may have"));
		free(r);
		assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 1);
	}
	/* Unsigned sticks may not change it when control files need a signature. */
	e->cfg.unsigned_sticks = TK_UNSIGNED_ARTICLES;
	assert_int_equal(tfs_write_str(e->stick, "Logo.PNG", ""), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 1);
	r = report(e);
	assert_non_null(strstr(r, "  REFUSED    Logo.PNG  --  "));
	free(r);
	e->cfg.unsigned_sticks = TK_UNSIGNED_ALL;
	/* Empty: removed. */
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 0);
	r = report(e);
	assert_non_null(strstr(r, "Logo:     the logo was removed (Logo.PNG is empty)"));
	free(r);
	/* A CLEAR removes it too. */
	copy_logo(e, "ok-palette-trns-16x16.png", "logo.png", 0);
	rm_stick(e, "Logo.PNG");
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 1);
	rm_stick(e, "logo.png");
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 0);
	free(logo);
}

static void test_settings(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r, *c;

	for (int i = 0; i < 4; i++) {
		char name[32], head[64];

		snprintf(name, sizeof name, "s%d.txt", i);
		snprintf(head, sizeof head, "Story number %d", i);
		art(e, name, head);
	}
	/* Bad settings: none applied, every problem listed. */
	assert_int_equal(
	    tfs_write_str(e->stick, "ticker.conf",
			  "max_articles = 2\nspeed = fast\nwhatever = 1\nkeys_dir = /tmp\n"),
	    0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 4);
	assert_int_equal(tfs_exists(e->cache, ".config"), 0);
	r = report(e);
	assert_non_null(strstr(r, "SETTINGS: ticker.conf was NOT applied"));
	assert_non_null(strstr(r, "line 2: speed: not a whole number"));
	assert_non_null(strstr(r, "line 3: whatever: unknown key"));
	assert_non_null(strstr(r, "line 4: keys_dir: cannot be changed from a USB stick"));
	/* max_* are device keys (the stick column of the config table) */
	assert_non_null(strstr(r, "line 1: max_articles: cannot be changed from a USB stick"));
	free(r);
	/* Good settings (Notepad's BOM and CRLF, a trailing comment): kept for the display. */
	assert_int_equal(tfs_write_str(e->stick, "ticker.conf",
				       "\xef\xbb\xbfspeed = 3\r\nlabels = no # plain\r\n"),
			 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_UNCHANGED], 4);
	c = tfs_read(e->cache, ".config", NULL);
	assert_string_equal(c, "\xef\xbb\xbfspeed = 3\r\nlabels = no # plain\r\n");
	free(c);
	r = report(e);
	assert_non_null(strstr(r, "settings checked and applied"));
	free(r);
	{
		struct tk_config cfg;

		tk_config_defaults(&cfg);
		assert_int_equal(tk_cache_config_apply(e->cache, &cfg, NULL, NULL), TK_OK);
		assert_int_equal(cfg.speed, 3);
	}
}

/* Issue 9 items 1 and 10: the exact attacks that slipped past the old
 * deny-list. None is stored in <cache>/.config, and each is named in the report. */
static void test_settings_attacks(void **state)
{
	static const char *const attacks[] = {
	    "speed = 3\nrequire_signature\v= no\n",
	    "keys_dir\f= /tmp\nspeed = 3\n",
	    "cache_dir\v= /etc\n",
	    "urgent_name = TICKER-MANIFEST\n",
	};
	static const char *const said[] = {
	    "line 2: control character 0x0b in line: the whole file is refused",
	    "line 1: control character 0x0c in line: the whole file is refused",
	    "line 1: control character 0x0b in line: the whole file is refused",
	    "line 1: urgent_name: cannot be changed from a USB stick",
	};
	struct env *e = *state;
	struct tk_import_summary s;
	char *r;

	art(e, "a.txt", "Story one");
	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		assert_int_equal(tfs_write_str(e->stick, "ticker.conf", attacks[i]), 0);
		assert_int_equal(run(e, &s), TK_OK);
		assert_int_equal(tfs_exists(e->cache, ".config"), 0);
		r = report(e);
		assert_non_null(strstr(r, "SETTINGS: ticker.conf was NOT applied"));
		assert_non_null(strstr(r, said[i]));
		free(r);
	}
	/* a tampered stored copy is ignored, and the next report says so */
	assert_int_equal(tfs_write_str(e->cache, ".config", "urgent_name = TICKER-MANIFEST\n"), 0);
	assert_int_equal(tfs_write_str(e->stick, "ticker.conf", "speed = 3\n"), 0);
	assert_int_equal(run(e, &s), TK_OK);
	r = tfs_read(e->cache, ".config", NULL);
	assert_string_equal(r, "speed = 3\n"); /* replaced by the new good one */
	free(r);
	assert_int_equal(tfs_write_str(e->cache, ".config", "cache_dir = /etc\n"), 0);
	rm_stick(e, "ticker.conf");
	assert_int_equal(run(e, &s), TK_OK);
	r = report(e);
	assert_non_null(strstr(r, "those kept from an earlier stick failed the ticker's checks"));
	free(r);
	assert_int_equal(tfs_write_str(e->cache, ".config", ""), 0);
	/* the urgent file name stayed: a later stick's URGENT.txt still works */
	rm_stick(e, "ticker.conf");
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Lift out of order\n"), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 1);
}

/* Issue 9 item 13: with a bad ticker.conf on the box the limits are guesses:
 * the stick is refused whole (nothing lost) and its report says why. */
static void test_bad_device_settings_refuse_stick(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r;

	art(e, "a.txt", "Story one");
	e->cfg.service = TK_SERVICE_DEVICE_CONF;
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_REFUSED);
	assert_int_equal(tfs_count(e->cache, "a"), 0);
	r = report(e);
	assert_non_null(strstr(r, "the ticker's own settings file has errors"));
	free(r);
	e->cfg.service = 0;
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
}

static void test_odd_names_links_fifo(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char path[4200], outside[4200], *r, *list;

	art(e, "line\nbreak.txt", "A name with a newline");
	art(e, "bad\xff\xfe.txt", "A name that is not UTF-8");
	art(e, "caf\xc3\xa9/\xe6\x96\xb0\xe9\x97\xbb.md", "Unicode folder and file");
	/* A link to an article outside the stick must never be followed. */
	snprintf(outside, sizeof outside, "%s/../outside.txt", e->stick);
	assert_int_equal(
	    tfs_write_str(e->stick, "../outside.txt", "Secret outside\n\nNot on the stick.\n"), 0);
	snprintf(path, sizeof path, "%s/link.txt", e->stick);
	assert_int_equal(symlink(outside, path), 0);
	snprintf(path, sizeof path, "%s/loop", e->stick);
	assert_int_equal(symlink(".", path), 0);
	snprintf(path, sizeof path, "%s/dirlink", e->stick);
	assert_int_equal(symlink("..", path), 0);
	snprintf(path, sizeof path, "%s/pipe.txt", e->stick);
	assert_int_equal(mkfifo(path, 0644), 0);
	/* Planted links where the report goes: the report replaces them, nothing outside changes.
	 */
	snprintf(path, sizeof path, "%s/" TK_IMPORT_REPORT, e->stick);
	assert_int_equal(symlink(outside, path), 0);
	snprintf(path, sizeof path, "%s/." TK_IMPORT_REPORT ".tmp", e->stick);
	assert_int_equal(symlink(outside, path), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 3);
	assert_int_equal(s.n[TK_IMPORT_IGNORED], 4);
	list = tfs_list(e->cache);
	assert_string_equal(list,
			    "bad__.txt\ncaf\xc3\xa9 - \xe6\x96\xb0\xe9\x97\xbb.md\nline_break.txt");
	free(list);
	r = report(e);
	assert_non_null(strstr(r, "  added      line?break.txt  --"));
	assert_non_null(strstr(r, "  added      bad??.txt  --"));
	assert_non_null(strstr(r, "  ignored    link.txt  --  a link"));
	assert_non_null(strstr(r, "  ignored    pipe.txt  --  not a regular file"));
	assert_null(strchr(r, '\xff'));
	assert_null(strstr(r, "Secret outside"));
	free(r);
	r = tfs_read(e->stick, "../outside.txt", NULL);
	assert_string_equal(r, "Secret outside\n\nNot on the stick.\n");
	free(r);
	{
		struct stat st;

		snprintf(path, sizeof path, "%s/" TK_IMPORT_REPORT, e->stick);
		assert_int_equal(lstat(path, &st), 0);
		assert_true(S_ISREG(st.st_mode));
	}
}

/* Issue 9.3: whatever stands where the report goes (a symlink to a cached
 * article, a hard link to a file elsewhere, a FIFO, a folder) is replaced or
 * left alone, never written through, also when the stick is refused whole. */
static void planted_report(struct env *e, const char *what, const char *victim)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/" TK_IMPORT_REPORT, e->stick);
	tfs_rm_rf(path);
	if (!strcmp(what, "symlink"))
		assert_int_equal(symlink(victim, path), 0);
	else if (!strcmp(what, "hardlink"))
		assert_int_equal(link(victim, path), 0);
	else if (!strcmp(what, "fifo"))
		assert_int_equal(mkfifo(path, 0644), 0);
	else
		assert_int_equal(mkdir(path, 0755), 0);
}

static void test_report_planted_in_place(void **state)
{
	static const char *const what[] = {"symlink", "hardlink", "fifo", "dir"};
	struct env *e = *state;
	char victim[4200], cached[4200], *before, *r;

	tlog_expect_errors(); /* the failures this test provokes are logged */
	art(e, "keep.txt", "A story already on the ticker");
	{
		struct tk_import_summary s;

		assert_int_equal(run(e, &s), TK_OK);
	}
	rm_stick(e, "keep.txt");
	rm_stick(e, TK_IMPORT_REPORT);
	art(e, "new.txt", "A new story");
	snprintf(cached, sizeof cached, "%s/keep.txt", e->cache);
	snprintf(victim, sizeof victim, "%s/../victim.txt", e->stick);
	assert_int_equal(tfs_write_str(e->stick, "../victim.txt", "victim text\n"), 0);
	before = tfs_read(e->cache, "keep.txt", NULL);
	for (int refused = 0; refused < 2; refused++) {
		e->cfg.require_signature = refused ? TK_YES : TK_AUTO;
		for (size_t i = 0; i < sizeof what / sizeof what[0]; i++) {
			struct tk_import_summary s;
			struct stat st;
			char path[4200];
			int dir = !strcmp(what[i], "dir");

			planted_report(e, what[i], i == 0 ? cached : victim);
			assert_int_equal(run(e, &s), TK_OK);
			assert_int_equal(s.exit_code, refused ? TK_EXIT_REFUSED : TK_EXIT_OK);
			r = tfs_read(e->cache, "keep.txt", NULL);
			assert_string_equal(r, before);
			free(r);
			r = tfs_read(e->stick, "../victim.txt", NULL);
			assert_string_equal(r, "victim text\n");
			free(r);
			snprintf(path, sizeof path, "%s/" TK_IMPORT_REPORT, e->stick);
			assert_int_equal(lstat(path, &st), 0);
			assert_int_equal(s.report_written, !dir);
			if (dir) {
				/* Left alone, and the screen says why there is no report. */
				assert_true(S_ISDIR(st.st_mode));
				r = tfs_read(e->cache, ".status", NULL);
				assert_non_null(strstr(r, "no report on the stick: the stick has a "
							  "folder with the report's name"));
				free(r);
				continue;
			}
			assert_true(S_ISREG(st.st_mode));
			assert_int_equal(st.st_nlink, 1);
			r = report(e);
			assert_non_null(strstr(r, "TICKER IMPORT REPORT"));
			assert_null(strstr(r, "REFUSED    " TK_IMPORT_REPORT));
			free(r);
		}
	}
	free(before);
}

static void test_deep_tree_and_sparse_file(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char rel[4096] = "", *r;
	int fd;

	for (int i = 0; i < 40; i++)
		strcat(rel, "d/");
	strcat(rel, "deep.txt");
	art(e, rel, "Too deep to be seen");
	art(e, "d/d/d/shallow.txt", "Deep enough to be seen");
	snprintf(rel, sizeof rel, "%s/huge.txt", e->stick);
	fd = open(rel, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 4LL << 30), 0); /* sparse: costs no disk */
	close(fd);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 1);
	r = report(e);
	assert_non_null(
	    strstr(r, "REFUSED    huge.txt  --  too large: 4.3 GB (the limit is 4.2 MB)"));
	assert_non_null(strstr(r, "folder nested too deeply"));
	free(r);
}

static void test_many_tiny_files(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char rel[4300], *r;
	int total = 100000;

	/* 100,000 files in 100 folders: the walk stops at its cap, memory stays
	 * bounded. Raw syscalls: stdio per file costs minutes under ASan and qemu. */
	for (int d = 0; d < 100; d++) {
		int dfd;

		snprintf(rel, sizeof rel, "%s/f%02d", e->stick, d);
		assert_int_equal(mkdir(rel, 0755), 0);
		dfd = open(rel, O_RDONLY | O_DIRECTORY);
		assert_true(dfd >= 0);
		for (int i = d; i < total; i += 100) {
			const char *text = i % 2 ? "Tiny\n\nx" : "Small note\n\ny";
			int fd;

			snprintf(rel, sizeof rel, "%05d.txt", i);
			fd = openat(dfd, rel, O_WRONLY | O_CREAT | O_EXCL, 0644);
			assert_true(fd >= 0);
			assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
			close(fd);
		}
		close(dfd);
	}
	assert_int_equal(run(e, &s), TK_OK);
	assert_true(s.incomplete);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 2); /* two distinct contents */
	assert_int_equal(tfs_count(e->cache, "f"), 2);
	r = report(e);
	assert_non_null(strstr(r, "only the first 20000 were looked at"));
	free(r);
}

static void test_size_limit_boundary(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	size_t max = 600000;
	char *big = malloc(max + 2), *r;
	const char *para = "The harbour authority said the new quay would be finished by June. ";

	/* Exactly max bytes is taken (the buffer grows past its first 256 KiB), one more is not. */
	e->cfg.max_file_bytes = (long)max;
	memcpy(big, "Long report on the harbour\n\n", 28);
	for (size_t i = 28; i < max; i++)
		big[i] = para[i % strlen(para)];
	assert_int_equal(tfs_write(e->stick, "exact.txt", big, max), 0);
	big[max] = '.';
	memcpy(big, "Longer report on the quay!\n\n", 28);
	assert_int_equal(tfs_write(e->stick, "over.txt", big, max + 1), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 1);
	assert_int_equal(s.n[TK_IMPORT_REFUSED], 1);
	r = tfs_read(e->cache, "exact.txt", NULL);
	assert_non_null(r);
	assert_int_equal(strlen(r), max);
	free(r);
	r = report(e);
	assert_non_null(
	    strstr(r, "REFUSED    over.txt  --  too large: 600 KB (the limit is 600 KB)"));
	free(r);
	free(big);
}

static int change_once_fd = -1;

static void change_while_read(void *ctx, int fd)
{
	const char *path = ctx;

	(void)fd;
	if (change_once_fd++ == 0) {
		FILE *f = fopen(path, "ab");

		fputs("\nAppended while the ticker was reading.\n", f);
		fclose(f);
	}
}

static void test_file_changes_while_read(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char path[4200], *r;

	art(e, "moving.txt", "A file that grows");
	snprintf(path, sizeof path, "%s/moving.txt", e->stick);
	change_once_fd = 0;
	tk_io_on_read(change_while_read, path);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_on_read(NULL, NULL);
	assert_int_equal(s.n[TK_IMPORT_REFUSED], 1);
	assert_int_equal(tfs_count(e->cache, "moving"), 0);
	r = report(e);
	assert_non_null(strstr(r, "changed while it was being read"));
	free(r);
}

/* ---- faults ---- */

static void three_old(struct env *e)
{
	struct tk_import_summary s;

	art(e, "old1.txt", "Old story one");
	art(e, "old2.txt", "Old story two");
	art(e, "shared.txt", "Old version of the shared story");
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 3);
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
	for (int i = 0; i < 6; i++) {
		char name[32], head[64];

		snprintf(name, sizeof name, "new%d.txt", i);
		snprintf(head, sizeof head, "New story %d", i);
		art(e, name, head);
	}
	art(e, "shared.txt", "New version of the shared story");
	assert_int_equal(tfs_write_str(e->stick, "REPLACE", ""), 0);
}

/* Every visible article is whole (an exact copy of an old or a new file);
 * old ones are all there unless the REPLACE completed. */
static void check_cache(struct env *e, int replace_done_allowed)
{
	struct tk_cache *c = NULL;
	char *list, *p, *save = NULL;
	int old = 0, n = 0;

	assert_int_equal(tk_cache_open(e->cache, &c), TK_OK);
	tk_cache_close(c);
	assert_int_equal(tfs_count(e->cache, ".tmp-"), 0);
	list = tfs_list(e->cache);
	for (p = strtok_r(list, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char *body = tfs_read(e->cache, p, NULL), *src = tfs_read(e->stick, p, NULL);

		n++;
		old += !strncmp(p, "old", 3);
		assert_non_null(body);
		if (!strncmp(p, "old", 3) || !strcmp(p, "shared.txt"))
			assert_non_null(strstr(body, "story"));
		else
			assert_string_equal(body, src); /* a new article: whole */
		if (!strcmp(p, "shared.txt"))
			assert_true(strstr(body, "Old version") || (src && !strcmp(body, src)));
		free(body);
		free(src);
	}
	free(list);
	if (old < 2) {
		assert_true(replace_done_allowed);
		assert_int_equal(old, 0);
		assert_int_equal(n, 7);
	}
}

static void test_stick_pulled(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r;

	three_old(e);
	/* Reads fail from the 4th on: a REPLACE must then remove nothing. */
	tk_io_fail_at(TK_IO_MASK(TK_IO_READ), 4, EIO);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_fail_at(0, 0, 0);
	assert_true(s.incomplete);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	check_cache(e, 0);
	assert_int_equal(tfs_exists(e->cache, "old1.txt"), 1);
	r = report(e);
	assert_non_null(strstr(r, "THE IMPORT DID NOT FINISH: The stick stopped responding"));
	assert_non_null(strstr(r, "The REPLACE file was found but NOT carried out"));
	free(r);
	for (long k = 1; k < 12; k++) {
		tk_io_fail_at(TK_IO_MASK(TK_IO_READ), k, EIO);
		assert_int_equal(run(e, &s), TK_OK);
		tk_io_fail_at(0, 0, 0);
		check_cache(e, 0);
	}
}

/* Sign the stick as it is now with a key trusted by the ticker. */
static void sign_stick(struct env *e)
{
	char key[4200];

	snprintf(key, sizeof key, "%s/../comms", e->stick);
	tu_sign_stick(e->stick, e->keys, key);
}

/* Issue 9.12: one file the stick will not give (an I/O error on that file
 * only) is refused with its error; the rest is imported, a REPLACE does not
 * run, and it is not "the stick was pulled out". Signed: refused whole. */
static void test_one_unreadable_file(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *real, bad[4300], *r;

	three_old(e);
	real = realpath(e->stick, NULL);
	assert_non_null(real);
	snprintf(bad, sizeof bad, "%s/new2.txt", real);
	free(real);
	tk_io_fail_under(bad);
	tk_io_fail_at(TK_IO_MASK(TK_IO_READ), 1, EIO);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_fail_at(0, 0, 0);
	tk_io_fail_under(NULL);
	assert_int_equal(s.exit_code, TK_EXIT_PARTIAL);
	assert_false(s.incomplete);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	assert_int_equal(s.n[TK_IMPORT_REFUSED], 1);
	assert_int_equal(s.n[TK_IMPORT_ADDED], 5);
	assert_int_equal(tfs_exists(e->cache, "old1.txt"), 1);
	assert_int_equal(tfs_exists(e->cache, "new2.txt"), 0);
	assert_int_equal(tfs_exists(e->cache, "new5.txt"), 1);
	r = report(e);
	assert_non_null(
	    strstr(r, "  REFUSED    new2.txt  --  could not be read: Input/output error"));
	assert_null(strstr(r, "stopped responding"));
	assert_non_null(
	    strstr(r, "NOT carried out, because a file on the stick could not be read"));
	free(r);

	/* The same on a signed stick: the drop is incomplete, nothing changes. */
	tfs_rm_rf(e->cache);
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
	three_old(e);
	sign_stick(e);
	tk_io_fail_under(bad);
	tk_io_fail_at(TK_IO_MASK(TK_IO_READ), 1, EIO);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_fail_at(0, 0, 0);
	tk_io_fail_under(NULL);
	assert_true(s.refused_whole);
	assert_int_equal(s.exit_code, TK_EXIT_REFUSED);
	assert_int_equal(tfs_exists(e->cache, "old1.txt"), 1);
	assert_int_equal(tfs_exists(e->cache, "new0.txt"), 0);
	r = report(e);
	assert_non_null(strstr(r, "STICK REFUSED. Nothing on the ticker was changed."));
	assert_non_null(strstr(r, "the signed drop is incomplete: the file \"new2.txt\" could "
				  "not be read: Input/output error"));
	free(r);
}

/* A signed stick's logo.png is listed in its manifest like any control file:
 * taken when listed, refused when added after signing. */
static void test_logo_signed(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r;

	e->cfg.unsigned_sticks = TK_UNSIGNED_ARTICLES;
	art(e, "a.txt", "Library opens on Sundays");
	copy_logo(e, "ok-emblem-240x96.png", "logo.png", 0);
	sign_stick(e);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 1);
	tfs_rm_rf(e->cache);
	rm_stick(e, "logo.png");
	sign_stick(e);
	copy_logo(e, "ok-emblem-240x96.png", "logo.png", 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, TK_CACHE_LOGO), 0);
	r = report(e);
	assert_non_null(strstr(r, "  REFUSED    logo.png  --  not in the signed list of files"));
	free(r);
}

/* Issue 9.8: a listed file swapped, after signing, for one over the size
 * limit is tampering: the drop is refused whole and its REPLACE never runs. */
static void test_signed_file_swapped_too_large(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char path[4200], *r;

	three_old(e);
	sign_stick(e);
	snprintf(path, sizeof path, "%s/new3.txt", e->stick);
	assert_int_equal(truncate(path, e->cfg.max_file_bytes + 1), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_true(s.refused_whole);
	assert_int_equal(s.exit_code, TK_EXIT_REFUSED);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	assert_int_equal(tfs_exists(e->cache, "old1.txt"), 1);
	assert_int_equal(tfs_exists(e->cache, "old2.txt"), 1);
	assert_int_equal(tfs_exists(e->cache, "new0.txt"), 0);
	r = report(e);
	assert_non_null(strstr(r, "Why: the signed file \"new3.txt\" is 4.2 MB, over the limit"));
	free(r);
}

static void test_disk_full(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *r, *real;

	tlog_expect_errors(); /* the failures this test provokes are logged */
	/* Only the cache fills up (failures restricted to its folder): the stick,
	 * even on the same file system, still takes the report, which is checked. */
	three_old(e);
	real = realpath(e->cache, NULL);
	assert_non_null(real);
	tk_io_fail_under(real);
	tk_io_fail_at(TK_IO_MASK(TK_IO_WRITE), 3, ENOSPC);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_fail_at(0, 0, 0);
	tk_io_fail_under(NULL);
	free(real);
	assert_true(s.cache_failed);
	assert_int_equal(s.exit_code, TK_EXIT_FAIL);
	check_cache(e, 0);
	assert_true(s.report_written);
	r = report(e);
	assert_non_null(strstr(r, "THE IMPORT DID NOT FINISH: The ticker's storage is full"));
	assert_non_null(strstr(r, "Articles already on the ticker are unharmed."));
	assert_non_null(strstr(r, "Exit code 5 (failure)"));
	free(r);
}

/* Issue 9.11: a full cache disk can be emptied. CLEAR and REPLACE run (the
 * journal goes into the room .reserve kept; files that did not fit are added
 * once the old set is gone), and without that room the report says the CLEAR
 * was NOT carried out instead of claiming it. */
static void test_full_disk_clear_replace(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	char *real, *r, *list;

	tlog_expect_errors(); /* the failures this test provokes are logged */
	three_old(e);
	real = realpath(e->cache, NULL);
	assert_non_null(real);
	assert_int_equal(tfs_exists(e->cache, ".reserve"), 1);
	tk_io_disk_full(real);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_disk_full(NULL);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	assert_int_equal(s.mode, TK_IMPORT_REPLACE);
	list = tfs_list(e->cache);
	assert_string_equal(list, "new0.txt\nnew1.txt\nnew2.txt\nnew3.txt\nnew4.txt\nnew5.txt\n"
				  "shared.txt");
	free(list);
	assert_int_equal(tfs_exists(e->cache, ".reserve"), 1); /* made again */
	r = report(e);
	assert_non_null(strstr(r, "Mode:     REPLACE"));
	assert_non_null(strstr(r, "  added      new3.txt  --"));
	free(r);

	/* CLEAR on a full disk, with an urgent notice up. */
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Lift out of order\n"), 0);
	assert_int_equal(run(e, &s), TK_OK);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 1);
	rm_stick(e, "URGENT.txt");
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	tk_io_disk_full(real);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_disk_full(NULL);
	assert_int_equal(s.mode, TK_IMPORT_CLEAR);
	assert_int_equal(s.exit_code, TK_EXIT_OK);
	list = tfs_list(e->cache);
	assert_string_equal(list, "");
	free(list);
	assert_int_equal(tfs_exists(e->cache, ".urgent"), 0);

	/* No room kept at all (a cache made on a disk already full): the CLEAR
	 * cannot be journalled, nothing is removed and the report says so. */
	art(e, "keep.txt", "A story that must stay");
	rm_stick(e, "CLEAR");
	assert_int_equal(run(e, &s), TK_OK);
	rm_stick(e, "keep.txt");
	assert_int_equal(tfs_write_str(e->stick, "CLEAR", ""), 0);
	{
		char path[4300];

		snprintf(path, sizeof path, "%s/.reserve", e->cache);
		unlink(path);
		snprintf(path, sizeof path, "%s/.index", e->cache);
		unlink(path);
	}
	tk_io_disk_full(real);
	assert_int_equal(run(e, &s), TK_OK);
	tk_io_disk_full(NULL);
	assert_int_equal(s.mode, TK_IMPORT_MERGE);
	assert_true(s.cache_failed);
	assert_int_equal(s.exit_code, TK_EXIT_FAIL);
	assert_int_equal(tfs_exists(e->cache, "keep.txt"), 1);
	r = report(e);
	assert_null(strstr(r, "the ticker was emptied"));
	assert_non_null(strstr(r, "The CLEAR file was found but NOT carried out"));
	assert_non_null(strstr(r, "storage is full"));
	free(r);
	free(real);
}

/* Issue 9.17: importing from the cache itself, from a folder that holds it or
 * from inside it is refused as a usage error; nothing changes. */
static void test_import_cache_into_itself(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	struct tk_import_opts o = {NULL, NOW, NULL, NULL};
	char *before, *after, root[4200], inner[4300];

	tlog_expect_errors(); /* the failures this test provokes are logged */
	art(e, "a.txt", "A story");
	assert_int_equal(run(e, &s), TK_OK);
	before = tfs_list(e->cache);
	snprintf(root, sizeof root, "%s/..", e->stick);
	snprintf(inner, sizeof inner, "%s/sub", e->cache);
	mkdir(inner, 0755);
	assert_int_equal(tk_import_run(e->cache, &e->cfg, &o, &s), TK_EINVAL);
	assert_int_equal(tk_import_run(root, &e->cfg, &o, &s), TK_EINVAL);
	assert_int_equal(tk_import_run(inner, &e->cfg, &o, &s), TK_EINVAL);
	rmdir(inner);
	after = tfs_list(e->cache);
	assert_string_equal(after, before);
	assert_int_equal(tfs_exists(e->cache, TK_IMPORT_REPORT), 0);
	free(before);
	free(after);
}

/* Issue 9.17: a cache held by another import, or one that cannot be written,
 * still gets the stick a report: nothing imported, and why. */
static void test_cache_locked_or_unwritable_report(void **state)
{
	struct env *e = *state;
	struct tk_import_summary s;
	struct tk_cache *c = NULL;
	char *r, lock[4300];

	tlog_expect_errors(); /* the failures this test provokes are logged */
	art(e, "a.txt", "A story");
	assert_int_equal(tk_cache_open(e->cache, &c), TK_OK);
	assert_int_equal(run(e, &s), TK_EBUSY);
	tk_cache_close(c);
	assert_int_equal(s.exit_code, TK_EXIT_FAIL);
	assert_true(s.report_written);
	r = report(e);
	assert_non_null(strstr(r, "RESULT:   NOT IMPORTED. Nothing on the ticker was changed."));
	assert_non_null(strstr(r, "another import is running"));
	assert_non_null(strstr(r, "Exit code 5 (failure)"));
	free(r);
	rm_stick(e, TK_IMPORT_REPORT);
	/* A cache whose lock cannot be opened for writing (as on a read-only disk). */
	snprintf(lock, sizeof lock, "%s/.lock", e->cache);
	unlink(lock);
	assert_int_equal(mkdir(lock, 0755), 0);
	assert_int_equal(run(e, &s), TK_EIO);
	assert_true(s.report_written);
	r = report(e);
	assert_non_null(strstr(r, "the ticker's storage cannot be written"));
	free(r);
	assert_int_equal(tfs_exists(e->cache, "a.txt"), 0);
}

static void test_fail_every_step(void **state)
{
	struct env *e = *state;
	static const unsigned masks[] = {TK_IO_MASK(TK_IO_WRITE), TK_IO_MASK(TK_IO_FSYNC),
					 TK_IO_MASK(TK_IO_RENAME), TK_IO_MASK(TK_IO_UNLINK)};

	tlog_expect_errors(); /* the failures this test provokes are logged */
	three_old(e);
	for (size_t m = 0; m < sizeof masks / sizeof masks[0]; m++) {
		long n;

		for (n = 1; n < 400; n++) {
			struct tk_import_summary s;
			char *snap = NULL;

			/* Each round starts from the old set. */
			tfs_rm_rf(e->cache);
			{
				struct env tmp = *e;
				char *stick2 = malloc(strlen(e->stick) + 8);

				sprintf(stick2, "%s-old", e->stick);
				tfs_rm_rf(stick2);
				mkdir(stick2, 0755);
				tmp.stick = stick2;
				art(&tmp, "old1.txt", "Old story one");
				art(&tmp, "old2.txt", "Old story two");
				art(&tmp, "shared.txt", "Old version of the shared story");
				assert_int_equal(run(&tmp, &s), TK_OK);
				tfs_rm_rf(stick2);
				free(stick2);
			}
			tk_io_fail_at(masks[m], n, m == 0 ? ENOSPC : EIO);
			assert_int_equal(run(e, &s), TK_OK);
			tk_io_fail_at(0, 0, 0);
			check_cache(e, 1);
			free(snap);
			if (!s.cache_failed && s.report_written)
				break;
		}
		assert_true(n > 1 && n < 400);
	}
}

static void test_crash_every_step(void **state)
{
	struct env *e = *state;
	long n;
	int crashed = 0;

	three_old(e);
	for (n = 1; n < 400; n++) {
		struct tk_import_summary s;
		int status = 0;
		pid_t pid;

		tfs_rm_rf(e->cache);
		{
			struct env tmp = *e;
			char *stick2 = malloc(strlen(e->stick) + 8);

			sprintf(stick2, "%s-old", e->stick);
			mkdir(stick2, 0755);
			tmp.stick = stick2;
			art(&tmp, "old1.txt", "Old story one");
			art(&tmp, "old2.txt", "Old story two");
			art(&tmp, "shared.txt", "Old version of the shared story");
			assert_int_equal(run(&tmp, &s), TK_OK);
			tfs_rm_rf(stick2);
			free(stick2);
		}
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			tk_io_crash_at(n);
			_exit(run(e, &s) == TK_OK ? 0 : 1);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		check_cache(e, 1);
		if (WEXITSTATUS(status) == 0)
			break;
		assert_int_equal(WEXITSTATUS(status), TK_IO_CRASH_STATUS);
		crashed++;
	}
	assert_true(crashed > 10 && n < 400);
}

static void test_alloc_failures(void **state)
{
	struct env *e = *state;
	long n;

	tlog_expect_errors(); /* the failures this test provokes are logged */
	/* Plain text only: the reader's own tests loop over its HTML/feed paths. */
	art(e, "a.txt", "Alloc story");
	art(e, "sub/b.md", "Another alloc story");
	assert_int_equal(tfs_write_str(e->stick, "ticker.conf", "speed = 3\n"), 0);
	assert_int_equal(tfs_write_str(e->stick, "URGENT.txt", "Notice\n\nText.\n"), 0);
	for (n = 1; n < 5000; n++) {
		struct tk_import_summary s;
		int err, failed;

		tfs_rm_rf(e->cache);
		tk_mem_fail_at(n);
		err = run(e, &s);
		failed = tk_mem_failed();
		tk_mem_fail_at(0);
		assert_true(err == TK_OK || err == TK_ENOMEM);
		if (!failed) {
			assert_int_equal(err, TK_OK);
			assert_int_equal(s.exit_code, TK_EXIT_OK);
			break;
		}
	}
	assert_true(n > 5 && n < 5000);
}

/* Fixture sticks: tests/data/sticks/NAME/ against NAME.expect, whose lines are
 * "<outcome> <path>" exactly as in the report's file list. */
static void test_fixture_sticks(void **state)
{
	struct env *e = *state;
	char dir[4096];
	DIR *d;
	struct dirent *de;
	int checked = 0;

	snprintf(dir, sizeof dir, "%s/tests/data/sticks", tu_root());
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		char stick[4400], *expect, *line, *save = NULL, *r, out[4500];
		struct tk_import_opts o = {out, NOW, NULL, NULL};
		struct tk_import_summary s;

		if (de->d_name[0] == '.' || strstr(de->d_name, ".expect"))
			continue;
		snprintf(stick, sizeof stick, "%s/%s", dir, de->d_name);
		/* Not in keys_dir: anything there but keys makes the box refuse sticks. */
		snprintf(out, sizeof out, "%s-reports/report-%s.txt", e->keys, de->d_name);
		{
			char rd[4200];

			snprintf(rd, sizeof rd, "%s-reports", e->keys);
			mkdir(rd, 0755);
		}
		tfs_rm_rf(e->cache);
		{
			char en[300];

			snprintf(en, sizeof en, "%s.expect", de->d_name);
			expect = tfs_read(dir, en, NULL);
		}
		assert_non_null(expect);
		assert_int_equal(tk_import_run(stick, &e->cfg, &o, &s), TK_OK);
		r = tfs_read("", out, NULL);
		assert_non_null(r);
		for (line = strtok_r(expect, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char want[600], label[32], path[512];

			if (line[0] == '#' || sscanf(line, "%31s %511[^\n]", label, path) != 2)
				continue;
			snprintf(want, sizeof want, "  %-9s  %s  --", label, path);
			if (!strstr(r, want)) {
				fprintf(stderr, "%s: missing line '%s'\n%s", de->d_name, want, r);
				fail();
			}
		}
		free(expect);
		free(r);
		checked++;
	}
	closedir(d);
	assert_true(checked > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_outcomes_and_report, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nothing_usable, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_read_banner_and_litter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_replace_clear, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_urgent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_logo, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_logo_signed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_settings_attacks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_device_settings_refuse_stick, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_odd_names_links_fifo, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_report_planted_in_place, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_deep_tree_and_sparse_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_many_tiny_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_size_limit_boundary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_file_changes_while_read, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stick_pulled, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_one_unreadable_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_signed_file_swapped_too_large, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disk_full, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_full_disk_clear_replace, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_import_cache_into_itself, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cache_locked_or_unwritable_report, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fail_every_step, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_crash_every_step, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fixture_sticks, setup, teardown),
	};

	tu_init();
	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
