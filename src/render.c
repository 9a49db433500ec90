/* The scene. The crawl is an endless strip cut into chunks no wider than the
 * GPU's max texture width; the worker composes chunks (and cards and notices)
 * into CPU buffers ahead of time; the frame path uploads at most one chunk
 * or a strip of card rows per frame into a fixed ring of textures and draws
 * a few copies. Motion is frame-counted: offset = frame * speed (a new speed
 * carries on from the offset it starts at). */
#include <malloc.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <unicase.h>
#include <unilbrk.h>
#include <unistr.h>

#include "buf.h"
#include "crawlcut.h"
#include "err.h"
#include "i18n.h"
#include "log.h"
#include "mem.h"
#include "cardtime.h"
#include "logo.h"
#include "render.h"

/* Legibility (issue 15): cap heights as seen from the viewing distance. */
#define TK_CAP_PER_MILLE 714	/* Noto Sans cap height per em */
#define TK_CRAWL_ARCMIN 16	/* crawl text */
#define TK_SMALL_ARCMIN 12	/* speaker, caption, chips, labels */
#define TK_DEF_DIAGONAL_IN 43.0 /* when the config says 0 */
#define TK_DEF_DISTANCE_CM 500.0
#define TK_MM_PER_INCH 25.4
/* Crawl band geometry. */
#define TK_BAND_FS_PCT 48  /* crawl text size in % of the band height */
#define TK_FS_MAX_PCT 60   /* the crawl text never exceeds this % of the band */
#define TK_BAND_MAX_PCT 30 /* automatic band height at most this % of the screen */
#define TK_MIN_BAND_PX 12
#define TK_MIN_FONT_PX 8
#define TK_ITEM_SURFACE_BYTES (24u << 20) /* one crawl item's text surface */

/* The operator's status tag. */
#define TK_STATUS_FS_PER_MILLE 22 /* text size per mille of the screen height */
#define TK_STATUS_MAX_PCT 45	  /* widest share of the screen width */
#define TK_STATUS_MAX_PCT_PORTRAIT 90
#define TK_CHIP_H_PCT 170      /* a chip's box height, % of its text size */
#define TK_CHIP_CAP_PCT 72     /* cap height a chip's text is centred by, % of its size */
#define TK_TAG_H_PCT 160       /* a corner tag's height, % of its text size */
#define TK_LINE_BOX_PCT 130    /* one line of text centred in a tag or bar, % of its size */
#define TK_MARGIN_DIV 40       /* side margin of bars: 1/40 of the screen width */
#define TK_URGENT_FS_PCT 45    /* urgent text, % of the crawl band's inner 80 % */
#define TK_URGENT_SMALL_PCT 80 /* the urgent chip and wrapped lines, % of that size */
#define TK_URGENT_LH_PCT 120   /* line height of a wrapped urgent notice */
#define TK_FIGURE_BASE_PCT 80  /* a figure's baseline below its top, % of its size */
#define TK_LABEL_MIN_PCT 60    /* the LATEST label's text, % of the crawl text, at least */
#define TK_LABEL_MAX_PCT 80    /* ... and at most (never under the legible size between) */
/* card content keeps 1/80 of the cards' height off the urgent bar */
#define TK_URGENT_CLEAR_DIV 80
#define TK_URGENT_LINES 2 /* an urgent notice: lines at the usual size, then more lines */
#define TK_URGENT_LINES_PORTRAIT 4
#define TK_URGENT_MAX_PCT 60 /* ... while the bar stays within this % of the cards area, */
/* then a smaller size, down to the legible floor */
#define TK_STATUS_BG_MIX 30 /* card background lightened by this /256 */

/* Text blocks. */
#define TK_MAX_LINES 8		  /* lines one card text block may take */
#define TK_WRAP_LINES 24	  /* lines any text block may take (an urgent notice) */
#define TK_MAX_PARA 2048	  /* bytes of one paragraph laid out */
#define TK_HEADLINE_LH_PCT 120	  /* headline line height, % of its size */
#define TK_ARABIC_EXTRA_LH_PCT 18 /* added for Arabic script */
#define TK_HEADLINE_SHARE 55	  /* % of the card height a headline may fill */
#define TK_HEADLINE_SHARE_BUSY 70 /* ... times this % with a quote and a figure */
#define TK_HEADLINE_SHARE_MIN 30  /* ... down to this % when the quote would be cut */
#define TK_HEADLINE_SHARE_STEP 15

#define TK_RULE_DIV 24 /* accent rule above the band: 1/24 of its height */
#define TK_RULE_MIN_PX 2

/* Cards: sizes and gaps as fractions of the cards area height (CH / N). */
#define TK_CARD_SMALL_MAX_DIV 16    /* 12' text on cards at most CH/16 (huge distances) */
#define TK_CARD_HEADLINE_DIV 10	    /* largest headline */
#define TK_CARD_HEADLINE_TWO_DIV 14 /* above this size a headline takes two lines */
#define TK_CARD_HEADLINE_MIN_DIV 22 /* smallest headline (and 5/4 of the 12' size) */
#define TK_CARD_CHIP_DIV 40
#define TK_CARD_QUOTE_DIV 17	 /* largest quote */
#define TK_CARD_QUOTE_MIN_DIV 30 /* smallest quote (and never under 12') */
#define TK_CARD_SPEAKER_DIV 30
#define TK_CARD_CAPTION_DIV 28
#define TK_CARD_FIGURE_DIV 5	     /* figure beside the quote */
#define TK_CARD_FIGURE_STACKED_DIV 7 /* figure under the quote */
#define TK_CARD_FIGURE_MIN_DIV 24
#define TK_LOGO_TOP_DIV 40 /* the logo's box: from 1/40 of the cards' height to 1/10 */
#define TK_IDLE_TITLE_DIV 11
#define TK_IDLE_BODY_DIV 22 /* idle text and the standfirst */
#define TK_GAP_S_DIV 60
#define TK_GAP_M_DIV 30
#define TK_GAP_L_DIV 18
#define TK_BODY_LH_PCT 125	/* body line height, % of the size */
#define TK_QUOTE_MAX_PCT 85	/* the quote at most this % of the headline size */
#define TK_QUOTE_COL_PCT 60	/* quote column beside a figure, % of the width */
#define TK_PORTRAIT_PCT 120	/* stacked when the width is under 120 % of CH */
#define TK_SHRINK_PCT 90	/* autofit steps */
#define TK_HINTING_SLACK_PCT 97 /* widths scaled from the crawl size, 3 % short */

#define TK_HALF_CAP_PCT 36 /* half the cap height, % of the size (centring) */
#define TK_CHIP_FS_PCT 42  /* crawl chip text, % of the crawl text (and >= 12') */

#define TK_CARD_MARGIN_DIV 12	/* side margins of the cards: 1/12 of the width */
#define TK_DEF_MAX_TEXTURE 4096 /* when the renderer does not say */
#define TK_DEF_FPS 60
#define TK_FADE_MS 600 /* card change: fade out, then in */
#define TK_CHUNK_PX 1024

#define TK_CHUNK_BUFS 3
#define TK_MAX_CTEX 16
#define TK_CUT_LEAD_DIV 2   /* a cut lies at least 1/2 s of motion beyond the screen */
#define TK_CUT_WINDOW_SEC 2 /* ... on a word end within 2 s of motion, else anywhere */
#define TK_GAP_DIV 5	    /* a word gap: transparent columns of 1/5 of the text size */
#define TK_MAX_GAPS 256	    /* word ends marked per crawl item */
#define TK_SPANS 64	    /* crawl items remembered (on screen and composed ahead) */

/* Where a crawl item lies on the strip, and what it shows. */
struct tk_strip_span {
	int64_t x0, x1;
	uint64_t key; /* tk_crawlcut_item_key, 0 for the idle line */
};
#define TK_URGENT_BG 0xc8102effu	/* signal red, whatever the theme */
#define TK_CARD_UPLOAD_BYTES (1u << 20) /* per frame: ~0.3 ms of memcpy on a Pi 4 */
#define TK_CARD_LEAD_SEC 1 /* software renderer: the next card is composed this early */

enum { TK_BUF_FREE, TK_BUF_BUSY, TK_BUF_READY };

struct tk_chunkbuf {
	int state;
	int64_t id;
	uint32_t *px;
};

/* One crawl item as pieces placed on the band (no band-sized copy: a long
 * quote would otherwise cost megabytes): the chip box and its text, the
 * text, the separator square. x positions are from the item's start. */
struct tk_crawlitem {
	SDL_Surface *text, *chip;
	SDL_Rect text_at, chip_at, box, sep;
	int w;
};

struct tk_scene {
	SDL_Renderer *r;
	const struct tk_config *cfg;
	struct tk_fonts *fonts;
	struct tk_scene_opts o;
	int W, H;
	SDL_Rect band, cards;
	SDL_Rect cc; /* card content: the only part held in textures */
	int cw, bh, fs, small, label_w, maxt;
	int csmall; /* small on cards: never so large it breaks the hierarchy */
	int64_t card_frames, fade_frames;
	int speed;			/* crawl px per frame from speed_frame on; 0 = cfg->speed */
	int64_t speed_frame, speed_off; /* the crawl offset at speed_frame */

	/* frame-path textures: all created up front */
	SDL_Texture *ctex[TK_MAX_CTEX];
	int64_t ctex_id[TK_MAX_CTEX];
	int nct;
	SDL_Texture *cardtex[2];
	int64_t cardtex_p[2]; /* card period held (complete), -1 none */
	uint32_t *cardmem[2]; /* software renderer: their pixels (released when stale) */
	int card_rows;	      /* rows uploaded so far of the card being uploaded */
	SDL_Texture *label_tex;
	SDL_Texture *status_tex, *urgent_tex, *clock_tex;
	int status_w, status_h, urgent_w, urgent_h, clock_w, clock_h;
	int wurgent_h; /* worker: height of the urgent bar it made last (0: none) */

	/* shared with the worker, under mu */
	SDL_Thread *thr;
	SDL_mutex *mu;
	SDL_cond *work_cv, *ready_cv;
	int quit;
	int has_pl; /* no work before the first playlist */
	struct tk_chunkbuf cb[TK_CHUNK_BUFS];
	uint32_t *cardpx;
	int card_state;
	int64_t card_want, card_have;
	struct tk_playlist *pending_pl;	     /* crawl: taken at the cut (cut_k) */
	struct tk_crawlcut cut;		     /* chunk positions after cuts, word ends */
	int cut_wanted;			     /* a new crawl playlist waits for its cut */
	int64_t cut_k;			     /* chunk id where the worker switches, or -1 */
	struct tk_strip_span span[TK_SPANS]; /* ring of items laid out */
	size_t span_n, span_head;
	struct tk_strip_span mask[TK_SPANS]; /* removed items: drawn over */
	size_t mask_n;
	struct tk_playlist *card_pl;   /* cards: taken at the next card */
	int64_t card_base;	       /* first card period of card_pl */
	int64_t card_cut;	       /* period whose card was cut (removed article), or -1 */
	int card_epoch;		       /* a card composed across a cut is stale */
	struct tk_cardsched sched;     /* card periods from sched.base_frame on */
	struct tk_cardsched sched_old; /* ... and before it (the previous playlist's) */
	int64_t next_frame;	       /* frame after the last one drawn */
	int64_t late_p;		       /* last card period that was late */
	int64_t hold;		       /* frames the crawl paused for a late worker */
	int64_t shown_at;	       /* motion frame of the crawl last drawn, or -1 */
	int64_t new_x;		       /* strip x where the last new crawl playlist starts */
	uint64_t new_gen;	       /* its generation */
	int new_state;		       /* 1: not on screen yet, 2: on screen with the old */
	uint64_t outside_key;	       /* cards and notices as last drawn */
	int outside_changed;	       /* the last draw changed them */
	int notices_shown;	       /* notice textures made so far */
	char status_text[256], urgent_text[1024], clock_text[96];
	/* the screen's own words in the configured language, looked up once by
	 * tk_scene_create (the worker never calls gettext) */
	struct {
		const char *latest, *quote, *figures, *urgent, *welcome, *idle;
	} w;
	char service[300]; /* a service mark of our own (font problem), under a status */
	int notice_gen, notice_done;
	SDL_Surface *status_surf, *urgent_surf, *clock_surf;
	struct tk_playlist *logo_pl; /* main side: the playlist whose logo logo_tex shows */
	SDL_Texture *logo_tex;
	int logo_w, logo_h, logo_box_h;
	int notice_ready;

	/* worker-private */
	struct tk_playlist *wpl, *wcard_pl;
	size_t witem;
	int64_t wcard_base;
	struct tk_crawlitem wcur;
	int wcur_off;
	int64_t wnext_chunk;
	int wmirror; /* drawing a right-to-left card */

	struct tk_scene_stats st;
};

static uint32_t tk_argb(uint32_t rgba)
{
	return (rgba & 0xff) << 24 | rgba >> 8;
}

static uint32_t tk_mix(uint32_t x, uint32_t y, unsigned t) /* t/256 of y */
{
	uint32_t out = 0;

	for (int sh = 8; sh < 32; sh += 8) {
		unsigned a = (x >> sh) & 0xff, b = (y >> sh) & 0xff;

		out |= (uint32_t)((a * (256 - t) + b * t) >> 8) << sh;
	}
	return out | 0xff;
}

static int tk_maxi(int a, int b)
{
	return a > b ? a : b;
}

static int tk_mini(int a, int b)
{
	return a < b ? a : b;
}

static int tk_clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void tk_fill(SDL_Surface *s, int x, int y, int w, int h, uint32_t rgba)
{
	SDL_Rect rc = {x, y, w, h};

	SDL_FillRect(s, &rc, tk_argb(rgba));
}

/* ---- worker side: text into surfaces ------------------------------------ */

static struct tk_span tk_sp(const char *t, int style, int size, uint32_t color)
{
	struct tk_span s = {t, t ? strlen(t) : 0, style, size, color};

	return s;
}

/* Blit src onto dst at (x, y) blending. */
static void tk_blit(SDL_Surface *src, SDL_Surface *dst, int x, int y)
{
	SDL_Rect rc = {x, y, src->w, src->h};

	SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_BLEND);
	SDL_BlitSurface(src, NULL, dst, &rc);
}

/* Cards of right-to-left articles are laid out mirrored: these place a
 * rectangle or surface at x as if the surface were flipped horizontally when
 * the worker draws a mirrored card. */
static void tk_mfill(struct tk_scene *s, SDL_Surface *dst, int x, int y, int w, int h,
		     uint32_t rgba)
{
	tk_fill(dst, s->wmirror ? dst->w - x - w : x, y, w, h, rgba);
}

static void tk_mblit(struct tk_scene *s, SDL_Surface *src, SDL_Surface *dst, int x, int y)
{
	tk_blit(src, dst, s->wmirror ? dst->w - x - src->w : x, y);
}

