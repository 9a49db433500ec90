/* Table-driven configuration: one row per key gives its type, limits, help and
 * what a USB stick may set (the allow-list), so parsing, validation, the stick
 * check, dumping and documentation share one list. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "err.h"
#include "i18n.h"
#include "schedule.h"

enum tk_cfg_type { TK_CFG_LONG, TK_CFG_STR, TK_CFG_ENUM, TK_CFG_COLOR };

/* The stick column: who may set a key. A row without it does not build
 * (-Wmissing-field-initializers under -Werror); a zero one is undeclared,
 * treated as device-only and failed by test_config. */
enum tk_cfg_who { TK_CFG_UNDECLARED = 0, TK_CFG_DEVICE, TK_CFG_STICK };

struct tk_cfg_stick {
	enum tk_cfg_who who;
	long min, max; /* TK_CFG_LONG: the range a stick may set (within the key's range) */
	int zero;      /* TK_CFG_LONG: 0 ("automatic") is also allowed from a stick */
};

/* Device keys decide where the ticker reads, whom it trusts and how much it
 * keeps: only /etc/ticker/ticker.conf or --set. */
#define TK_DEVICE                                                                                  \
	{                                                                                          \
		TK_CFG_DEVICE, 0, 0, 0                                                             \
	}
/* Enums: every choice; colours: opaque only, and readable on their background. */
#define TK_STICK                                                                                   \
	{                                                                                          \
		TK_CFG_STICK, 0, 0, 0                                                              \
	}
#define TK_STICK_RANGE(lo, hi)                                                                     \
	{                                                                                          \
		TK_CFG_STICK, (lo), (hi), 0                                                        \
	}
#define TK_STICK_AUTO_OR(lo, hi)                                                                   \
	{                                                                                          \
		TK_CFG_STICK, (lo), (hi), 1                                                        \
	}

struct tk_cfg_key {
	const char *name;
	enum tk_cfg_type type;
	size_t offset, size;
	long min, max;		    /* TK_CFG_LONG */
	const char *const *choices; /* TK_CFG_ENUM, NULL-terminated; value = index + base */
	int base;
	const char *help;
	struct tk_cfg_stick stick; /* every row must say: TK_DEVICE or TK_STICK... */
};

static const char *const tk_layouts[] = {"crawl", "cards", NULL};
static const char *const tk_positions[] = {"bottom", "top", NULL};
static const char *const tk_tristates[] = {"auto", "no", "yes", NULL};
static const char *const tk_unsigned_modes[] = {"articles", "all", "none", NULL};
static const char *const tk_clocks[] = {"off", "corner", "label", NULL};
static const char *const tk_bools[] = {"no", "yes", NULL};
static const char *const tk_levels[] = {"error", "warning", "info", "debug", NULL};

/* Stick ranges are what renders on every screen the ticker supports (720p to
 * 4K, portrait or landscape) and keeps memory bounded (issue 9 items 4, 5). */
