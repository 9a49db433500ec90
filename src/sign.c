/* Signed drops: Ed25519 keys, the manifest of SHA-256 hashes, signing a
 * directory and verifying a stick against the trusted keys. Crypto is
 * libsodium's; this file only defines the small text formats around it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "err.h"
#include "mem.h"
#include "sign.h"
#include "walk.h"

#define TK_PUB_TAG "ticker-ed25519-public "
#define TK_SEC_TAG "ticker-ed25519-secret "
#define TK_SIG_TAG "ticker-signature-ed25519 "
#define TK_MAN_HEAD "ticker-manifest 1\n"
#define TK_LABEL_MAX 48

struct tk_key {
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char label[TK_LABEL_MAX + 1];
};

struct tk_keyring {
	struct tk_key *k;
	size_t n;
};

struct tk_mfile {
	char *path;
	unsigned char sha[32];
	uint64_t size;
	int seen;
};

struct tk_manifest {
	struct tk_mfile *f;
	size_t n;
	char signer[TK_LABEL_MAX + 1];
};

/* "<tag><base64> <label>\n": decode the key into out (exactly outlen bytes). */
static int tk_sign_parse_keyline(const char *text, size_t len, const char *tag, unsigned char *out,
				 size_t outlen, char *label)
{
	char line[512], *b64, *sp;
	size_t n = len < sizeof line - 1 ? len : sizeof line - 1, got = 0;

	memcpy(line, text, n);
	line[n] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, tag, strlen(tag)))
		return TK_EPARSE;
	b64 = line + strlen(tag);
	sp = strchr(b64, ' ');
	if (sp)
		*sp = '\0';
	if (sodium_base642bin(out, outlen, b64, strlen(b64), NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) ||
	    got != outlen)
		return TK_EPARSE;
	if (label)
		snprintf(label, TK_LABEL_MAX + 1, "%s", sp ? sp + 1 : "");
	return TK_OK;
}

int tk_sign_keyring_create(struct tk_keyring **out)
{
	*out = tk_calloc(1, sizeof **out);
	return *out ? TK_OK : TK_ENOMEM;
}

int tk_sign_keyring_add(struct tk_keyring *ring, const char *pubtext, size_t len)
{
	struct tk_key key, *nk;

	memset(&key, 0, sizeof key);
	if (tk_sign_parse_keyline(pubtext, len, TK_PUB_TAG, key.pk, sizeof key.pk, key.label))
		return TK_EPARSE;
	nk = tk_realloc(ring->k, (ring->n + 1) * sizeof *nk);
	if (!nk)
		return TK_ENOMEM;
	ring->k = nk;
	ring->k[ring->n++] = key;
	return TK_OK;
}

int tk_sign_keyring_load(const char *dir, struct tk_keyring **out, size_t *bad)
{
	struct tk_keyring *ring = NULL;
	DIR *d = NULL;
	struct dirent *de;
	int err, dfd = -1;
	size_t nbad = 0;

	*out = NULL;
	if (sodium_init() < 0)
		return TK_EIO;
	err = tk_sign_keyring_create(&ring);
	if (err)
		return err;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		err = errno == ENOENT ? TK_OK : TK_EIO;
		goto out;
	}
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		err = TK_EIO;
		goto out;
	}
	while ((de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		char buf[512];
		ssize_t r;
		int fd;

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".pub") || de->d_name[0] == '.')
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		r = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
		if (fd >= 0)
			close(fd);
		err = r > 0 ? tk_sign_keyring_add(ring, buf, (size_t)r) : TK_EPARSE;
		if (err == TK_ENOMEM)
			goto out;
		nbad += err != TK_OK;
		err = TK_OK;
	}
out:
	if (d)
		closedir(d);
	if (bad)
		*bad = nbad;
	if (err) {
		tk_sign_keyring_free(ring);
		ring = NULL;
	}
	*out = ring;
	return err;
}

void tk_sign_keyring_free(struct tk_keyring *ring)
{
	if (!ring)
		return;
	sodium_memzero(ring->k, ring->n * sizeof *ring->k);
	tk_free(ring->k);
	tk_free(ring);
}

size_t tk_sign_keyring_count(const struct tk_keyring *ring)
{
	return ring ? ring->n : 0;
}

static int tk_sign_write_new(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
	int err = TK_OK;

	if (fd < 0)
		return errno == EEXIST ? TK_EINVAL : TK_EIO;
	if (tk_io_write_all(fd, text, strlen(text)) || tk_io_fsync(fd))
		err = TK_EIO;
	if (close(fd) && !err)
		err = TK_EIO;
	return err;
}

