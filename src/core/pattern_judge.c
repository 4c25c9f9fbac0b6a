/*
 * pattern_judge.c — is one series of monthly or weekly counts a pattern?
 * Pure computation on top of core/spc.h: no database, no I/O.
 *
 * THE CHARTS. Every series gets a run chart (median, Anhøj's rules) and the
 * matching Shewhart chart:
 *   c   counts per month or week (no denominator);
 *   u   events per 1000 vårddagar/besök (monthly series only, denominators
 *       are monthly): a unit with a denominator of one kind for every month
 *       judged; a roll-up (förvaltning, region) when every unit under it
 *       that has events of the source in the window has one of that kind
 *       for every month — the denominator is then their sum. Otherwise the
 *       series stays a c chart of counts: a rate over part of a roll-up's
 *       units would mislead;
 *   up  Laney's u′ when the counts are overdispersed. The criterion is
 *       Laney's own dispersion ratio σz: the z-scores z_i = (y_i − ȳ)/σ_i of
 *       the c or u chart, σz = mean moving range of z / 1.128 (Laney 2002).
 *       σz = 1 is Poisson variation; we switch to u′ (with n = 1 for counts,
 *       which is c′) when σz > 1.5. Moving ranges make σz robust to a
 *       sustained shift — the very thing we look for — and the margin of 0.5
 *       keeps chance fluctuation of σz estimated from 12–36 points from
 *       widening the limits of Poisson series;
 *   g   rare events (monthly unit series): more than half of the months
 *       have no event and the unit's event dates are known. The g chart plots the
 *       days between consecutive events (Benneyan 2001); its unfavourable
 *       side is short gaps.
 *
 * THE UNFAVOURABLE SIDE. More deviations or complaints is unfavourable, so a
 * series is a pattern when, reaching into the last PATTERN_RECENT (6)
 * periods, one of these fires (for g: fewer days between events):
 *   over_ucl       a point above the upper control limit;
 *   long_run       a run above the median longer than Anhøj's limit
 *                  round(log2 n) + 3, ending in the recent periods;
 *   few_crossings  fewer crossings of the median than Anhøj's minimum, with
 *                  the last run above the median;
 *   short_gaps     g chart: a gap below the lower limit, or the run rules
 *                  with the short gaps below the median.
 * Older special causes are history, not a signal to act on now.
 * Fewer than 8 judged points: no rule is applied (Anhøj's rules have no
 * power below that).
 *
 * WEEKLY SERIES. Every series is also counted per ISO week over the last
 * (at most) 104 whole weeks, two years, and judged by the same rules — but
 * only when it averages at least PATTERN_WEEK_MIN_RATE (1) event per week
 * over that window and has PATTERN_MIN_EVENTS events. Below one a week
 * most weekly counts are 0 or 1: the c chart's lower limit is 0, its upper
 * limit catches only single busy weeks, and the median sits on 0 or 1 so
 * that most points are no use to the run rules; the monthly series says
 * more. Where a weekly series carries enough it sees what months blur: a
 * cluster within a month, a rise that began weeks ago. Weekly series are
 * counts (c or Laney's c′), never rates or g charts; "recent" and the
 * half-life below are six weeks. A series that signals per month and per
 * week is one pattern: pattern_detect keeps the stronger and names the
 * other's rule. A weekly series has four times the points of a monthly one,
 * so a single week just above the upper limit turns up in some series by
 * chance alone (at about 0.3 % a point, one series in six over a year of
 * weeks); over_ucl therefore needs, per week, two recent points above the
 * limit or one more than one σ beyond it (4σ from the centre line). The
 * run rules are unchanged: their false-alarm rate does not grow with n.
 *
 * STRENGTH. With a recency weight w(i) = 0.5^(age/6), age the number of
 * periods from point i to the last one (a half-life of six months or weeks):
 *   Σ over points above the UCL   w(i) · (1 + (y_i − UCL_i) / σ_i),
 *       σ_i = (UCL_i − CL_i) / 3, i.e. one plus the distance beyond the
 *       limit in sigmas;
 * + for a long run                 w(end) · L / Lmax  (L its length);
 * + for too few crossings          w(last) · Cmin / (C + 1);
 * (g chart: the same with the distance below the LCL). The rule reported is
 * the one that contributed most. A point a year old counts a quarter of a
 * point this month.
 */
#include "core/pattern_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_POINTS = 8 };
/* A lone weekly point above the limit counts when it lies this many sigmas
 * beyond it (4σ from the centre line). */
#define WEEK_LONE_SIGMAS 1.0
#define LANEY_SIGMA_Z 1.5

static const char *const rule_keys[] = {"", "over_ucl", "long_run", "few_crossings", "short_gaps"};
static const char *const rule_labels[] = {"", "Punkter över övre styrgränsen",
                                          "Ovanligt lång serie över medianen",
                                          "För få korsningar av medianen, de senaste punkterna över",
                                          "Kortare tid än väntat mellan händelserna"};

