/*
 * test_group_check.c — what is asked of a group (core/group_*.c): every
 * composition check both firing and not (chair, patient representative,
 * several professions, municipal representation, LPO approval by RMKS, a
 * term passed, all groups at once), mandates and a group's power as its
 * members' mandates, the whole detail with the reporting path, and the
 * demo groups of the seeds. The groups, members and commissions themselves
 * are in test_group.c; the fixture is group_fixture.h.
 * A real SQLite file in a fresh temporary directory per test; "today" is
 * passed in, so the tests do not depend on the date they run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group_fixture.h"

/* --- helpers ---------------------------------------------------------------------------------- */

static size_t problem_count(Db *db, long long g, const char *today)
{
    GroupProblems p;
    Err e = ERR_INIT;
    if (group_check(db, g, today, &p, &e)) fail_msg("group_check: %s", e.msg);
    size_t n = p.n;
    group_problems_free(&p);
    return n;
}

/* --- composition checks, each firing and not ---------------------------------------------------------- */

static void test_missing_chair(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "funktionsgrupp", "Funktionsgrupp utvecklingschefer", NULL);
    assert_int_equal(problem_count(f->db, g, TODAY), 0); /* no members: nothing known to be wrong */
    member(f->db, g, "Olof Bergman", "ledamot", "2024-01-01", NULL);
    char msg[512];
    assert_true(has_problem(f->db, g, TODAY, "no_chair", msg, sizeof msg));
    assert_string_equal(msg, "Gruppen saknar ordförande.");
    member(f->db, g, "Sofia Nilsson", "ordförande", "2025-07-01", NULL); /* from next month */
    assert_true(has_problem(f->db, g, TODAY, "no_chair", NULL, 0));
    assert_false(has_problem(f->db, g, "2025-07-01", "no_chair", NULL, 0));
    assert_int_equal(problem_count(f->db, g, "2025-07-01"), 0);
}

/* A LAG that lacks nothing but what each test takes away. */
static long long full_lag(Db *db, const char *name, bool municipal)
{
    GroupNew in = {.type = "LAG", .name = name, .seeks_patient_rep = -1, .has_municipal_parts = municipal,
                   .multiprofessional = -1};
    long long g = 0;
    Err e = ERR_INIT;
    if (group_add(db, NULL, &in, &g, &e)) fail_msg("group_add: %s", e.msg);
    member(db, g, "Eva Lindström", "ordförande", "2024-01-01", NULL);
    member(db, g, "Olof Bergman", "ledamot", "2024-01-01", NULL);
    member(db, g, "Anna Ek", "metodstöd", "2024-01-01", NULL);
    return g;
}

static void test_patient_representative_sought(void **state)
{
    Fixture *f = *state;
    long long g = full_lag(f->db, "LAG Demens", false);
    char msg[512];
    assert_true(has_problem(f->db, g, TODAY, "no_patient_rep", msg, sizeof msg));
    assert_non_null(strstr(msg, "Patient-, brukar- eller närståendeföreträdare eftersträvas"));
    assert_int_equal(problem_count(f->db, g, TODAY), 1);
    member(f->db, g, "Gunnel Karlsson", "närståendeföreträdare", "2024-01-01", NULL);
    assert_int_equal(problem_count(f->db, g, TODAY), 0);
    /* a group that does not seek one has no such problem */
    GroupNew in = {.type = "LAG", .name = "LAG utan företrädare", .seeks_patient_rep = 0, .has_municipal_parts = -1,
                   .multiprofessional = -1};
    long long g2;
    Err e = ERR_INIT;
    assert_int_equal(group_add(f->db, NULL, &in, &g2, &e), ERR_OK);
    member(f->db, g2, "Eva Lindström", "ordförande", "2024-01-01", NULL);
    member(f->db, g2, "Olof Bergman", "ledamot", "2024-01-01", NULL);
    member(f->db, g2, "Anna Ek", "metodstöd", "2024-01-01", NULL);
    assert_false(has_problem(f->db, g2, TODAY, "no_patient_rep", NULL, 0));
}

