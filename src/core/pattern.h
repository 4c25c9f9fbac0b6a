/*
 * pattern.h — patterns (mönster) of deficiencies in deviations and
 * complaints, found by statistical process control, and signal cases made
 * from them (process C, origin 6).
 *
 * A series is the count of events per month for one unit × category ×
 * source (deviations or complaints), rolled up per förvaltning and for the
 * whole region. pattern_detect judges every series in one pass over the
 * store (pattern_detect.c); how a series is judged and how strong a pattern
 * is, is documented in pattern_judge.c. A pattern is a series whose
 * unfavourable side (more events) shows special-cause variation.
 *
 * Ownership: structs filled here own their strings; free them with the
 * matching *_free. Functions that change something take the acting person
 * (readers are refused with ERR_FORBIDDEN, except pattern_detect, which any
 * caller may run since it only recomputes).
 */
#ifndef LOTS_CORE_PATTERN_H
#define LOTS_CORE_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "core/account.h"
#include "core/process.h"
#include "core/spc.h"
#include "store/db.h"

/* --- one series, judged (pattern_judge.c; pure, no database) --------------------------------- */

enum { PATTERN_MAX_PERIODS = 36, PATTERN_RECENT = 6, PATTERN_MIN_EVENTS = 5 };

typedef enum {
    RULE_NONE = 0,
    RULE_OVER_UCL,      /* points above the upper limit of the Shewhart chart */
    RULE_LONG_RUN,      /* an unusually long run above the median (Anhøj) */
    RULE_FEW_CROSSINGS, /* too few crossings, the recent points above the median (Anhøj) */
    RULE_SHORT_GAPS,    /* g chart: gaps between events shorter than expected */
} PatternRule;

const char *pattern_rule_key(PatternRule r);   /* "over_ucl" */
const char *pattern_rule_label(PatternRule r); /* Swedish sentence start: "Punkter över övre styrgränsen" */
PatternRule pattern_rule_parse(const char *key);

typedef struct {
    size_t freeze;        /* > 0: centre line and limits from the first `freeze` judged points */
    const char *split_at; /* "2026-03" or NULL/"": judge from that period on */
} SeriesSettings;

typedef struct {
    SpcChart chart;      /* c, u, up or g */
    double sigma_z;      /* Laney's dispersion ratio (NAN when not computed) */
    size_t first;        /* index of the first judged point (after a split) */
    SpcResult shewhart;  /* over points first … n−1 (g: over the gaps) */
    SpcResult run;       /* run chart over the same values */
    bool *signal;        /* per charted point (shewhart.n): marked as signalling */
    const char *since_x; /* the charted label where the unfavourable stretch begins (borrowed) */
    PatternRule rule;    /* the strongest rule that fired, RULE_NONE if none */
    unsigned rules;      /* bit (1 << rule) for every rule that fired */
    double strength;     /* 0 when no rule fired */
    size_t since;        /* charted point where the unfavourable stretch begins */
    long long events;    /* events from there to the end */
} Judgement;

/* Judges a monthly count series. labels[i] are "YYYY-MM"; denom NULL or one
 * value per point (vårddagar/besök: the chart is then a u chart of events per
 * 1000); dates NULL, or for a rare series the sorted event dates
 * (YYYY-MM-DD, ndates of them) for the g chart. Fills *j (free with
 * judgement_free). ERR_INVALID for a series that cannot be judged. */
ErrCode pattern_judge(const char *const *labels, const double *counts, const double *denom, size_t n,
                      const char *const *dates, size_t ndates, const SeriesSettings *set, Judgement *j, Err *e);
void judgement_free(Judgement *j);
/* True when a series is judged as rare (g chart): more than half of its
 * periods have no event. */
bool pattern_is_rare(const double *counts, size_t n);

/* --- detection (pattern_detect.c) -------------------------------------------------------------- */

typedef struct {
    size_t series;   /* series built (unit × category × source, and the roll-ups) */
    size_t judged;   /* with at least PATTERN_MIN_EVENTS events */
    size_t patterns; /* stored as new proposals */
    size_t kept;     /* not proposed again: an open case stands for them */
} DetectStats;

/* Recomputes every series and replaces the stored proposals (patterns
 * without a case) in one transaction. A series whose (level, unit, category,
 * source) has a pattern with a case that is not in a final step of its
 * process is not proposed again. st may be NULL. */
ErrCode pattern_detect(Db *db, const ProcessSet *ps, DetectStats *st, Err *e);

/* --- reading (pattern_read.c) -------------------------------------------------------------------- */

