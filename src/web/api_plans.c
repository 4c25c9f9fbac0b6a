/*
 * api_plans.c — the JSON API for plans and indicators:
 *   GET /api/v1/plans                         the plans
 *   POST /api/v1/plans/import                 plans and their trees from CSV (text/csv body), all or
 *                                             nothing → {plans_new, items_new, items_updated,
 *                                             items_unchanged}; 400 naming the first bad line
 *   GET /api/v1/plans/{id}/tree[?period=P]    nested items, owners, rolled-up fulfilment
 *   GET /api/v1/plans/{id}/summary            the pivot: per area delomraden, activities, indicators, total
 *   GET /api/v1/plans/{id}/report?period=P    the tertial report: every indicator in P, by area
 *   GET /api/v1/plans/{id}/export.xlsx        the follow-up as an Excel workbook
 *   GET /api/v1/plans/{id}/export.csv         … and as CSV (the import's format)
 *   GET /api/v1/indicators/{id}/series        target, outcome, fulfilment per period, in order
 *   POST /api/v1/indicators/{id}/values       one period's values {period, target, outcome, comment,
 *                                             override, override_comment}: a field left out keeps
 *                                             what is stored, null removes it; answers the series
 * {id} of a plan is its number or its key ("regionhalsan"). Shapes come from
 * core/plan_json.c; here only parsing, calling core and answering.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/plan.h"

#include <string.h>

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

void api_plans_import(Request *r)
{
    PlanStructureCounts c;
    Err e = ERR_INIT;
    if (!r->body || !r->body_len) {
        reply_error(r, 400, "Skicka CSV-filen som kropp (Content-Type: text/csv).");
        return;
    }
    if (plan_structure_import(r->db, r->body, r->body_len, &c, &e)) {
        /* a bad file is the client's fault whatever core calls it */
        reply_error(r, e.code == ERR_INTERNAL ? 500 : 400, arena_printf(&r->arena, "%s – inget har importerats.", e.msg));
        return;
    }
    reply_json(r, 200,
               json_pack("{s:i, s:i, s:i, s:i}", "plans_new", c.plans_new, "items_new", c.items_new, "items_updated",
                         c.items_updated, "items_unchanged", c.items_unchanged));
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

/* --- POST /api/v1/indicators/{id}/values ------------------------------------------------------- */

static bool refuse_field(Request *r, const char *field, const char *what)
{
    reply_error(r, 400, arena_printf(&r->arena, "Fältet '%s' måste vara %s.", field, what));
    return false;
}

/* A number field: absent keeps, null removes, a number (or a text such as
 * "85,5") sets. */
static bool number_or_reply(Request *r, const json_t *j, const char *field, ValueEdit *edit, double *v)
{
    const json_t *x = json_object_get(j, field);
    *edit = !x ? EDIT_KEEP : json_is_null(x) ? EDIT_CLEAR : EDIT_SET;
    if (*edit != EDIT_SET) return true;
    if (json_is_number(x)) *v = json_number_value(x);
    else if (!json_is_string(x) || !plan_number_parse(json_string_value(x), v))
        return refuse_field(r, field, "ett tal (85 eller \"85,5\") eller null");
    return true;
}

/* A text field: absent keeps, null removes, a string sets. */
static bool text_or_reply(Request *r, const json_t *j, const char *field, ValueEdit *edit, const char **v)
{
    const json_t *x = json_object_get(j, field);
    *edit = !x ? EDIT_KEEP : json_is_null(x) ? EDIT_CLEAR : EDIT_SET;
    *v = NULL;
    if (*edit != EDIT_SET) return true;
    if (!json_is_string(x)) return refuse_field(r, field, "en text eller null");
    *v = arena_strdup(&r->arena, json_string_value(x));
    return true;
}

static bool edit_or_reply(Request *r, const json_t *j, IndicatorValueEdit *v)
{
    const char *ptext, *level;
    ValueEdit level_edit, oc_edit;
    if (!json_str_or_reply(r, j, "period", REQUIRED, &ptext)) return false;
    Err e = ERR_INIT;
    if (period_parse(ptext, &v->period, &e)) {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet 'period': %s.", e.msg));
        return false;
    }
    if (!number_or_reply(r, j, "target", &v->target_edit, &v->target) ||
        !number_or_reply(r, j, "outcome", &v->outcome_edit, &v->outcome) ||
        !text_or_reply(r, j, "comment", &v->comment_edit, &v->comment) ||
        !text_or_reply(r, j, "override", &level_edit, &level) ||
        !text_or_reply(r, j, "override_comment", &oc_edit, &v->override_comment))
        return false;
    v->override_edit = level_edit;
    if (level_edit == EDIT_SET && !fulfilment_parse(level, &v->override))
        return refuse_field(r, "override", "met, partly, not_met eller null (beräknad)");
    if (level_edit != EDIT_SET && oc_edit == EDIT_SET)
        return refuse_field(r, "override_comment", "utelämnat när 'override' inte sätts (motiveringen hör till bedömningen)");
    return true;
}

void api_indicator_values(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    IndicatorSeries s;
    Err e = ERR_INIT;
    if (indicator_series(r->db, id, &s, &e)) { /* an unknown indicator is a 404 whatever the body says */
        reply_err(r, &e);
        return;
    }
    indicator_series_free(&s);
    json_t *j = json_body_or_reply(r);
    IndicatorValueEdit v = {.indicator_id = id, .by = r->user.id};
    bool ok = j && edit_or_reply(r, j, &v);
    json_decref(j);
    if (!ok) return;
    if (indicator_value_set(r->db, &v, &e)) {
        reply_err(r, &e);
        return;
    }
    api_indicator_series(r);
}
