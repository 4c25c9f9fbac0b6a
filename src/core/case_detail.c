/*
 * case_detail.c — everything a case page shows: the case, the checklist of
 * its current step, links to plan items, consultations, decisions, the
 * history and the transitions out of the current step with their blockers.
 */
#include "core/case_row.h"
#include "core/case_facts.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

/* Grows *arr (of elements of `size`) by one and returns the new element. */
static void *grow(void **arr, size_t *n, size_t size)
{
    *arr = xrealloc(*arr, (*n + 1) * size);
    void *el = (char *)*arr + *n * size;
    memset(el, 0, size);
    (*n)++;
    return el;
}

static ErrCode load_checklist(Db *db, CaseDetail *d, Err *e)
{
    d->nchecklist = d->step->nitems;
    d->checklist = xcalloc(d->nchecklist ? d->nchecklist : 1, sizeof *d->checklist);
    for (size_t i = 0; i < d->nchecklist; i++) {
        ChecklistEntry *ce = &d->checklist[i];
        ce->def = &d->step->items[i];
        Stmt *st = db_query(db, e,
                            "SELECT k.state, k.note, COALESCE(u.display_name, ''), k.updated_at "
                            "FROM case_checklist k LEFT JOIN users u ON u.id = k.updated_by "
                            "WHERE k.case_id = :c AND k.step = :s AND k.item = :i",
                            DB_ARGS(DB_INT(":c", d->c.id), DB_TEXT(":s", d->step->key), DB_TEXT(":i", ce->def->key)));
        if (!st) return e->code;
        bool row = stmt_step(st, e) == 1;
        ce->state = xstrdup(row ? stmt_text(st, 0) : "open");
        ce->note = xstrdup(row ? stmt_text(st, 1) : "");
        ce->updated_by = xstrdup(row ? stmt_text(st, 2) : "");
        ce->updated_at = xstrdup(row ? stmt_text(st, 3) : "");
        stmt_finalize(st);
    }
    return ERR_OK;
}

