/* Extraction driver: finds quotations (quote.c), attributes them
 * (speaker.c), finds key figures (figure.c), ranks both and builds the items
 * the ticker shows. Everything lives in one arena freed with the result. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
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

/* The screen policy (quotes_need_speaker): a quote is shown only with a
 * speaker (person, organisation or descriptor) that no rule marked as a
 * guess. Better no quote than words in the wrong mouth. */
static int tk_quote_sure(const struct tk_rawquote *q)
{
	return q->speaker && q->speaker[0] && !q->doubtful && (!q->partial || q->clause);
}

/* A quotation as the screen shows it: a sentence with its capital and its
 * final stop, which the comma before "he said" took away ("… the books," ->
 * "… the books.").
 * Returns the text itself or an arena copy; NULL when out of memory. */
static const char *tk_screen_text(struct tk_arena *a, const char *t)
{
	size_t n = strlen(t);
	unsigned char c = n ? (unsigned char)t[n - 1] : 0;
	/* . ! ? ) ] and any multi-byte ending (…, ”, ’, ?, 。) stay as they are */
	int stop = !(!n || c == '.' || c == '!' || c == '?' || c == ')' || c == ']' || c >= 0x80 ||
		     c == '"' || c == '\'' || c == '-' || c == ':' || c == ';');
	/* a partial quotation shown as a clause starts as a sentence */
	int upper = t[0] >= 'a' && t[0] <= 'z';
	char *o;

	if (!stop && !upper)
		return t;
	o = tk_arena_alloc(a, n + 2);
	if (!o)
		return NULL;
	memcpy(o, t, n);
	if (upper)
		o[0] = (char)(o[0] - 32);
	if (stop)
		o[n++] = '.';
	o[n] = '\0';
	return o;
}

/* Indices of the best n entries by score (ties: earlier first). */
struct tk_rank {
	int score;
	size_t idx;
};

static int tk_rank_cmp(const void *a, const void *b)
{
	const struct tk_rank *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Words that end a clause after the figure: what follows is another
 * statement ("1,800 loaves a week and employs 11 people"). */
static int tk_cap_joiner(const char *s, size_t n)
{
	static const char *const w[] = {"and", "but",  "which", "while", "whereas",
					"so",  "und",  "aber",	"et",	 "mais",
					"y",   "pero", "who",	"where", "when"};
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strlen(w[i]) == n && !memcmp(s, w[i], n))
			return 1;
	return 0;
}

/* Small words that cannot start a caption: after "£4.3 million" the words
 * "a year" say how often, not what the number counts. */
static int tk_cap_weak_start(const char *s, size_t n)
{
	static const char *const w[] = {
	    "a",   "an",   "the",  "in",   "of",   "to",   "for",  "from", "per", "by",	  "on",
	    "at",  "each", "this", "that", "last", "next", "over", "than", "as",  "with", "is",
	    "was", "are",  "were", "has",  "had",  "pour", "par",  "de",   "du",  "des",  "au",
	    "aux", "en",   "le",   "la",   "les",  "un",   "une",  "je",   "pro", "im",	  "am",
	    "por", "para", "al",   "el",   "los",  "las",  "cada"};
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strlen(w[i]) == n && !memcmp(s, w[i], n))
			return 1;
	return 0;
}

/* Is the full stop at s[i], inside the figure's sentence, an abbreviation's
 * ("Mrs. Clinton", "George W. Bush", "the U.S. Court")? */
static int tk_cap_abbrev_dot(const char *s, size_t n, size_t i)
{
	if (i >= 3 && s[i - 2] == '.' && s[i - 1] >= 'A' && s[i - 1] <= 'Z')
		return 1; /* "U.S.", "U.N." */
	return !tk_is_sentence_end(s, n, i);
}

/* Byte that ends a clause at s[i]: , ; : ( ) . ! ? before a space or the end
 * (not an abbreviation's full stop), closing quotation marks and dashes. */
