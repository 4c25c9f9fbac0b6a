/*
 * test_org_edit.c — keeping the organisation from the pages and the API
 * (core/org_unit.c unit_update, core/org_person.c person_create,
 * person_update and person_search) and what a person's page shows of the
 * groups (core/group_member.c person_groups, core/group_mandate.c
 * person_power). Every refusal is checked to leave the data as it was.
 * A real SQLite file in a fresh temporary directory per test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "core/group.h"
#include "core/org.h"
#include "store/db.h"

/* Region → HSF → USÖ → {Ortopedi → Ortopedmottagningen, Geriatrik}; HSF →
 * Karlskoga lasarett → Ortopedi; Folktandvården beside HSF. */
typedef struct {
    TestDb *t;
    Db *db;
    long long region, hsf, uso, ortopedi, mottagning, geriatrik, karlskoga, ortopedi_k, ftv, kumla;
} Fixture;

static long long add(Db *db, long long parent, const char *kind, const char *name, const char *short_name,
                     const char *title)
{
    UnitNew in = {parent, kind, name, short_name, title, NULL};
    long long id = 0;
    Err e = ERR_INIT;
    if (unit_add(db, &in, &id, &e)) fail_msg("unit_add %s: %s", name, e.msg);
    return id;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("orgedit"))) return -1;
    Db *db = f->db = f->t->db;
    f->region = add(db, 0, "region", "Region Örebro län", "RÖL", "Regiondirektör");
    f->hsf = add(db, f->region, "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF", NULL);
    f->uso = add(db, f->hsf, "område", "Universitetssjukhuset Örebro", "USÖ", "Områdeschef");
    f->ortopedi = add(db, f->uso, "verksamhet", "Ortopedi", NULL, "Verksamhetschef");
    f->mottagning = add(db, f->ortopedi, "enhet", "Ortopedmottagningen", NULL, "Enhetschef");
    f->geriatrik = add(db, f->uso, "verksamhet", "Geriatrik", NULL, "Verksamhetschef");
    f->karlskoga = add(db, f->hsf, "område", "Karlskoga lasarett", NULL, "Områdeschef");
    f->ortopedi_k = add(db, f->karlskoga, "verksamhet", "Ortopedi", NULL, "Verksamhetschef");
    f->ftv = add(db, f->region, "förvaltning", "Folktandvården", "FTV", NULL);
    Err e = ERR_INIT;
    if (municipality_add(db, "Kumla", NULL, "Örebro län", &f->kumla, &e)) fail_msg("kumla: %s", e.msg);
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

/* The unit as "name|short|title|manager|parent" to compare before and after. */
static char *snapshot(Db *db, long long id)
{
    Unit u;
    Err e = ERR_INIT;
    if (unit_get(db, id, &u, &e)) fail_msg("unit_get %lld: %s", id, e.msg);
    char *s = NULL;
    if (asprintf(&s, "%s|%s|%s|%s|%lld", u.name, u.short_name, u.manager_title, u.manager_name, u.parent_id) < 0)
        fail_msg("asprintf");
    unit_free(&u);
    return s;
}

/* Tries an edit that must be refused with `code` and a message containing
 * `msg`, and checks that the unit is as it was. */
