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
#include <unistd.h>
#include <unistr.h>

#include "err.h"
#include "font.h"
#include "log.h"
#include "mem.h"

#define TK_FONT_MAXFILES 32
#define TK_FONT_MAXINST 96
#define TK_FONT_MAXMISSING 64

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
	uint32_t tried[256]; /* code points already looked up in fontconfig */
	size_t ntried;
	char desc[1024];
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

static int tk_font_add_file(struct tk_fonts *f, const char *path)
{
	struct stat st;
	int fd;

	for (int i = 0; i < f->nfiles; i++)
		if (!strcmp(f->path[i], path))
			return i;
	if (f->nfiles >= TK_FONT_MAXFILES)
		return -1;
	/* Non-blocking and regular files only: a FIFO named as the font must
	 * not hang start-up (the bundled fonts are used instead). */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	close(fd);
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

		if (e < 0)
			tk_log(TK_LOG_WARN, "fonts: cannot open %s; using the bundled fonts",
			       extra_font);
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
	/* Last resort when the assets are missing: DejaVu is on nearly every system. */
	for (int s = 0; s < TK_FONT_NSTYLES; s++)
		tk_font_chain_add(
		    f, s, tk_font_add_file(f, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
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

size_t tk_fonts_missing(const struct tk_fonts *f)
{
	return f->nmissing;
}

/* Ask fontconfig for an installed font that has cp; add it to every chain. */
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
		if (f->nmissing < TK_FONT_MAXMISSING) {
			int seen = 0;

			for (size_t i = 0; i < f->nmissing; i++)
				seen |= f->missing[i] == cp;
			if (!seen) {
				f->missing[f->nmissing++] = cp;
				tk_log(TK_LOG_WARN, "fonts: no installed font has U+%04X",
				       (unsigned)cp);
			}
		}
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

/* Split spans into runs (logical order, then reordered to visual order).
 * Returns the number of runs, or -1 when out of memory. *runs_out is
 * tk_malloc'd. */
static int tk_font_runs(struct tk_fonts *f, const struct tk_span *spans, size_t n, int rtl,
			struct tk_run **runs_out)
{
	struct tk_run *runs = NULL;
	size_t nruns = 0, cap = 0;
	FriBidiChar *cps = NULL;
	FriBidiCharType *types = NULL;
	FriBidiBracketType *brackets = NULL;
	FriBidiLevel *levels = NULL;
	size_t *offs = NULL;
	int ret = -1, maxlevel = 0;
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();

	for (size_t s = 0; s < n; s++) {
		size_t len = spans[s].len, nc = 0, i = 0;
		FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
		hb_script_t script = HB_SCRIPT_COMMON;

		if (!len)
			continue;
		cps = tk_malloc(len * sizeof *cps);
		types = tk_malloc(len * sizeof *types);
		brackets = tk_malloc(len * sizeof *brackets);
		levels = tk_malloc(len * sizeof *levels);
		offs = tk_malloc((len + 1) * sizeof *offs);
		if (!cps || !types || !brackets || !levels || !offs)
			goto out;
		while (i < len) {
			ucs4_t cp;
			int k = u8_mbtouc(&cp, (const uint8_t *)spans[s].text + i, len - i);

			if (k <= 0)
				k = 1;
			offs[nc] = i;
			cps[nc++] = cp < 0x20 ? 0x20 : cp;
			i += (size_t)k;
		}
		offs[nc] = len;
		fribidi_get_bidi_types(cps, (FriBidiStrIndex)nc, types);
		fribidi_get_bracket_types(cps, (FriBidiStrIndex)nc, types, brackets);
		if (!fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)nc,
							 &base, levels))
			memset(levels, rtl, nc * sizeof *levels);
		for (size_t c = 0; c < nc; c++) {
			int prev = nruns && runs[nruns - 1].span == s ? runs[nruns - 1].file : -1;
			int file = tk_font_choose(f, spans[s].style, spans[s].size, cps[c], prev);
			hb_script_t sc = hb_unicode_script(uf, cps[c]);

			if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ||
			    sc == HB_SCRIPT_UNKNOWN)
				sc = script;
			if (nruns && runs[nruns - 1].span == s &&
			    runs[nruns - 1].level == levels[c] && runs[nruns - 1].file == file &&
			    (runs[nruns - 1].script == sc ||
			     runs[nruns - 1].script == HB_SCRIPT_COMMON ||
			     sc == HB_SCRIPT_COMMON)) {
				runs[nruns - 1].b1 = offs[c + 1];
				if (runs[nruns - 1].script == HB_SCRIPT_COMMON)
					runs[nruns - 1].script = sc;
			} else {
				if (nruns == cap) {
					struct tk_run *r =
					    tk_realloc(runs, (cap ? cap * 2 : 16) * sizeof *runs);

					if (!r)
						goto out;
					runs = r;
					cap = cap ? cap * 2 : 16;
				}
				memset(&runs[nruns], 0, sizeof runs[0]);
				runs[nruns].span = s;
				runs[nruns].b0 = offs[c];
				runs[nruns].b1 = offs[c + 1];
				runs[nruns].level = levels[c];
				runs[nruns].file = file;
				runs[nruns].script = sc;
				nruns++;
			}
			if (levels[c] > maxlevel)
				maxlevel = levels[c];
			script = sc;
		}
		tk_free(cps);
		tk_free(types);
		tk_free(brackets);
		tk_free(levels);
		tk_free(offs);
		cps = NULL;
		types = NULL;
		brackets = NULL;
		levels = NULL;
		offs = NULL;
	}
	/* Spans are laid out as units: in an RTL item the first span goes right. */
	if (rtl) {
		for (size_t a = 0, b = nruns; a + 1 < b; a++, b--) {
			struct tk_run t = runs[a];

			runs[a] = runs[b - 1];
			runs[b - 1] = t;
		}
		/* Within each span restore logical order, then reorder it by levels. */
		for (size_t a = 0; a < nruns;) {
			size_t b = a;

			while (b < nruns && runs[b].span == runs[a].span)
				b++;
			for (size_t i = a, j = b; i + 1 < j; i++, j--) {
				struct tk_run t = runs[i];

				runs[i] = runs[j - 1];
				runs[j - 1] = t;
			}
			a = b;
		}
	}
	/* Rule L2 per span: reverse every sequence at level >= lvl, from the highest
	 * level down to the lowest odd one. */
	for (size_t a = 0; a < nruns;) {
		size_t b = a;

		while (b < nruns && runs[b].span == runs[a].span)
			b++;
		for (int lvl = maxlevel; lvl >= 1; lvl--) {
			for (size_t i = a; i < b;) {
				size_t j = i;

				if (runs[i].level < lvl) {
					i++;
					continue;
				}
				while (j < b && runs[j].level >= lvl)
					j++;
				for (size_t p = i, q = j; p + 1 < q; p++, q--) {
					struct tk_run t = runs[p];

					runs[p] = runs[q - 1];
					runs[q - 1] = t;
				}
				i = j;
			}
		}
		a = b;
	}
	*runs_out = runs;
	runs = NULL;
	ret = (int)nruns;
out:
	tk_free(runs);
	tk_free(cps);
	tk_free(types);
	tk_free(brackets);
	tk_free(levels);
	tk_free(offs);
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

	nr = tk_font_runs(f, spans, n, rtl, &runs);
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

int tk_fonts_render(struct tk_fonts *f, const struct tk_span *spans, size_t n, SDL_Surface **out,
		    int *baseline)
{
	struct tk_run *runs = NULL;
	SDL_Surface *dst = NULL;
	char buf[4096];
	int nr, x = 0, asc = 0, desc = 0, err = TK_OK;
	int rtl = 0;

	*out = NULL;
	for (size_t i = 0; i < n; i++)
		if (spans[i].len) {
			rtl = tk_text_is_rtl(spans[i].text, spans[i].len);
			break;
		}
	nr = tk_font_runs(f, spans, n, rtl, &runs);
	if (nr < 0) {
		err = TK_ENOMEM;
		goto out;
	}
	if (n)
		tk_fonts_metrics(f, spans[0].style, spans[0].size, &asc, &desc);
	for (int i = 0; i < nr; i++) {
		const struct tk_span *sp = &spans[runs[i].span];
		TTF_Font *font = tk_font_prepare(f, sp, &runs[i], buf, sizeof buf);
		SDL_Color c = {(Uint8)(sp->color >> 24), (Uint8)(sp->color >> 16),
			       (Uint8)(sp->color >> 8), (Uint8)sp->color};
		int w = 0, h = 0;

		if (!font)
			continue;
		runs[i].ascent = TTF_FontAscent(font);
		if (runs[i].ascent > asc)
			asc = runs[i].ascent;
		if (-TTF_FontDescent(font) > desc)
			desc = -TTF_FontDescent(font);
		runs[i].surf = TTF_RenderUTF8_Blended(font, buf, c);
		if (runs[i].surf)
			w = runs[i].surf->w;
		else if (TTF_SizeUTF8(font, buf, &w, &h))
			w = 0;
		runs[i].x = x;
		runs[i].w = w;
		x += w;
	}
	dst = SDL_CreateRGBSurfaceWithFormat(0, x > 0 ? x : 1, asc + desc > 0 ? asc + desc : 1, 32,
					     SDL_PIXELFORMAT_ARGB8888);
	if (!dst) {
		err = TK_ESDL;
		goto out;
	}
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
	*baseline = asc;
	*out = dst;
	dst = NULL;
out:
	for (int i = 0; i < nr; i++)
		SDL_FreeSurface(runs[i].surf);
	tk_free(runs);
	SDL_FreeSurface(dst);
	return err;
}
