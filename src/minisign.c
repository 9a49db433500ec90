/* minisign keys and signatures with libsodium: parsing the three text
 * formats, verifying prehashed and legacy signatures, signing in the
 * prehashed format and making password-less key pairs. Pure (no I/O). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "minisign.h"

#define TK_MS_UNTRUSTED "untrusted comment: "
#define TK_MS_TRUSTED "trusted comment: "
#define TK_MS_SECLEN (2 + 2 + 2 + 32 + 8 + 8 + TK_MINISIGN_IDLEN + 64 + 32)

/* The line-th line (0-based) of text without BOM, CR and trailing blanks,
 * copied into out. Returns its length, or -1 when missing or too long. */
static int tk_ms_line(const char *text, size_t len, int line, char *out, size_t size)
{
	const char *p = text, *end = text + len;
	size_t n;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	for (; line > 0; line--) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return -1;
		p = nl + 1;
	}
	{
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		n = (size_t)((nl ? nl : end) - p);
	}
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= size || memchr(p, '\0', n))
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return (int)n;
}

static int tk_ms_b64(const char *s, unsigned char *out, size_t want)
{
	size_t got = 0;

	if (sodium_base642bin(out, want, s, strlen(s), NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) ||
	    got != want)
		return -1;
	return 0;
}

/* The base64 line of a one-blob file: line 1 after an untrusted comment, else
 * line 0 alone. */
static int tk_ms_blob(const char *text, size_t len, unsigned char *out, size_t want)
{
	char line[TK_MINISIGN_COMMENT_MAX + 64];
	int r = tk_ms_line(text, len, 0, line, sizeof line);

	/* a secret key's line is wiped on every path */
	if (r >= 0 && !strncmp(line, TK_MS_UNTRUSTED, strlen(TK_MS_UNTRUSTED)))
		r = tk_ms_line(text, len, 1, line, sizeof line);
	if (r >= 0)
		r = tk_ms_b64(line, out, want);
	sodium_memzero(line, sizeof line);
	return r < 0 ? -1 : 0;
}

int tk_minisign_parse_pub(const char *text, size_t len, struct tk_mkey *out, const char **why)
{
	unsigned char raw[2 + TK_MINISIGN_IDLEN + 32];

	if (why)
		*why = "not a minisign public key";
	if (tk_ms_blob(text, len, raw, sizeof raw))
		return TK_EPARSE;
	if (memcmp(raw, "Ed", 2)) {
		if (why)
			*why = "a minisign public key of an unknown kind";
		return TK_EPARSE;
	}
	memcpy(out->id, raw + 2, TK_MINISIGN_IDLEN);
	memcpy(out->pk, raw + 2 + TK_MINISIGN_IDLEN, 32);
	return TK_OK;
}

static void tk_ms_chk(const unsigned char *alg, const unsigned char *id, const unsigned char *sk,
		      unsigned char chk[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, alg, 2);
	crypto_generichash_update(&st, id, TK_MINISIGN_IDLEN);
	crypto_generichash_update(&st, sk, 64);
	crypto_generichash_final(&st, chk, 32);
}

int tk_minisign_parse_sec(const char *text, size_t len, struct tk_msec *out, const char **why)
{
	unsigned char raw[TK_MS_SECLEN], chk[32];
	const unsigned char *id = raw + 54, *sk = id + TK_MINISIGN_IDLEN, *c = sk + 64;
	int err = TK_EPARSE;

	if (why)
		*why = "not a minisign secret key";
	if (tk_ms_blob(text, len, raw, sizeof raw) || memcmp(raw, "Ed", 2) ||
	    memcmp(raw + 4, "B2", 2))
		goto out;
	if (memcmp(raw + 2, "\0\0", 2)) {
		if (why)
			*why = "this secret key has a password; make a copy without one with "
			       "\"minisign -C -W\" (and keep it as safe), or make a key with "
			       "\"ticker keygen\"";
		err = TK_EUNSUPP;
		goto out;
	}
	tk_ms_chk(raw, id, sk, chk);
	if (sodium_memcmp(chk, c, 32)) {
		if (why)
			*why = "the secret key is damaged (its checksum does not match)";
		goto out;
	}
	memcpy(out->id, id, TK_MINISIGN_IDLEN);
	memcpy(out->sk, sk, 64);
	err = TK_OK;
out:
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(chk, sizeof chk);
	return err;
}

