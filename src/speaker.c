/* Speaker attribution: "…," Blinken said / said Blinken / Blinken said: "…" /
 * according to X / the minister said, in English, French, German and
 * Spanish; continuation of the last speaker; pronouns to the most recent
 * fitting person; surnames to the full name and role mentioned earlier.
 * Also rejects scare quotes and titles. Work per quote is bounded. */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "extract_int.h"
#include "lexicon.h"
#include "mem.h"

#if !defined(TK_MAX_PERSONS)
#define TK_MAX_PERSONS 256
#endif
#define TK_WIN 64 /* tokens looked at around a quote */

#define IN(list, p, t) tk_word_in((p), (t), &(list))

/* Role words, including German compounds ("Messechefin", "Vertriebsleiter"). */
static int tk_is_role(const char *p, const struct tk_tok *t)
{
	static const char *const suffixes[] = {
	    "chef",	   "chefin",	   "leiter",   "leiterin",   "sprecher", "sprecherin",
	    "präsident",   "präsidentin",  "minister", "ministerin", "direktor", "direktorin",
	    "vorsitzende", "vorsitzender", "experte",  "expertin"};
	size_t n = t->e - t->s, i;

	if (t->kind != TK_T_WORD)
		return 0;
	if (IN(tk_lx_roles, p, t))
		return 1;
	/* French elision: l'adjointe, d'un directeur */
	if (n > 2 && (p[t->s] == 'l' || p[t->s] == 'd' || p[t->s] == 'L') && p[t->s + 1] == '\'') {
		struct tk_tok u = *t;
		u.s += 2;
		return IN(tk_lx_roles, p, &u);
	}
	/* compounds are capitalised and longer than the shortest suffix + 2 */
	if (!t->cap || n < 7 || !strchr("efnrt", p[t->e - 1]))
		return 0; /* every suffix ends in one of these */
	for (i = 0; i < TK_ARRAY_LEN(suffixes); i++) {
		size_t l = strlen(suffixes[i]);
		if (n > l + 2 && suffixes[i][l - 1] == p[t->e - 1] &&
		    !memcmp(p + t->e - l, suffixes[i], l))
			return 1;
	}
	return 0;
}

static int tk_is_female_role(const char *p, const struct tk_tok *t)
{
	size_t n = t->e - t->s;
	if (IN(tk_lx_female_roles, p, t))
		return 1;
	/* French elision: l'avocate, d'une directrice */
	if (n > 2 && (p[t->s] == 'l' || p[t->s] == 'd' || p[t->s] == 'L' || p[t->s] == 'D') &&
	    p[t->s + 1] == '\'') {
		struct tk_tok u = *t;
		u.s += 2;
		if (IN(tk_lx_female_roles, p, &u))
			return 1;
	}
	/* German feminine compounds end in -in */
	return tk_is_role(p, t) && n > 4 && !strncmp(p + t->e - 2, "in", 2) && t->cap;
}

struct tk_person {
	const char *name;
	size_t first_len; /* bytes of the first name token */
	size_t name_len;
	const char *surname; /* points into name */
	size_t surname_len;
	const char *role;
	int gender; /* 0 unknown, 1 male, 2 female */
	unsigned personlike : 1, quoted : 1;
	unsigned gender_named : 1; /* gender from a title or role, not guessed from a pronoun */
};

struct tk_mention {
	size_t para, off;
	int person;
	int subject;
};

struct tk_reg {
	struct tk_person *p; /* grows to TK_MAX_PERSONS: most articles name a few */
	size_t capp;
	size_t n;
	struct tk_mention *m; /* names in the text, in text order */
	size_t nm, capm;
	struct tk_mention *am; /* speakers found by attribution, in quote order */
	size_t nam, capam;
	struct tk_arena *a;
	const struct tk_article *art;
	/* the last organisations named ("the Environment Agency"), a ring */
	struct tk_org {
		size_t para, s, e, last_s;
	} orgs[32];
	size_t norgs;
};

static int tk_is_verb(const char *p, const struct tk_tok *t)
{
	return t->kind == TK_T_WORD && IN(tk_lx_verbs, p, t);
}

static int tk_pronoun(const char *p, const struct tk_tok *t)
{

	if (t->kind != TK_T_WORD || t->e - t->s > 5 || t->upper)
		return 0; /* "he" … "elles": five bytes at most */
	if (IN(tk_lx_pron_male, p, t))
		return 1;
	if (IN(tk_lx_pron_female, p, t))
		return 2;
	if (IN(tk_lx_pron_plural, p, t))
		return 3;
	return 0;
}

/* French inversion in one token: "dit-il", "a-t-elle", "ajoute-t-il". */
static int tk_inverted_pronoun(const char *p, const struct tk_tok *t)
{
	size_t n = t->e - t->s;
	const char *s = p + t->s;

	if (t->kind != TK_T_WORD)
		return 0;
	if (n > 3 && !strncmp(s + n - 3, "-il", 3))
		return 1;
	if (n > 4 && !strncmp(s + n - 4, "-ils", 4))
		return 3;
	if (n > 5 && !strncmp(s + n - 5, "-elle", 5))
		return 2;
	if (n > 6 && !strncmp(s + n - 6, "-elles", 6))
		return 3;
	return 0;
}

static int tk_is_cap_word(const struct tk_tok *t)
{
	return t->kind == TK_T_WORD && t->cap;
}

/* Tokens adjacent in the text (only spaces between)? */
static int tk_adjacent(const char *p, const struct tk_tok *a, const struct tk_tok *b)
{
	size_t i;
	if (b->s - a->e > 2)
		return 0;
	for (i = a->e; i < b->s; i++)
		if (p[i] != ' ')
			return 0;
	return 1;
}

/* End (exclusive) of the capitalised chain starting at k. */
static size_t tk_chain_end(const char *p, const struct tk_tok *t, size_t nt, size_t k)
{
	size_t j = k;

	if (k >= nt || !tk_is_cap_word(&t[k]))
		return k;
	j = k + 1;
	while (j < nt && j - k < 10 && tk_adjacent(p, &t[j - 1], &t[j])) {
		if (tk_is_cap_word(&t[j])) {
			j++;
		} else if (t[j].kind == TK_T_PUNCT && t[j].punct == '.' && t[j].s == t[j - 1].e &&
			   (IN(tk_lx_honorifics, p, &t[j - 1]) ||
			    (t[j - 1].e - t[j - 1].s == 1 && t[j - 1].cap)) &&
			   j + 1 < nt && tk_is_cap_word(&t[j + 1]) &&
			   tk_adjacent(p, &t[j], &t[j + 1])) {
			/* and a middle initial: "Janet Q. Rivers", "J. Gerald Hebert" */
			/* honorific with a dot: "Dr. Maria Okafor" is one chain,
			 * the '.' token is skipped when the chain is split */
			j++;
		} else if (t[j].kind == TK_T_WORD && IN(tk_lx_connectors, p, &t[j]) && j + 1 < nt &&
			   tk_adjacent(p, &t[j], &t[j + 1]) &&
			   (tk_is_cap_word(&t[j + 1]) ||
			    (IN(tk_lx_connectors, p, &t[j + 1]) && j + 2 < nt &&
			     tk_is_cap_word(&t[j + 2])))) {
			j++;
		} else {
			break;
		}
	}
	return j;
}

/* Start of the chain that ends (exclusive) at e. */
static size_t tk_chain_start(const char *p, const struct tk_tok *t, size_t e)
{
	size_t j = e;

	if (e == 0 || !tk_is_cap_word(&t[e - 1]))
		return e;
	j = e - 1;
	while (j > 0 && e - j < 10 && tk_adjacent(p, &t[j - 1], &t[j])) {
		if (tk_is_cap_word(&t[j - 1]))
			j--;
		else if (t[j - 1].kind == TK_T_WORD && IN(tk_lx_connectors, p, &t[j - 1]) &&
			 j >= 2 && tk_is_cap_word(&t[j - 2]) &&
			 tk_adjacent(p, &t[j - 2], &t[j - 1]))
			j--;
		else
			break;
	}
	/* "Mr. Blinken": step over the honorific and its dot */
	if (j >= 2 && t[j - 1].kind == TK_T_PUNCT && t[j - 1].punct == '.' &&
	    IN(tk_lx_honorifics, p, &t[j - 2]))
		j -= 2;
	return j;
}

struct tk_split {
	size_t ra, rb, na, nb; /* role and name token ranges */
	int gender;
	int valid;
	int titled; /* an honorific opened the chain */
};

/* A name stops at "of", "on", "for" or a day: "Ted Cruz of Texas", "Poulter
 * on Christmas Day", "Pan of IG", "Trump Monday". */
static void tk_name_cut(const char *p, const struct tk_tok *t, struct tk_split *s)
{
	size_t i;

	for (i = s->na + 1; i < s->nb; i++) {
		size_t n = t[i].e - t[i].s;
		if ((!t[i].cap && (tk_word_eq(p, &t[i], "of") || tk_word_eq(p, &t[i], "on") ||
				   tk_word_eq(p, &t[i], "for"))) ||
		    (n > 3 && !memcmp(p + t[i].e - 3, "day", 3) && IN(tk_lx_stop, p, &t[i]))) {
			s->nb = i;
			return;
		}
	}
}

static int tk_coordinated(const char *p, const struct tk_tok *t, size_t a, size_t b)
{
	size_t i;

	for (i = a + 1; i + 1 < b; i++)
		if (!t[i].cap && tk_word_eq(p, &t[i], "and"))
			return 1;
	return 0;
}

/* Person filter: no possessive ("Hemming’s"), no coordinated names
 * ("Schumer and Pelosi"), no chain that opens or ends with a particle ("on
 * Hot Air"), no ALL-CAPS kicker or dateline ("WASHINGTON"), no lone party,
 * demonym or sentence adverb ("Republican", "Absolutely"). */
static int tk_name_ok(const char *p, const struct tk_tok *t, size_t a, size_t b)
{
	const struct tk_tok *l = &t[b - 1];
	size_t i, n = l->e - l->s, caps = 0;

	if ((n > 2 && p[l->e - 2] == '\'' && p[l->e - 1] == 's') ||
	    (n > 4 && !strncmp(p + l->e - 4, "\xE2\x80\x99s", 4)))
		return 0;
	if (!l->cap)
		return 0;
	for (i = a; i < b; i++) {
		if (!t[i].cap && (tk_word_eq(p, &t[i], "and") || tk_word_eq(p, &t[i], "und") ||
				  tk_word_eq(p, &t[i], "et") || tk_word_eq(p, &t[i], "y")))
			return 0;
		caps += t[i].upper && t[i].e - t[i].s > 1;
	}
	if (caps == b - a && (b - a > 1 || n > 4))
		return 0;
	if (b - a == 1 &&
	    (IN(tk_lx_not_names, p, l) || (n > 5 && !strncmp(p + l->e - 2, "ly", 2) && l->s == 0)))
		return 0;
	return 1;
}

static void tk_split_chain(const char *p, const struct tk_tok *t, size_t a, size_t b,
			   struct tk_split *s)
{
	size_t i, r = (size_t)-1;

