/*
 * pattern_pass.c — loading the arrays of pattern_detect's one pass (see
 * pattern_pass.h and the steps in pattern_detect.c): a few queries, each
 * covered by an index, never one per series.
 *
 * Denominators are per unit and month; they turn monthly series into
 * rates. A unit has them when it has vårddagar (else besök) for every month
 * of the window. A roll-up (förvaltning, region) has them, per source, when
 * every unit under it with events of that source in the window has one
 * kind for every month: vårddagar when all have vårddagar, else besök when
 * all have besök; the roll-up's denominator is the members' sum. Otherwise
 * the roll-up is counted, not rated (pattern_judge.c states the rule).
 *
 * Must not: print, or write anything.
 */
#include "core/pattern_pass.h"
#include "base/buf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pattern_level_key[LV_N] = {"unit", "förvaltning", "region"};

size_t pass_nseries(const Pass *p, int lv)
{
    return (lv == LV_UNIT ? p->nunits : lv == LV_FORV ? p->nforv : 1) * p->ncat;
}

uint64_t pass_series_total(const uint32_t *c, size_t P)
{
    uint64_t t = 0;
    for (size_t i = 0; i < P; i++) t += c[i];
    return t;
}

void pass_free(Pass *p)
{
    free(p->uidx), free(p->unit_id), free(p->forv), free(p->forv_id), free(p->cidx), free(p->cat_id);
    for (int k = 0; k < SERIES_PERIODS; k++) {
        free(p->per[k].labels), free(p->per[k].lp);
        for (int s = 0; s < SRC_N; s++)
            for (int l = 0; l < LV_N; l++) free(p->per[k].cnt[s][l]);
    }
    for (int s = 0; s < SRC_N; s++) {
        free(p->rare[s]), free(p->days[s]), free(p->day_at[s]);
        for (int l = 0; l < LV_N; l++)
            free(p->den[s][l]), free(p->has_den[s][l]), free(p->setting[s][l]), free(p->held[s][l]);
    }
    for (size_t i = 0; i < p->nsettings; i++) free(p->split[i]);
    free(p->freeze), free(p->split), free(p->date_off), free(p->dates);
    memset(p, 0, sizeof *p);
}

static ErrCode load_units(Db *db, Pass *p, Err *e)
{
    long long maxid = db_int(db, e, "SELECT coalesce(max(id), 0) FROM units", NULL, -1);
    if (maxid < 0) return e->code;
    p->nunit_ids = (size_t)maxid + 1;
    p->uidx = malloc(p->nunit_ids * sizeof *p->uidx);
    long long *parent = calloc(p->nunit_ids, sizeof *parent);
    bool *is_forv = calloc(p->nunit_ids, 1);
    p->unit_id = malloc(p->nunit_ids * sizeof *p->unit_id);
    for (size_t i = 0; i < p->nunit_ids; i++) p->uidx[i] = -1;
    Stmt *st = db_query(db, e, "SELECT id, coalesce(parent_id, 0), kind FROM units ORDER BY id", NULL);
    if (!st) goto fail;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        long long id = stmt_int(st, 0);
        if (id <= 0 || (size_t)id >= p->nunit_ids) continue;
        parent[id] = stmt_int(st, 1);
        is_forv[id] = !strcmp(stmt_text(st, 2), "förvaltning");
        p->unit_id[p->nunits] = id;
        p->uidx[id] = (int)p->nunits++;
    }
    stmt_finalize(st);
    if (rc < 0) goto fail;
    int *fidx = malloc(p->nunit_ids * sizeof *fidx);
    p->forv_id = malloc((p->nunits + 1) * sizeof *p->forv_id);
    p->forv = malloc((p->nunits + 1) * sizeof *p->forv);
    for (size_t i = 0; i < p->nunit_ids; i++) fidx[i] = -1;
    for (size_t u = 0; u < p->nunits; u++) {
        long long id = p->unit_id[u];
        int guard = 0;
        while (id > 0 && (size_t)id < p->nunit_ids && !is_forv[id] && guard++ < 64) id = parent[id];
        if (id > 0 && (size_t)id < p->nunit_ids && is_forv[id]) {
            if (fidx[id] < 0) p->forv_id[p->nforv] = id, fidx[id] = (int)p->nforv++;
            p->forv[u] = fidx[id];
        } else p->forv[u] = -1;
    }
    free(fidx);
    free(parent);
    free(is_forv);
    return ERR_OK;
