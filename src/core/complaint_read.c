/*
 * complaint_read.c — reading complaints: one by id, lists with filters
 * (unit with everything under it, category, source, status, received date
 * range, free text) and paging with the total, and the categories in use.
 *
 * Must not: change anything.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPLAINT_COLUMNS                                                                                          \
    "k.id, k.ref, k.source, k.unit_id, u.name, k.category_id, c.name, k.subcategory, k.received_date, "             \
    "COALESCE(k.event_date, ''), k.description, k.status, COALESCE(k.closed_date, ''), k.answer, k.entered_via, "    \
    "COALESCE(k.import_id, 0), k.created_at, k.updated_at "
#define COMPLAINT_FROM                                                                                             \
    " FROM complaints k JOIN units u ON u.id = k.unit_id JOIN event_categories c ON c.id = k.category_id "

static void fill(Stmt *st, void *el)
{
    Complaint *k = el;
    int i = 0;
    k->id = stmt_int(st, i++);
    k->ref = xstrdup(stmt_text(st, i++));
    k->source = xstrdup(stmt_text(st, i++));
    k->unit_id = stmt_int(st, i++);
    k->unit_name = xstrdup(stmt_text(st, i++));
    k->category_id = stmt_int(st, i++);
    k->category = xstrdup(stmt_text(st, i++));
    k->subcategory = xstrdup(stmt_text(st, i++));
    k->received_date = xstrdup(stmt_text(st, i++));
    k->event_date = xstrdup(stmt_text(st, i++));
    k->description = xstrdup(stmt_text(st, i++));
    k->status = xstrdup(stmt_text(st, i++));
    k->closed_date = xstrdup(stmt_text(st, i++));
    k->answer = xstrdup(stmt_text(st, i++));
    k->entered_via = xstrdup(stmt_text(st, i++));
    k->import_id = stmt_int(st, i++);
    k->created_at = xstrdup(stmt_text(st, i++));
    k->updated_at = xstrdup(stmt_text(st, i++));
}

void complaint_free(Complaint *k)
{
    if (!k) return;
    free(k->ref);
    free(k->source);
    free(k->unit_name);
    free(k->category);
    free(k->subcategory);
    free(k->received_date);
    free(k->event_date);
    free(k->description);
    free(k->status);
    free(k->closed_date);
    free(k->answer);
    free(k->entered_via);
    free(k->created_at);
    free(k->updated_at);
    memset(k, 0, sizeof *k);
}

static void release(void *el)
{
    complaint_free(el);
}

ErrCode complaint_get(Db *db, long long id, Complaint *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Complaint *rows;
    size_t n;
    if (db_rows(db, e, "SELECT " COMPLAINT_COLUMNS COMPLAINT_FROM "WHERE k.id = :id", DB_ARGS(DB_INT(":id", id)),
                sizeof *rows, fill, release, (void **)&rows, &n))
        return e->code;
    if (!n) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "Klagomålet %lld finns inte.", id);
    }
    *out = rows[0];
    free(rows);
    return ERR_OK;
}

#define COMPLAINT_WHERE                                                                                            \
    " WHERE (:unit = 0 OR k.unit_id IN (SELECT id FROM unit_tree)) AND (:cat = '' OR c.name_key = :cat)"          \
    " AND (:source = '' OR k.source = :source) AND (:status = '' OR k.status = :status)"                          \
    " AND (:from = '' OR k.received_date >= :from) AND (:to = '' OR k.received_date <= :to)"                       \
    " AND (:q = '' OR k.search_text LIKE :q ESCAPE '\\')"

ErrCode complaint_list(Db *db, const ComplaintFilter *f, ComplaintList *out, Err *e)
{
    memset(out, 0, sizeof *out);
    err_clear(e);
    long long unit;
    const char *source = "", *status = "";
    char from[11], to[11];
    if (unit_filter_id(db, f->unit, &unit, e)) return e->code;
    if (!is_blank(f->source) && !(source = complaint_source_parse(f->source)))
        return err_set(e, ERR_INVALID, "Filtret källa: okänd källa '%s' (patient, närstående, IVO eller Patientnämnden).",
                       f->source);
    if (!is_blank(f->status) && !(status = complaint_status_parse(f->status)))
        return err_set(e, ERR_INVALID, "Filtret status: okänd status '%s' (registrerat, under utredning, besvarat eller avslutat).",
                       f->status);
    if (filter_date("från", f->from, from, e) || filter_date("till", f->to, to, e)) return e->code;
    char *t = trim_dup(f->category ? f->category : "");
    char *cat = fold_lower(t);
    free(t);
    char *pattern = db_like_pattern(f->q);
    const DbArg args[] = {DB_INT(":unit", unit),
                          DB_TEXT(":cat", cat),
                          DB_TEXT(":source", source),
                          DB_TEXT(":status", status),
                          DB_TEXT(":from", from),
                          DB_TEXT(":to", to),
                          DB_TEXT(":q", pattern),
                          DB_INT(":limit", f->limit > 0 && f->limit <= 200 ? f->limit : 25),
                          DB_INT(":offset", f->offset > 0 ? f->offset : 0),
                          {NULL, DBA_END, NULL, 0}};
    ErrCode rc = db_page(db, e, UNIT_TREE_CTE "SELECT count(*)" COMPLAINT_FROM COMPLAINT_WHERE,
                         UNIT_TREE_CTE "SELECT " COMPLAINT_COLUMNS COMPLAINT_FROM COMPLAINT_WHERE
                                       " ORDER BY k.received_date DESC, k.id DESC LIMIT :limit OFFSET :offset",
                         args, sizeof *out->items, fill, release, (void **)&out->items, &out->n, &out->total);
    free(cat);
    free(pattern);
    return rc;
}

void complaint_list_free(ComplaintList *l)
{
    for (size_t i = 0; i < l->n; i++) complaint_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* --- the categories in use -------------------------------------------------------------------------- */

static void fill_name(Stmt *st, void *el)
{
    *(char **)el = xstrdup(stmt_text(st, 0));
}

static void release_name(void *el)
{
    free(*(char **)el);
}

static int by_name(const void *a, const void *b)
{
    return sv_compare(*(char *const *)a, *(char *const *)b);
}

ErrCode complaint_category_names(Db *db, char ***names, size_t *n, Err *e)
{
    err_clear(e);
    if (db_rows(db, e,
                "SELECT c.name FROM event_categories c WHERE EXISTS "
                "(SELECT 1 FROM complaints k WHERE k.category_id = c.id)",
                NULL, sizeof **names, fill_name, release_name, (void **)names, n))
        return e->code;
    if (*n > 1) qsort(*names, *n, sizeof **names, by_name);
    return ERR_OK;
}

void complaint_category_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}
