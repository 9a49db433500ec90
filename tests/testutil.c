/* Helpers shared by the unit tests: tree and binary locations, running
 * commands, repeated inputs, a local clock, signed sticks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "err.h"
#include "log.h"
#include "mem.h"
#include "sign.h"
#include "testfs.h"
#include "testutil.h"

const char *tu_root(void)
{
	const char *r = getenv("TK_ROOT");

	return r ? r : ".";
}

const char *tu_ticker(void)
{
	const char *t = getenv("TICKER");

	if (!t)
		fail_msg("TICKER is not set (make check sets it)");
	return t;
}

void tu_init(void)
{
	tk_mem_init();
	tk_log_set_level(TK_LOG_ERROR);
	if (getenv("TK_TEST_FILTER"))
		cmocka_set_test_filter(getenv("TK_TEST_FILTER"));
}

static int tu_vcapture(char *out, size_t size, const char *fmt, va_list ap, char *cmd,
		       size_t cmdsize) __attribute__((format(printf, 3, 0)));

static int tu_vcapture(char *out, size_t size, const char *fmt, va_list ap, char *cmd,
		       size_t cmdsize)
{
	FILE *p;
	size_t n = 0;
	int st;

	if ((size_t)vsnprintf(cmd, cmdsize, fmt, ap) >= cmdsize)
		fail_msg("command too long: %.200s...", cmd);
	p = popen(cmd, "r");
	assert_non_null(p);
	if (out && size) {
		n = fread(out, 1, size - 1, p);
		out[n] = '\0';
	}
	/* read what is left, so the command never dies of a broken pipe */
	{
		char sink[4096];
		while (fread(sink, 1, sizeof sink, p) > 0)
			;
	}
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int tu_capture(char *out, size_t size, const char *fmt, ...)
{
	char cmd[16384];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = tu_vcapture(out, size, fmt, ap, cmd, sizeof cmd);
	va_end(ap);
	return rc;
}

void tu_sh(const char *fmt, ...)
{
	char cmd[16384];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	if ((size_t)vsnprintf(cmd, sizeof cmd, fmt, ap) >= sizeof cmd)
		fail_msg("command too long: %.200s...", cmd);
	va_end(ap);
	rc = system(cmd);
	if (rc)
		fail_msg("command failed (%d): %s", rc, cmd);
}

char *tu_repeat(const char *head, const char *piece, size_t times, const char *tail, size_t *len)
{
	size_t hl = strlen(head), pl = strlen(piece), tl = strlen(tail), i;
	char *b = malloc(hl + pl * times + tl + 1), *o = b;

	assert_non_null(b);
	memcpy(o, head, hl);
	o += hl;
	for (i = 0; i < times; i++, o += pl)
		memcpy(o, piece, pl);
	memcpy(o, tail, tl + 1);
	if (len)
		*len = hl + pl * times + tl;
	return b;
}

time_t tu_local_time(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {0};

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

void tu_sign_stick(const char *stick, const char *keys_dir, const char *keybase)
{
	char key[4200], *text;
	const char *what = NULL;
	size_t n = 0;

	if (!tfs_exists(keys_dir, "comms.pub")) {
		mkdir(keys_dir, 0755);
		assert_int_equal(tk_sign_keygen(keybase), TK_OK);
		snprintf(key, sizeof key, "%s.pub", keybase);
		text = tfs_read("", key, NULL);
		assert_non_null(text);
		assert_int_equal(tfs_write_str(keys_dir, "comms.pub", text), 0);
		free(text);
	}
	snprintf(key, sizeof key, "%s.key", keybase);
	if (tk_sign_dir(stick, key, &n, &what) != TK_OK)
		fail_msg("signing %s failed: %s", stick, what ? what : "?");
}
