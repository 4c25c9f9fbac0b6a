/*
 * plan.c — listing plan items for linking.
 */
#include "core/plan.h"
#include "base/buf.h"

#include <stdbool.h>
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
    it->plan_id = stmt_int(st, 6);
}

static void release_item(void *el)
{
    plan_items_free_one(el);
}

/* Appends `parent`'s children (in their sort order, as read) and, after
 * each, its own children: depth-first, so a list reads like the tree. */
static void add_subtree(const PlanItem *in, size_t n, long long plan, long long parent, int depth, PlanItem *out,
                        size_t *k)
{
    for (size_t i = 0; i < n; i++) {
        if (in[i].plan_id != plan || in[i].parent_id != parent) continue;
        out[*k] = in[i];
        out[(*k)++].depth = depth;
        add_subtree(in, n, plan, in[i].id, depth + 1, out, k);
    }
}

ErrCode plan_items_list(Db *db, PlanItem **out, size_t *n, Err *e)
{
    PlanItem *rows;
    ErrCode rc = db_rows(db, e,
                         "SELECT i.id, COALESCE(i.parent_id, 0), p.name, i.kind, i.code, i.title, p.id "
                         "FROM plan_items i JOIN plans p ON p.id = i.plan_id ORDER BY p.id, i.sort, i.id",
                         NULL, sizeof *rows, fill_item, release_item, (void **)&rows, n);
    if (rc) return rc;
    PlanItem *tree = xcalloc(*n ? *n : 1, sizeof *tree);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (!i || rows[i].plan_id != rows[i - 1].plan_id) add_subtree(rows, *n, rows[i].plan_id, 0, 0, tree, &k);
    /* an item whose parent is missing would be lost: keep it at the end */
    for (size_t i = 0; i < *n && k < *n; i++) {
        bool placed = false;
        for (size_t j = 0; j < k && !placed; j++) placed = tree[j].id == rows[i].id;
        if (!placed) tree[k++] = rows[i];
    }
    free(rows); /* the strings moved to tree */
    *out = tree;
    return ERR_OK;
}

char *plan_item_label(Db *db, long long item, Err *e)
{
    return db_text(db, e, "SELECT code || ' ' || title FROM plan_items WHERE id = :i", DB_ARGS(DB_INT(":i", item)));
}

void plan_items_free(PlanItem *items, size_t n)
{
    for (size_t i = 0; i < n; i++) plan_items_free_one(&items[i]);
    free(items);
}
