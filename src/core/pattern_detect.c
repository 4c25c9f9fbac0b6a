/*
 * pattern_detect.c — one pass over the store that judges every series and
 * stores the patterns found.
 *
 * THE PASS (written for 1,000,000 deviations over 2,000 units and 30
 * categories in well under a second):
 *   1. units (id, parent, kind) and categories into arrays indexed by id;
 *      each unit's förvaltning ancestor;
 *   2. one GROUP BY (unit_id, category_id, event_month) per source — covered
 *      by the indexes of migration 0005, so SQLite never reads the tables —
 *      into one flat array counts[source][unit][category][month], missing
 *      months left 0; the roll-ups per förvaltning and region are summed in
 *      the same loop;
 *   3. denominators, series settings and the series that an open case
 *      stands for, each one query;
 *   4. the event dates of the rare unit series only (the g chart), with one
 *      join against a temporary table of those series;
 *   5. every series with at least PATTERN_MIN_EVENTS events is judged
 *      (pattern_judge.c); no query per series.
 * A roll-up pattern is dropped when a unit below it already shows the same
 * category and source: the most specific level that shows a pattern is the
 * one proposed.
 *
 * Denominators: a unit series is a u chart when the unit has vårddagar (or
 * else besök) for every month; roll-ups are c charts (their units seldom all
 * have denominators). Rare (g chart) only at unit level.
 *
 * Must not: print, or change anything but the table patterns.
 */
#include "core/pattern_internal.h"
#include "base/buf.h"
#include "base/text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const pattern_source_key[SRC_N] = {"deviations", "complaints"};
const char *const pattern_source_table[SRC_N] = {"deviations", "complaints"};
const char *const pattern_source_month[SRC_N] = {"event_month", "received_month"};
const char *const pattern_source_date[SRC_N] = {"event_date", "received_date"};

bool pattern_source_parse(const char *s, PatternSource *out)
{
    for (int i = 0; i < SRC_N; i++)
        if (s && !strcmp(s, pattern_source_key[i])) return *out = (PatternSource)i, true;
    return false;
}

int pattern_month_number(const char *s)
{
    if (!s || strlen(s) < 7) return -1;
    return (s[0] - '0') * 12000 + (s[1] - '0') * 1200 + (s[2] - '0') * 120 + (s[3] - '0') * 12 +
           ((s[5] - '0') * 10 + (s[6] - '0')) - 1;
}

void pattern_month_label(int num, char out[8])
{
    if (num < 0) num = 0;
    snprintf(out, 8, "%04u-%02u", (unsigned)(num / 12) % 10000u, (unsigned)(num % 12 + 1) % 100u);
}

ErrCode pattern_months(Db *db, int *first, size_t *n, Err *e)
{
    *n = 0;
    *first = 0;
    char today[11];
    iso_today(today);
    int current = pattern_month_number(today);
    int lo = INT32_MAX, hi = -1;
    for (int s = 0; s < SRC_N; s++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT min(%s), max(%s) FROM %s", pattern_source_month[s],
                 pattern_source_month[s], pattern_source_table[s]);
        Stmt *st = db_query(db, e, sql, NULL);
        if (!st) return e->code;
        int rc = stmt_step(st, e);
        if (rc == 1 && !stmt_is_null(st, 0)) {
            int a = pattern_month_number(stmt_text(st, 0)), b = pattern_month_number(stmt_text(st, 1));
            if (a < lo) lo = a;
            if (b > hi) hi = b;
        }
        stmt_finalize(st);
        if (rc < 0) return e->code;
    }
    if (hi >= current) hi = current - 1;
    if (hi < 0 || lo > hi) return ERR_OK;
    if (hi - lo + 1 > PATTERN_MAX_PERIODS) lo = hi - PATTERN_MAX_PERIODS + 1;
    *first = lo;
    *n = (size_t)(hi - lo + 1);
    return ERR_OK;
}

