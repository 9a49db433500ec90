/* The box's health, for the "This screen" section of the stick report: what a
 * technician needs to know about a screen in a lobby without logging in.
 * The display notes its starts and clean stops in <cache>/.health; the report
 * reads that, the kernel's sysfs/procfs and the journal. SDL-free. */
#ifndef TK_HEALTH_H
#define TK_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#define TK_HEALTH_FILE ".health"	   /* written by the display only */
#define TK_HEALTH_SEEN_FILE ".health-seen" /* written by the import only */
#define TK_HEALTH_REPORT_MAX 4096	   /* the report section, at most */

/* The counters in .health: one line "ticker-health 1 BOOT_ID STARTS BOOTS UNCLEAN CLEAN". */
struct tk_health_counts {
	char boot_id[40];      /* the kernel boot the last start happened in */
	unsigned long starts;  /* display starts, ever */
	unsigned long boots;   /* boots the display started in, ever */
	unsigned long unclean; /* boots that followed no clean stop (power cut, crash) */
	int clean;	       /* the last start ended with a clean stop */
};

/* Where the kernel's files are: "" on a real system, a fake tree in tests. */
struct tk_health_env {
	const char *sysroot;
	const char *cache_dir;
};

/* The display started (call once, early in `ticker run`): counts the start, and
 * a new boot (a new boot id), unclean when the previous run did not stop
 * cleanly. Atomic replace of <cache>/.health. Returns TK_OK or TK_EIO. */
int tk_health_note_start(const struct tk_health_env *env);
/* The display stops cleanly (SIGTERM from systemd at shutdown). */
int tk_health_note_stop(const struct tk_health_env *env);

/* Read the counters (zeros when absent). Returns TK_OK, TK_ENOENT or TK_EPARSE. */
int tk_health_read(const char *dir, const char *name, struct tk_health_counts *out);

/* The report section, into buf (always NUL-terminated): software version,
 * uptime, restarts and boots (unclean ones) since the last stick, CPU
 * temperature, under-voltage, free space, articles, display path, the last
 * error lines of the log. Then records the counters as seen by this report
 * (<cache>/.health-seen), so the next stick says "since this one". */
void tk_health_report(const struct tk_health_env *env, size_t articles, char *buf, size_t size);

#endif
