/* Import from a USB stick into the cache: control files first (signature,
 * ticker.conf, REPLACE/CLEAR, URGENT.txt), then a safe walk where every file
 * is read once, hashed, checked and parsed from the same bytes, staged, and
 * committed only when the drop as a whole is acceptable. Every decision ends
 * up as one line of TICKER-REPORT.txt, written for a non-technical reader. */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "article.h"
#include "buf.h"
#include "cache.h"
#include "cmd.h"
#include "err.h"
#include "clockset.h"
#include "health.h"
#include "i18n.h"
#include "import.h"
#include "langid.h"
#include "log.h"
#include "logo.h"
#include "mem.h"
#include "import_trust.h"
#include "takedown.h"
#include "showdates.h"
#include "recstore.h"
#include "sign.h"
#include "walk.h"

#define TK_CONTROL_MAX (64 * 1024) /* ticker.conf, URGENT.txt, manifest */
#define TK_URGENT_TEXT_MAX 1000
#define TK_IMP_STOP (-1) /* walk callback: stop here (not an error code) */
#define TK_IMP_DONE (-2) /* a file step dealt with the file (a report line): next file */
#if !defined(TK_IMP_PULLED_AFTER)
#define TK_IMP_PULLED_AFTER 3 /* unreadable files in a row that mean "stick pulled out" */
#endif

/* ---- names ---- */

/* Length of the valid UTF-8 sequence at s (not a control character), or 0. */
static size_t tk_imp_utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return s[0] >= 0x20 && s[0] != 0x7f ? 1 : 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
			return 0; /* overlong or surrogate */
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* Copy raw into out, replacing what cannot be shown by bad (and '/' by sep). */
static void tk_imp_clean(const char *raw, char *out, size_t size, char bad, const char *sep)
{
	const unsigned char *s = (const unsigned char *)raw;
	size_t n = 0, sl = sep ? strlen(sep) : 0;

	while (*s && n + 5 < size) {
		size_t l = tk_imp_utf8_len(s);

		if (sep && *s == '/') {
			if (n + sl + 5 >= size)
				break;
			memcpy(out + n, sep, sl);
			n += sl;
			s++;
		} else if (!l || (sep && *s == '\\')) {
			out[n++] = bad;
			s++;
		} else {
			memcpy(out + n, s, l);
			n += l;
			s += l;
		}
	}
	out[n] = '\0';
}

void tk_import_show_name(const char *raw, char *out, size_t size)
{
	tk_imp_clean(raw, out, size, '?', NULL);
}

void tk_import_cache_name(const char *path, char *out, size_t size)
{
	char buf[4096];
	size_t n;

	tk_imp_clean(path, buf, sizeof buf, '_', " - ");
	if (buf[0] == '.')
		buf[0] = '_';
	n = strlen(buf);
	if (n + 1 > size || n > 200) {
		/* Keep the end (the file's own name and extension) and make it unique. */
		unsigned char h[32];
		size_t keep = size < 200 ? size - 20 : 180, start = n - keep;

		start = tk_utf8_boundary_after(buf, start);
		crypto_hash_sha256(h, (const unsigned char *)path, strlen(path));
		snprintf(out, size, "%02x%02x%02x%02x-%s", h[0], h[1], h[2], h[3], buf + start);
		return;
	}
	memcpy(out, buf, n + 1);
}

/* ---- classification by extension ---- */

enum tk_imp_kind { TK_KIND_ARTICLE, TK_KIND_OTHER, TK_KIND_UNKNOWN };

/* The extensions read as articles, grouped as the report names them. */
static const struct {
	const char *ext, *kind;
} tk_imp_article_ext[] = {
    {"txt", "plain text"},    {"text", "plain text"}, {"md", "Markdown"},
    {"markdown", "Markdown"}, {"htm", "web pages"},   {"html", "web pages"},
    {"xhtml", "web pages"},   {"rss", "news feeds"},  {"atom", "news feeds"},
    {"xml", "news feeds"},
};
#define TK_IMP_NARTICLE_EXT (sizeof tk_imp_article_ext / sizeof tk_imp_article_ext[0])

/* "plain text (.txt, .text), Markdown (.md, .markdown), ..." from the table. */
static void tk_imp_supported_types(struct tk_sb *b)
{
	for (size_t i = 0; i < TK_IMP_NARTICLE_EXT; i++) {
		const char *kind = tk_imp_article_ext[i].kind;
		int first = !i || strcmp(kind, tk_imp_article_ext[i - 1].kind);
		int last =
		    i + 1 == TK_IMP_NARTICLE_EXT || strcmp(kind, tk_imp_article_ext[i + 1].kind);

		tk_sb_printf(b, "%s%s%s.%s%s", first && i ? ", " : "", first ? kind : "",
			     first ? " (" : ", ", tk_imp_article_ext[i].ext, last ? ")" : "");
	}
}

static enum tk_imp_kind tk_imp_classify(const char *name, const char **why)
{
	static const struct {
		const char *ext, *why;
	} other[] = {
	    {"doc", "a Word document: save it as plain text (.txt) or web page (.html)"},
	    {"docx", "a Word document: save it as plain text (.txt) or web page (.html)"},
	    {"odt", "a word-processor document: save it as plain text (.txt) or web page (.html)"},
	    {"rtf", "a rich-text document: save it as plain text (.txt)"},
	    {"pdf", "a PDF: the ticker cannot read PDFs; save the text as .txt"},
	    {"pages", "a Pages document: export it as plain text (.txt)"},
	    {"jpg", "a photo"},
	    {"jpeg", "a photo"},
	    {"png", "an image"},
	    {"gif", "an image"},
	    {"heic", "a photo"},
	    {"webp", "an image"},
	    {"bmp", "an image"},
	    {"tif", "an image"},
	    {"tiff", "an image"},
	    {"svg", "an image"},
	    {"mp4", "a video"},
	    {"mov", "a video"},
	    {"avi", "a video"},
	    {"mkv", "a video"},
	    {"mp3", "an audio file"},
	    {"wav", "an audio file"},
	    {"m4a", "an audio file"},
	    {"zip", "a compressed archive: unpack it onto the stick first"},
	    {"7z", "a compressed archive: unpack it onto the stick first"},
	    {"rar", "a compressed archive: unpack it onto the stick first"},
	    {"xls", "a spreadsheet"},
	    {"xlsx", "a spreadsheet"},
	    {"ods", "a spreadsheet"},
	    {"csv", "a spreadsheet (CSV)"},
	    {"ppt", "a presentation"},
	    {"pptx", "a presentation"},
	    {"odp", "a presentation"},
	    {"exe", "a program: never run by the ticker"},
	    {"sh", "a script: never run by the ticker"},
	    {"bat", "a script: never run by the ticker"},
	    {"lnk", "a Windows shortcut"},
	    {"url", "a web shortcut"},
	    {"json", "a data file"},
	    {"conf", "a settings file (only ticker.conf at the top of the stick is read)"},
	    {NULL, NULL},
	};
	const char *dot = strrchr(name, '.');

	*why = NULL;
	if (!dot || dot == name)
		return TK_KIND_UNKNOWN;
	for (size_t i = 0; i < TK_IMP_NARTICLE_EXT; i++)
		if (!strcasecmp(dot + 1, tk_imp_article_ext[i].ext))
			return TK_KIND_ARTICLE;
	for (int i = 0; other[i].ext; i++)
		if (!strcasecmp(dot + 1, other[i].ext)) {
			*why = other[i].why;
			return TK_KIND_OTHER;
		}
	return TK_KIND_UNKNOWN;
}

/* ---- a set of names (duplicate cache names within one stick) ---- */
struct tk_nameset {
	char **slot;
	size_t cap, n;
};

static uint64_t tk_imp_fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* 1 if added, 0 if already present, -1 out of memory. */
static int tk_nameset_add(struct tk_nameset *s, const char *name)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 256;
		char **ns = tk_calloc(nc, sizeof *ns);

		if (!ns)
			return -1;
		for (size_t k = 0; k < s->cap; k++)
			if (s->slot[k]) {
				for (i = tk_imp_fnv(s->slot[k]) & (nc - 1); ns[i];
				     i = (i + 1) & (nc - 1))
					;
				ns[i] = s->slot[k];
			}
		tk_free(s->slot);
		s->slot = ns;
		s->cap = nc;
	}
	for (i = tk_imp_fnv(name) & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->slot[i], name))
			return 0;
	s->slot[i] = tk_strdup(name);
	if (!s->slot[i])
		return -1;
	s->n++;
	return 1;
}

static int tk_nameset_has(const struct tk_nameset *s, const char *name)
{
	if (!s->n)
		return 0;
	for (size_t i = tk_imp_fnv(name) & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->slot[i], name))
			return 1;
	return 0;
}

static void tk_nameset_free(struct tk_nameset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		tk_free(s->slot[i]);
	tk_free(s->slot);
}

/* ---- the import ---- */

/* The control files at the top of a stick: the one list of their names.
 * Matched without regard to case, as FAT sticks and Windows users do, except
 * the signature files and the report, which the ticker itself names. The
 * files the stick acts on come first, in the order they are read. */
enum tk_imp_ctl {
	TK_CTL_CONF,
	TK_CTL_REPLACE,
	TK_CTL_CLEAR,
	TK_CTL_REMOVE,
	TK_CTL_DATES,
	TK_CTL_URGENT, /* its name is a setting (urgent_name) */
	TK_CTL_LOGO,
	TK_CTL_NACT, /* the files above are read, gated and acted on */
	TK_CTL_MANIFEST = TK_CTL_NACT,
	TK_CTL_SIG,
	TK_CTL_NSTORED,			/* the files above are kept in struct tk_imp */
	TK_CTL_OLDSIG = TK_CTL_NSTORED, /* version 1: read by the signature check itself */
	TK_CTL_REPORT,
	TK_CTL_PREVIEW,
	TK_CTL_NONE
};

static const struct {
	const char *name;
	enum tk_imp_ctl ctl;
	int exact;
} tk_imp_ctl_names[] = {
    {"REPLACE", TK_CTL_REPLACE, 0},	  {"REPLACE.txt", TK_CTL_REPLACE, 0},
    {"CLEAR", TK_CTL_CLEAR, 0},		  {"CLEAR.txt", TK_CTL_CLEAR, 0},
    {"REMOVE", TK_CTL_REMOVE, 0},	  {"REMOVE.txt", TK_CTL_REMOVE, 0},
    {"SCHEDULE.txt", TK_CTL_DATES, 0},	  {"ticker.conf", TK_CTL_CONF, 0},
    {TK_LOGO_NAME, TK_CTL_LOGO, 0},	  {TK_SIGN_MANIFEST, TK_CTL_MANIFEST, 1},
    {TK_SIGN_SIGNATURE, TK_CTL_SIG, 1},	  {TK_SIGN_OLD_SIGNATURE, TK_CTL_OLDSIG, 1},
    {TK_IMPORT_REPORT, TK_CTL_REPORT, 1}, {TK_IMPORT_PREVIEW, TK_CTL_PREVIEW, 1},
};

struct tk_control {
	int present;
	char name[256]; /* as found on the stick */
	char *text;	/* contents (NUL-terminated) */
	size_t len;
	int refused; /* not listed in the manifest */
};

