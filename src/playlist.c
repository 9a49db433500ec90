/* Playlist building: read the cache directory, parse and extract each file,
 * copy the items into one arena and sort articles newest first. Runs on the
 * loader thread, never on the frame path. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cardtime.h"
#include "config.h"
#include "cache.h"
#include "err.h"
#include "logo.h"
#include "mem.h"
#include "playlist.h"
#include "showdates.h"
#include "recstore.h"

/* A record a playlist was built from, for reuse by the next one. */
struct tk_pl_src {
	char hex[65];
	int64_t when;
};

/* Above malloc's mmap threshold (128 KiB, render_app.c): a playlist's text
 * returns to the system when it goes, instead of fragmenting the heap of the
 * loader thread that built it (RSS would keep the high-water mark). */
#define TK_PLAYLIST_ARENA_BLOCK (256u * 1024)

struct tk_playlist_priv {
	struct tk_playlist pub; /* first: the public view */
	atomic_int refs;
	struct tk_pl_src *srcs; /* by insertion; articles point here (source_rec) */
	size_t n_srcs, cap_srcs;
	struct tk_playlist_opts opts; /* what it was built with */
	struct tk_arena *arena;
	struct tk_pl_article *arts;
	struct tk_pl_item *items;
	size_t cap_arts, cap_items;
	size_t *order; /* insertion order, for stable sorting */
};

static size_t tk_pl_card_words(const struct tk_pl_article *art, const struct tk_pl_item *items);

static struct tk_playlist_priv *tk_pl_priv(struct tk_playlist *pl)
{
	return (struct tk_playlist_priv *)pl;
}

int tk_playlist_create(struct tk_playlist **out)
{
	struct tk_playlist_priv *p = tk_calloc(1, sizeof *p);

	*out = NULL;
	if (!p)
		return TK_ENOMEM;
	atomic_init(&p->refs, 1);
	if (tk_arena_create_blocks(TK_PLAYLIST_ARENA_BLOCK, &p->arena)) {
		tk_free(p);
		return TK_ENOMEM;
	}
	*out = &p->pub;
	return TK_OK;
}

struct tk_playlist *tk_playlist_ref(struct tk_playlist *pl)
{
	if (pl)
		atomic_fetch_add(&tk_pl_priv(pl)->refs, 1);
	return pl;
}

void tk_playlist_unref(struct tk_playlist *pl)
{
	struct tk_playlist_priv *p;

	if (!pl)
		return;
	p = tk_pl_priv(pl);
	if (atomic_fetch_sub(&p->refs, 1) != 1)
		return;
	tk_arena_destroy(p->arena);
	tk_logo_free((struct tk_logo *)p->pub.logo);
	tk_free(p->srcs);
	tk_free(p->arts);
	tk_free(p->items);
	tk_free(p);
}

static const char *tk_pl_dup(struct tk_arena *a, const char *s, int *fail)
{
	char *d;

	if (!s)
		return NULL;
	d = tk_arena_strndup(a, s, strlen(s));
	if (!d)
		*fail = 1;
	return d;
}

