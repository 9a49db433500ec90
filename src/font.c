/* Text to pixels: bundled faces plus fontconfig fallbacks chosen per run by
 * glyph coverage, bidi levels from FriBidi, runs reordered visually (rule L2)
 * and each shaped by HarfBuzz through SDL2_ttf with its own direction and
 * script, because SDL2_ttf has neither bidi nor fallback of its own. */
#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <hb.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <unistr.h>

#include "buf.h"
#include "err.h"
#include "font.h"
#include "i18n.h"
#include "log.h"
#include "mem.h"

#define TK_FONT_MAXFILES 32
#define TK_FONT_MAXINST 96
#define TK_FONT_MAXMISSING 64
#define TK_FONT_PROBE_PX 16 /* size a font file is test-opened at */

struct tk_fontinst {
	int file, size;
	TTF_Font *font;
};

struct tk_fonts {
	char path[TK_FONT_MAXFILES][256];
	int nfiles;
	int chain[TK_FONT_NSTYLES][TK_FONT_MAXFILES];
	int nchain[TK_FONT_NSTYLES];
	struct tk_fontinst inst[TK_FONT_MAXINST];
	int ninst;
	FcConfig *fc;
	uint32_t missing[TK_FONT_MAXMISSING];
	size_t nmissing;
	uint32_t scripts[TK_FONT_MAXMISSING]; /* scripts already logged as missing */
	size_t nscripts;
	uint32_t tried[256]; /* code points already looked up in fontconfig */
	size_t ntried;
	char desc[1024];
	char problem[300]; /* the configured font was unusable (shown as a service mark) */
};

/* One run: a stretch of one span at one bidi level in one face and script. */
struct tk_run {
	size_t span, b0, b1; /* byte range within the span text */
	int level, file;
	hb_script_t script;
	int x, w;
	SDL_Surface *surf;
	int ascent;
};

/* 1 when path is a regular file FreeType opens as a font. A FIFO would hang
 * the open, and a corrupt file must not take the screen down with it. */
static int tk_font_usable(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), ok = 0;
	TTF_Font *font;

	if (fd < 0)
		return 0;
	ok = !fstat(fd, &st) && S_ISREG(st.st_mode);
	close(fd);
	if (!ok)
		return 0;
	font = TTF_OpenFont(path, TK_FONT_PROBE_PX);
	if (!font)
		return 0;
	ok = TTF_FontFaces(font) > 0 && TTF_FontHeight(font) > 0;
	TTF_CloseFont(font);
	return ok;
}

static int tk_font_add_file(struct tk_fonts *f, const char *path)
{
	for (int i = 0; i < f->nfiles; i++)
		if (!strcmp(f->path[i], path))
			return i;
	if (f->nfiles >= TK_FONT_MAXFILES || !tk_font_usable(path))
		return -1;
	snprintf(f->path[f->nfiles], sizeof f->path[0], "%s", path);
	return f->nfiles++;
}

static void tk_font_chain_add(struct tk_fonts *f, int style, int file)
{
	if (file < 0 || f->nchain[style] >= TK_FONT_MAXFILES)
		return;
	for (int i = 0; i < f->nchain[style]; i++)
		if (f->chain[style][i] == file)
			return;
	f->chain[style][f->nchain[style]++] = file;
}

/* The face of file at size, opened on first use. Separate instances per size
 * keep SDL_ttf's glyph caches warm (TTF_SetFontSize flushes them). */
