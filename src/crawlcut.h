/* Where the crawl strip is cut when its content changes (issue 15: current
 * within seconds). The strip is made of chunks cw pixels wide, chunk k at
 * x = k * cw; a cut (a splice) makes the chunks from id k on start at a
 * strip position x instead, so new content can follow the word entering the
 * screen instead of everything already composed. Word ends are marked as the
 * worker lays items out. Pure: no SDL, no I/O, no logging. */
#ifndef TK_CRAWLCUT_H
#define TK_CRAWLCUT_H

#include <stddef.h>
#include <stdint.h>

#include "playlist.h"

#define TK_CUT_SPLICES 3 /* segments at once: at most two cuts on screen */
#define TK_CUT_MARKS 512 /* word ends remembered (composed ahead of the screen) */

struct tk_crawlcut {
	int64_t cw;
	int n;			    /* segments */
	int64_t k[TK_CUT_SPLICES];  /* first chunk id of each segment */
	int64_t x[TK_CUT_SPLICES];  /* its strip position */
	int64_t mark[TK_CUT_MARKS]; /* word ends, increasing, ring */
	size_t head, n_marks;
};

/* One segment: chunk k at k * cw. */
void tk_crawlcut_init(struct tk_crawlcut *c, int cw);
/* Strip position of chunk id, and the end of what is shown of it (the next
 * segment's start cuts it short). */
int64_t tk_crawlcut_x(const struct tk_crawlcut *c, int64_t id);
int64_t tk_crawlcut_end(const struct tk_crawlcut *c, int64_t id);
/* The chunk id that shows strip position pos. */
int64_t tk_crawlcut_chunk(const struct tk_crawlcut *c, int64_t pos);
/* Cut at strip position x (beyond every earlier cut): chunks from the
 * returned id on start at x. Segments wholly left of left are forgotten
 * first; returns -1 (try later) when TK_CUT_SPLICES segments would remain.
 * Marks at or after x are dropped (that content is cut). */
int64_t tk_crawlcut_splice(struct tk_crawlcut *c, int64_t x, int64_t left);
/* Where the segment holding pos ends (the next cut), or INT64_MAX. */
int64_t tk_crawlcut_limit(const struct tk_crawlcut *c, int64_t pos);
/* Remember a word end at strip position x (ignored unless after the last). */
void tk_crawlcut_mark(struct tk_crawlcut *c, int64_t x);
/* The first word end in [from, to): 1 and *x, else 0. */
int tk_crawlcut_find(const struct tk_crawlcut *c, int64_t from, int64_t to, int64_t *x);

/* Identity of a crawl item's content (kind, text, speaker). */
uint64_t tk_crawlcut_item_key(const struct tk_pl_item *it);
/* The sorted keys of every item of pl in a new array (tk_free it; NULL when
 * pl is empty). Returns TK_OK or TK_ENOMEM. */
int tk_crawlcut_keys(const struct tk_playlist *pl, uint64_t **out);
/* 1 when key is among the n sorted keys. */
int tk_crawlcut_has(const uint64_t *keys, size_t n, uint64_t key);

/* Where the crawl goes on in pl after old (last: the item of old composed
 * last, or NULL): at the newest article of pl that old did not have, else
 * after last's place in pl, else at 0. Returns an item index of pl (0 when
 * pl is empty or memory is short). */
size_t tk_crawlcut_resume(const struct tk_playlist *old, const struct tk_playlist *pl,
			  const struct tk_pl_item *last);

#endif
