/* Encoding sniffing and decoding to UTF-8, NFC and whitespace cleanup for the
 * article reader. Single-byte and UTF-16 input goes through glibc iconv; UTF-8
 * is validated in place, which keeps the common case fast. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uninorm.h>
#include <unistr.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "text.h"

/* libunistring's decoder: it refuses overlong forms, surrogates and code
 * points past U+10FFFF, as this reader must. */
size_t tk_utf8_len(const unsigned char *s, size_t n)
{
	ucs4_t uc;
	int l = u8_mbtoucr(&uc, s, n);

	return l > 0 ? (size_t)l : 0;
}

unsigned tk_utf8_get(const unsigned char *s, size_t n, size_t *adv)
{
	ucs4_t uc;
	int l = u8_mbtoucr(&uc, s, n);

	*adv = l > 0 ? (size_t)l : 1;
	return l > 0 ? (unsigned)uc : 0xFFFD;
}

size_t tk_utf8_put(unsigned cp, char *buf)
{
	int n = u8_uctomb((uint8_t *)buf, (ucs4_t)cp, 4);

	return n > 0 ? (size_t)n : 0;
}

/* Canonical report names for the aliases documents use. */
static void tk_text_canon(const char *in, char *buf, size_t size)
{
	static const struct {
		const char *alias, *name;
	} map[] = {
	    {"utf8", "utf-8"},
	    {"utf-8", "utf-8"},
	    {"unicode-1-1-utf-8", "utf-8"},
	    {"latin1", "iso-8859-1"},
	    {"latin-1", "iso-8859-1"},
	    {"iso8859-1", "iso-8859-1"},
	    {"iso_8859-1", "iso-8859-1"},
	    {"iso-8859-1", "iso-8859-1"},
	    {"l1", "iso-8859-1"},
	    {"us-ascii", "iso-8859-1"},
	    {"ascii", "iso-8859-1"},
	    {"cp1252", "windows-1252"},
	    {"windows-1252", "windows-1252"},
	    {"x-cp1252", "windows-1252"},
	    {"win-1252", "windows-1252"},
	    {"cp-1252", "windows-1252"},
	    {"utf-16", "utf-16le"},
	    {"utf-16le", "utf-16le"},
	    {"utf-16be", "utf-16be"},
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (tk_ascii_eq_lower(in, strlen(in), map[i].alias)) {
			in = map[i].name;
			break;
		}
	}
	for (; in[n] && n + 1 < size; n++)
		buf[n] = (char)tk_ascii_lower((unsigned char)in[n]);
	buf[n] = '\0';
}

int tk_text_declared_charset(const unsigned char *b, size_t len, char *buf, size_t size)
{
	/* Browsers look at the first 1024 bytes; XML declarations are at the start. */
	size_t lim = len < 2048 ? len : 2048, i;

	for (i = 0; i + 8 < lim; i++) {
		const unsigned char *p = b + i;
		size_t j, k, rest;

		if (p[0] != 'c' && p[0] != 'C' && p[0] != 'e' && p[0] != 'E')
			continue;
		rest = lim - i;
		if (rest > 8 && strncasecmp((const char *)p, "charset", 7) == 0)
			j = 7;
		else if (rest > 9 && strncasecmp((const char *)p, "encoding", 8) == 0 && i >= 1 &&
			 (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n'))
			j = 8;
		else
			continue;
		while (j < rest && (p[j] == ' ' || p[j] == '\t'))
			j++;
		if (j >= rest || p[j] != '=')
			continue;
		j++;
		while (j < rest && (p[j] == ' ' || p[j] == '"' || p[j] == '\''))
			j++;
		for (k = j; k < rest && k - j < 30; k++) {
			unsigned char c = p[k];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
			      c == '.'))
				break;
		}
		if (k == j || k - j >= 30)
			continue;
		{
			char tmp[32];
			memcpy(tmp, p + j, k - j);
			tmp[k - j] = '\0';
			tk_text_canon(tmp, buf, size);
		}
		return 1;
	}
	return 0;
}

/* Counts over the input that decide between UTF-8 and single-byte charsets. */
struct tk_utf8_stats {
	size_t multibyte, invalid, c1; /* c1: bytes 0x80..0x9F (only cp1252 uses them) */
	size_t high;
};

