/* Internals shared by the extraction modules (extract.c, quote.c,
 * speaker.c, figure.c). Not part of the public API. */
#ifndef TK_EXTRACT_INT_H
#define TK_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "lex.h"

struct tk_arena;

/* Quotation found in the text (before filtering). */
struct tk_rawquote {
	size_t para, para_end;	 /* paragraphs where it opens and closes */
	size_t open, open_end;	 /* opening mark span in para */
	size_t close, close_end; /* closing mark span in para_end (== end of para when unclosed) */
	const char *text;	 /* arena: inner text, marks and trailing comma removed */
	size_t words;
	unsigned closed : 1, at_start : 1, after_colon : 1, after_sentence : 1, multi : 1,
	    comma_end : 1, terminal : 1;
	unsigned rejected : 1, continued : 1;
	unsigned doubtful : 1; /* the attribution is a guess: never shown (quotes_need_speaker) */
	unsigned partial : 1;  /* inside someone else's sentence: "called it “…”" */
	unsigned clause : 1;   /* a partial that reads as a complete clause (may be shown) */
	int person;	       /* speaker person index or -1 */
	const char *speaker, *role;
	int attr_kind; /* how it was attributed (0 = not) */
};

struct tk_qlist {
	struct tk_rawquote *q;
	size_t n, cap;
};

/* Find quotations in the paragraphs (linear time; unbalanced marks end at
 * the paragraph). Appends to ql; strings into a. TK_OK or TK_ENOMEM. */
int tk_quotes_find(const struct tk_article *art, struct tk_arena *a, struct tk_qlist *ql);

/* Attribute speakers to quotes and reject scare quotes/titles. */
int tk_speakers_attribute(const struct tk_article *art, struct tk_arena *a, struct tk_qlist *ql);

struct tk_figlist {
	struct tk_figure *f;
	size_t n, cap;
};

/* Find key figures; quote spans are not needed (figures inside quotes count). */
int tk_figures_find(const struct tk_article *art, struct tk_arena *a, struct tk_figlist *fl);

#endif