struct tk_imp {
	struct tk_config cfg;  /* effective for this import */
	struct tk_config base; /* without any stick's settings */
	int64_t now;
	int rootfd;
	struct tk_cache *cache;
	struct tk_import_trust trust; /* keys, sequences, clock (import_trust.c) */
	int trust_open;
	struct tk_manifest *man;
	const char *signer;
	int signed_ok;
	int64_t clock_asked; /* the clock was asked forward to this (a signed stick's time) */
	struct tk_sb files, conf_problems;
	struct tk_nameset names;
	struct tk_nameset deferred; /* stick paths staged after a CLEAR/REPLACE made room */
	int second_pass;
	int not_done;		 /* the CLEAR/REPLACE asked for but not carried out (storage) */
	char cache_problem[200]; /* the cache could not be opened: why */
	unsigned char *buf;
	size_t bufsize;
	uint64_t total_read;
	size_t junk;
	struct tk_import_summary *sum;
	/* why the walk stopped or the drop was refused whole */
	char stop_reason[512];
	char whole_reason[1024];
	char report_problem[128];  /* why the report could not be written */
	char preview_problem[160]; /* why TICKER-PREVIEW.png was not written */
	int preview_w, preview_h;  /* its size, once written */
	char io_why[200];	   /* the last file the stick would not give: why */
	size_t unreadable;	   /* files refused for an I/O error */
	int io_failures;	   /* ... in a row */
	int io_errno;		   /* the error of the last one */
	int stop;
	struct tk_control ctl[TK_CTL_NSTORED]; /* indexed by enum tk_imp_ctl */
	size_t removed;			       /* articles REMOVE.txt took off */
	int conf_ok;
	char urgent_msg[TK_URGENT_TEXT_MAX + 1];
	int urgent_clear;
	int urgent_cut; /* the notice was cut to TK_URGENT_TEXT_MAX (the report says so) */
	int urgent_lines, urgent_pct, urgent_nofit; /* on screen (tk_import_urgent_fit_fn) */
	struct tk_logo *logo;			    /* logo.png, validated and bounded (logo.h) */
	int logo_clear;				    /* logo.png is empty: the logo goes */
	char logo_why[200];			    /* logo.png refused: why (the old logo stays) */
	struct tk_langid *langid; /* for articles that do not declare their language, or NULL */
};

static const char *const tk_outcome_label[TK_IMPORT_NOUTCOMES] = {
    "added", "updated", "unchanged", "ignored", "REFUSED",
};

static void tk_imp_size(uint64_t n, char *out, size_t size)
{
	if (n >= 1000000000ull)
		snprintf(out, size, "%.1f GB", (double)n / 1e9);
	else if (n >= 1000000)
		snprintf(out, size, "%.1f MB", (double)n / 1e6);
	else if (n >= 1000)
		snprintf(out, size, "%.0f KB", (double)n / 1e3);
	else
		snprintf(out, size, "%" PRIu64 " bytes", n);
}

