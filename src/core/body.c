/*
 * body.c — keeping and listing bodies.
 */
#include "core/body.h"
#include "core/freetext.h"
#include "base/buf.h"

#include <stdlib.h>

ErrCode body_add(Db *db, const char *short_name, const char *name, const char *kind, Err *e)
{
    if (freetext_check("Kortnamn", short_name, 32, true, e) || freetext_check("Namn", name, 200, true, e) ||
        freetext_check("Typ", kind, 64, true, e))
        return e->code;
    if (db_exists(db, e, "SELECT 1 FROM bodies WHERE short = :s", DB_ARGS(DB_TEXT(":s", short_name))))
        return err_set(e, ERR_CONFLICT, "Organet '%s' finns redan.", short_name);
    return db_exec(db, e, "INSERT INTO bodies (short, name, kind) VALUES (:s, :n, :k)",
                   DB_ARGS(DB_TEXT(":s", short_name), DB_TEXT(":n", name), DB_TEXT(":k", kind)));
}

ErrCode body_list(Db *db, Body **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Stmt *st = db_query(db, e, "SELECT id, short, name, kind FROM bodies ORDER BY kind, short", NULL);
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        if (*n == cap) *out = xrealloc(*out, (cap = cap ? cap * 2 : 16) * sizeof **out);
        Body *b = &(*out)[(*n)++];
        b->id = stmt_int(st, 0);
        b->short_name = xstrdup(stmt_text(st, 1));
        b->name = xstrdup(stmt_text(st, 2));
        b->kind = xstrdup(stmt_text(st, 3));
    }
    stmt_finalize(st);
    if (rc < 0) {
        body_list_free(*out, *n);
        *out = NULL;
        *n = 0;
        return e->code;
    }
    return ERR_OK;
}

void body_list_free(Body *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(b[i].short_name);
        free(b[i].name);
        free(b[i].kind);
    }
    free(b);
}
