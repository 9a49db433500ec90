/* Signed drops (libsodium, Ed25519 + SHA-256). A signed stick carries
 * TICKER-MANIFEST (every file's SHA-256 and size) and TICKER-MANIFEST.sig (a
 * detached signature of the manifest's exact bytes); the ticker trusts the
 * public keys in cfg.keys_dir. Formats are in README.md ("Signed sticks"). */
#ifndef TK_SIGN_H
#define TK_SIGN_H

#include <stddef.h>
#include <stdint.h>

#define TK_SIGN_MANIFEST "TICKER-MANIFEST"
#define TK_SIGN_SIGNATURE "TICKER-MANIFEST.sig"

/* ---- keys ---- */
struct tk_keyring;

/* Load every "*.pub" file of dir (a missing dir gives an empty ring; files
 * that are not ticker public keys are skipped and counted in *bad, which
 * may be NULL). Returns TK_OK, TK_EIO or TK_ENOMEM; free with
 * tk_sign_keyring_free. */
int tk_sign_keyring_load(const char *dir, struct tk_keyring **out, size_t *bad);
void tk_sign_keyring_free(struct tk_keyring *ring);
size_t tk_sign_keyring_count(const struct tk_keyring *ring);
/* Add one key from the text of a .pub file. TK_OK, TK_EPARSE or TK_ENOMEM. */
int tk_sign_keyring_add(struct tk_keyring *ring, const char *pubtext, size_t len);
int tk_sign_keyring_create(struct tk_keyring **out);

/* Make a key pair: write base.key (secret, mode 0600, never overwritten) and
 * base.pub. The name (base's last component) is kept in both as a label.
 * Returns TK_OK, TK_EINVAL (exists / bad name) or TK_EIO. */
int tk_sign_keygen(const char *base);

/* ---- manifests ---- */
struct tk_manifest;

/* Check sig against every trusted key and parse the manifest. On success *out
 * owns the parsed list and *signer points into it (the key's label). On
 * failure returns TK_ESIG (no key made this signature, or none installed),
 * TK_EPARSE (not a manifest) or TK_ENOMEM, with *reason a static sentence
 * fit for the report. */
int tk_manifest_verify(const void *man, size_t mlen, const void *sig, size_t slen,
		       const struct tk_keyring *ring, struct tk_manifest **out, const char **signer,
		       const char **reason);
void tk_manifest_free(struct tk_manifest *m);

/* Check one file (path relative to the stick root, raw bytes): TK_OK when it
 * is listed with this hash and size, TK_ENOENT when not listed, TK_ESIG when
 * listed with different content. Marks it seen. */
int tk_manifest_check(struct tk_manifest *m, const char *path, const unsigned char sha[32],
		      uint64_t size);
/* The first listed path not yet seen by tk_manifest_check, or NULL
 * (borrowed until tk_manifest_free). */
const char *tk_manifest_unseen(const struct tk_manifest *m);
size_t tk_manifest_count(const struct tk_manifest *m);

/* Sign the directory dir with the secret key file keyfile: write
 * TICKER-MANIFEST and TICKER-MANIFEST.sig at its root, listing every file the
 * importer would look at. *nfiles gets the count. Returns TK_OK, TK_EIO,
 * TK_EPARSE (bad key file), TK_ETOOBIG or TK_ENOMEM; *what (may be NULL) names
 * the failing path (static or borrowed buffer, valid until the next call). */
int tk_sign_dir(const char *dir, const char *keyfile, size_t *nfiles, const char **what);

#endif
