/* libFuzzer target: tk_doc_parse on arbitrary bytes, with the format chosen
 * by the first byte (so txt, md, html and feed parsing all get inputs),
 * then tk_extract on every article found. */
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"a.txt", "a.md", "a.html", "a.rss", "a.atom", NULL};
	struct tk_doc *doc = NULL;
	const char *why = NULL;
	const char *name = size ? names[data[0] % 6] : NULL;

	if (tk_doc_parse(data, size, name, NULL, &doc, &why) == 0) {
		size_t i;
		for (i = 0; i < tk_doc_count(doc); i++) {
			const struct tk_article *a = tk_doc_article(doc, i);
			struct tk_extraction *ex = NULL;
			struct tk_extract_opts o = {3, 2, (int)(i & 1), 0};
			if (!a->headline || !a->headline[0])
				__builtin_trap();
			if (tk_extract(a, &o, &ex) == 0)
				tk_extraction_free(ex);
		}
	} else if (!why) {
		__builtin_trap(); /* every refusal has a reason */
	}
	tk_doc_free(doc);
	return 0;
}
