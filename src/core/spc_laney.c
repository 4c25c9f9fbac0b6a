/*
 * spc_laney.c — Laney's u′ and p′ charts: u and p charts whose limits are
 * widened (or narrowed) by the variation between subgroups that the
 * Poisson or binomial model does not explain. With large denominators
 * (thousands of bed days) ordinary u and p limits become so narrow that
 * nearly every point signals; u′ and p′ correct for that.
 *
 * Source:
 *   Laney DB. Improved control charts for attributes. Quality Engineering
 *     2002;14(4):531–537.
 *
 * For each point, with the ordinary chart's centre x̄ and σ_i
 * (p: √(p̄(1 − p̄)/n_i), u: √(ū/n_i)):
 *   z_i   = (x_i − x̄) / σ_i                 the point as a z-score
 *   σ_z   = MR̄(z) / 1.128                   an I chart of the z-scores
 *   limits x̄ ± 3·σ_i·σ_z                    (Laney's eqs. for p′; u′ alike)
 * The moving ranges of z are taken over the baseline in order and may be
 * screened as for the I chart (spc_series.c). LCL below 0 is reported as 0,
 * a p′ UCL above 1 as 1.
 */
#include "core/spc_internal.h"
#include "base/buf.h"

#include <math.h>
#include <stdlib.h>

static double sd_u(double cl, double n)
{
    return sqrt(cl / n);
}

static double sd_p(double cl, double n)
{
    return sqrt(cl * (1 - cl) / n);
}

static void laney(SpcSeries *s, double (*sd)(double cl, double n))
{
    double cl = spc_base_ratio(s);
    double *z = xmalloc(s->n * sizeof *z);
    for (size_t i = 0; i < s->n; i++) z[i] = (s->out[i].y - cl) / sd(cl, spc_denominator(s, i));
    double sigma_z = spc_mean_mr(z, s->base, s->n, s->screen_mr) / SPC_D2;
    free(z);
    for (size_t i = 0; i < s->n; i++) {
        spc_set_limits(&s->out[i], cl, sd(cl, spc_denominator(s, i)) * sigma_z);
        s->out[i].lcl = spc_max0(s->out[i].lcl);
    }
}

void spc_limits_up(SpcSeries *s)
{
    laney(s, sd_u);
}

void spc_limits_pp(SpcSeries *s)
{
    laney(s, sd_p);
    for (size_t i = 0; i < s->n; i++)
        if (isfinite(s->out[i].ucl) && s->out[i].ucl > 1) s->out[i].ucl = 1;
}
