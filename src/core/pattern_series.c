/*
 * pattern_series.c — one series for its chart page, per month or per ISO
 * week: loaded with a few queries and judged exactly as pattern_detect
 * judges it (same window, same denominators — for a roll-up the sum over
 * its reporting units, see pattern_pass.c —, settings and rare-event
 * dates); and what users add to a series: annotations, a frozen baseline,
 * a split. Settings and annotations belong to the series, not to a period:
 * a weekly chart draws an annotation at the week of its date and takes the
 * split and freeze over as pattern_week_settings says.
 * Must not: judge differently from pattern_detect.c — both call
 * pattern_judge with the same inputs.
 */
#include "core/pattern_internal.h"
#include "core/series.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *source_noun(PatternSource s)
{
    return s == SRC_DEVIATIONS ? "avvikelser" : "klagomål";
}

static int level_ok(const char *l)
{
    return l && (!strcmp(l, "unit") || !strcmp(l, "förvaltning") || !strcmp(l, "region"));
}

/* The unit filter of a series' SQL, bound to :unit. */
static const char *unit_filter(const SeriesKey *k)
{
    return !strcmp(k->level, "unit")          ? "t.unit_id = :unit"
           : !strcmp(k->level, "förvaltning") ? "t.unit_id IN (SELECT id FROM sub)"
                                              : "1 = 1";
}

#define SUBTREE                                                                                                      \
    "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = :unit "                                             \
    "UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) "

static ErrCode check_key(Db *db, const SeriesKey *k, PatternSource *s, char **unit, char **cat, Err *e)
{
    *e = (Err)ERR_INIT; /* e->code is read after a NULL answer */
    if (!level_ok(k->level))
        return err_set(e, ERR_INVALID, "Nivå (fältet 'level'): okänd nivå '%s' (unit, förvaltning, region).",
                       k->level ? k->level : "");
    if (!pattern_source_parse(k->source, s))
        return err_set(e, ERR_INVALID, "Källa (fältet 'source'): okänd källa '%s' (deviations, complaints).",
                       k->source ? k->source : "");
    *cat = db_text(db, e, "SELECT name FROM event_categories WHERE id = :id", DB_ARGS(DB_INT(":id", k->category_id)));
    if (!*cat) return e->code ? e->code : err_set(e, ERR_NOTFOUND, "Kategori (fältet 'category'): okänd kategori %lld.", k->category_id);
    if (!strcmp(k->level, "region")) {
        *unit = xstrdup("Hela regionen");
        return ERR_OK;
    }
    *unit = db_text(db, e, "SELECT name FROM units WHERE id = :id", DB_ARGS(DB_INT(":id", k->unit_id)));
    if (!*unit) return e->code ? e->code : err_set(e, ERR_NOTFOUND, "Enhet (fältet 'unit'): okänd enhet %lld.", k->unit_id);
    if (!strcmp(k->level, "förvaltning") &&
        !db_exists(db, e, "SELECT 1 FROM units WHERE id = :id AND kind = 'förvaltning'", DB_ARGS(DB_INT(":id", k->unit_id))))
        return err_set(e, ERR_INVALID, "Enhet (fältet 'unit'): %s är ingen förvaltning.", *unit);
    return ERR_OK;
}

static void fill_note(Stmt *st, void *el)
{
    Annotation *a = el;
    a->date = xstrdup(stmt_text(st, 0));
    a->on = xstrndup(a->date, 7);
    a->text = xstrdup(stmt_text(st, 1));
    a->created_by = xstrdup(stmt_text(st, 2));
}

static void release_note(void *el)
{
    Annotation *a = el;
    free(a->on), free(a->date), free(a->text), free(a->created_by);
}

void series_free(Series *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) free(s->labels[i]);
    free(s->labels), free(s->counts), free(s->denom), free(s->title), free(s->unit), free(s->category);
    free(s->split_at);
    for (size_t i = 0; i < s->ndates; i++) free(s->dates[i]);
    free(s->dates);
    for (size_t i = 0; i < s->nnotes; i++) release_note(&s->notes[i]);
    free(s->notes);
    if (s->judged) judgement_free(&s->j);
    memset(s, 0, sizeof *s);
}

