/* Software updates from a stick, for a box whose root is read-only: an A/B
 * application payload (the ticker binary, no scripts) in <app_dir>/slot-a or
 * slot-b on the data partition, signed with a separate *update* key, versions
 * only going up. The supervisor (`ticker supervise`, the read-only root's own
 * binary, which no stick can replace) starts the chosen slot; a new slot must
 * show its first frame (it then confirms itself) within 3 starts in 5 minutes,
 * or the supervisor switches back. State: <cache>/.app-state (the display,
 * which may write the cache but not the slots, counts its starts there). */
#ifndef TK_UPDATE_H
#define TK_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#define TK_UPDATE_DIR "TICKER-UPDATE" /* the folder on the stick */
#define TK_UPDATE_TRIES 3	      /* starts a new slot gets */
#define TK_UPDATE_WINDOW 300	      /* ... within this many seconds */
#define TK_UPDATE_ENV "TICKER_APP_SLOT"
#define TK_APP_STATE_FILE ".app-state" /* in the cache directory: the display may write it */
#define TK_APP_READY_FILE ".app-ready" /* ... and this one, on its first frame */

enum tk_slot { TK_SLOT_BUILTIN, TK_SLOT_A, TK_SLOT_B };

struct tk_app_state {
	enum tk_slot active;  /* the slot that runs */
	enum tk_slot pending; /* a new slot on trial, or TK_SLOT_BUILTIN for none */
	unsigned tries;	      /* starts of the pending slot so far */
	int64_t first_try;    /* when its first start was */
	uint64_t seq;	      /* highest update sequence installed */
	char version[3][32];  /* per slot */
	char note[160];	      /* the last thing that happened, for the report */
};

/* Empty state: the built-in binary runs. */
void tk_app_state_init(struct tk_app_state *st);
/* Text form. Parse returns TK_OK or TK_EPARSE; format returns the length. */
int tk_app_state_parse(const char *text, struct tk_app_state *st);
size_t tk_app_state_format(const struct tk_app_state *st, char *buf, size_t size);
int tk_app_state_load(const char *state_dir, struct tk_app_state *st);
int tk_app_state_save(const char *state_dir, const struct tk_app_state *st);

/* The supervisor's decision for one start at time now (pure): which slot to
 * run. A pending slot gets TK_UPDATE_TRIES starts within TK_UPDATE_WINDOW
 * seconds; after that it is dropped and the active one runs again (st->note
 * says so). Counts the start in st. */
enum tk_slot tk_app_choose(struct tk_app_state *st, int64_t now);

/* The slot running confirms itself (its first frame is on screen): a pending
 * slot becomes the active one. Returns 1 when st changed. */
int tk_app_confirm(struct tk_app_state *st, enum tk_slot running);

/* The slot on trial writes <state_dir>/TK_APP_READY_FILE (its name) on its
 * first frame: confirm it in st (tk_app_confirm). Read by the supervisor at
 * the next start and by an install meanwhile (a second update while the first
 * runs goes into the other slot, and a switch back returns to the first).
 * Returns 1 when st changed. */
int tk_app_ready_apply(const char *state_dir, struct tk_app_state *st);

const char *tk_slot_name(enum tk_slot s);
enum tk_slot tk_slot_parse(const char *name); /* -1 cast when unknown */

struct tk_keyring;
struct tk_update_result {
	int found;	   /* the stick has a TICKER-UPDATE folder */
	int installed;	   /* a new slot was written and is pending */
	char version[32];  /* the update's version */
	char message[300]; /* one sentence for the report */
};

/* Install the update in stick_dir/TICKER-UPDATE (if any) into the inactive
 * slot of app_dir: its signed manifest must verify with ring (update keys
 * only), list every file of the folder, include "ticker" and "VERSION", and
 * carry a sequence above the installed one. Returns TK_OK (see res), TK_ESIG,
 * TK_EPARSE, TK_EIO or TK_ENOMEM; res->message always says what happened. */
int tk_update_install(const char *stick_dir, const char *app_dir, const char *state_dir,
		      const struct tk_keyring *ring, struct tk_update_result *res);

/* Re-check an installed slot against the signed manifest kept in it, before
 * it is started: the display user could write files, but never sign them.
 * TK_OK, or an error with res->message. */
int tk_update_check_slot(const char *app_dir, enum tk_slot slot, const struct tk_keyring *ring,
			 struct tk_update_result *res);

#endif
