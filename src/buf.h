/* Base toolbox shared by every layer: room for one more array element, a
 * string builder, whole-file reads with a size cap, SHA-256 of a file, UTF-8
 * boundaries and ASCII case-insensitive tests. No logging, no globals. */
#ifndef TK_BUF_H
#define TK_BUF_H

#include <stddef.h>
#include <sys/types.h>

/* Room for element n of the array *arrp (elements of size bytes, *cap of
 * them allocated): when n >= *cap the array doubles (from first elements when
 * empty) until it holds n + 1 (tk_realloc). arrp is the address of the array pointer.
 * Returns TK_OK, or TK_ENOMEM with the array and *cap unchanged. */
int tk_buf_grow(void *arrp, size_t *cap, size_t n, size_t size, size_t first);

/* String builder: bytes in a tk_malloc'd buffer p, NUL-terminated after every
 * successful add. The first failure sticks in err (TK_ENOMEM) and makes every
 * later call do nothing, so a caller checks once at the end. Start from
 * {0}; release with tk_sb_free. */
struct tk_sb {
	char *p;
	size_t len, cap;
	int err;
};
/* Room for more bytes plus the NUL. 0, or -1 once err is set. */
int tk_sb_reserve(struct tk_sb *b, size_t more);
/* Append s[0..n). 0, or -1 once err is set. */
int tk_sb_add(struct tk_sb *b, const char *s, size_t n);
/* Append printf-formatted text; a formatting error sets err (TK_EINVAL). */
void tk_sb_printf(struct tk_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tk_sb_free(struct tk_sb *b);

/* Read a regular file whole, at most max + 1 bytes (a caller tells a file over
 * max by *len > max, without reading all of it). Opened non-blocking, so a FIFO
 * or a device cannot hang the caller; anything but a regular file is refused.
 * On TK_OK *out (tk_malloc'd, NUL-terminated, caller frees) holds *len bytes.
 * Else *out is NULL, *why a static phrase ("no such file", "permission
 * denied", "cannot open file", "not a regular file", "read error", "out of
 * memory") and *os_err the errno of the failed call (0 if none): TK_ENOENT,
 * TK_EIO (open or read failed), TK_EINVAL (not a regular file), TK_ENOMEM. */
int tk_buf_read_file(const char *path, size_t max, char **out, size_t *len, const char **why,
		     int *os_err);

/* Read the regular file name under the directory dfd whole (a link, a FIFO or
 * a device is refused), sized by fstat, read through tk_io_read (so tests can
 * fail the reads): the cache's records and index, a stick's control files and
 * signed manifest. On TK_OK *out (tk_malloc'd, NUL-terminated, caller frees)
 * holds *len bytes. Else *out is NULL: TK_ENOENT, TK_EIO (cannot open or read,
 * or not a regular file), TK_ETOOBIG (larger than max), TK_ENOMEM. */
int tk_buf_read_at(int dfd, const char *name, size_t max, char **out, size_t *len);

/* Read the small regular file path (relative to the directory dfd, or
 * AT_FDCWD) into buf, at most size - 1 bytes, NUL-terminated: a state file,
 * a sysfs attribute. A link, a FIFO or a device is refused. Returns the bytes
 * read, or -1 with errno set (ENOENT when there is no such file). */
ssize_t tk_buf_read_small(int dfd, const char *path, char *buf, size_t size);

/* SHA-256 (libsodium) of everything read from fd until end of file, read
 * through tk_io_read (so tests can fail the reads). TK_OK or TK_EIO (errno
 * tells). */
int tk_buf_sha256_fd(int fd, unsigned char out[32]);
/* The same, and the first head_max bytes (fewer for a shorter file) copied to
 * head, their count in *nhead; head may be NULL when head_max is 0. The read
 * buffer is wiped. */
int tk_buf_sha256_fd_head(int fd, unsigned char out[32], char *head, size_t head_max,
			  size_t *nhead);

/* The largest cut <= n at which s is not inside a UTF-8 sequence (s[n] is
 * not a continuation byte); s must have at least n + 1 bytes. */
size_t tk_utf8_boundary(const char *s, size_t n);
/* The first cut >= i at which s is not inside a UTF-8 sequence (NUL-terminated s). */
size_t tk_utf8_boundary_after(const char *s, size_t i);

/* ASCII case folding, whatever the locale: 'A'..'Z' to 'a'..'z'. */
int tk_ascii_lower(int c);
/* s[0..n) lower-cased (ASCII) against the word lower, bytewise: < 0, 0 or
 * > 0 as s sorts before, equal to or after it (a shorter prefix first). */
int tk_ascii_cmp_lower(const char *s, size_t n, const char *lower);
/* s[0..n) equals the word lower, ASCII case-insensitively. */
int tk_ascii_eq_lower(const char *s, size_t n, const char *lower);
/* s starts with prefix, ASCII case-insensitively. */
int tk_ascii_starts_ci(const char *s, const char *prefix);
/* First occurrence of needle (lower case) in s[0..n), ASCII
 * case-insensitively, or NULL. */
const char *tk_ascii_find_ci(const char *s, size_t n, const char *needle);

#endif
