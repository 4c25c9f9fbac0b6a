/*
 * plan_value.c — indicator values per period (target, outcome, follow-up
 * comment, an owner's override of the level) and the numbers in them.
 *
 * Numbers are stored as canonical decimal text in NUMERIC columns (see
 * migrations/0003_plans.sql) and parsed back here, so no engine's float
 * formatting reaches a user. The level is computed on reading, never stored.
 */
#include "core/plan_internal.h"
#include "core/freetext.h"
#include "base/text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- numbers ----------------------------------------------------------------------------- */

bool plan_number_parse(const char *s, double *out)
{
    if (!s) return false;
    char clean[64];
    size_t n = 0;
    int marks = 0, digits = 0;
    bool percent = false;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == ' ' || *p == '\t') {
            p++;
        } else if (p[0] == 0xc2 && p[1] == 0xa0) { /* no-break space */
            p += 2;
        } else if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf) { /* narrow no-break space (Excel, sv-SE) */
            p += 3;
        } else if (percent) {
            return false; /* something after the % sign */
        } else if (*p == '%') {
            percent = true;
            p++;
        } else if (*p >= '0' && *p <= '9') {
            if (n + 1 >= sizeof clean) return false;
            clean[n++] = (char)*p++;
            digits++;
        } else if (*p == '.' || *p == ',') {
            if (++marks > 1 || n + 1 >= sizeof clean) return false;
            clean[n++] = '.';
            p++;
        } else if ((*p == '-' || *p == '+' || (p[0] == 0xe2 && p[1] == 0x88 && p[2] == 0x92)) && n == 0) {
            clean[n++] = '-';
            if (*p == '+') clean[n - 1] = '+';
            p += *p == 0xe2 ? 3 : 1; /* U+2212 minus sign */
        } else {
            return false;
        }
    }
    clean[n] = '\0';
    if (!digits) return false;
    char *end = NULL;
    errno = 0;
    double v = strtod(clean, &end);
    if (errno || !end || *end || !isfinite(v)) return false;
    *out = v == 0 ? 0 : v; /* no negative zero */
    return true;
}

char *plan_number_format(double v, char out[32])
{
    if (!isfinite(v)) {
        snprintf(out, 32, "0");
        return out;
    }
    if (v == 0) v = 0;
    if (fabs(v) < 1e15 && v == floor(v)) {
        snprintf(out, 32, "%.0f", v);
        return out;
    }
    snprintf(out, 32, "%.15g", v);
    /* %.15g may still print 15 digits where 57.5 would do: take the shortest
     * that reads back the same. */
    for (int prec = 1; prec <= 15; prec++) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v) {
            memcpy(out, tmp, sizeof tmp);
            break;
        }
    }
    return out;
}

char *plan_number_format_sv(double v, char out[32])
{
    plan_number_format(v, out);
    char *dot = strchr(out, '.');
    if (dot) *dot = ',';
    return out;
}

char *plan_col(Stmt *st, int col)
{
    return xstrdup(stmt_text(st, col));
}

/* --- reading ----------------------------------------------------------------------------- */

ErrCode indicator_meta(Db *db, long long id, PeriodType *type, Direction *dir, double *tolerance_pct, Err *e)
{
    Stmt *st = db_query(db, e,
                        "SELECT d.period_type, d.direction, p.tolerance_pct FROM plan_indicators d "
                        "JOIN plan_items i ON i.id = d.item_id JOIN plans p ON p.id = i.plan_id "
                        "WHERE d.item_id = :id",
                        DB_ARGS(DB_INT(":id", id)));
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    if (rc == 1) {
        if (!period_type_parse(stmt_text(st, 0), type)) *type = PERIOD_TERTIAL;
        if (!direction_parse(stmt_text(st, 1), dir)) *dir = DIR_HIGHER;
        if (!plan_number_parse(stmt_text(st, 2), tolerance_pct)) *tolerance_pct = 0;
    }
    stmt_finalize(st);
    if (rc < 0) return e->code;
    if (rc == 0) return err_set(e, ERR_NOTFOUND, "indikatorn %lld finns inte", id);
    return ERR_OK;
}

void indicator_point_free(IndicatorPoint *p)
{
    free(p->comment);
    free(p->override_comment);
    p->comment = p->override_comment = NULL;
}

typedef struct {
    Direction dir;
    double tol;
} PointCtx;

static void fill_point(Stmt *st, void *el)
{
    IndicatorPoint *p = el;
    memset(p, 0, sizeof *p);
    Err ignored = ERR_INIT;
    if (period_parse(stmt_text(st, 0), &p->period, &ignored)) p->period = (Period){PERIOD_YEAR, 1000, 1};
    period_format(p->period, p->text);
    p->has_target = !stmt_is_null(st, 1) && plan_number_parse(stmt_text(st, 1), &p->target);
    p->has_outcome = !stmt_is_null(st, 2) && plan_number_parse(stmt_text(st, 2), &p->outcome);
    p->comment = plan_col(st, 3);
    if (stmt_is_null(st, 4) || !fulfilment_parse(stmt_text(st, 4), &p->override)) p->override = FUL_NONE;
    p->override_comment = plan_col(st, 5);
}

