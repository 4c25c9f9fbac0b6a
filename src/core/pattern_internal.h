/*
 * pattern_internal.h — what the pattern files share and nothing else sees:
 * the periods judged, month and week arithmetic (pattern_period.c), the
 * source tables' column names, and the denominators of a series.
 */
#ifndef LOTS_CORE_PATTERN_INTERNAL_H
#define LOTS_CORE_PATTERN_INTERNAL_H

#include "core/pattern.h"

typedef enum { SRC_DEVIATIONS = 0, SRC_COMPLAINTS = 1, SRC_N } PatternSource;

extern const char *const pattern_source_key[SRC_N];   /* "deviations", "complaints" */
extern const char *const pattern_source_table[SRC_N]; /* the table */
extern const char *const pattern_source_month[SRC_N]; /* event_month, received_month */
extern const char *const pattern_source_date[SRC_N];  /* event_date, received_date */
extern const char *const pattern_source_week[SRC_N];  /* event_week, received_week */

bool pattern_source_parse(const char *s, PatternSource *out);
/* The period column of a source: event_month, received_week … */
const char *pattern_source_period(SeriesPeriod p, int src);

/* The periods every series of a period covers (pattern_period.c): from the
 * first period with an event (at most PATTERN_MAX_PERIODS months or
 * PATTERN_MAX_WEEKS weeks back) to the last whole period with an event
 * (never the current, unfinished one). *n = 0 when there is no event. */
ErrCode pattern_window(Db *db, SeriesPeriod per, int *first, size_t *n, Err *e);
ErrCode pattern_months(Db *db, int *first, size_t *n, Err *e);

/* Month numbers (year·12 + month − 1) and their "YYYY-MM" labels; either
 * period's numbers and labels. */
int pattern_month_number(const char *s);
void pattern_month_label(int num, char out[PATTERN_LABEL_MAX]);
int pattern_period_number(SeriesPeriod p, const char *label);
void pattern_period_label(SeriesPeriod p, int num, char out[PATTERN_LABEL_MAX]);
/* The Monday of a week number, YYYY-MM-DD. */
void pattern_week_monday(int num, char out[11]);
/* Days since 1970-01-01 of a valid YYYY-MM-DD; the week of such a day; the
 * first day of a week number and of a month number. */
long pattern_day_number(const char *date);
void pattern_day_label(long day, char out[11]);
int pattern_week_of_day(long days);
long pattern_week_first_day(int num);
long pattern_month_first_day(int month_num);

/* A series' settings (stated in months) for its weekly series: the split
 * month becomes the first week that begins in it (its label in `split`),
 * the frozen months the weeks from the judged start that end within them.
 * month_first and week_first: the windows' first period numbers
 * (month_first −1 when there is no monthly window: no freeze then). */
void pattern_week_settings(const SeriesSettings *month, int month_first, int week_first, SeriesSettings *week,
                           char split[PATTERN_LABEL_MAX]);

/* The denominators of a roll-up or unit for the months of a window
 * (pattern_series.c): the kind used ("vårddagar" first, else "besök") and
 * the sum per month over the members, or NULL when not every member has
 * that kind for every month. Members: the unit itself (level unit), or the
 * units under it (the region: all) with events of the source in the
 * window. *den malloc'd, n values. */
ErrCode pattern_denominators(Db *db, const char *level, long long unit_id, int src, const char *const *months,
                             size_t n, double **den, const char **kind, Err *e);

/* The förvaltning above (or at) a unit, 0 if none: walking up parents. */
long long pattern_forvaltning_of(Db *db, long long unit_id, Err *e);

#endif
