/* Logo pixels for the display: creation, scaling (area average with alpha
 * weighting, so transparent edges do not darken), the cache file format
 * (".logo") and its bounds-checked reader. The PNG decoder is logo_png.c. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "logo.h"
#include "mem.h"

int tk_logo_create(int w, int h, struct tk_logo **out)
{
	struct tk_logo *l = NULL;

	*out = NULL;
	if (w < 1 || h < 1 || w > TK_LOGO_MAX_DIM || h > TK_LOGO_MAX_DIM)
		return TK_EINVAL;
	l = tk_calloc(1, sizeof *l);
	if (!l)
		return TK_ENOMEM;
	l->px = tk_calloc((size_t)w * (size_t)h, 4);
	if (!l->px) {
		tk_free(l);
		return TK_ENOMEM;
	}
	l->w = w;
	l->h = h;
	*out = l;
	return TK_OK;
}

void tk_logo_free(struct tk_logo *l)
{
	if (!l)
		return;
	tk_free(l->px);
	tk_free(l);
}

/* One destination pixel: the average of the source box [x0,x1) x [y0,y1),
 * colours weighted by their alpha. */
static void tk_logo_box(const struct tk_logo *in, int x0, int x1, int y0, int y1, unsigned char *d)
{
	uint64_t r = 0, g = 0, b = 0, a = 0, n = 0;

	for (int y = y0; y < y1; y++) {
		const unsigned char *p = in->px + ((size_t)y * (size_t)in->w + (size_t)x0) * 4;

		for (int x = x0; x < x1; x++, p += 4) {
			r += (uint64_t)p[0] * p[3];
			g += (uint64_t)p[1] * p[3];
			b += (uint64_t)p[2] * p[3];
			a += p[3];
			n++;
		}
	}
	d[0] = a ? (unsigned char)((r + a / 2) / a) : 0;
	d[1] = a ? (unsigned char)((g + a / 2) / a) : 0;
	d[2] = a ? (unsigned char)((b + a / 2) / a) : 0;
	d[3] = n ? (unsigned char)((a + n / 2) / n) : 0;
}

int tk_logo_scale(const struct tk_logo *in, int maxw, int maxh, struct tk_logo **out)
{
	int w = in->w, h = in->h, err;

	*out = NULL;
	if (maxw < 1 || maxh < 1)
		return TK_EINVAL;
	/* Fit the box, keeping the proportions (rounded, at least one pixel). */
	if (w > maxw) {
		h = (int)(((int64_t)h * maxw + w / 2) / w);
		w = maxw;
	}
	if (h > maxh) {
		w = (int)(((int64_t)w * maxh + h / 2) / h);
		h = maxh;
	}
	w = w < 1 ? 1 : w;
	h = h < 1 ? 1 : h;
	err = tk_logo_create(w, h, out);
	if (err)
		return err;
	for (int y = 0; y < h; y++) {
		int y0 = (int)((int64_t)y * in->h / h), y1 = (int)((int64_t)(y + 1) * in->h / h);

		for (int x = 0; x < w; x++) {
			int x0 = (int)((int64_t)x * in->w / w),
			    x1 = (int)((int64_t)(x + 1) * in->w / w);

			tk_logo_box(in, x0, x1 > x0 ? x1 : x0 + 1, y0, y1 > y0 ? y1 : y0 + 1,
				    (*out)->px + ((size_t)y * (size_t)w + (size_t)x) * 4);
		}
	}
	return TK_OK;
}

static void tk_logo_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t tk_logo_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int tk_logo_encode(const struct tk_logo *l, unsigned char **out, size_t *len)
{
	size_t n;

	*out = NULL;
	*len = 0;
	if (l->w < 1 || l->h < 1 || l->w > TK_LOGO_STORE_MAX || l->h > TK_LOGO_STORE_MAX)
		return TK_EINVAL;
	n = (size_t)l->w * (size_t)l->h * 4;
	*out = tk_malloc(TK_LOGO_HEADER + n);
	if (!*out)
		return TK_ENOMEM;
	memcpy(*out, TK_LOGO_MAGIC, 8);
	tk_logo_put32(*out + 8, (uint32_t)l->w);
	tk_logo_put32(*out + 12, (uint32_t)l->h);
	memcpy(*out + TK_LOGO_HEADER, l->px, n);
	*len = TK_LOGO_HEADER + n;
	return TK_OK;
}

int tk_logo_parse(const void *buf, size_t len, struct tk_logo **out)
{
	const unsigned char *b = buf;
	uint32_t w, h;
	int err;

	*out = NULL;
	if (len < TK_LOGO_HEADER || memcmp(b, TK_LOGO_MAGIC, 8))
		return TK_EPARSE;
	w = tk_logo_get32(b + 8);
	h = tk_logo_get32(b + 12);
	if (w < 1 || h < 1 || w > TK_LOGO_STORE_MAX || h > TK_LOGO_STORE_MAX ||
	    len - TK_LOGO_HEADER != (size_t)w * h * 4)
		return TK_EPARSE;
	err = tk_logo_create((int)w, (int)h, out);
	if (!err)
		memcpy((*out)->px, b + TK_LOGO_HEADER, (size_t)w * h * 4);
	return err;
}

uint64_t tk_logo_hash(const struct tk_logo *l)
{
	uint64_t h = 14695981039346656037ULL;
	size_t n;

	if (!l)
		return 0;
	h = (h ^ (uint64_t)l->w) * 1099511628211ULL;
	h = (h ^ (uint64_t)l->h) * 1099511628211ULL;
	n = (size_t)l->w * (size_t)l->h * 4;
	for (size_t i = 0; i < n; i++)
		h = (h ^ l->px[i]) * 1099511628211ULL;
	return h;
}
