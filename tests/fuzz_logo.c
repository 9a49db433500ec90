/* libFuzzer target for the logo decoder (logo.png from untrusted sticks) and
 * the cache file reader (what the display trusts): any bytes either fail with
 * a reason, or give a logo within the stored bound whose cache file reads
 * back identical. Seeds: tests/data/fuzz-logo (the test_logo fixtures). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "logo.h"
#include "mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_logo *l = NULL, *r = NULL;
	unsigned char *enc = NULL;
	size_t n = 0;
	char why[200];
	int err = tk_logo_decode(data, size, &l, why, sizeof why);

	if (err && (l || !why[0]))
		abort();
	if (!err) {
		if (l->w < 1 || l->h < 1 || l->w > TK_LOGO_STORE_MAX || l->h > TK_LOGO_STORE_MAX)
			abort();
		if (tk_logo_encode(l, &enc, &n) || tk_logo_parse(enc, n, &r) ||
		    tk_logo_hash(r) != tk_logo_hash(l))
			abort();
	}
	/* the cache reader on the raw bytes too */
	tk_logo_free(r);
	r = NULL;
	if (tk_logo_parse(data, size, &r) == TK_OK &&
	    size != TK_LOGO_HEADER + (size_t)r->w * (size_t)r->h * 4)
		abort();
	tk_logo_free(r);
	tk_logo_free(l);
	tk_free(enc);
	return 0;
}