int tk_minisign_looks_secret(const char *text, size_t len)
{
	unsigned char raw[TK_MS_SECLEN];
	char line[TK_MINISIGN_COMMENT_MAX + 64];
	int r = tk_ms_line(text, len, 0, line, sizeof line) >= 0 &&
		!strncmp(line, TK_MS_UNTRUSTED, strlen(TK_MS_UNTRUSTED)) &&
		strstr(line, "secret key");

	if (!r)
		r = !tk_ms_blob(text, len, raw, sizeof raw) && !memcmp(raw, "Ed", 2) &&
		    !memcmp(raw + 4, "B2", 2);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(line, sizeof line);
	return r;
}

int tk_minisign_parse_sig(const char *text, size_t len, struct tk_msig *out, const char **why)
{
	char line[TK_MINISIGN_COMMENT_MAX + 64];
	unsigned char raw[2 + TK_MINISIGN_IDLEN + 64];
	size_t tl = strlen(TK_MS_TRUSTED);

	memset(out, 0, sizeof *out);
	if (why)
		*why = "the signature file is not a minisign signature";
	if (tk_ms_line(text, len, 0, line, sizeof line) < 0 ||
	    strncmp(line, TK_MS_UNTRUSTED, strlen(TK_MS_UNTRUSTED)) ||
	    tk_ms_line(text, len, 1, line, sizeof line) < 0 || tk_ms_b64(line, raw, sizeof raw))
		return TK_EPARSE;
	if (memcmp(raw, "ED", 2) && memcmp(raw, "Ed", 2)) {
		if (why)
			*why = "the signature file uses an unknown minisign algorithm";
		return TK_EPARSE;
	}
	out->prehashed = raw[1] == 'D';
	memcpy(out->id, raw + 2, TK_MINISIGN_IDLEN);
	memcpy(out->sig, raw + 2 + TK_MINISIGN_IDLEN, 64);
	if (tk_ms_line(text, len, 2, line, sizeof line) < 0 || strncmp(line, TK_MS_TRUSTED, tl) ||
	    strlen(line) - tl > TK_MINISIGN_COMMENT_MAX)
		return TK_EPARSE;
	memcpy(out->trusted, line + tl, strlen(line) - tl + 1);
	if (tk_ms_line(text, len, 3, line, sizeof line) < 0 || tk_ms_b64(line, out->global, 64))
		return TK_EPARSE;
	return TK_OK;
}

int tk_minisign_verify(const struct tk_msig *sig, const struct tk_mkey *key, const void *msg,
		       size_t len)
{
	unsigned char h[crypto_generichash_BYTES_MAX], buf[64 + TK_MINISIGN_COMMENT_MAX];
	size_t tl = strlen(sig->trusted);
	int bad;

	if (memcmp(sig->id, key->id, TK_MINISIGN_IDLEN))
		return TK_ESIG;
	if (sig->prehashed) {
		crypto_generichash(h, sizeof h, msg, len, NULL, 0);
		bad = crypto_sign_verify_detached(sig->sig, h, sizeof h, key->pk);
	} else {
		bad = crypto_sign_verify_detached(sig->sig, msg, len, key->pk);
	}
	if (bad)
		return TK_ESIG;
	memcpy(buf, sig->sig, 64);
	memcpy(buf + 64, sig->trusted, tl);
	return crypto_sign_verify_detached(sig->global, buf, 64 + tl, key->pk) ? TK_ESIG : TK_OK;
}

