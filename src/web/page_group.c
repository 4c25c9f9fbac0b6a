/*
 * page_group.c — GET /groups/{id}: one group as an official reads it: what
 * it is, the problems in its composition, where it reports and escalates
 * (an inline SVG with the same path in words beside it), its members, its
 * power as the mandates its members carry, and its commission document with
 * every earlier version, its mandates in force and ended, and its history.
 * For those who may write, the forms that keep it (web/page_group_forms.c,
 * web/page_group_edit.c) sit beside what they change; a refused form brings
 * the page back with the message and what was typed.
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

/* --- the reporting and escalation diagram ---------------------------------------------------- */

enum { BOX_W = 380, BOX_H = 46, GAP = 30, SUB_W = 220, SUB_GAP = 16, MARGIN = 10, NAME_CHARS = 50, SUB_CHARS = 26 };

/* At most `max` characters of a UTF-8 name, with "…" when cut; arena. */
static const char *clip(Request *r, const char *s, size_t max)
{
    if (utf8_length(s) <= max) return s;
    size_t chars = 0, i = 0;
    for (; s[i] && chars < max - 1; chars++) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) i++;
    }
    return arena_printf(&r->arena, "%.*s…", (int)i, s);
}

static void box(Request *r, int x, int y, int w, const Group *g, bool here, size_t chars)
{
    html_printf(&r->out, "<g class=\"rep-node%s\"><title>%s (%s)</title>", here ? " here" : "", g->name,
                group_type_label(g->type));
    html_printf(&r->out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"></rect>", x, y, w, BOX_H);
    html_printf(&r->out, "<text x=\"%d\" y=\"%d\" class=\"rep-name\">%s</text>", x + w / 2, y + 20,
                clip(r, g->name, chars));
    html_printf(&r->out, "<text x=\"%d\" y=\"%d\" class=\"rep-type\">%s</text></g>", x + w / 2, y + 37,
                group_type_key(g->type));
}

/* An arrow from the lower box's top up to the upper box's bottom: reports to. */
static void arrow(Request *r, int x1, int y1, int x2, int y2)
{
    html_printf(&r->out, "<line class=\"rep-edge\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                         "marker-end=\"url(#rep-arrow)\"></line>",
                x1, y1, x2, y2 + 3);
}

/* From the top of the path down to the group, and its subgroups below it. */
static void report_svg(Request *r, const GroupDetail *d)
{
    size_t ns = d->nsubgroups;
    int row_w = ns ? (int)ns * SUB_W + ((int)ns - 1) * SUB_GAP : 0;
    int width = (row_w > BOX_W ? row_w : BOX_W) + 2 * MARGIN;
    int levels = (int)d->npath + 1 + (ns ? 1 : 0);
    int height = levels * BOX_H + (levels - 1) * GAP + 2 * MARGIN;
    int cx = width / 2;
    html_printf(&r->out,
                "<svg class=\"rep-diagram\" role=\"img\" aria-labelledby=\"rep-title rep-desc\" width=\"%d\" "
                "height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">"
                "<title id=\"rep-title\">Rapportering och eskalering för %s</title><desc id=\"rep-desc\">",
                width, height, width, height, d->group.name);
    if (d->npath) {
        html_printf(&r->out, "%s rapporterar till ", d->group.name);
        for (size_t i = 0; i < d->npath; i++) html_printf(&r->out, "%s%s", i ? ", som rapporterar till " : "", d->path[i].name);
        html_raw(&r->out, ".");
    } else {
        html_printf(&r->out, "%s rapporterar inte till någon annan grupp.", d->group.name);
    }
    if (ns) {
        html_raw(&r->out, " Till gruppen rapporterar ");
        for (size_t i = 0; i < ns; i++) html_printf(&r->out, "%s%s", i ? ", " : "", d->subgroups[i].name);
        html_raw(&r->out, ".");
    }
    html_raw(&r->out, "</desc><defs><marker id=\"rep-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                      "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
                      "<path d=\"M0,0 L10,5 L0,10 z\" class=\"rep-head\"></path></marker></defs>");
    int y = MARGIN;
    for (size_t k = d->npath; k-- > 0;) { /* the top first */
        box(r, cx - BOX_W / 2, y, BOX_W, &d->path[k], false, NAME_CHARS);
        arrow(r, cx, y + BOX_H + GAP, cx, y + BOX_H);
        y += BOX_H + GAP;
    }
    box(r, cx - BOX_W / 2, y, BOX_W, &d->group, true, NAME_CHARS);
    if (ns) {
        int top = y + BOX_H, sy = top + GAP, x = cx - row_w / 2;
        for (size_t i = 0; i < ns; i++, x += SUB_W + SUB_GAP) {
            box(r, x, sy, SUB_W, &d->subgroups[i], false, SUB_CHARS);
            arrow(r, x + SUB_W / 2, sy, cx, top);
        }
    }
    html_raw(&r->out, "</svg>");
}