#define F(field) offsetof(struct tk_config, field), sizeof(((struct tk_config *)0)->field)
static const struct tk_cfg_key tk_cfg_keys[] = {
    {"cache_dir", TK_CFG_STR, F(cache_dir), 0, 0, NULL, 0, "directory of cached articles",
     TK_DEVICE},
    {"assets_dir", TK_CFG_STR, F(assets_dir), 0, 0, NULL, 0,
     "directory with fonts/ and demo/ (demo articles shown when the cache is empty)", TK_DEVICE},
    {"max_file_bytes", TK_CFG_LONG, F(max_file_bytes), 1, 1L << 30, NULL, 0,
     "largest article file read, in bytes", TK_DEVICE},
    {"quotes_per_article", TK_CFG_LONG, F(quotes_per_article), 0, 50, NULL, 0,
     "quotations shown per article", TK_STICK_RANGE(0, 10)},
    {"figures_per_article", TK_CFG_LONG, F(figures_per_article), 0, 50, NULL, 0,
     "key figures shown per article", TK_STICK_RANGE(0, 10)},
    {"quotes_need_speaker", TK_CFG_ENUM, F(quotes_need_speaker), 0, 0, tk_bools, 0,
     "show a quote only with a sure speaker (a doubtful or missing one is skipped)", TK_DEVICE},
    {"max_articles", TK_CFG_LONG, F(max_articles), 1, 100000, NULL, 0,
     "articles kept in the cache; the oldest are evicted first", TK_DEVICE},
    {"max_cache_bytes", TK_CFG_LONG, F(max_cache_bytes), 1024, LONG_MAX, NULL, 0,
     "bytes kept in the cache; the oldest are evicted first", TK_DEVICE},
    {"expire_days", TK_CFG_LONG, F(expire_days), 0, 36500, NULL, 0,
     "articles older than this many days are dropped (0 = never)", TK_DEVICE},
    {"urgent_hours", TK_CFG_LONG, F(urgent_hours), 1, 24 * 365, NULL, 0,
     "how long an urgent notice stays on screen", TK_STICK_RANGE(1, 168)},
    {"urgent_name", TK_CFG_STR, F(urgent_name), 0, 0, NULL, 0,
     "file name on the stick that holds the urgent notice", TK_DEVICE},
    {"keys_dir", TK_CFG_STR, F(keys_dir), 0, 0, NULL, 0,
     "directory of trusted public keys for signed drops", TK_DEVICE},
    {"require_signature", TK_CFG_ENUM, F(require_signature), 0, 0, tk_tristates, -1,
     "refuse unsigned drops: auto = yes whenever a key is installed", TK_DEVICE},
    {"unsigned_sticks", TK_CFG_ENUM, F(unsigned_sticks), 0, 0, tk_unsigned_modes, 0,
     "when unsigned sticks are accepted: articles = articles only (URGENT, CLEAR, REPLACE and "
     "ticker.conf need a signature), all, none",
     TK_DEVICE},
    {"clock_jump_days", TK_CFG_LONG, F(clock_jump_days), 1, 3650, NULL, 0,
     "a clock jump larger than this expires nothing until a later import confirms it", TK_DEVICE},
    {"stick_preview", TK_CFG_ENUM, F(stick_preview), 0, 0, tk_bools, 0,
     "after every import write TICKER-PREVIEW.png on the stick: what the screen will show",
     TK_DEVICE},
    {"layout", TK_CFG_ENUM, F(layout), 0, 0, tk_layouts, 0,
     "crawl = crawl only; cards = article cards above the crawl", TK_STICK},
    {"crawl_position", TK_CFG_ENUM, F(crawl_position), 0, 0, tk_positions, 0,
     "where the crawl band sits", TK_STICK},
    {"crawl_height", TK_CFG_LONG, F(crawl_height), 0, 4096, NULL, 0,
     "crawl band height in pixels (0 = from the legible text size)", TK_STICK_AUTO_OR(32, 240)},
    {"font_size", TK_CFG_LONG, F(font_size), 0, 1024, NULL, 0,
     "crawl text size in pixels (0 = legible at viewing_distance)", TK_STICK_AUTO_OR(12, 160)},
    {"viewing_distance", TK_CFG_LONG, F(viewing_distance), 50, 5000, NULL, 0,
     "distance in cm from which text must stay legible (sizes the crawl and labels)",
     TK_STICK_RANGE(100, 1500)},
    {"screen_diagonal", TK_CFG_LONG, F(screen_diagonal), 7, 200, NULL, 0,
     "screen diagonal in inches (with viewing_distance, sets the text sizes)", TK_DEVICE},
    {"speed", TK_CFG_LONG, F(speed), 1, 32, NULL, 0,
     "crawl speed in whole pixels per display frame", TK_STICK_RANGE(1, 16)},
    {"speed_px_s", TK_CFG_LONG, F(speed_px_s), 0, 4000, NULL, 0,
     "crawl speed in pixels per second, as whole pixels per frame at the display's "
     "refresh (0 = use speed)",
     TK_STICK_RANGE(0, 960)},
    {"card_seconds", TK_CFG_LONG, F(card_seconds), 2, 3600, NULL, 0,
     "seconds each article card stays up (with reading_wpm: the shortest time)",
     TK_STICK_RANGE(3, 600)},
    {"reading_wpm", TK_CFG_LONG, F(reading_wpm), 0, 1000, NULL, 0,
     "card time from the words the card shows, read at this many words a minute (two Chinese "
     "or Japanese characters count as a word), between card_seconds and card_max_seconds "
     "(0 = every card card_seconds)",
     TK_STICK_AUTO_OR(60, 600)},
    {"card_max_seconds", TK_CFG_LONG, F(card_max_seconds), 2, 3600, NULL, 0,
     "with reading_wpm: the longest a card stays up (under card_seconds: card_seconds)",
     TK_STICK_RANGE(3, 600)},
    {"crawl_articles", TK_CFG_LONG, F(crawl_articles), 0, 100000, NULL, 0,
     "the crawl loops over the newest N articles (0 = all); cards go through all",
     TK_STICK_RANGE(0, 1000)},
    {"rotation", TK_CFG_LONG, F(rotation), 0, 270, NULL, 0,
     "screen rotation in degrees: 0, 90, 180 or 270", TK_DEVICE},
    {"clock", TK_CFG_ENUM, F(clock), 0, 0, tk_clocks, 0,
     "date and time on screen (system clock, in the language's own pattern, redrawn once a "
     "minute): off, corner = top left, label = at the end of the crawl band",
     TK_STICK},
    {"language", TK_CFG_ENUM, F(language), 0, 0, tk_i18n_codes, 0,
     "language of the words the screen writes (labels, idle screen, notes, clock): en, fr, de, "
     "es, it, nl, pt, ar, zh, ja",
     TK_STICK},
    {"labels", TK_CFG_ENUM, F(labels), 0, 0, tk_bools, 0,
     "show a label chip (QUOTE, FIGURE, source) before crawl items", TK_STICK},
    {"crawl_bg", TK_CFG_COLOR, F(crawl_bg), 0, 0, NULL, 0, "crawl background, #RRGGBB", TK_STICK},
    {"crawl_fg", TK_CFG_COLOR, F(crawl_fg), 0, 0, NULL, 0, "crawl text colour, #RRGGBB", TK_STICK},
    {"accent", TK_CFG_COLOR, F(accent), 0, 0, NULL, 0, "accent colour (figures, chips, separators)",
     TK_STICK},
    {"card_bg", TK_CFG_COLOR, F(card_bg), 0, 0, NULL, 0, "cards background", TK_STICK},
    {"card_fg", TK_CFG_COLOR, F(card_fg), 0, 0, NULL, 0, "cards text colour", TK_STICK},
    {"font", TK_CFG_STR, F(font), 0, 0, NULL, 0,
     "extra font file tried before the bundled ones (empty = none)", TK_DEVICE},
    {"screen_on", TK_CFG_STR, F(screen_on), 0, 0, NULL, 0,
     "when the screen is on, e.g. Mon-Fri 07:00-19:30, Sat 09:00-13:00 (empty = always; stays on "
     "while the clock is untrusted)",
     TK_DEVICE},
    {"screen_off_dates", TK_CFG_STR, F(screen_off_dates), 0, 0, NULL, 0,
     "dates the screen stays off all day, e.g. 2026-12-25, 2027-01-01", TK_DEVICE},
    {"video_driver", TK_CFG_STR, F(video_driver), 0, 0, NULL, 0,
     "SDL video driver (empty = kmsdrm on a console, else the desktop's)", TK_DEVICE},
    {"app_dir", TK_CFG_STR, F(app_dir), 0, 0, NULL, 0,
     "directory of the A/B application slots installed from update sticks", TK_DEVICE},
    {"update_keys_dir", TK_CFG_STR, F(update_keys_dir), 0, 0, NULL, 0,
     "directory of the public keys that may sign software updates (not the content keys)",
     TK_DEVICE},
    {"timezone", TK_CFG_STR, F(timezone), 0, 0, NULL, 0,
     "time zone for dates and the clock, e.g. Europe/Paris (empty = the system's; the image's "
     "is UTC)",
     TK_DEVICE},
    {"log_level", TK_CFG_ENUM, F(log_level), 0, 0, tk_levels, 0, "error, warning, info or debug",
     TK_DEVICE},
};
#undef F
#define TK_CFG_NKEYS (sizeof tk_cfg_keys / sizeof tk_cfg_keys[0])

