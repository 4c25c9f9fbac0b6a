/*
 * period.h — the periods plans are followed up in, and their arithmetic.
 *
 * A period is written as users' scripts write it:
 *   2024-T1   tertial  (T1 januari–april, T2 maj–augusti, T3 september–december)
 *   2024-Q3   kvartal  (Q1 januari–mars … Q4 oktober–december)
 *   2024-05   månad
 *   2024      år
 * Years run 1000–9999. Periods of different types are ordered by their first
 * month and, when that is equal, the longer one first (2024 before 2024-T1
 * before 2024-Q1 before 2024-01).
 *
 * Pure computation: no I/O, no database. Messages are Swedish and start with
 * "okänd period '…'" so that an importer can put "rad 7: " in front.
 */
#ifndef LOTS_CORE_PERIOD_H
#define LOTS_CORE_PERIOD_H

#include <stdbool.h>

#include "base/err.h"

typedef enum { PERIOD_YEAR, PERIOD_TERTIAL, PERIOD_QUARTER, PERIOD_MONTH } PeriodType;

typedef struct {
    PeriodType type;
    int year; /* 1000–9999 */
    int n;    /* tertial 1–3, quarter 1–4, month 1–12; 1 for a year */
} Period;

/* The longest text period_format writes, with its NUL. */
#define PERIOD_TEXT_MAX 8

/* Parses "2024-T1", "2024-Q3", "2024-05" or "2024" (surrounding blanks are
 * not allowed; lower-case t and q are). ERR_INVALID with a message naming the
 * text and saying what is wrong: "okänd period '2024-T4': ett år har
 * tertialen T1–T3". */
ErrCode period_parse(const char *s, Period *out, Err *e);
bool period_valid(Period p);
/* Writes the canonical text into out (PERIOD_TEXT_MAX bytes); returns out. */
char *period_format(Period p, char out[PERIOD_TEXT_MAX]);
/* "Tertial 1 2024", "Kvartal 3 2024", "maj 2024", "2024": for tables and
 * reports. out must hold 32 bytes. */
char *period_label(Period p, char out[32]);

Period period_next(Period p);
Period period_prev(Period p);
/* < 0, 0, > 0 as a comes before, equals or comes after b (see above). */
int period_compare(Period a, Period b);

int period_first_month(Period p); /* 1–12 */
int period_last_month(Period p);  /* 1–12 */
int period_months(PeriodType t);  /* 12, 4, 3, 1 */
/* First and last day as ISO dates "2024-05-01", "2024-08-31" (11 bytes). */
void period_start_date(Period p, char out[11]);
void period_end_date(Period p, char out[11]);

/* The period of type t that contains the given month / ISO date. */
Period period_of_month(PeriodType t, int year, int month);
ErrCode period_containing(PeriodType t, const char *iso_date, Period *out, Err *e);
/* Does a contain b entirely (a month inside its tertial, a tertial inside its
 * year)? A period contains itself. */
bool period_contains(Period a, Period b);

/* "tertial", "quarter", "month", "year" (the API and database words) and the
 * Swedish nouns "tertial", "kvartal", "månad", "år". parse accepts both. */
const char *period_type_key(PeriodType t);
const char *period_type_label(PeriodType t);
bool period_type_parse(const char *s, PeriodType *out);

#endif
