/*
 * page_deviation.c — one deviation (GET /deviations/{id}): every field, its
 * händelseanalyser with their actions, owners and due dates, the Lex Maria
 * report and the feedback to the reporter; for those who may write, a form
 * for status and feedback (POST /deviations/{id}/status, core's
 * deviation_update) and the forms of web/page_deviation_forms.c (serious,
 * händelseanalys, Lex Maria). A refused form comes back on the same page
 * with core's message and what was typed kept. Policy (login, role, CSRF) is
 * the dispatcher's.
 */
#include "web/handlers.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <string.h>

void deviation_fact(Request *r, const char *label, const char *value)
{
    if (value && *value) html_printf(&r->out, "<dt>%s</dt><dd class=\"prewrap\">%s</dd>", label, value);
    else html_printf(&r->out, "<dt>%s</dt><dd>Ej angivet</dd>", label);
}

static void facts(Request *r, const Deviation *d)
{
    html_raw(&r->out, "<section aria-labelledby=\"h-facts\"><h2 id=\"h-facts\">Uppgifter</h2><dl class=\"facts\">");
    deviation_fact(r, "Referens", d->ref);
    deviation_fact(r, "Typ", deviation_kind_text(d->kind));
    html_printf(&r->out, "<dt>Händelsedatum</dt><dd><time datetime=\"%s\">%s</time></dd>", d->event_date,
                d->event_date);
    html_printf(&r->out, "<dt>Rapporterad</dt><dd><time datetime=\"%s\">%s</time></dd>", d->reported_date,
                d->reported_date);
    deviation_fact(r, "Enhet", d->unit_name);
    deviation_fact(r, "Kategori", d->category);
    deviation_fact(r, "Underkategori", d->subcategory);
    html_printf(&r->out, "<dt>Allvarlighetsgrad</dt><dd>%d – %s</dd>", d->severity, severity_label(d->severity));
    html_printf(&r->out, "<dt>Allvarlig händelse</dt><dd>%s</dd>", d->serious ? "Ja" : "Nej");
    deviation_fact(r, "Status", d->status);
    deviation_fact(r, "Beskrivning", d->description);
    deviation_fact(r, "Omedelbar åtgärd", d->immediate_action);
    deviation_fact(r, "Återkoppling till rapportören", d->feedback);
    html_printf(&r->out, "<dt>Registrerad</dt><dd><time datetime=\"%s\">%s</time> (%s)</dd>", d->created_at,
                when_text(r, d->created_at), strcmp(d->entered_via, "import") ? "manuellt" : "importerad");
    html_printf(&r->out, "<dt>Senast ändrad</dt><dd><time datetime=\"%s\">%s</time></dd>", d->updated_at,
                when_text(r, d->updated_at));
    html_raw(&r->out, "</dl></section>");
}

void event_series_links(Request *r, const char *source, long long unit_id, const char *unit, long long category_id,
                        const char *category)
{
    bool dev = !strcmp(source, "deviations");
    const char *noun = dev ? "avvikelser" : "klagomål";
    html_printf(&r->out,
                "<section aria-labelledby=\"h-series\"><h2 id=\"h-series\">Mönster</h2>"
                "<p>%s räknas per enhet och kategori. En enskild händelse säger lite; serien visar om "
                "%s om %s på %s ökar eller följer ett mönster.</p><ul class=\"series-links\">"
                "<li><a href=\"%s\">Styrdiagram: %s om %s på %s</a></li>",
                dev ? "Avvikelser" : "Klagomål", noun, category, unit,
                url(r, "/charts/%lld/%lld?source=%s&level=unit", unit_id, category_id, source), noun, category, unit);
    html_printf(&r->out, "<li><a href=\"%s\">Alla %s om %s på %s</a></li></ul></section>",
                url(r, "/%s?unit=%lld&category=%s", source, unit_id, category), noun, category, unit);
}

static void analysis(Request *r, const EventAnalysis *a, size_t i)
{
    html_printf(&r->out, "<article class=\"analysis\" aria-labelledby=\"h-analysis-%zu\">"
                         "<h3 id=\"h-analysis-%zu\">Händelseanalys påbörjad %s</h3><dl class=\"facts\">",
                i, i, a->started_on);
    deviation_fact(r, "Avslutad", a->finished_on);
    deviation_fact(r, "Händelseförlopp", a->event);
    deviation_fact(r, "Bakomliggande orsaker", a->causes);
    deviation_fact(r, "Slutsats", a->conclusion);
    html_printf(&r->out, "<dt>Registrerad</dt><dd>%s", when_text(r, a->created_at));
    if (a->created_by && *a->created_by) html_printf(&r->out, " av %s", a->created_by);
    html_raw(&r->out, "</dd></dl>");
    if (!a->nactions) {
        html_raw(&r->out, "<p>Inga åtgärder.</p></article>");
        return;
    }
    html_printf(&r->out, "<table class=\"actions-table\"><caption>Åtgärder i händelseanalys %zu</caption><thead><tr>"
                         "<th scope=\"col\">Åtgärd</th><th scope=\"col\">Ansvarig</th>"
                         "<th scope=\"col\">Klar senast</th><th scope=\"col\">Genomförd</th></tr></thead><tbody>",
                i);
    for (size_t k = 0; k < a->nactions; k++) {
        const AnalysisAction *x = &a->actions[k];
        html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td><time datetime=\"%s\">%s</time></td><td>%s</td></tr>",
                    x->action, x->owner, x->due_date, x->due_date, *x->done_on ? x->done_on : "Pågår");
    }
    html_raw(&r->out, "</tbody></table></article>");
}

