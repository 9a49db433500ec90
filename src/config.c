/* Table-driven configuration: one row per key gives its type, limits and help,
 * so parsing, validation, dumping and documentation share one list. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "err.h"

enum tk_cfg_type { TK_CFG_LONG, TK_CFG_STR, TK_CFG_ENUM, TK_CFG_COLOR };

struct tk_cfg_key {
	const char *name;
	enum tk_cfg_type type;
	size_t offset, size;
	long min, max;		    /* TK_CFG_LONG */
	const char *const *choices; /* TK_CFG_ENUM, NULL-terminated; value = index + base */
	int base;
	const char *help;
};

static const char *const tk_layouts[] = {"crawl", "cards", NULL};
static const char *const tk_positions[] = {"bottom", "top", NULL};
static const char *const tk_tristates[] = {"auto", "no", "yes", NULL};
static const char *const tk_bools[] = {"no", "yes", NULL};
static const char *const tk_levels[] = {"error", "warning", "info", "debug", NULL};

#define F(field) offsetof(struct tk_config, field), sizeof(((struct tk_config *)0)->field)
static const struct tk_cfg_key tk_cfg_keys[] = {
    {"cache_dir", TK_CFG_STR, F(cache_dir), 0, 0, NULL, 0, "directory of cached articles"},
    {"assets_dir", TK_CFG_STR, F(assets_dir), 0, 0, NULL, 0,
     "directory with fonts/ and demo/ (demo articles shown when the cache is empty)"},
    {"max_file_bytes", TK_CFG_LONG, F(max_file_bytes), 1, 1L << 30, NULL, 0,
     "largest article file read, in bytes"},
    {"quotes_per_article", TK_CFG_LONG, F(quotes_per_article), 0, 50, NULL, 0,
     "quotations shown per article"},
    {"figures_per_article", TK_CFG_LONG, F(figures_per_article), 0, 50, NULL, 0,
     "key figures shown per article"},
    {"max_articles", TK_CFG_LONG, F(max_articles), 1, 100000, NULL, 0,
     "articles kept in the cache; the oldest are evicted first"},
    {"max_cache_bytes", TK_CFG_LONG, F(max_cache_bytes), 1024, LONG_MAX, NULL, 0,
     "bytes kept in the cache; the oldest are evicted first"},
    {"expire_days", TK_CFG_LONG, F(expire_days), 0, 36500, NULL, 0,
     "articles older than this many days are dropped (0 = never)"},
    {"urgent_hours", TK_CFG_LONG, F(urgent_hours), 1, 24 * 365, NULL, 0,
     "how long an urgent notice stays on screen"},
    {"urgent_name", TK_CFG_STR, F(urgent_name), 0, 0, NULL, 0,
     "file name on the stick that holds the urgent notice"},
    {"keys_dir", TK_CFG_STR, F(keys_dir), 0, 0, NULL, 0,
     "directory of trusted public keys for signed drops"},
    {"require_signature", TK_CFG_ENUM, F(require_signature), 0, 0, tk_tristates, -1,
     "refuse unsigned drops: auto = yes whenever a key is installed"},
    {"layout", TK_CFG_ENUM, F(layout), 0, 0, tk_layouts, 0,
     "crawl = crawl only; cards = article cards above the crawl"},
    {"crawl_position", TK_CFG_ENUM, F(crawl_position), 0, 0, tk_positions, 0,
     "where the crawl band sits"},
    {"crawl_height", TK_CFG_LONG, F(crawl_height), 0, 4096, NULL, 0,
     "crawl band height in pixels (0 = a ninth of the screen)"},
    {"font_size", TK_CFG_LONG, F(font_size), 0, 1024, NULL, 0,
     "crawl text size in pixels (0 = from the band height)"},
    {"speed", TK_CFG_LONG, F(speed), 1, 32, NULL, 0,
     "crawl speed in whole pixels per display frame"},
    {"speed_px_s", TK_CFG_LONG, F(speed_px_s), 0, 4000, NULL, 0,
     "crawl speed in pixels per second, as whole pixels per frame at the display's "
     "refresh (0 = use speed)"},
    {"card_seconds", TK_CFG_LONG, F(card_seconds), 2, 3600, NULL, 0,
     "seconds each article card stays up"},
    {"crawl_articles", TK_CFG_LONG, F(crawl_articles), 0, 100000, NULL, 0,
     "the crawl loops over the newest N articles (0 = all); cards go through all"},
    {"rotation", TK_CFG_LONG, F(rotation), 0, 270, NULL, 0,
     "screen rotation in degrees: 0, 90, 180 or 270"},
    {"labels", TK_CFG_ENUM, F(labels), 0, 0, tk_bools, 0,
     "show a label chip (QUOTE, FIGURE, source) before crawl items"},
    {"crawl_bg", TK_CFG_COLOR, F(crawl_bg), 0, 0, NULL, 0, "crawl background, #RRGGBB"},
    {"crawl_fg", TK_CFG_COLOR, F(crawl_fg), 0, 0, NULL, 0, "crawl text colour, #RRGGBB"},
    {"accent", TK_CFG_COLOR, F(accent), 0, 0, NULL, 0,
     "accent colour (figures, chips, separators)"},
    {"card_bg", TK_CFG_COLOR, F(card_bg), 0, 0, NULL, 0, "cards background"},
    {"card_fg", TK_CFG_COLOR, F(card_fg), 0, 0, NULL, 0, "cards text colour"},
    {"font", TK_CFG_STR, F(font), 0, 0, NULL, 0,
     "extra font file tried before the bundled ones (empty = none)"},
    {"video_driver", TK_CFG_STR, F(video_driver), 0, 0, NULL, 0,
     "SDL video driver (empty = kmsdrm on a console, else the desktop's)"},
    {"log_level", TK_CFG_ENUM, F(log_level), 0, 0, tk_levels, 0, "error, warning, info or debug"},
};
#undef F
#define TK_CFG_NKEYS (sizeof tk_cfg_keys / sizeof tk_cfg_keys[0])

