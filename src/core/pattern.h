/*
 * pattern.h — patterns (mönster) of deficiencies in deviations and
 * complaints, found by statistical process control, and signal cases made
 * from them (process C, origin 6).
 *
 * A series is the count of events per month, or per ISO week, for one
 * unit × category × source (deviations or complaints), rolled up per
 * förvaltning and for the whole region; with denominators (vårddagar or
 * besök per unit and month, core/denominator.h) a monthly series is a rate.
 * pattern_detect judges every series in one pass over the store
 * (pattern_detect.c); how a series is judged, when a weekly series carries
 * enough to be judged, and how strong a pattern is, is documented in
 * pattern_judge.c; the periods and their window in pattern_period.c. A
 * pattern is a series whose unfavourable side (more events) shows
 * special-cause variation.
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

/* --- periods (pattern_period.c; pure) ---------------------------------------------------------- */

/* Months judged at most; weeks judged at most (two years); the longest
 * label with its NUL ("2026-W07"). */
enum { PATTERN_MAX_PERIODS = 36, PATTERN_MAX_WEEKS = 104, PATTERN_LABEL_MAX = 9 };

typedef enum { SERIES_MONTH = 0, SERIES_WEEK = 1, SERIES_PERIODS } SeriesPeriod;

const char *series_period_key(SeriesPeriod p);   /* "month", "week" (the API's and the table's words) */
const char *series_period_label(SeriesPeriod p); /* "per månad", "per vecka" */
/* "month"/"månad", "week"/"vecka"; NULL or "" is month. */
bool series_period_parse(const char *s, SeriesPeriod *out);

/* ISO 8601 weeks as consecutive numbers (Mondays since 1969-12-29):
 * "2026-W07" → its number, −1 when it is no week ("2021-W53"); the label of
 * a number; the week of a valid date YYYY-MM-DD; 52 or 53. */
int pattern_week_number(const char *label);
void pattern_week_label(int num, char out[PATTERN_LABEL_MAX]);
int pattern_week_of_date(const char *date);
int pattern_week_weeks_in_year(int year);

/* --- one series, judged (pattern_judge.c; pure, no database) --------------------------------- */

enum { PATTERN_RECENT = 6, PATTERN_MIN_EVENTS = 5 };
/* A weekly series is judged only when it averages at least this many events
 * per week over the weekly window (pattern_judge.c says why). */
#define PATTERN_WEEK_MIN_RATE 1.0

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
/* True when a weekly series carries enough to be judged: at least
 * PATTERN_MIN_EVENTS events and PATTERN_WEEK_MIN_RATE per week on average. */
bool pattern_weekly_enough(const double *counts, size_t n);

/* --- detection (pattern_detect.c) -------------------------------------------------------------- */

typedef struct {
    size_t series;   /* monthly series built (unit × category × source, and the roll-ups) */
    size_t judged;   /* monthly series with at least PATTERN_MIN_EVENTS events */
    size_t weeks;    /* weeks in the weekly window */
    size_t judged_weekly; /* weekly series that carry enough (pattern_weekly_enough) */
    size_t patterns; /* stored as new proposals */
    size_t merged;   /* a series that signals per month and per week: the weaker one, not stored */
    size_t kept;     /* not proposed again: an open case stands for them */
} DetectStats;

/* Recomputes every series, per month and per week, and replaces the stored
 * proposals (patterns without a case) in one transaction. A series whose
 * (level, unit, category, source) has a pattern with a case that is not in
 * a final step of its process is not proposed again, for either period.
 * When the monthly and the weekly series of one (level, unit, category,
 * source) both signal, only the stronger is stored, and it names the other
 * one's period, rule and strength (also_*). st may be NULL. */
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
    char *period; /* "month", "week" */
    char *chart;  /* "c", "u", "up", "g" */
    char *rule, *rules, *signal_periods;
    double strength;
    char *also_period;    /* the same series per the other period signals too: "week", "month" or "" */
    char *also_rule;      /* its strongest rule, "" */
    double also_strength; /* NAN when none */
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
 *  "period_label","chart","rule","rule_label","rules","signal_periods",
 *  "strength","also": null|{"period","period_label","rule","rule_label",
 *  "strength"},"first_period","last_period","since_period","events",
 *  "centre","lcl","ucl","detected_at","case": null|id,"case_ref"} */
json_t *pattern_to_json(const Pattern *p);
/* "per månad", "per vecka" of a stored period word. */
const char *pattern_period_phrase(const char *period);

/* The events behind a pattern: its unit (or subtree) × category × the
 * periods (months or weeks) since_period … last_period, oldest first. */
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
    const char *period; /* "month" (also NULL or ""), "week" */
} SeriesKey;

typedef struct {
    char *on; /* "2026-03" or "2026-W10" (the period it is drawn at) */
    char *date, *text, *created_by;
} Annotation;

typedef struct {
    char *title; /* "Läkemedel – Ortopedi (avvikelser per månad)" */
    char *unit, *category;
    SeriesPeriod period;
    size_t n;
    char **labels;  /* "YYYY-MM" or "YYYY-Www" */
    double *counts;
    double *denom;  /* NULL: counts */
    const char *denom_kind; /* "vårddagar", "besök"; NULL with counts */
    long long freeze;     /* as set: the first N points of the monthly series */
    size_t freeze_points; /* the charted points the baseline spans as judged (weeks on a weekly chart); 0: none */
    char *split_at; /* "" for none */
    Annotation *notes;
    size_t nnotes;
    char **dates; /* a rare series' event dates (g chart), else NULL */
    size_t ndates;
    Judgement j;
    bool judged;            /* false when the series has too few events */
    const char *not_judged; /* why not, in Swedish, when !judged */
} Series;

/* Loads and judges one series the way pattern_detect does, per the key's
 * period. ERR_NOTFOUND for an unknown unit or category; ERR_INVALID for an
 * unknown level, source or period. A weekly series that does not carry
 * enough (pattern_weekly_enough) is loaded but not judged. Settings are
 * stated in months: on a weekly series a split starts at the first week
 * that begins in the split month, and a frozen baseline covers the weeks
 * that end within the frozen months. */
ErrCode series_load(Db *db, const SeriesKey *k, Series *out, Err *e);
void series_free(Series *s);

/* Annotation on a series' chart: date YYYY-MM-DD, YYYY-MM or an ISO week
 * YYYY-Www (kept as its Monday), text checked by freetext_check. */
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
