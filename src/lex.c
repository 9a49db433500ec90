/* The lowest extraction layer: UTF-8 code points, the word tokenizer, word
 * comparisons against sorted lists, and sentence ends. Quote, speaker and
 * figure finders build on it. */
#include <string.h>
#include <unictype.h>

#include "buf.h"
#include "lex.h"
#include "lexicon.h"
#include "text.h"

int tk_is_qmark(unsigned cp)
{
	switch (cp) {
	case '"':
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x00AB:
	case 0x00BB:
	case 0x2039:
	case 0x203A:
	case 0x201A:
	case 0x2018:
	case 0x2019:
	case 0x300C:
	case 0x300D:
	case 0x300E:
	case 0x300F:
	case 0x05F4:
	case '\'':
	case 0x201F:
		return 1;
	default:
		return 0;
	}
}

int tk_word_eq(const char *p, const struct tk_tok *t, const char *w)
{
	return tk_ascii_eq_lower(p + t->s, t->e - t->s, w);
}

int tk_span_in_list(const char *p, size_t s, size_t n, const char *const *list, size_t count)
{
	size_t lo = 0, hi = count;

	unsigned char c0 = n ? (unsigned char)tk_ascii_lower((unsigned char)p[s]) : 0;

	/* lists are sorted bytewise (see the comment on each); the first byte
	 * decides most steps without the full comparison */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned char d0 = (unsigned char)list[mid][0];
		int c = c0 != d0 ? (c0 < d0 ? -1 : 1) : tk_ascii_cmp_lower(p + s, n, list[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int tk_word_in_list(const char *p, const struct tk_tok *t, const char *const *list, size_t n)
{
	return tk_span_in_list(p, t->s, t->e - t->s, list, n);
}

size_t tk_tokenize(const char *p, size_t from, size_t to, struct tk_tok *t, size_t max)
{
	size_t i = from, n = 0;

	while (i < to && n < max) {
		size_t adv;
		unsigned cp;

		if (p[i] == ' ') { /* a space is no token: the common case */
			i++;
			continue;
		}
		cp = tk_cp_at(p, to, i, &adv);
		if (tk_is_letter(cp) || tk_is_digit(cp)) {
			struct tk_tok *k = &t[n++];
			int digit = tk_is_digit(cp), lower = 0, up = 0;
			k->s = (uint32_t)i;
			k->cap = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : uc_is_upper(cp);
			k->punct = 0;
			while (i < to) {
				unsigned char b = (unsigned char)p[i];
				/* ASCII letters and digits without decoding */
				if (b >= 'a' && b <= 'z') {
					lower = 1;
					digit = 0;
					i++;
					continue;
				}
				if (b >= 'A' && b <= 'Z') {
					up = 1;
					digit = 0;
					i++;
					continue;
				}
				if (b >= '0' && b <= '9') {
					i++;
					continue;
				}
				unsigned c = tk_cp_at(p, to, i, &adv);
				if (tk_is_letter(c)) {
					if (c < 0x80 ? (c >= 'a' && c <= 'z') : uc_is_lower(c))
						lower = 1;
					else
						up = 1;
					digit = digit && 0;
					i += adv;
					continue;
				}
				if (tk_is_digit(c)) {
					i += adv;
					continue;
				}
				/* joiners inside a word or number: don't, al-Assad, 82,000, 3.5 */
				if (i + adv < to) {
					size_t a2;
					unsigned nx = tk_cp_at(p, to, i + adv, &a2);
					if ((c == '\'' || c == 0x2019 || c == '-') &&
					    tk_is_letter(nx) && i > k->s) {
						i += adv;
						continue;
					}
					if ((c == ',' || c == '.' || c == 0x202F) &&
					    tk_is_digit(nx) && digit) {
						i += adv;
						continue;
					}
				}
				break;
			}
			k->e = (uint32_t)i;
			k->kind = digit ? TK_T_NUM : TK_T_WORD;
			k->upper = up && !lower;
			continue;
		}
		if (tk_is_qmark(cp)) {
			t[n++] =
			    (struct tk_tok){(uint32_t)i, (uint32_t)(i + adv), TK_T_QMARK, 0, 0, 0};
		} else if (cp == ',' || cp == ':' || cp == ';' || cp == '.' || cp == '!' ||
			   cp == '?' || cp == '(' || cp == ')' || cp == '-' || cp == 0x2013 ||
			   cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x060C ||
			   cp == 0xFF0C || cp == 0x3001 || cp == 0x3002) {
			char pc = cp == 0x2013 || cp == 0x2014 || cp == 0x2015	 ? '-'
				  : cp == 0x2026				 ? '.'
				  : cp == 0x060C || cp == 0xFF0C || cp == 0x3001 ? ','
				  : cp == 0x3002				 ? '.'
										 : (char)cp;
			t[n++] =
			    (struct tk_tok){(uint32_t)i, (uint32_t)(i + adv), TK_T_PUNCT, 0, 0, pc};
		}
		i += adv;
	}
	return n;
}

static int tk_ascii_alpha_lower(unsigned char c)
{
	c = (unsigned char)(c | 0x20);
	return c >= 'a' && c <= 'z';
}

int tk_is_sentence_end(const char *p, size_t n, size_t i)
{
	unsigned char c = (unsigned char)p[i];
	size_t j, ws;

	if (c != '.' && c != '!' && c != '?')
		return 0;
	if (i + 1 < n && p[i + 1] != ' ' && !((unsigned char)p[i + 1] >= 0x80))
		return 0;
	if (c != '.')
		return 1;
	/* word before the dot */
	j = i;
	while (j > 0 && p[j - 1] != ' ' && i - j < 8)
		j--;
	ws = i - j;
	if (ws == 1 && p[j] >= 'A' && p[j] <= 'Z')
		return 0; /* an initial: "J. Smith" */
	/* every abbreviation starts with a letter ("17." is none) */
	if (ws > 0 && ws < 8 && tk_ascii_alpha_lower((unsigned char)p[j]) &&
	    tk_span_in_list(p, j, ws, tk_lx_abbrevs.words, tk_lx_abbrevs.n))
		return 0;
	/* next word starts lower-case: not a sentence end */
	j = i + 1;
	while (j < n && p[j] == ' ')
		j++;
	if (j < n && p[j] >= 'a' && p[j] <= 'z')
		return 0;
	return 1;
}
