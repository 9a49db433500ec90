/* Article reader: refuses binary/empty/oversized input, sniffs format and
 * encoding, decodes to NFC UTF-8 and splits the text into articles. Plain
 * text and Markdown are parsed here; HTML and feeds in article_html.c and
 * article_feed.c. */
#include <string.h>
#include <strings.h>

#include "article.h"
#include "article_build.h"
#include "article_feed.h"
#include "article_html.h"
#include "article_int.h"
#include "buf.h"
#include "date.h"
#include "err.h"
#include "mem.h"
#include "text.h"

#if !defined(TK_READ_MAX_DEFAULT)
#define TK_READ_MAX_DEFAULT (4u << 20)
#endif

const char *tk_format_name(enum tk_format f)
{
	switch (f) {
	case TK_FMT_TXT:
		return "txt";
	case TK_FMT_MD:
		return "md";
	case TK_FMT_HTML:
		return "html";
	case TK_FMT_RSS:
		return "rss";
	case TK_FMT_ATOM:
		return "atom";
	}
	return "txt";
}

void tk_doc_free(struct tk_doc *doc)
{
	if (!doc)
		return;
	tk_arena_destroy(doc->arena);
	tk_free(doc->arts);
	tk_free(doc);
}

size_t tk_doc_count(const struct tk_doc *doc)
{
	return doc->n;
}

const struct tk_article *tk_doc_article(const struct tk_doc *doc, size_t i)
{
	return i < doc->n ? &doc->arts[i] : NULL;
}

enum tk_format tk_doc_format(const struct tk_doc *doc)
{
	return doc->fmt;
}

const char *tk_doc_encoding(const struct tk_doc *doc)
{
	return doc->enc;
}

/* ---- plain text ---- */

struct tk_line {
	const char *s;
	size_t n;
};

/* The whole line is this text (ASCII case-insensitive, trailing ':' ignored). */
static int tk_line_is(const struct tk_line *l, const char *text)
{
	size_t n = l->n, tl = strlen(text);
	while (n && (l->s[n - 1] == ':' || l->s[n - 1] == ' '))
		n--;
	return n == tl && strncasecmp(l->s, text, tl) == 0;
}

/* Lines after which a release or wire story has only contact details. */
static int tk_line_ends_body(const struct tk_line *l)
{
	size_t w = 0, i;
	if (tk_line_is(l, "###") || tk_line_is(l, "-30-") || tk_line_is(l, "- 30 -") ||
	    tk_line_is(l, "ends") || tk_line_is(l, "- ends -") || tk_line_is(l, "-ends-") ||
	    tk_line_is(l, "media contact") || tk_line_is(l, "media contacts") ||
	    tk_line_is(l, "press contact") || tk_line_is(l, "contact") ||
	    tk_line_is(l, "pressekontakt") || tk_line_is(l, "contact presse") ||
	    tk_line_is(l, "notes to editors"))
		return 1;
	/* "About GreenLoop Recycling" heading of the boilerplate */
	if (l->n > 6 && l->n < 60 && strncmp(l->s, "About ", 6) == 0 && l->s[6] >= 'A' &&
	    l->s[6] <= 'Z' && !memchr(l->s, '.', l->n)) {
		for (i = 0; i < l->n; i++)
			w += l->s[i] == ' ';
		return w <= 5;
	}
	return 0;
}

static int tk_line_blank(const struct tk_line *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	return 1;
}

static void tk_line_trim(struct tk_line *l)
{
	while (l->n && (l->s[l->n - 1] == ' ' || l->s[l->n - 1] == '\t'))
		l->n--;
	while (l->n && (l->s[0] == ' ' || l->s[0] == '\t')) {
		l->s++;
		l->n--;
	}
}

/* Does the line end a sentence (so a following line is a new paragraph)? */
static int tk_line_terminal(const struct tk_line *l)
{
	const unsigned char *e;
	if (!l->n)
		return 1;
	e = (const unsigned char *)l->s + l->n - 1;
	if (strchr(".!?:;\")'", *e))
		return 1;
	/* ” » … ’ ) in UTF-8 */
	if (l->n >= 3 && e[-2] == 0xE2 && e[-1] == 0x80 &&
	    (e[0] == 0x9D || e[0] == 0xA6 || e[0] == 0x99 || e[0] == 0x9C))
		return 1;
	if (l->n >= 2 && e[-1] == 0xC2 && (e[0] == 0xBB || e[0] == 0xAB))
		return 1;
	return 0;
}

