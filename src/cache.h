/* The article cache: a directory of whole article files that the display reads
 * (format in README.md, "Cache directory"). Every change is atomic (temporary
 * file, fsync, rename, fsync of the directory) and a crash at any instant
 * leaves only whole articles. File operations go through io.h. */
#ifndef TK_CACHE_H
#define TK_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "io.h"

/* ---- the cache ---------------------------------------------------------- */
struct tk_cache;

/* State files the display reads (the contract is in README.md, "Cache
 * directory"); their names are written here only. */
#define TK_CACHE_GENERATION ".generation" /* counter, bumped after every change */
#define TK_CACHE_STATUS ".status"	  /* banner: expiry, newline, one line */
#define TK_CACHE_URGENT ".urgent"   /* urgent notice: expiry, space, shown seconds, newline, text */
#define TK_CACHE_CONFIG ".config"   /* the last valid ticker.conf from a stick */
#define TK_CACHE_SERVICE ".service" /* service notice: expiry, newline, one line */
#define TK_CACHE_LOGO ".logo"	    /* the stick's logo as bounded RGBA pixels (logo.h) */

/* One cached article file. Borrowed from the cache until its next change. */
struct tk_cache_info {
	const char *name;
	uint64_t size;
	int64_t mtime; /* unix seconds: when it was imported (or last re-supplied) */
	unsigned char sha256[32];
};

/* Open (creating the directory if missing) and lock the cache: only one
 * process changes it at a time. Finishes an interrupted REPLACE/CLEAR, removes
 * leftover temporary files and indexes the content (hashes are remembered in
 * .index and trusted while a file's size, mtime and inode are unchanged).
 * Returns TK_OK, TK_EBUSY (another import holds it), TK_ENOENT, TK_EIO or
 * TK_ENOMEM. The caller closes it with tk_cache_close. */
int tk_cache_open(const char *dir, struct tk_cache **out);
/* For the display, before it reads the cache: finish a REPLACE/CLEAR that
 * was cut short (a journal is left), so old and new articles are never shown
 * mixed. Takes the lock only when there is a journal, and only if free.
 * Returns TK_OK (also when there was nothing to do), TK_EBUSY (an import is
 * running and will finish it), TK_ENOENT, TK_EIO or TK_ENOSPC. */
int tk_cache_recover(const char *dir);
/* Discard staged files and release the lock. Accepts NULL. */
void tk_cache_close(struct tk_cache *c);

/* The directory descriptor (borrowed until close). */
int tk_cache_dirfd(const struct tk_cache *c);
size_t tk_cache_count(const struct tk_cache *c);
uint64_t tk_cache_bytes(const struct tk_cache *c);
/* The i-th article, sorted newest first (by mtime, then name). */
int tk_cache_get(const struct tk_cache *c, size_t i, struct tk_cache_info *out);

enum tk_cache_match {
	TK_CACHE_NEW,	  /* neither the name nor the content is cached */
	TK_CACHE_SAME,	  /* this content is already cached (or staged) */
	TK_CACHE_CHANGED, /* the name is cached with different content */
};
/* Classify a file about to be imported. For TK_CACHE_SAME, *holder (if not
 * NULL) is the cached or staged name holding the content (borrowed until the
 * next change of the cache). Marks a TK_CACHE_SAME entry as part of this
 * import (kept by REPLACE/CLEAR, not evicted, expiry renewed). */
enum tk_cache_match tk_cache_match(struct tk_cache *c, const char *name,
				   const unsigned char sha256[32], const char **holder);

/* Write bytes to a temporary file in the cache; it becomes visible as name
 * at tk_cache_commit, which first makes every staged file durable (syncfs). Returns TK_OK,
 * TK_ENOSPC, TK_EIO, TK_EINVAL (bad name) or TK_ENOMEM. */
int tk_cache_stage(struct tk_cache *c, const char *name, const void *bytes, size_t len,
		   const unsigned char sha256[32]);
