/*
 * test_spc.c — the statistics module's behaviour beyond the reference data
 * (test_spc_reference.c and test_spc_qicharts2.c): what it refuses and how it says so, limits that do
 * not exist, clipping, freezing, exclusions, the MR chart's runs, long
 * series, and the JSON shape the CLI and the API print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/spc.h"

#define LEN(a) (sizeof(a) / sizeof *(a))

static SpcResult must(SpcChart c, const SpcPoint *p, size_t n, const SpcOptions *opt)
{
    SpcResult r;
    Err e = ERR_INIT;
    if (spc_compute(c, p, n, opt, &r, &e)) fail_msg("spc_compute refused: %s", e.msg);
    return r;
}

static void chart_names_round_trip(void **state)
{
    (void)state;
    const char *names[] = {"run", "i", "mr", "c", "u", "up", "p", "pp", "g", "t"};
    for (size_t i = 0; i < LEN(names); i++) {
        SpcChart c;
        assert_true(spc_chart_parse(names[i], &c));
        assert_string_equal(spc_chart_name(c), names[i]);
        assert_non_null(strstr(spc_chart_names(), names[i]));
    }
    SpcChart c;
    assert_false(spc_chart_parse("xbar", &c));
    assert_false(spc_chart_parse("U", &c));
    assert_false(spc_chart_parse(NULL, &c));
    assert_true(spc_chart_needs_n(SPC_U) && spc_chart_needs_n(SPC_PP));
    assert_false(spc_chart_needs_n(SPC_C) || spc_chart_needs_n(SPC_I));
}

static void point_problems_name_field_and_chart(void **state)
{
    (void)state;
    const char *field;
    assert_string_equal(spc_point_problem(SPC_U, 3, NAN, &field), "saknas (krävs för u-diagram)");
    assert_string_equal(field, "n");
    assert_string_equal(spc_field_noun(field), "nämnaren n");
    assert_non_null(strstr(spc_point_problem(SPC_PP, 3, NAN, &field), "p′-diagram"));
    assert_non_null(strstr(spc_point_problem(SPC_P, 3, 0, &field), "större än 0"));
    assert_non_null(strstr(spc_point_problem(SPC_U, 3, -5, &field), "större än 0"));
    assert_non_null(strstr(spc_point_problem(SPC_P, 11, 10, &field), "nämnaren"));
    assert_string_equal(field, "y");
    assert_non_null(strstr(spc_point_problem(SPC_C, -1, NAN, &field), "negativ"));
    assert_non_null(strstr(spc_point_problem(SPC_T, 0, NAN, &field), "större än 0"));
    assert_non_null(spc_point_problem(SPC_I, INFINITY, NAN, &field));
    /* allowed: a gap, a negative individual value, n on a chart without one */
    assert_null(spc_point_problem(SPC_U, NAN, NAN, &field));
    assert_null(spc_point_problem(SPC_I, -3.5, NAN, &field));
    assert_null(spc_point_problem(SPC_C, 4, -1, &field));
    assert_null(spc_point_problem(SPC_P, 10, 10, &field));
}

static void compute_refuses_naming_the_point(void **state)
{
    (void)state;
    SpcPoint p[] = {{"a", 2, 10}, {"b", 3, 10}, {"c", 4, NAN}};
    SpcResult r;
    Err e = ERR_INIT;
    assert_int_equal(spc_compute(SPC_U, p, 3, NULL, &r, &e), ERR_INVALID);
    assert_string_equal(e.msg, "punkt 3: nämnaren n saknas (krävs för u-diagram)");
    assert_null(r.points);
    assert_int_equal(spc_compute(SPC_C, p, 0, NULL, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "saknar punkter"));
    assert_int_equal(spc_compute(SPC_C, p, 3, &(SpcOptions){4, false, NULL}, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "4 punkter"));
    assert_int_equal(spc_compute((SpcChart)99, p, 3, NULL, &r, &e), ERR_INVALID);
}

/* A run chart has no limits; an MR chart has no first point. */
static void limits_that_do_not_exist_are_nan(void **state)
{
    (void)state;
    SpcPoint p[] = {{"1", 5, NAN}, {"2", 7, NAN}, {"3", 6, NAN}, {"4", 9, NAN}};
    SpcResult r = must(SPC_RUN, p, 4, NULL);
    assert_true(r.points[0].cl == 6.5);
    for (size_t i = 0; i < 4; i++) assert_true(isnan(r.points[i].lcl) && isnan(r.points[i].ucl) && !r.points[i].signal);
    spc_result_free(&r);
    r = must(SPC_MR, p, 4, NULL);
    assert_true(isnan(r.points[0].y));
    assert_true(r.points[1].y == 2 && r.points[2].y == 1 && r.points[3].y == 3);
    assert_true(r.points[0].cl == 2 && r.points[0].lcl == 0 && fabs(r.points[0].ucl - 2 * 3.267) < 1e-12);
    spc_result_free(&r);
}

