/* Playlist loading for the display: the first load on a thread while the
 * output opens (1,000 articles take about as long as a GL context), then a
 * thread that watches the cache and builds new playlists off the frame path.
 * An import that changes nothing (the same stick again) posts no playlist. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "err.h"
#include "loader.h"
#include "log.h"
#include "logo.h"
#include "mem.h"
#include "trust.h"

/* How often the cache is looked at: a banner or a new generation reaches the
 * frame loop within this (issue 15: banner within 1 s of the import's last
 * write). Each look is a read of three tiny files. */
#if !defined(TK_LOADER_POLL_MS)
#define TK_LOADER_POLL_MS 250
#endif

static int64_t tk_loader_cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void tk_loader_log(const struct tk_playlist *pl, int64_t cpu_us)
{
	tk_log(TK_LOG_INFO,
	       "playlist: generation %llu: %zu articles, %zu items (%zu files read, %zu "
	       "unchanged, %zu refused; %zu KB of text; %.1f ms CPU)",
	       (unsigned long long)pl->generation, pl->n_articles, pl->n_items, pl->files_read,
	       pl->files_reused, pl->files_refused, pl->text_bytes / 1024, (double)cpu_us / 1000);
	for (size_t i = 0; i < pl->n_articles && i < 10; i++)
		tk_log(TK_LOG_INFO, "playlist: headline: %s", pl->articles[i].headline);
	if (pl->logo)
		tk_log(TK_LOG_INFO, "playlist: logo %dx%d", pl->logo->w, pl->logo->h);
	else if (pl->logo_refused)
		tk_log(TK_LOG_WARN, "playlist: the logo failed its checks: not shown");
}

/* prev (may be NULL): the last playlist loaded, whose unchanged records are
 * taken over unread (a reload costs in proportion to what changed). */
static int tk_loader_reload(const struct tk_config *cfg, const char *dir,
			    const struct tk_playlist *prev, struct tk_playlist **out)
{
	struct tk_playlist_opts po;
	int64_t t0 = tk_loader_cpu_us();
	int err;

	tk_playlist_opts_from_config(cfg, &po);
	/* A REPLACE cut short (power loss) is finished first: never old and new mixed. */
	(void)tk_cache_recover(dir);
	err = tk_playlist_reload(dir, &po, tk_playlist_generation(dir), prev, out);
	if (err == TK_ENOENT) {
		tk_log(TK_LOG_WARN, "playlist: %s does not exist: showing the idle screen", dir);
		err = tk_playlist_create(out);
	}
	if (!err && (*out)->no_records)
		tk_log(TK_LOG_WARN,
		       "playlist: %s has no record index yet: nothing shown until `ticker import "
		       "--rebuild` (run before the display starts) or the next import builds it",
		       dir);
	if (!err)
		tk_loader_log(*out, tk_loader_cpu_us() - t0);
	else
		tk_log(TK_LOG_ERROR, "playlist: %s: %s", dir, tk_strerror(err));
	return err;
}

int tk_loader_newest(struct tk_playlist *pl, size_t n, struct tk_playlist **out)
{
	struct tk_playlist *sub = NULL;
	struct tk_item it[64];
	int err;

	*out = NULL;
	if (!n || pl->n_articles <= n) {
		*out = tk_playlist_ref(pl);
		return TK_OK;
	}
	err = tk_playlist_create(&sub);
	for (size_t i = 0; !err && i < n; i++) {
		const struct tk_pl_article *a = &pl->articles[i];
		size_t m = a->count < 64 ? a->count : 64;

		for (size_t j = 0; j < m; j++) {
			const struct tk_pl_item *p = &pl->items[a->first + j];

			it[j].kind = p->kind;
			it[j].text = p->text;
			it[j].speaker = p->speaker;
			it[j].role = p->role;
			it[j].figure = p->figure;
			it[j].caption = p->caption;
		}
		err = tk_playlist_add(sub, a->headline, a->source, a->when, it, m);
	}
	if (!err)
		err = tk_playlist_sort(sub);
	if (err) {
		tk_playlist_unref(sub);
		return err;
	}
	sub->generation = pl->generation;
	*out = sub;
	return TK_OK;
}

int tk_loader_load(const struct tk_config *cfg, const char *dir, struct tk_playlist **out)
{
	return tk_loader_reload(cfg, dir, NULL, out);
}

/* FNV-1a over every string and number the screen shows. */
static uint64_t tk_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

static uint64_t tk_fnv_str(uint64_t h, const char *s)
{
	return s ? tk_fnv(h, s, strlen(s) + 1) : tk_fnv(h, "\xff", 1);
}

