/* Key figures: numbers with what they count, normalised ("$3.5bn" ->
 * 3.5e9 USD, "45.000" -> 45000, "3,5 %" -> 3.5 %), with the clause they come
 * from. Dates, times, years, ages, durations, page/section numbers, phone
 * numbers, identifiers and list numbering are left out. One pass per
 * paragraph with bounded look-around, so linear in the text. */
#include <math.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "lexicon_fig.h"
#include "extract_int.h"
#include "mem.h"
#include "text.h"

#define TK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#if !defined(TK_CONTEXT_MAX)
#define TK_CONTEXT_MAX 320
#endif

static int tk_ascii_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int tk_letter_at(const char *p, size_t n, size_t i)
{
	unsigned char c = (unsigned char)p[i];
	if (i >= n)
		return 0;
	return tk_ascii_alpha(c) || (c >= 0xC3 && c <= 0xDF) || (c == 0xC3);
}

static int tk_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A word of the text: [s, e). */
struct tk_w {
	size_t s, e;
};

static struct tk_w tk_next_word(const char *p, size_t n, size_t i)
{
	struct tk_w w;
	while (i < n && p[i] == ' ')
		i++;
	w.s = i;
	while (i < n && tk_ascii_alpha((unsigned char)p[i])) /* the common case first */
		i++;
	while (i < n && (tk_letter_at(p, n, i) ||
			 ((unsigned char)p[i] >= 0x80 && (unsigned char)p[i] < 0xC0) ||
			 (p[i] == '-' && i > w.s && i + 1 < n && tk_letter_at(p, n, i + 1)) ||
			 (p[i] == '\'' && i > w.s)))
		i++;
	w.e = i;
	return w;
}

static struct tk_w tk_prev_word(const char *p, size_t i)
{
	struct tk_w w;
	while (i > 0 && p[i - 1] == ' ')
		i--;
	w.e = i;
	while (i > 0 && (tk_ascii_alpha((unsigned char)p[i - 1]) ||
			 (unsigned char)p[i - 1] >= 0x80 || p[i - 1] == '.'))
		i--;
	w.s = i;
	return w;
}

static inline __attribute__((always_inline)) int tk_w_is(const char *p, struct tk_w w,
							 const char *s)
{
	size_t n = w.e - w.s, i;
	char c0 = n ? p[w.s] : 0;

	if (c0 >= 'A' && c0 <= 'Z')
		c0 = (char)(c0 + 32);
	if (c0 != s[0] || strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = p[w.s + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != s[i])
			return 0;
	}
	return 1;
}

static int tk_w_in(const char *p, struct tk_w w, const char *const *list, size_t n)
{
	if (w.e == w.s)
		return 0;
	return tk_span_in_list(p, w.s, w.e - w.s, list, n);
}

#define WIN(list, p, w) tk_w_in((p), (w), (list), TK_ARRAY_LEN(list))

static const char *const tk_durations[] = {
    /* sorted (bytewise) for binary search */
    "a.m",	 "a.m.",    "am",	 "an",	    "année",	"années",  "ans",      "año",
    "años",	 "bst",	    "centuries", "century", "cest",	"cet",	   "day",      "days",
    "decade",	 "decades", "dias",	 "día",	    "días",	"est",	   "gmt",      "h",
    "heure",	 "heures",  "hora",	 "horas",   "hour",	"hours",   "hr",       "hrs",
    "jahr",	 "jahre",   "jahren",	 "jour",    "jours",	"mes",	   "meses",    "min",
    "mins",	 "minute",  "minutes",	 "mois",    "monat",	"monate",  "monaten",  "month",
    "months",	 "night",   "nights",	 "o'clock", "p.m",	"p.m.",	   "pm",       "pst",
    "quarters",	 "seasons", "sec",	 "seconds", "secs",	"semaine", "semaines", "semanas",
    "semesters", "stunde",  "stunden",	 "tag",	    "tage",	"tagen",   "terms",    "times",
    "uhr",	 "utc",	    "week",	 "weekend", "weekends", "weeks",   "woche",    "wochen",
    "year",	 "years",
};

static const char *const tk_prev_block[] = {
    /* sorted (bytewise) for binary search */
    "act",	 "age",	       "aged",	    "ages",	"apt.",	  "art.",     "article",
    "artikel",	 "band",       "bill",	    "block",	"box",	  "bus",      "call",
    "cap.",	 "chapter",    "class",	    "clause",	"code",	  "district", "episode",
    "exit",	 "ext.",       "fax",	    "fig.",	"figure", "flight",   "floor",
    "gate",	 "generation", "gesetz",    "grade",	"hall",	  "highway",  "issue",
    "item",	 "junction",   "kapitel",   "lane",	"level",  "ley",      "line",
    "loi",	 "lot",	       "mark",	    "mobile",	"model",  "no",	      "no.",
    "nr.",	 "number",     "n°",	    "nº",	"op.",	  "opus",     "p.",
    "page",	 "pages",      "paragraph", "part",	"phone",  "platform", "pp.",
    "psalm",	 "resolution", "room",	    "round",	"route",  "row",      "rule",
    "season",	 "seat",       "section",   "sections", "sector", "seite",    "series",
    "stage",	 "step",       "suite",	    "table",	"tel",	  "tel.",     "telefon",
    "telephone", "teléfono",   "terminal",  "track",	"tram",	  "type",     "tél",
    "tél.",	 "unit",       "verse",	    "version",	"vol.",	  "volume",   "ward",
    "zone",	 "§",	       "°",
};

static const char *const tk_func[] = {
    /* sorted (bytewise) for binary search */
    "a",     "about",	"across", "after",   "again",	"against", "ago",	"al",	  "all",
    "alone", "already", "also",	  "among",   "an",	"and",	   "any",	"are",	  "around",
    "as",    "at",	"au",	  "auf",     "aus",	"aux",	   "be",	"been",	  "before",
    "bei",   "between", "both",	  "but",     "by",	"can",	   "cent",	"con",	  "could",
    "dans",  "das",	"de",	  "del",     "der",	"des",	   "did",	"die",	  "do",
    "does",  "down",	"du",	  "during",  "each",	"earlier", "either",	"el",	  "en",
    "es",    "est",	"et",	  "every",   "for",	"from",	   "fue",	"fueron", "für",
    "haben", "had",	"han",	  "has",     "hat",	"have",	   "he",	"her",	  "here",
    "him",   "his",	"i",	  "if",	     "im",	"in",	   "including", "into",	  "is",
    "ist",   "it",	"its",	  "just",    "la",	"las",	   "last",	"later",  "le",
    "least", "les",	"less",	  "like",    "los",	"many",	   "may",	"me",	  "might",
    "minus", "mit",	"more",	  "most",    "next",	"no",	   "nor",	"not",	  "now",
    "of",    "on",	"one",	  "only",    "ont",	"or",	   "our",	"out",	  "over",
    "par",   "para",	"per",	  "percent", "plus",	"por",	   "pour",	"que",	  "she",
    "sin",   "since",	"sind",	  "so",	     "sobre",	"some",	   "son",	"sont",	  "still",
    "such",  "sur",	"than",	  "that",    "the",	"their",   "them",	"then",	  "there",
    "these", "they",	"this",	  "those",   "through", "times",   "to",	"today",  "tonight",
    "und",   "under",	"until",  "up",	     "us",	"versus",  "von",	"vs",	  "was",
    "we",    "were",	"when",	  "where",   "which",	"while",   "who",	"will",	  "with",
    "would", "wurden",	"y",	  "you",     "à",
};

static const char *const tk_skip_adj[] = {
    /* sorted (bytewise) for binary search */
    "additional", "autres",    "extra",	   "fewer",	"full-time",   "further",
    "large",	  "mehr",      "more",	   "more than", "más",	       "neue",
    "neuen",	  "new",       "nouveaux", "nouvelles", "nuevas",      "nuevos",
    "old",	  "other",     "otras",	   "otros",	"part-time",   "registered",
    "small",	  "so-called", "weitere",  "young",	"zusätzliche",
};

static const char *const tk_plural_irregular[] = {
    /* sorted (bytewise) for binary search */
    "aircraft",	   "arbeitsplätze",
    "besucher",	   "bpd",
    "cattle",	   "children",
    "cm",	   "crew",
    "data",	   "deer",
    "einwohner",   "enfants",
    "feet",	   "fish",
    "flüchtlinge", "ft",
    "geese",	   "gigawatt",
    "gigawatts",   "gw",
    "gwh",	   "kg",
    "kilowatt",	   "kilowatts",
    "kinder",	   "km",
    "km/h",	   "kwh",
    "lb",	   "lbs",
    "leute",	   "livestock",
    "media",	   "megawatt",
    "megawatts",   "men",
    "menschen",	   "mice",
    "mitarbeiter", "mm",
    "mph",	   "mw",
    "mwh",	   "mégawatts",
    "niños",	   "oz",
    "people",	   "personas",
    "personen",	   "personnel",
    "personnes",   "police",
    "population",  "public",
    "sheep",	   "staff",
    "stimmen",	   "t",
    "teeth",	   "twh",
    "women",	   "workforce",
    "youth",
};

static double tk_scale_value(const char *p, struct tk_w w)
{
	if (w.e == w.s || !strchr("tTkKmMbBlLcCdDhH", p[w.s]))
		return 0;
	if (tk_w_is(p, w, "hundred") || tk_w_is(p, w, "hundreds"))
		return 100;
	if (tk_w_is(p, w, "dozen") || tk_w_is(p, w, "dozens"))
		return 12;
	if (tk_w_is(p, w, "bln"))
		return 1e9;
	if (tk_w_is(p, w, "tln"))
		return 1e12;
	if (tk_w_is(p, w, "thousand") || tk_w_is(p, w, "thousands") || tk_w_is(p, w, "k") ||
	    tk_w_is(p, w, "mille") || tk_w_is(p, w, "tausend"))
		return 1e3;
	if (tk_w_is(p, w, "million") || tk_w_is(p, w, "millions") || tk_w_is(p, w, "mn") ||
	    tk_w_is(p, w, "m") || tk_w_is(p, w, "mio") || tk_w_is(p, w, "mio.") ||
	    tk_w_is(p, w, "millionen") || tk_w_is(p, w, "millón") || tk_w_is(p, w, "millon") ||
	    tk_w_is(p, w, "millones"))
		return 1e6;
	if (tk_w_is(p, w, "billion") || tk_w_is(p, w, "billions") || tk_w_is(p, w, "bn") ||
	    tk_w_is(p, w, "b") || tk_w_is(p, w, "mrd") || tk_w_is(p, w, "mrd.") ||
	    tk_w_is(p, w, "milliard") || tk_w_is(p, w, "milliards") || tk_w_is(p, w, "milliarde") ||
	    tk_w_is(p, w, "milliarden"))
		return 1e9;
	if (tk_w_is(p, w, "trillion") || tk_w_is(p, w, "trillions") || tk_w_is(p, w, "tn"))
		return 1e12;
	if (tk_w_is(p, w, "lakh"))
		return 1e5;
	if (tk_w_is(p, w, "crore"))
		return 1e7;
	return 0;
}

/* A currency word ("euros", "dólares", "USD") at w: its code or NULL. */
static const char *tk_cur_word(const char *p, struct tk_w w)
{
	const struct tk_fig_currency *c;

	if (w.e == w.s)
		return NULL;
	c = tk_lexfig_currency_word(p + w.s, w.e - w.s);
	return c ? c->code : NULL;
}

/* A currency named in words after i: "euros", "Australian dollars", "Hong
 * Kong dollars", "dollars canadiens", "francs suisses". The code and *end. */
static const char *tk_cur_phrase(const char *p, size_t n, size_t i, size_t *end)
{
	struct tk_w a = tk_next_word(p, n, i), b = tk_next_word(p, n, a.e), c;
	const struct tk_fig_currency *adj = NULL;
	const char *code;

	if (a.e == a.s || (a.e < n && tk_digit(p[a.e])))
		return NULL; /* "3 USD50 cards": the code is the next number's */
	code = tk_cur_word(p, a);
	if (!code) {
		/* "Australian dollars"; "Hong Kong dollars" (two words, rare: last) */
		if (tk_cur_word(p, b)) {
			adj = tk_lexfig_currency_adjective(p + a.s, a.e - a.s);
			*end = b.e;
			return adj ? adj->code : NULL;
		}
		if (!(tk_w_is(p, a, "hong") || tk_w_is(p, a, "new") || tk_w_is(p, a, "south")))
			return NULL;
		c = tk_next_word(p, n, b.e);
		adj = tk_lexfig_currency_adjective(p + a.s, b.e - a.s);
		if (adj && tk_cur_word(p, c)) {
			*end = c.e;
			return adj->code;
		}
		return NULL;
	}
	*end = a.e;
	if (b.e > b.s && a.e < n && p[a.e] == ' ' &&
	    (adj = tk_lexfig_currency_adjective(p + b.s, b.e - b.s)) != NULL &&
	    (p[b.s] >= 'a' && p[b.s] <= 'z')) {
		*end = b.e; /* "dollars canadiens" */
		return adj->code;
	}
	return code;
}

/* Currency symbol right after a number: "45.000 €", "3,5 Mio. €" */
static const char *tk_cur_symbol_after(const char *p, size_t n, size_t i, size_t *end)
{
	size_t j = i, l;
	const struct tk_fig_currency *c;

	if (j < n && p[j] == ' ')
		j++;
	else if (j + 3 <= n && !memcmp(p + j, "\xE2\x80\xAF", 3))
		j += 3;
	if (j >= n)
		return NULL;
	if (p[j] == '$') {
		/* "1 $10 bill", "10 $ 30": the sign belongs to the number after it */
		if ((j + 1 < n && tk_digit(p[j + 1])) ||
		    (j + 2 < n && p[j + 1] == ' ' && tk_digit(p[j + 2])))
			return NULL;
		*end = j + 1;
		return "USD";
	}
	/* one sign, any currency: "45.000 €", "100元", "100,000 ₭" */
	if ((unsigned char)p[j] < 0xC2)
		return NULL;
	l = (unsigned char)p[j] >= 0xF0 ? 4 : (unsigned char)p[j] >= 0xE0 ? 3 : 2;
	if (j + l > n || (c = tk_lexfig_currency(p + j, l)) == NULL)
		return NULL;
	*end = j + l;
	return c->code;
}

/* Parse digits with separators at p[i..]. Returns the end or i on failure.
 * Sets *value and *plain (no separators). */
enum { TK_LANG_ANY, TK_LANG_DOT, TK_LANG_COMMA }; /* which separator is the decimal one */

/* Digit groups of a number as written and the separator after each
 * ('s' a plain space, ' ' a narrow one). */
struct tk_num {
	size_t groups[16], ng;
	char seps[16];
};

/* "82 000" with a plain space: a group of exactly three digits follows,
 * and it cannot be two numbers ("in 2021 300 people", "1 000 000 555-0199"). */
