/* Extraction driver: finds quotations (quote.c), attributes them
 * (speaker.c), finds key figures (figure.c), ranks both and builds the items
 * the ticker shows. Everything lives in one arena freed with the result. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "extract.h"
#include "extract_int.h"
#include "mem.h"

struct tk_ex {
	struct tk_extraction pub; /* first: the public view */
	struct tk_arena *arena;
};

static int tk_quote_score(const struct tk_rawquote *q)
{
	int s = 0;
	unsigned char c = (unsigned char)q->text[0];

	if (q->speaker)
		s += 30;
	else if (q->role)
		s += 12;
	if (q->role)
		s += 6;
	if (q->attr_kind == 1 || q->attr_kind == 2)
		s += 4; /* attributed in place beats a continuation */
	if (q->words >= 6 && q->words <= 40)
		s += 20;
	else if (q->words < 6)
		s -= 20;
	else
		s -= (int)(q->words - 40) > 30 ? 30 : (int)(q->words - 40);
	if ((c >= 'A' && c <= 'Z') || c >= 0xC0 || (c >= '0' && c <= '9'))
		s += 5;
	else
		s -= 8; /* starts mid-sentence: a fragment */
	if (q->terminal || q->comma_end)
		s += 5;
	if (!q->closed)
		s -= 6;
	if (q->para < 10)
		s += 10 - (int)q->para;
	return s;
}

/* Indices of the best n entries by score (ties: earlier first). */
struct tk_rank { int score; size_t idx; };