static int tk_line_starts_lower(const struct tk_line *l)
{
	unsigned char c = l->n ? (unsigned char)l->s[0] : 'A';
	return (c >= 'a' && c <= 'z') || (c == 0xC3 && l->n > 1 && (unsigned char)l->s[1] >= 0xA0);
}

/* Lines right under the headline that carry metadata: a date, a byline, a
 * source. Returns 1 when the line was consumed. */
static int tk_txt_meta_line(struct tk_doc *d, struct tk_art_build *b, const struct tk_line *l,
			    int *err)
{
	char date[11];
	size_t st, end;

	*err = TK_OK;
	if (l->n > 80)
		return 0;
	if ((tk_ascii_starts_ci(l->s, "by ") || tk_ascii_starts_ci(l->s, "von ") ||
	     tk_ascii_starts_ci(l->s, "par ") || tk_ascii_starts_ci(l->s, "por ")) &&
	    l->n < 60) {
		end = tk_date_find(l->s, l->n, date, &st);
		if (end && !b->date) {
			b->date = tk_arena_strndup(d->arena, date, 10);
			if (!b->date)
				*err = TK_ENOMEM;
		}
		return 1;
	}
	if (tk_ascii_starts_ci(l->s, "source:") || tk_ascii_starts_ci(l->s, "quelle:") ||
	    tk_ascii_starts_ci(l->s, "fuente:")) {
		const char *v = (const char *)memchr(l->s, ':', l->n) + 1;
		b->source = tk_text_clean(d->arena, v, l->n - (size_t)(v - l->s), err);
		return 1;
	}
	end = tk_date_find(l->s, l->n, date, &st);
	if (end) {
		/* only a line that is mostly the date ("Published: March 10, 2026") */
		size_t other = l->n - (end - 1 - st);
		if (other <= 24) {
			if (!b->date) {
				b->date = tk_arena_strndup(d->arena, date, 10);
				if (!b->date)
					*err = TK_ENOMEM;
			}
			return 1;
		}
	}
	return 0;
}

/* Date in a press-release dateline: "HAMBURG, March 10, 2026 /PRNewswire/ --",
 * and the agency of a wire dateline: "FRANKFURT, March 12 (Reuters) -". */
static int tk_dateline(struct tk_doc *d, struct tk_art_build *b)
{
	char date[11];
	size_t st, i;

	if (b->n > 0 && !b->source) {
		const char *p = b->paras[0], *open = strchr(p, '('), *close;
		if (open && open - p < 60 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' &&
		    p[1] <= 'Z' && (close = strchr(open, ')')) && close - open > 2 &&
		    close - open < 30 && open[1] >= 'A' && open[1] <= 'Z' &&
		    (!strncmp(close, ") -", 3) || !strncmp(close, ") \xE2\x80\x94", 5) ||
		     !strncmp(close, ") \xE2\x80\x93", 5))) {
			b->source =
			    tk_arena_strndup(d->arena, open + 1, (size_t)(close - open - 1));
			if (!b->source)
				return TK_ENOMEM;
		}
	}

	for (i = 0; i < b->n && i < 2 && !b->date; i++) {
		size_t n = strlen(b->paras[i]);
		if (tk_date_find(b->paras[i], n < 60 ? n : 60, date, &st)) {
			b->date = tk_arena_strndup(d->arena, date, 10);
			if (!b->date)
				return TK_ENOMEM;
		}
	}
	return TK_OK;
}

static int tk_parse_lines(struct tk_doc *d, struct tk_line *lines, size_t nl, size_t first,
			  int md_mode, struct tk_art_build *b);

/* Split text at '\n' into *out (caller frees with tk_free), untrimmed.
 * Returns TK_OK or TK_ENOMEM (then *out is NULL). */
static int tk_split_lines(char *text, size_t len, struct tk_line **out, size_t *n_out)
{
	struct tk_line *lines = NULL;
	size_t nl = 0, cap = 0;

	for (size_t i = 0; i <= len;) {
		const char *nlp = memchr(text + i, '\n', len - i);
		size_t e = nlp ? (size_t)(nlp - text) : len;

		if (tk_buf_grow(&lines, &cap, nl, sizeof *lines, 64)) {
			tk_free(lines);
			*out = NULL;
			*n_out = 0;
			return TK_ENOMEM;
		}
		lines[nl].s = text + i;
		lines[nl].n = e - i;
		nl++;
		i = e + 1;
	}
	*out = lines;
	*n_out = nl;
	return TK_OK;
}

