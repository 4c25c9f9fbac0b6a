/*
 * test_plan.c — plans, indicators and goal fulfilment (core/plan_*.c) against
 * a real SQLite file in a fresh temporary directory per test: the levels at
 * and around the plan's tolerance in both directions, the owner's override,
 * one period's values as the page and the API write them, the tree's shape
 * rules, roll-ups, the summary pivot and the Regionhälsan demo values exactly
 * as the seed's table gives them. The CSV import and the exports are in
 * test_plan_import.c; the fixture is plan_fixture.h.
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

#include "plan_fixture.h"

/* --- helpers ---------------------------------------------------------------------------------- */

static void set_value(Fixture *f, long long ind, const char *period, double target, double outcome)
{
    IndicatorValueEdit v = {.indicator_id = ind, .target_edit = EDIT_SET, .target = target,
                            .outcome_edit = isnan(outcome) ? EDIT_KEEP : EDIT_SET, .outcome = outcome};
    Err e = ERR_INIT;
    if (period_parse(period, &v.period, &e) || indicator_value_set(f->db, &v, &e))
        fail_msg("value %s: %s", period, e.msg);
}

static const PlanNode *node_by_code(const PlanTree *t, const char *code)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->nodes[i].code, code)) return &t->nodes[i];
    fail_msg("no node %s", code);
    return NULL;
}

/* --- fulfilment -------------------------------------------------------------------------------- */

static void test_fulfilment_higher_is_better(void **state)
{
    (void)state;
    /* target 100, tolerance 5 %: the band is 95 ≤ U < 100 */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 120), FUL_MET);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 100), FUL_MET);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 99.99), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 95.01), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 95), FUL_PARTLY); /* the edge is delvis */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 94.99), FUL_NOT_MET);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 100, 0), FUL_NOT_MET);
    /* a band edge that binary floating point cannot hold exactly: 63 − 3.15 */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 63, 59.85), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 63, 59.84), FUL_NOT_MET);
    /* a wider tolerance widens the band */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 10, 63, 57), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 63, 57), FUL_NOT_MET);
    /* tolerance 0: no band */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 0, 100, 99.99), FUL_NOT_MET);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 0, 100, 100), FUL_MET);
    /* a negative target (a change): the band is |T| wide on the bad side */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, -10, -10.5), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, -10, -10.51), FUL_NOT_MET);
    /* target 0: no band either */
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 0, 0), FUL_MET);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 0, -0.01), FUL_NOT_MET);
}

static void test_fulfilment_lower_is_better(void **state)
{
    (void)state;
    /* target 100, tolerance 5 %: the band is 100 < U ≤ 105 */
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 100, 80), FUL_MET);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 100, 100), FUL_MET);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 100, 100.01), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 100, 105), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 100, 105.01), FUL_NOT_MET);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 0, 100, 100.01), FUL_NOT_MET);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 20, 21), FUL_PARTLY);
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, 20, 21.01), FUL_NOT_MET);
    /* missing numbers give no level */
    assert_int_equal(fulfilment_compute(DIR_LOWER, 5, NAN, 1), FUL_NONE);
    assert_int_equal(fulfilment_compute(DIR_HIGHER, 5, 1, NAN), FUL_NONE);
}

static void test_fulfilment_uses_plan_tolerance(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "tol", 10);
    long long area = item(f, p, 0, "area", "A");
    long long ind = indicator(f, p, area, "I", DIR_HIGHER);
    set_value(f, ind, "2024-T1", 63, 57); /* 57 ≥ 63 − 6.3: delvis at 10 % */
    IndicatorSeries s;
    Err e = ERR_INIT;
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    assert_int_equal(s.points[0].fulfilment, FUL_PARTLY);
    indicator_series_free(&s);
    assert_int_equal(plan_set_tolerance(f->db, p, 5, &e), ERR_OK);
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    assert_int_equal(s.points[0].fulfilment, FUL_NOT_MET);
    indicator_series_free(&s);
    assert_int_equal(plan_set_tolerance(f->db, p, 101, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "0–100"));
}

