/* Playlist: what the display cycles through, built from the records of a
 * cache (record.h, recstore.h) and never from article bytes when the cache has
 * a record index; from a plain directory of articles (snapshot --cache DIR)
 * the records are built in memory. Newest article first, bounded by the caps
 * below whatever the cache holds. Immutable once built and reference-counted, so the loader
 * thread can build the next one while the renderer still reads the current. */
#ifndef TK_PLAYLIST_H
#define TK_PLAYLIST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "extract.h"
#include "record.h"

/* Caps per playlist (the oldest articles are left out beyond them). */
#if !defined(TK_PLAYLIST_MAX_ARTICLES)
#define TK_PLAYLIST_MAX_ARTICLES 20000
#endif
#if !defined(TK_PLAYLIST_MAX_TEXT_BYTES)
#define TK_PLAYLIST_MAX_TEXT_BYTES (16u << 20) /* strings of all items */
#endif
#if !defined(TK_PLAYLIST_MAX_INDEX_BYTES)
#define TK_PLAYLIST_MAX_INDEX_BYTES (16u << 20) /* a longer record index is refused */
#endif

struct tk_logo;

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
	long source_rec;     /* internal: the record it came from, or -1 */
	size_t words;	     /* words its card shows, for reading time (cardtime.h) */
};

struct tk_playlist {
	uint64_t generation;
	size_t n_articles, n_items;
	const struct tk_pl_article *articles;
	const struct tk_pl_item *items;
	size_t files_read, files_refused;
	size_t files_reused; /* records taken over from the previous playlist unread */
	size_t text_bytes;   /* bytes of all strings (capped: TK_PLAYLIST_MAX_TEXT_BYTES) */
	uint64_t records_id; /* tk_playlist_records_id of the index it was read from, or 0 */
	int no_records;	     /* a cache without a (valid) record index: shown empty */
	/* The logo on cards and the idle screen, owned by the playlist, or NULL:
	 * from a cache its bounded pixels (TK_CACHE_LOGO, checked by
	 * tk_logo_parse), never stick bytes; from a plain directory its logo.png,
	 * validated like the import does. */
	const struct tk_logo *logo;
	uint64_t logo_id; /* tk_playlist_logo_id when it was read */
	int logo_refused; /* there was one, and it failed its checks (not shown) */
};

struct tk_playlist_opts {
	size_t max_file_bytes;	   /* larger files are refused */
	struct tk_extract_opts xo; /* quotes and figures per article (0 = none) */
	size_t max_articles;	   /* keep the newest N; 0 = no limit */
	int records_only;	   /* a directory without a record index shows nothing
				      (never parse articles: the display of a real cache) */
	char urgent_name[64];	   /* raw directories: this file is the urgent notice,
				      not an article (as on a stick); empty = none */
	int64_t now;		   /* for show dates (showdates.h); 0 = the clock */
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

/* Hand logo (may be NULL) to pl, which frees it (and any logo it had) with
 * its last reference: for playlists under construction (tests, generated
 * content); loading sets the logo itself. */
void tk_playlist_set_logo(struct tk_playlist *pl, struct tk_logo *logo);

/* Sort articles newest first (ties by insertion order) and renumber items. */
int tk_playlist_sort(struct tk_playlist *pl);

/* Append the articles of a decoded record, each with its headline, the first
 * opts->xo.max_quotes quotes and max_figures figures interleaved (opts NULL:
 * the configuration defaults); when is the
 * sort time of undated articles. Stops at the playlist caps. TK_OK/TK_ENOMEM. */
int tk_playlist_add_record(struct tk_playlist *pl, const struct tk_record *rec, int64_t when,
			   const struct tk_playlist_opts *opts);

/* A file in every cache the importer has opened (its lock, made by
 * tk_cache_open): such a directory is never parsed by the display. */
#define TK_PLAYLIST_CACHE_MARK ".lock"

/* A new playlist from dir, sorted: from <dir>/.records (index and records,
 * each validated; invalid or missing ones are counted in files_refused) when
 * the index exists; an empty one when dir is a cache (TK_PLAYLIST_CACHE_MARK)
 * without an index yet or opts->records_only; else (a plain directory of
 * articles: the demo, snapshot --cache) by reading, parsing and extracting
 * every article file of dir into in-memory records. generation is
 * stored as given. Returns TK_OK, TK_ENOENT (dir missing), TK_EIO, TK_ENOMEM. */
int tk_playlist_load(const char *dir, const struct tk_playlist_opts *opts, uint64_t generation,
		     struct tk_playlist **out);

/* Like tk_playlist_load, reusing the articles of prev (may be NULL) whose
 * record is unchanged (same name in the index, same sort time, same opts):
 * only new or changed records are read and validated, so a reload costs in
 * proportion to what changed. prev is only read. */
int tk_playlist_reload(const char *dir, const struct tk_playlist_opts *opts, uint64_t generation,
		       const struct tk_playlist *prev, struct tk_playlist **out);

/* Reference counting (atomic): a new playlist has one reference. */
struct tk_playlist *tk_playlist_ref(struct tk_playlist *pl);
void tk_playlist_unref(struct tk_playlist *pl);

/* Identity of <dir>/.records/index (inode, size, modification time), 0 when
 * there is none: a playlist read from an index with the same identity shows
 * exactly the same (the display reads nothing else), so a new generation
 * with an unchanged index needs no reload. */
uint64_t tk_playlist_records_id(const char *dir);

/* Identity of <dir>/.logo (inode, size, modification time), 0 when there is
 * none: with the record index's, what a reload would read. */
uint64_t tk_playlist_logo_id(const char *dir);

/* <dir>/.generation as a number; 0 when absent or unreadable. */
uint64_t tk_playlist_generation(const char *dir);

/* Read <dir>/<name> (".status" or ".urgent"): line 1 the unix expiry time,
 * then the text (for .status one line). Returns 1 and fills text (always
 * NUL-terminated, newlines of the message kept for .urgent) when present and
 * not expired at now, else 0. */
int tk_playlist_notice(const char *dir, const char *name, int64_t now, char *text, size_t size);

#endif
