/*
 * org_json.c — units and municipalities as JSON, the one shape the API
 * (GET /api/v1/units) and `lots org units --json` share.
 */
#include "core/org.h"

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *units_to_json(const Unit *u, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            items, json_pack("{s:I, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:i}", "id", (json_int_t)u[i].id, "parent_id",
                             u[i].parent_id ? json_integer(u[i].parent_id) : json_null(), "kind",
                             unit_kind_key(u[i].kind), "name", u[i].name, "short_name", text_or_null(u[i].short_name),
                             "manager_title", text_or_null(u[i].manager_title), "manager_name",
                             text_or_null(u[i].manager_name), "parent", text_or_null(u[i].parent_name), "depth",
                             u[i].depth));
    return json_pack("{s:o}", "items", items);
}

json_t *municipalities_to_json(const Municipality *m, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)m[i].id, "name", m[i].name,
                                               "official_name", m[i].official_name, "county",
                                               text_or_null(m[i].county)));
    return json_pack("{s:o}", "items", items);
}