static void tk_imp_line(struct tk_imp *im, enum tk_import_outcome o, const char *path,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* One report line for one file, and its count. */
static void tk_imp_line(struct tk_imp *im, enum tk_import_outcome o, const char *path,
			const char *fmt, ...)
{
	char shown[600], why[1024];
	va_list ap;

	im->sum->n[o]++;
	tk_import_show_name(path, shown, sizeof shown);
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	tk_sb_printf(&im->files, "  %-9s  %s%s%s\n", tk_outcome_label[o], shown,
		     *why ? "  --  " : "", why);
	tk_log(o == TK_IMPORT_REFUSED ? TK_LOG_WARN : TK_LOG_DEBUG, "import: %s %s%s%s",
	       tk_outcome_label[o], shown, *why ? ": " : "", why);
}

static enum tk_imp_ctl tk_imp_control_of(const struct tk_imp *im, const char *name)
{
	for (size_t i = 0; i < sizeof tk_imp_ctl_names / sizeof tk_imp_ctl_names[0]; i++)
		if (tk_imp_ctl_names[i].exact ? !strcmp(name, tk_imp_ctl_names[i].name)
					      : !strcasecmp(name, tk_imp_ctl_names[i].name))
			return tk_imp_ctl_names[i].ctl;
	if (!strcasecmp(name, im->cfg.urgent_name))
		return TK_CTL_URGENT;
	return TK_CTL_NONE;
}

static int tk_imp_is_control_name(const struct tk_imp *im, const char *name)
{
	return tk_imp_control_of(im, name) != TK_CTL_NONE;
}

/* The stored control file for ctl, or NULL for one read elsewhere. */
static struct tk_control *tk_imp_control(struct tk_imp *im, enum tk_imp_ctl ctl)
{
	return ctl < TK_CTL_NSTORED ? &im->ctl[ctl] : NULL;
}

/* Find the control files at the root (see tk_imp_control_of). */
static int tk_imp_find_controls(struct tk_imp *im)
{
	int fd = openat(im->rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return TK_EIO;
	}
	while ((de = readdir(d))) {
		struct tk_control *c = tk_imp_control(im, tk_imp_control_of(im, de->d_name));
		struct stat st;

		if (!c || c->present || fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		c->present = 1;
		snprintf(c->name, sizeof c->name, "%s", de->d_name);
	}
	closedir(d);
	return TK_OK;
}

/* Read one control file; on a signed stick it must be listed unchanged. */
static int tk_imp_load_control(struct tk_imp *im, struct tk_control *c)
{
	unsigned char h[32];
	int err;

	if (!c->present)
		return TK_OK;
	err = tk_buf_read_at(im->rootfd, c->name,
			     c == &im->ctl[TK_CTL_LOGO] ? TK_LOGO_FILE_MAX : TK_CONTROL_MAX,
			     &c->text, &c->len);
	if (err == TK_ENOMEM)
		return err;
	if (err && c == &im->ctl[TK_CTL_LOGO])
		snprintf(im->logo_why, sizeof im->logo_why, "%s",
			 err == TK_ETOOBIG ? "the file is larger than the 1024 KB a logo may have"
					   : "it could not be read");
	if (err) {
		tk_imp_line(im, TK_IMPORT_REFUSED, c->name, "%s",
			    err == TK_ETOOBIG ? "too large for a control file: not used"
					      : "could not be read: not used");
		c->present = 0;
		return TK_OK;
	}
	if (im->man) {
		crypto_hash_sha256(h, (const unsigned char *)c->text, c->len);
		err = tk_manifest_check(im->man, c->name, h, c->len);
		if (err == TK_ENOENT) {
			tk_imp_line(im, TK_IMPORT_REFUSED, c->name,
				    "not in the signed list of files, so it was not used "
				    "(was it added after the stick was signed?)");
			c->present = 0;
			c->refused = 1;
		} else if (err) {
			snprintf(im->whole_reason, sizeof im->whole_reason,
				 "the file \"%s\" was changed after the stick was signed", c->name);
		}
	}
	return TK_OK;
}

static void tk_imp_conf_report(void *ctx, int line, const char *key, const char *msg)
{
	struct tk_imp *im = ctx;
	char k[160];

	tk_import_show_name(key, k, sizeof k);
	tk_sb_printf(&im->conf_problems, "    line %d: %s%s%s\n", line, k, *k ? ": " : "", msg);
}

static void tk_imp_check_conf(struct tk_imp *im)
{
	struct tk_config copy = im->base;
	int bad;

	if (!im->ctl[TK_CTL_CONF].present)
		return;
	/* The stick column of the key table decides what a stick may set. */
	bad = tk_config_parse_from(&copy, TK_CONFIG_STICK, im->ctl[TK_CTL_CONF].text,
				   im->ctl[TK_CTL_CONF].len, tk_imp_conf_report, im) != TK_OK;
	if (bad || im->conf_problems.err) {
		tk_imp_line(im, TK_IMPORT_REFUSED, im->ctl[TK_CTL_CONF].name,
			    "settings NOT applied (none of them): see SETTINGS below");
		return;
	}
	im->conf_ok = 1;
	im->cfg = copy;
	/* A settings file is not an article: listed, not counted. */
	tk_sb_printf(&im->files, "  %-9s  %s  --  settings checked and applied\n", "settings",
		     im->ctl[TK_CTL_CONF].name);
}

static void tk_imp_check_urgent(struct tk_imp *im)
{
	struct tk_read_opts ro = {TK_CONTROL_MAX, NULL};
	struct tk_doc *doc = NULL;
	const struct tk_article *a;
	const char *reason = "";
	size_t n = 0;
	int blank = 1;

	if (!im->ctl[TK_CTL_URGENT].present)
		return;
	for (size_t i = 0; i < im->ctl[TK_CTL_URGENT].len; i++)
		if (!strchr(" \t\r\n", im->ctl[TK_CTL_URGENT].text[i]))
			blank = 0;
	if (blank) {
		im->urgent_clear = 1;
		return;
	}
	if (tk_doc_parse(im->ctl[TK_CTL_URGENT].text, im->ctl[TK_CTL_URGENT].len,
			 im->ctl[TK_CTL_URGENT].name, &ro, &doc, &reason) ||
	    !tk_doc_count(doc)) {
		tk_imp_line(im, TK_IMPORT_REFUSED, im->ctl[TK_CTL_URGENT].name,
			    "urgent notice not shown: %s", reason ? reason : "no text");
		im->ctl[TK_CTL_URGENT].present = 0;
		tk_doc_free(doc);
		return;
	}
	a = tk_doc_article(doc, 0);
	n = (size_t)snprintf(im->urgent_msg, sizeof im->urgent_msg, "%s", a->headline);
	for (size_t i = 0; i < a->n_paras && n < sizeof im->urgent_msg; i++)
		n += (size_t)snprintf(im->urgent_msg + n, sizeof im->urgent_msg - n, "\n%s",
				      a->paras[i]);
	if (n >= sizeof im->urgent_msg) {
		im->urgent_cut = 1; /* said in the report, never cut silently */
		/* Cut at a character boundary. */
		n = tk_utf8_boundary(im->urgent_msg, sizeof im->urgent_msg - 1);
		im->urgent_msg[n] = '\0';
	}
	tk_doc_free(doc);
}

/* logo.png: validated and decoded here, in the import, with every limit set
 * (logo.h); the display only ever reads the bounded pixels. Empty: removed. */
static int tk_imp_check_logo(struct tk_imp *im)
{
	struct tk_control *c = &im->ctl[TK_CTL_LOGO];
	int err;

	if (!c->present)
		return TK_OK;
	if (!c->len) {
		im->logo_clear = 1;
		return TK_OK;
	}
	err = tk_logo_decode(c->text, c->len, &im->logo, im->logo_why, sizeof im->logo_why);
	if (err == TK_ENOMEM)
		return err;
	if (err) {
		tk_imp_line(im, TK_IMPORT_REFUSED, c->name, "logo not used: %s", im->logo_why);
		c->present = 0;
		return TK_OK;
	}
	tk_sb_printf(&im->files, "  %-9s  %s  --  logo checked (%dx%d pixels kept)\n", "logo",
		     c->name, im->logo->w, im->logo->h);
	return TK_OK;
}

/* Read and verify TICKER-MANIFEST(.minisig), then judge its sequence. */
static int tk_imp_verify_manifest(struct tk_imp *im)
{
	char *man = NULL, *sig = NULL;
	size_t mlen = 0, slen = 0;
	const char *reason = "";
	int err;

	err = tk_buf_read_at(im->rootfd, TK_SIGN_MANIFEST, 64u << 20, &man, &mlen);
	if (!err)
		err = tk_buf_read_at(im->rootfd, TK_SIGN_SIGNATURE, TK_MINISIGN_SIG_TEXT_MAX, &sig,
				     &slen);
	if (err == TK_ENOMEM)
		goto out;
	if (err)
		reason = "the signature files could not be read";
	else
		err = tk_manifest_verify(man, mlen, sig, slen, im->trust.ring, &im->man,
					 &im->signer, &reason);
	if (err == TK_ENOMEM)
		goto out;
	if (err) {
		snprintf(im->whole_reason, sizeof im->whole_reason, "%s", reason);
		err = TK_OK;
		goto out;
	}
	im->signed_ok = 1;
	if (tk_import_trust_judge(&im->trust, im->man, im->whole_reason, sizeof im->whole_reason))
		im->signed_ok = 0;
out:
	tk_free(man);
	tk_free(sig);
	return err;
}

/* The signature decision, before anything else is read. Fails closed when
 * keys_dir holds anything but usable keys. */
static int tk_imp_check_signature(struct tk_imp *im)
{
	struct stat st;
	int err, required, keys;

	err = tk_import_trust_open(&im->trust, im->cache, &im->base, im->now);
	if (err)
		return err;
	im->trust_open = 1;
	if (im->trust.keys_problem[0]) {
		snprintf(im->whole_reason, sizeof im->whole_reason, "%s", im->trust.keys_problem);
		tk_import_trust_flag_service(&im->trust, im->cache);
		return TK_OK;
	}
	tk_cache_remove_state(im->cache, TK_IMPORT_TRUST_SERVICE);
	keys = tk_sign_keyring_count(im->trust.ring) > 0;
	required =
	    im->base.require_signature == TK_YES || (im->base.require_signature == TK_AUTO && keys);
	if (im->ctl[TK_CTL_MANIFEST].present && !im->ctl[TK_CTL_SIG].present &&
	    !fstatat(im->rootfd, TK_SIGN_OLD_SIGNATURE, &st, AT_SYMLINK_NOFOLLOW) &&
	    (required || keys))
		snprintf(im->whole_reason, sizeof im->whole_reason,
			 "the stick was signed by ticker 0.1, whose signatures are no longer "
			 "accepted (they carry no sequence number): sign it again with this "
			 "version's \"ticker sign\" or with minisign");
	else if (!im->ctl[TK_CTL_MANIFEST].present || !im->ctl[TK_CTL_SIG].present) {
		if (required)
			snprintf(im->whole_reason, sizeof im->whole_reason, "%s",
				 im->ctl[TK_CTL_MANIFEST].present || im->ctl[TK_CTL_SIG].present
				     ? "the stick is only partly signed (" TK_SIGN_MANIFEST
				       " or " TK_SIGN_SIGNATURE " is missing)"
				     : "this ticker only accepts signed sticks, and this stick is "
				       "not signed "
				       "(sign it with \"ticker sign\" or minisign first)");
	} else if (keys || required) {
		err = tk_imp_verify_manifest(im);
	}
	if (!err && !im->whole_reason[0] && !im->signed_ok) {
		const char *no = tk_import_trust_unsigned(&im->trust);

		if (no)
			snprintf(im->whole_reason, sizeof im->whole_reason, "%s", no);
	}
	return err;
}

/* Control files an unsigned stick (unsigned_sticks) or a re-plugged signed
 * one (same sequence) may not act on: refused one by one, articles go on. */
static void tk_imp_gate_controls(struct tk_imp *im)
{
	const char *why = tk_import_trust_controls(&im->trust, im->signed_ok);

	if (!why)
		return;
	for (int i = 0; i < TK_CTL_NACT; i++) {
		struct tk_control *c = &im->ctl[i];

		if (!c->present)
			continue;
		if (im->signed_ok) /* the same signed stick again: done before, not refused */
			tk_sb_printf(&im->files, "  %-9s  %s  --  %s\n", "unchanged", c->name, why);
		else
			tk_imp_line(im, TK_IMPORT_REFUSED, c->name, "%s", why);
		c->present = 0;
		c->refused = 1;
	}
}

/* The report's words for a file the stick would not give: the system's
 * error, and what an operator can do about the usual ones. */
static void tk_imp_io_why(struct tk_imp *im, const char *what, int errnum)
{
	im->io_errno = errnum;
	snprintf(im->io_why, sizeof im->io_why, "%s: %s%s", what, strerror(errnum),
		 errnum == EACCES || errnum == EPERM
		     ? " (the file's permissions on the stick do not let the ticker read it)"
		 : errnum == EIO ? " (the stick may be damaged: copy the file again)"
				 : "");
}

/* Read the whole file into im->buf; the same bytes are hashed, parsed and
 * written, so what was checked is exactly what is imported. */
static int tk_imp_read_file(struct tk_imp *im, const struct tk_walk_entry *e, size_t *len,
			    const char **why)
{
	struct stat before, after;
	size_t n = 0, max = (size_t)im->cfg.max_file_bytes;
	ssize_t r = 0;
	int fd =
	    openat(e->dirfd, e->name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	int err = TK_OK;

	if (fd < 0) {
		tk_imp_io_why(im, "could not be opened", errno);
		*why = im->io_why;
		return TK_EIO;
	}
	/* Still the file the walk saw, and still a plain file. */
	if (fstat(fd, &before) || !S_ISREG(before.st_mode) || before.st_ino != e->st->st_ino ||
	    before.st_dev != e->st->st_dev) {
		*why = "changed while it was being read: copy it again and retry";
		err = TK_EPARSE;
		goto out;
	}
	for (;;) {
		/* The buffer grows to what files need (a stick may raise max_file_bytes
		 * to 1 GiB; the importer should still fit in a small memory limit). */
		if (n == im->bufsize && im->bufsize < max + 1) {
			size_t want = (uint64_t)before.st_size + 65536 > n * 2
					  ? (size_t)before.st_size + 65536
					  : n * 2;
			unsigned char *nb;

			want = want > max + 1 ? max + 1 : want;
			nb = tk_realloc(im->buf, want);
			if (!nb) {
				*why = "out of memory";
				err = TK_ENOMEM;
				goto out;
			}
			im->buf = nb;
			im->bufsize = want;
		}
		if (n == im->bufsize)
			break; /* max + 1 bytes: too large */
		r = tk_io_read(fd, im->buf + n, im->bufsize - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (r < 0) {
		tk_imp_io_why(im, "could not be read", errno);
		*why = im->io_why;
		err = TK_EIO;
		goto out;
	}
	if (n > max) {
		*why = "too large";
		err = TK_ETOOBIG;
		goto out;
	}
	if (fstat(fd, &after) || after.st_size != before.st_size || (size_t)after.st_size != n ||
	    after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
	    after.st_mtim.tv_nsec != before.st_mtim.tv_nsec) {
		*why = "changed while it was being read: copy it again and retry";
		err = TK_EPARSE;
		goto out;
	}
	im->total_read += n;
	*len = n;
out:
	close(fd);
	return err;
}

/* One file the stick would not give (issue 9.12): refused with its error, the
 * rest goes on. Several in a row, or a stick whose top folder is gone, is a
 * stick pulled out: stop there. On a signed stick the drop is incomplete. */
static int tk_imp_unreadable(struct tk_imp *im, const struct tk_walk_entry *e, const char *why)
{
	struct stat st;
	char shown[600];

	tk_imp_line(im, TK_IMPORT_REFUSED, e->path, "%s", why);
	im->unreadable++;
	/* A file the import may not read says nothing about the stick itself. */
	if (im->io_errno != EACCES && im->io_errno != EPERM)
		im->io_failures++;
	if (im->io_failures >= TK_IMP_PULLED_AFTER || fstatat(im->rootfd, ".", &st, 0)) {
		snprintf(im->stop_reason, sizeof im->stop_reason,
			 "The stick stopped responding (was it pulled out?): files after this one "
			 "were not looked at.");
		im->sum->incomplete = 1;
		return TK_IMP_STOP;
	}
	if (im->man && !im->whole_reason[0]) {
		tk_import_show_name(e->path, shown, sizeof shown);
		snprintf(im->whole_reason, sizeof im->whole_reason,
			 "the signed drop is incomplete: the file \"%s\" %s", shown, why);
		return TK_IMP_STOP;
	}
	return 0;
}

/* A file over the size limit is never read. On a signed stick a listed one
 * is refused whole (issue 9.8): it was swapped after signing, or signed
 * larger than this ticker takes, and a signed REPLACE must not run without it. */
static int tk_imp_signed_too_large(struct tk_imp *im, const struct tk_walk_entry *e,
				   enum tk_imp_kind kind)
{
	unsigned char h[32] = {0};
	char shown[600], lim1[32], lim2[32];

	if (!im->man || kind == TK_KIND_OTHER ||
	    (uint64_t)e->st->st_size <= (uint64_t)im->cfg.max_file_bytes ||
	    tk_manifest_check(im->man, e->path, h, 0) == TK_ENOENT)
		return 0;
	tk_import_show_name(e->path, shown, sizeof shown);
	tk_imp_size((uint64_t)e->st->st_size, lim1, sizeof lim1);
	tk_imp_size((uint64_t)im->cfg.max_file_bytes, lim2, sizeof lim2);
	snprintf(im->whole_reason, sizeof im->whole_reason,
		 "the signed file \"%s\" is %s, over the limit of %s: it was changed after "
		 "signing, or signed too large for this ticker",
		 shown, lim1, lim2);
	return TK_IMP_STOP;
}

/* Before reading: control files, files never read (other kinds, too large)
 * and the per-stick total. Returns TK_IMP_DONE when the file was dealt with, TK_IMP_STOP
 * to stop the walk, 0 to go on and read it. */
static int tk_imp_file_precheck(struct tk_imp *im, const struct tk_walk_entry *e,
				enum tk_imp_kind kind, const char *why)
{
	char lim1[32], lim2[32];
	unsigned char h[32] = {0};

	if (e->depth == 0 && tk_imp_is_control_name(im, e->name))
		return TK_IMP_DONE; /* handled before the walk */
	if (tk_imp_signed_too_large(im, e, kind))
		return TK_IMP_STOP;
	if (kind == TK_KIND_OTHER || (uint64_t)e->st->st_size > (uint64_t)im->cfg.max_file_bytes) {
		/* Never read: on a signed stick it must still be listed. */
		if (im->man && tk_manifest_check(im->man, e->path, h, 0) == TK_ENOENT)
			tk_imp_line(im, TK_IMPORT_REFUSED, e->path,
				    "not in the signed list of files "
				    "(was it added after the stick was signed?)");
		else if (kind == TK_KIND_OTHER)
			tk_imp_line(im, TK_IMPORT_IGNORED, e->path, "%s", why);
		else {
			tk_imp_size((uint64_t)e->st->st_size, lim1, sizeof lim1);
			tk_imp_size((uint64_t)im->cfg.max_file_bytes, lim2, sizeof lim2);
			tk_imp_line(im,
				    kind == TK_KIND_ARTICLE ? TK_IMPORT_REFUSED : TK_IMPORT_IGNORED,
				    e->path, "too large: %s (the limit is %s)", lim1, lim2);
		}
		return TK_IMP_DONE;
	}
	if (im->total_read + (uint64_t)e->st->st_size > TK_IMPORT_MAX_TOTAL_BYTES) {
		tk_imp_size(TK_IMPORT_MAX_TOTAL_BYTES, lim1, sizeof lim1);
		snprintf(im->stop_reason, sizeof im->stop_reason,
			 "The stick holds more than %s of files: the rest was not looked at.",
			 lim1);
		im->sum->incomplete = 1;
		return TK_IMP_STOP;
	}
	return 0;
}

/* Read the file into im->buf and hash it; on a signed stick the hash must be
 * the listed one. Returns TK_IMP_DONE when the file was dealt with (refused), TK_IMP_STOP,
 * TK_ENOMEM, or 0 with *len and h set. */
static int tk_imp_file_read_verify(struct tk_imp *im, const struct tk_walk_entry *e, size_t *len,
				   unsigned char h[32])
{
	const char *why = NULL;
	char lim[32], shown[600];
	int err = tk_imp_read_file(im, e, len, &why);

	if (err == TK_ENOMEM)
		return err;
	if (err == TK_EIO) {
		err = tk_imp_unreadable(im, e, why);
		return err ? err : TK_IMP_DONE;
	}
	im->io_failures = 0;
	if (err == TK_ETOOBIG) {
		tk_imp_size((uint64_t)im->cfg.max_file_bytes, lim, sizeof lim);
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path, "too large (the limit is %s)", lim);
		return TK_IMP_DONE;
	}
	if (err) {
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path, "%s", why);
		return TK_IMP_DONE;
	}
	crypto_hash_sha256(h, im->buf, *len);
	if (!im->man)
		return 0;
	err = tk_manifest_check(im->man, e->path, h, *len);
	if (err == TK_ENOENT) {
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path,
			    "not in the signed list of files "
			    "(was it added after the stick was signed?)");
		return TK_IMP_DONE;
	}
	if (err) {
		tk_import_show_name(e->path, shown, sizeof shown);
		snprintf(im->whole_reason, sizeof im->whole_reason,
			 "the file \"%s\" was changed after the stick was signed", shown);
		return TK_IMP_STOP;
	}
	return 0;
}

/* The report's words for what a file holds: its first headline, cut to 100
 * bytes at a character boundary, and how many more articles follow. */
static void tk_imp_describe_doc(const struct tk_doc *doc, char *head, size_t hsize, char *extra,
				size_t esize)
{
	const struct tk_article *a = tk_doc_article(doc, 0);
	size_t na = tk_doc_count(doc);

	tk_import_show_name(a ? a->headline : "", head, hsize);
	if (strlen(head) > 100) {
		/* never split a UTF-8 character */
		memcpy(head + tk_utf8_boundary(head, 97), "...", 4);
	}
	extra[0] = '\0';
	if (na > 1)
		snprintf(extra, esize, " and %zu more article%s", na - 1, na > 2 ? "s" : "");
}

/* Parse the bytes read; a file that is no article is refused or ignored.
 * Returns TK_IMP_DONE when dealt with, TK_ENOMEM, or 0 with head/extra filled. */
static int tk_imp_file_parse(struct tk_imp *im, const struct tk_walk_entry *e,
			     enum tk_imp_kind kind, const char *name, size_t len, char head[200],
			     char extra[64])
{
	struct tk_read_opts ro = {(size_t)im->cfg.max_file_bytes, im->langid};
	struct tk_doc *doc = NULL;
	const char *reason = NULL;
	int err = tk_doc_parse(im->buf, len, name, &ro, &doc, &reason);

	if (err == TK_ENOMEM)
		return TK_ENOMEM;
	if (err) {
		if (kind == TK_KIND_ARTICLE)
			tk_imp_line(im, TK_IMPORT_REFUSED, e->path, "%s",
				    reason ? reason : tk_strerror(err));
		else
			tk_imp_line(im, TK_IMPORT_IGNORED, e->path, "not an article: %s",
				    reason ? reason : tk_strerror(err));
		return TK_IMP_DONE;
	}
	tk_imp_describe_doc(doc, head, 200, extra, 64);
	tk_doc_free(doc);
	return 0;
}

/* A unique cache name within the stick, and room under the limits: whatever
 * this import keeps must fit, unchanged ones included. Returns TK_IMP_DONE when refused,
 * TK_ENOMEM, or 0. */
static int tk_imp_file_admit(struct tk_imp *im, const struct tk_walk_entry *e, const char *name,
			     size_t len)
{
	char lim[32];
	int added = im->second_pass ? 1 : tk_nameset_add(&im->names, name);

	if (added < 0)
		return TK_ENOMEM;
	if (!added) {
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path,
			    "another file on this stick has the same name once folders are "
			    "left out (\"%s\"): rename one of them",
			    name);
		return TK_IMP_DONE;
	}
	if ((im->cfg.max_articles > 0 &&
	     tk_cache_touched_count(im->cache) + 1 > (size_t)im->cfg.max_articles) ||
	    (im->cfg.max_cache_bytes > 0 &&
	     tk_cache_touched_bytes(im->cache) + len > (uint64_t)im->cfg.max_cache_bytes)) {
		tk_imp_size((uint64_t)im->cfg.max_cache_bytes, lim, sizeof lim);
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path,
			    "the ticker is full: it keeps at most %ld articles and %s "
			    "(settings max_articles, max_cache_bytes)",
			    im->cfg.max_articles, lim);
		return TK_IMP_DONE;
	}
	return 0;
}

