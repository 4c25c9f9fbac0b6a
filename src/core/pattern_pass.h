/*
 * pattern_pass.h — the arrays pattern_detect judges from, loaded by a
 * handful of queries (pattern_pass.c): units and categories as dense
 * indexes, the counts of every series per month and per week with the
 * roll-ups summed, denominators, series settings, the series an open case
 * holds, and the rare series' event dates. Shared by pattern_pass.c and
 * pattern_detect.c only.
 *
 * A series is (source, level, index): the index is unit·ncat + category at
 * level unit, förvaltning·ncat + category at level förvaltning, and the
 * category at level region. Its counts for period kind k are
 * per[k].cnt[source][level][index · P + t].
 */
#ifndef LOTS_CORE_PATTERN_PASS_H
#define LOTS_CORE_PATTERN_PASS_H

#include "core/pattern_internal.h"

#include <stdint.h>

enum { LV_UNIT = 0, LV_FORV, LV_REGION, LV_N };
extern const char *const pattern_level_key[LV_N]; /* "unit", "förvaltning", "region" */

/* The counts of one period kind over its window. */
typedef struct {
    int first; /* period number of t = 0 */
    size_t P;  /* periods in the window; 0: none */
    char (*labels)[PATTERN_LABEL_MAX];
    const char **lp;            /* labels as pointers */
    uint32_t *cnt[SRC_N][LV_N]; /* [series * P + t] */
} PassCounts;

typedef struct {
    size_t nunit_ids;   /* max unit id + 1 */
    int *uidx;          /* by unit id: dense index or −1 */
    long long *unit_id; /* by dense index */
    int *forv;          /* by dense unit index: dense förvaltning index or −1 */
    size_t nunits, nforv;
    long long *forv_id; /* by dense förvaltning index: its unit id */
    size_t ncat_ids;
    int *cidx;
    long long *cat_id;
    size_t ncat;
    PassCounts per[SERIES_PERIODS];
    /* monthly denominators per source and level, by owner (unit, förvaltning, 0 for the region):
     * den[s][l][owner * P + t], has_den[s][l][owner] */
    double *den[SRC_N][LV_N];
    bool *has_den[SRC_N][LV_N];
    int *setting[SRC_N][LV_N]; /* by series: index into settings or −1 */
    bool *held[SRC_N][LV_N];   /* by series: an open case stands for it */
    /* settings */
    long long *freeze;
    char **split;
    size_t nsettings;
    /* the day numbers of the events in the monthly window, in scan order (unit, category, date);
     * day_at[s][unit series]: where that series' days begin */
    int32_t *days[SRC_N];
    size_t ndays[SRC_N];
    size_t *day_at[SRC_N];
    /* rare unit series' dates (monthly) */
    int *rare[SRC_N];   /* by unit series: index into rare list or −1 */
    size_t *date_off;   /* per rare series: first date; date_off[nrare] = total */
    char (*dates)[11];
    size_t nrare;
} Pass;

size_t pass_nseries(const Pass *p, int lv);
uint64_t pass_series_total(const uint32_t *c, size_t P);
void pass_free(Pass *p);

/* Loads everything above in order; the windows first (pattern_window). */
ErrCode pass_load(Db *db, const ProcessSet *ps, Pass *p, size_t *kept, Err *e);

#endif