	memset(s, 0, sizeof *s);
	/* leading sentence words and honorifics */
	while (a < b &&
	       (t[a].kind != TK_T_WORD || IN(tk_lx_stop, p, &t[a]) || (t[a].kind == TK_T_PUNCT))) {
		/* "de Gaulle" keeps its particle, a sentence-initial "La Dra."
		 * does not */
		if (t[a].kind == TK_T_WORD && IN(tk_lx_connectors, p, &t[a]) && a > 0 &&
		    !(t[a].cap && t[a - 1].kind == TK_T_PUNCT &&
		      (t[a - 1].punct == '.' || t[a - 1].punct == '!' || t[a - 1].punct == '?')))
			break;
		a++;
	}
	while (a < b &&
	       (IN(tk_lx_honorifics, p, &t[a]) || (t[a].kind == TK_T_PUNCT && t[a].punct == '.'))) {
		/* only titles that say the gender; Dr, Prof, Sen, Rev … do not */
		if (t[a].kind == TK_T_WORD) {
			s->gender = IN(tk_lx_titles_female, p, &t[a]) ? 2
				    : IN(tk_lx_titles_male, p, &t[a]) ? 1
								      : 0;
			s->titled = 1;
		}
		a++;
	}
	for (i = a; i < b; i++)
		if (t[i].kind == TK_T_WORD && tk_is_role(p, &t[i]))
			r = i;
	/* after a title the last word is a surname even when it is a role
	 * word too: "Mr. Tom Baker", "Dr. Sarah Judge" */
	if (s->titled && r != (size_t)-1 && r + 1 == b && t[r].cap)
		r = (size_t)-1;
	s->ra = s->rb = a;
	s->na = a;
	s->nb = b;
	if (r != (size_t)-1) {
		size_t after = r + 1;
		if (tk_is_female_role(p, &t[r]))
			s->gender = 2;
		else if (IN(tk_lx_male_roles, p, &t[r]))
			s->gender = 1;
		if (after < b && t[after].kind == TK_T_WORD && !t[after].cap &&
		    IN(tk_lx_connectors, p, &t[after])) {
			size_t c0 = after + 1, rem;
			if (c0 < b && tk_word_eq(p, &t[c0], "the"))
				c0++;
			rem = b > c0 ? b - c0 : 0;
			after = c0 + (rem >= 3 ? rem - 2 : rem);
		}
		s->rb = after;
		s->na = after;
		/* honorifics after the role: "President Dr. Lee" */
		while (s->na < b &&
		       (IN(tk_lx_honorifics, p, &t[s->na]) || (t[s->na].kind == TK_T_PUNCT)))
			s->na++;
	}
	tk_name_cut(p, t, s);
	/* a long chain keeps its last three words, four with an initial
	 * ("Vann R. Newkirk II") */
	if (s->nb > s->na + 4 && !(s->nb == s->na + 5 && t[s->na + 2].kind == TK_T_PUNCT))
		s->na = s->nb - 3;
	s->valid = s->nb > s->na;
	for (i = s->na; i < s->nb && s->valid; i++)
		if (!tk_is_cap_word(&t[i]) && !IN(tk_lx_connectors, p, &t[i]) &&
		    !(t[i].kind == TK_T_PUNCT && t[i].punct == '.' && i > s->na &&
		      t[i - 1].e - t[i - 1].s == 1)) /* the dot of an initial */
			s->valid = 0;
	if (s->valid &&
	    (IN(tk_lx_stop, p, &t[s->nb - 1]) || (tk_is_role(p, &t[s->nb - 1]) && !s->titled)))
		s->valid = 0;
}

static char *tk_span_dup(struct tk_reg *g, const char *p, size_t s, size_t e)
{
	return tk_arena_strndup(g->a, p + s, e - s);
}

static int tk_org_chain(const char *p, const struct tk_tok *t, size_t a, size_t b)
{
	size_t i;
	for (i = a; i < b; i++)
		if (IN(tk_lx_org, p, &t[i]))
			return 1;
	return t[a].upper && t[a].e - t[a].s <= 4; /* "US", "NATO" */
}

static int tk_find_full(const struct tk_reg *g, const char *s, size_t n)
{
	size_t i;
	for (i = g->n; i-- > 0;)
		if (g->p[i].name_len == n && !memcmp(g->p[i].name, s, n))
			return (int)i;
	return -1;
}

/* A person named by one word: surname first, then first name. A title's
 * gender (0 = none) skips people a title or role gave the other gender. */
static int tk_find_short_g(const struct tk_reg *g, const char *s, size_t n, int gender)
{
	size_t i;
	for (i = g->n; i-- > 0;)
		if (g->p[i].surname_len == n && !strncmp(g->p[i].surname, s, n) &&
		    !(gender && g->p[i].gender_named && g->p[i].gender != gender))
			return (int)i;
	for (i = g->n; i-- > 0;)
		if (g->p[i].first_len == n && !strncmp(g->p[i].name, s, n) &&
		    g->p[i].surname != g->p[i].name &&
		    !(gender && g->p[i].gender_named && g->p[i].gender != gender))
			return (int)i;
	return -1;
}

static int tk_find_short(const struct tk_reg *g, const char *s, size_t n)
{
	size_t i;
	for (i = g->n; i-- > 0;)
		if (g->p[i].surname_len == n && !strncmp(g->p[i].surname, s, n))
			return (int)i;
	for (i = g->n; i-- > 0;)
		if (g->p[i].first_len == n && !strncmp(g->p[i].name, s, n) &&
		    g->p[i].surname != g->p[i].name)
			return (int)i;
	return -1;
}

static int tk_name_suffix(const char *w)
{
	return !strcmp(w, "Jr") || !strcmp(w, "Sr") || !strcmp(w, "II") || !strcmp(w, "III") ||
	       !strcmp(w, "IV");
}

static int tk_add_person(struct tk_reg *g, const char *name, size_t n, int *err)
{
	struct tk_person *q;
	const char *sp;
	size_t i;

	*err = TK_OK;
	if (g->n == TK_MAX_PERSONS)
		return -1;
	if (tk_buf_grow(&g->p, &g->capp, g->n, sizeof *g->p, 16)) {
		*err = TK_ENOMEM;
		return -1;
	}
	q = &g->p[g->n];
	memset(q, 0, sizeof *q);
	q->name = tk_arena_strndup(g->a, name, n);
	q->name_len = n;
	if (!q->name) {
		*err = TK_ENOMEM;
		return -1;
	}
	sp = strrchr(q->name, ' ');
	q->surname = sp ? sp + 1 : q->name;
	q->surname_len = strlen(q->surname);
	/* "Tom Ashby II", "Ed Boyd Jr": the surname is the word before */
	if (sp && sp > q->name && tk_name_suffix(q->surname)) {
		const char *s2 = sp;
		while (s2 > q->name && s2[-1] != ' ')
			s2--;
		q->surname = s2;
		q->surname_len = (size_t)(sp - s2);
	}
	for (i = 0; q->name[i] && q->name[i] != ' '; i++)
		;
	q->first_len = i;
	return (int)g->n++;
}

static int tk_gender_ok(int pg, int want)
{
	return want == 0 || want == 3 || pg == 0 || pg == want;
}

static int tk_push_mention(struct tk_mention **m, size_t *n, size_t *cap, size_t para, size_t off,
			   int person)
{
	if (person < 0)
		return TK_OK;
	if (tk_buf_grow(m, cap, *n, sizeof **m, 32))
		return TK_ENOMEM;
	(*m)[(*n)++] = (struct tk_mention){para, off, person, 1};
	return TK_OK;
}

static int tk_add_mention(struct tk_reg *g, size_t para, size_t off, int person)
{
	return tk_push_mention(&g->m, &g->nm, &g->capm, para, off, person);
}

static int tk_mention_before(const struct tk_mention *m, size_t para, size_t off)
{
	return m->para < para || (m->para == para && m->off <= off);
}

/* The latest fitting person in a sorted mention list before (para, off):
 * binary search, then a bounded look back. Sets best and bp when it finds a later one. */
static void tk_latest_fitting(const struct tk_reg *g, const struct tk_mention *m, size_t n,
			      size_t para, size_t off, int gender, int strong, int *best,
			      const struct tk_mention **bp)
{
	/* strong == 2: only people a title or role marks with that gender */
	int exact = strong == 2;
	size_t lo = 0, hi = n, seen = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tk_mention_before(&m[mid], para, off))
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0 && seen++ < 64) {
		const struct tk_person *p = &g->p[m[lo].person];
		if (!p->personlike || !tk_gender_ok(p->gender, gender) ||
		    (exact && (p->gender != gender || !p->gender_named)))
			continue;
		/* a bare two-word name ("France Info") only when nobody with a
		 * role, a title or a quote is nearer */
		if (strong && !p->role && !p->gender && !p->quoted && !m[lo].subject)
			continue;
		if (!*bp || !tk_mention_before(&m[lo], (*bp)->para, (*bp)->off) ||
		    (m[lo].para == (*bp)->para && m[lo].off == (*bp)->off)) {
			*best = m[lo].person;
			*bp = &m[lo];
		}
		return;
	}
}

/* "Carol Finch, who chairs the Upton Marsh Flood Group": the role is "chair
 * of the Upton Marsh Flood Group". j is the verb after "who". */
static const char *tk_who_role(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
			       size_t j, size_t *end, int *err)
{
	static const struct {
		const char *verb, *noun;
	} map[] = {
	    {"chairs", "chair of "},
	    {"heads", "head of "},
	    {"leads", "head of "},
	    {"directs", "director of "},
	    {"manages", "manager of "},
	    {"founded", "founder of "},
	    {"co-founded", "co-founder of "},
	    {"coordinates", "coordinator of "},
	};
	size_t i, k, last;
	char *r;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (tk_word_eq(p, &t[j], map[i].verb))
			break;
	if (i == sizeof map / sizeof map[0])
		return NULL;
	last = j;
	for (k = j + 1; k < nt && k - j < 10; k++) {
		if (t[k].kind == TK_T_QMARK && t[k].s == t[k - 1].e)
			continue; /* "Residents’ Association" */
		if (t[k].kind != TK_T_WORD && t[k].kind != TK_T_NUM)
			break;
		last = k;
	}
	if (last == j)
		return NULL;
	{
		size_t nl = strlen(map[i].noun), tl = t[last].e - t[j + 1].s;
		r = tk_arena_alloc(g->a, nl + tl + 1);
		if (!r) {
			*err = TK_ENOMEM;
			return NULL;
		}
		memcpy(r, map[i].noun, nl);
		memcpy(r + nl, p + t[j + 1].s, tl);
		r[nl + tl] = '\0';
	}
	*end = last + 1;
	return r;
}

/* "Maya Lindgren took over as chief executive of Northern Rail", "X became
 * / was appointed / was named ...": the role phrase, or NULL. */