static TTF_Font *tk_font_get(struct tk_fonts *f, int file, int size)
{
	TTF_Font *font;

	for (int i = 0; i < f->ninst; i++)
		if (f->inst[i].file == file && f->inst[i].size == size) {
			struct tk_fontinst hit = f->inst[i];

			/* most recently used last, for tk_fonts_trim */
			if (i != f->ninst - 1) {
				memmove(&f->inst[i], &f->inst[i + 1],
					sizeof f->inst[0] * (size_t)(f->ninst - i - 1));
				f->inst[f->ninst - 1] = hit;
			}
			return hit.font;
		}
	if (f->ninst >= TK_FONT_MAXINST) {
		/* Rare (many sizes): recycle the oldest instance. */
		TTF_CloseFont(f->inst[0].font);
		memmove(&f->inst[0], &f->inst[1], sizeof f->inst[0] * (TK_FONT_MAXINST - 1));
		f->ninst--;
	}
	font = TTF_OpenFont(f->path[file], size);
	if (!font)
		return NULL;
	TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
	f->inst[f->ninst].file = file;
	f->inst[f->ninst].size = size;
	f->inst[f->ninst].font = font;
	f->ninst++;
	return font;
}

static void tk_font_describe_update(struct tk_fonts *f)
{
	size_t n = 0;

	f->desc[0] = '\0';
	for (int i = 0; i < f->nfiles && n < sizeof f->desc; i++) {
		const char *b = strrchr(f->path[i], '/');

		n += (size_t)snprintf(f->desc + n, sizeof f->desc - n, "%s%s", i ? ", " : "",
				      b ? b + 1 : f->path[i]);
	}
}

static const char *const tk_font_system[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
};

int tk_fonts_open(const char *assets_dir, const char *extra_font, struct tk_fonts **out)
{
	static const char *const bundled[TK_FONT_NSTYLES][3] = {
	    {"NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"},
	    {"NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf"},
	    {"NotoSans-Italic.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"},
	};
	static const char *const sysdirs[] = {"/usr/share/fonts/truetype/noto",
					      "/usr/share/fonts/truetype/dejavu"};
	struct tk_fonts *f = NULL;
	char path[512];
	int err = TK_OK;

	*out = NULL;
	f = tk_calloc(1, sizeof *f);
	if (!f)
		return TK_ENOMEM;
	if (extra_font && *extra_font) {
		int e = tk_font_add_file(f, extra_font);

		if (e < 0) {
			const char *b = strrchr(extra_font, '/');

			/* TRANSLATORS: service note in a corner of the screen; %s is a font
			 * file name */
			snprintf(f->problem, sizeof f->problem,
				 _("Font %s unusable: bundled fonts shown"),
				 b ? b + 1 : extra_font);
			tk_log(TK_LOG_WARN,
			       "fonts: %s is missing, not a regular file or corrupt; "
			       "using the bundled fonts",
			       extra_font);
		}
		for (int s = 0; s < TK_FONT_NSTYLES; s++)
			tk_font_chain_add(f, s, e);
	}
	for (int s = 0; s < TK_FONT_NSTYLES; s++)
		for (int k = 0; k < 3; k++) {
			int id;

			snprintf(path, sizeof path, "%s/fonts/%s", assets_dir, bundled[s][k]);
			id = tk_font_add_file(f, path);
			for (size_t d = 0; id < 0 && d < sizeof sysdirs / sizeof sysdirs[0]; d++) {
				snprintf(path, sizeof path, "%s/%s", sysdirs[d], bundled[s][k]);
				id = tk_font_add_file(f, path);
			}
			tk_font_chain_add(f, s, id);
		}
	/* Then the packages the ticker depends on, without a fontconfig scan:
	 * DejaVu (nearly everywhere), WenQuanYi Micro Hei for CJK (5 MB where
	 * fonts-noto-cjk takes 91 MB) and Symbola for monochrome emoji (SDL_ttf
	 * 2.20 cannot draw colour emoji). */
	for (size_t k = 0; k < sizeof tk_font_system / sizeof tk_font_system[0]; k++) {
		int id = tk_font_add_file(f, tk_font_system[k]);

		for (int s = 0; s < TK_FONT_NSTYLES; s++)
			tk_font_chain_add(f, s, id);
	}
	if (f->nchain[TK_FONT_REGULAR] == 0 || !tk_font_get(f, f->chain[TK_FONT_REGULAR][0], 32)) {
		err = TK_ENOENT;
		goto out;
	}
	tk_font_describe_update(f);
out:
	if (err) {
		tk_fonts_close(f);
		f = NULL;
	}
	*out = f;
	return err;
}