static void release_point(void *el)
{
    indicator_point_free(el);
}

static int point_cmp(const void *a, const void *b)
{
    return period_compare(((const IndicatorPoint *)a)->period, ((const IndicatorPoint *)b)->period);
}

ErrCode indicator_points_load(Db *db, long long id, Direction dir, double tolerance_pct, IndicatorPoint **out,
                              size_t *n, Err *e)
{
    if (db_rows(db, e,
                "SELECT period, target, outcome, comment, override, override_comment FROM indicator_values "
                "WHERE indicator_id = :id ORDER BY period_start, period",
                DB_ARGS(DB_INT(":id", id)), sizeof **out, fill_point, release_point, (void **)out, n))
        return e->code;
    if (*n > 1) qsort(*out, *n, sizeof **out, point_cmp);
    for (size_t i = 0; i < *n; i++) {
        IndicatorPoint *p = &(*out)[i];
        p->computed = p->has_target && p->has_outcome
                          ? fulfilment_compute(dir, tolerance_pct, p->target, p->outcome)
                          : FUL_NONE;
        p->overridden = p->override != FUL_NONE;
        p->fulfilment = p->overridden ? p->override : p->computed;
    }
    return ERR_OK;
}

static void fill_series_head(Stmt *st, void *el)
{
    IndicatorSeries *s = el;
    s->id = stmt_int(st, 0);
    s->plan_id = stmt_int(st, 1);
    s->plan_name = plan_col(st, 2);
    s->code = plan_col(st, 3);
    s->title = plan_col(st, 4);
    s->unit = plan_col(st, 5);
    if (!direction_parse(stmt_text(st, 6), &s->direction)) s->direction = DIR_HIGHER;
    if (!period_type_parse(stmt_text(st, 7), &s->period_type)) s->period_type = PERIOD_TERTIAL;
    if (!plan_number_parse(stmt_text(st, 8), &s->tolerance_pct)) s->tolerance_pct = 0;
}

static void release_series_head(void *el)
{
    indicator_series_free(el);
}

ErrCode indicator_series(Db *db, long long id, IndicatorSeries *out, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    memset(out, 0, sizeof *out);
    IndicatorSeries *rows = NULL;
    size_t n = 0;
    if (db_rows(db, e,
                "SELECT i.id, p.id, p.name, i.code, i.title, d.unit, d.direction, d.period_type, p.tolerance_pct "
                "FROM plan_items i JOIN plan_indicators d ON d.item_id = i.id JOIN plans p ON p.id = i.plan_id "
                "WHERE i.id = :id",
                DB_ARGS(DB_INT(":id", id)), sizeof *rows, fill_series_head, release_series_head, (void **)&rows, &n))
        return e->code;
    if (!n) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "indikatorn %lld finns inte", id);
    }
    *out = rows[0];
    free(rows);
    if (indicator_points_load(db, id, out->direction, out->tolerance_pct, &out->points, &out->n, e)) {
        indicator_series_free(out);
        return e->code;
    }
    return ERR_OK;
}

void indicator_series_free(IndicatorSeries *s)
{
    free(s->plan_name);
    free(s->code);
    free(s->title);
    free(s->unit);
    for (size_t i = 0; i < s->n; i++) indicator_point_free(&s->points[i]);
    free(s->points);
    memset(s, 0, sizeof *s);
}

/* --- writing ----------------------------------------------------------------------------- */

/* The stored row of one period, as text (NULL where the column is NULL). */
typedef struct {
    bool exists;
    char *target, *outcome, *comment, *override, *override_comment;
} ValueRow;

static void value_row_free(ValueRow *v)
{
    free(v->target);
    free(v->outcome);
    free(v->comment);
    free(v->override);
    free(v->override_comment);
}

static char *col_or_null(Stmt *st, int col)
{
    return stmt_is_null(st, col) ? NULL : plan_col(st, col);
}

