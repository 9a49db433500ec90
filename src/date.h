/* Dates and month names as articles write them (en/fr/de/es). Pure. */
#ifndef TK_DATE_H
#define TK_DATE_H

#include <stddef.h>

/* Parse a date written in one of the common ways (ISO 8601, RFC 822,
 * "March 10, 2026", "10 March 2026", "10. März 2026", "10 mars 2026",
 * "10 de marzo de 2026") somewhere in s[0..n); writes "YYYY-MM-DD".
 * Returns the offset just past the date + 1 (so 0 means none found) and
 * *start the offset where it begins. */
size_t tk_date_find(const char *s, size_t n, char out[11], size_t *start);

/* Month number 1..12 of a month name or abbreviation (en/fr/de/es), else 0. */
int tk_month_name(const char *w, size_t n);

#endif
