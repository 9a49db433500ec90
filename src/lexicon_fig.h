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

/* The tables themselves, for the test that they stay sorted (bytewise). */
const struct tk_fig_unit *tk_lexfig_units(size_t *n);
const struct tk_fig_currency *tk_lexfig_currencies(size_t *n);

#endif
