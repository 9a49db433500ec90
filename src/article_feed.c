/* RSS and Atom feeds for the article reader: one article per item or entry.
 * Feeds stream through libxml2's XML reader with no DTD loading and no entity
 * expansion; an entry's HTML content goes to article_html.c. */
#include <libxml/xmlreader.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "article_build.h"
#include "article_feed.h"
#include "article_html.h"
#include "err.h"
#include "mem.h"
#include "text.h"

enum tk_feed_field { TK_F_NONE, TK_F_TITLE, TK_F_DATE, TK_F_UPDATED, TK_F_SUMMARY, TK_F_CONTENT };

static enum tk_feed_field tk_feed_field(const char *name)
{
	if (!strcmp(name, "title"))
		return TK_F_TITLE;
	if (!strcmp(name, "pubDate") || !strcmp(name, "published") || !strcmp(name, "date") ||
	    !strcmp(name, "issued"))
		return TK_F_DATE;
	if (!strcmp(name, "updated") || !strcmp(name, "modified"))
		return TK_F_UPDATED;
	if (!strcmp(name, "description") || !strcmp(name, "summary"))
		return TK_F_SUMMARY;
	if (!strcmp(name, "encoded") || !strcmp(name, "content"))
		return TK_F_CONTENT;
	return TK_F_NONE;
}

struct tk_feed_item {
	char *title, *date, *updated, *summary, *content;
	int title_html;
};

static void tk_feed_item_clear(struct tk_feed_item *it)
{
	xmlFree(it->title);
	xmlFree(it->date);
	xmlFree(it->updated);
	xmlFree(it->summary);
	xmlFree(it->content);
	memset(it, 0, sizeof *it);
}

static int tk_feed_finish(struct tk_doc *d, struct tk_feed_item *it, const char *source,
			  const char *lang)
{
	struct tk_art_build b = {0};
	const char *body =
	    it->content && (!it->summary || strlen(it->content) >= strlen(it->summary))
		? it->content
		: it->summary;
	int err = TK_OK;

	b.source = source;
	b.lang = lang;
	if (it->title && *it->title) {
		size_t tl = strlen(it->title);
		b.headline = tk_html_inline_text(d, it->title, tl, &err);
		if (err)
			goto out;
	}
	err = tk_build_date(d, &b, it->date);
	if (!err)
		err = tk_build_date(d, &b, it->updated);
	if (!err && body)
		err = tk_html_fragment(d, &b, body, strlen(body));
	if (!err)
		err = tk_build_finish(d, &b);
out:
	tk_build_release(&b);
	tk_feed_item_clear(it);
	return err;
}

/* Where the reader is in a feed. */
struct tk_feed_state {
	struct tk_doc *d;
	xmlTextReaderPtr rd;
	struct tk_feed_item it;
	const char *source, *lang;
	int in_item, item_depth;
};

static int tk_feed_is_item(const char *name)
{
	return !strcmp(name, "item") || !strcmp(name, "entry");
}

/* An item's field: its text (inner XHTML for type="xhtml"); the first wins. */
static void tk_feed_read_field(struct tk_feed_state *st, enum tk_feed_field f)
{
	xmlChar *type_attr = xmlTextReaderGetAttribute(st->rd, (const xmlChar *)"type");
	int xhtml = type_attr && !strcmp((const char *)type_attr, "xhtml");
	char *v = xhtml ? (char *)xmlTextReaderReadInnerXml(st->rd)
			: (char *)xmlTextReaderReadString(st->rd);
	char **slot = f == TK_F_TITLE	  ? &st->it.title
		      : f == TK_F_DATE	  ? &st->it.date
		      : f == TK_F_UPDATED ? &st->it.updated
		      : f == TK_F_SUMMARY ? &st->it.summary
					  : &st->it.content;

	xmlFree(type_attr);
	if (*slot || !v)
		xmlFree(v);
	else
		*slot = v;
}

