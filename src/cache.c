/* The article cache directory. Files become visible only by rename(2) after an
 * fsync, REPLACE is journalled and rolled forward, and every mutating step goes
 * through io.c, whose test hooks fail it or turn it into a crash, so power-cut
 * safety is tested step by step rather than hoped for. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "config.h"
#include "err.h"
#include "mem.h"

/* ---- the cache ---------------------------------------------------------- */

struct tk_cache_entry {
	char *name;
	uint64_t size;
	int64_t mtime_ns;
	uint64_t ino;
	unsigned char sha[32];
	unsigned touched : 1, removed : 1, hashed : 1;
};

struct tk_cache_staged {
	char *name;
	char tmp[48];
	uint64_t size;
	unsigned char sha[32];
};

struct tk_cache {
	int dfd, lockfd;
	struct tk_cache_entry *e;
	size_t n, cap;
	size_t *by_name, *by_sha; /* indices into e, sorted */
	size_t nidx;		  /* entries covered by by_name/by_sha */
	struct tk_cache_staged *st;
	size_t nst, capst;
	unsigned long seq;
	uint64_t generation;
	int index_dirty;
};

#define TK_CACHE_INDEX ".index"
#define TK_CACHE_PENDING ".pending"
#define TK_CACHE_LOCK ".lock"
#define TK_CACHE_RESERVE ".reserve" /* room for the journal when the disk is full */
#if !defined(TK_CACHE_RESERVE_BYTES)
#define TK_CACHE_RESERVE_BYTES (256 * 1024) /* > the journal of 1,000 long names */
#endif
#define TK_CACHE_TMP ".tmp-"

static void tk_cache_tmpname(struct tk_cache *c, char *buf, size_t size)
{
	snprintf(buf, size, TK_CACHE_TMP "%ld-%lu", (long)getpid(), ++c->seq);
}

static int tk_cache_mkdirs(const char *dir)
{
	char path[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof path)
		return TK_EINVAL;
	memcpy(path, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return errno == ENOENT ? TK_ENOENT : tk_io_err(errno);
		path[i] = i < n ? '/' : '\0';
	}
	return TK_OK;
}

static int tk_cache_hash_file(int dfd, const char *name, unsigned char sha[32])
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), err;

	if (fd < 0)
		return TK_EIO;
	err = tk_buf_sha256_fd(fd, sha);
	close(fd);
	return err;
}

/* qsort_r comparators of entry indices; ctx is the entry array. */
static int tk_cache_cmp_name(const void *a, const void *b, void *ctx)
{
	const struct tk_cache_entry *e = ctx;

	return strcmp(e[*(const size_t *)a].name, e[*(const size_t *)b].name);
}

static int tk_cache_cmp_sha(const void *a, const void *b, void *ctx)
{
	const struct tk_cache_entry *e = ctx;

	return memcmp(e[*(const size_t *)a].sha, e[*(const size_t *)b].sha, 32);
}

/* Newest first; the name breaks ties so the order is stable across runs. */
static int tk_cache_cmp_new(const void *a, const void *b)
{
	const struct tk_cache_entry *x = a, *y = b;

	if (x->mtime_ns != y->mtime_ns)
		return x->mtime_ns > y->mtime_ns ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Drop removed entries, sort newest first and rebuild the lookup arrays. */
static int tk_cache_reindex(struct tk_cache *c)
{
	size_t j = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].removed) {
			tk_free(c->e[i].name);
			continue;
		}
		c->e[j++] = c->e[i];
	}
	c->n = j;
	if (c->n)
		qsort(c->e, c->n, sizeof *c->e, tk_cache_cmp_new);
	tk_free(c->by_name);
	tk_free(c->by_sha);
	c->nidx = 0;
	c->by_name = tk_malloc((c->n + 1) * sizeof *c->by_name);
	c->by_sha = tk_malloc((c->n + 1) * sizeof *c->by_sha);
	if (!c->by_name || !c->by_sha)
		return TK_ENOMEM;
	c->nidx = c->n;
	for (size_t i = 0; i < c->n; i++)
		c->by_name[i] = c->by_sha[i] = i;
	qsort_r(c->by_name, c->n, sizeof *c->by_name, tk_cache_cmp_name, c->e);
	qsort_r(c->by_sha, c->n, sizeof *c->by_sha, tk_cache_cmp_sha, c->e);
	return TK_OK;
}