static int tk_txt_parse(struct tk_doc *d, char *text, size_t len)
{
	struct tk_art_build b = {0};
	struct tk_line *lines = NULL;
	size_t nl = 0, i, h;
	int err = TK_OK;

	err = tk_split_lines(text, len, &lines, &nl);
	if (err)
		goto out;
	for (i = 0; i < nl; i++)
		tk_line_trim(&lines[i]);
	for (h = 0; h < nl && tk_line_blank(&lines[h]); h++)
		;
	/* press releases open with a label, not the headline */
	while (h < nl &&
	       (tk_line_is(&lines[h], "for immediate release") ||
		tk_line_is(&lines[h], "press release") || tk_line_is(&lines[h], "news release") ||
		tk_line_is(&lines[h], "media release") ||
		tk_line_is(&lines[h], "pressemitteilung") ||
		tk_line_is(&lines[h], "communiqué de presse") ||
		tk_line_is(&lines[h], "nota de prensa") ||
		tk_ascii_starts_ci(lines[h].s, "embargoed") || tk_line_blank(&lines[h])))
		h++;
	if (h == nl)
		goto out;
	if (lines[h].n <= TK_HEADLINE_MAX) {
		struct tk_line hl = lines[h];
		/* "Title: …" / "Headline: …" labels */
		if (tk_ascii_starts_ci(hl.s, "title:") || tk_ascii_starts_ci(hl.s, "headline:")) {
			const char *c = memchr(hl.s, ':', hl.n);
			hl.n -= (size_t)(c + 1 - hl.s);
			hl.s = c + 1;
		}
		b.headline = tk_build_title(d, hl.s, hl.n, NULL, 0, &err);
		if (err)
			goto out;
		h++;
		/* metadata lines under the headline (blank lines between allowed) */
		for (i = 0; h < nl && i < 3;) {
			int used;
			if (tk_line_blank(&lines[h])) {
				h++;
				continue;
			}
			used = tk_txt_meta_line(d, &b, &lines[h], &err);
			if (err)
				goto out;
			if (!used)
				break;
			h++;
			i++;
		}
	}
	err = tk_parse_lines(d, lines, nl, h, 0, &b);
	if (!err)
		err = tk_dateline(d, &b);
	if (!err)
		err = tk_build_finish(d, &b);
out:
	tk_build_release(&b);
	tk_free(lines);
	return err;
}

/* ---- Markdown ---- */

/* The next c at or after from in s[0..n), or n. Every caller asks with a
 * from that never decreases, so a remembered answer serves all asks up to it
 * and each byte is scanned at most once per cache: linear, not quadratic, on
 * lines of a million '[' or "![" with no closing mark. */
struct tk_md_next {
	size_t from, at;
	int valid;
};

static size_t tk_md_find(const char *s, size_t n, size_t from, char c, struct tk_md_next *m,
			 size_t *work)
{
	const char *p;

	if (m->valid && from >= m->from && from <= m->at)
		return m->at;
	p = from < n ? memchr(s + from, c, n - from) : NULL;
	*work += (p ? (size_t)(p - s) + 1 : n) - (from < n ? from : n);
	m->from = from;
	m->at = p ? (size_t)(p - s) : n;
	m->valid = 1;
	return m->at;
}

/* Longest inline tag or autolink dropped; a '<' with no '>' this close is text. */
#define TK_MD_TAG_MAX 200

/* One line's inline markup pass: the line, the output and its length, the
 * work counter, and one cache per kind of search, each asked from a
 * non-decreasing place. */
struct tk_md_in {
	const char *s;
	size_t n;
	char *buf;
	size_t o;
	size_t *work;
	struct tk_md_next close_br, ref_br, img_par, link_par, close_gt;
};

static void tk_md_put(struct tk_md_in *m, size_t from, size_t len)
{
	memcpy(m->buf + m->o, m->s + from, len);
	m->o += len;
}

static int tk_md_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* "![alt](target)" at i: an image, dropped with alt text and target.
 * Returns where to go on. */
static size_t tk_md_image(struct tk_md_in *m, size_t i)
{
	size_t cb = tk_md_find(m->s, m->n, i, ']', &m->close_br, m->work);

	if (cb + 1 < m->n && m->s[cb + 1] == '(') {
		size_t cp = tk_md_find(m->s, m->n, cb, ')', &m->img_par, m->work);
		if (cp < m->n)
			return cp + 1;
	}
	tk_md_put(m, i, 1);
	return i + 1;
}

