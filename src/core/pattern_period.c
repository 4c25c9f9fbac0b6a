/*
 * pattern_period.c — the periods a series is counted in: months
 * ("2026-02") and ISO 8601 weeks ("2026-W07"), their numbers and labels,
 * and the window of periods every series covers.
 *
 * ISO WEEKS. A week runs Monday to Sunday and belongs to the year of its
 * Thursday, so week 1 is the week with the year's first Thursday (the week
 * that holds 4 January). 2024-12-30 is in 2025-W01; 2021-01-03 is in
 * 2020-W53; a year has 53 weeks when it begins on a Thursday, or on a
 * Wednesday in a leap year. Week numbers here count Mondays since
 * 1969-12-29 (number 0), so consecutive weeks have consecutive numbers
 * across year boundaries; month numbers are year·12 + month − 1.
 *
 * THE WINDOW. Every series of a period covers the same periods: from the
 * first period with an event (deviations or complaints) to the last whole
 * period with an event — never the current, unfinished month or week — and
 * at most PATTERN_MAX_PERIODS (36) months or PATTERN_MAX_WEEKS (104) weeks,
 * two years, back from there.
 *
 * Pure arithmetic, except pattern_window, which reads min/max of the
 * sources' date columns (each answered by its index). Must not print.
 */
#include "core/pattern_internal.h"
#include "base/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pattern_source_week[SRC_N] = {"event_week", "received_week"};

/* --- days ----------------------------------------------------------------------------------------- */

