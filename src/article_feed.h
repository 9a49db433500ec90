/* RSS and Atom feeds for the article reader (article_feed.c). Internal. */
#ifndef TK_ARTICLE_FEED_H
#define TK_ARTICLE_FEED_H

#include <stddef.h>

struct tk_doc;

/* Parse a feed into one article of d per item or entry. TK_OK, or an error
 * with *reason a static one-line explanation. */
int tk_feed_parse(struct tk_doc *d, const char *s, size_t n, const char **reason);

#endif
