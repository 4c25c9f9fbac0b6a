/*
 * testdb.h — a real, migrated SQLite database in a fresh temporary directory
 * for one test, removed afterwards with everything the test left beside it.
 * Header-only: each test program includes it once.
 */
#ifndef LOTS_TESTS_TESTDB_H
#define LOTS_TESTS_TESTDB_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/account.h"
#include "store/db.h"

typedef struct {
    char dir[64];   /* the temporary directory; tests may put files in it */
    char path[128]; /* dir/lots.db */
    Db *db;
} TestDb;

/* Creates /tmp/lots-NAME-XXXXXX/lots.db and migrates it; NULL (after saying
 * why on stderr) on failure. */
static inline TestDb *testdb_open(const char *name)
{
    TestDb *t = calloc(1, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/lots-%s-XXXXXX", name);
    if (!t || !mkdtemp(t->dir)) {
        perror("mkdtemp");
        free(t);
        return NULL;
    }
    snprintf(t->path, sizeof t->path, "%s/lots.db", t->dir);
    Err e = ERR_INIT;
    t->db = db_open(t->path, &e);
    if (!t->db || db_migrate(t->db, &e)) {
        fprintf(stderr, "testdb: %s\n", e.msg);
        db_close(t->db);
        free(t);
        return NULL;
    }
    return t;
}

static inline int testdb_remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static inline void testdb_close(TestDb *t)
{
    if (!t) return;
    db_close(t->db);
    nftw(t->dir, testdb_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(t);
}

/* Adds an account (the password is the tests' usual one) and fills *out;
 * the test fails (cmocka's fail_msg, so include cmocka.h first) if it cannot. */
static inline void testdb_add_actor(Db *db, const char *name, const char *display, Role role, Actor *out)
{
    Err e = ERR_INIT;
    if (account_add(db, name, display, role, "ett-långt-lösenord", NULL, &e) || account_by_name(db, name, out, &e))
        fail_msg("account %s: %s", name, e.msg);
}

#endif
