/*
 * case_work.c — working a case through its process: answering checklist
 * items, moving along transitions, changing the main case officer.
 *
 * Each function loads the case and its definition, asks the engine, and
 * writes the change and its history event in one transaction.
 */
#include "core/case_row.h"
#include "core/case_facts.h"
#include "core/freetext.h"
#include "core/history.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

enum { NOTE_MAX = 4000 };

const char *checklist_state_label(const char *state)
{
    if (!state) return "";
    if (!strcmp(state, "done")) return "Klar";
    if (!strcmp(state, "na")) return "Ej tillämplig";
    if (!strcmp(state, "open")) return "Öppen";
    return "";
}

/* Loads the case and finds its current step; the caller frees *c. */
static ErrCode load_case_step(Db *db, const ProcessSet *ps, long long id, Case *c, const Step **step, Err *e)
{
    if (case_get(db, id, c, e)) return e->code;
    const ProcessDef *def = process_find(ps, c->process);
    *step = def ? process_step(def, c->step) : NULL;
    if (!*step) {
        err_set(e, ERR_INTERNAL, "Ärendet %s står i steget '%s' som inte finns i process %s.", c->ref, c->step,
                c->process);
        case_free(c);
        return e->code;
    }
    return ERR_OK;
}

static ErrCode validate_answer(const Step *step, const char *item, const char *state, const char *note,
                               const ChecklistItem **ci, Err *e)
{
    *ci = item ? step_item(step, item) : NULL;
    if (!*ci) return err_set(e, ERR_INVALID, "Punkten '%s' finns inte i steget %s.", item ? item : "", step->name);
    if (!state || (strcmp(state, "open") && strcmp(state, "done") && strcmp(state, "na")))
        return err_set(e, ERR_INVALID, "Status måste vara open, done eller na (öppen, klar, ej tillämplig).");
    if (!strcmp(state, "na") && is_blank(note))
        return err_set(e, ERR_INVALID, "Ange varför punkten '%s' inte är tillämplig (kommentar krävs).", (*ci)->text);
    return freetext_check("Kommentar", note, NOTE_MAX, false, e);
}

ErrCode case_set_checklist(Db *db, const ProcessSet *ps, const Actor *who, long long id, const char *item,
                           const char *state, const char *note, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    const Step *step;
    const ChecklistItem *ci;
    if (require_writer(who, e) || load_case_step(db, ps, id, &c, &step, e)) return e->code;
    if (validate_answer(step, item, state, note, &ci, e)) goto out;
    char now[32];
    iso_now(now);
    char *clean = trim_dup(note);
    Buf summary = BUF_INIT;
    buf_printf(&summary, "Checklista (%s): %s — %s", step->name, ci->text, checklist_state_label(state));
    history_write(db, who, id,
                  "INSERT INTO case_checklist (case_id, step, item, state, note, updated_by, updated_at) "
                  "VALUES (:c, :s, :i, :st, :n, :u, :t) ON CONFLICT (case_id, step, item) DO UPDATE SET "
                  "state = excluded.state, note = excluded.note, updated_by = excluded.updated_by, "
                  "updated_at = excluded.updated_at",
                  DB_ARGS(DB_INT(":c", id), DB_TEXT(":s", step->key), DB_TEXT(":i", ci->key), DB_TEXT(":st", state),
                          DB_TEXT(":n", clean), DB_INT(":u", who->id), DB_TEXT(":t", now)),
                  "checklist", buf_cstr(&summary), clean, e);
    free(clean);
    buf_free(&summary);
out:
    case_free(&c);
    return e->code;
}

/* Finds the transition to `to` and asks the engine whether it is open. */
static ErrCode check_transition(Db *db, const ProcessSet *ps, const Case *c, const Step *step, const char *to, const char *note,
                                const Transition **t, Err *e)
{
    *t = to ? step_transition(step, to) : NULL;
    const ProcessDef *def = process_find(ps, c->process);
    const Step *target = to && def ? process_step(def, to) : NULL;
    if (!target)
        return err_set(e, ERR_INVALID, "Steget '%s' finns inte i process %s.", to ? to : "", c->process);
    if (!*t)
        return err_set(e, ERR_CONFLICT, "Ärendet kan inte gå direkt från %s till %s: det finns ingen sådan övergång.",
                       step->name, target->name);
    if (freetext_check("Kommentar", note, NOTE_MAX, false, e)) return e->code;
    CaseFacts facts;
    if (case_facts_load(db, c->id, step, &facts, e)) return e->code;
    facts.sf.has_note = !is_blank(note);
    Buf why = BUF_INIT;
    if (transition_blocked(step, *t, &facts.sf, &why))
        err_set(e, ERR_CONFLICT, "%s kan inte gå vidare till '%s'. %s", c->ref, (*t)->label, buf_cstr(&why));
    buf_free(&why);
    case_facts_free(&facts);
    return e->code;
}

ErrCode case_move(Db *db, const ProcessSet *ps, const Actor *who, long long id, const char *to,
                  const char *note, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    const Step *step;
    const Transition *t;
    if (require_writer(who, e) || load_case_step(db, ps, id, &c, &step, e)) return e->code;
    if (check_transition(db, ps, &c, step, to, note, &t, e)) goto out;
    const Step *target = process_step(process_find(ps, c.process), t->to);
    char *clean = trim_dup(note);
    Buf summary = BUF_INIT;
    buf_printf(&summary, "%s: %s → %s", t->label, step->name, target ? target->name : t->to);
    if (!db_begin(db, e)) {
        char now[32];
        iso_now(now);
        /* The step guard makes a concurrent move of the same case fail
         * instead of silently skipping a step. */
        if (db_exec(db, e, "UPDATE cases SET step = :to, updated_at = :t WHERE id = :c AND step = :from",
                    DB_ARGS(DB_TEXT(":to", t->to), DB_TEXT(":t", now), DB_INT(":c", id), DB_TEXT(":from", step->key))))
            db_rollback(db);
        else if (db_changes(db) != 1) {
            db_rollback(db);
            err_set(e, ERR_CONFLICT, "Ärendet ändrades av någon annan samtidigt; ladda om och försök igen.");
        } else if (history_add(db, id, who, "transition", buf_cstr(&summary), clean, e) || db_commit(db, e))
            db_rollback(db);
    }
    free(clean);
    buf_free(&summary);
out:
    case_free(&c);
    return e->code;
}

ErrCode case_set_officer(Db *db, const Actor *who, long long id, long long officer_id, const char *note, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    Actor officer;
    if (require_writer(who, e) || case_get(db, id, &c, e)) return e->code;
    if (account_get(db, officer_id, &officer, e) || !role_can_write(officer.role)) {
        err_set(e, ERR_INVALID, "Huvudhandläggaren måste vara en användare med rollen handläggare eller admin.");
        goto out;
    }
    if (freetext_check("Kommentar", note, NOTE_MAX, false, e)) goto out;
    char *clean = trim_dup(note);
    Buf summary = BUF_INIT;
    buf_printf(&summary, "Huvudhandläggare: %s", officer.display_name);
    history_write(db, who, id, "UPDATE cases SET officer_id = :o WHERE id = :c",
                  DB_ARGS(DB_INT(":o", officer_id), DB_INT(":c", id)), "officer", buf_cstr(&summary), clean, e);
    free(clean);
    buf_free(&summary);
out:
    case_free(&c);
    return e->code;
}
