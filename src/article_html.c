/* HTML pages for the article reader. Pages go through libxml2's HTML parser
 * (no network); the body is the <article>, <main> or the element with the
 * most paragraph text, minus navigation, asides, footers, cookie banners and
 * link boxes. Feed entries' HTML content comes here too (article_feed.c). */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "article_build.h"
#include "article_html.h"
#include "err.h"
#include "mem.h"
#include "text.h"

#define TK_HTML_OPTS                                                                               \
	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |    \
	 HTML_PARSE_COMPACT)

static int tk_el(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->name;
}

static int tk_is(const xmlNode *n, const char *name)
{
	return tk_el(n) && strcasecmp((const char *)n->name, name) == 0;
}

/* Attribute value without allocating (NULL when absent). */
static const char *tk_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;
	for (a = n->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0)
			return a->children && a->children->content
				   ? (const char *)a->children->content
				   : "";
	return NULL;
}

/* Preorder successor of n inside root; descend = 0 skips n's subtree. */
static xmlNode *tk_next(xmlNode *n, const xmlNode *root, int descend)
{
	if (descend && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static const char *const tk_skip_tags[] = {
    "script", "style",	"noscript", "nav",	  "aside",    "footer", "header", "form",
    "button", "iframe", "svg",	    "figcaption", "template", "select", "input",  "textarea",
    "object", "embed",	"canvas",   "video",	  "audio",    "map",	"menu",	  "dialog",
    "head",   "title",	"math",	    "label",	  "option",
};

/* class/id words that mark page furniture */
static const char *const tk_skip_words[] = {
    "cookie",	     "cookies",	     "consent",	      "gdpr",	    "newsletter",
    "subscribe",     "subscription", "related",	      "readmore",   "recommended",
    "promo",	     "advert",	     "advertisement", "ad",	    "ads",
    "adslot",	     "sponsor",	     "sponsored",     "share",	    "sharing",
    "social",	     "comments",     "comment",	      "breadcrumb", "breadcrumbs",
    "sidebar",	     "popup",	     "modal",	      "paywall",    "signup",
    "outbrain",	     "taboola",	     "footer",	      "nav",	    "navigation",
    "navbar",	     "menu",	     "masthead",      "toolbar",    "banner",
    "byline",	     "caption",	     "credit",	      "tags",	    "trending",
    "teaser",	     "widget",	     "hidden",	      "sr",	    "visually",
    "disclaimer",    "print",	     "comparte",      "compartir",  "partage",
    "partager",	     "teilen",	     "newsletter",    "abonnement", "werbung",
    "publicidad",    "publicite",    "anzeige",	      "promoted",   "outstream",
    "recirculation", "paywall",
};

static int tk_word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

static int tk_words_match(const char *v)
{
	size_t i = 0, n = strlen(v);
	int prev_read = 0;

	if (n > 300)
		n = 300;
	while (i < n) {
		size_t s;
		while (i < n && !((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z')))
			i++;
		s = i;
		while (i < n && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z')))
			i++;
		if (i == s)
			break;
		if (tk_word_in(v + s, i - s, tk_skip_words,
			       sizeof tk_skip_words / sizeof tk_skip_words[0]))
			return 1;
		/* run-together class names: "commentlist", "sharebar", "relatedposts" */
		{
			static const char *const pre[] = {
			    "comment", "cookie",    "newsletter", "related", "share",
			    "social",  "sidebar",   "advert",	  "promo",   "breadcrumb",
			    "sponsor", "subscribe", "footer",	  "navbar",  "popup"};
			size_t k;
			for (k = 0; k < sizeof pre / sizeof pre[0]; k++) {
				size_t l = strlen(pre[k]);
				if (i - s > l && strncasecmp(v + s, pre[k], l) == 0)
					return 1;
			}
		}
		/* "read-more", "more-stories", "see-also" */
		if (prev_read && i - s == 4 && strncasecmp(v + s, "more", 4) == 0)
			return 1;
		if (prev_read && i - s == 4 && strncasecmp(v + s, "also", 4) == 0)
			return 1;
		prev_read = (i - s == 4 && (strncasecmp(v + s, "read", 4) == 0 ||
					    strncasecmp(v + s, "more", 4) == 0)) ||
			    (i - s == 3 && strncasecmp(v + s, "see", 3) == 0);
	}
	return 0;
}

static int tk_html_skip(const xmlNode *n)
{
	const char *v;
	size_t i;

	for (i = 0; i < sizeof tk_skip_tags / sizeof tk_skip_tags[0]; i++)
		if (strcasecmp((const char *)n->name, tk_skip_tags[i]) == 0)
			return 1;
	if (tk_attr(n, "hidden"))
		return 1;
	if ((v = tk_attr(n, "aria-hidden")) && strcmp(v, "true") == 0)
		return 1;
	if ((v = tk_attr(n, "style")) && (strstr(v, "display:none") || strstr(v, "display: none")))
		return 1;
	if ((v = tk_attr(n, "role")) &&
	    (!strcmp(v, "navigation") || !strcmp(v, "complementary") || !strcmp(v, "banner") ||
	     !strcmp(v, "contentinfo") || !strcmp(v, "dialog") || !strcmp(v, "alert")))
		return 1;
	if ((v = tk_attr(n, "class")) && tk_words_match(v))
		return 1;
	if ((v = tk_attr(n, "id")) && tk_words_match(v))
		return 1;
	return 0;
}

/* n or one of its ancestors is page furniture (bounded walk up). */
static int tk_html_skip_chain(const xmlNode *n)
{
	int depth;
	for (depth = 0; n && n->type == XML_ELEMENT_NODE && depth < 32; n = n->parent, depth++)
		if (tk_html_skip(n))
			return 1;
	return 0;
}

static int tk_html_block(const xmlNode *n)
{
	static const char *const blocks[] = {
	    "p",      "div", "li", "ul",     "ol",    "blockquote", "section", "article", "main",
	    "td",     "th",  "tr", "table",  "dd",    "dt",	    "dl",      "pre",	  "address",
	    "figure", "br",  "hr", "center", "body",  "details",    "summary", "h1",	  "h2",
	    "h3",     "h4",  "h5", "h6",     "tbody", "thead",
	};
	size_t i;
	for (i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcasecmp((const char *)n->name, blocks[i]) == 0)
			return 1;
	return 0;
}

static int tk_html_heading(const xmlNode *n)
{
	const char *s = (const char *)n->name;
	return (s[0] == 'h' || s[0] == 'H') && s[1] >= '1' && s[1] <= '6' && !s[2];
}

/* Paragraph text being collected, with how much of it is link text. */
struct tk_pbuf {
	char *p;
	size_t len, cap, link;
	int err;
};

static void tk_pbuf_add(struct tk_pbuf *b, const char *s, size_t n, int link)
{
	if (b->err || !n)
		return;
	if (b->len + n + 2 > b->cap) {
		size_t cap = (b->len + n + 2) * 2;
		char *np = tk_realloc(b->p, cap);
		if (!np) {
			b->err = TK_ENOMEM;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	if (link)
		b->link += n;
}

static int tk_pbuf_flush(struct tk_doc *d, struct tk_art_build *b, struct tk_pbuf *pb)
{
	int err = pb->err;

	if (!err && pb->len) {
		/* a paragraph that is mostly links is a "read more" box or a menu */
		if (!(pb->link * 10 >= pb->len * 7 && pb->len < 400))
			err = tk_build_para(d, b, pb->p, pb->len);
	}
	pb->len = pb->link = 0;
	return err;
}

static int tk_in_link(const xmlNode *n, const xmlNode *root)
{
	int depth;
	for (depth = 0; n && n != root && depth < 12; n = n->parent, depth++)
		if (tk_is(n, "a"))
			return 1;
	return 0;
}

/* Collect the paragraphs under root into b. */
static int tk_html_body(struct tk_doc *d, struct tk_art_build *b, xmlNode *root)
{
	struct tk_pbuf pb = {0};
	xmlNode *n = root ? root->children : NULL;
	int err = TK_OK;

	while (n) {
		int descend = 1;
		if (tk_el(n)) {
			if (tk_html_skip(n)) {
				descend = 0;
			} else if (tk_html_block(n)) {
				err = tk_pbuf_flush(d, b, &pb);
				if (tk_html_heading(n))
					descend = 0; /* headline and subheads are not body text */
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
			   n->content) {
			tk_pbuf_add(&pb, (const char *)n->content, strlen((const char *)n->content),
				    tk_in_link(n->parent, root));
		}
		if (err)
			goto out;
		/* successor, flushing when we leave a block */
		if (descend && n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next) {
			n = n->parent;
			if (n && n != root && tk_el(n) && tk_html_block(n)) {
				err = tk_pbuf_flush(d, b, &pb);
				if (err)
					goto out;
			}
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
	err = tk_pbuf_flush(d, b, &pb);
out:
	tk_free(pb.p);
	return err;
}

/* Text bytes under n (bounded work per call: callers limit how many). */
static size_t tk_text_len(xmlNode *n)
{
	size_t total = 0;
	xmlNode *c = n->children;

	while (c) {
		int descend = 1;
		if (tk_el(c) && (tk_is(c, "script") || tk_is(c, "style") || tk_is(c, "nav") ||
				 tk_is(c, "aside") || tk_is(c, "footer")))
			descend = 0;
		else if (c->type == XML_TEXT_NODE && c->content)
			total += strlen((const char *)c->content);
		c = tk_next(c, n, descend);
	}
	return total;
}

struct tk_html_meta {
	const char *og_title, *tw_title, *title, *site, *date;
	xmlNode *h1, *time, *main;
	xmlNode *articles[32];
	size_t n_articles;
	xmlNode *best_p_parent;
	size_t best_p;
};

static void tk_html_scan_meta(xmlNode *n, struct tk_html_meta *m)
{
	const char *prop = tk_attr(n, "property");
	const char *name = tk_attr(n, "name");
	const char *ip = tk_attr(n, "itemprop");
	const char *content = tk_attr(n, "content");
	const char *key = prop ? prop : name ? name : ip;

	if (!key || !content || !*content)
		return;
	if (!strcasecmp(key, "og:title"))
		m->og_title = content;
	else if (!strcasecmp(key, "twitter:title"))
		m->tw_title = content;
	else if (!strcasecmp(key, "og:site_name") ||
		 (!m->site && !strcasecmp(key, "application-name")))
		m->site = content;
	else if (!m->date &&
		 (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "datePublished") ||
		  !strcasecmp(key, "date") || !strcasecmp(key, "pubdate") ||
		  !strcasecmp(key, "publishdate") || !strcasecmp(key, "publish-date") ||
		  !strcasecmp(key, "dc.date") || !strcasecmp(key, "dcterms.date") ||
		  !strcasecmp(key, "dc.date.issued") || !strcasecmp(key, "sailthru.date") ||
		  !strcasecmp(key, "parsely-pub-date") || !strcasecmp(key, "og:published_time")))
		m->date = content;
}

static void tk_html_scan(xmlNode *root, struct tk_html_meta *m)
{
	xmlNode *n = root;

	while (n) {
		int descend = 1;
		if (tk_el(n)) {
			if (tk_is(n, "meta")) {
				tk_html_scan_meta(n, m);
			} else if (tk_is(n, "title")) {
				if (!m->title && n->children && n->children->content)
					m->title = (const char *)n->children->content;
			} else if (tk_is(n, "h1")) {
				if (!m->h1)
					m->h1 = n;
			} else if (tk_is(n, "time")) {
				const char *dt = tk_attr(n, "datetime");
				if (!m->time && dt)
					m->time = n;
			} else if (tk_is(n, "article")) {
				if (m->n_articles < sizeof m->articles / sizeof m->articles[0])
					m->articles[m->n_articles++] = n;
			} else if (tk_is(n, "main") ||
				   ((tk_attr(n, "role") && !strcmp(tk_attr(n, "role"), "main")))) {
				if (!m->main)
					m->main = n;
			} else if (tk_is(n, "p") && n->parent) {
				size_t l = tk_text_len(n);
				intptr_t score = (intptr_t)n->parent->_private + (intptr_t)l;
				n->parent->_private = (void *)score;
				if ((size_t)score > m->best_p && !tk_html_skip_chain(n->parent)) {
					m->best_p = (size_t)score;
					m->best_p_parent = n->parent;
				}
				descend = 0;
			} else if (tk_is(n, "div") || tk_is(n, "td") || tk_is(n, "section")) {
				/* CMS text separated by <br><br> instead of <p>: count the
				 * element's own text like paragraph text */
				xmlNode *c;
				size_t own = 0;
				for (c = n->children; c; c = c->next)
					if (c->type == XML_TEXT_NODE && c->content)
						own += strlen((const char *)c->content);
				if (own > 80) {
					intptr_t score = (intptr_t)n->_private + (intptr_t)own;
					n->_private = (void *)score;
					if ((size_t)score > m->best_p && !tk_html_skip_chain(n)) {
						m->best_p = (size_t)score;
						m->best_p_parent = n;
					}
				}
			} else if (tk_is(n, "script") || tk_is(n, "style")) {
				descend = 0;
			}
		}
		n = tk_next(n, root, descend);
	}
}

/* Inline text of an element (for <h1>), into the arena, cleaned. */
static const char *tk_node_text(struct tk_doc *d, xmlNode *n, int *err)
{
	struct tk_pbuf pb = {0};
	xmlNode *c = n->children;
	const char *res = NULL;

	while (c) {
		int descend = !(tk_el(c) && (tk_is(c, "script") || tk_is(c, "style")));
		if (c->type == XML_TEXT_NODE && c->content) {
			tk_pbuf_add(&pb, (const char *)c->content, strlen((const char *)c->content),
				    0);
			tk_pbuf_add(&pb, "", 0, 0);
		} else if (tk_el(c) && tk_is(c, "br")) {
			tk_pbuf_add(&pb, " ", 1, 0);
		}
		c = tk_next(c, n, descend);
	}
	*err = pb.err;
	if (!pb.err && pb.len)
		res = tk_text_clean(d->arena, pb.p, pb.len, err);
	tk_free(pb.p);
	return res;
}

/* The site name a <title> ends with (" | Coastal Daily"), or NULL. */
static const char *tk_title_site(struct tk_doc *d, const char *title, int *err)
{
	static const char *const seps[] = {" | ",  " - ",	" \xE2\x80\x93 ", " \xE2\x80\x94 ",
					   " :: ", " \xC2\xB7 "};
	const char *best = NULL, *suf;
	size_t i, words = 0;

	*err = TK_OK;
	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *p = title, *hit;
		while ((hit = strstr(p, seps[i]))) {
			if (!best || hit > best)
				best = hit;
			p = hit + 1;
		}
	}
	if (!best)
		return NULL;
	suf = strchr(best + 1, ' ');
	if (!suf)
		return NULL;
	suf++;
	for (i = 0; suf[i]; i++)
		if (suf[i] == ' ')
			words++;
	if (words > 4 || !suf[0] || (suf[0] >= 'a' && suf[0] <= 'z'))
		return NULL;
	return tk_text_clean(d->arena, suf, strlen(suf), err);
}

static htmlDocPtr tk_html_read(const char *s, size_t n)
{
	if (n > INT32_MAX)
		return NULL;
	return htmlReadMemory(s, (int)n, NULL, "UTF-8", TK_HTML_OPTS);
}

int tk_html_parse_doc(struct tk_doc *d, const char *s, size_t n, const char **reason)
{
	struct tk_art_build b = {0};
	struct tk_html_meta m;
	htmlDocPtr doc = NULL;
	xmlNode *root, *body = NULL;
	size_t i, best = 0;
	int err = TK_OK;

	memset(&m, 0, sizeof m);
	doc = tk_html_read(s, n);
	if (!doc) {
		/* libxml2 reports out of memory and unparseable input alike */
		err = TK_ENOMEM;
		*reason = "HTML could not be parsed";
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root)
		goto out;
	{
		/* <html lang="de">: the declared language */
		xmlChar *l = xmlGetProp(root, (const xmlChar *)"lang");
		b.lang = tk_lang_code((const char *)l);
		xmlFree(l);
	}
	tk_html_scan(root, &m);
	if (m.site) {
		b.source = tk_text_clean(d->arena, m.site, strlen(m.site), &err);
		if (err)
			goto out;
	}
	/* the <article> with the most text; else <main>; else the densest <p> run */
	for (i = 0; i < m.n_articles; i++) {
		size_t l = tk_text_len(m.articles[i]);
		if (l > best) {
			best = l;
			body = m.articles[i];
		}
	}
	if (!body || best < 200) {
		if (m.main && tk_text_len(m.main) >= best)
			body = m.main;
	}
	if (!body || (m.best_p_parent && m.best_p > 2 * best && m.best_p > 400))
		body = m.best_p_parent;
	if (!body) {
		xmlNode *c;
		for (c = root->children; c; c = c->next)
			if (tk_is(c, "body"))
				body = c;
		if (!body)
			body = root;
	}
	err = tk_html_body(d, &b, body);
	if (err)
		goto out;
	/* headline: og:title, twitter:title, <h1>, <title> without the site suffix */
	if (m.og_title)
		b.headline = tk_build_title(d, m.og_title, strlen(m.og_title), b.source, 1, &err);
	if (!err && !b.headline && m.tw_title)
		b.headline = tk_build_title(d, m.tw_title, strlen(m.tw_title), b.source, 1, &err);
	if (!err && !b.headline && m.h1)
		b.headline = tk_node_text(d, m.h1, &err);
	if (!err && !b.headline && m.title)
		b.headline = tk_build_title(d, m.title, strlen(m.title), b.source, 1, &err);
	if (!err && !b.source && m.title)
		b.source = tk_title_site(d, m.title, &err);
	if (err)
		goto out;
	err = tk_build_date(d, &b, m.date);
	if (!err && m.time)
		err = tk_build_date(d, &b, tk_attr(m.time, "datetime"));
	if (err)
		goto out;
	if (b.n == 0) {
		*reason = "no article text found in the HTML page";
		goto out;
	}
	err = tk_build_finish(d, &b);
out:
	if (err == TK_ENOMEM && !*reason)
		*reason = "out of memory";
	tk_build_release(&b);
	xmlFreeDoc(doc);
	return err;
}

/* Plain text without markup: split on blank lines. */
static int tk_plain_paras(struct tk_doc *d, struct tk_art_build *b, const char *s, size_t n)
{
	size_t i = 0;
	int err = TK_OK;

	while (i < n && !err) {
		size_t e = i;
		while (e < n && !(s[e] == '\n' && e + 1 < n && s[e + 1] == '\n'))
			e++;
		err = tk_build_para(d, b, s + i, e - i);
		i = e + 2;
	}
	return err;
}

int tk_html_fragment(struct tk_doc *d, struct tk_art_build *b, const char *s, size_t n)
{
	htmlDocPtr doc;
	xmlNode *root, *c, *body = NULL;
	int err;

	if (!memchr(s, '<', n) && !memchr(s, '&', n))
		return tk_plain_paras(d, b, s, n);
	doc = tk_html_read(s, n);
	if (!doc)
		return TK_ENOMEM;
	root = xmlDocGetRootElement(doc);
	for (c = root ? root->children : NULL; c; c = c->next)
		if (tk_is(c, "body"))
			body = c;
	err = body ? tk_html_body(d, b, body) : TK_OK;
	xmlFreeDoc(doc);
	return err;
}

const char *tk_html_inline_text(struct tk_doc *d, const char *s, size_t n, int *err)
{
	htmlDocPtr doc;
	xmlNode *root;
	const char *res = NULL;

	*err = TK_OK;
	if (!memchr(s, '<', n) && !memchr(s, '&', n))
		return tk_text_clean(d->arena, s, n, err);
	doc = tk_html_read(s, n);
	if (!doc) {
		*err = TK_ENOMEM;
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	if (root)
		res = tk_node_text(d, root, err);
	xmlFreeDoc(doc);
	return res;
}
