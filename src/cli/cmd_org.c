/*
 * cmd_org.c — the organisation and decision paths from the command line:
 * `lots decide` (who decides a proposed action), `lots org import FILE`
 * (units, municipalities and people from CSV, all or nothing), `lots org
 * units` and `lots org municipalities`.
 *
 * Thin: parse argv, call core/org.h and core/decide.h, print. A refusal is
 * core's Swedish message on stderr with exit code 1; malformed flags are 2.
 */
#include "cli/cli_action.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/decide.h"
#include "core/org.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(j);
}

/* --- lots decide ------------------------------------------------------------------------ */

static void print_path(const DecidePath *p)
{
    printf("Beslutsväg enligt %s (%s):\n", p->rules_name, p->rules_key);
    for (size_t i = 0; i < p->n; i++) {
        const DecideStep *s = &p->steps[i];
        printf("\n%2zu. %s – %s", i + 1, s->actor, decide_kind_label(s->kind));
        if (s->person) printf(" (%s)", s->person);
        printf("\n    %s\n", s->reason);
    }
}

int cmd_decide(int argc, char **argv)
{
    static const char *usage = "lots decide --unit NAMN|ID … --municipality NAMN … [--within-mission] [--within-budget] "
                               "[--political] [--cost KRONOR] [--json] [--rules DIR] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--rules", true, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    CliAction act;
    int rc = EXIT_USAGE;
    if (!cli_action_parse(argc, argv, o, 3, NULL, 0, &npos, usage, &act)) goto done; /* it printed the usage */
    rc = EXIT_FAIL;
    RuleSets rs = {0};
    if (!cli_load_rules(&rs, o[1].value)) goto done;
    Db *db = cli_open_db(o[2].value);
    if (db) {
        const RuleSet *active;
        DecidePath path;
        Err e = ERR_INIT;
        if (rules_active(db, &rs, &active, &e) || decide_path(db, active, &act.in, &path, &e)) {
            cli_fail(e.msg);
        } else {
            if (o[0].present) print_json(decide_path_to_json(&path));
            else print_path(&path);
            decide_path_free(&path);
            rc = EXIT_OK;
        }
        db_close(db);
    }
    rules_free(&rs);
done:
    cli_action_free(&act);
    return rc;
}

/* --- lots org import ----------------------------------------------------------------------- */

int cmd_org_import(int argc, char **argv)
{
    static const char *usage = "lots org import FIL.csv [--db PATH]";
    CliOpt o[] = {{"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 1, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Buf text = BUF_INIT;
    if (!cli_read_file(pos[0], &text)) {
        buf_free(&text);
        return EXIT_FAIL;
    }
    Db *db = cli_open_db(o[0].value);
    int rc = EXIT_FAIL;
    if (db) {
        OrgImportCounts c;
        Err e = ERR_INIT;
        if (org_import_csv(db, text.data, text.len, &c, &e)) {
            char msg[700];
            snprintf(msg, sizeof msg, "%s: %s – inget har importerats", pos[0], e.msg);
            cli_fail(msg);
        } else {
            printf("Importerat från %s: %d enheter, %d kommuner, %d personer.\n", pos[0], c.units, c.municipalities,
                   c.people);
            rc = EXIT_OK;
        }
        db_close(db);
    }
    buf_free(&text);
    return rc;
}

/* --- lots org units / municipalities ---------------------------------------------------------- */

int cmd_org_units(int argc, char **argv)
{
    static const char *usage = "lots org units [--json] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, NULL, 0, &npos, usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[1].value);
    if (!db) return EXIT_FAIL;
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (unit_list(db, &u, &n, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (o[0].present) {
            print_json(units_to_json(u, n));
        } else {
            if (!n) printf("Inga enheter ännu; importera med lots org import FIL.csv\n");
            for (size_t i = 0; i < n; i++) {
                printf("%*s%s (%s", u[i].depth * 2, "", u[i].name, unit_kind_key(u[i].kind));
                if (*u[i].short_name) printf(", %s", u[i].short_name);
                printf(", id %lld)", u[i].id);
                if (*u[i].manager_title) printf(" – %s", u[i].manager_title);
                if (*u[i].manager_name) printf(": %s", u[i].manager_name);
                putchar('\n');
            }
        }
        unit_list_free(u, n);
    }
    db_close(db);
    return rc;
}

int cmd_org_municipalities(int argc, char **argv)
{
    static const char *usage = "lots org municipalities [--json] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, NULL, 0, &npos, usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[1].value);
    if (!db) return EXIT_FAIL;
    Municipality *m;
    size_t n;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (municipality_list(db, &m, &n, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (o[0].present) print_json(municipalities_to_json(m, n));
        for (size_t i = 0; !o[0].present && i < n; i++)
            printf("%s%s%s (id %lld)\n", m[i].official_name, *m[i].county ? ", " : "", m[i].county, m[i].id);
        municipality_list_free(m, n);
    }
    db_close(db);
    return rc;
}