static const char *tk_became_role(struct tk_reg *g, const char *p, const struct tk_tok *t,
				  size_t nt, size_t e, int *err)
{
	size_t j = e, a, last = 0, k;
	int has = 0;
	char *r;

	*err = TK_OK;
	if (j + 2 < nt && tk_word_eq(p, &t[j], "took") && tk_word_eq(p, &t[j + 1], "over") &&
	    tk_word_eq(p, &t[j + 2], "as"))
		j += 3;
	else if (j + 1 < nt && (tk_word_eq(p, &t[j], "was") || tk_word_eq(p, &t[j], "is")) &&
		 j + 2 < nt &&
		 (tk_word_eq(p, &t[j + 1], "appointed") || tk_word_eq(p, &t[j + 1], "named") ||
		  tk_word_eq(p, &t[j + 1], "elected")))
		j += 2 + (tk_word_eq(p, &t[j + 2], "as"));
	else if (j < nt && tk_word_eq(p, &t[j], "became"))
		j += 1;
	else
		return NULL;
	if (j < nt && IN(tk_lx_dets, p, &t[j]))
		j++;
	a = j;
	for (k = j; k < nt && k - j < 10; k++) {
		if (t[k].kind == TK_T_QMARK && k > a && t[k].s == t[k - 1].e)
			continue;
		if (t[k].kind != TK_T_WORD)
			break;
		/* stop before "in January", "on Monday", "last year" */
		if (k > a && (tk_word_eq(p, &t[k], "in") || tk_word_eq(p, &t[k], "on") ||
			      tk_word_eq(p, &t[k], "last") || tk_word_eq(p, &t[k], "after") ||
			      tk_word_eq(p, &t[k], "and") || tk_word_eq(p, &t[k], "this")))
			break;
		if (tk_is_role(p, &t[k]))
			has = 1;
		last = k;
	}
	if (!has || k == a)
		return NULL;
	r = tk_span_dup(g, p, t[a].s, t[last].e);
	if (!r)
		*err = TK_ENOMEM;
	return r;
}

/* Role in an apposition after the name: "Maria Lopez, chief executive of
 * Harbor Foods, said". Returns the arena string or NULL; *end is the token
 * after the apposition. */
static const char *tk_apposition(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
				 size_t e, size_t *end, int *gender, int *err)
{
	size_t j = e, a, last = 0;
	int has_role = 0;

	*err = TK_OK;
	*end = e;
	if (j >= nt || t[j].kind != TK_T_PUNCT || t[j].punct != ',')
		return NULL;
	j++;
	if (j + 1 < nt && t[j].kind == TK_T_NUM && t[j + 1].kind == TK_T_PUNCT &&
	    t[j + 1].punct == ',')
		j += 2; /* age: "Jane Doe, 45, a teacher" */
	if (j < nt && t[j].kind == TK_T_WORD && IN(tk_lx_dets, p, &t[j]))
		j++;
	a = j;
	for (; j < nt && j - a < 14; j++) {
		if (t[j].kind == TK_T_QMARK && j > a && t[j].s == t[j - 1].e)
			continue; /* the apostrophe of "drivers' union" */
		if (t[j].kind == TK_T_PUNCT || t[j].kind == TK_T_QMARK)
			break;
		if (tk_is_verb(p, &t[j]) && j > a)
			break;
		if (j == a && j + 2 < nt && tk_word_eq(p, &t[j], "who"))
			return tk_who_role(g, p, t, nt, j + 1, end, err);
		if (t[j].kind == TK_T_WORD &&
		    (tk_word_eq(p, &t[j], "who") || tk_word_eq(p, &t[j], "which") ||
		     tk_word_eq(p, &t[j], "qui") || tk_word_eq(p, &t[j], "que")))
			return NULL;
		if (t[j].kind == TK_T_WORD && tk_is_role(p, &t[j])) {
			has_role = 1;
			if (tk_is_female_role(p, &t[j]))
				*gender = 2;
			else if (IN(tk_lx_male_roles, p, &t[j]))
				*gender = 1;
		}
		last = j;
	}
	if (!has_role || j == a)
		return NULL;
	*end = j;
	{
		char *r = tk_span_dup(g, p, t[a].s, t[last].e);
		if (!r)
			*err = TK_ENOMEM;
		return r;
	}
}

/* Lower-case role right before a name: "spokesman Soheil Shaheen". */
static const char *tk_role_before(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t k,
				  int *gender, int *err)
{
	size_t j = k, first, end;

	*err = TK_OK;
	if (k >= 2 && t[k - 1].kind == TK_T_PUNCT && t[k - 1].punct == ',') {
		/* "La maire de Nantes, Sophie Lemaire," / "its finance director, Sunil Mehta" */
		int has = 0;
		end = k - 2;
		j = k - 1;
		while (j > 0 && k - j < 8 && t[j - 1].kind == TK_T_WORD &&
		       !IN(tk_lx_dets, p, &t[j - 1]) && !tk_is_verb(p, &t[j - 1]) &&
		       (j == k - 1 || tk_adjacent(p, &t[j - 1], &t[j]))) {
			j--;
			if (tk_is_role(p, &t[j]))
				has = 1;
		}
		if (!has || j > end)
			return NULL;
		while (j <= end && t[j].kind == TK_T_WORD && IN(tk_lx_stop, p, &t[j]) &&
		       !tk_is_role(p, &t[j]))
			j++;
		{
			/* "junto al consejero de Salud, Andrés Molina": the role
			 * starts after a preposition that links it to the sentence */
			size_t q;
			for (q = j; q <= end && !tk_is_role(p, &t[q]); q++)
				if (IN(tk_lx_role_links, p, &t[q]))
					j = q + 1;
		}
		if (j > end)
			return NULL;
		if (tk_is_female_role(p, &t[j]))
			*gender = 2;
		{
			char *r = tk_span_dup(g, p, t[j].s, t[end].e);
			if (!r)
				*err = TK_ENOMEM;
			return r;
		}
	}
	if (k == 0 || t[k - 1].kind != TK_T_WORD || t[k - 1].cap || !tk_is_role(p, &t[k - 1]) ||
	    !tk_adjacent(p, &t[k - 1], &t[k]))
		return NULL;
	if (tk_is_female_role(p, &t[k - 1]))
		*gender = 2;
	else if (IN(tk_lx_male_roles, p, &t[k - 1]))
		*gender = 1;
	first = k - 1;
	j = k - 1;
	while (j > 0 && k - j < 4 && t[j - 1].kind == TK_T_WORD && !IN(tk_lx_dets, p, &t[j - 1]) &&
	       !IN(tk_lx_stop, p, &t[j - 1]) && !tk_is_verb(p, &t[j - 1]) &&
	       tk_adjacent(p, &t[j - 1], &t[j])) {
		j--;
		first = j;
	}
	{
		char *r = tk_span_dup(g, p, t[first].s, t[k - 1].e);
		if (!r)
			*err = TK_ENOMEM;
		return r;
	}
}

/* Register the person a chain names (when it looks like one) and return the
 * person index, or -1. */
static int tk_register(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt, size_t a,
		       size_t b, int for_speaker, size_t *after, int *err)
{
	struct tk_split s;
	const char *role = NULL, *app = NULL;
	int idx = -1, gender = 0;
	size_t nlen;

	*err = TK_OK;
	*after = b;
	tk_split_chain(p, t, a, b, &s);
	if (!s.valid || (for_speaker && !tk_name_ok(p, t, s.na, s.nb)))
		return -1;
	/* "the Taliban", "the Islamic State": a determiner before a chain
	 * without a role makes it an organisation, not a person */
	if (s.rb == s.ra && !s.titled && a > 0 && t[a - 1].kind == TK_T_WORD && !t[a - 1].cap &&
	    IN(tk_lx_dets, p, &t[a - 1]) && tk_adjacent(p, &t[a - 1], &t[a]) &&
	    !(for_speaker && (tk_find_full(g, p + t[s.na].s, t[s.nb - 1].e - t[s.na].s) >= 0 ||
			      tk_find_short(g, p + t[s.na].s, t[s.nb - 1].e - t[s.na].s) >= 0)))
		return -1;
	gender = s.gender;
	nlen = t[s.nb - 1].e - t[s.na].s;
	if (s.rb > s.ra) {
		role = tk_span_dup(g, p, t[s.ra].s, t[s.rb - 1].e);
		if (!role) {
			*err = TK_ENOMEM;
			return -1;
		}
	} else {
		role = tk_role_before(g, p, t, a, &gender, err);
		if (*err)
			return -1;
	}
	app = tk_apposition(g, p, t, nt, b, after, &gender, err);
	if (*err)
		return -1;
	if (!app) {
		app = tk_became_role(g, p, t, nt, b, err);
		if (*err)
			return -1;
	}
	if (!role)
		role = app;
	if (s.nb - s.na >= 2) {
		idx = tk_find_full(g, p + t[s.na].s, nlen);
		if (idx < 0 && tk_coordinated(p, t, s.na, s.nb))
			return -1; /* "Bolton and Gorka": two people, neither alone */
		if (idx < 0) {
			if (!for_speaker && !role && !gender && tk_org_chain(p, t, s.na, s.nb))
				return -1;
			idx = tk_add_person(g, p + t[s.na].s, nlen, err);
			if (idx < 0)
				return -1;
			g->p[idx].personlike = role || gender || !tk_org_chain(p, t, s.na, s.nb);
		}
	} else {
		/* "Mr. Park" after "Mrs. Lena Park": a title of the other
		 * gender names someone else */
		idx = tk_find_short_g(g, p + t[s.na].s, nlen, s.gender);
		/* a lone word becomes a new person only as a speaker or with a
		 * title (Mr, Ms, Dr, a role before it), not by an apposition */
		if (idx < 0 && (gender || (role && role != app) || for_speaker)) {
			if (for_speaker && IN(tk_lx_groups, p, &t[s.na]))
				return -1;
			idx = tk_add_person(g, p + t[s.na].s, nlen, err);
			if (idx < 0)
				return -1;
			g->p[idx].personlike = 1;
		}
	}
	if (idx < 0)
		return -1;
	if (role && !g->p[idx].role) {
		g->p[idx].role = role;
		g->p[idx].personlike = 1;
	}
	if (gender && !g->p[idx].gender) {
		g->p[idx].gender = gender;
		g->p[idx].gender_named = 1;
	}
	return idx;
}

/* Is byte offset off of paragraph pi inside a quotation? Quotes are in text
 * order; *cursor walks forward so the whole scan stays linear. */
static int tk_in_quote(const struct tk_qlist *ql, size_t *cursor, size_t pi, size_t off)
{
	while (*cursor < ql->n &&
	       (ql->q[*cursor].para_end < pi ||
		(ql->q[*cursor].para_end == pi && ql->q[*cursor].close_end <= off)))
		(*cursor)++;
	if (*cursor >= ql->n)
		return 0;
	const struct tk_rawquote *q = &ql->q[*cursor];
	if (q->para > pi || (q->para == pi && q->open > off))
		return 0;
	return 1;
}

/* Is the word after a name (and its apposition) a verb, so that the name
 * is a subject ("Airport spokesperson Leo Marchetti said", "Siân Evans,
 * …, praised")? A preposition or a quotation mark after it says no. */
