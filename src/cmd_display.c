/* Placeholder for the commands run snapshot record bench: replaced by their real module. */
#include "cmd.h"
#include "log.h"

int tk_cmd_run(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'run' is not built yet");
	return TK_EXIT_FAIL;
}

int tk_cmd_snapshot(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'snapshot' is not built yet");
	return TK_EXIT_FAIL;
}

int tk_cmd_record(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'record' is not built yet");
	return TK_EXIT_FAIL;
}

int tk_cmd_bench(int argc, char **argv, struct tk_config *cfg)
{
	(void)argc; (void)argv; (void)cfg;
	tk_log(TK_LOG_ERROR, "'bench' is not built yet");
	return TK_EXIT_FAIL;
}