fail:
    free(parent);
    free(is_forv);
    return e->code;
}

static ErrCode load_categories(Db *db, Pass *p, Err *e)
{
    long long maxid = db_int(db, e, "SELECT coalesce(max(id), 0) FROM event_categories", NULL, -1);
    if (maxid < 0) return e->code;
    p->ncat_ids = (size_t)maxid + 1;
    p->cidx = malloc(p->ncat_ids * sizeof *p->cidx);
    p->cat_id = malloc(p->ncat_ids * sizeof *p->cat_id);
    for (size_t i = 0; i < p->ncat_ids; i++) p->cidx[i] = -1;
    Stmt *st = db_query(db, e, "SELECT id FROM event_categories ORDER BY id", NULL);
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        long long id = stmt_int(st, 0);
        if (id <= 0 || (size_t)id >= p->ncat_ids) continue;
        p->cat_id[p->ncat] = id;
        p->cidx[id] = (int)p->ncat++;
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

/* The window of one period kind, its labels and zeroed counts; *lo and *hi
 * widened to its first and last day. */
static void window_arrays(Pass *p, SeriesPeriod k, long *lo, long *hi)
{
    PassCounts *pc = &p->per[k];
    pc->labels = calloc(pc->P + 1, sizeof *pc->labels);
    pc->lp = calloc(pc->P + 1, sizeof *pc->lp);
    for (size_t t = 0; t < pc->P; t++)
        pattern_period_label(k, pc->first + (int)t, pc->labels[t]), pc->lp[t] = pc->labels[t];
    for (int s = 0; s < SRC_N; s++)
        for (int l = 0; l < LV_N; l++) pc->cnt[s][l] = calloc(pass_nseries(p, l) * pc->P + 1, sizeof(uint32_t));
    if (!pc->P) return;
    int last = pc->first + (int)pc->P - 1;
    long a = k == SERIES_WEEK ? pattern_week_first_day(pc->first) : pattern_month_first_day(pc->first);
    long b = k == SERIES_WEEK ? pattern_week_first_day(last + 1) - 1 : pattern_month_first_day(last + 1) - 1;
    if (a < *lo) *lo = a;
    if (b > *hi) *hi = b;
}

/* One event on unit u, category c, period t of kind k: counted for its
 * unit and the roll-ups. False when t lies outside the window. */
static bool count_one(Pass *p, PassCounts *pc, int s, int u, int c, int t)
{
    if (t < 0 || (size_t)t >= pc->P) return false;
    size_t P = pc->P;
    pc->cnt[s][LV_UNIT][((size_t)u * p->ncat + (size_t)c) * P + (size_t)t]++;
    if (p->forv[u] >= 0) pc->cnt[s][LV_FORV][((size_t)p->forv[u] * p->ncat + (size_t)c) * P + (size_t)t]++;
    pc->cnt[s][LV_REGION][(size_t)c * P + (size_t)t]++;
    return true;
}

/* The day of an event counted in the monthly window, kept for the g charts
 * of rare series (step 4): a series' days follow each other in the scan. */
static void keep_day(Pass *p, int s, size_t series, long day, size_t *last, size_t *cap)
{
    if (p->ndays[s] == *cap) {
        *cap = *cap ? *cap * 2 : 4096;
        p->days[s] = xrealloc(p->days[s], *cap * sizeof *p->days[s]);
    }
    if (series != *last) p->day_at[s][series] = p->ndays[s], *last = series;
    p->days[s][p->ndays[s]++] = (int32_t)day;
}

/* Step 2: the windows of both periods, and their counts from one scan per
 * source of the covering index (unit_id, category_id, date): each event's
 * date gives its month and its ISO week. The ORDER BY is the index's order,
 * which makes the planner walk that index rather than the table; rows
 * outside both windows are skipped here. */
static ErrCode load_counts(Db *db, Pass *p, Err *e)
{
    long lo = LONG_MAX, hi = LONG_MIN;
    for (int k = 0; k < SERIES_PERIODS; k++) {
        if (pattern_window(db, (SeriesPeriod)k, &p->per[k].first, &p->per[k].P, e)) return e->code;
        window_arrays(p, (SeriesPeriod)k, &lo, &hi);
    }
    if (lo > hi) return ERR_OK;
    PassCounts *m = &p->per[SERIES_MONTH], *w = &p->per[SERIES_WEEK];
    for (int s = 0; s < SRC_N; s++) {
        p->day_at[s] = calloc(pass_nseries(p, LV_UNIT) + 1, sizeof *p->day_at[s]);
        size_t last = SIZE_MAX, cap = 0;
        char sql[300];
        const char *d = pattern_source_date[s];
        snprintf(sql, sizeof sql, "SELECT unit_id, category_id, %s FROM %s ORDER BY unit_id, category_id, %s", d,
                 pattern_source_table[s], d);
        Stmt *st = db_query(db, e, sql, NULL);
        if (!st) return e->code;
        int rc;
        while ((rc = stmt_step(st, e)) == 1) {
            long long uid = stmt_int(st, 0), cid = stmt_int(st, 1);
            if (uid <= 0 || (size_t)uid >= p->nunit_ids || cid <= 0 || (size_t)cid >= p->ncat_ids) continue;
            int u = p->uidx[uid], c = p->cidx[cid];
            const char *date = stmt_text(st, 2);
            if (u < 0 || c < 0 || strlen(date) != 10) continue;
            long day = pattern_day_number(date);
            if (day < lo || day > hi) continue;
            if (count_one(p, m, s, u, c, pattern_month_number(date) - m->first))
                keep_day(p, s, (size_t)u * p->ncat + (size_t)c, day, &last, &cap);
            count_one(p, w, s, u, c, pattern_week_of_day(day) - w->first);
        }
        stmt_finalize(st);
        if (rc < 0) return e->code;
    }
    return ERR_OK;
}

/* --- denominators (monthly) ---------------------------------------------------------------------- */

enum { KIND_VD = 0, KIND_BESOK, KINDS };

typedef struct {
    double *v[KINDS]; /* [unit * P + t] */
    bool *full[KINDS]; /* by unit: that kind for every month */
} UnitDen;

static ErrCode read_unit_denominators(Db *db, const Pass *p, UnitDen *d, Err *e)
{
    const PassCounts *m = &p->per[SERIES_MONTH];
    for (int k = 0; k < KINDS; k++) {
        d->v[k] = calloc(p->nunits * m->P + 1, sizeof(double));
        d->full[k] = calloc(p->nunits + 1, 1);
    }
    Stmt *st = db_query(db, e, "SELECT unit_id, month, kind, value FROM denominators WHERE month BETWEEN :a AND :b",
                        DB_ARGS(DB_TEXT(":a", m->labels[0]), DB_TEXT(":b", m->labels[m->P - 1])));
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        long long uid = stmt_int(st, 0);
        if (uid <= 0 || (size_t)uid >= p->nunit_ids || p->uidx[uid] < 0) continue;
        int t = pattern_month_number(stmt_text(st, 1)) - m->first;
        if (t < 0 || (size_t)t >= m->P) continue;
        int k = !strcmp(stmt_text(st, 2), "besök") ? KIND_BESOK : KIND_VD;
        d->v[k][(size_t)p->uidx[uid] * m->P + (size_t)t] = (double)stmt_int(st, 3);
    }
    stmt_finalize(st);
    if (rc < 0) return e->code;
    for (size_t u = 0; u < p->nunits; u++)
        for (int k = 0; k < KINDS; k++) {
            bool full = true;
            for (size_t t = 0; t < m->P && full; t++) full = d->v[k][u * m->P + t] > 0;
            d->full[k][u] = full;
        }
    return ERR_OK;
}

