/*
 * api_org.c — the JSON API for the organisation and decision paths:
 *   GET  /api/v1/units           the units in tree order, with parent ids
 *   POST /api/v1/units           a new unit; POST /api/v1/units/{id} changes or moves one
 *   GET  /api/v1/municipalities  the municipalities; POST adds one
 *   GET  /api/v1/people          people by name, unit and municipality, paged
 *   GET  /api/v1/people/{id}     a person with their groups and mandates
 *   POST /api/v1/people          a new person; POST /api/v1/people/{id} changes one
 *   POST /api/v1/decision-path   who decides a proposed action
 * Each handler reads its typed fields (a 400 names a bad one; the action's
 * fields through web/api_action.h, shared with the case scope), asks core and
 * answers with core's JSON shape. No SQL, no rules of the domain here.
 */
#include "web/handlers.h"
#include "web/api_action.h"
#include "web/api_json.h"
#include "core/decide.h"
#include "core/group.h"
#include "core/org.h"

#include <limits.h>
#include <stdlib.h>

enum { MAX_LIST = 200, MAX_PROFESSIONS = 32 };

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

/* --- keeping units, municipalities and people ------------------------------------------------ */

/* The unit as GET /api/v1/units lists it (with its depth in the tree). */
static void reply_unit(Request *r, int status, long long id)
{
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    if (unit_list(r->db, &u, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = NULL;
    for (size_t i = 0; i < n && !j; i++)
        if (u[i].id == id) j = unit_to_json(&u[i]);
    unit_list_free(u, n);
    if (j) reply_json(r, status, j);
    else reply_error(r, 404, "Enheten finns inte.");
}

static bool unit_fields_or_reply(Request *r, const json_t *j, UnitEdit *in)
{
    return json_ref_or_reply(r, j, "parent", &in->parent) && json_str_or_reply(r, j, "name", OPTIONAL, &in->name) &&
           json_str_or_reply(r, j, "short_name", OPTIONAL, &in->short_name) &&
           json_str_or_reply(r, j, "manager_title", OPTIONAL, &in->manager_title) &&
           json_str_or_reply(r, j, "manager_name", OPTIONAL, &in->manager_name);
}

void api_unit_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    UnitEdit f = {0};
    const char *kind = NULL;
    bool ok = j && json_str_or_reply(r, j, "kind", REQUIRED, &kind) && json_str_or_reply(r, j, "name", REQUIRED, &f.name) &&
              unit_fields_or_reply(r, j, &f);
    json_decref(j);
    if (!ok) return;
    UnitNew in = {0, kind, f.name, f.short_name, f.manager_title, f.manager_name};
    long long id;
    Err e = ERR_INIT;
    if (unit_parent_ref(r->db, f.parent, &in.parent_id, &e) || unit_add(r->db, &in, &id, &e)) {
        reply_err(r, &e);
        return;
    }
    r->location = url(r, "/api/v1/units/%lld", id);
    reply_unit(r, 201, id);
}

void api_unit_update(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    UnitEdit in = {0};
    bool ok = j && unit_fields_or_reply(r, j, &in);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (unit_update(r->db, id, &in, &e)) reply_err(r, &e);
    else reply_unit(r, 200, id);
}

void api_municipality_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    const char *name = NULL, *official = NULL, *county = NULL;
    bool ok = j && json_str_or_reply(r, j, "name", REQUIRED, &name) &&
              json_str_or_reply(r, j, "official_name", OPTIONAL, &official) &&
              json_str_or_reply(r, j, "county", OPTIONAL, &county);
    json_decref(j);
    if (!ok) return;
    long long id;
    Municipality m;
    Err e = ERR_INIT;
    if (municipality_add(r->db, name, official, county, &id, &e) ||
        municipality_find(r->db, arena_printf(&r->arena, "%lld", id), &m, &e)) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 201, municipality_to_json(&m));
    municipality_free(&m);
}

