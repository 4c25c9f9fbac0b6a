/*
 * cli_util.h — what every command shares: option parsing, opening the
 * database, loading the process definitions, finding who acts.
 *
 * Exit codes: 0 ok, 1 refused or failed (message on stderr), 2 usage.
 */
#ifndef LOTS_CLI_UTIL_H
#define LOTS_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "core/account.h"
#include "core/decide.h"
#include "core/process.h"
#include "store/db.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *name;  /* "--db" */
    bool takes_value;
    const char *value; /* filled in */
    bool present;
} CliOpt;

/* Parses argv (after the command words) into opts and positional arguments.
 * Returns false after printing a usage message naming the problem. */
bool cli_parse(int argc, char **argv, CliOpt *opts, size_t nopts, const char **pos, size_t maxpos, size_t *npos,
               const char *usage);
const CliOpt *cli_opt(const CliOpt *opts, size_t nopts, const char *name);

/* --db, else $LOTS_DB, else "lots.db". */
const char *cli_db_path(const char *flag);
/* Opens and migrates; prints the error and returns NULL on failure. */
Db *cli_open_db(const char *flag);
/* Built-ins plus --processes DIR or $LOTS_PROCESSES; prints the error. */
bool cli_load_processes(ProcessSet *ps, const char *flag);
/* Built-in decision rules plus --rules DIR or $LOTS_RULES; prints the error. */
bool cli_load_rules(RuleSets *rs, const char *flag);
/* The acting person: --as NAME, else $LOTS_USER, else "admin". */
bool cli_actor(Db *db, const char *flag, Actor *out);
int cli_fail(const char *msg);                      /* prints "lots: msg", returns 1 */
int cli_usage(const char *usage);                   /* prints usage, returns 2 */
char *read_stdin_line(void);                        /* one line, newline removed; malloc'd */
/* The whole file (or stdin for "-") into out, NUL-terminated; false after
 * saying why on stderr. */
bool cli_read_file(const char *path, Buf *out);

#endif