long long pattern_forvaltning_of(Db *db, long long unit_id, Err *e)
{
    for (int guard = 0; unit_id && guard < 64; guard++) {
        Stmt *st = db_query(db, e, "SELECT parent_id, kind FROM units WHERE id = :id", DB_ARGS(DB_INT(":id", unit_id)));
        if (!st) return 0;
        if (stmt_step(st, e) != 1) {
            stmt_finalize(st);
            return 0;
        }
        long long parent = stmt_int(st, 0);
        bool forv = !strcmp(stmt_text(st, 1), "förvaltning");
        stmt_finalize(st);
        if (forv) return unit_id;
        unit_id = parent;
    }
    return 0;
}

/* --- the pass ----------------------------------------------------------------------------------- */

enum { LV_UNIT = 0, LV_FORV, LV_REGION, LV_N };
static const char *const level_key[LV_N] = {"unit", "förvaltning", "region"};

typedef struct {
    size_t nunit_ids;   /* max unit id + 1 */
    int *uidx;          /* by unit id: dense index or −1 */
    long long *unit_id; /* by dense index */
    int *forv;          /* by dense unit index: dense förvaltning index or −1 */
    size_t nunits, nforv;
    long long *forv_id; /* by dense förvaltning index: its unit id */
    size_t ncat_ids;
    int *cidx;
    long long *cat_id;
    size_t ncat;
    int first;       /* month number of period 0 */
    size_t P;        /* periods */
    char (*labels)[8];
    const char **lp; /* labels as pointers */
    uint32_t *cnt[SRC_N][LV_N]; /* [series * P + t] */
    double *den;                /* [unit * P + t] per 1000 … or NULL rows */
    bool *has_den;              /* by unit */
    int *setting[SRC_N][LV_N];  /* by series: index into settings or −1 */
    bool *held[SRC_N][LV_N];    /* by series: an open case stands for it */
    /* settings */
    long long *freeze;
    char **split;
    size_t nsettings;
    /* rare unit series' dates */
    int *rare[SRC_N];           /* by unit series: index into rare list or −1 */
    size_t *date_off;           /* per rare series: first date; date_off[nrare] = total */
    char (*dates)[11];
    size_t ndates, nrare;
} Pass;

static size_t nseries(const Pass *p, int lv)
{
    return (lv == LV_UNIT ? p->nunits : lv == LV_FORV ? p->nforv : 1) * p->ncat;
}

