/*
 * page_group_forms.c — the forms of the group page, for those who may
 * write, and their POSTs, each through the core function the API uses:
 *   POST /groups/{id}/members          a new member (group_member_add)
 *   POST /groups/{id}/members/end      a membership ends (group_member_end;
 *                                      a kommunal representant leaving makes
 *                                      a task for the group's metodstöd)
 *   POST /groups/{id}/rmks             RMKS approved an LPO (group_set_rmks_approval)
 *   POST /groups/{id}/mandates         a mandate or delegation (mandate_add)
 * A success redirects to the group page with a notice; a refusal draws the
 * page again (group_page) with core's message and the posted form's values.
 * Each form sits in a <details> that is open when it was the one refused.
 * The helpers that write and refill these forms are shared with
 * web/page_group_edit.c (page_group.h).
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/org_options.h"
#include "web/page_group.h"
#include "base/html.h"
#include "base/text.h"

#include <string.h>

const char *group_form_kept(Request *r, bool posted, const char *name, const char *fallback)
{
    const char *v = posted ? form_param(r, name) : NULL;
    return v ? v : fallback ? fallback : "";
}

bool group_form_ticked(Request *r, const char *name)
{
    return !is_blank(form_param(r, name));
}

bool group_form_is(const char *posted, const char *form)
{
    return posted && !strcmp(posted, form);
}

void group_form_begin(Request *r, const char *cls, bool open, const char *summary, const char *action)
{
    html_printf(&r->out, "<details class=\"%s\"%s><summary>%s</summary>"
                         "<form method=\"post\" action=\"%s\" class=\"stack\">",
                cls, open ? " open" : "", summary, action);
    csrf_field(r);
}

void group_form_end(Request *r, const char *button)
{
    html_printf(&r->out, "<button type=\"submit\">%s</button></form></details>", button);
}

void group_date_field(Request *r, const char *id, const char *name, const char *label, const char *value)
{
    html_printf(&r->out, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"date\" value=\"%s\">", id,
                label, id, name, value);
}

/* --- members ------------------------------------------------------------------------------------ */

static void add_member_form(Request *r, const GroupDetail *d, bool posted)
{
    group_form_begin(r, "group-form", posted, "Lägg till en ledamot", url(r, "/groups/%lld/members", d->group.id));
    html_raw(&r->out, "<label for=\"m-person\">Person (obligatorisk)</label>"
                      "<select id=\"m-person\" name=\"person\" required><option value=\"\">Välj person</option>");
    options_people(r, group_form_kept(r, posted, "person", NULL));
    html_raw(&r->out, "</select><label for=\"m-role\">Roll</label><select id=\"m-role\" name=\"role\">");
    options_group_roles(r, group_form_kept(r, posted, "role", "ledamot"));
    html_raw(&r->out, "</select><label for=\"m-muni\">Kommun som representeras</label>"
                      "<select id=\"m-muni\" name=\"municipality\" aria-describedby=\"m-muni-hint\">"
                      "<option value=\"\">Personens egen kommun</option>");
    options_municipalities(r, group_form_kept(r, posted, "municipality", NULL));
    html_printf(&r->out, "</select><p class=\"hint\" id=\"m-muni-hint\">Bara för en kommunal representant.</p>");
    group_date_field(r, "m-from", "from", "Från", group_form_kept(r, posted, "from", NULL));
    group_date_field(r, "m-to", "to", "Till (uppdragets slut)", group_form_kept(r, posted, "to", NULL));
    html_raw(&r->out, "<p class=\"hint\">Tomma datum: från i dag, utan slutdatum.</p>");
    group_form_end(r, "Lägg till ledamoten");
}