void tk_fonts_close(struct tk_fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->ninst; i++)
		TTF_CloseFont(f->inst[i].font);
	if (f->fc)
		FcConfigDestroy(f->fc);
	tk_free(f);
}

void tk_fonts_trim(struct tk_fonts *f, int keep)
{
	int drop = f->ninst - keep;

	if (drop <= 0)
		return;
	for (int i = 0; i < drop; i++)
		TTF_CloseFont(f->inst[i].font);
	memmove(&f->inst[0], &f->inst[drop], sizeof f->inst[0] * (size_t)keep);
	f->ninst = keep;
}

const char *tk_fonts_describe(struct tk_fonts *f)
{
	return f->desc;
}

const char *tk_fonts_problem(const struct tk_fonts *f)
{
	return f->problem[0] ? f->problem : NULL;
}

size_t tk_fonts_missing_scripts(const struct tk_fonts *f)
{
	return f->nscripts;
}

size_t tk_fonts_missing(const struct tk_fonts *f)
{
	return f->nmissing;
}

/* Ask fontconfig for an installed font that has cp; add it to every chain. */
void tk_fonts_prepare(struct tk_fonts *f)
{
	if (!f->fc)
		f->fc = FcInitLoadConfigAndFonts();
}

static int tk_font_fallback(struct tk_fonts *f, uint32_t cp, int size)
{
	FcPattern *pat = NULL, *match = NULL;
	FcCharSet *cs = NULL;
	FcResult res;
	FcChar8 *file = NULL;
	int id = -1;

	for (size_t i = 0; i < f->ntried; i++)
		if (f->tried[i] == cp)
			return -1;
	if (f->ntried < sizeof f->tried / sizeof f->tried[0])
		f->tried[f->ntried++] = cp;
	/* Loaded on first need: scanning the font configuration costs tens of ms. */
	if (!f->fc)
		f->fc = FcInitLoadConfigAndFonts();
	if (!f->fc)
		goto out;
	pat = FcPatternCreate();
	cs = FcCharSetCreate();
	if (!pat || !cs || !FcCharSetAddChar(cs, cp))
		goto out;
	FcPatternAddCharSet(pat, FC_CHARSET, cs);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	FcConfigSubstitute(f->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(f->fc, pat, &res);
	if (!match || FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch)
		goto out;
	id = tk_font_add_file(f, (const char *)file);
	if (id >= 0) {
		TTF_Font *font = tk_font_get(f, id, size);

		if (!font || !TTF_GlyphIsProvided32(font, cp)) {
			id = -1;
			goto out;
		}
		for (int s = 0; s < TK_FONT_NSTYLES; s++)
			tk_font_chain_add(f, s, id);
		tk_font_describe_update(f);
		tk_log(TK_LOG_INFO, "fonts: U+%04X found in fallback %s", (unsigned)cp,
		       (const char *)file);
	}
out:
	if (match)
		FcPatternDestroy(match);
	if (pat)
		FcPatternDestroy(pat);
	if (cs)
		FcCharSetDestroy(cs);
	return id;
}

/* Characters that never decide a font: spaces, format and combining marks
 * follow their neighbours so runs do not fragment. */
static int tk_font_is_weak(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f);
}

/* Count a code point no font has; log once per script, not per character
 * (a page of CJK would otherwise flood the journal). */
static void tk_font_note_missing(struct tk_fonts *f, uint32_t cp)
{
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
	int seen = 0;
	char tag[5];

	for (size_t i = 0; i < f->nmissing; i++)
		seen |= f->missing[i] == cp;
	if (seen || f->nmissing >= TK_FONT_MAXMISSING)
		return;
	f->missing[f->nmissing++] = cp;
	for (size_t i = 0; i < f->nscripts; i++)
		if (f->scripts[i] == (uint32_t)sc)
			return;
	if (f->nscripts < TK_FONT_MAXMISSING)
		f->scripts[f->nscripts++] = (uint32_t)sc;
	hb_tag_to_string(hb_script_to_iso15924_tag(sc), tag);
	tag[4] = '\0';
	tk_log(TK_LOG_WARN, "fonts: no installed font covers script %s (first missing: U+%04X)",
	       tag, (unsigned)cp);
}

