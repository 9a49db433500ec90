/* Article reader: refuses binary/empty/oversized input, sniffs format and
 * encoding, decodes to NFC UTF-8 and splits the text into articles. Plain
 * text and Markdown are parsed here; HTML and feeds in article_html.c and
 * article_feed.c. */
#include <string.h>
#include <strings.h>

#include "article.h"
#include "article_int.h"
#include "err.h"
#include "mem.h"
#include "text.h"

#if !defined(TK_READ_MAX_DEFAULT)
#define TK_READ_MAX_DEFAULT (4u << 20)
#endif

const char *tk_format_name(enum tk_format f)
{
	switch (f) {
	case TK_FMT_TXT:
		return "txt";
	case TK_FMT_MD:
		return "md";
	case TK_FMT_HTML:
		return "html";
	case TK_FMT_RSS:
		return "rss";
	case TK_FMT_ATOM:
		return "atom";
	}
	return "txt";
}

void tk_doc_free(struct tk_doc *doc)
{
	if (!doc)
		return;
	tk_arena_destroy(doc->arena);
	tk_free(doc->arts);
	tk_free(doc);
}

size_t tk_doc_count(const struct tk_doc *doc)
{
	return doc->n;
}

const struct tk_article *tk_doc_article(const struct tk_doc *doc, size_t i)
{
	return i < doc->n ? &doc->arts[i] : NULL;
}

enum tk_format tk_doc_format(const struct tk_doc *doc)
{
	return doc->fmt;
}

const char *tk_doc_encoding(const struct tk_doc *doc)
{
	return doc->enc;
}

/* ---- article builder ---- */

static int tk_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int tk_starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static size_t tk_count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		if (*s == ' ') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* Whole paragraphs that are page furniture, not article text. */
static int tk_para_is_boilerplate(const char *p)
{
	static const char *const exact[] = {
	    "advertisement",
	    "read more",
	    "more details",
	    "(more details)",
	    "share",
	    "share this",
	    "share this article",
	    "###",
	    "-30-",
	    "- 30 -",
	    "end",
	    "ends",
	    "- ends -",
	    "(end)",
	    "continue reading",
	    "anzeige",
	    "publicité",
	    "publicidad",
	    "werbung",
	    "(more)",
	    "more",
	    "related articles",
	    "related",
	    "top stories",
	    "back to top",
	    "print",
	    "comments",
	};
	static const char *const prefixes[] = {
	    "read more:",
	    "read more ",
	    "read also",
	    "also read",
	    "related:",
	    "see also:",
	    "lire aussi",
	    "à lire aussi",
	    "mehr zum thema",
	    "lesen sie auch",
	    "leer más",
	    "lea también",
	    "click here",
	    "sign up for",
	    "subscribe to",
	    "follow us",
	    "© ",
	    "copyright ",
	    "all rights reserved",
	    "photo:",
	    "image:",
	    "foto:",
	    "picture:",
	    "credit:",
	    "(photo",
	    "this article was",
	    "cookies",
	    "we use cookies",
	    "this site uses cookies",
	};
	static const char *const short_prefixes[] = {
	    "published ", "updated ",	"last updated", "posted ",   "veröffentlicht",
	    "publié le",  "mis à jour", "actualizado",	"publicado", "by ",
	    "von ",	  "par ",	"por ",
	};
	size_t i, words = tk_count_words(p);

	if (words > 24) /* longer than every pattern above */
		return 0;
	for (i = 0; words <= 3 && i < sizeof exact / sizeof exact[0]; i++)
		if (strcasecmp(p, exact[i]) == 0)
			return 1;
	for (i = 0; words <= 7 && i < sizeof short_prefixes / sizeof short_prefixes[0]; i++)
		if (tk_starts_ci(p, short_prefixes[i]))
			return 1;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (tk_starts_ci(p, prefixes[i]))
			return 1;
	return 0;
}

/* Cut a trailing "(More details)" / "Read more" that CMS exports glue onto
 * the last sentence of a paragraph. */
static size_t tk_para_trim_tail(const char *p, size_t n)
{
	static const char *const tails[] = {
	    "(more details)", "(more)",	      "(details)",	  "(read more)", "read more",
	    "read more…",     "read more...", "(continued)",	  "(video)",	 "(photos)",
	    "[more]",	      "(full story)", "continue reading", "(end)",
	};
	size_t i;

	for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		size_t l = strlen(tails[i]);
		if (n > l + 1 && strncasecmp(p + n - l, tails[i], l) == 0 && p[n - l - 1] == ' ') {
			n -= l + 1;
			while (n > 0 && p[n - 1] == ' ')
				n--;
			return n;
		}
	}
	return n;
}

int tk_build_para(struct tk_doc *d, struct tk_art_build *b, const char *s, size_t n)
{
	int err;
	char *p = tk_text_clean(d->arena, s, n, &err);
	size_t len;

	if (!p)
		return err;
	len = tk_para_trim_tail(p, strlen(p));
	p[len] = '\0';
	if (!len || tk_para_is_boilerplate(p))
		return TK_OK;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		const char **np = tk_realloc(b->paras, cap * sizeof *np);
		if (!np)
			return TK_ENOMEM;
		b->paras = np;
		b->cap = cap;
	}
	b->paras[b->n++] = p;
	b->chars += len;
	return TK_OK;
}

void tk_build_release(struct tk_art_build *b)
{
	tk_free(b->paras);
	memset(b, 0, sizeof *b);
}

/* First sentence of p, cut at a word boundary when long: a headline for an
 * article that has none. */
static const char *tk_headline_from(struct tk_doc *d, const char *p, int *err)
{
	size_t n = strlen(p), i, cut = n;

	for (i = 0; i + 1 < n; i++) {
		if ((p[i] == '.' || p[i] == '!' || p[i] == '?') && p[i + 1] == ' ' && i > 20) {
			cut = i + (p[i] != '.');
			break;
		}
	}
	if (cut > 120) {
		cut = 120;
		while (cut > 60 && p[cut] != ' ')
			cut--;
		/* don't split a UTF-8 sequence */
		while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
			cut--;
		char *h = tk_arena_alloc(d->arena, cut + 4);
		if (!h) {
			*err = TK_ENOMEM;
			return NULL;
		}
		memcpy(h, p, cut);
		memcpy(h + cut, "\xE2\x80\xA6", 4); /* … */
		return h;
	}
	char *h = tk_arena_strndup(d->arena, p, cut);
	if (!h)
		*err = TK_ENOMEM;
	return h;
}

