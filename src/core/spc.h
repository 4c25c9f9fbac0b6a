/*
 * spc.h — statistical process control for one series of points: the run
 * chart with Anhøj's rules, the Shewhart charts (i, mr, c, u, p), Laney's
 * u′ and p′ for overdispersed counts and proportions, and the g and t charts
 * for rare events.
 *
 * Pure computation: no I/O, no database, no argv, no HTTP, no global state,
 * so it is safe to call from many threads at once. The formulas and their
 * published sources are in the comments of spc_runs.c, spc_shewhart.c,
 * spc_laney.c and spc_rare.c. Where the literature leaves a choice open
 * (the baseline of a frozen chart, excluded points, screening of moving
 * ranges, an LCL below zero, which centre line the runs analysis uses), Lots
 * follows qicharts2 (Anhøj), so that its published fixtures are our tests.
 *
 * Ownership: spc_compute fills an SpcResult that owns its points array; free
 * it with spc_result_free. The x labels are borrowed from the caller's input
 * and must outlive the result. spc_result_to_json returns a new reference.
 */
#ifndef LOTS_CORE_SPC_H
#define LOTS_CORE_SPC_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"

typedef enum {
    SPC_RUN, /* run chart: median, Anhøj rules only */
    SPC_I,   /* individuals (XmR) */
    SPC_MR,  /* moving ranges of the individuals */
    SPC_C,   /* counts */
    SPC_U,   /* rates: count / n */
    SPC_UP,  /* Laney's u′ */
    SPC_P,   /* proportions: count / n */
    SPC_PP,  /* Laney's p′ */
    SPC_G,   /* number of opportunities (cases) between rare events */
    SPC_T,   /* time between rare events */
} SpcChart;

typedef struct {
    const char *x; /* label ("2024-03"), borrowed */
    double y;      /* the value; for c, u, up, p, pp the count; NAN = missing */
    double n;      /* denominator (> 0) for u, up, p, pp; ignored by the others */
} SpcPoint;

typedef struct {
    size_t freeze;       /* > 0: centre line and limits from the first `freeze` points only */
    bool screen_mr;      /* i, t, up, pp: drop moving ranges ≥ 3.267 × their mean before estimating σ */
    const bool *exclude; /* NULL, or one flag per point: left out of centre line, limits and runs */
} SpcOptions;

typedef struct {
    const char *x;       /* the input's label */
    double y;            /* what is plotted: the value, rate, proportion or moving range; NAN = none */
    double cl, lcl, ucl; /* NAN = does not exist (all limits of a run chart; a point without n) */
    bool signal;         /* y outside the limits, strictly */
} SpcOut;

/* Anhøj's runs analysis. When useful is 0 the other figures mean nothing. */
typedef struct {
    size_t useful;        /* points not on the centre line */
    size_t longest;       /* the longest run of points on one side of it */
    size_t longest_max;   /* round(log2(useful)) + 3 */
    size_t crossings;     /* times the line joining the points crosses it */
    size_t crossings_min; /* the lower 5 % quantile of Binomial(useful − 1, 0.5) */
    bool signal;          /* longest > longest_max or crossings < crossings_min */
} SpcRuns;

typedef struct {
    SpcChart chart;
    size_t n;
    SpcOut *points; /* owned; n entries */
    SpcRuns runs;
} SpcResult;

/* Computes the chart. Refuses (ERR_INVALID, message naming "punkt N", 1-based)
 * an empty series, a freeze longer than the series and any point that
 * spc_point_problem refuses. On failure *out is empty. */
ErrCode spc_compute(SpcChart chart, const SpcPoint *pts, size_t n, const SpcOptions *opt, SpcResult *out, Err *e);
void spc_result_free(SpcResult *r);

/* {"chart", "points": [{"x","y","cl","lcl","ucl","signal"}], "runs": {…}};
 * a value that does not exist is null. */
json_t *spc_result_to_json(const SpcResult *r);

/* "u" → SPC_U; false for an unknown name. */
bool spc_chart_parse(const char *name, SpcChart *out);
const char *spc_chart_name(SpcChart c);  /* "u" */
const char *spc_chart_label(SpcChart c); /* "u-diagram", for messages */
bool spc_chart_needs_n(SpcChart c);      /* u, up, p, pp */
/* "run, i, mr, c, u, up, p, pp, g, t", for usage messages. */
const char *spc_chart_names(void);

/* What is wrong with one point for this chart, or NULL if nothing. *field is
 * set to "y" or "n"; the phrase follows the field's name in a message, so the
 * CLI can say "rad 4: nämnaren n saknas (krävs för u-diagram)" and the API
 * "points[3].n saknas (krävs för u-diagram)". A missing y (NAN) is allowed. */
const char *spc_point_problem(SpcChart c, double y, double n, const char **field);
/* "värdet y" / "nämnaren n": the field's name in a sentence. */
const char *spc_field_noun(const char *field);

/* Anhøj's critical values for a series with `useful` useful points. */
size_t spc_longest_run_max(size_t useful);
size_t spc_crossings_min(size_t useful);

/* Runs analysis of each point's y against its cl, over the points with
 * include[i] (NULL: all). Points on the line or without a value are not
 * useful. */
void spc_runs(const SpcOut *pts, const bool *include, size_t n, SpcRuns *out);

#endif
