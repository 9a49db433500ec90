/* Record store sync: after each import (and at boot, `ticker import
 * --rebuild`), every cached article gets a current record in .records/ and
 * the index is replaced. Runs in the unprivileged import process, one article
 * in memory at a time, so a hostile file never reaches the display. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "recstore.h"
#include "showdates.h"

#define TK_RS_TMP ".tmp-"

struct tk_rs_entry {
	unsigned char sha[32];
	int64_t date; /* the record's first article date, or TK_RECORD_NO_DATE */
	int64_t mtime;
};

/* What one sync works with. */
struct tk_rs {
	struct tk_cache *cache;
	int dfd, rfd; /* cache, .records */
	unsigned char fp[TK_RECORD_FP_BYTES];
	size_t max_bytes;
	struct tk_rs_entry *old; /* previous index (current fingerprint only), by sha */
	size_t n_old;
	struct tk_rs_entry *cur; /* this sync's index, in cache order */
	char **names;
	size_t n_cur;
	unsigned seq;
	struct tk_recstore_stats *st;
	char *showdates; /* .showdates text (showdates.h), or NULL */
};

int tk_recstore_fingerprint(const struct tk_recstore_opts *o, unsigned char fp[TK_RECORD_FP_BYTES])
{
	crypto_generichash_state h;
	unsigned char buf[65536];
	char set[96];
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC), err = TK_OK;
	ssize_t r;

	if (fd < 0)
		return TK_EIO;
	crypto_generichash_init(&h, NULL, 0, TK_RECORD_FP_BYTES);
	snprintf(set, sizeof set, "record %d max_file_bytes %zu", TK_RECORD_VERSION,
		 o && o->max_file_bytes ? o->max_file_bytes : (size_t)4 << 20);
	crypto_generichash_update(&h, (const unsigned char *)set, strlen(set));
	while ((r = read(fd, buf, sizeof buf)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = TK_EIO;
			break;
		}
		crypto_generichash_update(&h, buf, (size_t)r);
	}
	close(fd);
	crypto_generichash_final(&h, fp, TK_RECORD_FP_BYTES);
	return err;
}

static int tk_rs_cmp(const void *a, const void *b)
{
	return memcmp(((const struct tk_rs_entry *)a)->sha, ((const struct tk_rs_entry *)b)->sha,
		      32);
}

/* The previous index, if it was written with this fingerprint. */
static int tk_rs_read_old(struct tk_rs *s)
{
	char *text = NULL, *line, *save = NULL, want[2 * TK_RECORD_FP_BYTES + 1];
	size_t len, cap = 0;
	int err = tk_buf_read_at(s->rfd, TK_RECSTORE_INDEX, 64u << 20, &text, &len);

	if (err)
		return err == TK_ENOMEM ? err : TK_OK; /* missing or unreadable: rebuild */
	text[len] = '\0';
	sodium_bin2hex(want, sizeof want, s->fp, TK_RECORD_FP_BYTES);
	line = strtok_r(text, "\n", &save);
	if (!line || strncmp(line, TK_RECSTORE_MAGIC " 1 ", sizeof TK_RECSTORE_MAGIC + 2) ||
	    strcmp(line + sizeof TK_RECSTORE_MAGIC + 2, want)) {
		s->st->fp_changed = line != NULL;
		goto out;
	}
	while ((line = strtok_r(NULL, "\n", &save))) {
		struct tk_rs_entry e;
		char *end;

		if (strlen(line) < 66 || line[64] != ' ' ||
		    sodium_hex2bin(e.sha, 32, line, 64, NULL, NULL, NULL))
			continue;
		if (line[65] == '-') {
			e.date = TK_RECORD_NO_DATE;
		} else {
			e.date = strtoll(line + 65, &end, 10);
			if (end == line + 65)
				continue;
		}
		if (tk_buf_grow(&s->old, &cap, s->n_old, sizeof *s->old, 256)) {
			err = TK_ENOMEM;
			goto out;
		}
		s->old[s->n_old++] = e;
	}
	if (s->n_old)
		qsort(s->old, s->n_old, sizeof *s->old, tk_rs_cmp);
out:
	tk_free(text);
	return err;
}

