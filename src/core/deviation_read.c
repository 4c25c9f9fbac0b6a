/*
 * deviation_read.c — reading deviations: one by id or reference, one with
 * its händelseanalyser and Lex Maria report, and lists with filters (unit
 * with everything under it, category, kind, status, seriousness, event date
 * range, free text) and paging with the total.
 *
 * Must not: change anything.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEV_COLUMNS                                                                                                 \
    "d.id, d.ref, d.kind, d.event_date, d.reported_date, d.unit_id, u.name, d.category_id, c.name, d.subcategory, " \
    "d.severity, d.description, d.immediate_action, d.status, d.feedback, d.serious, d.entered_via, "               \
    "COALESCE(d.import_id, 0), "                                                                                    \
    "(SELECT count(*) FROM event_analyses a WHERE a.deviation_id = d.id), "                                         \
    "(SELECT count(*) FROM lex_maria_reports l WHERE l.deviation_id = d.id), d.created_at, d.updated_at "
#define DEV_FROM " FROM deviations d JOIN units u ON u.id = d.unit_id JOIN event_categories c ON c.id = d.category_id "

static void fill(Stmt *st, void *el)
{
    Deviation *d = el;
    int i = 0;
    d->id = stmt_int(st, i++);
    d->ref = xstrdup(stmt_text(st, i++));
    d->kind = xstrdup(stmt_text(st, i++));
    d->event_date = xstrdup(stmt_text(st, i++));
    d->reported_date = xstrdup(stmt_text(st, i++));
    d->unit_id = stmt_int(st, i++);
    d->unit_name = xstrdup(stmt_text(st, i++));
    d->category_id = stmt_int(st, i++);
    d->category = xstrdup(stmt_text(st, i++));
    d->subcategory = xstrdup(stmt_text(st, i++));
    d->severity = (int)stmt_int(st, i++);
    d->description = xstrdup(stmt_text(st, i++));
    d->immediate_action = xstrdup(stmt_text(st, i++));
    d->status = xstrdup(stmt_text(st, i++));
    d->feedback = xstrdup(stmt_text(st, i++));
    d->serious = stmt_int(st, i++) != 0;
    d->entered_via = xstrdup(stmt_text(st, i++));
    d->import_id = stmt_int(st, i++);
    d->analyses = (int)stmt_int(st, i++);
    d->lex_maria = stmt_int(st, i++) != 0;
    d->created_at = xstrdup(stmt_text(st, i++));
    d->updated_at = xstrdup(stmt_text(st, i++));
}

void deviation_free(Deviation *d)
{
    if (!d) return;
    free(d->ref);
    free(d->kind);
    free(d->event_date);
    free(d->reported_date);
    free(d->unit_name);
    free(d->category);
    free(d->subcategory);
    free(d->description);
    free(d->immediate_action);
    free(d->status);
    free(d->feedback);
    free(d->entered_via);
    free(d->created_at);
    free(d->updated_at);
    memset(d, 0, sizeof *d);
}

static void release(void *el)
{
    deviation_free(el);
}

static ErrCode get_where(Db *db, const char *where, const DbArg *args, const char *what, Deviation *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Buf sql = BUF_INIT;
    buf_printf(&sql, "SELECT " DEV_COLUMNS DEV_FROM "WHERE %s", where);
    Deviation *rows;
    size_t n;
    ErrCode rc = db_rows(db, e, buf_cstr(&sql), args, sizeof *rows, fill, release, (void **)&rows, &n);
    buf_free(&sql);
    if (rc) return rc;
    if (!n) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "Avvikelsen %s finns inte.", what);
    }
    *out = rows[0];
    free(rows);
    return ERR_OK;
}

ErrCode deviation_get(Db *db, long long id, Deviation *out, Err *e)
{
    char what[32];
    snprintf(what, sizeof what, "%lld", id);
    return get_where(db, "d.id = :id", DB_ARGS(DB_INT(":id", id)), what, out, e);
}

ErrCode deviation_find(Db *db, const char *id_or_ref, Deviation *out, Err *e)
{
    char *t = trim_dup(id_or_ref ? id_or_ref : "");
    long id;
    ErrCode rc = parse_long(t, &id) && id > 0 ? deviation_get(db, id, out, e)
                                                : get_where(db, "d.ref = :ref", DB_ARGS(DB_TEXT(":ref", t)), t, out, e);
    if (rc == ERR_NOTFOUND) err_set(e, ERR_NOTFOUND, "Avvikelsen '%s' finns inte.", t);
    free(t);
    return rc;
}

/* --- lists ---------------------------------------------------------------------------------------- */

