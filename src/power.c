/* Screen power controller (pure) and the fake backend. */
#include <string.h>

#include "err.h"
#include "log.h"
#include "power.h"

void tk_power_init(struct tk_power *p, const struct tk_config *cfg, const struct tk_power_ops *ops,
		   void *priv)
{
	char err[128];

	memset(p, 0, sizeof *p);
	p->on = 1;
	p->trusted = 1;
	p->ops = ops;
	p->priv = priv;
	p->scheduled = (cfg->screen_on[0] || cfg->screen_off_dates[0]) &&
		       tk_schedule_parse(&p->sched, cfg->screen_on, cfg->screen_off_dates, err,
					 sizeof err) == TK_OK;
}

int tk_power_clock_trusted(time_t now, int64_t pending_jump)
{
	return now >= (time_t)TK_POWER_CLOCK_FLOOR && pending_jump == 0;
}

static void tk_power_apply(struct tk_power *p, int on)
{
	p->on = on;
	if (on)
		p->wakes++;
	else
		p->sleeps++;
	if (p->ops && p->ops->set(p->priv, on) != TK_OK)
		tk_log(TK_LOG_WARN, "power: %s could not %s the panel (best effort; black frame)",
		       p->ops->name, on ? "wake" : "put to standby");
}

enum tk_power_step tk_power_check(struct tk_power *p, time_t now, int trusted)
{
	int want = 1;

	if (!p->scheduled)
		return TK_POWER_STAY;
	/* nothing can have changed before the known next change (the clock
	 * going backwards, or a minute without one, evaluates again) */
	if (trusted == p->trusted && p->checked && now >= p->checked &&
	    (p->next ? now < p->next : now - p->checked < 60))
		return TK_POWER_STAY;
	p->checked = now;
	if (trusted != p->trusted)
		tk_log(TK_LOG_INFO, "power: clock %s: screen schedule %s",
		       trusted ? "believable again" : "not believable",
		       trusted ? "on" : "suspended");
	p->trusted = trusted;
	if (trusted)
		want = tk_schedule_at(&p->sched, now, &p->next);
	else
		p->next = 0;
	if (want == p->on)
		return TK_POWER_STAY;
	tk_log(TK_LOG_INFO, "power: screen %s by the schedule", want ? "on" : "off");
	tk_power_apply(p, want);
	return want ? TK_POWER_WAKE : TK_POWER_SLEEP;
}

long tk_power_wait(const struct tk_power *p, time_t now, long max)
{
	long s = p->next > now ? (long)(p->next - now) : max;

	return s < 1 ? 1 : s > max ? max : s;
}

static int tk_power_fake_set(void *priv, int on)
{
	struct tk_power_fake *f = priv;

	f->calls++;
	if (f->fail)
		return TK_EIO;
	f->state = on;
	return TK_OK;
}

static void tk_power_fake_close(void *priv)
{
	(void)priv;
}

const struct tk_power_ops tk_power_fake_ops = {"fake", tk_power_fake_set, tk_power_fake_close};