/* Index in f->path of the face to draw cp with, preferring prev. */
static int tk_font_choose(struct tk_fonts *f, int style, int size, uint32_t cp, int prev)
{
	if (prev >= 0 && tk_font_is_weak(cp))
		return prev;
	if (prev >= 0 && !FRIBIDI_IS_LETTER(fribidi_get_bidi_type(cp))) {
		TTF_Font *pf = tk_font_get(f, prev, size);

		/* Punctuation and digits stay in the face of the letters around them. */
		if (pf && TTF_GlyphIsProvided32(pf, cp))
			return prev;
	}
	for (int i = 0; i < f->nchain[style]; i++) {
		TTF_Font *font = tk_font_get(f, f->chain[style][i], size);

		if (font && TTF_GlyphIsProvided32(font, cp))
			return f->chain[style][i];
	}
	if (!tk_font_is_weak(cp)) {
		int id = tk_font_fallback(f, cp, size);

		if (id >= 0)
			return id;
		tk_font_note_missing(f, cp);
	}
	return prev >= 0 ? prev : f->chain[style][0];
}

static int tk_text_cp_rtl(uint32_t cp)
{
	FriBidiCharType t = fribidi_get_bidi_type(cp);

	return FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_RTL(t);
}

int tk_text_is_rtl(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		ucs4_t cp;
		int n = u8_mbtouc(&cp, (const uint8_t *)text + i, len - i);

		if (n <= 0)
			break;
		if (FRIBIDI_IS_LETTER(fribidi_get_bidi_type(cp)))
			return tk_text_cp_rtl(cp);
		i += (size_t)n;
	}
	return 0;
}

/* One span resolved as a paragraph (logical order): code points and their
 * byte offsets, bidi types and levels (UAX #9 on the whole paragraph), the
 * face and script of every character, and the visual map of a line. */
struct tk_para {
	size_t n;
	FriBidiChar *cps;
	FriBidiCharType *types;
	FriBidiBracketType *brackets;
	FriBidiLevel *levels;
	FriBidiStrIndex *map;
	size_t *offs; /* n + 1 entries */
	int *file;
	hb_script_t *script;
	FriBidiParType base;
};

/* Runs under construction. */
struct tk_runvec {
	struct tk_run *v;
	size_t n, cap;
};

static void tk_para_free(struct tk_para *p)
{
	tk_free(p->cps);
	tk_free(p->types);
	tk_free(p->brackets);
	tk_free(p->levels);
	tk_free(p->map);
	tk_free(p->offs);
	tk_free(p->file);
	tk_free(p->script);
	memset(p, 0, sizeof *p);
}

/* Decode text into code points (control characters drawn as spaces). */
static int tk_para_decode(struct tk_para *p, const char *text, size_t len)
{
	size_t i = 0;

	memset(p, 0, sizeof *p);
	p->cps = tk_malloc(len * sizeof *p->cps);
	p->types = tk_malloc(len * sizeof *p->types);
	p->brackets = tk_malloc(len * sizeof *p->brackets);
	p->levels = tk_malloc(len * sizeof *p->levels);
	p->map = tk_malloc(len * sizeof *p->map);
	p->offs = tk_malloc((len + 1) * sizeof *p->offs);
	p->file = tk_malloc(len * sizeof *p->file);
	p->script = tk_malloc(len * sizeof *p->script);
	if (!p->cps || !p->types || !p->brackets || !p->levels || !p->map || !p->offs || !p->file ||
	    !p->script)
		return -1;
	while (i < len) {
		ucs4_t cp;
		int k = u8_mbtouc(&cp, (const uint8_t *)text + i, len - i);

		if (k <= 0)
			k = 1;
		p->offs[p->n] = i;
		p->cps[p->n++] = cp < 0x20 ? 0x20 : cp;
		i += (size_t)k;
	}
	p->offs[p->n] = len;
	return 0;
}

