/*
 * db.h — the one small SQL interface that core uses.
 *
 * Core writes portable SQL with named parameters (:name) and never builds SQL
 * from user input. A backend (store/sqlite.c today, a PostgreSQL one later)
 * sits behind a vtable (store/backend.h); nothing here names an engine.
 *
 * Ownership: a Db is owned by whoever opened it and used by one thread at a
 * time. Strings returned by stmt_text() belong to the statement and live until
 * the next step or finalize; db_text() returns a malloc'd copy.
 */
#ifndef LOTS_STORE_DB_H
#define LOTS_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

typedef struct Db Db;
typedef struct Stmt Stmt;

/* A bound parameter for the one-shot helpers. */
typedef enum { DBA_END = 0, DBA_TEXT, DBA_INT, DBA_NULL } DbArgType;
typedef struct {
    const char *name; /* ":name" as written in the SQL */
    DbArgType type;
    const char *text;
    long long num;
} DbArg;

#define DB_TEXT(n, v) ((DbArg){(n), DBA_TEXT, (v), 0})
#define DB_INT(n, v) ((DbArg){(n), DBA_INT, NULL, (long long)(v)})
#define DB_NULL(n) ((DbArg){(n), DBA_NULL, NULL, 0})
#define DB_ARGS(...) ((const DbArg[]){__VA_ARGS__, {NULL, DBA_END, NULL, 0}})

/* Opens (creating if needed) the database at `path`. */
Db *db_open(const char *path, Err *e);
void db_close(Db *db);
const char *db_path(const Db *db);

/* Applies the embedded migrations that are not yet applied (store/migrate.c). */
ErrCode db_migrate(Db *db, Err *e);
int db_schema_version(Db *db);

/* Write transactions. db_begin takes the write lock at once, so two writers
 * queue rather than fail halfway; the file:line of the open transaction is
 * kept for error messages. */
#define db_begin(db, e) db_begin_at((db), (e), __FILE__, __LINE__)
ErrCode db_begin_at(Db *db, Err *e, const char *file, int line);
ErrCode db_commit(Db *db, Err *e);
void db_rollback(Db *db);

/* Statements. stmt_step returns 1 for a row, 0 when done, -1 on error (e set). */
Stmt *db_prepare(Db *db, const char *sql, Err *e);
bool stmt_bind(Stmt *st, const DbArg *args, Err *e);
int stmt_step(Stmt *st, Err *e);
const char *stmt_text(Stmt *st, int col); /* "" for NULL */
long long stmt_int(Stmt *st, int col);
bool stmt_is_null(Stmt *st, int col);
void stmt_finalize(Stmt *st);

/* One-shot helpers. `args` may be NULL. */
Stmt *db_query(Db *db, Err *e, const char *sql, const DbArg *args); /* prepared and bound */
ErrCode db_exec(Db *db, Err *e, const char *sql, const DbArg *args);
long long db_int(Db *db, Err *e, const char *sql, const DbArg *args, long long fallback);
char *db_text(Db *db, Err *e, const char *sql, const DbArg *args); /* NULL if no row */
bool db_exists(Db *db, Err *e, const char *sql, const DbArg *args);
int db_changes(Db *db);

/* Runs a query and collects every row into a malloc'd array of elements of
 * `size` bytes, each filled by `fill` (which copies what it keeps: column
 * text dies with the row). On failure, the elements collected so far are
 * handed to `release` (may be NULL), the array is freed and *out is NULL. */
ErrCode db_rows(Db *db, Err *e, const char *sql, const DbArg *args, size_t size, void (*fill)(Stmt *st, void *el),
                void (*release)(void *el), void **out, size_t *n);

/* One page of a filtered list and how many rows the filter matches in all:
 * count_sql runs with `args` less :limit and :offset (which only rows_sql
 * has), rows_sql as db_rows does. On failure nothing is kept: *out NULL,
 * *n 0, *total -1. */
ErrCode db_page(Db *db, Err *e, const char *count_sql, const char *rows_sql, const DbArg *args, size_t size,
                void (*fill)(Stmt *st, void *el), void (*release)(void *el), void **out, size_t *n,
                long long *total);

/* A LIKE pattern for free-text search: "%term%" with the term folded to
 * lower case (Swedish letters included) and LIKE's wildcards escaped with a
 * backslash, for use as `col LIKE :q ESCAPE '\\'`; "" for a blank term.
 * Malloc'd. */
char *db_like_pattern(const char *q);

/* Runs a script of several statements (migrations only). */
ErrCode db_exec_script(Db *db, Err *e, const char *sql);

#endif
