/*
 * api_org.c — the JSON API for the organisation and decision paths:
 *   GET  /api/v1/units           the units in tree order, with parent ids
 *   GET  /api/v1/municipalities  the municipalities
 *   POST /api/v1/decision-path   who decides a proposed action
 * Each handler reads its typed fields (a 400 names a bad one), asks core and
 * answers with core's JSON shape. No SQL, no rules of the domain here.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/decide.h"
#include "core/org.h"

#include <math.h>
#include <stdlib.h>

enum { MAX_LIST = 200 };

void api_units(Request *r)
{
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    if (unit_list(r->db, &u, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = units_to_json(u, n);
    unit_list_free(u, n);
    reply_json(r, 200, j);
}

void api_municipalities(Request *r)
{
    Municipality *m;
    size_t n;
    Err e = ERR_INIT;
    if (municipality_list(r->db, &m, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = municipalities_to_json(m, n);
    municipality_list_free(m, n);
    reply_json(r, 200, j);
}

/* --- reading the action ---------------------------------------------------------------- */

static bool bool_or_reply(Request *r, const json_t *obj, const char *field, bool *out)
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

/* A list of ids (whole numbers) or names (texts), copied into the arena as
 * texts; absent or null is an empty list. */
static bool refs_or_reply(Request *r, const json_t *obj, const char *field, const char *what, const char ***out,
                          size_t *n)
{
    const json_t *v = json_object_get(obj, field);
    *out = NULL;
    *n = 0;
    if (!v || json_is_null(v)) return true;
    if (!json_is_array(v) || json_array_size(v) > MAX_LIST) {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet '%s' måste vara en lista (högst %d) med %s id eller namn.",
                                         field, MAX_LIST, what));
        return false;
    }
    const char **list = arena_alloc(&r->arena, (json_array_size(v) + 1) * sizeof *list);
    size_t i;
    const json_t *it;
    json_array_foreach(v, i, it)
    {
        if (json_is_string(it)) list[i] = arena_strdup(&r->arena, json_string_value(it));
        else if (json_is_integer(it) && json_integer_value(it) > 0)
            list[i] = arena_printf(&r->arena, "%lld", (long long)json_integer_value(it));
        else {
            reply_error(r, 400, arena_printf(&r->arena, "Fältet '%s' får bara innehålla %s id (heltal) eller namn (text); "
                                                        "post %zu är varken eller.",
                                             field, what, i + 1));
            return false;
        }
    }
    *out = list;
    *n = json_array_size(v);
    return true;
}

static bool cost_or_reply(Request *r, const json_t *obj, DecideInput *in)
{
    const json_t *v = json_object_get(obj, "cost");
    if (!v || json_is_null(v)) return true;
    double c = json_is_number(v) ? json_number_value(v) : -1;
    if (!json_is_number(v) || !isfinite(c) || c < 0) {
        reply_error(r, 400, "Fältet 'cost' måste vara ett belopp i kronor (ett tal, 0 eller mer).");
        return false;
    }
    in->has_cost = true;
    in->cost = c;
    return true;
}

static bool action_or_reply(Request *r, DecideInput *in)
{
    json_t *j = json_body_or_reply(r);
    const char **units = NULL, **munis = NULL;
    bool ok = j && refs_or_reply(r, j, "units", "enheters", &units, &in->nunits) &&
              refs_or_reply(r, j, "municipalities", "kommuners", &munis, &in->nmunicipalities) &&
              bool_or_reply(r, j, "within_mission", &in->within_mission) &&
              bool_or_reply(r, j, "within_budget", &in->within_budget) &&
              bool_or_reply(r, j, "political", &in->political) && cost_or_reply(r, j, in);
    json_decref(j);
    in->units = units;
    in->municipalities = munis;
    return ok;
}

void api_decision_path(Request *r)
{
    DecideInput in = {0};
    if (!action_or_reply(r, &in)) return;
    const RuleSet *active;
    DecidePath path;
    Err e = ERR_INIT;
    if (rules_active(r->db, r->cfg->rules, &active, &e) || decide_path(r->db, active, &in, &path, &e)) {
        reply_err(r, &e);
    } else {
        reply_json(r, 200, decide_path_to_json(&path));
        decide_path_free(&path);
    }
}
