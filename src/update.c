/* A/B application updates from a stick (update.h): the state file, the
 * supervisor's choice, and installing a signed TICKER-UPDATE folder into the
 * inactive slot. Files are read with O_NOFOLLOW from the stick and written as
 * new files renamed into place. */
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

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "sign.h"
#include "update.h"
#include "walk.h"

#if !defined(TK_UPDATE_FILE_MAX)
#define TK_UPDATE_FILE_MAX (64u << 20) /* a payload file, at most */
#endif
#define TK_UPDATE_MAN_MAX (64u << 10)

static const char *const tk_slot_names[] = {"builtin", "a", "b"};

const char *tk_slot_name(enum tk_slot s)
{
	return (unsigned)s < 3 ? tk_slot_names[s] : "?";
}

enum tk_slot tk_slot_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, tk_slot_names[i]))
			return (enum tk_slot)i;
	return (enum tk_slot) - 1;
}

void tk_app_state_init(struct tk_app_state *st)
{
	memset(st, 0, sizeof *st);
	st->active = TK_SLOT_BUILTIN;
	st->pending = TK_SLOT_BUILTIN;
	snprintf(st->version[TK_SLOT_BUILTIN], sizeof st->version[0], "%s", TK_VERSION);
}

size_t tk_app_state_format(const struct tk_app_state *st, char *buf, size_t size)
{
	int n =
	    snprintf(buf, size,
		     "ticker-app 1\nactive %s\npending %s\ntries %u\nfirst_try %" PRId64
		     "\nseq %" PRIu64 "\nversion_a %s\nversion_b %s\nnote %s\n",
		     tk_slot_name(st->active), tk_slot_name(st->pending), st->tries, st->first_try,
		     st->seq, st->version[TK_SLOT_A][0] ? st->version[TK_SLOT_A] : "-",
		     st->version[TK_SLOT_B][0] ? st->version[TK_SLOT_B] : "-", st->note);
	return n < 0 ? 0 : (size_t)n;
}

static int tk_app_field(const char *text, const char *key, char *out, size_t size)
{
	const char *p = text;
	size_t kl = strlen(key);

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, kl) && p[kl] == ' ') {
			size_t n = strcspn(p + kl + 1, "\n");

			if (n >= size)
				return -1;
			memcpy(out, p + kl + 1, n);
			out[n] = '\0';
			return 0;
		}
	return -1;
}

int tk_app_state_parse(const char *text, struct tk_app_state *st)
{
	char a[32], p[32], t[32], f[32], s[32], va[32], vb[32];
	char *end;

	tk_app_state_init(st);
	if (strncmp(text, "ticker-app 1\n", 13) || tk_app_field(text, "active", a, sizeof a) ||
	    tk_app_field(text, "pending", p, sizeof p) ||
	    tk_app_field(text, "tries", t, sizeof t) ||
	    tk_app_field(text, "first_try", f, sizeof f) ||
	    tk_app_field(text, "seq", s, sizeof s) ||
	    tk_app_field(text, "version_a", va, sizeof va) ||
	    tk_app_field(text, "version_b", vb, sizeof vb))
		return TK_EPARSE;
	st->active = tk_slot_parse(a);
	st->pending = tk_slot_parse(p);
	if ((int)st->active < 0 || (int)st->pending < 0)
		return TK_EPARSE;
	errno = 0;
	st->tries = (unsigned)strtoul(t, &end, 10);
	if (*end || errno)
		return TK_EPARSE;
	st->first_try = strtoll(f, &end, 10);
	if (*end)
		return TK_EPARSE;
	st->seq = strtoull(s, &end, 10);
	if (*end)
		return TK_EPARSE;
	snprintf(st->version[TK_SLOT_A], sizeof st->version[0], "%s", strcmp(va, "-") ? va : "");
	snprintf(st->version[TK_SLOT_B], sizeof st->version[0], "%s", strcmp(vb, "-") ? vb : "");
	if (tk_app_field(text, "note", st->note, sizeof st->note))
		st->note[0] = '\0';
	return TK_OK;
}