static void report_section(Request *r, const GroupDetail *d)
{
    html_raw(&r->out, "<h2>Rapportering och eskalering</h2><div class=\"rep\">");
    report_svg(r, d);
    html_raw(&r->out, "<div><h3 class=\"visually-hidden\">I ord</h3>");
    if (d->npath) {
        html_raw(&r->out, "<p>Gruppen rapporterar, och eskalerar frågor, i denna ordning:</p><ol>");
        for (size_t i = 0; i < d->npath; i++)
            html_printf(&r->out, "<li><a href=\"%s\">%s</a> <span class=\"meta\">(%s)</span></li>",
                        url(r, "/groups/%lld", d->path[i].id), d->path[i].name, group_type_label(d->path[i].type));
        html_raw(&r->out, "</ol>");
    } else {
        html_raw(&r->out, "<p>Gruppen rapporterar inte till någon annan grupp i Lots.</p>");
    }
    if (d->nsubgroups) {
        html_raw(&r->out, "<p>Till gruppen rapporterar:</p><ul>");
        for (size_t i = 0; i < d->nsubgroups; i++)
            html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", url(r, "/groups/%lld", d->subgroups[i].id),
                        d->subgroups[i].name);
        html_raw(&r->out, "</ul>");
    }
    html_raw(&r->out, "</div></div>");
}

/* --- facts, problems, members, power ------------------------------------------------------------ */

static void yes_no(Request *r, const char *label, bool v)
{
    html_printf(&r->out, "<dt>%s</dt><dd>%s</dd>", label, v ? "Ja" : "Nej");
}

static void facts(Request *r, const GroupDetail *d)
{
    const Group *g = &d->group;
    html_printf(&r->out, "<dl class=\"facts\"><dt>Typ</dt><dd>%s</dd>", group_type_label(g->type));
    if (*g->short_name) html_printf(&r->out, "<dt>Kortnamn</dt><dd>%s</dd>", g->short_name);
    if (g->body_id)
        html_raw(&r->out, "<dt>Organ i ärenden</dt><dd>Ja: gruppen kan förankra och besluta i ärenden</dd>");
    if (*g->unit_name) html_printf(&r->out, "<dt>Enhet</dt><dd>%s</dd>", g->unit_name);
    if (g->parent_id)
        html_printf(&r->out, "<dt>Hör till</dt><dd><a href=\"%s\">%s</a></dd>", url(r, "/groups/%lld", g->parent_id),
                    g->parent_name);
    if (g->reports_to_id)
        html_printf(&r->out, "<dt>Rapporterar till</dt><dd><a href=\"%s\">%s</a></dd>",
                    url(r, "/groups/%lld", g->reports_to_id), g->reports_to_name);
    yes_no(r, "Patientföreträdare eftersträvas", g->seeks_patient_rep);
    yes_no(r, "Kommunala delar", g->has_municipal_parts);
    yes_no(r, "Ska vara multiprofessionell", g->multiprofessional);
    if (g->type == GT_LPO)
        html_printf(&r->out, "<dt>Godkänd av RMKS</dt><dd>%s</dd>",
                    *g->rmks_approved_on ? g->rmks_approved_on : "Nej, inte ännu");
    html_raw(&r->out, "</dl>");
    if (*g->description) html_printf(&r->out, "<p class=\"prewrap\">%s</p>", g->description);
}

static void problems(Request *r, const GroupDetail *d)
{
    html_raw(&r->out, "<h2>Sammansättning</h2>");
    if (!d->problems.n) {
        html_printf(&r->out, "<p class=\"final\">Inga problem i sammansättningen (kontrollerat %s).</p>", d->today);
        return;
    }
    html_printf(&r->out, "<div class=\"blocked\"><p>%zu problem i sammansättningen (kontrollerat %s):</p>"
                         "<ul class=\"problems\">",
                d->problems.n, d->today);
    for (size_t i = 0; i < d->problems.n; i++) html_printf(&r->out, "<li>%s</li>", d->problems.items[i].message);
    html_raw(&r->out, "</ul></div>");
}

/* For writers, a last cell with the form that changes a membership not ended. */
static void member_row(Request *r, const GroupDetail *d, const GroupMember *m, bool former, const char *form)
{
    html_printf(&r->out, "<tr><td>%s</td><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td class=\"date\">%s</td>"
                         "<td class=\"date\">%s",
                group_role_key(m->role), m->person_name,
                *m->municipality_name ? m->municipality_name : m->person_title, m->professions, m->from_date,
                former ? m->ended_on : m->to_date);
    if (m->term_passed) html_raw(&r->out, " <span class=\"badge ful-not-met\">utgånget</span>");
    html_raw(&r->out, "</td>");
    if (role_can_write(r->user.role)) {
        html_raw(&r->out, "<td>");
        if (!*m->ended_on) group_member_term_form(r, d, m, form);
        html_raw(&r->out, "</td>");
    }
    html_raw(&r->out, "</tr>");
}

