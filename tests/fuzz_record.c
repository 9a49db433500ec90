/* libFuzzer target for the record reader (what the display trusts): any bytes
 * either fail to decode or give a record whose every count and length is
 * within its cap. Inputs are prefixed with a valid header half the time, so
 * the fuzzer reaches the article fields. Seeds: tests/data/fuzz-record. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void tk_fz_check(const struct tk_record *r)
{
	if (r->n_articles > TK_RECORD_MAX_ARTICLES)
		abort();
	for (size_t a = 0; a < r->n_articles; a++) {
		const struct tk_record_article *ra = &r->articles[a];

		if (!ra->headline || !*ra->headline || strlen(ra->headline) > TK_RECORD_MAX_TEXT ||
		    ra->n_quotes > TK_RECORD_MAX_QUOTES || ra->n_figures > TK_RECORD_MAX_FIGURES)
			abort();
		for (size_t i = 0; i < ra->n_quotes; i++)
			if (strlen(ra->quotes[i].text) > TK_RECORD_MAX_TEXT)
				abort();
		for (size_t i = 0; i < ra->n_figures; i++)
			if (strlen(ra->figures[i].figure) > TK_RECORD_MAX_FIGURE)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char head[8] = {'T', 'K', 'R', 'C', TK_RECORD_VERSION, 0, 1, 0};
	struct tk_record *r = NULL;
	unsigned char *buf;

	if (size && (data[0] & 1)) {
		/* a valid header for one article, then the fuzzer's bytes */
		buf = malloc(sizeof head + TK_RECORD_FP_BYTES + size);
		if (!buf)
			return 0;
		memcpy(buf, head, sizeof head);
		memset(buf + sizeof head, 0, TK_RECORD_FP_BYTES);
		memcpy(buf + sizeof head + TK_RECORD_FP_BYTES, data + 1, size - 1);
		size = sizeof head + TK_RECORD_FP_BYTES + size - 1;
	} else {
		buf = malloc(size ? size : 1);
		if (!buf)
			return 0;
		memcpy(buf, data, size);
	}
	if (tk_record_decode(buf, size, &r) == TK_OK)
		tk_fz_check(r);
	tk_record_free(r);
	free(buf);
	return 0;
}
