/* Take-down (issue 13.8): a REMOVE.txt on a stick names articles to take off
 * the screen at once, without replacing the rest. One line per article: the
 * cache name as the report shows it ("news - budget.txt"), the stick path
 * ("news/budget.txt" or "news\budget.txt") or a headline (exact, without
 * regard to case). Blank lines and lines starting with '#' are ignored.
 * Whether a stick may use it is import.c's decision (like CLEAR). */
#ifndef TK_TAKEDOWN_H
#define TK_TAKEDOWN_H

#include <stddef.h>

struct tk_cache;

/* One outcome per line of REMOVE.txt: removed (name is the cache name taken
 * off) or not (name is the line as written, why says why). */
typedef void (*tk_takedown_fn)(void *ctx, int line, int removed, const char *name, const char *why);

/* Carry out the lines of text against the cache c (open and locked). Each
 * removal needs no free space and bumps .generation. max_file_bytes bounds
 * the articles read to match headlines. *removed (may be NULL) gets the
 * count. Returns TK_OK, TK_EIO or TK_ENOMEM (the removals done so far stay). */
int tk_takedown_apply(struct tk_cache *c, const char *text, size_t len, size_t max_file_bytes,
		      tk_takedown_fn report, void *ctx, size_t *removed);

/* The cached article a REMOVE.txt line names (by name, stick path, then
 * headline), borrowed until the cache changes; NULL if none. */
const char *tk_takedown_find(struct tk_cache *c, const char *line, size_t max_file_bytes);

#endif
