/* Show dates: see showdates.h. */
#include "showdates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "cache.h"
#include "err.h"
#include "mem.h"
#include "takedown.h"

/* Local midnight starting day YYYY-MM-DD (plus days); -1 if not a date. */
static int tk_sd_day(const char *s, int days, int64_t *out)
{
	struct tm tm = {0};
	int y, m, d, used = 0;
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mon != m - 1 || tm.tm_mday != d) /* 2026-02-30 */
		return -1;
	tm.tm_mday += days;
	tm.tm_hour = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

/* Take a trailing "WORD DATE" off line; 1 if found, -1 if bad, 0 if absent. */
static int tk_sd_take(char *line, const char *word, int days, int64_t *out)
{
	size_t n = strlen(line), w = strlen(word), k;

	while (n && strchr(" \t", line[n - 1]))
		line[--n] = '\0';
	if (n < w + 12)
		return 0;
	k = n - 10; /* the date starts here; blanks and the word before it */
	if (!strchr(" \t", line[k - 1]))
		return 0;
	while (k > 0 && strchr(" \t", line[k - 1]))
		k--;
	if (k < w || strncasecmp(line + k - w, word, w) ||
	    (k > w && !strchr(" \t", line[k - w - 1])))
		return 0;
	if (tk_sd_day(line + n - 10, days, out))
		return -1;
	line[k - w] = '\0';
	return 1;
}

int tk_showdates_parse_line(char *line, int64_t *from, int64_t *until, const char **why)
{
	int a, b, c = 0;
	size_t n;

	*from = *until = TK_SHOWDATES_OPEN;
	/* either order: "from X until Y" or "until Y from X" */
	a = tk_sd_take(line, "until", 1, until);
	b = tk_sd_take(line, "from", 0, from);
	if (a == 0 && b >= 0)
		c = a = tk_sd_take(line, "until", 1, until);
	if (a < 0 || b < 0 || c < 0 || (a == 0 && b == 0)) {
		*why = a < 0 || b < 0 || c < 0 ? "not a date (write it as 2026-12-24)"
					       : "no \"from DATE\" or \"until DATE\" at the end";
		return -1;
	}
	if (*from != TK_SHOWDATES_OPEN && *until != TK_SHOWDATES_OPEN && *until <= *from) {
		*why = "the \"until\" date is before the \"from\" date";
		return -1;
	}
	n = strlen(line);
	while (n && strchr(" \t", line[n - 1]))
		line[--n] = '\0';
	if (!n) {
		*why = "no article named before the dates";
		return -1;
	}
	return 0;
}

int tk_showdates_shown(int64_t from, int64_t until, int64_t now)
{
	return (from == TK_SHOWDATES_OPEN || now >= from) &&
	       (until == TK_SHOWDATES_OPEN || now < until);
}

/* One state line's fields; 0, or -1 if malformed. name points into line. */
static int tk_sd_state_line(const char *line, int64_t *from, int64_t *until, const char **name)
{
	int64_t *v[2] = {from, until};
	const char *p = line;

	for (int i = 0; i < 2; i++) {
		char *end;

		if (*p == '-') {
			*v[i] = TK_SHOWDATES_OPEN;
			end = (char *)p + 1;
		} else {
			*v[i] = strtoll(p, &end, 10);
			if (end == p)
				return -1;
		}
		if (*end != ' ')
			return -1;
		p = end + 1;
	}
	*name = p;
	return 0;
}

void tk_showdates_lookup(const char *state, const char *name, int64_t *from, int64_t *until)
{
	size_t nlen = strlen(name);

	*from = *until = TK_SHOWDATES_OPEN;
	for (const char *p = state; p && *p;) {
		const char *nl = strchr(p, '\n'), *nm;
		int64_t f, u;

		if (!tk_sd_state_line(p, &f, &u, &nm) &&
		    (size_t)((nl ? nl : nm + strlen(nm)) - nm) == nlen &&
		    !strncmp(nm, name, nlen)) {
			*from = f;
			*until = u;
		}
		p = nl ? nl + 1 : NULL;
	}
}

struct tk_sd_new {
	char name[256];
	int64_t from, until;
};

