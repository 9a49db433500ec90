/* Key figures: numbers with what they count, normalised ("$3.5bn" ->
 * 3.5e9 USD, "45.000" -> 45000, "3,5 %" -> 3.5 %), with the clause they come
 * from. Dates, times, years, ages, durations, page/section numbers, phone
 * numbers, identifiers and list numbering are left out. One pass per
 * paragraph with bounded look-around, so linear in the text. */
#include <math.h>
#include <string.h>

#include "article_int.h"
#include "err.h"
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
	if (w.e == w.s || !strchr("tTkKmMbBlLcC", p[w.s]))
		return 0;
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

struct tk_cur {
	const char *word;
	const char *code;
};

static const struct tk_cur tk_cur_words[] = {
    {"euros", "EUR"},  {"euro", "EUR"},	   {"eur", "EUR"},     {"dollars", "USD"},
    {"dollar", "USD"}, {"usd", "USD"},	   {"pounds", "GBP"},  {"gbp", "GBP"},
    {"francs", "CHF"}, {"chf", "CHF"},	   {"yen", "JPY"},     {"jpy", "JPY"},
    {"yuan", "CNY"},   {"cny", "CNY"},	   {"rupees", "INR"},  {"inr", "INR"},
    {"rubles", "RUB"}, {"roubles", "RUB"}, {"kronor", "SEK"},  {"sek", "SEK"},
    {"kroner", "NOK"}, {"dólares", "USD"}, {"pesos", "MXN"},   {"złoty", "PLN"},
    {"zloty", "PLN"},  {"shekels", "ILS"}, {"dirhams", "AED"}, {"riyals", "SAR"},
    {"lira", "TRY"},
};

static const char *tk_cur_word(const char *p, struct tk_w w)
{
	size_t i;
	for (i = 0; i < TK_ARRAY_LEN(tk_cur_words); i++)
		if (tk_w_is(p, w, tk_cur_words[i].word))
			return tk_cur_words[i].code;
	return NULL;
}

/* Currency symbol ending at i (exclusive); returns its code and start. */
static const char *tk_cur_symbol_before(const char *p, size_t i, size_t *start)
{
	static const struct {
		const char *sym;
		const char *code;
	} syms[] = {
	    {"US$", "USD"},
	    {"A$", "AUD"},
	    {"C$", "CAD"},
	    {"HK$", "HKD"},
	    {"NZ$", "NZD"},
	    {"R$", "BRL"},
	    {"$", "USD"},
	    {"\xE2\x82\xAC", "EUR"},
	    {"\xC2\xA3", "GBP"},
	    {"\xC2\xA5", "JPY"},
	    {"\xE2\x82\xB9", "INR"},
	    {"\xE2\x82\xBD", "RUB"},
	    {"\xE2\x82\xAA", "ILS"},
	    {"\xE2\x82\xBA", "TRY"},
	    {"USD ", "USD"},
	    {"EUR ", "EUR"},
	    {"GBP ", "GBP"},
	    {"CHF ", "CHF"},
	    {"$ ", "USD"},
	    {"\xE2\x82\xAC ", "EUR"},
	    {"\xC2\xA3 ", "GBP"},
	    {"\xE2\x82\xAC\xE2\x80\xAF", "EUR"},
	};
	size_t k;
	unsigned char c = i ? (unsigned char)p[i - 1] : 0,
		      c2 = i >= 2 ? (unsigned char)p[i - 2] : 0;

	/* every symbol above ends in one of these bytes (a space only after a
	 * code or sign): most numbers follow a plain word and stop here */
	if (c == ' ' ? !(c2 == 'D' || c2 == 'R' || c2 == 'P' || c2 == 'F' || c2 == '$' ||
			 c2 == 0xAC || c2 == 0xA3)
		     : !(c == '$' || c == 0xAC || c == 0xA3 || c == 0xA5 || c == 0xB9 ||
			 c == 0xBD || c == 0xAA || c == 0xBA || c == 0xAF))
		return NULL;
	for (k = 0; k < TK_ARRAY_LEN(syms); k++) {
		size_t l = strlen(syms[k].sym);
		if (i >= l && !memcmp(p + i - l, syms[k].sym, l)) {
			*start = i - l;
			return syms[k].code;
		}
	}
	return NULL;
}

