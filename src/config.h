/* Configuration: compiled defaults, then /etc/ticker/ticker.conf (key = value),
 * then command-line flags. The struct is plain data (fixed-size strings), so a
 * copy is a transaction: parse into a copy, keep it only if it all validated. */
#ifndef TK_CONFIG_H
#define TK_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define TK_CONFIG_PATH_MAX 256

enum tk_layout { TK_LAYOUT_CRAWL, TK_LAYOUT_CARDS };
enum tk_position { TK_POS_BOTTOM, TK_POS_TOP };
enum tk_tristate { TK_AUTO = -1, TK_NO = 0, TK_YES = 1 };
enum tk_clock { TK_CLOCK_OFF, TK_CLOCK_CORNER, TK_CLOCK_LABEL };
enum tk_unsigned { TK_UNSIGNED_ARTICLES, TK_UNSIGNED_ALL, TK_UNSIGNED_NONE };

/* Where settings come from. A stick may set only the keys its column in the
 * key table allows, within that column's range (config.c). */
enum tk_config_origin { TK_CONFIG_DEVICE, TK_CONFIG_STICK };

/* Service flags (struct tk_config.service): something the operator should look
 * at, shown as a discreet mark on screen; details are in the log. */
#define TK_SERVICE_DEVICE_CONF 0x1u /* bad lines in ticker.conf: defaults used for them */
#define TK_SERVICE_STICK_CONF 0x2u  /* stored stick settings failed the check: ignored */

/* Largest configuration file read; a bigger one is refused, never cut. */
#define TK_CONFIG_FILE_MAX (64u * 1024u)

/* Colour pairs a stick sets must stay readable (WCAG-style contrast ratio). */
#if !defined(TK_CONFIG_MIN_CONTRAST)
#define TK_CONFIG_MIN_CONTRAST 3.0
#endif
#if !defined(TK_CONFIG_MIN_ACCENT_CONTRAST)
#define TK_CONFIG_MIN_ACCENT_CONTRAST 1.5
#endif

struct tk_config {
	/* content */
	char cache_dir[TK_CONFIG_PATH_MAX];
	char assets_dir[TK_CONFIG_PATH_MAX];
	long max_file_bytes;
	long quotes_per_article;
	long figures_per_article;
	int quotes_need_speaker; /* bool: never show a quote without a sure speaker */
	/* import */
	long max_articles;
	long max_cache_bytes;
	long expire_days;
	long urgent_hours;
	char urgent_name[64];
	char keys_dir[TK_CONFIG_PATH_MAX];
	int require_signature; /* enum tk_tristate: auto = yes when a key is installed */
	int unsigned_sticks;   /* enum tk_unsigned: what an unsigned stick may do */
	long clock_jump_days;  /* a larger clock jump expires nothing until confirmed */
	int stick_preview;     /* bool: write TICKER-PREVIEW.png on the stick after an import */
	/* display */
	int layout;	       /* enum tk_layout */
	int crawl_position;    /* enum tk_position */
	long crawl_height;     /* pixels; 0 = from the legible text size */
	long font_size;	       /* pixels; 0 = legible at viewing_distance */
	long viewing_distance; /* centimetres from the farthest reader to the screen */
	long screen_diagonal;  /* inches, for text sizes legible at viewing_distance */
	long speed;	       /* pixels per frame */
	long speed_px_s;       /* pixels per second (whole px per frame); 0 = use speed */
	long card_seconds;     /* a card's time; the shortest one with reading_wpm */
	long reading_wpm;      /* card time from its words at this speed; 0 = card_seconds */
	long card_max_seconds; /* with reading_wpm: the longest a card stays */
	long crawl_articles;   /* the crawl shows the newest N articles; 0 = all */
	long rotation;	       /* 0, 90, 180, 270 */
	int clock;	       /* enum tk_clock */
	int language;	       /* index of tk_i18n_codes (i18n.h) */
	int labels;	       /* bool */
	uint32_t crawl_bg, crawl_fg, accent, card_bg, card_fg; /* 0xRRGGBBAA */
	char font[TK_CONFIG_PATH_MAX]; /* extra font file tried first; empty = bundled */
	char screen_on[256];	       /* weekly spans the screen is on; empty = always */
	char screen_off_dates[768];    /* YYYY-MM-DD dates the screen stays off */
	char video_driver[32];	       /* empty = auto (kmsdrm on a console) */
	char timezone[64];	       /* tz database name; empty = the system's */
	char app_dir[256];	       /* A/B application slots (update.h) */
	char update_keys_dir[256];     /* public keys that may sign updates */
	int log_level;		       /* enum tk_log_level */
	unsigned service;	       /* TK_SERVICE_*: not a key, set while loading */
	/* Not a key: the settings before the stick's <cache>/.config was applied
	 * (device file and --set; owned by main, lives as long as the command),
	 * for live reloads of .config; NULL = none. */
	const struct tk_config *device;
};

