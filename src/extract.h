/* Extraction: direct quotations with their speaker, key figures, and the
 * ranked items the ticker shows. Pure: no I/O, no globals, no logging. */
#ifndef TK_EXTRACT_H
#define TK_EXTRACT_H

#include <stddef.h>

#include "article.h"

struct tk_quote {
	const char *text;    /* words inside the marks, no marks, no trailing comma */
	const char *speaker; /* full name ("Anthony Blinken") or NULL */
	const char *role;    /* "US Secretary of State" or NULL */
	size_t para;	     /* paragraph index where it starts */
	int score;	     /* ranking score, higher is better */
	int partial;	     /* 1: quoted words inside someone else's sentence */
};

/* What a figure counts (JSON "kind"). */
enum tk_figure_kind {
	TK_FIG_COUNT,	 /* 82,000 people */
	TK_FIG_MONEY,	 /* $3.5bn, 45.000 € */
	TK_FIG_PERCENT,	 /* 12%, 3 percentage points */
	TK_FIG_MEASURE,	 /* 256GB, 87 mph, -5 °C */
	TK_FIG_DURATION, /* 200 days, a 30-day deadline */
	TK_FIG_FRACTION, /* a third of, one in four (value 0.25) */
};

struct tk_figure {
	double value;	     /* normalised: "$3.5bn" -> 3500000000, "12%" -> 12; ranges: low */
	const char *unit;    /* counted noun, currency code ("USD"), "%", measure ("km", "°C") */
	const char *text;    /* the figure as written: "82,000", "$3.5bn" */
	const char *context; /* the clause it comes from */
	size_t para;
	int score;
	double value_max; /* ranges ("10 to 12"): the upper bound (high); else == value */
	enum tk_figure_kind kind;
	int change;	       /* +1 "rose/up from 2,415 to 2,315", -1 down, 0 none */
	size_t offset;	       /* byte offset of text in its paragraph */
	double conv_value;     /* bracketed conversion "87 mph (140 km/h)": 140 */
	const char *conv_unit; /* its unit ("km/h"), or NULL when there is none */
	const char *speaker;   /* inside a quotation: who said it, else NULL */
	unsigned trivial : 1;  /* a bare one-digit count: never a key figure */
};

/* "count", "money", "percent", "measure", "duration", "fraction". */
const char *tk_figure_kind_name(enum tk_figure_kind k);

/* Quotations and figures collected per article before ranking: beyond this
 * the rest of the article adds none (issue 9 item 4: a 4 MB text of "12% "
 * made a million figures and 800 MB). Ranking looks at the first ones anyway. */
#if !defined(TK_EXTRACT_MAX_FOUND)
#define TK_EXTRACT_MAX_FOUND 2048
#endif

enum tk_item_kind { TK_ITEM_HEADLINE, TK_ITEM_QUOTE, TK_ITEM_FIGURE };

/* What the ticker shows, ready to render. */
struct tk_item {
	enum tk_item_kind kind;
	const char *text;    /* headline, quotation (no marks), or figure context sentence */
	const char *speaker; /* quotes: speaker or NULL */
	const char *role;    /* quotes: role or NULL */
	const char *figure;  /* figures: the number as written, to emphasise; NULL otherwise */
	const char *caption; /* figures: short caption ("people have left Afghanistan ..."); NULL
				otherwise */
	/* figures: speaker is who said it when the figure is quoted, else NULL */
};

struct tk_extract_opts {
	size_t max_quotes;  /* ranked quotes kept (0 = none) */
	size_t max_figures; /* ranked figures kept (0 = none) */
	int all;	    /* keep every quote and figure found, in article order */
	/* 0 (default, config quotes_need_speaker = yes): a quote whose
	 * attribution is missing or doubtful is never ranked (shown); 1 ranks
	 * every quote. --all lists them either way. */
	int any_speaker;
};

struct tk_extraction {
	const struct tk_quote *quotes;
	size_t n_quotes;
	const struct tk_figure *figures;
	size_t n_figures;
	const struct tk_item *items; /* headline first, then quotes and figures interleaved */
	size_t n_items;
};

struct tk_config;

/* The extraction options the configuration asks for: quotes_per_article and
 * figures_per_article as they are (0 means none, as everywhere). The one
 * place a consumer turns configuration into extraction options. */
void tk_extract_opts_from_config(const struct tk_config *cfg, struct tk_extract_opts *out);

/* Extract from one article. opts may be NULL (the configuration defaults). On success *out owns
 * the result; strings may point into the article, so free the extraction
 * before the document. Returns TK_OK or TK_ENOMEM. */
int tk_extract(const struct tk_article *art, const struct tk_extract_opts *opts,
	       struct tk_extraction **out);
void tk_extraction_free(struct tk_extraction *ex);

#endif
