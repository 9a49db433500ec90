/* Signed drops: minisign keys on the box, the manifest (sequence, key and
 * recovery orders, sha256sum lines), signing a directory and verifying a
 * stick against the trusted keys. Crypto and the minisign formats are in
 * minisign.c; this file defines the manifest around them. */
#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "io.h"
#include "mem.h"
#include "sign.h"
#include "trust.h"
#include "walk.h"

#define TK_MAN_HEAD "ticker-manifest 2"
#define TK_KEYFILE_MAX 4096

struct tk_key {
	struct tk_mkey k;
	char label[TK_SIGN_LABEL_MAX + 1];
};

struct tk_keyring {
	struct tk_key *k;
	size_t n;
	char problem[512];
};

struct tk_mfile {
	char *path;
	unsigned char sha[32];
	int seen;
};

struct tk_manifest {
	struct tk_mfile *f;
	size_t n, cap;
	uint64_t sequence;
	char recover[17];
	struct tk_mkey *add;
	size_t nadd;
	unsigned char (*revoke)[TK_MINISIGN_IDLEN];
	size_t nrevoke;
	unsigned char signer_id[TK_MINISIGN_IDLEN];
	char signer[TK_SIGN_LABEL_MAX + 1];
	int64_t signed_at; /* "timestamp:" of the verified trusted comment, 0 = none */
};

/* ---- keys ---- */

int tk_sign_keyring_create(struct tk_keyring **out)
{
	*out = tk_calloc(1, sizeof **out);
	return *out ? TK_OK : TK_ENOMEM;
}

static int tk_ring_push(struct tk_keyring *ring, const struct tk_mkey *k, const char *label)
{
	struct tk_key *nk;

	if (tk_sign_keyring_has(ring, k->id))
		return TK_OK;
	nk = tk_realloc(ring->k, (ring->n + 1) * sizeof *nk);
	if (!nk)
		return TK_ENOMEM;
	ring->k = nk;
	nk[ring->n].k = *k;
	snprintf(nk[ring->n].label, sizeof nk->label, "%s", label);
	ring->n++;
	return TK_OK;
}

int tk_sign_keyring_add(struct tk_keyring *ring, const char *pubtext, size_t len, const char *label)
{
	struct tk_mkey k;

	if (tk_minisign_parse_pub(pubtext, len, &k, NULL))
		return TK_EPARSE;
	return tk_ring_push(ring, &k, label);
}

int tk_sign_keyring_has(const struct tk_keyring *ring, const unsigned char id[TK_MINISIGN_IDLEN])
{
	for (size_t i = 0; ring && i < ring->n; i++)
		if (!memcmp(ring->k[i].k.id, id, TK_MINISIGN_IDLEN))
			return 1;
	return 0;
}

static int tk_ring_is_pub_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcasecmp(name + n - 4, ".pub");
}

/* A file name for a report line: control bytes and non-ASCII become '?'. */
static void tk_sign_show(const char *name, char *out, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		out[i] =
		    (unsigned char)name[i] < 0x20 || (unsigned char)name[i] >= 0x7f ? '?' : name[i];
	out[i] = '\0';
}

/* One entry of keys_dir: a key, or a problem sentence for the report. */
static int tk_ring_load_one(struct tk_keyring *ring, int dfd, const char *name)
{
	char buf[TK_MINISIGN_PUB_TEXT_MAX * 4], label[TK_SIGN_LABEL_MAX + 1], shown[80];
	const char *why = "it is not a minisign public key (.pub)";
	struct tk_mkey k;
	struct stat st;
	ssize_t r = -1;
	int fd = -1, err = TK_EPARSE;

	tk_sign_show(name, shown, sizeof shown);
	if (!tk_ring_is_pub_name(name))
		goto out;
	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		why = fd < 0 && errno == EACCES ? "the ticker is not allowed to read it"
						: "it cannot be read as a file";
		goto out;
	}
	r = read(fd, buf, sizeof buf);
	if (r <= 0 || (size_t)r == sizeof buf || tk_minisign_parse_pub(buf, (size_t)r, &k, &why)) {
		if (r > 0 && !strncmp(buf, "ticker-ed25519-public ", 22))
			why = "it is a key of ticker 0.1; make a new key with \"ticker keygen\"";
		goto out;
	}
	snprintf(label, sizeof label, "%.*s", (int)(strlen(name) - 4), name);
	err = tk_ring_push(ring, &k, label);
