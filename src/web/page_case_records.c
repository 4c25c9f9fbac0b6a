/*
 * page_case_records.c — what a case collects: links to plan items, and the
 * answers of consulted bodies (förankring) and decisions (beslut) from every
 * step, with the forms to add them when the current step allows it.
 * A läsare sees the tables only.
 */
#include "web/page_case.h"
#include "web/form_options.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

/* --- links ------------------------------------------------------------------ */

static void unlink_form(const CaseView *v, const CaseLink *l)
{
    Request *r = v->r;
    html_printf(&r->out, "<form method=\"post\" action=\"%s\">",
                url(r, "/cases/%lld/links/%lld/delete", v->d->c.id, l->plan_item_id));
    csrf_field(r);
    html_printf(&r->out,
                "<button type=\"submit\" class=\"secondary small\">Ta bort"
                "<span class=\"visually-hidden\"> kopplingen till %s %s</span></button></form>",
                l->code, l->title);
}

static void links_table(const CaseView *v)
{
    Request *r = v->r;
    const CaseDetail *d = v->d;
    if (!d->nlinks) {
        html_raw(&r->out, "<p>Ärendet är inte kopplat till någon planpunkt ännu.</p>");
        return;
    }
    html_raw(&r->out, "<table><thead><tr><th scope=\"col\">Plan</th><th scope=\"col\">Kod</th>"
                      "<th scope=\"col\">Planpunkt</th><th scope=\"col\">Kommentar</th>");
    if (v->can_write) html_raw(&r->out, "<th scope=\"col\"><span class=\"visually-hidden\">Ta bort</span></th>");
    html_raw(&r->out, "</tr></thead><tbody>");
    for (size_t i = 0; i < d->nlinks; i++) {
        const CaseLink *l = &d->links[i];
        html_printf(&r->out, "<tr><td>%s</td><td>%s</td><th scope=\"row\">%s</th><td class=\"prewrap\">%s</td>",
                    l->plan_name, l->code, l->title, l->note);
        if (v->can_write) {
            html_raw(&r->out, "<td>");
            unlink_form(v, l);
            html_raw(&r->out, "</td>");
        }
        html_raw(&r->out, "</tr>");
    }
    html_raw(&r->out, "</tbody></table>");
}

static void link_form(const CaseView *v)
{
    Request *r = v->r;
    const char *chosen = kept(v, "links", NULL, NULL, "plan_item", NULL);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack entry\">",
                url(r, "/cases/%lld/links", v->d->c.id));
    csrf_field(r);
    html_raw(&r->out, "<fieldset><legend>Ny koppling</legend><label for=\"l-item\">Planpunkt</label>"
                      "<select id=\"l-item\" name=\"plan_item\" required>");
    options_plan_items(r, chosen ? strtoll(chosen, NULL, 10) : 0);
    html_printf(&r->out,
                "</select><label for=\"l-note\">Kommentar (valfri)</label>"
                "<input id=\"l-note\" name=\"note\" maxlength=\"4000\" value=\"%s\">"
                "<button type=\"submit\">Koppla</button></fieldset></form>",
                kept(v, "links", NULL, NULL, "note", ""));
}

void case_section_links(const CaseView *v)
{
    html_raw(&v->r->out, "<section id=\"kopplingar\" aria-labelledby=\"h-links\">"
                         "<h2 id=\"h-links\">Kopplingar till strategi och planer</h2>");
    links_table(v);
    if (v->can_write) link_form(v);
    html_raw(&v->r->out, "</section>");
}

/* --- förankring and beslut --------------------------------------------------- */

static void consultations_table(const CaseView *v)
{
    Request *r = v->r;
    const CaseDetail *d = v->d;
    html_raw(&r->out, "<h3>Förankring</h3>");
    if (!d->nconsultations) {
        html_raw(&r->out, "<p>Ingen förankring registrerad.</p>");
        return;
    }
    html_raw(&r->out, "<table><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Organ</th>"
                      "<th scope=\"col\">Svar</th><th scope=\"col\">Steg</th><th scope=\"col\">Kommentar</th>"
                      "<th scope=\"col\">Registrerad av</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->nconsultations; i++) {
        const Consultation *k = &d->consultations[i];
        html_printf(&r->out,
                    "<tr><td>%s</td><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td class=\"prewrap\">%s</td>"
                    "<td>%s</td></tr>",
                    k->consulted_on, k->body, consultation_answer_label(k->answer),
                    step_name_of(r->cfg->ps, d->c.process, k->step), k->note, k->created_by);
    }
    html_raw(&r->out, "</tbody></table>");
}

static void decisions_table(const CaseView *v)
{
    Request *r = v->r;
    const CaseDetail *d = v->d;
    html_raw(&r->out, "<h3>Beslut</h3>");
    if (!d->ndecisions) {
        html_raw(&r->out, "<p>Inget beslut registrerat.</p>");
        return;
    }
    html_raw(&r->out, "<table><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Beslutande organ</th>"
                      "<th scope=\"col\">Paragraf</th><th scope=\"col\">Beslutstext</th><th scope=\"col\">Steg</th>"
                      "<th scope=\"col\">Registrerad av</th></tr></thead><tbody>");
    for (size_t i = 0; i < d->ndecisions; i++) {
        const Decision *k = &d->decisions[i];
        html_printf(&r->out,
                    "<tr><td>%s</td><th scope=\"row\">%s</th><td>%s</td><td class=\"prewrap\">%s</td><td>%s</td>"
                    "<td>%s</td></tr>",
                    k->decided_on, k->body, k->paragraph, k->text, step_name_of(r->cfg->ps, d->c.process, k->step),
                    k->created_by);
    }
    html_raw(&r->out, "</tbody></table>");
}