static int tk_num_space_group(const char *p, size_t n, size_t i, size_t j, const struct tk_num *g)
{
	if (!(j + 3 < n && p[j] == ' ' && tk_digit(p[j + 1]) && tk_digit(p[j + 2]) &&
	      tk_digit(p[j + 3]) && (j + 4 >= n || !tk_digit(p[j + 4])) && g->groups[0] <= 3 &&
	      (g->ng == 1 || g->seps[g->ng - 2] == 's')))
		return 0;
	if (j + 5 < n && (p[j + 4] == ' ' || p[j + 4] == '-') && tk_digit(p[j + 5]) &&
	    !(j + 7 < n && tk_digit(p[j + 6]) && tk_digit(p[j + 7]) &&
	      (j + 8 >= n || !tk_digit(p[j + 8]))))
		return 0;
	return !(g->ng == 1 && i > 0 && p[i - 1] != ' ' && p[i - 1] != '(');
}

/* Scan the digit groups at p[i..]; returns their end. */
static size_t tk_num_scan(const char *p, size_t n, size_t i, struct tk_num *g)
{
	size_t j = i, g0;

	g->ng = 0;
	while (j < n && g->ng < 16) {
		g0 = j;
		while (j < n && tk_digit(p[j]))
			j++;
		g->groups[g->ng] = j - g0;
		g->seps[g->ng++] = 0;
		if (j + 1 < n && (p[j] == ',' || p[j] == '.' || p[j] == '\'') &&
		    tk_digit(p[j + 1])) {
			g->seps[g->ng - 1] = p[j++];
		} else if (j + 3 < n && !memcmp(p + j, "\xE2\x80\xAF", 3) && tk_digit(p[j + 3])) {
			g->seps[g->ng - 1] = ' ';
			j += 3;
		} else if (tk_num_space_group(p, n, i, j, g)) {
			g->seps[g->ng - 1] = 's';
			j++;
		} else {
			break;
		}
	}
	return j;
}

/* Which group starts the decimals (ng: none), or (size_t)-1 when the groups
 * are no number (10.03.2026, 1.2.3). */
static size_t tk_num_decimal_at(const struct tk_num *g, int scale_follows, int lang)
{
	size_t ng = g->ng, k;
	char last = g->seps[ng - 2];
	int same = 1, thousands = 1, indian;

	for (k = 0; k + 1 < ng; k++)
		if (g->seps[k] != last)
			same = 0;
	if (!same) {
		/* 1,234.56 or 1.234,56: the last separator is the decimal one;
		 * 12,34,567.89 in lakh grouping */
		indian =
		    ng >= 4 && g->groups[ng - 2] == 3 && g->seps[0] == ',' && g->groups[0] <= 2;
		for (k = 1; indian && k + 2 < ng; k++)
			if (g->groups[k] != 2 || g->seps[k] != ',')
				indian = 0;
		for (k = 1; !indian && k + 1 < ng; k++)
			if (g->groups[k] != 3)
				return (size_t)-1;
		return last == ' ' || last == 's' || last == '\'' ? (size_t)-1 : ng - 1;
	}
	for (k = 1; k < ng; k++)
		if (g->groups[k] != 3)
			thousands = 0;
	/* "12,34,567": lakh grouping */
	indian = ng >= 3 && g->groups[ng - 1] == 3 && last == ',' && g->groups[0] <= 2;
	for (k = 1; indian && k + 1 < ng; k++)
		if (g->groups[k] != 2)
			indian = 0;
	if (indian)
		thousands = 1;
	if (ng == 2 && g->groups[1] == 3 && last == '.' && scale_follows)
		thousands = 0; /* "1.125 billion" */
	/* "96.088" is a decimal in English, "45.000" 45000 in German */
	if (ng == 2 && g->groups[1] == 3 &&
	    ((lang == TK_LANG_DOT && last == '.') || (lang == TK_LANG_COMMA && last == ',')))
		thousands = 0;
	if (ng == 2 && !thousands && (last == ',' || last == '.'))
		return 1;
	if (!thousands || g->groups[0] > 3)
		return (size_t)-1;
	return ng;
}

/* Parse digits with separators at p[i..]. Returns the end or i on failure.
 * Sets *value, *plain (no separators) and *ndigits. */
static size_t tk_parse_number(const char *p, size_t n, size_t i, double *value, int *plain,
			      size_t *ndigits, int scale_follows, int lang)
{
	struct tk_num g;
	size_t j = tk_num_scan(p, n, i, &g), k, d, pos = i, dec_at = g.ng;
	double v = 0, frac = 0, div = 1;

	*ndigits = 0;
	for (k = 0; k < g.ng; k++)
		*ndigits += g.groups[k];
	*plain = g.ng == 1;
	if (g.ng > 1 && (dec_at = tk_num_decimal_at(&g, scale_follows, lang)) == (size_t)-1)
		return i;
	for (k = 0; k < g.ng; k++) {
		for (d = 0; d < g.groups[k]; d++, pos++) {
			if (k < dec_at) {
				v = v * 10 + (p[pos] - '0');
			} else {
				div *= 10;
				frac += (p[pos] - '0') / div;
			}
		}
		if (k + 1 < g.ng)
			pos += g.seps[k] == ' ' ? 3 : 1;
	}
	*value = v + frac;
	return j;
}

static int tk_is_plural(const char *p, struct tk_w w)
{
	size_t n = w.e - w.s;
	static const char *const not_plural[] = {
	    /* sorted (bytewise) for binary search */
	    "analysis", "as",	"basis", "bus",	   "campus", "crisis", "has",
	    "his",	"is",	"its",	 "less",   "news",   "plus",   "press",
	    "status",	"this", "thus",	 "unless", "us",     "virus",  "was",
	};
	if (WIN(tk_plural_irregular, p, w))
		return 1;
	if (n >= 3 && p[w.e - 1] == 's' && p[w.e - 2] != 's' && !WIN(not_plural, p, w))
		return 1;
	return 0;
}

/* The counted noun after position i: "people", "Afghan refugees", "wind farms". */
static struct tk_w tk_unit_after(const char *p, size_t n, size_t i)
{
	struct tk_w w = tk_next_word(p, n, i), first, res = {0, 0};
	size_t k;

	if (w.e > w.s && (WIN(tk_skip_adj, p, w) || tk_w_is(p, w, "of"))) {
		if (tk_w_is(p, w, "of"))
			return res;
		w = tk_next_word(p, n, w.e);
	}
	first = w;
	for (k = 0; k < 3; k++) {
		if (w.e == w.s || WIN(tk_func, p, w) || WIN(tk_durations, p, w))
			break;
		/* words only: stop at anything that is not followed by space/punct */
		if (w.e < n && p[w.e] != ' ' && p[w.e] != ',' && p[w.e] != '.' && p[w.e] != ';' &&
		    p[w.e] != ':' && p[w.e] != ')' && p[w.e] != '!' && p[w.e] != '?' &&
		    (unsigned char)p[w.e] < 0x80)
			break;
		/* a capitalised word: a demonym ("Americans") or a German noun
		 * ("Haushalte"); a name ("in 2021 Microsoft") stops here */
		if ((p[w.s] >= 'A' && p[w.s] <= 'Z') && !tk_is_plural(p, w) && k == 0 &&
		    !(w.e - w.s >= 2 && w.e - w.s <= 5 && p[w.s + 1] >= 'A' && p[w.s + 1] <= 'Z' &&
		      w.e < n && p[w.e] == ' ') &&
		    !(w.e - w.s >= 4 &&
		      (p[w.e - 1] == 'e' || p[w.e - 1] == 'n' || p[w.e - 1] == 'r')))
			break;
		if (tk_is_plural(p, w)) {
			res.s = first.s;
			res.e = w.e;
			return res;
		}
		if (w.e < n && p[w.e] != ' ')
			break;
		w = tk_next_word(p, n, w.e);
	}
	/* no plural within three words: the first word, if it is a noun-ish word */
	if (first.e > first.s && !WIN(tk_func, p, first) && !WIN(tk_durations, p, first) &&
	    (!(p[first.s] >= 'A' && p[first.s] <= 'Z') ||
	     (first.e - first.s >= 4 &&
	      (p[first.e - 1] == 'e' || p[first.e - 1] == 'n' || p[first.e - 1] == 'r'))) &&
	    first.e - first.s >= 3 &&
	    !(first.e - first.s > 2 && !memcmp(p + first.e - 2, "ed", 2)) &&
	    !(first.e - first.s > 3 && !memcmp(p + first.e - 3, "ing", 3)) &&
	    !(first.e - first.s > 2 && !memcmp(p + first.e - 2, "ly", 2))) {
		res = first;
	}
	return res;
}

/* Is the figure next to a month name (a date)? */
static int tk_near_month(const char *p, size_t n, size_t s, size_t e)
{
	struct tk_w a = tk_prev_word(p, s), b;
	size_t j = e;
	if (a.e > a.s && tk_month_name(p + a.s, a.e - a.s - (p[a.e - 1] == '.')))
		return 1;
	if (j < n && p[j] == '.')
		j++; /* 14. August */
	b = tk_next_word(p, n, j);
	if (b.e > b.s && tk_w_is(p, b, "de"))
		b = tk_next_word(p, n, b.e); /* 14 de agosto */
	if (b.e > b.s && tk_month_name(p + b.s, b.e - b.s))
		return 1;
	return 0;
}

/* The clause around [s, e): the sentence, bounded by quotation marks. */
static void tk_context(const char *p, size_t n, size_t s, size_t e, size_t *cs, size_t *ce,
		       int *narrowed)
{
	size_t a = s, b = e, lim;

	lim = s > TK_CONTEXT_MAX ? s - TK_CONTEXT_MAX : 0;
	while (a > lim) {
		size_t adv;
		unsigned char c = (unsigned char)p[a - 1];
		if (c == ';' || ((c == '.' || c == '!' || c == '?') && a >= 2 &&
				 tk_is_sentence_end(p, n, a - 1) && a - 1 < s))
			break;
		if (c >= 0x80 || c == '"') {
			size_t k = a - 1;
			while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
				k--;
			if (tk_is_qmark(tk_cp_at(p, n, k, &adv)) && !(p[k] == '\'') &&
			    !(tk_cp_at(p, n, k, &adv) == 0x2019 && k > 0 && p[k - 1] != ' ' &&
			      k + adv < n && p[k + adv] != ' '))
				break;
			a = k;
			continue;
		}
		a--;
	}
	lim = e + TK_CONTEXT_MAX < n ? e + TK_CONTEXT_MAX : n;
	while (b < lim) {
		size_t adv;
		unsigned char c = (unsigned char)p[b];
		if (c == ';')
			break;
		if ((c == '.' || c == '!' || c == '?') && tk_is_sentence_end(p, n, b)) {
			b++;
			break;
		}
		if (c >= 0x80 || c == '"') {
			unsigned cp = tk_cp_at(p, n, b, &adv);
			if (tk_is_qmark(cp) && !(cp == 0x2019 && b > 0 && p[b - 1] != ' ' &&
						 b + adv < n && p[b + adv] != ' '))
				break;
			b += adv;
			continue;
		}
		b++;
	}
	/* a dateline opening the paragraph: "KELSO — ", "LISBON (Wire) — " */
	if (a == 0 && n > 4 && p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' && p[1] <= 'Z' &&
	    p[2] >= 'A' && p[2] <= 'Z') {
		size_t k;
		for (k = 3; k + 3 < n && k < 60 && k < s; k++) {
			size_t dl = !memcmp(p + k, " \xE2\x80\x94 ", 5) ||
					    !memcmp(p + k, " \xE2\x80\x93 ", 5)
					? 5
				    : !memcmp(p + k, " -- ", 4) ? 4
				    : !memcmp(p + k, " - ", 3)	? 3
								: 0;
			if (dl && k + dl <= s) {
				a = k + dl;
				break;
			}
		}
	}
	/* a long sentence: narrow to the comma clause around the figure */
	*narrowed = b - a > 160;
	if (b - a > 160) {
		size_t ca = s, cb = e;
		while (ca > a && !(p[ca - 1] == ' ' && ca >= 2 && p[ca - 2] == ','))
			ca--;
		while (cb < b && !(p[cb] == ',' && cb + 1 < n && p[cb + 1] == ' '))
			cb++;
		if (cb - ca >= 30) {
			a = ca;
			b = cb;
		}
	}
	/* trim spaces, leading dashes, trailing commas */
	while (a < b && (p[a] == ' ' || p[a] == '-' || p[a] == ','))
		a++;
	while (b > a && (p[b - 1] == ' ' || p[b - 1] == ','))
		b--;
	*cs = a;
	*ce = b;
}

static int tk_fig_push(struct tk_figlist *fl, const struct tk_figure *f)
{
	if (tk_buf_grow(&fl->f, &fl->cap, fl->n, sizeof *fl->f, 16))
		return TK_ENOMEM;
	fl->f[fl->n++] = *f;
	return TK_OK;
}

/* One figure being read, and the paragraph it is in. The digit pipeline
 * fills it step by step (number -> sign/scale -> unit -> filters ->
 * range/conversion -> emit); spelled numbers join after the number step. */
struct tk_fs {
	const struct tk_article *art;
	struct tk_arena *ar;
	struct tk_figlist *fl;
	const char *p;
	size_t n, pi;
	int lang;	 /* TK_LANG_*: which separator is decimal */
	unsigned langs;	 /* TK_NL_*: whose number words count; AMBIG when declared */
	char lc;	 /* first letter of the declared language (e, f, d, s), or 0 */
	size_t s, e, ne; /* figure start (sign, currency), end of the number, end of the figure */
	size_t skip_to;	 /* where to go on when the figure is rejected */
	double v, vmax, scale;
	int plain, neg, change, spelled;
	size_t ndig;
	enum tk_figure_kind kind;
	const char *code; /* currency code, "%", measure or duration unit; NULL for counts */
	struct tk_w noun; /* the counted noun of a count */
	size_t last_end;  /* end of the last figure emitted in this paragraph, or 0 */
	const char *ctx;  /* the last context made, when it is a whole sentence */
	size_t ctx_pi, ctx_s, ctx_e; /* its paragraph and span */
};

static const struct tk_fig_numword *tk_spell_word(const struct tk_fs *st, struct tk_w w);
static double tk_fig_vulgar(const char *p, size_t n, size_t i, size_t *len);

static void tk_fs_begin(struct tk_fs *st, size_t i)
{
	st->s = st->e = st->ne = st->skip_to = i;
	st->v = st->vmax = 0;
	st->scale = 1;
	st->plain = 1;
	st->neg = st->change = st->spelled = 0;
	st->ndig = 0;
	st->kind = TK_FIG_COUNT;
	st->code = NULL;
	st->noun.s = st->noun.e = 0;
}

static int tk_score(const struct tk_figure *f, int spelled)
{
	double v = fabs(f->value_max > f->value ? f->value_max : f->value);
	int s = (v >= 1 ? (int)floor(log10(v)) : 0) * 10;

	switch (f->kind) {
	case TK_FIG_PERCENT:
	case TK_FIG_MONEY:
		s += 25;
		break;
	case TK_FIG_MEASURE:
		s += 18;
		break;
	case TK_FIG_FRACTION:
		s += 15;
		break;
	case TK_FIG_DURATION: /* kept, but ranked below counts and money */
		s -= 5;
		break;
	default:
		s += f->unit ? 20 : -25;
	}
	if (spelled)
		s -= 10;
	if (f->trivial)
		s -= 100;
	if (f->para < 6)
		s += 12 - 2 * (int)f->para;
	return s;
}