/* "[text](url)", "[text][ref]" keep their text; "[^note]" goes. */
static size_t tk_md_link(struct tk_md_in *m, size_t i)
{
	const char *s = m->s;
	size_t n = m->n, cb = tk_md_find(s, n, i, ']', &m->close_br, m->work);

	if (cb < n && i + 1 < n && s[i + 1] == '^')
		return cb + 1;
	if (cb < n) {
		size_t tb = i + 1, te = cb, after = te + 1;
		if (after < n && (s[after] == '(' || s[after] == '[')) {
			size_t cp = s[after] == '('
					? tk_md_find(s, n, after, ')', &m->link_par, m->work)
					: tk_md_find(s, n, after, ']', &m->ref_br, m->work);
			if (cp < n) {
				tk_md_put(m, tb, te - tb);
				return cp + 1;
			}
		}
	}
	tk_md_put(m, i, 1);
	return i + 1;
}

/* An inline HTML tag or autolink at i: dropped. */
static size_t tk_md_tag(struct tk_md_in *m, size_t i)
{
	const char *s = m->s;
	size_t n = m->n, gt = tk_md_find(s, n, i, '>', &m->close_gt, m->work);

	if (gt < n && gt - i < TK_MD_TAG_MAX && i + 1 < n &&
	    ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z') ||
	     s[i + 1] == '/' || s[i + 1] == '!'))
		return gt + 1;
	tk_md_put(m, i, 1);
	return i + 1;
}

/* A run of '*' or '_' at i: dropped where it is an emphasis marker (next to
 * a word on exactly one side), kept in snake_case and elsewhere. */
static size_t tk_md_emphasis(struct tk_md_in *m, size_t i)
{
	const char *s = m->s;
	char c = s[i];
	int before = i > 0 && s[i - 1] != ' ' && s[i - 1] != '*' && s[i - 1] != '_';
	size_t j = i, n = m->n;
	int after, word_before, word_after;

	while (j < n && s[j] == c)
		j++;
	*m->work += j - i;
	after = j < n && s[j] != ' ';
	word_before = i > 0 && tk_md_alnum(s[i - 1]);
	word_after = j < n && tk_md_alnum(s[j]);
	if (c == '_' && word_before && word_after)
		tk_md_put(m, i, j - i); /* snake_case: keep */
	else if (!(before != after || (c == '*' && before && after)))
		tk_md_put(m, i, j - i); /* not a marker */
	return j;
}

size_t tk_md_inline(const char *s, size_t n, char *buf, size_t *work)
{
	struct tk_md_in m = {s, n, buf, 0, work, {0}, {0}, {0}, {0}, {0}};
	size_t i = 0;

	while (i < n) {
		char c = s[i];
		++*work;
		if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!<>|~", s[i + 1])) {
			tk_md_put(&m, i + 1, 1);
			i += 2;
		} else if (c == '!' && i + 1 < n && s[i + 1] == '[') {
			i = tk_md_image(&m, i);
		} else if (c == '[') {
			i = tk_md_link(&m, i);
		} else if (c == '<') {
			i = tk_md_tag(&m, i);
		} else if (c == '`' || (c == '~' && i + 1 < n && s[i + 1] == '~')) {
			i++; /* code and strike-through marks: dropped */
		} else if (c == '*' || c == '_') {
			i = tk_md_emphasis(&m, i);
		} else {
			tk_md_put(&m, i, 1);
			i++;
		}
	}
	return m.o;
}

static int tk_md_front_matter(struct tk_doc *d, struct tk_art_build *b, struct tk_line *lines,
			      size_t nl, size_t *first)
{
	size_t i;
	int err = TK_OK;

	if (nl < 2 || lines[0].n != 3 || strncmp(lines[0].s, "---", 3) != 0)
		return TK_OK;
	for (i = 1; i < nl; i++) {
		struct tk_line l = lines[i];
		if ((l.n == 3 && (strncmp(l.s, "---", 3) == 0 || strncmp(l.s, "...", 3) == 0))) {
			*first = i + 1;
			return TK_OK;
		}
		const char *colon = memchr(l.s, ':', l.n);
		if (!colon)
			continue;
		size_t kl = (size_t)(colon - l.s);
		const char *v = colon + 1;
		size_t vl = l.n - kl - 1;
		while (vl && *v == ' ') {
			v++;
			vl--;
		}
		if (vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0]) {
			v++;
			vl -= 2;
		}
		if (kl == 5 && strncasecmp(l.s, "title", 5) == 0 && vl) {
			b->headline = tk_build_title(d, v, vl, NULL, 0, &err);
		} else if ((kl == 4 && strncasecmp(l.s, "date", 4) == 0) ||
			   (kl == 9 && strncasecmp(l.s, "published", 9) == 0)) {
			char date[11];
			size_t st;
			if (tk_date_find(v, vl, date, &st)) {
				b->date = tk_arena_strndup(d->arena, date, 10);
				if (!b->date)
					err = TK_ENOMEM;
			}
		} else if (((kl == 6 && strncasecmp(l.s, "source", 6) == 0) ||
			    (kl == 11 && strncasecmp(l.s, "publication", 11) == 0) ||
			    (kl == 4 && strncasecmp(l.s, "site", 4) == 0)) &&
			   vl) {
			b->source = tk_text_clean(d->arena, v, vl, &err);
		}
		if (err)
			return err;
	}
	return TK_OK; /* unterminated: treat as text */
}