/* Keys that change what the playlist holds, not how it is drawn. */
static const char *const tk_content_keys[] = {"crawl_articles",	    "figures_per_article",
					      "max_file_bytes",	    "quotes_need_speaker",
					      "quotes_per_article", "urgent_hours"};

static unsigned tk_key_change(const struct tk_cfg_key *k)
{
	if (k->type == TK_CFG_COLOR)
		return TK_CHANGE_COLOURS;
	for (size_t i = 0; i < sizeof tk_content_keys / sizeof tk_content_keys[0]; i++)
		if (!strcmp(k->name, tk_content_keys[i]))
			return TK_CHANGE_CONTENT;
	return TK_CHANGE_LAYOUT;
}

unsigned tk_config_changes(const struct tk_config *a, const struct tk_config *b)
{
	unsigned ch = a->service != b->service ? TK_CHANGE_COLOURS : 0;

	for (size_t i = 0; i < TK_CFG_NKEYS; i++) {
		const struct tk_cfg_key *k = &tk_cfg_keys[i];

		if (strcmp(k->name, "log_level") &&
		    memcmp((const char *)a + k->offset, (const char *)b + k->offset, k->size))
			ch |= tk_key_change(k);
	}
	return ch;
}

void tk_config_copy_stick_keys(struct tk_config *dst, const struct tk_config *src)
{
	for (size_t i = 0; i < TK_CFG_NKEYS; i++) {
		const struct tk_cfg_key *k = &tk_cfg_keys[i];

		if (k->stick.who == TK_CFG_STICK)
			memcpy((char *)dst + k->offset, (const char *)src + k->offset, k->size);
	}
}