/* The latest answer of `body` in the current step, or NULL. */
static const Consultation *answer_in_step(const CaseDetail *d, const char *body)
{
    const Consultation *found = NULL;
    for (size_t i = 0; i < d->nconsultations; i++)
        if (!strcmp(d->consultations[i].step, d->step->key) && !strcmp(d->consultations[i].body, body))
            found = &d->consultations[i];
    return found;
}

/* Which of the bodies the process names have answered in this step. */
static void consult_status(const CaseView *v)
{
    Request *r = v->r;
    const Step *s = v->d->step;
    if (!s->nconsult) return;
    html_raw(&r->out, "<p>Ska höras i det här steget enligt processen:</p><ul class=\"consult-status\">");
    for (size_t i = 0; i < s->nconsult; i++) {
        const Consultation *k = answer_in_step(v->d, s->consult[i]);
        html_printf(&r->out, "<li>%s – %s</li>", s->consult[i],
                    k ? consultation_answer_label(k->answer) : "inte hörd ännu");
    }
    html_raw(&r->out, "</ul>");
}

static void consult_form(const CaseView *v)
{
    Request *r = v->r;
    char today[11];
    iso_today(today);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack entry\"><h3>Registrera förankring</h3>",
                url(r, "/cases/%lld/consultations", v->d->c.id));
    csrf_field(r);
    html_raw(&r->out, "<label for=\"k-body\">Organ</label><select id=\"k-body\" name=\"body\" required>");
    options_consult_bodies(r, v->d->step, kept(v, "consult", NULL, NULL, "body", NULL));
    html_raw(&r->out, "</select><label for=\"k-answer\">Svar</label><select id=\"k-answer\" name=\"answer\">");
    options_answers(r, kept(v, "consult", NULL, NULL, "answer", "tillstyrker"));
    html_printf(&r->out,
                "</select><label for=\"k-date\">Datum</label>"
                "<input id=\"k-date\" name=\"date\" type=\"date\" required value=\"%s\">"
                "<label for=\"k-note\">Kommentar (valfri)</label>"
                "<textarea id=\"k-note\" name=\"note\" rows=\"3\" maxlength=\"4000\">%s</textarea>"
                "<button type=\"submit\">Registrera förankring</button></form>",
                kept(v, "consult", NULL, NULL, "date", today), kept(v, "consult", NULL, NULL, "note", ""));
}

static void decision_form(const CaseView *v)
{
    Request *r = v->r;
    char today[11];
    iso_today(today);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack entry\"><h3>Registrera beslut</h3>",
                url(r, "/cases/%lld/decisions", v->d->c.id));
    csrf_field(r);
    html_raw(&r->out,
             "<label for=\"b-body\">Beslutande organ</label><select id=\"b-body\" name=\"body\" required>");
    options_deciders(r, v->d->step, kept(v, "decide", NULL, NULL, "body", NULL));
    html_printf(&r->out,
                "</select><label for=\"b-date\">Datum</label>"
                "<input id=\"b-date\" name=\"date\" type=\"date\" required value=\"%s\">"
                "<label for=\"b-paragraph\">Paragraf</label>"
                "<input id=\"b-paragraph\" name=\"paragraph\" maxlength=\"32\" value=\"%s\" "
                "aria-describedby=\"b-paragraph-hint\">"
                "<p class=\"hint\" id=\"b-paragraph-hint\">Till exempel § 61. Kan lämnas tom vid "
                "delegationsbeslut.</p>"
                "<label for=\"b-text\">Beslutstext</label>"
                "<textarea id=\"b-text\" name=\"text\" rows=\"5\" required>%s</textarea>"
                "<button type=\"submit\">Registrera beslut</button></form>",
                kept(v, "decide", NULL, NULL, "date", today), kept(v, "decide", NULL, NULL, "paragraph", ""),
                kept(v, "decide", NULL, NULL, "text", ""));
}

void case_section_anchoring(const CaseView *v)
{
    StepKind kind = v->d->step->kind;
    html_raw(&v->r->out, "<section id=\"forankring-och-beslut\" aria-labelledby=\"h-anchoring\">"
                         "<h2 id=\"h-anchoring\">Förankring och beslut</h2>");
    if (kind != STEP_ANCHORING && kind != STEP_DECISION && !v->d->nconsultations && !v->d->ndecisions) {
        html_raw(&v->r->out, "<p>Ingen förankring eller något beslut är registrerat ännu.</p></section>");
        return;
    }
    if (kind == STEP_ANCHORING) consult_status(v);
    consultations_table(v);
    if (kind == STEP_ANCHORING && v->can_write) consult_form(v);
    decisions_table(v);
    if (kind == STEP_DECISION && v->can_write) decision_form(v);
    html_raw(&v->r->out, "</section>");
}
