/*
 * pattern_read.c — reading stored patterns, their JSON shape, and the events
 * behind a pattern (found again by query: the unit, or the förvaltning's
 * subtree, or the region × category × the pattern's months or weeks).
 * Must not: change anything.
 */
#include "core/pattern_internal.h"
#include "base/buf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PATTERN_COLUMNS                                                                                              \
    "p.id, p.level, coalesce(p.unit_id, 0), coalesce(u.name, ''), p.category_id, c.name, p.source, p.period, "       \
    "p.chart, p.rule, p.rules, p.signal_periods, p.strength, p.first_period, p.last_period, p.since_period, "        \
    "p.events, p.centre, p.lcl, p.ucl, p.detected_at, coalesce(p.case_id, 0), coalesce(k.ref, ''), "                 \
    "coalesce(k.process, ''), coalesce(k.step, ''), p.also_period, p.also_rule, p.also_strength "                                                                 \
    "FROM patterns p JOIN event_categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.unit_id "         \
    "LEFT JOIN cases k ON k.id = p.case_id "

typedef struct {
    Pattern p;
    char *process, *step;
} Row;

static double real_of(Stmt *st, int col)
{
    return stmt_is_null(st, col) ? NAN : strtod(stmt_text(st, col), NULL);
}

static void fill(Stmt *st, void *el)
{
    Row *r = el;
    Pattern *p = &r->p;
    p->id = stmt_int(st, 0);
    p->level = xstrdup(stmt_text(st, 1));
    p->unit_id = stmt_int(st, 2);
    p->unit = xstrdup(!strcmp(p->level, "region") ? "Hela regionen" : stmt_text(st, 3));
    p->category_id = stmt_int(st, 4);
    p->category = xstrdup(stmt_text(st, 5));
    p->source = xstrdup(stmt_text(st, 6));
    p->period = xstrdup(stmt_text(st, 7));
    p->chart = xstrdup(stmt_text(st, 8));
    p->rule = xstrdup(stmt_text(st, 9));
    p->rules = xstrdup(stmt_text(st, 10));
    p->signal_periods = xstrdup(stmt_text(st, 11));
    p->strength = real_of(st, 12);
    p->first_period = xstrdup(stmt_text(st, 13));
    p->last_period = xstrdup(stmt_text(st, 14));
    p->since_period = xstrdup(stmt_text(st, 15));
    p->events = stmt_int(st, 16);
    p->centre = real_of(st, 17);
    p->lcl = real_of(st, 18);
    p->ucl = real_of(st, 19);
    p->detected_at = xstrdup(stmt_text(st, 20));
    p->case_id = stmt_int(st, 21);
    p->case_ref = xstrdup(stmt_text(st, 22));
    r->process = xstrdup(stmt_text(st, 23));
    r->step = xstrdup(stmt_text(st, 24));
    p->also_period = xstrdup(stmt_text(st, 25));
    p->also_rule = xstrdup(stmt_text(st, 26));
    p->also_strength = real_of(st, 27);
}

void pattern_free(Pattern *p)
{
    if (!p) return;
    free(p->level), free(p->unit), free(p->category), free(p->source), free(p->period), free(p->chart);
    free(p->rule), free(p->rules), free(p->signal_periods), free(p->first_period), free(p->last_period);
    free(p->since_period), free(p->detected_at), free(p->case_ref), free(p->also_period), free(p->also_rule);
    memset(p, 0, sizeof *p);
}

static void release(void *el)
{
    Row *r = el;
    pattern_free(&r->p);
    free(r->process), free(r->step);
}

void pattern_list_free(Pattern *p, size_t n)
{
    for (size_t i = 0; i < n; i++) pattern_free(&p[i]);
    free(p);
}

static bool case_open(const ProcessSet *ps, const Row *r)
{
    if (!r->p.case_id) return false;
    const ProcessDef *def = process_find(ps, r->process);
    const Step *step = def ? process_step(def, r->step) : NULL;
    return !(step && step->kind == STEP_FINAL);
}

ErrCode pattern_list(Db *db, const ProcessSet *ps, Pattern **out, size_t *n, Err *e)
{
    Row *rows;
    size_t nr;
    *out = NULL;
    *n = 0;
    if (db_rows(db, e, "SELECT " PATTERN_COLUMNS "ORDER BY p.strength DESC, p.id", NULL, sizeof(Row), fill, release,
                (void **)&rows, &nr))
        return e->code;
    Pattern *ps_out = calloc(nr + 1, sizeof *ps_out);
    size_t k = 0;
    for (size_t i = 0; i < nr; i++) {
        rows[i].p.case_open = case_open(ps, &rows[i]);
        if (rows[i].p.case_id && !rows[i].p.case_open) {
            release(&rows[i]);
            continue;
        }
        ps_out[k++] = rows[i].p;
        free(rows[i].process), free(rows[i].step);
    }
    free(rows);
    *out = ps_out;
    *n = k;
    return ERR_OK;
}

ErrCode pattern_get(Db *db, const ProcessSet *ps, long long id, Pattern *out, Err *e)
{
    Row *rows;
    size_t nr;
    memset(out, 0, sizeof *out);
    if (db_rows(db, e, "SELECT " PATTERN_COLUMNS "WHERE p.id = :id", DB_ARGS(DB_INT(":id", id)), sizeof(Row), fill,
                release, (void **)&rows, &nr))
        return e->code;
    if (!nr) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "okänt mönster %lld", id);
    }
    rows[0].p.case_open = case_open(ps, &rows[0]);
    *out = rows[0].p;
    free(rows[0].process), free(rows[0].step);
    for (size_t i = 1; i < nr; i++) release(&rows[i]);
    free(rows);
    return ERR_OK;
}

