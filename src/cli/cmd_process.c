/* STUB — being written */
#include "cli/commands.h"
#include "cli/cli_util.h"

int cmd_process_list(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
int cmd_process_show(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