static int tk_verb_follows(const char *p, const struct tk_tok *t, size_t nt, size_t e)
{
	if (e < nt && t[e].kind == TK_T_PUNCT && t[e].punct == ',')
		e++;
	return e < nt && t[e].kind == TK_T_WORD && !t[e].cap && !IN(tk_lx_stop, p, &t[e]) &&
	       !IN(tk_lx_connectors, p, &t[e]) && !IN(tk_lx_dets, p, &t[e]);
}

/* Pass over the text: people mentioned (outside quotes), their roles. */
static int tk_scan_people(struct tk_reg *g, const struct tk_qlist *ql)
{
	const struct tk_article *art = g->art;
	struct tk_tok *t = NULL;
	size_t cap = 0, pi, cursor = 0;
	int err = TK_OK;

	for (pi = 0; pi < art->n_paras; pi++) {
		const char *p = art->paras[pi];
		size_t n = strlen(p), nt, k;

		if (n + 1 > cap) {
			size_t nc = n + 1;
			struct tk_tok *nt2 = tk_realloc(t, nc * sizeof *t);
			if (!nt2) {
				err = TK_ENOMEM;
				goto out;
			}
			t = nt2;
			cap = nc;
		}
		nt = tk_tokenize(p, 0, n, t, cap);
		for (k = 0; k < nt;) {
			size_t e, after;
			int idx;
			if (!tk_is_cap_word(&t[k]) || tk_in_quote(ql, &cursor, pi, t[k].s)) {
				k++;
				continue;
			}
			e = tk_chain_end(p, t, nt, k);
			idx = tk_register(g, p, t, nt, k, e, 0, &after, &err);
			if (err)
				goto out;
			if (idx < 0 && e >= k + 2) {
				/* not a person: remember it as an organisation for "the
				 * agency said" (skipping a sentence-initial "The") */
				size_t a0 = k;
				while (a0 + 1 < e && IN(tk_lx_stop, p, &t[a0]))
					a0++;
				if (e - a0 >= 2) {
					struct tk_org *o = &g->orgs[g->norgs++ % 32];
					o->para = pi;
					o->s = t[a0].s;
					o->e = t[e - 1].e;
					o->last_s = t[e - 1].s;
				}
			}
			if (idx >= 0 && g->p[idx].personlike) {
				err = tk_add_mention(g, pi, t[k].s, idx);
				if (err)
					goto out;
				/* the subject of its sentence ("François Martel, who …, said"),
				 * not the object of a preposition ("sur France Info") */
				g->m[g->nm - 1].subject =
				    k == 0 ||
				    (t[k - 1].kind == TK_T_PUNCT && t[k - 1].punct != ',') ||
				    t[k - 1].kind == TK_T_QMARK || tk_verb_follows(p, t, nt, after);
			}
			k = e > k ? e : k + 1;
		}
	}
out:
	tk_free(t);
	return err;
}

enum { TK_A_NONE, TK_A_NAME, TK_A_PRONOUN, TK_A_DESC, TK_A_ANON };

struct tk_attr {
	int kind;
	int person;
	int gender; /* for pronouns */
	const char *role;
	const char *desc; /* descriptor or group ("a spokesman for the council") */
	size_t pos;	  /* byte offset of the attribution in its paragraph */
	int weak;	  /* found by a loose rule: never shown */
	int group;	  /* desc names a group itself: "Ryan’s office" */
};

/* "Ryan’s office said", "Schumer and Pelosi said": a possessive with its
 * noun or coordinated names speak as a group, not as one person (the
 * coordinated ones only as a guess). Sets at and returns 1. */
static int tk_chain_speaks_as_group(struct tk_reg *g, const char *p, const struct tk_tok *t,
				    size_t nt, size_t k, size_t e, struct tk_attr *at)
{
	const struct tk_tok *l = &t[e - 1];
	size_t n = l->e - l->s, i, end = e;
	int poss = (n > 2 && p[l->e - 2] == '\'' && p[l->e - 1] == 's') ||
		   (n > 4 && !strncmp(p + l->e - 4, "\xE2\x80\x99s", 4));
	int coord = 0;

	for (i = k + 1; i + 1 < e; i++)
		coord |= !t[i].cap && tk_word_eq(p, &t[i], "and");
	if (poss)
		while (end < nt && end - e < 4 && t[end].kind == TK_T_WORD && !t[end].cap &&
		       !tk_is_verb(p, &t[end]) && !IN(tk_lx_adverbs, p, &t[end]))
			end++;
	if (!(poss && end > e) && !coord)
		return 0;
	at->kind = TK_A_DESC;
	at->weak = coord;
	at->group = 1;
	at->pos = t[k].s;
	at->desc = tk_span_dup(g, p, t[k].s, t[end - 1].e);
	return 1;
}

/* "le PDG de la SNCF, Jean-Pierre Farandou", "die Fraktionsvorsitzende der
 * Grünen, Anna Petersen": the role t[d0..k) and a name after its comma. */
static int tk_source_role_name(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
			       size_t d0, size_t k, struct tk_attr *at)
{
	size_t e2, after;
	int err = TK_OK;

	if (!(k + 1 < nt && t[k].kind == TK_T_PUNCT && t[k].punct == ',' &&
	      tk_is_cap_word(&t[k + 1])))
		return TK_OK;
	e2 = tk_chain_end(p, t, nt, k + 1);
	at->person = tk_register(g, p, t, nt, k + 1, e2, 1, &after, &err);
	if (err || at->person < 0)
		return err;
	at->kind = TK_A_NAME;
	at->pos = t[k + 1].s;
	if (!g->p[at->person].role) {
		g->p[at->person].role = tk_span_dup(g, p, t[d0].s, t[k - 1].e);
		if (!g->p[at->person].role)
			return TK_ENOMEM;
	}
	g->p[at->person].personlike = 1;
	return TK_OK;
}

/* No name: "another said" (someone, but not the last speaker again) or a
 * descriptor t[d0..k) ("a spokesman for the council"). */
static int tk_source_desc(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t j,
			  size_t d0, size_t k, int det, int has_role, struct tk_attr *at)
{
	size_t last = k;

	if (det && last == d0 && j + 1 == d0 &&
	    (tk_word_eq(p, &t[j], "another") || tk_word_eq(p, &t[j], "one") ||
	     tk_word_eq(p, &t[j], "others") || tk_word_eq(p, &t[j], "some"))) {
		at->kind = TK_A_ANON;
		at->pos = t[j].s;
		return TK_OK;
	}
	if (last <= d0 || !(has_role || det))
		return TK_OK;
	at->kind = TK_A_DESC;
	while (last > d0 && t[last - 1].kind != TK_T_WORD)
		last--;
	at->desc = tk_span_dup(g, p, t[d0].s, t[last - 1].e);
	at->pos = t[j].s;
	return at->desc ? TK_OK : TK_ENOMEM;
}

/* Name or descriptor starting at token j (after a verb or "according to"):
 * "Blinken", "the minister", "a spokeswoman for the council", "retired
 * teacher Graham Holt", "the company's chief executive, Maria Lopez". */
static int tk_source_at(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
			size_t j, struct tk_attr *at)
{
	int err = TK_OK, det, has_role = 0;
	size_t k, d0, e, after;

	if (j >= nt || t[j].kind != TK_T_WORD)
		return TK_OK;
	if (tk_pronoun(p, &t[j]) && (!t[j].cap || j + 1 >= nt || !tk_is_cap_word(&t[j + 1]))) {
		at->kind = TK_A_PRONOUN;
		at->gender = tk_pronoun(p, &t[j]);
		at->pos = t[j].s;
		return TK_OK;
	}
	det = IN(tk_lx_dets, p, &t[j]) &&
	      !(t[j].cap && j + 1 < nt && !tk_adjacent(p, &t[j], &t[j + 1]));
	d0 = k = det ? j + 1 : j;
	/* lower-case descriptor words */
	while (k < nt && k - d0 < 8 && t[k].kind == TK_T_WORD && !t[k].cap &&
	       !tk_is_verb(p, &t[k]) && (k == d0 || tk_adjacent(p, &t[k - 1], &t[k]))) {
		if (tk_is_role(p, &t[k]) || IN(tk_lx_groups, p, &t[k]))
			has_role = 1;
		k++;
	}
	/* "..., the chief executive, Maria Lopez" */
	if (k > d0 && k + 1 < nt && t[k].kind == TK_T_PUNCT && t[k].punct == ',' &&
	    tk_is_cap_word(&t[k + 1]) && has_role)
		k++;
	if (k < nt && tk_is_cap_word(&t[k]) &&
	    (k == d0 || t[k - 1].kind == TK_T_PUNCT || tk_adjacent(p, &t[k - 1], &t[k]))) {
		e = tk_chain_end(p, t, nt, k);
		/* "US media reports": the chain modifies a noun, it is no name */
		if (k == d0 && e == k + 1 && t[k].upper && e < nt && t[e].kind == TK_T_WORD &&
		    !t[e].cap && !tk_is_verb(p, &t[e]) && !IN(tk_lx_adverbs, p, &t[e]) &&
		    !IN(tk_lx_connectors, p, &t[e]) && tk_adjacent(p, &t[e - 1], &t[e]) &&
		    !tk_is_role(p, &t[e]) && !IN(tk_lx_according, p, &t[e]))
			return TK_OK;
		if (k == d0 && IN(tk_lx_groups, p, &t[k]) && (e == k + 1)) {
			at->kind = TK_A_DESC;
			at->desc = tk_span_dup(g, p, t[k].s, t[k].e);
			at->pos = t[k].s;
			return at->desc ? TK_OK : TK_ENOMEM;
		}
		/* "MSNBC host Chris Matthews": the name after the role words */
		if (e + 1 < nt && t[e].kind == TK_T_WORD && !t[e].cap && tk_is_role(p, &t[e]) &&
		    tk_adjacent(p, &t[e - 1], &t[e])) {
			size_t n2 = e + 1;
			while (n2 < nt && n2 - e < 3 && t[n2].kind == TK_T_WORD && !t[n2].cap)
				n2++;
			if (n2 < nt && tk_is_cap_word(&t[n2])) {
				k = n2;
				e = tk_chain_end(p, t, nt, k);
			}
		}
		if (tk_chain_speaks_as_group(g, p, t, nt, k, e, at))
			return at->desc ? TK_OK : TK_ENOMEM;
		at->person = tk_register(g, p, t, nt, k, e, 1, &after, &err);
		if (err)
			return err;
		if (at->person >= 0) {
			size_t rl = k;
			at->kind = TK_A_NAME;
			at->pos = t[k].s;
			while (rl > d0 && t[rl - 1].kind == TK_T_PUNCT)
				rl--;
			if (rl > d0 && has_role && !g->p[at->person].role) {
				g->p[at->person].role = tk_span_dup(g, p, t[d0].s, t[rl - 1].e);
				if (!g->p[at->person].role)
					return TK_ENOMEM;
			}
			return TK_OK;
		}
		/* German "der Minister": a capitalised role noun */
		if (det || k > d0) {
			size_t q;
			for (q = k; q < e; q++)
				has_role |= tk_is_role(p, &t[q]);
			k = e;
			if (has_role) {
				err = tk_source_role_name(g, p, t, nt, d0, k, at);
				if (err || at->kind)
					return err;
			}
		}
	}
	return tk_source_desc(g, p, t, j, d0, k, det, has_role, at);
}

