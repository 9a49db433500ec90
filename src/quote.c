/* Finding direct quotations: every mark style (“” „“ «» »« ‹› ‚‘ ‘’ 「」 and
 * straight quotes), quotes that run over several paragraphs, and unbalanced
 * marks kept within their paragraph. One pass over the text, so time is
 * linear in its length. */
#include <string.h>

#include "buf.h"
#include "err.h"
#include "extract_int.h"
#include "mem.h"
#include "text.h"

/* ---- quotations ---- */

/* Closing marks that go with an opener. */
static int tk_closes(unsigned open, unsigned cp)
{
	switch (open) {
	case 0x201C:
		/* “…" and “…’’ are typed closers of “ too */
		return cp == 0x201D || cp == '"' || cp == 0x2019;
	case 0x201E:
		return cp == 0x201C || cp == 0x201D;
	case 0x201D:
		return cp == 0x201D;
	case 0x00AB:
		return cp == 0x00BB;
	case 0x00BB:
		return cp == 0x00AB;
	case 0x2039:
		return cp == 0x203A;
	case 0x203A:
		return cp == 0x2039;
	case 0x201A:
		return cp == 0x2018 || cp == 0x2019;
	case 0x2018:
		return cp == 0x2019;
	case 0x300C:
		return cp == 0x300D;
	case 0x300E:
		return cp == 0x300F;
	case '"':
		return cp == '"' || cp == 0x201D;
	case 0x05F4:
		return cp == 0x05F4 || cp == '"';
	case '\'':
		return cp == '\'';
	default:
		return 0;
	}
}

static int tk_single(unsigned cp)
{
	return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x2039 ||
	       cp == 0x203A;
}

static int tk_space_or_open(unsigned cp)
{
	return cp == 0 || cp == ' ' || cp == '(' || cp == '[' || cp == '-' || cp == 0x2013 ||
	       cp == 0x2014 || cp == '/' || cp == 0x202F || cp == 0xA0 || cp == 0x201C ||
	       cp == 0x201E || cp == 0xAB || cp == ':';
}

