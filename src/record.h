/* Record: the bounded summary of one cached article file that the display
 * reads instead of the article (issue 15): per article its headline, source,
 * date, ranked quote candidates with attribution and ranked figures with
 * captions. Written by the import process, validated field by field on load.
 * Pure: bytes in, structures out; no I/O, no globals, no logging. */
#ifndef TK_RECORD_H
#define TK_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

/* Format version: a record of another version is refused (and rebuilt). */
#define TK_RECORD_VERSION 2
#define TK_RECORD_FP_BYTES 16

/* Caps on what a record holds. Every one bounds the display's memory
 * whatever the cache holds; the import side truncates, the reader refuses. */
#if !defined(TK_RECORD_MAX_ARTICLES)
#define TK_RECORD_MAX_ARTICLES 64 /* articles per file (a feed's first ones) */
#endif
#if !defined(TK_RECORD_MAX_QUOTES)
#define TK_RECORD_MAX_QUOTES 8 /* ranked quote candidates per article */
#endif
#if !defined(TK_RECORD_MAX_FIGURES)
#define TK_RECORD_MAX_FIGURES 8 /* ranked figure candidates per article */
#endif
#if !defined(TK_RECORD_MAX_TEXT)
#define TK_RECORD_MAX_TEXT 600 /* bytes: headline, quote, figure clause, caption */
#endif
#if !defined(TK_RECORD_MAX_NAME)
#define TK_RECORD_MAX_NAME 160 /* bytes: source, speaker, role */
#endif
#if !defined(TK_RECORD_MAX_FIGURE)
#define TK_RECORD_MAX_FIGURE 64 /* bytes: the number as written */
#endif
#if !defined(TK_RECORD_MAX_ARTICLE_BYTES)
#define TK_RECORD_MAX_ARTICLE_BYTES 8192 /* encoded bytes per article: candidates stop there */
#endif
/* The largest valid record: a reader refuses anything longer unread. */
#define TK_RECORD_MAX_BYTES (64 + TK_RECORD_MAX_ARTICLES * (size_t)TK_RECORD_MAX_ARTICLE_BYTES)

#define TK_RECORD_NO_DATE INT64_MIN

struct tk_record_quote {
	const char *text;    /* never NULL */
	const char *speaker; /* or NULL */
	const char *role;    /* or NULL */
};

struct tk_record_figure {
	const char *text;    /* the clause it comes from; never NULL */
	const char *figure;  /* the number as written; never NULL */
	const char *caption; /* never NULL */
	const char *speaker; /* who said it, when the figure is quoted; or NULL */
};

struct tk_record_article {
	const char *headline; /* never NULL, never empty */
	const char *source;   /* or NULL */
	int64_t date;	      /* unix seconds (midnight UTC) or TK_RECORD_NO_DATE */
	size_t n_quotes, n_figures;
	const struct tk_record_quote *quotes;	/* best first */
	const struct tk_record_figure *figures; /* best first */
};

struct tk_record {
	unsigned char fingerprint[TK_RECORD_FP_BYTES]; /* extractor + settings that wrote it */
	size_t n_articles;			       /* 0: the file was refused */
	const struct tk_record_article *articles;
};

/* Extract every article of doc (at most TK_RECORD_MAX_ARTICLES) and encode
 * the record, each string cut to its cap at a character boundary. doc may be
 * NULL: an empty record (a file the import refused, so it is not retried).
 * *out is tk_malloc'd (caller frees with tk_free). TK_OK or TK_ENOMEM. */
int tk_record_encode(const struct tk_doc *doc, const unsigned char fp[TK_RECORD_FP_BYTES],
		     void **out, size_t *len);

/* Validate and decode len bytes: magic, version, every count and length
 * within its cap, valid UTF-8 without control bytes, nothing left over.
 * *out owns all strings (free with tk_record_free). Returns TK_OK,
 * TK_EPARSE (not a valid record of this version), TK_ETOOBIG or TK_ENOMEM. */
int tk_record_decode(const void *bytes, size_t len, struct tk_record **out);
void tk_record_free(struct tk_record *r);

/* The fingerprint in a record's header without decoding the rest.
 * TK_OK or TK_EPARSE (too short, wrong magic or version). */
int tk_record_peek(const void *bytes, size_t len, unsigned char fp[TK_RECORD_FP_BYTES]);

/* "YYYY-MM-DD" to unix seconds at midnight UTC, or TK_RECORD_NO_DATE. */
int64_t tk_record_date(const char *ymd);

#endif
