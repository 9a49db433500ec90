/* Benchmark: parse + extract a generated corpus of articles in every
 * supported format, in memory. Prints MB/s and articles/s per format and the
 * peak RSS. Never fails on timing. Usage: bench_extract [ARTICLES_PER_FORMAT] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "article.h"
#include "extract.h"
#include "mem.h"

static const char *const first[] = {"Anna",   "Marc",  "Leila", "Tomás",
				    "Ingrid", "Kwame", "Yuki",	"Pavel"};
static const char *const last[] = {"Brandt", "Okafor", "Haddad", "Lindqvist",
				   "Moreau", "Costa",  "Novak",	 "Reyes"};
static const char *const roles[] = {"chief executive",	"mayor",	"spokeswoman",
				    "finance director", "union leader", "transport minister"};

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len)
			break;
		b->cap = b->cap * 2 + (size_t)n + 1024;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			exit(1);
	}
	b->len += (size_t)n;
}

/* One article body: ~12 paragraphs of news prose with quotes and figures. */
static void body(struct buf *b, unsigned seed, const char *pre, const char *post, const char *lq,
		 const char *rq)
{
	const char *f = first[seed % 8], *l = last[(seed / 8) % 8], *r = roles[seed % 6];
	const char *f2 = first[(seed + 3) % 8], *l2 = last[(seed + 5) % 8];
	int k;

	put(b,
	    "%sThe council of Riverton approved a budget of %u.%u million euros on Tuesday, with "
	    "%u,%03u new homes planned by 2030 and a %u%% rise in bus services.%s",
	    pre, 10 + seed % 90, seed % 10, 1 + seed % 9, seed % 1000, 3 + seed % 20, post);
	put(b, "%s%s%s, the city's %s, said the plan was the result of two years of work.%s", pre,
	    r[0] == 'u' ? "Union leader " : "", f, r, post);
	(void)l;
	put(b,
	    "%s%sWe listened to %u residents and changed the plan three times,%s %s %s said. "
	    "%sEvery district gets something.%s%s",
	    pre, lq, 400 + seed % 600, rq, f, l, lq, rq, post);
	for (k = 0; k < 6; k++)
		put(b,
		    "%sOpposition member %s %s, who voted against, said the city had "
		    "underestimated costs by about $%u.%u bn over ten years and that %u families "
		    "would pay more. The report on page %u lists %u,%03u objections, received "
		    "between March 3 and April 17.%s",
		    pre, f2, l2, 1 + (seed + k) % 5, (seed + k) % 10, 100 + (seed * 7 + k) % 900,
		    10 + k, 1 + k, (seed * 13 + k) % 1000, post);
	put(b,
	    "%s%sNobody should have to choose between rent and the bus fare,%s %s told reporters. "
	    "%sWe will publish every contract online, every single one.%s%s",
	    pre, lq, rq, l2, lq, rq, post);
	put(b, "%sThe vote was %u to %u. Call 0161 496 %04u for details.%s", pre, 20 + seed % 10,
	    5 + seed % 5, seed % 10000, post);
}

enum { F_TXT, F_TXT1252, F_MD, F_HTML, F_RSS, F_ATOM, F_COUNT };
static const char *const fname[] = {"txt (utf-8)", "txt (windows-1252)", "md",
				    "html",	   "rss (10 items)",	 "atom (10 items)"};
static const char *const fext[] = {"a.txt", "a.txt", "a.md", "a.html", "a.rss", "a.atom"};