static size_t tk_cap_clause_end(const char *s, size_t n)
{
	size_t i, words = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ';' || c == '(' || c == ')' || c == '"')
			return i;
		/* "6,000" goes on; ", " ends the clause */
		if (c == ',' && !(i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9'))
			return i;
		if ((c == '.' || c == '!' || c == '?' || c == ':') &&
		    (i + 1 == n || s[i + 1] == ' ') &&
		    !(c == '.' && i + 2 < n && tk_cap_abbrev_dot(s, n, i)))
			return i;
		/* closing marks ” “ » «, dashes – — ― and an ellipsis … */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D ||
		     (unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94 ||
		     (unsigned char)s[i + 2] == 0x95 || (unsigned char)s[i + 2] == 0xA6))
			return i;
		if (c == 0xC2 && i + 1 < n &&
		    ((unsigned char)s[i + 1] == 0xBB || (unsigned char)s[i + 1] == 0xAB))
			return i;
		if (c == ' ' && i + 1 < n && s[i + 1] == '-' && i + 2 < n && s[i + 2] == ' ')
			return i;
		/* typewriter dash "--" and quotation marks '' `` */
		if ((c == '-' || c == '\'' || c == '`') && i + 1 < n && s[i + 1] == (char)c)
			return i;
		if (c == ' ') {
			size_t k = i + 1;
			while (k < n && s[k] >= 'a' && s[k] <= 'z')
				k++;
			/* a joiner after at least two words of our own clause */
			if (++words >= 2 && k > i + 1 && (k == n || s[k] == ' ') &&
			    tk_cap_joiner(s + i + 1, k - i - 1))
				return i;
		}
	}
	return n;
}

static size_t tk_cap_words(const char *s, size_t n)
{
	size_t i, w = 0;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			w++;
	return w;
}

#if !defined(TK_CAPTION_MAX)
#define TK_CAPTION_MAX 90 /* bytes; a longer caption is cut at a phrase boundary */
#endif

/* Words a caption may not end on: articles, prepositions, conjunctions,
 * auxiliaries ("…found at least", "The prize comes with"). */
static int tk_cap_function_word(const char *s, size_t n)
{
	static const char *const w[] = {
	    /* sorted (bytewise) */
	    "a",    "about", "after", "against", "an",	    "and",    "any",  "around", "as",
	    "at",   "be",    "been",  "before",	 "between", "but",    "by",   "can",	"could",
	    "de",   "der",   "des",   "die",	 "du",	    "during", "each", "el",	"en",
	    "et",   "every", "for",   "from",	 "had",	    "has",    "have", "he",	"her",
	    "his",  "in",    "into",  "is",	 "its",	    "la",     "las",  "le",	"least",
	    "les",  "less",  "los",   "more",	 "most",    "of",     "on",   "or",	"our",
	    "over", "per",   "she",   "some",	 "than",    "that",   "the",  "their",	"they",
	    "this", "those", "to",    "und",	 "under",   "until",  "up",   "von",	"was",
	    "we",   "were",  "which", "while",	 "who",	    "will",   "with", "within", "would",
	    "y",
	};

	return tk_span_in_list(s, 0, n, w, sizeof w / sizeof w[0]);
}

/* s[0..n) without trailing spaces, punctuation and function words. */
static size_t tk_cap_trim(const char *s, size_t n)
{
	for (;;) {
		size_t k;
		while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';' ||
			     s[n - 1] == ':' || s[n - 1] == '-' || s[n - 1] == '('))
			n--;
		for (k = n; k && s[k - 1] != ' '; k--)
			;
		if (k == n || !tk_cap_function_word(s + k, n - k))
			return n;
		n = k;
	}
}

/* The longest complete phrase of s[0..n) that fits TK_CAPTION_MAX: cut
 * after a comma or before a function word, never mid-phrase. 0 when no
 * phrase of three words or more fits. */
static size_t tk_cap_fit(const char *s, size_t n)
{
	size_t k, best = 0;

	n = tk_cap_trim(s, n);
	if (n <= TK_CAPTION_MAX)
		return tk_cap_words(s, n) >= 3 ? n : 0;
	for (k = 1; k < n && k <= TK_CAPTION_MAX; k++) {
		size_t e, t;
		if (s[k] != ' ')
			continue;
		for (e = k + 1; e < n && s[e] != ' '; e++)
			;
		if (s[k - 1] != ',' && !tk_cap_function_word(s + k + 1, e - k - 1))
			continue;
		t = tk_cap_trim(s, k);
		if (tk_cap_words(s, t) >= 3)
			best = t;
	}
	return best;
}