/* Montgomery §7.2: a p chart's limits are cut to [0, 1]. p̄ = 0.9 with n = 10
 * gives 0.9 ± 3·0.0949: UCL 1.18 → 1, LCL 0.62. */
static void p_limits_are_clipped_to_0_and_1(void **state)
{
    (void)state;
    SpcPoint p[] = {{"1", 9, 10}, {"2", 10, 10}, {"3", 8, 10}, {"4", 9, 10}};
    SpcResult r = must(SPC_P, p, 4, NULL);
    assert_true(fabs(r.points[0].cl - 0.9) < 1e-12);
    assert_true(r.points[0].ucl == 1);
    assert_true(fabs(r.points[0].lcl - (0.9 - 3 * sqrt(0.09 / 10))) < 1e-12);
    assert_false(r.points[1].signal); /* 1.0 is not above a UCL of 1 */
    spc_result_free(&r);
    SpcPoint q[] = {{"1", 1, 10}, {"2", 0, 10}, {"3", 2, 10}};
    r = must(SPC_P, q, 3, NULL);
    assert_true(r.points[0].lcl == 0);
    spc_result_free(&r);
}

/* --freeze: the limits of the first points apply to all; a later shift
 * signals. */
static void freeze_applies_baseline_limits_to_later_points(void **state)
{
    (void)state;
    SpcPoint p[] = {{"1", 4, NAN}, {"2", 5, NAN}, {"3", 3, NAN}, {"4", 4, NAN}, {"5", 30, NAN}, {"6", 25, NAN}};
    SpcResult r = must(SPC_C, p, 6, &(SpcOptions){4, false, NULL});
    for (size_t i = 0; i < 6; i++) {
        assert_true(r.points[i].cl == 4);
        assert_true(fabs(r.points[i].ucl - 10) < 1e-12);
    }
    assert_true(r.points[4].signal && r.points[5].signal && !r.points[3].signal);
    spc_result_free(&r);
    r = must(SPC_C, p, 6, NULL);
    assert_true(fabs(r.points[0].cl - 71.0 / 6) < 1e-12);
    spc_result_free(&r);
}

/* Excluded points leave centre line, limits and runs, but are still drawn
 * and can still signal (qicharts2's exclude). */
static void excluded_points_still_signal_but_do_not_count(void **state)
{
    (void)state;
    SpcPoint p[] = {{"1", 4, NAN}, {"2", 5, NAN}, {"3", 40, NAN}, {"4", 3, NAN}, {"5", 4, NAN}};
    bool ex[] = {false, false, true, false, false};
    SpcResult r = must(SPC_C, p, 5, &(SpcOptions){0, false, ex});
    assert_true(r.points[0].cl == 4);
    assert_true(r.points[2].signal);
    assert_int_equal(r.runs.useful, 2); /* 5 above, 3 below; the 4s are on the line, 40 excluded */
    spc_result_free(&r);
}

/* Moving ranges are not independent: runs figures, never a runs signal. */
static void mr_chart_never_signals_runs(void **state)
{
    (void)state;
    SpcPoint p[12];
    double y = 0;
    for (int i = 0; i < 12; i++) p[i] = (SpcPoint){"", y += i, NAN}; /* ranges 1, 2, …, 11 */
    SpcResult r = must(SPC_MR, p, 12, NULL);
    assert_int_equal(r.runs.useful, 10); /* 1 … 11 around their mean 6 */
    assert_int_equal(r.runs.crossings, 1);
    assert_int_equal(r.runs.crossings_min, 2);
    assert_false(r.runs.signal);
    spc_result_free(&r);
    r = must(SPC_RUN, p, 12, NULL);
    assert_true(r.runs.signal); /* the same shape as a run chart of the values does signal */
    spc_result_free(&r);
}

/* A constant series has σ̂ = 0: limits on the centre line, not missing, even
 * when screening would drop every (zero) range. */
static void constant_series_keeps_its_limits_when_screened(void **state)
{
    (void)state;
    SpcPoint p[] = {{"1", 7, NAN}, {"2", 7, NAN}, {"3", 7, NAN}};
    SpcResult r = must(SPC_I, p, 3, &(SpcOptions){0, true, NULL});
    assert_true(r.points[0].ucl == 7 && r.points[0].lcl == 7 && !r.points[0].signal);
    assert_int_equal(r.runs.useful, 0);
    assert_false(r.runs.signal);
    spc_result_free(&r);
}

/* A missing value is a gap: no point, no limits for a rate without it, and
 * the moving ranges on either side of it are not taken. */
