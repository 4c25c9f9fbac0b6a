/*
 * plan_plan.c — plans themselves: listing, reading, creating, and the
 * plan-level tolerance that decides "delvis uppnått". Items live in
 * plan_item.c, values in plan_value.c. No HTTP, no argv, no printing.
 */
#include "core/plan_internal.h"
#include "core/freetext.h"
#include "base/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *kind, *name;
} plan_kinds[] = {
    {"strategi", "Strategi"},
    {"genomforandeplan", "Genomförandeplan"},
    {"verksamhetsplan", "Verksamhetsplan"},
    {"strategikarta", "Strategikarta"},
    {"plan", "Plan"},
};

bool plan_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof plan_kinds / sizeof *plan_kinds; i++)
        if (!strcmp(kind, plan_kinds[i].kind)) return true;
    return false;
}

const char *plan_kind_name(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof plan_kinds / sizeof *plan_kinds; i++)
        if (!strcmp(kind, plan_kinds[i].kind)) return plan_kinds[i].name;
    return "Plan";
}

#define PLAN_COLUMNS                                                                                             \
    "p.id, p.key, p.name, p.kind, p.description, p.organisation, COALESCE(p.based_on, 0), p.period_from, "      \
    "p.period_to, p.tolerance_pct, "                                                                             \
    "(SELECT count(*) FROM plan_items i WHERE i.plan_id = p.id), "                                               \
    "(SELECT count(*) FROM plan_items i WHERE i.plan_id = p.id AND i.kind = 'indicator')"

static void fill_plan(Stmt *st, void *el)
{
    Plan *p = el;
    p->id = stmt_int(st, 0);
    p->key = plan_col(st, 1);
    p->name = plan_col(st, 2);
    p->kind = plan_col(st, 3);
    p->description = plan_col(st, 4);
    p->organisation = plan_col(st, 5);
    p->based_on = stmt_int(st, 6);
    p->period_from = plan_col(st, 7);
    p->period_to = plan_col(st, 8);
    if (!plan_number_parse(stmt_text(st, 9), &p->tolerance_pct)) p->tolerance_pct = 0;
    p->items = stmt_int(st, 10);
    p->indicators = stmt_int(st, 11);
}

void plan_free(Plan *p)
{
    free(p->key);
    free(p->name);
    free(p->kind);
    free(p->description);
    free(p->organisation);
    free(p->period_from);
    free(p->period_to);
    memset(p, 0, sizeof *p);
}

static void release_plan(void *el)
{
    plan_free(el);
}

ErrCode plan_list(Db *db, Plan **out, size_t *n, Err *e)
{
    return db_rows(db, e, "SELECT " PLAN_COLUMNS " FROM plans p ORDER BY p.organisation, p.id", NULL, sizeof **out,
                   fill_plan, release_plan, (void **)out, n);
}

void plan_list_free(Plan *plans, size_t n)
{
    for (size_t i = 0; i < n; i++) plan_free(&plans[i]);
    free(plans);
}

ErrCode plan_get(Db *db, long long id, Plan *out, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    Plan *rows = NULL;
    size_t n = 0;
    if (db_rows(db, e, "SELECT " PLAN_COLUMNS " FROM plans p WHERE p.id = :id", DB_ARGS(DB_INT(":id", id)),
                sizeof *rows, fill_plan, release_plan, (void **)&rows, &n))
        return e->code;
    if (!n) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "planen %lld finns inte", id);
    }
    *out = rows[0];
    free(rows);
    return ERR_OK;
}

ErrCode plan_resolve(Db *db, const char *id_or_key, long long *id, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    long num;
    if (!id_or_key || !*id_or_key) return err_set(e, ERR_INVALID, "ange planens id eller nyckel");
    long long found;
    if (parse_long(id_or_key, &num) && num > 0)
        found = db_int(db, e, "SELECT id FROM plans WHERE id = :id", DB_ARGS(DB_INT(":id", num)), 0);
    else
        found = db_int(db, e, "SELECT id FROM plans WHERE key = :k", DB_ARGS(DB_TEXT(":k", id_or_key)), 0);
    if (e->code) return e->code;
    if (!found) return err_set(e, ERR_NOTFOUND, "planen '%s' finns inte", id_or_key);
    *id = found;
    return ERR_OK;
}

static bool key_valid(const char *k)
{
    if (!k || !*k || strlen(k) > PLAN_KEY_MAX) return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')) return false;
    return true;
}

