/*
 * cli.h — the command line face of Lots.
 */
#ifndef LOTS_CLI_CLI_H
#define LOTS_CLI_CLI_H

/* Runs one command; returns the exit code: 0 ok, 1 refused/failed, 2 usage. */
int cli_main(int argc, char **argv);

#endif
