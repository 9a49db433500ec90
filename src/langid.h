/* Language identification for articles that do not declare their language:
 * Debian's libexttextcat (n-gram fingerprints, Cavnar & Trenkle) on the first
 * kilobyte of text. The handle is opened once by whoever reads articles (it
 * reads the fingerprint files) and passed to the reader in tk_read_opts. */
#ifndef TK_LANGID_H
#define TK_LANGID_H

#include <stddef.h>

/* The fingerprint list libexttextcat-data installs; the .lm files sit beside it. */
#if !defined(TK_LANGID_CONF)
#define TK_LANGID_CONF "/usr/share/libexttextcat/fpdb.conf"
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

/* Load the fingerprints listed in conf (NULL: TK_LANGID_CONF). On success
 * *out owns the handle (free with tk_langid_close). Returns TK_ENOENT when
 * the list or one of its files cannot be read, TK_ENOMEM. */
int tk_langid_open(const char *conf, struct tk_langid **out);

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
