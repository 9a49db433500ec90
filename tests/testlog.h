/* Log capture for tests: hold back what the code under test logs, so the
 * errors a test provokes on purpose (fault injection, refused input) stay out
 * of a passing run and an unexpected one stands out. Test support only. */
#ifndef TK_TESTLOG_H
#define TK_TESTLOG_H

#include <stddef.h>

/* Start holding back every log line (call from a setup function). */
void tlog_hold(void);
/* The running test provokes errors on purpose: drop them at release. */
void tlog_expect_errors(void);
/* Errors held since tlog_hold. */
size_t tlog_errors(void);
/* Stop holding (call from a teardown function). Held lines are printed to
 * stderr, marked as unexpected, unless the test called tlog_expect_errors. */
void tlog_release(void);

#endif
