/*
 * api_json.c — typed fields of API requests, or a 400 naming the field.
 */
#include "web/api_json.h"
#include "base/text.h"
#include "core/case_json.h"
#include "core/case_scope.h"

#include <limits.h>
#include <stdio.h>

/* "ett heltal 1–6", or "ett heltal från 1" when there is no real upper bound. */
static void describe_range(char *out, size_t n, long long min, long long max)
{
    if (max >= LONG_MAX) snprintf(out, n, "ett heltal från %lld", min);
    else snprintf(out, n, "ett heltal %lld–%lld", min, max);
}

static bool refuse(Request *r, const char *what, const char *field, const char *kind)
{
    reply_error(r, 400, arena_printf(&r->arena, "%s '%s' måste vara %s.", what, field, kind));
    return false;
}

/* The field's value, or NULL when it is absent or null. */
static const json_t *get(const json_t *obj, const char *field)
{
    const json_t *v = json_object_get(obj, field);
    return v && !json_is_null(v) ? v : NULL;
}

bool json_str_or_reply(Request *r, const json_t *obj, const char *field, Presence p, const char **out)
{
    const json_t *v = get(obj, field);
    *out = NULL;
    if (!v && p == OPTIONAL) return true;
    if (!v || !json_is_string(v)) return refuse(r, "Fältet", field, "en text");
    *out = arena_strdup(&r->arena, json_string_value(v));
    return true;
}

bool json_int_or_reply(Request *r, const json_t *obj, const char *field, Presence p, long long min, long long max,
                       long long *out)
{
    const json_t *v = get(obj, field);
    if (!v && p == OPTIONAL) return true;
    if (!v || !json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        char kind[64];
        describe_range(kind, sizeof kind, min, max);
        return refuse(r, "Fältet", field, kind);
    }
    *out = json_integer_value(v);
    return true;
}

bool json_ref_or_reply(Request *r, const json_t *obj, const char *field, const char **out)
{
    const json_t *v = get(obj, field);
    *out = NULL;
    if (!v) return true;
    if (json_is_string(v)) *out = arena_strdup(&r->arena, json_string_value(v));
    else if (json_is_integer(v) && json_integer_value(v) > 0)
        *out = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
    else
        return refuse(r, "Fältet", field, "ett id (heltal) eller ett namn (text)");
    return true;
}

bool query_int_or_reply(Request *r, const char *name, long min, long max, long *out)
{
    const char *s = query_param(r, name);
    long v;
    if (!s || !*s) return true;
    if (!parse_long(s, &v) || v < min || v > max) {
        char kind[64];
        describe_range(kind, sizeof kind, min, max);
        return refuse(r, "Parametern", name, kind);
    }
    *out = v;
    return true;
}

void reply_case_detail(Request *r, int status, long long id)
{
    CaseDetail d;
    Err e = ERR_INIT;
    if (case_detail(r->db, r->cfg->ps, id, &d, &e)) {
        reply_err(r, &e);
        return;
    }
    CaseProposal prop;
    if (case_propose(r->db, r->cfg->rules, d.def, d.c.step, id, &prop, &e)) {
        case_detail_free(&d);
        reply_err(r, &e);
        return;
    }
    json_t *j = case_detail_to_json(&d, r->cfg->ps);
    if (j) case_json_add_proposal(j, &prop);
    case_proposal_free(&prop);
    case_detail_free(&d);
    if (j) reply_json(r, status, j);
    else reply_error(r, 500, "Ärendet kunde inte skrivas som JSON.");
}

bool json_bool_or_reply(Request *r, const json_t *obj, const char *field, bool *out)
{
    const json_t *v = json_object_get(obj, field);
    *out = false;
    if (!v || json_is_null(v)) return true;
    if (!json_is_boolean(v)) {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet '%s' måste vara true eller false.", field));
        return false;
    }
    *out = json_is_true(v);
    return true;
}