out:
	if (fd >= 0)
		close(fd);
	if (err == TK_EPARSE && !ring->problem[0])
		snprintf(ring->problem, sizeof ring->problem,
			 "\"%s\" in the trusted keys folder: %s", shown, why);
	return err;
}

int tk_sign_keyring_load(const char *dir, struct tk_keyring **out, size_t *bad)
{
	struct tk_keyring *ring = NULL;
	DIR *d = NULL;
	struct dirent *de;
	int err, dfd;
	size_t nbad = 0;

	*out = NULL;
	if (sodium_init() < 0)
		return TK_EIO;
	err = tk_sign_keyring_create(&ring);
	if (err)
		return err;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		if (errno != ENOENT) {
			nbad++;
			snprintf(ring->problem, sizeof ring->problem,
				 "the trusted keys folder cannot be read (%s)", strerror(errno));
		}
		goto out;
	}
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		err = TK_ENOMEM;
		goto out;
	}
	while ((de = readdir(d))) {
		if (tk_walk_is_junk(de->d_name))
			continue; /* ".", "..", ._comms.pub, .Trashes, .fseventsd, Thumbs.db ... */
		err = tk_ring_load_one(ring, dirfd(d), de->d_name);
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

int tk_sign_keyring_apply(struct tk_keyring *ring, const struct tk_trust *t)
{
	char label[TK_SIGN_LABEL_MAX + 1], hex[17];

	for (size_t i = 0; i < t->nadd; i++) {
		int err;

		tk_minisign_id_hex(t->add[i].id, hex);
		snprintf(label, sizeof label, "key %s (added by a stick)", hex);
		err = tk_ring_push(ring, &t->add[i], label);
		if (err)
			return err;
	}
	for (size_t i = 0; i < ring->n;) {
		if (tk_trust_is_revoked(t, ring->k[i].k.id)) {
			memmove(&ring->k[i], &ring->k[i + 1], (ring->n - i - 1) * sizeof *ring->k);
			ring->n--;
		} else {
			i++;
		}
	}
	return TK_OK;
}

void tk_sign_keyring_free(struct tk_keyring *ring)
{
	if (!ring)
		return;
	tk_free(ring->k);
	tk_free(ring);
}

size_t tk_sign_keyring_count(const struct tk_keyring *ring)
{
	return ring ? ring->n : 0;
}

const char *tk_sign_keyring_problem(const struct tk_keyring *ring)
{
	return ring && ring->problem[0] ? ring->problem : NULL;
}

/* Create path exclusively (never over an existing file). */
static int tk_sign_create(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);

	if (fd < 0)
		return errno == EEXIST ? -2 : -1;
	return fd;
}

static int tk_sign_put(int fd, const char *text)
{
	int err = tk_io_write_all(fd, text, strlen(text)) || tk_io_fsync(fd) ? TK_EIO : TK_OK;

	if (close(fd) && !err)
		err = TK_EIO;
	return err;
}

int tk_sign_keygen(const char *base)
{
	char sec[TK_MINISIGN_SEC_TEXT_MAX], pub[TK_MINISIGN_PUB_TEXT_MAX];
	char kpath[TK_KEYFILE_MAX], ppath[TK_KEYFILE_MAX];
	const char *slash = strrchr(base, '/');
	int kfd = -1, pfd = -1, err = TK_EINVAL;

	if (sodium_init() < 0)
		return TK_EIO;
	if (!*(slash ? slash + 1 : base) || strlen(base) + 5 >= sizeof kpath)
		return TK_EINVAL;
	snprintf(kpath, sizeof kpath, "%s.key", base);
	snprintf(ppath, sizeof ppath, "%s.pub", base);
	/* Claim both names first: an existing key of either half is never touched. */
	kfd = tk_sign_create(kpath, 0600);
	if (kfd < 0) {
		err = kfd == -2 ? TK_EINVAL : TK_EIO;
		goto out;
	}
	pfd = tk_sign_create(ppath, 0644);
	if (pfd < 0) {
		err = pfd == -2 ? TK_EINVAL : TK_EIO;
		close(kfd);
		kfd = -1;
		unlink(kpath);
		goto out;
	}
	err = tk_minisign_keygen(sec, sizeof sec, pub, sizeof pub);
	if (!err)
		err = tk_sign_put(kfd, sec);
	else
		close(kfd);
	kfd = -1;
	if (!err)
		err = tk_sign_put(pfd, pub);
	else
		close(pfd);
	pfd = -1;
	if (err) {
		unlink(kpath);
		unlink(ppath);
	}
out:
	sodium_memzero(sec, sizeof sec);
	return err;
}