/* Uppercase copy for chips (libunistring knows every script's case). */
static void tk_upper(const char *in, char *out, size_t size)
{
	size_t n = size - 1;
	uint8_t *r = u8_toupper((const uint8_t *)in, strlen(in), NULL, NULL, (uint8_t *)out, &n);

	if (!r) {
		snprintf(out, size, "%s", in);
		return;
	}
	if (r != (uint8_t *)out) {
		/* Did not fit: libunistring allocated; keep what fits. */
		memcpy(out, r, size - 1);
		n = size - 1;
		free(r);
	}
	out[n] = '\0';
}

/* A chip: a filled box with uppercase bold text. Returns its width. */
static int tk_chip(struct tk_scene *s, SDL_Surface *dst, int x, int cy, const char *text, int size,
		   uint32_t bg, uint32_t fg)
{
	char up[128];
	struct tk_span sp;
	SDL_Surface *t = NULL;
	int base, pad = size / 2, h = size * TK_CHIP_H_PCT / 100, w;

	tk_upper(text, up, sizeof up);
	sp = tk_sp(up, TK_FONT_BOLD, size, fg);
	if (tk_fonts_render(s->fonts, &sp, 1, &t, &base))
		return 0;
	w = t->w + 2 * pad;
	if (dst) {
		tk_mfill(s, dst, x, cy - h / 2, w, h, bg);
		tk_mblit(s, t, dst, x + pad,
			 cy - h / 2 + (h - size * TK_CHIP_CAP_PCT / 100) / 2 +
			     size * TK_CHIP_CAP_PCT / 100 - base);
	}
	SDL_FreeSurface(t);
	return w;
}

static void tk_item_free(struct tk_crawlitem *ci)
{
	SDL_FreeSurface(ci->text);
	SDL_FreeSurface(ci->chip);
	memset(ci, 0, sizeof *ci);
}

/* Scale words that belong to the number shown big: "450" of "450 million
 * dirhams" must not lose its million, in any language. Matched whole and
 * case-sensitively after one space. */
static const char *const tk_scale_words[] = {
    "Mio.", "Mrd.",  "Millionen", "Milliarden", "bn",	    "billion",	"billions", "crore",
    "lakh", "mil",   "milliards", "million",	"millions", "millones", "thousand", "trillion",
    "tn",   "εκατ.", "δισ.",	  "млн",	"млрд",	    "тыс.",	"מיליון",   "מיליארד",
    "ألف",  "مليار", "مليون",	  "ملايين",	"مليارات",
};

/* (No "m": "37m" is metres as often as millions.) CJK scale characters written straight after the
 * digits, and the currency signs that may follow them (4500億円, 45万人 keeps only 万). */
static const char *const tk_scale_cjk[] = {"万", "億", "亿", "兆", "千", "百"};
static const char *const tk_scale_cjk_unit[] = {"円", "元", "ドル"};

static size_t tk_prefix_in(const char *p, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strncmp(p, set[i], strlen(set[i])))
			return strlen(set[i]);
	return 0;
}

/* Bytes after a figure (in its sentence) that are its scale: " million",
 * "億円". 0 when none. */
static size_t tk_figure_scale(const char *after)
{
	size_t n = 0, k;

	while ((k = tk_prefix_in(after + n, tk_scale_cjk,
				 sizeof tk_scale_cjk / sizeof tk_scale_cjk[0])) > 0)
		n += k;
	if (n)
		return n + tk_prefix_in(after + n, tk_scale_cjk_unit,
					sizeof tk_scale_cjk_unit / sizeof tk_scale_cjk_unit[0]);
	if (*after != ' ')
		return 0;
	for (size_t i = 0; i < sizeof tk_scale_words / sizeof tk_scale_words[0]; i++) {
		size_t w = strlen(tk_scale_words[i]);

		if (!strncmp(after + 1, tk_scale_words[i], w) && strchr(" ,.;", after[1 + w]))
			return 1 + w;
	}
	return 0;
}

/* Bytes of text one crawl item shows: all of it unless its surface would
 * pass TK_ITEM_SURFACE_BYTES (huge font sizes) or the buffer; then cut at a
 * space in the second half, else at a character boundary. */
static size_t tk_item_cut(const struct tk_scene *s, const char *text, size_t room)
{
	size_t tl = strlen(text), lim = room;
	/* worst case per character: a full em wide, two ems of line height */
	size_t chars = TK_ITEM_SURFACE_BYTES / ((size_t)s->fs * (size_t)s->fs * 2 * 4);
	size_t k;

	if (chars * 4 < lim) /* 4 bytes: the longest UTF-8 character */
		lim = chars * 4 > 8 ? chars * 4 : 8;
	if (tl <= lim)
		return tl;
	for (k = lim; k > lim / 2 && text[k] != ' '; k--)
		;
	if (text[k] != ' ')
		for (k = lim; k > 0 && ((unsigned char)text[k] & 0xc0) == 0x80; k--)
			;
	return k;
}

/* The text of one crawl item as spans, with the buffers they point into. */
struct tk_itemtext {
	struct tk_span sp[6];
	size_t n;
	const char *label; /* chip text, or NULL */
	char text[600], who[300], pre[620], post[600];
};

static void tk_itemtext_add(struct tk_itemtext *t, const char *text, size_t len, int style,
			    uint32_t color, int fs)
{
	t->sp[t->n] = tk_sp(text, style, fs, color);
	t->sp[t->n++].len = len;
}

/* A quote: “text” then “  — Speaker, Role” in the accent colour. */
static void tk_item_quote(struct tk_scene *s, const struct tk_pl_item *it, struct tk_itemtext *t)
{
	const struct tk_config *c = s->cfg;

	snprintf(t->pre, sizeof t->pre, "“%s”", t->text);
	tk_itemtext_add(t, t->pre, strlen(t->pre), TK_FONT_REGULAR, c->crawl_fg, s->fs);
	if (it->speaker) {
		/* a no-break space holds the dash to the speaker's name */
		snprintf(t->who, sizeof t->who, "  —\u00A0%s%s%s", it->speaker,
			 it->role ? ", " : "", it->role ? it->role : "");
		tk_itemtext_add(t, t->who, strlen(t->who), TK_FONT_BOLD, c->accent, s->fs);
	}
	t->label = s->w.quote;
}

/* "  — Speaker" after a figure taken from a quotation, as after a quote. */
static void tk_item_figure_speaker(struct tk_scene *s, const struct tk_pl_item *it,
				   struct tk_itemtext *t)
{
	if (!it->speaker)
		return;
	snprintf(t->who, sizeof t->who, "  — %s", it->speaker);
	tk_itemtext_add(t, t->who, strlen(t->who), TK_FONT_BOLD, s->cfg->accent, s->fs);
}

/* A figure: its sentence with the number (and its scale word) in bold
 * accent, or the number before its caption; then who said it, when it was
 * quoted ("4,000 Americans — Anthony Blinken"). */
static void tk_item_figure(struct tk_scene *s, const struct tk_pl_item *it, struct tk_itemtext *t)
{
	const struct tk_config *c = s->cfg;
	const char *f = it->figure ? strstr(t->text, it->figure) : NULL;

	t->label = s->w.figures;
	if (f) {
		size_t fl = strlen(it->figure) + tk_figure_scale(f + strlen(it->figure));

		if (f > t->text)
			tk_itemtext_add(t, t->text, (size_t)(f - t->text), TK_FONT_REGULAR,
					c->crawl_fg, s->fs);
		tk_itemtext_add(t, f, fl, TK_FONT_BOLD, c->accent, s->fs);
		if (f[fl])
			tk_itemtext_add(t, f + fl, strlen(f + fl), TK_FONT_REGULAR, c->crawl_fg,
					s->fs);
		tk_item_figure_speaker(s, it, t);
		return;
	}
	if (it->figure) {
		snprintf(t->pre, sizeof t->pre, "%s  ", it->figure);
		tk_itemtext_add(t, t->pre, strlen(t->pre), TK_FONT_BOLD, c->accent, s->fs);
	}
	f = it->caption ? it->caption : t->text;
	tk_itemtext_add(t, f, strlen(f), TK_FONT_REGULAR, c->crawl_fg, s->fs);
	tk_item_figure_speaker(s, it, t);
}

/* Spans and label of item it (NULL: the idle line). */
static void tk_item_text(struct tk_scene *s, const struct tk_playlist *pl,
			 const struct tk_pl_item *it, struct tk_itemtext *t)
{
	const char *idle = s->w.idle;
	const struct tk_config *c = s->cfg;
	size_t tl;

	memset(t, 0, sizeof *t);
	if (!it) {
		tk_itemtext_add(t, idle, strlen(idle), TK_FONT_REGULAR, c->crawl_fg, s->fs);
		return;
	}
	tl = tk_item_cut(s, it->text, sizeof t->text - 4);
	memcpy(t->text, it->text, tl);
	snprintf(t->text + tl, sizeof t->text - tl, "%s", tl < strlen(it->text) ? "…" : "");
	switch (it->kind) {
	case TK_ITEM_HEADLINE:
		tk_itemtext_add(t, t->text, strlen(t->text), TK_FONT_BOLD, c->crawl_fg, s->fs);
		t->label = pl->articles[it->article].source;
		break;
	case TK_ITEM_QUOTE:
		tk_item_quote(s, it, t);
		break;
	case TK_ITEM_FIGURE:
		tk_item_figure(s, it, t);
		break;
	}
}

/* The label chip of an item at x = 0, vertically centred on the cap height
 * at baseline bl. Returns the width it takes (with its gap), 0 for none. */
static int tk_item_chip(struct tk_scene *s, const char *label, int bl, struct tk_crawlitem *ci)
{
	int fs = s->fs, cap = fs * TK_HALF_CAP_PCT / 100;
	int csz = tk_mini(tk_maxi(fs * TK_CHIP_FS_PCT / 100, s->small), s->bh * 10 / 17);
	int h = csz * TK_CHIP_H_PCT / 100, cy = bl - cap, ccap = csz * TK_HALF_CAP_PCT * 2 / 100,
	    cbase;
	char up[128];
	struct tk_span cs;

	if (!s->cfg->labels || !label || !*label)
		return 0;
	tk_upper(label, up, sizeof up);
	cs = tk_sp(up, TK_FONT_BOLD, csz, s->cfg->crawl_bg);
	if (tk_fonts_render(s->fonts, &cs, 1, &ci->chip, &cbase))
		return 0;
	ci->box.y = cy - h / 2;
	ci->box.w = ci->chip->w + csz;
	ci->box.h = h;
	ci->chip_at.x = csz / 2;
	ci->chip_at.y = cy - h / 2 + (h - ccap) / 2 + ccap - cbase;
	ci->chip_at.w = ci->chip->w;
	ci->chip_at.h = ci->chip->h;
	return ci->box.w + fs / 2;
}

static int tk_item_make(struct tk_scene *s, const struct tk_playlist *pl,
			const struct tk_pl_item *it, struct tk_crawlitem *ci)
{
	struct tk_itemtext *t = tk_malloc(sizeof *t);
	int base = 0, fs = s->fs, sq = tk_maxi(fs / 4, 6), gap = fs, chip_w, rtl, x;
	int bl = s->bh / 2 + fs * TK_HALF_CAP_PCT / 100; /* cap height centred in the band */

	memset(ci, 0, sizeof *ci);
	if (!t)
		return TK_ENOMEM;
	tk_item_text(s, pl, it, t);
	if (tk_fonts_render(s->fonts, t->sp, t->n, &ci->text, &base)) {
		tk_free(t);
		return TK_ESDL;
	}
	chip_w = tk_item_chip(s, t->label, bl, ci);
	/* The chip heads the item where reading starts: on the right of a
	 * right-to-left item (it once sat against the item's last word). */
	rtl = t->n && tk_text_is_rtl(t->sp[0].text, t->sp[0].len);
	tk_free(t);
	ci->text_at.x = rtl ? 0 : chip_w;
	if (rtl && ci->chip) {
		ci->box.x += ci->text->w + fs / 2;
		ci->chip_at.x += ci->text->w + fs / 2;
	}
	ci->text_at.y = bl - base;
	ci->text_at.w = ci->text->w;
	ci->text_at.h = ci->text->h;
	x = ci->text->w + chip_w + gap;
	ci->sep.x = x;
	ci->sep.y = bl - fs * TK_HALF_CAP_PCT / 100 - sq / 2;
	ci->sep.w = sq;
	ci->sep.h = sq;
	ci->w = x + sq + gap;
	return TK_OK;
}

/* Draw the columns [off, off + n) of a piece placed at rc (item
 * coordinates) into dst, item column off landing at dst column x. src NULL
 * fills the rectangle with fill (ARGB). */
static void tk_piece(SDL_Surface *dst, SDL_Surface *src, const SDL_Rect *rc, int off, int x, int n,
		     uint32_t fill)
{
	int a = rc->x > off ? rc->x : off, b = rc->x + rc->w < off + n ? rc->x + rc->w : off + n;
	SDL_Rect sr, dr;

	if (b <= a || rc->w <= 0)
		return;
	dr.x = x + (a - off);
	dr.y = rc->y;
	dr.w = b - a;
	dr.h = rc->h;
	if (!src) {
		SDL_FillRect(dst, &dr, fill);
		return;
	}
	sr.x = a - rc->x;
	sr.y = 0;
	sr.w = b - a;
	sr.h = rc->h;
	SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_BLEND);
	SDL_BlitSurface(src, &sr, dst, &dr);
}

static void tk_item_draw(struct tk_scene *s, const struct tk_crawlitem *ci, SDL_Surface *dst,
			 int off, int x, int n)
{
	uint32_t accent = tk_argb(s->cfg->accent);

	if (ci->chip) {
		tk_piece(dst, NULL, &ci->box, off, x, n, accent);
		tk_piece(dst, ci->chip, &ci->chip_at, off, x, n, 0);
	}
	tk_piece(dst, ci->text, &ci->text_at, off, x, n, 0);
	tk_piece(dst, NULL, &ci->sep, off, x, n, accent);
}

/* Next crawl item. With cards on and a single article, its headline is on
 * the card already: the crawl shows its other items (when it has any), not
 * the same headline a second time. Worker side. */
static const struct tk_pl_item *tk_crawl_next(struct tk_scene *s)
{
	const struct tk_playlist *pl = s->wpl;
	const struct tk_pl_item *it = &pl->items[s->witem++ % pl->n_items];

	if (s->cfg->layout == TK_LAYOUT_CARDS && pl->n_articles == 1 && pl->n_items > 1 &&
	    it->kind == TK_ITEM_HEADLINE)
		it = &pl->items[s->witem++ % pl->n_items];
	return it;
}

/* Remember where an item lies. mu held. */
static void tk_span_add(struct tk_scene *s, int64_t x0, int64_t x1, uint64_t key)
{
	struct tk_strip_span *sp;

	if (s->span_n == TK_SPANS) {
		s->span_head = (s->span_head + 1) % TK_SPANS;
		s->span_n--;
	}
	sp = &s->span[(s->span_head + s->span_n++) % TK_SPANS];
	sp->x0 = x0;
	sp->x1 = x1;
	sp->key = key;
}

