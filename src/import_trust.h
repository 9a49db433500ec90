/* The importer's trust decisions, kept out of import.c: which keys are
 * trusted (fail closed on an unusable keys_dir entry), the sequence rule
 * against replay and rollback, recovery drops, key rotation, what an
 * unsigned stick may do (unsigned_sticks) and the clock rules. */
#ifndef TK_IMPORT_TRUST_H
#define TK_IMPORT_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "trust.h"

struct tk_cache;
struct tk_keyring;
struct tk_manifest;

struct tk_import_trust {
	struct tk_trust t;
	struct tk_keyring *ring;
	const struct tk_config *cfg;
	int64_t now;
	enum tk_trust_clock clock;
	enum tk_trust_verdict verdict;
	int judged;	   /* a signed manifest was judged */
	uint64_t seq, had; /* the drop's and the key's newest sequence */
	char signer_hex[17];
	char keys_problem[600]; /* fail closed: why every stick is refused */
	char note[1024];	/* extra report lines (key changes, clock) */
};

/* Load the box's trust state and keys. TK_OK, TK_EIO or TK_ENOMEM. */
int tk_import_trust_open(struct tk_import_trust *it, struct tk_cache *c,
			 const struct tk_config *cfg, int64_t now);
void tk_import_trust_close(struct tk_import_trust *it);

/* The service flag: <cache>/.service, in the notice format the display reads
 * (until, newline, one calm line for the screen, newline, the reason). */
#define TK_IMPORT_TRUST_SERVICE TK_CACHE_SERVICE
void tk_import_trust_flag_service(const struct tk_import_trust *it, struct tk_cache *c);

/* Judge a verified manifest by the sequence rule and its key orders. Returns
 * 0 to go on, or -1 with a report sentence in why. */
int tk_import_trust_judge(struct tk_import_trust *it, const struct tk_manifest *m, char *why,
			  size_t size);

/* May control files (URGENT, CLEAR, REPLACE, ticker.conf) act? NULL when yes,
 * else the report sentence. signed_ok: the drop's signature was checked. */
const char *tk_import_trust_controls(const struct tk_import_trust *it, int signed_ok);

/* May an unsigned stick be imported at all? NULL when yes, else the reason. */
const char *tk_import_trust_unsigned(const struct tk_import_trust *it);

/* May this import expire articles by age (the clock is believable)? */
int tk_import_trust_may_expire(const struct tk_import_trust *it);

/* After a successful import: record the sequence, key orders and the clock
 * reading. TK_OK, TK_ENOSPC or TK_EIO. */
int tk_import_trust_commit(struct tk_import_trust *it, struct tk_cache *c,
			   const struct tk_manifest *m);

/* Report lines (each ending in '\n') about sequence, state and clock. */
void tk_import_trust_report(const struct tk_import_trust *it, int refused, char *out, size_t size);

/* `ticker import --expire`: judge the clock for a daily expiry; never
 * confirms a jump (only an import does). Saves the reading. Returns 1 when
 * expiry may run. */
int tk_import_trust_expire_ok(struct tk_cache *c, const struct tk_config *cfg, int64_t now);

#endif
