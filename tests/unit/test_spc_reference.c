/*
 * test_spc_reference.c — the statistics module (core/spc.h) against
 * published reference results: qicharts2's regression fixtures and
 * vignette cases, qcc's vignette (Montgomery's textbook data), the "SPC for
 * Healthcare" book, NHS Making Data Count (NHSRplotthedots) and Anhøj's
 * table of critical values. None of the expected numbers are ours: each
 * case names its file in ../shared/spc-reference/ and the line of
 * expected.md that states where the file comes from.
 *
 * The inputs are built from the raw data files (qicharts2_*.csv, qcc_*.csv,
 * spc4hc_*.csv …), never from the expected values. Every value must match to
 * 1e-6 relative (1e-9 absolute near zero); signals and runs figures exactly.
 *
 * The reference directory is $LOTS_SPC_REFERENCE, else ../shared/spc-reference
 * (tests run from the repository root). A missing directory fails the test:
 * a reference test that silently skips cannot fail.
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

#include "base/buf.h"
#include "core/spc.h"

/* --- reading the reference CSV files ------------------------------------------ */

typedef struct {
    char **head;
    size_t ncol;
    char **cells; /* nrow × ncol */
    size_t nrow;
} Table;

static const char *ref_dir(void)
{
    const char *env = getenv("LOTS_SPC_REFERENCE");
    return env && *env ? env : "../shared/spc-reference";
}

/* Splits one CSV line in place: fields separated by commas, "…" quoting. */
static size_t split_csv(char *line, char **field, size_t max)
{
    size_t nf = 0;
    char *p = line;
    while (nf < max) {
        char *w = p;
        field[nf++] = p;
        bool quoted = *p == '"';
        if (quoted) p++;
        for (; *p && (quoted || *p != ','); p++) {
            if (quoted && *p == '"') {
                if (p[1] == '"') p++;
                else {
                    quoted = false;
                    continue;
                }
            }
            *w++ = *p;
        }
        char end = *p;
        *w = '\0';
        if (!end) break;
        p++;
    }
    return nf;
}

static void add_row(Table *t, char *line, const char *file)
{
    char *f[64];
    size_t nf = split_csv(line, f, 64);
    if (!t->head) {
        t->ncol = nf;
        t->head = xcalloc(nf, sizeof *t->head);
        for (size_t i = 0; i < nf; i++) t->head[i] = xstrdup(f[i]);
        return;
    }
    if (nf != t->ncol) fail_msg("%s: a row with %zu fields, the header has %zu", file, nf, t->ncol);
    t->cells = xrealloc(t->cells, (t->nrow + 1) * t->ncol * sizeof *t->cells);
    for (size_t i = 0; i < nf; i++) t->cells[t->nrow * t->ncol + i] = xstrdup(f[i]);
    t->nrow++;
}

/* Lines starting with '#' (the spc4hc files' preamble) and blank lines are
 * skipped. */
static Table load(const char *file)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ref_dir(), file);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("reference file %s is missing: the reference data must be at $LOTS_SPC_REFERENCE or "
                 "../shared/spc-reference (relative to the repository root)",
                 path);
    Table t = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (!len || line[0] == '#') continue;
        add_row(&t, line, file);
    }
    free(line);
    fclose(f);
    return t;
}

static void table_free(Table *t)
{
    for (size_t i = 0; i < t->ncol; i++) free(t->head[i]);
    for (size_t i = 0; i < t->nrow * t->ncol; i++) free(t->cells[i]);
    free(t->head);
    free(t->cells);
}

static int col(const Table *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (!strcmp(t->head[i], name)) return (int)i;
    return -1;
}

static const char *cell(const Table *t, size_t row, const char *name)
{
    int c = col(t, name);
    if (c < 0) fail_msg("no column %s", name);
    return t->cells[row * t->ncol + (size_t)c];
}

static double num(const Table *t, size_t row, const char *name)
{
    const char *s = cell(t, row, name);
    return !*s || !strcmp(s, "NA") ? NAN : strtod(s, NULL);
}

static bool truth(const Table *t, size_t row, const char *name)
{
    const char *s = cell(t, row, name);
    return !strcmp(s, "TRUE") || !strcmp(s, "1");
}

/* --- comparing -------------------------------------------------------------------- */

static int mismatches;