static void analyses(Request *r, const DeviationDetail *d, const char *posted, bool can_write)
{
    html_raw(&r->out, "<section aria-labelledby=\"h-analyses\"><h2 id=\"h-analyses\">Händelseanalyser</h2>");
    if (!d->nanalyses) html_raw(&r->out, "<p>Ingen händelseanalys.</p>");
    for (size_t i = 0; i < d->nanalyses; i++) analysis(r, &d->analyses[i], i + 1);
    if (can_write) deviation_analysis_form(r, d, posted);
    html_raw(&r->out, "</section>");
}

static void lex_maria(Request *r, const DeviationDetail *d, const char *posted, bool can_write)
{
    html_raw(&r->out, "<section aria-labelledby=\"h-lexmaria\"><h2 id=\"h-lexmaria\">Lex Maria</h2>");
    const LexMaria *m = d->lex_maria;
    if (!m) {
        html_raw(&r->out, "<p>Inte anmäld enligt Lex Maria.</p>");
        if (can_write) deviation_lex_maria_form(r, d, posted);
        html_raw(&r->out, "</section>");
        return;
    }
    html_printf(&r->out, "<dl class=\"facts\"><dt>Skickad till IVO</dt><dd><time datetime=\"%s\">%s</time></dd>",
                m->sent_on, m->sent_on);
    deviation_fact(r, "IVO:s diarienummer", m->ivo_ref);
    deviation_fact(r, "Anteckning", m->note);
    html_printf(&r->out, "<dt>Registrerad</dt><dd>%s", when_text(r, m->created_at));
    if (m->created_by && *m->created_by) html_printf(&r->out, " av %s", m->created_by);
    html_raw(&r->out, "</dd></dl></section>");
}

void status_options(Request *r, const char *const *words, size_t n, const char *selected)
{
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", words[i],
                    selected && !strcmp(selected, words[i]) ? " selected" : "", words[i]);
}

void status_form_open(Request *r, const char *heading, const char *action, const char *const *statuses,
                      const char *status)
{
    html_printf(&r->out,
                "<section aria-labelledby=\"h-status\"><h2 id=\"h-status\">%s</h2>"
                "<form method=\"post\" action=\"%s\" class=\"stack\">",
                heading, action);
    csrf_field(r);
    html_raw(&r->out, "<label for=\"status\">Status</label><select id=\"status\" name=\"status\">");
    status_options(r, statuses, 4, status);
    html_raw(&r->out, "</select>");
}

static void status_form(Request *r, const Deviation *d, bool posted)
{
    const char *status = posted ? form_param(r, "status") : NULL;
    const char *feedback = posted ? form_param(r, "feedback") : NULL;
    if (!status) status = d->status;
    if (!feedback) feedback = d->feedback;
    status_form_open(r, "Ändra status och återkoppling", url(r, "/deviations/%lld/status", d->id), deviation_statuses,
                     status);
    html_printf(&r->out,
                "<label for=\"feedback\">Återkoppling till rapportören</label>"
                "<textarea id=\"feedback\" name=\"feedback\" rows=\"4\" aria-describedby=\"fb-hint\">%s</textarea>"
                "<p class=\"hint\" id=\"fb-hint\">Krävs för att avsluta avvikelsen. Skriv inga personnummer.</p>"
                "<button type=\"submit\">Spara</button></form></section>",
                feedback);
}

void render_deviation_page(Request *r, long long id, const char *posted, const Err *error)
{
    DeviationDetail d;
    Err e = ERR_INIT;
    if (deviation_detail(r->db, id, &d, &e)) {
        reply_err(r, &e);
        return;
    }
    bool can_write = role_can_write(r->user.role);
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, arena_printf(&r->arena, "Avvikelse %s", d.d.ref));
    html_printf(&r->out, "<h1>Avvikelse <span class=\"ref\">%s</span>", d.d.ref);
    if (d.d.serious) html_raw(&r->out, " <span class=\"badge serious\">Allvarlig</span>");
    html_raw(&r->out, "</h1>");
    html_printf(&r->out, "<p><a href=\"%s\">← Alla avvikelser</a></p>", url(r, "/deviations"));
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    facts(r, &d.d);
    event_series_links(r, "deviations", d.d.unit_id, d.d.unit_name, d.d.category_id, d.d.category);
    if (can_write) deviation_serious_form(r, &d);
    analyses(r, &d, posted, can_write);
    lex_maria(r, &d, posted, can_write);
    if (can_write) status_form(r, &d.d, posted && !strcmp(posted, "status"));
    record_history_section(r, RECORD_DEVIATION, d.d.id);
    page_end(r);
    deviation_detail_free(&d);
}

void page_deviation_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render_deviation_page(r, id, NULL, NULL);
}

void page_deviation_status(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    const char *status = form_param(r, "status");
    const char *feedback = form_param(r, "feedback");
    if (is_blank(status)) status = NULL;
    if (is_blank(feedback)) feedback = NULL; /* core keeps what was there */
    Err e = ERR_INIT;
    if (deviation_update(r->db, &r->user, id, status, feedback, &e)) {
        if (e.code == ERR_NOTFOUND) {
            reply_err(r, &e);
            return;
        }
        render_deviation_page(r, id, "status", &e);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/deviations/%lld?ok=deviation-updated", id));
}