int tk_playlist_add(struct tk_playlist *pl, const char *headline, const char *source, int64_t when,
		    const struct tk_item *items, size_t n)
{
	struct tk_playlist_priv *p = tk_pl_priv(pl);
	struct tk_pl_article *art;
	int fail = 0;

	if (tk_buf_grow(&p->arts, &p->cap_arts, p->pub.n_articles, sizeof *p->arts, 32) ||
	    tk_buf_grow(&p->items, &p->cap_items, p->pub.n_items + n, sizeof *p->items, 128))
		return TK_ENOMEM;
	art = &p->arts[p->pub.n_articles];
	memset(art, 0, sizeof *art);
	art->headline = tk_pl_dup(p->arena, headline ? headline : "", &fail);
	art->source = tk_pl_dup(p->arena, source, &fail);
	art->when = when;
	art->first = p->pub.n_items;
	art->quote = art->figure = -1;
	art->source_rec = p->n_srcs ? (long)p->n_srcs - 1 : -1;
	for (size_t i = 0; i < n && !fail; i++) {
		struct tk_pl_item *d = &p->items[p->pub.n_items + art->count];

		if (!items[i].text || !*items[i].text)
			continue;
		d->kind = items[i].kind;
		d->text = tk_pl_dup(p->arena, items[i].text, &fail);
		d->speaker = tk_pl_dup(p->arena, items[i].speaker, &fail);
		d->role = tk_pl_dup(p->arena, items[i].role, &fail);
		d->figure = tk_pl_dup(p->arena, items[i].figure, &fail);
		d->caption = tk_pl_dup(p->arena, items[i].caption, &fail);
		d->article = p->pub.n_articles;
		/* Items come ranked: the first quote and figure are the best. */
		if (d->kind == TK_ITEM_QUOTE && art->quote < 0)
			art->quote = (long)art->count;
		if (d->kind == TK_ITEM_FIGURE && art->figure < 0)
			art->figure = (long)art->count;
		art->count++;
	}
	if (fail)
		return TK_ENOMEM;
	if (art->count == 0) {
		/* Never an article with nothing to show: its headline is an item. */
		struct tk_pl_item *d = &p->items[p->pub.n_items];

		memset(d, 0, sizeof *d);
		d->kind = TK_ITEM_HEADLINE;
		d->text = art->headline;
		d->article = p->pub.n_articles;
		art->count = 1;
	}
	/* Store quote/figure as absolute indexes. */
	if (art->quote >= 0)
		art->quote += (long)art->first;
	if (art->figure >= 0)
		art->figure += (long)art->first;
	art->words = tk_pl_card_words(art, p->items);
	p->pub.n_items += art->count;
	p->pub.n_articles++;
	p->pub.text_bytes = tk_arena_used(p->arena);
	p->pub.articles = p->arts;
	p->pub.items = p->items;
	return TK_OK;
}

/* What the article's card shows (render.c: headline, the quote and who said
 * it, the figure and its caption, or else the next item as a standfirst), in
 * words for reading time. */
static size_t tk_pl_card_words(const struct tk_pl_article *art, const struct tk_pl_item *items)
{
	size_t w = tk_cardtime_words(art->headline);

	if (art->quote >= 0) {
		const struct tk_pl_item *q = &items[art->quote];

		w += tk_cardtime_words(q->text) + tk_cardtime_words(q->speaker) +
		     tk_cardtime_words(q->role);
	}
	if (art->figure >= 0)
		w += tk_cardtime_words(items[art->figure].figure) +
		     tk_cardtime_words(items[art->figure].caption);
	if (art->quote < 0 && art->figure < 0 && art->count > 1)
		w += tk_cardtime_words(items[art->first + 1].text);
	return w;
}

static int tk_pl_cmp(const void *a, const void *b)
{
	const struct tk_pl_article *x = a, *y = b;

	if (x->when != y->when)
		return x->when > y->when ? -1 : 1;
	/* Stable: first holds the insertion order. */
	return x->first < y->first ? -1 : x->first > y->first;
}

int tk_playlist_sort(struct tk_playlist *pl)
{
	struct tk_playlist_priv *p = tk_pl_priv(pl);
	struct tk_pl_item *items = NULL;
	size_t k = 0;

	if (p->pub.n_articles < 2)
		return TK_OK;
	items = tk_malloc(p->pub.n_items * sizeof *items);
	if (!items)
		return TK_ENOMEM;
	qsort(p->arts, p->pub.n_articles, sizeof *p->arts, tk_pl_cmp);
	for (size_t a = 0; a < p->pub.n_articles; a++) {
		struct tk_pl_article *art = &p->arts[a];
		size_t first = k;

		for (size_t i = 0; i < art->count; i++) {
			items[k] = p->items[art->first + i];
			items[k].article = a;
			k++;
		}
		if (art->quote >= 0)
			art->quote = art->quote - (long)art->first + (long)first;
		if (art->figure >= 0)
			art->figure = art->figure - (long)art->first + (long)first;
		art->first = first;
	}
	tk_free(p->items);
	p->items = items;
	p->cap_items = p->pub.n_items;
	p->pub.articles = p->arts;
	p->pub.items = p->items;
	return TK_OK;
}