/* Bidi levels of the whole paragraph, in direction rtl. */
static void tk_para_levels(struct tk_para *p, int rtl)
{
	FriBidiStrIndex n = (FriBidiStrIndex)p->n;

	p->base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	fribidi_get_bidi_types(p->cps, n, p->types);
	fribidi_get_bracket_types(p->cps, n, p->types, p->brackets);
	if (!fribidi_get_par_embedding_levels_ex(p->types, p->brackets, n, &p->base, p->levels))
		memset(p->levels, rtl, p->n * sizeof *p->levels);
}

/* Face and script of every character: neutral characters take their
 * neighbour's script so runs do not fragment. */
static void tk_para_faces(struct tk_fonts *f, struct tk_para *p, const struct tk_span *sp)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_script_t script = HB_SCRIPT_COMMON;
	int prev = -1;

	for (size_t c = 0; c < p->n; c++) {
		hb_script_t sc = hb_unicode_script(uf, p->cps[c]);

		p->file[c] = prev = tk_font_choose(f, sp->style, sp->size, p->cps[c], prev);
		if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN)
			sc = script;
		p->script[c] = script = sc;
	}
}

static int tk_para_resolve(struct tk_fonts *f, const struct tk_span *sp, int rtl, struct tk_para *p)
{
	if (tk_para_decode(p, sp->text, sp->len))
		return -1;
	tk_para_levels(p, rtl);
	tk_para_faces(f, p, sp);
	return 0;
}

static struct tk_run *tk_runvec_push(struct tk_runvec *rv)
{
	if (tk_buf_grow(&rv->v, &rv->cap, rv->n, sizeof *rv->v, 16))
		return NULL;
	memset(&rv->v[rv->n], 0, sizeof rv->v[0]);
	return &rv->v[rv->n++];
}

/* Characters [c0, c1) of span's paragraph as one line: reordered by FriBidi
 * (rules L1-L2 on the paragraph's levels), then cut into runs of one level,
 * face and script, appended in visual order. Each run keeps its logical text
 * (HarfBuzz shapes it in the run's direction). */
static int tk_runs_line(struct tk_runvec *rv, struct tk_para *p, size_t span, size_t c0, size_t c1)
{
	struct tk_run *last = NULL;
	size_t prev = 0;

	if (c1 <= c0)
		return 0;
	for (size_t i = 0; i < p->n; i++)
		p->map[i] = (FriBidiStrIndex)i;
	if (!fribidi_reorder_line(0, p->types, (FriBidiStrIndex)(c1 - c0), (FriBidiStrIndex)c0,
				  p->base, p->levels, NULL, p->map))
		return -1;
	for (size_t v = c0; v < c1; v++) {
		size_t c = (size_t)p->map[v];
		int lvl = p->levels[c], odd = lvl & 1;

		if (last && last->level == lvl && last->file == p->file[c] &&
		    c == (odd ? prev - 1 : prev + 1) &&
		    (last->script == p->script[c] || last->script == HB_SCRIPT_COMMON ||
		     p->script[c] == HB_SCRIPT_COMMON)) {
			if (odd)
				last->b0 = p->offs[c];
			else
				last->b1 = p->offs[c + 1];
			if (last->script == HB_SCRIPT_COMMON)
				last->script = p->script[c];
		} else {
			last = tk_runvec_push(rv);
			if (!last)
				return -1;
			last->span = span;
			last->b0 = p->offs[c];
			last->b1 = p->offs[c + 1];
			last->level = lvl;
			last->file = p->file[c];
			last->script = p->script[c];
		}
		prev = c;
	}
	return 0;
}

