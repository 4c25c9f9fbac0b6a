/*
 * page_org_unit.c — one unit (GET /org/units/{id}): where it stands (the
 * path from the region), its manager, the units under it, the people of it
 * and of the units under it, the groups tied to it and the mandates its
 * manager holds; for those who may write, a form to rename it, change its
 * manager or move it under another parent (POST /org/units/{id}, core's
 * unit_update), and the form for a new unit (GET and POST /org/units/new,
 * core's unit_add). Core checks the rules (the parent above the kind, no
 * unit under its own descendant, siblings' names differ); a refused form
 * comes back with core's message and everything typed kept.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/org_options.h"
#include "web/page_deviation.h"
#include "web/page_group.h"
#include "base/html.h"
#include "base/text.h"
#include "core/group.h"
#include "core/org.h"

#include <stdio.h>
#include <string.h>

enum { PEOPLE_SHOWN = 25 };

/* What the unit forms show: the posted values, or the unit's. */
typedef struct {
    const char *kind, *parent, *name, *short_name, *manager_title, *manager_name;
} UnitForm;

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static UnitForm posted_form(Request *r)
{
    return (UnitForm){form_param(r, "kind"),          form_param(r, "parent"),       form_param(r, "name"),
                      form_param(r, "short_name"),    form_param(r, "manager_title"), form_param(r, "manager_name")};
}

/* Name, short name, manager and (unless `parent_fixed`) the parent. */
static void unit_fields(Request *r, const UnitForm *f, bool parent_fixed)
{
    if (!parent_fixed) {
        html_raw(&r->out, "<label for=\"u-parent\">Överordnad enhet</label>"
                          "<select id=\"u-parent\" name=\"parent\" aria-describedby=\"u-parent-hint\">"
                          "<option value=\"\">Ingen (bara för en region)</option>");
        options_units(r, f->parent);
        html_raw(&r->out, "</select><p class=\"hint\" id=\"u-parent-hint\">Den överordnade enheten står på en högre "
                          "nivå: en verksamhet under ett område eller en förvaltning. En enhet kan inte ligga under "
                          "någon av sina egna underenheter.</p>");
    }
    html_printf(&r->out,
                "<label for=\"u-name\">Namn (obligatoriskt)</label>"
                "<input id=\"u-name\" name=\"name\" required maxlength=\"200\" value=\"%s\">"
                "<label for=\"u-short\">Kortnamn</label>"
                "<input id=\"u-short\" name=\"short_name\" maxlength=\"32\" value=\"%s\" aria-describedby=\"u-short-hint\">"
                "<p class=\"hint\" id=\"u-short-hint\">Till exempel USÖ eller HSF; unikt i hela organisationen.</p>"
                "<label for=\"u-title\">Chefens titel</label>"
                "<input id=\"u-title\" name=\"manager_title\" maxlength=\"100\" value=\"%s\">"
                "<label for=\"u-manager\">Chefens namn</label>"
                "<input id=\"u-manager\" name=\"manager_name\" maxlength=\"100\" value=\"%s\">",
                or_empty(f->name), or_empty(f->short_name), or_empty(f->manager_title), or_empty(f->manager_name));
}

/* --- one unit ---------------------------------------------------------------------------------- */

static void where_it_stands(Request *r, const Unit *all, size_t n, const Unit *u)
{
    const Unit *path[33];
    size_t k = 0;
    long long at = u->parent_id;
    while (at && k < 32) {
        const Unit *p = NULL;
        for (size_t i = 0; i < n && !p; i++)
            if (all[i].id == at) p = &all[i];
        if (!p) break;
        path[k++] = p;
        at = p->parent_id;
    }
    html_printf(&r->out, "<nav aria-label=\"Var enheten står\"><p class=\"meta\"><a href=\"%s\">Organisation</a>",
                url(r, "/org"));
    while (k-- > 0)
        html_printf(&r->out, " › <a href=\"%s\">%s</a>", url(r, "/org/units/%lld", path[k]->id), path[k]->name);
    html_raw(&r->out, "</p></nav>");
}

