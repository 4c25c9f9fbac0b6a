/*
 * test_case_scope.c — a case's proposed action (core/case_scope.c) and what
 * the decision rules propose from it (core/case_proposal.c): setting and
 * changing the scope with its history event, the refusals that change
 * nothing, matching a path's actors to bodies, and the proposals of both
 * shipped rule sets (Örebro, VGR) for cases of processes A, B and C.
 *
 * A real SQLite file per test with the demo organisation (core/org_demo.c),
 * the seeds' bodies, and the built-in process definitions and rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "core/body.h"
#include "core/case.h"
#include "core/case_scope.h"
#include "core/org.h"
#include "core/settings.h"

static ProcessSet ps;
static RuleSets rules;

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna; /* handläggare */
    Actor lars; /* läsare */
} Fixture;

static int group_setup(void **state)
{
    (void)state;
    setenv("LOTS_FAST_HASH", "1", 1);
    if (!account_init()) return -1;
    Err e = ERR_INIT;
    if (process_set_load(&ps, NULL, &e) || rules_load(&rules, NULL, &e)) {
        fprintf(stderr, "load: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    process_set_free(&ps);
    rules_free(&rules);
    return 0;
}

static const char *const seed_bodies[][3] = {
    {"SSN", "Strategiska hälso- och sjukvårdsnämnden", "nämnd"},
    {"OSN", "Operativa hälso- och sjukvårdsnämnden", "nämnd"},
    {"KL HoS", "Koncernledning hälso- och sjukvård", "koncernledningsgrupp"},
    {"PPR", "Program- och prioriteringsrådet", "råd"},
    {"Klinisk ledning", "Klinisk ledning", "råd"},
    {"RMKS", "Rådet för medicinskt kunskapsstöd", "råd"},
    {"HSF LG", "Hälso- och sjukvårdsförvaltningens ledningsgrupp", "ledningsgrupp"},
};

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("scope"))) return -1;
    f->db = f->t->db;
    Err e = ERR_INIT;
    if (db_begin(f->db, &e) || org_demo_load(f->db, &e) || db_commit(f->db, &e)) {
        fprintf(stderr, "setup: %s\n", e.msg);
        return -1;
    }
    for (size_t i = 0; i < sizeof seed_bodies / sizeof *seed_bodies; i++)
        if (body_add(f->db, seed_bodies[i][0], seed_bodies[i][1], seed_bodies[i][2], &e)) return -1;
    testdb_add_actor(f->db, "anna.berg", "Anna Berg", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "lars", "Lars Läsare", ROLE_LASARE, &f->lars);
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

/* --- helpers ------------------------------------------------------------------------ */

static long long new_case(Fixture *f, int origin)
{
    CaseNew in = {.title = "Ett ärende om åtgärden", .origin = origin};
    Case c;
    Err e = ERR_INIT;
    if (case_create(f->db, &ps, &f->anna, &in, &c, &e)) fail_msg("case_create: %s", e.msg);
    long long id = c.id;
    case_free(&c);
    return id;
}

enum { MISSION = 1, BUDGET = 2, POLITICAL = 4, WITHIN = MISSION | BUDGET };

typedef struct {
    const char *units[4];
    const char *munis[4];
    unsigned flags;
    double cost; /* < 0: not given */
} Scope;

static DecideInput input(const Scope *s)
{
    DecideInput in = {0};
    while (in.nunits < 4 && s->units[in.nunits]) in.nunits++;
    while (in.nmunicipalities < 4 && s->munis[in.nmunicipalities]) in.nmunicipalities++;
    in.units = s->units;
    in.municipalities = s->munis;
    in.within_mission = s->flags & MISSION;
    in.within_budget = s->flags & BUDGET;
    in.political = s->flags & POLITICAL;
    in.has_cost = s->cost >= 0;
    in.cost = s->cost;
    return in;
}

static ErrCode try_set(Fixture *f, long long id, const Scope *s, const char *note, Err *e)
{
    DecideInput in = input(s);
    return case_set_scope(f->db, &f->anna, id, &in, note, e);
}

static void set(Fixture *f, long long id, const Scope *s)
{
    Err e = ERR_INIT;
    if (try_set(f, id, s, NULL, &e)) fail_msg("case_set_scope: %s", e.msg);
}

