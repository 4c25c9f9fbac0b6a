/*
 * page_group_commission.c — a group's commission document (uppdragshandling,
 * the VGR template) over its versions:
 *   GET  /groups/{id}/commission            every version listed; for writers
 *                                           the form for the next version,
 *                                           every field prefilled from the
 *                                           current one, so a revision only
 *                                           changes what changed
 *   GET  /groups/{id}/commission/{version}  one version as it was registered
 *   POST /groups/{id}/commission            the next version (commission_add)
 * A refused version comes back in the form with core's message and what was
 * typed; earlier versions are never changed.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "web/page_group.h"
#include "base/html.h"
#include "base/text.h"
#include "core/group.h"

#include <string.h>

/* Datum, diarienummer and mötesfrekvens take one line; the rest are texts. */
static bool one_line(CommissionField f)
{
    return f == COMM_DATUM || f == COMM_DIARIENUMMER || f == COMM_MOTESFREKVENS;
}

static void field(Request *r, CommissionField f, const char *value)
{
    const char *key = commission_field_key(f), *label = commission_field_label(f);
    bool required = f == COMM_DATUM || f == COMM_UPPDRAGSBESKRIVNING;
    html_printf(&r->out, "<label for=\"c-%s\">%s%s</label>", key, label, required ? " (obligatoriskt)" : "");
    if (one_line(f))
        html_printf(&r->out, "<input id=\"c-%s\" name=\"%s\" type=\"%s\" value=\"%s\"%s>", key, key,
                    f == COMM_DATUM ? "date" : "text", value, required ? " required" : "");
    else
        html_printf(&r->out, "<textarea id=\"c-%s\" name=\"%s\" rows=\"%d\"%s>%s</textarea>", key, key,
                    f == COMM_UPPDRAGSBESKRIVNING || f == COMM_SYFTE ? 6 : 3, required ? " required" : "", value);
}

/* Every field of the template in its order, the sections as fieldsets. */
static void version_form(Request *r, long long id, const Commission *cur, bool posted)
{
    char today[11];
    iso_today(today);
    html_printf(&r->out, "<section aria-labelledby=\"ny-version\"><h2 id=\"ny-version\">Registrera version %d</h2>"
                         "<p>Fälten är ifyllda från %s. Ändra det som ändras och skriv varför; de tidigare "
                         "versionerna finns kvar som de var.</p>"
                         "<form method=\"post\" action=\"%s\" class=\"stack wide\">",
                cur ? cur->version + 1 : 1, cur ? "gällande version" : "mallen", url(r, "/groups/%lld/commission", id));
    csrf_field(r);
    const char *section = NULL;
    for (int i = 0; i < COMM_N; i++) {
        const char *s = commission_field_section((CommissionField)i);
        if (section && (!s || strcmp(s, section))) html_raw(&r->out, "</fieldset>");
        if (s && (!section || strcmp(s, section)))
            html_printf(&r->out, "<fieldset><legend>%s</legend>",
                        !strcmp(s, "arbetsorganisation") ? "Arbetsorganisation" : "Beslutsordning");
        section = s;
        const char *v = posted ? form_param(r, commission_field_key((CommissionField)i)) : NULL;
        if (!v) v = cur ? cur->f[i] : i == COMM_DATUM ? today : "";
        field(r, (CommissionField)i, v);
    }
    if (section) html_raw(&r->out, "</fieldset>");
    const char *note = posted ? form_param(r, "note") : NULL;
    html_printf(&r->out,
                "<label for=\"c-note\">Vad ändras och varför</label>"
                "<textarea id=\"c-note\" name=\"note\" rows=\"2\" maxlength=\"1000\">%s</textarea>"
                "<button type=\"submit\">Registrera versionen</button></form></section>",
                note ? note : "");
}