/* Stage the file in the cache unless the same text is there already. */
static int tk_imp_file_stage(struct tk_imp *im, const struct tk_walk_entry *e, const char *name,
			     size_t len, const unsigned char h[32], const char *head,
			     const char *extra)
{
	const char *holder = NULL;
	char shown_holder[300];
	enum tk_cache_match m = tk_cache_match(im->cache, name, h, &holder);
	int err;

	if (m == TK_CACHE_SAME) {
		tk_import_show_name(holder, shown_holder, sizeof shown_holder);
		if (strcmp(holder, name))
			tk_imp_line(im, TK_IMPORT_UNCHANGED, e->path,
				    "already on the ticker (same text as \"%s\")", shown_holder);
		else
			tk_imp_line(im, TK_IMPORT_UNCHANGED, e->path, "already on the ticker");
		return 0;
	}
	err = tk_cache_stage(im->cache, name, im->buf, len, h);
	if (err == TK_ENOMEM)
		return err;
	if (err == TK_ENOSPC && !im->second_pass &&
	    (im->ctl[TK_CTL_CLEAR].present || im->ctl[TK_CTL_REPLACE].present))
		/* The old set about to go makes the room: after the removal. */
		return tk_nameset_add(&im->deferred, e->path) < 0 ? TK_ENOMEM : 0;
	if (err) {
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path, "%s",
			    err == TK_ENOSPC ? "the ticker's storage is full"
					     : "could not be written to the ticker's storage");
		snprintf(im->stop_reason, sizeof im->stop_reason, "%s",
			 err == TK_ENOSPC
			     ? "The ticker's storage is full: the import stopped here. "
			       "Articles already on the ticker are unharmed."
			     : "The ticker could not write to its storage (a hardware fault?): "
			       "the import stopped here. Articles already on the ticker are "
			       "unharmed.");
		im->sum->cache_failed = 1;
		return TK_IMP_STOP;
	}
	tk_imp_line(im, m == TK_CACHE_NEW ? TK_IMPORT_ADDED : TK_IMPORT_UPDATED, e->path,
		    "\"%s\"%s", head, extra);
	return 0;
}

/* One file of the walk: precheck, read and verify, parse, admit, stage. Each
 * step returns TK_IMP_DONE when it dealt with the file (a report line), or stops. */
static int tk_imp_file(struct tk_imp *im, const struct tk_walk_entry *e)
{
	char name[256], head[200], extra[64];
	const char *why = NULL;
	enum tk_imp_kind kind = tk_imp_classify(e->name, &why);
	unsigned char h[32] = {0};
	size_t len = 0;
	int r;

	if ((r = tk_imp_file_precheck(im, e, kind, why)) ||
	    (r = tk_imp_file_read_verify(im, e, &len, h)))
		return r == TK_IMP_DONE ? 0 : r;
	tk_import_cache_name(e->path, name, sizeof name);
	if ((r = tk_imp_file_parse(im, e, kind, name, len, head, extra)) ||
	    (r = tk_imp_file_admit(im, e, name, len)))
		return r == TK_IMP_DONE ? 0 : r;
	return tk_imp_file_stage(im, e, name, len, h, head, extra);
}

/* SIGTERM (systemd stops the import unit when the stick is pulled, BindsTo=)
 * or Ctrl-C: stop at the next file like a pulled stick, so that what was
 * staged is committed or removed and no temporary file is left behind. */
static volatile sig_atomic_t tk_import_stop_flag;

void tk_import_request_stop(void)
{
	tk_import_stop_flag = 1;
}

static int tk_imp_visit(void *ctx, const struct tk_walk_entry *e)
{
	struct tk_imp *im = ctx;

	if (tk_import_stop_flag) {
		snprintf(im->stop_reason, sizeof im->stop_reason,
			 "The import was stopped (the stick was pulled out, or the ticker shut "
			 "down): files after this one were not looked at.");
		im->sum->incomplete = 1;
		return TK_IMP_STOP;
	}

	if (im->second_pass) /* only the files put off for lack of room */
		return e->kind == TK_WALK_FILE && tk_nameset_has(&im->deferred, e->path)
			   ? tk_imp_file(im, e)
			   : 0;

	switch (e->kind) {
	case TK_WALK_FILE:
		return tk_imp_file(im, e);
	case TK_WALK_JUNK:
		im->junk++;
		return 0;
	case TK_WALK_SKIP:
		if (e->depth == 0 && (tk_imp_control_of(im, e->name) == TK_CTL_REPORT ||
				      tk_imp_control_of(im, e->name) == TK_CTL_PREVIEW))
			return 0; /* whatever stands there is replaced by the new file */
		if (e->depth == 0 && tk_imp_is_control_name(im, e->name))
			tk_imp_line(im, TK_IMPORT_REFUSED, e->path, "%s", e->reason);
		else
			tk_imp_line(im, TK_IMPORT_IGNORED, e->path, "%s", e->reason);
		return 0;
	case TK_WALK_ERROR:
		if (e->path[0] && (e->errnum == EACCES || e->errnum == EPERM)) {
			/* A folder the import may not open: like an unreadable file. */
			tk_imp_io_why(im, e->reason, e->errnum);
			return tk_imp_unreadable(im, e, im->io_why);
		}
		tk_imp_line(im, TK_IMPORT_REFUSED, e->path[0] ? e->path : "(top of the stick)",
			    "%s", e->reason);
		im->sum->incomplete = 1;
		if (!im->stop_reason[0])
			snprintf(im->stop_reason, sizeof im->stop_reason,
				 "Some folders could not be read (was the stick pulled out?).");
		return 0;
	}
	return 0;
}

static const char *tk_imp_mode_name(enum tk_import_mode m)
{
	return m == TK_IMPORT_REPLACE ? "replace" : m == TK_IMPORT_CLEAR ? "clear" : "merge";
}

/* Issue 9.14: the stick was read whole and held files, none of them of use:
 * no article (good or refused), no notice, no settings, no CLEAR. (An empty
 * stick is just "nothing new".) */
static int tk_imp_nothing_usable(const struct tk_imp *im)
{
	const struct tk_import_summary *s = im->sum;

	return !s->refused_whole && !s->incomplete && !s->cache_failed && !s->n[TK_IMPORT_ADDED] &&
	       !s->n[TK_IMPORT_UPDATED] && !s->n[TK_IMPORT_UNCHANGED] && !s->n[TK_IMPORT_REFUSED] &&
	       s->n[TK_IMPORT_IGNORED] && !im->conf_ok && !im->ctl[TK_CTL_URGENT].present &&
	       s->mode == TK_IMPORT_MERGE;
}

/* The comma before a part of the summary that is not the first; returns n
 * past it (never past z). */
static size_t tk_imp_banner_sep(char *b, size_t z, size_t n)
{
	int k;

	if (!n || n >= z)
		return n;
	/* TRANSLATORS: joins two parts of the import note ("3 articles added, 1 updated") */
	k = snprintf(b + n, z - n, "%s", _(", "));
	return k > 0 && (size_t)k < z - n ? n + (size_t)k : z;
}

/* Append to the summary (printf-style; n stays within z). */
#define TK_IMP_ADD(b, z, n, ...)                                                                   \
	do {                                                                                       \
		int k_ = (n) < (z) ? snprintf((b) + (n), (z) - (n), __VA_ARGS__) : 0;              \
		(n) = k_ > 0 && (size_t)k_ < (z) - (n) ? (n) + (size_t)k_ : (z);                   \
	} while (0)

