/*
 * cmd_group.c — groups from the command line:
 *   lots group list       every group and body, by type, with its number of problems
 *   lots group show       one group: members, power (its members' mandates), problems, commission
 *   lots group check      composition problems of one group or of all
 *   lots group overlaps   commissions that overlap, with the shared words
 *   lots group tasks      open tasks (e.g. for a LAG's metodstöd)
 *   lots group edit       change a group: name, type, where it belongs and reports, unit, body, flags
 * `check` finds problems in the data, not in the command: it exits 0 when it
 * could check, problems or not (1 only when it could not, 2 on bad usage),
 * so scripts read the problems from its output (or --json).
 *
 * Thin: parse argv, call core/group.h, print. No SQL, no rules here.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/text.h"
#include "core/group.h"

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

static bool date_ok(const CliOpt *o, const char *usage)
{
    if (o->present && !iso_date_valid(o->value)) {
        fprintf(stderr, "lots: --date ska vara ett datum ÅÅÅÅ-MM-DD, inte '%s'\n", o->value);
        cli_usage(usage);
        return false;
    }
    return true;
}

static const char *day_of(const CliOpt *o, char buf[11])
{
    if (o->present) snprintf(buf, 11, "%s", o->value);
    else iso_today(buf);
    return buf;
}

/* --- lots group list ------------------------------------------------------------------------- */

int cmd_group_list(int argc, char **argv)
{
    static const char *usage = "lots group list [--json] [--date ÅÅÅÅ-MM-DD] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--date", true, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, NULL, 0, &npos, usage) || !date_ok(&o[1], usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[2].value);
    if (!db) return EXIT_FAIL;
    char day[11];
    GroupCheck *c;
    size_t n;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (group_check_all(db, day_of(&o[1], day), &c, &n, &e)) {
        rc = cli_fail(e.msg);
    } else if (o[0].present) {
        print_json(group_checks_to_json(c, n, day, false));
    } else {
        if (!n) printf("Inga grupper ännu.\n");
        int type = -1;
        for (size_t i = 0; i < n; i++) {
            const Group *g = &c[i].group;
            if ((int)g->type != type) {
                type = (int)g->type;
                printf("%s%s\n", i ? "\n" : "", group_type_label(g->type));
            }
            printf("  %s (id %lld", g->name, g->id);
            if (*g->short_name) printf(", %s", g->short_name);
            printf(")");
            if (*g->reports_to_name) printf(" – rapporterar till %s", g->reports_to_name);
            else if (*g->parent_name) printf(" – under %s", g->parent_name);
            printf(" – %d ledamöter", g->nmembers);
            if (c[i].problems.n) printf(" – %zu problem", c[i].problems.n);
            putchar('\n');
        }
    }
    if (!rc) group_check_all_free(c, n);
    db_close(db);
    return rc;
}

/* --- lots group show ------------------------------------------------------------------------------ */

static void print_mandate(const Mandate *m, const char *indent)
{
    printf("%s%s%s", indent, m->delegation ? "Delegation: " : "", m->decides);
    if (m->within_mission || m->within_budget || m->whole_area) {
        printf(" [");
        const char *sep = "";
        if (m->within_mission) printf("%sinom uppdraget", sep), sep = ", ";
        if (m->within_budget) printf("%sinom budget", sep), sep = ", ";
        if (m->whole_area) printf("%shela ansvarsområdet", sep);
        printf("]");
    }
    if (*m->granted_by) printf(" – givet av %s", m->granted_by);
    if (*m->decision_ref) printf(" (%s)", m->decision_ref);
    putchar('\n');
}

static void print_text_field(const char *label, const char *text)
{
    if (!*text) return;
    if (!strchr(text, '\n') && utf8_length(label) + utf8_length(text) < 90) {
        printf("  %s: %s\n", label, text);
        return;
    }
    printf("  %s:\n", label);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        printf("    %.*s\n", (int)len, p);
        p += len + (nl ? 1 : 0);
    }
}