static void test_multiprofessional(void **state)
{
    Fixture *f = *state;
    GroupNew in = {.type = "LAG", .name = "LAG Sår", .seeks_patient_rep = 0, .has_municipal_parts = -1,
                   .multiprofessional = -1};
    long long g;
    Err e = ERR_INIT;
    assert_int_equal(group_add(f->db, NULL, &in, &g, &e), ERR_OK);
    member(f->db, g, "Eva Lindström", "ordförande", "2024-01-01", NULL); /* sjuksköterska */
    member(f->db, g, "Anna Ek", "ledamot", "2024-01-01", NULL);         /* sjuksköterska */
    member(f->db, g, "Maja Ek", "metodstöd", "2024-01-01", NULL);       /* läkare, but support does not count */
    char msg[512];
    assert_true(has_problem(f->db, g, TODAY, "not_multiprofessional", msg, sizeof msg));
    assert_non_null(strstr(msg, "samma profession (sjuksköterska)"));
    long long ol = member(f->db, g, "Olof Bergman", "ledamot", "2024-01-01", NULL); /* läkare */
    assert_false(has_problem(f->db, g, TODAY, "not_multiprofessional", NULL, 0));
    assert_int_equal(group_member_end(f->db, NULL, g, ol, "2025-01-31", NULL, NULL, &e), ERR_OK);
    assert_true(has_problem(f->db, g, TODAY, "not_multiprofessional", NULL, 0));
    /* a group not asked to be multiprofessional is not checked */
    long long fg = group(f->db, "funktionsgrupp", "Funktionsgrupp chefläkare", NULL);
    member(f->db, fg, "Eva Lindström", "ordförande", "2024-01-01", NULL);
    member(f->db, fg, "Anna Ek", "ledamot", "2024-01-01", NULL);
    assert_int_equal(problem_count(f->db, fg, TODAY), 0);
}

static void test_municipal_representation(void **state)
{
    Fixture *f = *state;
    long long g = full_lag(f->db, "LAG Höftledsartros", true);
    member(f->db, g, "Gunnel Karlsson", "patientföreträdare", "2024-01-01", NULL);
    char msg[512];
    assert_true(has_problem(f->db, g, TODAY, "no_municipal_rep", msg, sizeof msg));
    assert_non_null(strstr(msg, "kommunala delar"));
    long long rep = member(f->db, g, "Lina Ahmadi", "kommunal representant", "2024-01-01", NULL);
    assert_int_equal(problem_count(f->db, g, TODAY), 0);
    Err e = ERR_INIT;
    assert_int_equal(group_member_end(f->db, NULL, g, rep, "2025-06-01", NULL, NULL, &e), ERR_OK);
    assert_true(has_problem(f->db, g, TODAY, "no_municipal_rep", NULL, 0));
    /* without municipal parts, none is expected */
    long long g2 = full_lag(f->db, "LAG Regionintern", false);
    member(f->db, g2, "Gunnel Karlsson", "brukarföreträdare", "2024-01-01", NULL);
    assert_int_equal(problem_count(f->db, g2, TODAY), 0);
}