static int tk_pl_read_file(int dfd, const char *name, size_t max, char **buf, size_t *len,
			   int64_t *mtime)
{
	struct stat st;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	int err = TK_OK;
	size_t got = 0;

	*buf = NULL;
	if (fd < 0)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		err = TK_EIO;
		goto out;
	}
	if ((size_t)st.st_size > max) {
		err = TK_ETOOBIG;
		goto out;
	}
	*buf = tk_malloc((size_t)st.st_size + 1);
	if (!*buf) {
		err = TK_ENOMEM;
		goto out;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, *buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	*len = got;
	if (mtime)
		*mtime = (int64_t)st.st_mtime;
out:
	if (err) {
		tk_free(*buf);
		*buf = NULL;
	}
	close(fd);
	return err;
}

void tk_playlist_opts_from_config(const struct tk_config *cfg, struct tk_playlist_opts *out)
{
	memset(out, 0, sizeof *out);
	out->max_file_bytes = (size_t)cfg->max_file_bytes;
	tk_extract_opts_from_config(cfg, &out->xo);
	out->max_articles = cfg->max_articles > 0 ? (size_t)cfg->max_articles : 0;
	snprintf(out->urgent_name, sizeof out->urgent_name, "%s", cfg->urgent_name);
}

/* opts, or the configuration's defaults for NULL. */
static void tk_pl_opts_effective(const struct tk_playlist_opts *in, struct tk_playlist_opts *o)
{
	struct tk_config dcfg;

	if (in) {
		*o = *in;
		return;
	}
	tk_config_defaults(&dcfg);
	tk_playlist_opts_from_config(&dcfg, o);
}

/* Per-playlist caps: the display's memory whatever the cache holds. */
static int tk_pl_full(const struct tk_playlist *pl)
{
	const struct tk_playlist_priv *p = (const struct tk_playlist_priv *)pl;

	return pl->n_articles >= TK_PLAYLIST_MAX_ARTICLES ||
	       tk_arena_used(p->arena) >= TK_PLAYLIST_MAX_TEXT_BYTES;
}

int tk_playlist_add_record(struct tk_playlist *pl, const struct tk_record *rec, int64_t mtime,
			   const struct tk_playlist_opts *opts)
{
	struct tk_playlist_opts eo;
	size_t mq, mf;
	struct tk_item items[1 + TK_RECORD_MAX_QUOTES + TK_RECORD_MAX_FIGURES];
	int err = TK_OK;

	tk_pl_opts_effective(opts, &eo);
	mq = eo.xo.max_quotes;
	mf = eo.xo.max_figures;
	for (size_t a = 0; a < rec->n_articles && !err && !tk_pl_full(pl); a++) {
		const struct tk_record_article *ra = &rec->articles[a];
		size_t nq = ra->n_quotes < mq ? ra->n_quotes : mq;
		size_t nf = ra->n_figures < mf ? ra->n_figures : mf, n = 0;

		/* As the extractor orders them: headline, then quote, figure, ... */
		memset(items, 0, sizeof items);
		items[n].kind = TK_ITEM_HEADLINE;
		items[n++].text = ra->headline;
		for (size_t i = 0; i < nq || i < nf; i++) {
			if (i < nq) {
				items[n].kind = TK_ITEM_QUOTE;
				items[n].text = ra->quotes[i].text;
				items[n].speaker = ra->quotes[i].speaker;
				items[n++].role = ra->quotes[i].role;
			}
			if (i < nf) {
				items[n].kind = TK_ITEM_FIGURE;
				items[n].text = ra->figures[i].text;
				items[n].figure = ra->figures[i].figure;
				items[n].speaker = ra->figures[i].speaker;
				items[n++].caption = ra->figures[i].caption;
			}
		}
		/* Later articles of one feed are older: keep feed order on ties. */
		err = tk_playlist_add(pl, ra->headline, ra->source,
				      ra->date != TK_RECORD_NO_DATE ? ra->date : mtime, items, n);
	}
	return err;
}