int tk_app_state_load(const char *state_dir, struct tk_app_state *st)
{
	char path[4096], buf[1024];

	tk_app_state_init(st);
	snprintf(path, sizeof path, "%s/" TK_APP_STATE_FILE, state_dir);
	if (tk_buf_read_small(AT_FDCWD, path, buf, sizeof buf) < 0)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	if (tk_app_state_parse(buf, st)) {
		tk_app_state_init(st); /* damaged: the built-in binary is always safe */
		return TK_EPARSE;
	}
	return TK_OK;
}

/* Write a whole file of dir atomically (a new name, then rename). */
static int tk_update_put(int dirfd, const char *name, const void *data, size_t len, mode_t mode)
{
	char tmp[300];
	int fd, err = TK_EIO;

	snprintf(tmp, sizeof tmp, ".tmp-%s-%ld", name, (long)getpid());
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return TK_EIO;
	if (write(fd, data, len) == (ssize_t)len && !fchmod(fd, mode) && !fsync(fd))
		err = TK_OK;
	if (close(fd) || (!err && renameat(dirfd, tmp, dirfd, name)))
		err = TK_EIO;
	if (err)
		unlinkat(dirfd, tmp, 0);
	return err;
}

int tk_app_state_save(const char *state_dir, const struct tk_app_state *st)
{
	char buf[1024];
	size_t n = tk_app_state_format(st, buf, sizeof buf);
	int dfd = open(state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err;

	if (dfd < 0)
		return TK_EIO;
	err = tk_update_put(dfd, TK_APP_STATE_FILE, buf, n, 0644);
	close(dfd);
	return err;
}

enum tk_slot tk_app_choose(struct tk_app_state *st, int64_t now)
{
	if (st->pending == TK_SLOT_BUILTIN || st->pending == st->active)
		return st->active;
	if (!st->tries)
		st->first_try = now;
	if (st->tries >= TK_UPDATE_TRIES && now - st->first_try <= TK_UPDATE_WINDOW) {
		snprintf(st->note, sizeof st->note,
			 "switched back to %s: version %s did not show a frame in %u starts",
			 st->active == TK_SLOT_BUILTIN ? "the built-in version"
						       : st->version[st->active],
			 st->version[st->pending], st->tries);
		st->pending = TK_SLOT_BUILTIN;
		st->tries = 0;
		return st->active;
	}
	if (now - st->first_try > TK_UPDATE_WINDOW) {
		st->first_try = now; /* slow starts, not failures: a new window */
		st->tries = 0;
	}
	st->tries++;
	return st->pending;
}

int tk_app_confirm(struct tk_app_state *st, enum tk_slot running)
{
	if (running == TK_SLOT_BUILTIN || running != st->pending)
		return 0;
	st->active = running;
	st->pending = TK_SLOT_BUILTIN;
	st->tries = 0;
	snprintf(st->note, sizeof st->note, "running version %s (installed from a stick)",
		 st->version[running]);
	return 1;
}

int tk_app_ready_apply(const char *state_dir, struct tk_app_state *st)
{
	char path[4096], buf[64];
	FILE *f;
	int changed = 0;

	snprintf(path, sizeof path, "%s/" TK_APP_READY_FILE, state_dir);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fgets(buf, sizeof buf, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		changed = tk_app_confirm(st, tk_slot_parse(buf));
	}
	fclose(f);
	return changed;
}

/* A whole regular file of dirfd (no links), at most max bytes. */
static int tk_update_read(int dirfd, const char *name, size_t max, unsigned char **out, size_t *len)
{
	struct stat st;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), err = TK_EIO;
	unsigned char *buf = NULL;

	*out = NULL;
	if (fd < 0)
		return errno == ENOENT ? TK_ENOENT : TK_EIO;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		goto out;
	err = TK_ETOOBIG;
	if ((uint64_t)st.st_size > max)
		goto out;
	err = TK_ENOMEM;
	buf = tk_malloc((size_t)st.st_size + 1);
	if (!buf)
		goto out;
	err = TK_EIO;
	if (read(fd, buf, (size_t)st.st_size) != st.st_size)
		goto out;
	buf[st.st_size] = '\0';
	*len = (size_t)st.st_size;
	*out = buf;
	buf = NULL;
	err = TK_OK;
out:
	tk_free(buf);
	close(fd);
	return err;
}

