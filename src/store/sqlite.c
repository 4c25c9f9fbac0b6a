/*
 * sqlite.c — the SQLite backend: WAL journal, foreign keys on, a busy timeout
 * so concurrent writers queue, and a refusal of surplus SQL after a statement
 * (so a prepared statement can never smuggle a second one).
 */
#include "store/backend.h"

#include <sqlite3.h>
#include <string.h>

static ErrCode db_error(Err *e, sqlite3 *db, const char *what)
{
    return err_set(e, ERR_INTERNAL, "databasfel (%s): %s", what, sqlite3_errmsg(db));
}

static void *sq_open(const char *path, Err *e)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, "kan inte öppna databasen %s: %s", path,
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    char *msg = NULL;
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, "kan inte öppna databasen %s: %s", path, msg ? msg : "okänt fel");
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static void sq_close(void *conn)
{
    sqlite3_close_v2(conn);
}

static ErrCode sq_exec_script(void *conn, const char *sql, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, "databasfel: %s", msg ? msg : sqlite3_errmsg(conn));
        sqlite3_free(msg);
        return ERR_INTERNAL;
    }
    return ERR_OK;
}

static void *sq_prepare(void *conn, const char *sql, Err *e)
{
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, &tail) != SQLITE_OK) {
        db_error(e, conn, "prepare");
        return NULL;
    }
    while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';')) tail++;
    if (tail && *tail) {
        sqlite3_finalize(st);
        err_set(e, ERR_INTERNAL, "intern fel: överflödig SQL efter satsen: %.40s", tail);
        return NULL;
    }
    return st;
}

static bool sq_bind(void *stmt, const char *name, const DbArg *arg, Err *e)
{
    int idx = sqlite3_bind_parameter_index(stmt, name);
    if (idx == 0) {
        err_set(e, ERR_INTERNAL, "intern fel: okänd parameter %s", name);
        return false;
    }
    int rc;
    switch (arg->type) {
    case DBA_TEXT:
        rc = arg->text ? sqlite3_bind_text(stmt, idx, arg->text, -1, SQLITE_TRANSIENT)
                       : sqlite3_bind_null(stmt, idx);
        break;
    case DBA_INT: rc = sqlite3_bind_int64(stmt, idx, arg->num); break;
    default: rc = sqlite3_bind_null(stmt, idx); break;
    }
    if (rc != SQLITE_OK) {
        db_error(e, sqlite3_db_handle(stmt), "bind");
        return false;
    }
    return true;
}

static int sq_step(void *stmt, Err *e)
{
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    if (rc == SQLITE_CONSTRAINT)
        err_set(e, ERR_CONFLICT, "databasen vägrade ändringen: %s", sqlite3_errmsg(sqlite3_db_handle(stmt)));
    else
        db_error(e, sqlite3_db_handle(stmt), "step");
    return -1;
}

static const char *sq_column_text(void *stmt, int col)
{
    return (const char *)sqlite3_column_text(stmt, col);
}

static long long sq_column_int(void *stmt, int col)
{
    return sqlite3_column_int64(stmt, col);
}

static bool sq_column_null(void *stmt, int col)
{
    return sqlite3_column_type(stmt, col) == SQLITE_NULL;
}

static void sq_finalize(void *stmt)
{
    sqlite3_finalize(stmt);
}

static int sq_changes(void *conn)
{
    return sqlite3_changes(conn);
}

const DbBackend sqlite_backend = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec_script = sq_exec_script,
    .begin_write_sql = "BEGIN IMMEDIATE",
    .prepare = sq_prepare,
    .bind = sq_bind,
    .step = sq_step,
    .column_text = sq_column_text,
    .column_int = sq_column_int,
    .column_null = sq_column_null,
    .finalize = sq_finalize,
    .changes = sq_changes,
};