const char *tk_lang_code(const char *tag)
{
	static const char *const codes[] = {"da", "de", "en", "es", "fi", "fr", "it",
					    "nl", "no", "pl", "pt", "ru", "sv"};
	size_t i;
	char c[2];

	if (!tag || !tag[0] || !tag[1] || (tag[2] && tag[2] != '-' && tag[2] != '_'))
		return NULL;
	c[0] = (char)(tag[0] | 0x20);
	c[1] = (char)(tag[1] | 0x20);
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i][0] == c[0] && codes[i][1] == c[1])
			return codes[i];
	return NULL;
}

/* The language of an undeclared article from its commonest short words
 * (the, der, le, el ...) in the first paragraphs: a clear winner or NULL.
 * Decimal separators and number words depend on it. */
static const char *tk_lang_guess(const char *const *paras, size_t n)
{
	static const struct {
		const char *w;
		unsigned char lang; /* index into names */
	} words[] = {
	    /* sorted (bytewise) */
	    {"and", 0}, {"das", 2},  {"dans", 1}, {"del", 3}, {"der", 2},  {"des", 1}, {"die", 2},
	    {"ein", 2}, {"eine", 2}, {"el", 3},	  {"est", 1}, {"et", 1},   {"for", 0}, {"ist", 2},
	    {"la", 4},	{"las", 3},  {"le", 1},	  {"les", 1}, {"los", 3},  {"mit", 2}, {"nicht", 2},
	    {"of", 0},	{"para", 3}, {"pour", 1}, {"que", 4}, {"said", 0}, {"the", 0}, {"und", 2},
	    {"une", 1}, {"was", 0},  {"with", 0}, {"y", 3},
	};
	static const char *const names[] = {"en", "fr", "de", "es"};
	unsigned count[5] = {0};
	size_t pi, bytes = 0, best = 0, second = 0, k;

	for (pi = 0; pi < n && bytes < 4096; pi++) {
		const char *p = paras[pi];
		size_t i = 0;
		while (p[i]) {
			size_t s = i, lo = 0, hi = sizeof words / sizeof words[0];
			char low[8];
			while (p[i] && p[i] != ' ')
				i++;
			if (i - s < sizeof low) {
				for (k = 0; k < i - s; k++)
					low[k] = p[s + k] >= 'A' && p[s + k] <= 'Z'
						     ? (char)(p[s + k] + 32)
						     : p[s + k];
				while (lo < hi) {
					size_t mid = (lo + hi) / 2, l = strlen(words[mid].w);
					int c = memcmp(low, words[mid].w, i - s < l ? i - s : l);
					if (!c)
						c = i - s < l ? -1 : i - s > l;
					if (!c) {
						count[words[mid].lang]++;
						break;
					}
					if (c < 0)
						hi = mid;
					else
						lo = mid + 1;
				}
			}
			while (p[i] == ' ')
				i++;
		}
		bytes += i;
	}
	/* "la" and "que" are French and Spanish alike */
	count[1] += count[4];
	count[3] += count[4];
	for (k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	for (k = 0; k < 4; k++)
		if (k != best && count[k] > second)
			second = count[k];
	return count[best] >= 4 && count[best] >= 2 * second ? names[best] : NULL;
}

int tk_build_finish(struct tk_doc *d, struct tk_art_build *b)
{
	struct tk_article *a;
	const char **paras = NULL;
	int err = TK_OK;

	if (!b->headline || !*b->headline) {
		if (b->n == 0)
			goto out; /* nothing at all: not an article */
		b->headline = tk_headline_from(d, b->paras[0], &err);
		if (!b->headline)
			goto out;
	}
	/* the headline repeated as the first paragraph (CMS exports) */
	while (b->n > 0 && strcmp(b->paras[0], b->headline) == 0) {
		memmove(b->paras, b->paras + 1, (b->n - 1) * sizeof *b->paras);
		b->n--;
	}
	if (b->n) {
		paras = tk_arena_alloc(d->arena, b->n * sizeof *paras);
		if (!paras) {
			err = TK_ENOMEM;
			goto out;
		}
		memcpy(paras, b->paras, b->n * sizeof *paras);
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 4;
		struct tk_article *na = tk_realloc(d->arts, cap * sizeof *na);
		if (!na) {
			err = TK_ENOMEM;
			goto out;
		}
		d->arts = na;
		d->cap = cap;
	}
	a = &d->arts[d->n++];
	a->headline = b->headline;
	a->date = b->date;
	a->source = b->source;
	a->paras = (const char *const *)paras;
	a->n_paras = b->n;
	a->lang = b->lang ? b->lang : tk_lang_guess(a->paras, a->n_paras);
out:
	b->headline = b->date = b->source = NULL;
	b->n = 0;
	b->chars = 0;
	return err;
}

static int tk_is_title_sep(const char *s, size_t *seplen)
{
	static const char *const seps[] = {" | ",  " - ",	 " \xE2\x80\x93 ", " \xE2\x80\x94 ",
					   " :: ", " \xC2\xB7 ", " \xC2\xBB ",	   " / "};
	size_t i;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t l = strlen(seps[i]);
		if (strncmp(s, seps[i], l) == 0) {
			*seplen = l;
			return 1;
		}
	}
	return 0;
}

const char *tk_build_title(struct tk_doc *d, const char *s, size_t n, const char *source,
			   int strip_suffix, int *err)
{
	char *t = tk_text_clean(d->arena, s, n, err);
	size_t len, i, round;

	if (!t || !strip_suffix)
		return t;
	len = strlen(t);
	for (round = 0; round < 2; round++) {
		size_t last = 0, seplen = 0, sl = 0;
		for (i = 1; i + 2 < len; i++) {
			size_t l;
			if (t[i] == ' ' && tk_is_title_sep(t + i, &l)) {
				last = i;
				sl = l;
			}
		}
		if (!last)
			break;
		seplen = sl;
		const char *suf = t + last + seplen;
		size_t suflen = len - last - seplen;
		char save = t[last];
		int strip = 0;

		t[last] = '\0';
		if (source && strncasecmp(suf, source, suflen) == 0 && source[suflen] == '\0')
			strip = 1;
		else if (tk_count_words(suf) <= 4 && tk_count_words(t) >= 3 &&
			 !(suf[0] >= 'a' && suf[0] <= 'z'))
			strip = 1;
		if (!strip) {
			t[last] = save;
			break;
		}
		len = last;
	}
	t[len] = '\0';
	return t;
}

/* ---- dates ---- */

struct tk_month {
	const char *name;
	int m;
};