static void print_detail(const GroupDetail *d)
{
    const Group *g = &d->group;
    printf("%s (id %lld)\n", g->name, g->id);
    printf("Typ: %s\n", group_type_label(g->type));
    if (*g->short_name) printf("Kortnamn: %s%s\n", g->short_name, g->body_id ? " (organ i ärenden)" : "");
    if (*g->unit_name) printf("Enhet: %s\n", g->unit_name);
    if (d->npath) {
        printf("Rapporterar till: ");
        for (size_t i = 0; i < d->npath; i++) printf("%s%s", i ? " → " : "", d->path[i].name);
        putchar('\n');
    }
    for (size_t i = 0; i < d->nsubgroups; i++) printf("%s%s", i ? ", " : "Undergrupper: ", d->subgroups[i].name);
    if (d->nsubgroups) putchar('\n');
    if (g->type == GT_LPO)
        printf("RMKS godkännande: %s\n", *g->rmks_approved_on ? g->rmks_approved_on : "ej godkänd");
    if (*g->description) printf("%s\n", g->description);

    printf("\nLedamöter (%s):\n", d->today);
    size_t shown = 0;
    for (size_t i = 0; i < d->nmembers; i++) {
        const GroupMember *m = &d->members[i];
        if (!m->current) continue;
        const char *role = group_role_key(m->role);
        printf("  %s%*s %s", role, (int)(22 - utf8_length(role)), "", m->person_name);
        if (*m->municipality_name) printf(", %s", m->municipality_name);
        else if (*m->person_title) printf(", %s", m->person_title);
        if (*m->professions) printf(" (%s)", m->professions);
        if (*m->to_date) printf(" – till %s%s", m->to_date, m->term_passed ? " (utgånget)" : "");
        printf(" [id %lld]\n", m->id);
        shown++;
    }
    if (!shown) printf("  (inga registrerade)\n");
    for (size_t i = 0; i < d->nmembers; i++) {
        const GroupMember *m = &d->members[i];
        if (m->current) continue;
        if (*m->ended_on)
            printf("  tidigare: %s, %s, %s–%s\n", m->person_name, group_role_key(m->role), m->from_date, m->ended_on);
        else printf("  från %s: %s, %s\n", m->from_date, m->person_name, group_role_key(m->role));
    }

    printf("\nBeslutskraft: %s\n", d->power.note);
    for (size_t i = 0; i < d->power.n; i++) {
        const PowerItem *p = &d->power.items[i];
        printf("  %s (%s):\n", p->person_name, p->via);
        print_mandate(&p->mandate, "    ");
    }
    if (d->power.nown) printf("  Egna mandat som organ:\n");
    for (size_t i = 0; i < d->power.nown; i++) print_mandate(&d->power.own[i], "    ");

    printf("\nProblem:%s\n", d->problems.n ? "" : " inga");
    for (size_t i = 0; i < d->problems.n; i++) printf("  - %s\n", d->problems.items[i].message);

    if (!d->has_commission) {
        printf("\nUppdragshandling: ingen registrerad\n");
        return;
    }
    const Commission *c = &d->commission;
    printf("\nUppdragshandling, version %d (registrerad %s%s%s):\n", c->version, c->created_at,
           *c->created_by ? " av " : "", c->created_by);
    for (int i = 0; i < COMM_N; i++) print_text_field(commission_field_label((CommissionField)i), c->f[i]);
}