/* "87 mph (140 km/h)": a figure right after "(" that follows the last
 * figure is its conversion; both stay, the first one points to the second. */
static void tk_fs_link_conversion(struct tk_fs *st, const struct tk_figure *f)
{
	struct tk_figure *last;
	size_t k = st->last_end;

	if (!st->fl->n || !st->last_end || !f->unit)
		return;
	last = &st->fl->f[st->fl->n - 1];
	if (last->para != st->pi || !last->unit || last->conv_unit)
		return;
	while (k < st->s && st->p[k] == ' ')
		k++;
	if (k < st->s && st->p[k] == '(') {
		k++;
		while (k < st->s && st->p[k] == ' ')
			k++;
		if (k == st->s) {
			last->conv_value = f->value;
			last->conv_unit = f->unit;
		}
	}
}

static int tk_fs_emit(struct tk_fs *st)
{
	const char *p = st->p;
	size_t cs, ce;
	struct tk_figure f;

	if (st->fl->n >= TK_EXTRACT_MAX_FOUND)
		return TK_OK; /* bounded output, before any copy */
	memset(&f, 0, sizeof f);
	f.value = (st->neg ? -st->v : st->v) * st->scale;
	f.value_max = (st->neg ? -st->vmax : st->vmax) * st->scale;
	if (f.value_max < f.value)
		f.value_max = f.value;
	/* "1e5678901234" overflows to inf: no count anyone can read (and no score) */
	if (!isfinite(f.value) || !isfinite(f.value_max))
		return TK_OK;
	f.para = st->pi;
	f.offset = st->s;
	f.kind = st->kind;
	f.change = st->change;
	f.text = tk_arena_strndup(st->ar, p + st->s, st->ne - st->s);
	if (!f.text)
		return TK_ENOMEM;
	if (st->code) {
		f.unit = st->code;
	} else if (st->noun.e > st->noun.s) {
		f.unit = tk_arena_strndup(st->ar, p + st->noun.s, st->noun.e - st->noun.s);
		if (!f.unit)
			return TK_ENOMEM;
	}
	/* "two fact checkers", a bare "3": nothing a reader calls a key figure */
	f.trivial = st->kind == TK_FIG_COUNT && fabs(f.value_max) < 10;
	/* figures of one sentence share its context: no second scan or copy */
	if (st->ctx && st->ctx_pi == st->pi && st->s >= st->ctx_s && st->ne <= st->ctx_e) {
		f.context = st->ctx;
	} else {
		int narrowed;
		tk_context(p, st->n, st->s, st->ne, &cs, &ce, &narrowed);
		f.context = tk_arena_strndup(st->ar, p + cs, ce - cs);
		if (!f.context)
			return TK_ENOMEM;
		st->ctx = narrowed ? NULL : f.context;
		st->ctx_pi = st->pi;
		st->ctx_s = cs;
		st->ctx_e = ce;
	}
	f.score = tk_score(&f, st->spelled);
	tk_fs_link_conversion(st, &f);
	st->last_end = st->ne;
	return tk_fig_push(st->fl, &f);
}

/* "c $ 16.4 million", "hk $ 10": a country letter or two set apart from the
 * dollar sign (tokenised text); never "a $5 bill". The prefixed currency and
 * its start, else cur and the sign's start d. */
static const struct tk_fig_currency *
tk_fig_cur_spaced(const char *p, size_t d, const struct tk_fig_currency *cur, size_t *start)
{
	size_t w = d - 1, q;
	char up[3];
	const struct tk_fig_currency *pre;

	*start = d;
	if (d < 2 || p[d - 1] != ' ')
		return cur;
	while (w > 0 && d - 1 - w < 3 && tk_ascii_alpha((unsigned char)p[w - 1]))
		w--;
	q = d - 1 - w;
	if (q < 1 || q > 2 || (w > 0 && p[w - 1] != ' ' && p[w - 1] != '(') ||
	    (q == 1 && (p[w] == 'a' || p[w] == 'A')))
		return cur;
	/* "music ' s $ 500 million": a possessive s */
	if (w >= 2 && (p[w - 2] == '\'' || (unsigned char)p[w - 2] == 0x99))
		return cur;
	for (q = 0; w + q < d - 1; q++)
		up[q] = p[w + q] >= 'a' && p[w + q] <= 'z' ? (char)(p[w + q] - 32) : p[w + q];
	up[q++] = '$';
	pre = tk_lexfig_currency(up, q);
	if (!pre)
		return cur;
	*start = w;
	return pre;
}

/* A currency code, symbol or prefix ending at i, or before one space there
 * ("US$", "HK$ ", "EUR ", "RM", "₹"); the ISO code and *start, or NULL. */
static const char *tk_fig_cur_before(const char *p, size_t i, size_t *start)
{
	size_t j = i, k;
	unsigned char c;

	if (j >= 1 && p[j - 1] == ' ')
		j--;
	else if (j >= 2 && (unsigned char)p[j - 2] == 0xC2 && (unsigned char)p[j - 1] == 0xA0)
		j -= 2;
	else if (j >= 3 && !memcmp(p + j - 3, "\xE2\x80\xAF", 3))
		j -= 3;
	if (!j)
		return NULL;
	/* quick reject: every entry ends in '$', '.', an upper-case letter,
	 * "s", or a multi-byte sign */
	c = (unsigned char)p[j - 1];
	if (!(c == '$' || c == '.' || c == 's' || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
	      (c >= 'a' && c <= 'z' && j == i)))
		return NULL;
	k = j;
	while (k > 0 && j - k < 6 && p[k - 1] != ' ' && p[k - 1] != '(' && p[k - 1] != '"' &&
	       !tk_digit(p[k - 1]))
		k--;
	for (; k < j; k++) {
		const struct tk_fig_currency *cur;
		if (((unsigned char)p[k] & 0xC0) == 0x80)
			continue;
		cur = tk_lexfig_currency(p + k, j - k);
		if (!cur && p[j - 1] == '$' && j - k == 4) {
			/* "aud$ 15", "MXN$15": a code in any case before the dollar sign */
			char up[3];
			size_t q;
			for (q = 0; q < 3; q++)
				up[q] = p[k + q] >= 'a' && p[k + q] <= 'z' ? (char)(p[k + q] - 32)
									   : p[k + q];
			cur = tk_lexfig_currency(up, 3);
		}
		if (cur) {
			/* a letter code needs a word boundary: "ARUSD" is no code */
			if (k > 0 && tk_ascii_alpha((unsigned char)p[k - 1]))
				return NULL;
			if (p[k] == '$' && j - k == 1)
				cur = tk_fig_cur_spaced(p, k, cur, &k);
			*start = k;
			return cur->code;
		}
	}
	return NULL;
}

/* Phone numbers and codes, the one place they are told from figures: "+1
 * 617 555 0142", "0800 123 456", "555-123-4567", "(614) 555-0199".
 * Returns the end of the run when the digits at i are one, else 0. */
static size_t tk_fig_phone(const char *p, size_t n, size_t i)
{
	size_t k = i, groups = 0;
	int odd = 0, dash = 0, after_paren, area, plus;

	while (k < n && tk_digit(p[k])) {
		size_t g0 = k;
		while (k < n && tk_digit(p[k]))
			k++;
		if (groups > 0 && k - g0 != 3)
			odd = 1;
		groups++;
		if (k + 1 < n && (p[k] == ' ' || p[k] == '-' || p[k] == '.') &&
		    tk_digit(p[k + 1])) {
			dash |= p[k] == '-';
			k++;
			continue;
		}
		break;
	}
	after_paren = i >= 2 && p[i - 1] == ' ' && p[i - 2] == ')';
	area = i > 0 && p[i - 1] == '(' && k + 2 < n && p[k] == ')' && p[k + 1] == ' ' &&
	       tk_digit(p[k + 2]);
	/* "+44 20 …" is a phone number, "+12%" a change */
	plus = i > 0 && p[i - 1] == '+' && (groups >= 2 || k - i >= 7);
	if (plus || area || (groups >= 3 && (odd || dash)) || (after_paren && groups >= 2) ||
	    (groups == 2 && dash && k - i >= 8 && odd) ||
	    (p[i] == '0' && i + 2 < n && tk_digit(p[i + 1]) && tk_digit(p[i + 2])))
		return k > i ? k : i + 1;
	return 0;
}

/* Step 1: what sticks to the digits from before. A currency code
 * ("USD10m", "RM79", "$US113bn") makes money; other letters or digits an
 * identifier ("A320", "COVID-19", "G7", "2014-15"), which is skipped. */
static int tk_fig_glued_before(struct tk_fs *st, size_t i)
{
	const char *p = st->p;
	unsigned char c = i ? (unsigned char)p[i - 1] : 0;
	size_t start;
	const char *code;

	if (!(tk_ascii_alpha(c) || c == '_' || c == '#' || c == '/' || c == ':' || c == '.' ||
	      c == ',' || c == '=' || c == '&' || c == '?' || c == '%' || c == '@' ||
	      (c == '-' && i > 1 &&
	       (tk_ascii_alpha((unsigned char)p[i - 2]) || tk_digit(p[i - 2])))))
		return 0;
	if (c == '.' && (i == 1 || p[i - 2] == ' '))
		return 0; /* ".08": a decimal without its zero */
	if (tk_ascii_alpha(c) && (code = tk_fig_cur_before(p, i, &start)) != NULL) {
		st->code = code;
		st->kind = TK_FIG_MONEY;
		st->s = start;
		return 0;
	}
	while (i < st->n && (tk_digit(p[i]) || tk_ascii_alpha((unsigned char)p[i]) || p[i] == '.' ||
			     p[i] == ',' || p[i] == '-' || p[i] == '/' || p[i] == ':'))
		i++;
	st->skip_to = i;
	return 1;
}

/* A word that makes the number after it negative: "minus", "negative",
 * French "négatif", "négative". */
static int tk_fig_minus_word(const char *p, struct tk_w w)
{
	return tk_w_is(p, w, "minus") || tk_w_is(p, w, "negative") ||
	       tk_w_is(p, w, "n\xC3\xA9gative") || tk_w_is(p, w, "n\xC3\xA9gatif");
}

/* Step 2: the number itself, its decimals by the text's language, and its
 * sign ("-1.3%", "−5 °C", "$-50.8bn", "minus 387"). */
static int tk_fig_number(struct tk_fs *st, size_t i)
{
	const char *p = st->p;
	size_t n = st->n, k = i, s = i;
	struct tk_w nw, pw;
	double v;

	while (k < n && (tk_digit(p[k]) || p[k] == '.' || p[k] == ','))
		k++;
	nw = tk_next_word(p, n, k);
	/* "1.125 billion": a decimal point before a scale word (not "4.050 m²") */
	st->e = tk_parse_number(
	    p, n, i, &st->v, &st->plain, &st->ndig,
	    tk_scale_value(p, nw) > 0 && nw.e - nw.s > 1 && st->lang != TK_LANG_COMMA, st->lang);
	if (st->e == i) {
		st->skip_to = k > i ? k : i + 1;
		return 1;
	}
	st->ne = st->e;
	if (i >= 1 && p[i - 1] == '.' && (i == 1 || p[i - 2] == ' ') && st->plain) {
		/* ".08" */
		for (v = st->v, k = 0; k < st->ndig; k++)
			v /= 10;
		st->v = v;
		s = i - 1;
	}
	/* a minus, not a dash between numbers ("75 - 300mm") */
	if (s >= 1 && p[s - 1] == '-' &&
	    (s == 1 || p[s - 2] == '(' || p[s - 2] == '$' || (unsigned char)p[s - 2] >= 0x80 ||
	     (p[s - 2] == ' ' && !(s >= 3 && tk_digit(p[s - 3]))))) {
		st->neg = 1;
		s--;
	} else if (s >= 3 && !memcmp(p + s - 3, "\xE2\x88\x92", 3)) {
		st->neg = 1;
		s -= 3;
	} else {
		pw = tk_prev_word(p, s);
		if (pw.e + 1 == s && tk_fig_minus_word(p, pw)) {
			st->neg = 1;
			s = pw.s;
		}
	}
	if (st->kind != TK_FIG_MONEY)
		st->s = s;
	return 0;
}

/* Is the clause about weight ("weighs 25 pounds") rather than sterling? */
static int tk_fig_weight_cue(const char *p, size_t n, size_t s, size_t e)
{
	static const char *const cues[] = {
	    /* sorted (bytewise) */
	    "baby",    "fish",	   "heavier", "heavy",	"kg",	   "kilograms", "lighter",
	    "lost",    "metric",   "ounces",  "ton",	"tonne",   "tons",	"weigh",
	    "weighed", "weighing", "weighs",  "weight", "weights",
	};
	size_t a = s > 80 ? s - 80 : 0, b = e + 60 < n ? e + 60 : n, k;

	/* the figure's own sentence only */
	for (k = s; k > a; k--)
		if (p[k - 1] == '.' && k < n && p[k] == ' ' && tk_is_sentence_end(p, n, k - 1))
			break;
	a = k;
	for (k = e; k < b; k++)
		if (p[k] == '.' && tk_is_sentence_end(p, n, k))
			break;
	b = k;

	for (k = a; k < b;) {
		struct tk_w w = tk_next_word(p, b, k);
		if (w.e == w.s) {
			k++;
			continue;
		}
		if (tk_w_in(p, w, cues, TK_ARRAY_LEN(cues)))
			return 1;
		k = w.e;
	}
	return 0;
}

/* Take unit u for the figure, ending at end. */
static void tk_fig_set_unit(struct tk_fs *st, const struct tk_fig_unit *u, size_t end)
{
	if (u->flags & TK_LU_AMBIG) {
		if (!tk_fig_weight_cue(st->p, st->n, st->s, end)) {
			st->kind = TK_FIG_MONEY; /* pounds sterling */
			st->code = "GBP";
			st->ne = end;
			return;
		}
	}
	st->kind = u->kind;
	st->code = u->unit;
	if (u->factor != 1.0) {
		/* dividing keeps "164p" at exactly 1.64 */
		double d = floor(1 / u->factor + 0.5);
		st->v /= d;
		st->vmax /= d;
	}
	st->ne = end;
}

/* A unit token at i: letters, UTF-8 signs (°, µ, ²), '/', '.', and a 2 or 3
 * after letters ("km/h", "m.p.h.", "m2", "°C"). Returns its end (i if none). */
static size_t tk_fig_unit_token(const char *p, size_t n, size_t i)
{
	size_t k = i;

	while (k < n) {
		unsigned char c = (unsigned char)p[k];
		if (tk_ascii_alpha(c) || c >= 0x80 ||
		    ((c == '/' || c == '.') && k > i && k + 1 < n &&
		     tk_ascii_alpha((unsigned char)p[k + 1])) ||
		    (c == '.' && k > i + 1 && p[k - 2] == '.'))
			k++;
		else if ((c == '2' || c == '3') && k > i &&
			 tk_ascii_alpha((unsigned char)p[k - 1]) &&
			 (k + 1 >= n || !tk_digit(p[k + 1])))
			k++;
		else
			break;
	}
	return k;
}

