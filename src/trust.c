/* The box's memory of signed drops and of time (<cache>/.trust): sequence
 * numbers per key, the recovery state id, keys added or revoked by drops and
 * the newest clock reading. One line per fact, parsed strictly. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "err.h"
#include "mem.h"
#include "trust.h"

#define TK_TRUST_HEAD "ticker-trust 1"

void tk_trust_new_state(struct tk_trust *t)
{
	unsigned char r[8];

	randombytes_buf(r, sizeof r);
	sodium_bin2hex(t->state, sizeof t->state, r, sizeof r);
}

void tk_trust_init(struct tk_trust *t)
{
	memset(t, 0, sizeof *t);
	tk_trust_new_state(t);
}

static int tk_trust_num(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	if (*end || v < 0)
		return -1;
	*out = v;
	return 0;
}

static int tk_trust_line(struct tk_trust *t, char *line)
{
	char *arg = strchr(line, ' '), *arg2;
	unsigned char id[TK_MINISIGN_IDLEN];
	int64_t v;

	if (!arg)
		return !strcmp(line, "locked") ? (t->locked = 1, 0) : -1;
	*arg++ = '\0';
	arg2 = strchr(arg, ' ');
	if (arg2)
		*arg2++ = '\0';
	if (!strcmp(line, "state") && !arg2 && strlen(arg) == 16 &&
	    strspn(arg, "0123456789abcdef") == 16) {
		memcpy(t->state, arg, 17);
		return 0;
	}
	if (!strcmp(line, "time") && !arg2)
		return tk_trust_num(arg, &t->newest_time);
	if (!strcmp(line, "clock-pending") && !arg2)
		return tk_trust_num(arg, &t->pending_time);
	if (tk_minisign_id_parse(arg, id))
		return -1;
	if (!strcmp(line, "seq") && arg2) {
		if (tk_trust_num(arg2, &v) || (uint64_t)v > TK_TRUST_SEQ_MAX ||
		    tk_trust_seq_of(t, id))
			return -1;
		return tk_trust_set_seq(t, id, (uint64_t)v) ? -1 : 0;
	}
	if (!strcmp(line, "revoke") && !arg2 && t->nrevoke < TK_TRUST_MAX_KEYS) {
		memcpy(t->revoke[t->nrevoke++], id, sizeof id);
		return 0;
	}
	if (!strcmp(line, "add") && arg2 && t->nadd < TK_TRUST_MAX_KEYS) {
		struct tk_mkey *k = &t->add[t->nadd];

		if (tk_minisign_parse_pub(arg2, strlen(arg2), k, NULL) ||
		    memcmp(k->id, id, sizeof id))
			return -1;
		t->nadd++;
		return 0;
	}
	return -1;
}

int tk_trust_parse(const char *text, size_t len, struct tk_trust *t)
{
	char *copy = tk_strndup(text, len), *p, *eol;
	int err = TK_EPARSE;

	memset(t, 0, sizeof *t);
	if (!copy)
		return TK_ENOMEM;
	if (strlen(copy) != len || strncmp(copy, TK_TRUST_HEAD "\n", strlen(TK_TRUST_HEAD) + 1))
		goto out;
	for (p = copy + strlen(TK_TRUST_HEAD) + 1; *p; p = eol + 1) {
		eol = strchr(p, '\n');
		if (!eol)
			goto out;
		*eol = '\0';
		if (tk_trust_line(t, p))
			goto out;
	}
	if (t->state[0])
		err = TK_OK;
out:
	tk_free(copy);
	return err;
}

size_t tk_trust_format(const struct tk_trust *t, char *buf, size_t size)
{
	size_t n = 0;
	char hex[17];

#define TK_TF(...)                                                                                 \
	n += (size_t)snprintf(buf + (n < size ? n : size), n < size ? size - n : 0, __VA_ARGS__)
	if (size)
		buf[0] = '\0';
	TK_TF(TK_TRUST_HEAD "\nstate %s\n", t->state);
	if (t->locked)
		TK_TF("locked\n");
	if (t->newest_time)
		TK_TF("time %" PRId64 "\n", t->newest_time);
	if (t->pending_time)
		TK_TF("clock-pending %" PRId64 "\n", t->pending_time);
	for (size_t i = 0; i < t->nseq; i++) {
		tk_minisign_id_hex(t->seq[i].id, hex);
		TK_TF("seq %s %" PRIu64 "\n", hex, t->seq[i].seq);
	}
	for (size_t i = 0; i < t->nadd; i++) {
		unsigned char raw[2 + TK_MINISIGN_IDLEN + 32];
		char b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_ORIGINAL)];

		memcpy(raw, "Ed", 2);
		memcpy(raw + 2, t->add[i].id, TK_MINISIGN_IDLEN);
		memcpy(raw + 2 + TK_MINISIGN_IDLEN, t->add[i].pk, 32);
		sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
		tk_minisign_id_hex(t->add[i].id, hex);
		TK_TF("add %s %s\n", hex, b64);
	}
	for (size_t i = 0; i < t->nrevoke; i++) {
		tk_minisign_id_hex(t->revoke[i], hex);
		TK_TF("revoke %s\n", hex);
	}
#undef TK_TF
	return n;
}

uint64_t tk_trust_seq_of(const struct tk_trust *t, const unsigned char id[TK_MINISIGN_IDLEN])
{
	for (size_t i = 0; i < t->nseq; i++)
		if (!memcmp(t->seq[i].id, id, TK_MINISIGN_IDLEN))
			return t->seq[i].seq;
	return 0;
}

int tk_trust_set_seq(struct tk_trust *t, const unsigned char id[TK_MINISIGN_IDLEN], uint64_t seq)
{
	for (size_t i = 0; i < t->nseq; i++)
		if (!memcmp(t->seq[i].id, id, TK_MINISIGN_IDLEN)) {
			t->seq[i].seq = seq;
			return TK_OK;
		}
	if (t->nseq == TK_TRUST_MAX_KEYS)
		return TK_ETOOBIG;
	memcpy(t->seq[t->nseq].id, id, TK_MINISIGN_IDLEN);
	t->seq[t->nseq++].seq = seq;
	return TK_OK;
}

int tk_trust_is_revoked(const struct tk_trust *t, const unsigned char id[TK_MINISIGN_IDLEN])
{
	for (size_t i = 0; i < t->nrevoke; i++)
		if (!memcmp(t->revoke[i], id, TK_MINISIGN_IDLEN))
			return 1;
	return 0;
}

enum tk_trust_verdict tk_trust_judge(const struct tk_trust *t,
				     const unsigned char id[TK_MINISIGN_IDLEN], uint64_t seq,
				     const char *recover)
{
	uint64_t have = tk_trust_seq_of(t, id);

	if (recover)
		return strcmp(recover, t->state) ? TK_TRUST_WRONGSTATE : TK_TRUST_RECOVER;
	if (t->locked)
		return TK_TRUST_LOCKED;
	if (seq > have)
		return TK_TRUST_NEWER;
	return seq == have ? TK_TRUST_SAME : TK_TRUST_OLDER;
}

enum tk_trust_clock tk_trust_clock_judge(const struct tk_trust *t, int64_t now, int64_t bound)
{
	if (!t->newest_time || bound <= 0)
		return TK_CLOCK_OK;
	if (now >= t->newest_time - bound && now <= t->newest_time + bound)
		return TK_CLOCK_OK;
	/* A second reading after an earlier jump (either way), consistent with
	 * it: the jump was real (or a wrong clock was corrected). */
	if (t->pending_time && now >= t->pending_time && now - t->pending_time <= bound)
		return TK_CLOCK_CONFIRM;
	return now > t->newest_time ? TK_CLOCK_JUMP : TK_CLOCK_BEHIND;
}

