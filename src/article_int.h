/* Internals of article.c (plain text and Markdown) that its tests reach.
 * Not part of the public API. */
#ifndef TK_ARTICLE_INT_H
#define TK_ARTICLE_INT_H

#include <stddef.h>

/* Strip inline Markdown (emphasis, links, images, inline tags, escapes) from
 * s[0..n) into buf (at least n+1 bytes); returns the length written. Adds the
 * bytes it examined to *work, so tests can prove the work is linear in n. */
size_t tk_md_inline(const char *s, size_t n, char *buf, size_t *work);

#endif
