/* Log capture for tests (see testlog.h): a tk_log sink that keeps the lines
 * of one test in memory and prints them at its end only when unexpected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "testlog.h"

struct tlog {
	char *text; /* held lines, "level: message\n" each */
	size_t len, errors;
	int expected;
};

static struct tlog held;

static void tlog_sink(void *ctx, enum tk_log_level level, const char *msg)
{
	static const char *const names[] = {"error", "warning", "info", "debug"};
	struct tlog *t = ctx;
	size_t n = strlen(names[level]) + strlen(msg) + 4;
	char *grown = realloc(t->text, t->len + n + 1);

	if (!grown) /* out of memory in a test: say it where it was meant to go */
		return (void)fprintf(stderr, "ticker: %s: %s\n", names[level], msg);
	t->text = grown;
	t->len += (size_t)snprintf(t->text + t->len, n + 1, "%s: %s\n", names[level], msg);
	if (level == TK_LOG_ERROR)
		t->errors++;
}

void tlog_hold(void)
{
	free(held.text);
	memset(&held, 0, sizeof held);
	tk_log_set_sink(tlog_sink, &held);
}

void tlog_expect_errors(void)
{
	held.expected = 1;
}

size_t tlog_errors(void)
{
	return held.errors;
}

void tlog_release(void)
{
	tk_log_set_sink(NULL, NULL);
	if (held.errors && !held.expected)
		fprintf(stderr, "unexpected log lines from this test:\n%s", held.text);
	free(held.text);
	memset(&held, 0, sizeof held);
}
