/* The system side of screen power: the clock state the importer recorded, and
 * HDMI-CEC panel power through the kernel CEC API (linux/cec.h): standby and
 * image-view-on sent to the TV. Best effort and untested on real hardware:
 * every failure is logged once and the display falls back to a black frame. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "err.h"
#include "log.h"
#include "power.h"
#include "trust.h"

int64_t tk_power_pending_jump(const char *dir)
{
	char path[4096], *text = NULL;
	struct tk_trust *t = NULL;
	int64_t pending = 0;
	size_t n;
	FILE *f = NULL;

	if (!dir || snprintf(path, sizeof path, "%s/%s", dir, TK_TRUST_FILE) >= (int)sizeof path)
		goto out;
	text = malloc(TK_TRUST_TEXT_MAX);
	t = malloc(sizeof *t);
	f = fopen(path, "rbe");
	if (!text || !t || !f)
		goto out;
	n = fread(text, 1, TK_TRUST_TEXT_MAX, f);
	if (n < TK_TRUST_TEXT_MAX && tk_trust_parse(text, n, t) == TK_OK)
		pending = t->pending_time;
out:
	if (f)
		fclose(f);
	free(text);
	free(t);
	return pending;
}

#if defined(__linux__)
#include <linux/cec.h>

struct tk_cec {
	int fd;
	unsigned char from; /* our logical address */
};

/* Claim a playback logical address when the adapter has none yet. */
static int tk_cec_claim(struct tk_cec *c)
{
	struct cec_log_addrs la;

	memset(&la, 0, sizeof la);
	if (ioctl(c->fd, CEC_ADAP_G_LOG_ADDRS, &la) < 0)
		return TK_EIO;
	if (la.num_log_addrs == 0) {
		memset(&la, 0, sizeof la);
		la.cec_version = CEC_OP_CEC_VERSION_1_4;
		la.vendor_id = CEC_VENDOR_ID_NONE;
		la.num_log_addrs = 1;
		la.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
		la.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
		la.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
		memcpy(la.osd_name, "ticker", 7);
		if (ioctl(c->fd, CEC_ADAP_S_LOG_ADDRS, &la) < 0)
			return TK_EIO;
	}
	c->from =
	    la.log_addr[0] == CEC_LOG_ADDR_INVALID ? CEC_LOG_ADDR_UNREGISTERED : la.log_addr[0];
	return TK_OK;
}

void *tk_power_cec_open(const char *path)
{
	struct tk_cec *c = calloc(1, sizeof *c);
	__u32 mode = CEC_MODE_INITIATOR;

	if (!c)
		return NULL;
	c->fd = open(path, O_RDWR | O_CLOEXEC);
	if (c->fd < 0 || ioctl(c->fd, CEC_S_MODE, &mode) < 0 || tk_cec_claim(c) != TK_OK) {
		tk_log(TK_LOG_INFO, "power: no HDMI-CEC through %s (%s): black frame only", path,
		       strerror(errno));
		if (c->fd >= 0)
			close(c->fd);
		free(c);
		return NULL;
	}
	tk_log(TK_LOG_INFO, "power: HDMI-CEC through %s as logical address %u", path, c->from);
	return c;
}

static int tk_cec_set(void *priv, int on)
{
	struct tk_cec *c = priv;
	struct cec_msg msg;

	cec_msg_init(&msg, c->from, CEC_LOG_ADDR_TV);
	msg.msg[1] = on ? CEC_MSG_IMAGE_VIEW_ON : CEC_MSG_STANDBY;
	msg.len = 2;
	if (ioctl(c->fd, CEC_TRANSMIT, &msg) < 0 || (msg.tx_status & ~CEC_TX_STATUS_OK)) {
		tk_log(TK_LOG_WARN, "power: CEC %s not acknowledged (tx_status 0x%x, %s)",
		       on ? "image-view-on" : "standby", msg.tx_status, strerror(errno));
		return TK_EIO;
	}
	tk_log(TK_LOG_INFO, "power: CEC %s sent", on ? "image-view-on" : "standby");
	return TK_OK;
}

static void tk_cec_close(void *priv)
{
	struct tk_cec *c = priv;

	if (c) {
		close(c->fd);
		free(c);
	}
}

const struct tk_power_ops tk_power_cec_ops = {"HDMI-CEC", tk_cec_set, tk_cec_close};

#else
void *tk_power_cec_open(const char *path)
{
	(void)path;
	return NULL;
}
static int tk_cec_set(void *priv, int on)
{
	(void)priv;
	(void)on;
	return TK_EIO;
}
static void tk_cec_close(void *priv)
{
	(void)priv;
}
const struct tk_power_ops tk_power_cec_ops = {"HDMI-CEC", tk_cec_set, tk_cec_close};
#endif
