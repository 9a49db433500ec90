/* Allocation wrappers with a test hook that fails the N-th allocation, and
 * an arena that owns all strings of one parsed document. */
#ifndef TK_MEM_H
#define TK_MEM_H

#include <stddef.h>

/* Like malloc/calloc/realloc/free, but fail on demand (see tk_mem_fail_at). */
void *tk_malloc(size_t n);
void *tk_calloc(size_t n, size_t size);
void *tk_realloc(void *p, size_t n);
void tk_free(void *p);
char *tk_strdup(const char *s);
char *tk_strndup(const char *s, size_t n);

/* Route libxml2's allocations through the wrappers above. Call once at start,
 * before any other libxml2 call. */
void tk_mem_init(void);

/* Test hook: make the n-th allocation from now fail (n >= 1), and every one
 * after it until reset; n = 0 turns failures off. */
void tk_mem_fail_at(long n);
/* Total number of allocations made through the wrappers (for benchmarks). */
unsigned long tk_mem_count(void);
/* True once an injected failure has happened since the last tk_mem_fail_at. */
int tk_mem_failed(void);

/* Arena: bump allocator; everything is released by tk_arena_destroy. */
struct tk_arena;

/* Create an arena. Returns TK_OK or TK_ENOMEM. Caller destroys it. */
int tk_arena_create(struct tk_arena **out);
/* The same with blocks of `block` bytes (0 = the default): large blocks are
 * mmapped by malloc and go back to the system as soon as the arena goes. */
int tk_arena_create_blocks(size_t block, struct tk_arena **out);
void tk_arena_destroy(struct tk_arena *a);
/* n bytes aligned for any type; NULL when out of memory. Lives as long as a. */
void *tk_arena_alloc(struct tk_arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL; NULL when out of memory. */
char *tk_arena_strndup(struct tk_arena *a, const char *s, size_t n);
/* Bytes handed out so far (for limits and benchmarks). */
size_t tk_arena_used(const struct tk_arena *a);

#endif