static int tk_md_rule(const struct tk_line *l)
{
	size_t i, cnt = 0;
	char c;
	if (l->n < 3)
		return 0;
	c = l->s[0];
	if (c != '-' && c != '*' && c != '_' && c != '=')
		return 0;
	for (i = 0; i < l->n; i++) {
		if (l->s[i] == c)
			cnt++;
		else if (l->s[i] != ' ')
			return 0;
	}
	return cnt >= 3;
}

/* Strip block markers: "> ", "- ", "* ", "1. ", "#..." (returns heading level). */
static int tk_md_block(struct tk_line *l, int *list)
{
	int level = 0;
	*list = 0;
	while (l->n && l->s[0] == '>') {
		l->s++;
		l->n--;
		tk_line_trim(l);
	}
	while ((size_t)level < l->n && l->s[level] == '#')
		level++;
	if (level && level <= 6 && ((size_t)level == l->n || l->s[level] == ' ')) {
		l->s += level;
		l->n -= (size_t)level;
		tk_line_trim(l);
		while (l->n && l->s[l->n - 1] == '#')
			l->n--;
		tk_line_trim(l);
		return level;
	}
	if (l->n >= 2 && (l->s[0] == '-' || l->s[0] == '*' || l->s[0] == '+') && l->s[1] == ' ') {
		l->s += 2;
		l->n -= 2;
		*list = 1;
	} else {
		size_t i = 0;
		while (i < l->n && i < 3 && l->s[i] >= '0' && l->s[i] <= '9')
			i++;
		if (i && i + 1 < l->n && (l->s[i] == '.' || l->s[i] == ')') && l->s[i + 1] == ' ') {
			l->s += i + 2;
			l->n -= i + 2;
			*list = 1;
		}
	}
	tk_line_trim(l);
	return 0;
}

/* Body assembly shared by txt and md: blank-line blocks, and inside a block
 * lines joined when the text is hard-wrapped. */
/* Hard-wrapped text: long lines of similar width (not one line per
 * paragraph). *maxlen is the longest line from first on. */
static int tk_lines_wrapped(const struct tk_line *lines, size_t nl, size_t first, size_t *maxlen)
{
	size_t i, multi = 0, prevblank = 1;

	*maxlen = 0;
	for (i = first; i < nl; i++) {
		if (lines[i].n > *maxlen)
			*maxlen = lines[i].n;
		if (!tk_line_blank(&lines[i]) && !prevblank)
			multi++;
		prevblank = tk_line_blank(&lines[i]);
	}
	return *maxlen >= 50 && *maxlen <= 100 && multi > 0;
}

/* A Markdown line outside fences: rules become blank, link reference
 * definitions and table rules are dropped (returns 1), headings and list
 * items are marked. */
static int tk_md_line(struct tk_line *l, int *heading, int *list)
{
	if (!l->n)
		return 0;
	if (tk_md_rule(l))
		l->n = 0;
	else if (l->s[0] == '[' && memchr(l->s, ']', l->n) &&
		 ((const char *)memchr(l->s, ']', l->n))[1] == ':')
		return 1; /* link reference definition */
	else if (l->s[0] == '|' && memchr(l->s, '-', l->n) &&
		 !memchr(l->s, ' ', l->n > 6 ? 6 : l->n))
		return 1;
	else
		*heading = tk_md_block(l, list);
	return 0;
}

/* Does line i (l, not blank) start a new paragraph after the text so far? */
static int tk_line_breaks(const struct tk_line *lines, size_t i, const struct tk_line *l,
			  const struct tk_line *prev, int md_mode, int wrapped, size_t maxlen)
{
	if (md_mode)
		return 0;
	if (!wrapped)
		return !tk_line_starts_lower(l) || tk_line_terminal(prev);
	/* a sentence end on a line well short of the width */
	return tk_line_terminal(prev) && !tk_line_starts_lower(l) && i > 0 &&
	       lines[i - 1].n < maxlen * 8 / 10;
}

