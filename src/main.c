/*
 * main.c — entry point: hands argv to the command table (cli/cli.h).
 */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
