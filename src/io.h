/* The file I/O layer under the cache, the import and the signer: every read of
 * a stick and every write, fsync, rename and unlink of the cache goes through
 * these functions, so tests can fail any step, simulate a full disk, or turn a
 * step into a power cut. Outside tests the hooks are off and cost one check. */
#ifndef TK_IO_H
#define TK_IO_H

#include <stddef.h>
#include <sys/types.h>

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
/* Test hook: restrict tk_io_fail_at to files at or below path (an absolute
 * path as the kernel reports it in /proc/self/fd): a full cache disk while
 * the stick still takes the report, or one unreadable file on a stick.
 * NULL = any file. The path is copied. */
void tk_io_fail_under(const char *path);
/* Test hook: a full disk at or below path: every write there fails with
 * ENOSPC until an unlink there frees at least one block, then writes work
 * again. NULL = off. Replaces any tk_io_fail_at setting. */
void tk_io_disk_full(const char *path);
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
/* Atomically replace dfd/name with buf: create tmpname with
 * O_CREAT|O_EXCL|O_NOFOLLOW (whatever was at tmpname is removed first, never
 * followed), write, fsync, rename over name (a symlink, hard link or FIFO at
 * name is replaced, never written through), fsync dfd. Returns TK_OK,
 * TK_ENOSPC or TK_EIO, with errno kept (EISDIR: name is a folder); tmpname is
 * removed on failure. */
int tk_io_replace_file(int dfd, const char *name, const char *tmpname, const void *buf, size_t n,
		       mode_t mode);
/* The same for dir/name by path, the temporary file "<name>.tmp-<pid>"
 * beside it: the small state files of the display, the clock and the health
 * counters. */
int tk_io_replace_at_path(const char *dir, const char *name, const void *buf, size_t n,
			  mode_t mode);
/* TK_ENOSPC for ENOSPC/EDQUOT, else TK_EIO. */
int tk_io_err(int errnum);

#endif