static void mismatch(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void mismatch(const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  %s: ", where);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    mismatches++;
}

static bool close_to(double got, double want)
{
    if (isnan(want) || isnan(got)) return isnan(want) && isnan(got);
    double d = fabs(got - want);
    return d <= 1e-6 * fabs(want) || d <= 1e-9;
}

static void near(const char *where, const char *what, size_t i, double got, double want)
{
    if (!close_to(got, want)) mismatch(where, "point %zu %s: got %.15g, want %.15g", i + 1, what, got, want);
}

static void same(const char *where, const char *what, long long got, long long want)
{
    if (got != want) mismatch(where, "%s: got %lld, want %lld", what, got, want);
}

static void done(const char *where, const char *cite)
{
    if (mismatches) fail_msg("%s [%s]: %d mismatches (listed above)", where, cite, mismatches);
}

/* --- series ------------------------------------------------------------------------------ */

typedef struct {
    SpcPoint *p;
    size_t n;
} Series;

static void put(Series *s, const char *x, double y, double n)
{
    s->p = xrealloc(s->p, (s->n + 1) * sizeof *s->p);
    s->p[s->n++] = (SpcPoint){x, y, n};
}

/* One column (and a denominator column, or NULL) of a raw table, rows
 * [from, to). */
static Series column(const Table *t, const char *xcol, const char *ycol, const char *ncol, size_t from, size_t to)
{
    Series s = {0};
    for (size_t r = from; r < to && r < t->nrow; r++)
        put(&s, xcol ? cell(t, r, xcol) : "", num(t, r, ycol), ncol ? num(t, r, ncol) : NAN);
    return s;
}

static bool *exclusions(size_t n, const int *one_based)
{
    bool *ex = xcalloc(n ? n : 1, sizeof *ex);
    for (; one_based && *one_based; one_based++) ex[*one_based - 1] = true;
    return ex;
}

static SpcResult compute(const char *where, SpcChart chart, const SpcPoint *p, size_t n, const SpcOptions *opt)
{
    SpcResult r;
    Err e = ERR_INIT;
    if (spc_compute(chart, p, n, opt, &r, &e)) fail_msg("%s: spc_compute refused: %s", where, e.msg);
    return r;
}

/* --- qicharts2 fixtures: one row per point -------------------------------------------------- */

typedef struct {
    const char *file; /* expected_qicharts2_….csv */
    const char *cite; /* where expected.md states its source */
    SpcChart chart;
    size_t freeze;
    const int *exclude; /* 1-based, 0-terminated */
    double multiply;    /* qic(multiply =); 0 means 1 */
} Qic;

static void compare_qic_runs(const char *where, const Table *t, size_t row, const SpcRuns *r)
{
    same(where, "n.useful", (long long)r->useful, (long long)num(t, row, "n.useful"));
    same(where, "longest.run", (long long)r->longest, (long long)num(t, row, "longest.run"));
    same(where, "longest.run.max", (long long)r->longest_max, (long long)num(t, row, "longest.run.max"));
    same(where, "n.crossings", (long long)r->crossings, (long long)num(t, row, "n.crossings"));
    same(where, "n.crossings.min", (long long)r->crossings_min, (long long)num(t, row, "n.crossings.min"));
    same(where, "runs.signal", r->signal, truth(t, row, "runs.signal"));
}

/* The rows [from, to) of one block of the fixture: one part, computed on
 * its own as qicharts2 does (freeze applies only without parts). */
static void check_qic_part(const Qic *q, const Table *t, const Series *s, size_t from, size_t to, size_t block,
                           bool screen, bool one_part)
{
    size_t first = from - block * s->n, n = to - from;
    bool *ex = exclusions(s->n, q->exclude);
    SpcOptions opt = {one_part ? q->freeze : 0, screen, ex + first};
    SpcResult r = compute(q->file, q->chart, s->p + first, n, &opt);
    double m = q->multiply ? q->multiply : 1;
    char where[300];
    snprintf(where, sizeof where, "%s [%s] (screenedmr %s, part from point %zu)", q->file, q->cite,
             screen ? "TRUE" : "FALSE", first + 1);
    for (size_t i = 0; i < n; i++) {
        size_t row = from + i;
        const SpcOut *o = &r.points[i];
        near(where, "y", first + i, o->y * m, num(t, row, "y"));
        near(where, "cl", first + i, o->cl * m, num(t, row, "cl"));
        near(where, "ucl", first + i, o->ucl * m, num(t, row, "ucl"));
        near(where, "lcl", first + i, o->lcl * m, num(t, row, "lcl"));
        if (o->signal != truth(t, row, "sigma.signal"))
            mismatch(where, "point %zu sigma.signal: got %d", first + i + 1, o->signal);
    }
    compare_qic_runs(where, t, from, &r.runs);
    spc_result_free(&r);
    free(ex);
}

/* Fixtures with a screenedmr column hold the series twice, screened and
 * not; the others were made with qicharts2's default (screened). */
static void check_qic(const Qic *q, const Series *s)
{
    Table t = load(q->file);
    bool two = col(&t, "screenedmr") >= 0;
    mismatches = 0;
    if (t.nrow != s->n * (two ? 2 : 1)) fail_msg("%s: %zu rows for %zu points", q->file, t.nrow, s->n);
    for (size_t b = 0; b < (two ? 2u : 1u); b++) {
        bool screen = two ? truth(&t, b * s->n, "screenedmr") : true;
        size_t end = (b + 1) * s->n;
        bool one_part = !strcmp(cell(&t, b * s->n, "part"), cell(&t, end - 1, "part"));
        for (size_t from = b * s->n; from < end;) {
            size_t to = from;
            while (to < end && !strcmp(cell(&t, to, "part"), cell(&t, from, "part"))) to++;
            check_qic_part(q, &t, s, from, to, b, screen, one_part);
            from = to;
        }
    }
    table_free(&t);
    free(s->p);
    done(q->file, q->cite);
}

/* A raw table's column as a series, checked against a qicharts2 fixture. */
static void qic_raw(const Qic *q, const char *raw, const char *x, const char *y, const char *n)
{
    Table t = load(raw);
    Series s = column(&t, x, y, n, 0, t.nrow);
    check_qic(q, &s);
    table_free(&t);
}

/* expected.md:116–117 (cdi run charts; vignette "median of before period 19;
 * run of 15 below"), raw qicharts2_cdi.csv. */
static void qic_cdi_run(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_cdi_run.csv", "expected.md:117", SPC_RUN, 0, NULL, 0}, "qicharts2_cdi.csv",
            "month", "n", NULL);
}