static void end_member_form(Request *r, const GroupDetail *d, bool posted)
{
    size_t open = 0;
    for (size_t i = 0; i < d->nmembers; i++) open += !*d->members[i].ended_on;
    if (!open) return;
    group_form_begin(r, "group-form", posted, "Avsluta ett uppdrag",
                     url(r, "/groups/%lld/members/end", d->group.id));
    const char *chosen = group_form_kept(r, posted, "member", NULL);
    html_raw(&r->out, "<label for=\"e-member\">Uppdrag (obligatoriskt)</label>"
                      "<select id=\"e-member\" name=\"member\" required><option value=\"\">Välj uppdrag</option>");
    for (size_t i = 0; i < d->nmembers; i++) {
        const GroupMember *m = &d->members[i];
        if (*m->ended_on) continue;
        const char *id = arena_printf(&r->arena, "%lld", m->id);
        html_printf(&r->out, "<option value=\"%s\"%s>%s – %s", id, !strcmp(id, chosen) ? " selected" : "",
                    m->person_name, group_role_key(m->role));
        if (*m->municipality_name) html_printf(&r->out, " för %s", m->municipality_name);
        html_raw(&r->out, "</option>");
    }
    html_raw(&r->out, "</select>");
    group_date_field(r, "e-on", "on", "Slutdatum (tomt: i dag)", group_form_kept(r, posted, "on", NULL));
    html_printf(&r->out,
                "<label for=\"e-note\">Kommentar</label><textarea id=\"e-note\" name=\"note\" rows=\"2\" "
                "maxlength=\"1000\">%s</textarea>"
                "<p class=\"hint\">När en kommunal representant slutar får gruppens metodstöd en uppgift: att "
                "stämma av en efterträdare med ordföranden (och vid behov med områdeschefen för Välfärd och "
                "folkhälsa). Saknas metodstöd går uppgiften till ordföranden.</p>",
                group_form_kept(r, posted, "note", NULL));
    group_form_end(r, "Avsluta uppdraget");
}

void group_member_forms(Request *r, const GroupDetail *d, const char *posted)
{
    add_member_form(r, d, group_form_is(posted, "member"));
    end_member_form(r, d, group_form_is(posted, "end"));
}