/* Currency symbol right after a number: "45.000 €", "3,5 Mio. €" */
static const char *tk_cur_symbol_after(const char *p, size_t n, size_t i, size_t *end)
{
	size_t j = i;
	if (j < n && p[j] == ' ')
		j++;
	else if (j + 3 <= n && !memcmp(p + j, "\xE2\x80\xAF", 3))
		j += 3;
	if (j + 3 <= n && !memcmp(p + j, "\xE2\x82\xAC", 3)) {
		*end = j + 3;
		return "EUR";
	}
	if (j + 2 <= n && !memcmp(p + j, "\xC2\xA3", 2)) {
		*end = j + 2;
		return "GBP";
	}
	if (j + 1 <= n && p[j] == '$') {
		*end = j + 1;
		return "USD";
	}
	return NULL;
}

/* Parse digits with separators at p[i..]. Returns the end or i on failure.
 * Sets *value and *plain (no separators). */
static size_t tk_parse_number(const char *p, size_t n, size_t i, double *value, int *plain,
			      size_t *ndigits, int scale_follows)
{
	size_t groups[16] = {0}, ng = 0, j = i, g0;
	char seps[16];
	int ok = 1;

	while (j < n && ng < 16) {
		g0 = j;
		while (j < n && tk_digit(p[j]))
			j++;
		groups[ng] = j - g0;
		seps[ng] = 0;
		ng++;
		if (j + 1 < n && (p[j] == ',' || p[j] == '.' || p[j] == '\'') &&
		    tk_digit(p[j + 1])) {
			seps[ng - 1] = p[j];
			j++;
			continue;
		}
		if (j + 3 < n && !memcmp(p + j, "\xE2\x80\xAF", 3) && tk_digit(p[j + 3])) {
			seps[ng - 1] = ' ';
			j += 3;
			continue;
		}
		/* French "82 000" with a plain space: exactly three digits after */
		if (j + 3 < n && p[j] == ' ' && tk_digit(p[j + 1]) && tk_digit(p[j + 2]) &&
		    tk_digit(p[j + 3]) && (j + 4 >= n || !tk_digit(p[j + 4])) && groups[0] <= 3 &&
		    (ng == 1 || seps[ng - 2] == 's') &&
		    !(j + 5 < n && (p[j + 4] == ' ' || p[j + 4] == '-') && tk_digit(p[j + 5]) &&
		      !(j + 7 < n && tk_digit(p[j + 6]) && tk_digit(p[j + 7]) &&
			(j + 8 >= n || !tk_digit(p[j + 8])))) &&
		    (ng > 1 || groups[0] <= 3)) {
			/* only when it can't be two numbers ("in 2021 300 people") */
			if (ng == 1 && groups[0] <= 3 && i > 0 && p[i - 1] != ' ' &&
			    p[i - 1] != '(') {
				break;
			}
			seps[ng - 1] = 's';
			j++;
			continue;
		}
		break;
	}
	*ndigits = 0;
	{
		size_t k;
		for (k = 0; k < ng; k++)
			*ndigits += groups[k];
	}
	*plain = ng == 1;
	if (ng == 1) {
		double v = 0;
		size_t k;
		for (k = i; k < j; k++)
			v = v * 10 + (p[k] - '0');
		*value = v;
		return j;
	}
	/* which separator is the decimal point? */
	{
		char last = seps[ng - 2];
		int same = 1;
		size_t k;
		double v = 0, frac = 0, div = 1;
		size_t dec_at = ng; /* group index where decimals start */

		for (k = 0; k + 1 < ng; k++)
			if (seps[k] != last)
				same = 0;
		if (same) {
			int thousands = 1;
			for (k = 1; k < ng; k++)
				if (groups[k] != 3)
					thousands = 0;
			if (ng == 2 && (last == ',' || last == '.') && groups[1] == 3 &&
			    last == '.' && scale_follows)
				thousands = 0; /* "1.125 billion" */
			if (ng == 2 && !thousands && (last == ',' || last == '.'))
				dec_at = 1;
			else if (!thousands)
				ok = 0; /* 10.03.2026, 1.2.3 */
			if (groups[0] > 3 && thousands)
				ok = 0;
		} else {
			/* 1,234.56 or 1.234,56: the last separator is the decimal one */
			for (k = 1; k + 1 < ng; k++)
				if (groups[k] != 3)
					ok = 0;
			if (last == ' ' || last == 's' || last == '\'')
				ok = 0;
			dec_at = ng - 1;
		}
		if (!ok)
			return i;
		/* accumulate */
		{
			size_t pos = i;
			for (k = 0; k < ng; k++) {
				size_t d;
				for (d = 0; d < groups[k]; d++, pos++) {
					int dig = p[pos] - '0';
					if (k < dec_at) {
						v = v * 10 + dig;
					} else {
						div *= 10;
						frac += dig / div;
					}
				}
				if (k + 1 < ng)
					pos += seps[k] == ' ' ? 3 : 1;
			}
		}
		*value = v + frac;
	}
	return j;
}

