/*
 * plan_internal.h — what the plan_*.c files share and nobody else uses: the
 * writers without a transaction of their own, for callers that already hold
 * one (the importer, the demo), and small readers.
 */
#ifndef LOTS_CORE_PLAN_INTERNAL_H
#define LOTS_CORE_PLAN_INTERNAL_H

#include "core/plan.h"

/* Field limits (characters). */
enum {
    PLAN_NAME_MAX = 200,
    PLAN_KEY_MAX = 64,
    PLAN_CODE_MAX = 32,
    PLAN_TITLE_MAX = 300,
    PLAN_TEXT_MAX = 4000,
    PLAN_OWNER_MAX = 200,
    PLAN_UNIT_MAX = 32,
    PLAN_COMMENT_MAX = 4000,
};

/* Inside the caller's transaction. */
ErrCode plan_insert(Db *db, const PlanNew *in, long long *id, Err *e);
ErrCode plan_item_insert(Db *db, const PlanItemNew *in, long long *id, Err *e);
ErrCode indicator_value_write(Db *db, const IndicatorValueEdit *in, Err *e);

/* The indicator's period type and its plan's tolerance; ERR_NOTFOUND unless
 * id is an indicator. */
ErrCode indicator_meta(Db *db, long long id, PeriodType *type, Direction *dir, double *tolerance_pct, Err *e);

/* Reads the value rows of one indicator (period order) into points. */
ErrCode indicator_points_load(Db *db, long long id, Direction dir, double tolerance_pct, IndicatorPoint **out,
                              size_t *n, Err *e);

/* NULL-safe strdup of column text. */
char *plan_col(Stmt *st, int col);

#endif
