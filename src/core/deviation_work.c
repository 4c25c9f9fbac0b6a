/*
 * deviation_work.c — working a deviation after it is registered: marking it
 * serious, its status and the feedback to the reporter, a händelseanalys
 * with its actions (owner, due date), and the Lex Maria report to IVO.
 * Each public function is one transaction; the *_insert helpers run in the
 * caller's (the demo uses them).
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACTIONS_MAX = 100 };

/* Runs `step` (which must not open a transaction) inside one, after
 * checking the person and that the deviation exists. */
static ErrCode in_transaction(Db *db, const Actor *who, long long id, Err *e,
                              ErrCode (*step)(Db *db, const Actor *who, long long id, const void *arg, Err *e),
                              const void *arg)
{
    err_clear(e);
    if (require_quality_writer(who, e)) return e->code;
    if (db_begin(db, e)) return e->code;
    ErrCode rc = ERR_OK;
    if (!db_exists(db, e, "SELECT 1 FROM deviations WHERE id = :id", DB_ARGS(DB_INT(":id", id))))
        rc = e->code ? e->code : err_set(e, ERR_NOTFOUND, "Avvikelsen %lld finns inte.", id);
    if (!rc) rc = step(db, who, id, arg, e);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

static ErrCode touch(Db *db, long long id, Err *e)
{
    char now[32];
    iso_now(now);
    return db_exec(db, e, "UPDATE deviations SET updated_at = :now WHERE id = :id",
                   DB_ARGS(DB_TEXT(":now", now), DB_INT(":id", id)));
}

/* --- serious -------------------------------------------------------------------------------- */

static ErrCode set_serious(Db *db, const Actor *who, long long id, const void *arg, Err *e)
{
    bool serious = *(const bool *)arg;
    long long was = db_int(db, e, "SELECT serious FROM deviations WHERE id = :id", DB_ARGS(DB_INT(":id", id)), -1);
    if (e->code) return e->code;
    if (was == serious) return ERR_OK; /* nothing changes, nothing is written */
    /* A Lex Maria report is by definition about a serious event (see dev_lex_maria_insert). */
    if (!serious && db_exists(db, e, "SELECT 1 FROM lex_maria_reports WHERE deviation_id = :id", DB_ARGS(DB_INT(":id", id))))
        return err_set(e, ERR_CONFLICT,
                       "Avvikelsen är anmäld enligt Lex Maria och därmed allvarlig: markeringen kan inte tas bort.");
    if (e->code) return e->code;
    if (db_exec(db, e, "UPDATE deviations SET serious = :s WHERE id = :id",
                DB_ARGS(DB_INT(":s", serious), DB_INT(":id", id))) ||
        record_event_add(db, RECORD_DEVIATION, id, who, "serious",
                         serious ? "Markerad som allvarlig" : "Markeringen som allvarlig borttagen", e))
        return e->code;
    return touch(db, id, e);
}

ErrCode deviation_set_serious(Db *db, const Actor *who, long long id, bool serious, Err *e)
{
    return in_transaction(db, who, id, e, set_serious, &serious);
}

/* --- status and feedback ---------------------------------------------------------------------- */

typedef struct {
    const char *status;   /* canonical, or NULL */
    const char *feedback; /* trimmed, or NULL */
} Update;

/* The status, feedback and search text, and their event; in the caller's transaction. */
static ErrCode write_update(Db *db, const Actor *who, const Deviation *d, const char *status, const char *feedback,
                            const char *what, Err *e)
{
    char *search = dev_search_text(d->ref, d->category, d->subcategory, d->description, d->immediate_action, feedback);
    ErrCode rc = db_exec(db, e, "UPDATE deviations SET status = :st, feedback = :fb, search_text = :s WHERE id = :id",
                         DB_ARGS(DB_TEXT(":st", status), DB_TEXT(":fb", feedback), DB_TEXT(":s", search),
                                 DB_INT(":id", d->id)));
    free(search);
    if (!rc)
        rc = record_event_add(db, RECORD_DEVIATION, d->id, who, strcmp(d->status, status) ? "status" : "feedback",
                              what, e);
    return rc ? rc : touch(db, d->id, e);
}

static ErrCode update(Db *db, const Actor *who, long long id, const void *arg, Err *e)
{
    const Update *u = arg;
    Deviation d;
    if (deviation_get(db, id, &d, e)) return e->code;
    const char *status = u->status ? u->status : d.status;
    const char *feedback = u->feedback ? u->feedback : d.feedback;
    Buf what = BUF_INIT;
    record_change(&what, "Status", d.status, status);
    record_note(&what, strcmp(d.feedback, feedback) != 0, *d.feedback ? "Återkoppling ändrad" : "Återkoppling ifylld");
    ErrCode rc = ERR_OK;
    if (!strcmp(status, "avslutad") && is_blank(feedback))
        rc = err_set(e, ERR_CONFLICT,
                     "Avvikelsen kan inte avslutas utan återkoppling till den som rapporterade: fyll i återkopplingen.");
    else if (what.len) rc = write_update(db, who, &d, status, feedback, buf_cstr(&what), e);
    /* else nothing changes and nothing is written */
    buf_free(&what);
    deviation_free(&d);
    return rc;
}

ErrCode deviation_update(Db *db, const Actor *who, long long id, const char *status, const char *feedback, Err *e)
{
    err_clear(e);
    Update u = {NULL, NULL};
    if (status && !(u.status = deviation_status_parse(status)))
        return err_set(e, ERR_INVALID, "Status: okänd status '%s' (registrerad, under utredning, åtgärdad eller avslutad).",
                       status);
    if (feedback && freetext_check("Återkoppling", feedback, LONG_TEXT_MAX, false, e)) return e->code;
    char *fb = feedback ? trim_dup(feedback) : NULL;
    u.feedback = fb;
    ErrCode rc = in_transaction(db, who, id, e, update, &u);
    free(fb);
    return rc;
}

/* --- händelseanalys ------------------------------------------------------------------------------ */

static ErrCode check_analysis(const EventAnalysisNew *in, char started[11], char finished[11], Err *e)
{
    if (date_field("Startdatum", in->started_on, true, started, e) ||
        date_field("Slutdatum", in->finished_on, false, finished, e) ||
        freetext_check("Händelseförlopp", in->event, LONG_TEXT_MAX, true, e) ||
        freetext_check("Orsaker", in->causes, LONG_TEXT_MAX, true, e) ||
        freetext_check("Slutsats", in->conclusion, LONG_TEXT_MAX, false, e))
        return e->code;
    if (*finished && strcmp(finished, started) < 0)
        return err_set(e, ERR_INVALID, "Slutdatum: %s är före startdatumet %s.", finished, started);
    if (in->nactions > ACTIONS_MAX) return err_set(e, ERR_INVALID, "Högst %d åtgärder per händelseanalys.", ACTIONS_MAX);
    for (size_t i = 0; i < in->nactions; i++) {
        const AnalysisActionNew *a = &in->actions[i];
        char label[64], due[11];
        snprintf(label, sizeof label, "Åtgärd %zu", i + 1);
        if (freetext_check(label, a->action, LONG_TEXT_MAX, true, e)) return e->code;
        snprintf(label, sizeof label, "Åtgärd %zu: ansvarig", i + 1);
        if (freetext_check(label, a->owner, SHORT_TEXT_MAX, true, e)) return e->code;
        snprintf(label, sizeof label, "Åtgärd %zu: klart senast", i + 1);
        if (is_blank(a->due_date)) return err_set(e, ERR_INVALID, "%s måste fyllas i.", label);
        char *t = trim_dup(a->due_date);
        bool ok = iso_date_valid(t);
        snprintf(due, sizeof due, "%s", t);
        if (!ok) err_set(e, ERR_INVALID, "%s: '%s' är inte ett datum (ÅÅÅÅ-MM-DD).", label, t);
        free(t);
        if (!ok) return ERR_INVALID;
    }
    return ERR_OK;
}

ErrCode dev_analysis_insert(Db *db, const Actor *who, long long deviation_id, const EventAnalysisNew *in,
                            long long *id, Err *e)
{
    char started[11], finished[11], now[32];
    if (check_analysis(in, started, finished, e)) return e->code;
    iso_now(now);
    char *event = trim_dup(in->event), *causes = trim_dup(in->causes);
    char *conclusion = trim_dup(in->conclusion ? in->conclusion : "");
    long long aid = db_int(db, e,
                           "INSERT INTO event_analyses (deviation_id, started_on, finished_on, event, causes, conclusion, "
                           "created_by, created_at) VALUES (:d, :s, :f, :ev, :c, :con, :by, :now) RETURNING id",
                           DB_ARGS(DB_INT(":d", deviation_id), DB_TEXT(":s", started),
                                   *finished ? DB_TEXT(":f", finished) : DB_NULL(":f"), DB_TEXT(":ev", event),
                                   DB_TEXT(":c", causes), DB_TEXT(":con", conclusion),
                                   who ? DB_INT(":by", who->id) : DB_NULL(":by"), DB_TEXT(":now", now)),
                           -1);
    free(event);
    free(causes);
    free(conclusion);
    if (aid < 0) return e->code ? e->code : ERR_INTERNAL;
    for (size_t i = 0; i < in->nactions; i++) {
        const AnalysisActionNew *a = &in->actions[i];
        char *action = trim_dup(a->action), *owner = trim_dup(a->owner), *due = trim_dup(a->due_date);
        ErrCode rc = db_exec(db, e,
                             "INSERT INTO event_analysis_actions (analysis_id, action, owner, due_date, sort) "
                             "VALUES (:a, :act, :o, :due, :sort)",
                             DB_ARGS(DB_INT(":a", aid), DB_TEXT(":act", action), DB_TEXT(":o", owner),
                                     DB_TEXT(":due", due), DB_INT(":sort", (long long)i)));
        free(action);
        free(owner);
        free(due);
        if (rc) return rc;
    }
    if (id) *id = aid;
    char what[64];
    snprintf(what, sizeof what, "Händelseanalys tillagd (påbörjad %s)", started);
    if (record_event_add(db, RECORD_DEVIATION, deviation_id, who, "analysis", what, e)) return e->code;
    return touch(db, deviation_id, e);
}

typedef struct {
    const EventAnalysisNew *in;
    long long *id;
} AnalysisArg;

static ErrCode add_analysis(Db *db, const Actor *who, long long id, const void *arg, Err *e)
{
    const AnalysisArg *a = arg;
    return dev_analysis_insert(db, who, id, a->in, a->id, e);
}

ErrCode deviation_add_analysis(Db *db, const Actor *who, long long deviation_id, const EventAnalysisNew *in,
                               long long *id, Err *e)
{
    AnalysisArg a = {in, id};
    return in_transaction(db, who, deviation_id, e, add_analysis, &a);
}

/* --- Lex Maria -------------------------------------------------------------------------------------- */

ErrCode dev_lex_maria_insert(Db *db, const Actor *who, long long deviation_id, const LexMariaNew *in, Err *e)
{
    char sent[11], now[32];
    if (date_field("Skickad till IVO", in->sent_on, true, sent, e) ||
        freetext_check("IVO:s diarienummer", in->ivo_ref, SHORT_TEXT_MAX, false, e) ||
        freetext_check("Anteckning", in->note, LONG_TEXT_MAX, false, e))
        return e->code;
    Deviation d;
    if (deviation_get(db, deviation_id, &d, e)) return e->code;
    ErrCode rc = ERR_OK;
    if (!strcmp(d.kind, "arbetsrelaterad"))
        rc = err_set(e, ERR_CONFLICT,
                     "Avvikelsen %s är arbetsrelaterad: den anmäls till Arbetsmiljöverket, inte enligt Lex Maria.", d.ref);
    else if (d.lex_maria)
        rc = err_set(e, ERR_CONFLICT, "Avvikelsen %s är redan anmäld enligt Lex Maria.", d.ref);
    else if (strcmp(sent, d.event_date) < 0)
        rc = err_set(e, ERR_INVALID, "Skickad till IVO: %s är före händelsen (%s).", sent, d.event_date);
    bool was_serious = d.serious;
    deviation_free(&d);
    if (rc) return rc;
    iso_now(now);
    char *ivo = trim_dup(in->ivo_ref ? in->ivo_ref : ""), *note = trim_dup(in->note ? in->note : "");
    rc = db_exec(db, e,
                 "INSERT INTO lex_maria_reports (deviation_id, sent_on, ivo_ref, note, created_by, created_at) "
                 "VALUES (:d, :s, :ivo, :note, :by, :now)",
                 DB_ARGS(DB_INT(":d", deviation_id), DB_TEXT(":s", sent), DB_TEXT(":ivo", ivo), DB_TEXT(":note", note),
                         who ? DB_INT(":by", who->id) : DB_NULL(":by"), DB_TEXT(":now", now)));
    free(ivo);
    free(note);
    /* A Lex Maria report is by definition about a serious event. */
    if (!rc) rc = db_exec(db, e, "UPDATE deviations SET serious = 1 WHERE id = :id", DB_ARGS(DB_INT(":id", deviation_id)));
    char what[96];
    snprintf(what, sizeof what, "Anmäld enligt Lex Maria (skickad till IVO %s)%s", sent,
             was_serious ? "" : "; markerad som allvarlig");
    if (!rc) rc = record_event_add(db, RECORD_DEVIATION, deviation_id, who, "lex_maria", what, e);
    return rc ? rc : touch(db, deviation_id, e);
}

static ErrCode add_lex_maria(Db *db, const Actor *who, long long id, const void *arg, Err *e)
{
    return dev_lex_maria_insert(db, who, id, arg, e);
}

ErrCode deviation_add_lex_maria(Db *db, const Actor *who, long long deviation_id, const LexMariaNew *in, Err *e)
{
    return in_transaction(db, who, deviation_id, e, add_lex_maria, in);
}
