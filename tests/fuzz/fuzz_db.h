/*
 * fuzz_db.h — one real, migrated SQLite database per fuzzing process, with
 * the demo organisation and plans, a writer account and a few imported
 * deviations and complaints, made once at start-up (as tests/unit/testdb.h
 * does for a test), and the means to check and restore it cheaply:
 *
 *   fuzz_db_get()          the database, made on first use
 *   fuzz_db_snapshot()     every table's row count, and with `rows` a hash
 *                          of its rows too (a few milliseconds)
 *   fuzz_db_same()         aborts naming the first table that differs
 *   fuzz_db_commits()      how many commits a second connection has seen
 *                          (PRAGMA data_version): unchanged means nothing
 *                          reached the database
 *   fuzz_db_reset()        back to the state right after start-up
 *
 * The file lives in a new directory under $LOTS_FUZZ_DB_DIR (`make fuzz`
 * gives one it removes afterwards, so even a crashed run leaves nothing),
 * else under /dev/shm when there is one (nothing reaches a disk), and is
 * removed at exit. A reset copies the pages of an in-memory copy made
 * after start-up back over it with SQLite's backup API, through a third
 * connection of its own: the connections stay open (opening one parses the
 * whole schema, which under ASan costs more than the reset itself). This is
 * the one place the harness speaks to SQLite directly.
 *
 * Header-only; include fuzz_util.h first. Must not: be used from two
 * threads; change the database except through fuzz_db_reset.
 */
#ifndef LOTS_TESTS_FUZZ_DB_H
#define LOTS_TESTS_FUZZ_DB_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "core/account.h"
#include "core/deviation.h"
#include "core/org.h"
#include "core/plan.h"
#include "store/db.h"

enum { FUZZ_DB_TABLES_MAX = 128 };

typedef struct {
    char name[64];
    long long rows;
    uint64_t hash; /* FNV-1a over every row, each column quote()d */
} FuzzTable;

typedef struct {
    FuzzTable t[FUZZ_DB_TABLES_MAX];
    int n;
    bool hashed;
} FuzzSnapshot;

typedef struct {
    char dir[128], path[160];
    Db *db;
    Db *observer; /* a second connection, only for fuzz_db_commits */
    Actor writer; /* a handläggare, for the imports that need one */
    sqlite3 *pristine; /* in memory: the database right after start-up */
    sqlite3 *restorer; /* the file, for fuzz_db_reset only */
    char *counts_sql, *rows_sql; /* one statement each: name, rows (, rows' text) per table */
} FuzzDb;

static FuzzDb fuzz_db_state;

static inline void fuzz_db_die(const char *what, const Err *e)
{
    fprintf(stderr, FUZZ_NAME ": cannot set up the database: %s: %s\n", what, e ? e->msg : "");
    abort();
}

