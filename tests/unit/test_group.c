/*
 * test_group.c — groups (core/group_*.c): types and roles, adding and
 * finding, groups as bodies, members with their terms, ending a membership
 * (a municipal representative leaving gives the metodstöd a task) and
 * versioned commissions that keep their predecessors. The composition
 * checks, mandates and power, the detail and the demo groups are in
 * test_group_check.c; the fixture is group_fixture.h.
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

#include "core/body.h"
#include "group_fixture.h"

/* --- helpers ---------------------------------------------------------------------------------- */

static ErrCode try_member(Db *db, long long g, const char *who, const char *role, const char *muni, const char *from,
                          const char *to, Err *e)
{
    MemberNew in = {who, role, muni, from, to};
    return group_member_add(db, NULL, g, &in, NULL, e);
}

/* --- types, roles, adding, finding --------------------------------------------------------------- */

static void test_types_and_roles_are_read_leniently(void **state)
{
    (void)state;
    GroupType t;
    assert_true(group_type_parse("LAG", &t) && t == GT_LAG);
    assert_true(group_type_parse("lpo", &t) && t == GT_LPO);
    assert_true(group_type_parse("samordnande_grupp", &t) && t == GT_SAMORDNANDE_GRUPP);
    assert_true(group_type_parse("Namnd", &t) && t == GT_NAMND);
    assert_true(group_type_parse("samordningsrad", &t) && t == GT_SAMORDNINGSRAD);
    assert_true(group_type_parse("  Kundråd ", &t) && t == GT_KUNDRAD);
    assert_false(group_type_parse("styrgrupp", &t));
    assert_false(group_type_parse("", &t));
    GroupRole r;
    assert_true(group_role_parse("metodstod", &r) && r == GR_METODSTOD);
    assert_true(group_role_parse("kommunal_representant", &r) && r == GR_KOMMUNAL);
    assert_true(group_role_parse("Ordförande", &r) && r == GR_ORDFORANDE);
    assert_true(group_role_parse("narstaendeforetradare", &r) && r == GR_NARSTAENDE);
    assert_false(group_role_parse("vice ordförande", &r));
    assert_string_equal(group_type_key(GT_LPO), "LPO");
    assert_string_equal(group_type_label(GT_LAG), "Lokal arbetsgrupp (LAG)");
    assert_true(group_role_is_patient_rep(GR_BRUKAR) && !group_role_is_patient_rep(GR_METODSTOD));
}