static int tk_month_lookup(const char *w, size_t n)
{
	static const struct tk_month months[] = {
	    {"january", 1},    {"jan", 1},	  {"janvier", 1},   {"januar", 1},
	    {"enero", 1},      {"jänner", 1},	  {"february", 2},  {"feb", 2},
	    {"février", 2},    {"fevrier", 2},	  {"februar", 2},   {"febrero", 2},
	    {"march", 3},      {"mar", 3},	  {"mars", 3},	    {"märz", 3},
	    {"marz", 3},       {"marzo", 3},	  {"april", 4},	    {"apr", 4},
	    {"avril", 4},      {"abril", 4},	  {"may", 5},	    {"mai", 5},
	    {"mayo", 5},       {"june", 6},	  {"jun", 6},	    {"juin", 6},
	    {"juni", 6},       {"junio", 6},	  {"july", 7},	    {"jul", 7},
	    {"juillet", 7},    {"juli", 7},	  {"julio", 7},	    {"august", 8},
	    {"aug", 8},	       {"août", 8},	  {"aout", 8},	    {"agosto", 8},
	    {"september", 9},  {"sep", 9},	  {"sept", 9},	    {"septembre", 9},
	    {"septiembre", 9}, {"october", 10},	  {"oct", 10},	    {"octobre", 10},
	    {"oktober", 10},   {"octubre", 10},	  {"november", 11}, {"nov", 11},
	    {"novembre", 11},  {"noviembre", 11}, {"december", 12}, {"dec", 12},
	    {"décembre", 12},  {"decembre", 12},  {"dezember", 12}, {"diciembre", 12},
	};
	char buf[16];
	size_t i;

	if (n >= sizeof buf || n < 3)
		return 0;
	/* every month name starts with one of these (d for décembre, etc.) */
	if (!strchr("jfmasondJFMASOND", w[0]))
		return 0;
	for (i = 0; i < n; i++)
		buf[i] = (char)tk_ascii_lower((unsigned char)w[i]);
	buf[n] = '\0';
	/* Capital Ä/É in UTF-8: lower the second byte for the few names that need it */
	for (i = 0; i + 1 < n; i++) {
		if ((unsigned char)buf[i] == 0xC3 && (unsigned char)buf[i + 1] >= 0x80 &&
		    (unsigned char)buf[i + 1] <= 0x9E)
			buf[i + 1] = (char)((unsigned char)buf[i + 1] + 0x20);
	}
	for (i = 0; i < sizeof months / sizeof months[0]; i++)
		if (buf[0] == months[i].name[0] && buf[1] == months[i].name[1] &&
		    strcmp(buf, months[i].name) == 0)
			return months[i].m;
	return 0;
}

int tk_month_name(const char *w, size_t n)
{
	return tk_month_lookup(w, n);
}

struct tk_dtok {
	size_t s, e;
	int num;
	long v;
};

static void tk_date_fmt(char out[11], long y, long m, long dd)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

static int tk_date_ok(long y, long m, long dd)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

size_t tk_date_find(const char *s, size_t n, char out[11], size_t *start)
{
	struct tk_dtok t[64];
	size_t nt = 0, i = 0, k;

	/* ISO first: 2026-03-10 or 2026/03/10 */
	for (i = 0; i + 10 <= n; i++) {
		const char *p = s + i;
		if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
		    p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && (p[4] == '-' || p[4] == '/') &&
		    p[5] >= '0' && p[5] <= '1' && p[6] >= '0' && p[6] <= '9' && p[7] == p[4] &&
		    p[8] >= '0' && p[8] <= '3' && p[9] >= '0' && p[9] <= '9' &&
		    (i == 0 || !(p[-1] >= '0' && p[-1] <= '9'))) {
			long y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
				 (p[3] - '0');
			long m = (p[5] - '0') * 10 + (p[6] - '0'),
			     dd = (p[8] - '0') * 10 + (p[9] - '0');
			if (tk_date_ok(y, m, dd)) {
				tk_date_fmt(out, y, m, dd);
				*start = i;
				return i + 10 + 1;
			}
		}
	}
	/* Words and numbers: "March 10, 2026", "10 March 2026", "10. März 2026", "10 de marzo de
	 * 2026". */
	i = 0;
	while (i < n && nt < sizeof t / sizeof t[0]) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			size_t b0 = i;
			long v = 0;
			while (i < n && s[i] >= '0' && s[i] <= '9') {
				if (v < 100000)
					v = v * 10 + (s[i] - '0');
				i++;
			}
			/* ordinal suffixes: 10th, 1st, 1er */
			size_t e = i;
			while (i < n && ((s[i] >= 'a' && s[i] <= 'z')) && i - e < 3)
				i++;
			t[nt++] = (struct tk_dtok){b0, e, 1, v};
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
			size_t b0 = i;
			while (i < n &&
			       (((unsigned char)s[i] >= 'a' && (unsigned char)s[i] <= 'z') ||
				((unsigned char)s[i] >= 'A' && (unsigned char)s[i] <= 'Z') ||
				(unsigned char)s[i] >= 0x80))
				i++;
			t[nt++] = (struct tk_dtok){b0, i, 0, 0};
		} else {
			i++;
		}
	}
	for (k = 0; k < nt; k++) {
		int m;
		if (t[k].num || !(m = tk_month_lookup(s + t[k].s, t[k].e - t[k].s)))
			continue;
		/* Month D, YYYY */
		if (k + 2 < nt && t[k + 1].num && t[k + 2].num && t[k + 1].e - t[k + 1].s <= 2 &&
		    t[k + 2].e - t[k + 2].s == 4 && tk_date_ok(t[k + 2].v, m, t[k + 1].v)) {
			tk_date_fmt(out, t[k + 2].v, m, t[k + 1].v);
			*start = t[k].s;
			return t[k + 2].e + 1;
		}
		/* D [de] Month [de] YYYY */
		size_t dk = k, yk = k + 1;
		if (dk >= 1 && !t[dk - 1].num && t[dk - 1].e - t[dk - 1].s == 2 &&
		    strncasecmp(s + t[dk - 1].s, "de", 2) == 0)
			dk--;
		if (yk < nt && !t[yk].num && t[yk].e - t[yk].s == 2 &&
		    strncasecmp(s + t[yk].s, "de", 2) == 0)
			yk++;
		if (dk >= 1 && t[dk - 1].num && t[dk - 1].e - t[dk - 1].s <= 2 && yk < nt &&
		    t[yk].num && t[yk].e - t[yk].s == 4 && tk_date_ok(t[yk].v, m, t[dk - 1].v)) {
			tk_date_fmt(out, t[yk].v, m, t[dk - 1].v);
			*start = t[dk - 1].s;
			return t[yk].e + 1;
		}
	}
	return 0;
}

