/* One error enum for the whole program, and its messages. */
#ifndef TK_ERR_H
#define TK_ERR_H

enum tk_err {
	TK_OK = 0,
	TK_ENOMEM,     /* out of memory */
	TK_EIO,	       /* read, write, fsync or rename failed */
	TK_EPARSE,     /* input is malformed */
	TK_ETOOBIG,    /* input over a configured limit */
	TK_EINVAL,     /* bad argument or configuration value */
	TK_ENOTEXT,    /* input is binary, empty or has no text */
	TK_ENOENT,     /* no such file or directory */
	TK_EUNSUPP,    /* not a supported format */
	TK_ESIG,       /* signature missing, wrong or untrusted */
	TK_ENOSPC,     /* disk full */
	TK_ENODISPLAY, /* no connected display */
	TK_ESDL,       /* SDL or SDL_ttf call failed */
	TK_EBUSY,      /* another process holds the resource */
	TK_ERR_COUNT
};

/* A static, human-readable string for err (never NULL). */
const char *tk_strerror(int err);

#endif