void tk_config_defaults(struct tk_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->cache_dir, sizeof cfg->cache_dir, "/var/lib/ticker/cache");
	snprintf(cfg->assets_dir, sizeof cfg->assets_dir, "%s", TK_DATADIR);
	cfg->max_file_bytes = 4L << 20;
	cfg->quotes_per_article = 3;
	cfg->figures_per_article = 2;
	cfg->max_articles = 1000;
	cfg->max_cache_bytes = 256L << 20;
	cfg->expire_days = 30;
	cfg->urgent_hours = 24;
	snprintf(cfg->urgent_name, sizeof cfg->urgent_name, "URGENT.txt");
	snprintf(cfg->keys_dir, sizeof cfg->keys_dir, "/etc/ticker/keys.d");
	cfg->require_signature = TK_AUTO;
	cfg->layout = TK_LAYOUT_CARDS;
	cfg->crawl_position = TK_POS_BOTTOM;
	cfg->speed = 2;
	cfg->card_seconds = 10;
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

int tk_config_set(struct tk_config *cfg, const char *key, const char *value, const char **msg)
{
	const struct tk_cfg_key *k = tk_cfg_find(key);
	char *field;

	if (!k) {
		*msg = "unknown key";
		return TK_EINVAL;
	}
	field = (char *)cfg + k->offset;
	switch (k->type) {
	case TK_CFG_LONG: {
		char *end;
		long v;

		errno = 0;
		v = strtol(value, &end, 10);
		if (end == value || *end || errno) {
			*msg = "not a whole number";
			return TK_EINVAL;
		}
		if (v < k->min || v > k->max) {
			*msg = "out of range";
			return TK_EINVAL;
		}
		if (!strcmp(key, "rotation") && v % 90) {
			*msg = "must be 0, 90, 180 or 270";
			return TK_EINVAL;
		}
		*(long *)(void *)field = v;
		return TK_OK;
	}
	case TK_CFG_STR:
		if (strlen(value) >= k->size) {
			*msg = "too long";
			return TK_EINVAL;
		}
		memcpy(field, value, strlen(value) + 1);
		return TK_OK;
	case TK_CFG_ENUM:
		for (int i = 0; k->choices[i]; i++)
			if (!strcasecmp(k->choices[i], value)) {
				*(int *)(void *)field = i + k->base;
				return TK_OK;
			}
		/* Booleans and tristates also take the usual spellings. */
		if (k->choices == tk_bools || k->choices == tk_tristates) {
			if (!strcasecmp(value, "true") || !strcmp(value, "1") ||
			    !strcasecmp(value, "on")) {
				*(int *)(void *)field = 1;
				return TK_OK;
			}
			if (!strcasecmp(value, "false") || !strcmp(value, "0") ||
			    !strcasecmp(value, "off")) {
				*(int *)(void *)field = 0;
				return TK_OK;
			}
		}
		*msg = "not one of the allowed values";
		return TK_EINVAL;
	case TK_CFG_COLOR:
		if (tk_cfg_parse_color(value, (uint32_t *)(void *)field)) {
			*msg = "not a colour (#RRGGBB or #RRGGBBAA)";
			return TK_EINVAL;
		}
		return TK_OK;
	}
	*msg = "internal error";
	return TK_EINVAL;
}

static void tk_cfg_trim(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

int tk_config_parse(struct tk_config *cfg, const char *text, size_t len, tk_config_report_fn report,
		    void *ctx)
{
	const char *p = text, *end = text + len;
	int line = 0, bad = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *ls = p, *le = eol ? eol : end, *eq;
		char key[64], val[TK_CONFIG_PATH_MAX + 1];
		const char *msg = NULL;

		p = eol ? eol + 1 : end;
		line++;
		tk_cfg_trim(&ls, &le);
		if (ls == le || *ls == '#' || *ls == ';')
			continue;
		eq = memchr(ls, '=', (size_t)(le - ls));
		if (!eq) {
			bad++;
			if (report)
				report(ctx, line, "", "expected key = value");
			continue;
		}
		const char *ks = ls, *ke = eq, *vs = eq + 1, *ve = le;
		tk_cfg_trim(&ks, &ke);
		tk_cfg_trim(&vs, &ve);
		/* Quotes around a value are allowed and removed. */
		if (ve - vs >= 2 && (*vs == '"' || *vs == '\'') && ve[-1] == *vs) {
			vs++;
			ve--;
		}
		if ((size_t)(ke - ks) >= sizeof key || (size_t)(ve - vs) >= sizeof val) {
			bad++;
			if (report)
				report(ctx, line, "", "line too long");
			continue;
		}
		memcpy(key, ks, (size_t)(ke - ks));
		key[ke - ks] = '\0';
		memcpy(val, vs, (size_t)(ve - vs));
		val[ve - vs] = '\0';
		if (memchr(key, '\0', (size_t)(ke - ks)) || memchr(val, '\0', (size_t)(ve - vs))) {
			bad++;
			if (report)
				report(ctx, line, "", "NUL byte in line");
			continue;
		}
		if (tk_config_set(cfg, key, val, &msg)) {
			bad++;
			if (report)
				report(ctx, line, key, msg);
		}
	}
	return bad ? TK_EINVAL : TK_OK;
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
			snprintf(v, sizeof v, "%s", field);
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