static ErrCode value_row_read(Db *db, long long id, const char *period, ValueRow *v, Err *e)
{
    memset(v, 0, sizeof *v);
    Stmt *st = db_query(db, e,
                        "SELECT target, outcome, comment, override, override_comment FROM indicator_values "
                        "WHERE indicator_id = :id AND period = :p",
                        DB_ARGS(DB_INT(":id", id), DB_TEXT(":p", period)));
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    if (rc == 1) {
        v->exists = true;
        v->target = col_or_null(st, 0);
        v->outcome = col_or_null(st, 1);
        v->comment = plan_col(st, 2);
        v->override = col_or_null(st, 3);
        v->override_comment = plan_col(st, 4);
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

static void edit_number(ValueEdit how, double v, char **slot)
{
    if (how == EDIT_KEEP) return;
    free(*slot);
    *slot = NULL;
    if (how == EDIT_SET) {
        char buf[32];
        *slot = xstrdup(plan_number_format(v, buf));
    }
}

static void edit_text(ValueEdit how, const char *v, char **slot)
{
    if (how == EDIT_KEEP) return;
    free(*slot);
    *slot = how == EDIT_SET && v ? trim_dup(v) : xstrdup("");
}

static ErrCode check_edit(const IndicatorValueEdit *in, PeriodType type, Err *e)
{
    char ptext[PERIOD_TEXT_MAX];
    if (!period_valid(in->period)) return err_set(e, ERR_INVALID, "ogiltig period");
    if (in->period.type != type)
        return err_set(e, ERR_INVALID, "perioden '%s' är %s %s men indikatorn följs upp per %s",
                       period_format(in->period, ptext), in->period.type == PERIOD_MONTH ? "en" : "ett",
                       period_type_label(in->period.type), period_type_label(type));
    if ((in->target_edit == EDIT_SET && !isfinite(in->target)) ||
        (in->outcome_edit == EDIT_SET && !isfinite(in->outcome)))
        return err_set(e, ERR_INVALID, "målvärde och utfall ska vara tal");
    if (in->comment_edit == EDIT_SET && freetext_check("Kommentar", in->comment, PLAN_COMMENT_MAX, false, e))
        return e->code;
    if (in->override_edit == EDIT_SET) {
        if (in->override == FUL_NONE)
            return err_set(e, ERR_INVALID, "bedömningen ska vara uppnått, delvis uppnått eller ej uppnått");
        if (freetext_check("Kommentar till bedömningen", in->override_comment, PLAN_COMMENT_MAX, true, e))
        {
            size_t n = strlen(e->msg);
            snprintf(e->msg + n, sizeof e->msg - n, " (den som ändrar måluppfyllelsen motiverar det)");
            return e->code;
        }
    }
    return ERR_OK;
}

ErrCode indicator_value_write(Db *db, const IndicatorValueEdit *in, Err *e)
{
    PeriodType type;
    Direction dir;
    double tol;
    if (indicator_meta(db, in->indicator_id, &type, &dir, &tol, e)) return e->code;
    if (check_edit(in, type, e)) return e->code;
    char ptext[PERIOD_TEXT_MAX], start[11], now[32];
    period_format(in->period, ptext);
    period_start_date(in->period, start);
    iso_now(now);
    ValueRow v;
    if (value_row_read(db, in->indicator_id, ptext, &v, e)) return e->code;
    edit_number(in->target_edit, in->target, &v.target);
    edit_number(in->outcome_edit, in->outcome, &v.outcome);
    edit_text(in->comment_edit, in->comment, &v.comment);
    if (in->override_edit != EDIT_KEEP) {
        free(v.override);
        v.override = in->override_edit == EDIT_SET ? xstrdup(fulfilment_key(in->override)) : NULL;
        edit_text(in->override_edit, in->override_comment, &v.override_comment);
    }
    bool empty = !v.target && !v.outcome && (!v.comment || !*v.comment) && !v.override;
    ErrCode rc;
    DbArg args[] = {
        DB_INT(":id", in->indicator_id),
        DB_TEXT(":p", ptext),
        DB_TEXT(":s", start),
        v.target ? DB_TEXT(":t", v.target) : DB_NULL(":t"),
        v.outcome ? DB_TEXT(":o", v.outcome) : DB_NULL(":o"),
        DB_TEXT(":c", v.comment ? v.comment : ""),
        v.override ? DB_TEXT(":ov", v.override) : DB_NULL(":ov"),
        DB_TEXT(":oc", v.override_comment ? v.override_comment : ""),
        in->by ? DB_INT(":by", in->by) : DB_NULL(":by"),
        DB_TEXT(":at", now),
        {NULL, DBA_END, NULL, 0},
    };
    if (empty)
        rc = v.exists ? db_exec(db, e, "DELETE FROM indicator_values WHERE indicator_id = :id AND period = :p",
                                DB_ARGS(DB_INT(":id", in->indicator_id), DB_TEXT(":p", ptext)))
                      : ERR_OK;
    else if (v.exists)
        rc = db_exec(db, e,
                     "UPDATE indicator_values SET period_start = :s, target = :t, outcome = :o, comment = :c, "
                     "override = :ov, override_comment = :oc, updated_by = :by, updated_at = :at "
                     "WHERE indicator_id = :id AND period = :p",
                     args);
    else
        rc = db_exec(db, e,
                     "INSERT INTO indicator_values (indicator_id, period, period_start, target, outcome, comment, "
                     "override, override_comment, updated_by, updated_at) "
                     "VALUES (:id, :p, :s, :t, :o, :c, :ov, :oc, :by, :at)",
                     args);
    value_row_free(&v);
    return rc;
}

ErrCode indicator_value_set(Db *db, const IndicatorValueEdit *in, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    if (db_begin(db, e)) return e->code;
    if (indicator_value_write(db, in, e)) {
        db_rollback(db);
        return e->code;
    }
    return db_commit(db, e);
}