/* Where the verb stands after a name that opens the words after a quote:
 * past a "(R-Utah)" tag and an apposition ("Maria Lopez, chief executive
 * of Harbor Foods, said"). Returns the token index to test for a verb. */
static size_t tk_after_name(const char *p, const struct tk_tok *t, size_t nt, size_t j)
{
	size_t e = tk_chain_end(p, t, nt, j), after = e;

	if (e + 2 < nt && t[e].kind == TK_T_PUNCT && t[e].punct == '(') {
		size_t c = e + 1;
		while (c < nt && c - e < 8 && !(t[c].kind == TK_T_PUNCT && t[c].punct == ')'))
			c++;
		if (c + 1 < nt && t[c].kind == TK_T_PUNCT)
			after = e = c + 1;
	}
	if (e < nt && t[e].kind == TK_T_PUNCT && t[e].punct == ',') {
		size_t q = e + 1;
		/* the verb after the closing comma, or one that ends an apposition
		 * left open ("Sam Lau, the director of … Party said") */
		while (q < nt && q - e < 24 && !(t[q].kind == TK_T_PUNCT && t[q].punct == ',') &&
		       !(q > e + 2 && t[q - 1].kind == TK_T_WORD && t[q - 1].cap &&
			 tk_is_verb(p, &t[q])))
			q++;
		if (q < nt && t[q].kind == TK_T_WORD)
			after = q;
		else if (q + 1 < nt && tk_is_verb(p, &t[q + 1]))
			after = q + 1;
	}
	return after;
}

/* "he said", "she also said", "dit-il": a pronoun and its verb. 1 when the
 * words start with a pronoun (at set when it is an attribution). */
static int tk_after_pronoun(const char *p, const struct tk_tok *t, size_t nt, size_t j, int period,
			    struct tk_attr *at)
{
	size_t k;

	if (tk_inverted_pronoun(p, &t[j])) { /* dit-il, a-t-elle ajouté */
		at->kind = TK_A_PRONOUN;
		at->gender = tk_inverted_pronoun(p, &t[j]);
		at->pos = t[j].s;
		return 1;
	}
	if (!tk_pronoun(p, &t[j]))
		return 0;
	/* “… ended.” He said the council …: a new sentence about something else */
	if (period && t[j].cap && nt - j > 4)
		return 1;
	for (k = j + 1; k < nt && k <= j + 2; k++) {
		if (tk_is_verb(p, &t[k])) {
			at->kind = TK_A_PRONOUN;
			at->gender = tk_pronoun(p, &t[j]);
			at->pos = t[j].s;
			return 1;
		}
		if (!IN(tk_lx_adverbs, p, &t[k]))
			break;
	}
	return 1;
}

/* "said Blinken", "a déclaré le ministre", "sagte Müller", "so Müller",
 * Spanish "dijo." with no subject. 1 when the words open with a verb. */
static int tk_after_verb_first(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
			       size_t j, struct tk_attr *at, int *err)
{
	size_t k = j, s;

	if (k + 1 < nt && IN(tk_lx_adverbs, p, &t[k]) && tk_is_verb(p, &t[k + 1]))
		k++;
	if (!tk_is_verb(p, &t[k]) && !IN(tk_lx_according, p, &t[k]))
		return 0;
	/* "“…,” adding that Trump …": an -ing verb has no subject after it */
	if (t[k].e - t[k].s > 4 && !memcmp(p + t[k].e - 3, "ing", 3))
		return 0;
	s = k + 1;
	while (s < nt && t[s].kind == TK_T_WORD &&
	       (tk_is_verb(p, &t[s]) || tk_word_eq(p, &t[s], "hinzu")))
		s++;
	if (tk_is_verb(p, &t[k]) && (s >= nt || t[s].kind == TK_T_PUNCT)) {
		at->kind = TK_A_PRONOUN; /* the latest person */
		at->gender = 0;
		at->pos = t[k].s;
		return 1;
	}
	*err = tk_source_at(g, p, t, nt, s, at);
	return 1;
}

/* "Blinken said", "US Secretary of State Anthony Blinken said", "Maria
 * Lopez, chief executive of Harbor Foods, said", "the minister said". */
static int tk_after_name_verb(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
			      size_t j, struct tk_attr *at)
{
	struct tk_attr tmp = {0};
	size_t e, after;
	int err;

	if (!(tk_is_cap_word(&t[j]) || IN(tk_lx_dets, p, &t[j]) || IN(tk_lx_groups, p, &t[j]) ||
	      tk_is_role(p, &t[j]) || (j + 1 < nt && tk_is_role(p, &t[j + 1]))))
		return TK_OK;
	tmp.person = -1;
	if (tk_is_cap_word(&t[j])) {
		after = tk_after_name(p, t, nt, j);
	} else {
		for (e = j + 1;
		     e < nt && e - j < 10 && !tk_is_verb(p, &t[e]) && t[e].kind == TK_T_WORD; e++)
			;
		after = e;
	}
	if (after + 1 < nt && IN(tk_lx_adverbs, p, &t[after]) && tk_is_verb(p, &t[after + 1]))
		after++;
	if (after >= nt || !tk_is_verb(p, &t[after]))
		return TK_OK;
	err = tk_source_at(g, p, t, after, j, &tmp);
	if (!err && tmp.kind)
		*at = tmp;
	return err;
}

/* Attribution in the words right after the closing mark, up to the next
 * mark or the end of the sentence. */
static int tk_attr_after(struct tk_reg *g, const char *p, size_t from, size_t to, int period,
			 struct tk_attr *at)
{
	struct tk_tok t[TK_WIN];
	size_t nt = tk_tokenize(p, from, to, t, TK_WIN), j = 0, k;
	int err = TK_OK;

	for (k = 0; k < nt; k++) {
		if (t[k].kind == TK_T_QMARK)
			break;
		if (t[k].kind == TK_T_PUNCT &&
		    (t[k].punct == '.' || t[k].punct == '!' || t[k].punct == '?') &&
		    tk_is_sentence_end(p, to, t[k].s))
			break;
	}
	nt = k;
	while (j < nt && t[j].kind == TK_T_PUNCT && (t[j].punct == ',' || t[j].punct == '-'))
		j++;
	if (j >= nt)
		return TK_OK;
	/* "“…” ― Pamela Padilla": a dash and a name ending the paragraph */
	if (j > 0 && t[j - 1].kind == TK_T_PUNCT && t[j - 1].punct == '-' &&
	    tk_is_cap_word(&t[j]) && !tk_pronoun(p, &t[j])) {
		size_t e = tk_chain_end(p, t, nt, j);
		if (e == nt || (t[e].kind == TK_T_PUNCT && t[e].punct == ','))
			return tk_source_at(g, p, t, nt, j, at);
	}
	if (tk_after_pronoun(p, t, nt, j, period, at) ||
	    tk_after_verb_first(g, p, t, nt, j, at, &err))
		return err;
	for (k = j; k + 2 < nt && k < j + 12; k++) { /* according to X */
		if (tk_word_eq(p, &t[k], "according") && tk_word_eq(p, &t[k + 1], "to")) {
			err = tk_source_at(g, p, t, nt, k + 2, at);
			if (err || at->kind)
				return err;
		}
	}
	err = tk_after_name_verb(g, p, t, nt, j, at);
	if (err || at->kind)
		return err;
	/* "“…” yet in the glass ceiling, she said in a video": ", he said" or
	 * ", Reid said" closing the quote's sentence */
	for (k = j + 1; k + 2 < nt; k++) {
		if (t[k].kind != TK_T_PUNCT || t[k].punct != ',')
			continue;
		if (tk_after_pronoun(p, t, nt, k + 1, 0, at) && at->kind)
			return TK_OK;
		if (tk_is_cap_word(&t[k + 1]) && !IN(tk_lx_stop, p, &t[k + 1])) {
			size_t v = tk_after_name(p, t, nt, k + 1);
			if (v < nt && tk_is_verb(p, &t[v]) &&
			    (v + 1 == nt || t[v + 1].kind == TK_T_PUNCT || !t[v + 1].cap))
				return tk_source_at(g, p, t, v, k + 1, at);
		}
	}
	/* "NFU deputy president Tom Bradshaw said": the name right before a
	 * verb a few words on */
	for (k = j + 1; k < nt && k < j + 10; k++) {
		if (t[k].kind == TK_T_PUNCT && t[k].punct != ',')
			break;
		if (tk_is_verb(p, &t[k])) {
			size_t e = k, a;
			if (e > j && IN(tk_lx_adverbs, p, &t[e - 1]))
				e--;
			if (e <= j || !tk_is_cap_word(&t[e - 1]))
				break;
			a = tk_chain_start(p, t, e);
			return tk_source_at(g, p, t, e, a < j ? j : a, at);
		}
	}
	return TK_OK;
}

/* Attribution in the words before the opening mark ("Blinken added: “"). */
static int tk_attr_before_verb(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t m,
			       int colon, struct tk_attr *at);

static int tk_attr_subject(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t v,
			   struct tk_attr *at);

static int tk_attr_before(struct tk_reg *g, const char *p, size_t from, size_t to,
			  struct tk_attr *at)
{
	struct tk_tok t[TK_WIN];
	size_t nt, k, m;
	int err = TK_OK, colon = 0;

	/* begin at the start of the sentence the quote opens in */
	for (k = to; k > from; k--) {
		/* an apostrophe inside a word (l'adjoint, don't) is no mark */
		if (tk_is_sentence_end(p, to, k - 1) ||
		    (tk_is_qmark((unsigned char)p[k - 1]) &&
		     !(p[k - 1] == '\'' && k >= 2 && k < to &&
		       tk_is_letter((unsigned char)p[k - 2]) &&
		       tk_is_letter((unsigned char)p[k]))) ||
		    ((unsigned char)p[k - 1] >= 0x80 && k >= 3 &&
		     ((unsigned char)p[k - 1] == 0x9D || (unsigned char)p[k - 1] == 0xBB) &&
		     ((unsigned char)p[k - 2] == 0x80 || (unsigned char)p[k - 2] == 0xC2)))
			break;
	}
	from = k;
	nt = tk_tokenize(p, from, to, t, TK_WIN);
	if (nt == TK_WIN)
		return TK_OK; /* a long run-in: not an attribution */
	m = nt;
	while (m > 0 && t[m - 1].kind == TK_T_PUNCT &&
	       (t[m - 1].punct == ':' || t[m - 1].punct == ',' || t[m - 1].punct == '-')) {
		colon |= t[m - 1].punct == ':';
		m--;
	}
	if (m == 0)
		return TK_OK;
	err = tk_attr_before_verb(g, p, t, m, colon, at);
	if (err || at->kind)
		return err;
	/* according to X, “…” / selon X, « … » */
	for (k = 0; k + 1 < m && k < 4; k++) {
		if ((tk_word_eq(p, &t[k], "according") && tk_word_eq(p, &t[k + 1], "to")) ||
		    tk_word_eq(p, &t[k], "selon") || tk_word_eq(p, &t[k], "laut") ||
		    tk_word_eq(p, &t[k], "según")) {
			size_t s = tk_word_eq(p, &t[k], "according") ? k + 2 : k + 1;
			err = tk_source_at(g, p, t, m, s, at);
			if (err || at->kind)
				return err;
		}
	}
	return TK_OK;
}

