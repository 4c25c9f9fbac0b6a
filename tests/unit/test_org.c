/*
 * test_org.c — the organisation (core/org_*.c): units as a tree with their
 * rules, finding by name in any case, municipalities, people, the CSV import
 * (all or nothing, the first bad line named) and the demo organisation.
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
#include <unistd.h>

#include "testdb.h"
#include "core/org.h"
#include "store/db.h"

typedef struct {
    TestDb *t; /* tests/unit/testdb.h */
    Db *db;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("org"))) return -1;
    f->db = f->t->db;
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

static long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

static long long add(Db *db, long long parent, const char *kind, const char *name, const char *short_name,
                     const char *title)
{
    UnitNew in = {parent, kind, name, short_name, title, NULL};
    long long id = 0;
    Err e = ERR_INIT;
    if (unit_add(db, &in, &id, &e)) fail_msg("unit_add %s: %s", name, e.msg);
    return id;
}

static ErrCode try_add(Db *db, long long parent, const char *kind, const char *name, const char *short_name, Err *e)
{
    UnitNew in = {parent, kind, name, short_name, NULL, NULL};
    return unit_add(db, &in, NULL, e);
}

static ErrCode import(Db *db, const char *csv, OrgImportCounts *c, Err *e)
{
    return org_import_csv(db, csv, strlen(csv), c, e);
}

/* A small region: Region → HSF → USÖ → Ortopedi. */
static long long small_tree(Db *db, long long *hsf, long long *uso)
{
    long long r = add(db, 0, "region", "Region Örebro län", "RÖL", "Regiondirektör");
    *hsf = add(db, r, "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF", NULL);
    *uso = add(db, *hsf, "område", "Universitetssjukhuset Örebro", "USÖ", "Områdeschef");
    return add(db, *uso, "verksamhet", "Ortopedi", NULL, "Verksamhetschef");
}

/* --- units ---------------------------------------------------------------------------- */

