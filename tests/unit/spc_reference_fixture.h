/*
 * spc_reference_fixture.h — reading and comparing for the tests of the
 * statistics module (core/spc.h) against published reference results
 * (test_spc_qicharts2.c, test_spc_reference.c): the reference CSV files as
 * tables, series built from their columns, and the comparison that lists
 * every mismatch before failing.
 *
 * The inputs are built from the raw data files (qicharts2_*.csv, qcc_*.csv,
 * spc4hc_*.csv …), never from the expected values. Every value must match to
 * 1e-6 relative (1e-9 absolute near zero); signals and runs figures exactly.
 *
 * The reference directory is $LOTS_SPC_REFERENCE, else ../shared/spc-reference
 * (tests run from the repository root). A missing directory fails the test:
 * a reference test that silently skips cannot fail.
 *
 * Header-only; include cmocka.h first.
 */
#ifndef LOTS_TESTS_SPC_REFERENCE_FIXTURE_H
#define LOTS_TESTS_SPC_REFERENCE_FIXTURE_H

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/spc.h"

/* --- reading the reference CSV files ------------------------------------------ */

typedef struct {
    char **head;
    size_t ncol;
    char **cells; /* nrow × ncol */
    size_t nrow;
} Table;

static inline const char *ref_dir(void)
{
    const char *env = getenv("LOTS_SPC_REFERENCE");
    return env && *env ? env : "../shared/spc-reference";
}

/* Splits one CSV line in place: fields separated by commas, "…" quoting. */
static inline size_t split_csv(char *line, char **field, size_t max)
{
    size_t nf = 0;
    char *p = line;
    while (nf < max) {
        char *w = p;
        field[nf++] = p;
        bool quoted = *p == '"';
        if (quoted) p++;
        for (; *p && (quoted || *p != ','); p++) {
            if (quoted && *p == '"') {
                if (p[1] == '"') p++;
                else {
                    quoted = false;
                    continue;
                }
            }
            *w++ = *p;
        }
        char end = *p;
        *w = '\0';
        if (!end) break;
        p++;
    }
    return nf;
}

static inline void add_row(Table *t, char *line, const char *file)
{
    char *f[64];
    size_t nf = split_csv(line, f, 64);
    if (!t->head) {
        t->ncol = nf;
        t->head = xcalloc(nf, sizeof *t->head);
        for (size_t i = 0; i < nf; i++) t->head[i] = xstrdup(f[i]);
        return;
    }
    if (nf != t->ncol) fail_msg("%s: a row with %zu fields, the header has %zu", file, nf, t->ncol);
    t->cells = xrealloc(t->cells, (t->nrow + 1) * t->ncol * sizeof *t->cells);
    for (size_t i = 0; i < nf; i++) t->cells[t->nrow * t->ncol + i] = xstrdup(f[i]);
    t->nrow++;
}

/* Lines starting with '#' (the spc4hc files' preamble) and blank lines are
 * skipped. */
static inline Table load(const char *file)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ref_dir(), file);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("reference file %s is missing: the reference data must be at $LOTS_SPC_REFERENCE or "
                 "../shared/spc-reference (relative to the repository root)",
                 path);
    Table t = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (!len || line[0] == '#') continue;
        add_row(&t, line, file);
    }
    free(line);
    fclose(f);
    return t;
}

static inline void table_free(Table *t)
{
    for (size_t i = 0; i < t->ncol; i++) free(t->head[i]);
    for (size_t i = 0; i < t->nrow * t->ncol; i++) free(t->cells[i]);
    free(t->head);
    free(t->cells);
}

static inline int col(const Table *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (!strcmp(t->head[i], name)) return (int)i;
    return -1;
}

static inline const char *cell(const Table *t, size_t row, const char *name)
{
    int c = col(t, name);
    if (c < 0) fail_msg("no column %s", name);
    return t->cells[row * t->ncol + (size_t)c];
}

static inline double num(const Table *t, size_t row, const char *name)
{
    const char *s = cell(t, row, name);
    return !*s || !strcmp(s, "NA") ? NAN : strtod(s, NULL);
}

static inline bool truth(const Table *t, size_t row, const char *name)
{
    const char *s = cell(t, row, name);
    return !strcmp(s, "TRUE") || !strcmp(s, "1");
}

/* --- comparing -------------------------------------------------------------------- */

static int mismatches;

static inline void mismatch(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void mismatch(const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  %s: ", where);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    mismatches++;
}

static inline bool close_to(double got, double want)
{
    if (isnan(want) || isnan(got)) return isnan(want) && isnan(got);
    double d = fabs(got - want);
    return d <= 1e-6 * fabs(want) || d <= 1e-9;
}

static inline void near(const char *where, const char *what, size_t i, double got, double want)
{
    if (!close_to(got, want)) mismatch(where, "point %zu %s: got %.15g, want %.15g", i + 1, what, got, want);
}

static inline void same(const char *where, const char *what, long long got, long long want)
{
    if (got != want) mismatch(where, "%s: got %lld, want %lld", what, got, want);
}

static inline void done(const char *where, const char *cite)
{
    if (mismatches) fail_msg("%s [%s]: %d mismatches (listed above)", where, cite, mismatches);
}

/* --- series ------------------------------------------------------------------------------ */

typedef struct {
    SpcPoint *p;
    size_t n;
} Series;

static inline void put(Series *s, const char *x, double y, double n)
{
    s->p = xrealloc(s->p, (s->n + 1) * sizeof *s->p);
    s->p[s->n++] = (SpcPoint){x, y, n};
}

/* One column (and a denominator column, or NULL) of a raw table, rows
 * [from, to). */
static inline Series column(const Table *t, const char *xcol, const char *ycol, const char *ncol, size_t from,
                            size_t to)
{
    Series s = {0};
    for (size_t r = from; r < to && r < t->nrow; r++)
        put(&s, xcol ? cell(t, r, xcol) : "", num(t, r, ycol), ncol ? num(t, r, ncol) : NAN);
    return s;
}

static inline SpcResult compute(const char *where, SpcChart chart, const SpcPoint *p, size_t n, const SpcOptions *opt)
{
    SpcResult r;
    Err e = ERR_INIT;
    if (spc_compute(chart, p, n, opt, &r, &e)) fail_msg("%s: spc_compute refused: %s", where, e.msg);
    return r;
}

#endif