const char *pattern_rule_key(PatternRule r)
{
    return r <= RULE_SHORT_GAPS ? rule_keys[r] : "";
}

const char *pattern_rule_label(PatternRule r)
{
    return r <= RULE_SHORT_GAPS ? rule_labels[r] : "";
}

PatternRule pattern_rule_parse(const char *key)
{
    for (int r = RULE_OVER_UCL; r <= RULE_SHORT_GAPS; r++)
        if (key && !strcmp(key, rule_keys[r])) return (PatternRule)r;
    return RULE_NONE;
}

bool pattern_is_rare(const double *counts, size_t n)
{
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++) zeros += counts[i] == 0;
    return n > 0 && zeros * 2 > n;
}

bool pattern_weekly_enough(const double *counts, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) total += counts[i];
    return n > 0 && total >= PATTERN_MIN_EVENTS && total >= PATTERN_WEEK_MIN_RATE * (double)n;
}

void judgement_free(Judgement *j)
{
    if (!j) return;
    spc_result_free(&j->shewhart);
    spc_result_free(&j->run);
    free(j->signal);
    memset(j, 0, sizeof *j);
}

static double weight(double age)
{
    return pow(0.5, age / PATTERN_RECENT);
}

/* Laney's σz for counts (n NULL) or rates. */
static double sigma_z(const double *y, const double *n, size_t m)
{
    double sy = 0, sn = 0;
    for (size_t i = 0; i < m; i++) sy += y[i], sn += n ? n[i] : 1;
    double u = sy / sn;
    if (!(u > 0) || m < 2) return NAN;
    double mr = 0, prev = 0;
    for (size_t i = 0; i < m; i++) {
        double ni = n ? n[i] : 1;
        double z = (y[i] / ni - u) / sqrt(u / ni);
        if (i) mr += fabs(z - prev);
        prev = z;
    }
    return mr / (double)(m - 1) / 1.128;
}

static int month_number(const char *s)
{
    return atoi(s) * 12 + atoi(s + 5) - 1;
}

typedef struct {
    size_t start, end; /* inclusive, charted indices */
    int side;          /* +1 above, −1 below */
    size_t len;        /* useful points */
} Run;

/* The runs of the run chart's useful points: the longest on the given side
 * ending at or after `recent_from`, and the last run. */
static void runs_of(const SpcResult *run, int side, size_t recent_from, Run *longest, Run *last)
{
    Run cur = {0};
    memset(longest, 0, sizeof *longest);
    memset(last, 0, sizeof *last);
    for (size_t i = 0; i < run->n; i++) {
        const SpcOut *o = &run->points[i];
        if (isnan(o->y) || isnan(o->cl) || o->y == o->cl) continue;
        int s = o->y > o->cl ? 1 : -1;
        if (cur.len && s == cur.side) cur.end = i, cur.len++;
        else cur = (Run){i, i, s, 1};
        if (cur.side == side && cur.end >= recent_from && cur.len >= longest->len) *longest = cur;
        *last = cur;
    }
}