static void test_lpo_needs_rmks_approval(void **state)
{
    Fixture *f = *state;
    long long lpo = group(f->db, "LPO", "LPO Äldres hälsa", NULL);
    char msg[512];
    assert_true(has_problem(f->db, lpo, TODAY, "not_rmks_approved", msg, sizeof msg));
    assert_non_null(strstr(msg, "inte godkänd av Rådet för medicinskt kunskapsstöd (RMKS)"));
    member(f->db, lpo, "Olof Bergman", "ordförande", "2024-01-01", NULL);
    member(f->db, lpo, "Eva Lindström", "ledamot", "2024-01-01", NULL);
    member(f->db, lpo, "Maja Ek", "kontaktperson", "2024-01-01", NULL);
    Err e = ERR_INIT;
    assert_int_equal(group_set_rmks_approval(f->db, NULL, lpo, "2024-02-14", &e), ERR_OK);
    assert_int_equal(problem_count(f->db, lpo, TODAY), 0);
    /* a member who came after the approval: the changed composition needs approving again */
    long long later = member(f->db, lpo, "Sofia Nilsson", "ledamot", "2025-03-01", NULL);
    GroupProblems p;
    assert_int_equal(group_check(f->db, lpo, TODAY, &p, &e), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.items[0].code, "changed_after_approval");
    assert_int_equal(p.items[0].member_id, later);
    assert_non_null(strstr(p.items[0].message, "Sofia Nilsson (ledamot) tillkom 2025-03-01"));
    group_problems_free(&p);
    assert_int_equal(group_set_rmks_approval(f->db, NULL, lpo, "2025-04-01", &e), ERR_OK);
    assert_int_equal(problem_count(f->db, lpo, TODAY), 0);
    /* only an LPO is approved by RMKS */
    long long lag = group(f->db, "LAG", "LAG Demens", NULL);
    assert_int_equal(group_set_rmks_approval(f->db, NULL, lag, "2025-04-01", &e), ERR_INVALID);
    assert_int_equal(group_set_rmks_approval(f->db, NULL, lpo, "i våras", &e), ERR_INVALID);
    assert_false(has_problem(f->db, lag, TODAY, "not_rmks_approved", NULL, 0));
    /* an LPO names a contact person from Kunskapsstödsgruppen */
    long long lpo2 = group(f->db, "LPO", "LPO Psykisk hälsa", NULL);
    member(f->db, lpo2, "Olof Bergman", "ordförande", "2024-01-01", NULL);
    assert_true(has_problem(f->db, lpo2, TODAY, "no_contact", NULL, 0));
}

static void test_term_passed(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "funktionsgrupp", "Funktionsgrupp digitalisering", NULL);
    member(f->db, g, "Olof Bergman", "ordförande", "2024-01-01", NULL);
    long long m = member(f->db, g, "Sofia Nilsson", "ledamot", "2024-01-01", "2025-06-30");
    assert_false(has_problem(f->db, g, "2025-06-30", "term_passed", NULL, 0)); /* the last day is still in term */
    char msg[512];
    assert_true(has_problem(f->db, g, "2025-07-01", "term_passed", msg, sizeof msg));
    assert_non_null(strstr(msg, "Uppdraget för Sofia Nilsson som ledamot gick ut 2025-06-30"));
    Err e = ERR_INIT;
    assert_int_equal(group_member_end(f->db, NULL, g, m, "2025-06-30", NULL, NULL, &e), ERR_OK);
    assert_false(has_problem(f->db, g, "2025-07-01", "term_passed", NULL, 0));
}

static void test_check_all_lists_every_group(void **state)
{
    Fixture *f = *state;
    group(f->db, "LPO", "LPO Äldres hälsa", NULL);
    long long ok = group(f->db, "funktionsgrupp", "Funktionsgrupp chefläkare", NULL);
    member(f->db, ok, "Olof Bergman", "ordförande", "2024-01-01", NULL);
    GroupCheck *c;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(group_check_all(f->db, TODAY, &c, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].group.name, "Funktionsgrupp chefläkare"); /* by type: funktionsgrupp before LPO */
    assert_int_equal(c[0].problems.n, 0);
    assert_int_equal(c[1].problems.n, 1);
    json_t *j = group_checks_to_json(c, n, TODAY, true);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    json_decref(j);
    group_check_all_free(c, n);
}

/* --- mandates and power ------------------------------------------------------------------------------- */