/* Previous code point before i (0 at the start). */
static unsigned tk_prev_cp(const char *p, size_t i)
{
	size_t j = i, adv;
	if (i == 0)
		return 0;
	j--;
	while (j > 0 && ((unsigned char)p[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return tk_cp_at(p, i, j, &adv);
}

/* May cp at i open a quotation? */
static int tk_can_open(unsigned cp, unsigned prev, unsigned next)
{
	int next_ok = next != 0 && next != ' ';

	switch (cp) {
	case 0x201C:
	case 0x201E:
	case 0x00AB:
	case 0x2039:
	case 0x300C:
	case 0x300E:
	case 0x201A:
		return next_ok || cp == 0x00AB || cp == 0x2039;
	case 0x00BB:
	case 0x203A:
	case 0x201D:
		/* »German« and ”Swedish” styles open only after a space */
		return tk_space_or_open(prev) && next_ok;
	case '"':
	case 0x05F4:
		return tk_space_or_open(prev) && next_ok;
	case 0x2018:
	case '\'':
		return tk_space_or_open(prev) && tk_is_letter(next);
	default:
		return 0;
	}
}

static int tk_can_close(unsigned open, unsigned cp, unsigned prev, unsigned next)
{
	if (!tk_closes(open, cp))
		return 0;
	if (open == 0x201C && cp == 0x2019)
		return next == 0x2019; /* ’’ doubled, not an apostrophe */
	if (tk_single(cp)) {
		/* ’ is also the apostrophe: a closing single mark follows
		 * sentence punctuation or precedes it */
		if (tk_is_letter(next) || tk_is_digit(next))
			return 0;
		return prev == ',' || prev == '.' || prev == '!' || prev == '?' || prev == 0x2026 ||
		       next == 0 || next == ',' || next == '.' || next == ';' || next == ':' ||
		       next == '!' || next == '?' || next == ')';
	}
	if (cp == '"' || cp == 0x05F4)
		return prev != ' ' && prev != 0;
	return 1;
}

struct tk_qspan {
	size_t para, from, to;
};

/* Offset of ", said ..." / ", he said" inside p[from..to), or 0. */
static size_t tk_embedded_attribution(const char *p, size_t from, size_t to)
{
	static const char *const pats[] = {", said ",	", says ",    ", told ",     ", added ",
					   ", he said", ", she said", ", they said", ", a déclaré",
					   ", dit ",	", sagte ",   ", dijo "};
	size_t i, k;

	for (i = from; i + 6 < to; i++) {
		if (p[i] != ',')
			continue;
		for (k = 0; k < sizeof pats / sizeof pats[0]; k++) {
			size_t l = strlen(pats[k]);
			if (i + l <= to && !strncmp(p + i, pats[k], l))
				return i + 1;
		}
	}
	return 0;
}

/* The scan over all paragraphs: the quotation open now, if any, and where
 * found ones go. */
struct tk_qstate {
	const struct tk_article *art;
	struct tk_arena *arena;
	struct tk_qlist *ql;
	int in;
	unsigned open_cp;
	struct tk_rawquote cur;
	struct tk_qspan spans[8];
	size_t nspans;
};

/* The paragraph being scanned; seg is where the open quotation's text in it
 * starts. */
struct tk_qpara {
	const char *p;
	size_t n;
	size_t pi;
	size_t seg;
};

static int tk_q_push(struct tk_qlist *ql, const struct tk_rawquote *q)
{
	if (tk_buf_grow(&ql->q, &ql->cap, ql->n, sizeof *ql->q, 16))
		return TK_ENOMEM;
	ql->q[ql->n++] = *q;
	return TK_OK;
}

/* Trailing comma (ASCII, Arabic, fullwidth, ideographic) or space at the end
 * of s[0..n): returns 1 for a comma, 2 for a space, 0 for neither. */
static int tk_is_trailing_junk(const char *s, size_t n, size_t *cut)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && (s[n - 1] == ',' || s[n - 1] == ' ')) {
		*cut = 1;
		return s[n - 1] == ',' ? 1 : 2;
	}
	if (n >= 2 && u[n - 2] == 0xD8 && u[n - 1] == 0x8C) {
		*cut = 2;
		return 1;
	}
	if (n >= 3 && ((u[n - 3] == 0xEF && u[n - 2] == 0xBC && u[n - 1] == 0x8C) ||
		       (u[n - 3] == 0xE3 && u[n - 2] == 0x80 && u[n - 1] == 0x81))) {
		*cut = 3;
		return 1;
	}
	if (n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0) {
		*cut = 2;
		return 2;
	}
	if (n >= 3 && u[n - 3] == 0xE2 && u[n - 2] == 0x80 && u[n - 1] == 0xAF) {
		*cut = 3;
		return 2;
	}
	return 0;
}

/* Build the quote text from its spans and emit it. */
static int tk_q_emit(struct tk_qstate *st, int closed)
{
	const struct tk_article *art = st->art;
	struct tk_arena *a = st->arena;
	struct tk_qlist *ql = st->ql;
	struct tk_rawquote q = st->cur;
	size_t total = 0, i, o = 0, cut;
	char *t;
	int comma = 0;

	if (ql->n >= TK_EXTRACT_MAX_FOUND)
		return TK_OK; /* bounded output, before any copy */
	for (i = 0; i < st->nspans; i++)
		total += st->spans[i].to - st->spans[i].from + 1;
	t = tk_arena_alloc(a, total + 1);
	if (!t)
		return TK_ENOMEM;
	for (i = 0; i < st->nspans; i++) {
		const char *p = art->paras[st->spans[i].para] + st->spans[i].from;
		size_t l = st->spans[i].to - st->spans[i].from;
		while (l && (*p == ' '))
			p++, l--;
		if (o && l)
			t[o++] = ' ';
		memcpy(t + o, p, l);
		o += l;
	}
	for (;;) {
		int kind = o ? tk_is_trailing_junk(t, o, &cut) : 0;
		if (!kind)
			break;
		comma |= kind == 1;
		o -= cut;
	}
	t[o] = '\0';
	q.text = t;
	q.closed = (unsigned)closed;
	q.comma_end = (unsigned)comma;
	q.words = 0;
	{
		size_t cjk = 0, adv;
		for (i = 0; i < o; i += adv) {
			unsigned cp = tk_cp_at(t, o, i, &adv);
			if (t[i] != ' ' && (i == 0 || t[i - 1] == ' '))
				q.words++;
			if ((cp >= 0x3040 && cp < 0xA000) || (cp >= 0xAC00 && cp < 0xD7B0))
				cjk++;
		}
		/* no spaces between CJK words: about two characters a word */
		q.words += cjk / 2;
	}
	q.terminal =
	    o > 0 &&
	    (t[o - 1] == '.' || t[o - 1] == '!' || t[o - 1] == '?' ||
	     (o >= 3 && !memcmp(t + o - 3, "\xE2\x80\xA6", 3)) ||
	     (o >= 2 && ((unsigned char)t[o - 2] == 0xD8 && (unsigned char)t[o - 1] == 0x9F)));
	q.person = -1;
	st->in = 0;
	st->nspans = 0;
	if (o == 0)
		return TK_OK;
	return tk_q_push(ql, &q);
}

static size_t tk_skip_ws(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' '))
		i++;
	return i;
}

