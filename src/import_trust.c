/* The importer's trust rules: keys (fail closed), sequence numbers against
 * replay and rollback, recovery drops bound to the box's state id, key
 * rotation and revocation by signed drops, unsigned_sticks and the clock. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "err.h"
#include "i18n.h"
#include "import_trust.h"
#include "log.h"
#include "sign.h"

int tk_import_trust_open(struct tk_import_trust *it, struct tk_cache *c,
			 const struct tk_config *cfg, int64_t now)
{
	int created = 0, damaged = 0, err;
	size_t bad = 0;

	memset(it, 0, sizeof *it);
	it->cfg = cfg;
	it->now = now;
	err = tk_trust_load(c, &it->t, &created, &damaged);
	if (err)
		return err;
	/* Keep the state id stable from the first report on (a recovery names it). */
	if ((created || damaged) && tk_trust_save(c, &it->t))
		tk_log(TK_LOG_WARN, "import: cannot save %s", TK_TRUST_FILE);
	if (damaged)
		tk_log(TK_LOG_ERROR, "import: %s is damaged: only a recovery stick is accepted",
		       TK_TRUST_FILE);
	err = tk_sign_keyring_load(cfg->keys_dir, &it->ring, &bad);
	if (!err)
		err = tk_sign_keyring_apply(it->ring, &it->t);
	if (err)
		return err;
	if (bad)
		snprintf(it->keys_problem, sizeof it->keys_problem,
			 "this ticker refuses every stick until its trusted keys are fixed: %s",
			 tk_sign_keyring_problem(it->ring));
	it->clock = tk_trust_clock_judge(&it->t, now, cfg->clock_jump_days * 86400);
	return TK_OK;
}

void tk_import_trust_close(struct tk_import_trust *it)
{
	tk_sign_keyring_free(it->ring);
	it->ring = NULL;
}

