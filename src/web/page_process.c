/*
 * page_process.c — the processes as the organisation has defined them
 * (GET /processes and /processes/{key}): which origins go where, the
 * diagram, and every step with its checklist, bodies and transitions.
 * Read-only: definitions are files, not edited through the web.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"

static void origin_list(Request *r, const ProcessDef *def)
{
    html_raw(&r->out, "<ul class=\"plain\">");
    for (size_t i = 0; i < def->norigins; i++)
        html_printf(&r->out, "<li>%d – %s</li>", def->origins[i], origin_label(def->origins[i]));
    html_raw(&r->out, "</ul>");
}

static void process_row(Request *r, const ProcessDef *def)
{
    html_printf(&r->out, "<tr><th scope=\"row\" class=\"ref\"><a href=\"%s\">Process %s</a></th><td>%s",
                url(r, "/processes/%s", def->key), def->key, def->name);
    if (def->is_default) html_raw(&r->out, " <span class=\"badge default\">Standardförslag</span>");
    html_raw(&r->out, "</td><td>");
    origin_list(r, def);
    html_printf(&r->out, "</td><td class=\"num\">%zu</td></tr>", def->nsteps);
}

void page_process_list(Request *r)
{
    const ProcessSet *ps = r->cfg->ps;
    page_begin(r, "Processer");
    html_raw(&r->out, "<h1>Processer</h1><p>Ett ärende följer den process som dess ursprung leder till. "
                      "Processerna är organisationens egna definitioner och kan ändras.</p>"
                      "<table><thead><tr><th scope=\"col\">Process</th><th scope=\"col\">Namn</th>"
                      "<th scope=\"col\">Ursprung</th><th scope=\"col\" class=\"num\">Antal steg</th></tr></thead>"
                      "<tbody>");
    for (size_t i = 0; i < ps->n; i++) process_row(r, ps->defs[i]);
    html_raw(&r->out, "</tbody></table>");
    page_end(r);
}

/* A heading and a list of names, nothing when the list is empty. */
static void name_list(Request *r, const char *heading, char **names, size_t n)
{
    if (!n) return;
    html_printf(&r->out, "<h4>%s</h4><ul>", heading);
    for (size_t i = 0; i < n; i++) html_printf(&r->out, "<li>%s</li>", names[i]);
    html_raw(&r->out, "</ul>");
}

static void checklist(Request *r, const Step *s)
{
    if (!s->nitems) return;
    html_raw(&r->out, "<h4>Checklista</h4><ul>");
    for (size_t i = 0; i < s->nitems; i++) {
        html_printf(&r->out, "<li>%s", s->items[i].text);
        if (s->items[i].required) html_raw(&r->out, " <span class=\"req\">(obligatorisk)</span>");
        if (s->items[i].help) html_printf(&r->out, "<br><span class=\"help\">%s</span>", s->items[i].help);
        html_raw(&r->out, "</li>");
    }
    html_raw(&r->out, "</ul>");
}

/* "Kräver: kommentar, registrerad förankring" — what the engine checks. */
static void requirements(Request *r, const Transition *t)
{
    const char *needs[3];
    size_t n = 0;
    if (t->needs_note) needs[n++] = "kommentar";
    if (t->needs_consultation) needs[n++] = "registrerad förankring";
    if (t->needs_decision) needs[n++] = "registrerat beslut";
    if (!n) return;
    html_raw(&r->out, "<br><span class=\"help\">Kräver: ");
    for (size_t i = 0; i < n; i++) html_printf(&r->out, "%s%s", i ? ", " : "", needs[i]);
    html_raw(&r->out, "</span>");
}

static void transition_item(Request *r, const ProcessDef *def, const Transition *t)
{
    html_printf(&r->out, "<li>%s → %s", t->label, step_name_of(r->cfg->ps, def->key, t->to));
    if (t->back) html_raw(&r->out, " <span class=\"badge back\">tillbaka</span>");
    if (t->when) html_printf(&r->out, "<br><span class=\"when\">När: %s</span>", t->when);
    requirements(r, t);
    html_raw(&r->out, "</li>");
}

static void step_section(Request *r, const ProcessDef *def, const Step *s, size_t i)
{
    html_printf(&r->out, "<section class=\"step-card\" id=\"steg-%s\"><h3>%zu. %s "
                         "<span class=\"badge kind-%s\">%s</span></h3>",
                s->key, i + 1, s->name, step_kind_class(s->kind), step_kind_label(s->kind));
    if (s->responsible) html_printf(&r->out, "<p><strong>Ansvarig:</strong> %s</p>", s->responsible);
    if (s->description) html_printf(&r->out, "<p class=\"prewrap\">%s</p>", s->description);
    checklist(r, s);
    name_list(r, "Hörs i förankring", s->consult, s->nconsult);
    name_list(r, "Beslutande organ", s->deciders, s->ndeciders);
    if (s->ntransitions) {
        html_raw(&r->out, "<h4>Övergångar</h4><ul>");
        for (size_t k = 0; k < s->ntransitions; k++) transition_item(r, def, &s->transitions[k]);
        html_raw(&r->out, "</ul>");
    } else {
        html_raw(&r->out, "<p>Slutsteg: ärendet är avslutat här.</p>");
    }
    html_raw(&r->out, "</section>");
}

static void process_head(Request *r, const ProcessDef *def)
{
    html_printf(&r->out, "<h1>Process %s – %s</h1>", def->key, def->name);
    if (def->is_default)
        html_raw(&r->out, "<p class=\"notice\">Det här är ett standardförslag som organisationen kan ändra.</p>");
    if (def->description) html_printf(&r->out, "<p class=\"prewrap\">%s</p>", def->description);
    html_raw(&r->out, "<h2>Ursprung som leder hit</h2>");
    origin_list(r, def);
}

void page_process_view(Request *r)
{
    const ProcessDef *def = process_find(r->cfg->ps, r->args[0]);
    if (!def) {
        reply_error(r, 404, "Processen finns inte.");
        return;
    }
    page_begin(r, def->name);
    process_head(r, def);
    html_raw(&r->out, "<h2>Flöde</h2><figure class=\"diagram\">");
    process_svg(&r->out, def, NULL);
    html_printf(&r->out, "<figcaption>Processens steg och övergångar. Definitionen finns i %s.</figcaption></figure>"
                         "<h2>Steg</h2>",
                def->source);
    for (size_t i = 0; i < def->nsteps; i++) step_section(r, def, &def->steps[i], i);
    page_end(r);
}