int cmd_group_show(int argc, char **argv)
{
    static const char *usage = "lots group show ID|NAMN [--json] [--date ÅÅÅÅ-MM-DD] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--date", true, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage) || !date_ok(&o[1], usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Db *db = cli_open_db(o[2].value);
    if (!db) return EXIT_FAIL;
    Group g;
    GroupDetail d;
    char day[11];
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (group_find(db, pos[0], &g, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (group_detail(db, g.id, day_of(&o[1], day), &d, &e)) {
            rc = cli_fail(e.msg);
        } else {
            if (o[0].present) print_json(group_detail_to_json(&d));
            else print_detail(&d);
            group_detail_free(&d);
        }
        group_free(&g);
    }
    db_close(db);
    return rc;
}

/* --- lots group check ------------------------------------------------------------------------------ */

int cmd_group_check(int argc, char **argv)
{
    static const char *usage = "lots group check [ID|NAMN] [--json] [--date ÅÅÅÅ-MM-DD] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--date", true, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage) || !date_ok(&o[1], usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[2].value);
    if (!db) return EXIT_FAIL;
    char day[11];
    day_of(&o[1], day);
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    GroupCheck *c = NULL;
    size_t n = 0;
    if (npos == 1) {
        c = xcalloc(1, sizeof *c);
        if (group_find(db, pos[0], &c[0].group, &e) || group_check(db, c[0].group.id, day, &c[0].problems, &e)) {
            group_free(&c[0].group);
            free(c);
            c = NULL;
            rc = cli_fail(e.msg);
        } else {
            n = 1;
        }
    } else if (group_check_all(db, day, &c, &n, &e)) {
        rc = cli_fail(e.msg);
    }
    if (!rc && o[0].present) {
        print_json(group_checks_to_json(c, n, day, npos == 0));
    } else if (!rc) {
        size_t groups = 0, problems = 0;
        for (size_t i = 0; i < n; i++) {
            if (!c[i].problems.n && npos == 0) continue;
            printf("%s (%s, id %lld):%s\n", c[i].group.name, group_type_key(c[i].group.type), c[i].group.id,
                   c[i].problems.n ? "" : " inga problem");
            for (size_t k = 0; k < c[i].problems.n; k++) printf("  - %s\n", c[i].problems.items[k].message);
            groups += c[i].problems.n > 0;
            problems += c[i].problems.n;
        }
        if (npos == 0)
            printf("%s%zu problem i %zu av %zu grupper (%s).\n", problems ? "\n" : "", problems, groups, n, day);
    }
    if (c) group_check_all_free(c, n);
    db_close(db);
    return rc;
}

/* --- lots group overlaps ------------------------------------------------------------------------------ */

int cmd_group_overlaps(int argc, char **argv)
{
    static const char *usage = "lots group overlaps [--threshold 0.35] [--json] [--db PATH]";
    CliOpt o[] = {{"--threshold", true, NULL, false}, {"--json", false, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, NULL, 0, &npos, usage)) return EXIT_USAGE;
    double threshold = OVERLAP_THRESHOLD;
    if (o[0].present) {
        char *end = NULL;
        threshold = strtod(o[0].value, &end);
        if (!end || *end || !isfinite(threshold) || threshold <= 0 || threshold > 1) {
            fprintf(stderr, "lots: --threshold ska vara ett tal större än 0 och högst 1, t.ex. 0.35\n");
            return cli_usage(usage);
        }
    }
    Db *db = cli_open_db(o[2].value);
    if (!db) return EXIT_FAIL;
    GroupOverlap *ov;
    size_t n;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (group_overlaps(db, threshold, &ov, &n, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (o[1].present) {
            print_json(group_overlaps_to_json(ov, n, threshold));
        } else {
            if (!n) printf("Inga uppdragshandlingar överlappar (tröskel %.2f).\n", threshold);
            for (size_t i = 0; i < n; i++) {
                printf("%.2f  %s (id %lld) och %s (id %lld)\n      gemensamt: ", ov[i].score, ov[i].a_name,
                       ov[i].a_id, ov[i].b_name, ov[i].b_id);
                for (size_t t = 0; t < ov[i].nterms; t++) printf("%s%s", t ? ", " : "", ov[i].terms[t]);
                putchar('\n');
            }
        }
        group_overlaps_free(ov, n);
    }
    db_close(db);
    return rc;
}

/* --- lots group tasks ------------------------------------------------------------------------------------ */

int cmd_group_tasks(int argc, char **argv)
{
    static const char *usage = "lots group tasks [--json] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--db", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, NULL, 0, &npos, usage)) return EXIT_USAGE;
    Db *db = cli_open_db(o[1].value);
    if (!db) return EXIT_FAIL;
    Task *t;
    size_t n;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    if (task_list_open(db, 0, &t, &n, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (o[0].present) print_json(tasks_to_json(t, n));
        else if (!n) printf("Inga öppna uppgifter.\n");
        for (size_t i = 0; !o[0].present && i < n; i++)
            printf("%lld. %s (%s): %s\n", t[i].id, *t[i].person_name ? t[i].person_name : "ingen mottagare än",
                   *t[i].group_name ? t[i].group_name : "-", t[i].text);
        task_list_free(t, n);
    }
    db_close(db);
    return rc;
}