static void tk_text_utf8_stats(const unsigned char *b, size_t len, struct tk_utf8_stats *st)
{
	size_t i = 0;

	memset(st, 0, sizeof *st);
	while (i < len) {
		/* Skip ASCII eight bytes at a time: most articles are mostly ASCII. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, b + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (b[i] < 0x80) {
			i++;
			continue;
		}
		st->high++;
		if (b[i] < 0xA0)
			st->c1++;
		size_t l = tk_utf8_len(b + i, len - i);
		if (l) {
			st->multibyte++;
			st->high += l - 1;
			i += l;
		} else {
			st->invalid++;
			i++;
		}
	}
}

void tk_text_sniff(const unsigned char *b, size_t len, const char *declared,
		   struct tk_enc_guess *out)
{
	struct tk_utf8_stats st;

	memset(out, 0, sizeof *out);
	if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		out->enc = TK_ENC_UTF8_BOM;
		out->bom = 3;
		strcpy(out->name, "utf-8");
		return;
	}
	if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		out->enc = TK_ENC_UTF16LE;
		out->bom = 2;
		strcpy(out->name, "utf-16le");
		return;
	}
	if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		out->enc = TK_ENC_UTF16BE;
		out->bom = 2;
		strcpy(out->name, "utf-16be");
		return;
	}
	/* UTF-16 without a BOM: Latin text has a NUL in every other byte. */
	if (len >= 8 && len % 2 == 0) {
		size_t lim = len < 4096 ? len : 4096, even = 0, odd = 0, i;
		for (i = 0; i < lim; i++)
			if (!b[i]) {
				if (i % 2)
					odd++;
				else
					even++;
			}
		if (odd > lim / 4 && even == 0) {
			out->enc = TK_ENC_UTF16LE;
			strcpy(out->name, "utf-16le");
			return;
		}
		if (even > lim / 4 && odd == 0) {
			out->enc = TK_ENC_UTF16BE;
			strcpy(out->name, "utf-16be");
			return;
		}
	}
	tk_text_utf8_stats(b, len, &st);
	/* Valid UTF-8 (a stray bad byte tolerated in a long text) is UTF-8
	 * whatever the document claims: editors rewrite files but not meta tags. */
	if (st.multibyte > 0 && st.invalid * 20 <= st.multibyte) {
		out->enc = TK_ENC_UTF8;
		strcpy(out->name, "utf-8");
		return;
	}
	if (declared && *declared) {
		char canon[32];
		tk_text_canon(declared, canon, sizeof canon);
		if (strcmp(canon, "utf-8") == 0 && st.invalid == 0) {
			out->enc = TK_ENC_UTF8;
		} else if (strcmp(canon, "utf-8") == 0 || strcmp(canon, "utf-16le") == 0 ||
			   strcmp(canon, "utf-16be") == 0) {
			/* A UTF declaration on bytes that are not: guess below. */
			canon[0] = '\0';
		} else if (strcmp(canon, "iso-8859-1") == 0) {
			/* As browsers do: latin-1 labels mean windows-1252, which only
			 * differs where latin-1 has unused control codes. */
			out->enc = st.c1 ? TK_ENC_CP1252 : TK_ENC_LATIN1;
			strcpy(canon, st.c1 ? "windows-1252" : "iso-8859-1");
		} else if (strcmp(canon, "windows-1252") == 0) {
			out->enc = TK_ENC_CP1252;
		} else {
			out->enc = TK_ENC_OTHER;
		}
		if (canon[0]) {
			memcpy(out->name, canon, sizeof out->name);
			out->name[sizeof out->name - 1] = '\0';
			return;
		}
	}
	if (st.high == 0) {
		out->enc = TK_ENC_UTF8; /* plain ASCII */
		strcpy(out->name, "utf-8");
		return;
	}
	if (st.c1) {
		out->enc = TK_ENC_CP1252;
		strcpy(out->name, "windows-1252");
	} else {
		out->enc = TK_ENC_LATIN1;
		strcpy(out->name, "iso-8859-1");
	}
}

/* Output buffer growing in the arena is awkward: build in a tk_sb (buf.h). */

/* Append bytes, turning CR/CRLF into LF and dropping NUL and C0 controls. */
static void tk_text_put_clean(struct tk_sb *s, const char *src, size_t n, int *pending_cr)
{
	size_t i = 0;
	char *d;
	int cr = *pending_cr;

	if (tk_sb_reserve(s, n))
		return;
	/* a local cursor: stores through s->p would make the compiler reload
	 * s->len for every byte */
	d = s->p + s->len;
	while (i < n) {
		unsigned char c = (unsigned char)src[i++];
		if (c >= 0x20 && c != 0x7F) {
			cr = 0;
			*d++ = (char)c;
			continue;
		}
		if (cr) {
			cr = 0;
			if (c == '\n')
				continue;
		}
		if (c == '\r') {
			*d++ = '\n';
			cr = 1;
		} else if (c < 0x20 && c != '\n' && c != '\t') {
			if (c == '\f' || c == '\v')
				*d++ = '\n';
		} else if (c != 0x7F) {
			*d++ = (char)c;
		}
	}
	s->len = (size_t)(d - s->p);
	*pending_cr = cr;
}

static const char *tk_text_iconv_name(const struct tk_enc_guess *g)
{
	switch (g->enc) {
	case TK_ENC_UTF16LE:
		return "UTF-16LE";
	case TK_ENC_UTF16BE:
		return "UTF-16BE";
	case TK_ENC_CP1252:
		return "WINDOWS-1252";
	case TK_ENC_LATIN1:
		return "ISO-8859-1";
	default:
		return g->name;
	}
}

int tk_text_decode(const unsigned char *b, size_t len, const struct tk_enc_guess *g,
		   struct tk_arena *a, char **out, size_t *outlen)
{
	struct tk_sb s = {0};
	iconv_t cd = (iconv_t)-1;
	int err = TK_OK, cr = 0;
	char *res;

	b += g->bom;
	len -= g->bom;
	if (g->enc == TK_ENC_UTF8 || g->enc == TK_ENC_UTF8_BOM) {
		size_t i = 0, start = 0;
		if (tk_sb_reserve(&s, len))
			goto nomem;
		while (i < len) {
			if (b[i] < 0x80) {
				i++;
				continue;
			}
			size_t l = tk_utf8_len(b + i, len - i);
			if (l) {
				i += l;
				continue;
			}
			tk_text_put_clean(&s, (const char *)b + start, i - start, &cr);
			tk_text_put_clean(&s, "\xEF\xBF\xBD", 3, &cr);
			i++;
			start = i;
		}
		tk_text_put_clean(&s, (const char *)b + start, len - start, &cr);
	} else {
		char chunk[8192];
		char *in = (char *)b;
		size_t inleft = len;
		size_t unit = (g->enc == TK_ENC_UTF16LE || g->enc == TK_ENC_UTF16BE) ? 2 : 1;

		cd = iconv_open("UTF-8", tk_text_iconv_name(g));
		if (cd == (iconv_t)-1) {
			err = errno == ENOMEM ? TK_ENOMEM : TK_EUNSUPP;
			goto out;
		}
		while (inleft > 0) {
			char *o = chunk;
			size_t oleft = sizeof chunk;
			size_t r = iconv(cd, &in, &inleft, &o, &oleft);
			tk_text_put_clean(&s, chunk, sizeof chunk - oleft, &cr);
			if (r == (size_t)-1) {
				if (errno == E2BIG)
					continue;
				/* Invalid or truncated input: mark it and resynchronise. */
				if (unit == 1 && g->enc == TK_ENC_CP1252) {
					/* the five bytes cp1252 leaves undefined carry nothing */
				} else {
					tk_text_put_clean(&s, "\xEF\xBF\xBD", 3, &cr);
				}
				size_t skip = inleft < unit ? inleft : unit;
				in += skip;
				inleft -= skip;
			}
		}
	}
	if (s.err)
		goto nomem;
	res = tk_arena_alloc(a, s.len + 1);
	if (!res)
		goto nomem;
	if (s.len)
		memcpy(res, s.p, s.len);
	res[s.len] = '\0';
	*out = res;
	*outlen = s.len;
	goto out;
nomem:
	err = TK_ENOMEM;
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	tk_free(s.p);
	return err;
}

static int tk_text_is_space_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000 || cp == 0x85;
}