void tk_config_defaults(struct tk_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->cache_dir, sizeof cfg->cache_dir, "/var/lib/ticker/cache");
	snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s", TK_DATADIR);
	cfg->max_file_bytes = 4L << 20;
	cfg->quotes_per_article = 3;
	cfg->figures_per_article = 2;
	cfg->quotes_need_speaker = 1;
	cfg->max_articles = 1000;
	cfg->max_cache_bytes = 256L << 20;
	cfg->expire_days = 30;
	cfg->urgent_hours = 24;
	cfg->unsigned_sticks = TK_UNSIGNED_ARTICLES;
	cfg->clock_jump_days = 7;
	cfg->stick_preview = 1;
	snprintf(cfg->urgent_name, sizeof cfg->urgent_name, "URGENT.txt");
	snprintf(cfg->keys_dir, sizeof cfg->keys_dir, "/etc/ticker/keys.d");
	snprintf(cfg->app_dir, sizeof cfg->app_dir, "/var/lib/ticker/app");
	snprintf(cfg->update_keys_dir, sizeof cfg->update_keys_dir, "/etc/ticker/update-keys.d");
	cfg->require_signature = TK_AUTO;
	cfg->layout = TK_LAYOUT_CARDS;
	cfg->crawl_position = TK_POS_BOTTOM;
	cfg->viewing_distance = 500;
	cfg->screen_diagonal = 43;
	cfg->speed = 2;
	cfg->card_seconds = 10;
	cfg->card_max_seconds = 30;
	cfg->crawl_articles = 20;
	cfg->labels = 1;
	cfg->crawl_bg = 0x0b1d3aff;
	cfg->crawl_fg = 0xffffffff;
	cfg->accent = 0xf2b705ff;
	cfg->card_bg = 0x101418ff;
	cfg->card_fg = 0xf4f4f0ff;
	cfg->log_level = 2;
}

static const struct tk_cfg_key *tk_cfg_find(const char *key)
{
	for (size_t i = 0; i < TK_CFG_NKEYS; i++)
		if (!strcmp(tk_cfg_keys[i].name, key))
			return &tk_cfg_keys[i];
	return NULL;
}

static int tk_cfg_parse_color(const char *v, uint32_t *out)
{
	char *end;
	unsigned long x;
	size_t n;

	if (*v == '#')
		v++;
	n = strlen(v);
	if ((n != 6 && n != 8) || !isxdigit((unsigned char)*v))
		return -1;
	errno = 0;
	x = strtoul(v, &end, 16);
	if (errno || *end)
		return -1;
	*out = n == 6 ? (uint32_t)(x << 8 | 0xff) : (uint32_t)x;
	return 0;
}

static const char tk_cfg_msg_device[] =
    "cannot be changed from a USB stick (only in /etc/ticker/ticker.conf on the ticker itself)";
static const char tk_cfg_msg_range[] = "outside what a USB stick may set";

static const char *tk_cfg_set_long(const struct tk_cfg_key *k, enum tk_config_origin from,
				   const char *value, long *field)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (end == value || *end || errno)
		return "not a whole number";
	if (v < k->min || v > k->max)
		return "out of range";
	if (!strcmp(k->name, "rotation") && v % 90)
		return "must be 0, 90, 180 or 270";
	if (from == TK_CONFIG_STICK && !(k->stick.zero && v == 0) &&
	    (v < k->stick.min || v > k->stick.max))
		return tk_cfg_msg_range;
	*field = v;
	return NULL;
}