static void facts(Request *r, const Unit *u)
{
    html_printf(&r->out, "<dl class=\"facts\"><dt>Nivå</dt><dd>%s</dd>", unit_kind_key(u->kind));
    if (*u->short_name) html_printf(&r->out, "<dt>Kortnamn</dt><dd>%s</dd>", u->short_name);
    html_printf(&r->out, "<dt>Chef</dt><dd>%s%s%s</dd>", *u->manager_title ? u->manager_title : "Ej angiven titel",
                *u->manager_name ? ": " : "", u->manager_name);
    if (u->parent_id)
        html_printf(&r->out, "<dt>Överordnad enhet</dt><dd><a href=\"%s\">%s</a></dd>",
                    url(r, "/org/units/%lld", u->parent_id), u->parent_name);
    html_raw(&r->out, "</dl>");
}

static void children(Request *r, const Unit *all, size_t n, const Unit *u)
{
    html_raw(&r->out, "<h2>Underenheter</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (all[i].parent_id != u->id) continue;
        if (!shown++) html_raw(&r->out, "<ul>");
        html_printf(&r->out, "<li><a href=\"%s\">%s</a> <span class=\"kind\">%s</span>",
                    url(r, "/org/units/%lld", all[i].id), all[i].name, unit_kind_key(all[i].kind));
        if (*all[i].manager_name)
            html_printf(&r->out, " <span class=\"meta\">%s: %s</span>", all[i].manager_title, all[i].manager_name);
        html_raw(&r->out, "</li>");
    }
    if (shown) html_raw(&r->out, "</ul>");
    else html_raw(&r->out, "<p>Inga underenheter.</p>");
    if (role_can_write(r->user.role) && u->kind != UNIT_ENHET)
        html_printf(&r->out, "<p><a href=\"%s\">Lägg till en underenhet</a></p>", url(r, "/org/units/new?parent=%lld", u->id));
}

static void people(Request *r, const Unit *u)
{
    Person *p;
    size_t n;
    long long total;
    Err e = ERR_INIT;
    PersonQuery q = {.unit_id = u->id, .limit = PEOPLE_SHOWN};
    html_raw(&r->out, "<h2>Personer</h2>");
    if (person_search(r->db, &q, &p, &n, &total, &e)) {
        error_box(r, e.msg);
        return;
    }
    if (!n) {
        html_raw(&r->out, "<p>Inga personer är registrerade i enheten eller under den.</p>");
    } else {
        html_raw(&r->out, "<table><caption class=\"visually-hidden\">Personer i enheten och under den</caption>"
                          "<thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">Titel</th>"
                          "<th scope=\"col\">Enhet</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th><td>%s</td><td>%s</td></tr>",
                        url(r, "/org/people/%lld", p[i].id), p[i].name, p[i].title, p[i].unit_name);
        html_raw(&r->out, "</tbody></table>");
    }
    if (total > (long long)n)
        html_printf(&r->out, "<p>Visar %zu av %lld. <a href=\"%s\">Alla personer i enheten och under den</a></p>", n,
                    total, url(r, "/org/people?unit=%lld", u->id));
    person_list_free(p, n);
}

static void groups(Request *r, const Unit *u)
{
    Group *g;
    size_t n, shown = 0;
    Err e = ERR_INIT;
    html_raw(&r->out, "<h2>Grupper knutna till enheten</h2>");
    if (group_list(r->db, NULL, &g, &n, &e)) {
        error_box(r, e.msg);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (g[i].unit_id != u->id) continue;
        if (!shown++) html_raw(&r->out, "<ul>");
        html_printf(&r->out, "<li><a href=\"%s\">%s</a> <span class=\"meta\">(%s)</span></li>",
                    url(r, "/groups/%lld", g[i].id), g[i].name, group_type_label(g[i].type));
    }
    if (shown) html_raw(&r->out, "</ul>");
    else html_raw(&r->out, "<p>Inga grupper är knutna till enheten.</p>");
    group_list_free(g, n);
}

static void manager_mandates(Request *r, const Unit *u)
{
    Mandate *m;
    size_t n, shown = 0;
    Err e = ERR_INIT;
    if (mandate_list(r->db, &m, &n, &e)) return;
    for (size_t i = 0; i < n; i++) {
        if (m[i].holder != MH_UNIT_MANAGER || m[i].unit_id != u->id) continue;
        if (!shown++) html_raw(&r->out, "<h2>Chefens mandat</h2><ul class=\"power\">");
        html_raw(&r->out, "<li>");
        mandate_text(r, &m[i]);
        html_raw(&r->out, "</li>");
    }
    if (shown) html_raw(&r->out, "</ul>");
    mandate_list_free(m, n);
}