/* Items of the old content before the cut at x that pl no longer has are
 * drawn over from now on (removed items leave the screen at once); the
 * spans past x are forgotten. Worker side, no lock held. */
static void tk_mask_removed(struct tk_scene *s, const struct tk_playlist *pl, int64_t x)
{
	uint64_t *keys = NULL;
	size_t gone = 0;

	if (tk_crawlcut_keys(pl, &keys))
		return;
	SDL_LockMutex(s->mu);
	s->mask_n = 0;
	for (size_t i = 0; i < s->span_n; i++) {
		struct tk_strip_span *sp = &s->span[(s->span_head + i) % TK_SPANS];

		if (sp->x0 < x && sp->key && !tk_crawlcut_has(keys, pl->n_items, sp->key)) {
			s->mask[s->mask_n] = *sp;
			s->mask[s->mask_n++].x1 = sp->x1 < x ? sp->x1 : x;
			gone++;
		}
	}
	while (s->span_n && s->span[(s->span_head + s->span_n - 1) % TK_SPANS].x0 >= x)
		s->span_n--;
	SDL_UnlockMutex(s->mu);
	tk_free(keys);
	tk_log(TK_LOG_INFO, "crawl: generation %llu: %zu removed items cut from the strip",
	       (unsigned long long)pl->generation, gone);
}

/* Word ends of a crawl item laid out at strip position p: the middle of
 * every run of transparent columns in its text at least TK_GAP_DIV of the
 * size wide (whatever the script or direction), and its end. Worker side. */
/* 1 when column x of the 32-bit surface t has no ink. */
static int tk_column_clear(const SDL_Surface *t, int x)
{
	for (int y = 0; y < t->h; y++) {
		uint32_t px;

		memcpy(&px, (const uint8_t *)t->pixels + y * t->pitch + x * 4, 4);
		if (px & t->format->Amask)
			return 0;
	}
	return 1;
}

static void tk_item_marks(struct tk_scene *s, const struct tk_crawlitem *ci, int64_t p,
			  uint64_t key)
{
	SDL_Surface *t = ci->text;
	int64_t m[TK_MAX_GAPS + 1];
	int n = 0, run = 0, thr = tk_maxi(s->fs / TK_GAP_DIV, 2);

	for (int x = 0; t && t->format->BytesPerPixel == 4 && t->format->Amask && x < t->w; x++) {
		run = tk_column_clear(t, x) ? run + 1 : 0;
		if (run == thr && n < TK_MAX_GAPS)
			m[n++] = p + ci->text_at.x + x - run / 2;
	}
	m[n++] = p + ci->w;
	SDL_LockMutex(s->mu);
	/* what lies beyond a cut made meanwhile is never shown */
	for (int i = 0; i < n && m[i] < tk_crawlcut_limit(&s->cut, p); i++)
		tk_crawlcut_mark(&s->cut, m[i]);
	tk_span_add(s, p, p + ci->w, key);
	SDL_UnlockMutex(s->mu);
}

/* At a cut: the item in progress is dropped and the crawl goes on in the new
 * playlist (its new articles first, else after the last item shown), not
 * back at its newest article. Worker side, no lock held. */
static void tk_crawl_switch(struct tk_scene *s, struct tk_playlist *pl, int64_t x0)
{
	const struct tk_pl_item *last = NULL;
	struct tk_playlist *all;

	if (s->wpl && s->wpl->n_items && s->witem)
		last = &s->wpl->items[(s->witem - 1) % s->wpl->n_items];
	s->witem = tk_crawlcut_resume(s->wpl, pl, last);
	/* removed from the cache, not only rotated out of the crawl's newest N */
	SDL_LockMutex(s->mu);
	all = tk_playlist_ref(s->card_pl ? s->card_pl : pl);
	SDL_UnlockMutex(s->mu);
	tk_mask_removed(s, all, x0);
	tk_playlist_unref(all);
	tk_playlist_unref(s->wpl);
	s->wpl = pl;
	tk_item_free(&s->wcur);
}

/* The playlist the worker changes to at chunk id (NULL: none), and where
 * that chunk starts on the strip. */
static struct tk_playlist *tk_chunk_begin(struct tk_scene *s, int64_t id, int64_t *x0)
{
	struct tk_playlist *pl = NULL;

	SDL_LockMutex(s->mu);
	*x0 = tk_crawlcut_x(&s->cut, id);
	if (id == s->cut_k && s->pending_pl) {
		pl = s->pending_pl;
		s->pending_pl = NULL;
		s->cut_wanted = 0; /* the newest playlist is the one taken */
		s->new_x = *x0;
		s->new_gen = pl->generation;
		s->new_state = 1;
	}
	if (id == s->cut_k)
		s->cut_k = -1;
	SDL_UnlockMutex(s->mu);
	return pl;
}

/* The first playlist is taken at an item boundary (the idle line's end). */
static void tk_crawl_first(struct tk_scene *s)
{
	SDL_LockMutex(s->mu);
	if (s->pending_pl && !s->wpl && !s->cut_wanted && s->cut_k < 0) {
		s->wpl = s->pending_pl;
		s->pending_pl = NULL;
		s->witem = 0;
	}
	SDL_UnlockMutex(s->mu);
}

/* Compose crawl chunk id into px. Worker side, no lock held. */
static void tk_make_chunk(struct tk_scene *s, uint32_t *px, int64_t id)
{
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormatFrom(px, s->cw, s->bh, 32, s->cw * 4,
							      SDL_PIXELFORMAT_ARGB8888);
	/* The strip starts with the first item just right of the label box. */
	int x = id == 0 ? s->label_w + s->fs : 0;
	int64_t x0;
	struct tk_playlist *pl = tk_chunk_begin(s, id, &x0);

	if (pl)
		tk_crawl_switch(s, pl, x0);
	if (!dst)
		return;
	SDL_FillRect(dst, NULL, tk_argb(s->cfg->crawl_bg));
	while (x < s->cw) {
		int n;

		if (!s->wcur.w) {
			const struct tk_pl_item *it = NULL;

			tk_crawl_first(s);
			if (s->wpl && s->wpl->n_items)
				it = tk_crawl_next(s);
			if (tk_item_make(s, s->wpl, it, &s->wcur))
				break;
			s->wcur_off = 0;
			tk_item_marks(s, &s->wcur, x0 + x, it ? tk_crawlcut_item_key(it) : 0);
		}
		n = s->wcur.w - s->wcur_off;
		if (n > s->cw - x)
			n = s->cw - x;
		tk_item_draw(s, &s->wcur, dst, s->wcur_off, x, n);
		x += n;
		s->wcur_off += n;
		if (s->wcur_off >= s->wcur.w)
			tk_item_free(&s->wcur);
	}
	SDL_FreeSurface(dst);
}

/* Width of text[a, b) in one style and size. */
static int tk_width(struct tk_scene *s, const char *text, size_t a, size_t b, int style, int size)
{
	struct tk_span sp = tk_sp(text + a, style, size, 0);

	sp.len = b - a;
	return b > a ? tk_fonts_measure(s->fonts, &sp, 1) : 0;
}

/* Longest prefix of text[a, b) (at least one character) no wider than maxw:
 * the emergency break of a word wider than the whole line. */
static size_t tk_fit_prefix(struct tk_scene *s, const char *text, size_t a, size_t b, int style,
			    int size, int maxw)
{
	size_t best = a, k = a;

	while (k < b) {
		size_t nk = k + 1;

		while (nk < b && ((unsigned char)text[nk] & 0xc0) == 0x80)
			nk++;
		if (best > a && tk_width(s, text, a, nk, style, size) > maxw)
			break;
		best = k = nk;
	}
	return best;
}

/* Line breaking by UAX #14 (libunistring): greedy fill of the break
 * opportunities (between words, and between ideographs for CJK), a line
 * break character ends a line, a word wider than the line is cut where it
 * fits. Line i is text[start[i] .. end[i]) without its trailing spaces; at
 * most maxl lines. Returns the number of lines; *cut set when the text did
 * not fit. Segments are measured one by one (kerning across a break is nil
 * in practice), O(segments) shaping instead of O(segments^2). */
static int tk_wrap(struct tk_scene *s, const char *text, int style, int size, int maxw, int maxl,
		   size_t *start, size_t *end, int *cut)
{
	size_t len = strlen(text), i = 0;
	int nl = 0, space = tk_width(s, " ", 0, 1, style, size);
	char *brk = tk_malloc(len + 1);

	*cut = 0;
	if (!brk)
		return 0;
	u8_possible_linebreaks((const uint8_t *)text, len, "UTF-8", brk);
	while (i < len && text[i] == ' ')
		i++;
	while (i < len && nl < maxl) {
		size_t j = i, best = i;
		int w = 0, hard = 0;

		while (j < len && !hard) {
			size_t k = j + 1, t;
			int ww;

			while (k < len && brk[k] != UC_BREAK_POSSIBLE &&
			       brk[k] != UC_BREAK_HYPHENATION && brk[k - 1] != UC_BREAK_MANDATORY)
				k++;
			hard = brk[k - 1] == UC_BREAK_MANDATORY;
			t = hard ? k - 1 : k;
			while (t > j && (text[t - 1] == ' ' || text[t - 1] == '\r'))
				t--;
			ww = tk_width(s, text, j, t, style, size);
			if (best > i && w + ww > maxw)
				break;
			if (best == i && ww > maxw) { /* alone and still too wide */
				best = j = tk_fit_prefix(s, text, j, t, style, size, maxw);
				break;
			}
			w += ww + (int)(k - t) * space;
			best = t;
			j = k;
		}
		start[nl] = i;
		end[nl] = best;
		nl++;
		i = j > best ? j : best;
		while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r'))
			i++;
	}
	if (i < len)
		*cut = 1;
	tk_free(brk);
	return nl;
}

/* Puts "…" after para[st..en) (para's own bytes after it are overwritten),
 * giving back words, or characters when there is no space, until the line
 * with it is at most maxw wide. Returns the end of the line with "…". */
static size_t tk_ellipsis_fit(struct tk_scene *s, char *para, size_t st, size_t en, int style,
			      int size, int maxw)
{
	for (;;) {
		size_t k = en;

		memcpy(para + en, "…", sizeof "…");
		if (en <= st || tk_width(s, para, st, en + strlen("…"), style, size) <= maxw)
			return en + strlen("…");
		while (k > st && para[k - 1] != ' ')
			k--;
		if (k > st) /* the word before the last space, spaces trimmed */
			while (k > st && para[k - 1] == ' ')
				k--;
		else
			k = tk_utf8_boundary(para, en - 1);
		en = k;
	}
}

/* Draw wrapped text; returns the y below the last line. The paragraph's
 * bidi is resolved once and each line reordered on its own; lines of RTL
 * text are right-aligned. The last line gets "…" when cut. */
static int tk_text_block(struct tk_scene *s, SDL_Surface *dst, const char *text, int style,
			 int size, uint32_t color, int x, int y, int maxw, int maxl, int lh)
{
	size_t st[TK_WRAP_LINES], en[TK_WRAP_LINES];
	int cut,
	    nl = tk_wrap(s, text, style, size, maxw, tk_mini(maxl, TK_WRAP_LINES), st, en, &cut);
	int rtl = tk_text_is_rtl(text, strlen(text));
	char para[TK_MAX_PARA];

	snprintf(para, sizeof para, "%s", text);
	for (int i = 0; dst && i < nl; i++) {
		struct tk_span sp = tk_sp(para, style, size, color);
		SDL_Surface *t = NULL;
		size_t b1 = en[i];
		int base;

		if (cut && i == nl - 1 && en[i] + sizeof "…" <= sizeof para) {
			/* the ellipsis joins the paragraph, in its direction, and
			 * fits with the words before it (it was once clipped off) */
			b1 = tk_ellipsis_fit(s, para, st[i], en[i], style, size, maxw);
			sp.len = strlen(para);
		}
		if (b1 > sp.len || tk_fonts_render_line(s->fonts, &sp, st[i], b1, rtl, &t, &base))
			continue;
		/* right-aligned when the text runs against the layout direction */
		tk_mblit(s, t, dst, rtl != s->wmirror ? x + maxw - t->w : x,
			 y + size - base + i * lh);
		SDL_FreeSurface(t);
	}
	return y + nl * lh;
}

/* Lines text needs at size within maxw (capped at maxl + 1). */
static int tk_lines(struct tk_scene *s, const char *text, int style, int size, int maxw, int maxl)
{
	size_t st[TK_WRAP_LINES + 1], en[TK_WRAP_LINES + 1];
	int cut, n, want = tk_mini(maxl + 1, TK_WRAP_LINES + 1);

	/* Autofit tries several sizes: measure them all at the crawl size (its
	 * faces are open and their glyphs cached) with the width scaled, 3 %
	 * short for hinting, instead of opening a face per candidate size. */
	if (size > s->fs)
		n = tk_wrap(s, text, style, s->fs,
			    (int)((int64_t)maxw * s->fs * TK_HINTING_SLACK_PCT / 100 / size), want,
			    st, en, &cut);
	else
		n = tk_wrap(s, text, style, size, maxw, want, st, en, &cut);
	return n;
}

/* Line height for text at size: pct % of the size, more for Arabic script,
 * whose marks reach far above and below the Latin line. */
static int tk_line_height(const char *text, int size, int pct)
{
	size_t len = strlen(text);

	for (size_t i = 0; i < len;) {
		ucs4_t cp;
		int k = u8_mbtouc(&cp, (const uint8_t *)text + i, len - i);

		if ((cp >= 0x0600 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfeff))
			return size * (pct + TK_ARABIC_EXTRA_LH_PCT) / 100;
		i += k > 0 ? (size_t)k : 1;
	}
	return size * pct / 100;
}

/* Headline size and line count by the space there is (portrait cards once
 * cut at 3 lines with half the card empty): the largest size, from a tenth
 * of the card height down, at which the headline fits in two lines, or at
 * smaller sizes in as many lines as TK_HEADLINE_SHARE % of avail holds.
 * Sets *size; returns the lines allowed. */
static int tk_headline_fit(struct tk_scene *s, const char *text, int maxw, int avail, int *size)
{
	int CH = s->cards.h, hs = CH / TK_CARD_HEADLINE_DIV, maxl = 2;
	int floor = tk_maxi(CH / TK_CARD_HEADLINE_MIN_DIV, s->csmall * 5 / 4);

	for (;;) {
		int lh = tk_line_height(text, hs, TK_HEADLINE_LH_PCT);

		maxl = hs > CH / TK_CARD_HEADLINE_TWO_DIV
			   ? 2
			   : tk_clampi(avail * TK_HEADLINE_SHARE / 100 / tk_maxi(lh, 1), 3,
				       TK_MAX_LINES);
		if (hs <= floor || tk_lines(s, text, TK_FONT_BOLD, hs, maxw, maxl) <= maxl)
			break;
		hs = tk_maxi(hs * TK_SHRINK_PCT / 100, floor);
	}
	*size = hs;
	return maxl;
}

