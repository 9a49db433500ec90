/* Placeholder for the commands import keygen sign: replaced by their real module. */
#include "cmd.h"
#include "log.h"

int tk_cmd_import(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'import' is not built yet");
	return TK_EXIT_FAIL;
}

int tk_cmd_keygen(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'keygen' is not built yet");
	return TK_EXIT_FAIL;
}

int tk_cmd_sign(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'sign' is not built yet");
	return TK_EXIT_FAIL;
}

