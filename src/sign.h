/* Signed drops. A signed stick carries TICKER-MANIFEST (a sequence number,
 * optional key and recovery orders, then every file's SHA-256 in sha256sum
 * form) and TICKER-MANIFEST.minisig, a minisign signature of the manifest's
 * exact bytes (prehashed or legacy). The ticker trusts the minisign public
 * keys in cfg.keys_dir plus those added by signed drops (see trust.h).
 * Formats and the snippets that make them are in README.md ("Signed sticks"). */
#ifndef TK_SIGN_H
#define TK_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "minisign.h"

#define TK_SIGN_MANIFEST "TICKER-MANIFEST"
#define TK_SIGN_SIGNATURE "TICKER-MANIFEST.minisig"
/* The signature file of ticker 0.1 (refused with a clear reason). */
#define TK_SIGN_OLD_SIGNATURE "TICKER-MANIFEST.sig"
#define TK_SIGN_LABEL_MAX 48

struct tk_trust;

/* ---- keys ---- */
struct tk_keyring;

/* Load every public key of dir. Tolerates what Windows and macOS write: a
 * UTF-8 BOM, CRLF, ".PUB" in any case; skips the operating-system litter the
 * stick walk skips (tk_walk_is_junk). Any other entry that is not a usable
 * minisign public key is a problem: *bad counts them and
 * tk_sign_keyring_problem() says what the first one was; the importer then
 * refuses every stick (fail closed). A missing dir gives an empty ring.
 * Returns TK_OK or TK_ENOMEM; free with tk_sign_keyring_free. */
int tk_sign_keyring_load(const char *dir, struct tk_keyring **out, size_t *bad);
void tk_sign_keyring_free(struct tk_keyring *ring);
size_t tk_sign_keyring_count(const struct tk_keyring *ring);
/* The first unusable entry of keys_dir as a report sentence, or NULL
 * (borrowed until the ring is freed). */
const char *tk_sign_keyring_problem(const struct tk_keyring *ring);
/* Add one key from the text of a .pub file under label. TK_OK, TK_EPARSE or
 * TK_ENOMEM. */
int tk_sign_keyring_add(struct tk_keyring *ring, const char *pubtext, size_t len,
			const char *label);
int tk_sign_keyring_create(struct tk_keyring **out);
/* Apply what signed drops decided: add their keys, drop revoked ones. */
int tk_sign_keyring_apply(struct tk_keyring *ring, const struct tk_trust *t);
/* The i-th key's id (i < tk_sign_keyring_count). */
void tk_sign_keyring_id(const struct tk_keyring *ring, size_t i,
			unsigned char id[TK_MINISIGN_IDLEN]);
/* True when id is one of the ring's keys. */
int tk_sign_keyring_has(const struct tk_keyring *ring, const unsigned char id[TK_MINISIGN_IDLEN]);

/* Make a minisign key pair without a password: base.key (secret, mode 0600)
 * and base.pub. Refuses (TK_EINVAL, nothing written) when either file exists
 * or the name is empty; TK_EIO on a write error. */
int tk_sign_keygen(const char *base);

/* ---- manifests ---- */
struct tk_manifest;

/* Check sig against every trusted key and parse the manifest. On success *out
 * owns the parsed manifest and *signer points into it (the key's label). On
 * failure returns TK_ESIG (no key made this signature, or none installed),
 * TK_EPARSE (not a manifest) or TK_ENOMEM, with *reason a static sentence
 * fit for the report. */
int tk_manifest_verify(const void *man, size_t mlen, const void *sig, size_t slen,
		       const struct tk_keyring *ring, struct tk_manifest **out, const char **signer,
		       const char **reason);
/* Parse without checking a signature (fuzzing, tests). TK_OK, TK_EPARSE, TK_ENOMEM. */
int tk_manifest_parse_text(const void *man, size_t mlen, struct tk_manifest **out);
void tk_manifest_free(struct tk_manifest *m);

/* Check one file (path relative to the stick root, raw bytes): TK_OK when it
 * is listed with this hash, TK_ENOENT when not listed, TK_ESIG when listed
 * with different content (size is not part of the format: kept for callers).
 * Marks it seen. */
int tk_manifest_check(struct tk_manifest *m, const char *path, const unsigned char sha[32],
		      uint64_t size);
/* The first listed path not yet seen by tk_manifest_check, or NULL (borrowed
 * until tk_manifest_free). Paths the walk never shows (operating-system
 * litter, the manifest, its signature and the report) do not count. */
const char *tk_manifest_unseen(const struct tk_manifest *m);
size_t tk_manifest_count(const struct tk_manifest *m);
uint64_t tk_manifest_sequence(const struct tk_manifest *m);
/* The box state id a recovery drop names, or NULL. */
const char *tk_manifest_recover(const struct tk_manifest *m);
/* When the drop was signed: the "timestamp:" of the signature's trusted
 * comment (covered by the signature), unix seconds; 0 when it has none.
 * Valid after tk_manifest_verify. */
int64_t tk_manifest_signed_at(const struct tk_manifest *m);
/* The key that signed (valid after tk_manifest_verify). */
void tk_manifest_signer_id(const struct tk_manifest *m, unsigned char id[TK_MINISIGN_IDLEN]);
/* Keys the drop adds / revokes (borrowed until tk_manifest_free). */
size_t tk_manifest_added(const struct tk_manifest *m, const struct tk_mkey **keys);
size_t tk_manifest_revoked(const struct tk_manifest *m,
			   const unsigned char (**ids)[TK_MINISIGN_IDLEN]);

/* ---- signing a directory ---- */
struct tk_sign_opts {
	uint64_t sequence;	/* 0: one more than the key's counter file (KEY.seq) */
	const char *recover;	/* box state id for a recovery drop, or NULL */
	const char *add_key;	/* a .pub file whose key the drop adds, or NULL */
	const char *revoke_key; /* key id (16 hex) the drop revokes, or NULL */
};
struct tk_sign_result {
	size_t nfiles;
	uint64_t sequence;
	char what[4096];   /* the failing path or the reason */
	char warning[512]; /* e.g. the secret key is readable by everyone */
};

/* Sign the directory dir with the minisign secret key file keyfile: write
 * TICKER-MANIFEST and TICKER-MANIFEST.minisig at its root, listing every file
 * the importer would look at, and then the new sequence to KEY.seq. Refuses
 * (TK_EINVAL, nothing written) a directory holding anything that looks like
 * a secret key, or one it could not list whole (TK_ETOOBIG: over the walk's
 * cap; TK_EIO: a folder or file unreadable). TK_EPARSE / TK_EUNSUPP for an
 * unusable key file, TK_ENOMEM. res->what says which path or why. */
int tk_sign_dir_opts(const char *dir, const char *keyfile, const struct tk_sign_opts *o,
		     struct tk_sign_result *res);
/* The same with default options; *what is borrowed until the next call. */
int tk_sign_dir(const char *dir, const char *keyfile, size_t *nfiles, const char **what);

#endif