/* Parse the stick's lines into windows for cached articles, reporting each. */
static int tk_sd_read_new(struct tk_cache *c, const char *text, size_t len, tk_showdates_fn report,
			  void *ctx, struct tk_sd_new **out, size_t *n)
{
	const char *p = text, *end = text + len;
	struct tk_sd_new *v = NULL;
	size_t cap = 0;
	int no = 0;

	*n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *why = NULL, *hit;
		char line[1024];
		size_t l;
		int64_t f, u;

		nl = nl ? nl : end;
		l = (size_t)(nl - p) < sizeof line - 1 ? (size_t)(nl - p) : sizeof line - 1;
		memcpy(line, p, l);
		line[l] = '\0';
		p = nl + 1;
		no++;
		l = strspn(line, " \t\r\xef\xbb\xbf");
		memmove(line, line + l, strlen(line + l) + 1);
		line[strcspn(line, "\r")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (tk_showdates_parse_line(line, &f, &u, &why)) {
			report(ctx, no, 0, line, why);
			continue;
		}
		hit = tk_takedown_find(c, line, 0);
		if (!hit) {
			report(ctx, no, 0, line,
			       "not on the ticker (no article file or headline by that name)");
			continue;
		}
		if (tk_buf_grow(&v, &cap, *n, sizeof *v, 16)) {
			tk_free(v);
			return TK_ENOMEM;
		}
		snprintf(v[*n].name, sizeof v[*n].name, "%s", hit);
		v[*n].from = f;
		v[*n].until = u;
		report(ctx, no, 1, v[*n].name, "show dates set");
		++*n;
	}
	*out = v;
	return TK_OK;
}

static size_t tk_sd_fmt(char *b, size_t z, int64_t from, int64_t until, const char *name)
{
	char f[24] = "-", u[24] = "-";

	if (from != TK_SHOWDATES_OPEN)
		snprintf(f, sizeof f, "%lld", (long long)from);
	if (until != TK_SHOWDATES_OPEN)
		snprintf(u, sizeof u, "%lld", (long long)until);
	return (size_t)snprintf(b, z, "%s %s %s\n", f, u, name);
}

int tk_showdates_apply(struct tk_cache *c, const char *text, size_t len, tk_showdates_fn report,
		       void *ctx)
{
	char *old = tk_calloc(1, TK_SHOWDATES_MAX + 1), *buf = tk_malloc(TK_SHOWDATES_MAX);
	struct tk_sd_new *v = NULL;
	struct tk_cache_info info;
	size_t nv = 0, n = 0;
	int err = old && buf ? TK_OK : TK_ENOMEM;

	if (!err && tk_cache_read_state(c, TK_SHOWDATES_STATE, old, TK_SHOWDATES_MAX + 1))
		old[0] = '\0';
	if (!err)
		err = tk_sd_read_new(c, text, len, report, ctx, &v, &nv);
	for (size_t i = 0; !err && tk_cache_get(c, i, &info) == TK_OK; i++) {
		int64_t f, u;
		size_t k = nv;

		while (k > 0 && strcmp(v[k - 1].name, info.name))
			k--;
		if (k) {
			f = v[k - 1].from;
			u = v[k - 1].until;
		} else {
			tk_showdates_lookup(old, info.name, &f, &u);
		}
		if ((f != TK_SHOWDATES_OPEN || u != TK_SHOWDATES_OPEN) &&
		    n + 300 < TK_SHOWDATES_MAX)
			n += tk_sd_fmt(buf + n, TK_SHOWDATES_MAX - n, f, u, info.name);
	}
	if (!err)
		err = n ? tk_cache_write_state(c, TK_SHOWDATES_STATE, buf, n)
			: tk_cache_remove_state(c, TK_SHOWDATES_STATE);
	tk_free(v);
	tk_free(old);
	tk_free(buf);
	return err;
}

void tk_showdates_describe(const char *state, const char *name, int64_t now, char *out, size_t size)
{
	char a[32] = "", b[32] = "";
	int64_t f, u;
	struct tm tm;
	time_t t;

	out[0] = '\0';
	tk_showdates_lookup(state, name, &f, &u);
	if (f == TK_SHOWDATES_OPEN && u == TK_SHOWDATES_OPEN)
		return;
	if (f != TK_SHOWDATES_OPEN && (t = (time_t)f, localtime_r(&t, &tm)))
		strftime(a, sizeof a, " from %F", &tm);
	if (u != TK_SHOWDATES_OPEN && (t = (time_t)(u - 1), localtime_r(&t, &tm)))
		strftime(b, sizeof b, " until %F", &tm);
	snprintf(out, size, "; shown%s%s%s", a, b,
		 tk_showdates_shown(f, u, now) ? "" : ": NOT SHOWN NOW");
}