static const char *const tk_ones[] = {"zero",	 "one",	    "two",	 "three",    "four",
				      "five",	 "six",	    "seven",	 "eight",    "nine",
				      "ten",	 "eleven",  "twelve",	 "thirteen", "fourteen",
				      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tk_tens[] = {"",      "",	"twenty",  "thirty", "forty",
				      "fifty", "sixty", "seventy", "eighty", "ninety"};

static int tk_small_number(const char *p, struct tk_w w)
{
	size_t i;

	if (w.e == w.s || !strchr("efnostEFNOST", p[w.s]))
		return 0;
	for (i = 2; i < TK_ARRAY_LEN(tk_ones); i++)
		if (tk_w_is(p, w, tk_ones[i]))
			return (int)i;
	for (i = 2; i < TK_ARRAY_LEN(tk_tens); i++)
		if (tk_w_is(p, w, tk_tens[i]))
			return (int)(i * 10);
	/* twenty-five */
	{
		const char *dash = memchr(p + w.s, '-', w.e - w.s);
		if (dash) {
			struct tk_w a = {w.s, (size_t)(dash - p)},
				    b = {(size_t)(dash - p) + 1, w.e};
			int t = 0, o = 0;
			for (i = 2; i < TK_ARRAY_LEN(tk_tens); i++)
				if (tk_w_is(p, a, tk_tens[i]))
					t = (int)(i * 10);
			for (i = 1; i < 10; i++)
				if (tk_w_is(p, b, tk_ones[i]))
					o = (int)i;
			if (t && o)
				return t + o;
		}
	}
	return 0;
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
static void tk_context(const char *p, size_t n, size_t s, size_t e, size_t *cs, size_t *ce)
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
	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 16;
		struct tk_figure *nf = tk_realloc(fl->f, cap * sizeof *nf);
		if (!nf)
			return TK_ENOMEM;
		fl->f = nf;
		fl->cap = cap;
	}
	fl->f[fl->n++] = *f;
	return TK_OK;
}

enum { TK_FK_COUNT, TK_FK_CURRENCY, TK_FK_PERCENT };

static int tk_score(double v, int kind, int has_unit, int spelled, size_t para)
{
	int mag = v >= 1 ? (int)floor(log10(v)) : 0;
	int s = mag * 10;

	if (kind == TK_FK_PERCENT)
		s += 25;
	else if (kind == TK_FK_CURRENCY)
		s += 15 + 10;
	else if (has_unit)
		s += 20;
	else
		s -= 25;
	if (spelled)
		s -= 10;
	if (para < 6)
		s += 12 - 2 * (int)para;
	return s;
}

static int tk_emit(const struct tk_article *art, struct tk_arena *ar, struct tk_figlist *fl,
		   size_t pi, size_t n, size_t s, size_t e, double v, double vmax,
		   const char *unit_code, struct tk_w unit, int kind, int spelled)
{
	const char *p = art->paras[pi];
	size_t cs, ce;
	struct tk_figure f;

	if (fl->n >= TK_EXTRACT_MAX_FOUND)
		return TK_OK; /* bounded output, before any copy */
	memset(&f, 0, sizeof f);
	f.value = v;
	f.value_max = vmax;
	f.para = pi;
	f.text = tk_arena_strndup(ar, p + s, e - s);
	if (!f.text)
		return TK_ENOMEM;
	if (unit_code) {
		f.unit = unit_code;
	} else if (unit.e > unit.s) {
		f.unit = tk_arena_strndup(ar, p + unit.s, unit.e - unit.s);
		if (!f.unit)
			return TK_ENOMEM;
	}
	tk_context(p, n, s, e, &cs, &ce);
	f.context = tk_arena_strndup(ar, p + cs, ce - cs);
	if (!f.context)
		return TK_ENOMEM;
	f.score = tk_score(vmax > v ? vmax : v, kind, f.unit != NULL, spelled, pi);
	return tk_fig_push(fl, &f);
}