static void qic_cdi_run_freeze24(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_cdi_run_freeze24.csv", "expected.md:116", SPC_RUN, 24, NULL, 0},
            "qicharts2_cdi.csv", "month", "n", NULL);
}

/* expected.md:118 (cdi c, part = 24: "average 19 → 7"); the run and u
 * charts with the same split are in the same directory (expected.md:112). */
static void qic_cdi_parts(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_cdi_run_part24.csv", "expected.md:112", SPC_RUN, 0, NULL, 0},
            "qicharts2_cdi.csv", "month", "n", NULL);
    qic_raw(&(Qic){"expected_qicharts2_cdi_c_part24.csv", "expected.md:118", SPC_C, 0, NULL, 0}, "qicharts2_cdi.csv",
            "month", "n", NULL);
    qic_raw(&(Qic){"expected_qicharts2_cdi_u_part24_x10000.csv", "expected.md:112", SPC_U, 0, NULL, 10000},
            "qicharts2_cdi.csv", "month", "n", "days");
}

/* expected.md:83–84 (Montgomery's loan-processing cost, tbl_06.07). */
static void qic_tbl_06_07(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_tbl_06.07_i_freeze20.csv", "expected.md:83", SPC_I, 20, NULL, 0},
            "qicharts2_montgomery_tbl_06.07.csv", "weeks", "cost", NULL);
    qic_raw(&(Qic){"expected_qicharts2_tbl_06.07_mr_freeze20.csv", "expected.md:84", SPC_MR, 20, NULL, 0},
            "qicharts2_montgomery_tbl_06.07.csv", "weeks", "cost", NULL);
}

/* expected.md:85 (orange juice p chart, exclude 15 and 23, part at 30). */
static void qic_tbl_07_03(void **state)
{
    (void)state;
    static const int ex[] = {15, 23, 0};
    qic_raw(&(Qic){"expected_qicharts2_tbl_07.03_p_exclude15_23_part30.csv", "expected.md:85", SPC_P, 0, ex, 0},
            "qicharts2_montgomery_tbl_07.03.csv", "sample", "count", "size");
}

/* expected.md:86 (p chart with variable n). */
static void qic_tbl_07_04(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_tbl_07.04_p.csv", "expected.md:86", SPC_P, 0, NULL, 0},
            "qicharts2_montgomery_tbl_07.04.csv", "sample", "count", "size");
}