/* The roll-up owners' denominators of one source and level (förvaltning or
 * region); rep: the units with events of the source in the window. */
static void rollup_denominators(Pass *p, const UnitDen *d, const bool *rep, int s, int lv)
{
    const PassCounts *m = &p->per[SERIES_MONTH];
    size_t owners = lv == LV_FORV ? p->nforv : 1;
    bool *all[KINDS], *any = calloc(owners + 1, 1);
    for (int k = 0; k < KINDS; k++) {
        all[k] = malloc(owners + 1);
        memset(all[k], 1, owners + 1);
    }
    int *kind = malloc((owners + 1) * sizeof *kind);
    for (size_t u = 0; u < p->nunits; u++) {
        int o = lv == LV_FORV ? p->forv[u] : 0;
        if (o < 0 || !rep[u]) continue;
        any[o] = true;
        for (int k = 0; k < KINDS; k++) all[k][o] &= d->full[k][u];
    }
    for (size_t o = 0; o < owners; o++) {
        kind[o] = !any[o] ? -1 : all[KIND_VD][o] ? KIND_VD : all[KIND_BESOK][o] ? KIND_BESOK : -1;
        p->has_den[s][lv][o] = kind[o] >= 0;
    }
    for (size_t u = 0; u < p->nunits; u++) {
        int o = lv == LV_FORV ? p->forv[u] : 0;
        if (o < 0 || !rep[u] || kind[o] < 0) continue;
        for (size_t t = 0; t < m->P; t++) p->den[s][lv][(size_t)o * m->P + t] += d->v[kind[o]][u * m->P + t];
    }
    for (int k = 0; k < KINDS; k++) free(all[k]);
    free(any);
    free(kind);
}

