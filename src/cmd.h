/* Subcommands of the ticker binary and the exit codes they return.
 * Each command gets its own arguments (argv[0] is the command name) and a
 * configuration already loaded from defaults, ticker.conf and global flags,
 * which it may override with its own flags. */
#ifndef TK_CMD_H
#define TK_CMD_H

#include "config.h"

/* Exit codes, documented in README.md and `ticker --help`. */
enum tk_exit {
	TK_EXIT_OK = 0,	       /* everything worked */
	TK_EXIT_PARTIAL = 1,   /* some inputs were refused; the rest was done */
	TK_EXIT_USAGE = 2,     /* bad command line or configuration */
	TK_EXIT_REFUSED = 3,   /* nothing done: every input refused, or a drop refused whole */
	TK_EXIT_NODISPLAY = 4, /* no display could be opened */
	TK_EXIT_FAIL = 5,      /* runtime failure: I/O error, out of memory, disk full */
};

int tk_cmd_run(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_snapshot(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_preview(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_record(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_bench(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_extract(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_import(int argc, char **argv, struct tk_config *cfg);
/* The reasons the USB helper passes to `ticker import --not-read`, as the
 * catalogs know them (NULL-terminated; test_i18n checks the helper uses them). */
extern const char *const tk_cmd_not_read_reasons[];
int tk_cmd_keygen(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_sign(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_clock(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_update(int argc, char **argv, struct tk_config *cfg);
int tk_cmd_supervise(int argc, char **argv, struct tk_config *cfg);

/* Print the usage text of a command to stdout. Returns 0, or -1 if unknown. */
int tk_cmd_usage(const char *name);

#endif
