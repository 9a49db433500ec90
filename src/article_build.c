/* Article assembly shared by the reader's format modules (article.c for text
 * and Markdown, article_html.c, article_feed.c): paragraphs cleaned and
 * screened for page furniture, headlines derived or de-suffixed, languages
 * named or guessed, finished articles appended to the document. */
#include <string.h>
#include <strings.h>

#include "article_build.h"
#include "buf.h"
#include "date.h"
#include "err.h"
#include "langid.h"
#include "mem.h"
#include "text.h"

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
		if (tk_ascii_starts_ci(p, short_prefixes[i]))
			return 1;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (tk_ascii_starts_ci(p, prefixes[i]))
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
	if (tk_buf_grow(&b->paras, &b->cap, b->n, sizeof *b->paras, 16))
		return TK_ENOMEM;
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
		cut = tk_utf8_boundary(p, cut); /* don't split a UTF-8 sequence */
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
			while (p[i] && p[i] != ' ')
				i++;
			if (i - s < 8) { /* the longest word is 5 bytes */
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					int c = tk_ascii_cmp_lower(p + s, i - s, words[mid].w);
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

/* The language of an undeclared article: libexttextcat on its first
 * kilobyte when the reader was given a classifier, else (or when it is
 * unsure) the short-word count. */
static const char *tk_lang_detect(const struct tk_doc *d, const char *const *paras, size_t n)
{
	char buf[TK_LANGID_BYTES + 1];
	size_t used = 0, pi, l;
	const char *lang = NULL;
	char code[3];

	for (pi = 0; d->langid && pi < n && used < TK_LANGID_BYTES; pi++) {
		l = strlen(paras[pi]);
		if (l > TK_LANGID_BYTES - used) {
			l = TK_LANGID_BYTES - used;
			while (l > 0 && ((unsigned char)paras[pi][l] & 0xC0) == 0x80)
				l--; /* never half a character */
		}
		memcpy(buf + used, paras[pi], l);
		used += l;
		if (used < TK_LANGID_BYTES)
			buf[used++] = '\n';
	}
	if (used && tk_langid_guess(d->langid, buf, used, code))
		lang = tk_lang_code(code); /* NULL for a language extraction does not know */
	return lang ? lang : tk_lang_guess(paras, n);
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
	err = tk_buf_grow(&d->arts, &d->cap, d->n, sizeof *d->arts, 4);
	if (err)
		goto out;
	a = &d->arts[d->n++];
	a->headline = b->headline;
	a->date = b->date;
	a->source = b->source;
	a->paras = (const char *const *)paras;
	a->n_paras = b->n;
	a->lang = b->lang ? b->lang : tk_lang_detect(d, a->paras, a->n_paras);
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

int tk_build_date(struct tk_doc *d, struct tk_art_build *b, const char *s)
{
	char date[11];
	size_t st;

	if (!s || b->date)
		return TK_OK;
	if (tk_date_find(s, strlen(s) < 200 ? strlen(s) : 200, date, &st)) {
		b->date = tk_arena_strndup(d->arena, date, 10);
		if (!b->date)
			return TK_ENOMEM;
	}
	return TK_OK;
}
