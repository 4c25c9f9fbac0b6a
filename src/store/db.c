/*
 * db.c — the engine-neutral half of the store: handles, transactions and the
 * one-shot helpers, on top of a DbBackend.
 */
#include "store/db.h"
#include "store/backend.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct Db {
    const DbBackend *be;
    void *conn;
    char *path;
    const char *tx_file; /* where the open transaction began, or NULL */
    int tx_line;
};

struct Stmt {
    Db *db;
    void *raw;
};

Db *db_open(const char *path, Err *e)
{
    const DbBackend *be = &sqlite_backend;
    void *conn = be->open(path, e);
    if (!conn) return NULL;
    Db *db = xcalloc(1, sizeof *db);
    db->be = be;
    db->conn = conn;
    db->path = xstrdup(path);
    return db;
}

void db_close(Db *db)
{
    if (!db) return;
    if (db->tx_file) db_rollback(db);
    db->be->close(db->conn);
    free(db->path);
    free(db);
}

const char *db_path(const Db *db)
{
    return db->path;
}

ErrCode db_begin_at(Db *db, Err *e, const char *file, int line)
{
    if (db->tx_file)
        return err_set(e, ERR_INTERNAL, "intern fel: transaktion öppnad i %s:%d är redan öppen (%s:%d)",
                       file, line, db->tx_file, db->tx_line);
    if (db->be->exec_script(db->conn, db->be->begin_write_sql, e)) return e->code;
    db->tx_file = file;
    db->tx_line = line;
    return ERR_OK;
}

ErrCode db_commit(Db *db, Err *e)
{
    if (db->be->exec_script(db->conn, "COMMIT", e)) {
        db_rollback(db);
        return e->code;
    }
    db->tx_file = NULL;
    return ERR_OK;
}

void db_rollback(Db *db)
{
    Err ignored = ERR_INIT;
    if (db->tx_file) db->be->exec_script(db->conn, "ROLLBACK", &ignored);
    db->tx_file = NULL;
}

Stmt *db_prepare(Db *db, const char *sql, Err *e)
{
    void *raw = db->be->prepare(db->conn, sql, e);
    if (!raw) return NULL;
    Stmt *st = xcalloc(1, sizeof *st);
    st->db = db;
    st->raw = raw;
    return st;
}

bool stmt_bind(Stmt *st, const DbArg *args, Err *e)
{
    for (; args && args->type != DBA_END; args++)
        if (!st->db->be->bind(st->raw, args->name, args, e)) return false;
    return true;
}

int stmt_step(Stmt *st, Err *e)
{
    return st->db->be->step(st->raw, e);
}

const char *stmt_text(Stmt *st, int col)
{
    const char *s = st->db->be->column_text(st->raw, col);
    return s ? s : "";
}

long long stmt_int(Stmt *st, int col)
{
    return st->db->be->column_int(st->raw, col);
}

bool stmt_is_null(Stmt *st, int col)
{
    return st->db->be->column_null(st->raw, col);
}

void stmt_finalize(Stmt *st)
{
    if (!st) return;
    st->db->be->finalize(st->raw);
    free(st);
}

Stmt *db_query(Db *db, Err *e, const char *sql, const DbArg *args)
{
    Stmt *st = db_prepare(db, sql, e);
    if (!st) return NULL;
    if (!stmt_bind(st, args, e)) {
        stmt_finalize(st);
        return NULL;
    }
    return st;
}

ErrCode db_exec(Db *db, Err *e, const char *sql, const DbArg *args)
{
    Stmt *st = db_query(db, e, sql, args);
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {}
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

long long db_int(Db *db, Err *e, const char *sql, const DbArg *args, long long fallback)
{
    Stmt *st = db_query(db, e, sql, args);
    if (!st) return fallback;
    long long v = fallback;
    if (stmt_step(st, e) == 1 && !stmt_is_null(st, 0)) v = stmt_int(st, 0);
    stmt_finalize(st);
    return v;
}

char *db_text(Db *db, Err *e, const char *sql, const DbArg *args)
{
    Stmt *st = db_query(db, e, sql, args);
    if (!st) return NULL;
    char *v = NULL;
    if (stmt_step(st, e) == 1 && !stmt_is_null(st, 0)) v = xstrdup(stmt_text(st, 0));
    stmt_finalize(st);
    return v;
}

bool db_exists(Db *db, Err *e, const char *sql, const DbArg *args)
{
    Stmt *st = db_query(db, e, sql, args);
    if (!st) return false;
    bool found = stmt_step(st, e) == 1;
    stmt_finalize(st);
    return found;
}

ErrCode db_rows(Db *db, Err *e, const char *sql, const DbArg *args, size_t size, void (*fill)(Stmt *st, void *el),
                void (*release)(void *el), void **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    Stmt *st = db_query(db, e, sql, args);
    if (!st) return e->code;
    size_t cap = 0;
    char *items = NULL;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        if (*n == cap) items = xrealloc(items, (cap = cap ? cap * 2 : 16) * size);
        void *el = items + *n * size;
        memset(el, 0, size);
        fill(st, el);
        (*n)++;
    }
    stmt_finalize(st);
    if (rc < 0) {
        for (size_t i = 0; release && i < *n; i++) release(items + i * size);
        free(items);
        *n = 0;
        return e->code;
    }
    *out = items;
    return ERR_OK;
}

ErrCode db_page(Db *db, Err *e, const char *count_sql, const char *rows_sql, const DbArg *args, size_t size,
                void (*fill)(Stmt *st, void *el), void (*release)(void *el), void **out, size_t *n,
                long long *total)
{
    enum { ARGS_MAX = 32 };
    DbArg count_args[ARGS_MAX + 1];
    size_t k = 0;
    for (const DbArg *a = args; a && a->type != DBA_END && k < ARGS_MAX; a++)
        if (strcmp(a->name, ":limit") && strcmp(a->name, ":offset")) count_args[k++] = *a;
    count_args[k] = (DbArg){NULL, DBA_END, NULL, 0};
    *out = NULL;
    *n = 0;
    *total = db_int(db, e, count_sql, count_args, -1);
    if (*total < 0) return e->code ? e->code : err_set(e, ERR_INTERNAL, "intern fel: antalet kunde inte räknas");
    ErrCode rc = db_rows(db, e, rows_sql, args, size, fill, release, out, n);
    if (rc) *total = -1;
    return rc;
}

int db_changes(Db *db)
{
    return db->be->changes(db->conn);
}

ErrCode db_exec_script(Db *db, Err *e, const char *sql)
{
    return db->be->exec_script(db->conn, sql, e);
}

char *db_like_pattern(const char *q)
{
    char *folded = fold_lower(q ? q : "");
    char *trimmed = trim_dup(folded);
    free(folded);
    if (!*trimmed) return trimmed;
    Buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = trimmed; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    free(trimmed);
    return buf_take(&b);
}