/* ---- manifest ---- */

static int tk_mf_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tk_mfile *)a)->path, ((const struct tk_mfile *)b)->path);
}

/* sha256sum's escaped names: "\\" and "\n" (and "\r"), in place. */
static int tk_sign_unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		s++;
		if (*s == '\\')
			*w++ = '\\';
		else if (*s == 'n')
			*w++ = '\n';
		else if (*s == 'r')
			*w++ = '\r';
		else
			return -1;
	}
	*w = '\0';
	return 0;
}

/* "<64 hex><space><space or *><path>", optionally with a leading '\'. */
static int tk_mf_file_line(struct tk_manifest *m, char *p)
{
	int esc = *p == '\\';
	size_t got = 0;
	struct tk_mfile *f;
	int err;

	p += esc;
	if (strlen(p) < 67 || strspn(p, "0123456789abcdefABCDEF") != 64 || p[64] != ' ' ||
	    (p[65] != ' ' && p[65] != '*'))
		return TK_EPARSE;
	err = tk_buf_grow(&m->f, &m->cap, m->n, sizeof *m->f, 16);
	if (err)
		return err;
	f = &m->f[m->n];
	memset(f, 0, sizeof *f);
	if (sodium_hex2bin(f->sha, 32, p, 64, NULL, &got, NULL) || got != 32)
		return TK_EPARSE;
	p += 66;
	/* A Windows path from a careless snippet: the walk reports '/'. */
	if (*p == '/' || (!esc && strchr(p, '\\')))
		return TK_EPARSE;
	if (!strncmp(p, "./", 2))
		p += 2;
	f->path = tk_strdup(p);
	if (!f->path)
		return TK_ENOMEM;
	m->n++;
	if ((esc && tk_sign_unescape(f->path)) || !f->path[0] || f->path[0] == '/')
		return TK_EPARSE;
	return TK_OK;
}

static int tk_mf_directive(struct tk_manifest *m, char *p, int *have_seq)
{
	char *arg = strchr(p, ' ');
	size_t cap;
	int err;

	if (!arg)
		return TK_EPARSE;
	*arg++ = '\0';
	if (!strcmp(p, "sequence") && !*have_seq) {
		char *end;
		unsigned long long v;

		if (*arg < '1' || *arg > '9' || strlen(arg) > 15)
			return TK_EPARSE;
		v = strtoull(arg, &end, 10);
		if (*end || v > TK_TRUST_SEQ_MAX)
			return TK_EPARSE;
		m->sequence = v;
		*have_seq = 1;
		return TK_OK;
	}
	if (!strcmp(p, "recover") && !m->recover[0] && strlen(arg) == 16 &&
	    strspn(arg, "0123456789abcdef") == 16) {
		memcpy(m->recover, arg, 17);
		return TK_OK;
	}
	if (!strcmp(p, "add-key") && m->nadd < TK_TRUST_MAX_KEYS) {
		cap = m->nadd;
		err = tk_buf_grow(&m->add, &cap, m->nadd, sizeof *m->add, 16);
		if (err)
			return err;
		if (tk_minisign_parse_pub(arg, strlen(arg), &m->add[m->nadd], NULL))
			return TK_EPARSE;
		m->nadd++;
		return TK_OK;
	}
	if (!strcmp(p, "revoke-key") && m->nrevoke < TK_TRUST_MAX_KEYS) {
		cap = m->nrevoke;
		err = tk_buf_grow(&m->revoke, &cap, m->nrevoke, sizeof *m->revoke, 16);
		if (err)
			return err;
		if (tk_minisign_id_parse(arg, m->revoke[m->nrevoke]))
			return TK_EPARSE;
		m->nrevoke++;
		return TK_OK;
	}
	return TK_EPARSE;
}