static ErrCode load_denominators(Db *db, Pass *p, Err *e)
{
    const PassCounts *m = &p->per[SERIES_MONTH];
    size_t owners[LV_N] = {p->nunits, p->nforv, 1};
    for (int s = 0; s < SRC_N; s++)
        for (int l = 0; l < LV_N; l++) {
            p->den[s][l] = calloc(owners[l] * m->P + 1, sizeof(double));
            p->has_den[s][l] = calloc(owners[l] + 1, 1);
        }
    if (!m->P) return ERR_OK;
    bool some = db_exists(db, e, "SELECT 1 FROM denominators WHERE month BETWEEN :a AND :b",
                          DB_ARGS(DB_TEXT(":a", m->labels[0]), DB_TEXT(":b", m->labels[m->P - 1])));
    if (!some) return e->code;
    UnitDen d = {0};
    ErrCode rc = read_unit_denominators(db, p, &d, e);
    bool *rep = calloc(p->nunits + 1, 1);
    if (!rc)
        for (int s = 0; s < SRC_N; s++) {
            for (size_t u = 0; u < p->nunits; u++)
                rep[u] = pass_series_total(&m->cnt[s][LV_UNIT][u * p->ncat * m->P], p->ncat * m->P) > 0;
            for (size_t u = 0; u < p->nunits; u++) {
                int k = d.full[KIND_VD][u] ? KIND_VD : d.full[KIND_BESOK][u] ? KIND_BESOK : -1;
                if (k < 0) continue;
                p->has_den[s][LV_UNIT][u] = true;
                memcpy(&p->den[s][LV_UNIT][u * m->P], &d.v[k][u * m->P], m->P * sizeof(double));
            }
            rollup_denominators(p, &d, rep, s, LV_FORV);
            rollup_denominators(p, &d, rep, s, LV_REGION);
        }
    free(rep);
    for (int k = 0; k < KINDS; k++) free(d.v[k]), free(d.full[k]);
    return rc;
}

/* The series index of (level, unit id, category id), or −1. */
static long series_index(const Pass *p, int lv, long long unit_id, long long cat_id)
{
    if (cat_id <= 0 || (size_t)cat_id >= p->ncat_ids || p->cidx[cat_id] < 0) return -1;
    size_t c = (size_t)p->cidx[cat_id];
    if (lv == LV_REGION) return (long)c;
    if (unit_id <= 0 || (size_t)unit_id >= p->nunit_ids || p->uidx[unit_id] < 0) return -1;
    int u = p->uidx[unit_id];
    if (lv == LV_UNIT) return (long)((size_t)u * p->ncat + c);
    for (size_t f = 0; f < p->nforv; f++)
        if (p->forv_id[f] == unit_id) return (long)(f * p->ncat + c);
    return -1;
}

static int level_parse(const char *s)
{
    for (int l = 0; l < LV_N; l++)
        if (!strcmp(s, pattern_level_key[l])) return l;
    return -1;
}

