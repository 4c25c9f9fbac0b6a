/*
 * page_group_edit.c — the group page's forms that change or end what is
 * registered, and their POSTs, each through the core function the API uses:
 *   POST /groups/{id}                              change the group (group_update): type,
 *                                                  name, short name, description, where it
 *                                                  belongs and reports, unit, body, flags
 *   POST /groups/{id}/members/{member}             a membership's role and term
 *                                                  (group_member_change)
 *   POST /groups/{id}/mandates/{mandate}/end       end a mandate or delegation (mandate_end)
 * and the list of the group's mandates (in force, each with its "Avsluta"
 * form for writers, and the ended ones folded). A success redirects to the
 * group page with a notice; a refusal draws the page again (group_page) with
 * core's message and the posted values, the refused form open.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/org_options.h"
#include "web/page_format.h"
#include "web/page_group.h"
#include "base/html.h"
#include "base/text.h"

#include <string.h>

static const char *idtext(Request *r, long long id)
{
    return id ? arena_printf(&r->arena, "%lld", id) : "";
}

/* --- the group itself ------------------------------------------------------------------------------ */

/* A Ja/Nej choice, "1" or "0". */
static void yes_no_select(Request *r, const char *id, const char *label, const char *value)
{
    bool yes = !strcmp(value, "1");
    html_printf(&r->out,
                "<label for=\"ge-%s\">%s</label><select id=\"ge-%s\" name=\"%s\"><option value=\"1\"%s>Ja</option>"
                "<option value=\"0\"%s>Nej</option></select>",
                id, label, id, id, yes ? " selected" : "", yes ? "" : " selected");
}

static void group_choice(Request *r, const char *id, const char *label, const char *none, const char *value)
{
    html_printf(&r->out,
                "<label for=\"ge-%s\">%s</label><select id=\"ge-%s\" name=\"%s\"><option value=\"\">%s</option>", id,
                label, id, id, none);
    options_groups(r, value);
    html_raw(&r->out, "</select>");
}

void group_edit_form(Request *r, const GroupDetail *d, const char *posted)
{
    const Group *g = &d->group;
    bool mine = group_form_is(posted, "edit");
    group_form_begin(r, "group-form", mine, "Ändra gruppen", url(r, "/groups/%lld", g->id));
    html_raw(&r->out, "<label for=\"ge-type\">Typ</label><select id=\"ge-type\" name=\"type\">");
    options_group_types(r, group_form_kept(r, mine, "type", group_type_key(g->type)));
    html_printf(&r->out,
                "</select><label for=\"ge-name\">Namn (obligatoriskt)</label>"
                "<input id=\"ge-name\" name=\"name\" required maxlength=\"200\" value=\"%s\">",
                group_form_kept(r, mine, "name", g->name));
    if (g->body_id)
        html_printf(&r->out,
                    "<label for=\"ge-short\">Kortnamn</label><input id=\"ge-short\" name=\"short_name\" readonly "
                    "value=\"%s\" aria-describedby=\"ge-body-hint\"><p class=\"hint\" id=\"ge-body-hint\">Gruppen är "
                    "organet %s i ärenden: förankring, beslut och processerna hänvisar till kortnamnet, så det och "
                    "kopplingen till organet ligger fast.</p>",
                    g->short_name, g->short_name);
    else
        html_printf(&r->out, "<label for=\"ge-short\">Kortnamn</label>"
                             "<input id=\"ge-short\" name=\"short_name\" maxlength=\"32\" value=\"%s\">",
                    group_form_kept(r, mine, "short_name", g->short_name));
    html_printf(&r->out,
                "<label for=\"ge-desc\">Beskrivning</label>"
                "<textarea id=\"ge-desc\" name=\"description\" rows=\"3\" maxlength=\"4000\">%s</textarea>",
                group_form_kept(r, mine, "description", g->description));
    group_choice(r, "parent", "Hör till (överordnad grupp)", "Ingen",
                 group_form_kept(r, mine, "parent", idtext(r, g->parent_id)));
    group_choice(r, "reports_to", "Rapporterar till", "Samma som överordnad grupp",
                 group_form_kept(r, mine, "reports_to", idtext(r, g->reports_to_id)));
    html_raw(&r->out, "<label for=\"ge-unit\">Enhet</label><select id=\"ge-unit\" name=\"unit\">"
                      "<option value=\"\">Ingen enhet</option>");
    options_units(r, group_form_kept(r, mine, "unit", idtext(r, g->unit_id)));
    html_raw(&r->out, "</select>");
    if (!g->body_id)
        html_printf(&r->out,
                    "<div class=\"choice\"><input type=\"checkbox\" id=\"ge-body\" name=\"body\" value=\"1\"%s "
                    "aria-describedby=\"ge-body-hint\"><label for=\"ge-body\">Förankrar och beslutar i ärenden "
                    "(organ)</label></div><p class=\"hint\" id=\"ge-body-hint\">Ett organ behöver ett kortnamn, som "
                    "sedan ligger fast: ärenden och processer hänvisar till det.</p>",
                    mine && group_form_ticked(r, "body") ? " checked" : "");
    html_raw(&r->out, "<fieldset><legend>Sammansättning</legend>");
    yes_no_select(r, "seeks_patient_rep", "Patient-, brukar- eller närståendeföreträdare eftersträvas",
                  group_form_kept(r, mine, "seeks_patient_rep", g->seeks_patient_rep ? "1" : "0"));
    yes_no_select(r, "has_municipal_parts", "Området har kommunala delar (kommunal representant behövs)",
                  group_form_kept(r, mine, "has_municipal_parts", g->has_municipal_parts ? "1" : "0"));
    yes_no_select(r, "multiprofessional", "Ska vara multiprofessionell",
                  group_form_kept(r, mine, "multiprofessional", g->multiprofessional ? "1" : "0"));
    html_printf(&r->out,
                "</fieldset><label for=\"ge-note\">Varför (kommentar till gruppens historik)</label>"
                "<textarea id=\"ge-note\" name=\"note\" rows=\"2\" maxlength=\"1000\">%s</textarea>",
                group_form_kept(r, mine, "note", NULL));
    group_form_end(r, "Spara ändringarna");
}

