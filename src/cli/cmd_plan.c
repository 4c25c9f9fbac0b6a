/*
 * cmd_plan.c — plans and indicators from the command line:
 *   lots plan list                 the plans
 *   lots plan show ID              the tree with owners and goal fulfilment
 *   lots plan summary ID           the pivot per area
 *   lots plan series INDICATOR     one indicator's follow-up table
 *   lots plan report ID --period P the tertial report
 *   lots plan import FILE          targets and outcomes from CSV, all or nothing
 *   lots plan import-structure FILE  plans and their trees from CSV, all or nothing
 *   lots plan export ID --format csv|xlsx --out FILE
 *   lots plan demo                 the demo plans of seed 002
 * ID is a plan's number or key. Thin: parse argv, call core/plan.h, print. A
 * refusal is core's Swedish message on stderr with exit code 1; malformed
 * flags are 2.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/plan.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(j);
}

static int fail_err(const Err *e)
{
    return cli_fail(e->msg);
}

/* printf's widths count bytes; these count characters (å is two bytes). */
static void left(const char *s, size_t width)
{
    size_t n = utf8_length(s);
    fputs(s, stdout);
    for (; n < width; n++) putchar(' ');
}

static void right(const char *s, size_t width)
{
    for (size_t n = utf8_length(s); n < width; n++) putchar(' ');
    fputs(s, stdout);
}

static void right_int(int v, size_t width)
{
    char num[16];
    snprintf(num, sizeof num, "%d", v);
    putchar(' ');
    right(num, width);
}

static const char *level_word(Fulfilment f)
{
    return fulfilment_label(f);
}

static void print_number(bool has, double v, const char *unit)
{
    char num[32];
    if (!has) {
        fputs("–", stdout);
        return;
    }
    fputs(plan_number_format_sv(v, num), stdout);
    if (unit && *unit) printf(" %s", unit);
}

static void print_counts(const Rollup *r)
{
    printf("%d uppnått, %d delvis, %d ej uppnått, %d utan utfall", r->met, r->partly, r->not_met, r->missing);
}

/* --- lots plan list ------------------------------------------------------------------------------ */

int cmd_plan_list(int argc, char **argv)
{
    static const char *usage = "lots plan list [--json] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, NULL, 0, &npos, usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[1].value);
    if (!db) return EXIT_FAIL;
    Plan *p;
    size_t n;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (plan_list(db, &p, &n, &e)) {
        rc = fail_err(&e);
    } else if (o[0].present) {
        json_t *items = json_array();
        for (size_t i = 0; i < n; i++) json_array_append_new(items, plan_to_json(&p[i]));
        print_json(json_pack("{s:o}", "items", items));
        plan_list_free(p, n);
    } else {
        for (size_t i = 0; i < n; i++) {
            printf("%lld  %-28s %s (%s", p[i].id, p[i].key, p[i].name, plan_kind_name(p[i].kind));
            if (*p[i].organisation) printf(", %s", p[i].organisation);
            printf(", %lld punkter, %lld %s)\n", p[i].items, p[i].indicators,
                   p[i].indicators == 1 ? "indikator" : "indikatorer");
        }
        plan_list_free(p, n);
    }
    db_close(db);
    return rc;
}

/* --- lots plan show ------------------------------------------------------------------------------ */

static bool plan_arg(Db *db, const char *arg, long long *id)
{
    Err e = ERR_INIT;
    if (plan_resolve(db, arg, id, &e)) {
        fail_err(&e);
        return false;
    }
    return true;
}

static bool period_arg(const char *s, Period *p)
{
    Err e = ERR_INIT;
    if (period_parse(s, p, &e)) {
        cli_fail(e.msg);
        return false;
    }
    return true;
}

static void print_plan_head(const Plan *p)
{
    char tol[32];
    printf("%s (%s, id %lld)\n%s", p->name, p->key, p->id, plan_kind_name(p->kind));
    if (*p->organisation) printf(" · %s", p->organisation);
    if (*p->period_from || *p->period_to) printf(" · %s–%s", p->period_from, p->period_to);
    printf(" · tolerans för delvis uppnått %s %% (planens inställning)\n",
           plan_number_format_sv(p->tolerance_pct, tol));
}