/* A figure's caption without the clause punctuation it was cut from. */
static const char *tk_caption(const struct tk_pl_item *f)
{
	const char *c = f->caption && *f->caption ? f->caption : f->text;

	while (*c == ',' || *c == ';' || *c == ':' || *c == ' ' || *c == '.')
		c++;
	return *c ? c : f->text;
}

/* The number a figure card shows, with its scale word, into buf; *skip
 * gets the bytes of scale the caption should no longer begin with. */
static void tk_figure_label(const struct tk_pl_item *f, char *buf, size_t size, const char **scale,
			    size_t *scale_len)
{
	const char *at = strstr(f->text, f->figure);
	size_t n = at ? tk_figure_scale(at + strlen(f->figure)) : 0;

	*scale = at ? at + strlen(f->figure) : "";
	*scale_len = n;
	snprintf(buf, size, "%s%.*s", f->figure, (int)n, *scale);
}

/* The caption under a figure whose label took the scale: without it. */
static const char *tk_figure_caption(const struct tk_pl_item *f, const char *scale, size_t n)
{
	const char *c = tk_caption(f);

	while (*scale == ' ' && n)
		scale++, n--;
	if (n && !strncmp(c, scale, n)) {
		c += n;
		for (;;)
			if (*c == ' ' || *c == ',')
				c++;
			else if (!strncmp(c, "、", strlen("、")))
				c += strlen("、");
			else if ((unsigned char)c[0] == 0xe3 &&
				 ((unsigned char)c[1] == 0x81 || (unsigned char)c[1] == 0x82) &&
				 !strncmp(c + 3, "、", strlen("、")))
				c += 3; /* a hiragana particle before the comma: "で、" */
			else
				break;
	}
	return *c ? c : tk_caption(f);
}

/* The figure for a card with quote q: the best one whose number the quote
 * does not already say (the two panels once repeated one fact), or NULL. */
static const struct tk_pl_item *tk_card_figure(const struct tk_playlist *pl,
					       const struct tk_pl_article *art,
					       const struct tk_pl_item *q)
{
	const struct tk_pl_item *best = art->figure >= 0 ? &pl->items[art->figure] : NULL;

	if (!best || !best->figure || !q || !strstr(q->text, best->figure))
		return best;
	for (size_t i = art->first; i < art->first + art->count; i++) {
		const struct tk_pl_item *it = &pl->items[i];

		if (it->kind == TK_ITEM_FIGURE && it->figure && !strstr(q->text, it->figure))
			return it;
	}
	return NULL;
}

/* One card being laid out (dst NULL: only measured): its article, the
 * chosen quote and figure, and the running y. */
struct tk_card {
	struct tk_scene *s;
	SDL_Surface *dst;
	const struct tk_playlist *pl;
	const struct tk_pl_article *art;
	const struct tk_pl_item *q, *f;
	int W, CH;	   /* content width, cards area height */
	int y, limit;	   /* next free y, lowest y to use */
	int hs;		   /* headline size */
	int colw, stacked; /* quote column width; figure under the quote */
	int bottom;	   /* y below everything so far */
	int busy_pct;	   /* headline's share of the space with a quote and a figure */
	int quote_cut;	   /* the quote did not fit whole */
};

static int tk_card_gap(const struct tk_card *k, int div)
{
	return k->CH / div;
}

/* The idle card: a calm welcome for visitors (nothing for them to do). */
static int tk_card_idle(struct tk_card *k)
{
	const struct tk_config *c = k->s->cfg;
	int hsz = k->CH / TK_IDLE_TITLE_DIV, bsz = k->CH / TK_IDLE_BODY_DIV;

	if (k->dst)
		tk_mfill(k->s, k->dst, 0, k->y, k->W / 40, tk_maxi(k->W / 160, 4), c->accent);
	k->y += k->CH / 14;
	k->y = tk_text_block(k->s, k->dst, k->s->w.welcome, TK_FONT_BOLD, hsz, c->card_fg, 0, k->y,
			     k->W, 2, hsz * TK_BODY_LH_PCT / 100);
	k->y += k->CH / 20;
	return tk_text_block(k->s, k->dst, k->s->w.idle, TK_FONT_REGULAR, bsz,
			     tk_mix(c->card_fg, c->card_bg, 70), 0, k->y, k->W * 2 / 3, 3,
			     bsz * 3 / 2);
}

/* Source chip, headline sized to the space, accent rule. */
static void tk_card_head(struct tk_card *k)
{
	struct tk_scene *s = k->s;
	const struct tk_config *c = s->cfg;
	const char *h = k->art->headline;
	int hl;

	if (c->labels && k->art->source)
		tk_chip(s, k->dst, 0, k->y + tk_card_gap(k, TK_GAP_S_DIV), k->art->source,
			tk_maxi(k->CH / TK_CARD_CHIP_DIV, s->csmall), c->accent, c->card_bg);
	k->y += tk_card_gap(k, TK_GAP_L_DIV);
	/* with a quote and a figure to come, the headline leaves them room */
	hl = tk_headline_fit(s, h, k->W,
			     (k->limit - k->y) * (k->q && k->f ? k->busy_pct : 100) / 100, &k->hs);
	k->y = tk_text_block(s, k->dst, h, TK_FONT_BOLD, k->hs, c->card_fg, 0, k->y, k->W, hl,
			     tk_line_height(h, k->hs, TK_HEADLINE_LH_PCT));
	k->y += tk_card_gap(k, TK_GAP_M_DIV);
	if (k->dst)
		tk_mfill(s, k->dst, 0, k->y, k->W / 12, tk_maxi(k->CH / 160, 3), c->accent);
	k->y += tk_card_gap(k, TK_GAP_L_DIV);
	k->bottom = k->y;
	/* Side by side on landscape cards, stacked on portrait ones. */
	k->stacked = k->q && k->f && k->W * 100 < k->CH * TK_PORTRAIT_PCT;
	k->colw = k->f && k->q && !k->stacked ? k->W * TK_QUOTE_COL_PCT / 100 : k->W;
}

/* Lines of quote text that fit in left pixels at size qs. */
static int tk_quote_lines(int left, int qs)
{
	return tk_clampi(left / tk_maxi(qs * TK_BODY_LH_PCT / 100, 1), 1, TK_MAX_LINES);
}

/* The quote, never larger than the headline, shrunk until it fits; then
 * its attribution. */
static void tk_card_quote(struct tk_card *k)
{
	struct tk_scene *s = k->s;
	const struct tk_config *c = s->cfg;
	const struct tk_pl_item *q = k->q;
	int qs = tk_mini(k->CH / TK_CARD_QUOTE_DIV, k->hs * TK_QUOTE_MAX_PCT / 100);
	int who = tk_maxi(k->CH / TK_CARD_SPEAKER_DIV, s->csmall), left = k->limit - k->y, maxl, ql;
	char buf[1200];

	if (q->speaker)
		left -= tk_card_gap(k, TK_GAP_S_DIV) + who * TK_BODY_LH_PCT / 100 * 2;
	if (k->stacked)
		left -= tk_card_gap(k, TK_GAP_M_DIV) + k->CH / TK_CARD_FIGURE_STACKED_DIV +
			k->CH / TK_CARD_CAPTION_DIV * TK_BODY_LH_PCT / 100 *
			    (k->f->speaker ? 3 : 2); /* the figure's speaker: one line more */
	maxl = tk_quote_lines(left, qs);
	snprintf(buf, sizeof buf, "“%s”", q->text);
	while (qs > tk_maxi(k->CH / TK_CARD_QUOTE_MIN_DIV, s->csmall) &&
	       tk_lines(s, buf, TK_FONT_ITALIC, qs, k->colw, maxl) > maxl) {
		qs = qs * TK_SHRINK_PCT / 100;
		maxl = tk_quote_lines(left, qs);
	}
	k->quote_cut = tk_lines(s, buf, TK_FONT_ITALIC, qs, k->colw, maxl) > maxl;
	ql = tk_text_block(s, k->dst, buf, TK_FONT_ITALIC, qs, c->card_fg, 0, k->y, k->colw, maxl,
			   qs * TK_BODY_LH_PCT / 100);
	k->bottom = ql;
	if (!q->speaker)
		return;
	/* The attribution reads in the quote's direction (an English name under
	 * an Arabic quote once led it with a dangling dash): a directional mark
	 * (RLM/LRM) sets its paragraph direction. */
	snprintf(buf, sizeof buf, "%s—\u00A0%s%s%s",
		 tk_text_is_rtl(q->text, strlen(q->text)) ? "\u200F" : "\u200E", q->speaker,
		 q->role ? ", " : "", q->role ? q->role : "");
	k->bottom = tk_text_block(s, k->dst, buf, TK_FONT_BOLD, who, c->accent, 0,
				  ql + tk_card_gap(k, TK_GAP_S_DIV), k->colw, 2,
				  who * TK_BODY_LH_PCT / 100);
}

/* The key figure: its number with its scale word as large as fits, and the
 * caption under it; beside the quote (with a hairline) or under it. */
static void tk_card_figure_panel(struct tk_card *k)
{
	struct tk_scene *s = k->s;
	const struct tk_config *c = s->cfg;
	const struct tk_pl_item *f = k->f;
	int beside = k->q && !k->stacked;
	int fx = beside ? k->colw + k->W / 30 : 0, fw = beside ? k->W - fx : k->W;
	int fy = k->stacked ? k->bottom + tk_card_gap(k, TK_GAP_M_DIV) : k->y;
	int fsz = k->CH / (k->stacked ? TK_CARD_FIGURE_STACKED_DIV : TK_CARD_FIGURE_DIV);
	int cap = tk_maxi(k->CH / TK_CARD_CAPTION_DIV, s->csmall), fb, base, w0;
	char label[160];
	const char *scale;
	size_t scale_len;
	struct tk_span sp;
	SDL_Surface *t = NULL;

	tk_figure_label(f, label, sizeof label, &scale, &scale_len);
	/* widths scale with the size: one measurement at the crawl size */
	sp = tk_sp(label, TK_FONT_BOLD, s->fs, c->accent);
	w0 = tk_fonts_measure(s->fonts, &sp, 1);
	while (fsz > k->CH / TK_CARD_FIGURE_MIN_DIV &&
	       (int64_t)w0 * fsz / s->fs > (int64_t)fw * TK_HINTING_SLACK_PCT / 100)
		fsz = fsz * TK_SHRINK_PCT / 100;
	sp.size = fsz;
	if (k->dst && !tk_fonts_render(s->fonts, &sp, 1, &t, &base)) {
		tk_mblit(s, t, k->dst, fx, fy + fsz * TK_FIGURE_BASE_PCT / 100 - base);
		SDL_FreeSurface(t);
	}
	fb = tk_text_block(s, k->dst, tk_figure_caption(f, scale, scale_len), TK_FONT_REGULAR, cap,
			   tk_mix(c->card_fg, c->card_bg, 50), fx, fy + fsz * 95 / 100, fw,
			   k->stacked ? 2 : 3, cap * TK_BODY_LH_PCT / 100);
	if (f->speaker) {
		/* quoted: "4,000 Americans — Anthony Blinken" */
		char who[200];
		snprintf(who, sizeof who, "— %s", f->speaker);
		fb = tk_text_block(s, k->dst, who, TK_FONT_BOLD, cap, c->accent, fx,
				   fb + tk_card_gap(k, TK_GAP_S_DIV), fw, 1,
				   cap * TK_BODY_LH_PCT / 100);
	}
	k->bottom = tk_maxi(k->bottom, fb);
	if (beside && k->dst) /* a hairline between quote and figure */
		tk_mfill(s, k->dst, fx - k->W / 60, k->y, 2, k->bottom - k->y,
			 tk_mix(c->card_bg, c->card_fg, 60));
}

/* Lay out (dst NULL: only measure) the card of an article (NULL: the idle
 * card) from y0, keeping above limit, the headline taking at most busy_pct %
 * of the space when a quote and a figure follow (*quote_cut: the quote had to
 * be cut). Returns the y below the content. */
static int tk_card_layout(struct tk_scene *s, SDL_Surface *dst, const struct tk_playlist *pl,
			  const struct tk_pl_article *art, int y0, int limit, int busy_pct,
			  int *quote_cut)
{
	struct tk_card k;

	memset(&k, 0, sizeof k);
	k.busy_pct = busy_pct;
	k.s = s;
	k.dst = dst;
	k.pl = pl;
	k.art = art;
	k.W = s->cc.w;
	k.CH = s->cards.h;
	k.y = y0;
	k.limit = limit;
	if (!art)
		return tk_card_idle(&k);
	k.q = art->quote >= 0 ? &pl->items[art->quote] : NULL;
	k.f = tk_card_figure(pl, art, k.q);
	if (k.f && !k.f->figure)
		k.f = NULL;
	tk_card_head(&k);
	if (k.q)
		tk_card_quote(&k);
	if (k.f) {
		tk_card_figure_panel(&k);
	} else if (!k.q && art->count > 1) {
		/* No quote, no figure: the next item as a standfirst. */
		const struct tk_pl_item *it = &pl->items[art->first + 1];
		int sz = k.CH / TK_IDLE_BODY_DIV;

		k.bottom = tk_text_block(s, dst, it->text, TK_FONT_REGULAR, sz, s->cfg->card_fg, 0,
					 k.y, k.W, 4, sz * TK_BODY_LH_PCT / 100);
	}
	if (quote_cut)
		*quote_cut = k.quote_cut;
	return k.bottom;
}

/* Card for an article (or the idle card when art is NULL) into px (W x cards.h),
 * its content block centred a little above the middle. */
static void tk_make_card(struct tk_scene *s, uint32_t *px, const struct tk_playlist *pl,
			 const struct tk_pl_article *art)
{
	int CH = s->cards.h, off = s->cc.y - s->cards.y, top = CH / 10 - off,
	    limit = CH * 9 / 10 - off, h, y0, busy = TK_HEADLINE_SHARE_BUSY, cut = 1;
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormatFrom(px, s->cc.w, s->cc.h, 32, s->cc.w * 4,
							      SDL_PIXELFORMAT_ARGB8888);

	if (!dst)
		return;
	/* the urgent bar lies over the cards on the crawl's side: keep clear of it */
	if (s->wurgent_h && s->cfg->crawl_position == TK_POS_TOP)
		top = tk_maxi(top, s->wurgent_h + CH / TK_URGENT_CLEAR_DIV - off);
	else if (s->wurgent_h)
		limit = tk_mini(limit, CH - s->wurgent_h - CH / TK_URGENT_CLEAR_DIV - off);
	SDL_FillRect(dst, NULL, tk_argb(s->cfg->card_bg));
	/* an article card follows its headline's direction, the idle card the language's */
	s->wmirror = art ? tk_text_is_rtl(art->headline, strlen(art->headline)) : tk_i18n_rtl();
	/* a smaller headline before a cut quote (portrait cards once cut the
	 * quote after one line with a fifth of the card empty) */
	for (; cut && busy >= TK_HEADLINE_SHARE_MIN; busy -= TK_HEADLINE_SHARE_STEP)
		h = tk_card_layout(s, NULL, pl, art, top, limit, busy, &cut) - top;
	busy += TK_HEADLINE_SHARE_STEP;
	y0 = top + (limit - top - h) * 2 / 5;
	if (y0 < top)
		y0 = top;
	tk_card_layout(s, dst, pl, art, y0, limit + (y0 - top), busy, NULL);
	s->wmirror = 0;
	SDL_FreeSurface(dst);
}

