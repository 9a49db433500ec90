/* Playlist from records (issue 15 section 2, issue 9 item 4): the display's
 * playlist of an imported cache comes from .records only (its articles may be
 * gone), matches what the raw articles give, reloads read only what changed,
 * REPLACE removes records with their articles, a changed fingerprint rebuilds,
 * damaged records are skipped, and the caps hold whatever the index lists. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "err.h"
#include "import.h"
#include "mem.h"
#include "playlist.h"
#include "recstore.h"
#include "testfs.h"
#include "testutil.h"

static const int64_t NOW = 1800000000;

struct env {
	char *root, *stick, *cache, *recs;
	struct tk_config cfg;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	size_t n;

	e->root = tfs_mkdtemp();
	n = strlen(e->root) + 32;
	e->stick = malloc(n);
	e->cache = malloc(n);
	e->recs = malloc(n);
	snprintf(e->stick, n, "%s/stick", e->root);
	snprintf(e->cache, n, "%s/cache", e->root);
	snprintf(e->recs, n, "%s/cache/" TK_RECSTORE_DIR, e->root);
	mkdir(e->stick, 0755);
	tk_config_defaults(&e->cfg);
	snprintf(e->cfg.cache_dir, sizeof e->cfg.cache_dir, "%s", e->cache);
	snprintf(e->cfg.keys_dir, sizeof e->cfg.keys_dir, "%s/keys", e->root);
	/* REPLACE on an unsigned stick: this test is about records, not signatures. */
	e->cfg.unsigned_sticks = TK_UNSIGNED_ALL;
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	tfs_rm_rf(e->root);
	free(e->root);
	free(e->stick);
	free(e->cache);
	free(e->recs);
	free(e);
	return 0;
}

static void import(struct env *e)
{
	struct tk_import_opts o = {"", NOW, NULL, NULL};
	struct tk_import_summary s;

	assert_int_equal(tk_import_run(e->stick, &e->cfg, &o, &s), TK_OK);
	assert_int_equal(s.cache_failed, 0);
}

static void art(struct env *e, int i)
{
	char text[600], name[64];

	snprintf(name, sizeof name, "story-%03d.txt", i);
	snprintf(text, sizeof text,
		 "Harbour story number %d\n\n"
		 "\"We expect the work on pier %d to finish by spring,\" said the chair, "
		 "Maria Lind.\n\nThe pier cost %d million euros and serves 4,500 people.\n",
		 i, i, 10 + i);
	assert_int_equal(tfs_write_str(e->stick, name, text), 0);
}

static struct tk_playlist *load(const char *dir, const struct tk_playlist *prev)
{
	struct tk_playlist *pl = NULL;

	assert_int_equal(tk_playlist_reload(dir, NULL, 1, prev, &pl), TK_OK);
	return pl;
}

static int linecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One line per article ("headline|item|item..."), sorted: what the screen
 * shows, independent of sort times. */
static char *shown(const struct tk_playlist *pl)
{
	char **lines = calloc(pl->n_articles + 1, sizeof *lines), *out;
	size_t total = 1;

	for (size_t a = 0; a < pl->n_articles; a++) {
		const struct tk_pl_article *ar = &pl->articles[a];
		char buf[8192];
		size_t n = (size_t)snprintf(buf, sizeof buf, "%s", ar->headline);

		for (size_t i = 0; i < ar->count && n < sizeof buf; i++) {
			const struct tk_pl_item *it = &pl->items[ar->first + i];

			n += (size_t)snprintf(buf + n, sizeof buf - n, "|%d:%s/%s/%s/%s", it->kind,
					      it->text, it->speaker ? it->speaker : "",
					      it->figure ? it->figure : "",
					      it->caption ? it->caption : "");
		}
		lines[a] = strdup(buf);
		total += strlen(buf) + 1;
	}
	qsort(lines, pl->n_articles, sizeof *lines, linecmp);
	out = calloc(1, total);
	for (size_t a = 0; a < pl->n_articles; a++) {
		strcat(out, lines[a]);
		strcat(out, "\n");
		free(lines[a]);
	}
	free(lines);
	return out;
}

/* The demo and fixture articles: the records of an imported cache give the
 * playlist that parsing the same files gives; the articles are never read
 * (they are deleted before the load). */
