/*
 * case_create.c — registering a case: validate, route by origin, take a
 * reference number, insert, record the first event; all in one transaction.
 */
#include "core/case_row.h"
#include "core/freetext.h"
#include "core/history.h"
#include "core/refno.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>

enum { TITLE_MAX = 200, DESCRIPTION_MAX = 20000 };

static ErrCode validate_new(const ProcessSet *ps, const CaseNew *in, const ProcessDef **def, Err *e)
{
    if (freetext_check("Rubrik", in->title, TITLE_MAX, true, e)) return e->code;
    if (freetext_check("Beskrivning", in->description, DESCRIPTION_MAX, false, e)) return e->code;
    if (in->origin < 1 || in->origin > 6)
        return err_set(e, ERR_INVALID, "Ursprung måste vara ett av 1–6 (se listan över initiativ).");
    *def = process_for_origin(ps, in->origin);
    if (!*def) return err_set(e, ERR_INTERNAL, "Ingen process tar emot ursprung %d.", in->origin);
    return ERR_OK;
}

static ErrCode insert_case(Db *db, const Actor *who, const CaseNew *in, const ProcessDef *def,
                           const char *ref, long long officer, long long *id, Err *e)
{
    char now[32];
    iso_now(now);
    char *title = trim_dup(in->title);
    char *desc = trim_dup(in->description);
    Buf search = BUF_INIT;
    buf_printf(&search, "%s\n%s\n%s", ref, title, desc);
    char *folded = fold_lower(buf_cstr(&search));
    buf_free(&search);
    *id = db_int(db, e,
                 "INSERT INTO cases (ref, title, description, search_text, origin, process, step, officer_id, "
                 "created_by, created_at, updated_at) VALUES (:ref, :t, :d, :s, :o, :p, :step, :off, :by, :now, "
                 ":now) RETURNING id",
                 DB_ARGS(DB_TEXT(":ref", ref), DB_TEXT(":t", title), DB_TEXT(":d", desc), DB_TEXT(":s", folded),
                         DB_INT(":o", in->origin), DB_TEXT(":p", def->key), DB_TEXT(":step", def->steps[0].key),
                         DB_INT(":off", officer), DB_INT(":by", who->id), DB_TEXT(":now", now)),
                 -1);
    free(title);
    free(desc);
    free(folded);
    return *id < 0 ? (e->code ? e->code : ERR_INTERNAL) : ERR_OK;
}

static ErrCode check_officer(Db *db, long long officer, Err *e)
{
    Actor a;
    if (account_get(db, officer, &a, e)) return err_set(e, ERR_INVALID, "Huvudhandläggaren finns inte.");
    if (!role_can_write(a.role))
        return err_set(e, ERR_INVALID, "%s är läsare och kan inte vara huvudhandläggare.", a.display_name);
    return ERR_OK;
}

ErrCode case_create_tx(Db *db, const ProcessSet *ps, const Actor *who, const CaseNew *in, long long *id, Err *e)
{
    const ProcessDef *def;
    if (require_writer(who, e) || validate_new(ps, in, &def, e)) return e->code;
    long long officer = in->officer_id ? in->officer_id : who->id;
    if (check_officer(db, officer, e)) return e->code;
    char ref[48];
    if (refno_next(db, current_year(), ref, e) || insert_case(db, who, in, def, ref, officer, id, e)) return e->code;
    Buf summary = BUF_INIT;
    buf_printf(&summary, "Registrerat som %s (ursprung %d: %s), process %s, steg %s", ref, in->origin,
               origin_label(in->origin), def->key, def->steps[0].name);
    ErrCode rc = history_add(db, *id, who, "created", buf_cstr(&summary), NULL, e);
    buf_free(&summary);
    return rc;
}

ErrCode case_create(Db *db, const ProcessSet *ps, const Actor *who, const CaseNew *in, Case *out, Err *e)
{
    long long id = -1;
    if (db_begin(db, e)) return e->code;
    if (case_create_tx(db, ps, who, in, &id, e) || db_commit(db, e)) {
        db_rollback(db);
        return e->code;
    }
    return out ? case_get(db, id, out, e) : ERR_OK;
}