/* Booleans and tristates also take the usual spellings. */
static int tk_cfg_bool_word(const char *value)
{
	if (!strcasecmp(value, "true") || !strcmp(value, "1") || !strcasecmp(value, "on"))
		return 1;
	if (!strcasecmp(value, "false") || !strcmp(value, "0") || !strcasecmp(value, "off"))
		return 0;
	return -1;
}

static const char *tk_cfg_set_enum(const struct tk_cfg_key *k, const char *value, int *field)
{
	int b;

	for (int i = 0; k->choices[i]; i++)
		if (!strcasecmp(k->choices[i], value)) {
			*field = i + k->base;
			return NULL;
		}
	if ((k->choices == tk_bools || k->choices == tk_tristates) &&
	    (b = tk_cfg_bool_word(value)) >= 0) {
		*field = b;
		return NULL;
	}
	if (k->choices == tk_i18n_codes)
		return tk_i18n_refusal();
	return "not one of the allowed values";
}

static const char *tk_cfg_set_color(enum tk_config_origin from, const char *value, uint32_t *field)
{
	uint32_t c;

	if (tk_cfg_parse_color(value, &c))
		return "not a colour (#RRGGBB or #RRGGBBAA)";
	if (from == TK_CONFIG_STICK && (c & 0xff) != 0xff)
		return tk_cfg_msg_range;
	*field = c;
	return NULL;
}

/* screen_on and screen_off_dates must parse (the log names the exact spot). */
static const char *tk_cfg_check_schedule(const struct tk_config *cfg)
{
	struct tk_schedule s;
	char err[128];

	if (tk_schedule_parse(&s, cfg->screen_on, cfg->screen_off_dates, err, sizeof err) == TK_OK)
		return NULL;
	if (strstr(err, "date") || strstr(err, "too many dates"))
		return "not a list of dates like 2026-12-25, 2027-01-01 (at most 64)";
	return "not a schedule like Mon-Fri 07:00-19:30, Sat 09:00-13:00 (at most 32 spans, "
	       "each ending after it starts)";
}

/* A string, checked when it is a schedule key; a refused value leaves the old. */
static const char *tk_cfg_set_str(struct tk_config *cfg, const struct tk_cfg_key *k,
				  const char *value, char *field)
{
	char old[sizeof cfg->screen_off_dates];
	const char *msg;

	if (strlen(value) >= k->size)
		return "too long";
	if (field != cfg->screen_on && field != cfg->screen_off_dates) {
		/* zero-filled: equal settings are equal bytes (copies compare) */
		memset(field, 0, k->size);
		memcpy(field, value, strlen(value));
		return NULL;
	}
	memcpy(old, field, k->size);
	memset(field, 0, k->size);
	memcpy(field, value, strlen(value));
	msg = tk_cfg_check_schedule(cfg);
	if (msg)
		memcpy(field, old, k->size);
	return msg;
}

static const char *tk_cfg_set(struct tk_config *cfg, enum tk_config_origin from,
			      const struct tk_cfg_key *k, const char *value)
{
	char *field = (char *)cfg + k->offset;

	if (from == TK_CONFIG_STICK && k->stick.who != TK_CFG_STICK)
		return tk_cfg_msg_device;
	switch (k->type) {
	case TK_CFG_LONG:
		return tk_cfg_set_long(k, from, value, (long *)(void *)field);
	case TK_CFG_STR:
		return tk_cfg_set_str(cfg, k, value, field);
	case TK_CFG_ENUM:
		return tk_cfg_set_enum(k, value, (int *)(void *)field);
	case TK_CFG_COLOR:
		return tk_cfg_set_color(from, value, (uint32_t *)(void *)field);
	}
	return "internal error";
}

int tk_config_set_from(struct tk_config *cfg, enum tk_config_origin from, const char *key,
		       const char *value, const char **msg)
{
	const struct tk_cfg_key *k = tk_cfg_find(key);

	*msg = k ? tk_cfg_set(cfg, from, k, value) : "unknown key";
	return *msg ? TK_EINVAL : TK_OK;
}