void tk_trust_clock_note(struct tk_trust *t, int64_t now, enum tk_trust_clock verdict)
{
	switch (verdict) {
	case TK_CLOCK_OK:
		if (now > t->newest_time)
			t->newest_time = now;
		t->pending_time = 0;
		break;
	case TK_CLOCK_CONFIRM:
		t->newest_time = now; /* also backwards: a 2031 reading was corrected */
		t->pending_time = 0;
		break;
	case TK_CLOCK_JUMP:
	case TK_CLOCK_BEHIND:
		t->pending_time = now;
		break;
	}
}

int tk_trust_load(const struct tk_cache *c, struct tk_trust *t, int *created, int *damaged)
{
	char *buf = tk_malloc(TK_TRUST_TEXT_MAX + 2);
	int err;

	*created = *damaged = 0;
	if (!buf)
		return TK_ENOMEM;
	err = tk_cache_read_state(c, TK_TRUST_FILE, buf, TK_TRUST_TEXT_MAX + 2);
	if (err == TK_ENOENT) {
		tk_trust_init(t);
		*created = 1;
		err = TK_OK;
	} else if (!err) {
		err = tk_trust_parse(buf, strlen(buf), t);
		if (err == TK_EPARSE) {
			/* Never silently forget the sequences: only a recovery drop,
			 * bound to this new state id, unlocks the box. */
			tk_trust_init(t);
			t->locked = 1;
			*damaged = 1;
			err = TK_OK;
		}
	}
	tk_free(buf);
	return err;
}

int tk_trust_save(struct tk_cache *c, const struct tk_trust *t)
{
	char *buf = tk_malloc(TK_TRUST_TEXT_MAX + 1);
	size_t n;
	int err;

	if (!buf)
		return TK_ENOMEM;
	n = tk_trust_format(t, buf, TK_TRUST_TEXT_MAX + 1);
	err = n > TK_TRUST_TEXT_MAX ? TK_ETOOBIG : tk_cache_write_state(c, TK_TRUST_FILE, buf, n);
	tk_free(buf);
	return err;
}

int64_t tk_trust_urgent_seconds(const char *dir)
{
	char path[4200], line[64];
	long long until, secs = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, TK_CACHE_URGENT);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (!fgets(line, sizeof line, f) || sscanf(line, "%lld %lld", &until, &secs) != 2 ||
	    secs < 0)
		secs = 0;
	fclose(f);
	return secs;
}

int tk_trust_shown_tick(struct tk_trust_shown *s, const char *text, int64_t bound_s,
			int64_t mono_ms)
{
	uint64_t h = 1469598103934665603ull;

	for (const char *p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	if (!*text || h != s->key) {
		s->key = *text ? h : 0;
		s->shown_ms = 0;
		s->last_ms = mono_ms;
		return *text != '\0';
	}
	/* A long gap (suspend, a stalled loader) counts at most a few seconds. */
	s->shown_ms += mono_ms - s->last_ms > 5000 ? 5000 : mono_ms - s->last_ms;
	s->last_ms = mono_ms;
	return !bound_s || s->shown_ms <= bound_s * 1000;
}
