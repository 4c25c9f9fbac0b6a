/*
 * test_spc_reference.c — the statistics module (core/spc.h) against
 * published reference results other than qicharts2's: qcc's vignette
 * (Montgomery's textbook data), the "SPC for Healthcare" book, NHS Making
 * Data Count (NHSRplotthedots) and Anhøj's table of critical values. None of
 * the expected numbers are ours: each case names its file in
 * ../shared/spc-reference/ and the line of expected.md that states where the
 * file comes from. How the files are read and compared:
 * spc_reference_fixture.h. qicharts2's fixtures are in test_spc_qicharts2.c.
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

#include "spc_reference_fixture.h"

/* --- qcc (Montgomery's data; published in qcc's vignette) ------------------------------------ */

typedef struct {
    const char *file; /* expected_qcc_….csv */
    const char *cite;
    SpcChart chart;
    size_t freeze; /* qcc's newdata: limits from the first `freeze` points */
} Qcc;

/* Per point: statistic, center, LCL, UCL, and "1" in violation_rule (beyond
 * the limits) exactly where the point signals. qcc never screens. */
static void check_qcc(const Qcc *q, const Series *s)
{
    Table t = load(q->file);
    mismatches = 0;
    if (t.nrow != s->n) fail_msg("%s: %zu rows for %zu points", q->file, t.nrow, s->n);
    SpcResult r = compute(q->file, q->chart, s->p, s->n, &(SpcOptions){q->freeze, false, NULL});
    for (size_t i = 0; i < s->n; i++) {
        const SpcOut *o = &r.points[i];
        char where[200];
        snprintf(where, sizeof where, "%s [%s]", q->file, q->cite);
        near(where, "statistic", i, o->y, num(&t, i, "statistic"));
        near(where, "center", i, o->cl, num(&t, i, "center"));
        near(where, "LCL", i, o->lcl, num(&t, i, "LCL"));
        near(where, "UCL", i, o->ucl, num(&t, i, "UCL"));
        if (o->signal != !strcmp(cell(&t, i, "violation_rule"), "1"))
            mismatch(where, "point %zu beyond limits: got %d", i + 1, o->signal);
    }
    spc_result_free(&r);
    table_free(&t);
    free(s->p);
    done(q->file, q->cite);
}

/* qcc(trial rows without the 1-based positions in drop, newdata = the
 * other rows when with_new): the phase I points first, limits from them. */
static Series qcc_phases(const Table *t, const char *y, const char *n, const int *drop, bool with_new,
                         size_t *freeze)
{
    Series s = {0};
    size_t k = 0;
    bool all_trial = col(t, "trial") < 0;
    for (size_t r = 0; r < t->nrow; r++) {
        if (!all_trial && !truth(t, r, "trial")) continue;
        bool dropped = false;
        k++;
        for (const int *d = drop; d && *d; d++) dropped |= (size_t)*d == k;
        if (!dropped) put(&s, "", num(t, r, y), n ? num(t, r, n) : NAN);
    }
    *freeze = with_new ? s.n : 0;
    for (size_t r = 0; with_new && r < t->nrow; r++)
        if (!truth(t, r, "trial")) put(&s, "", num(t, r, y), n ? num(t, r, n) : NAN);
    return s;
}

static void qcc_case(const char *cite, const char *raw, const char *file, SpcChart chart, const char *y,
                     const char *n, const int *drop, bool with_new)
{
    Table t = load(raw);
    size_t freeze;
    Series s = qcc_phases(&t, y, n, drop, with_new, &freeze);
    check_qcc(&(Qcc){file, cite, chart, freeze}, &s);
    table_free(&t);
}

/* expected.md:46–48 and 55–56 (circuit boards: c chart on the trial; without
 * samples 6 and 20, with the rest as phase II, c and u: one violation, 28). */
static void qcc_circuit(void **state)
{
    (void)state;
    static const int drop[] = {6, 20, 0};
    qcc_case("expected.md:46", "qcc_circuit.csv", "expected_qcc_circuit_c_trial.csv", SPC_C, "x", NULL, NULL, false);
    qcc_case("expected.md:47", "qcc_circuit.csv", "expected_qcc_circuit_c_trial_excl6_20_newdata.csv", SPC_C, "x", NULL, drop, true);
    qcc_case("expected.md:48", "qcc_circuit.csv", "expected_qcc_circuit_u_trial_excl6_20_newdata.csv", SPC_U, "x", "size", drop, true);
}

/* expected.md:42, 44–45 (orange juice cans: p on the trial; without samples
 * 15 and 23 plus phase II; the second orange-juice data set with phase II). */
