/*
 * api_misc.c — the JSON API's reference data: processes (from the loaded
 * definitions), plan items and bodies (from the database) and the person
 * behind the API token. Read-only; no rules of the domain here.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/body.h"
#include "core/plan.h"
#include "core/process.h"

/* A process in the list: process_to_json's keys, with "steps" as a count
 * and "first_step", the step where a new case starts. */
static json_t *process_summary(const ProcessDef *def)
{
    json_t *o = process_to_json(def);
    if (!o) return NULL;
    json_object_set_new(o, "steps", json_integer((json_int_t)def->nsteps));
    json_object_set_new(o, "first_step", def->nsteps ? json_string(def->steps[0].key) : json_null());
    return o;
}

void api_process_list(Request *r)
{
    json_t *items = json_array();
    for (size_t i = 0; i < r->cfg->ps->n; i++) json_array_append_new(items, process_summary(r->cfg->ps->defs[i]));
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_process_get(Request *r)
{
    const ProcessDef *def = process_find(r->cfg->ps, r->args[0]);
    if (!def) reply_error(r, 404, arena_printf(&r->arena, "Processen '%s' finns inte.", r->args[0]));
    else reply_json(r, 200, process_to_json(def));
}

void api_plan_items(Request *r)
{
    PlanItem *it;
    size_t n;
    Err e = ERR_INIT;
    if (plan_items_list(r->db, &it, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:o?, s:s, s:s, s:s, s:s}", "id", (json_int_t)it[i].id,
                                               "parent", it[i].parent_id ? json_integer(it[i].parent_id) : NULL,
                                               "code", it[i].code, "title", it[i].title, "plan", it[i].plan_name,
                                               "kind", it[i].kind));
    plan_items_free(it, n);
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_bodies(Request *r)
{
    Body *b;
    size_t n;
    Err e = ERR_INIT;
    if (body_list(r->db, &b, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)b[i].id, "short",
                                               b[i].short_name, "name", b[i].name, "kind", b[i].kind));
    body_list_free(b, n);
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_me(Request *r)
{
    reply_json(r, 200, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->user.id, "name", r->user.name,
                                 "display_name", r->user.display_name, "role", role_key(r->user.role), "role_label",
                                 role_label(r->user.role)));
}