int tk_sign_keygen(const char *base)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_sign_SECRETKEYBYTES,
					   sodium_base64_VARIANT_ORIGINAL)];
	char path[4096], text[512], label[TK_LABEL_MAX + 1];
	const char *slash = strrchr(base, '/'), *name = slash ? slash + 1 : base;
	size_t i, n = 0;
	int err;

	if (sodium_init() < 0)
		return TK_EIO;
	for (i = 0; name[i] && n < TK_LABEL_MAX; i++)
		if ((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') || strchr("._-", name[i]))
			label[n++] = name[i];
	label[n] = '\0';
	if (!n || strlen(base) + 5 >= sizeof path)
		return TK_EINVAL;
	crypto_sign_keypair(pk, sk);
	snprintf(path, sizeof path, "%s.key", base);
	sodium_bin2base64(b64, sizeof b64, sk, sizeof sk, sodium_base64_VARIANT_ORIGINAL);
	snprintf(text, sizeof text, TK_SEC_TAG "%s %s\n", b64, label);
	err = tk_sign_write_new(path, text, 0600);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(text, sizeof text);
	sodium_memzero(b64, sizeof b64);
	if (err)
		return err;
	snprintf(path, sizeof path, "%s.pub", base);
	sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
	snprintf(text, sizeof text, TK_PUB_TAG "%s %s\n", b64, label);
	return tk_sign_write_new(path, text, 0644);
}

/* ---- manifest ---- */

static int tk_mf_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tk_mfile *)a)->path, ((const struct tk_mfile *)b)->path);
}

static int tk_sign_unhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode a %XX-escaped path in place; reject NUL and malformed escapes. */
static int tk_sign_unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s != '%') {
			*w++ = *s;
			continue;
		}
		int hi = tk_sign_unhex((unsigned char)s[1]),
		    lo = hi < 0 ? -1 : tk_sign_unhex((unsigned char)s[2]);

		if (hi < 0 || lo < 0 || (hi | lo) == 0)
			return -1;
		*w++ = (char)(hi << 4 | lo);
		s += 2;
	}
	*w = '\0';
	return 0;
}

static int tk_manifest_parse(const char *text, size_t len, struct tk_manifest *m)
{
	char *copy = tk_strndup(text, len), *p, *eol;
	int err = TK_EPARSE, ended = 0;
	size_t cap = 0;

	if (!copy)
		return TK_ENOMEM;
	if (strlen(copy) != len || strncmp(copy, TK_MAN_HEAD, strlen(TK_MAN_HEAD)))
		goto out;
	for (p = copy + strlen(TK_MAN_HEAD); *p; p = eol + 1) {
		unsigned long long size;
		int off = 0;
		struct tk_mfile *f;

		eol = strchr(p, '\n');
		if (!eol || ended)
			goto out;
		*eol = '\0';
		if (!strncmp(p, "signer ", 7)) {
			snprintf(m->signer, sizeof m->signer, "%s", p + 7);
			continue;
		}
		if (!strcmp(p, "end")) {
			ended = 1;
			continue;
		}
		if (strncmp(p, "file ", 5) || strlen(p) < 5 + 64 + 4)
			goto out;
		if (m->n == cap) {
			struct tk_mfile *nf = tk_realloc(m->f, (cap ? cap * 2 : 64) * sizeof *nf);

			if (!nf) {
				err = TK_ENOMEM;
				goto out;
			}
			m->f = nf;
			cap = cap ? cap * 2 : 64;
		}
		f = &m->f[m->n];
		memset(f, 0, sizeof *f);
		for (int i = 0; i < 32; i++) {
			int hi = tk_sign_unhex((unsigned char)p[5 + 2 * i]),
			    lo = tk_sign_unhex((unsigned char)p[6 + 2 * i]);

			if (hi < 0 || lo < 0)
				goto out;
			f->sha[i] = (unsigned char)(hi << 4 | lo);
		}
		if (p[69] != ' ' || sscanf(p + 70, "%llu %n", &size, &off) != 1 || !off)
			goto out;
		f->size = size;
		f->path = tk_strdup(p + 70 + off);
		if (!f->path) {
			err = TK_ENOMEM;
			goto out;
		}
		m->n++;
		if (tk_sign_unescape(f->path) || !f->path[0])
			goto out;
	}
	if (!ended)
		goto out;
	if (m->n)
		qsort(m->f, m->n, sizeof *m->f, tk_mf_cmp);
	for (size_t i = 1; i < m->n; i++)
		if (!strcmp(m->f[i - 1].path, m->f[i].path))
			goto out; /* listed twice: not something sign writes */
	err = TK_OK;
out:
	tk_free(copy);
	return err;
}