static void print_tree(const PlanTree *t)
{
    print_plan_head(&t->plan);
    char label[32];
    if (t->has_period) printf("Måluppfyllelse för %s\n", period_label(t->period, label));
    else printf("Måluppfyllelse: varje indikators senaste bedömda period\n");
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        int ind = 2 * n->depth;
        if (n->depth == 0) putchar('\n');
        printf("%*s%s %s %s", ind, "", plan_kind_label(n->kind), n->code, n->title);
        if (*n->status) printf(" (%s)", plan_status_label(n->status));
        if (n->is_indicator) {
            printf("  [%s]", level_word(n->has_point ? n->point.fulfilment : FUL_NONE));
            if (n->has_point) {
                printf(" %s: utfall ", n->point.text);
                print_number(n->point.has_outcome, n->point.outcome, n->unit);
                printf(", mål ");
                print_number(n->point.has_target, n->point.target, n->unit);
                if (n->point.overridden)
                    printf(" (överstyrd, beräknat %s: %s)", level_word(n->point.computed), n->point.override_comment);
            }
        } else if (n->rollup.met + n->rollup.partly + n->rollup.not_met + n->rollup.missing) {
            printf("  [%s: ", level_word(n->rollup.level));
            print_counts(&n->rollup);
            putchar(']');
        }
        putchar('\n');
        if (*n->strategic_owner || *n->assignment_owner)
            printf("%*s  Strategisk ägare: %s · Uppdragsansvarig: %s\n", ind, "",
                   *n->strategic_owner ? n->strategic_owner : "–", *n->assignment_owner ? n->assignment_owner : "–");
        if (n->refers_to)
            printf("%*s  Bryter ner %s %s (%s)\n", ind, "", n->refers_to_code, n->refers_to_title, n->refers_to_plan);
    }
}

/* How show, summary and report present a loaded plan tree. */
typedef void (*TreeView)(const PlanTree *t, bool json);

/* Opens the database, loads plan `plan` (id or key; at period p, which may
 * be NULL) and hands the tree to view. Returns the exit code. */
static int with_plan_tree(const char *db_flag, const char *plan, const Period *p, bool json, TreeView view)
{
    Db *db = cli_open_db(db_flag);
    if (!db) return EXIT_FAIL;
    long long id;
    int rc = EXIT_FAIL;
    PlanTree t;
    Err e = ERR_INIT;
    if (plan_arg(db, plan, &id)) {
        if (plan_tree_load(db, id, p, &t, &e)) {
            fail_err(&e);
        } else {
            view(&t, json);
            plan_tree_free(&t);
            rc = EXIT_OK;
        }
    }
    db_close(db);
    return rc;
}

static void view_tree(const PlanTree *t, bool json)
{
    if (json) print_json(plan_tree_to_json(t));
    else print_tree(t);
}

