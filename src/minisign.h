/* The minisign file formats (https://jedisct1.github.io/minisign/): public and
 * secret key files, and detached signatures in the prehashed ("ED") and
 * legacy ("Ed") forms, with libsodium's Ed25519 and BLAKE2b. Pure: text in,
 * text out, no I/O, so keys and signatures made by the minisign tool on
 * Windows, macOS or Linux work with the ticker and the other way round. */
#ifndef TK_MINISIGN_H
#define TK_MINISIGN_H

#include <stddef.h>
#include <stdint.h>

#define TK_MINISIGN_IDLEN 8
#define TK_MINISIGN_COMMENT_MAX 1024
/* Longest text of each kind (comments included), for fixed buffers. */
#define TK_MINISIGN_PUB_TEXT_MAX 256
#define TK_MINISIGN_SEC_TEXT_MAX 512
#define TK_MINISIGN_SIG_TEXT_MAX (2 * TK_MINISIGN_COMMENT_MAX + 256)

struct tk_mkey {
	unsigned char id[TK_MINISIGN_IDLEN]; /* minisign's key number */
	unsigned char pk[32];
};

struct tk_msec {
	unsigned char id[TK_MINISIGN_IDLEN];
	unsigned char sk[64]; /* libsodium Ed25519 secret key (seed + public) */
};

struct tk_msig {
	int prehashed; /* "ED": the signature covers BLAKE2b-512 of the file */
	unsigned char id[TK_MINISIGN_IDLEN];
	unsigned char sig[64];
	char trusted[TK_MINISIGN_COMMENT_MAX + 1]; /* the trusted comment */
	unsigned char global[64];		   /* signature of sig + trusted comment */
};

/* Parse a public key: a minisign .pub file (untrusted comment line, then the
 * base64 line), or the base64 line alone (minisign -P form). A UTF-8 BOM,
 * CRLF line ends and trailing blanks are accepted. Returns TK_OK or
 * TK_EPARSE with *why a static sentence (why may be NULL). */
int tk_minisign_parse_pub(const char *text, size_t len, struct tk_mkey *out, const char **why);

/* Parse a secret key file. Only keys without a password (minisign -G -W, or
 * ticker keygen) can be used: an encrypted one gives TK_EUNSUPP. TK_EPARSE
 * when not a minisign secret key or the checksum fails. Secret material that
 * was decoded is wiped before returning an error. */
int tk_minisign_parse_sec(const char *text, size_t len, struct tk_msec *out, const char **why);

/* True when text looks like any minisign secret key (even damaged). */
int tk_minisign_looks_secret(const char *text, size_t len);

/* Parse a .minisig file. TK_OK or TK_EPARSE (*why set, may be NULL). */
int tk_minisign_parse_sig(const char *text, size_t len, struct tk_msig *out, const char **why);

/* Verify sig over msg with key (both the file signature and the signature of
 * the trusted comment). TK_OK, or TK_ESIG (also for a key id mismatch). */
int tk_minisign_verify(const struct tk_msig *sig, const struct tk_mkey *key, const void *msg,
		       size_t len);

/* Sign msg in the prehashed format with the trusted comment tc (one line,
 * shortened to TK_MINISIGN_COMMENT_MAX). Writes the .minisig text to out.
 * Returns TK_OK or TK_EINVAL (buffer too small, comment has a line break). */
int tk_minisign_sign(const struct tk_msec *key, const void *msg, size_t len, const char *tc,
		     char *out, size_t size);

/* Make a new key pair: the secret key file text (no password) and the public
 * key file text, as minisign writes them. Buffers of the _TEXT_MAX sizes.
 * The caller wipes sectext with sodium_memzero. TK_OK or TK_EIO (libsodium). */
int tk_minisign_keygen(char *sectext, size_t secsize, char *pubtext, size_t pubsize);

/* The key id as minisign prints it (16 upper-case hex digits). */
void tk_minisign_id_hex(const unsigned char id[TK_MINISIGN_IDLEN], char out[17]);
/* Parse that form back. TK_OK or TK_EPARSE. */
int tk_minisign_id_parse(const char *hex, unsigned char id[TK_MINISIGN_IDLEN]);

#endif