int tk_manifest_verify(const void *man, size_t mlen, const void *sig, size_t slen,
		       const struct tk_keyring *ring, struct tk_manifest **out, const char **signer,
		       const char **reason)
{
	unsigned char s[crypto_sign_BYTES];
	struct tk_manifest *m = NULL;
	const struct tk_key *who = NULL;
	int err;

	*out = NULL;
	*signer = NULL;
	if (sodium_init() < 0)
		return TK_EIO;
	if (!ring || !ring->n) {
		*reason = "this ticker has no trusted key installed, so it cannot check signatures";
		return TK_ESIG;
	}
	if (tk_sign_parse_keyline(sig, slen, TK_SIG_TAG, s, sizeof s, NULL)) {
		*reason = "the signature file (" TK_SIGN_SIGNATURE ") is damaged";
		return TK_ESIG;
	}
	for (size_t i = 0; i < ring->n && !who; i++)
		if (!crypto_sign_verify_detached(s, man, mlen, ring->k[i].pk))
			who = &ring->k[i];
	if (!who) {
		*reason = "the signature was not made by a key this ticker trusts, "
			  "or the list of files was changed after signing";
		return TK_ESIG;
	}
	m = tk_calloc(1, sizeof *m);
	if (!m)
		return TK_ENOMEM;
	err = tk_manifest_parse(man, mlen, m);
	if (err) {
		*reason =
		    err == TK_ENOMEM ? "out of memory" : "the signed list of files is damaged";
		tk_manifest_free(m);
		return err;
	}
	/* The trusted key's own label, not the one the manifest claims. */
	snprintf(m->signer, sizeof m->signer, "%s", who->label);
	*signer = m->signer;
	*out = m;
	return TK_OK;
}

void tk_manifest_free(struct tk_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		tk_free(m->f[i].path);
	tk_free(m->f);
	tk_free(m);
}

int tk_manifest_check(struct tk_manifest *m, const char *path, const unsigned char sha[32],
		      uint64_t size)
{
	struct tk_mfile key = {(char *)path, {0}, 0, 0};
	struct tk_mfile *f = m->n ? bsearch(&key, m->f, m->n, sizeof *m->f, tk_mf_cmp) : NULL;

	if (!f)
		return TK_ENOENT;
	f->seen = 1;
	return f->size == size && !memcmp(f->sha, sha, 32) ? TK_OK : TK_ESIG;
}

const char *tk_manifest_unseen(const struct tk_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (!m->f[i].seen)
			return m->f[i].path;
	return NULL;
}

size_t tk_manifest_count(const struct tk_manifest *m)
{
	return m->n;
}

/* ---- signing a directory ---- */

struct tk_sign_walk {
	struct tk_manifest m;
	size_t cap;
	int err;
	char what[4096];
};

static int tk_sign_hash_fd(int fd, unsigned char sha[32], uint64_t *size)
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536];
	ssize_t r;

	*size = 0;
	crypto_hash_sha256_init(&st);
	while ((r = tk_io_read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&st, buf, (unsigned long long)r);
		*size += (uint64_t)r;
	}
	crypto_hash_sha256_final(&st, sha);
	return r < 0 ? TK_EIO : TK_OK;
}

static int tk_sign_visit(void *ctx, const struct tk_walk_entry *e)
{
	struct tk_sign_walk *w = ctx;
	struct tk_mfile *f;
	int fd;

	if (e->kind == TK_WALK_ERROR) {
		snprintf(w->what, sizeof w->what, "%s", e->path);
		return w->err = TK_EIO;
	}
	if (e->kind != TK_WALK_FILE)
		return 0;
	if (e->depth == 0 &&
	    (!strcmp(e->name, TK_SIGN_MANIFEST) || !strcmp(e->name, TK_SIGN_SIGNATURE) ||
	     !strcmp(e->name, "TICKER-REPORT.txt")))
		return 0;
	if (w->m.n == w->cap) {
		struct tk_mfile *nf = tk_realloc(w->m.f, (w->cap ? w->cap * 2 : 64) * sizeof *nf);

		if (!nf)
			return w->err = TK_ENOMEM;
		w->m.f = nf;
		w->cap = w->cap ? w->cap * 2 : 64;
	}
	f = &w->m.f[w->m.n];
	memset(f, 0, sizeof *f);
	f->path = tk_strdup(e->path);
	if (!f->path)
		return w->err = TK_ENOMEM;
	w->m.n++;
	fd = openat(e->dirfd, e->name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 || tk_sign_hash_fd(fd, f->sha, &f->size)) {
		if (fd >= 0)
			close(fd);
		snprintf(w->what, sizeof w->what, "%s", e->path);
		return w->err = TK_EIO;
	}
	close(fd);
	return 0;
}