static struct tk_cache_entry *tk_cache_find_name(struct tk_cache *c, const char *name)
{
	size_t lo = 0, hi = c->nidx;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(name, c->e[c->by_name[mid]].name);

		if (!r)
			return &c->e[c->by_name[mid]];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static struct tk_cache_entry *tk_cache_find_sha(struct tk_cache *c, const unsigned char *sha)
{
	size_t lo = 0, hi = c->nidx;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = memcmp(sha, c->e[c->by_sha[mid]].sha, 32);

		if (!r)
			return &c->e[c->by_sha[mid]];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The 64 hex digits at the start of s as 32 bytes (libsodium's decoder);
 * 0, or -1 when they are not all hex digits. */
static int tk_cache_hex(const char *s, unsigned char out[32])
{
	size_t got = 0;

	return sodium_hex2bin(out, 32, s, 64, NULL, &got, NULL) || got != 32 ? -1 : 0;
}

/* Hashes from .index, trusted only while size, mtime and inode match. The
 * index is a hint: anything odd in it just means hashing the file again. */
static void tk_cache_load_index(struct tk_cache *c)
{
	char *text = NULL, *p, *eol;
	size_t len;

	if (tk_buf_read_at(c->dfd, TK_CACHE_INDEX, 64u << 20, &text, &len))
		return;
	for (p = text; *p; p = eol + 1) {
		unsigned char sha[32];
		unsigned long long size, ino;
		long long mt;
		int off = 0;
		struct tk_cache_entry *e;

		eol = strchr(p, '\n');
		if (!eol)
			break;
		*eol = '\0';
		if (strlen(p) < 65 || tk_cache_hex(p, sha) ||
		    sscanf(p + 64, " %llu %lld %llu %n", &size, &mt, &ino, &off) != 3 || !off)
			continue;
		e = tk_cache_find_name(c, p + 64 + off);
		if (e && !e->hashed && e->size == size && e->mtime_ns == mt && e->ino == ino) {
			memcpy(e->sha, sha, 32);
			e->hashed = 1;
		}
	}
	tk_free(text);
}

static int tk_cache_save_index(struct tk_cache *c)
{
	size_t cap = 128, n = 0;
	char *buf = NULL, tmp[48];
	int err;

	for (size_t i = 0; i < c->n; i++)
		cap += strlen(c->e[i].name) + 140;
	buf = tk_malloc(cap);
	if (!buf)
		return TK_ENOMEM;
	for (size_t i = 0; i < c->n; i++) {
		const struct tk_cache_entry *e = &c->e[i];

		sodium_bin2hex(buf + n, cap - n, e->sha, 32);
		n += 64;
		n += (size_t)snprintf(buf + n, cap - n, " %" PRIu64 " %" PRId64 " %" PRIu64 " %s\n",
				      e->size, e->mtime_ns, e->ino, e->name);
	}
	tk_cache_tmpname(c, tmp, sizeof tmp);
	err = tk_io_replace_file(c->dfd, TK_CACHE_INDEX, tmp, buf, n, 0644);
	tk_free(buf);
	if (!err)
		c->index_dirty = 0;
	return err;
}

static int tk_cache_stat_entry(struct tk_cache *c, struct tk_cache_entry *e)
{
	struct stat st;

	if (fstatat(c->dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
		return TK_EIO;
	e->size = (uint64_t)st.st_size;
	e->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	e->ino = (uint64_t)st.st_ino;
	return TK_OK;
}

/* Names listed in .pending are the complete new set of a REPLACE/CLEAR whose
 * articles were all in place when it was written: remove everything else. */
static int tk_cache_roll_forward(struct tk_cache *c)
{
	char *text = NULL, *p;
	size_t len, nkeep = 0;
	const char **keep = NULL;
	DIR *d = NULL;
	struct dirent *de;
	int err, dfd2 = -1, removed = 0;

	err = tk_buf_read_at(c->dfd, TK_CACHE_PENDING, 64u << 20, &text, &len);
	if (err == TK_ENOENT)
		return TK_OK;
	if (err)
		return err;
	/* Written atomically, so it is whole; still, only trust a complete one. */
	if (strncmp(text, "ticker-pending 1\n", 17) || len < 21 ||
	    strcmp(text + len - 4, "end\n")) {
		err = tk_io_unlink(c->dfd, TK_CACHE_PENDING) ? TK_EIO : TK_OK;
		goto out;
	}
	keep = tk_calloc(len, sizeof *keep);
	if (!keep) {
		err = TK_ENOMEM;
		goto out;
	}
	/* Every line between the header and the final "end" is a name, even a
	 * name that reads "end" (an article may be called that). */
	text[len - 4] = '\0';
	for (p = text + 17; *p;) {
		char *eol = strchr(p, '\n');

		*eol = '\0';
		keep[nkeep++] = p;
		p = eol + 1;
	}
	dfd2 = dup(c->dfd);
	d = dfd2 >= 0 ? fdopendir(dfd2) : NULL;
	if (!d) {
		err = TK_EIO;
		goto out;
	}
	dfd2 = -1;
	rewinddir(d); /* the dup shares its offset with every other reader of dfd */
	while ((de = readdir(d))) {
		struct stat st;
		size_t k;

		if (de->d_name[0] == '.')
			continue;
		for (k = 0; k < nkeep && strcmp(keep[k], de->d_name); k++)
			;
		if (k < nkeep || fstatat(c->dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		if (tk_io_unlink(c->dfd, de->d_name)) {
			err = tk_io_err(errno);
			goto out;
		}
		removed = 1;
	}
	if ((removed && tk_io_fsync(c->dfd)) || tk_io_unlink(c->dfd, TK_CACHE_PENDING) ||
	    tk_io_fsync(c->dfd)) {
		err = tk_io_err(errno);
		goto out;
	}
	err = TK_OK;
out:
	if (d)
		closedir(d);
	if (dfd2 >= 0)
		close(dfd2);
	tk_free(keep);
	tk_free(text);
	return err;
}

static int tk_cache_scan(struct tk_cache *c)
{
	DIR *d = NULL;
	struct dirent *de;
	int err = TK_OK, dfd2 = dup(c->dfd), cleaned = 0;

	d = dfd2 >= 0 ? fdopendir(dfd2) : NULL;
	if (!d) {
		if (dfd2 >= 0)
			close(dfd2);
		return TK_EIO;
	}
	rewinddir(d); /* the dup shares its offset with every other reader of dfd */
	while ((de = readdir(d))) {
		struct tk_cache_entry *e;

		if (!strncmp(de->d_name, TK_CACHE_TMP, strlen(TK_CACHE_TMP))) {
			/* Leftover of an interrupted import: never visible, safe to drop. */
			if (tk_io_unlink(c->dfd, de->d_name) && errno != ENOENT) {
				err = tk_io_err(errno);
				goto out;
			}
			cleaned = 1;
			continue;
		}
		if (de->d_name[0] == '.')
			continue;
		err = tk_buf_grow(&c->e, &c->cap, c->n, sizeof *c->e, 64);
		if (err)
			goto out;
		e = &c->e[c->n];
		memset(e, 0, sizeof *e);
		e->name = tk_strdup(de->d_name);
		if (!e->name) {
			err = TK_ENOMEM;
			goto out;
		}
		if (tk_cache_stat_entry(c, e)) {
			tk_free(e->name); /* not a regular file: not an article */
			continue;
		}
		c->n++;
	}
	if (cleaned && tk_io_fsync(c->dfd))
		err = tk_io_err(errno);
out:
	closedir(d);
	return err;
}

int tk_cache_open(const char *dir, struct tk_cache **out)
{
	struct tk_cache *c = NULL;
	char gen[32];
	int err;

	*out = NULL;
	if (sodium_init() < 0)
		return TK_EIO;
	err = tk_cache_mkdirs(dir);
	if (err)
		return err;
	c = tk_calloc(1, sizeof *c);
	if (!c)
		return TK_ENOMEM;
	c->lockfd = -1;
	c->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->dfd < 0) {
		err = errno == ENOENT ? TK_ENOENT : TK_EIO;
		goto out;
	}
	c->lockfd = openat(c->dfd, TK_CACHE_LOCK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (c->lockfd < 0) {
		err = tk_io_err(errno);
		goto out;
	}
	if (flock(c->lockfd, LOCK_EX | LOCK_NB)) {
		err = errno == EWOULDBLOCK ? TK_EBUSY : TK_EIO;
		goto out;
	}
	err = tk_cache_roll_forward(c);
	if (!err)
		err = tk_cache_scan(c);
	if (!err)
		err = tk_cache_reindex(c);
	if (err)
		goto out;
	tk_cache_load_index(c);
	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].hashed)
			continue;
		if (tk_cache_hash_file(c->dfd, c->e[i].name, c->e[i].sha))
			c->e[i].removed = 1; /* vanished or unreadable: not ours to serve */
		c->e[i].hashed = 1;
		c->index_dirty = 1;
	}
	err = tk_cache_reindex(c);
	if (err)
		goto out;
	if (!tk_cache_read_state(c, TK_CACHE_GENERATION, gen, sizeof gen))
		c->generation = strtoull(gen, NULL, 10);
out:
	if (err) {
		tk_cache_close(c);
		c = NULL;
	}
	*out = c;
	return err;
}

void tk_cache_abort(struct tk_cache *c)
{
	for (size_t i = 0; i < c->nst; i++) {
		unlinkat(c->dfd, c->st[i].tmp, 0);
		tk_free(c->st[i].name);
	}
	c->nst = 0;
	for (size_t i = 0; i < c->n; i++)
		c->e[i].touched = 0;
}

void tk_cache_close(struct tk_cache *c)
{
	if (!c)
		return;
	if (c->dfd >= 0)
		tk_cache_abort(c);
	for (size_t i = 0; i < c->n; i++)
		tk_free(c->e[i].name);
	tk_free(c->e);
	tk_free(c->st);
	tk_free(c->by_name);
	tk_free(c->by_sha);
	if (c->lockfd >= 0)
		close(c->lockfd); /* releases the flock */
	if (c->dfd >= 0)
		close(c->dfd);
	tk_free(c);
}

int tk_cache_dirfd(const struct tk_cache *c)
{
	return c->dfd;
}

size_t tk_cache_count(const struct tk_cache *c)
{
	return c->n;
}

uint64_t tk_cache_bytes(const struct tk_cache *c)
{
	uint64_t b = 0;

	for (size_t i = 0; i < c->n; i++)
		b += c->e[i].size;
	return b;
}

int tk_cache_get(const struct tk_cache *c, size_t i, struct tk_cache_info *out)
{
	if (i >= c->n)
		return TK_EINVAL;
	out->name = c->e[i].name;
	out->size = c->e[i].size;
	out->mtime = c->e[i].mtime_ns / 1000000000;
	memcpy(out->sha256, c->e[i].sha, 32);
	return TK_OK;
}

static int tk_cache_name_ok(const char *name)
{
	size_t n = strlen(name);

	/* One name per line in the journal: no newline in a name. */
	return n > 0 && n <= 255 && name[0] != '.' && !strchr(name, '/') && !strchr(name, '\n');
}

enum tk_cache_match tk_cache_match(struct tk_cache *c, const char *name,
				   const unsigned char sha256[32], const char **holder)
{
	struct tk_cache_entry *e;

	for (size_t i = 0; i < c->nst; i++)
		if (!memcmp(c->st[i].sha, sha256, 32)) {
			if (holder)
				*holder = c->st[i].name;
			return TK_CACHE_SAME;
		}
	e = tk_cache_find_name(c, name);
	if (e && !memcmp(e->sha, sha256, 32)) {
		e->touched = 1;
		if (holder)
			*holder = e->name;
		return TK_CACHE_SAME;
	}
	if (e)
		return TK_CACHE_CHANGED;
	e = tk_cache_find_sha(c, sha256);
	if (e) {
		e->touched = 1;
		if (holder)
			*holder = e->name;
		return TK_CACHE_SAME;
	}
	return TK_CACHE_NEW;
}

int tk_cache_stage(struct tk_cache *c, const char *name, const void *bytes, size_t len,
		   const unsigned char sha256[32])
{
	struct tk_cache_staged *s;
	int fd = -1, err;

	if (!tk_cache_name_ok(name))
		return TK_EINVAL;
	err = tk_buf_grow(&c->st, &c->capst, c->nst, sizeof *c->st, 64);
	if (err)
		return err;
	s = &c->st[c->nst];
	memset(s, 0, sizeof *s);
	s->name = tk_strdup(name);
	if (!s->name)
		return TK_ENOMEM;
	tk_cache_tmpname(c, s->tmp, sizeof s->tmp);
	fd = openat(c->dfd, s->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		err = tk_io_err(errno);
		goto out;
	}
	/* No fsync per file: commit makes them all durable with one syncfs. */
	if (tk_io_write_all(fd, bytes, len)) {
		err = tk_io_err(errno);
		goto out;
	}
	s->size = len;
	memcpy(s->sha, sha256, 32);
	c->nst++;
out:
	if (fd >= 0 && close(fd) && !err)
		err = tk_io_err(errno);
	if (err) {
		if (fd >= 0)
			unlinkat(c->dfd, s->tmp, 0);
		tk_free(s->name);
	}
	return err;
}

size_t tk_cache_touched_count(const struct tk_cache *c)
{
	size_t n = c->nst;

	for (size_t i = 0; i < c->n; i++)
		n += c->e[i].touched;
	/* A staged update of a cached name replaces it: count it once. */
	for (size_t i = 0; i < c->nst; i++) {
		struct tk_cache_entry *e = tk_cache_find_name((struct tk_cache *)c, c->st[i].name);

		n -= e && e->touched;
	}
	return n;
}

uint64_t tk_cache_touched_bytes(const struct tk_cache *c)
{
	uint64_t b = 0;

	for (size_t i = 0; i < c->nst; i++)
		b += c->st[i].size;
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].touched)
			b += c->e[i].size;
	return b;
}

int tk_cache_write_state(struct tk_cache *c, const char *name, const void *buf, size_t n)
{
	char tmp[48];

	if (name[0] != '.' || strchr(name, '/') || !strncmp(name, TK_CACHE_TMP, 5))
		return TK_EINVAL;
	tk_cache_tmpname(c, tmp, sizeof tmp);
	return tk_io_replace_file(c->dfd, name, tmp, buf, n, 0644);
}

int tk_cache_remove_state(struct tk_cache *c, const char *name)
{
	if (name[0] != '.' || strchr(name, '/'))
		return TK_EINVAL;
	if (tk_io_unlink(c->dfd, name)) {
		if (errno == ENOENT)
			return TK_OK;
		return tk_io_err(errno);
	}
	return tk_io_fsync(c->dfd) ? tk_io_err(errno) : TK_OK;
}

int tk_cache_read_state(const struct tk_cache *c, const char *name, char *buf, size_t size)
{
	if (tk_buf_read_small(c->dfd, name, buf, size) < 0)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	return TK_OK;
}

uint64_t tk_cache_generation(const struct tk_cache *c)
{
	return c->generation;
}

int tk_cache_bump_generation(struct tk_cache *c)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%" PRIu64 "\n", c->generation + 1);
	int err = tk_cache_write_state(c, TK_CACHE_GENERATION, buf, (size_t)n);

	if (!err)
		c->generation++;
	return err;
}

int tk_cache_set_banner(struct tk_cache *c, int64_t until, const char *text)
{
	char buf[256];
	int n = snprintf(buf, sizeof buf, "%" PRId64 "\n", until);
	size_t len = strcspn(text, "\r\n");

	if (len > 200) {
		/* Cut at a UTF-8 character boundary. */
		len = tk_utf8_boundary(text, 200);
	}
	memcpy(buf + n, text, len);
	buf[(size_t)n + len] = '\n';
	return tk_cache_write_state(c, TK_CACHE_STATUS, buf, (size_t)n + len + 1);
}

/* Remove entry e from the directory (not yet from the array). */
static int tk_cache_drop(struct tk_cache *c, struct tk_cache_entry *e)
{
	if (tk_io_unlink(c->dfd, e->name) && errno != ENOENT)
		return tk_io_err(errno);
	e->removed = 1;
	return TK_OK;
}

static int tk_cache_cmp_old(const void *a, const void *b, void *ctx)
{
	const struct tk_cache_entry *x = &((const struct tk_cache_entry *)ctx)[*(const size_t *)a];
	const struct tk_cache_entry *y = &((const struct tk_cache_entry *)ctx)[*(const size_t *)b];

	if (x->mtime_ns != y->mtime_ns)
		return x->mtime_ns < y->mtime_ns ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Expiry and eviction: untouched articles only, oldest first. */
static int tk_cache_trim(struct tk_cache *c, const struct tk_cache_limits *lim, size_t *expired,
			 size_t *evicted)
{
	size_t count = 0, *order = NULL, no = 0;
	uint64_t bytes = 0;
	int err = TK_OK;
	int64_t limit_ns = lim->expire_days > 0
			       ? (lim->now - (int64_t)lim->expire_days * 86400) * 1000000000
			       : INT64_MIN;

	order = tk_malloc((c->n + 1) * sizeof *order);
	if (!order)
		return TK_ENOMEM;
	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].removed)
			continue;
		count++;
		bytes += c->e[i].size;
		if (!c->e[i].touched)
			order[no++] = i;
	}
	if (no)
		qsort_r(order, no, sizeof *order, tk_cache_cmp_old, c->e);
	for (size_t k = 0; k < no; k++) {
		struct tk_cache_entry *e = &c->e[order[k]];
		int old = e->mtime_ns < limit_ns;
		int over = (lim->max_articles > 0 && count > (size_t)lim->max_articles) ||
			   (lim->max_bytes > 0 && bytes > (uint64_t)lim->max_bytes);

		if (!old && !over)
			continue;
		err = tk_cache_drop(c, e);
		if (err)
			break;
		count--;
		bytes -= e->size;
		if (old)
			(*expired)++;
		else
			(*evicted)++;
	}
	tk_free(order);
	return err;
}