static int tk_rank_cmp(const void *a, const void *b)
{
	const struct tk_rank *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Short caption for a figure: the words after it in its clause, else before. */
static const char *tk_caption(struct tk_arena *a, const struct tk_figure *f)
{
	const char *ctx = f->context, *hit = strstr(ctx, f->text), *s;
	size_t n, cut;
	char *out;

	if (!hit)
		return ctx;
	s = hit + strlen(f->text);
	while (*s == ' ')
		s++;
	n = strlen(s);
	if (n < 12) {
		s = ctx;
		n = (size_t)(hit - ctx);
		while (n && ctx[n - 1] == ' ')
			n--;
	}
	if (n <= 80)
		return tk_arena_strndup(a, s, n);
	cut = 80;
	while (cut > 40 && s[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	out = tk_arena_alloc(a, cut + 4);
	if (!out)
		return NULL;
	memcpy(out, s, cut);
	memcpy(out + cut, "\xE2\x80\xA6", 4);
	return out;
}

int tk_extract(const struct tk_article *art, const struct tk_extract_opts *opts, struct tk_extraction **out)
{
	struct tk_extract_opts o = { 3, 2, 0 };
	struct tk_qlist ql = { 0 };
	struct tk_figlist fl = { 0 };
	struct tk_ex *ex = NULL;
	struct tk_rank *qr = NULL, *fr = NULL;
	struct tk_quote *allq = NULL, *rq = NULL;
	struct tk_figure *rf = NULL;
	struct tk_item *items = NULL;
	size_t i, nq = 0, nrq = 0, nrf = 0, ni = 0;
	int err = TK_OK;

	*out = NULL;
	if (opts)
		o = *opts;
	ex = tk_calloc(1, sizeof *ex);
	if (!ex)
		goto nomem;
	if (tk_arena_create(&ex->arena))
		goto nomem;
	err = tk_quotes_find(art, ex->arena, &ql);
	if (!err)
		err = tk_speakers_attribute(art, ex->arena, &ql);
	if (!err)
		err = tk_figures_find(art, ex->arena, &fl);
	if (err)
		goto out;

	/* quotes: accepted ones in text order */
	allq = tk_arena_alloc(ex->arena, (ql.n ? ql.n : 1) * sizeof *allq);
	qr = tk_malloc((ql.n ? ql.n : 1) * sizeof *qr);
	if (!allq || !qr)
		goto nomem;
	for (i = 0; i < ql.n; i++) {
		const struct tk_rawquote *q = &ql.q[i];
		if (q->rejected)
			continue;
		allq[nq].text = q->text;
		allq[nq].speaker = q->speaker;
		allq[nq].role = q->role;
		allq[nq].para = q->para;
		allq[nq].score = tk_quote_score(q);
		qr[nq].score = allq[nq].score;
		qr[nq].idx = nq;
		nq++;
	}
	qsort(qr, nq, sizeof *qr, tk_rank_cmp);
	rq = tk_arena_alloc(ex->arena, (o.max_quotes ? o.max_quotes : 1) * sizeof *rq);
	if (!rq)
		goto nomem;
	/* greedy: the best quote, then the best of the rest with a penalty for
	 * speakers already shown (a ticker wants several voices) */
	while (nrq < o.max_quotes) {
		size_t best = (size_t)-1, k;
		int best_score = 0;
		for (i = 0; i < nq && i < 256; i++) {
			const struct tk_quote *q;
			int sc, dup = 0;
			if (qr[i].idx == (size_t)-1)
				continue; /* already taken */
			q = &allq[qr[i].idx];
			sc = q->score;
			for (k = 0; k < nrq; k++) {
				if (!strcmp(rq[k].text, q->text))
					dup = 1;
				if (q->speaker && rq[k].speaker && !strcmp(q->speaker, rq[k].speaker))
					sc -= 12;
			}
			if (dup)
				continue;
			if (best == (size_t)-1 || sc > best_score) {
				best = i;
				best_score = sc;
			}
		}
		if (best == (size_t)-1)
			break;
		rq[nrq++] = allq[qr[best].idx];
		qr[best].idx = (size_t)-1;
	}

	/* figures */
	fr = tk_malloc((fl.n ? fl.n : 1) * sizeof *fr);
	rf = tk_arena_alloc(ex->arena, (o.max_figures ? o.max_figures : 1) * sizeof *rf);
	if (!fr || !rf)
		goto nomem;
	for (i = 0; i < fl.n; i++) {
		fr[i].score = fl.f[i].score;
		fr[i].idx = i;
	}
	qsort(fr, fl.n, sizeof *fr, tk_rank_cmp);
	/* two passes: first figures from different clauses, then any */
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < fl.n && i < 4096 && nrf < o.max_figures; i++) {
			const struct tk_figure *f = &fl.f[fr[i].idx];
			size_t k;
			int dup = 0;
			if (!f->unit && nrf > 0)
				continue;
			for (k = 0; k < nrf; k++) {
				if (rf[k].value == f->value && ((!rf[k].unit && !f->unit) ||
								(rf[k].unit && f->unit && !strcmp(rf[k].unit, f->unit))))
					dup = 1;
				if (rf[k].text == f->text || (pass == 0 && !strcmp(rf[k].context, f->context)))
					dup = 1;
			}
			if (!dup && f->score > 0)
				rf[nrf++] = *f;
		}
	}

	/* items: headline, then quotes and figures interleaved */
	items = tk_arena_alloc(ex->arena, (1 + nrq + nrf) * sizeof *items);
	if (!items)
		goto nomem;
	memset(items, 0, (1 + nrq + nrf) * sizeof *items);
	items[ni].kind = TK_ITEM_HEADLINE;
	items[ni++].text = art->headline;
	for (i = 0; i < nrq || i < nrf; i++) {
		if (i < nrq) {
			items[ni].kind = TK_ITEM_QUOTE;
			items[ni].text = rq[i].text;
			items[ni].speaker = rq[i].speaker;
			items[ni].role = rq[i].role;
			ni++;
		}
		if (i < nrf) {
			items[ni].kind = TK_ITEM_FIGURE;
			items[ni].text = rf[i].context;
			items[ni].figure = rf[i].text;
			items[ni].caption = tk_caption(ex->arena, &rf[i]);
			if (!items[ni].caption)
				goto nomem;
			ni++;
		}
	}
	ex->pub.items = items;
	ex->pub.n_items = ni;
	if (o.all) {
		struct tk_figure *all = tk_arena_alloc(ex->arena, (fl.n ? fl.n : 1) * sizeof *all);
		if (!all)
			goto nomem;
		if (fl.n)
			memcpy(all, fl.f, fl.n * sizeof *all);
		ex->pub.quotes = allq;
		ex->pub.n_quotes = nq;
		ex->pub.figures = all;
		ex->pub.n_figures = fl.n;
	} else {
		ex->pub.quotes = rq;
		ex->pub.n_quotes = nrq;
		ex->pub.figures = rf;
		ex->pub.n_figures = nrf;
	}
	*out = &ex->pub;
	ex = NULL;
	goto out;
nomem:
	err = TK_ENOMEM;
out:
	tk_free(qr);
	tk_free(fr);
	tk_free(ql.q);
	tk_free(fl.f);
	if (ex)
		tk_extraction_free(&ex->pub);
	return err;
}

void tk_extraction_free(struct tk_extraction *e)
{
	struct tk_ex *ex = (struct tk_ex *)e;

	if (!ex)
		return;
	tk_arena_destroy(ex->arena);
	tk_free(ex);
}
