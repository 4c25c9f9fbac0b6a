/*
 * spc_shewhart.c — Shewhart's control charts with 3-sigma limits: the
 * individuals (I) and moving-range (MR) charts, the c chart for counts, the
 * u chart for rates and the p chart for proportions.
 *
 * Sources:
 *   Montgomery DC. Introduction to Statistical Quality Control. Wiley
 *     (6th ed. 2009): §6.4 individuals and moving-range charts, §7.2 the
 *     p chart (variable sample size §7.2.2), §7.3 the c and u charts.
 *   NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.2 (individuals
 *     control charts), §6.3.3.1 (counts: c and u), §6.3.3.2 (proportions: p).
 *
 * Centre lines and σ come from the baseline points only (spc_series.c); an
 * LCL below 0 of a count, rate or proportion is reported as 0 and a p UCL
 * above 1 as 1, as qicharts2 and qcc report them.
 */
#include "core/spc_internal.h"
#include "base/buf.h"

#include <math.h>
#include <stdlib.h>

/* I chart: centre x̄ (the mean of the values); σ̂ = MR̄ / d2 with d2 = 1.128
 * for moving ranges of two (Montgomery eq. 6.33; NIST §6.3.2.2);
 * limits x̄ ± 3σ̂. With screening, MR̄ is taken after dropping moving ranges
 * ≥ 3.267·MR̄ (spc_series.c). Also the engine of the t chart. */
void spc_limits_i(SpcSeries *s)
{
    double cl = spc_base_mean(s);
    double *v = xmalloc(s->n * sizeof *v);
    for (size_t i = 0; i < s->n; i++) v[i] = s->out[i].y;
    double sigma = spc_mean_mr(v, s->base, s->n, s->screen_mr) / SPC_D2;
    free(v);
    for (size_t i = 0; i < s->n; i++) spc_set_limits(&s->out[i], cl, sigma);
}

/* MR chart: the plotted values are |x_i − x_{i−1}| (none for the first
 * point); centre MR̄; UCL = D4·MR̄ = 3.267·MR̄, LCL = D3·MR̄ = 0 for ranges of
 * two (Montgomery §6.4, Table VI; NIST §6.3.2.2). */
void spc_limits_mr(SpcSeries *s)
{
    double cl = spc_base_mean(s);
    for (size_t i = 0; i < s->n; i++) {
        s->out[i].cl = cl;
        s->out[i].lcl = 0;
        s->out[i].ucl = SPC_D4 * cl;
    }
}

/* c chart: centre c̄ (mean count); σ = √c̄ (Poisson); limits c̄ ± 3√c̄
 * (Montgomery eq. 7.17; NIST §6.3.3.1). */
void spc_limits_c(SpcSeries *s)
{
    double cl = spc_base_mean(s);
    for (size_t i = 0; i < s->n; i++) {
        spc_set_limits(&s->out[i], cl, sqrt(cl));
        s->out[i].lcl = spc_max0(s->out[i].lcl);
    }
}

/* u chart: centre ū = Σ counts / Σ n; σ_i = √(ū / n_i), so limits vary with
 * each point's denominator (Montgomery eq. 7.19; NIST §6.3.3.1). */
void spc_limits_u(SpcSeries *s)
{
    double cl = spc_base_ratio(s);
    for (size_t i = 0; i < s->n; i++) {
        spc_set_limits(&s->out[i], cl, sqrt(cl / spc_denominator(s, i)));
        s->out[i].lcl = spc_max0(s->out[i].lcl);
    }
}

/* p chart: centre p̄ = Σ counts / Σ n; σ_i = √(p̄(1 − p̄) / n_i)
 * (Montgomery eqs. 7.7–7.8 and §7.2.2 for variable n; NIST §6.3.3.2). */
void spc_limits_p(SpcSeries *s)
{
    double cl = spc_base_ratio(s);
    for (size_t i = 0; i < s->n; i++) {
        SpcOut *o = &s->out[i];
        spc_set_limits(o, cl, sqrt(cl * (1 - cl) / spc_denominator(s, i)));
        o->lcl = spc_max0(o->lcl);
        if (isfinite(o->ucl) && o->ucl > 1) o->ucl = 1;
    }
}
