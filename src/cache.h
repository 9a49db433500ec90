/* The article cache: a directory of whole article files that the display reads
 * (format in README.md, "Cache directory"). Every change is atomic (temporary
 * file, fsync, rename, fsync of the directory) and a crash at any instant
 * leaves only whole articles. Also the I/O layer with its fault-injection hooks. */
#ifndef TK_CACHE_H
#define TK_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"

/* ---- I/O layer ---------------------------------------------------------
 * Every write, fsync, rename and unlink of the cache (and every read of a
 * stick) goes through these, so tests can fail or "crash" at any step. */
enum tk_io_op { TK_IO_READ, TK_IO_WRITE, TK_IO_FSYNC, TK_IO_RENAME, TK_IO_UNLINK, TK_IO_NOPS };
#define TK_IO_MASK(op) (1u << (op))
#define TK_IO_MUTATING                                                                             \
	(TK_IO_MASK(TK_IO_WRITE) | TK_IO_MASK(TK_IO_FSYNC) | TK_IO_MASK(TK_IO_RENAME) |            \
	 TK_IO_MASK(TK_IO_UNLINK))
/* Exit status of a process stopped by tk_io_crash_at. */
#define TK_IO_CRASH_STATUS 86

/* Test hook: the n-th operation (n >= 1, counted over the operations in mask)
 * from now fails with errnum, and so does every later one in mask until the
 * next call; n = 0 turns failures off. Process-wide, like tk_mem_fail_at. */
void tk_io_fail_at(unsigned mask, long n, int errnum);
/* Test hook: restrict tk_io_fail_at to files on device dev (st_dev), e.g. a
 * full cache disk while the stick still takes the report. 0 = any device. */
void tk_io_fail_dev(unsigned long dev);
/* Test hook: simulate a power cut: _exit(TK_IO_CRASH_STATUS) at the n-th
 * mutating step from now (a write is cut in the middle first). 0 = off. */
void tk_io_crash_at(long n);
/* Test hook: call fn(ctx, fd) before every tk_io_read (NULL = off), e.g. to
 * change a file while it is being read. */
void tk_io_on_read(void (*fn)(void *ctx, int fd), void *ctx);
/* Operations performed since the last tk_io_count_reset (for benchmarks). */
unsigned long tk_io_count(enum tk_io_op op);
void tk_io_count_reset(void);

/* read(2) that retries EINTR. Returns bytes read, 0 at end, -1 with errno. */
ssize_t tk_io_read(int fd, void *buf, size_t n);
/* Write all n bytes. 0, or -1 with errno. */
int tk_io_write_all(int fd, const void *buf, size_t n);
int tk_io_fsync(int fd);
/* syncfs(2): flush the whole file system holding fd (counted as an fsync). */
int tk_io_syncfs(int fd);
int tk_io_rename(int olddfd, const char *oldname, int newdfd, const char *newname);
int tk_io_unlink(int dfd, const char *name);
/* Atomically replace dfd/name with buf: write tmpname, fsync, rename, fsync
 * dfd. Returns TK_OK, TK_ENOSPC or TK_EIO (errno kept); tmpname is removed on
 * failure. */
int tk_io_replace_file(int dfd, const char *name, const char *tmpname, const void *buf, size_t n,
		       mode_t mode);
/* TK_ENOSPC for ENOSPC/EDQUOT, else TK_EIO. */
int tk_io_err(int errnum);

/* ---- the cache ---------------------------------------------------------- */
struct tk_cache;

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
};

/* Make the staged files visible (each by an atomic rename). TK_CACHE_REPLACE
 * then removes every article not staged or matched in this import; it is
 * journalled (.pending) so a crash after the new set is complete finishes the
 * job at the next open, and a crash before leaves the old set whole. Then
 * evicts the oldest articles not touched by this import until within limits,
 * drops expired ones and bumps .generation. ch (may be NULL) gets the counts.
 * On failure the articles renamed so far stay (they are whole). Returns
 * TK_OK, TK_EIO, TK_ENOSPC or TK_ENOMEM. */
int tk_cache_commit(struct tk_cache *c, enum tk_cache_mode mode, const struct tk_cache_limits *lim,
		    struct tk_cache_changes *ch);
/* Remove the staged temporary files; the cache stays as it was. */
void tk_cache_abort(struct tk_cache *c);

/* Remove expired articles (see tk_cache_limits) and bump .generation if any
 * went. *n (may be NULL) gets the count. For a long-running display. */
int tk_cache_expire(struct tk_cache *c, const struct tk_cache_limits *lim, size_t *n);

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
int tk_cache_config_apply(const char *dir, struct tk_config *cfg, tk_config_report_fn report,
			  void *ctx);

#endif