int tk_config_set(struct tk_config *cfg, const char *key, const char *value, const char **msg)
{
	return tk_config_set_from(cfg, TK_CONFIG_DEVICE, key, value, msg);
}

/* ---- contrast: a stick may pick colours, not invisible text ------------- */

static double tk_cfg_luminance(uint32_t rgba)
{
	double l = 0;
	static const double w[3] = {0.2126, 0.7152, 0.0722};

	for (int i = 0; i < 3; i++) {
		double c = (double)((rgba >> (24 - 8 * i)) & 0xff) / 255.0;

		/* sRGB to linear, approximated by a square: close enough for a floor */
		l += w[i] * c * c;
	}
	return l;
}

static double tk_cfg_contrast(uint32_t a, uint32_t b)
{
	double la = tk_cfg_luminance(a), lb = tk_cfg_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* A key the stick file set (so a cross-key rule is the stick's doing, not the
 * device's own choice). */
static int tk_cfg_touched(const unsigned char *touched, const char *key)
{
	const struct tk_cfg_key *k = tk_cfg_find(key);

	return k && touched[k - tk_cfg_keys];
}

static int tk_cfg_pair_bad(const unsigned char *touched, const char *a, uint32_t ca, const char *b,
			   uint32_t cb, double min)
{
	return (tk_cfg_touched(touched, a) || tk_cfg_touched(touched, b)) &&
	       tk_cfg_contrast(ca, cb) < min;
}

/* Rules across keys for what a stick set: text stays readable on its
 * background. (That the crawl text fits its band is the renderer's rule, for
 * every origin.) NULL, or what is wrong. */
static const char *tk_cfg_stick_cross_check(const struct tk_config *cfg,
					    const unsigned char *touched)
{
	if (tk_cfg_pair_bad(touched, "crawl_fg", cfg->crawl_fg, "crawl_bg", cfg->crawl_bg,
			    TK_CONFIG_MIN_CONTRAST))
		return "crawl_fg and crawl_bg are too alike to read";
	if (tk_cfg_pair_bad(touched, "card_fg", cfg->card_fg, "card_bg", cfg->card_bg,
			    TK_CONFIG_MIN_CONTRAST))
		return "card_fg and card_bg are too alike to read";
	if (tk_cfg_pair_bad(touched, "accent", cfg->accent, "crawl_bg", cfg->crawl_bg,
			    TK_CONFIG_MIN_ACCENT_CONTRAST) ||
	    tk_cfg_pair_bad(touched, "accent", cfg->accent, "card_bg", cfg->card_bg,
			    TK_CONFIG_MIN_ACCENT_CONTRAST))
		return "accent is too close to a background colour to read";
	return NULL;
}

/* ---- lines --------------------------------------------------------------- */

struct tk_cfg_parse {
	struct tk_config *cfg;
	enum tk_config_origin from;
	tk_config_report_fn report;
	void *ctx;
	int line, bad;
	unsigned char touched[TK_CFG_NKEYS]; /* keys this text set */
};

static void tk_cfg_problem(struct tk_cfg_parse *ps, const char *key, const char *msg)
{
	ps->bad++;
	if (ps->report)
		ps->report(ps->ctx, ps->line, key, msg);
}

static int tk_cfg_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Only space and tab are trimmed: any other control byte stays in the key or
 * value and fails it, so "require_signature\v" is never "require_signature". */
static void tk_cfg_trim(const char **s, const char **e)
{
	while (*s < *e && tk_cfg_blank(**s))
		(*s)++;
	while (*e > *s && tk_cfg_blank((*e)[-1]))
		(*e)--;
}

/* First control byte of [s, e) other than tab (DEL counts), or NULL. */
static const char *tk_cfg_control(const char *s, const char *e)
{
	for (; s < e; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return s;
	return NULL;
}

/* Cut a trailing "# comment" from the value [vs, ve). A comment starts at a '#'
 * at the value's start or after a blank, except the '#' that begins a colour.
 * A quoted value ends at its closing quote; only a comment may follow it.
 * Returns 0, or -1 when text follows a closing quote. */
static int tk_cfg_cut_comment(const struct tk_cfg_key *k, const char **vs, const char **ve)
{
	const char *p = *vs;

	if (p < *ve && (*p == '"' || *p == '\'')) {
		const char *q = memchr(p + 1, *p, (size_t)(*ve - p - 1)), *r;

		if (!q)
			return 0; /* an unclosed quote is kept as written */
		for (r = q + 1; r < *ve && tk_cfg_blank(*r); r++)
			;
		if (r < *ve && *r != '#')
			return -1;
		*vs = p + 1;
		*ve = q;
		return 0;
	}
	if (k && k->type == TK_CFG_COLOR && p < *ve && *p == '#')
		p++;
	for (; p < *ve; p++)
		if (*p == '#' && (p == *vs || tk_cfg_blank(p[-1]))) {
			*ve = p;
			break;
		}
	tk_cfg_trim(vs, ve);
	return 0;
}

/* Split a non-blank, non-comment line into key and value (trimmed, quotes
 * and trailing comment removed). Returns 0, or -1 after reporting. */
static int tk_cfg_split(struct tk_cfg_parse *ps, const char *ls, const char *le, char *key,
			size_t ksize, char *val, size_t vsize)
{
	const char *eq = memchr(ls, '=', (size_t)(le - ls)), *ks = ls, *ke, *vs, *ve;

	if (tk_cfg_control(ls, le)) {
		tk_cfg_problem(ps, "", "control character in line");
		return -1;
	}
	if (!eq) {
		tk_cfg_problem(ps, "", "expected key = value");
		return -1;
	}
	ke = eq, vs = eq + 1, ve = le;
	tk_cfg_trim(&ks, &ke);
	tk_cfg_trim(&vs, &ve);
	if ((size_t)(ke - ks) >= ksize) {
		tk_cfg_problem(ps, "", "key too long");
		return -1;
	}
	memcpy(key, ks, (size_t)(ke - ks));
	key[ke - ks] = '\0';
	if (tk_cfg_cut_comment(tk_cfg_find(key), &vs, &ve)) {
		tk_cfg_problem(ps, key, "text after the closing quote");
		return -1;
	}
	if ((size_t)(ve - vs) >= vsize) {
		tk_cfg_problem(ps, key, "value too long");
		return -1;
	}
	memcpy(val, vs, (size_t)(ve - vs));
	val[ve - vs] = '\0';
	return 0;
}

static void tk_cfg_line(struct tk_cfg_parse *ps, const char *ls, const char *le)
{
	char key[64], val[TK_CONFIG_PATH_MAX + 1], why[128], allowed[80];
	const char *msg;

	tk_cfg_trim(&ls, &le);
	if (ls == le || *ls == '#' || *ls == ';' ||
	    tk_cfg_split(ps, ls, le, key, sizeof key, val, sizeof val))
		return;
	if (!tk_config_set_from(ps->cfg, ps->from, key, val, &msg)) {
		ps->touched[tk_cfg_find(key) - tk_cfg_keys] = 1;
		return;
	}
	if (msg == tk_cfg_msg_range) {
		/* say what a stick may set instead */
		tk_config_key_stick((size_t)(tk_cfg_find(key) - tk_cfg_keys), allowed,
				    sizeof allowed);
		snprintf(why, sizeof why, "%s: %s", msg,
			 strncmp(allowed, "stick: ", 7) ? allowed : allowed + 7);
		msg = why;
	}
	tk_cfg_problem(ps, key, msg);
}

/* A stick file with a control byte anywhere (other than tab, and CR before a
 * line end) is refused whole: it is not a hand-edited settings file. */
static int tk_cfg_stick_controls(struct tk_cfg_parse *ps, const char *p, const char *end)
{
	for (ps->line = 1; p < end; ps->line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *le = eol ? eol : end, *c;

		if (le > p && le[-1] == '\r')
			le--;
		if ((c = tk_cfg_control(p, le))) {
			char msg[96];

			snprintf(msg, sizeof msg,
				 "control character 0x%02x in line: the whole file is refused",
				 (unsigned char)*c);
			tk_cfg_problem(ps, "", msg);
			return -1;
		}
		p = eol ? eol + 1 : end;
	}
	return 0;
}

int tk_config_parse_from(struct tk_config *cfg, enum tk_config_origin from, const char *text,
			 size_t len, tk_config_report_fn report, void *ctx)
{
	struct tk_cfg_parse ps = {cfg, from, report, ctx, 0, 0, {0}};
	const char *p = text, *end = text + len, *msg;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3; /* a UTF-8 byte order mark, as Notepad writes */
	if (from == TK_CONFIG_STICK && tk_cfg_stick_controls(&ps, p, end))
		return TK_EINVAL;
	for (ps.line = 1; p < end; ps.line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *le = eol ? eol : end;

		if (le > p && le[-1] == '\r')
			le--;
		tk_cfg_line(&ps, p, le);
		p = eol ? eol + 1 : end;
	}
	if (from == TK_CONFIG_STICK && !ps.bad &&
	    (msg = tk_cfg_stick_cross_check(cfg, ps.touched))) {
		ps.line = 0;
		tk_cfg_problem(&ps, "", msg);
	}
	return ps.bad ? TK_EINVAL : TK_OK;
}

int tk_config_parse(struct tk_config *cfg, const char *text, size_t len, tk_config_report_fn report,
		    void *ctx)
{
	return tk_config_parse_from(cfg, TK_CONFIG_DEVICE, text, len, report, ctx);
}

/* A string value as the parser reads it back: quoted when it has a '#', a
 * quote first, or blanks at an end (a value holding both quote marks and
 * needing quotes cannot be written; it is written bare). */
static void tk_cfg_dump_str(const char *s, char *v, size_t size)
{
	size_t n = strlen(s);
	int quote = n && (strchr(s, '#') || *s == '"' || *s == '\'' || tk_cfg_blank(*s) ||
			  tk_cfg_blank(s[n - 1]));
	char q = strchr(s, '"') ? '\'' : '"';

	if (quote && !strchr(s, q))
		snprintf(v, size, "%c%s%c", q, s, q);
	else
		snprintf(v, size, "%s", s);
}

size_t tk_config_dump(const struct tk_config *cfg, char *buf, size_t size)
{
	size_t n = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < TK_CFG_NKEYS; i++) {
		const struct tk_cfg_key *k = &tk_cfg_keys[i];
		const char *field = (const char *)cfg + k->offset;
		char v[TK_CONFIG_PATH_MAX + 16];
		int w;

		switch (k->type) {
		case TK_CFG_LONG:
			snprintf(v, sizeof v, "%ld", *(const long *)(const void *)field);
			break;
		case TK_CFG_STR:
			tk_cfg_dump_str(field, v, sizeof v);
			break;
		case TK_CFG_ENUM:
			snprintf(v, sizeof v, "%s",
				 k->choices[*(const int *)(const void *)field - k->base]);
			break;
		case TK_CFG_COLOR: {
			uint32_t c = *(const uint32_t *)(const void *)field;
			if ((c & 0xff) == 0xff)
				snprintf(v, sizeof v, "#%06x", c >> 8);
			else
				snprintf(v, sizeof v, "#%08x", c);
			break;
		}
		}
		w = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, "%s = %s\n",
			     k->name, v);
		if (w > 0)
			n += (size_t)w;
	}
	return n;
}

size_t tk_config_key_count(void)
{
	return TK_CFG_NKEYS;
}

const char *tk_config_key_name(size_t i)
{
	return i < TK_CFG_NKEYS ? tk_cfg_keys[i].name : NULL;
}

const char *tk_config_key_help(size_t i)
{
	return i < TK_CFG_NKEYS ? tk_cfg_keys[i].help : NULL;
}

int tk_config_key_stick(size_t i, char *buf, size_t size)
{
	const struct tk_cfg_key *k = i < TK_CFG_NKEYS ? &tk_cfg_keys[i] : NULL;

	if (!k || k->stick.who == TK_CFG_UNDECLARED) {
		snprintf(buf, size, "undeclared (device only)");
		return -1;
	}
	if (k->stick.who == TK_CFG_DEVICE)
		snprintf(buf, size, "device only");
	else if (k->type == TK_CFG_LONG)
		snprintf(buf, size, "stick: %s%ld..%ld", k->stick.zero ? "0 or " : "", k->stick.min,
			 k->stick.max);
	else if (k->type == TK_CFG_COLOR)
		snprintf(buf, size, "stick: opaque #RRGGBB, readable on its background");
	else
		snprintf(buf, size, "stick: any");
	return k->stick.who == TK_CFG_STICK;
}

int tk_config_key_range(size_t i, long *min, long *max)
{
	if (i >= TK_CFG_NKEYS || tk_cfg_keys[i].type != TK_CFG_LONG)
		return 0;
	*min = tk_cfg_keys[i].min;
	*max = tk_cfg_keys[i].max;
	return 1;
}