struct tk_update_job {
	int sdir, slotfd;
	struct tk_manifest *m;
	struct tk_update_result *res;
	int has_binary;
};

/* Check one payload file against the signed list and copy it into the slot. */
static int tk_update_file(struct tk_update_job *j, const char *name)
{
	unsigned char *data = NULL, sha[32];
	size_t len = 0;
	int err = tk_update_read(j->sdir, name, TK_UPDATE_FILE_MAX, &data, &len);

	if (err) {
		snprintf(j->res->message, sizeof j->res->message,
			 "update refused: %s/%.200s cannot be read (%s)", TK_UPDATE_DIR, name,
			 tk_strerror(err));
		return err == TK_ENOMEM ? err : TK_EIO;
	}
	crypto_hash_sha256(sha, data, len);
	if (tk_manifest_check(j->m, name, sha, len)) {
		snprintf(j->res->message, sizeof j->res->message,
			 "update refused: %s/%.200s is not what was signed", TK_UPDATE_DIR, name);
		err = TK_ESIG;
	} else if (!strcmp(name, "VERSION")) {
		size_t n = strcspn((char *)data, "\r\n");

		if (!n || n >= sizeof j->res->version) {
			snprintf(j->res->message, sizeof j->res->message,
				 "update refused: VERSION holds no version");
			err = TK_EPARSE;
		} else {
			memcpy(j->res->version, data, n);
			j->res->version[n] = '\0';
		}
	}
	if (!err && !strcmp(name, "ticker"))
		j->has_binary = 1;
	if (!err && j->slotfd >= 0)
		err =
		    tk_update_put(j->slotfd, name, data, len, strcmp(name, "ticker") ? 0644 : 0755);
	tk_free(data);
	return err;
}

/* Every file of the folder, into the slot. */
static int tk_update_copy(struct tk_update_job *j)
{
	int fd = dup(j->sdir), err = TK_OK;
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return TK_EIO;
	}
	while (!err && (e = readdir(d))) {
		if (tk_walk_is_junk(e->d_name) || !strcmp(e->d_name, TK_SIGN_MANIFEST) ||
		    !strcmp(e->d_name, TK_SIGN_SIGNATURE) || !strncmp(e->d_name, ".tmp-", 5))
			continue;
		err = tk_update_file(j, e->d_name);
	}
	closedir(d);
	if (!err && (tk_manifest_unseen(j->m) || !j->has_binary || !j->res->version[0])) {
		snprintf(j->res->message, sizeof j->res->message,
			 "update refused: the folder is incomplete (it needs the signed files, "
			 "\"ticker\" and \"VERSION\")");
		err = TK_EPARSE;
	}
	return err;
}

/* Verify the folder's signature; *m owns the manifest. With slotfd >= 0 the
 * manifest and its signature are kept in the slot too (re-checked at every
 * start by tk_update_check_slot). */
static int tk_update_verify(int sdir, int slotfd, const struct tk_keyring *ring,
			    struct tk_manifest **m, struct tk_update_result *res)
{
	unsigned char *man = NULL, *sig = NULL;
	size_t mlen = 0, slen = 0;
	const char *signer = NULL, *reason = "";
	int err = tk_update_read(sdir, TK_SIGN_MANIFEST, TK_UPDATE_MAN_MAX, &man, &mlen);

	if (!err)
		err = tk_update_read(sdir, TK_SIGN_SIGNATURE, 4096, &sig, &slen);
	if (err) {
		snprintf(res->message, sizeof res->message,
			 "update refused: it is not signed (%s/%s and its .minisig are needed)",
			 TK_UPDATE_DIR, TK_SIGN_MANIFEST);
		err = TK_ESIG;
	} else if ((err = tk_manifest_verify(man, mlen, sig, slen, ring, m, &signer, &reason))) {
		snprintf(res->message, sizeof res->message,
			 "update refused: %s (updates need the update key, not the content key)",
			 reason);
	} else if (slotfd >= 0 && (tk_update_put(slotfd, TK_SIGN_MANIFEST, man, mlen, 0644) ||
				   tk_update_put(slotfd, TK_SIGN_SIGNATURE, sig, slen, 0644))) {
		snprintf(res->message, sizeof res->message, "update not installed: write error");
		err = TK_EIO;
	}
	tk_free(man);
	tk_free(sig);
	return err;
}