static void qcc_orangejuice(void **state)
{
    (void)state;
    static const int drop[] = {15, 23, 0};
    qcc_case("expected.md:42", "qcc_orangejuice.csv", "expected_qcc_orangejuice_p_trial.csv", SPC_P, "D", "size", NULL, false);
    qcc_case("expected.md:44", "qcc_orangejuice.csv", "expected_qcc_orangejuice_p_trial_excl15_23_newdata.csv", SPC_P, "D", "size",
             drop, true);
    qcc_case("expected.md:45", "qcc_orangejuice2.csv", "expected_qcc_orangejuice2_p_trial_newdata.csv", SPC_P, "D", "size", NULL, true);
}

/* expected.md:49 and 57 (u charts: personal computers, dyed cloth). */
static void qcc_u(void **state)
{
    (void)state;
    qcc_case("expected.md:49", "qcc_pcmanufact.csv", "expected_qcc_pcmanufact_u.csv", SPC_U, "x", "size", NULL, false);
    qcc_case("expected.md:57", "qcc_dyedcloth.csv", "expected_qcc_dyedcloth_u.csv", SPC_U, "x", "size", NULL, false);
}

/* expected.md:50, 52, 54 and 58 (xbar.one with σ̂ = MR̄/1.128, i.e. an I chart
 * without screening: viscosity trial, viscosity without batch 4 plus phase
 * II, antifreeze). */
static void qcc_individuals(void **state)
{
    (void)state;
    static const int drop[] = {4, 0};
    qcc_case("expected.md:50", "qcc_viscosity.csv", "expected_qcc_viscosity_xbarone_MR_trial.csv", SPC_I, "viscosity", NULL, NULL,
             false);
    qcc_case("expected.md:52", "qcc_viscosity.csv", "expected_qcc_viscosity_xbarone_MR_trial_excl4_newdata.csv", SPC_I, "viscosity",
             NULL, drop, true);
    qcc_case("expected.md:58", "qcc_antifreeze.csv", "expected_qcc_antifreeze_xbarone_MR.csv", SPC_I, "water", NULL, NULL, false);
}

/* --- NHS Making Data Count (NHSRplotthedots) ---------------------------------------------- */

/* expected.md:152–156. MDC draws mean ± 2.66·MR̄, where Lots (Montgomery,
 * NIST) uses 3·MR̄/1.128 = 2.6596·MR̄; the charts differ in that constant
 * only. So the test compares the mean and the MR̄ MDC's limits imply,
 * (UPL − mean)/2.66 and (mean − LPL)/2.66, with Lots's (UCL − CL)·1.128/3:
 * that checks the screening of moving ranges against an independent
 * implementation. */
static void check_mdc(const char *file, bool screen, double y15)
{
    Table raw = load("mdc_rnorm_seed123.csv"), e = load(file);
    Series s = column(&raw, NULL, "y", NULL, 0, raw.nrow);
    if (!isnan(y15)) s.p[14].y = y15;
    mismatches = 0;
    SpcResult r = compute(file, SPC_I, s.p, s.n, &(SpcOptions){0, screen, NULL});
    for (size_t i = 0; i < s.n; i++) {
        const SpcOut *o = &r.points[i];
        double mean = num(&e, i, "mean_col");
        near(file, "y", i, o->y, num(&e, i, "y"));
        near(file, "mean", i, o->cl, mean);
        near(file, "MR̄ from UPL", i, (o->ucl - o->cl) * 1.128 / 3, (num(&e, i, "upl") - mean) / 2.66);
        near(file, "MR̄ from LPL", i, (o->cl - o->lcl) * 1.128 / 3, (mean - num(&e, i, "lpl")) / 2.66);
        if (o->signal != truth(&e, i, "outside_limits")) mismatch(file, "point %zu outside: got %d", i + 1, o->signal);
    }
    spc_result_free(&r);
    free(s.p);
    table_free(&raw);
    table_free(&e);
    done(file, "expected.md:152");
}

static void mdc_xmr(void **state)
{
    (void)state;
    check_mdc("expected_mdc_rnorm_seed123_screen.csv", true, NAN);
    check_mdc("expected_mdc_rnorm_seed123_y15eq10_screen.csv", true, 10);
    check_mdc("expected_mdc_rnorm_seed123_y15eq10_noscreen.csv", false, 10);
}

/* --- "SPC for Healthcare" (Anhøj & Mohammed), chapter 6 ---------------------------------- */

/* One row of expected_spc4hc_summary.csv: centre, the range of the limits,
 * the points outside (1-based, space-separated) and the runs figures. */