/* "telling Stephanopoulos", "told Reuters", "asked Kim": the name after
 * these verbs (and after any -ing form) is who was addressed. */
static int tk_addressing(const char *p, const struct tk_tok *v)
{
	return (v->e - v->s > 4 && !memcmp(p + v->e - 3, "ing", 3)) || tk_word_eq(p, v, "told") ||
	       tk_word_eq(p, v, "tells") || tk_word_eq(p, v, "asked") || tk_word_eq(p, v, "asks");
}

static int tk_attr_before_verb(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t m,
			       int colon, struct tk_attr *at)
{
	size_t v;

	/* the verb: the last one within a few words of the mark */
	for (v = m; v-- > 0 && m - v <= 6;) {
		if (tk_is_verb(p, &t[v]))
			break;
		if (t[v].kind == TK_T_PUNCT && t[v].punct != ',') {
			if (!colon)
				return TK_OK;
			v = (size_t)-1; /* "… - Philip Bump: “…”" */
			break;
		}
	}
	if (v == (size_t)-1 || m - v > 6 || !tk_is_verb(p, &t[v])) {
		/* transcript style "Blinken: “…”" */
		if (colon && tk_is_cap_word(&t[m - 1])) {
			size_t a = tk_chain_start(p, t, m);
			if (a == 0 || t[a - 1].kind == TK_T_PUNCT || tk_is_role(p, &t[a - 1]))
				return tk_source_at(g, p, t, m, a, at); /* "pollster Daron Shaw:" */
		}
		/* "Meier wies das zurück:": a known person opening the sentence */
		if (colon && m <= 10 && tk_is_cap_word(&t[0])) {
			size_t e = tk_chain_end(p, t, m, 0);
			struct tk_split sp;
			tk_split_chain(p, t, 0, e, &sp);
			if (sp.valid &&
			    (tk_find_full(g, p + t[sp.na].s, t[sp.nb - 1].e - t[sp.na].s) >= 0 ||
			     tk_find_short(g, p + t[sp.na].s, t[sp.nb - 1].e - t[sp.na].s) >= 0))
				return tk_source_at(g, p, t, e, 0, at);
		}
		return TK_OK;
	}
	/* words between verb and mark must be an object ("reporters", "in a
	 * statement"), unless a colon or comma makes it clear */
	if (m - v > 3 && !colon)
		return TK_OK;
	/* "But, said Solovey, “…”": the name after the verb */
	if (v + 1 < m && tk_is_cap_word(&t[v + 1]) && (v == 0 || t[v - 1].kind == TK_T_PUNCT) &&
	    !tk_pronoun(p, &t[v + 1]) && !tk_addressing(p, &t[v])) {
		int err = tk_source_at(g, p, t, m, v + 1, at);
		if (err || at->kind)
			return err;
	}
	return tk_attr_subject(g, p, t, v, at);
}

/* A lower-case word in -ly ("reportedly", "angrily"): an adverb. */
static int tk_ly_adverb(const char *p, const struct tk_tok *t)
{
	return t->kind == TK_T_WORD && !t->cap && t->e - t->s > 4 && p[t->e - 2] == 'l' &&
	       p[t->e - 1] == 'y';
}

/* The subject of the reporting verb t[v]: "she (also) said", "Blinken
 * said", "Maria Lopez, chief executive of …, said", "the minister said". */
static int tk_attr_subject(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t v,
			   struct tk_attr *at)
{
	size_t k = v;

	/* "she also said", "Trump reportedly said", "Cruz gingerly said" */
	while (k > 0 && (IN(tk_lx_adverbs, p, &t[k - 1]) || tk_ly_adverb(p, &t[k - 1])))
		k--;
	if (k >= 2 && t[k - 1].kind == TK_T_PUNCT && t[k - 1].punct == ',' &&
	    t[k - 2].kind == TK_T_PUNCT && t[k - 2].punct == ')')
		k--; /* "Rep. Ann Cole (D-Ohio), said" */
	if (k >= 3 && t[k - 1].kind == TK_T_PUNCT && t[k - 1].punct == ')') {
		size_t o = k - 1;
		while (o > 0 && k - o < 8 && !(t[o].kind == TK_T_PUNCT && t[o].punct == '('))
			o--;
		if (t[o].kind == TK_T_PUNCT && t[o].punct == '(' && o > 0 &&
		    tk_is_cap_word(&t[o - 1])) {
			size_t a = tk_chain_start(p, t, o);
			return tk_source_at(g, p, t, o, a, at);
		}
	}
	if (k == 0)
		return TK_OK;
	if (tk_pronoun(p, &t[k - 1])) {
		at->kind = TK_A_PRONOUN;
		at->gender = tk_pronoun(p, &t[k - 1]);
		at->pos = t[k - 1].s;
		return TK_OK;
	}
	if (tk_is_cap_word(&t[k - 1])) {
		size_t a = tk_chain_start(p, t, k);
		return tk_source_at(g, p, t, k, a, at);
	}
	if (t[k - 1].kind == TK_T_PUNCT && t[k - 1].punct == ',') {
		/* "Maria Lopez, chief executive of Harbor Foods, said:" */
		size_t q = k - 1, e;
		while (q > 0 && k - q < 24 &&
		       !(t[q - 1].kind == TK_T_PUNCT && t[q - 1].punct == ','))
			q--;
		e = q >= 1 ? q - 1 : 0;
		/* "Luis Ortega Jr., a retired engineer, said" */
		if (e >= 2 && t[e - 1].kind == TK_T_PUNCT && t[e - 1].punct == '.' &&
		    (tk_word_eq(p, &t[e - 2], "jr") || tk_word_eq(p, &t[e - 2], "sr")))
			e--;
		if (e >= 1 && tk_is_cap_word(&t[e - 1])) {
			size_t a = tk_chain_start(p, t, e);
			return tk_source_at(g, p, t, k, a, at);
		}
		return TK_OK;
	}
	/* the minister said: (not "… her post and said", not "a statement
	 * saying": there the sentence's subject speaks) */
	if (t[v].e - t[v].s > 4 && !memcmp(p + t[v].e - 3, "ing", 3))
		return TK_OK;
	for (v = k; v-- > 0 && k - v <= 8;) {
		if (t[v].kind != TK_T_WORD || tk_word_eq(p, &t[v], "and") ||
		    tk_word_eq(p, &t[v], "but") || tk_word_eq(p, &t[v], "or"))
			break;
		if (IN(tk_lx_dets, p, &t[v]) || IN(tk_lx_groups, p, &t[v]))
			return tk_source_at(g, p, t, k, v, at);
	}
	return TK_OK;
}

/* A name or pronoun opening a clause and followed by a lower-case word (its
 * verb), past an apposition or a "(D-Ohio)" tag: "Obama described the
 * attack as “…”", "At the debate, Clinton blamed the “…”". */
static int tk_clause_subject(struct tk_reg *g, const char *p, const struct tk_tok *t, size_t nt,
			     size_t k, struct tk_attr *at)
{
	size_t e, n;

	if (tk_pronoun(p, &t[k]) && (k == 0 || t[k - 1].kind == TK_T_PUNCT) && k + 1 < nt &&
	    t[k + 1].kind == TK_T_WORD && !t[k + 1].cap) {
		at->kind = TK_A_PRONOUN;
		at->gender = tk_pronoun(p, &t[k]);
		at->pos = t[k].s;
		return TK_OK;
	}
	if (!tk_is_cap_word(&t[k]) || IN(tk_lx_stop, p, &t[k]) ||
	    (k > 0 && t[k - 1].kind == TK_T_WORD && !IN(tk_lx_stop, p, &t[k - 1])))
		return TK_OK;
	e = tk_chain_end(p, t, nt, k);
	/* "Resort manager Ines Duarte spoke": the name after the role */
	if (e + 1 < nt && t[e].kind == TK_T_WORD && !t[e].cap && tk_is_role(p, &t[e]) &&
	    tk_is_cap_word(&t[e + 1])) {
		k = e;
		e = tk_chain_end(p, t, nt, e + 1);
	}
	n = e;
	if (n < nt && t[n].kind == TK_T_PUNCT && t[n].punct == '(') { /* (D-Ohio) */
		size_t c = n + 1;
		while (c < nt && c - n < 8 && !(t[c].kind == TK_T_PUNCT && t[c].punct == ')'))
			c++;
		if (c < nt && t[c].kind == TK_T_PUNCT)
			n = c + 1;
	}
	if (n < nt && t[n].kind == TK_T_PUNCT && t[n].punct == ',') {
		size_t q = n + 1;
		while (q < nt && q - n < 16 && !(t[q].kind == TK_T_PUNCT && t[q].punct == ','))
			q++;
		n = q + 1;
	}
	while (n < nt && IN(tk_lx_adverbs, p, &t[n]))
		n++;
	if (n >= nt || t[n].kind != TK_T_WORD || t[n].cap || IN(tk_lx_connectors, p, &t[n]) ||
	    IN(tk_lx_dets, p, &t[n]))
		return TK_OK;
	return tk_source_at(g, p, t, n, k, at);
}

/* "Trump told Newsmax that …, adding, “…”", "Cruz describes himself as “…”":
 * nothing next to the mark; the speaker is the subject of the sentence's
 * first reporting verb (outside quotations) that has one, else the name
 * that opens one of its clauses. */
static int tk_attr_sentence(struct tk_reg *g, const char *p, size_t to, struct tk_attr *at)
{
	struct tk_tok t[TK_WIN];
	size_t from = to > 320 ? to - 320 : 0, nt, k;
	int inq = 0, err = TK_OK;

	for (k = to; k > from; k--)
		if (tk_is_sentence_end(p, to, k - 1))
			break;
	nt = tk_tokenize(p, k, to, t, TK_WIN);
	if (nt == TK_WIN)
		return TK_OK;
	for (k = 1; k < nt && !err && !at->kind; k++) {
		if (t[k].kind == TK_T_QMARK)
			inq = !inq;
		else if (!inq && t[k].kind == TK_T_WORD && t[k].e - t[k].s > 2 && !t[k].cap &&
			 (tk_is_verb(p, &t[k]) || IN(tk_lx_quote_verbs, p, &t[k])))
			err = tk_attr_subject(g, p, t, k, at);
	}
	if (at->kind)
		return err;
	for (k = 0, inq = 0; k < nt && !err && !at->kind; k++) {
		if (t[k].kind == TK_T_QMARK)
			inq = !inq;
		else if (!inq)
			err = tk_clause_subject(g, p, t, nt, k, at);
		at->weak = 1;
	}
	if (at->kind == TK_A_DESC)
		memset(at, 0, sizeof *at); /* "the city" opening a clause is no speaker */
	return err;
}

/* Quoted words inside someone else's sentence ("called it “…”", "said
 * that “…”"): lower-case, or opened after a word and not a sentence. */