/* Where the figure's own clause starts in ctx before position bn: after a
 * comma, semicolon, colon, bracket or quotation mark, or after a joiner
 * ("250 new homes and 7 billion"), minus a relative "which is". */
static size_t tk_cap_clause_start(const char *ctx, size_t bn)
{
	static const char *const rel[] = {"which is ",	 "which are ",	"which was ",
					  "which were ", "which will ", "which ",
					  "that is ",	 "that ",	"who "};
	size_t k, r;

	for (k = bn; k > 0; k--) {
		unsigned char c = (unsigned char)ctx[k - 1];
		size_t j = k;
		if ((c == ' ' && k >= 2 && strchr(",;:", ctx[k - 2])) || c == '(' || c == '"')
			break;
		if ((c == '-' || c == '\'' || c == '`') && k >= 2 && ctx[k - 2] == (char)c)
			break; /* after "--", '' or `` */
		while (j < bn && ctx[j] >= 'a' && ctx[j] <= 'z')
			j++;
		if (c == ' ' && j > k && (j == bn || ctx[j] == ' ') &&
		    tk_cap_joiner(ctx + k, j - k)) {
			k = j;
			break;
		}
		/* after “ ” or an ellipsis … */
		if (k >= 3 && (c == 0x9C || c == 0x9D || c == 0xA6) &&
		    (unsigned char)ctx[k - 2] == 0x80 && (unsigned char)ctx[k - 3] == 0xE2)
			break;
	}
	while (k < bn && ctx[k] == ' ')
		k++;
	/* ", and the city plans ..." starts after the joiner */
	for (r = k; r < bn && ctx[r] >= 'a' && ctx[r] <= 'z'; r++)
		;
	if (r < bn && ctx[r] == ' ' && tk_cap_joiner(ctx + k, r - k))
		k = r + 1;
	for (r = 0; r < sizeof rel / sizeof rel[0]; r++) {
		size_t l = strlen(rel[r]);
		if (bn - k > l + 3 && !strncmp(ctx + k, rel[r], l)) {
			k += l;
			break;
		}
	}
	return k;
}

/* Short caption for a figure that says what the number counts, as a
 * complete phrase of three words or more that never ends on a function
 * word: the words after it in its clause ("82,000" -> "people have left
 * Afghanistan safely since August 14"); when those are too few or only say
 * how often ("£4.3 million a year"), the whole clause with the figure ("The
 * prize comes with € 5,000"); else the sentence, cut at a phrase. */
/* A clause too long for a caption that ends with the figure and what it
 * counts ("The Tokyo software company Hoshi Systems opened an office in Osaka
 * on Monday with 120 engineers"): its tail from the earliest phrase start
 * that fits, with the verb before it ("opened an office in Osaka on Monday
 * with 120 engineers"); 0 when none fits. *start gets the tail's start. */
static size_t tk_cap_tail(const char *s, size_t n, size_t *start)
{
	size_t k, e, v;

	for (k = 1; k < n; k++) {
		if (s[k - 1] != ' ' || n - k > TK_CAPTION_MAX)
			continue;
		for (e = k; e < n && s[e] != ' '; e++)
			;
		if (!tk_cap_function_word(s + k, e - k))
			continue;
		/* the lower-case word before the phrase, when it still fits */
		for (v = k - 1; v > 0 && s[v - 1] != ' '; v--)
			;
		if (v + 1 < k && n - v <= TK_CAPTION_MAX && s[v] >= 'a' && s[v] <= 'z' &&
		    !tk_cap_function_word(s + v, k - 1 - v))
			k = v;
		if (tk_cap_words(s + k, n - k) < 3)
			return 0;
		*start = k;
		return tk_cap_trim(s + k, n - k);
	}
	return 0;
}

/* Can caption c stand on a screen: three words or more, no ellipsis, not
 * ending on a function word? */