/* --- lots group edit ---------------------------------------------------------------------------------------- */

/* "ja" or "nej" (also 1/0, true/false) into *out; absent: -1 (kept). */
static bool yes_no(const CliOpt *o, int *out)
{
    *out = -1;
    if (!o->present) return true;
    static const char *const yes[] = {"ja", "1", "true"}, *const no[] = {"nej", "0", "false"};
    for (size_t i = 0; i < 3; i++) {
        if (!strcmp(o->value, yes[i])) *out = 1;
        if (!strcmp(o->value, no[i])) *out = 0;
    }
    if (*out < 0) fprintf(stderr, "lots: %s ska vara ja eller nej, inte '%s'\n", o->name, o->value);
    return *out >= 0;
}

int cmd_group_edit(int argc, char **argv)
{
    static const char *usage =
        "lots group edit ID|NAMN [--type TYP] [--name NAMN] [--short-name KORTNAMN] [--description TEXT] "
        "[--parent GRUPP] [--reports-to GRUPP] [--unit ENHET] [--body] [--patient-rep ja|nej] [--municipal ja|nej] "
        "[--multiprofessional ja|nej] [--note TEXT] [--as NAMN] [--db PATH]";
    CliOpt o[] = {{"--type", true, NULL, false},        {"--name", true, NULL, false},
                  {"--short-name", true, NULL, false},  {"--description", true, NULL, false},
                  {"--parent", true, NULL, false},      {"--reports-to", true, NULL, false},
                  {"--unit", true, NULL, false},        {"--body", false, NULL, false},
                  {"--patient-rep", true, NULL, false}, {"--municipal", true, NULL, false},
                  {"--multiprofessional", true, NULL, false}, {"--note", true, NULL, false},
                  {"--as", true, NULL, false},          {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 14, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    GroupEdit in = {o[0].value, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value, o[6].value,
                    o[7].present ? 1 : -1, -1, -1, -1, o[11].value};
    if (!yes_no(&o[8], &in.seeks_patient_rep) || !yes_no(&o[9], &in.has_municipal_parts) ||
        !yes_no(&o[10], &in.multiprofessional))
        return cli_usage(usage);
    Db *db = cli_open_db(o[13].value);
    if (!db) return EXIT_FAIL;
    Actor who;
    Group g;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    bool changed = false;
    if (!cli_actor(db, o[12].value, &who)) {
        rc = EXIT_FAIL;
    } else if (group_find(db, pos[0], &g, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (group_update(db, &who, g.id, &in, &changed, &e)) {
            rc = cli_fail(e.msg);
        } else if (!changed) {
            printf("Inget ändrades i %s (id %lld).\n", g.name, g.id);
        } else {
            GroupEvent *h;
            size_t n;
            if (group_history(db, g.id, &h, &n, &e)) rc = cli_fail(e.msg);
            else printf("%s (id %lld): %s\n", g.name, g.id, n ? h[0].summary : "ändrad.");
            if (!rc) group_history_free(h, n);
        }
        group_free(&g);
    }
    db_close(db);
    return rc;
}