/* expected.md:87 (circuit boards c chart, exclude 6 and 20, freeze 26). */
static void qic_tbl_07_08(void **state)
{
    (void)state;
    static const int ex[] = {6, 20, 0};
    qic_raw(&(Qic){"expected_qicharts2_tbl_07.08_c_exclude6_20_freeze26.csv", "expected.md:87", SPC_C, 26, ex, 0},
            "qicharts2_montgomery_tbl_07.08.csv", "sample", "count", NULL);
}

/* expected.md:88–89 (u charts; dyed cloth per 50 m). */
static void qic_tbl_07_10_11(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_tbl_07.10_u.csv", "expected.md:88", SPC_U, 0, NULL, 0},
            "qicharts2_montgomery_tbl_07.10.csv", "sample", "count", "size");
    qic_raw(&(Qic){"expected_qicharts2_tbl_07.11_u_multiply50.csv", "expected.md:89", SPC_U, 0, NULL, 50},
            "qicharts2_montgomery_tbl_07.11.csv", "roll", "count", "meters");
}

/* expected.md:90 (time between failures, t chart). */
static void qic_tbl_07_14(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_tbl_07.14_t.csv", "expected.md:90", SPC_T, 0, NULL, 0},
            "qicharts2_montgomery_tbl_07.14.csv", "failure", "hours", NULL);
}

/* expected.md:119–121: the last 100 CABG patients' age (qicharts2_cabg.csv). */
static void qic_cabg_last100(void **state)
{
    (void)state;
    static const int ex[] = {45, 70, 0};
    const Qic cases[] = {
        {"expected_qicharts2_cabg_last100_age_i.csv", "expected.md:119", SPC_I, 0, NULL, 0},
        {"expected_qicharts2_cabg_last100_age_mr.csv", "expected.md:120", SPC_MR, 0, NULL, 0},
        {"expected_qicharts2_cabg_last100_age_i_excl45_70.csv", "expected.md:121", SPC_I, 0, ex, 0},
    };
    Table t = load("qicharts2_cabg.csv");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Series s = column(&t, NULL, "age", NULL, t.nrow - 100, t.nrow);
        check_qic(&cases[i], &s);
    }
    table_free(&t);
}

/* expected.md:122 (readmissions by month, p; the p′ and deaths p fixtures
 * sit beside it, expected.md:112), raw qicharts2_cabg_by_month.csv. */
static void qic_cabg_by_month(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_cabg_readmissions_p.csv", "expected.md:122", SPC_P, 0, NULL, 0},
            "qicharts2_cabg_by_month.csv", "month", "readmissions", "n");
    qic_raw(&(Qic){"expected_qicharts2_cabg_readmissions_pp.csv", "expected.md:112", SPC_PP, 0, NULL, 0},
            "qicharts2_cabg_by_month.csv", "month", "readmissions", "n");
    qic_raw(&(Qic){"expected_qicharts2_cabg_deaths_p.csv", "expected.md:112", SPC_P, 0, NULL, 0},
            "qicharts2_cabg_by_month.csv", "month", "deaths", "n");
}

/* expected.md:123–124 (surgeries and days between deaths). */
static void qic_cabg_fatalities(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_cabg_fatalities_g.csv", "expected.md:123", SPC_G, 0, NULL, 0},
            "qicharts2_cabg_fatalities.csv", NULL, "dd", NULL);
    qic_raw(&(Qic){"expected_qicharts2_cabg_fatalities_t.csv", "expected.md:124", SPC_T, 0, NULL, 0},
            "qicharts2_cabg_fatalities.csv", NULL, "dt", NULL);
}

/* expected.md:125 (NHS accidents: p too narrow; i and p′ fit). The I chart
 * is of the proportions r/n. */
static void qic_nhs_accidents(void **state)
{
    (void)state;
    qic_raw(&(Qic){"expected_qicharts2_nhs_accidents_p.csv", "expected.md:125", SPC_P, 0, NULL, 0},
            "qicharts2_nhs_accidents.csv", "i", "r", "n");
    qic_raw(&(Qic){"expected_qicharts2_nhs_accidents_pp.csv", "expected.md:125", SPC_PP, 0, NULL, 0},
            "qicharts2_nhs_accidents.csv", "i", "r", "n");
    Table t = load("qicharts2_nhs_accidents.csv");
    Series s = {0};
    for (size_t r = 0; r < t.nrow; r++) put(&s, cell(&t, r, "i"), num(&t, r, "r") / num(&t, r, "n"), NAN);
    check_qic(&(Qic){"expected_qicharts2_nhs_accidents_i.csv", "expected.md:125", SPC_I, 0, NULL, 0}, &s);
    table_free(&t);
}

