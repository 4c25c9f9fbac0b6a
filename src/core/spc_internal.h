/*
 * spc_internal.h — what the spc_*.c files share among themselves and no
 * other file may use: the working state of one computation and the
 * functions that put centre line and limits on it. Callers use spc.h.
 */
#ifndef LOTS_CORE_SPC_INTERNAL_H
#define LOTS_CORE_SPC_INTERNAL_H

#include "core/spc.h"

/* One series being computed. `out[i].y` already holds the plotted statistic
 * (value, rate, proportion, moving range); a chart function fills cl, lcl
 * and ucl of every point from the baseline points. */
typedef struct {
    const SpcPoint *in;
    size_t n;
    bool screen_mr;
    const bool *base; /* in the frozen period (all points without freeze) and not excluded */
    SpcOut *out;
} SpcSeries;

/* spc_runs.c */
void spc_limits_run(SpcSeries *s);
/* spc_shewhart.c */
void spc_limits_i(SpcSeries *s);
void spc_limits_mr(SpcSeries *s);
void spc_limits_c(SpcSeries *s);
void spc_limits_u(SpcSeries *s);
void spc_limits_p(SpcSeries *s);
/* spc_laney.c */
void spc_limits_up(SpcSeries *s);
void spc_limits_pp(SpcSeries *s);
/* spc_rare.c */
void spc_limits_g(SpcSeries *s);
void spc_limits_t(SpcSeries *s);

/* spc_series.c: statistics over the baseline points (values that are NAN
 * are left out; NAN when nothing is left). */
double spc_base_mean(const SpcSeries *s);
double spc_base_median(const SpcSeries *s);
/* Σ count / Σ n over the baseline: the centre line of u and p charts. */
double spc_base_ratio(const SpcSeries *s);
/* Point i's denominator, or NAN when it has no value or no usable n. */
double spc_denominator(const SpcSeries *s, size_t i);
/* The mean moving range of v over the points with use[i], in order (see
 * spc_series.c for gaps, exclusions and screening). */
double spc_mean_mr(const double *v, const bool *use, size_t n, bool screen);
/* Sets cl and cl ± 3·sd on point i. */
void spc_set_limits(SpcOut *o, double cl, double sd);
double spc_max0(double v); /* v below 0 → 0 (a finite v only) */

/* d2 for subgroups of two (Montgomery, Appendix VI; NIST/SEMATECH §6.3.2):
 * σ̂ = MR̄ / d2. D4 for n = 2: the upper limit of moving ranges, D4·MR̄. */
#define SPC_D2 1.128
#define SPC_D4 3.267

#endif
