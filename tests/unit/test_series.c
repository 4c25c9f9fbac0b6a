/*
 * test_series.c — the cases that concern a series and their decisions
 * (core/series_case.c): a signal case made from a pattern concerns its
 * series, and its decision comes back with its label and date; an ordinary
 * case is linked by reference (once; a läsare, a blank or unknown reference
 * and the pattern's own case are refused, each naming why), lands in the
 * case's history, shows from the case's side, and is unlinked again; the
 * series as JSON carries points, settings, cases and decisions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "testdb.h"
#include "pattern_fixture.h"
#include "core/account.h"
#include "core/case.h"
#include "core/deviation.h"
#include "core/org.h"
#include "core/pattern.h"
#include "core/series.h"

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna, lars;
    SeriesKey k;          /* Medicinkliniken Karlskoga × Läkemedel, deviations: the planted pattern */
    long long signal_id;  /* the signal case made from its pattern */
} Fixture;

/* The demo year 2025 (seed 7), a detection, and a signal case made from the
 * planted Läkemedel pattern at Medicinkliniken Karlskoga. */
static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("series"))) return -1;
    f->db = f->t->db;
    Err e = ERR_INIT;
    if (db_begin(f->db, &e) || org_demo_load(f->db, &e) || deviation_demo_load_from(f->db, 7, "2025-01", &e) ||
        db_commit(f->db, &e) || pattern_detect(f->db, &ps, NULL, &e)) {
        fprintf(stderr, "demo: %s\n", e.msg);
        return -1;
    }
    testdb_add_actor(f->db, "anna", "anna", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "lars", "lars", ROLE_LASARE, &f->lars);
    long long unit = db_int(f->db, &e, "SELECT id FROM units WHERE name = 'Medicinkliniken Karlskoga'", NULL, 0);
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Läkemedel'", NULL, 0);
    f->k = (SeriesKey){"unit", unit, cat, "deviations", "month"};
    long long pid = db_int(f->db, &e,
                           "SELECT id FROM patterns WHERE level = 'unit' AND unit_id = :u AND category_id = :c "
                           "AND source = 'deviations'",
                           DB_ARGS(DB_INT(":u", unit), DB_INT(":c", cat)), 0);
    if (!pid || pattern_to_case(f->db, &ps, &f->anna, pid, &f->signal_id, &e)) {
        fprintf(stderr, "signal case: %s\n", e.msg);
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

static void check(Fixture *f, long long id, const char *item)
{
    Err e = ERR_INIT;
    if (case_set_checklist(f->db, &ps, &f->anna, id, item, "done", "", &e)) fail_msg("%s: %s", item, e.msg);
}

static void move(Fixture *f, long long id, const char *to)
{
    Err e = ERR_INIT;
    if (case_move(f->db, &ps, &f->anna, id, to, "", &e)) fail_msg("move to %s: %s", to, e.msg);
}

/* Process C from the signal to its decision step, then a decision in SSN. */
static void decide_signal(Fixture *f, long long id, const char *date)
{
    check(f, id, "signal_beskriven"), check(f, id, "monster_underlag"), check(f, id, "via_chef");
    move(f, id, "funktionsgrupp");
    check(f, id, "avstamning_samordningsrad"), check(f, id, "monster_bekraftat");
    move(f, id, "inom_mandat");
    check(f, id, "atgard_beskriven");
    move(f, id, "beslut");
    Err e = ERR_INIT;
    DecisionNew d = {"SSN", date, "§ 45", "Gemensam rutin för läkemedelsgenomgång"};
    if (case_decide(f->db, &ps, &f->anna, id, &d, &e)) fail_msg("decide: %s", e.msg);
}

static long long plain_case(Fixture *f, char ref[32])
{
    Err e = ERR_INIT;
    CaseNew in = {"Rutiner för läkemedelsgenomgång", "Samma brist som avvikelserna visar.", 1, 0};
    Case c;
    if (case_create(f->db, &ps, &f->anna, &in, &c, &e)) fail_msg("case: %s", e.msg);
    snprintf(ref, 32, "%s", c.ref);
    long long id = c.id;
    case_free(&c);
    return id;
}

static void test_pattern_case_and_its_decision(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    SeriesCase *c;
    size_t n;
    assert_int_equal(series_cases(f->db, &f->k, &c, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].id, f->signal_id);
    assert_true(c[0].from_pattern);
    assert_false(c[0].linked);
    series_cases_free(c, n);
    SeriesDecision *d;
    assert_int_equal(series_decisions(f->db, &f->k, &d, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    series_decisions_free(d, n);
    decide_signal(f, f->signal_id, "2025-10-15");
    assert_int_equal(series_decisions(f->db, &f->k, &d, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].case_id, f->signal_id);
    assert_string_equal(d[0].date, "2025-10-15");
    assert_string_equal(d[0].body, "SSN");
    char label[64];
    snprintf(label, sizeof label, "Beslut SSN § 45 (%s)", d[0].case_ref);
    assert_string_equal(d[0].label, label);
    series_decisions_free(d, n);
    /* another series of the same unit sees nothing */
    long long other = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name <> 'Läkemedel' ORDER BY id", NULL, 0);
    SeriesKey k2 = {"unit", f->k.unit_id, other, "deviations", "month"};
    assert_int_equal(series_decisions(f->db, &k2, &d, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    series_decisions_free(d, n);
    /* nor the same series of complaints */
    SeriesKey k3 = {"unit", f->k.unit_id, f->k.category_id, "complaints", "month"};
    assert_int_equal(series_cases(f->db, &k3, &c, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    series_cases_free(c, n);
}

static void test_link_an_ordinary_case(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    char ref[32];
    long long id = plain_case(f, ref), got = 0;
    assert_int_equal(series_link_case(f->db, &f->lars, &f->k, ref, &got, &e), ERR_FORBIDDEN);
    assert_int_equal(series_link_case(f->db, &f->anna, &f->k, "  ", &got, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "'case'"));
    assert_int_equal(series_link_case(f->db, &f->anna, &f->k, "HS 1999-99999", &got, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "HS 1999-99999"));
    Case sig;
    assert_int_equal(case_get(f->db, f->signal_id, &sig, &e), ERR_OK);
    assert_int_equal(series_link_case(f->db, &f->anna, &f->k, sig.ref, &got, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "mönster"));
    case_free(&sig);
    SeriesKey bad = {"avdelning", f->k.unit_id, f->k.category_id, "deviations", "month"};
    assert_int_equal(series_link_case(f->db, &f->anna, &bad, ref, &got, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "'level'"));
    assert_int_equal(db_int(f->db, &e, "SELECT count(*) FROM series_cases", NULL, -1), 0);
    char padded[40];
    snprintf(padded, sizeof padded, " %s ", ref);
    assert_int_equal(series_link_case(f->db, &f->anna, &f->k, padded, &got, &e), ERR_OK);
    assert_int_equal(got, id);
    assert_int_equal(series_link_case(f->db, &f->anna, &f->k, ref, &got, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "redan kopplat"));
    /* the link is in the case's history */
    char *summary = db_text(f->db, &e, "SELECT summary FROM case_events WHERE case_id = :c AND kind = 'link'",
                            DB_ARGS(DB_INT(":c", id)));
    assert_non_null(summary);
    assert_non_null(strstr(summary, "Läkemedel – Medicinkliniken Karlskoga (avvikelser)"));
    free(summary);
    SeriesCase *c;
    size_t n;
    assert_int_equal(series_cases(f->db, &f->k, &c, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    size_t at = c[0].id == id ? 0 : 1;
    assert_true(c[at].linked);
    assert_false(c[at].from_pattern);
    assert_string_equal(c[at].linked_by, "anna");
    series_cases_free(c, n);
    /* the case's side: the series, marked as linked by hand */
    CaseSeries *cs;
    assert_int_equal(case_series(f->db, id, &cs, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_true(cs[0].linked);
    assert_string_equal(cs[0].level, "unit");
    assert_int_equal(cs[0].unit_id, f->k.unit_id);
    assert_int_equal(cs[0].category_id, f->k.category_id);
    assert_string_equal(cs[0].name, "Läkemedel – Medicinkliniken Karlskoga (avvikelser)");
    case_series_free(cs, n);
    assert_int_equal(case_series(f->db, f->signal_id, &cs, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_false(cs[0].linked);
    case_series_free(cs, n);
    /* unlinking: only a link made by hand, only by a writer */
    assert_int_equal(series_unlink_case(f->db, &f->lars, &f->k, id, &e), ERR_FORBIDDEN);
    assert_int_equal(series_unlink_case(f->db, &f->anna, &f->k, f->signal_id, &e), ERR_NOTFOUND);
    assert_int_equal(series_unlink_case(f->db, &f->anna, &f->k, id, &e), ERR_OK);
    assert_int_equal(series_unlink_case(f->db, &f->anna, &f->k, id, &e), ERR_NOTFOUND);
    assert_int_equal(db_int(f->db, &e, "SELECT count(*) FROM series_cases", NULL, -1), 0);
    assert_true(db_exists(f->db, &e, "SELECT 1 FROM case_events WHERE case_id = :c AND kind = 'unlink'",
                          DB_ARGS(DB_INT(":c", id))));
}

/* A linked case's decisions are drawn too; the region level has no unit. */
static void test_linked_decisions_and_region(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    char ref[32];
    SeriesKey region = {"region", 12345 /* ignored */, f->k.category_id, "deviations", "month"};
    long long id = plain_case(f, ref);
    assert_int_equal(series_link_case(f->db, &f->anna, &region, ref, NULL, &e), ERR_OK);
    assert_int_equal(db_int(f->db, &e, "SELECT count(*) FROM series_cases WHERE unit_id IS NULL", NULL, -1), 1);
    /* process A: a decision needs the decision step; write one as the history would show it */
    assert_int_equal(db_exec(f->db, &e,
                             "INSERT INTO case_decisions (case_id, step, body, decided_on, paragraph, text, created_at) "
                             "VALUES (:c, 'beslut', 'Delegation', '2025-06-03', '', 'Ny rutin', '2025-06-03T10:00:00Z')",
                             DB_ARGS(DB_INT(":c", id))),
                     ERR_OK);
    SeriesDecision *d;
    size_t n;
    assert_int_equal(series_decisions(f->db, &region, &d, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    char label[64];
    snprintf(label, sizeof label, "Delegationsbeslut (%s)", ref);
    assert_string_equal(d[0].label, label);
    series_decisions_free(d, n);
    /* the unit's series does not see the region's link */
    assert_int_equal(series_decisions(f->db, &f->k, &d, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    series_decisions_free(d, n);
    CaseSeries *cs;
    assert_int_equal(case_series(f->db, id, &cs, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(cs[0].level, "region");
    assert_int_equal(cs[0].unit_id, 0);
    assert_string_equal(cs[0].name, "Läkemedel – Hela regionen (avvikelser)");
    case_series_free(cs, n);
}

static void test_series_json(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    decide_signal(f, f->signal_id, "2025-10-15");
    assert_int_equal(series_set(f->db, &f->anna, &f->k, 5, "", &e), ERR_OK);
    assert_int_equal(series_set(f->db, &f->anna, &f->k, 99, "", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "'freeze'"));
    assert_int_equal(series_set(f->db, &f->anna, &f->k, 0, "2025-13", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "'split_at'"));
    assert_int_equal(series_annotate(f->db, &f->anna, &f->k, "2025-03", "Ny rutin", NULL, &e), ERR_OK);
    Series s;
    assert_int_equal(series_load(f->db, &f->k, &s, &e), ERR_OK);
    SeriesCase *c;
    SeriesDecision *d;
    size_t nc, nd;
    assert_int_equal(series_cases(f->db, &f->k, &c, &nc, &e), ERR_OK);
    assert_int_equal(series_decisions(f->db, &f->k, &d, &nd, &e), ERR_OK);
    json_t *j = series_to_json(&f->k, &s, c, nc, d, nd);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "chart")), "c");
    assert_int_equal(json_array_size(json_object_get(j, "counts")), 12);
    json_t *pts = json_object_get(j, "points");
    assert_int_equal(json_array_size(pts), 12);
    json_t *last = json_array_get(pts, 11);
    assert_true(json_is_real(json_object_get(last, "cl")) && json_is_real(json_object_get(last, "ucl")));
    assert_true(json_is_boolean(json_object_get(last, "signal")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "settings"), "freeze")), 5);
    assert_true(json_is_null(json_object_get(json_object_get(j, "settings"), "split_at")));
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "annotations"), 0), "date")),
                        "2025-03");
    assert_int_equal(json_array_size(json_object_get(j, "cases")), 1);
    json_t *dec = json_array_get(json_object_get(j, "decisions"), 0);
    assert_string_equal(json_string_value(json_object_get(dec, "date")), "2025-10-15");
    assert_int_equal(json_integer_value(json_object_get(dec, "case")), f->signal_id);
    json_decref(j);
    series_cases_free(c, nc);
    series_decisions_free(d, nd);
    series_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pattern_case_and_its_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_an_ordinary_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_linked_decisions_and_region, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series_json, setup, teardown),
    };
    return cmocka_run_group_tests(tests, pf_group_setup, pf_group_teardown);
}
