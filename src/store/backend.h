/*
 * backend.h — what a storage engine provides to store/db.c.
 *
 * One file per engine implements this table; db.c adds the helpers and the
 * transaction bookkeeping on top. Only store/ includes this header.
 */
#ifndef LOTS_STORE_BACKEND_H
#define LOTS_STORE_BACKEND_H

#include <stdbool.h>

#include "base/err.h"
#include "store/db.h"

typedef struct {
    const char *name;
    void *(*open)(const char *path, Err *e);
    void (*close)(void *conn);
    ErrCode (*exec_script)(void *conn, const char *sql, Err *e);
    const char *begin_write_sql; /* e.g. "BEGIN IMMEDIATE" */
    void *(*prepare)(void *conn, const char *sql, Err *e);
    bool (*bind)(void *stmt, const char *name, const DbArg *arg, Err *e);
    int (*step)(void *stmt, Err *e);
    const char *(*column_text)(void *stmt, int col);
    long long (*column_int)(void *stmt, int col);
    bool (*column_null)(void *stmt, int col);
    void (*finalize)(void *stmt);
    int (*changes)(void *conn);
} DbBackend;

extern const DbBackend sqlite_backend;

#endif
