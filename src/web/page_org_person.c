/*
 * page_org_person.c — one person (GET /org/people/{id}): unit or
 * municipality, title and professions, their memberships in groups with
 * roles and dates, and the mandates they carry (in person, by a role in a
 * group, as the manager of their unit); for those who may write, a form to
 * change the person (POST /org/people/{id}, core's person_update) and the
 * form for a new person (GET and POST /org/people/new, person_create).
 * A refused form comes back with core's message and everything typed kept.
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

enum { MAX_PROFESSIONS = 32 };

/* What the person forms show: the posted values, or the person's. */
typedef struct {
    const char *name, *title, *unit, *municipality, *professions;
} PersonForm;

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static PersonForm posted_form(Request *r)
{
    return (PersonForm){form_param(r, "name"), form_param(r, "title"), form_param(r, "unit"),
                        form_param(r, "municipality"), form_param(r, "professions")};
}

/* The form as core's PersonEdit; the professions are cut in an arena copy. */
static PersonEdit edit_from(Request *r, const PersonForm *f)
{
    const char **prof = arena_alloc(&r->arena, MAX_PROFESSIONS * sizeof *prof);
    char *copy = arena_strdup(&r->arena, or_empty(f->professions));
    return (PersonEdit){or_empty(f->name), or_empty(f->title), or_empty(f->unit), or_empty(f->municipality), prof,
                        person_professions_split(copy, prof, MAX_PROFESSIONS), true};
}

static void person_fields(Request *r, const PersonForm *f)
{
    html_printf(&r->out,
                "<p class=\"hint\" id=\"p-hint\">Skriv inga personnummer. En person hör till en enhet i regionen "
                "eller till en kommun (till exempel en kommunal representant), inte till båda.</p>"
                "<label for=\"p-name\">Namn (obligatoriskt)</label>"
                "<input id=\"p-name\" name=\"name\" required maxlength=\"120\" value=\"%s\" aria-describedby=\"p-hint\">"
                "<label for=\"p-title\">Titel</label>"
                "<input id=\"p-title\" name=\"title\" maxlength=\"120\" value=\"%s\">"
                "<label for=\"p-unit\">Enhet</label><select id=\"p-unit\" name=\"unit\">"
                "<option value=\"\">Ingen enhet</option>",
                or_empty(f->name), or_empty(f->title));
    options_units(r, f->unit);
    html_raw(&r->out, "</select><label for=\"p-muni\">Kommun</label><select id=\"p-muni\" name=\"municipality\">"
                      "<option value=\"\">Ingen kommun</option>");
    options_municipalities(r, f->municipality);
    html_printf(&r->out,
                "</select><label for=\"p-prof\">Professioner</label>"
                "<input id=\"p-prof\" name=\"professions\" maxlength=\"400\" value=\"%s\" aria-describedby=\"p-prof-hint\">"
                "<p class=\"hint\" id=\"p-prof-hint\">Skilj med kommatecken: läkare, sjuksköterska. Används för att "
                "se om en grupp är multiprofessionell.</p>",
                or_empty(f->professions));
}

/* --- one person --------------------------------------------------------------------------------- */

static void facts(Request *r, const Person *p)
{
    html_printf(&r->out, "<dl class=\"facts\"><dt>Titel</dt><dd>%s</dd>", *p->title ? p->title : "Ej angiven");
    if (p->unit_id)
        html_printf(&r->out, "<dt>Enhet</dt><dd><a href=\"%s\">%s</a></dd>", url(r, "/org/units/%lld", p->unit_id),
                    p->unit_name);
    if (p->municipality_id) html_printf(&r->out, "<dt>Kommun</dt><dd>%s</dd>", p->municipality_name);
    html_printf(&r->out, "<dt>Profession</dt><dd>%s</dd></dl>", *p->professions ? p->professions : "Ej angiven");
}

static const char *membership_state(const GroupMember *m)
{
    if (*m->ended_on) return "avslutat";
    if (!m->current) return "kommande";
    return m->term_passed ? "pågår, tiden har gått ut" : "pågår";
}