static long floor_div(long a, long b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The civil year, month and day of a day number (civil_from_days). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

long pattern_day_number(const char *date)
{
    return days_from_civil(digits(date, 4), digits(date + 5, 2), digits(date + 8, 2));
}

void pattern_day_label(long day, char out[11])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
static long weekday(long days)
{
    return ((days % 7) + 7 + 3) % 7;
}

/* The Monday of ISO week 1 of year y. */
static long week1_monday(int y)
{
    long jan4 = days_from_civil(y, 1, 4);
    return jan4 - weekday(jan4);
}

/* --- weeks ---------------------------------------------------------------------------------------- */

static int week_of_monday(long monday)
{
    return (int)floor_div(monday + 3, 7);
}

int pattern_week_weeks_in_year(int y)
{
    return (int)((week1_monday(y + 1) - week1_monday(y)) / 7);
}

int pattern_week_number(const char *s)
{
    if (!s || strlen(s) != 8 || s[4] != '-' || s[5] != 'W') return -1;
    for (int i = 0; i < 8; i++)
        if (i != 4 && i != 5 && (s[i] < '0' || s[i] > '9')) return -1;
    int y = atoi(s), w = atoi(s + 6);
    if (y < 1000 || w < 1 || w > pattern_week_weeks_in_year(y)) return -1;
    return week_of_monday(week1_monday(y) + 7L * (w - 1));
}

void pattern_week_label(int num, char out[PATTERN_LABEL_MAX])
{
    long thursday = (long)num * 7; /* Monday num·7 − 3; the week is its Thursday's */
    int y, m, d;
    civil_from_days(thursday, &y, &m, &d);
    long week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    snprintf(out, PATTERN_LABEL_MAX, "%04u-W%02u", (unsigned)y % 10000u, (unsigned)week % 100u);
}

void pattern_week_monday(int num, char out[11])
{
    pattern_day_label(pattern_week_first_day(num), out);
}

int pattern_week_of_date(const char *date)
{
    return pattern_week_of_day(pattern_day_number(date));
}

int pattern_week_of_day(long days)
{
    return week_of_monday(days - weekday(days));
}

long pattern_week_first_day(int num)
{
    return (long)num * 7 - 3;
}

long pattern_month_first_day(int month_num)
{
    return days_from_civil(month_num / 12, month_num % 12 + 1, 1);
}

/* The first week that begins on or after the first day of a month. */
static int first_week_in_month(int month_num)
{
    long first = days_from_civil(month_num / 12, month_num % 12 + 1, 1);
    long wd = weekday(first);
    return week_of_monday(wd ? first + 7 - wd : first);
}

/* The last day of a month number. */
static long month_end(int month_num)
{
    int next = month_num + 1;
    return days_from_civil(next / 12, next % 12 + 1, 1) - 1;
}

/* --- months ---------------------------------------------------------------------------------------- */

int pattern_month_number(const char *s)
{
    if (!s || strlen(s) < 7) return -1;
    return (s[0] - '0') * 12000 + (s[1] - '0') * 1200 + (s[2] - '0') * 120 + (s[3] - '0') * 12 +
           ((s[5] - '0') * 10 + (s[6] - '0')) - 1;
}

void pattern_month_label(int num, char out[PATTERN_LABEL_MAX])
{
    if (num < 0) num = 0;
    snprintf(out, PATTERN_LABEL_MAX, "%04u-%02u", (unsigned)(num / 12) % 10000u, (unsigned)(num % 12 + 1) % 100u);
}

/* --- either ------------------------------------------------------------------------------------------ */

const char *series_period_key(SeriesPeriod p)
{
    return p == SERIES_WEEK ? "week" : "month";
}

const char *series_period_label(SeriesPeriod p)
{
    return p == SERIES_WEEK ? "per vecka" : "per månad";
}

bool series_period_parse(const char *s, SeriesPeriod *out)
{
    if (!s || !*s || !strcmp(s, "month") || !strcmp(s, "månad")) *out = SERIES_MONTH;
    else if (!strcmp(s, "week") || !strcmp(s, "vecka")) *out = SERIES_WEEK;
    else return false;
    return true;
}

int pattern_period_number(SeriesPeriod p, const char *label)
{
    return p == SERIES_WEEK ? pattern_week_number(label) : pattern_month_number(label);
}

void pattern_period_label(SeriesPeriod p, int num, char out[PATTERN_LABEL_MAX])
{
    if (p == SERIES_WEEK) pattern_week_label(num, out);
    else pattern_month_label(num, out);
}

const char *pattern_source_period(SeriesPeriod p, int src)
{
    return p == SERIES_WEEK ? pattern_source_week[src] : pattern_source_month[src];
}

ErrCode pattern_window(Db *db, SeriesPeriod per, int *first, size_t *n, Err *e)
{
    *n = 0;
    *first = 0;
    char today[11];
    iso_today(today);
    int current = per == SERIES_WEEK ? pattern_week_of_date(today) : pattern_month_number(today);
    int lo = INT32_MAX, hi = -1;
    for (int s = 0; s < SRC_N; s++) {
        /* min and max of the date column: its own index answers at once */
        char sql[160];
        const char *col = pattern_source_date[s];
        snprintf(sql, sizeof sql, "SELECT min(%s), max(%s) FROM %s", col, col, pattern_source_table[s]);
        Stmt *st = db_query(db, e, sql, NULL);
        if (!st) return e->code;
        int rc = stmt_step(st, e);
        if (rc == 1 && !stmt_is_null(st, 0) && strlen(stmt_text(st, 0)) == 10 && strlen(stmt_text(st, 1)) == 10) {
            const char *a = stmt_text(st, 0), *b = stmt_text(st, 1);
            int pa = per == SERIES_WEEK ? pattern_week_of_date(a) : pattern_month_number(a);
            int pb = per == SERIES_WEEK ? pattern_week_of_date(b) : pattern_month_number(b);
            if (pa < lo) lo = pa;
            if (pb > hi) hi = pb;
        }
        stmt_finalize(st);
        if (rc < 0) return e->code;
    }
    if (hi >= current) hi = current - 1;
    if (hi < 0 || lo > hi) return ERR_OK;
    int max = per == SERIES_WEEK ? PATTERN_MAX_WEEKS : PATTERN_MAX_PERIODS;
    if (hi - lo + 1 > max) lo = hi - max + 1;
    *first = lo;
    *n = (size_t)(hi - lo + 1);
    return ERR_OK;
}

ErrCode pattern_months(Db *db, int *first, size_t *n, Err *e)
{
    return pattern_window(db, SERIES_MONTH, first, n, e);
}

void pattern_week_settings(const SeriesSettings *month, int month_first, int week_first, SeriesSettings *week,
                           char split[PATTERN_LABEL_MAX])
{
    memset(week, 0, sizeof *week);
    split[0] = 0;
    if (!month) return;
    int start_month = month_first, start_week = week_first;
    if (month->split_at && *month->split_at) {
        int sm = pattern_month_number(month->split_at);
        if (sm > start_month) start_month = sm;
        int sw = first_week_in_month(sm);
        if (sw > start_week) start_week = sw;
        pattern_week_label(sw, split);
        week->split_at = split;
    }
    if (month->freeze && month_first >= 0) {
        /* the weeks from the judged start that end (on Sunday) within the frozen months */
        long last_day = month_end(start_month + (int)month->freeze - 1);
        long first_sunday = (long)start_week * 7 - 3 + 6;
        if (last_day >= first_sunday) week->freeze = (size_t)((last_day - first_sunday) / 7 + 1);
    }
}
