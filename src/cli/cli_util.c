/*
 * cli_util.c — shared plumbing of the commands.
 */
#include "cli/cli_util.h"
#include "base/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *msg)
{
    fprintf(stderr, "lots: %s\n", msg);
    return EXIT_FAIL;
}

int cli_usage(const char *usage)
{
    fprintf(stderr, "användning: %s\n", usage);
    return EXIT_USAGE;
}

static CliOpt *find_opt(CliOpt *opts, size_t nopts, const char *name, size_t len)
{
    for (size_t i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len)) return &opts[i];
    return NULL;
}

bool cli_parse(int argc, char **argv, CliOpt *opts, size_t nopts, const char **pos, size_t maxpos, size_t *npos,
               const char *usage)
{
    *npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, "--", 2) && a[2]) {
            const char *eq = strchr(a, '=');
            CliOpt *o = find_opt(opts, nopts, a, eq ? (size_t)(eq - a) : strlen(a));
            if (!o) {
                fprintf(stderr, "lots: okänd flagga %s\n", a);
                cli_usage(usage);
                return false;
            }
            o->present = true;
            if (o->takes_value) {
                if (eq) o->value = eq + 1;
                else if (i + 1 < argc) o->value = argv[++i];
                else {
                    fprintf(stderr, "lots: %s behöver ett värde\n", o->name);
                    cli_usage(usage);
                    return false;
                }
            } else if (eq) {
                fprintf(stderr, "lots: %s tar inget värde\n", o->name);
                cli_usage(usage);
                return false;
            }
        } else if (*npos < maxpos) {
            pos[(*npos)++] = a;
        } else {
            fprintf(stderr, "lots: oväntat argument '%s'\n", a);
            cli_usage(usage);
            return false;
        }
    }
    return true;
}

const CliOpt *cli_opt(const CliOpt *opts, size_t nopts, const char *name)
{
    for (size_t i = 0; i < nopts; i++)
        if (!strcmp(opts[i].name, name)) return opts[i].present ? &opts[i] : NULL;
    return NULL;
}

const char *cli_db_path(const char *flag)
{
    if (flag && *flag) return flag;
    const char *env = getenv("LOTS_DB");
    return env && *env ? env : "lots.db";
}

Db *cli_open_db(const char *flag)
{
    Err e = ERR_INIT;
    Db *db = db_open(cli_db_path(flag), &e);
    if (db && db_migrate(db, &e)) {
        db_close(db);
        db = NULL;
    }
    if (!db) cli_fail(e.msg);
    return db;
}

bool cli_load_processes(ProcessSet *ps, const char *flag)
{
    const char *dir = flag && *flag ? flag : getenv("LOTS_PROCESSES");
    Err e = ERR_INIT;
    if (process_set_load(ps, dir && *dir ? dir : NULL, &e)) {
        cli_fail(e.msg);
        return false;
    }
    return true;
}

bool cli_load_rules(RuleSets *rs, const char *flag)
{
    const char *dir = flag && *flag ? flag : getenv("LOTS_RULES");
    Err e = ERR_INIT;
    if (rules_load(rs, dir && *dir ? dir : NULL, &e)) {
        cli_fail(e.msg);
        return false;
    }
    return true;
}

bool cli_actor(Db *db, const char *flag, Actor *out)
{
    const char *name = flag && *flag ? flag : getenv("LOTS_USER");
    if (!name || !*name) name = "admin";
    Err e = ERR_INIT;
    if (account_by_name(db, name, out, &e)) {
        char msg[300];
        snprintf(msg, sizeof msg, "användaren '%s' finns inte; ange vem som utför ändringen med --as NAMN eller LOTS_USER",
                 name);
        cli_fail(msg);
        return false;
    }
    return true;
}

char *read_stdin_line(void)
{
    Buf b = BUF_INIT;
    int c;
    while ((c = getchar()) != EOF && c != '\n') buf_putc(&b, (char)c);
    if (b.len && b.data[b.len - 1] == '\r') b.data[--b.len] = '\0';
    return buf_take(&b);
}

bool cli_read_file(const char *path, Buf *out)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "lots: %s: filen kan inte läsas (%s)\n", path, strerror(errno));
        return false;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(out, chunk, n);
    bool bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) fprintf(stderr, "lots: %s: filen kan inte läsas\n", path);
    buf_cstr(out);
    return !bad;
}