/* Spelled numbers: "four continents", "a thousand people", "two million". */
static size_t tk_spelled(const struct tk_article *art, struct tk_arena *ar, struct tk_figlist *fl,
			 size_t pi, size_t n, size_t i, int *err)
{
	const char *p = art->paras[pi];
	size_t s = i, e = i;
	struct tk_w w = tk_next_word(p, n, i), u;
	double total = 0, cur = 0;
	int words = 0, big = 0;

	*err = TK_OK;
	if (tk_w_is(p, w, "a") || tk_w_is(p, w, "one")) {
		struct tk_w w2 = tk_next_word(p, n, w.e);
		if (!(tk_w_is(p, w2, "hundred") || tk_w_is(p, w2, "thousand") ||
		      tk_w_is(p, w2, "million") || tk_w_is(p, w2, "billion") ||
		      tk_w_is(p, w2, "dozen")))
			return w.e > i ? w.e : i + 1;
		cur = 1;
		w = w2;
		words++;
	}
	for (; w.e > w.s; w = tk_next_word(p, n, w.e)) {
		int sv = tk_small_number(p, w);
		if (sv) {
			cur += sv;
		} else if (tk_w_is(p, w, "hundred")) {
			cur = (cur ? cur : 1) * 100;
		} else if (tk_w_is(p, w, "dozen")) {
			cur = (cur ? cur : 1) * 12;
		} else if (tk_w_is(p, w, "thousand") || tk_w_is(p, w, "million") ||
			   tk_w_is(p, w, "billion")) {
			total += (cur ? cur : 1) * tk_scale_value(p, w);
			cur = 0;
			big = 1;
		} else if (tk_w_is(p, w, "and") && words) {
			struct tk_w w2 = tk_next_word(p, n, w.e);
			if (!tk_small_number(p, w2))
				break;
			continue;
		} else {
			break;
		}
		words++;
		e = w.e;
		if (w.e < n && p[w.e] != ' ')
			break;
	}
	if (!words)
		return w.e > i ? w.e : i + 1;
	total += cur;
	u = tk_unit_after(p, n, e);
	if ((u.e > u.s && tk_is_plural(p, (struct tk_w){u.e - (u.e - u.s), u.e})) || big) {
		struct tk_w prev = tk_prev_word(p, s);
		if (!WIN(tk_durations, p, u) &&
		    !(u.e > u.s && WIN(tk_durations, p, tk_next_word(p, n, e))) &&
		    !tk_w_is(p, prev, "aged") && !tk_w_is(p, prev, "age") && u.e > u.s) {
			*err = tk_emit(art, ar, fl, pi, n, s, e, total, total, NULL, u, TK_FK_COUNT,
				       1);
		}
	}
	return e > i ? e : i + 1;
}

/* Cheap filter before tk_small_number and friends: can the word (or its
 * part before a hyphen, "twenty-five") be a number word at all? A look in
 * one first-letter bucket instead of ~30 comparisons for every word. */