static int tk_cache_free_room(struct tk_cache *c);

static int tk_cache_write_pending(struct tk_cache *c)
{
	size_t cap = 32, n;
	char *buf, tmp[48];
	int err;

	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].touched)
			cap += strlen(c->e[i].name) + 1;
	buf = tk_malloc(cap);
	if (!buf)
		return TK_ENOMEM;
	memcpy(buf, "ticker-pending 1\n", 17);
	n = 17;
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].touched) {
			size_t l = strlen(c->e[i].name);

			memcpy(buf + n, c->e[i].name, l);
			buf[n + l] = '\n';
			n += l + 1;
		}
	memcpy(buf + n, "end\n", 4);
	n += 4;
	tk_cache_tmpname(c, tmp, sizeof tmp);
	err = tk_io_replace_file(c->dfd, TK_CACHE_PENDING, tmp, buf, n, 0644);
	if (err == TK_ENOSPC && tk_cache_free_room(c)) {
		/* A full disk must still be emptied: the removal only needs the
		 * journal, and the reserve kept room for it. */
		tk_cache_tmpname(c, tmp, sizeof tmp);
		err = tk_io_replace_file(c->dfd, TK_CACHE_PENDING, tmp, buf, n, 0644);
	}
	tk_free(buf);
	return err;
}