static void make_doc(struct buf *b, int fmt, unsigned seed)
{
	int i;
	b->len = 0;
	switch (fmt) {
	case F_TXT:
		put(b, "Riverton approves budget number %u\n\n", seed);
		body(b, seed, "", "\n\n", "\xE2\x80\x9C", "\xE2\x80\x9D");
		break;
	case F_TXT1252:
		put(b, "Riverton approves budget number %u\r\n\r\n", seed);
		body(b, seed, "", "\r\n\r\n", "\x93", "\x94");
		break;
	case F_MD:
		put(b, "---\ntitle: \"Riverton approves budget %u\"\ndate: 2026-03-10\n---\n\n",
		    seed);
		body(b, seed, "", "\n\n", "\"", "\"");
		break;
	case F_HTML:
		put(b,
		    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Riverton budget %u "
		    "| City Times</title>"
		    "<meta property=\"og:site_name\" content=\"City Times\"><script>var x = "
		    "1;</script><style>p{}</style></head><body>"
		    "<nav><ul><li><a href=\"/\">Home</a></li><li><a "
		    "href=\"/n\">News</a></li></ul></nav>"
		    "<div class=\"cookie-banner\"><p>We use "
		    "cookies.</p></div><article><h1>Riverton budget %u</h1>",
		    seed, seed);
		body(b, seed, "<p>", "</p>\n", "&ldquo;", "&rdquo;");
		put(b, "<aside class=\"related\"><p><a href=\"/x\">Read "
		       "more</a></p></aside></article><footer><p>&copy; City "
		       "Times</p></footer></body></html>\n");
		break;
	case F_RSS:
		put(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss "
		       "version=\"2.0\"><channel><title>City Times</title>\n");
		for (i = 0; i < 10; i++) {
			put(b,
			    "<item><title>Budget story %u-%d</title><pubDate>Tue, 10 Mar 2026 "
			    "08:00:00 GMT</pubDate><description><![CDATA[",
			    seed, i);
			body(b, seed + (unsigned)i, "<p>", "</p>", "\xE2\x80\x9C", "\xE2\x80\x9D");
			put(b, "]]></description></item>\n");
		}
		put(b, "</channel></rss>\n");
		break;
	case F_ATOM:
		put(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed "
		       "xmlns=\"http://www.w3.org/2005/Atom\"><title>City Times</title>\n");
		for (i = 0; i < 10; i++) {
			put(b,
			    "<entry><title>Budget story "
			    "%u-%d</title><published>2026-03-10T08:00:00Z</published><content "
			    "type=\"html\">",
			    seed, i);
			body(b, seed + (unsigned)i, "&lt;p&gt;", "&lt;/p&gt;", "\xE2\x80\x9C",
			     "\xE2\x80\x9D");
			put(b, "</content></entry>\n");
		}
		put(b, "</feed>\n");
		break;
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned per = argc > 1 ? (unsigned)atoi(argv[1]) : 300;
	struct buf *docs[F_COUNT];
	size_t total_articles = 0;
	struct rusage ru;
	int f;

	if (per < 10)
		per = 10;
	tk_mem_init();
	printf("extract benchmark: %u documents per format, parse + extract (ranked), one core, "
	       "CPU time\n",
	       per);
	printf("%-20s %10s %10s %12s %12s %10s\n", "format", "docs", "articles", "MB/s",
	       "articles/s", "quotes");
	for (f = 0; f < F_COUNT; f++) {
		size_t bytes = 0, arts = 0, quotes = 0;
		double t0, t1;
		unsigned i;
		docs[f] = calloc(per, sizeof **docs);
		for (i = 0; i < per; i++)
			make_doc(&docs[f][i], f, i * 7919u + (unsigned)f);
		t0 = now();
		for (i = 0; i < per; i++) {
			struct tk_doc *doc = NULL;
			const char *why;
			size_t k;
			bytes += docs[f][i].len;
			if (tk_doc_parse(docs[f][i].p, docs[f][i].len, fext[f], NULL, &doc, &why)) {
				fprintf(stderr, "bench: %s refused: %s\n", fname[f], why);
				continue;
			}
			for (k = 0; k < tk_doc_count(doc); k++) {
				struct tk_extraction *ex = NULL;
				if (tk_extract(tk_doc_article(doc, k), NULL, &ex) == 0) {
					quotes += ex->n_quotes;
					tk_extraction_free(ex);
				}
				arts++;
			}
			tk_doc_free(doc);
		}
		t1 = now();
		printf("%-20s %10u %10zu %12.1f %12.0f %10zu\n", fname[f], per, arts,
		       (double)bytes / 1e6 / (t1 - t0), (double)arts / (t1 - t0), quotes);
		total_articles += arts;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("total articles: %zu; peak RSS: %.1f MB (includes the generated corpus)\n",
	       total_articles, (double)ru.ru_maxrss / 1024.0);
	for (f = 0; f < F_COUNT; f++) {
		unsigned i;
		for (i = 0; i < per; i++)
			free(docs[f][i].p);
		free(docs[f]);
	}
	return 0;
}