static int tk_text_is_invisible(unsigned cp)
{
	return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0x80 && cp < 0xA0 && cp != 0x85) || cp < 0x09 ||
	       (cp > 0x0A && cp < 0x20) || cp == 0x7F;
}

/* An arena copy of buf[0..n), NFC-normalised unless ascii says nothing in it
 * could change. NULL with *err = TK_ENOMEM when out of memory. */
static char *tk_text_nfc_copy(struct tk_arena *a, const char *buf, size_t n, int ascii, int *err)
{
	uint8_t nbuf[1024];
	size_t nlen = sizeof nbuf;
	uint8_t *norm;
	char *res;

	if (ascii) {
		res = tk_arena_strndup(a, buf, n);
	} else {
		norm = u8_normalize(UNINORM_NFC, (const uint8_t *)buf, n, nbuf, &nlen);
		if (!norm) {
			*err = TK_ENOMEM;
			return NULL;
		}
		res = tk_arena_strndup(a, (const char *)norm, nlen);
		if (norm != nbuf)
			free(norm);
	}
	if (!res)
		*err = TK_ENOMEM;
	return res;
}

char *tk_text_clean(struct tk_arena *a, const char *s, size_t n, int *err)
{
	const unsigned char *u = (const unsigned char *)s;
	char stackbuf[1024];
	char *buf = stackbuf, *res = NULL;
	size_t i = 0, o = 0;
	int space = 0, ascii = 1; /* ascii: nothing that NFC could change */
	unsigned prev_cp = 0;

	*err = TK_OK;
	/* output can grow: a stray byte becomes U+FFFD (3 bytes), a 2-byte
	 * no-break space between digits becomes U+202F (3 bytes) */
	if (n > (SIZE_MAX - 4) / 3) {
		*err = TK_ENOMEM;
		return NULL;
	}
	if (3 * n + 4 > sizeof stackbuf) {
		buf = tk_malloc(3 * n + 4);
		if (!buf) {
			*err = TK_ENOMEM;
			return NULL;
		}
	}
	while (i < n) {
		unsigned cp;
		size_t adv;

		/* fast path: printable ASCII is copied as it is */
		if (u[i] > 0x20 && u[i] < 0x7F) {
			if (space) {
				buf[o++] = ' ';
				space = 0;
			}
			prev_cp = u[i];
			buf[o++] = (char)u[i++];
			continue;
		}
		if (u[i] < 0x80) {
			cp = u[i];
			adv = 1;
		} else {
			cp = tk_utf8_get(u + i, n - i, &adv);
			/* Latin-1/Latin Extended (below the combining marks at U+0300)
			 * and punctuation, currency signs are NFC on their own */
			if (!(cp < 0x300 || (cp >= 0x2002 && cp <= 0x206F) ||
			      (cp >= 0x20A0 && cp <= 0x20CF)))
				ascii = 0;
		}
		if (tk_text_is_space_cp(cp)) {
			/* A no-break or thin space between digits is a thousands
			 * separator ("82 000"): keep it, as one narrow no-break space. */
			if (cp != ' ' && cp != '\n' && cp != '\t' && prev_cp >= '0' &&
			    prev_cp <= '9' && i + adv < n && u[i + adv] >= '0' &&
			    u[i + adv] <= '9' && !space) {
				o += tk_utf8_put(0x202F, buf + o);
				prev_cp = 0x202F;
				i += adv;
				continue;
			}
			if (o > 0)
				space = 1;
			i += adv;
			continue;
		}
		if (tk_text_is_invisible(cp)) {
			i += adv;
			continue;
		}
		if (space) {
			buf[o++] = ' ';
			space = 0;
		}
		if (adv == 1 || cp != 0xFFFD || tk_utf8_len(u + i, n - i)) {
			memcpy(buf + o, s + i, adv);
			o += adv;
		} else {
			o += tk_utf8_put(0xFFFD, buf + o); /* invalid input byte */
		}
		prev_cp = cp;
		i += adv;
	}
	if (o > 0)
		res = tk_text_nfc_copy(a, buf, o, ascii, err);
	if (buf != stackbuf)
		tk_free(buf);
	return res;
}