static int tk_cap_complete(const char *c)
{
	size_t n, k, words = 0;

	/* one pass: words, and no ellipsis (… or ...) */
	for (n = 0; c[n]; n++) {
		if (c[n] != ' ' && (n == 0 || c[n - 1] == ' '))
			words++;
		if ((c[n] == '.' && c[n + 1] == '.' && c[n + 2] == '.') ||
		    ((unsigned char)c[n] == 0xE2 && (unsigned char)c[n + 1] == 0x80 &&
		     (unsigned char)c[n + 2] == 0xA6))
			return 0;
	}
	if (words < 3)
		return 0;
	while (n && strchr(" .,;:!?", c[n - 1]))
		n--;
	for (k = n; k && c[k - 1] != ' '; k--)
		;
	return !tk_cap_function_word(c + k, n - k);
}

/* After "$4 trillion in": a word saying what the money is ("tax cuts",
 * "American exports"), not a time ("2015") or a place ("the city")? */
static int tk_cap_money_in(const char *s, size_t n)
{
	size_t k;

	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (k = 0; k < n && s[k] != ' '; k++)
		;
	return !tk_cap_weak_start(s, k) && !tk_cap_function_word(s, k);
}

/* *ok is 0 when the caption is no complete phrase (see tk_cap_complete);
 * the phrases cut from the figure's clause always are one. */
static const char *tk_caption(struct tk_arena *a, const struct tk_figure *f, int *ok)
{
	const char *ctx = f->context, *hit = strstr(ctx, f->text), *s;
	size_t n, k, m, cs, ce;

	*ok = 1;

	if (hit) {
		s = hit + strlen(f->text);
		while (*s == ' ')
			s++;
		n = tk_cap_clause_end(s, strlen(s));
		for (k = 0; k < n && s[k] >= 'a' && s[k] <= 'z'; k++)
			;
		/* "75,000 tons of plastic", "a third of the staff": "of" says what;
		 * so does "in" before what money is in ("$4 trillion in tax cuts") */
		if (!(k < n && s[k] == ' ' && (tk_cap_weak_start(s, k) || tk_cap_joiner(s, k)) &&
		      !(k == 2 && !strncmp(s, "of", 2) && f->kind != TK_FIG_COUNT) &&
		      !(k == 2 && !strncmp(s, "in", 2) && f->kind == TK_FIG_MONEY &&
			tk_cap_money_in(s + 3, n - 3))) &&
		    (m = tk_cap_fit(s, n)) != 0)
			return tk_arena_strndup(a, s, m);
		/* the clause around the figure, the figure included */
		cs = tk_cap_clause_start(ctx, (size_t)(hit - ctx));
		ce = (size_t)(s - ctx) + n;
		m = tk_cap_fit(ctx + cs, ce - cs);
		/* cut before the figure: the clause's tail, the figure included */
		if (m < (size_t)(hit - ctx) + strlen(f->text) - cs &&
		    (k = tk_cap_tail(ctx + cs, ce - cs, &n)) != 0)
			return tk_arena_strndup(a, ctx + cs + n, k);
		if (m != 0)
			return tk_arena_strndup(a, ctx + cs, m);
	}
	n = strlen(ctx);
	/* the sentence, or its first words: may hold an ellipsis or be short */
	if ((m = tk_cap_fit(ctx, n)) == 0) {
		/* one long phrase: its first words, cut after a content word */
		for (m = n < TK_CAPTION_MAX ? n : TK_CAPTION_MAX; m > 0 && m < n && ctx[m] != ' ';
		     m--)
			;
		m = tk_cap_trim(ctx, m ? m : n);
	}
	s = tk_arena_strndup(a, ctx, m);
	*ok = s && tk_cap_complete(s);
	return s;
}

/* A role as shown: without a leading determiner or a common-noun
 * possessive that only points back into the article ("the company's
 * managing director" -> "managing director", "l'adjointe à la culture" ->
 * "adjointe à la culture"). Named owners stay: "Germany's finance minister",
 * "US Secretary of State". Returns a pointer into r (or r itself). */