/* The channel's <language> and <title> (the source of every item). */
static int tk_feed_read_channel(struct tk_feed_state *st, const char *name)
{
	xmlChar *v = xmlTextReaderReadString(st->rd);
	int err = TK_OK;

	if (!strcmp(name, "language"))
		st->lang = tk_lang_code((const char *)v);
	else if (v)
		st->source =
		    tk_text_clean(st->d->arena, (const char *)v, strlen((const char *)v), &err);
	xmlFree(v);
	return err;
}

/* An element start. *skip = 1 when its content was read (the caller then
 * moves past it). */
static int tk_feed_element(struct tk_feed_state *st, const char *name, int depth, int *skip)
{
	*skip = 0;
	if (!st->in_item && tk_feed_is_item(name)) {
		/* Atom's xml:lang, unless RSS <language> said it */
		if (!st->lang)
			st->lang = tk_lang_code((const char *)xmlTextReaderConstXmlLang(st->rd));
		st->in_item = 1;
		st->item_depth = depth;
		if (xmlTextReaderIsEmptyElement(st->rd)) {
			st->in_item = 0;
			tk_feed_item_clear(&st->it);
		}
	} else if (st->in_item && depth == st->item_depth + 1 && tk_feed_field(name) != TK_F_NONE) {
		tk_feed_read_field(st, tk_feed_field(name));
		*skip = 1;
	} else if (!st->in_item && depth <= 2 &&
		   (!strcmp(name, "language") || (!st->source && !strcmp(name, "title")))) {
		*skip = 1;
		return tk_feed_read_channel(st, name);
	}
	return TK_OK;
}

static xmlTextReaderPtr tk_feed_reader(const char *s, size_t n)
{
	return xmlReaderForMemory(s, (int)n, NULL, "UTF-8",
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				      XML_PARSE_IGNORE_ENC | XML_PARSE_RECOVER | XML_PARSE_COMPACT);
}

/* Every node of the feed, items finished as they close. Returns the reader's
 * last result (negative: not well-formed) through *r. */
static int tk_feed_walk(struct tk_feed_state *st, int *r)
{
	int err = TK_OK, skip;

	*r = xmlTextReaderRead(st->rd);
	while (*r == 1) {
		int type = xmlTextReaderNodeType(st->rd);
		int depth = xmlTextReaderDepth(st->rd);
		const char *name = (const char *)xmlTextReaderConstLocalName(st->rd);

		if (!name)
			name = "";
		if (type == XML_READER_TYPE_ELEMENT) {
			err = tk_feed_element(st, name, depth, &skip);
			if (err)
				return err;
			if (skip) {
				*r = xmlTextReaderNext(st->rd);
				continue;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT && st->in_item &&
			   depth == st->item_depth && tk_feed_is_item(name)) {
			st->in_item = 0;
			err = tk_feed_finish(st->d, &st->it, st->source, st->lang);
			if (err)
				return err;
		}
		*r = xmlTextReaderRead(st->rd);
	}
	if (st->in_item) /* truncated feed: keep the last item too */
		err = tk_feed_finish(st->d, &st->it, st->source, st->lang);
	return err;
}

int tk_feed_parse(struct tk_doc *d, const char *s, size_t n, const char **reason)
{
	struct tk_feed_state st = {.d = d};
	int r = 0, err = TK_OK;

	/* Feeds never need entity declarations; refusing them outright rules
	 * out entity-expansion attacks whatever the parser version does. */
	if (strstr(s, "<!ENTITY")) {
		*reason = "feed declares XML entities (refused for safety)";
		return TK_EPARSE;
	}
	if (n > INT32_MAX)
		return TK_ETOOBIG;
	st.rd = tk_feed_reader(s, n);
	if (!st.rd) {
		err = TK_ENOMEM;
		goto out;
	}
	err = tk_feed_walk(&st, &r);
	if (r < 0 && d->n == 0)
		*reason = "feed is not well-formed XML";
out:
	tk_feed_item_clear(&st.it);
	xmlFreeTextReader(st.rd);
	if (err == TK_ENOMEM && !*reason)
		*reason = "out of memory";
	return err;
}
