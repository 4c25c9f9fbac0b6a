/*
 * plan_tree.c — a plan as a tree in memory: items in pre-order with depth,
 * each indicator's point for the period shown, the roll-ups (rules in
 * plan_fulfil.c) and the summary pivot counted from the tree. Read-only.
 */
#include "core/plan_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void node_free(PlanNode *n)
{
    free(n->kind);
    free(n->code);
    free(n->title);
    free(n->description);
    free(n->strategic_owner);
    free(n->assignment_owner);
    free(n->status);
    free(n->refers_to_code);
    free(n->refers_to_title);
    free(n->refers_to_plan);
    free(n->unit);
    if (n->has_point) indicator_point_free(&n->point);
}

static void fill_node(Stmt *st, void *el)
{
    PlanNode *n = el;
    memset(n, 0, sizeof *n);
    n->id = stmt_int(st, 0);
    n->parent_id = stmt_int(st, 1);
    n->kind = plan_col(st, 2);
    n->code = plan_col(st, 3);
    n->title = plan_col(st, 4);
    n->description = plan_col(st, 5);
    n->strategic_owner = plan_col(st, 6);
    n->assignment_owner = plan_col(st, 7);
    n->status = plan_col(st, 8);
    n->refers_to = stmt_int(st, 9);
    n->refers_to_code = plan_col(st, 10);
    n->refers_to_title = plan_col(st, 11);
    n->refers_to_plan = plan_col(st, 12);
    n->unit = plan_col(st, 13);
    if (!direction_parse(stmt_text(st, 14), &n->direction)) n->direction = DIR_HIGHER;
    if (!period_type_parse(stmt_text(st, 15), &n->period_type)) n->period_type = PERIOD_TERTIAL;
    n->is_indicator = stmt_int(st, 16) != 0;
    n->cases = stmt_int(st, 17);
    n->parent = SIZE_MAX;
}

static void release_node(void *el)
{
    node_free(el);
}

/* Appends node i and its subtree to order[], in the rows' (sort) order. */
static void visit(PlanNode *rows, size_t n, size_t i, int depth, size_t parent, size_t *order, size_t *k,
                  bool *seen)
{
    if (seen[i]) return;
    seen[i] = true;
    rows[i].depth = depth;
    rows[i].parent = parent;
    size_t here = (*k)++;
    order[here] = i;
    for (size_t c = 0; c < n; c++)
        if (!seen[c] && rows[c].parent_id == rows[i].id) visit(rows, n, c, depth + 1, here, order, k, seen);
}

/* Puts the rows in pre-order; parent becomes an index into the new order. */
static void preorder(PlanNode **rows, size_t n)
{
    size_t *order = xcalloc(n ? n : 1, sizeof *order);
    bool *seen = xcalloc(n ? n : 1, sizeof *seen);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool top = !(*rows)[i].parent_id;
        if (!top) { /* a parent outside the plan would make an orphan: show it at the top */
            top = true;
            for (size_t j = 0; j < n && top; j++)
                if ((*rows)[j].id == (*rows)[i].parent_id) top = false;
        }
        if (top) visit(*rows, n, i, 0, SIZE_MAX, order, &k, seen);
    }
    for (size_t i = 0; i < n; i++) /* a cycle cannot be made through plan_item_insert; be safe anyway */
        if (!seen[i]) visit(*rows, n, i, 0, SIZE_MAX, order, &k, seen);
    PlanNode *sorted = xcalloc(n ? n : 1, sizeof *sorted);
    for (size_t i = 0; i < n; i++) sorted[i] = (*rows)[order[i]];
    free(*rows);
    *rows = sorted;
    free(order);
    free(seen);
}

/* Chooses the point an indicator shows (see plan_tree_load in plan.h). */
static void choose_point(PlanNode *node, IndicatorPoint *pts, size_t n, const Period *as_of)
{
    size_t pick = SIZE_MAX;
    if (as_of) {
        Period want = period_of_month(node->period_type, as_of->year, period_last_month(*as_of));
        for (size_t i = 0; i < n; i++)
            if (period_compare(pts[i].period, want) == 0 && pts[i].period.type == want.type) pick = i;
        if (pick == SIZE_MAX) { /* no row yet: an empty point for that period */
            node->has_point = true;
            memset(&node->point, 0, sizeof node->point);
            node->point.period = want;
            period_format(want, node->point.text);
            node->point.comment = xstrdup("");
            node->point.override_comment = xstrdup("");
        }
    } else {
        for (size_t i = n; i-- > 0 && pick == SIZE_MAX;)
            if (pts[i].fulfilment != FUL_NONE) pick = i;
    }
    if (pick != SIZE_MAX) {
        node->has_point = true;
        node->point = pts[pick];
        pts[pick].comment = pts[pick].override_comment = NULL; /* moved */
    }
    for (size_t i = 0; i < n; i++) indicator_point_free(&pts[i]);
    free(pts);
}