/* expected.md:62–64 (qicharts2's I chart on qcc's viscosity trial: unscreened
 * equals qcc, screened narrower). */
static void qic_viscosity(void **state)
{
    (void)state;
    Table t = load("qcc_viscosity.csv");
    Series s = {0};
    for (size_t r = 0; r < t.nrow; r++)
        if (truth(&t, r, "trial")) put(&s, cell(&t, r, "batch"), num(&t, r, "viscosity"), NAN);
    check_qic(&(Qic){"expected_qicharts2_qcc_viscosity_trial_i.csv", "expected.md:62", SPC_I, 0, NULL, 0}, &s);
    table_free(&t);
}

/* --- hospital infections: aggregated series --------------------------------------------- */

/* Sums n and days per month over the rows that match hospital and
 * infection (NULL: any), as qic() aggregates a subgroup. Months are in file
 * order, which is chronological. */
static Series hai_series(const Table *t, const char *hospital, const char *infection)
{
    Series s = {0};
    for (size_t r = 0; r < t->nrow; r++) {
        if (hospital && strcmp(cell(t, r, "hospital"), hospital)) continue;
        if (infection && strcmp(cell(t, r, "infection"), infection)) continue;
        const char *month = cell(t, r, "month");
        size_t i = 0;
        while (i < s.n && strcmp(s.p[i].x, month)) i++;
        if (i == s.n) put(&s, month, 0, 0);
        s.p[i].y += num(t, r, "n");
        s.p[i].n += num(t, r, "days");
    }
    return s;
}

/* expected.md:100–102: the month-by-month series over all hospitals, as u
 * and u′ per 10 000 bed days. */
static void qic_hospital_infections(void **state)
{
    (void)state;
    Table t = load("qicharts2_hospital_infections.csv");
    Series s = hai_series(&t, NULL, NULL);
    check_qic(&(Qic){"expected_qicharts2_hospital_infections_u_x10000.csv", "expected.md:100", SPC_U, 0, NULL, 10000},
              &s);
    s = hai_series(&t, NULL, NULL);
    check_qic(&(Qic){"expected_qicharts2_hospital_infections_up_x10000.csv", "expected.md:100", SPC_UP, 0, NULL,
                     10000},
              &s);
    table_free(&t);
}

/* One summary.qic row: runs figures, mean limits, number of points outside. */
static void check_summary_row(const char *where, const Table *e, size_t row, const SpcResult *r, double m)
{
    double lcl = 0, ucl = 0, cl = 0;
    long long outside = 0;
    for (size_t i = 0; i < r->n; i++) {
        lcl += r->points[i].lcl * m;
        ucl += r->points[i].ucl * m;
        cl += r->points[i].cl * m;
        outside += r->points[i].signal;
    }
    near(where, "aLCL", row, lcl / (double)r->n, num(e, row, "aLCL"));
    near(where, "CL", row, cl / (double)r->n, num(e, row, "CL"));
    near(where, "aUCL", row, ucl / (double)r->n, num(e, row, "aUCL"));
    same(where, "sigma.signal", outside, (long long)num(e, row, "sigma.signal"));
    same(where, "n.useful", (long long)r->runs.useful, (long long)num(e, row, "n.useful"));
    same(where, "longest.run", (long long)r->runs.longest, (long long)num(e, row, "longest.run"));
    same(where, "longest.run.max", (long long)r->runs.longest_max, (long long)num(e, row, "longest.run.max"));
    same(where, "n.crossings", (long long)r->runs.crossings, (long long)num(e, row, "n.crossings"));
    same(where, "n.crossings.min", (long long)r->runs.crossings_min, (long long)num(e, row, "n.crossings.min"));
}

/* expected.md:102–103 (hai_1: all hospitals; hai_2: per infection; hai_3:
 * per hospital and infection, "runs signal only for BOH/UTI and NOH/UTI"). */