void tk_import_trust_flag_service(const struct tk_import_trust *it, struct tk_cache *c)
{
	char buf[800];
	/* TRANSLATORS: lasting note in a corner of the screen for whoever looks after it */
	int n = snprintf(buf, sizeof buf, "4102444800\n%s\n%s\n",
			 _("This screen needs a check by its operator (see the last USB stick "
			   "report)"),
			 it->keys_problem);

	if (tk_cache_write_state(c, TK_IMPORT_TRUST_SERVICE, buf,
				 n > 0 && (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1))
		tk_log(TK_LOG_WARN, "import: cannot write the service flag");
}

/* Would the drop's revocations leave the box without any key? */
static int tk_it_leaves_no_key(const struct tk_import_trust *it, const struct tk_manifest *m)
{
	const unsigned char(*ids)[TK_MINISIGN_IDLEN];
	const struct tk_mkey *adds;
	size_t nr = tk_manifest_revoked(m, &ids), na = tk_manifest_added(m, &adds), left = 0;

	if (!nr || na)
		return 0;
	for (size_t i = 0; i < tk_sign_keyring_count(it->ring); i++) {
		int gone = 0;
		unsigned char id[TK_MINISIGN_IDLEN];

		tk_sign_keyring_id(it->ring, i, id);
		for (size_t k = 0; k < nr; k++)
			gone |= !memcmp(ids[k], id, TK_MINISIGN_IDLEN);
		left += !gone;
	}
	return left == 0;
}

int tk_import_trust_judge(struct tk_import_trust *it, const struct tk_manifest *m, char *why,
			  size_t size)
{
	unsigned char id[TK_MINISIGN_IDLEN];
	const char *rec = tk_manifest_recover(m);

	tk_manifest_signer_id(m, id);
	tk_minisign_id_hex(id, it->signer_hex);
	it->seq = tk_manifest_sequence(m);
	it->had = tk_trust_seq_of(&it->t, id);
	it->verdict = tk_trust_judge(&it->t, id, it->seq, rec);
	it->judged = 1;
	switch (it->verdict) {
	case TK_TRUST_OLDER:
		snprintf(
		    why, size,
		    "this stick is older than what the ticker already has: its sequence "
		    "number is %" PRIu64 ", and the ticker accepted number %" PRIu64
		    " from the same key (%s). If this stick should be the newest, sign it "
		    "again: \"ticker sign\" picks the next number itself; with minisign, write "
		    "sequence %" PRIu64 " or higher",
		    it->seq, it->had, it->signer_hex, it->had + 1);
		return -1;
	case TK_TRUST_WRONGSTATE:
		snprintf(why, size,
			 "this recovery stick was made for another state of this ticker (it names "
			 "%s, the ticker is now at %s), or was already used: make a new one with "
			 "the state id below",
			 rec, it->t.state);
		return -1;
	case TK_TRUST_LOCKED:
		snprintf(why, size,
			 "the ticker's record of signed sticks was damaged, so it accepts only a "
			 "recovery stick for its state %s (see \"Recovery\" in the README)",
			 it->t.state);
		return -1;
	default:
		break;
	}
	if (tk_it_leaves_no_key(it, m)) {
		snprintf(why, size, "this stick would revoke every trusted key of the ticker");
		return -1;
	}
	return 0;
}

const char *tk_import_trust_unsigned(const struct tk_import_trust *it)
{
	if (it->cfg->unsigned_sticks == TK_UNSIGNED_NONE)
		return "this ticker accepts only signed sticks (setting unsigned_sticks = none)";
	return NULL;
}

const char *tk_import_trust_controls(const struct tk_import_trust *it, int signed_ok)
{
	if (signed_ok && it->judged && it->verdict == TK_TRUST_SAME)
		return "already carried out when this signed stick (same sequence number) was "
		       "first imported";
	if (!signed_ok && it->cfg->unsigned_sticks != TK_UNSIGNED_ALL)
		return "not used: only a signed stick may do this (setting unsigned_sticks = "
		       "articles)";
	return NULL;
}

int tk_import_trust_may_expire(const struct tk_import_trust *it)
{
	/* A clock behind only keeps articles longer: only a jump ahead waits. */
	return it->clock != TK_CLOCK_JUMP;
}

static void tk_it_apply_keys(struct tk_import_trust *it, const struct tk_manifest *m)
{
	const unsigned char(*ids)[TK_MINISIGN_IDLEN];
	const struct tk_mkey *adds;
	size_t nr = tk_manifest_revoked(m, &ids), na = tk_manifest_added(m, &adds), n = 0;
	struct tk_trust *t = &it->t;
	char hex[17];

	for (size_t i = 0; i < na; i++) {
		int have = 0;

		for (size_t k = 0; k < t->nadd; k++)
			have |= !memcmp(t->add[k].id, adds[i].id, TK_MINISIGN_IDLEN);
		for (size_t k = 0; k < t->nrevoke;) /* re-adding undoes a revocation */
			if (!memcmp(t->revoke[k], adds[i].id, TK_MINISIGN_IDLEN))
				memmove(t->revoke[k], t->revoke[k + 1],
					(--t->nrevoke - k) * sizeof t->revoke[0]);
			else
				k++;
		if (!have && t->nadd < TK_TRUST_MAX_KEYS)
			t->add[t->nadd++] = adds[i];
		tk_minisign_id_hex(adds[i].id, hex);
		n += (size_t)snprintf(it->note + n, n < sizeof it->note ? sizeof it->note - n : 0,
				      "Keys:     key %s is now trusted\n", hex);
	}
	for (size_t i = 0; i < nr; i++) {
		if (!tk_trust_is_revoked(t, ids[i]) && t->nrevoke < TK_TRUST_MAX_KEYS)
			memcpy(t->revoke[t->nrevoke++], ids[i], TK_MINISIGN_IDLEN);
		for (size_t k = 0; k < t->nadd;)
			if (!memcmp(t->add[k].id, ids[i], TK_MINISIGN_IDLEN))
				t->add[k] = t->add[--t->nadd];
			else
				k++;
		tk_minisign_id_hex(ids[i], hex);
		n += (size_t)snprintf(it->note + n, n < sizeof it->note ? sizeof it->note - n : 0,
				      "Keys:     key %s is revoked: sticks it signs are refused\n",
				      hex);
	}
}

int tk_import_trust_commit(struct tk_import_trust *it, struct tk_cache *c,
			   const struct tk_manifest *m)
{
	unsigned char id[TK_MINISIGN_IDLEN];

	if (m && it->judged && (it->verdict == TK_TRUST_NEWER || it->verdict == TK_TRUST_RECOVER)) {
		tk_manifest_signer_id(m, id);
		if (tk_trust_set_seq(&it->t, id, it->seq))
			return TK_ETOOBIG;
		if (it->verdict == TK_TRUST_RECOVER)
			it->t.locked = 0;
		tk_it_apply_keys(it, m);
		tk_trust_new_state(&it->t); /* a recovery for the old state is spent */
	}
	tk_trust_clock_note(&it->t, it->now, it->clock);
	return tk_trust_save(c, &it->t);
}

static void tk_it_day(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, size, "%Y-%m-%d", &tm))
		snprintf(out, size, "%" PRId64, t);
}