/* ---- plain text ---- */

struct tk_line {
	const char *s;
	size_t n;
};

/* The whole line is this text (ASCII case-insensitive, trailing ':' ignored). */
static int tk_line_is(const struct tk_line *l, const char *text)
{
	size_t n = l->n, tl = strlen(text);
	while (n && (l->s[n - 1] == ':' || l->s[n - 1] == ' '))
		n--;
	return n == tl && strncasecmp(l->s, text, tl) == 0;
}

/* Lines after which a release or wire story has only contact details. */
static int tk_line_ends_body(const struct tk_line *l)
{
	size_t w = 0, i;
	if (tk_line_is(l, "###") || tk_line_is(l, "-30-") || tk_line_is(l, "- 30 -") ||
	    tk_line_is(l, "ends") || tk_line_is(l, "- ends -") || tk_line_is(l, "-ends-") ||
	    tk_line_is(l, "media contact") || tk_line_is(l, "media contacts") ||
	    tk_line_is(l, "press contact") || tk_line_is(l, "contact") ||
	    tk_line_is(l, "pressekontakt") || tk_line_is(l, "contact presse") ||
	    tk_line_is(l, "notes to editors"))
		return 1;
	/* "About GreenLoop Recycling" heading of the boilerplate */
	if (l->n > 6 && l->n < 60 && strncmp(l->s, "About ", 6) == 0 && l->s[6] >= 'A' &&
	    l->s[6] <= 'Z' && !memchr(l->s, '.', l->n)) {
		for (i = 0; i < l->n; i++)
			w += l->s[i] == ' ';
		return w <= 5;
	}
	return 0;
}

static int tk_line_blank(const struct tk_line *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	return 1;
}

static void tk_line_trim(struct tk_line *l)
{
	while (l->n && (l->s[l->n - 1] == ' ' || l->s[l->n - 1] == '\t'))
		l->n--;
	while (l->n && (l->s[0] == ' ' || l->s[0] == '\t')) {
		l->s++;
		l->n--;
	}
}

/* Does the line end a sentence (so a following line is a new paragraph)? */
static int tk_line_terminal(const struct tk_line *l)
{
	const unsigned char *e;
	if (!l->n)
		return 1;
	e = (const unsigned char *)l->s + l->n - 1;
	if (strchr(".!?:;\")'", *e))
		return 1;
	/* ” » … ’ ) in UTF-8 */
	if (l->n >= 3 && e[-2] == 0xE2 && e[-1] == 0x80 &&
	    (e[0] == 0x9D || e[0] == 0xA6 || e[0] == 0x99 || e[0] == 0x9C))
		return 1;
	if (l->n >= 2 && e[-1] == 0xC2 && (e[0] == 0xBB || e[0] == 0xAB))
		return 1;
	return 0;
}

static int tk_line_starts_lower(const struct tk_line *l)
{
	unsigned char c = l->n ? (unsigned char)l->s[0] : 'A';
	return (c >= 'a' && c <= 'z') || (c == 0xC3 && l->n > 1 && (unsigned char)l->s[1] >= 0xA0);
}

/* Lines right under the headline that carry metadata: a date, a byline, a
 * source. Returns 1 when the line was consumed. */
static int tk_txt_meta_line(struct tk_doc *d, struct tk_art_build *b, const struct tk_line *l,
			    int *err)
{
	char date[11];
	size_t st, end;

	*err = TK_OK;
	if (l->n > 80)
		return 0;
	if ((tk_starts_ci(l->s, "by ") || tk_starts_ci(l->s, "von ") ||
	     tk_starts_ci(l->s, "par ") || tk_starts_ci(l->s, "por ")) &&
	    l->n < 60) {
		end = tk_date_find(l->s, l->n, date, &st);
		if (end && !b->date) {
			b->date = tk_arena_strndup(d->arena, date, 10);
			if (!b->date)
				*err = TK_ENOMEM;
		}
		return 1;
	}
	if (tk_starts_ci(l->s, "source:") || tk_starts_ci(l->s, "quelle:") ||
	    tk_starts_ci(l->s, "fuente:")) {
		const char *v = (const char *)memchr(l->s, ':', l->n) + 1;
		b->source = tk_text_clean(d->arena, v, l->n - (size_t)(v - l->s), err);
		return 1;
	}
	end = tk_date_find(l->s, l->n, date, &st);
	if (end) {
		/* only a line that is mostly the date ("Published: March 10, 2026") */
		size_t other = l->n - (end - 1 - st);
		if (other <= 24) {
			if (!b->date) {
				b->date = tk_arena_strndup(d->arena, date, 10);
				if (!b->date)
					*err = TK_ENOMEM;
			}
			return 1;
		}
	}
	return 0;
}

/* Date in a press-release dateline: "HAMBURG, March 10, 2026 /PRNewswire/ --",
 * and the agency of a wire dateline: "FRANKFURT, March 12 (Reuters) -". */
static int tk_dateline(struct tk_doc *d, struct tk_art_build *b)
{
	char date[11];
	size_t st, i;

	if (b->n > 0 && !b->source) {
		const char *p = b->paras[0], *open = strchr(p, '('), *close;
		if (open && open - p < 60 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' &&
		    p[1] <= 'Z' && (close = strchr(open, ')')) && close - open > 2 &&
		    close - open < 30 && open[1] >= 'A' && open[1] <= 'Z' &&
		    (!strncmp(close, ") -", 3) || !strncmp(close, ") \xE2\x80\x94", 5) ||
		     !strncmp(close, ") \xE2\x80\x93", 5))) {
			b->source =
			    tk_arena_strndup(d->arena, open + 1, (size_t)(close - open - 1));
			if (!b->source)
				return TK_ENOMEM;
		}
	}

	for (i = 0; i < b->n && i < 2 && !b->date; i++) {
		size_t n = strlen(b->paras[i]);
		if (tk_date_find(b->paras[i], n < 60 ? n : 60, date, &st)) {
			b->date = tk_arena_strndup(d->arena, date, 10);
			if (!b->date)
				return TK_ENOMEM;
		}
	}
	return TK_OK;
}

static int tk_parse_lines(struct tk_doc *d, struct tk_line *lines, size_t nl, size_t first,
			  int md_mode, struct tk_art_build *b);

/* Split text at '\n' into *out (caller frees with tk_free), untrimmed.
 * Returns TK_OK or TK_ENOMEM (then *out is NULL). */
