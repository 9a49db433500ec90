/* Import from a USB stick: walk the stick safely, pass every candidate file
 * through the article reader, stage and commit it into the cache, honour
 * REPLACE / CLEAR / URGENT.txt / ticker.conf, check signed drops and write
 * TICKER-REPORT.txt back to the stick. The drop format is in README.md. */
#ifndef TK_IMPORT_H
#define TK_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "walk.h"

#define TK_IMPORT_REPORT TK_STICK_REPORT
#define TK_IMPORT_PREVIEW TK_STICK_PREVIEW

#if !defined(TK_IMPORT_MAX_TOTAL_BYTES)
#define TK_IMPORT_MAX_TOTAL_BYTES (1024L << 20) /* read at most this much per stick */
#endif
#if !defined(TK_IMPORT_BANNER_SECONDS)
#define TK_IMPORT_BANNER_SECONDS 300
#endif

enum tk_import_outcome {
	TK_IMPORT_ADDED,     /* new article file */
	TK_IMPORT_UPDATED,   /* same name, new content */
	TK_IMPORT_UNCHANGED, /* this content is already on the ticker */
	TK_IMPORT_IGNORED,   /* not an article (photo, Word file, link, ...) */
	TK_IMPORT_REFUSED,   /* an article that could not be taken, with the reason */
	TK_IMPORT_NOUTCOMES
};

enum tk_import_mode { TK_IMPORT_MERGE, TK_IMPORT_REPLACE, TK_IMPORT_CLEAR };

/* Renders what the screen will show from cfg->cache_dir as PNG bytes
 * (tk_malloc'd, the importer frees them); supplied by the command layer, as
 * the importer links no SDL. Returns TK_OK or an error code. */
typedef int (*tk_import_preview_fn)(const struct tk_config *cfg, void **png, size_t *len);

/* How the urgent notice text fits the screen (laid out as the display
 * would, at the screen's last-known size): the lines it takes, its size in %
 * of the usual size for a notice of several lines (under 100: made smaller),
 * and whether even the smallest readable size cuts it. Returns TK_OK or an
 * error code (then nothing is said). */
typedef int (*tk_import_urgent_fit_fn)(const struct tk_config *cfg, const char *text, int *lines,
				       int *size_pct, int *cut);

struct tk_import_opts {
	const char *report_path; /* NULL: TICKER-REPORT.txt at the stick's root; "" = none */
	int64_t now;		 /* unix seconds; 0 = the clock */
	/* TICKER-PREVIEW.png next to the report, before it, when stick_preview is
	 * yes; NULL = none. A preview that cannot be written is a report line. */
	tk_import_preview_fn preview;
	/* The report warns when an urgent notice had to shrink or is cut on
	 * screen; NULL = not checked. */
	tk_import_urgent_fit_fn urgent_fit;
};

struct tk_import_summary {
	size_t n[TK_IMPORT_NOUTCOMES]; /* files per outcome */
	enum tk_import_mode mode;      /* the mode actually carried out */
	int refused_whole;	       /* nothing changed: signature or similar */
	int incomplete;		       /* the stick could not be read to the end */
	int cache_failed;	       /* the cache could not be written (disk full, I/O) */
	int report_written;
	int exit_code;	  /* enum tk_exit */
	char banner[256]; /* the one-line summary shown on screen */
};

/* Import the stick mounted at src into cfg->cache_dir. Never executes or
 * interprets anything on the stick beyond the article reader and the config
 * parser; opens the stick read-only except for the report. Logs decisions,
 * fills *sum and returns TK_OK, or TK_EBUSY (another import holds the
 * cache), TK_ENOENT (src missing), TK_EIO or TK_ENOMEM when it could not even
 * start (sum->exit_code is set in every case). */
/* Ask a running import to stop at the next file (async-signal-safe: call it
 * from a SIGTERM handler). It then finishes as for a pulled stick. */
void tk_import_request_stop(void);

int tk_import_run(const char *src, const struct tk_config *cfg, const struct tk_import_opts *o,
		  struct tk_import_summary *sum);

/* The cache name of a stick path: folders joined with " - ", control bytes,
 * invalid UTF-8 and '/' replaced by '_', long names shortened with a hash.
 * Writes at most size bytes (size >= 256). */
void tk_import_cache_name(const char *path, char *out, size_t size);

/* Readable form of raw name bytes for the report: invalid UTF-8 and control
 * characters become '?'. */
void tk_import_show_name(const char *raw, char *out, size_t size);

#endif