void page_group_member_add(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    const char *muni = form_param(r, "municipality");
    MemberNew in = {form_param(r, "person"), form_param(r, "role"), is_blank(muni) ? NULL : muni, NULL, NULL};
    in.from = is_blank(form_param(r, "from")) ? NULL : form_param(r, "from");
    in.to = is_blank(form_param(r, "to")) ? NULL : form_param(r, "to");
    Err e = ERR_INIT;
    if (group_member_add(r->db, &r->user, id, &in, NULL, &e)) {
        group_page(r, id, &e, "member");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=member-added", id));
}

void page_group_member_end(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    long member = 0;
    const char *on = form_param(r, "on"), *note = form_param(r, "note");
    int tasks = 0;
    Err e = ERR_INIT;
    if (!parse_long(form_param(r, "member"), &member) || member <= 0)
        err_set(&e, ERR_INVALID, "Välj vilket uppdrag som ska avslutas.");
    else
        group_member_end(r->db, &r->user, id, member, is_blank(on) ? NULL : on, is_blank(note) ? NULL : note, &tasks,
                         &e);
    if (e.code) {
        group_page(r, id, &e, "end");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=%s", id, tasks ? "member-ended-task" : "member-ended"));
}

/* --- RMKS approval of an LPO ---------------------------------------------------------------------- */

void group_rmks_form(Request *r, const GroupDetail *d, const char *posted)
{
    if (d->group.type != GT_LPO) return;
    bool mine = group_form_is(posted, "rmks");
    group_form_begin(r, "group-form", mine,
                     *d->group.rmks_approved_on ? "Registrera ett nytt godkännande av RMKS"
                                                : "Registrera RMKS godkännande",
                     url(r, "/groups/%lld/rmks", d->group.id));
    html_raw(&r->out, "<p class=\"hint\">Rådet för medicinskt kunskapsstöd (RMKS) godkänner det lokala "
                      "programområdets sammansättning.</p>");
    group_date_field(r, "r-date", "date", "Dag då RMKS godkände (obligatorisk)",
                     group_form_kept(r, mine, "date", NULL));
    group_form_end(r, "Registrera godkännandet");
}

void page_group_rmks(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    Err e = ERR_INIT;
    if (group_set_rmks_approval(r->db, &r->user, id, form_param(r, "date"), &e)) {
        group_page(r, id, &e, "rmks");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=rmks", id));
}

/* --- mandates and delegations ----------------------------------------------------------------------- */

static void check(Request *r, const char *id, const char *name, const char *label, bool on)
{
    html_printf(&r->out, "<div class=\"choice\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s>"
                         "<label for=\"%s\">%s</label></div>",
                id, name, on ? " checked" : "", id, label);
}

void group_mandate_form(Request *r, const GroupDetail *d, const char *posted)
{
    bool mine = group_form_is(posted, "mandate");
    group_form_begin(r, "group-form", mine, "Nytt mandat eller ny delegation",
                     url(r, "/groups/%lld/mandates", d->group.id));
    const char *holder = group_form_kept(r, mine, "holder", "ordförande");
    html_printf(&r->out, "<label for=\"d-holder\">Vem mandatet gäller</label><select id=\"d-holder\" name=\"holder\">"
                         "<option value=\"group\"%s>Gruppen som organ</option><optgroup label=\"En roll i gruppen\">",
                !strcmp(holder, "group") ? " selected" : "");
    options_group_roles(r, holder);
    html_printf(&r->out, "</optgroup><option value=\"person\"%s>En person (välj nedan)</option></select>"
                         "<label for=\"d-person\">Person</label><select id=\"d-person\" name=\"person\">"
                         "<option value=\"\">Ingen</option>",
                !strcmp(holder, "person") ? " selected" : "");
    options_people(r, group_form_kept(r, mine, "person", NULL));
    html_printf(&r->out,
                "</select><label for=\"d-decides\">Vad får beslutas (obligatoriskt)</label>"
                "<textarea id=\"d-decides\" name=\"decides\" rows=\"2\" required maxlength=\"1000\">%s</textarea>"
                "<fieldset><legend>Omfattning</legend>",
                group_form_kept(r, mine, "decides", NULL));
    check(r, "d-mission", "within_mission", "Inom uppdraget", mine && group_form_ticked(r, "within_mission"));
    check(r, "d-budget", "within_budget", "Inom budget", mine && group_form_ticked(r, "within_budget"));
    check(r, "d-whole", "whole_area", "Hela ansvarsområdet", mine && group_form_ticked(r, "whole_area"));
    html_raw(&r->out, "</fieldset>");
    check(r, "d-delegation", "delegation", "Delegation: ett organ har delegerat beslutet",
          mine && group_form_ticked(r, "delegation"));
    html_raw(&r->out, "<label for=\"d-granted\">Givet eller delegerat av (grupp eller organ)</label>"
                      "<select id=\"d-granted\" name=\"granted_by\"><option value=\"\">Ingen grupp</option>");
    options_groups(r, group_form_kept(r, mine, "granted_by", NULL));
    html_printf(&r->out,
                "</select><label for=\"d-granted-text\">eller i ord</label>"
                "<input id=\"d-granted-text\" name=\"granted_by_text\" maxlength=\"200\" value=\"%s\" "
                "placeholder=\"Reglemente, Regiondirektören\">"
                "<label for=\"d-ref\">Beslutshänvisning</label>"
                "<input id=\"d-ref\" name=\"decision_ref\" maxlength=\"200\" value=\"%s\" "
                "placeholder=\"SSN 2024-03-12 § 41\">",
                group_form_kept(r, mine, "granted_by_text", NULL), group_form_kept(r, mine, "decision_ref", NULL));
    group_date_field(r, "d-from", "from", "Gäller från", group_form_kept(r, mine, "from", NULL));
    group_date_field(r, "d-to", "to", "Gäller till", group_form_kept(r, mine, "to", NULL));
    group_form_end(r, "Registrera mandatet");
}

const char *group_form_blank_null(const char *s)
{
    return is_blank(s) ? NULL : s;
}

void page_group_mandate(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    const char *holder = form_param(r, "holder"), *group = arena_printf(&r->arena, "%lld", id);
    MandateNew in = {0};
    if (holder && !strcmp(holder, "person")) in.person = form_param(r, "person");
    else in.group = group, in.role = holder && strcmp(holder, "group") ? holder : NULL;
    in.decides = form_param(r, "decides");
    in.within_mission = group_form_ticked(r, "within_mission");
    in.within_budget = group_form_ticked(r, "within_budget");
    in.whole_area = group_form_ticked(r, "whole_area");
    in.delegation = group_form_ticked(r, "delegation");
    in.granted_by = group_form_blank_null(form_param(r, "granted_by"));
    in.granted_by_text = group_form_blank_null(form_param(r, "granted_by_text"));
    in.decision_ref = group_form_blank_null(form_param(r, "decision_ref"));
    in.from = group_form_blank_null(form_param(r, "from"));
    in.to = group_form_blank_null(form_param(r, "to"));
    Err e = ERR_INIT;
    Group g;
    if (group_get(r->db, id, &g, &e)) { /* the page's group, whatever the holder */
        reply_err(r, &e);
        return;
    }
    group_free(&g);
    if (mandate_add(r->db, &r->user, &in, NULL, &e)) {
        group_page(r, id, &e, "mandate");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=mandate", id));
}
