/* The logo's PNG decoder: every limit is set before a pixel is inflated (file
 * size, IHDR dimensions read by hand first, libpng's user limits, a cap on
 * ancillary chunks and their decompressed size), so a decompression bomb or a
 * huge canvas is refused cheaply. The only code that decodes stick PNG bytes;
 * the display links it only for plain directories (snapshot, preview). */
#include <inttypes.h>
#include <png.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "logo.h"
#include "mem.h"

#define TK_PNG_CHUNK_MAX (256 * 1024) /* decompressed ancillary chunk (iCCP, zTXt) */
#define TK_PNG_CHUNK_CACHE 64	      /* ancillary chunks kept at most */

/* Decoder state on the heap: libpng longjmps out of tk_png_run. */
struct tk_png {
	const unsigned char *p;
	size_t len, off;
	int oom;
	const char *stage; /* the report's words when libpng stops here */
	png_structp png;
	png_infop info;
	struct tk_logo *logo;
	png_bytep *rows;
};

static uint32_t tk_png_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void tk_png_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void tk_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static png_voidp tk_png_malloc(png_structp png, png_alloc_size_t n)
{
	struct tk_png *c = png_get_mem_ptr(png);
	void *p = tk_malloc(n);

	if (!p)
		c->oom = 1;
	return p;
}

static void tk_png_free(png_structp png, png_voidp p)
{
	(void)png;
	tk_free(p);
}

static void tk_png_read(png_structp png, png_bytep out, size_t n)
{
	struct tk_png *c = png_get_io_ptr(png);

	if (n > c->len - c->off)
		png_error(png, "cut short");
	memcpy(out, c->p + c->off, n);
	c->off += n;
}

static int tk_png_chunks(const unsigned char *p, size_t len, char *why, size_t ws);

/* Signature, file size, IHDR dimensions and chunk lengths, from the bytes,
 * before libpng. */
static int tk_png_precheck(const unsigned char *p, size_t len, char *why, size_t ws)
{
	uint32_t w, h;

	if (len < 8 || png_sig_cmp(p, 0, 8)) {
		snprintf(why, ws, "not a PNG image");
		return TK_EPARSE;
	}
	if (len > TK_LOGO_FILE_MAX) {
		snprintf(why, ws, "the file is %zu KB; a logo may have at most %d KB", len / 1024,
			 TK_LOGO_FILE_MAX / 1024);
		return TK_ETOOBIG;
	}
	if (len < 33 || tk_png_be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4)) {
		snprintf(why, ws, "the PNG header is damaged or cut short");
		return TK_EPARSE;
	}
	w = tk_png_be32(p + 16);
	h = tk_png_be32(p + 20);
	if (!w || !h) {
		snprintf(why, ws, "the PNG header is damaged (no pixels)");
		return TK_EPARSE;
	}
	if (w > TK_LOGO_MAX_DIM || h > TK_LOGO_MAX_DIM) {
		snprintf(why, ws,
			 "the image is %" PRIu32 "x%" PRIu32 " pixels; a logo may have "
			 "at most %dx%d",
			 w, h, TK_LOGO_MAX_DIM, TK_LOGO_MAX_DIM);
		return TK_ETOOBIG;
	}
	return tk_png_chunks(p, len, why, ws);
}

/* Every chunk's declared length within the file, up to IEND: libpng
 * allocates a chunk's declared length before reading it (a 1 GB zTXt in a
 * 47-byte file, found by fuzz_logo), so no chunk may promise more than the
 * file holds. */
static int tk_png_chunks(const unsigned char *p, size_t len, char *why, size_t ws)
{
	size_t off = 8;

	while (len - off >= 12) {
		uint32_t n = tk_png_be32(p + off);

		if (n > len - off - 12)
			break;
		if (!memcmp(p + off + 4, "IEND", 4))
			return TK_OK;
		off += 12 + (size_t)n;
	}
	snprintf(why, ws, "the PNG is damaged or cut short");
	return TK_EPARSE;
}

