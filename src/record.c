/* Record encoding and validation: what the import extracts from an article
 * file, in a small binary form the display can check cheaply. Layout (little
 * endian): "TKRC", u16 version, u16 articles, 16-byte fingerprint; per article
 * i64 date, str headline, str source, u8 quotes {str text, speaker, role},
 * u8 figures {str text, figure, caption, speaker}; str = u16 length + UTF-8
 * bytes (version 2 added the figure's speaker: who said it when quoted). */
#include <string.h>
#include <unistr.h>

#include "buf.h"
#include "err.h"
#include "extract.h"
#include "mem.h"
#include "record.h"

static const unsigned char tk_rec_magic[4] = {'T', 'K', 'R', 'C'};
#define TK_REC_HEAD (4 + 2 + 2 + TK_RECORD_FP_BYTES)

/* ---- encoding ---------------------------------------------------------- */

struct tk_rec_buf {
	unsigned char *p;
	size_t n, cap;
	int fail;
};

static void tk_rec_put(struct tk_rec_buf *b, const void *s, size_t n)
{
	if (b->fail)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		unsigned char *p;

		while (cap < b->n + n)
			cap *= 2;
		p = tk_realloc(b->p, cap);
		if (!p) {
			b->fail = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void tk_rec_u16(struct tk_rec_buf *b, unsigned v)
{
	unsigned char u[2] = {(unsigned char)(v & 0xff), (unsigned char)(v >> 8)};

	tk_rec_put(b, u, 2);
}

static void tk_rec_i64(struct tk_rec_buf *b, int64_t v)
{
	unsigned char u[8];
	uint64_t x = (uint64_t)v;

	for (int i = 0; i < 8; i++)
		u[i] = (unsigned char)(x >> (8 * i));
	tk_rec_put(b, u, 8);
}

/* Bytes of s kept under cap: whole characters only, and when cut, room for
 * the ellipsis the writer appends. */
static size_t tk_rec_keep(const char *s, size_t cap, int *cut)
{
	size_t n = s ? strlen(s) : 0;

	*cut = n > cap;
	if (!*cut)
		return n;
	return tk_utf8_boundary(s, cap - 3);
}

/* Encoded size of a string field. */
static size_t tk_rec_strsize(const char *s, size_t cap)
{
	int cut;
	size_t n = tk_rec_keep(s, cap, &cut);

	return 2 + n + (cut ? 3 : 0);
}

static void tk_rec_str(struct tk_rec_buf *b, const char *s, size_t cap)
{
	int cut;
	size_t n = tk_rec_keep(s, cap, &cut), start;

	tk_rec_u16(b, (unsigned)(n + (cut ? 3 : 0)));
	start = b->n;
	tk_rec_put(b, s ? s : "", n);
	if (cut)
		tk_rec_put(b, "\xe2\x80\xa6", 3);
	/* Control bytes never reach the screen (and a reader refuses them). */
	for (size_t i = start; !b->fail && i < b->n; i++)
		if (b->p[i] < 0x20 || b->p[i] == 0x7f)
			b->p[i] = ' ';
}

static size_t tk_rec_quote_size(const struct tk_item *it)
{
	return tk_rec_strsize(it->text, TK_RECORD_MAX_TEXT) +
	       tk_rec_strsize(it->speaker, TK_RECORD_MAX_NAME) +
	       tk_rec_strsize(it->role, TK_RECORD_MAX_NAME);
}

static size_t tk_rec_figure_size(const struct tk_item *it)
{
	return tk_rec_strsize(it->text, TK_RECORD_MAX_TEXT) +
	       tk_rec_strsize(it->figure, TK_RECORD_MAX_FIGURE) +
	       tk_rec_strsize(it->caption, TK_RECORD_MAX_TEXT) +
	       tk_rec_strsize(it->speaker, TK_RECORD_MAX_NAME);
}

/* Ranked candidates that fit the article's byte budget, best first and
 * alternating (quote, figure, quote, ...) as the screen shows them. */
static void tk_rec_choose(const struct tk_extraction *ex, size_t used, const struct tk_item **q,
			  size_t *nq, const struct tk_item **f, size_t *nf)
{
	const struct tk_item *qs[TK_RECORD_MAX_QUOTES], *fs[TK_RECORD_MAX_FIGURES];
	size_t aq = 0, af = 0;

	for (size_t i = 0; i < ex->n_items; i++) {
		const struct tk_item *it = &ex->items[i];

		if (it->kind == TK_ITEM_QUOTE && aq < TK_RECORD_MAX_QUOTES && it->text)
			qs[aq++] = it;
		else if (it->kind == TK_ITEM_FIGURE && af < TK_RECORD_MAX_FIGURES && it->text &&
			 it->figure && it->caption)
			fs[af++] = it;
	}
	*nq = *nf = 0;
	for (size_t i = 0; i < aq || i < af; i++) {
		if (i < aq && *nq == i) {
			size_t s = tk_rec_quote_size(qs[i]);

			if (used + s <= TK_RECORD_MAX_ARTICLE_BYTES) {
				q[(*nq)++] = qs[i];
				used += s;
			}
		}
		if (i < af && *nf == i) {
			size_t s = tk_rec_figure_size(fs[i]);

			if (used + s <= TK_RECORD_MAX_ARTICLE_BYTES) {
				f[(*nf)++] = fs[i];
				used += s;
			}
		}
	}
}

static int tk_rec_article(struct tk_rec_buf *b, const struct tk_article *art)
{
	struct tk_extract_opts xo = {.max_quotes = TK_RECORD_MAX_QUOTES,
				     .max_figures = TK_RECORD_MAX_FIGURES};
	struct tk_extraction *ex = NULL;
	const struct tk_item *q[TK_RECORD_MAX_QUOTES], *f[TK_RECORD_MAX_FIGURES];
	size_t nq, nf, start = b->n;
	unsigned char u8;

	if (tk_extract(art, &xo, &ex))
		return TK_ENOMEM;
	tk_rec_i64(b, tk_record_date(art->date));
	tk_rec_str(b, art->headline, TK_RECORD_MAX_TEXT);
	tk_rec_str(b, art->source, TK_RECORD_MAX_NAME);
	tk_rec_choose(ex, b->n - start + 2, q, &nq, f, &nf);
	u8 = (unsigned char)nq;
	tk_rec_put(b, &u8, 1);
	for (size_t i = 0; i < nq; i++) {
		tk_rec_str(b, q[i]->text, TK_RECORD_MAX_TEXT);
		tk_rec_str(b, q[i]->speaker, TK_RECORD_MAX_NAME);
		tk_rec_str(b, q[i]->role, TK_RECORD_MAX_NAME);
	}
	u8 = (unsigned char)nf;
	tk_rec_put(b, &u8, 1);
	for (size_t i = 0; i < nf; i++) {
		tk_rec_str(b, f[i]->text, TK_RECORD_MAX_TEXT);
		tk_rec_str(b, f[i]->figure, TK_RECORD_MAX_FIGURE);
		tk_rec_str(b, f[i]->caption, TK_RECORD_MAX_TEXT);
		tk_rec_str(b, f[i]->speaker, TK_RECORD_MAX_NAME);
	}
	tk_extraction_free(ex);
	return b->fail ? TK_ENOMEM : TK_OK;
}

int tk_record_encode(const struct tk_doc *doc, const unsigned char fp[TK_RECORD_FP_BYTES],
		     void **out, size_t *len)
{
	struct tk_rec_buf b = {0};
	size_t n = doc ? tk_doc_count(doc) : 0;
	int err = TK_OK;

	*out = NULL;
	*len = 0;
	if (n > TK_RECORD_MAX_ARTICLES)
		n = TK_RECORD_MAX_ARTICLES;
	tk_rec_put(&b, tk_rec_magic, 4);
	tk_rec_u16(&b, TK_RECORD_VERSION);
	tk_rec_u16(&b, (unsigned)n);
	tk_rec_put(&b, fp, TK_RECORD_FP_BYTES);
	for (size_t i = 0; i < n && !err && !b.fail; i++)
		err = tk_rec_article(&b, tk_doc_article(doc, i));
	if (!err && b.fail)
		err = TK_ENOMEM;
	if (err) {
		tk_free(b.p);
		return err;
	}
	*out = b.p;
	*len = b.n;
	return TK_OK;
}

/* ---- decoding ---------------------------------------------------------- */

struct tk_rec_rd {
	const unsigned char *p;
	size_t n, i;
	struct tk_arena *arena;
	int err; /* first error: TK_EPARSE or TK_ENOMEM */
};

static const unsigned char *tk_rd_take(struct tk_rec_rd *r, size_t n)
{
	const unsigned char *s;

	if (r->err || n > r->n - r->i) {
		if (!r->err)
			r->err = TK_EPARSE;
		return NULL;
	}
	s = r->p + r->i;
	r->i += n;
	return s;
}

static unsigned tk_rd_u16(struct tk_rec_rd *r)
{
	const unsigned char *u = tk_rd_take(r, 2);

	return u ? (unsigned)u[0] | (unsigned)u[1] << 8 : 0;
}

static unsigned tk_rd_u8(struct tk_rec_rd *r)
{
	const unsigned char *u = tk_rd_take(r, 1);

	return u ? u[0] : 0;
}

static int64_t tk_rd_i64(struct tk_rec_rd *r)
{
	const unsigned char *u = tk_rd_take(r, 8);
	uint64_t x = 0;

	for (int i = 0; u && i < 8; i++)
		x |= (uint64_t)u[i] << (8 * i);
	return (int64_t)x;
}

/* A string field: length within cap, valid UTF-8, no control bytes. Empty
 * gives NULL when optional, and is refused otherwise. */
static const char *tk_rd_str(struct tk_rec_rd *r, size_t cap, int optional)
{
	size_t n = tk_rd_u16(r);
	const unsigned char *s;
	char *d;

	if (!r->err && (n > cap || (!n && !optional)))
		r->err = TK_EPARSE;
	s = tk_rd_take(r, n);
	if (!s || !n)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f) {
			r->err = TK_EPARSE;
			return NULL;
		}
	if (u8_check(s, n)) {
		r->err = TK_EPARSE;
		return NULL;
	}
	d = tk_arena_strndup(r->arena, (const char *)s, n);
	if (!d)
		r->err = TK_ENOMEM;
	return d;
}

static void *tk_rd_array(struct tk_rec_rd *r, size_t n, size_t size)
{
	void *p;

	if (r->err || !n)
		return NULL;
	p = tk_arena_alloc(r->arena, n * size);
	if (!p)
		r->err = TK_ENOMEM;
	return p;
}

static void tk_rd_article(struct tk_rec_rd *r, struct tk_record_article *a)
{
	struct tk_record_quote *q;
	struct tk_record_figure *f;
	size_t start = r->i;

	a->date = tk_rd_i64(r);
	a->headline = tk_rd_str(r, TK_RECORD_MAX_TEXT, 0);
	a->source = tk_rd_str(r, TK_RECORD_MAX_NAME, 1);
	a->n_quotes = tk_rd_u8(r);
	if (!r->err && a->n_quotes > TK_RECORD_MAX_QUOTES)
		r->err = TK_EPARSE;
	a->quotes = q = tk_rd_array(r, a->n_quotes, sizeof *q);
	for (size_t i = 0; q && i < a->n_quotes; i++) {
		q[i].text = tk_rd_str(r, TK_RECORD_MAX_TEXT, 0);
		q[i].speaker = tk_rd_str(r, TK_RECORD_MAX_NAME, 1);
		q[i].role = tk_rd_str(r, TK_RECORD_MAX_NAME, 1);
	}
	a->n_figures = tk_rd_u8(r);
	if (!r->err && a->n_figures > TK_RECORD_MAX_FIGURES)
		r->err = TK_EPARSE;
	a->figures = f = tk_rd_array(r, a->n_figures, sizeof *f);
	for (size_t i = 0; f && i < a->n_figures; i++) {
		f[i].text = tk_rd_str(r, TK_RECORD_MAX_TEXT, 0);
		f[i].figure = tk_rd_str(r, TK_RECORD_MAX_FIGURE, 0);
		f[i].caption = tk_rd_str(r, TK_RECORD_MAX_TEXT, 0);
		f[i].speaker = tk_rd_str(r, TK_RECORD_MAX_NAME, 1);
	}
	if (!r->err && r->i - start > TK_RECORD_MAX_ARTICLE_BYTES)
		r->err = TK_EPARSE;
}

struct tk_record_priv {
	struct tk_record pub; /* first */
	struct tk_arena *arena;
};

int tk_record_peek(const void *bytes, size_t len, unsigned char fp[TK_RECORD_FP_BYTES])
{
	const unsigned char *p = bytes;

	if (len < TK_REC_HEAD || memcmp(p, tk_rec_magic, 4) ||
	    ((unsigned)p[4] | (unsigned)p[5] << 8) != TK_RECORD_VERSION)
		return TK_EPARSE;
	memcpy(fp, p + 8, TK_RECORD_FP_BYTES);
	return TK_OK;
}

int tk_record_decode(const void *bytes, size_t len, struct tk_record **out)
{
	struct tk_record_priv *rp = NULL;
	struct tk_record_article *arts = NULL;
	struct tk_rec_rd r = {bytes, len, TK_REC_HEAD, NULL, TK_OK};
	size_t n;

	*out = NULL;
	if (len > TK_RECORD_MAX_BYTES)
		return TK_ETOOBIG;
	rp = tk_calloc(1, sizeof *rp);
	if (!rp)
		return TK_ENOMEM;
	if (tk_arena_create(&rp->arena)) {
		tk_free(rp);
		return TK_ENOMEM;
	}
	r.arena = rp->arena;
	if (tk_record_peek(bytes, len, rp->pub.fingerprint))
		r.err = TK_EPARSE;
	n = r.err ? 0
		  : ((const unsigned char *)bytes)[6] | (size_t)((const unsigned char *)bytes)[7]
							    << 8;
	if (n > TK_RECORD_MAX_ARTICLES)
		r.err = TK_EPARSE;
	arts = tk_rd_array(&r, n, sizeof *arts);
	for (size_t i = 0; arts && i < n; i++)
		tk_rd_article(&r, &arts[i]);
	if (!r.err && r.i != len)
		r.err = TK_EPARSE; /* trailing bytes */
	if (r.err) {
		int err = r.err;

		tk_record_free(&rp->pub);
		return err;
	}
	rp->pub.n_articles = n;
	rp->pub.articles = arts;
	*out = &rp->pub;
	return TK_OK;
}

void tk_record_free(struct tk_record *r)
{
	struct tk_record_priv *rp = (struct tk_record_priv *)r;

	if (!rp)
		return;
	tk_arena_destroy(rp->arena);
	tk_free(rp);
}

int64_t tk_record_date(const char *d)
{
	int y, m, day;
	int64_t days;

	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return TK_RECORD_NO_DATE;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return TK_RECORD_NO_DATE;
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	if (m < 1 || m > 12 || day < 1 || day > 31)
		return TK_RECORD_NO_DATE;
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