static int tk_is_partial(const char *p, const struct tk_rawquote *q)
{
	unsigned char before = q->open > 0 ? (unsigned char)p[q->open - 1] : 0;

	return (q->text[0] >= 'a' && q->text[0] <= 'z') ||
	       (!q->terminal && !q->at_start && !q->after_colon && !q->after_sentence &&
		before == ' ');
}

/* Scare quotes, titles and fragments: rejected (1), kept (0). Sets partial
 * for a quotation inside someone else's sentence ("called it “…”"). */
static int tk_is_scare(const char *p, struct tk_rawquote *q, int attributed)
{
	const char *t = q->text;
	size_t words = q->words, capw = 0, i;
	int lower_start = t[0] >= 'a' && t[0] <= 'z';

	/* “gobsmacked”, “three-peat”: a word or two is a term, said or not */
	if (words < 2 || (words < 3 && ((!q->terminal && !q->comma_end) || lower_start)))
		return 1;
	for (i = 0; t[i]; i++)
		if ((i == 0 || t[i - 1] == ' ') &&
		    ((t[i] >= 'A' && t[i] <= 'Z') || (unsigned char)t[i] >= 0xC0))
			capw++;
	if (!q->terminal && words <= 8 && capw * 10 >= words * 7)
		return 1; /* Title Case: a book, a show, a sign */
	if (!q->closed && words < 4)
		return 1;
	q->partial = (unsigned)tk_is_partial(p, q);
	if (attributed)
		return 0;
	if (!q->closed && lower_start)
		return 1;
	if (!q->terminal && !q->comma_end && words <= 6 && !q->partial)
		return 1;
	return 0;
}

/* One pass of attribution: the people register and, per quote, what was
 * found next to it, then the choice. */
struct tk_sa {
	const struct tk_article *art;
	struct tk_arena *a;
	struct tk_qlist *ql;
	struct tk_reg *g;
	struct tk_attr *at; /* per quote */
	size_t *plen;	    /* paragraph lengths */
};

/* Does the quote follow ", saying" / ", adding:" (an -ing reporting verb)? */
static int tk_after_ing(const char *p, size_t open)
{
	struct tk_tok t[4];
	size_t from = open > 24 ? open - 24 : 0, nt, v;

	nt = tk_tokenize(p, from, open, t, 4);
	if (nt == 4 && from > 0)
		return 0;
	v = nt;
	if (v > 0 && t[v - 1].kind == TK_T_PUNCT &&
	    (t[v - 1].punct == ':' || t[v - 1].punct == ','))
		v--;
	return v >= 2 && tk_is_verb(p, &t[v - 1]) && t[v - 1].e - t[v - 1].s > 4 &&
	       !strncmp(p + t[v - 1].e - 3, "ing", 3) && t[v - 2].kind == TK_T_PUNCT &&
	       t[v - 2].punct == ',';
}

/* Someone named before the quote in its own paragraph (outside quotes)? */
static int tk_sa_named_in_para(const struct tk_sa *s, const struct tk_rawquote *q)
{
	size_t lo = 0, hi = s->g->nm;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tk_mention_before(&s->g->m[mid], q->para, q->open))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && s->g->m[lo - 1].para == q->para;
}

/* Candidates: the attribution in the words after the quote, else before it,
 * else in the paragraph before that ends with a colon, else the subject of
 * the quote's sentence. */
static int tk_sa_candidates(struct tk_sa *s, size_t i)
{
	const struct tk_article *art = s->art;
	struct tk_rawquote *q = &s->ql->q[i];
	struct tk_attr *at = &s->at[i];
	const char *pe = art->paras[q->para_end], *ps = art->paras[q->para];
	size_t ne = s->plen[q->para_end], to = q->close_end + 240 < ne ? q->close_end + 240 : ne;
	size_t from;
	int err = TK_OK;

	at->person = -1;
	if (i + 1 < s->ql->n && s->ql->q[i + 1].para == q->para_end && s->ql->q[i + 1].open < to)
		to = s->ql->q[i + 1].open;
	/* a partial quote belongs to its own sentence's speaker first ("X
	 * asserted that “…” Clinton said …" is X's) */
	if (tk_is_partial(ps, q) && q->para == q->para_end) {
		err = tk_attr_before(s->g, ps, q->open > 240 ? q->open - 240 : 0, q->open, at);
		if (!err && !at->kind)
			err = tk_attr_sentence(s->g, ps, q->open, at);
		if (err || (at->kind && !at->weak))
			return err;
		memset(at, 0, sizeof *at);
		at->person = -1;
	}
	/* closed, or cut before an embedded ", said X" */
	if (q->closed || q->close_end < ne) {
		size_t tl = strlen(q->text);
		err = tk_attr_after(s->g, pe, q->close_end, to, tl && q->text[tl - 1] == '.', at);
		if (err || at->kind)
			return err;
	}
	from = q->open > 240 ? q->open - 240 : 0;
	if (i > 0 && s->ql->q[i - 1].para_end == q->para && s->ql->q[i - 1].close_end > from)
		from = s->ql->q[i - 1].close_end;
	memset(at, 0, sizeof *at);
	at->person = -1;
	err = tk_attr_before(s->g, ps, from, q->open, at);
	if (err || at->kind)
		return err;
	/* "In her farewell speech she said:" ending the paragraph before */
	if (q->at_start && q->para > 0) {
		const char *pp = art->paras[q->para - 1];
		size_t pl = s->plen[q->para - 1];
		if (pl > 0 && pp[pl - 1] == ':') {
			err = tk_attr_before(s->g, pp, pl > 240 ? pl - 240 : 0, pl, at);
			if (!err && !at->kind) /* "He told his audience, to applause:" */
				err = tk_attr_sentence(s->g, pp, pl - 1, at);
			if (err || at->kind)
				return err;
		}
	}
	if (!q->at_start) {
		err = tk_attr_sentence(s->g, ps, q->open, at);
		/* ", saying “…”": the sentence's subject is the speaker for sure */
		if (at->weak && tk_after_ing(ps, q->open))
			at->weak = 0;
	}
	/* "Rep. Ann Cole said she would ask for help. “No town …”": the
	 * reporting verb of the sentence before, in the same paragraph */
	if (!err && !at->kind && q->after_sentence && !q->at_start) {
		size_t e = q->open;
		while (e > 0 && ps[e - 1] == ' ')
			e--;
		if (e > 1 && !(i > 0 && s->ql->q[i - 1].para_end == q->para) &&
		    (!(i > 0 && s->ql->q[i - 1].para_end + 1 == q->para) ||
		     tk_sa_named_in_para(s, q)))
			err = tk_attr_sentence(s->g, ps, e - 1, at);
	}
	return err;
}

/* “We were not the best team on paper,” she said, “but we were …”: the second
 * half joins the first only across exactly ", X said," with no other
 * speaker of its own. */
static int tk_sa_join(struct tk_sa *s, size_t i)
{
	struct tk_rawquote *q = &s->ql->q[i], *pq = &s->ql->q[i - 1];
	const char *p = s->art->paras[q->para];
	unsigned char c0 = (unsigned char)q->text[0];
	size_t l1, l2, k, words = 0, gap;
	char *m;

	if (!(c0 >= 'a' && c0 <= 'z') || pq->rejected || !pq->closed || pq->para_end != q->para ||
	    q->open < pq->close_end || !pq->comma_end || !s->at[i - 1].kind)
		return TK_OK;
	if (s->at[i].kind &&
	    (s->at[i].kind != s->at[i - 1].kind || s->at[i].person != s->at[i - 1].person))
		return TK_OK;
	gap = q->open - pq->close_end;
	if (gap > 80)
		return TK_OK;
	/* the words between: an attribution ending in a comma, nothing else */
	for (k = pq->close_end; k < q->open; k++) {
		if (strchr(".;:!?()", p[k]))
			return TK_OK;
		if (p[k] != ' ' && (k == pq->close_end || p[k - 1] == ' '))
			words++;
	}
	k = q->open;
	while (k > pq->close_end && p[k - 1] == ' ')
		k--;
	if (words > 7 || k == pq->close_end || p[k - 1] != ',')
		return TK_OK;
	l1 = strlen(pq->text);
	l2 = strlen(q->text);
	m = tk_arena_alloc(s->a, l1 + l2 + 3);
	if (!m)
		return TK_ENOMEM;
	memcpy(m, pq->text, l1);
	memcpy(m + l1, ", ", 2);
	memcpy(m + l1 + 2, q->text, l2 + 1);
	pq->text = m;
	pq->words += q->words;
	pq->terminal = q->terminal;
	pq->comma_end = q->comma_end;
	q->rejected = 1;
	return TK_OK;
}

/* "she said": the most recent fitting person before the quote; someone the
 * article marked with that gender (Mrs, Frau, spokeswoman) beats a nearer
 * person of unknown gender. Returns the person or -1; *weak when only the
 * loosest rule found one. */
static int tk_sa_pronoun(struct tk_sa *s, size_t i, int last_person, int *weak)
{
	const struct tk_rawquote *q = &s->ql->q[i];
	struct tk_reg *g = s->g;
	int gender = s->at[i].gender, best = -1, strong;

	const struct tk_mention *bp = NULL;

	*weak = 0;
	for (strong = 2; strong >= 0 && best < 0; strong--) {
		bp = NULL;
		if (strong == 2 && gender != 1 && gender != 2)
			continue;
		tk_latest_fitting(g, g->m, g->nm, q->para, q->open, gender, strong, &best, &bp);
		tk_latest_fitting(g, g->am, g->nam, q->para, q->open, gender, strong, &best, &bp);
		*weak = strong == 0;
	}
	/* the article's current speaker beats someone mentioned in passing (not
	 * the subject of a sentence, never quoted): "proposed by a former
	 * councillor, Anna Berg" */
	if (best >= 0 && last_person >= 0 && best != last_person && bp && !bp->subject &&
	    !g->p[best].quoted && tk_gender_ok(g->p[last_person].gender, gender) &&
	    !(gender && g->p[best].gender_named && g->p[best].gender == gender &&
	      g->p[last_person].gender != gender)) {
		best = last_person;
		*weak = 0;
	}
	if (best < 0 && last_person >= 0 && tk_gender_ok(g->p[last_person].gender, gender)) {
		best = last_person;
		*weak = 1;
	}
	if (best >= 0 && (gender == 1 || gender == 2) && !g->p[best].gender)
		g->p[best].gender = gender;
	return best;
}

/* Does text contain word w (case-insensitive) ending a word ("president"
 * is not in "presidential nominee", "minister" is in "Gesundheitsminister")? */
static int tk_has_word(const char *text, const char *w)
{
	size_t n = strlen(w);
	const char *h = text;

	while ((h = strcasestr(h, w)) != NULL) {
		unsigned char a = (unsigned char)h[n];
		/* the word may close a compound ("Gesundheitsminister") */
		if (!((a | 0x20) >= 'a' && (a | 0x20) <= 'z') && a < 0x80)
			return 1;
		h++;
	}
	return 0;
}

/* A descriptor nobody named: it speaks itself, capitalised for the screen
 * ("— Hospital spokesperson"); a long one is only a guess. */