static void missing_values_are_gaps(void **state)
{
    (void)state;
    SpcPoint u[] = {{"1", 2, 100}, {"2", NAN, 100}, {"3", 4, 100}};
    SpcResult r = must(SPC_U, u, 3, NULL);
    assert_true(fabs(r.points[0].cl - 0.03) < 1e-12);
    assert_true(isnan(r.points[1].y) && isnan(r.points[1].ucl) && !r.points[1].signal);
    spc_result_free(&r);
    SpcPoint i[] = {{"1", 10, NAN}, {"2", 12, NAN}, {"3", NAN, NAN}, {"4", 30, NAN}, {"5", 31, NAN}};
    r = must(SPC_I, i, 5, NULL);
    /* ranges 2 and 1 only: the jump 12 → 30 across the gap is not a range */
    assert_true(fabs(r.points[0].ucl - (r.points[0].cl + 3 * 1.5 / 1.128)) < 1e-12);
    spc_result_free(&r);
}

/* t chart: a transformed LCL below zero has no back-transform: 0. */
static void t_chart_lcl_is_zero_when_transform_goes_negative(void **state)
{
    (void)state;
    SpcPoint p[] = {{"1", 1, NAN}, {"2", 400, NAN}, {"3", 2, NAN}, {"4", 350, NAN}, {"5", 3, NAN}};
    SpcResult r = must(SPC_T, p, 5, NULL);
    assert_true(r.points[0].lcl == 0);
    assert_true(r.points[1].y == 400);
    spc_result_free(&r);
}

/* Long series: the binomial quantile must not underflow (exact values
 * from the binomial distribution computed with integers). */
static void crossings_minimum_for_long_series(void **state)
{
    (void)state;
    assert_int_equal(spc_crossings_min(0), 0);
    assert_int_equal(spc_crossings_min(1), 0);
    assert_int_equal(spc_crossings_min(101), 42);
    assert_int_equal(spc_crossings_min(200), 88);
    assert_int_equal(spc_crossings_min(500), 231);
    assert_int_equal(spc_crossings_min(1000), 474);
    assert_int_equal(spc_crossings_min(2000), 963);
    assert_int_equal(spc_longest_run_max(2000), 14);
}

static void json_has_the_documented_shape(void **state)
{
    (void)state;
    SpcPoint p[] = {{"2024-01", 1, NAN}, {"2024-02", 2, NAN}, {"2024-03", 1, NAN}};
    SpcResult r = must(SPC_MR, p, 3, NULL);
    json_t *j = spc_result_to_json(&r);
    char *s = json_dumps(j, JSON_COMPACT);
    assert_string_equal(s, "{\"chart\":\"mr\",\"points\":["
                           "{\"x\":\"2024-01\",\"y\":null,\"cl\":1.0,\"lcl\":0.0,\"ucl\":3.2669999999999999,\"signal\":false},"
                           "{\"x\":\"2024-02\",\"y\":1.0,\"cl\":1.0,\"lcl\":0.0,\"ucl\":3.2669999999999999,\"signal\":false},"
                           "{\"x\":\"2024-03\",\"y\":1.0,\"cl\":1.0,\"lcl\":0.0,\"ucl\":3.2669999999999999,\"signal\":false}],"
                           "\"runs\":{\"useful\":0,\"longest\":null,\"longest_max\":null,\"crossings\":null,"
                           "\"crossings_min\":null,\"signal\":false}}");
    free(s);
    json_decref(j);
    spc_result_free(&r);
    SpcPoint q[] = {{"a", 1, 3}, {"b", 2, 3}};
    r = must(SPC_P, q, 2, NULL);
    j = spc_result_to_json(&r);
    assert_true(json_real_value(json_object_get(json_array_get(json_object_get(j, "points"), 0), "cl")) == 0.5);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "runs"), "useful")), 2);
    json_decref(j);
    spc_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chart_names_round_trip),
        cmocka_unit_test(point_problems_name_field_and_chart),
        cmocka_unit_test(compute_refuses_naming_the_point),
        cmocka_unit_test(limits_that_do_not_exist_are_nan),
        cmocka_unit_test(p_limits_are_clipped_to_0_and_1),
        cmocka_unit_test(freeze_applies_baseline_limits_to_later_points),
        cmocka_unit_test(excluded_points_still_signal_but_do_not_count),
        cmocka_unit_test(mr_chart_never_signals_runs),
        cmocka_unit_test(constant_series_keeps_its_limits_when_screened),
        cmocka_unit_test(missing_values_are_gaps),
        cmocka_unit_test(t_chart_lcl_is_zero_when_transform_goes_negative),
        cmocka_unit_test(crossings_minimum_for_long_series),
        cmocka_unit_test(json_has_the_documented_shape),
    };
    return cmocka_run_group_tests_name("spc", tests, NULL, NULL);
}
