/* Internals shared by the article reader's format modules (article.c,
 * article_html.c, article_feed.c). Not part of the public API. */
#ifndef TK_ARTICLE_INT_H
#define TK_ARTICLE_INT_H

#include <stddef.h>

#include "article.h"

struct tk_arena;

struct tk_doc {
	struct tk_arena *arena;
	enum tk_format fmt;
	char enc[32];
	struct tk_article *arts; /* tk_malloc'd array */
	size_t n, cap;
};

/* One article being assembled: paragraphs collect in a growable array and
 * are copied into the arena when the article is finished. */
struct tk_art_build {
	const char *headline, *date, *source;
	const char
	    *lang; /* declared language (HTML lang, feed language) or NULL; static or arena */
	const char **paras;
	size_t n, cap;
	size_t chars; /* text bytes so far, for the "densest" heuristics */
};

/* Clean s[0..n) (whitespace, NFC) and append it as a paragraph unless it is
 * empty or pure boilerplate ("Read more", "(More details)" at the end is cut).
 * Returns TK_OK or TK_ENOMEM. */
int tk_build_para(struct tk_doc *d, struct tk_art_build *b, const char *s, size_t n);
/* Finish b into a new article of d (a headline is derived from the body when
 * missing; an article with neither is dropped). Resets b. TK_OK/TK_ENOMEM. */
int tk_build_finish(struct tk_doc *d, struct tk_art_build *b);
/* A language tag as declared ("en-GB", "de", "fr_FR") reduced to a static
 * two-letter code for the languages extraction knows, or NULL. */
const char *tk_lang_code(const char *tag);
void tk_build_release(struct tk_art_build *b);
/* A cleaned arena copy of a title: whitespace, NFC, and site suffixes
 * (" | Coastal Daily") removed when they match source or look like one.
 * strip_suffix = 0 keeps the text as is. NULL when empty or out of memory
 * (*err tells). */
const char *tk_build_title(struct tk_doc *d, const char *s, size_t n, const char *source,
			   int strip_suffix, int *err);

/* Parse a date written in one of the common ways (ISO 8601, RFC 822,
 * "March 10, 2026", "10 March 2026", "10. März 2026", "10 mars 2026",
 * "10 de marzo de 2026") somewhere in s[0..n); writes "YYYY-MM-DD".
 * Returns the offset just past the date + 1 (so 0 means none found) and
 * *start the offset where it begins. */
size_t tk_date_find(const char *s, size_t n, char out[11], size_t *start);

/* Month number 1..12 of a month name or abbreviation (en/fr/de/es), else 0. */
int tk_month_name(const char *w, size_t n);

/* Strip inline Markdown (emphasis, links, images, inline tags, escapes) from
 * s[0..n) into buf (at least n+1 bytes); returns the length written. Adds the
 * bytes it examined to *work, so tests can prove the work is linear in n. */
size_t tk_md_inline(const char *s, size_t n, char *buf, size_t *work);

int tk_html_parse_doc(struct tk_doc *d, const char *s, size_t n, const char **reason);
/* Paragraphs of an HTML fragment (feed content) appended to b. */
int tk_html_fragment(struct tk_doc *d, struct tk_art_build *b, const char *s, size_t n);
/* Plain text of an HTML fragment (titles with markup), arena copy, cleaned. */
const char *tk_html_inline_text(struct tk_doc *d, const char *s, size_t n, int *err);
int tk_feed_parse(struct tk_doc *d, const char *s, size_t n, const char **reason);

#endif
