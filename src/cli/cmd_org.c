/*
 * cmd_org.c — the organisation and decision paths from the command line:
 * `lots decide` (who decides a proposed action), `lots org import FILE`
 * (units, municipalities and people from CSV, all or nothing), `lots org
 * units` and `lots org municipalities`.
 *
 * Thin: parse argv, call core/org.h and core/decide.h, print. A refusal is
 * core's Swedish message on stderr with exit code 1; malformed flags are 2.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/decide.h"
#include "core/org.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(j);
}

/* --- repeatable flags ------------------------------------------------------------------ */

/* cli_parse keeps one value per flag; --unit and --municipality may be given
 * many times, so they are taken out here and the rest goes to cli_parse. */
typedef struct {
    const char *name; /* "--unit" */
    const char **values;
    size_t n;
} Repeated;

static bool take_repeated(int argc, char **argv, Repeated *rep, size_t nrep, char **rest, int *nrest)
{
    *nrest = 0;
    for (int i = 0; i < argc; i++) {
        bool taken = false;
        for (size_t k = 0; k < nrep && !taken; k++) {
            size_t len = strlen(rep[k].name);
            if (strncmp(argv[i], rep[k].name, len) || (argv[i][len] && argv[i][len] != '=')) continue;
            const char *v = argv[i][len] == '=' ? argv[i] + len + 1 : i + 1 < argc ? argv[++i] : NULL;
            if (!v) {
                fprintf(stderr, "lots: %s behöver ett värde\n", rep[k].name);
                return false;
            }
            rep[k].values[rep[k].n++] = v;
            taken = true;
        }
        if (!taken) rest[(*nrest)++] = argv[i];
    }
    return true;
}

/* "750000", "750 000" or "1250.50" kronor. */
static bool parse_cost(const char *s, double *out)
{
    Buf digits = BUF_INIT;
    bool ok = s && *s;
    for (const char *p = s; ok && *p; p++) {
        if (*p == ' ' || *p == '_') continue;
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',') buf_putc(&digits, *p == ',' ? '.' : *p);
        else ok = false;
    }
    char *end = NULL;
    errno = 0;
    double v = ok && digits.len ? strtod(buf_cstr(&digits), &end) : -1;
    ok = ok && digits.len && !*end && !errno && isfinite(v) && v >= 0;
    buf_free(&digits);
    if (ok) *out = v;
    return ok;
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
    const char **units = xcalloc((size_t)argc + 1, sizeof *units), **munis = xcalloc((size_t)argc + 1, sizeof *munis);
    char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
    Repeated rep[] = {{"--unit", units, 0}, {"--municipality", munis, 0}};
    CliOpt o[] = {{"--within-mission", false, NULL, false}, {"--within-budget", false, NULL, false},
                  {"--political", false, NULL, false},      {"--cost", true, NULL, false},
                  {"--json", false, NULL, false},           {"--rules", true, NULL, false},
                  {"--db", true, NULL, false}};
    int nrest, rc = EXIT_USAGE;
    size_t npos;
    DecideInput in = {0};
    if (!take_repeated(argc, argv, rep, 2, rest, &nrest)) {
        cli_usage(usage);
        goto done;
    }
    if (!cli_parse(nrest, rest, o, 7, NULL, 0, &npos, usage)) goto done; /* it printed the usage */
    if (!rep[0].n && !rep[1].n) {
        fprintf(stderr, "lots: ange minst en --unit eller --municipality\n");
        cli_usage(usage);
        goto done;
    }
    if (o[3].present && !parse_cost(o[3].value, &in.cost)) {
        fprintf(stderr, "lots: --cost ska vara ett belopp i kronor, t.ex. 750000 (inte '%s')\n", o[3].value);
        cli_usage(usage);
        goto done;
    }
    in.units = units;
    in.nunits = rep[0].n;
    in.municipalities = munis;
    in.nmunicipalities = rep[1].n;
    in.within_mission = o[0].present;
    in.within_budget = o[1].present;
    in.political = o[2].present;
    in.has_cost = o[3].present;
    rc = EXIT_FAIL;
    RuleSets rs = {0};
    if (!cli_load_rules(&rs, o[5].value)) goto done;
    Db *db = cli_open_db(o[6].value);
    if (db) {
        const RuleSet *active;
        DecidePath path;
        Err e = ERR_INIT;
        if (rules_active(db, &rs, &active, &e) || decide_path(db, active, &in, &path, &e)) {
            cli_fail(e.msg);
        } else {
            if (o[4].present) print_json(decide_path_to_json(&path));
            else print_path(&path);
            decide_path_free(&path);
            rc = EXIT_OK;
        }
        db_close(db);
    }
    rules_free(&rs);
done:
    free(units);
    free(munis);
    free(rest);
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