static int tk_parse_lines(struct tk_doc *d, struct tk_line *lines, size_t nl, size_t first,
			  int md_mode, struct tk_art_build *b)
{
	size_t i, maxlen, work = 0;
	struct tk_sb p = {0}; /* the paragraph being joined */
	int err = TK_OK, wrapped = tk_lines_wrapped(lines, nl, first, &maxlen), fence = 0;

	for (i = first; i <= nl; i++) {
		struct tk_line l = i < nl ? lines[i] : (struct tk_line){"", 0};
		int list = 0, heading = 0, brk;

		if (i < nl && !fence && tk_line_ends_body(&l) && b->n > 0) {
			/* flush what we have and stop: contacts and boilerplate follow */
			if (p.len > 0)
				err = tk_build_para(d, b, p.p, p.len);
			goto out;
		}
		if (md_mode && l.n >= 3 &&
		    (strncmp(l.s, "```", 3) == 0 || strncmp(l.s, "~~~", 3) == 0)) {
			fence = !fence;
			l.n = 0;
		} else if (fence) {
			continue;
		}
		if (md_mode && tk_md_line(&l, &heading, &list))
			continue;
		/* does this line start a new paragraph? */
		brk = tk_line_blank(&l) || heading || list || i == nl;
		if (!brk && p.len > 0)
			brk = tk_line_breaks(lines, i, &l, &(struct tk_line){p.p, p.len}, md_mode,
					     wrapped, maxlen);
		if (brk && p.len > 0) {
			err = tk_build_para(d, b, p.p, p.len);
			if (err)
				goto out;
			p.len = 0;
		}
		if (heading) {
			if (heading == 1 && !b->headline) {
				b->headline = tk_build_title(d, l.s, l.n, NULL, 0, &err);
				if (err)
					goto out;
			}
			continue; /* subheads are not body text */
		}
		if (tk_line_blank(&l))
			continue;
		if (tk_sb_reserve(&p, l.n + 1)) {
			err = TK_ENOMEM;
			goto out;
		}
		if (p.len)
			p.p[p.len++] = ' ';
		if (md_mode) {
			p.len += tk_md_inline(l.s, l.n, p.p + p.len, &work);
		} else {
			memcpy(p.p + p.len, l.s, l.n);
			p.len += l.n;
		}
	}
out:
	tk_sb_free(&p);
	return err;
}

static int tk_md_parse(struct tk_doc *d, char *text, size_t len)
{
	struct tk_art_build b = {0};
	struct tk_line *lines = NULL;
	size_t nl = 0, i, first = 0;
	int err = TK_OK;

	err = tk_split_lines(text, len, &lines, &nl);
	if (err)
		goto out;
	for (i = 0; i < nl; i++)
		while (lines[i].n &&
		       (lines[i].s[lines[i].n - 1] == ' ' || lines[i].s[lines[i].n - 1] == '\t'))
			lines[i].n--;
	err = tk_md_front_matter(d, &b, lines, nl, &first);
	if (err)
		goto out;
	/* Setext headline: "Title\n=====" */
	while (first < nl && tk_line_blank(&lines[first]))
		first++;
	if (!b.headline && first + 1 < nl && lines[first + 1].n >= 3 &&
	    lines[first + 1].s[0] == '=' && tk_md_rule(&lines[first + 1])) {
		char *tmp = tk_malloc(lines[first].n + 1);
		size_t work = 0;
		if (!tmp) {
			err = TK_ENOMEM;
			goto out;
		}
		size_t tl = tk_md_inline(lines[first].s, lines[first].n, tmp, &work);
		b.headline = tk_build_title(d, tmp, tl, NULL, 0, &err);
		tk_free(tmp);
		if (err)
			goto out;
		first += 2;
	}
	err = tk_parse_lines(d, lines, nl, first, 1, &b);
	if (err)
		goto out;
	if (!b.headline && b.n > 0 && strlen(b.paras[0]) <= TK_HEADLINE_MAX) {
		/* no heading: the first paragraph is the headline, as in .txt */
		b.headline = b.paras[0];
		memmove(b.paras, b.paras + 1, (b.n - 1) * sizeof *b.paras);
		b.n--;
	}
	if (b.n > 0 && !b.date) {
		/* a date line right under the headline */
		char date[11];
		size_t st, l0 = strlen(b.paras[0]), end = tk_date_find(b.paras[0], l0, date, &st);
		if (end && l0 - (end - 1 - st) <= 24) {
			b.date = tk_arena_strndup(d->arena, date, 10);
			if (!b.date) {
				err = TK_ENOMEM;
				goto out;
			}
			memmove(b.paras, b.paras + 1, (b.n - 1) * sizeof *b.paras);
			b.n--;
		}
	}
	err = tk_dateline(d, &b);
	if (!err)
		err = tk_build_finish(d, &b);
out:
	tk_build_release(&b);
	tk_free(lines);
	return err;
}