static const char *tk_role_clean(const char *r)
{
	static const char *const det[] = {"the ", "a ",	    "an ",  "his ", "her ",
					  "its ", "their ", "our ", "l'",   "l\xE2\x80\x99",
					  "la ",  "le ",    "el ",  "die ", "der "};
	size_t i, k;

	if (!r)
		return r;
	for (i = 0; i < sizeof det / sizeof det[0]; i++) {
		size_t l = strlen(det[i]);
		if (!strncmp(r, det[i], l) && r[l]) {
			r += l;
			break;
		}
	}
	/* "company's" / "company’s" / "members'" before more words */
	for (k = 0; r[k] >= 'a' && r[k] <= 'z'; k++)
		;
	if (k >= 2 && r[k] == '\'' && r[k + 1] == 's' && r[k + 2] == ' ' && r[k + 3])
		return r + k + 3;
	if (k >= 2 && !strncmp(r + k, "\xE2\x80\x99s ", 5) && r[k + 5])
		return r + k + 5;
	if (k >= 2 && r[k - 1] == 's' && r[k] == '\'' && r[k + 1] == ' ' && r[k + 2])
		return r + k + 2;
	return r;
}

/* Is the figure inside quotation q? */
static int tk_quote_holds(const struct tk_rawquote *q, const struct tk_figure *f)
{
	if (f->para < q->para || f->para > q->para_end)
		return 0;
	if (f->para == q->para && f->offset < q->open_end)
		return 0;
	if (f->para == q->para_end && f->offset >= q->close)
		return 0;
	return 1;
}

/* A figure from inside an attributed quotation keeps its speaker ("4,000
 * Americans" - Anthony Blinken). Quotes and figures are both in text order. */
static void tk_figures_speakers(const struct tk_qlist *ql, struct tk_figlist *fl)
{
	size_t qi = 0, i;

	for (i = 0; i < fl->n; i++) {
		struct tk_figure *f = &fl->f[i];
		while (qi < ql->n &&
		       (ql->q[qi].para_end < f->para ||
			(ql->q[qi].para_end == f->para && ql->q[qi].close <= f->offset)))
			qi++;
		if (qi < ql->n && !ql->q[qi].rejected && ql->q[qi].speaker &&
		    tk_quote_holds(&ql->q[qi], f))
			f->speaker = ql->q[qi].speaker;
	}
}

void tk_extract_opts_from_config(const struct tk_config *cfg, struct tk_extract_opts *out)
{
	memset(out, 0, sizeof *out);
	out->max_quotes = cfg->quotes_per_article > 0 ? (size_t)cfg->quotes_per_article : 0;
	out->max_figures = cfg->figures_per_article > 0 ? (size_t)cfg->figures_per_article : 0;
	out->any_speaker = !cfg->quotes_need_speaker;
}

/* NULL options: what the compiled configuration defaults ask for. */
static void tk_extract_opts_default(struct tk_extract_opts *o)
{
	struct tk_config d;

	tk_config_defaults(&d);
	tk_extract_opts_from_config(&d, o);
}

/* The working state of one extraction, passed through its steps. */
struct tk_ex_run {
	struct tk_extract_opts o;
	struct tk_ex *ex;
	struct tk_qlist ql;
	struct tk_figlist fl;
	struct tk_quote *allq; /* accepted quotes in text order (arena) */
	struct tk_rank *qr;    /* their ranking (heap) */
	size_t nq;
	struct tk_quote *rq; /* quotes chosen for the screen (arena) */
	size_t nrq;
	struct tk_rank *fr;   /* figure ranking (heap) */
	struct tk_figure *rf; /* figures chosen for the screen (arena) */
	const char **rcap;    /* their captions (arena) */
	size_t nrf;
};

/* Accepted quotes in text order, scored and ranked. */
static int tk_ex_rank_quotes(struct tk_ex_run *r)
{
	size_t i;

	r->allq = tk_arena_alloc(r->ex->arena, (r->ql.n ? r->ql.n : 1) * sizeof *r->allq);
	r->qr = tk_malloc((r->ql.n ? r->ql.n : 1) * sizeof *r->qr);
	if (!r->allq || !r->qr)
		return TK_ENOMEM;
	for (i = 0; i < r->ql.n; i++) {
		const struct tk_rawquote *q = &r->ql.q[i];
		struct tk_quote *a = &r->allq[r->nq];
		if (q->rejected)
			continue;
		a->text = q->text;
		a->speaker = q->speaker;
		a->role = tk_role_clean(q->role);
		a->para = q->para;
		a->partial = q->partial;
		a->score = tk_quote_score(q);
		r->qr[r->nq].score = a->score;
		/* quotes_need_speaker: listed with --all, never shown */
		r->qr[r->nq].idx = r->o.any_speaker || tk_quote_sure(q) ? r->nq : (size_t)-1;
		r->nq++;
	}
	qsort(r->qr, r->nq, sizeof *r->qr, tk_rank_cmp);
	return TK_OK;
}