/* "professions": a list of texts (at most MAX_PROFESSIONS). */
static bool professions_or_reply(Request *r, const json_t *obj, PersonEdit *in)
{
    const json_t *v = json_object_get(obj, "professions");
    if (!v || json_is_null(v)) return true;
    if (!json_is_array(v) || json_array_size(v) > MAX_PROFESSIONS) {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet 'professions' måste vara en lista (högst %d) med texter.",
                                         MAX_PROFESSIONS));
        return false;
    }
    const char **list = arena_alloc(&r->arena, (json_array_size(v) + 1) * sizeof *list);
    size_t i;
    const json_t *it;
    json_array_foreach(v, i, it)
    {
        if (!json_is_string(it)) {
            reply_error(r, 400, arena_printf(&r->arena, "Fältet 'professions' får bara innehålla texter; post %zu är "
                                                        "ingen text.",
                                             i + 1));
            return false;
        }
        list[i] = arena_strdup(&r->arena, json_string_value(it));
    }
    in->professions = list;
    in->nprofessions = json_array_size(v);
    in->set_professions = true;
    return true;
}

static bool person_or_reply(Request *r, Presence name, PersonEdit *in)
{
    json_t *j = json_body_or_reply(r);
    bool ok = j && json_str_or_reply(r, j, "name", name, &in->name) &&
              json_str_or_reply(r, j, "title", OPTIONAL, &in->title) && json_ref_or_reply(r, j, "unit", &in->unit) &&
              json_ref_or_reply(r, j, "municipality", &in->municipality) && professions_or_reply(r, j, in);
    json_decref(j);
    return ok;
}

/* A person with their memberships in groups and the mandates they carry. */
static void reply_person(Request *r, int status, long long id)
{
    Person p;
    GroupMember *m = NULL;
    PowerItem *power = NULL;
    size_t nm = 0, np = 0;
    Err e = ERR_INIT;
    if (person_get(r->db, id, &p, &e)) {
        reply_err(r, &e);
        return;
    }
    if (person_groups(r->db, id, NULL, &m, &nm, &e) || person_power(r->db, id, NULL, &power, &np, &e)) {
        reply_err(r, &e);
    } else {
        json_t *j = person_to_json(&p);
        json_object_set_new(j, "groups", group_members_to_json(m, nm));
        json_object_set_new(j, "mandates", power_items_to_json(power, np));
        reply_json(r, status, j);
    }
    group_members_free(m, nm);
    power_items_free(power, np);
    person_free(&p);
}

void api_person_get(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) reply_person(r, 200, id);
}

void api_person_create(Request *r)
{
    PersonEdit in = {0};
    if (!person_or_reply(r, REQUIRED, &in)) return;
    long long id;
    Err e = ERR_INIT;
    if (person_create(r->db, &in, &id, &e)) {
        reply_err(r, &e);
        return;
    }
    r->location = url(r, "/api/v1/people/%lld", id);
    reply_person(r, 201, id);
}

void api_person_update(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    PersonEdit in = {0};
    if (!person_or_reply(r, OPTIONAL, &in)) return;
    Err e = ERR_INIT;
    if (person_update(r->db, id, &in, &e)) reply_err(r, &e);
    else reply_person(r, 200, id);
}

/* ?q=&unit=&municipality=&limit=&offset= (unit and municipality by id or name). */
void api_people_list(Request *r)
{
    long limit = 50, offset = 0;
    if (!query_int_or_reply(r, "limit", 1, MAX_LIST, &limit) || !query_int_or_reply(r, "offset", 0, LONG_MAX, &offset))
        return;
    PersonQuery q = {.q = query_param(r, "q"), .limit = limit, .offset = offset};
    Person *p;
    size_t n;
    long long total;
    Err e = ERR_INIT;
    if (person_query_refs(r->db, query_param(r, "unit"), query_param(r, "municipality"), &q, &e) ||
        person_search(r->db, &q, &p, &n, &total, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = people_to_json(p, n, total);
    person_list_free(p, n);
    reply_json(r, 200, j);
}

/* --- the decision path ------------------------------------------------------------------ */

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
