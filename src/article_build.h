/* Article assembly shared by the reader's format modules (article.c,
 * article_html.c, article_feed.c): the document under construction and the
 * article being built. Internal to the reader; not part of the public API. */
#ifndef TK_ARTICLE_BUILD_H
#define TK_ARTICLE_BUILD_H

#include <stddef.h>

#include "article.h"

struct tk_arena;

struct tk_doc {
	struct tk_arena *arena;
	enum tk_format fmt;
	char enc[32];
	struct tk_article *arts; /* tk_malloc'd array */
	size_t n, cap;
	struct tk_langid *langid; /* borrowed from tk_read_opts, or NULL */
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
/* Set b's date from the first date written in the first 200 bytes of s (a
 * meta tag, a feed's pubDate), unless b has one or s is NULL. TK_OK/TK_ENOMEM. */
int tk_build_date(struct tk_doc *d, struct tk_art_build *b, const char *s);

#endif
