/* The screen schedule, with a fake clock: times built from local dates in a
 * fixed time zone (Europe/Paris, so a DST change is crossed too). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "err.h"
#include "schedule.h"
#include "testutil.h"

static const char *tk_lobby = "Mon-Fri 07:00-19:30, Sat 09:00-13:00";

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return 0;
}

static void parse_ok(struct tk_schedule *s, const char *on, const char *dates)
{
	char err[128];

	assert_int_equal(tk_schedule_parse(s, on, dates, err, sizeof err), TK_OK);
	assert_string_equal(err, "");
}

/* 2026-12-01 is a Tuesday. */
static void test_weekday_spans(void **state)
{
	struct tk_schedule s;
	time_t next;

	(void)state;
	parse_ok(&s, tk_lobby, NULL);
	assert_int_equal(s.n_spans, 2);
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 1, 6, 59), &next), 0);
	assert_true(next == tu_local_time(2026, 12, 1, 7, 0));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 1, 7, 0), &next), 1);
	assert_true(next == tu_local_time(2026, 12, 1, 19, 30));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 1, 19, 29), NULL), 1);
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 1, 19, 30), &next), 0);
	assert_true(next == tu_local_time(2026, 12, 2, 7, 0));
	/* Friday evening: off until Saturday 09:00, then until Monday 07:00 */
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 4, 20, 0), &next), 0);
	assert_true(next == tu_local_time(2026, 12, 5, 9, 0));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 5, 12, 0), &next), 1);
	assert_true(next == tu_local_time(2026, 12, 5, 13, 0));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 5, 13, 0), &next), 0);
	assert_true(next == tu_local_time(2026, 12, 7, 7, 0));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 6, 10, 0), NULL), 0);
}

/* Holidays are off all day; the next change skips them. */
static void test_off_dates(void **state)
{
	struct tk_schedule s;
	time_t next;

	(void)state;
	parse_ok(&s, tk_lobby, "2026-12-25, 2026-12-28");
	assert_int_equal(s.n_dates, 2);
	/* Thursday 24th evening: Friday 25th is a holiday, then a weekend with
	 * Saturday hours, then Monday 28th is off too */
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 24, 20, 0), &next), 0);
	assert_true(next == tu_local_time(2026, 12, 26, 9, 0));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 25, 12, 0), NULL), 0);
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 26, 13, 30), &next), 0);
	assert_true(next == tu_local_time(2026, 12, 29, 7, 0));
}

/* No schedule: always on, never changes; off dates alone still switch off. */
static void test_empty_always_on(void **state)
{
	struct tk_schedule s;
	time_t next = 1;

	(void)state;
	parse_ok(&s, "", "");
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 6, 3, 0), &next), 1);
	assert_true(next == 0);
	parse_ok(&s, NULL, "2027-01-01");
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 31, 23, 0), &next), 1);
	assert_true(next == tu_local_time(2027, 1, 1, 0, 0));
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2027, 1, 1, 8, 0), &next), 0);
	assert_true(next == tu_local_time(2027, 1, 2, 0, 0));
}

/* Days wrap (Fri-Mon), "daily", 24:00, case, spans touching. */
static void test_forms(void **state)
{
	struct tk_schedule s;
	time_t next;

	(void)state;
	parse_ok(&s, "fri-MON 10:00-12:00", NULL);
	assert_int_equal(s.spans[0].days, 0x71u);
	parse_ok(&s, "daily 00:00-12:00,Daily 12:00-24:00", NULL);
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2026, 12, 1, 23, 59), &next), 1);
	assert_true(next == 0);
	parse_ok(&s, "  Saturday 09:00-13:00 ,  Sunday 09:00-10:00  ", NULL);
	assert_int_equal(s.n_spans, 2);
}

/* A DST change (2027-03-28 in Paris) keeps local times local. */
static void test_dst(void **state)
{
	struct tk_schedule s;
	time_t next;

	(void)state;
	parse_ok(&s, "daily 07:00-19:30", NULL);
	assert_int_equal(tk_schedule_at(&s, tu_local_time(2027, 3, 27, 20, 0), &next), 0);
	assert_true(next == tu_local_time(2027, 3, 28, 7, 0));
	assert_true(next - tu_local_time(2027, 3, 27, 20, 0) == 10 * 3600);
}

static void parse_bad(const char *on, const char *dates, const char *want)
{
	struct tk_schedule s;
	char err[128];

	assert_int_equal(tk_schedule_parse(&s, on, dates, err, sizeof err), TK_EINVAL);
	if (!strstr(err, want))
		fail_msg("for \"%s\": \"%s\" lacks \"%s\"", on ? on : dates, err, want);
}

static void test_errors(void **state)
{
	(void)state;
	parse_bad("Mon-Fri", NULL, "expected a space");
	parse_bad("Mo 07:00-19:00", NULL, "expected a day");
	parse_bad("Funday 07:00-19:00", NULL, "expected a day");
	parse_bad("Mon 7:00-19:00", NULL, "expected a time HH:MM at \"7:00-19:00\"");
	parse_bad("Mon 07:60-19:00", NULL, "no such time");
	parse_bad("Mon 25:00-26:00", NULL, "no such time");
	parse_bad("Mon 19:00-07:00", NULL, "split spans at midnight");
	parse_bad("Mon 07:00 19:00", NULL, "expected '-'");
	parse_bad("Mon 07:00-19:00; Tue 07:00-19:00", NULL, "expected ','");
	parse_bad(NULL, "2026-02-29", "no such date");
	parse_bad(NULL, "2026-13-01", "no such date");
	parse_bad(NULL, "25.12.2026", "expected a date YYYY-MM-DD");
	parse_bad(NULL, "2026-12-25 2027-01-01", "expected ','");
}

static void test_limits(void **state)
{
	struct tk_schedule s;
	char buf[4096] = "", err[128];

	(void)state;
	for (int i = 0; i <= TK_SCHEDULE_MAX_SPANS; i++)
		strcat(buf, "Mon 07:00-08:00,");
	assert_int_equal(tk_schedule_parse(&s, buf, NULL, err, sizeof err), TK_EINVAL);
	assert_non_null(strstr(err, "too many spans"));
	parse_ok(&s, NULL, "2028-02-29");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_weekday_spans),
	    cmocka_unit_test(test_off_dates),
	    cmocka_unit_test(test_empty_always_on),
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_dst),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