typedef struct {
    long long id;
    char *level;       /* "unit", "förvaltning", "region" */
    long long unit_id; /* 0 for the region */
    char *unit;        /* name; "Hela regionen" for the region */
    long long category_id;
    char *category;
    char *source; /* "deviations", "complaints" */
    char *period; /* "month" */
    char *chart;  /* "c", "u", "up", "g" */
    char *rule, *rules, *signal_periods;
    double strength;
    char *first_period, *last_period, *since_period;
    long long events;
    double centre, lcl, ucl; /* NAN: none */
    char *detected_at;
    long long case_id; /* 0: none */
    char *case_ref;    /* "" when none */
    bool case_open;
} Pattern;

/* Current patterns (proposals, and those whose case is open), strongest
 * first. */
ErrCode pattern_list(Db *db, const ProcessSet *ps, Pattern **out, size_t *n, Err *e);
ErrCode pattern_get(Db *db, const ProcessSet *ps, long long id, Pattern *out, Err *e); /* ERR_NOTFOUND */
void pattern_free(Pattern *p);
void pattern_list_free(Pattern *p, size_t n);

/* {"id","level","unit_id","unit","category_id","category","source","period",
 *  "chart","rule","rule_label","rules","signal_periods","strength",
 *  "first_period","last_period","since_period","events","centre","lcl","ucl",
 *  "detected_at","case": null|id,"case_ref"} */
json_t *pattern_to_json(const Pattern *p);

/* The events behind a pattern: its unit (or subtree) × category × the
 * periods since_period … last_period, oldest first. */
typedef struct {
    char kind[12]; /* "deviation", "complaint" */
    long long id;
    char *ref, *date, *unit, *description;
} PatternEvent;
ErrCode pattern_events(Db *db, const Pattern *p, PatternEvent **out, size_t *n, Err *e);
void pattern_events_free(PatternEvent *ev, size_t n);

/* --- one series for a chart (pattern_series.c) ---------------------------------------------------- */

typedef struct {
    const char *level;  /* "unit", "förvaltning", "region" */
    long long unit_id;  /* ignored for the region */
    long long category_id;
    const char *source; /* "deviations", "complaints" */
} SeriesKey;

typedef struct {
    char *on; /* "2026-03" (the month it is drawn at) */
    char *date, *text, *created_by;
} Annotation;

typedef struct {
    char *title; /* "Läkemedel – Ortopedi (avvikelser per månad)" */
    char *unit, *category;
    size_t n;
    char **labels;  /* "YYYY-MM" */
    double *counts;
    double *denom;  /* NULL: counts */
    long long freeze;
    char *split_at; /* "" for none */
    Annotation *notes;
    size_t nnotes;
    char **dates; /* a rare series' event dates (g chart), else NULL */
    size_t ndates;
    Judgement j;
    bool judged; /* false when the series has too few events */
} Series;

/* Loads and judges one series the way pattern_detect does. ERR_NOTFOUND for
 * an unknown unit or category. */
ErrCode series_load(Db *db, const SeriesKey *k, Series *out, Err *e);
void series_free(Series *s);

/* Annotation on a series' chart: date YYYY-MM-DD or YYYY-MM, text checked
 * by freetext_check. */
ErrCode series_annotate(Db *db, const Actor *who, const SeriesKey *k, const char *date, const char *text,
                        long long *id, Err *e);
/* Freeze the baseline on the first `freeze` points (0: none) and/or split
 * the series at `split_at` ("" or NULL: none). */
ErrCode series_set(Db *db, const Actor *who, const SeriesKey *k, long long freeze, const char *split_at, Err *e);

/* --- signal case (pattern_case.c) ---------------------------------------------------------------- */

/* Makes a case of origin 6 (process C) from the pattern: title, a
 * description with the chart's evidence, case_evidence rows with the
 * references of the events behind it; the pattern gets the case.
 * ERR_CONFLICT when the pattern already has an open case. */
ErrCode pattern_to_case(Db *db, const ProcessSet *ps, const Actor *who, long long pattern_id, long long *case_id,
                        Err *e);

typedef struct {
    char kind[12];
    long long ref_id;
    char *ref;
} Evidence;
ErrCode case_evidence_list(Db *db, long long case_id, Evidence **out, size_t *n, Err *e);
void case_evidence_free(Evidence *ev, size_t n);

/* --- demo ---------------------------------------------------------------------------------------- */

/* For `lots pattern demo`: the demo organisation (when there are no units)
 * and a year of deviations and complaints (deviation_demo_load), then a
 * detection. In one transaction. */
ErrCode pattern_demo_load(Db *db, const ProcessSet *ps, unsigned seed, Err *e);

#endif
