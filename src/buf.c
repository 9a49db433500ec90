/* Base toolbox (see buf.h): the growable array, string builder, capped
 * whole-file read, file digest, UTF-8 boundary and ASCII helpers that modules
 * used to write for themselves. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "io.h"
#include "mem.h"

static size_t tk_buf_first(size_t first)
{
	return first ? first : 1;
}

int tk_buf_grow(void *arrp, size_t *cap, size_t n, size_t size, size_t first)
{
	void *arr, *grown;
	size_t nc;

	if (n < *cap)
		return TK_OK;
	nc = *cap ? *cap * 2 : tk_buf_first(first);
	while (nc < n + 1 && nc <= (size_t)-1 / 2)
		nc *= 2;
	if (nc < n + 1 || nc > (size_t)-1 / size)
		return TK_ENOMEM;
	/* arrp points to some T *: read and write it as bytes, never as void ** */
	memcpy(&arr, arrp, sizeof arr);
	grown = tk_realloc(arr, nc * size);
	if (!grown)
		return TK_ENOMEM;
	memcpy(arrp, &grown, sizeof grown);
	*cap = nc;
	return TK_OK;
}

ssize_t tk_buf_read_small(int dfd, const char *path, char *buf, size_t size)
{
	int fd = openat(dfd, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	size_t n = 0;
	ssize_t r = 0;
	int e;

	if (size)
		buf[0] = '\0';
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	e = errno;
	close(fd);
	if (r < 0) {
		errno = e;
		return -1;
	}
	if (size)
		buf[n] = '\0';
	return (ssize_t)n;
}

int tk_sb_reserve(struct tk_sb *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->err)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	p = tk_realloc(b->p, cap);
	if (!p) {
		b->err = TK_ENOMEM;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void tk_sb_printf(struct tk_sb *b, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (w < 0) {
		if (!b->err)
			b->err = TK_EINVAL;
		return;
	}
	if (tk_sb_reserve(b, (size_t)w))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)w;
}

int tk_sb_add(struct tk_sb *b, const char *s, size_t n)
{
	if (tk_sb_reserve(b, n))
		return -1;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

void tk_sb_free(struct tk_sb *b)
{
	tk_free(b->p);
	memset(b, 0, sizeof *b);
}

static int tk_buf_open_regular(const char *path, int *fd, const char **why, int *os_err)
{
	struct stat st;

	*fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0) {
		*os_err = errno;
		*why = errno == ENOENT	 ? "no such file"
		       : errno == EACCES ? "permission denied"
					 : "cannot open file";
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	}
	if (fstat(*fd, &st) || !S_ISREG(st.st_mode)) {
		*os_err = 0;
		*why = "not a regular file";
		return TK_EINVAL;
	}
	return TK_OK;
}

/* Read until end of file or max + 1 bytes into *buf (grown by doubling). */
static int tk_buf_read_fd(int fd, size_t max, char **buf, size_t *len, const char **why,
			  int *os_err)
{
	size_t cap = 0;

	for (;;) {
		ssize_t r;
		if (*len + 1 >= cap) {
			size_t nc = cap ? cap * 2 : 65536;
			char *nb;
			if (nc > max + 2)
				nc = max + 2;
			if (nc <= cap)
				return TK_OK; /* max + 1 bytes read */
			nb = tk_realloc(*buf, nc);
			if (!nb) {
				*why = "out of memory";
				return TK_ENOMEM;
			}
			*buf = nb;
			cap = nc;
		}
		r = read(fd, *buf + *len, cap - 1 - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*os_err = errno;
			*why = "read error";
			return TK_EIO;
		}
		if (r == 0)
			return TK_OK;
		*len += (size_t)r;
	}
}

int tk_buf_read_file(const char *path, size_t max, char **out, size_t *len, const char **why,
		     int *os_err)
{
	char *buf = NULL;
	int fd = -1, err;

	*out = NULL;
	*len = 0;
	*os_err = 0;
	err = tk_buf_open_regular(path, &fd, why, os_err);
	if (!err)
		err = tk_buf_read_fd(fd, max, &buf, len, why, os_err);
	if (!err && !buf) {
		buf = tk_malloc(1);
		if (!buf) {
			*why = "out of memory";
			err = TK_ENOMEM;
		}
	}
	if (fd >= 0)
		close(fd);
	if (err) {
		tk_free(buf);
		*len = 0;
		return err;
	}
	buf[*len] = '\0';
	*out = buf;
	return TK_OK;
}

int tk_buf_read_at(int dfd, const char *name, size_t max, char **out, size_t *len)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	char *buf = NULL;
	size_t n = 0;
	ssize_t r = 0;
	int err = TK_OK;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		err = TK_EIO;
		goto out;
	}
	if ((unsigned long long)st.st_size > max) {
		err = TK_ETOOBIG;
		goto out;
	}
	buf = tk_malloc((size_t)st.st_size + 1);
	if (!buf) {
		err = TK_ENOMEM;
		goto out;
	}
	while (n < (size_t)st.st_size && (r = tk_io_read(fd, buf + n, (size_t)st.st_size - n)) > 0)
		n += (size_t)r;
	if (r < 0) {
		err = TK_EIO;
		goto out;
	}
	buf[n] = '\0';
	*out = buf;
	buf = NULL;
	*len = n;