int cmd_plan_show(int argc, char **argv)
{
    static const char *usage = "lots plan show ID [--period P] [--json] [--db PATH]";
    CliOpt o[] = {{"--period", true, NULL, false}, {"--json", false, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Period p;
    if (o[0].present && !period_arg(o[0].value, &p)) return EXIT_USAGE;
    return with_plan_tree(o[2].value, pos[0], o[0].present ? &p : NULL, o[1].present, view_tree);
}

/* --- lots plan summary ------------------------------------------------------------------------------ */

static void view_summary(const PlanTree *t, bool json)
{
    PlanSummary s;
    plan_summary(t, &s);
    if (json) {
        print_json(plan_summary_to_json(&s));
    } else {
        printf("%s\n\n", t->plan.name);
        left("Område", 40);
        printf(" Delområde Aktiviteter Indikator Totalsumma\n");
        for (size_t i = 0; i <= s.n; i++) {
            const PlanSummaryRow *row = i < s.n ? &s.rows[i] : &s.total;
            left(i < s.n ? row->title : "Totalsumma", 40);
            right_int(row->delomraden, 9);
            right_int(row->activities, 11);
            right_int(row->indicators, 9);
            right_int(row->total, 10);
            putchar('\n');
        }
    }
    plan_summary_free(&s);
}

int cmd_plan_summary(int argc, char **argv)
{
    static const char *usage = "lots plan summary ID [--json] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    return with_plan_tree(o[1].value, pos[0], NULL, o[0].present, view_summary);
}

/* --- lots plan series -------------------------------------------------------------------------------- */

int cmd_plan_series(int argc, char **argv)
{
    static const char *usage = "lots plan series INDIKATOR [--plan ID] [--json] [--db PATH]";
    CliOpt o[] = {{"--plan", true, NULL, false}, {"--json", false, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Db *db = cli_open_db(o[2].value);
    if (!db) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    long long plan = 0, id = 0;
    Err e = ERR_INIT;
    char *end = NULL;
    long long num = strtoll(pos[0], &end, 10);
    if (o[0].present && !plan_arg(db, o[0].value, &plan)) goto out;
    if (!o[0].present && end && !*end && num > 0) id = num; /* a number is the indicator's id */
    else if (plan_item_by_code(db, plan, pos[0], &id, &e)) {
        fail_err(&e);
        goto out;
    }
    IndicatorSeries s;
    if (indicator_series(db, id, &s, &e)) {
        fail_err(&e);
        goto out;
    }
    if (o[1].present) {
        print_json(indicator_series_to_json(&s));
    } else {
        char tol[32];
        printf("%s %s (%s; %s; %s; tolerans %s %%)\n\n", s.code, s.title, s.plan_name, direction_label(s.direction),
               period_type_label(s.period_type), plan_number_format_sv(s.tolerance_pct, tol));
        left("Period", 16);
        right("Utfall", 10);
        right("Målvärde", 10);
        printf("  Måluppfyllelse\n");
        for (size_t i = s.n; i-- > 0;) { /* newest first, as the seed's table */
            const IndicatorPoint *p = &s.points[i];
            char label[32], a[32], b[32];
            left(period_label(p->period, label), 16);
            right(p->has_outcome ? plan_number_format_sv(p->outcome, a) : "–", 10);
            right(p->has_target ? plan_number_format_sv(p->target, b) : "–", 10);
            printf("  %s%s\n", p->fulfilment == FUL_NONE ? "" : fulfilment_label(p->fulfilment),
                   p->overridden ? " (överstyrd)" : "");
            if (p->comment && *p->comment) printf("%16s Kommentar: %s\n", "", p->comment);
            if (p->overridden) printf("%16s Bedömning: %s\n", "", p->override_comment);
        }
    }
    indicator_series_free(&s);
    rc = EXIT_OK;
out:
    db_close(db);
    return rc;
}

/* --- lots plan report ---------------------------------------------------------------------------------- */

static void print_report(const PlanTree *t)
{
    char label[32];
    Rollup all = {0};
    for (size_t i = 0; i < t->n; i++)
        if (t->nodes[i].parent == SIZE_MAX) rollup_merge(&all, &t->nodes[i].rollup);
    printf("Tertialrapport %s\n", period_label(t->period, label));
    print_plan_head(&t->plan);
    printf("Sammantaget: %s (", level_word(all.level));
    print_counts(&all);
    printf(")\n");
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        if (n->parent == SIZE_MAX) {
            printf("\n%s %s – %s (", n->code, n->title, level_word(n->rollup.level));
            print_counts(&n->rollup);
            printf(")\n");
        }
        if (!n->is_indicator) continue;
        printf("  %s %s: ", n->code, n->title);
        if (n->has_point) {
            printf("utfall ");
            print_number(n->point.has_outcome, n->point.outcome, n->unit);
            printf(", mål ");
            print_number(n->point.has_target, n->point.target, n->unit);
            printf(" (%s) → %s", n->point.text, level_word(n->point.fulfilment));
            if (n->point.overridden) printf(" (överstyrd, beräknat %s)", level_word(n->point.computed));
        } else {
            printf("inga värden");
        }
        putchar('\n');
        if (n->has_point && n->point.comment && *n->point.comment) printf("    Kommentar: %s\n", n->point.comment);
        if (n->has_point && n->point.overridden) printf("    Bedömning: %s\n", n->point.override_comment);
    }
}

static void view_report(const PlanTree *t, bool json)
{
    if (json) print_json(plan_report_to_json(t));
    else print_report(t);
}

int cmd_plan_report(int argc, char **argv)
{
    static const char *usage = "lots plan report ID --period P [--json] [--db PATH]";
    CliOpt o[] = {{"--period", true, NULL, false}, {"--json", false, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1 || !o[0].present) return cli_usage(usage);
    Period p;
    if (!period_arg(o[0].value, &p)) return EXIT_USAGE;
    return with_plan_tree(o[2].value, pos[0], &p, o[1].present, view_report);
}

/* --- lots plan import / export / demo -------------------------------------------------------------------- */

int cmd_plan_import(int argc, char **argv)
{
    static const char *usage = "lots plan import FIL.csv [--as NAMN] [--db PATH]";
    CliOpt o[] = {{"--as", true, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Buf text = BUF_INIT;
    if (!cli_read_file(pos[0], &text)) {
        buf_free(&text);
        return EXIT_FAIL;
    }
    Db *db = cli_open_db(o[1].value);
    int rc = EXIT_FAIL;
    if (db) {
        Actor who = {0};
        const char *env = getenv("LOTS_USER");
        bool named = o[0].present || (env && *env);
        if (!named || cli_actor(db, o[0].value, &who)) {
            PlanImportCounts c;
            Err e = ERR_INIT;
            if (plan_import_csv(db, text.data ? text.data : "", text.len, named ? who.id : 0, &c, &e)) {
                char msg[700];
                snprintf(msg, sizeof msg, "%s: %s – inget har importerats", pos[0], e.msg);
                cli_fail(msg);
            } else {
                printf("Importerat från %s: %d %s för %d %s.\n", pos[0], c.rows, c.rows == 1 ? "rad" : "rader",
                       c.indicators, c.indicators == 1 ? "indikator" : "indikatorer");
                rc = EXIT_OK;
            }
        }
        db_close(db);
    }
    buf_free(&text);
    return rc;
}

static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cmd_plan_import_structure(int argc, char **argv)
{
    static const char *usage = "lots plan import-structure FIL.csv [--as NAMN] [--db PATH]";
    CliOpt o[] = {{"--as", true, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Buf text = BUF_INIT;
    if (!cli_read_file(pos[0], &text)) {
        buf_free(&text);
        return EXIT_FAIL;
    }
    Db *db = cli_open_db(o[1].value);
    int rc = EXIT_FAIL;
    if (db) {
        Actor who = {0};
        const char *env = getenv("LOTS_USER");
        bool named = o[0].present || (env && *env);
        if (!named || cli_actor(db, o[0].value, &who)) {
            PlanStructureCounts c;
            Err e = ERR_INIT;
            if (plan_structure_import(db, text.data ? text.data : "", text.len, &c, &e)) {
                char msg[700];
                snprintf(msg, sizeof msg, "%s: %s – inget har importerats", pos[0], e.msg);
                cli_fail(msg);
            } else {
                printf("Importerat från %s: %d %s, %d %s, %d %s", pos[0], c.plans_new,
                       plural(c.plans_new, "ny plan", "nya planer"), c.items_new,
                       plural(c.items_new, "ny punkt", "nya punkter"), c.items_updated,
                       plural(c.items_updated, "uppdaterad", "uppdaterade"));
                if (c.items_unchanged) printf(" (%d %s)", c.items_unchanged, plural(c.items_unchanged, "oförändrad", "oförändrade"));
                printf(".\n");
                rc = EXIT_OK;
            }
        }
        db_close(db);
    }
    buf_free(&text);
    return rc;
}

int cmd_plan_export(int argc, char **argv)
{
    static const char *usage = "lots plan export ID --format csv|xlsx [--out FIL] [--db PATH]";
    CliOpt o[] = {{"--format", true, NULL, false}, {"--out", true, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1 || !o[0].present) return cli_usage(usage);
    bool xlsx = !strcmp(o[0].value, "xlsx");
    if (!xlsx && strcmp(o[0].value, "csv")) {
        fprintf(stderr, "lots: okänt format '%s' (csv eller xlsx)\n", o[0].value);
        return cli_usage(usage);
    }
    const char *out = o[1].present ? o[1].value : "-";
    if (xlsx && !strcmp(out, "-")) {
        fprintf(stderr, "lots: en Excel-fil skrivs till en fil: ange --out FIL.xlsx\n");
        return cli_usage(usage);
    }
    Db *db = cli_open_db(o[2].value);
    if (!db) return EXIT_FAIL;
    long long id;
    int rc = EXIT_FAIL;
    Err e = ERR_INIT;
    if (plan_arg(db, pos[0], &id)) {
        if (xlsx) {
            if (plan_export_xlsx(db, id, out, &e)) fail_err(&e);
            else rc = EXIT_OK;
        } else {
            Buf b = BUF_INIT;
            if (plan_export_csv(db, id, &b, &e)) {
                fail_err(&e);
            } else {
                FILE *f = strcmp(out, "-") ? fopen(out, "wb") : stdout;
                if (!f) {
                    fprintf(stderr, "lots: %s: filen kan inte skrivas (%s)\n", out, strerror(errno));
                } else {
                    bool ok = fwrite(b.data ? b.data : "", 1, b.len, f) == b.len;
                    if (f != stdout) ok = fclose(f) == 0 && ok;
                    else ok = fflush(f) == 0 && ok;
                    if (!ok) fprintf(stderr, "lots: %s: filen kan inte skrivas\n", out);
                    else rc = EXIT_OK;
                }
            }
            buf_free(&b);
        }
        if (rc == EXIT_OK && strcmp(out, "-")) fprintf(stderr, "Exporterat till %s.\n", out);
    }
    db_close(db);
    return rc;
}

int cmd_plan_demo(int argc, char **argv)
{
    static const char *usage = "lots plan demo [--db PATH]";
    CliOpt o[] = {{"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 1, NULL, 0, &npos, usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[0].value);
    if (!db) return EXIT_FAIL;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (plan_demo_load(db, &e)) rc = fail_err(&e);
    else printf("Demoplanerna är inlagda: genomförandeplanen 2024–2027, verksamhetsplanen och Regionhälsans plan.\n");
    db_close(db);
    return rc;
}
