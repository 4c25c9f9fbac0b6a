/*
 * api_plans.c — the JSON API for plans and indicators:
 *   GET /api/v1/plans                         the plans
 *   GET /api/v1/plans/{id}/tree[?period=P]    nested items, owners, rolled-up fulfilment
 *   GET /api/v1/plans/{id}/summary            the pivot: per area delomraden, activities, indicators, total
 *   GET /api/v1/plans/{id}/report?period=P    the tertial report: every indicator in P, by area
 *   GET /api/v1/plans/{id}/export.xlsx        the follow-up as an Excel workbook
 *   GET /api/v1/plans/{id}/export.csv         … and as CSV (the import's format)
 *   GET /api/v1/indicators/{id}/series        target, outcome, fulfilment per period, in order
 * {id} of a plan is its number or its key ("regionhalsan"). Shapes come from
 * core/plan_json.c; here only parsing, calling core and answering.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/plan.h"

/* The plan named by the first {…} segment, or a 404 naming it. */
static bool plan_or_reply(Request *r, long long *id)
{
    Err e = ERR_INIT;
    if (plan_resolve(r->db, r->args[0], id, &e)) {
        reply_error(r, 404, arena_printf(&r->arena, "Planen '%s' finns inte.", r->args[0]));
        return false;
    }
    return true;
}

/* ?period=… as a period; absent: *has = false (unless required: 400). */
static bool period_or_reply(Request *r, Presence p, Period *out, bool *has)
{
    const char *s = query_param(r, "period");
    *has = false;
    if (!s || !*s) {
        if (p == REQUIRED) {
            reply_error(r, 400, "Ange perioden, t.ex. ?period=2024-T1.");
            return false;
        }
        return true;
    }
    Err e = ERR_INIT;
    if (period_parse(s, out, &e)) {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet 'period': %s.", e.msg));
        return false;
    }
    *has = true;
    return true;
}

/* Answers with a file made by core (not HTML): the buffer becomes the body. */
static void reply_file(Request *r, Buf *body, const char *content_type)
{
    buf_free(&r->out);
    r->out = *body;
    *body = (Buf)BUF_INIT;
    r->status = 200;
    r->content_type = content_type;
}

void api_plans_list(Request *r)
{
    Plan *p;
    size_t n;
    Err e = ERR_INIT;
    if (plan_list(r->db, &p, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, plan_to_json(&p[i]));
    plan_list_free(p, n);
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* Loads the tree for the tree, summary and report answers. */
static bool tree_or_reply(Request *r, Presence period, PlanTree *t)
{
    long long id;
    Period p;
    bool has;
    if (!plan_or_reply(r, &id) || !period_or_reply(r, period, &p, &has)) return false;
    Err e = ERR_INIT;
    if (plan_tree_load(r->db, id, has ? &p : NULL, t, &e)) {
        reply_err(r, &e);
        return false;
    }
    return true;
}

void api_plan_tree(Request *r)
{
    PlanTree t;
    if (!tree_or_reply(r, OPTIONAL, &t)) return;
    json_t *j = plan_tree_to_json(&t);
    plan_tree_free(&t);
    reply_json(r, 200, j);
}

void api_plan_summary(Request *r)
{
    PlanTree t;
    if (!tree_or_reply(r, OPTIONAL, &t)) return;
    PlanSummary s;
    plan_summary(&t, &s);
    json_t *j = plan_summary_to_json(&s);
    json_object_set_new(j, "plan", plan_to_json(&t.plan));
    plan_summary_free(&s);
    plan_tree_free(&t);
    reply_json(r, 200, j);
}

void api_plan_report(Request *r)
{
    PlanTree t;
    if (!tree_or_reply(r, REQUIRED, &t)) return;
    json_t *j = plan_report_to_json(&t);
    plan_tree_free(&t);
    reply_json(r, 200, j);
}

void api_plan_export_xlsx(Request *r)
{
    long long id;
    if (!plan_or_reply(r, &id)) return;
    Err e = ERR_INIT;
    Buf b = BUF_INIT;
    if (plan_export_xlsx_buf(r->db, id, &b, &e)) {
        buf_free(&b);
        reply_err(r, &e);
        return;
    }
    reply_file(r, &b, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void api_plan_export_csv(Request *r)
{
    long long id;
    if (!plan_or_reply(r, &id)) return;
    Err e = ERR_INIT;
    Buf b = BUF_INIT;
    if (plan_export_csv(r->db, id, &b, &e)) {
        buf_free(&b);
        reply_err(r, &e);
        return;
    }
    reply_file(r, &b, "text/csv; charset=utf-8");
}

void api_indicator_series(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    IndicatorSeries s;
    Err e = ERR_INIT;
    if (indicator_series(r->db, id, &s, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = indicator_series_to_json(&s);
    indicator_series_free(&s);
    reply_json(r, 200, j);
}
