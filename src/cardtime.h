/* Card time that follows the reader (issue 13 item 5): the words a card
 * shows, the frames a reader needs for them (reading_wpm, between
 * card_seconds and card_max_seconds), and the schedule that turns a frame
 * number into a card period and back when cards last different times. Pure:
 * no SDL, no clock, no allocation but the schedule's own table. */
#ifndef TK_CARDTIME_H
#define TK_CARDTIME_H

#include <stddef.h>
#include <stdint.h>

/* Words for reading in text (UTF-8, may be NULL): runs of non-space, plus
 * one word per two Chinese or Japanese characters (written without spaces;
 * read at about twice as many characters a minute as words). */
size_t tk_cardtime_words(const char *text);

/* Frames a card of words stays up at fps: words at wpm, never under min_s
 * nor over max_s seconds (max_s under min_s counts as min_s); wpm <= 0:
 * min_s. */
int64_t tk_cardtime_frames(size_t words, long wpm, long min_s, long max_s, int fps);

/* Periods p >= base_p cycle through n card times: period base_p starts at
 * frame base_frame and lasts frames[0], the next frames[1], ... and after
 * frames[n-1] frames[0] again. */
struct tk_cardsched {
	int64_t base_p, base_frame;
	int64_t cycle;	/* sum of the n card times */
	size_t n;	/* 0 = not set */
	int64_t *start; /* n + 1 offsets into the cycle: start[0] = 0, start[n] = cycle */
};

/* Set cs (its old table freed) to the n card times (each >= 1, n >= 1).
 * Returns TK_OK, TK_EINVAL or TK_ENOMEM (cs unchanged). */
int tk_cardsched_set(struct tk_cardsched *cs, const int64_t *frames, size_t n, int64_t base_p,
		     int64_t base_frame);

/* The period showing at frame (>= base_frame), *in frames into it, which
 * lasts *len frames. */
int64_t tk_cardsched_period(const struct tk_cardsched *cs, int64_t frame, int64_t *in,
			    int64_t *len);

/* The first frame of period p (>= base_p). */
int64_t tk_cardsched_start(const struct tk_cardsched *cs, int64_t p);

/* Free the table (cs may be all zero). */
void tk_cardsched_free(struct tk_cardsched *cs);

#endif