static void members_table(Request *r, const GroupDetail *d, bool former, const char *form)
{
    html_printf(&r->out, "<table><caption class=\"visually-hidden\">%s</caption><thead><tr>"
                         "<th scope=\"col\">Roll</th><th scope=\"col\">Namn</th><th scope=\"col\">Titel eller kommun</th>"
                         "<th scope=\"col\">Profession</th><th scope=\"col\">Från</th><th scope=\"col\">%s</th>",
                former ? "Tidigare och kommande ledamöter" : "Nuvarande ledamöter", former ? "Slutade" : "Till");
    if (role_can_write(r->user.role)) html_raw(&r->out, "<th scope=\"col\">Roll och mandattid</th>");
    html_raw(&r->out, "</tr></thead><tbody>");
    for (size_t i = 0; i < d->nmembers; i++)
        if (d->members[i].current != former) member_row(r, d, &d->members[i], former, form);
    html_raw(&r->out, "</tbody></table>");
}

static void members(Request *r, const GroupDetail *d, const char *form)
{
    size_t current = 0;
    for (size_t i = 0; i < d->nmembers; i++) current += d->members[i].current;
    html_raw(&r->out, "<h2>Ledamöter</h2>");
    if (current) members_table(r, d, false, form);
    else html_raw(&r->out, "<p>Inga nuvarande ledamöter är registrerade.</p>");
    if (d->nmembers > current) {
        bool open = form && !strncmp(form, "term-", 5); /* a refused change of a coming member's term */
        html_printf(&r->out, "<details%s><summary>Tidigare och kommande ledamöter (%zu)</summary>", open ? " open" : "",
                    d->nmembers - current);
        members_table(r, d, true, form);
        html_raw(&r->out, "</details>");
    }
}

void mandate_text(Request *r, const Mandate *m)
{
    char today[11];
    iso_today(today);
    html_printf(&r->out, "%s%s", m->delegation ? "Delegation: " : "", m->decides);
    if (*m->to_date && strcmp(m->to_date, today) < 0)
        html_printf(&r->out, " <span class=\"badge ful-not-met\">upphört %s</span>", m->to_date);
    if (m->within_mission) html_raw(&r->out, " <span class=\"badge status\">inom uppdraget</span>");
    if (m->within_budget) html_raw(&r->out, " <span class=\"badge status\">inom budget</span>");
    if (m->whole_area) html_raw(&r->out, " <span class=\"badge status\">hela ansvarsområdet</span>");
    if (*m->granted_by || *m->decision_ref) {
        html_raw(&r->out, "<br><span class=\"meta\">");
        if (*m->granted_by) html_printf(&r->out, "Givet av %s", m->granted_by);
        if (*m->decision_ref) html_printf(&r->out, "%s%s", *m->granted_by ? " – " : "", m->decision_ref);
        html_raw(&r->out, "</span>");
    }
}

static void power(Request *r, const GroupDetail *d)
{
    html_printf(&r->out, "<h2>Beslutskraft</h2><p>%s</p>", d->power.note);
    if (d->power.n) {
        html_raw(&r->out, "<ul class=\"power\">");
        for (size_t i = 0; i < d->power.n; i++) {
            const PowerItem *p = &d->power.items[i];
            html_printf(&r->out, "<li><strong>%s</strong> (%s): ", p->person_name, p->via);
            mandate_text(r, &p->mandate);
            html_raw(&r->out, "</li>");
        }
        html_raw(&r->out, "</ul>");
    }
    if (d->power.nown) {
        html_raw(&r->out, "<h3>Egna mandat som organ</h3><ul class=\"power\">");
        for (size_t i = 0; i < d->power.nown; i++) {
            html_raw(&r->out, "<li>");
            mandate_text(r, &d->power.own[i]);
            html_raw(&r->out, "</li>");
        }
        html_raw(&r->out, "</ul>");
    }
}

/* --- the commission -------------------------------------------------------------------------------- */