/* The score of ranked quote q next to those already chosen: a speaker
 * already shown costs 12 (a ticker wants several voices); *dup is 1 when
 * the same words are already chosen. */
static int tk_ex_quote_rescore(const struct tk_ex_run *r, const struct tk_quote *q, int *dup)
{
	int sc = q->score;
	size_t k;

	*dup = 0;
	for (k = 0; k < r->nrq; k++) {
		if (!strcmp(r->rq[k].text, q->text))
			*dup = 1;
		if (q->speaker && r->rq[k].speaker && !strcmp(q->speaker, r->rq[k].speaker))
			sc -= 12;
	}
	return sc;
}

/* Greedy: the best quote, then the best of the rest with a penalty for
 * speakers already shown. */
static int tk_ex_pick_quotes(struct tk_ex_run *r)
{
	size_t i;

	r->rq =
	    tk_arena_alloc(r->ex->arena, (r->o.max_quotes ? r->o.max_quotes : 1) * sizeof *r->rq);
	if (!r->rq)
		return TK_ENOMEM;
	while (r->nrq < r->o.max_quotes) {
		size_t best = (size_t)-1;
		int best_score = 0;
		for (i = 0; i < r->nq && i < 256; i++) {
			int sc, dup;
			if (r->qr[i].idx == (size_t)-1)
				continue; /* already taken */
			sc = tk_ex_quote_rescore(r, &r->allq[r->qr[i].idx], &dup);
			if (dup)
				continue;
			if (best == (size_t)-1 || sc > best_score) {
				best = i;
				best_score = sc;
			}
		}
		if (best == (size_t)-1)
			break;
		r->rq[r->nrq++] = r->allq[r->qr[best].idx];
		r->qr[best].idx = (size_t)-1;
	}
	return TK_OK;
}

/* Is figure f already shown among the chosen ones (same value and unit,
 * same words, or in pass 0 the same clause)? */
static int tk_ex_figure_dup(const struct tk_ex_run *r, const struct tk_figure *f, int pass)
{
	size_t k;

	for (k = 0; k < r->nrf; k++) {
		const struct tk_figure *g = &r->rf[k];
		if (g->value == f->value &&
		    ((!g->unit && !f->unit) || (g->unit && f->unit && !strcmp(g->unit, f->unit))))
			return 1;
		if (g->text == f->text || (pass == 0 && !strcmp(g->context, f->context)))
			return 1;
	}
	return 0;
}

/* Figures by score in two passes: first from different clauses, then any. */
static int tk_ex_pick_figures(struct tk_ex_run *r)
{
	size_t i;

	size_t max = r->o.max_figures ? r->o.max_figures : 1;

	r->fr = tk_malloc((r->fl.n ? r->fl.n : 1) * sizeof *r->fr);
	r->rf = tk_arena_alloc(r->ex->arena, max * sizeof *r->rf);
	r->rcap = tk_arena_alloc(r->ex->arena, max * sizeof *r->rcap);
	if (!r->fr || !r->rf || !r->rcap)
		return TK_ENOMEM;
	for (i = 0; i < r->fl.n; i++) {
		r->fr[i].score = r->fl.f[i].score;
		r->fr[i].idx = i;
	}
	qsort(r->fr, r->fl.n, sizeof *r->fr, tk_rank_cmp);
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < r->fl.n && i < 4096 && r->nrf < r->o.max_figures; i++) {
			const struct tk_figure *f = &r->fl.f[r->fr[i].idx];
			/* "two fact checkers", a bare "3": never a key figure; nor a
			 * count that names nothing it counts ("channel 125", "getting
			 * to 1,237") unless it is large, and then only the first */
			if (f->trivial || (!f->unit && r->nrf > 0) ||
			    (!f->unit && f->kind == TK_FIG_COUNT && f->value_max < 1e4 &&
			     f->value_max > -1e4))
				continue;
			const char *cap;
			int ok;
			if (tk_ex_figure_dup(r, f, pass) || f->score <= 0)
				continue;
			cap = tk_caption(r->ex->arena, f, &ok);
			if (!cap)
				return TK_ENOMEM;
			/* no complete phrase says what it counts: not for the screen */
			if (!ok)
				continue;
			r->rcap[r->nrf] = cap;
			r->rf[r->nrf++] = *f;
		}
	}
	return TK_OK;
}

