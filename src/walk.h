/* Safe walk of a directory tree that a stranger supplied (a USB stick):
 * openat + O_NOFOLLOW everywhere, symlinks never followed, devices, FIFOs and
 * sockets skipped, depth and entry count capped, operating-system litter
 * recognised, any name bytes handled. Used by import and by sign, so both
 * see exactly the same set of files. */
#ifndef TK_WALK_H
#define TK_WALK_H

#include <stddef.h>
#include <sys/stat.h>

#if !defined(TK_WALK_MAX_DEPTH)
#define TK_WALK_MAX_DEPTH 16
#endif
#if !defined(TK_WALK_MAX_ENTRIES)
#define TK_WALK_MAX_ENTRIES 20000
#endif

/* Files the ticker itself writes at the top of a stick (never articles,
 * never listed in a signed manifest): the one home of their names. */
#define TK_STICK_REPORT "TICKER-REPORT.txt"
#define TK_STICK_PREVIEW "TICKER-PREVIEW.png"

enum tk_walk_kind {
	TK_WALK_FILE,  /* a regular file: open it with openat(dirfd, name, ...) */
	TK_WALK_JUNK,  /* left by an operating system (Thumbs.db, ._x, .Trashes/...) */
	TK_WALK_SKIP,  /* not followed or not a file: symlink, device, FIFO, too deep */
	TK_WALK_ERROR, /* a folder could not be read */
};

struct tk_walk_entry {
	enum tk_walk_kind kind;
	int dirfd;	       /* the folder holding name (valid during the call) */
	const char *name;      /* the entry's name in that folder (raw bytes) */
	const char *path;      /* relative to the root, '/'-separated (raw bytes) */
	int depth;	       /* 0 = in the root folder */
	const struct stat *st; /* lstat-like (never follows), NULL for errors */
	const char *reason;    /* JUNK/SKIP/ERROR: static one-line explanation */
	int errnum;	       /* ERROR: the system's error (EACCES, EIO, ...), else 0 */
};

/* Return 0 to go on, anything else to stop the walk (returned by tk_walk). */
typedef int (*tk_walk_fn)(void *ctx, const struct tk_walk_entry *e);

struct tk_walk_stats {
	size_t entries; /* names looked at */
	int truncated;	/* stopped at TK_WALK_MAX_ENTRIES */
	int errors;	/* folders that could not be read */
};

/* Walk rootfd (a directory descriptor; not closed) in byte order of names,
 * calling fn for every entry except folders themselves. Returns TK_OK, the
 * callback's non-zero value, or TK_ENOMEM. stats may be NULL. */
int tk_walk(int rootfd, tk_walk_fn fn, void *ctx, struct tk_walk_stats *stats);

/* True for names operating systems leave on sticks (see tk_walk). */
int tk_walk_is_junk(const char *name);

#endif
