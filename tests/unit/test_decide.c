/*
 * test_decide.c — the decision-path engine (core/decide*.c) with the shipped
 * rules: every rule of seed 001 §10 (Örebro) and the C branch of seed 000
 * (VGR), unknown units and municipalities refused, rule files with errors
 * refused with file and line, an organisation's own rules replacing the
 * built-in ones, and the setting that picks the rule set.
 *
 * A real SQLite file per test, migrated and filled with the demo
 * organisation (core/org_demo.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testdb.h"
#include "base/text.h"
#include "core/decide.h"
#include "core/org.h"
#include "core/settings.h"
#include "store/db.h"

static RuleSets rules;

typedef struct {
    TestDb *t; /* tests/unit/testdb.h */
    Db *db;
} Fixture;

static int group_setup(void **state)
{
    (void)state;
    Err e = ERR_INIT;
    if (rules_load(&rules, NULL, &e)) {
        fprintf(stderr, "rules_load: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    rules_free(&rules);
    return 0;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("decide"))) return -1;
    f->db = f->t->db;
    Err e = ERR_INIT;
    if (db_begin(f->db, &e) || org_demo_load(f->db, &e) || db_commit(f->db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    testdb_close(f->t);
    free(f);
    return 0;
}

/* --- helpers ----------------------------------------------------------------------- */

enum { MISSION = 1, BUDGET = 2, POLITICAL = 4, WITHIN = MISSION | BUDGET };

typedef struct {
    const char *units[6];
    const char *munis[6];
    unsigned flags;
    double cost; /* < 0: not given */
} Action;

static ErrCode try_path(Fixture *f, const RuleSet *rs, const Action *a, DecidePath *p, Err *e)
{
    DecideInput in = {0};
    while (in.nunits < 6 && a->units[in.nunits]) in.nunits++;
    while (in.nmunicipalities < 6 && a->munis[in.nmunicipalities]) in.nmunicipalities++;
    in.units = a->units;
    in.municipalities = a->munis;
    in.within_mission = a->flags & MISSION;
    in.within_budget = a->flags & BUDGET;
    in.political = a->flags & POLITICAL;
    in.has_cost = a->cost >= 0;
    in.cost = a->cost;
    return decide_path(f->db, rs, &in, p, e);
}

static DecidePath path_of(Fixture *f, const char *set, const Action *a)
{
    const RuleSet *rs = rules_find(&rules, set);
    assert_non_null(rs);
    DecidePath p;
    Err e = ERR_INIT;
    if (try_path(f, rs, a, &p, &e)) fail_msg("decide_path: %s", e.msg);
    return p;
}

/* "decides informed endorses" — the kinds of the path, in order. */
static char *kinds(const DecidePath *p)
{
    static char out[512];
    out[0] = '\0';
    for (size_t i = 0; i < p->n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "", decide_kind_key(p->steps[i].kind));
    return out;
}

static void assert_step(const DecidePath *p, size_t i, DecideKind kind, const char *actor, const char *reason_part)
{
    if (i >= p->n) fail_msg("step %zu missing; the path has %zu: %s", i, p->n, kinds(p));
    const DecideStep *s = &p->steps[i];
    if (s->kind != kind) fail_msg("step %zu is '%s', want '%s' (%s)", i, decide_kind_key(s->kind), decide_kind_key(kind), s->actor);
    if (actor && strcmp(s->actor, actor)) fail_msg("step %zu actor '%s', want '%s'", i, s->actor, actor);
    if (reason_part) {
        char *r = fold_lower(s->reason), *w = fold_lower(reason_part);
        bool found = strstr(r, w) != NULL;
        free(r);
        free(w);
        if (!found) fail_msg("step %zu reason '%s' lacks '%s'", i, s->reason, reason_part);
    }
}

static const char *RMKS = "Rådet för medicinskt kunskapsstöd (RMKS)";
static const char *HSF_LG = "Hälso- och sjukvårdsförvaltningens ledningsgrupp";
static const char *FTV_LG = "Folktandvårdens ledningsgrupp";
static const char *SAMVERKANSRAD = "Specifika samverkansrådet för social välfärd samt vård och omsorg";

/* --- Örebro: for the region (§10) ----------------------------------------------------- */

static void test_verksamhetschef_decides_within_mission_and_budget(void **state)
{
    Action a = {{"Ortopedi"}, {0}, WITHIN, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "decides informed endorses");
    assert_step(&p, 0, DK_DECIDES, "Verksamhetschef Ortopedi, Universitetssjukhuset Örebro",
                "inom verksamhetens uppdrag och budget");
    assert_step(&p, 1, DK_INFORMED, RMKS, "kännedom");
    assert_step(&p, 2, DK_ENDORSES, RMKS, "tillstyrk");
    assert_string_equal(p.steps[0].rule, "verksamhetschef-beslutar");
    assert_true(p.steps[0].unit_id > 0);
    assert_string_equal(p.rules_key, "orebro");
    decide_path_free(&p);
}

/* An enhet has no mandate of its own: its verksamhetschef decides, once for
 * two enheter of the same verksamhet; each verksamhet's chief decides. */
static void test_an_enhet_is_decided_by_its_verksamhetschef(void **state)
{
    Action a = {{"Ortopedmottagningen", "ortopedi", "Kirurgi"}, {0}, WITHIN, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "decides decides informed endorses");
    assert_step(&p, 0, DK_DECIDES, "Verksamhetschef Ortopedi, Universitetssjukhuset Örebro", NULL);
    assert_step(&p, 1, DK_DECIDES, "Verksamhetschef Kirurgi, Universitetssjukhuset Örebro", NULL);
    decide_path_free(&p);
}

static void test_outside_budget_is_prioritised_and_proposed_to_hos_ledningsgrupp(void **state)
{
    Action a = {{"Ortopedi"}, {0}, MISSION, 750000};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "prioritises proposes decides");
    assert_step(&p, 0, DK_PRIORITISES, RMKS, "ryms inte inom verksamhetens budget");
    assert_step(&p, 0, DK_PRIORITISES, RMKS, "750 000 kr");
    assert_step(&p, 1, DK_PROPOSES, NULL, HSF_LG);
    assert_step(&p, 2, DK_DECIDES, HSF_LG, "inte kan besluta");
    for (size_t i = 0; i < p.n; i++) assert_null(strstr(p.steps[i].actor, "Verksamhetschef"));
    decide_path_free(&p);
}

static void test_outside_mission_likewise(void **state)
{
    Action a = {{"Kirurgi"}, {0}, BUDGET, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "prioritises proposes decides");
    assert_step(&p, 0, DK_PRIORITISES, RMKS, "ryms inte inom verksamhetens uppdrag");
    assert_step(&p, 2, DK_DECIDES, HSF_LG, NULL);
    decide_path_free(&p);
    Action neither = {{"Kirurgi"}, {0}, 0, -1};
    p = path_of(*state, "orebro", &neither);
    assert_step(&p, 0, DK_PRIORITISES, RMKS, "uppdrag och budget");
    decide_path_free(&p);
}

/* Folktandvården's units go to its own ledningsgrupp (§4, §10). */
static void test_folktandvard_goes_to_its_ledningsgrupp(void **state)
{
    Action a = {{"Allmäntandvård"}, {0}, MISSION, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "prioritises proposes decides");
    assert_step(&p, 1, DK_PROPOSES, RMKS, FTV_LG);
    assert_step(&p, 2, DK_DECIDES, FTV_LG, NULL);
    decide_path_free(&p);
    Action both = {{"Ortopedi", "Specialisttandvård"}, {0}, MISSION, -1};
    p = path_of(*state, "orebro", &both);
    assert_string_equal(kinds(&p), "prioritises proposes proposes decides decides");
    assert_step(&p, 3, DK_DECIDES, HSF_LG, NULL);
    assert_step(&p, 4, DK_DECIDES, FTV_LG, NULL);
    decide_path_free(&p);
}

/* --- Örebro: for the municipalities (§10) ----------------------------------------------- */

static void test_each_municipality_decides_for_itself(void **state)
{
    Action a = {{0}, {"Örebro", "askersund", "Kumla"}, WITHIN, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "informed decides decides decides");
    assert_step(&p, 0, DK_INFORMED, NULL, "strategiska nätverken");
    assert_step(&p, 1, DK_DECIDES, "Örebro kommun", "Örebro kommun beslutar för sin del – varje kommun fattar sitt eget beslut");
    assert_step(&p, 2, DK_DECIDES, "Askersunds kommun", "Askersunds kommun beslutar för sin del");
    assert_step(&p, 3, DK_DECIDES, "Kumla kommun", NULL);
    for (size_t i = 0; i < p.n; i++) assert_int_not_equal(p.steps[i].kind, DK_RECOMMENDS);
    decide_path_free(&p);
}

static void test_political_adds_the_samverkansrad_before_the_municipalities(void **state)
{
    Action a = {{0}, {"Laxå", "Nora"}, WITHIN | POLITICAL, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "informed recommends decides decides");
    assert_step(&p, 1, DK_RECOMMENDS, SAMVERKANSRAD, "rekommendation");
    assert_step(&p, 2, DK_DECIDES, "Laxå kommun", NULL);
    decide_path_free(&p);
}

/* A region unit within mandate and three municipalities with a political
 * decision: the region's part first, then the municipalities'. */
static void test_region_unit_and_three_municipalities_in_order(void **state)
{
    Action a = {{"Geriatrik"}, {"Hallsberg", "Kumla", "Örebro"}, WITHIN | POLITICAL, 120000};
    DecidePath p = path_of(*state, "orebro", &a);
    assert_string_equal(kinds(&p), "decides informed endorses informed recommends decides decides decides");
    assert_step(&p, 0, DK_DECIDES, "Verksamhetschef Geriatrik, Universitetssjukhuset Örebro", NULL);
    assert_step(&p, 4, DK_RECOMMENDS, SAMVERKANSRAD, NULL);
    assert_step(&p, 5, DK_DECIDES, "Hallsbergs kommun", NULL);
    assert_step(&p, 6, DK_DECIDES, "Kumla kommun", NULL);
    assert_step(&p, 7, DK_DECIDES, "Örebro kommun", NULL);
    decide_path_free(&p);
    /* outside the budget the proposal also goes to the socialchefsnätverk */
    Action out = {{"Geriatrik"}, {"Hallsberg", "Kumla", "Örebro"}, MISSION, -1};
    p = path_of(*state, "orebro", &out);
    assert_string_equal(kinds(&p), "prioritises proposes proposes decides informed decides decides decides");
    assert_step(&p, 2, DK_PROPOSES, RMKS, "socialchefsnätverket");
    assert_step(&p, 3, DK_DECIDES, HSF_LG, NULL);
    decide_path_free(&p);
}

/* --- refusals -------------------------------------------------------------------------- */

static void test_unknown_unit_or_municipality_is_refused(void **state)
{
    Fixture *f = *state;
    const RuleSet *rs = rules_find(&rules, "orebro");
    DecidePath p;
    Err e = ERR_INIT;
    Action a = {{"Ortopedi", "SkaS-Ortopedi"}, {0}, WITHIN, -1};
    assert_int_equal(try_path(f, rs, &a, &p, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Okänd enhet 'SkaS-Ortopedi'.");
    assert_int_equal(p.n, 0);
    Action m = {{0}, {"Örebro", "Gotham"}, WITHIN, -1};
    assert_int_equal(try_path(f, rs, &m, &p, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Okänd kommun 'Gotham'.");
    Action none = {{0}, {0}, WITHIN, -1};
    assert_int_equal(try_path(f, rs, &none, &p, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "minst en enhet eller en kommun"));
    const char *ort[] = {"Ortopedi"};
    DecideInput in = {.units = ort, .nunits = 1, .has_cost = true, .cost = -5};
    assert_int_equal(decide_path(f->db, rs, &in, &p, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Kostnaden"));
}

/* --- VGR: processes A and C (seed 000) ---------------------------------------------------- */

static void test_vgr_c_within_mandate_is_a_delegationsbeslut(void **state)
{
    Action a = {{"Sahlgrenska Universitetssjukhuset", "SkaS"}, {0}, WITHIN, -1};
    DecidePath p = path_of(*state, "vgr", &a);
    assert_string_equal(kinds(&p), "informed proposes decides decides");
    assert_step(&p, 0, DK_INFORMED, NULL, "samordningsråd");
    assert_step(&p, 1, DK_PROPOSES, NULL, "inom ramen för sitt uppdrag och sina mandat");
    assert_non_null(strstr(p.steps[1].actor, "Funktionsgrupp"));
    assert_step(&p, 2, DK_DECIDES, "Sjukhusdirektör Sahlgrenska Universitetssjukhuset", "delegationsbeslut");
    assert_step(&p, 3, DK_DECIDES, "Sjukhusdirektör Skaraborgs sjukhus", "delegationsbeslut");
    assert_string_equal(p.rules_key, "vgr");
    decide_path_free(&p);
}

static void test_vgr_c_outside_mandate_is_prepared_anchored_and_decided_by_a_board(void **state)
{
    Action a = {{"NU-sjukvården"}, {0}, MISSION, 2000000};
    DecidePath p = path_of(*state, "vgr", &a);
    assert_string_equal(kinds(&p), "informed proposes endorses endorses endorses decides");
    assert_step(&p, 1, DK_PROPOSES, "Avdelning på Koncernkontoret", "beredas av en avdelning på Koncernkontoret");
    assert_step(&p, 2, DK_ENDORSES, "Koncernledning hälso- och sjukvård (KL HoS)", "förankring");
    assert_step(&p, 3, DK_ENDORSES, "Program- och prioriteringsrådet (PPR)", NULL);
    assert_step(&p, 4, DK_ENDORSES, "Klinisk ledning", NULL);
    assert_step(&p, 5, DK_DECIDES, "Operativa hälso- och sjukvårdsnämnden (OSN)", "inte inom budget");
    decide_path_free(&p);
    Action mission = {{"Närhälsan"}, {0}, BUDGET, -1};
    p = path_of(*state, "vgr", &mission);
    assert_step(&p, p.n - 1, DK_DECIDES, "Strategiska hälso- och sjukvårdsnämnden (SSN)", "uppdraget ändras");
    decide_path_free(&p);
}

static void test_vgr_a_political_goes_to_ssn(void **state)
{
    Action a = {{"Regionhälsan"}, {"Örebro", "Kumla"}, WITHIN | POLITICAL, -1};
    DecidePath p = path_of(*state, "vgr", &a);
    assert_string_equal(kinds(&p), "informed proposes endorses endorses endorses decides informed recommends decides decides");
    assert_step(&p, 1, DK_PROPOSES, "Huvudhandläggare på Koncernkontoret", "process A");
    assert_step(&p, 5, DK_DECIDES, "Strategiska hälso- och sjukvårdsnämnden (SSN)", NULL);
    assert_step(&p, 7, DK_RECOMMENDS, NULL, NULL);
    assert_step(&p, 8, DK_DECIDES, "Örebro kommun", "för sin del");
    decide_path_free(&p);
}

/* --- rules as data ------------------------------------------------------------------------ */

static const char mini_rules[] = "key: orebro\n"
                                 "name: Egen\n"
                                 "cost_limit: 500 000\n"
                                 "steps:\n"
                                 "  - key: chef\n"
                                 "    when: {units: true, within_mandate: true}\n"
                                 "    each: unit\n"
                                 "    actor: \"{chef} {placering}\"\n"
                                 "    kind: decides\n"
                                 "    reason: inom mandat\n"
                                 "  - key: over\n"
                                 "    when: [{within_mandate: false}, {cost_over: 1000000}]\n"
                                 "    actor: Regionstyrelsen\n"
                                 "    kind: decides\n"
                                 "    reason: \"{utanför}; kostnad {kostnad}, gräns {kostnadsgräns}\"\n";

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* A cost limit in the rules: above it, even an action within mission and
 * budget is not the verksamhetschef's to decide. */
static void test_cost_limit_in_the_rules(void **state)
{
    Fixture *f = *state;
    RuleSet *rs;
    Err e = ERR_INIT;
    if (rules_parse(mini_rules, strlen(mini_rules), "egen.yaml", &rs, &e)) fail_msg("%s", e.msg);
    Action cheap = {{"Ortopedi"}, {0}, WITHIN, 100000};
    Action dear = {{"Ortopedi"}, {0}, WITHIN, 750000};
    DecidePath p;
    assert_int_equal(try_path(f, rs, &cheap, &p, &e), ERR_OK);
    assert_string_equal(kinds(&p), "decides");
    assert_step(&p, 0, DK_DECIDES, "Verksamhetschef Ortopedi, Universitetssjukhuset Örebro", NULL);
    decide_path_free(&p);
    assert_int_equal(try_path(f, rs, &dear, &p, &e), ERR_OK);
    assert_string_equal(kinds(&p), "decides");
    assert_step(&p, 0, DK_DECIDES, "Regionstyrelsen", "Kostnadsgräns (500 000 kr); kostnad 750 000 kr, gräns 500 000 kr");
    decide_path_free(&p);
    rules_free_one(rs);
}

static void test_broken_rules_are_refused_with_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *yaml, *msg;
    } bad[] = {
        {"key: x\nname: X\nsteps:\n  - key: a\n    actr: A\n", "x.yaml:5: okänt fält 'actr' i regel 'a' – menade du 'actor'?"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    actor: A\n    kind: decide\n    reason: R\n",
         "x.yaml:6: okänd sorts steg (kind) 'decide'"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    actor: \"{kommun}\"\n    kind: decides\n    reason: R\n",
         "x.yaml:5: okänd variabel {kommun}"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    each: unit\n    actor: \"{chef\"\n    kind: decides\n    reason: R\n",
         "x.yaml:6: 'actor' i regel 'a' har en '{' utan '}'"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    when: {units: ja}\n    actor: A\n    kind: decides\n    reason: R\n",
         "x.yaml:5: 'units' måste vara true eller false"},
        {"key: x\nname: X\ncost_limit: mycket\nsteps: []\n", "x.yaml:3: 'cost_limit' i regelverket ska vara ett belopp"},
        {"key: x\nname: X\nsteps: []\n", "x.yaml:3: regelverket 'x' har inga regler"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    each: management_group\n    actor: \"{ledningsgrupp}\"\n"
         "    kind: decides\n    reason: R\n",
         "'default_management_group' saknas"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    actor: A\n    kind: decides\n    reason: R\n  - key: a\n"
         "    actor: B\n    kind: informed\n    reason: R\n",
         "x.yaml:8: regeln 'a' finns redan (rad 4)"},
        {"key: x\nname: X\n\tsteps: []\nbasis: B\n", "x.yaml:3: YAML-syntaxfel"},
        {"", "x.yaml:1: filen är tom – den ska beskriva ett regelverk"},
        {"---", "x.yaml:1: "}, /* an empty value at the end is on the last line, not past it */
        {"key: X Y\nname: X\n", "x.yaml:1: ogiltigt id 'X Y'"},
        {"key: x\nname: X\nmandate_level: avdelning\nsteps: []\n", "x.yaml:3: okänd nivå 'avdelning'"},
        {"key: x\nname: X\nsteps:\n  - key: a\n    each: municipality\n    actor: \"{kommun}\"\n    kind: decides\n"
         "    reason: R\n    body: \"{kommun}\"\n",
         "x.yaml:9: 'body' i regel 'a' ska vara ett organs kortnamn"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        RuleSet *rs = NULL;
        Err e = ERR_INIT;
        if (rules_parse(bad[i].yaml, strlen(bad[i].yaml), "x.yaml", &rs, &e) != ERR_INVALID || !strstr(e.msg, bad[i].msg))
            fail_msg("case %zu: want '%s', got '%s'", i, bad[i].msg, e.msg);
        assert_null(rs);
    }
}

/* The organisation's directory: a file with a built-in key replaces it, a
 * new key is added, and one broken file refuses them all, naming it. */
static void test_override_directory(void **state)
{
    Fixture *f = *state;
    char dir[128], file[200];
    snprintf(dir, sizeof dir, "%s/rules", f->t->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(file, sizeof file, "%s/orebro.yaml", dir);
    write_file(file, mini_rules);
    snprintf(file, sizeof file, "%s/egen.yaml", dir);
    write_file(file, "key: egen\nname: Egen\nsteps:\n  - key: a\n    actor: A\n    kind: informed\n    reason: R\n");
    RuleSets own;
    Err e = ERR_INIT;
    if (rules_load(&own, dir, &e)) fail_msg("%s", e.msg);
    assert_int_equal(own.n, 3);
    assert_string_equal(rules_find(&own, "orebro")->name, "Egen");
    assert_non_null(strstr(rules_find(&own, "orebro")->source, "rules/orebro.yaml"));
    assert_non_null(rules_find(&own, "vgr"));
    assert_non_null(rules_find(&own, "egen"));
    rules_free(&own);
    snprintf(file, sizeof file, "%s/trasig.yaml", dir);
    write_file(file, "key: trasig\nname: T\nsteps:\n  - key: a\n    actor: A\n    kind: beslutar\n    reason: R\n");
    assert_int_equal(rules_load(&own, dir, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "/rules/trasig.yaml:6: okänd sorts steg (kind) 'beslutar'"));
    assert_int_equal(own.n, 0);
    assert_int_equal(rules_load(&own, "/nonexistent/lots-rules", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "finns inte"));
}

static void test_setting_picks_the_rule_set(void **state)
{
    Fixture *f = *state;
    const RuleSet *rs;
    Err e = ERR_INIT;
    assert_int_equal(rules_active(f->db, &rules, &rs, &e), ERR_OK);
    assert_string_equal(rs->key, "orebro");
    assert_int_equal(setting_set(f->db, "decision_rules", "vgr", &e), ERR_OK);
    assert_int_equal(rules_active(f->db, &rules, &rs, &e), ERR_OK);
    assert_string_equal(rs->key, "vgr");
    assert_int_equal(setting_set(f->db, "decision_rules", "skane", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "orebro, vgr"));
    assert_int_equal(rules_active(f->db, &rules, &rs, &e), ERR_OK);
    assert_string_equal(rs->key, "vgr");
}

static void test_json_shape(void **state)
{
    Action a = {{"Ortopedi"}, {"Kumla"}, WITHIN, -1};
    DecidePath p = path_of(*state, "orebro", &a);
    json_t *j = decide_path_to_json(&p);
    json_t *steps = json_object_get(j, "steps");
    assert_int_equal(json_array_size(steps), p.n);
    json_t *first = json_array_get(steps, 0);
    assert_string_equal(json_string_value(json_object_get(first, "kind")), "decides");
    assert_string_equal(json_string_value(json_object_get(first, "actor")), p.steps[0].actor);
    assert_non_null(json_string_value(json_object_get(first, "reason")));
    assert_string_equal(json_string_value(json_object_get(j, "rules")), "orebro");
    /* the rule names its body: the verksamhetschef decides by delegation */
    assert_string_equal(json_string_value(json_object_get(first, "body")), "Delegation");
    json_decref(j);
    decide_path_free(&p);
}

/* The shipped rules name the bodies their fixed actors are, so a case's
 * proposal does not hang on the wording of an actor. */
static void test_shipped_rules_name_their_bodies(void **state)
{
    Action a = {{"SkaS"}, {NULL}, MISSION, -1}; /* VGR: outside the budget → OSN, anchored in KL HoS, PPR … */
    DecidePath p = path_of(*state, "vgr", &a);
    const char *want[] = {"KL HoS", "PPR", "Klinisk ledning", "OSN"};
    size_t k = 0;
    for (size_t i = 0; i < p.n; i++)
        if (p.steps[i].body && k < 4) assert_string_equal(p.steps[i].body, want[k++]);
    assert_int_equal(k, 4);
    decide_path_free(&p);
}

static void test_cost_as_typed(void **state)
{
    (void)state;
    bool has;
    double v = -1;
    assert_true(decide_cost_parse("750 000", &has, &v) && has && v == 750000);
    assert_true(decide_cost_parse("1250,50", &has, &v) && has && v == 1250.5);
    assert_true(decide_cost_parse("12\u00a0000", &has, &v) && has && v == 12000); /* no-break space */
    assert_true(decide_cost_parse("  ", &has, &v) && !has);
    assert_false(decide_cost_parse("-5", &has, &v));
    assert_false(decide_cost_parse("mycket", &has, &v));
    assert_false(decide_cost_parse("1.2.3", &has, &v));
    Buf b = BUF_INIT;
    decide_amount(&b, 1234567.4);
    assert_string_equal(buf_cstr(&b), "1 234 567 kr");
    buf_free(&b);
}

/* The import that feeds the engine is all or nothing (see test_org.c for
 * the whole list of refusals). */
static void test_failed_import_writes_nothing(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long before = db_int(f->db, &e, "SELECT count(*) FROM units", NULL, -1);
    const char csv[] = "typ;namn;nivå;överordnad\n"
                       "enhet;Skaraborgs ortopedi;verksamhet;SkaS\n"
                       "enhet;Kirurgi Skövde;verksamhet;SkaS\n"
                       "kommun;Skövde;;\n"
                       "enhet;Ortopedi Lidköping;verksamhet;SkaS-Ortopedi\n";
    OrgImportCounts c;
    assert_int_equal(org_import_csv(f->db, csv, strlen(csv), &c, &e), ERR_INVALID);
    assert_string_equal(e.msg, "rad 5: okänd överordnad enhet 'SkaS-Ortopedi'");
    assert_int_equal(db_int(f->db, &e, "SELECT count(*) FROM units", NULL, -1), before);
    assert_false(db_exists(f->db, &e, "SELECT 1 FROM municipalities WHERE name = 'Skövde'", NULL));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_verksamhetschef_decides_within_mission_and_budget),
        T(test_an_enhet_is_decided_by_its_verksamhetschef),
        T(test_outside_budget_is_prioritised_and_proposed_to_hos_ledningsgrupp),
        T(test_outside_mission_likewise),
        T(test_folktandvard_goes_to_its_ledningsgrupp),
        T(test_each_municipality_decides_for_itself),
        T(test_political_adds_the_samverkansrad_before_the_municipalities),
        T(test_region_unit_and_three_municipalities_in_order),
        T(test_unknown_unit_or_municipality_is_refused),
        T(test_vgr_c_within_mandate_is_a_delegationsbeslut),
        T(test_vgr_c_outside_mandate_is_prepared_anchored_and_decided_by_a_board),
        T(test_vgr_a_political_goes_to_ssn),
        T(test_cost_limit_in_the_rules),
        T(test_broken_rules_are_refused_with_file_and_line),
        T(test_override_directory),
        T(test_setting_picks_the_rule_set),
        T(test_json_shape),
        T(test_shipped_rules_name_their_bodies),
        T(test_cost_as_typed),
        T(test_failed_import_writes_nothing),
    };
#undef T
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