static void test_override_wins_and_is_marked(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "ov", 5);
    long long ind = indicator(f, p, item(f, p, 0, "area", "A"), "I", DIR_HIGHER);
    set_value(f, ind, "2024-T1", 63, 57);
    IndicatorValueEdit v = {.indicator_id = ind, .override_edit = EDIT_SET, .override = FUL_MET,
                            .override_comment = ""};
    Err e = ERR_INIT;
    assert_int_equal(period_parse("2024-T1", &v.period, &e), ERR_OK);
    /* without a comment: refused, nothing changes */
    assert_int_equal(indicator_value_set(f->db, &v, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "motiverar"));
    assert_int_equal(count(f->db, "SELECT count(*) FROM indicator_values WHERE override IS NOT NULL"), 0);
    v.override_comment = "Mätningen byttes mitt i tertialet; ägaren bedömer målet som uppnått.";
    assert_int_equal(indicator_value_set(f->db, &v, &e), ERR_OK);
    IndicatorSeries s;
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.points[0].computed, FUL_NOT_MET);
    assert_int_equal(s.points[0].fulfilment, FUL_MET);
    assert_true(s.points[0].overridden);
    assert_string_equal(s.points[0].override_comment, v.override_comment);
    /* the values themselves are kept */
    assert_true(s.points[0].has_outcome && s.points[0].outcome == 57);
    json_t *j = indicator_series_to_json(&s);
    json_t *pt = json_array_get(json_object_get(j, "points"), 0);
    assert_string_equal(json_string_value(json_object_get(pt, "fulfilment")), "met");
    assert_string_equal(json_string_value(json_object_get(pt, "computed")), "not_met");
    assert_true(json_is_true(json_object_get(pt, "overridden")));
    json_decref(j);
    indicator_series_free(&s);
    /* the override is removed: back to the computed level */
    IndicatorValueEdit clear = {.indicator_id = ind, .period = v.period, .override_edit = EDIT_CLEAR};
    assert_int_equal(indicator_value_set(f->db, &clear, &e), ERR_OK);
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    assert_int_equal(s.points[0].fulfilment, FUL_NOT_MET);
    assert_false(s.points[0].overridden);
    indicator_series_free(&s);
    /* an override needs no outcome: an owner may judge before the figures come */
    v.period.n = 2;
    v.override = FUL_PARTLY;
    assert_int_equal(indicator_value_set(f->db, &v, &e), ERR_OK);
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    assert_int_equal(s.points[1].fulfilment, FUL_PARTLY);
    assert_int_equal(s.points[1].computed, FUL_NONE);
    indicator_series_free(&s);
}

static void test_value_period_type_and_numbers(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "pt", 5);
    long long ind = indicator(f, p, item(f, p, 0, "area", "A"), "I", DIR_HIGHER);
    IndicatorValueEdit v = {.indicator_id = ind, .target_edit = EDIT_SET, .target = 57.5};
    Err e = ERR_INIT;
    assert_int_equal(period_parse("2024-05", &v.period, &e), ERR_OK);
    assert_int_equal(indicator_value_set(f->db, &v, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "perioden '2024-05' är en månad men indikatorn följs upp per tertial"));
    assert_int_equal(period_parse("2024-T2", &v.period, &e), ERR_OK);
    assert_int_equal(indicator_value_set(f->db, &v, &e), ERR_OK);
    char *t = db_text(f->db, &e, "SELECT target FROM indicator_values", NULL);
    assert_string_equal(t, "57.5");
    free(t);
    double d;
    assert_true(plan_number_parse("85,5", &d) && d == 85.5);
    assert_true(plan_number_parse("85 %", &d) && d == 85);
    assert_true(plan_number_parse("1 200", &d) && d == 1200);
    assert_true(plan_number_parse("1\xe2\x80\xaf" "200,5", &d) && d == 1200.5); /* Excel sv-SE */
    assert_true(plan_number_parse("-3", &d) && d == -3);
    assert_false(plan_number_parse("", &d));
    assert_false(plan_number_parse("åttio", &d));
    assert_false(plan_number_parse("1,2,3", &d));
    assert_false(plan_number_parse("1e5", &d));
    assert_false(plan_number_parse("%", &d));
    char out[32];
    assert_string_equal(plan_number_format(57, out), "57");
    assert_string_equal(plan_number_format(57.5, out), "57.5");
    assert_string_equal(plan_number_format(0.1 + 0.2, out), "0.3"); /* at most 15 significant digits */
    assert_string_equal(plan_number_format(-0.0, out), "0");
    assert_string_equal(plan_number_format_sv(57.5, out), "57,5");
}