static int tk_manifest_parse(const char *text, size_t len, struct tk_manifest *m)
{
	char *copy = tk_strndup(text, len), *p, *eol;
	int err = TK_EPARSE, have_seq = 0;

	if (!copy)
		return TK_ENOMEM;
	p = copy;
	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3; /* PowerShell 5's UTF-8 */
	if (strlen(copy) != len)
		goto out;
	for (int line = 0; *p; p = eol + 1, line++) {
		size_t n;

		eol = strchr(p, '\n');
		if (!eol)
			goto out;
		*eol = '\0';
		n = strlen(p);
		if (n && p[n - 1] == '\r')
			p[--n] = '\0';
		if (line == 0) {
			if (strcmp(p, TK_MAN_HEAD))
				goto out;
			continue;
		}
		if (!n)
			continue;
		err = (p[0] == '\\' || strspn(p, "0123456789abcdefABCDEF") == 64)
			  ? tk_mf_file_line(m, p)
			  : tk_mf_directive(m, p, &have_seq);
		if (err)
			goto out;
		err = TK_EPARSE;
	}
	if (!have_seq)
		goto out;
	if (m->n)
		qsort(m->f, m->n, sizeof *m->f, tk_mf_cmp);
	for (size_t i = 1; i < m->n; i++)
		if (!strcmp(m->f[i - 1].path, m->f[i].path))
			goto out; /* listed twice: one of the two hashes is a lie */
	err = TK_OK;
out:
	tk_free(copy);
	return err;
}

int tk_manifest_parse_text(const void *man, size_t mlen, struct tk_manifest **out)
{
	struct tk_manifest *m = tk_calloc(1, sizeof *m);
	int err;

	*out = NULL;
	if (!m)
		return TK_ENOMEM;
	err = tk_manifest_parse(man, mlen, m);
	if (err) {
		tk_manifest_free(m);
		return err;
	}
	*out = m;
	return TK_OK;
}

/* The signing time in a trusted comment: minisign writes "timestamp:N" (and
 * ticker sign does the same); 0 when absent or not a plausible time. */
static int64_t tk_sign_comment_time(const char *tc)
{
	const char *p = strstr(tc, "timestamp:");
	char *end;
	long long t;

	if (!p)
		return 0;
	errno = 0;
	t = strtoll(p + 10, &end, 10);
	if (errno || end == p + 10 || (*end && *end != '\t' && *end != ' '))
		return 0;
	return t > 1600000000LL && t < 32503680000LL ? (int64_t)t : 0; /* 2020 to 3000 */
}

int64_t tk_manifest_signed_at(const struct tk_manifest *m)
{
	return m->signed_at;
}

int tk_manifest_verify(const void *man, size_t mlen, const void *sig, size_t slen,
		       const struct tk_keyring *ring, struct tk_manifest **out, const char **signer,
		       const char **reason)
{
	struct tk_msig *s = NULL;
	const struct tk_key *who = NULL;
	struct tk_manifest *m = NULL;
	int err = TK_ESIG;

	*out = NULL;
	*signer = NULL;
	if (sodium_init() < 0)
		return TK_EIO;
	if (!ring || !ring->n) {
		*reason = "this ticker has no trusted key installed, so it cannot check signatures";
		return TK_ESIG;
	}
	s = tk_malloc(sizeof *s);
	if (!s)
		return TK_ENOMEM;
	if (tk_minisign_parse_sig(sig, slen, s, reason))
		goto out;
	for (size_t i = 0; i < ring->n && !who; i++)
		if (!memcmp(ring->k[i].k.id, s->id, TK_MINISIGN_IDLEN))
			who = &ring->k[i];
	if (!who) {
		*reason = "the stick was signed with a key this ticker does not trust "
			  "(or one that was revoked)";
		goto out;
	}
	if (tk_minisign_verify(s, &who->k, man, mlen)) {
		*reason = "the list of files (" TK_SIGN_MANIFEST ") was changed after signing, "
			  "or the signature is damaged";
		goto out;
	}
	err = tk_manifest_parse_text(man, mlen, &m);
	if (err) {
		*reason = err == TK_ENOMEM ? "out of memory"
					   : "the signed list of files is not a ticker manifest "
					     "(first line \"" TK_MAN_HEAD
					     "\", then \"sequence N\")";
		goto out;
	}
	memcpy(m->signer_id, who->k.id, TK_MINISIGN_IDLEN);
	snprintf(m->signer, sizeof m->signer, "%s", who->label);
	m->signed_at = tk_sign_comment_time(s->trusted);
	*signer = m->signer;
	*out = m;
out:
	tk_free(s);
	return err;
}

