/* The stick's logo: validated and decoded once, by the import (logo_png.c,
 * libpng with every limit set before a pixel is inflated), then kept in the
 * cache as bounded RGBA pixels (".logo": magic, width, height, pixels) that
 * the display reads and bounds-checks without ever decoding stick bytes.
 * Pure: no I/O, no globals, no logging. */
#ifndef TK_LOGO_H
#define TK_LOGO_H

#include <stddef.h>
#include <stdint.h>

/* The file at the top of a stick (matched without regard to case). */
#define TK_LOGO_NAME "logo.png"
#if !defined(TK_LOGO_FILE_MAX)
#define TK_LOGO_FILE_MAX (1024 * 1024) /* bytes of logo.png read at most */
#endif
#if !defined(TK_LOGO_MAX_DIM)
#define TK_LOGO_MAX_DIM 1024 /* logo.png: width and height at most (checked in IHDR) */
#endif
#if !defined(TK_LOGO_STORE_MAX)
#define TK_LOGO_STORE_MAX 512 /* the cache's copy: longest side at most */
#endif
#define TK_LOGO_MAGIC "TKLOGO1\n" /* 8 bytes, then width and height (u32 LE), pixels */
#define TK_LOGO_HEADER 16

struct tk_logo {
	int w, h;
	unsigned char *px; /* w * h * 4 bytes, R G B A, straight (not premultiplied) alpha */
};

/* A new logo of w x h transparent pixels (1..TK_LOGO_MAX_DIM each way).
 * TK_OK, TK_EINVAL, TK_ENOMEM. */
int tk_logo_create(int w, int h, struct tk_logo **out);

/* Validate and decode the PNG bytes of a logo: at most TK_LOGO_FILE_MAX bytes,
 * TK_LOGO_MAX_DIM pixels each way (read from IHDR before any decoding),
 * ancillary chunks capped, then scaled down to TK_LOGO_STORE_MAX. On TK_EPARSE
 * (not a PNG, damaged, cut short) or TK_ETOOBIG (file or dimensions), why
 * holds a sentence for the stick report. *out is freed with tk_logo_free.
 * Returns TK_OK, TK_EPARSE, TK_ETOOBIG or TK_ENOMEM. */
int tk_logo_decode(const void *png, size_t len, struct tk_logo **out, char *why, size_t whysize);

/* A new logo: a copy of in scaled down (area average, alpha-weighted) to fit
 * maxw x maxh, keeping its proportions; never scaled up. TK_OK, TK_EINVAL
 * (a bound under 1), TK_ENOMEM. */
int tk_logo_scale(const struct tk_logo *in, int maxw, int maxh, struct tk_logo **out);

/* The cache file of a logo: *out (tk_free) holds TK_LOGO_HEADER + w*h*4
 * bytes. TK_OK, TK_EINVAL (over TK_LOGO_STORE_MAX), TK_ENOMEM. */
int tk_logo_encode(const struct tk_logo *l, unsigned char **out, size_t *len);

/* Read a cache file back: magic, 1..TK_LOGO_STORE_MAX each way, exactly the
 * pixel bytes the header promises. TK_OK, TK_EPARSE, TK_ENOMEM. */
int tk_logo_parse(const void *buf, size_t len, struct tk_logo **out);

/* FNV-1a of the size and pixels (equal logos, equal hashes). */
uint64_t tk_logo_hash(const struct tk_logo *l);

/* Accepts NULL. */
void tk_logo_free(struct tk_logo *l);

#endif