static ErrCode load_links(Db *db, CaseDetail *d, Err *e)
{
    Stmt *st = db_query(db, e,
                        "SELECT i.id, i.code, i.title, p.name, l.note FROM case_links l "
                        "JOIN plan_items i ON i.id = l.plan_item_id JOIN plans p ON p.id = i.plan_id "
                        "WHERE l.case_id = :c ORDER BY p.id, i.sort, i.id",
                        DB_ARGS(DB_INT(":c", d->c.id)));
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        CaseLink *l = grow((void **)&d->links, &d->nlinks, sizeof *l);
        l->plan_item_id = stmt_int(st, 0);
        l->code = xstrdup(stmt_text(st, 1));
        l->title = xstrdup(stmt_text(st, 2));
        l->plan_name = xstrdup(stmt_text(st, 3));
        l->note = xstrdup(stmt_text(st, 4));
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

static ErrCode load_consultations(Db *db, CaseDetail *d, Err *e)
{
    Stmt *st = db_query(db, e,
                        "SELECT k.id, k.step, k.body, k.answer, k.note, k.consulted_on, COALESCE(u.display_name, '') "
                        "FROM case_consultations k LEFT JOIN users u ON u.id = k.created_by "
                        "WHERE k.case_id = :c ORDER BY k.id",
                        DB_ARGS(DB_INT(":c", d->c.id)));
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        Consultation *k = grow((void **)&d->consultations, &d->nconsultations, sizeof *k);
        k->id = stmt_int(st, 0);
        k->step = xstrdup(stmt_text(st, 1));
        k->body = xstrdup(stmt_text(st, 2));
        k->answer = xstrdup(stmt_text(st, 3));
        k->note = xstrdup(stmt_text(st, 4));
        k->consulted_on = xstrdup(stmt_text(st, 5));
        k->created_by = xstrdup(stmt_text(st, 6));
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

static ErrCode load_decisions(Db *db, CaseDetail *d, Err *e)
{
    Stmt *st = db_query(db, e,
                        "SELECT k.id, k.step, k.body, k.decided_on, k.paragraph, k.text, COALESCE(u.display_name, '') "
                        "FROM case_decisions k LEFT JOIN users u ON u.id = k.created_by "
                        "WHERE k.case_id = :c ORDER BY k.id",
                        DB_ARGS(DB_INT(":c", d->c.id)));
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        Decision *k = grow((void **)&d->decisions, &d->ndecisions, sizeof *k);
        k->id = stmt_int(st, 0);
        k->step = xstrdup(stmt_text(st, 1));
        k->body = xstrdup(stmt_text(st, 2));
        k->decided_on = xstrdup(stmt_text(st, 3));
        k->paragraph = xstrdup(stmt_text(st, 4));
        k->text = xstrdup(stmt_text(st, 5));
        k->created_by = xstrdup(stmt_text(st, 6));
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

static ErrCode load_events(Db *db, CaseDetail *d, Err *e)
{
    Stmt *st = db_query(db, e,
                        "SELECT ev.id, ev.at, COALESCE(u.display_name, ''), ev.kind, ev.summary, ev.note "
                        "FROM case_events ev LEFT JOIN users u ON u.id = ev.user_id "
                        "WHERE ev.case_id = :c ORDER BY ev.id",
                        DB_ARGS(DB_INT(":c", d->c.id)));
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        CaseEvent *ev = grow((void **)&d->events, &d->nevents, sizeof *ev);
        ev->id = stmt_int(st, 0);
        ev->at = xstrdup(stmt_text(st, 1));
        ev->user_name = xstrdup(stmt_text(st, 2));
        ev->kind = xstrdup(stmt_text(st, 3));
        ev->summary = xstrdup(stmt_text(st, 4));
        ev->note = xstrdup(stmt_text(st, 5));
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

/* Asks the engine about every transition out of the current step. A note is
 * counted as given, so needs_note does not show as a blocker here: the form
 * asks for it. */
static ErrCode load_transitions(Db *db, CaseDetail *d, Err *e)
{
    CaseFacts facts;
    if (case_facts_load(db, d->c.id, d->step, &facts, e)) return e->code;
    facts.sf.has_note = true;
    d->ntransitions = d->step->ntransitions;
    d->transitions = xcalloc(d->ntransitions ? d->ntransitions : 1, sizeof *d->transitions);
    for (size_t i = 0; i < d->ntransitions; i++) {
        OpenTransition *ot = &d->transitions[i];
        ot->t = &d->step->transitions[i];
        Buf why = BUF_INIT;
        ot->blocked = transition_blocked(d->step, ot->t, &facts.sf, &why);
        ot->why = ot->blocked ? buf_take(&why) : NULL;
        buf_free(&why);
    }
    case_facts_free(&facts);
    return ERR_OK;
}

ErrCode case_detail(Db *db, const ProcessSet *ps, long long id, CaseDetail *out, Err *e)
{
    memset(out, 0, sizeof *out);
    if (case_get(db, id, &out->c, e)) return e->code;
    out->def = process_find(ps, out->c.process);
    out->step = out->def ? process_step(out->def, out->c.step) : NULL;
    if (!out->step) {
        err_set(e, ERR_INTERNAL, "Ärendet %s står i steget '%s' som inte finns i process %s; kontrollera "
                "processdefinitionerna.", out->c.ref, out->c.step, out->c.process);
        case_detail_free(out);
        return e->code;
    }
    if (load_checklist(db, out, e) || load_links(db, out, e) || load_consultations(db, out, e) ||
        load_decisions(db, out, e) || load_events(db, out, e) || load_transitions(db, out, e)) {
        case_detail_free(out);
        return e->code;
    }
    return ERR_OK;
}

void case_detail_free(CaseDetail *d)
{
    for (size_t i = 0; i < d->nchecklist; i++) {
        free(d->checklist[i].state);
        free(d->checklist[i].note);
        free(d->checklist[i].updated_by);
        free(d->checklist[i].updated_at);
    }
    for (size_t i = 0; i < d->nlinks; i++) {
        free(d->links[i].code);
        free(d->links[i].title);
        free(d->links[i].plan_name);
        free(d->links[i].note);
    }
    for (size_t i = 0; i < d->nconsultations; i++) {
        Consultation *k = &d->consultations[i];
        free(k->step), free(k->body), free(k->answer), free(k->note), free(k->consulted_on), free(k->created_by);
    }
    for (size_t i = 0; i < d->ndecisions; i++) {
        Decision *k = &d->decisions[i];
        free(k->step), free(k->body), free(k->decided_on), free(k->paragraph), free(k->text), free(k->created_by);
    }
    for (size_t i = 0; i < d->nevents; i++) {
        CaseEvent *ev = &d->events[i];
        free(ev->at), free(ev->user_name), free(ev->kind), free(ev->summary), free(ev->note);
    }
    for (size_t i = 0; i < d->ntransitions; i++) free(d->transitions[i].why);
    free(d->checklist);
    free(d->links);
    free(d->consultations);
    free(d->decisions);
    free(d->events);
    free(d->transitions);
    case_free(&d->c);
    memset(d, 0, sizeof *d);
}
