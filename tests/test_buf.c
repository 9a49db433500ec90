/* The shared toolbox: growth by doubling (and its allocation failure), the
 * string builder's sticky error, capped whole-file reads of odd files, the
 * file digest against libsodium's one-shot hash, UTF-8 boundaries and ASCII
 * case-insensitive tests. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "err.h"
#include "mem.h"
#include "testfs.h"

static void test_grow(void **state)
{
	int *v = NULL;
	size_t cap = 0, n;

	(void)state;
	for (n = 0; n < 1000; n++) {
		assert_int_equal(tk_buf_grow(&v, &cap, n, sizeof *v, 4), TK_OK);
		assert_true(cap > n);
		v[n] = (int)n;
	}
	assert_int_equal(cap, 1024); /* 4, 8, ... doubled */
	for (n = 0; n < 1000; n++)
		assert_int_equal(v[n], (int)n);
	/* no room needed: nothing changes */
	assert_int_equal(tk_buf_grow(&v, &cap, 10, sizeof *v, 4), TK_OK);
	assert_int_equal(cap, 1024);
	/* a failed growth leaves array and capacity as they were */
	tk_mem_fail_at(1);
	assert_int_equal(tk_buf_grow(&v, &cap, 1024, sizeof *v, 4), TK_ENOMEM);
	tk_mem_fail_at(0);
	assert_int_equal(cap, 1024);
	assert_int_equal(v[999], 999);
	/* room for an element far beyond twice the capacity: doubled until it fits */
	assert_int_equal(tk_buf_grow(&v, &cap, 5000, sizeof *v, 4), TK_OK);
	assert_int_equal(cap, 8192);
	assert_int_equal(v[999], 999);
	/* a size that would overflow is refused, nothing changed */
	assert_int_equal(tk_buf_grow(&v, &cap, (size_t)-1 / 2, sizeof *v, 4), TK_ENOMEM);
	assert_int_equal(cap, 8192);
	tk_free(v);
}

static void test_string_builder(void **state)
{
	struct tk_sb b = {0};
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		assert_int_equal(tk_sb_add(&b, "abcde", 5), 0);
	assert_int_equal(b.len, 500);
	assert_int_equal(strlen(b.p), 500);
	assert_memory_equal(b.p + 495, "abcde", 5);
	tk_sb_free(&b);
	assert_null(b.p);
	/* the first failure sticks */
	tk_mem_fail_at(1);
	assert_int_equal(tk_sb_add(&b, "x", 1), -1);
	tk_mem_fail_at(0);
	assert_int_equal(b.err, TK_ENOMEM);
	assert_int_equal(tk_sb_add(&b, "y", 1), -1);
	assert_int_equal(b.len, 0);
	tk_sb_free(&b);
}

/* printf into the builder: long output grows it; a failure sticks. */
static void test_string_builder_printf(void **state)
{
	struct tk_sb b = {0};

	(void)state;
	tk_sb_printf(&b, "%s: %d files", "stick", 12);
	assert_string_equal(b.p, "stick: 12 files");
	for (int i = 0; i < 1000; i++)
		tk_sb_printf(&b, "%04d", i);
	assert_int_equal(b.len, 15 + 4000);
	assert_int_equal(strlen(b.p), b.len);
	assert_memory_equal(b.p + b.len - 4, "0999", 4);
	tk_mem_fail_at(1);
	tk_sb_printf(&b, "%4096d", 1);
	tk_mem_fail_at(0);
	assert_int_equal(b.err, TK_ENOMEM);
	tk_sb_printf(&b, "more");
	assert_int_equal(b.len, 15 + 4000);
	tk_sb_free(&b);
}