/* One line of sp at (x, y) within maxw: shaped whole when it fits (a width
 * summed from pieces, each with its own fallback font, can exceed the
 * whole's and cut a CJK date), else cut with an ellipsis. Right to left
 * text ends at x + maxw (an RTL notice in a box of its own width once
 * showed only its last Latin word). */
static void tk_one_line(struct tk_scene *s, SDL_Surface *dst, const struct tk_span *sp, int x,
			int y, int maxw)
{
	SDL_Surface *t = NULL;
	int base;

	if (tk_fonts_measure(s->fonts, sp, 1) > maxw) {
		tk_text_block(s, dst, sp->text, sp->style, sp->size, sp->color, x, y, maxw, 1,
			      sp->size);
		return;
	}
	if (tk_fonts_render(s->fonts, sp, 1, &t, &base))
		return;
	tk_blit(t, dst, x, y + sp->size - base);
	SDL_FreeSurface(t);
}

/* The urgent notice's layout: one line at the usual size fs; else lines at
 * 80 % of it (2, 4 on portrait screens, then as many as the bar's height
 * allows); then smaller, down to the legible floor; cut (with "…") only when
 * even that does not hold it. one: the text on one paragraph. */
static void tk_urgent_layout(struct tk_scene *s, const char *one, struct tk_urgent_fit *f)
{
	int fs = tk_maxi(s->bh * 8 / 10 * TK_URGENT_FS_PCT / 100, s->small);
	int maxl = s->W < s->H ? TK_URGENT_LINES_PORTRAIT : TK_URGENT_LINES;
	int nw = s->W < s->maxt ? s->W : s->maxt, x0 = s->W / TK_MARGIN_DIV;
	int maxh = tk_maxi(s->cards.h * TK_URGENT_MAX_PCT / 100, fs * 100 / TK_URGENT_FS_PCT);
	int size, lh, n;

	memset(f, 0, sizeof *f);
	f->usual = fs;
	f->x = x0 + tk_chip(s, NULL, x0, 0, s->w.urgent, fs * TK_URGENT_SMALL_PCT / 100, 0, 0) + fs;
	f->maxw = nw - f->x - s->W / TK_MARGIN_DIV;
	f->lines = 1;
	f->size = fs;
	f->pct = 100;
	if (tk_lines(s, one, TK_FONT_BOLD, fs, f->maxw, 1) <= 1)
		return;
	f->floor = tk_mini(s->small, fs * TK_URGENT_SMALL_PCT / 100);
	for (size = tk_maxi(fs * TK_URGENT_SMALL_PCT / 100, s->small);;
	     size = tk_maxi(size * TK_SHRINK_PCT / 100, f->floor)) {
		lh = size * TK_URGENT_LH_PCT / 100;
		/* the lines the bar holds at this size (the usual 2 or 4 at least) */
		maxl = tk_clampi((maxh - size / 2) / lh, maxl, TK_WRAP_LINES);
		n = tk_lines(s, one, TK_FONT_BOLD, size, f->maxw, maxl);
		f->size = size;
		f->lines = tk_mini(n, maxl);
		if (n <= maxl)
			break;
		if (size <= f->floor) {
			f->cut = 1;
			break;
		}
	}
	f->shrunk = f->size < tk_maxi(fs * TK_URGENT_SMALL_PCT / 100, s->small);
	f->pct = f->shrunk ? f->size * 100 / tk_maxi(fs * TK_URGENT_SMALL_PCT / 100, 1) : 100;
}

/* The notice on one paragraph: its headline, a dash, then its paragraphs
 * joined by spaces (.urgent keeps one per line). */
static void tk_urgent_one(const char *text, char *one, size_t size)
{
	size_t n = 0;
	int first = 1;

	for (const char *p = text; *p && n + 4 < size; p++) {
		if (*p != '\n') {
			one[n++] = *p;
			continue;
		}
		if (!p[1])
			break;
		n += (size_t)snprintf(one + n, size - n, "%s", first ? " — " : " ");
		first = 0;
	}
	one[n < size ? n : size - 1] = '\0';
}

int tk_scene_urgent_fit(struct tk_scene *s, const char *text, struct tk_urgent_fit *out)
{
	char one[1100];

	tk_urgent_one(text, one, sizeof one);
	tk_urgent_layout(s, one, out);
	return TK_OK;
}

/* The urgent notice: a red bar above the crawl, for visitors, so never below
 * the legible size (tk_urgent_layout), as tall as its lines. */
static SDL_Surface *tk_urgent_surface(struct tk_scene *s, const char *text)
{
	int nw = s->W < s->maxt ? s->W : s->maxt; /* the frame fills the rest of the bar */
	int x0 = s->W / TK_MARGIN_DIV, fs, f2, lh2, h;
	struct tk_urgent_fit f;
	SDL_Surface *out;
	char one[1100];

	tk_urgent_one(text, one, sizeof one);
	/* an Arabic or Hebrew notice reads from the right: chip there, text beside it */
	s->wmirror = tk_text_is_rtl(one, strlen(one));
	tk_urgent_layout(s, one, &f);
	fs = f.usual;
	f2 = f.size;
	lh2 = f2 * TK_URGENT_LH_PCT / 100;
	if (f.lines == 1) { /* as tall as two lines at the usual smaller size */
		f2 = tk_maxi(fs * TK_URGENT_SMALL_PCT / 100, s->small);
		lh2 = f2 * TK_URGENT_LH_PCT / 100;
	}
	/* as tall as its lines (portrait screens need more of them) */
	h = tk_maxi(fs * 100 / TK_URGENT_FS_PCT, tk_maxi(f.lines, 2) * lh2 + f2 / 2);
	out = SDL_CreateRGBSurfaceWithFormat(0, nw, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!out) {
		s->wmirror = 0;
		return NULL;
	}
	SDL_FillRect(out, NULL, tk_argb(TK_URGENT_BG));
	tk_chip(s, out, x0, h / 2, s->w.urgent, fs * TK_URGENT_SMALL_PCT / 100, 0xffffffff,
		TK_URGENT_BG);
	if (f.lines > 1)
		tk_text_block(s, out, one, TK_FONT_BOLD, f.size, 0xffffffff, f.x,
			      (h - lh2 * f.lines) / 2 - f.size / 8, f.maxw, f.lines, lh2);
	else
		tk_text_block(s, out, one, TK_FONT_BOLD, fs, 0xffffffff, f.x,
			      (h - fs * TK_LINE_BOX_PCT / 100) / 2 - fs / 10, f.maxw, 1, fs);
	s->wmirror = 0;
	return out;
}

/* Operator notices ("see TICKER-REPORT.txt", a bad font file) are not news:
 * a small muted tag in the corner away from the crawl, never a banner. */
static SDL_Surface *tk_status_surface(struct tk_scene *s, const char *text)
{
	const struct tk_config *c = s->cfg;
	int fs = tk_maxi(s->H * TK_STATUS_FS_PER_MILLE / 1000, TK_MIN_FONT_PX), pad = fs / 2;
	int share = s->W < s->H ? TK_STATUS_MAX_PCT_PORTRAIT : TK_STATUS_MAX_PCT;
	int maxw = tk_mini(s->W * share / 100, s->maxt) - 2 * pad, h = fs * TK_TAG_H_PCT / 100;
	struct tk_span sp = tk_sp(text, TK_FONT_REGULAR, fs, tk_mix(c->card_bg, c->card_fg, 150));
	int w = tk_mini(tk_fonts_measure(s->fonts, &sp, 1), maxw) + 2 * pad;
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);

	if (!out)
		return NULL;
	SDL_FillRect(out, NULL, tk_argb(tk_mix(c->card_bg, c->card_fg, TK_STATUS_BG_MIX)));
	tk_one_line(s, out, &sp, pad, (h - fs * TK_LINE_BOX_PCT / 100) / 2, w - 2 * pad);
	return out;
}

/* The clock: a tag like the operator's, in the card colours at full strength
 * (corner), or the crawl's colours at the crawl text size (label). */
static SDL_Surface *tk_clock_surface(struct tk_scene *s, const char *text)
{
	const struct tk_config *c = s->cfg;
	int label = c->clock == TK_CLOCK_LABEL;
	int fs = label ? tk_maxi(s->bh * 45 / 100, TK_MIN_FONT_PX)
		       : tk_maxi(s->H * TK_STATUS_FS_PER_MILLE * 3 / 2000, TK_MIN_FONT_PX);
	int pad = fs / 2, h = label ? s->bh : fs * TK_TAG_H_PCT / 100;
	struct tk_span sp = tk_sp(text, TK_FONT_BOLD, fs, label ? c->crawl_fg : c->card_fg);
	/* at most a third of the width: date and time in the longest language */
	int w = tk_mini(tk_fonts_measure(s->fonts, &sp, 1), s->W / 3) + 2 * pad;
	SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);

	if (!out)
		return NULL;
	SDL_FillRect(out, NULL, tk_argb(label ? c->crawl_bg : c->card_bg));
	tk_one_line(s, out, &sp, pad, (h - fs * TK_LINE_BOX_PCT / 100) / 2, w - 2 * pad);
	return out;
}

/* One unit of work, if any; returns 1 when it did something. Called with mu
 * held; drops it while working. */
static int tk_work_one(struct tk_scene *s)
{
	if (!s->has_pl)
		return 0;
	for (int i = 0; i < TK_CHUNK_BUFS; i++) {
		struct tk_chunkbuf *b = &s->cb[i];

		if (b->state != TK_BUF_FREE)
			continue;
		b->state = TK_BUF_BUSY;
		b->id = s->wnext_chunk++;
		SDL_UnlockMutex(s->mu);
		tk_make_chunk(s, b->px, b->id);
		SDL_LockMutex(s->mu);
		/* a cut while it was composed made it stale */
		b->state = b->id < s->wnext_chunk ? TK_BUF_READY : TK_BUF_FREE;
		s->st.chunks++;
		return 1;
	}
	if (s->card_state == TK_BUF_FREE && s->card_want >= 0 && s->card_have != s->card_want &&
	    s->cardtex_p[s->card_want % 2] != s->card_want) {
		int64_t p = s->card_want;
		struct tk_playlist *pl;
		const struct tk_pl_article *art = NULL;

		int epoch = s->card_epoch, slot = (int)(p % 2);
		uint32_t *dst = s->cardmem[slot] ? s->cardmem[slot] : s->cardpx;

		s->card_state = TK_BUF_BUSY;
		/* software renderer: composed in its texture, which shows no card
		 * meanwhile (the card before is in the other one) */
		if (dst != s->cardpx)
			s->cardtex_p[slot] = -1;
		if (s->card_pl != s->wcard_pl || s->card_base != s->wcard_base) {
			tk_playlist_unref(s->wcard_pl);
			s->wcard_pl = tk_playlist_ref(s->card_pl);
			s->wcard_base = s->card_base;
		}
		pl = s->wcard_pl;
		SDL_UnlockMutex(s->mu);
		if (pl && pl->n_articles)
			art =
			    &pl->articles[(size_t)(((p - s->wcard_base) % (int64_t)pl->n_articles +
						    (int64_t)pl->n_articles) %
						   (int64_t)pl->n_articles)];
		tk_make_card(s, dst, pl, art);
		/* the four fonts used last stay open (eight held ~1 MB more of
		 * faces and glyph caches), and the worker's malloc arena gives
		 * back the pages a card freed (~0.7 MB), every card or so */
		tk_fonts_trim(s->fonts, 4);
		malloc_trim(0);
		SDL_LockMutex(s->mu);
		if (dst != s->cardpx) {
			s->cardtex_p[slot] = epoch == s->card_epoch ? p : -1;
			s->card_have = -1;
			s->card_state = TK_BUF_FREE;
			return 1;
		}
		s->card_have = epoch == s->card_epoch ? p : -1;
		s->card_state = epoch == s->card_epoch ? TK_BUF_READY : TK_BUF_FREE;
		return 1;
	}
	if (s->notice_gen != s->notice_done && !s->notice_ready) {
		char st[256], ur[1024], ck[sizeof s->clock_text];
		int gen = s->notice_gen;
		SDL_Surface *a = NULL, *b = NULL, *k = NULL;

		memcpy(st, s->status_text, sizeof st);
		memcpy(ur, s->urgent_text, sizeof ur);
		memcpy(ck, s->clock_text, sizeof ck);
		SDL_UnlockMutex(s->mu);
		if (*st || *s->service)
			a = tk_status_surface(s, *st ? st : s->service);
		if (*ur)
			b = tk_urgent_surface(s, ur);
		if (*ck && s->cfg->clock != TK_CLOCK_OFF)
			k = tk_clock_surface(s, ck);
		SDL_LockMutex(s->mu);
		s->status_surf = a;
		s->urgent_surf = b;
		s->wurgent_h = b ? b->h : 0;
		s->clock_surf = k;
		s->notice_done = gen;
		s->notice_ready = 1;
		return 1;
	}
	return 0;
}

static int tk_worker(void *arg)
{
	struct tk_scene *s = arg;

	SDL_LockMutex(s->mu);
	while (!s->quit) {
		if (tk_work_one(s))
			SDL_CondBroadcast(s->ready_cv);
		else
			SDL_CondWait(s->work_cv, s->mu);
	}
	SDL_UnlockMutex(s->mu);
	return 0;
}

/* Main thread: make progress on the work the frame waits for. */
static void tk_wait_work(struct tk_scene *s)
{
	if (s->o.sync) {
		if (!tk_work_one(s))
			SDL_CondWaitTimeout(s->ready_cv, s->mu, 1);
	} else {
		SDL_CondSignal(s->work_cv);
		SDL_CondWaitTimeout(s->ready_cv, s->mu, 100);
	}
}

/* ---- main side ----------------------------------------------------------- */

/* A composed card is in its texture: hand its pages back to the kernel
 * until the next one is composed (~10 s later; the worker fills the
 * whole buffer again, and fresh pages read as zero). Keeps several MB out of
 * the resident set most of the time, with no allocation that could fail. */
static void tk_pages_release(void *p, size_t n)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE), a = ((uintptr_t)p + pg - 1) & ~(pg - 1),
		  b = ((uintptr_t)p + n) & ~(pg - 1);

	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

/* Opaque content (crawl chunks, cards) uses XRGB: SDL's software blitter has a
 * fast path for a constant alpha over sources without an alpha channel, which
 * makes the card cross-fade ~5x cheaper than with ARGB. */