/* --- shape --------------------------------------------------------------------------------------- */

static void test_tree_shape_rules(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "shape", 5);
    long long area = item(f, p, 0, "area", "A");
    long long act = item(f, p, area, "activity", "A-1");
    Err e = ERR_INIT;
    long long id;
    PlanItemNew in = {.plan_id = p, .parent_id = act, .kind = "goal", .code = "G", .title = "Mål"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Effektmål kan inte ligga under Aktivitet"));
    in = (PlanItemNew){.plan_id = p, .parent_id = area, .kind = "area", .code = "B", .title = "B"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    in = (PlanItemNew){.plan_id = p, .parent_id = area, .kind = "delomrade", .code = "A-1", .title = "Dubblett"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_CONFLICT);
    in = (PlanItemNew){.plan_id = p, .parent_id = area, .kind = "delomrade", .code = "A 2", .title = "Mellanslag"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    in = (PlanItemNew){.plan_id = p, .kind = "area", .code = "X", .title = "Hänvisar till sig själv", .refers_to = area};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    in = (PlanItemNew){.plan_id = p, .parent_id = area, .kind = "task", .code = "T", .title = "Okänd sort"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    in = (PlanItemNew){.plan_id = p, .parent_id = area, .kind = "delomrade", .code = "D", .title = "Status",
                       .status = "ongoing"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "bara aktiviteter"));
    /* a personal identity number in free text is refused by freetext_check */
    in = (PlanItemNew){.plan_id = p, .parent_id = area, .kind = "delomrade", .code = "D", .title = "Patient 19121212-1212"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    /* an indicator takes no children */
    long long ind = indicator(f, p, act, "I", DIR_HIGHER);
    in = (PlanItemNew){.plan_id = p, .parent_id = ind, .kind = "indicator", .code = "I2", .title = "Under indikator"};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_INVALID);
    /* an administration's item points to the regional one */
    long long q = new_plan(f, "forvaltning", 5);
    in = (PlanItemNew){.plan_id = q, .kind = "area", .code = "F-A", .title = "Förvaltningens område", .refers_to = area};
    assert_int_equal(plan_item_add(f->db, &in, &id, &e), ERR_OK);
    PlanTree t;
    assert_int_equal(plan_tree_load(f->db, q, NULL, &t, &e), ERR_OK);
    assert_int_equal(t.nodes[0].refers_to, area);
    assert_string_equal(t.nodes[0].refers_to_code, "A");
    assert_string_equal(t.nodes[0].refers_to_plan, "Testplan");
    plan_tree_free(&t);
    /* nothing half-written by the refusals */
    assert_int_equal(count(f->db, "SELECT count(*) FROM plan_items WHERE code IN ('G', 'B', 'A 2', 'X', 'T', 'D', 'I2')"), 0);
}

/* --- roll-ups and the pivot ------------------------------------------------------------------- */

static void test_rollups(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "roll", 5);
    long long a = item(f, p, 0, "area", "A");
    long long d1 = item(f, p, a, "delomrade", "D1");
    long long g1 = item(f, p, d1, "goal", "G1");
    long long i1 = indicator(f, p, g1, "I1", DIR_HIGHER);
    long long i2 = indicator(f, p, g1, "I2", DIR_LOWER);
    long long d2 = item(f, p, a, "delomrade", "D2");
    long long act = item(f, p, d2, "activity", "ACT");
    long long i3 = indicator(f, p, act, "I3", DIR_HIGHER);
    long long i4 = indicator(f, p, d2, "I4", DIR_HIGHER); /* never gets an outcome */
    long long b = item(f, p, 0, "area", "B");
    item(f, p, b, "delomrade", "BD");

    set_value(f, i1, "2024-T1", 80, 85);  /* met */
    set_value(f, i2, "2024-T1", 10, 9);   /* met (lower is better) */
    set_value(f, i3, "2024-T1", 50, 40);  /* not met */
    set_value(f, i4, "2024-T1", 50, NAN); /* target only */
    set_value(f, i1, "2024-T2", 80, 79);  /* partly */
    set_value(f, i2, "2024-T2", 10, 12);  /* not met */
    set_value(f, i3, "2024-T2", 50, 30);  /* not met */

    Period t1, t2;
    Err e = ERR_INIT;
    period_parse("2024-T1", &t1, &e);
    period_parse("2024-T2", &t2, &e);
    PlanTree t;
    assert_int_equal(plan_tree_load(f->db, p, &t1, &t, &e), ERR_OK);
    assert_int_equal(node_by_code(&t, "G1")->rollup.level, FUL_MET); /* every indicator met */
    assert_int_equal(node_by_code(&t, "G1")->rollup.met, 2);
    assert_int_equal(node_by_code(&t, "ACT")->rollup.level, FUL_NOT_MET);
    const PlanNode *nd2 = node_by_code(&t, "D2");
    assert_int_equal(nd2->rollup.level, FUL_NOT_MET); /* I3 not met, I4 not assessed: does not decide */
    assert_int_equal(nd2->rollup.not_met, 1);
    assert_int_equal(nd2->rollup.missing, 1);
    const PlanNode *na = node_by_code(&t, "A");
    assert_int_equal(na->rollup.level, FUL_PARTLY); /* 2 met, 1 not met */
    assert_int_equal(na->rollup.met, 2);
    assert_int_equal(na->rollup.not_met, 1);
    assert_int_equal(na->rollup.missing, 1);
    assert_int_equal(node_by_code(&t, "B")->rollup.level, FUL_NONE); /* no indicators */
    assert_true(node_by_code(&t, "I4")->has_point);
    assert_false(node_by_code(&t, "I4")->point.has_outcome);
    /* pre-order with depth */
    assert_string_equal(t.nodes[0].code, "A");
    assert_string_equal(t.nodes[1].code, "D1");
    assert_int_equal(t.nodes[3].depth, 3);
    assert_string_equal(t.nodes[3].code, "I1");
    plan_tree_free(&t);

    assert_int_equal(plan_tree_load(f->db, p, &t2, &t, &e), ERR_OK);
    assert_int_equal(node_by_code(&t, "G1")->rollup.level, FUL_PARTLY); /* partly + not met */
    assert_int_equal(node_by_code(&t, "A")->rollup.level, FUL_PARTLY);
    assert_int_equal(node_by_code(&t, "D2")->rollup.level, FUL_NOT_MET);
    assert_int_equal(node_by_code(&t, "I4")->rollup.missing, 1); /* no row for T2 at all */
    plan_tree_free(&t);

    /* everything not met in T2 when I1 falls too */
    set_value(f, i1, "2024-T2", 80, 70);
    assert_int_equal(plan_tree_load(f->db, p, &t2, &t, &e), ERR_OK);
    assert_int_equal(node_by_code(&t, "A")->rollup.level, FUL_NOT_MET);
    plan_tree_free(&t);

    /* without a period: each indicator's latest assessed period (I1..I3: T2; I4: none) */
    assert_int_equal(plan_tree_load(f->db, p, NULL, &t, &e), ERR_OK);
    assert_string_equal(node_by_code(&t, "I1")->point.text, "2024-T2");
    assert_false(node_by_code(&t, "I4")->has_point);
    assert_int_equal(node_by_code(&t, "A")->rollup.missing, 1);
    plan_tree_free(&t);
}

static void test_summary_pivot(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "pivot", 5);
    long long a = item(f, p, 0, "area", "A");
    long long d1 = item(f, p, a, "delomrade", "A-D1");
    long long d2 = item(f, p, a, "delomrade", "A-D2");
    long long g = item(f, p, d1, "goal", "A-G");
    long long act = item(f, p, g, "activity", "A-ACT1");
    item(f, p, d2, "activity", "A-ACT2");
    indicator(f, p, act, "A-I1", DIR_HIGHER);
    indicator(f, p, d2, "A-I2", DIR_HIGHER);
    indicator(f, p, g, "A-I3", DIR_HIGHER);
    long long b = item(f, p, 0, "area", "B");
    item(f, p, b, "delomrade", "B-D1");
    long long loose = item(f, p, 0, "goal", "LOOSE"); /* outside any area */
    indicator(f, p, loose, "L-I", DIR_HIGHER);

    PlanTree t;
    Err e = ERR_INIT;
    assert_int_equal(plan_tree_load(f->db, p, NULL, &t, &e), ERR_OK);
    PlanSummary s;
    plan_summary(&t, &s);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.rows[0].code, "A");
    assert_int_equal(s.rows[0].delomraden, 2);
    assert_int_equal(s.rows[0].goals, 1);
    assert_int_equal(s.rows[0].activities, 2);
    assert_int_equal(s.rows[0].indicators, 3);
    assert_int_equal(s.rows[0].total, 7); /* delområden + aktiviteter + indikatorer, as the seed's table */
    assert_string_equal(s.rows[1].code, "B");
    assert_int_equal(s.rows[1].delomraden, 1);
    assert_int_equal(s.rows[1].total, 1);
    assert_string_equal(s.rows[2].title, "Utan område");
    assert_int_equal(s.rows[2].indicators, 1);
    assert_int_equal(s.total.delomraden, 3);
    assert_int_equal(s.total.activities, 2);
    assert_int_equal(s.total.indicators, 4);
    assert_int_equal(s.total.total, 9);
    json_t *j = plan_summary_to_json(&s);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "total"), "total")), 9);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "areas"), 0), "activities")),
                     2);
    json_decref(j);
    plan_summary_free(&s);
    plan_tree_free(&t);
}

