/*
 * spc_rare.c — charts for rare events, where counting per month gives
 * mostly zeros: the g chart of the number of cases (opportunities) between
 * events and the t chart of the time between events.
 *
 * Sources:
 *   Benneyan JC. Number-between g-type statistical quality control charts
 *     for monitoring adverse events. Health Care Management Science
 *     2001;4(4):305–318.
 *   Montgomery DC. Introduction to Statistical Quality Control, 6th ed.
 *     2009, §7.3.5 (time between events; the transformation below).
 *   Nelson LS. A control chart for parts-per-million nonconforming items.
 *     Journal of Quality Technology 1994;26(3):239–240 (y^(1/3.6)).
 *   Provost LP, Murray SK. The Health Care Data Guide. Jossey-Bass 2011,
 *     p. 228 (a median centre line for the skewed g chart).
 */
#include "core/spc_internal.h"

#include <math.h>

/* g chart: the counts between events are geometric with mean ḡ, so
 * σ = √(ḡ(ḡ + 1)) and the limits are ḡ ± 3σ (Benneyan 2001); the LCL is
 * always below 0 and reported as 0. The limits come from the mean but the
 * centre line drawn, and used by the runs analysis, is the median: the
 * geometric distribution is so skewed that most points lie below its mean
 * (as qicharts2 does; Provost & Murray 2011). */
void spc_limits_g(SpcSeries *s)
{
    double mean = spc_base_mean(s), median = spc_base_median(s);
    for (size_t i = 0; i < s->n; i++) {
        spc_set_limits(&s->out[i], mean, sqrt(mean * (mean + 1)));
        s->out[i].cl = median;
        s->out[i].lcl = spc_max0(s->out[i].lcl);
    }
}

/* t chart: times between events are roughly exponential; y^(1/3.6) makes
 * them roughly normal (Nelson 1994; Montgomery §7.3.5). An I chart is
 * computed on the transformed values and everything is transformed back
 * with ^3.6. A transformed LCL below 0 has no back-transform: it is 0. */
void spc_limits_t(SpcSeries *s)
{
    const double k = 3.6;
    for (size_t i = 0; i < s->n; i++) s->out[i].y = pow(s->out[i].y, 1 / k);
    spc_limits_i(s);
    for (size_t i = 0; i < s->n; i++) {
        SpcOut *o = &s->out[i];
        o->y = s->in[i].y;
        o->cl = pow(o->cl, k);
        o->ucl = pow(o->ucl, k);
        o->lcl = o->lcl > 0 ? pow(o->lcl, k) : o->lcl <= 0 ? 0 : NAN;
    }
}