static SDL_Texture *tk_tex(struct tk_scene *s, int w, int h, int opaque)
{
	SDL_Texture *t =
	    SDL_CreateTexture(s->r, opaque ? SDL_PIXELFORMAT_RGB888 : SDL_PIXELFORMAT_ARGB8888,
			      SDL_TEXTUREACCESS_STATIC, w, h);

	if (t) {
		if (w > s->st.widest)
			s->st.widest = w;
		s->st.textures++;
		s->st.texture_bytes += (size_t)w * (size_t)h * 4;
	}
	return t;
}

static void tk_tex_free(struct tk_scene *s, SDL_Texture **t)
{
	int w, h;

	if (!*t)
		return;
	if (!SDL_QueryTexture(*t, NULL, NULL, &w, &h)) {
		s->st.textures--;
		s->st.texture_bytes -= (size_t)w * (size_t)h * 4;
	}
	SDL_DestroyTexture(*t);
	*t = NULL;
}

/* A card texture. The software renderer's are streaming: locking one gives
 * its pixels, whose pages tk_card_release returns while the texture holds
 * only a card already shown (4.7 MB at 1080p), and the worker composes the
 * next card in place (no buffer, no upload). A GPU's stay static. */
static SDL_Texture *tk_cardtex_new(struct tk_scene *s)
{
	SDL_RendererInfo ri;
	SDL_Texture *t;
	int sw = !SDL_GetRendererInfo(s->r, &ri) && (ri.flags & SDL_RENDERER_SOFTWARE);

	if (!sw)
		return tk_tex(s, s->cc.w, s->cc.h, 1);
	t = SDL_CreateTexture(s->r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, s->cc.w,
			      s->cc.h);
	if (t) {
		if (s->cc.w > s->st.widest)
			s->st.widest = s->cc.w;
		s->st.textures++;
		s->st.texture_bytes += (size_t)s->cc.w * (size_t)s->cc.h * 4;
	}
	return t;
}

/* The pixels of a streaming card texture (NULL for a static one): the
 * software renderer's lock hands out the surface itself, which stays put. */
static uint32_t *tk_cardtex_mem(SDL_Texture *t)
{
	int access = SDL_TEXTUREACCESS_STATIC, pitch, w = 0;
	void *px = NULL;

	if (!t || SDL_QueryTexture(t, NULL, &access, &w, NULL) ||
	    access != SDL_TEXTUREACCESS_STREAMING || SDL_LockTexture(t, NULL, &px, &pitch))
		return NULL;
	SDL_UnlockTexture(t);
	return pitch == w * 4 ? px : NULL; /* tk_make_card writes rows of cc.w */
}

static SDL_Texture *tk_tex_from(struct tk_scene *s, SDL_Surface *surf)
{
	SDL_Texture *t = tk_tex(s, surf->w, surf->h, 0);

	if (t) {
		SDL_UpdateTexture(t, NULL, surf->pixels, surf->pitch);
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	}
	return t;
}

static int tk_label_texture(struct tk_scene *s)
{
	SDL_Surface *t = NULL, *box = NULL;
	int lsz = tk_mini(tk_maxi(s->fs * TK_LABEL_MIN_PCT / 100, s->small),
			  s->fs * TK_LABEL_MAX_PCT / 100);
	struct tk_span sp = tk_sp(s->w.latest, TK_FONT_BOLD, lsz, s->cfg->crawl_bg);
	int base, err = TK_OK;

	if (tk_fonts_render(s->fonts, &sp, 1, &t, &base))
		return TK_ESDL;
	s->label_w = t->w + s->fs * 6 / 5;
	box = SDL_CreateRGBSurfaceWithFormat(0, s->label_w + s->fs / 3, s->bh, 32,
					     SDL_PIXELFORMAT_ARGB8888);
	if (!box) {
		err = TK_ESDL;
		goto out;
	}
	SDL_FillRect(box, NULL, 0);
	tk_fill(box, 0, 0, s->label_w, s->bh, s->cfg->accent);
	/* a slanted edge, broadcast-style, fading into the band */
	for (int row = 0; row < s->bh; row++)
		tk_fill(box, s->label_w, row, (s->fs / 3) * (s->bh - row) / s->bh, 1,
			s->cfg->accent);
	tk_blit(t, box, s->fs * 3 / 5, s->bh / 2 + lsz * 36 / 100 - base);
	s->label_tex = tk_tex_from(s, box);
	if (!s->label_tex)
		err = TK_ESDL;
out:
	SDL_FreeSurface(t);
	SDL_FreeSurface(box);
	return err;
}

/* Font size in pixels whose cap height subtends arcmin minutes of arc at the
 * configured viewing distance on a screen of the configured diagonal. */
static int tk_legible_px(const struct tk_scene *s, int arcmin)
{
	const struct tk_config *c = s->cfg;
	double diag_in = c->screen_diagonal > 0 ? (double)c->screen_diagonal : TK_DEF_DIAGONAL_IN;
	double dist_cm = c->viewing_distance > 0 ? (double)c->viewing_distance : TK_DEF_DISTANCE_CM;
	double mm_per_px = diag_in * TK_MM_PER_INCH / hypot(s->W, s->H);
	double cap_mm = dist_cm * 10.0 * tan(arcmin / 60.0 * M_PI / 180.0);

	return (int)ceil(cap_mm / mm_per_px * 1000.0 / TK_CAP_PER_MILLE);
}

/* Band height, crawl text size and the smallest text size (speaker, caption,
 * chips, labels). Explicit crawl_height / font_size win over the legibility
 * sizes; every size stays within bounds that render (crawl_height = 1 once
 * divided by zero) and the crawl text always fits its band. */
static void tk_scene_text_sizes(struct tk_scene *s)
{
	const struct tk_config *c = s->cfg;
	int crawl = tk_legible_px(s, TK_CRAWL_ARCMIN), small = tk_legible_px(s, TK_SMALL_ARCMIN);
	int maxband = s->H * TK_BAND_MAX_PCT / 100;

	if (maxband < TK_MIN_BAND_PX)
		maxband = s->H;
	if (c->crawl_height > 0)
		s->bh = (int)(c->crawl_height < s->H ? c->crawl_height : s->H);
	else if (c->font_size > 0)
		s->bh = (int)(c->font_size * 100 / TK_BAND_FS_PCT);
	else
		s->bh = crawl * 100 / TK_BAND_FS_PCT;
	s->bh = tk_clampi(s->bh, TK_MIN_BAND_PX < s->H ? TK_MIN_BAND_PX : s->H,
			  c->crawl_height > 0 ? s->H : maxband);
	s->fs = c->font_size > 0 ? (int)c->font_size
				 : (c->crawl_height > 0 ? s->bh * TK_BAND_FS_PCT / 100 : crawl);
	s->fs = tk_clampi(s->fs, TK_MIN_FONT_PX, s->bh * TK_FS_MAX_PCT / 100);
	if (s->fs < TK_MIN_FONT_PX)
		s->fs = TK_MIN_FONT_PX;
	s->small = tk_clampi(small, TK_MIN_FONT_PX, s->fs);
}

/* Band, cards area and card content block; timing; crawl chunk width. */
static void tk_scene_geometry(struct tk_scene *s)
{
	const struct tk_config *cfg = s->cfg;
	int top = cfg->crawl_position == TK_POS_TOP;

	s->band = (SDL_Rect){0, top ? 0 : s->H - s->bh, s->W, s->bh};
	s->cards = (SDL_Rect){0, top ? s->bh : 0, s->W, s->H - s->bh};
	/* Only the content block of a card lives in textures (margins are plain
	 * fill): two cards and their CPU copy are the largest memory users. */
	s->cc.x = s->cards.x + s->cards.w / TK_CARD_MARGIN_DIV;
	s->cc.w = s->cards.w - 2 * (s->cards.w / TK_CARD_MARGIN_DIV);
	s->cc.y = s->cards.y + s->cards.h / 10 - s->cards.h / 80;
	s->cc.h = s->cards.h * 9 / 10 - (s->cc.y - s->cards.y);
	s->maxt = s->o.max_texture > 0 ? s->o.max_texture : TK_DEF_MAX_TEXTURE;
	if (s->cc.w > s->maxt) {
		/* 4K on a Pi 3 (2048 max): a narrower card block, centred */
		s->cc.x += (s->cc.w - s->maxt) / 2;
		s->cc.w = s->maxt;
	}
	if (s->o.fps <= 0)
		s->o.fps = TK_DEF_FPS;
	s->card_frames = (cfg->card_seconds > 0 ? cfg->card_seconds : 10) * s->o.fps;
	s->fade_frames = s->o.fps * TK_FADE_MS / 1000;
	/* Small uploads, and a whole number of chunks per max width. */
	s->cw = tk_mini(s->maxt, TK_CHUNK_PX);
	s->csmall = tk_maxi(tk_mini(s->small, s->cards.h / TK_CARD_SMALL_MAX_DIV), TK_MIN_FONT_PX);
}

/* The screen's own words, in the configured language. */
static void tk_scene_words(struct tk_scene *s)
{
	tk_i18n_select(s->cfg->assets_dir, s->cfg->language);
	/* TRANSLATORS: the tag at the start of the crawl band (news ticker), short, capitals
	 * where the script has them */
	s->w.latest = _("LATEST");
	/* TRANSLATORS: chip before a quotation in the crawl */
	s->w.quote = _("Quote");
	/* TRANSLATORS: chip before a key figure (a number from the article) in the crawl */
	s->w.figures = _("In figures");
	/* TRANSLATORS: chip of the urgent notice band */
	s->w.urgent = _("Urgent");
	/* TRANSLATORS: idle screen title, shown to visitors before any article is loaded */
	s->w.welcome = _("Welcome");
	/* TRANSLATORS: idle screen text for visitors; calm, no technical words */
	s->w.idle = _("Headlines, quotes and key figures will appear here shortly.");
}

int tk_scene_create(SDL_Renderer *r, const struct tk_config *cfg, struct tk_fonts *fonts,
		    const struct tk_scene_opts *opts, struct tk_scene **out)
{
	struct tk_scene *s = tk_calloc(1, sizeof *s);
	int err = TK_OK;

	*out = NULL;
	if (!s)
		return TK_ENOMEM;
	s->r = r;
	s->cfg = cfg;
	s->fonts = fonts;
	s->o = *opts;
	tk_scene_words(s);
	s->shown_at = -1;
	s->W = opts->width > 0 ? opts->width : 1;
	s->H = opts->height > 0 ? opts->height : 1;
	tk_scene_text_sizes(s);
	tk_scene_geometry(s);
	/* + 2: room for the cut-short chunks of two cuts on screen */
	s->nct = (s->W + s->cw - 1) / s->cw + 2 + 2;
	tk_crawlcut_init(&s->cut, s->cw);
	s->cut_k = -1;
	if (s->nct > TK_MAX_CTEX) {
		err = TK_EINVAL;
		goto out;
	}
	for (int i = 0; i < s->nct; i++) {
		s->ctex[i] = tk_tex(s, s->cw, s->bh, 1);
		s->ctex_id[i] = -1;
		if (!s->ctex[i]) {
			err = TK_ESDL;
			goto out;
		}
	}
	for (int i = 0; i < TK_CHUNK_BUFS; i++) {
		s->cb[i].px = tk_malloc((size_t)s->cw * (size_t)s->bh * 4);
		if (!s->cb[i].px) {
			err = TK_ENOMEM;
			goto out;
		}
	}
	if (cfg->layout == TK_LAYOUT_CARDS && s->cc.h > 0 && s->cc.w > 0) {
		/* Both card textures up front: creating one later costs a frame
		 * (zeroing and faulting in 6 MB took 19 ms in the build VM). */
		for (int i = 0; i < 2; i++) {
			s->cardtex[i] = tk_cardtex_new(s);
			s->cardmem[i] = tk_cardtex_mem(s->cardtex[i]);
			if (s->cardmem[i]) /* zeroed by SDL: resident until a card needs it */
				tk_pages_release(s->cardmem[i],
						 (size_t)s->cc.w * (size_t)s->cc.h * 4);
			s->cardtex_p[i] = -1;
			if (!s->cardtex[i]) {
				err = TK_ESDL;
				goto out;
			}
		}
		if (!s->cardmem[0] || !s->cardmem[1])
			s->cardpx = tk_malloc((size_t)s->cc.w * (size_t)s->cc.h * 4);
		if ((!s->cardmem[0] || !s->cardmem[1]) && !s->cardpx) {
			err = TK_ENOMEM;
			goto out;
		}
	}
	s->card_want = s->card_have = -1;
	s->card_cut = -1;
	if (tk_cardsched_set(&s->sched, &s->card_frames, 1, 0, 0)) {
		err = TK_ENOMEM;
		goto out;
	}
	s->mu = SDL_CreateMutex();
	s->work_cv = SDL_CreateCond();
	s->ready_cv = SDL_CreateCond();
	if (!s->mu || !s->work_cv || !s->ready_cv) {
		err = TK_ESDL;
		goto out;
	}
	err = tk_label_texture(s);
	if (err)
		goto out;
	if (tk_fonts_problem(fonts)) {
		snprintf(s->service, sizeof s->service, "%s", tk_fonts_problem(fonts));
		s->notice_gen++;
	}
	if (!s->o.sync) {
		s->thr = SDL_CreateThread(tk_worker, "ticker-text", s);
		if (!s->thr) {
			err = TK_ESDL;
			goto out;
		}
	}
out:
	if (err) {
		tk_scene_destroy(s);
		s = NULL;
	}
	*out = s;
	return err;
}

void tk_scene_destroy(struct tk_scene *s)
{
	if (!s)
		return;
	if (s->thr) {
		SDL_LockMutex(s->mu);
		s->quit = 1;
		SDL_CondSignal(s->work_cv);
		SDL_UnlockMutex(s->mu);
		SDL_WaitThread(s->thr, NULL);
	}
	for (int i = 0; i < s->nct; i++)
		tk_tex_free(s, &s->ctex[i]);
	for (int i = 0; i < 2; i++)
		tk_tex_free(s, &s->cardtex[i]);
	tk_tex_free(s, &s->label_tex);
	tk_tex_free(s, &s->status_tex);
	tk_tex_free(s, &s->urgent_tex);
	tk_tex_free(s, &s->clock_tex);
	tk_tex_free(s, &s->logo_tex);
	tk_playlist_unref(s->logo_pl);
	tk_cardsched_free(&s->sched);
	tk_cardsched_free(&s->sched_old);
	for (int i = 0; i < TK_CHUNK_BUFS; i++)
		tk_free(s->cb[i].px);
	tk_free(s->cardpx);
	tk_item_free(&s->wcur);
	SDL_FreeSurface(s->status_surf);
	SDL_FreeSurface(s->urgent_surf);
	SDL_FreeSurface(s->clock_surf);
	tk_playlist_unref(s->wpl);
	tk_playlist_unref(s->wcard_pl);
	tk_playlist_unref(s->pending_pl);
	tk_playlist_unref(s->card_pl);
	if (s->mu)
		SDL_DestroyMutex(s->mu);
	if (s->work_cv)
		SDL_DestroyCond(s->work_cv);
	if (s->ready_cv)
		SDL_DestroyCond(s->ready_cv);
	tk_free(s);
}