/* Append s to buf at *n with %XX escapes for bytes that would break a line. */
static size_t tk_sign_escape(char *out, const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch <= 0x20 || ch == 0x7f || ch == '%' || ch >= 0x80)
			n += (size_t)sprintf(out + n, "%%%02X", ch);
		else
			out[n++] = (char)ch;
	}
	out[n] = '\0';
	return n;
}

int tk_sign_dir(const char *dir, const char *keyfile, size_t *nfiles, const char **what)
{
	static char where[4096];
	unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
	char keytext[512], label[TK_LABEL_MAX + 1], sigtext[256];
	char b64[sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	struct tk_sign_walk *w = NULL;
	char *text = NULL;
	size_t cap = 256, n = 0;
	ssize_t r;
	int err, fd = -1, dfd = -1;

	*nfiles = 0;
	where[0] = '\0';
	if (what)
		*what = where;
	if (sodium_init() < 0)
		return TK_EIO;
	snprintf(where, sizeof where, "%s", keyfile);
	fd = open(keyfile, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return TK_EIO;
	r = read(fd, keytext, sizeof keytext - 1);
	close(fd);
	if (r <= 0 || tk_sign_parse_keyline(keytext, (size_t)r, TK_SEC_TAG, sk, sizeof sk, label)) {
		sodium_memzero(keytext, sizeof keytext);
		return TK_EPARSE;
	}
	sodium_memzero(keytext, sizeof keytext);
	snprintf(where, sizeof where, "%s", dir);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		err = TK_EIO;
		goto out;
	}
	w = tk_calloc(1, sizeof *w);
	if (!w) {
		err = TK_ENOMEM;
		goto out;
	}
	err = tk_walk(dfd, tk_sign_visit, w, NULL);
	if (w->err || err) {
		err = w->err ? w->err : err;
		snprintf(where, sizeof where, "%s", w->what);
		goto out;
	}
	if (w->m.n)
		qsort(w->m.f, w->m.n, sizeof *w->m.f, tk_mf_cmp);
	for (size_t i = 0; i < w->m.n; i++)
		cap += 64 + 32 + 3 * strlen(w->m.f[i].path) + 8;
	text = tk_malloc(cap);
	if (!text) {
		err = TK_ENOMEM;
		goto out;
	}
	n = (size_t)sprintf(text, TK_MAN_HEAD "signer %s\n", label);
	for (size_t i = 0; i < w->m.n; i++) {
		n += (size_t)sprintf(text + n, "file ");
		for (int k = 0; k < 32; k++)
			n += (size_t)sprintf(text + n, "%02x", w->m.f[i].sha[k]);
		n += (size_t)sprintf(text + n, " %" PRIu64 " ", w->m.f[i].size);
		n += tk_sign_escape(text + n, w->m.f[i].path);
		text[n++] = '\n';
	}
	n += (size_t)sprintf(text + n, "end\n");
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, n, sk);
	sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	snprintf(sigtext, sizeof sigtext, TK_SIG_TAG "%s %s\n", b64, label);
	snprintf(where, sizeof where, "%s/%s", dir, TK_SIGN_MANIFEST);
	err = tk_io_replace_file(dfd, TK_SIGN_MANIFEST, ".TICKER-MANIFEST.tmp", text, n, 0644);
	if (!err) {
		snprintf(where, sizeof where, "%s/%s", dir, TK_SIGN_SIGNATURE);
		err = tk_io_replace_file(dfd, TK_SIGN_SIGNATURE, ".TICKER-MANIFEST.sig.tmp",
					 sigtext, strlen(sigtext), 0644);
	}
	if (!err) {
		*nfiles = w->m.n;
		where[0] = '\0';
	}
out:
	sodium_memzero(sk, sizeof sk);
	if (w) {
		for (size_t i = 0; i < w->m.n; i++)
			tk_free(w->m.f[i].path);
		tk_free(w->m.f);
		tk_free(w);
	}
	tk_free(text);
	if (dfd >= 0)
		close(dfd);
	return err;
}
