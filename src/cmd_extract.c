/* Placeholder for the commands extract: replaced by their real module. */
#include "cmd.h"
#include "log.h"

int tk_cmd_extract(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'extract' is not built yet");
	return TK_EXIT_FAIL;
}

