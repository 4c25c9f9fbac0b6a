/*
 * case_read.c — reading one case, listing cases with filters and paging, and
 * the per-process/per-step counts of the start page.
 */
#include "core/case_row.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

void case_from_row(Stmt *st, Case *out)
{
    out->id = stmt_int(st, 0);
    out->ref = xstrdup(stmt_text(st, 1));
    out->title = xstrdup(stmt_text(st, 2));
    out->description = xstrdup(stmt_text(st, 3));
    out->origin = (int)stmt_int(st, 4);
    out->process = xstrdup(stmt_text(st, 5));
    out->step = xstrdup(stmt_text(st, 6));
    out->officer_id = stmt_int(st, 7);
    out->officer_name = xstrdup(stmt_text(st, 8));
    out->created_by_name = xstrdup(stmt_text(st, 9));
    out->created_at = xstrdup(stmt_text(st, 10));
    out->updated_at = xstrdup(stmt_text(st, 11));
}

ErrCode require_writer(const Actor *who, Err *e)
{
    if (!who || !role_can_write(who->role))
        return err_set(e, ERR_FORBIDDEN, "Din roll (%s) får inte ändra ärenden.",
                       who ? role_label(who->role) : "okänd");
    return ERR_OK;
}

void case_free(Case *c)
{
    if (!c) return;
    free(c->ref);
    free(c->title);
    free(c->description);
    free(c->process);
    free(c->step);
    free(c->officer_name);
    free(c->created_by_name);
    free(c->created_at);
    free(c->updated_at);
    memset(c, 0, sizeof *c);
}

static ErrCode case_get_where(Db *db, const char *where, const DbArg *args, const char *what, Case *out,
                              Err *e)
{
    Buf sql = BUF_INIT;
    buf_printf(&sql, "SELECT " CASE_COLUMNS CASE_FROM "WHERE %s", where);
    Stmt *st = db_query(db, e, buf_cstr(&sql), args);
    buf_free(&sql);
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    if (rc == 1) case_from_row(st, out);
    stmt_finalize(st);
    if (rc < 0) return e->code;
    if (rc == 0) return err_set(e, ERR_NOTFOUND, "Ärendet %s finns inte.", what);
    return ERR_OK;
}

ErrCode case_get(Db *db, long long id, Case *out, Err *e)
{
    char what[32];
    snprintf(what, sizeof what, "%lld", id);
    return case_get_where(db, "c.id = :id", DB_ARGS(DB_INT(":id", id)), what, out, e);
}

ErrCode case_get_by_ref(Db *db, const char *ref, Case *out, Err *e)
{
    return case_get_where(db, "c.ref = :ref", DB_ARGS(DB_TEXT(":ref", ref)), ref, out, e);
}

/* The WHERE clause for a filter; every value is a bound parameter. Unused
 * parameters are bound to values that make their test vacuous, so the SQL
 * text is the same for every filter. */
#define FILTER_WHERE                                                                                    \
    " WHERE (:process = '' OR c.process = :process) AND (:step = '' OR c.step = :step)"               \
    " AND (:origin = 0 OR c.origin = :origin) AND (:officer = 0 OR c.officer_id = :officer)"          \
    " AND (:q = '' OR c.search_text LIKE :q ESCAPE '\\')"                                            \
    " AND (:item = 0 OR EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = c.id AND l.plan_item_id = :item))"

static void fill_case(Stmt *st, void *el)
{
    case_from_row(st, el);
}

static void release_case(void *el)
{
    case_free(el);
}

ErrCode case_list(Db *db, const CaseFilter *f, CaseList *out, Err *e)
{
    memset(out, 0, sizeof *out);
    err_clear(e);
    char *pattern = db_like_pattern(f->q);
    const DbArg filter[] = {DB_TEXT(":process", f->process ? f->process : ""),
                            DB_TEXT(":step", f->step ? f->step : ""),
                            DB_INT(":origin", f->origin),
                            DB_INT(":officer", f->officer_id),
                            DB_TEXT(":q", pattern),
                            DB_INT(":item", f->plan_item_id),
                            DB_INT(":limit", f->limit > 0 && f->limit <= 200 ? f->limit : 25),
                            DB_INT(":offset", f->offset > 0 ? f->offset : 0),
                            {NULL, DBA_END, NULL, 0}};
    ErrCode rc = db_page(db, e, "SELECT count(*) FROM cases c" FILTER_WHERE,
                         "SELECT " CASE_COLUMNS CASE_FROM FILTER_WHERE " ORDER BY c.id DESC LIMIT :limit OFFSET :offset",
                         filter, sizeof *out->items, fill_case, release_case, (void **)&out->items, &out->n,
                         &out->total);
    free(pattern);
    return rc;
}

void case_list_free(CaseList *l)
{
    for (size_t i = 0; i < l->n; i++) case_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void fill_count(Stmt *st, void *el)
{
    StepCount *sc = el;
    snprintf(sc->process, sizeof sc->process, "%s", stmt_text(st, 0));
    snprintf(sc->step, sizeof sc->step, "%s", stmt_text(st, 1));
    sc->count = stmt_int(st, 2);
}

ErrCode case_counts(Db *db, StepCount **out, size_t *n, Err *e)
{
    return db_rows(db, e, "SELECT process, step, count(*) FROM cases GROUP BY process, step ORDER BY process", NULL,
                   sizeof **out, fill_count, NULL, (void **)out, n);
}