/* ---- sniffing ---- */

static const char *tk_magic(const unsigned char *b, size_t n)
{
	static const struct {
		const char *magic;
		size_t len, off;
		const char *what;
	} tab[] = {
	    {"\x89PNG", 4, 0, "binary file (PNG image)"},
	    {"\xFF\xD8\xFF", 3, 0, "binary file (JPEG image)"},
	    {"GIF8", 4, 0, "binary file (GIF image)"},
	    {"%PDF", 4, 0, "binary file (PDF document)"},
	    {"PK\x03\x04", 4, 0, "binary file (ZIP archive or Office document)"},
	    {"\x1F\x8B", 2, 0, "binary file (gzip archive)"},
	    {"\x7F"
	     "ELF",
	     4, 0, "binary file (program)"},
	    {"\xD0\xCF\x11\xE0", 4, 0, "binary file (old Word/Office document)"},
	    {"RIFF", 4, 0, "binary file (RIFF media)"},
	    {"ID3", 3, 0, "binary file (MP3 audio)"},
	    {"OggS", 4, 0, "binary file (Ogg media)"},
	    {"ftyp", 4, 4, "binary file (MP4/QuickTime video)"},
	    {"SQLite format 3", 15, 0, "binary file (SQLite database)"},
	    {"7z\xBC\xAF", 4, 0, "binary file (7-Zip archive)"},
	    {"Rar!", 4, 0, "binary file (RAR archive)"},
	    {"BZh", 3, 0, "binary file (bzip2 archive)"},
	    {"\xFD"
	     "7zXZ",
	     5, 0, "binary file (xz archive)"},
	    {"II*\x00", 4, 0, "binary file (TIFF image)"},
	    {"MM\x00*", 4, 0, "binary file (TIFF image)"},
	    {"wOFF", 4, 0, "binary file (web font)"},
	    {"\x00\x01\x00\x00", 4, 0, "binary file (font)"},
	};
	size_t i;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (n >= tab[i].off + tab[i].len &&
		    memcmp(b + tab[i].off, tab[i].magic, tab[i].len) == 0)
			return tab[i].what;
	return NULL;
}

/* Binary if it has NUL bytes or many control characters (UTF-16 excepted). */
static int tk_looks_binary(const unsigned char *b, size_t n)
{
	size_t lim = n < 8192 ? n : 8192, i, ctl = 0;

	if (memchr(b, 0, n))
		return 1;
	for (i = 0; i < lim; i++)
		if (b[i] < 0x20 && b[i] != '\n' && b[i] != '\r' && b[i] != '\t' && b[i] != '\f' &&
		    b[i] != 0x1B)
			ctl++;
	return ctl * 50 > lim; /* over 2 % */
}

static int tk_name_ext(const char *name, const char *ext)
{
	size_t nl, el;
	if (!name)
		return 0;
	nl = strlen(name);
	el = strlen(ext);
	return nl > el && name[nl - el - 1] == '.' && strcasecmp(name + nl - el, ext) == 0;
}

static enum tk_format tk_sniff_format(const char *s, size_t n, const char *name)
{
	size_t i = 0, head;

	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
		i++;
	head = n - i < 4096 ? n - i : 4096;
	if (i < n && s[i] == '<') {
		const char *h = s + i;
		const char *rss = tk_ascii_find_ci(h, head, "<rss");
		const char *rdf = tk_ascii_find_ci(h, head, "<rdf:rdf");
		const char *feed = tk_ascii_find_ci(h, head, "<feed");
		const char *html = tk_ascii_find_ci(h, head, "<html");
		if (!html)
			html = tk_ascii_find_ci(h, head, "<body");
		if (feed && (!html || feed < html) && (!rss || feed < rss))
			return TK_FMT_ATOM;
		if ((rss || rdf) && (!html || (rss ? rss : rdf) < html))
			return TK_FMT_RSS;
		return TK_FMT_HTML;
	}
	if (n - i >= 4 && strncmp(s + i, "---\n", 4) == 0)
		return TK_FMT_MD;
	if (n - i >= 2 && s[i] == '#' && (s[i + 1] == ' ' || s[i + 1] == '#'))
		return TK_FMT_MD;
	if (tk_name_ext(name, "md") || tk_name_ext(name, "markdown"))
		return TK_FMT_MD;
	if (tk_name_ext(name, "html") || tk_name_ext(name, "htm") || tk_name_ext(name, "xhtml")) {
		/* an HTML name on tag soup that does not start with '<' */
		if (tk_ascii_find_ci(s + i, head, "<p") || tk_ascii_find_ci(s + i, head, "<div") ||
		    tk_ascii_find_ci(s + i, head, "<br"))
			return TK_FMT_HTML;
	}
	return TK_FMT_TXT;
}

