/*
 * bench/patterns.c — how long the pattern detection's one pass takes over a
 * large store, against a plain GROUP BY of the same rows in SQLite, in the
 * same process.
 *
 * The generator writes, into a temporary SQLite database migrated like a real
 * one: a region with 20 förvaltningar and 1,979 enheter (2,000 units), 30
 * categories and 1,000,000 deviations over the twelve whole months before
 * the current one (one transaction, one prepared statement, rows in index
 * order). Unit sizes vary (a few large, many small), so some series are
 * rare (g chart) and some overdispersed; ten units get a planted rise.
 *
 * Then it times, best of three:
 *   (a) SELECT unit_id, category_id, event_month, count(*) FROM deviations
 *       GROUP BY unit_id, category_id, event_month   — every row read;
 *   (b) pattern_detect: the full pass (counts per month and per ISO week,
 *       roll-ups, judging every monthly series and every weekly series
 *       that carries enough, storing the patterns).
 * No assertion on time: the figures go to bench/README.md. BENCH_KEEP=1
 * keeps the generated database (its path is printed) for trying queries.
 *
 *   make -f Makefile -f mk/bench.mk bench          (N=… to change the rows)
 */
#include "core/deviation.h"
#include "core/pattern.h"
#include "store/db.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { UNITS = 2000, FORV = 20, CATS = 30, MONTHS = 12 };

static uint64_t rng = 0x1234567887654321ULL;
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double unif(void) { return (double)(next() >> 11) / 9007199254740992.0; }

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench: %s: %s\n", what, msg);
    exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) die(sql, err ? err : "?");
}