static void qic_hai_summaries(void **state)
{
    (void)state;
    Table raw = load("qicharts2_hospital_infections.csv");
    static const char *const files[] = {"expected_qicharts2_hai_1_summary.csv", "expected_qicharts2_hai_2_summary.csv",
                                        "expected_qicharts2_hai_3_summary.csv"};
    mismatches = 0;
    for (int f = 0; f < 3; f++) {
        Table e = load(files[f]);
        for (size_t row = 0; row < e.nrow; row++) {
            const char *f1 = cell(&e, row, "facet1"), *f2 = cell(&e, row, "facet2");
            Series s = hai_series(&raw, f == 2 ? f1 : NULL, f == 1 ? f1 : f == 2 ? f2 : NULL);
            SpcResult r = compute(files[f], SPC_U, s.p, s.n, &(SpcOptions){0, true, NULL});
            check_summary_row(files[f], &e, row, &r, 1);
            same(files[f], "runs.signal", r.runs.signal, truth(&e, row, "runs.signal"));
            spc_result_free(&r);
            free(s.p);
        }
        table_free(&e);
    }
    table_free(&raw);
    done("hai summaries", "expected.md:102");
}

enum { NH = 6 };
static const char *const hospitals[NH] = {"AHH", "BFH", "BOH", "HGH", "NOH", "RGH"};
static const char *const infections[3] = {"BAC", "CDI", "UTI"};

typedef struct {
    double days[NH];             /* all infections: what reorder() ranks by */
    double count[NH][3], risk[NH][3];
    int order[NH];               /* hospitals by ascending bed days */
} Funnel;

static int index_of(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], name)) return i;
    fail_msg("unknown name %s", name);
    return -1;
}

static void funnel_totals(const Table *raw, Funnel *f)
{
    memset(f, 0, sizeof *f);
    for (size_t r = 0; r < raw->nrow; r++) {
        if (strcmp(cell(raw, r, "month"), "2016-07-01") < 0) continue;
        int h = index_of(hospitals, NH, cell(raw, r, "hospital")), k = index_of(infections, 3, cell(raw, r, "infection"));
        f->days[h] += num(raw, r, "days");
        f->count[h][k] += num(raw, r, "n");
        f->risk[h][k] += num(raw, r, "days");
    }
    for (int i = 0; i < NH; i++) f->order[i] = i;
    for (int i = 1; i < NH; i++)
        for (int j = i; j > 0 && f->days[f->order[j]] < f->days[f->order[j - 1]]; j--) {
            int tmp = f->order[j];
            f->order[j] = f->order[j - 1];
            f->order[j - 1] = tmp;
        }
}

/* expected.md:104–106 (hai_4, the funnel: per infection, one point per
 * hospital from 2016-07 on, hospitals ordered by their bed days as
 * reorder() does; ×10 000; one point outside in each infection). The runs
 * figures are computed though qicharts2 does not signal on categories. */
static void qic_hai_funnel(void **state)
{
    (void)state;
    Table raw = load("qicharts2_hospital_infections.csv"), e = load("expected_qicharts2_hai_4_summary.csv");
    Funnel f;
    funnel_totals(&raw, &f);
    mismatches = 0;
    for (size_t row = 0; row < e.nrow; row++) {
        int k = index_of(infections, 3, cell(&e, row, "facet1"));
        SpcPoint p[NH];
        for (int i = 0; i < NH; i++) {
            int h = f.order[i];
            p[i] = (SpcPoint){hospitals[h], f.count[h][k], f.risk[h][k]};
        }
        SpcResult r = compute("hai_4", SPC_U, p, NH, &(SpcOptions){0, true, NULL});
        check_summary_row("expected_qicharts2_hai_4_summary.csv", &e, row, &r, 10000);
        spc_result_free(&r);
    }
    table_free(&raw);
    table_free(&e);
    done("hai_4 funnel", "expected.md:104");
}

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
        cmocka_unit_test(qic_cdi_run),
        cmocka_unit_test(qic_cdi_run_freeze24),
        cmocka_unit_test(qic_cdi_parts),
        cmocka_unit_test(qic_tbl_06_07),
        cmocka_unit_test(qic_tbl_07_03),
        cmocka_unit_test(qic_tbl_07_04),
        cmocka_unit_test(qic_tbl_07_08),
        cmocka_unit_test(qic_tbl_07_10_11),
        cmocka_unit_test(qic_tbl_07_14),
        cmocka_unit_test(qic_cabg_last100),
        cmocka_unit_test(qic_cabg_by_month),
        cmocka_unit_test(qic_cabg_fatalities),
        cmocka_unit_test(qic_nhs_accidents),
        cmocka_unit_test(qic_viscosity),
        cmocka_unit_test(qic_hospital_infections),
        cmocka_unit_test(qic_hai_summaries),
        cmocka_unit_test(qic_hai_funnel),
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
