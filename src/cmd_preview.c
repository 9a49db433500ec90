/* `ticker preview DIR -o sheet.png [--size WxH]`: what the screen will show
 * for a directory of articles, without importing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "log.h"
#include "preview.h"

static int tk_preview_size(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10), b;

	if (end == s || *end != 'x')
		return -1;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || a < 64 || b < 64 || a > 7680 || b > 7680)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

int tk_cmd_preview(int argc, char **argv, struct tk_config *cfg)
{
	struct tk_display_opts o;
	struct stat st;

	memset(&o, 0, sizeof o);
	o.cfg = cfg;
	o.width = 1920;
	o.height = 1080;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-o") && v) {
			o.out = v;
			i++;
		} else if (!strcmp(a, "--size") && v) {
			if (tk_preview_size(v, &o.width, &o.height)) {
				tk_log(TK_LOG_ERROR,
				       "preview: --size wants WxH, 64 to 7680 each: '%s'", v);
				return TK_EXIT_USAGE;
			}
			i++;
		} else if (a[0] != '-' && !o.dir) {
			o.dir = a;
		} else {
			tk_log(TK_LOG_ERROR, "preview: unexpected argument '%s'", a);
			return TK_EXIT_USAGE;
		}
	}
	if (!o.dir || !o.out) {
		tk_log(TK_LOG_ERROR,
		       "preview: usage: ticker preview DIR -o SHEET.png [--size WxH]");
		return TK_EXIT_USAGE;
	}
	if (stat(o.dir, &st) || !S_ISDIR(st.st_mode)) {
		tk_log(TK_LOG_ERROR, "preview: %s is not a directory", o.dir);
		return TK_EXIT_USAGE;
	}
	return tk_display_preview(&o);
}
