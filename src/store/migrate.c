/*
 * migrate.c — numbered schema migrations, embedded at build time.
 *
 * migrations/NNNN_name.sql are applied in order, each in its own transaction,
 * and recorded in schema_migrations. A database newer than this binary is
 * refused rather than guessed at.
 */
#include "store/db.h"
#include "base/embed.h"
#include "base/text.h"

#include <stdlib.h>

static int file_version(const char *name)
{
    return atoi(name);
}

int db_schema_version(Db *db)
{
    Err e = ERR_INIT;
    return (int)db_int(db, &e, "SELECT max(version) FROM schema_migrations", NULL, 0);
}

static ErrCode apply_one(Db *db, const EmbeddedFile *f, Err *e)
{
    char now[32];
    iso_now(now);
    if (db_begin(db, e)) return e->code;
    if (db_exec_script(db, e, (const char *)f->data) ||
        db_exec(db, e, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
                DB_ARGS(DB_INT(":v", file_version(f->name)), DB_TEXT(":n", f->name), DB_TEXT(":t", now)))) {
        db_rollback(db);
        return err_set(e, e->code, "migrering %s misslyckades: %s", f->name, e->msg);
    }
    return db_commit(db, e);
}

ErrCode db_migrate(Db *db, Err *e)
{
    if (db_exec_script(db, e,
                       "CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        return e->code;
    int have = db_schema_version(db);
    int newest = 0;
    for (const EmbeddedFile *f = embedded_migrations; f->name; f++)
        if (file_version(f->name) > newest) newest = file_version(f->name);
    if (have > newest)
        return err_set(e, ERR_INTERNAL,
                       "databasen har schemaversion %d men den här lots-versionen känner bara till %d; "
                       "uppgradera lots",
                       have, newest);
    for (const EmbeddedFile *f = embedded_migrations; f->name; f++)
        if (file_version(f->name) > have && apply_one(db, f, e)) return e->code;
    return ERR_OK;
}