static void test_read_file(void **state)
{
	char *dir = tfs_mkdtemp(), path[4096], *out = (char *)1;
	const char *why = NULL;
	size_t len = 99;
	int os_err;

	(void)state;
	assert_int_equal(tfs_write_str(dir, "ten.txt", "0123456789"), 0);
	snprintf(path, sizeof path, "%s/ten.txt", dir);
	assert_int_equal(tk_buf_read_file(path, 100, &out, &len, &why, &os_err), TK_OK);
	assert_int_equal(len, 10);
	assert_string_equal(out, "0123456789");
	tk_free(out);
	/* over the cap: max + 1 bytes, so the caller can tell */
	assert_int_equal(tk_buf_read_file(path, 4, &out, &len, &why, &os_err), TK_OK);
	assert_int_equal(len, 5);
	assert_string_equal(out, "01234");
	tk_free(out);
	/* empty file: an empty string */
	assert_int_equal(tfs_write_str(dir, "empty", ""), 0);
	snprintf(path, sizeof path, "%s/empty", dir);
	assert_int_equal(tk_buf_read_file(path, 4, &out, &len, &why, &os_err), TK_OK);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	tk_free(out);
	/* missing, a directory, a FIFO (must not hang) */
	snprintf(path, sizeof path, "%s/none", dir);
	assert_int_equal(tk_buf_read_file(path, 4, &out, &len, &why, &os_err), TK_ENOENT);
	assert_null(out);
	assert_string_equal(why, "no such file");
	assert_int_equal(os_err, ENOENT);
	assert_int_equal(tk_buf_read_file(dir, 4, &out, &len, &why, &os_err), TK_EINVAL);
	assert_string_equal(why, "not a regular file");
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(tk_buf_read_file(path, 4, &out, &len, &why, &os_err), TK_EINVAL);
	assert_null(out);
	/* out of memory: nothing leaks, nothing handed out */
	snprintf(path, sizeof path, "%s/ten.txt", dir);
	tk_mem_fail_at(1);
	assert_int_equal(tk_buf_read_file(path, 100, &out, &len, &why, &os_err), TK_ENOMEM);
	tk_mem_fail_at(0);
	assert_null(out);
	assert_string_equal(why, "out of memory");
	tfs_rm_rf(dir);
	free(dir);
}

/* Small state and sysfs files: cut to the buffer, NUL-terminated; links,
 * FIFOs and missing files refused with errno. */
