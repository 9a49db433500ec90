/* Language identification with libexttextcat's n-gram fingerprints (Cavnar
 * & Trenkle, as Debian ships them): the fingerprints of the languages the
 * ticker can tell apart, and of their close neighbours, are read once; an
 * article's first kilobyte is compared with each and the nearest wins when
 * it is clearly nearer than any other language. */
#include "langid.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <fingerprint.h>
#include <textcat.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

/* n-grams per fingerprint, as libexttextcat's own classifier uses */
#define TK_LANGID_NGRAMS 400
/* the runner-up (of another language) must score this much worse, in
 * percent: libexttextcat's own threshold (1.03) for "sure" */
#define TK_LANGID_MARGIN_PCT 103

/* Fingerprint file and the two-letter code it stands for. The neighbours
 * (Catalan, Galician, Occitan ...) keep a text in one of them from being
 * taken for its larger cousin with another number format. */
static const struct {
	const char *file, *code;
} tk_langid_langs[] = {
    {"af.lm", "af"}, {"ast.lm", "as"}, {"ca.lm", "ca"},	 {"cs.lm", "cs"}, {"da.lm", "da"},
    {"de.lm", "de"}, {"en.lm", "en"},  {"es.lm", "es"},	 {"fi.lm", "fi"}, {"fr.lm", "fr"},
    {"fy.lm", "fy"}, {"gl.lm", "gl"},  {"it.lm", "it"},	 {"lb.lm", "lb"}, {"nb.lm", "no"},
    {"nl.lm", "nl"}, {"nn.lm", "no"},  {"oc.lm", "oc"},	 {"pl.lm", "pl"}, {"pt.lm", "pt"},
    {"ro.lm", "ro"}, {"ru.lm", "ru"},  {"sco.lm", "sc"}, {"sk.lm", "sk"}, {"sv.lm", "sv"},
    {"uk.lm", "uk"},
};
#define TK_LANGID_N (sizeof tk_langid_langs / sizeof tk_langid_langs[0])

struct tk_langid {
	void *fp[TK_LANGID_N]; /* NULL where the file was missing */
	const char *code[TK_LANGID_N];
	size_t n;
};

int tk_langid_open(const char *dir, struct tk_langid **out)
{
	struct tk_langid *li = NULL;
	char path[600];
	size_t i;
	int err = TK_OK;

	*out = NULL;
	if (!dir)
		dir = TK_LANGID_DIR;
	li = tk_calloc(1, sizeof *li);
	if (!li) {
		err = TK_ENOMEM;
		goto out;
	}
	for (i = 0; i < TK_LANGID_N; i++) {
		void *fp;
		if (snprintf(path, sizeof path, "%s/%s", dir, tk_langid_langs[i].file) >=
			(int)sizeof path ||
		    access(path, R_OK) != 0)
			continue; /* the library prints to stderr for a missing file */
		fp = fp_Init(tk_langid_langs[i].code);
		if (!fp) {
			err = TK_ENOMEM;
			goto out;
		}
		if (fp_Read(fp, path, TK_LANGID_NGRAMS) == 0) {
			fp_Done(fp);
			continue;
		}
		li->fp[li->n] = fp;
		li->code[li->n++] = tk_langid_langs[i].code;
	}
	if (li->n == 0) {
		err = TK_ENOENT;
		goto out;
	}
	*out = li;
	li = NULL;
out:
	tk_langid_close(li);
	return err;
}

int tk_langid_guess(struct tk_langid *li, const char *text, size_t n, char code[3])
{
	void *unk;
	sint4 best = INT_MAX, second = INT_MAX;
	size_t i, bi = 0;

	if (!li || !text || n < TK_LANGID_MIN_BYTES)
		return 0;
	if (n > TK_LANGID_BYTES) {
		n = TK_LANGID_BYTES;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* never half a character */
	}
	unk = fp_Init(NULL);
	if (!unk)
		return 0;
	fp_SetProperty(unk, TCPROP_UTF8AWARE, TC_TRUE);
	fp_SetProperty(unk, TCPROP_MINIMUM_DOCUMENT_SIZE, TK_LANGID_MIN_BYTES);
	if (fp_Create(unk, text, (uint4)n, TK_LANGID_NGRAMS) == 0) {
		fp_Done(unk);
		return 0;
	}
	for (i = 0; i < li->n; i++) {
		sint4 s = fp_Compare(li->fp[i], unk, INT_MAX);
		if (s < best) {
			if (bi < li->n && best != INT_MAX && strcmp(li->code[bi], li->code[i]))
				second = best;
			best = s;
			bi = i;
		} else if (s < second && strcmp(li->code[bi], li->code[i])) {
			second = s;
		}
	}
	fp_Done(unk);
	/* close to another language: unsure (the short-word guess decides) */
	if (best == INT_MAX || (int64_t)second * 100 < (int64_t)best * TK_LANGID_MARGIN_PCT)
		return 0;
	memcpy(code, li->code[bi], 2);
	code[2] = '\0';
	return 1;
}

const char *tk_langid_version(void)
{
	return textcat_Version();
}

void tk_langid_close(struct tk_langid *li)
{
	size_t i;

	if (!li)
		return;
	for (i = 0; i < li->n; i++)
		fp_Done(li->fp[i]);
	tk_free(li);
}