uint64_t tk_loader_fingerprint(const struct tk_playlist *pl)
{
	uint64_t h = 14695981039346656037ULL;

	h = tk_fnv(h, &pl->n_articles, sizeof pl->n_articles);
	if (pl->logo) {
		uint64_t lh = tk_logo_hash(pl->logo);

		h = tk_fnv(h, &lh, sizeof lh);
	}
	for (size_t i = 0; i < pl->n_articles; i++) {
		const struct tk_pl_article *a = &pl->articles[i];

		h = tk_fnv_str(h, a->headline);
		h = tk_fnv_str(h, a->source);
		h = tk_fnv(h, &a->when, sizeof a->when);
		h = tk_fnv(h, &a->count, sizeof a->count);
	}
	for (size_t i = 0; i < pl->n_items; i++) {
		const struct tk_pl_item *it = &pl->items[i];
		int kind = (int)it->kind;

		h = tk_fnv(h, &kind, sizeof kind);
		h = tk_fnv_str(h, it->text);
		h = tk_fnv_str(h, it->speaker);
		h = tk_fnv_str(h, it->role);
		h = tk_fnv_str(h, it->figure);
		h = tk_fnv_str(h, it->caption);
	}
	return h;
}

/* ---- preload -------------------------------------------------------------- */

struct tk_preload {
	pthread_t thr;
	tk_preload_fn fn;
	void *arg;
	struct tk_playlist *pl;
	int err, started;
};

static void *tk_preload_main(void *arg)
{
	struct tk_preload *p = arg;

	p->err = p->fn(p->arg, &p->pl);
	return NULL;
}

int tk_preload_start(tk_preload_fn fn, void *arg, struct tk_preload **out)
{
	struct tk_preload *p = tk_calloc(1, sizeof *p);

	*out = p;
	if (!p)
		return TK_ENOMEM;
	p->fn = fn;
	p->arg = arg;
	if (pthread_create(&p->thr, NULL, tk_preload_main, p) == 0)
		p->started = 1;
	else
		tk_preload_main(p);
	return TK_OK;
}

int tk_preload_join(struct tk_preload *p, struct tk_playlist **out)
{
	int err;

	*out = NULL;
	if (!p)
		return TK_EINVAL;
	if (p->started)
		pthread_join(p->thr, NULL);
	*out = p->pl;
	err = p->err;
	tk_free(p);
	return err;
}

/* ---- the loader thread ------------------------------------------------------ */

struct tk_loader {
	const struct tk_config *cfg;
	const char *dir;
	pthread_t thr;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int quit;
	atomic_int posted;
	struct tk_playlist *next;
	struct tk_playlist *last; /* loader thread only: the last one loaded */
	char status[256], urgent[1024];
	uint64_t gen, fp;
	int64_t tick; /* time / TK_LOADER_DATES_SECONDS: show dates are looked at again */
	struct tk_trust_shown shown; /* the urgent notice's shown-time bound */
};

void tk_loader_notices(const char *dir, char *status, size_t status_size, char *urgent,
		       size_t urgent_size)
{
	int64_t now = (int64_t)time(NULL);

	if (!dir || !tk_playlist_notice(dir, TK_CACHE_STATUS, now, status, status_size))
		status[0] = '\0';
	/* The import's service flag (keys folder unusable): a calm, lasting banner. */
	if (dir && !*status && tk_playlist_notice(dir, TK_CACHE_SERVICE, now, status, status_size))
		status[strcspn(status, "\n")] = '\0';
	if (!dir || !tk_playlist_notice(dir, TK_CACHE_URGENT, now, urgent, urgent_size))
		urgent[0] = '\0';
}

/* Articles' show dates (showdates.h) begin and end at local midnights: the
 * index is read again this often, whether or not it changed. */
#define TK_LOADER_DATES_SECONDS 900

/* A new generation (or a new quarter hour, dates): load it, and post it only
 * when its content differs from what is on screen (re-plugging the same
 * stick bumps the generation). */
static void tk_loader_generation(struct tk_loader *l, uint64_t g, int dates)
{
	struct tk_playlist *pl = NULL;
	uint64_t fp;

	l->gen = g; /* a failed load keeps the last content until the next change */
	/* The import bumps the generation once at its commit and once with the
	 * new record index: only the index changes what the display shows. */
	if (!dates && l->last && l->last->records_id &&
	    tk_playlist_records_id(l->dir) == l->last->records_id &&
	    tk_playlist_logo_id(l->dir) == l->last->logo_id) {
		tk_log(TK_LOG_DEBUG, "playlist: generation %llu: record index unchanged",
		       (unsigned long long)g);
		return;
	}
	if (tk_loader_reload(l->cfg, l->dir, l->last, &pl))
		return;
	tk_playlist_unref(l->last);
	l->last = tk_playlist_ref(pl);
	pl->generation = g;
	fp = tk_loader_fingerprint(pl);
	if (fp == l->fp) {
		tk_log(dates ? TK_LOG_DEBUG : TK_LOG_INFO,
		       "playlist: generation %llu has the same content: carrying on",
		       (unsigned long long)g);
		tk_playlist_unref(pl);
		return;
	}
	l->fp = fp;
	pthread_mutex_lock(&l->mu);
	tk_playlist_unref(l->next);
	l->next = pl;
	pthread_mutex_unlock(&l->mu);
	atomic_store(&l->posted, 1);
}