/* A fresh, empty slot directory for the new payload. */
static int tk_update_slot_open(const char *app_dir, enum tk_slot slot)
{
	char path[4096];
	int fd;
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof path, "%s/slot-%s", app_dir, tk_slot_name(slot));
	if (mkdir(path, 0755) && errno != EEXIST)
		return -1;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	d = fdopendir(dup(fd));
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(fd, e->d_name, 0);
	if (d)
		closedir(d);
	return fd;
}

int tk_update_check_slot(const char *app_dir, enum tk_slot slot, const struct tk_keyring *ring,
			 struct tk_update_result *res)
{
	struct tk_update_job j = {-1, -1, NULL, res, 0};
	char path[4096];
	int err;

	memset(res, 0, sizeof *res);
	snprintf(path, sizeof path, "%s/slot-%s", app_dir, tk_slot_name(slot));
	j.sdir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (j.sdir < 0) {
		snprintf(res->message, sizeof res->message, "slot %s is missing",
			 tk_slot_name(slot));
		return TK_EIO;
	}
	res->found = 1;
	err = sodium_init() < 0 ? TK_EIO : tk_update_verify(j.sdir, -1, ring, &j.m, res);
	if (!err)
		err = tk_update_copy(&j);
	close(j.sdir);
	tk_manifest_free(j.m);
	return err;
}

int tk_update_install(const char *stick_dir, const char *app_dir, const char *state_dir,
		      const struct tk_keyring *ring, struct tk_update_result *res)
{
	struct tk_update_job j = {-1, -1, NULL, res, 0};
	struct tk_app_state st;
	enum tk_slot slot;
	int rootfd, err;

	memset(res, 0, sizeof *res);
	rootfd = open(stick_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	j.sdir = rootfd < 0 ? -1
			    : openat(rootfd, TK_UPDATE_DIR,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (rootfd >= 0)
		close(rootfd);
	if (j.sdir < 0)
		return TK_OK; /* no update on this stick */
	res->found = 1;
	if (sodium_init() < 0) {
		close(j.sdir);
		return TK_EIO;
	}
	err = tk_update_verify(j.sdir, -1, ring, &j.m, res);
	if (err)
		goto out;
	(void)tk_app_state_load(state_dir, &st);
	(void)tk_app_ready_apply(state_dir, &st); /* the running slot is kept */
	if (tk_manifest_sequence(j.m) <= st.seq) {
		snprintf(res->message, sizeof res->message,
			 "update not installed: its sequence %" PRIu64
			 " is not above the one installed (%" PRIu64 ")",
			 tk_manifest_sequence(j.m), st.seq);
		goto out;
	}
	slot = st.active == TK_SLOT_A ? TK_SLOT_B : TK_SLOT_A;
	j.slotfd = tk_update_slot_open(app_dir, slot);
	if (j.slotfd < 0) {
		snprintf(res->message, sizeof res->message,
			 "update not installed: %s cannot be written (%s)", app_dir,
			 strerror(errno));
		err = TK_EIO;
		goto out;
	}
	tk_manifest_free(j.m);
	j.m = NULL;
	err = tk_update_verify(j.sdir, j.slotfd, ring, &j.m, res);
	if (!err)
		err = tk_update_copy(&j);
	if (err || fsync(j.slotfd))
		goto out;
	snprintf(st.version[slot], sizeof st.version[0], "%s", res->version);
	st.pending = slot;
	st.tries = 0;
	st.seq = tk_manifest_sequence(j.m);
	snprintf(st.note, sizeof st.note, "version %s installed from a stick, on trial",
		 res->version);
	err = tk_app_state_save(state_dir, &st);
	if (!err) {
		res->installed = 1;
		snprintf(res->message, sizeof res->message,
			 "update to version %s installed: it starts after the next restart and "
			 "stays only if it shows the screen (else the box switches back)",
			 res->version);
	}
out:
	if (j.slotfd >= 0)
		close(j.slotfd);
	close(j.sdir);
	tk_manifest_free(j.m);
	return err;
}