static void test_power_is_the_members_mandates(void **state)
{
    Fixture *f = *state;
    long long lpo = group(f->db, "LPO", "LPO Rörelseorganens sjukdomar", NULL);
    long long other = group(f->db, "LAG", "LAG Höftledsartros", "LPO Rörelseorganens sjukdomar");
    long long chair = member(f->db, lpo, "Olof Bergman", "ordförande", "2024-01-01", NULL); /* verksamhetschef */
    member(f->db, lpo, "Sofia Nilsson", "ledamot", "2024-01-01", NULL);
    (void)other;
    MandateNew ms[] = {
        {.group = "LPO Rörelseorganens sjukdomar", .role = "ordförande", .decides = "Leda programområdets arbete.",
         .granted_by_text = "RMKS"},
        {.unit = "Ortopedi", .within_mission = true, .within_budget = true, .granted_by_text = "HoS-direktören",
         .decides = "Besluta om implementering inom verksamhetens uppdrag och budget."},
        {.person = "Sofia Nilsson", .decides = "Besluta om artrosskolans upplägg."},
        {.group = "LAG Höftledsartros", .role = "ledamot", .decides = "Gäller bara i arbetsgruppen."},
        {.group = "LPO Rörelseorganens sjukdomar", .role = "sekreterare", .decides = "Ingen har rollen."},
        {.person = "Sofia Nilsson", .decides = "Upphört mandat.", .from = "2023-01-01", .to = "2024-12-31"},
        {.group = "LPO Rörelseorganens sjukdomar", .decides = "Prioritera inom insatsområdet (som organ)."},
    };
    Err e = ERR_INIT;
    for (size_t i = 0; i < sizeof ms / sizeof *ms; i++)
        if (mandate_add(f->db, NULL, &ms[i], NULL, &e)) fail_msg("mandate %zu: %s", i, e.msg);
    GroupPower p;
    assert_int_equal(group_power(f->db, lpo, TODAY, &p, &e), ERR_OK);
    assert_non_null(strstr(p.note, "fattar inga beslut i egen kraft"));
    assert_non_null(strstr(p.note, "ledamöter bär"));
    assert_int_equal(p.n, 3);
    bool chair_role = false, manager = false, personal = false;
    for (size_t i = 0; i < p.n; i++) {
        const PowerItem *it = &p.items[i];
        if (!strcmp(it->via, "som ordförande i gruppen")) chair_role = !strcmp(it->person_name, "Olof Bergman");
        if (!strcmp(it->via, "som Verksamhetschef, Ortopedi"))
            manager = !strcmp(it->person_name, "Olof Bergman") && it->mandate.within_budget && it->mandate.within_mission;
        if (!strcmp(it->via, "personligt mandat"))
            personal = !strcmp(it->mandate.decides, "Besluta om artrosskolans upplägg.");
    }
    assert_true(chair_role && manager && personal);
    assert_int_equal(p.nown, 1);
    assert_string_equal(p.own[0].decides, "Prioritera inom insatsområdet (som organ).");
    json_t *j = group_power_to_json(&p);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
    json_decref(j);
    group_power_free(&p);

    /* when the chair leaves, the group's power leaves with him */
    assert_int_equal(group_member_end(f->db, NULL, lpo, chair, "2025-01-31", NULL, NULL, &e), ERR_OK);
    assert_int_equal(group_power(f->db, lpo, TODAY, &p, &e), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.items[0].person_name, "Sofia Nilsson");
    group_power_free(&p);

    /* a group whose members carry nothing says so */
    long long empty = group(f->db, "nätverk", "Socialchefsnätverket", NULL);
    assert_int_equal(group_power(f->db, empty, TODAY, &p, &e), ERR_OK);
    assert_int_equal(p.n + p.nown, 0);
    assert_non_null(strstr(p.note, "inga sådana mandat är registrerade"));
    group_power_free(&p);
}