static void test_groups_are_added_found_and_kept_unique(void **state)
{
    Fixture *f = *state;
    long long lpo = group(f->db, "LPO", "LPO Rörelseorganens sjukdomar", NULL);
    long long lag = group(f->db, "lag", "LAG Höftledsartros", "lpo rörelseorganens sjukdomar");
    Group g;
    Err e = ERR_INIT;
    char id[16];
    snprintf(id, sizeof id, "%lld", lag);
    assert_int_equal(group_find(f->db, id, &g, &e), ERR_OK);
    assert_string_equal(g.name, "LAG Höftledsartros");
    assert_int_equal(g.parent_id, lpo);
    assert_string_equal(g.parent_name, "LPO Rörelseorganens sjukdomar");
    /* a LAG seeks a patient representative and is multiprofessional by default */
    assert_true(g.seeks_patient_rep && g.multiprofessional && !g.has_municipal_parts);
    group_free(&g);
    assert_int_equal(group_find(f->db, "LAG HÖFTLEDSARTROS", &g, &e), ERR_OK);
    group_free(&g);
    assert_int_equal(group_find(f->db, "LAG Knä", &g, &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "okänd grupp 'LAG Knä'"));

    GroupNew dup = {.type = "LAG", .name = "lag höftledsartros", .seeks_patient_rep = -1, .has_municipal_parts = -1,
                    .multiprofessional = -1};
    assert_int_equal(group_add(f->db, NULL, &dup, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "finns redan"));
    GroupNew bad = dup;
    bad.name = "Styrgruppen";
    bad.type = "styrgrupp";
    assert_int_equal(group_add(f->db, NULL, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd grupptyp 'styrgrupp'"));
    assert_non_null(strstr(e.msg, "samordnande grupp"));
    bad.type = "LAG";
    bad.parent = "LPO Finns inte";
    assert_int_equal(group_add(f->db, NULL, &bad, NULL, &e), ERR_NOTFOUND);
    bad.parent = NULL;
    bad.rmks_approved_on = "2024-01-01"; /* RMKS approves LPO, not LAG */
    assert_int_equal(group_add(f->db, NULL, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "RMKS"));
    bad.rmks_approved_on = NULL;
    bad.name = "Grupp 19121212-1212";
    assert_int_equal(group_add(f->db, NULL, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "personnummer"));
    bad.name = "42";
    assert_int_equal(group_add(f->db, NULL, &bad, NULL, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM groups"), 2);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_events WHERE kind = 'created'"), 2);
}

static void test_a_body_is_a_group(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(body_add(f->db, "SSN", "Strategiska hälso- och sjukvårdsnämnden", "nämnd", &e), ERR_OK);
    assert_int_equal(body_add(f->db, "PPR", "Program- och prioriteringsrådet", "råd", &e), ERR_OK);
    GroupNew ssn = {.type = "nämnd", .name = "Strategiska hälso- och sjukvårdsnämnden", .short_name = "SSN",
                    .body = true, .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    long long id;
    assert_int_equal(group_add(f->db, NULL, &ssn, &id, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM bodies"), 2); /* linked, not duplicated */
    Group g;
    assert_int_equal(group_get(f->db, id, &g, &e), ERR_OK);
    assert_true(g.body_id > 0);
    group_free(&g);
    /* a new group as a body creates the body row cases will name */
    GroupNew rmks = {.type = "råd", .name = "Rådet för medicinskt kunskapsstöd", .short_name = "RMKS", .body = true,
                     .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    assert_int_equal(group_add(f->db, NULL, &rmks, NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM bodies WHERE short = 'RMKS' AND kind = 'råd'"), 1);
    /* one group per body; a body needs a short name */
    GroupNew twice = ssn;
    twice.name = "Nämnden igen";
    assert_int_equal(group_add(f->db, NULL, &twice, NULL, &e), ERR_CONFLICT);
    GroupNew nameless = rmks;
    nameless.name = "Ett organ";
    nameless.short_name = NULL;
    assert_int_equal(group_add(f->db, NULL, &nameless, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "kortnamn"));
    /* bodies without a group get one */
    int added = 0;
    assert_int_equal(groups_from_bodies(f->db, &added, &e), ERR_OK);
    assert_int_equal(added, 1);
    assert_int_equal(group_find(f->db, "PPR", &g, &e), ERR_OK);
    assert_int_equal(g.type, GT_RAD);
    group_free(&g);
    assert_int_equal(groups_from_bodies(f->db, &added, &e), ERR_OK);
    assert_int_equal(added, 0);
}

/* --- members and their terms -------------------------------------------------------------------- */

static void test_members_have_roles_and_terms(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "LAG", "LAG Höftledsartros", NULL);
    member(f->db, g, "Sofia Nilsson", "ordförande", "2025-01-01", NULL);
    member(f->db, g, "olof bergman", "ledamot", "2025-01-01", "2025-12-31");
    member(f->db, g, "Eva Lindström", "ledamot", "2025-09-01", NULL); /* not yet */
    long long rep = member(f->db, g, "Lina Ahmadi", "kommunal representant", "2025-01-01", NULL);
    GroupMember *m;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(group_members(f->db, g, TODAY, &m, &n, &e), ERR_OK);
    assert_int_equal(n, 4);
    /* current first, chair first among them; the one not yet started last */
    assert_string_equal(m[0].person_name, "Sofia Nilsson");
    assert_true(m[0].current);
    assert_string_equal(m[0].professions, "fysioterapeut");
    assert_string_equal(m[3].person_name, "Eva Lindström");
    assert_false(m[3].current);
    for (size_t i = 0; i < n; i++)
        if (m[i].id == rep) assert_string_equal(m[i].municipality_name, "Kumla kommun"); /* the person's own */
    group_members_free(m, n);
    Group gr;
    assert_int_equal(group_get(f->db, g, &gr, &e), ERR_OK);
    group_free(&gr);

    /* the same role twice at once; a kommunal representant needs a municipality; a municipality only for one */
    assert_int_equal(try_member(f->db, g, "Sofia Nilsson", "ordförande", NULL, NULL, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "redan ordförande"));
    assert_int_equal(try_member(f->db, g, "Gunnel Karlsson", "kommunal representant", NULL, NULL, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "ange vilken kommun Gunnel Karlsson representerar"));
    assert_int_equal(try_member(f->db, g, "Gunnel Karlsson", "kommunal representant", "Örebro", NULL, NULL, &e), ERR_OK);
    assert_int_equal(try_member(f->db, g, "Anna Ek", "ledamot", "Kumla", NULL, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "bara för en kommunal representant"));
    assert_int_equal(try_member(f->db, g, "Anna Ek", "ledamot", NULL, "2025-05-01", "2025-04-01", &e), ERR_INVALID);
    assert_int_equal(try_member(f->db, g, "Anna Ek", "ledamot", NULL, "2025-02-30", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "2025-02-30"));
    assert_int_equal(try_member(f->db, g, "Anna Ek", "vice ordförande", NULL, NULL, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd roll"));
    assert_int_equal(try_member(f->db, g, "Nils Holgersson", "ledamot", NULL, NULL, NULL, &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "okänd person 'Nils Holgersson'"));
    person(f->db, "Anna Ek", "Undersköterska", f->ortopedi, 0, "undersköterska");
    assert_int_equal(try_member(f->db, g, "anna ek", "ledamot", NULL, NULL, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "flera personer heter"));
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_members"), 5);
}

static void test_ending_a_membership(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "funktionsgrupp", "Funktionsgrupp chefläkare", NULL);
    long long chair = member(f->db, g, "Olof Bergman", "ordförande", "2024-01-01", "2026-12-31");
    Err e = ERR_INIT;
    assert_int_equal(group_member_end(f->db, NULL, g, chair, "2023-12-31", NULL, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "före uppdragets start"));
    int tasks = -1;
    assert_int_equal(group_member_end(f->db, NULL, g, chair, "2025-03-31", "Ny tjänst.", &tasks, &e), ERR_OK);
    assert_int_equal(tasks, 0); /* not a municipal representative: nobody to tell */
    assert_int_equal(group_member_end(f->db, NULL, g, chair, "2025-04-30", NULL, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "avslutades redan 2025-03-31"));
    assert_int_equal(group_member_end(f->db, NULL, g, 9999, NULL, NULL, NULL, &e), ERR_NOTFOUND);
    GroupMember *m;
    size_t n;
    assert_int_equal(group_members(f->db, g, TODAY, &m, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_false(m[0].current);
    assert_string_equal(m[0].ended_on, "2025-03-31");
    assert_string_equal(m[0].to_date, "2025-03-31"); /* the term ends where it ended */
    assert_string_equal(m[0].end_note, "Ny tjänst.");
    group_members_free(m, n);
    /* the same person may be appointed again after leaving */
    member(f->db, g, "Olof Bergman", "ordförande", "2025-06-01", NULL);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_events WHERE kind = 'member_end'"), 1);
}

static void test_a_leaving_municipal_representative_gives_the_metodstod_a_task(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "LAG", "LAG Demens", NULL);
    member(f->db, g, "Eva Lindström", "ordförande", "2024-01-01", NULL);
    long long metod = member(f->db, g, "Maja Ek", "metodstöd", "2024-01-01", NULL);
    long long rep = member(f->db, g, "Lina Ahmadi", "kommunal representant", "2024-01-01", NULL);
    (void)metod;
    int tasks = 0;
    Err e = ERR_INIT;
    assert_int_equal(group_member_end(f->db, NULL, g, rep, "2025-05-31", NULL, &tasks, &e), ERR_OK);
    assert_int_equal(tasks, 1);
    Err q = ERR_INIT;
    long long maja = db_int(f->db, &q, "SELECT id FROM people WHERE name = 'Maja Ek'", NULL, 0);
    Task *t;
    size_t n;
    assert_int_equal(task_list_open(f->db, maja, &t, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(t[0].person_name, "Maja Ek");
    assert_string_equal(t[0].group_name, "LAG Demens");
    assert_non_null(strstr(t[0].text, "Lina Ahmadi, kommunal representant för Kumla kommun, har lämnat LAG Demens"));
    assert_non_null(strstr(t[0].text, "Stäm av med ordförande Eva Lindström om en ny representant"));
    char link[32];
    snprintf(link, sizeof link, "/groups/%lld", g);
    assert_string_equal(t[0].link, link);
    long long task = t[0].id;
    task_list_free(t, n);
    assert_int_equal(task_done(f->db, NULL, task, &e), ERR_OK);
    assert_int_equal(task_done(f->db, NULL, task, &e), ERR_CONFLICT);
    assert_int_equal(task_list_open(f->db, 0, &t, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    task_list_free(t, n);

    /* without a metodstöd the chair is told; the metodstöd's absence is itself a problem of a LAG */
    long long g2 = group(f->db, "LAG", "LAG Stroke", NULL);
    member(f->db, g2, "Sofia Nilsson", "ordförande", "2024-01-01", NULL);
    long long rep2 = member(f->db, g2, "Lina Ahmadi", "kommunal representant", "2024-01-01", NULL);
    assert_true(has_problem(f->db, g2, TODAY, "no_metodstod", NULL, 0));
    assert_int_equal(group_member_end(f->db, NULL, g2, rep2, "2025-05-31", NULL, &tasks, &e), ERR_OK);
    assert_int_equal(tasks, 1);
    assert_int_equal(task_list_open(f->db, 0, &t, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(t[0].person_name, "Sofia Nilsson");
    task_list_free(t, n);
}

/* --- commissions ------------------------------------------------------------------------------------ */

static void test_commissions_are_versioned_and_keep_their_predecessors(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "samordnande grupp", "Samordnande grupp för utveckling inom hälso- och sjukvård", NULL);
    CommissionNew v1 = {{NULL}, NULL};
    v1.f[COMM_DATUM] = "2024-05-31";
    v1.f[COMM_DIARIENUMMER] = "RS 2023-01756";
    v1.f[COMM_ANSVARSOMRADE] = "Utveckling hälso- och sjukvård";
    v1.f[COMM_UPPDRAGSGIVARE] = "Regiondirektör";
    v1.f[COMM_UPPDRAGSTAGARE] = "Hälso- och sjukvårdsutvecklingsdirektör";
    v1.f[COMM_SYFTE] = "Gemensam styrning inom ansvarsområdet.";
    v1.f[COMM_UPPDRAGSBESKRIVNING] = "- Bereda och genomföra frågor på uppdrag av koncernledningsgrupp";
    v1.f[COMM_ORDFORANDE] = "Hälso- och sjukvårdsutvecklingsdirektören";
    v1.f[COMM_DELTAGARE] = "Utvecklingschefer";
    v1.f[COMM_ADJUNGERADE] = "Gruppen kan besluta adjungerande grupper.";
    v1.f[COMM_MOTESFREKVENS] = "Cirka 10 gånger per år";
    v1.f[COMM_UNDERGRUPPER] = "Enligt rutin.";
    v1.f[COMM_SAMBAND] = "Funktionsgrupp digitalisering.";
    v1.f[COMM_KOMMUNIKATION] = "Enligt rutin för koncernövergripande grupper.";
    v1.f[COMM_RAPPORTERING] = "Till koncernledning hälso- och sjukvård.";
    v1.f[COMM_BESLUTSFATTANDE] = "I kraft av deltagarnas mandat.";
    int version = 0;
    Err e = ERR_INIT;
    assert_int_equal(commission_add(f->db, NULL, g, &v1, &version, &e), ERR_OK);
    assert_int_equal(version, 1);
    /* a revision gives only what changes; the rest carries over */
    CommissionNew v2 = {{NULL}, "Digitaliseringen tillkom."};
    v2.f[COMM_DATUM] = "2025-02-01";
    v2.f[COMM_UPPDRAGSBESKRIVNING] = "- Bereda frågor\n- Utvecklingen av hälso- och sjukvårdens digitalisering";
    assert_int_equal(commission_add(f->db, NULL, g, &v2, &version, &e), ERR_OK);
    assert_int_equal(version, 2);
    Commission *c;
    size_t n;
    assert_int_equal(commission_versions(f->db, g, &c, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(c[0].version, 2);
    assert_string_equal(c[0].f[COMM_DATUM], "2025-02-01");
    assert_string_equal(c[0].f[COMM_DIARIENUMMER], "RS 2023-01756"); /* carried over */
    assert_string_equal(c[0].f[COMM_BESLUTSFATTANDE], "I kraft av deltagarnas mandat.");
    assert_string_equal(c[0].note, "Digitaliseringen tillkom.");
    assert_int_equal(c[1].version, 1); /* the predecessor, unchanged */
    assert_string_equal(c[1].f[COMM_DATUM], "2024-05-31");
    assert_string_equal(c[1].f[COMM_UPPDRAGSBESKRIVNING], "- Bereda och genomföra frågor på uppdrag av koncernledningsgrupp");
    commission_list_free(c, n);
    Commission cur;
    assert_int_equal(commission_current(f->db, g, &cur, &e), ERR_OK);
    assert_int_equal(cur.version, 2);
    json_t *j = commission_to_json(&cur);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "beslutsordning"), "rapportering")),
                        "Till koncernledning hälso- och sjukvård.");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "arbetsorganisation"), "deltagare")),
                        "Utvecklingschefer");
    json_decref(j);
    commission_free(&cur);

    /* nothing changed, no date, a bad date, nothing to do: refused, and nothing written */
    CommissionNew same = {{NULL}, NULL};
    assert_int_equal(commission_add(f->db, NULL, g, &same, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "version 2"));
    long long g2 = group(f->db, "funktionsgrupp", "Funktionsgrupp digitalisering", NULL);
    assert_int_equal(commission_current(f->db, g2, &cur, &e), ERR_NOTFOUND);
    CommissionNew bad = {{NULL}, NULL};
    bad.f[COMM_UPPDRAGSBESKRIVNING] = "Samordna införandet.";
    assert_int_equal(commission_add(f->db, NULL, g2, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "datum"));
    bad.f[COMM_DATUM] = "2024-13-01";
    assert_int_equal(commission_add(f->db, NULL, g2, &bad, NULL, &e), ERR_INVALID);
    bad.f[COMM_DATUM] = "2024-11-10";
    bad.f[COMM_UPPDRAGSBESKRIVNING] = "";
    assert_int_equal(commission_add(f->db, NULL, g2, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Uppdragsbeskrivning"));
    bad.f[COMM_UPPDRAGSBESKRIVNING] = "Kontakt 19121212-1212";
    assert_int_equal(commission_add(f->db, NULL, g2, &bad, NULL, &e), ERR_INVALID);
    assert_int_equal(commission_add(f->db, NULL, 9999, &v1, NULL, &e), ERR_NOTFOUND);
    assert_int_equal(count(f->db, "SELECT count(*) FROM commissions"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_roles_are_read_leniently),
        cmocka_unit_test_setup_teardown(test_groups_are_added_found_and_kept_unique, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_body_is_a_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_have_roles_and_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ending_a_membership, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_leaving_municipal_representative_gives_the_metodstod_a_task, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_commissions_are_versioned_and_keep_their_predecessors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