void tk_manifest_free(struct tk_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		tk_free(m->f[i].path);
	tk_free(m->f);
	tk_free(m->add);
	tk_free(m->revoke);
	tk_free(m);
}

int tk_manifest_check(struct tk_manifest *m, const char *path, const unsigned char sha[32],
		      uint64_t size)
{
	struct tk_mfile key = {(char *)path, {0}, 0};
	struct tk_mfile *f = m->n ? bsearch(&key, m->f, m->n, sizeof *m->f, tk_mf_cmp) : NULL;

	(void)size;
	if (!f)
		return TK_ENOENT;
	f->seen = 1;
	return !sodium_memcmp(f->sha, sha, 32) ? TK_OK : TK_ESIG;
}

/* Listed, but never shown to tk_manifest_check by the importer's walk. */
static int tk_mf_never_walked(const char *path)
{
	const char *p = path;

	if (!strcmp(path, TK_SIGN_MANIFEST) || !strcmp(path, TK_SIGN_SIGNATURE) ||
	    !strcmp(path, TK_STICK_REPORT) || !strcmp(path, TK_STICK_PREVIEW))
		return 1;
	while (p) {
		const char *slash = strchr(p, '/');
		char part[256];

		snprintf(part, sizeof part, "%.*s", slash ? (int)(slash - p) : (int)strlen(p), p);
		if (tk_walk_is_junk(part))
			return 1;
		p = slash ? slash + 1 : NULL;
	}
	return 0;
}

const char *tk_manifest_unseen(const struct tk_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (!m->f[i].seen && !tk_mf_never_walked(m->f[i].path))
			return m->f[i].path;
	return NULL;
}

size_t tk_manifest_count(const struct tk_manifest *m)
{
	return m->n;
}

uint64_t tk_manifest_sequence(const struct tk_manifest *m)
{
	return m->sequence;
}

const char *tk_manifest_recover(const struct tk_manifest *m)
{
	return m->recover[0] ? m->recover : NULL;
}

void tk_manifest_signer_id(const struct tk_manifest *m, unsigned char id[TK_MINISIGN_IDLEN])
{
	memcpy(id, m->signer_id, TK_MINISIGN_IDLEN);
}

size_t tk_manifest_added(const struct tk_manifest *m, const struct tk_mkey **keys)
{
	*keys = m->add;
	return m->nadd;
}

size_t tk_manifest_revoked(const struct tk_manifest *m,
			   const unsigned char (**ids)[TK_MINISIGN_IDLEN])
{
	*ids = (const unsigned char(*)[TK_MINISIGN_IDLEN])m->revoke;
	return m->nrevoke;
}

/* ---- signing a directory ---- */

#define TK_SIGN_HEAD_BYTES 4096

struct tk_sign_walk {
	struct tk_manifest m;
	int err;
	char what[4096];
};

/* What kind of secret key these first bytes of a file are, or NULL. */
static const char *tk_sign_secret_kind(const char *head, size_t n)
{
	static const struct {
		const char *mark, *kind;
	} marks[] = {
	    {"PRIVATE KEY-----", "a private key (PEM, OpenSSH or PGP)"},
	    {"PRIVATE KEY BLOCK-----", "a PGP private key"},
	    {"PuTTY-User-Key-File-", "a PuTTY private key"},
	    {"ticker-ed25519-secret ", "a ticker secret key"},
	    {"minisign encrypted secret key", "a minisign secret key"},
	};

	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (memmem(head, n, marks[i].mark, strlen(marks[i].mark)))
			return marks[i].kind;
	return tk_minisign_looks_secret(head, n) ? "a minisign secret key" : NULL;
}