static inline int fuzz_db_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static inline void fuzz_db_cleanup(void)
{
    db_close(fuzz_db_state.observer);
    db_close(fuzz_db_state.db);
    fuzz_db_state.db = fuzz_db_state.observer = NULL;
    sqlite3_close(fuzz_db_state.restorer);
    sqlite3_close(fuzz_db_state.pristine);
    free(fuzz_db_state.counts_sql);
    free(fuzz_db_state.rows_sql);
    if (fuzz_db_state.dir[0]) nftw(fuzz_db_state.dir, fuzz_db_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* "SELECT 'units', count(*), group_concat(quote(id)||','||…, char(10)) FROM
 * "units" UNION ALL …" over every table, built once from the schema; without
 * `rows`, "SELECT 'units', count(*), '' FROM "units" …". */
static inline char *fuzz_db_snapshot_sql(Db *db, bool rows)
{
    Err e = ERR_INIT;
    Stmt *tables = db_query(db, &e, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", NULL);
    if (!tables) fuzz_db_die("tables", &e);
    Buf sql = BUF_INIT;
    int n = 0;
    while (stmt_step(tables, &e) == 1) {
        const char *t = stmt_text(tables, 0);
        if (++n > FUZZ_DB_TABLES_MAX || strchr(t, '"') || strchr(t, '\'') || strlen(t) >= sizeof ((FuzzTable *)0)->name)
            fuzz_db_die("an unexpected table name", NULL);
        Stmt *cols = db_query(db, &e, "SELECT name FROM pragma_table_info(:t) ORDER BY cid", DB_ARGS(DB_TEXT(":t", t)));
        if (!cols) fuzz_db_die("columns", &e);
        buf_printf(&sql, "%sSELECT '%s', count(*), %s", sql.len ? " UNION ALL " : "", t, rows ? "group_concat(" : "''");
        int ncols = 0;
        while (rows && stmt_step(cols, &e) == 1) {
            const char *c = stmt_text(cols, 0);
            if (strchr(c, '"')) fuzz_db_die("an unexpected column name", NULL);
            buf_printf(&sql, "%squote(\"%s\")", ncols++ ? "||','||" : "", c);
        }
        stmt_finalize(cols);
        if (rows && !ncols) buf_puts(&sql, "''");
        buf_printf(&sql, "%s FROM \"%s\"", rows ? ", char(10))" : "", t);
    }
    stmt_finalize(tables);
    if (e.code || !n) fuzz_db_die("the schema", &e);
    return buf_take(&sql);
}

static inline void fuzz_db_snapshot(FuzzSnapshot *s, bool rows)
{
    Err e = ERR_INIT;
    memset(s, 0, sizeof *s);
    s->hashed = rows;
    Stmt *st = db_query(fuzz_db_state.db, &e, rows ? fuzz_db_state.rows_sql : fuzz_db_state.counts_sql, NULL);
    CHECK(st != NULL, "the snapshot query fails: %s", e.msg);
    int rc;
    while ((rc = stmt_step(st, &e)) == 1) {
        CHECK(s->n < FUZZ_DB_TABLES_MAX, "more tables than at start-up");
        FuzzTable *t = &s->t[s->n++];
        snprintf(t->name, sizeof t->name, "%s", stmt_text(st, 0));
        t->rows = stmt_int(st, 1);
        uint64_t h = 14695981039346656037ULL;
        for (const unsigned char *p = (const unsigned char *)stmt_text(st, 2); *p; p++) h = (h ^ *p) * 1099511628211ULL;
        t->hash = h;
    }
    CHECK(rc == 0, "the snapshot query fails: %s", e.msg);
    stmt_finalize(st);
}

static inline long long fuzz_db_rows(const FuzzSnapshot *s, const char *table)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->t[i].name, table)) return s->t[i].rows;
    CHECK(0, "no table '%s'", table);
    return -1;
}

/* Aborts, naming the first table whose rows differ, unless a and b agree. */
static inline void fuzz_db_same(const FuzzSnapshot *a, const FuzzSnapshot *b, const char *after)
{
    CHECK(a->n == b->n, "%s: %d tables before, %d after", after, a->n, b->n);
    for (int i = 0; i < a->n; i++) {
        CHECK(!strcmp(a->t[i].name, b->t[i].name), "%s: table '%s' became '%s'", after, a->t[i].name, b->t[i].name);
        CHECK(a->t[i].rows == b->t[i].rows, "%s: table '%s' had %lld rows, now %lld", after, a->t[i].name,
              a->t[i].rows, b->t[i].rows);
        CHECK(!a->hashed || !b->hashed || a->t[i].hash == b->t[i].hash,
              "%s: table '%s' has as many rows (%lld) but they changed", after, a->t[i].name, a->t[i].rows);
    }
}

/* No transaction may be left open: db_begin refuses a second one. */
static inline void fuzz_db_no_transaction(const char *after)
{
    Err e = ERR_INIT;
    CHECK(db_begin(fuzz_db_state.db, &e) == ERR_OK, "%s: a transaction was left open: %s", after, e.msg);
    db_rollback(fuzz_db_state.db);
}

static inline void fuzz_db_open(void)
{
    Err e = ERR_INIT;
    fuzz_db_state.db = db_open(fuzz_db_state.path, &e);
    if (!fuzz_db_state.db) fuzz_db_die("db_open", &e);
    fuzz_db_state.observer = db_open(fuzz_db_state.path, &e);
    if (!fuzz_db_state.observer) fuzz_db_die("db_open", &e);
}