int tk_minisign_sign(const struct tk_msec *key, const void *msg, size_t len, const char *tc,
		     char *out, size_t size)
{
	unsigned char h[crypto_generichash_BYTES_MAX], raw[2 + TK_MINISIGN_IDLEN + 64], global[64];
	unsigned char buf[64 + TK_MINISIGN_COMMENT_MAX];
	char b1[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_ORIGINAL)];
	char b2[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)], idhex[17];
	size_t tl = strlen(tc);
	int n;

	if (tl > TK_MINISIGN_COMMENT_MAX)
		tl = TK_MINISIGN_COMMENT_MAX;
	if (memchr(tc, '\n', tl) || memchr(tc, '\r', tl))
		return TK_EINVAL;
	memcpy(raw, "ED", 2);
	memcpy(raw + 2, key->id, TK_MINISIGN_IDLEN);
	crypto_generichash(h, sizeof h, msg, len, NULL, 0);
	crypto_sign_detached(raw + 2 + TK_MINISIGN_IDLEN, NULL, h, sizeof h, key->sk);
	memcpy(buf, raw + 2 + TK_MINISIGN_IDLEN, 64);
	memcpy(buf + 64, tc, tl);
	crypto_sign_detached(global, NULL, buf, 64 + tl, key->sk);
	sodium_bin2base64(b1, sizeof b1, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(b2, sizeof b2, global, sizeof global, sodium_base64_VARIANT_ORIGINAL);
	tk_minisign_id_hex(key->id, idhex);
	n = snprintf(out, size,
		     TK_MS_UNTRUSTED "signature from ticker secret key %s\n%s\n" TK_MS_TRUSTED
				     "%.*s\n%s\n",
		     idhex, b1, (int)tl, tc, b2);
	return n > 0 && (size_t)n < size ? TK_OK : TK_EINVAL;
}

int tk_minisign_keygen(char *sectext, size_t secsize, char *pubtext, size_t pubsize)
{
	unsigned char raw[TK_MS_SECLEN], pub[2 + TK_MINISIGN_IDLEN + 32];
	unsigned char *id = raw + 54, *sk = id + TK_MINISIGN_IDLEN;
	char b64[sodium_base64_ENCODED_LEN(TK_MS_SECLEN, sodium_base64_VARIANT_ORIGINAL)],
	    idhex[17];
	int n, m, err = TK_OK;

	memset(raw, 0, sizeof raw);
	memcpy(raw, "Ed", 2);
	memcpy(raw + 4, "B2", 2);
	randombytes_buf(id, TK_MINISIGN_IDLEN);
	if (crypto_sign_keypair(pub + 2 + TK_MINISIGN_IDLEN, sk)) {
		err = TK_EIO;
		goto out;
	}
	tk_ms_chk(raw, id, sk, sk + 64);
	tk_minisign_id_hex(id, idhex);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(sectext, secsize, TK_MS_UNTRUSTED "minisign secret key %s\n%s\n", idhex, b64);
	memcpy(pub, "Ed", 2);
	memcpy(pub + 2, id, TK_MINISIGN_IDLEN);
	sodium_bin2base64(b64, sizeof b64, pub, sizeof pub, sodium_base64_VARIANT_ORIGINAL);
	m = snprintf(pubtext, pubsize, TK_MS_UNTRUSTED "minisign public key %s\n%s\n", idhex, b64);
	if (n <= 0 || (size_t)n >= secsize || m <= 0 || (size_t)m >= pubsize)
		err = TK_EINVAL;
out:
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(b64, sizeof b64);
	return err;
}

void tk_minisign_id_hex(const unsigned char id[TK_MINISIGN_IDLEN], char out[17])
{
	/* minisign prints the key number as a little-endian 64-bit integer. */
	for (int i = 0; i < TK_MINISIGN_IDLEN; i++)
		snprintf(out + 2 * i, 3, "%02X", id[TK_MINISIGN_IDLEN - 1 - i]);
}

int tk_minisign_id_parse(const char *hex, unsigned char id[TK_MINISIGN_IDLEN])
{
	unsigned char tmp[TK_MINISIGN_IDLEN];
	size_t got = 0;

	if (strlen(hex) != 2 * TK_MINISIGN_IDLEN ||
	    sodium_hex2bin(tmp, sizeof tmp, hex, strlen(hex), NULL, &got, NULL) ||
	    got != sizeof tmp)
		return TK_EPARSE;
	for (int i = 0; i < TK_MINISIGN_IDLEN; i++)
		id[i] = tmp[TK_MINISIGN_IDLEN - 1 - i];
	return TK_OK;
}