static int tk_sign_visit(void *ctx, const struct tk_walk_entry *e)
{
	struct tk_sign_walk *w = ctx;
	char head[TK_SIGN_HEAD_BYTES];
	const char *kind;
	struct tk_mfile *f;
	size_t nhead = 0;
	int fd, err;

	if (e->kind == TK_WALK_ERROR) {
		snprintf(w->what, sizeof w->what, "%s: %s", e->path, e->reason);
		return w->err = TK_EIO;
	}
	if (e->kind != TK_WALK_FILE || tk_mf_never_walked(e->path))
		return 0;
	err = tk_buf_grow(&w->m.f, &w->m.cap, w->m.n, sizeof *w->m.f, 16);
	if (err)
		return w->err = err;
	f = &w->m.f[w->m.n];
	memset(f, 0, sizeof *f);
	f->path = tk_strdup(e->path);
	if (!f->path)
		return w->err = TK_ENOMEM;
	w->m.n++;
	fd = openat(e->dirfd, e->name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 || tk_buf_sha256_fd_head(fd, f->sha, head, sizeof head, &nhead)) {
		snprintf(w->what, sizeof w->what, "%s: %s", e->path, strerror(errno));
		w->err = TK_EIO;
	} else if ((kind = tk_sign_secret_kind(head, nhead))) {
		snprintf(w->what, sizeof w->what,
			 "%s looks like %s: a secret key must never go on a stick (remove it, "
			 "then sign again)",
			 e->path, kind);
		w->err = TK_EINVAL;
	}
	sodium_memzero(head, sizeof head);
	if (fd >= 0)
		close(fd);
	return w->err;
}

/* Read and parse the secret key; warn when others may read it. */
static int tk_sign_load_key(const char *keyfile, struct tk_msec *k, struct tk_sign_result *res)
{
	char text[TK_MINISIGN_SEC_TEXT_MAX * 2];
	const char *why = "";
	struct stat st;
	ssize_t r = -1;
	int fd = open(keyfile, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), err = TK_EPARSE;

	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(res->what, sizeof res->what, "%s: cannot read the key file", keyfile);
		err = TK_EIO;
		goto out;
	}
	if (st.st_mode & 0004)
		snprintf(res->warning, sizeof res->warning,
			 "the secret key %.200s can be read by every user of this computer "
			 "(chmod 600 %.200s)",
			 keyfile, keyfile);
	r = read(fd, text, sizeof text);
	if (r > 0 && (size_t)r < sizeof text)
		err = tk_minisign_parse_sec(text, (size_t)r, k, &why);
	if (r > 0 && !strncmp(text, "ticker-ed25519-secret ", 22))
		why = "a key of ticker 0.1, which is no longer used: make a new one with "
		      "\"ticker keygen\" and install its .pub on the tickers";
	if (err)
		snprintf(res->what, sizeof res->what, "%s: %s", keyfile, why);
out:
	sodium_memzero(text, sizeof text);
	if (fd >= 0)
		close(fd);
	return err;
}

/* KEY.seq next to KEY(.key): the last sequence this key signed. */
static void tk_sign_seq_path(const char *keyfile, char *out, size_t size)
{
	size_t n = strlen(keyfile);

	if (n > 4 && !strcmp(keyfile + n - 4, ".key"))
		n -= 4;
	snprintf(out, size, "%.*s.seq", (int)n, keyfile);
}

static uint64_t tk_sign_seq_read(const char *path)
{
	char buf[32] = "";
	FILE *f = fopen(path, "re");
	unsigned long long v = 0;

	if (f) {
		if (fgets(buf, sizeof buf, f))
			v = strtoull(buf, NULL, 10);
		fclose(f);
	}
	return v > TK_TRUST_SEQ_MAX ? TK_TRUST_SEQ_MAX : v;
}

/* The directive lines of a manifest. */
static int tk_sign_directives(const struct tk_sign_opts *o, uint64_t seq, char *out, size_t size,
			      struct tk_sign_result *res)
{
	size_t n = (size_t)snprintf(out, size, TK_MAN_HEAD "\nsequence %" PRIu64 "\n", seq);
	unsigned char id[TK_MINISIGN_IDLEN];

