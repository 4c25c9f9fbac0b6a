/*
 * page_org.c — GET /org: the organisation as officials know it: the unit
 * tree (region → förvaltning → område → verksamhet → enhet) with each unit's
 * manager, and the municipalities the region works with; for those who may
 * write, links to add a unit or a person and a form to add a municipality
 * (POST /org/municipalities, core's municipality_add). A refused form comes
 * back on the page with core's message and what was typed kept.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "base/html.h"
#include "base/text.h"
#include "core/org.h"

/* The manager as "Verksamhetschef: Eva Ek", or what of it is known. */
static void manager(Request *r, const Unit *u)
{
    if (!*u->manager_title && !*u->manager_name) return;
    html_raw(&r->out, " <span class=\"meta\">");
    if (*u->manager_title && *u->manager_name) html_printf(&r->out, "%s: %s", u->manager_title, u->manager_name);
    else html_printf(&r->out, "%s", *u->manager_title ? u->manager_title : u->manager_name);
    html_raw(&r->out, "</span>");
}

/* The units in tree order as nested lists: a unit's children follow it
 * directly with a depth one greater. */
static void unit_tree(Request *r, const Unit *u, size_t n)
{
    html_raw(&r->out, "<ul class=\"org-tree\">");
    int prev = 0;
    for (size_t i = 0; i < n; i++) {
        int d = u[i].depth;
        if (i && d > prev) {
            html_raw(&r->out, "<ul>");
        } else if (i) {
            html_raw(&r->out, "</li>");
            for (int k = prev; k > d; k--) html_raw(&r->out, "</ul></li>");
        }
        html_printf(&r->out, "<li><a href=\"%s\">%s</a> <span class=\"kind\">%s</span>", url(r, "/org/units/%lld", u[i].id),
                    u[i].name, unit_kind_key(u[i].kind));
        if (*u[i].short_name) html_printf(&r->out, " <span class=\"meta\">(%s)</span>", u[i].short_name);
        manager(r, &u[i]);
        prev = d;
    }
    if (n) html_raw(&r->out, "</li>");
    for (int k = prev; k > 0; k--) html_raw(&r->out, "</ul></li>");
    html_raw(&r->out, "</ul>");
}

static const char *kept(Request *r, bool posted, const char *name)
{
    const char *v = posted ? form_param(r, name) : NULL;
    return v ? v : "";
}

static void municipalities(Request *r, bool posted)
{
    Municipality *m;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<section aria-labelledby=\"kommuner\"><h2 id=\"kommuner\">Kommuner</h2>"
                      "<p>Varje kommun beslutar för sin egen del; beslutsvägarna nämner dem en och en.</p>");
    if (municipality_list(r->db, &m, &n, &e)) {
        error_box(r, e.msg);
    } else if (!n) {
        html_raw(&r->out, "<p>Inga kommuner är registrerade.</p>");
    } else {
        html_raw(&r->out, "<table><caption class=\"visually-hidden\">Kommuner</caption><thead><tr>"
                          "<th scope=\"col\">Kommun</th><th scope=\"col\">Officiellt namn</th>"
                          "<th scope=\"col\">Län</th><th scope=\"col\">Personer</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td><a href=\"%s\">Visa</a></td></tr>",
                        m[i].name, m[i].official_name, m[i].county,
                        url(r, "/org/people?municipality=%lld", m[i].id));
        html_raw(&r->out, "</tbody></table>");
        municipality_list_free(m, n);
    }
    if (role_can_write(r->user.role)) {
        html_printf(&r->out,
                    "<h3>Lägg till en kommun</h3><form method=\"post\" action=\"%s\" class=\"stack\">",
                    url(r, "/org/municipalities"));
        csrf_field(r);
        html_printf(&r->out,
                    "<label for=\"m-name\">Namn (obligatoriskt)</label>"
                    "<input id=\"m-name\" name=\"name\" required maxlength=\"100\" value=\"%s\">"
                    "<label for=\"m-official\">Officiellt namn</label>"
                    "<input id=\"m-official\" name=\"official_name\" maxlength=\"120\" value=\"%s\" "
                    "aria-describedby=\"m-official-hint\">"
                    "<p class=\"hint\" id=\"m-official-hint\">Tomt: bildas av namnet (Kumla → Kumla kommun, "
                    "Askersund → Askersunds kommun).</p>"
                    "<label for=\"m-county\">Län</label>"
                    "<input id=\"m-county\" name=\"county\" maxlength=\"100\" value=\"%s\">"
                    "<button type=\"submit\">Lägg till kommunen</button></form>",
                    kept(r, posted, "name"), kept(r, posted, "official_name"), kept(r, posted, "county"));
    }
    html_raw(&r->out, "</section>");
}

static void render(Request *r, const Err *error)
{
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    if (unit_list(r->db, &u, &n, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, "Organisation");
    html_raw(&r->out, "<h1>Organisation</h1>");
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    html_printf(&r->out,
                "<p>Regionens enheter i nivåerna region, förvaltning, område, verksamhet och enhet, med chef, "
                "och kommunerna som regionen samverkar med. <a href=\"%s\">Personer</a> · "
                "<a href=\"#kommuner\">Kommuner</a></p>",
                url(r, "/org/people"));
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<p><a class=\"button\" href=\"%s\">Ny enhet</a> <a class=\"button\" href=\"%s\">Ny person</a></p>",
                    url(r, "/org/units/new"), url(r, "/org/people/new"));
    html_raw(&r->out, "<section aria-labelledby=\"enheter\"><h2 id=\"enheter\">Enheter</h2>");
    if (n) unit_tree(r, u, n);
    else html_raw(&r->out, "<p>Inga enheter ännu. Lägg upp en region först, eller importera organisationen "
                           "med <code>lots org import</code>.</p>");
    html_raw(&r->out, "</section>");
    unit_list_free(u, n);
    municipalities(r, error != NULL);
    page_end(r);
}

void page_org(Request *r)
{
    render(r, NULL);
}

void page_org_municipality_add(Request *r)
{
    const char *official = form_param(r, "official_name");
    Err e = ERR_INIT;
    if (municipality_add(r->db, form_param(r, "name"), is_blank(official) ? NULL : official, form_param(r, "county"),
                         NULL, &e)) {
        render(r, &e);
        return;
    }
    redirect(r, "/org?ok=municipality#kommuner");
}
