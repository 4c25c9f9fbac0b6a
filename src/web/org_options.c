/*
 * org_options.c — option lists for the organisation and group forms. Every
 * value and label goes through html_printf, so names typed by users are
 * escaped here.
 */
#include "web/org_options.h"
#include "base/html.h"
#include "core/group.h"
#include "core/org.h"

#include <stdio.h>
#include <string.h>

static const char *sel(const char *value, const char *selected)
{
    return selected && !strcmp(value, selected) ? " selected" : "";
}

/* An id as option text, in the request arena. */
static const char *idtext(Request *r, long long id)
{
    return arena_printf(&r->arena, "%lld", id);
}

void options_unit_kinds(Request *r, const char *selected)
{
    for (int k = 0; k < UNIT_KIND_N; k++) {
        const char *key = unit_kind_key((UnitKind)k);
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", key, sel(key, selected), key);
    }
}

void options_municipalities(Request *r, const char *selected)
{
    Municipality *m;
    size_t n;
    Err e = ERR_INIT;
    if (municipality_list(r->db, &m, &n, &e)) return;
    for (size_t i = 0; i < n; i++) {
        const char *id = idtext(r, m[i].id);
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", id, sel(id, selected), m[i].official_name);
    }
    municipality_list_free(m, n);
}

void options_people(Request *r, const char *selected)
{
    Person *p;
    size_t n;
    Err e = ERR_INIT;
    if (person_list(r->db, &p, &n, &e)) return;
    for (size_t i = 0; i < n; i++) {
        const char *id = idtext(r, p[i].id);
        const char *where = *p[i].unit_name ? p[i].unit_name : p[i].municipality_name;
        html_printf(&r->out, "<option value=\"%s\"%s>%s", id, sel(id, selected), p[i].name);
        if (*p[i].title) html_printf(&r->out, " – %s", p[i].title);
        if (*where) html_printf(&r->out, " (%s)", where);
        html_raw(&r->out, "</option>");
    }
    person_list_free(p, n);
}

void options_groups(Request *r, const char *selected)
{
    Group *g;
    size_t n;
    Err e = ERR_INIT;
    if (group_list(r->db, NULL, &g, &n, &e)) return;
    for (size_t i = 0; i < n; i++) {
        const char *id = idtext(r, g[i].id);
        html_printf(&r->out, "<option value=\"%s\"%s>%s (%s)</option>", id, sel(id, selected), g[i].name,
                    group_type_key(g[i].type));
    }
    group_list_free(g, n);
}

void options_group_types(Request *r, const char *selected)
{
    for (int t = 0; t < GT_N; t++) {
        const char *key = group_type_key((GroupType)t);
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", key, sel(key, selected),
                    group_type_label((GroupType)t));
    }
}

void options_group_roles(Request *r, const char *selected)
{
    for (int k = 0; k < GR_N; k++) {
        const char *key = group_role_key((GroupRole)k);
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", key, sel(key, selected), key);
    }
}

void options_units(Request *r, const char *selected)
{
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    if (unit_list(r->db, &u, &n, &e)) return;
    for (size_t i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", u[i].id);
        Buf indent = BUF_INIT;
        for (int d = 0; d < u[i].depth && d < 8; d++) buf_puts(&indent, "\u00a0\u00a0\u00a0");
        html_printf(&r->out, "<option value=\"%s\"%s>%s%s</option>", id,
                    selected && !strcmp(selected, id) ? " selected" : "", buf_cstr(&indent), u[i].name);
        buf_free(&indent);
    }
    unit_list_free(u, n);
}