/* Input refused before decoding: empty, over max, a known binary format, RTF. */
static int tk_doc_refuse(const unsigned char *b, size_t len, size_t max, const char **why)
{
	const char *magic;

	if (len == 0) {
		*why = "empty file";
		return TK_ENOTEXT;
	}
	if (len > max) {
		*why = "file larger than the size limit";
		return TK_ETOOBIG;
	}
	if ((magic = tk_magic(b, len))) {
		*why = magic;
		return TK_ENOTEXT;
	}
	if (len >= 5 && memcmp(b, "{\\rtf", 5) == 0) {
		*why = "RTF document (save it as plain text or HTML)";
		return TK_EUNSUPP;
	}
	return TK_OK;
}

/* Decode into d's arena as guessed; an unknown declared charset falls back to
 * windows-1252, the most likely truth for Western text. Any failure is
 * reported as TK_ENOMEM (the caller says "out of memory"). */
static int tk_doc_decode(struct tk_doc *d, const unsigned char *b, size_t len,
			 struct tk_enc_guess *g, char **text, size_t *tlen)
{
	int err = tk_text_decode(b, len, g, d->arena, text, tlen);

	if (err == TK_EUNSUPP) {
		g->enc = TK_ENC_CP1252;
		strcpy(g->name, "windows-1252");
		err = tk_text_decode(b, len, g, d->arena, text, tlen);
	}
	if (err)
		return TK_ENOMEM;
	memcpy(d->enc, g->name, sizeof d->enc);
	return TK_OK;
}

static int tk_only_space(const char *text, size_t tlen)
{
	for (size_t i = 0; i < tlen; i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t')
			return 0;
	return 1;
}

/* Parse decoded text by its sniffed format; an empty result is refused. */
static int tk_doc_parse_text(struct tk_doc *d, char *text, size_t tlen, const char *name,
			     const char **why)
{
	int err = TK_OK;

	d->fmt = tk_sniff_format(text, tlen, name);
	switch (d->fmt) {
	case TK_FMT_TXT:
		err = tk_txt_parse(d, text, tlen);
		break;
	case TK_FMT_MD:
		err = tk_md_parse(d, text, tlen);
		break;
	case TK_FMT_HTML:
		err = tk_html_parse_doc(d, text, tlen, why);
		break;
	case TK_FMT_RSS:
	case TK_FMT_ATOM:
		err = tk_feed_parse(d, text, tlen, why);
		break;
	}
	if (err) {
		if (!*why)
			*why = err == TK_ENOMEM ? "out of memory" : "unreadable file";
		return err;
	}
	if (d->n == 0) {
		*why = *why					       ? *why
		       : d->fmt == TK_FMT_RSS || d->fmt == TK_FMT_ATOM ? "feed has no articles"
								       : "no text found";
		return TK_ENOTEXT;
	}
	return TK_OK;
}

int tk_doc_parse(const void *bytes, size_t len, const char *name, const struct tk_read_opts *opts,
		 struct tk_doc **out, const char **reason)
{
	const unsigned char *b = bytes;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : TK_READ_MAX_DEFAULT;
	struct tk_doc *d = NULL;
	struct tk_enc_guess g;
	char declared[32];
	char *text = NULL;
	size_t tlen = 0;
	const char *why = NULL;
	int err;

	*out = NULL;
	err = tk_doc_refuse(b, len, max, &why);
	if (err)
		goto out;
	tk_text_sniff(b, len,
		      tk_text_declared_charset(b, len, declared, sizeof declared) ? declared : NULL,
		      &g);
	if (g.enc != TK_ENC_UTF16LE && g.enc != TK_ENC_UTF16BE && tk_looks_binary(b, len)) {
		err = TK_ENOTEXT;
		why = "binary file";
		goto out;
	}
	d = tk_calloc(1, sizeof *d);
	if (d)
		d->langid = opts ? opts->langid : NULL;
	if (!d || tk_arena_create(&d->arena) || tk_doc_decode(d, b, len, &g, &text, &tlen)) {
		err = TK_ENOMEM;
		why = "out of memory";
		goto out;
	}
	if (tk_only_space(text, tlen)) {
		err = TK_ENOTEXT;
		why = "file has only whitespace";
		goto out;
	}
	err = tk_doc_parse_text(d, text, tlen, name, &why);
	if (!err) {
		*out = d;
		d = NULL;
	}
out:
	tk_doc_free(d);
	if (reason)
		*reason = why;
	return err;
}
