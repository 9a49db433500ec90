/* Show dates (issue 13.8): a SCHEDULE.txt on a stick gives articles a window,
 * one line per article: `NAME  from 2026-12-01  until 2026-12-24` (either
 * part may be left out; NAME as for REMOVE.txt: the cache name or the stick
 * path). Dates are local days: shown from the start of `from` to the end of
 * `until`. The windows are kept in <cache>/.showdates ("FROM UNTIL NAME" per
 * line, unix seconds or "-"), written into the record index by recstore.c,
 * and the display skips articles outside theirs. */
#ifndef TK_SHOWDATES_H
#define TK_SHOWDATES_H

#include <stddef.h>
#include <stdint.h>

struct tk_cache;

#define TK_SHOWDATES_STATE ".showdates"
#define TK_SHOWDATES_MAX (64 * 1024) /* bytes of .showdates */
#define TK_SHOWDATES_OPEN INT64_MIN  /* no bound on that side */

/* One outcome per line (ok: name is the cache name, else the line). */
typedef void (*tk_showdates_fn)(void *ctx, int line, int ok, const char *name, const char *why);

/* Parse "from DATE" / "until DATE" at the end of line (cut off there, the
 * rest trimmed is the name). 0 or -1 with *why. Pure. */
int tk_showdates_parse_line(char *line, int64_t *from, int64_t *until, const char **why);

/* Apply the lines of text to the articles of cache c (open, locked): each
 * named article's window replaces its old one in .showdates; windows of
 * articles no longer cached are dropped. Returns TK_OK, TK_EIO, TK_ENOSPC or
 * TK_ENOMEM. */
int tk_showdates_apply(struct tk_cache *c, const char *text, size_t len, tk_showdates_fn report,
		       void *ctx);

/* The window of name in state (the text of .showdates); both OPEN if none. */
void tk_showdates_lookup(const char *state, const char *name, int64_t *from, int64_t *until);

/* For the report: "; shown from 2026-12-01 until 2026-12-24" (plus ": NOT
 * SHOWN NOW" outside it) for name in state, or "" when it has no dates. */
void tk_showdates_describe(const char *state, const char *name, int64_t now, char *out,
			   size_t size);

/* Is now inside [from, until)? */
int tk_showdates_shown(int64_t from, int64_t until, int64_t now);

#endif
