/* Fonts: a fallback chain per style (bundled Noto faces first, then system
 * fonts found through fontconfig by glyph coverage), bidi runs split with GNU
 * FriBidi and shaped by HarfBuzz inside SDL2_ttf with the run's direction and
 * script. Not thread-safe: one thread (the render worker) uses a tk_fonts. */
#ifndef TK_FONT_H
#define TK_FONT_H

#include <stddef.h>
#include <stdint.h>

struct SDL_Surface;

enum tk_font_style { TK_FONT_REGULAR, TK_FONT_BOLD, TK_FONT_ITALIC, TK_FONT_NSTYLES };

/* A piece of one line in one style, size (pixels) and colour (0xRRGGBBAA). */
struct tk_span {
	const char *text;
	size_t len;
	int style;
	int size;
	uint32_t color;
};

struct tk_fonts;

/* Open the bundled faces from <assets_dir>/fonts (and extra_font first when
 * not empty), falling back to system fonts when a bundled file is missing.
 * Needs TTF_Init done. Returns TK_OK, TK_ENOENT (no usable font at all),
 * TK_ENOMEM. Caller closes with tk_fonts_close. */
int tk_fonts_open(const char *assets_dir, const char *extra_font, struct tk_fonts **out);
void tk_fonts_close(struct tk_fonts *f);

/* Load the fontconfig fallback configuration now (else on first need, on
 * the render worker: tens of ms here, seconds on a cold Pi) so the first
 * fallback lookup never holds up the screen. Call before the worker starts. */
void tk_fonts_prepare(struct tk_fonts *f);

/* Close all but the keep most recently used face instances (each holds a
 * glyph cache: large card sizes cost hundreds of KB). */
void tk_fonts_trim(struct tk_fonts *f, int keep);

/* One-line description of the faces loaded ("NotoSans-Regular.ttf, ..."),
 * borrowed until tk_fonts_close; grows when fallbacks are added. */
const char *tk_fonts_describe(struct tk_fonts *f);

/* Width in pixels of the spans laid out on one line. */
int tk_fonts_measure(struct tk_fonts *f, const struct tk_span *spans, size_t n);

/* Render spans on one line into a new ARGB8888 surface with a transparent
 * background. *baseline gets the baseline's y in the surface. The spans go
 * left to right, or right to left when the first strong character is RTL.
 * Returns TK_OK, TK_ENOMEM or TK_ESDL. Caller frees with SDL_FreeSurface. */
int tk_fonts_render(struct tk_fonts *f, const struct tk_span *spans, size_t n,
		    struct SDL_Surface **out, int *baseline);

/* Render bytes [b0, b1) of the paragraph para as one line, like
 * tk_fonts_render: bidi is resolved on the whole paragraph (rtl: 1 right to
 * left, 0 left to right, -1 from its first strong character), then the line
 * alone is reordered (UAX #9 rules L1-L2), so wrapped mixed-direction text
 * reads in order line after line. Returns TK_OK, TK_ENOMEM or TK_ESDL. */
int tk_fonts_render_line(struct tk_fonts *f, const struct tk_span *para, size_t b0, size_t b1,
			 int rtl, struct SDL_Surface **out, int *baseline);

/* Ascent and descent (positive, pixels) of the primary face of style at size. */
void tk_fonts_metrics(struct tk_fonts *f, int style, int size, int *ascent, int *descent);

/* Why the configured font is not in use (missing, not a regular file,
 * corrupt), or NULL when all is well. Borrowed until tk_fonts_close. */
const char *tk_fonts_problem(const struct tk_fonts *f);

/* Number of scripts logged as missing (one log line each, however many of
 * their characters were asked for). */
size_t tk_fonts_missing_scripts(const struct tk_fonts *f);

/* Number of distinct code points no installed font could draw (each logged once). */
size_t tk_fonts_missing(const struct tk_fonts *f);

/* 1 when the first strong character of text is right-to-left. */
int tk_text_is_rtl(const char *text, size_t len);

#endif
