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

struct tk_config {
	/* content */
	char cache_dir[TK_CONFIG_PATH_MAX];
	char assets_dir[TK_CONFIG_PATH_MAX];
	long max_file_bytes;
	long quotes_per_article;
	long figures_per_article;
	/* import */
	long max_articles;
	long max_cache_bytes;
	long expire_days;
	long urgent_hours;
	char urgent_name[64];
	char keys_dir[TK_CONFIG_PATH_MAX];
	int require_signature; /* enum tk_tristate: auto = yes when a key is installed */
	/* display */
	int layout;	    /* enum tk_layout */
	int crawl_position; /* enum tk_position */
	long crawl_height;  /* pixels; 0 = a ninth of the screen height */
	long font_size;	    /* pixels; 0 = from crawl_height */
	long speed;	    /* pixels per frame */
	long speed_px_s;    /* pixels per second (whole px per frame); 0 = use speed */
	long card_seconds;
	long crawl_articles; /* the crawl shows the newest N articles; 0 = all */
	long rotation;	     /* 0, 90, 180, 270 */
	int labels;	     /* bool */
	uint32_t crawl_bg, crawl_fg, accent, card_bg, card_fg; /* 0xRRGGBBAA */
	char font[TK_CONFIG_PATH_MAX]; /* extra font file tried first; empty = bundled */
	char video_driver[32];	       /* empty = auto (kmsdrm on a console) */
	int log_level;		       /* enum tk_log_level */
};

/* Fill cfg with the compiled defaults. */
void tk_config_defaults(struct tk_config *cfg);

/* Called once per problem found while parsing: line number (0 for flags), key
 * and a one-line message. */
typedef void (*tk_config_report_fn)(void *ctx, int line, const char *key, const char *msg);

/* Set one key from its text value. Returns TK_OK, or TK_EINVAL with *msg set
 * to a static explanation (unknown key, bad number, out of range, ...). */
int tk_config_set(struct tk_config *cfg, const char *key, const char *value, const char **msg);

/* Parse "key = value" text (comments with #, blank lines ignored) into cfg.
 * Every problem is reported; returns TK_OK when there were none, else
 * TK_EINVAL (cfg then holds a partial update: parse into a copy to keep the
 * whole-or-nothing rule). */
int tk_config_parse(struct tk_config *cfg, const char *text, size_t len, tk_config_report_fn report,
		    void *ctx);

/* Write every key with its current value, one "key = value" per line, into
 * buf (always NUL-terminated). Returns the length it needed. */
size_t tk_config_dump(const struct tk_config *cfg, char *buf, size_t size);

/* Number of known keys, and the name and one-line help of the i-th. */
size_t tk_config_key_count(void);
const char *tk_config_key_name(size_t i);
const char *tk_config_key_help(size_t i);

#endif