static void test_units_stand_in_a_sensible_tree(void **state)
{
    Fixture *f = *state;
    long long hsf, uso, ort = small_tree(f->db, &hsf, &uso);
    Err e = ERR_INIT;
    assert_int_equal(try_add(f->db, 0, "förvaltning", "Folktandvården", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "måste ha en överordnad enhet"));
    assert_int_equal(try_add(f->db, hsf, "region", "Region Två", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "högst upp"));
    assert_int_equal(try_add(f->db, ort, "område", "Ett område", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "ett område kan inte ligga under en verksamhet"));
    assert_int_equal(try_add(f->db, uso, "förvaltning", "Fel", NULL, &e), ERR_INVALID);
    assert_int_equal(try_add(f->db, 9999, "enhet", "Föräldralös", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd överordnad enhet"));
    assert_int_equal(try_add(f->db, uso, "avdelning", "Avd 1", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd nivå 'avdelning'"));
    /* levels may be skipped downwards: a verksamhet straight under a förvaltning, an enhet under it */
    long long v = add(f->db, hsf, "verksamhet", "Habilitering", NULL, NULL);
    add(f->db, v, "Enhet", "Habiliteringen Örebro", NULL, NULL);
    add(f->db, hsf, "omrade", "Område utan prickar", NULL, NULL); /* å/ä/ö may be left out of the kind */
    assert_int_equal(count(f->db, "SELECT count(*) FROM units WHERE kind = 'område'"), 2);
}

static void test_siblings_and_short_names_are_unique(void **state)
{
    Fixture *f = *state;
    long long hsf, uso;
    small_tree(f->db, &hsf, &uso);
    Err e = ERR_INIT;
    assert_int_equal(try_add(f->db, uso, "verksamhet", "ORTOPEDI", NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "finns redan under 'Universitetssjukhuset Örebro'"));
    assert_int_equal(try_add(f->db, uso, "verksamhet", "Kirurgi", "usö", &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "kortnamnet"));
    /* the same name under another parent is fine */
    long long k = add(f->db, hsf, "område", "Karlskoga lasarett", NULL, NULL);
    add(f->db, k, "verksamhet", "Ortopedi", NULL, NULL);
    assert_int_equal(try_add(f->db, uso, "verksamhet", "19121212-1212 Kirurgi", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "personnummer"));
    assert_int_equal(try_add(f->db, uso, "verksamhet", "42", NULL, &e), ERR_INVALID);
    assert_int_equal(try_add(f->db, uso, "verksamhet", "", NULL, &e), ERR_INVALID);
}

static void test_find_by_id_short_name_or_name_in_any_case(void **state)
{
    Fixture *f = *state;
    long long hsf, uso, ort = small_tree(f->db, &hsf, &uso);
    Unit u;
    Err e = ERR_INIT;
    char id[16];
    snprintf(id, sizeof id, "%lld", ort);
    assert_int_equal(unit_find(f->db, id, &u, &e), ERR_OK);
    assert_string_equal(u.name, "Ortopedi");
    assert_string_equal(u.parent_name, "Universitetssjukhuset Örebro");
    assert_int_equal(u.kind, UNIT_VERKSAMHET);
    unit_free(&u);
    assert_int_equal(unit_find(f->db, "usö", &u, &e), ERR_OK); /* short name, ö folded */
    assert_int_equal(u.id, uso);
    unit_free(&u);
    assert_int_equal(unit_find(f->db, "  UNIVERSITETSSJUKHUSET ÖREBRO ", &u, &e), ERR_OK);
    assert_int_equal(u.id, uso);
    unit_free(&u);
    assert_int_equal(unit_find(f->db, "hälso- och SJUKVÅRDSFÖRVALTNINGEN", &u, &e), ERR_OK);
    assert_int_equal(u.id, hsf);
    unit_free(&u);
    assert_int_equal(unit_find(f->db, "SkaS-Ortopedi", &u, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "okänd enhet 'SkaS-Ortopedi'");
    assert_int_equal(unit_find(f->db, "999", &u, &e), ERR_NOTFOUND);
    /* a shared name must be told apart, by id, short name or "name, parent" */
    long long k = add(f->db, hsf, "område", "Karlskoga lasarett", NULL, NULL);
    long long ort2 = add(f->db, k, "verksamhet", "Ortopedi", NULL, NULL);
    assert_int_equal(unit_find(f->db, "ortopedi", &u, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "flera enheter heter 'ortopedi'"));
    assert_non_null(strstr(e.msg, "Karlskoga lasarett"));
    assert_int_equal(unit_find(f->db, "Ortopedi, Karlskoga lasarett", &u, &e), ERR_OK);
    assert_int_equal(u.id, ort2);
    unit_free(&u);
}

static void test_list_is_a_tree_in_swedish_order(void **state)
{
    Fixture *f = *state;
    long long r = add(f->db, 0, "region", "Region Örebro län", NULL, NULL);
    long long hsf = add(f->db, r, "förvaltning", "Hälso- och sjukvårdsförvaltningen", NULL, NULL);
    add(f->db, r, "förvaltning", "Ärendeförvaltningen", NULL, NULL);
    add(f->db, r, "förvaltning", "Åldersförvaltningen", NULL, NULL);
    add(f->db, r, "förvaltning", "Zeta förvaltning", NULL, NULL);
    add(f->db, hsf, "verksamhet", "Ortopedi", NULL, NULL);
    add(f->db, hsf, "verksamhet", "Kirurgi", NULL, NULL);
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(unit_list(f->db, &u, &n, &e), ERR_OK);
    const char *want[] = {"Region Örebro län", "Hälso- och sjukvårdsförvaltningen", "Kirurgi", "Ortopedi",
                          "Zeta förvaltning", "Åldersförvaltningen", "Ärendeförvaltningen"};
    const int depth[] = {0, 1, 2, 2, 1, 1, 1};
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(u[i].name, want[i]);
        assert_int_equal(u[i].depth, depth[i]);
    }
    assert_int_equal(u[2].parent_id, hsf);
    unit_list_free(u, n);
}

/* --- municipalities and people ---------------------------------------------------------- */

static void test_municipalities_have_official_names(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    const char *names[] = {"Askersund", "Degerfors", "Laxå", "Örebro", "Lekeberg"};
    const char *official[] = {"Askersunds kommun", "Degerfors kommun", "Laxå kommun", "Örebro kommun",
                              "Lekebergs kommun"};
    for (size_t i = 0; i < 5; i++) assert_int_equal(municipality_add(f->db, names[i], NULL, "Örebro län", NULL, &e), ERR_OK);
    assert_int_equal(municipality_add(f->db, "Göteborg", "Göteborgs Stad", "Västra Götalands län", NULL, &e), ERR_OK);
    Municipality m;
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(municipality_find(f->db, names[i], &m, &e), ERR_OK);
        assert_string_equal(m.official_name, official[i]);
        municipality_free(&m);
    }
    assert_int_equal(municipality_find(f->db, "göteborgs stad", &m, &e), ERR_OK);
    assert_string_equal(m.name, "Göteborg");
    municipality_free(&m);
    assert_int_equal(municipality_find(f->db, "ÖREBRO", &m, &e), ERR_OK);
    municipality_free(&m);
    assert_int_equal(municipality_find(f->db, "Gotham", &m, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "okänd kommun 'Gotham'");
    assert_int_equal(municipality_add(f->db, "örebro", NULL, NULL, NULL, &e), ERR_CONFLICT);
    Municipality *all;
    size_t n;
    assert_int_equal(municipality_list(f->db, &all, &n, &e), ERR_OK);
    assert_int_equal(n, 6);
    assert_string_equal(all[0].name, "Askersund");
    assert_string_equal(all[5].name, "Örebro"); /* ö last */
    municipality_list_free(all, n);
}

static void test_people_with_unit_or_municipality_and_professions(void **state)
{
    Fixture *f = *state;
    long long hsf, uso, ort = small_tree(f->db, &hsf, &uso);
    Err e = ERR_INIT;
    long long kumla;
    assert_int_equal(municipality_add(f->db, "Kumla", NULL, NULL, &kumla, &e), ERR_OK);
    const char *prof[] = {"Sjuksköterska", "distriktssköterska"};
    PersonNew a = {"Örjan Ek", "Verksamhetsutvecklare", ort, 0, prof, 2};
    PersonNew b = {"Anna Berg", "MAS", 0, kumla, prof, 1};
    PersonNew both = {"Per Fel", NULL, ort, kumla, NULL, 0};
    PersonNew pnr = {"Per 19121212-1212", NULL, ort, 0, NULL, 0};
    assert_int_equal(person_add(f->db, &a, NULL, &e), ERR_OK);
    assert_int_equal(person_add(f->db, &b, NULL, &e), ERR_OK);
    assert_int_equal(person_add(f->db, &both, NULL, &e), ERR_INVALID);
    assert_int_equal(person_add(f->db, &pnr, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "personnummer"));
    Person *p;
    size_t n;
    assert_int_equal(person_list(f->db, &p, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].name, "Anna Berg");
    assert_string_equal(p[0].municipality_name, "Kumla kommun");
    assert_string_equal(p[0].professions, "sjuksköterska");
    assert_string_equal(p[1].name, "Örjan Ek");
    assert_string_equal(p[1].unit_name, "Ortopedi");
    assert_string_equal(p[1].professions, "distriktssköterska, sjuksköterska");
    person_list_free(p, n);
}

/* --- import ----------------------------------------------------------------------------------- */

static const char good_csv[] =
    "\xEF\xBB\xBF# Region Örebro län (utdrag)\r\n"
    "typ;namn;nivå;överordnad;kortnamn;chefstitel;chef;län;titel;enhet;kommun;professioner\r\n"
    "enhet;Region Örebro län;region;;RÖL;Regiondirektör;;;;;;\r\n"
    "enhet;Hälso- och sjukvårdsförvaltningen;förvaltning;RÖL;HSF;;;;;;;\r\n"
    "\r\n"
    "enhet;\"Universitetssjukhuset Örebro\";område;hsf;USÖ;Områdeschef;;;;;;\r\n"
    "enhet;Ortopedi;verksamhet;Universitetssjukhuset Örebro;;Verksamhetschef;\"Ek; Eva\";;;;;\r\n"
    "kommun;Askersund;;;;;;Örebro län;;;;\r\n"
    "person;Anna Svensson;;;;;;;\"Sjuksköterska, \"\"MAS\"\"\";;Askersund;sjuksköterska|distriktssköterska\r\n"
    "person;Per Holm;;;;;;;Överläkare;ortopedi;;läkare\r\n";

static void test_import_adds_units_municipalities_and_people(void **state)
{
    Fixture *f = *state;
    OrgImportCounts c;
    Err e = ERR_INIT;
    assert_int_equal(import(f->db, good_csv, &c, &e), ERR_OK);
    assert_int_equal(c.units, 4);
    assert_int_equal(c.municipalities, 1);
    assert_int_equal(c.people, 2);
    Unit u;
    assert_int_equal(unit_find(f->db, "Ortopedi", &u, &e), ERR_OK);
    assert_string_equal(u.manager_name, "Ek; Eva");
    assert_string_equal(u.parent_name, "Universitetssjukhuset Örebro");
    unit_free(&u);
    Person *p;
    size_t n;
    assert_int_equal(person_list(f->db, &p, &n, &e), ERR_OK);
    assert_string_equal(p[0].title, "Sjuksköterska, \"MAS\"");
    assert_string_equal(p[0].municipality_name, "Askersunds kommun");
    assert_string_equal(p[1].unit_name, "Ortopedi");
    person_list_free(p, n);
    /* commas work as separators too */
    const char comma[] = "typ,namn,nivå,överordnad\nenhet,Kirurgi,verksamhet,USÖ\n";
    assert_int_equal(import(f->db, comma, &c, &e), ERR_OK);
    assert_int_equal(c.units, 1);
}

/* Each bad file names its first bad line and leaves the database as it was. */
static void test_import_is_all_or_nothing_with_the_line(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *csv, *msg;
    } bad[] = {
        {"typ;namn;nivå;överordnad\nenhet;Region Örebro län;region;\nenhet;HSF;förvaltning;Region Örebro län\n"
         "enhet;Ortopedi;verksamhet;SkaS-Ortopedi\n",
         "rad 4: okänd överordnad enhet 'SkaS-Ortopedi'"},
        {"typ;namn\nenhet;Region\n", "rad 2: nivå saknas"},
        {"typ;namn;nivå\nenhet;Region;region\nenhet;Region;region\n", "rad 3: enheten 'Region' finns redan"},
        {"typ;namn;nivå\nenhet;Region;region\nenhet;Förvaltningen;förvaltning\n", "rad 3: en förvaltning måste ha"},
        {"typ;namn;yrke\n", "rad 1: okänd kolumn 'yrke'"},
        {"namn;nivå\n", "rad 1: rubrikraden ska namnge"},
        {"typ;namn;nivå;titel\nenhet;Region;region;Chef\n", "rad 2: kolumnen 'titel' gäller inte typen 'enhet'"},
        {"typ;namn;nivå\nenhet;Region;region\nkontor;X;\n", "rad 3: okänd typ 'kontor'"},
        {"typ;namn;nivå\nenhet;Region;region\nperson;Per 19121212-1212;\n", "rad 3: Personens namn innehåller ett personnummer"},
        {"typ;namn;nivå\nenhet;Region;region\nperson;Per;;;\n", "rad 3: 5 fält men rubrikraden har 3 kolumner"},
        {"typ;namn;enhet\nperson;Per;Okänd enhet\n", "rad 2: okänd enhet 'Okänd enhet'"},
        {"typ;namn;kommun\nperson;Per;Gotham\n", "rad 2: okänd kommun 'Gotham'"},
        {"typ;namn;nivå\nenhet;\"Region\nmed radbrytning;region\n", "rad 2: citattecknet som börjar här avslutas aldrig"},
        {"typ;namn;nivå\n\nenhet;\"Re\"gion;region\n", "rad 3: text efter ett avslutande citattecken"},
        {"# bara en kommentar\n", "rad 1: filen är tom"},
        {"typ;namn\nenhet;\xff\xfe\n", "UTF-8"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        OrgImportCounts c = {1, 1, 1};
        Err e = ERR_INIT;
        if (import(f->db, bad[i].csv, &c, &e) == ERR_OK || !strstr(e.msg, bad[i].msg))
            fail_msg("case %zu: want '%s', got %d '%s'", i, bad[i].msg, e.code, e.msg);
        assert_int_equal(c.units + c.municipalities + c.people, 0);
        assert_int_equal(count(f->db, "SELECT count(*) FROM units"), 0);
        assert_int_equal(count(f->db, "SELECT count(*) FROM municipalities"), 0);
        assert_int_equal(count(f->db, "SELECT count(*) FROM people"), 0);
    }
}

/* --- demo ------------------------------------------------------------------------------------------ */

static void test_demo_organisation(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(db_begin(f->db, &e), ERR_OK);
    if (org_demo_load(f->db, &e)) fail_msg("org_demo_load: %s", e.msg);
    assert_int_equal(db_commit(f->db, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM municipalities WHERE county = 'Örebro län'"), 12);
    const char *units[] = {"Ortopedi", "Kirurgi", "Psykiatri", "Geriatrik", "Folktandvården", "Hälso- och sjukvårdsförvaltningen",
                           "Sahlgrenska Universitetssjukhuset", "Skaraborgs sjukhus", "NU-sjukvården",
                           "Södra Älvsborgs sjukhus", "Närhälsan"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        Unit u;
        if (unit_find(f->db, units[i], &u, &e)) fail_msg("%s: %s", units[i], e.msg);
        assert_true(*u.manager_title);
        unit_free(&u);
    }
    assert_int_equal(count(f->db, "SELECT count(*) FROM units WHERE kind = 'region'"), 2);
    assert_true(count(f->db, "SELECT count(*) FROM people") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_units_stand_in_a_sensible_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_siblings_and_short_names_are_unique, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_by_id_short_name_or_name_in_any_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_is_a_tree_in_swedish_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_municipalities_have_official_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_people_with_unit_or_municipality_and_professions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_adds_units_municipalities_and_people, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_is_all_or_nothing_with_the_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_organisation, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
