/*
 * deviation_fixture.h — the fixture and the helpers the deviation and
 * complaint tests share (test_deviation.c, test_complaint.c): a fresh
 * database per test with a handläggare, a läsare and a small organisation
 * (Ortopedi with its mottagning, Kirurgi), valid personnummer made for a
 * date, and numbers that only look like one. Header-only; include cmocka.h
 * first.
 */
#ifndef LOTS_TESTS_DEVIATION_FIXTURE_H
#define LOTS_TESTS_DEVIATION_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "core/org.h"

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna;  /* handläggare */
    Actor maria; /* läsare */
    long long ortopedi, mottagning, kirurgi;
} Fixture;

static int group_setup(void **state)
{
    (void)state;
    setenv("LOTS_FAST_HASH", "1", 1);
    return account_init() ? 0 : -1;
}

static inline long long add_unit(Db *db, long long parent, const char *kind, const char *name, const char *short_name)
{
    UnitNew in = {parent, kind, name, short_name, NULL, NULL};
    long long id = 0;
    Err e = ERR_INIT;
    if (unit_add(db, &in, &id, &e)) fail_msg("unit_add %s: %s", name, e.msg);
    return id;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("deviation"))) return -1;
    f->db = f->t->db;
    testdb_add_actor(f->db, "anna.berg", "Anna Berg", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "maria.holm", "Maria Holm", ROLE_LASARE, &f->maria);
    long long region = add_unit(f->db, 0, "region", "Region Örebro län", "RÖL");
    long long hsf = add_unit(f->db, region, "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF");
    long long uso = add_unit(f->db, hsf, "område", "Universitetssjukhuset Örebro", "USÖ");
    f->ortopedi = add_unit(f->db, uso, "verksamhet", "Ortopedi", NULL);
    f->mottagning = add_unit(f->db, f->ortopedi, "enhet", "Ortopedmottagningen", NULL);
    f->kirurgi = add_unit(f->db, uso, "verksamhet", "Kirurgi", NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    testdb_close(f->t);
    free(f);
    return 0;
}

/* --- helpers ---------------------------------------------------------------------------------- */

static inline long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

/* A valid personnummer for a date: YYMMDD-NNN plus the Luhn check digit. */
static inline void make_pnr(const char *yymmdd, const char *nnn, char out[12], bool wrong_check)
{
    char digits[10];
    memcpy(digits, yymmdd, 6);
    memcpy(digits + 6, nnn, 3);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    int check = (10 - sum % 10) % 10;
    if (wrong_check) check = (check + 1) % 10;
    snprintf(out, 12, "%.6s-%.3s%d", yymmdd, nnn, check);
}

/* Numbers that look like a personnummer but are not one. */
static const char *const look_alikes[] = {
    "Ring avdelningen på 019-602 10 00 eller 070-123 45 67.",
    "Se ärende RS 2023-01756 och avvikelse AVV-2026-012345.",
    "Inventarienummer 20260305-12 och lot 4711.",
    "Tid 2026-03-05 14:30, sal 12.",
};

#endif