static void test_mandates_have_one_holder_and_delegations_a_giver(void **state)
{
    Fixture *f = *state;
    group(f->db, "nämnd", "Operativa hälso- och sjukvårdsnämnden", NULL);
    long long fg = group(f->db, "funktionsgrupp", "Funktionsgrupp chefläkare", NULL);
    Err e = ERR_INIT;
    MandateNew two = {.group = "Funktionsgrupp chefläkare", .person = "Olof Bergman", .decides = "X"};
    assert_int_equal(mandate_add(f->db, NULL, &two, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "precis en"));
    MandateNew none = {.decides = "X"};
    assert_int_equal(mandate_add(f->db, NULL, &none, NULL, &e), ERR_INVALID);
    MandateNew role_only = {.unit = "Ortopedi", .role = "ordförande", .decides = "X"};
    assert_int_equal(mandate_add(f->db, NULL, &role_only, NULL, &e), ERR_INVALID);
    MandateNew giverless = {.group = "Funktionsgrupp chefläkare", .role = "ordförande", .delegation = true,
                            .decides = "Besluta om rutiner."};
    assert_int_equal(mandate_add(f->db, NULL, &giverless, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "delegation"));
    MandateNew empty = {.group = "Funktionsgrupp chefläkare", .decides = ""};
    assert_int_equal(mandate_add(f->db, NULL, &empty, NULL, &e), ERR_INVALID);
    MandateNew d = {.group = "Funktionsgrupp chefläkare", .role = "ordförande", .delegation = true,
                    .granted_by = "Operativa hälso- och sjukvårdsnämnden", .within_budget = true,
                    .decision_ref = "OSN delegationsordning 6.3",
                    .decides = "Besluta om regiongemensamma rutiner för patientsäkerhet."};
    assert_int_equal(mandate_add(f->db, NULL, &d, NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM delegations"), 1);
    Mandate *m;
    size_t n;
    assert_int_equal(mandate_list(f->db, &m, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_true(m[0].delegation);
    assert_int_equal(m[0].holder, MH_GROUP_ROLE);
    assert_string_equal(m[0].holder_text, "ordförande i Funktionsgrupp chefläkare");
    assert_string_equal(m[0].granted_by, "Operativa hälso- och sjukvårdsnämnden");
    mandate_list_free(m, n);
    member(f->db, fg, "Olof Bergman", "ordförande", "2024-01-01", NULL);
    GroupPower p;
    assert_int_equal(group_power(f->db, fg, TODAY, &p, &e), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_true(p.items[0].mandate.delegation);
    group_power_free(&p);
}

/* --- the whole detail, the reporting path ------------------------------------------------------------- */

static void test_detail_and_reporting_path(void **state)
{
    Fixture *f = *state;
    long long kl = group(f->db, "koncernledningsgrupp", "Koncernledning hälso- och sjukvård", NULL);
    GroupNew sg = {.type = "samordnande grupp", .name = "Samordnande grupp för utveckling", .reports_to = "Koncernledning hälso- och sjukvård",
                   .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    long long sgid;
    Err e = ERR_INIT;
    assert_int_equal(group_add(f->db, NULL, &sg, &sgid, &e), ERR_OK);
    long long sub = group(f->db, "sakkunniggrupp", "Sakkunniggrupp metodutveckling", "Samordnande grupp för utveckling");
    GroupDetail d;
    assert_int_equal(group_detail(f->db, sub, TODAY, &d, &e), ERR_OK);
    assert_int_equal(d.npath, 2);
    assert_int_equal(d.path[0].id, sgid);
    assert_int_equal(d.path[1].id, kl);
    assert_false(d.has_commission);
    group_detail_free(&d);
    assert_int_equal(group_detail(f->db, kl, TODAY, &d, &e), ERR_OK);
    assert_int_equal(d.nsubgroups, 1);
    assert_string_equal(d.subgroups[0].name, "Samordnande grupp för utveckling");
    json_t *j = group_detail_to_json(&d);
    assert_true(json_is_null(json_object_get(j, "commission")));
    assert_true(json_is_array(json_object_get(j, "members")));
    assert_string_equal(json_string_value(json_object_get(j, "today")), TODAY);
    json_decref(j);
    group_detail_free(&d);
    assert_int_equal(group_detail(f->db, 9999, TODAY, &d, &e), ERR_NOTFOUND);
}

/* --- the demo --------------------------------------------------------------------------------------------- */

static int setup_empty(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("groupdemo"))) return -1;
    f->db = f->t->db;
    *state = f;
    return 0;
}

static long long id_of(Db *db, const char *ref)
{
    Group g;
    Err e = ERR_INIT;
    if (group_find(db, ref, &g, &e)) fail_msg("%s", e.msg);
    long long id = g.id;
    group_free(&g);
    return id;
}

static void test_demo_groups_of_the_seeds(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(db_begin(f->db, &e), ERR_OK);
    assert_int_equal(org_demo_load(f->db, &e), ERR_OK);
    if (group_demo_load(f->db, &e)) fail_msg("group_demo_load: %s", e.msg);
    assert_int_equal(db_commit(f->db, &e), ERR_OK);

    /* seed 002: the samordnande grupp's commission, field by field */
    Commission c;
    assert_int_equal(commission_current(f->db, id_of(f->db, "SG Utveckling HoS"), &c, &e), ERR_OK);
    assert_string_equal(c.f[COMM_DIARIENUMMER], "RS 2023-01756");
    assert_string_equal(c.f[COMM_DATUM], "2024-05-31");
    assert_string_equal(c.f[COMM_MOTESFREKVENS], "Cirka 10 gånger per år");
    assert_non_null(strstr(c.f[COMM_BESLUTSFATTANDE], "i kraft av de mandat som respektive deltagare har"));
    for (int i = 0; i < COMM_N; i++)
        if (!*c.f[i]) fail_msg("the demo commission lacks %s", commission_field_key((CommissionField)i));
    commission_free(&c);
    Commission *v;
    size_t nv;
    assert_int_equal(commission_versions(f->db, id_of(f->db, "FG Utvecklingschefer"), &v, &nv, &e), ERR_OK);
    assert_int_equal(nv, 2);
    commission_list_free(v, nv);

    /* seed 001: the checks have something to show, and only that */
    const char *day = "2026-06-01";
    long long hoft = id_of(f->db, "LAG Höftledsartros");
    assert_true(has_problem(f->db, hoft, day, "no_patient_rep", NULL, 0));
    assert_true(has_problem(f->db, hoft, day, "term_passed", NULL, 0));
    assert_true(has_problem(f->db, id_of(f->db, "LPO Rörelseorganens sjukdomar"), day, "not_rmks_approved", NULL, 0));
    assert_int_equal(problem_count(f->db, id_of(f->db, "LAG Demens"), day), 0);
    assert_int_equal(problem_count(f->db, id_of(f->db, "LPO Äldres hälsa och palliativ vård"), day), 0);
    assert_int_equal(problem_count(f->db, id_of(f->db, "RMKS"), day), 0);
    /* the metodstöd of LAG Demens was told when the Laxå representative left */
    Task *t;
    size_t nt;
    assert_int_equal(task_list_open(f->db, 0, &t, &nt, &e), ERR_OK);
    assert_int_equal(nt, 1);
    assert_string_equal(t[0].person_name, "Maja Ek");
    assert_non_null(strstr(t[0].text, "Ingrid Holm"));
    task_list_free(t, nt);
    /* power: the LPO's chair carries the verksamhetschef's mandate; the nämnd its own */
    GroupPower p;
    assert_int_equal(group_power(f->db, id_of(f->db, "LPO Rörelseorganens sjukdomar"), day, &p, &e), ERR_OK);
    assert_int_equal(p.n, 1);
    assert_true(p.items[0].mandate.within_budget);
    group_power_free(&p);
    assert_int_equal(group_power(f->db, id_of(f->db, "SSN"), day, &p, &e), ERR_OK);
    assert_int_equal(p.nown, 1);
    assert_non_null(strstr(p.note, "Nämnden beslutar som organ"));
    group_power_free(&p);
    /* the samordnande grupp and the funktionsgrupp it replaced overlap, and are the strongest pair */
    GroupOverlap *o;
    size_t no;
    assert_int_equal(group_overlaps(f->db, OVERLAP_THRESHOLD, &o, &no, &e), ERR_OK);
    assert_int_equal(no, 1);
    assert_string_equal(o[0].a_name, "Samordnande grupp för utveckling inom hälso- och sjukvård");
    assert_string_equal(o[0].b_name, "Funktionsgrupp utvecklingschefer");
    group_overlaps_free(o, no);
    /* every group is a body cases may name, or was made one of the demo's bodies */
    assert_int_equal(count(f->db, "SELECT count(*) FROM bodies b WHERE NOT EXISTS "
                                  "(SELECT 1 FROM groups g WHERE g.body_id = b.id)"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_chair, setup, teardown),
        cmocka_unit_test_setup_teardown(test_patient_representative_sought, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multiprofessional, setup, teardown),
        cmocka_unit_test_setup_teardown(test_municipal_representation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lpo_needs_rmks_approval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_passed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_all_lists_every_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_power_is_the_members_mandates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mandates_have_one_holder_and_delegations_a_giver, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detail_and_reporting_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_groups_of_the_seeds, setup_empty, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
