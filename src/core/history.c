/*
 * history.c — appending case events; also touches the case's updated_at.
 */
#include "core/history.h"
#include "base/text.h"

ErrCode history_add(Db *db, long long case_id, const Actor *who, const char *kind, const char *summary,
                    const char *note, Err *e)
{
    char now[32];
    iso_now(now);
    DbArg user = who && who->id ? DB_INT(":u", who->id) : DB_NULL(":u");
    if (db_exec(db, e,
                "INSERT INTO case_events (case_id, at, user_id, kind, summary, note) "
                "VALUES (:c, :at, :u, :k, :s, :n)",
                DB_ARGS(DB_INT(":c", case_id), DB_TEXT(":at", now), user, DB_TEXT(":k", kind),
                        DB_TEXT(":s", summary), DB_TEXT(":n", note ? note : ""))))
        return e->code;
    return db_exec(db, e, "UPDATE cases SET updated_at = :at WHERE id = :c",
                   DB_ARGS(DB_TEXT(":at", now), DB_INT(":c", case_id)));
}

ErrCode history_write(Db *db, const Actor *who, long long case_id, const char *sql, const DbArg *args,
                      const char *kind, const char *summary, const char *note, Err *e)
{
    if (db_begin(db, e)) return e->code;
    if (db_exec(db, e, sql, args) || history_add(db, case_id, who, kind, summary, note, e) || db_commit(db, e))
        db_rollback(db);
    return e->code;
}
