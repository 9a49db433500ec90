/* HTML for the article reader (article_html.c): whole pages, and the HTML
 * fragments feeds carry. Internal to the reader. */
#ifndef TK_ARTICLE_HTML_H
#define TK_ARTICLE_HTML_H

#include <stddef.h>

struct tk_doc;
struct tk_art_build;

/* Parse an HTML page into one article of d. TK_OK, or an error with *reason
 * a static one-line explanation. */
int tk_html_parse_doc(struct tk_doc *d, const char *s, size_t n, const char **reason);
/* Paragraphs of an HTML fragment (feed content) appended to b. */
int tk_html_fragment(struct tk_doc *d, struct tk_art_build *b, const char *s, size_t n);
/* Plain text of an HTML fragment (titles with markup), arena copy, cleaned. */
const char *tk_html_inline_text(struct tk_doc *d, const char *s, size_t n, int *err);

#endif
