/*
 * spc_series.c — the plumbing every chart shares: checking the input,
 * turning it into the plotted statistic, the baseline (freeze and
 * exclusions), statistics over the baseline, and the finishing steps
 * (limits that do not exist, signals, runs analysis).
 *
 * The chart formulas live in spc_shewhart.c, spc_laney.c, spc_rare.c and
 * spc_runs.c; this file knows none of them beyond which function to call.
 */
#include "core/spc_internal.h"
#include "base/buf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef void (*LimitsFn)(SpcSeries *s);

static LimitsFn limits_fn(SpcChart c)
{
    switch (c) {
    case SPC_RUN: return spc_limits_run;
    case SPC_I: return spc_limits_i;
    case SPC_MR: return spc_limits_mr;
    case SPC_C: return spc_limits_c;
    case SPC_U: return spc_limits_u;
    case SPC_UP: return spc_limits_up;
    case SPC_P: return spc_limits_p;
    case SPC_PP: return spc_limits_pp;
    case SPC_G: return spc_limits_g;
    case SPC_T: return spc_limits_t;
    }
    return NULL;
}

/* --- statistics over the baseline ------------------------------------------ */

/* Sums in long double, as R does, so that a point equal to the centre line
 * in qicharts2 is equal here too. */
double spc_base_mean(const SpcSeries *s)
{
    long double sum = 0;
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->base[i] && !isnan(s->out[i].y)) sum += s->out[i].y, k++;
    return k ? (double)(sum / k) : NAN;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double spc_base_median(const SpcSeries *s)
{
    double *v = xmalloc(s->n * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->base[i] && !isnan(s->out[i].y)) v[k++] = s->out[i].y;
    qsort(v, k, sizeof *v, cmp_double);
    double m = !k ? NAN : k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    free(v);
    return m;
}

double spc_denominator(const SpcSeries *s, size_t i)
{
    double n = s->in[i].n;
    return isnan(s->in[i].y) || !(n > 0) || !isfinite(n) ? NAN : n;
}

double spc_base_ratio(const SpcSeries *s)
{
    long double count = 0, n = 0;
    for (size_t i = 0; i < s->n; i++) {
        double d = spc_denominator(s, i);
        if (!s->base[i] || isnan(d)) continue;
        count += s->in[i].y;
        n += d;
    }
    return n > 0 ? (double)(count / n) : NAN;
}

static double mean_of(const double *v, size_t k)
{
    long double sum = 0;
    for (size_t i = 0; i < k; i++) sum += v[i];
    return k ? (double)(sum / k) : NAN;
}

/* The moving ranges are taken between consecutive baseline points: an
 * excluded point is stepped over (its neighbours form a range), a missing
 * value breaks the chain (no range on either side of it), as in qicharts2.
 *
 * Screening (Nelson 1982, "Control charts for individual measurements",
 * JQT 14(3):172–173; qicharts2's qic.screenedmr): ranges at or above the
 * upper range limit D4·MR̄ = 3.267·MR̄ are dropped and MR̄ taken again, so
 * that one large jump does not widen the limits. A series whose ranges are
 * all zero is left as it is (qicharts2 would drop every range). */
double spc_mean_mr(const double *v, const bool *use, size_t n, bool screen)
{
    double *mr = xmalloc((n ? n : 1) * sizeof *mr);
    size_t k = 0;
    bool have_prev = false;
    double prev = NAN;
    for (size_t i = 0; i < n; i++) {
        if (use && !use[i]) continue;
        if (have_prev && !isnan(prev) && !isnan(v[i])) mr[k++] = fabs(v[i] - prev);
        prev = v[i];
        have_prev = true;
    }
    double m = mean_of(mr, k);
    if (screen && m > 0) {
        size_t kept = 0;
        for (size_t i = 0; i < k; i++)
            if (mr[i] < SPC_D4 * m) mr[kept++] = mr[i];
        m = mean_of(mr, kept);
    }
    free(mr);
    return m;
}

void spc_set_limits(SpcOut *o, double cl, double sd)
{
    o->cl = cl;
    o->lcl = cl - 3 * sd;
    o->ucl = cl + 3 * sd;
}

double spc_max0(double v)
{
    return isfinite(v) && v < 0 ? 0 : v;
}

/* --- checking and preparing --------------------------------------------------- */

static ErrCode check_input(SpcChart chart, const SpcPoint *pts, size_t n, size_t freeze, Err *e)
{
    if (!limits_fn(chart)) return err_set(e, ERR_INVALID, "Okänd diagramtyp.");
    if (!n) return err_set(e, ERR_INVALID, "Serien saknar punkter.");
    if (freeze > n)
        return err_set(e, ERR_INVALID, "Frysningen omfattar %zu punkter men serien har bara %zu.", freeze, n);
    for (size_t i = 0; i < n; i++) {
        const char *field, *why = spc_point_problem(chart, pts[i].y, pts[i].n, &field);
        if (why) return err_set(e, ERR_INVALID, "punkt %zu: %s %s", i + 1, spc_field_noun(field), why);
    }
    return ERR_OK;
}

/* The plotted statistic: rates and proportions for charts with a
 * denominator, moving ranges for the mr chart, the value otherwise. */
static void set_statistic(SpcChart chart, const SpcPoint *pts, size_t n, SpcOut *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i].x = pts[i].x;
        if (chart == SPC_MR) out[i].y = i ? fabs(pts[i].y - pts[i - 1].y) : NAN;
        else if (spc_chart_needs_n(chart)) out[i].y = isnan(pts[i].y) ? NAN : pts[i].y / pts[i].n;
        else out[i].y = pts[i].y;
    }
}

/* Limits that came out as NaN or ±∞ do not exist; a point is a signal when
 * it lies strictly outside its limits (Shewhart's rule 1). */
static void finish_points(SpcOut *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        SpcOut *o = &out[i];
        if (!isfinite(o->cl)) o->cl = NAN;
        if (!isfinite(o->lcl)) o->lcl = NAN;
        if (!isfinite(o->ucl)) o->ucl = NAN;
        o->signal = o->y > o->ucl || o->y < o->lcl;
    }
}

ErrCode spc_compute(SpcChart chart, const SpcPoint *pts, size_t n, const SpcOptions *opt, SpcResult *out, Err *e)
{
    static const SpcOptions none = {0, false, NULL};
    if (!opt) opt = &none;
    memset(out, 0, sizeof *out);
    if (check_input(chart, pts, n, opt->freeze, e)) return e->code;
    bool *include = xmalloc(2 * n * sizeof *include), *base = include + n;
    for (size_t i = 0; i < n; i++) {
        include[i] = !(opt->exclude && opt->exclude[i]);
        base[i] = include[i] && (!opt->freeze || i < opt->freeze);
    }
    out->chart = chart;
    out->n = n;
    out->points = xcalloc(n, sizeof *out->points);
    set_statistic(chart, pts, n, out->points);
    SpcSeries s = {pts, n, opt->screen_mr, base, out->points};
    limits_fn(chart)(&s);
    finish_points(out->points, n);
    spc_runs(out->points, include, n, &out->runs);
    /* Moving ranges are not independent, so runs rules do not apply to them
     * (qicharts2 reports the figures but never a runs signal on an MR chart). */
    if (chart == SPC_MR) out->runs.signal = false;
    free(include);
    return ERR_OK;
}

void spc_result_free(SpcResult *r)
{
    if (!r) return;
    free(r->points);
    memset(r, 0, sizeof *r);
}
