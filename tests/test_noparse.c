/* The display never parses article bytes (issue 15 section 2). This test is
 * linked WITHOUT the article reader and the extractor (see the Makefile):
 * their entry points below abort. `ticker import` (the real binary, $TICKER)
 * prepares a cache; then `snapshot` and `run` (dummy video driver, with an
 * import in the middle so the loader thread reloads) render it in-process
 * and must never reach a parser entry point. A control case shows the stubs
 * do fire: a plain directory without records is parsed, and aborts. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "article.h"
#include "cmd.h"
#include "config.h"
#include "err.h"
#include "extract.h"
#include "logo.h"
#include "playlist.h"
#include "render_app.h"
#include "testfs.h"
#include "testutil.h"

/* ---- the parser's entry points, all fatal here --------------------------- */

#define TK_NOPARSE(what)                                                                           \
	do {                                                                                       \
		fprintf(stderr, "test_noparse: the display called %s\n", what);                    \
		abort();                                                                           \
	} while (0)

int tk_doc_parse(const void *bytes, size_t len, const char *name, const struct tk_read_opts *opts,
		 struct tk_doc **out, const char **reason)
{
	TK_NOPARSE("tk_doc_parse");
}
void tk_doc_free(struct tk_doc *doc)
{
	if (doc)
		TK_NOPARSE("tk_doc_free");
}
size_t tk_doc_count(const struct tk_doc *doc)
{
	TK_NOPARSE("tk_doc_count");
}
const struct tk_article *tk_doc_article(const struct tk_doc *doc, size_t i)
{
	TK_NOPARSE("tk_doc_article");
}
enum tk_format tk_doc_format(const struct tk_doc *doc)
{
	TK_NOPARSE("tk_doc_format");
}
const char *tk_format_name(enum tk_format f)
{
	TK_NOPARSE("tk_format_name");
}
const char *tk_doc_encoding(const struct tk_doc *doc)
{
	TK_NOPARSE("tk_doc_encoding");
}
int tk_extract(const struct tk_article *art, const struct tk_extract_opts *opts,
	       struct tk_extraction **out)
{
	TK_NOPARSE("tk_extract");
}
void tk_extraction_free(struct tk_extraction *ex)
{
	if (ex)
		TK_NOPARSE("tk_extraction_free");
}

/* Nor does it decode a stick's PNG: logo_png.c is left out too; the display
 * reads the import's bounded pixels (.logo). */
int tk_logo_decode(const void *png, size_t len, struct tk_logo **out, char *why, size_t whysize)
{
	TK_NOPARSE("tk_logo_decode");
}

/* Only `ticker extract --json` names figure kinds; figure.c is left out. */
const char *tk_figure_kind_name(enum tk_figure_kind k)
{
	(void)k;
	TK_NOPARSE("tk_figure_kind_name");
}

/* Not a parser entry point (configuration to counts), but it lives in
 * extract.c, which this test leaves out: the same two lines. */
void tk_extract_opts_from_config(const struct tk_config *cfg, struct tk_extract_opts *out)
{
	memset(out, 0, sizeof *out);
	out->max_quotes = cfg->quotes_per_article > 0 ? (size_t)cfg->quotes_per_article : 0;
	out->max_figures = cfg->figures_per_article > 0 ? (size_t)cfg->figures_per_article : 0;
}

/* ---- fixtures ------------------------------------------------------------ */

struct env {
	char *root, *stick, *cache;
	struct tk_config cfg;
};