static int tk_maybe_number_word(const char *p, struct tk_w w)
{
	static const struct {
		unsigned char len;
		char w[10];
	} words[] = {
	    /* grouped by first letter, in the order of the buckets below */
	    {1, "a"},	   {5, "dozen"},    {5, "eight"},   {8, "eighteen"},  {6, "eighty"},
	    {6, "eleven"}, {7, "fifteen"},  {5, "fifty"},   {4, "five"},      {5, "forty"},
	    {4, "four"},   {8, "fourteen"}, {7, "hundred"}, {4, "nine"},      {8, "nineteen"},
	    {6, "ninety"}, {3, "one"},	    {5, "seven"},   {9, "seventeen"}, {7, "seventy"},
	    {3, "six"},	   {7, "sixteen"},  {5, "sixty"},   {3, "ten"},	      {8, "thirteen"},
	    {6, "thirty"}, {8, "thousand"}, {5, "three"},   {6, "twelve"},    {6, "twenty"},
	    {3, "two"},
	};
	const char *dash = memchr(p + w.s, '-', w.e - w.s);
	size_t len = (dash ? (size_t)(dash - p) : w.e) - w.s, i, lo, hi;
	char buf[10];

	if (len == 0 || len > 9)
		return 0;
	for (i = 0; i < len; i++) {
		char c = p[w.s + i];
		buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	switch (buf[0]) {
	case 'a':
		lo = 0;
		hi = 1;
		break;
	case 'd':
		lo = 1;
		hi = 2;
		break;
	case 'e':
		lo = 2;
		hi = 6;
		break;
	case 'f':
		lo = 6;
		hi = 12;
		break;
	case 'h':
		lo = 12;
		hi = 13;
		break;
	case 'n':
		lo = 13;
		hi = 16;
		break;
	case 'o':
		lo = 16;
		hi = 17;
		break;
	case 's':
		lo = 17;
		hi = 23;
		break;
	case 't':
		lo = 23;
		hi = 31;
		break;
	default:
		return 0;
	}
	for (i = lo; i < hi; i++)
		if (words[i].len == len && !memcmp(words[i].w, buf, len))
			return 1;
	return 0;
}

int tk_figures_find(const struct tk_article *art, struct tk_arena *ar, struct tk_figlist *fl)
{
	size_t pi;
	int err = TK_OK;

	for (pi = 0; pi < art->n_paras; pi++) {
		const char *p = art->paras[pi];
		size_t n = strlen(p), i = 0;

		while (i < n) {
			unsigned char c = (unsigned char)p[i];
			if (!tk_digit((char)c)) {
				/* spelled numbers start a word */
				if (tk_ascii_alpha(c) && (i == 0 || p[i - 1] == ' ')) {
					struct tk_w w = tk_next_word(p, n, i);
					unsigned char lc = (unsigned char)(c | 0x20);
					/* cheap filter: number words start with one of these */
					if (!(lc == 'a' || lc == 'd' || lc == 'e' || lc == 'f' ||
					      lc == 'h' || lc == 'n' || lc == 'o' || lc == 's' ||
					      lc == 't') ||
					    w.e - w.s > 13) {
						i = w.e > i ? w.e : i + 1;
						continue;
					}
					if (!tk_maybe_number_word(p, w)) {
						i = w.e > i ? w.e : i + 1;
						continue;
					}
					if (tk_small_number(p, w) || tk_w_is(p, w, "a") ||
					    tk_w_is(p, w, "hundred") || tk_w_is(p, w, "thousand") ||
					    tk_w_is(p, w, "one") || tk_w_is(p, w, "dozen")) {
						i = tk_spelled(art, ar, fl, pi, n, i, &err);
						if (err)
							return err;
						continue;
					}
					i = w.e > i ? w.e : i + 1;
					continue;
				}
				i++;
				continue;
			}
			/* a number starts here */
			size_t s = i, e, ne, cstart;
			double v = 0, vmax, scale = 1;
			int plain, kind = TK_FK_COUNT, skip = 0;
			size_t ndig;
			const char *code = NULL;
			struct tk_w unit = {0, 0}, nw, pw;

			/* attached to letters or other digits: an identifier (A320, COVID-19) */
			if (i > 0 && (tk_ascii_alpha((unsigned char)p[i - 1]) || p[i - 1] == '_' ||
				      (p[i - 1] == '-' && i > 1 &&
				       tk_ascii_alpha((unsigned char)p[i - 2])) ||
				      p[i - 1] == '#' || p[i - 1] == '/' || p[i - 1] == '.' ||
				      p[i - 1] == ',' || p[i - 1] == ':')) {
				while (i < n &&
				       (tk_digit(p[i]) || tk_ascii_alpha((unsigned char)p[i]) ||
					p[i] == '.' || p[i] == ',' || p[i] == '-' || p[i] == '/' ||
					p[i] == ':'))
					i++;
				continue;
			}
			{
				/* phone numbers and codes: "+1 617 555 0142", "0800 123 456",
				 * "555-123-4567": skip the whole run of digit groups */
				size_t k = i, groups = 0, odd = 0, dash = 0;
				while (k < n && tk_digit(p[k])) {
					size_t g0 = k;
					while (k < n && tk_digit(p[k]))
						k++;
					if (groups > 0 && k - g0 != 3)
						odd = 1;
					groups++;
					if (k + 1 < n &&
					    (p[k] == ' ' || p[k] == '-' || p[k] == '.') &&
					    tk_digit(p[k + 1])) {
						dash |= p[k] == '-';
						k++;
						continue;
					}
					break;
				}
				/* (614) 555-0199: a run after a parenthesised area code, or
				 * NNN-NNNN */
				int after_paren = i >= 2 && p[i - 1] == ' ' && p[i - 2] == ')';
				/* "+44 20 …" is a phone number, "+12%" a change */
				int plus_phone =
				    i > 0 && p[i - 1] == '+' && (groups >= 2 || k - i >= 7);
				if (plus_phone || (i > 0 && p[i - 1] == '(') ||
				    (groups >= 3 && (odd || dash)) ||
				    (after_paren && groups >= 2) ||
				    (groups == 2 && dash && k - i >= 8 && odd) ||
				    (p[i] == '0' && i + 2 < n && tk_digit(p[i + 1]) &&
				     tk_digit(p[i + 2]))) {
					i = k;
					continue;
				}
			}
			{
				/* peek: does a scale word follow? (for "1.125 billion") */
				size_t k = i;
				while (k < n && (tk_digit(p[k]) || p[k] == '.' || p[k] == ','))
					k++;
				nw = tk_next_word(p, n, k);
			}
			e = tk_parse_number(p, n, i, &v, &plain, &ndig, tk_scale_value(p, nw) > 0);
			if (e == i) {
				while (i < n && (tk_digit(p[i]) || p[i] == '.' || p[i] == ','))
					i++;
				continue;
			}
			ne = e;
			/* directly attached suffix: %, bn, m, k, th, am, s */
			if (e < n && tk_ascii_alpha((unsigned char)p[e])) {
				size_t k = e;
				while (k < n && tk_ascii_alpha((unsigned char)p[k]))
					k++;
				struct tk_w sw = {e, k};
				double sc = tk_scale_value(p, sw);
				if (sc > 0 && (k >= n || !tk_ascii_alpha((unsigned char)p[k]))) {
					scale = sc;
					ne = k;
				} else if (tk_w_is(p, sw, "km") || tk_w_is(p, sw, "kg") ||
					   tk_w_is(p, sw, "mw") || tk_w_is(p, sw, "gw") ||
					   tk_w_is(p, sw, "kwh") || tk_w_is(p, sw, "mm") ||
					   tk_w_is(p, sw, "cm") || tk_w_is(p, sw, "t") ||
					   tk_w_is(p, sw, "ha")) {
					unit = sw;
					ne = k;
				} else {
					skip = 1; /* 14th, 10am, 1990s, 5G */
				}
				if (!skip && k < n && (p[k] == '-'))
					skip = 1;
				if (skip) {
					i = k;
					continue;
				}
			}
			/* followed by ':' digit (time), '/' digit (date), '-' letters (year-old) */
			if (e + 1 < n && (p[e] == ':' || p[e] == '/' || p[e] == 'h') &&
			    tk_digit(p[e + 1]))
				skip = 1;
			if (e + 1 < n && p[e] == '-' && tk_ascii_alpha((unsigned char)p[e + 1]))
				skip = 1;
			if (e + 1 < n && p[e] == '.' && tk_digit(p[e + 1]))
				skip = 1; /* 1.2.3 left over */
			/* list numbering "1. " / "2) " at the paragraph start */
			if (s == 0 && e < n && (p[e] == '.' || p[e] == ')') && plain && ndig <= 2)
				skip = 1;
			if (s > 0 && p[s - 1] == '(' && e < n && p[e] == ')' && plain && ndig <= 2)
				skip = 1;
			/* phone numbers: runs of digit groups */
			{
				size_t k = e, groups = 1;
				while (k + 1 < n && (p[k] == ' ' || p[k] == '-' || p[k] == '.') &&
				       tk_digit(p[k + 1])) {
					k++;
					while (k < n && tk_digit(p[k]))
						k++;
					groups++;
				}
				if (groups >= 3 ||
				    (s > 0 && p[s - 1] == '+' && (groups >= 2 || ndig >= 7)) ||
				    (s > 0 && p[s - 1] == '(' && ndig >= 3)) {
					i = k;
					continue;
				}
			}
			if (skip) {
				i = e + 1;
				continue;
			}
			pw = tk_prev_word(p, s);
			if (s > 0 && (p[s - 1] == '#'))
				skip = 1;
			if (WIN(tk_prev_block, p, pw))
				skip = 1;
			if (!skip && tk_near_month(p, n, s, e))
				skip = 1;
			/* "Boeing 737", "Apollo 11": a number right after a name */
			if (!skip && plain && pw.e > pw.s && pw.e == s - 1 && p[pw.s] >= 'A' &&
			    p[pw.s] <= 'Z' && !(pw.s == 0) &&
			    !tk_cur_symbol_before(p, s, &cstart) && !tk_cur_word(p, pw) &&
			    !(pw.s >= 2 && (p[pw.s - 2] == '.' || p[pw.s - 2] == ':')) &&
			    !tk_month_name(p + pw.s, pw.e - pw.s))
				skip = 1;
			if (skip) {
				i = e;
				continue;
			}
			/* currency before */
			code = tk_cur_symbol_before(p, s, &cstart);
			if (code) {
				s = cstart;
				kind = TK_FK_CURRENCY;
			} else if (tk_cur_word(p, pw) && pw.e + 1 == s &&
				   (p[pw.s] >= 'A' && p[pw.s] <= 'Z') && pw.e - pw.s == 3) {
				code = tk_cur_word(p, pw);
				s = pw.s;
				kind = TK_FK_CURRENCY;
			}
			vmax = v;
			/* range: "10-12", "10 to 12", "between 10 and 12" */
			{
				size_t k = ne, k2 = 0;
				if (scale == 1 && k + 1 < n && (p[k] == '-') && tk_digit(p[k + 1]))
					k2 = k + 1;
				else if (scale == 1 && k + 4 < n &&
					 !memcmp(p + k, "\xE2\x80\x93", 3) && tk_digit(p[k + 3]))
					k2 = k + 3;
				else {
					struct tk_w tw = tk_next_word(p, n, k);
					if ((tk_w_is(p, tw, "to") || tk_w_is(p, tw, "and") ||
					     tk_w_is(p, tw, "bis") || tk_w_is(p, tw, "à") ||
					     tk_w_is(p, tw, "a") || tk_w_is(p, tw, "et") ||
					     tk_w_is(p, tw, "y")) &&
					    tw.e + 1 < n && p[tw.e] == ' ' &&
					    tk_digit(p[tw.e + 1]) && scale == 1)
						k2 = tw.e + 1;
					if (k2 && tk_w_is(p, tw, "and") &&
					    !tk_w_is(p, tk_prev_word(p, s), "between"))
						k2 = 0;
					/* "from 180 to 420" is a change, not a range */
					if (k2 && tk_w_is(p, tk_prev_word(p, s), "from"))
						k2 = 0;
				}
				if (k2) {
					double v2;
					int pl2;
					size_t nd2;
					size_t e2 = tk_parse_number(p, n, k2, &v2, &pl2, &nd2, 0);
					if (e2 > k2 && v2 > v &&
					    !(e2 < n &&
					      (p[e2] == '-' || p[e2] == '/' || p[e2] == ':')) &&
					    !(pl2 && nd2 == 4 && v2 >= 1800 && v2 <= 2100 &&
					      plain && ndig == 4)) {
						vmax = v2;
						ne = e2;
						e = e2;
					}
				}
			}
			/* percent, scale, currency after */
			if (ne < n && p[ne] == '%') {
				kind = TK_FK_PERCENT;
				ne++;
			} else if (ne + 1 < n && p[ne] == ' ' && p[ne + 1] == '%') {
				kind = TK_FK_PERCENT;
				ne += 2;
			} else if (ne + 4 <= n && !memcmp(p + ne, "\xE2\x80\xAF%", 4)) {
				kind = TK_FK_PERCENT;
				ne += 4;
			} else {
				nw = tk_next_word(p, n, ne);
				if (scale == 1 && tk_scale_value(p, nw) > 0 &&
				    !((tk_w_is(p, nw, "m") || tk_w_is(p, nw, "b") ||
				       tk_w_is(p, nw, "k")) &&
				      !code)) {
					scale = tk_scale_value(p, nw);
					ne = nw.e;
					if (ne < n && p[ne] == '.' &&
					    (tk_w_is(p, nw, "mio") || tk_w_is(p, nw, "mrd")))
						ne++;
					/* "mil millones" */
					nw = tk_next_word(p, n, ne);
					if (tk_scale_value(p, nw) >= 1e6 && scale == 1e3) {
						scale = 1e9;
						ne = nw.e;
					}
					nw = tk_next_word(p, n, ne);
				}
				if (tk_w_is(p, nw, "percent") || tk_w_is(p, nw, "prozent") ||
				    tk_w_is(p, nw, "pct")) {
					kind = TK_FK_PERCENT;
					ne = nw.e;
				} else if (tk_w_is(p, nw, "per") || tk_w_is(p, nw, "pour") ||
					   tk_w_is(p, nw, "por")) {
					struct tk_w w2 = tk_next_word(p, n, nw.e);
					if (tk_w_is(p, w2, "cent") || tk_w_is(p, w2, "ciento")) {
						kind = TK_FK_PERCENT;
						ne = w2.e;
					}
				} else if (tk_w_is(p, nw, "percentage") ||
					   tk_w_is(p, nw, "prozentpunkte")) {
					struct tk_w w2 = tk_next_word(p, n, nw.e);
					kind = TK_FK_PERCENT;
					ne = tk_w_is(p, w2, "points") || tk_w_is(p, w2, "point")
						 ? w2.e
						 : nw.e;
					code = "percentage points";
				} else if (!code && (tk_w_is(p, nw, "d'euros") ||
						     tk_w_is(p, nw, "d’euros"))) {
					code = "EUR";
					kind = TK_FK_CURRENCY;
					ne = nw.e;
				} else if (!code && tk_w_is(p, nw, "de")) {
					struct tk_w w2 = tk_next_word(p, n, nw.e);
					if (tk_cur_word(p, w2) && scale > 1) {
						code = tk_cur_word(p, w2);
						kind = TK_FK_CURRENCY;
						ne = w2.e;
					}
				} else if (!code && tk_cur_word(p, nw)) {
					code = tk_cur_word(p, nw);
					kind = TK_FK_CURRENCY;
					ne = nw.e;
				} else if (!code) {
					size_t ce;
					const char *c2 = tk_cur_symbol_after(p, n, ne, &ce);
					if (c2) {
						code = c2;
						kind = TK_FK_CURRENCY;
						ne = ce;
					}
				}
			}
			v *= scale;
			vmax *= scale;
			if (kind == TK_FK_PERCENT && !code)
				code = "%";
			/* excluded kinds: years, durations, ages */
			nw = tk_next_word(p, n, ne);
			if (kind == TK_FK_COUNT && scale == 1 && plain && ndig == 4 && v >= 1800 &&
			    v <= 2100)
				skip = 1;
			if (kind == TK_FK_COUNT && WIN(tk_durations, p, nw))
				skip = 1;
			if (kind == TK_FK_COUNT && tk_w_is(p, nw, "years"))
				skip = 1;
			if (tk_w_is(p, nw, "year-old") || tk_w_is(p, nw, "years-old"))
				skip = 1;
			/* "Jane Doe, 45," */
			if (plain && ndig <= 3 && s >= 2 && p[s - 1] == ' ' && p[s - 2] == ',' &&
			    e < n && p[e] == ',' && kind == TK_FK_COUNT) {
				struct tk_w before = tk_prev_word(p, s - 2);
				if (before.e > before.s && p[before.s] >= 'A' && p[before.s] <= 'Z')
					skip = 1;
			}
			if (skip) {
				i = ne > e ? ne : e;
				continue;
			}
			if (kind == TK_FK_COUNT && unit.e == unit.s)
				unit = tk_unit_after(p, n, ne);
			if (kind == TK_FK_COUNT && unit.e > unit.s && WIN(tk_durations, p, unit))
				skip = 1;
			/* a small bare number says nothing */
			if (kind == TK_FK_COUNT && unit.e == unit.s && scale == 1 && v < 100)
				skip = 1;
			if (!skip) {
				err = tk_emit(art, ar, fl, pi, n, s, ne, v, vmax,
					      kind == TK_FK_COUNT ? NULL : code, unit, kind, 0);
				if (err)
					return err;
			}
			i = ne > i ? ne : i + 1;
		}
	}
	return err;
}
