/*
 * pattern_internal.h — what the pattern files share and nothing else sees:
 * the months judged, month arithmetic, and the source tables' column names.
 */
#ifndef LOTS_CORE_PATTERN_INTERNAL_H
#define LOTS_CORE_PATTERN_INTERNAL_H

#include "core/pattern.h"

typedef enum { SRC_DEVIATIONS = 0, SRC_COMPLAINTS = 1, SRC_N } PatternSource;

extern const char *const pattern_source_key[SRC_N];   /* "deviations", "complaints" */
extern const char *const pattern_source_table[SRC_N]; /* the table */
extern const char *const pattern_source_month[SRC_N]; /* event_month, received_month */
extern const char *const pattern_source_date[SRC_N];  /* event_date, received_date */

bool pattern_source_parse(const char *s, PatternSource *out);

/* The months every series covers: from the first month with an event (at
 * most PATTERN_MAX_PERIODS back) to the last whole month with an event
 * (never the current, unfinished month). *n = 0 when there is no event. */
ErrCode pattern_months(Db *db, int *first, size_t *n, Err *e);

/* Month numbers (year·12 + month − 1) and their "YYYY-MM" labels. */
int pattern_month_number(const char *s);
void pattern_month_label(int num, char out[8]);

/* The förvaltning above (or at) a unit, 0 if none: walking up parents. */
long long pattern_forvaltning_of(Db *db, long long unit_id, Err *e);

#endif