/* Items: headline, then quotes and figures interleaved. */
static int tk_ex_build_items(struct tk_ex_run *r, const struct tk_article *art)
{
	struct tk_arena *a = r->ex->arena;
	struct tk_item *items;
	size_t i, ni = 0, n = 1 + r->nrq + r->nrf;

	items = tk_arena_alloc(a, n * sizeof *items);
	if (!items)
		return TK_ENOMEM;
	memset(items, 0, n * sizeof *items);
	items[ni].kind = TK_ITEM_HEADLINE;
	items[ni++].text = art->headline;
	for (i = 0; i < r->nrq || i < r->nrf; i++) {
		if (i < r->nrq) {
			items[ni].kind = TK_ITEM_QUOTE;
			items[ni].text = tk_screen_text(a, r->rq[i].text);
			if (!items[ni].text)
				return TK_ENOMEM;
			items[ni].speaker = r->rq[i].speaker;
			items[ni].role = r->rq[i].role;
			ni++;
		}
		if (i < r->nrf) {
			items[ni].kind = TK_ITEM_FIGURE;
			items[ni].text = r->rf[i].context;
			items[ni].figure = r->rf[i].text;
			items[ni].speaker = r->rf[i].speaker;
			items[ni].caption = r->rcap[i];
			ni++;
		}
	}
	r->ex->pub.items = items;
	r->ex->pub.n_items = ni;
	return TK_OK;
}

/* The quote and figure lists the caller sees: all of them with opts.all,
 * else those chosen for the screen. */
static int tk_ex_publish(struct tk_ex_run *r)
{
	struct tk_extraction *pub = &r->ex->pub;

	if (r->o.all) {
		struct tk_figure *all =
		    tk_arena_alloc(r->ex->arena, (r->fl.n ? r->fl.n : 1) * sizeof *all);
		if (!all)
			return TK_ENOMEM;
		if (r->fl.n)
			memcpy(all, r->fl.f, r->fl.n * sizeof *all);
		pub->quotes = r->allq;
		pub->n_quotes = r->nq;
		pub->figures = all;
		pub->n_figures = r->fl.n;
	} else {
		pub->quotes = r->rq;
		pub->n_quotes = r->nrq;
		pub->figures = r->rf;
		pub->n_figures = r->nrf;
	}
	return TK_OK;
}

/* Find, attribute and join: quotes and figures of the article, in text order. */
static int tk_ex_find(struct tk_ex_run *r, const struct tk_article *art)
{
	int err = tk_quotes_find(art, r->ex->arena, &r->ql);

	if (!err)
		err = tk_speakers_attribute(art, r->ex->arena, &r->ql);
	if (!err)
		err = tk_figures_find(art, r->ex->arena, &r->fl);
	if (!err)
		tk_figures_speakers(&r->ql, &r->fl);
	return err;
}

int tk_extract(const struct tk_article *art, const struct tk_extract_opts *opts,
	       struct tk_extraction **out)
{
	struct tk_ex_run r = {0};
	int err = TK_ENOMEM;

	*out = NULL;
	if (opts)
		r.o = *opts;
	else
		tk_extract_opts_default(&r.o);
	r.ex = tk_calloc(1, sizeof *r.ex);
	if (!r.ex || tk_arena_create(&r.ex->arena))
		goto out;
	err = tk_ex_find(&r, art);
	if (!err)
		err = tk_ex_rank_quotes(&r);
	if (!err)
		err = tk_ex_pick_quotes(&r);
	if (!err)
		err = tk_ex_pick_figures(&r);
	if (!err)
		err = tk_ex_build_items(&r, art);
	if (!err)
		err = tk_ex_publish(&r);
	if (err)
		goto out;
	*out = &r.ex->pub;
	r.ex = NULL;
out:
	tk_free(r.qr);
	tk_free(r.fr);
	tk_free(r.ql.q);
	tk_free(r.fl.f);
	if (r.ex)
		tk_extraction_free(&r.ex->pub);
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