/* Index of the first character at or after byte b. */
static size_t tk_para_char_at(const struct tk_para *p, size_t b)
{
	size_t c = 0;

	while (c < p->n && p->offs[c] < b)
		c++;
	return c;
}

/* Runs in visual order for spans laid out as units in the item's direction
 * (in a right-to-left item the first span goes right). For one span, only
 * its bytes [b0, b1) are laid out: one line of a paragraph whose bidi was
 * resolved whole. Returns the number of runs or -1 when out of memory;
 * *runs_out is tk_malloc'd. */
static int tk_font_runs(struct tk_fonts *f, const struct tk_span *spans, size_t n, int rtl,
			size_t b0, size_t b1, struct tk_run **runs_out)
{
	struct tk_runvec rv = {NULL, 0, 0};
	struct tk_para p;
	int ret = -1;

	memset(&p, 0, sizeof p);
	for (size_t k = 0; k < n; k++) {
		size_t s = rtl ? n - 1 - k : k;
		size_t lo = n == 1 ? b0 : 0, hi = n == 1 ? b1 : spans[s].len;

		if (!spans[s].len || hi <= lo)
			continue;
		if (tk_para_resolve(f, &spans[s], rtl, &p) ||
		    tk_runs_line(&rv, &p, s, tk_para_char_at(&p, lo), tk_para_char_at(&p, hi)))
			goto out;
		tk_para_free(&p);
	}
	*runs_out = rv.v;
	rv.v = NULL;
	ret = (int)rv.n;
out:
	tk_para_free(&p);
	tk_free(rv.v);
	return ret;
}

/* Prepare font for a run and copy the run's text, NUL-terminated, into buf. */
static TTF_Font *tk_font_prepare(struct tk_fonts *f, const struct tk_span *sp,
				 const struct tk_run *r, char *buf, size_t bufsize)
{
	TTF_Font *font = tk_font_get(f, r->file, sp->size);
	size_t len = r->b1 - r->b0;
	char tag[5];

	if (!font)
		return NULL;
	if (len >= bufsize)
		len = bufsize - 1;
	memcpy(buf, sp->text + r->b0, len);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] < 0x20)
			buf[i] = ' ';
	TTF_SetFontStyle(font, TTF_STYLE_NORMAL);
	TTF_SetFontDirection(font, (r->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	hb_tag_to_string(
	    hb_script_to_iso15924_tag(r->script == HB_SCRIPT_COMMON ? HB_SCRIPT_LATIN : r->script),
	    tag);
	tag[4] = '\0';
	TTF_SetFontScriptName(font, tag);
	return font;
}

int tk_fonts_measure(struct tk_fonts *f, const struct tk_span *spans, size_t n)
{
	struct tk_run *runs = NULL;
	char buf[4096];
	int nr, total = 0;
	int rtl = n ? tk_text_is_rtl(spans[0].text, spans[0].len) : 0;

	nr = tk_font_runs(f, spans, n, rtl, 0, n ? spans[0].len : 0, &runs);
	for (int i = 0; i < nr; i++) {
		TTF_Font *font =
		    tk_font_prepare(f, &spans[runs[i].span], &runs[i], buf, sizeof buf);
		int w = 0, h = 0;

		if (font && !TTF_SizeUTF8(font, buf, &w, &h))
			total += w;
	}
	tk_free(runs);
	return total;
}

void tk_fonts_metrics(struct tk_fonts *f, int style, int size, int *ascent, int *descent)
{
	TTF_Font *font = tk_font_get(f, f->chain[style][0], size);

	*ascent = font ? TTF_FontAscent(font) : size;
	*descent = font ? -TTF_FontDescent(font) : size / 4;
}

/* Rasterise every run (left to right in visual order): sets each run's
 * surface, x and ascent; *width, *asc, *desc get the line's extent. */
static void tk_runs_raster(struct tk_fonts *f, const struct tk_span *spans, struct tk_run *runs,
			   int nr, int *width, int *asc, int *desc)
{
	char buf[4096];
	int x = 0;

	for (int i = 0; i < nr; i++) {
		const struct tk_span *sp = &spans[runs[i].span];
		TTF_Font *font = tk_font_prepare(f, sp, &runs[i], buf, sizeof buf);
		SDL_Color c = {(Uint8)(sp->color >> 24), (Uint8)(sp->color >> 16),
			       (Uint8)(sp->color >> 8), (Uint8)sp->color};
		int w = 0, h = 0;

		if (!font)
			continue;
		runs[i].ascent = TTF_FontAscent(font);
		if (runs[i].ascent > *asc)
			*asc = runs[i].ascent;
		if (-TTF_FontDescent(font) > *desc)
			*desc = -TTF_FontDescent(font);
		runs[i].surf = TTF_RenderUTF8_Blended(font, buf, c);
		if (runs[i].surf)
			w = runs[i].surf->w;
		else if (TTF_SizeUTF8(font, buf, &w, &h))
			w = 0;
		runs[i].x = x;
		runs[i].w = w;
		x += w;
	}
	*width = x;
}

/* One transparent surface with every run blitted on a common baseline. */
static SDL_Surface *tk_runs_compose(const struct tk_run *runs, int nr, int width, int asc, int desc)
{
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, width > 0 ? width : 1,
							  asc + desc > 0 ? asc + desc : 1, 32,
							  SDL_PIXELFORMAT_ARGB8888);

	if (!dst)
		return NULL;
	SDL_FillRect(dst, NULL, 0);
	for (int i = 0; i < nr; i++) {
		SDL_Rect r;

		if (!runs[i].surf)
			continue;
		r.x = runs[i].x;
		r.y = asc - runs[i].ascent;
		r.w = runs[i].surf->w;
		r.h = runs[i].surf->h;
		SDL_SetSurfaceBlendMode(runs[i].surf, SDL_BLENDMODE_NONE);
		SDL_BlitSurface(runs[i].surf, NULL, dst, &r);
	}
	return dst;
}

