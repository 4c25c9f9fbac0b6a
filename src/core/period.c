/*
 * period.c — parsing, formatting and arithmetic of follow-up periods
 * (tertial, quarter, month, year). See period.h for the written forms and the
 * order. Must not touch the database or print.
 */
#include "core/period.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {"januari", "februari", "mars",      "april",   "maj",      "juni",
                                            "juli",    "augusti",  "september", "oktober", "november", "december"};

int period_months(PeriodType t)
{
    switch (t) {
    case PERIOD_YEAR: return 12;
    case PERIOD_TERTIAL: return 4;
    case PERIOD_QUARTER: return 3;
    case PERIOD_MONTH: return 1;
    }
    return 12;
}

static int periods_per_year(PeriodType t)
{
    return 12 / period_months(t);
}

bool period_valid(Period p)
{
    if (p.year < 1000 || p.year > 9999) return false;
    switch (p.type) {
    case PERIOD_YEAR:
    case PERIOD_TERTIAL:
    case PERIOD_QUARTER:
    case PERIOD_MONTH: return p.n >= 1 && p.n <= periods_per_year(p.type);
    }
    return false;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The digits of s[from..] up to the end, as a number; -1 if anything else or
 * nothing is there, or more than 4 digits. */
static int digits_to_end(const char *s, int *ndigits)
{
    int v = 0, n = 0;
    for (; s[n]; n++) {
        if (!is_digit(s[n]) || n >= 4) return -1;
        v = v * 10 + (s[n] - '0');
    }
    *ndigits = n;
    return n ? v : -1;
}

ErrCode period_parse(const char *s, Period *out, Err *e)
{
    static const char *hint = "skriv t.ex. 2024-T1 (tertial), 2024-Q3 (kvartal), 2024-05 (månad) eller 2024 (år)";
    if (!s || !*s) return err_set(e, ERR_INVALID, "okänd period '': perioden saknas; %s", hint);
    if (strlen(s) > 16) {
        char start[17];
        memcpy(start, s, 16);
        start[16] = '\0';
        utf8_drop_cut(start); /* the message must stay UTF-8 */
        return err_set(e, ERR_INVALID, "okänd period '%s…': %s", start, hint);
    }
    for (int i = 0; i < 4; i++)
        if (!is_digit(s[i])) return err_set(e, ERR_INVALID, "okänd period '%s': %s", s, hint);
    Period p = {PERIOD_YEAR, (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'), 1};
    if (p.year < 1000) return err_set(e, ERR_INVALID, "okänd period '%s': året ska vara 1000–9999", s);
    const char *rest = s + 4;
    if (!*rest) {
        *out = p;
        return ERR_OK;
    }
    if (*rest != '-') return err_set(e, ERR_INVALID, "okänd period '%s': %s", s, hint);
    rest++;
    int nd = 0, v;
    if (*rest == 'T' || *rest == 't' || *rest == 'Q' || *rest == 'q') {
        bool tertial = *rest == 'T' || *rest == 't';
        v = digits_to_end(rest + 1, &nd);
        if (v < 1 || v > (tertial ? 3 : 4))
            return err_set(e, ERR_INVALID, "okänd period '%s': %s", s,
                           tertial ? "ett år har tertialen T1–T3" : "ett år har kvartalen Q1–Q4");
        p.type = tertial ? PERIOD_TERTIAL : PERIOD_QUARTER;
        p.n = v;
    } else {
        v = digits_to_end(rest, &nd);
        if (v < 0) return err_set(e, ERR_INVALID, "okänd period '%s': %s", s, hint);
        if (nd != 2)
            return err_set(e, ERR_INVALID, "okänd period '%s': skriv månaden med två siffror (t.ex. %04d-05)", s,
                           p.year);
        if (v < 1 || v > 12) return err_set(e, ERR_INVALID, "okänd period '%s': månaden ska vara 01–12", s);
        p.type = PERIOD_MONTH;
        p.n = v;
    }
    *out = p;
    return ERR_OK;
}

char *period_format(Period p, char out[PERIOD_TEXT_MAX])
{
    int y = p.year < 0 ? 0 : p.year > 9999 ? 9999 : p.year;
    int n = p.n < 0 ? 0 : p.n > 99 ? 99 : p.n;
    switch (p.type) {
    case PERIOD_YEAR: snprintf(out, PERIOD_TEXT_MAX, "%04d", y); break;
    case PERIOD_TERTIAL: snprintf(out, PERIOD_TEXT_MAX, "%04d-T%d", y, n % 10); break;
    case PERIOD_QUARTER: snprintf(out, PERIOD_TEXT_MAX, "%04d-Q%d", y, n % 10); break;
    case PERIOD_MONTH: snprintf(out, PERIOD_TEXT_MAX, "%04d-%02d", y, n); break;
    }
    return out;
}

char *period_label(Period p, char out[32])
{
    switch (p.type) {
    case PERIOD_YEAR: snprintf(out, 32, "%d", p.year); break;
    case PERIOD_TERTIAL: snprintf(out, 32, "Tertial %d %d", p.n, p.year); break;
    case PERIOD_QUARTER: snprintf(out, 32, "Kvartal %d %d", p.n, p.year); break;
    case PERIOD_MONTH:
        snprintf(out, 32, "%s %d", p.n >= 1 && p.n <= 12 ? month_names[p.n - 1] : "?", p.year);
        break;
    }
    return out;
}

Period period_next(Period p)
{
    if (p.n >= periods_per_year(p.type)) {
        p.year++;
        p.n = 1;
    } else {
        p.n++;
    }
    return p;
}

Period period_prev(Period p)
{
    if (p.n <= 1) {
        p.year--;
        p.n = periods_per_year(p.type);
    } else {
        p.n--;
    }
    return p;
}

int period_first_month(Period p)
{
    return (p.n - 1) * period_months(p.type) + 1;
}

int period_last_month(Period p)
{
    return p.n * period_months(p.type);
}

int period_compare(Period a, Period b)
{
    if (a.year != b.year) return a.year < b.year ? -1 : 1;
    int fa = period_first_month(a), fb = period_first_month(b);
    if (fa != fb) return fa < fb ? -1 : 1;
    int la = period_months(a.type), lb = period_months(b.type);
    if (la != lb) return la > lb ? -1 : 1; /* the longer one first */
    return 0;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[(m - 1) % 12];
}

void period_start_date(Period p, char out[11])
{
    snprintf(out, 11, "%04u-%02u-01", (unsigned)p.year % 10000u, (unsigned)period_first_month(p) % 100u);
}

void period_end_date(Period p, char out[11])
{
    int m = period_last_month(p);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)p.year % 10000u, (unsigned)m % 100u,
             (unsigned)days_in_month(p.year, m < 1 ? 1 : m) % 100u);
}

Period period_of_month(PeriodType t, int year, int month)
{
    return (Period){t, year, (month - 1) / period_months(t) + 1};
}

ErrCode period_containing(PeriodType t, const char *iso_date, Period *out, Err *e)
{
    int y, m, d;
    char tail;
    if (!iso_date || sscanf(iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen(iso_date) != 10 ||
        y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return err_set(e, ERR_INVALID, "ogiltigt datum '%s': skriv ÅÅÅÅ-MM-DD", iso_date ? iso_date : "");
    *out = period_of_month(t, y, m);
    return ERR_OK;
}

bool period_contains(Period a, Period b)
{
    return a.year == b.year && period_first_month(a) <= period_first_month(b) &&
           period_last_month(b) <= period_last_month(a);
}

const char *period_type_key(PeriodType t)
{
    switch (t) {
    case PERIOD_YEAR: return "year";
    case PERIOD_TERTIAL: return "tertial";
    case PERIOD_QUARTER: return "quarter";
    case PERIOD_MONTH: return "month";
    }
    return "year";
}

const char *period_type_label(PeriodType t)
{
    switch (t) {
    case PERIOD_YEAR: return "år";
    case PERIOD_TERTIAL: return "tertial";
    case PERIOD_QUARTER: return "kvartal";
    case PERIOD_MONTH: return "månad";
    }
    return "år";
}

bool period_type_parse(const char *s, PeriodType *out)
{
    static const PeriodType all[] = {PERIOD_YEAR, PERIOD_TERTIAL, PERIOD_QUARTER, PERIOD_MONTH};
    if (!s) return false;
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (!strcmp(s, period_type_key(all[i])) || !strcmp(s, period_type_label(all[i]))) {
            *out = all[i];
            return true;
        }
    return false;
}