static long long events(Fixture *f, long long id)
{
    Err e = ERR_INIT;
    return db_int(f->db, &e, "SELECT count(*) FROM case_events WHERE case_id = :c AND kind = 'scope'",
                  DB_ARGS(DB_INT(":c", id)), -1);
}

static char *last_event(Fixture *f, long long id)
{
    Err e = ERR_INIT;
    char *s = db_text(f->db, &e, "SELECT summary FROM case_events WHERE case_id = :c ORDER BY id DESC LIMIT 1",
                      DB_ARGS(DB_INT(":c", id)));
    assert_non_null(s);
    return s;
}

static void use_rules(Fixture *f, const char *key)
{
    Err e = ERR_INIT;
    if (setting_set(f->db, "decision_rules", key, &e)) fail_msg("%s", e.msg);
}

/* The proposal for a case, standing where it stands. */
static void propose(Fixture *f, long long id, CaseProposal *p)
{
    Case c;
    Err e = ERR_INIT;
    if (case_get(f->db, id, &c, &e)) fail_msg("%s", e.msg);
    const ProcessDef *def = process_find(&ps, c.process);
    if (case_propose(f->db, &rules, def, c.step, id, p, &e)) fail_msg("case_propose: %s", e.msg);
    case_free(&c);
}

static const char *decider(const CaseProposal *p)
{
    return p->decides >= 0 ? p->bodies[p->decides] : NULL;
}

/* "KL HoS, PPR, Klinisk ledning" */
static const char *anchoring(const CaseProposal *p)
{
    static char out[256];
    out[0] = '\0';
    for (size_t i = 0; i < p->nanchoring; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? ", " : "", p->anchoring[i]);
    return out;
}

/* Sets the scope and checks what is proposed: the deciding body (NULL:
 * none), whether the step allows it, the bodies to anchor in. The caller
 * frees *p. */
static void expect_proposal(Fixture *f, long long id, const Scope *s, const char *body, bool allowed, const char *anch,
                            CaseProposal *p)
{
    set(f, id, s);
    propose(f, id, p);
    assert_null(p->error);
    if (body) assert_string_equal(decider(p), body);
    else assert_null(decider(p));
    assert_int_equal(p->decides_allowed, allowed);
    assert_string_equal(anchoring(p), anch);
}

/* --- the scope ------------------------------------------------------------------------- */

static void test_a_new_case_has_no_scope_and_no_proposal(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1);
    CaseProposal p;
    propose(f, id, &p);
    assert_false(p.scope.set);
    assert_int_equal(p.path.n, 0);
    assert_int_equal(p.decides, -1);
    assert_non_null(p.decision_step); /* the step is known even without a scope */
    json_t *j = json_object();
    case_json_add_proposal(j, &p);
    assert_true(json_is_null(json_object_get(j, "scope")));
    assert_true(json_is_null(json_object_get(j, "proposal")));
    json_decref(j);
    case_proposal_free(&p);
}

static void test_setting_the_scope_stores_it_and_writes_history(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 3);
    Err e = ERR_INIT;
    long long kumla = db_int(f->db, &e, "SELECT id FROM municipalities WHERE name = 'Kumla'", NULL, 0);
    char kumla_id[24];
    snprintf(kumla_id, sizeof kumla_id, "%lld", kumla);
    Scope s = {{"ortopedi", "BUP"}, {kumla_id, "Askersund"}, MISSION, 750000};
    assert_int_equal(try_set(f, id, &s, "Efter mötet med verksamheterna.", &e), ERR_OK);
    CaseScope sc;
    assert_int_equal(case_scope_get(f->db, id, &sc, &e), ERR_OK);
    assert_true(sc.set);
    assert_int_equal(sc.nunits, 2); /* Swedish order of the labels */
    assert_string_equal(sc.units[0].label, "Barn- och ungdomspsykiatri, Område psykiatri");
    assert_string_equal(sc.units[1].label, "Ortopedi, Universitetssjukhuset Örebro");
    assert_int_equal(sc.nmunicipalities, 2);
    assert_string_equal(sc.municipalities[0].name, "Askersund");
    assert_int_equal(sc.municipalities[1].id, kumla);
    assert_true(sc.within_mission);
    assert_false(sc.within_budget);
    assert_false(sc.political);
    assert_true(sc.has_cost);
    assert_true(sc.cost == 750000);
    assert_string_equal(sc.updated_by, "Anna Berg");
    case_scope_free(&sc);
    char *ev = last_event(f, id);
    assert_string_equal(ev, "Åtgärdens omfattning angiven: enheter Barn- och ungdomspsykiatri och Ortopedi; "
                            "kommuner Askersund och Kumla; inom uppdraget ja; inom budget nej; politiskt beslut nej; "
                            "kostnad 750 000 kr");
    free(ev);
    char *note = db_text(f->db, &e, "SELECT note FROM case_events WHERE case_id = :c AND kind = 'scope'",
                         DB_ARGS(DB_INT(":c", id)));
    assert_string_equal(note, "Efter mötet med verksamheterna.");
    free(note);
}