/* The card period at frame, *in frames into it, lasting *len. mu held. */
static int64_t tk_card_period(const struct tk_scene *s, int64_t frame, int64_t *in, int64_t *len)
{
	const struct tk_cardsched *cs =
	    frame < s->sched.base_frame && s->sched_old.n ? &s->sched_old : &s->sched;

	return tk_cardsched_period(cs, frame, in, len);
}

/* Card times for the cards of pl from period base_p (frame base_frame) on:
 * each from its words with reading_wpm, else all card_seconds. The current
 * card keeps its time (the old schedule covers the frames before). Out of
 * memory keeps the old times. mu held. */
static void tk_scene_card_times(struct tk_scene *s, const struct tk_playlist *pl, int64_t base_p,
				int64_t base_frame)
{
	const struct tk_config *c = s->cfg;
	struct tk_cardsched next = {0};
	int64_t *f = NULL;
	size_t n = pl ? pl->n_articles : 0;

	if (c->reading_wpm > 0 && n && (f = tk_malloc(n * sizeof *f)) != NULL)
		for (size_t i = 0; i < n; i++)
			f[i] = tk_cardtime_frames(pl->articles[i].words, c->reading_wpm,
						  c->card_seconds > 0 ? c->card_seconds : 10,
						  c->card_max_seconds, s->o.fps);
	if (tk_cardsched_set(&next, f ? f : &s->card_frames, f ? n : 1, base_p, base_frame)) {
		tk_free(f);
		return;
	}
	tk_free(f);
	if (s->next_frame >= s->sched.base_frame) {
		tk_cardsched_free(&s->sched_old);
		s->sched_old = s->sched;
	} else {
		tk_cardsched_free(&s->sched);
	}
	s->sched = next;
}

int64_t tk_scene_card_frame(struct tk_scene *s, int64_t p)
{
	int64_t start, in, len;

	SDL_LockMutex(s->mu);
	start = tk_cardsched_start(&s->sched, p);
	tk_cardsched_period(&s->sched, start, &in, &len);
	SDL_UnlockMutex(s->mu);
	return start + len / 2;
}

void tk_scene_set_playlist(struct tk_scene *s, struct tk_playlist *pl)
{
	tk_scene_set_playlists(s, pl, pl);
}

/* 1 when the card showing at period p is of an article cards no longer has. */
static int tk_card_removed(const struct tk_scene *s, const struct tk_playlist *cards, int64_t p)
{
	const struct tk_playlist *old = s->card_pl;
	const struct tk_pl_article *a;
	int64_t n;

	if (!old || !old->n_articles || !s->cardtex[0])
		return 0;
	n = (int64_t)old->n_articles;
	a = &old->articles[((p - s->card_base) % n + n) % n];
	for (size_t i = 0; cards && i < cards->n_articles; i++)
		if (!strcmp(cards->articles[i].headline, a->headline) &&
		    cards->articles[i].when == a->when)
			return 0;
	return 1;
}

/* The card on screen shows a removed article: period p starts the new
 * playlist now, and the area stays empty until its card is ready. mu held. */
static void tk_card_cut(struct tk_scene *s, int64_t p)
{
	s->card_cut = p;
	s->card_epoch++;
	s->cardtex_p[0] = s->cardtex_p[1] = -1;
	if (s->card_state == TK_BUF_READY)
		s->card_state = TK_BUF_FREE;
	s->card_rows = 0;
	s->card_want = p;
	s->card_have = -1;
}

void tk_scene_set_playlists(struct tk_scene *s, struct tk_playlist *crawl,
			    struct tk_playlist *cards)
{
	int64_t in, len, p;
	int cut;

	SDL_LockMutex(s->mu);
	p = tk_card_period(s, s->next_frame, &in, &len);
	cut = s->next_frame > 0 && tk_card_removed(s, cards, p);
	tk_playlist_unref(s->pending_pl);
	s->pending_pl = tk_playlist_ref(crawl);
	/* once the crawl runs, new content follows the word entering the screen */
	s->cut_wanted = s->wnext_chunk > 0;
	tk_playlist_unref(s->card_pl);
	s->card_pl = tk_playlist_ref(cards);
	/* Newest article on the next card (a function of frames, not of timing);
	 * at once, restarting period p now, when the card up shows a removed one. */
	s->card_base = in && !cut ? p + 1 : p;
	tk_scene_card_times(s, cards, s->card_base,
			    cut ? s->next_frame : s->next_frame - in + (in ? len : 0));
	if (cut)
		tk_card_cut(s, p);
	s->has_pl = 1;
	SDL_CondSignal(s->work_cv);
	SDL_UnlockMutex(s->mu);
}

void tk_scene_set_notices(struct tk_scene *s, const char *status, const char *urgent)
{
	status = status ? status : "";
	urgent = urgent ? urgent : "";
	SDL_LockMutex(s->mu);
	if (strncmp(status, s->status_text, sizeof s->status_text - 1) ||
	    strncmp(urgent, s->urgent_text, sizeof s->urgent_text - 1)) {
		snprintf(s->status_text, sizeof s->status_text, "%s", status);
		snprintf(s->urgent_text, sizeof s->urgent_text, "%s", urgent);
		s->notice_gen++;
		SDL_CondSignal(s->work_cv);
	}
	SDL_UnlockMutex(s->mu);
}

void tk_scene_set_clock(struct tk_scene *s, const char *text)
{
	text = text ? text : "";
	SDL_LockMutex(s->mu);
	if (strncmp(text, s->clock_text, sizeof s->clock_text - 1)) {
		snprintf(s->clock_text, sizeof s->clock_text, "%s", text);
		s->notice_gen++;
		SDL_CondSignal(s->work_cv);
	}
	SDL_UnlockMutex(s->mu);
}

int64_t tk_scene_crawl_offset(const struct tk_scene *s, int64_t frame)
{
	int64_t speed = s->speed ? s->speed : s->cfg->speed > 0 ? s->cfg->speed : 1;

	return s->speed_off + (frame - s->speed_frame) * speed;
}

void tk_scene_set_speed(struct tk_scene *s, int64_t frame, int px)
{
	int64_t m = frame - s->hold; /* the crawl's own frame (it holds for a late worker) */

	if (px < 1)
		return;
	s->speed_off = tk_scene_crawl_offset(s, m);
	s->speed_frame = m;
	s->speed = px;
}

SDL_Rect tk_scene_band(const struct tk_scene *s)
{
	return s->band;
}

void tk_scene_stats(const struct tk_scene *s, struct tk_scene_stats *st)
{
	*st = s->st;
}

/* Upload ready chunk k into its texture slot; called with mu held. Returns 1
 * when k is now in its slot. */
static int tk_take_chunk(struct tk_scene *s, int64_t k)
{
	int slot = (int)(k % s->nct);

	if (s->ctex_id[slot] == k)
		return 1;
	for (int i = 0; i < TK_CHUNK_BUFS; i++)
		if (s->cb[i].state == TK_BUF_READY && s->cb[i].id == k) {
			SDL_UpdateTexture(s->ctex[slot], NULL, s->cb[i].px, s->cw * 4);
			s->ctex_id[slot] = k;
			s->cb[i].state = TK_BUF_FREE;
			s->st.uploads++;
			SDL_CondSignal(s->work_cv);
			return 1;
		}
	return 0;
}

/* Card texture slot holds a card no longer shown: its pages go back to the
 * system (zero pages until the worker composes the next card in it). */
static void tk_card_release(struct tk_scene *s, int slot)
{
	if (!s->cardmem[slot])
		return;
	tk_pages_release(s->cardmem[slot], (size_t)s->cc.w * (size_t)s->cc.h * 4);
	s->cardtex_p[slot] = -1;
}

/* Upload a strip of the ready card into texture slot p%2; all of it when
 * urgent. Called with mu held. Returns 1 when card p is complete. */
static int tk_take_card(struct tk_scene *s, int64_t p, int urgent)
{
	int slot = (int)(p % 2), rows;
	SDL_Rect rc;

	if (s->cardtex_p[slot] == p)
		return 1;
	if (s->card_state != TK_BUF_READY || s->card_have != p)
		return 0;
	if (!s->cardtex[slot]) {
		s->cardtex[slot] = tk_cardtex_new(s);
		if (!s->cardtex[slot]) {
			/* out of texture memory: skip this card rather than stall */
			s->cardtex_p[slot] = p;
			s->card_state = TK_BUF_FREE;
			return 1;
		}
	}
	rows = urgent ? s->cc.h : (int)(TK_CARD_UPLOAD_BYTES / ((size_t)s->cc.w * 4));
	if (rows > s->cc.h - s->card_rows)
		rows = s->cc.h - s->card_rows;
	rc.x = 0;
	rc.y = s->card_rows;
	rc.w = s->cc.w;
	rc.h = rows;
	s->cardtex_p[slot] = -1;
	SDL_UpdateTexture(s->cardtex[slot], &rc, s->cardpx + (size_t)s->card_rows * (size_t)s->cc.w,
			  s->cc.w * 4);
	s->st.uploads++;
	s->card_rows += rows;
	if (s->card_rows < s->cc.h)
		return 0;
	s->card_rows = 0;
	s->cardtex_p[slot] = p;
	s->card_state = TK_BUF_FREE;
	tk_pages_release(s->cardpx, (size_t)s->cc.w * (size_t)s->cc.h * 4);
	SDL_CondSignal(s->work_cv);
	return 1;
}

static void tk_need_card(struct tk_scene *s, int64_t p)
{
	int waited = 0;

	while (!tk_take_card(s, p, 1)) {
		if (s->card_state == TK_BUF_READY && s->card_have != p) {
			/* a stale prefetch (frames were skipped): drop it */
			s->card_state = TK_BUF_FREE;
			s->card_rows = 0;
		}
		s->card_want = p;
		waited = 1;
		tk_wait_work(s);
	}
	if (waited && !s->o.sync && s->next_frame > 1) /* the first frame always waits */
		s->st.underruns++;
}

/* A discreet service mark (config.h TK_SERVICE_*: bad ticker.conf lines, stick
 * settings ignored): a small accent square in the crawl band's far corner, for
 * a technician who knows to look; the details are in the log. */
static void tk_draw_service_mark(struct tk_scene *s)
{
	const struct tk_config *c = s->cfg;
	int m = s->bh / 10 > 4 ? s->bh / 10 : 4;
	SDL_Rect d = {s->W - 2 * m, s->band.y + s->bh - 2 * m, m, m};

	SDL_SetRenderDrawColor(s->r, c->accent >> 24, (c->accent >> 16) & 0xff,
			       (c->accent >> 8) & 0xff, 255);
	SDL_RenderFillRect(s->r, &d);
}

/* Notices rendered by the worker become textures here (rare). mu held. */
static void tk_draw_take_notices(struct tk_scene *s)
{
	if (s->o.sync)
		while (s->notice_gen != s->notice_done && !s->notice_ready)
			tk_wait_work(s);
	if (!s->notice_ready)
		return;
	tk_tex_free(s, &s->status_tex);
	tk_tex_free(s, &s->urgent_tex);
	tk_tex_free(s, &s->clock_tex);
	if (s->clock_surf) {
		s->clock_tex = tk_tex_from(s, s->clock_surf);
		s->clock_w = s->clock_surf->w;
		s->clock_h = s->clock_surf->h;
	}
	SDL_FreeSurface(s->clock_surf);
	s->clock_surf = NULL;
	if (s->status_surf) {
		s->status_tex = tk_tex_from(s, s->status_surf);
		s->status_w = s->status_surf->w;
		s->status_h = s->status_surf->h;
	}
	if (s->urgent_surf) {
		s->urgent_tex = tk_tex_from(s, s->urgent_surf);
		s->urgent_w = s->urgent_surf->w;
		s->urgent_h = s->urgent_surf->h;
	}
	SDL_FreeSurface(s->status_surf);
	SDL_FreeSurface(s->urgent_surf);
	s->status_surf = s->urgent_surf = NULL;
	s->notice_ready = 0;
	s->notices_shown++;
	SDL_CondSignal(s->work_cv);
}

/* The logo's box: the top right corner of the cards area, in the margin
 * above the card content (which starts a tenth of the way down), right-aligned
 * with it; never wider than a third of the content. Below the operator's tag
 * while one shows in that corner (crawl at the bottom): smaller, never over
 * it nor over the card. */
static SDL_Rect tk_logo_box(const struct tk_scene *s)
{
	int top = s->cards.h / TK_LOGO_TOP_DIV;
	int h, w = s->cc.w / 3;

	if (s->status_tex && s->cfg->crawl_position != TK_POS_TOP)
		top = tk_maxi(top, s->status_h - s->cards.y + s->cards.h / 80);
	h = s->cards.h / 10 - top;

	return (SDL_Rect){s->cc.x + s->cc.w - w, s->cards.y + top, w, h};
}

/* A new card playlist may bring a new logo: scaled to its box once (the
 * pixels are already bounded and checked: playlist.h), then a texture. */
static void tk_draw_take_logo(struct tk_scene *s)
{
	const struct tk_logo *src = s->card_pl ? s->card_pl->logo : NULL;
	SDL_Rect box = tk_logo_box(s);
	struct tk_logo *fit = NULL;

	if (s->card_pl == s->logo_pl && box.h == s->logo_box_h)
		return;
	s->logo_box_h = box.h;
	tk_playlist_unref(s->logo_pl);
	s->logo_pl = tk_playlist_ref(s->card_pl);
	if (s->logo_tex) {
		tk_tex_free(s, &s->logo_tex);
		s->notices_shown++; /* what is outside the band changed */
	}
	if (!src || box.w < 1 || box.h < 1 || tk_logo_scale(src, box.w, box.h, &fit))
		return;
	s->logo_tex = SDL_CreateTexture(s->r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
					fit->w, fit->h);
	if (s->logo_tex) {
		SDL_UpdateTexture(s->logo_tex, NULL, fit->px, fit->w * 4);
		SDL_SetTextureBlendMode(s->logo_tex, SDL_BLENDMODE_BLEND);
		s->logo_w = fit->w;
		s->logo_h = fit->h;
		s->notices_shown++;
	}
	tk_logo_free(fit);
}

/* The logo, right-aligned and centred in its box, over the cards. */
static void tk_draw_logo(struct tk_scene *s)
{
	SDL_Rect box = tk_logo_box(s), d;

	if (!s->logo_tex)
		return;
	d.w = s->logo_w;
	d.h = s->logo_h;
	d.x = box.x + box.w - d.w;
	d.y = box.y + (box.h - d.h) / 2;
	SDL_RenderCopy(s->r, s->logo_tex, NULL, &d);
}

/* The worker is behind with the chunks frame needs: hold the crawl where it
 * was (its chunks are resident) instead of stalling the frame loop and with
 * it the watchdog; it carries on from there when the worker is back. */
static void tk_draw_hold(struct tk_scene *s, int64_t frame, int64_t *off, int64_t *first,
			 int64_t *last)
{
	s->hold = frame - s->shown_at;
	*off = tk_scene_crawl_offset(s, frame - s->hold);
	*first = tk_crawlcut_chunk(&s->cut, *off);
	*last = tk_crawlcut_chunk(&s->cut, *off + s->W - 1);
	SDL_CondSignal(s->work_cv);
}

