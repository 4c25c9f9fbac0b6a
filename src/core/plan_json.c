/*
 * plan_json.c — plans, trees, the summary pivot, indicator series and the
 * tertial report as JSON, shared by the API and the CLI's --json. The keys
 * are the contract of issue 5 (docs/api): fulfilment is "met", "partly",
 * "not_met" or null; numbers are JSON numbers, whole ones as integers.
 */
#include "core/plan_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

json_t *plan_number_json(double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 9e15) return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *fulfilment_json(Fulfilment f)
{
    const char *k = fulfilment_key(f);
    return k ? json_string(k) : json_null();
}

json_t *plan_to_json(const Plan *p)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:I}", "id", (json_int_t)p->id,
                     "key", p->key, "name", p->name, "kind", p->kind, "kind_label", plan_kind_name(p->kind),
                     "description", p->description, "organisation", p->organisation, "based_on",
                     p->based_on ? json_integer(p->based_on) : json_null(), "period_from", str_or_null(p->period_from),
                     "period_to", str_or_null(p->period_to), "tolerance_pct", plan_number_json(p->tolerance_pct),
                     "items", (json_int_t)p->items, "indicators", (json_int_t)p->indicators);
}

static json_t *counts_json(const Rollup *r)
{
    return json_pack("{s:i, s:i, s:i, s:i}", "met", r->met, "partly", r->partly, "not_met", r->not_met, "missing",
                     r->missing);
}

static json_t *point_json(const IndicatorPoint *p)
{
    char label[32];
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:s, s:o}", "period", p->text, "period_label",
                     period_label(p->period, label), "target",
                     p->has_target ? plan_number_json(p->target) : json_null(), "outcome",
                     p->has_outcome ? plan_number_json(p->outcome) : json_null(), "fulfilment",
                     fulfilment_json(p->fulfilment), "computed", fulfilment_json(p->computed), "overridden",
                     p->overridden, "comment", p->comment ? p->comment : "", "override_comment",
                     p->overridden ? json_string(p->override_comment ? p->override_comment : "") : json_null());
}

static json_t *node_json(const PlanNode *n)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o}", "id", (json_int_t)n->id,
                          "kind", n->kind, "kind_label", plan_kind_label(n->kind), "code", n->code, "title", n->title,
                          "description", n->description, "strategic_owner", n->strategic_owner, "assignment_owner",
                          n->assignment_owner, "status", str_or_null(n->status), "fulfilment_label",
                          fulfilment_label(n->rollup.level), "fulfilment", fulfilment_json(n->rollup.level), "counts",
                          counts_json(&n->rollup));
    json_object_set_new(o, "cases", json_integer((json_int_t)n->cases));
    json_object_set_new(o, "refers_to",
                        n->refers_to ? json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)n->refers_to, "code",
                                                 n->refers_to_code, "title", n->refers_to_title, "plan",
                                                 n->refers_to_plan)
                                     : json_null());
    if (n->is_indicator)
        json_object_set_new(o, "indicator",
                            json_pack("{s:s, s:s, s:s, s:o}", "unit", n->unit, "direction", direction_key(n->direction),
                                      "period_type", period_type_key(n->period_type), "point",
                                      n->has_point ? point_json(&n->point) : json_null()));
    return o;
}

static json_t *period_json(const PlanTree *t)
{
    char text[PERIOD_TEXT_MAX];
    return t->has_period ? json_string(period_format(t->period, text)) : json_null();
}

json_t *plan_tree_to_json(const PlanTree *t)
{
    json_t *top = json_array();
    json_t **objs = xcalloc(t->n ? t->n : 1, sizeof *objs);
    for (size_t i = 0; i < t->n; i++) {
        objs[i] = node_json(&t->nodes[i]);
        json_object_set_new(objs[i], "children", json_array());
        json_t *into = t->nodes[i].parent == SIZE_MAX ? top : json_object_get(objs[t->nodes[i].parent], "children");
        json_array_append_new(into, objs[i]); /* objs[i] stays valid: its parent holds it */
    }
    free(objs);
    Rollup all = {0};
    for (size_t i = 0; i < t->n; i++)
        if (t->nodes[i].parent == SIZE_MAX) rollup_merge(&all, &t->nodes[i].rollup);
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "plan", plan_to_json(&t->plan), "period", period_json(t),
                     "fulfilment", fulfilment_json(all.level), "counts", counts_json(&all), "items", top);
}

