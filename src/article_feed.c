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

int tk_feed_parse(struct tk_doc *d, const char *s, size_t n, const char **reason)
{
	xmlTextReaderPtr rd = NULL;
	struct tk_feed_item it = {0};
	const char *source = NULL, *lang = NULL;
	int r, err = TK_OK, in_item = 0, item_depth = 0;

	/* Feeds never need entity declarations; refusing them outright rules
	 * out entity-expansion attacks whatever the parser version does. */
	if (strstr(s, "<!ENTITY")) {
		*reason = "feed declares XML entities (refused for safety)";
		return TK_EPARSE;
	}
	if (n > INT32_MAX)
		return TK_ETOOBIG;
	rd = xmlReaderForMemory(s, (int)n, NULL, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				    XML_PARSE_IGNORE_ENC | XML_PARSE_RECOVER | XML_PARSE_COMPACT);
	if (!rd) {
		err = TK_ENOMEM;
		goto out;
	}
	r = xmlTextReaderRead(rd);
	while (r == 1) {
		int type = xmlTextReaderNodeType(rd);
		int depth = xmlTextReaderDepth(rd);
		const char *name = (const char *)xmlTextReaderConstLocalName(rd);

		if (!name)
			name = "";
		if (type == XML_READER_TYPE_ELEMENT) {
			if (!in_item && (!strcmp(name, "item") || !strcmp(name, "entry"))) {
				/* Atom's xml:lang, unless RSS <language> said it */
				if (!lang)
					lang = tk_lang_code(
					    (const char *)xmlTextReaderConstXmlLang(rd));
				in_item = 1;
				item_depth = depth;
				if (xmlTextReaderIsEmptyElement(rd)) {
					in_item = 0;
					tk_feed_item_clear(&it);
				}
			} else if (in_item && depth == item_depth + 1 &&
				   tk_feed_field(name) != TK_F_NONE) {
				enum tk_feed_field f = tk_feed_field(name);
				xmlChar *type_attr =
				    xmlTextReaderGetAttribute(rd, (const xmlChar *)"type");
				int xhtml = type_attr && !strcmp((const char *)type_attr, "xhtml");
				char *v = xhtml ? (char *)xmlTextReaderReadInnerXml(rd)
						: (char *)xmlTextReaderReadString(rd);
				char **slot = f == TK_F_TITLE	  ? &it.title
					      : f == TK_F_DATE	  ? &it.date
					      : f == TK_F_UPDATED ? &it.updated
					      : f == TK_F_SUMMARY ? &it.summary
								  : &it.content;
				xmlFree(type_attr);
				if (*slot || !v) {
					xmlFree(v);
				} else {
					*slot = v;
				}
				r = xmlTextReaderNext(rd);
				continue;
			} else if (!in_item && !strcmp(name, "language") && depth <= 2) {
				xmlChar *v = xmlTextReaderReadString(rd);
				lang = tk_lang_code((const char *)v);
				xmlFree(v);
				r = xmlTextReaderNext(rd);
				continue;
			} else if (!in_item && !source && !strcmp(name, "title") && depth <= 2) {
				xmlChar *v = xmlTextReaderReadString(rd);
				if (v) {
					source = tk_text_clean(d->arena, (const char *)v,
							       strlen((const char *)v), &err);
					xmlFree(v);
					if (err)
						goto out;
				}
				r = xmlTextReaderNext(rd);
				continue;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT && in_item && depth == item_depth &&
			   (!strcmp(name, "item") || !strcmp(name, "entry"))) {
			in_item = 0;
			err = tk_feed_finish(d, &it, source, lang);
			if (err)
				goto out;
		}
		r = xmlTextReaderRead(rd);
	}
	if (in_item) {
		/* truncated feed: keep the last item too */
		err = tk_feed_finish(d, &it, source, lang);
	}
	if (r < 0 && d->n == 0)
		*reason = "feed is not well-formed XML";
out:
	tk_feed_item_clear(&it);
	xmlFreeTextReader(rd);
	if (err == TK_ENOMEM && !*reason)
		*reason = "out of memory";
	return err;
}
