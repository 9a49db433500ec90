/* libFuzzer target for the signed-drop manifest parser: every input is signed
 * with a fixed key first, so the fuzzer reaches the parser behind the
 * signature check, then the parsed list is queried. */
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tk_keyring *ring;
	static unsigned char sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sig[crypto_sign_BYTES], zero[32] = {0};
	char b64[128], sigtext[256];
	struct tk_manifest *m = NULL;
	const char *signer, *reason;

	if (!ring) {
		unsigned char pk[crypto_sign_PUBLICKEYBYTES], seed[crypto_sign_SEEDBYTES] = {1};
		char pub[256];

		if (sodium_init() < 0)
			return 0;
		crypto_sign_seed_keypair(pk, sk, seed);
		sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
		snprintf(pub, sizeof pub, "ticker-ed25519-public %s fuzz\n", b64);
		if (tk_sign_keyring_create(&ring) || tk_sign_keyring_add(ring, pub, strlen(pub)))
			return 0;
	}
	crypto_sign_detached(sig, NULL, data, size, sk);
	sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	snprintf(sigtext, sizeof sigtext, "ticker-signature-ed25519 %s fuzz\n", b64);
	if (tk_manifest_verify(data, size, sigtext, strlen(sigtext), ring, &m, &signer, &reason) ==
	    TK_OK) {
		tk_manifest_check(m, "a.txt", zero, 0);
		tk_manifest_check(m, "", zero, 0);
		while (tk_manifest_unseen(m))
			tk_manifest_check(m, tk_manifest_unseen(m), zero, 0);
		tk_manifest_free(m);
	}
	return 0;
}