static void pass_free(Pass *p)
{
    free(p->uidx), free(p->unit_id), free(p->forv), free(p->forv_id), free(p->cidx), free(p->cat_id);
    free(p->labels), free(p->lp), free(p->den), free(p->has_den);
    for (int s = 0; s < SRC_N; s++) {
        free(p->rare[s]);
        for (int l = 0; l < LV_N; l++) free(p->cnt[s][l]), free(p->setting[s][l]), free(p->held[s][l]);
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

/* Step 2: the counts, with the roll-ups summed on the way. */
static ErrCode load_counts(Db *db, Pass *p, int s, Err *e)
{
    for (int l = 0; l < LV_N; l++) p->cnt[s][l] = calloc(nseries(p, l) * p->P + 1, sizeof(uint32_t));
    char sql[300];
    const char *m = pattern_source_month[s];
    snprintf(sql, sizeof sql,
             "SELECT unit_id, category_id, %s, count(*) FROM %s WHERE %s BETWEEN :a AND :b "
             "GROUP BY unit_id, category_id, %s",
             m, pattern_source_table[s], m, m);
    Stmt *st = db_query(db, e, sql, DB_ARGS(DB_TEXT(":a", p->labels[0]), DB_TEXT(":b", p->labels[p->P - 1])));
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        long long uid = stmt_int(st, 0), cid = stmt_int(st, 1);
        if (uid <= 0 || (size_t)uid >= p->nunit_ids || cid <= 0 || (size_t)cid >= p->ncat_ids) continue;
        int u = p->uidx[uid], c = p->cidx[cid];
        int t = pattern_month_number(stmt_text(st, 2)) - p->first;
        if (u < 0 || c < 0 || t < 0 || (size_t)t >= p->P) continue;
        uint32_t k = (uint32_t)stmt_int(st, 3);
        p->cnt[s][LV_UNIT][((size_t)u * p->ncat + (size_t)c) * p->P + (size_t)t] += k;
        if (p->forv[u] >= 0) p->cnt[s][LV_FORV][((size_t)p->forv[u] * p->ncat + (size_t)c) * p->P + (size_t)t] += k;
        p->cnt[s][LV_REGION][(size_t)c * p->P + (size_t)t] += k;
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

static ErrCode load_denominators(Db *db, Pass *p, Err *e)
{
    size_t N = p->nunits * p->P;
    double *vd = calloc(N + 1, sizeof *vd), *vb = calloc(N + 1, sizeof *vb);
    p->den = calloc(N + 1, sizeof *p->den);
    p->has_den = calloc(p->nunits + 1, 1);
    Stmt *st = db_query(db, e,
                        "SELECT unit_id, month, kind, value FROM denominators WHERE month BETWEEN :a AND :b",
                        DB_ARGS(DB_TEXT(":a", p->labels[0]), DB_TEXT(":b", p->labels[p->P - 1])));
    if (!st) goto done;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        long long uid = stmt_int(st, 0);
        if (uid <= 0 || (size_t)uid >= p->nunit_ids || p->uidx[uid] < 0) continue;
        int t = pattern_month_number(stmt_text(st, 1)) - p->first;
        if (t < 0 || (size_t)t >= p->P) continue;
        double *v = !strcmp(stmt_text(st, 2), "besök") ? vb : vd;
        v[(size_t)p->uidx[uid] * p->P + (size_t)t] = (double)stmt_int(st, 3);
    }
    stmt_finalize(st);
    for (size_t u = 0; u < p->nunits; u++) {
        bool fd = true, fb = true;
        for (size_t t = 0; t < p->P; t++) fd &= vd[u * p->P + t] > 0, fb &= vb[u * p->P + t] > 0;
        if (fd || fb) {
            p->has_den[u] = true;
            memcpy(&p->den[u * p->P], &(fd ? vd : vb)[u * p->P], p->P * sizeof(double));
        }
    }
done:
    free(vd);
    free(vb);
    return e->code;
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
        if (!strcmp(s, level_key[l])) return l;
    return -1;
}

static ErrCode load_settings(Db *db, Pass *p, Err *e)
{
    for (int s = 0; s < SRC_N; s++)
        for (int l = 0; l < LV_N; l++) {
            size_t ns = nseries(p, l);
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

static uint64_t series_total(const uint32_t *c, size_t P)
{
    uint64_t t = 0;
    for (size_t i = 0; i < P; i++) t += c[i];
    return t;
}

/* Step 4: the event dates of the rare unit series (no denominator). */
static ErrCode load_rare_dates(Db *db, Pass *p, Err *e)
{
    size_t ns = nseries(p, LV_UNIT), nrare = 0;
    double tmp[PATTERN_MAX_PERIODS];
    for (int s = 0; s < SRC_N; s++) {
        p->rare[s] = malloc((ns + 1) * sizeof(int));
        for (size_t i = 0; i < ns; i++) {
            p->rare[s][i] = -1;
            const uint32_t *c = &p->cnt[s][LV_UNIT][i * p->P];
            if (p->has_den[i / p->ncat] || series_total(c, p->P) < PATTERN_MIN_EVENTS) continue;
            for (size_t t = 0; t < p->P; t++) tmp[t] = c[t];
            if (pattern_is_rare(tmp, p->P)) p->rare[s][i] = (int)nrare++;
        }
    }
    p->nrare = nrare;
    p->date_off = calloc(nrare + 1, sizeof *p->date_off);
    if (!nrare) return ERR_OK;
    /* counts per rare series give the offsets; the dates are then filled in order */
    size_t total = 0;
    for (int s = 0; s < SRC_N; s++)
        for (size_t i = 0; i < ns; i++)
            if (p->rare[s][i] >= 0) {
                p->date_off[p->rare[s][i]] = total;
                total += series_total(&p->cnt[s][LV_UNIT][i * p->P], p->P);
            }
    p->date_off[nrare] = total;
    p->dates = calloc(total + 1, sizeof *p->dates);
    size_t *fill = calloc(nrare + 1, sizeof *fill);
    char to[8];
    pattern_month_label(p->first + (int)p->P, to);
    ErrCode rc = ERR_OK;
    for (int s = 0; s < SRC_N && !rc; s++) {
        if (db_exec(db, e, "CREATE TEMP TABLE IF NOT EXISTS pattern_rare (unit_id INTEGER, category_id INTEGER)",
                    NULL) ||
            db_exec(db, e, "DELETE FROM pattern_rare", NULL)) {
            rc = e->code;
            break;
        }
        bool any = false;
        for (size_t i = 0; i < ns && !rc; i++)
            if (p->rare[s][i] >= 0) {
                any = true;
                rc = db_exec(db, e, "INSERT INTO pattern_rare VALUES (:u, :c)",
                             DB_ARGS(DB_INT(":u", p->unit_id[i / p->ncat]), DB_INT(":c", p->cat_id[i % p->ncat])));
            }
        if (rc || !any) continue;
        char sql[400];
        const char *d = pattern_source_date[s];
        snprintf(sql, sizeof sql,
                 "SELECT t.unit_id, t.category_id, t.%s FROM pattern_rare r JOIN %s t "
                 "ON t.unit_id = r.unit_id AND t.category_id = r.category_id "
                 "WHERE t.%s >= :a AND t.%s < :b ORDER BY t.unit_id, t.category_id, t.%s",
                 d, pattern_source_table[s], d, d, d);
        char from[11], until[11];
        snprintf(from, sizeof from, "%s-01", p->labels[0]);
        snprintf(until, sizeof until, "%s-01", to);
        Stmt *st = db_query(db, e, sql, DB_ARGS(DB_TEXT(":a", from), DB_TEXT(":b", until)));
        if (!st) {
            rc = e->code;
            break;
        }
        int r;
        while ((r = stmt_step(st, e)) == 1) {
            long i = series_index(p, LV_UNIT, stmt_int(st, 0), stmt_int(st, 1));
            if (i < 0 || p->rare[s][i] < 0) continue;
            int k = p->rare[s][i];
            size_t at = p->date_off[k] + fill[k];
            if (at >= p->date_off[k + 1]) continue;
            snprintf(p->dates[at], sizeof p->dates[at], "%s", stmt_text(st, 2));
            fill[k]++;
        }
        stmt_finalize(st);
        if (r < 0) rc = e->code;
    }
    if (!rc) db_exec(db, e, "DROP TABLE IF EXISTS pattern_rare", NULL);
    for (size_t k = 0; k < nrare; k++) /* a date outside the months shortens the list */
        if (fill[k] < p->date_off[k + 1] - p->date_off[k]) p->date_off[k + 1] = p->date_off[k] + fill[k];
    free(fill);
    return rc;
}

typedef struct {
    int src, lv;
    size_t series;
    PatternRule rule;
    unsigned rules;
    SpcChart chart;
    double strength;
    char since[11];
    char signals[PATTERN_MAX_PERIODS * 12];
    long long events;
    double cl, lcl, ucl;
    bool dropped;
} Found;

static void found_from(Found *f, const Judgement *j)
{
    f->rule = j->rule;
    f->rules = j->rules;
    f->chart = j->chart;
    f->strength = j->strength;
    snprintf(f->since, sizeof f->since, "%.7s", j->since_x);
    f->events = j->events;
    const SpcOut *last = &j->shewhart.points[j->shewhart.n - 1];
    f->cl = last->cl, f->lcl = last->lcl, f->ucl = last->ucl;
    size_t len = 0;
    f->signals[0] = 0;
    for (size_t i = 0; i < j->shewhart.n; i++) {
        if (!j->signal[i]) continue;
        int w = snprintf(f->signals + len, sizeof f->signals - len, "%s%s", len ? "," : "", j->shewhart.points[i].x);
        if (w < 0 || (size_t)w >= sizeof f->signals - len) break;
        len += (size_t)w;
    }
}

static ErrCode judge_all(Pass *p, Found **found, size_t *nfound, DetectStats *st, Err *e)
{
    double counts[PATTERN_MAX_PERIODS], den[PATTERN_MAX_PERIODS];
    const char *dates_p[4096];
    size_t cap = 0;
    for (int s = 0; s < SRC_N; s++)
        for (int l = 0; l < LV_N; l++) {
            size_t ns = nseries(p, l);
            for (size_t i = 0; i < ns; i++) {
                st->series++;
                const uint32_t *c = &p->cnt[s][l][i * p->P];
                if (series_total(c, p->P) < PATTERN_MIN_EVENTS) continue;
                if (p->held[s][l][i]) continue;
                st->judged++;
                for (size_t t = 0; t < p->P; t++) counts[t] = c[t];
                const double *dn = NULL;
                if (l == LV_UNIT && p->has_den[i / p->ncat]) dn = &p->den[(i / p->ncat) * p->P];
                if (dn)
                    for (size_t t = 0; t < p->P; t++) den[t] = dn[t];
                const char **dates = NULL;
                size_t ndates = 0;
                if (l == LV_UNIT && p->rare[s][i] >= 0) {
                    int k = p->rare[s][i];
                    ndates = p->date_off[k + 1] - p->date_off[k];
                    if (ndates > sizeof dates_p / sizeof *dates_p) ndates = sizeof dates_p / sizeof *dates_p;
                    for (size_t d = 0; d < ndates; d++) dates_p[d] = p->dates[p->date_off[k] + d];
                    dates = dates_p;
                }
                SeriesSettings set = {0};
                int si = p->setting[s][l][i];
                if (si >= 0) set.freeze = (size_t)p->freeze[si], set.split_at = p->split[si];
                Judgement j;
                Err je = ERR_INIT;
                if (pattern_judge(p->lp, counts, dn ? den : NULL, p->P, dates, ndates, &set, &j, &je)) continue;
                if (j.rule != RULE_NONE) {
                    if (*nfound == cap) {
                        cap = cap ? cap * 2 : 64;
                        Found *nf = realloc(*found, cap * sizeof **found);
                        if (!nf) {
                            judgement_free(&j);
                            return err_set(e, ERR_INTERNAL, "minnet räcker inte");
                        }
                        *found = nf;
                    }
                    Found *f = &(*found)[(*nfound)++];
                    memset(f, 0, sizeof *f);
                    f->src = s, f->lv = l, f->series = i;
                    found_from(f, &j);
                }
                judgement_free(&j);
            }
        }
    /* the most specific level that shows it */
    for (size_t a = 0; a < *nfound; a++) {
        Found *f = &(*found)[a];
        if (f->lv == LV_UNIT) continue;
        for (size_t b = 0; b < *nfound && !f->dropped; b++) {
            const Found *g = &(*found)[b];
            if (g->src != f->src || g->lv >= f->lv || g->series % p->ncat != f->series % p->ncat) continue;
            if (f->lv == LV_REGION) f->dropped = true;
            else if (g->lv == LV_UNIT && p->forv[g->series / p->ncat] == (int)(f->series / p->ncat)) f->dropped = true;
        }
    }
    return ERR_OK;
}

static ErrCode store(Db *db, Pass *p, Found *found, size_t nfound, DetectStats *st, Err *e)
{
    char now[32];
    iso_now(now);
    if (db_exec(db, e, "DELETE FROM patterns WHERE case_id IS NULL", NULL)) return e->code;
    for (size_t a = 0; a < nfound; a++) {
        const Found *f = &found[a];
        if (f->dropped) continue;
        long long uid = f->lv == LV_UNIT    ? p->unit_id[f->series / p->ncat]
                        : f->lv == LV_FORV ? p->forv_id[f->series / p->ncat]
                                           : 0;
        char rules[80] = "";
        for (int r = RULE_OVER_UCL; r <= RULE_SHORT_GAPS; r++)
            if (f->rules & (1u << r))
                snprintf(rules + strlen(rules), sizeof rules - strlen(rules), "%s%s", *rules ? "," : "",
                         pattern_rule_key((PatternRule)r));
        char cl[32], lcl[32], ucl[32];
        snprintf(cl, sizeof cl, "%.17g", f->cl);
        snprintf(lcl, sizeof lcl, "%.17g", f->lcl);
        snprintf(ucl, sizeof ucl, "%.17g", f->ucl);
        char strength[32];
        snprintf(strength, sizeof strength, "%.17g", f->strength);
        DbArg unit = uid ? DB_INT(":unit", uid) : DB_NULL(":unit");
        if (db_exec(db, e,
                    "INSERT INTO patterns (level, unit_id, category_id, source, period, chart, rule, rules, "
                    "signal_periods, strength, first_period, last_period, since_period, events, centre, lcl, ucl, "
                    "detected_at, status) VALUES (:level, :unit, :cat, :src, 'month', :chart, :rule, :rules, :sig, "
                    "CAST(:strength AS REAL), :first, :last, :since, :events, "
                    "CAST(:cl AS REAL), CAST(:lcl AS REAL), CAST(:ucl AS REAL), :now, 'proposed')",
                    DB_ARGS(DB_TEXT(":level", level_key[f->lv]), unit, DB_INT(":cat", p->cat_id[f->series % p->ncat]),
                            DB_TEXT(":src", pattern_source_key[f->src]), DB_TEXT(":chart", spc_chart_name(f->chart)),
                            DB_TEXT(":rule", pattern_rule_key(f->rule)), DB_TEXT(":rules", rules),
                            DB_TEXT(":sig", f->signals), DB_TEXT(":strength", strength),
                            DB_TEXT(":first", p->labels[0]), DB_TEXT(":last", p->labels[p->P - 1]),
                            DB_TEXT(":since", f->since), DB_INT(":events", f->events),
                            isnan(f->cl) ? DB_NULL(":cl") : DB_TEXT(":cl", cl),
                            isnan(f->lcl) ? DB_NULL(":lcl") : DB_TEXT(":lcl", lcl),
                            isnan(f->ucl) ? DB_NULL(":ucl") : DB_TEXT(":ucl", ucl), DB_TEXT(":now", now))))
            return e->code;
        st->patterns++;
    }
    return ERR_OK;
}

ErrCode pattern_detect(Db *db, const ProcessSet *ps, DetectStats *stats, Err *e)
{
    *e = (Err)ERR_INIT; /* helpers below answer e->code */
    DetectStats local = {0};
    DetectStats *st = stats ? stats : &local;
    memset(st, 0, sizeof *st);
    Pass p = {0};
    Found *found = NULL;
    size_t nfound = 0;
    if (db_begin(db, e)) return e->code;
    if (load_units(db, &p, e) || load_categories(db, &p, e) || pattern_months(db, &p.first, &p.P, e)) goto fail;
    if (!p.P || !p.nunits || !p.ncat) {
        if (db_exec(db, e, "DELETE FROM patterns WHERE case_id IS NULL", NULL)) goto fail;
        goto done;
    }
    p.labels = calloc(p.P, sizeof *p.labels);
    p.lp = calloc(p.P, sizeof *p.lp);
    for (size_t t = 0; t < p.P; t++) pattern_month_label(p.first + (int)t, p.labels[t]), p.lp[t] = p.labels[t];
    for (int s = 0; s < SRC_N; s++)
        if (load_counts(db, &p, s, e)) goto fail;
    if (load_denominators(db, &p, e) || load_settings(db, &p, e) || load_held(db, ps, &p, &st->kept, e) ||
        load_rare_dates(db, &p, e) || judge_all(&p, &found, &nfound, st, e) || store(db, &p, found, nfound, st, e))
        goto fail;
done:
    if (db_commit(db, e)) goto fail;
    free(found);
    pass_free(&p);
    return ERR_OK;
fail:
    db_rollback(db);
    free(found);
    pass_free(&p);
    return e->code ? e->code : ERR_INTERNAL;
}