static void generate(const char *path, long total)
{
    Err e = ERR_INIT;
    Db *d = db_open(path, &e);
    if (!d || db_migrate(d, &e)) die("migrate", e.msg);
    db_close(d);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) die("open", sqlite3_errmsg(db));
    exec(db, "PRAGMA synchronous = OFF");
    exec(db, "BEGIN");
    exec(db, "INSERT INTO units (id, parent_id, kind, name, name_key, created_at) VALUES "
             "(1, NULL, 'region', 'Region Bänk', 'region bänk', '2026-01-01T00:00:00Z')");
    sqlite3_stmt *st;
    char name[64];
    sqlite3_prepare_v2(db, "INSERT INTO units (id, parent_id, kind, name, name_key, created_at) VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')", -1, &st, NULL);
    for (int i = 2; i <= UNITS; i++) {
        bool forv = i <= FORV + 1;
        snprintf(name, sizeof name, forv ? "Förvaltning %d" : "Enhet %d", i);
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_int(st, 2, forv ? 1 : 2 + (i % FORV));
        sqlite3_bind_text(st, 3, forv ? "förvaltning" : "enhet", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) die("unit", sqlite3_errmsg(db));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "INSERT INTO event_categories (id, name, name_key) VALUES (?, ?, ?)", -1, &st, NULL);
    for (int c = 1; c <= CATS; c++) {
        snprintf(name, sizeof name, "Kategori %d", c);
        sqlite3_bind_int(st, 1, c);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) die("category", sqlite3_errmsg(db));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    /* the months: twelve whole months before the current one */
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    int y0 = tm.tm_year + 1900, m0 = tm.tm_mon + 1 - MONTHS; /* 1-based month of month 1 */
    while (m0 < 1) m0 += 12, y0--;
    /* weights: unit size (skewed), category share, a rise in ten units */
    static double w[UNITS + 1][CATS + 1];
    double sum = 0;
    for (int u = FORV + 2; u <= UNITS; u++) {
        double size = unif() < 0.1 ? 4 + 8 * unif() : 0.2 + unif();
        for (int c = 1; c <= CATS; c++) sum += w[u][c] = size * (0.3 + 1.7 * unif());
    }
    sqlite3_prepare_v2(db,
                       "INSERT INTO deviations (ref, kind, event_date, event_week, event_month, reported_date, unit_id, "
                       "category_id, severity, description, entered_via, created_at, updated_at) VALUES "
                       "(?, 'vård', ?, ?, ?, ?, ?, ?, 2, 'Genererad avvikelse', 'manual', '2026-01-01T00:00:00Z', "
                       "'2026-01-01T00:00:00Z')",
                       -1, &st, NULL);
    long n = 0;
    char ref[32], date[11], week[9], month[8];
    for (int u = FORV + 2; u <= UNITS && n < total; u++)
        for (int c = 1; c <= CATS && n < total; c++)
            for (int m = 0; m < MONTHS; m++) {
                double mean = (double)total / MONTHS * w[u][c] / sum;
                if (u % 199 == 0 && c == 3 && m >= 6) mean *= 3; /* planted rise */
                long k = (long)(mean * (0.5 + unif())); /* spread around the mean */
                if (unif() < mean * (0.5 + unif()) - (double)k) k++;
                int yy = y0 + (m0 - 1 + m) / 12, mm = (m0 - 1 + m) % 12 + 1;
                snprintf(month, sizeof month, "%04d-%02d", yy, mm);
                for (long i = 0; i < k && n < total; i++, n++) {
                    int day = 1 + (int)(next() % 28);
                    snprintf(date, sizeof date, "%s-%02d", month, day);
                    iso_week_of(date, week);
                    snprintf(ref, sizeof ref, "B-%08ld", n);
                    sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(st, 3, week, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(st, 4, month, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_text(st, 5, date, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_int(st, 6, u);
                    sqlite3_bind_int(st, 7, c);
                    if (sqlite3_step(st) != SQLITE_DONE) die("deviation", sqlite3_errmsg(db));
                    sqlite3_reset(st);
                }
            }
    sqlite3_finalize(st);
    exec(db, "COMMIT");
    exec(db, "ANALYZE");
    sqlite3_close(db);
    printf("generated %ld deviations over %d units (%d förvaltningar) and %d categories\n", n, UNITS, FORV, CATS);
}

int main(int argc, char **argv)
{
    long total = argc > 1 ? atol(argv[1]) : 1000000;
    char dir[] = "/tmp/lots-bench-XXXXXX";
    if (!mkdtemp(dir)) die("mkdtemp", "failed");
    char path[64];
    snprintf(path, sizeof path, "%s/bench.db", dir);
    double t0 = now_s();
    generate(path, total);
    printf("generation: %.1f s\n", now_s() - t0);

    Err e = ERR_INIT;
    ProcessSet ps;
    if (process_set_load(&ps, NULL, &e)) die("processes", e.msg);
    Db *db = db_open(path, &e);
    if (!db) die("open", e.msg);
    double best_a = 1e9, best_b = 1e9;
    long groups = 0;
    DetectStats st = {0};
    for (int round = 0; round < 3; round++) {
        double a = now_s();
        Stmt *q = db_query(db, &e,
                           "SELECT unit_id, category_id, event_month, count(*) FROM deviations "
                           "GROUP BY unit_id, category_id, event_month",
                           NULL);
        if (!q) die("group by", e.msg);
        long rows = 0, sum = 0;
        while (stmt_step(q, &e) == 1) rows++, sum += stmt_int(q, 3);
        stmt_finalize(q);
        a = now_s() - a;
        groups = rows;
        if (sum != total) fprintf(stderr, "bench: GROUP BY counted %ld rows\n", sum);
        double b = now_s();
        if (pattern_detect(db, &ps, &st, &e)) die("detect", e.msg);
        b = now_s() - b;
        if (a < best_a) best_a = a;
        if (b < best_b) best_b = b;
    }
    printf("(a) plain GROUP BY (%ld groups):          %7.1f ms\n", groups, best_a * 1000);
    printf("(b) pattern detection (%zu series, %zu judged per month; %zu weeks, %zu judged per week; %zu patterns, "
           "%zu merged): %7.1f ms\n",
           st.series, st.judged, st.weeks, st.judged_weekly, st.patterns, st.merged, best_b * 1000);
    printf("ratio (b)/(a): %.2f\n", best_b / best_a);
    db_close(db);
    process_set_free(&ps);
    if (getenv("BENCH_KEEP")) {
        printf("kept %s\n", path);
        return 0;
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "bench: could not remove %s\n", dir);
    return 0;
}