static ErrCode load_settings(Db *db, Pass *p, Err *e)
{
    for (int s = 0; s < SRC_N; s++)
        for (int l = 0; l < LV_N; l++) {
            size_t ns = pass_nseries(p, l);
            p->setting[s][l] = malloc((ns + 1) * sizeof(int));
            for (size_t i = 0; i < ns; i++) p->setting[s][l][i] = -1;
            p->held[s][l] = calloc(ns + 1, 1);
        }
    size_t cap = 0;
    Stmt *st = db_query(db, e,
                        "SELECT level, coalesce(unit_id, 0), category_id, source, freeze, split_at FROM series_settings",
                        NULL);
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        int l = level_parse(stmt_text(st, 0));
        PatternSource s;
        if (l < 0 || !pattern_source_parse(stmt_text(st, 3), &s)) continue;
        long i = series_index(p, l, stmt_int(st, 1), stmt_int(st, 2));
        if (i < 0) continue;
        if (p->nsettings == cap) {
            cap = cap ? cap * 2 : 8;
            p->freeze = realloc(p->freeze, cap * sizeof *p->freeze);
            p->split = realloc(p->split, cap * sizeof *p->split);
        }
        p->freeze[p->nsettings] = stmt_int(st, 4);
        p->split[p->nsettings] = xstrdup(stmt_text(st, 5));
        p->setting[s][l][i] = (int)p->nsettings++;
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

/* Series an open case stands for are not proposed again. */
static ErrCode load_held(Db *db, const ProcessSet *ps, Pass *p, size_t *kept, Err *e)
{
    Stmt *st = db_query(db, e,
                        "SELECT p.level, coalesce(p.unit_id, 0), p.category_id, p.source, c.process, c.step "
                        "FROM patterns p JOIN cases c ON c.id = p.case_id",
                        NULL);
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        const ProcessDef *def = process_find(ps, stmt_text(st, 4));
        const Step *step = def ? process_step(def, stmt_text(st, 5)) : NULL;
        if (step && step->kind == STEP_FINAL) continue;
        int l = level_parse(stmt_text(st, 0));
        PatternSource s;
        if (l < 0 || !pattern_source_parse(stmt_text(st, 3), &s)) continue;
        long i = series_index(p, l, stmt_int(st, 1), stmt_int(st, 2));
        if (i >= 0 && !p->held[s][l][i]) p->held[s][l][i] = true, (*kept)++;
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

/* Step 4: the event dates of the rare unit series (no denominator), taken
 * from the days step 2 kept: a series' days lie together, in date order. */
static void rare_dates(Pass *p)
{
    const PassCounts *m = &p->per[SERIES_MONTH];
    size_t ns = pass_nseries(p, LV_UNIT), nrare = 0, total = 0;
    double tmp[PATTERN_MAX_PERIODS];
    for (int s = 0; s < SRC_N; s++) {
        p->rare[s] = malloc((ns + 1) * sizeof(int));
        for (size_t i = 0; i < ns; i++) {
            p->rare[s][i] = -1;
            const uint32_t *c = m->P ? &m->cnt[s][LV_UNIT][i * m->P] : NULL;
            uint64_t n = c ? pass_series_total(c, m->P) : 0;
            if (n < PATTERN_MIN_EVENTS || p->has_den[s][LV_UNIT][i / p->ncat]) continue;
            for (size_t t = 0; t < m->P; t++) tmp[t] = c[t];
            if (pattern_is_rare(tmp, m->P)) p->rare[s][i] = (int)nrare++, total += n;
        }
    }
    p->nrare = nrare;
    p->date_off = calloc(nrare + 1, sizeof *p->date_off);
    p->dates = calloc(total + 1, sizeof *p->dates);
    size_t at = 0;
    for (int s = 0; s < SRC_N; s++)
        for (size_t i = 0; i < ns; i++) {
            int k = p->rare[s][i];
            if (k < 0) continue;
            p->date_off[k] = at;
            size_t n = pass_series_total(&m->cnt[s][LV_UNIT][i * m->P], m->P);
            for (size_t d = 0; d < n; d++) pattern_day_label(p->days[s][p->day_at[s][i] + d], p->dates[at++]);
        }
    p->date_off[nrare] = at;
}

ErrCode pass_load(Db *db, const ProcessSet *ps, Pass *p, size_t *kept, Err *e)
{
    if (load_units(db, p, e) || load_categories(db, p, e)) return e->code;
    if (load_counts(db, p, e) || load_denominators(db, p, e) || load_settings(db, p, e) || load_held(db, ps, p, kept, e))
        return e->code;
    rare_dates(p);
    return ERR_OK;
}