static void memberships(Request *r, const Person *p)
{
    GroupMember *m;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<h2>Grupper</h2>");
    if (person_groups(r->db, p->id, NULL, &m, &n, &e)) {
        error_box(r, e.msg);
        return;
    }
    if (!n) {
        html_raw(&r->out, "<p>Personen sitter inte i någon grupp.</p>");
    } else {
        html_raw(&r->out, "<table><caption class=\"visually-hidden\">Uppdrag i grupper</caption><thead><tr>"
                          "<th scope=\"col\">Grupp</th><th scope=\"col\">Roll</th><th scope=\"col\">Från</th>"
                          "<th scope=\"col\">Till</th><th scope=\"col\">Uppdraget</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th><td>%s", url(r, "/groups/%lld", m[i].group_id),
                        m[i].group_name, group_role_key(m[i].role));
            if (*m[i].municipality_name) html_printf(&r->out, " för %s", m[i].municipality_name);
            html_printf(&r->out, "</td><td class=\"date\">%s</td><td class=\"date\">%s</td><td>%s", m[i].from_date,
                        m[i].to_date, membership_state(&m[i]));
            if (*m[i].end_note) html_printf(&r->out, " <span class=\"meta\">(%s)</span>", m[i].end_note);
            html_raw(&r->out, "</td></tr>");
        }
        html_raw(&r->out, "</tbody></table>");
    }
    group_members_free(m, n);
}

static void mandates(Request *r, const Person *p)
{
    PowerItem *it;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<h2>Mandat</h2>");
    if (person_power(r->db, p->id, NULL, &it, &n, &e)) {
        error_box(r, e.msg);
        return;
    }
    if (!n) {
        html_raw(&r->out, "<p>Inga mandat gäller i dag: personen har inget eget mandat och inget genom sin roll i en "
                          "grupp eller som chef.</p>");
    } else {
        html_raw(&r->out, "<p>Det personen får besluta i dag, och genom vad.</p><ul class=\"power\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(&r->out, "<li><strong>%s</strong>: ", it[i].via);
            mandate_text(r, &it[i].mandate);
            html_raw(&r->out, "</li>");
        }
        html_raw(&r->out, "</ul>");
    }
    power_items_free(it, n);
}

static void edit_form(Request *r, const Person *p, bool posted)
{
    char unit[24], muni[24];
    snprintf(unit, sizeof unit, "%lld", p->unit_id);
    snprintf(muni, sizeof muni, "%lld", p->municipality_id);
    PersonForm f = {p->name, p->title, unit, muni, p->professions};
    if (posted) f = posted_form(r);
    html_printf(&r->out, "<section aria-labelledby=\"andra\"><h2 id=\"andra\">Ändra personen</h2>"
                         "<form method=\"post\" action=\"%s\" class=\"stack\">",
                url(r, "/org/people/%lld", p->id));
    csrf_field(r);
    person_fields(r, &f);
    html_raw(&r->out, "<button type=\"submit\">Spara ändringarna</button></form></section>");
}

static void render(Request *r, long long id, const Err *error)
{
    Person p;
    Err e = ERR_INIT;
    if (person_get(r->db, id, &p, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, p.name);
    html_printf(&r->out, "<nav aria-label=\"Var sidan står\"><p class=\"meta\"><a href=\"%s\">Organisation</a> › "
                         "<a href=\"%s\">Personer</a></p></nav><h1>%s</h1>",
                url(r, "/org"), url(r, "/org/people"), p.name);
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    facts(r, &p);
    memberships(r, &p);
    mandates(r, &p);
    if (role_can_write(r->user.role)) edit_form(r, &p, error != NULL);
    person_free(&p);
    page_end(r);
}

void page_org_person_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render(r, id, NULL);
}

void page_org_person_update(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    PersonForm f = posted_form(r);
    PersonEdit in = edit_from(r, &f);
    Err e = ERR_INIT;
    if (person_update(r->db, id, &in, &e)) {
        if (e.code == ERR_NOTFOUND) reply_err(r, &e);
        else render(r, id, &e);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/org/people/%lld?ok=person-updated", id));
}

/* --- a new person --------------------------------------------------------------------------------- */

static void new_page(Request *r, const PersonForm *f, const char *error)
{
    page_begin(r, "Ny person");
    html_printf(&r->out, "<nav aria-label=\"Var sidan står\"><p class=\"meta\"><a href=\"%s\">Organisation</a> › "
                         "<a href=\"%s\">Personer</a></p></nav><h1>Ny person</h1>",
                url(r, "/org"), url(r, "/org/people"));
    error_box(r, error);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack\">", url(r, "/org/people/new"));
    csrf_field(r);
    person_fields(r, f);
    html_raw(&r->out, "<button type=\"submit\">Lägg upp personen</button></form>");
    page_end(r);
}

void page_org_person_new_form(Request *r)
{
    PersonForm f = {NULL, NULL, query_param(r, "unit"), query_param(r, "municipality"), NULL};
    new_page(r, &f, NULL);
}

void page_org_person_new_submit(Request *r)
{
    PersonForm f = posted_form(r);
    PersonEdit in = edit_from(r, &f);
    long long id;
    Err e = ERR_INIT;
    if (person_create(r->db, &in, &id, &e)) {
        r->status = status_for(e.code);
        new_page(r, &f, e.msg[0] ? e.msg : "Personen kunde inte läggas upp.");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/org/people/%lld?ok=person-created", id));
}
