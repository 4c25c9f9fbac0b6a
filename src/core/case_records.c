/*
 * case_records.c — what a case collects along the way: links to plan items
 * (the strategy for the transition and, later, any plan), the answers of the
 * bodies consulted in förankring, and the decision.
 */
#include "core/case_row.h"
#include "core/freetext.h"
#include "core/history.h"
#include "core/plan.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

enum { NOTE_MAX = 4000, DECISION_MAX = 20000 };

static const struct {
    const char *key, *label;
} answers[] = {
    {"tillstyrker", "Tillstyrker"},
    {"tillstyrker_med_andring", "Tillstyrker med ändringar"},
    {"avstyrker", "Avstyrker"},
    {"information", "Informerad, inget ställningstagande"},
};

bool consultation_answer_valid(const char *answer)
{
    for (size_t i = 0; answer && i < sizeof answers / sizeof *answers; i++)
        if (!strcmp(answers[i].key, answer)) return true;
    return false;
}

const char *consultation_answer_label(const char *answer)
{
    for (size_t i = 0; answer && i < sizeof answers / sizeof *answers; i++)
        if (!strcmp(answers[i].key, answer)) return answers[i].label;
    return "";
}

ErrCode case_link(Db *db, const Actor *who, long long id, long long plan_item_id, const char *note, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    if (require_writer(who, e) || case_get(db, id, &c, e)) return e->code;
    char *label = NULL;
    if (freetext_check("Kommentar", note, NOTE_MAX, false, e)) goto out;
    if (!(label = plan_item_label(db, plan_item_id, e))) {
        err_set(e, ERR_INVALID, "Planpunkten %lld finns inte.", plan_item_id);
        goto out;
    }
    if (db_exists(db, e, "SELECT 1 FROM case_links WHERE case_id = :c AND plan_item_id = :i",
                  DB_ARGS(DB_INT(":c", id), DB_INT(":i", plan_item_id)))) {
        err_set(e, ERR_CONFLICT, "Ärendet är redan kopplat till %s.", label);
        goto out;
    }
    char now[32];
    iso_now(now);
    char *clean = trim_dup(note);
    Buf summary = BUF_INIT;
    buf_printf(&summary, "Kopplat till %s", label);
    history_write(db, who, id,
                     "INSERT INTO case_links (case_id, plan_item_id, note, created_by, created_at) "
                     "VALUES (:c, :i, :n, :u, :t)",
                     DB_ARGS(DB_INT(":c", id), DB_INT(":i", plan_item_id), DB_TEXT(":n", clean), DB_INT(":u", who->id),
                             DB_TEXT(":t", now)),
                     "link", buf_cstr(&summary), clean, e);
    free(clean);
    buf_free(&summary);
out:
    free(label);
    case_free(&c);
    return e->code;
}

ErrCode case_unlink(Db *db, const Actor *who, long long id, long long plan_item_id, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    if (require_writer(who, e) || case_get(db, id, &c, e)) return e->code;
    char *label = plan_item_label(db, plan_item_id, e);
    if (!label || !db_exists(db, e, "SELECT 1 FROM case_links WHERE case_id = :c AND plan_item_id = :i",
                             DB_ARGS(DB_INT(":c", id), DB_INT(":i", plan_item_id)))) {
        err_set(e, ERR_NOTFOUND, "Ärendet är inte kopplat till planpunkten %lld.", plan_item_id);
    } else {
        Buf summary = BUF_INIT;
        buf_printf(&summary, "Koppling borttagen: %s", label);
        history_write(db, who, id, "DELETE FROM case_links WHERE case_id = :c AND plan_item_id = :i",
                         DB_ARGS(DB_INT(":c", id), DB_INT(":i", plan_item_id)), "unlink", buf_cstr(&summary), NULL, e);
        buf_free(&summary);
    }
    free(label);
    case_free(&c);
    return e->code;
}

/* Loads the case's current step and checks that it is of `kind`. */
static ErrCode current_step_of_kind(Db *db, const ProcessSet *ps, long long id, StepKind kind, const char *what,
                                    Case *c, const Step **step, Err *e)
{
    if (case_get(db, id, c, e)) return e->code;
    const ProcessDef *def = process_find(ps, c->process);
    *step = def ? process_step(def, c->step) : NULL;
    if (!*step || (*step)->kind != kind)
        err_set(e, ERR_CONFLICT, "%s kan bara registreras när ärendet står i ett %s; %s står i %s.", what,
                kind == STEP_ANCHORING ? "förankringssteg" : "beslutssteg", c->ref, *step ? (*step)->name : c->step);
    if (e->code) case_free(c);
    return e->code;
}

static bool in_list(char **list, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(list[i], s)) return true;
    return false;
}