static void tk_loader_post_notices(struct tk_loader *l, const char *status, const char *urgent)
{
	if (*status && strcmp(status, l->status))
		tk_log(TK_LOG_INFO, "banner: %s", status);
	if (strcmp(status, l->status) || strcmp(urgent, l->urgent)) {
		snprintf(l->status, sizeof l->status, "%s", status);
		snprintf(l->urgent, sizeof l->urgent, "%s", urgent);
		atomic_store(&l->posted, 1);
	}
}

static void *tk_loader_main(void *arg)
{
	struct tk_loader *l = arg;
	char status[256], urgent[1024];

	pthread_mutex_lock(&l->mu);
	while (!l->quit) {
		struct timespec ts;
		uint64_t g;

		pthread_mutex_unlock(&l->mu);
		g = tk_playlist_generation(l->dir);
		tk_loader_notices(l->dir, status, sizeof status, urgent, sizeof urgent);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (!tk_trust_shown_tick(&l->shown, urgent, tk_trust_urgent_seconds(l->dir),
					 (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000))
			urgent[0] = '\0'; /* shown long enough, whatever the date says */
		if (g != l->gen || (int64_t)time(NULL) / TK_LOADER_DATES_SECONDS != l->tick) {
			int dates = g == l->gen;

			l->tick = (int64_t)time(NULL) / TK_LOADER_DATES_SECONDS;
			tk_loader_generation(l, g, dates);
		}
		pthread_mutex_lock(&l->mu);
		tk_loader_post_notices(l, status, urgent);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += TK_LOADER_POLL_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		if (!l->quit)
			pthread_cond_timedwait(&l->cv, &l->mu, &ts);
	}
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

static int tk_loader_begin(const struct tk_config *cfg, const char *dir, uint64_t gen, uint64_t fp,
			   struct tk_playlist *last, struct tk_loader **out)
{
	struct tk_loader *l = tk_calloc(1, sizeof *l);
	int err = TK_ENOMEM;

	*out = NULL;
	if (!l)
		goto out;
	l->cfg = cfg;
	l->dir = dir;
	l->gen = gen;
	l->fp = fp;
	l->tick = (int64_t)time(NULL) / TK_LOADER_DATES_SECONDS;
	l->last = tk_playlist_ref(last);
	tk_loader_notices(dir, l->status, sizeof l->status, l->urgent, sizeof l->urgent);
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	if (pthread_create(&l->thr, NULL, tk_loader_main, l)) {
		pthread_mutex_destroy(&l->mu);
		pthread_cond_destroy(&l->cv);
		tk_playlist_unref(l->last);
		tk_free(l);
		goto out;
	}
	*out = l;
	err = TK_OK;
out:
	return err;
}

int tk_loader_start(const struct tk_config *cfg, const char *dir, uint64_t gen, uint64_t fp,
		    struct tk_loader **out)
{
	return tk_loader_begin(cfg, dir, gen, fp, NULL, out);
}

int tk_loader_start_from(const struct tk_config *cfg, const char *dir, struct tk_playlist *shown,
			 struct tk_loader **out)
{
	return tk_loader_begin(cfg, dir, shown ? shown->generation : 0,
			       shown ? tk_loader_fingerprint(shown) : 0, shown, out);
}

void tk_loader_stop(struct tk_loader *l)
{
	if (!l)
		return;
	pthread_mutex_lock(&l->mu);
	l->quit = 1;
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
	pthread_join(l->thr, NULL);
	tk_playlist_unref(l->next);
	tk_playlist_unref(l->last);
	pthread_mutex_destroy(&l->mu);
	pthread_cond_destroy(&l->cv);
	tk_free(l);
}

int tk_loader_take(struct tk_loader *l, struct tk_playlist **pl, char *status, size_t status_size,
		   char *urgent, size_t urgent_size)
{
	*pl = NULL;
	if (!l || !atomic_exchange(&l->posted, 0))
		return 0;
	pthread_mutex_lock(&l->mu);
	*pl = l->next;
	l->next = NULL;
	snprintf(status, status_size, "%s", l->status);
	snprintf(urgent, urgent_size, "%s", l->urgent);
	pthread_mutex_unlock(&l->mu);
	return 1;
}
