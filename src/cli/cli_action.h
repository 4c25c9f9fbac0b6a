/*
 * cli_action.h — a proposed action given as flags, the same for every
 * command that takes one (`lots decide`, `lots case scope`):
 *   --unit NAMN|ID … --municipality NAMN … [--within-mission]
 *   [--within-budget] [--political] [--cost KRONOR]
 * --unit and --municipality may be repeated; at least one of them is needed.
 */
#ifndef LOTS_CLI_ACTION_H
#define LOTS_CLI_ACTION_H

#include "cli/cli_util.h"
#include "core/decide.h"

typedef struct {
    DecideInput in; /* borrows the texts of argv */
    const char **units, **munis;
    char **rest;
} CliAction;

/* Parses argv as cli_parse does with `opts` (the command's own flags) and
 * the action's flags, filling a->in. Returns false after printing what is
 * wrong and the usage (exit code 2). Free with cli_action_free either way. */
bool cli_action_parse(int argc, char **argv, CliOpt *opts, size_t nopts, const char **pos, size_t maxpos,
                      size_t *npos, const char *usage, CliAction *a);
void cli_action_free(CliAction *a);

#endif