static void test_records_match_articles(void **state)
{
	struct env *e = *state;
	char src[4096];
	DIR *d;
	struct dirent *de;
	struct tk_playlist *raw, *rec;
	char *a, *b;

	snprintf(src, sizeof src, "%s/assets/demo", tu_root());
	d = opendir(src);
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len;
		char *t;

		if (de->d_name[0] == '.')
			continue;
		t = tfs_read(src, de->d_name, &len);
		assert_int_equal(tfs_write(e->stick, de->d_name, t, len), 0);
		free(t);
	}
	closedir(d);
	import(e);
	raw = load(e->stick, NULL);
	/* Remove every article file: only the records remain. */
	d = opendir(e->cache);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			char p[8192];

			snprintf(p, sizeof p, "%s/%s", e->cache, de->d_name);
			assert_int_equal(unlink(p), 0);
		}
	closedir(d);
	rec = load(e->cache, NULL);
	assert_true(rec->n_articles >= 8);
	assert_int_equal(rec->n_articles, raw->n_articles);
	assert_int_equal(rec->files_read, raw->files_read);
	a = shown(raw);
	b = shown(rec);
	if (strcmp(a, b)) {
		tfs_write_str("/tmp", "tk-pl-raw.txt", a);
		tfs_write_str("/tmp", "tk-pl-rec.txt", b);
	}
	assert_string_equal(a, b);
	free(a);
	free(b);
	tk_playlist_unref(raw);
	tk_playlist_unref(rec);
}

/* Reload after one new article reads one record; REPLACE drops the records
 * of removed articles with them (GC after the journal completes). */
static void test_reload_reads_only_changes(void **state)
{
	struct env *e = *state;
	struct tk_playlist *p1, *p2, *p3;

	for (int i = 0; i < 40; i++)
		art(e, i);
	import(e);
	p1 = load(e->cache, NULL);
	assert_int_equal(p1->n_articles, 40);
	assert_int_equal(p1->files_read, 40);
	assert_int_equal(p1->files_reused, 0);
	art(e, 40);
	import(e);
	p2 = load(e->cache, p1);
	assert_int_equal(p2->n_articles, 41);
	assert_int_equal(p2->files_read, 1);
	assert_int_equal(p2->files_reused, 40);
	{
		char *a = shown(p2), *b;
		struct tk_playlist *fresh = load(e->cache, NULL);

		b = shown(fresh);
		assert_string_equal(a, b); /* reuse gives what a fresh load gives */
		free(a);
		free(b);
		tk_playlist_unref(fresh);
	}
	/* REPLACE with 5 of them: 36 records go with their articles. */
	tfs_rm_rf(e->stick);
	mkdir(e->stick, 0755);
	for (int i = 0; i < 5; i++)
		art(e, i);
	assert_int_equal(tfs_write_str(e->stick, "REPLACE", ""), 0);
	import(e);
	assert_int_equal(tfs_count(e->recs, ""), 5 + 1); /* records + index */
	p3 = load(e->cache, p2);
	assert_int_equal(p3->n_articles, 5);
	assert_int_equal(p3->files_read, 0);
	assert_int_equal(p3->files_reused, 5);
	tk_playlist_unref(p1);
	tk_playlist_unref(p2);
	tk_playlist_unref(p3);
}

static void sync_cache(struct env *e, int force, struct tk_recstore_stats *st)
{
	struct tk_cache *c = NULL;
	struct tk_recstore_opts o = {0, force};

	assert_int_equal(tk_cache_open(e->cache, &c), TK_OK);
	assert_int_equal(tk_recstore_sync(c, &o, st), TK_OK);
	tk_cache_close(c);
}

/* Current records are kept; another fingerprint (new binary, new setting) or
 * a missing record rebuilds; orphans and stale temporary files go. */
static void test_rebuild(void **state)
{
	struct env *e = *state;
	struct tk_recstore_stats st;
	char *index;
	char path[8192];
	struct dirent *de;
	DIR *d;

	for (int i = 0; i < 6; i++)
		art(e, i);
	import(e);
	sync_cache(e, 0, &st);
	assert_int_equal(st.records, 6);
	assert_int_equal(st.kept, 6);
	assert_int_equal(st.built, 0);
	/* another extractor wrote them: the index's and the records' fingerprints differ */
	index = tfs_read(e->recs, TK_RECSTORE_INDEX, NULL);
	index[sizeof TK_RECSTORE_MAGIC + 2] ^= 1;
	assert_int_equal(tfs_write_str(e->recs, TK_RECSTORE_INDEX, index), 0);
	free(index);
	d = opendir(e->recs);
	while ((de = readdir(d)))
		if (strlen(de->d_name) == 64) {
			size_t len;
			char *r = tfs_read(e->recs, de->d_name, &len);

			r[8] ^= 1; /* the first fingerprint byte */
			assert_int_equal(tfs_write(e->recs, de->d_name, r, len), 0);
			free(r);
		}
	closedir(d);
	sync_cache(e, 0, &st);
	assert_int_equal(st.built, 6);
	assert_true(st.fp_changed);
	/* a record lost, an orphan and a stale temporary file */
	d = opendir(e->recs);
	while ((de = readdir(d)))
		if (strlen(de->d_name) == 64)
			break;
	snprintf(path, sizeof path, "%s/%s", e->recs, de->d_name);
	closedir(d);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(tfs_write_str(e->recs,
				       "00000000000000000000000000000000000000000000000"
				       "00000000000000000",
				       "x"),
			 0);
	assert_int_equal(tfs_write_str(e->recs, ".tmp-1-1", "x"), 0);
	sync_cache(e, 0, &st);
	assert_int_equal(st.built, 1);
	assert_int_equal(st.kept, 5);
	assert_int_equal(st.removed, 2);
	assert_int_equal(tfs_count(e->recs, ""), 6 + 1);
	sync_cache(e, 1, &st);
	assert_int_equal(st.built, 6);
}

