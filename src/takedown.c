/* Take-down: see takedown.h. */
#include "takedown.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "err.h"
#include "import.h"
#include "io.h"
#include "mem.h"

#define TK_TAKEDOWN_LINE_MAX 1024

/* The line at p, trimmed, into out; returns the next line, NULL past the end. */
static const char *tk_td_next_line(const char *p, const char *end, char *out, size_t size)
{
	const char *nl, *a, *b;
	size_t n;

	if (p >= end)
		return NULL;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl)
		nl = end;
	a = p;
	b = nl;
	if (a + 3 <= b && !memcmp(a, "\xef\xbb\xbf", 3)) /* a Windows editor's BOM */
		a += 3;
	while (a < b && strchr(" \t\r", *a))
		a++;
	while (b > a && strchr(" \t\r", b[-1]))
		b--;
	n = (size_t)(b - a) < size - 1 ? (size_t)(b - a) : size - 1;
	memcpy(out, a, n);
	out[n] = '\0';
	return nl < end ? nl + 1 : end;
}

/* The cached article the line names by file, case-insensitively; or NULL. */
static const char *tk_td_by_name(struct tk_cache *c, const char *line)
{
	char path[TK_TAKEDOWN_LINE_MAX], cname[256];
	struct tk_cache_info info;

	snprintf(path, sizeof path, "%s", line);
	for (char *q = path; *q; q++)
		if (*q == '\\')
			*q = '/';
	while (path[0] == '/')
		memmove(path, path + 1, strlen(path));
	tk_import_cache_name(path, cname, sizeof cname);
	for (size_t i = 0; tk_cache_get(c, i, &info) == TK_OK; i++)
		if (!strcasecmp(info.name, line) || !strcasecmp(info.name, cname))
			return info.name;
	return NULL;
}

/* Does the article file name hold an article with this headline? */
static int tk_td_has_headline(struct tk_cache *c, const char *name, const char *headline,
			      size_t max)
{
	struct tk_read_opts ro = {max, NULL};
	struct tk_doc *doc = NULL;
	const char *reason = NULL;
	char *buf = NULL;
	struct stat st;
	size_t n = 0;
	ssize_t r = 1;
	int hit = 0, fd = openat(tk_cache_dirfd(c), name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) || (uint64_t)st.st_size > max ||
	    !(buf = tk_malloc((size_t)st.st_size + 1)))
		goto out;
	while (n < (size_t)st.st_size && (r = tk_io_read(fd, buf + n, (size_t)st.st_size - n)) > 0)
		n += (size_t)r;
	if (r < 0 || tk_doc_parse(buf, n, name, &ro, &doc, &reason))
		goto out;
	for (size_t i = 0; i < tk_doc_count(doc) && !hit; i++)
		hit = !strcasecmp(tk_doc_article(doc, i)->headline, headline);
out:
	tk_doc_free(doc);
	tk_free(buf);
	close(fd);
	return hit;
}

static const char *tk_td_by_headline(struct tk_cache *c, const char *line, size_t max)
{
	struct tk_cache_info info;

	for (size_t i = 0; tk_cache_get(c, i, &info) == TK_OK; i++)
		if (tk_td_has_headline(c, info.name, line, max))
			return info.name;
	return NULL;
}

const char *tk_takedown_find(struct tk_cache *c, const char *line, size_t max_file_bytes)
{
	const char *hit = tk_td_by_name(c, line);

	return hit ? hit : tk_td_by_headline(c, line, max_file_bytes ? max_file_bytes : 4u << 20);
}

/* One line: find the article, remove it, report. */
static int tk_td_line(struct tk_cache *c, const char *line, int no, size_t max,
		      tk_takedown_fn report, void *ctx, size_t *removed)
{
	char name[256];
	const char *hit = tk_takedown_find(c, line, max);
	int err;

	if (!hit) {
		report(ctx, no, 0, line,
		       "not on the ticker (no article file or headline by that name)");
		return TK_OK;
	}
	snprintf(name, sizeof name, "%s", hit); /* hit is borrowed until the removal */
	err = tk_cache_remove(c, name);
	if (err == TK_ENOMEM)
		return err;
	if (err) {
		report(ctx, no, 0, name,
		       "could not be removed (storage error): still on the ticker");
		return TK_EIO;
	}
	(*removed)++;
	report(ctx, no, 1, name, "taken off the screen");
	return TK_OK;
}

int tk_takedown_apply(struct tk_cache *c, const char *text, size_t len, size_t max_file_bytes,
		      tk_takedown_fn report, void *ctx, size_t *removed)
{
	char line[TK_TAKEDOWN_LINE_MAX];
	const char *p = text, *end = text + len;
	size_t count = 0;
	int no = 0, err = TK_OK;

	if (!max_file_bytes)
		max_file_bytes = 4u << 20;
	while (err != TK_ENOMEM && (p = tk_td_next_line(p, end, line, sizeof line))) {
		int e2;

		no++;
		if (!line[0] || line[0] == '#')
			continue;
		e2 = tk_td_line(c, line, no, max_file_bytes, report, ctx, &count);
		if (e2 && !err)
			err = e2;
		else if (e2 == TK_ENOMEM)
			err = e2;
	}
	if (removed)
		*removed = count;
	return err;
}
