/*
 * plan.c — listing plan items for linking.
 */
#include "core/plan.h"
#include "base/buf.h"

#include <stdlib.h>

static void plan_items_free_one(PlanItem *it)
{
    free(it->plan_name);
    free(it->kind);
    free(it->code);
    free(it->title);
}

static void fill_item(Stmt *st, void *el)
{
    PlanItem *it = el;
    it->id = stmt_int(st, 0);
    it->parent_id = stmt_int(st, 1);
    it->plan_name = xstrdup(stmt_text(st, 2));
    it->kind = xstrdup(stmt_text(st, 3));
    it->code = xstrdup(stmt_text(st, 4));
    it->title = xstrdup(stmt_text(st, 5));
}

static void release_item(void *el)
{
    plan_items_free_one(el);
}

ErrCode plan_items_list(Db *db, PlanItem **out, size_t *n, Err *e)
{
    return db_rows(db, e,
                   "SELECT i.id, COALESCE(i.parent_id, 0), p.name, i.kind, i.code, i.title "
                   "FROM plan_items i JOIN plans p ON p.id = i.plan_id ORDER BY p.id, i.sort, i.id",
                   NULL, sizeof **out, fill_item, release_item, (void **)out, n);
}

void plan_items_free(PlanItem *items, size_t n)
{
    for (size_t i = 0; i < n; i++) plan_items_free_one(&items[i]);
    free(items);
}
