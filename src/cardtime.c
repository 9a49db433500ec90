/* Card time from the words a card shows, and the schedule of card periods
 * when cards last different times (cardtime.h). */
#include <string.h>

#include "cardtime.h"
#include "err.h"
#include "mem.h"

/* Chinese and Japanese characters: kana, CJK ideographs and their extension A,
 * compatibility ideographs, and the CJK punctuation block. */
static int tk_ct_cjk(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) ||
	       (c >= 0xf900 && c <= 0xfaff);
}

size_t tk_cardtime_words(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t words = 0, cjk = 0;
	int in_word = 0;

	if (!s)
		return 0;
	while (*s) {
		uint32_t c = *s;
		int len = 1;

		if (c >= 0xe0 && c < 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
			c = (c & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
			len = 3;
		}
		if (tk_ct_cjk(c)) {
			cjk++;
			in_word = 0;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			in_word = 0;
		} else if (!in_word) {
			words++;
			in_word = 1;
		}
		/* skip the rest of a multi-byte sequence not decoded above */
		s += len;
		while (len == 1 && (*s & 0xc0) == 0x80)
			s++;
	}
	return words + (cjk + 1) / 2;
}

int64_t tk_cardtime_frames(size_t words, long wpm, long min_s, long max_s, int fps)
{
	int64_t lo, hi, f;

	if (fps < 1)
		fps = 1;
	lo = (int64_t)(min_s > 0 ? min_s : 1) * fps;
	hi = max_s > min_s ? (int64_t)max_s * fps : lo;
	if (wpm <= 0)
		return lo;
	/* rounded up: a card is never taken away a frame before it is read */
	f = ((int64_t)words * 60 * fps + wpm - 1) / wpm;
	return f < lo ? lo : f > hi ? hi : f;
}

int tk_cardsched_set(struct tk_cardsched *cs, const int64_t *frames, size_t n, int64_t base_p,
		     int64_t base_frame)
{
	int64_t *start;

	if (!n)
		return TK_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (frames[i] < 1)
			return TK_EINVAL;
	start = tk_malloc((n + 1) * sizeof *start);
	if (!start)
		return TK_ENOMEM;
	start[0] = 0;
	for (size_t i = 0; i < n; i++)
		start[i + 1] = start[i] + frames[i];
	tk_free(cs->start);
	cs->start = start;
	cs->n = n;
	cs->cycle = start[n];
	cs->base_p = base_p;
	cs->base_frame = base_frame;
	return TK_OK;
}

int64_t tk_cardsched_period(const struct tk_cardsched *cs, int64_t frame, int64_t *in, int64_t *len)
{
	int64_t q = frame - cs->base_frame, c, r;
	size_t lo = 0, hi = cs->n;

	if (q < 0)
		q = 0;
	c = q / cs->cycle;
	r = q % cs->cycle;
	/* the last start at or before r */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (cs->start[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	*in = r - cs->start[lo];
	*len = cs->start[lo + 1] - cs->start[lo];
	return cs->base_p + c * (int64_t)cs->n + (int64_t)lo;
}

int64_t tk_cardsched_start(const struct tk_cardsched *cs, int64_t p)
{
	int64_t k = p - cs->base_p;

	if (k < 0)
		k = 0;
	return cs->base_frame + k / (int64_t)cs->n * cs->cycle + cs->start[k % (int64_t)cs->n];
}

void tk_cardsched_free(struct tk_cardsched *cs)
{
	tk_free(cs->start);
	memset(cs, 0, sizeof *cs);
}
