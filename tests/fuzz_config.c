/* libFuzzer target for the configuration parser, which reads ticker.conf from
 * untrusted USB sticks. Besides crashes it checks the stick rules hold: what a
 * stick parse accepts leaves every device key alone, is accepted by the device
 * parse too, and survives the dump/re-check cycle of <cache>/.config. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tk_fz_dump_a[16384], tk_fz_dump_b[16384];

/* The dump line of key i ("key = value\n") in text, or NULL. */
static const char *tk_fz_line(const char *text, const char *key, size_t *len)
{
	size_t kl = strlen(key);

	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');

		if (!strncmp(p, key, kl) && p[kl] == ' ') {
			*len = (size_t)(eol - p);
			return p;
		}
		p = eol + 1;
	}
	return NULL;
}

/* Every key the stick column calls device-only is the same in a and b. */
static void tk_fz_device_keys_same(const struct tk_config *a, const struct tk_config *b)
{
	char buf[96];

	tk_config_dump(a, tk_fz_dump_a, sizeof tk_fz_dump_a);
	tk_config_dump(b, tk_fz_dump_b, sizeof tk_fz_dump_b);
	for (size_t i = 0; i < tk_config_key_count(); i++) {
		const char *k = tk_config_key_name(i), *la, *lb;
		size_t na = 0, nb = 0;

		if (tk_config_key_stick(i, buf, sizeof buf) == 1)
			continue;
		la = tk_fz_line(tk_fz_dump_a, k, &na);
		lb = tk_fz_line(tk_fz_dump_b, k, &nb);
		if (!la || !lb || na != nb || memcmp(la, lb, na))
			abort(); /* a stick changed a device key */
	}
}

/* The dump lines of the keys a stick may set, into tk_fz_dump_a. */
static size_t tk_fz_stick_dump(const struct tk_config *c)
{
	char buf[96];
	size_t n = 0;

	tk_config_dump(c, tk_fz_dump_b, sizeof tk_fz_dump_b);
	for (size_t i = 0; i < tk_config_key_count(); i++) {
		const char *line;
		size_t len = 0;

		if (tk_config_key_stick(i, buf, sizeof buf) != 1)
			continue;
		line = tk_fz_line(tk_fz_dump_b, tk_config_key_name(i), &len);
		if (!line || n + len + 1 >= sizeof tk_fz_dump_a)
			abort();
		memcpy(tk_fz_dump_a + n, line, len + 1);
		n += len + 1;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_config base, stick, dev, again;
	const char *text = (const char *)data;
	size_t n;

	tk_config_defaults(&base);
	stick = base;
	dev = base;
	if (tk_config_parse_from(&stick, TK_CONFIG_STICK, text, size, NULL, NULL) == TK_OK) {
		tk_fz_device_keys_same(&base, &stick);
		if (tk_config_parse(&dev, text, size, NULL, NULL) != TK_OK ||
		    memcmp(&dev, &stick, sizeof dev))
			abort(); /* the stick rules are not a subset of the device rules */
		/* the stick keys as `ticker config` prints them pass the stick rules again */
		n = tk_fz_stick_dump(&stick);
		again = base;
		if (n >= sizeof tk_fz_dump_a ||
		    tk_config_parse_from(&again, TK_CONFIG_STICK, tk_fz_dump_a, n, NULL, NULL) !=
			TK_OK ||
		    memcmp(&again, &stick, sizeof again))
			abort();
	} else {
		tk_config_parse(&dev, text, size, NULL, NULL);
	}
	/* whatever the device parse made of it, `ticker config` prints it back */
	n = tk_config_dump(&dev, tk_fz_dump_a, sizeof tk_fz_dump_a);
	again = base;
	if (n < sizeof tk_fz_dump_a &&
	    tk_config_parse(&again, tk_fz_dump_a, n, NULL, NULL) == TK_OK &&
	    memcmp(&again, &dev, sizeof again))
		abort();
	return 0;
}