/* A damaged record is skipped and counted; the others show. A cache whose
 * index is missing shows nothing when records_only (the real cache). */
static void test_damaged_and_missing(void **state)
{
	struct env *e = *state;
	struct tk_playlist *pl = NULL;
	struct tk_playlist_opts o = {0};
	char path[8192];
	struct dirent *de;
	DIR *d;
	int n = 0;

	for (int i = 0; i < 4; i++)
		art(e, i);
	import(e);
	d = opendir(e->recs);
	while ((de = readdir(d)))
		if (strlen(de->d_name) == 64 && n++ == 0) {
			snprintf(path, sizeof path, "%s/%s", e->recs, de->d_name);
			assert_int_equal(truncate(path, 30), 0);
		}
	closedir(d);
	pl = load(e->cache, NULL);
	assert_int_equal(pl->n_articles, 3);
	assert_int_equal(pl->files_refused, 1);
	tk_playlist_unref(pl);
	snprintf(path, sizeof path, "%s/" TK_RECSTORE_INDEX, e->recs);
	assert_int_equal(unlink(path), 0);
	o.records_only = 1;
	assert_int_equal(tk_playlist_load(e->cache, &o, 1, &pl), TK_OK);
	assert_int_equal(pl->n_articles, 0);
	tk_playlist_unref(pl);
}

/* Issue 9 item 4: an index naming 30,000 records (each a 64-article feed)
 * still gives a playlist within the article and byte caps. */
static void test_caps(void **state)
{
	struct env *e = *state;
	char *feed = malloc(1u << 20), *index, hex[65] = "";
	size_t n = 0;
	struct tk_playlist *pl = NULL;
	struct tk_playlist_opts o;
	struct dirent *de;
	DIR *d;

	n += (size_t)sprintf(feed, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
				   "<title>Big</title>");
	for (int i = 0; i < 100; i++)
		n += (size_t)sprintf(
		    feed + n,
		    "<item><title>Item %d with a long headline that fills the "
		    "line</title><description>\"We expect the work to finish by "
		    "spring and to cost less than planned,\" said Maria Lind. Prices "
		    "rose 12%% as 4,500 people left.</description></item>",
		    i);
	strcpy(feed + n, "</channel></rss>");
	assert_int_equal(tfs_write_str(e->stick, "big.rss", feed), 0);
	import(e);
	d = opendir(e->recs);
	while ((de = readdir(d)))
		if (strlen(de->d_name) == 64)
			memcpy(hex, de->d_name, 65);
	closedir(d);
	assert_int_equal(strlen(hex), 64);
	index = malloc(30000 * 100 + 100);
	n = (size_t)sprintf(index, TK_RECSTORE_MAGIC " 1 00\n");
	for (int i = 0; i < 30000; i++)
		n += (size_t)sprintf(index + n, "%s - %d big-%d.rss\n", hex, 1700000000 + i, i);
	assert_int_equal(tfs_write_str(e->recs, TK_RECSTORE_INDEX, index), 0);
	tk_playlist_opts_from_config(&e->cfg, &o);
	o.max_articles = 0; /* only the playlist's own caps */
	assert_int_equal(tk_playlist_load(e->cache, &o, 1, &pl), TK_OK);
	assert_true(pl->n_articles <= TK_PLAYLIST_MAX_ARTICLES);
	assert_true(pl->text_bytes <= TK_PLAYLIST_MAX_TEXT_BYTES + TK_RECORD_MAX_ARTICLE_BYTES);
	assert_true(pl->n_articles > 1000);
	for (size_t i = 0; i < pl->n_items; i++)
		assert_true(strlen(pl->items[i].text) <= TK_RECORD_MAX_TEXT);
	tk_playlist_unref(pl);
	free(index);
	free(feed);
}

/* Allocation failure at every N while loading from records: clean errors. */
static void test_alloc_failures(void **state)
{
	struct env *e = *state;
	int done = 0;

	for (int i = 0; i < 3; i++)
		art(e, i);
	import(e);
	for (long n = 1; !done && n < 5000; n++) {
		struct tk_playlist *pl = NULL;
		int err;

		tk_mem_fail_at(n);
		err = tk_playlist_load(e->cache, NULL, 1, &pl);
		tk_mem_fail_at(0);
		if (err) {
			assert_int_equal(err, TK_ENOMEM);
			assert_null(pl);
		} else {
			done = !tk_mem_failed();
			assert_int_equal(pl->n_articles, 3);
		}
		tk_playlist_unref(pl);
	}
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_records_match_articles, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reload_reads_only_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rebuild, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_and_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_caps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
	};
	return cmocka_run_group_tests_name("playlist", tests, NULL, NULL);
}
