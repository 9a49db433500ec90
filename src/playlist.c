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
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "err.h"
#include "mem.h"
#include "playlist.h"

struct tk_playlist_priv {
	struct tk_playlist pub; /* first: the public view */
	atomic_int refs;
	struct tk_arena *arena;
	struct tk_pl_article *arts;
	struct tk_pl_item *items;
	size_t cap_arts, cap_items;
	size_t *order; /* insertion order, for stable sorting */
};

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
	if (tk_arena_create(&p->arena)) {
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

	if (p->pub.n_articles == p->cap_arts) {
		size_t cap = p->cap_arts ? p->cap_arts * 2 : 32;
		struct tk_pl_article *a = tk_realloc(p->arts, cap * sizeof *a);

		if (!a)
			return TK_ENOMEM;
		p->arts = a;
		p->cap_arts = cap;
	}
	if (p->pub.n_items + n + 1 > p->cap_items) {
		size_t cap = p->cap_items ? p->cap_items * 2 : 128;
		struct tk_pl_item *it;

		while (cap < p->pub.n_items + n + 1)
			cap *= 2;
		it = tk_realloc(p->items, cap * sizeof *it);
		if (!it)
			return TK_ENOMEM;
		p->items = it;
		p->cap_items = cap;
	}
	art = &p->arts[p->pub.n_articles];
	memset(art, 0, sizeof *art);
	art->headline = tk_pl_dup(p->arena, headline ? headline : "", &fail);
	art->source = tk_pl_dup(p->arena, source, &fail);
	art->when = when;
	art->first = p->pub.n_items;
	art->quote = art->figure = -1;
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
	p->pub.n_items += art->count;
	p->pub.n_articles++;
	p->pub.articles = p->arts;
	p->pub.items = p->items;
	return TK_OK;
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

/* "YYYY-MM-DD" to unix seconds (midnight UTC), or -1. */
static int64_t tk_pl_date(const char *d)
{
	int y, m, day;
	int64_t days;

	if (!d || sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3 || m < 1 || m > 12 || day < 1 ||
	    day > 31)
		return -1;
	/* Days from civil (Howard Hinnant's algorithm): no timegm, no TZ. */
	y -= m <= 2;
	{
		int64_t era = (y >= 0 ? y : y - 399) / 400;
		int64_t yoe = y - era * 400;
		int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
		int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	return days * 86400;
}

static int tk_pl_read_file(int dfd, const char *name, size_t max, char **buf, size_t *len,
			   int64_t *mtime)
{
	struct stat st;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	int err = TK_OK;
	size_t got = 0;

	*buf = NULL;
	if (fd < 0)
		return TK_EIO;
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
	*mtime = (int64_t)st.st_mtime;
out:
	if (err) {
		tk_free(*buf);
		*buf = NULL;
	}
	close(fd);
	return err;
}

static int tk_pl_namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tk_playlist_opts_from_config(const struct tk_config *cfg, struct tk_playlist_opts *out)
{
	memset(out, 0, sizeof *out);
	out->max_file_bytes = (size_t)cfg->max_file_bytes;
	tk_extract_opts_from_config(cfg, &out->xo);
	out->max_articles = cfg->max_articles > 0 ? (size_t)cfg->max_articles : 0;
}

int tk_playlist_load(const char *dir, const struct tk_playlist_opts *opts, uint64_t generation,
		     struct tk_playlist **out)
{
	struct tk_playlist *pl = NULL;
	struct tk_playlist_opts dopts;
	struct tk_config dcfg;
	struct tk_extract_opts xo = {0};
	struct tk_read_opts ro = {0};
	DIR *d = NULL;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int dfd, err = TK_OK;

	*out = NULL;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? TK_ENOENT : TK_EIO;
	dfd = dirfd(d);
	err = tk_playlist_create(&pl);
	if (err)
		goto out;
	pl->generation = generation;
	if (!opts) {
		tk_config_defaults(&dcfg);
		tk_playlist_opts_from_config(&dcfg, &dopts);
		opts = &dopts;
	}
	ro.max_bytes = opts->max_file_bytes;
	xo = opts->xo;
	/* Names sorted first: the same directory always gives the same playlist. */
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn = tk_realloc(names, (cap ? cap * 2 : 64) * sizeof *nn);

			if (!nn) {
				err = TK_ENOMEM;
				goto out;
			}
			names = nn;
			cap = cap ? cap * 2 : 64;
		}
		names[n] = tk_strdup(e->d_name);
		if (!names[n]) {
			err = TK_ENOMEM;
			goto out;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof *names, tk_pl_namecmp);
	for (size_t i = 0; i < n; i++) {
		char *buf = NULL;
		size_t len = 0;
		int64_t mtime = 0;
		struct tk_doc *doc = NULL;
		const char *reason = NULL;
		int r = tk_pl_read_file(dfd, names[i], ro.max_bytes, &buf, &len, &mtime);

		if (r == TK_ENOMEM) {
			err = r;
			goto out;
		}
		if (!r)
			r = tk_doc_parse(buf, len, names[i], &ro, &doc, &reason);
		if (r == TK_ENOMEM) {
			tk_free(buf);
			err = r;
			goto out;
		}
		if (r) {
			pl->files_refused++;
			tk_free(buf);
			continue;
		}
		pl->files_read++;
		for (size_t a = 0; a < tk_doc_count(doc) && !err; a++) {
			const struct tk_article *art = tk_doc_article(doc, a);
			struct tk_extraction *ex = NULL;
			int64_t when = tk_pl_date(art->date);

			if (tk_extract(art, &xo, &ex)) {
				err = TK_ENOMEM;
				break;
			}
			/* Later articles of one feed are older: keep feed order on ties. */
			err = tk_playlist_add(pl, art->headline, art->source,
					      when >= 0 ? when : mtime, ex->items, ex->n_items);
			tk_extraction_free(ex);
		}
		tk_doc_free(doc);
		tk_free(buf);
		if (err)
			goto out;
	}
	err = tk_playlist_sort(pl);
	if (!err && opts && opts->max_articles && pl->n_articles > opts->max_articles) {
		/* Sorted newest first: dropping the tail keeps the newest. */
		struct tk_playlist_priv *p = tk_pl_priv(pl);

		p->pub.n_articles = opts->max_articles;
		p->pub.n_items =
		    p->arts[opts->max_articles - 1].first + p->arts[opts->max_articles - 1].count;
	}
out:
	for (size_t i = 0; i < n; i++)
		tk_free(names[i]);
	tk_free(names);
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

	if (tk_pl_slurp(dir, ".generation", buf, sizeof buf) <= 0)
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
	if (!strcmp(name, ".status")) {
		char *e2 = strchr(nl, '\n');

		if (e2)
			*e2 = '\0';
	}
	snprintf(text, size, "%s", nl);
	return 1;
}