static ErrCode load_counts(Db *db, const SeriesKey *k, PatternSource src, Series *s, int first, Err *e)
{
    Buf sql = BUF_INIT;
    const char *m = pattern_source_period(s->period, src);
    buf_printf(&sql, SUBTREE "SELECT t.%s, count(*) FROM %s t WHERE %s AND t.category_id = :cat AND t.%s BETWEEN :a AND :b GROUP BY t.%s",
               m, pattern_source_table[src], unit_filter(k), m, m);
    Stmt *st = db_query(db, e, buf_cstr(&sql),
                        DB_ARGS(DB_INT(":unit", k->unit_id), DB_INT(":cat", k->category_id),
                                DB_TEXT(":a", s->labels[0]), DB_TEXT(":b", s->labels[s->n - 1])));
    buf_free(&sql);
    if (!st) return e->code;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        int t = pattern_period_number(s->period, stmt_text(st, 0)) - first;
        if (t >= 0 && (size_t)t < s->n) s->counts[t] = (double)stmt_int(st, 1);
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

/* The units whose denominators count for a series (pattern_internal.h):
 * the unit itself, or the reporting units under a roll-up. */
static void members_sql(Buf *b, const char *level, int src)
{
    const char *t = pattern_source_table[src], *m = pattern_source_month[src];
    if (!strcmp(level, "unit")) buf_printf(b, "SELECT :unit");
    else if (!strcmp(level, "förvaltning"))
        buf_printf(b, "SELECT DISTINCT t.unit_id FROM %s t WHERE t.unit_id IN (SELECT id FROM sub) AND t.%s BETWEEN :a AND :b",
                   t, m);
    else buf_printf(b, "SELECT DISTINCT t.unit_id FROM %s t WHERE t.%s BETWEEN :a AND :b", t, m);
}

/* The sum of one kind per month over the members, or false when a member lacks it for a month. */
static ErrCode sum_kind(Db *db, const char *level, long long unit_id, int src, const char *kind, const char *const *months,
                        size_t n, long long members, double *v, bool *full, Err *e)
{
    Buf sql = BUF_INIT, mem = BUF_INIT;
    members_sql(&mem, level, src);
    buf_printf(&sql, SUBTREE "SELECT d.month, sum(d.value), count(*) FROM denominators d WHERE d.kind = :k "
                             "AND d.month BETWEEN :a AND :b AND d.unit_id IN (%s) GROUP BY d.month",
               buf_cstr(&mem));
    Stmt *st = db_query(db, e, buf_cstr(&sql),
                        DB_ARGS(DB_INT(":unit", unit_id), DB_TEXT(":k", kind), DB_TEXT(":a", months[0]),
                                DB_TEXT(":b", months[n - 1])));
    buf_free(&sql);
    buf_free(&mem);
    if (!st) return e->code;
    memset(v, 0, n * sizeof *v);
    size_t have = 0;
    int first = pattern_month_number(months[0]), rc;
    while ((rc = stmt_step(st, e)) == 1) {
        int t = pattern_month_number(stmt_text(st, 0)) - first;
        if (t < 0 || (size_t)t >= n || stmt_int(st, 2) != members) continue;
        v[t] = (double)stmt_int(st, 1);
        have++;
    }
    stmt_finalize(st);
    *full = have == n;
    return rc < 0 ? e->code : ERR_OK;
}

ErrCode pattern_denominators(Db *db, const char *level, long long unit_id, int src, const char *const *months,
                             size_t n, double **den, const char **kind, Err *e)
{
    static const char *const kinds[] = {"vårddagar", "besök"};
    *den = NULL;
    *kind = NULL;
    if (!n) return ERR_OK;
    long long members = 1;
    if (strcmp(level, "unit")) {
        Buf sql = BUF_INIT, mem = BUF_INIT;
        members_sql(&mem, level, src);
        buf_printf(&sql, SUBTREE "SELECT count(*) FROM (%s) x", buf_cstr(&mem));
        members = db_int(db, e, buf_cstr(&sql),
                         DB_ARGS(DB_INT(":unit", unit_id), DB_TEXT(":a", months[0]), DB_TEXT(":b", months[n - 1])), -1);
        buf_free(&sql);
        buf_free(&mem);
        if (members < 0) return e->code;
    }
    if (!members) return ERR_OK;
    double *v = calloc(n, sizeof *v);
    ErrCode rc = ERR_OK;
    for (int k = 0; k < 2 && !rc && !*den; k++) {
        bool full = false;
        rc = sum_kind(db, level, unit_id, src, kinds[k], months, n, members, v, &full, e);
        if (!rc && full) *den = v, *kind = kinds[k], v = NULL;
    }
    free(v);
    return rc;
}

static ErrCode load_dates(Db *db, const SeriesKey *k, PatternSource src, const Series *s, char ***dates, size_t *n,
                          Err *e)
{
    *dates = NULL;
    *n = 0;
    Buf sql = BUF_INIT;
    const char *d = pattern_source_date[src];
    buf_printf(&sql, "SELECT t.%s FROM %s t WHERE t.unit_id = :unit AND t.category_id = :cat AND t.%s BETWEEN :a AND :b ORDER BY t.%s",
               d, pattern_source_table[src], pattern_source_month[src], d);
    Stmt *st = db_query(db, e, buf_cstr(&sql),
                        DB_ARGS(DB_INT(":unit", k->unit_id), DB_INT(":cat", k->category_id),
                                DB_TEXT(":a", s->labels[0]), DB_TEXT(":b", s->labels[s->n - 1])));
    buf_free(&sql);
    if (!st) return e->code;
    size_t cap = 0;
    int rc;
    while ((rc = stmt_step(st, e)) == 1) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *dates = realloc(*dates, cap * sizeof **dates);
        }
        (*dates)[(*n)++] = xstrdup(stmt_text(st, 0));
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

/* The series' settings and annotations; a weekly series draws each note at its week. */
static ErrCode load_settings_and_notes(Db *db, const SeriesKey *k, Series *s, Err *e)
{
    long long u = strcmp(k->level, "region") ? k->unit_id : 0;
    Stmt *st = db_query(db, e,
                        "SELECT freeze, split_at FROM series_settings WHERE level = :l AND coalesce(unit_id, 0) = :u "
                        "AND category_id = :c AND source = :s",
                        DB_ARGS(DB_TEXT(":l", k->level), DB_INT(":u", u), DB_INT(":c", k->category_id),
                                DB_TEXT(":s", k->source)));
    if (!st) return e->code;
    if (stmt_step(st, e) == 1) {
        s->freeze = stmt_int(st, 0);
        free(s->split_at);
        s->split_at = xstrdup(stmt_text(st, 1));
    }
    stmt_finalize(st);
    if (db_rows(db, e,
                "SELECT a.on_date, a.text, coalesce(u.display_name, '') FROM series_annotations a "
                "LEFT JOIN users u ON u.id = a.created_by WHERE a.level = :l AND coalesce(a.unit_id, 0) = :u "
                "AND a.category_id = :c AND a.source = :s ORDER BY a.on_date, a.id",
                DB_ARGS(DB_TEXT(":l", k->level), DB_INT(":u", u), DB_INT(":c", k->category_id), DB_TEXT(":s", k->source)),
                sizeof(Annotation), fill_note, release_note, (void **)&s->notes, &s->nnotes))
        return e->code;
    for (size_t i = 0; s->period == SERIES_WEEK && i < s->nnotes; i++) {
        char day[11], week[PATTERN_LABEL_MAX];
        snprintf(day, sizeof day, strlen(s->notes[i].date) == 7 ? "%.7s-01" : "%.10s", s->notes[i].date);
        pattern_week_label(pattern_week_of_date(day), week);
        free(s->notes[i].on);
        s->notes[i].on = xstrdup(week);
    }
    return ERR_OK;
}

/* The settings the series is judged with; a weekly series' split label goes into `split`. */
static ErrCode judge_settings(Db *db, const Series *s, int first, SeriesSettings *set, char split[PATTERN_LABEL_MAX],
                              Err *e)
{
    *set = (SeriesSettings){(size_t)(s->freeze > 0 ? s->freeze : 0), s->split_at};
    if (s->period != SERIES_WEEK || (!set->freeze && !*s->split_at)) return ERR_OK;
    int mfirst;
    size_t mn;
    if (pattern_window(db, SERIES_MONTH, &mfirst, &mn, e)) return e->code;
    SeriesSettings month = *set;
    pattern_week_settings(&month, mn ? mfirst : -1, first, set, split);
    return ERR_OK;
}

static ErrCode judge_series(Db *db, const SeriesKey *k, PatternSource src, Series *s, int first, Err *e)
{
    double total = 0;
    for (size_t i = 0; i < s->n; i++) total += s->counts[i];
    if (total < PATTERN_MIN_EVENTS) {
        s->not_judged = "Serien har för få händelser för ett styrdiagram (färre än 5).";
        return ERR_OK;
    }
    if (s->period == SERIES_WEEK && !pattern_weekly_enough(s->counts, s->n)) {
        s->not_judged = "Serien har i snitt färre än en händelse per vecka: de flesta veckor har 0 eller 1 "
                        "händelse, så veckodiagrammet bedöms inte. Se diagrammet per månad.";
        return ERR_OK;
    }
    char **dates = NULL;
    size_t nd = 0;
    if (s->period == SERIES_MONTH && !strcmp(k->level, "unit") && !s->denom && pattern_is_rare(s->counts, s->n) &&
        load_dates(db, k, src, s, &dates, &nd, e))
        return e->code;
    SeriesSettings set;
    char split[PATTERN_LABEL_MAX];
    ErrCode rc = judge_settings(db, s, first, &set, split, e);
    Err je = ERR_INIT;
    if (!rc) s->freeze_points = set.freeze;
    if (!rc)
        s->judged = pattern_judge((const char *const *)s->labels, s->counts, s->denom, s->n, (const char *const *)dates,
                                  nd, &set, &s->j, &je) == ERR_OK;
    if (!rc && !s->judged) s->not_judged = "Serien kan inte bedömas efter delningen.";
    /* the g chart's labels point into the dates: they live as long as the series */
    s->dates = dates;
    s->ndates = nd;
    return rc;
}

ErrCode series_load(Db *db, const SeriesKey *k, Series *s, Err *e)
{
    memset(s, 0, sizeof *s);
    *e = (Err)ERR_INIT; /* the checks below read e->code after a NULL answer */
    PatternSource src;
    if (!series_period_parse(k->period, &s->period))
        return err_set(e, ERR_INVALID, "okänd period '%s' (month, week)", k->period);
    ErrCode rc = check_key(db, k, &src, &s->unit, &s->category, e);
    if (rc) {
        series_free(s);
        return rc;
    }
    Buf t = BUF_INIT;
    buf_printf(&t, "%s – %s (%s %s)", s->category, s->unit, source_noun(src), series_period_label(s->period));
    s->title = xstrdup(buf_cstr(&t));
    buf_free(&t);
    s->split_at = xstrdup("");
    int first;
    size_t n;
    if (pattern_window(db, s->period, &first, &n, e) || load_settings_and_notes(db, k, s, e)) goto fail;
    if (!n) {
        s->not_judged = "Det finns inga händelser att räkna.";
        return ERR_OK;
    }
    s->n = n;
    s->labels = calloc(n, sizeof *s->labels);
    s->counts = calloc(n, sizeof *s->counts);
    for (size_t i = 0; i < n; i++) {
        s->labels[i] = malloc(PATTERN_LABEL_MAX);
        pattern_period_label(s->period, first + (int)i, s->labels[i]);
    }
    if (load_counts(db, k, src, s, first, e)) goto fail;
    if (s->period == SERIES_MONTH &&
        pattern_denominators(db, k->level, k->unit_id, src, (const char *const *)s->labels, n, &s->denom,
                             &s->denom_kind, e))
        goto fail;
    if (judge_series(db, k, src, s, first, e)) goto fail;
    return ERR_OK;
fail:
    series_free(s);
    return e->code ? e->code : ERR_INTERNAL;
}

/* --- what users add ---------------------------------------------------------------------------- */

static bool month_or_date(const char *s)
{
    if (!s) return false;
    if (strlen(s) == 7) {
        char d[11];
        snprintf(d, sizeof d, "%s-01", s);
        return iso_date_valid(d);
    }
    return iso_date_valid(s);
}

ErrCode series_annotate(Db *db, const Actor *who, const SeriesKey *k, const char *date, const char *text,
                        long long *id, Err *e)
{
    if (!role_can_write(who->role)) return err_set(e, ERR_FORBIDDEN, "läsare kan inte anteckna diagram");
    char *unit = NULL, *cat = NULL;
    PatternSource src;
    ErrCode rc = check_key(db, k, &src, &unit, &cat, e);
    free(unit), free(cat);
    if (rc) return rc;
    char monday[11];
    int week = pattern_week_number(date);
    if (week >= 0) { /* a week on a weekly chart: kept as its Monday, so the monthly chart draws it too */
        pattern_week_monday(week, monday);
        date = monday;
    }
    if (!month_or_date(date))
        return err_set(e, ERR_INVALID,
                       "Datum (fältet 'date'): '%s' är inte ett datum (ÅÅÅÅ-MM-DD), en månad (ÅÅÅÅ-MM) eller en vecka (ÅÅÅÅ-Wnn).",
                       date ? date : "");
    if (freetext_check("Text (fältet 'text')", text, 300, true, e)) return e->code;
    char now[32];
    iso_now(now);
    bool region = !strcmp(k->level, "region");
    if (db_begin(db, e)) return e->code;
    if (db_exec(db, e,
                "INSERT INTO series_annotations (level, unit_id, category_id, source, on_date, text, created_by, created_at) "
                "VALUES (:l, :u, :c, :s, :d, :t, :by, :now)",
                DB_ARGS(DB_TEXT(":l", k->level), region ? DB_NULL(":u") : DB_INT(":u", k->unit_id),
                        DB_INT(":c", k->category_id), DB_TEXT(":s", k->source), DB_TEXT(":d", date),
                        DB_TEXT(":t", text), DB_INT(":by", who->id), DB_TEXT(":now", now)))) {
        db_rollback(db);
        return e->code;
    }
    if (id) *id = db_int(db, e, "SELECT max(id) FROM series_annotations", NULL, 0);
    if (db_commit(db, e)) return e->code;
    return ERR_OK;
}

ErrCode series_set(Db *db, const Actor *who, const SeriesKey *k, long long freeze, const char *split_at, Err *e)
{
    if (!role_can_write(who->role)) return err_set(e, ERR_FORBIDDEN, "läsare kan inte ändra diagram");
    char *unit = NULL, *cat = NULL;
    PatternSource src;
    ErrCode rc = check_key(db, k, &src, &unit, &cat, e);
    free(unit), free(cat);
    if (rc) return rc;
    if (freeze < 0 || freeze > PATTERN_MAX_PERIODS)
        return err_set(e, ERR_INVALID, "Baslinje (fältet 'freeze'): ange 0–%d punkter.", PATTERN_MAX_PERIODS);
    if (!split_at) split_at = "";
    if (*split_at && (strlen(split_at) != 7 || !month_or_date(split_at)))
        return err_set(e, ERR_INVALID, "Dela vid (fältet 'split_at'): '%s' är inte en månad (ÅÅÅÅ-MM).", split_at);
    char now[32];
    iso_now(now);
    bool region = !strcmp(k->level, "region");
    long long u = region ? 0 : k->unit_id;
    if (db_begin(db, e)) return e->code;
    if (db_exec(db, e,
                "DELETE FROM series_settings WHERE level = :l AND coalesce(unit_id, 0) = :u AND category_id = :c AND source = :s",
                DB_ARGS(DB_TEXT(":l", k->level), DB_INT(":u", u), DB_INT(":c", k->category_id), DB_TEXT(":s", k->source))) ||
        ((freeze || *split_at) &&
         db_exec(db, e,
                 "INSERT INTO series_settings (level, unit_id, category_id, source, freeze, split_at, updated_by, updated_at) "
                 "VALUES (:l, :u, :c, :s, :f, :sp, :by, :now)",
                 DB_ARGS(DB_TEXT(":l", k->level), region ? DB_NULL(":u") : DB_INT(":u", u), DB_INT(":c", k->category_id),
                         DB_TEXT(":s", k->source), DB_INT(":f", freeze), DB_TEXT(":sp", split_at), DB_INT(":by", who->id),
                         DB_TEXT(":now", now))))) {
        db_rollback(db);
        return e->code;
    }
    return db_commit(db, e);
}

/* --- identity (core/series.h) --------------------------------------------------------------------- */

ErrCode series_key_check(Db *db, const SeriesKey *k, char **unit, char **category, Err *e)
{
    PatternSource src;
    *unit = *category = NULL;
    ErrCode rc = check_key(db, k, &src, unit, category, e);
    if (rc) {
        free(*unit), free(*category);
        *unit = *category = NULL;
    }
    return rc;
}

long long series_key_unit(const SeriesKey *k)
{
    return k->level && !strcmp(k->level, "region") ? 0 : k->unit_id;
}

const char *series_source_noun(const char *source)
{
    PatternSource s;
    return pattern_source_parse(source, &s) ? source_noun(s) : "";
}