static void check_spc4hc(const char *name, SpcChart chart, const Series *s, bool screen, double m)
{
    Table e = load("expected_spc4hc_summary.csv");
    size_t row = 0;
    while (row < e.nrow && strcmp(cell(&e, row, "case"), name)) row++;
    if (row == e.nrow) fail_msg("expected_spc4hc_summary.csv has no case %s", name);
    mismatches = 0;
    SpcResult r = compute(name, chart, s->p, s->n, &(SpcOptions){0, screen, NULL});
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    Buf outside = BUF_INIT;
    for (size_t i = 0; i < r.n; i++) {
        const SpcOut *o = &r.points[i];
        lo[0] = fmin(lo[0], o->lcl * m), hi[0] = fmax(hi[0], o->lcl * m);
        lo[1] = fmin(lo[1], o->ucl * m), hi[1] = fmax(hi[1], o->ucl * m);
        if (o->signal) buf_printf(&outside, "%s%zu", outside.len ? " " : "", i + 1);
    }
    near(name, "cl", 0, r.points[0].cl * m, num(&e, row, "cl"));
    near(name, "lcl_min", 0, lo[0], num(&e, row, "lcl_min"));
    near(name, "lcl_max", 0, hi[0], num(&e, row, "lcl_max"));
    near(name, "ucl_min", 0, lo[1], num(&e, row, "ucl_min"));
    near(name, "ucl_max", 0, hi[1], num(&e, row, "ucl_max"));
    if (strcmp(buf_cstr(&outside), cell(&e, row, "sigma_signal_points")))
        mismatch(name, "points outside: got '%s', want '%s'", buf_cstr(&outside), cell(&e, row, "sigma_signal_points"));
    same(name, "runs_signal", r.runs.signal, truth(&e, row, "runs_signal"));
    same(name, "longest_run", (long long)r.runs.longest, (long long)num(&e, row, "longest_run"));
    same(name, "longest_run_max", (long long)r.runs.longest_max, (long long)num(&e, row, "longest_run_max"));
    same(name, "n_crossings", (long long)r.runs.crossings, (long long)num(&e, row, "n_crossings"));
    same(name, "n_crossings_min", (long long)r.runs.crossings_min, (long long)num(&e, row, "n_crossings_min"));
    buf_free(&outside);
    spc_result_free(&r);
    table_free(&e);
    done(name, "expected.md:136");
}

/* expected.md:138–140 (bacteremia: C, U ×10 000, P ×100). */
static void spc4hc_bacteremia(void **state)
{
    (void)state;
    Table t = load("spc4hc_bacteremia.csv");
    Series c = column(&t, "month", "ha_infections", NULL, 0, t.nrow);
    Series u = column(&t, "month", "ha_infections", "risk_days", 0, t.nrow);
    Series p = column(&t, "month", "deaths", "patients", 0, t.nrow);
    check_spc4hc("bacteremia_c", SPC_C, &c, true, 1);
    check_spc4hc("bacteremia_u_x10000", SPC_U, &u, true, 10000);
    check_spc4hc("bacteremia_deaths_p_x100", SPC_P, &p, true, 100);
    free(c.p), free(u.p), free(p.p);
    table_free(&t);
}

/* expected.md:141–142 (C-section delay, last 60: I unscreened as the book's
 * code, I screened, MR: "three above UCL", no runs signal on an MR chart). */
static void spc4hc_csection(void **state)
{
    (void)state;
    Table t = load("spc4hc_csection_delay.csv");
    Series s = column(&t, "datetime", "delay", NULL, t.nrow - 60, t.nrow);
    check_spc4hc("csection_last60_i_unscreened", SPC_I, &s, false, 1);
    check_spc4hc("csection_last60_i_screened", SPC_I, &s, true, 1);
    check_spc4hc("csection_last60_mr", SPC_MR, &s, true, 1);
    free(s.p);
    table_free(&t);
}

/* --- Anhøj's critical values ------------------------------------------------------------------ */

/* expected.md:173–177: n = 1..100, round(log2(n)) + 3 and
 * qbinom(0.05, n − 1, 0.5), as computed by R. */
static void anhoej_critical_values(void **state)
{
    (void)state;
    Table t = load("anhoej_critical_values.csv");
    mismatches = 0;
    assert_int_equal(t.nrow, 100);
    for (size_t r = 0; r < t.nrow; r++) {
        size_t n = (size_t)num(&t, r, "n_useful");
        char where[64];
        snprintf(where, sizeof where, "anhoej_critical_values.csv n=%zu", n);
        same(where, "longest_run_max", (long long)spc_longest_run_max(n), (long long)num(&t, r, "longest_run_max"));
        same(where, "n_crossings_min", (long long)spc_crossings_min(n), (long long)num(&t, r, "n_crossings_min"));
    }
    table_free(&t);
    done("anhoej_critical_values.csv", "expected.md:173");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(anhoej_critical_values),
        cmocka_unit_test(qcc_circuit),
        cmocka_unit_test(qcc_orangejuice),
        cmocka_unit_test(qcc_u),
        cmocka_unit_test(qcc_individuals),
        cmocka_unit_test(mdc_xmr),
        cmocka_unit_test(spc4hc_bacteremia),
        cmocka_unit_test(spc4hc_csection),
    };
    return cmocka_run_group_tests_name("spc reference results", tests, NULL, NULL);
}