/* Start a quotation at the opening mark cp at byte i of the paragraph. */
static void tk_q_open(struct tk_qstate *st, struct tk_qpara *pp, size_t i, unsigned cp, size_t adv)
{
	const char *p = pp->p;
	size_t j = i;
	unsigned pc;

	memset(&st->cur, 0, sizeof st->cur);
	st->in = 1;
	st->open_cp = cp;
	st->nspans = 0;
	st->cur.para = pp->pi;
	st->cur.open = i;
	st->cur.open_end = i + adv;
	st->cur.at_start = tk_skip_ws(p, pp->n, 0) == i;
	while (j > 0 && p[j - 1] == ' ')
		j--;
	st->cur.after_colon = j > 0 && p[j - 1] == ':';
	pc = tk_prev_cp(p, j);
	st->cur.after_sentence =
	    pc == '.' || pc == '!' || pc == '?' || pc == 0x201D || pc == 0xBB || pc == 0x2026;
	pp->seg = i + adv;
}

/* A quotation mark cp at byte i: closes the open quotation, ends it and
 * opens the next, opens one, or is no quotation mark here. *adv grows when
 * the close takes two marks (’’). */
static int tk_q_mark(struct tk_qstate *st, struct tk_qpara *pp, size_t i, unsigned cp, size_t *adv)
{
	const char *p = pp->p;
	size_t n = pp->n, a2 = 0;
	unsigned prev = tk_prev_cp(p, i);
	unsigned next = i + *adv < n ? tk_cp_at(p, n, i + *adv, &a2) : 0;
	int err;

	if (st->in && tk_can_close(st->open_cp, cp, prev, next) &&
	    !(cp == '"' && st->open_cp == 0x201C && memmem(p + i, n - i, "\xE2\x80\x9D", 3))) {
		/* “…" only where no ” follows to close it */
		st->spans[st->nspans++] = (struct tk_qspan){pp->pi, pp->seg, i};
		st->cur.para_end = pp->pi;
		st->cur.close = i;
		if (cp == 0x2019 && st->open_cp == 0x201C)
			*adv += a2; /* both marks of ’’ */
		st->cur.close_end = i + *adv;
		return tk_q_emit(st, 1);
	}
	if (st->in && cp == st->open_cp && tk_can_open(cp, prev, next) &&
	    !(st->nspans > 0 && st->spans[0].para == pp->pi && st->cur.open == i)) {
		/* the same opener again with no close: the missing mark belongs
		 * here; end the quote and start another */
		st->spans[st->nspans++] = (struct tk_qspan){pp->pi, pp->seg, i};
		st->cur.para_end = pp->pi;
		st->cur.close = st->cur.close_end = i;
		err = tk_q_emit(st, 0);
		if (!err)
			tk_q_open(st, pp, i, cp, *adv);
		return err;
	}
	if (!st->in && tk_can_open(cp, prev, next))
		tk_q_open(st, pp, i, cp, *adv);
	return TK_OK;
}

