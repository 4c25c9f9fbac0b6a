/*
 * api_org.c — the JSON API for the organisation and decision paths:
 *   GET  /api/v1/units           the units in tree order, with parent ids
 *   GET  /api/v1/municipalities  the municipalities
 *   POST /api/v1/decision-path   who decides a proposed action
 * Each handler reads its typed fields (a 400 names a bad one; the action's
 * fields through web/api_action.h, shared with the case scope), asks core and
 * answers with core's JSON shape. No SQL, no rules of the domain here.
 */
#include "web/handlers.h"
#include "web/api_action.h"
#include "web/api_json.h"
#include "core/decide.h"
#include "core/org.h"

#include <stdlib.h>

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

void api_decision_path(Request *r)
{
    DecideInput in = {0};
    json_t *j = json_body_or_reply(r);
    bool ok = j && action_or_reply(r, j, &in);
    json_decref(j);
    if (!ok) return;
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