/* The one-line note on screen after an import, in the screen's language
 * (for whoever brought the stick; visitors hardly notice it). */
static void tk_imp_banner(struct tk_imp *im, const struct tk_import_opts *o)
{
	struct tk_import_summary *s = im->sum;
	char *b = s->banner;
	size_t z = sizeof s->banner, n = 0, nc = im->cache ? tk_cache_count(im->cache) : 0;

	tk_i18n_select(im->cfg.assets_dir, im->cfg.language);
	b[0] = '\0';
	if (s->refused_whole) {
		TK_IMP_ADD(b, z, n, "%s", _("USB stick refused, nothing changed"));
		goto see;
	}
	if (s->mode != TK_IMPORT_MERGE) {
		if (s->mode == TK_IMPORT_CLEAR)
			TK_IMP_ADD(b, z, n,
				   Q_("Ticker cleared: %zu article on the ticker now",
				      "Ticker cleared: %zu articles on the ticker now", nc),
				   nc);
		else
			TK_IMP_ADD(b, z, n,
				   Q_("Articles replaced: %zu article on the ticker now",
				      "Articles replaced: %zu articles on the ticker now", nc),
				   nc);
	} else {
		size_t a = s->n[TK_IMPORT_ADDED], u = s->n[TK_IMPORT_UPDATED], r = im->removed;

		if (a)
			TK_IMP_ADD(b, z, n, Q_("%zu article added", "%zu articles added", a), a);
		if (u) {
			n = tk_imp_banner_sep(b, z, n);
			TK_IMP_ADD(b, z, n, Q_("%zu updated", "%zu updated", u), u);
		}
		if (r) {
			n = tk_imp_banner_sep(b, z, n);
			TK_IMP_ADD(b, z, n, Q_("%zu article removed", "%zu articles removed", r),
				   r);
		}
		if (!n && tk_imp_nothing_usable(im))
			TK_IMP_ADD(
			    b, z, n, "%s",
			    _("Nothing usable on the USB stick: save articles as .txt or .html"));
		else if (!n)
			TK_IMP_ADD(b, z, n, "%s", _("USB stick read: nothing new"));
	}
	if (s->n[TK_IMPORT_REFUSED]) {
		n = tk_imp_banner_sep(b, z, n);
		TK_IMP_ADD(b, z, n, Q_("%zu refused", "%zu refused", s->n[TK_IMPORT_REFUSED]),
			   s->n[TK_IMPORT_REFUSED]);
	}
	if (s->incomplete || s->cache_failed) {
		n = tk_imp_banner_sep(b, z, n);
		TK_IMP_ADD(b, z, n, "%s", _("import incomplete"));
	}
see:
	if (n >= z)
		return;
	/* TRANSLATORS: ends the import note; TICKER-REPORT.txt is a file name, keep it */
	if (s->report_written)
		snprintf(b + n, z - n, "%s", _(" — see TICKER-REPORT.txt"));
	else if (!(o && o->report_path && !*o->report_path))
		snprintf(b + n, z - n, _(" — no report on the stick: %s"), im->report_problem);
}

static void tk_imp_exit_code(struct tk_imp *im)
{
	struct tk_import_summary *s = im->sum;
	size_t ok = s->n[TK_IMPORT_ADDED] + s->n[TK_IMPORT_UPDATED] + s->n[TK_IMPORT_UNCHANGED];

	if (s->refused_whole)
		s->exit_code = TK_EXIT_REFUSED;
	else if (s->cache_failed)
		s->exit_code = TK_EXIT_FAIL;
	else if ((s->n[TK_IMPORT_REFUSED] || s->incomplete) && !ok && s->mode == TK_IMPORT_MERGE &&
		 !im->conf_ok && !im->ctl[TK_CTL_URGENT].present)
		s->exit_code = TK_EXIT_REFUSED;
	else if (s->n[TK_IMPORT_REFUSED] || s->incomplete || tk_imp_nothing_usable(im))
		s->exit_code = TK_EXIT_PARTIAL;
	else
		s->exit_code = TK_EXIT_OK;
}

static void tk_imp_fmt_time(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || !strftime(out, size, "%Y-%m-%d %H:%M %Z", &tm))
		snprintf(out, size, "%" PRId64, t);
}

static void tk_imp_report_nothing_usable(struct tk_sb *r)
{
	tk_sb_printf(r, "          NOTHING USABLE WAS FOUND: no file on this stick is an article "
			"the ticker can show.\n"
			"          The ticker reads these kinds of file:\n          ");
	tk_imp_supported_types(r);
	tk_sb_printf(r,
		     ".\n"
		     "          From Word, LibreOffice or Pages: open the document, choose "
		     "File > Save As (or Export)\n"
		     "          and pick \"Plain Text (.txt)\" or \"Web Page (.html)\". From a "
		     "PDF: copy its text into a\n"
		     "          text editor (Notepad, TextEdit) and save it as a .txt file. Then "
		     "plug the stick in again.\n");
}

/* Put a file the ticker writes (the report, the preview) in place from this
 * (unprivileged) process: a temporary name created with
 * O_CREAT|O_EXCL|O_NOFOLLOW, then renamed over the file, so a symlink, hard
 * link or FIFO planted under its name is replaced and never written through.
 * A folder there is left alone and said so (what: "report"). It goes next to the report: the
 * stick's top folder, or the folder of --report FILE (name is then FILE's own
 * name for the report). Returns TK_OK, or an error with problem set. */
static int tk_imp_put_file(struct tk_imp *im, const char *src, const struct tk_import_opts *o,
			   const char *name, const char *what, const void *data, size_t len,
			   char *problem, size_t psize)
{
	char tmp[300], dir[4096], shown[4400];
	int err = TK_EIO, dfd;

	if (o && o->report_path) {
		const char *slash = strrchr(o->report_path, '/');

		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - o->report_path) : 1,
			 slash ? o->report_path : ".");
		if (slash == o->report_path)
			snprintf(dir, sizeof dir, "/");
		if (!strcmp(name, TK_IMPORT_REPORT))
			name = slash ? slash + 1 : o->report_path;
		snprintf(shown, sizeof shown, "%s/%s", dir, name);
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else {
		snprintf(shown, sizeof shown, "%s/%s", src, name);
		dfd = dup(im->rootfd);
	}
	/* Something planted under the temporary name is removed first; a folder
	 * there cannot be, so another temporary name is tried. */
	for (int i = 0; dfd >= 0 && i < 3; i++) {
		snprintf(tmp, sizeof tmp, i ? ".%s.%d.tmp" : ".%s.tmp", name, i);
		err = tk_io_replace_file(dfd, name, tmp, data, len, 0644);
		if (!err || errno != EEXIST)
			break;
	}
	if (err) {
		int e = errno, same;
		const char *sys = strerror(e);

		snprintf(problem, psize, "%s%s%s",
			 e == EISDIR ? "the stick has a folder with the " : "",
			 e == EISDIR ? what
			 : e == EACCES || e == EPERM
			     ? "the ticker may not write to the top folder of the stick"
			 : e == EROFS  ? "the stick is write-protected"
			 : e == ENOSPC ? "the stick is full"
				       : sys,
			 e == EISDIR ? "'s name" : "");
		same = !strcmp(problem, sys);
		tk_log(TK_LOG_ERROR, "import: could not write %s: %s%s%s%s", shown, problem,
		       same ? "" : " (", same ? "" : sys, same ? "" : ")");
	}
	if (dfd >= 0)
		close(dfd);
	return err;
}

static void tk_imp_put_report(struct tk_imp *im, const char *src, const struct tk_import_opts *o,
			      const char *text, size_t len)
{
	if (!tk_imp_put_file(im, src, o, TK_IMPORT_REPORT, "report", text, len, im->report_problem,
			     sizeof im->report_problem))
		im->sum->report_written = 1;
}

/* TICKER-PREVIEW.png (issue 13.6): what the screen will show now, rendered
 * from the cache's records by the command layer's hook, put next to the
 * report before it is written (so the report can say what became of it) and
 * before the banner tells anyone the stick may be pulled. Never fails the
 * import: a problem is a report line. */
static void tk_imp_preview(struct tk_imp *im, const char *src, const struct tk_import_opts *o)
{
	const unsigned char *p;
	void *png = NULL;
	size_t len = 0;
	int err;

	if (!o || !o->preview || !im->cfg.stick_preview || !im->cache || im->cache_problem[0] ||
	    (o->report_path && !*o->report_path))
		return;
	err = o->preview(&im->cfg, &png, &len);
	if (err || len < 24) {
		snprintf(im->preview_problem, sizeof im->preview_problem,
			 "the screen could not be rendered (%s)", tk_strerror(err ? err : TK_EIO));
		tk_log(TK_LOG_WARN, "import: preview: %s", im->preview_problem);
		goto out;
	}
	if (tk_imp_put_file(im, src, o, TK_IMPORT_PREVIEW, "preview", png, len, im->preview_problem,
			    sizeof im->preview_problem))
		goto out;
	p = png; /* the PNG header: width and height, big-endian, at 16 and 20 */
	im->preview_w = (int)((uint32_t)p[16] << 24 | (uint32_t)p[17] << 16 | p[18] << 8 | p[19]);
	im->preview_h = (int)((uint32_t)p[20] << 24 | (uint32_t)p[21] << 16 | p[22] << 8 | p[23]);
	tk_log(TK_LOG_INFO, "import: preview: %s %dx%d, %zu bytes", TK_IMPORT_PREVIEW,
	       im->preview_w, im->preview_h, len);
out:
	tk_free(png);
}

/* "This screen": the box's health for whoever looks after it (health.h). */
static void tk_imp_report_health(struct tk_imp *im, struct tk_sb *r, size_t articles)
{
	struct tk_health_env env = {"", im->cfg.cache_dir};
	char *h = tk_malloc(TK_HEALTH_REPORT_MAX);

	if (!h) {
		r->err = TK_ENOMEM;
		return;
	}
	tk_health_report(&env, articles, h, TK_HEALTH_REPORT_MAX);
	tk_sb_printf(r, "\n%s", h);
	tk_free(h);
}

/* The show dates for the report's list, or NULL (none, or no memory). */
static char *tk_imp_read_dates(struct tk_imp *im)
{
	char *t = tk_malloc(TK_SHOWDATES_MAX + 1);

	if (t && tk_cache_read_state(im->cache, TK_SHOWDATES_STATE, t, TK_SHOWDATES_MAX + 1)) {
		tk_free(t);
		t = NULL;
	}
	return t;
}

/* A notice longer than TK_URGENT_TEXT_MAX was cut: say where. */
/* What the screen makes of the notice: smaller letters, or cut. */
static void tk_imp_report_urgent_fit(struct tk_imp *im, struct tk_sb *r)
{
	if (im->urgent_nofit)
		tk_sb_printf(r,
			     "          WARNING: the notice does not fit on the screen even in the "
			     "smallest readable letters: the screen shows its first %d lines and "
			     "ends them with \"...\": shorten it\n",
			     im->urgent_lines);
	else if (im->urgent_pct > 0 && im->urgent_pct < 100)
		tk_sb_printf(
		    r,
		    "          Note: the notice takes %d lines on screen, in smaller letters "
		    "(%d %% of the usual size) so that it shows whole\n",
		    im->urgent_lines, im->urgent_pct);
}

static void tk_imp_report_urgent_cut(struct tk_imp *im, struct tk_sb *r)
{
	size_t n = strlen(im->urgent_msg);

	tk_sb_printf(r,
		     "          WARNING: the notice is longer than %d bytes: it was CUT after "
		     "\"...%s\": shorten it\n",
		     TK_URGENT_TEXT_MAX,
		     im->urgent_msg +
			 (n > 40 ? tk_utf8_boundary_after(im->urgent_msg, n - 40) : 0));
}

