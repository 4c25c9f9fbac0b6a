/*
 * api_spc.c — POST /api/v1/spc: a series in, the computed control chart
 * out, the same JSON as `lots spc` (core/spc.h, core/spc_json.c).
 *
 * Body: {"chart": "u", "freeze": 12?, "screen_mr": true?,
 *        "points": [{"x": "2024-01", "y": 4, "n": 2300?}, …]}
 * x is a text (a number is taken as its text; absent: the point's number);
 * y is a number, or null for a missing value (a gap); n is the denominator
 * of u, up, p and pp. Bad input is answered 400 naming the field or the
 * point ("points[3].n saknas (krävs för u-diagram)", 0-based as in the
 * JSON). Parsing and answering only: stores nothing, computes nothing here.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/spc.h"

#include <limits.h>
#include <math.h>

static bool bad_point(Request *r, size_t i, const char *field, const char *why)
{
    reply_error(r, 400, arena_printf(&r->arena, "points[%zu].%s %s", i, field, why));
    return false;
}

static bool chart_or_reply(Request *r, const json_t *body, SpcChart *chart)
{
    const char *name;
    if (!json_str_or_reply(r, body, "chart", REQUIRED, &name)) return false;
    if (spc_chart_parse(name, chart)) return true;
    reply_error(r, 400, arena_printf(&r->arena, "Fältet 'chart' måste vara en av %s; '%s' finns inte.",
                                     spc_chart_names(), name));
    return false;
}

static bool options_or_reply(Request *r, const json_t *body, SpcOptions *opt)
{
    long long freeze = 0;
    if (!json_int_or_reply(r, body, "freeze", OPTIONAL, 1, LLONG_MAX, &freeze)) return false;
    const json_t *screen = json_object_get(body, "screen_mr");
    if (screen && !json_is_null(screen) && !json_is_boolean(screen)) {
        reply_error(r, 400, "Fältet 'screen_mr' måste vara true eller false.");
        return false;
    }
    *opt = (SpcOptions){(size_t)freeze, json_is_true(screen), NULL};
    return true;
}

/* x as a text: a string as it is, a number as written, absent: "i+1". */
static bool label_or_reply(Request *r, const json_t *p, size_t i, const char **x)
{
    const json_t *v = json_object_get(p, "x");
    if (!v || json_is_null(v)) *x = arena_printf(&r->arena, "%zu", i + 1);
    else if (json_is_string(v)) *x = arena_strdup(&r->arena, json_string_value(v));
    else if (json_is_integer(v)) *x = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) *x = arena_printf(&r->arena, "%.15g", json_real_value(v));
    else return bad_point(r, i, "x", "måste vara en text");
    return true;
}

/* A number field of a point: absent or null → NAN (whether that is
 * allowed is the caller's question). */
static bool number_or_reply(Request *r, const json_t *p, size_t i, const char *field, double *out)
{
    const json_t *v = json_object_get(p, field);
    *out = NAN;
    if (!v || json_is_null(v)) return true;
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return true;
    }
    return bad_point(r, i, field, "måste vara ett tal");
}

static bool point_or_reply(Request *r, const json_t *p, size_t i, SpcChart chart, SpcPoint *out)
{
    if (!json_is_object(p)) {
        reply_error(r, 400, arena_printf(&r->arena, "points[%zu] måste vara ett objekt {x, y, n}.", i));
        return false;
    }
    if (!json_object_get(p, "y")) return bad_point(r, i, "y", "saknas (null betyder ett saknat värde)");
    if (!label_or_reply(r, p, i, &out->x) || !number_or_reply(r, p, i, "y", &out->y) ||
        !number_or_reply(r, p, i, "n", &out->n))
        return false;
    const char *field, *why = spc_point_problem(chart, out->y, out->n, &field);
    return why ? bad_point(r, i, field, why) : true;
}

static bool points_or_reply(Request *r, const json_t *body, SpcChart chart, SpcPoint **pts, size_t *n)
{
    const json_t *arr = json_object_get(body, "points");
    if (!json_is_array(arr) || !json_array_size(arr)) {
        reply_error(r, 400, "Fältet 'points' måste vara en lista med minst en punkt {x, y, n}.");
        return false;
    }
    *n = json_array_size(arr);
    *pts = arena_alloc(&r->arena, *n * sizeof **pts);
    for (size_t i = 0; i < *n; i++)
        if (!point_or_reply(r, json_array_get(arr, i), i, chart, &(*pts)[i])) return false;
    return true;
}

static void compute_and_reply(Request *r, SpcChart chart, const SpcPoint *pts, size_t n, const SpcOptions *opt)
{
    SpcResult res;
    Err e = ERR_INIT;
    if (spc_compute(chart, pts, n, opt, &res, &e)) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 200, spc_result_to_json(&res));
    spc_result_free(&res);
}

void api_spc(Request *r)
{
    json_t *body = json_body_or_reply(r);
    if (!body) return;
    SpcChart chart;
    SpcOptions opt;
    SpcPoint *pts;
    size_t n;
    if (chart_or_reply(r, body, &chart) && options_or_reply(r, body, &opt) && points_or_reply(r, body, chart, &pts, &n))
        compute_and_reply(r, chart, pts, n, &opt);
    json_decref(body);
}