static void ticker_import(struct env *e)
{
	/* unsigned_sticks = all: an unsigned stick may bring the logo */
	tu_sh("'%s' -q --set unsigned_sticks=all import --cache '%s' --no-report '%s' >/dev/null "
	      "2>&1",
	      tu_ticker(), e->cache, e->stick);
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	size_t n;

	e->root = tfs_mkdtemp();
	n = strlen(e->root) + 16;
	e->stick = malloc(n);
	e->cache = malloc(n);
	snprintf(e->stick, n, "%s/stick", e->root);
	snprintf(e->cache, n, "%s/cache", e->root);
	tu_sh("cp -r '%s/assets/demo' '%s'", tu_root(), e->stick);
	tu_sh("cp '%s/tests/data/logo/ok-emblem-240x96.png' '%s/logo.png'", tu_root(), e->stick);
	ticker_import(e);
	tk_config_defaults(&e->cfg);
	snprintf(e->cfg.cache_dir, sizeof e->cfg.cache_dir, "%s", e->cache);
	snprintf(e->cfg.assets_dir, sizeof e->cfg.assets_dir, "%s/assets", tu_root());
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	tfs_rm_rf(e->root);
	free(e->root);
	free(e->stick);
	free(e->cache);
	free(e);
	return 0;
}

static void test_snapshot_reads_records_only(void **state)
{
	struct env *e = *state;
	struct tk_display_opts o = {0};
	char out[4200];
	struct stat sb;

	snprintf(out, sizeof out, "%s/frame.png", e->root);
	o.cfg = &e->cfg;
	o.dir = e->cache;
	o.width = 960;
	o.height = 540;
	o.out = out;
	o.at = 5;
	assert_int_equal(tk_display_snapshot(&o), TK_EXIT_OK);
	assert_int_equal(stat(out, &sb), 0);
	assert_true(sb.st_size > 10000);
}

/* The stick's logo reaches the display as the import's pixels, undecoded. */
static void test_logo_from_cache(void **state)
{
	struct env *e = *state;
	struct tk_playlist *pl = NULL;

	assert_int_equal(tk_playlist_load(e->cache, NULL, 1, &pl), TK_OK);
	assert_non_null(pl->logo);
	assert_int_equal(pl->logo->w, 240);
	assert_int_equal(pl->logo->h, 96);
	tk_playlist_unref(pl);
	test_snapshot_reads_records_only(state);
}

/* A cache whose record index is missing (an older version's cache) is not
 * parsed either: it shows nothing until the import side builds the index. */
static void test_cache_without_index(void **state)
{
	struct env *e = *state;
	struct tk_playlist *pl = NULL;
	char path[4200];

	snprintf(path, sizeof path, "%s/.records/index", e->cache);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(tk_playlist_load(e->cache, NULL, 1, &pl), TK_OK);
	assert_int_equal(pl->n_articles, 0);
	assert_true(pl->no_records);
	tk_playlist_unref(pl);
	test_snapshot_reads_records_only(state);
}

/* `run` in a child (its loop ends on SIGTERM): an import while it runs makes
 * the loader thread reload. The child must exit 0, not abort. */
static void test_run_reads_records_only(void **state)
{
	struct env *e = *state;
	int status = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct tk_display_opts o = {0};

		snprintf(e->cfg.video_driver, sizeof e->cfg.video_driver, "dummy");
		o.cfg = &e->cfg;
		o.dir = e->cache;
		o.window = 1;
		o.width = 640;
		o.height = 360;
		_exit(tk_display_run(&o));
	}
	sleep(1);
	assert_int_equal(tfs_write_str(e->stick, "new-story.txt",
				       "A new story arrives\n\n\"It came while the screen was "
				       "running,\" said Ana Ruiz, the editor.\n"),
			 0);
	ticker_import(e);
	sleep(3); /* the loader polls every second: it reloads meanwhile */
	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("run died with signal %d (a parser entry point?)", WTERMSIG(status));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), TK_EXIT_OK);
}

/* Control: the stubs are live. A directory without records is parsed
 * (snapshot --cache on raw articles), which aborts here. */
static void test_stubs_fire_on_raw_directory(void **state)
{
	struct env *e = *state;
	int status = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct tk_playlist *pl = NULL;

		freopen("/dev/null", "w", stderr);
		_exit(tk_playlist_load(e->stick, NULL, 1, &pl) == TK_OK ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_snapshot_reads_records_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_run_reads_records_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cache_without_index, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_logo_from_cache, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stubs_fire_on_raw_directory, setup, teardown),
	};
	return cmocka_run_group_tests_name("noparse", tests, NULL, NULL);
}