/* Changes whenever another connection commits (and only then). */
static inline long long fuzz_db_commits(void)
{
    Err e = ERR_INIT;
    long long v = db_int(fuzz_db_state.observer, &e, "PRAGMA data_version", NULL, -1);
    CHECK(v >= 0, "PRAGMA data_version: %s", e.msg);
    return v;
}

/* A few deviations and complaints already there, so that an import can
 * meet a reference that exists. */
static const char fuzz_db_deviations[] =
    "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
    "AV-1;2026-03-02;Ortopedi;Fall;2;Patienten föll vid förflyttning.\n"
    "AV-2;2026-03-04;Kirurgi;Läkemedel;1;Morgondosen gavs inte.\n";
static const char fuzz_db_complaints[] =
    "Referens;Källa;Inkommet;Enhet;Kategori;Beskrivning\n"
    "KL-1;patient;2026-03-02;Geriatrik;Bemötande;Fick inte veta.\n";

static inline void fuzz_db_populate(Db *db)
{
    Err e = ERR_INIT;
    if (db_migrate(db, &e)) fuzz_db_die("db_migrate", &e);
    if (db_begin(db, &e) || org_demo_load(db, &e) || db_commit(db, &e)) fuzz_db_die("org_demo_load", &e);
    if (plan_demo_load(db, &e)) fuzz_db_die("plan_demo_load", &e);
    if (!account_init()) fuzz_db_die("account_init", NULL);
    setenv("LOTS_FAST_HASH", "1", 1);
    if (account_add(db, "fuzz", "Fuzz Testare", ROLE_HANDLAGGARE, "ett-långt-lösenord", NULL, &e) ||
        account_by_name(db, "fuzz", &fuzz_db_state.writer, &e))
        fuzz_db_die("account_add", &e);
    ImportCounts c;
    ImportOptions dev = {.kind = IMPORT_DEVIATIONS}, com = {.kind = IMPORT_COMPLAINTS};
    if (deviation_import_csv(db, &fuzz_db_state.writer, fuzz_db_deviations, sizeof fuzz_db_deviations - 1, &dev, &c,
                             &e) ||
        deviation_import_csv(db, &fuzz_db_state.writer, fuzz_db_complaints, sizeof fuzz_db_complaints - 1, &com, &c,
                             &e))
        fuzz_db_die("deviation_import_csv", &e);
}

/* Copies every page of `from` over `to`; both stay open. */
static inline void fuzz_db_copy(sqlite3 *to, sqlite3 *from, const char *what)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    CHECK(b != NULL, "%s: %s", what, sqlite3_errmsg(to));
    int rc = sqlite3_backup_step(b, -1);
    CHECK(rc == SQLITE_DONE, "%s: sqlite3_backup_step gives %d (%s)", what, rc, sqlite3_errstr(rc));
    CHECK(sqlite3_backup_finish(b) == SQLITE_OK, "%s: %s", what, sqlite3_errmsg(to));
}

static inline FuzzDb *fuzz_db_get(void)
{
    FuzzDb *f = &fuzz_db_state;
    if (f->db) return f;
    const char *tmp = getenv("LOTS_FUZZ_DB_DIR");
    if (!tmp || !*tmp) tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(f->dir, sizeof f->dir, "%s/lots-" FUZZ_NAME "-XXXXXX", tmp);
    if (!mkdtemp(f->dir)) fuzz_db_die("mkdtemp", NULL);
    snprintf(f->path, sizeof f->path, "%s/lots.db", f->dir);
    atexit(fuzz_db_cleanup);
    fuzz_db_open();
    fuzz_db_populate(f->db);
    f->counts_sql = fuzz_db_snapshot_sql(f->db, false);
    f->rows_sql = fuzz_db_snapshot_sql(f->db, true);
    if (sqlite3_open_v2(f->path, &f->restorer, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(f->restorer, 10000) != SQLITE_OK || sqlite3_open(":memory:", &f->pristine) != SQLITE_OK)
        fuzz_db_die("cannot open the restoring connections", NULL);
    fuzz_db_copy(f->pristine, f->restorer, "saving the database");
    return f;
}

static inline void fuzz_db_reset(void)
{
    fuzz_db_copy(fuzz_db_state.restorer, fuzz_db_state.pristine, "restoring the database");
}

#endif
