/*
 * series_json.c — one series as JSON (GET /api/v1/series): its counts, the
 * charted points with centre line, limits and signals, what users added
 * (annotations, frozen baseline, split) and the cases that concern it with
 * their decisions. The shape is documented in core/series.h.
 */
#include "core/series.h"

#include <math.h>

static json_t *number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *counts_json(const Series *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(a, json_pack("{s:s, s:o, s:o}", "period", s->labels[i], "count", number(s->counts[i]),
                                           "denominator", s->denom ? number(s->denom[i]) : json_null()));
    return a;
}

static json_t *points_json(const Series *s)
{
    json_t *a = json_array();
    if (!s->judged) return a;
    const SpcResult *res = &s->j.shewhart;
    for (size_t i = 0; i < res->n; i++) {
        const SpcOut *o = &res->points[i];
        json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o, s:o, s:b}", "x", o->x ? o->x : "", "y",
                                           number(o->y), "cl", number(o->cl), "lcl", number(o->lcl), "ucl",
                                           number(o->ucl), "signal", s->j.signal[i]));
    }
    return a;
}

static json_t *annotations_json(const Series *s)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->nnotes; i++) {
        const Annotation *n = &s->notes[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "date", n->date, "on", n->on, "text", n->text,
                                           "created_by", n->created_by));
    }
    return a;
}

static json_t *cases_json(const SeriesCase *c, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:b, s:b}", "id", (json_int_t)c[i].id, "ref", c[i].ref,
                                           "title", c[i].title, "from_pattern", c[i].from_pattern, "linked",
                                           c[i].linked));
    return a;
}

static json_t *decisions_json(const SeriesDecision *d, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "case", (json_int_t)d[i].case_id,
                                           "case_ref", d[i].case_ref, "body", d[i].body, "date", d[i].date,
                                           "paragraph", d[i].paragraph, "text", d[i].text, "label", d[i].label));
    return a;
}

json_t *series_to_json(const SeriesKey *k, const Series *s, const SeriesCase *cases, size_t ncases,
                       const SeriesDecision *dec, size_t ndec)
{
    json_t *settings = json_pack("{s:I, s:o}", "freeze", (json_int_t)s->freeze, "split_at",
                                 *s->split_at ? json_string(s->split_at) : json_null());
    bool judged = s->judged;
    return json_pack("{s:s, s:o, s:s, s:I, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "level",
                     k->level, "unit_id", series_key_unit(k) ? json_integer(k->unit_id) : json_null(), "unit", s->unit,
                     "category_id", (json_int_t)k->category_id, "category", s->category, "source", k->source, "title",
                     s->title, "judged", judged, "chart",
                     judged ? json_string(spc_chart_name(s->j.chart)) : json_null(), "rule",
                     judged && s->j.rule != RULE_NONE ? json_string(pattern_rule_key(s->j.rule)) : json_null(),
                     "counts", counts_json(s), "points", points_json(s), "annotations", annotations_json(s),
                     "settings", settings, "cases", cases_json(cases, ncases), "decisions", decisions_json(dec, ndec));
}
