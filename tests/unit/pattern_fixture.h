/*
 * pattern_fixture.h — a small organisation and hand-made deviations for the
 * pattern tests that need exact counts (test_pattern_week.c,
 * test_denominator.c): a region, one förvaltning with verksamheter under
 * it, a handläggare and a läsare, and events imported through the real CSV
 * import on the dates a test gives; and the process set and group setup
 * every pattern test shares (test_pattern.c and test_series.c use only
 * those). Header-only; include cmocka.h and testdb.h first.
 */
#ifndef LOTS_TESTS_PATTERN_FIXTURE_H
#define LOTS_TESTS_PATTERN_FIXTURE_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "core/deviation.h"
#include "core/org.h"
#include "core/pattern.h"

static ProcessSet ps; /* the shipped processes, for detection and cases */

static int pf_group_setup(void **state)
{
    (void)state;
    Err e = ERR_INIT;
    setenv("LOTS_FAST_HASH", "1", 1);
    if (!account_init()) return -1;
    return process_set_load(&ps, NULL, &e) ? -1 : 0;
}

static int pf_group_teardown(void **state)
{
    (void)state;
    process_set_free(&ps);
    return 0;
}

static inline long long pf_count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna, lars;
    long long region, forv, unit[5]; /* verksamheter A–E under the förvaltning */
    int next_ref;
} PFixture;

static const char *const pf_unit_names[5] = {"Akutkliniken", "Barnkliniken", "Hudkliniken", "Ögonkliniken",
                                             "Öronkliniken"};

static inline long long pf_add_unit(Db *db, long long parent, const char *kind, const char *name)
{
    UnitNew in = {parent, kind, name, NULL, NULL, NULL};
    long long id = 0;
    Err e = ERR_INIT;
    if (unit_add(db, &in, &id, &e)) fail_msg("unit_add %s: %s", name, e.msg);
    return id;
}

static inline PFixture *pf_open(const char *name)
{
    PFixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open(name))) return NULL;
    f->db = f->t->db;
    testdb_add_actor(f->db, "anna", "Anna", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "lars", "Lars", ROLE_LASARE, &f->lars);
    f->region = pf_add_unit(f->db, 0, "region", "Region Test");
    f->forv = pf_add_unit(f->db, f->region, "förvaltning", "Förvaltning Test");
    for (int i = 0; i < 5; i++) f->unit[i] = pf_add_unit(f->db, f->forv, "verksamhet", pf_unit_names[i]);
    return f;
}

static inline void pf_close(PFixture *f)
{
    testdb_close(f->t);
    free(f);
}

/* Deviations of `category` at unit u (0–4), one per date (YYYY-MM-DD). */
static inline void pf_events(PFixture *f, int u, const char *category, const char *const *dates, size_t n)
{
    Buf csv = BUF_INIT;
    buf_printf(&csv, "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n");
    for (size_t i = 0; i < n; i++)
        buf_printf(&csv, "T-%06d;%s;%s;%s;2;Händelse i testet.\n", ++f->next_ref, dates[i], pf_unit_names[u], category);
    ImportOptions opt = {IMPORT_DEVIATIONS, NULL, "test.csv", NULL};
    ImportCounts c;
    Err e = ERR_INIT;
    if (deviation_import_csv(f->db, &f->anna, csv.data, csv.len, &opt, &c, &e)) fail_msg("import: %s", e.msg);
    buf_free(&csv);
}

/* The date `days` after 2024-01-01 (a Monday), and its weekday (0 Monday … 6 Sunday). */
static inline void pf_day(int days, char out[11], int *weekday)
{
    struct tm tm = {.tm_year = 124, .tm_mon = 0, .tm_mday = 1 + days, .tm_hour = 12};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    if (weekday) *weekday = (tm.tm_wday + 6) % 7;
}

/* The stored patterns of one series (level unit at the fixture's unit u). */
static inline size_t pf_patterns_of(const Pattern *p, size_t n, const char *unit, const char *category, long *first)
{
    size_t k = 0;
    *first = -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(p[i].level, "unit") && !strcmp(p[i].unit, unit) && !strcmp(p[i].category, category)) {
            if (!k++) *first = (long)i;
        }
    return k;
}

#endif
