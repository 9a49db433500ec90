/* Language identification with libexttextcat: loads the fingerprints once,
 * then classifies the first kilobyte of an article and answers the winning
 * category's language ("en--utf8" -> "en"). */
#include "langid.h"

#include <string.h>
#include <textcat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

struct tk_langid {
	void *tc; /* libexttextcat handle */
};

int tk_langid_open(const char *conf, struct tk_langid **out)
{
	char prefix[512];
	const char *slash;
	struct tk_langid *li = NULL;
	size_t len;
	int err = TK_OK;

	*out = NULL;
	if (!conf)
		conf = TK_LANGID_CONF;
	/* the .lm files are named relative to the list's directory */
	slash = strrchr(conf, '/');
	len = slash ? (size_t)(slash - conf) + 1 : 0;
	if (len >= sizeof prefix) {
		err = TK_EINVAL;
		goto out;
	}
	memcpy(prefix, conf, len);
	prefix[len] = '\0';
	/* the library prints to stderr when the list is missing: ask first */
	if (access(conf, R_OK) != 0) {
		err = TK_ENOENT;
		goto out;
	}
	li = tk_calloc(1, sizeof *li);
	if (!li) {
		err = TK_ENOMEM;
		goto out;
	}
	li->tc = special_textcat_Init(conf, prefix);
	if (!li->tc) {
		err = TK_ENOENT;
		goto out;
	}
	/* a headline-sized scrap says little: "SHORT" below this many bytes */
	textcat_SetProperty(li->tc, TCPROP_MINIMUM_DOCUMENT_SIZE, TK_LANGID_MIN_BYTES);
	*out = li;
	li = NULL;
out:
	tk_langid_close(li);
	return err;
}

int tk_langid_guess(struct tk_langid *li, const char *text, size_t n, char code[3])
{
	const char *res, *end;

	if (!li || !text)
		return 0;
	if (n > TK_LANGID_BYTES) {
		n = TK_LANGID_BYTES;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* never half a character */
	}
	res = textcat_Classify(li->tc, text, n);
	/* "[en--utf8]" when sure; "[es--utf8][pt--utf8]" when two are close:
	 * take the first only if every candidate has the same language code
	 * (the close ones differ in script or country, not in numbers) */
	if (!res || res[0] != '[' || !res[1] || !res[2] || res[3] != '-')
		return 0;
	code[0] = res[1];
	code[1] = res[2];
	code[2] = '\0';
	for (end = strchr(res + 1, '['); end; end = strchr(end + 1, '['))
		if (end[1] != code[0] || end[2] != code[1] || end[3] != '-')
			return 0;
	return 1;
}

const char *tk_langid_version(void)
{
	return textcat_Version();
}

void tk_langid_close(struct tk_langid *li)
{
	if (!li)
		return;
	if (li->tc)
		textcat_Done(li->tc);
	tk_free(li);
}
