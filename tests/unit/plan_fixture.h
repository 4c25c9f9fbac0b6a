/*
 * plan_fixture.h — the fixture and the helpers the plan tests share
 * (test_plan.c, test_plan_import.c): a fresh database per test, a plan with
 * a tolerance, its items and indicators, and finding a plan by key and an
 * item by code. Header-only; include cmocka.h first.
 */
#ifndef LOTS_TESTS_PLAN_FIXTURE_H
#define LOTS_TESTS_PLAN_FIXTURE_H

#include <stdlib.h>

#include "testdb.h"
#include "core/plan.h"
#include "store/db.h"

typedef struct {
    TestDb *t; /* tests/unit/testdb.h */
    Db *db;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("plan"))) return -1;
    f->db = f->t->db;
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

static inline long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

static inline long long new_plan(Fixture *f, const char *key, double tol)
{
    PlanNew p = {.key = key, .name = "Testplan", .tolerance_pct = tol, .period_from = "2024", .period_to = "2027"};
    long long id;
    Err e = ERR_INIT;
    if (plan_create(f->db, &p, &id, &e)) fail_msg("plan_create: %s", e.msg);
    return id;
}

static inline long long item(Fixture *f, long long plan, long long parent, const char *kind, const char *code)
{
    PlanItemNew in = {.plan_id = plan, .parent_id = parent, .kind = kind, .code = code, .title = code,
                      .period_type = PERIOD_TERTIAL};
    long long id;
    Err e = ERR_INIT;
    if (plan_item_add(f->db, &in, &id, &e)) fail_msg("plan_item_add %s: %s", code, e.msg);
    return id;
}

static inline long long indicator(Fixture *f, long long plan, long long parent, const char *code, Direction d)
{
    PlanItemNew in = {.plan_id = plan, .parent_id = parent, .kind = "indicator", .code = code, .title = code,
                      .unit = "%", .direction = d, .period_type = PERIOD_TERTIAL};
    long long id;
    Err e = ERR_INIT;
    if (plan_item_add(f->db, &in, &id, &e)) fail_msg("plan_item_add %s: %s", code, e.msg);
    return id;
}

static inline long long plan_by_key(Fixture *f, const char *key)
{
    long long id;
    Err e = ERR_INIT;
    if (plan_resolve(f->db, key, &id, &e)) fail_msg("plan_resolve %s: %s", key, e.msg);
    return id;
}

static inline long long item_by_code(Fixture *f, long long plan, const char *code)
{
    long long id;
    Err e = ERR_INIT;
    if (plan_item_by_code(f->db, plan, code, &id, &e)) fail_msg("item %s: %s", code, e.msg);
    return id;
}

#endif
