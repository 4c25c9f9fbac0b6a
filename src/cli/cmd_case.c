/* STUB — being written */
#include "cli/commands.h"
#include "cli/cli_util.h"

int cmd_case_new(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
int cmd_case_list(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
int cmd_case_show(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
int cmd_case_move(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
int cmd_case_check(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("inte klart ännu"); }
