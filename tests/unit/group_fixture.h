/*
 * group_fixture.h — the fixture and the helpers the group tests share
 * (test_group.c, test_group_check.c): a fresh database per test with a small
 * organisation (Ortopedi at USÖ, the municipalities Kumla and Örebro) and
 * people of several professions; adding a group and a member, whether a
 * group has a given problem, and the fixed "today" the tests pass in.
 * Header-only; include cmocka.h first.
 */
#ifndef LOTS_TESTS_GROUP_FIXTURE_H
#define LOTS_TESTS_GROUP_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "core/group.h"
#include "core/org.h"
#include "store/db.h"

typedef struct {
    TestDb *t;
    Db *db;
    long long ortopedi, kumla;
} Fixture;

/* --- set-up: a small organisation with people of several professions ---------------------- */

static inline long long unit(Db *db, long long parent, const char *kind, const char *name, const char *short_name,
                             const char *title)
{
    UnitNew in = {parent, kind, name, short_name, title, NULL};
    long long id = 0;
    Err e = ERR_INIT;
    if (unit_add(db, &in, &id, &e)) fail_msg("unit_add %s: %s", name, e.msg);
    return id;
}

static inline long long person(Db *db, const char *name, const char *title, long long unit_id, long long muni,
                               const char *profession)
{
    const char *prof[1] = {profession};
    PersonNew in = {name, title, unit_id, muni, prof, profession ? 1 : 0};
    long long id = 0;
    Err e = ERR_INIT;
    if (person_add(db, &in, &id, &e)) fail_msg("person_add %s: %s", name, e.msg);
    return id;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("group"))) return -1;
    f->db = f->t->db;
    Db *db = f->db;
    long long r = unit(db, 0, "region", "Region Örebro län", "RÖL", "Regiondirektör");
    long long hsf = unit(db, r, "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF", "Hälso- och sjukvårdsdirektör");
    long long uso = unit(db, hsf, "område", "Universitetssjukhuset Örebro", "USÖ", "Områdeschef");
    f->ortopedi = unit(db, uso, "verksamhet", "Ortopedi", NULL, "Verksamhetschef");
    Err e = ERR_INIT;
    if (municipality_add(db, "Kumla", NULL, "Örebro län", &f->kumla, &e) ||
        municipality_add(db, "Örebro", NULL, "Örebro län", NULL, &e))
        fail_msg("municipality_add: %s", e.msg);
    person(db, "Olof Bergman", "Verksamhetschef", f->ortopedi, 0, "läkare");
    person(db, "Sofia Nilsson", "Fysioterapeut", f->ortopedi, 0, "fysioterapeut");
    person(db, "Eva Lindström", "Sjuksköterska", f->ortopedi, 0, "sjuksköterska");
    person(db, "Anna Ek", "Sjuksköterska", f->ortopedi, 0, "sjuksköterska");
    person(db, "Maja Ek", "Verksamhetsutvecklare", f->ortopedi, 0, "läkare");
    person(db, "Lina Ahmadi", "Fysioterapeut", 0, f->kumla, "fysioterapeut");
    person(db, "Gunnel Karlsson", NULL, 0, 0, NULL);
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

static inline long long group(Db *db, const char *type, const char *name, const char *parent)
{
    GroupNew in = {.type = type, .name = name, .parent = parent, .seeks_patient_rep = -1, .has_municipal_parts = -1,
                   .multiprofessional = -1};
    long long id = 0;
    Err e = ERR_INIT;
    if (group_add(db, NULL, &in, &id, &e)) fail_msg("group_add %s: %s", name, e.msg);
    return id;
}

static inline long long member(Db *db, long long g, const char *who, const char *role, const char *from, const char *to)
{
    MemberNew in = {who, role, NULL, from, to};
    long long id = 0;
    Err e = ERR_INIT;
    if (group_member_add(db, NULL, g, &in, &id, &e)) fail_msg("member %s as %s: %s", who, role, e.msg);
    return id;
}

/* The problem with this code, or NULL. Its message is copied into msg. */
static inline bool has_problem(Db *db, long long g, const char *today, const char *code, char *msg, size_t cap)
{
    GroupProblems p;
    Err e = ERR_INIT;
    if (group_check(db, g, today, &p, &e)) fail_msg("group_check: %s", e.msg);
    bool found = false;
    for (size_t i = 0; i < p.n && !found; i++) {
        if (strcmp(p.items[i].code, code)) continue;
        found = true;
        if (msg) snprintf(msg, cap, "%s", p.items[i].message);
    }
    group_problems_free(&p);
    return found;
}

static const char *const TODAY = "2025-06-15";

#endif