static void edit_form(Request *r, const Unit *u, bool posted)
{
    char parent[24];
    snprintf(parent, sizeof parent, "%lld", u->parent_id);
    UnitForm f = {NULL, parent, u->name, u->short_name, u->manager_title, u->manager_name};
    if (posted) f = posted_form(r);
    html_printf(&r->out, "<section aria-labelledby=\"andra\"><h2 id=\"andra\">Ändra eller flytta enheten</h2>"
                         "<form method=\"post\" action=\"%s\" class=\"stack\">",
                url(r, "/org/units/%lld", u->id));
    csrf_field(r);
    unit_fields(r, &f, u->kind == UNIT_REGION);
    html_raw(&r->out, "<button type=\"submit\">Spara ändringarna</button></form></section>");
}

static void render(Request *r, long long id, const Err *error)
{
    Unit *all;
    size_t n;
    Err e = ERR_INIT;
    if (unit_list(r->db, &all, &n, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    const Unit *u = NULL;
    for (size_t i = 0; i < n && !u; i++)
        if (all[i].id == id) u = &all[i];
    if (!u) {
        unit_list_free(all, n);
        page_error(r, 404, arena_printf(&r->arena, "Enheten finns inte (id %lld).", id));
        return;
    }
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, u->name);
    where_it_stands(r, all, n, u);
    html_printf(&r->out, "<h1>%s</h1>", u->name);
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    facts(r, u);
    children(r, all, n, u);
    people(r, u);
    groups(r, u);
    manager_mandates(r, u);
    if (role_can_write(r->user.role)) edit_form(r, u, error != NULL);
    unit_list_free(all, n);
    page_end(r);
}

void page_org_unit_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render(r, id, NULL);
}

void page_org_unit_update(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    UnitForm f = posted_form(r);
    UnitEdit in = {f.parent, or_empty(f.name), or_empty(f.short_name), or_empty(f.manager_title),
                   or_empty(f.manager_name)};
    Err e = ERR_INIT;
    if (unit_update(r->db, id, &in, &e)) {
        if (e.code == ERR_NOTFOUND) reply_err(r, &e);
        else render(r, id, &e);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/org/units/%lld?ok=unit-updated", id));
}

/* --- a new unit ---------------------------------------------------------------------------------- */

static void new_page(Request *r, const UnitForm *f, const char *error)
{
    page_begin(r, "Ny enhet");
    html_printf(&r->out, "<nav aria-label=\"Var sidan står\"><p class=\"meta\"><a href=\"%s\">Organisation</a></p></nav>"
                         "<h1>Ny enhet</h1>",
                url(r, "/org"));
    error_box(r, error);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack\">", url(r, "/org/units/new"));
    csrf_field(r);
    html_raw(&r->out, "<label for=\"u-kind\">Nivå</label><select id=\"u-kind\" name=\"kind\">");
    options_unit_kinds(r, f->kind ? f->kind : "verksamhet");
    html_raw(&r->out, "</select>");
    unit_fields(r, f, false);
    html_raw(&r->out, "<button type=\"submit\">Lägg upp enheten</button></form>");
    page_end(r);
}

void page_org_unit_new_form(Request *r)
{
    UnitForm f = {query_param(r, "kind"), query_param(r, "parent"), NULL, NULL, NULL, NULL};
    new_page(r, &f, NULL);
}

void page_org_unit_new_submit(Request *r)
{
    UnitForm f = posted_form(r);
    UnitNew in = {0, f.kind, f.name, f.short_name, f.manager_title, f.manager_name};
    long long id;
    Err e = ERR_INIT;
    if (unit_parent_ref(r->db, f.parent, &in.parent_id, &e) || unit_add(r->db, &in, &id, &e)) {
        r->status = status_for(e.code);
        new_page(r, &f, e.msg[0] ? e.msg : "Enheten kunde inte läggas upp.");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/org/units/%lld?ok=unit-created", id));
}
