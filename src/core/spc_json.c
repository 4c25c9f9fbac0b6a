/*
 * spc_json.c — a computed chart as JSON, the one shape the CLI
 * (`lots spc`) and the API (POST /api/v1/spc) print:
 *   {"chart": "u",
 *    "points": [{"x", "y", "cl", "lcl", "ucl", "signal"}],
 *    "runs": {"useful", "longest", "longest_max", "crossings",
 *             "crossings_min", "signal"}}
 * A value that does not exist (a run chart's limits, the first moving range,
 * the runs figures of a series without useful points) is null. Numbers are
 * written by jansson with 17 significant digits, so nothing is rounded away.
 */
#include "core/spc.h"

#include <math.h>

static json_t *number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *point_json(const SpcOut *o)
{
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:b}", "x", o->x ? o->x : "", "y", number(o->y), "cl",
                     number(o->cl), "lcl", number(o->lcl), "ucl", number(o->ucl), "signal", o->signal);
}

static json_t *count(const SpcRuns *r, size_t v)
{
    return r->useful ? json_integer((json_int_t)v) : json_null();
}

static json_t *runs_json(const SpcRuns *r)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:b}", "useful", (json_int_t)r->useful, "longest",
                     count(r, r->longest), "longest_max", count(r, r->longest_max), "crossings",
                     count(r, r->crossings), "crossings_min", count(r, r->crossings_min), "signal", r->signal);
}

json_t *spc_result_to_json(const SpcResult *r)
{
    json_t *points = json_array();
    for (size_t i = 0; i < r->n; i++) json_array_append_new(points, point_json(&r->points[i]));
    return json_pack("{s:s, s:o, s:o}", "chart", spc_chart_name(r->chart), "points", points, "runs",
                     runs_json(&r->runs));
}