static void refused(Db *db, long long id, const UnitEdit *in, ErrCode code, const char *msg)
{
    char *before = snapshot(db, id);
    Err e = ERR_INIT;
    assert_int_equal(unit_update(db, id, in, &e), code);
    if (!strstr(e.msg, msg)) fail_msg("message '%s' lacks '%s'", e.msg, msg);
    char *after = snapshot(db, id);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static char *ref(long long id)
{
    static char buf[4][24];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%lld", id);
    return buf[k];
}

/* --- units ------------------------------------------------------------------------------------- */

static void test_rename_and_change_manager(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    UnitEdit in = {.name = "  Ortopedi och handkirurgi ", .short_name = "ORT", .manager_name = "Eva Ek"};
    assert_int_equal(unit_update(f->db, f->ortopedi, &in, &e), ERR_OK);
    char *now = snapshot(f->db, f->ortopedi);
    char *want = NULL;
    assert_true(asprintf(&want, "Ortopedi och handkirurgi|ORT|Verksamhetschef|Eva Ek|%lld", f->uso) > 0);
    assert_string_equal(now, want);
    free(now);
    free(want);
    /* found by its new name and short name, in any case */
    Unit u;
    assert_int_equal(unit_find(f->db, "ortopedi och HANDKIRURGI", &u, &e), ERR_OK);
    assert_int_equal(u.id, f->ortopedi);
    unit_free(&u);
    assert_int_equal(unit_find(f->db, "ort", &u, &e), ERR_OK);
    unit_free(&u);
    /* "" clears the manager; NULL keeps the rest */
    UnitEdit clear = {.manager_name = ""};
    assert_int_equal(unit_update(f->db, f->ortopedi, &clear, &e), ERR_OK);
    assert_int_equal(unit_get(f->db, f->ortopedi, &u, &e), ERR_OK);
    assert_string_equal(u.manager_name, "");
    assert_string_equal(u.short_name, "ORT");
    unit_free(&u);
    /* saving without a change is no error */
    UnitEdit same = {.name = "Ortopedi och handkirurgi", .short_name = "ORT"};
    assert_int_equal(unit_update(f->db, f->ortopedi, &same, &e), ERR_OK);
    assert_int_equal(unit_update(f->db, 99999, &same, &e), ERR_NOTFOUND);
}

static void test_move_under_another_parent(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    /* Geriatrik (verksamhet) from USÖ to Karlskoga lasarett; then to a förvaltning (skipping a level is fine) */
    UnitEdit in = {.parent = "Karlskoga lasarett"};
    assert_int_equal(unit_update(f->db, f->geriatrik, &in, &e), ERR_OK);
    Unit u;
    assert_int_equal(unit_get(f->db, f->geriatrik, &u, &e), ERR_OK);
    assert_int_equal(u.parent_id, f->karlskoga);
    assert_string_equal(u.parent_name, "Karlskoga lasarett");
    unit_free(&u);
    UnitEdit up = {.parent = ref(f->hsf)};
    assert_int_equal(unit_update(f->db, f->geriatrik, &up, &e), ERR_OK);
    /* the tree lists it under its new parent, with what was under it still under it */
    UnitEdit mv = {.parent = "FTV"};
    assert_int_equal(unit_update(f->db, f->uso, &mv, &e), ERR_OK);
    Unit *all;
    size_t n;
    assert_int_equal(unit_list(f->db, &all, &n, &e), ERR_OK);
    int depth_mottagning = -1;
    for (size_t i = 0; i < n; i++)
        if (all[i].id == f->mottagning) depth_mottagning = all[i].depth;
    assert_int_equal(depth_mottagning, 4);
    unit_list_free(all, n);
}

static void test_move_under_a_descendant_is_refused(void **state)
{
    Fixture *f = *state;
    UnitEdit under_child = {.parent = "Ortopedmottagningen"};
    refused(f->db, f->uso, &under_child, ERR_INVALID, "som själv ligger under den");
    UnitEdit under_grandchild = {.parent = ref(f->mottagning)};
    refused(f->db, f->hsf, &under_grandchild, ERR_INVALID, "'Ortopedmottagningen', som själv ligger under den");
    UnitEdit under_itself = {.parent = "USÖ"};
    refused(f->db, f->uso, &under_itself, ERR_INVALID, "under sig själv");
}

static void test_move_against_the_kind_order_is_refused(void **state)
{
    Fixture *f = *state;
    /* a förvaltning under an område, a verksamhet under a verksamhet, an område under an enhet */
    UnitEdit a = {.parent = "Karlskoga lasarett"};
    refused(f->db, f->ftv, &a, ERR_INVALID, "en förvaltning kan inte ligga under ett område");
    UnitEdit b = {.parent = ref(f->ortopedi)};
    refused(f->db, f->geriatrik, &b, ERR_INVALID, "en verksamhet kan inte ligga under en verksamhet");
    /* a region stays at the top; every other unit keeps a parent */
    add(f->db, 0, "region", "Västra Götalandsregionen", "VGR", NULL);
    UnitEdit c = {.parent = "VGR"};
    refused(f->db, f->region, &c, ERR_INVALID, "högst upp");
    UnitEdit d = {.parent = ""};
    refused(f->db, f->ortopedi, &d, ERR_INVALID, "måste ha en överordnad enhet");
    UnitEdit unknown = {.parent = "SkaS-Ortopedi"};
    refused(f->db, f->ortopedi, &unknown, ERR_INVALID, "okänd överordnad enhet 'SkaS-Ortopedi'");
}

static void test_siblings_may_not_share_a_name(void **state)
{
    Fixture *f = *state;
    /* the Ortopedi of Karlskoga cannot move to USÖ, which has an Ortopedi */
    UnitEdit mv = {.parent = "USÖ"};
    refused(f->db, f->ortopedi_k, &mv, ERR_CONFLICT, "enheten 'Ortopedi' finns redan under 'Universitetssjukhuset Örebro'");
    /* nor may Geriatrik be renamed to it, in any case */
    UnitEdit rn = {.name = "ORTOPEDI"};
    refused(f->db, f->geriatrik, &rn, ERR_CONFLICT, "finns redan under");
    UnitEdit sn = {.short_name = "usö"};
    refused(f->db, f->geriatrik, &sn, ERR_CONFLICT, "kortnamnet 'usö' används redan");
    UnitEdit blank = {.name = "  "};
    refused(f->db, f->geriatrik, &blank, ERR_INVALID, "Enhetens namn");
    UnitEdit pnr = {.manager_name = "Eva 19121212-1212"};
    refused(f->db, f->geriatrik, &pnr, ERR_INVALID, "personnummer");
    /* moving together with a rename to a free name is fine */
    Err e = ERR_INIT;
    UnitEdit both = {.parent = "USÖ", .name = "Ortopedi Karlskoga"};
    assert_int_equal(unit_update(f->db, f->ortopedi_k, &both, &e), ERR_OK);
}

/* --- people ------------------------------------------------------------------------------------- */

static long long person(Db *db, const char *name, const char *unit, const char *muni, const char *professions)
{
    char *copy = strdup(professions ? professions : "");
    const char *p[8];
    PersonEdit in = {name, "Sjuksköterska", unit, muni, p, person_professions_split(copy, p, 8), true};
    long long id = 0;
    Err e = ERR_INIT;
    if (person_create(db, &in, &id, &e)) fail_msg("person_create %s: %s", name, e.msg);
    free(copy);
    return id;
}

static void test_person_create_and_update(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long id = person(f->db, "Örjan Ek", "Ortopedi, Universitetssjukhuset Örebro", NULL, "läkare; Sjuksköterska |");
    Person p;
    assert_int_equal(person_get(f->db, id, &p, &e), ERR_OK);
    assert_string_equal(p.unit_name, "Ortopedi");
    assert_int_equal(p.unit_id, f->ortopedi);
    assert_string_equal(p.professions, "läkare, sjuksköterska");
    person_free(&p);
    /* to a municipality: the unit must be cleared in the same change */
    PersonEdit both = {.municipality = "Kumla"};
    assert_int_equal(person_update(f->db, id, &both, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "inte båda"));
    const char *prof[] = {"fysioterapeut"};
    PersonEdit move = {"Örjan Ek-Lund", "Utvecklingsledare", "", "kumla", prof, 1, true};
    assert_int_equal(person_update(f->db, id, &move, &e), ERR_OK);
    assert_int_equal(person_get(f->db, id, &p, &e), ERR_OK);
    assert_string_equal(p.name, "Örjan Ek-Lund");
    assert_string_equal(p.title, "Utvecklingsledare");
    assert_int_equal(p.unit_id, 0);
    assert_int_equal(p.municipality_id, f->kumla);
    assert_string_equal(p.municipality_name, "Kumla kommun");
    assert_string_equal(p.professions, "fysioterapeut");
    person_free(&p);
    /* NULL keeps; refusals change nothing */
    PersonEdit title = {.title = "Utvecklingsledare, Kumla"};
    assert_int_equal(person_update(f->db, id, &title, &e), ERR_OK);
    const char *bad_prof[] = {"läkare", "19121212-1212"};
    PersonEdit bad[] = {
        {.name = "", .set_professions = false},
        {.name = "Per 19121212-1212"},
        {.unit = "SkaS-Ortopedi", .municipality = ""},
        {.municipality = "Gotham"},
        {.professions = bad_prof, .nprofessions = 2, .set_professions = true},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(person_update(f->db, id, &bad[i], &e), ERR_INVALID);
        assert_int_equal(person_get(f->db, id, &p, &e), ERR_OK);
        assert_string_equal(p.name, "Örjan Ek-Lund");
        assert_string_equal(p.title, "Utvecklingsledare, Kumla");
        assert_int_equal(p.municipality_id, f->kumla);
        assert_string_equal(p.professions, "fysioterapeut");
        person_free(&p);
    }
    assert_int_equal(person_update(f->db, 99999, &title, &e), ERR_NOTFOUND);
    assert_int_equal(person_get(f->db, 99999, &p, &e), ERR_NOTFOUND);
    /* a refused create writes nothing, not even professions */
    long long before = db_int(f->db, &e, "SELECT count(*) FROM person_professions", NULL, -1);
    PersonEdit nobody = {"Ny Person", NULL, "Okänd enhet", NULL, prof, 1, true};
    assert_int_equal(person_create(f->db, &nobody, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd enhet 'Okänd enhet'"));
    assert_int_equal(db_int(f->db, &e, "SELECT count(*) FROM people", NULL, -1), 1);
    assert_int_equal(db_int(f->db, &e, "SELECT count(*) FROM person_professions", NULL, -1), before);
}

static void test_person_search_by_name_unit_and_page(void **state)
{
    Fixture *f = *state;
    const char *names[] = {"Östen Ask", "Åsa Berg", "Ärla Cedergren", "Anna Ek", "Olle Ek", "Bo Ekström", "Zara Lund"};
    person(f->db, names[0], "Ortopedmottagningen", NULL, NULL);
    person(f->db, names[1], "Ortopedi, Universitetssjukhuset Örebro", NULL, NULL);
    person(f->db, names[2], "Geriatrik", NULL, NULL);
    person(f->db, names[3], "Folktandvården", NULL, NULL);
    person(f->db, names[4], NULL, "Kumla", NULL);
    person(f->db, names[5], "Ortopedi, Karlskoga lasarett", NULL, NULL);
    person(f->db, names[6], NULL, NULL, NULL);
    Person *p;
    size_t n;
    long long total;
    Err e = ERR_INIT;
    /* all, in Swedish order, two to a page */
    PersonQuery all = {.limit = 2, .offset = 2};
    assert_int_equal(person_search(f->db, &all, &p, &n, &total, &e), ERR_OK);
    assert_int_equal(total, 7);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].name, "Olle Ek");
    assert_string_equal(p[1].name, "Zara Lund");
    person_list_free(p, n);
    PersonQuery last = {.limit = 2, .offset = 6};
    assert_int_equal(person_search(f->db, &last, &p, &n, &total, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].name, "Östen Ask");
    person_list_free(p, n);
    /* name, any case; unit with the units under it; municipality */
    PersonQuery ek = {.q = "EK"};
    assert_int_equal(person_search(f->db, &ek, &p, &n, &total, &e), ERR_OK);
    assert_int_equal(total, 3);
    assert_string_equal(p[0].name, "Anna Ek");
    assert_string_equal(p[2].name, "Olle Ek");
    person_list_free(p, n);
    PersonQuery uso = {.unit_id = f->uso};
    assert_int_equal(person_search(f->db, &uso, &p, &n, &total, &e), ERR_OK);
    assert_int_equal(total, 3);
    assert_string_equal(p[0].name, "Åsa Berg");
    assert_string_equal(p[1].name, "Ärla Cedergren");
    assert_string_equal(p[2].name, "Östen Ask");
    person_list_free(p, n);
    PersonQuery kumla = {.municipality_id = f->kumla, .q = "olle"};
    assert_int_equal(person_search(f->db, &kumla, &p, &n, &total, &e), ERR_OK);
    assert_int_equal(total, 1);
    person_list_free(p, n);
    PersonQuery none = {.q = "100%_"};
    assert_int_equal(person_search(f->db, &none, &p, &n, &total, &e), ERR_OK);
    assert_int_equal(total, 0);
    person_list_free(p, n);
}

/* --- a person's groups and power ---------------------------------------------------------------- */

static void test_person_groups_and_power(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long eva = person(f->db, "Eva Ek", "Ortopedi, Universitetssjukhuset Örebro", NULL, "läkare");
    PersonEdit title = {.title = "Verksamhetschef"};
    assert_int_equal(person_update(f->db, eva, &title, &e), ERR_OK);
    GroupNew lpo = {.type = "LPO", .name = "LPO Rörelseorganens sjukdomar", .seeks_patient_rep = -1,
                    .has_municipal_parts = -1, .multiprofessional = -1};
    GroupNew lag = {.type = "LAG", .name = "LAG Höftledsartros", .parent = "LPO Rörelseorganens sjukdomar",
                    .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    long long g1, g2;
    assert_int_equal(group_add(f->db, NULL, &lpo, &g1, &e), ERR_OK);
    assert_int_equal(group_add(f->db, NULL, &lag, &g2, &e), ERR_OK);
    MemberNew chair = {"Eva Ek", "ordförande", NULL, "2024-01-01", NULL};
    MemberNew old = {"Eva Ek", "ledamot", NULL, "2023-01-01", NULL};
    long long m1, m2;
    assert_int_equal(group_member_add(f->db, NULL, g2, &chair, &m1, &e), ERR_OK);
    assert_int_equal(group_member_add(f->db, NULL, g1, &old, &m2, &e), ERR_OK);
    assert_int_equal(group_member_end(f->db, NULL, g1, m2, "2024-06-30", "Slutade", NULL, &e), ERR_OK);
    GroupMember *m;
    size_t n;
    assert_int_equal(person_groups(f->db, eva, "2025-01-01", &m, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_true(m[0].current);
    assert_string_equal(m[0].group_name, "LAG Höftledsartros");
    assert_int_equal(m[0].role, GR_ORDFORANDE);
    assert_false(m[1].current);
    assert_string_equal(m[1].ended_on, "2024-06-30");
    group_members_free(m, n);
    /* mandates: by the chair role, in person, as manager of her unit; not the LPO's ledamot any more */
    MandateNew by_role = {.group = "LAG Höftledsartros", .role = "ordförande", .decides = "Arbetsgruppens arbetsordning"};
    MandateNew in_person = {.person = "Eva Ek", .decides = "Inköp upp till 50 000 kr", .within_budget = true};
    MandateNew as_manager = {.unit = ref(f->ortopedi), .decides = "Åtgärder inom verksamhetens uppdrag",
                             .within_mission = true, .within_budget = true};
    MandateNew not_hers = {.group = "LPO Rörelseorganens sjukdomar", .role = "ledamot", .decides = "Prioriteringar"};
    MandateNew expired = {.person = "Eva Ek", .decides = "Gammalt", .from = "2020-01-01", .to = "2020-12-31"};
    MandateNew *all[] = {&by_role, &in_person, &as_manager, &not_hers, &expired};
    for (size_t i = 0; i < 5; i++) assert_int_equal(mandate_add(f->db, NULL, all[i], NULL, &e), ERR_OK);
    PowerItem *p;
    assert_int_equal(person_power(f->db, eva, "2025-01-01", &p, &n, &e), ERR_OK);
    assert_int_equal(n, 3);
    bool role = false, own = false, manager = false;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(p[i].via, "som ordförande i LAG Höftledsartros")) role = p[i].member_id == m1;
        if (!strcmp(p[i].via, "personligt mandat")) own = !strcmp(p[i].mandate.decides, "Inköp upp till 50 000 kr");
        if (!strcmp(p[i].via, "som Verksamhetschef, Ortopedi")) manager = p[i].mandate.within_mission;
    }
    assert_true(role && own && manager);
    json_t *j = power_items_to_json(p, n);
    assert_int_equal(json_array_size(j), 3);
    json_decref(j);
    power_items_free(p, n);
    assert_int_equal(person_power(f->db, 99999, NULL, &p, &n, &e), ERR_NOTFOUND);
    assert_int_equal(person_groups(f->db, 0, NULL, &m, &n, &e), ERR_NOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rename_and_change_manager, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move_under_another_parent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move_under_a_descendant_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move_against_the_kind_order_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_siblings_may_not_share_a_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person_create_and_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person_search_by_name_unit_and_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person_groups_and_power, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
