/* The record store: <cache>/.records/ holds one record per cached article
 * file, named by the file's SHA-256 (so a REPLACE or an expiry that removes
 * an article leaves an orphan the next sync removes), and an index, replaced
 * atomically after the records it names are durable: the display reads the
 * index and the records only, never an article. Written by the import side. */
#ifndef TK_RECSTORE_H
#define TK_RECSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "cache.h"
#include "record.h"

#define TK_RECSTORE_DIR ".records"
#define TK_RECSTORE_INDEX "index"
#define TK_RECSTORE_MAGIC "ticker-records"
/* Index: a line "ticker-records 1 FINGERPRINT", then per article file
 * "SHA256HEX DATE MTIME[/FROM/UNTIL] NAME" (DATE: unix seconds of the first
 * article's date or "-"; MTIME: import time; FROM/UNTIL: show dates, see
 * showdates.h; NAME: the cache name, for people). Longest line: */
#define TK_RECSTORE_LINE_MAX 400

struct tk_recstore_opts {
	size_t max_file_bytes; /* the reader's limit (an extraction setting); 0 = 4 MiB */
	int force;	       /* rebuild every record, current or not */
};

struct tk_recstore_stats {
	size_t records; /* listed in the new index */
	size_t kept;	/* current already */
	size_t built;	/* (re)built from the article */
	size_t refused; /* articles the reader refused: empty record */
	size_t removed; /* orphan records removed */
	int fp_changed; /* the extractor, binary or a setting changed: all rebuilt */
};

/* Fingerprint of what shapes a record: the record version, this binary's
 * bytes (/proc/self/exe) and the extraction settings in o. TK_OK or TK_EIO. */
int tk_recstore_fingerprint(const struct tk_recstore_opts *o, unsigned char fp[TK_RECORD_FP_BYTES]);

/* Bring <cache>/.records in line with the cache c (opened and locked by the
 * caller): build each missing or stale record from its article (read,
 * parsed and extracted here, in the import process), remove orphans, make
 * the records durable, then replace the index. The caller bumps .generation
 * afterwards. st may be NULL. Returns TK_OK, TK_EIO, TK_ENOSPC or TK_ENOMEM;
 * on failure the previous index stays in place. */
int tk_recstore_sync(struct tk_cache *c, const struct tk_recstore_opts *o,
		     struct tk_recstore_stats *st);

#endif
