/* Helpers shared by the unit tests (one home for what several tests did
 * alike): where the source tree and the built ticker are, the start of every
 * test main, running shell commands, long repeated inputs, a local-time
 * clock, and a stick signed with a key the ticker trusts. Test support only;
 * a failing step fails the running cmocka test. */
#ifndef TK_TESTUTIL_H
#define TK_TESTUTIL_H

#include <stddef.h>
#include <time.h>

/* The source tree: $TK_ROOT, else ".". */
const char *tu_root(void);
/* The ticker binary under test: $TICKER (make check sets it); fails the test
 * when unset. */
const char *tu_ticker(void);
/* Start of a test main: the test allocator, log level error, and the
 * TK_TEST_FILTER environment variable as cmocka's test filter. */
void tu_init(void);

/* Run the shell command made from fmt; its standard output (at most size - 1
 * bytes, NUL-terminated) goes to out, unless out is NULL. Returns its exit
 * status, or -1 when it did not exit normally. */
int tu_capture(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Run the shell command made from fmt; fails the test (printing the command)
 * when it does not exit 0. */
void tu_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* head, times copies of piece, tail: malloc'd, NUL-terminated; its length
 * in *len unless len is NULL. */
char *tu_repeat(const char *head, const char *piece, size_t times, const char *tail, size_t *len);

/* Local time y-m-d h:mi (in the TZ the test set) as a time_t. */
time_t tu_local_time(int y, int mo, int d, int h, int mi);

/* Sign the directory stick with the key keybase.key (made with its .pub by
 * tk_sign_keygen when keys_dir holds no comms.pub yet, the .pub then
 * installed there as comms.pub, where the ticker looks for trusted keys). */
void tu_sign_stick(const char *stick, const char *keys_dir, const char *keybase);

#endif