static void versions_table(Request *r, long long id, const Commission *v, size_t n)
{
    html_raw(&r->out, "<h2>Versioner</h2>");
    if (!n) {
        html_raw(&r->out, "<p>Ingen uppdragshandling är registrerad för gruppen.</p>");
        return;
    }
    html_raw(&r->out, "<table><caption class=\"visually-hidden\">Uppdragshandlingens versioner</caption><thead><tr>"
                      "<th scope=\"col\">Version</th><th scope=\"col\">Datum</th><th scope=\"col\">Diarienummer</th>"
                      "<th scope=\"col\">Registrerad</th><th scope=\"col\">Vad ändrades</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">Version %d</a>%s</th><td class=\"date\">%s</td>"
                             "<td>%s</td><td>%s",
                    url(r, "/groups/%lld/commission/%d", id, v[i].version), v[i].version, i ? "" : " (gällande)",
                    v[i].f[COMM_DATUM], v[i].f[COMM_DIARIENUMMER], when_text(r, v[i].created_at));
        if (*v[i].created_by) html_printf(&r->out, " av %s", v[i].created_by);
        html_printf(&r->out, "</td><td>%s</td></tr>", v[i].note);
    }
    html_raw(&r->out, "</tbody></table>");
}

/* The group and its versions (newest first), or its error page. */
static bool load(Request *r, long long id, Group *g, Commission **v, size_t *n)
{
    Err e = ERR_INIT;
    if (group_get(r->db, id, g, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return false;
    }
    if (commission_versions(r->db, id, v, n, &e)) {
        group_free(g);
        page_error(r, status_for(e.code), e.msg);
        return false;
    }
    return true;
}

static void render(Request *r, long long id, const Err *error)
{
    Group g;
    Commission *v;
    size_t n;
    if (!load(r, id, &g, &v, &n)) return;
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, arena_printf(&r->arena, "Uppdragshandling – %s", g.name));
    html_printf(&r->out, "<p class=\"meta\"><a href=\"%s\">Grupper och organ</a> › <a href=\"%s\">%s</a></p>"
                         "<h1>Uppdragshandling <span class=\"ref\">%s</span></h1>",
                url(r, "/groups"), url(r, "/groups/%lld", id), g.name, g.name);
    if (error) error_box(r, error->msg[0] ? error->msg : "Versionen kunde inte registreras.");
    if (role_can_write(r->user.role)) version_form(r, id, n ? &v[0] : NULL, error != NULL);
    versions_table(r, id, v, n);
    commission_list_free(v, n);
    group_free(&g);
    page_end(r);
}

void page_group_commission(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render(r, id, NULL);
}

void page_group_commission_add(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    CommissionNew in = {{0}, form_param(r, "note")};
    for (int i = 0; i < COMM_N; i++) in.f[i] = form_param(r, commission_field_key((CommissionField)i));
    int version = 0;
    Err e = ERR_INIT;
    if (commission_add(r->db, &r->user, id, &in, &version, &e)) {
        if (e.code == ERR_NOTFOUND) reply_err(r, &e);
        else render(r, id, &e);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=commission#uppdrag", id));
}

void page_group_commission_version(Request *r)
{
    long long id, version;
    Group g;
    Commission *v;
    size_t n;
    if (!arg_id_or_reply(r, 0, &id) || !arg_id_or_reply(r, 1, &version) || !load(r, id, &g, &v, &n)) return;
    const Commission *c = NULL;
    for (size_t i = 0; i < n && !c; i++)
        if (v[i].version == version) c = &v[i];
    if (!c) {
        page_error(r, 404, arena_printf(&r->arena, "Gruppen '%s' har ingen version %lld av uppdragshandlingen.", g.name,
                                        version));
    } else {
        page_begin(r, arena_printf(&r->arena, "Uppdragshandling version %d – %s", c->version, g.name));
        html_printf(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> › <a href=\"%s\">Alla versioner</a></p>"
                             "<h1>Uppdragshandling version %d <span class=\"ref\">%s</span></h1>",
                    url(r, "/groups/%lld", id), g.name, url(r, "/groups/%lld/commission", id), c->version, g.name);
        html_printf(&r->out, "<p class=\"meta\">%s, registrerad %s", c == &v[0] ? "Gällande version" : "Ersatt version",
                    when_text(r, c->created_at));
        if (*c->created_by) html_printf(&r->out, " av %s", c->created_by);
        html_raw(&r->out, "</p>");
        if (*c->note) html_printf(&r->out, "<p class=\"why\">%s</p>", c->note);
        commission_fields(r, c);
        page_end(r);
    }
    commission_list_free(v, n);
    group_free(&g);
}
