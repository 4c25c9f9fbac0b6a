/*
 * test_plan_structure.c — plans and their trees from CSV
 * (core/plan_structure.c): new plans with a tree down to an indicator, an
 * administration's item that breaks down a regional one, a bad line named
 * with nothing written, and a re-import that updates instead of duplicating.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/plan.h"
#include "testdb.h"

static long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    return db_int(db, &e, sql, NULL, -1);
}

static char *text(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    return db_text(db, &e, sql, NULL);
}

static const char good[] =
    "plan;plannamn;plantyp;förvaltning;bygger_på;tolerans;kod;överordnad;sort;titel;strategisk_ägare;"
    "uppdragsansvarig;bryter_ner;enhet;riktning;periodtyp\n"
    "reg;Regional genomförandeplan;genomförandeplan;;;5;NV;;område;Nära vård;Anna Ek;Bo Lind;;;;\n"
    "reg;;;;;;NV-1;NV;delområde;Delaktighet och medskapande;;;;;;\n"
    "hsf;HSF strategikarta;strategikarta;Habilitering och hälsa;reg;10;H1;;område;Nära vård hos oss;;;reg:NV;;;\n"
    "hsf;;;;;;H1-1;H1;effektmål;Fler digitala besök;;;reg:NV-1;;;\n"
    "hsf;;;;;;H1-1-A;H1-1;aktivitet;Inför videobesök;;;;;;\n"
    "hsf;;;;;;H1-1-I;H1-1-A;indikator;Andel digitala besök;;;;%;lägre;kvartal\n";

static void test_creates_plans_and_tree(void **state)
{
    (void)state;
    TestDb *t = testdb_open("planstruct");
    assert_non_null(t);
    long long plans0 = count(t->db, "SELECT count(*) FROM plans");
    PlanStructureCounts c;
    Err e = ERR_INIT;
    assert_int_equal(plan_structure_import(t->db, good, strlen(good), &c, &e), ERR_OK);
    assert_int_equal(c.plans_new, 2);
    assert_int_equal(c.items_new, 6);
    assert_int_equal(c.items_updated, 0);
    assert_int_equal(count(t->db, "SELECT count(*) FROM plans"), plans0 + 2);
    char *s = text(t->db, "SELECT kind || '|' || organisation || '|' || tolerance_pct || '|' || "
                          "(SELECT key FROM plans b WHERE b.id = p.based_on) FROM plans p WHERE key = 'hsf'");
    assert_string_equal(s, "strategikarta|Habilitering och hälsa|10|reg");
    free(s);
    s = text(t->db, "SELECT strategic_owner || '|' || assignment_owner FROM plan_items WHERE code = 'NV' "
                    "AND plan_id = (SELECT id FROM plans WHERE key = 'reg')");
    assert_string_equal(s, "Anna Ek|Bo Lind");
    free(s);
    /* the breakdown item points to the regional item */
    s = text(t->db, "SELECT r.code FROM plan_items i JOIN plan_items r ON r.id = i.refers_to WHERE i.code = 'H1-1'");
    assert_string_equal(s, "NV-1");
    free(s);
    s = text(t->db, "SELECT unit || '|' || direction || '|' || period_type FROM plan_indicators d "
                    "JOIN plan_items i ON i.id = d.item_id WHERE i.code = 'H1-1-I'");
    assert_string_equal(s, "%|lower|quarter");
    free(s);
    long long hsf;
    assert_int_equal(plan_resolve(t->db, "hsf", &hsf, &e), ERR_OK);
    PlanTree tree;
    assert_int_equal(plan_tree_load(t->db, hsf, NULL, &tree, &e), ERR_OK);
    assert_int_equal(tree.n, 4);
    assert_string_equal(tree.nodes[3].code, "H1-1-I");
    assert_int_equal(tree.nodes[3].depth, 3);
    assert_true(tree.nodes[3].is_indicator);
    plan_tree_free(&tree);
    testdb_close(t);
}