/* Unused filters are bound to values that make their test vacuous, so the
 * SQL text is the same for every filter. */
#define DEV_WHERE                                                                                                 \
    " WHERE (:unit = 0 OR d.unit_id IN (SELECT id FROM unit_tree)) AND (:cat = '' OR c.name_key = :cat)"         \
    " AND (:kind = '' OR d.kind = :kind) AND (:status = '' OR d.status = :status)"                              \
    " AND (:from = '' OR d.event_date >= :from) AND (:to = '' OR d.event_date <= :to)"                           \
    " AND (:serious = 0 OR d.serious = :serious_value) AND (:q = '' OR d.search_text LIKE :q ESCAPE '\\')"

ErrCode deviation_list(Db *db, const DeviationFilter *f, DeviationList *out, Err *e)
{
    memset(out, 0, sizeof *out);
    err_clear(e);
    long long unit;
    const char *kind = "", *status = "";
    char from[11], to[11];
    if (unit_filter_id(db, f->unit, &unit, e)) return e->code;
    if (!is_blank(f->kind) && !(kind = deviation_kind_parse(f->kind)))
        return err_set(e, ERR_INVALID, "Filtret typ: okänd typ '%s' (patient, vård, arbetsrelaterad eller tillbud).", f->kind);
    if (!is_blank(f->status) && !(status = deviation_status_parse(f->status)))
        return err_set(e, ERR_INVALID, "Filtret status: okänd status '%s' (registrerad, under utredning, åtgärdad eller avslutad).",
                       f->status);
    if (filter_date("från", f->from, from, e) || filter_date("till", f->to, to, e)) return e->code;
    char *t = trim_dup(f->category ? f->category : "");
    char *cat = fold_lower(t);
    free(t);
    char *pattern = db_like_pattern(f->q);
    const DbArg args[] = {DB_INT(":unit", unit),
                          DB_TEXT(":cat", cat),
                          DB_TEXT(":kind", kind),
                          DB_TEXT(":status", status),
                          DB_TEXT(":from", from),
                          DB_TEXT(":to", to),
                          DB_INT(":serious", f->serious),
                          DB_INT(":serious_value", f->serious > 0 ? 1 : 0),
                          DB_TEXT(":q", pattern),
                          DB_INT(":limit", f->limit > 0 && f->limit <= 200 ? f->limit : 25),
                          DB_INT(":offset", f->offset > 0 ? f->offset : 0),
                          {NULL, DBA_END, NULL, 0}};
    ErrCode rc = db_page(db, e, UNIT_TREE_CTE "SELECT count(*)" DEV_FROM DEV_WHERE,
                         UNIT_TREE_CTE "SELECT " DEV_COLUMNS DEV_FROM DEV_WHERE
                                       " ORDER BY d.event_date DESC, d.id DESC LIMIT :limit OFFSET :offset",
                         args, sizeof *out->items, fill, release, (void **)&out->items, &out->n, &out->total);
    free(cat);
    free(pattern);
    return rc;
}

