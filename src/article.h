/* Article reader: sniffs a file's format and encoding, decodes it to NFC UTF-8
 * and splits it into articles (a feed holds several), each a headline, an
 * optional date and source, and body paragraphs. Pure: bytes in, structures
 * out; no I/O, no globals, no logging. */
#ifndef TK_ARTICLE_H
#define TK_ARTICLE_H

#include <stddef.h>

enum tk_format { TK_FMT_TXT, TK_FMT_MD, TK_FMT_HTML, TK_FMT_RSS, TK_FMT_ATOM };

/* Bytes: a longer first line of a .txt or .md file is really a paragraph, and
 * the headline is taken from elsewhere (so no such headline is longer). */
#if !defined(TK_HEADLINE_MAX)
#define TK_HEADLINE_MAX 240
#endif

struct tk_langid;

struct tk_read_opts {
	size_t max_bytes; /* refuse larger input with TK_ETOOBIG; 0 = 4 MiB */
	/* language identifier for articles that do not declare theirs (langid.h),
	 * borrowed for the call; NULL: a guess from common short words only */
	struct tk_langid *langid;
};

struct tk_article {
	const char *headline;	  /* never NULL, never empty */
	const char *date;	  /* "YYYY-MM-DD" or NULL */
	const char *source;	  /* publication or site name, or NULL */
	const char *const *paras; /* body paragraphs, cleaned UTF-8 (NFC), no markup */
	size_t n_paras;
	const char *lang; /* ISO 639-1 code ("en", "de") when known, else NULL */
};

/* One parsed file: 1..N articles. Opaque; all strings live in its arena. */
struct tk_doc;

/* Parse len bytes. name is only a hint (its extension breaks ties; content is
 * sniffed first). On success *out owns the result (free with tk_doc_free).
 * On failure returns TK_ENOTEXT (binary, empty, no text), TK_ETOOBIG,
 * TK_EUNSUPP, TK_EPARSE or TK_ENOMEM, and *reason points to a static one-line
 * explanation fit for a report ("binary file (PNG image)", "empty file", ...). */
int tk_doc_parse(const void *bytes, size_t len, const char *name, const struct tk_read_opts *opts,
		 struct tk_doc **out, const char **reason);

/* Release the document and every string of its articles. Accepts NULL. */
void tk_doc_free(struct tk_doc *doc);

size_t tk_doc_count(const struct tk_doc *doc);
/* The i-th article (i < tk_doc_count); borrowed until tk_doc_free. */
const struct tk_article *tk_doc_article(const struct tk_doc *doc, size_t i);
enum tk_format tk_doc_format(const struct tk_doc *doc);
/* "txt", "md", "html", "rss", "atom". */
const char *tk_format_name(enum tk_format f);
/* Source encoding as detected: "utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1", ...
 */
const char *tk_doc_encoding(const struct tk_doc *doc);

#endif
