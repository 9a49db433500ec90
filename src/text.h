/* Text helpers for the article reader: encoding detection, decoding to
 * UTF-8 (glibc iconv), NFC normalisation (libunistring) and whitespace
 * cleanup. Pure: no I/O, no globals, no logging. */
#ifndef TK_TEXT_H
#define TK_TEXT_H

#include <stddef.h>

struct tk_arena;

/* Encodings the sniffer can name; anything else declared in the document is
 * passed to iconv by name. */
enum tk_enc {
	TK_ENC_UTF8,
	TK_ENC_UTF8_BOM,
	TK_ENC_UTF16LE,
	TK_ENC_UTF16BE,
	TK_ENC_CP1252,
	TK_ENC_LATIN1,
	TK_ENC_OTHER
};

/* What the sniffer decided, and how many bytes of BOM to skip. */
struct tk_enc_guess {
	enum tk_enc enc;
	size_t bom;
	char name[32]; /* lower-case name for reports: "utf-8", "windows-1252", ... */
};

/* Decide the encoding of raw bytes. declared is the charset named by the
 * document (HTML meta, XML declaration) or NULL; a BOM wins over it, and
 * valid UTF-8 with non-ASCII text wins over a declared single-byte charset
 * (CMS templates often lie). Never fails. */
void tk_text_sniff(const unsigned char *b, size_t len, const char *declared,
		   struct tk_enc_guess *out);

/* Look for a charset declaration in the first bytes of an ASCII-compatible
 * document (<meta charset=...>, <meta http-equiv ... content="...charset=...">,
 * <?xml ... encoding="..."?>). Writes the lower-cased name into buf (NUL-
 * terminated) and returns 1, or returns 0 when there is none. */
int tk_text_declared_charset(const unsigned char *b, size_t len, char *buf, size_t size);

/* Decode b[0..len) from the sniffed encoding to UTF-8 with LF line ends
 * (CRLF and CR become LF; invalid sequences become U+FFFD; NUL and other
 * C0 controls except TAB/LF are dropped). The result lives in arena a and is
 * NUL-terminated. Returns TK_OK, TK_ENOMEM, or TK_EUNSUPP when iconv does not
 * know a declared charset (callers then retry as windows-1252). */
int tk_text_decode(const unsigned char *b, size_t len, const struct tk_enc_guess *g,
		   struct tk_arena *a, char **out, size_t *outlen);

/* One cleaned paragraph or title: whitespace runs (including newlines, tabs
 * and no-break spaces) collapse to one space, ends are trimmed, zero-width
 * characters and soft hyphens vanish, a no-break or thin space between digits
 * becomes U+202F (kept as a thousands separator), and the result is NFC.
 * Returns the arena copy, or NULL with *err = TK_OK when nothing is left,
 * or NULL with *err = TK_ENOMEM. */
char *tk_text_clean(struct tk_arena *a, const char *s, size_t n, int *err);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid/truncated. */
size_t tk_utf8_len(const unsigned char *s, size_t n);
/* Decode one code point at s (n bytes available); sets *adv to the number of
 * bytes consumed (>= 1 even on invalid input, which decodes to U+FFFD). */
unsigned tk_utf8_get(const unsigned char *s, size_t n, size_t *adv);
/* Encode cp as UTF-8 into buf (4 bytes, libunistring); returns the length, 0
 * for a surrogate or a value past U+10FFFF (nothing written). */
size_t tk_utf8_put(unsigned cp, char *buf);

#endif
