/*
 * org_json.c — units, municipalities and people as JSON, the one shape the
 * API (GET /api/v1/units, /api/v1/people …) and `lots org units --json` share.
 */
#include "core/org.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *id_or_null(long long id)
{
    return id ? json_integer(id) : json_null();
}

json_t *unit_to_json(const Unit *u)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:i}", "id", (json_int_t)u->id, "parent_id",
                     id_or_null(u->parent_id), "kind", unit_kind_key(u->kind), "name", u->name, "short_name",
                     text_or_null(u->short_name), "manager_title", text_or_null(u->manager_title), "manager_name",
                     text_or_null(u->manager_name), "parent", text_or_null(u->parent_name), "depth", u->depth);
}

json_t *units_to_json(const Unit *u, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, unit_to_json(&u[i]));
    return json_pack("{s:o}", "items", items);
}

json_t *municipality_to_json(const Municipality *m)
{
    return json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)m->id, "name", m->name, "official_name",
                     m->official_name, "county", text_or_null(m->county));
}

json_t *municipalities_to_json(const Municipality *m, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, municipality_to_json(&m[i]));
    return json_pack("{s:o}", "items", items);
}

/* "läkare, sjuksköterska" → ["läkare", "sjuksköterska"]. */
static json_t *profession_array(const char *joined)
{
    json_t *a = json_array();
    char *copy = xstrdup(joined ? joined : "");
    const char *p[64];
    size_t n = person_professions_split(copy, p, 64);
    for (size_t i = 0; i < n; i++) {
        char *t = trim_dup(p[i]);
        json_array_append_new(a, json_string(t));
        free(t);
    }
    free(copy);
    return a;
}

json_t *person_to_json(const Person *p)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)p->id, "name", p->name, "title",
                     text_or_null(p->title), "unit_id", id_or_null(p->unit_id), "unit", text_or_null(p->unit_name),
                     "municipality_id", id_or_null(p->municipality_id), "municipality",
                     text_or_null(p->municipality_name), "professions", profession_array(p->professions));
}

json_t *people_to_json(const Person *p, size_t n, long long total)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, person_to_json(&p[i]));
    return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
}
