/* Allocation wrappers and arenas. The failure hook lets tests fail the N-th
 * allocation and check that every error path frees what it took. */
#include <libxml/xmlmemory.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

/* Process-wide by design: the hook must reach allocations made deep inside
 * libraries (libxml2) that cannot be handed a context. */
static atomic_long tk_mem_countdown;
static atomic_ulong tk_mem_allocs;
static atomic_int tk_mem_did_fail;

static int tk_mem_should_fail(void)
{
	atomic_fetch_add(&tk_mem_allocs, 1);
	if (atomic_load(&tk_mem_countdown) <= 0)
		return 0;
	if (atomic_load(&tk_mem_countdown) == 1) {
		atomic_store(&tk_mem_did_fail, 1);
		return 1; /* stays at 1: every later allocation fails too */
	}
	atomic_fetch_sub(&tk_mem_countdown, 1);
	return 0;
}

void tk_mem_fail_at(long n)
{
	atomic_store(&tk_mem_countdown, n > 0 ? n : 0);
	atomic_store(&tk_mem_did_fail, 0);
}

int tk_mem_failed(void)
{
	return atomic_load(&tk_mem_did_fail);
}

unsigned long tk_mem_count(void)
{
	return atomic_load(&tk_mem_allocs);
}

void *tk_malloc(size_t n)
{
	return tk_mem_should_fail() ? NULL : malloc(n ? n : 1);
}

void *tk_calloc(size_t n, size_t size)
{
	return tk_mem_should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *tk_realloc(void *p, size_t n)
{
	return tk_mem_should_fail() ? NULL : realloc(p, n ? n : 1);
}

void tk_free(void *p)
{
	free(p);
}

char *tk_strndup(const char *s, size_t n)
{
	char *d = tk_malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *tk_strdup(const char *s)
{
	return tk_strndup(s, strlen(s));
}

static char *tk_xml_strdup(const char *s)
{
	return tk_strdup(s);
}

void tk_mem_init(void)
{
	xmlMemSetup(tk_free, tk_malloc, tk_realloc, tk_xml_strdup);
}

/* Arena: a chain of blocks; big requests get a block of their own. */
struct tk_arena_block {
	struct tk_arena_block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct tk_arena {
	struct tk_arena_block *head;
	size_t total;
	size_t block; /* bytes per block */
};

#if !defined(TK_ARENA_BLOCK)
#define TK_ARENA_BLOCK (16 * 1024)
#endif

int tk_arena_create(struct tk_arena **out)
{
	return tk_arena_create_blocks(TK_ARENA_BLOCK, out);
}

int tk_arena_create_blocks(size_t block, struct tk_arena **out)
{
	struct tk_arena *a = tk_calloc(1, sizeof *a);

	*out = a;
	if (!a)
		return TK_ENOMEM;
	a->block = block ? block : TK_ARENA_BLOCK;
	return TK_OK;
}

void tk_arena_destroy(struct tk_arena *a)
{
	if (!a)
		return;
	for (struct tk_arena_block *b = a->head, *next; b; b = next) {
		next = b->next;
		tk_free(b);
	}
	tk_free(a);
}

void *tk_arena_alloc(struct tk_arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	struct tk_arena_block *b = a->head;
	size_t off;

	if (n > SIZE_MAX / 2)
		return NULL;
	n = n ? n : 1;
	off = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || off + n > b->size) {
		size_t size = n > a->block / 4 ? n : a->block;
		struct tk_arena_block *nb = tk_malloc(sizeof *nb + size);

		if (!nb)
			return NULL;
		nb->size = size;
		nb->used = 0;
		if (b && size == n && b->size - b->used > n / 2) {
			/* Oversized request: keep filling the current block afterwards. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
		off = 0;
	}
	b->used = off + n;
	a->total += n;
	return b->data + off;
}

char *tk_arena_strndup(struct tk_arena *a, const char *s, size_t n)
{
	char *d = tk_arena_alloc(a, n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

size_t tk_arena_used(const struct tk_arena *a)
{
	return a->total;
}