/* --- demo ---------------------------------------------------------------------------------------- */

static void test_demo_regionhalsan_values(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(plan_demo_load(f->db, &e), ERR_OK);
    long long rh = plan_by_key(f, "regionhalsan");
    long long ind = item_by_code(f, rh, "RH-NV-I1");
    IndicatorSeries s;
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    static const struct {
        const char *period;
        double target;
        bool has_outcome;
        double outcome;
        Fulfilment level;
    } want[] = {
        {"2023-T2", 63, true, 57, FUL_NOT_MET}, {"2023-T3", 88, true, 74, FUL_NOT_MET},
        {"2024-T1", 83, true, 85, FUL_MET},     {"2024-T2", 57, false, 0, FUL_NONE},
        {"2024-T3", 74, false, 0, FUL_NONE},
    };
    assert_int_equal(s.n, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(s.points[i].text, want[i].period);
        assert_true(s.points[i].has_target);
        assert_true(s.points[i].target == want[i].target);
        assert_int_equal(s.points[i].has_outcome, want[i].has_outcome);
        if (want[i].has_outcome) assert_true(s.points[i].outcome == want[i].outcome);
        assert_int_equal(s.points[i].fulfilment, want[i].level);
        assert_false(s.points[i].overridden);
    }
    assert_string_equal(s.unit, "%");
    assert_int_equal(s.direction, DIR_HIGHER);
    assert_int_equal(s.period_type, PERIOD_TERTIAL);
    json_t *j = indicator_series_to_json(&s);
    json_t *pts = json_object_get(j, "points");
    assert_true(json_is_null(json_object_get(json_array_get(pts, 3), "fulfilment")));
    assert_true(json_is_null(json_object_get(json_array_get(pts, 3), "outcome")));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(pts, 2), "outcome")), 85);
    json_decref(j);
    indicator_series_free(&s);

    /* the owners of the genomförandeplan's areas, as the seed gives them */
    long long gp = plan_by_key(f, "genomforandeplan");
    PlanTree t;
    assert_int_equal(plan_tree_load(f->db, gp, NULL, &t, &e), ERR_OK);
    const PlanNode *nv = node_by_code(&t, "NV");
    assert_string_equal(nv->strategic_owner, "Kaarina Sundelin (BoP)");
    assert_string_equal(nv->assignment_owner, "Ann-Sofi Isaksson (Åsa Jackson biträdande)");
    assert_string_equal(node_by_code(&t, "KF")->strategic_owner, "Marina Olsson (HR)");
    assert_string_equal(node_by_code(&t, "UP")->assignment_owner, "Calle Blomberg och Anders Östlund");
    assert_string_equal(nv->refers_to_code, "NV"); /* the strategy's area of migration 0001 */
    PlanSummary sum;
    plan_summary(&t, &sum);
    assert_int_equal(sum.n, 7);
    assert_int_equal(sum.rows[0].delomraden, 6); /* Nära vård: 6, as the seed's pivot */
    assert_int_equal(sum.rows[1].delomraden, 5); /* Prioritering: 5 */
    assert_int_equal(sum.rows[3].delomraden, 6); /* Kvalitetsdriven verksamhetsutveckling: 6 */
    assert_int_equal(sum.rows[5].delomraden, 7); /* Barnuppdraget: 7 */
    plan_summary_free(&sum);
    plan_tree_free(&t);

    /* Regionhälsan's tree in 2024-T1: the indicator is met, so is its area */
    Period t1;
    period_parse("2024-T1", &t1, &e);
    assert_int_equal(plan_tree_load(f->db, rh, &t1, &t, &e), ERR_OK);
    assert_int_equal(node_by_code(&t, "RH-NV")->rollup.level, FUL_MET);
    assert_int_equal(node_by_code(&t, "RH-NV")->refers_to, item_by_code(f, gp, "NV"));
    plan_summary(&t, &sum);
    assert_int_equal(sum.total.activities, 5);
    assert_int_equal(sum.total.indicators, 1);
    plan_summary_free(&sum);
    plan_tree_free(&t);

    /* loading twice is refused and changes nothing */
    long long before = count(f->db, "SELECT count(*) FROM plan_items");
    assert_int_equal(plan_demo_load(f->db, &e), ERR_CONFLICT);
    assert_int_equal(count(f->db, "SELECT count(*) FROM plan_items"), before);
}

