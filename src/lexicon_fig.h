/* Figure lexicon: sorted tables of measurement units, durations, money
 * sub-units and currency codes/prefixes that the figure finder reads after
 * or before a number. Pure data with binary-search lookups. */
#ifndef TK_LEXICON_FIG_H
#define TK_LEXICON_FIG_H

#include <stddef.h>

#include "extract.h"

enum {
	TK_LU_GLUED = 1,  /* may stick to the digits: "256GB", "50mph" */
	TK_LU_SPACED = 2, /* may follow after a space: "8.5 kW" */
	TK_LU_HYPHEN = 4, /* may follow after a hyphen as an adjective: "6.1-inch" */
	TK_LU_AMBIG = 8,  /* pounds: weight or sterling, decided by the clause */
};

struct tk_fig_unit {
	const char *word;	  /* as written; entries of 4+ letters are lower case */
	const char *unit;	  /* canonical unit: "km", "GB", "°C", "days", "GBP" */
	enum tk_figure_kind kind; /* measure, duration, money (sub-units), percent */
	unsigned char flags;	  /* TK_LU_* */
	double factor;		  /* value multiplier: "164p" -> 1.64 GBP */
};

struct tk_fig_currency {
	const char *text; /* "HK$", "USD", "RM", "Rs" */
	const char *code; /* ISO 4217 */
};

/* The unit written as s[0..n) or NULL. Exact match first; words of 4+
 * letters also match case-insensitively ("Miles", "KILOMETRES"). */
const struct tk_fig_unit *tk_lexfig_unit(const char *s, size_t n);

/* The currency code or prefix written as s[0..n) ("US$", "CHF", "€") or NULL. */
const struct tk_fig_currency *tk_lexfig_currency(const char *s, size_t n);

/* A currency word ("euros", "dólares", "usd") in any case, or NULL. */
const struct tk_fig_currency *tk_lexfig_currency_word(const char *s, size_t n);
/* A nationality that names a currency with a currency word ("Australian",
 * "hong kong", "canadiens"), or NULL. */
const struct tk_fig_currency *tk_lexfig_currency_adjective(const char *s, size_t n);

/* Number words: what each one does to the value being read. */
enum tk_nw_type {
	TK_NW_UNIT,    /* zero .. nineteen: added */
	TK_NW_TEN,     /* twenty .. ninety (and Spanish hundreds): added */
	TK_NW_HUNDRED, /* multiplies what precedes by 100 */
	TK_NW_SCALE,   /* thousand, million, ...: closes a group */
	TK_NW_DOZEN,   /* dozen: multiplies by 12 */
	TK_NW_FRAC,    /* third(s), quarter(s): value is the denominator */
	TK_NW_HALF,    /* half, moitié, mitad */
	TK_NW_ARTICLE, /* a, an, ein, una: 1 before a scale, hundred or fraction */
};

enum {
	TK_NL_EN = 1,
	TK_NL_FR = 2,
	TK_NL_DE = 4,
	TK_NL_ES = 8,
	TK_NL_AMBIG = 16, /* a common word elsewhere ("once", "elf", "sept"): needs the language */
};

struct tk_fig_numword {
	const char *word; /* lower case */
	double value;
	enum tk_nw_type type;
	unsigned char langs; /* TK_NL_* */
};

/* The number word written as s[0..n) (any case) or NULL. */
const struct tk_fig_numword *tk_lexfig_numword(const char *s, size_t n);

/* Can s[0..n) (n >= 1) be a number word at all, judging by its first two
 * letters? 0 means certainly not; 1 means look it up. */
int tk_lexfig_numword_maybe(const char *s, size_t n);

/* The tables themselves, for the test that they stay sorted (bytewise). */
const struct tk_fig_unit *tk_lexfig_units(size_t *n);
const struct tk_fig_currency *tk_lexfig_currencies(size_t *n);
const struct tk_fig_numword *tk_lexfig_numwords(size_t *n);
const struct tk_fig_currency *tk_lexfig_currency_words(size_t *n, int adjectives);

#endif