void tk_import_trust_report(const struct tk_import_trust *it, int refused, char *out, size_t size)
{
	size_t n = 0;
	char day[32];

#define TK_IT(...)                                                                                 \
	n += (size_t)snprintf(out + (n < size ? n : size), n < size ? size - n : 0, __VA_ARGS__)
	out[0] = '\0';
	if (it->judged && it->verdict == TK_TRUST_SAME)
		TK_IT("Sequence: %" PRIu64 " from key %s: unchanged (this stick was already "
		      "imported; its articles were checked again, nothing else was redone)\n",
		      it->seq, it->signer_hex);
	else if (it->judged && it->verdict == TK_TRUST_RECOVER && !refused)
		TK_IT("Sequence: RECOVERY carried out: key %s now starts again from %" PRIu64 "\n",
		      it->signer_hex, it->seq);
	else if (it->judged && !refused && it->had)
		TK_IT("Sequence: %" PRIu64 " from key %s (the ticker had %" PRIu64
		      "); the next stick from this key needs a higher number\n",
		      it->seq, it->signer_hex, it->had);
	else if (it->judged && !refused)
		TK_IT("Sequence: %" PRIu64 " from key %s (the first stick from this key); the next "
		      "one needs a higher number\n",
		      it->seq, it->signer_hex);
	if (!refused)
		TK_IT("%s", it->note);
	TK_IT("State:    %s (a recovery stick for this ticker names this; it changes with every "
	      "signed stick accepted)\n",
	      it->t.state);
	if (it->clock == TK_CLOCK_JUMP) {
		tk_it_day(it->t.newest_time, day, sizeof day);
		TK_IT("Clock:    the ticker's clock jumped more than %ld days past the newest time "
		      "it had seen (%s): no article was removed for age. A later import with the "
		      "same clock confirms it\n",
		      it->cfg->clock_jump_days, day);
	} else if (it->clock == TK_CLOCK_CONFIRM) {
		TK_IT("Clock:    this import confirms the clock's jump seen at the last import: "
		      "articles are removed for age again\n");
	} else if (it->clock == TK_CLOCK_BEHIND) {
		tk_it_day(it->t.newest_time, day, sizeof day);
		TK_IT(
		    "Clock:    the ticker's clock is more than %ld days behind the newest time it "
		    "had seen (%s): is it set right?\n",
		    it->cfg->clock_jump_days, day);
	}
#undef TK_IT
}

int tk_import_trust_expire_ok(struct tk_cache *c, const struct tk_config *cfg, int64_t now)
{
	struct tk_trust t;
	int created, damaged;
	enum tk_trust_clock v;

	if (tk_trust_load(c, &t, &created, &damaged))
		return 0;
	v = tk_trust_clock_judge(&t, now, cfg->clock_jump_days * 86400);
	if (v == TK_CLOCK_CONFIRM)
		v = t.newest_time < now ? TK_CLOCK_JUMP
					: TK_CLOCK_BEHIND; /* only an import confirms */
	tk_trust_clock_note(&t, now, v);
	if (tk_trust_save(c, &t))
		tk_log(TK_LOG_WARN, "expire: cannot save %s", TK_TRUST_FILE);
	if (v == TK_CLOCK_JUMP)
		tk_log(TK_LOG_WARN,
		       "expire: the clock jumped more than %ld days past the newest time seen: "
		       "nothing expired until an import confirms it",
		       cfg->clock_jump_days);
	return v != TK_CLOCK_JUMP;
}