/* Lay out spans (bytes [b0, b1) when there is one) in direction rtl. */
static int tk_fonts_draw(struct tk_fonts *f, const struct tk_span *spans, size_t n, int rtl,
			 size_t b0, size_t b1, SDL_Surface **out, int *baseline)
{
	struct tk_run *runs = NULL;
	int nr, width = 0, asc = 0, desc = 0, err = TK_OK;

	*out = NULL;
	nr = tk_font_runs(f, spans, n, rtl, b0, b1, &runs);
	if (nr < 0)
		return TK_ENOMEM;
	if (n)
		tk_fonts_metrics(f, spans[0].style, spans[0].size, &asc, &desc);
	tk_runs_raster(f, spans, runs, nr, &width, &asc, &desc);
	*out = tk_runs_compose(runs, nr, width, asc, desc);
	if (!*out)
		err = TK_ESDL;
	*baseline = asc;
	for (int i = 0; i < nr; i++)
		SDL_FreeSurface(runs[i].surf);
	tk_free(runs);
	return err;
}

int tk_fonts_render(struct tk_fonts *f, const struct tk_span *spans, size_t n, SDL_Surface **out,
		    int *baseline)
{
	int rtl = 0;

	for (size_t i = 0; i < n; i++)
		if (spans[i].len) {
			rtl = tk_text_is_rtl(spans[i].text, spans[i].len);
			break;
		}
	return tk_fonts_draw(f, spans, n, rtl, 0, n ? spans[0].len : 0, out, baseline);
}

int tk_fonts_render_line(struct tk_fonts *f, const struct tk_span *para, size_t b0, size_t b1,
			 int rtl, SDL_Surface **out, int *baseline)
{
	if (rtl < 0)
		rtl = tk_text_is_rtl(para->text, para->len);
	if (b1 > para->len)
		b1 = para->len;
	return tk_fonts_draw(f, para, 1, rtl, b0, b1, out, baseline);
}
