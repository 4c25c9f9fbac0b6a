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

static void body_release(void *el)
{
    Body *b = el;
    free(b->short_name);
    free(b->name);
    free(b->kind);
}

static void body_fill(Stmt *st, void *el)
{
    Body *b = el;
    b->id = stmt_int(st, 0);
    b->short_name = xstrdup(stmt_text(st, 1));
    b->name = xstrdup(stmt_text(st, 2));
    b->kind = xstrdup(stmt_text(st, 3));
}

ErrCode body_list(Db *db, Body **out, size_t *n, Err *e)
{
    return db_rows(db, e, "SELECT id, short, name, kind FROM bodies ORDER BY kind, short", NULL, sizeof **out,
                   body_fill, body_release, (void **)out, n);
}

void body_list_free(Body *b, size_t n)
{
    for (size_t i = 0; i < n; i++) body_release(&b[i]);
    free(b);
}
