/*
 * pattern_detect.c — one pass over the store that judges every series, per
 * month and per ISO week, and stores the patterns found.
 *
 * THE PASS (written for 1,000,000 deviations over 2,000 units and 30
 * categories in well under a second; bench/README.md has the figures):
 *   1. units (id, parent, kind) and categories into arrays indexed by id;
 *      each unit's förvaltning ancestor;
 *   2. per source one scan of the covering index (unit_id, category_id,
 *      date) of migration 0005 — SQLite never reads the table, and one scan
 *      serves both periods: each event's date gives its month and its ISO
 *      week — into flat arrays counts[period][source][unit][category][t],
 *      missing periods left 0; the roll-ups per förvaltning and region are
 *      summed in the same loop. (Two GROUP BYs, per month and per week, cost
 *      twice as much: SQLite's grouping compares keys per row, while the
 *      plain walk of the index is cheap.)
 *   3. denominators, series settings and the series that an open case
 *      stands for, each one query;
 *   4. the event dates of the rare unit series (the g chart): the scan of
 *      step 2 kept the day of every event in the monthly window, and a
 *      series' days lie together in it, so no query is needed;
 *   5. every monthly series with at least PATTERN_MIN_EVENTS events, and
 *      every weekly series that carries enough (pattern_weekly_enough), is
 *      judged (pattern_judge.c); no query per series.
 * ONE PATTERN PER SERIES: when the monthly and the weekly series of one
 * (level, unit, category, source) both signal, the stronger is stored and
 * names the other's period, rule and strength (also_*). A roll-up pattern is
 * dropped when a unit below it already shows the same category and source
 * (in either period), or an open case holds such a series: the most
 * specific level that shows a pattern is the one proposed. A series an open
 * case stands for is held for both periods.
 *
 * Denominators (monthly series only): a unit series is a u chart when the
 * unit has vårddagar (or else besök) for every month; a roll-up when every
 * unit under it with events of the source in the window has that kind for
 * every month, summed (pattern_judge.c). Rare (g chart) only for monthly
 * unit series.
 *
 * Must not: print, or change anything but the table patterns.
 */
#include "core/pattern_pass.h"
#include "base/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* --- judging ------------------------------------------------------------------------------------ */

typedef struct {
    int src, lv, per;
    size_t series;
    PatternRule rule;
    unsigned rules;
    SpcChart chart;
    double strength;
    char since[PATTERN_LABEL_MAX];
    char signals[PATTERN_MAX_WEEKS * (PATTERN_LABEL_MAX + 1)];
    long long events;
    double cl, lcl, ucl;
    int also_per;          /* −1, or the other period whose series signals too */
    PatternRule also_rule;
    double also_strength;
    bool dropped;
} Found;