/* ---- from the record index (the display's path) ------------------------- */

/* Articles added from now on come from this record. */
static int tk_pl_src_begin(struct tk_playlist *pl, const char *hex, int64_t when)
{
	struct tk_playlist_priv *p = tk_pl_priv(pl);

	if (tk_buf_grow(&p->srcs, &p->cap_srcs, p->n_srcs, sizeof *p->srcs, 64))
		return TK_ENOMEM;
	memcpy(p->srcs[p->n_srcs].hex, hex, sizeof p->srcs[0].hex);
	p->srcs[p->n_srcs++].when = when;
	return TK_OK;
}

/* Previous playlist's articles by record, for reuse. */
struct tk_pl_reuse {
	const struct tk_playlist_priv *prev;
	size_t *by_hex; /* indices into prev's srcs, sorted by hex */
	size_t *arts;	/* prev's article indices grouped by record */
	size_t *start;	/* per src: its first position in arts (n_srcs + 1 entries) */
};

static int tk_pl_hexcmp(const void *a, const void *b, void *ctx)
{
	const struct tk_pl_src *srcs = ctx;

	return strcmp(srcs[*(const size_t *)a].hex, srcs[*(const size_t *)b].hex);
}

static void tk_pl_reuse_free(struct tk_pl_reuse *r)
{
	tk_free(r->by_hex);
	tk_free(r->arts);
	tk_free(r->start);
	memset(r, 0, sizeof *r);
}

/* Index prev's articles by record. Nothing to reuse (r->prev NULL) when prev
 * was built with other counts or not from records. */
static int tk_pl_reuse_init(struct tk_pl_reuse *r, const struct tk_playlist *prev,
			    const struct tk_playlist_opts *o)
{
	const struct tk_playlist_priv *p = (const struct tk_playlist_priv *)prev;
	size_t ns;

	memset(r, 0, sizeof *r);
	if (!p || !p->n_srcs || p->opts.xo.max_quotes != o->xo.max_quotes ||
	    p->opts.xo.max_figures != o->xo.max_figures)
		return TK_OK;
	ns = p->n_srcs;
	r->by_hex = tk_malloc(ns * sizeof *r->by_hex);
	r->start = tk_calloc(ns + 1, sizeof *r->start);
	r->arts = tk_malloc((p->pub.n_articles ? p->pub.n_articles : 1) * sizeof *r->arts);
	if (!r->by_hex || !r->start || !r->arts) {
		tk_pl_reuse_free(r);
		return TK_ENOMEM;
	}
	for (size_t i = 0; i < ns; i++)
		r->by_hex[i] = i;
	qsort_r(r->by_hex, ns, sizeof *r->by_hex, tk_pl_hexcmp, p->srcs);
	for (size_t a = 0; a < p->pub.n_articles; a++)
		if (p->arts[a].source_rec >= 0)
			r->start[p->arts[a].source_rec + 1]++;
	for (size_t i = 0; i < ns; i++)
		r->start[i + 1] += r->start[i];
	{
		size_t *fill = tk_calloc(ns, sizeof *fill);

		if (!fill) {
			tk_pl_reuse_free(r);
			return TK_ENOMEM;
		}
		for (size_t a = 0; a < p->pub.n_articles; a++) {
			long s = p->arts[a].source_rec;

			if (s >= 0)
				r->arts[r->start[s] + fill[s]++] = a;
		}
		tk_free(fill);
	}
	r->prev = p;
	return TK_OK;
}

