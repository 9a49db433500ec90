/* The wall clock of a box without a real-time clock (no RTC on a Pi, maybe no
 * network). The clock only ever moves forward, to a time the box has reason to
 * trust: the newest time it saved before the power went (at boot), or the
 * signing time of a signed stick it accepted. The import (unprivileged) only
 * asks, in <cache>/.clock-request; `ticker clock --apply` (a small unit with
 * CAP_SYS_TIME and nothing else) decides and sets, and writes what it did to
 * <cache>/.clock-set for the report. Decisions are pure; see cmd_clock.c. */
#ifndef TK_CLOCKSET_H
#define TK_CLOCKSET_H

#include <stddef.h>
#include <stdint.h>

#define TK_CLOCK_SAVED ".clock"		  /* "ticker-clock 1 T": newest time seen */
#define TK_CLOCK_REQUEST ".clock-request" /* "ticker-clock 1 T SOURCE": asked by an import */
#define TK_CLOCK_SET ".clock-set"	  /* "ticker-clock-set 1 OLD NEW SOURCE": done */

/* Where a time came from, as the report says it. */
enum tk_clock_source { TK_CLOCK_SRC_SAVED, TK_CLOCK_SRC_STICK };

/* Below this a reading is no real time (the clock of a box that never knew
 * one: 2020-01-01). */
#define TK_CLOCK_PLAUSIBLE 1577836800LL
/* A request is ignored unless it is this far ahead (seconds): small drifts
 * are not worth a jump. */
#define TK_CLOCK_MIN_STEP 120

/* Should the clock that reads now be set to target? Only forward, only to a
 * plausible time, only by at least TK_CLOCK_MIN_STEP. Returns 1 and sets
 * *set_to, else 0. */
int tk_clock_plan(int64_t now, int64_t target, int64_t *set_to);

/* One line in one of the formats above. Parsers return 0 or -1 (bad line). */
int tk_clock_parse_time(const char *text, int64_t *t, enum tk_clock_source *src);
size_t tk_clock_format_time(char *buf, size_t size, int64_t t, enum tk_clock_source src);
int tk_clock_parse_set(const char *text, int64_t *old, int64_t *now, enum tk_clock_source *src);
size_t tk_clock_format_set(char *buf, size_t size, int64_t old, int64_t now,
			   enum tk_clock_source src);

/* "set from the stick on 2026-12-01 07:30, was 2024-01-01 00:00" (UTC). */
void tk_clock_describe_set(char *buf, size_t size, int64_t old, int64_t now,
			   enum tk_clock_source src);

#endif