/* Give back the room kept for a full disk: the reserve, and the index (a hint
 * that is written again later). 1 if anything went. */
static int tk_cache_free_room(struct tk_cache *c)
{
	int freed = 0;

	if (!tk_io_unlink(c->dfd, TK_CACHE_RESERVE))
		freed = 1;
	if (!tk_io_unlink(c->dfd, TK_CACHE_INDEX)) {
		c->index_dirty = 1;
		freed = 1;
	}
	return freed;
}

/* Keep TK_CACHE_RESERVE_BYTES of real blocks aside under .reserve, so that
 * CLEAR and REPLACE can run on a disk that has filled up meanwhile. Best
 * effort: on a disk already full the removal falls back to the index. */
static void tk_cache_keep_reserve(struct tk_cache *c)
{
	struct stat st;
	char tmp[48];
	int fd, bad;

	if (!fstatat(c->dfd, TK_CACHE_RESERVE, &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode) &&
	    st.st_size >= TK_CACHE_RESERVE_BYTES &&
	    (uint64_t)st.st_blocks * 512 >= TK_CACHE_RESERVE_BYTES)
		return;
	tk_cache_tmpname(c, tmp, sizeof tmp);
	fd = openat(c->dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	bad = posix_fallocate(fd, 0, TK_CACHE_RESERVE_BYTES) != 0;
	bad |= close(fd) != 0;
	if (bad || tk_io_rename(c->dfd, tmp, c->dfd, TK_CACHE_RESERVE))
		unlinkat(c->dfd, tmp, 0);
}

/* Renew the age of articles that were on the stick again, unchanged. */
static void tk_cache_renew(struct tk_cache *c, int64_t now)
{
	for (size_t i = 0; i < c->n; i++) {
		struct tk_cache_entry *e = &c->e[i];

		struct timespec ts[2] = {{(time_t)now, 0}, {(time_t)now, 0}};

		if (!e->touched || e->removed || e->mtime_ns / 1000000000 >= now)
			continue;
		if (!utimensat(c->dfd, e->name, ts, AT_SYMLINK_NOFOLLOW)) {
			tk_cache_stat_entry(c, e);
			c->index_dirty = 1;
		}
	}
}

/* Commit, step 1: make every staged file durable, then rename each into view.
 * *done counts the renamed ones; *changed is set when any was. */
static int tk_cache_publish(struct tk_cache *c, const struct tk_cache_limits *lim,
			    struct tk_cache_changes *ch, size_t *done, int *changed)
{
	int err = TK_OK;

	/* Every staged file must be on disk before any of them is renamed into
	 * view: one syncfs(2) does that for all of them at the cost of one flush,
	 * where an fsync per file costs a journal commit each (5 ms on an SD card). */
	if (c->nst && tk_io_syncfs(c->dfd))
		return tk_io_err(errno);
	for (; *done < c->nst; (*done)++) {
		struct tk_cache_staged *s = &c->st[*done];
		struct tk_cache_entry *e = tk_cache_find_name(c, s->name);

		if (tk_io_rename(c->dfd, s->tmp, c->dfd, s->name)) {
			err = tk_io_err(errno);
			break;
		}
		*changed = 1;
		ch->added++;
		if (!e) {
			e = &c->e[c->n++];
			memset(e, 0, sizeof *e);
			e->name = s->name;
			s->name = NULL;
		}
		e->touched = e->hashed = 1;
		memcpy(e->sha, s->sha, 32);
		if (tk_cache_stat_entry(c, e)) {
			e->size = s->size;
			e->mtime_ns = lim->now * 1000000000;
		}
		c->index_dirty = 1;
	}
	/* The renamed files are durable, and only then the journal may name them. */
	if (*changed && tk_io_fsync(c->dfd) && !err)
		err = tk_io_err(errno);
	return err;
}

/* Commit, step 2 of a REPLACE: journal the complete new set, then remove
 * every article not in it. Once the journal is written the REPLACE has
 * happened (ch->replaced): a crash or failure after it is rolled forward. */
static int tk_cache_remove_rest(struct tk_cache *c, struct tk_cache_changes *ch, int *changed)
{
	int any = 0, err;

	for (size_t i = 0; i < c->n; i++)
		any |= !c->e[i].touched;
	if (!any)
		return TK_OK;
	err = tk_cache_write_pending(c);
	if (err)
		return err;
	ch->replaced = 1;
	*changed = 1;
	for (size_t i = 0; i < c->n && !err; i++)
		if (!c->e[i].touched) {
			err = tk_cache_drop(c, &c->e[i]);
			ch->removed += !err;
		}
	if (err)
		return err;
	if (tk_io_fsync(c->dfd) || tk_io_unlink(c->dfd, TK_CACHE_PENDING) || tk_io_fsync(c->dfd))
		return tk_io_err(errno);
	return TK_OK;
}

/* Commit, last step, whatever happened before: staged files not renamed are
 * discarded, the index and .generation follow what is now on disk. */
static int tk_cache_settle(struct tk_cache *c, size_t done, int changed, int err)
{
	for (size_t i = 0; i < c->nst; i++) {
		if (i >= done)
			unlinkat(c->dfd, c->st[i].tmp, 0);
		tk_free(c->st[i].name);
	}
	c->nst = 0;
	if (tk_cache_reindex(c) && !err)
		err = TK_ENOMEM;
	if (c->index_dirty) {
		int e2 = tk_cache_save_index(c);

		if (!err && e2 == TK_ENOSPC)
			err = e2; /* a stale index only costs hashing time; a full disk is news */
	}
	if (changed || !err) {
		int e2 = tk_cache_bump_generation(c);

		if (!err)
			err = e2;
	}
	for (size_t i = 0; i < c->n; i++)
		c->e[i].touched = 0;
	if (!err)
		tk_cache_keep_reserve(c);
	return err;
}

int tk_cache_commit(struct tk_cache *c, enum tk_cache_mode mode, const struct tk_cache_limits *lim,
		    struct tk_cache_changes *ch)
{
	struct tk_cache_changes tmp = {0};
	size_t done = 0;
	int err, changed = 0;

	if (!ch)
		ch = &tmp;
	memset(ch, 0, sizeof *ch);
	/* Room for every staged name: entries are appended by the publish step. */
	err = c->n + c->nst ? tk_buf_grow(&c->e, &c->cap, c->n + c->nst - 1, sizeof *c->e, 64)
			    : TK_OK;
	if (!err)
		err = tk_cache_publish(c, lim, ch, &done, &changed);
	if (!err && mode == TK_CACHE_REPLACE)
		err = tk_cache_remove_rest(c, ch, &changed);
	if (!err) {
		tk_cache_renew(c, lim->now);
		err = tk_cache_trim(c, lim, &ch->expired, &ch->evicted);
		if (ch->expired || ch->evicted) {
			changed = 1;
			if (tk_io_fsync(c->dfd) && !err)
				err = tk_io_err(errno);
		}
	}
	err = tk_cache_settle(c, done, changed, err);
	if (mode == TK_CACHE_REPLACE && !err)
		ch->replaced = 1; /* also when nothing else was there to remove */
	return err;
}

int tk_cache_expire(struct tk_cache *c, const struct tk_cache_limits *lim, size_t *n)
{
	size_t expired = 0, evicted = 0;
	int err = tk_cache_trim(c, lim, &expired, &evicted);

	if (expired + evicted) {
		if (tk_io_fsync(c->dfd) && !err)
			err = tk_io_err(errno);
		if (tk_cache_reindex(c) && !err)
			err = TK_ENOMEM;
		tk_cache_save_index(c);
		if (!err)
			err = tk_cache_bump_generation(c);
	}
	if (n)
		*n = expired + evicted;
	return err;
}

int tk_cache_remove(struct tk_cache *c, const char *name)
{
	struct tk_cache_entry *e = tk_cache_find_name(c, name);
	int err;

	if (!e || e->removed)
		return TK_ENOENT;
	err = tk_cache_drop(c, e);
	if (!err && tk_io_fsync(c->dfd))
		err = tk_io_err(errno);
	if (tk_cache_reindex(c) && !err)
		err = TK_ENOMEM;
	tk_cache_save_index(c); /* a stale index only costs hashing time */
	if (!err)
		err = tk_cache_bump_generation(c);
	return err;
}

int tk_cache_config_apply(const char *dir, struct tk_config *cfg, tk_config_report_fn report,
			  void *ctx)
{
	struct tk_config copy = *cfg;
	char *text = NULL;
	size_t len;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err;

	if (dfd < 0)
		return errno == ENOENT ? TK_OK : TK_EIO;
	err = tk_buf_read_at(dfd, TK_CACHE_CONFIG, TK_CONFIG_FILE_MAX, &text, &len);
	close(dfd);
	if (err == TK_ENOENT)
		return TK_OK;
	if (err) {
		cfg->service |= TK_SERVICE_STICK_CONF;
		return err == TK_ENOMEM ? err : TK_EIO;
	}
	/* Checked against the stick column on every load: the file is on a
	 * writable disk and the rules may have tightened since it was stored. */
	err = tk_config_parse_from(&copy, TK_CONFIG_STICK, text, len, report, ctx);
	if (!err)
		*cfg = copy;
	else
		cfg->service |= TK_SERVICE_STICK_CONF;
	tk_free(text);
	return err;
}

int tk_cache_recover(const char *dir)
{
	struct tk_cache c = {0};
	int err = TK_OK;

	c.lockfd = -1;
	c.dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c.dfd < 0)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	if (faccessat(c.dfd, TK_CACHE_PENDING, F_OK, AT_SYMLINK_NOFOLLOW))
		goto out; /* nothing interrupted: the usual case, no lock needed */
	c.lockfd = openat(c.dfd, TK_CACHE_LOCK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (c.lockfd < 0) {
		err = tk_io_err(errno);
		goto out;
	}
	if (flock(c.lockfd, LOCK_EX | LOCK_NB)) {
		/* An importer holds it: it finishes the journal and bumps .generation. */
		err = errno == EWOULDBLOCK ? TK_EBUSY : TK_EIO;
		goto out;
	}
	err = tk_cache_roll_forward(&c);
	if (!err) {
		char gen[32];

		if (!tk_cache_read_state(&c, TK_CACHE_GENERATION, gen, sizeof gen))
			c.generation = strtoull(gen, NULL, 10);
		err = tk_cache_bump_generation(&c);
	}
out:
	if (c.lockfd >= 0)
		close(c.lockfd);
	close(c.dfd);
	return err;
}