static int flag_of(const char *v)
{
    return is_blank(v) ? -1 : strcmp(v, "0") != 0;
}

void page_group_update(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    /* Fields the form did not send stay as they are; an unticked body box
     * (the browser sends nothing) leaves the body as it is, too. */
    GroupEdit in = {.type = form_param(r, "type"),
                    .name = form_param(r, "name"),
                    .short_name = form_param(r, "short_name"),
                    .description = form_param(r, "description"),
                    .parent = form_param(r, "parent"),
                    .reports_to = form_param(r, "reports_to"),
                    .unit = form_param(r, "unit"),
                    .body = group_form_ticked(r, "body") ? 1 : -1,
                    .seeks_patient_rep = flag_of(form_param(r, "seeks_patient_rep")),
                    .has_municipal_parts = flag_of(form_param(r, "has_municipal_parts")),
                    .multiprofessional = flag_of(form_param(r, "multiprofessional")),
                    .note = group_form_blank_null(form_param(r, "note"))};
    bool changed = false;
    Err e = ERR_INIT;
    if (group_update(r->db, &r->user, id, &in, &changed, &e)) {
        group_page(r, id, &e, "edit");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=%s", id, changed ? "group-updated" : "group-unchanged"));
}

/* --- a membership's role and term ------------------------------------------------------------------ */

void group_member_term_form(Request *r, const GroupDetail *d, const GroupMember *m, const char *posted)
{
    const char *form = arena_printf(&r->arena, "term-%lld", m->id);
    bool mine = group_form_is(posted, form);
    html_printf(&r->out,
                "<details class=\"row-form\"%s><summary>Ändra<span class=\"visually-hidden\"> uppdraget för %s som "
                "%s</span></summary><form method=\"post\" action=\"%s\" class=\"stack\">",
                mine ? " open" : "", m->person_name, group_role_key(m->role),
                url(r, "/groups/%lld/members/%lld", d->group.id, m->id));
    csrf_field(r);
    html_printf(&r->out, "<label for=\"t-role-%lld\">Roll</label><select id=\"t-role-%lld\" name=\"role\">", m->id,
                m->id);
    options_group_roles(r, group_form_kept(r, mine, "role", group_role_key(m->role)));
    html_printf(&r->out,
                "</select><label for=\"t-muni-%lld\">Kommun (kommunal representant)</label>"
                "<select id=\"t-muni-%lld\" name=\"municipality\"><option value=\"\">Som förut, annars personens "
                "egen</option>",
                m->id, m->id);
    options_municipalities(r, group_form_kept(r, mine, "municipality", idtext(r, m->municipality_id)));
    html_raw(&r->out, "</select>");
    group_date_field(r, arena_printf(&r->arena, "t-to-%lld", m->id), "to", "Till (uppdragets slut; tomt: öppet)",
                     group_form_kept(r, mine, "to", m->to_date));
    html_printf(&r->out, "<button type=\"submit\">Spara uppdraget</button></form></details>");
}

void page_group_member_change(Request *r)
{
    long long id, member;
    if (!arg_id_or_reply(r, 0, &id) || !arg_id_or_reply(r, 1, &member)) return;
    const char *to = form_param(r, "to");
    MemberChange in = {group_form_blank_null(form_param(r, "role")), to,
                       group_form_blank_null(form_param(r, "municipality")),
                       group_form_blank_null(form_param(r, "note"))};
    bool changed = false;
    Err e = ERR_INIT;
    if (group_member_change(r->db, &r->user, id, member, &in, &changed, &e)) {
        group_page(r, id, &e, arena_printf(&r->arena, "term-%lld", member));
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=%s", id, changed ? "member-changed" : "member-unchanged"));
}

/* --- mandates, in force and ended -------------------------------------------------------------------- */

static void term_text(Request *r, const Mandate *m)
{
    if (*m->from_date) html_printf(&r->out, "från %s ", m->from_date);
    if (*m->to_date) html_printf(&r->out, "till och med %s", m->to_date);
    else html_raw(&r->out, "tills vidare");
}

static void end_form(Request *r, const GroupDetail *d, const Mandate *m, const char *posted)
{
    bool mine = group_form_is(posted, arena_printf(&r->arena, "mandate-end-%lld", m->id));
    html_printf(&r->out,
                "<details class=\"row-form\"%s><summary>Avsluta<span class=\"visually-hidden\"> %s: %s</span>"
                "</summary><form method=\"post\" action=\"%s\" class=\"stack\">",
                mine ? " open" : "", m->delegation ? "delegationen" : "mandatet", m->decides,
                url(r, "/groups/%lld/mandates/%lld/end", d->group.id, m->id));
    csrf_field(r);
    group_date_field(r, arena_printf(&r->arena, "me-on-%lld", m->id), "on", "Sista dag det gäller (tomt: i dag)",
                     group_form_kept(r, mine, "on", NULL));
    html_printf(&r->out,
                "<label for=\"me-note-%lld\">Varför</label><textarea id=\"me-note-%lld\" name=\"note\" rows=\"2\" "
                "maxlength=\"1000\">%s</textarea><button type=\"submit\">Avsluta %s</button></form></details>",
                m->id, m->id, group_form_kept(r, mine, "note", NULL), m->delegation ? "delegationen" : "mandatet");
}

/* Its last day has passed: ended, or a term run out. */
static bool is_over(const Mandate *m, const char *today)
{
    return *m->to_date && strcmp(m->to_date, today) < 0;
}

static void mandate_item(Request *r, const GroupDetail *d, const Mandate *m, bool writer, const char *posted)
{
    html_printf(&r->out, "<li><strong>%s</strong>: ", m->holder_text);
    mandate_text(r, m);
    bool ended = is_over(m, d->today);
    html_raw(&r->out, "<br><span class=\"meta\">");
    if (!ended && *m->from_date && strcmp(m->from_date, d->today) > 0) html_raw(&r->out, "Kommande: gäller ");
    else html_raw(&r->out, "Gäller ");
    term_text(r, m);
    if (*m->ended_at) {
        html_printf(&r->out, "; avslutat %s", when_text(r, m->ended_at));
        if (*m->ended_by) html_printf(&r->out, " av %s", m->ended_by);
    }
    html_raw(&r->out, "</span>");
    if (*m->end_note) html_printf(&r->out, "<br><span class=\"why\">%s</span>", m->end_note);
    if (writer && !ended && !*m->ended_at) end_form(r, d, m, posted);
    html_raw(&r->out, "</li>");
}

void group_mandates_section(Request *r, const GroupDetail *d, const char *posted)
{
    bool writer = role_can_write(r->user.role);
    size_t ended = 0;
    for (size_t i = 0; i < d->nmandates; i++) ended += is_over(&d->mandates[i], d->today);
    html_raw(&r->out, "<section id=\"mandat\" aria-labelledby=\"h-mandates\"><h2 id=\"h-mandates\">Mandat och "
                      "delegationer</h2><p class=\"hint\">De som gruppen eller en roll i den har, de som gruppen har "
                      "gett eller delegerat, och de som ledamöterna bär personligen eller som chefer. Ett avslutat "
                      "mandat räknas inte i gruppens beslutskraft efter sista dagen.</p>");
    if (d->nmandates == ended) html_raw(&r->out, "<p>Inga gällande mandat eller delegationer är registrerade.</p>");
    else html_raw(&r->out, "<ul class=\"mandates\" aria-label=\"Gällande och kommande mandat\">");
    for (size_t i = 0; i < d->nmandates; i++) {
        const Mandate *m = &d->mandates[i];
        if (!is_over(m, d->today)) mandate_item(r, d, m, writer, posted);
    }
    if (d->nmandates > ended) html_raw(&r->out, "</ul>");
    if (ended) {
        html_printf(&r->out, "<details class=\"ended-mandates\"><summary>Avslutade och upphörda mandat (%zu)</summary>"
                             "<ul class=\"mandates\" aria-label=\"Avslutade och upphörda mandat\">",
                    ended);
        for (size_t i = 0; i < d->nmandates; i++) {
            const Mandate *m = &d->mandates[i];
            if (is_over(m, d->today)) mandate_item(r, d, m, writer, posted);
        }
        html_raw(&r->out, "</ul></details>");
    }
    html_raw(&r->out, "</section>");
}

void page_group_mandate_end(Request *r)
{
    long long id, mandate;
    if (!arg_id_or_reply(r, 0, &id) || !arg_id_or_reply(r, 1, &mandate)) return;
    Err e = ERR_INIT;
    Group g;
    if (group_get(r->db, id, &g, &e)) { /* the page's group must exist before anything ends */
        reply_err(r, &e);
        return;
    }
    group_free(&g);
    if (mandate_end(r->db, &r->user, mandate, group_form_blank_null(form_param(r, "on")),
                    group_form_blank_null(form_param(r, "note")), &e)) {
        group_page(r, id, &e, arena_printf(&r->arena, "mandate-end-%lld", mandate));
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=mandate-ended#mandat", id));
}