static int tk_split_lines(char *text, size_t len, struct tk_line **out, size_t *n_out)
{
	struct tk_line *lines = NULL;
	size_t nl = 0, cap = 0;

	for (size_t i = 0; i <= len;) {
		const char *nlp = memchr(text + i, '\n', len - i);
		size_t e = nlp ? (size_t)(nlp - text) : len;

		if (nl == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct tk_line *nlines = tk_realloc(lines, nc * sizeof *nlines);

			if (!nlines) {
				tk_free(lines);
				*out = NULL;
				*n_out = 0;
				return TK_ENOMEM;
			}
			lines = nlines;
			cap = nc;
		}
		lines[nl].s = text + i;
		lines[nl].n = e - i;
		nl++;
		i = e + 1;
	}
	*out = lines;
	*n_out = nl;
	return TK_OK;
}

static int tk_txt_parse(struct tk_doc *d, char *text, size_t len)
{
	struct tk_art_build b = {0};
	struct tk_line *lines = NULL;
	size_t nl = 0, i, h;
	int err = TK_OK;

	err = tk_split_lines(text, len, &lines, &nl);
	if (err)
		goto out;
	for (i = 0; i < nl; i++)
		tk_line_trim(&lines[i]);
	for (h = 0; h < nl && tk_line_blank(&lines[h]); h++)
		;
	/* press releases open with a label, not the headline */
	while (h < nl &&
	       (tk_line_is(&lines[h], "for immediate release") ||
		tk_line_is(&lines[h], "press release") || tk_line_is(&lines[h], "news release") ||
		tk_line_is(&lines[h], "media release") ||
		tk_line_is(&lines[h], "pressemitteilung") ||
		tk_line_is(&lines[h], "communiqué de presse") ||
		tk_line_is(&lines[h], "nota de prensa") || tk_starts_ci(lines[h].s, "embargoed") ||
		tk_line_blank(&lines[h])))
		h++;
	if (h == nl)
		goto out;
	if (lines[h].n <= TK_HEADLINE_MAX) {
		struct tk_line hl = lines[h];
		/* "Title: …" / "Headline: …" labels */
		if (tk_starts_ci(hl.s, "title:") || tk_starts_ci(hl.s, "headline:")) {
			const char *c = memchr(hl.s, ':', hl.n);
			hl.n -= (size_t)(c + 1 - hl.s);
			hl.s = c + 1;
		}
		b.headline = tk_build_title(d, hl.s, hl.n, NULL, 0, &err);
		if (err)
			goto out;
		h++;
		/* metadata lines under the headline (blank lines between allowed) */
		for (i = 0; h < nl && i < 3;) {
			int used;
			if (tk_line_blank(&lines[h])) {
				h++;
				continue;
			}
			used = tk_txt_meta_line(d, &b, &lines[h], &err);
			if (err)
				goto out;
			if (!used)
				break;
			h++;
			i++;
		}
	}
	err = tk_parse_lines(d, lines, nl, h, 0, &b);
	if (!err)
		err = tk_dateline(d, &b);
	if (!err)
		err = tk_build_finish(d, &b);
out:
	tk_build_release(&b);
	tk_free(lines);
	return err;
}

/* ---- Markdown ---- */

/* The next c at or after from in s[0..n), or n. Every caller asks with a
 * from that never decreases, so a remembered answer serves all asks up to it
 * and each byte is scanned at most once per cache: linear, not quadratic, on
 * lines of a million '[' or "![" with no closing mark. */
struct tk_md_next {
	size_t from, at;
	int valid;
};

static size_t tk_md_find(const char *s, size_t n, size_t from, char c, struct tk_md_next *m,
			 size_t *work)
{
	const char *p;

	if (m->valid && from >= m->from && from <= m->at)
		return m->at;
	p = from < n ? memchr(s + from, c, n - from) : NULL;
	*work += (p ? (size_t)(p - s) + 1 : n) - (from < n ? from : n);
	m->from = from;
	m->at = p ? (size_t)(p - s) : n;
	m->valid = 1;
	return m->at;
}

/* Longest inline tag or autolink dropped; a '<' with no '>' this close is text. */
#define TK_MD_TAG_MAX 200

