/*
 * suggest.c — the closest known name to a misspelt one (Levenshtein distance
 * with adjacent transpositions, so "tranistions" is one edit from
 * "transitions"). Names here are short ASCII keys; longer ones are skipped.
 */
#include "core/suggest.h"

#include <string.h>

enum { MAX_NAME = 64 };

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Optimal string alignment distance; both strings shorter than MAX_NAME. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[MAX_NAME + 1][MAX_NAME + 1];
    for (size_t i = 0; i <= la; i++) d[i][0] = i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
                d[i][j] = d[i - 2][j - 2] + 1;
        }
    }
    return d[la][lb];
}

const char *suggest_closest(const char *typed, const char *const *known, size_t n)
{
    size_t lt = typed ? strlen(typed) : 0;
    if (lt == 0 || lt >= MAX_NAME) return NULL;
    size_t limit = lt / 3 < 3 ? (lt / 3 ? lt / 3 : 1) : 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (!known[i]) continue;
        size_t lk = strlen(known[i]);
        if (lk >= MAX_NAME) continue;
        size_t dd = distance(typed, lt, known[i], lk);
        if (dd > 0 && dd < best_d) {
            best = known[i];
            best_d = dd;
        }
    }
    return best;
}
