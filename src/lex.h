/* Lexical tools beneath the quote, speaker and figure finders: a word
 * tokenizer over UTF-8, code point tests, case-insensitive lookups in sorted
 * word lists, and sentence ends. Pure; no allocation. */
#ifndef TK_LEX_H
#define TK_LEX_H

#include <stddef.h>
#include <stdint.h>
#include <unictype.h>

#include "text.h"

#define TK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Word-level tokens of one paragraph. */
enum tk_tok_kind { TK_T_WORD, TK_T_NUM, TK_T_PUNCT, TK_T_QMARK };

struct tk_tok {
	uint32_t s, e; /* byte span in the paragraph */
	uint8_t kind;  /* enum tk_tok_kind */
	uint8_t cap;   /* word starts with an upper-case letter */
	uint8_t upper; /* every letter upper-case (acronym) */
	char punct;    /* for TK_T_PUNCT: the ASCII char, or '-' for dashes */
};

/* A word list sorted bytewise (entries lower-case where they have case), so
 * that lookups are a binary search; name is for tests and messages. */
struct tk_wordlist {
	const char *name;
	const char *const *words;
	size_t n;
};

/* Tokenise p[from..to) into at most max tokens; returns the count. */
size_t tk_tokenize(const char *p, size_t from, size_t to, struct tk_tok *t, size_t max);

/* Code point at p[i] (p has n bytes); *adv gets its length in bytes.
 * Inline, as the letter tests below: they run once per byte of text. */
static inline unsigned tk_cp_at(const char *p, size_t n, size_t i, size_t *adv)
{
	if ((unsigned char)p[i] < 0x80) {
		*adv = 1;
		return (unsigned char)p[i];
	}
	return tk_utf8_get((const unsigned char *)p + i, n - i, adv);
}

static inline int tk_is_letter(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return uc_is_alpha(cp);
}

static inline int tk_is_digit(unsigned cp)
{
	return cp >= '0' && cp <= '9';
}

/* Is the code point a quotation mark of any style? */
int tk_is_qmark(unsigned cp);

/* Token equal to a lower-case word (ASCII case folded)? */
int tk_word_eq(const char *p, const struct tk_tok *t, const char *w);
/* Membership in a word list sorted bytewise, case-insensitive for ASCII. */
int tk_word_in_list(const char *p, const struct tk_tok *t, const char *const *list, size_t n);
int tk_span_in_list(const char *p, size_t s, size_t n, const char *const *list, size_t count);
static inline int tk_word_in(const char *p, const struct tk_tok *t, const struct tk_wordlist *l)
{
	return tk_span_in_list(p, t->s, t->e - t->s, l->words, l->n);
}
/* Is position i a sentence end ('.', '!', '?' not after an abbreviation)? */
int tk_is_sentence_end(const char *p, size_t n, size_t i);

#endif