size_t tk_md_inline(const char *s, size_t n, char *buf, size_t *work)
{
	/* One cache per kind of search, each asked from a non-decreasing place. */
	struct tk_md_next close_br = {0}, ref_br = {0}, img_par = {0}, link_par = {0};
	struct tk_md_next close_gt = {0};
	size_t i = 0, o = 0;

	while (i < n) {
		char c = s[i];
		++*work;
		if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!<>|~", s[i + 1])) {
			buf[o++] = s[i + 1];
			i += 2;
		} else if (c == '!' && i + 1 < n && s[i + 1] == '[') {
			/* image: drop alt text and target */
			size_t cb = tk_md_find(s, n, i, ']', &close_br, work);
			if (cb + 1 < n && s[cb + 1] == '(') {
				size_t cp = tk_md_find(s, n, cb, ')', &img_par, work);
				if (cp < n) {
					i = cp + 1;
					continue;
				}
			}
			buf[o++] = c;
			i++;
		} else if (c == '[') {
			/* [text](url), [text][ref], [^note] */
			size_t cb = tk_md_find(s, n, i, ']', &close_br, work);
			if (cb < n && i + 1 < n && s[i + 1] == '^') {
				i = cb + 1;
				continue;
			}
			if (cb < n) {
				size_t tb = i + 1, te = cb, after = te + 1;
				if (after < n && (s[after] == '(' || s[after] == '[')) {
					size_t cp =
					    s[after] == '('
						? tk_md_find(s, n, after, ')', &link_par, work)
						: tk_md_find(s, n, after, ']', &ref_br, work);
					if (cp < n) {
						memcpy(buf + o, s + tb, te - tb);
						o += te - tb;
						i = cp + 1;
						continue;
					}
				}
			}
			buf[o++] = c;
			i++;
		} else if (c == '<') {
			/* inline HTML tag or autolink: drop it */
			size_t gt = tk_md_find(s, n, i, '>', &close_gt, work);
			if (gt < n && gt - i < TK_MD_TAG_MAX && i + 1 < n &&
			    ((s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
			     (s[i + 1] >= 'A' && s[i + 1] <= 'Z') || s[i + 1] == '/' ||
			     s[i + 1] == '!')) {
				i = gt + 1;
				continue;
			}
			buf[o++] = c;
			i++;
		} else if (c == '`' || c == '~') {
			if (c == '~' && !(i + 1 < n && s[i + 1] == '~')) {
				buf[o++] = c;
				i++;
				continue;
			}
			i++;
		} else if (c == '*' || c == '_') {
			/* emphasis markers sit next to a word on exactly one side */
			int before = i > 0 && s[i - 1] != ' ' && s[i - 1] != '*' && s[i - 1] != '_';
			size_t j = i;
			while (j < n && s[j] == c)
				j++;
			*work += j - i;
			int after = j < n && s[j] != ' ';
			int word_before = i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
						    (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
						    (s[i - 1] >= '0' && s[i - 1] <= '9'));
			int word_after =
			    j < n && ((s[j] >= 'a' && s[j] <= 'z') ||
				      (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9'));
			if (c == '_' && word_before && word_after) {
				/* snake_case: keep */
				memcpy(buf + o, s + i, j - i);
				o += j - i;
			} else if (before != after || (c == '*' && before && after)) {
				/* marker: drop */
			} else {
				memcpy(buf + o, s + i, j - i);
				o += j - i;
			}
			i = j;
		} else {
			buf[o++] = c;
			i++;
		}
	}
	return o;
}

static int tk_md_front_matter(struct tk_doc *d, struct tk_art_build *b, struct tk_line *lines,
			      size_t nl, size_t *first)
{
	size_t i;
	int err = TK_OK;

	if (nl < 2 || lines[0].n != 3 || strncmp(lines[0].s, "---", 3) != 0)
		return TK_OK;
	for (i = 1; i < nl; i++) {
		struct tk_line l = lines[i];
		if ((l.n == 3 && (strncmp(l.s, "---", 3) == 0 || strncmp(l.s, "...", 3) == 0))) {
			*first = i + 1;
			return TK_OK;
		}
		const char *colon = memchr(l.s, ':', l.n);
		if (!colon)
			continue;
		size_t kl = (size_t)(colon - l.s);
		const char *v = colon + 1;
		size_t vl = l.n - kl - 1;
		while (vl && *v == ' ') {
			v++;
			vl--;
		}
		if (vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0]) {
			v++;
			vl -= 2;
		}
		if (kl == 5 && strncasecmp(l.s, "title", 5) == 0 && vl) {
			b->headline = tk_build_title(d, v, vl, NULL, 0, &err);
		} else if ((kl == 4 && strncasecmp(l.s, "date", 4) == 0) ||
			   (kl == 9 && strncasecmp(l.s, "published", 9) == 0)) {
			char date[11];
			size_t st;
			if (tk_date_find(v, vl, date, &st)) {
				b->date = tk_arena_strndup(d->arena, date, 10);
				if (!b->date)
					err = TK_ENOMEM;
			}
		} else if (((kl == 6 && strncasecmp(l.s, "source", 6) == 0) ||
			    (kl == 11 && strncasecmp(l.s, "publication", 11) == 0) ||
			    (kl == 4 && strncasecmp(l.s, "site", 4) == 0)) &&
			   vl) {
			b->source = tk_text_clean(d->arena, v, vl, &err);
		}
		if (err)
			return err;
	}
	return TK_OK; /* unterminated: treat as text */
}

static int tk_md_rule(const struct tk_line *l)
{
	size_t i, cnt = 0;
	char c;
	if (l->n < 3)
		return 0;
	c = l->s[0];
	if (c != '-' && c != '*' && c != '_' && c != '=')
		return 0;
	for (i = 0; i < l->n; i++) {
		if (l->s[i] == c)
			cnt++;
		else if (l->s[i] != ' ')
			return 0;
	}
	return cnt >= 3;
}

/* Strip block markers: "> ", "- ", "* ", "1. ", "#..." (returns heading level). */
static int tk_md_block(struct tk_line *l, int *list)
{
	int level = 0;
	*list = 0;
	while (l->n && l->s[0] == '>') {
		l->s++;
		l->n--;
		tk_line_trim(l);
	}
	while ((size_t)level < l->n && l->s[level] == '#')
		level++;
	if (level && level <= 6 && ((size_t)level == l->n || l->s[level] == ' ')) {
		l->s += level;
		l->n -= (size_t)level;
		tk_line_trim(l);
		while (l->n && l->s[l->n - 1] == '#')
			l->n--;
		tk_line_trim(l);
		return level;
	}
	if (l->n >= 2 && (l->s[0] == '-' || l->s[0] == '*' || l->s[0] == '+') && l->s[1] == ' ') {
		l->s += 2;
		l->n -= 2;
		*list = 1;
	} else {
		size_t i = 0;
		while (i < l->n && i < 3 && l->s[i] >= '0' && l->s[i] <= '9')
			i++;
		if (i && i + 1 < l->n && (l->s[i] == '.' || l->s[i] == ')') && l->s[i + 1] == ' ') {
			l->s += i + 2;
			l->n -= i + 2;
			*list = 1;
		}
	}
	tk_line_trim(l);
	return 0;
}

/* Body assembly shared by txt and md: blank-line blocks, and inside a block
 * lines joined when the text is hard-wrapped. */
static int tk_parse_lines(struct tk_doc *d, struct tk_line *lines, size_t nl, size_t first,
			  int md_mode, struct tk_art_build *b)
{
	size_t i, maxlen = 0, multi = 0, prevblank = 1, work = 0;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int err = TK_OK, wrapped, fence = 0;

	for (i = first; i < nl; i++) {
		if (lines[i].n > maxlen)
			maxlen = lines[i].n;
		if (!tk_line_blank(&lines[i]) && !prevblank)
			multi++;
		prevblank = tk_line_blank(&lines[i]);
	}
	/* hard-wrapped text: long lines of similar width (not one line per paragraph) */
	wrapped = maxlen >= 50 && maxlen <= 100 && multi > 0;

	for (i = first; i <= nl; i++) {
		struct tk_line l = i < nl ? lines[i] : (struct tk_line){"", 0};
		int list = 0, heading = 0, brk;

		if (i < nl && !fence && tk_line_ends_body(&l) && b->n > 0) {
			/* flush what we have and stop: contacts and boilerplate follow */
			if (len > 0)
				err = tk_build_para(d, b, buf, len);
			goto out;
		}
		if (md_mode && l.n >= 3 &&
		    (strncmp(l.s, "```", 3) == 0 || strncmp(l.s, "~~~", 3) == 0)) {
			fence = !fence;
			l.n = 0;
		} else if (fence) {
			continue;
		}
		if (md_mode && l.n) {
			if (tk_md_rule(&l))
				l.n = 0;
			else if (l.s[0] == '[' && memchr(l.s, ']', l.n) &&
				 ((const char *)memchr(l.s, ']', l.n))[1] == ':')
				continue; /* link reference definition */
			else if (l.s[0] == '|' && memchr(l.s, '-', l.n) &&
				 !memchr(l.s, ' ', l.n > 6 ? 6 : l.n))
				continue;
			else
				heading = tk_md_block(&l, &list);
		}
		/* does this line start a new paragraph? */
		brk = tk_line_blank(&l) || heading || list || i == nl;
		if (!brk && len > 0) {
			struct tk_line prev = {buf, len};
			if (md_mode) {
				brk = 0;
			} else if (wrapped) {
				brk = tk_line_terminal(&prev) && !tk_line_starts_lower(&l) &&
				      i > 0 && lines[i - 1].n < maxlen * 6 / 10;
				if (tk_line_terminal(&prev) && !tk_line_starts_lower(&l) && i > 0 &&
				    lines[i - 1].n < maxlen * 8 / 10)
					brk = 1;
			} else {
				brk = !tk_line_starts_lower(&l) || tk_line_terminal(&prev);
			}
		}
		if (brk && len > 0) {
			err = tk_build_para(d, b, buf, len);
			if (err)
				goto out;
			len = 0;
		}
		if (heading) {
			if (heading == 1 && !b->headline) {
				b->headline = tk_build_title(d, l.s, l.n, NULL, 0, &err);
				if (err)
					goto out;
			}
			continue; /* subheads are not body text */
		}
		if (tk_line_blank(&l))
			continue;
		if (len + l.n + 2 > cap) {
			size_t nc = (len + l.n + 2) * 2;
			char *nb = tk_realloc(buf, nc);
			if (!nb) {
				err = TK_ENOMEM;
				goto out;
			}
			buf = nb;
			cap = nc;
		}
		if (len)
			buf[len++] = ' ';
		if (md_mode) {
			len += tk_md_inline(l.s, l.n, buf + len, &work);
		} else {
			memcpy(buf + len, l.s, l.n);
			len += l.n;
		}
	}
out:
	tk_free(buf);
	return err;
}

static int tk_md_parse(struct tk_doc *d, char *text, size_t len)
{
	struct tk_art_build b = {0};
	struct tk_line *lines = NULL;
	size_t nl = 0, i, first = 0;
	int err = TK_OK;

	err = tk_split_lines(text, len, &lines, &nl);
	if (err)
		goto out;
	for (i = 0; i < nl; i++)
		while (lines[i].n &&
		       (lines[i].s[lines[i].n - 1] == ' ' || lines[i].s[lines[i].n - 1] == '\t'))
			lines[i].n--;
	err = tk_md_front_matter(d, &b, lines, nl, &first);
	if (err)
		goto out;
	/* Setext headline: "Title\n=====" */
	while (first < nl && tk_line_blank(&lines[first]))
		first++;
	if (!b.headline && first + 1 < nl && lines[first + 1].n >= 3 &&
	    lines[first + 1].s[0] == '=' && tk_md_rule(&lines[first + 1])) {
		char *tmp = tk_malloc(lines[first].n + 1);
		size_t work = 0;
		if (!tmp) {
			err = TK_ENOMEM;
			goto out;
		}
		size_t tl = tk_md_inline(lines[first].s, lines[first].n, tmp, &work);
		b.headline = tk_build_title(d, tmp, tl, NULL, 0, &err);
		tk_free(tmp);
		if (err)
			goto out;
		first += 2;
	}
	err = tk_parse_lines(d, lines, nl, first, 1, &b);
	if (err)
		goto out;
	if (!b.headline && b.n > 0 && strlen(b.paras[0]) <= TK_HEADLINE_MAX) {
		/* no heading: the first paragraph is the headline, as in .txt */
		b.headline = b.paras[0];
		memmove(b.paras, b.paras + 1, (b.n - 1) * sizeof *b.paras);
		b.n--;
	}
	if (b.n > 0 && !b.date) {
		/* a date line right under the headline */
		char date[11];
		size_t st, l0 = strlen(b.paras[0]), end = tk_date_find(b.paras[0], l0, date, &st);
		if (end && l0 - (end - 1 - st) <= 24) {
			b.date = tk_arena_strndup(d->arena, date, 10);
			if (!b.date) {
				err = TK_ENOMEM;
				goto out;
			}
			memmove(b.paras, b.paras + 1, (b.n - 1) * sizeof *b.paras);
			b.n--;
		}
	}
	err = tk_dateline(d, &b);
	if (!err)
		err = tk_build_finish(d, &b);
out:
	tk_build_release(&b);
	tk_free(lines);
	return err;
}

/* ---- sniffing ---- */

static const char *tk_magic(const unsigned char *b, size_t n)
{
	static const struct {
		const char *magic;
		size_t len, off;
		const char *what;
	} tab[] = {
	    {"\x89PNG", 4, 0, "binary file (PNG image)"},
	    {"\xFF\xD8\xFF", 3, 0, "binary file (JPEG image)"},
	    {"GIF8", 4, 0, "binary file (GIF image)"},
	    {"%PDF", 4, 0, "binary file (PDF document)"},
	    {"PK\x03\x04", 4, 0, "binary file (ZIP archive or Office document)"},
	    {"\x1F\x8B", 2, 0, "binary file (gzip archive)"},
	    {"\x7F"
	     "ELF",
	     4, 0, "binary file (program)"},
	    {"\xD0\xCF\x11\xE0", 4, 0, "binary file (old Word/Office document)"},
	    {"RIFF", 4, 0, "binary file (RIFF media)"},
	    {"ID3", 3, 0, "binary file (MP3 audio)"},
	    {"OggS", 4, 0, "binary file (Ogg media)"},
	    {"ftyp", 4, 4, "binary file (MP4/QuickTime video)"},
	    {"SQLite format 3", 15, 0, "binary file (SQLite database)"},
	    {"7z\xBC\xAF", 4, 0, "binary file (7-Zip archive)"},
	    {"Rar!", 4, 0, "binary file (RAR archive)"},
	    {"BZh", 3, 0, "binary file (bzip2 archive)"},
	    {"\xFD"
	     "7zXZ",
	     5, 0, "binary file (xz archive)"},
	    {"II*\x00", 4, 0, "binary file (TIFF image)"},
	    {"MM\x00*", 4, 0, "binary file (TIFF image)"},
	    {"wOFF", 4, 0, "binary file (web font)"},
	    {"\x00\x01\x00\x00", 4, 0, "binary file (font)"},
	};
	size_t i;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (n >= tab[i].off + tab[i].len &&
		    memcmp(b + tab[i].off, tab[i].magic, tab[i].len) == 0)
			return tab[i].what;
	return NULL;
}

/* Binary if it has NUL bytes or many control characters (UTF-16 excepted). */
static int tk_looks_binary(const unsigned char *b, size_t n)
{
	size_t lim = n < 8192 ? n : 8192, i, ctl = 0;

	if (memchr(b, 0, n))
		return 1;
	for (i = 0; i < lim; i++)
		if (b[i] < 0x20 && b[i] != '\n' && b[i] != '\r' && b[i] != '\t' && b[i] != '\f' &&
		    b[i] != 0x1B)
			ctl++;
	return ctl * 50 > lim; /* over 2 % */
}

static int tk_name_ext(const char *name, const char *ext)
{
	size_t nl, el;
	if (!name)
		return 0;
	nl = strlen(name);
	el = strlen(ext);
	return nl > el && name[nl - el - 1] == '.' && strcasecmp(name + nl - el, ext) == 0;
}

static const char *tk_find_ci(const char *s, size_t n, const char *needle)
{
	size_t l = strlen(needle), i;

	if (l > n)
		return NULL;
	/* needles starting with a non-letter ("<rss"): jump with memchr */
	if (l && !((needle[0] | 0x20) >= 'a' && (needle[0] | 0x20) <= 'z')) {
		const char *q = s, *end = s + n - l + 1;
		while (q < end && (q = memchr(q, needle[0], (size_t)(end - q))) != NULL) {
			if (strncasecmp(q, needle, l) == 0)
				return q;
			q++;
		}
		return NULL;
	}
	for (i = 0; i + l <= n; i++)
		if (tk_ascii_lower((unsigned char)s[i]) == needle[0] &&
		    strncasecmp(s + i, needle, l) == 0)
			return s + i;
	return NULL;
}

static enum tk_format tk_sniff_format(const char *s, size_t n, const char *name)
{
	size_t i = 0, head;

	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
		i++;
	head = n - i < 4096 ? n - i : 4096;
	if (i < n && s[i] == '<') {
		const char *h = s + i;
		const char *rss = tk_find_ci(h, head, "<rss");
		const char *rdf = tk_find_ci(h, head, "<rdf:rdf");
		const char *feed = tk_find_ci(h, head, "<feed");
		const char *html = tk_find_ci(h, head, "<html");
		if (!html)
			html = tk_find_ci(h, head, "<body");
		if (feed && (!html || feed < html) && (!rss || feed < rss))
			return TK_FMT_ATOM;
		if ((rss || rdf) && (!html || (rss ? rss : rdf) < html))
			return TK_FMT_RSS;
		return TK_FMT_HTML;
	}
	if (n - i >= 4 && strncmp(s + i, "---\n", 4) == 0)
		return TK_FMT_MD;
	if (n - i >= 2 && s[i] == '#' && (s[i + 1] == ' ' || s[i + 1] == '#'))
		return TK_FMT_MD;
	if (tk_name_ext(name, "md") || tk_name_ext(name, "markdown"))
		return TK_FMT_MD;
	if (tk_name_ext(name, "html") || tk_name_ext(name, "htm") || tk_name_ext(name, "xhtml")) {
		/* an HTML name on tag soup that does not start with '<' */
		if (tk_find_ci(s + i, head, "<p") || tk_find_ci(s + i, head, "<div") ||
		    tk_find_ci(s + i, head, "<br"))
			return TK_FMT_HTML;
	}
	return TK_FMT_TXT;
}

int tk_doc_parse(const void *bytes, size_t len, const char *name, const struct tk_read_opts *opts,
		 struct tk_doc **out, const char **reason)
{
	const unsigned char *b = bytes;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : TK_READ_MAX_DEFAULT;
	struct tk_doc *d = NULL;
	struct tk_enc_guess g;
	char declared[32];
	char *text = NULL;
	size_t tlen = 0, i;
	const char *why = NULL, *magic;
	int err = TK_OK;

	*out = NULL;
	if (len == 0) {
		err = TK_ENOTEXT;
		why = "empty file";
		goto out;
	}
	if (len > max) {
		err = TK_ETOOBIG;
		why = "file larger than the size limit";
		goto out;
	}
	if ((magic = tk_magic(b, len))) {
		err = TK_ENOTEXT;
		why = magic;
		goto out;
	}
	if (len >= 5 && memcmp(b, "{\\rtf", 5) == 0) {
		err = TK_EUNSUPP;
		why = "RTF document (save it as plain text or HTML)";
		goto out;
	}
	tk_text_sniff(b, len,
		      tk_text_declared_charset(b, len, declared, sizeof declared) ? declared : NULL,
		      &g);
	if (g.enc != TK_ENC_UTF16LE && g.enc != TK_ENC_UTF16BE && tk_looks_binary(b, len)) {
		err = TK_ENOTEXT;
		why = "binary file";
		goto out;
	}
	d = tk_calloc(1, sizeof *d);
	if (!d)
		goto nomem;
	err = tk_arena_create(&d->arena);
	if (err)
		goto nomem;
	err = tk_text_decode(b, len, &g, d->arena, &text, &tlen);
	if (err == TK_EUNSUPP) {
		/* unknown declared charset: the most likely truth for Western text */
		g.enc = TK_ENC_CP1252;
		strcpy(g.name, "windows-1252");
		err = tk_text_decode(b, len, &g, d->arena, &text, &tlen);
	}
	if (err)
		goto nomem;
	memcpy(d->enc, g.name, sizeof d->enc);
	for (i = 0; i < tlen; i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t')
			break;
	if (i == tlen) {
		err = TK_ENOTEXT;
		why = "file has only whitespace";
		goto out;
	}
	d->fmt = tk_sniff_format(text, tlen, name);
	switch (d->fmt) {
	case TK_FMT_TXT:
		err = tk_txt_parse(d, text, tlen);
		break;
	case TK_FMT_MD:
		err = tk_md_parse(d, text, tlen);
		break;
	case TK_FMT_HTML:
		err = tk_html_parse_doc(d, text, tlen, &why);
		break;
	case TK_FMT_RSS:
	case TK_FMT_ATOM:
		err = tk_feed_parse(d, text, tlen, &why);
		break;
	}
	if (err) {
		if (!why)
			why = err == TK_ENOMEM ? "out of memory" : "unreadable file";
		goto out;
	}
	if (d->n == 0) {
		err = TK_ENOTEXT;
		why = why					      ? why
		      : d->fmt == TK_FMT_RSS || d->fmt == TK_FMT_ATOM ? "feed has no articles"
								      : "no text found";
		goto out;
	}
	*out = d;
	d = NULL;
	goto out;
nomem:
	err = TK_ENOMEM;
	why = "out of memory";
out:
	tk_doc_free(d);
	if (reason)
		*reason = why;
	return err;
}