static int tk_sa_desc_speaker(struct tk_sa *s, struct tk_rawquote *q, const char *d)
{
	char *sp;
	size_t i, words = 1, nt;
	struct tk_tok t[8];
	int who = 0;

	/* only a descriptor whose words say who speaks: a role, a group, an
	 * organisation or a source noun ("the newspaper", "the report") */
	nt = tk_tokenize(d, 0, strlen(d), t, 8);
	for (i = 0; i < nt && !who; i++)
		who = t[i].kind == TK_T_WORD &&
		      (tk_is_role(d, &t[i]) || IN(tk_lx_groups, d, &t[i]) ||
		       IN(tk_lx_org, d, &t[i]) || IN(tk_lx_source_nouns, d, &t[i]));
	for (i = 0; i < nt && !who; i++)
		who = tk_is_cap_word(&t[i]) && q->doubtful; /* "Schumer and Pelosi", a guess */
	for (i = 0; i < nt && !who; i++)
		who = tk_is_cap_word(&t[i]) && strstr(d, "s ") != NULL; /* "Ryan’s office" */
	if (!who || nt == 8)
		return TK_OK;
	sp = tk_arena_strndup(s->a, d, strlen(d));
	if (!sp)
		return TK_ENOMEM;
	if (sp[0] >= 'a' && sp[0] <= 'z')
		sp[0] = (char)(sp[0] - 32);
	for (i = 0; sp[i]; i++)
		words += sp[i] == ' ';
	q->speaker = sp;
	q->role = NULL;
	q->doubtful |= (unsigned)(words > 5);
	return TK_OK;
}

/* "the newspaper wrote": the last news outlet named before the quote, else
 * the descriptor speaks itself. */
static int tk_sa_outlet(struct tk_sa *s, struct tk_rawquote *q, const char *d)
{
	const struct tk_reg *g = s->g;
	size_t o, cnt = g->norgs < 32 ? g->norgs : 32;

	for (o = 0; o < cnt; o++) {
		const struct tk_org *og = &g->orgs[(g->norgs - 1 - o) % 32];
		const char *op = s->art->paras[og->para];
		struct tk_tok t[12];
		size_t nt, k;
		if (og->para > q->para || (og->para == q->para && og->s > q->open))
			continue;
		nt = tk_tokenize(op, og->s, og->e, t, 12);
		for (k = 0; k < nt; k++)
			if (IN(tk_lx_media, op, &t[k])) {
				q->speaker = tk_arena_strndup(s->a, op + og->s, og->e - og->s);
				return q->speaker ? TK_OK : TK_ENOMEM;
			}
	}
	return tk_sa_desc_speaker(s, q, d);
}

/* "the minister said": a person named earlier with that role, else "the
 * agency said": the last organisation whose name ends with that word, else
 * the descriptor itself speaks ("Hospital spokesperson"). */
static int tk_sa_descriptor(struct tk_sa *s, size_t i)
{
	struct tk_rawquote *q = &s->ql->q[i];
	struct tk_reg *g = s->g;
	const char *d = s->at[i].desc, *head = d;
	char hw[48];
	struct tk_tok dt[16];
	size_t dn = tk_tokenize(d, 0, strlen(d), dt, 16), x, k;

	if (s->at[i].group)
		return tk_sa_desc_speaker(s, q, d); /* "Ryan’s office" names itself */
	/* the descriptor's role word ("maire" in "maire devant le conseil") */
	for (x = 0; x < dn; x++)
		if (tk_is_role(d, &dt[x]) && dt[x].e - dt[x].s < sizeof hw) {
			size_t off = (d[dt[x].s + 1] == '\'') ? 2 : 0;
			memcpy(hw, d + dt[x].s + off, dt[x].e - dt[x].s - off);
			hw[dt[x].e - dt[x].s - off] = '\0';
			head = hw;
			break;
		}
	if (head == d) {
		const char *sp = strrchr(d, ' ');
		head = sp ? sp + 1 : d;
	}
	/* "the mayor" is the person last given that role; "the opposition
	 * leader" is not the "council leader": several words must all match */
	if (dn > 1 && x + 1 == dn && head != d)
		head = d;
	for (k = g->n; k-- > 0 && strlen(head) >= 3;) {
		if (g->p[k].role && tk_has_word(g->p[k].role, head)) {
			q->person = (int)k;
			q->speaker = g->p[k].name;
			q->role = g->p[k].role;
			return TK_OK;
		}
	}
	if (dn == 1 && IN(tk_lx_media_nouns, d, &dt[0]))
		return tk_sa_outlet(s, q, d);
	if (!strchr(d, ' ')) {
		size_t o, cnt = g->norgs < 32 ? g->norgs : 32, hl = strlen(d);
		for (o = 0; o < cnt; o++) {
			const struct tk_org *og = &g->orgs[(g->norgs - 1 - o) % 32];
			const char *op = s->art->paras[og->para];
			if (og->para > q->para || (og->para == q->para && og->s > q->open))
				continue;
			if (og->e - og->last_s == hl && !strncasecmp(op + og->last_s, d, hl)) {
				q->speaker = tk_arena_strndup(s->a, op + og->s, og->e - og->s);
				return q->speaker ? TK_OK : TK_ENOMEM;
			}
		}
	}
	q->role = d;
	return tk_sa_desc_speaker(s, q, d);
}

/* Another person named (outside quotations) between quote j's end and quote
 * i's start? Then a follow-on quote is not j's speaker's. */
static int tk_sa_named_between(const struct tk_sa *s, size_t j, size_t i, int person)
{
	const struct tk_rawquote *a = &s->ql->q[j], *b = &s->ql->q[i];
	size_t k;

	for (k = 0; k < s->g->nm; k++) {
		const struct tk_mention *m = &s->g->m[k];
		if (!tk_mention_before(m, b->para, b->open))
			break;
		/* the rest of j's paragraph is its own attribution ("said Tom
		 * Akers, an analyst at Northbridge") */
		if (m->para <= a->para_end)
			continue;
		if (m->person != person && s->g->p[m->person].personlike)
			return 1;
	}
	return 0;
}

/* Choice: pronouns and descriptors resolved; a quote with nothing next to it
 * continues the previous quote's speaker in the same or next paragraph, or
 * two on when it is a paragraph of its own, unless another person was
 * named in between. */
static int tk_sa_choose(struct tk_sa *s)
{
	struct tk_qlist *ql = s->ql;
	struct tk_reg *g = s->g;
	size_t i, last = (size_t)-1;
	int err = TK_OK;

	for (i = 0; i < ql->n; i++) {
		struct tk_rawquote *q = &ql->q[i];
		struct tk_attr *at = &s->at[i];

		if (q->rejected)
			continue;
		if (at->kind == TK_A_PRONOUN) {
			int weak, best = tk_sa_pronoun(
				      s, i, last != (size_t)-1 ? ql->q[last].person : -1, &weak);
			if (best >= 0) {
				at->kind = TK_A_NAME;
				at->person = best;
				q->doubtful |= (unsigned)weak;
			}
		}
		q->doubtful |= (unsigned)(at->weak && at->kind);
		if (at->kind == TK_A_NAME && at->person >= 0) {
			const struct tk_person *pp = &g->p[at->person];
			q->person = at->person;
			q->speaker = pp->name;
			q->role = pp->role;
			q->attr_kind = 1;
			last = i;
			err = tk_push_mention(&g->am, &g->nam, &g->capam, q->para_end, q->close_end,
					      at->person);
		} else if (at->kind == TK_A_DESC) {
			err = tk_sa_descriptor(s, i);
			q->attr_kind = 2;
			last = i;
		} else if (at->kind == TK_A_ANON) {
			last = (size_t)-1; /* nobody to continue */
		} else if (last != (size_t)-1 && (ql->q[last].speaker || ql->q[last].role) &&
			   (q->para == ql->q[last].para_end ||
			    (!q->partial && q->para == ql->q[last].para_end + 1) ||
			    (q->at_start && q->para <= ql->q[last].para_end + 2)) &&
			   !tk_sa_named_between(s, last, i, ql->q[last].person)) {
			q->person = ql->q[last].person;
			q->speaker = ql->q[last].speaker;
			q->role = ql->q[last].role;
			q->doubtful = ql->q[last].doubtful;
			q->continued = 1;
			q->attr_kind = 3;
			last = i;
		}
		if (err)
			break;
	}
	return err;
}

/* Screen policy input: a partial quotation is shown only when it reads as a
 * complete clause: at least 8 words, opened after a colon, a sentence end, a
 * comma or "that", and ending where its sentence ends. */
static void tk_sa_screen(struct tk_sa *s)
{
	size_t i;

	for (i = 0; i < s->ql->n; i++) {
		struct tk_rawquote *q = &s->ql->q[i];
		const char *pe = s->art->paras[q->para_end], *ps = s->art->paras[q->para];
		size_t k = q->open, e = q->close_end;
		int opens, ends;

		if (q->rejected || !q->partial)
			continue;
		while (k > 0 && ps[k - 1] == ' ')
			k--;
		opens = q->after_colon || q->after_sentence || (k > 0 && ps[k - 1] == ',') ||
			(k >= 5 && !strncmp(ps + k - 5, " that", 5));
		while (pe[e] == ' ')
			e++;
		ends = q->terminal || !pe[e] || pe[e] == '.' || pe[e] == '!' || pe[e] == '?';
		q->clause = (unsigned)(q->words >= 8 && opens && ends);
	}
}

int tk_speakers_attribute(const struct tk_article *art, struct tk_arena *a, struct tk_qlist *ql)
{
	struct tk_sa s = {art, a, ql, NULL, NULL, NULL};
	size_t i;
	int err = TK_ENOMEM;

	s.g = tk_calloc(1, sizeof *s.g);
	s.plen = tk_malloc((art->n_paras ? art->n_paras : 1) * sizeof *s.plen);
	s.at = tk_calloc(ql->n ? ql->n : 1, sizeof *s.at);
	if (!s.g || !s.plen || !s.at)
		goto out;
	for (i = 0; i < art->n_paras; i++)
		s.plen[i] = strlen(art->paras[i]);
	s.g->a = a;
	s.g->art = art;
	/* mentions and chains: the people named outside quotations */
	err = tk_scan_people(s.g, ql);
	/* candidates: what stands next to each quote */
	for (i = 0; i < ql->n && !err; i++) {
		struct tk_rawquote *q = &ql->q[i];
		err = tk_sa_candidates(&s, i);
		if (s.at[i].kind == TK_A_NAME && s.at[i].person >= 0) {
			s.g->p[s.at[i].person].quoted = 1;
			s.g->p[s.at[i].person].personlike = 1;
		}
		q->rejected =
		    (unsigned)tk_is_scare(art->paras[q->para], q, s.at[i].kind != TK_A_NONE);
	}
	for (i = 1; i < ql->n && !err; i++)
		err = tk_sa_join(&s, i);
	/* choice, then what the screen may show */
	if (!err)
		err = tk_sa_choose(&s);
	if (!err)
		tk_sa_screen(&s);
out:
	if (s.g) {
		tk_free(s.g->m);
		tk_free(s.g->p);
		tk_free(s.g->am);
	}
	tk_free(s.plen);
	tk_free(s.g);
	tk_free(s.at);
	return err;
}
