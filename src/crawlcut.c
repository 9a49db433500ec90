/* Crawl cuts: the map from chunk ids to strip positions once content was
 * cut, the word ends a cut may fall on, and where the crawl resumes in a new
 * playlist. Pure. */
#include <stdlib.h>
#include <string.h>

#include "crawlcut.h"
#include "err.h"
#include "mem.h"

void tk_crawlcut_init(struct tk_crawlcut *c, int cw)
{
	memset(c, 0, sizeof *c);
	c->cw = cw > 0 ? cw : 1;
	c->n = 1;
}

static int tk_seg_of_id(const struct tk_crawlcut *c, int64_t id)
{
	int i = c->n - 1;

	while (i > 0 && c->k[i] > id)
		i--;
	return i;
}

static int tk_seg_of_pos(const struct tk_crawlcut *c, int64_t pos)
{
	int i = c->n - 1;

	while (i > 0 && c->x[i] > pos)
		i--;
	return i;
}

int64_t tk_crawlcut_x(const struct tk_crawlcut *c, int64_t id)
{
	int i = tk_seg_of_id(c, id);

	return c->x[i] + (id - c->k[i]) * c->cw;
}

int64_t tk_crawlcut_end(const struct tk_crawlcut *c, int64_t id)
{
	int i = tk_seg_of_id(c, id);
	int64_t end = tk_crawlcut_x(c, id) + c->cw;

	return i + 1 < c->n && c->x[i + 1] < end ? c->x[i + 1] : end;
}

int64_t tk_crawlcut_chunk(const struct tk_crawlcut *c, int64_t pos)
{
	int i = tk_seg_of_pos(c, pos);
	int64_t d = pos - c->x[i];

	return c->k[i] + (d >= 0 ? d / c->cw : (d - c->cw + 1) / c->cw);
}

static void tk_crawlcut_forget(struct tk_crawlcut *c, int64_t left)
{
	while (c->n > 1 && c->x[1] <= left) {
		memmove(c->k, c->k + 1, sizeof c->k[0] * (size_t)(c->n - 1));
		memmove(c->x, c->x + 1, sizeof c->x[0] * (size_t)(c->n - 1));
		c->n--;
	}
}

static void tk_crawlcut_drop_marks(struct tk_crawlcut *c, int64_t x)
{
	while (c->n_marks && c->mark[(c->head + c->n_marks - 1) % TK_CUT_MARKS] >= x)
		c->n_marks--;
}

int64_t tk_crawlcut_splice(struct tk_crawlcut *c, int64_t x, int64_t left)
{
	int64_t id;

	tk_crawlcut_forget(c, left);
	if (c->n >= TK_CUT_SPLICES || x <= c->x[c->n - 1])
		return -1;
	id = tk_crawlcut_chunk(c, x);
	/* a cut on a chunk's first column replaces that chunk whole */
	if (tk_crawlcut_x(c, id) != x)
		id++;
	c->k[c->n] = id;
	c->x[c->n] = x;
	c->n++;
	tk_crawlcut_drop_marks(c, x);
	return id;
}

int64_t tk_crawlcut_limit(const struct tk_crawlcut *c, int64_t pos)
{
	int i = tk_seg_of_pos(c, pos);

	return i + 1 < c->n ? c->x[i + 1] : INT64_MAX;
}

void tk_crawlcut_mark(struct tk_crawlcut *c, int64_t x)
{
	if (c->n_marks && c->mark[(c->head + c->n_marks - 1) % TK_CUT_MARKS] >= x)
		return;
	if (c->n_marks == TK_CUT_MARKS) {
		c->head = (c->head + 1) % TK_CUT_MARKS;
		c->n_marks--;
	}
	c->mark[(c->head + c->n_marks++) % TK_CUT_MARKS] = x;
}

int tk_crawlcut_find(const struct tk_crawlcut *c, int64_t from, int64_t to, int64_t *x)
{
	for (size_t i = 0; i < c->n_marks; i++) {
		int64_t m = c->mark[(c->head + i) % TK_CUT_MARKS];

		if (m >= to)
			break;
		if (m >= from) {
			*x = m;
			return 1;
		}
	}
	return 0;
}

/* ---- where the crawl resumes ------------------------------------------------ */

static uint64_t tk_cut_fnv(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

static uint64_t tk_article_key(const struct tk_pl_article *a)
{
	uint64_t h = tk_cut_fnv(tk_cut_fnv(14695981039346656037ULL, a->headline), a->source);

	return (h ^ (uint64_t)a->when) * 1099511628211ULL;
}

static int tk_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The first item of the newest article of pl that old lacks; -1 when none
 * (or no memory to tell). */
static long tk_first_new(const struct tk_playlist *old, const struct tk_playlist *pl)
{
	uint64_t *keys = old->n_articles ? tk_malloc(old->n_articles * sizeof *keys) : NULL;
	long at = -1;

	if (!keys)
		return old->n_articles ? -1 : 0;
	for (size_t i = 0; i < old->n_articles; i++)
		keys[i] = tk_article_key(&old->articles[i]);
	qsort(keys, old->n_articles, sizeof *keys, tk_cmp_u64);
	for (size_t i = 0; i < pl->n_articles && at < 0; i++) {
		uint64_t k = tk_article_key(&pl->articles[i]);

		if (!bsearch(&k, keys, old->n_articles, sizeof *keys, tk_cmp_u64))
			at = (long)pl->articles[i].first;
	}
	tk_free(keys);
	return at;
}

uint64_t tk_crawlcut_item_key(const struct tk_pl_item *it)
{
	uint64_t h = tk_cut_fnv(14695981039346656037ULL, it->text);

	return (tk_cut_fnv(h, it->speaker) ^ (uint64_t)it->kind) * 1099511628211ULL;
}

int tk_crawlcut_keys(const struct tk_playlist *pl, uint64_t **out)
{
	uint64_t *keys = pl->n_items ? tk_malloc(pl->n_items * sizeof *keys) : NULL;

	*out = keys;
	if (!keys)
		return pl->n_items ? TK_ENOMEM : TK_OK;
	for (size_t i = 0; i < pl->n_items; i++)
		keys[i] = tk_crawlcut_item_key(&pl->items[i]);
	qsort(keys, pl->n_items, sizeof *keys, tk_cmp_u64);
	return TK_OK;
}

int tk_crawlcut_has(const uint64_t *keys, size_t n, uint64_t key)
{
	return n && bsearch(&key, keys, n, sizeof key, tk_cmp_u64) != NULL;
}

static int tk_same_item(const struct tk_pl_item *a, const struct tk_pl_item *b)
{
	return a->kind == b->kind && !strcmp(a->text, b->text) &&
	       !strcmp(a->speaker ? a->speaker : "", b->speaker ? b->speaker : "");
}

size_t tk_crawlcut_resume(const struct tk_playlist *old, const struct tk_playlist *pl,
			  const struct tk_pl_item *last)
{
	long at;

	if (!pl || !pl->n_items)
		return 0;
	at = old ? tk_first_new(old, pl) : 0;
	if (at >= 0)
		return (size_t)at;
	for (size_t i = 0; last && i < pl->n_items; i++)
		if (tk_same_item(&pl->items[i], last))
			return (i + 1) % pl->n_items;
	return 0;
}
