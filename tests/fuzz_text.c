/* libFuzzer target: encoding sniffing, decoding and cleanup on raw bytes;
 * the result must be valid UTF-8 with no NUL bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistr.h>

#include "mem.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_arena *a = NULL;
	struct tk_enc_guess g;
	char declared[32];
	char *out = NULL;
	size_t len = 0;
	int err;

	if (tk_arena_create(&a))
		return 0;
	tk_text_sniff(
	    data, size,
	    tk_text_declared_charset(data, size, declared, sizeof declared) ? declared : NULL, &g);
	if (tk_text_decode(data, size, &g, a, &out, &len) == 0) {
		char *c;
		if (u8_check((const uint8_t *)out, len) || strlen(out) != len)
			__builtin_trap();
		c = tk_text_clean(a, out, len, &err);
		if (c && u8_check((const uint8_t *)c, strlen(c)))
			__builtin_trap();
	}
	tk_arena_destroy(a);
	return 0;
}