/* RESULT: what happened, in one or two lines. */
static void tk_imp_report_result(struct tk_imp *im, struct tk_sb *r)
{
	struct tk_import_summary *s = im->sum;

	if (s->refused_whole) {
		tk_sb_printf(r,
			     "RESULT:   STICK REFUSED. Nothing on the ticker was changed.\n"
			     "          Why: %s.\n\n",
			     im->whole_reason);
		return;
	}
	tk_sb_printf(r,
		     "RESULT:   %zu added, %zu updated, %zu unchanged, %zu ignored, %zu refused.\n",
		     s->n[0], s->n[1], s->n[2], s->n[3], s->n[4]);
	if (s->cache_failed || s->incomplete)
		tk_sb_printf(r, "          THE IMPORT DID NOT FINISH: %s\n",
			     im->stop_reason[0] ? im->stop_reason : "see below.");
	else if (tk_imp_nothing_usable(im))
		tk_imp_report_nothing_usable(r);
	else if (s->n[TK_IMPORT_REFUSED])
		tk_sb_printf(r, "          Some files were refused: the list below says why.\n");
	else
		tk_sb_printf(r, "          Everything went well.\n");
	tk_sb_printf(r, "\n");
}

/* Mode: the mode carried out, and a REPLACE/CLEAR that was not, and why. */
static void tk_imp_report_mode(struct tk_imp *im, struct tk_sb *r)
{
	struct tk_import_summary *s = im->sum;
	int clear = im->ctl[TK_CTL_CLEAR].present;

	switch (s->refused_whole ? (enum tk_import_mode) - 1 : s->mode) {
	default:
		break;
	case TK_IMPORT_MERGE:
		tk_sb_printf(r, "Mode:     add (the articles on this stick were added to those "
				"already on the ticker)\n");
		if (im->ctl[TK_CTL_REPLACE].present || clear)
			tk_sb_printf(
			    r,
			    "          The %s file was found but NOT carried out, because %s. "
			    "Nothing was removed.\n",
			    clear ? "CLEAR" : "REPLACE",
			    s->refused_whole ? "the stick was refused"
			    : im->not_done ? "the ticker could not write to its storage (see above)"
			    : (s->incomplete || s->cache_failed) ? "the import did not finish"
			    : im->unreadable ? "a file on the stick could not be read (see below)"
					     : "the stick holds no article that could be imported "
					       "(to empty the ticker, use a CLEAR file instead)");
		break;
	case TK_IMPORT_REPLACE:
		tk_sb_printf(r, "Mode:     REPLACE (the articles on this stick are now the only "
				"ones on the ticker)\n");
		break;
	case TK_IMPORT_CLEAR:
		tk_sb_printf(r, "Mode:     CLEAR (the ticker was emptied%s)\n",
			     s->n[0] + s->n[1] + s->n[2] ? ", then this stick's articles were added"
							 : "");
		break;
	}
}

/* Signed: who signed, the clock the signature asked for, the trust lines. */
static void tk_imp_report_signed(struct tk_imp *im, struct tk_sb *r)
{
	struct tk_import_summary *s = im->sum;
	const char *signer = im->signer ? im->signer : "";

	if (im->signed_ok && s->refused_whole)
		tk_sb_printf(r,
			     "Signed:   by the trusted key \"%s\", but the files no longer match "
			     "what was signed\n",
			     signer);
	else if (im->signed_ok)
		tk_sb_printf(r, "Signed:   yes, by the trusted key \"%s\"\n", signer);
	else if (im->ctl[TK_CTL_MANIFEST].present && !s->refused_whole)
		tk_sb_printf(r,
			     "Signed:   the stick is signed, but this ticker has no trusted keys, "
			     "so the signature was not checked\n");
	else if (!s->refused_whole)
		tk_sb_printf(r, "Signed:   no (this ticker does not require signed sticks)\n");
	if (im->clock_asked) {
		char was[40], to[40];

		tk_imp_fmt_time(im->now, was, sizeof was);
		tk_imp_fmt_time(im->clock_asked, to, sizeof to);
		tk_sb_printf(
		    r,
		    "Clock:    this ticker's clock read %s, but the stick was signed on %s: "
		    "the clock is set forward to that time\n",
		    was, to);
	}
	if (im->trust_open) {
		char tl[2048];

		tk_import_trust_report(&im->trust, s->refused_whole, tl, sizeof tl);
		tk_sb_printf(r, "%s", tl);
	}
}

/* Logo: shown, removed, or refused (and the old one kept). */
static void tk_imp_report_logo(struct tk_imp *im, struct tk_sb *r)
{
	const struct tk_control *l = &im->ctl[TK_CTL_LOGO];

	if (im->sum->refused_whole || im->sum->cache_failed)
		return;
	if (im->logo)
		tk_sb_printf(r, "Logo:     %s is shown on the cards and the idle screen\n",
			     l->name);
	else if (im->logo_clear)
		tk_sb_printf(r, "Logo:     the logo was removed (%s is empty)\n", l->name);
	else if (im->logo_why[0])
		tk_sb_printf(r,
			     "LOGO:     %s was NOT used: %s. The previous logo (if any) stays; a "
			     "logo is a PNG of at most %dx%d pixels and %d KB\n",
			     l->name, im->logo_why, TK_LOGO_MAX_DIM, TK_LOGO_MAX_DIM,
			     TK_LOGO_FILE_MAX / 1024);
	else if (im->sum->mode == TK_IMPORT_CLEAR)
		tk_sb_printf(r, "Logo:     any logo was removed (CLEAR)\n");
}

/* Urgent and Settings: what the stick's notice and ticker.conf did. */
static void tk_imp_report_urgent_conf(struct tk_imp *im, struct tk_sb *r)
{
	struct tk_import_summary *s = im->sum;
	const struct tk_control *u = &im->ctl[TK_CTL_URGENT], *c = &im->ctl[TK_CTL_CONF];

	if (u->present && !s->refused_whole) {
		if (im->urgent_clear) {
			tk_sb_printf(r, "Urgent:   the urgent notice was removed (%s is empty)\n",
				     u->name);
		} else {
			char until[64];

			tk_imp_fmt_time(im->now + im->cfg.urgent_hours * 3600, until, sizeof until);
			tk_sb_printf(r, "Urgent:   notice shown until %s: \"%.*s\"\n", until,
				     (int)strcspn(im->urgent_msg, "\n"), im->urgent_msg);
			if (im->urgent_cut)
				tk_imp_report_urgent_cut(im, r);
			tk_imp_report_urgent_fit(im, r);
		}
	} else if (s->mode == TK_IMPORT_CLEAR) {
		tk_sb_printf(r, "Urgent:   any urgent notice was removed\n");
	}
	tk_imp_report_logo(im, r);
	if (c->present || im->conf_problems.len) {
		if (im->conf_ok && !s->refused_whole)
			tk_sb_printf(
			    r,
			    "Settings: %s was checked and applied; it stays in force until a "
			    "stick brings another one\n",
			    c->name);
		else if (im->conf_problems.len)
			tk_sb_printf(
			    r, "\nSETTINGS: %s was NOT applied (no setting changed), because:\n%s",
			    c->name, im->conf_problems.p);
	}
	if ((im->cfg.service & TK_SERVICE_STICK_CONF) && !im->conf_ok)
		tk_sb_printf(r, "Settings: those kept from an earlier stick failed the ticker's "
				"checks and are ignored; a stick with a new ticker.conf replaces "
				"them\n");
}

/* FILES ON THE STICK: one line per file, as the walk decided. */
static void tk_imp_report_files(struct tk_imp *im, struct tk_sb *r)
{
	struct tk_import_summary *s = im->sum;

	if (s->refused_whole && !(s->n[0] + s->n[1] + s->n[2] + s->n[3] + s->n[4]))
		return;
	tk_sb_printf(r, "\nFILES ON THE STICK\n");
	if (im->files.len)
		tk_sb_printf(r, "%s", im->files.p);
	else
		tk_sb_printf(r, "  (no files found)\n");
	if (im->junk)
		tk_sb_printf(r,
			     "  (%zu file%s left by the computer's operating system, such as "
			     "Thumbs.db or .DS_Store, %s skipped)\n",
			     im->junk, im->junk == 1 ? "" : "s", im->junk == 1 ? "was" : "were");
	if (s->incomplete && im->stop_reason[0] && !s->cache_failed)
		tk_sb_printf(r, "  %s\n", im->stop_reason);
}

/* NOW ON THE TICKER: the cache's articles, with their show dates. */
static void tk_imp_report_cache(struct tk_imp *im, struct tk_sb *r, size_t nc)
{
	char when[64], sz[32], *dates;

	if (!im->cache)
		return;
	tk_imp_size(tk_cache_bytes(im->cache), sz, sizeof sz);
	tk_sb_printf(r, "\nNOW ON THE TICKER: %zu article file%s (%s)\n", nc, nc == 1 ? "" : "s",
		     sz);
	dates = tk_imp_read_dates(im);
	for (size_t i = 0; i < nc && i < 2000; i++) {
		struct tk_cache_info ci;
		char shown[300], win[80] = "";

		tk_cache_get(im->cache, i, &ci);
		tk_imp_fmt_time(ci.mtime, when, sizeof when);
		tk_import_show_name(ci.name, shown, sizeof shown);
		if (dates)
			tk_showdates_describe(dates, ci.name, im->now, win, sizeof win);
		tk_sb_printf(r, "  %s  (since %s%s)\n", shown, when, win);
	}
	tk_free(dates);
	if (nc > 2000)
		tk_sb_printf(r, "  ... and %zu more\n", nc - 2000);
}

/* Preview: the contact sheet on the stick, or why there is none. */
static void tk_imp_report_preview(struct tk_imp *im, struct tk_sb *r)
{
	if (im->preview_w)
		tk_sb_printf(r,
			     "Preview:  %s shows what the screen shows now (the first cards, the "
			     "crawl band, any urgent notice; %dx%d)\n",
			     TK_IMPORT_PREVIEW, im->preview_w, im->preview_h);
	else if (im->preview_problem[0])
		tk_sb_printf(r, "Preview:  %s was not written: %s\n", TK_IMPORT_PREVIEW,
			     im->preview_problem);
}

/* TICKER-REPORT.txt: composed section by section, then put on the stick. */
static void tk_imp_write_report(struct tk_imp *im, const char *src, const struct tk_import_opts *o)
{
	struct tk_import_summary *s = im->sum;
	struct tk_sb r = {0};
	char when[64];
	size_t nc = im->cache ? tk_cache_count(im->cache) : 0;

	if (o && o->report_path && !*o->report_path)
		return;
	tk_imp_fmt_time(im->now, when, sizeof when);
	tk_sb_printf(&r, "TICKER IMPORT REPORT\n====================\n\n");
	tk_sb_printf(&r, "Read on:  %s by ticker %s\n\n", when, TK_VERSION);
	if (im->cache_problem[0]) {
		tk_sb_printf(&r,
			     "RESULT:   NOT IMPORTED. Nothing on the ticker was changed.\n"
			     "          Why: %s\n",
			     im->cache_problem);
	} else {
		tk_imp_report_result(im, &r);
		tk_imp_report_mode(im, &r);
		tk_imp_report_signed(im, &r);
		tk_imp_report_urgent_conf(im, &r);
		tk_imp_report_preview(im, &r);
		tk_imp_report_files(im, &r);
		tk_imp_report_cache(im, &r, nc);
	}
	tk_imp_report_health(im, &r, nc);
	tk_sb_printf(&r, "\nExit code %d (%s)\n", s->exit_code,
		     s->exit_code == TK_EXIT_OK	       ? "success"
		     : s->exit_code == TK_EXIT_PARTIAL ? "partial"
		     : s->exit_code == TK_EXIT_REFUSED ? "refused"
						       : "failure");
	if (r.err) {
		tk_log(TK_LOG_ERROR, "import: out of memory while writing the report");
		snprintf(im->report_problem, sizeof im->report_problem, "out of memory");
	} else {
		tk_imp_put_report(im, src, o, r.p, r.len);
	}
	tk_free(r.p);
}