/* Limits, header, transforms to 8-bit RGBA, then the rows. */
static int tk_png_run(struct tk_png *c)
{
	png_uint_32 w, h;
	int depth, ctype;

	if (setjmp(png_jmpbuf(c->png)))
		return c->oom ? TK_ENOMEM : TK_EPARSE;
	png_set_user_limits(c->png, TK_LOGO_MAX_DIM, TK_LOGO_MAX_DIM);
	png_set_chunk_cache_max(c->png, TK_PNG_CHUNK_CACHE);
	png_set_chunk_malloc_max(c->png, TK_PNG_CHUNK_MAX);
	png_set_keep_unknown_chunks(c->png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
	png_set_read_fn(c->png, c, tk_png_read);
	c->stage = "the PNG header is damaged";
	png_read_info(c->png, c->info);
	png_get_IHDR(c->png, c->info, &w, &h, &depth, &ctype, NULL, NULL, NULL);
	png_set_expand(c->png); /* palette, grey under 8 bits, tRNS: to RGB(A) */
	png_set_strip_16(c->png);
	png_set_gray_to_rgb(c->png);
	if (!(ctype & PNG_COLOR_MASK_ALPHA) && !png_get_valid(c->png, c->info, PNG_INFO_tRNS))
		png_set_add_alpha(c->png, 0xff, PNG_FILLER_AFTER);
	(void)png_set_interlace_handling(c->png);
	png_read_update_info(c->png, c->info);
	if (png_get_rowbytes(c->png, c->info) != (size_t)w * 4)
		png_error(c->png, "unexpected row layout");
	if (tk_logo_create((int)w, (int)h, &c->logo) == TK_ENOMEM)
		c->oom = 1;
	c->rows = c->logo ? tk_malloc((size_t)h * sizeof *c->rows) : NULL;
	if (!c->rows) {
		c->oom = 1;
		png_error(c->png, "out of memory");
	}
	for (png_uint_32 y = 0; y < h; y++)
		c->rows[y] = c->logo->px + (size_t)y * (size_t)w * 4;
	c->stage = "the PNG image data is damaged or cut short";
	png_read_image(c->png, c->rows);
	/* The rest of the file (after the pixels) is never inflated. */
	return TK_OK;
}

int tk_logo_decode(const void *png, size_t len, struct tk_logo **out, char *why, size_t whysize)
{
	struct tk_png *c = NULL;
	int err;

	*out = NULL;
	why[0] = '\0';
	err = tk_png_precheck(png, len, why, whysize);
	if (err)
		return err;
	c = tk_calloc(1, sizeof *c);
	if (!c) {
		err = TK_ENOMEM;
		goto out;
	}
	c->p = png;
	c->len = len;
	c->png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, c, tk_png_error, tk_png_warning, c,
					  tk_png_malloc, tk_png_free);
	c->info = c->png ? png_create_info_struct(c->png) : NULL;
	if (!c->info) {
		err = TK_ENOMEM;
		goto out;
	}
	err = tk_png_run(c);
	if (err == TK_EPARSE)
		snprintf(why, whysize, "%s", c->stage ? c->stage : "damaged");
	if (!err && (c->logo->w > TK_LOGO_STORE_MAX || c->logo->h > TK_LOGO_STORE_MAX))
		err = tk_logo_scale(c->logo, TK_LOGO_STORE_MAX, TK_LOGO_STORE_MAX, out);
	else if (!err) {
		*out = c->logo;
		c->logo = NULL;
	}
out:
	if (err == TK_ENOMEM)
		snprintf(why, whysize, "out of memory");
	if (c) {
		if (c->png)
			png_destroy_read_struct(&c->png, c->info ? &c->info : NULL, NULL);
		tk_free(c->rows);
		tk_logo_free(c->logo);
		tk_free(c);
	}
	return err;
}