/* The prev source with this record and sort time, or -1. */
static long tk_pl_reuse_find(const struct tk_pl_reuse *r, const char *hex, int64_t when)
{
	size_t lo = 0, hi = r->prev ? r->prev->n_srcs : 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct tk_pl_src *s = &r->prev->srcs[r->by_hex[mid]];
		int c = strcmp(s->hex, hex);

		if (!c)
			return s->when == when ? (long)r->by_hex[mid] : -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Copy the articles prev built from source src. */
static int tk_pl_reuse_add(struct tk_playlist *pl, const struct tk_pl_reuse *r, long src)
{
	struct tk_item items[1 + TK_RECORD_MAX_QUOTES + TK_RECORD_MAX_FIGURES];
	const struct tk_playlist *prev = &r->prev->pub;
	int err = TK_OK;

	for (size_t k = r->start[src]; k < r->start[src + 1] && !err && !tk_pl_full(pl); k++) {
		const struct tk_pl_article *a = &prev->articles[r->arts[k]];
		size_t n = a->count < sizeof items / sizeof items[0]
			       ? a->count
			       : sizeof items / sizeof items[0];

		for (size_t i = 0; i < n; i++) {
			const struct tk_pl_item *it = &prev->items[a->first + i];

			items[i] = (struct tk_item){it->kind, it->text,	  it->speaker,
						    it->role, it->figure, it->caption};
		}
		err = tk_playlist_add(pl, a->headline, a->source, a->when, items, n);
	}
	return err;
}

struct tk_pl_entry {
	char hex[65];
	int64_t when;
	size_t line;
	int64_t from, until; /* show dates (showdates.h) */
};

static int tk_pl_entry_cmp(const void *a, const void *b)
{
	const struct tk_pl_entry *x = a, *y = b;

	if (x->when != y->when)
		return x->when > y->when ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* "/FROM/UNTIL" after MTIME (showdates.h; "-" = open); absent = always. */
static int tk_pl_index_window(const char *p, struct tk_pl_entry *e)
{
	int64_t *v[2] = {&e->from, &e->until};

	e->from = e->until = TK_SHOWDATES_OPEN;
	for (int i = 0; i < 2 && *p == '/'; i++) {
		char *end;

		p++;
		if (*p == '-') {
			p++;
			continue;
		}
		*v[i] = strtoll(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	return 0;
}

static int tk_pl_index_times(const char *p, int64_t *when, struct tk_pl_entry *e)
{
	char *end;
	long long date = 0, mtime;
	int dated = *p != '-';

	if (dated) {
		date = strtoll(p, &end, 10);
		if (end == p)
			return -1;
	} else {
		end = (char *)p + 1;
	}
	if (*end != ' ')
		return -1;
	p = end + 1;
	mtime = strtoll(p, &end, 10);
	if (end == p)
		return -1;
	*when = dated ? date : mtime;
	return tk_pl_index_window(end, e);
}

/* Parse the index text into entries, newest first. Malformed lines are
 * skipped (counted as refused); a wrong header refuses the whole index. */
static int tk_pl_index_parse(char *text, struct tk_pl_entry **out, size_t *n, size_t *bad)
{
	char *save = NULL, *line = strtok_r(text, "\n", &save);
	struct tk_pl_entry *e = NULL;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!line || strncmp(line, TK_RECSTORE_MAGIC " 1 ", sizeof TK_RECSTORE_MAGIC + 2))
		return TK_EPARSE;
	while ((line = strtok_r(NULL, "\n", &save))) {
		size_t h = strspn(line, "0123456789abcdef");

		if (h != 64 || line[64] != ' ') {
			++*bad;
			continue;
		}
		if (tk_buf_grow(&e, &cap, *n, sizeof *e, 256)) {
			tk_free(e);
			return TK_ENOMEM;
		}
		memcpy(e[*n].hex, line, 64);
		e[*n].hex[64] = '\0';
		e[*n].line = *n;
		/* DATE MTIME: undated articles sort by import time. */
		if (tk_pl_index_times(line + 65, &e[*n].when, &e[*n])) {
			++*bad;
			continue;
		}
		++*n;
	}
	if (*n)
		qsort(e, *n, sizeof *e, tk_pl_entry_cmp);
	*out = e;
	return TK_OK;
}

/* One record: taken over from the previous playlist when unchanged, else
 * read, validated and added. Invalid or missing ones are counted. */
static int tk_pl_add_one(struct tk_playlist *pl, int rfd, const struct tk_pl_entry *e,
			 const struct tk_playlist_opts *opts, const struct tk_pl_reuse *reuse)
{
	struct tk_record *rec = NULL;
	char *buf = NULL;
	size_t len = 0;
	long src = tk_pl_reuse_find(reuse, e->hex, e->when);
	int err = tk_pl_src_begin(pl, e->hex, e->when);

	if (!err && src >= 0) {
		pl->files_reused++;
		return tk_pl_reuse_add(pl, reuse, src);
	}
	if (!err)
		err = tk_pl_read_file(rfd, e->hex, TK_RECORD_MAX_BYTES, &buf, &len, NULL);
	if (!err)
		err = tk_record_decode(buf, len, &rec);
	if (err == TK_ENOMEM)
		goto out;
	if (err || !rec->n_articles) {
		/* Refused at import (an empty record) or damaged since. */
		pl->files_refused++;
		err = TK_OK;
		goto out;
	}
	pl->files_read++;
	err = tk_playlist_add_record(pl, rec, e->when, opts);
out:
	tk_record_free(rec);
	tk_free(buf);
	return err;
}

static uint64_t tk_pl_stat_id(const struct stat *st)
{
	uint64_t v[4] = {(uint64_t)st->st_ino, (uint64_t)st->st_size, (uint64_t)st->st_mtim.tv_sec,
			 (uint64_t)st->st_mtim.tv_nsec};
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < sizeof v; i++)
		h = (h ^ ((const unsigned char *)v)[i]) * 1099511628211ULL;
	return h ? h : 1;
}

uint64_t tk_playlist_records_id(const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/" TK_RECSTORE_DIR "/" TK_RECSTORE_INDEX, dir);
	if (lstat(path, &st) || !S_ISREG(st.st_mode))
		return 0;
	return tk_pl_stat_id(&st);
}

uint64_t tk_playlist_logo_id(const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/" TK_CACHE_LOGO, dir);
	if (lstat(path, &st) || !S_ISREG(st.st_mode))
		return 0;
	return tk_pl_stat_id(&st);
}

static int tk_pl_from_index(int dfd, const struct tk_playlist_opts *opts, struct tk_playlist *pl,
			    const struct tk_playlist *prev)
{
	struct tk_pl_reuse reuse = {0};
	struct tk_pl_entry *e = NULL;
	int64_t now = opts->now ? opts->now : (int64_t)time(NULL);
	char *text = NULL;
	size_t len = 0, n = 0;
	int rfd = openat(dfd, TK_RECSTORE_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	int err = rfd < 0 ? TK_ENOENT : TK_OK;

	struct stat st;

	/* Identity first: if the index is replaced meanwhile, the next look reloads. */
	if (!err && !fstatat(rfd, TK_RECSTORE_INDEX, &st, AT_SYMLINK_NOFOLLOW) &&
	    S_ISREG(st.st_mode))
		pl->records_id = tk_pl_stat_id(&st);
	if (!err)
		err = tk_pl_read_file(rfd, TK_RECSTORE_INDEX, TK_PLAYLIST_MAX_INDEX_BYTES, &text,
				      &len, NULL);
	if (err)
		goto out;
	text[len] = '\0';
	err = tk_pl_index_parse(text, &e, &n, &pl->files_refused);
	if (!err)
		err = tk_pl_reuse_init(&reuse, prev, &tk_pl_priv(pl)->opts);
	/* Newest first: beyond max_articles nothing more is shown, so nothing
	 * more is read (a feed's later articles may be older: a few are kept). */
	for (size_t i = 0; i < n && !err && !tk_pl_full(pl) &&
			   (!opts->max_articles || pl->n_articles < opts->max_articles);
	     i++)
		if (tk_showdates_shown(e[i].from, e[i].until, now))
			err = tk_pl_add_one(pl, rfd, &e[i], opts, &reuse);
out:
	tk_pl_reuse_free(&reuse);
	tk_free(e);
	tk_free(text);
	if (rfd >= 0)
		close(rfd);
	return err;
}

/* ---- from raw article files (snapshot --cache on a plain directory) ----- */

static int tk_pl_namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the article files of d, sorted: the same directory always gives
 * the same playlist. */
static int tk_pl_list(DIR *d, char ***out, size_t *n)
{
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (tk_buf_grow(&names, &cap, *n, sizeof *names, 64))
			goto nomem;
		names[*n] = tk_strdup(e->d_name);
		if (!names[*n])
			goto nomem;
		++*n;
	}
	if (*n)
		qsort(names, *n, sizeof *names, tk_pl_namecmp);
	*out = names;
	return TK_OK;
nomem:
	for (size_t i = 0; i < *n; i++)
		tk_free(names[i]);
	tk_free(names);
	*n = 0;
	return TK_ENOMEM;
}

/* Parse one article file and add it through an in-memory record, so both
 * paths give the same items. */
static int tk_pl_add_raw(struct tk_playlist *pl, int dfd, const char *name,
			 const struct tk_playlist_opts *opts)
{
	static const unsigned char nofp[TK_RECORD_FP_BYTES];
	struct tk_read_opts ro = {opts->max_file_bytes, NULL};
	struct tk_doc *doc = NULL;
	struct tk_record *rec = NULL;
	const char *reason = NULL;
	char *buf = NULL;
	void *bytes = NULL;
	size_t len = 0, blen = 0;
	int64_t mtime = 0;
	int err = tk_pl_read_file(dfd, name, ro.max_bytes, &buf, &len, &mtime);

	if (!err)
		err = tk_doc_parse(buf, len, name, &ro, &doc, &reason);
	if (err && err != TK_ENOMEM) {
		pl->files_refused++;
		err = TK_OK;
		goto out;
	}
	if (!err)
		err = tk_record_encode(doc, nofp, &bytes, &blen);
	if (!err)
		err = tk_record_decode(bytes, blen, &rec);
	if (!err) {
		pl->files_read++;
		err = tk_playlist_add_record(pl, rec, mtime, opts);
	}
out:
	tk_record_free(rec);
	tk_free(bytes);
	tk_doc_free(doc);
	tk_free(buf);
	return err;
}

static int tk_pl_from_files(DIR *d, const struct tk_playlist_opts *opts, struct tk_playlist *pl)
{
	char **names = NULL;
	size_t n = 0;
	int err = tk_pl_list(d, &names, &n);

	for (size_t i = 0; i < n && !err && !tk_pl_full(pl); i++)
		if (strcmp(names[i], opts->urgent_name) && strcasecmp(names[i], TK_LOGO_NAME))
			err = tk_pl_add_raw(pl, dirfd(d), names[i], opts);
	for (size_t i = 0; i < n; i++)
		tk_free(names[i]);
	tk_free(names);
	return err;
}

void tk_playlist_set_logo(struct tk_playlist *pl, struct tk_logo *logo)
{
	tk_logo_free((struct tk_logo *)pl->logo);
	pl->logo = logo;
}

/* The logo of a cache: its stored pixels, bounds-checked. */
static int tk_pl_logo_cache(int dfd, struct tk_playlist *pl)
{
	struct tk_logo *l = NULL;
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	int err;

	if (!fstatat(dfd, TK_CACHE_LOGO, &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode))
		pl->logo_id = tk_pl_stat_id(&st);
	err = tk_pl_read_file(dfd, TK_CACHE_LOGO,
			      TK_LOGO_HEADER + (size_t)TK_LOGO_STORE_MAX * TK_LOGO_STORE_MAX * 4,
			      &buf, &len, NULL);
	if (err == TK_ENOENT)
		return TK_OK;
	if (!err)
		err = tk_logo_parse(buf, len, &l);
	tk_free(buf);
	if (err == TK_ENOMEM)
		return err;
	pl->logo = l;
	pl->logo_refused = err != TK_OK;
	return TK_OK;
}

/* The logo.png of a plain directory (a stick prepared on a laptop): the
 * import's checks, then the size the cache would keep. */
static int tk_pl_logo_raw(DIR *d, struct tk_playlist *pl)
{
	struct tk_logo *l = NULL;
	struct dirent *e;
	char *buf = NULL, why[200];
	size_t len = 0;
	int err = TK_ENOENT;

	rewinddir(d);
	while ((e = readdir(d)))
		if (!strcasecmp(e->d_name, TK_LOGO_NAME)) {
			err = tk_pl_read_file(dirfd(d), e->d_name, TK_LOGO_FILE_MAX, &buf, &len,
					      NULL);
			break;
		}
	if (!err && len)
		err = tk_logo_decode(buf, len, &l, why, sizeof why);
	tk_free(buf);
	if (err == TK_ENOMEM)
		return err;
	pl->logo = l;
	pl->logo_refused = err != TK_OK && err != TK_ENOENT;
	return TK_OK;
}

int tk_playlist_load(const char *dir, const struct tk_playlist_opts *opts, uint64_t generation,
		     struct tk_playlist **out)
{
	return tk_playlist_reload(dir, opts, generation, NULL, out);
}

int tk_playlist_reload(const char *dir, const struct tk_playlist_opts *opts, uint64_t generation,
		       const struct tk_playlist *prev, struct tk_playlist **out)
{
	struct tk_playlist *pl = NULL;
	DIR *d = NULL;
	int err;

	*out = NULL;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? TK_ENOENT : TK_EIO;
	err = tk_playlist_create(&pl);
	if (err)
		goto out;
	pl->generation = generation;
	tk_pl_opts_effective(opts, &tk_pl_priv(pl)->opts);
	opts = &tk_pl_priv(pl)->opts;
	/* A cache the import side keeps has an index: never parse its articles.
	 * Nor when it has none yet (a cache from an older version, before
	 * `ticker import --rebuild`): its lock file marks it as a cache. */
	err = tk_pl_from_index(dirfd(d), opts, pl, prev);
	if (err == TK_ENOENT && !opts->records_only &&
	    faccessat(dirfd(d), TK_PLAYLIST_CACHE_MARK, F_OK, AT_SYMLINK_NOFOLLOW)) {
		err = tk_pl_from_files(d, opts, pl);
		if (!err)
			err = tk_pl_logo_raw(d, pl);
	} else {
		if (err == TK_ENOENT || err == TK_EPARSE) {
			pl->no_records = 1; /* not built yet: nothing to show until they are */
			err = TK_OK;
		}
		if (!err)
			err = tk_pl_logo_cache(dirfd(d), pl);
	}
	if (!err)
		err = tk_playlist_sort(pl);
	if (!err && opts->max_articles && pl->n_articles > opts->max_articles) {
		/* Sorted newest first: dropping the tail keeps the newest. */
		struct tk_playlist_priv *p = tk_pl_priv(pl);

		p->pub.n_articles = opts->max_articles;
		p->pub.n_items =
		    p->arts[opts->max_articles - 1].first + p->arts[opts->max_articles - 1].count;
	}
out:
	closedir(d);
	if (err) {
		tk_playlist_unref(pl);
		pl = NULL;
	}
	*out = pl;
	return err;
}

static int tk_pl_slurp(const char *dir, const char *name, char *buf, size_t size)
{
	char path[4096];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return (int)n;
}

uint64_t tk_playlist_generation(const char *dir)
{
	char buf[64];

	if (tk_pl_slurp(dir, TK_CACHE_GENERATION, buf, sizeof buf) <= 0)
		return 0;
	return strtoull(buf, NULL, 10);
}

int tk_playlist_notice(const char *dir, const char *name, int64_t now, char *text, size_t size)
{
	char buf[4096];
	char *nl, *end;
	long long until;
	size_t len;

	text[0] = '\0';
	if (tk_pl_slurp(dir, name, buf, sizeof buf) <= 0)
		return 0;
	until = strtoll(buf, &end, 10);
	if (end == buf || until < now)
		return 0;
	nl = strchr(buf, '\n');
	if (!nl)
		return 0;
	nl++;
	len = strlen(nl);
	while (len && (nl[len - 1] == '\n' || nl[len - 1] == '\r' || nl[len - 1] == ' '))
		nl[--len] = '\0';
	if (!len)
		return 0;
	if (!strcmp(name, TK_CACHE_STATUS)) {
		char *e2 = strchr(nl, '\n');

		if (e2)
			*e2 = '\0';
	}
	snprintf(text, size, "%s", nl);
	return 1;
}