ErrCode plan_tree_load(Db *db, long long plan_id, const Period *as_of, PlanTree *out, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    memset(out, 0, sizeof *out);
    if (plan_get(db, plan_id, &out->plan, e)) return e->code;
    if (as_of) {
        out->has_period = true;
        out->period = *as_of;
    }
    if (db_rows(db, e,
                "SELECT i.id, COALESCE(i.parent_id, 0), i.kind, i.code, i.title, i.description, i.strategic_owner, "
                "i.assignment_owner, i.status, COALESCE(i.refers_to, 0), COALESCE(r.code, ''), COALESCE(r.title, ''), "
                "COALESCE(rp.name, ''), COALESCE(d.unit, ''), COALESCE(d.direction, ''), COALESCE(d.period_type, ''), "
                "CASE WHEN d.item_id IS NULL THEN 0 ELSE 1 END, "
                "(SELECT count(*) FROM case_links l WHERE l.plan_item_id = i.id) "
                "FROM plan_items i LEFT JOIN plan_items r ON r.id = i.refers_to "
                "LEFT JOIN plans rp ON rp.id = r.plan_id LEFT JOIN plan_indicators d ON d.item_id = i.id "
                "WHERE i.plan_id = :p ORDER BY i.sort, i.id",
                DB_ARGS(DB_INT(":p", plan_id)), sizeof *out->nodes, fill_node, release_node, (void **)&out->nodes,
                &out->n)) {
        plan_free(&out->plan);
        return e->code;
    }
    preorder(&out->nodes, out->n);
    for (size_t i = 0; i < out->n; i++) {
        PlanNode *node = &out->nodes[i];
        if (!node->is_indicator) continue;
        IndicatorPoint *pts = NULL;
        size_t np = 0;
        if (indicator_points_load(db, node->id, node->direction, out->plan.tolerance_pct, &pts, &np, e)) {
            plan_tree_free(out);
            return e->code;
        }
        choose_point(node, pts, np, as_of);
    }
    /* children come after their parent: walk backwards and hand each roll-up up */
    for (size_t i = out->n; i-- > 0;) {
        PlanNode *node = &out->nodes[i];
        if (node->is_indicator) rollup_add(&node->rollup, node->has_point ? node->point.fulfilment : FUL_NONE);
        node->rollup.level = rollup_level(&node->rollup);
        if (node->parent != SIZE_MAX) rollup_merge(&out->nodes[node->parent].rollup, &node->rollup);
    }
    return ERR_OK;
}

void plan_tree_free(PlanTree *t)
{
    for (size_t i = 0; i < t->n; i++) node_free(&t->nodes[i]);
    free(t->nodes);
    plan_free(&t->plan);
    memset(t, 0, sizeof *t);
}

/* --- the summary pivot ------------------------------------------------------------------------ */

static void count_kind(PlanSummaryRow *r, const char *kind)
{
    if (!strcmp(kind, "delomrade")) r->delomraden++;
    else if (!strcmp(kind, "goal")) r->goals++;
    else if (!strcmp(kind, "activity")) r->activities++;
    else if (!strcmp(kind, "indicator")) r->indicators++;
    r->total = r->delomraden + r->activities + r->indicators;
}

void plan_summary(const PlanTree *t, PlanSummary *out)
{
    memset(out, 0, sizeof *out);
    out->rows = xcalloc(t->n + 1, sizeof *out->rows);
    out->total.code = out->total.title = (char *)"";
    size_t *row_of = xcalloc(t->n ? t->n : 1, sizeof *row_of);
    size_t outside = SIZE_MAX;
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *node = &t->nodes[i];
        if (node->depth == 0 && !strcmp(node->kind, "area")) {
            PlanSummaryRow *r = &out->rows[out->n];
            r->area_id = node->id;
            r->code = node->code;
            r->title = node->title;
            row_of[i] = out->n++;
            continue;
        }
        size_t row;
        if (node->parent != SIZE_MAX) {
            row = row_of[node->parent];
        } else {
            if (outside == SIZE_MAX) {
                outside = out->n++;
                out->rows[outside].code = (char *)"";
                out->rows[outside].title = (char *)"Utan område";
            }
            row = outside;
        }
        row_of[i] = row;
        count_kind(&out->rows[row], node->kind);
        count_kind(&out->total, node->kind);
    }
    free(row_of);
}

void plan_summary_free(PlanSummary *s)
{
    free(s->rows);
    memset(s, 0, sizeof *s);
}