/* The sort date of a record: its first article's date, if any. */
static int64_t tk_rs_date(const struct tk_record *r)
{
	return r && r->n_articles ? r->articles[0].date : TK_RECORD_NO_DATE;
}

/* Write bytes as .records/<hex>, made durable by the syncfs before the index
 * that names it. A new record is created in place (O_EXCL): an index never
 * names it before that syncfs, and a torn one after a crash fails validation
 * and is rebuilt. An existing one (stale) is replaced by rename, so a display
 * reading it meanwhile sees the old or the new record whole. */
static int tk_rs_write(struct tk_rs *s, const char *hex, const void *buf, size_t n)
{
	char tmp[48];
	const char *name = hex;
	int fd, err = TK_OK;

	fd = openat(s->rfd, hex, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 && errno == EEXIST) {
		snprintf(tmp, sizeof tmp, TK_RS_TMP "%ld-%u", (long)getpid(), ++s->seq);
		name = tmp;
		fd = openat(s->rfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
			    0644);
	}
	if (fd < 0)
		return tk_io_err(errno);
	if (tk_io_write_all(fd, buf, n))
		err = tk_io_err(errno);
	if (close(fd) && !err)
		err = tk_io_err(errno);
	if (!err && name != hex && tk_io_rename(s->rfd, tmp, s->rfd, hex))
		err = tk_io_err(errno);
	if (err)
		unlinkat(s->rfd, name, 0);
	return err;
}

/* Read, parse and extract one article and write its record. */
static int tk_rs_build(struct tk_rs *s, const struct tk_cache_info *ci, const char *hex,
		       int64_t *date)
{
	struct tk_read_opts ro = {s->max_bytes, NULL};
	struct tk_doc *doc = NULL;
	struct tk_record *rec = NULL;
	const char *reason = NULL;
	char *buf = NULL;
	void *bytes = NULL;
	size_t len = 0, blen = 0;
	int err = tk_buf_read_at(s->dfd, ci->name, s->max_bytes, &buf, &len);

	if (err == TK_ENOMEM || err == TK_ENOENT)
		goto out;
	if (!err)
		err = tk_doc_parse(buf, len, ci->name, &ro, &doc, &reason);
	if (err == TK_ENOMEM)
		goto out;
	if (err)
		s->st->refused++; /* an empty record: not retried at every import */
	err = tk_record_encode(doc, s->fp, &bytes, &blen);
	if (!err)
		err = tk_rs_write(s, hex, bytes, blen);
	if (!err)
		err = tk_record_decode(bytes, blen, &rec);
	if (!err) {
		*date = tk_rs_date(rec);
		s->st->built++;
	}
out:
	tk_record_free(rec);
	tk_free(bytes);
	tk_doc_free(doc);
	tk_free(buf);
	return err;
}

/* A record on disk written with this fingerprint (an earlier sync stopped
 * before its index): keep it. 1 if kept, 0 if it must be built. */
static int tk_rs_current(struct tk_rs *s, const char *hex, int64_t *date)
{
	struct tk_record *rec = NULL;
	unsigned char fp[TK_RECORD_FP_BYTES];
	char *buf = NULL;
	size_t len;
	int ok = 0;

	if (tk_buf_read_at(s->rfd, hex, TK_RECORD_MAX_BYTES, &buf, &len) ||
	    tk_record_peek(buf, len, fp) || memcmp(fp, s->fp, sizeof fp) ||
	    tk_record_decode(buf, len, &rec))
		goto out;
	*date = tk_rs_date(rec);
	ok = 1;
out:
	tk_record_free(rec);
	tk_free(buf);
	return ok;
}

