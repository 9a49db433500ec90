/* Playlist: what the display cycles through, built from a cache directory
 * (every regular file not starting with '.', parsed and extracted), newest
 * article first. Immutable once built and reference-counted, so the loader
 * thread can build the next one while the renderer still reads the current. */
#ifndef TK_PLAYLIST_H
#define TK_PLAYLIST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "extract.h"

struct tk_pl_item {
	enum tk_item_kind kind;
	const char *text;    /* never NULL */
	const char *speaker; /* quotes, or NULL */
	const char *role;    /* quotes, or NULL */
	const char *figure;  /* figures: the number as written, or NULL */
	const char *caption; /* figures, or NULL */
	size_t article;	     /* index of its article */
};

struct tk_pl_article {
	const char *headline;
	const char *source;  /* or NULL */
	int64_t when;	     /* unix seconds: article date, else file mtime */
	size_t first, count; /* its items: items[first .. first+count) */
	long quote, figure;  /* index into items of the best quote / figure, or -1 */
};

struct tk_playlist {
	uint64_t generation;
	size_t n_articles, n_items;
	const struct tk_pl_article *articles;
	const struct tk_pl_item *items;
	size_t files_read, files_refused;
};

struct tk_playlist_opts {
	size_t max_file_bytes;	   /* larger files are refused */
	struct tk_extract_opts xo; /* quotes and figures per article (0 = none) */
	size_t max_articles;	   /* keep the newest N; 0 = no limit */
};

struct tk_config;
/* The playlist options the configuration asks for (the one place the display
 * turns configuration into them). */
void tk_playlist_opts_from_config(const struct tk_config *cfg, struct tk_playlist_opts *out);

/* Empty playlist to fill with tk_playlist_add (tests, generated content).
 * Returns TK_OK or TK_ENOMEM; release with tk_playlist_unref. */
int tk_playlist_create(struct tk_playlist **out);

/* Append one article and copies of its items (item strings are copied;
 * the article and item pointers need only live during the call). */
int tk_playlist_add(struct tk_playlist *pl, const char *headline, const char *source, int64_t when,
		    const struct tk_item *items, size_t n);

/* Sort articles newest first (ties by insertion order) and renumber items. */
int tk_playlist_sort(struct tk_playlist *pl);

/* Read every article file of dir into a new playlist, sorted. Files that do
 * not parse are counted in files_refused and skipped. generation is stored
 * as given. Returns TK_OK, TK_ENOENT (dir missing), TK_EIO, TK_ENOMEM. */
int tk_playlist_load(const char *dir, const struct tk_playlist_opts *opts, uint64_t generation,
		     struct tk_playlist **out);

/* Reference counting (atomic): a new playlist has one reference. */
struct tk_playlist *tk_playlist_ref(struct tk_playlist *pl);
void tk_playlist_unref(struct tk_playlist *pl);

/* <dir>/.generation as a number; 0 when absent or unreadable. */
uint64_t tk_playlist_generation(const char *dir);

/* Read <dir>/<name> (".status" or ".urgent"): line 1 the unix expiry time,
 * then the text (for .status one line). Returns 1 and fills text (always
 * NUL-terminated, newlines of the message kept for .urgent) when present and
 * not expired at now, else 0. */
int tk_playlist_notice(const char *dir, const char *name, int64_t now, char *text, size_t size);

#endif