	if (o->recover) {
		if (strlen(o->recover) != 16 || strspn(o->recover, "0123456789abcdef") != 16) {
			snprintf(res->what, sizeof res->what,
				 "--recover wants the 16-digit state id from the ticker's report");
			return TK_EINVAL;
		}
		n += (size_t)snprintf(out + n, size - n, "recover %s\n", o->recover);
	}
	if (o->add_key) {
		char text[TK_MINISIGN_PUB_TEXT_MAX * 4], line[256];
		struct tk_mkey k;
		int fd = open(o->add_key, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		ssize_t r = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;

		if (fd >= 0)
			close(fd);
		if (r <= 0 || tk_minisign_parse_pub(text, (size_t)r, &k, NULL)) {
			snprintf(res->what, sizeof res->what, "%s: not a minisign public key",
				 o->add_key);
			return TK_EINVAL;
		}
		{
			unsigned char raw[2 + TK_MINISIGN_IDLEN + 32];

			memcpy(raw, "Ed", 2);
			memcpy(raw + 2, k.id, TK_MINISIGN_IDLEN);
			memcpy(raw + 2 + TK_MINISIGN_IDLEN, k.pk, 32);
			sodium_bin2base64(line, sizeof line, raw, sizeof raw,
					  sodium_base64_VARIANT_ORIGINAL);
		}
		n += (size_t)snprintf(out + n, size - n, "add-key %s\n", line);
	}
	if (o->revoke_key) {
		if (tk_minisign_id_parse(o->revoke_key, id)) {
			snprintf(res->what, sizeof res->what,
				 "--revoke wants a 16-digit key id (as minisign and the report "
				 "print it)");
			return TK_EINVAL;
		}
		n += (size_t)snprintf(out + n, size - n, "revoke-key %s\n", o->revoke_key);
	}
	return n < size ? TK_OK : TK_EINVAL;
}

/* One sha256sum line, GNU style: a leading '\' when the name needs escapes. */
static size_t tk_sign_file_line(char *out, const struct tk_mfile *f)
{
	size_t n = 0;
	int esc = strpbrk(f->path, "\\\n\r") != NULL;

	if (esc)
		out[n++] = '\\';
	sodium_bin2hex(out + n, 65, f->sha, 32);
	n += 64;
	out[n++] = ' ';
	out[n++] = ' ';
	for (const char *s = f->path; *s; s++) {
		if (esc && (*s == '\\' || *s == '\n' || *s == '\r')) {
			out[n++] = '\\';
			out[n++] = *s == '\\' ? '\\' : *s == '\n' ? 'n' : 'r';
		} else {
			out[n++] = *s;
		}
	}
	out[n++] = '\n';
	return n;
}

static int tk_sign_walk_dir(int dfd, struct tk_sign_walk *w, struct tk_sign_result *res)
{
	struct tk_walk_stats ws;
	int err = tk_walk(dfd, tk_sign_visit, w, &ws);

	if (w->err || err) {
		snprintf(res->what, sizeof res->what, "%s", w->what);
		return w->err ? w->err : err;
	}
	if (ws.truncated) {
		snprintf(res->what, sizeof res->what,
			 "more than %d files and folders: the ticker would not read them all, so "
			 "the stick cannot be signed (split it)",
			 TK_WALK_MAX_ENTRIES);
		return TK_ETOOBIG;
	}
	if (w->m.n)
		qsort(w->m.f, w->m.n, sizeof *w->m.f, tk_mf_cmp);
	return TK_OK;
}

static int tk_sign_write(int dfd, const char *text, size_t n, const char *sigtext,
			 struct tk_sign_result *res)
{
	int err = tk_io_replace_file(dfd, TK_SIGN_MANIFEST, ".TICKER-MANIFEST.tmp", text, n, 0644);

	if (!err)
		err = tk_io_replace_file(dfd, TK_SIGN_SIGNATURE, ".TICKER-MANIFEST.minisig.tmp",
					 sigtext, strlen(sigtext), 0644);
	if (err)
		snprintf(res->what, sizeof res->what, "cannot write %s: %s", TK_SIGN_MANIFEST,
			 strerror(errno));
	else
		unlinkat(dfd, TK_SIGN_OLD_SIGNATURE, 0); /* ticker 0.1's, now meaningless */
	return err;
}

/* The manifest text: directives, then one sha256sum line per file (sorted). */
static int tk_sign_manifest_text(const struct tk_sign_walk *w, const struct tk_sign_opts *o,
				 struct tk_sign_result *res, char **out, size_t *len)
{
	size_t cap = 2048, n;
	char *text;
	int err;