static void tk_imp_free_control(struct tk_control *c)
{
	tk_free(c->text);
	c->text = NULL;
}

/* Records for the display (recstore.h): built here, in the import process,
 * for every article the commit made visible; REPLACE/CLEAR/expiry orphans go.
 * A failure leaves the previous index: the display shows the old set. */
static void tk_imp_records(struct tk_imp *im)
{
	struct tk_recstore_opts ro = {(size_t)im->cfg.max_file_bytes, 0};
	struct tk_recstore_stats st;
	int err = tk_recstore_sync(im->cache, &ro, &st);

	if (!err)
		err = tk_cache_bump_generation(im->cache);
	if (err) {
		im->sum->cache_failed = 1;
		if (!im->stop_reason[0])
			snprintf(im->stop_reason, sizeof im->stop_reason,
				 "The ticker could not save what it shows for the new articles "
				 "(storage full?): the screen keeps the previous ones.");
		tk_log(TK_LOG_ERROR, "import: records: %s", tk_strerror(err));
		return;
	}
	tk_log(TK_LOG_INFO, "import: records: %zu listed, %zu built, %zu kept, %zu removed%s",
	       st.records, st.built, st.kept, st.removed,
	       st.fp_changed ? " (extractor or settings changed: rebuilt)" : "");
}

/* REPLACE and CLEAR remove articles: only when the stick was read whole. */
static enum tk_cache_mode tk_imp_decide_mode(struct tk_imp *im)
{
	struct tk_import_summary *sum = im->sum;

	sum->mode = TK_IMPORT_MERGE;
	if (sum->incomplete || sum->cache_failed)
		return TK_CACHE_MERGE;
	if (im->ctl[TK_CTL_CLEAR].present) {
		sum->mode = TK_IMPORT_CLEAR;
		return TK_CACHE_REPLACE;
	}
	if (im->ctl[TK_CTL_REPLACE].present && !im->unreadable &&
	    (tk_cache_touched_count(im->cache) > 0 || im->deferred.n > 0)) {
		sum->mode = TK_IMPORT_REPLACE;
		return TK_CACHE_REPLACE;
	}
	return TK_CACHE_MERGE;
}

static void tk_imp_cache_failed(struct tk_imp *im, int err, int removed_ok)
{
	im->sum->cache_failed = 1;
	snprintf(im->stop_reason, sizeof im->stop_reason, "%s%s",
		 err == TK_ENOSPC
		     ? "The ticker's storage is full: not every article could be saved."
		     : "The ticker could not write to its storage.",
		 removed_ok ? "" : " Articles already on the ticker are unharmed.");
	tk_log(TK_LOG_ERROR, "import: cache commit failed: %s", tk_strerror(err));
}

/* Files that did not fit before a CLEAR/REPLACE removed the old set (a full
 * disk): read, checked and staged again now that there is room, then added. */
static int tk_imp_second_pass(struct tk_imp *im, const struct tk_cache_limits *lim,
			      struct tk_cache_changes *ch)
{
	struct tk_cache_changes ch2 = {0};
	int err;

	im->second_pass = 1;
	im->io_failures = 0;
	err = tk_walk(im->rootfd, tk_imp_visit, im, NULL);
	if (err == TK_ENOMEM)
		return err;
	if (im->whole_reason[0]) {
		/* Changed between the two reads: what was removed stays removed, and
		 * the report must not say that nothing changed. */
		snprintf(im->stop_reason, sizeof im->stop_reason,
			 "A file changed while the stick was being read a second time: %.400s.",
			 im->whole_reason);
		im->whole_reason[0] = '\0';
		im->sum->incomplete = 1;
		tk_cache_abort(im->cache);
		return TK_OK;
	}
	err = tk_cache_commit(im->cache, TK_CACHE_MERGE, lim, &ch2);
	ch->evicted += ch2.evicted;
	ch->expired += ch2.expired;
	if (err && !im->sum->cache_failed)
		tk_imp_cache_failed(im, err, 1);
	return TK_OK;
}

/* The urgent notice and the stick's settings, once its articles are in. */
/* A box without an RTC may run behind: a signed stick's signing time asks the
 * clock forward (only forward; clockset.h). The import has no right to set the
 * clock: `ticker clock --apply`, in its own unit, does. */
static void tk_imp_clock_request(struct tk_imp *im)
{
	char line[96];
	int64_t to;

	if (!tk_clock_plan(im->now, tk_manifest_signed_at(im->man), &to))
		return;
	tk_clock_format_time(line, sizeof line, to, TK_CLOCK_SRC_STICK);
	if (!tk_cache_write_state(im->cache, TK_CLOCK_REQUEST, line, strlen(line)))
		im->clock_asked = to;
}

/* The logo's pixels, written atomically like every state file; an empty
 * logo.png or a CLEAR removes it; a refused one leaves the old one. */
static int tk_imp_save_logo(struct tk_imp *im)
{
	unsigned char *bytes = NULL;
	size_t n = 0;
	int err = TK_OK;

	if (im->logo) {
		err = tk_logo_encode(im->logo, &bytes, &n);
		if (!err)
			err = tk_cache_write_state(im->cache, TK_CACHE_LOGO, bytes, n);
		tk_free(bytes);
	} else if (im->logo_clear || im->sum->mode == TK_IMPORT_CLEAR) {
		err = tk_cache_remove_state(im->cache, TK_CACHE_LOGO);
	}
	return err;
}

static void tk_imp_save_state(struct tk_imp *im)
{
	struct tk_import_summary *sum = im->sum;
	int e2 = TK_OK;

	if (im->ctl[TK_CTL_URGENT].present && !im->urgent_clear) {
		char ubuf[TK_URGENT_TEXT_MAX + 64];
		/* Until a date, and for a shown time (the display's bound when the
		 * clock was wrong at import). */
		int n = snprintf(ubuf, sizeof ubuf, "%" PRId64 " %ld\n%s\n",
				 im->now + im->cfg.urgent_hours * 3600, im->cfg.urgent_hours * 3600,
				 im->urgent_msg);

		e2 = tk_cache_write_state(im->cache, TK_CACHE_URGENT, ubuf, (size_t)n);
	} else if (im->urgent_clear || sum->mode == TK_IMPORT_CLEAR) {
		e2 = tk_cache_remove_state(im->cache, TK_CACHE_URGENT);
	}
	if (!e2 && im->conf_ok)
		e2 = tk_cache_write_state(im->cache, TK_CACHE_CONFIG, im->ctl[TK_CTL_CONF].text,
					  im->ctl[TK_CTL_CONF].len);
	if (!e2)
		e2 = tk_imp_save_logo(im);
	if (!e2 && (im->ctl[TK_CTL_URGENT].present || im->conf_ok || im->logo || im->logo_clear ||
		    sum->mode == TK_IMPORT_CLEAR))
		e2 = tk_cache_bump_generation(im->cache);
	if (!e2)
		e2 = tk_import_trust_commit(&im->trust, im->cache, im->man);
	if (!e2 && im->man && im->signed_ok)
		tk_imp_clock_request(im);
	if (e2) {
		sum->cache_failed = 1;
		snprintf(im->stop_reason, sizeof im->stop_reason,
			 "The ticker could not save the urgent notice, the logo or the settings "
			 "(storage full?).");
	}
}

/* Commit what the walk staged, in the mode the stick asked for when it may be
 * carried out; sum->mode ends up saying what was actually done (issue 9.11:
 * the report never claims a CLEAR or REPLACE that did not happen). */
static int tk_imp_commit(struct tk_imp *im)
{
	struct tk_import_summary *sum = im->sum;
	enum tk_cache_mode cmode = tk_imp_decide_mode(im);
	struct tk_cache_changes ch = {0};
	struct tk_cache_limits lim;
	int err;

	lim.max_articles = im->cfg.max_articles;
	lim.max_bytes = im->cfg.max_cache_bytes;
	lim.expire_days = tk_import_trust_may_expire(&im->trust) ? im->cfg.expire_days : 0;
	lim.now = im->now;
	err = tk_cache_commit(im->cache, cmode, &lim, &ch);
	if (cmode == TK_CACHE_REPLACE && !ch.replaced) {
		im->not_done = sum->mode;
		sum->mode = TK_IMPORT_MERGE;
	}
	if (err)
		tk_imp_cache_failed(im, err, ch.replaced);
	else if (im->deferred.n && ch.replaced && tk_imp_second_pass(im, &lim, &ch) == TK_ENOMEM)
		return TK_ENOMEM;
	if (im->deferred.n && !ch.replaced && !sum->cache_failed)
		tk_imp_cache_failed(im, TK_ENOSPC, 0);
	if (ch.evicted || ch.expired)
		tk_sb_printf(&im->files,
			     "  (%zu older article%s removed to stay within the limits, "
			     "%zu removed because older than %ld days)\n",
			     ch.evicted, ch.evicted == 1 ? " was" : "s were", ch.expired,
			     im->cfg.expire_days);
	if (!sum->cache_failed)
		tk_imp_save_state(im);
	return TK_OK;
}

static void tk_imp_takedown_line(void *ctx, int line, int removed, const char *name,
				 const char *why)
{
	struct tk_imp *im = ctx;
	char shown[600];

	tk_import_show_name(name, shown, sizeof shown);
	tk_sb_printf(&im->files, "  %-9s  %s  --  %s (%s line %d)\n",
		     removed ? "removed" : "not found", shown, why, im->ctl[TK_CTL_REMOVE].name,
		     line);
	tk_log(TK_LOG_INFO, "import: take-down line %d: %s %s", line,
	       removed ? "removed" : "not removed:", shown);
}

static void tk_imp_dates_line(void *ctx, int line, int ok, const char *name, const char *why)
{
	struct tk_imp *im = ctx;
	char shown[600];

	tk_import_show_name(name, shown, sizeof shown);
	tk_sb_printf(&im->files, "  %-9s  %s  --  %s (%s line %d)\n", ok ? "dates" : "no dates",
		     shown, why, im->ctl[TK_CTL_DATES].name, line);
}

/* SCHEDULE.txt (showdates.h) then REMOVE.txt (takedown.h), after the commit: works on a full disk
 * too, as a removal needs no room. A CLEAR emptied the ticker already. */
static int tk_imp_takedown(struct tk_imp *im)
{
	int err;

	if (im->ctl[TK_CTL_DATES].present) {
		err = tk_showdates_apply(im->cache, im->ctl[TK_CTL_DATES].text,
					 im->ctl[TK_CTL_DATES].len, tk_imp_dates_line, im);
		if (err == TK_ENOMEM)
			return err;
		if (err && !im->sum->cache_failed)
			tk_imp_cache_failed(im, err, 0);
	}
	if (!im->ctl[TK_CTL_REMOVE].present || im->sum->mode == TK_IMPORT_CLEAR)
		return TK_OK;
	err = tk_takedown_apply(im->cache, im->ctl[TK_CTL_REMOVE].text, im->ctl[TK_CTL_REMOVE].len,
				(size_t)im->cfg.max_file_bytes, tk_imp_takedown_line, im,
				&im->removed);
	if (err == TK_ENOMEM)
		return err;
	if (err && !im->sum->cache_failed)
		tk_imp_cache_failed(im, err, (int)im->removed);
	return TK_OK;
}