static void test_bad_line_writes_nothing(void **state)
{
    (void)state;
    TestDb *t = testdb_open("planstruct");
    assert_non_null(t);
    static const char bad[] = "plan,plannamn,kod,overordnad,sort,titel\n"
                              "hsf,HSF,H1,,omrade,Ett\n"
                              "hsf,,H1-1,H1,delomrade,Två\n"
                              "\n"
                              "hsf,,H1-2,NV-9,delomrade,Tre\n";
    long long plans0 = count(t->db, "SELECT count(*) FROM plans");
    long long items0 = count(t->db, "SELECT count(*) FROM plan_items");
    PlanStructureCounts c;
    Err e = ERR_INIT;
    assert_int_equal(plan_structure_import(t->db, bad, strlen(bad), &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "rad 5: okänd överordnad punkt 'NV-9' i plan 'hsf'"));
    assert_int_equal(count(t->db, "SELECT count(*) FROM plans"), plans0);
    assert_int_equal(count(t->db, "SELECT count(*) FROM plan_items"), items0);

    /* a child before its parent, a personnummer, a bad sort, a bad breakdown */
    static const char *const more[][2] = {
        {"plan;plannamn;kod;överordnad;sort;titel\nx;X;B;A;delområde;B\nx;;A;;område;A\n", "rad 2: okänd överordnad"},
        {"plan;plannamn;kod;sort;titel\nx;X;A;område;Patient 19121212-1212\n", "rad 2: "},
        {"plan;plannamn;kod;sort;titel\nx;X;A;kapitel;A\n", "rad 2: okänd sort 'kapitel'"},
        {"plan;plannamn;kod;sort;titel;bryter_ner\nx;X;A;område;A;reg:NV\n", "rad 2: bryter_ner: planen 'reg'"},
        {"plan;kod;sort;titel\nx;A;område;A\n", "rad 2: planen 'x' finns inte"},
        {"plan;plannamn;kod;sort;titel;enhet\nx;X;A;område;A;%\n", "rad 2: bara indikatorer"},
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
        e = (Err)ERR_INIT;
        assert_int_not_equal(plan_structure_import(t->db, more[i][0], strlen(more[i][0]), &c, &e), ERR_OK);
        if (!strstr(e.msg, more[i][1])) fail_msg("case %zu: %s", i, e.msg);
        assert_int_equal(count(t->db, "SELECT count(*) FROM plans"), plans0);
        assert_int_equal(count(t->db, "SELECT count(*) FROM plan_items"), items0);
    }
    testdb_close(t);
}

static void test_reimport_updates(void **state)
{
    (void)state;
    TestDb *t = testdb_open("planstruct");
    assert_non_null(t);
    PlanStructureCounts c;
    Err e = ERR_INIT;
    assert_int_equal(plan_structure_import(t->db, good, strlen(good), &c, &e), ERR_OK);
    long long items = count(t->db, "SELECT count(*) FROM plan_items");
    assert_int_equal(plan_structure_import(t->db, good, strlen(good), &c, &e), ERR_OK);
    assert_int_equal(c.plans_new, 0);
    assert_int_equal(c.items_new, 0);
    assert_int_equal(c.items_updated, 0);
    assert_int_equal(c.items_unchanged, 6);
    assert_int_equal(count(t->db, "SELECT count(*) FROM plan_items"), items);

    static const char upd[] = "plan;kod;överordnad;sort;titel;uppdragsansvarig\n"
                              "reg;NV;;område;Nära vård och hälsa;Cilla Berg\n"
                              "reg;NV-2;NV;delområde;Ny del;\n"
                              "hsf;H1-1;H1;effektmål;Fler digitala besök;\n";
    assert_int_equal(plan_structure_import(t->db, upd, strlen(upd), &c, &e), ERR_OK);
    assert_int_equal(c.items_new, 1);
    assert_int_equal(c.items_updated, 1);
    assert_int_equal(c.items_unchanged, 1);
    assert_int_equal(count(t->db, "SELECT count(*) FROM plan_items"), items + 1);
    char *s = text(t->db, "SELECT title || '|' || strategic_owner || '|' || assignment_owner FROM plan_items "
                          "WHERE code = 'NV' AND plan_id = (SELECT id FROM plans WHERE key = 'reg')");
    assert_string_equal(s, "Nära vård och hälsa|Anna Ek|Cilla Berg"); /* absent column kept */
    free(s);
    /* the same code twice in one file, and a sort that changes */
    static const char twice[] = "plan;kod;sort;titel\nreg;Z;område;Z\nreg;Z;område;Z2\n";
    assert_int_equal(plan_structure_import(t->db, twice, strlen(twice), &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "rad 3: koden 'Z' i plan 'reg' står redan på rad 2"));
    static const char kind[] = "plan;kod;sort;titel\nreg;NV;aktivitet;NV\n";
    assert_int_equal(plan_structure_import(t->db, kind, strlen(kind), &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "rad 2: "));
    assert_int_equal(count(t->db, "SELECT count(*) FROM plan_items"), items + 1);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_creates_plans_and_tree),
        cmocka_unit_test(test_bad_line_writes_nothing),
        cmocka_unit_test(test_reimport_updates),
    };
    return cmocka_run_group_tests_name("plan_structure", tests, NULL, NULL);
}
