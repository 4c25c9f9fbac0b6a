/*
 * page_complaint.c — one complaint (GET /complaints/{id}): every field with
 * the answer to the complainant; links to the control chart of its unit ×
 * category (/charts/{unit}/{category}?source=complaints&level=unit) and to
 * the other complaints of that unit and category, so that one complaint is
 * seen against the pattern; and for those who may write, a form for status,
 * closed date and the answer (POST /complaints/{id}/status, core's
 * complaint_update), as on the deviation page. A refused form comes back on
 * the same page with core's message and what was typed kept. Policy (login,
 * role, CSRF) is the dispatcher's.
 */
#include "web/handlers.h"
#include "web/page_complaint.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <string.h>

static void facts(Request *r, const Complaint *c)
{
    html_raw(&r->out, "<section aria-labelledby=\"h-facts\"><h2 id=\"h-facts\">Uppgifter</h2><dl class=\"facts\">");
    deviation_fact(r, "Referens", c->ref);
    deviation_fact(r, "Källa", c->source);
    deviation_fact(r, "Enhet", c->unit_name);
    deviation_fact(r, "Kategori", c->category);
    deviation_fact(r, "Underkategori", c->subcategory);
    html_printf(&r->out, "<dt>Inkommet</dt><dd><time datetime=\"%s\">%s</time></dd>", c->received_date,
                c->received_date);
    deviation_fact(r, "Händelsedatum", c->event_date);
    deviation_fact(r, "Beskrivning", c->description);
    deviation_fact(r, "Status", c->status);
    deviation_fact(r, "Avslutat", c->closed_date);
    deviation_fact(r, "Svar till den klagande", c->answer);
    html_printf(&r->out, "<dt>Registrerat</dt><dd><time datetime=\"%s\">%s</time> (%s)</dd>", c->created_at,
                when_text(r, c->created_at), strcmp(c->entered_via, "import") ? "manuellt" : "importerat");
    html_printf(&r->out, "<dt>Senast ändrat</dt><dd><time datetime=\"%s\">%s</time></dd></dl></section>",
                c->updated_at, when_text(r, c->updated_at));
}

/* One complaint is a point in a series: the way from it to the pattern. */
static void status_form(Request *r, const Complaint *c, bool posted)
{
    const char *status = posted ? form_param(r, "status") : NULL;
    const char *closed = posted ? form_param(r, "closed_date") : NULL;
    const char *answer = posted ? form_param(r, "answer") : NULL;
    if (!status) status = c->status;
    if (!answer) answer = c->answer;
    status_form_open(r, "Ändra status och svar", url(r, "/complaints/%lld/status", c->id), complaint_statuses, status);
    html_printf(&r->out,
                "<label for=\"closed_date\">Avslutat</label>"
                "<input type=\"date\" id=\"closed_date\" name=\"closed_date\" value=\"%s\" "
                "aria-describedby=\"closed-hint\">"
                "<p class=\"hint\" id=\"closed-hint\">Bara för status avslutat. Tomt: i dag, eller det datum "
                "klagomålet redan är avslutat.</p>"
                "<label for=\"answer\">Svar till den klagande</label>"
                "<textarea id=\"answer\" name=\"answer\" rows=\"5\" aria-describedby=\"answer-hint\">%s</textarea>"
                "<p class=\"hint\" id=\"answer-hint\">Vad patienten, de närstående, IVO eller Patientnämnden fick "
                "för svar. Krävs för status besvarat. Skriv inga personnummer.</p>"
                "<button type=\"submit\">Spara</button></form></section>",
                closed ? closed : "", answer);
}

/* The whole page of complaint `id`; after a refused status form `error` is
 * shown with its status and what was typed kept. */
static void render_complaint_page(Request *r, long long id, const Err *error)
{
    Complaint c;
    Err e = ERR_INIT;
    if (complaint_get(r->db, id, &c, &e)) {
        reply_err(r, &e);
        return;
    }
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, arena_printf(&r->arena, "Klagomål %s", c.ref));
    html_printf(&r->out, "<h1>Klagomål <span class=\"ref\">%s</span></h1><p><a href=\"%s\">← Alla klagomål</a></p>",
                c.ref, url(r, "/complaints"));
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    facts(r, &c);
    event_series_links(r, "complaints", c.unit_id, c.unit_name, c.category_id, c.category);
    if (role_can_write(r->user.role)) status_form(r, &c, error != NULL);
    record_history_section(r, RECORD_COMPLAINT, c.id);
    page_end(r);
    complaint_free(&c);
}

void page_complaint_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render_complaint_page(r, id, NULL);
}

void page_complaint_status(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    const char *status = form_param(r, "status");
    const char *closed = form_param(r, "closed_date");
    const char *answer = form_param(r, "answer");
    /* blank: core keeps what was there (the closed date: today when closing) */
    Err e = ERR_INIT;
    if (complaint_update(r->db, &r->user, id, is_blank(status) ? NULL : status, is_blank(closed) ? NULL : closed,
                         is_blank(answer) ? NULL : answer, &e)) {
        if (e.code == ERR_NOTFOUND) reply_err(r, &e);
        else render_complaint_page(r, id, &e);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/complaints/%lld?ok=complaint-updated", id));
}
