/*
 * page_case_records.c — what a case collects: links to plan items, and the
 * answers of consulted bodies (förankring) and decisions (beslut) from every
 * step, with the forms to add them when the current step allows it. The
 * forms pre-select what the case's decision path proposes (core/case_scope.h)
 * and say why; the official can always choose another body.
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

static bool in_list(char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], s)) return true;
    return false;
}

static void status_item(const CaseView *v, const char *body)
{
    Request *r = v->r;
    const Consultation *k = answer_in_step(v->d, body);
    html_printf(&r->out, "<li>%s – %s", body, k ? consultation_answer_label(k->answer) : "inte hörd ännu");
    if (proposal_anchors(v->prop, body)) html_raw(&r->out, " <span class=\"proposed\">Föreslås av beslutsvägen</span>");
    html_raw(&r->out, "</li>");
}

/* Which of the bodies the process names have answered in this step, then
 * the bodies the case's decision path proposes beyond those. */
static void consult_status(const CaseView *v)
{
    Request *r = v->r;
    const Step *s = v->d->step;
    const CaseProposal *p = v->prop;
    if (!s->nconsult && !p->nanchoring) return;
    html_raw(&r->out, "<p>Ska höras i det här steget enligt processen och beslutsvägen:</p><ul class=\"consult-status\">");
    for (size_t i = 0; i < s->nconsult; i++) status_item(v, s->consult[i]);
    for (size_t i = 0; i < p->nanchoring; i++)
        if (!in_list(s->consult, s->nconsult, p->anchoring[i])) status_item(v, p->anchoring[i]);
    html_raw(&r->out, "</ul>");
}

/* The body to pre-select: the first proposed one not yet heard here. */
static const char *next_proposed(const CaseView *v)
{
    for (size_t i = 0; i < v->prop->nanchoring; i++)
        if (!answer_in_step(v->d, v->prop->anchoring[i])) return v->prop->anchoring[i];
    return NULL;
}

/* Under the body field: what the decision path proposes, or how to get a proposal. */
static void consult_hint(const CaseView *v)
{
    Request *r = v->r;
    const CaseProposal *p = v->prop;
    html_raw(&r->out, "<p class=\"hint\" id=\"k-body-hint\">");
    if (!p->scope.set)
        html_raw(&r->out, "Ange <a href=\"#omfattning\">åtgärdens omfattning</a> så föreslår Lots vilka organ "
                          "ärendet ska förankras i.");
    else if (p->error || !p->nanchoring)
        html_raw(&r->out, "Beslutsvägen föreslår ingen förankring i något organ för den här åtgärden.");
    else {
        html_raw(&r->out, "Föreslås av beslutsvägen: ");
        for (size_t i = 0; i < p->nanchoring; i++)
            html_printf(&r->out, "%s%s", i == 0 ? "" : i + 1 == p->nanchoring ? " och " : ", ", p->anchoring[i]);
        html_raw(&r->out, ". Förvalt är det första som inte har hörts ännu; du kan välja ett annat organ.");
    }
    html_raw(&r->out, "</p>");
}

static void consult_form(const CaseView *v)
{
    Request *r = v->r;
    char today[11];
    iso_today(today);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack entry\"><h3>Registrera förankring</h3>",
                url(r, "/cases/%lld/consultations", v->d->c.id));
    csrf_field(r);
    html_raw(&r->out, "<label for=\"k-body\">Organ</label>"
                      "<select id=\"k-body\" name=\"body\" required aria-describedby=\"k-body-hint\">");
    options_consult_bodies(r, v->d->step, kept(v, "consult", NULL, NULL, "body", next_proposed(v)),
                           v->prop->anchoring, v->prop->nanchoring);
    html_raw(&r->out, "</select>");
    consult_hint(v);
    html_raw(&r->out, "<label for=\"k-answer\">Svar</label><select id=\"k-answer\" name=\"answer\">");
    options_answers(r, kept(v, "consult", NULL, NULL, "answer", "tillstyrker"));
    html_printf(&r->out,
                "</select><label for=\"k-date\">Datum</label>"
                "<input id=\"k-date\" name=\"date\" type=\"date\" required value=\"%s\">"
                "<label for=\"k-note\">Kommentar (valfri)</label>"
                "<textarea id=\"k-note\" name=\"note\" rows=\"3\" maxlength=\"4000\">%s</textarea>"
                "<button type=\"submit\">Registrera förankring</button></form>",
                kept(v, "consult", NULL, NULL, "date", today), kept(v, "consult", NULL, NULL, "note", ""));
}

/* The deciding body the path proposes, if the step lets it decide. */
static const char *proposed_decider(const CaseView *v)
{
    const CaseProposal *p = v->prop;
    return p->decides >= 0 && p->decides_allowed && p->decision_step == v->d->step ? p->bodies[p->decides] : NULL;
}

/* Under the body field: what the path proposes and why, or plainly why
 * its decider is not one of the step's. */
static void decision_hint(const CaseView *v)
{
    Request *r = v->r;
    const CaseProposal *p = v->prop;
    bool misfit = p->scope.set && !p->error && p->decides >= 0 && !p->decides_allowed;
    html_printf(&r->out, "<p class=\"hint%s\" id=\"b-body-hint\">", misfit ? " misfit" : "");
    if (!p->scope.set)
        html_raw(&r->out, "Ange <a href=\"#omfattning\">åtgärdens omfattning</a> så föreslår Lots vem som beslutar.");
    else if (p->error)
        html_printf(&r->out, "Lots kan inte föreslå vem som beslutar: %s", p->error);
    else if (p->decides < 0)
        html_printf(&r->out, "%s", p->decides_note);
    else
        html_printf(&r->out, "%s Skäl: %s Du kan alltid välja ett annat organ.", p->decides_note,
                    p->path.steps[p->decides].reason);
    html_raw(&r->out, "</p>");
}

static void decision_form(const CaseView *v)
{
    Request *r = v->r;
    char today[11];
    iso_today(today);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack entry\"><h3>Registrera beslut</h3>",
                url(r, "/cases/%lld/decisions", v->d->c.id));
    csrf_field(r);
    html_raw(&r->out, "<label for=\"b-body\">Beslutande organ</label>"
                      "<select id=\"b-body\" name=\"body\" required aria-describedby=\"b-body-hint\">");
    const char *proposed = proposed_decider(v);
    options_deciders(r, v->d->step, kept(v, "decide", NULL, NULL, "body", proposed), proposed);
    html_raw(&r->out, "</select>");
    decision_hint(v);
    html_printf(&r->out,
                "<label for=\"b-date\">Datum</label>"
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
