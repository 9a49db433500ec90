/* A stop request (SIGTERM from systemd when the stick is pulled) ends the
 * import at the next file like a pulled stick: nothing half-written stays in
 * the cache, the report says the import did not finish. Its own executable:
 * the stop flag is process-wide, as a signal is. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "cmd.h"
#include "config.h"
#include "err.h"
#include "import.h"
#include "testfs.h"

static void test_stop_request(void **state)
{
	char *root = tfs_mkdtemp(), stick[4200], cache[4200], name[32];
	struct tk_config cfg;
	struct tk_import_opts o = {NULL, 0, NULL, NULL};
	struct tk_import_summary sum;
	char *report;

	(void)state;
	snprintf(stick, sizeof stick, "%s/stick", root);
	snprintf(cache, sizeof cache, "%s/cache", root);
	mkdir(stick, 0755);
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "a%02d.txt", i);
		assert_int_equal(tfs_write_str(stick, name, "Tram line opens\n\nIt runs often.\n"),
				 0);
	}
	tk_config_defaults(&cfg);
	snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%.250s", cache);
	tk_import_request_stop(); /* as the SIGTERM handler does */
	assert_int_equal(tk_import_run(stick, &cfg, &o, &sum), TK_OK);
	assert_int_equal(sum.n[TK_IMPORT_ADDED], 0);
	assert_int_equal(sum.exit_code, TK_EXIT_REFUSED); /* nothing done */
	assert_int_equal(tfs_count(cache, ".tmp-"), 0);
	report = tfs_read(stick, "TICKER-REPORT.txt", NULL);
	assert_non_null(report);
	assert_non_null(strstr(report, "The import was stopped"));
	free(report);
	tfs_rm_rf(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stop_request),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