void commission_fields(Request *r, const Commission *c)
{
    const char *section = NULL;
    html_raw(&r->out, "<dl class=\"facts commission\">");
    for (int i = 0; i < COMM_N; i++) {
        const char *s = commission_field_section((CommissionField)i);
        if (s && (!section || strcmp(s, section))) {
            bool any = false; /* a heading only over fields that are filled in */
            for (int k = i; k < COMM_N && commission_field_section((CommissionField)k) == s; k++) any |= *c->f[k] != 0;
            if (any)
                html_printf(&r->out, "<dt class=\"section\">%s</dt><dd></dd>",
                            !strcmp(s, "arbetsorganisation") ? "Arbetsorganisation" : "Beslutsordning");
        }
        section = s;
        if (!*c->f[i]) continue;
        if (s) html_raw(&r->out, "<dt class=\"sub\">");
        else html_raw(&r->out, "<dt>");
        html_printf(&r->out, "%s</dt><dd class=\"prewrap\">%s</dd>", commission_field_label((CommissionField)i),
                    c->f[i]);
    }
    html_raw(&r->out, "</dl>");
}

/* The current version and, folded, the earlier ones. */
static void commission_versions_shown(Request *r, const GroupDetail *d)
{
    const Commission *c = &d->commission;
    html_printf(&r->out, "<p class=\"meta\">Version %d, registrerad %s", c->version, when_text(r, c->created_at));
    if (*c->created_by) html_printf(&r->out, " av %s", c->created_by);
    html_raw(&r->out, "</p>");
    if (*c->note) html_printf(&r->out, "<p class=\"why\">%s</p>", c->note);
    commission_fields(r, c);
    if (c->version < 2) return;
    Commission *v;
    size_t n;
    Err e = ERR_INIT;
    if (commission_versions(r->db, d->group.id, &v, &n, &e)) {
        error_box(r, e.msg);
        return;
    }
    html_printf(&r->out, "<details><summary>Tidigare versioner (%zu)</summary>", n - 1);
    for (size_t i = 1; i < n; i++) {
        html_printf(&r->out, "<h3><a href=\"%s\">Version %d (%s)</a></h3>",
                    url(r, "/groups/%lld/commission/%d", d->group.id, v[i].version), v[i].version, v[i].f[COMM_DATUM]);
        if (*v[i].note) html_printf(&r->out, "<p class=\"why\">%s</p>", v[i].note);
        commission_fields(r, &v[i]);
    }
    html_raw(&r->out, "</details>");
    commission_list_free(v, n);
}

static void commission(Request *r, const GroupDetail *d)
{
    bool writer = role_can_write(r->user.role);
    html_raw(&r->out, "<section id=\"uppdrag\" aria-label=\"Uppdragshandling\"><h2>Uppdragshandling</h2>");
    if (d->has_commission) commission_versions_shown(r, d);
    else html_raw(&r->out, "<p>Ingen uppdragshandling är registrerad för gruppen.</p>");
    if (writer || d->has_commission)
        html_printf(&r->out, "<p><a href=\"%s\">%s</a></p>", url(r, "/groups/%lld/commission", d->group.id),
                    writer ? "Registrera en ny version av uppdragshandlingen" : "Alla versioner av uppdragshandlingen");
    html_raw(&r->out, "</section>");
}

/* --- the history ------------------------------------------------------------------------------------- */

static void history(Request *r, const GroupDetail *d)
{
    if (!d->nhistory) return;
    html_printf(&r->out, "<section id=\"historik\" aria-labelledby=\"h-history\"><h2 id=\"h-history\">Historik</h2>"
                         "<details><summary>Vad som har hänt med gruppen (%zu)</summary><ol class=\"group-history\">",
                d->nhistory);
    for (size_t i = 0; i < d->nhistory; i++) {
        const GroupEvent *h = &d->history[i];
        html_printf(&r->out, "<li><span class=\"meta\">%s%s%s</span> %s", when_text(r, h->at), *h->user ? ", " : "",
                    h->user, h->summary);
        if (*h->note) html_printf(&r->out, "<br><span class=\"why\">%s</span>", h->note);
        html_raw(&r->out, "</li>");
    }
    html_raw(&r->out, "</ol></details></section>");
}

void group_page(Request *r, long long id, const Err *error, const char *form)
{
    GroupDetail d;
    Err e = ERR_INIT;
    if (group_detail(r->db, id, NULL, &d, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    bool writer = role_can_write(r->user.role);
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, d.group.name);
    html_printf(&r->out, "<p class=\"meta\"><a href=\"%s\">Grupper och organ</a></p><h1>%s</h1>", url(r, "/groups"),
                d.group.name);
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    facts(r, &d);
    if (writer) group_edit_form(r, &d, form);
    if (writer) group_rmks_form(r, &d, form);
    problems(r, &d);
    report_section(r, &d);
    members(r, &d, form);
    if (writer) group_member_forms(r, &d, form);
    power(r, &d);
    group_mandates_section(r, &d, form);
    if (writer) group_mandate_form(r, &d, form);
    commission(r, &d);
    history(r, &d);
    group_detail_free(&d);
    page_end(r);
}

void page_group_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) group_page(r, id, NULL, NULL);
}