out:
	tk_free(buf);
	close(fd);
	return err;
}

int tk_buf_sha256_fd_head(int fd, unsigned char out[32], char *head, size_t head_max, size_t *nhead)
{
	crypto_hash_sha256_state st;
	unsigned char chunk[65536];
	size_t have = 0;
	ssize_t r;

	crypto_hash_sha256_init(&st);
	while ((r = tk_io_read(fd, chunk, sizeof chunk)) > 0) {
		size_t take = head_max - have < (size_t)r ? head_max - have : (size_t)r;

		if (take)
			memcpy(head + have, chunk, take);
		have += take;
		crypto_hash_sha256_update(&st, chunk, (unsigned long long)r);
	}
	crypto_hash_sha256_final(&st, out);
	/* the file may be a secret key (the signer refuses those) */
	sodium_memzero(chunk, sizeof chunk);
	if (nhead)
		*nhead = have;
	return r < 0 ? TK_EIO : TK_OK;
}

int tk_buf_sha256_fd(int fd, unsigned char out[32])
{
	return tk_buf_sha256_fd_head(fd, out, NULL, 0, NULL);
}

size_t tk_utf8_boundary(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

size_t tk_utf8_boundary_after(const char *s, size_t i)
{
	while (((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

int tk_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int tk_ascii_cmp_lower(const char *s, size_t n, const char *lower)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tk_ascii_lower((unsigned char)s[i]);
		unsigned char d = (unsigned char)lower[i];

		if (!d || c != d)
			return d ? (c < d ? -1 : 1) : 1;
	}
	return lower[n] ? -1 : 0;
}

int tk_ascii_eq_lower(const char *s, size_t n, const char *lower)
{
	return tk_ascii_cmp_lower(s, n, lower) == 0;
}

int tk_ascii_starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

const char *tk_ascii_find_ci(const char *s, size_t n, const char *needle)
{
	size_t l = strlen(needle), i;

	if (l > n)
		return NULL;
	/* needles starting with a non-letter ("<rss"): jump with memchr */
	if (l && !((needle[0] | 0x20) >= 'a' && (needle[0] | 0x20) <= 'z')) {
		const char *q = s, *end = s + n - l + 1;
		while (q < end && (q = memchr(q, needle[0], (size_t)(end - q))) != NULL) {
			if (strncasecmp(q, needle, l) == 0)
				return q;
			q++;
		}
		return NULL;
	}
	for (i = 0; i + l <= n; i++)
		if (tk_ascii_lower((unsigned char)s[i]) == needle[0] &&
		    strncasecmp(s + i, needle, l) == 0)
			return s + i;
	return NULL;
}
