/* The file I/O layer: thin wrappers over read, write, fsync, rename and unlink
 * with process-wide test hooks that fail the N-th step, restrict failures to
 * one file or folder, simulate a full disk, or cut the power at a step. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "io.h"

/* Process-wide by design, like the allocator hook: the steps to fail are deep
 * inside import, cache and report code that should not carry a test context. */
static atomic_uint tk_io_fmask;
static atomic_long tk_io_fcountdown;
static atomic_int tk_io_ferrno;
static atomic_long tk_io_ccountdown;
static atomic_ulong tk_io_counts[TK_IO_NOPS];
static atomic_int tk_io_full; /* tk_io_disk_full: an unlink that frees a block ends it */
static pthread_mutex_t tk_io_under_lock = PTHREAD_MUTEX_INITIALIZER;
static char tk_io_under[PATH_MAX]; /* "" = any file */
static void (*tk_io_read_fn)(void *ctx, int fd);
static void *tk_io_read_ctx;

void tk_io_on_read(void (*fn)(void *ctx, int fd), void *ctx)
{
	tk_io_read_fn = fn;
	tk_io_read_ctx = ctx;
}

void tk_io_fail_at(unsigned mask, long n, int errnum)
{
	atomic_store(&tk_io_fmask, n > 0 ? mask : 0u);
	atomic_store(&tk_io_fcountdown, n > 0 ? n : 0);
	atomic_store(&tk_io_ferrno, errnum ? errnum : EIO);
	atomic_store(&tk_io_full, 0);
}

void tk_io_fail_under(const char *path)
{
	pthread_mutex_lock(&tk_io_under_lock);
	snprintf(tk_io_under, sizeof tk_io_under, "%s", path ? path : "");
	pthread_mutex_unlock(&tk_io_under_lock);
}

void tk_io_disk_full(const char *path)
{
	tk_io_fail_at(path ? TK_IO_MASK(TK_IO_WRITE) : 0u, path ? 1 : 0, ENOSPC);
	tk_io_fail_under(path);
	atomic_store(&tk_io_full, path != NULL);
}

void tk_io_crash_at(long n)
{
	atomic_store(&tk_io_ccountdown, n > 0 ? n : 0);
}

unsigned long tk_io_count(enum tk_io_op op)
{
	return op < TK_IO_NOPS ? atomic_load(&tk_io_counts[op]) : 0;
}

void tk_io_count_reset(void)
{
	for (int i = 0; i < TK_IO_NOPS; i++)
		atomic_store(&tk_io_counts[i], 0);
}

/* Is the file behind fd (or dfd/name when name is not NULL) at or below the
 * path set by tk_io_fail_under? Only asked while a failure is armed. */
static int tk_io_is_under(int fd, const char *name)
{
	char link[64], path[PATH_MAX + 256];
	ssize_t n;
	size_t ul;
	int hit;

	pthread_mutex_lock(&tk_io_under_lock);
	ul = strlen(tk_io_under);
	if (!ul) {
		pthread_mutex_unlock(&tk_io_under_lock);
		return 1;
	}
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, PATH_MAX);
	if (n < 0) {
		pthread_mutex_unlock(&tk_io_under_lock);
		return 0;
	}
	path[n] = '\0';
	if (name)
		snprintf(path + n, sizeof path - (size_t)n, "/%s", name);
	hit = !strncmp(path, tk_io_under, ul) && (path[ul] == '\0' || path[ul] == '/');
	pthread_mutex_unlock(&tk_io_under_lock);
	return hit;
}

/* 1 = simulate the crash now, -1 = fail with errno set, 0 = go ahead. */
static int tk_io_hook(enum tk_io_op op, int fd, const char *name)
{
	int saved = errno;

	atomic_fetch_add(&tk_io_counts[op], 1);
	if ((TK_IO_MASK(op) & TK_IO_MUTATING) && atomic_load(&tk_io_ccountdown) > 0 &&
	    atomic_fetch_sub(&tk_io_ccountdown, 1) == 1)
		return 1;
	if ((atomic_load(&tk_io_fmask) & TK_IO_MASK(op)) && atomic_load(&tk_io_fcountdown) > 0 &&
	    tk_io_is_under(fd, name)) {
		if (atomic_load(&tk_io_fcountdown) == 1) {
			errno = atomic_load(&tk_io_ferrno);
			return -1; /* stays at 1: every later one fails too */
		}
		atomic_fetch_sub(&tk_io_fcountdown, 1);
	}
	errno = saved;
	return 0;
}