static void test_read_small(void **state)
{
	char *dir = tfs_mkdtemp(), path[4096], buf[8];
	int dfd;

	(void)state;
	assert_int_equal(tfs_write_str(dir, "gen", "12345\n"), 0);
	assert_int_equal(tfs_write_str(dir, "long", "0123456789abcdef"), 0);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	assert_int_equal(tk_buf_read_small(dfd, "gen", buf, sizeof buf), 6);
	assert_string_equal(buf, "12345\n");
	assert_int_equal(tk_buf_read_small(dfd, "long", buf, sizeof buf), 7);
	assert_string_equal(buf, "0123456");
	snprintf(path, sizeof path, "%s/gen", dir);
	assert_int_equal(tk_buf_read_small(AT_FDCWD, path, buf, sizeof buf), 6);
	assert_int_equal(tk_buf_read_small(dfd, "none", buf, sizeof buf), -1);
	assert_int_equal(errno, ENOENT);
	assert_string_equal(buf, "");
	snprintf(path, sizeof path, "%s/link", dir);
	assert_int_equal(symlink("gen", path), 0);
	assert_int_equal(tk_buf_read_small(dfd, "link", buf, sizeof buf), -1);
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(tk_buf_read_small(dfd, "fifo", buf, sizeof buf), -1);
	assert_int_equal(errno, EINVAL);
	close(dfd);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_read_at(void **state)
{
	char *dir = tfs_mkdtemp(), *text = NULL, path[4096];
	size_t len = 99;
	int dfd;

	(void)state;
	assert_int_equal(tfs_write_str(dir, "small", "hello\n"), 0);
	snprintf(path, sizeof path, "%s/link", dir);
	assert_int_equal(symlink("small", path), 0);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	assert_int_equal(tk_buf_read_at(dfd, "small", 6, &text, &len), TK_OK);
	assert_int_equal(len, 6);
	assert_string_equal(text, "hello\n");
	tk_free(text);
	/* over the cap, absent, a link, a directory: no text */
	assert_int_equal(tk_buf_read_at(dfd, "small", 5, &text, &len), TK_ETOOBIG);
	assert_null(text);
	assert_int_equal(tk_buf_read_at(dfd, "absent", 100, &text, &len), TK_ENOENT);
	assert_int_equal(tk_buf_read_at(dfd, "link", 100, &text, &len), TK_EIO);
	assert_int_equal(tk_buf_read_at(dfd, ".", 100, &text, &len), TK_EIO);
	assert_null(text);
	close(dfd);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_sha256_fd(void **state)
{
	char *dir = tfs_mkdtemp(), path[4096];
	unsigned char got[32], want[32];
	size_t len = 200000, i;
	unsigned char *data = malloc(len);
	int fd;

	(void)state;
	assert_non_null(data);
	for (i = 0; i < len; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	assert_int_equal(tfs_write(dir, "blob", data, len), 0);
	snprintf(path, sizeof path, "%s/blob", dir);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(tk_buf_sha256_fd(fd, got), TK_OK);
	close(fd);
	crypto_hash_sha256(want, data, len);
	assert_memory_equal(got, want, 32);
	/* the head variant: same hash, and the first bytes of the file */
	{
		char head[100];
		size_t nhead = 0;

		fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
		memset(got, 0, sizeof got);
		assert_int_equal(tk_buf_sha256_fd_head(fd, got, head, sizeof head, &nhead), TK_OK);
		close(fd);
		assert_memory_equal(got, want, 32);
		assert_int_equal(nhead, sizeof head);
		assert_memory_equal(head, data, sizeof head);
	}
	/* a read error is TK_EIO, not the hash of what was read so far */
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	tk_io_fail_at(TK_IO_MASK(TK_IO_READ), 2, EIO);
	assert_int_equal(tk_buf_sha256_fd(fd, got), TK_EIO);
	tk_io_fail_at(0, 0, 0);
	close(fd);
	free(data);
	tfs_rm_rf(dir);
	free(dir);
}

static void test_utf8_boundary(void **state)
{
	const char *s = "a\xE2\x80\x9C"
			"b"; /* a “ b */

	(void)state;
	assert_int_equal(tk_utf8_boundary(s, 0), 0);
	assert_int_equal(tk_utf8_boundary(s, 1), 1);
	assert_int_equal(tk_utf8_boundary(s, 2), 1); /* inside “ */
	assert_int_equal(tk_utf8_boundary(s, 3), 1);
	assert_int_equal(tk_utf8_boundary(s, 4), 4);
	/* forwards: the next character's start */
	assert_int_equal(tk_utf8_boundary_after(s, 1), 1);
	assert_int_equal(tk_utf8_boundary_after(s, 2), 4);
	assert_int_equal(tk_utf8_boundary_after(s, 3), 4);
	assert_int_equal(tk_utf8_boundary_after(s, 5), 5); /* the NUL */
}

static void test_ascii_ci(void **state)
{
	const char *hay = "<?xml?><RSS version=\"2.0\">Ünïcode Title";

	(void)state;
	assert_int_equal(tk_ascii_lower('Q'), 'q');
	assert_int_equal(tk_ascii_lower('q'), 'q');
	assert_int_equal(tk_ascii_lower(0xC4), 0xC4); /* bytes past ASCII stay */
	assert_int_equal(tk_ascii_cmp_lower("The", 3, "the"), 0);
	assert_true(tk_ascii_cmp_lower("THE", 3, "them") < 0); /* a prefix sorts first */
	assert_true(tk_ascii_cmp_lower("Them", 4, "the") > 0);
	assert_true(tk_ascii_cmp_lower("Abc", 3, "abd") < 0);
	assert_true(tk_ascii_cmp_lower("\xC3\x84", 2, "z") > 0); /* bytewise, past ASCII */
	assert_true(tk_ascii_eq_lower("UTF-8x", 5, "utf-8"));
	assert_false(tk_ascii_eq_lower("UTF-8x", 6, "utf-8"));
	assert_true(tk_ascii_starts_ci("Title: x", "title:"));
	assert_false(tk_ascii_starts_ci("Tit", "title:"));
	assert_ptr_equal(tk_ascii_find_ci(hay, strlen(hay), "<rss"), hay + 7);
	assert_ptr_equal(tk_ascii_find_ci(hay, strlen(hay), "title"), hay + strlen(hay) - 5);
	assert_null(tk_ascii_find_ci(hay, strlen(hay), "atom"));
	assert_null(tk_ascii_find_ci(hay, 3, "<?xml"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grow),
	    cmocka_unit_test(test_string_builder),
	    cmocka_unit_test(test_string_builder_printf),
	    cmocka_unit_test(test_read_file),
	    cmocka_unit_test(test_read_small),
	    cmocka_unit_test(test_read_at),
	    cmocka_unit_test(test_sha256_fd),
	    cmocka_unit_test(test_utf8_boundary),
	    cmocka_unit_test(test_ascii_ci),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