static json_t *summary_row_json(const PlanSummaryRow *r, bool area)
{
    json_t *o = json_pack("{s:i, s:i, s:i, s:i, s:i}", "delomraden", r->delomraden, "goals", r->goals, "activities",
                          r->activities, "indicators", r->indicators, "total", r->total);
    if (area) {
        json_object_set_new(o, "id", r->area_id ? json_integer(r->area_id) : json_null());
        json_object_set_new(o, "code", json_string(r->code));
        json_object_set_new(o, "title", json_string(r->title));
    }
    return o;
}

json_t *plan_summary_to_json(const PlanSummary *s)
{
    json_t *areas = json_array();
    for (size_t i = 0; i < s->n; i++) json_array_append_new(areas, summary_row_json(&s->rows[i], true));
    return json_pack("{s:o, s:o}", "areas", areas, "total", summary_row_json(&s->total, false));
}

json_t *indicator_series_to_json(const IndicatorSeries *s)
{
    json_t *points = json_array();
    for (size_t i = 0; i < s->n; i++) json_array_append_new(points, point_json(&s->points[i]));
    json_t *ind = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)s->id, "plan_id",
                            (json_int_t)s->plan_id, "plan", s->plan_name, "code", s->code, "title", s->title, "unit",
                            s->unit, "direction", direction_key(s->direction), "period_type",
                            period_type_key(s->period_type), "tolerance_pct", plan_number_json(s->tolerance_pct));
    return json_pack("{s:o, s:o}", "indicator", ind, "points", points);
}

/* "Samverkan › Gemensam målbild": the titles between the area and the item. */
static json_t *path_json(const PlanTree *t, size_t i)
{
    const PlanNode *chain[16];
    size_t k = 0;
    for (size_t p = t->nodes[i].parent; p != SIZE_MAX && k < 16; p = t->nodes[p].parent)
        if (t->nodes[p].parent != SIZE_MAX) chain[k++] = &t->nodes[p];
    json_t *a = json_array();
    while (k-- > 0)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "kind", chain[k]->kind, "code", chain[k]->code, "title",
                                           chain[k]->title));
    return a;
}

json_t *plan_report_to_json(const PlanTree *t)
{
    json_t *areas = json_array();
    json_t *outside = NULL;
    json_t **area_of = xcalloc(t->n ? t->n : 1, sizeof *area_of);
    Rollup all = {0};
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        if (n->parent == SIZE_MAX) {
            if (!strcmp(n->kind, "area")) {
                area_of[i] = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:[]}", "id", (json_int_t)n->id, "code",
                                       n->code, "title", n->title, "strategic_owner", n->strategic_owner,
                                       "assignment_owner", n->assignment_owner, "fulfilment",
                                       fulfilment_json(n->rollup.level), "counts", counts_json(&n->rollup),
                                       "indicators");
                json_array_append_new(areas, area_of[i]);
            } else {
                if (!outside) {
                    outside = json_pack("{s:n, s:s, s:s, s:s, s:s, s:[]}", "id", "code", "", "title", "Utan område",
                                        "strategic_owner", "", "assignment_owner", "", "indicators");
                    json_array_append_new(areas, outside);
                }
                area_of[i] = outside;
            }
            rollup_merge(&all, &n->rollup);
        } else {
            area_of[i] = area_of[n->parent];
        }
        if (!n->is_indicator) continue;
        json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)n->id, "code", n->code, "title",
                                n->title, "unit", n->unit, "direction", direction_key(n->direction), "path",
                                path_json(t, i));
        json_t *pt = n->has_point ? point_json(&n->point) : json_null();
        json_object_set_new(row, "point", pt);
        json_array_append_new(json_object_get(area_of[i], "indicators"), row);
    }
    if (outside) { /* its roll-up: every indicator in it */
        Rollup r = {0};
        for (size_t i = 0; i < t->n; i++)
            if (area_of[i] == outside && t->nodes[i].is_indicator)
                rollup_add(&r, t->nodes[i].has_point ? t->nodes[i].point.fulfilment : FUL_NONE);
        json_object_set_new(outside, "fulfilment", fulfilment_json(r.level));
        json_object_set_new(outside, "counts", counts_json(&r));
    }
    free(area_of);
    char label[32];
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "plan", plan_to_json(&t->plan), "period", period_json(t),
                     "period_label", t->has_period ? json_string(period_label(t->period, label)) : json_null(),
                     "fulfilment", fulfilment_json(all.level), "counts", counts_json(&all), "areas", areas);
}