/* The unit written at [i, k) with the flag needed, trying shorter forms
 * before a '/', '.' or trailing digit ("km/ms" then "km"); *end is where
 * it stops. */
static const struct tk_fig_unit *tk_fig_unit_at(const char *p, size_t i, size_t k, unsigned flag,
						size_t *end)
{
	for (;;) {
		const struct tk_fig_unit *u = tk_lexfig_unit(p + i, k - i);
		size_t j = k;
		if (u && (u->flags & flag)) {
			*end = k;
			return u;
		}
		while (j > i + 1 && p[j - 1] != '/' && p[j - 1] != '.' &&
		       !(j == k && tk_digit(p[j - 1])))
			j--;
		if (j <= i + 1)
			return NULL;
		k = j - 1;
	}
}

/* "1.1^23", "2.5^-1", "1.3x10^6": a power, worked out. */
static int tk_fig_power(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, k = st->e, d;
	int sign = 1, ten = p[k] == 'x';
	double x = 0;

	k += ten ? 4 : 1;
	while (k < n && (p[k] == '-' || p[k] == '+')) {
		if (p[k] == '-')
			sign = -sign;
		k++;
	}
	for (d = k; k < n && tk_digit(p[k]) && k - d < 3; k++)
		x = x * 10 + (p[k] - '0');
	if (k == d || (k < n && (tk_digit(p[k]) || tk_ascii_alpha((unsigned char)p[k])))) {
		st->skip_to = k;
		return 1;
	}
	st->v = ten ? st->v * pow(10, sign * x) : pow(st->v, sign * x);
	st->e = st->ne = k;
	return 0;
}

/* "6.1-inch", "185-hp", "3.5-litre", "30-day": a hyphenated unit adjective.
 * "45-year-old" is an age and "5-star" no unit: both rejected. */