static ErrCode validate_consultation(Db *db, const Step *step, const ConsultationNew *in, Err *e)
{
    if (is_blank(in->body)) return err_set(e, ERR_INVALID, "Ange vilket organ som har hörts.");
    if (!in_list(step->consult, step->nconsult, in->body) &&
        !db_exists(db, e, "SELECT 1 FROM bodies WHERE short = :b", DB_ARGS(DB_TEXT(":b", in->body))))
        return err_set(e, ERR_INVALID, "Okänt organ '%s' för förankring.", in->body);
    if (!consultation_answer_valid(in->answer))
        return err_set(e, ERR_INVALID,
                       "Svar måste vara tillstyrker, tillstyrker_med_andring, avstyrker eller information.");
    if (!iso_date_valid(in->date)) return err_set(e, ERR_INVALID, "Datum måste anges som ÅÅÅÅ-MM-DD.");
    return freetext_check("Kommentar", in->note, NOTE_MAX, false, e);
}

ErrCode case_consult(Db *db, const ProcessSet *ps, const Actor *who, long long id, const ConsultationNew *in,
                     Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    const Step *step;
    if (require_writer(who, e) ||
        current_step_of_kind(db, ps, id, STEP_ANCHORING, "Förankring", &c, &step, e))
        return e->code;
    if (!validate_consultation(db, step, in, e)) {
        char now[32];
        iso_now(now);
        char *note = trim_dup(in->note);
        Buf summary = BUF_INIT;
        buf_printf(&summary, "Förankring: %s %s (%s)", in->body, consultation_answer_label(in->answer), in->date);
        history_write(db, who, id,
                         "INSERT INTO case_consultations (case_id, step, body, answer, note, consulted_on, "
                         "created_by, created_at) VALUES (:c, :s, :b, :a, :n, :d, :u, :t)",
                         DB_ARGS(DB_INT(":c", id), DB_TEXT(":s", step->key), DB_TEXT(":b", in->body),
                                 DB_TEXT(":a", in->answer), DB_TEXT(":n", note), DB_TEXT(":d", in->date),
                                 DB_INT(":u", who->id), DB_TEXT(":t", now)),
                         "consultation", buf_cstr(&summary), note, e);
        free(note);
        buf_free(&summary);
    }
    case_free(&c);
    return e->code;
}

static ErrCode validate_decision(const Step *step, const DecisionNew *in, Err *e)
{
    if (!in_list(step->deciders, step->ndeciders, in->body)) {
        Buf allowed = BUF_INIT;
        for (size_t i = 0; i < step->ndeciders; i++) buf_printf(&allowed, "%s%s", i ? ", " : "", step->deciders[i]);
        err_set(e, ERR_INVALID, "Beslutande organ måste vara ett av: %s.", buf_cstr(&allowed));
        buf_free(&allowed);
        return e->code;
    }
    if (!iso_date_valid(in->date)) return err_set(e, ERR_INVALID, "Beslutsdatum måste anges som ÅÅÅÅ-MM-DD.");
    if (freetext_check("Paragraf", in->paragraph, 32, false, e)) return e->code;
    return freetext_check("Beslutstext", in->text, DECISION_MAX, true, e);
}

ErrCode case_decide(Db *db, const ProcessSet *ps, const Actor *who, long long id, const DecisionNew *in, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    const Step *step;
    if (require_writer(who, e) || current_step_of_kind(db, ps, id, STEP_DECISION, "Beslut", &c, &step, e))
        return e->code;
    if (!validate_decision(step, in, e)) {
        char now[32];
        iso_now(now);
        char *text = trim_dup(in->text);
        char *para = trim_dup(in->paragraph);
        Buf summary = BUF_INIT;
        if (!strcmp(in->body, "Delegation"))
            buf_printf(&summary, "Delegationsbeslut %s%s%s", in->date, *para ? ", " : "", para);
        else
            buf_printf(&summary, "Beslut i %s %s%s%s", in->body, in->date, *para ? ", " : "", para);
        history_write(db, who, id,
                         "INSERT INTO case_decisions (case_id, step, body, decided_on, paragraph, text, created_by, "
                         "created_at) VALUES (:c, :s, :b, :d, :p, :x, :u, :t)",
                         DB_ARGS(DB_INT(":c", id), DB_TEXT(":s", step->key), DB_TEXT(":b", in->body),
                                 DB_TEXT(":d", in->date), DB_TEXT(":p", para), DB_TEXT(":x", text),
                                 DB_INT(":u", who->id), DB_TEXT(":t", now)),
                         "decision", buf_cstr(&summary), text, e);
        free(text);
        free(para);
        buf_free(&summary);
    }
    case_free(&c);
    return e->code;
}