void deviation_list_free(DeviationList *l)
{
    for (size_t i = 0; i < l->n; i++) deviation_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* --- one with its analyses and Lex Maria report ---------------------------------------------------------- */

static void fill_analysis(Stmt *st, void *el)
{
    EventAnalysis *a = el;
    a->id = stmt_int(st, 0);
    a->started_on = xstrdup(stmt_text(st, 1));
    a->finished_on = xstrdup(stmt_text(st, 2));
    a->event = xstrdup(stmt_text(st, 3));
    a->causes = xstrdup(stmt_text(st, 4));
    a->conclusion = xstrdup(stmt_text(st, 5));
    a->created_by = xstrdup(stmt_text(st, 6));
    a->created_at = xstrdup(stmt_text(st, 7));
}

static void free_action(AnalysisAction *x)
{
    free(x->action);
    free(x->owner);
    free(x->due_date);
    free(x->done_on);
}

static void free_analysis(EventAnalysis *a)
{
    free(a->started_on);
    free(a->finished_on);
    free(a->event);
    free(a->causes);
    free(a->conclusion);
    free(a->created_by);
    free(a->created_at);
    for (size_t i = 0; i < a->nactions; i++) free_action(&a->actions[i]);
    free(a->actions);
}

static void release_analysis(void *el)
{
    free_analysis(el);
}

static void fill_action(Stmt *st, void *el)
{
    AnalysisAction *x = el;
    x->id = stmt_int(st, 0);
    x->action = xstrdup(stmt_text(st, 1));
    x->owner = xstrdup(stmt_text(st, 2));
    x->due_date = xstrdup(stmt_text(st, 3));
    x->done_on = xstrdup(stmt_text(st, 4));
}

static void release_action(void *el)
{
    free_action(el);
}

static void fill_lex_maria(Stmt *st, void *el)
{
    LexMaria *l = el;
    l->id = stmt_int(st, 0);
    l->sent_on = xstrdup(stmt_text(st, 1));
    l->ivo_ref = xstrdup(stmt_text(st, 2));
    l->note = xstrdup(stmt_text(st, 3));
    l->created_by = xstrdup(stmt_text(st, 4));
    l->created_at = xstrdup(stmt_text(st, 5));
}

static void free_lex_maria(LexMaria *l)
{
    free(l->sent_on);
    free(l->ivo_ref);
    free(l->note);
    free(l->created_by);
    free(l->created_at);
}

static void release_lex_maria(void *el)
{
    free_lex_maria(el);
}

static ErrCode read_records(Db *db, long long id, DeviationDetail *out, Err *e)
{
    if (db_rows(db, e,
                "SELECT a.id, a.started_on, COALESCE(a.finished_on, ''), a.event, a.causes, a.conclusion, "
                "COALESCE(us.display_name, ''), a.created_at FROM event_analyses a "
                "LEFT JOIN users us ON us.id = a.created_by WHERE a.deviation_id = :id ORDER BY a.id",
                DB_ARGS(DB_INT(":id", id)), sizeof *out->analyses, fill_analysis, release_analysis,
                (void **)&out->analyses, &out->nanalyses))
        return e->code;
    for (size_t i = 0; i < out->nanalyses; i++) {
        EventAnalysis *a = &out->analyses[i];
        if (db_rows(db, e,
                    "SELECT id, action, owner, due_date, COALESCE(done_on, '') FROM event_analysis_actions "
                    "WHERE analysis_id = :a ORDER BY sort, id",
                    DB_ARGS(DB_INT(":a", a->id)), sizeof *a->actions, fill_action, release_action,
                    (void **)&a->actions, &a->nactions))
            return e->code;
    }
    LexMaria *l;
    size_t n;
    if (db_rows(db, e,
                "SELECT l.id, l.sent_on, l.ivo_ref, l.note, COALESCE(us.display_name, ''), l.created_at "
                "FROM lex_maria_reports l LEFT JOIN users us ON us.id = l.created_by WHERE l.deviation_id = :id",
                DB_ARGS(DB_INT(":id", id)), sizeof *l, fill_lex_maria, release_lex_maria, (void **)&l, &n))
        return e->code;
    if (n) out->lex_maria = l;
    else free(l);
    return ERR_OK;
}

ErrCode deviation_detail(Db *db, long long id, DeviationDetail *out, Err *e)
{
    memset(out, 0, sizeof *out);
    if (deviation_get(db, id, &out->d, e)) return e->code;
    if (read_records(db, id, out, e)) {
        deviation_detail_free(out);
        return e->code;
    }
    return ERR_OK;
}

void deviation_detail_free(DeviationDetail *d)
{
    if (!d) return;
    deviation_free(&d->d);
    for (size_t i = 0; i < d->nanalyses; i++) free_analysis(&d->analyses[i]);
    free(d->analyses);
    if (d->lex_maria) free_lex_maria(d->lex_maria);
    free(d->lex_maria);
    memset(d, 0, sizeof *d);
}