	*out = NULL;
	for (size_t i = 0; i < w->m.n; i++)
		cap += 64 + 4 + 2 * strlen(w->m.f[i].path) + 2;
	text = tk_malloc(cap);
	if (!text)
		return TK_ENOMEM;
	err = tk_sign_directives(o, res->sequence, text, 2048, res);
	if (err) {
		tk_free(text);
		return err;
	}
	n = strlen(text);
	for (size_t i = 0; i < w->m.n; i++)
		n += tk_sign_file_line(text + n, &w->m.f[i]);
	*out = text;
	*len = n;
	return TK_OK;
}

/* Remember the sequence just used next to the key (a warning if not). */
static void tk_sign_seq_save(const char *seqpath, struct tk_sign_result *res)
{
	char num[32];
	int fd = open(seqpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	snprintf(num, sizeof num, "%" PRIu64 "\n", res->sequence);
	if (fd < 0 || tk_sign_put(fd, num))
		snprintf(res->warning, sizeof res->warning,
			 "could not save the sequence in %.300s: the next signature must use "
			 "--sequence %" PRIu64,
			 seqpath, res->sequence + 1);
}

static void tk_sign_walk_free(struct tk_sign_walk *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->m.n; i++)
		tk_free(w->m.f[i].path);
	tk_free(w->m.f);
	tk_free(w);
}

int tk_sign_dir_opts(const char *dir, const char *keyfile, const struct tk_sign_opts *o,
		     struct tk_sign_result *res)
{
	struct tk_msec *key = NULL;
	struct tk_sign_walk *w = NULL;
	char seqpath[TK_KEYFILE_MAX + 8], sigtext[TK_MINISIGN_SIG_TEXT_MAX], tc[128];
	char *text = NULL;
	size_t n = 0;
	uint64_t last;
	int err, dfd = -1;

	memset(res, 0, sizeof *res);
	if (sodium_init() < 0)
		return TK_EIO;
	key = sodium_malloc(sizeof *key); /* guarded, wiped on free */
	w = tk_calloc(1, sizeof *w);
	err = key && w ? tk_sign_load_key(keyfile, key, res) : TK_ENOMEM;
	if (err)
		goto out;
	tk_sign_seq_path(keyfile, seqpath, sizeof seqpath);
	last = tk_sign_seq_read(seqpath);
	res->sequence = o->sequence ? o->sequence : last + 1;
	if (res->sequence > TK_TRUST_SEQ_MAX) {
		snprintf(res->what, sizeof res->what, "the sequence number is too large");
		err = TK_EINVAL;
		goto out;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		snprintf(res->what, sizeof res->what, "%s: %s", dir, strerror(errno));
		err = TK_EIO;
		goto out;
	}
	err = tk_sign_walk_dir(dfd, w, res);
	if (!err)
		err = tk_sign_manifest_text(w, o, res, &text, &n);
	if (err)
		goto out;
	/* minisign's own form ("timestamp:N\tfile:NAME"), so that the signing
	 * time is signed too and a box without a clock can take it. */
	snprintf(tc, sizeof tc, "timestamp:%lld\tfile:" TK_SIGN_MANIFEST "\tsequence:%" PRIu64,
		 (long long)time(NULL), res->sequence);
	err = tk_minisign_sign(key, text, n, tc, sigtext, sizeof sigtext);
	if (!err)
		err = tk_sign_write(dfd, text, n, sigtext, res);
	if (err)
		goto out;
	res->nfiles = w->m.n;
	if (res->sequence > last)
		tk_sign_seq_save(seqpath, res);
out:
	sodium_free(key);
	tk_sign_walk_free(w);
	tk_free(text);
	if (dfd >= 0)
		close(dfd);
	return err;
}

int tk_sign_dir(const char *dir, const char *keyfile, size_t *nfiles, const char **what)
{
	static struct tk_sign_result res;
	struct tk_sign_opts o = {0, NULL, NULL, NULL};
	int err = tk_sign_dir_opts(dir, keyfile, &o, &res);

	*nfiles = res.nfiles;
	if (what)
		*what = res.what;
	return err;
}

void tk_sign_keyring_id(const struct tk_keyring *ring, size_t i,
			unsigned char id[TK_MINISIGN_IDLEN])
{
	memcpy(id, ring->k[i].k.id, TK_MINISIGN_IDLEN);
}
