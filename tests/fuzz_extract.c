/* libFuzzer target: tk_extract on arbitrary UTF-8-ish paragraphs, bypassing
 * the reader (splits the input on NUL bytes into paragraphs), so quote,
 * speaker and figure parsing see raw shapes the reader would clean up. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	const char *paras[64];
	struct tk_article a = {"Headline", NULL, NULL, paras, 0};
	struct tk_extraction *ex = NULL;
	struct tk_extract_opts o = {5, 5, 1, 0};
	size_t i, start = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (i = 0; i <= size && a.n_paras < 64; i++) {
		if (i == size || buf[i] == '\0') {
			buf[i] = '\0';
			paras[a.n_paras++] = buf + start;
			start = i + 1;
		}
	}
	if (tk_extract(&a, &o, &ex) == 0) {
		for (i = 0; i < ex->n_items; i++)
			if (!ex->items[i].text)
				__builtin_trap();
		tk_extraction_free(ex);
	}
	o.all = 0;
	if (tk_extract(&a, &o, &ex) == 0)
		tk_extraction_free(ex);
	free(buf);
	return 0;
}
