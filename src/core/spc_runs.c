/*
 * spc_runs.c — the run chart and Anhøj's runs analysis, which Lots applies
 * to every chart against that chart's centre line.
 *
 * Sources:
 *   Anhøj J, Olesen AV. Run charts revisited: a simulation study of run chart
 *     rules for detection of non-random variation in health care processes.
 *     PLoS ONE 2014;9(11):e113825.
 *   Anhøj J. Diagnostic value of run chart analysis: using likelihood ratios
 *     to compare run chart rules on simulated data series. PLoS ONE
 *     2015;10(3):e0121349.
 *   Schilling MF. The surprising predictability of long runs. Mathematics
 *     Magazine 2012;85(2):141–149 (the longest-run limit).
 *   Chen Z. A note on the runs test. Model Assisted Statistics and
 *     Applications 2010;5:73–77 (the crossings limit).
 *
 * The rules, for n useful observations (those not on the centre line):
 *   - unusually long run: the longest run of points on one side of the
 *     centre line is longer than round(log2(n)) + 3;
 *   - unusually few crossings: the number of times the line joining the
 *     points crosses the centre line is below the 5 % lower quantile of
 *     Binomial(n − 1, 0.5), i.e. the smallest c with P(C ≤ c) ≥ 0.05.
 * Either one signals non-random variation. The run chart's centre line is
 * the median. Nothing here prints or allocates beyond its own scratch.
 */
#include "core/spc_internal.h"

#include <math.h>

void spc_limits_run(SpcSeries *s)
{
    double median = spc_base_median(s);
    for (size_t i = 0; i < s->n; i++) {
        s->out[i].cl = median;
        s->out[i].lcl = s->out[i].ucl = NAN;
    }
}

size_t spc_longest_run_max(size_t useful)
{
    if (!useful) return 0;
    /* log2 of an integer is never exactly k + 0.5, so how a tie is rounded
     * does not matter. */
    return (size_t)lround(log2((double)useful)) + 3;
}

/* The quantile of Binomial(m, ½) is found by summing the probabilities
 * from 0 upward. Each term is kept as a logarithm, stepped by
 * P(k + 1) = P(k)·(m − k)/(k + 1), so 0.5^m does not underflow the
 * arithmetic for long series and no lgamma (not thread-safe) is needed. */
size_t spc_crossings_min(size_t useful)
{
    if (useful < 2) return 0;
    size_t m = useful - 1;
    double log_p = -(double)m * M_LN2, cdf = 0;
    for (size_t k = 0; k < m; k++) {
        cdf += exp(log_p);
        if (cdf >= 0.05) return k;
        log_p += log((double)(m - k)) - log((double)(k + 1));
    }
    return m;
}

void spc_runs(const SpcOut *pts, const bool *include, size_t n, SpcRuns *out)
{
    SpcRuns r = {0};
    int side = 0;
    size_t run = 0, nruns = 0;
    for (size_t i = 0; i < n; i++) {
        if (include && !include[i]) continue;
        double d = pts[i].y - pts[i].cl;
        if (isnan(d) || d == 0) continue;
        int s = d > 0 ? 1 : -1;
        r.useful++;
        if (s != side) nruns++, run = 0, side = s;
        if (++run > r.longest) r.longest = run;
    }
    if (r.useful) {
        r.crossings = nruns - 1;
        r.longest_max = spc_longest_run_max(r.useful);
        r.crossings_min = spc_crossings_min(r.useful);
        r.signal = r.longest > r.longest_max || r.crossings < r.crossings_min;
    }
    *out = r;
}