static json_t *real_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

const char *pattern_period_phrase(const char *period)
{
    SeriesPeriod per = SERIES_MONTH;
    series_period_parse(period, &per);
    return series_period_label(per);
}

json_t *pattern_to_json(const Pattern *p)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(p->id));
    json_object_set_new(j, "level", json_string(p->level));
    json_object_set_new(j, "unit_id", p->unit_id ? json_integer(p->unit_id) : json_null());
    json_object_set_new(j, "unit", json_string(p->unit));
    json_object_set_new(j, "category_id", json_integer(p->category_id));
    json_object_set_new(j, "category", json_string(p->category));
    json_object_set_new(j, "source", json_string(p->source));
    json_object_set_new(j, "period", json_string(p->period));
    json_object_set_new(j, "period_label", json_string(pattern_period_phrase(p->period)));
    json_object_set_new(j, "chart", json_string(p->chart));
    json_object_set_new(j, "rule", json_string(p->rule));
    json_object_set_new(j, "rule_label", json_string(pattern_rule_label(pattern_rule_parse(p->rule))));
    json_object_set_new(j, "rules", json_string(p->rules));
    json_object_set_new(j, "signal_periods", json_string(p->signal_periods));
    json_object_set_new(j, "strength", json_real(p->strength));
    json_object_set_new(j, "also", *p->also_period ? json_pack("{s:s,s:s,s:s,s:s,s:o}", "period", p->also_period,
                                                                  "period_label", pattern_period_phrase(p->also_period),
                                                                  "rule", p->also_rule, "rule_label",
                                                                  pattern_rule_label(pattern_rule_parse(p->also_rule)),
                                                                  "strength", real_or_null(p->also_strength))
                                                      : json_null());
    json_object_set_new(j, "first_period", json_string(p->first_period));
    json_object_set_new(j, "last_period", json_string(p->last_period));
    json_object_set_new(j, "since_period", json_string(p->since_period));
    json_object_set_new(j, "events", json_integer(p->events));
    json_object_set_new(j, "centre", real_or_null(p->centre));
    json_object_set_new(j, "lcl", real_or_null(p->lcl));
    json_object_set_new(j, "ucl", real_or_null(p->ucl));
    json_object_set_new(j, "detected_at", json_string(p->detected_at));
    json_object_set_new(j, "case", p->case_id ? json_integer(p->case_id) : json_null());
    json_object_set_new(j, "case_ref", *p->case_ref ? json_string(p->case_ref) : json_null());
    return j;
}

/* --- the events behind a pattern --------------------------------------------------------------- */

static void fill_event(Stmt *st, void *el)
{
    PatternEvent *v = el;
    snprintf(v->kind, sizeof v->kind, "%s", stmt_text(st, 0));
    v->id = stmt_int(st, 1);
    v->ref = xstrdup(stmt_text(st, 2));
    v->date = xstrdup(stmt_text(st, 3));
    v->unit = xstrdup(stmt_text(st, 4));
    v->description = xstrdup(stmt_text(st, 5));
}

static void release_event(void *el)
{
    PatternEvent *v = el;
    free(v->ref), free(v->date), free(v->unit), free(v->description);
}

void pattern_events_free(PatternEvent *ev, size_t n)
{
    for (size_t i = 0; i < n; i++) release_event(&ev[i]);
    free(ev);
}

ErrCode pattern_events(Db *db, const Pattern *p, PatternEvent **out, size_t *n, Err *e)
{
    PatternSource s;
    *out = NULL;
    *n = 0;
    if (!pattern_source_parse(p->source, &s)) return err_set(e, ERR_INVALID, "okänd källa '%s'", p->source);
    SeriesPeriod per = SERIES_MONTH;
    series_period_parse(p->period, &per);
    const char *t = pattern_source_table[s], *m = pattern_source_period(per, s), *d = pattern_source_date[s];
    const char *where = !strcmp(p->level, "unit")          ? "t.unit_id = :unit"
                        : !strcmp(p->level, "förvaltning") ? "t.unit_id IN (SELECT id FROM sub)"
                                                           : "1 = 1";
    Buf sql = BUF_INIT;
    buf_printf(&sql,
               "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = :unit "
               "UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) "
               "SELECT '%s', t.id, t.ref, t.%s, u.name, t.description FROM %s t JOIN units u ON u.id = t.unit_id "
               "WHERE %s AND t.category_id = :cat AND t.%s BETWEEN :a AND :b ORDER BY t.%s, t.id",
               s == SRC_DEVIATIONS ? "deviation" : "complaint", d, t, where, m, d);
    ErrCode rc = db_rows(db, e, buf_cstr(&sql),
                         DB_ARGS(DB_INT(":unit", p->unit_id), DB_INT(":cat", p->category_id),
                                 DB_TEXT(":a", p->since_period), DB_TEXT(":b", p->last_period)),
                         sizeof(PatternEvent), fill_event, release_event, (void **)out, n);
    buf_free(&sql);
    return rc;
}
