/*
 * api_action.c — the fields of a proposed action in a JSON body
 * (web/api_action.h). Only types and shapes are checked here; which units
 * and municipalities exist, and what a cost may be, is core's to say.
 */
#include "web/api_action.h"
#include "web/api_json.h"

#include <math.h>

enum { MAX_LIST = 200 };

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

bool action_or_reply(Request *r, const json_t *obj, DecideInput *in)
{
    const char **units = NULL, **munis = NULL;
    bool ok = refs_or_reply(r, obj, "units", "enheters", &units, &in->nunits) &&
              refs_or_reply(r, obj, "municipalities", "kommuners", &munis, &in->nmunicipalities) &&
              json_bool_or_reply(r, obj, "within_mission", &in->within_mission) &&
              json_bool_or_reply(r, obj, "within_budget", &in->within_budget) &&
              json_bool_or_reply(r, obj, "political", &in->political) && cost_or_reply(r, obj, in);
    in->units = units;
    in->municipalities = munis;
    return ok;
}