static void test_a_change_records_only_what_changed(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 3);
    Scope s = {{"Ortopedi"}, {NULL}, WITHIN, -1};
    set(f, id, &s);
    Scope t = {{"Ortopedi"}, {NULL}, MISSION, 120000.5};
    set(f, id, &t);
    char *ev = last_event(f, id);
    assert_string_equal(ev, "Åtgärdens omfattning ändrad: inom budget ja → nej; kostnad ej angiven → 120 001 kr");
    free(ev);
    assert_int_equal(events(f, id), 2);
    set(f, id, &t); /* the same again: nothing to record */
    assert_int_equal(events(f, id), 2);
    Scope u = {{"Kirurgi"}, {"Kumla"}, MISSION, 120000.5};
    set(f, id, &u);
    ev = last_event(f, id);
    assert_string_equal(ev, "Åtgärdens omfattning ändrad: enheter Ortopedi → Kirurgi; kommuner inga → Kumla");
    free(ev);
    CaseScope sc;
    Err e = ERR_INIT;
    assert_int_equal(case_scope_get(f->db, id, &sc, &e), ERR_OK);
    assert_true(fabs(sc.cost - 120000.5) < 0.001); /* kept in öre */
    case_scope_free(&sc);
}

static void test_bad_input_is_refused_and_changes_nothing(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 3);
    Scope ok = {{"Ortopedi"}, {NULL}, WITHIN, -1};
    set(f, id, &ok);
    static const struct {
        Scope s;
        const char *note;
        const char *msg;
    } bad[] = {
        {{{"Ortopedy"}, {NULL}, WITHIN, -1}, NULL, "Okänd enhet 'Ortopedy'."},
        {{{"Ortopedi"}, {"Kumlaa"}, WITHIN, -1}, NULL, "Okänd kommun 'Kumlaa'."},
        {{{"19121212-1212"}, {NULL}, WITHIN, -1}, NULL, "personnummer"},
        {{{"Ortopedi"}, {NULL}, WITHIN, -1}, "Gäller patient 19121212-1212.", "personnummer"},
        {{{NULL}, {NULL}, WITHIN, -1}, NULL, "Ange minst en enhet eller en kommun"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Err e = ERR_INIT;
        if (try_set(f, id, &bad[i].s, bad[i].note, &e) != ERR_INVALID || !strstr(e.msg, bad[i].msg))
            fail_msg("case %zu: want '%s', got %d '%s'", i, bad[i].msg, e.code, e.msg);
    }
    DecideInput in = input(&ok);
    in.has_cost = true;
    in.cost = -1;
    Err e = ERR_INIT;
    assert_int_equal(case_set_scope(f->db, &f->anna, id, &in, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Kostnaden måste vara ett belopp i kronor, 0 eller mer"));
    in.cost = NAN;
    assert_int_equal(case_set_scope(f->db, &f->anna, id, &in, NULL, &e), ERR_INVALID);
    in.has_cost = false;
    assert_int_equal(case_set_scope(f->db, &f->lars, id, &in, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(case_set_scope(f->db, &f->anna, 9999, &in, NULL, &e), ERR_NOTFOUND);
    /* nothing changed: the first scope, one event */
    assert_int_equal(events(f, id), 1);
    CaseScope sc;
    assert_int_equal(case_scope_get(f->db, id, &sc, &e), ERR_OK);
    assert_int_equal(sc.nunits, 1);
    assert_string_equal(sc.units[0].name, "Ortopedi");
    assert_int_equal(sc.nmunicipalities, 0);
    assert_false(sc.has_cost);
    case_scope_free(&sc);
    assert_int_equal(case_scope_get(f->db, 9999, &sc, &e), ERR_NOTFOUND);
}

/* --- matching actors to bodies ---------------------------------------------------------- */

static void test_an_actor_is_matched_to_a_body_by_name_or_short_name(void **state)
{
    Fixture *f = *state;
    Body *b;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(body_list(f->db, &b, &n, &e), ERR_OK);
    static const char *const cases[][2] = {
        {"Strategiska hälso- och sjukvårdsnämnden (SSN)", "SSN"},
        {"SSN", "SSN"},
        {"operativa hälso- och sjukvårdsnämnden", "OSN"},
        {"Koncernledning hälso- och sjukvård (KL HoS)", "KL HoS"},
        {"Klinisk ledning", "Klinisk ledning"},
        {"Hälso- och sjukvårdsförvaltningens ledningsgrupp", "HSF LG"},
        {"Rådet för medicinskt kunskapsstöd (RMKS)", "RMKS"},
        {"Verksamhetschef Ortopedi, Universitetssjukhuset Örebro", NULL},
        {"Askersunds kommun", NULL},
        {"Folktandvårdens ledningsgrupp", NULL},
        {"Funktionsgrupp (chefläkare, produktionschefer, utvecklingschefer m.fl.)", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        DecideStep s = {.actor = (char *)cases[i][0]};
        const char *got = proposal_body_for(&s, b, n, NULL, 0);
        if (cases[i][1] ? !got || strcmp(got, cases[i][1]) : got != NULL)
            fail_msg("'%s': want %s, got %s", cases[i][0], cases[i][1] ? cases[i][1] : "(none)", got ? got : "(none)");
    }
    /* a body the process names counts even when the organisation has no such row */
    char *extra[] = {"Samverkansrådet"};
    DecideStep s = {.actor = "Samverkansrådet"};
    assert_string_equal(proposal_body_for(&s, b, n, extra, 1), "Samverkansrådet");
    /* the rule's own body wins over the text */
    DecideStep named = {.actor = "Verksamhetschef Ortopedi", .body = "Delegation"};
    assert_string_equal(proposal_body_for(&named, b, n, NULL, 0), "Delegation");
    body_list_free(b, n);
}

/* --- proposals: Örebro ------------------------------------------------------------------- */

static void test_orebro_b_within_mandate_proposes_a_delegation_decision_and_rmks(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 4); /* process B: Delegation or SSN decides */
    Scope s = {{"Ortopedi"}, {NULL}, WITHIN, -1};
    CaseProposal p;
    expect_proposal(f, id, &s, "Delegation", true, "RMKS", &p);
    assert_string_equal(p.path.rules_key, "orebro");
    assert_non_null(strstr(p.decides_note, "delegationsbeslut – Verksamhetschef Ortopedi"));
    assert_true(proposal_anchors(&p, "RMKS"));
    assert_false(proposal_anchors(&p, "PPR"));
    assert_string_equal(p.anchoring_step->key, "forankring");
    case_proposal_free(&p);
}

static void test_orebro_a_says_plainly_when_the_path_decider_may_not_decide(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1); /* process A: only SSN decides */
    Scope s = {{"Ortopedi"}, {NULL}, WITHIN, -1};
    CaseProposal p;
    expect_proposal(f, id, &s, "Delegation", false, "RMKS", &p);
    assert_non_null(strstr(p.decides_note, "inom sitt mandat (delegationsbeslut), men i steget "
                                           "'Beslut i Strategiska hälso- och sjukvårdsnämnden' får bara SSN besluta"));
    case_proposal_free(&p);
}

static void test_orebro_outside_budget_goes_to_the_ledningsgrupp_found_by_its_name(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 4);
    Scope s = {{"Ortopedi"}, {"Kumla"}, MISSION, 2000000};
    CaseProposal p;
    expect_proposal(f, id, &s, "HSF LG", false, "RMKS", &p); /* matched by its name; not a decider of B */
    assert_non_null(strstr(p.decides_note, "får bara Delegation eller SSN besluta"));
    assert_non_null(strstr(p.decides_note, "beslutar också Kumla kommun för sin del"));
    case_proposal_free(&p);
}

static void test_orebro_municipalities_only_name_no_body(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 4);
    Scope s = {{NULL}, {"Askersund"}, 0, -1};
    CaseProposal p;
    expect_proposal(f, id, &s, NULL, false, "", &p);
    assert_int_equal(p.decides, (long)p.path.n - 1);
    assert_non_null(strstr(p.decides_note, "Beslutsvägen anger att Askersunds kommun beslutar"));
    case_proposal_free(&p);
}

/* --- proposals: VGR ------------------------------------------------------------------------ */

static void test_vgr_c_signal_within_mandate_is_decided_by_delegation(void **state)
{
    Fixture *f = *state;
    use_rules(f, "vgr");
    long long id = new_case(f, 6); /* process C: Delegation, SSN or OSN */
    Scope s = {{"SkaS"}, {NULL}, WITHIN, -1};
    CaseProposal p;
    expect_proposal(f, id, &s, "Delegation", true, "", &p); /* the funktionsgrupp solves it: no förankring */
    assert_string_equal(p.path.rules_key, "vgr");
    case_proposal_free(&p);
}

static void test_vgr_c_signal_outside_mission_needs_ssn_outside_budget_osn(void **state)
{
    Fixture *f = *state;
    use_rules(f, "vgr");
    long long id = new_case(f, 6);
    Scope s = {{"SkaS"}, {NULL}, BUDGET, -1};
    CaseProposal p;
    expect_proposal(f, id, &s, "SSN", true, "KL HoS, PPR, Klinisk ledning", &p);
    case_proposal_free(&p);
    Scope t = {{"SkaS"}, {NULL}, MISSION, 3000000};
    expect_proposal(f, id, &t, "OSN", true, "KL HoS, PPR, Klinisk ledning", &p);
    assert_non_null(strstr(p.decides_note, "Föreslås av beslutsvägen: Operativa hälso- och sjukvårdsnämnden (OSN)"));
    case_proposal_free(&p);
}

static void test_vgr_a_political_is_decided_by_ssn(void **state)
{
    Fixture *f = *state;
    use_rules(f, "vgr");
    long long id = new_case(f, 1);
    Scope s = {{"Sahlgrenska Universitetssjukhuset"}, {NULL}, POLITICAL, -1};
    CaseProposal p;
    expect_proposal(f, id, &s, "SSN", true, "KL HoS, PPR, Klinisk ledning", &p);
    json_t *j = case_proposal_to_json(&p);
    json_t *d = json_object_get(j, "decides");
    assert_string_equal(json_string_value(json_object_get(d, "body")), "SSN");
    assert_true(json_is_true(json_object_get(d, "allowed")));
    assert_string_equal(json_string_value(json_object_get(j, "decision_step")), "beslut");
    json_t *steps = json_object_get(j, "steps");
    assert_int_equal(json_array_size(steps), p.path.n);
    assert_true(json_is_null(json_object_get(json_array_get(steps, 0), "body"))); /* huvudhandläggaren */
    assert_int_equal(json_array_size(json_object_get(j, "anchoring")), 3);
    json_decref(j);
    case_proposal_free(&p);
}

/* When the rules give no path (here: none loaded), the scope is still
 * shown and the proposal says why. */
static void test_no_path_is_not_an_error(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 6);
    Scope s = {{NULL}, {"Kumla"}, 0, -1};
    set(f, id, &s);
    CaseProposal p;
    Err e = ERR_INIT;
    assert_int_equal(case_propose(f->db, NULL, process_find(&ps, "C"), "signal", id, &p, &e), ERR_OK);
    assert_non_null(p.error);
    assert_true(p.scope.set);
    assert_int_equal(p.decides, -1);
    json_t *j = case_proposal_to_json(&p);
    assert_non_null(json_string_value(json_object_get(j, "error")));
    json_decref(j);
    case_proposal_free(&p);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_a_new_case_has_no_scope_and_no_proposal),
        T(test_setting_the_scope_stores_it_and_writes_history),
        T(test_a_change_records_only_what_changed),
        T(test_bad_input_is_refused_and_changes_nothing),
        T(test_an_actor_is_matched_to_a_body_by_name_or_short_name),
        T(test_orebro_b_within_mandate_proposes_a_delegation_decision_and_rmks),
        T(test_orebro_a_says_plainly_when_the_path_decider_may_not_decide),
        T(test_orebro_outside_budget_goes_to_the_ledningsgrupp_found_by_its_name),
        T(test_orebro_municipalities_only_name_no_body),
        T(test_vgr_c_signal_within_mandate_is_decided_by_delegation),
        T(test_vgr_c_signal_outside_mission_needs_ssn_outside_budget_osn),
        T(test_vgr_a_political_is_decided_by_ssn),
        T(test_no_path_is_not_an_error),
    };
#undef T
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