ErrCode pattern_judge(const char *const *labels, const double *counts, const double *denom, size_t n,
                      const char *const *dates, size_t ndates, const SeriesSettings *set, Judgement *j, Err *e)
{
    memset(j, 0, sizeof *j);
    j->sigma_z = NAN;
    size_t first = 0;
    if (set && set->split_at && *set->split_at)
        while (first < n && strcmp(labels[first], set->split_at) < 0) first++;
    if (first >= n) return err_set(e, ERR_INVALID, "serien har inga punkter efter delningen");
    size_t m = n - first;
    j->first = first;
    const double *c = counts + first;
    const double *d = denom ? denom + first : NULL;
    SpcOptions opt = {0};
    SpcPoint *pts = NULL;
    size_t np = 0;
    const char **gx = NULL;
    size_t dfirst = 0; /* first event date within the judged months */
    if (!d && dates && ndates >= 4 && pattern_is_rare(c, m)) {
        while (dfirst < ndates && strncmp(dates[dfirst], labels[first], 7) < 0) dfirst++;
    }
    bool rare = !d && dates && ndates - dfirst >= 4 && pattern_is_rare(c, m);
    if (rare) {
        j->chart = SPC_G;
        np = ndates - dfirst - 1;
        pts = calloc(np, sizeof *pts);
        gx = calloc(np, sizeof *gx);
        for (size_t i = 0; i < np; i++) {
            const char *a = dates[dfirst + i], *b = dates[dfirst + i + 1];
            pts[i] = (SpcPoint){b, (double)(pattern_day_number(b) - pattern_day_number(a)), 1};
            gx[i] = b;
        }
    } else {
        double *nn = NULL;
        if (d) {
            nn = malloc(m * sizeof *nn);
            for (size_t i = 0; i < m; i++) nn[i] = d[i] / 1000.0;
        }
        j->sigma_z = sigma_z(c, nn, m);
        j->chart = d ? SPC_U : SPC_C;
        if (j->sigma_z > LANEY_SIGMA_Z) j->chart = SPC_UP;
        np = m;
        pts = calloc(np, sizeof *pts);
        for (size_t i = 0; i < np; i++) pts[i] = (SpcPoint){labels[first + i], c[i], nn ? nn[i] : 1};
        free(nn);
    }
    if (set && set->freeze && set->freeze <= np) opt.freeze = set->freeze;
    if (!np || spc_compute(j->chart, pts, np, &opt, &j->shewhart, e)) {
        free(pts);
        free(gx);
        if (!np) return err_set(e, ERR_INVALID, "serien har för få händelser");
        return e->code;
    }
    for (size_t i = 0; i < np; i++) pts[i].y = j->shewhart.points[i].y;
    ErrCode rc = spc_compute(SPC_RUN, pts, np, &opt, &j->run, e);
    free(pts);
    if (rc) {
        free(gx);
        spc_result_free(&j->shewhart);
        return rc;
    }
    j->signal = calloc(np, sizeof *j->signal);

    /* the recent window and each point's age, in months */
    int last_month = month_number(labels[n - 1]);
    double *age = malloc(np * sizeof *age);
    size_t recent_from = np;
    for (size_t i = 0; i < np; i++) {
        age[i] = rare ? (double)(last_month - month_number(gx[i])) : (double)(np - 1 - i);
        if (age[i] < PATTERN_RECENT && recent_from == np) recent_from = i;
    }
    free(gx);

    int side = rare ? -1 : 1;
    double contrib[RULE_SHORT_GAPS + 1] = {0};
    size_t since = np;
    if (np >= MIN_POINTS) {
        /* beyond the limit on the unfavourable side */
        size_t nbeyond = 0, lone = np;
        double lone_sigmas = 0, beyond_sum = 0;
        for (size_t i = recent_from; i < np; i++) {
            const SpcOut *o = &j->shewhart.points[i];
            double lim = rare ? o->lcl : o->ucl;
            if (isnan(o->y) || isnan(lim) || isnan(o->cl)) continue;
            double sigma = fabs(lim - o->cl) / 3;
            bool beyond = rare ? (lim > 0 && o->y < lim) : o->y > lim;
            if (!beyond || !(sigma > 0)) continue;
            beyond_sum += weight(age[i]) * (1 + fabs(o->y - lim) / sigma);
            j->signal[i] = true;
            if (i < since) since = i;
            nbeyond++;
            lone = i;
            lone_sigmas = fabs(o->y - lim) / sigma;
        }
        /* weekly: one week just over the limit is chance more often than not
         * (see WEEKLY SERIES above); it counts only well beyond the limit */
        bool weekly = pattern_week_number(labels[n - 1]) >= 0;
        if (weekly && nbeyond == 1 && lone_sigmas < WEEK_LONE_SIGMAS) {
            j->signal[lone] = false;
            since = np;
        } else {
            contrib[rare ? RULE_SHORT_GAPS : RULE_OVER_UCL] += beyond_sum;
        }
        Run longest, last;
        runs_of(&j->run, side, recent_from, &longest, &last);
        const SpcRuns *rr = &j->run.runs;
        if (rr->useful && longest.len > rr->longest_max) {
            contrib[rare ? RULE_SHORT_GAPS : RULE_LONG_RUN] +=
                weight(age[longest.end]) * (double)longest.len / (double)rr->longest_max;
            for (size_t i = longest.start; i <= longest.end; i++) j->signal[i] = true;
            if (longest.start < since) since = longest.start;
        }
        if (rr->useful && rr->crossings < rr->crossings_min && last.len && last.side == side &&
            last.end >= recent_from) {
            contrib[rare ? RULE_SHORT_GAPS : RULE_FEW_CROSSINGS] +=
                weight(age[last.end]) * (double)rr->crossings_min / (double)(rr->crossings + 1);
            for (size_t i = last.start; i <= last.end; i++) j->signal[i] = true;
            if (last.start < since) since = last.start;
        }
    }
    free(age);
    for (int r = RULE_OVER_UCL; r <= RULE_SHORT_GAPS; r++) {
        if (contrib[r] <= 0) continue;
        j->rules |= 1u << r;
        j->strength += contrib[r];
        if (j->rule == RULE_NONE || contrib[r] > contrib[j->rule]) j->rule = (PatternRule)r;
    }
    if (j->rule == RULE_NONE) since = np ? np - 1 : 0;
    j->since = since;
    j->since_x = np ? j->shewhart.points[since].x : labels[n - 1];
    if (rare) j->events = (long long)(np - since + 1);
    else
        for (size_t i = since; i < m; i++) j->events += (long long)c[i];
    return ERR_OK;
}