static int tk_rs_entry_for(struct tk_rs *s, size_t i, int force)
{
	struct tk_cache_info ci;
	struct tk_rs_entry *e = &s->cur[s->n_cur], *old = NULL;
	struct stat sb;
	char hex[65];
	int err = TK_OK;

	if (tk_cache_get(s->cache, i, &ci))
		return TK_OK;
	memcpy(e->sha, ci.sha256, 32);
	e->mtime = ci.mtime;
	sodium_bin2hex(hex, sizeof hex, ci.sha256, 32);
	if (!force && s->n_old)
		old = bsearch(e, s->old, s->n_old, sizeof *s->old, tk_rs_cmp);
	/* Listed is not enough: the file must still be there (a stat, no read). */
	if (old && (fstatat(s->rfd, hex, &sb, AT_SYMLINK_NOFOLLOW) || !S_ISREG(sb.st_mode)))
		old = NULL;
	if (old)
		e->date = old->date; /* listed and current: nothing to read */
	if (old || (!force && tk_rs_current(s, hex, &e->date))) {
		s->st->kept++;
	} else {
		err = tk_rs_build(s, &ci, hex, &e->date);
		if (err == TK_ENOENT) /* removed under us: not listed */
			return TK_OK;
		if (err)
			return err;
	}
	s->names[s->n_cur] = tk_strdup(ci.name);
	if (!s->names[s->n_cur])
		return TK_ENOMEM;
	s->n_cur++;
	return TK_OK;
}

/* Remove records no cached article has, and leftover temporary files. */
static void tk_rs_gc(struct tk_rs *s)
{
	struct tk_rs_entry *sorted = NULL;
	DIR *d = NULL;
	struct dirent *de;
	int fd = dup(s->rfd);

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	sorted = tk_malloc((s->n_cur ? s->n_cur : 1) * sizeof *sorted);
	if (!sorted)
		goto out;
	memcpy(sorted, s->cur, s->n_cur * sizeof *sorted);
	qsort(sorted, s->n_cur, sizeof *sorted, tk_rs_cmp);
	while ((de = readdir(d))) {
		struct tk_rs_entry key;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, TK_RECSTORE_INDEX))
			continue;
		if (strlen(de->d_name) == 64 &&
		    !sodium_hex2bin(key.sha, 32, de->d_name, 64, NULL, NULL, NULL) &&
		    bsearch(&key, sorted, s->n_cur, sizeof *sorted, tk_rs_cmp))
			continue;
		if (!strncmp(de->d_name, TK_RS_TMP, strlen(TK_RS_TMP)) &&
		    atol(de->d_name + strlen(TK_RS_TMP)) == (long)getpid())
			continue;
		if (!tk_io_unlink(s->rfd, de->d_name))
			s->st->removed++;
	}
out:
	tk_free(sorted);
	closedir(d);
}

/* "/FROM/UNTIL" after MTIME when the article has show dates (showdates.h);
 * readers that stop at MTIME ignore it. */
static void tk_rs_window(const struct tk_rs *s, const char *name, char *out, size_t size)
{
	int64_t f, u;
	char a[24] = "-", b[24] = "-";

	out[0] = '\0';
	if (!s->showdates)
		return;
	tk_showdates_lookup(s->showdates, name, &f, &u);
	if (f == TK_SHOWDATES_OPEN && u == TK_SHOWDATES_OPEN)
		return;
	if (f != TK_SHOWDATES_OPEN)
		snprintf(a, sizeof a, "%" PRId64, f);
	if (u != TK_SHOWDATES_OPEN)
		snprintf(b, sizeof b, "%" PRId64, u);
	snprintf(out, size, "/%s/%s", a, b);
}

