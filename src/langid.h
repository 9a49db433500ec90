/* Language identification for articles that do not declare their language:
 * Debian's libexttextcat (n-gram fingerprints, Cavnar & Trenkle) on the first
 * kilobyte of text, against the languages extraction knows and their close
 * neighbours. The handle is opened once by whoever reads articles (it reads
 * the fingerprint files) and passed to the reader in tk_read_opts. */
#ifndef TK_LANGID_H
#define TK_LANGID_H

#include <stddef.h>

/* Where libexttextcat-data installs the fingerprints (xx.lm). */
#if !defined(TK_LANGID_DIR)
#define TK_LANGID_DIR "/usr/share/libexttextcat"
#endif

/* Bytes of text classified: enough for a reliable guess, cheap on long articles. */
#if !defined(TK_LANGID_BYTES)
#define TK_LANGID_BYTES 1024
#endif

/* Less text than this is too little to tell. */
#if !defined(TK_LANGID_MIN_BYTES)
#define TK_LANGID_MIN_BYTES 40
#endif

struct tk_langid;

/* Load the fingerprints from dir (NULL: TK_LANGID_DIR). On success *out
 * owns the handle (free with tk_langid_close). Returns TK_ENOENT when none
 * can be read, TK_ENOMEM. */
int tk_langid_open(const char *dir, struct tk_langid **out);

/* The language of text[0..n) (UTF-8; only the first TK_LANGID_BYTES, cut at
 * a character boundary, are read): 1 with its two-letter code in code (as
 * the fingerprint names it: "en", "de"; tk_lang_code says whether extraction
 * knows it), or 0 when the classifier is unsure or the text is too short.
 * Not thread-safe: the classifier writes its answer into the handle. */
int tk_langid_guess(struct tk_langid *li, const char *text, size_t n, char code[3]);

/* The classifier library's version string (static), for the start-up log. */
const char *tk_langid_version(void);

/* Release the handle. Accepts NULL. */
void tk_langid_close(struct tk_langid *li);

#endif