/* Crawl chunks first..last resident (waiting for the worker only for the
 * first frame and in sync mode, else holding), stale ones dropped, one more
 * prefetched. Updates off/first/last when the crawl holds. mu held. */
static void tk_draw_take_chunks(struct tk_scene *s, int64_t frame, int64_t *off, int64_t *pfirst,
				int64_t *plast)
{
	int64_t first = *pfirst, last = *plast;
	int underrun = 0;

	for (int i = 0; i < TK_CHUNK_BUFS; i++)
		if (s->cb[i].state == TK_BUF_READY && s->cb[i].id < first) {
			s->cb[i].state = TK_BUF_FREE;
			SDL_CondSignal(s->work_cv);
		}
	for (int64_t k = first; k <= last; k++)
		while (!tk_take_chunk(s, k)) {
			for (int i = 0; i < TK_CHUNK_BUFS; i++)
				if (s->cb[i].state == TK_BUF_READY && s->cb[i].id < first)
					s->cb[i].state = TK_BUF_FREE;
			if (!s->o.sync && s->shown_at >= 0 && !underrun) {
				underrun = 1;
				tk_draw_hold(s, frame, off, &first, &last);
				k = first - 1;
				break;
			}
			underrun = 1;
			tk_wait_work(s);
		}
	s->shown_at = frame - s->hold;
	*pfirst = first;
	*plast = last;
	if (underrun && !s->o.sync && frame > 0)
		s->st.underruns++;
	/* Prefetch: at most one more chunk per frame (the upload budget). */
	for (int64_t k = last + 1; k < first + s->nct; k++) {
		if (s->ctex_id[k % s->nct] == k)
			continue;
		tk_take_chunk(s, k);
		break;
	}
}

/* Card p is late (a slow worker): keep p-1 up rather than stall the crawl;
 * p cuts in when ready. mu held. */
static void tk_card_late(struct tk_scene *s, int64_t p)
{
	if (s->card_state == TK_BUF_READY && s->card_have != p) {
		s->card_state = TK_BUF_FREE;
		s->card_rows = 0;
	}
	if (s->card_want != p) {
		s->card_want = p;
		SDL_CondSignal(s->work_cv);
	}
	if (s->late_p != p) {
		s->late_p = p;
		s->st.underruns++;
	}
}

/* Period p's card was cut (tk_card_cut): 1 while it is not ready (the area
 * stays empty; sync mode waits for it). mu held. */
static int tk_card_cut_wait(struct tk_scene *s, int64_t p)
{
	if (s->card_cut >= 0 && p != s->card_cut)
		s->card_cut = -1;
	if (s->card_cut < 0 || tk_take_card(s, p, 1))
		return 0;
	s->card_want = p;
	SDL_CondSignal(s->work_cv);
	if (!s->o.sync)
		return 1;
	tk_need_card(s, p);
	return 0;
}

/* Which card shows at frame and how opaque (0-255). A change fades the old
 * card out over the first half of the fade and the new one in over the
 * second: never both at once (a dissolve printed text over text). The next
 * card uploads in strips meanwhile. mu held. */
static int64_t tk_draw_take_cards(struct tk_scene *s, int64_t frame, unsigned *alpha)
{
	int64_t in, len, p = tk_card_period(s, frame, &in, &len), show = p;
	int64_t half = s->fade_frames / 2 > 0 ? s->fade_frames / 2 : 1;
	/* one article: every card is the same, nothing to fade */
	int fade = in < s->fade_frames && p > 0 && !(s->card_pl && s->card_pl->n_articles == 1);
	int next = (int)((p + 1) % 2); /* also the slot of the card before */

	*alpha = 255;
	if (tk_card_cut_wait(s, p))
		return -1;
	if (s->card_cut >= 0)
		fade = 0;
	if (!s->o.sync && p > 0 && s->cardtex_p[(p - 1) % 2] == p - 1 && !tk_take_card(s, p, 1)) {
		tk_card_late(s, p);
		return p - 1;
	}
	if (fade && in < half)
		tk_need_card(s, p - 1);
	tk_need_card(s, p);
	if (fade) {
		show = in < half ? p - 1 : p;
		*alpha = (unsigned)((in < half ? half - in : in - half) * 255 / half);
		if (*alpha > 255)
			*alpha = 255;
	}
	/* software renderer: the card before leaves its texture once it no
	 * longer shows (half way through the fade), and the slot stays empty
	 * until TK_CARD_LEAD_SEC before the next card */
	if ((!fade || in >= half) && s->cardtex_p[next] >= 0 && s->cardtex_p[next] < p)
		tk_card_release(s, next);
	if (!fade) {
		if (s->cardmem[next] && len - in > (int64_t)s->o.fps * TK_CARD_LEAD_SEC)
			return show;
		if (s->cardtex_p[next] != p + 1 && s->card_want != p + 1) {
			s->card_want = p + 1;
			SDL_CondSignal(s->work_cv);
		}
		tk_take_card(s, p + 1, 0);
	}
	return show;
}

static void tk_draw_color(struct tk_scene *s, uint32_t rgba)
{
	SDL_SetRenderDrawColor(s->r, rgba >> 24, (rgba >> 16) & 0xff, (rgba >> 8) & 0xff, 255);
}

/* The cards area: background, then card show (-1: none) at alpha. */
static void tk_draw_cards(struct tk_scene *s, int64_t show, unsigned alpha)
{
	tk_draw_color(s, s->cfg->card_bg);
	SDL_RenderFillRect(s->r, &s->cards);
	if (show < 0)
		return;
	SDL_SetTextureBlendMode(s->cardtex[show % 2],
				alpha < 255 ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
	SDL_SetTextureAlphaMod(s->cardtex[show % 2], (Uint8)alpha);
	SDL_RenderCopy(s->r, s->cardtex[show % 2], NULL, &s->cc);
}

/* Removed items still on the strip: the band's background over them. */
static void tk_draw_masks(struct tk_scene *s, int64_t off)
{
	tk_draw_color(s, s->cfg->crawl_bg);
	SDL_LockMutex(s->mu);
	for (size_t i = 0; i < s->mask_n; i++) {
		const struct tk_strip_span *m = &s->mask[i];
		int64_t a = m->x0 > off ? m->x0 : off, b = m->x1 < off + s->W ? m->x1 : off + s->W;
		SDL_Rect d = {(int)(a - off), s->band.y, (int)(b - a), s->bh};

		if (b > a)
			SDL_RenderFillRect(s->r, &d);
	}
	SDL_UnlockMutex(s->mu);
}

/* Crawl chunks at offset off, the accent rule and the fixed label box. */
static void tk_draw_band(struct tk_scene *s, int64_t off, int64_t first, int64_t last)
{
	SDL_Rect d;

	for (int64_t k = first; k <= last; k++) {
		int64_t x = tk_crawlcut_x(&s->cut, k);
		SDL_Rect src = {0, 0, (int)(tk_crawlcut_end(&s->cut, k) - x), s->bh};

		d.x = (int)(x - off);
		d.y = s->band.y;
		d.w = src.w;
		d.h = s->bh;
		SDL_RenderCopy(s->r, s->ctex[k % s->nct], &src, &d);
	}
	tk_draw_masks(s, off);
	tk_draw_color(s, s->cfg->accent);
	d.x = 0;
	d.w = s->W;
	d.h = tk_maxi(s->bh / TK_RULE_DIV, TK_RULE_MIN_PX);
	d.y = s->band.y;
	SDL_RenderFillRect(s->r, &d);
	d.w = s->label_w + s->fs / 3;
	d.h = s->bh;
	SDL_RenderCopy(s->r, s->label_tex, NULL, &d);
}

/* The urgent bar against the crawl, the operator's tag in a far corner. */
static void tk_draw_notices(struct tk_scene *s)
{
	const struct tk_config *c = s->cfg;
	SDL_Rect d;

	if (s->urgent_tex) {
		d.x = 0;
		d.w = s->W;
		d.h = s->urgent_h;
		d.y = c->crawl_position == TK_POS_TOP ? s->band.y + s->bh : s->band.y - s->urgent_h;
		if (s->urgent_w < s->W) {
			tk_draw_color(s, TK_URGENT_BG);
			SDL_RenderFillRect(s->r, &d);
		}
		d.w = s->urgent_w;
		SDL_RenderCopy(s->r, s->urgent_tex, NULL, &d);
	}
	if (s->clock_tex) {
		d.w = s->clock_w;
		d.h = s->clock_h;
		d.x = c->clock == TK_CLOCK_LABEL ? s->W - s->clock_w : 0;
		d.y = c->clock == TK_CLOCK_LABEL	? s->band.y
		      : c->crawl_position == TK_POS_TOP ? s->H - s->clock_h
							: 0;
		SDL_RenderCopy(s->r, s->clock_tex, NULL, &d);
	}
	if (s->status_tex) {
		d.x = s->W - s->status_w;
		d.w = s->status_w;
		d.h = s->status_h;
		d.y = c->crawl_position == TK_POS_TOP ? s->H - s->status_h : 0;
		SDL_RenderCopy(s->r, s->status_tex, NULL, &d);
	}
}

/* Note what the frame shows outside the crawl band (which card and how
 * opaque, the notices), so an output can redraw only the band when that did
 * not change. */
static void tk_outside(struct tk_scene *s, int64_t show, unsigned alpha)
{
	uint64_t key = ((uint64_t)(show + 1) * 512 + alpha) * 1000003u + (uint64_t)s->notices_shown;

	s->outside_changed = key != s->outside_key || s->next_frame <= 1;
	s->outside_key = key;
}

int tk_scene_outside_changed(const struct tk_scene *s)
{
	return s->outside_changed;
}

/* The log lines that time a change of content on screen (make bench, e2e):
 * the new playlist reaches the right edge, then what it replaced has left.
 * mu held. */
static void tk_draw_log_change(struct tk_scene *s, int64_t off)
{
	if (s->new_state == 1 && off + s->W > s->new_x) {
		tk_log(TK_LOG_INFO, "crawl: generation %llu enters the screen",
		       (unsigned long long)s->new_gen);
		s->new_state = 2;
	}
	if (s->new_state == 2 && off >= s->new_x) {
		tk_log(TK_LOG_INFO,
		       "crawl: generation %llu alone on screen: what it replaced is gone",
		       (unsigned long long)s->new_gen);
		s->new_state = 0;
	}
}

/* Chunks from k on are cut: forget them wherever they are. mu held. */
static void tk_cut_invalidate(struct tk_scene *s, int64_t k)
{
	for (int i = 0; i < s->nct; i++)
		if (s->ctex_id[i] >= k)
			s->ctex_id[i] = -1;
	for (int i = 0; i < TK_CHUNK_BUFS; i++)
		if (s->cb[i].state == TK_BUF_READY && s->cb[i].id >= k)
			s->cb[i].state = TK_BUF_FREE;
	if (s->wnext_chunk > k)
		s->wnext_chunk = k;
	SDL_CondSignal(s->work_cv);
}

/* A new crawl playlist waits: cut the strip at the first word end at least
 * TK_CUT_LEAD_DIV of a second of motion beyond the screen's edge (the word
 * entering the screen is finished, nothing visible changes), or anywhere
 * there when no word ends within TK_CUT_WINDOW_SEC; wait while the worker
 * has not laid that far. mu held. */
static void tk_draw_cut(struct tk_scene *s, int64_t off)
{
	int64_t step = tk_scene_crawl_offset(s, 1) - tk_scene_crawl_offset(s, 0);
	int64_t fps = s->o.fps > 0 ? s->o.fps : TK_DEF_FPS;
	int64_t from = off + s->W + step * fps / TK_CUT_LEAD_DIV, x, k;
	int64_t to = from + step * fps * TK_CUT_WINDOW_SEC;

	if (!s->cut_wanted || s->cut_k >= 0)
		return;
	if (!tk_crawlcut_find(&s->cut, from, to, &x)) {
		if (tk_crawlcut_x(&s->cut, s->wnext_chunk) < to)
			return;
		x = from;
	}
	k = tk_crawlcut_splice(&s->cut, x, off);
	if (k < 0)
		return;
	tk_cut_invalidate(s, k);
	s->cut_k = k;
	s->cut_wanted = 0;
}

int tk_scene_draw(struct tk_scene *s, int64_t frame)
{
	int64_t off = tk_scene_crawl_offset(s, frame - s->hold),
		first = tk_crawlcut_chunk(&s->cut, off),
		last = tk_crawlcut_chunk(&s->cut, off + s->W - 1), show = -1;
	unsigned alpha = 255;

	SDL_LockMutex(s->mu);
	tk_draw_cut(s, off);
	s->next_frame = frame + 1;
	s->has_pl = 1; /* drawing with no playlist set shows the idle screen */
	tk_draw_take_notices(s);
	if (s->cardtex[0])
		tk_draw_take_logo(s);
	tk_draw_take_chunks(s, frame, &off, &first, &last);
	tk_draw_log_change(s, off);
	if (s->cardtex[0])
		show = tk_draw_take_cards(s, frame, &alpha);
	tk_outside(s, show, alpha);
	SDL_UnlockMutex(s->mu);
	tk_draw_cards(s, show, alpha);
	tk_draw_logo(s);
	tk_draw_band(s, off, first, last);
	tk_draw_notices(s);
	if (s->cfg->service)
		tk_draw_service_mark(s);
	return TK_OK;
}

int tk_render_read(SDL_Renderer *r, int w, int h, uint32_t **out)
{
	uint32_t *px = tk_malloc((size_t)w * (size_t)h * 4);

	*out = NULL;
	if (!px)
		return TK_ENOMEM;
	if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, px, w * 4)) {
		tk_free(px);
		return TK_ESDL;
	}
	*out = px;
	return TK_OK;
}

int tk_render_png(SDL_Renderer *r, int w, int h, const char *path)
{
	uint32_t *px = NULL;
	unsigned char *volatile row = NULL;
	FILE *volatile f = NULL;
	png_structp png = NULL;
	png_infop info = NULL;
	volatile int err = tk_render_read(r, w, h, &px);

	if (err)
		return err;
	row = tk_malloc((size_t)w * 3);
	f = fopen(path, "wb");
	if (!row || !f) {
		err = row ? TK_EIO : TK_ENOMEM;
		goto out;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		err = TK_EIO;
		goto out;
	}
	png_init_io(png, f);
	png_set_compression_level(png, 3);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			uint32_t p = px[(size_t)y * (size_t)w + (size_t)x];

			row[x * 3] = (unsigned char)(p >> 16);
			row[x * 3 + 1] = (unsigned char)(p >> 8);
			row[x * 3 + 2] = (unsigned char)p;
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
out:
	if (png)
		png_destroy_write_struct(&png, info ? &info : NULL);
	if (f && fclose(f) && !err)
		err = TK_EIO;
	tk_free(row);
	tk_free(px);
	return err;
}
