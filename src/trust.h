/* What the box remembers about signed drops and time, in <cache>/.trust:
 * the highest sequence number accepted per signing key, the state id a
 * recovery drop must name, keys added or revoked by signed drops, and the
 * newest clock reading seen (the clock rules). Parsing, formatting and the
 * decisions are pure; load/save go through the cache's atomic state files. */
#ifndef TK_TRUST_H
#define TK_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "minisign.h"

#define TK_TRUST_FILE ".trust"
#define TK_TRUST_MAX_KEYS 64
#define TK_TRUST_TEXT_MAX (TK_TRUST_MAX_KEYS * 3 * 96 + 256)
/* Highest sequence number a drop may carry (so it prints in any report). */
#define TK_TRUST_SEQ_MAX 999999999999999ull

struct tk_trust_seq {
	unsigned char id[TK_MINISIGN_IDLEN];
	uint64_t seq;
};

struct tk_trust {
	char state[17];	      /* 16 hex digits; changes whenever the state changes */
	int locked;	      /* only a recovery drop is accepted (damaged state) */
	int64_t newest_time;  /* newest confirmed clock reading, unix seconds; 0 = none */
	int64_t pending_time; /* a jump seen at an import, waiting for confirmation */
	size_t nseq, nadd, nrevoke;
	struct tk_trust_seq seq[TK_TRUST_MAX_KEYS];
	struct tk_mkey add[TK_TRUST_MAX_KEYS];
	unsigned char revoke[TK_TRUST_MAX_KEYS][TK_MINISIGN_IDLEN];
};

/* A fresh state: no sequences, a new random state id. */
void tk_trust_init(struct tk_trust *t);
/* A new random state id (after any accepted change). */
void tk_trust_new_state(struct tk_trust *t);

/* Parse the text of .trust. TK_OK or TK_EPARSE (t is then undefined). */
int tk_trust_parse(const char *text, size_t len, struct tk_trust *t);
/* Write it; returns the length needed (buf always NUL-terminated). */
size_t tk_trust_format(const struct tk_trust *t, char *buf, size_t size);

/* Highest accepted sequence of key id (0 when none). */
uint64_t tk_trust_seq_of(const struct tk_trust *t, const unsigned char id[TK_MINISIGN_IDLEN]);
/* Record seq for id. TK_OK or TK_ETOOBIG (table full). */
int tk_trust_set_seq(struct tk_trust *t, const unsigned char id[TK_MINISIGN_IDLEN], uint64_t seq);
int tk_trust_is_revoked(const struct tk_trust *t, const unsigned char id[TK_MINISIGN_IDLEN]);

enum tk_trust_verdict {
	TK_TRUST_NEWER,	     /* accept; record the sequence afterwards */
	TK_TRUST_SAME,	     /* the drop already accepted: articles only, no control files */
	TK_TRUST_OLDER,	     /* refuse: a newer drop from this key was accepted */
	TK_TRUST_RECOVER,    /* a recovery drop for this very state: accept, reset the key */
	TK_TRUST_WRONGSTATE, /* a recovery drop made for another state: refuse */
	TK_TRUST_LOCKED,     /* the state is damaged: only a recovery drop is accepted */
};

/* Judge a verified drop by key id with sequence seq; recover is the state id
 * the drop names for a recovery, or NULL. */
enum tk_trust_verdict tk_trust_judge(const struct tk_trust *t,
				     const unsigned char id[TK_MINISIGN_IDLEN], uint64_t seq,
				     const char *recover);

/* ---- the clock ---- */
enum tk_trust_clock {
	TK_CLOCK_OK,	  /* now is within the sanity bound of the newest time seen */
	TK_CLOCK_JUMP,	  /* now is further ahead than the bound: not confirmed yet */
	TK_CLOCK_CONFIRM, /* a second reading confirms an earlier jump (either way) */
	TK_CLOCK_BEHIND,  /* now is further behind than the bound: not confirmed yet */
};
/* Judge a clock reading against the newest one seen (bound in seconds). */
enum tk_trust_clock tk_trust_clock_judge(const struct tk_trust *t, int64_t now, int64_t bound);
/* Record the reading: the newest time moves forward when the verdict allows
 * it (or to a confirmed reading, even backwards); a jump either way is kept as
 * pending for the next import to confirm. */
void tk_trust_clock_note(struct tk_trust *t, int64_t now, enum tk_trust_clock verdict);

struct tk_cache;
/* Load .trust from the cache. A missing file gives a fresh state (*created =
 * 1); a damaged one a fresh, locked state (*damaged = 1). TK_OK or TK_EIO. */
int tk_trust_load(const struct tk_cache *c, struct tk_trust *t, int *created, int *damaged);
/* Save it atomically. TK_OK, TK_ENOSPC or TK_EIO. */
int tk_trust_save(struct tk_cache *c, const struct tk_trust *t);

/* ---- urgent notices: bounded by shown time as well as by date ---- */
struct tk_trust_shown {
	uint64_t key;	  /* hash of the notice being timed */
	int64_t shown_ms; /* how long it has been on screen */
	int64_t last_ms;  /* monotonic time of the previous tick */
};
/* The shown-time bound (seconds) written in the first line of <dir>/.urgent
 * after the expiry date ("until seconds"); 0 when absent (older caches). */
int64_t tk_trust_urgent_seconds(const char *dir);
/* Call on every check of the notice with its text ("" = none), its bound in
 * seconds (0 = none) and a monotonic clock in ms. Returns 0 once the notice
 * has been shown for longer than its bound, so a wrong clock at import
 * (a date years ahead) cannot pin it on screen. */
int tk_trust_shown_tick(struct tk_trust_shown *s, const char *text, int64_t bound_s,
			int64_t mono_ms);

#endif
