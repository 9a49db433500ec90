/* Safe directory walk over untrusted trees: every step is relative to an open
 * directory descriptor with O_NOFOLLOW, so a symlink (or a loop of them) can
 * never lead outside the tree, and names are only ever passed as bytes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "walk.h"

int tk_walk_is_junk(const char *name)
{
	static const char *const exact[] = {
	    "System Volume Information",
	    "$RECYCLE.BIN",
	    "RECYCLER",
	    "Thumbs.db",
	    "ehthumbs.db",
	    "desktop.ini",
	    "LOST.DIR",
	    "lost+found", /* made by mkfs.ext4, root's only */
	    "Icon\r",
	    "TICKER-UPDATE", /* a software update (update.h): signed and read on its own */
	    NULL,
	};

	/* Hidden names: ._AppleDouble, .DS_Store, .Trashes, .Spotlight-V100,
	 * .fseventsd, .Trash-1000, ... never meant as content. */
	if (name[0] == '.')
		return 1;
	if (!strncmp(name, "~$", 2) || !strncasecmp(name, "FOUND.", 6))
		return 1; /* Office lock files, chkdsk leftovers */
	for (int i = 0; exact[i]; i++)
		if (!strcasecmp(name, exact[i]))
			return 1;
	return 0;
}

struct tk_walk_state {
	tk_walk_fn fn;
	void *ctx;
	struct tk_walk_stats *st;
	char path[4096];
};

static int tk_walk_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int tk_walk_emit(struct tk_walk_state *w, enum tk_walk_kind kind, int dfd, const char *name,
			int depth, const struct stat *st, const char *reason)
{
	struct tk_walk_entry e = {kind, dfd, name, w->path, depth, st, reason, 0};

	return w->fn(w->ctx, &e);
}

/* A folder or entry that could not be read, with the system's reason. */
static int tk_walk_error(struct tk_walk_state *w, int dfd, const char *name, int depth,
			 const struct stat *st, const char *reason, int errnum)
{
	struct tk_walk_entry e = {TK_WALK_ERROR, dfd, name, w->path, depth, st, reason, errnum};

	w->st->errors++;
	return w->fn(w->ctx, &e);
}

static int tk_walk_dir(struct tk_walk_state *w, int dfd, int depth);

/* One name of a folder: classify it (never following a link) and emit it, or
 * go into it. w->path gets the entry's path after its folder's (base bytes). */
static int tk_walk_one(struct tk_walk_state *w, int dfd, const char *name, int depth, size_t base)
{
	size_t nl = strlen(name);
	struct stat st;
	int sub;

	if (base + nl + 2 >= sizeof w->path)
		return tk_walk_emit(w, TK_WALK_SKIP, dfd, name, depth, NULL, "path too long");
	if (base)
		w->path[base] = '/';
	memcpy(w->path + base + (base ? 1 : 0), name, nl + 1);
	if (tk_walk_is_junk(name))
		return tk_walk_emit(w, TK_WALK_JUNK, dfd, name, depth, NULL,
				    "left by the operating system");
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return tk_walk_error(w, dfd, name, depth, NULL, "could not be read", errno);
	if (S_ISREG(st.st_mode))
		return tk_walk_emit(w, TK_WALK_FILE, dfd, name, depth, &st, NULL);
	if (S_ISLNK(st.st_mode))
		return tk_walk_emit(w, TK_WALK_SKIP, dfd, name, depth, &st,
				    "a link (shortcut): links are never followed");
	if (!S_ISDIR(st.st_mode))
		return tk_walk_emit(w, TK_WALK_SKIP, dfd, name, depth, &st,
				    "not a regular file (device, pipe or socket)");
	if (depth + 1 >= TK_WALK_MAX_DEPTH)
		return tk_walk_emit(w, TK_WALK_SKIP, dfd, name, depth, &st,
				    "folder nested too deeply: not looked into");
	sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (sub < 0)
		return tk_walk_error(w, dfd, name, depth, &st, "folder could not be opened", errno);
	return tk_walk_dir(w, sub, depth + 1);
}

/* dfd is owned (closed here). w->path holds the folder's path ("" at the root). */
static int tk_walk_dir(struct tk_walk_state *w, int dfd, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, base = strlen(w->path);
	int ret = TK_OK;

	if (!d) {
		int e = errno;

		close(dfd);
		return tk_walk_error(w, -1, "", depth, NULL, "folder could not be read", e);
	}
	/* Read the whole folder first: the order is then the same on every run. */
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (w->st->entries + n >= TK_WALK_MAX_ENTRIES) {
			w->st->truncated = 1;
			break;
		}
		if (tk_buf_grow(&names, &cap, n, sizeof *names, 64)) {
			ret = TK_ENOMEM;
			goto out;
		}
		names[n] = tk_strdup(de->d_name);
		if (!names[n]) {
			ret = TK_ENOMEM;
			goto out;
		}
		n++;
	}
	if (!de && errno) {
		ret = tk_walk_error(w, dirfd(d), "", depth, NULL,
				    "folder could not be read completely", errno);
		if (ret)
			goto out;
	}
	if (n)
		qsort(names, n, sizeof *names, tk_walk_cmp);
	w->st->entries += n;
	for (size_t i = 0; i < n && !ret; i++) {
		ret = tk_walk_one(w, dirfd(d), names[i], depth, base);
		w->path[base] = '\0';
		if (w->st->truncated)
			break;
	}
out:
	for (size_t i = 0; i < n; i++)
		tk_free(names[i]);
	tk_free(names);
	closedir(d);
	return ret;
}

int tk_walk(int rootfd, tk_walk_fn fn, void *ctx, struct tk_walk_stats *stats)
{
	struct tk_walk_stats tmp;
	struct tk_walk_state *w = tk_calloc(1, sizeof *w);
	int fd, ret;

	if (!stats)
		stats = &tmp;
	memset(stats, 0, sizeof *stats);
	if (!w)
		return TK_ENOMEM;
	w->fn = fn;
	w->ctx = ctx;
	w->st = stats;
	/* A private descriptor: fdopendir takes it over and its offset is ours. */
	fd = openat(rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		ret = tk_walk_error(w, -1, "", 0, NULL, "folder could not be read", errno);
	} else {
		ret = tk_walk_dir(w, fd, 0);
	}
	tk_free(w);
	return ret;
}