/* Is the folder open at fd the folder st, or inside it? Walks up by "..". */
static int tk_imp_dir_within(int fd, const struct stat *st)
{
	int cur = dup(fd), hit = 0;

	for (int depth = 0; cur >= 0 && depth < 4096; depth++) {
		struct stat a, b;
		int up;

		if (fstat(cur, &a))
			break;
		if (a.st_dev == st->st_dev && a.st_ino == st->st_ino) {
			hit = 1;
			break;
		}
		up = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (up < 0 || fstat(up, &b) || (b.st_dev == a.st_dev && b.st_ino == a.st_ino)) {
			if (up >= 0)
				close(up);
			break; /* the root */
		}
		close(cur);
		cur = up;
	}
	if (cur >= 0)
		close(cur);
	return hit;
}

/* Issue 9.17: importing the cache into itself (ticker import /var/lib/ticker/
 * cache, or a folder that holds the cache or lies inside it) is refused. */
static int tk_imp_overlaps_cache(struct tk_imp *im)
{
	struct stat cst, sst;
	int cfd = tk_cache_dirfd(im->cache);

	if (fstat(cfd, &cst) || fstat(im->rootfd, &sst))
		return 0;
	return tk_imp_dir_within(im->rootfd, &cst) || tk_imp_dir_within(cfd, &sst);
}

/* Issue 9.17: a cache that is locked by another import, read-only or broken
 * still gets the stick a report saying nothing was imported, and why. */
static void tk_imp_no_cache_report(struct tk_imp *im, const char *src,
				   const struct tk_import_opts *o, int err)
{
	snprintf(im->cache_problem, sizeof im->cache_problem, "%s",
		 err == TK_EBUSY
		     ? "another import is running on the ticker. Plug the stick in again in a "
		       "minute."
		     : "the ticker's storage cannot be written (it may be read-only, full or "
		       "damaged). Tell whoever looks after the ticker.");
	im->sum->exit_code = TK_EXIT_FAIL;
	tk_imp_write_report(im, src, o);
}

/* Open the stick and the cache; refuse to import the cache into itself. On
 * success the stick's earlier settings are applied and the banner says so. */
static int tk_imp_open(struct tk_imp *im, const char *src, const struct tk_import_opts *o)
{
	const struct tk_config *cfg = &im->base;
	int err;

	im->rootfd = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (im->rootfd < 0) {
		err = errno == ENOENT || errno == ENOTDIR ? TK_ENOENT : TK_EIO;
		tk_log(TK_LOG_ERROR, "import: cannot open %s: %s", src, strerror(errno));
		return err;
	}
	/* undeclared languages: without the fingerprints, the short-word guess */
	if ((err = tk_langid_open(NULL, &im->langid)) != TK_OK)
		tk_log(TK_LOG_WARN, "import: no language identification (%s): %s", TK_LANGID_DIR,
		       tk_strerror(err));
	err = tk_cache_open(cfg->cache_dir, &im->cache);
	if (err) {
		tk_log(TK_LOG_ERROR, "import: cannot open the cache %s: %s", cfg->cache_dir,
		       err == TK_EBUSY ? "another import is running" : tk_strerror(err));
		tk_imp_no_cache_report(im, src, o, err);
		return err;
	}
	if (tk_imp_overlaps_cache(im)) {
		tk_log(TK_LOG_ERROR,
		       "import: %s is the ticker's cache %s, or holds it, or lies inside it: "
		       "refusing to import the cache into itself",
		       src, cfg->cache_dir);
		return TK_EINVAL;
	}
	/* Settings from an earlier stick hold until a new stick brings its own. */
	if (tk_cache_config_apply(cfg->cache_dir, &im->cfg, NULL, NULL) == TK_EINVAL)
		tk_log(TK_LOG_WARN, "import: %s/.config no longer validates: ignored",
		       cfg->cache_dir);
	tk_log(TK_LOG_INFO, "import: reading %s into %s", src, cfg->cache_dir);
	tk_i18n_select(im->cfg.assets_dir, im->cfg.language);
	/* TRANSLATORS: small note in a corner of the screen while a USB stick is read */
	tk_cache_set_banner(im->cache, im->now + 120, _("Importing from USB…"));
	return TK_OK;
}

/* The control files: found, the signature judged, then read (unless the
 * stick is refused whole already), gated and checked. */
static int tk_imp_controls(struct tk_imp *im, const char *src)
{
	int err = tk_imp_find_controls(im);

	if (err) {
		tk_log(TK_LOG_ERROR, "import: cannot read %s", src);
		snprintf(im->whole_reason, sizeof im->whole_reason, "the stick could not be read");
		return TK_OK;
	}
	err = tk_imp_check_signature(im);
	if (err)
		return err;
	/* A bad ticker.conf on the box: its limits would be guesses, so change
	 * nothing (nothing is lost) and say so on the stick. */
	if (!im->whole_reason[0] && (im->base.service & TK_SERVICE_DEVICE_CONF))
		snprintf(im->whole_reason, sizeof im->whole_reason,
			 "the ticker's own settings file has errors, so nothing was changed (a "
			 "technician can list them with \"ticker config\" on the ticker)");
	if (im->whole_reason[0])
		return TK_OK;
	for (int i = 0; i < TK_CTL_NACT; i++)
		if ((err = tk_imp_load_control(im, &im->ctl[i])))
			return err;
	if (im->whole_reason[0])
		return TK_OK;
	tk_imp_gate_controls(im);
	tk_imp_check_conf(im);
	tk_imp_check_urgent(im);
	return tk_imp_check_logo(im);
}

/* Walk the stick; a signed drop must then be complete. */
static int tk_imp_walk_stick(struct tk_imp *im)
{
	struct tk_walk_stats ws;
	int err;

	/* The stick's settings may change the limits: size the buffer after them;
	 * it grows per file as needed. */
	im->bufsize = 256 * 1024 < im->cfg.max_file_bytes + 1 ? 256 * 1024
							      : (size_t)im->cfg.max_file_bytes + 1;
	im->buf = tk_malloc(im->bufsize);
	if (!im->buf)
		return TK_ENOMEM;
	err = tk_walk(im->rootfd, tk_imp_visit, im, &ws);
	if (err == TK_ENOMEM)
		return err;
	if (ws.truncated) {
		im->sum->incomplete = 1;
		snprintf(im->stop_reason, sizeof im->stop_reason,
			 "The stick holds more than %d files and folders: only the first %d were "
			 "looked at.",
			 TK_WALK_MAX_ENTRIES, TK_WALK_MAX_ENTRIES);
	}
	if (!im->whole_reason[0] && im->man && !im->sum->incomplete) {
		const char *missing = tk_manifest_unseen(im->man);

		if (missing) {
			char shown[600];

			tk_import_show_name(missing, shown, sizeof shown);
			snprintf(im->whole_reason, sizeof im->whole_reason,
				 "the file \"%s\" is in the signed list but not on the stick",
				 shown);
		}
	}
	if (!im->whole_reason[0] && im->man && im->sum->incomplete)
		snprintf(im->whole_reason, sizeof im->whole_reason,
			 "the stick could not be read completely, so its signature could not be "
			 "checked");
	return TK_OK;
}

/* Exit code, report, banner and the closing log lines. */
static void tk_imp_finish(struct tk_imp *im, const char *src, const struct tk_import_opts *o)
{
	struct tk_import_summary *sum = im->sum;

	tk_imp_exit_code(im);
	if (o && o->urgent_fit && im->ctl[TK_CTL_URGENT].present && !im->urgent_clear &&
	    !sum->refused_whole &&
	    o->urgent_fit(&im->cfg, im->urgent_msg, &im->urgent_lines, &im->urgent_pct,
			  &im->urgent_nofit))
		im->urgent_lines = im->urgent_pct = im->urgent_nofit = 0;
	tk_imp_preview(im, src, o);
	tk_imp_write_report(im, src, o);
	tk_imp_banner(im, o);
	if (im->cache)
		tk_cache_set_banner(im->cache, im->now + TK_IMPORT_BANNER_SECONDS, sum->banner);
	tk_log(TK_LOG_INFO,
	       "import: done: %zu added, %zu updated, %zu unchanged, %zu ignored, "
	       "%zu refused (mode %s)",
	       sum->n[0], sum->n[1], sum->n[2], sum->n[3], sum->n[4], tk_imp_mode_name(sum->mode));
	if (sum->refused_whole)
		tk_log(TK_LOG_WARN, "import: stick refused: %s", im->whole_reason);
	if (im->stop_reason[0])
		tk_log(TK_LOG_WARN, "import: %s", im->stop_reason);
	tk_log(TK_LOG_DEBUG,
	       "import: io: %lu reads, %lu writes, %lu fsyncs, %lu renames, %lu unlinks",
	       tk_io_count(TK_IO_READ), tk_io_count(TK_IO_WRITE), tk_io_count(TK_IO_FSYNC),
	       tk_io_count(TK_IO_RENAME), tk_io_count(TK_IO_UNLINK));
}

static void tk_imp_destroy(struct tk_imp *im)
{
	if (!im)
		return;
	tk_cache_close(im->cache);
	tk_langid_close(im->langid);
	if (im->rootfd >= 0)
		close(im->rootfd);
	if (im->trust_open)
		tk_import_trust_close(&im->trust);
	tk_manifest_free(im->man);
	tk_nameset_free(&im->names);
	tk_nameset_free(&im->deferred);
	tk_free(im->files.p);
	tk_free(im->conf_problems.p);
	tk_free(im->buf);
	tk_logo_free(im->logo);
	for (int i = 0; i < TK_CTL_NSTORED; i++)
		tk_imp_free_control(&im->ctl[i]);
	tk_free(im);
}

/* The stick's changes: commit, take-downs and show dates, then the records
 * the display reads. */
static int tk_imp_apply(struct tk_imp *im)
{
	int err = tk_imp_commit(im);

	if (!err)
		err = tk_imp_takedown(im);
	if (!err && im->cache && !im->sum->refused_whole)
		tk_imp_records(im);
	return err;
}

int tk_import_run(const char *src, const struct tk_config *cfg, const struct tk_import_opts *o,
		  struct tk_import_summary *sum)
{
	struct tk_imp *im = NULL;
	int err = TK_OK, started = 0;

	memset(sum, 0, sizeof *sum);
	sum->exit_code = TK_EXIT_FAIL;
	if (sodium_init() < 0)
		return TK_EIO;
	im = tk_calloc(1, sizeof *im);
	if (!im)
		return TK_ENOMEM;
	im->rootfd = -1;
	im->sum = sum;
	im->base = *cfg;
	im->cfg = *cfg;
	im->now = o && o->now ? o->now : (int64_t)time(NULL);
	err = tk_imp_open(im, src, o);
	if (err)
		goto out;
	started = 1;
	err = tk_imp_controls(im, src);
	if (!err && !im->whole_reason[0])
		err = tk_imp_walk_stick(im);
	if (err)
		goto out;
	if (im->whole_reason[0]) {
		sum->refused_whole = 1;
		tk_cache_abort(im->cache);
	} else if ((err = tk_imp_apply(im))) {
		goto out;
	}
	tk_imp_finish(im, src, o);
out:
	if (err && started) {
		/* Out of memory mid-way: nothing staged becomes visible. */
		tk_cache_abort(im->cache);
		tk_log(TK_LOG_ERROR, "import: stopped: %s", tk_strerror(err));
	}
	if (err)
		sum->exit_code = TK_EXIT_FAIL;
	tk_imp_destroy(im);
	return err;
}
