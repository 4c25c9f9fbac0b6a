/*
 * cli_action.c — the flags of a proposed action (cli/cli_action.h).
 * cli_parse keeps one value per flag, so the repeatable --unit and
 * --municipality are taken out first and the rest goes to cli_parse with
 * the action's other flags beside the command's own.
 */
#include "cli/cli_action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_MISSION, A_BUDGET, A_POLITICAL, A_COST, A_N };

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

bool cli_action_parse(int argc, char **argv, CliOpt *opts, size_t nopts, const char **pos, size_t maxpos,
                      size_t *npos, const char *usage, CliAction *a)
{
    memset(a, 0, sizeof *a);
    a->units = xcalloc((size_t)argc + 1, sizeof *a->units);
    a->munis = xcalloc((size_t)argc + 1, sizeof *a->munis);
    a->rest = xcalloc((size_t)argc + 1, sizeof *a->rest);
    Repeated rep[] = {{"--unit", a->units, 0}, {"--municipality", a->munis, 0}};
    int nrest;
    if (!take_repeated(argc, argv, rep, 2, a->rest, &nrest)) return cli_usage(usage), false;
    CliOpt *all = xcalloc(nopts + A_N, sizeof *all);
    all[A_MISSION] = (CliOpt){"--within-mission", false, NULL, false};
    all[A_BUDGET] = (CliOpt){"--within-budget", false, NULL, false};
    all[A_POLITICAL] = (CliOpt){"--political", false, NULL, false};
    all[A_COST] = (CliOpt){"--cost", true, NULL, false};
    if (nopts) memcpy(all + A_N, opts, nopts * sizeof *opts);
    bool ok = cli_parse(nrest, a->rest, all, nopts + A_N, pos, maxpos, npos, usage); /* prints the usage */
    if (nopts) memcpy(opts, all + A_N, nopts * sizeof *opts);
    if (ok && !rep[0].n && !rep[1].n) {
        fprintf(stderr, "lots: ange minst en --unit eller --municipality\n");
        ok = false;
        cli_usage(usage);
    }
    if (ok && all[A_COST].present &&
        (!decide_cost_parse(all[A_COST].value, &a->in.has_cost, &a->in.cost) || !a->in.has_cost)) {
        fprintf(stderr, "lots: --cost ska vara ett belopp i kronor, t.ex. 750000 (inte '%s')\n", all[A_COST].value);
        ok = false;
        cli_usage(usage);
    }
    a->in.units = a->units;
    a->in.nunits = rep[0].n;
    a->in.municipalities = a->munis;
    a->in.nmunicipalities = rep[1].n;
    a->in.within_mission = all[A_MISSION].present;
    a->in.within_budget = all[A_BUDGET].present;
    a->in.political = all[A_POLITICAL].present;
    free(all);
    return ok;
}

void cli_action_free(CliAction *a)
{
    free(a->units);
    free(a->munis);
    free(a->rest);
    memset(a, 0, sizeof *a);
}