static int tk_rs_write_index(struct tk_rs *s)
{
	char fphex[2 * TK_RECORD_FP_BYTES + 1], hex[65], tmp[48];
	size_t cap = 64 + s->n_cur * TK_RECSTORE_LINE_MAX, n;
	char *buf = tk_malloc(cap);
	int err;

	if (!buf)
		return TK_ENOMEM;
	sodium_bin2hex(fphex, sizeof fphex, s->fp, TK_RECORD_FP_BYTES);
	n = (size_t)snprintf(buf, cap, TK_RECSTORE_MAGIC " 1 %s\n", fphex);
	for (size_t i = 0; i < s->n_cur; i++) {
		char date[24] = "-", win[64] = "";

		sodium_bin2hex(hex, sizeof hex, s->cur[i].sha, 32);
		if (s->cur[i].date != TK_RECORD_NO_DATE)
			snprintf(date, sizeof date, "%" PRId64, s->cur[i].date);
		tk_rs_window(s, s->names[i], win, sizeof win);
		n += (size_t)snprintf(buf + n, cap - n, "%s %s %" PRId64 "%s %.255s\n", hex, date,
				      s->cur[i].mtime, win, s->names[i]);
	}
	snprintf(tmp, sizeof tmp, TK_RS_TMP "index-%ld", (long)getpid());
	err = tk_io_replace_file(s->rfd, TK_RECSTORE_INDEX, tmp, buf, n, 0644);
	tk_free(buf);
	return err;
}

static int tk_rs_open_dir(struct tk_rs *s)
{
	if (mkdirat(s->dfd, TK_RECSTORE_DIR, 0755) && errno != EEXIST)
		return tk_io_err(errno);
	s->rfd = openat(s->dfd, TK_RECSTORE_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	return s->rfd < 0 ? TK_EIO : TK_OK;
}

int tk_recstore_sync(struct tk_cache *c, const struct tk_recstore_opts *o,
		     struct tk_recstore_stats *st)
{
	struct tk_recstore_stats dummy;
	struct tk_rs s = {0};
	size_t n = tk_cache_count(c);
	int err;

	s.st = st ? st : &dummy;
	memset(s.st, 0, sizeof *s.st);
	s.cache = c;
	s.dfd = tk_cache_dirfd(c);
	s.rfd = -1;
	s.max_bytes = o && o->max_file_bytes ? o->max_file_bytes : (size_t)4 << 20;
	err = tk_recstore_fingerprint(o, s.fp);
	if (!err)
		err = tk_rs_open_dir(&s);
	if (!err)
		err = tk_rs_read_old(&s);
	if (err)
		goto out;
	s.cur = tk_malloc((n ? n : 1) * sizeof *s.cur);
	s.names = tk_calloc(n ? n : 1, sizeof *s.names);
	if (!s.cur || !s.names) {
		err = TK_ENOMEM;
		goto out;
	}
	s.showdates = tk_calloc(1, TK_SHOWDATES_MAX + 1);
	if (!s.showdates) {
		err = TK_ENOMEM;
		goto out;
	}
	if (tk_cache_read_state(c, TK_SHOWDATES_STATE, s.showdates, TK_SHOWDATES_MAX + 1)) {
		tk_free(s.showdates);
		s.showdates = NULL;
	}
	for (size_t i = 0; i < n && !err; i++)
		err = tk_rs_entry_for(&s, i, o && o->force);
	/* New records must be on disk before an index that names them. */
	if (!err && s.st->built && tk_io_syncfs(s.rfd))
		err = tk_io_err(errno);
	if (!err)
		err = tk_rs_write_index(&s);
	if (!err)
		tk_rs_gc(&s);
	s.st->records = s.n_cur;
out:
	for (size_t i = 0; s.names && i < s.n_cur; i++)
		tk_free(s.names[i]);
	tk_free(s.names);
	tk_free(s.showdates);
	tk_free(s.cur);
	tk_free(s.old);
	if (s.rfd >= 0)
		close(s.rfd);
	return err;
}