/* What differs between two configurations, for a display that applies a new
 * one live (tk_config_changes). */
enum {
	TK_CHANGE_COLOURS = 1, /* colours or the service mark: recompose at once */
	TK_CHANGE_LAYOUT = 2,  /* sizes, rotation, layout, speed: a new scene */
	TK_CHANGE_CONTENT = 4  /* what the playlist holds: reload it */
};

/* TK_CHANGE_* bits for the keys (and service flags) that differ between a
 * and b; 0 when the screen would show the same. Keys a display cannot apply
 * live (directories, driver, font) count as TK_CHANGE_LAYOUT. Pure. */
unsigned tk_config_changes(const struct tk_config *a, const struct tk_config *b);
/* Copy every key a stick may set from src into dst (the rest of dst stays). */
void tk_config_copy_stick_keys(struct tk_config *dst, const struct tk_config *src);

/* Fill cfg with the compiled defaults. */
void tk_config_defaults(struct tk_config *cfg);

/* Called once per problem found while parsing: line number (0 for flags), key
 * and a one-line message. */
typedef void (*tk_config_report_fn)(void *ctx, int line, const char *key, const char *msg);

/* Set one key from its text value, as the device (ticker.conf, --set) may.
 * Returns TK_OK, or TK_EINVAL with *msg set to a static explanation (unknown
 * key, bad number, out of range, ...). */
int tk_config_set(struct tk_config *cfg, const char *key, const char *value, const char **msg);
/* The same, from a given origin: from TK_CONFIG_STICK a key the stick column
 * does not allow, or a value outside its stick range, is TK_EINVAL. */
int tk_config_set_from(struct tk_config *cfg, enum tk_config_origin from, const char *key,
		       const char *value, const char **msg);

/* Parse "key = value" text into cfg as the device may (tk_config_parse) or
 * from a given origin. Blank lines and lines starting with # or ; are
 * ignored; a trailing "# comment" is cut by value type (a colour's own # is
 * kept); a leading UTF-8 BOM and CRLF line ends are accepted; space and tab
 * are the only blanks. From a stick, a control character anywhere refuses the
 * whole text (nothing applied) and the colour pairs it sets must stay readable.
 * Every problem is reported; returns TK_OK when there were none, else
 * TK_EINVAL (cfg then holds a partial update: parse into a copy to keep the
 * whole-or-nothing rule). */
int tk_config_parse(struct tk_config *cfg, const char *text, size_t len, tk_config_report_fn report,
		    void *ctx);
int tk_config_parse_from(struct tk_config *cfg, enum tk_config_origin from, const char *text,
			 size_t len, tk_config_report_fn report, void *ctx);

/* Write every key with its current value, one "key = value" per line, into
 * buf (always NUL-terminated). Returns the length it needed. */
size_t tk_config_dump(const struct tk_config *cfg, char *buf, size_t size);

/* Number of known keys, and the name and one-line help of the i-th. */
size_t tk_config_key_count(void);
const char *tk_config_key_name(size_t i);
const char *tk_config_key_help(size_t i);
/* Describe what a stick may set for the i-th key into buf ("device only",
 * "stick: 1..16", ...). Returns 1 when a stick may set it, 0 when device only,
 * -1 when the key's row does not declare it (a bug: test_config fails it). */
int tk_config_key_stick(size_t i, char *buf, size_t size);
/* 1 when the i-th key is a number, with its accepted range in *min, *max. */
int tk_config_key_range(size_t i, long *min, long *max);

#endif
