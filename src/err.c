/* Messages for enum tk_err. */
#include "err.h"

const char *tk_strerror(int err)
{
	static const char *const msg[TK_ERR_COUNT] = {
	    [TK_OK] = "success",
	    [TK_ENOMEM] = "out of memory",
	    [TK_EIO] = "input/output error",
	    [TK_EPARSE] = "malformed input",
	    [TK_ETOOBIG] = "over the size limit",
	    [TK_EINVAL] = "invalid argument",
	    [TK_ENOTEXT] = "no readable text",
	    [TK_ENOENT] = "no such file or directory",
	    [TK_EUNSUPP] = "unsupported format",
	    [TK_ESIG] = "signature missing, invalid or untrusted",
	    [TK_ENOSPC] = "no space left on device",
	    [TK_ENODISPLAY] = "no display connected",
	    [TK_ESDL] = "graphics library error",
	    [TK_EBUSY] = "resource busy",
	};
	if (err < 0 || err >= TK_ERR_COUNT || !msg[err])
		return "unknown error";
	return msg[err];
}