/* Does the open quotation go on in the paragraph after pi (it opens with the
 * same mark; bounded span count)? */
static int tk_q_continues(const struct tk_qstate *st, size_t pi)
{
	const struct tk_article *art = st->art;
	const char *np = pi + 1 < art->n_paras ? art->paras[pi + 1] : NULL;
	size_t nn, j, a3;

	if (!np || st->nspans + 1 >= sizeof st->spans / sizeof st->spans[0])
		return 0;
	nn = strlen(np);
	j = tk_skip_ws(np, nn, 0);
	return j < nn && tk_cp_at(np, nn, j, &a3) == st->open_cp &&
	       (st->cur.at_start || st->cur.after_colon || st->nspans > 0);
}

/* A quotation still open at the end of its paragraph: it continues, ends
 * here, or was a stray mark. */
static int tk_q_para_end(struct tk_qstate *st, const struct tk_qpara *pp)
{
	int cont = tk_q_continues(st, pp->pi);

	st->spans[st->nspans++] = (struct tk_qspan){pp->pi, pp->seg, pp->n};
	if (cont) {
		st->cur.multi = 1;
		return TK_OK;
	}
	st->cur.para_end = pp->pi;
	st->cur.close = st->cur.close_end = pp->n;
	if (st->nspans == 1) {
		/* “We found out from a newspaper, said X, …: the missing mark
		 * belongs before the attribution */
		size_t cut = tk_embedded_attribution(pp->p, st->spans[0].from, pp->n);
		if (cut) {
			st->spans[0].to = cut;
			st->cur.close = st->cur.close_end = cut;
		}
	}
	if (st->cur.at_start || st->cur.after_colon || st->cur.after_sentence || st->cur.multi)
		return tk_q_emit(st, 0);
	st->in = 0; /* a stray mark mid-paragraph: not a quotation */
	st->nspans = 0;
	return TK_OK;
}

/* One paragraph: every quotation mark in it, then its end. */
static int tk_q_scan_para(struct tk_qstate *st, size_t pi)
{
	struct tk_qpara pp = {st->art->paras[pi], strlen(st->art->paras[pi]), pi, 0};
	const char *p = pp.p;
	size_t n = pp.n, i = 0, adv;
	int err;

	if (st->in) {
		/* continuation: this paragraph opens with the same mark */
		i = tk_skip_ws(p, n, 0);
		tk_cp_at(p, n, i, &adv);
		i += adv;
		pp.seg = i;
	}
	while (i < n) {
		unsigned cp;
		/* most bytes are plain ASCII and no quotation mark */
		if ((unsigned char)p[i] < 0x80 && p[i] != '"' && p[i] != '\'') {
			i++;
			continue;
		}
		cp = tk_cp_at(p, n, i, &adv);
		if (tk_is_qmark(cp)) {
			err = tk_q_mark(st, &pp, i, cp, &adv);
			if (err)
				return err;
		}
		i += adv;
	}
	return st->in ? tk_q_para_end(st, &pp) : TK_OK;
}

int tk_quotes_find(const struct tk_article *art, struct tk_arena *a, struct tk_qlist *ql)
{
	struct tk_qstate st;
	size_t pi;
	int err = TK_OK;

	memset(&st, 0, sizeof st);
	st.art = art;
	st.arena = a;
	st.ql = ql;
	for (pi = 0; pi < art->n_paras && !err; pi++)
		err = tk_q_scan_para(&st, pi);
	return err;
}