/* Number and bytes of the articles staged or matched in this import. */
size_t tk_cache_touched_count(const struct tk_cache *c);
uint64_t tk_cache_touched_bytes(const struct tk_cache *c);

enum tk_cache_mode { TK_CACHE_MERGE, TK_CACHE_REPLACE };
struct tk_cache_limits {
	long max_articles; /* <= 0: no limit */
	long max_bytes;	   /* <= 0: no limit */
	long expire_days;  /* 0: never */
	int64_t now;	   /* unix seconds */
};
struct tk_cache_changes {
	size_t added;	/* staged files that became visible */
	size_t removed; /* removed by REPLACE/CLEAR */
	size_t evicted; /* removed to stay within the limits */
	size_t expired; /* removed for age */
	int replaced;	/* REPLACE: the new set is committed (journalled); the old set is
			 * gone, or goes at the next open if removal was cut short */
};

/* Make the staged files visible (each by an atomic rename). TK_CACHE_REPLACE
 * then removes every article not staged or matched in this import; it is
 * journalled (.pending) so a crash after the new set is complete finishes the
 * job at the next open, and a crash before leaves the old set whole. Then
 * evicts the oldest articles not touched by this import until within limits,
 * drops expired ones and bumps .generation. ch (may be NULL) gets the counts.
 * Removal needs no free space: the journal is written into room kept by the
 * .reserve file (released when the disk is full and made again afterwards).
 * On failure the articles renamed so far stay (they are whole). Returns
 * TK_OK, TK_EIO, TK_ENOSPC or TK_ENOMEM. */
int tk_cache_commit(struct tk_cache *c, enum tk_cache_mode mode, const struct tk_cache_limits *lim,
		    struct tk_cache_changes *ch);
/* Remove the staged temporary files; the cache stays as it was. */
void tk_cache_abort(struct tk_cache *c);

/* Remove expired articles (see tk_cache_limits) and bump .generation if any
 * went. *n (may be NULL) gets the count. For a long-running display. */
int tk_cache_expire(struct tk_cache *c, const struct tk_cache_limits *lim, size_t *n);

/* Remove the cached article `name` now (a take-down, REMOVE.txt): unlink,
 * sync the directory, re-index and bump .generation. Needs no free space.
 * Returns TK_OK, TK_ENOENT (no such article), TK_EIO or TK_ENOMEM. */
int tk_cache_remove(struct tk_cache *c, const char *name);

/* State files (names starting with '.', see the contract): replace atomically,
 * remove (absent is fine), read whole (up to size-1 bytes, NUL-terminated;
 * TK_ENOENT when absent). */
int tk_cache_write_state(struct tk_cache *c, const char *name, const void *buf, size_t n);
int tk_cache_remove_state(struct tk_cache *c, const char *name);
int tk_cache_read_state(const struct tk_cache *c, const char *name, char *buf, size_t size);
/* Increment .generation (atomically) so the display rebuilds its playlist. */
int tk_cache_bump_generation(struct tk_cache *c);
uint64_t tk_cache_generation(const struct tk_cache *c);
/* Write .status: the banner text (one line, trimmed to 200 bytes) shown until
 * `until` (unix seconds). */
int tk_cache_set_banner(struct tk_cache *c, int64_t until, const char *text);

/* Settings from the last USB stick that carried a valid ticker.conf are kept
 * in <cache>/.config. Apply them over cfg (whole or not at all), checked by
 * the stick rules of config.h on every load: a file that no longer validates
 * is ignored, every problem reported and TK_SERVICE_STICK_CONF set in
 * cfg->service. Returns TK_OK (also when there is none), TK_EINVAL or TK_EIO.
 * No lock needed. */
struct tk_config;
/* report has config.h's tk_config_report_fn type (spelled out so this header
 * needs only the struct's name). */
int tk_cache_config_apply(const char *dir, struct tk_config *cfg,
			  void (*report)(void *ctx, int line, const char *key, const char *msg),
			  void *ctx);

#endif
