/* Word lists of the extraction modules (see lexicon.c). Each is sorted
 * bytewise; look words up with tk_word_in() from lex.h. */
#ifndef TK_LEXICON_H
#define TK_LEXICON_H

#include "lex.h"

extern const struct tk_wordlist tk_lx_verbs; /* reporting verbs (said, sagte, dijo, ...) */
extern const struct tk_wordlist
    tk_lx_according; /* words that introduce the source after the quote ("so Müller", "laut") */
extern const struct tk_wordlist
    tk_lx_adverbs; /* words allowed between subject and verb ("also", "later") */
extern const struct tk_wordlist tk_lx_dets;	    /* determiners and possessives */
extern const struct tk_wordlist tk_lx_honorifics;   /* titles before a name (Mr, Dr, Sen) */
extern const struct tk_wordlist tk_lx_roles;	    /* role nouns (mayor, spokeswoman, ministre) */
extern const struct tk_wordlist tk_lx_female_roles; /* roles that say the person is a woman */
extern const struct tk_wordlist tk_lx_male_roles;   /* roles that say the person is a man */
extern const struct tk_wordlist
    tk_lx_stop; /* capitalised words that start a sentence but never a name */
extern const struct tk_wordlist
    tk_lx_org; /* words that make a capitalised chain an organisation or place */
extern const struct tk_wordlist tk_lx_groups;	     /* plural nouns that speak as a group */
extern const struct tk_wordlist tk_lx_connectors;    /* particles inside names (de, van, bin) */
extern const struct tk_wordlist tk_lx_pron_male;     /* male subject pronouns */
extern const struct tk_wordlist tk_lx_pron_female;   /* female subject pronouns */
extern const struct tk_wordlist tk_lx_pron_plural;   /* plural subject pronouns */
extern const struct tk_wordlist tk_lx_titles_female; /* titles that say the person is a woman */
extern const struct tk_wordlist tk_lx_titles_male;   /* titles that say the person is a man */
extern const struct tk_wordlist
    tk_lx_role_links; /* prepositions that link a role to its sentence ("junto al consejero") */
extern const struct tk_wordlist
    tk_lx_quote_verbs; /* "called it “…”": quoted words inside a sentence */
extern const struct tk_wordlist tk_lx_source_nouns; /* "the newspaper wrote": nouns that speak */
extern const struct tk_wordlist tk_lx_not_names;    /* "Republican": never a person alone */
extern const struct tk_wordlist tk_lx_media;	    /* "Gazette": an outlet's name word */
extern const struct tk_wordlist tk_lx_media_nouns;  /* "the newspaper": an outlet named before */
extern const struct tk_wordlist tk_lx_abbrevs;	    /* abbreviations whose dot ends no sentence */

/* Every list above, for the test that each stays sorted. */
extern const struct tk_wordlist *const tk_lexicon_lists[];
extern const size_t tk_lexicon_nlists;

#endif
