/* Dates and month names as articles write them (en/fr/de/es): the reader
 * takes an article's date from them, and figure finding knows "14 August"
 * is no key figure. Pure. */
#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "date.h"

struct tk_month {
	const char *name;
	int m;
};

static int tk_month_lookup(const char *w, size_t n)
{
	static const struct tk_month months[] = {
	    {"january", 1},    {"jan", 1},	  {"janvier", 1},   {"januar", 1},
	    {"enero", 1},      {"jänner", 1},	  {"february", 2},  {"feb", 2},
	    {"février", 2},    {"fevrier", 2},	  {"februar", 2},   {"febrero", 2},
	    {"march", 3},      {"mar", 3},	  {"mars", 3},	    {"märz", 3},
	    {"marz", 3},       {"marzo", 3},	  {"april", 4},	    {"apr", 4},
	    {"avril", 4},      {"abril", 4},	  {"may", 5},	    {"mai", 5},
	    {"mayo", 5},       {"june", 6},	  {"jun", 6},	    {"juin", 6},
	    {"juni", 6},       {"junio", 6},	  {"july", 7},	    {"jul", 7},
	    {"juillet", 7},    {"juli", 7},	  {"julio", 7},	    {"august", 8},
	    {"aug", 8},	       {"août", 8},	  {"aout", 8},	    {"agosto", 8},
	    {"september", 9},  {"sep", 9},	  {"sept", 9},	    {"septembre", 9},
	    {"septiembre", 9}, {"october", 10},	  {"oct", 10},	    {"octobre", 10},
	    {"oktober", 10},   {"octubre", 10},	  {"november", 11}, {"nov", 11},
	    {"novembre", 11},  {"noviembre", 11}, {"december", 12}, {"dec", 12},
	    {"décembre", 12},  {"decembre", 12},  {"dezember", 12}, {"diciembre", 12},
	};
	char buf[16];
	size_t i;

	if (n >= sizeof buf || n < 3)
		return 0;
	/* every month name starts with one of these (d for décembre, etc.) */
	if (!strchr("jfmasondJFMASOND", w[0]))
		return 0;
	for (i = 0; i < n; i++)
		buf[i] = (char)tk_ascii_lower((unsigned char)w[i]);
	buf[n] = '\0';
	/* Capital Ä/É in UTF-8: lower the second byte for the few names that need it */
	for (i = 0; i + 1 < n; i++) {
		if ((unsigned char)buf[i] == 0xC3 && (unsigned char)buf[i + 1] >= 0x80 &&
		    (unsigned char)buf[i + 1] <= 0x9E)
			buf[i + 1] = (char)((unsigned char)buf[i + 1] + 0x20);
	}
	for (i = 0; i < sizeof months / sizeof months[0]; i++)
		if (buf[0] == months[i].name[0] && buf[1] == months[i].name[1] &&
		    strcmp(buf, months[i].name) == 0)
			return months[i].m;
	return 0;
}

int tk_month_name(const char *w, size_t n)
{
	return tk_month_lookup(w, n);
}

struct tk_dtok {
	size_t s, e;
	int num;
	long v;
};

static void tk_date_fmt(char out[11], long y, long m, long dd)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

static int tk_date_ok(long y, long m, long dd)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

size_t tk_date_find(const char *s, size_t n, char out[11], size_t *start)
{
	struct tk_dtok t[64];
	size_t nt = 0, i = 0, k;

	/* ISO first: 2026-03-10 or 2026/03/10 */
	for (i = 0; i + 10 <= n; i++) {
		const char *p = s + i;
		if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
		    p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && (p[4] == '-' || p[4] == '/') &&
		    p[5] >= '0' && p[5] <= '1' && p[6] >= '0' && p[6] <= '9' && p[7] == p[4] &&
		    p[8] >= '0' && p[8] <= '3' && p[9] >= '0' && p[9] <= '9' &&
		    (i == 0 || !(p[-1] >= '0' && p[-1] <= '9'))) {
			long y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
				 (p[3] - '0');
			long m = (p[5] - '0') * 10 + (p[6] - '0'),
			     dd = (p[8] - '0') * 10 + (p[9] - '0');
			if (tk_date_ok(y, m, dd)) {
				tk_date_fmt(out, y, m, dd);
				*start = i;
				return i + 10 + 1;
			}
		}
	}
	/* Words and numbers: "March 10, 2026", "10 March 2026", "10. März 2026", "10 de marzo de
	 * 2026". */
	i = 0;
	while (i < n && nt < sizeof t / sizeof t[0]) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			size_t b0 = i;
			long v = 0;
			while (i < n && s[i] >= '0' && s[i] <= '9') {
				if (v < 100000)
					v = v * 10 + (s[i] - '0');
				i++;
			}
			/* ordinal suffixes: 10th, 1st, 1er */
			size_t e = i;
			while (i < n && ((s[i] >= 'a' && s[i] <= 'z')) && i - e < 3)
				i++;
			t[nt++] = (struct tk_dtok){b0, e, 1, v};
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
			size_t b0 = i;
			while (i < n &&
			       (((unsigned char)s[i] >= 'a' && (unsigned char)s[i] <= 'z') ||
				((unsigned char)s[i] >= 'A' && (unsigned char)s[i] <= 'Z') ||
				(unsigned char)s[i] >= 0x80))
				i++;
			t[nt++] = (struct tk_dtok){b0, i, 0, 0};
		} else {
			i++;
		}
	}
	for (k = 0; k < nt; k++) {
		int m;
		if (t[k].num || !(m = tk_month_lookup(s + t[k].s, t[k].e - t[k].s)))
			continue;
		/* Month D, YYYY */
		if (k + 2 < nt && t[k + 1].num && t[k + 2].num && t[k + 1].e - t[k + 1].s <= 2 &&
		    t[k + 2].e - t[k + 2].s == 4 && tk_date_ok(t[k + 2].v, m, t[k + 1].v)) {
			tk_date_fmt(out, t[k + 2].v, m, t[k + 1].v);
			*start = t[k].s;
			return t[k + 2].e + 1;
		}
		/* D [de] Month [de] YYYY */
		size_t dk = k, yk = k + 1;
		if (dk >= 1 && !t[dk - 1].num && t[dk - 1].e - t[dk - 1].s == 2 &&
		    strncasecmp(s + t[dk - 1].s, "de", 2) == 0)
			dk--;
		if (yk < nt && !t[yk].num && t[yk].e - t[yk].s == 2 &&
		    strncasecmp(s + t[yk].s, "de", 2) == 0)
			yk++;
		if (dk >= 1 && t[dk - 1].num && t[dk - 1].e - t[dk - 1].s <= 2 && yk < nt &&
		    t[yk].num && t[yk].e - t[yk].s == 4 && tk_date_ok(t[yk].v, m, t[dk - 1].v)) {
			tk_date_fmt(out, t[yk].v, m, t[dk - 1].v);
			*start = t[dk - 1].s;
			return t[yk].e + 1;
		}
	}
	return 0;
}
