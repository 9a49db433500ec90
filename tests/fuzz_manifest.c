/* libFuzzer target for the signed-drop parsers: every input is signed with a
 * fixed minisign key first, so the fuzzer reaches the manifest parser behind
 * the signature check; the same bytes are also tried as a .minisig file, a
 * public key, a secret key and the box's .trust state. */
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "minisign.h"
#include "sign.h"
#include "trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tk_keyring *ring;
static struct tk_msec key;

static int fuzz_init(void)
{
	char sec[TK_MINISIGN_SEC_TEXT_MAX], pub[TK_MINISIGN_PUB_TEXT_MAX];

	if (sodium_init() < 0 || tk_minisign_keygen(sec, sizeof sec, pub, sizeof pub) ||
	    tk_minisign_parse_sec(sec, strlen(sec), &key, NULL) || tk_sign_keyring_create(&ring) ||
	    tk_sign_keyring_add(ring, pub, strlen(pub), "fuzz"))
		return -1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char sigtext[TK_MINISIGN_SIG_TEXT_MAX];
	static struct tk_trust t;
	unsigned char zero[32] = {0};
	struct tk_manifest *m = NULL;
	const char *signer, *reason;
	struct tk_msig sig;
	struct tk_mkey pk = {{0}, {0}};
	struct tk_msec sk;

	if (!ring && fuzz_init())
		return 0;
	if (tk_minisign_sign(&key, data, size, "fuzz", sigtext, sizeof sigtext) == TK_OK &&
	    tk_manifest_verify(data, size, sigtext, strlen(sigtext), ring, &m, &signer, &reason) ==
		TK_OK) {
		tk_manifest_check(m, "a.txt", zero, 0);
		tk_manifest_check(m, "", zero, 0);
		while (tk_manifest_unseen(m))
			tk_manifest_check(m, tk_manifest_unseen(m), zero, 0);
		tk_manifest_free(m);
	}
	if (!tk_minisign_parse_sig((const char *)data, size, &sig, NULL))
		tk_minisign_verify(&sig, &pk, data, size);
	tk_minisign_parse_pub((const char *)data, size, &pk, NULL);
	tk_minisign_parse_sec((const char *)data, size, &sk, NULL);
	tk_minisign_looks_secret((const char *)data, size);
	if (!tk_trust_parse((const char *)data, size, &t)) {
		char out[TK_TRUST_TEXT_MAX];

		tk_trust_format(&t, out, sizeof out);
	}
	return 0;
}