static ErrCode check_period_text(const char *field, const char *s, Err *e)
{
    Period p;
    if (!s || !*s) return ERR_OK;
    if (period_parse(s, &p, e)) return err_prefix(e, ERR_OK, "%s: ", field);
    return ERR_OK;
}

static ErrCode check_tolerance(double pct, Err *e)
{
    if (!isfinite(pct) || pct < 0 || pct > 100)
        return err_set(e, ERR_INVALID, "toleransen för delvis uppnått ska vara 0–100 procent");
    return ERR_OK;
}

ErrCode plan_insert(Db *db, const PlanNew *in, long long *id, Err *e)
{
    const char *kind = in->kind && *in->kind ? in->kind : "plan";
    if (!key_valid(in->key))
        return err_set(e, ERR_INVALID, "nyckeln '%s' duger inte: använd a–z, 0–9, - och _ (högst %d tecken)",
                       in->key ? in->key : "", PLAN_KEY_MAX);
    if (freetext_check("Namn", in->name, PLAN_NAME_MAX, true, e) ||
        freetext_check("Beskrivning", in->description, PLAN_TEXT_MAX, false, e) ||
        freetext_check("Organisation", in->organisation, PLAN_OWNER_MAX, false, e) ||
        check_period_text("Från", in->period_from, e) || check_period_text("Till", in->period_to, e) ||
        check_tolerance(in->tolerance_pct, e))
        return e->code;
    if (!plan_kind_valid(kind))
        return err_set(e, ERR_INVALID,
                       "okänd plantyp '%s' (strategi, genomforandeplan, verksamhetsplan, strategikarta, plan)", kind);
    if (in->period_from && *in->period_from && in->period_to && *in->period_to) {
        Period a, b;
        period_parse(in->period_from, &a, e);
        period_parse(in->period_to, &b, e);
        if (period_compare(a, b) > 0)
            return err_set(e, ERR_INVALID, "planperioden slutar (%s) före den börjar (%s)", in->period_to,
                           in->period_from);
    }
    if (db_exists(db, e, "SELECT 1 FROM plans WHERE key = :k", DB_ARGS(DB_TEXT(":k", in->key))))
        return err_set(e, ERR_CONFLICT, "det finns redan en plan med nyckeln '%s'", in->key);
    if (e->code) return e->code;
    if (in->based_on && !db_exists(db, e, "SELECT 1 FROM plans WHERE id = :id", DB_ARGS(DB_INT(":id", in->based_on))))
        return e->code ? e->code : err_set(e, ERR_INVALID, "planen %lld som planen bygger på finns inte", in->based_on);
    char now[32], tol[32];
    iso_now(now);
    plan_number_format(in->tolerance_pct, tol);
    if (db_exec(db, e,
                "INSERT INTO plans (key, name, kind, description, organisation, based_on, period_from, period_to, "
                "tolerance_pct, created_at) VALUES (:k, :n, :kind, :d, :o, :b, :f, :t, :tol, :at)",
                DB_ARGS(DB_TEXT(":k", in->key), DB_TEXT(":n", in->name), DB_TEXT(":kind", kind),
                        DB_TEXT(":d", in->description ? in->description : ""),
                        DB_TEXT(":o", in->organisation ? in->organisation : ""),
                        in->based_on ? DB_INT(":b", in->based_on) : DB_NULL(":b"),
                        DB_TEXT(":f", in->period_from ? in->period_from : ""),
                        DB_TEXT(":t", in->period_to ? in->period_to : ""), DB_TEXT(":tol", tol), DB_TEXT(":at", now))))
        return e->code;
    *id = db_int(db, e, "SELECT id FROM plans WHERE key = :k", DB_ARGS(DB_TEXT(":k", in->key)), 0);
    return e->code;
}

ErrCode plan_create(Db *db, const PlanNew *in, long long *id, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    if (db_begin(db, e)) return e->code;
    if (plan_insert(db, in, id, e)) {
        db_rollback(db);
        return e->code;
    }
    return db_commit(db, e);
}

ErrCode plan_set_tolerance(Db *db, long long plan_id, double pct, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    if (check_tolerance(pct, e)) return e->code;
    char tol[32];
    plan_number_format(pct, tol);
    if (db_exec(db, e, "UPDATE plans SET tolerance_pct = :t WHERE id = :id",
                DB_ARGS(DB_TEXT(":t", tol), DB_INT(":id", plan_id))))
        return e->code;
    if (!db_changes(db)) return err_set(e, ERR_NOTFOUND, "planen %lld finns inte", plan_id);
    return ERR_OK;
}