static void found_from(Found *f, const Judgement *j)
{
    f->rule = j->rule;
    f->rules = j->rules;
    f->chart = j->chart;
    f->strength = j->strength;
    snprintf(f->since, sizeof f->since, "%.*s", j->chart == SPC_G ? 7 : PATTERN_LABEL_MAX - 1, j->since_x);
    f->events = j->events;
    f->also_per = -1;
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

typedef struct {
    Found *v;
    size_t n, cap;
} FoundList;

static ErrCode found_add(FoundList *fl, const Judgement *j, int s, int l, int per, size_t i, Err *e)
{
    if (fl->n == fl->cap) {
        size_t cap = fl->cap ? fl->cap * 2 : 64;
        Found *nf = realloc(fl->v, cap * sizeof *nf);
        if (!nf) return err_set(e, ERR_INTERNAL, "minnet räcker inte");
        fl->v = nf, fl->cap = cap;
    }
    Found *f = &fl->v[fl->n++];
    memset(f, 0, sizeof *f);
    f->src = s, f->lv = l, f->per = per, f->series = i;
    found_from(f, j);
    return ERR_OK;
}

/* The settings of series (s, l, i) for period per; split holds a weekly split's label. */
static SeriesSettings settings_for(const Pass *p, int s, int l, size_t i, int per, char split[PATTERN_LABEL_MAX])
{
    SeriesSettings set = {0};
    int si = p->setting[s][l][i];
    if (si < 0) return set;
    set.freeze = (size_t)p->freeze[si], set.split_at = p->split[si];
    if (per == SERIES_MONTH) return set;
    SeriesSettings week;
    const PassCounts *m = &p->per[SERIES_MONTH];
    pattern_week_settings(&set, m->P ? m->first : -1, p->per[SERIES_WEEK].first, &week, split);
    return week;
}

/* The rare unit series' event dates, or NULL. */
static const char **rare_dates(const Pass *p, int s, int l, int per, size_t i, const char **buf, size_t cap,
                               size_t *n)
{
    *n = 0;
    if (per != SERIES_MONTH || l != LV_UNIT || p->rare[s][i] < 0) return NULL;
    int k = p->rare[s][i];
    *n = p->date_off[k + 1] - p->date_off[k];
    if (*n > cap) *n = cap;
    for (size_t d = 0; d < *n; d++) buf[d] = p->dates[p->date_off[k] + d];
    return buf;
}

static ErrCode judge_period(const Pass *p, int per, FoundList *fl, DetectStats *st, Err *e)
{
    const PassCounts *pc = &p->per[per];
    double counts[PATTERN_MAX_WEEKS], den[PATTERN_MAX_WEEKS];
    const char *dates_buf[4096];
    if (!pc->P) return ERR_OK;
    for (int s = 0; s < SRC_N; s++)
        for (int l = 0; l < LV_N; l++) {
            size_t ns = pass_nseries(p, l);
            for (size_t i = 0; i < ns; i++) {
                if (per == SERIES_MONTH) st->series++;
                const uint32_t *c = &pc->cnt[s][l][i * pc->P];
                uint64_t total = pass_series_total(c, pc->P);
                if (total < PATTERN_MIN_EVENTS || p->held[s][l][i]) continue;
                for (size_t t = 0; t < pc->P; t++) counts[t] = c[t];
                if (per == SERIES_WEEK && !pattern_weekly_enough(counts, pc->P)) continue;
                if (per == SERIES_MONTH) st->judged++;
                else st->judged_weekly++;
                const double *dn = NULL;
                size_t owner = l == LV_REGION ? 0 : i / p->ncat;
                if (per == SERIES_MONTH && p->has_den[s][l][owner]) {
                    for (size_t t = 0; t < pc->P; t++) den[t] = p->den[s][l][owner * pc->P + t];
                    dn = den;
                }
                size_t ndates;
                const char **dates = rare_dates(p, s, l, per, i, dates_buf, sizeof dates_buf / sizeof *dates_buf, &ndates);
                char split[PATTERN_LABEL_MAX];
                SeriesSettings set = settings_for(p, s, l, i, per, split);
                Judgement j;
                Err je = ERR_INIT;
                if (pattern_judge(pc->lp, counts, dn, pc->P, dates, ndates, &set, &j, &je)) continue;
                ErrCode rc = j.rule != RULE_NONE ? found_add(fl, &j, s, l, per, i, e) : ERR_OK;
                judgement_free(&j);
                if (rc) return rc;
            }
        }
    return ERR_OK;
}

static bool same_series(const Found *a, const Found *b)
{
    return a->src == b->src && a->lv == b->lv && a->series == b->series;
}

/* One pattern per series: of its monthly and weekly patterns the stronger
 * stays and names the other. The lists are in (period, source, level,
 * series) order, so the two periods are merged like sorted lists. */
static void merge_periods(FoundList *fl, DetectStats *st)
{
    size_t w = 0;
    while (w < fl->n && fl->v[w].per != SERIES_WEEK) w++;
    size_t m = 0, nm = w;
    for (; w < fl->n; w++) {
        Found *b = &fl->v[w];
        while (m < nm && (fl->v[m].src < b->src || (fl->v[m].src == b->src && (fl->v[m].lv < b->lv ||
                                                     (fl->v[m].lv == b->lv && fl->v[m].series < b->series)))))
            m++;
        if (m >= nm || !same_series(&fl->v[m], b)) continue;
        Found *a = &fl->v[m];
        Found *keep = a->strength >= b->strength ? a : b, *drop = keep == a ? b : a;
        keep->also_per = drop->per;
        keep->also_rule = drop->rule;
        keep->also_strength = drop->strength;
        drop->dropped = true;
        st->merged++;
    }
}

/* A series below roll-up f (same source and category) that an open case holds. */
static bool held_below(const Pass *p, const Found *f)
{
    size_t c = f->series % p->ncat;
    for (size_t u = 0; u < p->nunits; u++)
        if (p->held[f->src][LV_UNIT][u * p->ncat + c] &&
            (f->lv == LV_REGION || p->forv[u] == (int)(f->series / p->ncat)))
            return true;
    for (size_t v = 0; f->lv == LV_REGION && v < p->nforv; v++)
        if (p->held[f->src][LV_FORV][v * p->ncat + c]) return true;
    return false;
}

/* The most specific level that shows it (in either period) is proposed; a
 * series below that an open case holds counts as showing it. */
static void drop_rollups(const Pass *p, FoundList *fl)
{
    for (size_t a = 0; a < fl->n; a++) {
        Found *f = &fl->v[a];
        if (f->lv == LV_UNIT) continue;
        if (held_below(p, f)) f->dropped = true;
        for (size_t b = 0; b < fl->n && !f->dropped; b++) {
            const Found *g = &fl->v[b];
            if (g->src != f->src || g->lv >= f->lv || g->series % p->ncat != f->series % p->ncat) continue;
            if (f->lv == LV_REGION) f->dropped = true;
            else if (g->lv == LV_UNIT && p->forv[g->series / p->ncat] == (int)(f->series / p->ncat)) f->dropped = true;
        }
    }
}

/* --- storing --------------------------------------------------------------------------------------- */

static void real_text(double v, char out[32])
{
    snprintf(out, 32, "%.17g", v);
}

static ErrCode store_one(Db *db, const Pass *p, const Found *f, const char *now, Err *e)
{
    const PassCounts *pc = &p->per[f->per];
    long long uid = f->lv == LV_UNIT    ? p->unit_id[f->series / p->ncat]
                    : f->lv == LV_FORV ? p->forv_id[f->series / p->ncat]
                                       : 0;
    char rules[80] = "";
    for (int r = RULE_OVER_UCL; r <= RULE_SHORT_GAPS; r++)
        if (f->rules & (1u << r))
            snprintf(rules + strlen(rules), sizeof rules - strlen(rules), "%s%s", *rules ? "," : "",
                     pattern_rule_key((PatternRule)r));
    char cl[32], lcl[32], ucl[32], strength[32], also[32];
    real_text(f->cl, cl), real_text(f->lcl, lcl), real_text(f->ucl, ucl), real_text(f->strength, strength);
    real_text(f->also_strength, also);
    bool has_also = f->also_per >= 0;
    DbArg unit = uid ? DB_INT(":unit", uid) : DB_NULL(":unit");
    return db_exec(
        db, e,
        "INSERT INTO patterns (level, unit_id, category_id, source, period, chart, rule, rules, signal_periods, "
        "strength, first_period, last_period, since_period, events, centre, lcl, ucl, also_period, also_rule, "
        "also_strength, detected_at, status) VALUES (:level, :unit, :cat, :src, :per, :chart, :rule, :rules, :sig, "
        "CAST(:strength AS REAL), :first, :last, :since, :events, CAST(:cl AS REAL), CAST(:lcl AS REAL), "
        "CAST(:ucl AS REAL), :aper, :arule, CAST(:astr AS REAL), :now, 'proposed')",
        DB_ARGS(DB_TEXT(":level", pattern_level_key[f->lv]), unit, DB_INT(":cat", p->cat_id[f->series % p->ncat]),
                DB_TEXT(":src", pattern_source_key[f->src]), DB_TEXT(":per", series_period_key((SeriesPeriod)f->per)),
                DB_TEXT(":chart", spc_chart_name(f->chart)), DB_TEXT(":rule", pattern_rule_key(f->rule)),
                DB_TEXT(":rules", rules), DB_TEXT(":sig", f->signals), DB_TEXT(":strength", strength),
                DB_TEXT(":first", pc->labels[0]), DB_TEXT(":last", pc->labels[pc->P - 1]),
                DB_TEXT(":since", f->since), DB_INT(":events", f->events),
                isnan(f->cl) ? DB_NULL(":cl") : DB_TEXT(":cl", cl), isnan(f->lcl) ? DB_NULL(":lcl") : DB_TEXT(":lcl", lcl),
                isnan(f->ucl) ? DB_NULL(":ucl") : DB_TEXT(":ucl", ucl),
                DB_TEXT(":aper", has_also ? series_period_key((SeriesPeriod)f->also_per) : ""),
                DB_TEXT(":arule", has_also ? pattern_rule_key(f->also_rule) : ""),
                has_also ? DB_TEXT(":astr", also) : DB_NULL(":astr"), DB_TEXT(":now", now)));
}

static ErrCode store(Db *db, const Pass *p, const FoundList *fl, DetectStats *st, Err *e)
{
    char now[32];
    iso_now(now);
    if (db_exec(db, e, "DELETE FROM patterns WHERE case_id IS NULL", NULL)) return e->code;
    for (size_t a = 0; a < fl->n; a++) {
        if (fl->v[a].dropped) continue;
        if (store_one(db, p, &fl->v[a], now, e)) return e->code;
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
    FoundList fl = {0};
    if (db_begin(db, e)) return e->code;
    if (pass_load(db, ps, &p, &st->kept, e)) goto fail;
    st->weeks = p.per[SERIES_WEEK].P;
    for (int k = 0; k < SERIES_PERIODS; k++)
        if (p.nunits && p.ncat && judge_period(&p, k, &fl, st, e)) goto fail;
    merge_periods(&fl, st);
    drop_rollups(&p, &fl);
    if (store(db, &p, &fl, st, e) || db_commit(db, e)) goto fail;
    free(fl.v);
    pass_free(&p);
    return ERR_OK;
fail:
    db_rollback(db);
    free(fl.v);
    pass_free(&p);
    return e->code ? e->code : ERR_INTERNAL;
}