static _Noreturn void tk_io_crash(void)
{
	_exit(TK_IO_CRASH_STATUS);
}

int tk_io_err(int errnum)
{
	return errnum == ENOSPC || errnum == EDQUOT ? TK_ENOSPC : TK_EIO;
}

ssize_t tk_io_read(int fd, void *buf, size_t n)
{
	ssize_t r;

	if (tk_io_hook(TK_IO_READ, fd, NULL) < 0)
		return -1;
	if (tk_io_read_fn)
		tk_io_read_fn(tk_io_read_ctx, fd);
	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

int tk_io_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	int h = tk_io_hook(TK_IO_WRITE, fd, NULL);

	if (h < 0)
		return -1;
	if (h > 0) {
		/* A power cut in the middle of a write: half of it reaches the file. */
		if (write(fd, p, n / 2) < 0)
			tk_io_crash();
		tk_io_crash();
	}
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int tk_io_fsync(int fd)
{
	int h = tk_io_hook(TK_IO_FSYNC, fd, NULL);

	if (h > 0)
		tk_io_crash();
	return h < 0 ? -1 : fsync(fd);
}

int tk_io_syncfs(int fd)
{
	int h = tk_io_hook(TK_IO_FSYNC, fd, NULL);

	if (h > 0)
		tk_io_crash();
	return h < 0 ? -1 : syncfs(fd);
}

int tk_io_rename(int olddfd, const char *oldname, int newdfd, const char *newname)
{
	int h = tk_io_hook(TK_IO_RENAME, olddfd, oldname);

	if (h > 0)
		tk_io_crash();
	return h < 0 ? -1 : renameat(olddfd, oldname, newdfd, newname);
}

int tk_io_unlink(int dfd, const char *name)
{
	int h = tk_io_hook(TK_IO_UNLINK, dfd, name), r;
	struct stat st;
	int frees = 0;

	if (h > 0)
		tk_io_crash();
	if (h < 0)
		return -1;
	/* The simulated full disk gets room when a file that held a block goes. */
	if (atomic_load(&tk_io_full) && tk_io_is_under(dfd, name) &&
	    !fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) && st.st_blocks > 0 && st.st_nlink == 1)
		frees = 1;
	r = unlinkat(dfd, name, 0);
	if (!r && frees)
		tk_io_disk_full(NULL);
	return r;
}

int tk_io_replace_file(int dfd, const char *name, const char *tmpname, const void *buf, size_t n,
		       mode_t mode)
{
	int fd, saved;

	/* A leftover (or, on a stick, a planted symlink) must not block the write;
	 * O_EXCL|O_NOFOLLOW then never opens anything that was there. */
	unlinkat(dfd, tmpname, 0);
	fd = openat(dfd, tmpname, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
		    mode);
	if (fd < 0)
		return tk_io_err(errno);
	if (tk_io_write_all(fd, buf, n) || tk_io_fsync(fd)) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		saved = errno;
		goto fail;
	}
	/* rename(2) replaces the name itself: a symlink, hard link or FIFO that
	 * stood there is never written through. */
	if (tk_io_rename(dfd, tmpname, dfd, name)) {
		saved = errno;
		goto fail;
	}
	/* The rename is durable only once the directory is. */
	if (tk_io_fsync(dfd))
		return tk_io_err(errno);
	return TK_OK;
fail:
	unlinkat(dfd, tmpname, 0);
	errno = saved;
	return tk_io_err(saved);
}

int tk_io_replace_at_path(const char *dir, const char *name, const void *buf, size_t n, mode_t mode)
{
	char tmp[512];
	int dfd, err;

	if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld", name, (long)getpid()) >= (int)sizeof tmp)
		return TK_EIO;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return tk_io_err(errno);
	err = tk_io_replace_file(dfd, name, tmp, buf, n, mode);
	close(dfd);
	return err;
}