/* --- one period's values, as the page and the API write them ----------------------------------------- */

static void series_point(Fixture *f, long long ind, size_t i, IndicatorSeries *s)
{
    Err e = ERR_INIT;
    assert_int_equal(indicator_series(f->db, ind, s, &e), ERR_OK);
    assert_true(i < s->n);
}

static void test_value_set_keep_clear_and_refusals(void **state)
{
    Fixture *f = *state;
    long long p = new_plan(f, "edit", 5);
    long long ind = indicator(f, p, item(f, p, 0, "area", "A"), "I", DIR_HIGHER);
    Err e = ERR_INIT;
    IndicatorValueEdit v = {.indicator_id = ind, .target_edit = EDIT_SET, .target = 57, .comment_edit = EDIT_SET,
                            .comment = "  Nya mottagningar  "};
    assert_int_equal(period_parse("2024-T2", &v.period, &e), ERR_OK);
    assert_int_equal(indicator_value_set(f->db, &v, &e), ERR_OK);
    /* an outcome alone: the target and comment are kept, the level follows */
    IndicatorValueEdit o = {.indicator_id = ind, .period = v.period, .outcome_edit = EDIT_SET, .outcome = 60};
    assert_int_equal(indicator_value_set(f->db, &o, &e), ERR_OK);
    IndicatorSeries s;
    series_point(f, ind, 0, &s);
    assert_true(s.points[0].has_target && s.points[0].target == 57);
    assert_true(s.points[0].has_outcome && s.points[0].outcome == 60);
    assert_string_equal(s.points[0].comment, "Nya mottagningar"); /* trimmed */
    assert_int_equal(s.points[0].fulfilment, FUL_MET);
    indicator_series_free(&s);
    o.outcome = 55; /* within 5 % below 57 */
    assert_int_equal(indicator_value_set(f->db, &o, &e), ERR_OK);
    series_point(f, ind, 0, &s);
    assert_int_equal(s.points[0].fulfilment, FUL_PARTLY);
    indicator_series_free(&s);

    /* refusals write nothing, not even the valid fields of the same edit */
    IndicatorValueEdit bad = {.indicator_id = ind, .period = v.period, .target_edit = EDIT_SET, .target = 99,
                              .override_edit = EDIT_SET, .override = FUL_MET, .override_comment = "   "};
    assert_int_equal(indicator_value_set(f->db, &bad, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "motiverar"));
    bad = (IndicatorValueEdit){.indicator_id = ind, .period = v.period, .target_edit = EDIT_SET, .target = 99,
                               .comment_edit = EDIT_SET, .comment = "Gäller patient 19121212-1212"};
    assert_int_equal(indicator_value_set(f->db, &bad, &e), ERR_INVALID);
    bad = (IndicatorValueEdit){.indicator_id = ind, .target_edit = EDIT_SET, .target = 99};
    assert_int_equal(period_parse("2024-Q2", &bad.period, &e), ERR_OK);
    assert_int_equal(indicator_value_set(f->db, &bad, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "följs upp per tertial"));
    bad.period = v.period;
    bad.target = NAN;
    assert_int_equal(indicator_value_set(f->db, &bad, &e), ERR_INVALID);
    bad.indicator_id = ind + 1000;
    bad.target = 1;
    assert_int_equal(indicator_value_set(f->db, &bad, &e), ERR_NOTFOUND);
    assert_int_equal(count(f->db, "SELECT count(*) FROM indicator_values"), 1);
    series_point(f, ind, 0, &s);
    assert_true(s.points[0].target == 57 && s.points[0].outcome == 55 && !s.points[0].overridden);
    indicator_series_free(&s);

    /* clearing: the outcome goes, the level with it; everything cleared removes the row */
    IndicatorValueEdit c = {.indicator_id = ind, .period = v.period, .outcome_edit = EDIT_CLEAR};
    assert_int_equal(indicator_value_set(f->db, &c, &e), ERR_OK);
    series_point(f, ind, 0, &s);
    assert_false(s.points[0].has_outcome);
    assert_true(s.points[0].has_target);
    assert_int_equal(s.points[0].fulfilment, FUL_NONE);
    indicator_series_free(&s);
    c = (IndicatorValueEdit){.indicator_id = ind, .period = v.period, .target_edit = EDIT_CLEAR,
                             .comment_edit = EDIT_CLEAR, .override_edit = EDIT_CLEAR};
    assert_int_equal(indicator_value_set(f->db, &c, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM indicator_values"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fulfilment_higher_is_better),
        cmocka_unit_test(test_fulfilment_lower_is_better),
        cmocka_unit_test_setup_teardown(test_fulfilment_uses_plan_tolerance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_override_wins_and_is_marked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_period_type_and_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_set_keep_clear_and_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_shape_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_pivot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_regionhalsan_values, setup, teardown),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