static int tk_fig_hyphen_unit(struct tk_fs *st, size_t i)
{
	const char *p = st->p;
	size_t n = st->n, k = i, end;
	const struct tk_fig_unit *u;

	while (k < n && (tk_ascii_alpha((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80))
		k++;
	if (!(k + 3 < n && p[k] == '-' && !strncmp(p + k + 1, "old", 3))) {
		u = tk_fig_unit_at(p, i, k, TK_LU_HYPHEN, &end);
		if (u && end == k) {
			tk_fig_set_unit(st, u, end);
			/* "the 6-foot-2 striker": feet and inches */
			if (!strcmp(st->code, "ft") && end + 1 < n && p[end] == '-' &&
			    tk_digit(p[end + 1])) {
				size_t d = end + 1;
				double in = 0;
				while (d < n && tk_digit(p[d]) && d - end <= 2)
					in = in * 10 + (p[d++] - '0');
				if (in < 12 && !(d < n && tk_digit(p[d]))) {
					st->v += in / 12;
					st->vmax = st->v;
					st->ne = d;
				}
			}
			return 0;
		}
	}
	while (k < n && (tk_ascii_alpha((unsigned char)p[k]) || p[k] == '-'))
		k++;
	st->skip_to = k;
	return 1;
}

/* "1e10", "2.5e-3": an exponent glued after the digits. */
static int tk_fig_exponent(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, e = st->e, k = e + 1 + (p[e + 1] == '+' || p[e + 1] == '-');
	int sign = p[e + 1] == '-' ? -1 : 1, x = 0;

	while (k < n && tk_digit(p[k]) && x < 300)
		x = x * 10 + (p[k++] - '0');
	st->v *= pow(10, sign * x);
	st->ne = k;
	return 0;
}

/* Letters glued after the digits up to k that are a scale ("10k", "$3.5bn",
 * "USD10m", "1MM") or a currency code ("115USD"): taken, 1; else 0. */
static int tk_fig_glued_scale(struct tk_fs *st, size_t k)
{
	const char *p = st->p;
	size_t n = st->n, e = st->e, le = e;
	struct tk_w sw;
	double sc;
	int alone;

	while (le < k && tk_ascii_alpha((unsigned char)p[le]))
		le++;
	sw.s = e;
	sw.e = le;
	alone = le >= n || !(tk_ascii_alpha((unsigned char)p[le]) || tk_digit(p[le]));
	sc = tk_scale_value(p, sw);
	if (le - e == 2 && p[e] == 'M' && p[e + 1] == 'M')
		sc = 1e6; /* "US$ 1MM" */
	if (tk_w_is(p, sw, "mil") || tk_w_is(p, sw, "bln") || tk_w_is(p, sw, "tln"))
		sc = p[e] == 'm' ? 1e6 : p[e] == 'b' ? 1e9 : 1e12;
	/* "37m" is metres unless money: "$37m", "USD10m" */
	if (sc > 0 && p[e] == 'm' && le == e + 1 && st->kind != TK_FIG_MONEY)
		sc = 0;
	if (sc > 0 && alone) {
		st->scale = sc;
		st->ne = le;
		return 1;
	}
	/* "115USD", "20eur": a currency code glued after the number */
	if (le - e == 3 && st->kind != TK_FIG_MONEY && tk_cur_word(p, sw) && alone) {
		st->code = tk_cur_word(p, sw);
		st->kind = TK_FIG_MONEY;
		st->ne = le;
		return 1;
	}
	return 0;
}

/* Step 3: letters glued after the digits: a scale ("10k", "$3.5bn",
 * "USD10m"), a unit ("256GB", "50mph", "37m", "164p", "1.38pc"), an
 * exponent ("1e10"), a hyphenated unit adjective ("6.1-inch", "30-day"); or
 * an ordinal, a time, a decade ("14th", "10am", "1990s"): rejected. */
static int tk_fig_suffix(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, e = st->e, k = e, end;
	const struct tk_fig_unit *u;
	unsigned char c = e < n ? (unsigned char)p[e] : 0;

	if (c == 'e' && e + 1 < n &&
	    (tk_digit(p[e + 1]) ||
	     ((p[e + 1] == '+' || p[e + 1] == '-') && e + 2 < n && tk_digit(p[e + 2]))))
		return tk_fig_exponent(st);
	if (c == '^' || (c == 'x' && e + 3 < n && !memcmp(p + e, "x10^", 4)))
		return tk_fig_power(st);
	if (c == '-' && e + 1 < n && tk_ascii_alpha((unsigned char)p[e + 1]))
		return tk_fig_hyphen_unit(st, e + 1);
	if (!(tk_ascii_alpha(c) || c >= 0x80))
		return 0;
	/* general punctuation after the digits ("10–12 km", "5…", "3”"): no
	 * suffix, nor an identifier; the narrow no-break space is read elsewhere */
	if (c == 0xE2 && e + 2 < n && (unsigned char)p[e + 1] == 0x80 &&
	    (unsigned char)p[e + 2] >= 0x90 && (unsigned char)p[e + 2] <= 0xA6)
		return 0;
	if (c >= 0xC2 && st->plain) {
		/* "2½ miles" */
		size_t len = 0;
		double fv = tk_fig_vulgar(p, n, e, &len);
		if (fv > 0) {
			st->v += fv;
			st->e = st->ne = e + len;
			return 0;
		}
	}
	if (c >= 0xC2 && st->kind != TK_FIG_MONEY) {
		/* "100元", "5€": a currency sign glued after the number */
		const char *code = tk_cur_symbol_after(p, n, e, &end);
		if (code) {
			st->code = code;
			st->kind = TK_FIG_MONEY;
			st->ne = end;
			return 0;
		}
	}
	k = tk_fig_unit_token(p, n, e);
	if (k > e && tk_ascii_alpha(c) && tk_fig_glued_scale(st, k))
		return 0;
	u = k > e ? tk_fig_unit_at(p, e, k, TK_LU_GLUED, &end) : NULL;
	if (u && !(end < n && (tk_ascii_alpha((unsigned char)p[end]) || tk_digit(p[end])))) {
		/* "1080p" is a screen, not pence */
		if (u->kind == TK_FIG_MONEY && !strcmp(u->unit, "GBP") &&
		    (st->v == 480 || st->v == 720 || st->v == 1080 || st->v == 1440 ||
		     st->v == 2160)) {
			st->skip_to = end;
			return 1;
		}
		tk_fig_set_unit(st, u, end);
		if (end < n && p[end] == '-' && end + 1 < n &&
		    tk_ascii_alpha((unsigned char)p[end + 1]))
			st->skip_to = end; /* "5km-long": fine, the unit is read */
		return 0;
	}
	while (k < n && (tk_ascii_alpha((unsigned char)p[k]) || tk_digit(p[k]) || p[k] == '-'))
		k++;
	st->skip_to = k; /* 14th, 10am, 1990s, 5G */
	return 1;
}

/* "3/4", "1/16 of a pint", "10 1/2 miles": a proper fraction with a small
 * denominator; any other slash ("24/7", "12/03/2026") is rejected. */
static int tk_fig_slash(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, e = st->e, k;
	double d = 0;

	if (e + 1 < n && p[e] == '/' && tk_digit(p[e + 1])) {
		for (k = e + 1; k < n && tk_digit(p[k]) && k - e < 5; k++)
			d = d * 10 + (p[k] - '0');
		if (st->plain && d >= 2 && d <= 100 && st->v < d && st->v >= 1 &&
		    !(k < n && (tk_digit(p[k]) || p[k] == '/' || p[k] == '-' || p[k] == '.'))) {
			st->v /= d;
			st->kind = TK_FIG_FRACTION;
			st->e = st->ne = k;
			return 0;
		}
		st->skip_to = k;
		return 1;
	}
	/* mixed: "2 1/4", "2  1/4" */
	while (e + 4 < n && p[e] == ' ' && p[e + 1] == ' ')
		e++;
	if (st->plain && e + 3 < n && p[e] == ' ' && tk_digit(p[e + 1]) && p[e + 2] == '/' &&
	    tk_digit(p[e + 3]) && (e + 4 >= n || !tk_digit(p[e + 4])) && p[e + 1] < p[e + 3]) {
		st->v += (double)(p[e + 1] - '0') / (p[e + 3] - '0');
		st->e = st->ne = e + 4;
	}
	return 0;
}

/* A capitalised model or product word after a bare number: "737 Max",
 * "787 Dreamliner", or a place after a post code ("75008 Paris"); plural
 * demonyms ("Americans") and German nouns are counted things, not names. */
static int tk_fig_model_after(const struct tk_fs *st, size_t e)
{
	const char *p = st->p;
	size_t n = st->n;
	struct tk_w w;

	if (e >= n || p[e] != ' ')
		return 0;
	w = tk_next_word(p, n, e);
	if (w.e - w.s < 2 || !(p[w.s] >= 'A' && p[w.s] <= 'Z'))
		return 0;
	if (st->ndig == 5)
		return 1; /* "75008 Paris", "10115 Berlin" */
	if (p[w.s + 1] >= 'A' && p[w.s + 1] <= 'Z')
		return 0; /* an acronym: "30 MUSD", "12 NHS trusts" */
	if (tk_is_plural(p, w) || tk_lexfig_unit(p + w.s, w.e - w.s) || tk_cur_word(p, w) ||
	    tk_month_name(p + w.s, w.e - w.s) || tk_scale_value(p, w) > 0 ||
	    tk_lexfig_currency(p + w.s, w.e - w.s))
		return 0;
	/* German nouns: "5000 Menschen", "12 Prozent" (not in English text) */
	if (st->lc != 'e' && w.e - w.s >= 4 &&
	    (p[w.e - 1] == 'e' || p[w.e - 1] == 'n' || p[w.e - 1] == 'r' || p[w.e - 1] == 't'))
		return 0;
	return 1;
}

/* Step 4: numbers that are not figures: times, dates, list numbering,
 * page/section numbers, names and models ("Boeing 737", "Windows 11",
 * "737 Max"), ids, scores ("won 2-1"). */
static int tk_fig_filters(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, s = st->s, e = st->e;
	struct tk_w pw;

	st->skip_to = e;
	if (e + 1 < n && (p[e] == ':' || p[e] == 'h') && tk_digit(p[e + 1]))
		return 1; /* 10:30, 10h30 */
	if (e + 1 < n && p[e] == '.' && tk_digit(p[e + 1]))
		return 1; /* 1.2.3 left over */
	/* "won 2-1", "3-0": a score, not a range (ranges go up) */
	if (e + 1 < n && p[e] == '-' && tk_digit(p[e + 1]) && st->plain && st->ndig <= 2) {
		size_t k = e + 1;
		double d = 0;
		while (k < n && tk_digit(p[k]) && k - e <= 3)
			d = d * 10 + (p[k++] - '0');
		if (k - e <= 3 && d <= st->v && !(k < n && (tk_digit(p[k]) || p[k] == '%'))) {
			st->skip_to = k;
			return 1;
		}
	}
	if (s == 0 && e < n && (p[e] == '.' || p[e] == ')') && st->plain && st->ndig <= 2)
		return 1; /* list numbering "1. " / "2) " */
	if (s > 0 && p[s - 1] == '(' && e < n && p[e] == ')' && st->plain && st->ndig <= 2)
		return 1;
	if (st->plain && st->ndig >= 10 && st->e == st->ne)
		return 1; /* tweet and account ids */
	if (s > 0 && p[s - 1] == '#')
		return 1;
	if (st->kind == TK_FIG_MONEY)
		return 0; /* "the unit A$45m": money is never a page or unit number */
	pw = tk_prev_word(p, s);
	if (tk_w_in(p, pw, tk_prev_block, TK_ARRAY_LEN(tk_prev_block)))
		return 1;
	if (tk_near_month(p, n, s, e))
		return 1;
	if (st->neg)
		return 0;
	/* "Boeing 737", "Apollo 11": a number right after a name */
	if (st->plain && pw.e > pw.s && pw.e == s - 1 && p[pw.s] >= 'A' && p[pw.s] <= 'Z' &&
	    pw.s != 0 && !tk_cur_word(p, pw) &&
	    !(pw.s >= 2 && (p[pw.s - 2] == '.' || p[pw.s - 2] == ':')) &&
	    !tk_month_name(p + pw.s, pw.e - pw.s))
		return 1;
	/* "iPhone 15", "eBay 2": a camel-case name, even at a sentence start */
	if (st->plain && pw.e > pw.s + 1 && pw.e == s - 1 && p[pw.s] >= 'a' && p[pw.s] <= 'z' &&
	    p[pw.s + 1] >= 'A' && p[pw.s + 1] <= 'Z')
		return 1;
	if (st->plain && st->ndig <= 5 && st->e == st->ne && tk_fig_model_after(st, e))
		return 1;
	return 0;
}

/* Step 5: a currency symbol or code before the number ("HK$ 5", "EUR 50m",
 * "€1.2 billion"), unless one was glued. */
static void tk_fig_currency(struct tk_fs *st)
{
	size_t start;
	const char *code;
	struct tk_w pw;

	if (st->kind == TK_FIG_MONEY)
		return;
	code = tk_fig_cur_before(st->p, st->s, &start);
	if (!code) {
		pw = tk_prev_word(st->p, st->s);
		/* "USD 5", "CHF 40" written out as a code word */
		if (pw.e + 1 == st->s && pw.e - pw.s == 3 && st->p[pw.s] >= 'A' &&
		    st->p[pw.s] <= 'Z' && tk_cur_word(st->p, pw)) {
			code = tk_cur_word(st->p, pw);
			start = pw.s;
		}
	}
	if (code) {
		st->code = code;
		st->kind = TK_FIG_MONEY;
		st->s = start;
	}
}

/* The number at i, digits or words, for the far side of a range or ratio;
 * its end, or i when there is none. */
static size_t tk_spell_read(const struct tk_fs *st, size_t i, double *val, int *frac);

static size_t tk_fig_number_at(const struct tk_fs *st, size_t i, double *v)
{
	int plain, frac = 0;
	size_t nd;

	if (i < st->n && tk_digit(st->p[i]))
		return tk_parse_number(st->p, st->n, i, v, &plain, &nd, 0, st->lang);
	i = tk_spell_read(st, i, v, &frac);
	return frac ? 0 : i;
}

/* The far side of a money range at k, repeating the currency ("$5-$10",
 * "€2bn to €3bn"): where its digits start, else 0. */
static size_t tk_fig_range_money(const struct tk_fs *st, size_t k)
{
	size_t d = k, cs;

	while (d < st->n && d < k + 4 && !tk_digit(st->p[d]))
		d++;
	if (d < st->n && tk_digit(st->p[d]) && tk_fig_cur_before(st->p, d, &cs) == st->code &&
	    cs == k)
		return d;
	return 0;
}

/* Step 6: a range or a change: "10-12", "between 15 and 22 mph", "$800,000
 * to $1.3 million", "from 2,415 to 2,315" (change down). */
static void tk_fig_range(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, k = st->ne, k2 = 0, e2, cs;
	struct tk_w tw, pw = tk_prev_word(p, st->s), nw;
	int from = tk_w_is(p, pw, "from") || tk_w_is(p, pw, "von") || tk_w_is(p, pw, "de");
	double v2 = 0, sc2 = 1;

	st->vmax = st->v;
	if (st->scale == 1 && k + 1 < n && p[k] == '-' && tk_digit(p[k + 1]))
		k2 = k + 1;
	else if (st->kind == TK_FIG_MONEY && k + 2 < n && p[k] == '-' && !tk_digit(p[k + 1]) &&
		 (k2 = tk_fig_range_money(st, k + 1)) != 0)
		; /* "$5-$10" */
	else if (st->scale == 1 && k + 4 < n && !memcmp(p + k, "\xE2\x80\x93", 3) &&
		 tk_digit(p[k + 3]))
		k2 = k + 3;
	else {
		tw = tk_next_word(p, n, k);
		if ((tk_w_is(p, tw, "to") || tk_w_is(p, tw, "bis") || tk_w_is(p, tw, "à") ||
		     tk_w_is(p, tw, "or") || tk_w_is(p, tw, "oder") || tk_w_is(p, tw, "ou") ||
		     tk_w_is(p, tw, "a") || tk_w_is(p, tw, "and") || tk_w_is(p, tw, "et") ||
		     tk_w_is(p, tw, "und") || tk_w_is(p, tw, "y")) &&
		    tw.e + 1 < n && p[tw.e] == ' ')
			k2 = tw.e + 1;
		if (k2 &&
		    (tk_w_is(p, tw, "and") || tk_w_is(p, tw, "und") || tk_w_is(p, tw, "et") ||
		     tk_w_is(p, tw, "y")) &&
		    !tk_w_is(p, pw, "between") && !tk_w_is(p, pw, "zwischen") &&
		    !tk_w_is(p, pw, "entre"))
			k2 = 0;
		/* the far side may repeat the currency: "$800,000 to $1.3 million" */
		if (k2 && st->kind == TK_FIG_MONEY && k2 + 4 < n && !tk_digit(p[k2]) &&
		    (cs = tk_fig_range_money(st, k2)) != 0)
			k2 = cs;
	}
	if (!k2)
		return;
	e2 = tk_fig_number_at(st, k2, &v2);
	if (e2 <= k2 || (e2 < n && (p[e2] == '-' || p[e2] == '/' || p[e2] == ':')))
		return;
	if (st->plain && st->ndig == 4 && st->v >= 1800 && st->v <= 2100 && v2 >= 1800 &&
	    v2 <= 2100)
		return; /* 2019 to 2021: years */
	nw = tk_next_word(p, n, e2);
	if (tk_scale_value(p, nw) > 0 && !(nw.e - nw.s == 1 && st->kind != TK_FIG_MONEY)) {
		sc2 = tk_scale_value(p, nw);
		e2 = nw.e;
	}
	if (!from && v2 * sc2 <= st->v * st->scale)
		return;
	if (sc2 > 1 && st->scale == 1 && st->v < v2)
		st->scale = sc2; /* "between 15 and 22 million" */
	else
		v2 = v2 * sc2 / st->scale;
	if (from) {
		st->change = v2 > st->v ? 1 : v2 < st->v ? -1 : 0;
		st->vmax = v2 > st->v ? v2 : st->v;
		st->v = v2 > st->v ? st->v : v2;
	} else {
		st->vmax = v2;
	}
	st->e = st->ne = e2;
}

/* The direction a verb or adverb before the figure gives it: "up 5%", "fell
 * by 7%", "down 68p". */
static int tk_fig_direction(const char *p, size_t s)
{
	static const char *const up[] = {"climbed", "gained", "grew", "increase", "increased",
					 "jumped",  "risen",  "rose", "soared",	  "up"};
	static const char *const down[] = {"cut",     "declined", "decreased", "down",
					   "dropped", "fallen",	  "fell",      "lost",
					   "plunged", "slid",	  "slumped"};
	struct tk_w w = tk_prev_word(p, s);

	if (tk_w_is(p, w, "by"))
		w = tk_prev_word(p, w.s);
	if (tk_w_in(p, w, up, TK_ARRAY_LEN(up)))
		return 1;
	if (tk_w_in(p, w, down, TK_ARRAY_LEN(down)))
		return -1;
	return 0;
}

/* After a degree: "40 deg celsius", "98.6 degrees F", "−5 °C". */
static void tk_fig_temperature(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, i = st->ne, k;

	if (i + 1 >= n || p[i] != ' ')
		return;
	k = tk_fig_unit_token(p, n, i + 1);
	if (k == i + 2 && (p[i + 1] == 'C' || p[i + 1] == 'c'))
		st->code = "°C";
	else if (k == i + 2 && (p[i + 1] == 'F' || p[i + 1] == 'f'))
		st->code = "°F";
	else if (k > i + 1) {
		const struct tk_fig_unit *u = tk_lexfig_unit(p + i + 1, k - i - 1);
		if (!u || u->unit[0] == 0 || strcmp(u->unit, "°") == 0 || u->unit[1] == 0 ||
		    !(u->unit[2] == 'C' || u->unit[2] == 'F'))
			return;
		st->code = u->unit;
	} else {
		return;
	}
	st->ne = k;
}

/* "3 sq m", "2 square miles", "0.9 trillion cubic feet". */
static const char *tk_fig_power_unit(const char *base, int power)
{
	static const char *const sq[][3] = {
	    {"m", "m2", "m3"},	  {"km", "km2", "km3"}, {"ft", "ft2", "ft3"}, {"mi", "mi2", "mi3"},
	    {"cm", "cm2", "cm3"}, {"in", "in2", "in3"}, {"yd", "yd2", "yd3"}};
	size_t k;

	for (k = 0; k < TK_ARRAY_LEN(sq); k++)
		if (!strcmp(base, sq[k][0]))
			return sq[k][power - 1];
	return NULL;
}

/* "5 ft 2 in", "6 feet and 2 inches": one height in feet. */
static void tk_fig_feet_inches(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, i = st->ne, k, e2;
	struct tk_w a = tk_next_word(p, n, i), w;
	double in = 0;
	int plain;
	size_t nd;

	if (tk_w_is(p, a, "and"))
		i = a.e;
	while (i < n && p[i] == ' ')
		i++;
	if (i >= n || !tk_digit(p[i]) || st->vmax != st->v)
		return;
	e2 = tk_parse_number(p, n, i, &in, &plain, &nd, 0, st->lang);
	if (e2 <= i || e2 >= n || p[e2] != ' ' || in >= 12)
		return;
	w = tk_next_word(p, n, e2);
	k = w.e;
	if (!(tk_w_is(p, w, "in") || tk_w_is(p, w, "inch") || tk_w_is(p, w, "inches")))
		return;
	st->v += in / 12;
	st->vmax = st->v;
	st->ne = k;
}

/* "50 meters per second", "3 cm/ms", "8 km/min": a length over a time is a
 * speed; the unit becomes "m/s" and the like. */
static void tk_fig_per_time(struct tk_fs *st)
{
	static const char *const lengths[] = {"cm", "ft", "km", "m", "mi", "mm"};
	static const struct {
		const char *word, *unit;
	} times[] = {
	    /* sorted (bytewise) */
	    {"h", "h"},
	    {"hour", "h"},
	    {"min", "min"},
	    {"minute", "min"},
	    {"millisecond", "ms"},
	    {"milliseconds", "ms"},
	    {"ms", "ms"},
	    {"s", "s"},
	    {"sec", "s"},
	    {"second", "s"},
	};
	const char *p = st->p;
	size_t n = st->n, i = st->ne, k;
	struct tk_w a, t;
	char buf[16];
	char *u;

	for (k = 0; k < TK_ARRAY_LEN(lengths) && strcmp(st->code, lengths[k]); k++)
		;
	if (i >= n || k == TK_ARRAY_LEN(lengths))
		return;
	if (p[i] == '/') {
		t.s = i + 1;
		for (t.e = t.s; t.e < n && tk_ascii_alpha((unsigned char)p[t.e]); t.e++)
			;
	} else {
		a = tk_next_word(p, n, i);
		if (!tk_w_is(p, a, "per") || a.s != i + 1)
			return;
		t = tk_next_word(p, n, a.e);
	}
	if (t.e == t.s || (t.e < n && tk_digit(p[t.e])))
		return;
	for (k = 0; k < TK_ARRAY_LEN(times); k++)
		if (tk_w_is(p, t, times[k].word))
			break;
	if (k == TK_ARRAY_LEN(times))
		return;
	a.s = strlen(st->code); /* both parts are short table strings */
	a.e = strlen(times[k].unit);
	memcpy(buf, st->code, a.s);
	buf[a.s] = '/';
	memcpy(buf + a.s + 1, times[k].unit, a.e);
	u = tk_arena_strndup(st->ar, buf, a.s + 1 + a.e);
	if (!u)
		return; /* out of memory: the length alone is still true */
	st->code = u;
	st->ne = t.e;
}

/* Words after a unit that change it: "87 miles an hour", "188 millas por
 * hora" (speed), "190.000 metros cuadrados", "mètres carrés" (area). */
static void tk_fig_unit_tail(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n;
	struct tk_w a = tk_next_word(p, n, st->ne), h = tk_next_word(p, n, a.e);
	const char *pu;

	if (!st->code || st->kind != TK_FIG_MEASURE)
		return;
	if ((!strcmp(st->code, "mi") || !strcmp(st->code, "km")) &&
	    (tk_w_is(p, a, "an") || tk_w_is(p, a, "per") || tk_w_is(p, a, "a") ||
	     tk_w_is(p, a, "por") || tk_w_is(p, a, "par") || tk_w_is(p, a, "pro")) &&
	    (tk_w_is(p, h, "hour") || tk_w_is(p, h, "hr") || tk_w_is(p, h, "hora") ||
	     tk_w_is(p, h, "heure") || tk_w_is(p, h, "stunde"))) {
		st->code = st->code[0] == 'm' ? "mph" : "km/h";
		st->ne = h.e;
		return;
	}
	tk_fig_per_time(st);
	if (tk_w_is(p, a, "cuadrados") || tk_w_is(p, a, "cuadrado") || tk_w_is(p, a, "carrés") ||
	    tk_w_is(p, a, "carré")) {
		if ((pu = tk_fig_power_unit(st->code, 2)) != NULL) {
			st->code = pu;
			st->ne = a.e;
		}
	} else if (tk_w_is(p, a, "cúbicos") || tk_w_is(p, a, "cúbico") || tk_w_is(p, a, "cubes") ||
		   tk_w_is(p, a, "cube")) {
		if ((pu = tk_fig_power_unit(st->code, 3)) != NULL) {
			st->code = pu;
			st->ne = a.e;
		}
	}
}

/* A unit word or abbreviation after a space: "8.5 kW", "550 megawatts",
 * "80 m.p.h.", "120 km/h", "3 sq m", "87 miles an hour", "200 days". */
static void tk_fig_spaced_unit(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, i = st->ne, k, end;
	const struct tk_fig_unit *u;
	struct tk_w w;
	int power = 1;

	if (i + 1 < n && p[i] == ' ')
		i++;
	else if (i + 2 < n && (unsigned char)p[i] == 0xC2 && (unsigned char)p[i + 1] == 0xA0)
		i += 2;
	else if (i + 3 < n && !memcmp(p + i, "\xE2\x80\xAF", 3))
		i += 3;
	else if (!(i < n && (unsigned char)p[i] >= 0x80))
		return;
	w = tk_next_word(p, n, i);
	if (w.s == i && (tk_w_is(p, w, "metric") || tk_w_is(p, w, "short")) && w.e + 1 < n &&
	    p[w.e] == ' ') {
		i = w.e + 1; /* "16,000 metric tons" */
		w = tk_next_word(p, n, i);
	}
	if (w.s == i &&
	    (tk_w_is(p, w, "sq") || tk_w_is(p, w, "square") || tk_w_is(p, w, "cubic"))) {
		power = tk_w_is(p, w, "cubic") ? 3 : 2;
		i = w.e + (w.e < n && p[w.e] == '.');
		if (i + 1 >= n || p[i] != ' ')
			return;
		i++;
	}
	k = tk_fig_unit_token(p, n, i);
	u = k > i ? tk_fig_unit_at(p, i, k, TK_LU_SPACED, &end) : NULL;
	/* Spanish "pies" are feet, English "pies" are food: only in Spanish text */
	if (!u && st->lc == 's' &&
	    ((k - i == 4 && !memcmp(p + i, "pies", 4)) ||
	     (k - i == 3 && !memcmp(p + i, "pie", 3)))) {
		u = tk_lexfig_unit("ft", 2);
		end = k;
	}
	if (!u || (end < n && (tk_ascii_alpha((unsigned char)p[end]) || tk_digit(p[end]))))
		return;
	if (power > 1) {
		const char *pu =
		    u->kind == TK_FIG_MEASURE ? tk_fig_power_unit(u->unit, power) : NULL;
		if (!pu)
			return;
		st->kind = TK_FIG_MEASURE;
		st->code = pu;
		st->ne = end;
		return;
	}
	tk_fig_set_unit(st, u, end);
	if (st->code && !strcmp(st->code, "°"))
		tk_fig_temperature(st);
	if (st->code && !strcmp(st->code, "ft"))
		tk_fig_feet_inches(st);
	tk_fig_unit_tail(st);
}

/* A percent sign after the number: "12%", "3,5 %", "3,5 %" (narrow space). */
static int tk_fig_percent_sign(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, ne = st->ne;

	if (ne < n && p[ne] == '%' &&
	    !(ne + 1 < n && (tk_digit(p[ne + 1]) || tk_ascii_alpha((unsigned char)p[ne + 1]))))
		st->ne = ne + 1;
	else if (ne + 1 < n && p[ne] == ' ' && p[ne + 1] == '%')
		st->ne = ne + 2;
	else if (ne + 4 <= n && !memcmp(p + ne, "\xE2\x80\xAF%", 4))
		st->ne = ne + 4;
	else
		return 0;
	st->kind = TK_FIG_PERCENT;
	st->code = "%";
	return 1;
}

/* A scale word after the number: "2 million", "3,2 Mio.", "tres mil
 * millones"; the one-letter ones ("5 m") only after money. */
static void tk_fig_scale_word(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n;
	struct tk_w nw = tk_next_word(p, n, st->ne);
	const char *dash = memchr(p + nw.s, '-', nw.e - nw.s);
	double sc;

	if (dash)
		nw.e = (size_t)(dash - p); /* "a 1.8 billion-mile trip" */
	sc = tk_scale_value(p, nw);
	if (sc <= 0 && nw.e - nw.s > 2) {
		/* "3 docenas", "2 milliards", "1 billón", "2 mil millones" in their language */
		const struct tk_fig_numword *w = tk_spell_word(st, nw);
		if (w && (w->type == TK_NW_SCALE || w->type == TK_NW_DOZEN))
			sc = w->value;
	}
	if (st->scale != 1 || sc <= 0)
		return;
	if (st->lc == 'f' && sc == 1e9 && (p[nw.s] | 0x20) == 'b')
		sc = 1e12; /* "1 billion" in French */
	if (nw.e - nw.s == 1 && st->kind != TK_FIG_MONEY)
		return;
	/* "-million" glued by a hyphen to a unit is read by the hyphen step */
	st->scale = sc;
	st->ne = nw.e;
	if (st->ne < n && p[st->ne] == '.' && (tk_w_is(p, nw, "mio") || tk_w_is(p, nw, "mrd")))
		st->ne++;
	nw = tk_next_word(p, n, st->ne);
	if (tk_scale_value(p, nw) >= 1e6 && st->scale == 1e3 && nw.e - nw.s > 1) {
		st->scale = 1e9; /* "mil millones" */
		st->ne = nw.e;
	}
	/* "a 1.8 billion-mile trip" */
	if (st->ne + 1 < n && p[st->ne] == '-' && tk_ascii_alpha((unsigned char)p[st->ne + 1])) {
		size_t save = st->ne;
		if (tk_fig_hyphen_unit(st, st->ne + 1))
			st->ne = save;
	}
}

/* "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars
 * 50": the cents after a sum in whole units. */
static void tk_fig_cents(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, i = st->ne, e2;
	struct tk_w a = tk_next_word(p, n, i), c;
	double v = 0;
	int frac;

	if (st->scale != 1 || st->vmax != st->v || st->v != floor(st->v))
		return;
	if (tk_w_is(p, a, "and") || tk_w_is(p, a, "und") || tk_w_is(p, a, "y") ||
	    tk_w_is(p, a, "et"))
		i = a.e;
	while (i < n && p[i] == ' ')
		i++;
	if (i >= n)
		return;
	if (tk_digit(p[i])) {
		int plain;
		size_t nd;
		e2 = tk_parse_number(p, n, i, &v, &plain, &nd, 0, st->lang);
		if (!plain || nd > 2)
			return;
	} else {
		e2 = tk_spell_read(st, i, &v, &frac);
		if (e2 <= i || frac)
			return;
	}
	if (e2 <= i || v >= 100)
		return;
	c = tk_next_word(p, n, e2);
	if (tk_w_is(p, c, "cents") || tk_w_is(p, c, "cent") || tk_w_is(p, c, "pence") ||
	    tk_w_is(p, c, "centavos") || tk_w_is(p, c, "céntimos") || tk_w_is(p, c, "centimes"))
		e2 = c.e;
	else if (e2 < n && (tk_ascii_alpha((unsigned char)p[e2]) ||
			    (p[e2] == ' ' && tk_ascii_alpha((unsigned char)p[e2 + 1]))))
		return; /* "15 dollars 50 people": no cents */
	st->v += v / 100;
	st->vmax = st->v;
	st->ne = e2;
}

/* After a fraction: "1/16 of a pint", "a third of a mile", "1/2 cup". */
static void tk_fig_fraction_unit(struct tk_fs *st)
{
	struct tk_w nw = tk_next_word(st->p, st->n, st->ne), w2 = tk_next_word(st->p, st->n, nw.e);
	size_t save = st->ne;

	if (tk_w_is(st->p, nw, "of") && (tk_w_is(st->p, w2, "a") || tk_w_is(st->p, w2, "an")))
		st->ne = w2.e;
	else if (tk_w_is(st->p, nw, "de"))
		st->ne = nw.e; /* "1/4 de milla" */
	tk_fig_spaced_unit(st);
	if (st->kind != TK_FIG_MEASURE)
		st->ne = save;
}

/* Percent words after the number: "27 percent", "7 per cent", "zwölf
 * Prozent", "12 por ciento", "10 pourcents", "3 percentage points".
 * Returns 1 when one was read. */
static int tk_fig_percent_word(struct tk_fs *st, struct tk_w nw)
{
	const char *p = st->p;
	struct tk_w w2 = tk_next_word(p, st->n, nw.e);

	if (tk_w_is(p, nw, "percentage") || tk_w_is(p, nw, "prozentpunkte")) {
		int points = tk_w_is(p, w2, "points") || tk_w_is(p, w2, "point");
		st->ne = points ? w2.e : nw.e;
		st->code = points || tk_w_is(p, nw, "prozentpunkte") ? "percentage points" : "%";
	} else if (tk_w_is(p, nw, "percent") || tk_w_is(p, nw, "prozent") ||
		   tk_w_is(p, nw, "pct") || tk_w_is(p, nw, "percents") ||
		   tk_w_is(p, nw, "pourcent") || tk_w_is(p, nw, "pourcents") ||
		   tk_w_is(p, nw, "pour-cent") || tk_w_is(p, nw, "pourcentage") ||
		   tk_w_is(p, nw, "pourcentages")) {
		st->ne = nw.e;
		st->code = "%";
	} else if ((tk_w_is(p, nw, "por") || tk_w_is(p, nw, "pour") || tk_w_is(p, nw, "per")) &&
		   (tk_w_is(p, w2, "cent") || tk_w_is(p, w2, "ciento") || tk_w_is(p, w2, "cien"))) {
		st->ne = w2.e;
		st->code = "%";
	} else {
		return 0;
	}
	st->kind = TK_FIG_PERCENT;
	return 1;
}

/* Money named after the number: "d'euros", "millions de dollars", "5
 * euros", "75 USD million", "3 dollars 50 cents", "45.000 €". */
static int tk_fig_money_after(struct tk_fs *st, struct tk_w nw)
{
	const char *p = st->p;
	size_t n = st->n, ce;
	const char *code = NULL;
	int more = 0;

	if (tk_w_is(p, nw, "d'euros") || tk_w_is(p, nw, "d’euros")) {
		code = "EUR";
		ce = nw.e;
	} else if (tk_w_is(p, nw, "de") && (st->scale > 1 || st->v >= 1e6) &&
		   ((code = tk_cur_phrase(p, n, nw.e, &ce)) != NULL ||
		    (code = tk_cur_symbol_after(p, n, nw.e, &ce)) != NULL)) {
		/* "3,5 millions de dollars australiens", "75 millions de $" */
	} else if (nw.e - nw.s == 4 && p[nw.s] == 'M' && st->scale == 1 &&
		   (code = tk_cur_word(p, (struct tk_w){nw.s + 1, nw.e})) != NULL) {
		st->scale = 1e6; /* "30 MUSD", "120 MEUR": millions */
		ce = nw.e;
	} else if ((code = tk_cur_phrase(p, n, st->ne, &ce)) != NULL &&
		   !((tk_w_is(p, nw, "pounds") || tk_w_is(p, nw, "pound")) &&
		     tk_fig_weight_cue(p, n, st->s, nw.e))) {
		more = 1;
	} else {
		code = tk_cur_symbol_after(p, n, st->ne, &ce);
	}
	if (!code)
		return 0;
	st->code = code;
	st->kind = TK_FIG_MONEY;
	st->ne = ce;
	if (more) {
		tk_fig_scale_word(st); /* "75 USD million" */
		tk_fig_cents(st);
	}
	return 1;
}

/* Is w "and" in one of the languages? */
static int tk_spell_and(const char *p, struct tk_w w)
{
	return tk_w_is(p, w, "and") || tk_w_is(p, w, "und") || tk_w_is(p, w, "y") ||
	       tk_w_is(p, w, "et");
}

/* After "N hundred" or "N thousand" (or any scale for "and a half"): the
 * rest of the number: "3 hundred and 21", "4 thousand 3 hundred and 21", "3
 * million and a half". */
static void tk_fig_scale_rest(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, i = st->ne, j, e2;
	double last = st->scale, v2 = 0;
	struct tk_w a, h;
	int round;

	a = tk_next_word(p, n, i);
	h = tk_next_word(p, n, tk_next_word(p, n, a.e).e);
	if (tk_w_is(p, a, "and") && last > 1 && st->vmax == st->v) {
		struct tk_w art = tk_next_word(p, n, a.e);
		if ((tk_w_is(p, art, "a") || tk_w_is(p, art, "one")) &&
		    (tk_w_is(p, h, "half") || tk_w_is(p, h, "quarter"))) {
			st->v += tk_w_is(p, h, "half") ? 0.5 : 0.25;
			st->vmax = st->v;
			st->ne = h.e;
			return;
		}
	}
	if (tk_spell_and(p, a) && last > 1 && st->vmax == st->v) {
		/* "2 millones y medio", "3 millions et demi" */
		struct tk_w half = tk_next_word(p, n, a.e);
		if (tk_w_is(p, half, "medio") || tk_w_is(p, half, "media") ||
		    tk_w_is(p, half, "demi") || tk_w_is(p, half, "demie")) {
			st->v += 0.5;
			st->vmax = st->v;
			st->ne = half.e;
			return;
		}
	}
	for (round = 0; round < 3 && (last == 100 || last == 1000); round++) {
		a = tk_next_word(p, n, i);
		j = tk_w_is(p, a, "and") ? a.e : i;
		while (j < n && p[j] == ' ')
			j++;
		if (j == i || j >= n || (e2 = tk_fig_number_at(st, j, &v2)) <= j || v2 >= last)
			return;
		h = tk_next_word(p, n, e2);
		if (tk_scale_value(p, h) >= last)
			return; /* "3 hundred and 2 hundred": two numbers */
		if (tk_scale_value(p, h) > 1) {
			last = tk_scale_value(p, h);
			v2 *= last;
			e2 = h.e;
		} else {
			last = 1;
		}
		st->v += v2 / st->scale;
		st->vmax = st->v;
		st->ne = i = e2;
	}
}

/* Step 7: what follows the number: percent, scale, currency, unit. */
static void tk_fig_after(struct tk_fs *st)
{
	struct tk_w nw;

	if (st->kind == TK_FIG_PERCENT || st->kind == TK_FIG_MEASURE || st->kind == TK_FIG_DURATION)
		return;
	if (st->kind == TK_FIG_FRACTION) {
		tk_fig_fraction_unit(st);
		return;
	}
	if (tk_fig_percent_sign(st))
		return;
	tk_fig_scale_word(st);
	if (st->kind == TK_FIG_MEASURE)
		return;
	if (st->scale > 1)
		tk_fig_scale_rest(st);
	nw = tk_next_word(st->p, st->n, st->ne);
	if (tk_fig_percent_word(st, nw) || st->kind == TK_FIG_MONEY || tk_fig_money_after(st, nw))
		return;
	if (tk_w_is(st->p, nw, "de") && st->scale > 1) {
		/* "1,5 millones de galones" */
		size_t save = st->ne;
		st->ne = nw.e;
		tk_fig_spaced_unit(st);
		if (st->kind != TK_FIG_MEASURE)
			st->ne = save;
		return;
	}
	tk_fig_spaced_unit(st);
}

/* Step 8: figures left out by design: years, ages, clock times, time
 * windows ("over the past 24 hours", "three days ago"), frequencies ("24
 * hours a day"), "Jane Doe, 45,". */
static int tk_fig_exclude(struct tk_fs *st)
{
	static const char *const window[] = {"coming", "final", "first",    "last",
					     "next",   "past",	"previous", "recent"};
	const char *p = st->p;
	size_t n = st->n, s = st->s;
	struct tk_w nw = tk_next_word(p, n, st->ne), pw = tk_prev_word(p, s), w2;

	st->skip_to = st->ne > st->e ? st->ne : st->e;
	if (st->kind == TK_FIG_COUNT && st->scale == 1 && st->plain && st->ndig == 4 &&
	    st->v >= 1800 && st->v <= 2100 && st->vmax == st->v)
		return 1;
	if (tk_w_is(p, nw, "year-old") || tk_w_is(p, nw, "years-old") || tk_w_is(p, nw, "old") ||
	    tk_w_is(p, pw, "aged") || tk_w_is(p, pw, "age"))
		return 1;
	if (st->kind == TK_FIG_COUNT && tk_w_in(p, nw, tk_durations, TK_ARRAY_LEN(tk_durations)))
		return 1;
	if (st->kind == TK_FIG_DURATION) {
		w2 = tk_next_word(p, n, nw.e);
		if (tk_w_in(p, pw, window, TK_ARRAY_LEN(window)) || tk_w_is(p, nw, "ago") ||
		    tk_w_is(p, nw, "later") || tk_w_is(p, nw, "earlier") || tk_w_is(p, nw, "per") ||
		    (tk_w_is(p, nw, "a") &&
		     tk_w_in(p, w2, tk_durations, TK_ARRAY_LEN(tk_durations))))
			return 1;
	}
	/* "Jane Doe, 45," */
	if (st->plain && st->ndig <= 3 && s >= 2 && p[s - 1] == ' ' && p[s - 2] == ',' &&
	    (st->e >= n || p[st->e] == ',' || p[st->e] == '.' || p[st->e] == ')' ||
	     p[st->e] == ';') &&
	    st->kind == TK_FIG_COUNT) {
		struct tk_w before = tk_prev_word(p, s - 2);
		if (before.e > before.s && p[before.s] >= 'A' && p[before.s] <= 'Z')
			return 1;
	}
	return 0;
}

/* Words right after a number that are no counted noun: a verb, an
 * adjective or a thank-you ("cheaper", "grew", "thanks"). */
static int tk_fig_not_noun(const char *p, struct tk_w w)
{
	static const char *const words[] = {
	    /* sorted (bytewise) */
	    "bigger", "cheaper", "fell", "grew", "higher",  "larger", "lower",
	    "more",   "rose",	 "said", "says", "smaller", "thanks", "were",
	};
	return tk_w_in(p, w, words, TK_ARRAY_LEN(words));
}

/* "one in four", "1 out of 3": a ratio read as a fraction. */
static void tk_fig_ratio(struct tk_fs *st)
{
	const char *p = st->p;
	size_t n = st->n, e2;
	struct tk_w w = tk_next_word(p, n, st->ne), w2;
	double d = 0;
	size_t at;

	if (st->kind != TK_FIG_COUNT || !st->plain || st->v < 1 || st->v > 99 || st->scale != 1)
		return;
	/* "six élèves sur dix": the counted noun may come first */
	w2 = tk_next_word(p, n, w.e);
	if (w.e > w.s && (unsigned char)p[w.s] >= 'a' && !tk_w_is(p, w, "in") &&
	    !tk_w_is(p, w, "out") && !tk_w_is(p, w, "de") &&
	    (tk_w_is(p, w2, "sur") || tk_w_is(p, w2, "von"))) {
		w = w2;
		w2 = tk_next_word(p, n, w.e);
	}
	/* "one over three": only a numerator of one reads as a fraction */
	if (tk_w_is(p, w, "in") || tk_w_is(p, w, "sur") || tk_w_is(p, w, "von") ||
	    ((tk_w_is(p, w, "over") || tk_w_is(p, w, "sobre")) && st->v == 1)) {
		at = w.e + 1;
	} else if ((tk_w_is(p, w, "out") && tk_w_is(p, w2, "of")) ||
		   (tk_w_is(p, w, "de") && tk_w_is(p, w2, "cada"))) {
		at = w2.e + 1; /* "one out of three", "uno de cada cuatro" */
	} else {
		return;
	}
	if (at >= n || p[at - 1] != ' ')
		return;
	e2 = tk_fig_number_at(st, at, &d);
	if (e2 <= at || d <= st->v || d > 1000 || (e2 < n && tk_digit(p[e2])))
		return;
	if (e2 < n && (p[e2] == '.' || p[e2] == ',') && e2 + 1 < n && tk_digit(p[e2 + 1]))
		return;
	st->v /= d;
	st->vmax = st->v;
	st->kind = TK_FIG_FRACTION;
	st->e = st->ne = e2;
}

/* Step 9: for counts, the counted noun; then emit. */
static int tk_fig_finish(struct tk_fs *st)
{
	if (tk_fig_exclude(st))
		return 0;
	if (!st->change)
		st->change = tk_fig_direction(st->p, st->s);
	if (st->kind == TK_FIG_COUNT) {
		st->noun = tk_unit_after(st->p, st->n, st->ne);
		if (st->noun.e > st->noun.s &&
		    (tk_w_in(st->p, st->noun, tk_durations, TK_ARRAY_LEN(tk_durations)) ||
		     tk_fig_not_noun(st->p, st->noun)))
			st->noun.s = st->noun.e = 0;
	}
	if (st->kind == TK_FIG_PERCENT && !st->code)
		st->code = "%";
	return tk_fs_emit(st);
}

/* A vulgar fraction sign at i ("½", "¾", "⅔"): its value and *len, else 0. */
static double tk_fig_vulgar(const char *p, size_t n, size_t i, size_t *len)
{
	static const double latin1[] = {0.25, 0.5, 0.75}; /* U+00BC..U+00BE */
	static const double forms[] = {1.0 / 7, 1.0 / 9, 0.1,  1.0 / 3, 2.0 / 3, 0.2,
				       0.4,	0.6,	 0.8,  1.0 / 6, 5.0 / 6, 0.125,
				       0.375,	0.625,	 0.875}; /* U+2150..U+215E */
	const unsigned char *u = (const unsigned char *)p + i;

	if (i + 1 < n && u[0] == 0xC2 && u[1] >= 0xBC && u[1] <= 0xBE) {
		*len = 2;
		return latin1[u[1] - 0xBC];
	}
	if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x85 && u[2] >= 0x90 && u[2] <= 0x9E) {
		*len = 3;
		return forms[u[2] - 0x90];
	}
	return 0;
}

/* "½ teaspoon", "⅔ of voters": a fraction sign on its own. */
static size_t tk_fig_vulgar_alone(struct tk_fs *st, size_t i, int *err)
{
	size_t len = 0;
	double v = tk_fig_vulgar(st->p, st->n, i, &len);

	tk_fs_begin(st, i);
	st->v = st->vmax = v;
	st->e = st->ne = i + len;
	st->kind = TK_FIG_FRACTION;
	tk_fig_after(st);
	*err = tk_fig_finish(st);
	return st->ne > i + len ? st->ne : i + len;
}

/* The digit pipeline at i; returns where the scan goes on. */
static size_t tk_fig_digits(struct tk_fs *st, size_t i, int *err)
{
	size_t k;

	tk_fs_begin(st, i);
	if (tk_fig_glued_before(st, i))
		return st->skip_to > i ? st->skip_to : i + 1;
	if (st->kind != TK_FIG_MONEY && (k = tk_fig_phone(st->p, st->n, i)) != 0)
		return k;
	if (tk_fig_number(st, i))
		return st->skip_to > i ? st->skip_to : i + 1;
	tk_fig_currency(st);
	if (tk_fig_slash(st) || tk_fig_suffix(st) || tk_fig_filters(st))
		return st->skip_to > i ? st->skip_to : i + 1;
	tk_fig_range(st);
	if (st->kind == TK_FIG_COUNT || st->kind == TK_FIG_FRACTION)
		tk_fig_ratio(st);
	tk_fig_after(st);
	*err = tk_fig_finish(st);
	k = st->ne > st->e ? st->ne : st->e;
	return k > i ? k : i + 1;
}

/* The number word at w if the text's languages allow it. */
static const struct tk_fig_numword *tk_spell_word(const struct tk_fs *st, struct tk_w w)
{
	const struct tk_fig_numword *nw;

	if (w.e == w.s || w.e - w.s > 16)
		return NULL;
	nw = tk_lexfig_numword(st->p + w.s, w.e - w.s);
	if (!nw || !(nw->langs & st->langs & ~(unsigned)TK_NL_AMBIG))
		return NULL;
	/* "once", "elf", "sept": only when the text says it is Spanish, German, French */
	if ((nw->langs & TK_NL_AMBIG) && !(st->langs & TK_NL_AMBIG) && !(nw->langs & TK_NL_EN))
		return NULL;
	/* English "a" is a preposition in French and Spanish text ("contratará a
	 * mil médicos") */
	if (nw->type == TK_NW_ARTICLE && nw->langs == TK_NL_EN && st->lc && st->lc != 'e')
		return NULL;
	return nw;
}

/* The next word for the number reader: letters only, a hyphen or " - "
 * between words splits ("twenty-one", "fifty - two"). */
static const struct tk_fig_numword *tk_spell_word(const struct tk_fs *st, struct tk_w w);

/* The next piece for the number reader: a word, the longest known part of
 * a hyphenated one ("quatre-vingt-dix", then "neuf"; "twenty", then "one"),
 * or in German text the longest number word a compound starts with
 * ("dreihundert|sechs|und|fünfzig"). A lone " - " between words is skipped. */
static struct tk_w tk_spell_next(const struct tk_fs *st, size_t i)
{
	const char *p = st->p;
	size_t n = st->n, t, h, k;
	struct tk_w w;

	while (i < n && (p[i] == ' ' || p[i] == '-'))
		i++;
	w.s = t = i;
	while (t < n && (tk_ascii_alpha((unsigned char)p[t]) || (unsigned char)p[t] >= 0x80))
		t++;
	w.e = h = t;
	while (h + 1 < n && p[h] == '-' && tk_ascii_alpha((unsigned char)p[h + 1])) {
		h++;
		while (h < n &&
		       (tk_ascii_alpha((unsigned char)p[h]) || (unsigned char)p[h] >= 0x80))
			h++;
	}
	for (k = h; k > t; k--) {
		struct tk_w c = {w.s, k};
		if ((k == h || p[k] == '-') && tk_spell_word(st, c))
			return c;
	}
	if (st->lc == 'd' && t - w.s > 4 && !tk_spell_word(st, w)) {
		for (k = t - 1; k > w.s + 1; k--) {
			struct tk_w c = {w.s, k};
			if (((unsigned char)p[k] & 0xC0) == 0x80)
				continue;
			if (tk_spell_word(st, c) || tk_w_is(p, c, "und"))
				return c;
		}
	}
	return w;
}

/* Words that may follow a fraction or "half" for it to be one: "half the
 * people", "a third of", "two thirds." (not "a third term"). */
static int tk_spell_frac_ok(const char *p, size_t n, size_t e, int plural)
{
	static const char *const next[] = {
	    /* sorted (bytewise); French, Spanish and German: "la moitié des", "la
	     * mitad de los", "ein Drittel der" */
	    "a",   "all", "an",	 "de",	"del", "der", "des", "die",   "du",    "her",  "his",
	    "its", "las", "les", "los", "of",  "our", "the", "their", "these", "this", "those",
	};
	struct tk_w w = tk_next_word(p, n, e);

	if (plural || e >= n || p[e] != ' ' || w.e == w.s)
		return 1;
	return tk_w_in(p, w, next, TK_ARRAY_LEN(next));
}

/* "point seventy-one", "point zero three": decimals in words after w. */
static double tk_spell_point(const struct tk_fs *st, struct tk_w w, size_t *end)
{
	const struct tk_fig_numword *d;
	double div = 1, v = 0;
	int last_ten = 0;

	for (w = tk_spell_next(st, w.e);
	     (d = tk_spell_word(st, w)) != NULL && (d->type == TK_NW_UNIT || d->type == TK_NW_TEN);
	     w = tk_spell_next(st, w.e)) {
		/* a ten and its unit are one pair of digits */
		if (!(d->type == TK_NW_UNIT && d->value < 10 && last_ten))
			div *= d->type == TK_NW_TEN || d->value >= 10 ? 100 : 10;
		v += d->value / div;
		last_ten = d->type == TK_NW_TEN;
		*end = w.e;
	}
	return v;
}

static size_t tk_spell_read(const struct tk_fs *st, size_t i, double *val, int *frac);

/* Spanish "siete con cincuenta" (7.50): the number at i read as the digits
 * after a decimal point. */
static double tk_spell_decimals(const struct tk_fs *st, size_t i, size_t *end)
{
	double v = 0, div = 1;
	int frac = 0;
	size_t e = tk_spell_read(st, i, &v, &frac);

	if (e <= i || frac || v < 1 || v != floor(v))
		return 0;
	while (div <= v)
		div *= 10;
	*end = e;
	return v / div;
}

/* Number words being read: the groups closed by scales, the open group,
 * and what "and" left behind ("one hundred and three quarters"). */
struct tk_spell {
	double total, cur, last_scale, last_group, snap;
	double pre_ten; /* the value before the last ten ("one hundred" in "one hundred thirty") */
	int have, art, anded, snap_scaled;
	int pre_ten_have, ten_anded; /* a number before that ten; the ten right after "and" */
	int since_and;		     /* number words read since "and" */
	int last_type;		     /* enum tk_nw_type of the last word read, or -1 */
};

/* May "and" (und, y, et; Spanish "con" before a fraction) join the words
 * around it into one number? After a hundred or a scale ("one hundred and
 * six"), between a ten and a unit outside English ("vingt et un", "cuarenta
 * y siete", "dreiundzwanzig"), and before a fraction ("and a half", "and
 * three quarters"). */
static int tk_spell_joins(const struct tk_fs *st, const struct tk_spell *sp, struct tk_w w,
			  struct tk_w b)
{
	const char *p = st->p;
	const struct tk_fig_numword *bw = tk_spell_word(st, b), *cw;
	int con = st->lc == 's' && tk_w_is(p, w, "con"), k;

	if (!bw || !(tk_spell_and(p, w) || con))
		return 0;
	if (bw->type == TK_NW_ARTICLE || bw->type == TK_NW_HALF)
		return 1; /* "and a half", "cinco y medio", "deux millions et demi" */
	/* a fraction word within the next few number words: "and fifty-four hundredths" */
	for (k = 0; k < 4; k++) {
		b = tk_spell_next(st, b.e);
		cw = tk_spell_word(st, b);
		if (!cw)
			break;
		if (cw->type == TK_NW_FRAC || cw->type == TK_NW_HALF)
			return 1;
	}
	if (con)
		return 0;
	return sp->last_type == TK_NW_HUNDRED || sp->last_type == TK_NW_SCALE ||
	       (!tk_w_is(p, w, "and") && (bw->type == TK_NW_UNIT || bw->type == TK_NW_TEN) &&
		(sp->last_type == TK_NW_UNIT || sp->last_type == TK_NW_TEN));
}

/* A fraction word (den) ends the number: "two thirds", "a quarter", "one
 * hundred and three quarters", "five billion and three quarters". */
static double tk_spell_fraction(const struct tk_spell *sp, double den)
{
	double num;

	if (sp->anded) {
		num = (sp->art && sp->total + sp->cur == sp->snap) || !sp->since_and
			  ? 1
			  : sp->total + sp->cur - sp->snap;
		/* "one hundred and thirty-two fifths" is 132/5, "one hundred and
		 * three quarters" 100 3/4 */
		if (num >= den && !sp->snap_scaled)
			return (sp->total + sp->cur) / den;
		return sp->snap + num / den * (sp->snap_scaled ? sp->last_scale : 1);
	}
	return (sp->have ? sp->total + sp->cur : 1) / den;
}

/* Reads number words at i: "twenty-one trillion and three hundred", "a
 * dozen", "two thirds", "half a million", "five and a half million", "deux
 * millions", "zwölf", "tres mil". Returns the end (i when none); *frac is
 * set when the value is a fraction below one. */
/* A number word that adds to the open group or closes it with a scale. */
static void tk_spell_add(const struct tk_fs *st, struct tk_spell *sp,
			 const struct tk_fig_numword *nw, struct tk_w w)
{
	double sv;

	switch (nw->type) {
	case TK_NW_UNIT:
	case TK_NW_TEN:
		/* "quatre vingt": four twenties */
		if (nw->value == 20 && sp->cur == 4 && (nw->langs & TK_NL_FR))
			sp->cur = 80;
		else
			sp->cur += nw->value;
		break;
	case TK_NW_HUNDRED:
		sp->cur = (sp->cur ? sp->cur : 1) * 100;
		break;
	case TK_NW_DOZEN:
		/* "three hundred and two dozen": the dozens are the units' */
		if (sp->cur > 100 && fmod(sp->cur, 100) > 0)
			sp->cur += fmod(sp->cur, 100) * 11;
		else
			sp->cur = (sp->cur ? sp->cur : 1) * 12;
		break;
	case TK_NW_SCALE:
		/* a French "billion" is a million million */
		sv = st->lc == 'f' && nw->value == 1e9 && (st->p[w.s] | 0x20) == 'b' ? 1e12
										     : nw->value;
		if (!sp->cur && sp->last_scale && sp->last_scale < sv) {
			/* "cinco mil millones", "lakh crore": the last group grows */
			sp->total += sp->last_group * (sv - 1);
			sp->last_group *= sv;
		} else {
			sp->last_group = (sp->cur ? sp->cur : 1) * sv;
			sp->total += sp->last_group;
			sp->cur = 0;
		}
		sp->last_scale = sv;
		break;
	default:
		break;
	}
}

/* A half or fraction word w ends the number (a is the piece after it):
 * "half a million", "two thirds", "two thirds of a million", "five and a
 * half million". Returns the end, or i when it is no number ("a third
 * term"). */
static size_t tk_spell_frac_end(const struct tk_fs *st, const struct tk_spell *sp,
				const struct tk_fig_numword *nw, struct tk_w w, struct tk_w a,
				size_t i, double *val, int *frac)
{
	const char *p = st->p;
	double den = nw->type == TK_NW_HALF ? 2 : nw->value;
	const struct tk_fig_numword *bw;
	struct tk_w o;

	if (nw->type == TK_NW_FRAC && (nw->langs & (TK_NL_EN | TK_NL_FR)) &&
	    sp->last_type == TK_NW_TEN && sp->pre_ten_have && !sp->ten_anded) {
		/* "three twenty-firsts", "one hundred thirty-fifths": the ten is
		 * part of the denominator, the words before it the numerator
		 * (English, French; Spanish "ciento treinta quintos" is 130/5) */
		if (!tk_spell_frac_ok(p, st->n, w.e, p[w.e - 1] == 's'))
			return i;
		*val = sp->pre_ten / (sp->cur - (sp->pre_ten - sp->total) + nw->value);
		*frac = *val < 1;
		return w.e;
	}
	if (nw->value == 1)
		return i; /* "first" is a denominator only after a ten */
	/* "the two millionth visitor": a singular English ordinal after a
	 * number above one is a rank, not a fraction */
	if (nw->type == TK_NW_FRAC && (nw->langs & (TK_NL_EN | TK_NL_ES)) && sp->have &&
	    !sp->anded && sp->total + sp->cur > 1 && p[w.e - 1] != 's')
		return i;
	if (tk_w_is(p, a, "a") || tk_w_is(p, a, "an"))
		a = tk_spell_next(st, a.e);
	bw = tk_spell_word(st, a);
	if (!sp->have && !sp->anded && bw && (bw->type == TK_NW_SCALE || bw->type == TK_NW_DOZEN)) {
		*val = bw->value / den; /* "half a million", "quarter million" */
		return a.e;
	}
	if (!sp->have && !sp->art && nw->type == TK_NW_FRAC)
		return i;
	if (!sp->have && !sp->anded &&
	    !tk_spell_frac_ok(p, st->n, w.e, p[w.e - 1] == 's' && nw->value != 3))
		return i;
	*val = tk_spell_fraction(sp, den);
	*frac = *val < 1;
	if (!sp->anded && *frac) {
		/* "two thirds of a million", "three quarters billion" */
		o = a;
		if (tk_w_is(p, o, "of")) {
			o = tk_spell_next(st, o.e);
			if (tk_w_is(p, o, "a") || tk_w_is(p, o, "an"))
				o = tk_spell_next(st, o.e);
		}
		bw = tk_spell_word(st, o);
		if (bw && bw->type == TK_NW_SCALE) {
			*val *= bw->value;
			*frac = 0;
			return o.e;
		}
	}
	bw = tk_spell_word(st, a);
	if (sp->anded && bw && bw->type == TK_NW_SCALE) {
		/* "five and a half million", "one billion and a half million" */
		if (sp->snap_scaled)
			*val = sp->snap + (*val - sp->snap) / sp->last_scale * bw->value;
		else
			*val *= bw->value;
		return a.e;
	}
	return w.e;
}

/* A word that is no number word inside a number: "and" that joins (1 is
 * returned: read on), a decimal point word ("point", "coma", Spanish
 * "con"), or the end; *end moves past decimals. */
static int tk_spell_other(const struct tk_fs *st, struct tk_spell *sp, struct tk_w w, size_t *end)
{
	const char *p = st->p;
	struct tk_w b = tk_spell_next(st, w.e);
	const struct tk_fig_numword *bw;

	if ((p[w.e] == ' ' || b.s == w.e) && tk_spell_joins(st, sp, w, b)) {
		sp->anded = 1;
		sp->since_and = 0;
		sp->snap = sp->total + sp->cur;
		sp->snap_scaled = sp->cur == 0 && sp->last_scale > 0;
		sp->art = 0;
		return 1;
	}
	bw = tk_spell_word(st, b);
	if ((tk_w_is(p, w, "point") || tk_w_is(p, w, "coma") || tk_w_is(p, w, "virgule") ||
	     tk_w_is(p, w, "komma")) &&
	    bw && (bw->type == TK_NW_UNIT || bw->type == TK_NW_TEN))
		sp->cur += tk_spell_point(st, w, end);
	else if (st->lc == 's' && tk_w_is(p, w, "con") && bw)
		sp->cur += tk_spell_decimals(st, b.s, end); /* "siete con cincuenta" */
	return 0;
}

static size_t tk_spell_read(const struct tk_fs *st, size_t i, double *val, int *frac)
{
	const char *p = st->p;
	size_t n = st->n, end = i, last_e = i, word_end = i;
	struct tk_w w = tk_spell_next(st, i), a;
	struct tk_spell sp, word_sp; /* word_sp: the reading before the current word */
	const struct tk_fig_numword *nw;
	int glued;

	memset(&sp, 0, sizeof sp);
	sp.last_type = -1;
	word_sp = sp;
	*frac = 0;
	for (; w.e > w.s; w = tk_spell_next(st, w.e)) {
		/* a new word, or the next piece of a German compound */
		if (w.s > i && w.s != last_e && p[w.s - 1] != ' ' && p[w.s - 1] != '-')
			break;
		if (w.s != last_e || w.s == i) {
			word_sp = sp;
			word_end = end;
		}
		last_e = w.e;
		nw = tk_spell_word(st, w);
		if (!nw) {
			if (!sp.have)
				break;
			if (tk_spell_other(st, &sp, w, &end))
				continue;
			/* "dreist" is no "drei": a compound that is no number ends
			 * the number before its word */
			if (w.s > i && tk_ascii_alpha((unsigned char)p[w.s - 1])) {
				sp = word_sp;
				end = word_end;
			}
			break;
		}
		glued = w.e < n &&
			(tk_ascii_alpha((unsigned char)p[w.e]) || (unsigned char)p[w.e] >= 0x80);
		a.s = a.e = w.e;
		if (glued || nw->type == TK_NW_HALF || nw->type == TK_NW_FRAC)
			a = tk_spell_next(st, w.e);
		if (nw->type == TK_NW_ARTICLE && glued && a.s == w.e &&
		    (tk_spell_word(st, a) || tk_w_is(p, a, "und"))) {
			/* "einhundert": "ein" inside a compound is one */
			sp.cur += 1;
			sp.have = 1;
			sp.last_type = TK_NW_UNIT;
			end = w.e;
			continue;
		}
		if (nw->type == TK_NW_ARTICLE) {
			if (sp.have && !sp.anded)
				break;
			sp.art = 1;
			continue;
		}
		if (sp.art && !sp.have && (nw->type == TK_NW_UNIT || nw->type == TK_NW_TEN))
			return i; /* "a two-way race" */
		if (!sp.have && nw->value == 1 && nw->type == TK_NW_UNIT && tk_w_is(p, w, "un") &&
		    st->lc == 's') {
			/* Spanish "un veinticinco por ciento": an article before a number */
			const struct tk_fig_numword *nx =
			    tk_spell_word(st, a.e > a.s ? a : tk_spell_next(st, w.e));
			if (nx && (nx->type == TK_NW_UNIT || nx->type == TK_NW_TEN))
				continue;
		}
		if (nw->type == TK_NW_HALF || nw->type == TK_NW_FRAC)
			return tk_spell_frac_end(st, &sp, nw, w, a, i, val, frac);
		if (nw->type == TK_NW_TEN) {
			sp.pre_ten = sp.total + sp.cur;
			sp.pre_ten_have = sp.have;
			sp.ten_anded = sp.anded && sp.since_and == 0;
		}
		sp.since_and++;
		tk_spell_add(st, &sp, nw, w);
		sp.have = 1;
		sp.last_type = (int)nw->type;
		end = w.e;
		if (w.e < n && p[w.e] != ' ' && p[w.e] != '-' && !glued)
			break;
	}
	if (!sp.have)
		return i;
	*val = sp.total + sp.cur;
	return end;
}

/* Spelled numbers: "four continents", "a thousand people", "eight or nine
 * euros", "three months", "a third of", "zwölf Prozent". */
static size_t tk_fig_spelled(struct tk_fs *st, size_t i, int *err)
{
	const char *p = st->p;
	size_t e;
	double v = 0;
	int frac = 0;
	struct tk_w w, pw;

	/* most words that pass the prefix test are no number word ("the",
	 * "this"): one lookup, not the reader (hyphenated words and German
	 * compounds are read in parts, by the reader); a typographic
	 * apostrophe (U+2019, lead byte E2) ends the word: "d’un tiers" */
	if (st->lc != 'd') {
		for (w.s = w.e = i; w.e < st->n && (tk_ascii_alpha((unsigned char)p[w.e]) ||
						    ((unsigned char)p[w.e] >= 0x80 &&
						     (unsigned char)p[w.e] != 0xE2));
		     w.e++)
			;
		if (!(w.e < st->n && p[w.e] == '-') && !tk_spell_word(st, w))
			return w.e > i ? w.e : i + 1;
	}
	w = tk_next_word(p, st->n, i);
	tk_fs_begin(st, i);
	e = tk_spell_read(st, i, &v, &frac);
	if (e <= i)
		return w.e > i ? w.e : i + 1;
	st->spelled = 1;
	st->v = st->vmax = v;
	st->e = st->ne = e;
	st->plain = 1;
	if (frac)
		st->kind = TK_FIG_FRACTION;
	pw = tk_prev_word(p, i);
	if (pw.e + 1 == i && tk_fig_minus_word(p, pw)) {
		st->neg = 1;
		st->s = pw.s;
	}
	if (st->kind == TK_FIG_COUNT) {
		tk_fig_range(st);
		tk_fig_ratio(st);
	}
	if (st->kind == TK_FIG_COUNT && e < st->n && p[e] == '-' &&
	    tk_ascii_alpha((unsigned char)p[e + 1]))
		tk_fig_hyphen_unit(st, e + 1); /* "six-mile", "three-month" */
	tk_fig_after(st);
	/* a lone "one" ("the one you mentioned", "the fifth one works") says nothing */
	if (st->kind == TK_FIG_COUNT && v == 1 && st->scale == 1 && st->ne == e && !st->neg) {
		struct tk_w u = tk_unit_after(p, st->n, e);
		if (u.e == u.s || !tk_is_plural(p, u) || (pw.e + 1 == i && p[pw.s] >= 'a'))
			return e;
	}
	*err = tk_fig_finish(st);
	return st->ne > e ? st->ne : e;
}

/* The languages whose number words and decimal comma apply to an article:
 * its declared language, or English and every language's unambiguous words
 * when none is declared. */
static void tk_fs_language(struct tk_fs *st, const char *lang)
{
	st->lang = TK_LANG_ANY;
	st->langs = TK_NL_EN | TK_NL_FR | TK_NL_DE | TK_NL_ES;
	st->lc = 0;
	if (!lang || !lang[0] || !lang[1])
		return;
	st->lc = lang[0] == 'e' && lang[1] == 's' ? 's' : lang[0];
	if (lang[0] == 'e' && lang[1] == 'n') {
		st->lang = TK_LANG_DOT;
		st->langs = TK_NL_EN;
	} else if ((lang[0] == 'f' && lang[1] == 'r') || (lang[0] == 'd' && lang[1] == 'e') ||
		   (lang[0] == 'e' && lang[1] == 's') || (lang[0] == 'i' && lang[1] == 't') ||
		   (lang[0] == 'p' && lang[1] == 't') || (lang[0] == 'n' && lang[1] == 'l')) {
		st->lang = TK_LANG_COMMA;
		st->langs = TK_NL_EN | TK_NL_AMBIG |
			    (lang[0] == 'f'   ? TK_NL_FR
			     : lang[0] == 'd' ? TK_NL_DE
					      : TK_NL_ES);
	}
}

/* Can a number word start at i? A cheap test before the lexicon lookup. */
static int tk_fig_word_start(const char *p, size_t n, size_t i)
{
	/* after a space, a bracket, or a French elision ("près d'un tiers") */
	if (i > 0 && p[i - 1] != ' ' && p[i - 1] != '(' &&
	    !(i >= 2 && p[i - 1] == '\'' && (p[i - 2] == 'd' || p[i - 2] == 'l')) &&
	    !(i >= 4 && !memcmp(p + i - 3, "\xE2\x80\x99", 3) &&
	      (p[i - 4] == 'd' || p[i - 4] == 'l')))
		return 0;
	return tk_lexfig_numword_maybe(p + i, i + 1 < n ? 2 : 1) ||
	       (i + 1 < n && !tk_ascii_alpha((unsigned char)p[i + 1]) &&
		(unsigned char)p[i + 1] < 0x80 && tk_lexfig_numword_maybe(p + i, 1));
}

int tk_figures_find(const struct tk_article *art, struct tk_arena *ar, struct tk_figlist *fl)
{
	struct tk_fs st;
	size_t pi;
	int err = TK_OK;

	memset(&st, 0, sizeof st);
	st.art = art;
	st.ar = ar;
	st.fl = fl;
	tk_fs_language(&st, art->lang);
	for (pi = 0; pi < art->n_paras && !err && fl->n < TK_EXTRACT_MAX_FOUND; pi++) {
		size_t n = strlen(art->paras[pi]), i = 0;
		st.p = art->paras[pi];
		st.n = n;
		st.pi = pi;
		st.last_end = 0;
		while (i < n && !err) {
			unsigned char c = (unsigned char)st.p[i];
			size_t vl;
			if (tk_digit((char)c)) {
				i = tk_fig_digits(&st, i, &err);
			} else if ((c == 0xC2 || c == 0xE2) && (i == 0 || !tk_digit(st.p[i - 1])) &&
				   tk_fig_vulgar(st.p, n, i, &vl) > 0) {
				i = tk_fig_vulgar_alone(&st, i, &err);
			} else if (tk_ascii_alpha(c) && tk_fig_word_start(st.p, n, i)) {
				i = tk_fig_spelled(&st, i, &err);
			} else if (tk_ascii_alpha(c)) {
				/* the rest of a word that starts no number */
				while (++i < n && tk_ascii_alpha((unsigned char)st.p[i]))
					;
			} else {
				i++;
			}
		}
	}
	return err;
}

const char *tk_figure_kind_name(enum tk_figure_kind k)
{
	static const char *const names[] = {"count",   "money",	   "percent",
					    "measure", "duration", "fraction"};
	return (size_t)k < TK_ARRAY_LEN(names) ? names[k] : "count";
}
