/* The display's playlist loader: the one place the display turns a cache
 * directory into a playlist (tk_loader_load), a preload that runs while the
 * output opens, and a thread that follows the cache (the .generation file,
 * 250 ms poll, and the .status/.urgent notices) and posts what changed for the
 * frame loop to pick up without waiting. SDL-free. */
#ifndef TK_LOADER_H
#define TK_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "playlist.h"

/* Load dir into a new playlist with cfg's limits and log what it holds; a
 * missing dir gives an empty playlist (the idle screen). Returns TK_OK,
 * TK_EIO or TK_ENOMEM (logged). */
int tk_loader_load(const struct tk_config *cfg, const char *dir, struct tk_playlist **out);

/* The crawl's share of pl (sorted newest first): its first n articles, as a
 * new playlist, or a new reference to pl itself when n is 0 or pl has no more
 * than n. Returns TK_OK or TK_ENOMEM; *out is released with
 * tk_playlist_unref. */
int tk_loader_newest(struct tk_playlist *pl, size_t n, struct tk_playlist **out);

/* A content fingerprint: equal for playlists that show the same things in the
 * same order (headlines, sources, dates, items), whatever their generation. */
uint64_t tk_loader_fingerprint(const struct tk_playlist *pl);

/* The first load, on a thread while the output opens. fn fills *out (by
 * default tk_loader_load on cfg/dir). */
typedef int (*tk_preload_fn)(void *arg, struct tk_playlist **out);
struct tk_preload;
/* Start fn(arg) on a thread (inline if no thread can be made). Returns TK_OK
 * or TK_ENOMEM; release with tk_preload_join. */
int tk_preload_start(tk_preload_fn fn, void *arg, struct tk_preload **out);
/* Wait for the result and free p (accepts NULL: returns TK_EINVAL). *out owns
 * the playlist (NULL on error). */
int tk_preload_join(struct tk_preload *p, struct tk_playlist **out);

struct tk_loader;
/* Follow dir from generation gen and content fingerprint fp on (the
 * playlist already shown). Borrows cfg and dir. Returns TK_OK or TK_ENOMEM. */
int tk_loader_start(const struct tk_config *cfg, const char *dir, uint64_t gen, uint64_t fp,
		    struct tk_loader **out);
/* The same, following on from the playlist on screen (may be NULL): its
 * generation and content, and its records, which the first reload takes
 * over unread. Takes a reference to shown. */
int tk_loader_start_from(const struct tk_config *cfg, const char *dir, struct tk_playlist *shown,
			 struct tk_loader **out);
/* Stop the thread and free everything (accepts NULL). */
void tk_loader_stop(struct tk_loader *l);

/* What the loader posted since the last call, without blocking the caller
 * for more than a mutex hand-over: returns 0 when nothing changed. Else *pl
 * is a new playlist the caller owns (NULL when only the notices changed:
 * a new generation with unchanged content posts no playlist, so the crawl
 * and the cards carry on), and status/urgent hold the current notices. */
int tk_loader_take(struct tk_loader *l, struct tk_playlist **pl, char *status, size_t status_size,
		   char *urgent, size_t urgent_size);

/* Read the current notices of dir straight away ("" when none). */
void tk_loader_notices(const char *dir, char *status, size_t status_size, char *urgent,
		       size_t urgent_size);

#endif
