/*
 * plan.c — listing plan items for linking.
 */
#include "core/plan.h"
#include "base/buf.h"

#include <stdlib.h>

ErrCode plan_items_list(Db *db, PlanItem **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *st = db_query(db, e,
                        "SELECT i.id, COALESCE(i.parent_id, 0), p.name, i.kind, i.code, i.title "
                        "FROM plan_items i JOIN plans p ON p.id = i.plan_id ORDER BY p.id, i.sort, i.id",
                        NULL);
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        if (*n == cap) *out = xrealloc(*out, (cap = cap ? cap * 2 : 16) * sizeof **out);
        PlanItem *it = &(*out)[(*n)++];
        it->id = stmt_int(st, 0);
        it->parent_id = stmt_int(st, 1);
        it->plan_name = xstrdup(stmt_text(st, 2));
        it->kind = xstrdup(stmt_text(st, 3));
        it->code = xstrdup(stmt_text(st, 4));
        it->title = xstrdup(stmt_text(st, 5));
    }
    stmt_finalize(st);
    if (rc < 0) {
        plan_items_free(*out, *n);
        *out = NULL;
        *n = 0;
        return e->code;
    }
    return ERR_OK;
}

void plan_items_free(PlanItem *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].plan_name);
        free(items[i].kind);
        free(items[i].code);
        free(items[i].title);
    }
    free(items);
}
