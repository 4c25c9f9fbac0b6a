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

static void release_link(void *el)
{
    CaseLink *l = el;
    free(l->code), free(l->title), free(l->plan_name), free(l->note);
}

static void release_consultation(void *el)
{
    Consultation *k = el;
    free(k->step), free(k->body), free(k->answer), free(k->note), free(k->consulted_on), free(k->created_by);
}

static void release_decision(void *el)
{
    Decision *k = el;
    free(k->step), free(k->body), free(k->decided_on), free(k->paragraph), free(k->text), free(k->created_by);
}

static void release_event(void *el)
{
    CaseEvent *ev = el;
    free(ev->at), free(ev->user_name), free(ev->kind), free(ev->summary), free(ev->note);
}

static void fill_link(Stmt *st, void *el)
{
    CaseLink *l = el;
    l->plan_item_id = stmt_int(st, 0);
    l->code = xstrdup(stmt_text(st, 1));
    l->title = xstrdup(stmt_text(st, 2));
    l->plan_name = xstrdup(stmt_text(st, 3));
    l->note = xstrdup(stmt_text(st, 4));
}

static void fill_consultation(Stmt *st, void *el)
{
    Consultation *k = el;
    k->id = stmt_int(st, 0);
    k->step = xstrdup(stmt_text(st, 1));
    k->body = xstrdup(stmt_text(st, 2));
    k->answer = xstrdup(stmt_text(st, 3));
    k->note = xstrdup(stmt_text(st, 4));
    k->consulted_on = xstrdup(stmt_text(st, 5));
    k->created_by = xstrdup(stmt_text(st, 6));
}

static void fill_decision(Stmt *st, void *el)
{
    Decision *k = el;
    k->id = stmt_int(st, 0);
    k->step = xstrdup(stmt_text(st, 1));
    k->body = xstrdup(stmt_text(st, 2));
    k->decided_on = xstrdup(stmt_text(st, 3));
    k->paragraph = xstrdup(stmt_text(st, 4));
    k->text = xstrdup(stmt_text(st, 5));
    k->created_by = xstrdup(stmt_text(st, 6));
}

static void fill_event(Stmt *st, void *el)
{
    CaseEvent *ev = el;
    ev->id = stmt_int(st, 0);
    ev->at = xstrdup(stmt_text(st, 1));
    ev->user_name = xstrdup(stmt_text(st, 2));
    ev->kind = xstrdup(stmt_text(st, 3));
    ev->summary = xstrdup(stmt_text(st, 4));
    ev->note = xstrdup(stmt_text(st, 5));
}

/* The case's links, consultations, decisions and history. A failure part
 * way leaves what was loaded for case_detail_free, which frees every part. */
static ErrCode load_records(Db *db, CaseDetail *d, Err *e)
{
    const DbArg *by_case = DB_ARGS(DB_INT(":c", d->c.id));
    if (db_rows(db, e,
                "SELECT i.id, i.code, i.title, p.name, l.note FROM case_links l "
                "JOIN plan_items i ON i.id = l.plan_item_id JOIN plans p ON p.id = i.plan_id "
                "WHERE l.case_id = :c ORDER BY p.id, i.sort, i.id",
                by_case, sizeof *d->links, fill_link, release_link, (void **)&d->links, &d->nlinks) ||
        db_rows(db, e,
                "SELECT k.id, k.step, k.body, k.answer, k.note, k.consulted_on, COALESCE(u.display_name, '') "
                "FROM case_consultations k LEFT JOIN users u ON u.id = k.created_by WHERE k.case_id = :c ORDER BY k.id",
                by_case, sizeof *d->consultations, fill_consultation, release_consultation, (void **)&d->consultations,
                &d->nconsultations) ||
        db_rows(db, e,
                "SELECT k.id, k.step, k.body, k.decided_on, k.paragraph, k.text, COALESCE(u.display_name, '') "
                "FROM case_decisions k LEFT JOIN users u ON u.id = k.created_by WHERE k.case_id = :c ORDER BY k.id",
                by_case, sizeof *d->decisions, fill_decision, release_decision, (void **)&d->decisions, &d->ndecisions) ||
        db_rows(db, e,
                "SELECT ev.id, ev.at, COALESCE(u.display_name, ''), ev.kind, ev.summary, ev.note "
                "FROM case_events ev LEFT JOIN users u ON u.id = ev.user_id WHERE ev.case_id = :c ORDER BY ev.id",
                by_case, sizeof *d->events, fill_event, release_event, (void **)&d->events, &d->nevents))
        return e->code;
    return ERR_OK;
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
    if (load_checklist(db, out, e) || load_records(db, out, e) || load_transitions(db, out, e)) {
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
    for (size_t i = 0; i < d->nlinks; i++) release_link(&d->links[i]);
    for (size_t i = 0; i < d->nconsultations; i++) release_consultation(&d->consultations[i]);
    for (size_t i = 0; i < d->ndecisions; i++) release_decision(&d->decisions[i]);
    for (size_t i = 0; i < d->nevents; i++) release_event(&d->events[i]);
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
