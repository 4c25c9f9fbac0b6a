/*
 * cmd_pattern.c — patterns from the command line:
 *   lots patterns [--json] [--detect]   the current patterns, strongest first,
 *                                       with their period (per månad, per
 *                                       vecka); --detect recomputes them first
 *   lots pattern case ID                a signal case (process C) from a pattern
 *   lots pattern demo [--seed N]        demo organisation (if none) and a year
 *                                       of deviations and complaints, then detect
 *
 * Thin: parse argv, call core/pattern.h, print. A refusal is core's Swedish
 * message on stderr with exit code 1; malformed flags are 2.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/text.h"
#include "core/case.h"
#include "core/pattern.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *level_sv(const char *level)
{
    return !strcmp(level, "unit") ? "enhet" : !strcmp(level, "förvaltning") ? "förvaltning" : "region";
}

/* "    3    3.90  enhet       Fall – Ortopedi (avvikelser) per vecka  c-diagram, over_ucl, …" */
static void print_pattern(const Pattern *p)
{
    printf("%5lld  %6.2f  %-11s %s – %s (%s) %s  %s-diagram, %s, %lld händelser sedan %s", p->id, p->strength,
           level_sv(p->level), p->category, p->unit, !strcmp(p->source, "deviations") ? "avvikelser" : "klagomål",
           pattern_period_phrase(p->period), p->chart, p->rule, p->events, p->since_period);
    if (*p->also_period) printf("; även %s: %s", pattern_period_phrase(p->also_period), p->also_rule);
    if (p->case_id) printf("  ärende %s", p->case_ref);
    putchar('\n');
}

int cmd_patterns(int argc, char **argv)
{
    static const char *usage = "lots patterns [--json] [--detect] [--processes DIR] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false},
                  {"--detect", false, NULL, false},
                  {"--processes", true, NULL, false},
                  {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 4, NULL, 0, &npos, usage)) return EXIT_USAGE;
    ProcessSet ps = {0};
    if (!cli_load_processes(&ps, o[2].value)) return EXIT_FAIL;
    Db *db = cli_open_db(o[3].value);
    if (!db) {
        process_set_free(&ps);
        return EXIT_FAIL;
    }
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    DetectStats st = {0};
    Pattern *p = NULL;
    size_t n = 0;
    if (o[1].present && pattern_detect(db, &ps, &st, &e)) rc = cli_fail(e.msg);
    else if (pattern_list(db, &ps, &p, &n, &e)) rc = cli_fail(e.msg);
    else if (o[0].present) {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++) json_array_append_new(items, pattern_to_json(&p[i]));
        json_t *j = json_pack("{s:o}", "items", items);
        json_dumpf(j, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(j);
    } else {
        if (o[1].present)
            printf("Beräknade %zu serier per månad (%zu bedömda) och per vecka över %zu veckor (%zu bedömda): "
                   "%zu nya mönster (%zu signalerade per månad och per vecka, sammanslagna), %zu med öppet ärende.\n\n",
                   st.series, st.judged, st.weeks, st.judged_weekly, st.patterns, st.merged, st.kept);
        if (!n) printf("Inga mönster.\n");
        for (size_t i = 0; i < n; i++) print_pattern(&p[i]);
    }
    pattern_list_free(p, n);
    db_close(db);
    process_set_free(&ps);
    return rc;
}

int cmd_pattern_case(int argc, char **argv)
{
    static const char *usage = "lots pattern case ID [--as NAMN] [--processes DIR] [--db PATH]";
    CliOpt o[] = {{"--as", true, NULL, false}, {"--processes", true, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage)) return EXIT_USAGE;
    long id;
    if (npos != 1 || !parse_long(pos[0], &id) || id <= 0) return cli_usage(usage);
    ProcessSet ps = {0};
    if (!cli_load_processes(&ps, o[1].value)) return EXIT_FAIL;
    Db *db = cli_open_db(o[2].value);
    if (!db) {
        process_set_free(&ps);
        return EXIT_FAIL;
    }
    Actor who;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    long long case_id = 0;
    if (!cli_actor(db, o[0].value, &who)) rc = EXIT_FAIL;
    else if (pattern_to_case(db, &ps, &who, id, &case_id, &e)) rc = cli_fail(e.msg);
    else {
        Case c;
        bool known = case_get(db, case_id, &c, &e) == ERR_OK;
        printf("Signalärende %s (id %lld) registrerat i process C.\n", known ? c.ref : "", case_id);
        if (known) case_free(&c);
    }
    db_close(db);
    process_set_free(&ps);
    return rc;
}

int cmd_pattern_demo(int argc, char **argv)
{
    static const char *usage = "lots pattern demo [--seed N] [--processes DIR] [--db PATH]";
    CliOpt o[] = {{"--seed", true, NULL, false}, {"--processes", true, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, NULL, 0, &npos, usage)) return EXIT_USAGE;
    long seed = 1;
    if (o[0].value && (!parse_long(o[0].value, &seed) || seed < 0)) return cli_usage(usage);
    ProcessSet ps = {0};
    if (!cli_load_processes(&ps, o[1].value)) return EXIT_FAIL;
    Db *db = cli_open_db(o[2].value);
    if (!db) {
        process_set_free(&ps);
        return EXIT_FAIL;
    }
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (pattern_demo_load(db, &ps, (unsigned)seed, &e)) rc = cli_fail(e.msg);
    else printf("Demoåret med avvikelser och klagomål är inlagt och mönstren beräknade (lots patterns).\n");
    db_close(db);
    process_set_free(&ps);
    return rc;
}
