/*
 * plan.h — plan items a case can be linked to. The foundation ships the
 * strategy for the transition with its five areas (migration 0001); the plans
 * issue grows plans into full trees with indicators.
 */
#ifndef LOTS_CORE_PLAN_H
#define LOTS_CORE_PLAN_H

#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

typedef struct {
    long long id;
    long long parent_id; /* 0 at the top */
    char *plan_name;
    char *kind; /* "area", … */
    char *code;
    char *title;
} PlanItem;

ErrCode plan_items_list(Db *db, PlanItem **out, size_t *n, Err *e);
void plan_items_free(PlanItem *items, size_t n);

#endif
