/*
 * case_facts.c — reads a case's answers in one step for the engine.
 */
#include "core/case_facts.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

static const DbArg *case_step_args(DbArg args[3], long long case_id, const Step *step)
{
    args[0] = DB_INT(":c", case_id);
    args[1] = DB_TEXT(":s", step->key);
    args[2] = (DbArg){NULL, DBA_END, NULL, 0};
    return args;
}

ErrCode case_facts_load(Db *db, long long case_id, const Step *step, CaseFacts *out, Err *e)
{
    memset(out, 0, sizeof *out);
    DbArg args[3];
    Stmt *st = db_query(db, e, "SELECT item, state FROM case_checklist WHERE case_id = :c AND step = :s",
                        case_step_args(args, case_id, step));
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        if (out->sf.nitems == cap) out->items = xrealloc(out->items, (cap = cap ? cap * 2 : 16) * sizeof *out->items);
        out->items[out->sf.nitems].item = xstrdup(stmt_text(st, 0));
        out->items[out->sf.nitems].state = xstrdup(stmt_text(st, 1));
        out->sf.nitems++;
    }
    stmt_finalize(st);
    out->sf.items = out->items;
    if (rc < 0) {
        case_facts_free(out);
        return e->code;
    }
    out->sf.consultations = (int)db_int(db, e, "SELECT count(*) FROM case_consultations WHERE case_id = :c AND step = :s",
                                        case_step_args(args, case_id, step), 0);
    out->sf.decisions = (int)db_int(db, e, "SELECT count(*) FROM case_decisions WHERE case_id = :c AND step = :s",
                                    case_step_args(args, case_id, step), 0);
    return ERR_OK;
}

void case_facts_free(CaseFacts *f)
{
    for (size_t i = 0; i < f->sf.nitems; i++) {
        free((char *)f->items[i].item);
        free((char *)f->items[i].state);
    }
    free(f->items);
    memset(f, 0, sizeof *f);
}
