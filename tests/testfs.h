/* File-system helpers for tests: scratch directories, whole-file reads and
 * writes, recursive removal. Test support only (no product code uses it). */
#ifndef TK_TESTFS_H
#define TK_TESTFS_H

#include <stddef.h>

/* A fresh directory under $TMPDIR (else /dev/shm, else /tmp); the caller frees the string and
 * removes the tree with tfs_rm_rf. Aborts the test run on failure. */
char *tfs_mkdtemp(void);
/* Write len bytes to dir/rel (creating parent directories). 0 or -1. */
int tfs_write(const char *dir, const char *rel, const void *bytes, size_t len);
int tfs_write_str(const char *dir, const char *rel, const char *text);
/* Read dir/rel whole (NUL-terminated, malloc'd, *len may be NULL); NULL if absent. */
char *tfs_read(const char *dir, const char *rel, size_t *len);
int tfs_exists(const char *dir, const char *rel);
/* Remove a whole tree (does not follow symlinks). */
void tfs_rm_rf(const char *path);
/* Number of entries in dir whose names start with prefix ("" = all but . and ..). */
int tfs_count(const char *dir, const char *prefix);
/* Non-dot names of dir, sorted, joined with '\n' (malloc'd). */
char *tfs_list(const char *dir);

#endif
